"""A start no clerk sees (`--exit-when-ready`: a script, the README's check, a packaging
smoke test) leaves what the clerk's next start has to tell them: a damaged settings
file or console database is neither moved aside nor replaced by it, and a payment left
without an answer or a refund left unresolved is not asked about, so the next start a
clerk sees finds them, deals with them and says so (docs/decisions.md, "A start no
clerk sees")."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from console.api.validate import china_today
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, SANDBOX_ID
from console.gui.session import ConsoleSession
from console.gui.settings import BILLS_TABLE, SANDBOX_PORT, TEXT, Settings
from console.gui.tabs.payment_tab import PaymentTab
from console.sandbox.store import Store as PracticeStore
from console.store import ConsoleStore
from console.store.audit_log import PAYMENT, REQUESTED, AuditLog
from console.store.refund_journal import DONE, SENDING
from console.store.secrets import SecretStore
from tests.cli_support import console_until_ready
from tests.clock_support import moment_ago
from tests.gui.console_support import notice_text, start_with_notice
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.tab_drivers import WAIT_MS, show_tab


def seen_start(qtbot, home: Path) -> MainWindow:
    """A start a clerk sees, in process, on the files of the console run in `home`."""
    settings = Settings.in_file(home / "config" / "BeeCloud" / "BeeCloud Console.conf")
    return start_with_notice(qtbot, settings, home / "data" / "beecloud-console")


def unseen_start(home: Path, *args: str) -> None:
    done = console_until_ready(home, *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "damage",
    [b"\0" * 4096, random.Random(11).randbytes(4096)],  # a power cut; junk
    ids=["zeros", "random bytes"],
)
def test_an_unseen_start_leaves_a_damaged_settings_file_for_the_clerk(
    qtbot, tmp_path: Path, damage: bytes
) -> None:
    """Moved aside by the unseen start and said in its log only: the clerk's next start
    had fresh settings, their live profiles gone, and no word of it."""
    home = tmp_path / "home"
    path = home / "config" / "BeeCloud" / "BeeCloud Console.conf"
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_bytes(damage)
    path.chmod(0o600)
    unseen_start(home)
    assert path.read_bytes() == damage
    assert list(path.parent.glob("*.damaged-*")) == []
    window = seen_start(qtbot, home)
    try:
        text = notice_text(qtbot, window)
        assert f"The settings file {path} held nothing the console could read" in text
        (aside,) = path.parent.glob("*.damaged-*")
        assert str(aside) in text and aside.read_bytes() == damage
    finally:
        window.close()


def test_an_unseen_start_leaves_a_damaged_database_for_the_clerk(qtbot, tmp_path: Path) -> None:
    """Replaced by the unseen start, the damaged one moved aside: the clerk's next start
    found a new database and said nothing of the one before (nor of what it held)."""
    home = tmp_path / "home"
    data_dir = home / "data" / "beecloud-console"
    data_dir.mkdir(parents=True, mode=0o700)
    path = data_dir / "console.sqlite3"
    damage = os.urandom(4096)
    path.write_bytes(damage)
    path.chmod(0o600)
    unseen_start(home)
    assert path.read_bytes() == damage
    assert list(data_dir.glob("console.sqlite3.*")) == []
    window = seen_start(qtbot, home)
    try:
        text = notice_text(qtbot, window)
        assert f"The console's database {path} is damaged" in text
        assert "It was moved aside to" in text
        assert "Its audit log could not be read" in text
        assert window.session.store.writable
    finally:
        window.close()


def data_folder(home: Path) -> Path:
    folder = home / "data" / "beecloud-console"
    folder.mkdir(parents=True, mode=0o700)
    return folder


def paid_practice_bill(data_dir: Path, bill_no: str, refund_no: str = "") -> None:
    """A paid bill of USD 20.00 on the practice sandbox's database (and its refund,
    made, when a number is given), as a start before had left it."""
    practice = PracticeStore(data_dir / "sandbox.sqlite3")
    try:
        practice.insert_bill(
            SANDBOX_APP_ID, bill_no, "PAYPAL_CREDITCARD", 2000, "Order 1", "USD", paid=True
        )
        if refund_no:
            practice.insert_refund(SANDBOX_APP_ID, refund_no, bill_no, 2000)
    finally:
        practice.close()


def leave_a_payment_unanswered(data_dir: Path, bill_no: str) -> None:
    """A card payment of USD 20.00 requested through the sandbox a minute ago, no answer
    written (its console was killed)."""
    store = ConsoleStore.open(data_dir)
    a_minute_ago = moment_ago(60_000)  # its request cannot reach BeeCloud any more
    AuditLog(store.database, clock=lambda: a_minute_ago).append(
        profile_id=SANDBOX_ID,
        profile_name="Sandbox",
        action=PAYMENT,
        subject=bill_no,
        result=REQUESTED,
        amount=2000,
        currency="USD",
        detail_params={"channel": "PAYPAL_CREDITCARD", "title": "Order 1", "card": ""},
    )
    store.close()


def test_an_unseen_start_leaves_a_payment_left_unanswered_for_the_clerk(
    qtbot, tmp_path: Path
) -> None:
    """The unseen start asked BeeCloud about it and wrote the answer to the audit log:
    the clerk's next start no longer showed it on New payment, and what became of the
    payment was told to no one."""
    home = tmp_path / "home"
    data_dir = data_folder(home)
    bill_no = "BC20261205120000LEFT0003"
    paid_practice_bill(data_dir, bill_no)
    leave_a_payment_unanswered(data_dir, bill_no)
    unseen_start(home, "--tab", "bills")  # its first page leaves time for an answer
    store = ConsoleStore.open(data_dir)
    try:
        left = [payment.bill_no for payment in store.audit_log.left_unanswered(SANDBOX_ID)]
    finally:
        store.close()
    assert left == [bill_no], "the unseen start settled it"
    window = seen_start(qtbot, home)
    try:
        qtbot.waitUntil(lambda: "payment" in window._built, timeout=WAIT_MS)
        payments = window.payment_tab
        qtbot.waitUntil(lambda: payments.results.unknown is not None, timeout=WAIT_MS)
        qtbot.waitUntil(
            lambda: f"Bill {bill_no} exists and is paid" in payments.check_result.text(),
            timeout=WAIT_MS,
        )
    finally:
        window.close()


def test_new_payment_in_an_unseen_start_does_not_take_up_a_payment_left(
    qtbot, tmp_path: Path
) -> None:
    """Opened on New payment, an unseen start's tab took the payment up and asked
    BeeCloud about it itself (whether the answer came before the start exited was
    a matter of time)."""
    data_dir = data_folder(tmp_path / "home")
    leave_a_payment_unanswered(data_dir, "BC20261205120000LEFT0005")
    settings = Settings.in_file(tmp_path / "settings.ini")
    session = ConsoleSession(
        settings, data_dir, SecretStore(MemoryKeyring()), demo_bills=0, seen=False
    )
    try:
        session.activate(SANDBOX_ID)
        tab = PaymentTab(session)
        qtbot.addWidget(tab)
        with qtbot.assertNotEmitted(tab.left_payment, wait=200):
            pass
        assert tab.results.unknown is None
    finally:
        session.shutdown()


def test_an_unseen_start_leaves_a_refund_left_unresolved_for_the_clerk(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    """The unseen start asked BeeCloud about it and settled it in the refund journal:
    the clerk's next start showed neither the refund in the bar nor that it was made."""
    home = tmp_path / "home"
    data_dir = data_folder(home)
    bill_no, refund_no = "BC20261205120000LEFT0004", china_today() + "080000RUNSEEN"
    paid_practice_bill(data_dir, bill_no, refund_no)
    store = ConsoleStore.open(data_dir)
    with monkeypatch.context() as then:  # its request cannot reach BeeCloud any more
        a_minute_ago = moment_ago(60_000)
        then.setattr("console.store.refund_journal.moment_now", lambda: a_minute_ago)
        store.journal.record_sending(refund_no, bill_no, 2000, "USD", SANDBOX_ID)
    store.close()
    unseen_start(home, "--tab", "bills")
    store = ConsoleStore.open(data_dir)
    try:
        entry = store.journal.get(refund_no)
    finally:
        store.close()
    assert entry is not None and entry.state == SENDING, "the unseen start settled it"
    window = seen_start(qtbot, home)
    try:
        journal = window.session.journal
        qtbot.waitUntil(lambda: getattr(journal.get(refund_no), "state", "") == DONE)
        made = f"Refund {refund_no} of USD 20.00 for bill {bill_no} was made."
        qtbot.waitUntil(lambda: made in window.refund_notice.news_label.text(), timeout=WAIT_MS)
    finally:
        window.close()


