"""The Refund tab, driven through the real window against the embedded sandbox.

Paid bills are made with a real card payment through BeeCloudClient (or put
straight into the sandbox's store for special cases); the sandbox's own refund
query is the truth every test checks against.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any, cast

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from console.api.client import BeeCloudClient
from console.api.ids import new_refund_no
from console.api.models import BillRequest, CardInfo, RefundRequest
from console.api.money import Money
from console.api.validate import china_today, refund_no_problem
from console.gui.gateway import JobHandle
from console.gui.jobs import REFUND, Action, Job
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, SANDBOX_ID, Profile
from console.gui.session import ConsoleSession
from console.gui.tabs import refund_tab as refund_tab_module
from console.gui.tabs.refund.confirm_refund import ConfirmRefundDialog, RefundConfirmation
from console.gui.tabs.refund_tab import RefundTab
from console.sandbox import service as sandbox_service
from console.sandbox.faults import Fault
from console.sandbox.server import SandboxServer
from console.sandbox.store import Refund as SandboxRefund
from console.store import ConsoleStore, refund_journal
from console.store.errors import StoreError
from console.store.in_flight import InFlight
from tests.gui.conftest import Said
from tests.gui.console_support import live_profile
from tests.gui.sandbox_bills import insert_bill, paid_bill, special_bill
from tests.gui.sandbox_truth import refunds_of, sandbox_of, sandbox_store
from tests.gui.tab_drivers import (
    WAIT_MS,
    Answer,
    answer_of,
    click_refund,
    fill_card,
    find,
    outcome_text,
    show_tab,
    synced_at_start,
    tooltip_read,
    wait_for_bill,
    wait_for_outcome,
)
from tests.mirror_support import FilterIgnoringHost, ListRewritingHost
from tests.net_support import AnswerLosingHost, ForwardingHost, ScriptedServer, answering_json
from tests.sandbox_support import APP_ID, APP_SECRET

DAY_MS = 86_400_000


@pytest.fixture
def tab(window: MainWindow, qtbot) -> RefundTab:
    """The Refund tab a moment after the start, the history's sync at start done (a
    sync a test starts is its own, not folded into that one)."""
    window.tabs.setCurrentWidget(window.refund_tab)
    window.refund_tab.confirm = Answer()
    synced_at_start(window, qtbot)
    return window.refund_tab


def card_bill(truth: BeeCloudClient, hundredths: int = 2000, currency: str = "USD") -> str:
    """A bill paid by card through the API, its title in Chinese as a shop may write it."""
    return paid_bill(truth, hundredths, currency, title="蓝牙耳机（黑色）")


def sent_refunds(session: ConsoleSession) -> list[Job]:
    """Every refund job submitted, from now on."""
    jobs: list[Job] = []
    submit = session.submit

    def recording(action: Action, request: object, description: str) -> JobHandle:
        handle = submit(action, request, description)
        if action is REFUND:
            jobs.append(handle.job)
        return handle

    session.submit = recording  # type: ignore[method-assign]  # a hook tests replace
    return jobs


# -- finding a bill -------------------------------------------------------------------


def test_enter_finds_the_bill_and_shows_it_plainly(
    qtbot, tab, truth, announced: list[Said]
) -> None:
    bill_no = card_bill(truth, 2000, "USD")
    find(qtbot, tab, bill_no)
    # a screen reader hears what was found, not only "Looking up…"
    assert Said(f"Bill {bill_no} found: USD 20.00, paid.", False, tab.bill_panel) in announced
    bill = tab.bill
    assert bill is not None
    assert tab.amount_label.text() == "USD 20.00"
    assert tab.channel_label.text() == "PAYPAL_CREDITCARD (Card via PayPal)"
    assert tab.title_label.text() == "蓝牙耳机（黑色）"
    assert tab.paid_label.text() == "Yes, paid"
    local = datetime.fromtimestamp(bill.created_time // 1000).strftime("%Y-%m-%d %H:%M:%S")
    assert tab.created_label.text() == local
    assert tab.history_status.text() == "No refunds yet."
    assert tab.history_table.rowCount() == 0
    assert not tab.warnings_label.isVisible()
    # The amount defaults to the whole bill, in the bill's own currency, which cannot change.
    assert tab.amount_input.amount_edit.text() == "20.00"
    assert tab.amount_input.currency_code() == "USD"
    assert not tab.amount_input.currency_picker.isEnabled()
    assert tab.refund_button.isEnabled()


def test_an_unknown_bill_is_said_not_to_exist(qtbot, tab, announced: list[Said]) -> None:
    qtbot.keyClicks(tab.bill_no_edit, "NOSUCHBILL0001")
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No bill with number" in tab.lookup_status.text(), timeout=WAIT_MS)
    assert "NOSUCHBILL0001" in tab.lookup_status.text() and "Sandbox" in tab.lookup_status.text()
    assert tab.bill is None
    assert not tab.refund_button.isEnabled()
    # a screen reader hears it, the focus still on Find
    looking, answer = (said.text for said in announced if said.by is tab.lookup_status)
    assert looking == "Looking up bill NOSUCHBILL0001…"
    assert answer == tab.lookup_status.text()


def test_a_bill_whose_payment_is_on_its_way_is_not_said_not_to_exist(
    qtbot, window, tab, announced: list[Said]
) -> None:
    """Find pressed for a bill this console was still paying (the number copied from New
    payment a moment after Pay): "No bill with number B was found … Check the number"
    stood beside it after the payment was made, as if the number were wrong. Now it says
    the payment is on its way, and the bill is looked up again once it is answered."""
    sandbox_of(window.session).faults.set("pay", Fault("latency", 700, count=1))
    paying = window.payment_tab
    fill_card(paying)
    bill_no = paying.bill_no_edit.text()
    qtbot.mouseClick(paying.pay_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.bill_no_edit, bill_no)
    qtbot.keyClick(tab.bill_no_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Looking up" not in tab.lookup_status.text(), timeout=WAIT_MS)
    assert paying.submitted is not None  # still on its way
    said = tab.lookup_status.text()
    assert "No bill" not in said and "Check the number" not in said, said
    assert bill_no in said and "on its way" in said, said
    assert announced[-1] == Said(said, False, tab.lookup_status)
    wait_for_bill(qtbot, tab, bill_no)  # once paid: looked up again, unasked
    assert tab.lookup_status.text() == ""
    assert tab.refund_button.isEnabled()


def test_a_malformed_bill_number_is_refused_beside_the_field(
    qtbot, tab, announced: list[Said]
) -> None:
    qtbot.keyClicks(tab.bill_no_edit, "BC 12")
    qtbot.keyClick(tab.bill_no_edit, Qt.Key.Key_Return)
    assert tab.bill_no_error.isVisible()
    qtbot.waitUntil(lambda: announced == [Said(tab.bill_no_error.text(), False, tab.bill_no_error)])
    assert "8 to 32 letters or digits" in tab.bill_no_error.text()
    assert tab.lookup_status.text() == ""  # nothing was looked up
    # a screen reader names the field and says its message with it
    assert tab.bill_no_edit.accessibleName() == "Bill number"
    assert tab.bill_no_edit.accessibleDescription() == tab.bill_no_error.text()
    # Find pressed again with the number unchanged did nothing to be seen or heard: the
    # message stood as it was and the focus stayed on Find. The cursor goes to the
    # number, selected (a screen reader says the field with its message), and the
    # message is said again
    announced.clear()
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    assert tab.bill_no_edit.selectedText() == "BC 12"
    assert QApplication.focusWidget() is tab.bill_no_edit
    qtbot.waitUntil(lambda: announced == [Said(tab.bill_no_error.text(), False, tab.bill_no_error)])


def test_the_bills_tab_row_menu_prefills_and_finds(qtbot, window, tab, truth) -> None:
    bill_no = card_bill(truth)
    window.tabs.setCurrentWidget(window.bills_tab)
    window.refund_bill(bill_no)
    assert window.tabs.currentWidget() is tab
    assert tab.bill_no_edit.text() == bill_no
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.refund_button.isEnabled()


def test_a_bill_without_currency_asks_for_one(qtbot, tab, truth) -> None:
    bill_no = special_bill(tab.session, currency=None, total_fee=1250)
    find(qtbot, tab, bill_no)
    assert tab.amount_label.text() == "12.50 (currency unknown)"
    assert tab.amount_input.currency_picker.isEnabled()
    assert "pick it" in tab.amount_error.text()
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert answer_of(tab).asked == []  # nothing is confirmed before the currency is known

    tab.amount_input.set_currency("EUR")
    assert tab.amount_label.text().startswith("EUR 12.50 (the bill does not say its currency")
    assert not tab.amount_error.isVisible()
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert asked.currency_guessed and asked.amount == Money(1250, "EUR")
    assert "you chose EUR for display" in asked.text()
    assert tab.outcome.kind == "success"
    assert [r.refund_fee for r in refunds_of(truth, bill_no)] == [1250]


def test_the_console_remembers_the_currency_of_its_own_bills(
    qtbot, tab, monkeypatch: pytest.MonkeyPatch
) -> None:
    bill_no = special_bill(tab.session, currency=None, total_fee=120000)
    tab.session.local.remember_currency(SANDBOX_ID, bill_no, "JPY")

    def every_currency(_profile_id: str) -> dict[str, str]:  # a million, for a console
        raise AssertionError("one bill's currency is looked up, not every one read")

    monkeypatch.setattr(tab.session.local, "currencies", every_currency)
    find(qtbot, tab, bill_no)
    assert tab.amount_label.text() == "JPY 1,200"
    assert tab.amount_input.amount_edit.text() == "1,200"
    assert not tab.amount_input.currency_picker.isEnabled()


def test_reasons_a_refund_will_be_refused_are_said_up_front(qtbot, tab) -> None:
    created = time.time_ns() // 1_000_000 - 200 * DAY_MS
    old = special_bill(tab.session, created_time=created)
    find(qtbot, tab, old)
    assert tab.warnings_label.isVisible()
    assert "more than 180 days old" in tab.warnings_label.text()
    domestic = special_bill(tab.session, channel="WX_APP", currency=None)
    find(qtbot, tab, domestic)
    assert "paid through WX_APP; only PayPal bills" in tab.warnings_label.text()
    # the warnings leave Refund… on (the server is the judge); the currency not known
    # does not: the amount cannot be sent without it (said beside the amount, named
    # beside Refund…)
    said = "The bill does not say its currency: pick it beside the amount."
    assert tab.amount_error.isVisible() and tab.amount_error.text() == said
    assert tab.refund_hint.text() == "To refund, correct: Amount."
    assert tab.refund_button.accessibleDescription() == "Amount: " + said
    assert not tab.refund_button.isEnabled()
    tab.amount_input.set_currency("USD")
    assert tab.refund_button.isEnabled()

    find(qtbot, tab, old)
    click_refund(qtbot, tab)
    assert "10 REFUND_EXCEED_TIME" in outcome_text(tab)
    assert "Beware: it is more than 180 days old" in answer_of(tab).asked[0].text()


def test_a_bill_paid_outside_paypal_refused_says_where_to_refund_it(qtbot, tab) -> None:
    """BeeCloud's 3 CHANNEL_INVALID to a WX_APP bill's refund said 'The channel is not
    valid', a channel the clerk never chose."""
    domestic = special_bill(tab.session, channel="WX_APP", currency="USD")
    find(qtbot, tab, domestic)
    click_refund(qtbot, tab)
    body = tab.outcome.body.text()
    assert "Result code 3 CHANNEL_INVALID" in body
    assert "only bills paid through PayPal" in body and "where it was paid" in body, body


