"""A payment is made once unless the operator says otherwise: after a payment the form
is ready for the next one, and a payment like one made on the same profile in the
last 10 minutes asks first, naming it; Cancel is the default."""

from __future__ import annotations

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from console.api.channels import PAYPAL_CREDITCARD, PAYPAL_PAYPAL, PAYPAL_SAVED_CREDITCARD
from console.api.ids import new_bill_no
from console.api.models import BillRequest
from console.api.money import Money
from console.gui.main_window import MainWindow
from console.gui.profiles import ASK_AGAIN_SLACK_MS, SANDBOX_ID, Profile
from console.gui.session import ConsoleSession
from console.gui.tabs.payment.repeat_question import (
    REPEAT_WINDOW_MS,
    RepeatQuestion,
    earlier_payment,
    question_text,
)
from console.gui.tabs.payment_tab import PaymentTab
from console.sandbox.faults import Fault
from console.store import stamps
from console.store.audit_log import (
    NOT_MADE,
    OK,
    PAYMENT,
    PAYMENT_CHECK,
    REQUESTED,
    AuditLog,
    RecentPayment,
)
from console.store.stamps import Moment, now_ms, steady_now
from tests.clock_support import ClockPutForward, PausedClock, moment_ago
from tests.gui.conftest import BrowserCatcher
from tests.gui.console_support import live_profile
from tests.gui.sandbox_bills import insert_bill
from tests.gui.sandbox_truth import count_sandbox_bills, sandbox_of
from tests.gui.tab_drivers import (
    DECLINED_CARD,
    WAIT_MS,
    fill_card,
    fill_common,
    lost_card_payment,
    pay_and_wait,
)


@pytest.fixture
def tab(window: MainWindow) -> PaymentTab:
    window.tabs.setCurrentWidget(window.payment_tab)
    return window.payment_tab


def click_pay(qtbot, tab: PaymentTab) -> None:
    assert tab.pay_button.isEnabled(), tab.problems()
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)


def question(qtbot, tab: PaymentTab) -> QMessageBox:
    qtbot.waitUntil(
        lambda: tab.repeat_box is not None and tab.repeat_box.isVisible(), timeout=WAIT_MS
    )
    assert tab.repeat_box is not None
    return tab.repeat_box


def test_after_a_payment_the_form_is_ready_for_the_next_one(qtbot, tab: PaymentTab) -> None:
    fill_card(tab)
    first_no = tab.bill_no_edit.text()
    pay_and_wait(qtbot, tab)
    assert tab.outcome.kind == "success"
    assert tab.amount.amount_edit.text() == "" and tab.title_edit.text() == ""
    card = tab.card
    for edit in (card.number_edit, card.month_edit, card.year_edit, card.cvv_edit):
        assert edit.text() == ""
    assert card.first_name_edit.text() == "" and card.card_type() in ("", None)
    assert tab.bill_no_edit.text() not in ("", first_no)
    assert not tab.pay_button.isEnabled(), "nothing to pay until the next one is filled in"
    assert not any(error.isVisible() for error in tab.form.errors.values()), "no nagging"
    assert tab.channel() == PAYPAL_CREDITCARD and tab.amount.currency() == "USD"