def test_an_unseen_start_keeps_the_clerks_sandbox_port(qtbot, tmp_path: Path) -> None:
    """Started while the clerk's console held the practice sandbox's port, the unseen
    start took another and saved it: the clerk's next start moved there, and the
    practice approval links made before (on the port kept) no longer worked."""
    home = tmp_path / "home"
    window = seen_start(qtbot, home)
    try:
        sandbox = window.session.sandbox
        assert sandbox is not None
        settings = window.session.settings
        assert settings.get(SANDBOX_PORT) == sandbox.port and settings.save_now()
        unseen_start(home)
        next_start = Settings.in_file(Path(settings.file_name()))
        assert next_start.get(SANDBOX_PORT) == sandbox.port
    finally:
        window.close()


def test_an_unseen_start_leaves_the_clerks_tab_filters_and_columns(qtbot, tmp_path: Path) -> None:
    """Closed, the unseen start wrote its tabs' filters and columns over the clerk's:
    what a clerk chose in a console open at the same time was replaced by what the
    unseen start had read at its start (and its columns as fitted on its screen)."""
    settings = Settings.in_file(tmp_path / "settings.ini")
    settings.group(BILLS_TABLE).put(TEXT, "chair")
    session = ConsoleSession(
        settings,
        data_folder(tmp_path / "home"),
        SecretStore(MemoryKeyring()),
        demo_bills=0,
        seen=False,
    )
    session.activate(SANDBOX_ID)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    bills = show_tab(window, window.bills_tab, qtbot)
    assert bills.row_filters.text.text() == "chair"
    bills.row_filters.text.setText("table")
    clerks = Settings.in_file(Path(settings.file_name()))
    clerks.group(BILLS_TABLE).put(TEXT, "lamp")  # the clerk's console, closed meanwhile
    assert clerks.save_now()
    window.close()
    assert Settings.in_file(Path(settings.file_name())).group(BILLS_TABLE).get(TEXT) == "lamp"
