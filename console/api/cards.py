"""Card numbers: the Luhn check, the card type a number belongs to, and masking."""

from __future__ import annotations

import re
import unicodedata

CARD_TYPES: tuple[str, ...] = ("visa", "mastercard", "discover", "amex")


def luhn_valid(number: str) -> bool:
    if not number.isdigit() or not number.isascii():
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def detect_card_type(number: str) -> str | None:
    """The card type a (possibly partial) number belongs to, by its leading digits."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if digits.startswith(("34", "37")):
        return "amex"
    if digits.startswith("4"):
        return "visa"
    if len(digits) >= 2 and 51 <= int(digits[:2]) <= 55:
        return "mastercard"
    if len(digits) >= 4 and 2221 <= int(digits[:4]) <= 2720:
        return "mastercard"
    if digits.startswith(("6011", "65")) or (len(digits) >= 3 and 644 <= int(digits[:3]) <= 649):
        return "discover"
    return None


def mask_card_number(number: str) -> str:
    """Only the last four digits survive: '•••• 4242'."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return f"•••• {digits[-4:]}" if len(digits) >= 4 else "••••"


# A run of digits as a card number is written: one space, dot or dash at most between two.
_DIGIT_RUN = re.compile(r"[0-9](?:[ .\-]?[0-9])*")


def _as_written(text: str) -> str:
    """The text as a card number's digits are read in it: without invisible characters
    (a zero-width space, a soft hyphen), any dash (en dash, non-breaking hyphen) as "-",
    full-width digits as ASCII. The card number's own field takes them so (card_digits):
    a title or note pasted from a word processor or web page hid a number from the check."""
    shown = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    dashed = "".join("-" if unicodedata.category(ch) == "Pd" else ch for ch in shown)
    return unicodedata.normalize("NFKC", dashed)


def card_number_in(text: str) -> bool:
    """Whether free text holds what may be a card number: a run of 13 to 19 digits
    (full-width ones too; one space, dot or dash of any kind at most between two,
    invisible characters anywhere) that passes the Luhn check and begins as a payment
    card's number does (ISO/IEC 7812: 3 to 6, or Mastercard's 2221-2720). Letters
    around it do not hide it ("card4111…")."""
    for run in _DIGIT_RUN.finditer(_as_written(text)):
        if _card_like("".join(ch for ch in run.group() if ch.isdigit())):
            return True
    return False


# Digits in a file's name or path, however a clerk grouped them (underscores too), and
# as card_number_in reads them (_as_written): through any space or dash a word processor
# or a web page writes (a no-break space, an en dash), and the invisible characters
# pasted with them. Only ASCII ones were, and a number the forms refuse, pasted in an
# export's name with an en dash or a no-break space, was kept whole in its audit row.
_INVISIBLE_IN_NAME = "\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff"
_GROUPING_IN_NAME = (
    " ._\u00a0\u2000-\u200a\u202f\u205f\u3000"  # spaces
    "\u2010-\u2015\u2212\ufe58\ufe63\uff0d\\-"  # dashes
)
_NAMED_DIGIT_RUN = re.compile(
    # (one way only to read each character between two digits: no backtracking to try)
    rf"\d(?:[{_INVISIBLE_IN_NAME}]*(?:[{_GROUPING_IN_NAME}][{_INVISIBLE_IN_NAME}]*)?\d)*"
)


def _card_like(digits: str) -> bool:
    """13 to 19 digits that pass the Luhn check and begin as a card's number does."""
    if not 13 <= len(digits) <= 19 or not luhn_valid(digits):
        return False
    return digits[0] in "3456" or 2221 <= int(digits[:4]) <= 2720


def without_card_numbers(name: str, mask: str) -> str:
    """A file's name or path with what may be a card number in it masked, however its
    digits are grouped or glued to letters ("card4111111111111111.csv",
    "x_4111_1111_1111_1111.csv"); other runs of digits (a date, a long folder number)
    are left as they are. What the audit log keeps of a file a clerk named."""

    def masked(run: re.Match[str]) -> str:
        digits = "".join(str(unicodedata.digit(ch)) for ch in run.group() if ch.isdigit())
        return mask if _card_like(digits) else run.group()

    return _NAMED_DIGIT_RUN.sub(masked, name)


# A card's security code named and given: "cvv 8264", "CVC: 913", "security code=0419",
# "安全码 913". Three or four digits standing alone after the name (a few marks between):
# an order number elsewhere in the text is no CVV, nor a word like "CVV-less".
_NAMED_CVV = re.compile(
    r"(?<![A-Za-z])((?:cvv2?|cvc2?|csc|security\s*code|安全码)[\s:：=#-]{0,3})([0-9]{3,4})(?![0-9])",
    re.IGNORECASE,
)


def cvv_in(text: str) -> bool:
    """Whether free text holds a card's security code, named as one ("cvv 8264"): a clerk
    noting what the payer read out. A title or a note goes to BeeCloud and is kept with
    the bill or the refund, in the history, the audit log and their exports, where no CVV
    may ever be; a bare 3 or 4 digits cannot be told from an order's number, so only one
    named so is found."""
    return _NAMED_CVV.search(_as_written(text)) is not None


def without_named_cvv(text: str, mask: str) -> str:
    """The text with the digits of a security code named as one (cvv_in) masked: what a
    log keeps of a title or a note, should one reach it past the forms' refusal. One
    that cvv_in finds only as written (full-width digits, a zero-width space pasted in)
    is masked in the text as written: masked as typed, it was kept whole."""
    masked = _NAMED_CVV.sub(lambda found: found.group(1) + mask, text)
    if cvv_in(masked):
        masked = _NAMED_CVV.sub(lambda found: found.group(1) + mask, _as_written(masked))
    return masked


def storable(text: str) -> str:
    """Text typed to be kept (a filter for the next start): "" when it may hold a card
    number, which is never written to a file."""
    return "" if card_number_in(text) else text
