"""A database file two consoles use at once (a profile's history mirror, the console's
own file): SQLite's locks on it are never let go by the console behind SQLite's back.

A process's POSIX locks on a file all go when it closes any descriptor of that file.
Opening a database's -shm (or the file) and closing it again, to make it private,
dropped the lock SQLite holds on the -shm while a connection maps it: another console
opening the file then took the -shm for one no one uses and reset it under the first
console's map, which crashed (SIGBUS) at its next write."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from console.api.models import BillRecord
from console.private_files import private_file
from console.store import ConsoleStore, mirror_file, mirror_schema
from console.store.mirror import Mirror
from console.store.mirror_file import mirror_path

ROOT = Path(__file__).resolve().parents[1]
# SQLite's "dead man switch" on a -shm file: held (shared) by every process that maps
# it; a process that finds it free resets the file (os_unix.c, UNIX_SHM_DMS).
DEAD_MAN_SWITCH = 128

_TRY_LOCK = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, int(sys.argv[2]))
except OSError:
    sys.exit(1)
"""


def held_by_another_process(shm: Path) -> bool:
    """Whether a process other than this test's holds SQLite's lock on the -shm: one
    started now cannot take it."""
    tried = subprocess.run(
        [sys.executable, "-c", _TRY_LOCK, str(shm), str(DEAD_MAN_SWITCH)], check=False
    )
    return tried.returncode == 1


def bill(number: str) -> BillRecord:
    return BillRecord(number, 100, "PAYPAL_PAYPAL", "Chair", True, 1_700_000_000_000, "USD")


