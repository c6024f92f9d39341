"""Properties of bad input: every invalid field is refused with a field message.

tests/test_api_validation.py pins each rule with a table and checks that the
validators never crash on arbitrary objects; tests/test_api_money.py checks the
format -> parse round trip. What is added here:

- a random *valid* request (every channel, refunds, queries) has no problem;
- the same request with ONE field made invalid (absent, null, a wrong type, an
  out-of-range number, a bad string) is refused for exactly that field, with
  the code NOTES.md gives and a non-empty message;
- parse_amount: what it accepts is exactly the decimal value typed (checked
  with Decimal, never a float) and formats back to an equal amount; what it
  refuses has a message; no amount anywhere is taken as a float.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.api.cards import CARD_TYPES
from console.api.channels import (
    PAY_CHANNELS,
    PAYPAL_CREDITCARD,
    PAYPAL_PAYPAL,
    PAYPAL_SAVED_CREDITCARD,
    QUERY_CHANNELS,
)
from console.api.codes import ResultCode
from console.api.models import BillRecord, BillRequest, RefundRecord, RefundRequest
from console.api.money import (
    CURRENCIES,
    MAX_FEE,
    WHOLE_UNIT_CURRENCIES,
    Money,
    MoneyError,
    format_amount,
    parse_amount,
)
from console.api.validate import (
    BILL_NO,
    CVV,
    REFUND_NO,
    TITLE_MAX_BYTES,
    Problem,
    shows_nothing,
    validate_bill,
    validate_bill_query,
    validate_refund,
    validate_refund_query,
)

MISS, CHAN, BAD = ResultCode.MISS_PARAM, ResultCode.CHANNEL_INVALID, ResultCode.PARAM_INVALID
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # 11:00 on 30 Nov in China
TODAY = "20261130"
PROPERTY = settings(max_examples=25, deadline=None)


class _Absent:
    """Drawn in place of a value: the field is left out of the request."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()

# -- valid requests ------------------------------------------------------------

alnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
bill_nos = st.text(alnum, min_size=8, max_size=32)
# What free text may hold: no control character, line or paragraph separator nor
# direction override (validate.py).
DIRECTIONS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
visible = st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"], exclude_characters=DIRECTIONS)
titles = (
    st.text(
        st.characters(
            codec="gb18030",
            exclude_categories=["Cs", "Cc", "Zl", "Zp"],
            exclude_characters=DIRECTIONS,
        ),
        min_size=1,
        max_size=32,
    )
    .filter(lambda text: len(text.encode("gb18030")) <= TITLE_MAX_BYTES)
    .filter(lambda text: not shows_nothing(text))  # a title that shows something
)
optionals = st.dictionaries(st.text(max_size=8), st.text(max_size=8) | st.integers(), max_size=3)
hosts = st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z][a-z0-9-]{0,10}){0,3}", fullmatch=True)
return_urls = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}{port}/{path}",
    st.sampled_from(["http", "https"]),
    hosts | st.sampled_from(["127.0.0.1", "[::1]"]),
    st.sampled_from(["", ":8080", ":1"]),
    st.from_regex(r"([A-Za-z0-9/_.~-]|%[0-9A-Fa-f]{2}){0,10}", fullmatch=True),
)
names = st.text(visible, min_size=1, max_size=64).filter(lambda text: not shows_nothing(text))
# a saved card's id that shows something: one of spaces or invisible characters only is 5
card_ids = st.text(visible, min_size=1, max_size=40).filter(lambda text: not shows_nothing(text))


