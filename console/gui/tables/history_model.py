"""The Bills and Refunds tables' model: rows read from the history mirror by window.

It never holds every row: what it keeps is the ids of the rows of the selection
shown (an array of 8 bytes a row: 8 MB for a million) and the records of the rows
lately shown (read from the mirror a window at a time, `WINDOW` rows around the
one asked for). Filters and order are SQL (console/store/mirror_query.py): a new
selection shows its first rows at once (`select`), and every id of it follows from a
thread of its own, as rows added at the end. What a sync brings is shown by
`refresh`, which keeps the view as it was (the rows shown read again at once, in
their places, until the ids read again move them): the rows' new places are given to the
view's persistent indexes (its selection, its current row), so a selected bill
stays selected wherever it moved, and the scroll position is kept. One thread
reads a selection's ids at a time: what a sync brings while it reads is read
once it is done.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sqlite3
import threading
from array import array
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontMetrics, QGuiApplication

from console.api.channels import QUERY_CHANNELS, SUB_CHANNELS
from console.api.models import BillRecord, RefundRecord
from console.api.money import CURRENCIES, MAX_FEE
from console.export.cells import Amount, Cell, Moment
from console.gui.api_texts import channel_with_code, channel_words, chinese_shown
from console.gui.counts import counts
from console.gui.tables.formatting import (
    amount_text,
    amount_with_currency,
    large_money_samples,
    local_day_text,
    local_time_text,
    sample_ms,
    time_samples,
)
from console.gui.tables.records_model import (
    BILL_NO_SAMPLE,
    BILL_NO_WIDEST,
    CELL_ROLES,
    REFUND_NO_SAMPLE,
    REFUND_NO_WIDEST,
    REFUND_RESULTS,
    SORT_ROLE,
    WIDEST_AMOUNT,
    Column,
    column_title,
    refund_result_text,
)
from console.store import mirror_query as mq
from console.store.mirror import BILLS, REFUNDS, Mirror
from console.translatable import QT_TRANSLATE_NOOP

Record = BillRecord | RefundRecord
AnyIndex = QModelIndex | QPersistentModelIndex

log = logging.getLogger(__name__)

WINDOW = 300  # rows read at once around the one a view asks for
KEEP = 20_000  # records kept at most; past it the oldest reads are forgotten
# The GUI thread's budget for a selection's first rows: past it, the ids' thread reads
# them (a short word in no title is looked for in every row: 0.25 s at 1,000,000 bills),
# and the table says it is counting meanwhile. The keystroke's target is 50 ms.
FIRST_ROWS_WITHIN_S = 0.04
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

TITLE_SAMPLE = "跨境电商国际运费补差订单（加急）"  # 16 characters: the 32 bytes a title may have
TITLE_LEAST = TITLE_SAMPLE[:8]  # what a title keeps before a name gives up room


def channel_samples() -> tuple[str, ...]:
    """Every channel's words, in the language shown."""
    return tuple(channel_words(channel) for channel in SUB_CHANNELS)


def named_channels() -> tuple[tuple[str, str], ...]:
    """(channel, its words in the language shown) for every channel the console knows:
    what "Find in the history" finds a channel by, besides its code."""
    return tuple((channel, channel_words(channel)) for channel in QUERY_CHANNELS)


def channel_order() -> tuple[str, ...]:
    """Every channel the console knows, in the order of its words in the language shown,
    as Qt collates that language (Chinese by pinyin), its code after a tie: the Channel
    column's order (docs/decisions.md, "The Channel column's order")."""
    return _channel_order(chinese_shown())


@functools.cache  # asked for at every change of a filter: sorted once for each language
def _channel_order(chinese: bool) -> tuple[str, ...]:
    language = QLocale.Language.Chinese if chinese else QLocale.Language.English
    territory = QLocale.Country.China if chinese else QLocale.Country.UnitedStates
    collator = QCollator(QLocale(language, territory))
    words = {channel: channel_words(channel) for channel in QUERY_CHANNELS}

    def compare(one: str, other: str) -> int:
        return collator.compare(words[one], words[other]) or (one > other) - (one < other)

    return tuple(sorted(QUERY_CHANNELS, key=functools.cmp_to_key(compare)))


def channel_least() -> tuple[str, ...]:
    """Every channel's words but the widest in the application's font, which a narrow
    window cuts off first (its tooltip has it whole)."""
    words = channel_samples()
    widest = max(words, key=QFontMetrics(QGuiApplication.font()).horizontalAdvance)
    return tuple(word for word in words if word != widest)


