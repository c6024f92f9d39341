"""The embedded sandbox forked at the console's start (console/sandbox/forked.py).

A fork is only safe in a process running one thread, which the test process is
not: each check forks from a fresh interpreter of its own.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.gui.settings import SANDBOX_PORT, Settings
from console.sandbox.forked import _read_said, _say_why, can_fork_here
from console.store.errors import sqlite_words

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")

TIMEOUT_S = 60


def run_python(code: str, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def refused(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_it_serves_signed_queries_before_and_after_seeding_and_stops(tmp_path: Path) -> None:
    out = run_python(
        """
        import os, sys
        from pathlib import Path
        from console.sandbox.forked import ForkedSandbox, can_fork_here
        from console.api.client import BeeCloudClient
        from console.api.models import BillQuery

        folder = Path(sys.argv[1])
        assert can_fork_here()
        sandbox = ForkedSandbox(folder / "s.sqlite3", {"app": "secret"}, 7, folder).start()
        client = BeeCloudClient("app", "secret", [sandbox.base_url], shuffle=False)
        bills = client.query_bills(BillQuery(limit=50))  # sent at once: waits in the backlog
        pid, port = sandbox.pid, sandbox.base_url.rsplit(":", 1)[1]
        sandbox.stop()
        try:
            os.waitpid(pid, os.WNOHANG)
            reaped = False
        except ChildProcessError:
            reaped = True
        print(len(bills), reaped, port)
        """,
        str(tmp_path),
    )
    assert out[:2] == ["7", "True"]
    assert refused(int(out[2]))
    assert "embedded sandbox (process" in (tmp_path / "sandbox.log").read_text()


@pytest.mark.parametrize("damage", ["header", "not a database"])
def test_a_damaged_practice_database_is_moved_aside_and_a_new_one_served(
    tmp_path: Path, damage: str
) -> None:
    """It failed at every start (a traceback in its log, three restarts, then stopped for
    good): practice could not go on until someone found and deleted the file."""
    db = tmp_path / "s.sqlite3"
    if damage == "header":
        run_python(
            """
            import sys
            from console.sandbox.store import Store
            from console.sandbox.seed import seed
            store = Store(sys.argv[1])
            seed(store, "app", 7)
            store.close()
            """,
            str(db),
        )
        data = bytearray(db.read_bytes())
        data[:100] = b"\xde\xad" * 50
        db.write_bytes(bytes(data))
    else:
        db.write_text("practice notes, not a database\n" * 100)
    before = db.read_bytes()
    out = run_python(
        """
        import sys
        from pathlib import Path
        from console.sandbox.forked import ForkedSandbox
        from console.api.client import BeeCloudClient
        from console.api.models import BillQuery

        folder = Path(sys.argv[1])
        sandbox = ForkedSandbox(folder / "s.sqlite3", {"app": "secret"}, 7, folder).start()
        client = BeeCloudClient("app", "secret", [sandbox.base_url], shuffle=False)
        print(len(client.query_bills(BillQuery(limit=50))))
        sandbox.stop()
        """,
        str(tmp_path),
    )
    assert out == ["7"], "a new practice database, seeded"
    [aside] = tmp_path.glob("s.sqlite3.damaged-*")
    assert aside.read_bytes() == before, "moved aside whole, never deleted"
    assert "moved aside" in (tmp_path / "sandbox.log").read_text()


def test_a_sandbox_that_cannot_start_says_why_to_the_console(tmp_path: Path) -> None:
    """Its database a link: the console only heard "exited with code 1", the reason
    being in the sandbox's log alone. Forked, and spawned as a restart is."""
    out = run_python(
        """
        import select, sys
        from pathlib import Path
        from console.sandbox.forked import ForkedSandbox

        folder = Path(sys.argv[1])
        (folder / "s.sqlite3").symlink_to(folder / "elsewhere.sqlite3")
        sandbox = ForkedSandbox(folder / "s.sqlite3", {"app": "secret"}, 0, None)
        for start in (sandbox.start, sandbox.start_spawned):
            start()
            select.select([sandbox.death_fd], [], [], 30)
            print(repr(sandbox.reap(wait_s=30)))
        """,
        str(tmp_path),
    )
    said = " ".join(out)
    assert said.count("exited with code 1:") == 2, said
    assert said.count("s.sqlite3 is a symbolic link") == 2, said
    assert not (tmp_path / "elsewhere.sqlite3").exists()


