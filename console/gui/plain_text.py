"""Labels and message boxes whose text is never read as markup.

Qt reads a label's text as rich text when it looks like markup (Qt::AutoText): a bill
title, a server's err_detail, a profile name or a path that holds `<img
src=/dev/zero>` then froze the console for good, Qt reading the "image" without end,
and `<b>12.50</b>` typed into a field came back in bold. Every label of the console is
a PlainLabel and every message box a plain_box, unless it is made of markup of our own
(the charts' legend).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


class PlainLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def plain_box(parent: QWidget | None) -> QMessageBox:
    """A message box whose text (setText) is plain; its informative text is ours alone."""
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
