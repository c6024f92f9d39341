"""The card fields of a new payment: number, expiry, CVV, names and card type.

CardForm owns the widgets and adds its rows to the payment tab's form, so the
labels line up with the rest of the form. It knows nothing of the network and
keeps nothing: `clear_secrets()` empties the number and the CVV, which the tab
calls as soon as a payment is submitted. On the Sandbox profile alone, Practice
cards beside the number lists the cards the sandbox charges or declines
(console.sandbox.practice_cards) and fills one in.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from console.api.cards import (
    CARD_TYPES,
    card_number_in,
    cvv_in,
    detect_card_type,
    luhn_valid,
    mask_card_number,
)
from console.api.models import CardInfo
from console.api.validate import CARD_NUMBER, shown_words
from console.api.validate import CVV as CVV_PATTERN
from console.gui import colours
from console.gui.feedback import ERROR_COLOUR, OK_COLOUR, FieldError, field_cell
from console.gui.field_width import fit_width, fix_width
from console.gui.plain_text import PlainLabel
from console.gui.tabs.payment.card_digits import CardDigits, CardNumberEdit
from console.sandbox.practice_cards import PRACTICE_CARDS, PracticeCard
from console.translatable import QT_TRANSLATE_NOOP

# Wire names of the card fields; each is also the key of its FieldError.
NUMBER = "credit_card_info.card_number"
EXPIRY = "credit_card_info.expire_month"  # the year's problems are shown here too
EXPIRE_YEAR = "credit_card_info.expire_year"
CVV = "credit_card_info.cvv"
FIRST_NAME = "credit_card_info.first_name"
LAST_NAME = "credit_card_info.last_name"
CARD_TYPE = "credit_card_info.card_type"

CARD_TYPE_NAMES: dict[str, str] = {
    "visa": "Visa",
    "mastercard": "Mastercard",
    "discover": "Discover",
    "amex": "American Express",
}

# Row labels, also used to say which fields still need attention (marked for
# translation here, translated when shown: label_of, empty_message).
LABELS: dict[str, str] = {
    NUMBER: QT_TRANSLATE_NOOP("CardForm", "Card number"),
    EXPIRY: QT_TRANSLATE_NOOP("CardForm", "Expires"),
    CVV: QT_TRANSLATE_NOOP("CardForm", "CVV"),
    FIRST_NAME: QT_TRANSLATE_NOOP("CardForm", "First name"),
    LAST_NAME: QT_TRANSLATE_NOOP("CardForm", "Last name"),
    CARD_TYPE: QT_TRANSLATE_NOOP("CardForm", "Card type"),
}

# What to say when a field is still empty.
EMPTY_MESSAGES: dict[str, str] = {
    NUMBER: QT_TRANSLATE_NOOP("CardForm", "Enter the card number."),
    EXPIRY: QT_TRANSLATE_NOOP("CardForm", "Enter the month and year the card expires."),
    CVV: QT_TRANSLATE_NOOP("CardForm", "Enter the CVV (3 or 4 digits on the card)."),
    FIRST_NAME: QT_TRANSLATE_NOOP("CardForm", "Enter the card holder's first name."),
    LAST_NAME: QT_TRANSLATE_NOOP("CardForm", "Enter the card holder's last name."),
    CARD_TYPE: QT_TRANSLATE_NOOP("CardForm", "Choose the card type."),
}


LUHN_FAILED = QT_TRANSLATE_NOOP(
    "CardForm", "This is not a valid card number: a digit is probably mistyped."
)


def label_of(key: str) -> str:
    return QCoreApplication.translate("CardForm", LABELS[key])


def empty_message(key: str) -> str:
    return QCoreApplication.translate("CardForm", EMPTY_MESSAGES[key])


def _whole_number(text: str) -> int:
    """A typed number, or 0 (refused by the validator) when it is not one."""
    return int(text) if text.isascii() and text.isdigit() else 0


def _name(edit: QLineEdit) -> str:
    """A holder's name as it is sent: without the spaces and invisible characters (a
    byte-order mark, a zero-width space) a web page or a chat copies around it or inside
    it (shown_words), which would go to PayPal and into the card's label unseen."""
    return shown_words(edit.text())


def _forget(edit: QLineEdit) -> None:
    """Empty a field for good: setText clears its undo history too (clear() is undoable,
    so Ctrl+Z would type a card's number back)."""
    edit.setText("")


PASSWORD_BULLETS = "\u25cf" * 4  # a CVV as a password field shows it


def grouped(number: str) -> str:
    """A card number as it is printed: American Express 4-6-5, the others by fours."""
    if len(number) == 15:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    return " ".join(number[start : start + 4] for start in range(0, len(number), 4))


