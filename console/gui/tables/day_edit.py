"""A day field (a custom range's from and to) that takes a day pasted or typed in another
form than it writes days, when it can be one day only (typed_days), and says so when it
may be two ("05/01/2026": 5 January or 1 May?): a QDateEdit ignored both without a word,
and the list went on showing other days than the clerk believed.

What is no day at all is refused as a QDateEdit refuses it, the field keeping its day in
sight, without a message: a message for each key refused said "“01/12//” is not a day"
of keys typed rightly in the field's own order (Qt moves to the next part of the day by
itself, and refuses the separator typed after it), and stayed under a field showing the
day typed. Two readings arise only from a whole day typed or pasted year last into a
field that writes the year first: never from keys typed in its own order."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

from console.api.validate import excerpt, typed_words
from console.gui.tables.typed_days import day_first_of, read_day


class DayEdit(QDateEdit):
    refused = Signal(str)  # a day typed or pasted that may be two days, said in words

    def __init__(self, day: QDate, parent: QWidget | None = None) -> None:
        super().__init__(day, parent)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        checked: Any = super().validate(text, pos)  # (6.9's stubs: object)
        if checked[0] != QValidator.State.Invalid:
            return checked
        read = read_day(text, day_first_of(self.displayFormat()))
        if isinstance(read, tuple):
            self.refused.emit(self._two_readings(text, read))
        elif read is not None:
            shown = self._shown(QDate(read.year, read.month, read.day))
            again: Any = super().validate(shown, len(shown))
            if again[0] != QValidator.State.Invalid:
                return again
        return checked

    def _shown(self, day: QDate) -> str:
        return self.locale().toString(day, self.displayFormat())

    def _two_readings(self, text: str, read: tuple[date, date]) -> str:
        typed, still = excerpt(typed_words(text)), self._shown(self.date())
        one, other = (self._shown(QDate(d.year, d.month, d.day)) for d in read)
        return QCoreApplication.translate(
            "DayEdit",
            "“{typed}” may be {one} or {other}: type the day as the field writes it. "
            "The field still shows {still}.",
        ).format(typed=typed, one=one, other=other, still=still)
