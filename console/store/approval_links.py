"""The PayPal approval addresses this console was answered with, kept while a payer
may still use them (per profile and bill), so that a link a payer lost can be sent
again without a second bill.

An address is not a secret (it lets someone pay the merchant), but it is kept only
while it can be used: until its page expires or the bill is known paid (the caller
drops it). What has expired is never handed out, and is deleted when next listed once
that is sure. No Qt here.

When it expires is kept twice: on the steady clock of the console that made it
(`expires_ms`: the wall time read at that console's start, moved on since), and where
the system says which boot it is (Linux), on the clock since that boot. A console of
the same boot judges a link by the clock since boot, which no one sets and every
console of the boot reads alike, and shows its expiry on its own steady clock; one
started after the wall clock was put forward no longer deletes links a payer can still
use. A link of another boot is judged by the wall clock (`expires_ms`), the only
measure left; it is deleted only once this boot is older than a page's life as well, so
that a wall clock put forward across a restart hides it at most, and the clock put
right brings it back (docs/decisions.md, "A PayPal page's 3 hours").
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

from console.api.channels import APPROVAL_LIFETIME_MS
from console.api.money import CURRENCIES, MAX_FEE
from console.store.database import TIDY_WAIT_S, Database
from console.store.errors import StoreError
from console.store.stamps import SteadyNow

log = logging.getLogger(__name__)


class ApprovalLink(NamedTuple):
    bill_no: str
    url: str  # as the browser is given it
    amount: int  # hundredths
    currency: str
    title: str
    expires_ms: int  # after it, no payer can approve the bill (the steady clock's ms)


class ApprovalLinks:
    def __init__(self, database: Database) -> None:
        self.database = database

    def keep(self, profile_id: str, link: ApprovalLink, now: SteadyNow) -> None:
        """Keep the link; its expiry is on the steady clock read as `now`."""
        with self.database.writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO approval_link VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    profile_id,
                    link.bill_no,
                    link.url,
                    link.amount,
                    link.currency,
                    link.title,
                    link.expires_ms,
                    now.boot_id,
                    link.expires_ms - now.ms + now.since_boot_ms,
                ),
            )

    def waiting(self, profile_id: str, now: SteadyNow) -> list[ApprovalLink]:
        """The profile's links a payer can still use now, newest first, each expiring
        on the steady clock read as `now`. Those surely expired (of any profile) are
        deleted on the way, and those said to last longer than a page can are made to
        expire a page's life from now, when the database can be written."""
        kept = _readable(self.database.read(_SELECT))
        self._tidy(kept, now)
        links = (_usable(k, now) for k in kept if k.profile_id == profile_id)
        usable = [link for link in links if link]
        return sorted(usable, key=lambda link: (-link.expires_ms, link.bill_no))

    def of(self, profile_id: str, bill_no: str, now: SteadyNow) -> ApprovalLink | None:
        """The bill's link, if kept and still usable now."""
        rows = self.database.read(
            f"{_SELECT} WHERE profile_id = ? AND bill_no = ?", (profile_id, bill_no)
        )
        kept = _readable(rows)
        return _usable(kept[0], now) if kept else None

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

    def _tidy(self, kept: list[_Kept], now: SteadyNow) -> None:
        """Of the links kept (of every profile), those surely expired deleted, and those
        said to expire beyond a page's life from now (kept while the clock was far
        ahead) made to expire then, on this boot's clock: shown capped, each look would
        offer them for as long again. Only when there are any: the list is read at every
        sync a window tells of, and a write each time was one too many."""
        if not self.database.writable:
            return
        expired = [(k.profile_id, k.bill_no) for k in kept if _surely_expired(k, now)]
        latest = now.ms + APPROVAL_LIFETIME_MS
        overlong = [
            (latest, now.boot_id, now.since_boot_ms + APPROVAL_LIFETIME_MS, k.profile_id, k.bill_no)
            for k in kept
            if _expiry(k, now) > latest
        ]
        if not expired and not overlong:
            return
        try:
            with self.database.writing(TIDY_WAIT_S) as db:
                db.executemany(
                    "DELETE FROM approval_link WHERE profile_id = ? AND bill_no = ?", expired
                )
                db.executemany(
                    "UPDATE approval_link SET expires_ms = ?, made_boot = ?, "
                    "expires_since_boot_ms = ? WHERE profile_id = ? AND bill_no = ?",
                    overlong,
                )
        except StoreError:
            pass  # not handed out all the same: only the usable ones are, capped


