"""The console under faults, through the real window against the embedded sandbox.

The sandbox is told to misbehave (console/sandbox/faults.py) on one endpoint; each
test checks what a finance user sees (a clear message; for a lost answer
"Outcome unknown" and a Check now that tells the truth), that nothing was sent
twice (the sandbox counts the requests that met the fault, and its store holds
exactly one record or none, as the fault dictates) and that the window never
froze. pytest-qt fails a test on any exception raised in a Qt slot.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from console.api.client import BeeCloudClient
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, Profile
from console.gui.session import ConsoleSession
from console.gui.tables import history_tab
from console.gui.tabs.bills_tab import BillsTab
from console.gui.tabs.payment_tab import PaymentTab
from console.gui.tabs.refund_tab import RefundTab
from console.sandbox.faults import Fault
from console.sandbox.store import RecordFilter
from tests.gui.conftest import DEMO_BILLS
from tests.gui.sandbox_bills import paid_bill
from tests.gui.sandbox_truth import count_sandbox_bills, sandbox_of
from tests.gui.tab_drivers import WAIT_MS, fill_card, outcome_text, pay_and_wait, show_tab
from tests.hostile_support import HostileServer, answer_with, json_reply
from tests.net_support import closed_port_url
from tests.tls_support import TlsProxy, make_self_signed

BROKEN = ("drop-before", "drop-after", "html-500", "bad-json", "empty-200")
DONE = {"drop-before": 0, "drop-after": 1, "html-500": 0, "bad-json": 1, "empty-200": 1}


def refunds_of_bill(session: ConsoleSession, bill_no: str) -> int:
    store = sandbox_of(session).store
    assert store is not None
    return store.count_refunds(SANDBOX_APP_ID, RecordFilter(bill_no=bill_no))


# -- the Refund tab -------------------------------------------------------------------------


@pytest.fixture
def refund_tab(window: MainWindow) -> RefundTab:
    window.tabs.setCurrentWidget(window.refund_tab)
    window.refund_tab.confirm = lambda confirmation: True
    return window.refund_tab


def find_bill(qtbot, tab: RefundTab, bill_no: str) -> None:
    tab.bill_no_edit.setText(bill_no)
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: tab.bill is not None and tab.bill.bill_no == bill_no and tab.refunds is not None,
        timeout=WAIT_MS,
    )


def press_refund(qtbot, tab: RefundTab) -> None:
    assert tab.refund_button.isEnabled()
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.outcome.kind not in ("", "pending"), timeout=WAIT_MS)


@pytest.mark.parametrize("kind", BROKEN)
def test_a_refund_whose_answer_is_lost_or_broken_is_outcome_unknown_then_checked(
    qtbot, session: ConsoleSession, refund_tab: RefundTab, truth: BeeCloudClient, kind: str
) -> None:
    bill_no = paid_bill(truth, title="Mouse")
    # short timeouts: absent is proven once the request's call would have ended
    profile = live_profile(
        session, (sandbox_of(session).base_url,), connect_timeout=0.2, read_timeout=0.5
    )
    session.activate(profile.id)
    find_bill(qtbot, refund_tab, bill_no)
    faults = sandbox_of(session).faults
    faults.set("refund", Fault(kind))  # a re-send would meet it again, and be counted

    press_refund(qtbot, refund_tab)

    assert refund_tab.outcome.kind == "outcome_unknown"
    assert refund_tab.outcome.title.text().startswith("Outcome unknown")
    assert "may or may not have been made" in outcome_text(refund_tab)
    assert "Check now" in outcome_text(refund_tab)
    assert refund_tab.check_button.isVisible() and refund_tab.check_button.isEnabled()
    assert not refund_tab.refund_button.isEnabled()  # blocked until the truth is known
    assert faults.hits("refund") == 1
    assert refunds_of_bill(session, bill_no) == DONE[kind]

    qtbot.mouseClick(refund_tab.check_button, Qt.MouseButton.LeftButton)
    settled = ("success", "not_made")  # (not before it can no longer arrive)
    qtbot.waitUntil(lambda: refund_tab.outcome.kind in settled, timeout=WAIT_MS)

    if DONE[kind]:
        assert refund_tab.outcome.kind == "success"
        assert refund_tab.outcome.title.text() == "The refund was made"
    else:
        assert refund_tab.outcome.kind == "not_made"
        assert "it was not made" in refund_tab.outcome.title.text()
        assert "Nothing has been refunded" in outcome_text(refund_tab)
    assert faults.hits("refund") == 1  # the check asked; it never sent the refund again
    assert refunds_of_bill(session, bill_no) == DONE[kind]


def test_a_refund_still_on_its_way_is_not_said_not_made_before_its_call_would_have_ended(
    qtbot, session: ConsoleSession, refund_tab: RefundTab, truth: BeeCloudClient
) -> None:
    """A far server slower than the read timeout: the refund's answer is lost, but the
    request is there, and the refund is made a moment later. Check now asked at once
    found no refund and said 'it was not made. Nothing has been refunded' (and the
    journal and the audit log wrote it so): it was made half a second later. Until the
    request's call would have ended it says 'not yet' and asks again then."""
    bill_no = paid_bill(truth, title="Mouse")
    profile = live_profile(
        session, (sandbox_of(session).base_url,), connect_timeout=0.2, read_timeout=0.3
    )
    session.activate(profile.id)
    find_bill(qtbot, refund_tab, bill_no)
    faults = sandbox_of(session).faults
    faults.set("refund", Fault("latency", 700, count=1))
    press_refund(qtbot, refund_tab)
    assert refund_tab.outcome.kind == "outcome_unknown"
    [entry] = session.journal.entries()

    qtbot.mouseClick(refund_tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: refund_tab.outcome.kind != "outcome_unknown", timeout=WAIT_MS)
    said = refund_tab.outcome.title.text() + " " + outcome_text(refund_tab)
    assert f"BeeCloud has no refund {entry.refund_no} yet" in said, said
    assert "asked again at" in said and "not made" not in said, said
    qtbot.waitUntil(lambda: refund_tab.outcome.kind == "success", timeout=WAIT_MS)
    assert refund_tab.outcome.title.text() == "The refund was made"
    assert session.journal.entries()[0].state == "done"
    assert faults.hits("refund") == 1 and refunds_of_bill(session, bill_no) == 1
    checks = [
        (row.result, row.detail)
        for row in session.audit.log.entries()
        if row.subject == entry.refund_no and row.action == "refund_check"
    ]
    assert checks == [("ok", f"bill {bill_no}: the refund was made")], checks


