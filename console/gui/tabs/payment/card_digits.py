"""A card field's characters as a clerk types or pastes them: full-width digits (a
Chinese input method), a line end or tab copied with the number, an invisible
character from a web page and a printed dash are taken as the ASCII digits, spaces and
dashes they stand for, then the field's pattern is checked.

Qt's QRegularExpressionValidator refuses a paste as a whole when one character does
not match: "4111 1111 1111 1111\\n" left the field empty, without a word. QLineEdit
takes the text `validate` hands back, so the field shows what was meant.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import QObject
from PySide6.QtGui import QValidator


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