class CardForm(QObject):
    edited = Signal(str)  # the key (wire name) of the field that changed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.number_edit = CardNumberEdit()  # never copied out
        self.number_edit.setPlaceholderText(self.tr("e.g. 4111 1111 1111 1111"))
        self.number_edit.setValidator(CardDigits(30, spaces=True, parent=self))
        fit_width(self.number_edit, 300, "0000 0000 0000 0000 000")  # 19 digits
        self.number_edit.setAccessibleName(label_of(NUMBER))
        self.type_badge = PlainLabel()
        self.luhn_label = PlainLabel()
        self._build_practice_button()

        # No maxLength on these three: Qt cuts a paste to it before the validator leaves
        # out a blank (" 12" was the month 1, " 1234" the CVV 123); CardDigits bounds them.
        self.month_edit = QLineEdit()
        self.month_edit.setPlaceholderText(self.tr("MM"))
        self.month_edit.setValidator(CardDigits(2, parent=self))
        fix_width(self.month_edit, 70, "00")
        self.month_edit.setAccessibleName(self.tr("Expiry month"))
        self.year_edit = QLineEdit()
        self.year_edit.setPlaceholderText(self.tr("YYYY"))
        self.year_edit.setValidator(CardDigits(4, parent=self))
        fix_width(self.year_edit, 90, "0000")
        self.year_edit.setAccessibleName(self.tr("Expiry year"))

        self.cvv_edit = QLineEdit()
        self.cvv_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.cvv_edit.setValidator(CardDigits(4, parent=self))
        fix_width(self.cvv_edit, 90, "0000", PASSWORD_BULLETS)
        self.cvv_edit.setAccessibleName(label_of(CVV))
        cvv_hint = PlainLabel(
            self.tr("3 or 4 digits, on the back of the card (front for American Express)")
        )
        colours.paint(cvv_hint, f"color: {colours.MUTED};")  # (disabled text: 1.6:1)

        self.first_name_edit = QLineEdit()
        self.last_name_edit = QLineEdit()
        for edit, name in (
            (self.first_name_edit, label_of(FIRST_NAME)),
            (self.last_name_edit, label_of(LAST_NAME)),
        ):
            # no maxLength: a name pasted too long would be cut without a word, and the
            # cut one sent; it is said beside the field (at most NAME_MAX_CHARS) instead
            edit.setAccessibleName(name)
            edit.setPlaceholderText(self.tr("as printed on the card"))
            fit_width(edit, 300)

        self.type_picker = QComboBox()
        self.type_picker.setPlaceholderText(self.tr("Choose…"))
        for card_type in CARD_TYPES:
            self.type_picker.addItem(CARD_TYPE_NAMES[card_type], card_type)
        self.type_picker.setCurrentIndex(-1)
        self._type_from_number = False  # the type shown was picked by the number's brand
        self._picking_type = False
        self.type_picker.setMinimumWidth(200)
        self.type_picker.setAccessibleName(label_of(CARD_TYPE))
        # Another type than the number's brand: said beside it, and to a screen reader
        # as it appears (the choice stays the clerk's: the brand is told from the
        # number's first digits only).
        self.type_warning = FieldError()
        self.type_warning.setWordWrap(False)  # on the picker's line, as it was

        self.errors: dict[str, FieldError] = {key: FieldError() for key in LABELS}
        slash = PlainLabel("/")
        self.cells: dict[str, QWidget] = {
            NUMBER: field_cell(
                self.number_edit,
                # before the card's type and check: it stays where it is as they come
                self.practice_button,
                self.type_badge,
                self.luhn_label,
                error=self.errors[NUMBER],
            ),
            EXPIRY: field_cell(self.month_edit, slash, self.year_edit, error=self.errors[EXPIRY]),
            CVV: field_cell(self.cvv_edit, cvv_hint, error=self.errors[CVV]),
            FIRST_NAME: field_cell(self.first_name_edit, error=self.errors[FIRST_NAME]),
            LAST_NAME: field_cell(self.last_name_edit, error=self.errors[LAST_NAME]),
            CARD_TYPE: field_cell(
                self.type_picker, self.type_warning, error=self.errors[CARD_TYPE]
            ),
        }

        self.number_edit.textChanged.connect(self._on_number_changed)
        # A paste (or a key) the field refuses as a whole leaves it as it was: said why.
        for key, edit, refused in (
            (
                NUMBER,
                self.number_edit,
                self.tr(
                    "The card number takes only its digits (spaces and dashes between them "
                    "are fine): paste or type them alone."
                ),
            ),
            (
                EXPIRY,
                self.month_edit,
                self.tr(
                    "The month box takes only the month's digits (1 to 12); the year goes in "
                    "the box after it."
                ),
            ),
            (
                EXPIRY,
                self.year_edit,
                self.tr(
                    "The year box takes only the year's 4 digits; the month goes in the box "
                    "before it."
                ),
            ),
            (CVV, self.cvv_edit, self.tr("The CVV is 3 or 4 digits, nothing else.")),
        ):
            edit.inputRejected.connect(
                lambda key=key, refused=refused: self.errors[key].set_message(refused)
            )
        for key, edit in (
            (EXPIRY, self.month_edit),
            (EXPIRY, self.year_edit),
            (CVV, self.cvv_edit),
            (FIRST_NAME, self.first_name_edit),
            (LAST_NAME, self.last_name_edit),
        ):
            edit.textChanged.connect(lambda _text, key=key: self.edited.emit(key))
        self.type_picker.currentIndexChanged.connect(self._on_type_changed)

    def _build_practice_button(self) -> None:
        """Practice cards: each card the sandbox charges or declines, a line of its menu."""
        # a push button: a tool button's menu arrow was drawn over its text's last letter
        self.practice_button = QPushButton(self.tr("Practice cards"))
        self.practice_button.setAccessibleName(self.practice_button.text())
        self.practice_button.setToolTip(
            self.tr(
                "Sandbox only: fill in a card number the sandbox charges or declines, with "
                "an expiry and a CVV it takes"
            )
        )
        self.practice_menu = QMenu(self.practice_button)
        for card in PRACTICE_CARDS:
            brand, number = CARD_TYPE_NAMES[card.card_type], grouped(card.number)
            text = (
                self.tr("{brand} {number}: declined")
                if card.declined
                else self.tr("{brand} {number}: charged")
            )
            line = self.practice_menu.addAction(text.format(brand=brand, number=number))
            line.setData(card.number)
            line.triggered.connect(lambda _checked=False, card=card: self.fill_practice(card))
        self.practice_button.setMenu(self.practice_menu)
        self.practice_button.hide()  # until the profile in use is known to be the Sandbox

    # -- layout -------------------------------------------------------------------

    def add_rows(self, form: QFormLayout) -> None:
        for key, cell in self.cells.items():
            form.addRow(self.tr("{label}:").format(label=label_of(key)), cell)

    def set_visible(self, form: QFormLayout, visible: bool) -> None:
        for cell in self.cells.values():
            form.setRowVisible(cell, visible)

    def offer_practice(self, offered: bool) -> None:
        """Practice cards shown (the Sandbox profile), or not there at all (a live one)."""
        self.practice_button.setVisible(offered)
        if not offered:
            self.practice_menu.hide()

    # -- reading --------------------------------------------------------------------

    def digits(self) -> str:
        """The card number as typed, without the spaces or dashes that make it readable."""
        return self.number_edit.text().replace(" ", "").replace("-", "")

    def card_type(self) -> str:
        return str(self.type_picker.currentData() or "")

    def card_info(self) -> CardInfo:
        return CardInfo(
            card_number=self.digits(),
            expire_month=_whole_number(self.month_edit.text()),
            expire_year=_whole_number(self.year_edit.text()),
            cvv=self.cvv_edit.text(),
            first_name=_name(self.first_name_edit),
            last_name=_name(self.last_name_edit),
            card_type=self.card_type(),
        )

    def number_problem(self) -> str | None:
        """The Luhn check, once the number has a card number's shape."""
        digits = self.digits()
        if CARD_NUMBER.fullmatch(digits) and not luhn_valid(digits):
            return QCoreApplication.translate("CardForm", LUHN_FAILED)
        return None

    def cvv_problem(self) -> str | None:
        """A CVV of another length than the card type's: American Express prints 4
        digits on the front, the others 3 on the back (PayPal declines the others)."""
        cvv, card_type = self.cvv_edit.text(), self.card_type()
        if not card_type or not CVV_PATTERN.fullmatch(cvv):
            return None  # the field's own message says what it lacks
        if card_type == "amex":
            if len(cvv) == 4:
                return None
            return self.tr("An American Express card's CVV has 4 digits, on its front.")
        if len(cvv) == 3:
            return None
        return self.tr("A {brand} card's CVV has 3 digits, on its back.").format(
            brand=CARD_TYPE_NAMES[card_type]
        )

    def name_problems(self) -> dict[str, str]:
        """A holder's name that holds what may be a card number (the number pasted a
        field too low) or a CVV named as one ("Lee cvv 737": the code read out, typed a
        field too early): the name goes to BeeCloud and PayPal with the card and is kept
        there, as a title is, so it is refused as a title's is."""
        number = self.tr(
            "This looks like a card number. The holder's name is sent to BeeCloud and kept "
            "with the card, so it never holds one: type the name as printed on the card."
        )
        code = self.tr(
            "This looks like a card's security code (CVV). The holder's name is sent to "
            "BeeCloud and kept with the card, so it never holds one: type the code in the "
            "CVV field."
        )
        problems: dict[str, str] = {}
        for key, edit in ((FIRST_NAME, self.first_name_edit), (LAST_NAME, self.last_name_edit)):
            if card_number_in(edit.text()):
                problems[key] = number
            elif cvv_in(edit.text()):
                problems[key] = code
        return problems

    def empty_keys(self) -> set[str]:
        empty = {
            key
            for key, edit in (
                (NUMBER, self.number_edit),
                (CVV, self.cvv_edit),
                (FIRST_NAME, self.first_name_edit),
                (LAST_NAME, self.last_name_edit),
            )
            if not edit.text().strip()
        }
        if not self.month_edit.text() or not self.year_edit.text():
            empty.add(EXPIRY)
        if not self.card_type():
            empty.add(CARD_TYPE)
        return empty

    def description(self) -> str:
        """What the card may be remembered as, without its number: 'Visa •••• 1111 A. Lee'."""
        name = " ".join(
            part for part in (_name(self.first_name_edit), _name(self.last_name_edit)) if part
        )
        kind = CARD_TYPE_NAMES.get(self.card_type(), self.tr("Card"))
        return " ".join(part for part in (kind, mask_card_number(self.digits()), name) if part)

    # -- writing --------------------------------------------------------------------

    def clear_secrets(self) -> None:
        """Forget the number and the CVV (after every submission)."""
        _forget(self.number_edit)
        _forget(self.cvv_edit)

    def fill_practice(self, card: PracticeCard) -> None:
        """A practice card's number, an expiry to come and a CVV of its length filled in
        (the type follows the number); nothing once the profile in use is a live one."""
        if self.practice_button.isHidden():
            return
        self.number_edit.setText(grouped(card.number))
        self.month_edit.setText("12")
        self.year_edit.setText(str(datetime.now(UTC).year + 1))
        self.cvv_edit.setText("1234"[: card.cvv_digits])

    def holds_input(self) -> bool:
        """Whether any of the card's fields is filled in."""
        edits = (self.number_edit, self.month_edit, self.year_edit, self.cvv_edit)
        names = (self.first_name_edit, self.last_name_edit)
        return any(edit.text().strip() for edit in (*edits, *names))

    def clear(self) -> None:
        """Every field empty, for the next card."""
        self.clear_secrets()
        for edit in (self.month_edit, self.year_edit, self.first_name_edit, self.last_name_edit):
            _forget(edit)
        self.type_picker.setCurrentIndex(-1)

    # -- internals --------------------------------------------------------------------

    def _pick_type(self, index: int) -> None:
        """Choose a type for the clerk (the number's brand), or none."""
        self._picking_type = True
        try:
            self.type_picker.setCurrentIndex(index)
        finally:
            self._picking_type = False

    @Slot(int)
    def _on_type_changed(self, _index: int) -> None:
        if not self._picking_type:
            self._type_from_number = False  # the clerk's choice: it stays
        self._check_type()
        self.edited.emit(CARD_TYPE)

    def _check_type(self) -> None:
        """Say so when the type chosen is not the brand the number's digits tell."""
        detected = detect_card_type(self.digits())
        chosen = self.card_type()
        if detected and chosen and chosen != detected:
            self.type_warning.set_message(
                self.tr("This number belongs to {brand}: is {chosen} right?").format(
                    brand=CARD_TYPE_NAMES[detected], chosen=CARD_TYPE_NAMES[chosen]
                )
            )
        else:
            self.type_warning.set_message(None)

    @Slot(str)
    def _on_number_changed(self, _text: str) -> None:
        digits = self.digits()
        detected = detect_card_type(digits)
        self.type_badge.setText(CARD_TYPE_NAMES[detected] if detected else "")
        if detected:
            self._pick_type(self.type_picker.findData(detected))
            self._type_from_number = True
        elif self._type_from_number and digits:  # the number picked it, now tells none
            self._pick_type(-1)
        if CARD_NUMBER.fullmatch(digits):
            valid = luhn_valid(digits)
            self.luhn_label.setText(
                self.tr("✓ number checks out") if valid else self.tr("✗ not a valid number")
            )
            colours.paint(self.luhn_label, f"color: {OK_COLOUR if valid else ERROR_COLOUR};")
        else:
            self.luhn_label.clear()
        self._check_type()
        self.edited.emit(NUMBER)
