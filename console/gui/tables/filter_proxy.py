"""Sorting and filtering of a RecordsModel, on its precomputed keys.

Why not QSortFilterProxyModel: it asks Python once per source row on every
filter change (filterAcceptsRow) and twice per comparison on every sort (the
sort role through data()), which at 100,000 rows makes a keystroke lag and a
sort take seconds. Here a filter is a list comprehension over the rows'
lowercase search texts and a sort is one `sorted()` over a list of raw keys;
the view then asks Python only for the cells it paints. (The README's speed
table says what that takes.)

The order of all rows is kept in `_all`, the rows passing the filters in
`_shown`, both ascending by (key, row) — by (key, -row) for a descending sort,
which is then shown from the end, so equal keys always keep the server's order.
A page arriving while sorted is put in place with bisect, one insert
notification per run of rows landing together (one for a page of older bills
under the newest-first sort); unsorted, it is added at the end with one.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from console.api.validate import typed_words
from console.gui.tables.records_model import CELL_ROLES, RecordsModel, search_text

AnyIndex = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


def _blocks(
    target: list[int], rows: list[int], key: Callable[[int], Any]
) -> list[tuple[int, list[int]]]:
    """Where rows (sorted by key) go into target (sorted by key): (index, rows) blocks, in
    order, each index counted in the target as it is once the blocks before are in. Rows
    landing together are one block, so they go in with one slice assignment (one move of
    the list's tail), not one each: at 100,000 rows, a move is a tenth of a millisecond."""
    if not rows:
        return []
    low = bisect_left(target, key(rows[0]), key=key)
    if bisect_left(target, key(rows[-1]), lo=low, key=key) == low:
        return [(low, rows)]  # all land together (pages of older bills, sorted by time)
    blocks: list[tuple[int, list[int]]] = []
    for inserted, row in enumerate(rows):
        at = bisect_left(target, key(row), lo=low, key=key)
        low = at  # the rows are sorted: the next one lands here or later
        if blocks and blocks[-1][0] == at + inserted - len(blocks[-1][1]):
            blocks[-1][1].append(row)
        else:
            blocks.append((at + inserted, [row]))
    return blocks


class RecordsProxy(QAbstractProxyModel):
    # A new order or filter, just before the layout change (when the view's selection
    # can still be taken out of Qt's hands) and just after it:
    # console/gui/tables/selection_keeper.py
    layout_changing = Signal()
    layout_changed = Signal()

    def __init__(self, model: RecordsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._column = -1  # -1: the server's order
        self._order = Qt.SortOrder.AscendingOrder
        self._reversed = False
        self._words: tuple[str, ...] = ()
        self._status: str | None = None
        self._all: list[int] = []
        self._shown: list[int] = []
        self.setSourceModel(model)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._on_model_reset)
        self._all, self._shown = self._ordered_rows()

    # -- the filters and the sort -----------------------------------------------

    def set_text_filter(self, text: str) -> None:
        """Rows whose bill_no, refund_no, title or channel contain every word typed.
        Typing on narrows what is shown: only the rows shown are searched again."""
        # each word without the invisible characters pasted around it (a chat's, a mail's)
        words = tuple(word for word in map(typed_words, search_text(text).split()) if word)
        if words != self._words:
            narrower = all(any(old in new for new in words) for old in self._words)
            self._words = words
            # _shown is _all's order, filtered: what passes the new words is among it.
            self._relayout(self._filtered(self._shown if narrower else self._all), self._reversed)

    def set_status_filter(self, status: str | None) -> None:
        """Only rows of this status key (e.g. "paid"); None for all."""
        if status != self._status:
            self._status = status
            self._relayout(self._filtered(self._all), self._reversed)

    def text_filter(self) -> str:
        return " ".join(self._words)

    def status_filter(self) -> str | None:
        return self._status

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's raw values; column -1 restores the server's order."""
        self._column = column if 0 <= column < self._model.columnCount() else -1
        self._order = order
        reversed_ = self._column >= 0 and order == Qt.SortOrder.DescendingOrder
        self._all = self._sorted_rows(reversed_)
        self._relayout(self._filtered(self._all), reversed_)

    def sort_column(self) -> int:
        return self._column

    def sort_order(self) -> Qt.SortOrder:
        return self._order

    def source_row(self, row: int) -> int:
        """The model's row shown at this proxy row."""
        return self._shown[-1 - row] if self._reversed else self._shown[row]

    def shown_source_rows(self) -> list[int]:
        """The model's rows shown, top to bottom (a copy)."""
        return self._shown[::-1] if self._reversed else self._shown[:]

    # -- computing orders -----------------------------------------------------------

    def _key(self) -> Callable[[int], Any]:
        keys = self._model.sort_keys(self._column)
        if self._reversed:
            return lambda row: (keys[row], -row)
        return lambda row: (keys[row], row)

    def _sorted_rows(self, reversed_: bool) -> list[int]:
        count = self._model.rowCount()
        if self._column < 0:
            return list(range(count))
        keys = self._model.sort_keys(self._column)
        # sorted() is stable: ascending rows give (key, row); descending rows (key, -row).
        rows = range(count - 1, -1, -1) if reversed_ else range(count)
        return sorted(rows, key=keys.__getitem__)

    def _ordered_rows(self) -> tuple[list[int], list[int]]:
        every = self._sorted_rows(self._reversed)
        return every, self._filtered(every)

    def _filtered(self, rows: Iterable[int]) -> list[int]:
        kept = list(rows)
        texts = self._model.search_texts
        for word in self._words:
            kept = [row for row in kept if word in texts[row]]
        if self._status is not None:
            statuses, wanted = self._model.status_keys, self._status
            kept = [row for row in kept if statuses[row] == wanted]
        return kept

    def _relayout(self, shown: list[int], reversed_: bool) -> None:
        """Show a new order, keeping the selection and current row on the same records."""
        self.layout_changing.emit()
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        sources = [(self.source_row(index.row()), index.column()) for index in before]
        self._shown, self._reversed = shown, reversed_
        if before:
            after = [self._index_of(row, column) for row, column in sources]
            self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
        self.layout_changed.emit()

    def proxy_rows(self, rows: Iterable[int]) -> list[int]:
        """Where the model's rows are shown, in order; those the filters hide left out."""
        where = {source: at for at, source in enumerate(self.shown_source_rows())}
        return sorted(at for row in rows if (at := where.get(row)) is not None)

    def proxy_row(self, row: int) -> int | None:
        """Where the model's row is shown; None when the filters hide it. A binary search:
        `_shown` is ascending by the sort key (by row in the server's order)."""
        shown = self._shown
        if self._column < 0:
            at = bisect_left(shown, row)
        else:
            key = self._key()
            at = bisect_left(shown, key(row), key=key)
        if at == len(shown) or shown[at] != row:
            return None
        return len(shown) - 1 - at if self._reversed else at

    def _index_of(self, row: int, column: int) -> QModelIndex:
        at = self.proxy_row(row)
        return QModelIndex() if at is None else self.createIndex(at, column)

    # -- following the model ----------------------------------------------------------

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        new = range(first, last + 1)
        accepted = self._filtered(new)
        if self._column < 0:
            self._all.extend(new)
            if accepted:
                start = len(self._shown)
                self.beginInsertRows(QModelIndex(), start, start + len(accepted) - 1)
                self._shown.extend(accepted)
                self.endInsertRows()
            return
        key = self._key()
        new_sorted = sorted(new, key=key)
        for at, rows in _blocks(self._all, new_sorted, key):
            self._all[at:at] = rows
        # New rows that fall between the same two shown rows go in as one block, so a page
        # that lands in one place (the usual case: older bills, sorted by time) is one insert.
        accepted_sorted = (
            new_sorted if len(accepted) == len(new_sorted) else sorted(accepted, key=key)
        )
        for at, rows in _blocks(self._shown, accepted_sorted, key):
            count = len(rows)
            first = len(self._shown) - at if self._reversed else at
            self.beginInsertRows(QModelIndex(), first, first + count - 1)
            self._shown[at:at] = rows
            self.endInsertRows()

    def _on_model_reset(self) -> None:
        self._all, self._shown = self._ordered_rows()
        self.endResetModel()

    # -- QAbstractProxyModel ------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._model.columns)

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not (
            0 <= row < len(self._shown) and 0 <= column < len(self._model.columns)
        ):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: AnyIndex | None = None) -> Any:
        if index is None:  # QObject.parent()
            return super().parent()
        return QModelIndex()

    def sibling(self, row: int, column: int, _index: AnyIndex) -> QModelIndex:
        return self.index(row, column)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and bool(self._shown)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if role not in CELL_ROLES or not index.isValid():
            return None
        return self._model.cell(self.source_row(index.row()), index.column(), int(role))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self._model.headerData(section, orientation, role)
        return None

    def mapToSource(self, proxy_index: AnyIndex) -> QModelIndex:
        if not proxy_index.isValid():
            return QModelIndex()
        return self._model.index(self.source_row(proxy_index.row()), proxy_index.column())

    def mapFromSource(self, source_index: AnyIndex) -> QModelIndex:
        if not source_index.isValid():
            return QModelIndex()
        return self._index_of(source_index.row(), source_index.column())
