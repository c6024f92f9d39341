"""Excel .xlsx through openpyxl's write-only workbook (rows are streamed, not kept).

Amounts are numbers with the currency's decimals as their format (12.34 shown
"12.34", JPY 1,200 shown "1,200"); times are ISO text with their offset (a
workbook's dates carry no time zone); every other cell is text, neutralised like
the CSV's, and always stored as text (never as a formula or an error value).

The rows wait for the zip in a scratch file the caller gives (export_table: one of no
name beside the export, on the chosen disk), or else one of no name in the temporary
folder: openpyxl's own was a named file in $TMPDIR, which a full or missing $TMPDIR
made fail as the chosen file's fault, and a console killed mid-export left there
for good, with the shop's payers and amounts.
"""

from __future__ import annotations

import datetime
import io
import re
import tempfile
import unicodedata
from collections.abc import Callable
from contextlib import ExitStack, suppress
from itertools import islice
from shutil import copyfileobj
from typing import BinaryIO, TypeVar
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from console.export.cells import Amount, Cell, neutralised
from console.export.table import Cancelled, ExportCancelled, ExportTable, Progress

AMOUNT_FORMATS = {0: "#,##0", 2: "#,##0.00"}
# Characters XML 1.0 cannot hold (openpyxl refuses them): shown as a replacement character.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_CELL_CHARS = 32_767
WIDTH_SAMPLE_ROWS = 100  # column widths are made to fit the first rows
MAX_WIDTH = 60
_T = TypeVar("_T")


def sheet_title(name: str) -> str:
    """A valid sheet name: at most 31 characters, none of []:*?/\\."""
    return _SHEET_NAME_BAD.sub(" ", name).strip()[:31] or "Sheet1"


def safe_text(text: str) -> str:
    return _NOT_IN_XML.sub("\ufffd", neutralised(text))[:MAX_CELL_CHARS]


def _text_cell(sheet: WriteOnlyWorksheet, text: str, font: Font | None = None) -> SheetCell:
    """A cell of this (safe) text, stored as text: even "#N/A" (else an error value)."""
    cell = WriteOnlyCell(sheet, text)
    cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def _cell(sheet: WriteOnlyWorksheet, cell: Cell) -> SheetCell | str | None:
    if cell is None:
        return None
    if isinstance(cell, Amount):
        # A Decimal is written as a number: openpyxl takes it, its stubs say float only.
        number = WriteOnlyCell(sheet, cell.number())  # type: ignore[arg-type]
        number.number_format = AMOUNT_FORMATS.get(cell.decimals(), AMOUNT_FORMATS[2])
        return number
    text = safe_text(cell if isinstance(cell, str) else cell.text())
    # openpyxl stores a str as text, but for an error's name ("#N/A"): that one explicitly.
    return _text_cell(sheet, text) if text in ERROR_CODES else text


def _shown_width(cell: Cell) -> int:
    if cell is None:
        return 0
    text = cell if isinstance(cell, str) else cell.text()
    # East Asian wide characters take two columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[:MAX_WIDTH])


def _column_widths(table: ExportTable) -> list[int]:
    widths = [_shown_width(title) for title in table.titles]
    for record in islice(table.records, WIDTH_SAMPLE_ROWS):
        for column, cell in enumerate(table.make_cells(record)):
            widths[column] = max(widths[column], _shown_width(cell))
    return [min(width + 2, MAX_WIDTH) for width in widths]


def write_xlsx(
    out: BinaryIO,
    table: ExportTable,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    scratch: BinaryIO | None = None,
) -> None:
    """The workbook written to `out`; its rows wait in `scratch` (readable, closed by
    whoever gave it), or in a file of no name in the temporary folder."""
    with ExitStack() as stack:
        if scratch is None:
            scratch = stack.enter_context(tempfile.TemporaryFile())
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(sheet_title(table.sheet_name))
        try:
            for column, width in enumerate(_column_widths(table), 1):
                sheet.column_dimensions[get_column_letter(column)].width = width
            sheet.freeze_panes = "A2"
            # after the widths and panes, which the sheet's top holds
            _rows_into(sheet, scratch)
            bold = Font(bold=True)
            sheet.append([_text_cell(sheet, safe_text(title), bold) for title in table.titles])
            for cells in table.rows(progress, cancelled):
                sheet.append([_cell(sheet, cell) for cell in cells])
            _save(workbook, _Zipping(out, cancelled))
        finally:
            _discard(sheet)


