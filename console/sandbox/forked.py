"""The console's embedded sandbox in a process of its own, forked at the very start.

Loading Flask and waitress and opening the sandbox's database take longer than
Qt takes to show a window. Forked before Qt has started a thread, the child does
that work on another core while the console builds its window, and serves on a
socket the parent bound and listens on before the fork: the parent knows the
address at once, and a request sent before the child serves waits in the
socket's backlog instead of failing.

The port is the one asked for when it is free (the console asks for the one it
had last time, so that a PayPal approval link made in the sandbox still works
after a restart), else any free one.

Two pipes tie the processes together:
- the lifeline, whose write end only the parent holds: the child ends when it
  reads as closed, however the parent ended;
- the death pipe, whose write end only the child holds: `death_fd` reads as
  closed the moment the child is gone (a signal, a crash), so the console
  notices at once (console/gui/sandbox_watch.py) and calls `restart()`.

A restart cannot fork (the console runs threads by then): it starts a new
process (`beecloud-console sandbox-child`, reading its settings, secret
included, from standard input) on the same port, bound again here first so that
requests queue meanwhile. Linux only for the first start: fork() is not offered
on Windows and not safe on macOS once CoreFoundation is loaded; there the
console serves the sandbox in a thread (SandboxServer), as it does whenever a
thread is already running here.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from console.private_files import FILE_WHYS, UnusableFile
from console.translatable import QT_TRANSLATE_NOOP, Translate, untranslated

logger = logging.getLogger(__name__)

STOP_TIMEOUT_S = 10.0
LOG_FILE = "sandbox.log"
CRASH_FILE = "sandbox-crash.log"  # where a crash of its process leaves where it was
CHILD_COMMAND = "sandbox-child"  # the hidden subcommand of a restarted sandbox


def can_fork_here() -> bool:
    """On Linux, and only while this process runs a single thread (so the child
    inherits no lock that a vanished thread holds)."""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1  # threads started outside Python too
    except OSError:
        return False


def listen(port: int) -> socket.socket:
    """A socket listening on 127.0.0.1: on `port` when it is free, else on any free one."""
    for wanted in (port, 0) if port else (0,):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind(("127.0.0.1", wanted))
        except OSError:
            listener.close()
            continue
        listener.listen(128)
        return listener
    raise OSError("no port to listen on")  # pragma: no cover - port 0 always binds


# How a child ended, in words: English for the log, said by the GUI in the language
# shown (Ending.words).
_KILLED = QT_TRANSLATE_NOOP("SandboxWatch", "killed by {signal}")
_EXITED = QT_TRANSLATE_NOOP("SandboxWatch", "exited with code {code}")
_STATUS = QT_TRANSLATE_NOOP("SandboxWatch", "ended, status {status}")
_ENDED = QT_TRANSLATE_NOOP("SandboxWatch", "ended")
_WITH_SAID = QT_TRANSLATE_NOOP("SandboxWatch", "{reason}: {said}")


class Ending(NamedTuple):
    """How a child ended (os.waitpid's status): killed by a `signal` (its name), exited
    with a `code`, or otherwise (its `status`; none of them: not known); and what it
    `said` on the death pipe before it ended. str(): in English, for the log."""

    signal: str = ""
    code: int | None = None
    status: int | None = None
    said: str = ""
    # the system's error behind what it said (its errno, and its file's name when it was
    # not usable), or SQLite's (its code), for the GUI to say in the language shown; None
    # when it said another
    error: OSError | sqlite3.Error | None = None

    def words(self, translate: Translate = untranslated, said: str | None = None) -> str:
        """How it ended, and what it said (`said`: that in the language shown, else its
        own words), in the language `translate` gives (English by default)."""

        def text(source: str) -> str:
            return translate("SandboxWatch", source)

        if self.signal:
            reason = text(_KILLED).format(signal=self.signal)
        elif self.code is not None:
            reason = text(_EXITED).format(code=self.code)
        elif self.status is not None:
            reason = text(_STATUS).format(status=self.status)
        else:
            reason = text(_ENDED)
        said = self.said if said is None else said
        return text(_WITH_SAID).format(reason=reason, said=said) if said else reason

    def __str__(self) -> str:
        return self.words()


def ending_of(status: int) -> Ending:
    """How a child ended, from os.waitpid's status."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return Ending(signal=name)
    if os.WIFEXITED(status):
        return Ending(code=os.WEXITSTATUS(status))
    return Ending(status=status)


class ChildSettings(NamedTuple):
    """What a sandbox process needs, sent to a restarted one on its standard input."""

    db_path: str
    apps: dict[str, str]
    demo_bills: int
    log_dir: str | None
    listener_fd: int
    lifeline_fd: int
    death_fd: int


class ForkedSandbox:
    """The sandbox server in a child process; `base_url`, `apps` and `stop()` like
    SandboxServer (but no `store`: the database is the child's)."""

    def __init__(
        self,
        db_path: Path,
        apps: Mapping[str, str],
        demo_bills: int,
        log_dir: Path | None,
        port: int = 0,
    ) -> None:
        self.db_path = db_path
        self.apps = dict(apps)
        self.demo_bills = demo_bills
        self.log_dir = log_dir
        self.wanted_port = port
        self.pid: int | None = None
        self.death_fd: int | None = None  # reads as closed once the child is gone
        self.ending = Ending()  # how the last child reaped ended
        self._port: int | None = None
        self._lifeline: int | None = None  # the pipe's write end: the child's sign of life
        self._process: subprocess.Popen[bytes] | None = None  # a restarted child

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the sandbox was never started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ForkedSandbox:
        """Bind, listen and fork; returns at once in the parent. Call can_fork_here() first."""
        listener = listen(self.wanted_port)
        self._port = int(listener.getsockname()[1])
        lifeline_read, lifeline_write = os.pipe()
        death_read, death_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(lifeline_write)
            os.close(death_read)
            code = 1
            try:
                _detach_standard_streams()  # whoever reads the console's output waits for it
                code = self._serve(listener, lifeline_read, death_write)
            finally:
                os._exit(code)  # no parent's atexit handlers, no Qt teardown
        os.close(lifeline_read)
        os.close(death_write)
        listener.close()  # the child's copy stays open and listening
        self.pid, self._lifeline, self.death_fd = pid, lifeline_write, death_read
        return self

    def reap(self, wait_s: float = 1.0) -> str | None:
        """Once death_fd reads as closed: collect the child, and say how it ended (None
        when it has not ended within wait_s). A process closes its files a moment before
        it can be collected, so that moment is waited for."""
        pid = self.pid
        if pid is None:
            return None
        if self._process is not None:
            try:
                status = self._process.wait(timeout=wait_s)
            except subprocess.TimeoutExpired:
                return None
            return self._with_what_it_said(ending_of(_status_of(status)))
        deadline = time.monotonic() + wait_s
        while True:
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                self._forget_child()
                self.ending = Ending()
                return str(self.ending)
            if done:
                return self._with_what_it_said(ending_of(status))
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.005)

    def restart(self) -> ForkedSandbox:
        """After the child died: a new process on the same port (bound again here first,
        so that requests wait in the backlog), the same database and apps. Raises
        OSError when it cannot be started."""
        self.stop()
        self.wanted_port = self.port
        self.demo_bills = 0  # seeded at the first start
        self.start_spawned()
        logger.warning("embedded sandbox restarted (process %s) at %s", self.pid, self.base_url)
        return self

    def start_spawned(self) -> ForkedSandbox:
        """Start the child as a new process (`beecloud-console sandbox-child`) rather than
        a fork: safe while threads run. Raises OSError when it cannot be started."""
        listener = listen(self.wanted_port)
        self._port = int(listener.getsockname()[1])
        lifeline_read, lifeline_write = os.pipe()
        death_read, death_write = os.pipe()
        inherited = (listener.fileno(), lifeline_read, death_write)
        settings = ChildSettings(
            str(self.db_path),
            self.apps,
            self.demo_bills,
            None if self.log_dir is None else str(self.log_dir),
            *inherited,
        )
        try:
            process = subprocess.Popen(
                [*child_command(), CHILD_COMMAND],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                pass_fds=inherited,
                close_fds=True,
                start_new_session=True,  # a Ctrl+C in the console's terminal is the console's
            )
            assert process.stdin is not None
            process.stdin.write(json.dumps(settings._asdict()).encode())
            process.stdin.close()
        except BaseException:
            for descriptor in (lifeline_read, lifeline_write, death_read, death_write):
                os.close(descriptor)
            listener.close()
            raise
        os.close(lifeline_read)
        os.close(death_write)
        listener.close()
        self._process = process
        self.pid, self._lifeline, self.death_fd = process.pid, lifeline_write, death_read
        return self

    def stop(self) -> None:
        """Ask the child to stop and reap it (killed if it does not stop in time)."""
        pid = self.pid
        if self._lifeline is not None:
            os.close(self._lifeline)
            self._lifeline = None
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            if self.reap(wait_s=STOP_TIMEOUT_S) is None:
                logger.warning("the sandbox process did not stop in time: killed")
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                self._wait_for(pid)
        self._forget_child()

    def _wait_for(self, pid: int) -> None:
        if self._process is not None:
            self._process.wait()
        else:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)

    def _with_what_it_said(self, ending: Ending) -> str:
        """How the child ended, and why, when it said so on the death pipe before it
        ended (a sandbox that could not start: its database a link...), kept in
        `ending`; the child forgotten."""
        said, error = _read_said(self.death_fd)
        self.ending = ending._replace(said=said, error=error)
        self._forget_child()
        return str(self.ending)

    def _forget_child(self) -> None:
        self.pid = None
        self._process = None
        if self.death_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.death_fd)
            self.death_fd = None

    # -- in the child ---------------------------------------------------------------

    def _serve(self, listener: socket.socket, lifeline: int, death: int) -> int:
        return serve_child(
            self.db_path, self.apps, self.demo_bills, self.log_dir, listener, lifeline, death
        )


