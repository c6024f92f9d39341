"""A practice database found damaged: moved aside, never deleted, so that practice goes on.

The embedded sandbox's database holds practice data only; one that SQLite finds is not
a database, or is malformed, failed the sandbox at every start (three restarts, then
stopped for good) until someone found and deleted the file. It is moved aside, with
its WAL and shared memory, to `<name>.damaged-<time>`, and a new one is made.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def is_damage(error: sqlite3.Error) -> bool:
    """SQLite says the file is not a database, or a malformed one (not: locked, full,
    unwritable, which moving it aside would not mend)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def move_aside(path: Path) -> Path:
    """Move the database (and its -wal and -shm) aside; where it went."""
    moved = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    os.replace(path, moved)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.replace(f"{path}{suffix}", f"{moved}{suffix}")
    return moved
