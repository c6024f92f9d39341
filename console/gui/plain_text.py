"""Labels and message boxes whose text is never read as markup.

Qt reads a label's text as rich text when it looks like markup (Qt::AutoText): a bill
title, a server's err_detail, a profile name or a path that holds `<img
src=/dev/zero>` then froze the console for good, Qt reading the "image" without end,
and `<b>12.50</b>` typed into a field came back in bold. Every label of the console is
a PlainLabel and every message box a plain_box, unless it is made of markup of our own
(the charts' legend). A tooltip cannot be told to be plain (Qt reads it as a label
does): one whose text comes from outside is given as plain_tip(text).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

if TYPE_CHECKING:  # imported when a box is made: a start makes none
    from PySide6.QtWidgets import QMessageBox


class PlainLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


# A run of characters with nothing to break a line at (a profile named without a space)
# longer than this gets a zero-width space after each stretch of this many.
_UNBROKEN = re.compile(r"[^\s\u200b-]{40}(?=[^\s\u200b-])")


def wrappable(text: str) -> str:
    """The text as a word-wrapped label shows it within its width: a label wraps between
    words only, so that a long run with no space (a name, an App ID pasted whole) made
    it, and the window or dialog that holds it, wider than the screen."""
    return _UNBROKEN.sub(lambda run: run.group() + "\u200b", text)


def plain_tip(text: str) -> str:
    """A tooltip that shows text as it is: markup of its own, escaped (white space kept
    and long lines wrapped), which Qt reads as rich text whatever the text looks like."""
    if not text:
        return ""
    return '<p style="white-space:pre-wrap">' + html.escape(text, quote=False) + "</p>"


def field_label(text: str, field: QWidget) -> PlainLabel:
    """A label beside a field, attached to it (its buddy), and the field's accessible
    name: a screen reader names the field by it. (Qt names a field by its buddy only when
    both have the same parent: a field inside a row of its own, the days' preset inside
    the date picker, went unnamed.)"""
    label = PlainLabel(text)
    label.setBuddy(field)
    field.setAccessibleName(text)
    return label


def plain_box(parent: QWidget | None) -> QMessageBox:
    """A message box whose text (setText) is plain; its informative text is ours alone."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def action_or_cancel(box: QMessageBox, action: str) -> QPushButton:
    """The question's two answers: the action it asks about (never the default, nor taken
    by Enter while it has the focus) and Cancel, the default and Escape's: a stray Enter
    or Escape does nothing. `chose_action` tells which was taken."""
    from PySide6.QtWidgets import QMessageBox

    button = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    button.setAutoDefault(False)
    return button


def chose_action(box: QMessageBox) -> bool:
    """Whether the answer was the action of `action_or_cancel` (anything else is no)."""
    from PySide6.QtWidgets import QMessageBox

    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole
