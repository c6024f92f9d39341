"""The client's counts (GET /2/rest/bills/count and /2/rest/refunds/count) against the
sandbox, and against hosts that do not count: each of those is CountUnavailableError,
while a host that fails (5xx, a redirect, too large an answer) is failed over as for
any query. Real HTTP over loopback throughout."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from console.api import (
    BeeCloudClient,
    BillQuery,
    ClientClosedError,
    CountUnavailableError,
    RefundQuery,
    TransportError,
    ValidationError,
)
from console.api.paging import all_bills, all_refunds
from console.sandbox import SandboxServer
from console.sandbox.seed import seed
from tests.hostile_support import (
    MB,
    HostileServer,
    answer_with,
    endless_body,
    head,
    json_reply,
    redirect_to,
)
from tests.sandbox_support import APP_ID, APP_SECRET

DAY_MS = 86_400_000


def make_client(*hosts: str) -> BeeCloudClient:
    return BeeCloudClient(APP_ID, APP_SECRET, hosts, shuffle=False, read_timeout=10.0)


@pytest.fixture
def seeded(sandbox: SandboxServer) -> SandboxServer:
    assert sandbox.store is not None
    seed(sandbox.store, APP_ID, 240)
    return sandbox


@pytest.fixture
def client(seeded: SandboxServer) -> Iterator[BeeCloudClient]:
    made = make_client(seeded.base_url)
    yield made
    made.close()


def sent_para(request: bytes) -> dict[str, object]:
    target = request.split(b" ")[1].decode()
    para = json.loads(parse_qs(urlsplit(target).query)["para"][0])
    assert isinstance(para, dict)
    return para


# -- against the sandbox --------------------------------------------------------------


def test_counts_agree_with_the_lists_for_every_filter(client: BeeCloudClient) -> None:
    bills, refunds = all_bills(client), all_refunds(client)
    assert client.count_bills(BillQuery()) == len(bills) == 240
    assert client.count_refunds(RefundQuery()) == len(refunds) > 0
    middle = bills[len(bills) // 2].created_time
    for query in (
        BillQuery(channel="PAYPAL"),
        BillQuery(channel="PAYPAL_PAYPAL"),
        BillQuery(bill_no=bills[7].bill_no),
        BillQuery(start_time=middle),
        BillQuery(end_time=middle),
        BillQuery(start_time=middle - 10 * DAY_MS, end_time=middle),
        BillQuery(spay_result=True),
        BillQuery(spay_result=False, start_time=middle),
    ):
        assert client.count_bills(query) == len(all_bills(client, query)), query
    unpaid = all_bills(client, BillQuery(spay_result=False))
    assert unpaid and not any(bill.paid for bill in unpaid)
    assert len(unpaid) == sum(not bill.paid for bill in bills)
    refund_query = RefundQuery(end_time=refunds[3].created_time, channel="PAYPAL")
    assert client.count_refunds(refund_query) == len(all_refunds(client, refund_query))
    assert client.count_refunds(RefundQuery(refund_no=refunds[0].refund_no)) == 1


def test_skip_and_limit_are_not_sent_and_do_not_matter(client: BeeCloudClient) -> None:
    assert client.count_bills(BillQuery(skip=200, limit=10)) == 240
    assert client.count_refunds(RefundQuery(skip=5, limit=50)) == client.count_refunds(
        RefundQuery()
    )


def test_a_count_is_signed_sent_to_the_v2_path_and_carries_only_the_filters() -> None:
    reply = json_reply(b'{"result_code": 0, "result_msg": "OK", "err_detail": "", "count": 7}')
    with HostileServer(answer_with(reply)) as server:
        client = make_client(server.url)
        assert client.count_bills(BillQuery(channel="PAYPAL", skip=50, limit=50)) == 7
        assert client.count_refunds(RefundQuery(refund_no="20260101ABC")) == 7
        client.close()
    bills, refunds = server.requests
    assert bills.startswith(b"GET /2/rest/bills/count?para=")
    assert refunds.startswith(b"GET /2/rest/refunds/count?para=")
    para = sent_para(bills)
    assert set(para) == {"app_id", "timestamp", "app_sign", "channel"}
    assert para["app_id"] == APP_ID and para["channel"] == "PAYPAL"
    assert sent_para(refunds)["refund_no"] == "20260101ABC"


def test_whether_paid_is_sent_as_a_json_boolean() -> None:
    reply = json_reply(b'{"result_code": 0, "result_msg": "OK", "err_detail": "", "count": 2}')
    with HostileServer(answer_with(reply)) as server:
        client = make_client(server.url)
        assert client.count_bills(BillQuery(spay_result=False)) == 2
        client.close()
    [request] = server.requests
    assert sent_para(request)["spay_result"] is False


def test_an_invalid_query_is_refused_before_sending(client: BeeCloudClient) -> None:
    with pytest.raises(ValidationError):
        client.count_bills(BillQuery(start_time=2_000_000_000_000, end_time=1_900_000_000_000))
    with pytest.raises(ValidationError):
        client.count_refunds(RefundQuery(refund_no="no"))


def test_a_closed_client_counts_nothing(client: BeeCloudClient) -> None:
    client.close()
    with pytest.raises(ClientClosedError):
        client.count_bills(BillQuery())


# -- hosts that do not count ----------------------------------------------------------

NOT_COUNTS = {
    "404 json": json_reply(b'{"error": "NOT_FOUND", "err_detail": ""}', "404 Not Found"),
    "404 html": json_reply(b"<h1>Not Found</h1>", "404 Not Found", "text/html"),
    "200 html": json_reply(b"<html>maintenance</html>", kind="text/html"),
    "not json": json_reply(b"count: 3"),
    "result code": json_reply(b'{"result_code": 14, "result_msg": "RUNTIME_ERROR", "count": 3}'),
    "no count": json_reply(b'{"result_code": 0, "result_msg": "OK", "err_detail": ""}'),
    "null": json_reply(b'{"result_code": 0, "count": null}'),
    "negative": json_reply(b'{"result_code": 0, "count": -1}'),
    "float": json_reply(b'{"result_code": 0, "count": 3.0}'),
    "string": json_reply(b'{"result_code": 0, "count": "3"}'),
    "boolean": json_reply(b'{"result_code": 0, "count": true}'),
}


@pytest.mark.parametrize("name", NOT_COUNTS)
def test_a_host_that_answers_something_else_than_a_count_is_count_unavailable(
    name: str,
) -> None:
    with HostileServer(answer_with(NOT_COUNTS[name])) as server:
        client = make_client(server.url)
        with pytest.raises(CountUnavailableError) as raised:
            client.count_bills(BillQuery())
        with pytest.raises(CountUnavailableError):
            client.count_refunds(RefundQuery())
        client.close()
    assert raised.value.host == server.url
    assert str(raised.value).startswith(f"{server.url} gives no count: ")
    assert len(server.requests) == 2  # one each: not asked of another host


@pytest.mark.parametrize(
    "reply",
    [
        json_reply(b"<h1>Bad gateway</h1>", "502 Bad Gateway", "text/html"),
        head("307 Elsewhere", "Location: http://127.0.0.1:9/steal", "Content-Length: 0"),
    ],
    ids=["5xx", "redirect"],
)
def test_a_failed_host_is_failed_over_as_for_any_query(seeded: SandboxServer, reply: bytes) -> None:
    with HostileServer(answer_with(reply)) as failing:
        client = make_client(failing.url, seeded.base_url)
        assert client.count_bills(BillQuery()) == 240
        assert client.hosts[0] == seeded.base_url  # the one that answered is kept
        client.close()
    assert len(failing.requests) == 1


def test_too_large_an_answer_is_not_read_and_the_host_fails() -> None:
    with HostileServer(endless_body(50 * MB, "chunked")) as server:
        client = make_client(server.url)
        with pytest.raises(TransportError) as raised:
            client.count_bills(BillQuery())
        client.close()
    assert "which was not read" in str(raised.value)


def test_a_redirect_is_never_followed() -> None:
    with (
        HostileServer(answer_with(json_reply(b'{"result_code": 0, "count": 1}'))) as elsewhere,
        HostileServer(redirect_to(302, elsewhere.url + "/2/rest/bills/count")) as redirector,
    ):
        client = make_client(redirector.url)
        with pytest.raises(TransportError):
            client.count_bills(BillQuery())
        client.close()
    assert elsewhere.connections == 0
