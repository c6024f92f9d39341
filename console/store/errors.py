"""What can go wrong with the console's database, in words for the user. No Qt here."""

from __future__ import annotations

import sqlite3

CORRUPT, WRONG_SCHEMA, READ_ONLY, LOCKED = "corrupt", "wrong_schema", "read_only", "locked"

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_CANTOPEN = 5, 6, 8, 14
_SQLITE_CORRUPT, _SQLITE_NOTADB, _SQLITE_PERM, _SQLITE_AUTH = 11, 26, 3, 23
_SQLITE_IOERR, _SQLITE_FULL = 10, 13


class StoreError(Exception):
    """The store could not do what was asked; the message is for the user."""


class HistoryFileError(Exception):
    """A sync could not read or write the history mirror (a full disk, a file another
    console keeps busy for longer than SQLite waits, damage): the sync stops there and
    the mirror keeps what it had. The message is SQLite's."""


class DatabaseProblem(Exception):
    """A database file that cannot be used as it is: its `kind`, and SQLite's words."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


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
        return primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    return isinstance(error, sqlite3.DatabaseError) and not isinstance(
        error, sqlite3.OperationalError | sqlite3.ProgrammingError
    )


def problem_of(error: BaseException) -> DatabaseProblem:
    """What an error met on opening a database file says about the file."""
    if isinstance(error, DatabaseProblem):
        return error
    primary = sqlite_code(error)
    detail = str(error) or type(error).__name__
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DatabaseProblem(CORRUPT, detail)
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseProblem(LOCKED, detail)
    if primary in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_PERM, _SQLITE_AUTH):
        return DatabaseProblem(READ_ONLY, detail)
    # A full disk, or an I/O error (its WAL or shared memory could not be made): the
    # file cannot be written, which says nothing of its content. Taken for damage, a
    # sound database was moved aside, and its refunds were no longer checked.
    if primary in (_SQLITE_FULL, _SQLITE_IOERR):
        return DatabaseProblem(READ_ONLY, detail)
    if isinstance(error, PermissionError):
        return DatabaseProblem(READ_ONLY, detail)
    if isinstance(error, sqlite3.DatabaseError) and "malformed" in detail:
        return DatabaseProblem(CORRUPT, detail)
    return DatabaseProblem(
        CORRUPT if isinstance(error, sqlite3.DatabaseError) else READ_ONLY, detail
    )