def shm_of(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def test_making_a_database_private_keeps_sqlites_locks_on_it(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).chmod(0o644)  # left open by another program
        assert held_by_another_process(shm_of(path))
        private_file(path)
        assert held_by_another_process(shm_of(path))  # SQLite's lock is still there
        for suffix in ("", "-wal", "-shm"):
            mode = path.with_name(path.name + suffix).stat().st_mode
            assert stat.S_IMODE(mode) == 0o600, suffix
    finally:
        connection.close()


def test_a_mirror_opened_keeps_its_hold_on_the_shared_memory(tmp_path: Path) -> None:
    path = mirror_path(tmp_path, "profile1")
    mirror = Mirror.open(path, "app1")
    try:
        mirror.put_bills([bill("BC00000001")], 1)
        assert held_by_another_process(shm_of(path))
    finally:
        mirror.close()


def test_the_consoles_own_file_opened_keeps_its_hold_on_the_shared_memory(
    tmp_path: Path,
) -> None:
    store = ConsoleStore.open(tmp_path)
    try:
        store.local.remember_currency("profile1", "BC00000001", "USD")
        assert held_by_another_process(shm_of(tmp_path / "console.sqlite3"))
    finally:
        store.close()
    assert os.path.exists(tmp_path / "console.sqlite3")


_LEFT_BY_A_KILLED_CONSOLE = """
import os, sys
from pathlib import Path
from console.api.models import BillRecord
from console.store.mirror import Mirror
path = Path(sys.argv[1])
def bills(first, count):
    return [
        BillRecord(f"BC{n:08d}", 100, "PAYPAL_PAYPAL", "Chair", True, 1_700_000_000_000 + n, "USD")
        for n in range(first, first + count)
    ]
mirror = Mirror.open(path, "app1")
mirror.put_bills(bills(1, 2000), 1)
mirror.close()
mirror = Mirror.open(path, "app1")  # what follows only in its -wal
mirror.put_bills(bills(5000, 1), 2)
os._exit(0)
"""


def test_a_mirror_deleted_alone_is_made_again_without_the_wal_left_beside_it(
    tmp_path: Path,
) -> None:
    """The mirror's file alone deleted (a clean-up of *.sqlite3), its -wal and -shm left
    by a console killed (or still running on the deleted file): the new mirror made at
    the next start met that WAL, which SQLite applied to it: damaged from its first
    read, with no word of it."""
    path = mirror_path(tmp_path, "p1")
    subprocess.run(
        [sys.executable, "-c", _LEFT_BY_A_KILLED_CONSOLE, str(path)],
        cwd=ROOT,
        timeout=30,
        check=True,
    )
    assert path.with_name(path.name + "-wal").exists()
    path.unlink()
    mirror = Mirror.open(path, "app1")
    try:
        with mirror.reading() as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert mirror.is_empty() and mirror.path == path
        mirror.put_bills([bill("BC00000001")], 3)
        assert not mirror.is_empty()
    finally:
        mirror.close()


_SECOND_CONSOLE = """
import os, sys
from pathlib import Path
from console import made_files
from console.store.mirror import Mirror
path = Path(sys.argv[1])
pause = made_files.pause
def say_waiting(seconds):
    print("WAITING", flush=True)
    pause(seconds)
made_files.pause = say_waiting  # how alone_in waits for the folder another holds
mirror = Mirror.open(path, "app1")
print("NOTICE", repr(mirror.notice), flush=True)
print("INODE", os.stat(path).st_ino if mirror.path else None, flush=True)
sys.stdin.readline()  # the first console has written its bill
print("BILLS", [b.bill_no for b in mirror.bills()], flush=True)
mirror.close()
"""


@pytest.mark.parametrize("found", ["nothing", "an empty file", "a damaged file"])
def test_a_console_starting_while_another_makes_the_mirror_uses_the_same_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, found: str
) -> None:
    """Two consoles started on one profile at once: the second found the first's file
    half made (no application id yet), took it for a foreign file and deleted it, and
    the first then wrote its history into a deleted file for the whole session. The
    second waits while the first looks at the file and makes it, then uses it."""
    path = mirror_path(tmp_path, "p")
    path.parent.mkdir(parents=True, exist_ok=True)
    if found == "an empty file":
        path.write_bytes(b"")
    elif found == "a damaged file":
        path.write_bytes(b"not a database at all" * 100)
    real_create = mirror_schema.create
    second: list[subprocess.Popen[str]] = []

    def create_while_another_starts(connection: sqlite3.Connection, app_id: str) -> None:
        if not second:  # the first console's making: the second starts meanwhile
            started = subprocess.Popen(
                [sys.executable, "-c", _SECOND_CONSOLE, str(path)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            second.append(started)
            assert started.stdout is not None
            waiting = started.stdout.readline().strip()
            if waiting != "WAITING":  # it did not wait for the folder: it made its own
                started.kill()
                started.wait()
            assert waiting == "WAITING"
        real_create(connection, app_id)

    monkeypatch.setattr(mirror_file, "create", create_while_another_starts)
    first = Mirror.open(path, "app1")
    [other] = second
    try:
        first.put_bills([bill("BC00000001")], 1)
        said, _ = other.communicate("written\n", timeout=30)
        lines = [line for line in said.splitlines() if line != "WAITING"]
        assert lines == [
            "NOTICE ''",
            f"INODE {path.stat().st_ino}",  # one file, not two
            "BILLS ['BC00000001']",
        ]
        assert path.stat().st_nlink == 1
        assert sorted(p.name for p in path.parent.iterdir() if ".new-" in p.name) == []
    finally:
        first.close()
        if other.poll() is None:
            other.kill()
            other.wait()


def test_a_card_saved_by_another_console_under_the_new_app_is_not_forgotten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two consoles on one data folder, both given a profile's new App ID: the second
    saw the old one before the first made the profile the new app's and saved a card
    under it; it then forgot that card as one of the old app's. Looked at again as it
    is written, it forgets none."""
    first, second = ConsoleStore.open(tmp_path), ConsoleStore.open(tmp_path)
    try:
        first.local.belong_to_app("p1", "app-1")
        first.local.save_card("p1", "Old Visa", "CARD-OLD")
        asked = "SELECT app_id FROM profile_app WHERE profile_id = ?"
        stale = second.local.database.read(asked, ("p1",))  # seen before the first wrote
        forgotten = first.local.belong_to_app("p1", "app-2")
        assert [card.credit_card_id for card in forgotten] == ["CARD-OLD"]
        first.local.save_card("p1", "New Visa", "CARD-NEW")
        read = second.local.database.read

        def seen_before(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            return stale if sql == asked else read(sql, params)

        monkeypatch.setattr(second.local.database, "read", seen_before)
        assert second.local.belong_to_app("p1", "app-2") == []
        assert [card.credit_card_id for card in first.local.saved_cards("p1")] == ["CARD-NEW"]
    finally:
        first.close()
        second.close()
