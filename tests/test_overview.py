"""The Overview's figures (console/overview.py): what is counted, in which currency, on
which day; and, as properties, that the totals are the sums of the records."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.api.models import BillRecord, RefundRecord
from console.api.money import CURRENCIES
from console.overview import (
    UNKNOWN_CURRENCY,
    ChannelShare,
    LocalDays,
    Overview,
    aggregate,
    days_between,
)
from tests.clock_support import time_zone

DAY_MS = 86_400_000
NOV_1 = int(datetime(2026, 11, 1, tzinfo=UTC).timestamp()) * 1000


def utc_day(ms: int) -> date:
    return datetime.fromtimestamp(ms // 1000, UTC).date()


def bill(
    no: str, fee: int, currency: str | None, paid: bool = True, day: int = 0, channel: str = "X"
) -> BillRecord:
    return BillRecord(no, fee, channel, "t", paid, NOV_1 + day * DAY_MS + 3_600_000, currency)


def refund(
    no: str,
    fee: int,
    currency: str | None,
    day: int = 0,
    finished: bool = True,
    succeeded: bool = True,
) -> RefundRecord:
    created = NOV_1 + day * DAY_MS + 7_200_000
    return RefundRecord(no, f"R{no}", fee, fee, "t", "X", finished, succeeded, created, currency)


def test_paid_refunded_and_net_per_currency() -> None:
    overview = aggregate(
        [
            bill("b1", 1_000, "USD", day=0, channel="PAYPAL_PAYPAL"),
            bill("b2", 2_550, "USD", day=2, channel="PAYPAL_CREDITCARD"),
            bill("b3", 120_000, "JPY", day=1),
            bill("b4", 999, "USD", paid=False),  # unpaid: counted apart only
        ],
        [
            refund("b1", 400, "USD", day=3),  # a partial refund, days after its bill
            refund("old", 5_000, "USD", day=1),  # of a bill before the range: still counted
            refund("b3", 120_000, "JPY", finished=False),  # in progress
            refund("b2", 100, "USD", succeeded=False),  # refused
        ],
        day_of=utc_day,
    )
    usd, jpy = overview.totals["USD"], overview.totals["JPY"]
    assert (usd.paid, usd.paid_count, usd.refunded, usd.refund_count) == (3_550, 2, 5_400, 2)
    assert usd.net == -1_850  # more refunded than paid in the range
    assert (jpy.paid, jpy.paid_count, jpy.refunded, jpy.refund_count, jpy.net) == (
        120_000,
        1,
        0,
        0,
        120_000,
    )
    assert (overview.bills_seen, overview.unpaid_count) == (4, 1)
    assert (overview.refunds_seen, overview.refunds_in_progress, overview.refunds_refused) == (
        4,
        1,
        1,
    )
    assert usd.paid_by_day == {date(2026, 11, 1): 1_000, date(2026, 11, 3): 2_550}
    assert usd.refunded_by_day == {date(2026, 11, 4): 400, date(2026, 11, 2): 5_000}
    assert (overview.first_day, overview.last_day) == (date(2026, 11, 1), date(2026, 11, 4))
    assert usd.channel_shares() == [
        ChannelShare("PAYPAL_CREDITCARD", 1, 2_550),
        ChannelShare("PAYPAL_PAYPAL", 1, 1_000),
    ]


def test_the_currency_comes_from_the_record_else_from_what_the_console_remembered() -> None:
    overview = aggregate(
        [bill("mine", 700, None), bill("domestic", 300, None), bill("tagged", 50, "EUR")],
        [refund("mine", 200, None), refund("domestic", 100, None)],
        known_currencies={"mine": "GBP", "tagged": "USD"},  # the record's own one wins
        day_of=utc_day,
    )
    assert set(overview.totals) == {"GBP", "EUR", UNKNOWN_CURRENCY}
    assert (overview.totals["GBP"].paid, overview.totals["GBP"].refunded) == (700, 200)
    unknown = overview.totals[UNKNOWN_CURRENCY]  # summed apart, never added to another
    assert (unknown.paid, unknown.refunded, unknown.net) == (300, 100, 200)
    assert overview.totals["EUR"].paid == 50


def test_the_busiest_currency_comes_first_and_no_currency_last() -> None:
    bills = [bill(f"u{i}", 1, None) for i in range(9)]
    bills += [bill(f"e{i}", 100, "EUR") for i in range(2)]
    bills += [bill("g", 10_000_000, "GBP")]  # the largest amount, but only one bill
    bills += [bill(f"j{i}", 100, "JPY") for i in range(2)]
    overview = aggregate(bills, [refund("g", 1, "GBP"), refund("g2", 1, "GBP")], day_of=utc_day)
    # GBP: 1 bill + 2 refunds = 3; EUR and JPY 2 each (then by code); unknown last.
    assert overview.currencies_by_volume() == ["GBP", "EUR", "JPY", UNKNOWN_CURRENCY]


def test_nothing_paid_and_nothing_refunded_is_empty() -> None:
    overview = aggregate(
        [bill("b", 100, "USD", paid=False)], [refund("r", 1, "USD", finished=False)]
    )
    assert overview.is_empty() and overview.currencies_by_volume() == []
    assert overview.unpaid_count == 1 and overview.refunds_in_progress == 1
    assert (overview.first_day, overview.last_day) == (None, None)


def test_daily_gives_every_day_of_the_range_with_zeros() -> None:
    overview = aggregate(
        [bill("b", 100, "USD", day=1)], [refund("b", 30, "USD", day=3)], None, utc_day
    )
    days = days_between(date(2026, 11, 1), date(2026, 11, 4))
    assert days == [date(2026, 11, d) for d in (1, 2, 3, 4)]
    assert overview.totals["USD"].daily(days) == ([0, 100, 0, 0], [0, 0, 0, 30])
    assert days_between(date(2026, 11, 2), date(2026, 11, 1)) == []


@pytest.mark.parametrize(
    "zone", ["Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Asia/Shanghai", "UTC"]
)
@settings(max_examples=100, deadline=None)
@given(moments=st.lists(st.integers(min_value=946_684_800_000, max_value=4_102_444_800_000)))
def test_local_days_are_the_local_calendar_days(zone: str, moments: list[int]) -> None:
    """Remembered per quarter hour, yet right in zones offset by half and quarter hours
    and across changes of the clocks."""
    with time_zone(zone):
        days = LocalDays()
        for ms in moments + moments:  # the second time, from what it remembered
            assert days(ms) == datetime.fromtimestamp(ms / 1000).date()


def test_local_days_around_a_change_of_the_clocks() -> None:
    with time_zone("Europe/Berlin"):
        days = LocalDays()
        # 2026-03-29: clocks go from 02:00 to 03:00; 2026-10-25: from 03:00 back to 02:00.
        for moment in (
            datetime(2026, 3, 28, 23, 59, 59),
            datetime(2026, 3, 29, 0, 0),
            datetime(2026, 3, 29, 23, 59, 59),
            datetime(2026, 10, 25, 0, 0),
            datetime(2026, 10, 25, 23, 59, 59),
            datetime(2026, 10, 26, 0, 0),
        ):
            assert days(int(moment.timestamp() * 1000)) == moment.date()


# -- properties -----------------------------------------------------------------------

currencies = st.sampled_from([*sorted(CURRENCIES)[:4], None])
channels = st.sampled_from(["PAYPAL_PAYPAL", "PAYPAL_CREDITCARD", "WX_APP"])
times = st.integers(min_value=NOV_1, max_value=NOV_1 + 40 * DAY_MS)
fees = st.integers(min_value=1, max_value=2**31 - 1)
bill_numbers = st.sampled_from([f"b{i}" for i in range(8)])
bills_strategy = st.lists(
    st.builds(
        BillRecord,
        bill_no=bill_numbers,
        total_fee=fees,
        channel=channels,
        title=st.just("t"),
        paid=st.booleans(),
        created_time=times,
        currency=currencies,
    ),
    max_size=40,
)
refunds_strategy = st.lists(
    st.builds(
        RefundRecord,
        bill_no=bill_numbers,
        refund_no=st.just("R"),
        total_fee=fees,
        refund_fee=fees,
        title=st.just("t"),
        channel=channels,
        finished=st.booleans(),
        succeeded=st.booleans(),
        created_time=times,
        currency=currencies,
    ),
    max_size=40,
)
known = st.dictionaries(bill_numbers, st.sampled_from(sorted(CURRENCIES)[:6]), max_size=4)


@settings(max_examples=300, deadline=None)
@given(bills=bills_strategy, refunds=refunds_strategy, known=known, page=st.integers(1, 7))
def test_the_totals_are_the_sums_of_the_records(
    bills: list[BillRecord], refunds: list[RefundRecord], known: dict[str, str], page: int
) -> None:
    overview = aggregate(bills, refunds, known, utc_day)

    def currency(record: BillRecord | RefundRecord) -> str:
        return record.currency or known.get(record.bill_no, UNKNOWN_CURRENCY)

    paid = [b for b in bills if b.paid]
    done = [r for r in refunds if r.finished and r.succeeded]
    assert set(overview.totals) == {currency(b) for b in paid} | {currency(r) for r in done}
    for code, totals in overview.totals.items():
        mine = [b for b in paid if currency(b) == code]
        back = [r for r in done if currency(r) == code]
        assert totals.paid == sum(b.total_fee for b in mine)
        assert totals.paid_count == len(mine)
        assert totals.refunded == sum(r.refund_fee for r in back)
        assert totals.refund_count == len(back)
        assert totals.net == totals.paid - totals.refunded
        assert type(totals.paid) is int and type(totals.refunded) is int  # never a float
        assert sum(totals.paid_by_day.values()) == totals.paid
        assert sum(totals.refunded_by_day.values()) == totals.refunded
        shares = totals.channel_shares()
        assert sum(s.amount for s in shares) == totals.paid
        assert sum(s.count for s in shares) == totals.paid_count
        if overview.first_day is not None and overview.last_day is not None:
            days = days_between(overview.first_day, overview.last_day)
            assert [sum(v) for v in totals.daily(days)] == [totals.paid, totals.refunded]
    assert overview.bills_seen == len(bills)
    assert overview.unpaid_count == len(bills) - len(paid)
    assert overview.refunds_seen == len(refunds)
    assert overview.refunds_in_progress == sum(not r.finished for r in refunds)
    assert overview.refunds_refused == sum(r.finished and not r.succeeded for r in refunds)

    # Summed a page at a time, as the tab does while a load arrives: the same figures.
    paged = Overview(known, utc_day)
    for at in range(0, max(len(bills), len(refunds)), page):
        paged.add_refunds(refunds[at : at + page])
        paged.add_bills(bills[at : at + page])
    assert paged.totals == overview.totals
    assert paged.currencies_by_volume() == overview.currencies_by_volume()
    assert (paged.first_day, paged.last_day) == (overview.first_day, overview.last_day)
