"""Wire types: exact field names out, strict parsing in, card data never in a repr."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from console.api import BillQuery, BillRecord, BillRequest, CardInfo, Money, RefundQuery
from console.api.models import TEXT_MAX, RefundRecord, RefundRequest
from console.api.validate import CONTROL_CHARACTERS

CARD = CardInfo("4111111111111111", 7, 2031, "012", "Jim", "Green", "visa")


def test_a_card_payment_goes_out_with_the_documents_field_names() -> None:
    request = BillRequest("PAYPAL_CREDITCARD", Money(120000, "JPY"), "BILL0001", "茶", card=CARD)
    assert request.to_wire() == {
        "channel": "PAYPAL_CREDITCARD",
        "total_fee": 120000,
        "currency": "JPY",
        "bill_no": "BILL0001",
        "title": "茶",
        "credit_card_info": {
            "card_number": "4111111111111111",
            "expire_month": 7,
            "expire_year": 2031,
            "cvv": "012",
            "first_name": "Jim",
            "last_name": "Green",
            "card_type": "visa",
        },
    }


def test_card_number_and_cvv_never_show_in_a_repr() -> None:
    for text in (
        repr(CARD),
        str(CARD),
        repr(BillRequest("X", Money(1, "USD"), "B", "t", card=CARD)),
    ):
        assert "4111111111111111" not in text and "012'" not in text
    assert "•••• 1111" in repr(CARD)


def test_refund_and_queries_on_the_wire() -> None:
    refund = RefundRequest("BILL0001", "20261130001", Money(50, "USD"), optional={"k": "v"})
    assert refund.to_wire() == {
        "refund_no": "20261130001",
        "bill_no": "BILL0001",
        "refund_fee": 50,
        "optional": {"k": "v"},
    }
    assert BillQuery(channel="PAYPAL", limit=50).to_wire() == {
        "channel": "PAYPAL",
        "skip": 0,
        "limit": 50,
    }
    assert RefundQuery(refund_no="20261130001").to_wire()["refund_no"] == "20261130001"


BILL_WIRE = {
    "bill_no": "BILL0001",
    "total_fee": 1250,
    "channel": "WX_APP",
    "title": "白开水",
    "spay_result": True,
    "created_time": 1435890533866,
}


def test_records_take_currency_as_an_optional_extra() -> None:
    assert BillRecord.from_wire(BILL_WIRE).currency is None
    assert BillRecord.from_wire({**BILL_WIRE, "currency": "JPY"}).currency == "JPY"
    assert BillRecord.from_wire({**BILL_WIRE, "currency": "CNY"}).currency is None
    record = BillRecord.from_wire({**BILL_WIRE, "unknown_extra": 1})
    assert (record.paid, record.total_fee) == (True, 1250)


def test_a_title_given_as_null_is_read_as_one_left_out() -> None:
    """A record without a title is read with none; one whose title is null was left
    out of the list as unreadable (NOTES.md: a field sent as null counts as missing)."""
    for title in ({}, {"title": None}):
        wire = {key: value for key, value in BILL_WIRE.items() if key != "title"}
        assert BillRecord.from_wire({**wire, **title}).title == ""
        wire = {key: value for key, value in REFUND_WIRE.items() if key != "title"}
        assert RefundRecord.from_wire({**wire, **title}).title == ""


@pytest.mark.parametrize(
    "change",
    [{"total_fee": 12.5}, {"total_fee": "1250"}, {"spay_result": "false"}, {"bill_no": None}],
)
def test_records_with_wrong_types_are_refused_not_guessed(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        BillRecord.from_wire({**BILL_WIRE, **change})


@pytest.mark.parametrize(
    "change",
    [
        {"total_fee": -1},
        {"total_fee": 2**31},  # a (Java) Integer on the wire: at most 2**31 - 1
        {"total_fee": 10**30},  # no SQLite integer holds it
        {"created_time": 1435890533},  # seconds, not milliseconds
        {"created_time": 10**30},
        {"created_time": -1},
    ],
)
def test_records_with_numbers_out_of_range_are_refused(change: dict[str, object]) -> None:
    """A server that lies: amounts and times no BeeCloud record can have. Taken in, a
    bill of 10**30 could not be written to the history (OverflowError), and two of
    2**62 broke its sums per day (SQLite's integer overflow)."""
    with pytest.raises(ValueError):
        BillRecord.from_wire({**BILL_WIRE, **change})
    with pytest.raises(ValueError):
        RefundRecord.from_wire({**REFUND_WIRE, **change})
    fee = change.get("total_fee")
    if fee is not None:
        with pytest.raises(ValueError):
            RefundRecord.from_wire({**REFUND_WIRE, "refund_fee": fee})


@pytest.mark.parametrize(
    ("kind", "change"),
    [
        ("bill", {"bill_no": ""}),
        ("bill", {"bill_no": "BILL001"}),  # 8 to 32 letters or digits
        ("bill", {"bill_no": "BILL 0001"}),
        ("bill", {"bill_no": "B" * 33}),
        ("refund", {"bill_no": "BILL-0001"}),
        ("refund", {"refund_no": ""}),
        ("refund", {"refund_no": "2026113001"}),  # a date of 8 digits, then 3 to 24
        ("refund", {"refund_no": "20261130_001"}),
        ("refund", {"refund_fee": 1001}),  # more than the bill
    ],
)
def test_records_with_numbers_beecloud_never_makes_are_refused(
    kind: str, change: dict[str, object]
) -> None:
    """A record is upserted by its number, and a refund joined to its bill by the
    bill's: an empty or malformed number, or a refund of more than its bill, is a lie."""
    with pytest.raises(ValueError):
        if kind == "bill":
            BillRecord.from_wire({**BILL_WIRE, **change})
        else:
            RefundRecord.from_wire({**REFUND_WIRE, **change})


REFUND_WIRE = {
    "bill_no": "BILL0001",
    "refund_no": "20261130001",
    "total_fee": 1000,
    "refund_fee": 250,
    "title": "t",
    "channel": "PAYPAL_CREDITCARD",
    "finish": True,
    "result": False,
    "created_time": 1435890533866,
    "currency": "USD",
}


def test_refund_record_fields() -> None:
    record = RefundRecord.from_wire(REFUND_WIRE)
    assert (record.finished, record.succeeded, record.currency) == (True, False, "USD")


def test_records_are_light_a_table_holds_100000_of_them() -> None:
    """Slots, no __dict__; one shared string per channel and currency, however many
    records name it (each parsed from JSON text of its own, as the client parses)."""
    first, second = (
        BillRecord.from_wire(json.loads(json.dumps({**BILL_WIRE, "currency": "USD"})))
        for _ in range(2)
    )
    assert first == second
    assert first.channel is second.channel and first.currency is second.currency
    assert not hasattr(first, "__dict__")
    refund = RefundRecord.from_wire(
        {**BILL_WIRE, "refund_no": "20261130001", "refund_fee": 1, "finish": True, "result": True}
    )
    assert not hasattr(refund, "__dict__") and refund.channel is first.channel


@pytest.mark.parametrize("field", ["title", "channel"])
@given(text=st.text(max_size=300))
def test_a_records_free_text_is_kept_as_text_the_history_can_hold_and_show(
    field: str, text: str
) -> None:
    """A server may send any JSON string: a lone surrogate (which no database file can
    hold), control characters, a title of a megabyte. A record's free text comes out
    as text that can be written and shown: each character that cannot be becomes
    U+FFFD (a line break or tab a space), and a text past TEXT_MAX is cut with '…'."""
    for record in (
        BillRecord.from_wire({**BILL_WIRE, field: text}),
        RefundRecord.from_wire({**REFUND_WIRE, field: text}),
    ):
        kept = getattr(record, field)
        kept.encode("utf-8")  # a lone surrogate cannot be
        assert not any(unicodedata.category(char) in ("Cc", "Cs") for char in kept)
        assert not CONTROL_CHARACTERS.search(kept), "nor a direction override"
        assert len(kept) <= TEXT_MAX
        if len(text) <= TEXT_MAX and kept == text:
            continue
        assert len(text) > TEXT_MAX or any(
            unicodedata.category(char) == "Cs" or CONTROL_CHARACTERS.search(char) for char in text
        ), "a text that could be kept is kept as it came"


def test_what_cannot_be_kept_of_a_free_text_is_marked_not_dropped() -> None:
    title = BillRecord.from_wire(
        {**BILL_WIRE, "title": "a\ud800b\x00c\nd\te\x7f\u202efdp.exe"}
    ).title
    assert title == "a\ufffdb\ufffdc d e\ufffd\ufffdfdp.exe"
    long = BillRecord.from_wire({**BILL_WIRE, "title": "椅" * 1_000_000}).title
    assert long == "椅" * (TEXT_MAX - 1) + "…"


@pytest.mark.parametrize("mark", ["\u200f", "\u061c", "\u200e"], ids=repr)
def test_a_direction_mark_in_a_free_text_is_marked(mark: str) -> None:
    """A right-to-left mark (or an Arabic letter mark) is invisible and turns the
    numbers around it: "Refund \u200f12.50 - 99.00" was shown (in a cell, a label)
    as "Refund 99.00 - 12.50", a title beginning with one right-aligned; a
    left-to-right mark does the same in a right-to-left text."""
    title = BillRecord.from_wire({**BILL_WIRE, "title": f"Refund {mark}12.50 - 99.00"}).title
    assert title == "Refund \ufffd12.50 - 99.00"
