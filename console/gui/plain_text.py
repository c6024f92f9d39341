"""Labels and message boxes whose text is never read as markup.

Qt reads a label's text as rich text when it looks like markup (Qt::AutoText): a bill
title, a server's err_detail, a profile name or a path that holds `<img
src=/dev/zero>` then froze the console for good, Qt reading the "image" without end,
and `<b>12.50</b>` typed into a field came back in bold. Every label of the console is
a PlainLabel and every message box a plain_box, unless it is made of markup of our own
(the charts' legend). A tooltip cannot be told to be plain (Qt reads it as a label
does): one whose text comes from outside is given as plain_tip(text).

What is copied out of a PlainLabel is its text as plain text, without the marks of no
width `wrappable` adds to lay it out: Qt copied the label's document (HTML, Markdown and
ODF beside the text, which a spreadsheet or a mail takes first) with those marks in it.
A plain_box's own labels (Qt's) copy the same way, through an event filter.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QClipboard, QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QToolTip, QWidget

if TYPE_CHECKING:  # imported when a box is made: a start makes none
    from PySide6.QtCore import QChildEvent
    from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QMessageBox


class PlainLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        copied_plain_after(self, event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        copied_plain_after(self, event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        super().contextMenuEvent(event)  # Qt's menu, shown without waiting for a choice
        copied_plain_after(self, event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """A double-click on a number, a code or an address set in Chinese selects it
        alone, and one on Chinese words those words: Qt ends a word only at a space or
        ASCII punctuation, and took the Chinese punctuation and words touching a number
        with it ("BC123：USD", "50，已支付。退款单号：R1。")."""
        super().mouseDoubleClickEvent(event)
        start, taken = self.selectionStart(), self.selectedText()
        if start < 0 or not _CHINESE.search(taken):
            return
        at = _character_at(self, event.position().toPoint())
        for run in _ONE_SCRIPT.finditer(taken):
            if start + run.start() <= at <= start + run.end():
                self.setSelection(start + run.start(), len(run.group()))
                return


def copied_plain_after(label: QLabel, event: QEvent) -> None:
    """Once Qt's label took `event`: what it copied from its selection, plain text without
    wrap marks (by Copy's keys or menu entry, or into X11's primary selection by keys or
    the mouse)."""
    kind = event.type()
    if kind == QEvent.Type.KeyPress:
        if cast("QKeyEvent", event).matches(QKeySequence.StandardKey.Copy):
            _copied_plain(label, QClipboard.Mode.Clipboard)
        _copied_plain(label, QClipboard.Mode.Selection)  # selected by keys
    elif kind == QEvent.Type.MouseButtonRelease:
        _copied_plain(label, QClipboard.Mode.Selection)  # X11's primary selection
    elif kind == QEvent.Type.ContextMenu:
        menus = label.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
        for action in menus[-1].actions() if menus else []:
            if action.objectName() == "edit-copy":  # after Qt's own copy
                action.triggered.connect(lambda: _copied_plain(label, QClipboard.Mode.Clipboard))


def _copied_plain(label: QLabel, mode: QClipboard.Mode) -> None:
    """What Qt just copied from this label (its selection), made plain text without wrap
    marks."""
    clipboard = QGuiApplication.clipboard()
    if mode == QClipboard.Mode.Selection and not clipboard.supportsSelection():
        return
    copied = clipboard.mimeData(mode)
    # (a selection's lines end in U+2029, a copy's in line breaks)
    taken = label.selectedText().replace("\u2029", "\n")
    if not taken or copied is None or copied.text() != taken:
        return  # not this label's selection
    if copied.formats() != ["text/plain"] or WRAP_MARK in taken:
        clipboard.setText(taken.replace(WRAP_MARK, ""), mode)


_COPYING = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonRelease, QEvent.Type.ContextMenu)


class _PlainCopies(QObject):
    """A message box's event filter: its labels (its text, its informative text, added
    when set) copy as a PlainLabel does. Each event is the label's first (as a PlainLabel's
    override calls Qt's), then what it copied is made plain; whether it took the event
    (accepted) still decides whether the box gets it (Escape, Enter)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildAdded and watched is self.parent():
            child = cast("QChildEvent", event).child()
            if isinstance(child, QLabel):
                child.installEventFilter(self)
            return False
        if kind not in _COPYING or not isinstance(watched, QLabel):
            return False
        watched.event(event)
        copied_plain_after(watched, event)
        return True


# Chinese characters and the punctuation set with them (full-width forms, “”, …, —)
_CHINESE_CHARACTERS = (
    "\u2014\u2018-\u201f\u2026\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
)
_CHINESE = re.compile(f"[{_CHINESE_CHARACTERS}]")
# a run of Chinese words, or of anything else but Chinese punctuation and spaces
_ONE_SCRIPT = re.compile(f"[\u3400-\u9fff\uf900-\ufaff]+|[^\\s\u200b{_CHINESE_CHARACTERS}]+")


def _character_at(label: QLabel, point: QPoint) -> int:
    """The place in the label's text nearest `point`, laid out as a selectable QLabel
    lays it out (a document of its font, alignment and width, margin 0)."""
    from PySide6.QtGui import QTextDocument, QTextOption

    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(label.font())
    option = QTextOption(label.alignment())
    wrap = QTextOption.WrapMode.WordWrap if label.wordWrap() else QTextOption.WrapMode.ManualWrap
    option.setWrapMode(wrap)
    document.setDefaultTextOption(option)
    document.setPlainText(label.text())
    margin = label.margin()
    area = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    document.setTextWidth(area.width())
    top = float(area.top())
    height = document.documentLayout().documentSize().height()
    if label.alignment() & Qt.AlignmentFlag.AlignVCenter:
        top += max((area.height() - height) / 2, 0)
    elif label.alignment() & Qt.AlignmentFlag.AlignBottom:
        top += max(area.height() - height, 0)
    where = QPointF(point.x() - area.left(), point.y() - top)
    return document.documentLayout().hitTest(where, Qt.HitTestAccuracy.FuzzyHit)


# A run of characters with nothing to break a line at (a profile named without a space)
# longer than this gets a zero-width space after each stretch of this many.
WRAP_MARK = "\u200b"
_UNBROKEN = re.compile(r"[^\s\u200b-]{40}(?=[^\s\u200b-])")


def wrappable(text: str) -> str:
    """The text as a word-wrapped label shows it within its width: a label wraps between
    words only, so that a long run with no space (a name, an App ID pasted whole) made
    it, and the window or dialog that holds it, wider than the screen."""
    return _UNBROKEN.sub(lambda run: run.group() + WRAP_MARK, text)


def plain_tip(text: str) -> str:
    """A tooltip that shows text as it is: markup of its own, escaped (white space kept),
    which Qt reads as rich text whatever the text looks like. Its lines are whole when
    each fits the width Qt gives a tooltip at most (80 x's); else they are wrapped. (Qt
    sizes wrapped markup as a block about as wide as it is high: a short line came in
    two or three, cut mid-word in Chinese: 'ALI_QRCODE — 支', '付宝（扫码）'.)"""
    if not text:
        return ""
    metrics = QFontMetrics(QToolTip.font())
    room = 80 * metrics.horizontalAdvance("x")
    whole = all(metrics.horizontalAdvance(line) <= room for line in text.splitlines())
    style = "pre" if whole else "pre-wrap"
    return f'<p style="white-space:{style}">' + html.escape(text, quote=False) + "</p>"


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
    copies = _PlainCopies(box)
    box.installEventFilter(copies)  # for its informative text's label, made when set
    for label in box.findChildren(QLabel):
        label.installEventFilter(copies)
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
