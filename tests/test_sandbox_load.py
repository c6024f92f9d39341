"""A bounded load test on loopback: 16 clients pay and refund at once.

Each client is a thread with its own BeeCloudClient (its own keep-alive
session) on one sandbox. In three phases, separated by barriers:

1. bills: each client pays 25 card bills (PAYPAL_CREDITCARD, paid at once), and
   every pair of neighbours races to pay one contested bill_no;
2. refunds: each client refunds two bills in three, in full or in part;
3. collisions: each client re-uses a bill_no (17) and a refund_no (5) that
   another client took, two clients race to refund one bill (one 0, one 11),
   and two clients race to use one new refund_no (one 0, one 5).

Afterwards the sandbox's SQLite file and its queries must hold every
acknowledged (result_code 0) bill and refund exactly once, as sent, and
nothing else; no bill_no or refund_no was accepted twice; no bill has two
successful refunds. p50/p99 latencies per operation are printed (pytest -s)
and attached to the test report with record_property.
"""

from __future__ import annotations

import json
import logging
import math
import random
import sqlite3
import threading
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from console.api.client import BeeCloudClient
from console.api.errors import ApiError
from console.api.models import BillQuery, BillRequest, CardInfo, RefundQuery, RefundRequest
from console.api.money import WHOLE_UNIT_CURRENCIES, Money
from console.api.validate import china_today
from console.sandbox import SandboxServer
from console.sandbox.faults import Fault
from tests.sandbox_support import APP_ID, APP_SECRET, BILLS, GOOD_CARD, signed

CLIENTS = 16
BILLS_PER_CLIENT = 25
RACE_BILL = 23  # refunded by two clients at once in phase 3 (left alone in phase 2)
REUSED_REFUND_BILL = 2  # a bill phase 2 leaves alone, refunded with a taken refund_no
SHARED_REFUND_NO_BILL = 5  # likewise, for the race to use one new refund_no
PHASE_TIMEOUT_S = 30.0
JOIN_TIMEOUT_S = 60.0
CURRENCY_CHOICES = ("USD", "EUR", "GBP", "JPY", "HKD", "HUF")

OK = 0
ALREADY_REFUNDING = 11
PARAM_INVALID = 5
BILL_NO_DUPLICATE = 17


def own_bill_no(client: int, n: int) -> str:
    return f"LD{client:02d}N{n:03d}"


def contested_bill_no(pair: int) -> str:
    return f"LDCONTEST{pair:02d}"


def own_refund_no(today: str, client: int, n: int) -> str:
    return f"{today}L{client:02d}N{n:03d}"


def card() -> CardInfo:
    return CardInfo(GOOD_CARD, 12, 2099, "123", "Load", "Tester", "visa")


def amount(rng: random.Random) -> Money:
    currency = rng.choice(CURRENCY_CHOICES)
    units = rng.randint(1, 5000)
    if currency in WHOLE_UNIT_CURRENCIES:
        return Money(units * 100, currency)
    return Money(units * 100 + rng.randint(0, 99), currency)


