"""Helpers for the sandbox tests: the test app, signing, and real HTTP calls.

Every call goes over loopback with `requests` to a running SandboxServer.
"""

from __future__ import annotations

import json
from typing import Any

import requests

from console.api.models import BillRequest, CardInfo
from console.api.money import Money
from console.api.signing import signature_fields
from console.api.validate import china_today
from console.sandbox import SandboxServer

APP_ID = "test-app"
APP_SECRET = "test-secret"
APPS = {APP_ID: APP_SECRET}
TIMEOUT_S = 10

BILL = "/1/rest/international/bill"
REFUND = "/1/rest/international/refund"
BILLS = "/1/rest/bills"
REFUNDS = "/1/rest/refunds"

RETURN_URL = "https://shop.example.com/paypal/return"
GOOD_CARD = "4111111111111111"
DECLINED_CARD = "4000000000000002"


def signed(body: dict[str, Any], now: float | None = None) -> dict[str, Any]:
    """The body plus app_id, timestamp and app_sign of the test app."""
    return {**body, **signature_fields(APP_ID, APP_SECRET, now)}


def post_raw(
    sandbox: SandboxServer, path: str, headers: dict[str, str] | None = None, **kwargs: Any
) -> requests.Response:
    """POST as a client of the API does: the body (data= or json=) labelled JSON
    unless `headers` says otherwise."""
    headers = {"Content-Type": "application/json", **(headers or {})}
    return requests.post(sandbox.base_url + path, headers=headers, timeout=TIMEOUT_S, **kwargs)


def get_raw(sandbox: SandboxServer, path: str, **kwargs: Any) -> requests.Response:
    return requests.get(sandbox.base_url + path, timeout=TIMEOUT_S, **kwargs)


def json_answer(response: requests.Response) -> dict[str, Any]:
    """An API answer: HTTP 200, JSON object with the result envelope."""
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    answer = response.json()
    assert isinstance(answer, dict)
    assert isinstance(answer["result_code"], int)
    assert isinstance(answer["result_msg"], str)
    assert isinstance(answer["err_detail"], str)
    return answer


def post(sandbox: SandboxServer, path: str, body: Any) -> dict[str, Any]:
    """POST a JSON body as it is (sign it with signed() first); the answer."""
    return json_answer(post_raw(sandbox, path, json=body))


def get(sandbox: SandboxServer, path: str, para: Any) -> dict[str, Any]:
    """GET with para = the URL-encoded JSON of `para` (sign it first); the answer."""
    return json_answer(get_raw(sandbox, path, params={"para": json.dumps(para)}))


def card_info(**changes: Any) -> dict[str, Any]:
    info: dict[str, Any] = {
        "card_number": GOOD_CARD,
        "expire_month": 12,
        "expire_year": 2099,
        "cvv": "123",
        "first_name": "Jim",
        "last_name": "Green",
        "card_type": "visa",
    }
    info.update(changes)
    return info


def card_payment(bill_no: str) -> BillRequest:
    """A card payment of USD 12.34 as the API client sends it."""
    card = CardInfo("4111111111111111", 12, 2099, "123", "Ada", "Lee", "visa")
    return BillRequest("PAYPAL_CREDITCARD", Money(1234, "USD"), bill_no, "Order", card=card)


def bill_body(channel: Any = "PAYPAL_PAYPAL", **changes: Any) -> dict[str, Any]:
    """A valid unsigned payment request of that channel."""
    body: dict[str, Any] = {
        "channel": channel,
        "total_fee": 1234,
        "currency": "USD",
        "bill_no": "bill0001",
        "title": "白开水",
    }
    if channel == "PAYPAL_PAYPAL":
        body["return_url"] = RETURN_URL
    elif channel == "PAYPAL_CREDITCARD":
        body["credit_card_info"] = card_info()
    body.update(changes)
    return body


def pay(sandbox: SandboxServer, channel: Any = "PAYPAL_PAYPAL", **changes: Any) -> dict[str, Any]:
    return post(sandbox, BILL, signed(bill_body(channel, **changes)))


def refund_no(serial: str = "001") -> str:
    """Today's date in China Standard Time, then the serial."""
    return china_today() + serial


def refund(
    sandbox: SandboxServer, bill_no: str, refund_fee: int, serial: str = "001", **extra: Any
) -> dict[str, Any]:
    body = {"refund_no": refund_no(serial), "bill_no": bill_no, "refund_fee": refund_fee}
    return post(sandbox, REFUND, signed({**body, **extra}))


def query(sandbox: SandboxServer, path: str, **para: Any) -> dict[str, Any]:
    return get(sandbox, path, signed(para))


def paid_bill(sandbox: SandboxServer, bill_no: str = "paid0001", **changes: Any) -> str:
    """A bill paid at once by card; its bill_no."""
    answer = pay(sandbox, "PAYPAL_CREDITCARD", bill_no=bill_no, **changes)
    assert answer["result_code"] == 0, answer
    return bill_no
