"""The Profile picker above the tabs: a profile is picked from its open list, never
switched by a stray key or the mouse wheel.

A closed QComboBox takes an arrow key, Page Up/Down, Home/End or a letter as a new
choice, and the wheel too, so a key pressed while the focus happened to be there, or a
scroll past it, switched profile at once (to a live one perhaps). Here those open the
list instead, where Up/Down move and Enter (or a click) picks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox

# The keys a closed combo box takes as a choice of another item
_CHOOSING = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}


class ProfilePicker(QComboBox):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _CHOOSING or (plain and event.text().isprintable() and event.text()):
            self.showPopup()  # chosen in the list, not by this key
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()  # the window's, not a choice of profile
