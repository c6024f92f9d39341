"""The Refund tab: find a bill, see what it is and what was refunded from it,
refund all or part of it once, and always know how that ended.

Safety rules, in the order a refund meets them:
- the amount is checked beside its field (a positive amount, whole units for
  HUF/JPY/TWD, never above the bill) before anything is asked or sent;
- the refund_no is made when the refund is prepared, shown in the confirmation
  and the outcome, and it is the only key of any later check;
- from the click until the answer, the bill is "in flight": no click, Find or
  prefill can start a second refund of it;
- each refund has a topic of its own, so no later job can supersede (and drop)
  its answer;
- a refund whose answer never came is "unsettled": the bill stays blocked until
  "Check now" (a refund query by refund_no, never a re-send) settles it;
- every refund is written to the refund journal (state `sending`) before it is
  queued; while the journal holds an unresolved refund of a bill (from this run
  or an earlier one), no other refund of that bill can be started.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api.channels import family_of
from console.api.ids import new_refund_no
from console.api.models import BillRecord, RefundQuery, RefundRecord, RefundRequest
from console.api.money import Money, format_amount, format_money
from console.api.validate import BILL_NO
from console.gui import colours
from console.gui.amount_field import AmountField
from console.gui.api_texts import channel_name
from console.gui.feedback import WARN_COLOUR, FieldError, OutcomePanel
from console.gui.jobs import ALL_REFUNDS, FIND_BILL, FIND_REFUND, REFUND, ErrorReport, Job
from console.gui.profiles import Profile
from console.gui.reconciler import Reconciler
from console.gui.refund_journal import ABSENT, DONE, SENDING, UNKNOWN, JournalEntry, JournalError
from console.gui.session import ConsoleSession
from console.gui.stored_texts import journal_detail, profile_label
from console.gui.tables.formatting import local_time_text
from console.gui.tabs.confirm_refund import RefundConfirmation, ask_to_confirm, refund_phrase

FIND_TOPIC = "refund-lookup"
HISTORY_TOPIC = "refund-history"
CHECK_TOPIC = "refund-check"
SEND_TOPIC_PREFIX = "refund-send:"  # + refund_no: one topic per refund, never superseded

DAY_MS = 86_400_000
REFUND_WINDOW_DAYS = 180  # PayPal refunds a sale up to 180 days after it (NOTES.md)
UNKNOWN_OUTCOMES = ("outcome_unknown", "unexpected")  # the refund may have been made
NO_REFUND_NO = QT_TRANSLATE_NOOP("RefundTab", "Made when you press Refund")
TO_CHECK = QT_TRANSLATE_NOOP("RefundTab", "“Refunds to check” at the top of the window")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RefundTab", text)


def local_time(ms: int) -> str:
    """A 13-digit millisecond time as the user's local date and time."""
    return local_time_text(ms)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def amount_text(hundredths: int, currency: str | None) -> str:
    """'USD 12.50', or '12.50 (currency unknown)' when the bill does not say."""
    if currency is None:
        return QCoreApplication.translate("RefundTab", "{amount} (currency unknown)").format(
            amount=format_amount(hundredths, "USD")
        )
    return format_money(Money(hundredths, currency))


@dataclass(frozen=True)
class PreparedRefund:
    """A refund as the user confirmed it, with the profile it was sent through."""

    request: RefundRequest
    bill_total: Money
    profile_id: str
    profile_name: str

    @property
    def bill_no(self) -> str:
        return self.request.bill_no

    @property
    def refund_no(self) -> str:
        return self.request.refund_no

    @property
    def amount(self) -> Money:
        return self.request.amount

    @property
    def topic(self) -> str:
        return SEND_TOPIC_PREFIX + self.refund_no

    def subject(self) -> str:
        """'Refund R of USD 12.50 for bill B'."""
        return QCoreApplication.translate(
            "RefundTab", "Refund {refund_no} of {amount} for bill {bill_no}"
        ).format(refund_no=self.refund_no, amount=format_money(self.amount), bill_no=self.bill_no)


class RefundAmountField(AmountField):
    """The shared AmountField, plus one state: the bill does not say its currency
    (then the user picks one, for display and for the whole-units rule)."""

    UNKNOWN = QT_TRANSLATE_NOOP("RefundTab", "Currency unknown — pick")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.currency_picker.insertItem(0, _tr(self.UNKNOWN), None)

    def currency_code(self) -> str | None:
        return self.currency_picker.currentData()

    def set_currency(self, currency: str | None) -> None:
        if currency is None:
            self.currency_picker.setCurrentIndex(0)
        else:
            super().set_currency(currency)

    def set_hundredths(self, hundredths: int) -> None:
        """Show an amount in the chosen currency (two decimals while it is unknown)."""
        self.amount_edit.setText(format_amount(hundredths, self.currency_code() or "USD"))

    def money(self) -> Money | None:
        return super().money() if self.currency_code() else None

    def error(self) -> str | None:
        if self.currency_code() is None:
            return self.tr("The bill does not say its currency: pick it beside the amount.")
        return super().error()


