"""The history mirror: every bill and refund of one profile seen from the server, kept in
a SQLite file of its own, so that the tables and the Overview show them at once and
search all of them, and a sync only fetches the difference (console/store/sync.py).

One file per profile, `<data folder>/mirrors/<profile id>.sqlite3`, private (0600 in a
0700 folder), WAL (the GUI reads while a sync writes; two consoles share it). It holds
what the list API answers, and when each record was last seen: no card data, no
secret. It is a cache: a file that is damaged (SQLite says it is malformed or no
database: SQLITE_CORRUPT, SQLITE_NOTADB), of another schema or of another app id is
deleted and made again, empty (the next sync fills it: console/store/mirror_file.py,
its schema in console/store/mirror_schema.py). Nothing else is damage: a file
another program keeps locked, a full disk, an I/O error, a file or folder that cannot
be read or written is kept as it is; one that cannot be read then gives a mirror in
memory, for this run only (`trouble` says why), and one that can be read but not
written is read as it is (a sync's writes fail). Opening it never fails.

Records are upserted by bill_no / refund_no: a record seen again replaces what the
mirror knew of it (a bill becomes paid, a refund finishes), but a currency once known
is kept when a later answer leaves it out. Each kind has a synced range: every record
created up to `through_ms` was fetched, by a sync whose walk began at `synced_ms`.

Searching: an FTS5 table with the trigram tokenizer over the number(s) and the title
of each record (Chinese included: trigrams need no word breaks), the title with its
full-width ASCII as ASCII (trigram_folding.narrow); console/store/mirror_query.py
reads. No Qt here.
"""

from __future__ import annotations

import contextlib
import json
import logging
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from console.api.errors import RefundBillMismatchError, RefundsExceedBillError
from console.api.models import BillRecord, RefundRecord, now_ms
from console.damaged_files import is_damage
from console.private_files import (
    SQLITE_COMPANIONS,
    check_own_folder,
    check_usable,
    private_file,
    private_folder,
)
from console.store.database import roll_back
from console.store.errors import MirrorClosed, MirrorReplaced
from console.store.local_data import RecordedCurrencies
from console.store.mirror_file import (
    connect,
    connect_reader,
    file_id,
    prepare_file,
    trouble_of,
    writable_now,
)
from console.store.mirror_schema import (
    BILL_DAYS,
    REFUND_DAYS,
    UPSERT_BILL,
    UPSERT_REFUND,
    create,
    zone_glance,
    zone_mark,
)
from console.store.trigram_folding import narrow

log = logging.getLogger(__name__)

INTERRUPT_EVERY_S = 0.05  # closing interrupts a write on another thread until it ends
# A mirror retired (another shown in its place) is closed when its last reader is done,
# or this long after at the latest: a reader that hangs does not keep it for ever.
RETIRE_WITHIN_S = 15 * 60
BILLS, REFUNDS = "bills", "refunds"

# meta: the last currency recorded (its rowid in the console's database) filled in
_CURRENCIES_MARK = "currencies filled through"


class Synced(NamedTuple):
    """How far a kind of record is mirrored: every one created up to `through_ms` was
    fetched; the last sync's walk began at `synced_ms`, the time the history is as of
    (both milliseconds since the epoch)."""

    through_ms: int
    synced_ms: int


@dataclass(frozen=True)
class WalkLeft:
    """How far a walk of everything got before it was cut off (the console closed, the
    network lost): it began at `began` (what it upserted is seen then or later), was to
    list every record created up to `as_of`, and has listed every one created after
    `reached`. The next sync goes on from `reached` (console/store/sync.py)."""

    began: int
    as_of: int
    reached: int