def test_what_is_typed_while_a_payment_is_on_its_way_stays_for_the_next_one(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    """The next payment's amount, title, card and bill number, typed while the last one
    was on its way, were wiped when its answer came."""
    sandbox_of(session).faults.set("pay", Fault("latency", 500, count=1))
    fill_card(tab)
    first_no = tab.bill_no_edit.text()
    click_pay(qtbot, tab)
    fill_card(tab, number="5555 5555 5555 4444")
    tab.amount.amount_edit.setText("30.00")
    tab.title_edit.setText("Order 2")
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    assert tab.outcome.kind == "success"
    assert tab.amount.amount_edit.text() == "30.00" and tab.title_edit.text() == "Order 2"
    assert tab.card.number_edit.text() == "5555 5555 5555 4444"
    assert tab.bill_no_edit.text() not in ("", first_no)  # its number is not offered again

    sandbox_of(session).faults.set("pay", Fault("latency", 500, count=1))
    tab.bill_no_edit.setText("NEXTBILL0001")
    click_pay(qtbot, tab)  # and the one after it has a number of the operator's own
    tab.bill_no_edit.setText("NEXTBILL0002")
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    assert tab.bill_no_edit.text() == "NEXTBILL0002"


def test_the_same_payment_again_asks_first_and_cancel_is_the_default(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    fill_card(tab)
    first_no = tab.bill_no_edit.text()
    pay_and_wait(qtbot, tab)
    before = count_sandbox_bills(session)

    fill_card(tab)  # the same amount, title and card
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    text = box.text()
    assert first_no in text and "USD 12.50" in text and "Order 1234" in text and "paid" in text
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter takes the default
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
    assert count_sandbox_bills(session) == before, "nothing was sent"
    assert "Not paid again" in tab.pay_status.text()

    second_no = tab.bill_no_edit.text()
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    # what would be sent: the new bill's number, through which profile
    assert f"as the new bill {second_no}?" in box.text(), box.text()
    assert "Profile: Sandbox — practice data, no real money moves." in box.text()
    again = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: tab.submitted is None and tab.outcome.kind == "success", timeout=WAIT_MS
    )
    assert count_sandbox_bills(session) == before + 1
    assert second_no in tab.outcome.body.text()


def test_a_question_about_one_profile_sends_nothing_once_another_is_in_use(
    qtbot, tab: PaymentTab, session: ConsoleSession, browser: BrowserCatcher
) -> None:
    """The question named the Sandbox and its payment a moment ago; while it was open the
    console went over to a live profile of the same App ID (another console removed or
    changed the profile in use, a sync found it). Pay again sent the payment through the
    live profile, which the question never named. The question goes with its profile."""
    assert session.sandbox is not None
    shop = live_profile(session, "Shop", (session.sandbox.base_url,))
    session.activate(SANDBOX_ID)
    fill_common(tab)
    pay_and_wait(qtbot, tab)
    fill_common(tab)
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert "Profile: Sandbox" in box.text()
    before = count_sandbox_bills(session)
    session.activate(shop.id)
    if box.isVisible():  # still open: the clerk agrees to what it asked
        again = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
    assert tab.submitted is None
    assert count_sandbox_bills(session) == before, "nothing was sent"
    assert "Not paid again" in tab.pay_status.text()


def test_three_quick_clicks_make_one_charge(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    before = count_sandbox_bills(session)
    fill_card(tab)
    for _ in range(3):
        if tab.pay_button.isEnabled():
            qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    for _ in range(2):
        if tab.pay_button.isEnabled():
            qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    assert count_sandbox_bills(session) == before + 1


def test_a_paypal_payment_again_asks_and_another_title_does_not(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    assert tab.channel() == PAYPAL_PAYPAL
    fill_common(tab)
    pay_and_wait(qtbot, tab)
    fill_common(tab)
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert "waiting for the payer" in box.text()
    box.reject()
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
    before = count_sandbox_bills(session)
    fill_common(tab, title="Order 5678")
    pay_and_wait(qtbot, tab)
    assert tab.repeat_box is None and count_sandbox_bills(session) == before + 1


def test_a_payment_again_asks_when_its_title_holds_a_long_number(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    """A title with a long run of digits (an order number; one that may be a card's is
    refused at input) is kept masked in the audit log: the repeat, compared with the
    log's title, went out unasked."""
    assert tab.channel() == PAYPAL_PAYPAL
    for title in ("Order 2026 1206 1030 0042", "Order5555555555554445"):
        fill_common(tab, title=title)
        pay_and_wait(qtbot, tab)
        before = count_sandbox_bills(session)
        fill_common(tab, title=title)
        click_pay(qtbot, tab)
        box = question(qtbot, tab)
        box.reject()
        qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
        assert count_sandbox_bills(session) == before, title


def test_the_same_card_under_another_title_asks_and_a_refused_payment_does_not(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    fill_card(tab)
    pay_and_wait(qtbot, tab)
    fill_card(tab)
    tab.title_edit.setText("Another order")
    click_pay(qtbot, tab)
    assert "Order 1234" in question(qtbot, tab).text()
    box = tab.repeat_box
    assert box is not None
    box.reject()
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)

    fill_card(tab, number=DECLINED_CARD)
    tab.amount.amount_edit.setText("3.00")
    pay_and_wait(qtbot, tab)
    assert tab.outcome.kind == "api"  # refused: not made
    fill_card(tab, number=DECLINED_CARD)
    tab.amount.amount_edit.setText("3.00")
    click_pay(qtbot, tab)
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    assert tab.repeat_box is None, "a refused payment is no reason to ask"


def test_a_saved_card_is_never_chosen_for_the_operator(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    fill_card(tab)
    pay_and_wait(qtbot, tab)
    tab.card_label_edit.setText("Office Visa")
    qtbot.mouseClick(tab.save_card_button, Qt.MouseButton.LeftButton)
    tab.set_channel(PAYPAL_SAVED_CREDITCARD)
    assert tab.saved_card_picker.count() == 1 and tab.saved_card_picker.currentIndex() == -1
    fill_common(tab, title="Something else")
    assert not tab.pay_button.isEnabled(), "no card is chosen: Pay charges nothing"


def test_a_payment_older_than_ten_minutes_is_no_reason_to_ask(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    fill_common(tab)
    pay_and_wait(qtbot, tab)
    [made] = session.audit.log.recent_payments(SANDBOX_ID, Moment(0))
    request = BillRequest(PAYPAL_PAYPAL, Money(1250, "USD"), "BC0000000099", "Order 1234")
    log = session.audit.log
    assert earlier_payment(log, SANDBOX_ID, request) == made
    late = made.sent.earlier(-REPEAT_WINDOW_MS - 1)  # on both clocks
    assert earlier_payment(log, SANDBOX_ID, request, now=late) is None
    other = BillRequest(PAYPAL_PAYPAL, Money(1251, "USD"), "BC0000000099", "Order 1234")
    assert earlier_payment(log, SANDBOX_ID, other) is None
    assert now_ms() - made.time_ms < REPEAT_WINDOW_MS


def test_a_bill_of_unknown_outcome_is_not_sent_again_from_the_form(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    """The answer of a card payment was lost after it was made. Pay again (the form keeps
    the bill number) asked "Pay USD 12.50 again, as a new bill?" and sent the same bill;
    BeeCloud refused its number (17), the tab said "The payment was not made." and hid
    Check now, and the audit's last word on the bill, a refusal, no longer made a
    payment like it ask: with a new bill number the same payment went out twice, paid,
    unasked. Pay now sends nothing for that bill until Check now finds it absent."""
    bill_no = lost_card_payment(qtbot, tab, session, "drop-after")
    assert tab.outcome.kind == "outcome_unknown"
    faults = sandbox_of(session).faults
    before = count_sandbox_bills(session)

    fill_card(tab)  # the same payment again, and the form still holds its bill number
    click_pay(qtbot, tab)
    assert tab.repeat_box is None and tab.submitted is None
    assert faults.hits("pay") == 1 and count_sandbox_bills(session) == before
    assert f"Bill {bill_no} was sent and its outcome is unknown" in tab.pay_status.text()
    assert tab.outcome.kind == "outcome_unknown" and tab.check_row.isVisible()

    qtbot.mouseClick(tab.new_bill_no_button, Qt.MouseButton.LeftButton)
    click_pay(qtbot, tab)
    box = question(qtbot, tab)  # a new bill: the earlier one is named, Cancel the default
    assert bill_no in box.text() and "outcome unknown" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
    assert count_sandbox_bills(session) == before


def test_a_bill_found_absent_may_be_paid_again_from_the_form(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    # short timeouts: absent is proven once the request's call would have ended
    live_profile(session, "Shop", (sandbox_of(session).base_url,), 0.3, connect_timeout=0.2)
    bill_no = lost_card_payment(qtbot, tab, session, "drop-before")
    assert tab.outcome.kind == "outcome_unknown"
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "does not exist" in tab.check_result.text(), timeout=WAIT_MS)

    fill_card(tab)
    click_pay(qtbot, tab)  # the same number cannot be paid twice: not asked "as a new bill?"
    assert tab.repeat_box is None
    qtbot.waitUntil(
        lambda: tab.submitted is None and tab.outcome.kind == "success", timeout=WAIT_MS
    )
    assert bill_no in tab.outcome.body.text()


@pytest.mark.parametrize(("kind", "said"), [("drop-after", "paid"), ("drop-before", None)])
def test_a_payment_checked_since_is_named_as_the_check_found_it(
    qtbot, tab: PaymentTab, session: ConsoleSession, kind: str, said: str | None
) -> None:
    """A payment of unknown outcome that Check now then found paid, or absent: the same
    payment again under a new number asked 'Pay again?' naming it 'outcome unknown'
    either way (only the payment's own rows were read, not its check's). Found paid, it
    is named paid; found absent, it was never made: no reason to ask."""
    # short timeouts: absent is proven once the request's call would have ended
    live_profile(session, "Shop", (sandbox_of(session).base_url,), 0.3, connect_timeout=0.2)
    bill_no = lost_card_payment(qtbot, tab, session, kind)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    found = "does not exist" if said is None else "exists and is paid"
    qtbot.waitUntil(lambda: found in tab.check_result.text(), timeout=WAIT_MS)
    before = count_sandbox_bills(session)

    qtbot.mouseClick(tab.new_bill_no_button, Qt.MouseButton.LeftButton)
    fill_card(tab)
    click_pay(qtbot, tab)
    if said is None:
        assert tab.repeat_box is None
        qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
        assert count_sandbox_bills(session) == before + 1
        return
    box = question(qtbot, tab)
    assert bill_no in box.text() and f", {said}." in box.text(), box.text()
    assert "unknown" not in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
    assert count_sandbox_bills(session) == before


def test_a_paypal_payment_found_paid_is_named_paid(
    qtbot, tab: PaymentTab, session: ConsoleSession, browser: BrowserCatcher
) -> None:
    """Once Check whether paid found the payer paid, the same payment again asked 'Pay
    again?' of a bill 'created, waiting for the payer's approval'."""
    fill_common(tab)
    bill_no = tab.bill_no_edit.text()
    pay_and_wait(qtbot, tab)
    requests.post(tab.approval_url(), data={"action": "approve"}, allow_redirects=False, timeout=5)
    qtbot.mouseClick(tab.paid_check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.paid_check_result.text().startswith("Paid"), timeout=WAIT_MS)

    fill_common(tab)
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert bill_no in box.text() and ", paid." in box.text(), box.text()
    assert "waiting" not in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)


def test_a_paypal_payment_whose_link_never_came_is_not_named_waiting_for_its_payer(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    """A PayPal payment's answer lost after its bill was made: Check now says no payer can
    approve it (its address was in the lost answer) and to pay again as a new bill. Doing
    so asked 'Pay again?' of a bill 'created, waiting for the payer's approval'."""
    sandbox_of(session).faults.set("pay", Fault("drop-after", count=1))
    fill_common(tab)
    bill_no = tab.bill_no_edit.text()
    pay_and_wait(qtbot, tab)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no payer can approve it" in tab.check_result.text(), timeout=WAIT_MS)

    qtbot.mouseClick(tab.new_bill_no_button, Qt.MouseButton.LeftButton)
    fill_common(tab)
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert bill_no in box.text() and "waiting" not in box.text(), box.text()
    assert "never came, so no payer can approve it" in box.text(), box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)


def test_a_card_payment_found_unpaid_is_not_named_paid(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    """A card payment's answer lost, and BeeCloud lists its bill unpaid: Check now says the
    card was not charged. The same payment again asked 'Pay again?' of a bill 'paid'."""
    bill_no = lost_card_payment(qtbot, tab, session, "drop-before")
    insert_bill(session, bill_no, total_fee=1250, title="Order 1234", paid=False)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "card was not charged" in tab.check_result.text(), timeout=WAIT_MS)

    qtbot.mouseClick(tab.new_bill_no_button, Qt.MouseButton.LeftButton)
    fill_card(tab)
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert bill_no in box.text() and ", paid." not in box.text(), box.text()
    assert "not paid: the card was not charged" in box.text(), box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)


def test_the_question_says_when_a_live_profile_would_charge_the_payer(qapp) -> None:
    request = BillRequest(PAYPAL_PAYPAL, Money(1250, "USD"), "BC0000000002", "Order 1234")
    earlier = RecentPayment(
        "BC0000000001", now_ms(), 1250, "USD", PAYPAL_PAYPAL, "Order 1234", "", OK
    )
    text = question_text(RepeatQuestion(request, earlier, "Shop", is_live=True))
    assert text.endswith("Profile: Shop — LIVE, the payer is really charged."), text
    assert "as the new bill BC0000000002?" in text


def test_a_payment_stamped_ahead_of_the_clock_is_not_said_made_a_moment_ago(qapp) -> None:
    """A payment made before a restart, its time ahead of the clock as set since (set
    back an hour, or two, after it): the question said it was made 'less than a minute
    ago', at a time still to come. How long ago cannot be told: it says so."""
    request = BillRequest(PAYPAL_PAYPAL, Money(1250, "USD"), "BC0000000002", "Order 1234")
    ahead = now_ms() + 2 * 3_600_000
    earlier = RecentPayment(
        "BC0000000001", ahead, 1250, "USD", PAYPAL_PAYPAL, "Order 1234", "", OK, "", "boot-0", 5
    )
    text = question_text(RepeatQuestion(request, earlier, "Shop", is_live=True))
    assert "a minute ago" not in text and "min ago" not in text, text
    assert "clock was set back since, so how long ago cannot be told" in text, text


def test_a_number_used_again_and_refused_does_not_hide_the_payment_it_made(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    """A paid bill's number typed in again is refused (17, the number was used): that
    refusal became the bill's last word, so the same payment under a new number went
    out unasked, a second charge. A later attempt of a number cannot unmake its bill."""
    fill_card(tab)
    first_no = tab.bill_no_edit.text()
    pay_and_wait(qtbot, tab)
    fill_card(tab)
    tab.bill_no_edit.setText(first_no)
    pay_and_wait(qtbot, tab)
    assert tab.outcome.kind == "api" and "17" in tab.outcome.body.text()
    before = count_sandbox_bills(session)

    qtbot.mouseClick(tab.new_bill_no_button, Qt.MouseButton.LeftButton)
    fill_card(tab)
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert first_no in box.text() and f"{first_no}, at" in box.text()
    assert ", paid." in box.text(), box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
    assert count_sandbox_bills(session) == before


def test_the_question_shows_a_title_that_looks_like_markup_as_it_is(qtbot, tab: PaymentTab) -> None:
    """A title "Size <b>M</b>" was named "Size M" in bold in the question, and a title
    "<img src=/dev/zero>" (19 bytes, BeeCloud takes it) froze the console for good when
    the same payment was made again, the question reading the image."""
    fill_card(tab)
    tab.title_edit.setText("Size <b>M</b>")
    pay_and_wait(qtbot, tab)
    fill_card(tab)
    tab.title_edit.setText("Size <b>M</b>")
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "“Size <b>M</b>”" in box.text()
    box.reject()
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)


@pytest.mark.parametrize("lost", ["answer", "request"])
def test_a_payment_left_without_an_answer_at_the_last_close_is_checked_at_the_next_start(
    qtbot, tab: PaymentTab, session: ConsoleSession, lost: str
) -> None:
    """The console closed (Close anyway, a signal, a crash) before a payment's answer
    came: at the next start nothing said so, the audit stayed at "Requested", and the
    same payment could be made again. The New payment tab now takes it up and asks
    BeeCloud about it at once (nothing is sent again)."""
    # short timeouts: absent is proven once the request's call would have ended
    live_profile(session, "Shop", (sandbox_of(session).base_url,), 0.3, connect_timeout=0.2)
    bill_no = lost_card_payment(
        qtbot, tab, session, "drop-after" if lost == "answer" else "drop-before"
    )
    assert tab.outcome.kind == "outcome_unknown"
    before = count_sandbox_bills(session)

    started_again = PaymentTab(session)  # as after a start: the tab knows nothing yet
    qtbot.addWidget(started_again)
    outcome = started_again.results
    with qtbot.waitSignal(started_again.left_payment, timeout=WAIT_MS) as taken_up:
        pass
    assert taken_up.args == [bill_no]
    assert outcome.unknown is not None and outcome.unknown.bill_no == bill_no
    assert bill_no in started_again.outcome.body.text()
    title = started_again.outcome.title.text()
    assert title == "1 payment had no answer when the console last closed"
    found = "exists and is paid" if lost == "answer" else "does not exist"
    qtbot.waitUntil(
        lambda: f"Bill {bill_no} {found}" in started_again.check_result.text(), timeout=WAIT_MS
    )
    assert count_sandbox_bills(session) == before, "nothing was sent again"

    settled = PaymentTab(session)  # the check settled it: not taken up again
    qtbot.addWidget(settled)
    with qtbot.assertNotEmitted(settled.left_payment, wait=100):
        pass
    assert settled.results.unknown is None and not settled.outcome.isVisible()


def test_every_payment_left_without_an_answer_is_checked_not_only_the_newest(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    """Two payments were left without an answer (a crash, then another before the first
    was checked): the next start took up the newest only, and the older one stayed
    "Requested" in the audit, unasked, holding the profile's App ID. Each is asked about
    now: the newest in the panel, the others in a line each beneath it."""
    # short timeouts: absent is proven once the request's call would have ended
    live_profile(session, "Shop", (sandbox_of(session).base_url,), 0.3, connect_timeout=0.2)
    older = lost_card_payment(qtbot, tab, session, "drop-before")  # never reached BeeCloud
    qtbot.mouseClick(tab.new_bill_no_button, Qt.MouseButton.LeftButton)
    fill_card(tab)
    tab.amount.amount_edit.setText("7.25")
    newest = tab.bill_no_edit.text()
    sandbox_of(session).faults.set("pay", Fault("drop-after", count=1))
    pay_and_wait(qtbot, tab)
    assert tab.results.unknown is not None and tab.results.unknown.bill_no == newest
    before = count_sandbox_bills(session)

    started_again = PaymentTab(session)
    qtbot.addWidget(started_again)
    with qtbot.waitSignal(started_again.left_payment, timeout=WAIT_MS) as taken_up:
        pass
    assert taken_up.args == [newest]
    title = started_again.outcome.title.text()
    assert title == "2 payments had no answer when the console last closed"
    others = started_again.results.others_result
    qtbot.waitUntil(lambda: "does not exist" in others.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Asking" not in started_again.check_result.text(), timeout=WAIT_MS)
    assert f"Bill {newest} exists and is paid" in started_again.check_result.text()
    assert older in others.text() and "USD 12.50" in others.text()
    assert not others.isHidden()
    assert count_sandbox_bills(session) == before, "nothing was sent again"
    assert session.audit.log.unsettled_payments(session.profile.id) == []

    settled = PaymentTab(session)  # both settled: neither taken up again
    qtbot.addWidget(settled)
    with qtbot.assertNotEmitted(settled.left_payment, wait=100):
        pass
    assert settled.results.others_result.isHidden()


def test_a_payment_left_in_a_form_no_console_writes_is_passed_over_not_a_crash(
    qtbot, session: ConsoleSession
) -> None:
    """A payment's "Requested" row with an amount or a currency this console cannot read
    (a hand edit, a newer console knowing another currency) raised in the event loop as
    the New payment tab took it up at start. Such rows are passed over (they stay in the
    Audit tab as they are); a readable one beside them is taken up as before."""
    profile = session.profile
    log = session.audit.log
    readable = new_bill_no()
    for bill_no, amount, currency in (
        (new_bill_no(), 1234, "ZZZ"),
        (new_bill_no(), -100, "USD"),
        (new_bill_no(), 2**40, "USD"),
        (readable, 1234, "USD"),
        (new_bill_no(), 1234, "usd"),
    ):
        log.append(
            profile_id=profile.id,
            profile_name=profile.name,
            action=PAYMENT,
            subject=bill_no,
            result=REQUESTED,
            amount=amount,
            currency=currency,
            detail_params={"channel": PAYPAL_CREDITCARD, "title": "Test bill"},
        )
    assert [payment.bill_no for payment in log.unsettled_payments(profile.id)] == [readable]
    started_again = PaymentTab(session)
    qtbot.addWidget(started_again)
    with qtbot.waitSignal(started_again.left_payment, timeout=WAIT_MS) as taken_up:
        pass
    assert taken_up.args == [readable]
    assert started_again.outcome.title.text() == (
        "1 payment had no answer when the console last closed"
    )


def left_on_their_way(session: ConsoleSession, arriving_within_ms: int) -> tuple[str, str, Moment]:
    """Two card payments of the profile in use left "Requested" (their console killed),
    sent so long ago that what their requests' calls may last ends `arriving_within_ms`
    from now: (older, newest, when they were sent)."""
    profile = session.profile
    sent = moment_ago(profile.call_ms - arriving_within_ms)
    writer = AuditLog(session.audit.log.database, clock=lambda: sent)
    older, newest = new_bill_no(), new_bill_no()
    for bill_no in (older, newest):
        write_requested(writer, profile, bill_no)
    return older, newest, sent


def write_requested(log: AuditLog, profile: Profile, bill_no: str) -> None:
    """The "Requested" row of a card payment of USD 12.34 left on its way (its console
    killed before the answer)."""
    log.append(
        profile_id=profile.id,
        profile_name=profile.name,
        action=PAYMENT,
        subject=bill_no,
        result=REQUESTED,
        amount=1234,
        currency="USD",
        detail_params={"channel": PAYPAL_CREDITCARD, "title": "Test bill"},
    )


def test_payments_left_on_their_way_are_asked_about_again_not_said_not_made(
    qtbot, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two payments were on their way when the console was killed (two consoles on one
    data folder, the power gone): their requests may reach BeeCloud a moment after the
    start. BeeCloud's "no such bill" then said "not made and no money moved" (and the
    audit said so, so paying again went out unasked): now it is said not there yet,
    asked again once their calls would have ended, and taken for "not made" only then."""
    profile = session.profile
    # the clock set back since, where no boot is known: nothing told
    assert profile.arrives_until_ms(Moment(now_ms() + 60_000)) == 0
    clock = PausedClock()  # still until the checks at start are answered, however slowly
    monkeypatch.setattr(stamps, "time", clock)
    with clock.paused():
        older, newest, _sent_ms = left_on_their_way(session, arriving_within_ms=600)
        started_again = PaymentTab(session)
        qtbot.addWidget(started_again)
        said, others = started_again.check_result, started_again.results.others_result
        qtbot.waitUntil(lambda: "yet" in said.text() and "yet" in others.text(), timeout=WAIT_MS)
    assert said.text().startswith(f"BeeCloud has no bill {newest} yet."), said.text()
    assert "may still reach BeeCloud: it is asked again at" in said.text()
    assert "no such bill yet, but it may still reach BeeCloud" in others.text()
    assert not started_again.results.found_absent
    log = session.audit.log
    assert {p.bill_no for p in log.unsettled_payments(profile.id)} == {older, newest}

    insert_bill(session, older)  # the older one's request reaches BeeCloud: paid there
    qtbot.waitUntil(lambda: "exists and is paid" in others.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: f"Bill {newest} does not exist" in said.text(), timeout=WAIT_MS)
    assert started_again.results.found_absent
    assert log.unsettled_payments(profile.id) == []
    assert log.latest(profile.id, older, (PAYMENT, PAYMENT_CHECK)).result == OK
    assert log.latest(profile.id, newest, (PAYMENT, PAYMENT_CHECK)).result == NOT_MADE


def test_an_older_payment_that_may_still_arrive_is_asked_again_through_its_own_profile(
    qtbot, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another profile in use when it was to be asked again: its bill was asked of that
    profile's app, which knows nothing of it (here: no host answers at all, so 'its check
    got no answer'). It waits for its profile to be in use again. (The clock stands
    still until the check at start is answered: on a busy machine that answer came after
    the 300 ms and said the bill not made, which is another test's.)"""
    profile = session.profile
    clock = PausedClock()
    monkeypatch.setattr(stamps, "time", clock)
    with clock.paused():
        older, _newest, sent = left_on_their_way(session, arriving_within_ms=300)
        started_again = PaymentTab(session)
        qtbot.addWidget(started_again)
        others = started_again.results.others_result
        qtbot.waitUntil(lambda: "yet" in others.text(), timeout=WAIT_MS)
    live_profile(session, "Shop", ("http://127.0.0.1:9",))  # no host there
    insert_bill(session, older)  # meanwhile its request reached BeeCloud
    asked_again_ms = profile.arrives_until_ms(sent) + ASK_AGAIN_SLACK_MS
    qtbot.waitUntil(lambda: now_ms() > asked_again_ms + 300, timeout=WAIT_MS)
    assert "its check got no usable answer" not in others.text(), others.text()
    assert "no such bill yet" in others.text()

    session.activate(SANDBOX_ID)
    qtbot.waitUntil(lambda: "exists and is paid" in others.text(), timeout=WAIT_MS)


needs_boot_id = pytest.mark.skipif(
    not steady_now().boot_id, reason="no boot id here: a window is timed by the wall clock"
)


@needs_boot_id
def test_a_clock_put_forward_before_check_now_does_not_say_not_made(
    qtbot, tab: PaymentTab, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A card payment's answer was lost, then the computer's clock was put forward a
    minute (a time sync) before Check now: BeeCloud had no such bill yet and the tab said
    it did not exist, "You may pay again", while its request could still reach BeeCloud
    (its call may last 12 s and more). Its call is timed by the clock since boot."""
    bill_no = lost_card_payment(qtbot, tab, session, "drop-before")
    monkeypatch.setattr(stamps, "time", ClockPutForward(60_000))
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    said = tab.check_result
    qtbot.waitUntil(lambda: "Asking" not in said.text() and said.text() != "", timeout=WAIT_MS)
    assert said.text().startswith(f"BeeCloud has no bill {bill_no} yet."), said.text()
    assert not tab.results.found_absent


@needs_boot_id
def test_a_payment_left_on_its_way_is_not_said_not_made_once_the_clock_went_back(
    qtbot, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A payment left "Requested" (its console killed), the clock set back 2 s (a time
    sync) before the next start: its sending looked ahead of the clock, which was taken
    for long past, and BeeCloud's "no such bill" said not made while its request could
    still arrive."""
    profile = session.profile
    bill_no = new_bill_no()
    write_requested(session.audit.log, profile, bill_no)
    monkeypatch.setattr(stamps, "time", ClockPutForward(-2_000))
    started_again = PaymentTab(session)
    qtbot.addWidget(started_again)
    said = started_again.check_result
    qtbot.waitUntil(lambda: bill_no in said.text() and "Asking" not in said.text(), timeout=WAIT_MS)
    assert said.text().startswith(f"BeeCloud has no bill {bill_no} yet."), said.text()
    assert not started_again.results.found_absent
    assert [p.bill_no for p in session.audit.log.unsettled_payments(profile.id)] == [bill_no]


@needs_boot_id
def test_the_same_payment_asks_after_the_clock_was_put_forward(
    qtbot, tab: PaymentTab, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock put forward more than 10 minutes (a wrong time zone mended) just after a
    card payment: the same payment again went out with no question, the payer charged
    twice. The 10 minutes are timed by the clock since boot."""
    fill_card(tab)
    first_no = tab.bill_no_edit.text()
    pay_and_wait(qtbot, tab)
    before = count_sandbox_bills(session)
    monkeypatch.setattr(stamps, "time", ClockPutForward(REPEAT_WINDOW_MS + 3_600_000))
    fill_card(tab)
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert first_no in box.text() and "less than a minute ago" in box.text(), box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
    assert count_sandbox_bills(session) == before


def test_pay_again_sends_a_bill_number_typed_in_full_width(
    qtbot, tab: PaymentTab, session: ConsoleSession
) -> None:
    """A bill number typed by a Chinese input method in full-width mode (ＯＲＤＥＲ２…) is
    sent as the ASCII one it stands for. The answer Pay again compared that with the
    field's text as typed, found them different, as if the number had been changed while
    the question was open, and sent nothing: "Not paid again", after the clerk said pay."""
    fill_common(tab)
    pay_and_wait(qtbot, tab)
    before = count_sandbox_bills(session)
    fill_common(tab)
    tab.bill_no_edit.setText("ＯＲＤＥＲ２０２６１２０７")
    click_pay(qtbot, tab)
    box = question(qtbot, tab)
    assert "as the new bill ORDER20261207?" in box.text(), box.text()
    again = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.submitted is None and tab.repeat_box is None, timeout=WAIT_MS)
    assert "Not paid again" not in tab.pay_status.text()
    assert count_sandbox_bills(session) == before + 1
    assert "ORDER20261207" in tab.outcome.body.text()
