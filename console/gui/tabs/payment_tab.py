"""New payment tab: pay by PayPal (the payer approves in a browser), by card, or
by a card saved earlier.

The tab puts its parts (console/gui/tabs/payment/) together and pays: the form and
its checks (payment_form.PaymentForm, the card's fields in card_form.CardForm), the
question before a payment like one made a moment ago (repeat_question), and what
became of the payment (outcome.PaymentOutcome, with the approval page's row and the
card id's row), and the PayPal links of earlier payments still waiting for their payers
(waiting_links). Pay stays disabled until nothing is left to correct,
and while a payment is on its way. The card number and CVV are cleared as soon
as a payment is submitted. A payment whose answer never came is never re-sent:
"Check now" asks the bill query what happened.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.channels import PAYPAL_CREDITCARD, PAYPAL_PAYPAL
from console.api.models import BillRequest, PayResult
from console.api.money import Money, format_money
from console.gui import colours
from console.gui.feedback import WARN_COLOUR
from console.gui.focus import hand_focus_on
from console.gui.jobs import NOT_PREPARED_KINDS, PAY, UNKNOWN_OUTCOMES, ErrorReport
from console.gui.plain_text import PlainLabel, chose_action, plain_tip, wrappable
from console.gui.profiles import Profile
from console.gui.session import ConsoleSession
from console.gui.stored_texts import profile_label
from console.gui.tabs.payment.fields import OTHER
from console.gui.tabs.payment.outcome import PaymentOutcome, Submitted
from console.gui.tabs.payment.payment_form import PaymentForm
from console.gui.tabs.payment.repeat_question import (
    RepeatQuestion,
    earlier_payment,
    repeat_box,
)
from console.gui.tabs.payment.waiting_links import WaitingLinks, keep_link
from console.store.audit_log import RecentPayment
from console.store.errors import StoreError
from console.store.stamps import moment_now, steady_now_ms

# Submitted is looked up here too (by the tests).
__all__ = ["PaymentTab", "Submitted"]

# Reports of a job the session could not even prepare: nothing was sent.

log = logging.getLogger(__name__)


class PaymentTab(QWidget):
    # A payment left without an answer when the console last closed, taken up: its bill
    left_payment = Signal(str)
    # A payment's answer came (its status line: "Paid: bill B.", "The payment was not
    # made.", …): the window says it when the tab is out of sight
    answered = Signal(str)

    def __init__(self, session: ConsoleSession) -> None:
        super().__init__()
        self.session = session
        self.submitted: Submitted | None = None  # the payment on its way
        # its currency as recorded when it was sent put back (the one its bill number had
        # before, or none), should it be refused; None when none was recorded
        self._put_back_currency: Callable[[], None] | None = None
        # The question before a payment like one made a moment ago, while it is open.
        self.repeat_box: QMessageBox | None = None

        self.form = PaymentForm(session, self)  # the fields and their checks
        self.results = PaymentOutcome(session, self)  # what became of the last payment
        self.waiting_links = WaitingLinks(session, self)  # earlier links, still of use
        self._name_the_parts()
        self.pay_button = QPushButton(self.tr("Pay"))
        self.pay_button.setMinimumWidth(140)
        self.pay_hint = PlainLabel()  # which fields still need attention
        self.pay_hint.setWordWrap(True)
        colours.paint(self.pay_hint, f"color: {colours.MUTED};")  # (disabled text: 1.6:1)
        # A form filled in under another profile than the one in use: said until changed.
        self.profile_note = PlainLabel()
        self.profile_note.setWordWrap(True)
        colours.paint(self.profile_note, f"color: {WARN_COLOUR};")
        self.profile_note.hide()
        self._filled_under = session.profile.id  # the profile in use at the last change

        self._lay_out()
        self._connect()
        self._update_pay_button()
        self.waiting_links.refresh()
        self._looked_at: set[str] = set()  # profiles whose payments left unanswered were
        # once whoever built the tab has heard of `left_payment`
        QTimer.singleShot(0, self, self._take_up_unanswered)

    def _name_the_parts(self) -> None:
        """The parts' widgets by the names the tab has always had (tests and screenshots)."""
        form, results = self.form, self.results
        self.channel_buttons = form.channel_buttons
        self.amount = form.amount
        self.bill_no_edit = form.bill_no_edit
        self.new_bill_no_button = form.new_bill_no_button
        self.title_edit = form.title_edit
        self.title_counter = form.title_counter
        self.return_url_edit = form.return_url_edit
        self.saved_card_picker = form.saved_card_picker
        self.card = form.card
        self.errors = form.errors

        self.pay_status = results.status
        self.outcome = results.panel
        self.approval_row = results.approval_row
        self.approval_url_edit = results.approval_row.url_edit
        self.copy_url_button = results.approval_row.copy_button
        self.paid_check_button = results.payer_check.button
        self.paid_check_result = results.payer_check.result
        self.card_row = results.card_row
        self.card_id_edit = results.card_row.card_id_edit
        self.card_label_edit = results.card_row.card_label_edit
        self.save_card_button = results.card_row.save_card_button
        self.save_card_line = results.card_row.save_card_line
        self.card_saved_label = results.card_row.card_saved_label
        self.check_row = results.check_row
        self.check_button = results.check_button
        self.check_result = results.check_result

    def _lay_out(self) -> None:
        notes = QWidget()
        notes_column = QVBoxLayout(notes)
        # the first line on the button's line: a label centred in a box higher than the
        # button (a wrapped label's) said what Pay waits for half a line below it
        line = self.pay_hint.fontMetrics().height()
        notes_column.setContentsMargins(
            0, max(0, self.pay_button.sizeHint().height() - line) // 2, 0, 0
        )
        notes_column.setSpacing(2)
        for note in (self.pay_status, self.profile_note, self.pay_hint):
            note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            notes_column.addWidget(note)
        notes_column.addStretch(1)
        pay_row = QWidget()
        pay_line = QHBoxLayout()
        pay_line.setContentsMargins(0, 0, 0, 0)
        pay_line.addWidget(self.pay_button, 0, Qt.AlignmentFlag.AlignTop)
        pay_line.addWidget(notes, 1)
        pay_column = QVBoxLayout(pay_row)
        pay_column.setContentsMargins(0, 8, 0, 0)
        pay_column.addLayout(pay_line)
        pay_column.addWidget(self.errors[OTHER])
        self.form.rows.addRow("", pay_row)

        page = QWidget()
        page.setMaximumWidth(980)
        column = QVBoxLayout(page)
        column.addLayout(self.form.rows)
        # What became of the payment, then what it left to act on: the approval page's
        # address (which the outcome's words point to, below them), a card to keep.
        column.addWidget(self.outcome)
        column.addWidget(self.approval_row)
        column.addWidget(self.results.payer_check.row)
        column.addWidget(self.card_row)
        column.addWidget(self.check_row)
        column.addWidget(self.results.others_result)
        column.addWidget(self.waiting_links)
        column.addStretch(1)

        holder = QWidget()
        holder_layout = QHBoxLayout(holder)
        holder_layout.addWidget(page, 1)
        holder_layout.addStretch(0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setAccessibleName(self.tr("New payment form"))  # a Tab stop
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def _connect(self) -> None:
        self.form.validated.connect(self._update_pay_button)
        self.form.edited.connect(self._on_form_edited)
        self.pay_button.clicked.connect(self.pay)
        self.card_row.saved.connect(self._on_card_saved)
        self.form.card_forgotten.connect(self.card_row.forgotten)
        self.session.profile_changed.connect(self._on_profile_changed)
        self.session.profile_updated.connect(self._on_profile_updated)

    # -- the form -------------------------------------------------------------------

    def channel(self) -> str:
        return self.form.channel()

    def set_channel(self, channel: str) -> None:
        self.form.set_channel(channel)

    def problems(self) -> dict[str, list[str]]:
        """Every problem of the form, by field key, in words for the user."""
        return self.form.problems()

    def refresh_saved_cards(self) -> None:
        self.form.refresh_saved_cards()

    @Slot()
    def _update_pay_button(self) -> None:
        in_flight = self.submitted is not None
        self.pay_button.setEnabled(not in_flight and not self.form.has_problems())
        money = self.amount.money() if self.amount.error() is None else None
        self.pay_button.setText(  # what one press takes: no question follows it
            self.tr("Pay {amount}").format(amount=format_money(money)) if money else self.tr("Pay")
        )
        names = self.tr(", ").join(self.form.labels_to_complete())
        self.pay_hint.setText(
            self.tr("To pay, fill in or correct: {fields}.").format(fields=names)
            if names and not in_flight
            else ""
        )
        hint = self.pay_hint.text()
        self.pay_hint.setVisible(bool(hint))
        # Pay, off, says why itself too (to the pointer, to a screen reader), as Refund… does
        self.pay_button.setToolTip(plain_tip(hint))
        self.pay_button.setAccessibleDescription(hint)

    @Slot(str, str)
    def _on_card_saved(self, profile_id: str, _card_id: str) -> None:
        if profile_id == self.session.profile.id:
            self.form.refresh_saved_cards()  # listed, not chosen

    @Slot()
    def _on_form_edited(self) -> None:
        self._filled_under = self.session.profile.id
        self.profile_note.hide()

    @Slot(object)
    def _on_profile_changed(self, profile: Profile) -> None:
        self._follow_profile()
        self._drop_card_secrets()
        self.profile_note.hide()
        if self._filled_under != profile.id and self.form.holds_input():
            self._tell_filled_under(self._filled_under, profile)
        if self.submitted is None:  # a payment on its way says its outcome when it comes
            self.results.leave_profile()
            self._take_up_unanswered()
        else:
            self.results.update_check_row()
        self._list_waiting_links()
        if self.repeat_box is not None:  # it named the profile before: answered "no"
            self.repeat_box.reject()

    def _drop_card_secrets(self) -> None:
        """A card's number and CVV were typed for one account: not carried to another (a
        practice card to a live profile, a real card to the Sandbox). Not an edit of the
        clerk's: the note on where the rest was filled in stays."""
        filled_under = self._filled_under
        self.form.clear_card_secrets()
        self._filled_under = filled_under

    def _list_waiting_links(self) -> None:
        """The profile's links waiting for their payers, but the one shown above."""
        self.waiting_links.show_beside(self.results.payer_check.bill_no)

    def _tell_filled_under(self, before_id: str, now: Profile) -> None:
        """Beside Pay: the form was filled in under another profile (practice on the
        Sandbox, then a live one chosen): to be checked before it is paid through this
        one. Any change to the form takes it away (PaymentForm.edited)."""
        before = self.session.profiles.find(before_id)
        if before is None:  # removed meanwhile: nothing to name
            return
        self.profile_note.setText(
            self.tr(
                "This form was filled in while “{before}” was in use: check it before you "
                "pay through “{now}”."
            ).format(
                before=wrappable(profile_label(before.id, before.name)),
                now=wrappable(profile_label(now.id, now.name)),
            )
        )
        self.profile_note.show()

    @Slot(object)
    def _on_profile_updated(self, _profile: Profile) -> None:
        self._follow_profile()  # the outcome shown stays: the same account's
        self.results.update_check_row()

    def _follow_profile(self) -> None:
        """The form follows the profile in use (its saved cards, its return address's
        default): not an edit of the clerk's, so what the form was filled in under, and
        the note that says it, stay."""
        filled_under, noted = self._filled_under, self.profile_note.isVisibleTo(self)
        self.form.follow_profile()
        self._filled_under = filled_under
        self.profile_note.setVisible(noted)

    def _take_up_unanswered(self) -> None:
        """Once a run for each profile, before the tab sends anything through it: a
        payment it left without an answer when the console last closed is shown and
        checked (PaymentOutcome.take_up). Not over a payment of unknown outcome the tab
        shows already (Check now waits for it), nor in a start no clerk sees: they are
        left to the next one, to be shown."""
        profile_id = self.session.profile.id
        if not self.session.seen:
            return
        if profile_id in self._looked_at or self.results.unknown is not None:
            return
        self._looked_at.add(profile_id)
        try:
            left = self.session.audit.log.left_unanswered(profile_id)
        except StoreError as error:
            log.warning("payments left without an answer could not be read: %s", error)
            return
        if left:
            self.take_up(left)

    def take_up(self, left: list[RecentPayment]) -> None:
        """The payments the active profile left without an answer (newest first): the
        newest shown and checked, the others checked beside it, once a run for the
        profile (the window, which found them, hands them here)."""
        profile_id = self.session.profile.id
        self._looked_at.add(profile_id)
        self.results.take_up(left[0], profile_id, left[1:])
        self.left_payment.emit(left[0].bill_no)

    # -- paying -----------------------------------------------------------------------

    @Slot()
    def pay(self) -> None:
        if self.submitted is not None or self.repeat_box is not None:
            return  # one payment at a time: never a double submission
        self.form.touch_all()
        money = self.amount.money()
        if self.form.has_problems() or money is None:
            return
        request = self.form.build_request(money)
        if self.results.holds_unknown(request.bill_no):
            return  # BeeCloud may have it: Check now says, and a new bill number pays again
        earlier = self._earlier_payment(self.session.profile.id, request)
        if earlier is None:
            self._send(request, money)
            return
        # Like one made a moment ago: asked first, Cancel the default (repeat_question.py).
        # The question does not block the event loop; the answer sends, or not.
        profile = self.session.profile
        name = profile_label(profile.id, profile.name)
        question = RepeatQuestion(request, earlier, name, not profile.is_sandbox)
        box = self.repeat_box = repeat_box(self, question)
        box.finished.connect(lambda _result: self._repeat_answered(box, request, money))
        box.open()

    def _repeat_answered(self, box: QMessageBox, request: BillRequest, money: Money) -> None:
        self.repeat_box = None
        box.deleteLater()
        # The number as it is sent is compared: a full-width one typed by an input method
        # is the same number, not one changed while the question was open.
        if chose_action(box) and request.bill_no == self.form.bill_no():
            self._send(request, money)
        else:
            self.results.not_repeated()

    def _send(self, request: BillRequest, money: Money) -> None:
        profile = self.session.profile
        submitted = Submitted(
            request.bill_no,
            request.channel,
            money,
            profile.id,
            self.card.description() if request.channel == PAYPAL_CREDITCARD else "",
            request.title,
            moment_now(),
            profile.call_ms,
            app_id=profile.app_id,
            credit_card_id=request.credit_card_id or "",
        )
        local = self.session.local
        self._put_back_currency = None
        try:
            before = local.remember_currency(profile.id, request.bill_no, money.currency)
        except StoreError as error:  # a store that cannot be written refuses the job below
            log.warning("the bill's currency could not be remembered: %s", error)
        else:
            self._put_back_currency = functools.partial(
                local.put_back_currency, profile.id, request.bill_no, money.currency, before
            )
        if request.return_url:
            self.form.remember_return_url(request.return_url)
        # before the card's number goes, which turns Pay off with the focus on it
        hand_focus_on(self.pay_button, self.amount.amount_edit)  # the next payment's
        self.form.clear_card_secrets()
        self.results.clear()
        self._list_waiting_links()  # the one shown until now among them
        self.submitted = submitted
        self.results.sending(submitted)
        self.form.revalidate()  # Pay is off until the answer
        amount, bill_no = format_money(money), request.bill_no
        payment = self.session.submit(
            PAY,
            request,
            self.tr("Paying {amount} (bill {bill_no})").format(amount=amount, bill_no=bill_no),
        )
        payment.finished.connect(self._on_paid)
        payment.failed.connect(self._on_failed)
        payment.cancelled.connect(self._on_cancelled)

    @Slot(object)
    def _on_paid(self, result: PayResult) -> None:
        submitted, self.submitted = self.submitted, None
        if submitted is not None:
            self._paid(submitted, result)

    def _paid(self, submitted: Submitted, result: PayResult) -> None:
        answered_ms = steady_now_ms()  # its page's 3 hours start: timed by a clock not set
        if submitted.channel == PAYPAL_PAYPAL:  # its link, for a payer who loses it
            keep_link(
                self.session,
                submitted.profile_id,
                submitted.app_id or self.session.profile.app_id,
                submitted.bill_no,
                submitted.money,
                submitted.title,
                result,
                answered_ms,
            )
        self.results.paid(submitted, result, answered_ms=answered_ms)
        self._list_waiting_links()
        # a new bill: nothing of this one is paid twice by a click
        self.form.ready_for_next(
            submitted.bill_no, submitted.money, submitted.title, submitted.credit_card_id
        )
        self._update_pay_button()
        self._tell_answer()

    def _tell_answer(self) -> None:
        self.answered.emit(self.pay_status.text() or self.outcome.title.text())

    def _earlier_payment(self, profile_id: str, request: BillRequest) -> RecentPayment | None:
        try:
            return earlier_payment(self.session.audit.log, profile_id, request)
        except StoreError as error:  # no record to compare with: nothing to ask about
            log.warning("recent payments could not be read: %s", error)
            return None

    @Slot(object)
    def _on_failed(self, report: ErrorReport) -> None:
        submitted, self.submitted = self.submitted, None
        if submitted is None:
            return
        if report.kind not in UNKNOWN_OUTCOMES and self._put_back_currency is not None:
            self._no_bill_made(self._put_back_currency)  # so not of its currency
        if report.kind in NOT_PREPARED_KINDS:  # it never left: nothing was sent
            self.results.refused(report)
            self.form.revalidate()
        else:
            self.results.failed(submitted, report)
            self.form.show_reported(report.problems)
            self._update_pay_button()
        self._tell_answer()

    def _no_bill_made(self, put_back_currency: Callable[[], None]) -> None:
        """A payment refused (or never sent) made no bill (NOTES.md: a non-zero answer
        leaves nothing behind): the currency it recorded for its number goes, the one
        recorded before comes back. Sent again under a number BeeCloud has (17), it made
        that bill show in the refused payment's currency (JPY 12.50 for USD 12.50) in
        the tables, their exports and the Refund tab."""
        try:
            put_back_currency()
        except StoreError as error:
            log.warning("the refused payment's currency could not be put back: %s", error)

    @Slot()
    def _on_cancelled(self) -> None:
        """Only when the console closes: nothing is shown any more."""
        self.submitted = None

    def approval_url(self) -> str:
        return self.approval_row.url()
