"""What the console must remember that the API does not tell, per profile:

- the currency of every bill this console created (bill lists carry none);
- saved cards: a label and the vault's credit_card_id, never a number or CVV;
- PayPal approval addresses while a payer may still use them (approval_links.py);
- which app (App ID) what is kept of a profile is of (`profile_app`);
- the profiles Profiles… removes (`profile_removed`, written before the settings drop
  one): a start forgets what is kept of those the settings no longer hold, and only of
  those (settings damaged, deleted or replaced lose profiles no one removed).
No Qt here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from console.api.money import is_currency
from console.store.approval_links import ApprovalLinks
from console.store.database import Database

# A recorded currency the console does not know (a damaged or hand-edited file) is as
# none: never put in a picker or on money (is_currency).
_CURRENCY_OF = "SELECT currency FROM bill_currency WHERE profile_id = ? AND bill_no = ?"
_RECORD_CURRENCY = "INSERT OR REPLACE INTO bill_currency VALUES (?, ?, ?)"

KEEP_LOOKED_UP = 10_000  # currencies kept once looked up; past it they are looked up again
_NOT_LOOKED_UP = object()


class SavedCard(NamedTuple):
    label: str
    credit_card_id: str


class LocalData:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.links = ApprovalLinks(database)

    def remember_currency(self, profile_id: str, bill_no: str, currency: str) -> str | None:
        """Record the currency of a bill whose payment is being sent; the one recorded
        for its number before (None: none), for put_back_currency should BeeCloud
        refuse the payment."""
        with self.database.writing() as db:
            row = db.execute(_CURRENCY_OF, (profile_id, bill_no)).fetchone()
            db.execute(_RECORD_CURRENCY, (profile_id, bill_no, currency))
        return str(row[0]) if row is not None and is_currency(row[0]) else None

    def put_back_currency(
        self, profile_id: str, bill_no: str, sent: str, before: str | None
    ) -> None:
        """A payment refused (it made no bill, NOTES.md): its number's currency back to
        what it was before it was sent (`before`; None: none), unless another payment of
        that number recorded another since. A bill of that number made earlier (the
        refusal was 17 BILL_NO_DUPLICATE) keeps its own currency."""
        with self.database.writing() as db:
            row = db.execute(_CURRENCY_OF, (profile_id, bill_no)).fetchone()
            if row is None or row[0] != sent:
                return
            if before is None:
                db.execute(
                    "DELETE FROM bill_currency WHERE profile_id = ? AND bill_no = ?",
                    (profile_id, bill_no),
                )
            else:  # a new row, as recorded anew: the next sync gives it to the history
                db.execute(_RECORD_CURRENCY, (profile_id, bill_no, before))

    def currencies(self, profile_id: str) -> dict[str, str]:
        rows = self.database.read(
            "SELECT bill_no, currency FROM bill_currency WHERE profile_id = ?", (profile_id,)
        )
        return {str(bill_no): currency for bill_no, currency in rows if is_currency(currency)}

    def currency_of(self, profile_id: str, bill_no: str) -> str | None:
        """The currency recorded for one bill this console made, if any."""
        rows = self.database.read(_CURRENCY_OF, (profile_id, bill_no))
        return str(rows[0][0]) if rows and is_currency(rows[0][0]) else None

    def currencies_of(self, profile_id: str, bill_nos: list[str]) -> list[tuple[str, str]]:
        """The currencies recorded for these bills (bill_no, currency), those with one."""
        rows = self.database.read(
            "SELECT bill_no, currency FROM bill_currency WHERE profile_id = ? "
            "AND bill_no IN (SELECT value FROM json_each(?))",
            (profile_id, json.dumps(bill_nos)),
        )
        return [(str(bill_no), currency) for bill_no, currency in rows if is_currency(currency)]

    def recorded_currencies(self, profile_id: str) -> RecordedCurrencies:
        """The currencies recorded for the profile's bills, each looked up when asked."""
        return RecordedCurrencies(self, profile_id)

    def save_card(self, profile_id: str, label: str, credit_card_id: str) -> None:
        with self.database.writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO saved_card VALUES (?, ?, ?)",
                (profile_id, label, credit_card_id),
            )

    def saved_cards(self, profile_id: str) -> list[SavedCard]:
        rows = self.database.read(
            "SELECT label, credit_card_id FROM saved_card WHERE profile_id = ? ORDER BY label",
            (profile_id,),
        )
        return [SavedCard(str(label), str(card_id)) for label, card_id in rows]

    def forget_card(self, profile_id: str, credit_card_id: str) -> None:
        with self.database.writing() as db:
            db.execute(
                "DELETE FROM saved_card WHERE profile_id = ? AND credit_card_id = ?",
                (profile_id, credit_card_id),
            )

    def belong_to_app(self, profile_id: str, app_id: str) -> list[SavedCard]:
        """What is kept for the profile is its app's: the first time, the app is written
        down; given another App ID since (in Profiles…, or by a console killed before it
        got this far), the cards saved, the approval addresses and the currencies of the
        bills kept under the app before are forgotten (BeeCloud knows a saved card only
        under the app that saved it; a link's bill is the other app's, and a bill of the
        new app with the same number is not in the old one's currency). The cards that
        were forgotten."""
        known = self.database.read(
            "SELECT app_id FROM profile_app WHERE profile_id = ?", (profile_id,)
        )
        if known and known[0][0] == app_id:
            return []
        with self.database.writing() as db:
            # looked at again as it is written: another console may have made it the
            # app's meanwhile (and saved a card under it, which is not forgotten)
            known = db.execute(
                "SELECT app_id FROM profile_app WHERE profile_id = ?", (profile_id,)
            ).fetchall()
            if known and known[0][0] == app_id:
                return []
            forgotten: list[SavedCard] = []
            if known:
                forgotten = [
                    SavedCard(str(label), str(card_id))
                    for label, card_id in db.execute(
                        "SELECT label, credit_card_id FROM saved_card WHERE profile_id = ? "
                        "ORDER BY label",
                        (profile_id,),
                    ).fetchall()
                ]
                db.execute("DELETE FROM saved_card WHERE profile_id = ?", (profile_id,))
                db.execute("DELETE FROM approval_link WHERE profile_id = ?", (profile_id,))
                db.execute("DELETE FROM bill_currency WHERE profile_id = ?", (profile_id,))
            db.execute("INSERT OR REPLACE INTO profile_app VALUES (?, ?)", (profile_id, app_id))
            return forgotten

    def removing(self, profile_id: str) -> None:
        """Profiles… removes the profile: written before the settings drop it."""
        with self.database.writing() as db:
            db.execute("INSERT OR IGNORE INTO profile_removed VALUES (?)", (profile_id,))

    def not_removed(self, profile_id: str) -> None:
        """The removal did not happen (the settings' write failed, or never came)."""
        with self.database.writing() as db:
            db.execute("DELETE FROM profile_removed WHERE profile_id = ?", (profile_id,))

    def removed_profiles(self) -> set[str]:
        """The profiles Profiles… removed, or was removing, whose kept data is not yet
        forgotten."""
        rows = self.database.read("SELECT profile_id FROM profile_removed")
        return {str(row[0]) for row in rows}

    def forget_profile(self, profile_id: str) -> None:
        """Forget what was kept for a profile removed: its saved cards, the currencies
        remembered for its bills and its approval addresses."""
        with self.database.writing() as db:
            db.execute("DELETE FROM profile_removed WHERE profile_id = ?", (profile_id,))
            db.execute("DELETE FROM profile_app WHERE profile_id = ?", (profile_id,))
            db.execute("DELETE FROM saved_card WHERE profile_id = ?", (profile_id,))
            db.execute("DELETE FROM bill_currency WHERE profile_id = ?", (profile_id,))
            db.execute("DELETE FROM approval_link WHERE profile_id = ?", (profile_id,))


