"""No redirect is ever followed: a 3xx to a payment or refund is an unknown outcome,
a 3xx to a query a failed host. The address in `Location` (a server that would
gladly answer result_code 0 to anything) never hears from the client.
Real loopback servers (tests/hostile_support.py) in front of the real sandbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from console.api import (
    BeeCloudClient,
    BillQuery,
    Money,
    OutcomeUnknownError,
    RefundRequest,
    TransportError,
)
from console.api.ids import new_bill_no, new_refund_no
from console.sandbox import SandboxServer
from tests.hostile_support import HostileServer, answer_with, head, redirect_to
from tests.sandbox_support import APP_ID, APP_SECRET, card_payment

REDIRECTS = [301, 302, 303, 307, 308]
OK = b'{"result_code": 0, "result_msg": "OK", "err_detail": "", "bills": [], "refunds": []}'


@pytest.fixture
def elsewhere() -> Iterator[HostileServer]:
    """Where the redirects point: it answers success to anything it is sent."""
    reply = head("200 OK", "Content-Type: application/json", f"Content-Length: {len(OK)}")
    with HostileServer(answer_with(reply + OK)) as server:
        yield server


def make_client(*hosts: str) -> BeeCloudClient:
    return BeeCloudClient(
        APP_ID, APP_SECRET, hosts, shuffle=False, connect_timeout=2.0, read_timeout=5.0
    )


@pytest.mark.parametrize("status", REDIRECTS)
def test_a_refund_answered_with_a_redirect_is_outcome_unknown_and_goes_nowhere_else(
    elsewhere: HostileServer, status: int
) -> None:
    with HostileServer(redirect_to(status, elsewhere.url + "/steal")) as redirector:
        client = make_client(redirector.url, elsewhere.url)
        refund = RefundRequest(new_bill_no(), new_refund_no(), Money(100, "USD"))
        with pytest.raises(OutcomeUnknownError) as raised:
            client.refund(refund)
        error = raised.value
        assert (error.host, error.refund_no) == (redirector.url, refund.refund_no)
        assert error.reason == (f"answered with a redirect, HTTP {status}, which was not followed")
        assert len(redirector.requests) == 1
        assert elsewhere.connections == 0  # neither followed nor re-sent to the next host
        client.close()


@pytest.mark.parametrize("status", REDIRECTS)
def test_a_card_payment_answered_with_a_redirect_sends_the_card_nowhere_else(
    elsewhere: HostileServer, status: int
) -> None:
    with HostileServer(redirect_to(status, elsewhere.url + "/steal")) as redirector:
        client = make_client(redirector.url)
        with pytest.raises(OutcomeUnknownError, match=f"redirect, HTTP {status}, which"):
            client.pay(card_payment(new_bill_no()))
        assert elsewhere.connections == 0
        client.close()


@pytest.mark.parametrize("status", REDIRECTS)
def test_a_query_answered_with_a_redirect_fails_over_to_the_next_host(
    sandbox: SandboxServer, elsewhere: HostileServer, status: int
) -> None:
    with HostileServer(redirect_to(status, elsewhere.url + "/1/rest/bills")) as redirector:
        client = make_client(redirector.url, sandbox.base_url)
        assert client.query_bills(BillQuery()) == []  # the sandbox's answer
        assert len(redirector.requests) == 1
        assert elsewhere.connections == 0
        assert client.hosts[0] == sandbox.base_url
        client.close()


def test_a_query_that_only_redirects_says_so_for_each_host(elsewhere: HostileServer) -> None:
    with (
        HostileServer(redirect_to(302, elsewhere.url)) as first,
        HostileServer(redirect_to(308, elsewhere.url)) as second,
    ):
        client = make_client(first.url, second.url)
        with pytest.raises(TransportError) as raised:
            client.query_bills(BillQuery())
        assert [(f.host, f.reason) for f in raised.value.failures] == [
            (first.url, "answered with a redirect, HTTP 302, which was not followed"),
            (second.url, "answered with a redirect, HTTP 308, which was not followed"),
        ]
        assert elsewhere.connections == 0
        client.close()
