"""Export… on the Bills, Refunds and Audit tabs of the real window: the file holds exactly
what the table shows (rows the filters let through, in the shown order, the shown
columns), amounts as numbers with their currency, times in local ISO form; a large
export runs on its own thread with a progress dialog that cancels without leaving a
file; a write error is said plainly; the folder is remembered; nothing secret is
ever in the file."""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
import threading
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMessageBox, QPushButton

from console.api.models import BillRecord, RefundRecord
from console.gui import stored_texts
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, SANDBOX_ID, Profile
from console.gui.session import ConsoleSession
from console.gui.settings import EXPORT_FOLDER, EXPORT_FORMAT
from console.gui.tables import table_export
from console.gui.tables.date_presets import CUSTOM
from console.gui.tables.history_tab import HistoryTab
from console.gui.tables.table_export import (
    CANCELLED,
    DONE,
    FAILED,
    safe_file_name,
)
from console.gui.tabs import audit_tab as audit_tab_module
from console.gui.tabs.audit_tab import AuditTab
from console.gui.tabs.bills_tab import BillsTab
from console.gui.tabs.refunds_tab import RefundsTab
from console.store import audit_log as audit
from console.store import mirror_file
from console.store.database import Database
from console.store.mirror import BILLS
from tests.file_damage import (
    audit_rows_have_room_again,
    audit_rows_meet_a_full_disk,
    locked_by_another_program,
)
from tests.gui.sandbox_bills import insert_bill
from tests.gui.sandbox_truth import sandbox_store
from tests.gui.tab_drivers import (
    CARD_DIGITS,
    CVV,
    WAIT_MS,
    column,
    export,
    fill_card,
    pay_and_wait,
    read_csv,
    search,
    show_audit,
    show_tab,
    type_in,
)
from tests.net_support import closed_port_url

Tab = HistoryTab | AuditTab
AMOUNT_TITLES = ("Amount", "Bill amount", "Refund amount")
TIME_TITLES = ("Created", "Time")


# -- driving an export ------------------------------------------------------------------------


def export_rows(tab: Tab) -> list[audit.AuditEntry]:
    """The audit log's rows of exports, newest first."""
    return tab.session.audit.log.entries(audit.AuditQuery(action=audit.EXPORT))


