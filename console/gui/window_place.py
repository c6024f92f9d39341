"""A window's saved geometry (QWidget.saveGeometry) restored only when it is whole and
can be the screen's, then kept wholly on the screen the console starts on.

Qt takes a geometry cut short (a settings file truncated, or edited by hand) as though
its missing numbers were zeros, and rectangles without size too: the window opened at
its least size (472 × 218). It restores a window larger than the screen (a height of two
thousand million) as it is, and leaves one far above or left of it (a second monitor
gone, numbers edited by hand) there. A geometry damaged or larger than the screen's room
is not used: the caller sizes the window as at a first start. A window beyond the screen
is moved onto it (a maximized one is maximized on it, its normal place Qt's)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_MAGIC = 0x1D9D0CB  # what every geometry Qt saves starts with


def _normal_rect(window: QWidget, saved: QByteArray) -> QRect | None:
    """The normal rectangle of a geometry as Qt saves it now; None when it is not one
    (cut short, another format) or its rectangles have no size."""
    if saved.size() != window.saveGeometry().size():
        return None
    stream = QDataStream(saved, QIODevice.OpenModeFlag.ReadOnly)
    stream.setVersion(QDataStream.Version.Qt_4_0)
    if stream.readUInt32() != _MAGIC:
        return None
    stream.readUInt16()  # the format's versions: Qt checks them
    stream.readUInt16()
    frame, normal = QRect(), QRect()
    stream >> frame >> normal
    whole = stream.status() == QDataStream.Status.Ok and frame.isValid() and normal.isValid()
    return normal if whole else None


def restore_on_screen(window: QWidget, saved: QByteArray) -> bool:
    """Restore the window's saved geometry wholly on the screen; False when it was not
    used (none, damaged, larger than the screen), and the window is as it was."""
    normal = _normal_rect(window, saved)
    if normal is None:
        return False
    screen = QGuiApplication.screenAt(normal.center()) or window.screen()
    room = screen.availableGeometry()
    if normal.width() > room.width() or normal.height() > room.height():
        return False
    if not window.restoreGeometry(saved):
        return False
    if window.isMaximized() or window.isFullScreen():
        return True
    inner, frame = window.geometry(), window.frameGeometry()
    room = room.adjusted(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        inner.right() - frame.right(),
        inner.bottom() - frame.bottom(),
    )
    width, height = min(inner.width(), room.width()), min(inner.height(), room.height())
    x = min(max(inner.x(), room.left()), room.right() + 1 - width)
    y = min(max(inner.y(), room.top()), room.bottom() + 1 - height)
    if (x, y, width, height) != (inner.x(), inner.y(), inner.width(), inner.height()):
        window.setGeometry(x, y, width, height)
    return True