class RefundTab(QWidget):
    def __init__(self, session: ConsoleSession) -> None:
        super().__init__()
        self.session = session
        # The question before a refund; tests put their own answer here. (A plain
        # function, not a closure over self: no reference cycle keeps the tab alive.)
        self.confirm: Callable[[RefundConfirmation], bool] = ask_to_confirm
        self.in_flight: set[str] = set()  # bill_nos with a refund on its way
        self.unsettled: dict[str, PreparedRefund] = {}  # bill_no -> refund of unknown outcome
        self._sending: dict[str, PreparedRefund] = {}  # topic -> refund on its way
        self._looking_for: str | None = None
        self._bill: BillRecord | None = None
        self._refunds: list[RefundRecord] | None = None  # None: not loaded
        self._history_pages: dict[int, list[RefundRecord]] = {}
        self._currency_known = False
        self._default_amount_text = ""
        self._confirming = False
        self._outcome_bill_no: str | None = None
        self._check_target: PreparedRefund | None = None
        self._build()
        gateway = session.gateway
        gateway.finished.connect(self._on_finished)
        gateway.failed.connect(self._on_failed)
        gateway.page.connect(self._on_page)
        session.job_refused.connect(self._on_refused)
        session.profile_changed.connect(self._on_profile_changed)
        session.reconciler.changed.connect(self._on_journal_changed)
        self._clear_bill()

    @property
    def bill(self) -> BillRecord | None:
        """The bill shown, as BeeCloud last answered it."""
        return self._bill

    @property
    def refunds(self) -> list[RefundRecord] | None:
        """The refunds of the bill shown; None until they are loaded."""
        return self._refunds if self._bill is not None else None

    # -- layout -------------------------------------------------------------------

    def _build(self) -> None:
        self.bill_no_edit = QLineEdit()
        self.bill_no_edit.setPlaceholderText(
            self.tr("The bill number, e.g. BC20261130120000AB12CD")
        )
        self.bill_no_edit.setMaxLength(40)
        self.bill_no_edit.setMinimumWidth(360)
        self.bill_no_edit.returnPressed.connect(self.find)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.find)
        self.bill_no_error = FieldError()
        self.lookup_status = QLabel()
        self.lookup_status.setWordWrap(True)
        find_row = QHBoxLayout()
        find_row.addWidget(QLabel(self.tr("Bill number:")))
        find_row.addWidget(self.bill_no_edit, 1)
        find_row.addWidget(self.find_button)
        find_row.addStretch(1)

        self.columns = QHBoxLayout()
        self.columns.addWidget(self._build_bill_box(), 3)
        self.columns.addWidget(self._build_refund_box(), 2)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(find_row)
        layout.addWidget(self.bill_no_error)
        layout.addWidget(self.lookup_status)
        layout.addLayout(self.columns, 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def _build_bill_box(self) -> QGroupBox:
        self.bill_box = QGroupBox(self.tr("Bill"))
        self.amount_label = QLabel()
        self.channel_label = QLabel()
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.paid_label = QLabel()
        self.created_label = QLabel()
        for label in (
            self.amount_label,
            self.channel_label,
            self.title_label,
            self.paid_label,
            self.created_label,
        ):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Amount:"), self.amount_label)
        form.addRow(self.tr("Channel:"), self.channel_label)
        form.addRow(self.tr("Title:"), self.title_label)
        form.addRow(self.tr("Paid:"), self.paid_label)
        form.addRow(self.tr("Created:"), self.created_label)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        colours.paint(self.warnings_label, f"color: {WARN_COLOUR};")
        self.history_status = QLabel()
        self.history_status.setWordWrap(True)
        self.history_table = QTableWidget(0, 4)
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("Refund number"), self.tr("Amount"), self.tr("Created"), self.tr("Result")]
        )
        self.history_table.verticalHeader().hide()
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.history_table.setMinimumHeight(150)
        layout = QVBoxLayout(self.bill_box)
        layout.addLayout(form)
        layout.addWidget(self.warnings_label)
        layout.addWidget(QLabel(self.tr("Earlier refunds of this bill:")))
        layout.addWidget(self.history_status)
        layout.addWidget(self.history_table, 1)
        return self.bill_box

    def _build_refund_box(self) -> QGroupBox:
        self.refund_box = QGroupBox(self.tr("Refund"))
        self.amount_input = RefundAmountField()
        self.amount_input.changed.connect(self._on_amount_changed)
        self.amount_input.currency_picker.currentIndexChanged.connect(self._on_currency_picked)
        self.whole_button = QPushButton(self.tr("Whole bill"))
        self.whole_button.setToolTip(self.tr("Refund the bill's whole amount"))
        self.whole_button.clicked.connect(self._reset_amount)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_input, 1)
        amount_row.addWidget(self.whole_button)
        self.amount_error = FieldError()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("Optional, e.g. item returned damaged"))
        self.note_edit.setMaxLength(200)
        self.refund_no_label = QLabel(_tr(NO_REFUND_NO))
        self.refund_no_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Amount:"), amount_row)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("Note:"), self.note_edit)
        form.addRow(self.tr("Refund number:"), self.refund_no_label)
        self.refund_button = QPushButton(self.tr("Refund…"))
        self.refund_button.setMinimumWidth(140)
        self.refund_button.clicked.connect(self.refund)
        self.refund_hint = QLabel()
        self.refund_hint.setWordWrap(True)
        self.outcome = OutcomePanel()
        self.check_button = QPushButton(self.tr("Check now"))
        self.check_button.setToolTip(self.tr("Ask BeeCloud whether this refund number exists"))
        self.check_button.clicked.connect(self.check_now)
        self.check_button.hide()
        self.check_hint = QLabel()
        self.check_hint.setWordWrap(True)
        self.check_hint.hide()
        button_row = QHBoxLayout()
        button_row.addWidget(self.refund_button)
        button_row.addStretch(1)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        layout = QVBoxLayout(self.refund_box)
        layout.addLayout(form)
        layout.addLayout(button_row)
        layout.addWidget(self.refund_hint)
        layout.addWidget(self.outcome)
        layout.addLayout(check_row)
        layout.addWidget(self.check_hint)
        layout.addStretch(1)
        return self.refund_box

    # -- finding a bill ---------------------------------------------------------------

    def prefill(self, bill_no: str) -> None:
        """Look the bill up and offer to refund it (the Bills tab's row menu)."""
        self.bill_no_edit.setText(bill_no)
        self.find()

    @Slot()
    def find(self) -> None:
        bill_no = self.bill_no_edit.text().strip()
        self.bill_no_edit.setText(bill_no)
        if not BILL_NO.fullmatch(bill_no):
            self.bill_no_error.set_message(
                self.tr("A bill number is 8 to 32 letters or digits, without spaces.")
            )
            return
        self.bill_no_error.set_message(None)
        self._clear_bill()
        self._looking_for = bill_no
        if self._outcome_bill_no != bill_no and self.outcome.kind not in (
            "pending",
            "outcome_unknown",
        ):
            self._clear_outcome()
        self.lookup_status.setText(self.tr("Looking up bill {bill_no}…").format(bill_no=bill_no))
        self.session.submit(
            FIND_TOPIC,
            FIND_BILL,
            bill_no,
            self.tr("Looking up bill {bill_no}").format(bill_no=bill_no),
        )
        self._load_history(bill_no)

    def _load_history(self, bill_no: str) -> None:
        self._set_history_status(self.tr("Loading…"))
        self.session.submit(
            HISTORY_TOPIC,
            ALL_REFUNDS,
            RefundQuery(bill_no=bill_no),
            self.tr("Loading refunds of bill {bill_no}").format(bill_no=bill_no),
        )

    def _clear_bill(self) -> None:
        self._bill = None
        self._refunds = None
        self._looking_for = None
        self._currency_known = False
        self.lookup_status.clear()
        for label in (
            self.amount_label,
            self.channel_label,
            self.title_label,
            self.paid_label,
            self.created_label,
        ):
            label.setText("—")
        self.warnings_label.hide()
        self._set_history_status("")
        self.history_table.setRowCount(0)
        self.amount_input.amount_edit.clear()
        self.amount_input.set_currency(None)
        self.amount_input.set_currency_locked(True)
        self.amount_error.set_message(None)
        self.bill_box.setEnabled(False)
        self._update_refund_button()

    def _show_bill(self, bill_no: str, bill: BillRecord | None) -> None:
        if bill_no != self._looking_for:
            return
        if bill is None:
            self.lookup_status.setText(
                self.tr(
                    "No bill with number {bill_no} was found in the profile “{profile}”. "
                    "Check the number and try again."
                ).format(
                    bill_no=bill_no,
                    profile=profile_label(self.session.profile.id, self.session.profile.name),
                )
            )
            self._set_history_status("")
            return
        self.lookup_status.clear()
        self._bill = bill
        currency = bill.currency or self.session.local.currencies(self.session.profile.id).get(
            bill_no
        )
        self._currency_known = currency is not None
        self.amount_input.set_currency(currency)
        self.amount_input.set_currency_locked(self._currency_known)
        name = channel_name(bill.channel)
        self.channel_label.setText(f"{bill.channel} ({name})" if name else bill.channel)
        self.title_label.setText(bill.title or self.tr("(no title)"))
        self.paid_label.setText(self.tr("Yes, paid") if bill.paid else self.tr("No — not paid"))
        self.created_label.setText(local_time(bill.created_time))
        self.bill_box.setEnabled(True)
        self._reset_amount()
        self._show_bill_amount()
        self._show_warnings()
        self._show_history_rows()
        if bill_no in self.unsettled:
            self._show_unsettled(self.unsettled[bill_no])
        self._update_refund_button()

    def _display_currency(self) -> str | None:
        return self.amount_input.currency_code()

    def _show_bill_amount(self) -> None:
        if self._bill is None:
            return
        currency = self._display_currency()
        text = amount_text(self._bill.total_fee, currency)
        if currency is not None and not self._currency_known:
            text = self.tr(
                "{amount} (the bill does not say its currency; shown in the one you picked)"
            ).format(amount=text)
        self.amount_label.setText(text)

    def _refusal_reasons(self) -> list[str]:
        """Why BeeCloud will most likely refuse a refund of the bill shown (it still decides)."""
        bill = self._bill
        if bill is None:
            return []
        reasons = []
        if family_of(bill.channel) != "PAYPAL":
            reasons.append(
                self.tr(
                    "it was paid through {channel}; only PayPal bills are refunded here."
                ).format(channel=bill.channel)
            )
        if not bill.paid:
            reasons.append(self.tr("it was not paid, so there is nothing to refund."))
        standing = [r.refund_no for r in self._refunds or [] if r.succeeded or not r.finished]
        if standing:
            reasons.append(
                self.tr(
                    "it was refunded already ({refunds}); a bill can be refunded only once."
                ).format(refunds=", ".join(standing))
            )
        if now_ms() - bill.created_time > REFUND_WINDOW_DAYS * DAY_MS:
            reasons.append(
                self.tr(
                    "it is more than {days} days old; PayPal refunds younger sales only."
                ).format(days=REFUND_WINDOW_DAYS)
            )
        return reasons

    def _show_warnings(self) -> None:
        reasons = self._refusal_reasons()
        listed = "\n• ".join(reason[0].upper() + reason[1:] for reason in reasons)
        self.warnings_label.setText(
            self.tr(
                "BeeCloud will most likely refuse a refund of this bill:\n• {reasons}\n"
                "You may still send one; BeeCloud decides."
            ).format(reasons=listed)
        )
        self.warnings_label.setVisible(bool(reasons))

    def _collect_page(self, job: Job, records: list[Any]) -> None:
        self._history_pages.setdefault(job.id, []).extend(records)

    def _show_history(self, job: Job) -> None:
        records = self._history_pages.pop(job.id, [])
        if job.request.bill_no != self._looking_for:
            return
        self._refunds = records
        self._settle_from_history(records)
        self._show_history_rows()
        self._show_warnings()

    def _set_history_status(self, text: str) -> None:
        self.history_status.setText(text)
        self.history_status.setVisible(bool(text))

    def _show_history_rows(self) -> None:
        records = self._refunds
        if records is None or self._bill is None:
            return
        self._set_history_status("" if records else self.tr("No refunds yet."))
        self.history_table.setRowCount(len(records))
        bill_currency = self._display_currency()
        for row, record in enumerate(records):
            if not record.finished:
                result = self.tr("In progress")
            else:
                result = self.tr("Succeeded") if record.succeeded else self.tr("Refused")
            cells = (
                record.refund_no,
                amount_text(record.refund_fee, record.currency or bill_currency),
                local_time(record.created_time),
                result,
            )
            for column, text in enumerate(cells):
                self.history_table.setItem(row, column, QTableWidgetItem(text))

    # -- the amount -------------------------------------------------------------------

    @Slot()
    def _reset_amount(self) -> None:
        """The whole bill, in the currency shown."""
        if self._bill is None:
            return
        self.amount_input.set_hundredths(self._bill.total_fee)
        self._default_amount_text = self.amount_input.amount_edit.text()
        self._on_amount_changed()

    @Slot()
    def _on_currency_picked(self) -> None:
        if self._bill is None:
            return
        if self.amount_input.amount_edit.text() == self._default_amount_text:
            self._reset_amount()
        self._show_bill_amount()
        self._show_history_rows()

    @Slot()
    def _on_amount_changed(self) -> None:
        if self._bill is not None:
            self.amount_error.set_message(self.amount_problem())

    def amount_problem(self) -> str | None:
        """Why the amount cannot be refunded, in words for beside the field."""
        if self._bill is None:
            return None
        error = self.amount_input.error()
        money = self.amount_input.money()
        if error or money is None:
            return error
        if money.hundredths > self._bill.total_fee:
            whole = format_money(Money(self._bill.total_fee, money.currency))
            return self.tr("At most {amount}, the whole bill: a refund cannot exceed it.").format(
                amount=whole
            )
        return None

    # -- refunding --------------------------------------------------------------------

    @property
    def reconciler(self) -> Reconciler:
        return self.session.reconciler

    def _blocked_reason(self, bill_no: str) -> str | None:
        if bill_no in self.in_flight:
            return self.tr("A refund of bill {bill_no} is on its way; wait for its answer.").format(
                bill_no=bill_no
            )
        if bill_no in self.unsettled:
            refund_no = self.unsettled[bill_no].refund_no
            return self.tr(
                "The outcome of refund {refund_no} of this bill is unknown. "
                "Press “Check now” before refunding it again."
            ).format(refund_no=refund_no)
        entry = self.reconciler.unresolved_for_bill(self.session.profile.id, bill_no)
        return None if entry is None else self._journal_reason(entry)

    def _journal_reason(self, entry: JournalEntry) -> str:
        """Why an unresolved refund in the journal blocks another refund of its bill."""
        refund_no = entry.refund_no
        if self.reconciler.is_in_flight(refund_no):
            text = self.tr("Refund {refund_no} of this bill is on its way; wait for its answer.")
        elif entry.state == ABSENT:
            text = self.tr(
                "Refund {refund_no} of this bill never reached BeeCloud. Send it again or drop "
                "it under {where} before starting another refund of this bill."
            )
        elif entry.state == SENDING:
            text = self.tr(
                "Refund {refund_no} of this bill was being sent when the console stopped; its "
                "outcome is not known yet. Check it under {where} before refunding this "
                "bill again."
            )
        else:
            text = self.tr(
                "The outcome of refund {refund_no} of this bill is unknown. Check it under "
                "{where} before refunding this bill again."
            )
        return text.format(refund_no=refund_no, where=_tr(TO_CHECK))

    def _update_refund_button(self) -> None:
        bill = self._bill
        if bill is None:
            reason: str | None = self.tr("Find a bill first.")
        elif self._confirming:
            reason = self.tr("Waiting for your confirmation.")
        else:
            reason = self._blocked_reason(bill.bill_no)
        self.refund_button.setEnabled(reason is None)
        for widget in (self.amount_input, self.whole_button, self.note_edit):
            widget.setEnabled(bill is not None)
        self.refund_hint.setText(reason or "")
        self.refund_hint.setVisible(bool(reason))

    @Slot()
    def refund(self) -> None:
        """Prepare, confirm and send a refund of the bill shown; at most one per bill at a time."""
        bill = self._bill
        if bill is None or self._confirming or self._blocked_reason(bill.bill_no):
            return
        problem = self.amount_problem()
        self.amount_error.set_message(problem)
        money = self.amount_input.money()
        if problem or money is None:
            self.amount_input.amount_edit.setFocus()
            return
        note = self.note_edit.text().strip()
        profile = self.session.profile
        prepared = PreparedRefund(
            RefundRequest(
                bill.bill_no, new_refund_no(), money, optional={"note": note} if note else None
            ),
            Money(bill.total_fee, money.currency),
            profile.id,
            profile_label(profile.id, profile.name),
        )
        self.refund_no_label.setText(prepared.refund_no)
        self._confirming = True
        self._update_refund_button()
        try:
            agreed = self.confirm(self._confirmation(prepared, bill, profile))
        finally:
            self._confirming = False
        if agreed:
            self._send(prepared)
        else:
            self.refund_no_label.setText(_tr(NO_REFUND_NO))
            self._update_refund_button()

    def _confirmation(
        self, prepared: PreparedRefund, bill: BillRecord, profile: Profile
    ) -> RefundConfirmation:
        beware = self.tr("Beware: {reason}")
        warnings = tuple(beware.format(reason=reason) for reason in self._refusal_reasons())
        return RefundConfirmation(
            bill_no=bill.bill_no,
            refund_no=prepared.refund_no,
            amount=prepared.amount,
            bill_total=prepared.bill_total,
            title=bill.title,
            channel=bill.channel,
            profile_name=profile_label(profile.id, profile.name),
            is_live=not profile.is_sandbox,
            currency_guessed=not self._currency_known,
            warnings=warnings,
        )

    def _send(self, prepared: PreparedRefund) -> None:
        try:  # written down first: a crash from here on leaves a refund to check
            self.reconciler.record_sending(prepared.request, prepared.profile_id)
        except JournalError as error:
            self.refund_no_label.setText(_tr(NO_REFUND_NO))
            self._about(prepared.bill_no)
            self.outcome.show_report(
                ErrorReport(
                    "journal",
                    self.tr("Refund {refund_no} was not sent").format(refund_no=prepared.refund_no),
                    self.tr(
                        "Nothing was refunded for bill {bill_no}: the console could not write "
                        "the refund down before sending it. {error}"
                    ).format(bill_no=prepared.bill_no, error=error),
                )
            )
            self._update_refund_button()
            return
        self.in_flight.add(prepared.bill_no)
        self._sending[prepared.topic] = prepared
        self._update_refund_button()
        self._about(prepared.bill_no)
        self.outcome.show_pending(
            self.tr("Sending refund {refund_no}…").format(refund_no=prepared.refund_no),
            self.tr("{subject}. Wait for BeeCloud's answer.").format(subject=prepared.subject()),
        )
        self.session.submit(
            prepared.topic,
            REFUND,
            prepared.request,
            self.tr("Refunding bill {bill_no} ({refund_no})").format(
                bill_no=prepared.bill_no, refund_no=prepared.refund_no
            ),
        )

    def _release(self, topic: str) -> PreparedRefund | None:
        prepared = self._sending.pop(topic, None)
        if prepared is not None:
            self.in_flight.discard(prepared.bill_no)
            self.refund_no_label.setText(_tr(NO_REFUND_NO))
        return prepared

    def _on_refunded(self, topic: str) -> None:
        prepared = self._release(topic)
        if prepared is None:
            return
        self._about(prepared.bill_no)
        self.outcome.show_success(
            self.tr("Refund {refund_no} of {amount} done").format(
                refund_no=prepared.refund_no, amount=format_money(prepared.amount)
            ),
            self.tr("Bill {bill_no}: {what}. Profile: {profile}.").format(
                bill_no=prepared.bill_no,
                what=refund_phrase(prepared.amount, prepared.bill_total),
                profile=prepared.profile_name,
            ),
        )
        if self._bill is not None and self._bill.bill_no == prepared.bill_no:
            self.note_edit.clear()
            self._load_history(prepared.bill_no)
        self._update_refund_button()

    def _on_refund_failed(self, topic: str, report: ErrorReport) -> None:
        prepared = self._release(topic)
        if prepared is None:
            return
        if report.kind in UNKNOWN_OUTCOMES:
            self.unsettled[prepared.bill_no] = prepared
            self._show_unsettled(prepared, report)
        else:
            self._about(prepared.bill_no)
            self.outcome.show_report(self._not_made(prepared, report))
        self._update_refund_button()

    @staticmethod
    def _not_made(prepared: PreparedRefund, report: ErrorReport) -> ErrorReport:
        """A refund that surely did not happen: refused by BeeCloud, or never sent."""
        nothing = QCoreApplication.translate(
            "RefundTab", "Nothing was refunded for bill {bill_no}."
        ).format(bill_no=prepared.bill_no)
        if report.kind == "api":
            title = QCoreApplication.translate(
                "RefundTab", "Refund {refund_no} was not made: BeeCloud refused it"
            ).format(refund_no=prepared.refund_no)
            message = nothing
        else:
            title = QCoreApplication.translate(
                "RefundTab", "Refund {refund_no} was not sent: {reason}"
            ).format(refund_no=prepared.refund_no, reason=report.title)
            message = f"{nothing} {report.message}"
        return replace(
            report,
            title=title,
            message=message,
            bill_no=prepared.bill_no,
            refund_no=prepared.refund_no,
        )

    # -- outcomes and checking ---------------------------------------------------------

    def _about(self, bill_no: str, check: PreparedRefund | None = None) -> None:
        """The outcome panel is about to show news of this bill (and maybe a refund to check)."""
        self._outcome_bill_no = bill_no
        self._check_target = check
        self._update_check_button()

    def _clear_outcome(self) -> None:
        self._outcome_bill_no = None
        self._check_target = None
        self.outcome.clear()
        self._update_check_button()

    def _show_unsettled(self, prepared: PreparedRefund, report: ErrorReport | None = None) -> None:
        if report is not None and report.hosts:
            what_happened = self.tr("no answer came back from {host}").format(host=report.hosts[0])
        elif report is not None:
            what_happened = self.tr("its answer could not be read")
        else:
            what_happened = self.tr("no answer came back")
        message = self.tr(
            "{subject} was sent through the profile “{profile}”, but {what_happened}. "
            "It may or may not have been made. "
            "Press “Check now” to ask BeeCloud; do not refund this bill again before that."
        ).format(
            subject=prepared.subject(),
            profile=prepared.profile_name,
            what_happened=what_happened,
        )
        self._about(prepared.bill_no, check=prepared)
        self.outcome.show_report(
            ErrorReport(
                "outcome_unknown",
                self.tr("Outcome unknown: refund {refund_no}").format(refund_no=prepared.refund_no),
                message,
                bill_no=prepared.bill_no,
                refund_no=prepared.refund_no,
            )
        )

    def _update_check_button(self) -> None:
        target = self._check_target
        self.check_button.setVisible(target is not None)
        hint = ""
        if target is not None:
            checking = self.session.gateway.is_busy(CHECK_TOPIC)
            other_profile = target.profile_id != self.session.profile.id
            self.check_button.setEnabled(not checking and not other_profile)
            if other_profile:
                hint = self.tr(
                    "Switch back to the profile “{profile}” to check this refund."
                ).format(profile=target.profile_name)
            elif checking:
                hint = self.tr("Asking BeeCloud about refund {refund_no}…").format(
                    refund_no=target.refund_no
                )
        self.check_hint.setText(hint)
        self.check_hint.setVisible(bool(hint))

    @Slot()
    def check_now(self) -> None:
        """Ask for the unsettled refund by its refund_no; never send it again."""
        target = self._check_target
        if target is None or target.profile_id != self.session.profile.id:
            return
        if self.session.gateway.is_busy(CHECK_TOPIC):
            return
        self.session.submit(
            CHECK_TOPIC,
            FIND_REFUND,
            target.refund_no,
            self.tr("Checking refund {refund_no}").format(refund_no=target.refund_no),
        )
        self._update_check_button()

    def _unsettled_by_refund_no(self, refund_no: str) -> PreparedRefund | None:
        return next((p for p in self.unsettled.values() if p.refund_no == refund_no), None)

    def _on_checked(self, refund_no: str, record: RefundRecord | None) -> None:
        self._show_checked(refund_no, record)
        self.reconciler.apply_found(refund_no, record)

    def _show_checked(self, refund_no: str, record: RefundRecord | None) -> None:
        prepared = self._unsettled_by_refund_no(refund_no)
        if prepared is None:
            return
        if record is not None and not record.finished:
            self._about(prepared.bill_no, check=prepared)
            self.outcome.show_pending(
                self.tr("Refund {refund_no} is in progress").format(refund_no=refund_no),
                self.tr(
                    "BeeCloud has it ({subject}) but has not finished it. Check again later."
                ).format(subject=prepared.subject()),
            )
            return
        del self.unsettled[prepared.bill_no]
        self._about(prepared.bill_no)
        if record is None:
            self._show_absent(prepared)
        elif record.succeeded:
            self._show_made(prepared, record)
        else:
            self.outcome.show_report(
                ErrorReport(
                    "api",
                    self.tr("Refund {refund_no} was refused").format(refund_no=refund_no),
                    self.tr("BeeCloud refused it; nothing was refunded for bill {bill_no}.").format(
                        bill_no=prepared.bill_no
                    ),
                )
            )
        if self._bill is not None and self._bill.bill_no == prepared.bill_no:
            self._load_history(prepared.bill_no)
        self._update_refund_button()

    def _show_absent(self, prepared: PreparedRefund) -> None:
        self.outcome.show_report(
            ErrorReport(
                "not_made",
                self.tr("No refund with number {refund_no} exists: it did not happen").format(
                    refund_no=prepared.refund_no
                ),
                self.tr(
                    "Nothing was refunded for bill {bill_no}. Send it again with the same "
                    "refund number, or drop it, under {where}."
                ).format(bill_no=prepared.bill_no, where=_tr(TO_CHECK)),
                bill_no=prepared.bill_no,
                refund_no=prepared.refund_no,
            )
        )

    @Slot()
    def _on_journal_changed(self) -> None:
        """A refund of unknown outcome settled elsewhere (Refunds to check, a restart check)."""
        for bill_no, prepared in list(self.unsettled.items()):
            entry = self.reconciler.entry(prepared.refund_no)
            if entry is None or entry.state in (SENDING, UNKNOWN):
                continue
            del self.unsettled[bill_no]
            if self._check_target is prepared:
                self._show_settled(prepared, entry)
        self._update_refund_button()

    def _show_settled(self, prepared: PreparedRefund, entry: JournalEntry) -> None:
        self._about(prepared.bill_no)
        if entry.state == DONE:
            self.outcome.show_success(
                self.tr("The refund was made"),
                self.tr("{subject} was made. {detail}").format(
                    subject=prepared.subject(), detail=journal_detail(entry)
                ),
            )
        elif entry.state == ABSENT:
            self._show_absent(prepared)
        else:
            self.outcome.show_report(
                ErrorReport(
                    "not_made",
                    self.tr("Refund {refund_no} was not made").format(refund_no=prepared.refund_no),
                    self.tr("Nothing was refunded for bill {bill_no}. {detail}").format(
                        bill_no=prepared.bill_no, detail=journal_detail(entry)
                    ),
                )
            )

    def _show_made(self, prepared: PreparedRefund, record: RefundRecord) -> None:
        amount = amount_text(record.refund_fee, prepared.amount.currency)
        self._about(prepared.bill_no)
        self.outcome.show_success(
            self.tr("The refund was made"),
            self.tr("Refund {refund_no} of {amount} for bill {bill_no} was made on {time}.").format(
                refund_no=record.refund_no,
                amount=amount,
                bill_no=record.bill_no,
                time=local_time(record.created_time),
            ),
        )

    def _settle_from_history(self, records: list[RefundRecord]) -> None:
        """A refund of unknown outcome that the bill's own refund list shows as made."""
        for record in records:
            prepared = self._unsettled_by_refund_no(record.refund_no)
            if prepared is None or prepared.profile_id != self.session.profile.id:
                continue
            if record.finished and record.succeeded:
                del self.unsettled[prepared.bill_no]
                self._show_made(prepared, record)
                self._update_refund_button()
        self.reconciler.apply_listed(records)

    def _on_check_failed(self, refund_no: str, report: ErrorReport) -> None:
        prepared = self._unsettled_by_refund_no(refund_no)
        if prepared is None:
            return
        self._about(prepared.bill_no, check=prepared)
        self.outcome.show_report(
            replace(
                report,
                kind="outcome_unknown",
                title=self.tr(
                    "Could not check refund {refund_no}: its outcome is still unknown"
                ).format(refund_no=refund_no),
            )
        )

    # -- answers ------------------------------------------------------------------------

    @Slot(object, object)
    def _on_page(self, job: Job, records: list[Any]) -> None:
        if job.topic == HISTORY_TOPIC:
            self._collect_page(job, records)

    @Slot(object, object)
    def _on_finished(self, job: Job, result: Any) -> None:
        if job.topic == FIND_TOPIC:
            self._show_bill(job.request, result)
        elif job.topic == HISTORY_TOPIC:
            self._show_history(job)
        elif job.topic == CHECK_TOPIC:
            self._on_checked(job.request, result)
            self._update_check_button()
        elif job.topic.startswith(SEND_TOPIC_PREFIX):
            self._on_refunded(job.topic)

    @Slot(object, object)
    def _on_failed(self, job: Job, report: ErrorReport) -> None:
        if job.topic == FIND_TOPIC:
            if job.request == self._looking_for:
                self.lookup_status.setText(
                    self.tr("Could not look up bill {bill_no}.\n{report}").format(
                        bill_no=job.request, report=report.text()
                    )
                )
        elif job.topic == HISTORY_TOPIC:
            self._history_pages.pop(job.id, None)
            if job.request.bill_no == self._looking_for:
                self._set_history_status(
                    self.tr("Could not load its refunds: {reason}.").format(reason=report.title)
                )
        elif job.topic == CHECK_TOPIC:
            self._on_check_failed(job.request, report)
        elif job.topic.startswith(SEND_TOPIC_PREFIX):
            self._on_refund_failed(job.topic, report)

    @Slot(object, object)
    def _on_refused(self, job: Job, report: ErrorReport) -> None:
        """The session could not prepare the job (e.g. no secret): nothing was sent."""
        self._on_failed(job, report)

    @Slot(object)
    def _on_profile_changed(self, profile: Profile) -> None:
        for topic in (FIND_TOPIC, HISTORY_TOPIC):
            self.session.gateway.cancel(topic)
        self._history_pages.clear()
        self._clear_bill()
        self.bill_no_error.set_message(None)
        if self.outcome.kind not in ("pending", "outcome_unknown"):
            self._clear_outcome()
        self._update_check_button()
