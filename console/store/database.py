"""The console's database: one SQLite connection, one lock, one set of pragmas, one
schema with a version. Every part of the store (local data, refund journal, audit
log) reads and writes through the one `Database` of the console's file.

Pragmas: WAL (readers never wait for a writer, two consoles can share the file),
synchronous=FULL (a committed row survives a crash or a power cut), a busy
timeout (another console's write is waited for, not failed), foreign keys on.
The file is private (0600, console/private_files.py); a symbolic link or anything
but a regular file in its place (or in its -wal's, -shm's, -journal's) is a file
that cannot be used (READ_ONLY), never followed.

`Database.open` refuses a file it cannot trust, with the reason as a
`DatabaseProblem` of a kind (`CORRUPT`, `WRONG_SCHEMA`, `READ_ONLY`, `LOCKED`):
console/store/opening.py decides what to do about it. A database that may not
be written (`writable` False: a copy in memory of a file that could only be
read) refuses every write with StoreError, so nothing is accepted that would be
lost. No Qt here.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from console.damaged_files import sqlite_code
from console.made_files import alone_in, made_beside, remove_left_companions
from console.private_files import SQLITE_COMPANIONS, check_usable, private_file
from console.store import schema
from console.store.errors import (
    CORRUPT,
    WRONG_SCHEMA,
    DatabaseProblem,
    StoreError,
    StoreReplacedError,
    problem_of,
)
from console.translatable import QT_TRANSLATE_NOOP

BUSY_TIMEOUT_S = 5.0
TIDY_WAIT_S = 0.1  # a write that tidies on the window's thread: given up, not waited for

log = logging.getLogger(__name__)


class Database:
    """Thread-safe: every read and write holds the lock; every write is one transaction."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path | None,
        writable: bool = True,
    ) -> None:
        self._db = connection
        self.path = path  # None in memory
        self.writable = writable
        self._lock = threading.Lock()
        self._closed = False
        self._file_id = _file_id(path) if path is not None and writable else None

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Database:
        """The console's file, made (private) and brought to this schema if needed, and
        proved readable and writable. Raises DatabaseProblem."""
        try:
            check_usable(path, SQLITE_COMPANIONS)
            if not os.path.lexists(path):
                _make_whole(path)
            private_file(path)
            if path.stat().st_size == 0:  # never left so by the console (_make_whole)
                raise DatabaseProblem(
                    CORRUPT, QT_TRANSLATE_NOOP("StoreText", "it is empty, 0 bytes")
                )
            checked = _refuse_damage_unwritten(path)
            connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
            )
        except (OSError, sqlite3.Error, DatabaseProblem) as error:
            raise problem_of(error) from error
        try:
            _configure(connection)
            if not checked:
                _check_integrity(connection)
            schema.prepare(connection)
            _prove_writable(connection)
            private_file(path)  # the -wal and -shm SQLite has just made
        except BaseException as error:
            connection.close()
            raise problem_of(error) from error
        return cls(connection, path)

    @classmethod
    def in_memory(cls, writable: bool = True) -> Database:
        """A database of this schema that lives only as long as the process."""
        connection = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        connection.execute("PRAGMA foreign_keys=ON")
        schema.prepare(connection)
        return cls(connection, None, writable)

    @classmethod
    def copy_for_reading(cls, path: Path) -> Database:
        """A copy in memory of a file that can only be read (read-only, or locked by
        another program): what it holds can be shown, nothing can be written. Raises
        DatabaseProblem when even reading fails."""
        last: BaseException | None = None
        # mode=ro reads the file and its WAL; immutable=1 also reads a file whose WAL
        # cannot be opened (no write access to the folder) or that another holds locked
        for options in ("mode=ro", "immutable=1"):
            try:
                # serialize, not backup(): sqlite3's backup retries a busy file forever
                source = sqlite3.connect(f"{path.as_uri()}?{options}", uri=True, timeout=1.0)
                try:
                    image = source.serialize()
                finally:
                    source.close()
                copy = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
                copy.deserialize(_in_rollback_mode(image))
                _check_integrity(copy)
                schema.check(copy)
            except (sqlite3.Error, DatabaseProblem) as error:
                last = error
                continue
            return cls(copy, path, writable=False)
        assert last is not None
        raise problem_of(last)

    # -- using -----------------------------------------------------------------------

    def read(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one query (none once closed)."""
        with self._lock:
            if self._closed:
                return []
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise StoreError(
                    QT_TRANSLATE_NOOP(
                        "StoreText", "The console's database could not be read ({error})."
                    ),
                    error=error,
                ) from error

    @contextmanager
    def writing(self, wait_s: float = BUSY_TIMEOUT_S) -> Iterator[sqlite3.Connection]:
        """One transaction, committed at the end of the block (rolled back on an error).
        StoreError when the database may not be written or the write fails; IntegrityError
        is let through as it is (a caller may expect it). `wait_s`: how long a file
        another connection is writing is waited for (TIDY: a write the window makes on
        the way, that may well be left for later, does not freeze it)."""
        with self._lock:
            if self._closed:
                raise StoreError(
                    QT_TRANSLATE_NOOP("StoreText", "The console's database is closed.")
                )
            if not self.writable:
                raise StoreError(
                    QT_TRANSLATE_NOOP(
                        "StoreText",
                        "The console's database cannot be written now (see the notice shown "
                        "at start); nothing was recorded.",
                    )
                )
            self._still_in_place()
            try:
                if wait_s != BUSY_TIMEOUT_S:
                    self._db.execute(f"PRAGMA busy_timeout={int(wait_s * 1000)}")
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                finally:
                    if wait_s != BUSY_TIMEOUT_S:
                        self._db.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
            except sqlite3.Error as error:
                raise _write_failed(error) from error
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as error:
                roll_back(self._db)
                if isinstance(error, sqlite3.Error) and not isinstance(
                    error, sqlite3.IntegrityError
                ):
                    raise _write_failed(error) from error
                raise

    def _still_in_place(self) -> None:
        """Before a write, under the lock: the file is still the one opened. Deleted while
        the console ran (a clean-up of the data folder), SQLite would go on writing to it
        unseen and all would go with it at the close: it is put back, whole, from what
        the connection still reads. Replaced (moved aside by another console that found
        it damaged, a backup put back), nothing more is written: StoreError, as no start
        would read what went to the file this one holds."""
        if self._file_id is None or self.path is None:
            return
        try:
            found = _file_id(self.path)
        except OSError as error:  # its folder made unreadable meanwhile, say
            raise StoreError(
                QT_TRANSLATE_NOOP(
                    "StoreText",
                    "The console's database {path} cannot be reached now ({error}); nothing "
                    "was recorded.",
                ),
                path=self.path,
                error=error,
            ) from error
        if found == self._file_id:
            return
        if found is None:
            try:
                self._put_back(self.path)
            except (OSError, sqlite3.Error) as error:
                raise StoreError(
                    QT_TRANSLATE_NOOP(
                        "StoreText",
                        "The console's database {path} was deleted while the console ran and "
                        "could not be made again ({error}); nothing was recorded.",
                    ),
                    path=self.path,
                    error=error,
                ) from error
            return
        raise StoreReplacedError(
            QT_TRANSLATE_NOOP(
                "StoreText",
                "The console's database {path} was replaced by another file while the "
                "console ran; nothing was recorded. Close the console and start it again.",
            ),
            path=self.path,
        )

    def _put_back(self, path: Path) -> None:
        """The database, as this connection holds it, written whole at `path` again and
        used from now on. The deleted file's -wal and -shm, if left at their names, go
        first: SQLite would apply that WAL to the new file, which it damages. Another
        console's put-back or start waits meanwhile (`alone_in`), so that none goes
        with a new file's."""
        with alone_in(path.parent), made_beside(path) as making:
            self._db.execute("VACUUM INTO ?", (str(making),))
            remove_left_companions(path)
        # Closed before the new one opens: at its close SQLite deletes the -wal and -shm
        # by their names, which would then be the new connection's.
        self._db.close()
        self._db = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
        )
        _configure(self._db)
        private_file(path)
        self._file_id = _file_id(path)
        log.warning("the console's database %s was deleted while in use: put back whole", path)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._db.close()


