"""The Refund tab: find a bill, see what it is and what was refunded from it,
refund all or part of it once, and always know how that ended. This module
finds the bill and sends the refund; the panels it puts together are in
console/gui/tabs/refund/.

Safety rules, in the order a refund meets them:
- the amount is checked beside its field (a positive amount, whole units for
  HUF/JPY/TWD, never above the bill) before anything is asked or sent;
- the refund_no is made when the refund is prepared, shown in the confirmation
  and the outcome, and it is the only key of any later check; one confirmed after
  midnight China time (its date gone, BeeCloud would refuse it) is not sent;
- from the click until the answer, the bill is "in flight": no click, Find or
  prefill can start a second refund of it; what blocks a bill is asked again once
  the confirmation is answered (another console may have journaled one meanwhile), and
  once more by the journal as the refund is written, in the same transaction;
- each refund has a topic of its own, so no later job can supersede (and drop)
  its answer;
- a refund whose answer never came is "unsettled": the bill stays blocked until
  "Check now" (a refund query by refund_no, never a re-send) settles it;
- every refund is written to the refund journal (state `sending`) before it is
  queued; while the journal holds an unresolved refund of a bill (from this run
  or an earlier one), no other refund of that bill can be started.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.codes import ResultCode
from console.api.ids import new_refund_no
from console.api.models import BillRecord, RefundQuery, RefundRecord, RefundRequest
from console.api.money import Money
from console.api.validate import BILL_NO, typed_number
from console.gui.announce import announce
from console.gui.feedback import FieldError
from console.gui.focus import hand_focus_on, holds_focus
from console.gui.gateway import JobHandle
from console.gui.jobs import ALL_REFUNDS, FIND_BILL, REFUND, ErrorReport
from console.gui.narrow_forms import NarrowForms
from console.gui.plain_text import PlainLabel
from console.gui.profiles import Profile
from console.gui.reconciler import Reconciler
from console.gui.session import ConsoleSession
from console.gui.stored_texts import profile_label
from console.gui.tabs.refund.bill_panel import BillPanel, amount_text
from console.gui.tabs.refund.confirm_refund import (
    ConfirmRefundDialog,
    RefundConfirmation,
    ask_to_confirm,
)
from console.gui.tabs.refund.mirrored import (
    changed,
    mirrored_bill,
    mirrored_refund_no,
    recorded_currency,
)
from console.gui.tabs.refund.outcome import RefundOutcome
from console.gui.tabs.refund.payment_on_its_way import PaymentWait
from console.gui.tabs.refund.prepared import PreparedRefund
from console.gui.tabs.refund.refund_form import RefundForm
from console.store.refund_journal import (
    DONE,
    REFUSED,
    SENDING,
    UNKNOWN,
    BillHasRefund,
    JournalEntry,
    JournalError,
)

# The tab's widest: what it has in a window of 1,366 px (a common laptop's screen)
CONTENT_MAX_WIDTH = 1280


class RefundTab(QWidget):
    """Finds a bill, shows it (BillPanel) beside the next refund of it (RefundForm),
    sends that refund and routes every answer; RefundOutcome shows how it ended."""

    # A refund's answer came (its outcome's title): the window says it when the tab is
    # out of sight
    answered = Signal(str)

    def __init__(self, session: ConsoleSession) -> None:
        super().__init__()
        self.session = session
        # The question before a refund; tests put their own answer here. (A plain
        # function, not a closure over self: no reference cycle keeps the tab alive.)
        self.confirm: Callable[[RefundConfirmation], bool] = ask_to_confirm
        self._sending: dict[str, PreparedRefund] = {}  # refund_no -> refund on its way
        self._looking_for: str | None = None
        # the bill shown found again: the amount typed for it (RefundForm.typed_amount)
        self._typed: tuple[str, tuple[str, str | None]] | None = None
        self._amount_next: str | None = None  # the bill prefilled: its amount takes the focus
        self._lookup: JobHandle | None = None  # the bill being looked up
        self._history: JobHandle | None = None  # its refunds being loaded
        self._history_records: list[RefundRecord] = []
        self._history_lost = False  # the bill's refunds could not be loaded
        self._confirming = False
        # refunds of the bill shown a sync brought that its refunds were read again for
        self._asked_again: set[str] = set()
        self._found_again: BillRecord | None = None  # the bill as a sync brought it, looked up
        # what blocks a refund of the bill shown whatever is typed, as last found
        self._standing_reason: str | None = None
        # a bill looked up while its payment was on its way: looked up again once answered
        self._paying_when_asked = False
        self._payment_wait = PaymentWait(session.store.payments_on_their_way, self)
        self._payment_wait.answered.connect(self._payment_answered)
        self._build()
        self.outcomes.checked.connect(self._on_checked)
        # what became of a refund taken, told as its answer was (the status bar, the tab
        # out of sight): "accepted" stayed there beside a panel saying "done"
        self.outcomes.taken_read.connect(lambda: self.answered.emit(self.outcome.title.text()))
        session.profile_changed.connect(self._on_profile_changed)
        session.reconciler.changed.connect(self._on_journal_changed)
        session.reconciler.settled.connect(self._on_settled)
        session.history.changed.connect(self._follow_history)
        self._clear_bill()

    @property
    def bill(self) -> BillRecord | None:
        """The bill shown, as BeeCloud last answered it."""
        return self.bill_panel.bill

    @property
    def refunds(self) -> list[RefundRecord] | None:
        """The refunds of the bill shown; None until they are loaded."""
        return self.bill_panel.refunds if self.bill_panel.bill is not None else None

    @property
    def in_flight(self) -> set[str]:
        """The bill_nos of the active profile's app with a refund on its way from here
        (another app's bill of the same number is another bill)."""
        app_id = self.session.profile.app_id
        keys = (self.outcomes.key(prepared) for prepared in self._sending.values())
        return {bill_no for app, bill_no in keys if app == app_id}

    @property
    def unsettled(self) -> dict[tuple[str, str], PreparedRefund]:
        """(app id, bill_no) -> its refund of unknown outcome."""
        return self.outcomes.unsettled

    @property
    def reconciler(self) -> Reconciler:
        return self.session.reconciler

    # -- layout -------------------------------------------------------------------

    def _build(self) -> None:
        self.bill_no_edit = QLineEdit()
        self.bill_no_edit.setPlaceholderText(
            self.tr("The bill number, e.g. BC20261130120000AB12CD")
        )
        # no maxLength: it cut a paste before its blanks were left out (find_bill says a
        # number too long)
        self.bill_no_edit.setMinimumWidth(360)
        self.bill_no_edit.returnPressed.connect(self.find_bill)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.find_bill)
        self.bill_no_edit.setAccessibleName(self.tr("Bill number"))
        self.bill_no_error = FieldError()
        self.bill_no_error.describe(self.bill_no_edit)
        self.lookup_status = PlainLabel()  # it quotes what went wrong: never markup
        self.lookup_status.setWordWrap(True)
        find_row = QHBoxLayout()
        find_row.addWidget(PlainLabel(self.tr("Bill number:")))
        find_row.addWidget(self.bill_no_edit, 1)
        find_row.addWidget(self.find_button)
        find_row.addStretch(1)

        self.bill_panel = BillPanel()
        self.outcomes = RefundOutcome(self.session, self)
        self.form = RefundForm(self.outcomes)
        self.form.currency_picked.connect(self._show_in_picked_currency)
        self.form.checked.connect(self._show_refund_state)
        self.refund_button = self.form.refund_button
        self.refund_button.clicked.connect(self.refund)
        self._keep_widget_names()
        self.columns = QHBoxLayout()
        self.columns.addWidget(self.bill_panel, 3)
        self.columns.addWidget(self.form, 2)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(find_row)
        layout.addWidget(self.bill_no_error)
        layout.addWidget(self.lookup_status)
        layout.addLayout(self.columns)
        layout.addWidget(self.bill_panel.history)
        layout.addStretch(1)  # the room to spare below the form, as on New payment
        # As wide as in a window of 1,366 px at most, the room to spare on its right (New
        # payment keeps its form to 980 px): at 1,920 px the Amount field was 340 px wide
        # for '3.00' and the earlier refunds' Created column 1,100 px, its title far from
        # its dates. (The scroll area sizes its widget within the widget's maximum.)
        content.setMaximumWidth(CONTENT_MAX_WIDTH)
        self.scroll_area = QScrollArea()
        self.scroll_area.setAccessibleName(self.tr("Refund form"))  # a Tab stop
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        self.narrow_forms = NarrowForms(self.scroll_area, [self.form.fields])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)

    def _keep_widget_names(self) -> None:
        """The parts' widgets under the tab's own names, as tests and screenshots reach them."""
        panel, form, outcomes = self.bill_panel, self.form, self.outcomes
        self.amount_label = panel.amount_label
        self.channel_label = panel.channel_label
        self.title_label = panel.title_label
        self.paid_label = panel.paid_label
        self.created_label = panel.created_label
        self.warnings_label = panel.warnings_label
        self.history_status = panel.history_status
        self.history_table = panel.history_table
        self.amount_input = form.amount_input
        self.whole_button = form.whole_button
        self.amount_error = form.amount_error
        self.note_edit = form.note_edit
        self.refund_no_label = form.refund_no_label
        self.refund_hint = form.refund_hint
        self.outcome = outcomes.panel
        self.check_button = outcomes.check_button
        self.check_hint = outcomes.check_hint

    # -- finding a bill ---------------------------------------------------------------

    def prefill(self, bill_no: str) -> None:
        """Look the bill up and offer to refund it (the Bills tab's row menu)."""
        self.bill_no_edit.setText(bill_no)
        self.find_bill()
        self._amount_next = bill_no

    @Slot()
    def find_bill(self) -> None:
        self._amount_next = None
        bill_no = typed_number(self.bill_no_edit.text())
        self.bill_no_edit.setText(bill_no)
        if not BILL_NO.fullmatch(bill_no):
            self.bill_no_error.refuse(
                self.tr("A bill number is 8 to 32 letters or digits, without spaces.")
            )
            return
        self.bill_no_error.set_message(None)
        self._look_up(bill_no)

    def _look_up(self, bill_no: str) -> None:
        """Ask BeeCloud for the bill and its refunds; what was typed for it stays."""
        typed = self.form.typed_amount() if self._shows(bill_no) else None
        kept = self._typed if self._typed is not None and self._typed[0] == bill_no else None
        self._clear_bill()
        self._typed = kept if typed is None else (bill_no, typed)  # kept past a failed Find
        self._looking_for = bill_no
        self._paying_when_asked = self._payment_wait.on_its_way(bill_no)
        if self.outcomes.bill_no != bill_no and not self.outcomes.is_waiting():
            self.outcomes.clear()
        self._tell_lookup(self.tr("Looking up bill {bill_no}…").format(bill_no=bill_no))
        self._cancel(self._lookup)
        lookup = self._lookup = self.session.submit(
            FIND_BILL,
            bill_no,
            self.tr("Looking up bill {bill_no}").format(bill_no=bill_no),
        )
        lookup.finished.connect(lambda bill: self._show_bill(bill_no, bill))
        lookup.failed.connect(lambda report: self._lookup_failed(bill_no, report))
        self._load_history(bill_no)

    def _load_history(self, bill_no: str) -> None:
        self.bill_panel.show_loading()
        self._drop_history()
        self._history_records = []
        self._history_lost = False
        history = self._history = self.session.submit(
            ALL_REFUNDS,
            RefundQuery(bill_no=bill_no),
            self.tr("Loading refunds of bill {bill_no}").format(bill_no=bill_no),
        )
        history.page.connect(self._history_records.extend)
        history.finished.connect(lambda _count: self._show_history(bill_no))
        history.failed.connect(lambda report: self._history_failed(bill_no, report))
        history.cancelled.connect(lambda: self._history_stopped(bill_no))

    @staticmethod
    def _cancel(handle: JobHandle | None) -> None:
        if handle is not None:
            handle.cancel()  # superseded: its answer is not wanted

    def _drop_history(self) -> None:
        """The bill's refunds being loaded are not wanted any more (the tab's own cancel,
        not a stop to report)."""
        history, self._history = self._history, None
        self._cancel(history)

    def _tell_lookup(self, text: str, urgent: bool = False) -> None:
        """What became of Find, beneath it: said to a screen reader as well."""
        self.lookup_status.setText(text)
        announce(self.lookup_status, text, urgent)

    def _clear_bill(self) -> None:
        self._looking_for = None
        self._payment_wait.stop()
        self._asked_again.clear()
        self._typed = None
        self.lookup_status.clear()
        self.bill_panel.clear()
        self.form.clear()
        self.form.forget_refund_no()  # another bill's refund on its way is not this one's
        self._update_refund_button()

    def _shows(self, bill_no: str) -> bool:
        bill = self.bill_panel.bill
        return bill is not None and bill.bill_no == bill_no

    def _shows_its_bill(self, prepared: PreparedRefund) -> bool:
        """Whether the bill shown is the refund's: its number, in its profile's app."""
        app_id = self.outcomes.key(prepared)[0]
        return app_id == self.session.profile.app_id and self._shows(prepared.bill_no)

    def _show_bill(self, bill_no: str, bill: BillRecord | None) -> None:
        if bill_no != self._looking_for:
            return
        if bill is None and (self._paying_when_asked or self._payment_wait.on_its_way(bill_no)):
            # BeeCloud may make it a moment later: not said not to exist (nor the number wrong)
            self._tell_lookup(
                self.tr(
                    "The payment of bill {bill_no} is on its way from this computer and has "
                    "no answer yet, so BeeCloud may not have the bill yet. It is looked up "
                    "again once the payment is answered."
                ).format(bill_no=bill_no)
            )
            self.bill_panel.set_history_status("")
            self._payment_wait.wait_for(bill_no)
            return
        if bill is None:
            self._tell_lookup(
                self.tr(
                    "No bill with number {bill_no} was found in the profile “{profile}”. "
                    "Check the number and try again."
                ).format(
                    bill_no=bill_no,
                    profile=profile_label(self.session.profile.id, self.session.profile.name),
                )
            )
            self.bill_panel.set_history_status("")
            return
        self.lookup_status.clear()
        if self.form.note_bill != bill_no:  # a note is of its bill: never carried to another
            self.note_edit.clear()
        self.form.note_bill = bill_no
        # The currency this console recorded when it made the bill wins over the one its
        # answer gives, as in the history (docs/decisions.md): a bill made here in USD and
        # listed in EUR was offered as a refund of EUR 12.50.
        recorded = recorded_currency(self.session.local, self.session.profile.id, bill_no)
        currency = recorded or bill.currency
        self.bill_panel.take(bill, currency_known=currency is not None)
        self._refuse_disagreeing_refunds(currency)
        self.form.bill_total = bill.total_fee
        self.amount_input.set_currency(currency)
        self.amount_input.set_currency_locked(currency is not None)
        self.bill_panel.show_details()
        self.form.reset_amount()
        typed, self._typed = self._typed, None
        if typed is not None and typed[0] == bill_no:  # found again: what was typed stays
            self.form.retype_amount(typed[1])
        self.bill_panel.show_amount(self.amount_input.currency_code())
        self._tell_found(bill)
        self.bill_panel.show_warnings()
        self.bill_panel.show_history_rows(self.amount_input.currency_code())
        unsettled = self.outcomes.unsettled_here(bill_no)
        if unsettled is not None:
            self.outcomes.show_unsettled(unsettled)
        on_its_way = next((p for p in self._sending.values() if p.bill_no == bill_no), None)
        if on_its_way is not None:
            self.form.show_refund_no(on_its_way.refund_no)
        self._update_refund_button()
        self._tell_history_lost()
        self._focus_amount(bill_no)

    @Slot(str)
    def _payment_answered(self, bill_no: str) -> None:
        """The payment of the bill looked up has its answer: the bill is looked up again,
        unless the clerk has moved on (another bill, another profile) or the console closed."""
        if (
            bill_no == self._looking_for
            and self.bill_panel.bill is None
            and not self.session.closed
        ):
            self._look_up(bill_no)

    def _tell_found(self, bill: BillRecord) -> None:
        """A screen reader heard "Looking up bill…": it hears what was found, the bill's
        amount and whether it was paid (the panel shows the rest, where the focus goes)."""
        amount = self.amount_label.text()
        text = (
            self.tr("Bill {bill_no} found: {amount}, paid.")
            if bill.paid
            else self.tr("Bill {bill_no} found: {amount}, not paid.")
        )
        announce(self.bill_panel, text.format(bill_no=bill.bill_no, amount=amount))

    def _focus_amount(self, bill_no: str) -> None:
        """A bill prefilled (a row's Refund this bill…) is refunded from its amount: the
        cursor goes there from the bill number, where it waited, the whole bill selected."""
        prefilled, self._amount_next = self._amount_next, None
        edit = self.amount_input.amount_edit
        if prefilled == bill_no and holds_focus(self.bill_no_edit) and edit.isEnabled():
            edit.setFocus(Qt.FocusReason.OtherFocusReason)
            edit.selectAll()

    @Slot()
    def _show_in_picked_currency(self) -> None:
        currency = self.amount_input.currency_code()
        self.bill_panel.show_amount(currency)
        self.bill_panel.show_history_rows(currency)

    def _show_history(self, bill_no: str) -> None:
        listed, self._history_records = self._history_records, []
        if bill_no != self._looking_for:
            return
        # The bill's own: a server that ignores the bill_no filter lists every refund.
        self._history = None  # loaded
        records = [record for record in listed if record.bill_no == bill_no]
        self.bill_panel.refunds = records
        self.outcomes.settle_listed(records)
        self.reconciler.apply_listed(records)
        self._refuse_disagreeing_refunds(self.amount_input.currency_code())
        self.bill_panel.show_history_rows(self.amount_input.currency_code())
        self.bill_panel.show_warnings()
        self._update_refund_button()

    def _refuse_disagreeing_refunds(self, currency: str | None) -> None:
        """The bill and its refunds, as soon as both are known (before either is shown):
        a refund listed as made from a bill of another amount (USD 50.00 of a bill of
        USD 10.00) is a lie of one of them. Its refunds are then not known, and the tab
        says why."""
        record = self.bill_panel.disagreeing_refund()
        bill = self.bill_panel.bill
        if record is None or bill is None:
            return
        self.bill_panel.refunds = None
        self.bill_panel.refunded_label.setText("—")
        self.bill_panel.clear_history_rows()
        self._history_lost = True
        self.bill_panel.set_history_status(
            self.tr(
                "BeeCloud lists refund {refund_no} of {amount} as made from a bill of "
                "{stated}, but the bill is {total}: its answers disagree, so its refunds "
                "are not shown. Press Find to ask again."
            ).format(
                refund_no=record.refund_no,
                amount=amount_text(record.refund_fee, currency),
                stated=amount_text(record.total_fee, currency),
                total=amount_text(bill.total_fee, currency),
            )
        )

    # -- refunding --------------------------------------------------------------------

    def amount_problem(self) -> str | None:
        """Why the amount cannot be refunded, in words for beside the field."""
        return self.form.amount_problem()

    def _blocked_reason(self, bill_no: str) -> str | None:
        if bill_no in self.in_flight:
            return self.tr("A refund of bill {bill_no} is on its way; wait for its answer.").format(
                bill_no=bill_no
            )
        return self.outcomes.blocked_reason(bill_no) or self._refunded_reason(bill_no)

    def _refunded_reason(self, bill_no: str) -> str | None:
        """A bill with a refund that succeeded (or is in progress) cannot be refunded again."""
        if not self._shows(bill_no):
            return None
        if self.bill_panel.refunds is None and self._history_lost:
            return self.tr(
                "The bill's earlier refunds could not be loaded, and it may have one: "
                "press Find to load them again."
            )
        if self.bill_panel.refunds is None:
            return self.tr("Waiting for the bill's earlier refunds…")
        if self.bill_panel.standing_refund() is None:
            return self._made_here_reason(bill_no)
        return self.tr(
            "Bill {bill_no} has a refund already: {refund}. BeeCloud allows one refund per "
            "bill, so it cannot be refunded again."
        ).format(
            bill_no=bill_no,
            refund=self.bill_panel.standing_refund_text(self.amount_input.currency_code()),
        )

    def _made_here_reason(self, bill_no: str) -> str | None:
        """A refund of the bill made from this computer (by this console or another on its
        data folder: the refund journal is theirs) that its list does not show (yet). One
        its list shows is as listed: answered 0, then refused by BeeCloud, it does not
        count, and the bill may be refunded again (NOTES.md)."""
        made = self.reconciler.made_for_bill(self.session.profile.id, bill_no)
        if made is None:
            return None
        if any(record.refund_no == made.refund_no for record in self.bill_panel.refunds or []):
            return None  # listed: standing_refund() said what it is
        return self.tr(
            "Bill {bill_no} was refunded on this computer: refund {refund_no}, {amount}. "
            "BeeCloud allows one refund per bill, so it cannot be refunded again."
        ).format(
            bill_no=bill_no,
            refund_no=made.refund_no,
            amount=amount_text(made.refund_fee, made.currency),
        )

    def _update_refund_button(self) -> None:
        bill = self.bill_panel.bill
        if bill is None:
            self._standing_reason = self.tr("Find a bill first.")
        elif self._confirming:
            self._standing_reason = self.tr("Waiting for your confirmation.")
        else:
            self._standing_reason = self._blocked_reason(bill.bill_no)
        if bill is not None and self.bill_panel.standing_refund() is not None:
            self.form.show_no_amount()  # nothing more can be refunded: none is offered
        self._show_refund_state()
        if bill is not None:
            self.bill_panel.show_unknown_refund(self._unknown_refund_no(bill.bill_no))

    @Slot()
    def _show_refund_state(self) -> None:
        """Refund… as what blocks the bill (as last found) and what is typed say. A
        keystroke in the amount or the note (form.checked) checks only those: what blocks
        the bill (the journal, the settings' profiles) is read when it may have changed."""
        bill = self.bill_panel.bill
        refunded = bill is not None and self.bill_panel.standing_refund() is not None
        has_bill = bill is not None and not refunded
        if self._standing_reason:
            self.form.show_state(has_bill, self._standing_reason)
        else:  # what is typed, said beside its field: named beside Refund…
            self.form.show_state(has_bill, self.form.refusal(), self.form.fields_to_correct())

    def _unknown_refund_no(self, bill_no: str) -> str | None:
        """The refund of this bill sent from here whose outcome is not known yet."""
        unsettled = self.outcomes.unsettled_here(bill_no)
        if unsettled is not None:
            return unsettled.refund_no
        entry = self.reconciler.unresolved_for_bill(self.session.profile.id, bill_no)
        return entry.refund_no if entry is not None and entry.state in (SENDING, UNKNOWN) else None

    @Slot()
    def refund(self) -> None:
        """Prepare, confirm and send a refund of the bill shown; at most one per bill at a time."""
        bill = self.bill_panel.bill
        if bill is None or self._confirming:
            return
        if self._blocked_reason(bill.bill_no):  # since Refund… was turned on
            self._say_blocked(bill.bill_no)
            return
        money = self.form.check_amount()
        if money is None or not self.form.check_note():
            return
        note = self.form.note()
        profile = self.session.profile
        prepared = PreparedRefund(
            RefundRequest(
                bill.bill_no, new_refund_no(), money, optional={"note": note} if note else None
            ),
            Money(bill.total_fee, money.currency),
            profile.id,
            profile_label(profile.id, profile.name),
        )
        self.form.show_refund_no(prepared.refund_no)
        self._confirming = True
        had_focus = holds_focus(self.refund_button)
        # Refund… is off until the answer: the focus waits on the bill number (the next's).
        hand_focus_on(self.refund_button, self.bill_no_edit)
        self._update_refund_button()
        try:
            agreed = self.confirm(self._confirmation(prepared, bill, profile))
        finally:
            self._confirming = False
        now = self.session.profile
        if (now.id, now.app_id) != (profile.id, profile.app_id):
            # Another profile in use since the question was asked (or this one given
            # another App ID): the question closed then (_on_profile_changed); what was
            # agreed is of the profile it named, and is not sent.
            self._tell_lookup(
                self.tr(
                    "Nothing was sent: the profile changed while the refund of bill {bill_no} "
                    "was being confirmed (it named the profile “{profile}”). Find the bill "
                    "again under the profile in use now."
                ).format(bill_no=bill.bill_no, profile=prepared.profile_name),
                urgent=True,
            )
            return
        if agreed:  # what a sync brought while the question was open (not followed then)
            self._follow_history()
        # Not sent, though agreed: blocked while the question was open (another console's
        # refund of the bill journaled meanwhile, or one made elsewhere that a sync
        # brought: the reason is beside Refund…), or its number's day gone in China
        # (BeeCloud would refuse it: the next gets a new one).
        sendable = agreed and not self._blocked_reason(bill.bill_no)
        if sendable and not self.outcomes.day_passed(prepared):
            self._send(prepared)
            return
        self.form.forget_refund_no()
        self._say_blocked(bill.bill_no)
        if agreed and not sendable:  # (the day passed: the outcome panel says so)
            self._tell_blocked_after_agreeing()
        if not agreed and had_focus and self.refund_button.isEnabled():
            self.refund_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _say_blocked(self, bill_no: str) -> None:
        """Why the bill cannot be refunded now, beside Refund… (another console on this
        data folder may have journaled a refund of it since it was shown: nothing told this
        one). A refund of it made there and not listed here: its refunds are read again."""
        made = self.reconciler.made_for_bill(self.session.profile.id, bill_no)
        if made is not None and self._shows(bill_no):
            self._read_refunds_again(bill_no, made.refund_no)
        self._update_refund_button()

    def _tell_blocked_after_agreeing(self) -> None:
        """A refund agreed to and not sent (what blocks its bill came meanwhile): why is
        beside Refund…, away from the focus, and said to a screen reader at once, which
        said nothing, as if the refund had gone."""
        if self._standing_reason:
            announce(self.refund_hint, self.refund_hint.text(), urgent=True)

    def _read_refunds_again(self, bill_no: str, refund_no: str) -> bool:
        """A refund of the bill shown, known here (the journal, the history), that its
        refunds as read do not list (made elsewhere since): they are read again from
        BeeCloud, Refund… off until then (True). Once per refund: a list that lags is
        not asked again and again."""
        listed = self.bill_panel.refunds
        if listed is None or self._history is not None:
            return False  # its refunds not known yet (being read, or lost)
        if refund_no in self._asked_again or any(r.refund_no == refund_no for r in listed):
            return False
        self._asked_again.add(refund_no)
        self.bill_panel.refunds = None  # it may have one now: no refund until they are read
        self._load_history(bill_no)
        return True

    def _confirmation(
        self, prepared: PreparedRefund, bill: BillRecord, profile: Profile
    ) -> RefundConfirmation:
        beware = self.tr("Beware: {reason}")
        reasons = self.bill_panel.refusal_reasons()
        return RefundConfirmation(
            bill_no=bill.bill_no,
            refund_no=prepared.refund_no,
            amount=prepared.amount,
            bill_total=prepared.bill_total,
            title=bill.title,
            channel=bill.channel,
            profile_name=profile_label(profile.id, profile.name),
            is_live=not profile.is_sandbox,
            currency_guessed=not self.bill_panel.currency_known,
            warnings=tuple(beware.format(reason=reason) for reason in reasons),
            note=str((prepared.request.optional or {}).get("note", "")),
        )

    def _send(self, prepared: PreparedRefund) -> None:
        listed = [record.refund_no for record in self.bill_panel.refunds or []]
        try:  # written down first: a crash from here on leaves a refund to check
            self.reconciler.record_sending(prepared.request, prepared.profile_id, listed)
        except BillHasRefund as error:
            # Another console on the data folder wrote a refund of the bill down since
            # it was checked (refund()): nothing written, nothing sent; said beside
            # Refund… as when that is seen before the write (in the panel, should that
            # refund have moved on meanwhile, and nothing block the bill any more).
            self.form.forget_refund_no()
            self._say_blocked(prepared.bill_no)
            if self._standing_reason is None:
                self.outcomes.show_not_written(prepared, error)
            else:
                self._tell_blocked_after_agreeing()
            return
        except JournalError as error:
            self.form.forget_refund_no()
            self.outcomes.show_not_written(prepared, error)
            self._update_refund_button()
            return
        self._sending[prepared.refund_no] = prepared
        self._update_refund_button()
        self.outcomes.show_sending(prepared)
        refund_no = prepared.refund_no
        sent = self.session.submit(
            REFUND,
            prepared.request,
            self.tr("Refunding bill {bill_no} ({refund_no})").format(
                bill_no=prepared.bill_no, refund_no=refund_no
            ),
        )
        sent.finished.connect(lambda _result: self._on_refunded(refund_no))
        sent.failed.connect(
            lambda report: self._on_refund_failed(
                refund_no, report, bool(sent.job.credentials.master_secret)
            )
        )
        sent.cancelled.connect(lambda: self._release(refund_no))  # the console closes

    def _release(self, refund_no: str) -> PreparedRefund | None:
        prepared = self._sending.pop(refund_no, None)
        if prepared is not None and self._shows_its_bill(prepared):
            self.form.forget_refund_no()  # not another bill's, maybe being confirmed
        return prepared

    def _on_refunded(self, refund_no: str) -> None:
        prepared = self._release(refund_no)
        if prepared is None:
            return
        self.outcomes.show_refunded(prepared)
        if self._shows_its_bill(prepared):
            self.note_edit.clear()
            self.bill_panel.refunds = None  # it has one now: no other until they are read
            self._load_history(prepared.bill_no)
        self._update_refund_button()
        self.answered.emit(self.outcome.title.text())

    def _on_refund_failed(
        self, refund_no: str, report: ErrorReport, signed_with_master: bool
    ) -> None:
        """`signed_with_master`: whether it was sent signed with the Master Secret its
        job read (the hint of a refusal of its signature says so, never asking the
        keyring again, on the GUI thread)."""
        prepared = self._release(refund_no)
        if prepared is None:
            return
        self.outcomes.show_failed(prepared, report, signed_with_master)
        if report.code == ResultCode.ALREADY_REFUNDING and self._shows_its_bill(prepared):
            self._load_history(prepared.bill_no)  # refunded meanwhile: show what BeeCloud has
        self._update_refund_button()
        self.answered.emit(self.outcome.title.text())

    # -- checking a refund of unknown outcome ------------------------------------------

    @Slot()
    def check_now(self) -> None:
        """Ask for the unsettled refund by its refund_no; never send it again."""
        self.outcomes.check_now()

    @Slot(str, object)
    def _on_checked(self, refund_no: str, record: RefundRecord | None) -> None:
        settled = self.outcomes.show_checked(refund_no, record)
        if settled is not None:
            if self._shows(settled):
                if record is not None and record.succeeded:  # its note went with it
                    self.note_edit.clear()
                self._load_history(settled)
            self._update_refund_button()
        self.reconciler.apply_found(refund_no, record)

    @Slot()
    def _on_journal_changed(self) -> None:
        """A refund of unknown outcome settled elsewhere (Refunds to check, a restart check)."""
        self.outcomes.settle_from_journal()
        self._update_refund_button()

    @Slot(object)
    def _on_settled(self, entry: JournalEntry) -> None:
        """A refund of the bill shown found made or refused elsewhere (Refunds to check, a
        restart check): its refunds are read again, or the Bill panel went on saying
        'Refunded: No' beside 'The refund was made'."""
        if entry.state not in (DONE, REFUSED) or not self._shows(entry.bill_no):
            return
        if entry.state == DONE and entry.profile_id == self.session.profile.id:
            self.note_edit.clear()  # made: its note went with it
        if entry.profile_id != self.session.profile.id or self._history is not None:
            return  # another app's bill of that number, or its refunds being loaded
        if any(r.refund_no == entry.refund_no for r in self.bill_panel.refunds or []):
            return  # listed already
        self._load_history(entry.bill_no)

    @Slot()
    def _follow_history(self) -> None:
        """A sync brought the bill shown paid (or of another amount) since it was found: it
        is looked up again. Or it brought a refund of it that its refunds, as read, do not
        list (made elsewhere since: another console, BeeCloud's dashboard): they are read
        again from BeeCloud, Refund… off until then. Once per news: a list that lags is
        not asked again at each sync. First, the refund the answer panel says is in
        progress, if the history brings it finished (its bill's refunds read again)."""
        settled = self.outcomes.follow_history()
        if settled is not None and self._shows(settled) and not self._confirming:
            self._load_history(settled)  # done, or refused: free to be refunded again
            self._update_refund_button()
        bill = self.bill_panel.bill
        if bill is None or self._confirming:
            return
        mirrored = mirrored_bill(self.session.history, bill.bill_no)
        if mirrored is not None and mirrored != self._found_again and changed(bill, mirrored):
            self._found_again = mirrored  # once: a lookup that disagrees is not asked again
            self._look_up(bill.bill_no)  # paid since, or its amount otherwise
            return
        refund_no = mirrored_refund_no(self.session.history, bill.bill_no)
        if refund_no is not None and self._read_refunds_again(bill.bill_no, refund_no):
            self._update_refund_button()

    # -- answers ------------------------------------------------------------------------

    def _lookup_failed(self, bill_no: str, report: ErrorReport) -> None:
        if bill_no == self._looking_for:
            # No bill is shown: its refunds are not wanted, nor said to be loading.
            self._drop_history()
            self._history_records = []
            self.bill_panel.set_history_status("")
            self._tell_lookup(
                self.tr("Could not look up bill {bill_no}.\n{report}").format(
                    bill_no=bill_no, report=report.text()
                ),
                urgent=True,
            )

    def _history_stopped(self, bill_no: str) -> None:
        """The load of the bill's refunds was stopped (the status bar's Cancel): they
        are not known, and nothing is on its way."""
        if self._history is None or bill_no != self._looking_for:
            return  # the tab's own cancel (superseded), or another bill's
        self._history = None
        self._history_records = []
        self._history_lost = True
        self.bill_panel.set_history_status(
            self.tr("Loading its refunds was stopped: press Find to load them again.")
        )
        self._update_refund_button()
        self._tell_history_lost()

    def _history_failed(self, bill_no: str, report: ErrorReport) -> None:
        self._history_records = []
        if bill_no == self._looking_for:
            self._history_lost = True
            self.bill_panel.set_history_status(
                self.tr("Could not load its refunds: {reason}.").format(reason=report.title)
            )
            self._update_refund_button()
            self._tell_history_lost()

    def _tell_history_lost(self) -> None:
        """The bill's refunds are not known (their load failed or was stopped): said to
        a screen reader with why Refund is off, once the bill is shown (whichever of the
        two answers came first)."""
        if self._history_lost and self.bill is not None:
            why = self.refund_button.accessibleDescription()
            text = f"{self.history_status.text()}\n{why}".strip()
            announce(self.history_status, text)

    @Slot(object)
    def _on_profile_changed(self, _profile: Profile) -> None:
        if self._confirming:  # the question names the profile before: it goes
            for question in QApplication.topLevelWidgets():
                if isinstance(question, ConfirmRefundDialog):
                    question.reject()
        self._cancel(self._lookup)
        self._drop_history()
        self._history_records = []
        self._clear_bill()
        self.bill_no_error.set_message(None)
        if not self.outcomes.is_waiting():
            self.outcomes.clear()
        self.outcomes.update_check_button()
