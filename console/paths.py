"""Where the console keeps its files: the user's data and log folders."""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "beecloud-console"


def data_dir() -> Path:
    """$XDG_DATA_HOME/beecloud-console (else ~/.local/share/beecloud-console), created."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    path = Path(base) / APP_DIR_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """$XDG_STATE_HOME/beecloud-console/logs (else ~/.local/state/...), created."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    path = Path(base) / APP_DIR_NAME / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
