"""The sandbox's storage: one SQLite file in WAL mode, safe under many threads.

Every thread gets its own connection. Reads need no lock; every write runs in
a `BEGIN IMMEDIATE` transaction, so that two requests that check-then-write
(two refunds of one bill, two payments with one bill_no) are serialized by
SQLite itself, even across processes sharing the file. UNIQUE constraints on
(app_id, bill_no) and (app_id, refund_no) are the last line of defence.

Amounts are INTEGER columns of hundredths; no float ever enters or leaves.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from console.api.channels import channel_matches

BUSY_TIMEOUT_MS = 10_000
MAX_SQL_INT = 2**62  # keeps OFFSET/LIMIT inside SQLite's 64-bit integers

_SCHEMA = """
CREATE TABLE IF NOT EXISTS bills (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    app_id TEXT NOT NULL,
    bill_no TEXT NOT NULL,
    channel TEXT NOT NULL,
    total_fee INTEGER NOT NULL CHECK (typeof(total_fee) = 'integer' AND total_fee > 0),
    currency TEXT,
    title TEXT NOT NULL,
    paid INTEGER NOT NULL DEFAULT 0,
    created_time INTEGER NOT NULL,
    return_url TEXT,
    approval_token TEXT UNIQUE,
    approval_result TEXT,
    UNIQUE (app_id, bill_no)
);
CREATE INDEX IF NOT EXISTS bills_by_time ON bills (app_id, created_time DESC, seq DESC);
-- The return page's lookup: its link names a bill_no, never its app.
CREATE INDEX IF NOT EXISTS paypal_bills_by_no ON bills (bill_no) WHERE approval_token IS NOT NULL;

CREATE TABLE IF NOT EXISTS refunds (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    app_id TEXT NOT NULL,
    refund_no TEXT NOT NULL,
    bill_no TEXT NOT NULL,
    refund_fee INTEGER NOT NULL CHECK (typeof(refund_fee) = 'integer' AND refund_fee > 0),
    finish INTEGER NOT NULL,
    result INTEGER NOT NULL,
    created_time INTEGER NOT NULL,
    UNIQUE (app_id, refund_no),
    FOREIGN KEY (app_id, bill_no) REFERENCES bills (app_id, bill_no)
);
CREATE INDEX IF NOT EXISTS refunds_by_time ON refunds (app_id, created_time DESC, seq DESC);
CREATE INDEX IF NOT EXISTS refunds_by_bill ON refunds (app_id, bill_no);

-- The vault keeps what PayPal's vault shows back: never the number, never the CVV.
CREATE TABLE IF NOT EXISTS cards (
    id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL,
    card_type TEXT NOT NULL,
    last4 TEXT NOT NULL,
    expire_month INTEGER NOT NULL,
    expire_year INTEGER NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    created_time INTEGER NOT NULL
);
"""


def _tables(connection: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table's columns, in order (SQLite's own tables left out)."""
    names = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {
        name: [
            row[0] for row in connection.execute("SELECT name FROM pragma_table_info(?)", (name,))
        ]
        for (name,) in names
    }


@functools.cache
def _own_tables() -> dict[str, list[str]]:
    """The sandbox's tables, as its schema makes them (once, when first compared)."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.executescript(_SCHEMA)
        return _tables(connection)
    finally:
        connection.close()


def foreign_schema(connection: sqlite3.Connection) -> str | None:
    """What makes the file on `connection` not the sandbox's (a table it has not, or
    one of other columns: another program's file, or an older build's), or None: its
    tables are the sandbox's (or it has none yet)."""
    for name, columns in _tables(connection).items():
        if _own_tables().get(name) != columns:
            return f"its table {name} is not the sandbox's"
    return None


_BILL_COLUMNS = (
    "id, app_id, bill_no, channel, total_fee, currency, title, paid, created_time, "
    "return_url, approval_token, approval_result"
)


# What SQLite's refusal (its primary result code) says of the file, in plain words.
_TROUBLES = {
    sqlite3.SQLITE_BUSY: "is locked by another program",
    sqlite3.SQLITE_LOCKED: "is locked by another program",
    sqlite3.SQLITE_FULL: "cannot grow: the disk is full",
    sqlite3.SQLITE_READONLY: "cannot be written (it or its folder is read-only)",
    sqlite3.SQLITE_IOERR: "could not be read or written (a disk error)",
}


