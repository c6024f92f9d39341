"""What the history (the mirror a sync fills) knows of the bill the Refund tab shows:
the bill paid since it was found, or a refund of it made elsewhere (another console,
BeeCloud's own dashboard), for the tab to ask BeeCloud again; and the currency this
console recorded when it made the bill. (A refund as the history holds it:
History.listed_refund.)"""

from __future__ import annotations

import logging
import sqlite3

from console.api.models import BillRecord
from console.gui.history import History
from console.store.errors import StoreError
from console.store.local_data import LocalData
from console.store.mirror import BILLS
from console.store.mirror_query import record_of, settlements

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


def mirrored_bill(history: History, bill_no: str) -> BillRecord | None:
    """The bill as the history holds it; None when it holds none, or cannot be read."""
    try:
        record = record_of(history.reader(), BILLS, bill_no)
    except sqlite3.Error as error:
        log.warning("the history could not be read for the bill shown: %s", error)
        return None
    return record if isinstance(record, BillRecord) else None


def changed(shown: BillRecord, mirrored: BillRecord) -> bool:
    """Whether the history holds the bill otherwise than shown, in what a refund of it
    depends on: whether it was paid, and its amount."""
    return (shown.paid, shown.total_fee) != (mirrored.paid, mirrored.total_fee)


def recorded_currency(local: LocalData, profile_id: str, bill_no: str) -> str | None:
    """The currency this console recorded when it made the bill; None when it recorded
    none, or its database cannot be read (the bill's own answer is then shown)."""
    try:
        return local.currency_of(profile_id, bill_no)
    except StoreError as error:
        log.warning("the bill's recorded currency could not be read: %s", error)
        return None
