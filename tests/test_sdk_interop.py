"""BeeCloud's official Python SDK 3.6.0 against the sandbox's /2/ paths.

The SDK reads its host from the module global beecloud.utils.BEECLOUD_API_HOST
on every call (see /tmp/sdk_report.md's notes, or beecloud/utils.py), so the
test points it at the running sandbox. Nothing is mocked: the SDK's own
`requests` calls go over loopback.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests

from console.sandbox import SandboxServer
from tests.sandbox_support import APP_ID, APP_SECRET, TIMEOUT_S, refund

try:
    import beecloud.utils
    from beecloud.entity import (
        BCApp,
        BCChannelType,
        BCInternationalPayParams,
        BCPayPalCreditCard,
        BCQueryReqParams,
    )
    from beecloud.pay import BCPay
    from beecloud.query import BCQuery
except ImportError as error:  # pragma: no cover - the SDK is a test extra
    pytest.skip(
        f"the official SDK (beecloud==3.6.0) is not installed: {error}", allow_module_level=True
    )


@pytest.fixture
def sdk(sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> tuple[BCPay, BCQuery]:
    monkeypatch.setattr(beecloud.utils, "BEECLOUD_API_HOST", sandbox.base_url)
    app = BCApp()
    app.app_id = APP_ID
    app.app_secret = APP_SECRET
    app.timeout = TIMEOUT_S
    pay, query = BCPay(), BCQuery()
    pay.register_app(app)
    query.register_app(app)
    return pay, query


def paypal_params(bill_no: str, **changes: Any) -> BCInternationalPayParams:
    params = BCInternationalPayParams()
    params.channel = BCChannelType.PAYPAL_PAYPAL
    params.total_fee = 1050
    params.currency = "USD"
    params.bill_no = bill_no
    params.title = "SDK 测试"
    params.return_url = "https://shop.example.com/return"
    for name, value in changes.items():
        setattr(params, name, value)
    return params


def card_params(bill_no: str) -> BCInternationalPayParams:
    card = BCPayPalCreditCard()
    card.card_number = "4111111111111111"
    card.expire_month = 12
    card.expire_year = 2099
    card.cvv = "123"
    card.first_name = "Jim"
    card.last_name = "Green"
    card.card_type = "visa"
    params = paypal_params(bill_no, return_url=None, total_fee=300000, currency="JPY")
    params.channel = BCChannelType.PAYPAL_CREDITCARD
    params.credit_card_info = card
    return params


def test_international_pay_with_paypal(sdk: tuple[BCPay, BCQuery], sandbox: SandboxServer) -> None:
    pay, query = sdk
    result = pay.international_pay(paypal_params("sdkpaypal1"))
    assert (result.result_code, result.result_msg, result.err_detail) == (0, "OK", "")
    assert result.id and result.credit_card_id is None
    assert result.url.startswith(sandbox.base_url + "/paypal/approve/")
    approved = requests.post(
        result.url, data={"action": "approve"}, allow_redirects=False, timeout=TIMEOUT_S
    )
    assert approved.status_code == 303

    params = BCQueryReqParams()
    params.bill_no = "sdkpaypal1"
    bills = query.query_bills(params)
    assert bills.result_code == 0 and bills.count == 1
    bill = bills.bills[0]
    assert (bill.bill_no, bill.channel, bill.total_fee, bill.title) == (
        "sdkpaypal1",
        "PAYPAL_PAYPAL",
        1050,
        "SDK 测试",
    )
    assert bill.spay_result is True


def test_international_pay_by_card_returns_a_vault_id(sdk: tuple[BCPay, BCQuery]) -> None:
    pay, query = sdk
    result = pay.international_pay(card_params("sdkcard001"))
    assert result.result_code == 0, result.err_detail
    assert re.fullmatch(r"CARD-[0-9A-Z]{24}", result.credit_card_id)
    assert result.url is None

    saved = paypal_params("sdksaved01", return_url=None)
    saved.channel = BCChannelType.PAYPAL_SAVED_CREDITCARD
    saved.credit_card_id = result.credit_card_id
    assert pay.international_pay(saved).result_code == 0

    params = BCQueryReqParams()
    params.channel = "PAYPAL"
    params.need_detail = True  # an SDK field the sandbox ignores
    bills = query.query_bills(params)
    assert bills.result_code == 0
    assert [(b.bill_no, b.spay_result) for b in bills.bills] == [
        ("sdksaved01", True),
        ("sdkcard001", True),
    ]


def test_sdk_errors_come_back_as_result_codes(sdk: tuple[BCPay, BCQuery]) -> None:
    pay, _ = sdk
    result = pay.international_pay(paypal_params("sdk", total_fee=150, currency="JPY"))
    assert (result.result_code, result.result_msg) == (5, "PARAM_INVALID")
    assert "bill_no" in result.err_detail and "total_fee" in result.err_detail
    assert pay.international_pay(paypal_params("sdkdupe001")).result_code == 0
    assert pay.international_pay(paypal_params("sdkdupe001")).result_code == 17


def test_query_refunds_and_counts(sdk: tuple[BCPay, BCQuery], sandbox: SandboxServer) -> None:
    pay, query = sdk
    for index in range(3):
        assert pay.international_pay(card_params(f"sdkrefund{index}")).result_code == 0
    assert pay.international_pay(paypal_params("sdkunpaid1")).result_code == 0
    assert refund(sandbox, "sdkrefund1", 100000, serial="101")["result_code"] == 0

    refunds = query.query_refunds(BCQueryReqParams())
    assert refunds.result_code == 0 and refunds.count == 1
    [record] = refunds.refunds
    assert (record.bill_no, record.refund_fee, record.total_fee) == ("sdkrefund1", 100000, 300000)
    assert record.finish is True and record.result is True

    assert query.query_bills_count(BCQueryReqParams()).count == 4
    paypal_card = BCQueryReqParams()
    paypal_card.channel = "PAYPAL_CREDITCARD"
    assert query.query_bills_count(paypal_card).count == 3
    for paid, count in ((True, 3), (False, 1)):
        by_result = BCQueryReqParams()
        by_result.spay_result = paid
        assert query.query_bills_count(by_result).count == count
        assert [bill.spay_result for bill in query.query_bills(by_result).bills] == [paid] * count
    counted = query.query_refunds_count(BCQueryReqParams())
    assert (counted.result_code, counted.count) == (0, 1)
    by_bill = BCQueryReqParams()
    by_bill.bill_no = "sdkrefund0"
    assert query.query_refunds_count(by_bill).count == 0


def test_a_wrong_secret_is_app_invalid(sdk: tuple[BCPay, BCQuery]) -> None:
    _, query = sdk
    query.bc_app.app_secret = "not-the-secret"
    result = query.query_bills(BCQueryReqParams())
    assert (result.result_code, result.result_msg) == (1, "APP_INVALID")
