"""`--exit-when-ready`'s deadline of its own: a start that hangs never leaves a console
running. Qt-free: the command line arms it before anything of the window loads, and
the window's start (console/gui/app.py) hands it the sandbox and the watchdog."""

from __future__ import annotations

import contextlib
import faulthandler
import math
import os
import signal
import threading
import time
from typing import Protocol

# --exit-when-ready: the process ends by itself this long after its start, ready or not.
DEFAULT_READY_DEADLINE_S = 120.0
WATCHDOG_GRACE_S = 5.0  # after the deadline, for the window to close itself
BACKSTOP_GRACE_S = 5.0  # after that, for the watchdog thread to end the process


class _Sandbox(Protocol):
    pid: int | None  # the embedded sandbox's process, when it has one of its own


class ReadyDeadline:
    """`--exit-when-ready` ends the process by itself, ready or not, so that a start
    that hangs (a test that timed out, a benchmark) never leaves a console running:

    1. at the deadline, the ready probe gives up from inside the event loop: it says
       why on standard error and closes the window (exit code 1);
    2. WATCHDOG_GRACE_S later, if the process still runs (the event loop stuck, or
       the start hung before it), a watchdog thread says so, prints where every
       thread is, stops the embedded sandbox's process and ends the process
       (os._exit(1));
    3. BACKSTOP_GRACE_S after that, if even the watchdog could not run (no thread
       started yet, or one that holds the interpreter lock), SIGALRM, armed at the
       very start, ends it: faulthandler prints where every thread is, and the
       signal's default action kills the process.

    The watchdog thread starts once the embedded sandbox is forked (it forks only
    while the process runs a single thread); a forked or restarted sandbox ends by
    itself when the console is gone (console/sandbox/forked.py)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()

    def remaining_s(self) -> float:
        return max(0.0, self.started + self.seconds - time.monotonic())

    def arm_backstop(self) -> None:
        """SIGALRM at the deadline plus both graces: no thread needed, and an alarm is
        not inherited by a forked child."""
        if not hasattr(signal, "alarm"):  # pragma: no cover - POSIX only
            return
        with contextlib.suppress(AttributeError, ValueError, OSError):  # no stderr to write to
            faulthandler.register(signal.SIGALRM, all_threads=True, chain=True)
        signal.alarm(math.ceil(self.seconds + WATCHDOG_GRACE_S + BACKSTOP_GRACE_S))

    def start_watchdog(self, sandbox: _Sandbox | None) -> None:
        """From now on (once the sandbox is forked), a thread ends the process
        WATCHDOG_GRACE_S after the deadline if it still runs."""
        threading.Thread(
            target=self._watch, args=(sandbox,), name="ready-deadline", daemon=True
        ).start()

    def _watch(self, sandbox: _Sandbox | None) -> None:
        time.sleep(self.remaining_s() + WATCHDOG_GRACE_S)
        # Straight to the file descriptor: the stuck main thread may hold a lock of
        # sys.stderr's or of logging's.
        with contextlib.suppress(OSError):
            os.write(
                2,
                (
                    f"beecloud-console --exit-when-ready: still running "
                    f"{time.monotonic() - self.started:.1f} s after its start (deadline "
                    f"{self.seconds:g} s, then {WATCHDOG_GRACE_S:g} s to close): the start "
                    f"or the close is stuck; ending the process. Where each thread is:\n"
                ).encode(),
            )
        with contextlib.suppress(AttributeError, ValueError, OSError):
            faulthandler.dump_traceback(file=2, all_threads=True)
        pid = getattr(sandbox, "pid", None)
        if pid is not None:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)  # else it ends when it sees the console gone
        os._exit(1)
