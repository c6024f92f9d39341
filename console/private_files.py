"""The console's own files are private: folders 0700, files 0600, whatever the umask.

The databases (audit log, refund journal, saved-card ids), the logs and the
settings hold what only the user should read. `make_umask_private()`, called
once at start, makes everything the process creates from then on private (the
sandbox's process, SQLite's -wal and -shm files, a rotated log, Qt's settings
file); an export is made 0600 by its own opening (console/export/files.py), so
that a library caller's umask does not widen it either.
`private_folder` and `private_file` also mend what an earlier start left open.

Nothing is changed through a symbolic link: a link (or a folder, a device, a pipe)
where a file of the console's should be makes that file one the console cannot use
(`UnusableFile`, an OSError: each caller does what it does for a file it cannot
open), and a folder of the console's reached by a link is used but not chmodded.
A file or folder another user owns, or a folder others may write to, is unusable
too: what another user put there is never opened, nor anything made there.
Run as root with its log linked to /dev/null, a console would otherwise make
/dev/null 0600. No Qt here.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
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


def make_umask_private() -> None:
    """From now on the process creates files 0600 and folders 0700."""
    os.umask(PRIVATE_UMASK)


SYMLINK = "is a symbolic link, which the console does not follow"
NOT_REGULAR = "is not a regular file"
ANOTHER_USERS = "belongs to another user"
OPEN_TO_OTHERS = "is a folder other users can write to"
FILE_WHYS = (SYMLINK, NOT_REGULAR, ANOTHER_USERS, OPEN_TO_OTHERS)  # what UnusableFile says here


class UnusableFile(OSError):
    """A file of the console's that is a symbolic link or not a regular file: neither
    read, written nor chmodded. Its words (strerror, str()) name the file, not its path."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(errno.ELOOP if why == SYMLINK else errno.EINVAL, f"{path.name} {why}")
        self.filename = str(path)
        self.why = why

    def __str__(self) -> str:
        return str(self.strerror)


def _trusted_owner(status: os.stat_result) -> bool:
    """Whether the file or folder is the user's own, or the system's (root's, whom
    nothing stops anyway): not one another user put there. (No owners on Windows.)"""
    if not hasattr(os, "geteuid"):
        return True
    return status.st_uid in (os.geteuid(), 0)


def check_usable(path: Path, companions: tuple[str, ...] = ()) -> None:
    """Raises UnusableFile when the file (or one of its companions, the names beside it
    with these suffixes) is there but is a symbolic link (whatever it points at, or
    nothing), anything but a regular file, or another user's (planted where the
    console would have read or written it). A file that is missing is usable."""
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in companions)):
        try:
            status = os.lstat(candidate)
        except (FileNotFoundError, NotADirectoryError):
            continue
        if stat.S_ISLNK(status.st_mode):
            raise UnusableFile(candidate, SYMLINK)
        if not stat.S_ISREG(status.st_mode):
            raise UnusableFile(candidate, NOT_REGULAR)
        if not _trusted_owner(status):
            raise UnusableFile(candidate, ANOTHER_USERS)


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
        if not _trusted_owner(status):  # put there by another user: what it holds is theirs
            raise UnusableFile(path, ANOTHER_USERS)
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
    OSError when it cannot be made, and UnusableFile when it is another user's or other
    users can write to it (a link to /tmp, say): there anyone could put a log, a
    database or a -wal of their own for the console to write into or read, or replace
    the console's files, so it keeps nothing there."""
    try:
        path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    except FileExistsError:
        # a link that leads round in a circle (to itself) is said so (ELOOP, naming it),
        # not as a file in the way, which is not there
        os.stat(path)
        raise
    with contextlib.suppress(OSError):
        status = os.lstat(path)
        if stat.S_ISDIR(status.st_mode) and stat.S_IMODE(status.st_mode) != FOLDER_MODE:
            os.chmod(path, FOLDER_MODE)
    check_own_folder(path)
    return path


def check_own_folder(path: Path) -> None:
    """Raises UnusableFile when the folder (through a link: the folder the files would
    go in) is another user's or other users can write to it; a folder that is missing
    passes (private_folder makes it 0700)."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    if not _trusted_owner(status):
        raise UnusableFile(path, ANOTHER_USERS)
    if os.name == "posix" and status.st_mode & stat.S_IWOTH:
        raise UnusableFile(path, OPEN_TO_OTHERS)


def private_file(path: Path) -> Path:
    """The file, made empty if missing, and 0600 (with SQLite's -wal, -shm and -journal
    beside it, which SQLite otherwise makes with the database file's permissions).
    Raises UnusableFile when it or one of those is a symbolic link or not a regular
    file, OSError when it cannot be made."""
    check_usable(path, SQLITE_COMPANIONS)
    if not os.path.lexists(path):  # (made meanwhile by another console: as well)
        os.close(open_private(path, os.O_WRONLY | os.O_CREAT))
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_COMPANIONS)):
        _narrow(candidate)
    return path


def _narrow(path: Path) -> None:
    """A file there made 0600 by its name, never opened: closing any descriptor of a
    file lets go of every POSIX lock the process holds on it, and SQLite's on a
    database this process has open must stay. Without its lock on the -shm, another
    console opening the database takes the -shm for one no one uses and resets it under
    this one's map, which crashes at its next write (SIGBUS). A link, or anything but a
    regular file, raises UnusableFile; one that cannot be changed is someone else's,
    not ours to mend (using it tells)."""
    try:
        status = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    if stat.S_ISLNK(status.st_mode):
        raise UnusableFile(path, SYMLINK)
    if not stat.S_ISREG(status.st_mode):
        raise UnusableFile(path, NOT_REGULAR)
    if stat.S_IMODE(status.st_mode) == FILE_MODE:
        return
    with contextlib.suppress(OSError):
        if os.chmod in os.supports_follow_symlinks:
            os.chmod(path, FILE_MODE, follow_symlinks=False)
        else:  # (Linux: the name was a regular file just now, in a folder of ours)
            os.chmod(path, FILE_MODE)


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