def shown_text(label: QLabel) -> str:
    """What a selectable label shows, as the clerk would select and copy it."""
    label.setSelection(0, len(label.text()))
    return label.selectedText()


def test_a_title_or_channel_that_looks_like_markup_is_shown_as_it_is(qtbot, tab) -> None:
    """A bill titled "Size <b>M</b>" (BeeCloud takes it: 13 bytes of visible text) was
    shown "Size M" in bold, the label reading it as rich text; and one titled
    "<img src=/dev/zero>" (19 bytes) froze the console for good, reading the image."""
    bill_no = special_bill(tab.session, title="Size <b>M</b>", channel="<i>PAYPAL</i>")
    find(qtbot, tab, bill_no)
    assert shown_text(tab.title_label) == "Size <b>M</b>"
    assert shown_text(tab.channel_label) == "<i>PAYPAL</i>"


# -- refunding -------------------------------------------------------------------------


def test_a_full_refund(qtbot, tab, truth, announced: list[Said]) -> None:
    jobs = sent_refunds(tab.session)
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    announced.clear()
    click_refund(qtbot, tab)
    assert announced[-1] == Said(outcome_text(tab), False, tab.outcome)  # said unasked

    [asked] = answer_of(tab).asked
    assert asked.bill_no == bill_no and not asked.is_partial
    assert asked.amount == asked.bill_total == Money(2000, "USD")
    assert asked.refund_no.startswith(china_today()) and refund_no_problem(asked.refund_no) is None
    assert tab.outcome.kind == "success"
    qtbot.waitUntil(lambda: tab.outcome.title.text().endswith(" done"), timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {asked.refund_no} of USD 20.00 done"
    assert "full refund of USD 20.00" in tab.outcome.body.text()
    [record] = refunds_of(truth, bill_no)
    assert (record.refund_no, record.refund_fee, record.succeeded) == (asked.refund_no, 2000, True)
    assert [job.request.optional for job in jobs] == [None]  # an empty note is not sent
    # The bill's refunds are refreshed: the new one is listed, and a second is warned of.
    qtbot.waitUntil(lambda: tab.history_table.rowCount() == 1, timeout=WAIT_MS)
    assert tab.history_table.item(0, 0).text() == asked.refund_no
    assert tab.history_table.item(0, 1).text() == "USD 20.00"
    assert tab.history_table.item(0, 3).text() == "Succeeded"
    # the bill has its one refund: shown, and no other is offered
    refunded = tab.bill_panel.refunded_label.text()
    assert "USD 20.00" in refunded and asked.refund_no in refunded
    assert not tab.refund_button.isEnabled() and tab.amount_input.amount_edit.text() == ""
    assert "BeeCloud allows one refund per bill" in tab.refund_hint.text()


def refunds_listed(monkeypatch, finish: bool, result: bool) -> None:
    """The sandbox takes each refund (answers 0) and lists it as given: unfinished, as a
    gateway whose PayPal has not made it yet does, or finished and refused."""

    def taken(**fields: Any) -> SandboxRefund:
        return SandboxRefund(**{**fields, "finish": finish, "result": result})

    monkeypatch.setattr(sandbox_service, "Refund", taken)


def test_a_refund_beecloud_took_but_has_not_finished_is_not_said_done(
    qtbot, tab, truth, monkeypatch
) -> None:
    """Result 0 is BeeCloud taking the refund: its own record says whether it is made
    (`finish`, `result`). One still in progress was said "done"."""
    refunds_listed(monkeypatch, finish=False, result=False)
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    # (not click_refund: "in progress", as "Sending…", is a pending panel; it waited for
    # the "accepted" between the two, which a busy machine may never see)
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "in progress" in tab.outcome.title.text(), timeout=WAIT_MS)
    [asked] = answer_of(tab).asked
    assert tab.outcome.title.text() == f"Refund {asked.refund_no} of USD 20.00 is in progress"
    assert tab.outcome.kind == "pending"
    assert "has not finished it" in tab.outcome.body.text()


