"""A database file found damaged, for the console's store and the practice sandbox alike:
what says so (SQLite's own result code), and replacing it by a new one, the damaged one
moved aside, never deleted, so that a kill at any step mixes nothing. No Qt.
"""

from __future__ import annotations

import glob
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from console.made_files import making_name, remove_with_companions
from console.private_files import SQLITE_COMPANIONS, check_usable, open_private, sync_folder


def sqlite_code(error: BaseException) -> int | None:
    """SQLite's primary result code of an error it raised (None: not SQLite's)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(error: BaseException) -> bool:
    """Whether an error met reading or writing a database says the file is damaged:
    SQLite found it malformed or no database (SQLITE_CORRUPT, SQLITE_NOTADB). A busy or
    locked file, a full disk, an I/O error, a file or folder that cannot be read or
    written, a write interrupted, a connection closed are not: the file is kept. An
    error without SQLite's code (raised by Python) is damage when it is a plain
    DatabaseError, as SQLite's malformed files raise."""
    primary = sqlite_code(error)
    if primary is not None:
        return primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.OperationalError | sqlite3.ProgrammingError
    )


def aside_name(path: Path) -> Path:
    """Where a damaged file goes: beside it, named for when (never over another)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    return candidate


def move_aside(path: Path) -> Path:
    """Rename a file that has no companions (the settings) to `aside_name`, never a copy
    and a delete: one rename, which a kill leaves done or not; where it went. It is
    narrowed to 0600 there (it was the console's, and no start narrows it again). A
    database is replaced instead (`replace_damaged`): its -wal must never meet the new
    file."""
    moved_to = aside_name(path)
    os.rename(path, moved_to)
    with suppress(OSError):  # someone else's file: not ours to mend
        os.close(open_private(moved_to, os.O_RDONLY))
    return moved_to


def replacement_of(path: Path) -> Path:
    """Where the new database that replaces a damaged one is made ready before it is put
    in its place: found there at start, the replacement was cut short (the process
    killed, the power gone) and is finished (`put_in_place`)."""
    return path.with_name(f"{path.name}.replacement")


def replace_damaged(path: Path, make: Callable[[Path], None]) -> Path | None:
    """The damaged database at `path` (with its -wal and -shm) moved aside and a new one,
    made by `make(name)` (which closes it), in its place; where the damaged one went.
    Made so that a stop at any moment leaves either the damaged file at `path`, whole
    with its WAL, or the new one; or the new one ready beside it (`replacement_of`),
    which the next start puts in place. The damaged file's WAL never meets the new file
    (SQLite would apply it to it). Raises OSError or sqlite3.Error."""
    make_ready(replacement_of(path), make)
    return put_in_place(path, replacement_of(path))


def make_ready(ready: Path, make: Callable[[Path], None]) -> None:
    """A new database made by `make(name)` under another name and closed (its WAL
    written into it), then given the name `ready`: there, it is whole."""
    check_usable(ready, SQLITE_COMPANIONS)
    making = making_name(ready)
    try:
        make(making)
        if any(os.path.lexists(f"{making}{suffix}") for suffix in SQLITE_COMPANIONS):
            raise OSError(f"{making.name} was not closed whole")
        os.replace(making, ready)
        sync_folder(ready.parent)
    finally:
        remove_with_companions(making)


def put_in_place(path: Path, ready: Path) -> Path | None:
    """The file at `path` and its companions moved aside (to the name that already holds
    it, if an earlier start began), then `ready` renamed to `path`; where it went. The
    file is linked aside first, so that it stays at `path` until `ready` takes its
    place; where no links can be made, its companions go first, then the file."""
    check_usable(ready, SQLITE_COMPANIONS)
    moved_to = None
    if os.path.lexists(path):
        moved_to = _aside_for(path)
        linked = moved_to.exists() and os.path.samefile(path, moved_to)
        if not linked:
            try:
                os.link(path, moved_to, follow_symlinks=False)
                linked = True
            except OSError:
                linked = False
        for suffix in SQLITE_COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if os.path.lexists(companion):
                os.rename(companion, moved_to.with_name(moved_to.name + suffix))
        if not linked:
            os.rename(path, moved_to)
    os.replace(ready, path)
    sync_folder(path.parent)
    return moved_to


def _aside_for(path: Path) -> Path:
    """The name beside `path` that an earlier start linked the file to or moved its
    companions to (a replacement cut short), else a new one (`aside_name`)."""
    prefix = f"{path.name}.damaged-"
    for found in sorted(path.parent.glob(f"{glob.escape(prefix)}*")):
        main = found.name
        for suffix in SQLITE_COMPANIONS:
            main = main.removesuffix(suffix)
        candidate = found.with_name(main)
        if candidate == found:
            if os.path.samefile(path, found):
                return found
        elif not os.path.lexists(candidate):
            return candidate
    return aside_name(path)
