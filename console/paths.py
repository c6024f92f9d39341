"""Where the console keeps its files: the user's data and log folders (XDG).

These only name the folders; whoever writes there creates them.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "beecloud-console"


def _home() -> Path:
    """The user's home: $HOME when it is absolute; else (relative, which would put the
    files wherever the console was started from; empty, which Python and Qt read as /;
    unset, which Qt reads as / too) the account's own. On Windows, Python's own."""
    if os.name != "posix":
        return Path.home().absolute()
    given = os.environ.get("HOME", "")
    if given and Path(given).is_absolute():
        return Path(given)
    try:
        import pwd

        return Path(pwd.getpwuid(os.getuid()).pw_dir)
    except KeyError:  # no entry in the password database
        return Path.home().absolute()


def settle_home() -> None:
    """A HOME that is not absolute (or none) is made the user's home for this process,
    at start: Qt's own folders (the settings, its cache) then go where the console's
    files go. On Windows, where Python finds the home without HOME, it is left alone."""
    given = os.environ.get("HOME", "")
    if os.name == "posix" and not (given and Path(given).is_absolute()):
        os.environ["HOME"] = str(_home())


def _xdg(variable: str, fallback: Path) -> Path:
    """An XDG base folder; a relative value is ignored, as the XDG spec says."""
    value = os.environ.get(variable, "")
    return Path(value) if value and Path(value).is_absolute() else fallback


def data_dir() -> Path:
    """$XDG_DATA_HOME/beecloud-console, else ~/.local/share/beecloud-console."""
    return _xdg("XDG_DATA_HOME", _home() / ".local" / "share") / APP_DIR_NAME


def log_dir() -> Path:
    """$XDG_STATE_HOME/beecloud-console/logs, else ~/.local/state/beecloud-console/logs."""
    return _xdg("XDG_STATE_HOME", _home() / ".local" / "state") / APP_DIR_NAME / "logs"