# The most of what a child that could not start says on its death pipe: its words (at
# most SAID_MAX_CHARS, each up to 4 bytes) and its file's name (at most 255 bytes), as JSON.
SAID_MAX_CHARS = 300
SAID_MAX_BYTES = 2048


def _say_why(death: int | None, error: BaseException) -> None:
    """In the child: why it could not start, for the console (the pipe's only writer):
    its words, and an OSError's errno (and the name of a file it would not use) for the
    console to say in the language shown."""
    if death is None:
        return
    why: dict[str, object] = {"text": str(error)[:SAID_MAX_CHARS]}
    if not isinstance(error, OSError):
        why["text"] = f"{type(error).__name__}: {error}"[:SAID_MAX_CHARS]
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(error, sqlite3.Error) and type(code) is int:
            why["sqlite"] = code  # its database read-only, locked, on a full disk...
    elif isinstance(error, UnusableFile):
        why.update(errno=error.errno, unusable=error.why, file=Path(error.filename).name)
    elif isinstance(error.errno, int):
        why["errno"] = error.errno
    with contextlib.suppress(OSError):
        os.write(death, json.dumps(why, ensure_ascii=False).encode("utf-8", "replace"))


def _read_said(death: int | None) -> tuple[str, OSError | sqlite3.Error | None]:
    """In the console: what the child said on the death pipe before it ended, as one
    line of printable text ("" when nothing), and the system's error behind it."""
    if death is None:
        return "", None
    try:
        os.set_blocking(death, False)
        said = os.read(death, SAID_MAX_BYTES)
    except OSError:  # nothing to read, or already closed
        return "", None
    from console.api.models import shown_text  # a server's words made showable

    def showable(text: str) -> str:
        return " ".join(shown_text(text).split())

    try:
        why = json.loads(said)
    except ValueError:
        why = None
    text = why.get("text") if isinstance(why, dict) else None
    if not isinstance(text, str):  # not as _say_why writes it
        return showable(said.decode("utf-8", "replace")), None
    return showable(text), _error_of(why)


