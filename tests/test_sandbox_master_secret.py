"""Refunds signed with the Master Secret (NOTES.md: the v2 API and the official SDK
3.6.0 sign refunds with it): accepted with the App Secret by default; started with
a master secret, the sandbox requires that one for refunds, on /1/ and /2/."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from console.api.signing import signature_fields
from console.sandbox import SandboxServer
from tests.sandbox_support import (
    APP_ID,
    APP_SECRET,
    APPS,
    BILL,
    BILLS,
    REFUND,
    REFUNDS,
    TIMEOUT_S,
    bill_body,
    json_answer,
    paid_bill,
    post,
    refund_no,
)

MASTER_SECRET = "test-master-secret"
REFUND_V2 = "/2/rest/refund"
REFUND_PATHS = [REFUND, REFUND_V2]


def signed_with(secret: str, body: dict[str, Any], app_id: str = APP_ID) -> dict[str, Any]:
    return {**body, **signature_fields(app_id, secret)}


def refund_body(bill_no: str, serial: str = "001", **extra: Any) -> dict[str, Any]:
    return {"refund_no": refund_no(serial), "bill_no": bill_no, "refund_fee": 100, **extra}


def refunds_listed(sandbox: SandboxServer) -> int:
    para = json.dumps(signed_with(APP_SECRET, {}))
    response = requests.get(sandbox.base_url + REFUNDS, params={"para": para}, timeout=TIMEOUT_S)
    answer = json_answer(response)
    assert answer["result_code"] == 0, answer
    return int(answer["count"])


@pytest.fixture
def with_master(tmp_path: Path) -> Iterator[SandboxServer]:
    masters = {APP_ID: MASTER_SECRET}
    with SandboxServer(tmp_path / "sandbox.sqlite3", APPS, master_secrets=masters) as server:
        yield server


# -- without a master secret: the App Secret, as the international document says ----


@pytest.mark.parametrize("path", REFUND_PATHS)
def test_without_a_master_secret_refunds_take_the_app_secret(
    sandbox: SandboxServer, path: str
) -> None:
    bill_no = paid_bill(sandbox)
    answer = post(sandbox, path, signed_with(APP_SECRET, refund_body(bill_no)))
    assert answer == {"result_code": 0, "result_msg": "OK", "err_detail": ""}
    assert refunds_listed(sandbox) == 1


@pytest.mark.parametrize("path", REFUND_PATHS)
def test_without_a_master_secret_any_other_secret_is_1(sandbox: SandboxServer, path: str) -> None:
    bill_no = paid_bill(sandbox)
    answer = post(sandbox, path, signed_with(MASTER_SECRET, refund_body(bill_no)))
    assert (answer["result_code"], answer["result_msg"]) == (1, "APP_INVALID")
    assert refunds_listed(sandbox) == 0


# -- with a master secret ---------------------------------------------------------------


@pytest.mark.parametrize("path", REFUND_PATHS)
def test_with_a_master_secret_refunds_take_it(with_master: SandboxServer, path: str) -> None:
    bill_no = paid_bill(with_master)
    answer = post(with_master, path, signed_with(MASTER_SECRET, refund_body(bill_no)))
    assert answer == {"result_code": 0, "result_msg": "OK", "err_detail": ""}
    assert refunds_listed(with_master) == 1


@pytest.mark.parametrize("path", REFUND_PATHS)
def test_with_a_master_secret_the_app_secret_is_1_and_says_why(
    with_master: SandboxServer, path: str
) -> None:
    bill_no = paid_bill(with_master)
    answer = post(with_master, path, signed_with(APP_SECRET, refund_body(bill_no)))
    assert (answer["result_code"], answer["result_msg"]) == (1, "APP_INVALID")
    assert "refunds on this app are signed with the Master Secret" in answer["err_detail"]
    assert MASTER_SECRET not in answer["err_detail"] and APP_SECRET not in answer["err_detail"]
    assert refunds_listed(with_master) == 0, "a refused refund leaves nothing behind"


@pytest.mark.parametrize("path", REFUND_PATHS)
def test_with_a_master_secret_a_wrong_secret_is_1(with_master: SandboxServer, path: str) -> None:
    bill_no = paid_bill(with_master)
    answer = post(with_master, path, signed_with("wrong", refund_body(bill_no)))
    assert answer["result_code"] == 1
    assert "Master Secret" in answer["err_detail"]
    assert MASTER_SECRET not in answer["err_detail"]


def test_payments_and_queries_keep_the_app_secret(with_master: SandboxServer) -> None:
    assert post(with_master, BILL, signed_with(APP_SECRET, bill_body()))["result_code"] == 0
    assert post(with_master, BILL, signed_with(MASTER_SECRET, bill_body()))["result_code"] == 1
    for path in (BILLS, REFUNDS, "/2/rest/bills", "/2/rest/refunds/count"):
        for secret, code in ((APP_SECRET, 0), (MASTER_SECRET, 1)):
            para = json.dumps(signed_with(secret, {}))
            response = requests.get(
                with_master.base_url + path, params={"para": para}, timeout=TIMEOUT_S
            )
            assert json_answer(response)["result_code"] == code, (path, secret)


def test_the_master_secret_binds_only_its_own_app(tmp_path: Path) -> None:
    apps = {**APPS, "other-app": "other-secret"}
    masters = {"other-app": "other-master"}
    with SandboxServer(tmp_path / "db.sqlite3", apps, master_secrets=masters) as server:
        bill_no = paid_bill(server)
        answer = post(server, REFUND, signed_with(APP_SECRET, refund_body(bill_no)))
        assert answer["result_code"] == 0, "test-app has no master secret: its App Secret"


def test_the_master_secret_is_never_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    masters = {APP_ID: MASTER_SECRET}
    with SandboxServer(tmp_path / "db.sqlite3", APPS, master_secrets=masters) as server:
        bill_no = paid_bill(server)
        post(server, REFUND, signed_with(APP_SECRET, refund_body(bill_no)))
        post(server, REFUND, signed_with(MASTER_SECRET, refund_body(bill_no, "002")))
    assert caplog.records
    assert all(MASTER_SECRET not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    "masters",
    [{"no-such-app": "secret"}, {APP_ID: ""}, {APP_ID: 42}],
    ids=["unknown-app", "empty", "not-text"],
)
def test_a_master_secret_must_name_a_served_app_and_be_text(
    tmp_path: Path, masters: dict[str, Any]
) -> None:
    with pytest.raises(ValueError):
        SandboxServer(tmp_path / "db.sqlite3", APPS, master_secrets=masters)


# -- the official SDK's refund path (/2/rest/refund) ------------------------------------


def test_pre_refunds_are_not_made(sandbox: SandboxServer) -> None:
    """The SDK's need_approval asks for a refund held for approval, which the sandbox
    does not make: refused rather than refunded at once."""
    bill_no = paid_bill(sandbox)
    body = signed_with(APP_SECRET, refund_body(bill_no, need_approval=True))
    answer = post(sandbox, REFUND_V2, body)
    assert answer["result_code"] == 5 and "need_approval" in answer["err_detail"]
    assert refunds_listed(sandbox) == 0
    body = signed_with(APP_SECRET, refund_body(bill_no, need_approval=False))
    assert post(sandbox, REFUND_V2, body)["result_code"] == 0


def test_the_official_sdk_refunds_with_the_master_secret(
    with_master: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    beecloud_utils = pytest.importorskip("beecloud.utils")
    from beecloud.entity import BCApp, BCRefundReqParams
    from beecloud.pay import BCPay

    monkeypatch.setattr(beecloud_utils, "BEECLOUD_API_HOST", with_master.base_url)
    bill_no = paid_bill(with_master)
    app = BCApp()
    app.app_id, app.app_secret, app.master_secret = APP_ID, APP_SECRET, MASTER_SECRET
    app.timeout = TIMEOUT_S
    pay = BCPay()
    pay.register_app(app)
    params = BCRefundReqParams()
    params.refund_no, params.bill_no, params.refund_fee = refund_no("101"), bill_no, 100
    result = pay.refund(params)
    assert (result.result_code, result.err_detail) == (0, "")
    app.master_secret = APP_SECRET  # an SDK user who put the App Secret there
    params.refund_no = refund_no("102")
    refused = pay.refund(params)
    assert refused.result_code == 1 and "Master Secret" in refused.err_detail
    assert refunds_listed(with_master) == 1