def test_a_refund_found_made_after_its_answer_was_lost_takes_its_note_away(
    qtbot, session: ConsoleSession, refund_tab: RefundTab, truth: BeeCloudClient
) -> None:
    """Found at the screen: a refund answered at once empties its note, but one whose
    answer was lost, found made by Check now, left 'item returned damaged' in the Note
    field, to go with the next bill's refund."""
    bill_no = paid_bill(truth, title="Mouse")
    find_bill(qtbot, refund_tab, bill_no)
    sandbox_of(session).faults.set("refund", Fault("drop-after", count=1))
    refund_tab.note_edit.setText("item returned damaged")
    press_refund(qtbot, refund_tab)
    assert refund_tab.outcome.kind == "outcome_unknown"
    assert refund_tab.note_edit.text() == "item returned damaged"  # it may be sent again
    qtbot.mouseClick(refund_tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: refund_tab.outcome.kind == "success", timeout=WAIT_MS)
    assert refund_tab.note_edit.text() == ""


def test_a_held_refund_leaves_the_window_alive(
    qtbot, session: ConsoleSession, window: MainWindow, refund_tab: RefundTab, truth
) -> None:
    bill_no = paid_bill(truth, title="Mouse")
    find_bill(qtbot, refund_tab, bill_no)
    faults = sandbox_of(session).faults
    faults.set("refund", Fault("latency", 1500))
    ticks_while_held: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(
        lambda: ticks_while_held.append(1) if refund_tab.outcome.kind == "pending" else None
    )
    timer.start()
    try:
        qtbot.mouseClick(refund_tab.refund_button, Qt.MouseButton.LeftButton)
        assert refund_tab.outcome.kind == "pending"
        assert faults.wait_for_hits("refund", 1, WAIT_MS / 1000)  # held by the sandbox now

        # Another tab works meanwhile: the payment form validates as the user types.
        window.tabs.setCurrentWidget(window.payment_tab)
        payment = window.payment_tab
        payment.title_edit.clear()
        qtbot.keyClicks(payment.title_edit, "Order 77")
        assert payment.title_counter.text() == "24 bytes left"
        assert refund_tab.outcome.kind == "pending"  # the refund is still on its way

        qtbot.waitUntil(lambda: refund_tab.outcome.kind != "pending", timeout=WAIT_MS)
    finally:
        timer.stop()
    assert len(ticks_while_held) >= 20  # the event loop kept turning during the wait
    assert refund_tab.outcome.kind == "success"
    assert refunds_of_bill(session, bill_no) == 1 and faults.hits("refund") == 1


