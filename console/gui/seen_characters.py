"""How many characters a text has as a clerk sees them: an accent typed after its letter,
a family emoji made of several joined, one each (Qt's grapheme clusters); an invisible
format character alone (a zero-width space, a direction mark) none."""

from __future__ import annotations

from PySide6.QtCore import QTextBoundaryFinder

from console.api.validate import visible


def seen_characters(text: str) -> int:
    """The number of characters the text shows, as a limit said to a clerk counts them."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    units = text.encode("utf-16-le")  # Qt's positions count UTF-16 units, not code points
    count, start = 0, 0
    while (end := finder.toNextBoundary()) != -1:
        if end > start:
            count += bool(visible(units[2 * start : 2 * end].decode("utf-16-le")))
        start = end
    return count
