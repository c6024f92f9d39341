"""Logging to the user's log folder, rotated. Nothing secret is ever logged:
callers log names, codes and hosts, never secrets, signatures or card data.

Two guards stand behind that rule: urllib3's debug records (which print a GET's
URL, and so its `para` with app_sign) are never emitted, and the log file's
handler blanks anything that still looks like an app_sign, in a record's message
and in its traceback.

A record is one line, starting with its time: a line break, a terminal's escape or
a direction override in its words (a file's name, a server's) is written escaped
(`\n`, `\x1b`, `\u202e`), and the lines of a traceback are indented, so that no
words can forge a record or colour the terminal of whoever reads the log.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import logging
import logging.handlers
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from console.api.validate import CONTROL_CHARACTERS
from console.private_files import open_private, private_folder

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows)
    fcntl = None  # type: ignore[assignment]

LOG_FILE = "console.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
CHATTY_LIBRARIES = ("urllib3", "requests")

_SIGNATURE = re.compile(r"(app_sign(?:%22%3A%22|%22:%22|\"\s*:\s*\"|'\s*:\s*'|=))[0-9a-fA-F]{32}")
TRACEBACK_INDENT = "    "

# A warning or a lesser record said already within this long is counted, not written
# again: offline for a weekend, every timer sync wrote the same dozen warnings, a
# megabyte a day that pushed the days before (a crash, a payment's lost answer) out of
# the rotated files. Errors are written every time.
REPEAT_QUIET_S = 3600.0
REPEATS_REMEMBERED = 512  # the messages whose repeats are counted; the oldest forgotten
_monotonic = time.monotonic


def _redacted(text: str) -> str:
    return _SIGNATURE.sub(r"\1<redacted>", text)


def _escaped(text: str) -> str:
    """The text on one line: each character that breaks a line, or moves, colours or
    turns a terminal's text (those a free text may not hold: CONTROL_CHARACTERS), as its
    Python escape (\\n, \\x1b)."""
    return CONTROL_CHARACTERS.sub(
        lambda found: found.group().encode("unicode_escape").decode(), text
    )


class RedactSignatures(logging.Filter):
    """Blank every app_sign value in a record's message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _redacted(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class OneLineFormatter(logging.Formatter):
    """A record's message on its one line (escaped); its traceback or stack beneath,
    each line indented and escaped; an app_sign anywhere blanked."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        message = record.message
        record.message = _escaped(message)
        try:
            return super().formatMessage(record)
        finally:
            record.message = message

    def formatException(self, ei: Any) -> str:
        return _indented(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return _indented(super().formatStack(stack_info))

    def format(self, record: logging.LogRecord) -> str:
        # as logging.Formatter.format, but never with the traceback another handler's
        # formatter made and left on the record (record.exc_text)
        record.message = record.getMessage()
        if self.usesTime():
            record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        elif record.exc_text:
            text += "\n" + _indented(record.exc_text)
        if record.stack_info:
            text += "\n" + self.formatStack(record.stack_info)
        return _redacted(text)


class QuietRepeats(logging.Filter):
    """A warning, or a lesser record, whose message was written within REPEAT_QUIET_S is
    counted instead; the next one written after that says how many were not."""

    def __init__(self) -> None:
        super().__init__()
        self.said: dict[tuple[str, int, str], tuple[float, int]] = {}  # when written, since

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            return True
        message = record.getMessage()
        key = (record.name, record.levelno, message)
        now = _monotonic()
        written, repeats = self.said.pop(key, (None, 0))
        if written is not None and now - written < REPEAT_QUIET_S:
            self.said[key] = (written, repeats + 1)
            return False
        self.said[key] = (now, 0)
        while len(self.said) > REPEATS_REMEMBERED:
            del self.said[next(iter(self.said))]
        if repeats:
            record.msg = (
                f"{message} (and {repeats} times more in the hour after it was last written)"
            )
            record.args = None
        return True


def _indented(text: str) -> str:
    return "\n".join(TRACEBACK_INDENT + _escaped(line) for line in _redacted(text).split("\n"))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Every file it opens (the first, and each after a rollover) is a regular file, not
    reached by a symbolic link, and 0600.

    A record the file cannot take (a full disk, an I/O error) goes to standard error, in
    its one line; the file is opened again for the next record (what it had not written
    dropped, never written half later), and the first it takes says how many it missed.

    Two consoles of one user write the one file, each process with a handler of its own.
    One that rotated it left the other writing to the file rotated away (not the log
    support is sent), which its next rotations deleted while it was still written to: a
    quiet console's records beside a busy one were lost. Each record now goes to the file
    at the log's name (one rotated by another console is left for it), and a rotation is
    made under a lock on the full file, so that two consoles finding it full at once
    rotate it once (the second writes to the new file)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._missed = 0
        self._missed_why = ""

    def emit(self, record: logging.LogRecord) -> None:
        if self._missed:
            text = _missed_text(self._missed, self._missed_why)
            note = logging.LogRecord(__name__, logging.WARNING, __file__, 0, text, None, None)
            note.missed = self._missed  # handleError counts them again if the note fails
            self._missed = 0
            super().emit(note)
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)
            return
        stream, self.stream = self.stream, None
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
        self._missed_why = error.strerror or str(error)
        missed = getattr(record, "missed", None)
        if isinstance(missed, int):  # the note: its records are on standard error already
            self._missed += missed
            return
        self._missed += 1
        with contextlib.suppress(Exception):  # no standard error (a windowed start)
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()

    def shouldRollover(self, record: logging.LogRecord) -> bool:
        self._follow_the_name()
        return bool(super().shouldRollover(record))

    def doRollover(self) -> None:
        if self.stream is None or fcntl is None:
            super().doRollover()
            return
        # a descriptor of its own holds the lock: closing the stream (the rotation's
        # first step) would let go of it before the rename
        held = os.dup(self.stream.fileno())
        try:
            fcntl.flock(held, fcntl.LOCK_EX)  # another console is rotating it: waits
            if self._follow_the_name():
                return  # it rotated it meanwhile: the new file is written to
            super().doRollover()
        finally:
            os.close(held)

    def _follow_the_name(self) -> bool:
        """The file open is no longer at the log's name (another console rotated it, or
        it was removed): closed, so that the next record opens the one there. Whether it
        was."""
        if self.stream is None:
            return False
        try:
            at_name = os.lstat(self.baseFilename)
            mine = os.fstat(self.stream.fileno())
            if (at_name.st_dev, at_name.st_ino) == (mine.st_dev, mine.st_ino):
                return False
        except OSError:
            pass  # none at the name: opened anew there
        stream, self.stream = self.stream, None
        with contextlib.suppress(OSError):
            stream.close()
        self.stream = self._open()
        return True

    def _open(self) -> io.TextIOWrapper:
        # never through a symbolic link, never a device or a pipe (UnusableFile); one
        # made earlier with wider permissions is narrowed
        descriptor = open_private(Path(self.baseFilename), os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        stream = os.fdopen(descriptor, self.mode, encoding=self.encoding, errors=self.errors)
        assert isinstance(stream, io.TextIOWrapper)  # a text mode ("a"): what logging writes
        return stream


def _missed_text(count: int, why: str) -> str:
    """What the log file says of the records it could not take."""
    if count == 1:
        return f"1 record could not be written to this file ({why}): it went to standard error"
    return f"{count} records could not be written to this file ({why}): they went to standard error"


def _log_folder(folder: Path) -> None:
    """The log folder, and the console's state folder it is in, made private: never made
    in a folder others can write to (the state folder a link to /tmp), as private_folder
    looks at the folder it makes, which is the user's own once made there. A state
    folder of the user's own left open by an earlier start is mended first (0700).
    Raises OSError (UnusableFile)."""
    private_folder(folder.parent)
    private_folder(folder)


def configure_logging(folder: Path, level: int = logging.INFO, file_name: str = LOG_FILE) -> Path:
    """Send the process's log records to folder/file_name (rotated, private); returns its
    path. Raises OSError when the folder or the file cannot be written, or the folder it
    is in is one others can write to (_log_folder)."""
    _log_folder(folder)
    path = folder / file_name
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    _install(handler, level)
    return path


# Where a crash (a fault in Qt's or a library's native code) is written, in the log
# folder. Only file names, lines and functions: no values.
CRASH_FILE = "console-crash.log"
_crash_file: io.BufferedWriter | None = None  # kept open: written as the process dies


def record_crashes(folder: Path, file_name: str = CRASH_FILE) -> None:
    """Have Python write where every thread was when a fatal signal ends the process
    (SIGSEGV, SIGABRT, …) to folder/file_name, private: a console that vanished left
    nothing else (no traceback reaches a log; a windowed start has no terminal). A file
    that cannot be opened leaves crashes unrecorded, not the console unstarted. Called
    again (in a forked child: the embedded sandbox's), crashes go to the new file only,
    or nowhere when it cannot be opened: never to the file of the process before."""
    global _crash_file
    path = folder / file_name
    try:  # (never in a folder others can write to, where configure_logging writes nothing)
        _log_folder(folder)
        descriptor = open_private(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    except OSError as error:
        logging.getLogger(__name__).warning("crashes cannot be recorded in %s: %s", path, error)
        faulthandler.disable()
        descriptor = None
    earlier, _crash_file = _crash_file, None
    if descriptor is not None:
        _crash_file = os.fdopen(descriptor, "ab")
        faulthandler.enable(file=_crash_file, all_threads=True)
    if earlier is not None:
        earlier.close()


def configure_logging_or_stderr(
    folder: Path, level: int = logging.INFO, file_name: str = LOG_FILE
) -> OSError | None:
    """As configure_logging; when the folder cannot be written, log to standard error
    instead and return why (for the user: the console starts all the same)."""
    try:
        configure_logging(folder, level, file_name)
    except OSError as error:
        configure_stderr_logging(level)
        reason = error.strerror or str(error)
        logging.getLogger(__name__).error(
            "the log %s cannot be written (%s): logging to standard error",
            error.filename or folder,  # the file, when it is what was refused
            reason,
        )
        return error
    return None


def configure_stderr_logging(level: int = logging.INFO) -> None:
    """Send the process's log records to standard error (the standalone sandbox's, a
    terminal's), one line each as in the file."""
    _install(logging.StreamHandler(sys.stderr), level)


def _install(handler: logging.Handler, level: int) -> None:
    handler.setFormatter(OneLineFormatter(FORMAT))
    handler.addFilter(RedactSignatures())
    handler.addFilter(QuietRepeats())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
