"""The system's reasons a file or folder could not be used (an OSError's errno), in the
language shown: the system's own words (strerror) are English whatever the console's
language, and some ("Errno 30", "Not a directory") mean little to a clerk. An errno
not listed here keeps the system's words."""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from console.gui.settings import TOO_LARGE
from console.private_files import (
    ANOTHER_USERS,
    NOT_REGULAR,
    OPEN_TO_OTHERS,
    SYMLINK,
    UnusableFile,
)
from console.store.errors import STORE_TEXT, SaidError, sqlite_words
from console.translatable import QT_TRANSLATE_NOOP

_IN_USE = QT_TRANSLATE_NOOP("SystemText", "it is in use by another program")
_TOO_MANY_OPEN = QT_TRANSLATE_NOOP("SystemText", "too many files are open")
_NO_DEVICE = QT_TRANSLATE_NOOP("SystemText", "there is no device behind it")
REASONS = {
    errno.EACCES: QT_TRANSLATE_NOOP("SystemText", "you have no permission to write or read there"),
    errno.EPERM: QT_TRANSLATE_NOOP("SystemText", "the system does not allow it"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("SystemText", "the disk is full"),
    errno.EDQUOT: QT_TRANSLATE_NOOP("SystemText", "your disk quota is used up"),
    errno.EROFS: QT_TRANSLATE_NOOP("SystemText", "the disk is read-only"),
    errno.ENOENT: QT_TRANSLATE_NOOP("SystemText", "the folder or file does not exist"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("SystemText", "a part of the path is a file, not a folder"),
    errno.EISDIR: QT_TRANSLATE_NOOP("SystemText", "it is a folder, not a file"),
    errno.EEXIST: QT_TRANSLATE_NOOP("SystemText", "a file of that name is in the way"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("SystemText", "the name is too long"),
    errno.EBUSY: _IN_USE,
    errno.ETXTBSY: _IN_USE,
    errno.EIO: QT_TRANSLATE_NOOP("SystemText", "the disk could not be read or written"),
    errno.EFBIG: QT_TRANSLATE_NOOP("SystemText", "the file would be too large for the disk"),
    errno.EMFILE: _TOO_MANY_OPEN,
    errno.ENFILE: _TOO_MANY_OPEN,
    errno.EADDRINUSE: QT_TRANSLATE_NOOP("SystemText", "the port is in use"),
    # what else opening, making or moving a file or folder meets (a link that leads round
    # in a circle, a network folder gone, a name a disk does not take...)
    errno.ELOOP: QT_TRANSLATE_NOOP(
        "SystemText", "a symbolic link on the way leads round in a circle"
    ),
    errno.ENXIO: _NO_DEVICE,
    errno.ENODEV: _NO_DEVICE,
    errno.ESTALE: QT_TRANSLATE_NOOP("SystemText", "the network folder can no longer be reached"),
    errno.EINVAL: QT_TRANSLATE_NOOP("SystemText", "the system does not take this name or request"),
    errno.EXDEV: QT_TRANSLATE_NOOP("SystemText", "it is on another disk"),
    errno.ENOTEMPTY: QT_TRANSLATE_NOOP("SystemText", "the folder is not empty"),
    errno.ETIMEDOUT: QT_TRANSLATE_NOOP("SystemText", "it took too long"),
}


# A file of the console's it will not use (console/private_files.py), by why not.
UNUSABLE = {
    SYMLINK: QT_TRANSLATE_NOOP(
        "SystemText", "{name} is a symbolic link, which the console does not follow"
    ),
    NOT_REGULAR: QT_TRANSLATE_NOOP("SystemText", "{name} is not a regular file"),
    TOO_LARGE: QT_TRANSLATE_NOOP("SystemText", "{name} is larger than a settings file ever is"),
    ANOTHER_USERS: QT_TRANSLATE_NOOP(
        "SystemText", "{name} belongs to another user, so the console keeps nothing of yours there"
    ),
    OPEN_TO_OTHERS: QT_TRANSLATE_NOOP(
        "SystemText",
        "{name} is a folder other users can write to, so the console keeps nothing of yours there",
    ),
}


def system_reason(error: OSError, *, english: bool = False) -> str:
    """Why the system refused (or the console would not use a file), in the language
    shown, or in English (for a stored text, translated again when shown)."""

    def words(text: str) -> str:
        return text if english else QCoreApplication.translate("SystemText", text)

    if isinstance(error, UnusableFile):
        return words(UNUSABLE[error.why]).format(name=Path(error.filename).name)
    known = REASONS.get(error.errno or 0)
    if known is not None:
        return words(known)
    return str(error.strerror or error)


def reason_of(error: BaseException) -> str:
    """An OSError's reason in the language shown, the store's (a SaidError) and SQLite's
    words too; another error's own words."""
    if isinstance(error, OSError):
        return system_reason(error)
    if isinstance(error, SaidError):
        return store_text(error)
    words = sqlite_words(error)
    return QCoreApplication.translate(STORE_TEXT, words) if words is not None else str(error)


def store_text(error: SaidError) -> str:
    """What the store (or its refund journal) says went wrong, in the language shown (the
    errors among its values by reason_of)."""
    return error.said(QCoreApplication.translate, reason_of)
