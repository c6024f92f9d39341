"""A size limit on answers: a page of 50 bills is about 20 KB, so an answer larger
than MAX_ANSWER_BYTES is refused, by its Content-Length or by counting as it comes
(no length, chunked, a length that is no number), and the client never holds more
than the limit and a chunk of it. A payment or refund so answered is an unknown
outcome; a query fails over. Real loopback servers making 50 MB on the fly."""

from __future__ import annotations

import functools
import socket
import threading
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from console.api import (
    BadAnswerError,
    BeeCloudClient,
    BillQuery,
    Money,
    OutcomeUnknownError,
    RefundRequest,
    TransportError,
)
from console.api.deadlines import call_deadline_s
from console.api.ids import new_bill_no, new_refund_no
from console.api.transport import MAX_ANSWER_BYTES
from console.sandbox import SandboxServer
from tests.hostile_support import MB, HostileServer, endless_body, head
from tests.sandbox_support import APP_ID, APP_SECRET

HUGE = 50 * MB
FRAMINGS = ["length", "none", "chunked", "invalid"]
HELD_AT_MOST = MAX_ANSWER_BYTES + 2 * MB  # the limit, a chunk, and the client's own objects


def make_client(*hosts: str) -> BeeCloudClient:
    return BeeCloudClient(
        APP_ID, APP_SECRET, hosts, shuffle=False, connect_timeout=2.0, read_timeout=5.0
    )


def peak_memory(call: Callable[[], object]) -> int:
    """The most memory Python held at once (every thread) while `call` ran."""
    tracemalloc.start()
    try:
        call()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def refund() -> RefundRequest:
    return RefundRequest(new_bill_no(), new_refund_no(), Money(100, "USD"))


def test_the_limit_is_a_few_megabytes() -> None:
    assert 1 * MB <= MAX_ANSWER_BYTES <= 8 * MB


@pytest.mark.parametrize("framing", FRAMINGS)
def test_a_refund_answered_with_50_mb_is_outcome_unknown_and_not_read(framing: str) -> None:
    with HostileServer(endless_body(HUGE, framing)) as server:
        client = make_client(server.url)
        caught: list[OutcomeUnknownError] = []

        def call() -> None:
            with pytest.raises(OutcomeUnknownError) as raised:
                client.refund(refund())
            caught.append(raised.value)

        assert peak_memory(call) < HELD_AT_MOST
        limit_mb = MAX_ANSWER_BYTES // MB
        assert caught[0].reason == f"answered with more than {limit_mb} MB, which was not read"
        assert server.sent < HUGE  # the client hung up long before the end
        client.close()


@pytest.mark.parametrize("framing", FRAMINGS)
def test_a_query_answered_with_50_mb_fails_over(sandbox: SandboxServer, framing: str) -> None:
    with HostileServer(endless_body(HUGE, framing)) as server:
        client = make_client(server.url, sandbox.base_url)
        assert peak_memory(lambda: client.query_bills(BillQuery())) < HELD_AT_MOST
        assert client.hosts[0] == sandbox.base_url
        assert server.sent < HUGE
        client.close()


def test_a_query_no_host_answers_small_enough_says_so() -> None:
    with HostileServer(endless_body(HUGE, "chunked")) as server:
        client = make_client(server.url)
        with pytest.raises(TransportError, match=r"answered with more than \d+ MB"):
            client.query_bills(BillQuery())
        client.close()


def test_an_answer_just_under_the_limit_is_read_whole() -> None:
    """Under the limit the answer is read and judged as usual (here: not JSON)."""
    with HostileServer(endless_body(MAX_ANSWER_BYTES - 1000, "chunked")) as server:
        client = make_client(server.url)
        with pytest.raises(BadAnswerError):
            client.query_bills(BillQuery())
        client.close()


def test_an_understated_length_reads_no_further_than_it_says() -> None:
    """Content-Length: 100 in front of 50 MB: 100 bytes are read, the rest never is."""
    with HostileServer(endless_body(HUGE, "understated")) as server:
        client = make_client(server.url)

        def call() -> None:
            with pytest.raises(BadAnswerError):
                client.query_bills(BillQuery())

        assert peak_memory(call) < 2 * MB
        client.close()


@functools.cache
def compressed_bomb(encoding: str) -> bytes:
    """A JSON answer of 256 MB of spaces, compressed (gzip or deflate) to some 260 KB."""
    squeezer = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
    parts = [squeezer.compress(b'{"result_code": 0, "bills": [], "x": "')]
    parts += [squeezer.compress(b" " * MB) for _ in range(256)]
    return b"".join([*parts, squeezer.flush()])


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_compressed_answer_is_refused_by_what_it_unpacks_to(encoding: str) -> None:
    """A decompression bomb: a small answer (Content-Encoding: gzip or deflate, which the
    client accepts) that unpacks to 256 MB is refused once what it unpacked to passes the
    limit, and never held whole (urllib3 before 2.6 unpacked a read's bytes at once)."""
    body = compressed_bomb(encoding)
    assert len(body) < MAX_ANSWER_BYTES // 4

    def script(server: HostileServer, conn: socket.socket) -> None:
        server.take_request(conn)
        server.send(
            conn,
            head(
                "200 OK",
                "Content-Type: application/json",
                f"Content-Encoding: {encoding}",
                f"Content-Length: {len(body)}",
            )
            + body,
        )

    with HostileServer(script) as server:
        client = make_client(server.url)

        def call() -> None:
            with pytest.raises(TransportError, match=r"answered with more than \d+ MB"):
                client.query_bills(BillQuery())

        assert peak_memory(call) < HELD_AT_MOST
        client.close()


def chunked_deflate_with_bytes_after_its_end(server: HostileServer, conn: socket.socket) -> None:
    """A deflate answer, chunked, that unpacks to more than a read's chunk (100 KB of
    JSON) and holds bytes after the end of its stream."""
    server.take_request(conn)
    squeezer = zlib.compressobj(9, zlib.DEFLATED, 15)
    answer = b'{"result_code": 0, "bills": [], "x": "' + b" " * 100_000 + b'"}'
    body = squeezer.compress(answer) + squeezer.flush() + b"after the end"
    server.send(
        conn,
        head(
            "200 OK",
            "Content-Type: application/json",
            "Content-Encoding: deflate",
            "Transfer-Encoding: chunked",
        )
        + b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body),
    )


def test_a_chunked_deflate_answer_with_bytes_after_its_end_ends_the_call() -> None:
    """urllib3 2.6.2 to 2.7.x decoded those trailing bytes again and again, never
    reading the network again (measured here; 2.6.0 and 2.6.1 end it): the call spun
    for good, past its deadline (the watchdog wakes a read, and there was none), and
    with it the one worker every job waits for. The call ends, whatever it makes of
    the answer."""
    with HostileServer(chunked_deflate_with_bytes_after_its_end) as server:
        client = make_client(server.url)
        ended: list[object] = []

        def call() -> None:
            try:
                ended.append(client.query_bills(BillQuery()))
            except (TransportError, BadAnswerError) as error:
                ended.append(error)

        caller = threading.Thread(target=call, daemon=True)  # left to spin if it does
        caller.start()
        caller.join(call_deadline_s(2.0, 5.0) + 5)  # make_client's timeouts, and slack
        assert ended, "the call never ended"
        client.close()