def stored_object(text: str | None) -> dict[str, Any] | None:
    """The JSON object a column holds (a detail's params, a request's `optional`); None
    when it holds none, or text that is not one (not JSON, another kind of value, or
    nested past Python's reader: a damaged or hand-edited file)."""
    if not text:
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _file_id(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode, the link itself if it is one); None
    when there is none."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def _write_failed(error: sqlite3.Error) -> StoreError:
    if sqlite_code(error) == sqlite3.SQLITE_FULL:
        return StoreError(
            QT_TRANSLATE_NOOP(
                "StoreText", "The console's database could not be written: the disk is full."
            )
        )
    return StoreError(
        QT_TRANSLATE_NOOP("StoreText", "The console's database could not be written ({error})."),
        error=error,
    )


def roll_back(connection: sqlite3.Connection) -> None:
    """Roll back the transaction open on this connection, if one still is: SQLite rolls
    it back itself when a statement or COMMIT fails on a full disk, an I/O error or an
    interrupt, and a ROLLBACK then fails and hid the error that mattered."""
    if connection.in_transaction:
        connection.execute("ROLLBACK")


def _make_whole(path: Path) -> None:
    """A new database of this schema at `path`, made under another name and linked into
    place once whole: a crash half-way leaves no empty file, which a later start could
    not tell from one emptied by something else. A file another console put there
    meanwhile is kept (a link never replaces one). Made with the data folder held
    (`alone_in`, by console/store/opening.py)."""
    with made_beside(path) as making:
        connection = sqlite3.connect(making, isolation_level=None)
        try:
            _configure(connection)
            schema.prepare(connection)
        finally:
            connection.close()  # its WAL written into the file, and removed
        remove_left_companions(path)