@st.composite
def valid_amounts(draw: st.DrawFn, currency: str) -> int:
    if currency in WHOLE_UNIT_CURRENCIES:
        return draw(st.integers(1, MAX_FEE // 100)) * 100
    return draw(st.integers(1, MAX_FEE))


@st.composite
def valid_cards(draw: st.DrawFn) -> dict[str, Any]:
    year = draw(st.integers(NOW.year, 9999))
    month = draw(st.integers(NOW.month if year == NOW.year else 1, 12))
    return {
        "card_number": draw(st.from_regex(r"[0-9]{12,19}", fullmatch=True)),
        "expire_month": month,
        "expire_year": year,
        "cvv": draw(st.from_regex(r"[0-9]{3,4}", fullmatch=True)),
        "first_name": draw(names),
        "last_name": draw(names),
        "card_type": draw(st.sampled_from(CARD_TYPES)),
    }


@st.composite
def valid_bills(draw: st.DrawFn, channel: str | None = None) -> dict[str, Any]:
    channel = channel or draw(st.sampled_from(PAY_CHANNELS))
    currency = draw(st.sampled_from(sorted(CURRENCIES)))
    bill: dict[str, Any] = {
        "channel": channel,
        "total_fee": draw(valid_amounts(currency)),
        "currency": currency,
        "bill_no": draw(bill_nos),
        "title": draw(titles),
    }
    if draw(st.booleans()):
        bill["optional"] = draw(optionals)
    if channel == PAYPAL_PAYPAL:
        bill["return_url"] = draw(return_urls)
    elif channel == PAYPAL_CREDITCARD:
        bill["credit_card_info"] = draw(valid_cards())
    else:
        bill["credit_card_id"] = draw(card_ids)
    return bill


serials = st.text(alnum, min_size=3, max_size=24).filter(lambda serial: set(serial) != {"0"})


@st.composite
def valid_refunds(draw: st.DrawFn) -> dict[str, Any]:
    body: dict[str, Any] = {
        "refund_no": TODAY + draw(serials),
        "bill_no": draw(bill_nos),
        "refund_fee": draw(st.integers(1, MAX_FEE)),
    }
    if draw(st.booleans()):
        body["channel"] = draw(st.sampled_from(QUERY_CHANNELS))
    if draw(st.booleans()):
        body["optional"] = draw(optionals)
    return body


@st.composite
def valid_queries(draw: st.DrawFn, refunds: bool = False) -> dict[str, Any]:
    start = draw(st.integers(10**12, 10**13 - 1))
    candidates: dict[str, Any] = {
        "channel": draw(st.sampled_from(QUERY_CHANNELS)),
        "bill_no": draw(bill_nos),
        "start_time": start,
        "end_time": draw(st.integers(start, 10**13 - 1)),
        "skip": draw(st.integers(0, 2**70)),
        "limit": draw(st.integers(10, 50)),
    }
    if refunds:
        candidates["refund_no"] = draw(st.from_regex(REFUND_NO, fullmatch=True))
    keep = draw(st.sets(st.sampled_from(sorted(candidates))))
    return {key: value for key, value in candidates.items() if key in keep}


@PROPERTY
@given(valid_bills())
def test_every_valid_bill_passes(bill: dict[str, Any]) -> None:
    assert validate_bill(bill, NOW) == []


@PROPERTY
@given(valid_refunds())
def test_every_valid_refund_passes(body: dict[str, Any]) -> None:
    assert validate_refund(body, NOW) == []


@PROPERTY
@given(valid_queries(refunds=False), valid_queries(refunds=True))
def test_every_valid_query_passes(bills: dict[str, Any], refunds: dict[str, Any]) -> None:
    assert validate_bill_query(bills) == []
    assert validate_refund_query(refunds) == []


# -- invalid values, field by field --------------------------------------------

json_leaves = (
    st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
    | st.lists(st.integers(), max_size=2)
    | st.dictionaries(st.text(max_size=4), st.integers(), max_size=2)
)
not_strings = json_leaves.filter(lambda value: not isinstance(value, str))
# Integers of hundredths only: a float (even 12.0), a bool or a digit string is refused.
not_ints = json_leaves.filter(lambda value: type(value) is not int)
not_objects = json_leaves.filter(lambda value: not isinstance(value, dict))
# Text that is surely not a valid value of a closed set (lower case, padded, or random).
off_set = st.text(min_size=1, max_size=30)


def missing() -> st.SearchStrategy[Any]:
    return st.sampled_from([None, ABSENT])


def bad_text(pattern: re.Pattern[str]) -> st.SearchStrategy[str]:
    return st.text(max_size=40).filter(lambda text: not pattern.fullmatch(text))


def with_surrogate(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(text, st.characters(categories=["Cs"]), text).map("".join)


too_long_titles = st.text(
    st.characters(codec="gb18030", exclude_categories=["Cs"]), min_size=17, max_size=60
).filter(lambda text: len(text.encode("gb18030")) > TITLE_MAX_BYTES)
bad_return_urls = st.one_of(
    return_urls.map(lambda url: url + "?x=1"),
    return_urls.map(lambda url: url + "&x"),
    return_urls.map(lambda url: url.replace("://", "://a b.", 1)),
    return_urls.map(lambda url: re.sub(r"^https?", "ftp", url)),
    return_urls.map(lambda url: url.split("://", 1)[1]),  # no scheme
    return_urls.map(lambda url: url + "x" * 2048),
    st.sampled_from(
        [
            "/paid",
            "http://",
            "https:///path",
            "http://[::1/x",  # a broken IPv6 literal: urlsplit raises
            "https://[x]/",
            "http://a\uff03b/",  # a host that changes under NFKC normalization
            "http://shop.example:99999/",  # a port out of range
            "http://shop.example:x/",
            "javascript:alert(1)",
        ]
    ),
)
past_cards = st.tuples(st.integers(1000, NOW.year - 1), st.integers(1, 12)) | st.tuples(
    st.just(NOW.year), st.integers(1, NOW.month - 1)
)


def channel_values() -> st.SearchStrategy[tuple[Any, ResultCode]]:
    return st.one_of(
        missing().map(lambda value: (value, MISS)),
        not_strings.map(lambda value: (value, BAD)),
        st.just(("", BAD)),
        off_set.filter(lambda text: text not in PAY_CHANNELS).map(lambda text: (text, CHAN)),
    )


def coded(values: st.SearchStrategy[Any], code: ResultCode) -> st.SearchStrategy[Any]:
    return values.map(lambda value: (value, code))


def required_text(bad: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[Any, ResultCode]]:
    """A required string field: missing is 4; a wrong type, "" or a bad string is 5."""
    return st.one_of(coded(missing(), MISS), coded(not_strings | st.just("") | bad, BAD))


def required_int(bad: st.SearchStrategy[int]) -> st.SearchStrategy[tuple[Any, ResultCode]]:
    return st.one_of(coded(missing(), MISS), coded(not_ints | bad, BAD))


out_of_fee_range = st.integers(max_value=0) | st.integers(min_value=MAX_FEE + 1)

BILL_FIELDS: dict[str, st.SearchStrategy[tuple[Any, ResultCode]]] = {
    "channel": channel_values(),
    "total_fee": required_int(out_of_fee_range),
    "currency": required_text(off_set.filter(lambda text: text not in CURRENCIES)),
    "bill_no": required_text(bad_text(BILL_NO)),
    "title": required_text(too_long_titles | with_surrogate(st.text(max_size=4))),
    "optional": coded(not_objects, BAD),
}
CHANNEL_FIELDS: dict[str, dict[str, st.SearchStrategy[tuple[Any, ResultCode]]]] = {
    PAYPAL_PAYPAL: {"return_url": required_text(bad_return_urls)},
    PAYPAL_CREDITCARD: {"credit_card_info": coded(missing(), MISS) | coded(not_objects, BAD)},
    # one of spaces or invisible characters only, as empty: 5 (not 7, an unknown card)
    PAYPAL_SAVED_CREDITCARD: {
        "credit_card_id": required_text(st.text(" \t\u3000\u200b\xad\ufeff", min_size=1))
    },
}
CARD_FIELDS: dict[str, st.SearchStrategy[tuple[Any, ResultCode]]] = {
    "card_number": required_text(bad_text(re.compile(r"[0-9]{12,19}"))),
    "expire_month": required_int(st.integers(max_value=0) | st.integers(min_value=13)),
    "expire_year": required_int(st.integers(max_value=999) | st.integers(min_value=10_000)),
    "cvv": required_text(bad_text(CVV)),
    "first_name": required_text(st.text(" \t\u3000", min_size=1) | st.text(min_size=65)),
    "last_name": required_text(st.text(" \t\u3000", min_size=1) | st.text(min_size=65)),
    "card_type": required_text(off_set.filter(lambda text: text not in CARD_TYPES)),
}
REFUND_FIELDS: dict[str, st.SearchStrategy[tuple[Any, ResultCode]]] = {
    "refund_no": required_text(
        bad_text(REFUND_NO)
        | st.builds(
            lambda date, serial: date + serial, st.sampled_from(["20261129", "20261201"]), serials
        )
        | st.integers(3, 24).map(lambda size: TODAY + "0" * size)
    ),
    "bill_no": required_text(bad_text(BILL_NO)),
    "refund_fee": required_int(out_of_fee_range),
    "channel": st.one_of(
        coded(not_strings | st.just(""), BAD),
        coded(off_set.filter(lambda text: text not in QUERY_CHANNELS), CHAN),
    ),
    "optional": coded(not_objects, BAD),
}
bad_times = not_ints | st.integers(max_value=10**12 - 1) | st.integers(min_value=10**13)
QUERY_FIELDS: dict[str, st.SearchStrategy[tuple[Any, ResultCode]]] = {
    # In a query null counts as absent, so only present values can be wrong.
    "channel": st.one_of(
        coded(not_strings | st.just(""), BAD),
        coded(off_set.filter(lambda text: text not in QUERY_CHANNELS), CHAN),
    ),
    "bill_no": coded(not_strings | st.just("") | bad_text(BILL_NO), BAD),
    "start_time": coded(bad_times, BAD),
    "end_time": coded(bad_times, BAD),
    "skip": coded(not_ints | st.integers(max_value=-1), BAD),
    "limit": coded(not_ints | st.integers(max_value=9) | st.integers(min_value=51), BAD),
}


def with_value(body: Mapping[str, Any], field: str, value: Any) -> dict[str, Any]:
    changed = dict(body)
    if value is ABSENT:
        changed.pop(field, None)
    else:
        changed[field] = value
    return changed


def assert_refused_for(problems: list[Problem], field: str, code: ResultCode) -> None:
    """Refused for exactly that field, with that code and a message to show."""
    assert problems, f"{field}: an invalid value was accepted"
    assert {problem.field for problem in problems} == {field}, problems
    assert code in {problem.code for problem in problems}, problems
    assert all(problem.message.strip() for problem in problems), problems


@pytest.mark.parametrize("field", sorted(BILL_FIELDS))
@PROPERTY
@given(data=st.data())
def test_an_invalid_bill_field_is_refused_for_that_field(field: str, data: st.DataObject) -> None:
    bill = data.draw(valid_bills())
    value, code = data.draw(BILL_FIELDS[field], label=field)
    assert_refused_for(validate_bill(with_value(bill, field, value), NOW), field, code)


@pytest.mark.parametrize(
    ("channel", "field"),
    [(channel, field) for channel, fields in CHANNEL_FIELDS.items() for field in fields],
)
@PROPERTY
@given(data=st.data())
def test_an_invalid_channel_field_is_refused_for_that_field(
    channel: str, field: str, data: st.DataObject
) -> None:
    bill = data.draw(valid_bills(channel))
    value, code = data.draw(CHANNEL_FIELDS[channel][field], label=field)
    assert_refused_for(validate_bill(with_value(bill, field, value), NOW), field, code)


@pytest.mark.parametrize("field", sorted(CARD_FIELDS))
@PROPERTY
@given(data=st.data())
def test_an_invalid_card_field_is_refused_for_that_field(field: str, data: st.DataObject) -> None:
    bill = data.draw(valid_bills(PAYPAL_CREDITCARD))
    value, code = data.draw(CARD_FIELDS[field], label=field)
    bill["credit_card_info"] = with_value(bill["credit_card_info"], field, value)
    problems = validate_bill(bill, NOW)
    assert_refused_for(problems, f"credit_card_info.{field}", code)


@PROPERTY
@given(valid_bills(PAYPAL_CREDITCARD), past_cards)
def test_an_expired_card_is_refused_on_its_month(bill: dict[str, Any], past: Any) -> None:
    year, month = past
    bill["credit_card_info"].update(expire_year=year, expire_month=month)
    assert_refused_for(validate_bill(bill, NOW), "credit_card_info.expire_month", BAD)


@PROPERTY
@given(
    valid_bills(),
    st.sampled_from(sorted(WHOLE_UNIT_CURRENCIES)),
    st.integers(1, MAX_FEE).filter(lambda fee: fee % 100),
)
def test_a_whole_unit_currency_refuses_hundredths(
    bill: dict[str, Any], currency: str, fee: int
) -> None:
    bill.update(currency=currency, total_fee=fee)
    assert_refused_for(validate_bill(bill, NOW), "total_fee", BAD)


@pytest.mark.parametrize("field", sorted(REFUND_FIELDS))
@PROPERTY
@given(data=st.data())
def test_an_invalid_refund_field_is_refused_for_that_field(field: str, data: st.DataObject) -> None:
    body = data.draw(valid_refunds())
    value, code = data.draw(REFUND_FIELDS[field], label=field)
    assert_refused_for(validate_refund(with_value(body, field, value), NOW), field, code)


QUERY_VALIDATORS: dict[str, Callable[[Mapping[str, Any]], list[Problem]]] = {
    "bills": validate_bill_query,
    "refunds": validate_refund_query,
}


@pytest.mark.parametrize("kind", sorted(QUERY_VALIDATORS))
@pytest.mark.parametrize("field", sorted(QUERY_FIELDS))
@PROPERTY
@given(data=st.data())
def test_an_invalid_query_field_is_refused_for_that_field(
    kind: str, field: str, data: st.DataObject
) -> None:
    para = data.draw(valid_queries(refunds=kind == "refunds"))
    value, code = data.draw(QUERY_FIELDS[field], label=field)
    assert_refused_for(QUERY_VALIDATORS[kind](with_value(para, field, value)), field, code)


@PROPERTY
@given(valid_queries(refunds=True), coded(not_strings | st.just("") | bad_text(REFUND_NO), BAD))
def test_an_invalid_refund_no_filter_is_refused(para: dict[str, Any], bad: Any) -> None:
    value, code = bad
    assert_refused_for(validate_refund_query({**para, "refund_no": value}), "refund_no", code)


@PROPERTY
@given(st.integers(10**12 + 1, 10**13 - 1), st.data())
def test_an_end_before_the_start_is_refused_on_end_time(start: int, data: st.DataObject) -> None:
    end = data.draw(st.integers(10**12, start - 1))
    para = {"start_time": start, "end_time": end}
    assert_refused_for(validate_bill_query(para), "end_time", BAD)


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/x",
        "https://[x]/",
        "http://[v1.fe/",
        "http://a\uff03b/",
        "http://\u2100/x",
        "http://shop.example:65536/",
        "http://shop.example:１２/",
    ],
)
def test_a_return_url_urlsplit_cannot_read_is_refused_not_a_crash(url: str) -> None:
    """Regression: these raised ValueError from inside validate_bill (the sandbox
    answered 14 RUNTIME_ERROR, the payment form's live check raised)."""
    bill = {
        "channel": PAYPAL_PAYPAL,
        "total_fee": 100,
        "currency": "USD",
        "bill_no": "BILL0001",
        "title": "t",
        "return_url": url,
    }
    [problem] = validate_bill(bill, NOW)
    assert (problem.field, problem.code) == ("return_url", BAD)
    assert problem.message == "return_url is not a valid address."


# -- money -----------------------------------------------------------------------

digits = st.sampled_from(list("0123456789"))
amount_like = st.one_of(
    # what people type: grouped or not, with or without decimals, maybe padded
    st.builds(
        lambda pad, whole, frac, grouped, pad2: (
            pad + (f"{whole:,}" if grouped else str(whole)) + frac + pad2
        ),
        st.sampled_from(["", " ", "\t", "\u3000"]),
        st.integers(0, 10**12),
        st.one_of(
            st.just(""),
            st.just("."),
            st.text("0123456789", max_size=4).map(lambda frac: "." + frac),
        ),
        st.booleans(),
        st.sampled_from(["", " ", "\n"]),
    ),
    # and near misses: signs, exponents, stray separators, other digits
    st.text(st.sampled_from(list("0123456789.,-+e _١２")), min_size=1, max_size=16),
)


def decimal_hundredths(text: str) -> Decimal:
    """The exact value of an accepted text, in hundredths, without any float."""
    return Decimal(text.strip().replace(",", "")) * 100


@settings(max_examples=200, deadline=None)
@given(amount_like, st.sampled_from(sorted(CURRENCIES)))
def test_parse_takes_the_exact_decimal_value_or_explains(text: str, currency: str) -> None:
    try:
        money = parse_amount(text, currency)
    except MoneyError as error:
        assert str(error).strip()
        return
    assert type(money.hundredths) is int
    assert Decimal(money.hundredths) == decimal_hundredths(text)
    assert 0 < money.hundredths <= MAX_FEE
    # it formats back to text that parses to the same amount
    for grouping in (True, False):
        assert parse_amount(format_amount(money.hundredths, currency, grouping), currency) == money


@PROPERTY
@given(st.integers(0, MAX_FEE // 100), st.integers(0, 99), st.sampled_from(sorted(CURRENCIES)))
def test_every_cent_is_exact(whole: int, cents: int, currency: str) -> None:
    """0.29 * 100 is 28.999999999999996 as a float: a float parser would lose a cent."""
    text = f"{whole}.{cents:02d}"
    hundredths = whole * 100 + cents
    refused = (
        hundredths == 0 or hundredths > MAX_FEE or (currency in WHOLE_UNIT_CURRENCIES and cents)
    )
    if refused:
        with pytest.raises(MoneyError, match=r"\w"):
            parse_amount(text, currency)
    else:
        assert parse_amount(text, currency) == Money(hundredths, currency)


@PROPERTY
@given(st.floats(allow_nan=False) | st.booleans(), st.sampled_from(sorted(CURRENCIES)))
def test_money_refuses_a_float_or_a_bool(value: float | bool, currency: str) -> None:
    with pytest.raises(TypeError):
        Money(value, currency)  # type: ignore[arg-type]  # refused


@PROPERTY
@given(not_ints)
def test_records_refuse_amounts_that_are_not_integers(fee: Any) -> None:
    bill = {
        "bill_no": "BILL0001",
        "total_fee": fee,
        "channel": PAYPAL_PAYPAL,
        "title": "t",
        "spay_result": True,
        "created_time": 1_700_000_000_000,
    }
    with pytest.raises(ValueError):
        BillRecord.from_wire(bill)
    refund = {
        **bill,
        "total_fee": 100,
        "refund_no": TODAY + "001",
        "refund_fee": fee,
        "finish": True,
        "result": True,
    }
    with pytest.raises(ValueError):
        RefundRecord.from_wire(refund)


@PROPERTY
@given(valid_bills(PAYPAL_PAYPAL), st.integers(1, MAX_FEE))
def test_requests_put_integers_on_the_wire(bill: dict[str, Any], fee: int) -> None:
    money = Money(bill["total_fee"], bill["currency"])
    request = BillRequest(
        PAYPAL_PAYPAL, money, bill["bill_no"], bill["title"], return_url=bill["return_url"]
    )
    assert type(request.to_wire()["total_fee"]) is int
    refund = RefundRequest(bill["bill_no"], TODAY + "001", Money(fee, "USD"))
    assert type(refund.to_wire()["refund_fee"]) is int
