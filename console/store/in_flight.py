"""Refunds and payments on their way, as every console on the data folder sees them.

Two consoles may run at once on one data folder (two clerks, or two windows). The
journal says `sending` (the audit log "Requested") both for a write on its way in the
other console and for one whose console stopped before its answer came; only the
second may be asked about (a refund or bill BeeCloud has not got yet is not
"absent": the other console's answer is still to come). So a console holds a lock on
`sending/refunds/<refund_no>` (`sending/payments/<bill_no>`) in the data folder
(flock, exclusive) from just before it writes the write down until its answer has
been written; the system lets go of it when the process ends, however it ends.
Another console asks `elsewhere()` before it asks BeeCloud.

Without flock (Windows) nothing is held and nothing is found held: a check is made
at once, as before. The lock files are private (0600 in a 0700 folder). No Qt here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

from console.made_files import locked_in_place, pause
from console.private_files import check_own_folder, open_private, private_folder, sync_folder

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FOLDER_NAME = "sending"
# of what: a refund_no, a bill_no, a profile's keyring entry (its new secrets stored
# there, the settings not yet naming them; or its old ones, still to be deleted), or a
# profile's id while Profiles… removes it (its mark written, what is kept of it not yet
# forgotten: a start leaves that removal to its console)
REFUNDS, PAYMENTS, PROFILES, REMOVALS = "refunds", "payments", "profiles", "removals"
_NUMBER = re.compile(r"[A-Za-z0-9]{1,64}")  # anything else names no file
_TRIES = 100  # to take a hold another process has for a moment


class InFlight:
    """The refunds (or payments) this process holds as on their way, and a look at
    others' holds, by number."""

    def __init__(self, folder: Path | None, kind: str = REFUNDS) -> None:
        """`folder`: the data folder's FOLDER_NAME, where the locks are (None: a store
        in memory, nothing shared); `kind`: REFUNDS or PAYMENTS."""
        self.folder = folder
        self.kind = kind
        self._held: dict[str, int] = {}  # number -> the descriptor holding its lock

    def _path(self, refund_no: str) -> Path | None:
        if self.folder is None or fcntl is None or not _NUMBER.fullmatch(refund_no):
            return None
        return self.folder / self.kind / refund_no

    def hold(self, refund_no: str) -> None:
        """Show the refund as on its way here, until release(). Never raises: a lock
        that cannot be taken leaves the others to check it as they did before."""
        path = self._path(refund_no)
        if path is None or refund_no in self._held:
            return
        try:
            # the data folder first: one others can write to (a link to /tmp) gets no
            # folder of holds made in it (private_folder looks at the folder it makes)
            check_own_folder(path.parent.parent.parent)
            private_folder(path.parent.parent)
            private_folder(path.parent)
            descriptor = open_private(path, os.O_RDWR | os.O_CREAT)
        except OSError as error:
            log.warning("refund %s cannot be shown as on its way: %s", refund_no, error)
            return
        try:
            if not locked_in_place(descriptor, path):
                # another holds it (a start looking whether its holder is gone), or
                # removed it meanwhile: held under its name again
                os.close(descriptor)
                self._hold_again(refund_no, path)
                return
        except OSError as error:
            os.close(descriptor)
            log.warning("refund %s cannot be shown as on its way: %s", refund_no, error)
            return
        self._held[refund_no] = descriptor
        self._on_disk(path)

    def _on_disk(self, path: Path) -> None:
        """A profile's hold, the one record of keyring entries to delete should this
        console be killed, flushed to the disk with the folders made for it (a power
        cut could take it, the secrets left in the keyring for good). A refund's or a
        payment's is a lock only, gone with its process anyway."""
        if self.kind == PROFILES:
            for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
                sync_folder(folder)

    def _hold_again(self, refund_no: str, path: Path) -> None:
        for _ in range(_TRIES):
            try:
                descriptor = open_private(path, os.O_RDWR | os.O_CREAT)
            except OSError as error:
                log.warning("refund %s cannot be shown as on its way: %s", refund_no, error)
                return
            try:
                if locked_in_place(descriptor, path):
                    self._held[refund_no] = descriptor
                    self._on_disk(path)
                    return
            except OSError:
                pass
            os.close(descriptor)
            pause(0.01)
        log.warning("refund %s cannot be shown as on its way: another holds it", refund_no)

    def remove_left(self) -> None:
        """The holds a console that is gone (killed, the power cut) left: removed, those
        no process holds now. Never raises."""
        self.take_left(lambda number: True)

    def take_left(self, settle: Callable[[str], bool]) -> None:
        """Each hold a console that is gone left (no process holds it now), held while
        `settle(number)` settles what it was doing, then removed if that says it did
        (kept for the next start otherwise). Never raises but what `settle` raises."""
        folder = None if self.folder is None else self.folder / self.kind
        if folder is None or fcntl is None:
            return
        try:
            names = [entry.name for entry in os.scandir(folder) if _NUMBER.fullmatch(entry.name)]
        except OSError:
            return
        for name in names:
            path = folder / name
            try:
                descriptor = open_private(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                if locked_in_place(descriptor, path) and settle(name):
                    path.unlink()  # before letting go: a console that opened it holds it again
            except OSError:
                pass
            finally:
                os.close(descriptor)

    def release(self, refund_no: str) -> None:
        """Its answer has moved the journal on: no longer on its way here."""
        descriptor = self._held.pop(refund_no, None)
        if descriptor is None:
            return
        path = self._path(refund_no)
        with contextlib.suppress(OSError):
            if path is not None and os.lstat(path).st_ino == os.fstat(descriptor).st_ino:
                path.unlink()  # before letting go: a console that opened it finds it free
        os.close(descriptor)

    def leave(self, number: str) -> None:
        """Let go of it without taking it away: what it was doing is not done (a keyring
        entry that would not be deleted), for the next start to settle (take_left)."""
        descriptor = self._held.pop(number, None)
        if descriptor is not None:
            os.close(descriptor)

    def elsewhere(self, refund_no: str) -> bool:
        """Whether another console (or another holder in this process) has the refund
        on its way now."""
        path = self._path(refund_no)
        if path is None or refund_no in self._held:
            return False
        try:
            descriptor = open_private(path, os.O_RDONLY)
        except OSError:  # none: nobody holds it (or a file not ours: it tells nothing)
            return False
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        finally:
            os.close(descriptor)  # (lets go of the shared lock, if taken)
        return False

    def anywhere(self, number: str) -> bool:
        """Whether it is on its way now, here or in another console."""
        return number in self._held or self.elsewhere(number)

    def close(self) -> None:
        for refund_no in list(self._held):
            self.release(refund_no)