def paid_samples() -> tuple[str, ...]:
    return tuple(QCoreApplication.translate("BillsModel", word) for word in ("Paid", "Unpaid"))


def refunded_text(refund_fee: int, currency: str | None, created_ms: int) -> str:
    """A bill's refund in the Bills table's Refunded column: '900.00 · 2026-01-02'."""
    return f"{amount_text(refund_fee, currency)} · {local_day_text(created_ms)}"


def refunded_samples() -> tuple[str, ...]:
    return (
        refunded_text(MAX_FEE, "USD", sample_ms()),
        QCoreApplication.translate("HistoryModel", "in progress"),
    )


def refunded_least() -> tuple[str, ...]:
    """What the Refunded column keeps in a narrow window: the amount, its day cut off
    (whole in its tooltip)."""
    return (f"{amount_text(MAX_FEE, 'USD')} · …",)


def refund_result_samples() -> tuple[str, ...]:
    return tuple(QCoreApplication.translate("RecordsModel", w) for w in REFUND_RESULTS.values())


# The columns and statuses of the Bills and Refunds tables (their titles translated
# in the context RecordsModel, as every table's).
TITLE_COLUMN = Column(
    "title",
    QT_TRANSLATE_NOOP("RecordsModel", "Title"),
    TITLE_SAMPLE,
    tooltip=True,
    least=TITLE_LEAST,
    free_text=True,
)
CHANNEL_COLUMN = Column(
    "channel",
    QT_TRANSLATE_NOOP("RecordsModel", "Channel"),
    channel_samples,
    tooltip=True,
    least=channel_least,
)
BILL_COLUMNS: tuple[Column, ...] = (
    Column(
        "bill_no",
        QT_TRANSLATE_NOOP("RecordsModel", "Bill number"),
        BILL_NO_SAMPLE,
        roomy=BILL_NO_WIDEST,
    ),
    TITLE_COLUMN,
    CHANNEL_COLUMN,
    Column(
        "total_fee",
        QT_TRANSLATE_NOOP("RecordsModel", "Amount"),
        WIDEST_AMOUNT,  # the largest there can be: it has no tooltip
        right_aligned=True,
    ),
    Column("currency", QT_TRANSLATE_NOOP("RecordsModel", "Currency"), tuple(CURRENCIES)),
    Column("paid", QT_TRANSLATE_NOOP("RecordsModel", "Paid"), paid_samples),
    Column("created_time", QT_TRANSLATE_NOOP("RecordsModel", "Created"), time_samples),
)
BILL_STATUSES: tuple[tuple[str, str], ...] = (
    ("paid", QT_TRANSLATE_NOOP("RecordsModel", "Paid only")),
    ("unpaid", QT_TRANSLATE_NOOP("RecordsModel", "Unpaid only")),
)
REFUND_COLUMNS: tuple[Column, ...] = (
    # The console's own numbers whole where there is room (from some 1,100 px); on a
    # 1,024 px screen, with the title down to its least, each keeps its day and time
    # and the start of its random part (least), so that the channels, the amounts up
    # to 9,999,999.99, the results and the dates are whole. A tooltip has it whole.
    Column(
        "bill_no",
        QT_TRANSLATE_NOOP("RecordsModel", "Bill number"),
        BILL_NO_SAMPLE,
        tooltip=True,  # whole when pointed at, where its end is cut off
        keeps_width=True,
        roomy=BILL_NO_WIDEST,
        least="BC20251231235959MQ…",  # as cut off: two of the random part
    ),
    Column(
        "refund_no",
        QT_TRANSLATE_NOOP("RecordsModel", "Refund number"),
        REFUND_NO_SAMPLE,
        tooltip=True,
        keeps_width=True,
        roomy=REFUND_NO_WIDEST,
        least="20251231235959RMQ…",
        header_tip=QT_TRANSLATE_NOOP(
            "RecordsModel",
            "A refund number starts with its day in China time (UTC+8), as BeeCloud "
            "requires; Created is in your own time zone, so near midnight the two days "
            "differ.",
        ),
    ),
    TITLE_COLUMN,
    CHANNEL_COLUMN,
    Column(
        "total_fee",
        QT_TRANSLATE_NOOP("RecordsModel", "Bill amount"),
        large_money_samples,
        right_aligned=True,
    ),
    Column(
        "refund_fee",
        QT_TRANSLATE_NOOP("RecordsModel", "Refund amount"),
        large_money_samples,
        right_aligned=True,
    ),
    # One column, in the words of its row filter: two saying Yes or No took the room
    # the numbers lacked on a 1,024 px screen.
    Column("result", QT_TRANSLATE_NOOP("RecordsModel", "Result"), refund_result_samples),
    Column("created_time", QT_TRANSLATE_NOOP("RecordsModel", "Created"), time_samples),
)
REFUND_STATUSES: tuple[tuple[str, str], ...] = (
    ("succeeded", QT_TRANSLATE_NOOP("RecordsModel", "Succeeded only")),
    ("failed", QT_TRANSLATE_NOOP("RecordsModel", "Failed only")),
    ("in_progress", QT_TRANSLATE_NOOP("RecordsModel", "In progress only")),
)

