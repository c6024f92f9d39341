"""The window as it was left, whatever the screen is now and whatever the settings file
holds: a saved geometry that is damaged (cut short, rectangles without size) is not
used, and one that reaches beyond the screen (a second monitor gone, numbers edited by
hand) is brought wholly onto the screen the console starts on."""

from __future__ import annotations

import struct

import pytest
from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtWidgets import QWidget

from console.gui.main_window import MainWindow
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.settings import PROFILES_DIALOG_GEOMETRY, WINDOW_GEOMETRY

# Qt's saved geometry: magic, version, the frame's rectangle, the normal one, the screen's
# number, maximized, full screen, the screen's width, and the normal rectangle again.
FRAME = slice(8, 24)
NORMAL = slice(24, 40)
MAXIMIZED = 44
RESTORED = slice(50, 66)


def corners(x: int, y: int, width: int, height: int) -> bytes:
    """A QRect as QDataStream writes it: left, top, right, bottom."""
    return struct.pack(">4i", x, y, x + width - 1, y + height - 1)


def edited(saved: QByteArray, x: int, y: int, width: int, height: int, maximized: bool = False):
    """A geometry saved by this console, its window put at x, y and sized by hand."""
    data = bytearray(saved.data())
    data[FRAME] = corners(x, y, width, height)
    data[NORMAL] = data[RESTORED] = corners(x + 2, y + 2, width - 4, height - 4)
    data[MAXIMIZED] = int(maximized)
    return QByteArray(bytes(data))


@pytest.fixture
def saved(session: ConsoleSession, qtbot) -> QByteArray:
    """The geometry a console closed on this screen saved."""
    first = MainWindow(session)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    return session.settings.get(WINDOW_GEOMETRY)


def started(session: ConsoleSession, qtbot, geometry: QByteArray) -> MainWindow:
    session.settings.put(WINDOW_GEOMETRY, geometry)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def first_start(session: ConsoleSession, qtbot) -> QRect:
    return started(session, qtbot, QByteArray()).geometry()


def assert_on_screen(window: QWidget) -> None:
    room = window.screen().availableGeometry()
    assert room.contains(window.geometry()), (window.geometry(), room)


@pytest.mark.parametrize(
    "place",
    [
        (3000, 100, 604, 504),  # on a second monitor, gone
        (100, 3000, 604, 504),
        (-(2**31) + 5, -(2**31) + 5, 604, 504),
        (2**31 - 700, 2**31 - 600, 604, 504),
    ],
)
def test_a_window_saved_beyond_the_screen_opens_wholly_on_it(session, qtbot, saved, place) -> None:
    window = started(session, qtbot, edited(saved, *place))
    assert_on_screen(window)
    assert window.size() == QSize(600, 500)


@pytest.mark.parametrize("maximized", [False, True])
@pytest.mark.parametrize("width, height", [(20000, 20000), (2**31 - 10, 2**31 - 10), (900, 500)])
def test_a_window_saved_larger_than_the_screen_opens_as_at_a_first_start(
    session, qtbot, saved, width: int, height: int, maximized: bool
) -> None:
    default = first_start(session, qtbot).size()
    window = started(session, qtbot, edited(saved, 0, 0, width, height, maximized))
    assert window.size() == default and not window.isMaximized()


def test_a_window_saved_maximized_opens_maximized(session, qtbot, saved) -> None:
    window = started(session, qtbot, edited(saved, 3000, 100, 604, 504, maximized=True))
    assert window.isMaximized()
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMaximized())
    assert_on_screen(window)


@pytest.mark.parametrize("cut", [8, 20, 40, 60])
def test_a_geometry_cut_short_opens_the_window_as_at_a_first_start(
    session, qtbot, saved, cut
) -> None:
    default = first_start(session, qtbot).size()
    window = started(session, qtbot, saved.left(cut))
    assert window.size() == default


def test_a_geometry_of_no_size_opens_the_window_as_at_a_first_start(session, qtbot, saved) -> None:
    default = first_start(session, qtbot).size()
    window = started(session, qtbot, edited(saved, 100, 100, -500, -500))
    assert window.size() == default


@pytest.mark.parametrize("damage", ["cut", "larger"])
def test_the_profiles_dialog_saved_damaged_opens_as_at_first(session, qtbot, damage) -> None:
    first = ProfilesDialog(session)
    qtbot.addWidget(first)
    default = first.size()
    first.show()
    first.accept()
    saved = session.settings.get(PROFILES_DIALOG_GEOMETRY)
    damaged = saved.left(30) if damage == "cut" else edited(saved, 0, 0, 2**31 - 10, 900)
    session.settings.put(PROFILES_DIALOG_GEOMETRY, damaged)
    second = ProfilesDialog(session)
    qtbot.addWidget(second)
    assert second.size() == default
