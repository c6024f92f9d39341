"""Ctrl+C in a table: the rows selected, as shown, for a spreadsheet or a message.

One line a row under the titles of the columns shown (in their order on screen,
hidden ones left out), cells separated by tabs: what a spreadsheet takes as cells.
A cell's text is the table's; a tab or line break in it becomes a space, and text a
spreadsheet would run as a formula gets an apostrophe in front, as in an export
(console/export/cells.py). At most COPY_LIMIT rows: more are for Export…, which
writes them on a thread of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt

from console.export.cells import neutralised

COPY_LIMIT = 1_000  # about 0.1 s on the GUI thread; more go through Export…
_LINE_BREAKS = str.maketrans({"\t": " ", "\r": " ", "\n": " "})


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
