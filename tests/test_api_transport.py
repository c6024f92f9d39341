"""Transport: the host pool, failover, timeouts, keep-alive, and answers that
are not BeeCloud answers. Real sockets on loopback, real HTTP."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from console.api import (
    DEFAULT_HOSTS,
    ApiError,
    BadAnswerError,
    BeeCloudClient,
    BillQuery,
    BillRequest,
    Money,
    OutcomeUnknownError,
    RefundRequest,
    TransportError,
)
from console.api.ids import new_bill_no, new_refund_no
from tests.net_support import CountingProxy, ScriptedServer, closed_port_url, http_reply
from tests.sandbox_support import APP_ID, APP_SECRET

HTML_500 = http_reply("500 Internal Server Error", "text/html", b"<html><h1>Oops</h1></html>")
HTML_200 = http_reply("200 OK", "text/html", b"<html><body>Captive portal</body></html>")


def make_client(*hosts: str, **options: Any) -> BeeCloudClient:
    options.setdefault("read_timeout", 5.0)
    return BeeCloudClient(APP_ID, APP_SECRET, hosts, shuffle=False, **options)


def a_payment() -> BillRequest:
    return BillRequest(
        "PAYPAL_PAYPAL", Money(100, "USD"), new_bill_no(), "x", return_url="https://a.example/r"
    )


@pytest.fixture
def silent() -> Iterator[ScriptedServer]:
    """Accepts the connection, reads the request, never answers."""
    with ScriptedServer(None) as server:
        yield server


def test_default_pool_is_the_four_hosts_in_random_order() -> None:
    orders = {tuple(BeeCloudClient("a", "s", rng=random.Random(seed)).hosts) for seed in range(20)}
    assert all(sorted(order) == sorted(DEFAULT_HOSTS) for order in orders)
    assert len(orders) > 1
    assert BeeCloudClient("a", "s", ["api.beecloud.cn/"]).hosts == ["https://api.beecloud.cn"]


def test_an_unreachable_host_is_skipped_for_the_next(sandbox: Any) -> None:
    dead = closed_port_url()
    client = make_client(dead, sandbox.base_url)
    client.pay(a_payment())  # a POST may fail over: it never reached the dead host
    assert client.query_bills(BillQuery()) != []
    assert client.hosts[0] == sandbox.base_url, "the host that answered is kept first"


def test_all_hosts_unreachable_names_every_host() -> None:
    dead = [closed_port_url(), closed_port_url()]
    client = make_client(*dead)
    with pytest.raises(TransportError) as caught:
        client.query_bills(BillQuery())
    assert caught.value.hosts_tried == dead
    assert all(host in str(caught.value) for host in dead)


def test_a_get_that_times_out_is_asked_again_on_the_next_host(
    sandbox: Any, silent: ScriptedServer
) -> None:
    client = make_client(silent.url, sandbox.base_url, read_timeout=0.3)
    assert client.query_bills(BillQuery()) == []
    assert len(silent.requests) == 1


def test_a_get_answered_5xx_is_asked_again_on_the_next_host(sandbox: Any) -> None:
    with ScriptedServer(HTML_500) as broken:
        client = make_client(broken.url, sandbox.base_url)
        assert client.query_bills(BillQuery()) == []
        assert len(broken.requests) == 1


def test_a_post_whose_answer_never_comes_is_outcome_unknown_and_sent_once(
    sandbox: Any, silent: ScriptedServer
) -> None:
    client = make_client(silent.url, sandbox.base_url, read_timeout=0.3)
    payment = a_payment()
    with pytest.raises(OutcomeUnknownError) as caught:
        client.pay(payment)
    assert caught.value.bill_no == payment.bill_no and caught.value.refund_no is None
    assert len(silent.requests) == 1 and silent.requests[0].startswith(b"POST ")
    checker = make_client(sandbox.base_url)
    assert checker.find_bill(payment.bill_no) is None, "never re-sent to the next host"


def test_a_refund_whose_answer_never_comes_carries_its_refund_no(silent: ScriptedServer) -> None:
    client = make_client(silent.url, read_timeout=0.3)
    refund = RefundRequest(new_bill_no(), new_refund_no(), Money(100, "USD"))
    with pytest.raises(OutcomeUnknownError) as caught:
        client.refund(refund)
    assert (caught.value.bill_no, caught.value.refund_no) == (refund.bill_no, refund.refund_no)
    assert "unknown" in str(caught.value) and len(silent.requests) == 1


def test_a_post_answered_5xx_is_outcome_unknown(sandbox: Any) -> None:
    with ScriptedServer(HTML_500) as broken:
        client = make_client(broken.url, sandbox.base_url)
        with pytest.raises(OutcomeUnknownError, match="HTTP 500"):
            client.pay(a_payment())
        assert len(broken.requests) == 1


def test_an_html_page_is_reported_as_such() -> None:
    with ScriptedServer(HTML_200) as portal:
        client = make_client(portal.url)
        with pytest.raises(BadAnswerError) as caught:
            client.query_bills(BillQuery())
        assert caught.value.is_html and "HTML page" in str(caught.value)
        with pytest.raises(OutcomeUnknownError, match="HTML page"):
            client.pay(a_payment())


def test_an_answer_without_result_code_is_a_bad_answer() -> None:
    odd = http_reply("200 OK", "application/json", b'{"bills": []}')
    with ScriptedServer(odd) as server, pytest.raises(BadAnswerError) as caught:
        make_client(server.url).query_bills(BillQuery())
    assert not caught.value.is_html


def test_records_with_wrong_types_are_a_bad_answer_not_a_crash() -> None:
    body = b'{"result_code":0,"bills":[{"bill_no":"A1234567","total_fee":12.5,"channel":"X",'
    body += b'"title":"t","spay_result":true,"created_time":1}]}'
    reply = http_reply("200 OK", "application/json", body)
    with ScriptedServer(reply) as server, pytest.raises(BadAnswerError):
        make_client(server.url).query_bills(BillQuery())


def test_unknown_result_codes_are_shown_as_they_came() -> None:
    body = b'{"result_code":42,"result_msg":"NEW_THING","err_detail":"from the future"}'
    reply = http_reply("200 OK", "application/json", body)
    with ScriptedServer(reply) as server, pytest.raises(ApiError) as caught:
        make_client(server.url).query_bills(BillQuery())
    assert caught.value.code == 42 and "Unknown result code" in caught.value.english
    assert "42 NEW_THING" in str(caught.value) and "from the future" in str(caught.value)


def test_calls_share_one_keep_alive_connection(sandbox: Any) -> None:
    port = int(sandbox.base_url.rsplit(":", 1)[1])
    proxy = CountingProxy(port)
    try:
        client = make_client(proxy.url)
        for _ in range(5):
            client.query_bills(BillQuery())
        client.pay(a_payment())
        assert proxy.connections == 1
    finally:
        proxy.stop()


def test_the_secret_never_shows_in_a_repr() -> None:
    client = BeeCloudClient("app", "very-secret-value")
    assert "very-secret-value" not in repr(client)