REPLACED = "was replaced by another file (or deleted) while the sandbox ran"


class StoreReplaced(Exception):
    """The file at the database's path is no longer the one the sandbox opened (a backup
    put back, a copy from elsewhere, the file deleted): what it wrote would go to a file
    no one sees again, and a connection opened now would read the new file with the old
    one's WAL and write that into it. Nothing is read or written until it starts again."""


def store_trouble(error: BaseException) -> str | None:
    """What a database error says of the file ("is locked by another program"), or None
    when it is no trouble of the file's (a bug)."""
    if isinstance(error, StoreReplaced):
        return REPLACED
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(error, sqlite3.Error) or not isinstance(code, int):
        return None
    return _TROUBLES.get(code & 0xFF)  # an extended code's low byte is its primary one


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Bill:
    app_id: str
    bill_no: str
    channel: str
    total_fee: int
    title: str
    currency: str | None
    paid: bool
    created_time: int
    id: str
    return_url: str | None = None
    approval_token: str | None = None
    approval_result: str | None = None


@dataclass(frozen=True)
class Refund:
    app_id: str
    refund_no: str
    bill_no: str
    refund_fee: int
    finish: bool
    result: bool
    created_time: int
    id: str


@dataclass(frozen=True)
class RefundView:
    """A refund with the bill it belongs to, as the refund query shows it."""

    refund: Refund
    bill: Bill


@dataclass(frozen=True)
class Card:
    id: str
    app_id: str
    card_type: str
    last4: str
    expire_month: int
    expire_year: int
    first_name: str
    last_name: str
    created_time: int


@dataclass(frozen=True)
class RecordFilter:
    """Query filters; every one given must hold (AND). Times are inclusive.

    Times are the creation time of the records listed (a refund's own time for
    refunds); refund_no applies to refunds only and is ignored for bills; `paid`
    (whether the bill was paid) applies to bills only and is ignored for refunds.
    """

    channel: str | None = None
    bill_no: str | None = None
    refund_no: str | None = None
    start_time: int | None = None
    end_time: int | None = None
    paid: bool | None = None


def _bill_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Bill:
    (id_, app_id, bill_no, channel, fee, currency, title, paid, created, url, token, result) = row
    return Bill(
        app_id=app_id,
        bill_no=bill_no,
        channel=channel,
        total_fee=fee,
        title=title,
        currency=currency,
        paid=bool(paid),
        created_time=created,
        id=id_,
        return_url=url,
        approval_token=token,
        approval_result=result,
    )


def _bill_values(bill: Bill) -> tuple[Any, ...]:
    return (
        bill.id,
        bill.app_id,
        bill.bill_no,
        bill.channel,
        bill.total_fee,
        bill.currency,
        bill.title,
        int(bill.paid),
        bill.created_time,
        bill.return_url,
        bill.approval_token,
        bill.approval_result,
    )


def _refund_values(refund: Refund) -> tuple[Any, ...]:
    return (
        refund.id,
        refund.app_id,
        refund.refund_no,
        refund.bill_no,
        refund.refund_fee,
        int(refund.finish),
        int(refund.result),
        refund.created_time,
    )


_INSERT_BILL = f"INSERT INTO bills ({_BILL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_REFUND = (
    "INSERT INTO refunds (id, app_id, refund_no, bill_no, refund_fee, finish, result, "
    "created_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