def test_a_bill_lookup_that_fails_says_so(
    qtbot, session: ConsoleSession, refund_tab: RefundTab
) -> None:
    sandbox_of(session).faults.set("bills", Fault("html-500"))
    refund_tab.bill_no_edit.setText("BC20260101000000ABCDEF")
    qtbot.mouseClick(refund_tab.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Could not look up" in refund_tab.lookup_status.text(), timeout=WAIT_MS)
    status = refund_tab.lookup_status.text()
    assert "BC20260101000000ABCDEF" in status and "answered with an error, HTTP 500" in status
    assert refund_tab.bill is None and not refund_tab.refund_button.isEnabled()
    # Nothing is still said to be loading for a bill that is not shown.
    qtbot.waitUntil(lambda: not session.gateway.running(), timeout=WAIT_MS)
    assert not refund_tab.history_status.isVisible(), refund_tab.history_status.text()


# -- the New payment tab ----------------------------------------------------------------------


@pytest.fixture
def payment_tab(window: MainWindow) -> PaymentTab:
    window.tabs.setCurrentWidget(window.payment_tab)
    return window.payment_tab


@pytest.mark.parametrize("kind", BROKEN)
def test_a_payment_whose_answer_is_lost_or_broken_is_outcome_unknown_then_checked(
    qtbot, session: ConsoleSession, payment_tab: PaymentTab, kind: str
) -> None:
    faults = sandbox_of(session).faults
    faults.set("pay", Fault(kind))
    fill_card(payment_tab)
    bill_no = payment_tab.bill_no_edit.text()
    before = count_sandbox_bills(session)

    pay_and_wait(qtbot, payment_tab)

    assert payment_tab.outcome.kind == "outcome_unknown"
    assert payment_tab.outcome.title.text() == "Outcome unknown"
    assert bill_no in outcome_text(payment_tab)
    assert payment_tab.check_row.isVisible() and payment_tab.check_button.isEnabled()
    assert "Check now" in payment_tab.pay_status.text()
    assert payment_tab.card.number_edit.text() == ""  # the card number is gone all the same
    assert faults.hits("pay") == 1
    assert count_sandbox_bills(session) == before + DONE[kind]

    qtbot.mouseClick(payment_tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            bill_no in payment_tab.check_result.text()
            and "Asking" not in payment_tab.check_result.text()
        ),
        timeout=WAIT_MS,
    )
    if DONE[kind]:
        assert "exists and is paid (USD 12.50). Do not pay again." in (
            payment_tab.check_result.text()
        )
    else:  # its request may still reach BeeCloud until its call would have ended
        said = payment_tab.check_result.text()
        assert said.startswith(f"BeeCloud has no bill {bill_no} yet.") and "asked again" in said
        assert "The payment was not made." not in payment_tab.pay_status.text()
    assert faults.hits("pay") == 1
    assert count_sandbox_bills(session) == before + DONE[kind]


