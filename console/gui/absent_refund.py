"""What can be done with a refund BeeCloud showed never arrived, in the language shown:
said alike by Refunds to check (console/gui/refund_notice.py) and the Refund tab
(console/gui/tabs/refund/outcome.py).

It goes again with its own number, or is dropped; but a number names its day in China,
and BeeCloud takes it on that day only: after midnight there (or when what was sent
with it cannot be read back), only a fresh refund of the bill is possible.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.store.refund_journal import JournalEntry


def why_not_again(entry: JournalEntry) -> str | None:
    """Why the refund cannot go again with its number, ending with what to do instead
    (a fresh refund of the bill); None when it can. Also of a refund being found absent,
    before the journal says so."""
    return entry.cannot_go_again(translate=QCoreApplication.translate)


def absent_choices(entry: JournalEntry) -> str:
    """What the clerk may do with the refund: send it again or drop it, or (why_not_again)
    start a fresh refund."""
    return why_not_again(entry) or QCoreApplication.translate(
        "RefundNotice",
        "You may send it again with the same refund number (BeeCloud takes a number "
        "only once, so it cannot be refunded twice), or drop it.",
    )
