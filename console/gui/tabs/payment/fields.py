"""The fields of a new payment by key (their wire names): their labels, what to say
while one is empty, and under which field a problem of another wire field is shown.

The texts are marked here and translated when shown (label_of, empty_message,
channel_label), under the context of the form that shows them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.api.channels import PAYPAL_CREDITCARD, PAYPAL_PAYPAL
from console.api.channels import PAYPAL_SAVED_CREDITCARD as PAYPAL_SAVED
from console.gui.tabs.payment import card_form
from console.translatable import QT_TRANSLATE_NOOP

CHANNEL_LABELS: dict[str, str] = {
    PAYPAL_PAYPAL: QT_TRANSLATE_NOOP("PaymentForm", "PayPal (the payer approves in a browser)"),
    PAYPAL_CREDITCARD: QT_TRANSLATE_NOOP("PaymentForm", "Card"),
    PAYPAL_SAVED: QT_TRANSLATE_NOOP("PaymentForm", "Saved card"),
}


def channel_label(channel: str) -> str:
    """A channel's name on its radio button, in the language shown."""
    return QCoreApplication.translate("PaymentForm", CHANNEL_LABELS[channel])


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
    AMOUNT: QT_TRANSLATE_NOOP("PaymentForm", "Amount"),
    BILL_NO: QT_TRANSLATE_NOOP("PaymentForm", "Bill number"),
    TITLE: QT_TRANSLATE_NOOP("PaymentForm", "Title"),
    RETURN_URL: QT_TRANSLATE_NOOP("PaymentForm", "Return address"),
    SAVED_CARD: QT_TRANSLATE_NOOP("PaymentForm", "Saved card"),
}

EMPTY_MESSAGES: dict[str, str] = {
    BILL_NO: QT_TRANSLATE_NOOP("PaymentForm", "Enter a bill number (or press New number)."),
    TITLE: QT_TRANSLATE_NOOP("PaymentForm", "Enter a title: what the payer is paying for."),
    RETURN_URL: QT_TRANSLATE_NOOP(
        "PaymentForm", "Enter the address PayPal sends the payer back to."
    ),
    SAVED_CARD: QT_TRANSLATE_NOOP("PaymentForm", "Choose a saved card."),
}


def label_of(key: str) -> str:
    """A field's label in the language shown (the card's fields too)."""
    if key in LABELS:
        return QCoreApplication.translate("PaymentForm", LABELS[key])
    return card_form.label_of(key)


def empty_message(key: str) -> str:
    """What to say while a field is empty, in the language shown."""
    if key in EMPTY_MESSAGES:
        return QCoreApplication.translate("PaymentForm", EMPTY_MESSAGES[key])
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
