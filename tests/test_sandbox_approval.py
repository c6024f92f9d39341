"""The sandbox's PayPal approval page: show, approve or cancel, first decision final."""

from __future__ import annotations

import http.client
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from console.api.channels import APPROVAL_LIFETIME_MS
from console.sandbox import SandboxServer
from console.sandbox.store import Bill, now_ms
from tests.sandbox_support import (
    APPS,
    BILL,
    BILLS,
    RETURN_URL,
    TIMEOUT_S,
    bill_body,
    get_raw,
    pay,
    post,
    query,
    signed,
)


def approval_url(sandbox: SandboxServer, **changes: object) -> str:
    answer = pay(sandbox, **changes)
    assert answer["result_code"] == 0, answer
    return answer["url"]


def decide(url: str, action: str) -> requests.Response:
    return requests.post(url, data={"action": action}, allow_redirects=False, timeout=TIMEOUT_S)


def spay_result(sandbox: SandboxServer, bill_no: str) -> bool:
    [bill] = query(sandbox, BILLS, bill_no=bill_no)["bills"]
    return bill["spay_result"]


@pytest.mark.parametrize(
    ("currency", "fee", "shown"),
    [("USD", 123456, "USD 1,234.56"), ("JPY", 120000, "JPY 1,200"), ("EUR", 5, "EUR 0.05")],
)
def test_the_page_shows_the_bill_and_its_amount(
    sandbox: SandboxServer, currency: str, fee: int, shown: str
) -> None:
    url = approval_url(sandbox, bill_no="page0001", currency=currency, total_fee=fee)
    page = requests.get(url, timeout=TIMEOUT_S)
    assert page.status_code == 200
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    text = page.content.decode("utf-8")
    assert "page0001" in text and "白开水" in text and shown in text
    assert 'method="post"' in text
    assert 'name="action" value="approve"' in text and 'name="action" value="cancel"' in text
    assert f'action="{urlsplit(url).path}"' in text


def test_the_page_escapes_the_title(sandbox: SandboxServer) -> None:
    url = approval_url(sandbox, title="<b>x</b>&")
    text = requests.get(url, timeout=TIMEOUT_S).text
    assert "<b>x</b>" not in text and "&lt;b&gt;x&lt;/b&gt;&amp;" in text


def test_the_pages_cannot_be_framed_by_another_site(sandbox: SandboxServer) -> None:
    """Another site could show the approval page in a frame of its own and make a
    practising clerk's click on it approve a bill (clickjacking)."""
    for url in (approval_url(sandbox), f"{sandbox.base_url}/paypal/return?bill_no=x"):
        headers = requests.get(url, timeout=TIMEOUT_S).headers
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_no_page_is_kept_by_the_browser(sandbox: SandboxServer) -> None:
    """A page the browser kept (its cache, Back) came back with Pay now and Cancel after
    the payer had decided, and with the approval link's token on a shared computer's
    disk: each page is asked again from the sandbox, and says what was decided."""
    open_url = approval_url(sandbox, bill_no="nostore1")
    decided_url = approval_url(sandbox, bill_no="nostore2")
    decide(decided_url, "approve")
    pages = [
        requests.get(open_url, timeout=TIMEOUT_S),
        requests.get(decided_url, timeout=TIMEOUT_S),
        get_raw(sandbox, "/paypal/return", params={"bill_no": "nostore2", "result": "approved"}),
        get_raw(sandbox, "/paypal/return", params={"bill_no": "<b>x</b>"}),
    ]
    later_by(sandbox, APPROVAL_LIFETIME_MS + 1)
    pages += [requests.get(open_url, timeout=TIMEOUT_S), decide(open_url, "approve")]
    later_by(sandbox, 0)
    assert [page.status_code for page in pages] == [200, 200, 200, 400, 410, 410]
    for page in pages:
        assert page.headers.get("Cache-Control") == "no-store", page.url


