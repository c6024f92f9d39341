"""Damaged, read-only and locked files, made for real: bytes overwritten on disk, a
file this process cannot write (as root too, where permissions do not stop it: the
effective user is dropped to nobody for the block), a lock held by another connection,
a symbolic link or a folder where a file of the console's should be."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

NOBODY = 65534
ELSEWHERE_BYTES = b"a file of someone else's, that a link points at\n"
ELSEWHERE_MODE = 0o644


def link_to_elsewhere(path: Path, elsewhere: Path) -> Path:
    """`path` made a symbolic link to a regular file in the folder `elsewhere` (its
    parents made too), a stand-in for /dev/null or another's file; the file's path.
    `untouched` then says that the console left it as it was."""
    elsewhere.mkdir(parents=True, exist_ok=True)
    target = elsewhere / f"target-of-{path.name}"
    target.write_bytes(ELSEWHERE_BYTES)
    target.chmod(ELSEWHERE_MODE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)
    return target


def untouched(path: Path, target: Path) -> None:
    """Asserts that the link at `path` is still a link to `target`, and that nothing was
    done through it: the file's bytes and permissions as made, nothing beside it (no
    -journal or -wal of SQLite's, no temporary file of Qt's)."""
    assert path.is_symlink() and path.readlink() == target, path
    assert target.read_bytes() == ELSEWHERE_BYTES, target
    assert stat.S_IMODE(target.lstat().st_mode) == ELSEWHERE_MODE, target
    assert sorted(target.parent.iterdir()) == sorted(
        file for file in target.parent.iterdir() if file.name.startswith("target-of-")
    ), list(target.parent.iterdir())


def folder_in_place_of(path: Path) -> None:
    """A folder (0755, with a file in it) where the file `path` should be."""
    path.mkdir(parents=True)
    (path / "kept").write_text("a file in the folder")
    path.chmod(0o755)


def folder_left_alone(path: Path) -> None:
    assert path.is_dir() and not path.is_symlink(), path
    assert stat.S_IMODE(path.stat().st_mode) == 0o755, path
    assert [file.name for file in path.iterdir()] == ["kept"], list(path.iterdir())


def overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(data)


def checkpointed(path: Path, wal: bool = False) -> None:
    """Everything of the WAL in the main file, and the WAL gone: the file in rollback
    mode, or (`wal`) still in WAL mode, as the console's own file is after a clean
    close."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if not wal:
            db.execute("PRAGMA journal_mode=DELETE")
    finally:
        db.close()


