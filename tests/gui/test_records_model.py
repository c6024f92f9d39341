"""The record models and their proxy, without any window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import shiboken6
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

from console.gui.tables.date_presets import (
    LAST_7_DAYS,
    LAST_30_DAYS,
    THIS_MONTH,
    TODAY,
    day_bounds_ms,
    preset_days,
)
from console.gui.tables.filter_proxy import RecordsProxy
from console.gui.tables.formatting import local_time_text
from console.gui.tables.records_model import SORT_ROLE
from tests.gui.records_support import BASE_MS, BillRows, RefundRows, bill, refund

DISPLAY = Qt.ItemDataRole.DisplayRole


def texts(proxy: RecordsProxy, column: int) -> list[str]:
    return [proxy.index(row, column).data(DISPLAY) for row in range(proxy.rowCount())]


def bill_nos(proxy: RecordsProxy) -> list[str]:
    return texts(proxy, 0)


@pytest.fixture
def owner(qapp: QApplication) -> Iterator[QObject]:
    """Parent of a test's models, deleted on this thread when the test ends."""
    parent = QObject()
    yield parent
    shiboken6.delete(parent)


@pytest.fixture
def bills(owner: QObject) -> tuple[BillRows, RecordsProxy]:
    model = BillRows(owner)
    return model, RecordsProxy(model, owner)


def test_each_page_is_inserted_with_one_signal(bills) -> None:
    model, proxy = bills
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.append([bill(i) for i in range(50)])
    model.append([bill(i) for i in range(50, 100)])
    model.append([bill(i) for i in range(100, 120)])
    model.append([])
    assert inserted == [(0, 49), (50, 99), (100, 119)]
    assert model.rowCount() == proxy.rowCount() == 120
    model.clear()
    assert model.rowCount() == proxy.rowCount() == 0


def test_display_strings_and_raw_sort_values(bills) -> None:
    model, _ = bills
    created = BASE_MS + 5_000
    model.clear({"BILL00000002": "JPY"})
    model.append(
        [
            bill(1, 123456, currency="USD", created=created),
            bill(2, 120000, currency=None, paid=False),  # remembered by the console: JPY
            bill(3, 99, currency=None, channel="WX_APP"),  # no currency anywhere
        ]
    )
    amount, currency, paid, when = (
        model.column_of(k) for k in ("total_fee", "currency", "paid", "created_time")
    )

    def cell(row: int, column: int, role: int) -> object:
        return model.index(row, column).data(role)

    assert cell(0, amount, DISPLAY) == "1,234.56" and cell(0, amount, SORT_ROLE) == 123456
    assert cell(1, amount, DISPLAY) == "1,200" and cell(1, currency, DISPLAY) == "JPY"
    assert cell(2, amount, DISPLAY) == "0.99" and cell(2, currency, DISPLAY) == ""
    assert cell(0, paid, DISPLAY) == "Paid" and cell(0, paid, SORT_ROLE) is True
    assert cell(1, paid, DISPLAY) == "Unpaid" and cell(1, paid, SORT_ROLE) is False
    assert cell(0, when, SORT_ROLE) == created
    assert cell(0, when, DISPLAY) == datetime.fromtimestamp(created // 1000).strftime(
        "%Y-%m-%d %H:%M:%S"
    )
    value = cell(0, amount, Qt.ItemDataRole.TextAlignmentRole)
    assert isinstance(value, int)
    alignment = Qt.AlignmentFlag(value)
    assert alignment & Qt.AlignmentFlag.AlignRight


def test_sorting_by_amount_is_numeric(bills) -> None:
    model, proxy = bills
    model.append([bill(1, 900), bill(2, 10_000), bill(3, 2_000), bill(4, 15)])
    amount = model.column_of("total_fee")
    proxy.sort(amount, Qt.SortOrder.AscendingOrder)
    assert texts(proxy, amount) == ["0.15", "9.00", "20.00", "100.00"]
    proxy.sort(amount, Qt.SortOrder.DescendingOrder)
    assert texts(proxy, amount) == ["100.00", "20.00", "9.00", "0.15"]
    proxy.sort(-1)
    assert bill_nos(proxy) == [f"BILL{i:08d}" for i in (1, 2, 3, 4)]  # the server's order


def test_sorting_by_time_is_chronological_and_ties_keep_the_server_order(bills) -> None:
    model, proxy = bills
    day = 86_400_000
    model.append(
        [
            bill(1, created=BASE_MS + 10 * day),
            bill(2, created=BASE_MS),
            bill(3, created=BASE_MS + 9 * day),
            bill(4, created=BASE_MS),
        ]
    )
    when = model.column_of("created_time")
    proxy.sort(when, Qt.SortOrder.AscendingOrder)
    assert bill_nos(proxy) == ["BILL00000002", "BILL00000004", "BILL00000003", "BILL00000001"]
    proxy.sort(when, Qt.SortOrder.DescendingOrder)
    assert bill_nos(proxy) == ["BILL00000001", "BILL00000003", "BILL00000002", "BILL00000004"]


