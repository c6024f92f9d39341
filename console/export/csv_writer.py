"""CSV for spreadsheets: UTF-8 with a BOM (Excel then reads Chinese right), CRLF lines,
amounts as plain numbers ("12.34", "-0.05"), times in ISO form, formulas neutralised."""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from console.export.cells import Amount, Cell, Moment, neutralised
from console.export.table import Cancelled, ExportTable, Progress

ENCODING = "utf-8-sig"  # UTF-8, the BOM first


def csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Amount):
        return cell.text()  # a number, also when negative: never neutralised
    if isinstance(cell, Moment):
        return cell.text()
    return neutralised(cell)


def write_csv(
    out: BinaryIO,
    table: ExportTable,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    text = io.TextIOWrapper(out, encoding=ENCODING, newline="")
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([neutralised(title) for title in table.titles])
        writer.writerows(
            [csv_text(cell) for cell in cells] for cells in table.rows(progress, cancelled)
        )
        text.flush()
    finally:
        text.detach()  # the caller closes `out`
