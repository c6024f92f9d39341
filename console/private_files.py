"""The console's own files are private: folders 0700, files 0600, whatever the umask.

The databases (audit log, refund journal, saved-card ids), the logs and the
settings hold what only the user should read. `make_umask_private()`, called
once at start, makes everything the process creates from then on private (the
sandbox's process, SQLite's -wal and -shm files, a rotated log, Qt's settings
file), and keeps the user's own umask for what the user asks for: an export
goes where the user says, with the user's usual permissions (`user_file_mode`).
`private_folder` and `private_file` also mend what an earlier start left open.

Nothing is changed through a symbolic link: a link (or a folder, a device, a pipe)
where a file of the console's should be makes that file one the console cannot use
(`UnusableFile`, an OSError: each caller does what it does for a file it cannot
open), and a folder of the console's reached by a link is used but not chmodded.
Run as root with its log linked to /dev/null, a console would otherwise make
/dev/null 0600. No Qt here.
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

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FOLDER_MODE = 0o700
FILE_MODE = 0o600
PRIVATE_UMASK = 0o077
# What SQLite keeps beside a database file, and writes through a link as well.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

_user_umask: int | None = None  # the umask the process had before make_umask_private()


def current_umask() -> int:
    """The process's umask (reading it means setting it: it is set back at once)."""
    mask = os.umask(PRIVATE_UMASK)
    os.umask(mask)
    return mask


def make_umask_private() -> None:
    """From now on the process creates files 0600 and folders 0700."""
    global _user_umask
    if _user_umask is None:
        _user_umask = current_umask()
    os.umask(PRIVATE_UMASK)


def user_file_mode() -> int:
    """The permissions a file the user asked for gets (an export): 0666 less the user's
    own umask, as any program of theirs would make it."""
    mask = _user_umask if _user_umask is not None else current_umask()
    return 0o666 & ~mask


SYMLINK = "is a symbolic link, which the console does not follow"
NOT_REGULAR = "is not a regular file"


class UnusableFile(OSError):
    """A file of the console's that is a symbolic link or not a regular file: neither
    read, written nor chmodded. Its words (strerror, str()) name the file, not its path."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(errno.ELOOP if why == SYMLINK else errno.EINVAL, f"{path.name} {why}")
        self.filename = str(path)
        self.why = why

    def __str__(self) -> str:
        return str(self.strerror)


def check_usable(path: Path, companions: tuple[str, ...] = ()) -> None:
    """Raises UnusableFile when the file (or one of its companions, the names beside it
    with these suffixes) is there but is a symbolic link (whatever it points at, or
    nothing) or anything but a regular file. A file that is missing is usable."""
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in companions)):
        try:
            mode = os.lstat(candidate).st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue
        if stat.S_ISLNK(mode):
            raise UnusableFile(candidate, SYMLINK)
        if not stat.S_ISREG(mode):
            raise UnusableFile(candidate, NOT_REGULAR)


def open_private(path: Path, flags: int) -> int:
    """A descriptor of the file, opened with `flags` (and made 0600 if missing): never
    through a symbolic link, never anything but a regular file (UnusableFile), and
    narrowed to 0600 when it is wider. Raises OSError when it cannot be opened."""
    check_usable(path)
    try:  # O_NONBLOCK: a pipe put there meanwhile must not wait for its other end
        descriptor = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, FILE_MODE)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnusableFile(path, SYMLINK) from error
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnusableFile(path, NOT_REGULAR)
        os.set_blocking(descriptor, True)
        if stat.S_IMODE(status.st_mode) != FILE_MODE:
            # a file of someone else's is left as it is (not ours to mend; using it
            # tells what is wrong)
            with contextlib.suppress(OSError):
                os.fchmod(descriptor, FILE_MODE)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def private_folder(path: Path) -> Path:
    """The folder, made if missing (with its parents), and 0700 unless it is reached by
    a symbolic link (the user's way to keep it elsewhere: used, not chmodded). Raises
    OSError when it cannot be made."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        status = os.lstat(path)
        if stat.S_ISDIR(status.st_mode) and stat.S_IMODE(status.st_mode) != FOLDER_MODE:
            os.chmod(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """The file, made empty if missing, and 0600 (with SQLite's -wal, -shm and -journal
    beside it, which SQLite otherwise makes with the database file's permissions).
    Raises UnusableFile when it or one of those is a symbolic link or not a regular
    file, OSError when it cannot be made."""
    check_usable(path, SQLITE_COMPANIONS)
    if not os.path.lexists(path):  # (made meanwhile by another console: as well)
        os.close(open_private(path, os.O_WRONLY | os.O_CREAT))
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        # one that cannot be read is someone else's: not ours to mend (using it tells)
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.close(open_private(candidate, os.O_RDONLY))
    return path


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries to the disk (a name just made or renamed in it): the
    file's data is not enough, a power cut soon after could leave no name for it. Where
    a folder cannot be opened or synced (not on every system or file system), as
    before."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
