"""Ctrl+C in a table: the rows selected, as shown, for a spreadsheet or a message.

One line a row under the titles of the columns shown (in their order on screen,
hidden ones left out), cells separated by tabs: what a spreadsheet takes as cells.
A cell's text is the table's; a tab or line break in it becomes a space, and text a
spreadsheet would run as a formula gets an apostrophe in front, as in an export
(console/export/cells.py). At most COPY_LIMIT rows: more are for Export…, which
writes them on a thread of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelection, Qt

from console.export.cells import neutralised

COPY_LIMIT = 1_000  # about 0.1 s on the GUI thread; more go through Export…
_LINE_BREAKS = str.maketrans({"\t": " ", "\r": " ", "\n": " "})


def selected_row_spans(selection: QItemSelection) -> list[tuple[int, int]]:
    """The rows a selection holds, as (first, last) spans in order, overlaps merged:
    a selection of a million rows is a few ranges, never a list of its rows."""
    ranges = (selection.at(i) for i in range(selection.size()))
    spans = sorted((r.top(), r.bottom()) for r in ranges if r.isValid())
    merged: list[tuple[int, int]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def row_count(spans: list[tuple[int, int]]) -> int:
    return sum(last - first + 1 for first, last in spans)


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
