"""The console's own colours, readable on a light palette and on a dark one.

Qt follows the desktop's colour scheme by itself (the platform theme gives a light or
a dark palette). The few colours the console adds (messages in red, amber and green,
the environment band, the refund notice) are named here once, in a light and a dark
variant, and picked by the lightness of the palette's window colour.

A widget gets them through paint(widget, style): style is a style sheet that names
colours as $error, $warn, $ok or any other field of Colours (e.g. "color: $error;").
The widget keeps the template, and is painted again whenever the application's
palette or colour scheme changes.
"""

from __future__ import annotations

from string import Template
from typing import NamedTuple

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# Colour references for style templates: e.g. f"color: {ERROR};".
ERROR = "$error"
OK = "$ok"
WARN = "$warn"
MUTED = "$muted"

TEMPLATE_PROPERTY = "colourStyle"  # the widget's style template, as given to paint()
WATCHER_NAME = "consolePaletteWatcher"


class Colours(NamedTuple):
    error: str  # text of a failure or an invalid field
    ok: str  # text of a success
    warn: str  # text of an outcome not yet known, or a warning
    muted: str  # text that only informs (a counter beside a field)
    sandbox_band: str  # the band over a sandbox profile, and its text
    sandbox_band_text: str
    live_band: str  # the band over a live profile, and its text
    live_band_text: str
    attention: str  # the refund notice when refunds need checking: ground, border, text
    attention_border: str
    attention_text: str
    news: str  # the refund notice with news of settled refunds: ground, border, text
    news_border: str
    news_text: str
    chart_paid: str  # the Overview's line of paid amounts
    chart_refunded: str  # and of refunded amounts
    chart_bar: str  # the Overview's bars of each channel's share


LIGHT = Colours(
    error="#b3261e",
    ok="#1b6e20",
    warn="#8a5300",
    muted="#5c5c5c",
    sandbox_band="#f2a900",
    sandbox_band_text="#202020",
    live_band="#1f4e79",
    live_band_text="#ffffff",
    attention="#fff3b0",
    attention_border="#d8b600",
    attention_text="#3d3000",
    news="#e3f4e1",
    news_border="#8bc48a",
    news_text="#1a3319",
    chart_paid="#2e7d32",
    chart_refunded="#c62828",
    chart_bar="#1f77b4",
)

DARK = Colours(
    error="#ff8a80",
    ok="#7fd48a",
    warn="#f5b84a",
    muted="#b4b4b4",
    sandbox_band="#d99a00",
    sandbox_band_text="#1a1a1a",
    live_band="#2f6aa3",
    live_band_text="#ffffff",
    attention="#403400",
    attention_border="#a88a00",
    attention_text="#ffe27a",
    news="#1d3a1f",
    news_border="#4d8a4f",
    news_text="#d3efd0",
    chart_paid="#66bb6a",
    chart_refunded="#ef5350",
    chart_bar="#64b5f6",
)


def is_dark(palette: QPalette) -> bool:
    """Whether text is light on a dark window in this palette."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def current() -> Colours:
    """The variant for the application's palette now."""
    return DARK if is_dark(QGuiApplication.palette()) else LIGHT


def qcolour(name: str) -> QColor:
    """A colour of the current variant by its field name (e.g. "error"), for painters."""
    return QColor(getattr(current(), name))


def render(style: str) -> str:
    """The style template with the current colours in it."""
    return Template(style).substitute(current()._asdict())


def paint(widget: QWidget, style: str) -> None:
    """Give the widget this style template now and whenever the palette changes."""
    _PaletteWatcher.ensure()
    widget.setProperty(TEMPLATE_PROPERTY, style)
    rendered = render(style)
    if widget.styleSheet() != rendered:
        widget.setStyleSheet(rendered)


def repaint_all() -> None:
    """Paint every widget that has a style template again, with the current colours."""
    for widget in QApplication.allWidgets():
        style = widget.property(TEMPLATE_PROPERTY)
        if isinstance(style, str):
            rendered = render(style)
            if widget.styleSheet() != rendered:
                widget.setStyleSheet(rendered)


class _PaletteWatcher(QObject):
    """Repaints when the application's palette or the desktop's colour scheme changes."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(WATCHER_NAME)
        # QGuiApplication.paletteChanged: one signal for the application's palette (an
        # event filter on the application would see every event of every widget).
        app.paletteChanged.connect(repaint_all)
        app.styleHints().colorSchemeChanged.connect(repaint_all)

    @classmethod
    def ensure(cls) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.findChild(QObject, WATCHER_NAME) is None:
            cls(app)