def test_sorting_by_paid_puts_unpaid_first(bills) -> None:
    model, proxy = bills
    model.append([bill(1, paid=True), bill(2, paid=False), bill(3, paid=True)])
    proxy.sort(model.column_of("paid"), Qt.SortOrder.AscendingOrder)
    assert bill_nos(proxy) == ["BILL00000002", "BILL00000001", "BILL00000003"]


def test_pages_arriving_while_sorted_are_put_in_place(bills) -> None:
    model, proxy = bills
    amount = model.column_of("total_fee")
    proxy.sort(amount, Qt.SortOrder.DescendingOrder)
    model.append([bill(1, 500), bill(2, 100)])
    model.append([bill(3, 300), bill(4, 700), bill(5, 100)])
    assert texts(proxy, amount) == ["7.00", "5.00", "3.00", "1.00", "1.00"]
    assert bill_nos(proxy)[-2:] == ["BILL00000002", "BILL00000005"]
    proxy.sort(amount, Qt.SortOrder.AscendingOrder)
    model.append([bill(6, 200)])
    assert texts(proxy, amount) == ["1.00", "1.00", "2.00", "3.00", "5.00", "7.00"]


def test_a_page_landing_in_one_place_is_one_insert(bills) -> None:
    model, proxy = bills
    proxy.sort(model.column_of("created_time"), Qt.SortOrder.DescendingOrder)  # the default
    model.append([bill(i) for i in range(50)])
    inserts: list[tuple[int, int]] = []
    proxy.rowsInserted.connect(lambda _parent, first, last: inserts.append((first, last)))
    model.append([bill(i) for i in range(50, 100)])  # the server's next page: older bills
    assert inserts == [(50, 99)]
    assert bill_nos(proxy) == [f"BILL{i:08d}" for i in range(100)]
    model.append([bill(i, created=BASE_MS + i) for i in (1000, 1001)])  # two newer ones
    assert inserts[1:] == [(0, 1)]
    assert bill_nos(proxy)[:2] == ["BILL00001001", "BILL00001000"]


def test_free_text_filter_looks_in_bill_no_title_and_channel(bills) -> None:
    model, proxy = bills
    model.append(
        [
            bill(1, title="蓝牙耳机（黑色）", channel="WX_APP"),
            bill(2, title="Wireless Mouse"),
            bill(3, title="Coffee", channel="ALI_WEB", total_fee=4242),
        ]
    )
    proxy.set_text_filter("mouse")
    assert bill_nos(proxy) == ["BILL00000002"]
    proxy.set_text_filter("  耳机 ")
    assert bill_nos(proxy) == ["BILL00000001"]
    proxy.set_text_filter("ali_web")
    assert bill_nos(proxy) == ["BILL00000003"]
    proxy.set_text_filter("bill00000003")
    assert bill_nos(proxy) == ["BILL00000003"]
    proxy.set_text_filter("paypal wireless")  # every word must match
    assert bill_nos(proxy) == ["BILL00000002"]
    proxy.set_text_filter("42.42")  # amounts are not searched
    assert bill_nos(proxy) == []
    proxy.set_text_filter("")
    assert proxy.rowCount() == 3


def test_paid_filter_and_text_filter_combine_and_follow_new_pages(bills) -> None:
    model, proxy = bills
    model.append([bill(1, paid=True), bill(2, paid=False, title="Gift card")])
    proxy.set_status_filter("unpaid")
    assert bill_nos(proxy) == ["BILL00000002"]
    model.append([bill(3, paid=False), bill(4, paid=True)])
    assert bill_nos(proxy) == ["BILL00000002", "BILL00000003"]
    proxy.set_text_filter("gift")
    assert bill_nos(proxy) == ["BILL00000002"]
    proxy.set_status_filter("paid")
    assert bill_nos(proxy) == []
    proxy.set_text_filter("")
    proxy.set_status_filter(None)
    assert proxy.rowCount() == 4


