"""The Refund tab's Refund box: the amount (checked beside its field: positive,
whole units for HUF/JPY/TWD, never above the bill), a note (without a control
character: checked beside it), the refund number once it is made, and the Refund
button with the reason it is off."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from console.api.cards import card_number_in, cvv_in
from console.api.money import Money, format_money
from console.api.validate import CONTROL_CHARACTERS, shown_words, shows_nothing
from console.gui.amount_field import AmountField
from console.gui.feedback import FieldError
from console.gui.plain_text import PlainLabel, plain_tip
from console.gui.tabs.refund.outcome import RefundOutcome
from console.translatable import QT_TRANSLATE_NOOP

NO_REFUND_NO = QT_TRANSLATE_NOOP("RefundForm", "Made when you press Refund")
# The longest note sent. Said beside the field, never a maxLength: that cut a note pasted
# longer to its first 200 characters without a word, and the cut one was sent.
NOTE_MAX_CHARS = 200


class RefundForm(QGroupBox):
    """What the next refund of the bill shown will be; the outcome of the last one
    is shown below it (by `outcome`, which owns those widgets)."""

    currency_picked = Signal()  # the user picked another currency for a bill that has none
    checked = Signal()  # the amount or the note was checked again: refusal() may have changed

    def __init__(self, outcome: RefundOutcome) -> None:
        super().__init__()
        self.bill_total: int | None = None  # hundredths of the bill shown; None: no bill
        self._default_amount_text = ""
        self.setTitle(self.tr("Refund"))
        self.amount_input = AmountField(may_be_unknown=True)
        self.amount_input.changed.connect(self._on_amount_changed)
        self.amount_input.currency_picker.currentIndexChanged.connect(self._on_currency_picked)
        self.whole_button = QPushButton(self.tr("Whole bill"))
        self.whole_button.setToolTip(self.tr("Refund the bill's whole amount"))
        self.whole_button.clicked.connect(self.reset_amount)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_input, 1)
        amount_row.addWidget(self.whole_button)
        self.amount_error = FieldError()
        self.amount_error.describe(self.amount_input.amount_edit)
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("Optional, e.g. item returned damaged"))
        self.note_error = FieldError()
        self.note_error.describe(self.note_edit)
        self.note_edit.textChanged.connect(self._on_note_changed)
        self.refund_no_label = PlainLabel()
        self.forget_refund_no()
        self.refund_no_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # its labels above their fields in a narrow window (console/gui/narrow_forms.py)
        self.fields = form = QFormLayout()
        form.addRow(self.tr("Amount:"), amount_row)
        form.addRow("", self.amount_error)
        form.addRow(self.tr("Note:"), self.note_edit)
        form.addRow("", self.note_error)
        form.addRow(self.tr("Refund number:"), self.refund_no_label)
        self.refund_button = QPushButton(self.tr("Refund…"))
        self.refund_button.setMinimumWidth(140)
        self.refund_hint = PlainLabel()
        self.refund_hint.setWordWrap(True)
        button_row = QHBoxLayout()
        button_row.addWidget(self.refund_button)
        button_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(button_row)
        layout.addWidget(self.refund_hint)
        outcome.add_to(layout)
        layout.addStretch(1)

    note_bill: str | None = None  # the bill the note was typed for (it stays with it)

    def clear(self) -> None:
        """No bill: an empty amount of unknown currency, which cannot be changed."""
        self.bill_total = None
        self.amount_input.amount_edit.clear()
        self.amount_input.set_currency(None)
        self.amount_input.set_currency_locked(True)
        self.amount_error.set_message(None)

    def show_state(self, has_bill: bool, blocked: str | None, shown: str | None = None) -> None:
        """The Refund button on unless `blocked` says why not (as its tooltip and
        description: a button that does nothing when pressed is off, and says why to the
        mouse and the screen reader too; beside it as `shown`, when what blocks it is said
        beside a field already); the fields need a bill."""
        self.refund_button.setEnabled(blocked is None)
        self.refund_button.setToolTip(plain_tip(blocked) if blocked else "")
        self.refund_button.setAccessibleDescription(blocked or "")
        for widget in (self.amount_input, self.whole_button, self.note_edit):
            widget.setEnabled(has_bill)
        hint = (shown or blocked) if blocked else ""
        self.refund_hint.setText(hint)
        self.refund_hint.setVisible(bool(hint))

    def refusal(self) -> str | None:
        """Why the amount or the note typed cannot be sent (the field named), or None."""
        if self.bill_total is None:
            return None
        problem = self.amount_problem()
        if problem:
            return self.tr("Amount: {problem}").format(problem=problem)
        problem = self.note_problem()
        if problem:
            return self.tr("Note: {problem}").format(problem=problem)
        return None

    def fields_to_correct(self) -> str | None:
        """The refusal's short form, beside Refund… when the fields refused say it whole
        beside them: the fields to correct; None when one of them does not say it (the
        currency a bill does not say, before anything is typed)."""
        if self.bill_total is None:
            return None
        refused = [
            (name, problem, error)
            for name, problem, error in (
                (self.tr("Amount"), self.amount_problem(), self.amount_error),
                (self.tr("Note"), self.note_problem(), self.note_error),
            )
            if problem
        ]
        if not refused or any(error.isHidden() or error.text() != problem
                              for _, problem, error in refused):  # fmt: skip
            return None
        names = self.tr(", ").join(name for name, _, _ in refused)
        return self.tr("To refund, correct: {fields}.").format(fields=names)

    def show_no_amount(self) -> None:
        """The bill can be refunded no more: no amount is offered."""
        self.amount_input.amount_edit.clear()
        self._default_amount_text = ""
        self.amount_error.set_message(None)

    def show_refund_no(self, refund_no: str) -> None:
        self.refund_no_label.setText(refund_no)

    def forget_refund_no(self) -> None:
        """No refund is being prepared or sent from this form."""
        self.refund_no_label.setText(QCoreApplication.translate("RefundForm", NO_REFUND_NO))

    # -- the amount -------------------------------------------------------------------

    def typed_amount(self) -> tuple[str, str | None] | None:
        """The amount as typed (its text and currency), None while it is the whole bill
        offered, or there is no bill."""
        text = self.amount_input.amount_edit.text()
        if self.bill_total is None or text == self._default_amount_text:
            return None
        return text, self.amount_input.currency_code()

    def retype_amount(self, typed: tuple[str, str | None]) -> None:
        """The amount typed before, back in its field (its currency too, when the bill's
        is not known and the clerk picked it)."""
        text, currency = typed
        if not self.amount_input.is_currency_locked():
            self.amount_input.set_currency(currency)
        self.amount_input.amount_edit.setText(text)
        self._on_amount_changed()

    @Slot()
    def reset_amount(self) -> None:
        """The whole bill, in the currency shown."""
        if self.bill_total is None:
            return
        self.amount_input.set_hundredths(self.bill_total)
        self._default_amount_text = self.amount_input.amount_edit.text()
        self._on_amount_changed()

    @Slot()
    def _on_currency_picked(self) -> None:
        if self.bill_total is None:
            return
        if self.amount_input.amount_edit.text() == self._default_amount_text:
            self.reset_amount()
        self.currency_picked.emit()

    @Slot()
    def _on_amount_changed(self) -> None:
        if self.bill_total is not None:
            self.amount_error.set_message(self.amount_problem())
            self.checked.emit()

    def amount_problem(self) -> str | None:
        """Why the amount cannot be refunded, in words for beside the field."""
        if self.bill_total is None:
            return None
        error = self.amount_input.error()
        money = self.amount_input.money()
        if error or money is None:
            return error
        if money.hundredths > self.bill_total:
            whole = format_money(Money(self.bill_total, money.currency))
            return self.tr("At most {amount}, the whole bill: a refund cannot exceed it.").format(
                amount=whole
            )
        return None

    def check_amount(self) -> Money | None:
        """The amount to refund, or None after showing why it cannot be (focus on it)."""
        problem = self.amount_problem()
        self.amount_error.set_message(problem)
        money = self.amount_input.money()
        if problem or money is None:
            self.amount_input.amount_edit.setFocus()
            return None
        return money

    # -- the note ---------------------------------------------------------------------

    def note(self) -> str:
        """The note as it is sent: without the blanks and invisible characters around it
        and inside it (shown_words) that a chat or a web page copies with it (strip() left
        a zero-width space or a byte-order mark on, sent to BeeCloud); one that shows
        nothing is none."""
        note = shown_words(self.note_edit.text())
        return "" if shows_nothing(note) else note

    def note_problem(self) -> str | None:
        """Why the note cannot be sent, in words for beside the field: a control
        character or direction mark, invisible, that would reach BeeCloud and the audit
        log (a right-to-left override turns the entry around)."""
        if CONTROL_CHARACTERS.search(self.note()):
            return self.tr(
                "Enter a note without control characters (tab, line break, direction marks)."
            )
        if len(self.note()) > NOTE_MAX_CHARS:
            return self.tr("A note holds at most {limit} characters; this one has {count}.").format(
                limit=NOTE_MAX_CHARS, count=len(self.note())
            )
        if card_number_in(self.note()):
            return self.tr(
                "This looks like a card number. A note is sent to BeeCloud and kept with the "
                "refund, so it never holds one: if it is an order number, split it with a “/”."
            )
        if cvv_in(self.note()):
            return self.tr(
                "This looks like a card's security code (CVV). A note is sent to BeeCloud and "
                "kept with the refund, so it never holds one: leave the code out. (Not a "
                "code, a year say? Put the number before the word: “2024 CSC”.)"
            )
        return None

    def check_note(self) -> bool:
        """Whether the note can be sent; if not, says why beside it (focus on it)."""
        problem = self.note_problem()
        self.note_error.set_message(problem)
        if problem:
            self.note_edit.setFocus()
        return problem is None

    @Slot()
    def _on_note_changed(self) -> None:
        """Checked as it is typed, as the amount is: Refund… is off while it is refused."""
        self.note_error.set_message(self.note_problem())
        self.checked.emit()
