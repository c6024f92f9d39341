"""A console that vanished (a fatal signal: SIGSEGV, SIGABRT) is said to have at the
next start, once: the crash file (console/logs.py record_crashes) compared with what
the start before noted of it (console/crashes.py)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from console.crashes import NOTED_FILE, crash_since_last_start
from console.logs import CRASH_FILE
from tests.file_damage import (
    cannot_write,
    crashed_in,
    link_to_elsewhere,
    shared_folder,
    untouched,
)


def logs(tmp_path: Path) -> Path:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o700)
    return folder


def test_a_crash_is_told_at_the_next_start_with_its_time_and_file_and_then_never_again(
    tmp_path: Path,
) -> None:
    folder = logs(tmp_path)
    assert crash_since_last_start(folder) is None  # the first start: nothing yet
    crashed_in(folder)
    crash = crash_since_last_start(folder)
    assert crash is not None
    assert crash.path == folder / CRASH_FILE
    assert crash.at_ms == (folder / CRASH_FILE).stat().st_mtime_ns // 1_000_000
    assert crash_since_last_start(folder) is None
    assert crash_since_last_start(folder) is None
    assert (folder / NOTED_FILE).stat().st_mode & 0o777 == 0o600


def test_a_crash_after_one_told_is_told_too(tmp_path: Path) -> None:
    folder = logs(tmp_path)
    crashed_in(folder)
    assert crash_since_last_start(folder) is not None
    crashed_in(folder)
    assert crash_since_last_start(folder) is not None
    assert crash_since_last_start(folder) is None


def test_a_crash_of_a_console_started_before_the_last_start_is_told(tmp_path: Path) -> None:
    """Two consoles at once: the one started first crashes after the second started
    (and noted the file as it was then): the crash is new at the next start."""
    folder = logs(tmp_path)
    assert crash_since_last_start(folder) is None  # the first console
    assert crash_since_last_start(folder) is None  # the second, beside it
    crashed_in(folder)  # the first one vanishes
    assert crash_since_last_start(folder) is not None
    assert crash_since_last_start(folder) is None


def test_two_starts_at_once_tell_a_crash_once(tmp_path: Path) -> None:
    """A start that finds another start comparing (its note held) says nothing: the
    other one tells."""
    folder = logs(tmp_path)
    crashed_in(folder)
    descriptor = os.open(folder / NOTED_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        assert crash_since_last_start(folder) is None
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        assert crash_since_last_start(folder) is not None
        assert crash_since_last_start(folder) is None
    finally:
        os.close(descriptor)


def test_a_crash_file_rotated_or_replaced_is_read_as_new_and_one_deleted_tells_nothing(
    tmp_path: Path,
) -> None:
    folder = logs(tmp_path)
    crashed_in(folder)
    assert crash_since_last_start(folder) is not None
    (folder / CRASH_FILE).rename(folder / (CRASH_FILE + ".1"))  # rotated by hand
    assert crash_since_last_start(folder) is None
    crashed_in(folder)  # a new file, with a crash in it
    assert crash_since_last_start(folder) is not None
    (folder / CRASH_FILE).unlink()
    assert crash_since_last_start(folder) is None


def test_a_crash_file_that_is_a_link_is_neither_followed_nor_told(tmp_path: Path) -> None:
    folder = logs(tmp_path)
    target = link_to_elsewhere(folder / CRASH_FILE, tmp_path / "elsewhere")
    assert crash_since_last_start(folder) is None
    untouched(folder / CRASH_FILE, target)


def test_a_note_that_is_a_link_is_neither_followed_nor_written(tmp_path: Path) -> None:
    folder = logs(tmp_path)
    crashed_in(folder)
    target = link_to_elsewhere(folder / NOTED_FILE, tmp_path / "elsewhere")
    assert crash_since_last_start(folder) is None
    untouched(folder / NOTED_FILE, target)


def test_a_damaged_note_tells_nothing_and_is_written_anew(tmp_path: Path) -> None:
    """Whether the crash was told is not known: it is not told again and again."""
    folder = logs(tmp_path)
    crashed_in(folder)
    (folder / NOTED_FILE).write_bytes(b"\x00\xff garbage {")
    assert crash_since_last_start(folder) is None
    assert crash_since_last_start(folder) is None
    crashed_in(folder)
    assert crash_since_last_start(folder) is not None


def test_a_huge_note_is_read_no_further_than_a_note_can_be(tmp_path: Path) -> None:
    folder = logs(tmp_path)
    crashed_in(folder)
    with (folder / NOTED_FILE).open("wb") as note:
        note.truncate(1 << 40)  # sparse: a terabyte of zeros
    assert crash_since_last_start(folder) is None
    assert (folder / NOTED_FILE).stat().st_size < 4096


def test_a_log_folder_that_cannot_be_written_tells_nothing_and_raises_nothing() -> None:
    """The crash cannot be noted as told: told now, it would be told at every start."""
    with shared_folder() as shared:
        folder = shared / "logs"
        folder.mkdir(mode=0o755)
        crashed_in(folder)
        (folder / CRASH_FILE).chmod(0o644)
        with cannot_write(folder):
            assert crash_since_last_start(folder) is None
        assert crash_since_last_start(folder) is not None  # once it can be noted


def test_a_missing_log_folder_tells_nothing(tmp_path: Path) -> None:
    assert crash_since_last_start(tmp_path / "none" / "logs") is None
