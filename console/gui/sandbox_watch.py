"""Watching the embedded sandbox's process: noticed the moment it dies, restarted.

The process holds the only write end of a pipe (console/sandbox/forked.py); its
read end here reads as closed once the process is gone, whatever ended it (a
signal, a crash). The watch then collects it, says how it ended, and starts a
new one on the same port (its address, and so every practice approval link,
stays the same). A sandbox that dies again and again is left stopped after
MAX_RESTARTS within RESTART_WINDOW_S, and the console says so: a practice
payment is then refused with that reason rather than sent to a dead port.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Signal, Slot

from console.gui.system_texts import reason_of, system_reason
from console.sandbox.forked import Ending, ForkedSandbox

log = logging.getLogger(__name__)

RUNNING, STOPPED = "running", "stopped"
MAX_RESTARTS = 3
RESTART_WINDOW_S = 60.0


class SandboxWatch(QObject):
    # in the language shown (the log has them in English)
    died = Signal(str)  # how it ended: "killed by SIGKILL", "exited with code 1", ...
    restarted = Signal(str)  # how the one before ended
    gave_up = Signal(str)  # why it is left stopped

    def __init__(self, sandbox: ForkedSandbox, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sandbox = sandbox
        self.state = RUNNING
        # how the last one ended (or why it is left stopped), in the language shown
        self.reason = ""
        self._deaths: list[float] = []
        self._notifier: QSocketNotifier | None = None
        self._arm()

    def _arm(self) -> None:
        descriptor = self.sandbox.death_fd
        if descriptor is None:
            return
        notifier = QSocketNotifier(descriptor, QSocketNotifier.Type.Read, self)
        notifier.activated.connect(self._on_death)
        self._notifier = notifier

    def stop_watching(self) -> None:
        """Before the console stops the sandbox itself."""
        self._disarm()

    def _disarm(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    @Slot()
    def _on_death(self) -> None:
        self._disarm()
        ending = self.sandbox.ending if self.sandbox.reap() is not None else Ending()
        log.error("the embedded sandbox's process %s", ending)
        reason = self.ending_text(ending)
        self.state, self.reason = STOPPED, reason
        self.died.emit(reason)
        now = time.monotonic()
        self._deaths = [moment for moment in self._deaths if now - moment < RESTART_WINDOW_S]
        self._deaths.append(now)
        if len(self._deaths) > MAX_RESTARTS:
            self.reason = self.tr("{reason}, {count} times within a minute").format(
                reason=reason, count=len(self._deaths)
            )
            self.gave_up.emit(self.reason)
            return
        try:
            self.sandbox.restart()
        except OSError as error:
            self.reason = self.tr("{reason}; it could not be started again ({error})").format(
                reason=reason, error=system_reason(error)
            )
            log.error("the embedded sandbox could not be restarted: %s", error)
            self.gave_up.emit(self.reason)
            return
        self.state = RUNNING
        self._arm()
        self.restarted.emit(reason)

    def ending_text(self, ending: Ending) -> str:
        """How a sandbox process ended, in the language shown (what it said before it
        ended: the system's reason, or its own words as they are)."""
        said = reason_of(ending.error) if ending.error is not None else None
        return ending.words(QCoreApplication.translate, said)
