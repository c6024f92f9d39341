"""A database file found damaged, for the console's store and the practice sandbox alike:
what says so (SQLite's own result code), and moving it aside, never deleting it. No Qt.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from console.private_files import SQLITE_COMPANIONS


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
    """Rename the file and its companions (-wal, -shm, -journal) to `aside_name`, never
    a copy and a delete; where it went."""
    moved_to = aside_name(path)
    os.rename(path, moved_to)
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.rename(companion, moved_to.with_name(moved_to.name + suffix))
    return moved_to
