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
from pathlib import Path

from console.api.models import BillRecord
from console.private_files import private_file
from console.store import ConsoleStore
from console.store.mirror import Mirror
from console.store.mirror_file import mirror_path

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
