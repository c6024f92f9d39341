"""The keyring is read off the GUI thread while the clerk works: a keyring whose daemon
hangs, or which shows its own unlock prompt, answers in seconds or not for a minute, and
a timer's sync, a Reload or a payment read it on the GUI thread, the window frozen
meanwhile with no word why."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer

from console.api.ids import new_refund_no
from console.api.models import RefundRequest
from console.api.money import Money
from console.gui.history import DONE, FAILED
from console.gui.jobs import Action, Credentials, ErrorReport, Job
from console.gui.main_window import MainWindow
from console.sandbox.faults import Fault
from console.store import ConsoleStore
from console.store.audit_log import AuditEntry
from console.store.refund_journal import REFUSED
from console.store.secrets import SERVICE, SecretStore
from tests.gui.console_support import live_profile
from tests.gui.memory_keyring import GatedKeyring
from tests.gui.sandbox_truth import count_sandbox_bills, sandbox_of
from tests.gui.tab_drivers import WAIT_MS, fill_card


@pytest.fixture
def keyring_backend() -> GatedKeyring:
    return GatedKeyring()


def on_live_profile(window: MainWindow, qtbot, keyring: GatedKeyring) -> None:
    """The window on a live profile of the embedded sandbox's app, its first sync done
    (and its secret found there); a keyring call given up on after 8 s (the console's
    after a minute)."""
    session = window.session
    session.secrets = SecretStore(keyring, wait_s=8.0)
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        live_profile(session, "Shop", (sandbox_of(session).base_url,))
    assert session.history.failure is None


def test_a_timer_sync_waiting_for_the_keyring_leaves_the_window_working(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring
) -> None:
    on_live_profile(window, qtbot, keyring_backend)
    history = window.session.history
    ended: list[str] = []
    history.sync_ended.connect(ended.append)
    ticks: list[bool] = []  # a timer of the window's, each time it fired while the keyring waits
    ticker = QTimer(window)
    ticker.setInterval(20)
    ticker.timeout.connect(lambda: ticks.append(keyring_backend.waiting.is_set()))
    ticker.start()
    keyring_backend.gate.clear()
    try:
        history._on_timer()  # what the timer does every few minutes
        qtbot.waitUntil(lambda: ticks.count(True) >= 5, timeout=2_000)
        assert history.syncing and not ended
        # once it takes long, the status bar says what is waited for
        qtbot.waitUntil(lambda: "keyring" in window.busy_label.text(), timeout=WAIT_MS)
    finally:
        keyring_backend.gate.set()
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    ticker.stop()
    assert ended == [DONE] and history.failure is None
    assert "keyring" not in window.busy_label.text()


def test_a_locked_keyring_at_a_timer_sync_says_so(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring
) -> None:
    on_live_profile(window, qtbot, keyring_backend)
    history = window.session.history
    ended: list[str] = []
    history.sync_ended.connect(ended.append)
    keyring_backend.locked = True
    history._on_timer()
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    assert ended == [FAILED]
    failure = history.failure
    assert failure is not None and failure.kind == "keyring"
    assert "The system keyring is locked; unlock it and try again." in failure.message


def test_a_payment_waiting_for_the_keyring_is_made_once_it_answers(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring
) -> None:
    """The payment is written down and sent once its secrets are read, and only then;
    the window works meanwhile and says what it waits for."""
    on_live_profile(window, qtbot, keyring_backend)
    session = window.session
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_card(tab)
    bills_before = count_sandbox_bills(session)
    rows_before = len(session.store.audit_log.entries())
    keyring_backend.gate.clear()
    try:
        tab.pay_button.click()
        qtbot.waitUntil(lambda: "keyring" in window.busy_label.text(), timeout=WAIT_MS)
        assert tab.submitted is not None and keyring_backend.waiting.is_set()
        assert count_sandbox_bills(session) == bills_before
        assert len(session.store.audit_log.entries()) == rows_before  # nothing sent yet
    finally:
        keyring_backend.gate.set()
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    assert tab.outcome.kind == "success", tab.outcome.body.text()
    assert count_sandbox_bills(session) == bills_before + 1
    rows = session.store.audit_log.entries()
    assert sorted(row.result for row in rows[: len(rows) - rows_before]) == ["ok", "requested"]


def test_a_write_still_waiting_for_the_keyring_at_close_is_said_not_sent(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring
) -> None:
    """The console closed while a payment and a refund wait for their secrets: neither is
    sent, and neither leaves the clerk without a word: the audit log says each was not
    sent, and the refund's journal entry is settled as never sent (not "on its way", to
    be checked as lost at the next start)."""
    on_live_profile(window, qtbot, keyring_backend)
    session = window.session
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_card(tab)
    request = RefundRequest("BC0000000001", new_refund_no(), Money(100, "USD"))
    appended: list[AuditEntry] = []
    session.audit_appended.connect(appended.append)
    reports: list[ErrorReport] = []
    bills_before = count_sandbox_bills(session)
    keyring_backend.gate.clear()
    try:
        tab.pay_button.click()
        qtbot.waitUntil(keyring_backend.waiting.is_set, timeout=WAIT_MS)
        session.reconciler.record_sending(request, session.profile.id)
        refund = session.submit(Action.REFUND, request, "Refund")
        refund.failed.connect(reports.append)
        data_dir = session.data_dir
        bills_after = count_sandbox_bills(session)
        session.shutdown()
    finally:
        keyring_backend.gate.set()
    assert bills_after == bills_before
    assert [report.kind for report in reports] == ["closed"]
    written = [(row.action, row.result) for row in appended]
    assert sorted(written) == [
        ("payment", "failed: The console was closed first"),
        ("refund", "failed: The console was closed first"),
    ], written
    store = ConsoleStore.open(data_dir)
    try:
        entry = store.journal.get(request.refund_no)
        assert entry is not None and entry.state == REFUSED
    finally:
        store.close()


def pay_while_the_keyring_waits(
    window: MainWindow, qtbot, keyring: GatedKeyring, meanwhile: Callable[[], None]
) -> int:
    """A card payment clicked while the keyring's reads wait, `meanwhile` done before they
    go on; once the tab is done with it, how many bills the sandbox held before."""
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_card(tab)
    bills_before = count_sandbox_bills(window.session)
    keyring.gate.clear()
    try:
        tab.pay_button.click()
        qtbot.waitUntil(keyring.waiting.is_set, timeout=WAIT_MS)
        meanwhile()
    finally:
        keyring.gate.set()
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    return bills_before


@pytest.mark.parametrize("change", ["app_id", "removed"])
def test_a_payment_waiting_for_the_keyring_is_not_sent_to_a_profile_changed_meanwhile(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring, change: str
) -> None:
    """While the payment waits for its secrets, the profile it was clicked under is given
    another App ID (Profiles…, or another console) or removed: the account the band showed
    is no more the profile's, and a payment of it could no longer be checked by its app
    (Profiles… holds an App ID only for payments written down). It is not sent, and said so."""
    on_live_profile(window, qtbot, keyring_backend)
    session = window.session
    profile = session.profile

    def meanwhile() -> None:
        if change == "app_id":
            session.profiles.save(replace(profile, app_id="otherapp01"))
            session.saved(profile.id)
        else:
            session.profiles.remove(profile.id)
            session.follow_settings(profile.id)

    bills_before = pay_while_the_keyring_waits(window, qtbot, keyring_backend, meanwhile)
    tab = window.payment_tab
    assert count_sandbox_bills(session) == bills_before
    assert tab.pay_status.text() == "Nothing was sent.", tab.outcome.body.text()
    said = tab.outcome.body.text()
    assert "while this waited for the system keyring, so nothing was sent" in said, said
    assert session.store.audit_log.unsettled_payments(profile.id) == []
    last = session.store.audit_log.entries()[0]
    assert (last.action, last.result.startswith("failed")) == ("payment", True), last


class FrozenClock:
    """The time module as the gateway reads it, its monotonic clock standing still: a
    timer of Qt's (coarse: up to 5 % early) that fires before the clock says the time."""

    def __init__(self) -> None:
        import time

        self.now = time.monotonic()

    def monotonic(self) -> float:
        return self.now