def _error_of(why: dict[str, object]) -> OSError | sqlite3.Error | None:
    """The OSError or SQLite's error a child said it met (as _say_why writes it), for
    the console to say in the language shown; None for another."""
    code = why.get("sqlite")
    if type(code) is int and 0 < code < 1 << 16:  # an extended result code
        error = sqlite3.OperationalError(str(why.get("text")))
        error.sqlite_errorcode = code
        return error
    number, unusable, name = why.get("errno"), why.get("unusable"), why.get("file")
    if type(number) is not int or not 0 < number < 4096:  # an errno (no bool, no huge)
        return None
    if unusable in FILE_WHYS and isinstance(name, str) and name:
        return UnusableFile(Path(name), str(unusable))
    return OSError(number, os.strerror(number))


def serve_child(
    db_path: Path,
    apps: Mapping[str, str],
    demo_bills: int,
    log_dir: Path | None,
    listener: socket.socket,
    lifeline: int,
    death: int | None = None,
) -> int:
    """In the sandbox's process: seed, serve on the listener until SIGTERM or until the
    lifeline reads as closed (the console is gone). One that cannot start says why on
    the death pipe (`death`, its write end) before it ends."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the console's to handle
    _log_to_own_file(log_dir)
    threading.Thread(target=_wait_for_eof, args=(lifeline, stop), daemon=True).start()

    from console.sandbox.seed import seeded_file
    from console.sandbox.server import SandboxServer

    try:
        seeded_file(db_path, apps, demo_bills)  # before serving: no request sees half of them
        server = SandboxServer(db_path, apps, sock=listener).start()
    except OSError as error:  # its database cannot be used (a link in its place...)
        logger.error("the embedded sandbox could not start: %s", error)
        _say_why(death, error)
        return 1
    except Exception as error:
        logger.exception("the embedded sandbox could not start")
        _say_why(death, error)
        return 1
    logger.info("embedded sandbox (process %d) at %s", os.getpid(), server.base_url)
    stop.wait()
    server.stop()
    return 0


BY_HAND = (
    f"beecloud-console {CHILD_COMMAND}: the console starts it itself, its settings on "
    "standard input; run 'beecloud-console sandbox' instead."
)


def _child_settings(settings_text: str) -> ChildSettings | None:
    try:
        given = json.loads(settings_text)
        return ChildSettings(**given) if isinstance(given, dict) else None
    except (ValueError, TypeError):  # not JSON; fields missing or unknown
        return None


def run_child(settings_text: str) -> int:
    """`beecloud-console sandbox-child`: a restarted embedded sandbox (ForkedSandbox.restart).
    Exit 2, said in one line, when started by hand (no settings on standard input)."""
    settings = _child_settings(settings_text)
    if settings is None:
        print(BY_HAND, file=sys.stderr)
        return 2
    listener = socket.socket(fileno=settings.listener_fd)
    # the death pipe's write end is held, never written: it closes when this process ends
    os.set_inheritable(settings.death_fd, False)
    log_dir = Path(settings.log_dir) if settings.log_dir else None
    return serve_child(
        Path(settings.db_path),
        settings.apps,
        settings.demo_bills,
        log_dir,
        listener,
        settings.lifeline_fd,
        settings.death_fd,
    )


def child_command() -> list[str]:
    """How to start this program again: the bundle's executable, or Python on `console`."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "console"]


def _status_of(returncode: int) -> int:
    """subprocess's returncode as os.waitpid's status, for ending_of."""
    if returncode < 0:
        return -returncode  # WTERMSIG of a status that is just the signal number
    return returncode << 8


def _log_to_own_file(log_dir: Path | None) -> None:
    """The parent's handlers write to the console's log: not from two processes. Its
    crash record (inherited by a fork) is the console's too: a crash here would be said
    at the next start to be the console's (console/crashes.py)."""
    import faulthandler

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    if log_dir is None:
        faulthandler.disable()
        return
    from console.logs import configure_logging_or_stderr, record_crashes

    configure_logging_or_stderr(log_dir, file_name=LOG_FILE)
    record_crashes(log_dir, CRASH_FILE)


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
