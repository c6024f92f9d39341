"""Keyring reads off the GUI thread. A system keyring (the Secret Service over D-Bus) may
take seconds to answer, or up to a minute when its daemon hangs or waits for its password
at its own prompt (console/store/secrets.py KEYRING_WAIT_S): read on the GUI thread, at a
timer's sync, a Reload or a payment, it froze the window meanwhile, with no word why.

`KeyringReads.ask(read, then)` runs `read` on a thread of its own and hands its outcome
(what it returned, or the exception it raised) to `then` on the GUI thread; once closed,
nothing more is handed on."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot


class KeyringReads(QObject):
    _read = Signal(object, object)  # then, the outcome: queued to the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._closed = False
        self._lock = threading.Lock()  # a read's end and the close, one after the other
        self._read.connect(self._hand_on)

    def ask(self, read: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """`then(outcome)` on the GUI thread, once `read` ended on a thread of its own."""

        def run() -> None:
            try:
                outcome = read()
            except Exception as error:  # handed on, said by `then`: never a traceback
                outcome = error
            with self._lock:
                if not self._closed:
                    self._read.emit(then, outcome)

        threading.Thread(target=run, name="keyring-read", daemon=True).start()

    @Slot(object, object)
    def _hand_on(self, then: Callable[[Any], None], outcome: Any) -> None:
        if not self._closed:
            then(outcome)

    def close(self) -> None:
        """Nothing more is handed on (a read still waiting for the keyring is left to end
        on its own: it is bounded in time)."""
        with self._lock:
            self._closed = True