REFUND_COLUMN = Column(
    "refund",
    QT_TRANSLATE_NOOP("RecordsModel", "Refunded"),
    refunded_samples,
    right_aligned=True,
    tooltip=True,
    keeps_width=True,  # an amount: never cut off
    least=refunded_least,  # below some 1,000 px: its day cut off
    header_tip=QT_TRANSLATE_NOOP(
        "RecordsModel",
        "What became of the bill, from the refunds in the history: the amount refunded "
        "and its day, or a refund still in progress.",
    ),
)


def places_of(wanted: set[int], ids: Sequence[int]) -> dict[int, int]:
    """Where these ids are in `ids`, by id (one pass, none when none are wanted)."""
    places: dict[int, int] = {}
    if wanted:
        for place, number in enumerate(ids):
            if number in wanted:
                places[number] = place
    return places


class HistoryModel(QAbstractTableModel):
    """One kind of record (bills or refunds) of one profile's mirror, as selected."""

    kind: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    statuses: ClassVar[tuple[tuple[str, str], ...]]
    amount_keys: ClassVar[frozenset[str]]

    # ids of the selection of generation n, from the thread that read them: the first
    # rows (False), or every one (True)
    _all_ids = Signal(int, object, bool)
    counted = Signal()  # every row of the selection is in (rowCount is its count)
    # the read of every id failed (a damaged or unreadable file): rowCount is not the
    # count, and no read runs; the next refresh or selection reads again (`uncounted`)
    count_failed = Signal()
    # Just before a layout change (whether each row keeps its record: a sync's move, not
    # a sort), and just after it: console/gui/tables/selection_keeper.py
    layout_changing = Signal(bool)
    layout_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._mirror: Mirror | None = None
        self._db: sqlite3.Connection | None = None  # the GUI thread's reader
        self._currencies: Mapping[str, str] = {}
        self.selection: mq.Selection | None = None
        self._ids: array[int] = array("q")
        self._complete = True  # every id of the selection is in _ids
        self._uncounted = False  # the last read of every id failed (count_failed)
        # Rows of the selection in its order, but not all of those up to the last one
        # (`_own_numbers_first`): the first rows from the ids' thread replace them
        self._gaps = False
        self._generation = 0
        # One read of every id at a time for a selection: a refresh while one runs (a
        # sync tells every few hundred milliseconds; a million ids take longer) waits
        # for it, and one more read follows for what came meanwhile.
        self._reading = False
        self._read_again = False
        self._records: dict[int, Record] = {}
        self._texts: dict[int, list[str | None]] = {}
        self._settled: dict[str, mq.Settlement] = {}
        self._alignments = [_RIGHT if c.right_aligned else _LEFT for c in self.columns]
        self._tooltips = [c.tooltip for c in self.columns]
        self.titles = [column_title(c.title) for c in self.columns]
        self._all_ids.connect(self._on_all_ids)

    # -- the source -------------------------------------------------------------------

    def set_mirror(self, mirror: Mirror | None, currencies: Mapping[str, str]) -> None:
        """Show this mirror (another profile's): nothing until the next select()."""
        self.beginResetModel()
        self._generation += 1
        self._mirror = mirror
        self._db = mirror.reader() if mirror is not None else None
        self._currencies = currencies
        self._ids = array("q")
        self._complete, self._uncounted, self._gaps = True, False, False
        self._reading = self._read_again = False
        self._forget_records()
        self.endResetModel()

    def move_to(self, mirror: Mirror) -> None:
        """The history in another mirror (its file, usable again after a session kept in
        memory; or made again, found damaged): the same selection's rows read from it, the
        view kept (selection, current row, scroll) as at a sync's refresh. Its records have
        other ids there: the rows read (those shown, and selected) are matched by number
        and stay shown; the others come with the ids."""
        if self.selection is None or self._mirror is None:
            self.set_mirror(mirror, self._currencies)
            return
        number = (lambda r: r.bill_no) if self.kind == BILLS else (lambda r: r.refund_no)
        rows = {index.row() for index in self.persistentIndexList()}
        held = [self._ids[row] for row in rows if 0 <= row < len(self._ids)]
        with contextlib.suppress(sqlite3.Error):  # the selected rows' records, if not read
            self._records.update(mq.records(self._db, self.kind, held) if self._db else {})
        known = {record_id: number(record) for record_id, record in self._records.items()}
        db = mirror.reader()
        try:
            fresh = mq.ids_of(db, self.kind, set(known.values()))
        except sqlite3.Error:
            fresh = {}
        self._mirror, self._db = mirror, db
        self._generation += 1  # the ids of the mirror before, if read now, are not wanted
        self._reading = self._read_again = False
        ids, records, texts = array("q"), {}, {}
        for row, old in enumerate(self._ids):
            new = fresh.get(known.get(old, ""))
            if new is None:
                ids.append(-1 - row)  # no record has it: read with the ids
                continue
            ids.append(new)
            records[new] = self._records[old]
            if old in self._texts:
                texts[new] = self._texts[old]
        self._ids, self._records, self._texts = ids, records, texts
        self.refresh()

    @property
    def mirror(self) -> Mirror | None:
        return self._mirror

    def set_currencies(self, currencies: Mapping[str, str]) -> None:
        self._currencies = currencies

    def select(self, selection: mq.Selection) -> None:
        """Show the first rows of this selection now; the others follow."""
        self.selection = selection
        self.beginResetModel()
        self._generation += 1
        self._forget_records()
        self._read_first_rows(then=self.endResetModel)

    def refresh(self) -> None:
        """The mirror has changed (a sync): show what it holds now for the same
        selection, keeping the view (selection, current row, scroll)."""
        if self.selection is None or self._db is None:
            return
        self._show_records_again()
        if self._reading:  # its ids come first, then one more read (_on_all_ids)
            self._read_again = True
            return
        self._generation += 1
        if not self._ids:
            # Nothing shown yet (an empty history that its first sync is filling): its
            # first rows at once, as select() shows them, not once every id is read.
            first = self._first_ids()
            if first is None:  # over their budget: the thread tells them, then the rest
                self._read_all_ids(first_rows=True)
                return
            if first:
                self.beginInsertRows(QModelIndex(), 0, len(first) - 1)
                self._ids = first
                self.endInsertRows()
            if len(first) < mq.FIRST_ROWS:
                self._complete, self._uncounted = True, False
                self.counted.emit()
                return
        self._read_all_ids()

    def clear(self) -> None:
        self.selection = None
        self.beginResetModel()
        self._generation += 1
        self._ids = array("q")
        self._complete, self._uncounted, self._gaps = True, False, False
        self._reading = self._read_again = False
        self._forget_records()
        self.endResetModel()

    @property
    def complete(self) -> bool:
        """Every row of the selection is in: rowCount() is how many there are."""
        return self._complete

    @property
    def uncounted(self) -> bool:
        """The read of every id failed and none runs: the rows in are not all there are,
        and how many there are is not known (not complete either)."""
        return self._uncounted

    def _read_first_rows(self, then: Callable[[], None]) -> None:
        """The selection's first rows in place of the rows shown, `then` (the end of the
        views' reset or layout change), and the others from the ids' thread, which also
        reads the first ones when they were over their budget here."""
        first = self._first_ids()
        own = self._own_numbers_first() if first is None else None
        self._ids = first if first is not None else own if own is not None else array("q")
        self._gaps = bool(own)
        self._complete = first is not None and len(first) < mq.FIRST_ROWS
        self._uncounted = False
        self._reading = self._read_again = False  # a read of the selection before is dropped
        then()
        if self._complete:
            self.counted.emit()
        else:
            self._read_all_ids(first_rows=first is None)

    def _first_ids(self) -> array[int] | None:
        """The selection's first rows, read here on the GUI thread; None when that took
        longer than FIRST_ROWS_WITHIN_S, or failed (the ids' thread then reads them, and
        says they could not be counted if it fails too: never "No bills match")."""
        if self._db is None or self.selection is None:
            return array("q")
        try:
            return mq.first_ids_within(self._db, self.selection, FIRST_ROWS_WITHIN_S)
        except sqlite3.Error as error:
            log.warning("the history's first %s could not be read: %s", self.kind, error)
            if self._mirror is not None:
                self._mirror.note_damage(error)
            return None

    def _own_numbers_first(self) -> array[int] | None:
        """When the first rows were over their budget: of a column of whole numbers
        pasted, the records that have one as their own number (mq.own_numbers_first: a
        millisecond, where the search of a million bills for 50 took 150), shown until
        the ids' thread brings the first rows (a title or a longer number may hold one)."""
        if self._db is None or self.selection is None:
            return None
        try:
            return mq.own_numbers_first(self._db, self.selection)
        except sqlite3.Error as error:
            log.warning("the history's pasted %s could not be read: %s", self.kind, error)
            return None

    def _read_all_ids(self, first_rows: bool = False) -> None:
        """Every id of the selection, on a thread. With `first_rows` (the GUI thread
        gave them up), the first rows are told first. A read whose selection is replaced
        meanwhile (a keystroke, a header clicked) stops: a million ids read to the end
        for nothing, several at once, held up the window."""
        mirror, selection, generation = self._mirror, self.selection, self._generation
        assert mirror is not None and selection is not None
        self._complete = self._uncounted = False
        self._reading, self._read_again = True, False

        def tell(ids: array[int] | None, every: bool) -> None:
            with contextlib.suppress(RuntimeError):  # the model was deleted meanwhile
                self._all_ids.emit(generation, ids, every)

        def replaced() -> bool:  # another selection or refresh since: its ids unwanted
            return generation != self._generation

        def read() -> None:
            try:
                with mirror.reading() as db:
                    db.set_progress_handler(replaced, mq.BUDGET_STEPS)  # stopped when so
                    first = mq.first_ids(db, selection) if first_rows else None
                    if first is not None and len(first) < mq.FIRST_ROWS:
                        ids = first  # they are every row
                    else:
                        if first is not None:
                            tell(first, False)
                        ids = mq.all_ids(db, selection)
            except sqlite3.Error as error:  # closed meanwhile (the console quits), or damaged
                log.warning("the history's %s could not be counted: %s", selection.kind, error)
                mirror.note_damage(error)  # made again by the next sync (Reload)
                tell(None, True)  # none: not counted, until a refresh or selection reads
                return
            tell(ids, True)

        threading.Thread(target=read, name="history-ids", daemon=True).start()

    @Slot(int, object, bool)
    def _on_all_ids(self, generation: int, ids: array[int] | None, every: bool) -> None:
        if generation != self._generation:
            return  # another selection since
        if every:
            self._reading = False
        gaps, self._gaps = self._gaps, False
        if ids is None:  # the read failed
            if self._read_again:
                self.refresh()
                return
            self._uncounted = True
            self.count_failed.emit()
            return
        old = self._ids
        if not every:  # the first rows, before the others: none shown yet, or some
            if gaps:
                self._move_rows(ids)
            elif not old and ids:
                self.beginInsertRows(QModelIndex(), 0, len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
            return
        if len(ids) >= len(old) and ids[: len(old)] == old:
            if len(ids) > len(old):
                self.beginInsertRows(QModelIndex(), len(old), len(ids) - 1)
                self._ids = ids
                self.endInsertRows()
        else:
            self._move_rows(ids)
        if self._read_again:  # a sync told of more while these were read
            self.refresh()
            return
        self._complete, self._uncounted = True, False
        self.counted.emit()

    def _show_records_again(self) -> None:
        """The rows shown are read again from the mirror when next painted: what a sync
        changed in them (a bill paid, a refund finished) is shown at once, in their
        places of before, until the selection's ids, read on their thread, move them."""
        if not self._ids:
            return
        self._forget_records()
        last = self.index(len(self._ids) - 1, len(self.columns) - 1)
        self.dataChanged.emit(self.index(0, 0), last)

    def _move_rows(self, ids: array[int]) -> None:
        """Replace the rows, giving each persistent index (the view's selection and
        current row) the new place of its record, or none when it is gone."""
        self.layout_changing.emit(True)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old = self._ids
        wanted = {old[index.row()] for index in persistent if 0 <= index.row() < len(old)}
        places = places_of(wanted, ids)
        moved = []
        for index in persistent:
            row = index.row()
            known = old[row] if 0 <= row < len(old) else None
            new_row = places.get(known) if known is not None else None
            moved.append(
                self.createIndex(new_row, index.column()) if new_row is not None else QModelIndex()
            )
        self._ids = ids
        self._forget_records()
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        self.layout_changed.emit()

    def _forget_records(self) -> None:
        self._records.clear()
        self._texts.clear()
        self._settled.clear()

    # -- records ------------------------------------------------------------------------

    def record(self, row: int) -> Record:
        record_id = self._ids[row]
        record = self._records.get(record_id)
        if record is None:
            self._read_window(row)
            record = self._records.get(record_id)
            if record is None:  # gone from the mirror since (another console cleared it)
                raise LookupError(f"row {row} is no longer in the history")
        return record

    def records_at(self, rows: Sequence[int]) -> list[Record]:
        return [self.record(row) for row in rows]

    def id_at(self, row: int) -> int:
        """The id of the record at this row."""
        return self._ids[row]

    def rows_of(self, record_ids: set[int]) -> dict[int, int]:
        """The rows of these records (those shown), by id."""
        return places_of(record_ids, self._ids)

    def rows_to_come(self, spans: list[tuple[int, int]]) -> bool:
        """Whether any of these rows (first, last) is not yet, or no longer, a record the
        selection selects: moved to another mirror (`move_to`) before it was read, it
        comes with the ids being read; forgotten or changed by a sync since the ids
        were read (a bill paid, among unpaid ones), its row shows it blank or as it is
        now until those ids move the rows. Asked of the few rows a copy takes."""
        ids = [record_id for first, last in spans for record_id in self._ids[first : last + 1]]
        if min(ids, default=0) < 0:
            return True
        if self._db is None or self.selection is None:
            return False
        try:
            selected = mq.still_selected(self._db, self.selection, ids)
        except sqlite3.Error:
            return True  # not known: the ids read again tell
        return len(selected) < len(set(ids))

    def ids_shown(self) -> array[int]:
        """The ids of every row, in order (a copy)."""
        return array("q", self._ids)

    def _read_window(self, row: int) -> None:
        if self._db is None:
            return
        if len(self._records) > KEEP:
            self._forget_records()
        start = max(0, row - WINDOW // 4)
        wanted = [i for i in self._ids[start : start + WINDOW] if i not in self._records]
        try:
            found = mq.records(self._db, self.kind, wanted)
            if self.kind == BILLS:
                bill_nos = [record.bill_no for record in found.values()]
                self._settled.update(mq.settlements(self._db, bill_nos))
        except sqlite3.Error:
            return
        self._records.update(found)

    def currency_of(self, record: Record) -> str | None:
        return record.currency or self._currencies.get(record.bill_no)

    def settlement_of(self, bill_no: str) -> mq.Settlement | None:
        return self._settled.get(bill_no)

    def column_of(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)

    def copied_columns(self, shown: list[int]) -> list[int]:
        """The columns a copy of rows takes: those shown and, when an amount is among them
        without the currency the table shows beside it (the Currency column hidden), that
        column after the first amount, as an export adds it: an amount is never copied
        without its currency."""
        keys = [self.columns[column].key for column in shown]
        first = next((at for at, key in enumerate(keys) if key in self.amount_keys), None)
        beside = [at for at, column in enumerate(self.columns) if column.key == "currency"]
        if first is None or not beside or beside[0] in shown:
            return shown  # (a refund's amounts name their currency themselves)
        return [*shown[: first + 1], beside[0], *shown[first + 1 :]]

    # -- Qt's model -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if role not in CELL_ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _ALIGNMENT:
            return self._alignments[column]
        if role == _TOOLTIP:
            return self._tooltip(row, column) if self._tooltips[column] else None
        try:
            record = self.record(row)
        except LookupError:
            return None
        if role == SORT_ROLE:  # what the mirror sorts by: an amount within its currency
            key = self.columns[column].key
            value = getattr(record, key, None)
            if key in ("total_fee", "refund_fee"):
                return (self.currency_of(record) or "", value)
            return value
        texts = self._texts.get(self._ids[row])
        if texts is None:
            texts = self._texts[self._ids[row]] = [None] * len(self.columns)
        text = texts[column]
        if text is None:
            text = texts[column] = self.text_of(record, column)
        return text

    def _tooltip(self, row: int, column: int) -> str | None:
        try:
            return self.tooltip_of(self.record(row), column)
        except LookupError:
            return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == _DISPLAY:
            return self.titles[section]
        if role == _TOOLTIP and self.columns[section].header_tip:
            return column_title(self.columns[section].header_tip)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the mirror (an index for numbers, times and amounts)."""
        if not 0 <= column < len(self.columns) or self.selection is None:
            return
        key = self.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (self.selection.order, self.selection.descending) == (key, descending):
            return
        from dataclasses import replace

        self.selection = replace(self.selection, order=key, descending=descending)
        self.layout_changing.emit(False)
        self.layoutAboutToBeChanged.emit()
        self._generation += 1
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [QModelIndex()] * len(persistent))
        self._forget_records()
        self._read_first_rows(then=self._layout_changed)

    def _layout_changed(self) -> None:
        self.layoutChanged.emit()
        self.layout_changed.emit()

    # -- what each kind shows -----------------------------------------------------------

    def text_of(self, record: Any, column: int) -> str:
        raise NotImplementedError

    def tooltip_of(self, record: Any, column: int) -> str | None:
        key = self.columns[column].key
        if key == "channel":  # its words shown, its code for whoever needs it
            return channel_with_code(record.channel)
        value = getattr(record, key, None)
        return value if isinstance(value, str) else None

    def cell_makers(self, settled: Callable[[str], mq.Settlement | None]) -> dict[str, Any]:
        raise NotImplementedError

    def exporter(
        self, shown: Sequence[int], settled: Callable[[str], mq.Settlement | None]
    ) -> tuple[list[str], Any]:
        """(titles, make_cells) for an export of these columns; `settled` tells what
        became of a bill (its records are read on the export's thread)."""
        keys = [self.columns[column].key for column in shown]
        titles = [self.titles[column] for column in shown]
        if "channel" in keys:  # its words as shown, and its code, which a filter can trust
            at = keys.index("channel") + 1
            keys.insert(at, "channel_code")
            titles.insert(at, QCoreApplication.translate("RecordsModel", "Channel code"))
        if "refund" in keys:  # "900 · 2026-01-02" on screen: an amount and a time in a file
            at = keys.index("refund") + 1
            keys.insert(at, "refund_time")
            titles.insert(at, QCoreApplication.translate("RecordsModel", "Refund time"))
        first_amount = next((at for at, key in enumerate(keys) if key in self.amount_keys), None)
        if first_amount is not None and "currency" not in keys:
            keys.insert(first_amount + 1, "currency")
            titles.insert(first_amount + 1, QCoreApplication.translate("RecordsModel", "Currency"))
        makers = self.cell_makers(settled)
        makers.setdefault("currency", lambda _record, currency: currency or "")
        named = dict(named_channels())  # read here, the cells made on the export's thread
        makers["channel"] = lambda record, _currency: named.get(record.channel, record.channel)
        makers["channel_code"] = lambda record, _currency: record.channel
        chosen = [makers[key] for key in keys]
        currencies = self._currencies  # replaced, never changed; any thread may ask it

        def make_cells(record: Any) -> tuple[Cell, ...]:
            currency = record.currency or currencies.get(record.bill_no)
            return tuple(make(record, currency) for make in chosen)

        return titles, make_cells

    def phrases(self) -> dict[str, str]:
        """As RecordsModel.phrases: 'none', 'title'; and 'all' (the row filter's first
        choice) and 'empty', when the history holds no record at all (no filter is to
        blame)."""
        raise NotImplementedError

    def count_phrase(self, count: int) -> str:
        raise NotImplementedError

    def status_choices(self) -> list[tuple[str, str]]:
        return [(key, column_title(label)) for key, label in self.statuses]


class BillsHistoryModel(HistoryModel):
    kind = BILLS
    columns = (*BILL_COLUMNS[:6], REFUND_COLUMN, BILL_COLUMNS[6])
    statuses = (
        *BILL_STATUSES,
        ("refunded", QT_TRANSLATE_NOOP("RecordsModel", "Refunded only")),
    )
    amount_keys = frozenset({"total_fee", "refund"})

    def phrases(self) -> dict[str, str]:
        return {
            "none": QCoreApplication.translate("BillsModel", "No bills match these filters."),
            "empty": QCoreApplication.translate("BillsModel", "No bills yet."),
            "all": QCoreApplication.translate("BillsModel", "All bills"),
            "title": QCoreApplication.translate("BillsModel", "Bills"),
        }

    def count_phrase(self, count: int) -> str:
        return counts().bills(count)

    def text_of(self, record: BillRecord, column: int) -> str:
        key = self.columns[column].key
        if key == "total_fee":
            return amount_text(record.total_fee, self.currency_of(record))
        if key == "created_time":
            return local_time_text(record.created_time)
        if key == "paid":
            return (
                QCoreApplication.translate("BillsModel", "Paid")
                if record.paid
                else QCoreApplication.translate("BillsModel", "Unpaid")
            )
        if key == "currency":
            return self.currency_of(record) or ""
        if key == "refund":
            return self.refund_text(record, self.settlement_of(record.bill_no))
        if key == "channel":
            return channel_words(record.channel)
        return str(getattr(record, key))

    def refund_text(self, record: BillRecord, settled: mq.Settlement | None) -> str:
        if settled is None:
            return ""
        if not settled.finished:
            return QCoreApplication.translate("HistoryModel", "in progress")
        return refunded_text(settled.refund_fee, self.currency_of(record), settled.created_time)

    def tooltip_of(self, record: Any, column: int) -> str | None:
        if self.columns[column].key != "refund":
            return super().tooltip_of(record, column)
        return refund_summary(self.settlement_of(record.bill_no), self.currency_of(record))

    def cell_makers(self, settled: Callable[[str], mq.Settlement | None]) -> dict[str, Any]:
        paid = {
            True: QCoreApplication.translate("BillsModel", "Paid"),
            False: QCoreApplication.translate("BillsModel", "Unpaid"),
        }

        def text(key: str) -> Any:
            return lambda record, _currency: str(getattr(record, key))

        return {
            "bill_no": text("bill_no"),
            "title": text("title"),
            "currency": lambda _record, currency: currency or "",
            "total_fee": lambda record, currency: Amount(record.total_fee, currency),
            "paid": lambda record, _currency: paid[record.paid],
            "refund": lambda record, currency: refund_cell(settled(record.bill_no), currency),
            "refund_time": lambda record, _currency: refund_time_cell(settled(record.bill_no)),
            "created_time": lambda record, _currency: Moment(record.created_time),
        }


def refund_summary(settled: mq.Settlement | None, currency: str | None) -> str:
    """What became of a bill, from the refunds in the history, in a sentence: the
    Refunded cell's tooltip, and its row in the bill's Details…."""
    if settled is None:
        return QCoreApplication.translate("HistoryModel", "No refund in the history.")
    template = (
        QCoreApplication.translate(
            "HistoryModel", "Refund {number} of {amount}, made {time}: in progress."
        )
        if not settled.finished
        else QCoreApplication.translate("HistoryModel", "Refund {number} of {amount}, made {time}.")
    )
    return template.format(
        number=settled.refund_no,
        amount=amount_with_currency(settled.refund_fee, currency),
        time=local_time_text(settled.created_time),
    )


def refund_cell(settled: mq.Settlement | None, currency: str | None) -> Cell:
    """What was refunded of a bill, in an export: the amount, "in progress", or nothing."""
    if settled is None:
        return None
    if not settled.finished:
        return QCoreApplication.translate("HistoryModel", "in progress")
    return Amount(settled.refund_fee, currency)


def refund_time_cell(settled: mq.Settlement | None) -> Cell:
    return None if settled is None else Moment(settled.created_time)


class RefundsHistoryModel(HistoryModel):
    kind = REFUNDS
    columns = REFUND_COLUMNS
    statuses = REFUND_STATUSES
    amount_keys = frozenset({"total_fee", "refund_fee"})

    def phrases(self) -> dict[str, str]:
        return {
            "none": QCoreApplication.translate("RefundsModel", "No refunds match these filters."),
            "empty": QCoreApplication.translate("RefundsModel", "No refunds yet."),
            "all": QCoreApplication.translate("RefundsModel", "All refunds"),
            "title": QCoreApplication.translate("RefundsModel", "Refunds"),
        }

    def count_phrase(self, count: int) -> str:
        return counts().refunds(count)

    def text_of(self, record: RefundRecord, column: int) -> str:
        key = self.columns[column].key
        if key in ("total_fee", "refund_fee"):
            return amount_with_currency(getattr(record, key), self.currency_of(record))
        if key == "created_time":
            return local_time_text(record.created_time)
        if key == "result":
            return refund_result_text(record)
        if key == "channel":
            return channel_words(record.channel)
        return str(getattr(record, key))

    def cell_makers(self, settled: Callable[[str], mq.Settlement | None]) -> dict[str, Any]:
        def text(key: str) -> Any:
            return lambda record, _currency: str(getattr(record, key))

        return {
            "bill_no": text("bill_no"),
            "refund_no": text("refund_no"),
            "title": text("title"),
            "total_fee": lambda record, currency: Amount(record.total_fee, currency),
            "refund_fee": lambda record, currency: Amount(record.refund_fee, currency),
            "result": lambda record, _currency: refund_result_text(record),
            "created_time": lambda record, _currency: Moment(record.created_time),
        }
