"""The table view both record tabs use, set up to stay fast on long lists.

Rows have one fixed height (QTableView's equivalent of setUniformRowHeights),
columns get their first widths from sample texts, never by measuring every
row, and the header can be moved, resized and sorted, its state saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from console.gui.tables.records_model import Column

CELL_PADDING = 14  # room for the cell margins and the header's sort arrow


class RecordsView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.hide()

        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicatorClearable(True)  # a third click gives the server's order back
        header.setResizeContentsPrecision(50)  # a double-click on a border measures 50 rows

    def set_initial_widths(self, columns: tuple[Column, ...], titles: list[str]) -> None:
        """Widths that show each column's sample text and (translated) title whole."""
        cells = self.fontMetrics()
        header = self.horizontalHeader().fontMetrics()
        for section, (column, title) in enumerate(zip(columns, titles, strict=True)):
            width = max(cells.horizontalAdvance(column.sample), header.horizontalAdvance(title))
            self.setColumnWidth(section, width + CELL_PADDING)
