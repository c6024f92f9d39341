"""Where the console keeps its files: the user's data and log folders (XDG).

These only name the folders; whoever writes there creates them.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "beecloud-console"


def _xdg(variable: str, fallback: Path) -> Path:
    """An XDG base folder; a relative value is ignored, as the XDG spec says."""
    value = os.environ.get(variable, "")
    return Path(value) if value and Path(value).is_absolute() else fallback


def data_dir() -> Path:
    """$XDG_DATA_HOME/beecloud-console, else ~/.local/share/beecloud-console."""
    return _xdg("XDG_DATA_HOME", Path.home() / ".local" / "share") / APP_DIR_NAME


def log_dir() -> Path:
    """$XDG_STATE_HOME/beecloud-console/logs, else ~/.local/state/beecloud-console/logs."""
    return _xdg("XDG_STATE_HOME", Path.home() / ".local" / "state") / APP_DIR_NAME / "logs"