def test_selection_stays_on_its_record_through_sort_and_filter(bills) -> None:
    model, proxy = bills
    model.append([bill(1, 300), bill(2, 100), bill(3, 200)])
    selection = QItemSelectionModel(proxy, proxy)
    selection.setCurrentIndex(proxy.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    kept = QPersistentModelIndex(proxy.index(2, 0))
    proxy.sort(model.column_of("total_fee"), Qt.SortOrder.AscendingOrder)
    assert selection.currentIndex().data() == "BILL00000001"
    assert selection.currentIndex().row() == 2 and kept.row() == 1
    proxy.set_text_filter("00000003")
    assert not kept.isValid() or kept.data() == "BILL00000003"
    assert proxy.mapToSource(proxy.index(0, 0)).row() == 2
    assert proxy.mapFromSource(model.index(2, 0)).row() == 0
    assert not proxy.mapFromSource(model.index(1, 0)).isValid()
    assert not proxy.index(0, 0).parent().isValid()
    assert proxy.rowCount(proxy.index(0, 0)) == 0 and proxy.data(QModelIndex()) is None


def test_refunds_show_amounts_with_currency_and_filter_by_state(owner: QObject) -> None:
    model = RefundRows(owner)
    proxy = RecordsProxy(model, owner)
    model.clear({"BILL00000002": "JPY"})
    model.append(
        [
            refund(1, 1250, currency="EUR"),
            refund(2, 50_000),
            refund(3, 7, finished=False, succeeded=False),
            refund(4, 8, succeeded=False),
        ]
    )
    fee, total = model.column_of("refund_fee"), model.column_of("total_fee")
    assert texts(proxy, fee) == ["EUR 12.50", "JPY 500", "0.07", "0.08"]
    assert texts(proxy, total)[:2] == ["EUR 25.00", "JPY 1,000"]
    assert proxy.index(1, fee).data(SORT_ROLE) == 50_000
    proxy.set_status_filter("in_progress")
    assert texts(proxy, 1) == ["20251229000003"]
    proxy.set_status_filter("failed")
    assert texts(proxy, 1) == ["20251229000004"]
    proxy.set_status_filter(None)
    proxy.set_text_filter("20251229000002")  # refund numbers are searched too
    assert texts(proxy, 1) == ["20251229000002"]


def test_date_presets_cover_whole_local_days() -> None:
    today = date(2026, 3, 18)
    assert preset_days(TODAY, today) == (today, today)
    assert preset_days(LAST_7_DAYS, today) == (date(2026, 3, 12), today)
    assert preset_days(LAST_30_DAYS, today) == (date(2026, 2, 17), today)
    assert preset_days(THIS_MONTH, today) == (date(2026, 3, 1), today)
    start, end = day_bounds_ms(date(2026, 3, 12), today)
    assert len(str(start)) == len(str(end)) == 13
    assert local_time_text(start) == "2026-03-12 00:00:00"
    assert local_time_text(end) == "2026-03-18 23:59:59" and end % 1000 == 999
    assert local_time_text(end + 1) == "2026-03-19 00:00:00"
    assert datetime.fromtimestamp(start / 1000) == datetime(2026, 3, 12)
    assert day_bounds_ms(today, today)[1] - day_bounds_ms(today, today)[0] >= (
        timedelta(hours=23).total_seconds() * 1000
    )


def test_filter_and_sort_hold_at_100000_rows(bills) -> None:
    """Correctness at the benchmark's size (its speed targets live in the benchmarks)."""
    model, proxy = bills
    titles = ("白开水", "年度会员订阅", "Wireless mouse", "Coffee beans 1kg", "Gift card")
    records = [
        bill(i, (i * 7919) % 1_000_000 + 1, title=titles[i % 5], paid=i % 3 > 0)
        for i in range(100_000)
    ]
    for start in range(0, len(records), 5_000):
        model.append(records[start : start + 5_000])
    proxy.set_text_filter("mou")
    assert proxy.rowCount() == 20_000
    proxy.set_text_filter("")
    amount = model.column_of("total_fee")
    proxy.sort(amount, Qt.SortOrder.AscendingOrder)
    assert proxy.rowCount() == 100_000
    assert proxy.index(0, amount).data(DISPLAY) == "0.01"


def test_a_cleared_table_is_empty_at_once_and_frees_its_rows_a_slice_per_turn(bills, qtbot) -> None:
    model, proxy = bills
    records = [bill(i) for i in range(25_000)]
    model.append(records)
    old_rows = model._records  # the list the table held (private: what is freed)
    model.clear()
    assert model.rowCount() == proxy.rowCount() == 0
    assert len(old_rows) == 25_000  # not freed yet: the reset itself stays quick
    for left in (15_000, 5_000, 0):  # a slice per turn of the event loop
        QApplication.processEvents()
        assert len(old_rows) == left
    model.append(records[:3])  # and the table goes on as new
    assert bill_nos(proxy) == [r.bill_no for r in records[:3]]


def test_formatted_texts_are_made_when_first_shown_and_kept(bills) -> None:
    model, _ = bills
    model.append([bill(1, 123456, created=BASE_MS)])
    amount, when = model.column_of("total_fee"), model.column_of("created_time")
    assert model._texts[amount] == [None] and model._texts[when] == [None]  # not made yet
    assert model.index(0, amount).data(DISPLAY) == "1,234.56"
    assert model.text(0, when) == local_time_text(BASE_MS)
    assert model._texts[amount] == ["1,234.56"] and model._texts[when] == [local_time_text(BASE_MS)]


@settings(max_examples=60, deadline=None)
@given(
    pages=st.lists(
        st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=20),
        min_size=1,
        max_size=6,
    ),
    descending=st.booleans(),
    word=st.sampled_from(["", "mouse", "coffee"]),
)
def test_pages_put_in_place_under_a_sort_give_the_order_a_full_sort_gives(
    qapp: QApplication, pages: list[list[int]], descending: bool, word: str
) -> None:
    owner = QObject()
    try:
        model = BillRows(owner)
        proxy = RecordsProxy(model, owner)
        amount = model.column_of("total_fee")
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        proxy.sort(amount, order)
        proxy.set_text_filter(word)
        serial = 0
        for page in pages:
            titles = ("Wireless mouse", "Coffee beans 1kg", "白开水")
            model.append([bill(serial := serial + 1, fee, title=titles[fee % 3]) for fee in page])
        every = [model.record(row) for row in range(model.rowCount())]
        kept = [r for r in every if word.casefold() in r.title.casefold()]
        # equal amounts keep the server's order, both ways
        expected = sorted(kept, key=lambda r: -r.total_fee if descending else r.total_fee)
        assert bill_nos(proxy) == [r.bill_no for r in expected]
        assert_rows_map_both_ways(proxy, model.rowCount())
        proxy.set_text_filter("")
        everything = sorted(every, key=lambda r: -r.total_fee if descending else r.total_fee)
        assert bill_nos(proxy) == [r.bill_no for r in everything]
        proxy.sort(-1)  # the server's order
        proxy.set_text_filter(word)
        assert_rows_map_both_ways(proxy, model.rowCount())
    finally:
        shiboken6.delete(owner)


