"""Other web pages against the sandbox: a page open in the clerk's browser knows the
well-known app secret and can send requests to loopback. It may write nothing (a
"simple" cross-site request is never JSON), read nothing (DNS rebinding: a Host that
is not the sandbox's) and decide no payment (a form posted from another site)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from console.sandbox import SandboxServer
from tests.sandbox_support import (
    APPS,
    BILL,
    BILLS,
    REFUND,
    TIMEOUT_S,
    bill_body,
    get_raw,
    json_answer,
    pay,
    query,
    refund_no,
    signed,
)

WRITES = [BILL, REFUND, "/2/rest/international/bill", "/2/rest/refund"]


def refused(response: requests.Response, status: int, error: str) -> str:
    """The refusal's err_detail, once its status and JSON shape are checked."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    answer = response.json()
    assert answer["error"] == error, answer
    assert isinstance(answer["err_detail"], str) and answer["err_detail"]
    return str(answer["err_detail"])


# -- writes only as JSON ----------------------------------------------------------


@pytest.mark.parametrize("path", WRITES)
@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "text/plain;charset=UTF-8",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        None,  # a fetch() of a Blob without a type sends none
        "application/jsonp",
        "text/json",
    ],
)
def test_a_write_that_is_not_json_is_refused_and_nothing_is_done(
    sandbox: SandboxServer, path: str, content_type: str | None
) -> None:
    """What a page's form or fetch() sends without a preflight is refused, signed or not."""
    paid = pay(sandbox, bill_no="paid0001", channel="PAYPAL_CREDITCARD")
    assert paid["result_code"] == 0
    is_refund = "refund" in path
    body = (
        {"refund_no": refund_no(), "bill_no": "paid0001", "refund_fee": 1}
        if is_refund
        else bill_body(bill_no="crosssite")
    )
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = requests.post(
        sandbox.base_url + path,
        data=json.dumps(signed(body)).encode(),
        headers=headers,
        timeout=TIMEOUT_S,
    )
    detail = refused(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert "application/json" in detail
    assert [bill["bill_no"] for bill in query(sandbox, BILLS)["bills"]] == ["paid0001"]
    assert query(sandbox, "/1/rest/refunds")["refunds"] == []


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"],
)
def test_a_json_write_is_taken_whatever_its_charset_parameter(
    sandbox: SandboxServer, content_type: str
) -> None:
    body = json.dumps(signed(bill_body())).encode()
    response = requests.post(
        sandbox.base_url + BILL,
        data=body,
        headers={"Content-Type": content_type},
        timeout=TIMEOUT_S,
    )
    assert json_answer(response)["result_code"] == 0


# -- only requests addressed to the sandbox ----------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.2:{port}", ""])
def test_a_request_for_another_host_is_refused_unread(sandbox: SandboxServer, host: str) -> None:
    """A page whose name was made to point at 127.0.0.1 (DNS rebinding) sends its own
    name as Host: it reads no bill, and makes none."""
    pay(sandbox, bill_no="secret01")
    headers = {"Host": host.format(port=sandbox.port)}
    para = {"para": json.dumps(signed({}))}
    response = get_raw(sandbox, BILLS, params=para, headers=headers)
    detail = refused(response, 421, "MISDIRECTED_REQUEST")
    assert "secret01" not in response.text
    assert "--public-url" in detail and sandbox.base_url in detail
    response = requests.post(
        sandbox.base_url + BILL,
        json=signed(bill_body(bill_no="rebound1")),
        headers=headers,
        timeout=TIMEOUT_S,
    )
    refused(response, 421, "MISDIRECTED_REQUEST")
    assert [bill["bill_no"] for bill in query(sandbox, BILLS)["bills"]] == ["secret01"]


def test_the_pages_answer_only_for_the_sandbox_s_own_host(sandbox: SandboxServer) -> None:
    url = pay(sandbox)["url"]
    response = requests.get(url, headers={"Host": "evil.example"}, timeout=TIMEOUT_S)
    refused(response, 421, "MISDIRECTED_REQUEST")
    response = requests.post(
        url, data={"action": "approve"}, headers={"Host": "evil.example"}, timeout=TIMEOUT_S
    )
    refused(response, 421, "MISDIRECTED_REQUEST")
    assert query(sandbox, BILLS)["bills"][0]["spay_result"] is False


