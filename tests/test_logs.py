"""The console's log: in the given folder, rotated, and blind to signatures."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from console import logs
from console.logs import (
    BACKUPS,
    LOG_FILE,
    MAX_BYTES,
    RedactSignatures,
    configure_logging,
    configure_logging_or_stderr,
)
from tests.file_damage import (
    crashing_process,
    folder_in_place_of,
    folder_left_alone,
    link_to_elsewhere,
    pipe_in_place_of,
    untouched,
)

SIGN = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def handlers_restored() -> Iterator[None]:
    """The root logger's handlers and level as they were, after the test."""
    root = logging.getLogger()
    before = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in before[0]:
            handler.close()
            root.removeHandler(handler)
    root.setLevel(before[1])


@pytest.fixture
def log_file(tmp_path: Path, handlers_restored: None) -> Path:
    return configure_logging(tmp_path)


def test_the_log_is_rotated_in_the_users_folder(log_file: Path, tmp_path: Path) -> None:
    handler = next(
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(log_file)
    )
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount) == (MAX_BYTES, BACKUPS)
    assert log_file.parent == tmp_path


def test_signatures_never_reach_the_file(log_file: Path) -> None:
    log = logging.getLogger("console.test")
    log.warning("GET /1/rest/bills?para=%%7B%%22app_sign%%22%%3A%%22%s%%22%%7D", SIGN)
    log.warning('body {"app_sign": "%s"}', SIGN.upper())
    logging.getLogger("urllib3.connectionpool").debug("GET ...app_sign=%s", SIGN)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text()
    assert "<redacted>" in text
    assert SIGN not in text and SIGN.upper() not in text


def test_a_signature_in_a_traceback_never_reaches_the_file(log_file: Path) -> None:
    """An exception's words are in its traceback, not in the record's message: a request's
    address (its para, app_sign in it) named by an error went to the file as it was."""
    log = logging.getLogger("console.test")
    try:
        raise ValueError(f"GET /1/rest/bills?para=%7B%22app_sign%22%3A%22{SIGN}%22%7D failed")
    except ValueError:
        log.exception("a page walk failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text()
    assert "Traceback" in text and "<redacted>" in text
    assert SIGN not in text


def test_a_record_is_one_line_whatever_its_words(log_file: Path) -> None:
    """Words from outside (a file's name, a server's) may hold a line break, which forged
    a record of its own, or a terminal's escape sequence, which coloured or cleared the
    terminal of whoever read the log. A record is one line, starting with its time; the
    lines of its traceback are indented."""
    log = logging.getLogger("console.test")
    forged = "a.csv\n2026-12-06 03:00:00,000 ERROR console: forged\r\x1b[2J\u202egnp.exe"
    log.warning("export to %s failed", forged)
    try:
        raise OSError(f"cannot write {forged}")
    except OSError:
        log.exception("export to %s failed", forged)
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = log_file.read_text(encoding="utf-8").splitlines()
    records = [line for line in lines if not line.startswith((" ", "\t"))]
    assert len(records) == 2, lines
    assert all(" WARNING console.test: " in r or " ERROR console.test: " in r for r in records)
    assert (
        "a.csv\\n2026-12-06 03:00:00,000 ERROR console: forged\\r\\x1b[2J\\u202egnp.exe"
        in records[0]
    )
    assert not any(char in "\x1b\r\u202e" for line in lines for char in line)


def test_the_filter_leaves_other_records_alone() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "bill %s paid", ("B1",), None)
    assert RedactSignatures().filter(record) and record.getMessage() == "bill B1 paid"


@pytest.mark.usefixtures("handlers_restored")
def test_a_symlink_where_the_log_should_be_is_never_followed(tmp_path: Path) -> None:
    link = tmp_path / "logs" / LOG_FILE
    target = link_to_elsewhere(link, tmp_path / "elsewhere")
    reason = configure_logging_or_stderr(link.parent)
    assert str(reason) == f"{LOG_FILE} is a symbolic link, which the console does not follow"
    logging.getLogger("console.test").warning("to standard error, not through the link")
    untouched(link, target)


@pytest.mark.usefixtures("handlers_restored")
def test_a_pipe_or_a_folder_where_the_log_should_be_is_left_as_it_is(tmp_path: Path) -> None:
    pipe = tmp_path / "piped" / LOG_FILE
    with pipe_in_place_of(pipe):
        assert str(configure_logging_or_stderr(pipe.parent)) == f"{LOG_FILE} is not a regular file"
    folder = tmp_path / "foldered" / LOG_FILE
    folder_in_place_of(folder)
    with pytest.raises(OSError):
        configure_logging(folder.parent)
    folder_left_alone(folder)


