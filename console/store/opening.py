"""Opening the console's database whatever state the file is in: a damaged file
never stops the console, and nothing in it is deleted.

- corrupt, or not of this console's schema: every unresolved refund that can
  still be read is taken out, and every payment's audit row (the one record of a
  payment whose answer never came: console/store/salvage.py); the file (with its
  -wal and -shm) is moved aside beside it, as `console.sqlite3.damaged-<time>`; a
  fresh file holding the refunds, still unresolved, and the payments' rows (so they
  are checked as before), takes its place. A stop at any step of that leaves the
  damaged file in place, or the fresh one ready beside it (put in place at the next
  start), or in place (`_replace_damaged`);
- read-only, or locked by another program: the console works on a copy in
  memory, read only: the unresolved refunds show and are checked, but no
  payment or refund can be made (it could not be written down first) until the
  file is mended and the console started again;
- and if even that fails (no file can be made, or nothing can be read), a
  database in memory that refuses every write. So too for a symbolic link, a
  folder, a device or a pipe in the file's place (or its -wal's, -shm's or
  -journal's): it is never read, written, chmodded or moved aside.

A start no clerk sees (`--exit-when-ready`, `leave_damaged`) neither replaces a damaged
file nor finishes a replacement cut short: it reads what it can, as of a read-only
file, and the next start a clerk sees replaces it and says so.

What was wrong and what was done is an `OpenedStore.problem`, which the window
shows at start. No Qt here.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from console.damaged_files import put_in_place, replace_damaged, replacement_of
from console.made_files import alone_in, remove_left_makings
from console.private_files import SQLITE_COMPANIONS, check_usable, private_folder
from console.store.audit_log import AuditEntry, AuditLog
from console.store.database import Database
from console.store.errors import (
    CORRUPT,
    FOUND,
    LOCKED,
    READ_ONLY,
    WRONG_SCHEMA,
    DatabaseProblem,
)
from console.store.refund_journal import JournalEntry, RefundJournal
from console.store.salvage import payment_rows, unresolved_refunds
from console.translatable import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# What was done about a file that could not be used as it was.
MOVED_ASIDE, READ_ONLY_COPY, IN_MEMORY = "moved_aside", "read_only_copy", "in_memory"


# Why a file that a replacement is ready for is taken for damaged.
_CUT_SHORT = QT_TRANSLATE_NOOP(
    "StoreText", "found so by an earlier start, stopped while replacing it"
)


class StoreProblem(NamedTuple):
    found: DatabaseProblem  # what was found: SQLite's or the system's words, or ours
    path: Path
    action: str  # MOVED_ASIDE, READ_ONLY_COPY or IN_MEMORY
    moved_to: Path | None = None
    refunds_kept: int = 0  # unresolved refunds read from the file and kept
    refunds_lost: bool = False  # the file's journal could not be read at all
    payments_kept: int = 0  # payments of unknown outcome read from its audit log and kept
    payments_lost: bool = False  # the file's audit log could not be read at all

    @property
    def kind(self) -> str:
        """CORRUPT, WRONG_SCHEMA, READ_ONLY or LOCKED: what was found."""
        return self.found.kind

    @property
    def detail(self) -> str:
        """What was found, in English (the log's)."""
        return self.found.detail

    @property
    def writable(self) -> bool:
        return self.action == MOVED_ASIDE


class OpenedStore(NamedTuple):
    database: Database
    problem: StoreProblem | None = None


def open_console_database(path: Path, leave_damaged: bool = False) -> OpenedStore:
    """The console's database at `path`, in whatever state the file is. `leave_damaged`:
    a start no clerk sees (`--exit-when-ready`) neither replaces a damaged file nor
    finishes a replacement cut short, but reads what it can, as of a read-only file,
    so that the next start a clerk sees does it and says so."""
    try:
        private_folder(path.parent)
    except OSError as error:
        log.error("the console's folder %s cannot be made: %s", path.parent, error)
        return _read_only_copy(path, DatabaseProblem(READ_ONLY, FOUND, error=error))
    try:
        with alone_in(path.parent):  # another console starting now opens what this one made
            remove_left_makings(path)
            return _open(path, leave_damaged)
    except TimeoutError as error:
        log.error("the console's database %s cannot be used: %s", path, error)
        kept_busy = QT_TRANSLATE_NOOP(
            "StoreText", "another console kept its folder in use for longer than it waits"
        )
        return _read_only_copy(path, DatabaseProblem(LOCKED, kept_busy))


def _open(path: Path, leave_damaged: bool) -> OpenedStore:
    try:
        if os.path.lexists(replacement_of(path)):
            if leave_damaged:
                log.error(
                    "the replacement of the damaged database %s is left for the next start", path
                )
                return _read_only_copy(path, DatabaseProblem(CORRUPT, _CUT_SHORT))
            return _finish_replacing(path)
        return OpenedStore(Database.open(path))
    except DatabaseProblem as problem:
        log.error("the console's database %s cannot be used: %s", path, problem)
        if problem.kind in (CORRUPT, WRONG_SCHEMA):
            if leave_damaged:
                log.error("the damaged database %s is left for the next start", path)
                return _read_only_copy(path, problem)
            return _replace_damaged(path, problem)
        return _read_only_copy(path, problem)
    except OSError as error:  # the file cannot be made
        log.error("the console's database %s cannot be made: %s", path, error)
        return _read_only_copy(path, DatabaseProblem(READ_ONLY, FOUND, error=error))


def _replace_damaged(path: Path, problem: DatabaseProblem) -> OpenedStore:
    """The damaged file (with its -wal and -shm) moved aside and a new one in its
    place, holding its unresolved refunds and its payments' audit rows, so that a kill
    at any step mixes nothing (`replace_damaged`)."""
    refunds, readable = unresolved_refunds(path)
    payments, payments_readable = payment_rows(path)
    lost = (not readable, not payments_readable)
    try:
        moved_to = replace_damaged(path, _holding(refunds, payments))
        fresh = Database.open(path)
    except (OSError, sqlite3.Error, DatabaseProblem) as error:
        log.error("the damaged database could not be replaced: %s", error)
        return _in_memory(path, problem, refunds, payments, lost)
    kept, awaiting = _kept(fresh)
    log.warning(
        "moved %s aside to %s; %d unresolved refunds and %d payments of unknown outcome kept",
        path,
        moved_to,
        kept,
        awaiting,
    )
    return OpenedStore(
        fresh,
        StoreProblem(problem, path, MOVED_ASIDE, moved_to, kept, lost[0], awaiting, lost[1]),
    )


def _finish_replacing(path: Path) -> OpenedStore:
    """A replacement an earlier start left ready, put in place (what was at `path` moved
    aside first, as it was found damaged then)."""
    ready = replacement_of(path)
    problem = DatabaseProblem(CORRUPT, _CUT_SHORT)
    log.error("the replacement of the damaged database %s was cut short: finished", path)
    try:
        moved_to = put_in_place(path, ready)
        fresh = Database.open(path)
    except (OSError, sqlite3.Error, DatabaseProblem) as error:
        log.error("the damaged database could not be replaced: %s", error)
        refunds, readable = unresolved_refunds(ready)
        payments, payments_readable = payment_rows(ready)
        lost = (not readable, not payments_readable)
        return _in_memory(path, problem, refunds, payments, lost)
    kept, awaiting = _kept(fresh)
    return OpenedStore(
        fresh, StoreProblem(problem, path, MOVED_ASIDE, moved_to, kept, False, awaiting)
    )


def _in_memory(
    path: Path,
    problem: DatabaseProblem,
    refunds: list[JournalEntry],
    payments: list[AuditEntry],
    lost: tuple[bool, bool],
) -> OpenedStore:
    """A store in memory holding the refunds and payments read, refusing every write;
    `lost`: whether the file's refund journal, and its audit log, could not be read."""
    database = Database.in_memory(writable=True)
    _restore(database, refunds, payments)
    kept, awaiting = _kept(database)
    database.writable = False
    refunds_lost, payments_lost = lost
    return OpenedStore(
        database,
        StoreProblem(problem, path, IN_MEMORY, None, kept, refunds_lost, awaiting, payments_lost),
    )


def _holding(refunds: list[JournalEntry], payments: list[AuditEntry]) -> Callable[[Path], None]:
    """What makes a new database holding the refunds and payments, and closes it
    (`replace_damaged`)."""

    def make(making: Path) -> None:
        database = Database.open(making)
        try:
            _restore(database, refunds, payments)
        finally:
            database.close()

    return make


def _restore(database: Database, refunds: list[JournalEntry], payments: list[AuditEntry]) -> None:
    RefundJournal(database).restore(refunds)
    AuditLog(database).restore(payments)


def _kept(database: Database) -> tuple[int, int]:
    """The unresolved refunds a database holds, and the payments whose outcome its audit
    log does not know (those the console checks at start)."""
    log_of = AuditLog(database)
    awaiting = sum(len(log_of.unsettled_payments(profile)) for profile, _ in log_of.profiles())
    return len(RefundJournal(database).unresolved()), awaiting


def _read_only_copy(path: Path, problem: DatabaseProblem) -> OpenedStore:
    try:
        check_usable(path, SQLITE_COMPANIONS)  # never read through a link, nor a device or a pipe
        usable = True
    except OSError:
        usable = False
    if usable and path.exists():
        try:
            copy = Database.copy_for_reading(path)
        except DatabaseProblem as error:
            log.error("the console's database cannot even be read: %s", error)
        else:
            kept = len(RefundJournal(copy).unresolved())
            return OpenedStore(copy, StoreProblem(problem, path, READ_ONLY_COPY, None, kept))
    database = Database.in_memory(writable=False)
    lost = os.path.lexists(path)
    return OpenedStore(database, StoreProblem(problem, path, IN_MEMORY, None, 0, lost, 0, lost))


__all__ = [
    "CORRUPT",
    "IN_MEMORY",
    "LOCKED",
    "MOVED_ASIDE",
    "READ_ONLY",
    "READ_ONLY_COPY",
    "WRONG_SCHEMA",
    "OpenedStore",
    "StoreProblem",
    "open_console_database",
]
