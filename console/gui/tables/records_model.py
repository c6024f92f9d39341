"""The in-memory table model: every record of a table held in Python (the Audit tab's;
the Bills and Refunds tables read the history mirror by window instead:
history_model.py).

Everything a view asks for is computed once: when a page of records arrives,
each row's sort keys (raw values: integer amounts and times, booleans, folded
text), a lowercase search text and a status key for the row filter; its display
strings then too, but for those that must be formatted (amounts, times), which
are made when a cell is first shown and kept (at 100,000 rows, most are never
shown: making them all would cost time, memory, and time again to free them).
Columns are stored as plain lists, so `data()` is two list lookups and a sort
is `sorted()` over one list of keys. One beginInsertRows/endInsertRows per
batch of records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from console.api.models import BillRecord, RefundRecord
from console.api.validate import ascii_alnum
from console.export.cells import Cell
from console.translatable import QT_TRANSLATE_NOOP

Record = BillRecord | RefundRecord  # what the Bills and Refunds tabs show
R = TypeVar("R")  # a model's own kind of record
SortKey = str | int | bool | tuple[int, ...] | tuple[str, int]  # (currency, amount)
CellMaker = Callable[[Any, str | None], Cell]  # (record, its currency) -> a cell of an export
AnyIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the raw value a column sorts by

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
# The roles a cell answers. A view asks for about seven per cell it paints (font,
# colours, check state, decoration...): the others are answered None at once.
CELL_ROLES = frozenset((_DISPLAY, SORT_ROLE, _ALIGNMENT, _TOOLTIP))
# Alignments as plain ints, which Qt reads as well: an enum is converted to C++ the slow
# way on every cell painted (about a tenth of a repaint of the table).
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

# The widest amount a record can hold (total_fee is a 32-bit integer of hundredths).
WIDEST_AMOUNT = "21,474,836.47"  # the largest total_fee there can be
# The console's own bill numbers (console/api/ids.py), their random part of wide letters
BILL_NO_SAMPLE = "BC20251231235959MQHNDGOU"
REFUND_NO_SAMPLE = "20251231235959RMQHNDGOU"  # the console's own refund numbers
# The same at their widest, which a number column takes where the window has room to
# spare (Column.roomy): a random part may be any 8 of the 36 letters and digits, W and M
# as often as the others ('BC20261208055815MXWOMMXC' was cut off at 1,600 px).
BILL_NO_WIDEST = tuple(f"BC20251231235959{letter * 8}" for letter in "WM")
REFUND_NO_WIDEST = tuple(f"20251231235959R{letter * 8}" for letter in "WM")


RELEASE_SLICE = 10_000  # rows of a cleared table freed per turn of the event loop


def release_later(columns: list[list[Any]]) -> None:
    """Free the rows of a cleared table (its column lists, all of one length) a slice at
    a time, one slice per turn of the event loop, so that no turn waits long for it."""

    def release_slice() -> None:
        for values in columns:
            del values[-RELEASE_SLICE:]
        if columns[0]:
            QTimer.singleShot(0, release_slice)

    QTimer.singleShot(0, release_slice)


def column_title(title: str) -> str:
    """A column's title (marked with QT_TRANSLATE_NOOP("RecordsModel", ...)) translated."""
    return QCoreApplication.translate("RecordsModel", title)


# A column's sample: a text as wide as any it shows, or several, or a function giving
# the texts it shows as the language and locale in use write them (translated words, the
# locale's dates), read when the widths are set: the widest counts.
Sample = str | tuple[str, ...] | Callable[[], Iterable[str]]


def sample_texts(sample: Sample) -> tuple[str, ...]:
    if isinstance(sample, str):
        return (sample,)
    return sample if isinstance(sample, tuple) else tuple(sample())


class Column(NamedTuple):
    key: str  # the record's field
    title: str  # the header, in English: column_title() translates it
    sample: Sample  # the widest text the column should show unclipped at first
    right_aligned: bool = False
    tooltip: bool = False  # show the whole text as a tooltip (it may be elided)
    keeps_width: bool = False  # gives up no room though it has a tooltip (a number)
    # A narrower sample the column may shrink to in a window too narrow for every
    # sample: a name's column (tooltip) down to the usual ones ("PAYPAL_CREDITCARD"), a
    # number's (keeps_width) only once the free text is down to its least too: its end
    # is cut off, whole in its tooltip.
    least: Sample = ""
    header_tip: str = ""  # what the header says when pointed at, in English (translated)
    # The long free text of the row (a title, a detail), cut off with its tooltip: it
    # takes the room to spare, and is the first to give some up.
    free_text: bool = False
    # A wider sample the column takes first of the room to spare, before the free text
    # (the console's numbers of the widest letters): never at the cost of another column.
    roomy: Sample = ""


