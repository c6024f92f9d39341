"""Ctrl+C in a table: the rows selected, as shown, for a spreadsheet or a message.

One line a row under the titles of the columns shown (in their order on screen,
hidden ones left out, but for the Bills table's Currency column, kept after an amount as
in an export), cells separated by tabs: what a spreadsheet takes as cells.
A cell's text is the table's; a tab or line break in it becomes a space, and text a
spreadsheet would run as a formula gets an apostrophe in front, as in an export
(console/export/cells.py). At most COPY_LIMIT rows: more are for Export…, which
writes them on a thread of its own.

The small tables filled by hand (the Refund tab's earlier refunds, the Overview's
totals) copy alike: RowsCopyingTable.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QTableWidget

from console.export.cells import neutralised
from console.gui.tables.table_view import copied_spans, rows_in, shown_columns

COPY_LIMIT = 1_000  # about 0.1 s on the GUI thread; more go through Export…
_LINE_BREAKS = str.maketrans({"\t": " ", "\r": " ", "\n": " "})
# What a copy says: marked, with its plural forms, where RecordsView says it (lupdate took
# a second literal here for a message without them).
COPIED_ROWS = "Copied %n rows."


def rows_text(model: QAbstractItemModel, spans: list[tuple[int, int]], columns: list[int]) -> str:
    """The titles of `columns`, then each row of `spans`, as the table shows them."""

    def cell(text: object) -> str:
        return neutralised(str(text or "").translate(_LINE_BREAKS))

    horizontal = Qt.Orientation.Horizontal
    lines = ["\t".join(cell(model.headerData(c, horizontal)) for c in columns)]
    for first, last in spans:
        for row in range(first, last + 1):
            lines.append("\t".join(cell(model.index(row, c).data()) for c in columns))
    return "\n".join(lines)


class RowsCopyingTable(QTableWidget):
    """A small table whose Ctrl+C copies the rows selected (else the current one) as
    shown, where Qt's copied the focused cell alone; `told` says what was copied."""

    told = Signal(str)  # the window's status bar says it

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selected_rows()
            return
        super().keyPressEvent(event)

    def copy_selected_rows(self) -> None:
        spans = copied_spans(self)
        count = rows_in(spans)
        if count == 0:
            return
        QGuiApplication.clipboard().setText(rows_text(self.model(), spans, shown_columns(self)))
        self.told.emit(QCoreApplication.translate("RecordsView", COPIED_ROWS, "", count))
