"""Whether a console crashed since the last start: said once at the next start.

A fatal signal (SIGSEGV, SIGABRT, …) leaves where each thread was in the crash file
(console/logs.py, record_crashes), and no time: faulthandler writes none. So each start
compares that file with what the start before noted of it, in a small private file
beside it (NOTED_FILE): its identity (device and inode), size and time of last change.
A crash file that is not empty and no longer as noted holds a crash not yet told, made
when the file last changed (the last crash's time, when there were several). The start
notes the file as it is now, then tells: a crash is told once.

Only a start that a clerk sees looks (console/gui/app.py). One with `--exit-when-ready`
(a check by a script, the README or a test: it prints "ready …" and closes its window
unseen) leaves the file and the note as they are: it would note the crash as told,
and the clerk's next start would say nothing of it.

- Two consoles at once: one that vanishes after another started (and noted the file
  as it was then) has grown the file since, so the next start tells it. Two starts at
  the same moment: the note is held (flock) while it is compared and written, and a
  start that finds it held says nothing (the other start tells).
- A crash file that is missing, a symbolic link or not a regular file holds nothing
  to tell (record_crashes writes nothing through a link either); one replaced or
  rotated by hand is as noted no longer: told when it is not empty.
- A note that is missing or empty (none written yet, or a start cut short while
  writing it): nothing was told. A note that cannot be read (damaged): whether the
  crash was told is not known, so it is noted and not told.
- A note that cannot be written (a log folder that cannot be, a full disk, a link in
  its place): nothing is told, since it would be told again at every start.

Nothing here raises: a crash record that cannot be read never stops a start. No Qt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
import time
from pathlib import Path
from typing import NamedTuple

from console.logs import CRASH_FILE
from console.private_files import open_private

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows): nothing held, two starts may both tell
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

NOTED_FILE = "console-crash.noted"
_NOTE_MAX_BYTES = 1024  # a note is some 100 bytes: a bigger one is damaged, read no further
_FIELDS = ("device", "inode", "size", "changed_ns")


class Crash(NamedTuple):
    """A crash not yet told: the file that says where it happened, and when (the
    file's last change, in milliseconds since the epoch). A named tuple: a start
    defines few dataclasses (docs/decisions.md)."""

    path: Path
    at_ms: int


def crash_since_last_start(folder: Path) -> Crash | None:
    """The crash that the crash file in the log folder holds and no start has told yet,
    noted as told; None when there is none, or nothing can be said (see the module)."""
    try:
        descriptor = open_private(folder / NOTED_FILE, os.O_RDWR | os.O_CREAT)
    except OSError as error:
        log.warning("whether the console crashed since its last start cannot be told: %s", error)
        return None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return None  # another console is starting and looking: it tells
            except OSError:  # no locks on this file system: as without flock
                pass
        return _compared_and_noted(descriptor, folder / CRASH_FILE)
    except OSError as error:
        log.warning("whether the console crashed since its last start cannot be told: %s", error)
        return None
    finally:
        os.close(descriptor)  # and its lock with it


def _compared_and_noted(descriptor: int, crash_file: Path) -> Crash | None:
    noted = _read_note(os.pread(descriptor, _NOTE_MAX_BYTES + 1, 0))
    now = _state_of(crash_file)
    os.ftruncate(descriptor, 0)
    text = json.dumps(dict(zip(_FIELDS, now, strict=True)) if now else {}).encode()
    if os.pwrite(descriptor, text, 0) != len(text):
        raise OSError("the note was written in part")
    if now is None or now[2] == 0 or noted is _DAMAGED or noted == now:
        return None
    crash = Crash(crash_file, now[3] // 1_000_000)
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(crash.at_ms / 1000))
    log.warning("the console stopped unexpectedly at %s: where it was is in %s", when, crash_file)
    return crash


_DAMAGED = (-1, -1, -1, -1)


def _read_note(raw: bytes) -> tuple[int, ...] | None:
    """What the note says of the crash file: its state then; None when nothing was
    noted (or the file was not there); _DAMAGED when it cannot be read."""
    if not raw:
        return None
    if len(raw) > _NOTE_MAX_BYTES:
        return _DAMAGED
    try:
        noted = json.loads(raw.decode())
    except ValueError:  # UnicodeDecodeError too
        return _DAMAGED
    if noted == {}:
        return None
    if not isinstance(noted, dict) or set(noted) != set(_FIELDS):
        return _DAMAGED
    values = tuple(noted[field] for field in _FIELDS)
    if not all(type(value) is int for value in values):
        return _DAMAGED
    return values


def _state_of(crash_file: Path) -> tuple[int, int, int, int] | None:
    """The crash file's identity, size and time of last change; None when it is not
    there, or is a link or anything but a regular file (never followed)."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        status = os.lstat(crash_file)
        if stat.S_ISREG(status.st_mode):
            return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
    return None