def search_text(text: str) -> str:
    """Text as the free-text filter compares it, a row's and the words typed alike: in
    any case, and an input method's full-width digits and letters ("０１０１ｒ") as the
    ASCII ones."""
    return ascii_alnum(text).casefold()


class Row(NamedTuple):
    """One record as the table shows it, computed once."""

    texts: tuple[str | None, ...]  # None: made by display_text() when first shown
    keys: tuple[SortKey, ...]
    search: str  # the text the free-text filter looks in, as search_text() makes it
    status: str  # key of the row filter (e.g. "paid")


class RecordsModel(QAbstractTableModel, Generic[R]):
    """A list of records that only grows page by page, or is cleared for a new load."""

    columns: ClassVar[tuple[Column, ...]] = ()
    # The columns holding amounts, and the one showing their currency (if the table has one):
    # an export never writes an amount without its currency.
    amount_keys: ClassVar[frozenset[str]] = frozenset()
    currency_key: ClassVar[str] = "currency"
    # (status key, label of the row filter marked for translation in "RecordsModel").
    statuses: ClassVar[tuple[tuple[str, str], ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._currencies: Mapping[str, str] = {}
        self._records: list[R] = []
        self._texts: list[list[str | None]] = [[] for _ in self.columns]
        self._keys: list[list[SortKey]] = [[] for _ in self.columns]
        self.search_texts: list[str] = []
        self.status_keys: list[str] = []
        self._alignments = [_RIGHT if c.right_aligned else _LEFT for c in self.columns]
        self._tooltips = [c.tooltip for c in self.columns]
        self.titles = [column_title(c.title) for c in self.columns]  # translated once

    # -- what the tab says about the records, in whole sentences ------------

    def phrases(self) -> dict[str, str]:
        """Texts: 'none' (no match) and 'title' (what an export names its sheet)."""
        raise NotImplementedError

    def count_phrase(self, count: int) -> str:
        """'1 bill', '1,234 bills', in the language shown (Qt's plural forms, %Ln: the
        count with the locale's grouping)."""
        raise NotImplementedError

    def status_choices(self) -> list[tuple[str, str]]:
        """(status key, translated label) for the row filter."""
        return [
            (key, QCoreApplication.translate("RecordsModel", label)) for key, label in self.statuses
        ]

    # -- what subclasses say about one record ------------------------------

    def make_row(self, record: Any) -> Row:
        raise NotImplementedError

    def display_text(self, record: Any, column: int) -> str:
        """A display string make_row left to be made when first shown (None there)."""
        raise NotImplementedError

    # -- filling -------------------------------------------------------------

    def clear(self, currencies: Mapping[str, str] | None = None) -> None:
        """Empty the table for a new load; `currencies` is the console's own bill_no -> currency.

        The table is empty at once; the old rows are freed afterwards, a slice per turn
        of the event loop (release_later), as freeing 100,000 rows takes some 25 ms."""
        self.beginResetModel()
        old_rows: list[list[Any]] = [
            self._records,
            *self._texts,
            *self._keys,
            self.search_texts,
            self.status_keys,
        ]
        self._currencies = dict(currencies or {})
        self._records = []
        self._texts = [[] for _ in self.columns]
        self._keys = [[] for _ in self.columns]
        self.search_texts = []
        self.status_keys = []
        self.endResetModel()
        if len(old_rows[0]) > RELEASE_SLICE:
            release_later(old_rows)

    def append(self, records: Iterable[R]) -> None:
        """Add records at the end: one insert notification for all of them."""
        records = list(records)
        if not records:
            return
        rows = [self.make_row(record) for record in records]
        first = len(self._records)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._records.extend(records)
        # The rows' values, column by column (zip(*rows) transposes them in one C loop).
        new_texts = zip(*(row.texts for row in rows), strict=True)
        for texts, column_texts in zip(self._texts, new_texts, strict=True):
            texts.extend(column_texts)
        new_keys = zip(*(row.keys for row in rows), strict=True)
        for keys, column_keys in zip(self._keys, new_keys, strict=True):
            keys.extend(column_keys)
        self.search_texts.extend(row.search for row in rows)
        self.status_keys.extend(row.status for row in rows)
        self.endInsertRows()

    # -- reading ---------------------------------------------------------------

    def record(self, row: int) -> R:
        return self._records[row]

    def currency_of(self, record: R) -> str | None:
        return self.currency_in(record, self._currencies)

    @staticmethod
    def currency_in(record: Any, currencies: Mapping[str, str]) -> str | None:
        """The record's own currency, else the one this console remembered for its bill."""
        return record.currency or currencies.get(record.bill_no)

    def records_at(self, rows: Iterable[int]) -> list[R]:
        return list(map(self._records.__getitem__, rows))

    def sort_keys(self, column: int) -> Sequence[SortKey]:
        return self._keys[column]

    def text(self, row: int, column: int) -> str:
        text = self._texts[column][row]
        if text is None:
            text = self._texts[column][row] = self.display_text(self._records[row], column)
        return text

    def column_of(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)

    def cell(self, row: int, column: int, role: int) -> Any:
        """What `data()` answers, without a QModelIndex (the proxy calls this directly)."""
        if role == _DISPLAY:
            return self._texts[column][row] or self.text(row, column)
        if role == SORT_ROLE:
            return self._keys[column][row]
        if role == _ALIGNMENT:
            return self._alignments[column]
        if role == _TOOLTIP and self._tooltips[column]:
            return self.text(row, column)
        return None

    # -- export ------------------------------------------------------------------

    def cell_makers(self) -> dict[str, CellMaker]:
        """How an export writes the columns that are not a text field of the record as it
        is (amounts, times, labels). Made on the GUI thread; the makers are called on the
        export's thread, so they read only the record and what they captured here."""
        return {self.currency_key: lambda _record, currency: currency or ""}

    def exporter(
        self, columns: Sequence[int]
    ) -> tuple[tuple[str, ...], Callable[[Any], tuple[Cell, ...]]]:
        """The titles of these columns (model columns, in the order to write) and a function
        making a record's cells, safe to call on any thread. A Currency column is added
        after the first amount when the currency is not among the columns."""
        keys = [self.columns[column].key for column in columns]
        titles = [
            str(self.headerData(column, Qt.Orientation.Horizontal, _DISPLAY)) for column in columns
        ]
        first_amount = next((at for at, key in enumerate(keys) if key in self.amount_keys), None)
        if first_amount is not None and self.currency_key not in keys:
            keys.insert(first_amount + 1, self.currency_key)
            titles.insert(first_amount + 1, self.tr("Currency"))
        makers = self.cell_makers()
        column_makers = [makers.get(key) or _text_field(key) for key in keys]
        currencies = self._currencies  # replaced by clear(), never changed: safe to keep
        currency_in = self.currency_in

        def make_cells(record: Any) -> tuple[Cell, ...]:
            currency = currency_in(record, currencies)
            return tuple(make(record, currency) for make in column_makers)

        return tuple(titles), make_cells

    # -- QAbstractTableModel -----------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if role not in CELL_ROLES or not index.isValid():
            return None
        return self.cell(index.row(), index.column(), int(role))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == _DISPLAY:
            return self.titles[section]
        if role == _ALIGNMENT:
            return self._alignments[section]
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].header_tip:
            return QCoreApplication.translate("RecordsModel", self.columns[section].header_tip)
        return None


def _text_field(key: str) -> CellMaker:
    """The record's field as it is, as text (bill_no, title, channel...)."""
    field = attrgetter(key)

    def make(record: Any, _currency: str | None) -> Cell:
        value = field(record)
        return value if isinstance(value, str) else str(value)

    return make


def refund_status(record: RefundRecord) -> str:
    if not record.finished:
        return "in_progress"
    return "succeeded" if record.succeeded else "failed"


# A refund's result in the words of the Refunds tab's row filter (Succeeded only...).
REFUND_RESULTS = {
    "succeeded": QT_TRANSLATE_NOOP("RecordsModel", "Succeeded"),
    "failed": QT_TRANSLATE_NOOP("RecordsModel", "Failed"),
    "in_progress": QT_TRANSLATE_NOOP("RecordsModel", "In progress"),
}


def refund_result_text(record: RefundRecord) -> str:
    """'Succeeded', 'Failed' or 'In progress', translated."""
    return QCoreApplication.translate("RecordsModel", REFUND_RESULTS[refund_status(record)])
