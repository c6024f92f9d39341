"""Two consoles of one user write one log (the same folder, the same console.log, each
process its own handler): one that rotates it must not leave the other writing to the
file it rotated away, which support is not sent, and which a few rotations more delete
while it is still written to."""

from __future__ import annotations

import logging
from pathlib import Path

from console.logs import PrivateRotatingFileHandler

LIMIT, KEPT = 1000, 4  # small files, so that a few records rotate them


def _console_log(path: Path) -> PrivateRotatingFileHandler:
    """What one console's process has on the log (each console has its own)."""
    handler = PrivateRotatingFileHandler(path, maxBytes=LIMIT, backupCount=KEPT, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(message)s"))
    return handler


def _write(handler: logging.Handler, text: str) -> None:
    handler.handle(logging.LogRecord("console", logging.INFO, __file__, 0, text, None, None))


def _kept(path: Path) -> list[str]:
    files = [path] + [path.with_name(f"{path.name}.{n}") for n in range(1, KEPT + 1)]
    return [line for f in files if f.exists() for line in f.read_text().splitlines()]


def test_a_quiet_console_beside_a_busy_one_loses_no_record(tmp_path: Path) -> None:
    path = tmp_path / "console.log"
    busy, quiet = _console_log(path), _console_log(path)
    try:
        _write(quiet, "quiet: started")
        for n in range(60):  # the busy one rotates the log six times
            _write(busy, f"busy {n:02d} ".ljust(99, "x"))
        _write(quiet, "quiet: the refund's answer never came")
    finally:
        busy.close()
        quiet.close()
    assert "quiet: the refund's answer never came" in _kept(path)


def test_each_console_writes_its_latest_records_to_the_log_itself(tmp_path: Path) -> None:
    """Support is sent console.log: it holds what both consoles did last."""
    path = tmp_path / "console.log"
    first, second = _console_log(path), _console_log(path)
    try:
        _write(second, "second: started")
        for n in range(12):  # the first fills the file and rotates it
            _write(first, f"first {n:02d} ".ljust(99, "x"))
        _write(second, "second, after the rotation")
        _write(first, "first, after the rotation")
    finally:
        first.close()
        second.close()
    live = path.read_text().splitlines()
    assert "second, after the rotation" in live
    assert "first, after the rotation" in live


def test_two_consoles_rotate_the_log_once_when_it_is_full(tmp_path: Path) -> None:
    """Both find it full at once: one rotates it, the other writes to the new file (a
    second rotation would put away a file of one record, and drop the oldest kept)."""
    path = tmp_path / "console.log"
    first, second = _console_log(path), _console_log(path)
    try:
        for n in range(9):
            _write(first, f"first {n:02d} ".ljust(99, "x"))
        _write(first, "first: rotates ".ljust(99, "x"))  # 900 bytes and 100 more: full
        _write(second, "second: after it ".ljust(99, "x"))  # so is the file it opened
    finally:
        first.close()
        second.close()
    live = [line.split(":")[0] for line in path.read_text().splitlines()]
    assert live == ["first", "second"]
    assert len(path.with_name("console.log.1").read_text().splitlines()) == 9
    assert not path.with_name("console.log.2").exists()
