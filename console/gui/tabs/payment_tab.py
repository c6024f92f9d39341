"""New payment tab: pay by PayPal (the payer approves in a browser), by card, or
by a card saved earlier.

Every field is checked as it is typed, with the same rules the client and the
sandbox use (console.api.validate.validate_bill on the request as it would go on
the wire), and each message appears under its field; Pay stays disabled until
nothing is left to correct, and while a payment is on its way. The card number
and CVV are cleared as soon as a payment is submitted. A payment whose answer
never came is never re-sent: "Check now" asks the bill query what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.channels import PAY_CHANNELS, PAYPAL_CREDITCARD, PAYPAL_PAYPAL
from console.api.channels import PAYPAL_SAVED_CREDITCARD as PAYPAL_SAVED
from console.api.ids import new_bill_no
from console.api.models import BillRecord, BillRequest, PayResult
from console.api.money import CURRENCIES, Money, format_amount, format_money
from console.api.validate import TITLE_MAX_BYTES, title_bytes, validate_bill
from console.gui import colours
from console.gui.amount_field import DEFAULT_CURRENCY, AmountField
from console.gui.api_texts import problem_text
from console.gui.browser import open_url
from console.gui.feedback import (
    ERROR_COLOUR,
    OK_COLOUR,
    WARN_COLOUR,
    FieldError,
    OutcomePanel,
    field_cell,
)
from console.gui.jobs import FIND_BILL, PAY, ErrorReport, Job
from console.gui.profiles import Profile
from console.gui.session import ConsoleSession
from console.gui.stored_texts import profile_label
from console.gui.tabs import card_form
from console.gui.tabs.card_form import CardForm

TOPIC = "payment"
CHECK_TOPIC = "payment-check"
CURRENCY_KEY = "payment/currency"
RETURN_URL_KEY = "payment/return_url"
SANDBOX_RETURN_PATH = "/paypal/return"

# Texts of the module's tables are marked here and translated when shown (_tr).
CHANNEL_LABELS: dict[str, str] = {
    PAYPAL_PAYPAL: QT_TRANSLATE_NOOP("PaymentTab", "PayPal (the payer approves in a browser)"),
    PAYPAL_CREDITCARD: QT_TRANSLATE_NOOP("PaymentTab", "Card"),
    PAYPAL_SAVED: QT_TRANSLATE_NOOP("PaymentTab", "Saved card"),
}

# Keys of the form's own fields: their wire names.
AMOUNT, BILL_NO, TITLE, RETURN_URL, SAVED_CARD, OTHER = (
    "total_fee",
    "bill_no",
    "title",
    "return_url",
    "credit_card_id",
    "other",
)

LABELS: dict[str, str] = {
    AMOUNT: QT_TRANSLATE_NOOP("PaymentTab", "Amount"),
    BILL_NO: QT_TRANSLATE_NOOP("PaymentTab", "Bill number"),
    TITLE: QT_TRANSLATE_NOOP("PaymentTab", "Title"),
    RETURN_URL: QT_TRANSLATE_NOOP("PaymentTab", "Return address"),
    SAVED_CARD: QT_TRANSLATE_NOOP("PaymentTab", "Saved card"),
}

EMPTY_MESSAGES: dict[str, str] = {
    BILL_NO: QT_TRANSLATE_NOOP("PaymentTab", "Enter a bill number (or press New number)."),
    TITLE: QT_TRANSLATE_NOOP("PaymentTab", "Enter a title: what the payer is paying for."),
    RETURN_URL: QT_TRANSLATE_NOOP(
        "PaymentTab", "Enter the address PayPal sends the payer back to."
    ),
    SAVED_CARD: QT_TRANSLATE_NOOP("PaymentTab", "Choose a saved card."),
}


def label_of(key: str) -> str:
    """A field's label in the language shown (the card's fields too)."""
    if key in LABELS:
        return QCoreApplication.translate("PaymentTab", LABELS[key])
    return card_form.label_of(key)


def empty_message(key: str) -> str:
    """What to say while a field is empty, in the language shown."""
    if key in EMPTY_MESSAGES:
        return QCoreApplication.translate("PaymentTab", EMPTY_MESSAGES[key])
    return card_form.empty_message(key)


def field_keys() -> list[str]:
    """Every field's key, in the order of the form."""
    return [*LABELS, *card_form.LABELS]