def test_the_status_bar_says_a_job_waits_for_the_keyring_once_its_timer_fires(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt fires a one-second timer up to 50 ms early, and the gateway said the wait only
    when the clock agreed a second had passed: now and then never (no later change)."""
    import console.gui.gateway as gateway_module

    monkeypatch.setattr(gateway_module, "time", FrozenClock(), raising=False)  # if it reads one
    gateway = window.session.gateway
    job = Job(Action.FIND_BILL, "BC0000000001", Credentials("", "", ()), "Looking", 0, "x")
    handle = gateway.pending(job)
    try:
        assert "keyring" not in window.busy_label.text()
        qtbot.waitUntil(lambda: "keyring" in window.busy_label.text(), timeout=3_000)
        assert window.busy_label.text() == "Looking: waiting for the system keyring"
    finally:
        handle.cancel()
    assert window.busy_label.text() == ""


def test_the_question_before_closing_says_a_payment_waiting_for_the_keyring_is_not_sent(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring
) -> None:
    """It said the payment was on its way and would be asked of BeeCloud at the next
    start: it was not sent, and a close leaves it not sent (said in the Audit tab). Sent
    while the question is open, the question says it is on its way now."""
    on_live_profile(window, qtbot, keyring_backend)
    sandbox_of(window.session).faults.set("pay", Fault("latency", 350))
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_card(tab)
    bill_no = tab.bill_no_edit.text()
    keyring_backend.gate.clear()
    try:
        tab.pay_button.click()
        qtbot.waitUntil(keyring_backend.waiting.is_set, timeout=WAIT_MS)
        window.close()
        box = window.close_question
        assert box is not None and box.isVisible() and window.isVisible()
        assert bill_no in box.text()
        assert "waiting for the system keyring, not sent yet" in box.text(), box.text()
        assert "asked of BeeCloud" not in box.text()
    finally:
        keyring_backend.gate.set()
    qtbot.waitUntil(lambda: "asked of BeeCloud when the console next starts" in box.text())
    assert "not sent yet" not in box.text() and window.close_question is box
    qtbot.waitUntil(lambda: window.close_question is None, timeout=WAIT_MS)
    assert window.isVisible() and tab.outcome.kind == "success"


def test_a_payment_waiting_for_the_keyring_is_made_with_the_secret_saved_meanwhile(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring
) -> None:
    """While the payment waits for its secrets, another console on the same data folder
    saves the profile's App Secret anew: under a keyring entry of its own, the old entry
    then deleted (as Profiles… saves one). The payment is made with the secret the
    profile has now, not refused for "no app secret" found in the entry deleted."""
    on_live_profile(window, qtbot, keyring_backend)
    session = window.session
    profile = session.profile
    secret = session.secrets.get(profile.secret_key)
    assert secret

    def meanwhile() -> None:  # the other console's save: past this one's SecretStore
        renewed = profile.under_new_keyring_entry()
        keyring_backend.set_password(SERVICE, renewed.secret_key, secret)
        session.profiles.save(renewed)
        keyring_backend.delete_password(SERVICE, profile.secret_key)

    bills_before = pay_while_the_keyring_waits(window, qtbot, keyring_backend, meanwhile)
    tab = window.payment_tab
    assert tab.outcome.kind == "success", tab.outcome.body.text()
    assert count_sandbox_bills(session) == bills_before + 1


def test_a_job_read_again_keeps_its_place_before_the_jobs_asked_after_it(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring
) -> None:
    """A job waits for the keyring while another console saves the profile's App Secret
    anew (under a keyring entry of its own); a second job is asked for meanwhile. The
    first is read again from the new entry, and was sent after the second: the jobs
    went in another order than the clerk asked for them."""
    on_live_profile(window, qtbot, keyring_backend)
    session = window.session
    profile = session.profile
    secret = session.secrets.get(profile.secret_key)
    assert secret
    gateway = session.gateway
    sent: list[str] = []
    send = gateway.send

    def noting_the_order(handle, job) -> None:  # the real send, its order noted (a sync
        sent.append(job.description)  # the profile's save started may come between)
        send(handle, job)

    gateway.send = noting_the_order  # type: ignore[method-assign]
    keyring_backend.gate.clear()
    try:
        first = session.submit(Action.FIND_BILL, "BC0000000001", "first")
        qtbot.waitUntil(keyring_backend.waiting.is_set, timeout=WAIT_MS)
        renewed = profile.under_new_keyring_entry()  # the other console's save
        keyring_backend.set_password(SERVICE, renewed.secret_key, secret)
        session.profiles.save(renewed)
        keyring_backend.delete_password(SERVICE, profile.secret_key)
        second = session.submit(Action.FIND_BILL, "BC0000000002", "second")
    finally:
        keyring_backend.gate.set()
    qtbot.waitUntil(lambda: not (first.running or second.running), timeout=WAIT_MS)
    assert [asked for asked in sent if asked in ("first", "second")] == ["first", "second"]


def test_what_went_wrong_with_a_keyrings_answer_is_said_in_the_status_bar(
    window: MainWindow, qtbot
) -> None:
    window.session.keyring_reads.went_wrong.emit("ValueError")
    said = window.statusBar().currentMessage()
    assert "ValueError" in said and "log" in said, said


def test_a_sync_with_no_thread_to_read_the_keyring_on_says_so_not_refused(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process at its limit of threads: the read that could not start was said as
    "The system keyring refused the request", sending the clerk to a keyring that
    refused nothing."""
    on_live_profile(window, qtbot, keyring_backend)
    history = window.session.history
    ended: list[str] = []
    history.sync_ended.connect(ended.append)
    start = threading.Thread.start

    def no_keyring_read_thread(self: threading.Thread) -> None:
        if self.name == "keyring-read":
            raise RuntimeError("can't start new thread")
        start(self)

    monkeypatch.setattr(threading.Thread, "start", no_keyring_read_thread)
    history._on_timer()
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    monkeypatch.setattr(threading.Thread, "start", start)
    failure = history.failure
    assert ended == [FAILED] and failure is not None and failure.kind == "keyring"
    assert "refused" not in failure.message
    assert "could not start reading the system keyring" in failure.message


def test_a_payment_whose_keyring_answer_could_not_be_handled_ends_not_sent(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Something unexpected went wrong once the keyring answered, before the payment was
    sent: the status bar said so, and the Payment tab went on saying "Sending…", its
    Pay button off and the job listed as running, for good. It ends, said not sent."""
    on_live_profile(window, qtbot, keyring_backend)
    session = window.session
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_card(tab)
    bills_before = count_sandbox_bills(session)

    def broken(*_args: object) -> None:
        raise ValueError("broken")

    monkeypatch.setattr(session, "_still_as_clicked", broken)
    tab.pay_button.click()
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    assert tab.outcome.kind == "not_sent", tab.outcome.kind
    assert tab.pay_status.text() == "Nothing was sent."
    assert "ValueError" in tab.outcome.body.text() and "not sent" in tab.outcome.body.text()
    assert count_sandbox_bills(session) == bills_before
    assert "ValueError" in window.statusBar().currentMessage()  # logged, and said once
    newest = session.store.audit_log.entries()[0]  # the payment, said not sent
    assert newest.result == "failed: Something went wrong before sending", newest


def test_a_refund_whose_keyring_answer_could_not_be_handled_is_settled_never_sent(
    window: MainWindow, qtbot, keyring_backend: GatedKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for a refund: its journal entry is settled as never sent, not left "on
    its way" (a refund to check at the next start, as if it may have gone)."""
    on_live_profile(window, qtbot, keyring_backend)
    session = window.session
    request = RefundRequest("BC0000000001", new_refund_no(), Money(100, "USD"))
    session.reconciler.record_sending(request, session.profile.id)

    def broken(*_args: object) -> None:
        raise ValueError("broken")

    monkeypatch.setattr(session, "_still_as_clicked", broken)
    reports: list[ErrorReport] = []
    refund = session.submit(Action.REFUND, request, "Refund")
    refund.failed.connect(reports.append)
    qtbot.waitUntil(lambda: not refund.running, timeout=WAIT_MS)
    assert [report.kind for report in reports] == ["not_sent"]
    entry = session.journal.get(request.refund_no)
    assert entry is not None and entry.state == REFUSED, entry
