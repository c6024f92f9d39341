"""Who and when, as the store writes them down; and how a text is marked for
translation without loading Qt. No Qt here."""

from __future__ import annotations

import getpass
import os
import time

UNKNOWN_OPERATOR = "unknown user"


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def os_user() -> str:
    """The OS user running the console; a stand-in rather than a crash when there is none."""
    try:
        name = getpass.getuser()
    except Exception:  # no login name and no passwd entry (e.g. a bare container)
        name = ""
    if name.strip():
        # A name whose bytes are not UTF-8 comes as lone surrogates (the environment's
        # surrogateescape), which no database can hold: its bytes read as UTF-8 instead.
        return os.fsencode(name.strip()).decode("utf-8", "replace")
    getuid = getattr(os, "getuid", None)
    return f"uid {getuid()}" if getuid is not None else UNKNOWN_OPERATOR
