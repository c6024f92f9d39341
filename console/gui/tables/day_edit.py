"""A day field (a custom range's from and to) that takes a day pasted or typed in another
form than it writes days, when it can be one day only (typed_days), and says why it
took none: a QDateEdit ignores what it cannot read without a word, and the list went on
showing other days than the clerk believed.

A day typed key by key over the whole field (Ctrl+A, then "2026-01-05") goes in from
its first part, as one typed after clicking there: Qt took no key typed over the whole
text, so the year (or month, or day) first typed was dropped without a word and the
field held 2025-01-05 for 2026-01-05. A key the field cannot take as it is typed (a
separator after a part filled itself) is not said: Qt drops it, as always, and the
message beside the fields is for what was pasted or typed whole.

A day pasted or typed whole as the field writes it is that day: after a click into the
day of "01/20/2026", Qt read "07/06/2026" pasted over the whole field as 07/20/2026
(the day clicked into kept) and the list showed other days than the clerk pasted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

from console.api.validate import excerpt, typed_words
from console.gui.tables.typed_days import day_first_of, read_day


class DayEdit(QDateEdit):
    refused = Signal(str)  # why what was typed or pasted was not taken, in words

    def __init__(self, day: QDate, parent: QWidget | None = None) -> None:
        super().__init__(day, parent)
        self._key_typed = False  # a key is being typed (not said when not taken)
        self._moved_on = False  # the last key typed filled its part, the cursor moved on

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._moved_on = False  # a separator typed on coming back is the clerk's own
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed, modifiers = event.text(), event.modifiers()
        commands = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        key_typed = len(typed) == 1 and typed.isprintable() and not modifiers & commands
        line = self.lineEdit()
        if key_typed and line.hasSelectedText() and line.selectedText() == line.text():
            self.setSelectedSection(self.sectionAt(0))  # typed from the day's first part
        if key_typed and self._moved_on and not typed.isalnum():
            # the separator after a part that filled itself: Qt moved on past the
            # next part too (2026-12-01 for "2026-01-05")
            self._moved_on = False
            event.accept()
            return
        part = self.currentSectionIndex()
        self._key_typed = key_typed
        try:
            super().keyPressEvent(event)
        finally:
            self._key_typed = False
        self._moved_on = key_typed and typed.isalnum() and self.currentSectionIndex() > part

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        checked: Any = super().validate(text, pos)  # (6.9's stubs: object)
        written = self._written(text)
        if written is not None and self._written(checked[1]) != written:
            return QValidator.State.Acceptable, text, pos  # the day as written, not Qt's
        if checked[0] != QValidator.State.Invalid:
            return checked
        read = read_day(text, day_first_of(self.displayFormat()))
        if read is not None and not isinstance(read, tuple):
            shown = self._shown(QDate(read.year, read.month, read.day))
            again: Any = super().validate(shown, len(shown))
            if again[0] != QValidator.State.Invalid:
                return again
        if not self._key_typed:
            self.refused.emit(self._why(text, read))
        return checked

    def dateTimeFromText(self, text: str) -> QDateTime:
        read = super().dateTimeFromText(text)
        written = self._written(text)
        if written is not None and read.date() != written:
            read.setDate(written)  # Qt kept the day last clicked into
        return read

    def _written(self, text: str) -> QDate | None:
        """The day `text` names, written whole as the field writes days and within its
        range; None otherwise."""
        day = self.locale().toDate(text.strip(), self.displayFormat())
        if day.isValid() and self.minimumDate() <= day <= self.maximumDate():
            return day
        return None

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
