"""The console's keyboard shortcuts, in one place: the main window binds them (one
block in main_window.py), the tabs name them in their buttons' tooltips.

Ctrl+F finds in the table in front (its free-text filter), F5 loads it again,
Ctrl+E exports it, Ctrl+N brings up a new payment, Ctrl+Q quits (File → Quit).
A table tab offers what the window needs for the first three as the TableTab
protocol.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtGui import QKeySequence

FIND = "Ctrl+F"
REFRESH = "F5"
EXPORT = "Ctrl+E"
NEW_PAYMENT = "Ctrl+N"
QUIT = "Ctrl+Q"


def key_sequence(key: str) -> QKeySequence:
    return QKeySequence(key, QKeySequence.SequenceFormat.PortableText)


def key_text(key: str) -> str:
    """The key as this platform writes it (Ctrl+E; ⌘E on a Mac), for a tooltip."""
    return key_sequence(key).toString(QKeySequence.SequenceFormat.NativeText)


@runtime_checkable
class TableTab(Protocol):
    """A tab showing a table: Bills, Refunds, Audit."""

    def focus_search(self) -> None:
        """Put the cursor in the free-text filter, its text selected."""

    def refresh(self) -> None:
        """Load the table again with its filters (what its Reload button does)."""

    def export(self) -> None:
        """Export the rows shown (what its Export… button does)."""
