"""Export a table to a file: the format by the file's extension, written to a temporary
file beside it and renamed over it only once complete, so a cancelled or failed export
leaves no partial file (and an older file of that name is kept).

An export names a merchant's payers and amounts: it is private (0600) whatever the
umask, from its temporary file's first byte; a file of that name it replaces (0644, say)
is replaced by a private one.

An export whose process was killed (or whose computer lost power) cannot take its
temporary file away: the next export of that name does. A writer holds a lock (flock)
on its temporary file until it is renamed, so that the part of an export on its way in
another console is left to it. (No flock on Windows: nothing is taken away there.)

A workbook's rows wait for its zip in a scratch file beside it, made as a part is and its
name removed at once: nothing of it can stay behind, and the export writes to no disk but
the chosen folder's (openpyxl's own, in $TMPDIR, made a full $TMPDIR fail as if the
chosen file were at fault, and stayed there after a crash). Where a name cannot be
removed from an open file (Windows), it stays a part, held and removed as one.

The file an export replaces is the one at that name when it began (the one the clerk was
asked about), or none: a file put there meanwhile (another export of that name, in
another tab or console, finished first) is kept, and this export fails, leaving nothing."""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

from console.export.csv_writer import write_csv
from console.export.table import Cancelled, ExportCancelled, ExportTable, Progress
from console.export.xlsx_writer import write_xlsx
from console.made_files import locked_in_place
from console.private_files import open_private, sync_folder

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows)
    fcntl = None  # type: ignore[assignment]

Writer = Callable[[BinaryIO, ExportTable, Progress | None, Cancelled | None], None]


def _xlsx_writer(path: Path) -> Writer:
    """write_xlsx, its rows waiting in a scratch file beside `path`."""

    def write(
        out: BinaryIO, table: ExportTable, progress: Progress | None, cancelled: Cancelled | None
    ) -> None:
        with _scratch_beside(path) as scratch:
            write_xlsx(out, table, progress, cancelled, scratch)

    return write


# The writer of each format, for the file it is to write.
WRITERS: dict[str, Callable[[Path], Writer]] = {
    ".csv": lambda _path: write_csv,
    ".xlsx": _xlsx_writer,
}


# The most bytes a file's name may have on the usual file systems (NAME_MAX).
NAME_MAX_BYTES = 255


TOKEN_BYTES = 4  # a temporary file's random part, in hex twice as many characters
PART_SUFFIX = ".part"


def _temporary_prefix(path: Path) -> str:
    """What every temporary name of `path` starts with: a dot and its name, cut so that
    the whole name fits NAME_MAX_BYTES whatever that name's length."""
    room = NAME_MAX_BYTES - len(f"..{'0' * 2 * TOKEN_BYTES}{PART_SUFFIX}")
    name = os.fsencode(path.name)[:room].decode(errors="ignore")  # never half a character
    return f".{name}."


def temporary_path(path: Path) -> Path:
    """A hidden name beside `path` (same folder, so the rename cannot cross a disk),
    after its name."""
    token = secrets.token_hex(TOKEN_BYTES)
    return path.with_name(f"{_temporary_prefix(path)}{token}{PART_SUFFIX}")