# Wire fields whose problems are shown under another field's row.
SHOWN_UNDER: dict[str, str] = {
    "currency": AMOUNT,
    card_form.EXPIRE_YEAR: card_form.EXPIRY,
    "credit_card_info": card_form.NUMBER,
}


@dataclass(frozen=True)
class Submitted:
    """What the tab keeps of a payment on its way: never the card number or CVV."""

    bill_no: str
    channel: str
    money: Money
    profile_id: str
    card_description: str = ""


def _read_only(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setReadOnly(True)
    edit.setPlaceholderText(placeholder)
    return edit


class PaymentTab(QWidget):
    def __init__(self, session: ConsoleSession) -> None:
        super().__init__()
        self.session = session
        self.submitted: Submitted | None = None  # the payment on its way
        self.unknown: Submitted | None = None  # the payment whose outcome is unknown
        self.card_result: Submitted | None = None  # the card payment whose card may be saved
        self.card_id = ""
        self._touched: set[str] = set()
        self._return_url_default = ""
        self._problems: dict[str, list[str]] = {}

        self._build_fields()
        self._build_results()
        self._lay_out()
        self._connect()

        self.set_channel(PAYPAL_PAYPAL)
        self.refresh_saved_cards()
        self._refresh_return_url_default()
        self.revalidate()

    # -- building -------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.errors: dict[str, FieldError] = {
            key: FieldError() for key in (AMOUNT, BILL_NO, TITLE, RETURN_URL, SAVED_CARD, OTHER)
        }
        self.channel_group = QButtonGroup(self)
        self.channel_buttons: dict[str, QRadioButton] = {}
        for channel in PAY_CHANNELS:
            button = QRadioButton(QCoreApplication.translate("PaymentTab", CHANNEL_LABELS[channel]))
            self.channel_buttons[channel] = button
            self.channel_group.addButton(button)

        saved = str(self.session.settings.value(CURRENCY_KEY, DEFAULT_CURRENCY))
        self.amount = AmountField(saved if saved in CURRENCIES else DEFAULT_CURRENCY)

        self.bill_no_edit = QLineEdit(new_bill_no())
        self.bill_no_edit.setMinimumWidth(300)
        self.bill_no_edit.setAccessibleName(self.tr("Bill number"))
        self.new_bill_no_button = QPushButton(self.tr("New number"))
        self.new_bill_no_button.setToolTip(self.tr("Make a fresh, unused bill number"))

        self.title_edit = QLineEdit()
        self.title_edit.setMinimumWidth(360)
        self.title_edit.setPlaceholderText(self.tr("What the payer pays for, e.g. Order 1234"))
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_counter = QLabel()

        self.return_url_edit = QLineEdit()
        self.return_url_edit.setMinimumWidth(420)
        self.return_url_edit.setPlaceholderText("https://your-shop.example/paypal/return")
        self.return_url_edit.setAccessibleName(self.tr("Return address"))
        self.return_url_edit.setToolTip(
            self.tr("Where PayPal sends the payer's browser after they approve or cancel")
        )

        self.saved_card_picker = QComboBox()
        self.saved_card_picker.setMinimumWidth(360)
        self.saved_card_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.saved_card_picker.setAccessibleName(self.tr("Saved card"))

        self.card = CardForm(self)

        self.pay_button = QPushButton(self.tr("Pay"))
        self.pay_button.setMinimumWidth(140)
        self.pay_status = QLabel()  # what happened to the last payment, or what is on its way
        self.pay_status.setWordWrap(True)
        self.pay_status.hide()
        self.pay_hint = QLabel()  # which fields still need attention
        self.pay_hint.setWordWrap(True)
        self.pay_hint.setEnabled(False)

    def _build_results(self) -> None:
        self.outcome = OutcomePanel()

        self.approval_url_edit = _read_only()
        self.approval_url_edit.setMinimumWidth(420)
        self.copy_url_button = QPushButton(self.tr("Copy"))
        self.open_url_button = QPushButton(self.tr("Open again"))
        self.approval_row = field_cell(
            QLabel(self.tr("PayPal approval page:")),
            self.approval_url_edit,
            self.copy_url_button,
            self.open_url_button,
            stretch=False,
        )

        self.card_id_edit = _read_only()
        self.card_id_edit.setMinimumWidth(300)
        self.card_label_edit = QLineEdit()
        self.card_label_edit.setMinimumWidth(260)
        self.card_label_edit.setAccessibleName(self.tr("Card label"))
        self.save_card_button = QPushButton(self.tr("Save"))
        self.card_saved_label = QLabel()
        self.save_card_line = QWidget()
        save_line = QHBoxLayout(self.save_card_line)
        save_line.setContentsMargins(0, 0, 0, 0)
        save_line.addWidget(QLabel(self.tr("Remember this card as")))
        save_line.addWidget(self.card_label_edit)
        save_line.addWidget(self.save_card_button)
        save_line.addStretch(1)
        self.card_row = QWidget()
        card_column = QVBoxLayout(self.card_row)
        card_column.setContentsMargins(0, 0, 0, 0)
        card_column.addWidget(
            field_cell(QLabel(self.tr("PayPal card id:")), self.card_id_edit, self.card_saved_label)
        )
        card_column.addWidget(self.save_card_line)

        self.check_button = QPushButton(self.tr("Check now"))
        self.check_button.setToolTip(
            self.tr("Ask BeeCloud whether the bill exists; nothing is sent again")
        )
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_row = field_cell(self.check_button, self.check_result, stretch=False)

        for row in (self.approval_row, self.card_row, self.check_row):
            row.hide()

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        channels = field_cell(*self.channel_buttons.values())
        self.form.addRow(self.tr("Pay with:"), channels)
        self.form.addRow(self.tr("Amount:"), field_cell(self.amount, error=self.errors[AMOUNT]))
        self.form.addRow(
            self.tr("Bill number:"),
            field_cell(self.bill_no_edit, self.new_bill_no_button, error=self.errors[BILL_NO]),
        )
        self.form.addRow(
            self.tr("Title:"),
            field_cell(self.title_edit, self.title_counter, error=self.errors[TITLE]),
        )
        self.return_url_cell = field_cell(self.return_url_edit, error=self.errors[RETURN_URL])
        self.form.addRow(self.tr("Return address:"), self.return_url_cell)
        self.saved_card_cell = field_cell(self.saved_card_picker, error=self.errors[SAVED_CARD])
        self.form.addRow(self.tr("Saved card:"), self.saved_card_cell)
        self.card.add_rows(self.form)
        notes = QWidget()
        notes_column = QVBoxLayout(notes)
        notes_column.setContentsMargins(0, 0, 0, 0)
        notes_column.setSpacing(2)
        notes_column.addWidget(self.pay_status)
        notes_column.addWidget(self.pay_hint)
        pay_row = QWidget()
        pay_line = QHBoxLayout()
        pay_line.setContentsMargins(0, 0, 0, 0)
        pay_line.addWidget(self.pay_button, 0, Qt.AlignmentFlag.AlignTop)
        pay_line.addWidget(notes, 1)
        pay_column = QVBoxLayout(pay_row)
        pay_column.setContentsMargins(0, 8, 0, 0)
        pay_column.addLayout(pay_line)
        pay_column.addWidget(self.errors[OTHER])
        self.form.addRow("", pay_row)

        page = QWidget()
        page.setMaximumWidth(980)
        column = QVBoxLayout(page)
        column.addLayout(self.form)
        column.addWidget(self.approval_row)
        column.addWidget(self.card_row)
        column.addWidget(self.outcome)
        column.addWidget(self.check_row)
        column.addStretch(1)

        holder = QWidget()
        holder_layout = QHBoxLayout(holder)
        holder_layout.addWidget(page, 1)
        holder_layout.addStretch(0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def _connect(self) -> None:
        self.channel_group.buttonToggled.connect(self._on_channel_toggled)
        self.amount.changed.connect(self.revalidate)
        self.amount.amount_edit.textChanged.connect(lambda _t: self._touch(AMOUNT))
        self.amount.currency_picker.currentIndexChanged.connect(self._remember_currency)
        self.bill_no_edit.textChanged.connect(lambda _t: self._touch(BILL_NO))
        self.new_bill_no_button.clicked.connect(self.new_bill_no)
        self.title_edit.textChanged.connect(lambda _t: self._touch(TITLE))
        self.return_url_edit.textChanged.connect(lambda _t: self._touch(RETURN_URL))
        self.saved_card_picker.currentIndexChanged.connect(lambda _i: self._touch(SAVED_CARD))
        self.card.edited.connect(self._touch)
        self.pay_button.clicked.connect(self.pay)
        self.copy_url_button.clicked.connect(self.copy_approval_url)
        self.open_url_button.clicked.connect(self.open_approval_url)
        self.card_label_edit.textChanged.connect(
            lambda text: self.save_card_button.setEnabled(bool(text.strip()))
        )
        self.save_card_button.clicked.connect(self.save_card)
        self.check_button.clicked.connect(self.check_now)
        gateway = self.session.gateway
        gateway.finished.connect(self._on_finished)
        gateway.failed.connect(self._on_failed)
        self.session.job_refused.connect(self._on_refused)
        self.session.profile_changed.connect(self._on_profile_changed)

    # -- the form -------------------------------------------------------------------

    def channel(self) -> str:
        for channel, button in self.channel_buttons.items():
            if button.isChecked():
                return channel
        return PAYPAL_PAYPAL

    def set_channel(self, channel: str) -> None:
        self.channel_buttons[channel].setChecked(True)
        self._show_channel_fields(channel)

    @Slot(object, bool)
    def _on_channel_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._show_channel_fields(self.channel())
            self.revalidate()

    def _show_channel_fields(self, channel: str) -> None:
        self.form.setRowVisible(self.return_url_cell, channel == PAYPAL_PAYPAL)
        self.form.setRowVisible(self.saved_card_cell, channel == PAYPAL_SAVED)
        self.card.set_visible(self.form, channel == PAYPAL_CREDITCARD)

    @Slot()
    def new_bill_no(self) -> None:
        self.bill_no_edit.setText(new_bill_no())

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self.revalidate()

    @Slot(int)
    def _remember_currency(self, _index: int) -> None:
        self.session.settings.setValue(CURRENCY_KEY, self.amount.currency())

    def build_request(self, money: Money) -> BillRequest:
        """The payment the form describes, for `money` (the amount itself is checked apart)."""
        channel = self.channel()
        return BillRequest(
            channel=channel,
            amount=money,
            bill_no=self.bill_no_edit.text().strip(),
            title=self.title_edit.text(),
            return_url=self.return_url_edit.text().strip() if channel == PAYPAL_PAYPAL else None,
            card=self.card.card_info() if channel == PAYPAL_CREDITCARD else None,
            credit_card_id=self._saved_card_id() if channel == PAYPAL_SAVED else None,
        )

    def _empty_keys(self) -> set[str]:
        empty = {
            key
            for key, edit in (
                (BILL_NO, self.bill_no_edit),
                (TITLE, self.title_edit),
                (RETURN_URL, self.return_url_edit),
            )
            if not edit.text().strip()
        }
        if self._saved_card_id() is None:
            empty.add(SAVED_CARD)
        return empty | self.card.empty_keys()

    def problems(self) -> dict[str, list[str]]:
        """Every problem of the form, by field key, in words for the user."""
        found: dict[str, list[str]] = {}

        def add(key: str, message: str) -> None:
            messages = found.setdefault(key, [])
            if message not in messages:
                messages.append(message)

        money = self.amount.money()
        amount_error = self.amount.error()
        if amount_error:
            add(AMOUNT, amount_error)
        placeholder = Money(100, self.amount.currency())
        empty = self._empty_keys()
        for problem in validate_bill(self.build_request(money or placeholder).to_wire()):
            key = SHOWN_UNDER.get(problem.field, problem.field)
            if key == AMOUNT and money is None:
                continue
            if key not in self.errors and key not in self.card.errors:
                key = OTHER
            add(key, empty_message(key) if key in empty else problem_text(problem))
        if self.channel() == PAYPAL_CREDITCARD:
            luhn = self.card.number_problem()
            if luhn:
                add(card_form.NUMBER, luhn)
        return found

    def _error_label(self, key: str) -> FieldError:
        return self.errors.get(key) or self.card.errors[key]

    @Slot()
    def revalidate(self) -> None:
        self._problems = self.problems()
        for key in (*self.errors, *self.card.errors):
            shown = key in self._touched or key == OTHER
            messages = self._problems.get(key, []) if shown else []
            self._error_label(key).set_message("\n".join(messages) or None)
        self._update_title_counter()
        self._update_pay_button()

    def _update_title_counter(self) -> None:
        try:
            size = title_bytes(self.title_edit.text())
        except UnicodeEncodeError:
            size = TITLE_MAX_BYTES + 1
        self.title_counter.setText(
            self.tr("{size} / {limit} bytes").format(size=size, limit=TITLE_MAX_BYTES)
        )
        colour = ERROR_COLOUR if size > TITLE_MAX_BYTES else colours.MUTED
        colours.paint(self.title_counter, f"color: {colour};")
        self.title_counter.setToolTip(
            self.tr("A Chinese character counts 2 bytes, a letter or digit 1")
        )

    def _update_pay_button(self) -> None:
        in_flight = self.submitted is not None
        self.pay_button.setEnabled(not in_flight and not self._problems)
        names = self.tr(", ").join(label_of(key) for key in field_keys() if key in self._problems)
        self.pay_hint.setText(
            self.tr("To pay, complete: {fields}.").format(fields=names)
            if names and not in_flight
            else ""
        )
        self.pay_hint.setVisible(bool(self.pay_hint.text()))

    def _set_status(self, text: str, colour: str) -> None:
        self.pay_status.setText(text)
        colours.paint(self.pay_status, f"color: {colour};")
        self.pay_status.setVisible(bool(text))

    # -- return address and saved cards ------------------------------------------------

    def return_url_default(self) -> str:
        saved = str(self.session.settings.value(RETURN_URL_KEY, "") or "")
        if saved:
            return saved
        sandbox = self.session.sandbox
        if self.session.profile.is_sandbox and sandbox is not None:
            return f"{sandbox.base_url}{SANDBOX_RETURN_PATH}"
        return ""

    def _refresh_return_url_default(self) -> None:
        """Put the default in the field unless the user typed an address of their own."""
        default = self.return_url_default()
        if self.return_url_edit.text().strip() in ("", self._return_url_default):
            self.return_url_edit.setText(default)
        self._return_url_default = default

    def _remember_return_url(self, url: str) -> None:
        """An address the user chose is kept; the sandbox's own landing page is not."""
        sandbox = self.session.sandbox
        if sandbox is not None and url.startswith(sandbox.base_url + "/"):
            return
        self.session.settings.setValue(RETURN_URL_KEY, url)
        self._return_url_default = url

    def _saved_card_id(self) -> str | None:
        card_id = self.saved_card_picker.currentData()
        return str(card_id) if card_id else None

    def refresh_saved_cards(self, select: str | None = None) -> None:
        picker = self.saved_card_picker
        keep = select or self._saved_card_id()
        picker.blockSignals(True)
        picker.clear()
        for card in self.session.local.saved_cards(self.session.profile.id):
            picker.addItem(f"{card.label} ({card.credit_card_id})", card.credit_card_id)
        index = picker.findData(keep) if keep else -1
        picker.setCurrentIndex(index if index >= 0 else (0 if picker.count() else -1))
        picker.setEnabled(picker.count() > 0)
        picker.setPlaceholderText(
            self.tr("Choose…")
            if picker.count()
            else self.tr("No saved cards yet: pay by card once and save it")
        )
        picker.blockSignals(False)
        self.revalidate()

    @Slot(object)
    def _on_profile_changed(self, _profile: Profile) -> None:
        self.refresh_saved_cards()
        self._refresh_return_url_default()
        self._update_check_row()
        self.revalidate()

    # -- paying -----------------------------------------------------------------------

    @Slot()
    def pay(self) -> None:
        if self.submitted is not None:
            return  # one payment at a time: never a double submission
        self._touched.update((*self.errors, *self.card.errors))
        self.revalidate()
        money = self.amount.money()
        if self._problems or money is None:
            return
        request = self.build_request(money)
        profile = self.session.profile
        submitted = Submitted(
            request.bill_no,
            request.channel,
            money,
            profile.id,
            self.card.description() if request.channel == PAYPAL_CREDITCARD else "",
        )
        self.session.local.remember_currency(profile.id, request.bill_no, money.currency)
        if request.return_url:
            self._remember_return_url(request.return_url)
        self.card.clear_secrets()
        self._touched -= {card_form.NUMBER, card_form.CVV}
        self._clear_results()
        self.submitted = submitted
        amount, bill_no = format_money(money), request.bill_no
        self._set_status(
            self.tr("Sending the payment of {amount} (bill {bill_no})…").format(
                amount=amount, bill_no=bill_no
            ),
            WARN_COLOUR,
        )
        self.outcome.show_pending(
            self.tr("Sending the payment…"),
            self.tr("Bill {bill_no} for {amount}. Please wait for the answer.").format(
                amount=amount, bill_no=bill_no
            ),
        )
        self.revalidate()
        job = self.session.submit(
            TOPIC,
            PAY,
            request,
            self.tr("Paying {amount} (bill {bill_no})").format(amount=amount, bill_no=bill_no),
        )
        if job is None:  # refused before sending; _on_refused has said why
            self.submitted = None
            self.revalidate()

    def _clear_results(self) -> None:
        self.unknown = None
        self.card_result = None
        self.card_id = ""
        for row in (self.approval_row, self.card_row, self.check_row):
            row.hide()
        self.approval_url_edit.clear()
        self.card_id_edit.clear()
        self.check_result.clear()
        self.outcome.clear()

    @Slot(object, object)
    def _on_finished(self, job: Job, result: Any) -> None:
        if job.topic == TOPIC and self.submitted is not None:
            submitted, self.submitted = self.submitted, None
            self._paid(submitted, result)
        elif job.topic == CHECK_TOPIC:
            self._checked(result)

    def _paid(self, submitted: Submitted, result: PayResult) -> None:
        amount = format_money(submitted.money)
        if submitted.channel == PAYPAL_PAYPAL:
            self.outcome.show_success(
                self.tr("Payment created: waiting for the payer"),
                self.tr(
                    "Bill {bill_no} for {amount}. The PayPal approval page has opened in your "
                    "browser; if the payer is elsewhere, copy its address and send it to them. "
                    "The bill is paid once they approve it."
                ).format(bill_no=submitted.bill_no, amount=amount),
            )
            if result.url:
                self.approval_url_edit.setText(result.url)
                self.approval_row.show()
                self.open_approval_url()
        else:
            self.outcome.show_success(
                self.tr("Payment made"),
                self.tr("Bill {bill_no}: {amount} paid by card.").format(
                    bill_no=submitted.bill_no, amount=amount
                ),
            )
        if submitted.channel == PAYPAL_CREDITCARD and result.credit_card_id:
            self.card_result = submitted
            self.card_id = result.credit_card_id
            self.card_id_edit.setText(result.credit_card_id)
            self.card_label_edit.setText(submitted.card_description)
            self.card_saved_label.clear()
            self.save_card_line.show()
            self.card_row.show()
        self._set_status(
            self.tr("Done: bill {bill_no}.").format(bill_no=submitted.bill_no), OK_COLOUR
        )
        self.new_bill_no()
        self.revalidate()

    @Slot(object, object)
    def _on_failed(self, job: Job, report: ErrorReport) -> None:
        if job.topic == TOPIC and self.submitted is not None:
            submitted, self.submitted = self.submitted, None
            self._payment_failed(submitted, report)
        elif job.topic == CHECK_TOPIC:
            self._check_failed(report)

    @Slot(object, object)
    def _on_refused(self, job: Job, report: ErrorReport) -> None:
        if job.topic == TOPIC:
            self.submitted = None
            self.outcome.show_report(report)
            self._set_status(self.tr("Nothing was sent."), ERROR_COLOUR)
            self.revalidate()
        elif job.topic == CHECK_TOPIC:
            self._check_failed(report)

    def _payment_failed(self, submitted: Submitted, report: ErrorReport) -> None:
        self.outcome.show_report(report)
        for problem in report.problems:
            key = SHOWN_UNDER.get(problem.field, problem.field)
            if key in self.errors or key in self.card.errors:
                self._error_label(key).set_message(problem_text(problem))
        if report.kind == "outcome_unknown":
            self.unknown = submitted
            self.check_result.clear()
            self._update_check_row()
            self.check_row.show()
            self._set_status(
                self.tr("The answer did not come: press Check now before paying again."),
                WARN_COLOUR,
            )
        else:
            self._set_status(self.tr("The payment was not made."), ERROR_COLOUR)
        self._update_pay_button()

    # -- after a payment -------------------------------------------------------------

    def approval_url(self) -> str:
        return self.approval_url_edit.text()

    @Slot()
    def open_approval_url(self) -> None:
        if self.approval_url():
            open_url(self.approval_url())

    @Slot()
    def copy_approval_url(self) -> None:
        QGuiApplication.clipboard().setText(self.approval_url())
        self._set_status(self.tr("The approval page's address was copied."), OK_COLOUR)

    @Slot()
    def save_card(self) -> None:
        label = self.card_label_edit.text().strip()
        if not label or self.card_result is None or not self.card_id:
            return
        self.session.local.save_card(self.card_result.profile_id, label, self.card_id)
        self.save_card_line.hide()
        self.card_saved_label.setText(self.tr("Saved as “{label}”.").format(label=label))
        if self.card_result.profile_id == self.session.profile.id:
            self.refresh_saved_cards(select=self.card_id)

    # -- outcome unknown ----------------------------------------------------------------

    def _update_check_row(self) -> None:
        unknown = self.unknown
        if unknown is None:
            return
        same_profile = unknown.profile_id == self.session.profile.id
        busy = self.session.gateway.is_busy(CHECK_TOPIC)
        self.check_button.setEnabled(same_profile and not busy)
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
        self.check_result.setText(
            self.tr("Asking BeeCloud about bill {bill_no}…").format(bill_no=bill_no)
        )
        colours.paint(self.check_result, "")
        job = self.session.submit(
            CHECK_TOPIC,
            FIND_BILL,
            bill_no,
            self.tr("Checking bill {bill_no}").format(bill_no=bill_no),
        )
        if job is not None:
            self.check_button.setEnabled(False)

    def _checked(self, record: BillRecord | None) -> None:
        unknown = self.unknown
        self._update_check_row()
        if unknown is None:
            return
        bill_no = unknown.bill_no
        if record is None:
            text = self.tr(
                "Bill {bill_no} does not exist: the payment was not made and no money moved. "
                "You may pay again."
            ).format(bill_no=bill_no)
            colour = ERROR_COLOUR
        else:
            currency = record.currency or unknown.money.currency
            amount = f"{currency} {format_amount(record.total_fee, currency)}"
            if record.paid:
                text = self.tr("Bill {bill_no} exists and is paid ({amount}). Do not pay again.")
                colour = OK_COLOUR
            else:
                text = self.tr(
                    "Bill {bill_no} exists but is not paid ({amount}). A PayPal payment "
                    "waits for the payer to approve it. Do not pay again."
                )
                colour = WARN_COLOUR
            text = text.format(bill_no=bill_no, amount=amount)
        self.check_result.setText(text)
        colours.paint(self.check_result, f"color: {colour};")

    def _check_failed(self, report: ErrorReport) -> None:
        self._update_check_row()
        self.check_result.setText(
            self.tr(
                "The check got no answer either ({reason}). Try Check now again later; "
                "do not pay again until you know."
            ).format(reason=report.title)
        )
        colours.paint(self.check_result, f"color: {ERROR_COLOUR};")
