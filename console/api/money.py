"""Money: an integer of hundredths plus a currency. Never a float.

`total_fee` and `refund_fee` are hundredths ("分") for every currency. PayPal
takes no decimals for HUF, JPY and TWD, so their amounts must be whole units:
a multiple of 100 hundredths. People type and read amounts in major units with
the currency's own number of decimals (JPY 1,200 - USD 12.00).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# The 24 currencies of the API document: code -> (English name, Chinese name).
CURRENCIES: dict[str, tuple[str, str]] = {
    "AUD": ("Australian dollar", "澳大利亚元"),
    "BRL": ("Brazilian real", "巴西雷亚尔"),
    "CAD": ("Canadian dollar", "加拿大元"),
    "CZK": ("Czech koruna", "捷克克朗"),
    "DKK": ("Danish krone", "丹麦克朗"),
    "EUR": ("Euro", "欧元"),
    "HKD": ("Hong Kong dollar", "港元"),
    "HUF": ("Hungarian forint", "匈牙利福林"),
    "ILS": ("Israeli new shekel", "以色列新谢克尔"),
    "JPY": ("Japanese yen", "日元"),
    "MYR": ("Malaysian ringgit", "马来西亚林吉特"),
    "MXN": ("Mexican peso", "墨西哥比索"),
    "TWD": ("New Taiwan dollar", "新台币"),
    "NZD": ("New Zealand dollar", "新西兰元"),
    "NOK": ("Norwegian krone", "挪威克朗"),
    "PHP": ("Philippine peso", "菲律宾比索"),
    "PLN": ("Polish złoty", "波兰兹罗提"),
    "GBP": ("Pound sterling", "英镑"),
    "SGD": ("Singapore dollar", "新加坡元"),
    "SEK": ("Swedish krona", "瑞典克朗"),
    "CHF": ("Swiss franc", "瑞士法郎"),
    "THB": ("Thai baht", "泰铢"),
    "TRY": ("Turkish lira", "土耳其里拉"),
    "USD": ("United States dollar", "美元"),
}

WHOLE_UNIT_CURRENCIES = frozenset({"HUF", "JPY", "TWD"})

# `total_fee` is a (Java) Integer on the wire: the largest amount in hundredths.
MAX_FEE = 2**31 - 1

# Western digits only: \d would read any script's digits by their values, whatever
# they look like (Bengali ৪ is 4 and looks like 8). Thousands grouped by commas start
# with a digit other than 0: "0,500" is half a unit where a comma is the decimal point.
_AMOUNT = re.compile(r"(?P<int>[1-9][0-9]{0,2}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]*))?")
# No currency has more decimals than the wire's hundredths: a longer fraction is a
# point that groups thousands ("2.000" typed in Germany, Denmark, Brazil…), never
# read as units, even when its digits are zeros.
_MOST_DECIMALS = 2
# What comes before the first group of thousands: 1 to 3 digits, the first not a nought.
_THOUSANDS_LEAD = re.compile(r"[1-9][0-9]{0,2}")
# What an input method in full-width mode types: its digits, full stop (and the
# ideographic one, "。", which a Chinese input method types for "." by default), comma
# and minus;
# and left out, the characters that show nothing and move nothing a chat, a web page or a
# mail may copy with an amount (a soft hyphen, zero-width space, joiners, word joiner,
# byte-order mark). Direction marks are not left out: they may show "05.21" as "12.50".
_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９．。，－", "0123456789..,-", "\u00ad\u200b\u200c\u200d\u2060\ufeff"
)


# Why a typed amount cannot be taken, by a stable key (the GUI translates the same
# templates by the same keys: console/gui/api_texts.py).
MONEY_MESSAGES: dict[str, str] = {
    "unknown_currency": "Unknown currency {value!r}.",
    "empty": "Enter an amount.",
    "negative": "The amount must be positive.",
    "not_amount": "{text!r} is not an amount; type it like 1,200.50.",
    "no_decimals": "{currency} takes whole units only, no decimals.",
    "decimals": "{currency} takes at most {places} decimals.",
    "no_decimals_or_thousands": (
        "{text!r} is not an amount: {currency} takes whole units only; for thousands, "
        "type {thousands}."
    ),
    "decimals_or_thousands": (
        "{text!r} is not an amount: {currency} takes at most {places} decimals; for "
        "thousands, type {thousands}."
    ),
    "comma_two_ways": (
        "{text!r} could mean {decimal} on this computer, where a comma marks decimals: type "
        "{plain} (without the comma) for thousands, or a point for decimals."
    ),
    "zero": "The amount must be more than zero.",
    "too_large": "The amount is too large (at most {limit}).",
    "other_currency": (
        "This amount is in {typed}, but the currency beside it is {currency}: type the "
        "amount alone, in the currency beside it."
    ),
    "currency_sign": (
        "Type the amount without “{sign}”: its currency is the one beside it ({currency})."
    ),
}


# A text a message quotes is quoted by its first characters then "…" (as
# console.api.validate.excerpt does, which imports this module): a mail's paragraph
# pasted in the amount field was quoted whole, a red wall between the amount and Pay.
QUOTED_MAX = 32


def quoted(text: str) -> str:
    """The text as a message quotes it: whole, or its first QUOTED_MAX characters marked
    cut with an ellipsis."""
    return text if len(text) <= QUOTED_MAX else text[:QUOTED_MAX] + "…"


class MoneyError(ValueError):
    """A typed amount that cannot be taken; the message is for the user.

    `key` (of MONEY_MESSAGES) and `params` let a user interface say it in its language."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(MONEY_MESSAGES[key].format(**params))