def _configure(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        raise sqlite3.OperationalError(f"WAL mode refused (journal_mode {mode})")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA trusted_schema=OFF")


def _in_rollback_mode(image: bytes) -> bytes:
    """A database image whose header says WAL mode (bytes 18 and 19 are 2: the
    console's file is), said in rollback mode (1): a database in memory cannot use a
    WAL, and every query of such an image fails ("unable to open database file")."""
    if len(image) < 20 or image[18:20] != b"\x02\x02":
        return image
    return image[:18] + b"\x01\x01" + image[20:]


def _check_integrity(connection: sqlite3.Connection) -> None:
    """quick_check: every page readable and well formed (a few ms on the console's file)."""
    rows = connection.execute("PRAGMA quick_check").fetchall()
    if [tuple(row) for row in rows] != [("ok",)]:
        raise DatabaseProblem(
            CORRUPT,
            QT_TRANSLATE_NOOP("StoreText", "SQLite's check of its pages found: {findings}"),
            findings="; ".join(str(row[0]) for row in rows[:3]),
        )


def _refuse_damage_unwritten(path: Path) -> bool:
    """The file's quick_check and schema, through a connection that may only read:
    DatabaseProblem when it is damaged or not of this console's. Found by a connection
    that may write, the file was changed at its close: SQLite wrote the WAL into the
    damaged file and deleted the WAL, before it was moved aside. Whether it was checked
    (not when it could not be read so: busy, or not readable alone, as a file with a
    rollback journal to undo; the connection that may write checks it then)."""
    try:
        source = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=min(1.0, BUSY_TIMEOUT_S)
        )
    except sqlite3.Error:
        return False
    try:
        _check_integrity(source)
        schema.refuse_foreign(source)
    except (sqlite3.Error, DatabaseProblem) as error:
        problem = problem_of(error)
        if problem.kind in (CORRUPT, WRONG_SCHEMA):
            raise problem from error
        return False
    finally:
        source.close()
    return True


def _prove_writable(connection: sqlite3.Connection) -> None:
    """Take the write lock, write and roll back: fails now when the file (or its folder,
    for the WAL) cannot be written, or another program holds it, rather than at the
    first refund. The write is needed: SQLite opens a file it may not write read-only
    without a word, and gives it the lock all the same when its folder takes the WAL."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        connection.execute(f"PRAGMA user_version = {int(version)}")
    finally:
        connection.execute("ROLLBACK")
