"""The console's log: in the given folder, rotated, and blind to signatures."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.logs import BACKUPS, MAX_BYTES, RedactSignatures, configure_logging

SIGN = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    before = list(root.handlers), root.level
    path = configure_logging(tmp_path)
    yield path
    for handler in root.handlers:
        if handler not in before[0]:
            handler.close()
            root.removeHandler(handler)
    root.setLevel(before[1])


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


def test_the_filter_leaves_other_records_alone() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "bill %s paid", ("B1",), None)
    assert RedactSignatures().filter(record) and record.getMessage() == "bill B1 paid"
