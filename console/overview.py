"""The Overview's figures: paid, refunded and net per currency, per day and per channel.

Pure functions over bill and refund records; no Qt. Amounts are integers of
hundredths throughout (a chart turns them into floats only when it hands them
to Qt). What is counted (docs/decisions.md, "Overview"):

- paid: the bills with `spay_result` true, on the day the bill was created
  (the API gives no other time); unpaid bills are only counted;
- refunded: the refunds that finished and succeeded, on the day the refund was
  made, whatever the day of its bill; refunds in progress and refused refunds
  are only counted;
- net: paid - refunded, per currency (it is negative when the range holds more
  refunds than payments);
- a record's currency is its own, else the one this console remembered for
  its bill (bill lists carry none); records of no known currency are kept
  apart, under UNKNOWN_CURRENCY, never added to another currency (and their
  amounts, which may be of several currencies, are never shown added up).

`Overview` takes records a page at a time (`add_bills`, `add_refunds`), so a
long load is summed as it arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from console.api.models import BillRecord, RefundRecord

UNKNOWN_CURRENCY = ""  # neither the record nor this console knows its currency

# Every time zone's offset is a whole number of quarter hours (so is every change of
# it), so all the milliseconds of one quarter hour fall on the same local day.
QUARTER_HOUR_MS = 900_000


class LocalDays:
    """The local calendar day of a 13-digit millisecond time, remembered per quarter
    hour: 100,000 records of a year ask the time zone about 35,000 times at most."""

    def __init__(self) -> None:
        self._days: dict[int, date] = {}

    def __call__(self, ms: int) -> date:
        quarter = ms // QUARTER_HOUR_MS
        day = self._days.get(quarter)
        if day is None:
            moment = time.localtime(quarter * (QUARTER_HOUR_MS // 1000))
            day = self._days[quarter] = date(moment.tm_year, moment.tm_mon, moment.tm_mday)
        return day


@dataclass(frozen=True)
class ChannelShare:
    """The paid bills of one channel, in one currency."""

    channel: str
    count: int
    amount: int


@dataclass
class CurrencyTotals:
    """Everything counted in one currency. `paid_by_day` and `refunded_by_day` hold
    only the days that have any; `channels` maps a channel to [count, amount] paid."""

    currency: str
    paid: int = 0
    paid_count: int = 0
    refunded: int = 0
    refund_count: int = 0
    paid_by_day: dict[date, int] = field(default_factory=dict)
    refunded_by_day: dict[date, int] = field(default_factory=dict)
    channels: dict[str, list[int]] = field(default_factory=dict)

    @property
    def net(self) -> int:
        return self.paid - self.refunded

    @property
    def volume(self) -> int:
        """How busy the currency was: paid bills and refunds, counted (amounts in
        different currencies cannot be compared without exchange rates)."""
        return self.paid_count + self.refund_count

    def channel_shares(self) -> list[ChannelShare]:
        """Paid bills per channel, the largest amount first (then the channel's name)."""
        shares = [
            ChannelShare(name, count, amount) for name, (count, amount) in self.channels.items()
        ]
        shares.sort(key=lambda share: (-share.amount, -share.count, share.channel))
        return shares

    def daily(self, days: list[date]) -> tuple[list[int], list[int]]:
        """Paid and refunded amounts on each of `days` (0 for a day without any)."""
        paid, refunded = self.paid_by_day, self.refunded_by_day
        return [paid.get(day, 0) for day in days], [refunded.get(day, 0) for day in days]


class Overview:
    """Sums bill and refund records, a page at a time."""

    def __init__(
        self,
        known_currencies: Mapping[str, str] | None = None,
        day_of: Callable[[int], date] | None = None,
    ) -> None:
        self.known_currencies: Mapping[str, str] = known_currencies or {}
        self.day_of: Callable[[int], date] = day_of or LocalDays()
        self.totals: dict[str, CurrencyTotals] = {}
        self.bills_seen = 0
        self.unpaid_count = 0
        self.refunds_seen = 0
        self.refunds_in_progress = 0
        self.refunds_refused = 0
        self.first_day: date | None = None  # of the records counted
        self.last_day: date | None = None

    def _totals(self, currency: str) -> CurrencyTotals:
        totals = self.totals.get(currency)
        if totals is None:
            totals = self.totals[currency] = CurrencyTotals(currency)
        return totals

    def _saw_days(self, days: set[date]) -> None:
        if days:
            low, high = min(days), max(days)
            self.first_day = low if self.first_day is None else min(self.first_day, low)
            self.last_day = high if self.last_day is None else max(self.last_day, high)

    def add_bills(self, bills: Iterable[BillRecord]) -> None:
        known, day_of, totals_of = self.known_currencies, self.day_of, self.totals.get
        days: set[date] = set()
        seen = unpaid = 0
        for bill in bills:
            seen += 1
            if not bill.paid:
                unpaid += 1
                continue
            currency = bill.currency or known.get(bill.bill_no, UNKNOWN_CURRENCY)
            totals = totals_of(currency) or self._totals(currency)
            fee = bill.total_fee
            totals.paid += fee
            totals.paid_count += 1
            day = day_of(bill.created_time)
            days.add(day)
            by_day = totals.paid_by_day
            by_day[day] = by_day.get(day, 0) + fee
            channel = totals.channels.get(bill.channel)
            if channel is None:
                totals.channels[bill.channel] = [1, fee]
            else:
                channel[0] += 1
                channel[1] += fee
        self.bills_seen += seen
        self.unpaid_count += unpaid
        self._saw_days(days)

    def add_refunds(self, refunds: Iterable[RefundRecord]) -> None:
        known, day_of, totals_of = self.known_currencies, self.day_of, self.totals.get
        days: set[date] = set()
        seen = in_progress = refused = 0
        for refund in refunds:
            seen += 1
            if not refund.finished:
                in_progress += 1
                continue
            if not refund.succeeded:
                refused += 1
                continue
            currency = refund.currency or known.get(refund.bill_no, UNKNOWN_CURRENCY)
            totals = totals_of(currency) or self._totals(currency)
            fee = refund.refund_fee
            totals.refunded += fee
            totals.refund_count += 1
            day = day_of(refund.created_time)
            days.add(day)
            by_day = totals.refunded_by_day
            by_day[day] = by_day.get(day, 0) + fee
        self.refunds_seen += seen
        self.refunds_in_progress += in_progress
        self.refunds_refused += refused
        self._saw_days(days)

    def add_day_sums(
        self,
        paid_days: Iterable[tuple[date, str, int, int]],
        paid_channels: Iterable[tuple[str, str, int, int]],
        refunded_days: Iterable[tuple[date, str, int, int]],
        unpaid: int = 0,
        refunds_refused: int = 0,
        refunds_in_progress: int = 0,
    ) -> None:
        """Sums made elsewhere (the history mirror's, console/store/mirror_query.py): the
        paid bills as (day, currency, count, amount) and as (currency, channel, count,
        amount), the successful refunds as (day, currency, count, amount), and how many
        bills were unpaid and refunds refused or in progress; the currency "" when
        unknown. The same figures as add_bills and add_refunds would make of the
        records."""
        days: set[date] = set()
        for day, currency, count, fee in paid_days:
            totals = self._totals(currency)
            totals.paid += fee
            totals.paid_count += count
            totals.paid_by_day[day] = totals.paid_by_day.get(day, 0) + fee
            days.add(day)
            self.bills_seen += count
        for currency, channel, count, fee in paid_channels:
            share = self._totals(currency).channels.setdefault(channel, [0, 0])
            share[0] += count
            share[1] += fee
        self.bills_seen += unpaid
        self.unpaid_count += unpaid
        for day, currency, count, fee in refunded_days:
            totals = self._totals(currency)
            totals.refunded += fee
            totals.refund_count += count
            totals.refunded_by_day[day] = totals.refunded_by_day.get(day, 0) + fee
            days.add(day)
            self.refunds_seen += count
        self.refunds_seen += refunds_refused + refunds_in_progress
        self.refunds_refused += refunds_refused
        self.refunds_in_progress += refunds_in_progress
        self._saw_days(days)

    def is_empty(self) -> bool:
        """Nothing paid and nothing refunded (unpaid bills and unfinished refunds aside)."""
        return not self.totals

    def currencies_by_volume(self) -> list[str]:
        """The currencies counted, the busiest first (see CurrencyTotals.volume), then by
        code; the records of no known currency last."""
        return sorted(
            self.totals,
            key=lambda code: (code == UNKNOWN_CURRENCY, -self.totals[code].volume, code),
        )


def aggregate(
    bills: Iterable[BillRecord],
    refunds: Iterable[RefundRecord],
    known_currencies: Mapping[str, str] | None = None,
    day_of: Callable[[int], date] | None = None,
) -> Overview:
    """The Overview of these records, in one pass over each."""
    overview = Overview(known_currencies, day_of)
    overview.add_bills(bills)
    overview.add_refunds(refunds)
    return overview


def days_between(first: date, last: date) -> list[date]:
    """Every day from first to last, both included (none when last is before first)."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
