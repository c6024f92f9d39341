"""Benchmark 8: the history mirror at 1,000,000 bills, through the console's own tabs.

A mirror of BILLS bills of the last year and their refunds (REFUNDED_SHARE of the paid
ones), written with Mirror.put_bills / put_refunds in batches of BATCH, newest first as
a sync writes them (console/store/mirror.py: the search index and the per-day sums kept by its
triggers); realistic records: titles in Chinese and English (some far more common
than others), most bills PayPal in several currencies, some domestic without one,
bill numbers as the sandbox makes them. It is built once per run, in a temporary
folder, and both measuring processes read it, each a fresh process of its own:

- timing: a console session on that folder (console/gui/session.py; no sync, the
  mirror has no server behind it) and the real Bills tab in a shown window of the
  console's size, offscreen. Each figure is from the action, as the tab applies it,
  to the end of the table's first paint of the new rows (the view's paint_guard marks
  it); the rows of the selection are then counted on a thread of their own (the time
  until they are all in is in the notes), and the next action waits for that.
  - the tab's first opening: the longest the window waited meanwhile (between two turns
    of its event loop), and the time until every id is in;
  - a keystroke of "Find in the history" (as the tab applies it once typing pauses):
    part of a bill number, a Chinese word of three characters and one of two (words
    of fewer than three characters cannot use the trigram index), a word that no
    title has, which reads every row, and a column of PASTED_NUMBERS whole bill
    numbers pasted, one a line;
  - sort by amount, by amount refunded and by channel (a click on the header), ascending
    and descending;
  - a change of the date range (a preset picked), from one range to another;
  - the window closed while an .xlsx export of WORKBOOK_ROWS bills is zipped (every
    row made): how long the closing waits for the export to stop, its file removed;
  - the Overview of a year: the real Overview tab, already shown once, given the last
    365 days (show_range), to the paint of both its charts.
- memory: resident memory of a process showing the Bills tab on the mirror, every
  id loaded, after scrolling to the end and back, above the same process showing an
  empty window (the modules imported) before the tab was made.

The mirror's size on disk is its file's once its write-ahead log is checkpointed.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from tests.benchmarks.common import (
    Row,
    median,
    ms,
    print_rows_for_parent,
    rss_mb,
    run_rows_in_child,
)

if TYPE_CHECKING:
    from console.api.models import BillRecord, RefundRecord
    from console.gui.tabs.bills_tab import BillsTab

NAME = "8. History, 1,000,000 bills"
MODULE = "tests.benchmarks.history"
BILLS = 1_000_000
BATCH = 50_000
REFUNDED_SHARE = 0.12
SEARCH_TARGET_MS = 50.0
SORT_TARGET_MS = 300.0
DATES_TARGET_MS = 50.0
OVERVIEW_TARGET_MS = 200.0
CLOSE_TARGET_MS = 200.0
WORKBOOK_ROWS = 250_000
MEMORY_TARGET_MB = 150.0
REPEATS = 3
# The columns sorted: (column key, what it sorts by, its header)
SORTS = (
    ("total_fee", "amount", "Amount"),
    ("refund", "amount refunded", "Refunded"),
    ("channel", "channel", "Channel"),
)
DAY_MS = 86_400_000
TIMEOUT_S = 900
WAIT_S = 120.0

# Titles, the first ones the most common (weights 1/rank): Chinese and English.
TITLES: tuple[str, ...] = (
    "年度会员订阅",
    "Annual subscription",
    "手冲咖啡豆 500g",
    "Coffee beans 1kg",
    "蓝牙耳机（黑色）",
    "Shipping fee",
    "跨境电商运费补差",
    "云存储 1TB 一年",
    "Premium plan upgrade",
    "机械键盘 青轴",
    "Gift card",
    "儿童绘本套装",
    "Wireless mouse",
    "瑜伽垫 加厚",
    "Hotel booking, 2 nights",
    "降噪耳机 白色",
    "Phone case",
    "雨伞（自动开合）",
    "Online course: Python",
    "白开水",
    "Concert ticket",
    "有机绿茶礼盒",
    "智能手表表带",
    "Desk lamp",
    "保温杯 316 不锈钢",
    "Running shoes",
    "宠物猫粮 2kg",
    "Noise-cancelling headphones",
    "茶具套装",
    "Backpack 30L",
)
# What is typed in "Find in the history": (what it is, the text); a bill's number is
# added from the data (part of one, as a clerk copies it from an e-mail).
SEARCHES: tuple[tuple[str, str], ...] = (
    ("a Chinese word of 3 characters", "咖啡豆"),
    ("a Chinese word of 2 characters", "耳机"),
)
PASTED_NUMBERS = 50  # whole bill numbers pasted, one a line
ABSENT_WORD = "火锅"  # in no title: every row is read to find none


def run() -> list[Row]:
    sizes = ["--bills", str(BILLS), "--batch", str(BATCH), "--repeats", str(REPEATS)]
    return on_a_mirror(MODULE, TIMEOUT_S, sizes)


def on_a_mirror(module: str, timeout_s: float, sizes: list[str]) -> list[Row]:
    """Build a mirror once, in a folder of this run, then measure it in two processes:
    `python -m module --build FOLDER`, `--tabs FOLDER` and `--memory FOLDER`, each with
    `sizes`; the timings, the memory, then the mirror's size."""
    with tempfile.TemporaryDirectory(prefix="beecloud-mirror-") as folder:
        built = run_rows_in_child(module, timeout_s, ["--build", folder, *sizes])
        timed = run_rows_in_child(module, timeout_s, ["--tabs", folder, *sizes])
        memory = run_rows_in_child(module, timeout_s, ["--memory", folder, *sizes])
    return [*timed, *memory, *built]


