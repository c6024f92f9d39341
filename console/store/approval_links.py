"""The PayPal approval addresses this console was answered with, kept while a payer
may still use them (per profile and bill), so that a link a payer lost can be sent
again without a second bill.

An address is not a secret (it lets someone pay the merchant), but it is kept only
while it can be used: until its page expires (`expires_ms`, this computer's clock:
the caller says when) or the bill is known paid (the caller drops it). What has
expired is never handed out, and is deleted when next listed. No Qt here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from console.store.database import TIDY_WAIT_S, Database
from console.store.errors import StoreError


@dataclass(frozen=True)
class ApprovalLink:
    bill_no: str
    url: str  # as the browser is given it
    amount: int  # hundredths
    currency: str
    title: str
    expires_ms: int  # after it, no payer can approve the bill


class ApprovalLinks:
    def __init__(self, database: Database) -> None:
        self.database = database

    def keep(self, profile_id: str, link: ApprovalLink) -> None:
        with self.database.writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO approval_link VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    profile_id,
                    link.bill_no,
                    link.url,
                    link.amount,
                    link.currency,
                    link.title,
                    link.expires_ms,
                ),
            )

    def waiting(self, profile_id: str, now_ms: int) -> list[ApprovalLink]:
        """The profile's links a payer can still use at now_ms, newest first. Those that
        expired (of any profile) are deleted on the way, when the database can be
        written."""
        self._drop_expired(now_ms)
        rows = self.database.read(
            "SELECT bill_no, url, amount, currency, title, expires_ms FROM approval_link "
            "WHERE profile_id = ? AND expires_ms > ? ORDER BY expires_ms DESC, bill_no",
            (profile_id, now_ms),
        )
        return [_link(row) for row in rows]

    def of(self, profile_id: str, bill_no: str, now_ms: int) -> ApprovalLink | None:
        """The bill's link, if kept and still usable at now_ms."""
        rows = self.database.read(
            "SELECT bill_no, url, amount, currency, title, expires_ms FROM approval_link "
            "WHERE profile_id = ? AND bill_no = ? AND expires_ms > ?",
            (profile_id, bill_no, now_ms),
        )
        return _link(rows[0]) if rows else None

    def drop(self, profile_id: str, bill_nos: Iterable[str]) -> None:
        """These bills' links go (paid, or expired as a query found). A tidying, on the
        window's thread: a file another holds locked is not waited for (StoreError), as
        what reads the links leaves out a bill known paid all the same."""
        numbers = list(bill_nos)
        if not numbers:
            return
        with self.database.writing(TIDY_WAIT_S) as db:
            db.execute(
                "DELETE FROM approval_link WHERE profile_id = ? "
                "AND bill_no IN (SELECT value FROM json_each(?))",
                (profile_id, json.dumps(numbers)),
            )

    def forget_profile(self, profile_id: str) -> int:
        """Every link of a profile removed, or given another App ID; how many."""
        with self.database.writing() as db:
            return db.execute(
                "DELETE FROM approval_link WHERE profile_id = ?", (profile_id,)
            ).rowcount

    def _drop_expired(self, now_ms: int) -> None:
        """The expired links deleted, when there are any: the list is read at every sync
        a window tells of, and a write each time was one too many."""
        if not self.database.writable:
            return
        expired = self.database.read(
            "SELECT 1 FROM approval_link WHERE expires_ms <= ? LIMIT 1", (now_ms,)
        )
        if not expired:
            return
        try:
            with self.database.writing(TIDY_WAIT_S) as db:
                db.execute("DELETE FROM approval_link WHERE expires_ms <= ?", (now_ms,))
        except StoreError:
            pass  # not handed out all the same: the read asks for the usable ones only


def _link(row: tuple[object, ...]) -> ApprovalLink:
    bill_no, url, amount, currency, title, expires_ms = row
    return ApprovalLink(
        str(bill_no), str(url), int(str(amount)), str(currency), str(title), int(str(expires_ms))
    )
