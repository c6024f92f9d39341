"""Validation tables from NOTES.md: every problem, field by field, with its code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.api.codes import ResultCode
from console.api.validate import (
    Problem,
    answer_code,
    china_today,
    shown_words,
    shows_nothing,
    typed_number,
    typed_words,
    validate_bill,
    validate_bill_query,
    validate_refund,
    validate_refund_query,
)

MISS, CHAN, BAD = ResultCode.MISS_PARAM, ResultCode.CHANNEL_INVALID, ResultCode.PARAM_INVALID
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # 11:00 on 30 Nov in China
TODAY = "20261130"


def card(**changes: Any) -> dict[str, Any]:
    info = {
        "card_number": "4111111111111111",
        "expire_month": 12,
        "expire_year": 2030,
        "cvv": "012",
        "first_name": "Jim",
        "last_name": "Green",
        "card_type": "visa",
    }
    info.update(changes)
    return info


def paypal_bill(**changes: Any) -> dict[str, Any]:
    bill = {
        "channel": "PAYPAL_PAYPAL",
        "total_fee": 1250,
        "currency": "USD",
        "bill_no": "BILL20261130001",
        "title": "白开水",
        "return_url": "https://shop.example.com/paid",
    }
    bill.update(changes)
    return bill


def refund(**changes: Any) -> dict[str, Any]:
    body = {"refund_no": f"{TODAY}001", "bill_no": "BILL20261130001", "refund_fee": 100}
    body.update(changes)
    return body


def codes(problems: list[Problem]) -> dict[str, ResultCode]:
    return {problem.field: problem.code for problem in problems}


def test_valid_requests_have_no_problems() -> None:
    assert validate_bill(paypal_bill(), NOW) == []
    card_bill = paypal_bill(channel="PAYPAL_CREDITCARD", credit_card_info=card())
    assert validate_bill(card_bill, NOW) == []
    saved = paypal_bill(channel="PAYPAL_SAVED_CREDITCARD", credit_card_id="CARD-1")
    assert validate_bill(saved, NOW) == []
    assert validate_refund(refund(), NOW) == []
    assert validate_bill_query({}) == []


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"channel": None}, "channel", MISS),
        ({"channel": ""}, "channel", BAD),
        ({"channel": "PAYPAL"}, "channel", CHAN),
        ({"channel": "WX_APP"}, "channel", CHAN),
        ({"channel": 3}, "channel", BAD),
        ({"total_fee": None}, "total_fee", MISS),
        ({"total_fee": 0}, "total_fee", BAD),
        ({"total_fee": -1}, "total_fee", BAD),
        ({"total_fee": 12.5}, "total_fee", BAD),
        ({"total_fee": 12.0}, "total_fee", BAD),
        ({"total_fee": "1250"}, "total_fee", BAD),
        ({"total_fee": True}, "total_fee", BAD),
        ({"total_fee": 2**31}, "total_fee", BAD),
        ({"currency": "JPY", "total_fee": 150}, "total_fee", BAD),
        ({"currency": "HUF", "total_fee": 101}, "total_fee", BAD),
        ({"currency": "TWD", "total_fee": 199}, "total_fee", BAD),
        ({"currency": None}, "currency", MISS),
        ({"currency": "usd"}, "currency", BAD),
        ({"currency": "CNY"}, "currency", BAD),
        ({"bill_no": None}, "bill_no", MISS),
        ({"bill_no": ""}, "bill_no", BAD),
        ({"bill_no": "1234567"}, "bill_no", BAD),
        ({"bill_no": "1" * 33}, "bill_no", BAD),
        ({"bill_no": "BILL-2026-001"}, "bill_no", BAD),
        ({"bill_no": "订单号订单号订单号"}, "bill_no", BAD),
        ({"title": None}, "title", MISS),
        ({"title": ""}, "title", BAD),
        ({"title": "水" * 17}, "title", BAD),
        ({"title": "a" * 33}, "title", BAD),
        ({"title": "水" * 16 + "a"}, "title", BAD),
        ({"title": "\ud800"}, "title", BAD),
        ({"return_url": None}, "return_url", MISS),
        ({"return_url": ""}, "return_url", BAD),
        ({"return_url": "https://shop.example.com/paid?x=1"}, "return_url", BAD),
        ({"return_url": "https://shop.example.com/a&b"}, "return_url", BAD),
        ({"return_url": "/paid"}, "return_url", BAD),
        ({"return_url": "ftp://shop.example.com/paid"}, "return_url", BAD),
        ({"return_url": "https://shop.example.com/paid#done"}, "return_url", BAD),
        ({"optional": "x"}, "optional", BAD),
    ],
)
def test_bill_field_rules(changes: dict[str, Any], field: str, code: ResultCode) -> None:
    # A field sent as null counts as missing.
    assert codes(validate_bill(paypal_bill(**changes), NOW)).get(field) == code


@pytest.mark.parametrize(
    "url",
    ["https://shop.example.com/paid#done", "https://shop.example.com/#", "http://127.0.0.1/#/r"],
)
def test_a_return_url_with_a_fragment_is_refused_by_its_own_message(url: str) -> None:
    """A fragment would swallow the bill_no and result added to the address."""
    problems = validate_bill(paypal_bill(return_url=url), NOW)
    assert [(p.field, p.code, p.key, p.message) for p in problems] == [
        ("return_url", BAD, "url_fragment", "return_url must not contain a fragment (#).")
    ]


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://x/100%", "url_percent"),
        ("http://x/%zz", "url_percent"),
        ("http://x/%2", "url_percent"),
        ("http://x/%", "url_percent"),
        ("http://x%41/", "url_invalid"),
        ("http://evil%2Ecom/", "url_invalid"),
        ("http://user:pw@x/", "url_credentials"),
        ("http://user@x/", "url_credentials"),
        ("http://@x/", "url_credentials"),
        ("http://x\\@evil.com/", "url_invalid"),
        ("http://x/a\\b", "url_invalid"),
        ("http://x/\x00", "control_chars"),
        ("http://x/a\x7fb", "control_chars"),
        ("http://x/a\x1bb", "control_chars"),
        # invisible: the payer's browser comes back to an address the shop does not have
        ("https://shop.example/ret\u200burn", "url_invisible"),
        ("https://shop.exa\u00admple/return", "url_invisible"),
        ("https://shop.example/return\ufeff", "url_invisible"),
        # a host in other letters: its xn-- form depends on the rules (faß.de)
        ("http://例子.测试/back", "url_host_ascii"),
        ("https://faß.de:8443/back", "url_host_ascii"),
    ],
    ids=repr,
)
def test_a_return_url_browsers_would_read_otherwise_is_refused(url: str, key: str) -> None:
    """Bad escapes, user:pass@ (the host is what follows @), a backslash (a browser reads
    it as /: x\\@evil.com is x to Python and evil.com to a browser, or the other way),
    NUL and DEL: each refused by a message of its own, naming return_url."""
    problems = validate_bill(paypal_bill(return_url=url), NOW)
    assert [(p.field, p.code, p.key) for p in problems] == [("return_url", BAD, key)]
    assert "return_url" in problems[0].message


@pytest.mark.parametrize(
    "url",
    [
        "http://x/a%2Fb",
        "https://x/caf%C3%A9",
        "https://x/%e2%82%ac",
        "http://x:8080/r",
        "http://x/",
    ],
)
def test_a_return_url_with_good_escapes_is_fine(url: str) -> None:
    assert validate_bill(paypal_bill(return_url=url), NOW) == []


@pytest.mark.parametrize(
    ("title", "ok"),
    [("水" * 16, True), ("a" * 32, True), ("水" * 15 + "ab", True), ("€" * 16, True)],
)
def test_title_counts_gb18030_bytes(title: str, ok: bool) -> None:
    assert (validate_bill(paypal_bill(title=title), NOW) == []) is ok


def test_bill_no_lengths_8_and_32_are_fine() -> None:
    assert validate_bill(paypal_bill(bill_no="A" * 8), NOW) == []
    assert validate_bill(paypal_bill(bill_no="a1" * 16), NOW) == []


def test_jpy_in_whole_units_is_fine() -> None:
    assert validate_bill(paypal_bill(currency="JPY", total_fee=120000), NOW) == []


def test_all_problems_come_at_once() -> None:
    body = {"channel": "PAYPAL_PAYPAL", "total_fee": -5, "currency": "XYZ", "title": "a" * 40}
    found = codes(validate_bill(body, NOW))
    assert found == {
        "total_fee": BAD,
        "currency": BAD,
        "bill_no": MISS,
        "title": BAD,
        "return_url": MISS,
    }
    assert answer_code(validate_bill(body, NOW)) == MISS


def test_answer_code_prefers_missing_then_channel_then_invalid() -> None:
    assert answer_code([Problem("a", BAD, ""), Problem("b", CHAN, "")]) == CHAN
    assert answer_code([Problem("a", BAD, ""), Problem("b", MISS, "")]) == MISS
    assert answer_code([]) == ResultCode.OK


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"card_number": "411111111111"}, None, None),
        ({"card_number": "41111111111"}, "card_number", BAD),
        ({"card_number": "4" * 20}, "card_number", BAD),
        ({"card_number": "4111 1111 1111 1111"}, "card_number", BAD),
        ({"card_number": 4111111111111111}, "card_number", BAD),
        ({"expire_month": 0}, "expire_month", BAD),
        ({"expire_month": 13}, "expire_month", BAD),
        ({"expire_month": "07"}, "expire_month", BAD),
        ({"expire_year": 30}, "expire_year", BAD),
        ({"expire_year": 2026, "expire_month": 10}, "expire_month", BAD),
        ({"expire_year": 2026, "expire_month": 11}, None, None),
        ({"cvv": "12"}, "cvv", BAD),
        ({"cvv": "12345"}, "cvv", BAD),
        ({"cvv": 123}, "cvv", BAD),
        ({"cvv": "0123"}, None, None),
        ({"first_name": ""}, "first_name", BAD),
        ({"last_name": None}, "last_name", MISS),
        ({"card_type": "VISA"}, "card_type", BAD),
        ({"card_type": "jcb"}, "card_type", BAD),
    ],
)
def test_card_rules(changes: dict[str, Any], field: str | None, code: ResultCode | None) -> None:
    info = card(**changes)
    bill = paypal_bill(channel="PAYPAL_CREDITCARD", credit_card_info=info)
    found = codes(validate_bill(bill, NOW))
    if field is None:
        assert found == {}
    else:
        assert found == {f"credit_card_info.{field}": code}


CONTROL_CHARACTERS = [
    *("\x00", "\x01", "\t", "\n", "\r", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f"),
    *("\u202a", "\u202e", "\u2066", "\u2069"),  # text shown in another direction
    *("\u200e", "\u200f", "\u061c"),  # marks that turn the numbers around them
]


def problem_of(problems: list[Problem], field: str) -> Problem:
    [problem] = [problem for problem in problems if problem.field == field]
    return problem


@pytest.mark.parametrize("control", CONTROL_CHARACTERS, ids=repr)
def test_free_text_refuses_control_characters(control: str) -> None:
    """Control characters and direction overrides: invisible, they would reach
    receipts, exports and PayPal."""
    title = problem_of(validate_bill(paypal_bill(title=f"Order{control}1"), NOW), "title")
    assert title.code == BAD and title.key == "control_chars" and "title" in title.message
    for name in ("first_name", "last_name"):
        info = card(**{name: f"Ji{control}m"})
        bill = paypal_bill(channel="PAYPAL_CREDITCARD", credit_card_info=info)
        found = problem_of(validate_bill(bill, NOW), f"credit_card_info.{name}")
        assert found.code == BAD and found.key == "control_chars" and name in found.message
    saved = paypal_bill(channel="PAYPAL_SAVED_CREDITCARD", credit_card_id=f"CARD-1{control}")
    card_id = problem_of(validate_bill(saved, NOW), "credit_card_id")
    assert card_id.code == BAD and card_id.key == "control_chars"


INVISIBLE_ONLY = ["\u200b", "\ufeff", "\u00ad", " \u2060 ", "\u3164", "\u115f\u1160", "\ufe0f"]


@pytest.mark.parametrize("blank", [" ", "   ", "\u3000", " \u3000 ", *INVISIBLE_ONLY], ids=repr)
def test_a_title_or_name_of_spaces_only_is_refused(blank: str) -> None:
    title = problem_of(validate_bill(paypal_bill(title=blank), NOW), "title")
    assert title.code == BAD and title.key == "blank" and "title" in title.message
    info = card(first_name=blank)
    bill = paypal_bill(channel="PAYPAL_CREDITCARD", credit_card_info=info)
    name = problem_of(validate_bill(bill, NOW), "credit_card_info.first_name")
    assert name.code == BAD and name.key == "blank" and "first_name" in name.message


@pytest.mark.parametrize("title", ["a b", " Order 1 ", "咖啡 ☕", "\u00a0x", "\u200dx"], ids=repr)
def test_spaces_and_other_characters_inside_a_title_are_fine(title: str) -> None:
    assert validate_bill(paypal_bill(title=title), NOW) == []


def test_channel_dependent_fields() -> None:
    assert codes(validate_bill(paypal_bill(channel="PAYPAL_CREDITCARD"), NOW)) == {
        "credit_card_info": MISS
    }
    bad = paypal_bill(channel="PAYPAL_CREDITCARD", credit_card_info=[1])
    assert codes(validate_bill(bad, NOW)) == {"credit_card_info": BAD}
    assert codes(validate_bill(paypal_bill(channel="PAYPAL_SAVED_CREDITCARD"), NOW)) == {
        "credit_card_id": MISS
    }
    no_url = paypal_bill()
    del no_url["return_url"]
    assert codes(validate_bill(no_url, NOW)) == {"return_url": MISS}


def test_refund_no_uses_todays_date_in_china() -> None:
    late_evening_utc = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # 01:00 on 30 Nov in China
    assert china_today(late_evening_utc) == "20261130"
    assert validate_refund(refund(), late_evening_utc) == []
    yesterday = (NOW - timedelta(days=1)).strftime("%Y%m%d")
    assert codes(validate_refund(refund(refund_no=f"{yesterday}001"), NOW)) == {"refund_no": BAD}


@pytest.mark.parametrize(
    ("refund_no", "ok"),
    [
        (f"{TODAY}001", True),
        (f"{TODAY}abc", True),
        (f"{TODAY}{'9' * 24}", True),
        (f"{TODAY}01", False),
        (f"{TODAY}{'9' * 25}", False),
        (f"{TODAY}000", False),
        (f"{TODAY}0000000", False),
        (f"{TODAY}00-1", False),
        ("2026113", False),
        ("", False),
    ],
)
def test_refund_no_rules(refund_no: str, ok: bool) -> None:
    problems = codes(validate_refund(refund(refund_no=refund_no), NOW))
    assert problems == ({} if ok else {"refund_no": BAD})


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"refund_fee": 0}, "refund_fee", BAD),
        ({"refund_fee": 1.5}, "refund_fee", BAD),
        ({"refund_fee": "100"}, "refund_fee", BAD),
        ({"bill_no": "short"}, "bill_no", BAD),
        ({"channel": "NOPE"}, "channel", CHAN),
        ({"channel": "PAYPAL"}, None, None),
        ({"optional": {"k": "v"}}, None, None),
        ({"optional": ["k"]}, "optional", BAD),
        ({"need_approval": False}, None, None),
        ({"need_approval": None}, None, None),
        ({"need_approval": True}, None, None),  # a pre-refund: the server's to refuse
        ({"need_approval": 0}, "need_approval", BAD),
        ({"need_approval": 0.0}, "need_approval", BAD),
        ({"need_approval": "false"}, "need_approval", BAD),
    ],
)
def test_refund_field_rules(changes: dict[str, Any], field: str | None, code: Any) -> None:
    found = codes(validate_refund(refund(**changes), NOW))
    assert found == ({} if field is None else {field: code})


def test_refund_missing_fields() -> None:
    assert codes(validate_refund({}, NOW)) == {
        "refund_no": MISS,
        "bill_no": MISS,
        "refund_fee": MISS,
    }


@pytest.mark.parametrize(
    ("para", "field", "code"),
    [
        ({"limit": 9}, "limit", BAD),
        ({"limit": 51}, "limit", BAD),
        ({"limit": 10}, None, None),
        ({"limit": 50}, None, None),
        ({"skip": -1}, "skip", BAD),
        ({"skip": "0"}, "skip", BAD),
        ({"channel": "PAYPAL"}, None, None),
        ({"channel": "WX_APP"}, None, None),
        ({"channel": "PAYPALX"}, "channel", CHAN),
        ({"start_time": 1435890530}, "start_time", BAD),
        ({"start_time": 1435890530000, "end_time": 1435890520000}, "end_time", BAD),
        ({"end_time": 1435890540000}, None, None),
        ({"bill_no": "x"}, "bill_no", BAD),
    ],
)
def test_query_rules(para: dict[str, Any], field: str | None, code: Any) -> None:
    found = codes(validate_bill_query(para))
    assert found == ({} if field is None else {field: code})


def test_refund_query_checks_refund_no_shape() -> None:
    assert validate_refund_query({"refund_no": "20150610001"}) == []
    assert codes(validate_refund_query({"refund_no": "bad-no"})) == {"refund_no": BAD}


@pytest.mark.parametrize("typed", ["ABCDEFGHIJKL", "R2015061000123", "2015061012"])
def test_a_refund_no_filter_is_told_it_starts_with_its_date(typed: str) -> None:
    """Twelve letters typed in the Refunds tab's number filter were refused with
    "11 to 32 letters or digits.": what had been typed. A refund number starts with
    its 8-digit date; the message says so."""
    (problem,) = validate_refund_query({"refund_no": typed})
    assert problem.code == BAD and "(YYYYMMDD) then 3 to 24 letters or digits" in problem.message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=8,
)
BILL_FIELDS = [*paypal_bill(), "credit_card_info", "credit_card_id", "optional"]


@given(st.dictionaries(st.sampled_from(BILL_FIELDS), json_values, max_size=9))
def test_bill_validator_never_crashes_and_explains(body: dict[str, Any]) -> None:
    for problem in validate_bill(body, NOW):
        assert problem.code in (MISS, CHAN, BAD)
        assert problem.field and problem.message


@given(st.dictionaries(st.sampled_from([*refund(), "channel", "optional"]), json_values))
def test_refund_validator_never_crashes_and_explains(body: dict[str, Any]) -> None:
    for problem in validate_refund(body, NOW):
        assert problem.code in (MISS, CHAN, BAD) and problem.message


@given(
    st.dictionaries(
        st.sampled_from(["channel", "bill_no", "start_time", "end_time", "skip", "limit"]),
        json_values,
    )
)
def test_query_validator_never_crashes(para: dict[str, Any]) -> None:
    for problem in validate_bill_query(para):
        assert problem.code in (CHAN, BAD) and problem.message


TITLE_CHARACTERS = st.characters(
    codec="gb18030",
    exclude_categories=["Cs", "Cc", "Zl", "Zp"],  # control characters, line separators
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",  # directions
)


@given(
    total_fee=st.integers(1, 2**31 - 1),
    bill_no=st.from_regex(r"[0-9A-Za-z]{8,32}", fullmatch=True),
    title=st.text(TITLE_CHARACTERS, min_size=1).filter(
        # a title that shows something: one of invisible characters only is refused
        lambda text: len(text.encode("gb18030")) <= 32 and not shows_nothing(text)
    ),
)
def test_every_well_formed_bill_passes(total_fee: int, bill_no: str, title: str) -> None:
    bill = paypal_bill(total_fee=total_fee, bill_no=bill_no, title=title)
    assert validate_bill(bill, NOW) == []


INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u00ad"])


@given(
    st.text(alphabet="ABCXYZ0123456789", min_size=8, max_size=32),
    st.lists(st.tuples(st.integers(0, 32), INVISIBLE), max_size=4),
)
def test_a_number_pasted_with_invisible_characters_is_the_number(
    number: str, inserted: list[tuple[int, str]]
) -> None:
    pasted = number
    for place, mark in inserted:
        pasted = pasted[:place] + mark + pasted[place:]
    assert typed_number(f" {pasted}\u3000") == number


def test_words_searched_for_lose_only_what_is_blank_around_them() -> None:
    assert typed_words("\u200b chair\ufeff ") == "chair"
    assert typed_words("👨\u200d👩") == "👨\u200d👩"  # a joiner inside belongs to them
    assert typed_words("\u200b\u200e ") == ""


@pytest.mark.parametrize(
    ("pasted", "sent"),
    [
        ("\u034fOrder 1234", "Order 1234"),  # a combining grapheme joiner before it
        ("\u3164Order\u3164 1234\uffa0", "Order 1234"),  # Hangul fillers, full and half
        ("\u115f\u1160Order", "Order"),
        ("Or\u034fder 12\u180b34", "Order 1234"),  # a joiner, a selector after a letter
        ("\ufe0fOrder \ufe0f1234", "Order 1234"),  # selectors after nothing, a space
        ("Order\u2065\ufff0 1234\U000e0000", "Order 1234"),  # unassigned, ignorable
        ("咖啡 ☕\ufe0f", "咖啡 ☕\ufe0f"),  # an emoji's presentation: meaningful
        ("葛\U000e0100", "葛\U000e0100"),  # a CJK character's variant
        ("\u1100\u1160", "\u1100\u1160"),  # a Hangul initial, its vowel a filler: shows
        ("\u115f\u1161", "\u115f\u1161"),  # a Hangul vowel, its initial a filler: shows
        ("e\u0301\u034f\u0323", "e\u0301\u034f\u0323"),  # the joiner keeps marks' order
    ],
    ids=ascii,
)
def test_words_sent_lose_every_character_that_shows_nothing_where_it_is(
    pasted: str, sent: str
) -> None:
    """A title, a holder's name, a note or a card's label pasted with a combining
    grapheme joiner, a Hangul filler or a variation selector that follows no character
    went to BeeCloud and PayPal with it, unseen (Unicode's default-ignorable characters
    that are not format characters). Where one changes how the character before it
    shows (an emoji's, a CJK variant's selector), it stays."""
    assert shown_words(pasted) == sent
    assert not shows_nothing(sent)


@pytest.mark.parametrize(
    "blank", ["\u034f", "\uffa0", " \u180b", "\u2065", "\U000e0fff"], ids=ascii
)
def test_what_is_default_ignorable_alone_shows_nothing(blank: str) -> None:
    assert shows_nothing(blank) and shown_words(blank) == "" and typed_words(blank) == ""
