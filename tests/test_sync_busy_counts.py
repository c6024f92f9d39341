"""The history's sync (console/store/sync.py) against a sandbox whose counts are busy
(429, 503) or lie while its lists answer: the records are synced all the same, a busy
count is asked again a bounded number of times within a bounded wait, and what could
not be counted is said, never a count that was not given. Real HTTP over loopback."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from console.api import BeeCloudClient
from console.api.errors import ClientClosedError, HostFailure, TransportError
from console.api.reason_templates import RESTING, WAIT
from console.api.rests import patiently
from console.sandbox import SandboxServer
from console.sandbox.faults import Fault
from console.sandbox.seed import seed
from console.store.mirror import BILLS, REFUNDS, Mirror
from console.store.sync import BUSY_BACKOFF_S, COUNT_TRIES, PAGE_TRIES, SHORT_REST_S, sync
from tests.mirror_support import (
    assert_mirrors_server,
    make_client,
    many_paid_bills,
    pay_by_card,
)
from tests.net_support import ForwardingHost
from tests.sandbox_support import APP_ID


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[BeeCloudClient]:
    assert sandbox.store is not None
    seed(sandbox.store, APP_ID, 60)
    made = make_client(sandbox.base_url)
    yield made
    made.close()


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    made = Mirror.open(tmp_path / "profile.sqlite3", APP_ID)
    yield made
    made.close()


@pytest.mark.parametrize("kind", ["busy-429", "down-503"])
@pytest.mark.parametrize("endpoint", ["bills-count", "refunds-count"])
def test_counts_always_busy_leave_the_records_synced_and_say_what_was_not_counted(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, kind: str, endpoint: str
) -> None:
    sync(mirror, client)
    pay_by_card(client)
    sandbox.faults.set(endpoint, Fault(kind))
    started = time.monotonic()
    result = sync(mirror, client)
    took = time.monotonic() - started
    sandbox.faults.clear()
    assert result.bills is not None and result.refunds is not None and not result.cancelled
    assert_mirrors_server(mirror, client)
    busy = BILLS if endpoint == "bills-count" else REFUNDS
    assert busy in result.busy_counts, "said, not taken for a count that agreed"
    # the check's, the paid stretch's and the walk's counts, asked at once
    assert sandbox.faults.hits(endpoint) <= 3 * COUNT_TRIES, "asked again a few times only"
    assert took < 2 * COUNT_TRIES * BUSY_BACKOFF_S + 2


@pytest.mark.parametrize("endpoint", ["bills-count", "refunds-count"])
def test_a_count_busy_once_is_asked_again_and_used(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, endpoint: str
) -> None:
    sync(mirror, client)
    sandbox.faults.set(endpoint, Fault("busy-429", count=1))
    result = sync(mirror, client)
    assert sandbox.faults.hits(endpoint) == 1
    assert result.busy_counts == () and result.counted
    assert result.bills is not None and result.refunds is not None
    assert_mirrors_server(mirror, client)


def test_a_first_sync_whose_counts_are_busy_has_every_record(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    sandbox.faults.set("bills-count", Fault("down-503"))
    sandbox.faults.set("refunds-count", Fault("busy-429"))
    result = sync(mirror, client)
    sandbox.faults.clear()
    assert result.busy_counts == (BILLS, REFUNDS)
    assert_mirrors_server(mirror, client)


# -- a host that asked to wait: the walks wait out a short rest, stop at a long one ----


@pytest.mark.parametrize("first", [True, False])
def test_a_count_that_asks_to_wait_a_second_has_the_sync_wait_it_out(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, first: bool
) -> None:
    """A count answered 503 with Retry-After: 1 rested the host, and the list pages on
    their way beside it were refused ('not tried: it asked to wait 1 s more'): the whole
    sync failed. The pages and the count now wait the second out and are asked again."""
    if not first:
        sync(mirror, client)
    many_paid_bills(sandbox, 400)
    sandbox.faults.set("bills-count", Fault("down-503", 1, count=1))
    started = time.monotonic()
    result = sync(mirror, client)
    took = time.monotonic() - started
    assert sandbox.faults.hits("bills-count") == 1
    assert result.bills is not None and result.refunds is not None
    assert result.busy_counts == () and result.counted, "the count asked again after the rest"
    assert_mirrors_server(mirror, client)
    assert took < SHORT_REST_S + 3


def test_a_list_page_that_asks_to_wait_a_second_mid_walk_is_waited_for(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A 429 with Retry-After: 1 on a page of a cold walk with several pages on their way:
    that page, and those the rest refused, are asked again after it."""
    many_paid_bills(sandbox, 600)
    sandbox.faults.set("bills-count", Fault("latency", 1))  # the counts answer
    # slow pages: when the first is in, later ones are still to be asked (a fast sandbox
    # could have answered them all before the fault below is set)
    sandbox.faults.set("bills", Fault("latency", 100))
    set_once: list[int] = []

    def progress(kind: str, done: int, total: int | None) -> None:
        if kind == BILLS and done and not set_once:
            set_once.append(sandbox.faults.hits("bills"))  # the slow pages' so far
            sandbox.faults.set("bills", Fault("busy-429", 1, count=1))

    result = sync(mirror, client, progress=progress)
    assert set_once and sandbox.faults.hits("bills") == set_once[0] + 1
    assert result.bills is not None and result.refunds is not None
    assert_mirrors_server(mirror, client)