def test_a_refund_beecloud_took_and_then_refused_is_said_refused(
    qtbot, tab, truth, monkeypatch
) -> None:
    refunds_listed(monkeypatch, finish=True, result=False)
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    qtbot.waitUntil(lambda: tab.outcome.kind == "api", timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {asked.refund_no} was refused"
    assert "nothing was refunded" in tab.outcome.body.text()
    # A refused refund does not count (NOTES.md): the bill may be refunded again. Its
    # list says so, over the journal's "done" of the answer 0 (the bill was said
    # "refunded on this computer", Refund… off for good).
    qtbot.waitUntil(lambda: tab.history_table.rowCount() == 1, timeout=WAIT_MS)
    assert tab.history_table.item(0, 3).text() == "Refused"
    qtbot.waitUntil(tab.refund_button.isEnabled, timeout=WAIT_MS)
    assert "refunded on this computer" not in tab.refund_hint.text()


def test_a_refund_beecloud_took_and_then_refused_is_audited_refused(
    qtbot, tab, truth, monkeypatch
) -> None:
    """The audit log said only "ok" (answered 0) of a refund BeeCloud's record says it
    refused: one who reads the log took it for made."""
    refunds_listed(monkeypatch, finish=True, result=False)
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    qtbot.waitUntil(lambda: tab.outcome.kind == "api", timeout=WAIT_MS)
    rows = [
        (entry.action, entry.result, entry.detail)
        for entry in reversed(tab.session.audit.log.entries())
        if entry.subject == asked.refund_no
    ]
    assert rows[-1] == (
        "refund_check",
        "refused",
        f"bill {bill_no}: the refund was refused",
    ), rows


def test_a_refund_of_a_bill_no_longer_shown_is_said_done_only_once_beecloud_lists_it(
    qtbot, tab, truth, monkeypatch
) -> None:
    """Another bill found while the refund was on its way: its state is still read."""
    refunds_listed(monkeypatch, finish=False, result=False)
    bill_no, other = card_bill(truth, 2000), card_bill(truth, 3000)
    find(qtbot, tab, bill_no)
    sandbox_of(tab.session).faults.set("refund", Fault("latency", 800, count=1))
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    find(qtbot, tab, other)  # while the refund is on its way
    qtbot.waitUntil(lambda: "in progress" in tab.outcome.title.text(), timeout=WAIT_MS)
    assert tab.outcome.title.text().endswith("of USD 20.00 is in progress")


def test_a_refund_taken_after_the_profile_changed_is_not_read_through_another_app(
    qtbot, tab, truth, tmp_path
) -> None:
    """Answered 0 once the console had gone over to another app's profile: its record
    was read through that app, which has no such refund, and the panel said "BeeCloud
    took it but does not list it yet", of a refund its own app lists made. It is read
    only through its own profile, as Refunds to check reads one (else not read)."""
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    with SandboxServer(tmp_path / "outlet.sqlite3", {APP_ID: APP_SECRET}) as outlet_server:
        outlet = Profile.new_live("Outlet", APP_ID, (outlet_server.base_url,))
        tab.session.profiles.save(outlet)
        tab.session.secrets.set(outlet.id, APP_SECRET)
        sandbox_of(tab.session).faults.set("refund", Fault("latency", 800, count=1))
        qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
        tab.session.activate(outlet.id)  # while the refund is on its way
        qtbot.waitUntil(lambda: tab.outcome.title.text().endswith(" accepted"), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not tab.outcomes.is_reading(), timeout=WAIT_MS)
    [made] = refunds_of(truth, bill_no)
    assert made.succeeded  # made, in its own app
    assert "does not list it yet" not in tab.outcome.body.text()
    assert "whether it is made could not be read" in tab.outcome.body.text()


def test_a_note_typed_for_one_bill_is_not_carried_to_another(qtbot, tab, truth) -> None:
    """A note typed for bill A stayed when bill B was found, ready to go with B's refund
    ("item returned damaged" of another purchase); found again, A keeps its note."""
    first, second = card_bill(truth, 2000), card_bill(truth, 3000)
    find(qtbot, tab, first)
    qtbot.keyClicks(tab.note_edit, "item returned damaged")
    find(qtbot, tab, first)  # the same bill again (after a sync, say): the note stays
    assert tab.note_edit.text() == "item returned damaged"
    find(qtbot, tab, second)
    assert tab.note_edit.text() == ""


def test_the_same_bill_found_again_keeps_the_amount_typed(qtbot, tab, truth) -> None:
    """USD 5.00 typed of a bill of USD 20.00, then Find pressed again (to see whether it
    was refunded meanwhile): the amount became the whole USD 20.00, without a word, its
    note kept. The amount typed stays, as the note does; another bill is offered whole."""
    first, second = card_bill(truth, 2000), card_bill(truth, 3000)
    find(qtbot, tab, first)
    tab.amount_input.amount_edit.setText("5.00")
    find(qtbot, tab, second)
    assert tab.amount_input.amount_edit.text() == "30.00"
    find(qtbot, tab, first)
    assert tab.amount_input.amount_edit.text() == "20.00"
    tab.amount_input.amount_edit.setText("5.00")
    find(qtbot, tab, first)
    assert tab.amount_input.amount_edit.text() == "5.00"
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert asked.amount == Money(500, "USD")


def test_a_partial_refund_with_a_note(qtbot, tab, truth) -> None:
    jobs = sent_refunds(tab.session)
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    tab.amount_input.amount_edit.clear()
    qtbot.keyClicks(tab.amount_input.amount_edit, "12.5")
    qtbot.keyClicks(tab.note_edit, "item returned damaged")
    click_refund(qtbot, tab)

    [asked] = answer_of(tab).asked
    assert asked.is_partial
    assert "partial refund of USD 12.50 out of USD 20.00" in asked.text()
    assert "Note: item returned damaged" in asked.text()  # as sent
    qtbot.waitUntil(lambda: tab.outcome.title.text().endswith(" done"), timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {asked.refund_no} of USD 12.50 done"
    assert [job.request.optional for job in jobs] == [{"note": "item returned damaged"}]
    assert tab.note_edit.text() == ""
    assert [r.refund_fee for r in refunds_of(truth, bill_no)] == [1250]
    qtbot.waitUntil(lambda: tab.history_table.rowCount() == 1, timeout=WAIT_MS)
    assert tab.history_table.item(0, 1).text() == "USD 12.50"


def test_earlier_refunds_are_copied_as_rows_and_a_refund_number_from_the_menu(
    qtbot, tab, truth, window: MainWindow
) -> None:
    """Ctrl+C on an earlier refund, its whole row highlighted, copied the one cell that
    had the focus (the first row's refund number, say, whichever row was selected), and
    its menu offered nothing: the Bills, Refunds and Audit tabs copy the rows as shown."""
    window.tabs.setCurrentWidget(tab)
    bill_no = card_bill(truth, 5000)
    find(qtbot, tab, bill_no)
    tab.amount_input.amount_edit.setText("10.00")
    click_refund(qtbot, tab)
    table = tab.history_table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT_MS)
    refund_no = table.item(0, 0).text()
    table.setFocus()
    table.setCurrentCell(0, 3)  # the row highlighted, the focus on its Created
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert lines[0].split("\t") == ["Refund number", "Amount", "Result", "Created"]
    [row] = [line.split("\t") for line in lines[1:]]
    assert row[:3] == [refund_no, "USD 10.00", "Succeeded"]
    assert window.statusBar().currentMessage() == "Copied 1 row."
    menu = table.row_menu(0)
    next(item for item in menu.actions() if item.text() == "Copy refund number").trigger()
    assert QGuiApplication.clipboard().text() == refund_no
    assert window.statusBar().currentMessage() == f"Copied: {refund_no}"
    asked: list[int] = []
    real_menu = table.row_menu

    def noted(row: int) -> QMenu:
        asked.append(row)
        QTimer.singleShot(0, lambda: cast("QWidget", QApplication.activePopupWidget()).close())
        return real_menu(row)

    table.row_menu = noted  # noted, and closed at once
    below_the_rows = QPoint(5, table.height() - 5)  # where Qt may ask: no row there
    QApplication.sendEvent(
        table,
        QContextMenuEvent(
            QContextMenuEvent.Reason.Keyboard, below_the_rows, table.mapToGlobal(below_the_rows)
        ),
    )
    assert asked == [0], "the Menu key opens the current row's menu"


@pytest.mark.parametrize("control", ["\u202e", "\u200f", "\t", "\x1b"], ids=repr)
def test_a_note_with_a_control_character_is_refused_beside_it(
    qtbot, tab, truth, control: str
) -> None:
    """A note pasted from elsewhere may hold what cannot be seen: a right-to-left
    override turned the audit entry's "bill …, note: …" around in the Audit tab and
    its export, and went to BeeCloud as it was. It is refused beside the field, as a
    title is, and nothing is asked or sent."""
    jobs = sent_refunds(tab.session)
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    tab.note_edit.setText(f"returned {control}05.21 DSU")
    error = tab.form.note_error
    assert error.isVisible() and "control characters" in error.text(), "said as it is typed"
    assert not tab.refund_button.isEnabled()
    assert tab.refund_hint.text() == "To refund, correct: Note.", "said once, beside the field"
    assert tab.refund_button.accessibleDescription() == "Note: " + error.text()
    tab.amount_input.amount_edit.setText("20.01")
    assert tab.refund_hint.text() == "To refund, correct: Amount, Note."
    tab.amount_input.amount_edit.setText("20.00")
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert answer_of(tab).asked == [] and jobs == []
    tab.note_edit.setText("returned 05.21 USD")
    assert not error.isVisible(), "gone once the note is right"
    assert tab.refund_button.isEnabled()


@pytest.mark.parametrize(
    "pasted",
    ["\u200bitem returned damaged\ufeff", "\u2060item returned damaged\u00ad\n"],
    ids=ascii,
)
def test_a_note_pasted_with_invisible_characters_around_it_is_sent_without_them(
    qtbot, tab, truth, pasted: str
) -> None:
    """A note copied from a chat or a web page with a zero-width space, a word joiner or
    a byte-order mark around it looked right and went to BeeCloud, the refund journal
    and the audit log with them (only spaces were left out; a title's and a card
    holder's name's invisible characters around them are left out too)."""
    jobs = sent_refunds(tab.session)
    find(qtbot, tab, card_bill(truth, 2000))
    tab.note_edit.setFocus()
    QGuiApplication.clipboard().setText(pasted)
    qtbot.keyClick(tab.note_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert tab.note_edit.text() == pasted
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert "Note: item returned damaged\n" in asked.text() + "\n"
    assert [job.request.optional for job in jobs] == [{"note": "item returned damaged"}]


def test_a_note_with_an_invisible_character_inside_is_sent_as_it_shows(qtbot, tab, truth) -> None:
    """A soft hyphen or a zero-width space inside a note copied from a web page went to
    BeeCloud, the refund journal and the audit log unseen."""
    jobs = sent_refunds(tab.session)
    find(qtbot, tab, card_bill(truth, 2000))
    tab.note_edit.setText("item re\u00adturned dam\u200baged")
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert "Note: item returned damaged\n" in asked.text()
    assert [job.request.optional for job in jobs] == [{"note": "item returned damaged"}]


def test_a_note_of_invisible_characters_only_is_not_sent(qtbot, tab, truth) -> None:
    """A note that shows nothing (a zero-width space pasted alone) went to BeeCloud as a
    note, and the confirmation said "Note: " with nothing after it."""
    jobs = sent_refunds(tab.session)
    find(qtbot, tab, card_bill(truth, 2000))
    tab.note_edit.setText("\u200b\ufeff")
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert "Note:" not in asked.text()
    assert [job.request.optional for job in jobs] == [None]


def test_a_note_pasted_too_long_is_said_beside_it_not_cut(qtbot, tab, truth) -> None:
    """The field held 200 characters: a note of 250 pasted (a return's whole reason from
    a mail) was cut to its first 200 without a word, and that went to BeeCloud."""
    jobs = sent_refunds(tab.session)
    find(qtbot, tab, card_bill(truth, 2000))
    pasted = "returned: " + "the strap broke after a week " * 9  # 271 characters
    tab.note_edit.setFocus()
    QGuiApplication.clipboard().setText(pasted)
    tab.note_edit.paste()
    assert tab.note_edit.text() == pasted
    error = tab.form.note_error
    assert error.isVisible() and "at most 200 characters" in error.text()
    assert "has 270." in error.text(), "the spaces around are not counted"
    assert not tab.refund_button.isEnabled()
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert answer_of(tab).asked == [] and jobs == []
    tab.note_edit.setText(pasted[:200])
    assert not error.isVisible() and tab.refund_button.isEnabled()


def test_a_note_holding_a_card_number_is_refused_beside_it(qtbot, tab, truth) -> None:
    """The note goes to BeeCloud with the refund and into the refund journal (kept to
    send the same refund again): a card number must not."""
    jobs = sent_refunds(tab.session)
    find(qtbot, tab, card_bill(truth, 2000))
    tab.note_edit.setText("refund to card5555555555554444")
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert answer_of(tab).asked == [] and jobs == []
    error = tab.form.note_error
    assert error.isVisible() and "looks like a card number" in error.text()


def test_a_note_holding_a_cvv_is_refused_beside_it(qtbot, tab, truth) -> None:
    """A clerk's note "cvv 8264" (the code the payer read out) went to BeeCloud, the
    refund journal, the audit log and its exports: a CVV is never stored."""
    jobs = sent_refunds(tab.session)
    find(qtbot, tab, card_bill(truth, 2000))
    for note in ("cvv 8264", "payer's CVC: 913", "security code=0419", "安全码 913"):
        tab.note_edit.setText(note)
        qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
        assert answer_of(tab).asked == [] and jobs == [], note
        error = tab.form.note_error
        assert error.isVisible() and "looks like a card's security code" in error.text(), note
    tab.note_edit.setText("order 8264, receipt cvv-less")
    assert not tab.form.note_error.isVisible() and tab.refund_button.isEnabled()


def test_declining_the_confirmation_sends_nothing(qtbot, tab, truth) -> None:
    jobs = sent_refunds(tab.session)
    tab.confirm = Answer(agree=False)
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert len(answer_of(tab).asked) == 1
    assert tab.refund_button.isEnabled()
    assert tab.refund_no_label.text() == "Made when you press Refund"
    assert not tab.outcome.isVisible()
    assert bill_no not in tab.in_flight
    # Give a wrongly sent job every chance to arrive, then check nothing went out.
    find(qtbot, tab, bill_no)
    assert jobs == [] and refunds_of(truth, bill_no) == []


def test_a_confirmation_past_midnight_in_china_sends_nothing_and_says_why(
    qtbot, tab, truth, monkeypatch
) -> None:
    """Refund… pressed before midnight China time (16:00 UTC, a European afternoon) and
    confirmed after it: the number shown is of a day gone, which BeeCloud refuses. It
    went out to be refused by the client's check, and the clerk read "Please correct the
    form" about a number no field holds. Nothing is sent; the tab says why and what to do."""
    jobs = sent_refunds(tab.session)
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    before_midnight = datetime.now(UTC) - timedelta(days=1)
    monkeypatch.setattr(refund_tab_module, "new_refund_no", lambda: new_refund_no(before_midnight))
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    [asked] = answer_of(tab).asked
    assert tab.outcome.kind == "validation"
    assert tab.outcome.title.text() == f"Refund {asked.refund_no} was not sent: the day changed"
    day = china_today(before_midnight)
    assert tab.outcome.body.text() == (
        f"Nothing was refunded for bill {bill_no}. Its number is for {day[:4]}-{day[4:6]}-"
        f"{day[6:]} (China time), and BeeCloud takes a refund number only on its own day. "
        "Press Refund… again: the refund gets a new number."
    )
    assert "correct the form" not in outcome_text(tab)
    assert tab.refund_button.isEnabled() and not tab.in_flight
    assert tab.refund_no_label.text() == "Made when you press Refund"
    find(qtbot, tab, bill_no)
    assert jobs == [] and refunds_of(truth, bill_no) == []
    assert tab.session.journal.entries() == []


def test_the_confirmation_dialog_names_bill_amount_and_that_it_is_final(qtbot) -> None:
    confirmation = RefundConfirmation(
        bill_no="BC20261130120000AB12CD",
        refund_no="20261130120001RABCDE",
        amount=Money(1250, "USD"),
        bill_total=Money(2000, "USD"),
        title="蓝牙耳机（黑色）",
        channel="PAYPAL_CREDITCARD",
        profile_name="Shop (live)",
        is_live=True,
    )
    dialog = ConfirmRefundDialog(confirmation)
    qtbot.addWidget(dialog)
    text = dialog.message.text()
    assert "Refund bill BC20261130120000AB12CD" in text
    assert "partial refund of USD 12.50 out of USD 20.00" in text
    assert "Refund number: 20261130120001RABCDE" in text
    assert "LIVE, real money goes back to the payer" in text
    assert text.endswith("A refund cannot be undone.")
    assert dialog.refund_button.text() == "Refund USD 12.50"
    # Cancel is the default: Enter does not refund.
    assert dialog.cancel_button.isDefault() and not dialog.refund_button.isDefault()
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected

    # Tabbed to Refund, Enter cancelled without a word, its focus frame on Refund: it
    # now does neither, and says how a refund is confirmed (Enter never moves money).
    shown = ConfirmRefundDialog(confirmation)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.refund_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert shown.body.verticalScrollBar().maximum() == 0  # the question whole
    qtbot.keyClick(shown.refund_button, Qt.Key.Key_Return)
    qtbot.keyClick(shown.refund_button, Qt.Key.Key_Enter)
    assert shown.isVisible() and shown.result() == 0
    assert shown.enter_hint.isVisible()
    # the dialog grew for the hint: the question was cut to make room for it
    qtbot.waitUntil(lambda: shown.body.verticalScrollBar().maximum() == 0, timeout=WAIT_MS)
    assert shown.body.horizontalScrollBar().maximum() == 0
    assert "Space" in shown.enter_hint.text() and "Refund USD 12.50" in shown.enter_hint.text()
    with qtbot.waitSignal(shown.accepted, timeout=WAIT_MS):
        qtbot.keyClick(shown.refund_button, Qt.Key.Key_Space)

    whole = replace(confirmation, amount=Money(120000, "JPY"), bill_total=Money(120000, "JPY"))
    assert "full refund of JPY 1,200" in whole.text()
    sandbox = replace(confirmation, is_live=False, profile_name="Sandbox")
    assert "practice data, no real money moves" in sandbox.text()
    # the note is sent with the refund: the question names it too
    assert "Note:" not in text
    noted = replace(confirmation, note="耳机左边没有声音")
    assert "Note: 耳机左边没有声音" in noted.text().splitlines()


def test_an_amount_above_the_bill_is_refused_beside_the_field(qtbot, tab, truth) -> None:
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    tab.amount_input.amount_edit.setText("20.01")
    assert tab.amount_error.isVisible()
    assert (
        tab.amount_error.text() == "At most USD 20.00, the whole bill: a refund cannot exceed it."
    )
    # Refund… is off while the amount is refused (it did nothing when pressed), and says why:
    # beside it, the field to correct (the field says the rest); to the pointer and a screen
    # reader, the whole reason
    said = "Amount: At most USD 20.00, the whole bill: a refund cannot exceed it."
    assert not tab.refund_button.isEnabled()
    assert tab.refund_hint.isVisible() and tab.refund_hint.text() == "To refund, correct: Amount."
    assert tooltip_read(tab.refund_button, QPoint(5, 5)) == said
    assert tab.refund_button.accessibleDescription() == said
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert answer_of(tab).asked == []
    qtbot.mouseClick(tab.whole_button, Qt.MouseButton.LeftButton)
    assert tab.amount_input.amount_edit.text() == "20.00" and not tab.amount_error.isVisible()
    assert tab.refund_button.isEnabled() and not tab.refund_hint.isVisible()
    assert tooltip_read(tab.refund_button, QPoint(5, 5)) == ""
    assert tab.refund_button.accessibleDescription() == ""
    assert refunds_of(truth, bill_no) == []


def test_whole_units_only_for_yen(qtbot, tab, truth) -> None:
    bill_no = card_bill(truth, 120000, "JPY")
    find(qtbot, tab, bill_no)
    assert tab.amount_input.amount_edit.text() == "1,200"
    tab.amount_input.amount_edit.setText("600.5")
    assert tab.amount_error.text() == "JPY takes whole units only, no decimals."
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert answer_of(tab).asked == []
    tab.amount_input.amount_edit.setText("600")
    click_refund(qtbot, tab)
    qtbot.waitUntil(lambda: tab.outcome.title.text().endswith("of JPY 600 done"), timeout=WAIT_MS)
    assert [r.refund_fee for r in refunds_of(truth, bill_no)] == [60000]


def test_a_bill_refunded_elsewhere_after_lookup_shows_code_11_and_what_beecloud_allows(
    qtbot, tab, truth
) -> None:
    """The console offers no second refund of a bill it knows refunded; the only way to
    an 11 is a view gone stale: another console refunded the bill after the lookup."""
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    truth.refund(RefundRequest(bill_no, new_refund_no(), Money(500, "USD")))  # elsewhere
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert tab.outcome.kind == "api"
    text = outcome_text(tab)
    assert f"Refund {asked.refund_no} was not made: BeeCloud refused it" in text
    assert f"Nothing was refunded for bill {bill_no}." in text
    assert "BeeCloud allows one successful refund per bill" in text
    assert "Result code 11 ALREADY_REFUNDING" in text
    meanings = "The bill already has a refund in progress or done / 该订单已有处理中或已完成的退款"
    assert meanings in text
    assert len(refunds_of(truth, bill_no)) == 1
    # the bill's refunds are read again: the one made elsewhere is shown, no other offered
    qtbot.waitUntil(lambda: not tab.refund_button.isEnabled(), timeout=WAIT_MS)
    assert "USD 5.00" in tab.bill_panel.refunded_label.text()


def test_a_refund_made_elsewhere_that_a_sync_brings_stops_the_one_offered(
    qtbot, tab, truth
) -> None:
    """The bill found, then refunded elsewhere (another console, BeeCloud's dashboard),
    and a sync (F5, the timer) brought that refund into the history: the Bill panel went
    on saying 'Refunded: No' and offering the whole USD 20.00, and the confirmation
    asked to refund it. The bill's refunds are read again from BeeCloud."""
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    theirs = new_refund_no()
    truth.refund(RefundRequest(bill_no, theirs, Money(500, "USD")))  # elsewhere
    with qtbot.waitSignal(tab.session.history.sync_ended, timeout=WAIT_MS):
        tab.session.history.sync()
    qtbot.waitUntil(lambda: not tab.refund_button.isEnabled(), timeout=WAIT_MS)
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.bill_panel.refunded_label.text().startswith("USD 5.00 on ")
    assert theirs in tab.refund_hint.text()
    assert tab.amount_input.amount_edit.text() == ""  # nothing more is offered
    tab.refund()
    assert answer_of(tab).asked == []


def test_a_refund_made_elsewhere_that_a_sync_brings_while_the_question_is_open_stops_it(
    qtbot, tab, truth
) -> None:
    """The confirmation open, a sync brought a refund of the bill made elsewhere: the
    history was not followed while the question was open, nor once it was agreed, and
    the refund went to BeeCloud, which refused it (11). It is not sent; its refunds are
    read again, and what blocks it is said beside Refund…."""
    jobs = sent_refunds(tab.session)
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    theirs = new_refund_no()

    def meanwhile_a_sync(question: RefundConfirmation) -> bool:
        truth.refund(RefundRequest(bill_no, theirs, Money(500, "USD")))  # elsewhere
        with qtbot.waitSignal(tab.session.history.sync_ended, timeout=WAIT_MS):
            tab.session.history.sync()
        return True

    tab.amount_input.amount_edit.setText("20.00")
    tab.confirm = meanwhile_a_sync
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert jobs == [] and not tab.in_flight
    assert not tab.refund_button.isEnabled()
    wait_for_bill(qtbot, tab, bill_no)
    qtbot.waitUntil(lambda: theirs in tab.refund_hint.text(), timeout=WAIT_MS)
    assert tab.bill_panel.refunded_label.text().startswith("USD 5.00 on ")


def test_a_partial_refund_says_the_rest_can_never_be_refunded(qtbot, tab, truth) -> None:
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    tab.amount_input.amount_edit.setText("12.50")
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert "The rest, USD 7.50, can never be refunded later" in asked.text()
    find(qtbot, tab, bill_no)  # found again: nothing prefilled, nothing offered
    assert tab.amount_input.amount_edit.text() == "" and not tab.refund_button.isEnabled()


def test_a_bill_lowered_on_the_server_after_lookup_shows_code_12(qtbot, tab, truth) -> None:
    """The client never sends more than the bill it was shown; the only natural way
    to a 12 is a view gone stale: the server's bill changed after the lookup."""
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    assert tab.session.sandbox is not None and sandbox_store(tab.session) is not None
    with sqlite3.connect(sandbox_store(tab.session).path) as db:
        db.execute("UPDATE bills SET total_fee = 1000 WHERE bill_no = ?", (bill_no,))
    db.close()
    click_refund(qtbot, tab)
    text = outcome_text(tab)
    assert "Result code 12 REFUND_AMOUNT_TOO_LARGE" in text
    assert "提交的退款金额超出可退额度" in text
    assert "Detail: refund_fee: 2000 is more than the bill's total_fee 1000." in text
    assert refunds_of(truth, bill_no) == []


def test_a_bill_a_sync_finds_paid_since_it_was_found_is_shown_paid(qtbot, tab, truth) -> None:
    """A PayPal bill found before its payer approved it, then a sync (F5, the timer)
    brought it paid: the panel went on saying 'No — not paid' and that BeeCloud would
    refuse a refund of it, and the confirmation said 'Beware: it was not paid'. The bill
    is looked up again; the amount typed stays."""
    bill_no = special_bill(tab.session, channel="PAYPAL_PAYPAL", paid=False)
    find(qtbot, tab, bill_no)
    tab.amount_input.amount_edit.setText("5.00")
    with sqlite3.connect(sandbox_store(tab.session).path) as db:
        db.execute("UPDATE bills SET paid = 1 WHERE bill_no = ?", (bill_no,))  # approved
    db.close()
    with qtbot.waitSignal(tab.session.history.sync_ended, timeout=WAIT_MS):
        tab.session.history.sync()
    qtbot.waitUntil(lambda: tab.paid_label.text() == "Yes, paid", timeout=WAIT_MS)
    wait_for_bill(qtbot, tab, bill_no)
    assert not tab.warnings_label.isVisibleTo(tab)
    assert tab.amount_input.amount_edit.text() == "5.00"
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert "Beware" not in asked.text()
    assert tab.outcome.kind == "success"


def test_an_unpaid_bill_shows_code_9(qtbot, tab, truth) -> None:
    bill_no = special_bill(tab.session, channel="PAYPAL_PAYPAL", paid=False)
    find(qtbot, tab, bill_no)
    assert tab.paid_label.text() == "No — not paid"
    assert "It was not paid" in tab.warnings_label.text()
    click_refund(qtbot, tab)
    assert "Result code 9 BILL_UNSUCCESS" in outcome_text(tab)
    assert "该订单没有支付成功" in outcome_text(tab)


# -- never twice -----------------------------------------------------------------------


def test_clicking_refund_twice_quickly_makes_one_refund(qtbot, tab, truth) -> None:
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert not tab.refund_button.isEnabled() and bill_no in tab.in_flight
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    tab.refund()  # even a direct call cannot start a second one
    assert len(answer_of(tab).asked) == 1
    wait_for_outcome(qtbot, tab)
    assert tab.outcome.kind == "success"
    assert len(refunds_of(truth, bill_no)) == 1
    assert bill_no not in tab.in_flight


def test_enter_on_refund_asks_once_and_refunds_once(qtbot, tab, truth) -> None:
    """Enter on the focused Refund… did nothing and said nothing (only Space pressed it):
    it asks now, and a second Enter meanwhile starts nothing more."""
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    tab.refund_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(tab.refund_button, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(tab.refund_button, Qt.Key.Key_Enter)
    assert len(answer_of(tab).asked) == 1
    wait_for_outcome(qtbot, tab)
    assert tab.outcome.kind == "success"
    assert len(refunds_of(truth, bill_no)) == 1


def test_finding_the_bill_again_while_its_refund_is_in_flight_keeps_refund_disabled(
    qtbot, tab, truth
) -> None:
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    bill = tab.bill
    # the refund stays on its way while the bill is found again (its answer comes later)
    sandbox_of(tab.session).faults.set("refund", Fault("latency", 800, count=1))
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    tab.prefill(bill_no)
    assert not tab.refund_button.isEnabled()
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    assert not tab.refund_button.isEnabled()
    # The lookup's answer arriving before the refund's must not re-enable it either.
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.bill == bill
    assert not tab.refund_button.isEnabled()
    assert "on its way" in tab.refund_hint.text()
    tab.refund()
    assert len(answer_of(tab).asked) == 1

    wait_for_outcome(qtbot, tab)
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.outcome.kind == "success"
    assert len(refunds_of(truth, bill_no)) == 1
    assert not tab.refund_button.isEnabled()  # the answer is in: the bill has its refund


def test_a_refund_of_the_bill_started_in_another_console_while_confirming_stops_this_one(
    qtbot, tab, truth
) -> None:
    """Two clerks on one data folder refund the same bill at once: the other console
    journaled its refund, on its way, while this one's confirmation was open. The bill
    was blocked as on its way, and this console sent its own refund all the same when
    the clerk agreed. What blocks a bill is asked again after the question."""
    jobs = sent_refunds(tab.session)
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    other_console = InFlight(tab.session.reconciler.holds.folder)
    theirs = new_refund_no()

    def meanwhile_in_the_other_console(question: RefundConfirmation) -> bool:
        other_console.hold(theirs)
        tab.session.journal.record_sending(theirs, bill_no, 2000, "USD", SANDBOX_ID)
        return True

    tab.confirm = meanwhile_in_the_other_console
    try:
        qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
        assert jobs == [] and not tab.in_flight
        assert tab.outcome.kind == ""
        assert not tab.refund_button.isEnabled()
        assert tab.refund_hint.text() == (
            f"Refund {theirs} of this bill is on its way; wait for its answer."
        )
        assert tab.refund_no_label.text() == "Made when you press Refund"
        assert [e.refund_no for e in tab.session.journal.entries()] == [theirs]
    finally:
        other_console.release(theirs)


def test_a_refund_of_the_bill_another_console_journals_just_before_this_ones_is_not_sent(
    qtbot, tab, truth, announced: list[Said]
) -> None:
    """Two clerks on one data folder press the confirmation's Refund within milliseconds:
    each console found the bill free, and the other one wrote its refund down between
    this one's check and its write. Both were journaled and sent (BeeCloud refused the
    second, after the clerk was shown it sending). The journal checks and writes in one
    step now: nothing of this one is written, audited or sent, and the tab says why as
    it does of a refund of the bill on its way in another console."""
    jobs = sent_refunds(tab.session)
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    other_console = ConsoleStore.open(tab.session.data_dir)  # its own connection
    theirs = new_refund_no()
    journal = tab.session.reconciler.journal
    write = journal.record_sending

    def the_other_console_writes_first(*args: Any, **kwargs: Any) -> Any:
        other_console.refunds_on_their_way.hold(theirs)
        other_console.journal.record_sending(theirs, bill_no, 2000, "USD", SANDBOX_ID)
        return write(*args, **kwargs)

    journal.record_sending = the_other_console_writes_first
    try:
        qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
        assert jobs == [] and not tab.in_flight
        assert refunds_of(truth, bill_no) == []
        assert [e.refund_no for e in journal.entries()] == [theirs]
        assert [e for e in tab.session.store.audit_log.entries() if e.action == "refund"] == []
        assert tab.outcome.kind == ""
        assert not tab.refund_button.isEnabled()
        assert tab.refund_hint.text() == (
            f"Refund {theirs} of this bill is on its way; wait for its answer."
        )
        assert tab.refund_no_label.text() == "Made when you press Refund"
        assert Said(tab.refund_hint.text(), True, tab.refund_hint) in announced
    finally:
        other_console.close()


def test_a_refund_agreed_to_but_blocked_meanwhile_is_said_to_a_screen_reader(
    qtbot, tab, truth, announced: list[Said]
) -> None:
    """Another console journaled a refund of the bill while this one's confirmation was
    open: the clerk pressed the question's Refund, nothing was sent, and why was written
    beside the Refund… button only, away from the focus (on the bill number): a screen
    reader said nothing at all, as if the refund had gone. It is said now, at once."""
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    theirs = new_refund_no()

    def meanwhile_in_the_other_console(question: RefundConfirmation) -> bool:
        tab.session.journal.record_sending(theirs, bill_no, 2000, "USD", SANDBOX_ID)
        return True

    tab.confirm = meanwhile_in_the_other_console
    announced.clear()
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert refunds_of(truth, bill_no) == []
    assert theirs in tab.refund_hint.text()
    assert Said(tab.refund_hint.text(), True, tab.refund_hint) in announced


def a_sandbox_bill_found_beside_a_live_profile(
    qtbot, tab: RefundTab, truth
) -> tuple[Profile, list[Job], str]:
    """A live profile "Shop" (on the embedded sandbox) saved, the Sandbox in use and a
    card bill of it found: Shop, the refund jobs sent from now on, the bill's number."""
    assert tab.session.sandbox is not None
    shop = live_profile(tab.session, "Shop", (tab.session.sandbox.base_url,))
    tab.session.activate(SANDBOX_ID)
    jobs = sent_refunds(tab.session)
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    return shop, jobs, bill_no


def test_a_refund_confirmed_after_the_profile_changed_under_its_question_is_not_sent(
    qtbot, tab, truth
) -> None:
    """The confirmation named the Sandbox; while it was open the console went over to a
    live profile of the same App ID (another console removed a profile, a sync found
    it): the refund agreed to was sent all the same, through the live profile's hosts
    and secret, journaled as the Sandbox's. What was agreed is of the profile it named:
    nothing is sent, and the clerk finds the bill again under the profile now in use."""
    shop, jobs, bill_no = a_sandbox_bill_found_beside_a_live_profile(qtbot, tab, truth)

    def meanwhile_another_profile(question: RefundConfirmation) -> bool:
        assert question.profile_name == "Sandbox"
        tab.session.activate(shop.id)
        return True

    tab.confirm = meanwhile_another_profile
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert jobs == [] and not tab.in_flight
    assert tab.session.journal.entries() == []
    assert refunds_of(truth, bill_no) == []
    assert tab.outcome.kind == "" and tab.bill is None
    assert tab.lookup_status.text() == (
        f"Nothing was sent: the profile changed while the refund of bill {bill_no} was "
        "being confirmed (it named the profile “Sandbox”). Find the bill again under the "
        "profile in use now."
    )


def test_the_refund_confirmation_closes_when_another_profile_comes_into_use(
    qtbot, tab, truth
) -> None:
    """The confirmation named the Sandbox and stayed open, still naming it, once the
    console had gone over to a live profile: it closes at the switch, nothing is sent,
    and the tab says why."""
    from console.gui.tabs.refund.confirm_refund import ask_to_confirm

    shop, jobs, bill_no = a_sandbox_bill_found_beside_a_live_profile(qtbot, tab, truth)
    left_open: list[ConfirmRefundDialog] = []

    def close_what_stayed_open() -> None:  # so that a failure fails, not hangs
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, ConfirmRefundDialog) and dialog.isVisible():
                left_open.append(dialog)
                dialog.reject()

    def asked(question: RefundConfirmation) -> bool:
        QTimer.singleShot(0, lambda: tab.session.activate(shop.id))
        QTimer.singleShot(3000, tab, close_what_stayed_open)  # not once the test is over
        return ask_to_confirm(question, tab)

    tab.confirm = asked
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert left_open == [], "the question stayed open under the other profile"
    assert jobs == [] and not tab.in_flight and tab.session.journal.entries() == []
    assert refunds_of(truth, bill_no) == []
    assert tab.lookup_status.text().startswith("Nothing was sent: the profile changed"), (
        tab.lookup_status.text()
    )


def test_refund_pressed_after_another_console_refunded_the_bill_says_why_not(
    qtbot, tab, truth
) -> None:
    """Two clerks on one data folder: the other console refunded the bill after this one
    found it. Refund… stayed on, and pressing it did nothing at all: no question, no
    word beside it, the panel still saying 'Refunded: No'. It now says why not, and the
    bill's refunds are read again."""
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    theirs = new_refund_no()
    tab.session.journal.record_sending(theirs, bill_no, 700, "USD", SANDBOX_ID)  # the other
    truth.refund(RefundRequest(bill_no, theirs, Money(700, "USD")))
    tab.session.journal.mark_done(theirs)
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert answer_of(tab).asked == []
    assert not tab.refund_button.isEnabled() and tab.refund_hint.isVisibleTo(tab)
    wait_for_bill(qtbot, tab, bill_no)
    assert theirs in tab.refund_hint.text()
    assert tab.bill_panel.refunded_label.text().startswith("USD 7.00 on ")
    assert tab.amount_input.amount_edit.text() == ""


def test_a_refund_another_console_made_that_the_list_does_not_show_yet_is_not_said_ours(
    qtbot, tab, truth
) -> None:
    """The refund journal is every console's on this computer: a refund another one made,
    not listed yet, was said to be "refunded from this console"."""
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    theirs = new_refund_no()
    tab.session.journal.record_sending(theirs, bill_no, 700, "USD", SANDBOX_ID)  # the other
    tab.session.journal.mark_done(theirs)  # its answer came; BeeCloud's list lags behind
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    wait_for_bill(qtbot, tab, bill_no)
    qtbot.waitUntil(lambda: theirs in tab.refund_hint.text(), timeout=WAIT_MS)
    assert tab.refund_hint.text().startswith(f"Bill {bill_no} was refunded on this computer: ")
    assert not tab.refund_button.isEnabled()


def test_two_refunds_in_flight_each_get_their_answer(qtbot, tab, truth) -> None:
    """Each refund has a topic of its own: a later job never drops an earlier refund's answer."""
    first, second = card_bill(truth, 2000), card_bill(truth, 3000)
    find(qtbot, tab, first)
    sandbox_of(tab.session).faults.set("refund", Fault("latency", 800, count=2))  # held
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    tab.prefill(second)
    wait_for_bill(qtbot, tab, second)  # shown before the first answer (held: see above)
    assert tab.refund_button.isEnabled()  # another bill: nothing of it is in flight
    # the form's refund number is the second bill's to come, not the first's on its way
    assert tab.refund_no_label.text() == "Made when you press Refund"
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert tab.in_flight == {first, second}
    second_no = answer_of(tab).asked[1].refund_no
    assert tab.refund_no_label.text() == second_no
    qtbot.waitUntil(lambda: first not in tab.in_flight, timeout=WAIT_MS)
    if second in tab.in_flight:  # the first's answer leaves the second's number shown
        assert tab.refund_no_label.text() == second_no
    qtbot.waitUntil(lambda: not tab.in_flight, timeout=WAIT_MS)
    assert tab.outcome.kind == "success"
    assert [r.refund_fee for r in refunds_of(truth, first)] == [2000]
    assert [r.refund_fee for r in refunds_of(truth, second)] == [3000]


# -- outcome unknown -------------------------------------------------------------------


class RefundsFilterIgnoringHost(FilterIgnoringHost):
    """A host that finds a bill by its number but does not know the bill_no filter of
    the refunds' list: asked for a bill's refunds, it lists every refund."""

    def _without_field(self, handler: BaseHTTPRequestHandler) -> None:
        if "/refunds" in handler.path:
            super()._without_field(handler)
        else:
            self.forward_get(handler)


def test_a_bills_refunds_are_its_own_whatever_the_server_lists(qtbot, tab, truth) -> None:
    """The bill's earlier refunds came from a list by bill_no: a server that ignores that
    filter listed every refund of the app, and the tab said the bill had a refund
    already, and refused to refund it. Only the bill's own refunds are taken."""
    assert tab.session.sandbox is not None
    refunded = card_bill(truth)
    truth.refund(RefundRequest(refunded, new_refund_no(), Money(500, "USD")))
    bill_no = card_bill(truth)
    with RefundsFilterIgnoringHost(tab.session.sandbox.base_url, "bill_no") as host:
        live_profile(tab.session, "Shop", (host.url,))
        find(qtbot, tab, bill_no)
        assert host.ignored >= 1
        assert tab.refunds == []
        assert tab.refund_button.isEnabled(), tab.refund_hint.text()


def test_a_refund_listed_for_more_than_its_bill_is_not_taken(qtbot, tab, truth) -> None:
    """A bill of USD 10.00, and its refund listed as USD 50.00 of a bill of USD 50.00:
    the tab said "Refunded: USD 50.00" of a bill of USD 10.00. One of the answers lies:
    the bill's refunds are not shown, the tab says why, and no refund is offered."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth, 1000, "USD")
    truth.refund(RefundRequest(bill_no, new_refund_no(), Money(500, "USD")))

    def more_than_paid(answer: dict) -> None:
        for record in answer.get("refunds") or []:
            record["total_fee"] = record["refund_fee"] = 5000

    with ListRewritingHost(tab.session.sandbox.base_url, more_than_paid) as host:
        live_profile(tab.session, "Shop", (host.url,))
        tab.bill_no_edit.setText(bill_no)
        qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "disagree" in tab.history_status.text(), timeout=WAIT_MS)
    assert tab.amount_label.text() == "USD 10.00"
    assert "USD 50.00" in tab.history_status.text() and "USD 10.00" in tab.history_status.text()
    assert "50.00" not in tab.bill_panel.refunded_label.text()
    assert tab.history_table.rowCount() == 0
    assert tab.refunds is None
    assert not tab.refund_button.isEnabled()
    assert "press Find" in tab.refund_hint.text()


def test_a_bill_made_here_is_refunded_in_the_currency_it_was_made_in_whatever_its_list_says(
    qtbot, tab
) -> None:
    """A bill this console made in USD, listed in EUR (a lie, or a server that mixes
    them up): the Bills tab and the history keep the currency recorded here (it wins
    over the list's, docs/decisions.md), but the Refund tab took the list's, showed
    "EUR 12.50", and asked to confirm a "full refund of EUR 12.50", which the refund
    journal and the audit log then kept in EUR."""
    bill_no = special_bill(tab.session, currency="EUR", total_fee=1250)
    tab.session.local.remember_currency(SANDBOX_ID, bill_no, "USD")
    find(qtbot, tab, bill_no)
    assert tab.amount_label.text() == "USD 12.50"
    assert not tab.amount_input.currency_picker.isEnabled()
    click_refund(qtbot, tab)
    [asked] = answer_of(tab).asked
    assert asked.amount == Money(1250, "USD")
    assert not asked.currency_guessed


def test_a_bill_is_shown_in_its_answers_currency_when_the_recorded_one_cannot_be_read(
    qtbot, tab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The currency recorded here is read for every bill found: a database that cannot
    be read leaves the bill in the currency its answer gives, never a traceback."""
    bill_no = special_bill(tab.session, currency="EUR", total_fee=1250)

    def unreadable(_profile_id: str, _bill_no: str) -> str | None:
        raise StoreError("The console's database could not be read (disk I/O error).")

    monkeypatch.setattr(tab.session.local, "currency_of", unreadable)
    find(qtbot, tab, bill_no)
    assert tab.amount_label.text() == "EUR 12.50"


@pytest.mark.parametrize(
    ("listed", "shown"), [("EUR", "EUR 12.50"), (None, "12.50 (currency unknown)")]
)
def test_a_recorded_currency_no_console_writes_is_not_taken(
    qtbot, tab, listed: str | None, shown: str
) -> None:
    """A row of the console's database no console writes (a damaged or hand-edited
    file): a currency it does not know, recorded for a bill. It was put in the amount's
    picker, which raised ValueError at Find (for a bill listed without a currency, as a
    live server lists them): the bill is shown as if none were recorded."""
    bill_no = special_bill(tab.session, currency=listed, total_fee=1250)
    with tab.session.local.database.writing() as db:
        db.execute("INSERT INTO bill_currency VALUES (?, ?, ?)", (SANDBOX_ID, bill_no, "ZZZ"))
    find(qtbot, tab, bill_no)
    assert tab.amount_label.text() == shown


def test_a_refund_is_shown_in_its_bills_currency_whatever_its_list_says(qtbot, tab, truth) -> None:
    """A bill of USD 20.00 and its refund listed in EUR: the tab said "Refunded:
    EUR 5.00" of a bill in USD. A refund is of its bill: shown in the bill's currency."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth, 2000, "USD")
    truth.refund(RefundRequest(bill_no, new_refund_no(), Money(500, "USD")))

    def in_euros(answer: dict) -> None:
        for record in answer.get("refunds") or []:
            record["currency"] = "EUR"

    with ListRewritingHost(tab.session.sandbox.base_url, in_euros) as host:
        live_profile(tab.session, "Shop", (host.url,))
        find(qtbot, tab, bill_no)
    assert tab.bill_panel.refunded_label.text().startswith("USD 5.00 on ")
    amount = tab.history_table.item(0, 1)
    assert amount is not None and amount.text() == "USD 5.00"
    assert "USD 5.00" in tab.refund_hint.text()


def test_a_bill_refunded_here_is_not_offered_again_while_the_list_lags(qtbot, tab, truth) -> None:
    """A refund answered made, then the bill's refunds listed without it (a list that
    lags behind, or lies): Refund came back on for the bill, as if it had none. The
    journal knows the refund made from here."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)

    def no_refunds(answer: dict) -> None:
        if "refunds" in answer:
            answer["refunds"], answer["count"] = [], 0

    with ListRewritingHost(tab.session.sandbox.base_url, no_refunds) as host:
        live_profile(tab.session, "Shop", (host.url,))
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)
        refund_no = answer_of(tab).asked[0].refund_no
        assert tab.outcome.kind == "success"
        wait_for_bill(qtbot, tab, bill_no)  # its refunds listed again: none, says the host
        assert tab.refunds == []
        assert not tab.refund_button.isEnabled()
        assert refund_no in tab.refund_hint.text()
        find(qtbot, tab, bill_no)
        assert not tab.refund_button.isEnabled()
    assert len(refunds_of(truth, bill_no)) == 1


def test_a_refund_listed_twice_as_two_is_not_kept_in_the_history(qtbot, tab, truth) -> None:
    """The bill's refunds listed one refund number twice, for two amounts: the page was
    kept in the history as it came (the second copy over the first), though nothing
    says which is true. Neither is kept, and the tab says its refunds could not be
    loaded."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)
    refund_no = new_refund_no()
    truth.refund(RefundRequest(bill_no, refund_no, Money(500, "USD")))

    def twice(answer: dict) -> None:
        if answer.get("refunds"):
            answer["refunds"].append({**answer["refunds"][0], "refund_fee": 1})

    with ListRewritingHost(tab.session.sandbox.base_url, twice) as host:
        live_profile(tab.session, "Shop", (host.url,))
        tab.bill_no_edit.setText(bill_no)
        qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: "Could not load its refunds" in tab.history_status.text(), timeout=WAIT_MS
        )
        assert refund_no not in {
            refund.refund_no for refund in tab.session.history.mirror.refunds()
        }
        assert not tab.refund_button.isEnabled()


def test_an_answer_that_came_but_could_not_be_read_is_not_said_to_be_none(
    qtbot, tab, truth
) -> None:
    """The refund's answer came, garbled: the panel said "no answer came back from
    127.0.0.1:…", which a clerk on the phone to support repeats, wrongly. It says what
    the host did, as the payment's panel does."""
    bill_no = card_bill(truth)
    sandbox_of(tab.session).faults.set("refund", Fault("bad-json", count=1))
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    qtbot.waitUntil(lambda: tab.outcome.kind == "outcome_unknown", timeout=WAIT_MS)
    body = tab.outcome.body.text()
    assert "no answer came back" not in body
    assert "with something that is not a BeeCloud answer" in body, body


@pytest.mark.parametrize("made", [False, True], ids=["lost-request", "lost-answer"])
def test_outcome_unknown_then_check_now(qtbot, tab, truth, made: bool) -> None:
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)
    host = AnswerLosingHost(tab.session.sandbox.base_url, deliver=made)
    try:
        # short timeouts: absent is proven once the request's call would have ended
        live = live_profile(tab.session, "Shop", (host.url,), connect_timeout=0.2)
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)
        refund_no = answer_of(tab).asked[0].refund_no
        assert answer_of(tab).asked[0].is_live
        assert tab.outcome.kind == "outcome_unknown"
        assert tab.outcome.title.text() == f"Outcome unknown: refund {refund_no}"
        assert "It may or may not have been made" in tab.outcome.body.text()
        assert tab.check_button.isVisible() and tab.check_button.isEnabled()
        # Until it is settled, the bill cannot be refunded again.
        assert not tab.refund_button.isEnabled()
        assert f"refund {refund_no} of this bill is unknown" in tab.refund_hint.text()

        # In another profile, the check would ask the wrong app: it waits.
        tab.session.activate(SANDBOX_ID)
        assert tab.outcome.kind == "outcome_unknown" and not tab.check_button.isEnabled()
        assert "Switch back to the profile “Shop”" in tab.check_hint.text()
        tab.session.activate(live.id)
        assert tab.check_button.isEnabled()

        qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
        settled = ("success", "not_made")  # (not before it can no longer arrive)
        qtbot.waitUntil(lambda: tab.outcome.kind in settled, timeout=WAIT_MS)
        if made:
            assert tab.outcome.kind == "success"
            assert tab.outcome.title.text() == "The refund was made"
            assert f"Refund {refund_no} of USD 20.00 for bill {bill_no}" in tab.outcome.body.text()
        else:
            assert tab.outcome.title.text() == (
                f"BeeCloud has no refund {refund_no}: it was not made"
            )
        assert not tab.check_button.isVisible()
        assert len(host.posts) == 1 and refund_no.encode() in host.posts[0]  # never re-sent
        assert len(refunds_of(truth, bill_no)) == (1 if made else 0)
        find(qtbot, tab, bill_no)
        if made:
            assert not tab.refund_button.isEnabled()  # the bill has its one refund
        else:  # it waits to be sent again with its own number, or dropped (the journal)
            assert "Send it again with the same refund number" in tab.outcome.body.text()
            assert not tab.refund_button.isEnabled()
            assert f"Refund {refund_no} of this bill never reached BeeCloud" in (
                tab.refund_hint.text()
            )
    finally:
        host.stop()


