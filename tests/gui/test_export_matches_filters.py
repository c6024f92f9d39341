"""Whatever filters a clerk sets on Bills or Refunds (a channel, days, a status, words to
find, FTS5-looking ones included: quotes, *, -, AND/NOT/NEAR, `title:`, parentheses, one
or two characters, Chinese, mixed case, full width, a column of lines) and whatever
column the table is sorted by, an export (CSV or .xlsx) holds exactly the rows the
table shows, in its order, the count says how many, and they are the sandbox's own
records those filters select, found by brute force over them (BeeCloud's rule for a
channel, `channel_matches`; every word of a line in a number, the title or the
channel's code or words, as the search index folds them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet
from PySide6.QtCore import Qt

from console.api.channels import FAMILIES, channel_matches
from console.api.validate import typed_words
from console.gui.api_texts import channel_words
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID
from console.gui.tables.date_presets import ANY_DATE, CUSTOM, LAST_7_DAYS, TODAY, day_bounds_ms
from console.gui.tables.history_model import channel_order
from console.gui.tables.history_tab import HistoryTab
from console.gui.tables.table_export import DONE
from console.sandbox.store import RecordFilter
from console.store.trigram_folding import fold, narrow
from tests.gui.sandbox_bills import insert_bill
from tests.gui.sandbox_truth import sandbox_store
from tests.gui.tab_drivers import WAIT_MS, export, read_csv, show_tab

DAY_MS = 86_400_000
TITLES = (
    'say "hi" now',
    "a*b star",
    "-minus first",
    "AND OR NOT",
    "NEAR(x y)",
    "title:chair",
    "(paren) lamp",
    "中文标题",
    "ＶＩＰ会员卡",
    "MiXeD CaSe Chair",
    "ab",
    "耳机",
    "Über desk",
    "50% off_now",
)
CHANNELS = (
    "PAYPAL_PAYPAL",
    "PAYPAL_CREDITCARD",
    "ALI_WEB",
    "WX_APP",
    "PAYPAL_CREDITCARD_3DS",  # codes the console does not know
    "paypal_wallet",
)
WORDS = (
    "",
    '"hi"',
    '"',
    "*",
    "a*b",
    "-",
    "-minus",
    "AND",
    "not",
    "NEAR(x",
    "title:",
    "title:chair",
    "(",
    "(paren)",
    "中",
    "中文",
    "ＶＩＰ",
    "vip",
    "mixed case",
    "CHAIR",
    "ab",
    "x",
    "%",
    "_",
    "card",
    "paypal",
    "PAYPAL_CREDITCARD",
    "BCMATCH",
    "chair\nlamp",
    "desk\n耳",
)
BILL_KEYS = ("bill_no", "title", "channel", "total_fee", "currency", "paid", "refund")
REFUND_KEYS = ("bill_no", "refund_no", "title", "channel", "total_fee", "refund_fee", "result")


@pytest.fixture
def window_with_records(window: MainWindow) -> MainWindow:
    """Bills of every title and channel above, paid or not, in three currencies, over the
    last days; some refunded, refused or in progress."""
    session = window.session
    now = int(datetime.now().timestamp() * 1000)
    store = sandbox_store(session)
    for n in range(28):
        bill_no = f"BCMATCH{n:09d}"
        insert_bill(
            session,
            bill_no,
            title=TITLES[n % len(TITLES)],
            channel=CHANNELS[n % len(CHANNELS)],
            total_fee=100 + 37 * n,
            currency=("USD", "JPY", "EUR")[n % 3],
            paid=n % 4 != 0,
            created_time=now - (n % 9) * DAY_MS - n * 1000,
        )
        if n % 4 and n % 3 != 2:
            store.insert_refund(
                SANDBOX_APP_ID,
                f"20260101MATCH{n:04d}",
                bill_no,
                10 + n,
                now - (n % 5) * DAY_MS - n * 1000,
                finish=n % 5 != 1,
                result=n % 7 != 3,
            )
    return window


def has_words(line: str, fields: tuple[str, ...], channel: str) -> bool:
    """Whether every word of a line is in one of the fields, or in the channel's code
    or words, both folded as the search index folds them."""
    words = [fold(narrow(typed_words(word))) for word in line.split()]
    names = fold(narrow(f"{channel} {channel_words(channel)}"))
    texts = [fold(narrow(field)) for field in fields]
    return all(any(word in text for text in texts) or word in names for word in words if word)


def found(text: str, fields: tuple[str, ...], channel: str) -> bool:
    lines = [line for line in text.splitlines() if line.split()]
    return not lines or any(has_words(line, fields, channel) for line in lines)


def expected_numbers(
    window: MainWindow,
    kind: str,
    channel: str,
    days: tuple[int, int] | None,
    status: str,
    text: str,
) -> set[str]:
    """The sandbox's own records the filters select, found by brute force."""
    store = sandbox_store(window.session)

    def selected(record_channel: str, created: int, fields: tuple[str, ...]) -> bool:
        if channel and not channel_matches(channel, record_channel):
            return False
        if days is not None and not days[0] <= created <= days[1]:
            return False
        return found(text, fields, record_channel)

    views = store.list_refunds(SANDBOX_APP_ID, RecordFilter(), 0, 10_000)
    if kind == "refunds":
        states: dict[str, Callable[[Any], bool]] = {
            "": lambda r: True,
            "succeeded": lambda r: r.finish and r.result,
            "failed": lambda r: r.finish and not r.result,
            "in_progress": lambda r: not r.finish,
        }
        return {
            v.refund.refund_no
            for v in views
            if states[status](v.refund)
            and selected(
                v.bill.channel,
                v.refund.created_time,
                (v.refund.refund_no, v.bill.bill_no, v.bill.title),
            )
        }
    refunded = {v.bill.bill_no for v in views if v.refund.finish and v.refund.result}
    bill_states: dict[str, Callable[[Any], bool]] = {
        "": lambda b: True,
        "paid": lambda b: b.paid,
        "unpaid": lambda b: not b.paid,
        "refunded": lambda b: b.bill_no in refunded,
    }
    return {
        b.bill_no
        for b in store.list_bills(SANDBOX_APP_ID, RecordFilter(), 0, 10_000)
        if bill_states[status](b) and selected(b.channel, b.created_time, (b.bill_no, b.title))
    }


