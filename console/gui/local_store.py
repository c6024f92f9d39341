"""The console's own small database (in the user's data folder): what it must
remember that the API does not tell, per profile.

- the currency of every bill this console created (bill lists carry none);
- saved cards: a label and the vault's credit_card_id, never a number or CVV.
No Qt here.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS bill_currency (
    profile_id TEXT NOT NULL,
    bill_no TEXT NOT NULL,
    currency TEXT NOT NULL,
    PRIMARY KEY (profile_id, bill_no)
);
CREATE TABLE IF NOT EXISTS saved_card (
    profile_id TEXT NOT NULL,
    label TEXT NOT NULL,
    credit_card_id TEXT NOT NULL,
    PRIMARY KEY (profile_id, credit_card_id)
);
"""


@dataclass(frozen=True)
class SavedCard:
    label: str
    credit_card_id: str


class LocalStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def remember_currency(self, profile_id: str, bill_no: str, currency: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO bill_currency VALUES (?, ?, ?)",
                (profile_id, bill_no, currency),
            )

    def currencies(self, profile_id: str) -> dict[str, str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT bill_no, currency FROM bill_currency WHERE profile_id = ?", (profile_id,)
            ).fetchall()
        return dict(rows)

    def save_card(self, profile_id: str, label: str, credit_card_id: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO saved_card VALUES (?, ?, ?)",
                (profile_id, label, credit_card_id),
            )

    def saved_cards(self, profile_id: str) -> list[SavedCard]:
        with self._lock:
            rows = self._db.execute(
                "SELECT label, credit_card_id FROM saved_card WHERE profile_id = ? ORDER BY label",
                (profile_id,),
            ).fetchall()
        return [SavedCard(label, card_id) for label, card_id in rows]

    def forget_card(self, profile_id: str, credit_card_id: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "DELETE FROM saved_card WHERE profile_id = ? AND credit_card_id = ?",
                (profile_id, credit_card_id),
            )
