"""The Qt-free API layer's user-visible texts, in the language shown.

The API layer (console/api) stays free of Qt: its messages carry a stable key and
params (Problem.key / Problem.params, MoneyError.key / MoneyError.params), result
codes have an English and a Chinese description, channels and currencies have
both names. Here each key's English template is repeated as a literal, marked for
translation in the context "ApiTexts", so that pyside6-lupdate finds it; a test
checks that these templates are the API's own, word for word, but for the problems
whose API words name a wire field (CLERKS_WORDS): those have the same placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QCoreApplication

from console.api import reason_templates as said
from console.api.channels import CHANNEL_NAMES
from console.api.codes import ResultCode, describe
from console.api.hosts import HOST_MESSAGES
from console.api.money import CURRENCIES, MoneyError
from console.api.validate import Problem
from console.gui.i18n import CHINESE, ui_locale
from console.translatable import QT_TRANSLATE_NOOP

CONTEXT = "ApiTexts"

# The API's problems by key (console/api/validate.py MESSAGES); `{field}` is the field's
# label where a form gives it (problem_text).
PROBLEM_TEMPLATES: dict[str, str] = {
    "required": QT_TRANSLATE_NOOP("ApiTexts", "{field} is required."),
    "not_string": QT_TRANSLATE_NOOP("ApiTexts", "{field} must be a string."),
    "empty": QT_TRANSLATE_NOOP("ApiTexts", "{field} must not be empty."),
    "bill_no_shape": QT_TRANSLATE_NOOP("ApiTexts", "A bill number is 8 to 32 letters or digits."),
    "fee_not_integer": QT_TRANSLATE_NOOP("ApiTexts", "{field} must be an integer of hundredths."),
    "fee_not_positive": QT_TRANSLATE_NOOP("ApiTexts", "{field} must be more than zero."),
    "fee_too_large": QT_TRANSLATE_NOOP("ApiTexts", "{field} must be at most {limit}."),
    "fee_whole_units": QT_TRANSLATE_NOOP(
        "ApiTexts", "{currency} takes whole units only: {field} must be a multiple of 100."
    ),
    "not_object": QT_TRANSLATE_NOOP("ApiTexts", "{field} must be a JSON object."),
    "unknown_channel": QT_TRANSLATE_NOOP("ApiTexts", "Unknown channel {value!r}."),
    "ms_time": QT_TRANSLATE_NOOP("ApiTexts", "{field} must be a 13-digit millisecond time."),
    "skip": QT_TRANSLATE_NOOP("ApiTexts", "skip must be a whole number, 0 or more."),
    "limit": QT_TRANSLATE_NOOP("ApiTexts", "limit must be a whole number from {low} to {high}."),
    "unknown_currency": QT_TRANSLATE_NOOP("ApiTexts", "Unknown currency {value!r}."),
    "title_charset": QT_TRANSLATE_NOOP("ApiTexts", "The title has characters it cannot hold."),
    "title_too_long": QT_TRANSLATE_NOOP(
        "ApiTexts", "The title is {size} bytes; at most {limit} (a Chinese character counts 2)."
    ),
    "pay_channel": QT_TRANSLATE_NOOP("ApiTexts", "channel must be one of {channels}."),
    "card_info_object": QT_TRANSLATE_NOOP("ApiTexts", "must be a JSON object."),
    "url_too_long": QT_TRANSLATE_NOOP(
        "ApiTexts", "The return address is longer than {limit} characters."
    ),
    "url_query": QT_TRANSLATE_NOOP("ApiTexts", "The return address must not contain ? or &."),
    "url_fragment": QT_TRANSLATE_NOOP(
        "ApiTexts", "The return address must not contain a fragment (#)."
    ),
    "url_invalid": QT_TRANSLATE_NOOP("ApiTexts", "The return address is not a valid address."),
    "url_not_absolute": QT_TRANSLATE_NOOP(
        "ApiTexts", "The return address must be a whole http:// or https:// address."
    ),
    "url_spaces": QT_TRANSLATE_NOOP("ApiTexts", "The return address must not contain spaces."),
    "url_invisible": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "The return address holds a character that does not show (a zero-width space, say): "
        "type it again.",
    ),
    "url_host_ascii": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "The return address's host must be written in ASCII letters: give a host in other"
        " letters in its xn-- form.",
    ),
    "url_credentials": QT_TRANSLATE_NOOP(
        "ApiTexts", "The return address must not hold a user name or password (user:pass@)."
    ),
    "url_percent": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "The return address has a % not followed by two hex digits (write % as %25).",
    ),
    "card_number": QT_TRANSLATE_NOOP("ApiTexts", "The card number has 12-19 digits."),
    "month": QT_TRANSLATE_NOOP("ApiTexts", "The month is 1 to 12."),
    "year": QT_TRANSLATE_NOOP("ApiTexts", "The year has 4 digits."),
    "card_expired": QT_TRANSLATE_NOOP("ApiTexts", "The card has expired."),
    "cvv": QT_TRANSLATE_NOOP("ApiTexts", "The CVV is 3 or 4 digits."),
    "name_length": QT_TRANSLATE_NOOP("ApiTexts", "At most {limit} characters."),
    "card_type": QT_TRANSLATE_NOOP("ApiTexts", "One of {types}."),
    "refund_no_shape": QT_TRANSLATE_NOOP(
        "ApiTexts", "A refund number is today's date (YYYYMMDD) then 3 to 24 letters or digits."
    ),
    "refund_no_date": QT_TRANSLATE_NOOP(
        "ApiTexts", "A refund number starts with today's date in China time ({today})."
    ),
    "refund_no_zeros": QT_TRANSLATE_NOOP(
        "ApiTexts", "The serial after the date must not be all zeros."
    ),
    "refund_no_filter": QT_TRANSLATE_NOOP(
        "ApiTexts", "A refund number is a date (YYYYMMDD) then 3 to 24 letters or digits."
    ),
    "end_before_start": QT_TRANSLATE_NOOP("ApiTexts", "The end date is before the start date."),
    "not_boolean": QT_TRANSLATE_NOOP("ApiTexts", "{field} must be true or false."),
    "control_chars": QT_TRANSLATE_NOOP(
        "ApiTexts", "{field} must not contain control characters (tab, line break, ...)."
    ),
    "blank": QT_TRANSLATE_NOOP("ApiTexts", "{field} must not be only spaces."),
}

# The problems whose API words name a wire field (bill_no, title, return_url...),
# which the console says with the field's name on screen instead.
CLERKS_WORDS = frozenset(
    {
        "bill_no_shape",
        "title_charset",
        "title_too_long",
        *(key for key in PROBLEM_TEMPLATES if key.startswith("url_")),
        "refund_no_shape",
        "refund_no_date",
        "refund_no_filter",
        "end_before_start",
    }
)

MONEY_TEMPLATES: dict[str, str] = {
    "unknown_currency": QT_TRANSLATE_NOOP("ApiTexts", "Unknown currency {value!r}."),
    "empty": QT_TRANSLATE_NOOP("ApiTexts", "Enter an amount."),
    "negative": QT_TRANSLATE_NOOP("ApiTexts", "The amount must be positive."),
    "not_amount": QT_TRANSLATE_NOOP(
        "ApiTexts", "{text!r} is not an amount; type it like 1,200.50."
    ),
    "no_decimals": QT_TRANSLATE_NOOP("ApiTexts", "{currency} takes whole units only, no decimals."),
    "decimals": QT_TRANSLATE_NOOP("ApiTexts", "{currency} takes at most {places} decimals."),
    "no_decimals_or_thousands": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "{text!r} is not an amount: {currency} takes whole units only; for thousands, "
        "type {thousands}.",
    ),
    "decimals_or_thousands": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "{text!r} is not an amount: {currency} takes at most {places} decimals; for "
        "thousands, type {thousands}.",
    ),
    "comma_two_ways": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "{text!r} could mean {decimal} on this computer, where a comma marks decimals: type "
        "{plain} (without the comma) for thousands, or a point for decimals.",
    ),
    "zero": QT_TRANSLATE_NOOP("ApiTexts", "The amount must be more than zero."),
    "too_large": QT_TRANSLATE_NOOP("ApiTexts", "The amount is too large (at most {limit})."),
    "other_currency": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "This amount is in {typed}, but the currency beside it is {currency}: type the "
        "amount alone, in the currency beside it.",
    ),
    "currency_sign": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "Type the amount without “{sign}”: its currency is the one beside it ({currency}).",
    ),
}

# Why a host is refused (console/api/hosts.py HOST_MESSAGES, by the same keys).
HOST_TEMPLATES: dict[str, str] = {
    "invalid": QT_TRANSLATE_NOOP(
        "ApiTexts", "the address is not valid (check its spelling and its port)"
    ),
    "scheme": QT_TRANSLATE_NOOP(
        "ApiTexts", "the address must start with https:// (http:// only for a local sandbox)"
    ),
    "userinfo": QT_TRANSLATE_NOOP(
        "ApiTexts", "the address must not hold a user name or password (user:pass@)"
    ),
    "query": QT_TRANSLATE_NOOP(
        "ApiTexts", "the address must not hold a query (?) or a fragment (#)"
    ),
    "no_host_name": QT_TRANSLATE_NOOP("ApiTexts", "the address has no host name"),
    "plain_http": QT_TRANSLATE_NOOP(
        "ApiTexts", "plain http:// is allowed only for a local sandbox"
    ),
    "not_ascii": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "the address must be written in ASCII letters (a host in other letters can "
        "imitate another: type its xn-- form)",
    ),
}

# Payment families as finance staff name them (channel filter).
FAMILY_NAMES: dict[str, str] = {
    "PAYPAL": QT_TRANSLATE_NOOP("ApiTexts", "PayPal"),
    "WX": QT_TRANSLATE_NOOP("ApiTexts", "WeChat Pay"),
    "ALI": QT_TRANSLATE_NOOP("ApiTexts", "Alipay"),
    "UN": QT_TRANSLATE_NOOP("ApiTexts", "UnionPay"),
    "JD": QT_TRANSLATE_NOOP("ApiTexts", "JD Pay"),
    "YEE": QT_TRANSLATE_NOOP("ApiTexts", "YeePay"),
    "KUAIQIAN": QT_TRANSLATE_NOOP("ApiTexts", "99Bill (Kuaiqian)"),
}


# What a host did (console/api/reason_templates.py), after its address: each template
# as the client words it, and marked for translation.
REASON_TEMPLATES: dict[str, str] = {
    said.REDIRECTED: QT_TRANSLATE_NOOP(
        "ApiTexts", "answered with a redirect, HTTP {status}, which was not followed"
    ),
    said.TOO_LARGE: QT_TRANSLATE_NOOP(
        "ApiTexts", "answered with more than {megabytes} MB, which was not read"
    ),
    said.LATE: QT_TRANSLATE_NOOP(
        "ApiTexts", "did not finish answering in time (within {seconds:g} s)"
    ),
    said.LATE_UNSENT: QT_TRANSLATE_NOOP(
        "ApiTexts", "did not complete the connection in time; nothing was sent"
    ),
    said.ABORTED_SENT: QT_TRANSLATE_NOOP(
        "ApiTexts", "had not answered when the call was aborted (the client was closed)"
    ),
    said.ABORTED_UNSENT: QT_TRANSLATE_NOOP(
        "ApiTexts", "the call was aborted (the client was closed) before anything was sent"
    ),
    said.CLOSED: QT_TRANSLATE_NOOP(
        "ApiTexts", "not tried: the client was closed; nothing was sent"
    ),
    said.REFUSED: QT_TRANSLATE_NOOP("ApiTexts", "not tried: {problem}; nothing was sent"),
    said.NO_CA_BUNDLE: QT_TRANSLATE_NOOP(
        "ApiTexts", "not tried: the CA bundle {path} does not exist; nothing was sent"
    ),
    said.NO_ENVIRONMENT_CA_BUNDLE: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "not tried: the CA bundle {path} named by {variable} does not exist; nothing was sent",
    ),
    said.NO_CERTIFICATE_IN_CA_BUNDLE: QT_TRANSLATE_NOOP(
        "ApiTexts", "not tried: the CA bundle {path} holds no certificate; nothing was sent"
    ),
    said.NO_CERTIFICATE_IN_ENVIRONMENT_CA_BUNDLE: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "not tried: the CA bundle {path} named by {variable} holds no certificate; "
        "nothing was sent",
    ),
    said.UNREADABLE_CA_BUNDLE: QT_TRANSLATE_NOOP(
        "ApiTexts", "not tried: the CA bundle {path} cannot be read; nothing was sent"
    ),
    said.UNREADABLE_ENVIRONMENT_CA_BUNDLE: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "not tried: the CA bundle {path} named by {variable} cannot be read; nothing was sent",
    ),
    said.PROXY_UNUSABLE: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "not tried: the proxy {proxy} set on this computer cannot be used (only an http:// "
        "or https:// address can); nothing was sent",
    ),
    said.PROXY_REFUSED: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "the proxy refused to connect to it (HTTP {status}); nothing was sent. "
        "Ask whoever manages this office's network",
    ),
    said.PROXY_FAILED: QT_TRANSLATE_NOOP(
        "ApiTexts", "could not be reached through the proxy; nothing was sent"
    ),
    said.UNTRUSTED: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "refused: its TLS certificate was not trusted ({detail}); nothing was sent. "
        "If this host uses a private CA, name its CA bundle in the profile",
    ),
    said.TLS_FAILED: QT_TRANSLATE_NOOP(
        "ApiTexts", "TLS handshake failed ({detail}); nothing was sent"
    ),
    said.NOT_ACCEPTED: QT_TRANSLATE_NOOP("ApiTexts", "did not accept the connection in time"),
    said.NOT_ANSWERED: QT_TRANSLATE_NOOP("ApiTexts", "did not answer in time"),
    said.REFUSED_OR_DROPPED: QT_TRANSLATE_NOOP("ApiTexts", "refused or dropped the connection"),
    said.DROPPED: QT_TRANSLATE_NOOP("ApiTexts", "dropped the connection before answering"),
    said.FAILED: QT_TRANSLATE_NOOP("ApiTexts", "request failed ({error})"),
    said.SERVER_ERROR: QT_TRANSLATE_NOOP("ApiTexts", "answered with an error, HTTP {status}"),
    said.NOT_JSON: QT_TRANSLATE_NOOP(
        "ApiTexts", "answered HTTP {status} with an HTML page instead of JSON"
    ),
    said.NOT_BEECLOUD: QT_TRANSLATE_NOOP(
        "ApiTexts", "answered HTTP {status} with something that is not a BeeCloud answer"
    ),
    said.WAIT: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "answered HTTP {status}: it cannot take requests now and asks to wait {seconds} s",
    ),
    said.WAIT_UNTIMED: QT_TRANSLATE_NOOP(
        "ApiTexts", "answered HTTP {status}: it cannot take requests now"
    ),
    said.RESTING: QT_TRANSLATE_NOOP(
        "ApiTexts", "not tried: it asked to wait {seconds} s more; nothing was sent"
    ),
    said.DENIED: QT_TRANSLATE_NOOP("ApiTexts", "answered HTTP {status}: it refused access"),
}
_FIELD = re.compile(r"\{(\w+)(?::[^}]*)?\}")


def _pattern(template: str) -> re.Pattern[str]:
    """A reason made from `template`, read back: each field's text captured."""
    parts = _FIELD.split(template)  # literal, name, literal, name, ...
    return re.compile(
        "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
            for index, part in enumerate(parts)
        )
    )