def test_it_ends_when_the_console_dies_without_stopping_it(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, sys
        from pathlib import Path
        from console.sandbox.forked import ForkedSandbox

        folder = Path(sys.argv[1])
        sandbox = ForkedSandbox(folder / "s.sqlite3", {"app": "secret"}, 0, None).start()
        print(sandbox.pid, sandbox.base_url.rsplit(":", 1)[1], flush=True)
        os._exit(9)  # as a crash or SIGKILL would: nothing is stopped
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 9, done.stderr
    pid, port = (int(word) for word in done.stdout.split())
    try:
        watch = os.pidfd_open(pid)  # readable once that process has ended
    except ProcessLookupError:
        watch = None  # ended already
    if watch is not None:
        try:
            readable, _, _ = select.select([watch], [], [], TIMEOUT_S)
        finally:
            os.close(watch)
        assert readable, "the sandbox process outlived the console"
    assert refused(port)


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork_here()
    finally:
        stop.set()
        thread.join()


def test_a_start_on_a_live_profile_forks_nothing_and_one_on_the_sandbox_does(
    tmp_path: Path,
) -> None:
    code = """
        import sys
        from pathlib import Path
        from console.gui.settings import Settings
        from console.gui.profiles import Profile, ProfileStore
        from console.gui.embedded_sandbox import fork_sandbox_early

        folder = Path(sys.argv[1])
        settings = Settings.in_file(folder / "s.ini")
        store = ProfileStore(settings)
        if sys.argv[2] == "live":
            live = Profile.new_live("Shop", "app-1")
            store.save(live)
            store.set_last(live.id)
        sandbox = fork_sandbox_early(settings, folder, None, demo_bills=0)
        print(type(sandbox).__name__)
        if sandbox is not None:
            sandbox.stop()
        """
    for kind in ("live", "sandbox"):
        (tmp_path / kind).mkdir()
    assert run_python(code, str(tmp_path / "live"), "live") == ["NoneType"]
    assert run_python(code, str(tmp_path / "sandbox"), "sandbox") == ["ForkedSandbox"]


def test_a_crash_of_the_sandbox_is_not_recorded_as_the_console_s(tmp_path: Path) -> None:
    """The child inherited the console's crash record (faulthandler, enabled before the
    fork): a crash of the sandbox's process (which the console notices and restarts)
    was written to console-crash.log, and the next start said the console had stopped
    unexpectedly. It goes to a file of its own beside it."""
    run_python(
        """
        import os, signal, sys
        from pathlib import Path
        from console.logs import record_crashes
        from console.sandbox.forked import ForkedSandbox
        from console.api.client import BeeCloudClient
        from console.api.models import BillQuery

        folder = Path(sys.argv[1])
        record_crashes(folder)
        sandbox = ForkedSandbox(folder / "s.sqlite3", {"app": "secret"}, 1, folder).start()
        client = BeeCloudClient("app", "secret", [sandbox.base_url], shuffle=False)
        client.query_bills(BillQuery(limit=50))  # it serves: its threads run
        os.kill(sandbox.pid, signal.SIGSEGV)
        assert sandbox.reap(wait_s=30) is not None
        """,
        str(tmp_path),
    )
    assert (tmp_path / "console-crash.log").read_bytes() == b""
    assert b"Segmentation fault" in (tmp_path / "sandbox-crash.log").read_bytes()


# A console of the user's (its settings and data in `folder`) started on the practice
# sandbox: prints its sandbox's port, and stops when told, or ends when its input ends.
A_CONSOLE = """
    import sys
    from pathlib import Path
    from console.gui.settings import Settings
    from console.gui.embedded_sandbox import fork_sandbox_early

    folder = Path(sys.argv[1])
    settings = Settings.in_file(folder / "s.ini")
    sandbox = fork_sandbox_early(settings, folder, None, demo_bills=0)
    assert settings.save_now()
    print(sandbox.port, flush=True)
    sys.stdin.readline()
    sandbox.stop()
    """


@contextlib.contextmanager
def console_running(folder: Path) -> Iterator[int]:
    """A_CONSOLE running on `folder` meanwhile: its sandbox's port."""
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(A_CONSOLE), str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        yield int(process.stdout.readline())
    finally:
        process.stdin.close()
        assert process.wait(TIMEOUT_S) == 0


def kept_port(folder: Path) -> int:
    return Settings.in_file(folder / "s.ini").get(SANDBOX_PORT)


def test_a_second_console_keeps_the_first_one_s_sandbox_port(tmp_path: Path) -> None:
    """A console started while another of the same user held the kept port took another
    port and kept that: the first console's next start moved there, and the practice
    approval links it had handed out no longer worked."""
    with console_running(tmp_path) as first:
        assert kept_port(tmp_path) == first
        with console_running(tmp_path) as second:
            assert second != first
        assert kept_port(tmp_path) == first
    with console_running(tmp_path) as again:  # the first console's next start
        assert again == first


def test_a_port_kept_that_another_program_holds_is_moved_from_for_good(tmp_path: Path) -> None:
    """No console holds it: the port the console takes instead is kept, so that its
    practice links work after its next start."""
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        settings = Settings.in_file(tmp_path / "s.ini")
        settings.put(SANDBOX_PORT, squatter.getsockname()[1])
        assert settings.save_now()
        with console_running(tmp_path) as moved:
            assert kept_port(tmp_path) == moved
        with console_running(tmp_path) as again:
            assert again == moved


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (sqlite3.SQLITE_READONLY, "attempt to write a readonly database"),
        (sqlite3.SQLITE_BUSY, "database is locked"),
        (sqlite3.SQLITE_FULL, "database or disk is full"),
    ],
)
def test_sqlite_s_reason_a_sandbox_could_not_start_reaches_the_console_as_its_code(
    code: int, words: str
) -> None:
    """A practice database read-only, locked by another program, or on a full disk: the
    console heard only the child's English ("OperationalError: attempt to write a
    readonly database"), shown as it was in a Chinese window. SQLite's code comes
    along, for the console to say SQLite's words in the language shown."""
    error = sqlite3.OperationalError(words)
    error.sqlite_errorcode = code
    read_end, write_end = os.pipe()
    try:
        _say_why(write_end, error)
        said, heard = _read_said(read_end)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert said == f"OperationalError: {words}"
    assert heard is not None and sqlite_words(heard) == words


def test_an_unknown_error_of_a_sandbox_that_could_not_start_is_said_as_it_came() -> None:
    read_end, write_end = os.pipe()
    try:
        _say_why(write_end, RuntimeError("no such thing"))
        os.write(write_end, b"")
        said, heard = _read_said(read_end)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert (said, heard) == ("RuntimeError: no such thing", None)
