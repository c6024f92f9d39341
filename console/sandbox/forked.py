"""The console's embedded sandbox in a child process, forked at the very start.

Loading Flask and waitress and opening the sandbox's database take longer than
Qt takes to show a window. Forked before Qt has started a thread, the child does
that work on another core while the console builds its window, and serves on a
socket the parent bound and listens on before the fork: the parent knows the
address at once, and a request sent before the child serves waits in the
socket's backlog instead of failing.

The child ends when asked (stop(): SIGTERM) and also when the parent is gone
however it ended (a pipe's write end, held only by the parent, reads as closed).
Linux only: fork() is not offered on Windows and not safe on macOS once
CoreFoundation is loaded; there the console serves the sandbox in a thread
(SandboxServer), as it does whenever a thread is already running here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path

logger = logging.getLogger(__name__)

STOP_TIMEOUT_S = 10.0
LOG_FILE = "sandbox.log"


def can_fork_here() -> bool:
    """On Linux, and only while this process runs a single thread (so the child
    inherits no lock that a vanished thread holds)."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # threads started outside Python too
    except OSError:
        return False


class ForkedSandbox:
    """The sandbox server in a forked child; `base_url`, `apps` and `stop()` like
    SandboxServer (but no `store`: the database is the child's)."""

    def __init__(
        self, db_path: Path, apps: Mapping[str, str], demo_bills: int, log_dir: Path | None
    ) -> None:
        self.db_path = db_path
        self.apps = dict(apps)
        self.demo_bills = demo_bills
        self.log_dir = log_dir
        self.pid: int | None = None
        self._port: int | None = None
        self._lifeline: int | None = None  # the pipe's write end: the child's sign of life

    @property
    def base_url(self) -> str:
        if self._port is None:
            raise RuntimeError("the sandbox was never started")
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> ForkedSandbox:
        """Bind, listen and fork; returns at once in the parent. Call can_fork_here() first."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        self._port = int(listener.getsockname()[1])
        lifeline_read, lifeline_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(lifeline_write)
            code = 1
            try:
                code = self._serve(listener, lifeline_read)
            finally:
                os._exit(code)  # no parent's atexit handlers, no Qt teardown
        os.close(lifeline_read)
        listener.close()  # the child's copy stays open and listening
        self.pid, self._lifeline = pid, lifeline_write
        return self

    def stop(self) -> None:
        """Ask the child to stop and reap it (killed if it does not stop in time)."""
        pid, self.pid = self.pid, None
        if self._lifeline is not None:
            os.close(self._lifeline)
            self._lifeline = None
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while time.monotonic() < deadline:
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                return
            time.sleep(0.01)
        logger.warning("the sandbox process did not stop in time: killed")
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

    # -- in the child ---------------------------------------------------------------

    def _serve(self, listener: socket.socket, lifeline: int) -> int:
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the console's to handle
        _detach_standard_streams()  # whoever reads the console's output waits for it alone
        self._log_to_own_file()
        threading.Thread(target=_wait_for_eof, args=(lifeline, stop), daemon=True).start()

        from console.sandbox.seed import seed
        from console.sandbox.server import SandboxServer
        from console.sandbox.store import Store

        try:
            # Seeded before serving: no request sees half the demo bills.
            store = Store(self.db_path)
            try:
                for app_id in self.apps:
                    created = seed(store, app_id, self.demo_bills)
                    logger.info("sandbox: %d demo bills created for %s", created, app_id)
            finally:
                store.close()
            server = SandboxServer(self.db_path, self.apps, sock=listener).start()
        except Exception:
            logger.exception("the embedded sandbox could not start")
            return 1
        logger.info("embedded sandbox (process %d) at %s", os.getpid(), self.base_url)
        stop.wait()
        server.stop()
        return 0

    def _log_to_own_file(self) -> None:
        """The parent's handlers write to the console's log: not from two processes."""
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        if self.log_dir is not None:
            from console.logs import configure_logging

            configure_logging(self.log_dir, file_name=LOG_FILE)


def _detach_standard_streams() -> None:
    """Standard input and output from /dev/null: the child holds no pipe of the console's
    (a reader of its output, e.g. a benchmark, would otherwise wait for the child too).
    Standard error stays: what goes wrong before the log is set up is seen."""
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1):
        os.dup2(null, stream)
    os.close(null)


def _wait_for_eof(lifeline: int, stop: threading.Event) -> None:
    """Return when the parent is gone (or has closed the pipe), and say stop."""
    try:
        while os.read(lifeline, 1):
            pass
    except OSError:
        pass
    stop.set()
