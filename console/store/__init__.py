"""The console's store: what it keeps on this computer, Qt-free.

One SQLite file (`console.sqlite3` in the data folder), opened in one place
(database.py: one connection, one set of pragmas, schema.py: one schema with a
version), whatever state the file is in (opening.py). In it:

- local_data.py: the currency of bills this console made, saved cards' ids;
- refund_journal.py: every refund, written down before it is sent;
- audit_log.py: every write action, appended.

Beside it, in_flight.py: the refunds and payments on their way in some console on
the folder.

The GUI only shows what the store holds.
"""

from __future__ import annotations

from pathlib import Path

from console.store.audit_log import AuditLog
from console.store.database import Database
from console.store.errors import StoreError
from console.store.in_flight import FOLDER_NAME as IN_FLIGHT_FOLDER
from console.store.in_flight import PAYMENTS, PROFILES, REFUNDS, REMOVALS, InFlight
from console.store.local_data import LocalData
from console.store.opening import OpenedStore, StoreProblem, open_console_database
from console.store.refund_journal import RefundJournal

FILE_NAME = "console.sqlite3"


class ConsoleStore:
    def __init__(self, opened: OpenedStore) -> None:
        self.database = opened.database
        self.problem: StoreProblem | None = opened.problem
        self.local = LocalData(self.database)
        path = self.database.path  # None: a store in memory, shared with no other console
        folder = None if path is None else path.parent / IN_FLIGHT_FOLDER
        self.refunds_on_their_way = InFlight(folder, REFUNDS)
        self.payments_on_their_way = InFlight(folder, PAYMENTS)
        self.refunds_on_their_way.remove_left()  # a killed console's: its holder is gone
        self.payments_on_their_way.remove_left()
        # a new profile's secrets in the keyring until the settings hold it (Profiles…)
        self.profiles_being_saved = InFlight(folder, PROFILES)
        # a profile Profiles… removes, from its mark until what is kept of it is forgotten
        self.profiles_being_removed = InFlight(folder, REMOVALS)
        self.profiles_being_removed.remove_left()
        self.journal = RefundJournal(self.database)
        self.audit_log = AuditLog(self.database, on_their_way=self.payments_on_their_way)

    @classmethod
    def open(cls, data_dir: Path, leave_damaged: bool = False) -> ConsoleStore:
        """The store of this data folder, whatever state its file is in (a damaged one
        left as it is, `leave_damaged`: console/store/opening.py)."""
        return cls(open_console_database(data_dir / FILE_NAME, leave_damaged))

    @property
    def writable(self) -> bool:
        return self.database.writable

    def close(self) -> None:
        self.database.close()
        self.refunds_on_their_way.close()
        self.payments_on_their_way.close()
        self.profiles_being_saved.close()
        self.profiles_being_removed.close()


__all__ = [
    "FILE_NAME",
    "AuditLog",
    "ConsoleStore",
    "Database",
    "LocalData",
    "RefundJournal",
    "StoreError",
    "StoreProblem",
]
