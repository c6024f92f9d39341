"""Opening the console's database whatever state the file is in: a damaged file
never stops the console, and nothing in it is deleted.

- corrupt, or not of this console's schema: every unresolved refund that can
  still be read is taken out; the file (with its -wal and -shm) is moved aside
  beside it, as `console.sqlite3.damaged-<time>`; a fresh file holding the
  refunds, still unresolved (so they are checked as before), takes its place. A stop
  at any step of that leaves the damaged file in place, or the fresh one ready
  beside it (put in place at the next start), or in place (`_replace_damaged`);
- read-only, or locked by another program: the console works on a copy in
  memory, read only: the unresolved refunds show and are checked, but no
  payment or refund can be made (it could not be written down first) until the
  file is mended and the console started again;
- and if even that fails (no file can be made, or nothing can be read), a
  database in memory that refuses every write. So too for a symbolic link, a
  folder, a device or a pipe in the file's place (or its -wal's, -shm's or
  -journal's): it is never read, written, chmodded or moved aside.

What was wrong and what was done is an `OpenedStore.problem`, which the window
shows at start. No Qt here.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from console.damaged_files import put_in_place, replace_damaged, replacement_of
from console.made_files import alone_in, remove_left_makings
from console.private_files import SQLITE_COMPANIONS, check_usable, private_folder
from console.store.database import Database
from console.store.errors import (
    CORRUPT,
    FOUND,
    LOCKED,
    READ_ONLY,
    WRONG_SCHEMA,
    DatabaseProblem,
)
from console.store.refund_journal import UNRESOLVED, JournalEntry, RefundJournal
from console.store.schema import COLUMNS
from console.translatable import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

# What was done about a file that could not be used as it was.
MOVED_ASIDE, READ_ONLY_COPY, IN_MEMORY = "moved_aside", "read_only_copy", "in_memory"


class StoreProblem(NamedTuple):
    found: DatabaseProblem  # what was found: SQLite's or the system's words, or ours
    path: Path
    action: str  # MOVED_ASIDE, READ_ONLY_COPY or IN_MEMORY
    moved_to: Path | None = None
    refunds_kept: int = 0  # unresolved refunds read from the file and kept
    refunds_lost: bool = False  # the file's journal could not be read at all

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


def open_console_database(path: Path) -> OpenedStore:
    """The console's database at `path`, in whatever state the file is."""
    try:
        private_folder(path.parent)
    except OSError as error:
        log.error("the console's folder %s cannot be made: %s", path.parent, error)
        return _read_only_copy(path, DatabaseProblem(READ_ONLY, FOUND, error=error))
    try:
        with alone_in(path.parent):  # another console starting now opens what this one made
            remove_left_makings(path)
            return _open(path)
    except TimeoutError as error:
        log.error("the console's database %s cannot be used: %s", path, error)
        kept_busy = QT_TRANSLATE_NOOP(
            "StoreText", "another console kept its folder in use for longer than it waits"
        )
        return _read_only_copy(path, DatabaseProblem(LOCKED, kept_busy))


def _open(path: Path) -> OpenedStore:
    try:
        if os.path.lexists(replacement_of(path)):
            return _finish_replacing(path)
        return OpenedStore(Database.open(path))
    except DatabaseProblem as problem:
        log.error("the console's database %s cannot be used: %s", path, problem)
        if problem.kind in (CORRUPT, WRONG_SCHEMA):
            return _replace_damaged(path, problem)
        return _read_only_copy(path, problem)
    except OSError as error:  # the file cannot be made
        log.error("the console's database %s cannot be made: %s", path, error)
        return _read_only_copy(path, DatabaseProblem(READ_ONLY, FOUND, error=error))


def _replace_damaged(path: Path, problem: DatabaseProblem) -> OpenedStore:
    """The damaged file (with its -wal and -shm) moved aside and a new one in its
    place, holding its unresolved refunds, so that a kill at any step mixes nothing
    (`replace_damaged`)."""
    refunds, readable = salvage_unresolved_refunds(path)
    try:
        moved_to = replace_damaged(path, _holding(refunds))
        fresh = Database.open(path)
    except (OSError, sqlite3.Error, DatabaseProblem) as error:
        log.error("the damaged database could not be replaced: %s", error)
        return _in_memory(path, problem, refunds, not readable)
    kept = len(RefundJournal(fresh).unresolved())
    log.warning("moved %s aside to %s; %d unresolved refunds kept", path, moved_to, kept)
    return OpenedStore(
        fresh,
        StoreProblem(problem, path, MOVED_ASIDE, moved_to, kept, not readable),
    )


def _finish_replacing(path: Path) -> OpenedStore:
    """A replacement an earlier start left ready, put in place (what was at `path` moved
    aside first, as it was found damaged then)."""
    ready = replacement_of(path)
    problem = DatabaseProblem(
        CORRUPT,
        QT_TRANSLATE_NOOP("StoreText", "found so by an earlier start, stopped while replacing it"),
    )
    log.error("the replacement of the damaged database %s was cut short: finished", path)
    try:
        moved_to = put_in_place(path, ready)
        fresh = Database.open(path)
    except (OSError, sqlite3.Error, DatabaseProblem) as error:
        log.error("the damaged database could not be replaced: %s", error)
        refunds, readable = salvage_unresolved_refunds(ready)
        return _in_memory(path, problem, refunds, not readable)
    kept = len(RefundJournal(fresh).unresolved())
    return OpenedStore(fresh, StoreProblem(problem, path, MOVED_ASIDE, moved_to, kept))