def test_a_refund_found_absent_after_midnight_in_china_is_said_to_need_a_fresh_one(
    qtbot, window, tab, truth, monkeypatch
) -> None:
    """A refund lost on its way, checked after midnight China time: its number names a
    day gone, so it can no longer be sent again. Refunds to check said so and offered a
    fresh refund; the Refund tab said "Send it again with the same refund number", which
    BeeCloud would refuse, beside the panel and in the hint beside Refund."""
    # short timeouts: absent is proven once the request's call would have ended
    live_profile(tab.session, "Shop", (sandbox_of(tab.session).base_url,), connect_timeout=0.2)
    sandbox_of(tab.session).faults.set("refund", Fault("drop-before", count=1))
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    refund_no = answer_of(tab).asked[0].refund_no
    assert tab.outcome.kind == "outcome_unknown"
    tomorrow = china_today(datetime.now(UTC) + timedelta(days=1))
    monkeypatch.setattr(refund_journal, "china_today", lambda now=None: tomorrow)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.outcome.kind == "not_made", timeout=WAIT_MS)
    entry = tab.session.journal.get(refund_no)
    assert entry is not None and entry.state == "absent"
    too_late = entry.resend_problem()
    assert too_late is not None and "can no longer be sent" in too_late
    body = tab.outcome.body.text()
    assert "Send it again" not in body and too_late in body, body
    window.refund_notice.open_dialog()
    dialog = window.refund_notice.dialog
    assert dialog is not None and too_late in dialog.rows[refund_no].state.text()
    find(qtbot, tab, bill_no)
    hint = tab.refund_hint.text()
    assert "Send it again" not in hint and too_late in hint, hint
    assert "Press “Start a fresh refund…” beside it under “Refunds to check”" in hint
    assert refunds_of(truth, bill_no) == []


