"""What a screen reader says unasked: an outcome or a message that appears away from
the focus (Pay pressed, the answer shown seconds later in a panel below).

Qt sends no accessibility event when a label's text changes or a panel is shown, so a
screen reader said nothing until the user went looking. announce() asks it to say a
text now (QAccessibleAnnouncementEvent: AT-SPI's Announcement, UI Automation's
Notification, macOS's announcement request): politely, once it has said what it is
saying (the key just typed), or, urgent, at once (what went wrong or is unknown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def announce(widget: QWidget, text: str, urgent: bool = False) -> None:
    """Ask a screen reader to say `text`, which `widget` now shows. Nothing is said of a
    widget out of sight (on a tab not in front): a sighted user does not see it either,
    and finds it where it is."""
    if not text.strip() or not widget.isVisible():
        return
    # Imported at the first announcement: a start has nothing to say (issue 14).
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(widget, text)
    if urgent:
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)
