"""A number of seconds typed with one decimal (a profile's timeouts), read and written
as the console writes every number, 2.5, whatever the computer's locale.

A QDoubleSpinBox reads with the locale's numbers: on Denmark's English "2.5" was
25 seconds ('.' groups thousands there), and on the English shown to a German
computer a clerk's "2,5" was 25 seconds too (',' groups them). Here the decimal point
is '.', a comma typed is taken for it, and no separator groups thousands. An input
method's full-width digits, point and comma ("３０", "２．５") are taken as the ASCII ones,
and the blanks and invisible characters a chat copies with a number are left out: the
field took none of them, without a word (each key, a paste, did nothing). A unit typed
or pasted after the number ("5 seconds", "5s", "5 秒") is the field's own.

What it still cannot take ("2.55", "1,000", "five") it refuses, as a spin box does, but
not without a word: `refused` carries the text typed, for a message beside the field
(a key or a paste that did nothing left the clerk believing the timeout changed)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from console.api.validate import visible

# An input method's full-width digits, full stop (and the ideographic one, "。") and comma,
# and the decimal comma, as typed
_AS_TYPED = str.maketrans("０１２３４５６７８９．。，,", "0123456789....")
# The units a number of seconds is written with, in English and Chinese, after it, as
# typed key by key too: a word of the letters of "seconds" that begins with its s ("s",
# "sec", "secs", "seconds"). A space typed after the number moves Qt's cursor past the
# field's own " seconds", and each letter lands after it ("5 secondse", "5 secondsc"):
# refused one by one, "“5 secondsd” was not taken" stayed beside the 5 seconds taken
_UNITS = re.compile(r"(?:\s*(?:s[cdenos]*|秒钟?))+\s*$", re.IGNORECASE)


def _typed(text: str) -> str:
    """What was typed or pasted as the field reads it: full-width as ASCII, a comma as
    the point, without invisible characters (Qt leaves out the blanks around it, an
    ideographic space too), without a unit after a number."""
    typed = visible(text).translate(_AS_TYPED)
    unitless = _UNITS.sub("", typed)
    return unitless if unitless.strip() else typed


class SecondsSpin(QDoubleSpinBox):
    refused = Signal(str)  # the text typed or pasted that the field did not take

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        numbers = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        numbers.setNumberOptions(
            QLocale.NumberOption.OmitGroupSeparator | QLocale.NumberOption.RejectGroupSeparator
        )
        self.setLocale(numbers)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        checked: Any = super().validate(_typed(text), pos)  # (6.9's stubs: object)
        if checked[0] == QValidator.State.Invalid:
            self.refused.emit(self._value_part(text))
        return checked

    def valueFromText(self, text: str) -> float:
        return super().valueFromText(_typed(text))

    def _value_part(self, text: str) -> str:
        """The text typed, without the field's own suffix around it."""
        suffix = self.suffix()
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)]
        return text.strip()
