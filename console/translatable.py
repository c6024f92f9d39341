"""QT_TRANSLATE_NOOP without Qt, and with its type; and what a Qt-free layer is given
to translate with.

pyside6-lupdate finds a text marked for translation by the name of this call, so a
text can be marked where Qt is not loaded (the store) and the mark keeps its type
(PySide6's own is declared to return object). The GUI translates the text by the
same context and text when it shows it.
"""

from __future__ import annotations

from collections.abc import Callable

# (context, text) -> the text in the language shown: the GUI passes QCoreApplication.translate
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:
    return text


def untranslated(_context: str, text: str) -> str:
    """A Translate that gives the text as written (English): for the log, and tests."""
    return text
