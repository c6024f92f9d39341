"""The Bills tab in the real window, on the embedded sandbox's 120 demo bills."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import QDate, QItemSelectionModel, QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QHeaderView, QMenu

from console.api.channels import APPROVAL_LIFETIME_MS, FAMILIES, SUB_CHANNELS
from console.api.ids import new_refund_no
from console.api.models import BillQuery, BillRecord, RefundQuery, RefundRequest
from console.api.money import Money, format_amount
from console.api.paging import all_bills, all_refunds
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile
from console.gui.settings import SYNC_MINUTES
from console.gui.tables import record_details, row_copy, selection_keeper
from console.gui.tables.date_presets import ANY_DATE, CUSTOM, LAST_7_DAYS, TODAY
from console.gui.tables.filter_bar import day_of
from console.gui.tables.history_tab import HistoryTab
from console.gui.tables.record_details import RecordDetailsDialog
from console.gui.tables.records_model import SORT_ROLE, sample_texts
from console.gui.tabs import bills_tab
from console.gui.tabs.bills_tab import BillsTab
from console.sandbox.faults import Fault
from console.store import mirror_query as mq
from console.store import stamps
from console.store.mirror import BILLS
from console.store.stamps import steady_now
from tests.clock_support import steady_after
from tests.gui.conftest import DEMO_BILLS, BrowserCatcher
from tests.gui.console_support import live_profile
from tests.gui.sandbox_bills import insert_bill, special_bill
from tests.gui.sandbox_truth import embedded_sandbox_client, sandbox_of, sandbox_store
from tests.gui.tab_drivers import (
    WAIT_MS,
    action,
    channels,
    column,
    fill_common,
    pay_and_wait,
    row_of,
    search,
    show_tab,
    tooltip_read,
    type_in,
)
from tests.net_support import closed_port_url

DAY_MS = 86_400_000


def shown_records(tab: HistoryTab) -> list[BillRecord]:
    records = [tab.record_at(row) for row in range(tab.model.rowCount())]
    assert all(isinstance(record, BillRecord) for record in records)
    return records  # type: ignore[return-value]  # each one checked just above


@pytest.fixture
def bills(window: MainWindow, qtbot) -> BillsTab:
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    return tab


# -- loading ----------------------------------------------------------------------


def ids_counted_at_length(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """A selection's ids counted at length: mq.all_ids waits until the event returned is
    set (at most WAIT_MS)."""
    gate = threading.Event()
    all_ids = mq.all_ids

    def held_all_ids(db: sqlite3.Connection, selection: mq.Selection) -> array[int]:
        gate.wait(WAIT_MS / 1000)
        return all_ids(db, selection)

    monkeypatch.setattr(mq, "all_ids", held_all_ids)
    return gate


def test_the_first_showing_syncs_the_history_and_shows_it(window: MainWindow, qtbot) -> None:
    tab = window.bills_tab
    assert tab.count_label.text() == "Press Reload to load."
    history = window.session.history
    counts: list[tuple[str, int | None]] = []
    tab.load_started.connect(
        lambda load: load.page.connect(
            lambda _news: counts.append((tab.count_label.text(), history.as_of_ms()))
        )
    )
    show_tab(window, tab, qtbot)
    # syncing, and as of nothing until the mirror holds a complete sync, refunds included
    # (which the worker may have reached by the time a page's news is shown)
    assert counts and all(text.endswith("syncing…") for text, _ in counts)
    assert all(as_of is not None for text, as_of in counts if "as of" in text)
    assert re.fullmatch(r"120 bills · as of \d\d:\d\d", tab.count_label.text())
    truth = all_bills(embedded_sandbox_client(window.session))
    assert column(tab, "bill_no") == [bill.bill_no for bill in truth]  # newest first
    assert tab.model.rowCount() == DEMO_BILLS
    assert window.history_label.text().startswith("History as of ")
    assert "120 bills" in window.history_label.text()


def test_while_the_rows_are_counted_the_count_says_they_are_so_far(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """A million bills take a moment to count: the rows in by then are not the total,
    and the count says so."""
    gate = threading.Event()
    all_ids = mq.all_ids

    def held(db: sqlite3.Connection, selection: mq.Selection) -> array[int]:
        gate.wait(WAIT_MS / 1000)
        return all_ids(db, selection)

    tab = show_tab(window, window.bills_tab, qtbot)
    monkeypatch.setattr(mq, "all_ids", held)
    try:
        tab.load()  # Reload: the history read again, and synced
        assert re.match(r"Counting… \d+ bills so far · ", tab.count_label.text())
    finally:
        gate.set()
    qtbot.waitUntil(lambda: tab.model.complete and not tab.is_loading(), timeout=WAIT_MS)
    assert re.fullmatch(r"120 bills · as of \d\d:\d\d", tab.count_label.text())


def test_a_list_first_opened_while_a_sync_runs_is_loading_until_it_ends(
    window: MainWindow, qtbot
) -> None:
    """The Bills tab is built the first time it is opened. Opened while a sync runs (the
    one after a payment, say), it said it was not loading: a clerk's search "ended"
    before the sync had brought what it searched for (a bill just approved still said
    Unpaid). It is loading until that sync ends."""
    history = window.session.history
    sandbox_of(window.session).faults.set("bills", Fault("latency", 300, count=1))
    assert "bills" not in window._built
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
        history.sync()
        tab = window.bills_tab
        assert tab.is_loading()
        window.tabs.setCurrentWidget(tab)
        assert tab.is_loading()
    assert not tab.is_loading()


def test_reload_during_a_sync_shows_what_changed_after_that_sync_read_it(
    window: MainWindow, qtbot
) -> None:
    """Reload (F5) asks for what the server has now. A sync running when it is pressed
    (the timer's, or the one after a payment) may have read the bill before its payer
    approved it: the bill stayed Unpaid. One more sync follows that one."""
    bill_no = special_bill(window.session, channel="PAYPAL_PAYPAL", paid=False)
    tab = show_tab(window, window.bills_tab, qtbot)
    tab.filters.bill_no.setText(bill_no)
    with qtbot.waitSignal(tab.load_ended, timeout=WAIT_MS):
        tab.load()
    assert column(tab, "paid") == ["Unpaid"]
    history = window.session.history
    pressed: list[bool] = []

    def approve_then_reload(_news: object) -> None:
        if pressed:
            return
        pressed.append(history.syncing)  # (the sync's end is not seen before this returns)
        with sqlite3.connect(sandbox_store(window.session).path) as db:
            db.execute("UPDATE bills SET paid = 1 WHERE bill_no = ?", (bill_no,))
        db.close()
        qtbot.mouseClick(tab.filters.search, Qt.MouseButton.LeftButton)

    history.sync().page.connect(approve_then_reload)  # the timer's sync, say
    qtbot.waitUntil(lambda: column(tab, "paid") == ["Paid"], timeout=WAIT_MS)
    assert pressed == [True]
    qtbot.waitUntil(lambda: not history.syncing and not tab.is_loading(), timeout=WAIT_MS)
    assert column(tab, "paid") == ["Paid"]


def test_a_row_a_sync_changed_shows_the_change_when_the_sync_ends(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """The clerk looks at an unpaid PayPal bill; its payer approves it and a sync
    brings it paid. The row says Paid as soon as the sync has ended, while the list's
    ids are still being read again on their thread (a million rows take a while, a
    busy computer too). It said Unpaid until then, under a status bar that said the
    history had just been synced."""
    bill_no = special_bill(window.session, channel="PAYPAL_PAYPAL", paid=False)
    tab = show_tab(window, window.bills_tab, qtbot)
    tab.filters.bill_no.setText(bill_no)
    with qtbot.waitSignal(tab.load_ended, timeout=WAIT_MS):
        tab.load()
    qtbot.waitUntil(lambda: tab.model.complete, timeout=WAIT_MS)
    assert column(tab, "paid") == ["Unpaid"]
    with sqlite3.connect(sandbox_store(window.session).path) as db:
        db.execute("UPDATE bills SET paid = 1 WHERE bill_no = ?", (bill_no,))
    db.close()
    go, all_ids = threading.Event(), mq.all_ids

    def held(*args: object, **kwargs: object) -> object:  # the ids, read slowly
        go.wait(WAIT_MS / 1000)
        return all_ids(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mq, "all_ids", held)
    try:
        with qtbot.waitSignal(window.session.history.sync_ended, timeout=WAIT_MS):
            tab.load()
        assert not tab.model.complete  # its ids are still being read
        assert column(tab, "paid") == ["Paid"]
    finally:
        go.set()
    qtbot.waitUntil(lambda: tab.model.complete, timeout=WAIT_MS)
    assert column(tab, "bill_no") == [bill_no] and column(tab, "paid") == ["Paid"]


def test_what_a_sync_brings_flows_in_and_the_view_is_kept(
    window: MainWindow, bills: BillsTab, qtbot
) -> None:
    """New rows come in without resetting the view: the selected bill stays selected
    where it moved to, and the scroll position stays."""
    bills.view.selectRow(5)
    selected = bills.record_at(5).bill_no
    bills.view.verticalScrollBar().setValue(3)
    resets: list[bool] = []
    bills.model.modelReset.connect(lambda: resets.append(True))
    insert_bill(window.session, "NEWBILL000001")
    insert_bill(window.session, "NEWBILL000002")
    search(bills, qtbot)
    assert bills.model.rowCount() == DEMO_BILLS + 2 and not resets
    rows = bills.view.selectionModel().selectedRows()
    assert [bills.record_at(index.row()).bill_no for index in rows] == [selected]
    assert rows[0].row() == 7
    assert bills.view.verticalScrollBar().value() == 3


def test_a_keystroke_reads_no_currency_of_the_bills_this_console_made(
    window: MainWindow, bills: BillsTab, qtbot, monkeypatch
) -> None:
    """A console that took a million payments records a million bills' currencies:
    every keystroke of "Find in the history" read them all, and froze the window for
    1.2 to 1.9 s, its memory 500 MB more. A bill's recorded currency is looked up
    when its row is shown without one."""
    session = window.session
    for number in range(2_000):
        session.local.remember_currency(session.profile.id, f"BC{number:010}", "EUR")
    database = session.local.database
    read = database.read
    rows_read: list[int] = []

    def counted(sql: str, params: Any = ()) -> list[tuple[Any, ...]]:
        rows = read(sql, params)
        if "bill_currency" in sql:
            rows_read.append(len(rows))
        return rows

    monkeypatch.setattr(database, "read", counted)
    for text in ("BC", "BC0", ""):
        bills.row_filters.set_text(text)
        bills.row_filters.apply_pending()
        qtbot.waitUntil(lambda: bills.model.complete)
        bills.view.viewport().repaint()
    assert sum(rows_read) < 100, rows_read


def select_all_but(tab: BillsTab, qtbot, row: int) -> set[str]:
    """Ctrl+A, then Ctrl+Space on `row` (it is no longer selected); the bills selected."""
    view = tab.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    view.selectionModel().setCurrentIndex(
        tab.model.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    return selected_bills(tab)


def selected_bills(tab: BillsTab) -> set[str]:
    rows = tab.view.selectionModel().selectedRows()
    return {tab.record_at(index.row()).bill_no for index in rows}


def count_persistent_at_layout_changes(tab: BillsTab) -> list[int]:
    """How many persistent indexes the model holds as each of its layout changes begins
    (after the view's selection has made its own)."""
    held: list[int] = []
    tab.model.layoutAboutToBeChanged.connect(
        lambda *_args: held.append(len(tab.model.persistentIndexList()))
    )
    return held


def test_a_sync_keeps_a_large_selection_without_an_index_per_cell(
    window: MainWindow, bills: BillsTab, qtbot, monkeypatch
) -> None:
    """Every bill but one selected (Ctrl+A, then Ctrl+Space), then a sync that brings
    one: at a million bills the window froze for two minutes and took 3.5 GB, as Qt's
    selection kept an index for each selected cell through the rows' move. A selection
    of more than LARGE_SELECTION rows is kept as its ranges' first and last bills, which
    stay selected with every bill between them."""
    monkeypatch.setattr(selection_keeper, "LARGE_SELECTION", 10)
    selected = select_all_but(bills, qtbot, 7)
    assert len(selected) == DEMO_BILLS - 1
    held = count_persistent_at_layout_changes(bills)
    insert_bill(window.session, "NEWBILL000001")
    insert_bill(window.session, "NEWBILL000002")
    search(bills, qtbot)
    assert bills.model.rowCount() == DEMO_BILLS + 2
    assert held and max(held) < 20
    assert selected_bills(bills) == selected


def test_a_sort_drops_a_large_selection_without_an_index_per_cell(
    bills: BillsTab, qtbot, monkeypatch
) -> None:
    """A sort moves every row: a large selection, which Qt's selection would have lost
    after an index per cell was made for it, is let go at once; every row stays
    selected, as Qt keeps it."""
    monkeypatch.setattr(selection_keeper, "LARGE_SELECTION", 10)
    select_all_but(bills, qtbot, 7)
    held = count_persistent_at_layout_changes(bills)
    amount = bills.model.column_of("total_fee")
    with qtbot.waitSignal(bills.model.counted, timeout=WAIT_MS):
        bills.view.horizontalHeader().setSortIndicator(amount, Qt.SortOrder.AscendingOrder)
    assert held and max(held) < 20
    assert not selected_bills(bills)
    bills.view.selectAll()
    with qtbot.waitSignal(bills.model.counted, timeout=WAIT_MS):
        bills.view.horizontalHeader().setSortIndicator(amount, Qt.SortOrder.DescendingOrder)
    assert len(selected_bills(bills)) == DEMO_BILLS


def test_loads_once_when_first_shown_and_again_when_the_profile_changes(
    window: MainWindow, bills: BillsTab, qtbot
) -> None:
    session = window.session
    window.tabs.setCurrentWidget(window.payment_tab)
    window.tabs.setCurrentWidget(bills)
    assert not bills.is_loading() and not session.gateway.running()  # shown again: no load
    insert_bill(session, "NEWBILL000001")
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        session.activate("sandbox")
    assert bills.model.rowCount() == DEMO_BILLS + 1
    assert "NEWBILL000001" in column(bills, "bill_no")
    refunds = window.refunds_tab  # hidden: it waits until shown
    assert refunds.model.rowCount() == 0 and not refunds.is_loading()


def test_cancel_stops_the_sync_and_what_came_stays(window: MainWindow, qtbot) -> None:
    tab = window.bills_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.is_loading() and window.cancel_button.isVisible()
    with qtbot.waitSignal(tab.load_ended, timeout=WAIT_MS) as ended:
        window.cancel_button.click()
    assert ended.args == ["stopped"] and not tab.is_loading()
    assert tab.count_label.text().endswith("not yet synced")  # a sync that never ended
    search(tab, qtbot)
    assert re.fullmatch(r"120 bills · as of \d\d:\d\d", tab.count_label.text())


def test_a_failed_sync_is_explained(window: MainWindow, bills: BillsTab, qtbot) -> None:
    session = window.session
    profile = Profile.new_live("Shop", "app-1", (closed_port_url(),))
    session.profiles.save(profile)
    session.secrets.set(profile.id, "not-a-real-secret")
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        session.activate(profile.id)
    assert bills.outcome.isVisible() and bills.outcome.kind == "transport"
    assert bills.outcome.title.text() == "No server answered"
    assert bills.model.rowCount() == 0
    assert bills.count_label.text() == "No bills yet · offline, no history yet"
    assert window.history_label.text() == "Offline — no history on this computer yet"


def test_offline_the_last_known_rows_are_shown_with_their_age(
    window: MainWindow, bills: BillsTab, qtbot
) -> None:
    """The sandbox's profile synced once; with its server gone, its rows stay, marked
    with the time of that sync."""
    session = window.session
    shown = column(bills, "bill_no")
    assert session.sandbox is not None
    session.sandbox.stop()
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        bills.refresh()
    assert column(bills, "bill_no") == shown
    assert re.fullmatch(r"120 bills · offline, as of \d\d:\d\d", bills.count_label.text())
    assert "showing data as of" in window.history_label.text()


def test_a_sync_that_works_again_takes_the_failure_shown_away(
    window: MainWindow, bills: BillsTab, qtbot
) -> None:
    """Reload found the server gone: the panel says so. Once a sync works again (the one
    every few minutes, or F5), the panel goes: it said 'No server answered' beside a
    status bar saying the history was synced just now."""
    session = window.session
    sandbox = sandbox_of(session)
    sandbox.faults.set("bills", Fault("drop-before"))
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        bills.refresh()
    assert bills.outcome.isVisible() and bills.outcome.title.text() == "No server answered"
    sandbox.faults.clear()
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        session.history._on_timer()  # the sync every few minutes
    assert window.history_label.text().startswith("History as of ")
    assert not bills.outcome.isVisible()


def test_a_profile_without_secret_is_explained(window: MainWindow, bills: BillsTab, qtbot) -> None:
    session = window.session
    profile = Profile.new_live("Shop", "app-1")
    session.profiles.save(profile)
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        session.activate(profile.id)
    assert bills.outcome.isVisible() and bills.outcome.kind == "secret"
    assert "No app secret is stored" in bills.outcome.body.text()
    assert bills.count_label.text() == "No bills yet · sync failed, no history yet"


# -- server-side filters -----------------------------------------------------------


def test_the_channel_picker_offers_all_families_and_channels(bills: BillsTab) -> None:
    picker = bills.filters.channel
    offered = [picker.itemData(i) for i in range(picker.count())]
    assert offered[0] == "" and picker.itemText(0) == "All channels"
    assert sorted(offered[1:]) == sorted((*FAMILIES, *SUB_CHANNELS))
    assert offered[1] == "PAYPAL" and offered[2] == "PAYPAL_PAYPAL"


def test_channel_family_and_exact_channel(bills: BillsTab, qtbot) -> None:
    client = embedded_sandbox_client(bills.session)
    assert bills.filters.set_channel("PAYPAL")
    search(bills, qtbot)
    family = channels(bills)
    assert {"PAYPAL_PAYPAL", "PAYPAL_CREDITCARD"} <= set(family)
    assert all(channel.startswith("PAYPAL_") for channel in family)
    assert len(family) == len(all_bills(client, BillQuery(channel="PAYPAL"))) < DEMO_BILLS
    assert bills.filters.set_channel("PAYPAL_CREDITCARD")
    search(bills, qtbot)
    exact = channels(bills)
    assert set(exact) == {"PAYPAL_CREDITCARD"}
    assert len(exact) == len(all_bills(client, BillQuery(channel="PAYPAL_CREDITCARD")))
    assert len(exact) < len(family)


def test_bill_no_filter_applies_on_enter(bills: BillsTab, qtbot) -> None:
    wanted = bills.record_at(7).bill_no
    type_in(qtbot, bills.filters.bill_no, wanted)
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    assert column(bills, "bill_no") == [wanted]
    assert bills.count_label.text().startswith("1 bill · as of ")


def test_a_malformed_bill_no_is_shown_beside_its_field_and_nothing_is_sent(
    bills: BillsTab, qtbot
) -> None:
    type_in(qtbot, bills.filters.bill_no, "abc-1")
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    error = bills.filters.errors["bill_no"]
    assert error.isVisible() and "8 to 32 letters or digits" in error.text()
    assert not bills.is_loading() and not bills.session.gateway.running()
    # no rows of other filters than those shown: the table is empty and says why
    assert bills.model.rowCount() == 0
    assert bills.count_label.text() == "Correct the filters above to see the list."
    bills.filters.bill_no.clear()
    search(bills, qtbot)
    assert not error.isVisible()


def test_today_shows_only_todays_bills(window: MainWindow, qtbot) -> None:
    now = time.time_ns() // 1_000_000
    insert_bill(window.session, "TODAYBILL0001", created_time=now)
    insert_bill(window.session, "OLDBILL000001", created_time=now - 3 * DAY_MS)
    tab = show_tab(window, window.bills_tab, qtbot)
    assert {"TODAYBILL0001", "OLDBILL000001"} <= set(column(tab, "bill_no"))
    tab.filters.dates.set_preset(TODAY)
    search(tab, qtbot)
    shown = shown_records(tab)
    assert "TODAYBILL0001" in [bill.bill_no for bill in shown]
    assert "OLDBILL000001" not in [bill.bill_no for bill in shown]
    today = date.today()
    assert all(datetime.fromtimestamp(b.created_time / 1000).date() == today for b in shown)
    tab.filters.dates.set_preset(LAST_7_DAYS)
    search(tab, qtbot)
    assert "OLDBILL000001" in column(tab, "bill_no")


def test_custom_dates_are_inclusive_and_checked(window: MainWindow, qtbot) -> None:
    now = time.time_ns() // 1_000_000
    insert_bill(window.session, "OLDBILL000001", created_time=now - 3 * DAY_MS)
    tab = show_tab(window, window.bills_tab, qtbot)
    dates = tab.filters.dates
    dates.set_preset(CUSTOM)
    assert dates.first_day.isVisible() and dates.last_day.isVisible()
    old_day = datetime.fromtimestamp((now - 3 * DAY_MS) / 1000).date()
    dates.set_days(old_day, old_day)
    search(tab, qtbot)
    shown = shown_records(tab)
    assert "OLDBILL000001" in [bill.bill_no for bill in shown]
    assert all(datetime.fromtimestamp(b.created_time / 1000).date() == old_day for b in shown)
    dates.set_days(date.today(), old_day)
    qtbot.mouseClick(tab.filters.search, Qt.MouseButton.LeftButton)
    assert tab.filters.errors["dates"].text() == "The last day is before the first day."
    assert not tab.is_loading() and not tab.session.gateway.running()
    dates.set_preset(ANY_DATE)
    assert not dates.first_day.isVisible()


# -- row filters and sorting ----------------------------------------------------------


def test_free_text_filter_is_applied_after_typing_stops(bills: BillsTab, qtbot) -> None:
    def matches(bill: BillRecord) -> bool:
        return "coffee" in f"{bill.bill_no} {bill.title} {bill.channel}".casefold()

    expected = [bill.bill_no for bill in shown_records(bills) if matches(bill)]
    assert 0 < len(expected) < DEMO_BILLS
    qtbot.keyClicks(bills.row_filters.text, "Coffee")
    assert bills.model.rowCount() == DEMO_BILLS  # not on every keystroke
    qtbot.waitUntil(lambda: bills.model.rowCount() == len(expected), timeout=2_000)
    assert column(bills, "bill_no") == expected
    assert bills.count_label.text().startswith(f"{len(expected)} bills · as of ")
    bills.row_filters.text.clear()
    qtbot.waitUntil(lambda: bills.model.rowCount() == DEMO_BILLS, timeout=2_000)
    assert bills.count_label.text().startswith("120 bills · as of ")


def test_paid_filter(bills: BillsTab) -> None:
    unpaid = [bill.bill_no for bill in shown_records(bills) if not bill.paid]
    assert 0 < len(unpaid) < DEMO_BILLS
    status = bills.row_filters.status
    status.setCurrentIndex(status.findData("unpaid"))
    assert column(bills, "bill_no") == unpaid
    assert set(column(bills, "paid")) == {"Unpaid"}
    status.setCurrentIndex(status.findData("paid"))
    assert set(column(bills, "paid")) == {"Paid"}
    assert bills.model.rowCount() == DEMO_BILLS - len(unpaid)
    status.setCurrentIndex(0)
    assert bills.model.rowCount() == DEMO_BILLS


def test_a_header_click_sorts_by_raw_values(bills: BillsTab, qtbot) -> None:
    header = bills.view.horizontalHeader()
    amount = bills.model.column_of("total_fee")

    def click_amount_header() -> list[int]:
        middle = header.sectionViewportPosition(amount) + header.sectionSize(amount) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, header.height() // 2)
        )
        return [bills.model.index(row, amount).data(SORT_ROLE) for row in range(DEMO_BILLS)]

    first = click_amount_header()
    assert first in (sorted(first), sorted(first, reverse=True))
    second = click_amount_header()
    assert second == list(reversed(sorted(first, reverse=first[0] > first[-1])))
    assert bills.model.selection is not None and bills.model.selection.order == "total_fee"


def test_currency_from_the_server_else_remembered_else_blank(window: MainWindow, qtbot) -> None:
    session = window.session
    insert_bill(session, "MINEJPY00001", total_fee=120_000, currency=None)
    insert_bill(session, "DOMESTIC0001", total_fee=12_345, currency=None, channel="WX_APP")
    insert_bill(session, "SENTHUF00001", total_fee=500_000, currency="HUF")
    session.local.remember_currency(session.profile.id, "MINEJPY00001", "JPY")
    tab = show_tab(window, window.bills_tab, qtbot)
    amounts, currencies = column(tab, "total_fee"), column(tab, "currency")
    mine, domestic, sent = (
        row_of(tab, n) for n in ("MINEJPY00001", "DOMESTIC0001", "SENTHUF00001")
    )
    assert (amounts[mine], currencies[mine]) == ("1,200", "JPY")
    assert (amounts[domestic], currencies[domestic]) == ("123.45", "")
    assert (amounts[sent], currencies[sent]) == ("5,000", "HUF")


def test_columns_are_readable_at_1024_px(window: MainWindow, bills: BillsTab) -> None:
    window.resize(1024, 768)
    QApplication.processEvents()
    view = bills.view
    assert view.horizontalScrollBar().maximum() == 0
    assert view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    for index, spec in enumerate(bills.model.columns):
        width = view.columnWidth(index)
        # a column whose whole text is a tooltip away (the title, the channel) is as wide
        # as its least sample (half a long title, every channel but the longest)
        samples = sample_texts(spec.least or spec.sample)
        assert width >= max(map(view.fontMetrics().horizontalAdvance, samples)), spec.key
        assert width >= view.horizontalHeader().fontMetrics().horizontalAdvance(spec.title)


# -- the row menu and the details ----------------------------------------------------------


def test_row_menu_copies_and_offers_a_refund(
    window: MainWindow, bills: BillsTab, monkeypatch
) -> None:
    row = next(
        row
        for row, bill in enumerate(shown_records(bills))
        if bill.paid and bill.channel.startswith("PAYPAL_")
    )
    bill_no = bills.record_at(row).bill_no
    menu = bills.row_menu(row)
    action(menu, "Copy bill number").trigger()
    assert QApplication.clipboard().text() == bill_no
    assert window.statusBar().currentMessage() == f"Copied: {bill_no}"
    prefilled: list[str] = []
    monkeypatch.setattr(window.refund_tab, "prefill", prefilled.append)
    action(menu, "Refund this bill…").trigger()
    assert prefilled == [bill_no]
    assert window.tabs.currentWidget() is window.refund_tab


def paypal_bill_listed(window: MainWindow, qtbot) -> tuple[HistoryTab, str, str]:
    """A PayPal payment made on New payment, waiting for its payer, listed on the Bills
    tab shown: (that tab, the bill's number, its approval address)."""
    payment = window.payment_tab
    window.tabs.setCurrentWidget(payment)
    fill_common(payment)
    bill_no = payment.bill_no_edit.text()
    pay_and_wait(qtbot, payment)
    url = payment.approval_url()
    bills = show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: bill_no in column(bills, "bill_no"), timeout=WAIT_MS)
    return bills, bill_no, url