@pytest.mark.parametrize(
    ("code", "name", "said"),
    [
        (14, "RUNTIME_ERROR", "Try again in a few minutes"),
        (2, "PAY_FACTOR_NOT_SET", "in BeeCloud's dashboard"),
    ],
)  # fmt: skip
def test_a_refund_refused_with_a_code_a_clerk_cannot_act_on_says_what_to_do(
    qtbot, tab, truth, code: int, name: str, said: str
) -> None:
    """A refund refused with 14 said 'Nothing was refunded for bill B.' and the code's
    meaning: nothing of whether to try again or whom to ask."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)
    refuse = answering_json(
        {"result_code": code, "result_msg": name, "err_detail": "as the server says"}
    )

    with ForwardingHost(tab.session.sandbox.base_url, refuse) as host:
        live_profile(tab.session, "Shop", (host.url,))
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)
    assert tab.outcome.kind == "api"
    body = tab.outcome.body.text()
    assert body.startswith(f"Nothing was refunded for bill {bill_no}. "), body
    assert said in body, body
    assert f"Result code {code} {name}" in body
    assert refunds_of(truth, bill_no) == []


def test_a_check_that_finds_the_number_refunding_another_amount_claims_nothing(
    qtbot, tab, truth
) -> None:
    """Check now found the refund number, but refunding another amount than was sent:
    the tab said "The refund was made" (of the listed amount) and let the bill go, while
    the journal kept it unresolved, "not what was sent: ask BeeCloud's support". The tab
    says the same as the journal now, and the bill stays to be checked."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)
    host = AnswerLosingHost(tab.session.sandbox.base_url, deliver=False)
    try:
        live_profile(tab.session, "Shop", (host.url,))
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)
        refund_no = answer_of(tab).asked[0].refund_no
        assert tab.outcome.kind == "outcome_unknown"
        # Whatever made it, BeeCloud now lists this number for USD 5.00, not USD 20.00.
        truth.refund(RefundRequest(bill_no, refund_no, Money(500, "USD")))

        qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: (
                (entry := tab.reconciler.entry(refund_no)) is not None
                and entry.state == "unknown"
                and entry.detail_key == "journal.mismatch"
            ),
            timeout=WAIT_MS,
        )
        assert tab.outcome.kind == "outcome_unknown", outcome_text(tab)
        assert "was made" not in outcome_text(tab)
        assert "USD 5.00" in tab.outcome.body.text()
        assert "Ask BeeCloud's support" in tab.outcome.body.text()
        assert tab.check_button.isVisible()
        assert not tab.refund_button.isEnabled()

        find(qtbot, tab, bill_no)  # its list shows the number too: not settled by it either
        assert tab.outcome.kind == "outcome_unknown", outcome_text(tab)
        assert len(host.posts) == 1  # never re-sent
        check = tab.session.audit.log.latest(tab.session.profile.id, refund_no, ["refund_check"])
        assert check is not None and check.result == "unknown", check
        # the amount listed, written as every amount is (it said "500 hundredths")
        said = f"BeeCloud lists this number for bill {bill_no}, USD 5.00, not what was sent"
        entry = tab.reconciler.entry(refund_no)
        assert entry is not None and entry.detail.startswith(said)
        assert check.detail.startswith(said)
    finally:
        host.stop()


