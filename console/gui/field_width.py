"""A line edit as wide as what it is for in the font shown: never narrower than its
usual width, wider when the desktop's text is larger (a width in pixels alone cut the
console's own bill number, a card's number, an expiry year and the fields' hints)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QStyle

SLACK = 2  # the cursor's room after the last character


def needed_width(edit: QLineEdit, samples: tuple[str, ...]) -> int:
    """The width that shows the widest sample, and the placeholder, whole."""
    metrics = edit.fontMetrics()
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    margins = edit.textMargins()
    widest = max(metrics.horizontalAdvance(text) for text in (*samples, edit.placeholderText()))
    return widest + 2 * frame + 4 + margins.left() + margins.right() + SLACK


def fit_width(edit: QLineEdit, least: int, *samples: str) -> None:
    """At least `least` pixels wide, and wide enough for every sample."""
    edit.setMinimumWidth(max(least, needed_width(edit, samples)))


def fix_width(edit: QLineEdit, usual: int, *samples: str) -> None:
    """`usual` pixels wide, or wider if a sample needs it."""
    edit.setFixedWidth(max(usual, needed_width(edit, samples)))