@cache
def _reason_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Made when first needed (not at start). The most literal first: "not tried:
    {problem}; …" would read any other "not tried: …"."""
    by_literal = sorted(REASON_TEMPLATES, key=lambda t: -len(_FIELD.sub("", t)))
    return [(template, _pattern(template)) for template in by_literal]


_HOST_KEYS = {message: key for key, message in HOST_MESSAGES.items()}


def read_reason(reason: str) -> tuple[str, dict[str, str]] | None:
    """The template a reason was made from (console/api/reason_templates.py) and the
    details it was filled with, or None for a reason of no known template."""
    for template, pattern in _reason_patterns():
        if match := pattern.fullmatch(reason):
            return template, match.groupdict()
    return None


def host_reason_text(reason: str) -> str:
    """What a host did (a HostFailure's or an OutcomeUnknownError's reason) in the
    language shown: its details (a status, seconds, a path, OpenSSL's words) as they
    came, why an address is refused in the language shown too. A reason of no known
    template is given as it came."""
    found = read_reason(reason)
    if found is None:
        return reason
    template, details = found
    problem = details.get("problem")
    if problem in _HOST_KEYS:
        details["problem"] = host_text(_HOST_KEYS[problem])
    return _FIELD.sub(lambda field: details.get(field.group(1), field.group(0)), _tr(template))


