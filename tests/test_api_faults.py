"""The client against each fault the sandbox can inject (console/sandbox/faults.py).

A payment or refund whose answer is lost or broken is OutcomeUnknownError and is
never re-sent, not even to another host; a query fails over to another host or
says plainly what went wrong. The sandbox counts the requests that met a fault,
and its store says whether the work was done.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from console.api import (
    BadAnswerError,
    BeeCloudClient,
    BillQuery,
    CountUnavailableError,
    Money,
    OutcomeUnknownError,
    RefundQuery,
    RefundRequest,
    TransportError,
)
from console.api.ids import new_bill_no, new_refund_no
from console.sandbox import SandboxServer
from console.sandbox.faults import Fault
from console.sandbox.store import RecordFilter
from tests.hostile_support import HostileServer, answer_with, json_reply
from tests.net_support import CountingProxy, closed_port_url
from tests.sandbox_support import APP_ID, APP_SECRET, card_payment, paid_bill

BROKEN = ("drop-before", "drop-after", "html-500", "bad-json", "empty-200")
DONE = {"drop-before": 0, "drop-after": 1, "html-500": 0, "bad-json": 1, "empty-200": 1}


def make_client(*hosts: str, read_timeout: float = 5.0) -> BeeCloudClient:
    return BeeCloudClient(
        APP_ID, APP_SECRET, hosts, shuffle=False, read_timeout=read_timeout, connect_timeout=2.0
    )


@pytest.fixture
def proxy(sandbox: SandboxServer) -> Iterator[CountingProxy]:
    """A second host in front of the same sandbox, counting the connections it got."""
    made = CountingProxy(sandbox.port)
    yield made
    made.stop()


@pytest.fixture
def client(sandbox: SandboxServer, proxy: CountingProxy) -> Iterator[BeeCloudClient]:
    """The sandbox first, then a second host that must only ever be used by queries."""
    made = make_client(sandbox.base_url, proxy.url)
    yield made
    made.close()


def refunds_on_sandbox(sandbox: SandboxServer, refund_no: str) -> int:
    assert sandbox.store is not None
    return sandbox.store.count_refunds(APP_ID, RecordFilter(refund_no=refund_no))


# -- payments and refunds: outcome unknown, never re-sent --------------------------------


@pytest.mark.parametrize("kind", BROKEN)
def test_a_refund_with_a_lost_or_broken_answer_is_outcome_unknown_and_sent_once(
    sandbox: SandboxServer, proxy: CountingProxy, client: BeeCloudClient, kind: str
) -> None:
    bill_no = paid_bill(sandbox)
    refund_no = new_refund_no()
    sandbox.faults.set("refund", Fault(kind))  # every request would meet it again
    with pytest.raises(OutcomeUnknownError) as raised:
        client.refund(RefundRequest(bill_no, refund_no, Money(500, "USD")))
    error = raised.value
    assert (error.bill_no, error.refund_no, error.host) == (bill_no, refund_no, sandbox.base_url)
    assert f"refund {refund_no} of bill {bill_no}" in str(error)
    assert "Check it with a query before trying again" in str(error)
    assert sandbox.faults.hits("refund") == 1  # sent once
    assert proxy.connections == 0  # and not to the other host either
    assert refunds_on_sandbox(sandbox, refund_no) == DONE[kind]
    found = client.query_refunds(RefundQuery(refund_no=refund_no))
    assert len(found) == DONE[kind]  # the truth, exactly once or not at all
    assert (client.find_refund(refund_no) is not None) == bool(DONE[kind])


@pytest.mark.parametrize("kind", BROKEN)
def test_a_payment_with_a_lost_or_broken_answer_is_outcome_unknown_and_sent_once(
    sandbox: SandboxServer, proxy: CountingProxy, client: BeeCloudClient, kind: str
) -> None:
    bill_no = new_bill_no()
    sandbox.faults.set("pay", Fault(kind))
    with pytest.raises(OutcomeUnknownError) as raised:
        client.pay(card_payment(bill_no))
    assert raised.value.bill_no == bill_no and raised.value.refund_no is None
    assert f"the payment of bill {bill_no} is unknown" in str(raised.value)
    assert sandbox.faults.hits("pay") == 1
    assert proxy.connections == 0
    bill = client.find_bill(bill_no)
    assert (bill is not None) == bool(DONE[kind])
    assert bill is None or bill.paid


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("drop-before", "dropped the connection before answering"),
        ("drop-after", "dropped the connection before answering"),
        ("html-500", "answered with an error, HTTP 500"),
        ("bad-json", "answered HTTP 200 with something that is not a BeeCloud answer"),
        ("empty-200", "answered HTTP 200 with something that is not a BeeCloud answer"),
    ],
)
def test_the_message_says_what_the_host_did(
    sandbox: SandboxServer, client: BeeCloudClient, kind: str, reason: str
) -> None:
    sandbox.faults.set("refund", Fault(kind))
    bill_no, refund_no = paid_bill(sandbox), new_refund_no()
    with pytest.raises(OutcomeUnknownError, match=reason) as raised:
        client.refund(RefundRequest(bill_no, refund_no, Money(100, "USD")))
    said = f"The outcome of the refund {refund_no} of bill {bill_no} is unknown: "
    assert str(raised.value).startswith(said)


def test_after_drop_after_the_refund_exists_exactly_once_and_a_new_one_is_refused(
    sandbox: SandboxServer, client: BeeCloudClient
) -> None:
    bill_no = paid_bill(sandbox)
    refund_no = new_refund_no()
    sandbox.faults.set("refund", Fault("drop-after", count=1))
    with pytest.raises(OutcomeUnknownError):
        client.refund(RefundRequest(bill_no, refund_no, Money(500, "USD")))
    record = client.find_refund(refund_no)
    assert record is not None
    assert (record.bill_no, record.refund_fee, record.finished, record.succeeded) == (
        bill_no,
        500,
        True,
        True,
    )
    assert len(client.query_refunds(RefundQuery(bill_no=bill_no))) == 1


def test_after_drop_before_the_refund_does_not_exist_and_the_bill_can_be_refunded(
    sandbox: SandboxServer, client: BeeCloudClient
) -> None:
    bill_no = paid_bill(sandbox)
    refund_no = new_refund_no()
    sandbox.faults.set("refund", Fault("drop-before", count=1))
    with pytest.raises(OutcomeUnknownError):
        client.refund(RefundRequest(bill_no, refund_no, Money(500, "USD")))
    assert client.find_refund(refund_no) is None
    again = new_refund_no()
    client.refund(RefundRequest(bill_no, again, Money(500, "USD")))
    assert [r.refund_no for r in client.query_refunds(RefundQuery(bill_no=bill_no))] == [again]


def test_a_refund_held_beyond_the_read_timeout_is_outcome_unknown_and_not_resent(
    sandbox: SandboxServer, proxy: CountingProxy
) -> None:
    client = make_client(sandbox.base_url, proxy.url, read_timeout=0.3)
    sandbox.faults.set("refund", Fault("latency", 2000))
    started = time.monotonic()
    with pytest.raises(OutcomeUnknownError, match="did not answer in time"):
        client.refund(RefundRequest(paid_bill(sandbox), new_refund_no(), Money(100, "USD")))
    assert time.monotonic() - started < 1.5
    assert sandbox.faults.hits("refund") == 1 and proxy.connections == 0
    client.close()


def test_a_payment_held_beyond_the_read_timeout_is_outcome_unknown(
    sandbox: SandboxServer, proxy: CountingProxy
) -> None:
    client = make_client(sandbox.base_url, proxy.url, read_timeout=0.3)
    sandbox.faults.set("pay", Fault("latency", 2000))
    with pytest.raises(OutcomeUnknownError, match="did not answer in time"):
        client.pay(card_payment(new_bill_no()))
    assert sandbox.faults.hits("pay") == 1 and proxy.connections == 0
    client.close()


def test_latency_within_the_read_timeout_is_only_slow(
    sandbox: SandboxServer, client: BeeCloudClient
) -> None:
    bill_no = paid_bill(sandbox)
    refund_no = new_refund_no()
    sandbox.faults.set("refund", Fault("latency", 200))
    result = client.refund(RefundRequest(bill_no, refund_no, Money(100, "USD")))
    assert result.refund_no == refund_no
    assert refunds_on_sandbox(sandbox, refund_no) == 1


# -- queries: failover, or a plain message --------------------------------------------


QUERIES: dict[str, Any] = {
    "bills": lambda client: client.query_bills(BillQuery()),
    "refunds": lambda client: client.query_refunds(RefundQuery()),
}


@pytest.mark.parametrize("endpoint", QUERIES)
@pytest.mark.parametrize("kind", ["drop-before", "drop-after", "html-500"])
def test_a_query_fails_over_to_the_next_host(
    sandbox: SandboxServer,
    proxy: CountingProxy,
    client: BeeCloudClient,
    endpoint: str,
    kind: str,
) -> None:
    sandbox.faults.set(endpoint, Fault(kind, count=1))
    assert QUERIES[endpoint](client) == []
    assert proxy.connections == 1
    assert client.hosts[0] == proxy.url  # the host that answered is kept first


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("drop-before", "dropped the connection before answering"),
        ("drop-after", "dropped the connection before answering"),
        ("html-500", "answered with an error, HTTP 500"),
    ],
)
def test_a_query_that_no_host_answers_names_each_host_and_why(
    sandbox: SandboxServer, proxy: CountingProxy, client: BeeCloudClient, kind: str, reason: str
) -> None:
    sandbox.faults.set("bills", Fault(kind))
    with pytest.raises(TransportError) as raised:
        client.query_bills(BillQuery())
    assert raised.value.hosts_tried == [sandbox.base_url, proxy.url]
    message = str(raised.value)
    assert f"{sandbox.base_url} ({reason})" in message and f"{proxy.url} ({reason})" in message
    assert sandbox.faults.hits("bills") == 2  # one try per host, no more
    # a server that answered an error page was reached: the message never says it was not
    answered = kind == "html-500"
    assert raised.value.answered == answered
    assert message.startswith(
        "No BeeCloud server gave a usable answer."
        if answered
        else "No BeeCloud server could be reached."
    )


@pytest.mark.parametrize("endpoint", QUERIES)
@pytest.mark.parametrize("kind", ["bad-json", "empty-200"])
def test_a_query_answered_with_something_not_json_is_a_bad_answer(
    sandbox: SandboxServer, client: BeeCloudClient, endpoint: str, kind: str
) -> None:
    sandbox.faults.set(endpoint, Fault(kind))
    with pytest.raises(BadAnswerError) as raised:
        QUERIES[endpoint](client)
    assert raised.value.host == sandbox.base_url and raised.value.status == 200
    assert str(raised.value) == (
        f"{sandbox.base_url} answered HTTP 200 with something that is not a BeeCloud answer."
    )  # not "instead of JSON": it may be JSON, of the wrong shape, or records that lie


def test_a_query_held_beyond_the_read_timeout_fails_over(
    sandbox: SandboxServer, proxy: CountingProxy
) -> None:
    client = make_client(sandbox.base_url, proxy.url, read_timeout=0.3)
    sandbox.faults.set("bills", Fault("latency", 2000, count=1))
    started = time.monotonic()
    assert client.query_bills(BillQuery()) == []
    assert time.monotonic() - started < 1.5
    assert proxy.connections == 1
    client.close()


def test_find_refund_after_an_unknown_outcome_fails_over_too(
    sandbox: SandboxServer, proxy: CountingProxy, client: BeeCloudClient
) -> None:
    """The check that settles an unknown outcome is itself a query: it may fail over."""
    bill_no = paid_bill(sandbox)
    refund_no = new_refund_no()
    sandbox.faults.set("refund", Fault("drop-after", count=1))
    sandbox.faults.set("refunds", Fault("drop-before", count=1))
    with pytest.raises(OutcomeUnknownError):
        client.refund(RefundRequest(bill_no, refund_no, Money(500, "USD")))
    record = client.find_refund(refund_no)
    assert record is not None and record.refund_no == refund_no
    assert proxy.connections == 1


# -- refusals outside BeeCloud's envelope: busy, down, denied --------------------------


@pytest.mark.parametrize("endpoint", QUERIES)
@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("busy-429", "answered HTTP 429: it cannot take requests now"),
        ("down-503", "answered HTTP 503: it cannot take requests now"),
        ("denied-401", "answered HTTP 401: it refused access"),
        ("denied-403", "answered HTTP 403: it refused access"),
    ],
)
def test_a_query_refused_by_a_busy_or_closed_host_fails_over_and_says_so(
    sandbox: SandboxServer,
    proxy: CountingProxy,
    client: BeeCloudClient,
    endpoint: str,
    kind: str,
    reason: str,
) -> None:
    """Not "something that is not a BeeCloud answer": the host is busy, down for
    maintenance, or let the console in no more; another host may answer."""
    sandbox.faults.set(endpoint, Fault(kind, count=1))
    assert QUERIES[endpoint](client) == []
    assert proxy.connections == 1
    sandbox.faults.set(endpoint, Fault(kind))
    with pytest.raises(TransportError) as raised:
        QUERIES[endpoint](client)
    assert raised.value.answered
    assert [failure.reason for failure in raised.value.failures] == [reason, reason]


@pytest.mark.parametrize("status", ["429 Too Many Requests", "503 Service Unavailable"])
def test_a_host_that_asked_to_wait_is_not_asked_again_before_its_time(
    sandbox: SandboxServer, status: str
) -> None:
    busy = json_reply(b"Slow down", status, "text/plain", "Retry-After: 30")
    with HostileServer(answer_with(busy)) as server:
        client = make_client(server.url, sandbox.base_url)
        worker = client.clone()  # a walk's thread: the same hosts, the same waits
        assert client.query_bills(BillQuery()) == []  # the sandbox answered
        client.hosts = [server.url, sandbox.base_url]  # the one that asked to wait first
        for asking in (client, worker):
            assert asking.query_bills(BillQuery()) == []
        assert len(server.requests) == 1  # asked once: it said 30 s
        alone = make_client(server.url)
        alone._rests = client._rests  # the same waits, no other host to ask
        with pytest.raises(TransportError) as raised:
            alone.query_bills(BillQuery())
        for made in (client, worker, alone):
            made.close()
    (failure,) = raised.value.failures
    assert not raised.value.asked and len(server.requests) == 1
    assert failure.reason.startswith("not tried: it asked to wait ")
    assert failure.reason.endswith(" s more; nothing was sent")
    assert 28 <= int(failure.reason.split()[6]) <= 30


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("busy-429", "answered HTTP 429: it cannot take requests now and asks to wait 45 s"),
        ("down-503", "answered HTTP 503: it cannot take requests now and asks to wait 45 s"),
        ("gateway-502", "answered with an error, HTTP 502"),
        ("gateway-504", "answered with an error, HTTP 504"),
        ("denied-401", "answered HTTP 401: it refused access"),
        ("denied-403", "answered HTTP 403: it refused access"),
    ],
)
def test_a_payment_refused_outside_the_envelope_is_unknown_and_sent_once(
    sandbox: SandboxServer, proxy: CountingProxy, client: BeeCloudClient, kind: str, reason: str
) -> None:
    """Whatever a gateway says, the payment may have been made behind it (a 504's is):
    it is never sent again, and the clerk is told why as the host said it."""
    sandbox.faults.set("pay", Fault(kind, 45 if kind in ("busy-429", "down-503") else 0))
    bill_no = new_bill_no()
    with pytest.raises(OutcomeUnknownError) as raised:
        client.pay(card_payment(bill_no))
    assert raised.value.reason == reason
    assert sandbox.faults.hits("pay") == 1 and proxy.connections == 0
    assert sandbox.store is not None
    made = sandbox.store.find_bill(APP_ID, bill_no) is not None
    assert made is (kind == "gateway-504")


def test_a_count_that_a_gateway_refuses_is_worked_without(
    sandbox: SandboxServer, client: BeeCloudClient
) -> None:
    sandbox.faults.set("bills", Fault("denied-403"))
    with pytest.raises(CountUnavailableError):
        client.count_bills(BillQuery())


# -- no host at all ---------------------------------------------------------------------


def test_all_hosts_unreachable_is_one_message_naming_them() -> None:
    first = closed_port_url()
    second = next(url for url in (closed_port_url() for _ in range(10)) if url != first)
    client = make_client(first, second)
    for call in (
        lambda: client.query_bills(BillQuery()),
        lambda: client.pay(card_payment(new_bill_no())),
        lambda: client.refund(RefundRequest("BC0000000001", new_refund_no(), Money(1, "USD"))),
    ):
        with pytest.raises(TransportError) as raised:
            call()
        message = str(raised.value)
        assert message.startswith("No BeeCloud server could be reached.")
        assert first in message and second in message
        assert raised.value.hosts_tried == [first, second]
    client.close()
