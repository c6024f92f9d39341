"""The fields of a new payment and their checks: the channel, amount, bill number,
title, return address (PayPal), saved card, and the card's own fields (CardForm).

Every field is checked as it is typed, with the same rules the client and the
sandbox use (console.api.validate.validate_bill on the request as it would go on
the wire), and each message appears under its field once the user has touched
it. PaymentForm owns the widgets and lays them out in `rows`, a QFormLayout the
tab adds its Pay row to; `validated` tells the tab to look at the problems again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)

from console.api.cards import card_number_in, cvv_in
from console.api.channels import PAY_CHANNELS, PAYPAL_CREDITCARD, PAYPAL_PAYPAL
from console.api.channels import PAYPAL_SAVED_CREDITCARD as PAYPAL_SAVED
from console.api.ids import new_bill_no
from console.api.models import BillRequest
from console.api.money import CURRENCIES, Money
from console.api.validate import (
    TITLE_MAX_BYTES,
    Problem,
    shown_words,
    title_bytes,
    typed_number,
    typed_words,
    validate_bill,
)
from console.gui import colours
from console.gui.amount_field import DEFAULT_CURRENCY, AmountField
from console.gui.api_texts import problem_text
from console.gui.feedback import ERROR_COLOUR, FieldError, field_cell
from console.gui.field_width import fit_width
from console.gui.plain_text import PlainLabel, chose_action
from console.gui.session import ConsoleSession
from console.gui.settings import PAYMENT_CURRENCY, return_url_setting
from console.gui.system_texts import store_text
from console.gui.tabs.payment import card_form
from console.gui.tabs.payment.card_form import CardForm
from console.gui.tabs.payment.fields import (
    AMOUNT,
    BILL_NO,
    OTHER,
    RETURN_URL,
    SAVED_CARD,
    SHOWN_UNDER,
    TITLE,
    channel_label,
    empty_message,
    field_keys,
    label_of,
)
from console.gui.tabs.payment.forget_card import forget_box
from console.store.errors import StoreError

SANDBOX_RETURN_PATH = "/paypal/return"
# the widest bill number the console makes: its random part all of the widest letter
OWN_BILL_NO_SAMPLE = "BC" + "0" * 14 + "W" * 8


class PaymentForm(QObject):
    validated = Signal()  # the fields were checked again: has_problems() may have changed
    edited = Signal()  # a field was changed (typed in, chosen, cleared)
    card_forgotten = Signal(str, str)  # the profile's id and the card id, no longer saved

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._touched: set[str] = set()
        self._return_url_default = ""
        self._problems: dict[str, list[str]] = {}

        self._build()
        self._lay_out()
        self._connect()

        self.set_channel(PAYPAL_PAYPAL)
        self.card.offer_practice(session.profile.is_sandbox)
        self.refresh_saved_cards()
        self._refresh_return_url_default()
        self.revalidate()

    # -- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.errors: dict[str, FieldError] = {
            key: FieldError() for key in (AMOUNT, BILL_NO, TITLE, RETURN_URL, SAVED_CARD, OTHER)
        }
        self.channel_group = QButtonGroup(self)
        self.channel_buttons: dict[str, QRadioButton] = {}
        for channel in PAY_CHANNELS:
            button = QRadioButton(channel_label(channel))
            self.channel_buttons[channel] = button
            self.channel_group.addButton(button)

        saved = self.session.settings.get(PAYMENT_CURRENCY) or DEFAULT_CURRENCY
        self.amount = AmountField(saved if saved in CURRENCIES else DEFAULT_CURRENCY)

        self.bill_no_edit = QLineEdit(new_bill_no())
        fit_width(self.bill_no_edit, 300, OWN_BILL_NO_SAMPLE)
        self.bill_no_edit.setAccessibleName(self.tr("Bill number"))
        self.new_bill_no_button = QPushButton(self.tr("New number"))
        self.new_bill_no_button.setToolTip(self.tr("Make a fresh, unused bill number"))

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("What the payer pays for, e.g. Order 1234"))
        fit_width(self.title_edit, 300)
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_counter = PlainLabel()
        widest = max(
            self.title_counter.fontMetrics().horizontalAdvance(text)
            for text in (
                self.tr("%n byte(s) left", "", TITLE_MAX_BYTES),
                self.tr("%n byte(s) too many", "", 999),
            )
        )
        self.title_counter.setMinimumWidth(widest + 4)  # never squeezed by its field

        self.return_url_edit = QLineEdit()
        self.return_url_edit.setPlaceholderText("https://your-shop.example/paypal/return")
        fit_width(self.return_url_edit, 420, "http://127.0.0.1:65535/paypal/return")
        self.return_url_edit.setAccessibleName(self.tr("Return address"))
        self.return_url_edit.setToolTip(
            self.tr("Where PayPal sends the payer's browser after they approve or cancel")
        )

        self.saved_card_picker = QComboBox()
        self.saved_card_picker.setMinimumWidth(360)
        # as wide as a usual label and its card id, never as its longest label (one of 150
        # letters made the tab scroll sideways at 1,024 px): a longer one is cut, whole in
        # its tooltip
        self.saved_card_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.saved_card_picker.setMinimumContentsLength(48)
        self.saved_card_picker.setAccessibleName(self.tr("Saved card"))
        self.forget_card_button = QPushButton(self.tr("Forget…"))
        self.forget_card_button.setToolTip(
            self.tr("No longer offer this card here (PayPal keeps it)")
        )
        self.forget_box: QMessageBox | None = None  # the question, while it is open

        self.card = CardForm(self)

    def _lay_out(self) -> None:
        self.rows = QFormLayout()
        self.rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        channels = field_cell(*self.channel_buttons.values())
        self.rows.addRow(self.tr("Pay with:"), channels)
        self.rows.addRow(self.tr("Amount:"), field_cell(self.amount, error=self.errors[AMOUNT]))
        self.errors[AMOUNT].describe(self.amount.amount_edit)  # the field in the AmountField
        self.rows.addRow(
            self.tr("Bill number:"),
            field_cell(self.bill_no_edit, self.new_bill_no_button, error=self.errors[BILL_NO]),
        )
        self.rows.addRow(
            self.tr("Title:"),
            field_cell(self.title_edit, self.title_counter, error=self.errors[TITLE]),
        )
        self.return_url_cell = field_cell(self.return_url_edit, error=self.errors[RETURN_URL])
        self.rows.addRow(self.tr("Return address:"), self.return_url_cell)
        self.saved_card_cell = field_cell(
            self.saved_card_picker, self.forget_card_button, error=self.errors[SAVED_CARD]
        )
        self.rows.addRow(self.tr("Saved card:"), self.saved_card_cell)
        self.card.add_rows(self.rows)

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
        self.saved_card_picker.currentIndexChanged.connect(self._update_forget_button)
        self.forget_card_button.clicked.connect(self.ask_to_forget_card)
        self.card.edited.connect(self._touch)

    # -- the channel ------------------------------------------------------------------

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
        self.rows.setRowVisible(self.return_url_cell, channel == PAYPAL_PAYPAL)
        self.rows.setRowVisible(self.saved_card_cell, channel == PAYPAL_SAVED)
        self.card.set_visible(self.rows, channel == PAYPAL_CREDITCARD)

    # -- writing ----------------------------------------------------------------------

    @Slot()
    def new_bill_no(self) -> None:
        self.bill_no_edit.setText(new_bill_no())

    def ready_for_next(self, bill_no: str, money: Money, title: str, card_id: str = "") -> None:
        """After a payment was made: what of it the form still holds is cleared (its
        amount, title and card, the saved card chosen) and its bill number replaced by a
        new one; what was typed meanwhile, for the next payment, stays (another saved
        card chosen than `card_id`, the one paid with). The channel, currency and return
        address stay, and no field nags yet."""
        if self.amount.money() == money:
            self.amount.clear()
        if self.title() == title:
            self.title_edit.clear()
        if not self.card.number_edit.text():  # its number went when it was sent
            self.card.clear()
        if not card_id or self._saved_card_id() == card_id:
            self.saved_card_picker.setCurrentIndex(-1)
        if self.bill_no() == bill_no:
            self.new_bill_no()
        self._touched.clear()
        self.revalidate()

    def touch_all(self) -> None:
        """Every field's message is shown from now on (Pay was pressed)."""
        self._touched.update((*self.errors, *self.card.errors))
        self.revalidate()

    def clear_card_secrets(self) -> None:
        """Empty the card number and CVV (after every submission), and do not nag about them."""
        self.card.clear_secrets()
        self._touched -= {card_form.NUMBER, card_form.CVV}
        self.revalidate()

    def show_reported(self, problems: Iterable[Problem]) -> None:
        """Put the problems BeeCloud reported under the fields they concern."""
        for problem in problems:
            key = SHOWN_UNDER.get(problem.field, problem.field)
            if key in self.errors or key in self.card.errors:
                self._error_label(key).set_message(problem_text(problem, label_of(key)))

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        self.revalidate()
        self.edited.emit()

    def holds_input(self) -> bool:
        """Whether the clerk has filled in something of a payment: an amount, a title, a
        card's fields or a saved card chosen."""
        return bool(
            self.amount.amount_edit.text().strip()
            or self.title_edit.text().strip()
            or self.card.holds_input()
            or self._saved_card_id()
        )

    @Slot(int)
    def _remember_currency(self, _index: int) -> None:
        self.session.settings.put(PAYMENT_CURRENCY, self.amount.currency())

    # -- the request and its problems ----------------------------------------------------

    def title(self) -> str:
        """The title as it is sent: without the spaces, line end and invisible characters
        around it that a spreadsheet's cell, a mail's line or a chat is copied with, nor
        the invisible ones a web page copies inside it (shown_words; a line end within it
        is refused)."""
        return shown_words(self.title_edit.text())

    def bill_no(self) -> str:
        """The bill number as it is sent (typed_number: full-width digits and letters as
        ASCII, without the blanks and invisible characters pasted around or in it)."""
        return typed_number(self.bill_no_edit.text())

    def build_request(self, money: Money) -> BillRequest:
        """The payment the form describes, for `money` (the amount itself is checked apart)."""
        channel = self.channel()
        return BillRequest(
            channel=channel,
            amount=money,
            bill_no=self.bill_no(),
            title=self.title(),
            # without the spaces and invisible characters pasted around it
            return_url=typed_words(self.return_url_edit.text())
            if channel == PAYPAL_PAYPAL
            else None,
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
            if not typed_words(edit.text())  # nothing that shows
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
            if key in empty:
                add(key, empty_message(key))
            else:
                add(key, problem_text(problem, label_of(key) if key != OTHER else None))
        if card_number_in(self.title_edit.text()):
            add(
                TITLE,
                self.tr(
                    "This looks like a card number. A title is sent to BeeCloud and kept with "
                    "the bill, so it never holds one: if it is an order number, split it with "
                    "a “/”."
                ),
            )
        elif cvv_in(self.title_edit.text()):
            add(
                TITLE,
                self.tr(
                    "This looks like a card's security code (CVV). A title is sent to BeeCloud "
                    "and kept with the bill, so it never holds one: leave the code out. (Not "
                    "a code, a year say? Put the number before the word: “2024 CSC”.)"
                ),
            )
        if self.channel() == PAYPAL_CREDITCARD:
            luhn = self.card.number_problem()
            if luhn:
                add(card_form.NUMBER, luhn)
            cvv = self.card.cvv_problem()
            if cvv:
                add(card_form.CVV, cvv)
            for key, said in self.card.name_problems().items():
                add(key, said)
        return found

    def has_problems(self) -> bool:
        """Whether anything was left to correct when the form was last checked."""
        return bool(self._problems)

    def labels_to_complete(self) -> list[str]:
        """The labels of the fields with a problem at the last check, in the form's order."""
        return [label_of(key) for key in field_keys() if key in self._problems]

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
        self.validated.emit()

    def _update_title_counter(self) -> None:
        try:
            size = title_bytes(self.title())
        except UnicodeEncodeError:
            size = TITLE_MAX_BYTES + 1
        left = TITLE_MAX_BYTES - size
        self.title_counter.setText(
            self.tr("%n byte(s) left", "", left)
            if left >= 0
            else self.tr("%n byte(s) too many", "", -left)
        )
        colour = ERROR_COLOUR if left < 0 else colours.MUTED
        colours.paint(self.title_counter, f"color: {colour};")
        self.title_counter.setToolTip(
            self.tr(
                "A title holds 32 letters or digits, or 16 Chinese characters (each takes the "
                "room of two)."
            )
        )

    # -- return address and saved cards ------------------------------------------------

    def return_url_default(self) -> str:
        saved = self.session.settings.get(return_url_setting(self.session.profile.id))
        if saved:
            return saved
        sandbox = self.session.sandbox
        if self.session.profile.is_sandbox and sandbox is not None:
            return f"{sandbox.base_url}{SANDBOX_RETURN_PATH}"
        return ""

    def _refresh_return_url_default(self) -> None:
        """Put the default in the field unless the user typed an address of their own: not
        an edit of the clerk's (no message about the field before they type there or pay)."""
        default = self.return_url_default()
        if self.return_url_edit.text().strip() in ("", self._return_url_default):
            with QSignalBlocker(self.return_url_edit):
                self.return_url_edit.setText(default)
        self._return_url_default = default

    def remember_return_url(self, url: str) -> None:
        """An address the user chose is kept for the profile in use; the sandbox's own
        landing page is not."""
        sandbox = self.session.sandbox
        if sandbox is not None and url.startswith(sandbox.base_url + "/"):
            return
        self.session.settings.put(return_url_setting(self.session.profile.id), url)
        self._return_url_default = url

    def _saved_card_id(self) -> str | None:
        card_id = self.saved_card_picker.currentData()
        return str(card_id) if card_id else None

    def refresh_saved_cards(self) -> None:
        """The profile's saved cards; the one chosen stays chosen, none is chosen for the
        user (a card just saved is not picked: a click on Pay must not charge it again)."""
        picker = self.saved_card_picker
        keep = self._saved_card_id()
        picker.blockSignals(True)
        picker.clear()
        for card in self.session.local.saved_cards(self.session.profile.id):
            shown = f"{card.label} ({card.credit_card_id})"
            picker.addItem(shown, card.credit_card_id)
            picker.setItemData(picker.count() - 1, shown, Qt.ItemDataRole.ToolTipRole)
        picker.setCurrentIndex(picker.findData(keep) if keep else -1)
        picker.setEnabled(picker.count() > 0)
        picker.setPlaceholderText(
            self.tr("Choose…")
            if picker.count()
            else self.tr("No saved cards yet: pay by card once and save it")
        )
        picker.blockSignals(False)
        self._update_forget_button()
        self.revalidate()

    @Slot()
    def _update_forget_button(self) -> None:
        self.forget_card_button.setEnabled(self._saved_card_id() is not None)

    @Slot()
    def ask_to_forget_card(self) -> None:
        """Ask, then forget the saved card chosen (a payment with it on its way goes on)."""
        card_id = self._saved_card_id()
        if card_id is None or self.forget_box is not None:
            return
        profile_id = self.session.profile.id
        label = self.saved_card_picker.currentText()
        parent = self.saved_card_picker.window()
        box = self.forget_box = forget_box(parent, label)
        box.finished.connect(lambda _result: self._forget_answered(box, profile_id, card_id))
        box.open()

    def _forget_answered(self, box: QMessageBox, profile_id: str, card_id: str) -> None:
        self.forget_box = None
        box.deleteLater()
        if not chose_action(box):
            return
        try:
            self.session.forget_card(profile_id, card_id)
        except StoreError as error:
            self.errors[SAVED_CARD].set_message(
                self.tr("The card could not be forgotten: {error}").format(error=store_text(error))
            )
            return
        self._touched.discard(SAVED_CARD)  # the card chosen went: no choice was missed
        self.refresh_saved_cards()
        self.card_forgotten.emit(profile_id, card_id)

    def follow_profile(self) -> None:
        """The saved cards, the return address's default and the practice cards (the
        Sandbox's alone) of the profile now active."""
        self.card.offer_practice(self.session.profile.is_sandbox)
        self.refresh_saved_cards()
        self._refresh_return_url_default()
        self.revalidate()
