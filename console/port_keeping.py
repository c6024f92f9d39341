"""Which of a user's consoles keeps its practice sandbox's port for the next start.

Two consoles of one user share one settings file, so one port is kept. A console
started while another held that port took another one and kept it: the first
console's next start moved there, and the practice approval links it had handed
out no longer worked. So a console keeps its sandbox's port only while it holds a
lock (flock, exclusive) on LOCK_FILE in the data folder, taken at once or not at
all, and held until its sandbox stops (`let_go`): the console whose sandbox serves
on the port kept holds it. One that cannot take it leaves the port kept as it is;
one that can while the port kept is taken (by another program: no console holds
the lock) keeps the port it took instead, so that its own links survive its next
start. Without flock (Windows), or on a file system without locks, every console
keeps its own, as before. No Qt here.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from console.private_files import check_own_folder, open_private

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_FILE = "sandbox-port.lock"

_held: dict[Path, int] = {}  # data folder: the descriptor holding its lock


def may_keep_port(folder: Path) -> bool:
    """Whether this process may keep its practice sandbox's port: it holds the lock in
    the data `folder`, taken now if no other console holds it, then held until
    `let_go`. False when another console holds it, or the lock file cannot be opened
    (the port kept stays as it is)."""
    if folder in _held:
        return True
    try:
        # a data folder others can write to (a link to /tmp): nothing made there
        check_own_folder(folder)
        descriptor = open_private(folder / LOCK_FILE, os.O_RDONLY | os.O_CREAT)
    except OSError as error:
        log.warning("the practice sandbox's port is not kept: %s", error)
        return False
    if fcntl is not None:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another console's sandbox serves on the port kept
            os.close(descriptor)
            return False
        except OSError:  # no locks on this file system: as without flock
            pass
    _held[folder] = descriptor
    return True


def let_go(folder: Path) -> None:
    """The lock taken by `may_keep_port`, let go (the sandbox stopped): another
    console's start may keep its port from now on."""
    descriptor = _held.pop(folder, None)
    if descriptor is not None:
        with contextlib.suppress(OSError):
            os.close(descriptor)
