"""POST /1/rest/international/refund: every code, in NOTES.md's order, and races."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from console.api.validate import china_today
from console.sandbox import SandboxServer
from tests.sandbox_support import (
    APP_ID,
    REFUND,
    REFUNDS,
    json_answer,
    paid_bill,
    pay,
    post,
    query,
    refund,
    refund_no,
    signed,
)

DAY_MS = 86_400_000


def refunds_of(sandbox: SandboxServer, **para: Any) -> list[dict[str, Any]]:
    answer = query(sandbox, REFUNDS, limit=50, **para)
    assert answer["result_code"] == 0, answer
    return answer["refunds"]


def old_bill(sandbox: SandboxServer, bill_no: str, age_days: float, **changes: Any) -> str:
    assert sandbox.store is not None
    fields: dict[str, Any] = {
        "channel": "PAYPAL_CREDITCARD",
        "total_fee": 10000,
        "title": "old",
        "currency": "USD",
        "paid": True,
    }
    fields.update(changes)
    created = int(time.time() * 1000) - int(age_days * DAY_MS)
    sandbox.store.insert_bill(APP_ID, bill_no, created_time=created, **fields)
    return bill_no


def test_a_refund_completes_at_once(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox, total_fee=5000)
    answer = refund(sandbox, bill_no, 5000, optional={"reason": "damaged"})
    assert answer == {"result_code": 0, "result_msg": "OK", "err_detail": ""}
    [record] = refunds_of(sandbox)
    assert record == {
        "bill_no": bill_no,
        "refund_no": refund_no("001"),
        "total_fee": 5000,
        "refund_fee": 5000,
        "title": "白开水",
        "channel": "PAYPAL_CREDITCARD",
        "finish": True,
        "result": True,
        "created_time": record["created_time"],
        "currency": "USD",
    }
    assert abs(record["created_time"] - time.time() * 1000) < 60_000


# -- refund_no -------------------------------------------------------------------


def yesterday() -> str:
    return china_today(datetime.now(UTC) - timedelta(days=1))


def tomorrow() -> str:
    return china_today(datetime.now(UTC) + timedelta(days=1))


@pytest.mark.parametrize(
    ("make_refund_no", "code"),
    [
        (lambda: china_today() + "001", 0),
        (lambda: china_today() + "a1B", 0),
        (lambda: china_today() + "01", 5),
        (lambda: china_today() + "7" * 24, 0),
        (lambda: china_today() + "7" * 25, 5),
        (lambda: china_today() + "000", 5),
        (lambda: china_today() + "0" * 24, 5),
        (lambda: china_today() + "00-1", 5),
        (lambda: yesterday() + "001", 5),
        (lambda: tomorrow() + "001", 5),
        (lambda: "", 5),
        (lambda: None, 4),
    ],
    ids=[
        "serial-3",
        "letters",
        "serial-2",
        "serial-24",
        "serial-25",
        "all-zero-3",
        "all-zero-24",
        "dash",
        "yesterday",
        "tomorrow",
        "empty",
        "null",
    ],
)
def test_refund_no_rules(sandbox: SandboxServer, make_refund_no: Any, code: int) -> None:
    bill_no = paid_bill(sandbox)
    body = {"refund_no": make_refund_no(), "bill_no": bill_no, "refund_fee": 100}
    answer = post(sandbox, REFUND, signed(body))
    assert answer["result_code"] == code, answer
    assert len(refunds_of(sandbox)) == (1 if code == 0 else 0)


def test_a_refund_no_used_on_another_bill_is_5(sandbox: SandboxServer) -> None:
    first, second = paid_bill(sandbox, "first001"), paid_bill(sandbox, "second01")
    assert refund(sandbox, first, 100, serial="777")["result_code"] == 0
    answer = refund(sandbox, second, 100, serial="777")
    assert (answer["result_code"], answer["result_msg"]) == (5, "PARAM_INVALID")
    assert "refund_no" in answer["err_detail"]
    assert [record["bill_no"] for record in refunds_of(sandbox)] == [first]


@pytest.mark.parametrize(("fee", "code"), [(0, 5), (-1, 5), (1.5, 5), ("100", 5), (None, 4)])
def test_refund_fee_is_a_positive_integer(sandbox: SandboxServer, fee: object, code: int) -> None:
    assert refund(sandbox, paid_bill(sandbox), fee)["result_code"] == code  # type: ignore[arg-type]  # sent as it is


# -- the bill ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("need_approval", "code", "refunded"),
    [
        (False, 0, True),
        (None, 0, True),
        (True, 5, False),
        (0, 5, False),
        (0.0, 5, False),
        (1, 5, False),
        ("false", 5, False),
        ("", 5, False),
        ([], 5, False),
        ({}, 5, False),
    ],
    ids=repr,
)
def test_need_approval_is_false_absent_or_null_and_anything_not_a_bool_is_5(
    sandbox: SandboxServer, need_approval: object, code: int, refunded: bool
) -> None:
    """Only JSON false (or no value) asks for an ordinary refund; true asks for a
    pre-refund, which the sandbox does not make; 0 or "false" is not a boolean."""
    bill_no = paid_bill(sandbox)
    answer = refund(sandbox, bill_no, 100, need_approval=need_approval)
    assert answer["result_code"] == code, answer
    if code:
        assert "need_approval" in answer["err_detail"]
    assert bool(refunds_of(sandbox, bill_no=bill_no)) is refunded


def test_an_unknown_bill_is_8(sandbox: SandboxServer) -> None:
    answer = refund(sandbox, "nosuchbill", 100)
    assert (answer["result_code"], answer["result_msg"]) == (8, "NO_SUCH_BILL")


def test_another_apps_bill_is_unknown(sandbox: SandboxServer) -> None:
    assert sandbox.store is not None
    sandbox.store.insert_bill("other-app", "theirs01", "PAYPAL_CREDITCARD", 100, "t", "USD", True)
    assert refund(sandbox, "theirs01", 100)["result_code"] == 8


@pytest.mark.parametrize(
    ("channel", "code"),
    [
        ("PAYPAL_CREDITCARD", 0),
        ("PAYPAL", 0),
        ("PAYPAL_PAYPAL", 3),
        ("WX", 3),
        ("WX_APP", 3),
        ("NOPE", 3),
        ("", 5),
    ],
)
def test_a_given_channel_must_match_the_bill(
    sandbox: SandboxServer, channel: str, code: int
) -> None:
    answer = refund(sandbox, paid_bill(sandbox), 100, channel=channel)
    assert answer["result_code"] == code, answer


@pytest.mark.parametrize("channel", ["WX_APP", "ALI_WEB", "UN_APP", "JD_WAP"])
def test_only_paypal_bills_are_refunded_here(sandbox: SandboxServer, channel: str) -> None:
    old_bill(sandbox, "domestic1", 1, channel=channel, currency=None)
    answer = refund(sandbox, "domestic1", 100)
    assert (answer["result_code"], answer["result_msg"]) == (3, "CHANNEL_INVALID")
    assert refund(sandbox, "domestic1", 100, channel=channel)["result_code"] == 3


def test_an_unpaid_bill_is_9(sandbox: SandboxServer) -> None:
    assert pay(sandbox, bill_no="unpaid01")["result_code"] == 0
    answer = refund(sandbox, "unpaid01", 100)
    assert (answer["result_code"], answer["result_msg"]) == (9, "BILL_UNSUCCESS")


@pytest.mark.parametrize(("age_days", "code"), [(179.9, 0), (180.1, 10), (400, 10)])
def test_bills_older_than_180_days_are_10(
    sandbox: SandboxServer, age_days: float, code: int
) -> None:
    old_bill(sandbox, "aged0001", age_days)
    answer = refund(sandbox, "aged0001", 100)
    assert answer["result_code"] == code
    if code:
        assert answer["result_msg"] == "REFUND_EXCEED_TIME"


def test_a_partial_refund_then_a_second_refund_is_11(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox, total_fee=10000)
    assert refund(sandbox, bill_no, 3000, serial="001")["result_code"] == 0
    answer = refund(sandbox, bill_no, 3000, serial="002")
    assert (answer["result_code"], answer["result_msg"]) == (11, "ALREADY_REFUNDING")
    assert [record["refund_fee"] for record in refunds_of(sandbox)] == [3000]


def test_a_refund_in_progress_also_blocks_a_second_one(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox)
    assert sandbox.store is not None
    sandbox.store.insert_refund(APP_ID, refund_no("900"), bill_no, 100, finish=False, result=False)
    assert refund(sandbox, bill_no, 100)["result_code"] == 11


def test_a_refused_refund_record_does_not_block(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox)
    assert sandbox.store is not None
    sandbox.store.insert_refund(APP_ID, refund_no("900"), bill_no, 100, finish=True, result=False)
    assert refund(sandbox, bill_no, 100)["result_code"] == 0


def test_more_than_the_total_is_12(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox, total_fee=1000)
    answer = refund(sandbox, bill_no, 1001)
    assert (answer["result_code"], answer["result_msg"]) == (12, "REFUND_AMOUNT_TOO_LARGE")
    assert refund(sandbox, bill_no, 1000)["result_code"] == 0


@pytest.mark.parametrize(
    ("currency", "fee", "code"),
    [("JPY", 150, 5), ("JPY", 200, 0), ("HUF", 1, 5), ("TWD", 300, 0), ("USD", 150, 0)],
)
def test_whole_unit_currencies_refund_whole_units(
    sandbox: SandboxServer, currency: str, fee: int, code: int
) -> None:
    bill_no = paid_bill(sandbox, currency=currency, total_fee=1000)
    assert refund(sandbox, bill_no, fee)["result_code"] == code


def test_a_refused_refund_leaves_nothing_and_the_bill_can_be_refunded_after(
    sandbox: SandboxServer,
) -> None:
    bill_no = paid_bill(sandbox, total_fee=1000)
    assert refund(sandbox, bill_no, 5000, serial="001")["result_code"] == 12
    assert refunds_of(sandbox) == []
    # the refused request left nothing behind: its refund_no is still free
    assert refund(sandbox, bill_no, 1000, serial="001")["result_code"] == 0
    assert len(refunds_of(sandbox)) == 1


def test_the_checks_come_in_order(sandbox: SandboxServer) -> None:
    """A used refund_no (5) before an unknown bill (8) before a channel (3)..."""
    bill_no = paid_bill(sandbox, total_fee=1000)
    assert refund(sandbox, bill_no, 100, serial="001")["result_code"] == 0
    assert refund(sandbox, "nosuchbill", 100, serial="001")["result_code"] == 5
    assert refund(sandbox, "nosuchbill", 100, serial="002", channel="WX")["result_code"] == 8
    old_bill(sandbox, "oldwx0001", 400, channel="WX_APP", currency=None, paid=False)
    assert refund(sandbox, "oldwx0001", 100, serial="003")["result_code"] == 3
    old_bill(sandbox, "oldpp0001", 400, paid=False)
    assert refund(sandbox, "oldpp0001", 99999, serial="004")["result_code"] == 9
    old_bill(sandbox, "oldpp0002", 400)
    assert refund(sandbox, "oldpp0002", 99999, serial="005")["result_code"] == 10
    assert refund(sandbox, bill_no, 99999, serial="006")["result_code"] == 11


def test_concurrent_refunds_of_one_bill_succeed_once(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox, total_fee=10000)
    barrier = threading.Barrier(8)
    codes: list[int] = []

    def attempt(serial: int) -> None:
        body = {"refund_no": refund_no(f"{serial:03d}"), "bill_no": bill_no, "refund_fee": 100}
        request = signed(body)
        barrier.wait()
        response = requests.post(sandbox.base_url + REFUND, json=request, timeout=10)
        codes.append(json_answer(response)["result_code"])

    threads = [threading.Thread(target=attempt, args=(serial,)) for serial in range(1, 9)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [0] + [11] * 7
    assert len(refunds_of(sandbox)) == 1


def test_concurrent_refunds_with_one_refund_no_succeed_once(sandbox: SandboxServer) -> None:
    bill_nos = [paid_bill(sandbox, f"many{index:04d}") for index in range(8)]
    barrier = threading.Barrier(8)
    codes: list[int] = []

    def attempt(bill_no: str) -> None:
        request = signed({"refund_no": refund_no("555"), "bill_no": bill_no, "refund_fee": 100})
        barrier.wait()
        response = requests.post(sandbox.base_url + REFUND, json=request, timeout=10)
        codes.append(json_answer(response)["result_code"])

    threads = [threading.Thread(target=attempt, args=(bill_no,)) for bill_no in bill_nos]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [0] + [5] * 7