def _take_away_left_parts(path: Path) -> None:
    """The temporary files of earlier exports of `path` that no export writes any more
    (its process was killed, the power went): removed. One whose lock is held is an
    export on its way: left to it. Never raises."""
    if fcntl is None:
        return
    pattern = re.compile(
        re.escape(_temporary_prefix(path))
        + f"[0-9a-f]{{{2 * TOKEN_BYTES}}}"
        + re.escape(PART_SUFFIX)
    )
    try:
        names = [entry.name for entry in os.scandir(path.parent) if pattern.fullmatch(entry.name)]
    except OSError:
        return
    for name in names:
        left = path.with_name(name)
        try:
            descriptor = os.open(left, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:  # one held is on its way; one no longer in place, another's to deal with
            if stat.S_ISREG(os.fstat(descriptor).st_mode) and locked_in_place(descriptor, left):
                left.unlink()
        except OSError:
            pass
        finally:
            os.close(descriptor)


def _held_part(path: Path, read_back: bool = False) -> tuple[Path, BinaryIO]:
    """A new temporary file beside `path`, open for writing (and reading, `read_back`)
    and holding its lock until it is closed (after its rename). Another export of that
    name starting meanwhile may take it away as a killed export's before it is locked:
    it is then made again under another name, never written where no file is."""
    while True:
        temporary = temporary_path(path)
        # 0600 from its first byte, whatever the umask (a file system without
        # permissions, a USB stick's, gives what it gives)
        access = os.O_RDWR if read_back else os.O_WRONLY
        descriptor = open_private(temporary, access | os.O_CREAT | os.O_EXCL)
        out = os.fdopen(descriptor, "w+b" if read_back else "wb")
        try:
            if fcntl is None or locked_in_place(out.fileno(), temporary):
                return temporary, out
        except OSError:  # no locks on this file system: nothing else to do
            return temporary, out
        out.close()


@contextmanager
def _scratch_beside(path: Path) -> Iterator[BinaryIO]:
    """A private file beside `path` for a writer's own use (open to write and read back),
    its name removed at once so that nothing of it stays, whatever happens to the
    process; closed at the end. One whose name cannot be removed is held as a part is
    (a killed export's is taken away by the next one) and removed at the end."""
    temporary, scratch = _held_part(path, read_back=True)
    try:
        temporary.unlink()
        named = False
    except OSError:
        named = True
    try:
        yield scratch
    finally:
        with suppress(OSError):  # what it still buffered is of no use now
            scratch.close()
        if named:
            _remove_part(temporary, path)


FileIdentity = tuple[int, int]  # a file's (st_dev, st_ino)


def _identity(path: Path) -> FileIdentity | None:
    """Which file is at `path` now (a link itself, not what it points at), or None.
    Raises OSError when the name cannot be looked at (too long, no permission)."""
    try:
        status = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return status.st_dev, status.st_ino


def _in_the_way(path: Path) -> FileExistsError:
    return FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def _put_in_place(temporary: Path, path: Path, began_with: FileIdentity | None) -> None:
    """The finished temporary file given the name `path`: replacing the file that was
    there when the export began (the clerk was asked about that one), never one put
    there since. Two exports of one name (two tabs) each said "Exported", the later one
    having replaced, unasked, the file the other had just written. A name that was free
    is taken by a link, which fails when a file is there by now; the temporary name is
    then removed with the rest."""
    found = _identity(path)
    if found is not None:
        if found != began_with:
            raise _in_the_way(path)
        os.replace(temporary, path)  # (a file put there in this instant: replaced)
        return
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise _in_the_way(path) from None
    except OSError:  # a file system without hard links (FAT): renamed, if still free
        if os.path.lexists(path):
            raise _in_the_way(path) from None
        os.replace(temporary, path)
        return
    with suppress(OSError):  # (else a second name of the export: the next one's to take)
        temporary.unlink()


def export_table(
    path: Path,
    table: ExportTable,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Write the table to `path` (.csv or .xlsx). Raises ExportCancelled (also when asked
    once every row is written, before the file takes its name), OSError, or ValueError
    for an extension it does not write; the file is then left untouched."""
    writer_for = WRITERS.get(path.suffix.lower())
    if writer_for is None:
        raise ValueError(f"cannot export to {path.suffix or 'a file without extension'}")
    writer = writer_for(path)
    _take_away_left_parts(path)
    # A name longer than the disk takes raises here (ENAMETOOLONG), before any row is
    # written: found at the rename, it came after every row (a minute for a big workbook).
    began_with = _identity(path)
    temporary, part = _held_part(path)
    try:
        with part as out:
            writer(out, table, progress, cancelled)
            out.flush()
            os.fsync(out.fileno())
            # Cancel pressed after the last row, while the file was finished (a workbook
            # of a million rows is zipped for seconds): nothing takes the name.
            if cancelled is not None and cancelled():
                raise ExportCancelled
            # before the lock goes with the file's closing
            _put_in_place(temporary, path, began_with)
        sync_folder(path.parent)  # "Exported" is said once the name, too, is on the disk
    except BaseException:
        _remove_part(temporary, path)
        raise


def _remove_part(temporary: Path, path: Path) -> None:
    """The part of a cancelled or failed export removed; one that cannot be (its folder
    made read-only while the export ran) emptied instead: it stayed hidden beside the
    file with every row written, while the console said "Nothing was written". (Emptied
    by its name: its descriptor is closed, and what it buffered went with it. Never
    the exported file itself, should the part be another name of it.) Never raises."""
    try:
        temporary.unlink(missing_ok=True)
        return
    except OSError:
        pass
    with suppress(OSError):
        descriptor = os.open(temporary, os.O_WRONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        try:
            held = os.fstat(descriptor)
            if stat.S_ISREG(held.st_mode) and _identity(path) != (held.st_dev, held.st_ino):
                os.ftruncate(descriptor, 0)
        finally:
            os.close(descriptor)
