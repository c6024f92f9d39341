"""Where the keyboard's focus goes when the button it is on turns itself off.

Qt hands the focus of a widget turned off to the next one in the Tab chain: past the
end of a tab, that is the Profile picker at the top of the window, where an arrow key
or the next amount typed picks another profile. A button that turns off when pressed
(Pay, Refund…) hands it to a field of its own tab instead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def holds_focus(widget: QWidget) -> bool:
    """Whether the widget has its window's focus (also while a dialog is in front)."""
    return widget.window().focusWidget() is widget


def hand_focus_on(button: QWidget, to: QWidget) -> None:
    """Before `button` turns off: the focus, if it is on it, goes to `to`."""
    if holds_focus(button):
        to.setFocus(Qt.FocusReason.OtherFocusReason)