@pytest.mark.parametrize(
    "host", ["localhost:{port}", "127.0.0.1:{port}", "[::1]:{port}", "LOCALHOST:{port}"]
)
def test_a_loopback_name_with_the_port_is_served(sandbox: SandboxServer, host: str) -> None:
    headers = {"Host": host.format(port=sandbox.port)}
    response = requests.post(
        sandbox.base_url + BILL, json=signed(bill_body()), headers=headers, timeout=TIMEOUT_S
    )
    assert json_answer(response)["result_code"] == 0


@pytest.mark.parametrize(
    ("public_url", "host", "served"),
    [
        ("http://sandbox.shop.lan:8080", "sandbox.shop.lan:8080", True),
        ("http://sandbox.shop.lan:8080", "sandbox.shop.lan", False),
        ("https://sandbox.shop.lan", "sandbox.shop.lan", True),
        ("https://sandbox.shop.lan", "sandbox.shop.lan:443", True),
        ("http://192.168.1.20:8732", "192.168.1.20:8732", True),
        ("http://192.168.1.20:8732", "192.168.1.21:8732", False),
    ],
)
def test_the_host_of_the_public_url_is_served(
    tmp_path: Path, public_url: str, host: str, served: bool
) -> None:
    with SandboxServer(tmp_path / "s.sqlite3", APPS, public_url=public_url) as sandbox:
        para = {"para": json.dumps(signed({}))}
        response = get_raw(sandbox, BILLS, params=para, headers={"Host": host})
        if served:
            assert json_answer(response)["result_code"] == 0
        else:
            assert public_url in refused(response, 421, "MISDIRECTED_REQUEST")


def test_a_sandbox_listening_by_name_serves_that_name(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "s.sqlite3", APPS, host="localhost") as sandbox:
        assert sandbox.base_url.startswith("http://localhost:")
        para = {"para": json.dumps(signed({}))}
        assert json_answer(get_raw(sandbox, BILLS, params=para))["result_code"] == 0


# -- approval decisions only from the sandbox's own page -----------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # another port of localhost
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost:1"},
        {"Referer": "https://evil.example/pay.html"},
        {"Origin": "https://evil.example", "Referer": "{base}/paypal/approve/x"},
    ],
    ids=repr,
)
def test_a_decision_posted_from_another_site_is_refused(
    sandbox: SandboxServer, headers: dict[str, str]
) -> None:
    url = pay(sandbox)["url"]
    sent = {name: value.format(base=sandbox.base_url) for name, value in headers.items()}
    response = requests.post(
        url, data={"action": "approve"}, headers=sent, allow_redirects=False, timeout=TIMEOUT_S
    )
    detail = refused(response, 403, "FORBIDDEN")
    assert "page" in detail
    assert query(sandbox, BILLS)["bills"][0]["spay_result"] is False
    assert 'value="approve"' in requests.get(url, timeout=TIMEOUT_S).text, "still undecided"


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin", "Origin": "{base}"},
        {"Origin": "{base}"},
        {"Origin": "http://localhost:{port}"},
        {"Referer": "{url}"},
        {},  # not a browser: a script or a test, which may decide as a payer
    ],
    ids=repr,
)
def test_a_decision_from_the_sandbox_s_own_page_is_taken(
    sandbox: SandboxServer, headers: dict[str, str]
) -> None:
    url = pay(sandbox)["url"]
    sent = {
        name: value.format(base=sandbox.base_url, port=sandbox.port, url=url)
        for name, value in headers.items()
    }
    response = requests.post(
        url, data={"action": "approve"}, headers=sent, allow_redirects=False, timeout=TIMEOUT_S
    )
    assert response.status_code == 303, response.text
    assert query(sandbox, BILLS)["bills"][0]["spay_result"] is True
