"""What became of a payment: the status line beside Pay, the outcome panel, the
PayPal approval page's address or the card id to remember, and the check of a
payment whose answer never came.

Such a payment is never re-sent: "Check now" asks the bill query about its bill
and says whether it exists and is paid, on the profile it was sent with. One left so
when the console last closed (Close anyway, a signal, a crash: the audit's last word
on it "Requested" or "Outcome unknown") is taken up and asked about at the next start
(`AuditLog.left_unanswered`, `PaymentOutcome.take_up`). Its request may still be on
its way then (the console killed, and started again at once): BeeCloud's "no such
bill" is not taken for "not made" until the request's call would have ended
(`Profile.arrives_until_ms`); the bill is asked about again then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from console.api.channels import PAYPAL_CREDITCARD, PAYPAL_PAYPAL
from console.api.models import BillRecord, PayResult
from console.api.money import Money, format_money
from console.gui import colours
from console.gui.announce import announce
from console.gui.feedback import ERROR_COLOUR, OK_COLOUR, WARN_COLOUR, OutcomePanel, field_cell
from console.gui.gateway import JobHandle
from console.gui.jobs import FIND_BILL, UNKNOWN_OUTCOMES, ErrorReport
from console.gui.plain_text import PlainLabel
from console.gui.profiles import ASK_AGAIN_SLACK_MS
from console.gui.session import ConsoleSession
from console.gui.stored_texts import profile_label
from console.gui.tables.formatting import local_time_text
from console.gui.tabs.payment.approval_row import (
    HIDES_HOST,
    NOT_OPENED,
    OPENED,
    SHOWN,
    ApprovalRow,
)
from console.gui.tabs.payment.card_row import CardRow
from console.gui.tabs.payment.payer_check import PayerCheck
from console.store.audit_log import REQUESTED, UNKNOWN, RecentPayment
from console.store.stamps import Moment, look_again_in_ms, now_ms, span_ends_ms, steady_now_ms


@dataclass(frozen=True)
class Submitted:
    """What the tab keeps of a payment on its way: never the card number or CVV."""

    bill_no: str
    channel: str
    money: Money
    profile_id: str
    card_description: str = ""
    title: str = ""
    # When it was sent, and how long its call may last (Profile.call_ms; 0: it cannot
    # arrive any more). A server slower than the read timeout makes the bill after the
    # answer was given up for lost.
    sent: Moment | None = None
    call_ms: int = 0
    taken_up: bool = False  # on its way when the console closed, asked about at this start
    app_id: str = ""  # the App ID it was sent under ("" not known: the profile's now)
    credit_card_id: str = ""  # the saved card paid with ("" none)

    @property
    def arrives_until_ms(self) -> int:
        """Until when (epoch ms, on the clock as it reads now) its request may still reach
        BeeCloud: its call's longest from its sending, timed by the clock since boot where
        it can be (Profile.arrives_until_ms)."""
        return 0 if self.sent is None else span_ends_ms(self.sent, self.call_ms)


class PaymentOutcome(QObject):
    """The widgets that tell what became of the last payment; the tab lays them out."""

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.unknown: Submitted | None = None  # the payment whose outcome is unknown
        self.found_absent = False  # Check now found no bill of that number
        self.found_listed = False  # Check now found it, as it was sent
        # A payment answered while another profile was in use: shown in full in its own.
        self.elsewhere: tuple[Submitted, PayResult] | None = None
        self._elsewhere_answered_ms = 0  # when its answer came
        self._check: JobHandle | None = None  # Check now, while it asks

        self.status = PlainLabel()  # what happened to the last payment, or what is on its way
        self.status.setWordWrap(True)
        self.status.hide()
        self.panel = OutcomePanel()
        self.approval_row = ApprovalRow()
        self.card_row = CardRow(session)
        self.payer_check = PayerCheck(session, parent)  # a PayPal payment's: paid yet?

        self.check_button = QPushButton(self.tr("Check now"))
        self.check_button.setToolTip(
            self.tr("Ask BeeCloud whether the bill exists; nothing is sent again")
        )
        self.check_result = PlainLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # the result takes the room, the button its own width
        self.check_result.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.check_row = field_cell(self.check_button, self.check_result, stretch=False)
        self.check_row.hide()
        # The other payments left without an answer (take_up): a line each, as checked.
        self.others_result = PlainLabel()
        self.others_result.setWordWrap(True)
        self.others_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.others_result.hide()
        self._others: dict[str, str] = {}  # bill_no: its line, in the order taken up
        # Of those, the ones to ask again once their profile is in use again.
        self._others_waiting: list[RecentPayment] = []

        self.expiry_watch = QTimer(self)  # the link shown, until its page expires
        self.expiry_watch.setSingleShot(True)
        self.expiry_watch.timeout.connect(self._look_at_expiry)

        self.approval_row.copied.connect(self._on_copied)
        self.payer_check.found_paid.connect(self._payer_paid)
        self.payer_check.found_expired.connect(self._approval_expired)
        self.payer_check.found_unlike.connect(self._not_as_sent)
        self.check_button.clicked.connect(self.check_now)

    def _set_status(self, text: str, colour: str, say: bool = False, urgent: bool = False) -> None:
        """The status line beside Pay. Said to a screen reader (`say`; at once, `urgent`)
        when it alone tells what happened: beside the panel it sums up, it is not said
        twice."""
        self.status.setText(text)
        colours.paint(self.status, f"color: {colour};")
        self.status.setVisible(bool(text))
        if say:
            announce(self.status, text, urgent)

    def _set_check_result(self, text: str, colour: str) -> None:
        """Check now's answer (or that it asks), said to a screen reader."""
        self.check_result.setText(text)
        colours.paint(self.check_result, f"color: {colour};" if colour else "")
        announce(self.check_result, text, urgent=colour == ERROR_COLOUR)

    def clear(self) -> None:
        """Forget the last payment's outcome (a new one is on its way)."""
        self.unknown = None
        self.found_absent = False
        self.found_listed = False
        self.elsewhere = None
        self.approval_row.clear()
        self.expiry_watch.stop()
        self.payer_check.clear()
        self.card_row.clear()
        self.check_row.hide()
        self.check_result.clear()
        self._show_others({})
        self._others_waiting = []
        self.panel.clear()

    def leave_profile(self) -> None:
        """Another profile is active: the last payment's outcome is not shown under it
        (its approval page could be sent to a payer), unless it is unknown: Check now
        waits for its profile."""
        if self.unknown is None:
            elsewhere, answered_ms = self.elsewhere, self._elsewhere_answered_ms
            self.clear()
            self._set_status("", OK_COLOUR)
            if elsewhere is not None:
                self.paid(*elsewhere, open_page=False, answered_ms=answered_ms)
        self.update_check_row()

    # -- sent, paid, not paid -------------------------------------------------------------

    def sending(self, submitted: Submitted) -> None:
        amount, bill_no = format_money(submitted.money), submitted.bill_no
        self._set_status(
            self.tr("Sending the payment of {amount} (bill {bill_no})…").format(
                amount=amount, bill_no=bill_no
            ),
            WARN_COLOUR,
        )
        self.panel.show_pending(
            self.tr("Sending the payment…"),
            self.tr("Bill {bill_no} for {amount}. Please wait for the answer.").format(
                amount=amount, bill_no=bill_no
            ),
        )

    def paid(
        self,
        submitted: Submitted,
        result: PayResult,
        open_page: bool = True,
        answered_ms: int | None = None,
    ) -> None:
        """The payment was made (or created, for PayPal): said, with what it left to act
        on, under its own profile; under another, said with its profile's name only.
        answered_ms: when its answer came (None: now)."""
        answered_ms = steady_now_ms() if answered_ms is None else answered_ms
        if submitted.profile_id != self.session.profile.id:
            self._paid_elsewhere(submitted, result, answered_ms)
            return
        amount = format_money(submitted.money)
        url = result.url
        if submitted.channel == PAYPAL_PAYPAL and not url:
            self._no_approval_page(submitted.bill_no, amount)
            return
        if submitted.channel == PAYPAL_PAYPAL and url:
            opened = self.approval_row.show_url(url, open_page)
            self.payer_check.wait_for(submitted.bill_no, submitted.money, answered_ms)
            self.panel.show_success(
                self.tr("Payment created: waiting for the payer"),
                self._approval_text(opened).format(bill_no=submitted.bill_no, amount=amount),
            )
            self._look_at_expiry()
        else:
            self.panel.show_success(
                self.tr("Payment made"),
                self.tr("Bill {bill_no}: {amount} paid by card.").format(
                    bill_no=submitted.bill_no, amount=amount
                ),
            )
        if submitted.channel == PAYPAL_CREDITCARD and result.credit_card_id:
            self.card_row.offer(
                submitted.profile_id,
                submitted.app_id or self.session.profile.app_id,
                result.credit_card_id,
                submitted.card_description,
            )
        if submitted.channel == PAYPAL_PAYPAL:  # not paid until the payer approves
            done = self.tr("Created: bill {bill_no}, waiting for the payer.")
        else:
            done = self.tr("Paid: bill {bill_no}.")
        self._set_status(done.format(bill_no=submitted.bill_no), OK_COLOUR)

    def _no_approval_page(self, bill_no: str, amount: str) -> None:
        """A PayPal payment answered OK without its approval page's address: the bill was
        made, but no payer can approve a page no one has, so it is not said to wait for
        one (as Check now says of a bill whose answer, with its address, was lost)."""
        self.panel.show_pending(
            self.tr("Not paid: bill {bill_no}").format(bill_no=bill_no),
            self.tr(
                "Bill {bill_no} for {amount} was created, but the server gave no approval "
                "page's address, so no payer can approve it. To be paid, it is made again as "
                "a new bill: press New number, then Pay."
            ).format(bill_no=bill_no, amount=amount),
        )
        stuck = self.tr("Bill {bill_no} cannot be approved: to pay again, press New number.")
        self._set_status(stuck.format(bill_no=bill_no), WARN_COLOUR)

    def _paid_elsewhere(self, submitted: Submitted, result: PayResult, answered_ms: int) -> None:
        """Answered while another profile is in use: its approval page (a practice one
        under a live band, or a live one under the sandbox's) and its card wait for it."""
        self.elsewhere = (submitted, result)
        self._elsewhere_answered_ms = answered_ms
        name = self._profile_name(submitted.profile_id)
        amount = format_money(submitted.money)
        if submitted.channel == PAYPAL_PAYPAL:
            title = self.tr("Payment created in the profile “{name}”: waiting for the payer")
            text = self.tr(
                "Bill {bill_no} for {amount} was made through the profile “{name}”, not the "
                "one in use. Switch back to it to see its approval page."
            )
            status = self.tr(
                "Created in the profile “{name}”: bill {bill_no}, waiting for the payer."
            )
        else:
            title = self.tr("Payment made in the profile “{name}”")
            text = self.tr(
                "Bill {bill_no}: {amount} paid by card through the profile “{name}”, not the "
                "one in use."
            )
            status = self.tr("Paid in the profile “{name}”: bill {bill_no}.")
        facts = {"name": name, "bill_no": submitted.bill_no, "amount": amount}
        self.panel.show_success(title.format(**facts), text.format(**facts))
        self._set_status(status.format(**facts), OK_COLOUR)

    def _approval_text(self, opened: str) -> str:
        """What the panel says of the approval page: only what happened to it."""
        if opened == OPENED:
            # The system says only that its opener started (xdg-open may then find no
            # browser), never that a page is open: what was done is said, no more.
            return self.tr(
                "Bill {bill_no} for {amount}. The PayPal approval page was handed to your "
                "browser. If it did not open, or the payer is elsewhere, copy its address "
                "below and open it, or send it to them. The bill is paid once they approve it."
            )
        if opened == NOT_OPENED:
            return self.tr(
                "Bill {bill_no} for {amount}. No browser could be started: copy the approval "
                "page's address below and open it, or send it to the payer. The bill is paid "
                "once they approve it."
            )
        if opened == SHOWN:
            return self.tr(
                "Bill {bill_no} for {amount}. Its approval page was not opened while another "
                "profile was in use: open it below, or copy its address and send it to the "
                "payer. The bill is paid once they approve it."
            )
        if opened == HIDES_HOST:
            return self.tr(
                "Bill {bill_no} for {amount}. The server's approval address hides its host "
                "and was not opened (see below). The bill is paid only once the payer "
                "approves it."
            )
        return self.tr(  # NOT_WEB
            "Bill {bill_no} for {amount}. The server's approval address is not a web "
            "page and was not opened (see below). The bill is paid only once the payer "
            "approves it."
        )

    def failed(self, submitted: Submitted, report: ErrorReport) -> None:
        self.panel.show_report(report)
        if report.kind in UNKNOWN_OUTCOMES:
            self._hold_unknown(submitted)
        else:
            self._set_status(self.tr("The payment was not made."), ERROR_COLOUR)

    def holds_unknown(self, bill_no: str) -> bool:
        """Whether this bill's payment is of unknown outcome (not found absent since): it
        is not sent again (BeeCloud would refuse its number if it has it, and the tab
        could only say that this one was not made). Said in the status line."""
        unknown = self.unknown
        if unknown is None or unknown.bill_no != bill_no or self.found_absent:
            return False
        if self.found_listed:
            text = self.tr(
                "BeeCloud has bill {bill_no} already (Check now's answer, below). To pay "
                "again as a new bill, press New number first."
            )
        else:
            text = self.tr(
                "Bill {bill_no} was sent and its outcome is unknown: press Check now. To pay "
                "again as a new bill, press New number first."
            )
        # Pay pressed and refused: said at once
        self._set_status(text.format(bill_no=bill_no), WARN_COLOUR, say=True, urgent=True)
        return True

    def not_repeated(self) -> None:
        """The operator did not make again a payment like one made a moment ago."""
        self._set_status(self.tr("Not paid again: nothing was sent."), WARN_COLOUR, say=True)

    def refused(self, report: ErrorReport) -> None:
        """The payment was refused before it was sent (e.g. no app secret)."""
        self.panel.show_report(report)
        self._set_status(self.tr("Nothing was sent."), ERROR_COLOUR)

    @Slot()
    def _look_at_expiry(self) -> None:
        """The link of the PayPal payment shown goes once its page has expired: no payer
        can approve it any more. Whether one did in time, Check whether paid asks."""
        bill_no = self.payer_check.bill_no
        if not bill_no or not self.approval_row.url():
            return  # none shown (another payment, or the check settled it)
        left = self.payer_check.expires_ms() - steady_now_ms()
        if left > 0:
            self.expiry_watch.start(look_again_in_ms(left))
            return
        self.approval_row.clear()
        self.panel.show_pending(
            self.tr("Approval page expired: bill {bill_no}").format(bill_no=bill_no),
            self.tr(
                "Its payer can no longer approve it, so its link is not offered any more. "
                "Check whether paid says whether they approved it in time; if not, make a "
                "new payment."
            ),
        )
        self._set_status(
            self.tr("Bill {bill_no}: its approval page has expired.").format(bill_no=bill_no),
            WARN_COLOUR,
        )

    @Slot(str)
    def _payer_paid(self, bill_no: str) -> None:
        """Check whether paid found the bill paid: the panel and the line beside Pay say
        so, and its approval page's address, with nothing left to send, goes."""
        self.approval_row.clear()
        self.panel.show_success(
            self.tr("Paid: bill {bill_no}").format(bill_no=bill_no),
            self.tr("The payer approved the payment: BeeCloud lists the bill as paid (below)."),
        )
        self._set_status(self.tr("Paid: bill {bill_no}.").format(bill_no=bill_no), OK_COLOUR)

    @Slot(str)
    def _approval_expired(self, bill_no: str) -> None:
        """Check whether paid found the bill unpaid, its approval page expired: a link no
        payer can use any more is not offered to be sent."""
        self.approval_row.clear()
        self.panel.show_failure(
            self.tr("Not paid: bill {bill_no}").format(bill_no=bill_no),
            self.tr(
                "The payer did not approve the payment before its approval page expired "
                "(below). No money moved."
            ),
        )
        self._set_status(
            self.tr("Not paid: bill {bill_no}'s approval page expired.").format(bill_no=bill_no),
            WARN_COLOUR,
        )

    @Slot(str)
    def _not_as_sent(self, bill_no: str) -> None:
        """Check whether paid found BeeCloud does not list the bill, or lists it for
        another amount: its approval page's address is not offered to be sent any more."""
        self.approval_row.clear()
        self.panel.show_failure(
            self.tr("Do not send the link of bill {bill_no}").format(bill_no=bill_no),
            self.tr(
                "BeeCloud does not list the bill as it was sent (below), so its approval "
                "page is not offered any more. Ask BeeCloud's support about this bill."
            ),
        )
        self._set_status(
            self.tr("Bill {bill_no} is not listed as it was sent.").format(bill_no=bill_no),
            ERROR_COLOUR,
        )

    @Slot()
    def _on_copied(self) -> None:
        self._set_status(self.tr("The approval page's address was copied."), OK_COLOUR, say=True)

    # -- outcome unknown ----------------------------------------------------------------

    def take_up(
        self, left: RecentPayment, profile_id: str, others: Sequence[RecentPayment] = ()
    ) -> None:
        """A payment left without an answer when the console last closed: shown as of
        unknown outcome, and asked about at once (nothing is sent again). Others left so
        (older) are asked about too, each told in a line of its own beneath."""
        assert left.amount is not None and left.currency is not None
        money = Money(left.amount, left.currency)
        self.clear()
        self.panel.show_pending(
            self.tr(
                "%n payment(s) had no answer when the console last closed", "", 1 + len(others)
            ),
            self.tr(
                "Bill {bill_no} for {amount}, sent at {time}: whether it was made is not "
                "known. BeeCloud is asked below; do not pay it again until you know."
            ).format(
                bill_no=left.bill_no, amount=format_money(money), time=local_time_text(left.time_ms)
            ),
        )
        self._hold_unknown(
            Submitted(
                left.bill_no,
                left.channel,
                money,
                profile_id,
                left.card,
                left.title,
                left.sent,
                self._call_ms(left),
                taken_up=left.result == REQUESTED,  # else its answer was lost, then it closed
            )
        )
        self.check_now()
        self._show_others({other.bill_no: self._other_asked(other) for other in others})
        for other in others:
            self._check_other(other)

    def _call_ms(self, left: RecentPayment) -> int:
        """How long a payment left without an answer may take to reach BeeCloud from its
        sending: its request was on its way when the console closed ("Requested" its last
        word), or its answer was lost (a server slower than the read timeout may still
        make it): its call's longest (0 otherwise)."""
        return self.session.profile.call_ms if left.result in (REQUESTED, UNKNOWN) else 0

    def _arrives_until_ms(self, left: RecentPayment) -> int:
        """Until when a payment left without an answer may still reach BeeCloud: until its
        call would have ended, from when it was sent (past long ago, most often)."""
        return span_ends_ms(left.sent, self._call_ms(left))

    def _not_there_yet(self, until_ms: int, ask_again: Callable[[], None]) -> str | None:
        """BeeCloud has no such bill, but its request may still reach it until `until_ms`:
        asked again then, and what to say meanwhile. None: not there, for good."""
        wait_ms = until_ms - now_ms()
        if wait_ms <= 0:
            return None
        QTimer.singleShot(wait_ms + ASK_AGAIN_SLACK_MS, self, ask_again)
        return local_time_text(until_ms + ASK_AGAIN_SLACK_MS)

    # -- the older payments left without an answer ------------------------------------

    @property
    def others_asked(self) -> int:
        """How many older payments left without an answer are asked about beside it."""
        return len(self._others)

    def _show_others(self, lines: dict[str, str]) -> None:
        self._others = lines
        self.others_result.setText("\n".join(lines.values()))
        self.others_result.setVisible(bool(lines))

    def _other_line(self, other: RecentPayment, what: str) -> str:
        assert other.amount is not None and other.currency is not None
        return self.tr(
            "Bill {bill_no} for {amount}, sent at {time}, had no answer either: {what}"
        ).format(
            bill_no=other.bill_no,
            amount=format_money(Money(other.amount, other.currency)),
            time=local_time_text(other.time_ms),
            what=what,
        )

    def _other_asked(self, other: RecentPayment) -> str:
        return self._other_line(other, self.tr("BeeCloud is being asked…"))

    def _check_other(self, other: RecentPayment) -> None:
        check = self.session.submit(
            FIND_BILL,
            other.bill_no,
            self.tr("Checking bill {bill_no}").format(bill_no=other.bill_no),
        )
        check.finished.connect(lambda record: self._other_checked(other, record))
        check.failed.connect(lambda report: self._other_failed(other, report))

    def _tell_other(self, other: RecentPayment, what: str) -> None:
        if other.bill_no in self._others:  # not after a new payment cleared the panel
            self._others[other.bill_no] = self._other_line(other, what)
            self._show_others(self._others)

    def _other_checked(self, other: RecentPayment, record: BillRecord | None) -> None:
        assert other.amount is not None and other.currency is not None
        again = None
        if record is None:
            again = self._not_there_yet(
                self._arrives_until_ms(other), lambda: self._ask_other_again(other)
            )
        if again is not None:
            what = self.tr(
                "BeeCloud has no such bill yet, but it may still reach BeeCloud: it is asked "
                "again at {time}. Do not pay it again until you know."
            ).format(time=again)
        elif record is None:
            what = self.tr("it does not exist, so it was not made and no money moved.")
        elif not record.is_for(other.amount, other.currency):
            currency = record.currency or other.currency
            what = self.tr(
                "BeeCloud lists it for {amount}. Do not pay it again: ask BeeCloud's "
                "support about this bill."
            ).format(amount=format_money(Money(record.total_fee, currency)))
        elif record.paid:
            what = self.tr("it exists and is paid. Do not pay it again.")
        else:
            what = self.tr("it exists but is not paid. To be paid, it is made again as a new bill.")
        self._tell_other(other, what)

    def _ask_other_again(self, other: RecentPayment) -> None:
        if other.bill_no not in self._others:  # a new payment cleared the panel
            return
        unknown = self.unknown  # the newest, taken up with it, through the same profile
        if unknown is None or unknown.profile_id != self.session.profile.id:
            self._others_waiting.append(other)  # another app would not know its bill
            return
        self._tell_other(other, self.tr("BeeCloud is being asked…"))
        self._check_other(other)

    def _other_failed(self, other: RecentPayment, report: ErrorReport) -> None:
        what = self.tr(
            "its check got no usable answer ({reason}); it is asked about again at the next start. "
            "Do not pay it again until you know."
        ).format(reason=report.title)
        self._tell_other(other, what)

    def _hold_unknown(self, submitted: Submitted) -> None:
        """A payment of unknown outcome: held (never sent again) until Check now says."""
        self.unknown = submitted
        self.check_result.clear()
        self.update_check_row()
        self.check_row.show()
        self._set_status(
            self.tr("The outcome is not known: press Check now before paying again."),
            WARN_COLOUR,
        )

    def update_check_row(self) -> None:
        unknown = self.unknown
        if unknown is None:
            return
        same_profile = unknown.profile_id == self.session.profile.id
        busy = self._check is not None and self._check.running
        self.check_button.setEnabled(same_profile and not busy)
        if same_profile and self._others_waiting:
            waiting, self._others_waiting = self._others_waiting, []
            for other in waiting:
                self._ask_other_again(other)
        if not same_profile:
            name = self._profile_name(unknown.profile_id)
            self.check_result.setText(
                self.tr("Switch back to the profile “{name}” to check this bill.").format(name=name)
            )

    def _profile_name(self, profile_id: str) -> str:
        profile = self.session.profiles.find(profile_id)
        return profile_label(profile.id, profile.name) if profile else profile_id

    @Slot()
    def check_now(self) -> None:
        """Ask the bill query about the bill whose answer never came; nothing is re-sent."""
        unknown = self.unknown
        if unknown is None or unknown.profile_id != self.session.profile.id:
            return
        bill_no = unknown.bill_no
        self._set_check_result(
            self.tr("Asking BeeCloud about bill {bill_no}…").format(bill_no=bill_no), ""
        )
        check = self._check = self.session.submit(
            FIND_BILL,
            bill_no,
            self.tr("Checking bill {bill_no}").format(bill_no=bill_no),
        )
        check.finished.connect(self.checked)
        check.failed.connect(self.check_failed)
        self.check_button.setEnabled(False)

    @Slot(object)
    def checked(self, record: BillRecord | None) -> None:
        unknown = self.unknown
        self.update_check_row()
        if unknown is None:
            return
        bill_no = unknown.bill_no
        again = None
        if record is None:
            again = self._not_there_yet(unknown.arrives_until_ms, lambda: self._ask_again(unknown))
        if again is not None and unknown.taken_up:
            text = self.tr(
                "BeeCloud has no bill {bill_no} yet. It was on its way when the console "
                "closed and may still reach BeeCloud: it is asked again at {time}. Do not "
                "pay it again until you know."
            ).format(bill_no=bill_no, time=again)
            colour = WARN_COLOUR
        elif again is not None:
            text = self.tr(
                "BeeCloud has no bill {bill_no} yet. Its answer was lost, and a slow server "
                "may still make it: it is asked again at {time}. Do not pay it again until "
                "you know."
            ).format(bill_no=bill_no, time=again)
            colour = WARN_COLOUR
        elif record is None:
            self.found_absent = True
            text = self.tr(
                "Bill {bill_no} does not exist: the payment was not made and no money moved. "
                "You may pay again."
            ).format(bill_no=bill_no)
            colour = ERROR_COLOUR
            self._set_status(self.tr("The payment was not made."), ERROR_COLOUR)
            self._settled(self.panel.show_failure, self.tr("Not made: bill {bill_no}"), bill_no)
        else:
            sent = unknown.money
            currency = record.currency or sent.currency
            amount = format_money(Money(record.total_fee, currency))
            if not record.is_for(sent.hundredths, sent.currency):
                text = self.tr(
                    "Bill {bill_no} exists, but BeeCloud lists it for {amount} where {sent} "
                    "was sent. Do not pay again: ask BeeCloud's support about this bill."
                )
                colour = ERROR_COLOUR
                disagrees = self.tr("Bill {bill_no} is not as it was sent")
                self._settled(self.panel.show_failure, disagrees, bill_no)
            elif record.paid:
                self.found_listed = True
                text = self.tr("Bill {bill_no} exists and is paid ({amount}). Do not pay again.")
                colour = OK_COLOUR
                self._set_status(self.tr("Paid: bill {bill_no}.").format(bill_no=bill_no), colour)
                self._settled(self.panel.show_success, self.tr("Paid: bill {bill_no}"), bill_no)
            elif unknown.channel == PAYPAL_PAYPAL:  # its approval page was in the lost answer
                text = self.tr(
                    "Bill {bill_no} exists but is not paid ({amount}). Its PayPal approval "
                    "page's address never came (it was in the answer that was lost), so no "
                    "payer can approve it. To be paid, it is made again as a new bill: press "
                    "New number, then Pay."
                )
                colour = WARN_COLOUR
                self.found_listed = True
                stuck = self.tr(
                    "Bill {bill_no} cannot be approved: to pay again, press New number."
                )
                self._set_status(stuck.format(bill_no=bill_no), WARN_COLOUR)
                self._settled(self.panel.show_pending, self.tr("Not paid: bill {bill_no}"), bill_no)
            else:  # a card's (the console's other channels): its charge did not go through
                text = self.tr(
                    "Bill {bill_no} exists but is not paid ({amount}): the card was not "
                    "charged. To try again, press New number, then Pay."
                )
                colour = WARN_COLOUR
                self.found_listed = True
                unpaid = self.tr("Not paid: bill {bill_no}.")
                self._set_status(unpaid.format(bill_no=bill_no), WARN_COLOUR)
                self._settled(self.panel.show_pending, self.tr("Not paid: bill {bill_no}"), bill_no)
            as_sent = format_money(sent)
            text = text.format(bill_no=bill_no, amount=amount, sent=as_sent)
        self._set_check_result(text, colour)

    def _settled(self, show: Callable[[str, str], None], title: str, bill_no: str) -> None:
        """The panel above Check now, which said the outcome was unknown, says what the
        check found out (the check's words beneath it say how)."""
        show(
            title.format(bill_no=bill_no),
            self.tr(
                "The payment's answer never came; Check now asked BeeCloud what became of "
                "it (below)."
            ),
        )

    def _ask_again(self, unknown: Submitted) -> None:
        """The bill that may have reached BeeCloud since: asked about again, if still shown."""
        busy = self._check is not None and self._check.running
        if self.unknown is unknown and not busy:
            self.check_now()

    @Slot(object)
    def check_failed(self, report: ErrorReport) -> None:
        self.update_check_row()
        self._set_check_result(
            self.tr(
                "The check got no usable answer either ({reason}). Try Check now again later; "
                "do not pay again until you know."
            ).format(reason=report.title),
            ERROR_COLOUR,
        )