@pytest.mark.parametrize("endpoint", ["bills-count", "bills"])
def test_a_long_rest_stops_the_sync_at_once_and_says_how_long(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, endpoint: str
) -> None:
    many_paid_bills(sandbox, 400)
    sandbox.faults.set(endpoint, Fault("busy-429", 120, count=1))
    started = time.monotonic()
    with pytest.raises(TransportError) as raised:
        sync(mirror, client)
    assert time.monotonic() - started < 2
    assert raised.value.busy_s is not None and 100 < raised.value.busy_s <= 120
    assert not isinstance(raised.value, ClientClosedError)


def test_a_rest_waited_out_ends_at_once_when_the_client_is_aborted(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    many_paid_bills(sandbox, 400)
    sandbox.faults.set("bills-count", Fault("down-503", 2, count=1))
    threading.Timer(0.5, client.abort).start()
    started = time.monotonic()
    with pytest.raises(ClientClosedError):
        sync(mirror, client)
    assert time.monotonic() - started < 1.5


def _http_date(seconds_ahead: int) -> str:
    return formatdate(time.time() + seconds_ahead, usegmt=True)


@pytest.mark.parametrize(
    "retry_after",
    [_http_date(2), "soon", "-5", "0", "1e3", str(10**12), "Wed, 21 Oct 2015 07:28:00 GMT"],
)
def test_a_count_busy_once_with_any_retry_after_leaves_the_sync_whole(
    sandbox: SandboxServer, mirror: Mirror, retry_after: str
) -> None:
    """A Retry-After as an HTTP date (2 s ahead) is a short rest, waited out; one that is
    no time to believe (garbage, negative, past, beyond a day) is a busy host that named
    no time: asked again after a short back-off. Either way every record is synced and
    the count is used."""
    many_paid_bills(sandbox, 300)
    answered: list[str] = []

    def on_get(handler: BaseHTTPRequestHandler) -> None:
        if handler.path.startswith("/2/rest/bills/count") and not answered:
            answered.append(handler.path)
            handler.send_response(429)
            handler.send_header("Retry-After", retry_after)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        host.forward_get(handler)

    with ForwardingHost(sandbox.base_url, lambda handler, body: None, on_get) as host:
        client = make_client(host.url)
        started = time.monotonic()
        result = sync(mirror, client)
        took = time.monotonic() - started
        client.close()
    assert answered
    assert result.busy_counts == () and result.counted
    assert_mirrors_server(mirror, make_client(sandbox.base_url))
    assert took < SHORT_REST_S + 3


# -- a rest asked by another call: waited out, not a try of the call that meets it -----


def _resting(seconds: int) -> TransportError:
    """What the client raises, sending nothing, while its host rests on another call's
    429: not tried, it asked to wait `seconds` more."""
    host = "https://a.example"
    return TransportError(
        [HostFailure(host, RESTING.format(seconds=seconds), False, False, "", seconds)]
    )


def _calls(failures: list[TransportError]) -> Callable[[], str]:
    def call() -> str:
        if failures:
            raise failures.pop(0)
        return "listed"

    return call


def test_a_page_waits_out_rests_that_the_counts_beside_it_keep_asking_for(monkeypatch) -> None:
    """Seen syncing against a server whose counts answer 429 with Retry-After: 1: the
    counts beside the walk (each asked again COUNT_TRIES times) kept the host resting,
    one after the other, and a page that met those rests three times, sending nothing,
    had used its PAGE_TRIES: the sync failed ('not tried: it asked to wait 1 s more'),
    where a busy count must leave the records synced. A try refused before anything
    was sent is not one of the page's tries; the waits are still bounded."""
    waited: list[float] = []
    monkeypatch.setattr("console.api.rests.pause", lambda seconds, stopped: waited.append(seconds))
    call = _calls([_resting(1) for _ in range(PAGE_TRIES + 1)])
    listed = patiently(
        call, lambda: False, longest_s=SHORT_REST_S, tries=PAGE_TRIES, backoff_s=0.25
    )
    assert listed == "listed"
    assert waited == [1] * (PAGE_TRIES + 1), "each rest waited out, and no longer"


def test_rests_asked_without_end_by_other_calls_are_waited_for_a_bounded_time(
    monkeypatch,
) -> None:
    waited: list[float] = []
    monkeypatch.setattr("console.api.rests.pause", lambda seconds, stopped: waited.append(seconds))
    call = _calls([_resting(1) for _ in range(100)])
    with pytest.raises(TransportError):
        patiently(call, lambda: False, longest_s=SHORT_REST_S, tries=PAGE_TRIES, backoff_s=0.25)
    assert sum(waited) <= PAGE_TRIES * SHORT_REST_S


def test_a_host_that_answers_busy_itself_is_still_asked_only_so_many_times(monkeypatch) -> None:
    waited: list[float] = []
    monkeypatch.setattr("console.api.rests.pause", lambda seconds, stopped: waited.append(seconds))
    busy = HostFailure("https://a.example", WAIT.format(status=429, seconds=1), True, True, "", 1)
    call = _calls([TransportError([busy]) for _ in range(PAGE_TRIES)])
    with pytest.raises(TransportError):
        patiently(call, lambda: False, longest_s=SHORT_REST_S, tries=PAGE_TRIES, backoff_s=0.25)
    assert len(waited) == PAGE_TRIES - 1
