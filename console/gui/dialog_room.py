"""Dialogs whose body can be longer than a small, scaled screen is high (a 1,366 × 768
screen at 150 %: 910 × 512 of Qt's pixels): the body scrolls, the buttons stay below it
in sight, and the dialog opens at the size its body needs, within the screen's room.

Qt opens a dialog at most two thirds of its screen each way (QWidget::adjustSize),
sized for its labels' preferred width; where that width was cut, or the height, the
labels' last lines were cut off with nothing to scroll them into sight (the refund
confirmation lost 'A refund cannot be undone.'). Wherever there is room, a dialog
looks as it always did: nothing scrolls.

A question asked without a parent of its own belongs to the console's window
(console_window), never to whichever window is in front: a window of the console's own
(an export's progress) would take the question with it when it closed."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QFocusEvent, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QApplication, QDialog, QFrame, QScrollArea, QWidget

from console.gui.focus_frame import paint_focus_frame


class DialogBody(QScrollArea):
    """A dialog's body (or a part of it), frameless on the dialog's own background; it
    asks for the whole height of its content at the width it has, and can be made as
    short as a scroll bar."""

    def __init__(self, content: QWidget, name: str, always_a_tab_stop: bool = False) -> None:
        super().__init__()
        self.content = content
        self.always_a_tab_stop = always_a_tab_stop  # the focus is handed to it (settled refunds)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setWidget(content)
        self.setAccessibleName(name)  # a Tab stop while it scrolls: arrows scroll it
        self.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        for bar in (self.verticalScrollBar(), self.horizontalScrollBar()):
            bar.rangeChanged.connect(self._stop_tab_while_it_scrolls)
        self._stop_tab_while_it_scrolls()

    @Slot()
    def _stop_tab_while_it_scrolls(self) -> None:
        """A Tab stop only while there is something to scroll: a body that fits took the
        focus by Tab and showed none (Shift+Tab from Cancel in the refund's confirmation
        framed no button, and Enter there did nothing)."""
        if self.always_a_tab_stop:
            return
        scrolls = self.verticalScrollBar().maximum() > 0 or self.horizontalScrollBar().maximum() > 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if scrolls else Qt.FocusPolicy.NoFocus)
        if not scrolls and self.hasFocus():
            self.focusNextChild()  # grown to fit with the focus on it: on to the buttons

    def paintEvent(self, event: QPaintEvent) -> None:
        """The style's focus frame round the text while the body has the focus (a scroll
        area draws none), as a button shows it has it."""
        super().paintEvent(event)
        paint_focus_frame(self, self.palette().color(QPalette.ColorRole.Window))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def needed_height(self, width: int) -> int:
        """The height that shows the whole content at this width."""
        content = self.content
        frame = 2 * self.frameWidth()
        hint = content.sizeHint().height()
        if content.hasHeightForWidth():
            hint = content.heightForWidth(max(width - frame, content.minimumSizeHint().width()))
        return max(hint, content.minimumSizeHint().height()) + frame

    def sizeHint(self) -> QSize:
        """The content's preferred width, and its whole height at the width it has once
        laid out (at its preferred width before)."""
        width = self.content.sizeHint().width() + 2 * self.frameWidth()
        laid_out = self.width() if self.isVisible() else width
        return QSize(width, self.needed_height(laid_out))

    def minimumSizeHint(self) -> QSize:
        """A scroll area's least (room for its scroll bars), or less for a short text."""
        least = super().minimumSizeHint()
        return QSize(least.width(), min(least.height(), self.sizeHint().height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # its height wanted at this width


def screen_room(dialog: QWidget) -> QSize:
    """The room a dialog may take on the screen it opens on (its parent's): the screen's
    available room less the frame the window manager adds (as around the parent)."""
    # the parent's screen: the dialog's own, asked before it is shown, could crash Qt
    # later (PySide6 6.x, offscreen)
    owner = dialog.parentWidget() or dialog
    room = owner.screen().availableGeometry().size()
    window = owner.window()
    if window.isVisible():
        room -= window.frameGeometry().size() - window.size()
    return room


def open_within_screen(dialog: QDialog, body: DialogBody) -> None:
    """Give the dialog its first size (first_size) within its screen's room."""
    dialog.resize(first_size(dialog, body, screen_room(dialog)))


def first_size(dialog: QDialog, body: DialogBody, room: QSize) -> QSize:
    """What the dialog needs to show its body whole at its preferred width, within `room`;
    a body cut to the room's height scrolls, and is as wide again as its scroll bar."""
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    width = min(hint.width(), room.width())
    beside = hint.width() - body.sizeHint().width()  # margins, and anything beside it
    height = hint.height() + max(body.needed_height(width - beside) - body.sizeHint().height(), 0)
    if height > room.height():
        bar = body.verticalScrollBar().sizeHint().width()
        width = min(width + bar, room.width())
    return QSize(max(width, dialog.minimumWidth()), min(height, room.height()))


def console_window() -> QWidget | None:
    """The window the active one belongs to: the console's, not a window of its own in
    front (an export's progress), whose closing would take a question with it."""
    window = QApplication.activeWindow()
    under = window.parentWidget() if window is not None else None
    while under is not None:
        window = under.window()
        under = window.parentWidget()
    return window