@contextmanager
def unknown_refund(qtbot, tab, truth) -> Iterator[tuple[str, AnswerLosingHost]]:
    """A card bill refunded through a live profile whose host loses the refund's answer
    (the refund is made): the bill's number, and the host, stopped afterwards."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)
    host = AnswerLosingHost(tab.session.sandbox.base_url, deliver=True)
    try:
        live_profile(tab.session, "Shop", (host.url,))
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)
        yield bill_no, host
    finally:
        host.stop()


def test_finding_the_bill_settles_an_unknown_refund_its_list_shows(qtbot, tab, truth) -> None:
    with unknown_refund(qtbot, tab, truth) as (bill_no, host):
        assert tab.outcome.kind == "outcome_unknown"
        find(qtbot, tab, bill_no)
        assert tab.outcome.title.text() == "The refund was made"
        assert not tab.check_button.isVisible() and not tab.unsettled
        assert len(host.posts) == 1


@pytest.mark.parametrize("bill_later_ms", [0, 300])
def test_a_bill_whose_refunds_could_not_be_loaded_says_so_beside_refund(
    qtbot, tab, truth, bill_later_ms: int, announced: list[Said]
) -> None:
    """The bill's refunds could not be loaded: Refund stayed off (right: the bill may
    have one), and the line under it said "Waiting for the bill's earlier refunds…",
    though nothing was on its way; it says what to do now, and Find loads them again.
    The two answers come in either order (bill_later_ms: the refunds' failure first)."""
    bill_no = card_bill(truth)
    faults = sandbox_of(tab.session).faults
    faults.set("refunds", Fault("html-500"))
    if bill_later_ms:
        faults.set("bills", Fault("latency", bill_later_ms, count=1))
    tab.bill_no_edit.setText(bill_no)
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "Could not load its refunds" in tab.history_status.text() and tab.bill is not None,
        timeout=WAIT_MS,
    )
    assert tab.bill is not None and tab.bill.bill_no == bill_no
    assert "Could not load its refunds" in tab.history_status.text()
    assert not tab.refund_button.isEnabled()
    assert "Waiting" not in tab.refund_hint.text()
    assert "could not be loaded" in tab.refund_hint.text() and "Find" in tab.refund_hint.text()
    # said to a screen reader, once, whichever answer came first
    said = [s for s in announced if s.by is tab.history_status]
    assert [s.text for s in said] == [f"{tab.history_status.text()}\n{tab.refund_hint.text()}"]

    faults.clear("refunds")
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.refund_button.isEnabled(), tab.refund_hint.text()


