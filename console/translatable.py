"""QT_TRANSLATE_NOOP without Qt, and with its type.

pyside6-lupdate finds a text marked for translation by the name of this call, so a
text can be marked where Qt is not loaded (the store) and the mark keeps its type
(PySide6's own is declared to return object). The GUI translates the text by the
same context and text when it shows it.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:
    return text