@pytest.mark.usefixtures("handlers_restored")
def test_no_log_folder_is_made_in_a_folder_other_users_can_write_to(tmp_path: Path) -> None:
    """The console's state folder (~/.local/state/beecloud-console) a link to a place
    everyone may write (as /tmp): its logs folder was made there and written, where the
    console keeps nothing (a link of the logs folder itself is refused)."""
    public = tmp_path / "public"
    public.mkdir()
    public.chmod(0o1777)
    state = tmp_path / "beecloud-console"
    state.symlink_to(public)
    reason = configure_logging_or_stderr(state / "logs")
    assert str(reason) == "beecloud-console is a folder other users can write to"
    logging.getLogger("console.test").warning("to standard error, not there")
    logs.record_crashes(state / "logs")
    assert list(public.iterdir()) == []


def test_a_crash_leaves_where_it_happened_in_a_private_file(tmp_path: Path) -> None:
    """A console that vanished (a crash in Qt's or a library's code, SIGSEGV or SIGABRT)
    left nothing behind: no traceback reaches a log, and a windowed start has no
    terminal. Where every thread was is written beside the log, 0600, no values in it."""
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o700)
    ended = crashing_process(folder)
    assert ended.returncode != 0
    crash = folder / "console-crash.log"
    text = crash.read_text(encoding="utf-8", errors="replace")
    assert "Fatal Python error: Segmentation fault" in text and "<string>" in text
    assert crash.stat().st_mode & 0o777 == 0o600


def test_crashes_recorded_again_elsewhere_never_go_to_the_file_before(tmp_path: Path) -> None:
    """A forked child (the embedded sandbox) records its crashes in a file of its own:
    one it cannot open leaves them unrecorded, not in the console's file."""
    import signal

    folder = tmp_path / "logs"
    folder.mkdir(mode=0o700)
    (folder / "own-crash.log").symlink_to(tmp_path / "elsewhere")
    ended = crashing_process(folder, "own-crash.log")
    assert ended.returncode == -signal.SIGSEGV, ended.stderr  # it did crash
    assert (folder / "console-crash.log").read_bytes() == b""
    assert not (tmp_path / "elsewhere").exists()


def test_a_warning_repeated_within_the_hour_is_written_once_then_counted(
    log_file: Path, monkeypatch
) -> None:
    """Offline for a weekend, every timer sync wrote the same dozen warnings (a host
    failed, the sync failed): 1 MB a day pushed the records of the days before (a crash,
    a payment's lost answer) out of the rotated files. A warning said already within
    the hour is now counted, and the next one written says how many were not."""
    now = [1000.0]
    monkeypatch.setattr(logs, "_monotonic", lambda: now[0])
    log = logging.getLogger("console.test")
    for _ in range(12):  # an hour of syncs every five minutes
        log.warning("GET /2/rest/bills: %s failed (%s)", "https://api.example", "refused")
        log.info("a sync began")
        now[0] += 299
    log.warning("GET /2/rest/bills: %s failed (%s)", "https://other.example", "refused")
    now[0] += 60
    log.warning("GET /2/rest/bills: %s failed (%s)", "https://api.example", "refused")
    lines = log_file.read_text(encoding="utf-8").splitlines()
    said = [line for line in lines if "https://api.example failed" in line]
    assert len(said) == 2, lines
    assert said[0].endswith("GET /2/rest/bills: https://api.example failed (refused)")
    assert said[1].endswith("(refused) (and 11 times more in the hour after it was last written)")
    assert sum("https://other.example" in line for line in lines) == 1
    assert sum("a sync began" in line for line in lines) == 1


def test_errors_are_written_every_time(log_file: Path, monkeypatch) -> None:
    monkeypatch.setattr(logs, "_monotonic", lambda: 1000.0)
    log = logging.getLogger("console.test")
    for _ in range(3):
        log.error("POST /2/rest/refund to %s: outcome unknown (%s)", "https://api", "timeout")
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert sum("outcome unknown" in line for line in lines) == 3


def test_the_repeats_remembered_are_bounded(log_file: Path, monkeypatch) -> None:
    monkeypatch.setattr(logs, "_monotonic", lambda: 1000.0)
    log = logging.getLogger("console.test")
    for number in range(logs.REPEATS_REMEMBERED + 1):
        log.warning("bill %d left out", number)
    quiet = next(
        f
        for h in logging.getLogger().handlers
        for f in h.filters
        if isinstance(f, logs.QuietRepeats)
    )
    assert len(quiet.said) == logs.REPEATS_REMEMBERED
    log.warning("bill %d left out", 0)  # the oldest, forgotten: written again
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert sum(line.endswith("bill 0 left out") for line in lines) == 2