# -- the mirror ---------------------------------------------------------------------------


def times_and_numbers(now_ms: int, bills: int) -> Iterator[tuple[int, str]]:
    """Creation times of the last year, oldest first, and bill numbers as the sandbox
    makes them (the time, then a serial)."""
    rng = random.Random(8)
    times = sorted(now_ms - rng.randint(60_000, 365 * DAY_MS) for _ in range(bills))
    for serial, created in enumerate(times, start=1):
        stamp = datetime.fromtimestamp(created // 1000, UTC).strftime("%Y%m%d%H%M%S")
        yield created, f"{stamp}{serial:07d}"


def make_records(now_ms: int, count: int) -> tuple[list[BillRecord], list[RefundRecord]]:
    """`count` bills of the last year and their refunds (see the module's docstring)."""
    from console.api.channels import PAY_CHANNELS, PAYPAL_PAYPAL
    from console.api.models import BillRecord, RefundRecord
    from console.api.money import CURRENCIES
    from console.sandbox.seed import COMMON_CURRENCIES, DOMESTIC_CHANNELS

    rng = random.Random(1_000_000)
    weights = [1 / rank for rank in range(1, len(TITLES) + 1)]
    titles = rng.choices(TITLES, weights, k=count)
    every_currency = tuple(CURRENCIES)
    bills: list[BillRecord] = []
    refunds: list[RefundRecord] = []
    for (created, bill_no), title in zip(times_and_numbers(now_ms, count), titles, strict=True):
        if rng.random() < 0.8:
            channel = rng.choice(PAY_CHANNELS)
            currency: str | None = rng.choice(
                COMMON_CURRENCIES if rng.random() < 0.6 else every_currency
            )
            paid = channel != PAYPAL_PAYPAL or rng.random() >= 0.3
        else:
            channel, currency, paid = rng.choice(DOMESTIC_CHANNELS), None, rng.random() >= 0.1
        fee = rng.choice((rng.randint(100, 9_999), rng.randint(1_000, 99_999), rng.randint(1, 99)))
        bills.append(BillRecord(bill_no, fee, channel, title, paid, created, currency))
        if paid and rng.random() < REFUNDED_SHARE:
            refunded = fee if rng.random() >= 0.4 or fee < 2 else rng.randint(1, fee - 1)
            when = min(now_ms - 60_000, created + rng.randint(600_000, 10 * DAY_MS))
            refund_no = datetime.fromtimestamp(when // 1000, UTC).strftime("%Y%m%d")
            refunds.append(
                RefundRecord(
                    bill_no,
                    f"{refund_no}{len(refunds):08d}",
                    fee,
                    refunded,
                    title,
                    channel,
                    True,
                    rng.random() >= 0.03,
                    when,
                    currency,
                )
            )
    return bills, refunds


def mirror_file(folder: Path) -> Path:
    """Where a console session on `folder` finds the sandbox profile's mirror."""
    from console.gui.profiles import SANDBOX_ID
    from console.store.mirror_file import mirror_path

    return mirror_path(folder / "data", SANDBOX_ID)


def build(folder: Path, count: int, batch: int, name: str = NAME) -> list[Row]:
    """The mirror of `count` bills in `folder`, as the sandbox profile's, written in
    batches of `batch`; its size on disk, as a row of the benchmark `name`."""
    from console.gui.profiles import SANDBOX_APP_ID
    from console.store.mirror import BILLS as BILL_KIND
    from console.store.mirror import REFUNDS, Mirror

    now = int(time.time() * 1000)
    started = time.perf_counter()
    bills, refunds = make_records(now, count)
    made_s = time.perf_counter() - started
    path = mirror_file(folder)
    mirror = Mirror.open(path, SANDBOX_APP_ID)
    bills.reverse()  # newest first, as a sync walks them
    refunds.reverse()
    started = time.perf_counter()
    for at in range(0, len(bills), batch):
        mirror.put_bills(bills[at : at + batch], now)
    for at in range(0, len(refunds), batch):
        mirror.put_refunds(refunds[at : at + batch], now)
    mirror.mark_synced(BILL_KIND, now, now)
    mirror.mark_synced(REFUNDS, now, now)
    written_s = time.perf_counter() - started
    mirror.close()  # the last connection closed: the write-ahead log is checkpointed
    size_mb = sum(
        file.stat().st_size / 1_000_000
        for file in (path, path.with_name(path.name + "-wal"))
        if file.exists()
    )
    return [
        Row(
            name,
            "the mirror's size on disk",
            size_mb,
            "MB",
            note=f"{len(bills):,} bills and {len(refunds):,} refunds, with their search index "
            f"and per-day sums; written in {written_s:.0f} s in batches of {batch:,} "
            f"(the records made in {made_s:.0f} s)",
        )
    ]


# -- the console on it ----------------------------------------------------------------------


class Console:
    """A console session on the folder's mirror and a window of the console's size."""

    def __init__(self, folder: Path) -> None:
        from PySide6.QtWidgets import QApplication, QMainWindow

        from console.gui.session import ConsoleSession
        from console.gui.settings import Settings
        from console.store.secrets import SecretStore

        self.app = QApplication.instance() or QApplication([])
        self.window = QMainWindow()
        self.window.resize(1180, 760)
        self.window.show()
        self.settle()
        settings = Settings.in_file(folder / "settings.ini")
        self.session = ConsoleSession(settings, folder / "data", SecretStore())
        # No sync: the mirror has no server behind it (a sync would find nothing there).
        self.session.history.tried.add(self.session.profile.id)

    def settle(self, turns: int = 5) -> None:
        for _ in range(turns):
            self.app.processEvents()

    def wait_until(self, done: Callable[[], bool], what: str) -> float:
        """Seconds until `done`, the event loop running meanwhile."""
        started = time.perf_counter()
        deadline = time.monotonic() + WAIT_S
        while not done():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what}: not done in {WAIT_S:.0f} s")
            self.app.processEvents()
            time.sleep(0.001)
        return time.perf_counter() - started

    def close(self) -> None:
        self.window.close()
        self.session.shutdown()
        self.settle()

    def bills_tab(self) -> BillsTab:
        from console.gui.tabs.bills_tab import BillsTab

        tab = BillsTab(self.session)
        self.window.setCentralWidget(tab)
        self.settle()
        self.wait_until(lambda: tab.model.complete, "the first showing's rows")
        self.settle()
        return tab


class LongestGap:
    """The longest time between two turns of the event loop while watched (a 1 ms timer
    on the GUI thread): the longest the window could not react to anything."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.longest_ms = 0.0
        self._last = 0.0
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._turn)

    def _turn(self) -> None:
        now = time.perf_counter()
        self.longest_ms = max(self.longest_ms, ms(now - self._last))
        self._last = now

    def __enter__(self) -> LongestGap:
        self._last = time.perf_counter()
        self._timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._turn()
        self._timer.stop()


class FirstPaint:
    """When the table's paint that follows an action ends (RecordsView.paint_guard), and
    whether it showed rows."""

    def __init__(self, tab: BillsTab) -> None:
        self.ends: list[tuple[float, bool]] = []
        guard = tab.view.paint_guard

        @contextmanager
        def marked() -> Iterator[None]:
            if guard is None:
                yield
            else:
                with guard():
                    yield
            self.ends.append((time.perf_counter(), tab.model.rowCount() > 0))

        tab.view.paint_guard = marked
        self.tab = tab

    def after(
        self, console: Console, action: Callable[[], object], rows: bool = False
    ) -> tuple[float, float]:
        """(ms to the end of the table's first paint after `action`, ms until every row
        of the selection is in); with `rows`, the first paint that shows rows (a table
        emptied while its first rows are read on a thread is painted before them)."""
        self.ends.clear()
        self.tab.view.viewport().update()  # painted again even when nothing changed
        started = time.perf_counter()
        action()

        def painted_ends() -> list[float]:
            return [end for end, with_rows in self.ends if with_rows or not rows]

        console.wait_until(lambda: bool(painted_ends()), "the table's paint")
        painted = ms(painted_ends()[0] - started)
        console.wait_until(lambda: self.tab.model.complete, "the selection's rows")
        complete = ms(time.perf_counter() - started)
        console.settle()
        return painted, complete


def measure_tabs(folder: Path) -> list[Row]:

    from console.gui.tables.date_presets import ANY_DATE, LAST_7_DAYS, LAST_30_DAYS, THIS_MONTH

    importlib.import_module("console.gui.tabs.bills_tab")  # as the console's window has
    console = Console(folder)
    started = time.perf_counter()
    with LongestGap() as opening:
        tab = console.bills_tab()
    opened_ms = ms(time.perf_counter() - started)
    shown = tab.model.rowCount()
    if shown != BILLS:
        raise RuntimeError(f"the Bills tab shows {shown:,} bills, not {BILLS:,}")
    paint = FirstPaint(tab)
    rows: list[Row] = []

    # Part of a bill number, as copied from an e-mail: the tail of one in the middle.
    middle = tab.model.record(BILLS // 2).bill_no
    # A column of whole bill numbers pasted from a spreadsheet, one a line, spread over
    # the year.
    pasted = "\n".join(
        tab.model.record(at * BILLS // PASTED_NUMBERS).bill_no for at in range(PASTED_NUMBERS)
    )
    searches = (
        ("part of a bill number", middle[-9:]),
        *SEARCHES,
        (f"{PASTED_NUMBERS} pasted bill numbers", pasted),
    )
    for what, text in searches:
        times = [paint.after(console, partial(tab.row_filters.set_text, text), rows=True)]
        found = tab.model.rowCount()
        paint.after(console, partial(tab.row_filters.set_text, ""))
        for _ in range(REPEATS - 1):
            times.append(paint.after(console, partial(tab.row_filters.set_text, text), rows=True))
            paint.after(console, partial(tab.row_filters.set_text, ""))
        first = median(first for first, _all in times)
        said = f"“{text}”" if "\n" not in text else f"{text.count(chr(10)) + 1} lines"
        note = (
            f"{said}: {found:,} bills; median of {len(times)}, the table's first paint "
            f"of rows after the text is applied; every row of it in after "
            f"{median(every for _first, every in times):.0f} ms"
        )
        if what.endswith("2 characters"):
            absent, _every = paint.after(console, partial(tab.row_filters.set_text, ABSENT_WORD))
            paint.after(console, partial(tab.row_filters.set_text, ""))
            note += f"; a 2-character word in no title (“{ABSENT_WORD}”): {absent:.0f} ms"
        rows.append(
            Row(
                NAME,
                f"search keystroke, {what}: first rows shown",
                first,
                "ms",
                f"≤ {SEARCH_TARGET_MS:.0f} ms",
                passed=first <= SEARCH_TARGET_MS,
                note=note,
            )
        )

    rows += [sort_by(console, tab, paint, *sort) for sort in SORTS]

    changes = []
    for preset in (LAST_7_DAYS, LAST_30_DAYS, THIS_MONTH, ANY_DATE) * 2:
        changes.append(paint.after(console, partial(tab.filters.dates.set_preset, preset)))
    dates_first = median(first for first, _all in changes)
    rows.append(
        Row(
            NAME,
            "change of date range: first rows shown",
            dates_first,
            "ms",
            f"≤ {DATES_TARGET_MS:.0f} ms",
            passed=dates_first <= DATES_TARGET_MS,
            note=f"a preset picked (last 7 days, last 30 days, this month, any date, twice): "
            f"median of {len(changes)}, slowest {max(first for first, _ in changes):.0f} ms; "
            f"every row of the range in after "
            f"{median(every for _first, every in changes):.0f} ms (median)",
        )
    )
    rows.append(close_during_a_workbook(console, tab, folder))
    rows.append(overview_of_a_year(console))
    rows.append(
        Row(
            NAME,
            "the Bills tab opened on the mirror: every row in",
            opened_ms,
            "ms",
            note=f"{BILLS:,} bills, newest first: built, shown, the first rows read, then "
            "every id counted on a thread of its own",
        )
    )
    rows.append(
        Row(
            NAME,
            "the Bills tab opened on the mirror: longest the window waited",
            opening.longest_ms,
            "ms",
            note="the longest time between two turns of the event loop (a 1 ms timer on the "
            "GUI thread) from the tab's making (its modules imported before) until every id "
            "is in; the tab's widgets made and first painted are most of it, as with a few "
            "thousand bills (the ids are counted on a thread)",
        )
    )
    console.close()
    return rows


def sort_by(
    console: Console, tab: BillsTab, paint: FirstPaint, key: str, what: str, header: str
) -> Row:
    """A click on the header of the column `key`, ascending and descending, each from the
    newest first: until the first rows are painted (checked in that order): the paint of
    the table emptied while they are read on a thread does not count."""
    from PySide6.QtCore import Qt

    from console.store.mirror_query import settlements

    column = tab.model.column_of(key)
    created = tab.model.column_of("created_time")
    reader = console.session.history.reader()

    def amount(record: BillRecord | RefundRecord) -> int:
        if key == "total_fee":
            return record.total_fee
        settled = settlements(reader, [record.bill_no]).get(record.bill_no)
        return settled.refund_fee if settled is not None and settled.succeeded else 0

    def sort_key(record: BillRecord | RefundRecord) -> tuple[object, ...]:
        if key == "channel":  # the words' order the tab gave, a code not in it after
            ranked = tab.model.selection.channel_order if tab.model.selection else ()
            known = record.channel in ranked
            return (ranked.index(record.channel) if known else len(ranked), record.channel)
        return (record.currency or "", amount(record))  # an amount within its currency

    sorts = []
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder) * 2:
        sorts.append(paint.after(console, partial(tab.view.sortByColumn, column, order), True))
        records = [tab.model.record(row) for row in range(50)]
        fees = [sort_key(record) for record in records]
        if fees != sorted(fees, reverse=order == Qt.SortOrder.DescendingOrder):
            raise RuntimeError(f"the table was not sorted by {what}")
        paint.after(console, partial(tab.view.sortByColumn, created, Qt.SortOrder.DescendingOrder))
    sort_first = median(first for first, _all in sorts)
    return Row(
        NAME,
        f"sort by {what}: first rows shown",
        sort_first,
        "ms",
        f"≤ {SORT_TARGET_MS:.0f} ms",
        passed=sort_first <= SORT_TARGET_MS,
        note=f"a click on the {header} header, newest first before; median of {len(sorts)}, "
        f"ascending and descending, slowest {max(first for first, _ in sorts):.0f} ms; "
        f"all {BILLS:,} in that order after "
        f"{median(every for _first, every in sorts):.0f} ms",
    )


def close_during_a_workbook(console: Console, tab: BillsTab, folder: Path) -> Row:
    """The first WORKBOOK_ROWS bills shown exported to an .xlsx file, and the window
    closed once every row is made, while the workbook is zipped: how long the closing
    waits for the export to stop (MainWindow.closeEvent: TableExport.stop)."""
    from console.export.table import ExportTable
    from console.gui.tables.history_records import HistoryRecords

    model = tab.model
    assert model.mirror is not None and model.selection is not None
    ids = model.ids_shown()[:WORKBOOK_ROWS]
    records = HistoryRecords(model.mirror, model.selection, ids)
    titles, make_cells = model.exporter(tab.view.shown_columns(), records.settlement_of)
    table = ExportTable(tuple(titles), records, make_cells, sheet_name="Bills")
    path = folder / "bills.xlsx"
    exporter = tab.exporter
    exporter.choose_path = lambda: path  # type: ignore[method-assign]
    exporter.take_snapshot = lambda: table
    exporter.start()
    thread = exporter.export_thread
    if thread is None:
        raise RuntimeError("the export did not start")
    made_s = console.wait_until(lambda: thread.written == len(ids), "every row made")
    started = time.perf_counter()
    exporter.stop()
    stopped = ms(time.perf_counter() - started)
    console.wait_until(lambda: not exporter.is_running(), "the export's end")
    left = sorted(entry.name for entry in folder.iterdir() if "bills.xlsx" in entry.name)
    if left:
        raise RuntimeError(f"a closing during an export left {left}")
    return Row(
        NAME,
        "window closed while an .xlsx export is zipped: the export stopped",
        stopped,
        "ms",
        f"≤ {CLOSE_TARGET_MS:.0f} ms",
        passed=stopped <= CLOSE_TARGET_MS,
        note=f"{len(ids):,} bills to .xlsx, every row made (in {made_s:.0f} s), then the "
        "closing's wait for the export (TableExport.stop); the file and its part removed",
    )


def overview_of_a_year(console: Console) -> Row:
    """The Overview tab, once shown (its charts' library loaded, its first paint made),
    given the last 365 days: until both charts have painted them."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QGraphicsView

    from console.gui.tabs.overview import OverviewTab
    from console.store.mirror_query import day_sums

    tab = OverviewTab(console.session)
    console.window.setCentralWidget(tab)
    console.settle()

    class PaintSeen(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.painted: set[int] = set()
            self.last = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.painted.add(id(watched))
                self.last = time.perf_counter()
            return False

    seen = PaintSeen()
    views = [view.viewport() for view in tab.findChildren(QGraphicsView)]
    for viewport in views:
        viewport.installEventFilter(seen)
    today = date.today()
    year = (today - timedelta(days=364), today)
    month = (today - timedelta(days=29), today)
    times = []
    for number in range(2 * REPEATS + 1):
        days = year if number % 2 else month
        seen.painted.clear()
        started = time.perf_counter()
        tab.show_range(*days)
        console.wait_until(lambda: len(seen.painted) == len(views), "the Overview's charts")
        console.settle(2)
        if number % 2:
            times.append(ms(seen.last - started))
    summed = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        day_sums(console.session.history.reader(), *year)
        summed.append(ms(time.perf_counter() - started))
    value = median(times)
    return Row(
        NAME,
        "Overview of a year: figures summed and both charts painted",
        value,
        "ms",
        f"≤ {OVERVIEW_TARGET_MS:.0f} ms",
        passed=value <= OVERVIEW_TARGET_MS,
        note=f"the tab shown before (on 30 days), then the last 365 days (show_range): the "
        f"mirror's per-day sums read ({median(summed):.0f} ms), the totals, the charts "
        f"drawn and painted; median of {len(times)}, slowest {max(times):.0f} ms",
    )


def memory(folder: Path, count: int, name: str = NAME) -> list[Row]:
    """Resident memory of the Bills tab showing the `count` bills of the folder's mirror,
    above an empty window, as a row of the benchmark `name`."""
    importlib.import_module("console.gui.tabs.bills_tab")  # before the empty window's
    console = Console(folder)
    gc.collect()
    empty_mb = rss_mb()
    tab = console.bills_tab()
    if tab.model.rowCount() != count:
        raise RuntimeError("not every bill is in the table")
    bar = tab.view.verticalScrollBar()
    for place in (bar.maximum(), bar.maximum() // 2, bar.maximum() // 3, 0):
        bar.setValue(place)
        console.settle()
        tab.view.viewport().repaint()
    gc.collect()
    shown_mb = rss_mb() - empty_mb
    console.close()
    return [
        Row(
            name,
            "memory above an empty window",
            shown_mb,
            "MB",
            f"≤ {MEMORY_TARGET_MB:.0f} MB",
            passed=shown_mb <= MEMORY_TARGET_MB,
            note=f"resident; the Bills tab showing all {count:,} bills (every id in), "
            f"scrolled to the end and back; the empty window (the modules imported, the "
            f"session made): {empty_mb:.0f} MB",
        )
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--build", type=Path, help="build the mirror in this folder")
    parser.add_argument("--tabs", type=Path, help="time the tabs on the folder's mirror")
    parser.add_argument("--memory", type=Path, help="measure memory on the folder's mirror")
    parser.add_argument("--bills", type=int, default=BILLS)
    parser.add_argument("--batch", type=int, default=BATCH)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    arguments = parser.parse_args()
    BILLS, BATCH, REPEATS = arguments.bills, arguments.batch, arguments.repeats
    if arguments.build is not None:
        print_rows_for_parent(build(arguments.build, BILLS, BATCH))
    elif arguments.tabs is not None:
        print_rows_for_parent(measure_tabs(arguments.tabs))
    elif arguments.memory is not None:
        print_rows_for_parent(memory(arguments.memory, BILLS))
    else:
        from tests.benchmarks.run import text_table

        print(text_table(run()))
