"""A day field (a custom range's from and to) that takes a day pasted or typed in another
form than it writes days, when it can be one day only (typed_days), and says why it
took none: a QDateEdit ignores what it cannot read without a word, and the list went on
showing other days than the clerk believed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

from console.api.validate import excerpt, typed_words
from console.gui.tables.typed_days import day_first_of, read_day


class DayEdit(QDateEdit):
    refused = Signal(str)  # why what was typed or pasted was not taken, in words

    def __init__(self, day: QDate, parent: QWidget | None = None) -> None:
        super().__init__(day, parent)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        checked: Any = super().validate(text, pos)  # (6.9's stubs: object)
        if checked[0] != QValidator.State.Invalid:
            return checked
        read = read_day(text, day_first_of(self.displayFormat()))
        if read is not None and not isinstance(read, tuple):
            shown = self._shown(QDate(read.year, read.month, read.day))
            again: Any = super().validate(shown, len(shown))
            if again[0] != QValidator.State.Invalid:
                return again
        self.refused.emit(self._why(text, read))
        return checked

    def _shown(self, day: QDate) -> str:
        return self.locale().toString(day, self.displayFormat())

    def _why(self, text: str, read: object) -> str:
        typed, still = excerpt(typed_words(text)), self._shown(self.date())
        if isinstance(read, tuple):
            one, other = (self._shown(QDate(d.year, d.month, d.day)) for d in read)
            return QCoreApplication.translate(
                "DayEdit",
                "“{typed}” may be {one} or {other}: type the day as the field writes it. "
                "The field still shows {still}.",
            ).format(typed=typed, one=one, other=other, still=still)
        return QCoreApplication.translate(
            "DayEdit",
            "“{typed}” is not a day: type it as the field writes it, such as {example}. "
            "The field still shows {still}.",
        ).format(typed=typed, example=still, still=still)
