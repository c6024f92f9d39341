"""The `beecloud-console` command, run for real as a subprocess."""

from __future__ import annotations

import os
import pwd
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from console.cli import _options, build_parser, default_db_path, main
from console.paths import data_dir, log_dir, settle_home
from console.sandbox import SandboxServer
from tests.cli_support import (
    STARTUP_TIMEOUT_S,
    console_until_ready,
    count_bills,
    home_of_its_own,
    running,
)
from tests.sandbox_support import APP_ID, APP_SECRET, TIMEOUT_S

BASE_URL = r"http://127\.0\.0\.1:\d+"


def test_sandbox_prints_its_url_serves_and_stops_on_sigint(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.sqlite3"
    args = ["sandbox", "--port", "0", "--db", str(db), "--app-id", APP_ID]
    with running([*args, "--app-secret", APP_SECRET], tmp_path) as (process, line):
        assert line.endswith("\n")
        base_url = line.strip()
        assert re.fullmatch(BASE_URL, base_url)
        assert count_bills(base_url, APP_ID, APP_SECRET) == {
            "result_code": 0,
            "result_msg": "OK",
            "err_detail": "",
            "count": 0,
        }
        process.send_signal(signal.SIGINT)
        assert process.wait(TIMEOUT_S) == 0
        assert process.stdout is not None
        assert process.stdout.read() == "", "the URL is the only line of standard output"
    log = (tmp_path / "stderr.log").read_text()
    assert "stopped" in log and APP_SECRET not in log
    assert db.exists()


def test_sigterm_also_stops_it_cleanly(tmp_path: Path) -> None:
    args = ["sandbox", "--port", "0", "--db", str(tmp_path / "db.sqlite3"), "--seed", "25"]
    with running(args, tmp_path) as (process, line):
        assert count_bills(line.strip(), "sandbox-app", "sandbox-secret")["count"] == 25
        process.send_signal(signal.SIGTERM)
        assert process.wait(TIMEOUT_S) == 0


def test_the_sandbox_makes_its_files_private_whatever_the_umask(tmp_path: Path) -> None:
    """Its default database is in the console's own data folder."""
    home = tmp_path / "home"
    with running(["sandbox", "--port", "0"], tmp_path, home_of_its_own(home), umask=0) as (
        process,
        line,
    ):
        assert count_bills(line.strip(), "sandbox-app", "sandbox-secret")["count"] == 0
        process.send_signal(signal.SIGTERM)
        assert process.wait(TIMEOUT_S) == 0
    written = list(home.rglob("*"))
    assert "sandbox.sqlite3" in {path.name for path in written}
    for path in written:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {mode:o}"


def test_without_a_command_it_opens_the_console_on_the_embedded_sandbox(tmp_path: Path) -> None:
    process = console_until_ready(tmp_path)
    assert process.returncode == 0, process.stderr
    assert "Traceback" not in process.stderr
    assert (tmp_path / "data" / "beecloud-console" / "sandbox.sqlite3").exists()
    assert (tmp_path / "state" / "beecloud-console" / "logs" / "console.log").exists()


@pytest.mark.parametrize(
    "platform", [None, "xcb", "wayland"], ids=["no-platform", "xcb", "wayland"]
)
def test_without_a_display_it_says_so_in_one_line_and_starts_nothing(
    tmp_path: Path, platform: str | None
) -> None:
    """Started over SSH, or from a service, with no display: Qt printed its plugin
    text and aborted with a core dump (exit 134), the newcomer none the wiser."""
    env = home_of_its_own(tmp_path)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    if platform:
        env["QT_QPA_PLATFORM"] = platform
    process = subprocess.run(
        [sys.executable, "-m", "console"], capture_output=True, text=True, timeout=60, env=env
    )
    assert process.returncode == 1, process.stderr
    assert process.stderr.count("\n") == 1 and "no display" in process.stderr
    assert not (tmp_path / "data" / "beecloud-console" / "sandbox.sqlite3").exists()


def test_a_display_is_what_the_platform_needs(monkeypatch) -> None:
    from console.cli import display_problem

    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w"}, "linux")
    assert display_problem({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":0"}, "linux")
    assert display_problem({}, "linux")
    assert display_problem({}, "darwin") is None and display_problem({}, "win32") is None


def test_exit_when_ready_on_the_bills_tab_waits_for_the_first_page(tmp_path: Path) -> None:
    """What the start-up benchmark measures: the window painted, then the first page of
    bills painted, each stamped on the monotonic clock, and the age of the history it
    was painted from: none at a first start (the rows came from the sync at start; the
    benchmark also starts on a history synced before)."""
    started = time.monotonic_ns()
    process = console_until_ready(tmp_path, "--tab", "bills")
    assert process.returncode == 0, process.stderr
    ready = re.fullmatch(
        r"ready window_ns=(\d+) first_page_ns=(\d+) rows=(\d+) as_of_ms=-",
        process.stdout.strip(),
    )
    assert ready is not None, process.stdout
    window_ns, first_page_ns, rows = (int(value) for value in ready.groups())
    assert started < window_ns <= first_page_ns < time.monotonic_ns()
    assert rows >= 50  # at least the first page of the 3,000 demo bills


def test_a_start_that_exits_when_ready_leaves_the_tab_the_clerk_was_on(tmp_path: Path) -> None:
    """`--tab bills --exit-when-ready` (a smoke test by a script, its window seen by no
    one) saved Bills as the tab last used, and its window's place (offscreen's, say):
    the clerk, last on Refund, found the console opened on Bills at the next start.
    Both are left as they were."""
    from console.gui.settings import WINDOW_GEOMETRY, WINDOW_TAB, Settings

    settings_path = tmp_path / "config" / "BeeCloud" / "BeeCloud Console.conf"
    settings = Settings.in_file(settings_path)
    settings.put(WINDOW_TAB, "refund")
    assert settings.save_now()
    process = console_until_ready(tmp_path, "--tab", "bills")
    assert process.returncode == 0, process.stderr
    after = Settings.in_file(settings_path)
    assert after.get(WINDOW_TAB) == "refund"
    assert after.get(WINDOW_GEOMETRY).isEmpty()


def test_a_busy_port_exits_non_zero(tmp_path: Path, sandbox: SandboxServer) -> None:
    port = str(sandbox.port)
    process = subprocess.run(
        [sys.executable, "-m", "console", "sandbox", "--port", port, "--db", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
    )
    assert process.returncode == 1
    assert process.stdout == ""
    assert "cannot listen" in process.stderr


def _run_sandbox_on(db: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "console", "sandbox", "--port", "0", "--db", db],
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
        env=home_of_its_own(tmp_path / "home"),
    )


def _one_error_line(process: subprocess.CompletedProcess[str]) -> str:
    """What a command that could not start said: one line on standard error, exit 1."""
    assert process.returncode == 1, process.stderr
    assert process.stdout == ""
    assert "Traceback" not in process.stderr
    lines = process.stderr.splitlines()
    assert len(lines) == 1, process.stderr
    return lines[0]


def test_a_database_that_is_a_folder_or_damaged_says_so_in_one_line(tmp_path: Path) -> None:
    """A traceback ended with 'sqlite3.OperationalError: unable to open database file'."""
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database " * 400)
    for db, reason in ((tmp_path, "unable to open"), (damaged, "not a database")):
        said = _one_error_line(_run_sandbox_on(str(db), tmp_path))
        assert f"cannot open the database {db}" in said and reason in said


def test_a_database_name_with_a_line_break_or_an_escape_is_said_on_one_line(
    tmp_path: Path,
) -> None:
    """The log on standard error (a terminal) wrote a file's name as it was: a line break
    in it made a second line that read as a record of its own, an escape sequence
    cleared the terminal."""
    db = tmp_path / "shop\n2026-12-06 03:00:00,000 INFO console.cli: forged\x1b[2J"
    db.mkdir()
    said = _one_error_line(_run_sandbox_on(str(db), tmp_path))
    assert "cannot open the database" in said and "\x1b" not in said
    assert "shop\\n2026-12-06" in said and "forged\\x1b[2J" in said


def test_another_program_s_database_says_so_in_one_line_when_seeded(tmp_path: Path) -> None:
    """A bills table of other columns does not open (the sandbox's indexes cannot be
    made on it; it took no demo bill either): a traceback ended with 'table bills has
    no column named id'."""
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE bills (seq INTEGER PRIMARY KEY, app_id, created_time)")
    connection.close()
    args = ["sandbox", "--port", "0", "--db", str(other), "--seed", "5"]
    process = subprocess.run(
        [sys.executable, "-m", "console", *args],
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
    )
    assert process.returncode == 1, process.stderr
    assert "Traceback" not in process.stderr
    assert f"cannot open the database {other}: no such column: bill_no" in process.stderr


def test_a_database_whose_folder_cannot_be_made_says_so_in_one_line(tmp_path: Path) -> None:
    """A traceback ended with 'NotADirectoryError' (a file where a folder must be), as
    for a default database under a HOME that is a file."""
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    for folder, reason in ((a_file, "a file is in the way"), (a_file / "sub", "Not a directory")):
        said = _one_error_line(_run_sandbox_on(str(folder / "sandbox.sqlite3"), tmp_path))
        assert f"cannot make the folder {folder} for the database: {reason}" in said


def test_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    options = _options(build_parser().parse_args(["sandbox"]))
    assert options == {
        "host": "127.0.0.1",
        "port": 8732,
        "public_url": None,
        "db": tmp_path / "beecloud-console" / "sandbox.sqlite3",
        "app_id": "sandbox-app",
        "app_secret": "sandbox-secret",
        "master_secret": None,
        "seed": 0,
        "window": 300,
    }
    assert _options(build_parser().parse_args(["sandbox", "--seed", "7"]))["seed"] == 7
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "beecloud-console" / "sandbox.sqlite3"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # not absolute: ignored, as XDG says
    assert data_dir() == Path.home() / ".local" / "share" / "beecloud-console"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert data_dir() == Path.home() / ".local" / "share" / "beecloud-console"


@pytest.mark.skipif(sys.platform == "win32", reason="the password database is POSIX")
@pytest.mark.parametrize("home", ["relhome", "", None])
def test_a_relative_empty_or_missing_home_is_not_where_the_files_go(
    home: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HOME=relhome put the console's files under whatever folder it was started from
    (and a history's path, not absolute, failed the start); HOME= put them under /
    (.local/share there, which only root may make); without HOME, Qt's settings went
    under / while the files went to the account's home. The account's home from the
    password database is used instead, as a relative XDG folder is ignored."""
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    if home is None:
        monkeypatch.delenv("HOME", raising=False)
    else:
        monkeypatch.setenv("HOME", home)
    account_home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    assert data_dir() == account_home / ".local" / "share" / "beecloud-console"
    assert log_dir().is_absolute() and log_dir().is_relative_to(account_home)
    settle_home()  # at start: Qt's folders then go there too
    assert os.environ["HOME"] == str(account_home)


@pytest.mark.parametrize("port", ["-1", "65536", "x"])
def test_a_bad_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["sandbox", f"--port={port}"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert "--port" in error and "0 to 65535" in error and "_port" not in error


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--timestamp-window", "-1", "at least 1"),
        ("--timestamp-window", "0", "at least 1"),
        ("--timestamp-window", "x", "whole number"),
        ("--seed", "-3", "0 to 1000000 bills"),
        ("--seed", "1000001", "0 to 1000000 bills"),
        ("--seed", "x", "whole number"),
        ("--app-id", "", "not empty"),
        ("--app-id", "  ", "not empty"),
        ("--app-id", "my app", "no white space"),
        ("--app-id", "app\x00", "no white space"),
        ("--app-secret", "", "not empty"),
    ],
)
def test_a_sandbox_option_that_could_not_work_is_a_usage_error(
    option: str, value: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A window of 0 or less would refuse every request; an empty app id could never sign;
    an empty app secret was taken for the well-known practice one, unsaid; a seed of
    ten million bills or more (a zero too many) took minutes and gigabytes of memory
    before the sandbox served, or never served."""
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["sandbox", f"{option}={value}"])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert option in error and said in error


@pytest.mark.parametrize(
    ("given", "option"),
    [
        # (a sandbox that cannot start, should it start: the test would wait on it)
        (["--exit-when-ready", "sandbox", "--db", "/dev/null/x"], "--exit-when-ready"),
        (["--exit-when-ready", "--ready-deadline", "5", "info"], "--exit-when-ready"),
        (["--tab", "bills", "info"], "--tab"),
        (["--tab", "refunds", "sandbox", "--db", "/dev/null/x"], "--tab"),
    ],
)
def test_a_window_option_with_a_command_is_a_usage_error(
    given: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command ran and the option was dropped, unsaid: `--exit-when-ready sandbox`,
    a smoke test of the start, served on for ever."""
    with pytest.raises(SystemExit) as exit_info:
        main(given)
    assert exit_info.value.code == 2
    command = next(word for word in given if word in ("sandbox", "info"))
    assert f"{option} is for the console window, not for '{command}'" in capsys.readouterr().err


def test_an_empty_database_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """It said "cannot open the database ." (the current folder) and exited with 1."""
    with pytest.raises(SystemExit) as exit_info:
        main(["sandbox", "--db", ""])
    assert exit_info.value.code == 2
    assert "a file's path is not empty" in capsys.readouterr().err


def test_the_smallest_sandbox_options_that_work_are_taken() -> None:
    given = ["sandbox", "--timestamp-window", "1", "--seed", "0", "--app-id", "a"]
    options = _options(build_parser().parse_args(given))
    assert (options["window"], options["seed"], options["app_id"]) == (1, 0, "a")


@pytest.mark.parametrize(
    ("given", "kept"),
    [("http://sandbox.lan:8732", "http://sandbox.lan:8732"), ("https://[::1]/", "https://[::1]")],
)
def test_a_public_url_names_the_approval_links_base(given: str, kept: str) -> None:
    options = _options(build_parser().parse_args(["sandbox", "--public-url", given]))
    assert options["public_url"] == kept


@pytest.mark.parametrize(
    "url",
    [
        "",
        "sandbox.lan:8732",
        "ftp://sandbox.lan",
        "http://",
        "http://sandbox.lan:notaport",
        "http://user:pw@sandbox.lan",
        "http://sandbox.lan/shop",
        "http://sandbox.lan/?x",
        "http://sandbox.lan\\@evil.com",
        "http://sandbox lan",
    ],
)
def test_a_bad_public_url_is_a_usage_error(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["sandbox", "--public-url", url])
    assert exit_info.value.code == 2
    assert "--public-url" in capsys.readouterr().err


def test_info_names_the_folders_and_the_keyring(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "console", "info"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("BeeCloud Console ")
    assert f"data: {tmp_path / 'data' / 'beecloud-console'}" in lines
    assert f"logs: {tmp_path / 'beecloud-console' / 'logs'}" in lines
    assert f"settings: {tmp_path / 'config' / 'BeeCloud' / 'BeeCloud Console.conf'}" in lines
    assert any(line.startswith("keyring: keyring") for line in lines)  # or keyrings.alt...
    assert any(line.startswith(("Secrets are kept ", "Secrets cannot be stored")) for line in lines)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "command",
    [["info"], ["sandbox", "--port", "0"], ["--version"], ["--help"], ["sandbox", "--help"]],
)
def test_a_standard_output_that_takes_nothing_is_said_in_one_line(
    command: list[str], tmp_path: Path
) -> None:
    """Its output to a full disk (or a reader gone, `info | head -1`) ended in a
    traceback (OSError, BrokenPipeError); the sandbox then served on unseen. --version
    and --help said nothing and exited with 0 (argparse drops what cannot be written)."""
    with Path("/dev/full").open("w") as full:
        process = subprocess.run(
            [sys.executable, "-m", "console", *command],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=STARTUP_TIMEOUT_S,
            env=home_of_its_own(tmp_path),
        )
    assert process.returncode == 1, process.stderr
    assert "Traceback" not in process.stderr and "Exception ignored" not in process.stderr
    said = [line for line in process.stderr.splitlines() if "standard output" in line]
    assert len(said) == 1 and said[0].endswith(
        "cannot write to standard output: No space left on device"
    ), process.stderr


@pytest.mark.parametrize("given", ["", "garbage", "{}", "[]", '{"db_path": 1}'])
def test_the_hidden_sandbox_child_command_by_hand_is_a_usage_error(given: str) -> None:
    """`beecloud-console sandbox-child` (the console's own, settings on standard input)
    typed by hand ended in a traceback (JSONDecodeError, TypeError)."""
    process = subprocess.run(
        [sys.executable, "-m", "console", "sandbox-child"],
        input=given,
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
    )
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    assert process.stderr.splitlines() == [
        "beecloud-console sandbox-child: the console starts it itself, its settings on "
        "standard input; run 'beecloud-console sandbox' instead."
    ]


def test_the_sandbox_help_names_every_fault_kind(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sandbox --help` named six kinds of fault; the refusals (busy-429, down-503,
    gateway-502 and the others) that the sandbox takes and the README names were missing."""
    from console.sandbox.faults import KINDS

    monkeypatch.setenv("COLUMNS", "1000")  # no kind cut at its hyphen

    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["sandbox", "--help"])
    assert stopped.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert [kind for kind in KINDS if kind not in shown] == []
    assert "busy-429[:S]" in shown and "down-503[:S]" in shown


def test_info_says_which_history_file_is_which_profile_s(tmp_path: Path) -> None:
    """The README says: to clear a profile's history, delete its file in mirrors/, and
    `info` shows the folder. A live profile's file is named by a random id, so with
    two profiles a clerk could not tell which file to delete; `info` now names each
    profile's file, and writes nothing to the settings while reading them."""
    from console.gui.profiles import Profile, ProfileStore
    from console.gui.settings import Settings
    from console.store.mirror_file import mirror_path

    env = home_of_its_own(tmp_path)
    settings_path = tmp_path / "config" / "BeeCloud" / "BeeCloud Console.conf"
    settings_path.parent.mkdir(parents=True)
    settings = Settings.in_file(settings_path)
    shop = Profile.new_live("Shop “HK”", "app-hk")
    ProfileStore(settings).save(shop)
    assert settings.save_now()
    written = settings_path.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "console", "info"],
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    data = tmp_path / "data" / "beecloud-console"
    lines = done.stdout.splitlines()
    assert f"history of Sandbox: {mirror_path(data, 'sandbox')}" in lines
    assert f"history of Shop “HK”: {mirror_path(data, shop.id)}" in lines
    assert settings_path.read_bytes() == written
