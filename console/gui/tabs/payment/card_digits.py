"""A card field's characters as a clerk types or pastes them: full-width digits (a
Chinese input method), a line end or tab copied with the number, an invisible
character from a web page and a printed dash are taken as the ASCII digits, spaces and
dashes they stand for, then the field's pattern is checked.

Qt's QRegularExpressionValidator refuses a paste as a whole when one character does
not match: "4111 1111 1111 1111\\n" left the field empty, without a word. QLineEdit
takes the text `validate` hands back, so the field shows what was meant.

The card number goes into its field and never out of it: CardNumberEdit offers no Copy
or Cut (keys, menu), and on X11 what is selected in it is not left as the primary
selection, which any program (and a clipboard manager) may read.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (
    QClipboard,
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QValidator,
)
from PySide6.QtWidgets import QLineEdit, QMenu


def _typed(ch: str, spaces: bool) -> str:
    """What one typed character stands for in a card field ("" for nothing)."""
    category = unicodedata.category(ch)
    if category == "Cf" or ch in "\r\n":  # invisible; a pasted line's end
        return ""
    if ch.isspace():
        return " " if spaces else ""
    if category == "Pd":  # a dash of any width: en dash, full-width hyphen
        return "-" if spaces else ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded.isascii() and folded.isdigit() else ch


class CardDigits(QValidator):
    """Digits only (`spaces`: and the spaces and dashes a card number is written with),
    at most `most` characters."""

    def __init__(self, most: int, spaces: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spaces = spaces
        allowed = "[0-9 -]" if spaces else "[0-9]"
        self.pattern = re.compile(f"{allowed}{{0,{most}}}")

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        typed = "".join(_typed(ch, self.spaces) for ch in text)
        if not self.pattern.fullmatch(typed):
            return QValidator.State.Invalid, text, pos
        cursor = len("".join(_typed(ch, self.spaces) for ch in text[:pos]))
        return QValidator.State.Acceptable, typed, cursor


_COPYING_ACTIONS = frozenset({"edit-copy", "edit-cut"})  # Qt's names in a line edit's menu


class CardNumberEdit(QLineEdit):
    """A line edit whose text is never copied out (a card number): what a password field
    refuses by its echo mode, with the number shown."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Cut
        ):
            event.accept()  # nothing copied, nothing taken away
            return
        super().keyPressEvent(event)
        self._withdraw_selection()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        self._withdraw_selection()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._withdraw_selection()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        super().mouseDoubleClickEvent(event)
        self._withdraw_selection()

    def context_menu(self) -> QMenu:
        """Qt's menu of the field without its Copy and Cut."""
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() in _COPYING_ACTIONS:
                menu.removeAction(action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())

    def _withdraw_selection(self) -> None:
        """On X11, Qt offers what is selected in a field as the primary selection, at
        once: taken back while it is still this field's, before anyone asked for it."""
        clipboard = QGuiApplication.clipboard()
        mode = QClipboard.Mode.Selection
        if (
            clipboard.supportsSelection()
            and clipboard.ownsSelection()
            and self.hasSelectedText()
            and clipboard.text(mode) == self.selectedText()
        ):
            clipboard.clear(mode)
