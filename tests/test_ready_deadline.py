"""`beecloud-console --exit-when-ready` ends by itself, ready or not (console/cli.py's
ReadyDeadline): a start that cannot become ready exits non-zero soon after
`--ready-deadline`, saying why, and leaves no process behind, whether the event loop
runs (the ready probe gives up), is stuck (the watchdog thread ends the process) or
never started a thread (SIGALRM ends it).

Each console runs in a process of its own, in a home of its own; where the start
must hang, a few lines run before the command's main() make it hang (the graces
after the deadline shortened to keep the test short)."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from console.cli import build_parser, main
from console.gui.settings import SANDBOX_PORT, Settings
from console.ready_deadline import BACKSTOP_GRACE_S, DEFAULT_READY_DEADLINE_S, WATCHDOG_GRACE_S
from tests.cli_support import console_until_ready
from tests.gui.console_support import save_live_profile
from tests.gui.memory_keyring import MemoryKeyring
from tests.net_support import ScriptedServer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks, SIGALRM"),
]

DEADLINE_S = 3.0
GRACE_S = 2.0  # each of the two graces after the deadline, in these tests
MARGIN_S = 10.0  # a loaded machine's slack, on top of what the deadline allows
SETTINGS = Path("config") / "BeeCloud" / "BeeCloud Console.conf"


def run_console(
    home: Path, *args: str, before: str = "", timeout: float = 60
) -> tuple[subprocess.CompletedProcess[str], float]:
    """`beecloud-console --exit-when-ready --ready-deadline DEADLINE_S ARGS` in a home of
    its own, after the code `before`; what it did, and how long it ran."""
    graces = f"console.cli.WATCHDOG_GRACE_S = console.cli.BACKSTOP_GRACE_S = {GRACE_S}"
    started = time.monotonic()
    done = console_until_ready(
        home,
        "--ready-deadline",
        str(DEADLINE_S),
        *args,
        before=f"import console.cli\n{graces}\n{before}",
        timeout=timeout,
    )
    return done, time.monotonic() - started


def ask_for_sandbox_port(home: Path) -> int:
    """A free port, written in the console's settings as its sandbox's port of last time
    (it asks for that one again: console/gui/embedded_sandbox.py)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = int(probe.getsockname()[1])
    settings = Settings.in_file(home / SETTINGS)
    settings.put(SANDBOX_PORT, port)
    settings.save_now()
    return port


def gone(port: int, within_s: float = 10.0) -> bool:
    """Nothing listens on the port any more (the sandbox's process has ended)."""
    until = time.monotonic() + within_s
    while time.monotonic() < until:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return True
        time.sleep(0.1)
    return False


def test_a_first_page_that_never_comes_is_given_up_at_the_deadline(tmp_path: Path) -> None:
    """A live profile on a server that reads the request and never answers: the window
    is shown, the first page of bills never comes; the probe says so and closes it."""
    keyring = MemoryKeyring()
    with ScriptedServer(None) as silent:
        profile = save_live_profile(tmp_path / SETTINGS, keyring, (silent.url,))
        secrets = json.dumps(
            {f"{service}\t{user}": value for (service, user), value in keyring.entries.items()}
        )
        before = "\n".join(
            [
                "import json, keyring",
                "from tests.gui.memory_keyring import MemoryKeyring",
                "backend = MemoryKeyring()",
                f"for key, value in json.loads({secrets!r}).items():",
                "    backend.entries[tuple(key.split('\\t'))] = value",
                "keyring.set_keyring(backend)",
            ]
        )
        done, took = run_console(tmp_path, "--tab", "bills", before=before)
        assert silent.requests, "the console asked the server for its first page"
    assert done.returncode == 1, done.stderr
    assert done.stdout == "", "never said ready"
    assert "not ready in time: the first page of records never came" in done.stderr
    assert "still running" not in done.stderr, "closed by the probe, not by the watchdog"
    assert DEADLINE_S <= took < DEADLINE_S + GRACE_S + MARGIN_S
    log = (tmp_path / "state" / "beecloud-console" / "logs" / "console.log").read_text()
    assert "not ready in time, giving up" in log
    assert profile.id in (tmp_path / SETTINGS).read_text()


def test_a_start_stuck_before_the_event_loop_is_ended_by_the_watchdog(tmp_path: Path) -> None:
    """The window is never built (its constructor sleeps): no event loop, so no probe;
    the watchdog thread says so, with where each thread is, and ends the process; the
    embedded sandbox's process ends with it."""
    before = "\n".join(
        [
            "import time",
            "from console.gui.main_window import MainWindow",
            "def never_built(*args, **kwargs):",
            "    time.sleep(600)",
            "MainWindow.__init__ = never_built",
        ]
    )
    port = ask_for_sandbox_port(tmp_path)
    done, took = run_console(tmp_path, before=before)
    assert done.returncode == 1, done.stderr
    assert "still running" in done.stderr and "ending the process" in done.stderr
    assert "in never_built" in done.stderr, "where the main thread was stuck"
    assert DEADLINE_S + GRACE_S <= took < DEADLINE_S + GRACE_S + MARGIN_S
    sandbox_log = tmp_path / "state" / "beecloud-console" / "logs" / "sandbox.log"
    assert sandbox_log.exists(), "the sandbox was forked: its process logs to a file of its own"
    said = sandbox_log.read_text()
    assert "embedded sandbox (process" not in said or f"127.0.0.1:{port}" in said
    assert gone(port), "the embedded sandbox's process still serves"


def test_a_start_stuck_before_any_thread_is_ended_by_sigalrm(tmp_path: Path) -> None:
    """Stuck before the sandbox is forked, so before the watchdog thread starts: the
    alarm armed at the very start ends it, and faulthandler says where it was."""
    before = "\n".join(
        [
            "import time",
            "import console.gui.app",
            "def stuck_before_the_fork(*args, **kwargs):",
            "    time.sleep(600)",
            "console.gui.app.fork_sandbox_early = stuck_before_the_fork",
        ]
    )
    done, took = run_console(tmp_path, before=before)
    assert done.returncode == -signal.SIGALRM, done.stderr
    assert "in stuck_before_the_fork" in done.stderr
    assert DEADLINE_S + 2 * GRACE_S <= took < DEADLINE_S + 2 * GRACE_S + MARGIN_S


def test_a_start_that_becomes_ready_is_not_ended_early(tmp_path: Path) -> None:
    """The deadline changes nothing for a start that is ready in time: exit 0."""
    done, _ = run_console(tmp_path, before="")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready window_ns=")


def test_the_deadline_is_an_option_of_exit_when_ready(capsys: pytest.CaptureFixture[str]) -> None:
    assert build_parser().parse_args(["--exit-when-ready"]).ready_deadline is None
    assert DEFAULT_READY_DEADLINE_S == 120  # what the probe gave itself before
    assert WATCHDOG_GRACE_S + BACKSTOP_GRACE_S <= 30
    given = build_parser().parse_args(["--exit-when-ready", "--ready-deadline", "2.5"])
    assert given.ready_deadline == 2.5
    for wrong in ("0", "-1", "x", "86400"):
        with pytest.raises(SystemExit) as exit_info:
            build_parser().parse_args(["--exit-when-ready", "--ready-deadline", wrong])
        assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["--ready-deadline", "5"])
    assert exit_info.value.code == 2
    assert "--ready-deadline is for --exit-when-ready" in capsys.readouterr().err