def test_a_load_of_its_refunds_stopped_from_the_status_bar_says_so_beside_refund(
    qtbot, window, tab, truth, announced: list[Said]
) -> None:
    """The status bar's Cancel stops every load, the bill's refunds too: the panel said
    "Loading…" and Refund "Waiting for the bill's earlier refunds…" for good, though
    nothing was on its way any more."""
    bill_no = card_bill(truth)
    sandbox_of(tab.session).faults.set("refunds", Fault("latency", 2000))
    tab.bill_no_edit.setText(bill_no)
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.cancel_button.isVisible, timeout=WAIT_MS)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.bill is not None, timeout=WAIT_MS)

    assert tab.history_status.text() == (
        "Loading its refunds was stopped: press Find to load them again."
    )
    said = [s.text for s in announced if s.by is tab.history_status]
    assert said == [f"{tab.history_status.text()}\n{tab.refund_hint.text()}"]
    assert not tab.refund_button.isEnabled()
    assert "Waiting" not in tab.refund_hint.text()
    assert "Find" in tab.refund_hint.text()

    sandbox_of(tab.session).faults.clear("refunds")
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.refund_button.isEnabled(), tab.refund_hint.text()


def test_a_lookup_through_a_silent_host_says_no_server_answered(qtbot, tab) -> None:
    with ScriptedServer(None) as silent:
        live_profile(tab.session, "Silent", (silent.url,))
        qtbot.keyClicks(tab.bill_no_edit, "BC20261130120000AB12CD")
        qtbot.keyClick(tab.bill_no_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "Could not look up" in tab.lookup_status.text(), timeout=WAIT_MS)
    assert "No BeeCloud server could be reached" in tab.lookup_status.text()
    assert "Traceback" not in tab.lookup_status.text()
    assert tab.bill is None and not tab.refund_button.isEnabled()


def test_a_profile_without_secret_is_reported(qtbot, tab) -> None:
    profile = Profile.new_live("No secret", "app-without-secret")
    tab.session.profiles.save(profile)
    tab.session.activate(profile.id)
    qtbot.keyClicks(tab.bill_no_edit, "BC20261130120000AB12CD")
    qtbot.keyClick(tab.bill_no_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Could not look up bill" in tab.lookup_status.text(), timeout=WAIT_MS)
    assert "No app secret is stored for the profile “No secret”" in tab.lookup_status.text()
    # no bill is shown, so neither are its refunds, nor said to be loading (_lookup_failed:
    # both jobs fail alike, their secret missing; which fails first is the keyring's turn)
    qtbot.waitUntil(lambda: not tab.session.gateway.running(), timeout=WAIT_MS)
    assert tab.history_status.text() == ""


def test_a_refund_that_cannot_be_prepared_is_said_not_sent(qtbot, tab, truth) -> None:
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)
    live = live_profile(tab.session, "Shop", (tab.session.sandbox.base_url,))
    find(qtbot, tab, bill_no)
    tab.session.secrets.delete(live.id)  # e.g. removed in Profiles… meanwhile
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    refund_no = answer_of(tab).asked[0].refund_no
    wait_for_outcome(qtbot, tab)
    assert tab.outcome.title.text() == f"Refund {refund_no} was not sent: No app secret"
    assert f"Nothing was refunded for bill {bill_no}." in tab.outcome.body.text()
    assert not tab.in_flight and tab.refund_button.isEnabled()
    assert refunds_of(truth, bill_no) == []


def test_switching_profile_clears_the_bill(qtbot, tab, truth) -> None:
    bill_no = card_bill(truth)
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    profile = Profile.new_live("Other shop", "other-app")
    tab.session.profiles.save(profile)
    tab.session.activate(profile.id)
    assert tab.bill is None
    assert tab.amount_label.text() == "—" and tab.history_table.rowCount() == 0
    assert not tab.refund_button.isEnabled()
    assert not tab.outcome.isVisible()


# -- layout ----------------------------------------------------------------------------


def not_clipped(widget: QWidget) -> bool:
    """Whether a visible widget got at least the room its content asks for."""
    if isinstance(widget, QLabel) and widget.wordWrap():
        return widget.height() >= widget.heightForWidth(widget.width())
    hint = widget.minimumSizeHint()
    return widget.width() >= hint.width() and widget.height() >= hint.height()


def test_the_tab_reads_well_at_1024_by_768(qtbot, window, tab, truth) -> None:
    window.resize(1024, 768)
    bill_no = card_bill(truth, 2000)
    find(qtbot, tab, bill_no)
    truth.refund(RefundRequest(bill_no, new_refund_no(), Money(500, "USD")))  # elsewhere
    click_refund(qtbot, tab)  # a refusal: the longest outcome there is
    shown = [
        widget
        for widget in tab.findChildren(QLabel)
        + tab.findChildren(QPushButton)
        + tab.findChildren(QLineEdit)
        + tab.findChildren(QComboBox)
        if widget.isVisible()
    ]
    assert tab.outcome.body in shown and tab.amount_input.currency_picker in shown
    qtbot.waitUntil(lambda: all(not_clipped(widget) for widget in shown), timeout=WAIT_MS)
    assert not tab.scroll_area.horizontalScrollBar().isVisible()
    assert not tab.scroll_area.verticalScrollBar().isVisible()


