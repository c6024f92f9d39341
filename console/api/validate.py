"""Validation of every request field, as NOTES.md states.

Each validator takes the request as it goes on the wire (a JSON object) and
returns *all* its problems at once, field by field, so the GUI can show each
message beside its field and the sandbox can pick the result code. The client
and the sandbox share these rules, so they cannot drift apart.

Signing fields (app_id, timestamp, app_sign) are not checked here: the client
adds them and the sandbox checks them first (see console.sandbox.auth).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any, NamedTuple, TypeGuard
from urllib.parse import urlsplit

from console.api.cards import CARD_TYPES
from console.api.channels import (
    PAY_CHANNELS,
    PAYPAL_CREDITCARD,
    PAYPAL_PAYPAL,
    PAYPAL_SAVED_CREDITCARD,
    QUERY_CHANNELS,
)
from console.api.codes import ResultCode
from console.api.money import CURRENCIES, MAX_FEE, WHOLE_UNIT_CURRENCIES

CHINA_TZ = timezone(timedelta(hours=8), "CST")

BILL_NO = re.compile(r"[0-9A-Za-z]{8,32}")
# What an input method in full-width mode types for a number: its digits and letters.
_FULL_WIDTH_ALNUM = str.maketrans(
    {chr(0xFF10 + i): chr(0x30 + i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
)
REFUND_NO = re.compile(r"(?P<date>[0-9]{8})(?P<serial>[0-9A-Za-z]{3,24})")
CARD_NUMBER = re.compile(r"[0-9]{12,19}")
CVV = re.compile(r"[0-9]{3,4}")
# Control characters (C0, DEL, C1), the line and paragraph separators (U+2028, U+2029:
# line breaks in Qt's table cells as in any text layout), and the bidirectional
# embeddings, overrides and isolates that make text read otherwise than it is (U+202E
# shows "txt.exe" as "exe.txt"), and the marks (U+200E, U+200F, U+061C: a right-to-left
# mark shows "12.50 - 99.00" after it as "99.00 - 12.50"): invisible in a form, they
# would reach receipts, exports and PayPal.
CONTROL_CLASS = (  # inside a regex's [...]
    r"\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
)
CONTROL_CHARACTERS = re.compile(f"[{CONTROL_CLASS}]")
BAD_PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")  # % not followed by two hex digits
TITLE_MAX_BYTES = 32
NAME_MAX_CHARS = 64
URL_MAX_CHARS = 2048
QUERY_LIMIT_MIN, QUERY_LIMIT_MAX, QUERY_LIMIT_DEFAULT = 10, 50, 10
MS_MIN, MS_MAX = 10**12, 10**13 - 1  # 13-digit millisecond timestamps


# Every problem's message, by a stable key: a template filled with the problem's
# params (always `field`, the wire name without any prefix). The GUI translates the
# same templates by the same keys (console/gui/api_texts.py); a test keeps them equal.
MESSAGES: dict[str, str] = {
    "required": "{field} is required.",
    "not_string": "{field} must be a string.",
    "empty": "{field} must not be empty.",
    "bill_no_shape": "bill_no must be 8 to 32 letters or digits.",
    "fee_not_integer": "{field} must be an integer of hundredths.",
    "fee_not_positive": "{field} must be more than zero.",
    "fee_too_large": "{field} must be at most {limit}.",
    "fee_whole_units": "{currency} takes whole units only: {field} must be a multiple of 100.",
    "not_object": "{field} must be a JSON object.",
    "unknown_channel": "Unknown channel {value!r}.",
    "ms_time": "{field} must be a 13-digit millisecond time.",
    "skip": "skip must be a whole number, 0 or more.",
    "limit": "limit must be a whole number from {low} to {high}.",
    "unknown_currency": "Unknown currency {value!r}.",
    "title_charset": "title has characters it cannot hold.",
    "title_too_long": "title is {size} bytes; at most {limit} (a Chinese character counts 2).",
    "pay_channel": "channel must be one of {channels}.",
    "card_info_object": "must be a JSON object.",
    "url_too_long": "return_url is longer than {limit} characters.",
    "url_query": "return_url must not contain ? or &.",
    "url_fragment": "return_url must not contain a fragment (#).",
    "url_invalid": "return_url is not a valid address.",
    "url_not_absolute": "return_url must be an absolute http:// or https:// address.",
    "url_spaces": "return_url must not contain spaces.",
    "url_credentials": "return_url must not hold a user name or password (user:pass@).",
    "url_percent": "return_url has a % not followed by two hex digits (write % as %25).",
    "url_invisible": "return_url holds an invisible character (a zero-width space, ...).",
    "url_host_ascii": "return_url's host must be written in ASCII: give a host in other"
    " letters in its xn-- form.",
    "card_number": "The card number has 12-19 digits.",
    "month": "The month is 1 to 12.",
    "year": "The year has 4 digits.",
    "card_expired": "The card has expired.",
    "cvv": "The CVV is 3 or 4 digits.",
    "name_length": "At most {limit} characters.",
    "card_type": "One of {types}.",
    "refund_no_shape": "refund_no is today's date (YYYYMMDD) then 3 to 24 letters or digits.",
    "refund_no_date": "refund_no must start with today's date in China time ({today}).",
    "refund_no_zeros": "The serial after the date must not be all zeros.",
    "refund_no_filter": "refund_no is a date (YYYYMMDD) then 3 to 24 letters or digits.",
    "end_before_start": "end_time is before start_time.",
    "not_boolean": "{field} must be true or false.",
    "control_chars": "{field} must not contain control characters (tab, line break, ...).",
    "blank": "{field} must not be only spaces.",
}


class Problem(NamedTuple):
    """One field's problem: its wire name, the result code it earns, a message.

    `key` names the message's template in MESSAGES and `params` fill it, so that a
    user interface can say the same in another language."""

    field: str
    code: ResultCode
    message: str
    key: str = ""
    params: tuple[tuple[str, Any], ...] = ()


class Message(NamedTuple):
    """A message before it is put on a field: its template's key and params."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, field: str) -> str:
        return MESSAGES[self.key].format(field=field, **dict(self.params))


