"""A deadline for every request: however slowly a server trickles its answer (one
byte at a time, each well inside the read timeout), no request outlives
connect timeout + read timeout + DEADLINE_MARGIN_S. A payment or refund cut off
that way is an unknown outcome; a query fails over to the next host.
Real loopback servers (tests/hostile_support.py), plain and TLS."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from console.api import (
    BeeCloudClient,
    BillQuery,
    Money,
    OutcomeUnknownError,
    RefundRequest,
    TransportError,
)
from console.api.deadlines import DEADLINE_MARGIN_S
from console.api.ids import new_bill_no, new_refund_no
from console.sandbox import SandboxServer
from tests.hostile_support import (
    HostileServer,
    Script,
    never_answer,
    trickle_body,
    trickle_body_until_close,
    trickle_headers,
    trickle_status_line,
    trickle_tls_handshake,
)
from tests.net_support import CountingProxy
from tests.sandbox_support import APP_ID, APP_SECRET, card_payment
from tests.tls_support import TlsProxy, make_self_signed

CONNECT_S = 0.2
READ_S = 0.3  # each trickled byte comes within TICK_S = 0.1 s: the read timeout never fires
DEADLINE_S = CONNECT_S + READ_S + DEADLINE_MARGIN_S
SLACK_S = 0.5  # the watchdog's own latency, on a busy machine

PHASES: dict[str, Script] = {
    "status line": trickle_status_line,
    "headers": trickle_headers,
    "body": trickle_body,
    "body until the connection closes": trickle_body_until_close,
}


def make_client(*hosts: str, ca_bundle: Path | None = None) -> BeeCloudClient:
    return BeeCloudClient(
        APP_ID,
        APP_SECRET,
        hosts,
        shuffle=False,
        connect_timeout=CONNECT_S,
        read_timeout=READ_S,
        ca_bundle=str(ca_bundle) if ca_bundle else None,
    )


def timed(call: Callable[[], object]) -> float:
    started = time.monotonic()
    try:
        call()
    finally:
        elapsed = time.monotonic() - started
    return elapsed


def test_the_margin_is_small_and_named() -> None:
    assert 0 < DEADLINE_MARGIN_S <= 2


@pytest.mark.parametrize("phase", PHASES)
def test_a_refund_trickled_past_the_deadline_is_outcome_unknown(phase: str) -> None:
    with HostileServer(PHASES[phase]) as slow:
        client = make_client(slow.url)
        refund = RefundRequest(new_bill_no(), new_refund_no(), Money(100, "USD"))
        started = time.monotonic()
        with pytest.raises(OutcomeUnknownError) as raised:
            client.refund(refund)
        elapsed = time.monotonic() - started
        assert elapsed < DEADLINE_S + SLACK_S, f"{phase}: {elapsed:.2f} s"
        assert "did not finish answering in time" in raised.value.reason
        assert raised.value.refund_no == refund.refund_no
        assert len(slow.requests) == 1
        client.close()


@pytest.mark.parametrize("phase", PHASES)
def test_a_query_trickled_past_the_deadline_fails_over(sandbox: SandboxServer, phase: str) -> None:
    with HostileServer(PHASES[phase]) as slow:
        client = make_client(slow.url, sandbox.base_url)
        elapsed = timed(lambda: client.query_bills(BillQuery()))
        assert elapsed < DEADLINE_S + SLACK_S, f"{phase}: {elapsed:.2f} s"
        assert client.hosts[0] == sandbox.base_url
        client.close()


def test_a_query_no_host_answers_in_time_names_the_deadline() -> None:
    with HostileServer(trickle_body) as slow:
        client = make_client(slow.url)
        with pytest.raises(TransportError) as raised:
            client.query_bills(BillQuery())
        assert raised.value.hosts_tried == [slow.url]
        assert "did not finish answering in time" in raised.value.failures[0].reason
        client.close()


def test_a_trickled_body_over_tls_is_cut_off_too(tmp_path: Path) -> None:
    certificate, key = make_self_signed(tmp_path)
    with HostileServer(trickle_body) as slow, TlsProxy(slow.port, certificate, key) as https:
        client = make_client(https.url, ca_bundle=certificate)
        started = time.monotonic()
        with pytest.raises(OutcomeUnknownError, match="did not finish answering in time"):
            client.pay(card_payment(new_bill_no()))
        assert time.monotonic() - started < DEADLINE_S + SLACK_S
        client.close()


def test_a_trickled_tls_handshake_sends_nothing_and_a_payment_goes_to_the_next_host(
    sandbox: SandboxServer,
) -> None:
    """Nothing of the request has left before the handshake ends: a host stuck in it is
    one that could not be reached, even for a payment."""
    with HostileServer(trickle_tls_handshake) as slow:
        next_host = CountingProxy(sandbox.port)
        try:
            client = make_client(f"https://127.0.0.1:{slow.port}", next_host.url)
            bill_no = new_bill_no()
            elapsed = timed(lambda: client.pay(card_payment(bill_no)))
            assert elapsed < DEADLINE_S + SLACK_S
            assert client.find_bill(bill_no) is not None
            assert next_host.connections == 1
            client.close()
        finally:
            next_host.stop()


def test_a_short_deadline_is_kept_while_a_long_one_is_pending() -> None:
    """The watchdog sleeps until the earliest deadline it knows: a call with a shorter
    deadline, started while a long one is on the wire, still ends in time."""
    with HostileServer(never_answer) as holding, HostileServer(trickle_body) as slow:
        patient = BeeCloudClient(APP_ID, APP_SECRET, [holding.url], read_timeout=30)
        with ThreadPoolExecutor(max_workers=1) as background:
            pending = background.submit(lambda: patient.query_bills(BillQuery()))
            assert holding.wait_for_requests(1)
            client = make_client(slow.url)
            started = time.monotonic()
            with pytest.raises(OutcomeUnknownError, match="did not finish answering in time"):
                client.pay(card_payment(new_bill_no()))
            assert time.monotonic() - started < DEADLINE_S + SLACK_S
            patient.abort()
            assert isinstance(pending.exception(timeout=1), TransportError)
        client.close()


@pytest.fixture
def clean_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_the_deadline_holds_through_a_proxy_from_the_environment(
    clean_proxy_environment: pytest.MonkeyPatch,
) -> None:
    """The proxy's connections are watched too (requests' proxy managers): a proxy that
    trickles its answer to the CONNECT is cut off at the deadline, and since nothing of
    the payment went out, it is not sent rather than of unknown outcome."""
    with HostileServer(trickle_status_line) as slow_proxy:
        clean_proxy_environment.setenv("https_proxy", slow_proxy.url)
        client = make_client("https://beecloud.invalid")  # reached only through the proxy
        started = time.monotonic()
        with pytest.raises(TransportError, match="did not complete the connection in time"):
            client.pay(card_payment(new_bill_no()))
        assert time.monotonic() - started < DEADLINE_S + SLACK_S
        assert slow_proxy.requests[0].startswith(b"CONNECT beecloud.invalid:443 ")
        client.close()