def _in_memory(
    path: Path, problem: DatabaseProblem, refunds: list[JournalEntry], lost: bool
) -> OpenedStore:
    """A store in memory holding the refunds read, refusing every write."""
    database = Database.in_memory(writable=True)
    kept = RefundJournal(database).restore(refunds)
    database.writable = False
    return OpenedStore(database, StoreProblem(problem, path, IN_MEMORY, None, kept, lost))


def _holding(refunds: list[JournalEntry]) -> Callable[[Path], None]:
    """What makes a new database holding the refunds, and closes it (`replace_damaged`)."""

    def make(making: Path) -> None:
        database = Database.open(making)
        try:
            RefundJournal(database).restore(refunds)
        finally:
            database.close()

    return make


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
    return OpenedStore(database, StoreProblem(problem, path, IN_MEMORY, None, 0, lost))


def salvage_unresolved_refunds(path: Path) -> tuple[list[JournalEntry], bool]:
    """The unresolved refunds that can still be read from a damaged file (each row that
    can be read, the others passed over), and whether its journal could be read at all.
    The file is only read: first with its WAL (where the latest refunds may be), then,
    if that fails, the main file alone (immutable)."""
    if not path.exists():
        return [], True
    best: tuple[list[JournalEntry], bool] = ([], False)
    for options in ("mode=ro", "mode=ro&immutable=1"):
        found, readable = _read_unresolved(f"{path.as_uri()}?{options}")
        if readable:
            return found, True
        if len(found) > len(best[0]):
            best = (found, bool(found))
    return best


def _read_unresolved(uri: str) -> tuple[list[JournalEntry], bool]:
    """The unresolved refunds a file's journal still has, and whether it read whole. A
    page that cannot be read stops one pass over the rows: the rows after it are then
    asked for one by one (`_rows_after`), so that only that page's rows are lost."""
    found: list[JournalEntry] = []
    try:
        source = sqlite3.connect(uri, uri=True, timeout=1.0)
    except sqlite3.Error:
        return found, False
    try:
        present = {row[1] for row in source.execute("PRAGMA table_info(refund_journal)")}
        if not {"refund_no", "bill_no", "refund_fee", "profile_id", "state"} <= present:
            return found, False
        wanted = COLUMNS["refund_journal"]
        columns = ", ".join(name if name in present else "NULL" for name in wanted)
        marks = ", ".join("?" for _ in UNRESOLVED)
        select = f"SELECT rowid, {columns} FROM refund_journal WHERE state IN ({marks})"
        last = 0  # the rowid of the last row read
        try:
            for row in source.execute(f"{select} ORDER BY rowid", UNRESOLVED):
                last = row[0]
                found += _entries_from([row[1:]])
            return found, True
        except sqlite3.Error as error:  # a damaged page: the rows after it, one by one
            log.warning("the damaged journal could be read only in part: %s", error)
        found += _entries_from(_rows_after(source, select, last))
        return found, False
    except sqlite3.Error as error:
        log.warning("the damaged journal could not be read: %s", error)
        return found, False
    finally:
        source.close()


# The most rows a salvage asks for one by one past a damaged page (a journal holds one
# row per refund: far fewer; a damaged last rowid could say far more).
_MOST_ROWS_ASKED = 1_000_000


def _rows_after(source: sqlite3.Connection, select: str, after: int) -> list[tuple[object, ...]]:
    """The rows of `select` past the rowid `after`, each asked for by its rowid: a row on
    a page that cannot be read is passed over, not the rows after it."""
    try:
        (highest,) = source.execute("SELECT max(rowid) FROM refund_journal").fetchone()
    except sqlite3.Error:
        return []
    rows: list[tuple[object, ...]] = []
    for rowid in range(after + 1, min(int(highest or 0), after + _MOST_ROWS_ASKED) + 1):
        try:
            row = source.execute(f"{select} AND rowid = ?", (*UNRESOLVED, rowid)).fetchone()
        except sqlite3.Error:
            continue
        if row is not None:
            rows.append(row[1:])
    return rows


def _entries_from(rows: list[tuple[object, ...]]) -> list[JournalEntry]:
    return [entry for entry in map(_entry_from, rows) if entry is not None]


def _entry_from(row: tuple[object, ...]) -> JournalEntry | None:
    """A journal row read from a damaged file, with defaults for what it lacks; None
    for a row too broken to check (no refund number, bill or amount)."""
    values = dict(zip(COLUMNS["refund_journal"], row, strict=True))
    refund_no, bill_no, fee = values["refund_no"], values["bill_no"], values["refund_fee"]
    if not isinstance(refund_no, str) or not isinstance(bill_no, str):
        return None
    if type(fee) is not int or fee <= 0:
        return None
    now = time.time_ns() // 1_000_000
    created = values["created_ms"] if type(values["created_ms"]) is int else now
    return JournalEntry(
        refund_no=refund_no,
        bill_no=bill_no,
        refund_fee=fee,
        currency=values["currency"] if isinstance(values["currency"], str) else None,
        optional_json=(
            values["optional_json"] if isinstance(values["optional_json"], str) else None
        ),
        profile_id=str(values["profile_id"]),
        operator=str(values["operator"] or ""),
        created_ms=created,
        updated_ms=values["updated_ms"] if type(values["updated_ms"]) is int else created,
        state=str(values["state"]),
        detail=str(values["detail"] or ""),
        attempts=values["attempts"] if type(values["attempts"]) is int else 1,
        detail_key=str(values["detail_key"] or ""),
        detail_params=str(values["detail_params"] or ""),
        updated_boot=str(values["updated_boot"] or ""),
        updated_since_boot_ms=(
            values["updated_since_boot_ms"] if type(values["updated_since_boot_ms"]) is int else 0
        ),
    )


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