def is_currency(value: object) -> bool:
    """Whether a value read back (from a file that may be damaged or edited by hand:
    "ZZZ", a number) is a currency the console knows, one a Money may be made of."""
    return isinstance(value, str) and value in CURRENCIES


def decimals(currency: str) -> int:
    """How many decimals the currency shows: 0 for HUF, JPY, TWD, else 2."""
    return 0 if currency in WHOLE_UNIT_CURRENCIES else 2


def is_whole_unit_amount(hundredths: int, currency: str) -> bool:
    return currency not in WHOLE_UNIT_CURRENCIES or hundredths % 100 == 0


def largest(currency: str) -> Money:
    """The largest amount of the currency the wire takes: MAX_FEE hundredths, in whole
    units for HUF, JPY and TWD (JPY 21,474,836, not 21,474,836.47)."""
    places_off = 100 if currency in WHOLE_UNIT_CURRENCIES else 1
    return Money(MAX_FEE - MAX_FEE % places_off, currency)


@dataclass(frozen=True, order=True)
class Money:
    hundredths: int
    currency: str

    def __post_init__(self) -> None:
        if type(self.hundredths) is not int:
            raise TypeError("Money takes an integer of hundredths, never a float")
        if self.currency not in CURRENCIES:
            raise ValueError(f"unknown currency {self.currency!r}")

    def __str__(self) -> str:
        return format_money(self)