def partial(money: Money) -> Money:
    """About half, in the currency's own units (whole units for JPY, HUF, TWD)."""
    unit = 100 if money.currency in WHOLE_UNIT_CURRENCIES else 1
    return Money(max(unit, money.hundredths // 2 // unit * unit), money.currency)


@dataclass(frozen=True)
class Attempt:
    """One call and how it ended: code 0 is acknowledged."""

    client: int
    operation: str  # "pay" or "refund"
    purpose: str  # "own", "contested", "reused", "race", "shared refund_no"
    bill_no: str
    refund_no: str | None
    money: Money
    code: int
    seconds: float


class LoadClient:
    """One merchant back end: its own BeeCloudClient, in its own thread."""

    def __init__(self, index: int, run: LoadRun) -> None:
        self.index = index
        self.run = run
        self.rng = random.Random(1000 + index)
        self.api = BeeCloudClient(
            APP_ID,
            APP_SECRET,
            [run.sandbox.base_url],
            shuffle=False,
            connect_timeout=5.0,
            read_timeout=10.0,
        )
        self.attempts: list[Attempt] = []
        self.bills: dict[int, Money] = {}

    def timed(self, call: Callable[[], object]) -> tuple[int, float]:
        started = time.perf_counter()
        try:
            call()
        except ApiError as error:
            code = error.code
        else:
            code = OK
        return code, time.perf_counter() - started

    def pay(self, bill_no: str, money: Money, purpose: str) -> int:
        request = BillRequest("PAYPAL_CREDITCARD", money, bill_no, "负载测试 load", card=card())
        code, seconds = self.timed(lambda: self.api.pay(request))
        self.attempts.append(
            Attempt(self.index, "pay", purpose, bill_no, None, money, code, seconds)
        )
        return code

    def refund(self, bill_no: str, refund_no: str, money: Money, purpose: str) -> int:
        request = RefundRequest(bill_no, refund_no, money)
        code, seconds = self.timed(lambda: self.api.refund(request))
        self.attempts.append(
            Attempt(self.index, "refund", purpose, bill_no, refund_no, money, code, seconds)
        )
        return code

    def __call__(self) -> None:
        try:
            self.phases()
        except Exception:
            self.run.errors.append(f"client {self.index}: {traceback.format_exc()}")
            self.run.barrier.abort()  # the others stop waiting for this one
        finally:
            self.api.close()

    def phases(self) -> None:
        i, today, barrier = self.index, self.run.today, self.run.barrier
        neighbour = (i + 1) % CLIENTS
        # 1. bills, and a bill_no raced with the neighbour on each side
        for n in range(BILLS_PER_CLIENT):
            self.bills[n] = amount(self.rng)
            assert self.pay(own_bill_no(i, n), self.bills[n], "own") == OK
            if n == BILLS_PER_CLIENT // 2:
                self.pay(contested_bill_no(i), amount(self.rng), "contested")
                self.pay(contested_bill_no((i - 1) % CLIENTS), amount(self.rng), "contested")
        barrier.wait()
        # 2. refunds: in full (n % 3 == 0) or in part (n % 3 == 1)
        for n in range(BILLS_PER_CLIENT):
            if n % 3 == 2 or n == RACE_BILL:
                continue
            money = self.bills[n] if n % 3 == 0 else partial(self.bills[n])
            assert self.refund(own_bill_no(i, n), own_refund_no(today, i, n), money, "own") == OK
        barrier.wait()
        # 3. collisions with what another client took in phases 1 and 2
        self.pay(own_bill_no(neighbour, 0), amount(self.rng), "reused")
        taken = own_refund_no(today, neighbour, 0)
        bill = REUSED_REFUND_BILL
        self.refund(own_bill_no(i, bill), taken, partial(self.bills[bill]), "reused")
        pair = i // 2
        race_bill = own_bill_no(2 * pair, RACE_BILL)
        race_money = partial(self.run.bill_money(2 * pair, RACE_BILL))  # set in phase 1
        barrier.wait()
        self.refund(race_bill, f"{today}RACE{i:02d}", race_money, "race")
        barrier.wait()
        shared = f"{today}SAME{pair:02d}"
        bill = SHARED_REFUND_NO_BILL
        self.refund(own_bill_no(i, bill), shared, partial(self.bills[bill]), "shared refund_no")


class LoadRun:
    def __init__(self, sandbox: SandboxServer) -> None:
        self.sandbox = sandbox
        self.today = china_today()
        self.barrier = threading.Barrier(CLIENTS, timeout=PHASE_TIMEOUT_S)
        self.errors: list[str] = []
        self.clients = [LoadClient(index, self) for index in range(CLIENTS)]

    def bill_money(self, client: int, n: int) -> Money:
        return self.clients[client].bills[n]

    def go(self) -> list[Attempt]:
        threads = [
            threading.Thread(target=client, name=f"load-client-{client.index}", daemon=True)
            for client in self.clients
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + JOIN_TIMEOUT_S
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        stuck = [thread.name for thread in threads if thread.is_alive()]
        assert not stuck, f"clients still running after {JOIN_TIMEOUT_S} s: {stuck}"
        assert not self.errors, self.errors
        return [attempt for client in self.clients for attempt in client.attempts]


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest value with `fraction` of them at or below."""
    ordered = sorted(values)
    rank = math.ceil(fraction * len(ordered) - 1e-9)
    return ordered[min(max(rank, 1), len(ordered)) - 1]


def report_latencies(
    attempts: list[Attempt], record_property: Callable[[str, object], None]
) -> None:
    by_operation: dict[str, list[float]] = defaultdict(list)
    for attempt in attempts:
        by_operation[attempt.operation].append(attempt.seconds)
    print()
    for operation, seconds in sorted(by_operation.items()):
        p50, p99 = percentile(seconds, 0.50) * 1000, percentile(seconds, 0.99) * 1000
        print(
            f"load: {operation:6s} n={len(seconds):4d}  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  "
            f"max {max(seconds) * 1000:7.2f} ms"
        )
        record_property(f"{operation}_count", len(seconds))
        record_property(f"{operation}_p50_ms", round(p50, 2))
        record_property(f"{operation}_p99_ms", round(p99, 2))


def by_purpose(attempts: list[Attempt], operation: str, purpose: str) -> list[Attempt]:
    return [a for a in attempts if a.operation == operation and a.purpose == purpose]


def assert_collisions_refused(attempts: list[Attempt]) -> None:
    own = [a for a in attempts if a.purpose == "own"]
    assert {a.code for a in own} == {OK}
    # a race to pay one new bill_no: exactly one 0 and one 17
    contested: dict[str, list[int]] = defaultdict(list)
    for attempt in by_purpose(attempts, "pay", "contested"):
        contested[attempt.bill_no].append(attempt.code)
    assert len(contested) == CLIENTS
    assert all(sorted(codes) == [OK, BILL_NO_DUPLICATE] for codes in contested.values())
    # a bill_no or a refund_no another client took earlier
    assert [a.code for a in by_purpose(attempts, "pay", "reused")] == [BILL_NO_DUPLICATE] * CLIENTS
    reused_refunds = by_purpose(attempts, "refund", "reused")
    assert [a.code for a in reused_refunds] == [PARAM_INVALID] * CLIENTS
    # two clients refund one bill at once: one 0, one 11
    races: dict[str, list[int]] = defaultdict(list)
    for attempt in by_purpose(attempts, "refund", "race"):
        races[attempt.bill_no].append(attempt.code)
    assert len(races) == CLIENTS // 2
    assert all(sorted(codes) == [OK, ALREADY_REFUNDING] for codes in races.values()), races
    # two clients use one new refund_no at once (on two bills): one 0, one 5
    shared: dict[str | None, list[int]] = defaultdict(list)
    for attempt in by_purpose(attempts, "refund", "shared refund_no"):
        shared[attempt.refund_no].append(attempt.code)
    assert len(shared) == CLIENTS // 2
    assert all(sorted(codes) == [OK, PARAM_INVALID] for codes in shared.values()), shared


def acknowledged(attempts: list[Attempt]) -> tuple[dict[str, Money], dict[str, Attempt]]:
    """The acknowledged bills (bill_no -> amount) and refunds (refund_no -> attempt);
    no bill_no or refund_no may have been acknowledged twice."""
    bills = [a for a in attempts if a.operation == "pay" and a.code == OK]
    refunds = [a for a in attempts if a.operation == "refund" and a.code == OK]
    repeated_bills = [no for no, n in Counter(a.bill_no for a in bills).items() if n > 1]
    repeated_refunds = [no for no, n in Counter(a.refund_no for a in refunds).items() if n > 1]
    assert not repeated_bills, f"a bill_no acknowledged twice: {repeated_bills}"
    assert not repeated_refunds, f"a refund_no acknowledged twice: {repeated_refunds}"
    refunded = [no for no, n in Counter(a.bill_no for a in refunds).items() if n > 1]
    assert not refunded, f"a bill refunded twice: {refunded}"
    return {a.bill_no: a.money for a in bills}, {str(a.refund_no): a for a in refunds}


def assert_database_holds_exactly(
    sandbox: SandboxServer, bills: dict[str, Money], refunds: dict[str, Attempt]
) -> None:
    db = sqlite3.connect(sandbox.db_path)
    try:
        rows = db.execute(
            "SELECT bill_no, total_fee, currency, channel, paid FROM bills WHERE app_id = ?",
            (APP_ID,),
        ).fetchall()
        refund_rows = db.execute(
            "SELECT refund_no, bill_no, refund_fee, finish, result FROM refunds WHERE app_id = ?",
            (APP_ID,),
        ).fetchall()
        twice_refunded = db.execute(
            "SELECT bill_no FROM refunds WHERE app_id = ? AND result = 1 "
            "GROUP BY bill_no HAVING COUNT(*) > 1",
            (APP_ID,),
        ).fetchall()
    finally:
        db.close()
    stored_bill_nos = [row[0] for row in rows]
    assert len(stored_bill_nos) == len(set(stored_bill_nos)), "a bill_no stored twice"
    assert {row[0]: (row[1], row[2]) for row in rows} == {
        no: (money.hundredths, money.currency) for no, money in bills.items()
    }
    assert {(row[3], row[4]) for row in rows} == {("PAYPAL_CREDITCARD", 1)}
    stored_refund_nos = [row[0] for row in refund_rows]
    assert len(stored_refund_nos) == len(set(stored_refund_nos)), "a refund_no stored twice"
    assert {row[0]: (row[1], row[2]) for row in refund_rows} == {
        no: (attempt.bill_no, attempt.money.hundredths) for no, attempt in refunds.items()
    }
    assert {(row[3], row[4]) for row in refund_rows} == {(1, 1)}
    assert twice_refunded == []


def assert_queries_show_exactly(
    sandbox: SandboxServer, bills: dict[str, Money], refunds: dict[str, Attempt]
) -> None:
    api = BeeCloudClient(APP_ID, APP_SECRET, [sandbox.base_url], shuffle=False)
    try:
        listed_bills: list[Any] = []
        listed_refunds: list[Any] = []
        for listed, fetch in (
            (listed_bills, lambda skip: api.query_bills(BillQuery(skip=skip, limit=50))),
            (listed_refunds, lambda skip: api.query_refunds(RefundQuery(skip=skip, limit=50))),
        ):
            for _ in range(100):  # bounded: far more pages than there are records
                page = fetch(len(listed))
                listed.extend(page)
                if len(page) < 50:
                    break
        shown = {refund_no: api.find_refund(refund_no) for refund_no in list(refunds)[:20]}
    finally:
        api.close()
    assert sorted(b.bill_no for b in listed_bills) == sorted(bills)
    assert all(
        b.paid
        and b.total_fee == bills[b.bill_no].hundredths
        and b.currency == bills[b.bill_no].currency
        for b in listed_bills
    )
    assert sorted(r.refund_no for r in listed_refunds) == sorted(refunds)
    for record in listed_refunds:
        attempt = refunds[record.refund_no]
        assert (record.bill_no, record.refund_fee) == (attempt.bill_no, attempt.money.hundredths)
        assert record.finished and record.succeeded
    for refund_no, record in shown.items():
        assert record is not None and record.refund_no == refund_no


def test_16_clients_pay_and_refund_at_once(
    sandbox: SandboxServer, record_property: Callable[[str, object], None]
) -> None:
    started = time.monotonic()
    attempts = LoadRun(sandbox).go()
    elapsed = time.monotonic() - started
    report_latencies(attempts, record_property)
    print(f"load: {len(attempts)} calls from {CLIENTS} clients in {elapsed:.2f} s")
    record_property("calls", len(attempts))

    expected_refunds = (
        sum(1 for n in range(BILLS_PER_CLIENT) if n % 3 != 2 and n != RACE_BILL) * CLIENTS
    )
    pays = [a for a in attempts if a.operation == "pay"]
    assert len(pays) == CLIENTS * (BILLS_PER_CLIENT + 2 + 1)
    assert len(attempts) == len(pays) + expected_refunds + CLIENTS * 3

    assert_collisions_refused(attempts)
    bills, refunds = acknowledged(attempts)
    assert len(bills) == CLIENTS * BILLS_PER_CLIENT + CLIENTS  # own + one per contested pair
    assert len(refunds) == expected_refunds + CLIENTS // 2 + CLIENTS // 2
    assert_database_holds_exactly(sandbox, bills, refunds)
    assert_queries_show_exactly(sandbox, bills, refunds)


@pytest.mark.parametrize("fraction", [0.5, 0.99])
def test_percentile_is_the_nearest_rank(fraction: float) -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, fraction) == fraction * 100
    assert percentile([7.0], fraction) == 7.0


def test_requests_queued_behind_busy_threads_are_not_logged_one_by_one(
    sandbox: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    """waitress warned 'Task queue depth is N' for every request that found its 8
    threads busy: a burst of clients (or anyone on loopback) wrote thousands of lines a
    second, rotating what the sandbox's log said before out of the console's files."""
    sandbox.faults.set("bills", Fault("latency", ms=300, count=sandbox.threads))
    burst = sandbox.threads + 4
    answers: list[int] = []

    def query() -> None:
        para = json.dumps(signed({}))
        response = requests.get(sandbox.base_url + BILLS, params={"para": para}, timeout=5)
        answers.append(response.json()["result_code"])

    with caplog.at_level(logging.INFO):
        threads = [threading.Thread(target=query) for _ in range(burst)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert answers == [0] * burst
    assert [r.getMessage() for r in caplog.records if r.name.startswith("waitress")] == []