def sort_key(tab: HistoryTab, key: str) -> Callable[[Any], Any]:
    """What a column sorts by, as the table shows its rows (an amount within its
    currency; a channel by its words' order; a bill's refund as its Refunded column)."""
    model = tab.model
    ranked = {code: at for at, code in enumerate(channel_order())}

    def refund_key(record: Any) -> Any:
        settled = model.settlement_of(record.bill_no)
        refunded = settled.refund_fee if settled is not None and settled.succeeded else 0
        in_progress = settled is not None and not settled.finished
        return (model.currency_of(record) or "", refunded, in_progress)

    keys: dict[str, Callable[[Any], Any]] = {
        "channel": lambda r: (ranked.get(r.channel, len(ranked)), r.channel, r.created_time),
        "total_fee": lambda r: (model.currency_of(r) or "", r.total_fee),
        "refund_fee": lambda r: (model.currency_of(r) or "", r.refund_fee),
        "currency": lambda r: model.currency_of(r) or "",
        "result": lambda r: 0 if not r.finished else 2 if r.succeeded else 1,
        "refund": refund_key,
    }
    return keys.get(key, lambda r: getattr(r, key))


def read_xlsx(path: Path) -> list[list[str]]:
    sheet = openpyxl.load_workbook(path).active
    assert isinstance(sheet, Worksheet)
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from(["bills", "refunds"]),
    channel=st.sampled_from(["", *FAMILIES[:4], "PAYPAL_CREDITCARD", "PAYPAL_PAYPAL", "ALI_WEB"]),
    dates=st.sampled_from([ANY_DATE, TODAY, LAST_7_DAYS, CUSTOM]),
    status=st.integers(0, 3),
    text=st.sampled_from(WORDS),
    column=st.integers(0, 7),
    descending=st.booleans(),
    suffix=st.sampled_from([".csv", ".xlsx"]),
)
def test_an_export_holds_the_rows_of_the_filters_shown_in_the_order_shown(
    window_with_records: MainWindow,
    qtbot,
    tmp_path: Path,
    kind: str,
    channel: str,
    dates: str,
    status: int,
    text: str,
    column: int,
    descending: bool,
    suffix: str,
) -> None:
    window = window_with_records
    tab = show_tab(window, window.bills_tab if kind == "bills" else window.refunds_tab, qtbot)
    statuses = ["", *(key for key, _ in tab.model.status_choices())]
    status_key = statuses[status % len(statuses)]
    tab.filters.set_channel(channel)
    today = date.today()
    tab.filters.dates.set_days(today - timedelta(days=5), today - timedelta(days=2))
    tab.filters.dates.set_preset(dates)
    tab.filters.apply_pending()
    tab.row_filters.set_status(status_key or None)
    tab.row_filters.set_text(text)
    keys = BILL_KEYS if kind == "bills" else REFUND_KEYS
    key = keys[column % len(keys)]
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    tab.view.sortByColumn(tab.model.column_of(key), order)
    model = tab.model
    qtbot.waitUntil(lambda: model.complete, timeout=WAIT_MS)

    picked = tab.filters.dates.days()
    days = None if picked is None else day_bounds_ms(*picked)
    expected = expected_numbers(window, kind, channel, days, status_key, text)
    shown = model.records_at(range(model.rowCount()))
    number = "bill_no" if kind == "bills" else "refund_no"
    numbers = [getattr(record, number) for record in shown]
    assert sorted(numbers) == sorted(expected)
    ordered = sorted(shown, key=sort_key(tab, key), reverse=descending)
    assert [sort_key(tab, key)(r) for r in shown] == [sort_key(tab, key)(r) for r in ordered]
    count = tab.count_label.text()
    if numbers:
        assert re.match(rf"{len(numbers):,} (bill|refund)s? · ", count), count
    path = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}{suffix}"
    assert export(tab, path, qtbot) == DONE
    rows = read_csv(path) if suffix == ".csv" else read_xlsx(path)
    at = rows[0].index("Bill number" if kind == "bills" else "Refund number")
    assert [row[at] for row in rows[1:]] == numbers
