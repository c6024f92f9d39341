"""A payment like one made a moment ago asks first.

Before a payment is sent, the audit log is asked for the payments of the same
profile in the last REPEAT_WINDOW_MS: one with the same amount and currency, and
the same title or the same card, that may have been made (paid, waiting for the
payer, or of unknown outcome) is named in a question whose default is Cancel, as
the audit last has it: one whose answer never came and that Check now found unpaid
is named so (its card not charged, or its PayPal page's address lost with the answer,
so no payer can approve it), as Check now said, never "paid" or "waiting". A
payment that was refused or never sent is no reason to ask, nor is one of the same
bill number (sent again once Check now found no such bill: BeeCloud refuses a number
it has, so it is never paid twice). A payment of this boot is timed by the clock since
boot, so that the system clock put forward meanwhile does not end the window early
(docs/decisions.md, "A write's windows when the clock moves").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from console.api.channels import PAYPAL_PAYPAL
from console.api.models import BillRequest
from console.api.money import format_money
from console.gui.audit_recorder import payment_card
from console.gui.i18n import datetime_text
from console.gui.plain_text import action_or_cancel, plain_box
from console.store import audit_log as audit
from console.store.audit_log import AuditLog, RecentPayment
from console.store.stamps import Moment, moment_now, now_ms, steady_now

REPEAT_WINDOW_MS = 10 * 60 * 1000
POSSIBLY_MADE = (audit.OK, audit.REQUESTED, audit.UNKNOWN, audit.IN_PROGRESS)


@dataclass(frozen=True)
class RepeatQuestion:
    """A payment about to be sent (through which profile), and the earlier one it repeats."""

    request: BillRequest
    earlier: RecentPayment
    profile_name: str
    is_live: bool


def earlier_payment(
    log: AuditLog, profile_id: str, request: BillRequest, now: Moment | None = None
) -> RecentPayment | None:
    """The newest payment of the profile in the window that this one would repeat (the
    window of this boot timed by the clock since boot, so that a clock put forward does
    not close it early)."""
    moment = moment_now() if now is None else now
    card = payment_card(request)
    for earlier in log.recent_payments(profile_id, moment.earlier(REPEAT_WINDOW_MS)):
        if earlier.bill_no == request.bill_no:
            continue  # the same number again: BeeCloud refuses a number it has (17)
        same_money = (earlier.amount, earlier.currency) == (
            request.amount.hundredths,
            request.amount.currency,
        )
        same_what = earlier.title.strip() == audit.typed(request.title).strip() or (
            bool(card) and earlier.card == card
        )
        if same_money and same_what and earlier.result in POSSIBLY_MADE:
            return earlier
    return None


def outcome_words(earlier: RecentPayment) -> str:
    found_unpaid = earlier.result == audit.OK and earlier.detail_key == "audit.bill_unpaid"
    no_page = earlier.result == audit.OK and earlier.detail_key == audit.NO_APPROVAL_PAGE
    if no_page or (found_unpaid and not earlier.answered):  # none can ever pay it
        if earlier.channel == PAYPAL_PAYPAL:
            return QCoreApplication.translate(
                "RepeatPayment",
                "not paid: its PayPal approval page's address never came, so no payer "
                "can approve it",
            )
        return QCoreApplication.translate("RepeatPayment", "not paid: the card was not charged")
    if earlier.result == audit.OK:
        # a PayPal payment is paid once a check lists it paid (its payer approved it)
        if earlier.channel == PAYPAL_PAYPAL and earlier.detail_key != "audit.bill_paid":
            return QCoreApplication.translate(
                "RepeatPayment", "created, waiting for the payer's approval"
            )
        return QCoreApplication.translate("RepeatPayment", "paid")
    if earlier.result == audit.REQUESTED:
        return QCoreApplication.translate("RepeatPayment", "sent, no answer yet")
    return QCoreApplication.translate("RepeatPayment", "outcome unknown")


def payment_stakes(name: str, is_live: bool) -> str:
    """The question's line that says whether real money moves."""
    if is_live:
        text = QCoreApplication.translate(
            "RepeatPayment", "Profile: {name} — LIVE, the payer is really charged."
        )
    else:
        text = QCoreApplication.translate(
            "RepeatPayment", "Profile: {name} — practice data, no real money moves."
        )
    return text.format(name=name)


def question_text(question: RepeatQuestion) -> str:
    earlier, request = question.earlier, question.request
    age_ms = earlier.sent.age_ms(steady_now())
    if age_ms is None:  # of another boot: the wall clock is all there is to time it by
        age_ms = now_ms() - earlier.time_ms
    if age_ms < 0:  # ahead of the clock: set back since, so how long ago is not known
        ago = QCoreApplication.translate(
            "RepeatPayment",
            "recently (this computer's clock was set back since, so how long ago cannot be told)",
        )
    elif age_ms < 60_000:
        ago = QCoreApplication.translate("RepeatPayment", "less than a minute ago")
    else:
        ago = QCoreApplication.translate("RepeatPayment", "{minutes} min ago").format(
            minutes=age_ms // 60_000
        )
    asked = QCoreApplication.translate(
        "RepeatPayment",
        "A payment of {amount} for “{title}” was made on this profile {ago}: bill "
        "{bill_no}, at {time}, {outcome}.\n\nPay {amount} again, as the new bill "
        "{new_bill_no}?",
    ).format(
        amount=format_money(request.amount),
        title=earlier.title or request.title,
        ago=ago,
        bill_no=earlier.bill_no,
        time=datetime_text(earlier.time_ms),
        outcome=outcome_words(earlier),
        new_bill_no=request.bill_no,
    )
    return f"{asked}\n{payment_stakes(question.profile_name, question.is_live)}"


def repeat_box(parent: QWidget | None, question: RepeatQuestion) -> QMessageBox:
    """The question, window-modal, its "Pay again" an AcceptRole button, Cancel the default
    (Enter and Escape both cancel)."""
    box = plain_box(parent)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("RepeatPayment", "Pay again?"))
    box.setText(question_text(question))
    action_or_cancel(box, QCoreApplication.translate("RepeatPayment", "Pay again"))
    return box
