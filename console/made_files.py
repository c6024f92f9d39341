"""Files made whole, and the locks between processes that share the data folder.

A new database is made under a name of its own beside its place and linked into
place once whole (`made_beside`): no one ever sees it half made. The maker holds a
lock (flock) on that name meanwhile, so that a start removes what a killed maker left
(`remove_left_makings`) and never what a live one is making. `alone_in` keeps the
folder to one process while it opens (and maybe replaces) its databases. Without
flock (Windows) nothing is held and nothing left is removed. No Qt here.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from console.private_files import SQLITE_COMPANIONS, open_private, private_file, sync_folder

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)


@contextlib.contextmanager
def made_beside(path: Path) -> Iterator[Path]:
    """A private name beside `path` to make a new database under, linked into place
    once the block ends whole: no one (another console, a later start) ever sees the
    file half made. A file put at `path` meanwhile is kept: a link never replaces
    one. The name and its SQLite companions are removed whatever happens; held (flock)
    meanwhile, so that a start of another console removes it only once this process is
    gone (`remove_left_makings`)."""
    making, descriptor = _held_new(path)
    try:
        private_file(making)
        yield making
        try:
            os.link(making, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links (FAT): renamed, if still none
            if not os.path.lexists(path):
                os.replace(making, path)
        sync_folder(path.parent)
    finally:
        remove_with_companions(making)
        os.close(descriptor)  # after SQLite closed it: a close lets go of SQLite's locks too


def making_name(path: Path) -> Path:
    """A private name beside `path`, this process's alone, to make a database under."""
    return path.with_name(f"{path.name}.new-{os.getpid()}-{secrets.token_hex(4)}")


def _held_new(path: Path) -> tuple[Path, int]:
    """A new, empty file under `making_name(path)`, and a descriptor holding its lock
    (none without flock): made again under another name when a start removed it
    between its making and its lock."""
    while True:
        making = making_name(path)
        descriptor = open_private(making, os.O_RDONLY | os.O_CREAT | os.O_EXCL)
        try:
            if fcntl is None or locked_in_place(descriptor, making):
                return making, descriptor
        except OSError:  # no locks on this file system
            return making, descriptor
        os.close(descriptor)


def locked_in_place(descriptor: int, path: Path) -> bool:
    """Whether a lock (flock, exclusive) was taken at once on the descriptor's file and
    that file is still the one at `path` (another process may have removed it
    meanwhile). Raises OSError when the file system has no locks."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    try:
        found, held = os.lstat(path), os.fstat(descriptor)
    except FileNotFoundError:
        return False
    return (found.st_dev, found.st_ino) == (held.st_dev, held.st_ino)


# What `making_name` gives, beside a file or beside a name made from its name (the
# replacement of a damaged one), and nested (a database made under one is made under
# another first).
_MADE = r"(\.[a-z]+)?(\.new-[0-9]+-[0-9a-f]{8})+"


def remove_left_makings(path: Path) -> None:
    """The files a process that is gone (killed, the power cut) was making beside `path`
    (`made_beside`), with their companions: removed. One whose lock is held is being
    made by a live process: left to it. Never raises."""
    if fcntl is None:
        return
    made = re.compile(re.escape(path.name) + _MADE)
    try:
        names = {_without_companion(entry.name) for entry in os.scandir(path.parent)}
    except OSError:
        return
    for name in sorted(name for name in names if made.fullmatch(name)):
        left = path.with_name(name)
        try:
            descriptor = os.open(left, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:  # its companions alone: its maker was removing them
            with contextlib.suppress(OSError):
                remove_with_companions(left)
            continue
        except OSError:
            continue
        try:
            if stat.S_ISREG(os.fstat(descriptor).st_mode) and locked_in_place(descriptor, left):
                remove_with_companions(left)
                log.warning("removed %s, left by a console that stopped while making it", left)
        except OSError:
            pass
        finally:
            os.close(descriptor)


def _without_companion(name: str) -> str:
    for suffix in SQLITE_COMPANIONS:
        name = name.removesuffix(suffix)
    return name


def remove_with_companions(path: Path) -> None:
    """A database file and its SQLite companions removed, those that are there."""
    for leftover in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def remove_left_companions(path: Path) -> None:
    """With no file at `path`, the -wal and -shm of one deleted alone (a clean-up of
    *.sqlite3, while a console ran on it or after one was killed) removed: SQLite would
    apply that WAL to the new file put there, which it damages. Call it with the folder
    held (`alone_in`): no other console puts a file there meanwhile, whose own they
    would be."""
    if not os.path.lexists(path):
        remove_with_companions(path)


# How long a start waits for another console (or sandbox) to open a file of the folder
# (a damaged one replaced: seconds at most).
ALONE_WAIT_S = 30.0


@contextlib.contextmanager
def alone_in(folder: Path, wait_s: float = ALONE_WAIT_S) -> Iterator[None]:
    """The folder held (flock, exclusive) for the block, waited for while another
    process holds it: one console at a time opens its databases, finds one damaged and
    replaces it; the others then open what it made. The system lets go when the process
    ends, however it ends. Raises TimeoutError when still held after `wait_s`. Without
    flock (Windows), or a folder that cannot be opened or locked, not held: as before."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except OSError:
        descriptor = None
    try:
        if descriptor is not None and fcntl is not None:
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise TimeoutError(
                            errno.ETIMEDOUT, f"another console kept {folder.name} for {wait_s:g} s"
                        ) from None
                    pause(0.05)
                except OSError:  # no locks on this file system
                    break
        yield
    finally:
        if descriptor is not None:
            os.close(descriptor)  # (lets go of the lock)


def pause(seconds: float) -> None:
    """A wait between two looks at a lock another process holds."""
    time.sleep(seconds)
