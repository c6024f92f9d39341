"""Logging to the user's log folder, rotated. Nothing secret is ever logged:
callers log names, codes and hosts, never secrets, signatures or card data."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "console.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(folder: Path, level: int = logging.INFO) -> Path:
    """Send the console's log records to folder/console.log (rotated); returns its path."""
    path = folder / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    return path