def read_xlsx(path: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path).active
    assert isinstance(sheet, Worksheet)
    return [
        ["" if value is None else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


# -- what the table shows, as the user reads it -----------------------------------------------


def shown_titles(tab: Tab) -> list[str]:
    model = tab.model
    return [
        str(model.headerData(column, Qt.Orientation.Horizontal))
        for column in tab.view.shown_columns()
    ]


def shown_texts(tab: Tab) -> list[list[str]]:
    """Every shown cell's text, top to bottom, columns in their order on screen."""
    columns = tab.view.shown_columns()
    shown = tab.proxy if isinstance(tab, AuditTab) else tab.model  # the audit log's rows
    return [
        [shown.index(row, column).data() for column in columns] for row in range(shown.rowCount())
    ]


def same(title: str, exported: Any, shown: str) -> bool:
    """Whether an exported cell is what the table shows (written the table's way)."""
    if title in AMOUNT_TITLES:
        if exported == "" or shown == "":
            return exported == shown
        return Decimal(str(exported)) == Decimal(shown.replace(",", ""))
    if title in TIME_TITLES:  # 2026-11-30T14:05:09+08:00 is shown 2026-11-30 14:05:09
        return str(exported)[:19].replace("T", " ") == shown
    return str(exported).removeprefix("'") == shown


def assert_file_is_the_table(
    tab: Tab,
    rows: list[list[Any]],
    currency_after: str | None,
    shown: list[list[str]] | None = None,
) -> None:
    """The file's header and rows are the table's (or `shown`, its cells when it was
    exported), the Currency column added after `currency_after` when the table shows
    none (a table amount says it: 'USD 12.34')."""
    titles = shown_titles(tab)
    header, body = rows[0], rows[1:]
    expected_header = list(titles)
    if currency_after is not None:
        expected_header.insert(titles.index(currency_after) + 1, "Currency")
    if "Refunded" in titles:  # "900 · 2026-01-02": an amount and a time in a file
        expected_header.insert(expected_header.index("Refunded") + 1, "Refund time")
    if "Channel" in titles:  # its words as shown, then its code
        expected_header.insert(expected_header.index("Channel") + 1, "Channel code")
    assert header == expected_header
    if shown is None:
        shown = shown_texts(tab)
        assert len(body) == tab.model.rowCount()
    assert len(body) == len(shown)
    for file_row, table_row in zip(body, shown, strict=True):
        cells = dict(zip(header, file_row, strict=True))
        currency = str(cells.get("Currency", ""))
        for title, text in zip(titles, table_row, strict=True):
            if currency_after is not None and title in AMOUNT_TITLES and currency:
                text = text.removeprefix(f"{currency} ")
            if title == "Refunded":
                assert same_refund(cells["Refunded"], cells["Refund time"], text), file_row
                continue
            assert same(title, cells[title], text), (title, file_row, table_row)


def same_refund(amount: Any, time: Any, shown: str) -> bool:
    """Whether a bill's Refunded cell on screen ("900 · 2026-01-02", "in progress" or
    nothing) is the amount and the time exported."""
    if shown in ("", "in progress"):
        return amount == shown and (time == "") == (shown == "")
    figure, day = shown.split(" · ")
    return same("Amount", amount, figure) and str(time)[:10] == day


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder exports go to (tmp_path also holds the console's databases)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def bills(window: MainWindow, qtbot) -> BillsTab:
    session = window.session
    insert_bill(session, "BCFORMULA0000001", title='=HYPERLINK("http://x")', total_fee=1)
    insert_bill(session, "BCJPY00000000001", title="跨境电商运费", currency="JPY", total_fee=120000)
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    return tab


# -- exactly what is shown --------------------------------------------------------------------


def test_a_filtered_sorted_bills_table_exports_only_its_shown_rows_in_order(
    bills: BillsTab, qtbot, out: Path
) -> None:
    bills.row_filters.set_status("paid")
    bills.row_filters.set_text("paypal")
    amount = bills.model.column_of("total_fee")
    bills.view.sortByColumn(amount, Qt.SortOrder.AscendingOrder)
    header = bills.view.horizontalHeader()
    header.moveSection(header.visualIndex(bills.model.column_of("channel")), 0)
    bills.view.setColumnHidden(bills.model.column_of("paid"), True)
    assert 2 < bills.model.rowCount() < 122  # of the demo bills and the two of `bills`

    path = out / "bills.csv"
    assert export(bills, path, qtbot) == DONE
    rows = read_csv(path)
    assert rows[0] == [
        "Channel",
        "Channel code",
        "Bill number",
        "Title",
        "Amount",
        "Currency",
        "Refunded",
        "Refund time",
        "Created",
    ]
    assert_file_is_the_table(bills, rows, currency_after=None)
    bill_nos = [row[2] for row in rows[1:]]
    assert bill_nos == [
        record.bill_no for record in bills.model.records_at(range(bills.model.rowCount()))
    ]
    by_bill = {row[2]: row for row in rows[1:]}
    assert by_bill["BCFORMULA0000001"][3] == '\'=HYPERLINK("http://x")'  # neutralised
    assert by_bill["BCFORMULA0000001"][4] == "0.01"
    assert by_bill["BCJPY00000000001"][:6] == [
        *("Card via PayPal", "PAYPAL_CREDITCARD"),
        *("BCJPY00000000001", "跨境电商运费", "1200", "JPY"),
    ]
    assert list(out.iterdir()) == [path]
    assert bills.outcome.kind == "success"
    assert bills.outcome.title.text() == "Exported to bills.csv"
    assert str(path) in bills.outcome.body.text()
    [row] = export_rows(bills)
    assert (row.profile_id, row.subject, row.result) == ("sandbox", "bills.csv", audit.OK)
    assert row.detail == f"Bills to {path}; rows: {len(rows) - 1}"


def test_bills_to_excel_with_the_currency_column_hidden_still_say_the_currency(
    bills: BillsTab, qtbot, out: Path
) -> None:
    bills.view.setColumnHidden(bills.model.column_of("currency"), True)
    bills.row_filters.set_text("BCJPY")
    path = out / "bills.xlsx"
    assert export(bills, path, qtbot) == DONE
    rows = read_xlsx(path)
    assert rows[0] == [
        "Bill number",
        "Title",
        "Channel",
        "Channel code",
        "Amount",
        "Currency",
        "Paid",
        "Refunded",
        "Refund time",
        "Created",
    ]
    assert rows[1][:6] == [
        *("BCJPY00000000001", "跨境电商运费", "Card via PayPal", "PAYPAL_CREDITCARD"),
        *(1200, "JPY"),
    ]
    sheet = openpyxl.load_workbook(path).active
    assert isinstance(sheet, Worksheet) and sheet["E2"].number_format == "#,##0"


def test_what_became_of_a_bill_exports_as_an_amount_and_a_time(
    window: MainWindow, qtbot, out: Path
) -> None:
    """The Refunded column ("9.00 · 2026-01-02" on screen) goes to a spreadsheet as a
    number (in the Currency column's currency, even with the bill's amount hidden) and
    the refund's time: a clerk sums what was refunded."""
    session = window.session
    made = int(datetime(2026, 1, 2, 9, 30, tzinfo=UTC).timestamp() * 1000)
    insert_bill(session, "BCREFUNDED000001", total_fee=150000, currency="JPY")
    insert_bill(session, "BCREFUNDING00001", total_fee=2000)
    insert_bill(session, "BCNOTREFUNDED001", total_fee=2000)
    store = sandbox_store(session)
    store.insert_refund(SANDBOX_APP_ID, "20260102EXPORT01", "BCREFUNDED000001", 90000, made)
    store.insert_refund(
        SANDBOX_APP_ID, "20260102EXPORT02", "BCREFUNDING00001", 500, made, finish=False
    )
    bills = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(bills, BillsTab)
    bills.row_filters.set_text("BCREFUND")
    bills.view.setColumnHidden(bills.model.column_of("total_fee"), True)
    bills.view.sortByColumn(bills.model.column_of("bill_no"), Qt.SortOrder.AscendingOrder)
    assert column(bills, "refund") == ["900 · " + local_day(made), "in progress"]

    path = out / "bills.xlsx"
    assert export(bills, path, qtbot) == DONE
    rows = read_xlsx(path)
    assert rows[0] == [
        *("Bill number", "Title", "Channel", "Channel code", "Currency", "Paid"),
        *("Refunded", "Refund time", "Created"),
    ]
    refunded, refunding = rows[1], rows[2]
    assert refunded[:1] + refunded[4:8] == ["BCREFUNDED000001", "JPY", "Paid", 900, iso(made)]
    assert refunding[:1] + refunding[4:8] == [
        "BCREFUNDING00001",
        "USD",
        "Paid",
        "in progress",
        iso(made),
    ]
    assert len(rows) == 3  # BCNOTREFUNDED001 is not "BCREFUND…"

    bills.row_filters.set_text("BCNOTREFUNDED")
    path = out / "bills.csv"
    assert export(bills, path, qtbot) == DONE
    assert read_csv(path)[1][4:8] == ["USD", "Paid", "", ""]


def test_sorted_by_refunded_a_refund_in_progress_comes_between_none_and_the_amounts(
    window: MainWindow, qtbot, out: Path
) -> None:
    """Sorted by Refunded, the bills whose refund is in progress ("in progress" on
    screen) were mixed in among those with none; they come after none (a refused refund
    shows none) and before the amounts, both ways, and the export writes the table's
    order."""
    session = window.session
    made = int(datetime(2026, 1, 2, 9, 30, tzinfo=UTC).timestamp() * 1000)
    # the one in progress between the others, whichever way the history keeps them
    numbers = ("BCSORTNONE000001", "BCSORTREFUNDING1", "BCSORTREFUSED001", "BCSORTREFUNDED01")
    for at, number in enumerate(numbers):
        insert_bill(session, number, total_fee=2000, created_time=made + at)
    store = sandbox_store(session)
    store.insert_refund(SANDBOX_APP_ID, "20260102SORT0001", numbers[1], 500, made, finish=False)
    store.insert_refund(SANDBOX_APP_ID, "20260102SORT0002", numbers[2], 700, made, result=False)
    store.insert_refund(SANDBOX_APP_ID, "20260102SORT0003", numbers[3], 300, made)
    bills = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(bills, BillsTab)
    bills.row_filters.set_text("BCSORT")
    refund = bills.model.column_of("refund")
    shown = ["", "", "in progress", "3.00 · " + local_day(made)]
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        bills.view.sortByColumn(refund, order)
        qtbot.waitUntil(lambda: not bills.is_loading(), timeout=WAIT_MS)
        ascending = order == Qt.SortOrder.AscendingOrder
        assert column(bills, "refund") == (shown if ascending else shown[::-1])
        path = out / f"bills-{int(ascending)}.csv"
        assert export(bills, path, qtbot) == DONE
        exported = [row[0] for row in read_csv(path)[1:]]
        assert exported == column(bills, "bill_no")


def local_day(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d")


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).astimezone().isoformat(timespec="seconds")


def test_refunds_export_amounts_as_numbers_with_a_currency_column(
    window: MainWindow, qtbot, out: Path
) -> None:
    refunds = show_tab(window, window.refunds_tab, qtbot)
    assert isinstance(refunds, RefundsTab)
    refunds.view.sortByColumn(refunds.model.column_of("refund_fee"), Qt.SortOrder.DescendingOrder)
    path = out / "refunds.xlsx"
    assert export(refunds, path, qtbot) == DONE
    rows = read_xlsx(path)
    assert rows[0][3:8] == ["Channel", "Channel code", "Bill amount", "Currency", "Refund amount"]
    assert_file_is_the_table(refunds, rows, currency_after="Bill amount")
    assert all(isinstance(row[5], int | float) for row in rows[1:])
    shown = refunds.model.records_at(range(refunds.model.rowCount()))
    assert all(isinstance(record, RefundRecord) for record in shown)
    assert [row[1] for row in rows[1:]] == [
        record.refund_no for record in shown if isinstance(record, RefundRecord)
    ]


def add_audit_entries(session: ConsoleSession) -> None:
    log = session.audit.log
    log.append(
        profile_id="sandbox",
        profile_name="Sandbox",
        action=audit.PAYMENT,
        subject="BCAUDIT000000001",
        result=audit.OK,
        amount=1250,
        currency="USD",
        detail="+cmd|' /C calc'!A0",
    )
    log.append(
        profile_id="sandbox",
        profile_name="Sandbox",
        action=audit.REFUND,
        subject="20261130RFJPY0001",
        result=audit.refused(11, "ALREADY_REFUNDING"),
        amount=300000,
        currency="JPY",
    )
    log.append(
        profile_id="sandbox",
        profile_name="Sandbox",
        action=audit.PROFILE_ADDED,
        subject="Shop – live",
        result=audit.OK,
    )


def test_the_audit_tab_exports_its_entries_as_shown(window: MainWindow, qtbot, out: Path) -> None:
    add_audit_entries(window.session)
    tab = show_audit(window)
    tab.search_now("sandbox")
    path = out / "audit.csv"
    shown = shown_texts(tab)
    assert export(tab, path, qtbot) == DONE
    rows = read_csv(path)
    assert rows[0] == [
        "Time",
        "Operator",
        "Profile",
        "Action",
        "Subject",
        "Amount",
        "Currency",
        "Result",
        "Detail",
    ]
    assert_file_is_the_table(tab, rows, currency_after="Amount", shown=shown)
    assert [row[3:8] for row in rows[1:]] == [
        ["Profile added", "Shop – live", "", "", "OK"],
        ["Refund", "20261130RFJPY0001", "3000", "JPY", "Refused 11 ALREADY_REFUNDING"],
        ["Payment", "BCAUDIT000000001", "12.50", "USD", "OK"],
    ]
    assert rows[3][8] == "'+cmd|' /C calc'!A0"
    assert tab.outcome.kind == "success"
    # the export itself is a row of the log, shown as it comes
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4, timeout=WAIT_MS)
    assert shown_texts(tab)[0][3:5] == ["Export", "audit.csv"]
    assert shown_texts(tab)[0][5:] == ["", "OK", f"Audit to {path}; rows: 3"]


# -- large exports: progress, cancel, a responsive window -------------------------------------


def many_bills(count: int) -> list[BillRecord]:
    return [
        BillRecord(
            f"BCMANY{n:010d}",
            100 + n,
            "PAYPAL_PAYPAL",
            f"订单 {n}",
            True,
            1_796_018_709_000 - n,
            "USD",
        )
        for n in range(count)
    ]


def into_history(tab: BillsTab, records: list[BillRecord], qtbot) -> None:
    """Put records in the tab's history (as a sync would) and wait until it shows them."""
    wanted = tab.model.rowCount() + len(records)
    mirror = tab.history.mirror
    mirror.put_bills(records, 1)
    tab.model.refresh()
    qtbot.waitUntil(lambda: tab.model.complete and tab.model.rowCount() == wanted, timeout=WAIT_MS)


def test_cancelling_a_large_export_leaves_no_file(bills: BillsTab, qtbot, out: Path) -> None:
    into_history(bills, many_bills(60_000), qtbot)
    exporter = bills.exporter
    # The export thread waits at row 2,000 until Cancel has been clicked: however fast
    # the machine, the click lands mid-export.
    clicked = threading.Event()
    snapshot = bills.snapshot()
    make_cells = snapshot.make_cells
    rows_made = itertools.count()

    def slowed(record: Any) -> Any:
        if next(rows_made) == 2_000:
            clicked.wait(WAIT_MS / 1000)
        return make_cells(record)

    exporter.take_snapshot = lambda: dataclasses.replace(snapshot, make_cells=slowed)

    def start_then_cancel() -> None:
        qtbot.mouseClick(exporter.button, Qt.MouseButton.LeftButton)
        assert not exporter.button.isEnabled()  # one export at a time
        progress = exporter.progress
        assert progress is not None
        qtbot.waitUntil(progress.isVisible, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: progress.value() > 0, timeout=WAIT_MS)
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
        clicked.set()

    assert export(bills, out / "bills.xlsx", qtbot, start_then_cancel) == CANCELLED
    assert list(out.iterdir()) == []
    assert bills.outcome.kind == "pending"
    assert bills.outcome.title.text() == "Export cancelled"
    assert exporter.button.isEnabled() and exporter.progress is None
    [row] = export_rows(bills)
    assert (row.subject, row.result) == ("bills.xlsx", audit.NOT_MADE)
    assert row.detail == f"Bills to {out / 'bills.xlsx'}: cancelled, no file was written"


def test_a_100000_row_export_runs_off_the_gui_thread_with_progress(
    bills: BillsTab, qtbot, out: Path
) -> None:
    into_history(bills, many_bills(100_000 - bills.model.rowCount()), qtbot)
    shown = bills.model.rowCount()
    assert shown == 100_000
    QApplication.processEvents()  # the view takes in its 100,000 rows before the clock starts
    progress: list[int] = []
    gaps: list[int] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(5)

    def tick() -> None:
        gaps.append(clock.restart())

    ticker.timeout.connect(tick)

    def start() -> None:
        qtbot.mouseClick(bills.exporter.button, Qt.MouseButton.LeftButton)
        thread = bills.exporter.export_thread
        assert thread is not None and thread.isRunning()
        thread.progressed.connect(progress.append)
        clock.start()
        ticker.start()

    started = time.monotonic()
    assert export(bills, out / "bills.csv", qtbot, start) == DONE
    ticker.stop()
    took = time.monotonic() - started
    assert progress == sorted(progress) and progress[-1] == shown and len(progress) >= 3
    assert len(read_csv(out / "bills.csv")) == shown + 1
    # The GUI thread kept turning while the file was written: no long freeze.
    assert len(gaps) > 10 and max(gaps[1:]) < 500, (took, max(gaps))


def progress_said(bills: BillsTab, path: Path, qtbot) -> list[tuple[str, Qt.TextFormat]]:
    """Export to `path` (done): what its progress dialog's label said, and as what."""
    shown: list[tuple[str, Qt.TextFormat]] = []

    def start() -> None:
        qtbot.mouseClick(bills.exporter.button, Qt.MouseButton.LeftButton)
        progress = bills.exporter.progress
        assert progress is not None
        label = progress.findChild(QLabel)
        assert label is not None
        shown.append((label.text(), label.textFormat()))

    assert export(bills, path, qtbot, start) == DONE
    return shown


def test_the_progress_dialog_shows_the_file_name_as_it_is_never_as_markup(
    bills: BillsTab, qtbot, out: Path
) -> None:
    """A name typed in the file dialog is the user's text: "<b>March.csv" was shown
    "Exporting 122 rows to March.csv…" in bold (Qt reads a label that looks like markup as
    rich text, and would read an image a name's <img> pointed at)."""
    path = out / "<b>March.csv"
    shown = progress_said(bills, path, qtbot)
    rows = f"{bills.model.rowCount():,}"
    assert shown == [(f"Exporting {rows} rows to <b>March.csv…", Qt.TextFormat.PlainText)]
    assert path.is_file()


def test_an_export_of_one_row_says_it_in_the_singular(bills: BillsTab, qtbot, out: Path) -> None:
    """It said "Exporting 1 rows to one.csv…" and "1 rows written to …"."""
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    bills.row_filters.set_text("BCJPY0000")  # the one bill of that number
    qtbot.waitUntil(lambda: bills.model.complete and bills.model.rowCount() == 1, timeout=WAIT_MS)
    path = out / "one.csv"
    assert progress_said(bills, path, qtbot) == [
        ("Exporting 1 row to one.csv…", Qt.TextFormat.PlainText)
    ]
    assert bills.outcome.body.text() == f"1 row written to {path}"
    assert len(read_csv(path)) == 2


# -- errors, the file dialog, remembered folder -----------------------------------------------


def test_an_unwritable_path_is_a_clear_message_and_nothing_is_written(
    bills: BillsTab, qtbot, out: Path
) -> None:
    blocker = out / "a-file"
    blocker.write_text("not a folder")
    path = blocker / "bills.csv"
    assert export(bills, path, qtbot) == FAILED
    assert bills.outcome.kind == "export"
    assert bills.outcome.title.text() == "Export failed"
    body = bills.outcome.body.text()
    assert body == (
        f"Could not write {path}: a part of the path is a file, not a folder. Nothing was written."
    )
    assert "Traceback" not in body
    assert sorted(out.iterdir()) == [blocker]
    assert bills.exporter.button.isEnabled()
    [row] = export_rows(bills)
    # the reason is the result (it said "Failed: Export failed" of an export)
    reason = "a part of the path is a file, not a folder"
    assert (row.subject, row.result) == ("bills.csv", audit.failed(reason))
    assert stored_texts.audit_result(row.result) == f"Failed: {reason}"
    assert row.detail == (
        f"Bills to {path}: a part of the path is a file, not a folder; no file was written"
    )


def test_an_export_the_audit_log_cannot_record_says_so(bills: BillsTab, qtbot, out: Path) -> None:
    """Found with a full home folder and an export to another disk: the file was written
    and "Exported" said, but its audit row was lost without a word (the log had it). It is
    said, and the row held until the database can be written."""
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    audit_rows_meet_a_full_disk(bills.session.store.database)
    path = out / "bills.csv"
    assert export(bills, path, qtbot) == DONE
    assert bills.outcome.title.text() == "Exported to bills.csv"
    body = bills.outcome.body.text()
    assert body == (
        f"{len(read_csv(path)) - 1} rows written to {path}\nThis export's audit entry is not "
        "saved yet: The console's database could not be written: the disk is full. It is "
        "kept, and saved as soon as the database can be written again."
    )
    assert [row.saved for row in export_rows(bills)] == [False]
    # and a failed one (the full disk the file was to go to) says it alike
    blocker = out / "a-file"
    blocker.write_text("not a folder")
    assert export(bills, blocker / "bills.csv", qtbot) == FAILED
    assert bills.outcome.body.text().endswith(
        "Nothing was written.\nThis export's audit entry is not saved yet: The console's "
        "database could not be written: the disk is full. It is kept, and saved as soon as "
        "the database can be written again."
    )
    audit_rows_have_room_again(bills.session.store.database)
    bills.session.audit.write_held()
    assert [row.saved for row in export_rows(bills)] == [True, True]


def test_more_rows_than_an_excel_sheet_holds_are_refused_before_anything_is_written(
    bills: BillsTab, qtbot, out: Path, monkeypatch
) -> None:
    """An Excel sheet holds 1,048,576 rows: a history of more bills than that was
    written to .xlsx whole, which Excel opens only to repair it, the rows past its
    last left out, while the console said every row was written. It is refused, and
    CSV offered; the same rows to a CSV file are written."""
    monkeypatch.setattr(table_export, "XLSX_ROWS", 100)
    rows = bills.model.rowCount()
    assert rows > 100
    path = out / "bills.xlsx"
    assert export(bills, path, qtbot) == FAILED
    assert bills.outcome.title.text() == "Export failed"
    assert bills.outcome.body.text() == (
        f"An Excel sheet holds at most 100 rows; the table shows {rows}. Nothing was "
        "written: export them to a CSV file, or filter the table to fewer rows."
    )
    assert not path.exists() and not list(out.iterdir())
    assert bills.exporter.button.isEnabled()
    assert export(bills, out / "bills.csv", qtbot) == DONE
    assert len(read_csv(out / "bills.csv")) == rows + 1


def test_the_file_dialog_offers_both_formats_and_the_last_folder(
    bills: BillsTab, qtbot, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[Any, ...]] = []
    answer = (str(out / "march"), "Excel workbook (*.xlsx)")

    def get_save_file_name(*args: Any) -> tuple[str, str]:
        asked.append(args)
        return answer

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    with qtbot.waitSignal(bills.exporter.finished, timeout=WAIT_MS):
        bills.export()
    assert (out / "march.xlsx").is_file()  # the extension of the chosen filter is added
    parent, _caption, suggested, filters, chosen = asked[0]
    assert parent is bills
    assert filters == "CSV, UTF-8 (*.csv);;Excel workbook (*.xlsx)"
    assert chosen == "CSV, UTF-8 (*.csv)" and suggested.endswith(".csv")
    settings = bills.session.settings
    assert settings.get(EXPORT_FOLDER) == str(out)
    assert settings.get(EXPORT_FORMAT) == ".xlsx"

    asked.clear()
    answer = ("", "")  # the user cancels the dialog: nothing happens
    bills.export()
    _parent, _caption, suggested, _filters, chosen = asked[0]
    assert Path(suggested).parent == out and suggested.endswith(".xlsx")
    assert chosen == "Excel workbook (*.xlsx)"
    assert bills.exporter.export_thread is None


def test_an_export_never_holds_a_card_number_cvv_or_secret(
    window: MainWindow, qtbot, out: Path
) -> None:
    payment = window.payment_tab
    window.tabs.setCurrentWidget(payment)
    fill_card(payment)
    payment.card.cvv_edit.setText(CVV)
    payment.bill_no_edit.setText("BCEXPORTCARD0001")
    pay_and_wait(qtbot, payment)
    assert payment.outcome.kind == "success"
    secret = window.session.credentials().secret

    bills = show_tab(window, window.bills_tab, qtbot)
    search(bills, qtbot)
    bills.row_filters.set_text("BCEXPORTCARD0001")
    assert bills.model.rowCount() == 1
    audit_tab = show_audit(window)
    files = [
        out / "bills.csv",
        out / "bills.xlsx",
        out / "audit.csv",
        out / "audit.xlsx",
    ]
    tabs: tuple[Tab, ...] = (bills, bills, audit_tab, audit_tab)
    for tab, path in zip(tabs, files, strict=True):
        assert export(tab, path, qtbot) == DONE
    assert "BCEXPORTCARD0001" in read_csv(files[0])[1]
    for path in files:
        text = str(read_csv(path) if path.suffix == ".csv" else read_xlsx(path))
        # the audit's rows name the files exported, whose folder may hold the CVV's
        # digits by chance (pytest's "pytest-739")
        text = text.replace(str(out), "<exports>")
        for needle in (CARD_DIGITS, "4111 1111 1111 1111", CVV, secret):
            assert needle not in text, (path, needle)


def test_a_filter_applied_while_the_file_dialog_is_open_does_not_cut_the_export_short(
    bills: BillsTab, qtbot, out: Path
) -> None:
    """The file dialog runs the event loop for as long as the clerk takes: a typing pause
    ends (a filter applies) or a sync tells of rows meanwhile. The file holds the rows
    shown, all of them, when Export was pressed, under the name the dialog suggested."""
    into_history(bills, many_bills(500), qtbot)
    bills.row_filters.set_text("订单")
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    shown = [record.bill_no for record in bills.model.records_at(range(bills.model.rowCount()))]
    assert len(shown) == 500
    path = out / "bills.csv"
    suggested: list[str] = []

    def choose_while_a_filter_applies() -> Path:
        suggested.append(bills.export_file_stem())
        bills.row_filters.set_text("BCMANY")  # the typing pause ended during the dialog
        assert not bills.model.complete  # its first 200 rows shown, the others being read
        return path

    bills.exporter.choose_path = choose_while_a_filter_applies  # type: ignore[method-assign]
    with qtbot.waitSignal(bills.exporter.finished, timeout=WAIT_MS) as outcome:
        qtbot.mouseClick(bills.exporter.button, Qt.MouseButton.LeftButton)
    assert outcome.args[0] == DONE
    assert [row[0] for row in read_csv(path)[1:]] == shown
    assert suggested == ["bills_all-dates_matching-订单"]
    assert bills.outcome.body.text() == f"500 rows written to {path}"


def test_an_export_is_audited_under_the_profile_whose_rows_it_holds(
    bills: BillsTab, qtbot, out: Path
) -> None:
    """The clerk presses Export on the Sandbox's bills; while the file dialog is open the
    console goes over to a live profile (another console removed the one in use, found
    by a sync; here, one picked). The file holds the Sandbox's rows, and the audit log
    said a live profile's rows had left the console."""
    session = bills.session
    shop = Profile.new_live("Shop", "shop-app", (closed_port_url(),))
    session.profiles.save(shop)
    session.secrets.set(shop.id, "shop-secret")
    shown = [record.bill_no for record in bills.model.records_at(range(bills.model.rowCount()))]
    path = out / "bills.csv"

    def choose_while_another_profile_comes() -> Path:
        session.activate(shop.id)
        return path

    bills.exporter.choose_path = choose_while_another_profile_comes  # type: ignore[method-assign]
    with qtbot.waitSignal(bills.exporter.finished, timeout=WAIT_MS) as outcome:
        qtbot.mouseClick(bills.exporter.button, Qt.MouseButton.LeftButton)
    assert outcome.args[0] == DONE
    assert [row[0] for row in read_csv(path)[1:]] == shown
    [row] = export_rows(bills)
    assert (row.profile_id, row.profile_name) == (SANDBOX_ID, "Sandbox")


@pytest.mark.parametrize("typed", ["free text", "bill number"])
def test_an_export_right_after_typing_holds_the_rows_of_the_filter_typed(
    bills: BillsTab, qtbot, out: Path, typed: str
) -> None:
    """Ctrl+E before the typing pause ends: the filter on screen applies first."""
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert bills.model.rowCount() > 1
    if typed == "free text":
        qtbot.keyClicks(bills.row_filters.text, "BCJPY0000")
    else:
        type_in(qtbot, bills.filters.bill_no, "BCJPY00000000001")
    path = out / "bills.csv"
    suggested: list[str] = []

    def choose() -> Path:
        suggested.append(bills.export_file_stem())
        return path

    bills.exporter.choose_path = choose  # type: ignore[method-assign]
    with qtbot.waitSignal(bills.exporter.finished, timeout=WAIT_MS):
        bills.export()
    assert [row[0] for row in read_csv(path)[1:]] == ["BCJPY00000000001"]
    assert suggested == [
        "bills_all-dates_matching-BCJPY0000" if typed == "free text" else "bills_BCJPY00000000001"
    ]


def test_an_audit_export_right_after_typing_holds_the_entries_of_the_text_typed(
    window: MainWindow, qtbot, out: Path
) -> None:
    add_audit_entries(window.session)
    tab = show_audit(window)
    assert tab.proxy.rowCount() > 1
    qtbot.keyClicks(tab.search_edit, "BCAUDIT000000001")  # Ctrl+E before the typing pause ends
    path = out / "audit.csv"
    assert export(tab, path, qtbot, tab.export) == DONE
    assert [row[4] for row in read_csv(path)[1:]] == ["BCAUDIT000000001"]


def test_a_bill_gone_from_the_history_while_exporting_is_not_counted_as_written(
    bills: BillsTab, qtbot, out: Path
) -> None:
    """A sync may forget a bill (the server has it no more) between Export and the write:
    the outcome counts the rows the file holds."""
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    shown = bills.model.records_at(range(bills.model.rowCount()))
    at = next(record for record in shown if record.bill_no == "BCFORMULA0000001").created_time
    kept = [record.bill_no for record in shown if record.created_time != at]
    take_snapshot = bills.exporter.take_snapshot

    def snapshot_then_forget() -> Any:
        table = take_snapshot()
        assert bills.history.mirror.forget_unseen(BILLS, at, at, 2**62) == len(shown) - len(kept)
        return table

    bills.exporter.take_snapshot = snapshot_then_forget
    path = out / "bills.csv"
    assert export(bills, path, qtbot) == DONE
    written = [row[0] for row in read_csv(path)[1:]]
    assert written == kept
    assert bills.outcome.body.text() == f"{len(written):,} rows written to {path}"


def test_an_audit_export_of_days_the_wrong_way_round_is_refused_as_the_bills_one_is(
    window: MainWindow, qtbot, out: Path
) -> None:
    add_audit_entries(window.session)
    tab = show_audit(window)
    tab.dates.set_preset(CUSTOM)
    tab.dates.set_days(date(2026, 12, 5), date(2026, 12, 1))
    assert tab.count_label.text() == "Pick a first day before the last day."
    asked: list[bool] = []

    def choose() -> Path:
        asked.append(True)
        return out / "audit.csv"

    tab.exporter.choose_path = choose  # type: ignore[method-assign]
    tab.export()
    assert not asked and list(out.iterdir()) == []
    assert tab.outcome.kind == "pending"
    assert tab.outcome.title.text() == "Not exported"
    assert tab.outcome.body.text() == "Pick a first day before the last day."


def test_a_history_made_again_while_exporting_is_said_to_be_unreadable_not_the_file(
    bills: BillsTab, qtbot, out: Path
) -> None:
    """A sync may find the history damaged and make it again between Export and the write:
    the rows can no longer be read. The file was never the trouble: it was said "Could
    not write …: ProgrammingError: the mirror is closed", and logged as a bug."""
    take_snapshot = bills.exporter.take_snapshot
    history = bills.history

    def snapshot_then_heal() -> Any:
        table = take_snapshot()
        history.mirror.damaged = True
        assert history._heal()
        return table

    bills.exporter.take_snapshot = snapshot_then_heal
    path = out / "bills.csv"
    assert export(bills, path, qtbot) == FAILED
    assert bills.outcome.title.text() == "Export failed"
    assert bills.outcome.body.text() == (
        "The rows to export could not be read from the history (it was closed meanwhile). "
        "Nothing was written."
    )
    assert list(out.iterdir()) == []


def in_memory_until_released(bills: BillsTab, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history file was locked by another program when the console opened it: this
    session's history is in memory, and the file can be used again at the next sync."""
    history = bills.history
    history.mirror.close()
    history._mirrors.clear()
    monkeypatch.setattr(mirror_file, "BUSY_TIMEOUT_MS", 50)
    path = mirror_file.mirror_path(history.session.data_dir, history.session.profile.id)
    with locked_by_another_program(path):
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
            bills.refresh()
        assert history.mirror.path is None
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)


def test_an_export_whose_history_file_is_used_again_meanwhile_writes_every_row_shown(
    bills: BillsTab, qtbot, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history was kept in memory (its file locked at start). While the clerk picks
    the export's file name, the timer's sync finds the file usable again, fills it and
    the console shows it instead. The export writes the rows shown when Export was
    pressed, all of them, and the history in memory is closed once it is done (its
    records gone from memory). It was closed at the switch, and the export failed with
    "could not be read from the history (it was closed meanwhile)": exported again."""
    history = bills.history
    in_memory_until_released(bills, qtbot, monkeypatch)
    in_memory = history.mirror
    shown = column(bills, "bill_no")
    assert len(shown) == bills.model.rowCount() > 100
    path = out / "bills.csv"

    def choose_while_the_file_comes_back() -> Path:
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
            history.sync()  # the timer's
        assert history.mirror is not in_memory and history.mirror.path is not None
        return path

    bills.exporter.choose_path = choose_while_the_file_comes_back  # type: ignore[method-assign]
    with qtbot.waitSignal(bills.exporter.finished, timeout=WAIT_MS) as outcome:
        qtbot.mouseClick(bills.exporter.button, Qt.MouseButton.LeftButton)
    assert outcome.args[0] == DONE, bills.outcome.body.text()
    assert [row[0] for row in read_csv(path)[1:]] == shown
    assert bills.outcome.body.text() == f"{len(shown):,} rows written to {path}"
    # once the last reader is done: a read of its ids that the switch replaced, too
    qtbot.waitUntil(lambda: in_memory.closed, timeout=WAIT_MS)
    gone = sqlite3.connect(in_memory.uri, uri=True)  # the same memory database, if kept
    try:
        assert gone.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,)
    finally:
        gone.close()


def test_a_bill_paid_while_an_export_of_unpaid_bills_runs_is_not_in_the_file(
    bills: BillsTab, qtbot, out: Path
) -> None:
    """A sync may change a bill between Export and the write: the file holds the rows
    of the filters it is named after (here unpaid), never one they no longer select."""
    bills.row_filters.set_status("unpaid")
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    shown = bills.model.records_at(range(bills.model.rowCount()))
    assert len(shown) > 1
    first = shown[0]
    assert isinstance(first, BillRecord)
    paid = dataclasses.replace(first, paid=True)
    take_snapshot = bills.exporter.take_snapshot

    def snapshot_then_pay() -> Any:
        table = take_snapshot()
        bills.history.mirror.put_bills([paid], 2)
        return table

    bills.exporter.take_snapshot = snapshot_then_pay
    path = out / "bills_unpaid.csv"
    assert export(bills, path, qtbot) == DONE
    rows = read_csv(path)
    assert [row[0] for row in rows[1:]] == [record.bill_no for record in shown[1:]]
    assert bills.outcome.body.text() == f"{len(shown) - 1:,} rows written to {path}"


@pytest.mark.parametrize("replace", [False, True])
def test_a_name_typed_without_its_extension_never_replaces_a_file_unasked(
    bills: BillsTab, qtbot, out: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    """The file dialog asks before replacing the name typed ("march"); the console adds
    ".csv", and march.csv is another file: it asks again, for that one."""
    older = out / "march.csv"
    older.write_text("last month's figures")
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_args: (str(out / "march"), "CSV, UTF-8 (*.csv)")),
    )
    asked: list[str] = []

    def answer(box: QMessageBox) -> Any:
        asked.append(box.text())
        assert box.defaultButton() == box.button(QMessageBox.StandardButton.No)
        return QMessageBox.StandardButton.Yes if replace else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", answer)
    if replace:
        with qtbot.waitSignal(bills.exporter.finished, timeout=WAIT_MS):
            bills.export()
        assert read_csv(older)[0][0] == "Bill number"
    else:
        bills.export()
        assert bills.exporter.export_thread is None
        assert older.read_text() == "last month's figures"
    assert asked == [f"{older} already exists. Replace it?"]
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the loop does
    assert bills.findChildren(QMessageBox) == []  # not kept, one a question, all week


def test_an_audit_export_of_the_newest_entries_only_says_so_in_its_name(
    window: MainWindow, qtbot, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Audit tab lists the newest 10,000 entries of its filters: a file named
    "audit_all-dates" of them would say it holds every entry."""
    monkeypatch.setattr(audit_tab_module, "DEFAULT_LIMIT", 2)
    add_audit_entries(window.session)
    tab = show_audit(window)
    assert tab.proxy.rowCount() == 2
    assert tab.export_file_stem() == "audit_all-dates_newest-2"
    tab.set_action(audit.PAYMENT)
    assert tab.proxy.rowCount() == 1
    assert tab.export_file_stem() == "audit_payment_all-dates"


def test_a_suggested_name_fits_any_file_system_in_bytes() -> None:
    """120 Chinese characters are 360 bytes: past the 255 a file name may have, and the
    export's temporary file beside it adds more. The stem is cut at 120 bytes, never
    inside a character."""
    stem = safe_file_name("bills_" + "咖啡豆" * 60)
    assert len(stem.encode("utf-8")) <= 120
    assert stem.startswith("bills_咖啡豆") and "\ufffd" not in stem
    assert safe_file_name("a" * 300) == "a" * 120


def test_an_export_after_searching_a_card_number_keeps_it_out_of_the_audit_log(
    bills: BillsTab, qtbot, out: Path
) -> None:
    """A clerk searched the bills for a card number (a payer read it out), then exported
    under the name the file dialog suggests, which holds what was searched: the audit
    log's row kept the card number whole as its subject (the file's name)."""
    bills.row_filters.set_text("4111111111111111")
    stem = bills.export_file_stem()  # nor does the name suggested (a file on disk) hold it
    assert stem == "bills_all-dates_matching-a-card-number", stem
    path = out / "bills_matching-4111111111111111.csv"  # as a clerk may type it all the same
    assert export(bills, path, qtbot) == DONE
    [row] = export_rows(bills)
    for text in (row.subject, row.detail, row.detail_params):
        assert "4111111111111111" not in text, text


@pytest.mark.parametrize(
    "name",
    [
        "bills_card4111111111111111.csv",  # glued to letters
        "x_4111_1111_1111_1111.csv",  # split by underscores
        "payer-5500.0000.0000.0004-refund.csv",
    ],
)
def test_a_card_number_in_an_export_s_name_however_written_is_kept_out_of_the_audit_log(
    bills: BillsTab, qtbot, out: Path, name: str
) -> None:
    """Found: a card number glued to letters, or split by underscores, in the name a
    clerk gave the file stayed whole in its audit row (subject and path)."""
    folder = out / "20261208093000123456"  # a long run of digits that is no card number
    folder.mkdir()
    assert export(bills, folder / name, qtbot) == DONE
    [row] = export_rows(bills)
    digits = "".join(ch for ch in name if ch.isdigit())
    for text in (row.subject, row.detail, row.detail_params):
        assert digits not in "".join(ch for ch in text if ch.isdigit()), text
    assert "20261208093000123456" in row.detail_params  # the folder, as it is


# -- the window closed while an export runs ---------------------------------------------------


def exports_kept(folder: Path) -> list[tuple[str, str]]:
    """The audit log's export rows as the next start reads them: (subject, result)."""
    log = audit.AuditLog(Database.open(folder / "console.sqlite3"))
    try:
        return [(e.subject, e.result) for e in log.entries(audit.AuditQuery(action=audit.EXPORT))]
    finally:
        log.database.close()


def test_an_export_the_closing_window_cancels_is_in_the_audit_log(
    bills: BillsTab, qtbot, out: Path, tmp_path: Path
) -> None:
    """Closing the window stopped a running export and left no file, but no audit row
    either: an export cancelled by Cancel is in the log, one cancelled by closing was not."""
    into_history(bills, many_bills(60_000), qtbot)
    exporter = bills.exporter
    exporter.choose_path = lambda: out / "bills.csv"  # type: ignore[method-assign]
    qtbot.mouseClick(exporter.button, Qt.MouseButton.LeftButton)
    progress = exporter.progress
    assert progress is not None
    qtbot.waitUntil(lambda: progress.value() > 0, timeout=WAIT_MS)
    bills.window().close()
    assert list(out.iterdir()) == []
    assert exports_kept(tmp_path) == [("bills.csv", audit.NOT_MADE)]


def test_an_export_written_just_before_the_window_closed_is_in_the_audit_log(
    bills: BillsTab, qtbot, out: Path, tmp_path: Path
) -> None:
    """The file was whole, its thread done, but the window closed before the thread's
    end was taken up: the file was left with no row in the audit log."""
    exporter = bills.exporter
    exporter.choose_path = lambda: out / "bills.csv"  # type: ignore[method-assign]
    qtbot.mouseClick(exporter.button, Qt.MouseButton.LeftButton)
    thread = exporter.export_thread
    assert thread is not None
    thread.wait()  # its end not taken up yet: the window closes first
    bills.window().close()
    assert (out / "bills.csv").exists()
    assert exports_kept(tmp_path) == [("bills.csv", audit.OK)]


def test_two_tabs_exporting_to_one_name_never_replace_each_others_file_unasked(
    window: MainWindow, bills: BillsTab, qtbot, out: Path
) -> None:
    """Bills and Refunds exported to the same new name at once: the later to finish
    replaced the file the other had just written, unasked (no file was there when its
    name was picked), and both said "Exported". The first file is kept; the later export
    says it was not written, and the audit log says so."""
    refunds = show_tab(window, window.refunds_tab, qtbot)
    path = out / "march.csv"
    go_on = threading.Event()
    snapshot = bills.snapshot()
    make_cells = snapshot.make_cells

    def held(record: Any) -> Any:  # the Bills export waits until the Refunds one is done
        go_on.wait(WAIT_MS / 1000)
        return make_cells(record)

    bills.exporter.take_snapshot = lambda: dataclasses.replace(snapshot, make_cells=held)
    bills.exporter.choose_path = lambda: path  # type: ignore[method-assign]
    with qtbot.waitSignal(bills.exporter.finished, timeout=WAIT_MS) as bills_ended:
        qtbot.mouseClick(bills.exporter.button, Qt.MouseButton.LeftButton)
        assert export(refunds, path, qtbot) == DONE
        go_on.set()
    assert bills_ended.args == [FAILED]
    assert read_csv(path)[0][:2] == shown_titles(refunds)[:2]  # the Refunds file, whole
    assert bills.outcome.title.text() == "Export failed"
    assert bills.outcome.body.text() == (
        f"Could not write {path}: a file of that name is in the way. Nothing was written."
    )
    assert sorted(out.iterdir()) == [path]
    reason = "a file of that name is in the way"
    assert [(row.detail.split(" to ")[0], row.result) for row in export_rows(bills)] == [
        ("Bills", audit.failed(reason)),
        ("Refunds", audit.OK),
    ]
