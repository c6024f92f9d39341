"""The style's focus frame drawn round a scrolling view that has the keyboard's focus
(a scroll area draws none of its own): a dialog's text that scrolls, the Overview's
charts. Without it, Tab put the focus there and showed it nowhere."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyleOptionFocusRect


def paint_focus_frame(view: QAbstractScrollArea, background: QColor) -> None:
    """In the view's paintEvent, after its own painting: the frame round its viewport,
    while it has the focus."""
    if not view.hasFocus():
        return
    option = QStyleOptionFocusRect()
    option.initFrom(view)  # the style draws it for a focus the keyboard moved
    # set by name: PySide6 6.9's stubs (the lowest version allowed) declare neither
    setattr(option, "rect", view.viewport().rect())  # noqa: B010
    setattr(option, "backgroundColor", background)  # noqa: B010
    painter = QPainter(view.viewport())
    try:
        view.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, view)
    finally:
        painter.end()
