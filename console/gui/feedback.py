"""How the console tells the user things: a message beside a field, and an
outcome panel that shows a success or an ErrorReport in plain words. Both are said to a
screen reader as they appear (console/gui/announce.py).

Their texts are plain, never markup: they quote what was typed and what a server
said, and Qt's labels read a text whose first line holds a tag as rich text (a
server's "<img src=/dev/zero>" read the image for good, freezing the console)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from console.gui import colours
from console.gui.announce import announce
from console.gui.jobs import ErrorReport
from console.gui.plain_text import PlainLabel

# Colour references for style templates given to colours.paint (light or dark by palette).
ERROR_COLOUR = colours.ERROR
OK_COLOUR = colours.OK
WARN_COLOUR = colours.WARN


class FieldError(PlainLabel):
    """A small red message under a field; hidden while there is nothing to say. The
    field it speaks of (describe()) has it as its accessible description, so that a
    screen reader says it with the field; a new message is said as it appears, once
    the change that showed it is over (a message shown and hidden again within one
    change, as the fields are filled or emptied one after another, is not said)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        colours.paint(self, f"color: {ERROR_COLOUR};")
        self.setWordWrap(True)
        self.hide()
        self.field: QWidget | None = None
        self._said = ""  # the message shown that was said
        self._saying = False  # whether it is to be said once the change is over

    def describe(self, field: QWidget) -> None:
        """The message is about this field (where the cursor goes to correct it)."""
        self.field = field
        field.setAccessibleDescription(self.text())

    def set_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))
        if self.field is not None:
            self.field.setAccessibleDescription(message or "")
        if not self._saying:
            self._saying = True
            QTimer.singleShot(0, self, self._say)

    def refuse(self, message: str) -> None:
        """`message`, for a button pressed that it refuses: said again even when it stood
        already (a press that nothing answered was a button doing nothing), the cursor
        in its field, its text selected."""
        self._said = ""
        self.set_message(message)
        focus_first_error([self])

    @Slot()
    def _say(self) -> None:
        """Once the change is over: the message shown, if new, is said."""
        self._saying = False
        if self.isHidden():
            self._said = ""
        elif self.text() != self._said:
            self._said = self.text()
            announce(self, self._said)


def focus_first_error(errors: Iterable[FieldError]) -> bool:
    """The cursor in the field of the first message shown (of `errors`, in the form's
    order), its text selected; False when none is shown."""
    for error in errors:
        if error.text() and error.field is not None and error.field.isEnabled():
            error.field.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(error.field, QLineEdit):
                error.field.selectAll()
            return True
    return False


def field_cell(*widgets: QWidget, error: FieldError | None = None, stretch: bool = True) -> QWidget:
    """A form cell: the widgets on one line, the field's message under them (about the
    first widget, the field: FieldError.describe)."""
    cell = QWidget()
    line = QHBoxLayout()
    line.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        line.addWidget(widget)
    if stretch:
        line.addStretch(1)
    column = QVBoxLayout(cell)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addLayout(line)
    if error is not None:
        column.addWidget(error)
        if widgets:
            error.describe(widgets[0])
    return cell


class OutcomePanel(QFrame):
    """The outcome of the last action: success, failure or unknown, selectable text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = PlainLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.body = PlainLabel()
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.kind = ""
        self.hide()

    def _show(self, kind: str, colour: str, title: str, body: str) -> None:
        """Show the outcome; a new one is said to a screen reader (a failure or an
        unknown outcome at once), one shown again as it was is not."""
        shown = (self.kind, self.title.text(), self.body.text())
        new = self.isHidden() or (kind, title, body) != shown
        self.kind = kind
        self.title.setText(title)
        colours.paint(self.title, f"font-weight: bold; color: {colour};")
        self.body.setText(body)
        self.show()
        if new:
            announce(self, self.spoken(), urgent=kind not in ("success", "pending"))

    def spoken(self) -> str:
        """What a screen reader says of it: the title, then the body."""
        return "\n".join(text for text in (self.title.text(), self.body.text()) if text)

    def show_success(self, title: str, body: str = "") -> None:
        self._show("success", OK_COLOUR, title, body)

    def show_pending(self, title: str, body: str = "") -> None:
        self._show("pending", WARN_COLOUR, title, body)

    def show_failure(self, title: str, body: str = "") -> None:
        self._show("failure", ERROR_COLOUR, title, body)

    def show_report(self, report: ErrorReport) -> None:
        colour = WARN_COLOUR if report.kind == "outcome_unknown" else ERROR_COLOUR
        self._show(report.kind, colour, report.title, report.text())

    def clear(self) -> None:
        self.kind = ""
        self.hide()