def test_a_refunds_result_is_in_sight_on_a_small_screen(qtbot, window, tab, truth) -> None:
    """Found at 1,024 × 768: the bill's earlier refunds listed number, amount and time
    whole, and their Result (Succeeded, Refused) out of sight to the right; the time,
    which the Refunded line above says too, comes last now."""
    window.resize(1024, 768)
    find(qtbot, tab, card_bill(truth))
    click_refund(qtbot, tab)
    qtbot.waitUntil(lambda: tab.history_table.rowCount() == 1, timeout=WAIT_MS)
    table = tab.history_table
    header = table.horizontalHeader()
    assert table.item(0, 3).text() == "Succeeded"
    assert header.sectionViewportPosition(3) + header.sectionSize(3) <= table.viewport().width()


def test_a_bill_number_typed_in_full_width_is_found(qtbot, tab, truth) -> None:
    """An input method in full-width mode types ＢＣ２０…: it was refused as "not 8 to 32
    letters or digits", which it looks like."""
    bill_no = card_bill(truth)
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in bill_no)
    tab.bill_no_edit.setText(f"　{full_width} ")
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.bill_no_edit.text() == bill_no and not tab.bill_no_error.isVisible()


def test_a_bill_number_pasted_with_invisible_characters_is_found(qtbot, tab, truth) -> None:
    """A number copied from a mail or a chat may carry a zero-width space, a byte-order
    mark or a direction mark: it looked right and was refused as "not 8 to 32 letters or
    digits"."""
    bill_no = card_bill(truth)
    pasted = f"\ufeff{bill_no[:6]}\u200b{bill_no[6:]}\u200e\u00ad"
    tab.bill_no_edit.setText(pasted)
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.bill_no_edit.text() == bill_no and not tab.bill_no_error.isVisible()


def test_a_longest_bill_number_pasted_after_a_row_of_spaces_is_found_whole(
    qtbot, tab, window: MainWindow
) -> None:
    """The field held 40 characters: a number of 32 (the longest) copied from a PDF's
    column, ten spaces before it, was cut to its first 30 characters before the spaces
    were left out, and another number was looked up."""
    bill_no = "LONGEST0" + "2" * 24
    insert_bill(window.session, bill_no)
    tab.bill_no_edit.setFocus()
    QGuiApplication.clipboard().setText(" " * 10 + bill_no)
    tab.bill_no_edit.paste()
    qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
    wait_for_bill(qtbot, tab, bill_no)
    assert tab.bill_no_edit.text() == bill_no


def test_a_refund_of_unknown_outcome_blocks_its_bill_in_its_own_app_only(qtbot, tab, truth) -> None:
    """Refunds of unknown outcome were kept by bill number alone: another app's bill of
    the same number (a shop's order numbers in two apps) was blocked, and shown this
    one's refund."""
    with unknown_refund(qtbot, tab, truth) as (bill_no, host):
        assert tab.outcome.kind == "outcome_unknown"
    other_app = Profile.new_live("Outlet", "outlet-app", (host.url,))
    same_app = Profile.new_live("Shop again", SANDBOX_APP_ID, (host.url,))
    for profile in (other_app, same_app):
        tab.session.profiles.save(profile)
    tab.session.activate(other_app.id)
    assert tab.outcomes.blocked_reason(bill_no) is None
    tab.session.activate(same_app.id)  # the same app: the same bill
    assert "is unknown" in (tab.outcomes.blocked_reason(bill_no) or "")


def test_a_journaled_refund_blocks_its_bill_in_every_profile_of_its_app(qtbot, tab, truth) -> None:
    """The journal (a refund of unknown outcome, or one made, left by an earlier run)
    blocked its bill in the profile that sent it only: another profile of the same app
    (the same shop through other hosts) offered the bill's refund again. A bill is its
    app's, whichever profile reaches it."""
    assert tab.session.sandbox is not None
    unknown_bill, made_bill = card_bill(truth), card_bill(truth)
    journal = tab.session.journal
    unknown_no, made_no = new_refund_no(), new_refund_no()
    journal.record_sending(unknown_no, unknown_bill, 2000, "USD", SANDBOX_ID)
    journal.mark_unknown(unknown_no)
    journal.record_sending(made_no, made_bill, 2000, "USD", SANDBOX_ID)
    journal.mark_done(made_no)  # its list lags: it shows no refund yet
    live_profile(tab.session, "Shop again", (tab.session.sandbox.base_url,))
    find(qtbot, tab, unknown_bill)
    assert not tab.refund_button.isEnabled()
    assert tab.refund_hint.text() == (
        f"The outcome of refund {unknown_no} of this bill is unknown. Check it under "
        "“Refunds to check” at the top of the window before refunding this bill again."
    )
    truth.refund(RefundRequest(made_bill, made_no, Money(2000, "USD")))

    def no_refunds(answer: dict) -> None:
        if "refunds" in answer:
            answer["refunds"], answer["count"] = [], 0

    with ListRewritingHost(tab.session.sandbox.base_url, no_refunds) as host:
        live_profile(tab.session, "Shop through a lagging host", (host.url,))
        find(qtbot, tab, made_bill)
        assert tab.refunds == []
        assert not tab.refund_button.isEnabled()
        assert made_no in tab.refund_hint.text()
    other_app = Profile.new_live("Outlet", "outlet-app", (tab.session.sandbox.base_url,))
    tab.session.profiles.save(other_app)
    tab.session.secrets.set(other_app.id, "outlet-secret")
    tab.session.activate(other_app.id)
    assert tab.outcomes.blocked_reason(unknown_bill) is None  # another app's bill
    assert tab.reconciler.made_for_bill(other_app.id, made_bill) is None


def test_saving_the_profile_in_use_keeps_the_bill_and_what_was_typed(qtbot, tab, truth) -> None:
    """Profiles… saved the profile in use (a new name, a timeout): the bill found, the
    amount and the note typed were gone. Another app id is another app: cleared."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)
    profile = live_profile(tab.session, "Shop", (tab.session.sandbox.base_url,))
    find(qtbot, tab, bill_no)
    tab.amount_input.amount_edit.setText("5.00")
    tab.note_edit.setText("damaged on arrival")
    tab.session.profiles.save(replace(profile, name="Shop (main)", read_timeout=30.0))
    tab.session.saved(profile.id)  # as Profiles… does once saved
    assert tab.bill is not None and tab.bill.bill_no == bill_no
    assert tab.amount_input.amount_edit.text() == "5.00"
    assert tab.note_edit.text() == "damaged on arrival"
    assert tab.refund_button.isEnabled()
    tab.session.profiles.save(replace(profile, app_id="another-app"))
    tab.session.saved(profile.id)
    assert tab.bill is None


def test_a_refund_on_its_way_blocks_its_bill_number_in_its_own_app_only(
    qtbot, tab, truth, sandbox
) -> None:
    """A refund on its way (sent, its answer not back) blocked its bill number in every
    profile: another app's bill of the same number (a shop's order numbers in two apps)
    was refused as 'on its way'. And when the answer came, the other app's bill shown was
    taken for it: the note typed for it cleared and its refunds read again."""
    bill_no = card_bill(truth)
    outlet_truth = BeeCloudClient(APP_ID, APP_SECRET, hosts=[sandbox.base_url])
    card = CardInfo("4111111111111111", 12, datetime.now(UTC).year + 1, "123", "Lei", "Li", "visa")
    outlet_truth.pay(
        BillRequest("PAYPAL_CREDITCARD", Money(3000, "USD"), bill_no, "Outlet bill", card=card)
    )
    find(qtbot, tab, bill_no)
    sandbox_of(tab.session).faults.set("refund", Fault("latency", 800, count=1))
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert bill_no in tab.in_flight
    outlet = Profile.new_live("Outlet", APP_ID, (sandbox.base_url,))
    tab.session.profiles.save(outlet)
    tab.session.secrets.set(outlet.id, APP_SECRET)
    tab.session.activate(outlet.id)
    find(qtbot, tab, bill_no)
    assert tab.amount_label.text() == "USD 30.00"
    assert tab.refund_button.isEnabled(), tab.refund_hint.text()
    assert bill_no not in tab.in_flight
    tab.note_edit.setText("Returned at the outlet")
    qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)  # the Sandbox's
    assert tab.note_edit.text() == "Returned at the outlet"
    assert tab.refunds == [] and tab.refund_button.isEnabled()


def test_the_refund_confirmation_stays_when_the_export_progress_that_was_in_front_closes(
    qtbot, window: MainWindow, truth
) -> None:
    """Refund… pressed while an export's progress (a window of its own, the main one
    usable beside it) was the active window: the confirmation was made that window's
    child, and vanished, unanswered, when the export ended and its progress closed."""
    tab = window.refund_tab  # its own question, not a test's answer
    bill_no = card_bill(truth)
    show_tab(window, window.bills_tab, qtbot)  # its rows, to export
    window.tabs.setCurrentWidget(tab)
    find(qtbot, tab, bill_no)
    exporter = window.bills_tab.exporter
    go = threading.Event()
    snapshot = window.bills_tab.snapshot()
    make_cells = snapshot.make_cells

    def held(record: Any) -> Any:
        go.wait(WAIT_MS / 1000)
        return make_cells(record)

    exporter.take_snapshot = lambda: replace(snapshot, make_cells=held)
    exporter.choose_path = lambda: window.session.data_dir / "bills.csv"  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: exporter.not_ready() is None, timeout=WAIT_MS)  # counted
    exporter.start()
    progress = exporter.progress
    assert progress is not None
    progress.show()
    progress.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is progress, timeout=WAIT_MS)
    still_open: list[bool] = []

    def export_ends_then_look() -> None:
        go.set()
        qtbot.waitUntil(lambda: exporter.export_thread is None, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not shiboken6.isValid(progress), timeout=WAIT_MS)  # deleted
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConfirmRefundDialog)]
        still_open.append(any(d.isVisible() for d in dialogs))
        for dialog in dialogs:
            dialog.reject()

    QTimer.singleShot(0, export_ends_then_look)
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    assert still_open == [True]
    assert refunds_of(truth, bill_no) == []


def test_a_refund_made_through_a_profile_since_removed_still_blocks_its_bill(
    qtbot, tab, truth
) -> None:
    """A refund made through the profile "Shop", the bill's list lagging behind; then
    Shop was removed (it had no refund left to check) and the bill found through another
    profile of the same app: Refund was offered again, and the journal let a second
    refund of the bill be written and sent. Profiles of the app were those the settings
    hold now; the journal's entry knows its app itself."""
    assert tab.session.sandbox is not None
    bill_no = card_bill(truth)

    def no_refunds(answer: dict) -> None:
        if "refunds" in answer:
            answer["refunds"], answer["count"] = [], 0

    with ListRewritingHost(tab.session.sandbox.base_url, no_refunds) as host:
        shop = live_profile(tab.session, "Shop", (host.url,))
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)
        refund_no = answer_of(tab).asked[0].refund_no
        assert tab.outcome.kind == "success"
        tab.session.activate(SANDBOX_ID)
        tab.session.begin_removal(shop.id)
        tab.session.profiles.remove(shop.id)
        tab.session.end_removal(shop.id, removed=True)
        live_profile(tab.session, "Shop again", (host.url,))
        find(qtbot, tab, bill_no)
        assert tab.refunds == []
        assert not tab.refund_button.isEnabled()
        assert refund_no in tab.refund_hint.text()
        assert tab.reconciler.made_for_bill(tab.session.profile.id, bill_no) is not None
    assert len(refunds_of(truth, bill_no)) == 1