_SELECT = (
    "SELECT profile_id, bill_no, url, amount, currency, title, expires_ms, made_boot, "
    "expires_since_boot_ms FROM approval_link"
)


class _Kept(NamedTuple):
    """A row of _SELECT."""

    profile_id: str
    bill_no: str
    url: str
    amount: int
    currency: str
    title: str
    expires_ms: int  # on the steady clock of the console that kept it
    made_boot: str  # "" where no boot was known
    expires_since_boot_ms: int  # of use in that boot only

    def of_boot(self, now: SteadyNow) -> bool:
        return bool(now.boot_id) and self.made_boot == now.boot_id


def _readable(rows: list[tuple[object, ...]]) -> list[_Kept]:
    """The rows a console could have written: a web address that hides no host, an amount
    the wire takes in a currency known, numbers where numbers go. Another is passed over
    (neither handed out nor deleted): a hand or another program left it so."""
    kept = [_Kept(*row) for row in rows]  # type: ignore[arg-type]
    readable = [k for k in kept if _can_be(k)]
    if len(readable) < len(kept):
        log.warning(
            "%d kept approval links cannot be used and are passed over", len(kept) - len(readable)
        )
    return readable


def _can_be(kept: _Kept) -> bool:
    texts = (kept.profile_id, kept.bill_no, kept.url, kept.currency, kept.title, kept.made_boot)
    numbers = (kept.amount, kept.expires_ms, kept.expires_since_boot_ms)
    if not all(type(text) is str for text in texts) or not all(type(n) is int for n in numbers):
        return False
    try:
        address = urlsplit(kept.url)
        web = address.scheme in ("http", "https") and bool(address.hostname)
        hides_host = address.username is not None or address.password is not None
    except ValueError:  # a port that is not a number, a bracket left open
        return False
    return web and not hides_host and 0 < kept.amount <= MAX_FEE and kept.currency in CURRENCIES


def _expiry(kept: _Kept, now: SteadyNow) -> int:
    """When the link expires, on now's steady clock: of this boot, by the clock since
    boot; else by the steady (wall) clock."""
    if kept.of_boot(now):
        return now.ms + kept.expires_since_boot_ms - now.since_boot_ms
    return kept.expires_ms


def _usable(kept: _Kept, now: SteadyNow) -> ApprovalLink | None:
    """The link with its expiry on now's steady clock (`_expiry`), if a payer can still
    use it. No page lasts longer than APPROVAL_LIFETIME_MS from now (one kept while the
    clock was far ahead: `ApprovalLinks._tidy`)."""
    expires_ms = _expiry(kept, now)
    if expires_ms <= now.ms:
        return None
    expires_ms = min(expires_ms, now.ms + APPROVAL_LIFETIME_MS)
    return ApprovalLink(kept.bill_no, kept.url, kept.amount, kept.currency, kept.title, expires_ms)


def _surely_expired(kept: _Kept, now: SteadyNow) -> bool:
    """Of this boot, by the clock since boot; of another, when the wall clock says so
    and this boot is older than a page's life (the link is older than the boot); where
    no boot is known, by the steady clock alone, as nothing else tells."""
    if kept.of_boot(now):
        return kept.expires_since_boot_ms <= now.since_boot_ms
    by_wall = kept.expires_ms <= now.ms
    return by_wall and (not now.boot_id or now.since_boot_ms >= APPROVAL_LIFETIME_MS)