class Transaction:
    """Reads and writes inside one BEGIN IMMEDIATE transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def find_bill(self, app_id: str, bill_no: str) -> Bill | None:
        row = self._db.execute(
            f"SELECT {_BILL_COLUMNS} FROM bills WHERE app_id = ? AND bill_no = ?",
            (app_id, bill_no),
        ).fetchone()
        return _bill_from_row(row) if row else None

    def find_bill_by_token(self, token: str) -> Bill | None:
        row = self._db.execute(
            f"SELECT {_BILL_COLUMNS} FROM bills WHERE approval_token = ?", (token,)
        ).fetchone()
        return _bill_from_row(row) if row else None

    def insert_bill(self, bill: Bill) -> None:
        self._db.execute(_INSERT_BILL, _bill_values(bill))

    def insert_bills(self, bills: Iterable[Bill]) -> None:
        self._db.executemany(_INSERT_BILL, (_bill_values(bill) for bill in bills))

    def record_approval(self, token: str, result: str, paid: bool) -> None:
        """The payer's decision; only the first one is ever recorded."""
        self._db.execute(
            "UPDATE bills SET approval_result = ?, paid = ? "
            "WHERE approval_token = ? AND approval_result IS NULL",
            (result, int(paid), token),
        )

    def count_app_bills(self, app_id: str) -> int:
        row = self._db.execute("SELECT COUNT(*) FROM bills WHERE app_id = ?", (app_id,)).fetchone()
        return int(row[0])

    def refund_no_taken(self, app_id: str, refund_no: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM refunds WHERE app_id = ? AND refund_no = ?", (app_id, refund_no)
        ).fetchone()
        return row is not None

    def has_standing_refund(self, app_id: str, bill_no: str) -> bool:
        """Whether the bill has a refund in progress or done (a refused one does not count)."""
        row = self._db.execute(
            "SELECT 1 FROM refunds WHERE app_id = ? AND bill_no = ? AND (finish = 0 OR result = 1)",
            (app_id, bill_no),
        ).fetchone()
        return row is not None

    def insert_refund(self, refund: Refund) -> None:
        self._db.execute(_INSERT_REFUND, _refund_values(refund))

    def insert_refunds(self, refunds: Iterable[Refund]) -> None:
        self._db.executemany(_INSERT_REFUND, (_refund_values(refund) for refund in refunds))

    def find_card(self, app_id: str, card_id: str) -> Card | None:
        row = self._db.execute(
            "SELECT id, app_id, card_type, last4, expire_month, expire_year, first_name, "
            "last_name, created_time FROM cards WHERE app_id = ? AND id = ?",
            (app_id, card_id),
        ).fetchone()
        return Card(*row) if row else None

    def insert_card(self, card: Card) -> None:
        self._db.execute(
            "INSERT INTO cards (id, app_id, card_type, last4, expire_month, expire_year, "
            "first_name, last_name, created_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                card.id,
                card.app_id,
                card.card_type,
                card.last4,
                card.expire_month,
                card.expire_year,
                card.first_name,
                card.last_name,
                card.created_time,
            ),
        )


def _where(app_id: str, wanted: RecordFilter, bill: str, own: str) -> tuple[str, list[Any]]:
    """SQL conditions for a filter; `bill` and `own` are the table aliases."""
    clauses = [f"{own}.app_id = ?"]
    values: list[Any] = [app_id]
    if wanted.channel is not None:
        clauses.append(f"channel_matches(?, {bill}.channel)")
        values.append(wanted.channel)
    if wanted.bill_no is not None:
        clauses.append(f"{bill}.bill_no = ?")
        values.append(wanted.bill_no)
    if wanted.refund_no is not None:
        clauses.append(f"{own}.refund_no = ?")
        values.append(wanted.refund_no)
    if wanted.start_time is not None:
        clauses.append(f"{own}.created_time >= ?")
        values.append(wanted.start_time)
    if wanted.end_time is not None:
        clauses.append(f"{own}.created_time <= ?")
        values.append(wanted.end_time)
    if wanted.paid is not None:
        clauses.append(f"{bill}.paid = ?")
        values.append(int(wanted.paid))
    return " AND ".join(clauses), values


def _sql_int(value: int) -> int:
    return min(value, MAX_SQL_INT)