def parse_amount(text: str, currency: str, *, comma_marks_decimals: bool = False) -> Money:
    """Parse what a person types in major units ("12.5", "1,200.00") into Money.

    `comma_marks_decimals`: the computer's numbers have a decimal comma (Germany,
    France, Brazil…), where "1,500" may be meant as one and a half: one group of
    thousands without a point, in a currency with decimals, is then refused, said both
    ways ("1,500.00", "1,500,000" and "1500" are still taken).

    Raises MoneyError with a message fit to show beside the field.
    """
    if currency not in CURRENCIES:
        raise MoneyError("unknown_currency", value=currency)
    cleaned = text.translate(_FULL_WIDTH).strip()
    if not cleaned:
        raise MoneyError("empty")
    cleaned = _without_currency(cleaned, currency)
    if cleaned.startswith("-"):
        raise MoneyError("negative")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise MoneyError("not_amount", text=quoted(text.strip()))
    digits = match.group("int").replace(",", "").lstrip("0")
    if len(digits) > len(str(MAX_FEE // 100)):  # and int() reads at most 4,300 from text
        raise MoneyError("too_large", limit=format_money(largest(currency)))
    whole = int(digits or "0")
    fraction = match.group("frac") or ""
    places = decimals(currency)
    if len(fraction) > _MOST_DECIMALS or len(fraction.rstrip("0")) > places:
        if _THOUSANDS_LEAD.fullmatch(match.group("int")) and len(fraction) == 3:
            # "2.000": a point that groups thousands; "decimals" alone led to "2.00"
            key = "no_decimals_or_thousands" if places == 0 else "decimals_or_thousands"
            thousands = f"{match.group('int')},{fraction}"
            raise MoneyError(
                key,
                text=quoted(text.strip()),
                currency=currency,
                places=places,
                thousands=thousands,
            )
        if places == 0:
            raise MoneyError("no_decimals", currency=currency)
        raise MoneyError("decimals", currency=currency, places=places)
    if comma_marks_decimals and places and match.group("frac") is None:
        _refuse_a_decimal_comma(match.group("int"), text)
    hundredths = whole * 100 + int(fraction.ljust(2, "0"))
    if hundredths <= 0:
        raise MoneyError("zero")
    if hundredths > largest(currency).hundredths:
        raise MoneyError("too_large", limit=format_money(largest(currency)))
    return Money(hundredths, currency)


def _refuse_a_decimal_comma(number: str, text: str) -> None:
    """MoneyError for a number with one comma ("1,500"), which a decimal comma reads as
    a unit and its thousandths ("1.5")."""
    if number.count(",") != 1:
        return
    units, thousandths = number.split(",")
    decimal = f"{units}.{thousandths.rstrip('0')}".rstrip(".")
    raise MoneyError(
        "comma_two_ways", text=quoted(text.strip()), decimal=decimal, plain=units + thousandths
    )


# A currency's code or sign before or after an amount, as a mail or an invoice writes it
_CODE = re.compile(r"^(?P<before>[A-Za-z]{3})?\s*(?P<amount>.*?)\s*(?P<after>[A-Za-z]{3})?$")


def _without_currency(text: str, currency: str) -> str:
    """The amount without the chosen currency's code written with it ("USD 1,234.56");
    MoneyError for another currency's code or a currency sign ($: a dozen countries'
    dollar), neither of which is taken for the one chosen."""
    for sign in (text[:1], text[-1:]):
        if sign and unicodedata.category(sign) == "Sc":
            raise MoneyError("currency_sign", sign=sign, currency=currency)
    match = _CODE.fullmatch(text)
    if match is None:
        return text
    codes = {code.upper() for code in (match["before"], match["after"]) if code}
    if not codes or not codes <= CURRENCIES.keys() or len(codes) > 1 or not match["amount"]:
        return text
    (typed,) = codes
    if typed != currency:
        raise MoneyError("other_currency", typed=typed, currency=currency)
    return match["amount"]


def format_amount(hundredths: int, currency: str, grouping: bool = True) -> str:
    """Major units with the currency's own decimals: 120000 JPY -> "1,200"."""
    sign = "-" if hundredths < 0 else ""
    whole, cents = divmod(abs(hundredths), 100)
    whole_text = f"{whole:,}" if grouping else str(whole)
    if decimals(currency) == 0:
        if cents:  # not a valid PayPal amount, but never hide money
            return f"{sign}{whole_text}.{cents:02d}"
        return f"{sign}{whole_text}"
    return f"{sign}{whole_text}.{cents:02d}"


def format_money(money: Money) -> str:
    return f"{money.currency} {format_amount(money.hundredths, money.currency)}"