def test_an_unpaid_paypal_bill_made_here_offers_its_payment_link_until_paid(
    window: MainWindow, browser: BrowserCatcher, qtbot
) -> None:
    """A payer who lost the link: the clerk finds the bill and sends its link again,
    rather than make a second bill. A bill paid, or whose page expired, offers none."""
    session = window.session
    bills, bill_no, url = paypal_bill_listed(window, qtbot)

    menu = bills.row_menu(row_of(bills, bill_no))
    action(menu, "Copy payment link").trigger()
    assert QApplication.clipboard().text() == url
    assert window.statusBar().currentMessage() == f"Copied the payment link of bill {bill_no}."
    action(menu, "Open payment link in the browser").trigger()
    assert browser.opened == [QUrl(url), QUrl(url)]  # at the payment, then from the menu
    until = [item for item in menu.actions() if "until about" in item.text()]
    assert len(until) == 1 and "payer can approve" in until[0].text()
    # "about" to the minute: never a time to the second (false precision)
    assert re.search(r" \d\d:\d\d$", until[0].text()), until[0].text()
    action(menu, "Details…").trigger()
    dialog = bills.findChild(RecordDetailsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.values["Payment link"].text() == url
    assert dialog.values["Payer can approve it"].text().startswith("Until about ")
    assert re.search(r" \d\d:\d\d local time$", dialog.values["Payer can approve it"].text())
    QApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_link_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == url
    dialog.close()

    other = next(  # an unpaid PayPal bill this console did not make: no link known
        row
        for row, bill in enumerate(shown_records(bills))
        if not bill.paid and bill.channel == "PAYPAL_PAYPAL" and bill.bill_no != bill_no
    )
    assert "Copy payment link" not in texts(bills.row_menu(other))

    requests.post(url, data={"action": "approve"}, allow_redirects=False, timeout=5)
    search(bills, qtbot)  # Reload: the sync finds it paid
    qtbot.waitUntil(lambda: shown_records(bills)[row_of(bills, bill_no)].paid, timeout=WAIT_MS)
    assert "Copy payment link" not in texts(bills.row_menu(row_of(bills, bill_no)))
    assert session.local.links.of(session.profile.id, bill_no, steady_now()) is None


def test_a_details_dialog_left_open_while_the_computer_slept_stops_offering_the_expired_link(
    window: MainWindow, browser: BrowserCatcher, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Details… left open over a night, the computer asleep: its link's page expired
    meanwhile, but a timer set for the expiry (its clock stops while the computer sleeps)
    kept Copy payment link on for as long again as the computer slept. The expiry is
    looked at again at least once a minute, by the clock that counts the sleep."""
    monkeypatch.setattr(stamps, "LOOK_AGAIN_MS", 20)
    bills, bill_no, _url = paypal_bill_listed(window, qtbot)
    action(bills.row_menu(row_of(bills, bill_no)), "Details…").trigger()
    dialog = bills.findChild(RecordDetailsDialog)
    assert dialog is not None and dialog.copy_link_button.isEnabled()
    dialog.expiry_watch.timeout.emit()  # looked at before its page expired: still offered
    assert dialog.copy_link_button.isEnabled()
    later = steady_after(APPROVAL_LIFETIME_MS + 1).ms  # the morning after
    monkeypatch.setattr(record_details, "steady_now_ms", lambda: later)
    qtbot.waitUntil(lambda: not dialog.copy_link_button.isEnabled(), timeout=2_000)
    assert not dialog.open_link_button.isEnabled()
    assert "expired" in dialog.values["Payer can approve it"].text()


def test_a_details_dialog_stops_offering_the_link_once_a_sync_finds_the_bill_paid(
    window: MainWindow, browser: BrowserCatcher, qtbot
) -> None:
    """Details… left open on an unpaid bill: the sync that finds it paid takes its link
    away and says it is paid, so no payer is sent the link of a bill already paid."""
    bills, bill_no, url = paypal_bill_listed(window, qtbot)
    action(bills.row_menu(row_of(bills, bill_no)), "Details…").trigger()
    dialog = bills.findChild(RecordDetailsDialog)
    assert dialog is not None and dialog.copy_link_button.isEnabled()

    requests.post(url, data={"action": "approve"}, allow_redirects=False, timeout=5)
    search(bills, qtbot)  # Reload: the sync finds it paid
    qtbot.waitUntil(lambda: shown_records(bills)[row_of(bills, bill_no)].paid, timeout=WAIT_MS)
    assert not dialog.copy_link_button.isEnabled()
    assert not dialog.open_link_button.isEnabled()
    assert dialog.values["Paid (spay_result)"].text() == "Paid (true)"
    assert "paid" in dialog.values["Payer can approve it"].text()
    QApplication.clipboard().clear()
    dialog.copy_link()
    assert QApplication.clipboard().text() == ""
    dialog.copy_all()
    assert url not in QApplication.clipboard().text()
    assert "Paid (true)" in QApplication.clipboard().text()


def test_a_details_dialog_open_when_another_console_gives_the_profile_another_app_stops_following(
    window: MainWindow, qtbot
) -> None:
    """Details… left open, another console gave the profile another App ID, and a
    sync here followed it: the dialog read the new app's history by the bill's number
    and showed the other app's bill of that number under the first one's title bar. It
    stops following at the change and says it is of the profile shown before."""
    session = window.session
    sandbox = sandbox_of(session)
    assert sandbox.store is not None and sandbox.service is not None
    profile = live_profile(session, "Shop", (sandbox.base_url,))
    bill_no = special_bill(session, title="This app's bill")
    bills = show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: bill_no in column(bills, "bill_no"), timeout=WAIT_MS)
    action(bills.row_menu(row_of(bills, bill_no)), "Details…").trigger()
    dialog = bills.findChild(RecordDetailsDialog)
    assert dialog is not None and dialog.values["Title (title)"].text() == "This app's bill"

    sandbox.service.apps["app-after"] = "the-secret-after"  # another app, same bill_no
    sandbox.store.insert_bill(
        "app-after",
        bill_no,
        channel="PAYPAL_CREDITCARD",
        total_fee=777,
        title="Another app's bill",
        currency="USD",
        paid=True,
    )
    there = replace(profile, app_id="app-after").under_new_keyring_entry()
    session.secrets.set(there.secret_key, "the-secret-after")
    session.profiles.save(there)  # the other console's Profiles…
    session.history.sync()  # the timer's: it finds the profile changed, and follows it
    qtbot.waitUntil(lambda: session.profile.app_id == "app-after", timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: [b.title for b in shown_records(bills)] == ["Another app's bill"], timeout=WAIT_MS
    )
    assert dialog.values["Title (title)"].text() == "This app's bill"
    assert dialog.values["Amount (total_fee)"].text().startswith("USD 20.00")
    assert "the profile shown before" in dialog.stale_note.text()
    assert dialog.stale_note.isVisible()


def test_a_details_dialog_open_at_a_switch_offers_its_link_no_more(
    window: MainWindow, browser: BrowserCatcher, qtbot
) -> None:
    bills, bill_no, url = paypal_bill_listed(window, qtbot)
    action(bills.row_menu(row_of(bills, bill_no)), "Details…").trigger()
    dialog = bills.findChild(RecordDetailsDialog)
    assert dialog is not None and dialog.copy_link_button.isEnabled()
    session = window.session
    shop = Profile.new_live("Shop", "app-1", ("http://127.0.0.1:9",))
    session.profiles.save(shop)
    session.activate(shop.id)
    assert not dialog.copy_link_button.isEnabled() and not dialog.open_link_button.isEnabled()
    assert dialog.stale_note.text() == (
        "Of the profile shown before (“Sandbox”, app sandbox-app): the console has changed "
        "profile since, so this is no longer updated."
    )
    dialog.copy_all()
    assert url not in QApplication.clipboard().text()


def test_an_expired_payment_link_is_never_offered(
    window: MainWindow, browser: BrowserCatcher, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    payment = window.payment_tab
    window.tabs.setCurrentWidget(payment)
    fill_common(payment)
    bill_no = payment.bill_no_edit.text()
    pay_and_wait(qtbot, payment)
    bills = show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: bill_no in column(bills, "bill_no"), timeout=WAIT_MS)
    later = steady_after(APPROVAL_LIFETIME_MS + 1)
    monkeypatch.setattr(bills_tab, "steady_now", lambda: later)
    menu = bills.row_menu(row_of(bills, bill_no))
    assert "Copy payment link" not in texts(menu)
    assert not any("until about" in text for text in texts(menu))


def texts(menu: QMenu) -> list[str]:
    return [item.text() for item in menu.actions()]


def test_refund_is_not_offered_for_unpaid_or_domestic_bills(bills: BillsTab) -> None:
    records = shown_records(bills)
    unpaid = next(
        row
        for row, bill in enumerate(records)
        if not bill.paid and bill.channel.startswith("PAYPAL")
    )
    domestic = next(
        row
        for row, bill in enumerate(records)
        if bill.paid and not bill.channel.startswith("PAYPAL")
    )
    refund = action(bills.row_menu(unpaid), "Refund this bill…")
    assert not refund.isEnabled() and refund.toolTip() == "Only a paid bill can be refunded."
    refund = action(bills.row_menu(domestic), "Refund this bill…")
    assert not refund.isEnabled() and "PayPal bills only" in refund.toolTip()


def test_show_its_refunds_opens_the_refunds_tab_on_that_bill(
    window: MainWindow, bills: BillsTab, qtbot
) -> None:
    client = embedded_sandbox_client(window.session)
    bill_no = all_refunds(client)[0].bill_no
    menu = bills.row_menu(row_of(bills, bill_no))
    with qtbot.waitSignal(window.refunds_tab.load_ended, timeout=WAIT_MS):
        action(menu, "Show its refunds").trigger()
    refunds = window.refunds_tab
    assert window.tabs.currentWidget() is refunds
    assert refunds.filters.bill_no.text() == bill_no
    truth = all_refunds(client, RefundQuery(bill_no=bill_no))
    assert column(refunds, "refund_no") == [refund.refund_no for refund in truth]
    assert set(column(refunds, "bill_no")) == {bill_no}


def test_a_double_click_shows_the_whole_record(bills: BillsTab, qtbot) -> None:
    shown: list[tuple[object, object]] = []
    bills.show_details = lambda record, currency: shown.append((record, currency))  # type: ignore[method-assign]  # a hook tests replace
    viewport, middle = (
        bills.view.viewport(),
        bills.view.visualRect(bills.model.index(2, 1)).center(),
    )
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=middle)  # a person's first click
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=middle)
    assert shown == [(bills.record_at(2), bills.currency_at(2))]


def test_the_details_dialog_lists_every_wire_field(bills: BillsTab, qtbot) -> None:
    row = next(row for row, bill in enumerate(shown_records(bills)) if bill.currency)
    record = bills.record_at(row)
    action(bills.row_menu(row), "Details…").trigger()  # the real hook opens the dialog
    dialog = bills.findChild(RecordDetailsDialog)
    assert dialog is not None and dialog.isVisible()
    labels = list(dialog.values)
    for wire in ("bill_no", "title", "channel", "total_fee", "currency", "spay_result"):
        assert any(f"({wire})" in label for label in labels), wire
    assert dialog.values["Bill number (bill_no)"].text() == record.bill_no
    assert dialog.values["Currency (currency)"].text() == record.currency
    amount = dialog.values["Amount (total_fee)"].text()
    assert f"{record.total_fee} in hundredths" in amount and record.currency in amount
    flags = dialog.values["Title (title)"].textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    dialog.copy_all()
    assert f"Bill number (bill_no): {record.bill_no}" in QApplication.clipboard().text()
    dialog.close()


def test_details_say_where_a_currency_came_from(qtbot) -> None:
    record = BillRecord(
        "BILL00000001", 120_000, "PAYPAL_PAYPAL", "白开水", False, 1_767_000_000_000
    )
    remembered = RecordDetailsDialog(record, "JPY")
    qtbot.addWidget(remembered)
    assert remembered.values["Currency (currency)"].text().startswith("JPY (remembered")
    assert remembered.values["Amount (total_fee)"].text().startswith("JPY 1,200")
    assert remembered.values["Paid (spay_result)"].text() == "Not paid (false)"
    unknown = RecordDetailsDialog(record, None)
    qtbot.addWidget(unknown)
    assert unknown.values["Currency (currency)"].text().startswith("Not known")
    assert unknown.values["Amount (total_fee)"].text().startswith("1,200.00 ")
    assert remembered.windowTitle() == "Bill BILL00000001"


# -- copying rows ------------------------------------------------------------------------------


def test_ctrl_c_copies_the_rows_selected_as_shown_for_a_spreadsheet(
    window: MainWindow, qtbot
) -> None:
    """Rows selected and Ctrl+C: their shown columns, in their order on screen, one line
    each under the titles, tab-separated (a spreadsheet takes them as cells); text it
    would run as a formula gets an apostrophe, as in an export."""
    insert_bill(window.session, "BCCOPY0000000001", title='=HYPERLINK("http://x")')
    insert_bill(window.session, "BCCOPY0000000002", title="蓝牙耳机", total_fee=120000)
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    tab.row_filters.set_text("BCCOPY")
    tab.view.sortByColumn(tab.model.column_of("bill_no"), Qt.SortOrder.AscendingOrder)
    tab.view.setColumnHidden(tab.model.column_of("channel"), True)
    tab.view.setFocus()
    tab.view.selectAll()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    titles = [
        str(tab.model.headerData(c, Qt.Orientation.Horizontal)) for c in tab.view.shown_columns()
    ]
    assert lines[0].split("\t") == titles and "Channel" not in titles
    first, second = (line.split("\t") for line in lines[1:])
    assert len(lines) == 3
    assert first[:2] == ["BCCOPY0000000001", '\'=HYPERLINK("http://x")']
    assert second[:3] == ["BCCOPY0000000002", "蓝牙耳机", "1,200.00"]
    assert window.statusBar().currentMessage() == "Copied 2 rows."


def test_rows_copied_with_the_currency_column_hidden_keep_each_amount_s_currency(
    window: MainWindow, qtbot
) -> None:
    """The Amount column shows major units alone beside a Currency column. With that
    column hidden, Ctrl+C copied "1,200.00" of JPY and "12.34" of USD as bare numbers, a
    column a spreadsheet adds up as one; an export adds the currency back after the first
    amount, and so does a copy now."""
    insert_bill(window.session, "BCCURR0000000001", total_fee=120000, currency="JPY")
    insert_bill(window.session, "BCCURR0000000002", total_fee=1234, currency="USD")
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    tab.row_filters.set_text("BCCURR")
    tab.view.sortByColumn(tab.model.column_of("bill_no"), Qt.SortOrder.AscendingOrder)
    tab.view.setColumnHidden(tab.model.column_of("currency"), True)
    tab.view.setFocus()
    tab.view.selectAll()
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    titles, *rows = (line.split("\t") for line in QGuiApplication.clipboard().text().split("\n"))
    amount = titles.index("Amount")
    assert titles[amount + 1] == "Currency"
    assert [row[0] for row in rows] == ["BCCURR0000000001", "BCCURR0000000002"]
    assert [row[amount : amount + 2] for row in rows] == [["1,200", "JPY"], ["12.34", "USD"]]


def test_more_rows_than_a_copy_takes_are_said_and_nothing_is_copied(
    bills: BillsTab, window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_copy, "COPY_LIMIT", 10)
    assert bills.model.rowCount() > 10
    bills.view.setFocus()
    bills.view.selectAll()
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(bills.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "before"
    message = window.statusBar().currentMessage()
    assert f"{bills.model.rowCount():,} rows are selected" in message
    assert "Copy takes at most 10" in message and "Export" in message


@pytest.mark.parametrize("change", ["forgotten", "paid"])
def test_a_row_a_sync_changed_is_not_copied_until_the_rows_are_read_again(
    bills: BillsTab, window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A sync forgets a bill selected (the server has it no more), or pays it, in a list
    of unpaid bills: its row shows it blank, or paid, in its place until the ids read
    again move the rows. Ctrl+C then copied a line of empty cells, or a paid bill among
    the unpaid ones, and said "Copied 2 rows."; it now waits for the rows, as for rows
    still to come, and then copies the one the filters still select."""
    bills.row_filters.set_status("unpaid")
    model = bills.model
    qtbot.waitUntil(lambda: model.complete, timeout=WAIT_MS)
    assert model.rowCount() > 3
    rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):
        bills.view.selectionModel().select(model.index(row, 0), rows)
    kept, changed = model.record(0), model.record(2)
    assert isinstance(changed, BillRecord)
    gate = ids_counted_at_length(monkeypatch)  # the ids read again after the sync, at length
    mirror = bills.history.mirror
    bills.view.setFocus()
    try:
        if change == "forgotten":
            assert mirror.forget(BILLS, changed.bill_no) == 1
        else:
            mirror.put_bills([replace(changed, paid=True)], 2)
        bills.history.changed.emit()  # as a sync tells what it wrote
        assert not model.complete
        QGuiApplication.clipboard().setText("before")
        qtbot.keyClick(bills.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert QGuiApplication.clipboard().text() == "before"
        assert "still being counted" in window.statusBar().currentMessage()
    finally:
        with qtbot.waitSignal(model.counted, timeout=WAIT_MS):
            gate.set()
    qtbot.keyClick(bills.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert [line.split("\t")[0] for line in lines[1:]] == [kept.bill_no]


def more_than_the_first_rows(bills: BillsTab, prefix: str, title: str) -> int:
    """FIRST_ROWS + 50 paid bills of this title on the sandbox and in the history, their
    numbers of prefix (the first rows are shown before the others are counted): how
    many. (On the sandbox too: a sync meanwhile keeps them.)"""
    now = int(time.time() * 1000)
    mirror = bills.history.mirror
    assert mirror is not None
    bills_in = [
        BillRecord(f"{prefix}{n:08d}", 100, "PAYPAL_CREDITCARD", title, True, now - n)
        for n in range(mq.FIRST_ROWS + 50)
    ]
    for bill in bills_in:
        insert_bill(
            bills.session,
            bill.bill_no,
            total_fee=bill.total_fee,
            title=title,
            created_time=bill.created_time,
        )
    mirror.put_bills(bills_in, now)
    return len(bills_in)


def test_ctrl_a_while_the_rows_are_counted_selects_every_row_and_copy_waits_for_them(
    bills: BillsTab, window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+A and Ctrl+C straight after a word is found, at a million bills (its 250,000
    rows counted for half a second): Ctrl+A selected the 200 rows in so far, Ctrl+C
    copied them and said "Copied 200 rows.", and the rest came in unselected. Now Ctrl+A
    selects the rows that come after it too, and a copy of rows up to the last one in
    while the rest are counted is refused with a message: nothing is copied."""
    many = more_than_the_first_rows(bills, "BCTEAPOT", "Teapot")
    gate = ids_counted_at_length(monkeypatch)  # the rows after the first ones, counted at length
    try:
        bills.row_filters.set_text("teapot")
        bills.row_filters.apply_pending()
        assert not bills.model.complete and bills.model.rowCount() == mq.FIRST_ROWS
        bills.view.setFocus()
        qtbot.keyClick(bills.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QGuiApplication.clipboard().setText("before")
        qtbot.keyClick(bills.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        assert QGuiApplication.clipboard().text() == "before"
        assert "still being counted" in window.statusBar().currentMessage()
    finally:
        with qtbot.waitSignal(bills.model.counted, timeout=WAIT_MS):
            gate.set()
    assert bills.model.rowCount() == many
    assert len(bills.view.selectionModel().selectedRows()) == many  # Ctrl+A: every row
    qtbot.keyClick(bills.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert len(QGuiApplication.clipboard().text().split("\n")) == many + 1  # titles, rows
    assert window.statusBar().currentMessage() == f"Copied {many} rows."


# -- saved state ------------------------------------------------------------------------------


def test_filters_and_columns_are_kept_for_the_next_window(window: MainWindow, qtbot) -> None:
    tab = window.bills_tab
    assert tab.filters.set_channel("PAYPAL_CREDITCARD")
    tab.filters.dates.set_preset(LAST_7_DAYS)
    tab.row_filters.set_status("unpaid")
    header = tab.view.horizontalHeader()
    header.resizeSection(1, 333)
    header.moveSection(header.visualIndex(2), 0)
    amount = tab.model.column_of("total_fee")
    tab.view.sortByColumn(amount, Qt.SortOrder.AscendingOrder)
    tab.save_state()

    again = MainWindow(window.session)
    qtbot.addWidget(again)
    restored = again.bills_tab
    assert restored.filters.channel_filter() == "PAYPAL_CREDITCARD"
    assert restored.filters.dates.preset_key() == LAST_7_DAYS
    assert restored.row_filters.status_key() == "unpaid"
    again.show()
    again.tabs.setCurrentWidget(restored)  # shown: its rows are those of its filters
    assert restored.model.selection is not None
    assert restored.model.selection.status == "unpaid"
    restored_header = restored.view.horizontalHeader()
    assert restored_header.sectionSize(1) == 333
    assert restored_header.visualIndex(2) == 0
    assert restored_header.sortIndicatorSection() == amount
    assert restored.model.selection.order == "total_fee"
    assert not restored.model.selection.descending
    other = again.refunds_tab  # its own settings: untouched
    assert other.filters.channel_filter() is None
    assert other.filters.dates.preset_key() == ANY_DATE
    assert other.view.horizontalHeader().sortIndicatorSection() == other.model.column_of(
        "created_time"
    )


def test_a_card_number_typed_in_a_filter_is_not_kept_in_the_settings(
    window: MainWindow, qtbot
) -> None:
    """A filter is kept for the next start in the settings file: one that may be a card
    number (pasted into the wrong box) is used now and never written there."""
    tab = window.bills_tab
    tab.row_filters.set_text("card 4111 1111 1111 1111")
    tab.filters.bill_no.setText("5555555555554444")
    tab.save_state()
    window.session.settings.save_now()
    saved = Path(window.session.settings.file_name()).read_text(encoding="utf-8")
    assert "4111" not in saved and "5555555555554444" not in saved
    tab.row_filters.set_text("chair")
    tab.save_state()
    window.session.settings.save_now()
    assert "chair" in Path(window.session.settings.file_name()).read_text(encoding="utf-8")


def test_the_table_paints_while_page_walks_are_held(bills: BillsTab) -> None:
    """A paint asks Python for every cell: the walks start no page meanwhile, so that
    their parsing does not make it wait for the interpreter lock (worker.py)."""
    may_go = bills.session.gateway._worker.walks_may_go
    held_during_paint: list[bool] = []
    holding = bills.view.paint_guard
    assert holding is not None

    @contextmanager
    def noting() -> Iterator[None]:
        with holding():
            held_during_paint.append(not may_go.is_set())
            yield

    bills.view.paint_guard = noting
    bills.view.viewport().repaint()
    assert held_during_paint == [True]
    assert may_go.is_set()  # let go after the paint


def test_a_refunded_bill_says_so_and_offers_no_other_refund(
    window: MainWindow, bills: BillsTab
) -> None:
    refunded = next(
        refund
        for refund in all_refunds(embedded_sandbox_client(window.session))
        if refund.finished and refund.succeeded
    )
    row = row_of(bills, refunded.bill_no)
    cell = bills.model.index(row, bills.model.column_of("refund")).data()
    assert cell.endswith(refunded_day(refunded.created_time)) and " · " in cell
    tip = bills.model.index(row, bills.model.column_of("refund")).data(Qt.ItemDataRole.ToolTipRole)
    assert refunded.refund_no in tip
    offer = action(bills.row_menu(row), "Refund this bill…")
    assert not offer.isEnabled() and refunded.refund_no in offer.toolTip()
    # Details… says so too (it showed every field of the bill but its refund), copied
    action(bills.row_menu(row), "Details…").trigger()
    dialog = bills.findChild(RecordDetailsDialog)
    assert dialog is not None
    assert dialog.values["Refunded"].text() == tip
    dialog.copy_all()
    assert f"Refunded: {tip}" in QApplication.clipboard().text().splitlines()
    dialog.close()
    bills.row_filters.set_status("refunded")
    assert refunded.bill_no in column(bills, "bill_no")
    assert all(text for text in column(bills, "refund"))


def test_a_title_that_looks_like_markup_is_shown_as_it_is_in_its_tooltip(
    window: MainWindow, bills: BillsTab, qtbot
) -> None:
    """A cell's tooltip shows its whole text; Qt reads a tooltip as rich text when it
    looks like markup: a bill titled `<img src=/dev/zero>` (19 bytes, BeeCloud takes it)
    froze the console for good once the mouse rested on its title, Qt reading the
    "image" without end, and `<b>Gift</b>` read "Gift", in bold."""
    title = "<b>Gift</b> & <i>card</i>"
    insert_bill(window.session, "MARKUPTITLE01", title=title)
    search(bills, qtbot)
    index = bills.model.index(row_of(bills, "MARKUPTITLE01"), bills.model.column_of("title"))
    bills.view.scrollTo(index)
    at = bills.view.visualRect(index).center()
    assert tooltip_read(bills.view.viewport(), at) == title


def refunded_day(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000).date().isoformat()  # the tests' locale: ISO


def test_the_sync_timer_is_a_setting_of_the_menu(window: MainWindow) -> None:
    history = window.session.history
    assert history.sync_minutes() == 5  # the default
    choices = {action.text(): action for action in window.sync_menu.actions()}
    assert list(choices) == [
        "Only at start, on Reload and after a payment or refund",
        "Every 1 minute",
        "Every 5 minutes",
        "Every 15 minutes",
        "Every 60 minutes",
    ]
    assert choices["Every 5 minutes"].isChecked()
    choices["Every 15 minutes"].trigger()
    assert history.sync_minutes() == 15 and history._every.interval() == 15 * 60_000
    choices["Only at start, on Reload and after a payment or refund"].trigger()
    assert history.sync_minutes() == 0 and not history._every.isActive()
    assert window.session.settings.get(SYNC_MINUTES) == 0


def test_a_row_shows_what_a_sync_brings_about_its_bill(
    window: MainWindow, bills: BillsTab, qtbot
) -> None:
    """A bill refunded elsewhere since: after the sync its row, where it was, says so."""
    client = embedded_sandbox_client(window.session)
    refunded = {refund.bill_no for refund in all_refunds(client)}
    row, bill = next(
        (row, bill)
        for row, bill in enumerate(shown_records(bills))
        if bill.paid and bill.channel.startswith("PAYPAL_") and bill.bill_no not in refunded
    )
    refund_column = bills.model.column_of("refund")
    assert bills.model.index(row, refund_column).data() == ""  # read and kept
    action(bills.row_menu(row), "Details…").trigger()  # left open over the sync
    dialog = bills.findChild(RecordDetailsDialog)
    assert dialog is not None
    assert dialog.values["Refunded"].text() == "No refund in the history."
    currency = bill.currency or "USD"
    refund_no = new_refund_no()
    client.refund(RefundRequest(bill.bill_no, refund_no, Money(bill.total_fee, currency)))
    search(bills, qtbot)
    assert bills.record_at(row).bill_no == bill.bill_no
    assert (
        bills.model.index(row, refund_column)
        .data()
        .startswith(format_amount(bill.total_fee, currency))
    )
    tip = bills.model.index(row, refund_column).data(Qt.ItemDataRole.ToolTipRole)
    assert refund_no in tip
    assert dialog.values["Refunded"].text() == tip
    dialog.copy_all()
    assert f"Refunded: {tip}" in QApplication.clipboard().text().splitlines()


def test_while_a_first_sync_runs_an_empty_list_says_there_is_no_history_yet(
    window: MainWindow, bills: BillsTab, qtbot
) -> None:
    """Found on a new live profile whose server answered slowly: "No bills match these
    filters. · syncing…" while nothing had come yet, as if the filters had left none."""
    session = window.session
    sandbox = sandbox_of(session)
    sandbox.faults.set("bills", Fault("latency", 1500))
    assert session.sandbox is not None
    live_profile(session, "Slow shop", (session.sandbox.base_url,), read_timeout=5)
    qtbot.waitUntil(lambda: session.history.syncing, timeout=WAIT_MS)
    assert bills.count_label.text() == "No bills yet · no history yet, syncing…"
    sandbox.faults.clear()


def damage_the_search_index(bills: BillsTab) -> None:
    """The bills' search index in the history file overwritten with bytes SQLite cannot
    read (its structure record): every search that asks it fails as malformed."""
    mirror = bills.history.mirror
    assert mirror is not None and mirror.path is not None
    other = sqlite3.connect(mirror.path)
    with other:
        other.execute("UPDATE bills_text_data SET block = X'FFFFFFFFFFFF' WHERE id = 10")
    other.close()


def test_a_search_the_damaged_index_cannot_answer_is_never_said_to_match_nothing(
    bills: BillsTab, qtbot
) -> None:
    """A search of three characters or more asks the history's search index. With the
    index damaged, the table said "No bills match these filters" for "Kettle" while 250
    Kettle bills were in the history (the first rows' read on the window's thread failed,
    and was taken for none). Now the rows are said not to be counted, never to be none."""
    more_than_the_first_rows(bills, "BCKETTLE", "Kettle")
    damage_the_search_index(bills)
    with qtbot.waitSignal(bills.model.count_failed, timeout=WAIT_MS):
        bills.row_filters.set_text("Kettle")
    label = bills.count_label.text()
    assert "No bills match" not in label and "could not be counted" in label, label
    assert bills.not_ready_to_export() is not None


def test_reload_makes_a_history_whose_search_index_a_search_found_damaged_again(
    bills: BillsTab, qtbot
) -> None:
    """A search that found the index damaged said "Reload, F5", but a Reload's sync
    wrote nothing to the index (no new bill), so the search failed again, at every
    Reload, for good. The damage a search finds is noted: the next sync makes the
    history again from the server (it is a cache) and the search finds its bill."""
    wanted = column(bills, "bill_no")[0]
    damage_the_search_index(bills)
    with qtbot.waitSignal(bills.model.count_failed, timeout=WAIT_MS):
        bills.row_filters.set_text(wanted[-10:])
    with qtbot.waitSignal(bills.history.sync_ended, timeout=WAIT_MS):
        bills.refresh()  # Reload
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert column(bills, "bill_no") == [wanted]
    assert "could not be counted" not in bills.count_label.text()


def test_rows_that_could_not_be_counted_are_said_so_and_a_later_read_counts_them(
    bills: BillsTab, window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read of every id that failed (a damaged page, an I/O error) left the tab saying
    "Counting… 200 so far", and Ctrl+C and Export… refusing with "still being counted",
    until the next sync. Now they say the rows could not be counted (nothing copied or
    exported), and a Reload that reads them restores the count, the copy and the export."""
    many = more_than_the_first_rows(bills, "BCKETTLE", "Kettle")
    failures = [sqlite3.OperationalError("disk I/O error")]  # damage: made again (above)
    all_ids = mq.all_ids

    def failing_once(db: sqlite3.Connection, selection: mq.Selection) -> array[int]:
        if failures:
            raise failures.pop()
        return all_ids(db, selection)

    monkeypatch.setattr(mq, "all_ids", failing_once)
    with qtbot.waitSignal(bills.model.count_failed, timeout=WAIT_MS):
        bills.row_filters.set_text("kettle")
        bills.row_filters.apply_pending()
    assert not bills.model.complete and bills.model.uncounted
    label = bills.count_label.text()
    assert "could not be counted" in label and "Counting" not in label, label
    bills.view.setFocus()
    qtbot.keyClick(bills.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().setText("before")
    qtbot.keyClick(bills.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "before"
    message = window.statusBar().currentMessage()
    assert "could not be counted" in message and "still being counted" not in message
    refusal = bills.not_ready_to_export()
    assert refusal is not None and "could not be counted" in refusal
    history = window.session.history
    bills.refresh()  # Reload: the rows read again now, and once more when its sync ends
    qtbot.waitUntil(lambda: not history.syncing and bills.model.complete, timeout=WAIT_MS)
    assert not bills.model.uncounted
    assert bills.model.rowCount() == many and bills.not_ready_to_export() is None
    assert "could not be counted" not in bills.count_label.text()


def test_the_count_says_counting_while_a_sync_s_rows_are_read_again(
    bills: BillsTab, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the ids a sync changed are read again, Export… and Ctrl+C wait ("still
    being counted"): the count label said the full count of before meanwhile, as if the
    list were whole."""
    model = bills.model
    qtbot.waitUntil(lambda: model.complete, timeout=WAIT_MS)
    first = model.record(0)
    assert isinstance(first, BillRecord)
    gate = ids_counted_at_length(monkeypatch)  # the ids read again after the sync, at length
    try:
        bills.history.mirror.put_bills([replace(first, title="Lamp, renamed")], 2)
        bills.history.changed.emit()  # as a sync tells what it wrote
        assert bills.not_ready_to_export() is not None
        assert bills.count_label.text().startswith("Counting…"), bills.count_label.text()
    finally:
        with qtbot.waitSignal(model.counted, timeout=WAIT_MS):
            gate.set()
    assert not bills.count_label.text().startswith("Counting…")
    assert bills.not_ready_to_export() is None


def paste_day(qtbot, edit, text: str) -> None:
    """`text` pasted over the whole of a day field, as a clerk does with Ctrl+A, Ctrl+V."""
    edit.setFocus()
    edit.lineEdit().selectAll()
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(edit.lineEdit(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    edit.interpretText()


@pytest.mark.parametrize(
    "pasted",
    ["2026-1-5", "2026/01/05", "2026.1.5", "20260105", "2026年1月5日", " 2026-01-05\u200b"],
    ids=ascii,
)
def test_a_day_pasted_year_first_in_another_form_is_taken(
    bills: BillsTab, qtbot, pasted: str
) -> None:
    """A day copied from a mail or a spreadsheet ("2026/01/05", "2026-1-5", "2026年1月5日")
    into a yyyy-MM-dd field was ignored without a word: the list kept showing the
    days before, the clerk believing it showed those asked for. Year first, it is one
    day in any of them."""
    dates = bills.filters.dates
    dates.set_preset(CUSTOM)
    dates.set_days(date(2025, 12, 1), date(2026, 2, 1))
    paste_day(qtbot, dates.first_day, pasted)
    assert day_of(dates.first_day.date()) == date(2026, 1, 5)
    assert not dates.typed_problem.isVisible()


@pytest.mark.parametrize(
    ("pasted", "day"),
    [("13/01/2026", date(2026, 1, 13)), ("01/13/2026", date(2026, 1, 13))],
    ids=ascii,
)
def test_a_day_pasted_day_or_month_first_is_taken_when_only_one_reading_is_a_day(
    bills: BillsTab, qtbot, pasted: str, day: date
) -> None:
    dates = bills.filters.dates
    dates.set_preset(CUSTOM)
    dates.set_days(date(2025, 12, 1), date(2026, 2, 1))
    paste_day(qtbot, dates.first_day, pasted)
    assert day_of(dates.first_day.date()) == day


def test_a_day_pasted_that_may_be_two_days_is_said_beside_the_field(bills: BillsTab, qtbot) -> None:
    """ "05/01/2026" is 5 January to some and 1 May to others: ignored without a word,
    the list went on showing other days than the clerk believed; taken either way, it
    would be the wrong day to half of them. It is said beside the field, never guessed."""
    dates = bills.filters.dates
    dates.set_preset(CUSTOM)
    dates.set_days(date(2025, 12, 1), date(2026, 2, 1))
    paste_day(qtbot, dates.first_day, "05/01/2026")
    assert day_of(dates.first_day.date()) == date(2025, 12, 1)
    assert dates.typed_problem.isVisible()
    assert dates.typed_problem.text() == (
        "“05/01/2026” may be 2026-01-05 or 2026-05-01: type the day as the field writes "
        "it. The field still shows 2025-12-01."
    )
    paste_day(qtbot, dates.first_day, "2026-01-05")
    assert not dates.typed_problem.isVisible(), "said until a day is taken"


@pytest.mark.parametrize(
    ("shape", "typed"),
    [
        ("yyyy-MM-dd", "2026-01-05"),
        ("yyyy-MM-dd", "2026-1-5"),
        ("MM/dd/yyyy", "01/05/2026"),
        ("dd.MM.yyyy", "05.01.2026"),
    ],
    ids=ascii,
)
def test_a_day_typed_key_by_key_over_the_whole_field_is_taken_and_says_nothing(
    bills: BillsTab, qtbot, shape: str, typed: str
) -> None:
    """A clerk selecting the whole field (Ctrl+A) and typing a day key by key as the
    field writes it saw "“2” is not a day" beside the fields at each digit of the
    year, and "“2025-01--” is not a day" at a separator; the year typed was ignored,
    and the field took 2025-01-05 for 2026-01-05, saying nothing once the day was in."""
    dates = bills.filters.dates
    dates.set_preset(CUSTOM)
    dates.set_days(date(2025, 12, 1), date(2026, 2, 1))
    dates.first_day.setDisplayFormat(shape)
    said: list[str] = []
    dates.first_day.refused.connect(said.append)
    dates.first_day.setFocus()
    qtbot.keyClick(dates.first_day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dates.first_day, typed)
    assert day_of(dates.first_day.date()) == date(2026, 1, 5)
    assert said == [] and not dates.typed_problem.isVisible()


def test_what_a_day_field_did_not_take_is_not_said_once_the_fields_are_gone(
    bills: BillsTab, qtbot
) -> None:
    """A clerk who pasted "05/01/2026", then chose "Last 7 days", still read "“05/01/2026”
    may be 2026-01-05 or 2026-05-01 … The field still shows 2025-12-01" beside the
    preset, the day fields it spoke of hidden and the list showing the last 7 days."""
    dates = bills.filters.dates
    dates.set_preset(CUSTOM)
    dates.set_days(date(2025, 12, 1), date(2026, 2, 1))
    paste_day(qtbot, dates.first_day, "05/01/2026")
    assert dates.typed_problem.isVisible()
    dates.set_preset(LAST_7_DAYS)
    assert not dates.typed_problem.isVisible()
    dates.set_preset(CUSTOM)
    assert not dates.typed_problem.isVisible(), "the fields show the days they hold"


@pytest.mark.parametrize(
    ("shown", "pasted"),
    [("01/20/2026", "07/06/2026"), ("01/05/2026", "05/01/2026"), ("01/20/2026", "05/10/2026")],
    ids=ascii,
)
def test_a_day_pasted_whole_after_a_click_on_the_day_is_the_day_pasted(
    bills: BillsTab, qtbot, shown: str, pasted: str
) -> None:
    """A clerk clicking into the day of "01/20/2026", then pasting "07/06/2026" over the
    whole field (Ctrl+A, Ctrl+V), saw 07/20/2026 taken without a word: Qt kept the day
    last clicked into, and the list showed bills from another day than the one pasted."""
    dates = bills.filters.dates
    dates.set_preset(CUSTOM)
    edit = dates.first_day
    edit.setDisplayFormat("MM/dd/yyyy")
    edit.setDate(QDate.fromString(shown, "MM/dd/yyyy"))
    edit.setFocus()
    line = edit.lineEdit()
    day_at = 4 + line.fontMetrics().horizontalAdvance("01/0")  # in its day
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(day_at, line.height() // 2))
    assert edit.currentSection() == QDateTimeEdit.Section.DaySection
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QGuiApplication.clipboard().setText(pasted)
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == pasted
    assert edit.date() == QDate.fromString(pasted, "MM/dd/yyyy")
    edit.interpretText()
    assert edit.date() == QDate.fromString(pasted, "MM/dd/yyyy")


def test_what_a_day_field_did_not_take_is_said_in_a_line_or_two_at_the_window_s_width(
    bills: BillsTab, qtbot
) -> None:
    """At 1024×768, "“hello” is not a day …" beside the day fields wrapped into a column
    five lines high and a word or two wide, pushing the filters above and below apart."""
    dates = bills.filters.dates
    bills.window().resize(1024, 768)
    dates.set_preset(CUSTOM)
    paste_day(qtbot, dates.first_day, "hello")
    qtbot.waitUntil(lambda: dates.typed_problem.isVisible(), timeout=WAIT_MS)
    QApplication.processEvents()
    assert dates.typed_problem.height() <= 2 * dates.typed_problem.fontMetrics().lineSpacing() + 4
