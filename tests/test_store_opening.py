"""Opening the console's database whatever state its file is in (console/store):
a fresh file is private and of schema version 1; a corrupt or foreign file is moved
aside, never deleted, and its unresolved refunds are kept; a read-only or locked
file is read, not written; nothing stops the console."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from console.api.validate import china_today
from console.store import ConsoleStore, StoreError, database, schema
from console.store import audit_log as audit
from console.store.database import Database
from console.store.errors import CORRUPT, LOCKED, READ_ONLY, WRONG_SCHEMA, DatabaseProblem
from console.store.opening import IN_MEMORY, MOVED_ASIDE, READ_ONLY_COPY
from console.store.refund_journal import DONE, SENDING, UNKNOWN, JournalError, RefundJournal
from console.store.schema import APPLICATION_ID, SCHEMA_VERSION
from tests.file_damage import (
    cannot_write,
    checkpointed,
    folder_in_place_of,
    folder_left_alone,
    killed_before_nth_move,
    link_to_elsewhere,
    overwrite,
    shared_folder,
    untouched,
)

ROOT = Path(__file__).resolve().parents[1]
COMPANIONS = ("-wal", "-shm", "-journal")
PROFILE = "shop"


def refund_no(serial: str) -> str:
    return china_today() + serial


def journal_with_refunds(path: Path, audit_rows: int = 0) -> dict[str, str]:
    """A console database holding refunds in several states (and audit rows after them,
    which fill the later pages); the refunds' states."""
    store = ConsoleStore.open(path.parent)
    journal = store.journal
    states = {}
    for serial, state in (("001", SENDING), ("002", UNKNOWN), ("003", DONE), ("004", SENDING)):
        number = refund_no(serial)
        journal.record_sending(number, f"BC00000000{serial}", 1000 + int(serial), "USD", PROFILE)
        if state == UNKNOWN:
            journal.mark_unknown(number, "no answer")
        elif state == DONE:
            journal.mark_done(number, "made")
        states[number] = state
    for row in range(audit_rows):
        store.audit_log.append(
            profile_id=PROFILE,
            profile_name="Shop",
            action="payment",
            subject=f"BC{row:020d}",
            result="ok",
            detail="x" * 200,
        )
    store.close()
    return states


def unresolved(states: dict[str, str]) -> set[str]:
    return {number for number, state in states.items() if state != DONE}


def aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


