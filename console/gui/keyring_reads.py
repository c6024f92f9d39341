"""Keyring reads off the GUI thread. A system keyring (the Secret Service over D-Bus) may
take seconds to answer, or up to a minute when its daemon hangs or waits for its password
at its own prompt (console/store/secrets.py KEYRING_WAIT_S): read on the GUI thread, at a
timer's sync, a Reload or a payment, it froze the window meanwhile, with no word why.

`KeyringReads.ask(read, then)` runs `read` on a thread of its own and hands its outcome
(what it returned, or the exception it raised) to `then` on the GUI thread, in the order
the reads were asked for: jobs waiting for their secrets are sent in the order the clerk
asked for them, whichever read the keyring answered first. A `then` that finds its
outcome stale (a job's secrets saved anew meanwhile) returns ReadAgain: the new read is
made in the same place, the outcomes after it still waiting for it. A `then` that fails
holds back none after it: it is logged and said (`went_wrong`). Once closed, nothing
more is handed on."""

from __future__ import annotations

import functools
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class NoThread(RuntimeError):
    """A read that could not start: no thread to be had (the process at its limit)."""


class ReadAgain(NamedTuple):
    """What a `then` returns to have a read made again in its own place (asked again, it
    went after the reads asked since: a job read again was sent after jobs the clerk
    asked for later)."""

    read: Callable[[], Any]
    then: Then


Then = Callable[[Any], ReadAgain | None]


class KeyringReads(QObject):
    _read = Signal(int, object, object)  # its place, then, the outcome: to the GUI thread
    went_wrong = Signal(str)  # a `then` failed: the kind of its exception (logged)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._closed = False
        self._lock = threading.Lock()  # a read's end and the close, one after the other
        self._asked = 0  # places given to reads
        self._next = 0  # the place of the next outcome to hand on
        self._ended: dict[int, tuple[Then, Any]] = {}  # waiting their turn
        self._read.connect(self._hand_on)

    def ask(self, read: Callable[[], Any], then: Then) -> None:
        """`then(outcome)` on the GUI thread, once `read` ended on a thread of its own and
        the outcomes of the reads asked for before were handed on."""
        place = self._asked
        self._asked += 1
        self._start(place, read, then)

    def _start(self, place: int, read: Callable[[], Any], then: Then) -> None:
        def run() -> None:
            try:
                outcome = read()
            except Exception as error:  # handed on, said by `then`: never a traceback
                outcome = error
            with self._lock:
                if not self._closed:
                    self._read.emit(place, then, outcome)

        try:
            threading.Thread(target=run, name="keyring-read", daemon=True).start()
        except RuntimeError as error:  # no thread to be had: the process at its limit
            # handed on in its place, said by `then` as any read's failure: else the reads
            # asked after it wait for good behind an outcome that never comes. Later, as
            # a read's outcome comes: the caller is not ready for it before `ask` returns.
            cannot = NoThread(str(error))
            QTimer.singleShot(0, self, functools.partial(self._hand_on, place, then, cannot))

    @Slot(int, object, object)
    def _hand_on(self, place: int, then: Then, outcome: Any) -> None:
        self._ended[place] = (then, outcome)
        while not self._closed and self._next in self._ended:
            # its place stays the next until `then` is done with it: an outcome that came
            # meanwhile (a question `then` asks, its own event loop) waits behind it
            then, outcome = self._ended.pop(self._next)
            again = self._handed(then, outcome)
            if again is not None:  # read again in this place: the ones after wait for it
                self._start(self._next, again.read, again.then)
                return
            self._next += 1

    def _handed(self, then: Then, outcome: Any) -> ReadAgain | None:
        """`then(outcome)`; one that fails is logged and said, and the outcomes after it
        go on (it held back every later one for good: a live profile's later jobs never
        went). Logged where it failed, never with the exception's words: an outcome's
        may quote a secret read."""
        try:
            return then(outcome)
        except Exception as error:
            kind = type(error).__name__
            where = "".join(traceback.format_tb(error.__traceback__))
            log.error("handing on a keyring read's outcome failed: %s\n%s", kind, where)
            self.went_wrong.emit(kind)
            return None

    def pending(self) -> int:
        """How many reads asked for are not handed on yet."""
        return self._asked - self._next

    def close(self) -> None:
        """Nothing more is handed on (a read still waiting for the keyring is left to end
        on its own: it is bounded in time)."""
        with self._lock:
            self._closed = True
