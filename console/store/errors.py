"""What can go wrong with the console's database, in words for the user. No Qt here."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from console.damaged_files import is_damage, sqlite_code
from console.translatable import QT_TRANSLATE_NOOP, Translate

CORRUPT, WRONG_SCHEMA, READ_ONLY, LOCKED = "corrupt", "wrong_schema", "read_only", "locked"

STORE_TEXT = "StoreText"  # the translation context of the store's words for the user

# SQLite's own words for what went wrong, by its primary result code, marked for
# translation: English whatever the console's language ("database is locked" stood in a
# Chinese sentence). SQLITE_ERROR's words name what failed (a table, a column): kept as
# they are, as are the words of an error SQLite did not raise.
SQLITE_WORDS = {
    sqlite3.SQLITE_BUSY: QT_TRANSLATE_NOOP("StoreText", "database is locked"),
    sqlite3.SQLITE_LOCKED: QT_TRANSLATE_NOOP("StoreText", "database table is locked"),
    sqlite3.SQLITE_FULL: QT_TRANSLATE_NOOP("StoreText", "database or disk is full"),
    sqlite3.SQLITE_READONLY: QT_TRANSLATE_NOOP("StoreText", "attempt to write a readonly database"),
    sqlite3.SQLITE_PERM: QT_TRANSLATE_NOOP("StoreText", "access permission denied"),
    sqlite3.SQLITE_AUTH: QT_TRANSLATE_NOOP("StoreText", "authorization denied"),
    sqlite3.SQLITE_IOERR: QT_TRANSLATE_NOOP("StoreText", "disk I/O error"),
    sqlite3.SQLITE_CORRUPT: QT_TRANSLATE_NOOP("StoreText", "database disk image is malformed"),
    sqlite3.SQLITE_NOTADB: QT_TRANSLATE_NOOP("StoreText", "file is not a database"),
    sqlite3.SQLITE_CANTOPEN: QT_TRANSLATE_NOOP("StoreText", "unable to open database file"),
    sqlite3.SQLITE_PROTOCOL: QT_TRANSLATE_NOOP("StoreText", "locking protocol"),
    sqlite3.SQLITE_NOMEM: QT_TRANSLATE_NOOP("StoreText", "out of memory"),
    sqlite3.SQLITE_INTERRUPT: QT_TRANSLATE_NOOP("StoreText", "interrupted"),
    sqlite3.SQLITE_TOOBIG: QT_TRANSLATE_NOOP("StoreText", "string or blob too big"),
    sqlite3.SQLITE_SCHEMA: QT_TRANSLATE_NOOP("StoreText", "database schema has changed"),
}


def sqlite_words(error: BaseException) -> str | None:
    """SQLite's words for an error it raised (or one that keeps its code: HistoryFileError),
    marked for translation in STORE_TEXT; None for any other error."""
    primary = sqlite_code(error)
    return SQLITE_WORDS.get(primary) if primary is not None else None


class SaidError(Exception):
    """An error whose message is for the user: `template`, marked with
    QT_TRANSLATE_NOOP("StoreText", ...), filled with `values`. str() is the English (for
    the log); the GUI says it in the language shown (`said`, given Qt's translate): a
    Chinese window told a full disk in English."""

    def __init__(self, template: str, /, **values: object) -> None:
        super().__init__(template.format(**values) if values else template)
        self.template = template
        self.values = values

    def said(self, translate: Translate, reason: Callable[[BaseException], str]) -> str:
        """The message in the language `translate` gives, each error among its values
        (another SaidError, SQLite's, the system's) said by `reason` (the GUI's)."""
        values = {
            name: reason(value) if isinstance(value, BaseException) else value
            for name, value in self.values.items()
        }
        text = translate(STORE_TEXT, self.template)
        return text.format(**values) if values else text


class StoreError(SaidError):
    """The store could not do what was asked; the message is for the user."""


class MirrorClosed(SaidError, sqlite3.ProgrammingError):
    """A history mirror used once closed (made again after a sync found it damaged, or
    the console closing): a ProgrammingError, as sqlite3 raises for a closed
    connection, said in the language shown."""

    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP("StoreText", "it was closed meanwhile"))


class MirrorReplaced(SaidError, sqlite3.OperationalError):
    """A history mirror's file was made again by another console on the data folder (it
    found it damaged: deleted, with its -wal and -shm, a new one in its place), or
    deleted, while this one had it open: nothing is written to the deleted file, which
    no console would read again (console/gui/history.py opens the new one)."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP("StoreText", "it was made again by another console meanwhile")
        )


class StoreReplacedError(StoreError):
    """The console's database was replaced by another file while the console ran: this
    run writes to it no more (what it wrote would be read by no start)."""


# Why the history mirror could not be written (HistoryFileError.why): another console or
# program was writing it for longer than SQLite waits, the disk is full, the file cannot
# be written, or anything else ("").
HISTORY_BUSY, HISTORY_FULL, HISTORY_READ_ONLY = "busy", "full", "read_only"


class HistoryFileError(Exception):
    """A sync could not read or write the history mirror (a full disk, a file another
    console keeps busy for longer than SQLite waits, damage): the sync stops there and
    the mirror keeps what it had. The message is SQLite's; `why` is HISTORY_BUSY,
    HISTORY_FULL, HISTORY_READ_ONLY or "" (anything else)."""

    def __init__(self, message: str, why: str = "", sqlite_errorcode: int | None = None) -> None:
        super().__init__(message)
        self.why = why
        self.sqlite_errorcode = sqlite_errorcode  # SQLite's, to say its words (sqlite_words)

    @classmethod
    def of(cls, error: BaseException) -> HistoryFileError:
        """The error a sync met reading or writing the mirror, with why, by SQLite's
        result code."""
        primary = sqlite_code(error)
        why = {
            sqlite3.SQLITE_BUSY: HISTORY_BUSY,
            sqlite3.SQLITE_LOCKED: HISTORY_BUSY,
            sqlite3.SQLITE_FULL: HISTORY_FULL,
            sqlite3.SQLITE_READONLY: HISTORY_READ_ONLY,
            sqlite3.SQLITE_PERM: HISTORY_READ_ONLY,
        }.get(primary if primary is not None else -1, "")
        return cls(
            str(error) or type(error).__name__, why, getattr(error, "sqlite_errorcode", None)
        )


FOUND = "{error}"  # a DatabaseProblem's template when what was found is an error


class DatabaseProblem(SaidError):
    """A database file that cannot be used as it is: its `kind`, and what was found (a
    SaidError: SQLite's or the system's words, or the console's own, said in the
    language shown)."""

    def __init__(self, kind: str, template: str, /, **values: object) -> None:
        super().__init__(template, **values)
        self.kind = kind

    @property
    def detail(self) -> str:
        """What was found, in English (for the log, and the notice without a GUI)."""
        return str(self)


def problem_of(error: BaseException) -> DatabaseProblem:
    """What an error met on opening a database file says about the file (what was found:
    the error, said as SQLite's or the system's words)."""
    if isinstance(error, DatabaseProblem):
        return error
    return DatabaseProblem(_kind_of(error), FOUND, error=error)


def _kind_of(error: BaseException) -> str:
    primary = sqlite_code(error)
    if primary is not None and is_damage(error):
        return CORRUPT
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return LOCKED
    if primary in (
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_AUTH,
    ):
        return READ_ONLY
    # A full disk, or an I/O error (its WAL or shared memory could not be made): the
    # file cannot be written, which says nothing of its content. Taken for damage, a
    # sound database was moved aside, and its refunds were no longer checked.
    if primary in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR):
        return READ_ONLY
    if isinstance(error, PermissionError):
        return READ_ONLY
    if isinstance(error, sqlite3.DatabaseError) and "malformed" in str(error):
        return CORRUPT
    return CORRUPT if isinstance(error, sqlite3.DatabaseError) else READ_ONLY