class _RowsWriter(WorksheetWriter):
    """openpyxl's writer of a sheet, writing to the scratch file given: its own made a
    file in $TMPDIR (removed by `cleanup`). The scratch is its giver's to close."""

    def cleanup(self) -> None:
        pass


def _rows_into(sheet: WriteOnlyWorksheet, scratch: BinaryIO) -> None:
    """The sheet's rows streamed to `scratch` (what the sheet's first append does,
    with openpyxl's own temporary file)."""
    writer = _RowsWriter(sheet, out=scratch)  # (a file: et_xmlfile writes to it)
    sheet._writer = writer  # type: ignore[attr-defined]
    writer.write_top()


class _SheetFromScratch(ZipFile):
    """The workbook's zip, which takes the sheet from its scratch file: openpyxl hands
    its `write` what the sheet was written to, a file's name where its own is used."""

    def write(  # type: ignore[override]
        self,
        filename: object,
        arcname: str | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if not isinstance(filename, io.IOBase) or arcname is None:
            super().write(filename, arcname, compress_type, compresslevel)  # type: ignore[arg-type]
            return
        source: BinaryIO = filename  # type: ignore[assignment]
        source.flush()
        size = source.seek(0, io.SEEK_END)
        source.seek(0)
        entry = ZipInfo(arcname, datetime.datetime.now().timetuple()[:6])
        entry.compress_type = self.compression if compress_type is None else compress_type
        entry.file_size = size  # (which tells whether it takes a zip64 entry)
        entry.external_attr = 0o600 << 16  # as writestr gives the workbook's other parts
        with self.open(entry, "w") as sheet:
            copyfileobj(source, sheet)


def _save(workbook: Workbook, out: _Zipping) -> None:
    """What workbook.save(out) does (openpyxl.writer.excel.save_workbook), with the
    zip that takes the sheet from its scratch file."""
    archive = _SheetFromScratch(out, "w", ZIP_DEFLATED, allowZip64=True)
    now = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
    workbook.properties.modified = now
    ExcelWriter(workbook, archive).save()


class _Zipping:
    """The workbook's file while openpyxl zips the sheet into it, a second or two per
    250,000 rows with no look at "cancelled?" of its own: each write looks, and raises
    ExportCancelled when asked to stop. A zip stopped so, or by its file's failure (the
    disk full), is abandoned and touches the file no more: what it writes as it is
    collected, the file closed and being removed by then, goes nowhere (it raised
    "ValueError: I/O operation on closed file" in ZipFile.__del__, on stderr)."""

    def __init__(self, out: BinaryIO, cancelled: Cancelled | None) -> None:
        self._out = out
        self._cancelled = cancelled
        self._stopped = False
        self._at = 0  # where the abandoned zip thinks it is

    def write(self, data: bytes) -> int:
        if self._stopped:
            return len(data)
        if self._cancelled is not None and self._cancelled():
            self._stopped = True
            raise ExportCancelled
        return self._abandoned_if_failing(lambda: self._out.write(data))

    def tell(self) -> int:
        return self._at if self._stopped else self._abandoned_if_failing(self._out.tell)

    def seek(self, offset: int, whence: int = 0) -> int:
        if self._stopped:
            self._at = offset
            return offset
        return self._abandoned_if_failing(lambda: self._out.seek(offset, whence))

    def flush(self) -> None:
        if not self._stopped:
            self._abandoned_if_failing(self._out.flush)

    def close(self) -> None:
        """Nothing: the file is its owner's to close (a zip closes no file given it)."""

    def _abandoned_if_failing(self, call: Callable[[], _T]) -> _T:
        try:
            return call()
        except BaseException:
            self._stopped = True
            raise


def _discard(sheet: WriteOnlyWorksheet) -> None:
    """The sheet of an export stopped half-way closed while its scratch file is open:
    collected later, it wrote its end to the file closed by then."""
    if sheet._writer is None:  # type: ignore[attr-defined]
        return
    if not sheet.closed:
        with suppress(Exception):  # half-written: only the file matters now
            sheet.close()