class Mirror:
    """One profile's mirror. Thread-safe: writes go through one connection under a
    lock; readers get connections of their own, one per thread (`reader()` for the
    thread that opens and closes the mirror, the GUI's; `reading()` for any other)."""

    def __init__(self, uri: str, path: Path | None, app_id: str, notice: str = "") -> None:
        self.uri = uri  # what connections open (a shared in-memory database has one too)
        self.path = path  # None: in memory, for this run only
        self.app_id = app_id
        # What opening it had to do, said once in the log and the status bar ("" if
        # nothing): made again because it was damaged, in memory because unwritable...
        self.notice = notice
        # LOCKED, FULL or UNUSABLE: the file could not be used and was kept as it is,
        # this mirror is in memory ("" otherwise)
        self.trouble = ""
        # what SQLite (or the system) raised for it, said in the language shown by the GUI
        self.trouble_error: BaseException | None = None
        self._lock = threading.Lock()  # the writing connection's: held for a whole write
        # the readers' connections and whether it is closed: never held for long, so that
        # no read waits for a write
        self._readers_lock = threading.Lock()
        self._owner = threading.get_ident()  # the thread that opens, reads and closes it
        # the file at `path` as it is opened (looked at before: a file made again between
        # the look and the connection is taken for made again after it, and opened anew)
        self._file = file_id(path) if path is not None else None
        self._writer = connect(uri)
        self._closed = False
        self.damaged = False  # a read or write found the file damaged: make it again
        self._reader: sqlite3.Connection | None = None  # the closing thread's (reader())
        self._reading: set[sqlite3.Connection] = set()  # other threads' (reading())
        self._claims = 0  # readers that are not done with it (`claim()`, `reading()`)
        self._retired = False  # closed once the last of them is (`retire()`)
        self._retire_timer: threading.Timer | None = None  # and this closes it at the latest
        # bill_no -> the currency this console recorded for the bill (given by a sync):
        # what it writes of those bills is in it (`_put`)
        self.recorded_currencies: Mapping[str, str] | None = None
        # the zone as last glanced at by a write (None: never; the first write reads its
        # mark, and so does the opening when the file's is of another zone)
        self._zone_glance: tuple[tuple[int, str], ...] | None = None
        self.days_in_this_zone()

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, app_id: str, remake: str = "") -> Mirror:
        """The mirror in this file, made or made again as needed (always, with the reason,
        when `remake` gives one); in memory when the file cannot be used at all. Never
        raises. The file's pages are not all read at opening (a million bills take a
        second): a page found damaged later marks the mirror `damaged`, and the console
        makes it again (console/gui/history.py). Only damage makes it again: a file that
        cannot be read now (locked, a full disk...) is kept as it is, this run's mirror
        in memory, with its `trouble`."""
        try:
            # the data folder first: one others can write to (a link to /tmp) gets no
            # folder of mirrors made in it
            check_own_folder(path.parent.parent)
            private_folder(path.parent)
            # a link, a folder, a device or a pipe in its place is neither read, deleted
            # nor written: the mirror is kept in memory (UnusableFile)
            check_usable(path, SQLITE_COMPANIONS)
            notice = prepare_file(path, app_id, remake)
            private_file(path)
            mirror = cls(path.as_uri(), path, app_id, notice)
            private_file(path)  # the -wal and -shm just made
        except (OSError, sqlite3.Error) as error:
            if is_damage(error) and not remake:  # a damaged page read at opening
                return cls.open(path, app_id, remake=f"it was damaged ({error})")
            log.warning("the mirror %s cannot be used (%s): kept in memory", path, error)
            mirror = cls.in_memory(app_id, notice=f"cannot be used ({error})")
            mirror.trouble, mirror.trouble_error = trouble_of(error), error
            return mirror
        if notice:
            log.warning("the mirror %s %s", path, notice)
        return mirror

    @classmethod
    def reopen(cls, path: Path, app_id: str) -> Mirror | None:
        """The mirror in this file, if it can be used now: one that could not be at
        opening (locked, a full disk, read-only...), this run's mirror kept in memory
        meanwhile. None, at once, while it still cannot be (a lock is not waited for)."""
        if not writable_now(path):
            return None
        mirror = cls.open(path, app_id)
        if mirror.path is None:  # in memory again
            mirror.close()
            return None
        return mirror

    @classmethod
    def in_memory(cls, app_id: str, notice: str = "") -> Mirror:
        # (not uuid: it imports platform, a few milliseconds of every start)
        uri = f"file:mirror-{secrets.token_hex(16)}?mode=memory&cache=shared"
        connection = connect(uri)
        create(connection, app_id)
        mirror = cls(uri, None, app_id, notice)
        connection.close()
        return mirror

    def reader(self) -> sqlite3.Connection:
        """The connection for reading of the thread that opens and closes the mirror (the
        GUI's): one, made on first use and closed with the mirror. Another thread reads
        through `reading()`."""
        reader = self._reader
        if reader is not None:
            return reader
        with self._readers_lock:
            if self._closed or self._retired:
                raise MirrorClosed
            if self._reader is None:
                self._reader = connect_reader(self.uri)
            return self._reader

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection for reading, for the calling thread, which closes it at the end
        of the block. Closing the mirror meanwhile (from another thread) interrupts what
        it reads (sqlite3.OperationalError) but leaves closing it to its thread: a
        connection closed while another thread runs a query on it crashes the process.
        A mirror retired meanwhile waits for the block's end (`retire()`)."""
        with self.claim():
            connection = connect_reader(self.uri)
            try:
                with self._readers_lock:
                    if self._closed:
                        raise MirrorClosed
                    self._reading.add(connection)
                try:
                    yield connection
                finally:
                    with self._readers_lock:  # not interrupted once closed (close() holds it)
                        self._reading.discard(connection)
            finally:
                connection.close()

    def claim(self) -> Claim:
        """A hold on the mirror for a reader not done with it (an export, from the table's
        snapshot until its file is written): a mirror retired meanwhile is closed only
        once every claim is released (or its time is up). MirrorClosed once closed."""
        with self._readers_lock:
            if self._closed:
                raise MirrorClosed
            self._claims += 1
        return Claim(self)

    def _release(self) -> None:
        with self._readers_lock:
            self._claims -= 1
            last = self._retired and self._claims == 0
        if last:
            self.close()

    def retire(self, within_s: float = RETIRE_WITHIN_S) -> None:
        """No longer the history shown (its file, usable again, is shown in place of this
        one kept in memory): closed once its last reader is done (an export of it, a
        table's read of its ids), at once when none is, and `within_s` from now at the
        latest (a reader still at it is then interrupted, as by close()). Nothing new
        reads it through `reader()` meanwhile; the thread that retires it is the one that
        opened it (its `reader()` connection is closed now)."""
        with self._readers_lock:
            if self._closed or self._retired:
                return
            self._retired = True
            reader, self._reader = self._reader, None
            idle = self._claims == 0
        if reader is not None:
            with contextlib.suppress(sqlite3.Error):
                reader.close()
        if idle:
            self.close()
            return
        timer = self._retire_timer = threading.Timer(within_s, self.close)
        timer.daemon = True
        timer.start()
        log.info("the mirror %s is closed once its readers are done", self.uri)

    @property
    def closed(self) -> bool:
        """Closed: nothing reads or writes it any more (in memory: its records are gone)."""
        return self._closed

    def close(self) -> None:
        """Close it, at once: a write running on another thread (a sync forgetting a
        million rows takes seconds) is interrupted and rolled back; the sync that made
        it fetches it again."""
        timer = self._retire_timer
        if timer is not None:
            timer.cancel()
        while not self._lock.acquire(timeout=INTERRUPT_EVERY_S):
            self.interrupt_write()
        try:
            with self._readers_lock:
                self._close_connections()
        finally:
            self._lock.release()

    def interrupt_write(self) -> None:
        """End the write running on another thread, if any, now (rolled back: its
        records are fetched again by the next sync). The console is closing."""
        with contextlib.suppress(sqlite3.ProgrammingError):  # closed meanwhile
            self._writer.interrupt()

    def _close_connections(self) -> None:
        """Under both locks."""
        if self._closed:
            return
        self._closed = True
        for connection in self._reading:  # closed by their own threads
            connection.interrupt()
        if self._reader is not None:
            with contextlib.suppress(sqlite3.Error):
                self._reader.close()
            self._reader = None
        self._writer.close()

    def days_in_this_zone(self) -> bool:
        """The per-day sums are of local days: made again when the computer's time zone
        is not the one they were made in (about a second for a million bills), at the
        opening and when the zone changed while the console runs. Whether they were."""
        glance, zone = zone_glance(), zone_mark()
        if self._meta("zone") == zone:
            self._zone_glance = glance
            return False
        try:
            with self.writing():  # which makes them again (_sums_in_this_zone)
                pass
        except sqlite3.OperationalError as error:
            if is_damage(error):
                raise
            # a file that cannot be written (or is busy): read as it is, its sums made
            # again at the next opening
            log.warning(
                "the mirror %s keeps its day sums of another time zone (%s)", self.path, error
            )
            return False
        return True

    # -- writing ---------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction on the writing connection, rolled back when anything in it or
        its COMMIT fails (SQLite may leave it open after a failed COMMIT). It begins by
        making the per-day sums of this time zone when they are of another
        (`_sums_in_this_zone`)."""
        with self._lock:
            if self._closed:
                raise MirrorClosed
            if self.replaced():
                raise MirrorReplaced
            try:
                self._writer.execute("BEGIN IMMEDIATE")
                try:
                    glance = self._sums_in_this_zone(self._writer)
                    yield self._writer
                    self._writer.execute("COMMIT")
                    self._zone_glance = glance  # once the sums it found are committed
                except BaseException:
                    roll_back(self._writer)
                    raise
            except sqlite3.DatabaseError as error:
                self.note_damage(error)
                raise

    def _sums_in_this_zone(self, db: sqlite3.Connection) -> tuple[tuple[int, str], ...]:
        """The per-day sums made again, in the transaction begun, when the computer's time
        zone is no longer the one they were made in (meta 'zone'): it changed while the
        console ran (a laptop carried to another zone). The triggers take a record
        written again off its day in the zone of now: a bill found paid after the zone
        changed stayed counted unpaid on the day it was summed on, and paid on another,
        for good once back in the zone the file's mark names. Glanced at first
        (zone_glance), the mark read only when the glance changed; the glance is
        returned, to be kept once the transaction is committed."""
        glance = zone_glance()
        if glance == self._zone_glance:
            return glance
        zone = zone_mark()
        row = db.execute("SELECT value FROM meta WHERE key = 'zone'").fetchone()
        if row is None or row[0] != zone:
            db.execute("DELETE FROM bill_days")
            db.execute("DELETE FROM refund_days")
            db.execute(BILL_DAYS)
            db.execute(REFUND_DAYS)
            _put_meta(db, "zone", zone)
        return glance

    def replaced(self) -> bool:
        """Whether the file at its path is no longer the one it has open: another console
        on the data folder found it damaged and made it again (or it was deleted). Its
        connections still read and write the deleted file, which no console reads again:
        `writing()` refuses (MirrorReplaced), and the console opens the new file
        (console/gui/history.py), as its database does (database.py, `_file_id`). A path
        that cannot be looked at now is taken as the same file (its writes say why)."""
        if self.path is None or self._file is None:
            return False
        try:
            return file_id(self.path) != self._file
        except OSError:
            return False

    def note_damage(self, error: sqlite3.Error) -> None:
        """A file that is not a database, or a malformed one, is damaged (`is_damage`); a
        busy or locked one, a full disk, a write interrupted, a connection closed is not.
        Its readers say so too (a table's search that met a damaged index): the next
        sync makes it again (console/gui/history.py)."""
        if is_damage(error):
            self.damaged = True
            log.warning("the mirror %s is damaged: %s", self.path, error)

    def put_bills(
        self, records: Iterable[BillRecord], seen_ms: int, left: WalkLeft | None = None
    ) -> list[RefundBillMismatchError]:
        """Upsert bills seen at `seen_ms`; with `left`, a walk of everything's page: how
        far it has got, in the same transaction. A bill listed at another amount than
        its refunds kept say it is of is left out, and the one kept of its number
        forgotten: how each disagrees is returned."""
        rows = [
            (
                r.bill_no,
                r.channel,
                r.total_fee,
                r.title,
                _narrow_title(r.title),
                r.paid,
                r.created_time,
                r.currency,
                seen_ms,
            )
            for r in records
        ]
        return self._put(BILLS, UPSERT_BILL, rows, left, [row[0] for row in rows])

    def put_refunds(
        self, records: Iterable[RefundRecord], seen_ms: int, left: WalkLeft | None = None
    ) -> list[RefundBillMismatchError]:
        """As put_bills; a refund listed as made from a bill of another amount than its
        bill kept is left out."""
        rows = [
            (
                r.refund_no,
                r.bill_no,
                r.channel,
                r.total_fee,
                r.refund_fee,
                r.title,
                _narrow_title(r.title),
                r.finished,
                r.succeeded,
                r.created_time,
                r.bill_no,  # a refund is in its bill's currency, whatever the list says
                r.currency,  # (its own only while the bill's is not known)
                seen_ms,
            )
            for r in records
        ]
        return self._put(REFUNDS, UPSERT_REFUND, rows, left, [row[1] for row in rows])

    def _put(
        self,
        kind: str,
        upsert: str,
        rows: Sequence[tuple[object, ...]],
        left: WalkLeft | None,
        bill_nos: list[object],
    ) -> list[RefundBillMismatchError]:
        """Upsert the rows (each record's number first), but those after which a
        refund and its bill would disagree on the bill's amount: those are left out, and
        the record kept before of their number forgotten (one of the two answers lies, no
        answer says which); so are, for a bill, the refunds of it kept, which were never
        checked against it. Each is noted as left out (`left_out_numbers`); the others
        are no longer. Returns how each record of the rows left out disagreed."""
        with self.writing() as db:
            db.executemany(upsert, rows)
            if self.recorded_currencies is not None:
                _fill(db, _recorded_of(self.recorded_currencies, bill_nos))
            mismatches = _mismatches(db, bill_nos)
            if kind == REFUNDS:
                mismatches += _over_refunded(db, bill_nos)
            db.execute(
                "DELETE FROM left_out "
                "WHERE kind = ? AND number IN (SELECT value FROM json_each(?))",
                (_table(kind), json.dumps([row[0] for row in rows])),
            )
            left_out = _leave_out(db, kind, mismatches)
            if left is not None:
                db.execute(
                    "INSERT OR REPLACE INTO walks (kind, began, as_of, reached) "
                    "VALUES (?, ?, ?, ?)",
                    (_table(kind), left.began, left.as_of, left.reached),
                )
        return left_out

    def keep(self, records: Sequence[BillRecord | RefundRecord]) -> list[RefundBillMismatchError]:
        """Records fetched outside a sync (a look-up by number, a bill's refunds), as
        seen now; how those left out disagree with the history (put_bills)."""
        seen_ms = now_ms()
        bills = [record for record in records if isinstance(record, BillRecord)]
        refunds = [record for record in records if isinstance(record, RefundRecord)]
        left_out = self.put_bills(bills, seen_ms) if bills else []
        if refunds:
            left_out += self.put_refunds(refunds, seen_ms)
        return left_out

    def fill_currencies(self, currencies: Mapping[str, str]) -> None:
        """Bills this console made, and their refunds, in the currency the console
        recorded when it made them (bill_no -> currency): where the server's list leaves
        it out, and where it gives another (a lie, which a list without currency, as
        BeeCloud's are, would never mend). Of a console's record (`RecordedCurrencies`),
        only those recorded since the last fill: what a sync writes is filled as it is
        written (`recorded_currencies`)."""
        if isinstance(currencies, RecordedCurrencies):
            mark = int(self._meta(_CURRENCIES_MARK) or 0)
            rows, after = currencies.recorded_after(mark)
        else:
            rows, after = list(currencies.items()), None
        if not rows:
            return
        with self.writing() as db:
            _fill(db, rows)
            if after is not None:
                _put_meta(db, _CURRENCIES_MARK, str(after))

    def forget_unseen(self, kind: str, start_ms: int, end_ms: int, seen_before_ms: int) -> int:
        """Records of the range [start_ms, end_ms] not seen since `seen_before_ms`: a
        complete walk of that range did not list them, so the server has them no more
        (a sandbox reset, another app id). Returns how many were removed."""
        table = _table(kind)
        with self.writing() as db:
            cursor = db.execute(
                f"DELETE FROM {table} WHERE created_time BETWEEN ? AND ? AND seen_ms < ?",
                (start_ms, end_ms, seen_before_ms),
            )
            return cursor.rowcount

    def forget(self, kind: str, number: str) -> int:
        """The record of this bill_no or refund_no, which the server listed as two
        different records: neither is true for sure. Returns how many were removed."""
        column = "bill_no" if _table(kind) == BILLS else "refund_no"
        with self.writing() as db:
            return db.execute(f"DELETE FROM {kind} WHERE {column} = ?", (number,)).rowcount

    def mark_synced(self, kind: str, through_ms: int, synced_ms: int) -> None:
        """Every record of `kind` created up to `through_ms` is in the mirror as of
        `synced_ms`. The range never moves back: another console may have synced
        further. `synced_ms` is when the last sync's walk began (a record made later
        may be missing: it was made on a page already read), the time the history is
        as of, even when that is earlier than the one before (this computer's clock set
        back)."""
        _table(kind)
        with self.writing() as db:
            db.execute(
                "INSERT INTO synced (kind, through_ms, synced_ms) VALUES (?, ?, ?) "
                "ON CONFLICT (kind) DO UPDATE SET "
                "through_ms = max(through_ms, excluded.through_ms), "
                "synced_ms = excluded.synced_ms",
                (kind, through_ms, synced_ms),
            )

    def mark_repaired(self, kind: str, when_ms: int) -> None:
        """`kind` was walked again whole at `when_ms` because the counts disagreed."""
        with self.writing() as db:
            _put_meta(db, f"repaired:{_table(kind)}", str(when_ms))

    def repaired_ms(self, kind: str) -> int | None:
        """When `kind` was last walked again whole because the counts disagreed."""
        value = self._meta(f"repaired:{_table(kind)}")
        return int(value) if value is not None and value.lstrip("-").isdigit() else None

    def walk_left(self, kind: str) -> WalkLeft | None:
        """How far the kind's walk of everything got before it was cut off, if it was."""
        rows = self._read("SELECT began, as_of, reached FROM walks WHERE kind = ?", (_table(kind),))
        if not rows or not all(isinstance(value, int) for value in rows[0]):
            return None
        began, as_of, reached = (int(str(value)) for value in rows[0])
        return WalkLeft(began, as_of, reached) if reached <= as_of else None

    def forget_walk(self, kind: str) -> None:
        """The kind's walk of everything ended, or cannot be gone on with."""
        with self.writing() as db:
            db.execute("DELETE FROM walks WHERE kind = ?", (_table(kind),))

    def clear(self) -> None:
        """Forget everything (a full sync fills it again)."""
        with self.writing() as db:
            for table in ("bills", "refunds", "synced", "walks", "left_out"):
                db.execute(f"DELETE FROM {table}")

    # -- records left out ------------------------------------------------------------

    def leave_out(self, kind: str, number: str, created_time: int | None) -> None:
        """The record of this number was listed in a way that cannot be true: the one
        kept of it is forgotten, and it is noted as left out, to be asked for again."""
        table = _table(kind)
        column = "bill_no" if table == BILLS else "refund_no"
        with self.writing() as db:
            db.execute(f"DELETE FROM {table} WHERE {column} = ?", (number,))
            db.execute(
                "INSERT OR REPLACE INTO left_out (kind, number, created_time) VALUES (?, ?, ?)",
                (table, number, created_time),
            )

    def left_out_numbers(self, kind: str, limit: int) -> list[str]:
        """The numbers of the records of `kind` left out, newest first, `limit` at most."""
        rows = self._read(
            "SELECT number FROM left_out WHERE kind = ? "
            "ORDER BY created_time IS NULL, created_time DESC, number LIMIT ?",
            (_table(kind), limit),
        )
        return [str(row[0]) for row in rows]

    def count_left_out(self, kind: str, end_ms: int | None = None) -> int:
        """How many records of `kind` are left out (made up to `end_ms`, when given)."""
        rows = self._read(
            "SELECT count(*) FROM left_out WHERE kind = ? AND (? IS NULL OR created_time <= ?)",
            (_table(kind), end_ms, end_ms),
        )
        return int(str(rows[0][0]))

    def drop_left_out(self, kind: str, number: str) -> None:
        """The server lists no record of this number any more: nothing is left out."""
        with self.writing() as db:
            db.execute("DELETE FROM left_out WHERE kind = ? AND number = ?", (_table(kind), number))

    # -- reading for the sync and the status bar -------------------------------------

    def _read(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """A sync reads on the writing connection, under its lock: what it wrote. The
        thread that opened the mirror (the GUI's, asking how many and synced when at
        every page a sync brings) reads on its own connection instead: what was last
        committed, at once, where the lock may be held for seconds (a million rows
        forgotten). Not in memory: there a write locks the tables from other
        connections, so that thread waits for the lock too."""
        if self.path is not None and threading.get_ident() == self._owner:
            return self._read_on(self.reader(), sql, params)
        with self._lock:
            return self._read_on(self._writer, sql, params)

    def _read_on(
        self, db: sqlite3.Connection, sql: str, params: tuple[object, ...]
    ) -> list[tuple[object, ...]]:
        try:
            return db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            self.note_damage(error)
            raise

    def _meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        value = rows[0][0] if rows else None
        return value if isinstance(value, str) else None

    def synced(self, kind: str) -> Synced | None:
        rows = self._read("SELECT through_ms, synced_ms FROM synced WHERE kind = ?", (kind,))
        if not rows:
            return None
        through, synced = rows[0]
        assert isinstance(through, int) and isinstance(synced, int)
        return Synced(through, synced)

    def count(
        self,
        kind: str,
        start_ms: int | None = None,
        end_ms: int | None = None,
        paid: bool | None = None,
    ) -> int:
        """How many records of `kind` the mirror holds, created in [start_ms, end_ms];
        with `paid`, only the bills paid (True) or unpaid (False)."""
        table = _table(kind)
        if start_ms is None and end_ms is None and paid is None:
            rows = self._read(f"SELECT count(*) FROM {table}")
        else:
            paying = "" if paid is None else f" AND paid = {int(paid)}"
            rows = self._read(
                f"SELECT count(*) FROM {table} WHERE created_time BETWEEN ? AND ?{paying}",
                (
                    start_ms if start_ms is not None else -(2**62),
                    end_ms if end_ms is not None else 2**62,
                ),
            )
        value = rows[0][0]
        assert isinstance(value, int)
        return value

    def is_empty(self) -> bool:
        """Whether it holds no bill and no refund (answered at once, whatever its size)."""
        rows = self._read(
            "SELECT NOT EXISTS (SELECT 1 FROM bills) AND NOT EXISTS (SELECT 1 FROM refunds)"
        )
        return bool(rows[0][0])

    def oldest_unpaid_since(self, since_ms: int) -> int | None:
        """The creation time of the oldest unpaid bill created at `since_ms` or later."""
        rows = self._read(
            "SELECT min(created_time) FROM bills WHERE paid = 0 AND created_time >= ?",
            (since_ms,),
        )
        value = rows[0][0]
        return value if isinstance(value, int) else None

    def unfinished_refunds(
        self, since_ms: int, before_ms: int, limit: int, now_ms: int
    ) -> list[str]:
        """The refund_no of the refunds not yet final made from `since_ms` to just before
        `before_ms`, at most `limit`: those seen or asked for (`asked_for`) the longest
        ago first, so that the next sync asks for others, found or not; the newest first
        among those seen at once. A time after `now_ms` (a clock that was fast, set
        right since) counts as long ago: it kept the turns as they stood, the same
        refunds asked for at every sync until the clock caught up."""
        rows = self._read(
            "SELECT refund_no FROM refunds WHERE finished = 0 AND created_time >= ? "
            "AND created_time < ? ORDER BY max(iif(seen_ms > ?, 0, seen_ms), "
            "iif(asked_ms > ?, 0, asked_ms)), created_time DESC LIMIT ?",
            (since_ms, before_ms, now_ms, now_ms, limit),
        )
        return [str(number) for (number,) in rows]

    def asked_for(self, refund_nos: Sequence[str], when_ms: int) -> None:
        """The refunds of these numbers were asked for by number at `when_ms`, whatever
        the answer (one the server no longer finds is never seen again: asked for first
        at every sync, it kept the others from their turn). Not seen: `seen_ms` says
        what a walk listed, for forget_unseen. The last time asked, even when earlier
        than the one before (the clock set back)."""
        if not refund_nos:
            return
        with self.writing() as db:
            db.execute(
                "UPDATE refunds SET asked_ms = ? "
                "WHERE refund_no IN (SELECT value FROM json_each(?))",
                (when_ms, json.dumps(list(refund_nos))),
            )

    def bills(self) -> list[BillRecord]:
        """Every bill, newest first (for tests and small mirrors)."""
        rows = self._read(
            "SELECT bill_no, total_fee, channel, title, paid, created_time, currency "
            "FROM bills ORDER BY created_time DESC, id DESC"
        )
        return [
            BillRecord(str(n), int(str(f)), str(c), str(t), bool(p), int(str(ct)), _opt(cu))
            for n, f, c, t, p, ct, cu in rows
        ]

    def refunds(self) -> list[RefundRecord]:
        """Every refund, newest first (for tests and small mirrors)."""
        rows = self._read(
            "SELECT bill_no, refund_no, total_fee, refund_fee, title, channel, finished, "
            "succeeded, created_time, currency FROM refunds ORDER BY created_time DESC, id DESC"
        )
        return [
            RefundRecord(
                str(b),
                str(n),
                int(str(f)),
                int(str(rf)),
                str(t),
                str(c),
                bool(fi),
                bool(s),
                int(str(ct)),
                _opt(cu),
            )
            for b, n, f, rf, t, c, fi, s, ct, cu in rows
        ]


class Claim:
    """A reader's hold on a mirror (Mirror.claim): released once, by `release()` or at
    the end of a `with` block; released again, nothing happens."""

    def __init__(self, mirror: Mirror) -> None:
        self._mirror: Mirror | None = mirror
        self._lock = threading.Lock()

    def release(self) -> None:
        with self._lock:
            mirror, self._mirror = self._mirror, None
        if mirror is not None:
            mirror._release()

    def __enter__(self) -> Claim:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _recorded_of(currencies: Mapping[str, str], bill_nos: list[object]) -> list[tuple[str, str]]:
    """The currencies recorded for these bills (bill_no, currency), those with one."""
    numbers = [str(number) for number in dict.fromkeys(bill_nos)]
    if isinstance(currencies, RecordedCurrencies):
        return currencies.of(numbers)  # in one look-up
    return [(number, found) for number in numbers if (found := currencies.get(number))]


def _fill(db: sqlite3.Connection, currencies: list[tuple[str, str]]) -> None:
    """Bills and their refunds in these currencies (bill_no, currency)."""
    rows = [(currency, bill_no, currency) for bill_no, currency in currencies]
    for table in ("bills", "refunds"):
        db.executemany(
            f"UPDATE {table} SET currency = ? WHERE bill_no = ? AND currency IS NOT ?", rows
        )


def _put_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _narrow_title(title: str) -> str | None:
    """The title as the search sees it (`narrow`), when that is not the title itself."""
    narrowed = narrow(title)
    return None if narrowed == title else narrowed


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _mismatches(db: sqlite3.Connection, bill_nos: list[object]) -> list[RefundBillMismatchError]:
    """The refunds of these bills kept as made from a bill of another amount than the
    bill is kept at: kept, the Bills row said more refunded than paid, and the
    Overview's net went below what was ever paid."""
    found = db.execute(
        "SELECT r.refund_no, r.bill_no, r.total_fee, b.total_fee, b.currency "
        "FROM refunds r JOIN bills b ON b.bill_no = r.bill_no "
        "WHERE r.bill_no IN (SELECT value FROM json_each(?)) AND r.total_fee != b.total_fee "
        "ORDER BY r.bill_no, r.refund_no",
        (json.dumps(bill_nos),),
    ).fetchall()
    return [RefundBillMismatchError(*row) for row in found]


def _over_refunded(db: sqlite3.Connection, bill_nos: list[object]) -> list[RefundsExceedBillError]:
    """The successful refunds of these bills, of each bill whose successful refunds
    together refund more than it (the bill kept, else what its refunds say it is of):
    each alone can be true, not all of them, and no answer says which lies. Kept, the
    Overview counted the bill's money back more than once (a net below nothing from one
    payment), and the sync called the history complete."""
    found = db.execute(
        "WITH over AS (SELECT r.bill_no, sum(r.refund_fee) AS refunds_sum, "
        "coalesce(b.total_fee, min(r.total_fee)) AS bill_fee, "
        "coalesce(b.currency, max(r.currency)) AS bill_currency "
        "FROM refunds r LEFT JOIN bills b ON b.bill_no = r.bill_no "
        "WHERE r.bill_no IN (SELECT value FROM json_each(?)) AND r.finished AND r.succeeded "
        "GROUP BY r.bill_no HAVING sum(r.refund_fee) > coalesce(b.total_fee, min(r.total_fee))) "
        "SELECT r.refund_no, r.bill_no, over.refunds_sum, over.bill_fee, over.bill_currency "
        "FROM refunds r JOIN over ON over.bill_no = r.bill_no "
        "WHERE r.finished AND r.succeeded ORDER BY r.bill_no, r.refund_no",
        (json.dumps(bill_nos),),
    ).fetchall()
    return [RefundsExceedBillError(*row) for row in found]


def _leave_out(
    db: sqlite3.Connection, kind: str, mismatches: list[RefundBillMismatchError]
) -> list[RefundBillMismatchError]:
    """Delete the records just written that disagree (`mismatches`): the refunds of a
    page of refunds; the bills of a page of bills, and the refunds of them. Each is
    noted as left out. One mismatch per record of the page deleted."""
    by_number: dict[str, RefundBillMismatchError] = {}
    for mismatch in mismatches:
        by_number.setdefault(mismatch.bill_no if kind == BILLS else mismatch.refund_no, mismatch)
    refunds = [(mismatch.refund_no,) for mismatch in mismatches]
    db.executemany(
        "INSERT OR REPLACE INTO left_out (kind, number, created_time) "
        "SELECT 'refunds', refund_no, created_time FROM refunds WHERE refund_no = ?",
        refunds,
    )
    db.executemany("DELETE FROM refunds WHERE refund_no = ?", refunds)
    if kind == BILLS:
        bills = [(number,) for number in by_number]
        db.executemany(
            "INSERT OR REPLACE INTO left_out (kind, number, created_time) "
            "SELECT 'bills', bill_no, created_time FROM bills WHERE bill_no = ?",
            bills,
        )
        db.executemany("DELETE FROM bills WHERE bill_no = ?", bills)
    return list(by_number.values())


def _table(kind: str) -> str:
    if kind not in (BILLS, REFUNDS):
        raise ValueError(f"no such kind of record: {kind!r}")
    return kind
