"""abort(): from another thread, while a call is stuck on the wire, every connection
in use is shut at once; a payment or refund in progress is an unknown outcome, a
query a TransportError (not asked again elsewhere), and the client sends nothing
more. Clones and ClientPool are covered too, so that closing the console never
waits on a stuck call. Real loopback servers that hold what they are sent."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest

from console.api import (
    BeeCloudClient,
    BillQuery,
    ClientClosedError,
    Money,
    OutcomeUnknownError,
    RefundRequest,
    TransportError,
)
from console.api.ids import new_bill_no, new_refund_no
from console.api.paging import ClientPool, all_bills
from tests.hostile_support import HostileServer, never_answer, trickle_tls_handshake
from tests.sandbox_support import APP_ID, APP_SECRET

SLOW_S = 10.0  # timeouts no test waits for: only abort() ends these calls
PROMPT_S = 1.0  # how soon a stuck call ends after abort()


def make_client(*hosts: str) -> BeeCloudClient:
    return BeeCloudClient(
        APP_ID, APP_SECRET, hosts, shuffle=False, connect_timeout=SLOW_S, read_timeout=SLOW_S
    )


@pytest.fixture
def holding() -> Iterator[HostileServer]:
    with HostileServer(never_answer) as server:
        yield server


@pytest.fixture
def spare() -> Iterator[HostileServer]:
    """A second host: after an abort it must never hear from the client."""
    with HostileServer(never_answer) as server:
        yield server


@pytest.fixture
def background() -> Iterator[Callable[[Callable[[], Any]], Future[Any]]]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield lambda call: pool.submit(call)


def error_of(future: Future[Any]) -> BaseException | None:
    return future.exception(timeout=PROMPT_S)


def test_a_refund_in_progress_is_outcome_unknown_at_once(
    holding: HostileServer, spare: HostileServer, background: Any
) -> None:
    client = make_client(holding.url, spare.url)
    refund = RefundRequest(new_bill_no(), new_refund_no(), Money(100, "USD"))
    stuck = background(lambda: client.refund(refund))
    assert holding.wait_for_requests(1)
    started = time.monotonic()
    client.abort()
    error = error_of(stuck)
    assert time.monotonic() - started < PROMPT_S
    assert isinstance(error, OutcomeUnknownError)
    assert error.refund_no == refund.refund_no and error.host == holding.url
    assert "aborted" in error.reason
    assert spare.connections == 0


def test_a_query_in_progress_is_a_transport_error_and_not_asked_elsewhere(
    holding: HostileServer, spare: HostileServer, background: Any
) -> None:
    client = make_client(holding.url, spare.url)
    stuck = background(lambda: client.query_bills(BillQuery()))
    assert holding.wait_for_requests(1)
    client.abort()
    error = error_of(stuck)
    assert isinstance(error, TransportError)
    assert error.hosts_tried == [holding.url]
    assert spare.connections == 0


def test_an_aborted_client_refuses_every_later_call(holding: HostileServer) -> None:
    client = make_client(holding.url)
    client.abort()
    client.abort()  # twice is harmless
    for call in (
        lambda: client.query_bills(BillQuery()),
        lambda: client.refund(RefundRequest(new_bill_no(), new_refund_no(), Money(1, "USD"))),
    ):
        with pytest.raises(ClientClosedError) as raised:
            call()
        assert (
            raised.value.failures[0].reason == "not tried: the client was closed; nothing was sent"
        )
    assert holding.connections == 0
    with pytest.raises(ClientClosedError):
        client.clone()


def test_abort_ends_a_tls_handshake_in_progress(spare: HostileServer, background: Any) -> None:
    """Nothing was sent yet: a TransportError, even for a payment, and no other host."""
    with HostileServer(trickle_tls_handshake) as slow:
        client = make_client(f"https://127.0.0.1:{slow.port}", spare.url)
        refund = RefundRequest(new_bill_no(), new_refund_no(), Money(100, "USD"))
        stuck = background(lambda: client.refund(refund))
        assert slow.wait_for_requests(1)
        client.abort()
        error = error_of(stuck)
        assert isinstance(error, ClientClosedError)
        assert spare.connections == 0


def test_abort_reaches_the_clones_of_a_client(holding: HostileServer, background: Any) -> None:
    client = make_client(holding.url)
    clone = client.clone()
    stuck = background(lambda: clone.query_bills(BillQuery()))
    assert holding.wait_for_requests(1)
    client.abort()
    assert isinstance(error_of(stuck), TransportError)
    with pytest.raises(ClientClosedError):
        clone.query_bills(BillQuery())


def test_a_page_walk_stops_at_once_when_its_client_is_aborted(
    holding: HostileServer, background: Any
) -> None:
    client = make_client(holding.url)
    walking = background(lambda: all_bills(client))
    assert holding.wait_for_requests(1)
    client.abort()
    assert isinstance(error_of(walking), TransportError)


def test_a_pool_abort_ends_its_leased_clones_and_lends_no_more(
    holding: HostileServer, background: Any
) -> None:
    client = make_client(holding.url)
    pool = ClientPool(client)

    def walk_one_page() -> object:
        with pool.lease() as clone:
            return clone.query_bills(BillQuery())

    stuck = background(walk_one_page)
    assert holding.wait_for_requests(1)
    pool.abort()
    assert isinstance(error_of(stuck), TransportError)
    with pytest.raises(ClientClosedError), pool.lease():
        pass
    assert not client.closed  # the pool's own client is not the pool's to abort
