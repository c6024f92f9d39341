"""Signing comes first: 4 for a missing field, 1 for a wrong app, sign or timestamp."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from console.api.signing import app_sign
from console.sandbox import SandboxServer
from tests.sandbox_support import (
    APP_ID,
    APP_SECRET,
    APPS,
    BILL,
    BILLS,
    REFUND,
    REFUNDS,
    bill_body,
    get,
    paid_bill,
    post,
    refund_no,
    signed,
)

SIGNING = ("app_id", "timestamp", "app_sign")


def call(sandbox: SandboxServer, path: str, body: dict[str, Any]) -> dict[str, Any]:
    if path in (BILL, REFUND):
        return post(sandbox, path, body)
    return get(sandbox, path, body)


@pytest.mark.parametrize("path", [BILL, REFUND, BILLS, REFUNDS])
@pytest.mark.parametrize("field", SIGNING)
def test_a_missing_signing_field_is_4(sandbox: SandboxServer, path: str, field: str) -> None:
    body = signed(bill_body())
    del body[field]
    answer = call(sandbox, path, body)
    assert (answer["result_code"], answer["result_msg"]) == (4, "MISS_PARAM")
    assert field in answer["err_detail"]


@pytest.mark.parametrize("field", SIGNING)
def test_a_null_signing_field_counts_as_missing(sandbox: SandboxServer, field: str) -> None:
    body = {**signed(bill_body()), field: None}
    assert post(sandbox, BILL, body)["result_code"] == 4


def test_an_empty_signing_field_is_invalid_not_missing(sandbox: SandboxServer) -> None:
    assert post(sandbox, BILL, {**signed(bill_body()), "app_id": ""})["result_code"] == 1
    assert post(sandbox, BILL, {**signed(bill_body()), "app_sign": ""})["result_code"] == 1


@pytest.mark.parametrize("path", [BILL, REFUND, BILLS, REFUNDS])
def test_an_unknown_app_is_1(sandbox: SandboxServer, path: str) -> None:
    stamp = int(time.time() * 1000)
    body = {"app_id": "other", "timestamp": stamp, "app_sign": app_sign("other", stamp, "x")}
    answer = call(sandbox, path, body)
    assert (answer["result_code"], answer["result_msg"]) == (1, "APP_INVALID")


@pytest.mark.parametrize("path", [BILL, REFUND, BILLS, REFUNDS])
def test_a_wrong_secret_is_1(sandbox: SandboxServer, path: str) -> None:
    stamp = int(time.time() * 1000)
    body = {"app_id": APP_ID, "timestamp": stamp, "app_sign": app_sign(APP_ID, stamp, "wrong")}
    assert call(sandbox, path, body)["result_code"] == 1


@pytest.mark.parametrize("bad", [0, 12345, ["x"], {"a": 1}, True, "0" * 32, "é" * 32], ids=repr)
def test_a_malformed_sign_is_1(sandbox: SandboxServer, bad: object) -> None:
    assert post(sandbox, BILL, {**signed(bill_body()), "app_sign": bad})["result_code"] == 1


@pytest.mark.parametrize("bad", [123, ["test-app"], True], ids=repr)
def test_a_non_string_app_id_is_1(sandbox: SandboxServer, bad: object) -> None:
    assert post(sandbox, BILL, {**signed(bill_body()), "app_id": bad})["result_code"] == 1


def test_the_sign_is_compared_case_insensitively(sandbox: SandboxServer) -> None:
    body = signed(bill_body())
    body["app_sign"] = body["app_sign"].upper()
    assert post(sandbox, BILL, body)["result_code"] == 0


@pytest.mark.parametrize("stamp", ["now-as-string", 1.5e12, True, None], ids=repr)
def test_a_timestamp_that_is_not_an_integer_is_1(sandbox: SandboxServer, stamp: object) -> None:
    body = signed(bill_body())
    if stamp == "now-as-string":
        stamp = str(body["timestamp"])
    body["timestamp"] = stamp
    body["app_sign"] = app_sign(APP_ID, stamp, APP_SECRET)  # type: ignore[arg-type]  # a bad stamp, signed
    expected = 4 if stamp is None else 1
    assert post(sandbox, BILL, body)["result_code"] == expected


@pytest.mark.parametrize(
    ("offset_s", "code"),
    [(-290, 0), (290, 0), (-310, 1), (310, 1), (-86_400, 1), (86_400 * 365, 1)],
)
def test_the_timestamp_window_is_5_minutes_both_ways(
    sandbox: SandboxServer, offset_s: int, code: int
) -> None:
    body = signed(bill_body(), now=time.time() + offset_s)
    answer = post(sandbox, BILL, body)
    assert answer["result_code"] == code, answer
    if code:
        assert "timestamp" in answer["err_detail"]


def test_the_timestamp_window_is_configurable(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "db.sqlite3", APPS, timestamp_window_s=10) as narrow:
        assert get(narrow, BILLS, signed({}, now=time.time() - 20))["result_code"] == 1
        assert get(narrow, BILLS, signed({}, now=time.time() - 5))["result_code"] == 0


def test_signing_is_checked_before_the_fields(sandbox: SandboxServer) -> None:
    invalid = bill_body(total_fee="lots", bill_no="x")
    unsigned = dict(invalid)
    assert post(sandbox, BILL, unsigned)["result_code"] == 4
    wrong = {**signed(invalid), "app_sign": "0" * 32}
    assert post(sandbox, BILL, wrong)["result_code"] == 1
    assert post(sandbox, BILL, signed(invalid))["result_code"] == 5


def test_a_huge_timestamp_is_1_not_a_crash(sandbox: SandboxServer) -> None:
    stamp = 10**40
    body = {**bill_body(), "app_id": APP_ID, "timestamp": stamp}
    body["app_sign"] = app_sign(APP_ID, stamp, APP_SECRET)
    assert post(sandbox, BILL, body)["result_code"] == 1


def test_a_replayed_signature_is_served_but_a_write_happens_once(sandbox: SandboxServer) -> None:
    """The signature covers app_id and timestamp only (NOTES.md), and a client signs
    several requests in one millisecond (pages fetched at once): a signature seen
    before is not refused. A write replayed whole is refused by its number."""
    payment = signed(bill_body(bill_no="replay001"))
    assert post(sandbox, BILL, payment)["result_code"] == 0
    assert post(sandbox, BILL, payment)["result_code"] == 17
    other = {**bill_body(bill_no="replay002"), **{field: payment[field] for field in SIGNING}}
    assert post(sandbox, BILL, other)["result_code"] == 0
    paid = paid_bill(sandbox, "replay003")
    refund_body = signed({"bill_no": paid, "refund_no": refund_no("901"), "refund_fee": 1})
    assert post(sandbox, REFUND, refund_body)["result_code"] == 0
    again = post(sandbox, REFUND, refund_body)
    assert again["result_code"] == 5 and "refund_no" in again["err_detail"]
    refunds = get(sandbox, REFUNDS, {**{f: refund_body[f] for f in SIGNING}, "bill_no": paid})
    assert refunds["count"] == 1
