"""A history table's selection through the model's layout changes, at any size.

Qt's selection keeps itself through a layout change as an index per selected cell
(unless the whole table is selected, in one range): every bill but one selected of
a million, a sync that moved the rows froze the window for two minutes and took
3.5 GB, and a sort as much. A selection of more than LARGE_SELECTION rows is taken
out of Qt's hands before the change: as the first and last record of each of its
ranges, selected again after a sync's move with every row between them (the rows
a sync adds inside a range too), and let go by a sort, which moves every row (Qt's
selection is lost there too). A whole table selected is selected whole again, also
when rows are added below it (Ctrl+A while the rows of a selection are still counted:
Qt's selection kept the rows in so far, the rest came in unselected).

So too for a table of records sorted and filtered in memory (RecordsProxy: the
Audit tab's 10,000 entries, 80,000 cells, a freeze of 2 s at each sort or word
searched): there a large selection is kept as the model's rows selected, and
selected again where they are shown after the change (`RecordsSelectionKeeper`).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Slot
from PySide6.QtWidgets import QTableView

from console.gui.tables.filter_proxy import RecordsProxy
from console.gui.tables.history_model import HistoryModel
from console.gui.tables.table_view import row_spans, rows_in

LARGE_SELECTION = 1_000  # rows: fewer are kept by Qt, an index per cell


class SelectionKeeper(QObject):
    """Keeps the view's large selections through its history model's layout changes."""

    def __init__(self, view: QTableView, model: HistoryModel) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self._held: list[tuple[int, int]] | None = None  # (first, last) record ids
        self._whole = False
        self._whole_before_rows = False  # the whole table was selected as rows came
        model.layout_changing.connect(self._take_out)
        model.layout_changed.connect(self._put_back)
        model.rowsAboutToBeInserted.connect(self._before_rows)
        model.rowsInserted.connect(self._after_rows)

    @Slot()
    def _before_rows(self) -> None:
        rows = self.model.rowCount()
        spans = row_spans(self.view.selectionModel().selection()) if rows else []
        self._whole_before_rows = spans == [(0, rows - 1)]

    @Slot()
    def _after_rows(self) -> None:
        whole, self._whole_before_rows = self._whole_before_rows, False
        if whole:
            self.view.selectAll()  # the rows added too: one range, whatever the count

    @Slot(bool)
    def _take_out(self, rows_keep_records: bool) -> None:
        """Before the change: a large selection noted (its spans' first and last records,
        when the rows keep their records) and cleared."""
        self._held, self._whole = None, False
        selection = self.view.selectionModel()
        spans = _large(selection)
        if spans is None:
            return  # Qt keeps it, an index per cell
        self._whole = spans == [(0, self.model.rowCount() - 1)]
        keep = rows_keep_records and not self._whole
        self._held = (
            [(self.model.id_at(f), self.model.id_at(la)) for f, la in spans] if keep else []
        )
        selection.clearSelection()

    @Slot()
    def _put_back(self) -> None:
        held, self._held = self._held, None
        if held is None:
            return
        if self._whole:
            self.view.selectAll()
            return
        rows = self.model.rows_of({record for span in held for record in span})
        last_column = self.model.columnCount() - 1
        selection = QItemSelection()
        for first_id, last_id in held:
            first, last = rows.get(first_id), rows.get(last_id)
            if first is not None and last is not None:
                top, bottom = min(first, last), max(first, last)
                selection.select(self.model.index(top, 0), self.model.index(bottom, last_column))
        if not selection.isEmpty():
            self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)


def _large(selection: QItemSelectionModel) -> list[tuple[int, int]] | None:
    """The rows of a selection as (first, last) spans, when more than LARGE_SELECTION."""
    spans = row_spans(selection.selection())
    return spans if rows_in(spans) > LARGE_SELECTION else None


class RecordsSelectionKeeper(QObject):
    """Keeps the view's large selections through its RecordsProxy's new orders and
    filters: the model's rows selected, selected again where they are shown after (Qt
    drops those the filters hide, as here)."""

    def __init__(self, view: QTableView, proxy: RecordsProxy) -> None:
        super().__init__(view)
        self.view = view
        self.proxy = proxy
        self._held: list[int] | None = None  # the model's rows
        proxy.layout_changing.connect(self._take_out)
        proxy.layout_changed.connect(self._put_back)

    @Slot()
    def _take_out(self) -> None:
        self._held = None
        selection = self.view.selectionModel()
        spans = _large(selection)
        if spans is None:
            return  # Qt keeps it, an index per cell
        source_row = self.proxy.source_row
        self._held = [source_row(row) for first, last in spans for row in range(first, last + 1)]
        selection.clearSelection()

    @Slot()
    def _put_back(self) -> None:
        held, self._held = self._held, None
        if held is None:
            return
        last_column = self.proxy.columnCount() - 1
        selection = QItemSelection()
        for first, last in _runs(self.proxy.proxy_rows(held)):
            selection.select(self.proxy.index(first, 0), self.proxy.index(last, last_column))
        if not selection.isEmpty():
            self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Rows in order as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