class RecordedCurrencies(Mapping[str, str]):
    """bill_no -> the currency this console recorded when it made the bill, read from the
    database as each bill is asked for (a console that took a million payments holds a
    million: read whole at each keystroke of a table's search, they froze the window
    for over a second). Whole, when iterated (a sync puts them all back, on its thread).
    Any thread may ask (the database reads under its lock)."""

    def __init__(self, local: LocalData, profile_id: str) -> None:
        self.local = local
        self.profile_id = profile_id
        self._known: dict[str, object] = {}

    def get(self, bill_no: str, default: str | None = None) -> str | None:  # type: ignore[override]
        known = self._known
        found = known.get(bill_no, _NOT_LOOKED_UP)
        if found is _NOT_LOOKED_UP:
            if len(known) >= KEEP_LOOKED_UP:
                known.clear()
            found = known[bill_no] = self.local.currency_of(self.profile_id, bill_no)
        return default if found is None else str(found)

    def __getitem__(self, bill_no: str) -> str:
        found = self.get(bill_no)
        if found is None:
            raise KeyError(bill_no)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.local.currencies(self.profile_id))

    def __len__(self) -> int:
        rows = self.local.database.read(
            "SELECT count(*) FROM bill_currency WHERE profile_id = ?", (self.profile_id,)
        )
        return int(rows[0][0]) if rows else 0

    def items(self) -> Any:
        return self.local.currencies(self.profile_id).items()

    def of(self, bill_nos: list[str]) -> list[tuple[str, str]]:
        """The currencies recorded for these bills (bill_no, currency), in one look-up."""
        return self.local.currencies_of(self.profile_id, bill_nos)

    def recorded_after(self, mark: int) -> tuple[list[tuple[str, str]], int]:
        """The currencies recorded after `mark` (bill_no, currency), and the mark to ask
        after next time (a sync fills only those: reading them all took seconds at a
        million). A mark past the last row recorded (the database was made again since)
        asks for them all."""
        # `+profile_id`: walked by rowid from the mark, not by the profile's every row
        rows = self.local.database.read(
            "SELECT rowid, bill_no, currency FROM bill_currency "
            "WHERE rowid > (CASE WHEN ? > (SELECT coalesce(max(rowid), 0) FROM bill_currency) "
            "THEN 0 ELSE ? END) AND +profile_id = ? ORDER BY rowid",
            (mark, mark, self.profile_id),
        )
        if not rows:
            return [], mark
        known = [(str(bill_no), currency) for _, bill_no, currency in rows if is_currency(currency)]
        return known, int(rows[-1][0])