# A host tried and what it did, and what stands between two (Chinese has its own
# brackets and semicolon).
HOST_TRIED = QT_TRANSLATE_NOOP("ApiTexts", "{host} ({reason})")
HOSTS_APART = QT_TRANSLATE_NOOP("ApiTexts", "; ")


def hosts_tried_text(tried: Iterable[tuple[str, str]], english: bool = False) -> str:
    """The hosts a request was tried on, each with what it did: "host (reason); …", the
    reasons in the language shown (or as the client said them)."""
    if english:
        return HOSTS_APART.join(HOST_TRIED.format(host=host, reason=r) for host, r in tried)
    one = _tr(HOST_TRIED)
    return _tr(HOSTS_APART).join(
        one.format(host=host, reason=host_reason_text(reason)) for host, reason in tried
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _fill(
    template: str | None, fallback: str, params: dict[str, object], english: bool = False
) -> str:
    if template is None:
        return fallback
    try:
        return (template if english else _tr(template)).format(**params)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return fallback


def problem_text(problem: Problem, label: str | None = None, english: bool = False) -> str:
    """A validation problem's message in the language shown (or in English); `label`:
    the name its field has on screen (else the wire's)."""
    params = {"field": label or problem.field.rpartition(".")[2], **dict(problem.params)}
    return _fill(PROBLEM_TEMPLATES.get(problem.key), problem.message, params, english)


# A problem after the field it is about (Chinese has its own colon).
PROBLEM_LINE = QT_TRANSLATE_NOOP("ApiTexts", "{field}: {problem}")


def problem_line(problem: Problem, english: bool = False) -> str:
    """ "field: its problem", the problem in the language shown (or in English)."""
    line = PROBLEM_LINE if english else _tr(PROBLEM_LINE)
    return line.format(field=problem.field, problem=problem_text(problem, english=english))


def host_text(key: str) -> str:
    """Why a host is refused (a key of console.api.hosts.HOST_MESSAGES), in the language
    shown."""
    return _fill(HOST_TEMPLATES.get(key), HOST_MESSAGES.get(key, key), {})


def money_error_text(error: MoneyError) -> str:
    """Why a typed amount cannot be taken, in the language shown."""
    return _fill(MONEY_TEMPLATES.get(error.key), str(error), dict(error.params))


def chinese_shown() -> bool:
    return ui_locale().language == CHINESE


def result_code_text(code: int) -> str:
    """What a BeeCloud result code means, in the language shown (both are in the API)."""
    info = describe(code)
    return info.chinese if chinese_shown() else info.english


# What PayPal's error names (the start of a CHANNEL_ERROR's err_detail, "NAME: words")
# mean for a card payment, in a clerk's words; a detail of another name has none.
_DECLINED = QT_TRANSLATE_NOOP(
    "ApiTexts",
    "The card was declined, so nothing was charged. Ask the payer for another card, or to "
    "pay through PayPal.",
)
_EXPIRY_REFUSED = QT_TRANSLATE_NOOP(
    "ApiTexts",
    "PayPal did not take the card's expiry date, so nothing was charged. Check it with the "
    "payer. For a saved card, choose Card and type the card's details again.",
)
CARD_REFUSALS = {
    "CREDIT_CARD_REFUSED": _DECLINED,
    "INSTRUMENT_DECLINED": _DECLINED,
    "CREDIT_CARD_CVV_CHECK_FAILED": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "The card's security code (CVV) was not right, so nothing was charged. Ask the "
        "payer for it again.",
    ),
    "EXPIRED_CREDIT_CARD": QT_TRANSLATE_NOOP(
        "ApiTexts", "The card has expired, so nothing was charged. Ask the payer for another card."
    ),
    # a saved card's id PayPal's vault does not hold (the only id a payment sends)
    "INVALID_RESOURCE_ID": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "PayPal no longer has this saved card, so nothing was charged. Choose Card and type "
        "the card's details, then save it again.",
    ),
}
# PayPal's VALIDATION_ERROR names the field: "VALIDATION_ERROR: credit_card.number: …".
CARD_FIELD_REFUSALS = {
    "credit_card.number": QT_TRANSLATE_NOOP(
        "ApiTexts",
        "PayPal found the card number invalid, so nothing was charged. Check it with the payer.",
    ),
    "credit_card.expire_year": _EXPIRY_REFUSED,
    "credit_card.expire_month": _EXPIRY_REFUSED,
}


