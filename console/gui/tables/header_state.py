"""A table's column layout (widths, order, hidden columns, sort) as kept across starts:
Qt's own header state, sealed with its digest.

Qt reads a header state cut short past its end: the Bills layout with hidden columns,
cut by a disk that filled as it was written or by a hand edit, crashed the console at
every start (a segmentation fault in QHeaderView::restoreState). A state whose seal
does not match what it seals is not given to Qt: the columns are as at a first start."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray

_MARK = b"BCH1"  # a state sealed by this console
_DIGEST_SIZE = 16


def _digest(state: bytes) -> bytes:
    return hashlib.blake2b(state, digest_size=_DIGEST_SIZE).digest()


def sealed(state: QByteArray) -> QByteArray:
    """The state as kept: the mark, its digest, then the state."""
    data = bytes(state.data())
    return QByteArray(_MARK + _digest(data) + data)


def unsealed(kept: QByteArray) -> QByteArray | None:
    """The state kept, if it is whole as sealed; else None (cut short, changed, not
    sealed by this console)."""
    data = bytes(kept.data())
    start = len(_MARK) + _DIGEST_SIZE
    if len(data) <= start or not data.startswith(_MARK):
        return None
    state = data[start:]
    return QByteArray(state) if _digest(state) == data[len(_MARK) : start] else None