def test_a_payment_still_on_its_way_is_not_said_not_made_before_its_call_would_have_ended(
    qtbot, session: ConsoleSession, payment_tab: PaymentTab
) -> None:
    """A far server slower than the read timeout: the answer is lost, but the request is
    there, and the bill is made a moment later. Check now asked at once found no bill and
    said 'the payment was not made and no money moved. You may pay again': the card was
    charged a second later. Until the request's call would have ended it says 'not yet'
    and asks again then, and finds it paid."""
    faults = sandbox_of(session).faults
    profile = live_profile(
        session, (sandbox_of(session).base_url,), connect_timeout=0.2, read_timeout=0.3
    )
    session.activate(profile.id)
    faults.set("pay", Fault("latency", 700, count=1))
    fill_card(payment_tab)
    bill_no = payment_tab.bill_no_edit.text()
    before = count_sandbox_bills(session)
    pay_and_wait(qtbot, payment_tab)
    assert payment_tab.outcome.kind == "outcome_unknown"

    qtbot.mouseClick(payment_tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Asking" not in payment_tab.check_result.text(), timeout=WAIT_MS)
    said = payment_tab.check_result.text()
    assert f"BeeCloud has no bill {bill_no} yet." in said and "asked again at" in said, said
    assert "not made" not in said and "not made" not in payment_tab.pay_status.text()
    qtbot.waitUntil(
        lambda: "exists and is paid" in payment_tab.check_result.text(), timeout=WAIT_MS
    )
    assert payment_tab.pay_status.text() == f"Paid: bill {bill_no}."
    assert count_sandbox_bills(session) == before + 1 and faults.hits("pay") == 1
    # and the audit log says so: never 'not made' of the first check (after which the
    # check that found it paid wrote nothing, the payment settled as not made for good)
    checks = [
        (entry.result, entry.detail)
        for entry in session.audit.log.entries()
        if entry.subject == bill_no and entry.action == "payment_check"
    ]
    assert checks == [("ok", "the bill exists and is paid")], checks


def test_a_check_without_an_answer_between_does_not_make_a_lost_payment_not_made(
    qtbot, session: ConsoleSession, payment_tab: PaymentTab
) -> None:
    """A payment's answer lost to a server slower than the read timeout, then a Check now
    that got no answer ('Payment check: unknown'), then one made before the request's call
    would have ended, finding no bill yet: the audit wrote 'not made' (the unknown check
    row hid the payment's own lost answer), the later check that found it paid wrote
    nothing, and the log said 'not made' for good of a bill paid."""
    faults = sandbox_of(session).faults
    profile = live_profile(
        session, (sandbox_of(session).base_url,), connect_timeout=0.2, read_timeout=0.3
    )
    session.activate(profile.id)
    faults.set("pay", Fault("latency", 1500, count=1))
    fill_card(payment_tab)
    bill_no = payment_tab.bill_no_edit.text()
    pay_and_wait(qtbot, payment_tab)
    assert payment_tab.outcome.kind == "outcome_unknown"

    faults.set("bills", Fault("html-500"))
    qtbot.mouseClick(payment_tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "The server answered with an error" in payment_tab.check_result.text(),
        timeout=WAIT_MS,
    )
    assert "no answer" not in payment_tab.check_result.text()  # an error page is one
    faults.clear("bills")
    qtbot.waitUntil(payment_tab.check_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(payment_tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "yet" in payment_tab.check_result.text(), timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: "exists and is paid" in payment_tab.check_result.text(), timeout=WAIT_MS
    )
    checks = [
        entry.result
        for entry in session.audit.log.entries()
        if entry.subject == bill_no and entry.action == "payment_check"
    ]
    assert sorted(checks) == ["ok", "unknown"], checks  # never 'not made' of a bill paid


@pytest.mark.parametrize("kind", BROKEN)
def test_an_unknown_outcome_names_the_host_once_and_says_what_it_did(
    qtbot, session: ConsoleSession, payment_tab: PaymentTab, kind: str
) -> None:
    """ "… is unknown: HOST did this. Check it …": an answer that was not BeeCloud's
    named its host twice, with two full stops ("HOST HOST answered HTTP 200 with
    something that is not a BeeCloud answer.. Check …")."""
    sandbox_of(session).faults.set("pay", Fault(kind))
    fill_card(payment_tab)
    pay_and_wait(qtbot, payment_tab)
    text = payment_tab.outcome.body.text()
    assert text.count(sandbox_of(session).base_url) == 1, text
    assert ".." not in text, text


def test_a_slow_payment_within_the_timeout_is_only_slow(
    qtbot, session: ConsoleSession, payment_tab: PaymentTab
) -> None:
    sandbox_of(session).faults.set("pay", Fault("latency", 300))
    fill_card(payment_tab)
    before = count_sandbox_bills(session)
    pay_and_wait(qtbot, payment_tab)
    assert payment_tab.outcome.kind == "success"
    assert count_sandbox_bills(session) == before + 1


# -- the Bills tab ----------------------------------------------------------------------------


def failed(state: str) -> bool:
    return state == history_tab.FAILED


def done(state: str) -> bool:
    return state == history_tab.DONE


@pytest.fixture
def bills_tab(qtbot, window: MainWindow) -> BillsTab:
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    return tab


@pytest.mark.parametrize(
    ("kind", "report", "title", "words"),
    [
        ("drop-before", "transport", "No server answered", "dropped the connection"),
        ("drop-after", "transport", "No server answered", "dropped the connection"),
        (
            "html-500",
            "server_error",
            "The server answered with an error",
            "answered with an error, HTTP 500",
        ),
        ("bad-json", "bad_answer", "The server's answer made no sense", "not a BeeCloud answer"),
        ("empty-200", "bad_answer", "The server's answer made no sense", "not a BeeCloud answer"),
    ],
)
def test_a_bills_load_that_meets_a_fault_is_explained(
    qtbot, session: ConsoleSession, bills_tab: BillsTab, kind: str, report, title, words
) -> None:
    sandbox = sandbox_of(session)
    sandbox.faults.set("bills", Fault(kind))
    with qtbot.waitSignal(bills_tab.load_ended, timeout=WAIT_MS, check_params_cb=failed):
        qtbot.mouseClick(bills_tab.filters.search, Qt.MouseButton.LeftButton)
    assert bills_tab.outcome.isVisible() and bills_tab.outcome.kind == report
    assert bills_tab.outcome.title.text() == title
    body = bills_tab.outcome.body.text()
    assert sandbox.base_url in body and words in body
    assert "Traceback" not in body
    assert not bills_tab.is_loading()
    if kind == "html-500":  # what the clerk can do about it
        assert "The server had a problem answering: try again in a few minutes." in body

    sandbox.faults.clear()  # and once the server is well again, Search works
    with qtbot.waitSignal(bills_tab.load_ended, timeout=WAIT_MS, check_params_cb=done):
        qtbot.mouseClick(bills_tab.filters.search, Qt.MouseButton.LeftButton)
    assert bills_tab.model.rowCount() == DEMO_BILLS
    assert not bills_tab.outcome.isVisible()


# What the sandbox's refusals say in their own words (console/sandbox/faults.py): the
# line of a text, an HTML page's title, a JSON object's err_detail.
SAID = {
    "busy-429": "Too many requests: slow down.",
    "down-503": "Down for maintenance",
    "denied-401": "This client is not allowed to use the API.",
    "denied-403": "Forbidden",
}


@pytest.mark.parametrize("kind", ["busy-429", "down-503"])
def test_a_bills_load_the_server_asked_to_wait_for_says_how_long_and_waits_so(
    qtbot, session: ConsoleSession, bills_tab: BillsTab, kind: str
) -> None:
    sandbox = sandbox_of(session)
    sandbox.faults.set("bills", Fault(kind, 120))
    hits = []
    for _search in range(2):  # pressed again at once: the server is left alone
        with qtbot.waitSignal(bills_tab.load_ended, timeout=WAIT_MS, check_params_cb=failed):
            qtbot.mouseClick(bills_tab.filters.search, Qt.MouseButton.LeftButton)
        hits.append(sandbox.faults.hits("bills"))
        said = bills_tab.outcome.body.text().removesuffix(f"\nDetail: {SAID[kind]}")
        assert said.endswith(
            "The server is busy or down for maintenance and asked to wait 2 minutes: try "
            "again after that."
        )
        # what each host did is a sentence of its own, before the advice (it ran on:
        # "…nothing was sent) The server is busy…")
        assert "). The server is busy" in said and ") The server" not in said, said
    # the calls of the first search that were on their way together met it, then none
    assert 1 <= hits[0] == hits[1]
    assert "not tried: it asked to wait 1" in bills_tab.outcome.body.text()
    assert " s more; nothing was sent" in bills_tab.outcome.body.text()


@pytest.mark.parametrize(
    ("kind", "advice"),
    [
        (
            "busy-429",
            "The server is busy or down for maintenance and asked to wait 45 seconds before "
            "it is asked again.",
        ),
        (
            "down-503",
            "The server is busy or down for maintenance and asked to wait 45 seconds before "
            "it is asked again.",
        ),
        (
            "denied-401",
            "The server refused this console access: ask whoever manages the shop's BeeCloud "
            "account or this office's network to let it in.",
        ),
        (
            "denied-403",
            "The server refused this console access: ask whoever manages the shop's BeeCloud "
            "account or this office's network to let it in.",
        ),
    ],
)
def test_a_payment_refused_by_a_busy_or_closed_server_says_what_to_do_and_is_sent_once(
    qtbot, session: ConsoleSession, payment_tab: PaymentTab, kind: str, advice: str
) -> None:
    faults = sandbox_of(session).faults
    faults.set("pay", Fault(kind, 45 if kind in ("busy-429", "down-503") else 0))
    fill_card(payment_tab)
    before = count_sandbox_bills(session)
    pay_and_wait(qtbot, payment_tab)
    assert payment_tab.outcome.kind == "outcome_unknown"  # a gateway's word: not known
    assert outcome_text(payment_tab).endswith(f"{advice}\nDetail: {SAID[kind]}")
    assert "Check now" in payment_tab.pay_status.text()
    assert faults.hits("pay") == 1 and count_sandbox_bills(session) == before
    if kind in ("busy-429", "down-503"):  # Check now, while the server is left alone
        qtbot.waitUntil(payment_tab.check_button.isEnabled, timeout=WAIT_MS)
        qtbot.mouseClick(payment_tab.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Asking" not in payment_tab.check_result.text(), timeout=WAIT_MS)
        assert payment_tab.check_result.text().startswith(
            "The check got no usable answer either (The server asked to wait 4"
        ), payment_tab.check_result.text()


# -- no host, and hosts that cannot be trusted --------------------------------------------------


def live_profile(session: ConsoleSession, hosts: tuple[str, ...], **changes: Any) -> Profile:
    """A live profile for the embedded sandbox's own app, reached through `hosts`."""
    secret = session.credentials().secret
    profile = replace(Profile.new_live("Shop", SANDBOX_APP_ID, hosts), **changes)
    session.profiles.save(profile)
    session.secrets.set(profile.id, secret)
    return profile


def test_all_hosts_unreachable_is_one_message_naming_them(
    qtbot, session: ConsoleSession, window: MainWindow, bills_tab: BillsTab
) -> None:
    first = closed_port_url()
    second = next(url for url in (closed_port_url() for _ in range(10)) if url != first)
    profile = live_profile(session, (first, second))
    with qtbot.waitSignal(bills_tab.load_ended, timeout=WAIT_MS, check_params_cb=failed):
        session.activate(profile.id)
    assert bills_tab.outcome.kind == "transport"
    body = bills_tab.outcome.body.text()
    assert body.startswith("No BeeCloud server could be reached.")
    assert f"{first} (refused" in body and f"{second} (refused" in body

    window.tabs.setCurrentWidget(window.payment_tab)
    payment = window.payment_tab
    fill_card(payment)
    pay_and_wait(qtbot, payment)
    assert payment.outcome.kind == "transport"
    assert first in payment.outcome.body.text() and second in payment.outcome.body.text()
    assert payment.pay_status.text() == "The payment was not made."


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (10, "This computer's clock is 10 minutes behind the server's."),
        (-1, "This computer's clock is 1 minute ahead of the server's."),
        (-180, "This computer's clock is 3 hours ahead of the server's."),
        (60 * 24 * 365 * 56, "This computer's clock is 56 years behind the server's."),
    ],
)
def test_a_refusal_from_a_server_whose_clock_differs_says_so(
    qtbot, session: ConsoleSession, bills_tab: BillsTab, minutes: int, words: str
) -> None:
    """Code 1 is also what a wrong app id or secret gets: the server's Date tells the
    clock apart (a clerk's computer whose clock is wrong fails every request)."""
    body = b'{"result_code": 1, "result_msg": "APP_INVALID", "err_detail": ""}'
    date = formatdate(time.time() + minutes * 60, usegmt=True)
    reply = json_reply(body, "200 OK", "application/json", f"Date: {date}")
    with HostileServer(answer_with(reply)) as server:
        profile = live_profile(session, (server.url,))
        with qtbot.waitSignal(bills_tab.load_ended, timeout=WAIT_MS, check_params_cb=failed):
            session.activate(profile.id)
    assert bills_tab.outcome.kind == "api"
    shown = bills_tab.outcome.body.text()
    assert shown.startswith(words), shown
    assert "set this computer's date and time right" in shown
    assert "Result code 1 APP_INVALID" in shown


def test_a_refusal_with_the_same_time_on_both_clocks_says_nothing_of_clocks(
    qtbot, session: ConsoleSession, bills_tab: BillsTab
) -> None:
    profile = live_profile(session, (sandbox_of(session).base_url,))
    session.secrets.set(profile.id, "not-the-secret")
    with qtbot.waitSignal(bills_tab.load_ended, timeout=WAIT_MS, check_params_cb=failed):
        session.activate(profile.id)
    assert bills_tab.outcome.kind == "api"
    assert "clock" not in bills_tab.outcome.body.text()


@pytest.fixture
def https(session: ConsoleSession, tmp_path: Path) -> Iterator[tuple[TlsProxy, Path]]:
    folder = tmp_path / "tls"
    folder.mkdir()
    cert, key = make_self_signed(folder)
    with TlsProxy(sandbox_of(session).port, cert, key) as proxy:
        yield proxy, cert


def test_an_untrusted_https_host_is_refused_until_the_profile_names_its_ca_bundle(
    qtbot, session: ConsoleSession, bills_tab: BillsTab, https: tuple[TlsProxy, Path]
) -> None:
    proxy, cert = https
    profile = live_profile(session, (proxy.url,))
    with qtbot.waitSignal(bills_tab.load_ended, timeout=WAIT_MS, check_params_cb=failed):
        session.activate(profile.id)
    # the console would not ask a host it does not trust: not "No server answered", nor
    # "Offline" at the status bar (the network is fine)
    assert bills_tab.outcome.kind == "not_asked"
    assert "Offline" not in session.history.status_text()
    body = bills_tab.outcome.body.text()
    assert f"{proxy.url} (refused: its TLS certificate was not trusted" in body
    assert "name its CA bundle in the profile" in body
    assert proxy.wait_for_failed_handshakes(1) and proxy.relayed == 0
    assert bills_tab.model.rowCount() == 0

    session.profiles.save(replace(profile, ca_bundle=str(cert)))
    with qtbot.waitSignal(bills_tab.load_ended, timeout=WAIT_MS, check_params_cb=done):
        session.activate(profile.id)
    assert not bills_tab.outcome.isVisible()
    assert bills_tab.model.rowCount() == DEMO_BILLS
    assert proxy.relayed >= 1


def test_a_ca_bundle_gone_is_not_said_offline_and_nothing_is_sent(
    qtbot,
    session: ConsoleSession,
    window: MainWindow,
    payment_tab: PaymentTab,
    https: tuple[TlsProxy, Path],
    tmp_path: Path,
) -> None:
    """The file of a profile's CA bundle deleted since it was saved: no server is asked,
    and it was said 'No server answered', 'No BeeCloud server could be reached' and, at
    the status bar, 'Offline' (the network was fine). A payment is not made, for sure."""
    proxy, _cert = https
    missing = tmp_path / "gone.pem"
    profile = live_profile(session, (proxy.url,), ca_bundle=str(missing))
    session.activate(profile.id)
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        window.bills_tab.refresh()
    label = window.history_label
    qtbot.waitUntil(lambda: "sync failed" in label.text().lower(), timeout=WAIT_MS)
    assert "Offline" not in label.text() and "No server was asked" in label.text()
    assert "could be reached" not in label.toolTip()
    assert f"the CA bundle {missing} does not exist" in label.toolTip()

    fill_card(payment_tab)
    bill_no = payment_tab.bill_no_edit.text()
    pay_and_wait(qtbot, payment_tab)
    assert payment_tab.outcome.kind == "not_asked"
    assert payment_tab.outcome.title.text() == "No server was asked"
    assert "No BeeCloud server was asked" in payment_tab.outcome.body.text()
    [row] = [
        e for e in session.audit.log.entries() if e.subject == bill_no and e.result != "requested"
    ]
    assert row.result == "failed: No server was asked"  # surely not made
    assert proxy.relayed == 0 and proxy.failed_handshakes == 0


@pytest.mark.parametrize("kind", ["html-500", "bad-json"])
def test_an_answer_that_came_broken_is_not_said_to_be_missing(
    qtbot, session: ConsoleSession, payment_tab: PaymentTab, kind: str
) -> None:
    """Found with an answer of HTTP 500: beside Pay, "The answer did not come", under an
    outcome that said the host answered HTTP 500 (and in the audit log "no answer from
    HOST"); and Check now as wide as half the window, beside its empty result."""
    sandbox_of(session).faults.set("pay", Fault(kind))
    fill_card(payment_tab)
    pay_and_wait(qtbot, payment_tab)
    assert payment_tab.outcome.kind == "outcome_unknown"
    assert "did not come" not in payment_tab.pay_status.text()
    assert "Check now" in payment_tab.pay_status.text()
    button = payment_tab.check_button
    assert button.width() <= button.sizeHint().width() + 20
    [unknown] = [e for e in session.audit.log.entries() if e.result == "unknown"]
    assert unknown.detail.startswith("no valid answer from ")
