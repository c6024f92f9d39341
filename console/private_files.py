"""The console's own files are private: folders 0700, files 0600, whatever the umask.

The databases (audit log, refund journal, saved-card ids), the logs and the
settings hold what only the user should read. `make_umask_private()`, called
once at start, makes everything the process creates from then on private (the
sandbox's process, SQLite's -wal and -shm files, a rotated log, Qt's settings
file), and keeps the user's own umask for what the user asks for: an export
goes where the user says, with the user's usual permissions (`user_file_mode`).
`private_folder` and `private_file` also mend what an earlier start left open.
No Qt here.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
PRIVATE_UMASK = 0o077

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


def private_folder(path: Path) -> Path:
    """The folder, made if missing (with its parents), and 0700. Raises OSError when it
    cannot be made."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _restrict(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """The file, made empty if missing, and 0600 (with SQLite's -wal and -shm beside it,
    which SQLite otherwise makes with the database file's permissions). Raises OSError
    when it cannot be made."""
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # made meanwhile by another console
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE))
    _restrict(path, FILE_MODE)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            _restrict(companion, FILE_MODE)
    return path


def _restrict(path: Path, mode: int) -> None:
    """chmod when the mode is wider; a file of someone else's is left as it is (it is
    then not ours to mend, and opening it tells what is wrong)."""
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o777 != mode:
            os.chmod(path, mode)