def visible(text: str) -> str:
    """The text without its invisible format characters (Unicode's Cf: a zero-width
    space or joiner, a byte-order mark, a soft hyphen, a direction mark), which a text
    copied from a mail or a chat may carry unseen."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


# Unicode's default-ignorable code points that are not format characters (Cf): they show
# nothing by themselves. Those that never show: the Hangul compatibility fillers (U+3164,
# U+FFA0), the Khmer inherent vowels (U+17B4, U+17B5: "not to be used"), and those not yet
# assigned a character. The others show nothing but where they change what is before or
# after them (`_shows_nothing_here`).
_NEVER_SHOWN = re.compile(
    "[\u17b4\u17b5\u2065\u3164\uffa0\ufff0-\ufff8"
    "\U000e0000\U000e0002-\U000e001f\U000e0080-\U000e00ff\U000e01f0-\U000e0fff]"
)
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_MONGOLIAN_SELECTORS = "\u180b\u180c\u180d\u180f"
_COMBINING_GRAPHEME_JOINER = "\u034f"
_HANGUL_INITIAL_FILLER, _HANGUL_VOWEL_FILLER = "\u115f", "\u1160"


def _shows_nothing_here(text: str, index: int) -> bool:
    """Whether the character at `index` shows nothing where it is, and changes nothing
    of what is around it: a default-ignorable character that is not a format character
    (a Hangul filler, a combining grapheme joiner, a variation selector) but a variation
    selector after a character it gives a form to (an emoji's ☕\ufe0f, a CJK variant),
    a Mongolian one after a Mongolian letter, a joiner between combining marks (whose
    order it keeps), a Hangul filler within a syllable (an initial with no vowel)."""
    char = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if _NEVER_SHOWN.match(char):
        return True
    if _VARIATION_SELECTORS.match(char):
        return not before or _blank(before) or _blank_mark(text, index - 1)
    if char in _MONGOLIAN_SELECTORS:
        return not "\u1800" <= before <= "\u18af"
    if char == _COMBINING_GRAPHEME_JOINER:
        return not before or not unicodedata.category(before).startswith("M")
    if char == _HANGUL_INITIAL_FILLER:  # unless a vowel follows: a syllable without initial
        return not ("\u1161" <= after <= "\u11a7" or "\ud7b0" <= after <= "\ud7c6")
    if char == _HANGUL_VOWEL_FILLER:  # unless after an initial: a syllable without vowel
        return not ("\u1100" <= before <= "\u115e" or "\ua960" <= before <= "\ua97c")
    return False


def _blank_mark(text: str, index: int) -> bool:
    """Whether the character at `index` is one of the default-ignorable characters that
    are not format characters (whether or not it shows something where it is)."""
    char = text[index]
    return bool(
        _NEVER_SHOWN.match(char)
        or _VARIATION_SELECTORS.match(char)
        or char in _MONGOLIAN_SELECTORS
        or char in (_COMBINING_GRAPHEME_JOINER, _HANGUL_INITIAL_FILLER, _HANGUL_VOWEL_FILLER)
    )


def shows_nothing(text: str) -> bool:
    """Whether the text is white space and characters that show nothing: a zero-width
    space, a byte-order mark, a soft hyphen, a Hangul filler, a variation selector after
    no character (what shown_words leaves of it is nothing)."""
    return not shown_words(text)


def typed_number(text: str) -> str:
    """A bill or refund number as typed or pasted: without the spaces around it (an
    ideographic space too) or an invisible character anywhere in it, its full-width
    digits and letters as the ASCII ones they stand for."""
    return ascii_alnum(visible(text).strip())


def ascii_alnum(text: str) -> str:
    """The text with the full-width digits and letters an input method types as the
    ASCII ones they stand for, every other character as it is."""
    return text.translate(_FULL_WIDTH_ALNUM)


def typed_words(text: str) -> str:
    """Words searched for, as typed or pasted: without the spaces and invisible
    characters around them (inside, a joiner may belong to what is searched for), a
    Hangul filler or a variation selector after no character included."""
    start, end = 0, len(text)
    while start < end and (_blank(text[start]) or _shows_nothing_here(text, start)):
        start += 1
    while end > start and (_blank(text[end - 1]) or _shows_nothing_here(text, end - 1)):
        end -= 1
    return text[start:end]


# The characters a web page, a chat or a mail may copy unseen inside words: a soft hyphen
# (where a word may break), the Mongolian vowel separator, a zero-width space, a word
# joiner and the invisible operators, a byte-order mark. Not the joiners (U+200C, U+200D:
# they join letters and emoji), nor the direction marks and controls (refused as such).
_UNSEEN_INSIDE = re.compile("[\u00ad\u180e\u200b\u2060-\u2064\ufeff]")


def shown_words(text: str) -> str:
    """Words sent as they show (a title, a holder's name, a note, a card's label):
    typed_words, and without the invisible characters copied inside them (and those that
    show nothing where they are: a Hangul filler, a combining grapheme joiner after a
    letter), which would go to BeeCloud and PayPal, and be kept there, unseen."""
    words = typed_words(text)
    return "".join(
        char
        for index, char in enumerate(words)
        if not (_UNSEEN_INSIDE.match(char) or _shows_nothing_here(words, index))
    )


def one_word(text: str) -> bool:
    """Whether the text is one word, as a secret or a key is: no space, line break or
    invisible character in it (two lines pasted, a zero-width space copied with it)."""
    return visible(text) == text and not any(ch.isspace() for ch in text)


def _blank(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) == "Cf"


# A value a message echoes (its `value`: an unknown channel or currency) is shown by
# its first characters then "…": a 300 KB value made a 300 KB answer and message.
ECHO_MAX = 32


def excerpt(text: str) -> str:
    """The text, or its first ECHO_MAX characters marked cut with an ellipsis."""
    return text if len(text) <= ECHO_MAX else text[:ECHO_MAX] + "…"


def message(key: str, **params: Any) -> Message:
    echoed = params.get("value")
    if isinstance(echoed, str):
        params["value"] = excerpt(echoed)
    return Message(key, tuple(params.items()))


def answer_code(problems: list[Problem]) -> ResultCode:
    """The code a server answers for these problems: missing, then channel, then invalid."""
    for code in (ResultCode.MISS_PARAM, ResultCode.CHANNEL_INVALID, ResultCode.PARAM_INVALID):
        if any(problem.code == code for problem in problems):
            return code
    return ResultCode.OK


def is_int(value: object) -> TypeGuard[int]:
    """A JSON whole number: an int, and not a bool (which Python counts as one)."""
    return type(value) is int


def title_bytes(title: str) -> int:
    """The length of a title as the API counts it: GB18030 bytes."""
    return len(title.encode("gb18030"))


def china_today(now: datetime | None = None) -> str:
    """Today's date in China Standard Time (UTC+8), as YYYYMMDD."""
    moment = now or datetime.now(UTC)
    return moment.astimezone(CHINA_TZ).strftime("%Y%m%d")


class _Checker:
    """Collects problems for one request."""

    def __init__(self, body: Mapping[str, Any], prefix: str = "") -> None:
        self.body = body
        self.prefix = prefix
        self.problems: list[Problem] = []

    def add(self, field: str, code: ResultCode, key: str | Message, **params: Any) -> None:
        """Note a problem by its message's key (see MESSAGES) and params."""
        said = key if isinstance(key, Message) else message(key, **params)
        self.problems.append(
            Problem(self.prefix + field, code, said.text(field), said.key, said.params)
        )

    def present(self, field: str) -> bool:
        return self.body.get(field) is not None

    def required(self, field: str) -> Any:
        """The value, or None after noting it missing (null counts as missing)."""
        value = self.body.get(field)
        if value is None:
            self.add(field, ResultCode.MISS_PARAM, "required")
        return value

    def string(self, field: str, value: Any) -> str | None:
        """The value if it is a non-empty string, else None after noting it invalid."""
        if not isinstance(value, str):
            self.add(field, ResultCode.PARAM_INVALID, "not_string")
            return None
        if value == "":
            self.add(field, ResultCode.PARAM_INVALID, "empty")
            return None
        return value

    def free_text(self, field: str, value: Any) -> str | None:
        """`string`, and no control character; None after noting it invalid."""
        text = self.string(field, value)
        if text is not None and CONTROL_CHARACTERS.search(text):
            self.add(field, ResultCode.PARAM_INVALID, "control_chars")
            return None
        return text

    def visible_text(self, field: str, value: Any) -> str | None:
        """`free_text` that shows more than white space (shows_nothing); None after
        noting it invalid."""
        text = self.free_text(field, value)
        if text is not None and shows_nothing(text):
            self.add(field, ResultCode.PARAM_INVALID, "blank")
            return None
        return text

    def bill_no(self, field: str = "bill_no", required: bool = True) -> None:
        value = self.required(field) if required else self.body.get(field)
        if value is None:
            return
        text = self.string(field, value)
        if text is not None and not BILL_NO.fullmatch(text):
            self.add(field, ResultCode.PARAM_INVALID, "bill_no_shape")

    def fee(self, field: str, currency: str | None) -> None:
        value = self.required(field)
        if value is None:
            return
        if not is_int(value):
            self.add(field, ResultCode.PARAM_INVALID, "fee_not_integer")
        elif value <= 0:
            self.add(field, ResultCode.PARAM_INVALID, "fee_not_positive")
        elif value > MAX_FEE:
            self.add(field, ResultCode.PARAM_INVALID, "fee_too_large", limit=MAX_FEE)
        elif currency in WHOLE_UNIT_CURRENCIES and value % 100:
            self.add(field, ResultCode.PARAM_INVALID, "fee_whole_units", currency=currency)

    def optional_map(self, field: str = "optional") -> None:
        if self.present(field) and not isinstance(self.body[field], dict):
            self.add(field, ResultCode.PARAM_INVALID, "not_object")

    def channel_filter(self) -> None:
        if not self.present("channel"):
            return
        text = self.string("channel", self.body["channel"])
        if text is not None and text not in QUERY_CHANNELS:
            self.add("channel", ResultCode.CHANNEL_INVALID, "unknown_channel", value=text)

    def ms_time(self, field: str) -> int | None:
        if not self.present(field):
            return None
        value = self.body[field]
        if not is_int(value) or not MS_MIN <= value <= MS_MAX:
            self.add(field, ResultCode.PARAM_INVALID, "ms_time")
            return None
        return value

    def boolean(self, field: str) -> None:
        if self.present(field) and not isinstance(self.body[field], bool):
            self.add(field, ResultCode.PARAM_INVALID, "not_boolean")

    def paging(self) -> None:
        skip = self.body.get("skip")
        if skip is not None and (not is_int(skip) or skip < 0):
            self.add("skip", ResultCode.PARAM_INVALID, "skip")
        limit = self.body.get("limit")
        if limit is not None and (
            not is_int(limit) or not QUERY_LIMIT_MIN <= limit <= QUERY_LIMIT_MAX
        ):
            self.add(
                "limit",
                ResultCode.PARAM_INVALID,
                "limit",
                low=QUERY_LIMIT_MIN,
                high=QUERY_LIMIT_MAX,
            )


def validate_bill(body: Mapping[str, Any], now: datetime | None = None) -> list[Problem]:
    """A payment request (POST /1/rest/international/bill)."""
    check = _Checker(body)
    channel = check.required("channel")
    currency = check.required("currency")
    if currency is not None:
        currency = check.string("currency", currency)
        if currency is not None and currency not in CURRENCIES:
            check.add("currency", ResultCode.PARAM_INVALID, "unknown_currency", value=currency)
            currency = None
    check.fee("total_fee", currency)
    check.bill_no()
    title = check.required("title")
    if title is not None:
        text = check.visible_text("title", title)
        if text is not None:
            try:
                size = title_bytes(text)
            except UnicodeEncodeError:
                check.add("title", ResultCode.PARAM_INVALID, "title_charset")
            else:
                if size > TITLE_MAX_BYTES:
                    check.add(
                        "title",
                        ResultCode.PARAM_INVALID,
                        "title_too_long",
                        size=size,
                        limit=TITLE_MAX_BYTES,
                    )
    check.optional_map()
    if channel is None:
        return check.problems
    channel = check.string("channel", channel)
    if channel is None:
        return check.problems
    if channel not in PAY_CHANNELS:
        check.add(
            "channel",
            ResultCode.CHANNEL_INVALID,
            "pay_channel",
            channels=", ".join(PAY_CHANNELS),
        )
    elif channel == PAYPAL_PAYPAL:
        _check_return_url(check)
    elif channel == PAYPAL_CREDITCARD:
        info = check.required("credit_card_info")
        if info is not None:
            if isinstance(info, dict):
                check.problems += validate_card_info(info, now)
            else:
                check.add("credit_card_info", ResultCode.PARAM_INVALID, "card_info_object")
    elif channel == PAYPAL_SAVED_CREDITCARD:
        card_id = check.required("credit_card_id")
        if card_id is not None:  # one of spaces only is as empty (5), not unknown (7)
            check.visible_text("credit_card_id", card_id)
    return check.problems


def _check_return_url(check: _Checker) -> None:
    value = check.required("return_url")
    if value is None:
        return
    url = check.string("return_url", value)
    if url is None:
        return
    problem = _return_url_problem(url)
    if problem:
        check.add("return_url", ResultCode.PARAM_INVALID, problem)


def _return_url_problem(url: str) -> Message | None:
    if len(url) > URL_MAX_CHARS:
        return message("url_too_long", limit=URL_MAX_CHARS)
    if CONTROL_CHARACTERS.search(url):  # urlsplit drops tabs and line breaks unseen
        return message("control_chars")
    if visible(url) != url:  # a zero-width space, a soft hyphen: not the address shown
        return message("url_invisible")
    if "?" in url or "&" in url:
        return message("url_query")
    if "#" in url:  # a fragment would swallow the bill_no and result added to the address
        return message("url_fragment")
    # A browser reads a backslash as /: http://x\@evil.com/ is x to it, evil.com to Python.
    if "\\" in url:
        return message("url_invalid")
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number from 0 to 65535 raises ValueError
    except ValueError:  # a broken [IPv6] host, a host that changes under NFKC, a bad port
        return message("url_invalid")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return message("url_not_absolute")
    if any(ch.isspace() for ch in url):
        return message("url_spaces")
    if "@" in parts.netloc:  # user:pass@: the payer's browser would go to what follows
        return message("url_credentials")
    if "%" in parts.netloc:  # a browser decodes an escaped host (evil%2Ecom): none is needed
        return message("url_invalid")
    # A host in other letters is reached by an xn-- form that depends on the rules applied
    # (faß.de is fass.de by IDNA 2003, xn--fa-hia.de by browsers; ｓｈｏｐ is shop): the
    # payer was sent to a percent-encoded host no rule reads. Its xn-- form names one host.
    if not parts.netloc.isascii():
        return message("url_host_ascii")
    if BAD_PERCENT_ESCAPE.search(url):
        return message("url_percent")
    return None


def validate_card_info(info: Mapping[str, Any], now: datetime | None = None) -> list[Problem]:
    """credit_card_info, field by field; an expired card is a problem of expire_month."""
    check = _Checker(info, prefix="credit_card_info.")
    number = check.required("card_number")
    if number is not None:
        text = check.string("card_number", number)
        if text is not None and not CARD_NUMBER.fullmatch(text):
            check.add("card_number", ResultCode.PARAM_INVALID, "card_number")
    month = check.required("expire_month")
    if month is not None and (not is_int(month) or not 1 <= month <= 12):
        check.add("expire_month", ResultCode.PARAM_INVALID, "month")
        month = None
    year = check.required("expire_year")
    if year is not None and (not is_int(year) or not 1000 <= year <= 9999):
        check.add("expire_year", ResultCode.PARAM_INVALID, "year")
        year = None
    if is_int(month) and is_int(year):
        today = (now or datetime.now(UTC)).astimezone(UTC)
        if (year, month) < (today.year, today.month):
            check.add("expire_month", ResultCode.PARAM_INVALID, "card_expired")
    cvv = check.required("cvv")
    if cvv is not None:
        text = check.string("cvv", cvv)
        if text is not None and not CVV.fullmatch(text):
            check.add("cvv", ResultCode.PARAM_INVALID, "cvv")
    for field in ("first_name", "last_name"):
        value = check.required(field)
        if value is not None:
            text = check.visible_text(field, value)
            if text is not None and len(text) > NAME_MAX_CHARS:
                check.add(field, ResultCode.PARAM_INVALID, "name_length", limit=NAME_MAX_CHARS)
    card_type = check.required("card_type")
    if card_type is not None:
        text = check.string("card_type", card_type)
        if text is not None and text not in CARD_TYPES:
            check.add(
                "card_type", ResultCode.PARAM_INVALID, "card_type", types=", ".join(CARD_TYPES)
            )
    return check.problems


def validate_refund(
    body: Mapping[str, Any], now: datetime | None = None, currency: str | None = None
) -> list[Problem]:
    """A refund request (POST /1/rest/international/refund).

    Rules that need the bill (its existence, payment, age, amount, currency)
    belong to the server. A client that knows the bill's `currency` also refuses a
    refund_fee that is not whole units of HUF, JPY or TWD (NOTES.md).
    """
    check = _Checker(body)
    check.channel_filter()
    refund_no = check.required("refund_no")
    if refund_no is not None:
        text = check.string("refund_no", refund_no)
        if text is not None:
            problem = refund_no_message(text, now)
            if problem:
                check.add("refund_no", ResultCode.PARAM_INVALID, problem)
    check.bill_no()
    check.fee("refund_fee", currency)
    check.optional_map()
    check.boolean("need_approval")  # the official SDK's pre-refund flag: a JSON boolean only
    return check.problems


def refund_no_problem(refund_no: str, now: datetime | None = None) -> str | None:
    """Why a new refund_no is not acceptable, or None when it is."""
    problem = refund_no_message(refund_no, now)
    return problem.text("refund_no") if problem else None


def refund_no_message(refund_no: str, now: datetime | None = None) -> Message | None:
    match = REFUND_NO.fullmatch(refund_no)
    if match is None:
        return message("refund_no_shape")
    today = china_today(now)
    if match.group("date") != today:
        return message("refund_no_date", today=today)
    if set(match.group("serial")) == {"0"}:
        return message("refund_no_zeros")
    return None


def validate_bill_query(para: Mapping[str, Any]) -> list[Problem]:
    """A bill query (GET /1/rest/bills)."""
    return _validate_query(para, with_refund_no=False)


def validate_refund_query(para: Mapping[str, Any]) -> list[Problem]:
    """A refund query (GET /1/rest/refunds)."""
    return _validate_query(para, with_refund_no=True)


def _validate_query(para: Mapping[str, Any], with_refund_no: bool) -> list[Problem]:
    check = _Checker(para)
    check.channel_filter()
    check.bill_no(required=False)
    if with_refund_no and check.present("refund_no"):
        text = check.string("refund_no", para["refund_no"])
        if text is not None and not REFUND_NO.fullmatch(text):
            check.add("refund_no", ResultCode.PARAM_INVALID, "refund_no_filter")
    if not with_refund_no:  # a bill filter; a refund query ignores it, as any unknown field
        check.boolean("spay_result")
    start = check.ms_time("start_time")
    end = check.ms_time("end_time")
    if start is not None and end is not None and start > end:
        check.add("end_time", ResultCode.PARAM_INVALID, "end_before_start")
    check.paging()
    return check.problems