def assert_rows_map_both_ways(proxy: RecordsProxy, model_rows: int) -> None:
    """proxy_row is source_row's inverse, and None for exactly the rows filtered out."""
    shown = proxy.shown_source_rows()
    assert [proxy.proxy_row(row) for row in shown] == list(range(len(shown)))
    hidden = set(range(model_rows)) - set(shown)
    assert all(proxy.proxy_row(row) is None for row in hidden)


TITLES = ("Wireless mouse", "Coffee beans 1kg", "白开水", "Coffee mug")
TYPED = ("", "c", "co", "cof", "coffee", "co be", "mug co", "白", "白开", "mouse")
STEP = st.one_of(
    st.tuples(st.just("type"), st.sampled_from(TYPED)),
    st.tuples(st.just("status"), st.sampled_from([None, "paid", "unpaid"])),
    st.tuples(st.just("sort"), st.sampled_from([-1, 0, 3]), st.booleans()),
    st.tuples(st.just("page"), st.integers(min_value=1, max_value=8)),
)


@settings(max_examples=80, deadline=None)
@given(steps=st.lists(STEP, min_size=1, max_size=12))
def test_filters_typed_on_show_what_filtering_everything_afresh_shows(
    qapp: QApplication, steps: list[tuple[Any, ...]]
) -> None:
    """The text filter narrows from what is shown when typing on (filter_proxy): after
    any mix of typing, status, sort and new pages, the rows shown are those a filter of
    every row would show, in the same order."""
    owner = QObject()
    try:
        model = BillRows(owner)
        proxy = RecordsProxy(model, owner)
        serial = 0
        for step in steps:
            if step[0] == "type":
                proxy.set_text_filter(step[1])
            elif step[0] == "status":
                proxy.set_status_filter(step[1])
            elif step[0] == "sort":
                order = Qt.SortOrder.DescendingOrder if step[2] else Qt.SortOrder.AscendingOrder
                proxy.sort(step[1], order)
            else:
                made = []
                for _ in range(step[1]):
                    serial += 1
                    title, paid = TITLES[serial % 4], serial % 3 > 0
                    made.append(bill(serial, serial % 5, title=title, paid=paid))
                model.append(made)
            fresh = RecordsProxy(model, owner)
            fresh.sort(proxy.sort_column(), proxy.sort_order())
            fresh.set_status_filter(proxy.status_filter())
            fresh.set_text_filter(proxy.text_filter())
            assert proxy.shown_source_rows() == fresh.shown_source_rows()
    finally:
        shiboken6.delete(owner)