# A refusal whose code alone tells a clerk nothing to act on (NOTES.md's codes 2-7 and
# 13-17, and 1, whose meaning speaks of app_sign; with the clocks far apart, jobs.py says
# that instead): what happened and what to do, said before the code and its meanings. BeeCloud
# leaves nothing behind a refusal (NOTES.md), so "did nothing" holds for every request.
REFUSAL_ADVICE: dict[int, str] = {
    1: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud did not accept this profile's App ID or App Secret, so it did nothing. "
        "Check both in Profiles… against BeeCloud's dashboard, and this computer's date "
        "and time; then try again.",
    ),
    2: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud has no PayPal settings for this app, so it did nothing. Whoever manages "
        "the shop's BeeCloud account must set them up in BeeCloud's dashboard; then try "
        "again.",
    ),
    3: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud does not take this channel for this app, so it did nothing. Whoever "
        "manages the shop's BeeCloud account can turn it on in BeeCloud's dashboard; until "
        "then, use another channel.",
    ),
    4: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud found a field missing in what the console sent, so it did nothing. "
        "Nothing in the form can mend this: tell whoever looks after this console, with "
        "the code and detail below.",
    ),
    5: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud did not take a field as the console sent it, so it did nothing. The "
        "detail below may name it: correct it if you typed it; otherwise tell whoever looks "
        "after this console, with the code and detail below.",
    ),
    6: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud's certificate for this app's payment channel is missing or wrong, so it "
        "did nothing. Whoever manages the shop's BeeCloud account must put it right in "
        "BeeCloud's dashboard; then try again.",
    ),
    7: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "PayPal refused the request or failed, so nothing was done. Try again later; if it "
        "happens again, give the code and detail below to BeeCloud's support.",
    ),
    13: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud has no such refund, so it did nothing. Check the refund number; if it is "
        "right, give the code and detail below to BeeCloud's support.",
    ),
    14: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud failed on its side and did nothing. Try again in a few minutes; if it "
        "happens again, give the code and detail below to BeeCloud's support.",
    ),
    15: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud could not reach the payment channel and did nothing. Try again in a few "
        "minutes; if it happens again, give the code and detail below to BeeCloud's support.",
    ),
    16: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud has this refund already, waiting for approval (a pre-refund), so it did "
        "nothing more. Whoever manages the shop's BeeCloud account approves or rejects it "
        "in BeeCloud's dashboard.",
    ),
    17: QT_TRANSLATE_NOOP(
        "ApiTexts",
        "BeeCloud has a bill numbered so already, so this payment was not made. Look the "
        "number up under Bills before paying again: it may be paid. To pay as a new bill, "
        "press New number.",
    ),
}


