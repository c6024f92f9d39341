"""The plot of an Overview chart, as the keyboard meets it: a Tab stop that shows it
has the focus (the style's focus frame, as a button or a field shows it), and hands
on the keys that pick a day (Left, Right, Home, End) to the chart.

pyqtgraph's view draws the plot only, and handed every key to its scene: a chart Tab
landed on looked the same as one it had not."""

from __future__ import annotations

import pyqtgraph
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from console.gui.focus_frame import paint_focus_frame

FIRST, BACK, ON, LAST = "first", "back", "on", "last"
STEPS = {
    Qt.Key.Key_Home: FIRST,
    Qt.Key.Key_Left: BACK,
    Qt.Key.Key_Right: ON,
    Qt.Key.Key_End: LAST,
}


class ChartView(pyqtgraph.PlotWidget):
    """A plot that only shows (no panning, zooming, menu or auto-range button) and
    shows when it has the keyboard's focus."""

    stepped = Signal(str)  # a key asked for another day: FIRST, BACK, ON or LAST
    focus_left = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.layout.setContentsMargins(4, 4, 8, 4)
        self.setFont(parent.font())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        paint_focus_frame(self, self.palette().color(QPalette.ColorRole.Base))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()
        self.focus_left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = STEPS.get(Qt.Key(event.key()))
        if step is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        event.accept()
        self.stepped.emit(step)
