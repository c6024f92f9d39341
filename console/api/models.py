"""Requests and records with the exact wire field names.

Requests turn into the JSON object the API takes (`to_wire`); records are
read from the JSON objects it answers (`from_wire`), which refuses (ValueError)
what no BeeCloud record can hold: a wrong type, an amount out of range, a time
not in milliseconds, a malformed number. A record's free text (title, channel) is
any string a server sent, made text that can be kept and shown (`shown_text`).
Amounts are integers of hundredths; a card number and CVV never appear in a repr.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, TypeVar

from console.api.cards import mask_card_number
from console.api.money import CURRENCIES, MAX_FEE, Money
from console.api.validate import BILL_NO, CONTROL_CLASS, MS_MAX, MS_MIN, REFUND_NO


@dataclass(frozen=True)
class CardInfo:
    card_number: str = field(repr=False)
    expire_month: int
    expire_year: int
    cvv: str = field(repr=False)
    first_name: str
    last_name: str
    card_type: str

    @property
    def masked_number(self) -> str:
        return mask_card_number(self.card_number)

    def __repr__(self) -> str:
        return (
            f"CardInfo(card_number={self.masked_number!r}, expire={self.expire_month:02d}/"
            f"{self.expire_year}, card_type={self.card_type!r}, cvv='***')"
        )

    def to_wire(self) -> dict[str, Any]:
        return {
            "card_number": self.card_number,
            "expire_month": self.expire_month,
            "expire_year": self.expire_year,
            "cvv": self.cvv,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "card_type": self.card_type,
        }


@dataclass(frozen=True)
class BillRequest:
    """A payment: POST /1/rest/international/bill."""

    channel: str
    amount: Money
    bill_no: str
    title: str
    return_url: str | None = None
    card: CardInfo | None = None
    credit_card_id: str | None = None

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "channel": self.channel,
            "total_fee": self.amount.hundredths,
            "currency": self.amount.currency,
            "bill_no": self.bill_no,
            "title": self.title,
        }
        if self.return_url is not None:
            wire["return_url"] = self.return_url
        if self.card is not None:
            wire["credit_card_info"] = self.card.to_wire()
        if self.credit_card_id is not None:
            wire["credit_card_id"] = self.credit_card_id
        return wire


@dataclass(frozen=True)
class RefundRequest:
    """A refund: POST /1/rest/international/refund. `amount` is refund_fee."""

    bill_no: str
    refund_no: str
    amount: Money
    channel: str | None = None
    optional: Mapping[str, Any] | None = None

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "refund_no": self.refund_no,
            "bill_no": self.bill_no,
            "refund_fee": self.amount.hundredths,
        }
        if self.channel is not None:
            wire["channel"] = self.channel
        if self.optional is not None:
            wire["optional"] = dict(self.optional)
        return wire


@dataclass(frozen=True)
class RecordQuery:
    """The filters bill and refund queries share. Times are 13-digit milliseconds on
    creation time."""

    channel: str | None = None
    bill_no: str | None = None
    start_time: int | None = None
    end_time: int | None = None
    skip: int = 0
    limit: int = 10

    def to_wire(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value is not None}


@dataclass(frozen=True)
class BillQuery(RecordQuery):
    """GET /1/rest/bills, and whether they were paid (`spay_result`: the official SDK's
    bill filter, which the API document leaves out; docs/decisions.md)."""

    spay_result: bool | None = None


@dataclass(frozen=True)
class RefundQuery(RecordQuery):
    """GET /1/rest/refunds: the shared filters plus refund_no."""

    refund_no: str | None = None


Q = TypeVar("Q", "BillQuery", "RefundQuery")
R = TypeVar("R")


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def until(query: Q, as_of_ms: int) -> Q:
    """The query with its range ending at `as_of_ms` at the latest (creation times are
    inclusive milliseconds): what a walk starting then can list completely. A range
    that starts later still (days ahead) keeps its first millisecond alone: it lists
    nothing made before the walk, and the query stays valid."""
    end = query.end_time
    if end is not None and end <= as_of_ms:
        return query
    return replace(query, end_time=max(as_of_ms, query.start_time or 0))


def _int(value: Any) -> int:
    """A wire integer; a float or a string is refused, never rounded."""
    if type(value) is not int:
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def _fee(value: Any) -> int:
    """An amount in hundredths, as BeeCloud's records can hold: a (Java) Integer on the
    wire, never negative. A server that says otherwise lies."""
    fee = _int(value)
    if not 0 <= fee <= MAX_FEE:
        raise ValueError(f"an amount out of range: {fee!r}")
    return fee


def _moment(value: Any) -> int:
    """A 13-digit millisecond timestamp (seconds, or a time no record can have, are
    refused)."""
    ms = _int(value)
    if not MS_MIN <= ms <= MS_MAX:
        raise ValueError(f"a time out of range: {ms!r}")
    return ms


def _number(value: Any, pattern: re.Pattern[str]) -> str:
    """A bill's or refund's number, as BeeCloud makes them (a record is upserted by its
    number, and a refund joined to its bill by the bill's)."""
    text = _text(value)
    if not pattern.fullmatch(text):
        raise ValueError(f"not a number BeeCloud makes: {text[:40]!r}")
    return text


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


# The most characters of a record's free text kept. BeeCloud takes a title of 32 bytes
# at most (NOTES.md): a longer one is a server's lie, cut rather than refused, so that
# one record never stops a sync (and a megabyte each cannot fill the history).
TEXT_MAX = 200
_SPACES = str.maketrans(dict.fromkeys("\t\n\r\v\f", " "))
# What no database file can hold (a lone surrogate), and what the validator refuses in
# text we send (console/api/validate.py): control characters, direction overrides.
_UNSHOWN = re.compile(rf"[\ud800-\udfff{CONTROL_CLASS}]")


def _free_text(value: Any) -> str:
    """A record's free text (ValueError if not a string) as shown_text makes it."""
    return shown_text(_text(value))


def shown_text(text: str) -> str:
    """A server's text as it can be kept, logged and shown: a lone surrogate, a control
    character or a direction override becomes U+FFFD, a line break or tab a space;
    past TEXT_MAX characters it is cut, ending in '…'."""
    if len(text) > TEXT_MAX:
        text = text[: TEXT_MAX - 1] + "…"
    if text.isprintable():  # nearly always: nothing to look at character by character
        return text
    return _UNSHOWN.sub("\ufffd", text.translate(_SPACES))


def _title(wire: Mapping[str, Any]) -> str:
    """A record's title; none when the field is missing or null (NOTES.md: a field
    sent as null counts as missing)."""
    title = wire.get("title")
    return "" if title is None else _free_text(title)


def _currency(wire: Mapping[str, Any]) -> str | None:
    """The optional extra `currency` field, kept only when it is one we know."""
    value = wire.get("currency")
    return sys.intern(value) if isinstance(value, str) and value in CURRENCIES else None


def _channel(wire: Mapping[str, Any]) -> str:
    """A record's channel, one shared string per channel name (a table may hold 100,000
    records: one copy each would cost memory, and time again to free them)."""
    return sys.intern(_free_text(wire["channel"]))


@dataclass(frozen=True, slots=True)  # slots: a table may hold 100,000 of them
class BillRecord:
    bill_no: str
    total_fee: int
    channel: str
    title: str
    paid: bool
    created_time: int
    currency: str | None = None

    @classmethod
    def from_wire(cls, wire: Mapping[str, Any]) -> BillRecord:
        return cls(
            bill_no=_number(wire["bill_no"], BILL_NO),
            total_fee=_fee(wire["total_fee"]),
            channel=_channel(wire),
            title=_title(wire),
            paid=_flag(wire["spay_result"]),
            created_time=_moment(wire["created_time"]),
            currency=_currency(wire),
        )

    def lasting(self) -> tuple[int, int, str]:
        """What never changes of a bill once made (only its payment does): listed again
        with another, it is another bill under the same number."""
        return (self.created_time, self.total_fee, self.channel)

    def is_for(self, hundredths: int | None, currency: str | None) -> bool:
        """Whether BeeCloud lists the bill for what was sent (a list that gives no
        currency leaves it as sent): another amount is a lie, or a number made twice."""
        return (self.total_fee, self.currency or currency) == (hundredths, currency)


@dataclass(frozen=True, slots=True)
class RefundRecord:
    bill_no: str
    refund_no: str
    total_fee: int
    refund_fee: int
    title: str
    channel: str
    finished: bool
    succeeded: bool
    created_time: int
    currency: str | None = None

    @classmethod
    def from_wire(cls, wire: Mapping[str, Any]) -> RefundRecord:
        total_fee, refund_fee = _fee(wire["total_fee"]), _fee(wire["refund_fee"])
        if refund_fee > total_fee:
            raise ValueError(f"a refund of {refund_fee} from a bill of {total_fee}")
        return cls(
            bill_no=_number(wire["bill_no"], BILL_NO),
            refund_no=_number(wire["refund_no"], REFUND_NO),
            total_fee=total_fee,
            refund_fee=refund_fee,
            title=_title(wire),
            channel=_channel(wire),
            finished=_flag(wire["finish"]),
            succeeded=_flag(wire["result"]),
            created_time=_moment(wire["created_time"]),
            currency=_currency(wire),
        )

    def lasting(self) -> tuple[str, int, int, int]:
        """What never changes of a refund once made (only whether it finished and
        succeeded does): listed again with another, it is another refund under the same
        number."""
        return (self.bill_no, self.created_time, self.refund_fee, self.total_fee)

    def is_for(self, bill_no: str | None, refund_fee: int | None) -> bool:
        """Whether BeeCloud lists the refund's number for the bill and amount sent."""
        return (self.bill_no, self.refund_fee) == (bill_no, refund_fee)


@dataclass(frozen=True)
class Unreadable:
    """A row of a list's answer that cannot be read as a record (a field missing, an
    amount or a time out of range, a number BeeCloud does not make)."""

    index: int  # its place in the answer's list, from 0
    number: str | None  # its bill_no or refund_no, when that is one BeeCloud makes
    created_time: int | None  # when it says it was made, when that can be read
    reason: str  # why it cannot be read, in a few words (for the log)

    @classmethod
    def of(cls, index: int, row: Any, number_key: str, error: Exception) -> Unreadable:
        pattern = BILL_NO if number_key == "bill_no" else REFUND_NO
        number: str | None = None
        created: int | None = None
        with suppress(KeyError, ValueError, TypeError, AttributeError, IndexError):
            number = _number(row[number_key], pattern)
        with suppress(KeyError, ValueError, TypeError, AttributeError, IndexError):
            created = _moment(row["created_time"])
        return cls(index, number, created, repr(error)[:200])


class Listed(list[R]):
    """The records of a list's answer that can be read, in order; `rows`: how many the
    answer listed (a page is short, and the list's end, by that); `unreadable`: the
    others."""

    def __init__(self, rows: int = 0) -> None:
        super().__init__()
        self.rows = rows
        self.unreadable: list[Unreadable] = []


class PayResult(NamedTuple):
    bill_no: str
    id: str | None = None
    url: str | None = None
    credit_card_id: str | None = None


class RefundResult(NamedTuple):
    bill_no: str
    refund_no: str
    url: str | None = None
