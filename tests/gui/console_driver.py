"""The real console in a process of its own, for tests that kill it mid-refund (or
mid-payment), or start another console beside it.

    python -m tests.gui.console_driver DATA_DIR SETTINGS_INI BILL_NO [close | pay]
    (app secret on stdin)

It builds the real ConsoleSession and MainWindow offscreen on the given data
folder and settings file (whose last profile is a live one; its secret, read
from standard input, goes to an in-memory keyring), refunds the bill in full
through the Refund tab, prints `SENT <refund_no>` once the journal file holds
that refund as `sending`, and then runs its event loop until it is killed, or,
with `close`, closes its window as a user would once the file CLOSE_NOW appears in
DATA_DIR (the test makes it when the refund's POST has reached its host: the
refund still in flight).
With `pay`, it pays a card bill of USD 12.50 numbered BILL_NO through New payment
instead, and prints `SENT <bill_no>` once the audit log holds the payment as requested.
It gives up (exit code 3) after LIMIT_MS.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from console.gui.main_window import MainWindow
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.store.audit_log import AuditLog
from console.store.database import Database
from console.store.refund_journal import SENDING, RefundJournal
from console.store.secrets import SecretStore
from tests.gui.memory_keyring import MemoryKeyring

LIMIT_MS = 60_000
POLL_MS = 10
CLOSE_NOW = "close-now"  # with `close`: the window closes once this file is in DATA_DIR


def main(argv: list[str]) -> int:
    data_dir, settings_path, bill_no = Path(argv[0]), argv[1], argv[2]
    close_when_sent = argv[3:] == ["close"]
    paying = argv[3:] == ["pay"]
    secret = sys.stdin.readline().strip()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication([])
    settings = Settings.in_file(settings_path)
    secrets = SecretStore(MemoryKeyring())
    session = ConsoleSession(settings, data_dir, secrets, demo_bills=0)
    profile_id = session.profiles.last_id()
    secrets.set(profile_id, secret)
    session.activate(profile_id)
    window = MainWindow(session)
    window.show()
    if paying:
        return pay(app, window, profile_id, data_dir, bill_no)
    tab = window.refund_tab
    tab.confirm = lambda _confirmation: True
    journal = RefundJournal(
        Database.open(data_dir / "console.sqlite3")
    )  # a reader of the file, as a test is

    refunded: list[bool] = []
    said: list[bool] = []  # SENT was said

    def step() -> None:
        if not refunded:
            if tab.bill is not None and tab.refunds is not None:
                refunded.append(True)
                tab.refund()
            return
        if said:
            if (data_dir / CLOSE_NOW).exists():
                poll.stop()
                window.close()  # the last window: the event loop ends
            return
        sending = [e for e in journal.unresolved(profile_id) if e.state == SENDING]
        if sending:
            print(f"SENT {sending[0].refund_no}", flush=True)
            said.append(True)
            if not close_when_sent:
                poll.stop()

    poll = QTimer()
    poll.timeout.connect(step)
    poll.start(POLL_MS)
    tab.prefill(bill_no)
    QTimer.singleShot(LIMIT_MS, lambda: app.exit(3))
    code = app.exec()
    window.close()
    return code


def pay(
    app: QApplication, window: MainWindow, profile_id: str, data_dir: Path, bill_no: str
) -> int:
    """Pay a card bill numbered `bill_no`; say SENT once it is requested in the audit log."""
    from tests.gui.tab_drivers import fill_card

    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_card(tab)
    tab.bill_no_edit.setText(bill_no)
    log = AuditLog(Database.open(data_dir / "console.sqlite3"))  # a reader, as a test is

    def step() -> None:
        if any(p.bill_no == bill_no for p in log.unsettled_payments(profile_id)):
            print(f"SENT {bill_no}", flush=True)
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(step)
    poll.start(POLL_MS)
    QTimer.singleShot(0, tab.pay)  # once the tab has looked for payments left unanswered
    QTimer.singleShot(LIMIT_MS, lambda: app.exit(3))
    code = app.exec()
    window.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
