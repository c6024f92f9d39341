"""What the console must remember that the API does not tell, per profile:

- the currency of every bill this console created (bill lists carry none);
- saved cards: a label and the vault's credit_card_id, never a number or CVV.
No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.store.database import Database


@dataclass(frozen=True)
class SavedCard:
    label: str
    credit_card_id: str


class LocalData:
    def __init__(self, database: Database) -> None:
        self.database = database

    def remember_currency(self, profile_id: str, bill_no: str, currency: str) -> None:
        with self.database.writing() as db:
            db.execute(
                "INSERT OR REPLACE INTO bill_currency VALUES (?, ?, ?)",
                (profile_id, bill_no, currency),
            )

    def currencies(self, profile_id: str) -> dict[str, str]:
        rows = self.database.read(
            "SELECT bill_no, currency FROM bill_currency WHERE profile_id = ?", (profile_id,)
        )
        return {str(bill_no): str(currency) for bill_no, currency in rows}

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

    def forget_cards(self, profile_id: str) -> int:
        """Forget every card saved for a profile (they were its old app's); how many."""
        with self.database.writing() as db:
            return db.execute("DELETE FROM saved_card WHERE profile_id = ?", (profile_id,)).rowcount

    def forget_profile(self, profile_id: str) -> None:
        """Forget what was kept for a profile removed: its saved cards and the currencies
        remembered for its bills."""
        with self.database.writing() as db:
            db.execute("DELETE FROM saved_card WHERE profile_id = ?", (profile_id,))
            db.execute("DELETE FROM bill_currency WHERE profile_id = ?", (profile_id,))