def test_a_new_database_is_private_and_of_the_first_schema(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    old_umask = os.umask(0o022)
    try:
        store = ConsoleStore.open(folder)
    finally:
        os.umask(old_umask)
    try:
        assert store.problem is None and store.writable
        store.local.remember_currency(PROFILE, "BC0000000001", "EUR")
    finally:
        store.close()
    path = folder / "console.sqlite3"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in folder.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()


def test_a_new_file_appears_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new database is made under another name and put in place once its schema is
    in: a start that fails (or a crash) half-way leaves no empty file behind, which the
    next start could not tell from one emptied by something else."""

    def fail(connection: sqlite3.Connection) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(schema, "prepare", fail)
    with pytest.raises(DatabaseProblem):
        Database.open(tmp_path / "console.sqlite3")
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.undo()
    again = ConsoleStore.open(tmp_path)
    assert again.problem is None and again.writable
    again.close()


def test_a_new_files_name_is_flushed_to_the_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once linked into place, the folder is synced: a power cut soon after could
    otherwise leave the start's new database (with what it was given) without a name."""
    synced: list[Path] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            synced.append(Path(os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    ConsoleStore.open(tmp_path).close()
    assert tmp_path in synced


def test_a_new_file_is_made_where_files_cannot_be_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    store = ConsoleStore.open(tmp_path)
    try:
        assert store.problem is None and store.writable
    finally:
        store.close()
    assert [p.name for p in tmp_path.iterdir()] == ["console.sqlite3"]


def test_an_emptied_file_is_said_and_moved_aside(tmp_path: Path) -> None:
    """A file of 0 bytes is never one the console left (see above): something emptied
    it, and the audit log and refund journal it held are gone. That is said at start,
    as for any damage, not started on silently."""
    journal_with_refunds(tmp_path / "console.sqlite3")
    path = tmp_path / "console.sqlite3"
    path.write_bytes(b"")
    store = ConsoleStore.open(tmp_path)
    try:
        problem = store.problem
        assert problem is not None
        assert (problem.kind, problem.action) == (CORRUPT, MOVED_ASIDE)
        assert "empty" in problem.detail
        assert store.writable
    finally:
        store.close()
    assert len(aside(path)) == 1


def test_an_existing_file_left_open_to_others_is_made_private(tmp_path: Path) -> None:
    ConsoleStore.open(tmp_path).close()
    path = tmp_path / "console.sqlite3"
    path.chmod(0o644)
    tmp_path.chmod(0o755)
    ConsoleStore.open(tmp_path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_new_one_started(
    tmp_path: Path,
) -> None:
    path = tmp_path / "console.sqlite3"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    store = ConsoleStore.open(tmp_path)
    try:
        problem = store.problem
        assert problem is not None
        assert (problem.kind, problem.action) == (CORRUPT, MOVED_ASIDE)
        assert problem.moved_to is not None and aside(path) == [problem.moved_to]
        assert problem.moved_to.read_bytes() == garbage, "moved, never changed nor deleted"
        assert store.writable
        store.local.remember_currency(PROFILE, "BC0000000001", "EUR")
        assert store.local.currencies(PROFILE) == {"BC0000000001": "EUR"}
    finally:
        store.close()
    again = ConsoleStore.open(tmp_path)  # the new file is healthy
    assert again.problem is None
    again.close()


def test_a_file_whose_audit_log_cannot_be_read_says_its_payments_may_be_lost(
    tmp_path: Path,
) -> None:
    """The audit log is the one record of a payment whose answer never came: a file none
    of which can be read may have held one, and that is said, as for the refund journal."""
    (tmp_path / "console.sqlite3").write_bytes(os.urandom(8192))
    store = ConsoleStore.open(tmp_path)
    try:
        problem = store.problem
        assert problem is not None and problem.action == MOVED_ASIDE
        assert problem.refunds_lost and problem.payments_lost
        assert problem.payments_kept == 0
    finally:
        store.close()


def test_a_damaged_file_keeps_every_unresolved_refund_it_can_still_read(tmp_path: Path) -> None:
    path = tmp_path / "console.sqlite3"
    states = journal_with_refunds(path, audit_rows=400)
    checkpointed(path)
    size = path.stat().st_size
    assert size > 40_000
    overwrite(path, size - 20_000, b"\xde\xad\xbe\xef" * 2_000)  # audit pages, not the journal's
    store = ConsoleStore.open(tmp_path)
    try:
        problem = store.problem
        assert problem is not None and (problem.kind, problem.action) == (CORRUPT, MOVED_ASIDE)
        kept = {entry.refund_no: entry for entry in store.journal.unresolved()}
        assert set(kept) == unresolved(states)
        assert problem.refunds_kept == len(kept) == 3 and not problem.refunds_lost
        for number, entry in kept.items():
            assert entry.state == states[number]
            assert entry.bill_no == f"BC00000000{number[-3:]}"
            assert entry.refund_fee == 1000 + int(number[-3:]) and entry.currency == "USD"
        # and they go on as before: the console can settle them
        assert store.journal.mark_done(refund_no("001"), "found") is not None
    finally:
        store.close()


def test_a_damaged_page_of_the_journal_costs_only_the_refunds_on_it(tmp_path: Path) -> None:
    """The salvage read the journal in one pass and stopped at the first page it could
    not read: every unresolved refund after it was lost, though still readable."""
    path = tmp_path / "console.sqlite3"
    store = ConsoleStore.open(tmp_path)
    numbers = [refund_no(f"{n:03d}") for n in range(100, 400)]
    for n, number in enumerate(numbers):
        store.journal.record_sending(number, f"BCX{n:010d}", 100 + n, "USD", PROFILE)
    store.close()
    checkpointed(path)
    data = path.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    damaged = data.index(b"BCX0000000150") // page_size  # a page in the journal's middle
    overwrite(path, damaged * page_size + 8, b"\xde\xad\xbe\xef" * ((page_size - 8) // 4))
    opened = ConsoleStore.open(tmp_path)
    try:
        problem = opened.problem
        assert problem is not None and (problem.kind, problem.action) == (CORRUPT, MOVED_ASIDE)
        kept = {entry.refund_no for entry in opened.journal.unresolved()}
        assert numbers[-1] in kept and numbers[0] in kept, "before and after the page"
        assert numbers[150] not in kept
        assert len(kept) > len(numbers) - 60, "only the rows of the damaged page are lost"
    finally:
        opened.close()


def test_an_unresolved_refund_only_in_the_wal_is_kept_too(tmp_path: Path) -> None:
    """A killed console leaves its latest writes in the -wal file: they are read too."""
    first = tmp_path / "first"
    first.mkdir()
    journal_with_refunds(first / "console.sqlite3", audit_rows=400)
    checkpointed(first / "console.sqlite3")
    store = ConsoleStore.open(first)
    store.journal.record_sending(refund_no("009"), "BC0000000009", 900, "JPY", PROFILE)
    killed = tmp_path / "killed"  # the files as a kill leaves them: the new row in the WAL
    killed.mkdir()
    for name in ("console.sqlite3", "console.sqlite3-wal"):
        shutil.copyfile(first / name, killed / name)
    store.close()
    path = killed / "console.sqlite3"
    size = path.stat().st_size
    overwrite(path, size - 20_000, b"\xde\xad\xbe\xef" * 2_000)
    opened = ConsoleStore.open(killed)
    try:
        problem = opened.problem
        assert problem is not None and (problem.kind, problem.action) == (CORRUPT, MOVED_ASIDE)
        kept = {entry.refund_no for entry in opened.journal.unresolved()}
        assert refund_no("009") in kept and len(kept) == 4
        assert problem.moved_to is not None
        assert Path(f"{problem.moved_to}-wal").exists(), "the WAL moved aside with its file"
    finally:
        opened.close()


@pytest.mark.parametrize(
    ("script", "words"),
    [
        ("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x');", "not a BeeCloud"),
        (f"PRAGMA application_id={APPLICATION_ID}; PRAGMA user_version=7;", "newer console"),
        (
            f"PRAGMA application_id={APPLICATION_ID}; PRAGMA user_version=1;"
            "CREATE TABLE audit_log (id INTEGER PRIMARY KEY);",
            "refund_journal; tables with other columns: audit_log",
        ),
    ],
)
def test_a_file_of_another_schema_is_moved_aside(tmp_path: Path, script: str, words: str) -> None:
    path = tmp_path / "console.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(script)
    db.close()
    store = ConsoleStore.open(tmp_path)
    try:
        problem = store.problem
        assert problem is not None and (problem.kind, problem.action) == (WRONG_SCHEMA, MOVED_ASIDE)
        assert words in problem.detail
        assert problem.moved_to is not None and problem.moved_to.exists()
        assert store.writable and store.journal.unresolved() == []
    finally:
        store.close()


def test_a_file_of_an_unversioned_console_keeps_its_unresolved_refunds(tmp_path: Path) -> None:
    """No compatibility for versions never released: such a file is not migrated but
    moved aside, and its unresolved refunds (read column by column) are kept."""
    path = tmp_path / "console.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE refund_journal (refund_no TEXT PRIMARY KEY, bill_no TEXT NOT NULL, "
            "refund_fee INTEGER NOT NULL, currency TEXT, optional_json TEXT, profile_id TEXT, "
            "operator TEXT, created_ms INTEGER, updated_ms INTEGER, state TEXT, detail TEXT, "
            "attempts INTEGER);"
            f"INSERT INTO refund_journal VALUES ('{refund_no('1')}', 'BC0000000001', 500, "
            "'USD', NULL, 'shop', 'ada', 1767240000000, 1767240000000, 'unknown', 'x', 1);"
            f"INSERT INTO refund_journal VALUES ('{refund_no('2')}', 'BC0000000002', 700, "
            "'USD', NULL, 'shop', 'ada', 1767240000000, 1767240000000, 'done', 'x', 1);"
        )
    db.close()
    store = ConsoleStore.open(tmp_path)
    try:
        assert store.problem is not None and store.problem.kind == WRONG_SCHEMA
        [kept] = store.journal.unresolved()
        assert (kept.refund_no, kept.state, kept.refund_fee) == (refund_no("1"), UNKNOWN, 500)
        assert store.problem.refunds_kept == 1
    finally:
        store.close()


@pytest.mark.parametrize("wal", [False, True], ids=["rollback mode", "WAL mode"])
def test_a_read_only_file_is_read_and_never_written(wal: bool) -> None:
    """In WAL mode, as the console leaves its file, the copy in memory could not be read
    (an image in WAL mode, which memory cannot be): the refunds were neither shown nor
    checked."""
    with shared_folder() as folder:
        path = folder / "console.sqlite3"
        states = journal_with_refunds(path)
        checkpointed(path, wal)
        before = path.read_bytes()
        with cannot_write(path, folder):
            store = ConsoleStore.open(folder)
        try:
            problem = store.problem
            assert problem is not None
            assert (problem.kind, problem.action) == (READ_ONLY, READ_ONLY_COPY)
            assert problem.refunds_kept == 3 and not store.writable
            assert {e.refund_no for e in store.journal.unresolved()} == unresolved(states)
            with pytest.raises(JournalError, match="cannot be written"):
                store.journal.record_sending(refund_no("005"), "BC0000000005", 1, "USD", PROFILE)
            with pytest.raises(StoreError):
                store.local.remember_currency(PROFILE, "BC0000000005", "USD")
        finally:
            store.close()
        assert path.read_bytes() == before and aside(path) == []


def test_a_file_that_cannot_be_written_in_a_folder_that_can_is_read_and_never_written() -> None:
    """SQLite opens a file it may not write read-only, without a word, when its folder
    takes the WAL: the write lock was taken and let go, and the console said nothing,
    until its first refund could not be written down."""
    with shared_folder() as folder:
        path = folder / "console.sqlite3"
        states = journal_with_refunds(path)
        checkpointed(path, wal=True)
        folder.chmod(0o777)  # the WAL and its shared memory can be made beside it
        with cannot_write(path):
            store = ConsoleStore.open(folder)
        try:
            problem = store.problem
            assert problem is not None
            assert (problem.kind, problem.action) == (READ_ONLY, READ_ONLY_COPY)
            assert {e.refund_no for e in store.journal.unresolved()} == unresolved(states)
        finally:
            store.close()
        assert aside(path) == []


def test_a_locked_file_is_read_and_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.3)  # not the usual wait for the lock
    path = tmp_path / "console.sqlite3"
    states = journal_with_refunds(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # another program, holding the file
    try:
        store = ConsoleStore.open(tmp_path)
        try:
            problem = store.problem
            assert problem is not None and problem.kind == LOCKED
            assert problem.action == READ_ONLY_COPY and not store.writable
            assert {e.refund_no for e in store.journal.unresolved()} == unresolved(states)
            with pytest.raises(JournalError):
                store.journal.record_sending(refund_no("005"), "BC0000000005", 1, "USD", PROFILE)
        finally:
            store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert aside(path) == []


def test_a_folder_that_cannot_be_made_leaves_a_store_that_writes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    store = ConsoleStore.open(blocker / "data")
    try:
        problem = store.problem
        assert problem is not None and problem.action == IN_MEMORY and not store.writable
        assert store.journal.unresolved() == []
        with pytest.raises(StoreError):
            store.local.save_card(PROFILE, "Visa", "CARD-1")
    finally:
        store.close()


@pytest.mark.parametrize("name", ["console.sqlite3", "console.sqlite3-wal"])
def test_a_symlink_where_the_database_should_be_is_never_followed(
    tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "data"
    link = folder / name
    target = link_to_elsewhere(link, tmp_path / "elsewhere")
    store = ConsoleStore.open(folder)
    try:
        problem = store.problem
        assert problem is not None and not store.writable
        assert (problem.kind, problem.action) == (READ_ONLY, IN_MEMORY)
        assert f"{name} is a symbolic link" in problem.detail
        with pytest.raises(StoreError):
            store.local.save_card(PROFILE, "Visa", "CARD-1")
    finally:
        store.close()
    untouched(link, target)
    assert aside(folder / "console.sqlite3") == []


def test_a_folder_where_the_database_should_be_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "console.sqlite3"
    folder_in_place_of(path)
    store = ConsoleStore.open(tmp_path)
    try:
        problem = store.problem
        assert problem is not None and not store.writable
        assert (problem.kind, problem.action) == (READ_ONLY, IN_MEMORY)
        assert "console.sqlite3 is not a regular file" in problem.detail
    finally:
        store.close()
    folder_left_alone(path)
    assert aside(path) == []


def test_a_data_folder_reached_by_a_symlink_is_used_but_its_permissions_are_left(
    tmp_path: Path,
) -> None:
    """The user may keep the console's folder elsewhere (another disk) behind a link: it
    is used, and the files in it made private, but the console does not chmod through a
    link (that is how /dev or /etc would be made 0700 by a console run as root)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    (tmp_path / "data").symlink_to(elsewhere)
    store = ConsoleStore.open(tmp_path / "data")
    try:
        assert store.problem is None and store.writable
    finally:
        store.close()
    assert stat.S_IMODE(elsewhere.stat().st_mode) == 0o755
    assert stat.S_IMODE((elsewhere / "console.sqlite3").stat().st_mode) == 0o600


def test_one_database_is_shared_by_every_part_of_the_store(tmp_path: Path) -> None:
    store = ConsoleStore.open(tmp_path)
    try:
        assert store.local.database is store.journal.database is store.audit_log.database
    finally:
        store.close()


def test_the_store_knows_nothing_of_qt() -> None:
    code = (
        "import sys, console.store, console.store.opening; "
        "sys.exit(any(name.startswith('PySide6') for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=30).returncode == 0


def test_a_journal_on_a_database_refuses_writes_once_closed(tmp_path: Path) -> None:
    database = Database.open(tmp_path / "console.sqlite3")
    journal = RefundJournal(database)
    database.close()
    with pytest.raises(JournalError):
        journal.record_sending(refund_no("001"), "BC0000000001", 1, "USD", PROFILE)


def test_a_file_deleted_while_the_console_runs_is_put_back_whole(tmp_path: Path) -> None:
    """Deleted while the console ran (a clean-up of the data folder), the file took every
    later write without a word, and they went with it: at the next start the refunds
    journaled as sending, and the audit log, were gone. It is put back at the next write,
    with all it held."""
    store = ConsoleStore.open(tmp_path)
    first, second = refund_no("001"), refund_no("002")
    store.journal.record_sending(first, "BC0000000001", 500, "USD", PROFILE)
    for found in tmp_path.glob("console.sqlite3*"):
        found.unlink()
    store.journal.record_sending(second, "BC0000000002", 600, "USD", PROFILE)
    third = refund_no("003")  # and on, in the file put back
    store.journal.record_sending(third, "BC0000000003", 700, "USD", PROFILE)
    store.close()
    assert stat.S_IMODE((tmp_path / "console.sqlite3").stat().st_mode) == 0o600
    again = ConsoleStore.open(tmp_path)
    try:
        assert again.problem is None
        refunds = {entry.refund_no for entry in again.journal.unresolved()}
        assert refunds == {first, second, third}
    finally:
        again.close()


def test_a_file_deleted_alone_while_the_console_runs_is_put_back_without_its_old_wal(
    tmp_path: Path,
) -> None:
    """The file alone deleted (its -wal and -shm left: a clean-up of *.sqlite3): the file
    put back met the deleted file's WAL, which SQLite applied to it, and the next start
    found it malformed and moved it aside (its audit log, saved cards, settings of the
    console lost). The deleted file's -wal and -shm go before the new file is put back."""
    store = ConsoleStore.open(tmp_path)
    written = {refund_no(f"{serial:03d}") for serial in range(1, 41)}
    for number in sorted(written):
        store.journal.record_sending(number, "BC" + number[-10:], 500, "USD", PROFILE)
    (tmp_path / "console.sqlite3").unlink()
    last = refund_no("999")
    store.journal.record_sending(last, "BC0000000999", 600, "USD", PROFILE)
    store.close()
    again = ConsoleStore.open(tmp_path)
    try:
        assert again.problem is None
        assert {entry.refund_no for entry in again.journal.unresolved()} == written | {last}
    finally:
        again.close()


_LEFT_BY_A_KILLED_CONSOLE = """
import os, sys
from pathlib import Path
from console.store import ConsoleStore
folder = Path(sys.argv[1])
store = ConsoleStore.open(folder)
for serial in range(40):  # a bill each: one refund of a bill at a time (the journal's rule)
    number = sys.argv[2] + f"{serial:03d}"
    store.journal.record_sending(number, f"BC1{serial:09d}", 5, "USD", "shop")
store.close()
store = ConsoleStore.open(folder)  # what follows only in its -wal
store.journal.record_sending(sys.argv[2] + "999", "BC0000000002", 6, "USD", "shop")
os._exit(0)
"""


def test_a_file_deleted_alone_is_made_again_without_the_wal_left_beside_it(
    tmp_path: Path,
) -> None:
    """The file alone deleted, its -wal and -shm left by a console killed (or still
    running on the deleted file): the new file made at the next start met that WAL,
    which SQLite applied to it, and every read of it failed (malformed)."""
    killed = subprocess.run(
        [sys.executable, "-c", _LEFT_BY_A_KILLED_CONSOLE, str(tmp_path), refund_no("")],
        cwd=ROOT,
        timeout=30,
        check=True,
    )
    assert killed.returncode == 0
    assert (tmp_path / "console.sqlite3-wal").exists()
    (tmp_path / "console.sqlite3").unlink()
    again = ConsoleStore.open(tmp_path)
    try:
        assert again.problem is None
        assert again.journal.unresolved() == []
        again.journal.record_sending(refund_no("001"), "BC0000000003", 7, "USD", PROFILE)
    finally:
        again.close()


def test_a_file_replaced_while_the_console_runs_is_written_no_more(tmp_path: Path) -> None:
    """Moved aside by another console that found it damaged, or a backup put in its
    place: what this console wrote next went to a file no start reads again (a refund
    journaled there would never be checked). Such a write is refused, in words."""
    store = ConsoleStore.open(tmp_path)
    path = tmp_path / "console.sqlite3"
    path.rename(tmp_path / "console.sqlite3.damaged-elsewhere")
    other = ConsoleStore.open(tmp_path)  # the other console's new file
    other.close()
    try:
        with pytest.raises(JournalError, match="replaced"):
            store.journal.record_sending(refund_no("001"), "BC0000000001", 500, "USD", PROFILE)
    finally:
        store.close()
    again = ConsoleStore.open(tmp_path)
    try:
        assert again.journal.unresolved() == []
    finally:
        again.close()


def test_a_folder_made_unreachable_while_the_console_runs_refuses_a_write_in_words(
    tmp_path: Path,
) -> None:
    """Its folder made unreadable meanwhile: the check that the file is still the one
    opened raised Python's PermissionError past every caller expecting StoreError (a
    profile's Remove… in Profiles… ended in the unexpected-error box)."""
    store = ConsoleStore.open(tmp_path)
    try:
        with cannot_write(tmp_path), pytest.raises(StoreError, match="cannot be reached"):
            store.local.removing(PROFILE)
    finally:
        store.close()


def damaged_with_a_refund_in_its_wal(tmp_path: Path) -> Path:
    """A damaged file as a killed console leaves it: its latest refund only in the WAL."""
    first = tmp_path / "first"
    first.mkdir()
    journal_with_refunds(first / "console.sqlite3", audit_rows=400)
    checkpointed(first / "console.sqlite3", wal=True)
    store = ConsoleStore.open(first)
    store.journal.record_sending(refund_no("009"), "BC0000000009", 900, "JPY", PROFILE)
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for name in ("console.sqlite3", "console.sqlite3-wal"):
        shutil.copyfile(first / name, damaged / name)
    store.close()
    path = damaged / "console.sqlite3"
    overwrite(path, path.stat().st_size - 20_000, b"\xde\xad\xbe\xef" * 2_000)
    return damaged


def no_links(source: object, target: object, **kwargs: object) -> None:
    raise PermissionError(1, "Operation not permitted")


def killed_at_its_nth_rename(folder: Path, nth: int) -> bool:
    """Opens the store, killed before its `nth` rename, link or replace of a file."""
    return killed_before_nth_move(lambda: ConsoleStore.open(folder).close(), nth)


@pytest.mark.parametrize("links", [True, False], ids=["links", "no links (FAT)"])
def test_a_damaged_file_replaced_at_a_kill_loses_no_refund_and_mixes_no_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    """The damaged file was moved aside before its refunds were in the new one: killed
    between the two, the next start began empty (the refunds only in the file aside) and
    said nothing, and a kill between the file's rename and its WAL's had the new file
    open on the damaged file's WAL. At each step of the replacement, the next start finds
    either the damaged file (and replaces it) or the new one holding the refunds."""
    source = damaged_with_a_refund_in_its_wal(tmp_path)
    damaged = (source / "console.sqlite3").read_bytes()
    damaged_wal = (source / "console.sqlite3-wal").read_bytes()
    if not links:
        monkeypatch.setattr(os, "link", no_links)
    nth = 1
    while True:
        folder = tmp_path / f"killed-{nth}"
        shutil.copytree(source, folder)
        if not killed_at_its_nth_rename(folder, nth):
            break
        store = ConsoleStore.open(folder)
        try:
            problem = store.problem
            assert problem is not None and problem.action == MOVED_ASIDE, nth
            kept = {entry.refund_no for entry in store.journal.unresolved()}
            assert refund_no("009") in kept and len(kept) == 4, nth
            assert problem.refunds_kept == 4, nth
        finally:
            store.close()
        assert not [p.name for p in folder.iterdir() if ".new-" in p.name], nth
        [moved] = [p for p in aside(folder / "console.sqlite3") if not p.name.endswith(COMPANIONS)]
        assert moved.read_bytes() == damaged, nth
        assert Path(f"{moved}-wal").read_bytes() == damaged_wal, nth
        again = ConsoleStore.open(folder)
        try:
            assert again.problem is None, nth
            assert len(again.journal.unresolved()) == 4, nth
        finally:
            again.close()
        nth += 1
    assert nth > 2, "the replacement renames the files"


def test_two_consoles_starting_on_one_damaged_file_replace_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both found it damaged and each replaced it: the second moved the first's new file
    aside as damaged (the first then wrote to a file no start reads), or finished the
    first's `.replacement` under it (the first then ran in memory, refusing every
    write). One replaces it; the other waits, then opens what the first made."""
    import threading

    from console import made_files

    folder = damaged_with_a_refund_in_its_wal(tmp_path)
    paused, resume = os.pipe(), os.pipe()
    pid = os.fork()
    if pid == 0:  # the first console: stopped at its first rename until told to go on
        real_replace, stopped = os.replace, list[bool]()

        def replace(*args: object, **kwargs: object) -> object:
            if not stopped:
                stopped.append(True)
                os.write(paused[1], b"x")
                os.read(resume[0], 1)
            return real_replace(*args, **kwargs)  # type: ignore[arg-type]

        os.replace = replace  # type: ignore[assignment]
        code = 1
        try:
            store = ConsoleStore.open(folder)
            problem = store.problem
            store.journal.record_sending(refund_no("010"), "BC0000000010", 10, "USD", PROFILE)
            store.close()
            code = 0 if problem is not None and problem.action == MOVED_ASIDE else 2
        finally:
            os._exit(code)
    assert os.read(paused[0], 1) == b"x"
    second_waits = threading.Event()
    real_pause = made_files.pause

    def pause(seconds: float) -> None:
        second_waits.set()
        real_pause(seconds)

    monkeypatch.setattr(made_files, "pause", pause)
    opened: list[ConsoleStore] = []
    second = threading.Thread(target=lambda: opened.append(ConsoleStore.open(folder)))
    second.start()
    try:

        def said_when_done() -> None:
            second.join()
            second_waits.set()

        threading.Thread(target=said_when_done).start()
        assert second_waits.wait(30)
    finally:
        os.write(resume[1], b"x")
        _, status = os.waitpid(pid, 0)
        second.join(30)
    assert os.waitstatus_to_exitcode(status) == 0, "the first console replaced it and writes"
    [store] = opened
    try:
        assert store.writable
        store.journal.record_sending(refund_no("011"), "BC0000000011", 11, "USD", PROFILE)
        kept = {entry.refund_no for entry in store.journal.unresolved()}
        assert {refund_no("009"), refund_no("010"), refund_no("011")} <= kept
    finally:
        store.close()
    damaged = [p for p in aside(folder / "console.sqlite3") if not p.name.endswith(COMPANIONS)]
    assert len(damaged) == 1, "only the damaged file was moved aside"


def test_what_a_killed_console_was_making_is_removed_at_the_next_start_never_a_live_ones(
    tmp_path: Path,
) -> None:
    """A kill while a new database was made left `console.sqlite3.new-<pid>-<random>`
    for good (one per kill). The next start removes it, but not one another console
    is making now (it holds its lock)."""
    from console.made_files import made_beside

    folder = tmp_path / "data"
    folder.mkdir()
    assert killed_at_its_nth_rename(folder, 1)  # at the link into place
    [left] = [p for p in folder.iterdir() if ".new-" in p.name]
    with made_beside(folder / "console.sqlite3") as live:  # another console, making one
        store = ConsoleStore.open(folder)
        store.close()
        assert live.exists(), "a file another console is making is left to it"
        assert not left.exists(), "what a killed one was making is removed"
    assert not [p.name for p in folder.iterdir() if ".new-" in p.name]


@pytest.mark.parametrize("damage", ["newer console", "corrupt page"])
def test_a_damaged_file_keeps_every_payment_whose_outcome_is_not_known(
    tmp_path: Path, damage: str
) -> None:
    """A payment the console closed on before its answer came (written down as requested,
    nothing after), or answered "outcome unknown", is known only by the audit log: a file
    moved aside must not take it with it, or it is never checked again."""
    path = tmp_path / "console.sqlite3"
    store = ConsoleStore.open(tmp_path)
    for row in range(300):  # earlier rows, on the pages before
        store.audit_log.append(
            profile_id=PROFILE,
            profile_name="Shop",
            action=audit.EXPORT,
            subject=f"bills-{row:04d}.csv",
            result=audit.OK,
            detail="x" * 200,
        )
    for bill_no, results in (
        ("BCNOANSWER000001", [audit.REQUESTED]),
        ("BCUNKNOWN0000001", [audit.REQUESTED, audit.UNKNOWN]),
        ("BCANSWERED000001", [audit.REQUESTED, audit.OK]),
    ):
        for result in results:
            store.audit_log.append(
                profile_id=PROFILE,
                profile_name="Shop",
                action=audit.PAYMENT,
                subject=bill_no,
                result=result,
                amount=1250,
                currency="USD",
                detail_params={"channel": "PAYPAL_CREDITCARD", "title": "Tea"},
            )
    store.close()
    checkpointed(path)
    if damage == "newer console":
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA user_version=2")
            db.execute("ALTER TABLE audit_log ADD COLUMN terminal TEXT")
        db.close()
    else:  # a page of the earlier rows
        data = path.read_bytes()
        page_size = int.from_bytes(data[16:18], "big")
        damaged = data.index(b"bills-0150.csv") // page_size
        overwrite(path, damaged * page_size + 8, b"\xde\xad\xbe\xef" * ((page_size - 8) // 4))
    store = ConsoleStore.open(tmp_path)
    try:
        assert store.problem is not None and store.problem.action == MOVED_ASIDE
        left = store.audit_log.left_unanswered(PROFILE)
        assert [(p.bill_no, p.amount, p.currency, p.title) for p in left] == [
            ("BCUNKNOWN0000001", 1250, "USD", "Tea"),
            ("BCNOANSWER000001", 1250, "USD", "Tea"),
        ]
        assert store.problem.payments_kept == 2 and not store.problem.payments_lost
    finally:
        store.close()


def test_a_start_no_clerk_sees_leaves_a_replacement_cut_short_to_the_next(tmp_path: Path) -> None:
    """A start killed while it replaced a damaged file (its `.replacement` ready): a start
    no clerk sees (`--exit-when-ready`) finished it, so the next start, seen, said
    nothing of the damage nor of the refunds kept. It reads what it can and leaves both
    files; the next start finishes the replacement and says so."""
    folder = damaged_with_a_refund_in_its_wal(tmp_path)
    assert killed_at_its_nth_rename(folder, 3)  # made ready, not put in place
    before = sorted(p.name for p in folder.iterdir())
    assert "console.sqlite3.replacement" in before
    unseen = ConsoleStore.open(folder, leave_damaged=True)
    try:
        assert unseen.problem is not None and unseen.problem.action != MOVED_ASIDE
        assert not unseen.writable
    finally:
        unseen.close()
    assert sorted(p.name for p in folder.iterdir()) == before
    seen = ConsoleStore.open(folder)
    try:
        problem = seen.problem
        assert problem is not None and problem.action == MOVED_ASIDE
        assert problem.refunds_kept == 4
    finally:
        seen.close()