@pytest.mark.parametrize(
    ("action", "result", "paid"), [("approve", "approved", True), ("cancel", "cancelled", False)]
)
def test_a_decision_redirects_to_the_return_url(
    sandbox: SandboxServer, action: str, result: str, paid: bool
) -> None:
    url = approval_url(sandbox, bill_no="decide01")
    response = decide(url, action)
    assert response.status_code == 303
    target = urlsplit(response.headers["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == RETURN_URL
    assert parse_qs(target.query) == {"bill_no": ["decide01"], "result": [result]}
    assert spay_result(sandbox, "decide01") is paid


@pytest.mark.parametrize(("first", "second"), [("approve", "cancel"), ("cancel", "approve")])
def test_the_first_decision_is_final(sandbox: SandboxServer, first: str, second: str) -> None:
    url = approval_url(sandbox, bill_no="final001")
    recorded = decide(url, first).headers["Location"]
    paid = spay_result(sandbox, "final001")
    later = decide(url, second)
    assert later.status_code == 303 and later.headers["Location"] == recorded
    assert spay_result(sandbox, "final001") is paid
    page = requests.get(url, timeout=TIMEOUT_S).text
    assert "already" in page and 'value="approve"' not in page


def later_by(sandbox: SandboxServer, ms: int) -> None:
    """The sandbox's clock moved on by `ms` (its approval pages read it; nothing signed
    is sent after)."""
    assert sandbox.service is not None
    sandbox.service.clock_ms = lambda: now_ms() + ms


def test_an_approval_page_expires_three_hours_after_its_bill_was_made(
    sandbox: SandboxServer,
) -> None:
    """As PayPal's approval tokens do: a payer who comes back hours later is told the
    link expired, and nothing is paid (docs/sandbox.md)."""
    url = approval_url(sandbox, bill_no="expire01")
    later_by(sandbox, APPROVAL_LIFETIME_MS - 60_000)
    assert 'value="approve"' in requests.get(url, timeout=TIMEOUT_S).text  # still open
    later_by(sandbox, APPROVAL_LIFETIME_MS + 1)
    page = requests.get(url, timeout=TIMEOUT_S)
    assert page.status_code == 410
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "expired" in page.text and "expire01" in page.text and 'value="approve"' not in page.text
    for action in ("approve", "cancel"):
        answer = decide(url, action)
        assert answer.status_code == 410 and "expired" in answer.text
        assert "Location" not in answer.headers
    later_by(sandbox, 0)  # signed queries are read at the real time again
    assert spay_result(sandbox, "expire01") is False
    # the decision was never recorded: had the page not expired, it could still be taken
    assert decide(url, "approve").headers["Location"].endswith("result=approved")


def test_a_decision_taken_in_time_is_shown_after_the_link_expired(
    sandbox: SandboxServer,
) -> None:
    url = approval_url(sandbox, bill_no="expire02")
    recorded = decide(url, "approve").headers["Location"]
    later_by(sandbox, APPROVAL_LIFETIME_MS + 1)
    page = requests.get(url, timeout=TIMEOUT_S)
    assert page.status_code == 200 and "already" in page.text and "approved" in page.text
    assert decide(url, "cancel").headers["Location"] == recorded
    later_by(sandbox, 0)
    assert spay_result(sandbox, "expire02") is True


def test_a_browser_following_the_redirect_lands_on_the_return_url(sandbox: SandboxServer) -> None:
    local_return = sandbox.base_url + "/shop/return"  # a 404 JSON page, which is fine here
    url = approval_url(sandbox, bill_no="follow01", return_url=local_return)
    response = requests.post(url, data={"action": "approve"}, timeout=TIMEOUT_S)
    assert response.history[0].status_code == 303
    assert response.url == f"{local_return}?bill_no=follow01&result=approved"


def return_page_says(sandbox: SandboxServer, bill_no: str, result: str) -> str:
    """The word the sandbox's return page shows for a link naming this bill and result."""
    page = get_raw(sandbox, "/paypal/return", params={"bill_no": bill_no, "result": result})
    assert page.status_code == 200, page.text
    words = [word for word in ("approved", "not completed") if f"<strong>{word}" in page.text]
    assert len(words) == 1 and bill_no in page.text, page.text
    return words[0]


def test_the_return_page_shows_what_was_recorded_not_what_its_link_says(
    sandbox: SandboxServer,
) -> None:
    """A return link edited by hand (result=approved) said "Payment approved" for a
    bill the payer cancelled, never decided, or that does not exist."""
    decide(approval_url(sandbox, bill_no="retcancel"), "cancel")
    decide(approval_url(sandbox, bill_no="retpaid01"), "approve")
    approval_url(sandbox, bill_no="retopen01")  # not decided yet
    for bill_no in ("retcancel", "retopen01", "retnone01"):
        assert return_page_says(sandbox, bill_no, "approved") == "not completed", bill_no
    assert return_page_says(sandbox, "retpaid01", "cancelled") == "approved"
    assert return_page_says(sandbox, "retpaid01", "") == "approved"


def test_the_return_page_claims_no_payment_another_app_approved(sandbox: SandboxServer) -> None:
    """Bill numbers are unique per app only: another app's approved bill of the same
    number does not make this one paid."""
    assert sandbox.store is not None
    decide(approval_url(sandbox, bill_no="retshare1"), "cancel")
    with sandbox.store.transaction() as tx:
        tx.insert_bill(
            Bill("other-app", "retshare1", "PAYPAL_PAYPAL", 100, "t", "USD", True, 0, "x",
                 RETURN_URL, "EC-OTHERAPP0000000", "approved")
        )  # fmt: skip
    assert return_page_says(sandbox, "retshare1", "approved") == "not completed"


def test_an_unknown_token_is_404_json(sandbox: SandboxServer) -> None:
    url = sandbox.base_url + "/paypal/approve/EC-NOSUCHTOKEN0000"
    for response in (requests.get(url, timeout=TIMEOUT_S), decide(url, "approve")):
        assert response.status_code == 404
        assert response.json()["error"] == "NOT_FOUND"


@pytest.mark.parametrize(
    "data",
    [
        {"action": "maybe"},
        {},
        {"action": ""},
        [("action", "cancel"), ("action", "approve")],
        [("action", "approve"), ("action", "cancel")],
        [("action", "cancel"), ("action", "cancel")],
    ],
    ids=repr,
)
def test_a_bad_action_is_400_json_and_decides_nothing(
    sandbox: SandboxServer, data: dict[str, str] | list[tuple[str, str]]
) -> None:
    """An action given twice was decided by its first: a form saying both cancel
    and approve paid the bill or cancelled it for good without a word."""
    url = approval_url(sandbox, bill_no="badact01")
    response = requests.post(url, data=data, allow_redirects=False, timeout=TIMEOUT_S)
    assert response.status_code == 400
    assert response.json()["error"] == "BAD_REQUEST"
    assert spay_result(sandbox, "badact01") is False
    assert decide(url, "cancel").headers["Location"].endswith("result=cancelled")


def test_an_action_given_twice_is_told_so(sandbox: SandboxServer) -> None:
    url = approval_url(sandbox)
    data = [("action", "approve"), ("action", "approve")]
    response = requests.post(url, data=data, allow_redirects=False, timeout=TIMEOUT_S)
    assert response.json()["err_detail"] == "Give action once: approve or cancel."


def test_the_sandbox_serves_a_landing_page_for_return_url(sandbox: SandboxServer) -> None:
    """So that a payer approving in the sandbox lands somewhere, even offline."""
    url = f"{sandbox.base_url}/paypal/return"
    decide(approval_url(sandbox, bill_no="ABC12345"), "approve")
    approved = get_raw(
        sandbox, "/paypal/return", params={"bill_no": "ABC12345", "result": "approved"}
    )
    assert approved.status_code == 200 and "text/html" in approved.headers["Content-Type"]
    assert "approved" in approved.text and "ABC12345" in approved.text
    odd = get_raw(sandbox, "/paypal/return", params={"bill_no": "<b>x</b>", "result": "cancelled"})
    assert odd.status_code == 400 and "<b>x</b>" not in odd.text  # test_sandbox_pages.py
    decide(approval_url(sandbox, bill_no="ABC12346"), "cancel")
    cancelled = get_raw(
        sandbox, "/paypal/return", params={"bill_no": "ABC12346", "result": "cancelled"}
    )
    assert "not completed" in cancelled.text and "ABC12346" in cancelled.text
    answer = post(
        sandbox,
        BILL,
        signed(
            {
                "channel": "PAYPAL_PAYPAL",
                "total_fee": 100,
                "currency": "USD",
                "bill_no": "RETURN0001",
                "title": "t",
                "return_url": url,
            }
        ),
    )
    assert answer["result_code"] == 0, "the landing page is a valid return_url"


# -- where the approval link points ---------------------------------------------


def pay_with_host(sandbox: SandboxServer, host: str, bill_no: str) -> tuple[int, dict[str, Any]]:
    """A PayPal payment sent with this Host header, exactly as given; the HTTP status
    and the answer."""
    connection = http.client.HTTPConnection("127.0.0.1", sandbox.port, timeout=TIMEOUT_S)
    try:
        connection.putrequest("POST", BILL, skip_host=True)
        connection.putheader("Host", host)
        body = json.dumps(signed(bill_body(bill_no=bill_no))).encode()
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        answer: dict[str, Any] = json.loads(response.read())
        return response.status, answer
    finally:
        connection.close()


@pytest.mark.parametrize("host", ["localhost:{port}", "[::1]:{port}", "LocalHost:{port}"])
def test_the_approval_link_is_the_server_s_own_address_whatever_name_the_request_used(
    sandbox: SandboxServer, host: str
) -> None:
    status, answer = pay_with_host(sandbox, host.format(port=sandbox.port), "hostHDR01")
    assert status == 200 and answer["result_code"] == 0, answer
    url = answer["url"]
    assert url.startswith(sandbox.base_url + "/paypal/approve/EC-"), url
    page = requests.get(url, timeout=TIMEOUT_S)
    assert page.status_code == 200 and "hostHDR01" in page.text


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:443",
        "evil.example",
        "",
        "a b",
        "127.0.0.1:notaport",
        "127.0.0.1:8811@evil.com",
    ],
)
def test_a_payment_addressed_to_another_host_makes_no_bill(
    sandbox: SandboxServer, host: str
) -> None:
    """No link is ever made from a Host header: a request naming another host is refused
    (tests/test_sandbox_cross_site.py), and a payment sent so makes no bill."""
    status, answer = pay_with_host(sandbox, host, "hostHDR01")
    assert status in (400, 421) and "error" in answer, answer  # "a b": not HTTP (waitress)
    assert query(sandbox, BILLS)["bills"] == []


def test_the_approval_link_follows_a_public_url_when_one_is_given(tmp_path: Path) -> None:
    """A sandbox listening on every interface names itself as configured, not 0.0.0.0."""
    public = "http://sandbox.lan.example:8811"
    with SandboxServer(tmp_path / "db.sqlite3", APPS, public_url=public) as server:
        _, answer = pay_with_host(server, f"127.0.0.1:{server.port}", "public001")
        assert answer["url"].startswith(public + "/paypal/approve/EC-"), answer
