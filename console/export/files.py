"""Export a table to a file: the format by the file's extension, written to a temporary
file beside it and renamed over it only once complete, so a cancelled or failed export
leaves no partial file (and an older file of that name is kept)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from console.export.csv_writer import write_csv
from console.export.table import Cancelled, ExportTable, Progress
from console.export.xlsx_writer import write_xlsx
from console.private_files import user_file_mode

Writer = Callable[[BinaryIO, ExportTable, Progress | None, Cancelled | None], None]
WRITERS: dict[str, Writer] = {".csv": write_csv, ".xlsx": write_xlsx}
SUFFIXES = tuple(WRITERS)


# The most bytes a file's name may have on the usual file systems (NAME_MAX).
NAME_MAX_BYTES = 255


def temporary_path(path: Path) -> Path:
    """A hidden name beside `path` (same folder, so the rename cannot cross a disk),
    after its name, cut so as to fit NAME_MAX_BYTES whatever that name's length."""
    suffix = f".{secrets.token_hex(4)}.part"
    room = NAME_MAX_BYTES - len(suffix) - 1  # the leading dot
    name = os.fsencode(path.name)[:room].decode(errors="ignore")  # never half a character
    return path.with_name(f".{name}{suffix}")


def export_table(
    path: Path,
    table: ExportTable,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Write the table to `path` (.csv or .xlsx). Raises ExportCancelled, OSError, or
    ValueError for an extension it does not write; the file is then left untouched."""
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(f"cannot export to {path.suffix or 'a file without extension'}")
    temporary = temporary_path(path)
    try:
        with temporary.open("xb") as out:
            writer(out, table, progress, cancelled)
            out.flush()
            os.fsync(out.fileno())
        # the user's usual permissions: the console's own files are private (0600), but
        # an export goes where the user says, to be shared as they see fit
        os.chmod(temporary, user_file_mode())
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
