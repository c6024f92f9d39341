"""What the history (the mirror a sync fills) knows of the bill the Refund tab shows:
a refund of it made elsewhere (another console, BeeCloud's own dashboard) that a sync
brought, for the tab to read the bill's refunds again from BeeCloud."""

from __future__ import annotations

import logging
import sqlite3

from console.gui.history import History
from console.store.mirror_query import settlements

log = logging.getLogger(__name__)


def mirrored_refund_no(history: History, bill_no: str) -> str | None:
    """The refund_no of the bill's refund that counts (succeeded, or in progress) as the
    history holds it; None when it holds none, or cannot be read."""
    try:
        found = settlements(history.reader(), [bill_no])
    except sqlite3.Error as error:  # closed, locked, damaged: the tab goes on as it was
        log.warning("the history could not be read for the bill shown: %s", error)
        return None
    settlement = found.get(bill_no)
    return None if settlement is None else settlement.refund_no