def _file_id(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode, a link itself); None when none."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class Store:
    """The sandbox's data. Thread-safe: one connection per thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False
        self._file_id: tuple[int, int] | None = None
        first = self._connection()
        self._file_id = _file_id(self.path)  # (checked from now on: _connection)
        first.execute("PRAGMA journal_mode = WAL")  # recorded in the file: once is enough
        first.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves
            check_same_thread=False,  # only so close() may close it from another thread
        )
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.create_function("channel_matches", 2, channel_matches, deterministic=True)
        return connection

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, for a read or a write: StoreReplaced when the file
        is no longer the one opened."""
        if self._file_id is not None and _file_id(self.path) != self._file_id:
            raise StoreReplaced(f"{self.path} {REPLACED}")
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            with self._lock:
                if self._closed:
                    raise RuntimeError("the sandbox store is closed")
                connection = self._connect()
                self._connections.append(connection)
            self._local.connection = connection
        return connection

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A write transaction: committed on success, rolled back on any exception."""
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield Transaction(connection)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            self._closed = True
            connections, self._connections = self._connections, []
        for connection in connections:
            connection.close()

    # -- conveniences (tests and the seed make records directly) --------------

    def insert_bill(
        self,
        app_id: str,
        bill_no: str,
        channel: str,
        total_fee: int,
        title: str,
        currency: str | None = None,
        paid: bool = False,
        created_time: int | None = None,
    ) -> Bill:
        bill = Bill(
            app_id=app_id,
            bill_no=bill_no,
            channel=channel,
            total_fee=total_fee,
            title=title,
            currency=currency,
            paid=paid,
            created_time=now_ms() if created_time is None else created_time,
            id=new_id(),
        )
        with self.transaction() as tx:
            tx.insert_bill(bill)
        return bill

    def insert_refund(
        self,
        app_id: str,
        refund_no: str,
        bill_no: str,
        refund_fee: int,
        created_time: int | None = None,
        finish: bool = True,
        result: bool = True,
    ) -> Refund:
        refund = Refund(
            app_id=app_id,
            refund_no=refund_no,
            bill_no=bill_no,
            refund_fee=refund_fee,
            finish=finish,
            result=result,
            created_time=now_ms() if created_time is None else created_time,
            id=new_id(),
        )
        with self.transaction() as tx:
            tx.insert_refund(refund)
        return refund

    def find_bill(self, app_id: str, bill_no: str) -> Bill | None:
        return Transaction(self._connection()).find_bill(app_id, bill_no)

    def find_bill_by_token(self, token: str) -> Bill | None:
        return Transaction(self._connection()).find_bill_by_token(token)

    def approval_results(self, bill_no: str) -> set[str | None]:
        """The payers' decisions (None: not decided) on the PayPal bills of this number,
        in every app: a return link names a bill_no, never its app."""
        rows = self._connection().execute(
            "SELECT DISTINCT approval_result FROM bills"
            " WHERE bill_no = ? AND approval_token IS NOT NULL",
            (bill_no,),
        )
        return {result for (result,) in rows}

    # -- queries ---------------------------------------------------------------

    def list_bills(self, app_id: str, wanted: RecordFilter, skip: int, limit: int) -> list[Bill]:
        where, values = _where(app_id, replace(wanted, refund_no=None), "b", "b")
        columns = ", ".join(f"b.{name.strip()}" for name in _BILL_COLUMNS.split(","))
        rows = self._connection().execute(
            f"SELECT {columns} FROM bills b WHERE {where} "
            "ORDER BY b.created_time DESC, b.seq DESC LIMIT ? OFFSET ?",
            [*values, _sql_int(limit), _sql_int(skip)],
        )
        return [_bill_from_row(row) for row in rows]

    def count_bills(self, app_id: str, wanted: RecordFilter) -> int:
        where, values = _where(app_id, replace(wanted, refund_no=None), "b", "b")
        row = self._connection().execute(f"SELECT COUNT(*) FROM bills b WHERE {where}", values)
        return int(row.fetchone()[0])

    def list_refunds(
        self, app_id: str, wanted: RecordFilter, skip: int, limit: int
    ) -> list[RefundView]:
        where, values = _where(app_id, replace(wanted, paid=None), "b", "r")
        bill_columns = ", ".join(f"b.{name.strip()}" for name in _BILL_COLUMNS.split(","))
        rows = self._connection().execute(
            "SELECT r.app_id, r.refund_no, r.bill_no, r.refund_fee, r.finish, r.result, "
            f"r.created_time, r.id, {bill_columns} "
            "FROM refunds r JOIN bills b ON b.app_id = r.app_id AND b.bill_no = r.bill_no "
            f"WHERE {where} ORDER BY r.created_time DESC, r.seq DESC LIMIT ? OFFSET ?",
            [*values, _sql_int(limit), _sql_int(skip)],
        )
        views = []
        for row in rows:
            app, refund_no, bill_no, fee, finish, result, created, id_ = row[:8]
            refund = Refund(app, refund_no, bill_no, fee, bool(finish), bool(result), created, id_)
            views.append(RefundView(refund=refund, bill=_bill_from_row(row[8:])))
        return views

    def count_refunds(self, app_id: str, wanted: RecordFilter) -> int:
        where, values = _where(app_id, replace(wanted, paid=None), "b", "r")
        row = self._connection().execute(
            "SELECT COUNT(*) FROM refunds r "
            f"JOIN bills b ON b.app_id = r.app_id AND b.bill_no = r.bill_no WHERE {where}",
            values,
        )
        return int(row.fetchone()[0])