# A code of none of NOTES.md's meanings (a later API's, or a server's own): still a
# refusal, which BeeCloud leaves nothing behind (NOTES.md), shown as it came.
UNKNOWN_CODE_ADVICE = QT_TRANSLATE_NOOP(
    "ApiTexts",
    "BeeCloud refused the request with a code this console does not know, so it did "
    "nothing. Try again later; if it happens again, give the code and detail below to "
    "BeeCloud's support.",
)


_KNOWN_CODES = frozenset(ResultCode)


def refusal_advice(code: int | None) -> str | None:
    """What to do after a refusal with this code, in the language shown; None for a code
    that says it itself (or that a form or tab says better)."""
    if code is None:
        return None
    advice = REFUSAL_ADVICE.get(code) if code in _KNOWN_CODES else UNKNOWN_CODE_ADVICE
    return QCoreApplication.translate("ApiTexts", advice) if advice else None


def card_refusal_text(detail: str | None) -> str | None:
    """What PayPal's refusal of a card (a CHANNEL_ERROR's err_detail) means, in the
    language shown; None for a detail of no known name."""
    parts = [part.strip() for part in (detail or "").split(":")]
    words = CARD_REFUSALS.get(parts[0])
    if words is None and parts[0] == "VALIDATION_ERROR" and len(parts) > 1:
        words = CARD_FIELD_REFUSALS.get(parts[1])
    return QCoreApplication.translate("ApiTexts", words) if words else None


def channel_name(channel: str) -> str:
    """An exact sub-channel's name in the language shown, or '' for the others."""
    names = CHANNEL_NAMES.get(channel)
    if names is None:
        return ""
    return names[1] if chinese_shown() else names[0]


def channel_words(channel: str) -> str:
    """A record's channel as a clerk reads it, in the language shown: a sub-channel's or a
    family's name; one the console does not know, its code (never hidden)."""
    return channel_name(channel) or family_name(channel)


def channel_with_code(channel: str) -> str:
    """A channel's code and its words, for whoever needs the code too: 'PAYPAL_CREDITCARD
    — Card via PayPal'; the code alone when it has no words."""
    words = channel_words(channel)
    return f"{channel} — {words}" if words != channel else channel


def currency_name(code: str) -> str:
    english, chinese = CURRENCIES.get(code, (code, code))
    return chinese if chinese_shown() else english


def family_name(family: str) -> str:
    return _tr(FAMILY_NAMES[family]) if family in FAMILY_NAMES else family
