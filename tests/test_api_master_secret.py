"""A Master Secret for refunds: BeeCloud's v2 API and the official SDK sign refunds
with md5(app_id + timestamp + master_secret). Given one, the client signs refunds
with it, and payments and queries with the App Secret, always. A loopback server
records what it was sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from console.api import BeeCloudClient, BillQuery, Money, RefundQuery, RefundRequest
from console.api.ids import new_bill_no, new_refund_no
from console.api.signing import app_sign
from tests.hostile_support import HostileServer, answer_with, head
from tests.sandbox_support import card_payment

APP_ID = "master-app"
APP_SECRET = "the-app-secret"
MASTER_SECRET = "the-master-secret"
OK = b'{"result_code": 0, "result_msg": "OK", "err_detail": "", "bills": [], "refunds": []}'


@pytest.fixture
def recorder() -> Iterator[HostileServer]:
    reply = head(
        "200 OK",
        "Content-Type: application/json",
        f"Content-Length: {len(OK)}",
        "Connection: close",
    )
    with HostileServer(answer_with(reply + OK)) as server:
        yield server


def sent_fields(request: bytes) -> dict[str, Any]:
    """The signed JSON object of a recorded request: a POST's body, a GET's para."""
    head_part, _, body = request.partition(b"\r\n\r\n")
    method, target, _ = head_part.split(b"\r\n", 1)[0].decode().split(" ")
    if method == "POST":
        return json.loads(body)
    return json.loads(parse_qs(urlsplit(target).query)["para"][0])


def signed_with(fields: dict[str, Any]) -> str:
    for name, secret in (("app", APP_SECRET), ("master", MASTER_SECRET)):
        if fields["app_sign"] == app_sign(fields["app_id"], fields["timestamp"], secret):
            return name
    return "neither"


def every_call(client: BeeCloudClient) -> None:
    client.pay(card_payment(new_bill_no()))
    client.refund(RefundRequest(new_bill_no(), new_refund_no(), Money(100, "USD")))
    client.query_bills(BillQuery())
    client.query_refunds(RefundQuery())


def test_refunds_are_signed_with_the_master_secret_and_the_rest_with_the_app_secret(
    recorder: HostileServer,
) -> None:
    client = BeeCloudClient(APP_ID, APP_SECRET, [recorder.url], master_secret=MASTER_SECRET)
    every_call(client)
    assert [signed_with(sent_fields(r)) for r in recorder.requests] == [
        "app",
        "master",
        "app",
        "app",
    ]
    client.close()


def test_without_a_master_secret_refunds_are_signed_with_the_app_secret(
    recorder: HostileServer,
) -> None:
    client = BeeCloudClient(APP_ID, APP_SECRET, [recorder.url])
    every_call(client)
    assert [signed_with(sent_fields(r)) for r in recorder.requests] == ["app"] * 4
    client.close()


def test_a_clone_keeps_the_master_secret_and_no_repr_shows_it(recorder: HostileServer) -> None:
    client = BeeCloudClient(APP_ID, APP_SECRET, [recorder.url], master_secret=MASTER_SECRET)
    clone = client.clone()
    clone.refund(RefundRequest(new_bill_no(), new_refund_no(), Money(100, "USD")))
    assert signed_with(sent_fields(recorder.requests[0])) == "master"
    for made in (client, clone):
        assert MASTER_SECRET not in repr(made) and APP_SECRET not in repr(made)
    clone.close()
    client.close()
