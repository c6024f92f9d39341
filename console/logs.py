"""Logging to the user's log folder, rotated. Nothing secret is ever logged:
callers log names, codes and hosts, never secrets, signatures or card data.

Two guards stand behind that rule: urllib3's debug records (which print a GET's
URL, and so its `para` with app_sign) are never emitted, and the log file's
handler blanks anything that still looks like an app_sign.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

LOG_FILE = "console.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CHATTY_LIBRARIES = ("urllib3", "requests")

_SIGNATURE = re.compile(r"(app_sign(?:%22%3A%22|%22:%22|\"\s*:\s*\"|'\s*:\s*'|=))[0-9a-fA-F]{32}")


class RedactSignatures(logging.Filter):
    """Blank every app_sign value in a record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SIGNATURE.sub(r"\1<redacted>", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def configure_logging(folder: Path, level: int = logging.INFO, file_name: str = LOG_FILE) -> Path:
    """Send the process's log records to folder/file_name (rotated); returns its path."""
    path = folder / file_name
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactSignatures())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    return path