@contextlib.contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's (which only root may enter), readable by everyone and
    writable only by this process's real user: where `cannot_write` can take effect."""
    folder = Path(tempfile.mkdtemp(prefix="beecloud-readonly-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def cannot_write(*paths: Path) -> Iterator[None]:
    """Inside the block this process cannot write the paths (files or folders). As
    root (whom permissions do not stop) the effective user is nobody meanwhile: what
    is opened in the block stays as it was opened."""
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in paths}
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        with _nobody_if_root():
            yield
    finally:
        for path, mode in modes.items():
            path.chmod(mode)


@contextlib.contextmanager
def cannot_read(path: Path) -> Iterator[None]:
    """Inside the block this process cannot read the file `path` (0000; as root, whom
    permissions do not stop, the effective user is nobody meanwhile), as a file left
    by a start under sudo is to its user."""
    mode = stat.S_IMODE(path.stat().st_mode)
    path.chmod(0)
    try:
        with _nobody_if_root():
            yield
    finally:
        path.chmod(mode)


@contextlib.contextmanager
def own_folder(folder: Path) -> Iterator[None]:
    """Inside the block this process writes the folder as its owner, whom making it
    read-only then stops: as root (whom permissions do not stop), the folder is
    nobody's and the effective user nobody meanwhile. (As nobody, no module can be
    imported from a Python under /root: import what the block needs before it.)"""
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
    with _nobody_if_root():
        yield


@contextlib.contextmanager
def _nobody_if_root() -> Iterator[None]:
    """As root, whom permissions do not stop, the effective user is nobody meanwhile."""
    root = os.geteuid() == 0
    try:
        if root:
            os.setegid(NOBODY)
            os.seteuid(NOBODY)
        yield
    finally:
        if root:
            os.seteuid(0)
            os.setegid(0)


_OTHER_END = """
import contextlib, os, sys, time
while True:
    time.sleep(float(sys.argv[2]))
    for flags in (os.O_RDONLY, os.O_WRONLY):
        with contextlib.suppress(OSError):
            os.close(os.open(sys.argv[1], flags | os.O_NONBLOCK))
"""


@contextlib.contextmanager
def pipe_in_place_of(path: Path, give_up_s: float = 10.0) -> Iterator[None]:
    """A named pipe (0644) where the file `path` should be. Opened for reading or writing
    it waits for the other end for ever: should that happen, another process opens and
    closes the other end every `give_up_s` (a thread could not: Qt's calls keep the
    GIL), so that a test fails rather than hangs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path, 0o644)
    other_end = subprocess.Popen([sys.executable, "-c", _OTHER_END, str(path), str(give_up_s)])
    try:
        yield
    finally:
        other_end.kill()
        other_end.wait()
    assert stat.S_ISFIFO(path.lstat().st_mode) and stat.S_IMODE(path.lstat().st_mode) == 0o644


def killed_before_nth_move(work: Callable[[], object], nth: int) -> bool:
    """`work` in a child process killed (no clean-up, as at a power cut) before its `nth`
    rename, link or replace of a file; whether it got that far."""
    pid = os.fork()
    if pid == 0:  # the child: never back into pytest
        calls = 0

        def counted(real: object) -> object:
            def call(*args: object, **kwargs: object) -> object:
                nonlocal calls
                calls += 1
                if calls == nth:
                    os._exit(9)
                return real(*args, **kwargs)  # type: ignore[operator]

            return call

        for name in ("rename", "replace", "link"):
            setattr(os, name, counted(getattr(os, name)))
        try:
            work()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 9


def audit_rows_meet_a_full_disk(database: Any) -> None:
    """The console's database (a console.store.database.Database) has no room for an
    audit row, as on a full disk: SQLite's own SQLITE_FULL. Each row would need 64 KiB
    more (a trigger fills a table), and the console's connection may grow the file by
    no page."""
    _filled_by(database, "full_disk", "BEFORE INSERT ON audit_log")


def audit_rows_have_room_again(database: Any) -> None:
    """The disk of `audit_rows_meet_a_full_disk` has room again: the filling trigger and
    table gone, and the console's connection may grow the file again."""
    _room_again(database, "full_disk")


def journal_moves_meet_a_full_disk(database: Any) -> None:
    """As audit_rows_meet_a_full_disk, for a refund journal entry moved on (its outcome
    written over its "sending"); a new entry is still written."""
    _filled_by(database, "full_journal", "BEFORE UPDATE ON refund_journal")


def journal_moves_have_room_again(database: Any) -> None:
    _room_again(database, "full_journal")


def _filled_by(database: Any, trigger: str, when: str) -> None:
    """A trigger `when` (e.g. BEFORE INSERT ON a table) that needs 64 KiB more of a
    database whose connection may grow it by no page: SQLITE_FULL."""
    assert database.path is not None
    db = sqlite3.connect(database.path)
    try:
        db.executescript(
            f"CREATE TABLE IF NOT EXISTS filler (bytes BLOB); CREATE TRIGGER {trigger} "
            f"{when} BEGIN INSERT INTO filler VALUES (zeroblob(65536)); END"
        )
    finally:
        db.close()
    with database._lock:
        pages = database._db.execute("PRAGMA page_count").fetchone()[0]
        database._db.execute(f"PRAGMA max_page_count={pages}")


def _room_again(database: Any, trigger: str) -> None:
    assert database.path is not None
    db = sqlite3.connect(database.path)
    try:
        db.executescript(f"DROP TRIGGER {trigger}; DROP TABLE filler")
    finally:
        db.close()
    with database._lock:
        database._db.execute("PRAGMA max_page_count=1073741823")


@contextlib.contextmanager
def locked_by_another_program(path: Path) -> Iterator[sqlite3.Connection]:
    """Inside the block another connection (as another program's) holds the SQLite file
    locked (locking_mode=EXCLUSIVE, a write under way): opening it says "database is
    locked". The write is rolled back and the file let go at the end."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('held', 'yes')")
        yield holder
        holder.execute("ROLLBACK")
    finally:
        holder.close()


def crashing_process(folder: Path, *files: str) -> subprocess.CompletedProcess[bytes]:
    """A process that records its crashes in the log folder `folder` (as a start does),
    then again in each of `files` there in turn (as a forked child does), and is ended
    by a segmentation fault."""
    again = "".join(f"record_crashes(Path(sys.argv[1]), {name!r});" for name in files)
    script = (
        "import faulthandler, sys; from pathlib import Path;"
        "from console.logs import record_crashes;"
        f"record_crashes(Path(sys.argv[1]));{again}"
        "faulthandler._sigsegv()"
    )
    return subprocess.run(
        [sys.executable, "-c", script, str(folder)], capture_output=True, timeout=60
    )


def crashed_in(folder: Path) -> None:
    """A console's process that records its crashes in the log folder `folder` (as a
    start does), ended by a segmentation fault."""
    from console.logs import CRASH_FILE

    ended = crashing_process(folder)
    assert ended.returncode != 0
    assert b"Segmentation fault" in (folder / CRASH_FILE).read_bytes()
