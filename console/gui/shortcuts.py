"""The console's keyboard shortcuts, in one place: the main window binds them (one
block in main_window.py), the tabs name them in their buttons' tooltips.

Ctrl+F finds in the table in front (its free-text filter), F5 loads it (or the
Overview) again, Ctrl+E exports it, Ctrl+N brings up a new payment, Ctrl+Q quits
(File → Quit); Ctrl+Tab or Ctrl+PageDown brings the next tab to the front, Ctrl+Shift+Tab
or Ctrl+PageUp the one before, wherever the focus is. A table tab offers what the
window needs for the first three as the TableTab protocol; the Overview what F5 needs as Reloads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:
    from console.gui.tables.table_view import RecordsView

FIND = "Ctrl+F"
REFRESH = "F5"
EXPORT = "Ctrl+E"
NEW_PAYMENT = "Ctrl+N"
QUIT = "Ctrl+Q"
NEXT_TAB = ("Ctrl+Tab", "Ctrl+PgDown")
PREVIOUS_TAB = ("Ctrl+Shift+Tab", "Ctrl+PgUp")


def key_sequence(key: str) -> QKeySequence:
    return QKeySequence(key, QKeySequence.SequenceFormat.PortableText)


def key_text(key: str) -> str:
    """The key as this platform writes it (Ctrl+E; ⌘E on a Mac), for a tooltip."""
    return key_sequence(key).toString(QKeySequence.SequenceFormat.NativeText)


@runtime_checkable
class Reloads(Protocol):
    """A tab that F5 loads again: Bills, Refunds, Audit, Overview."""

    def refresh(self) -> None:
        """Load it again (what its Reload or Refresh button does)."""


@runtime_checkable
class TableTab(Protocol):
    """A tab showing a table: Bills, Refunds, Audit."""

    view: RecordsView

    def focus_search(self) -> None:
        """Put the cursor in the free-text filter, its text selected."""

    def refresh(self) -> None:
        """Load the table again with its filters (what its Reload button does)."""

    def export(self) -> None:
        """Export the rows shown (what its Export… button does)."""


class TableKeysFirst(QObject):
    """Lets the table shortcuts through a line edit that would take them: on Linux a
    QLineEdit claims Ctrl+E as "end of line" (Qt's X11 key bindings), so Ctrl+E did
    nothing while the cursor was in a filter, where Ctrl+F puts it."""

    KEYS = tuple(key_sequence(key) for key in (FIND, REFRESH, EXPORT))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) in self.KEYS
        ):
            event.ignore()  # not the edit's: the window's shortcut takes it
            return True
        return False

    def guard(self, tab: QWidget) -> None:
        """Every line edit of a table tab (its filters) lets the table shortcuts through."""
        for edit in tab.findChildren(QLineEdit):
            edit.installEventFilter(self)
