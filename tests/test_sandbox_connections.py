"""Idle and trickling connections cannot lock other clients out of the sandbox.

Every connection here is a real loopback socket to a running SandboxServer.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests

from console.sandbox import SandboxServer
from console.sandbox.connections import CONNECTION_LIMIT, FD_HEADROOM, ConnectionPolicy
from console.sandbox.faults import Fault
from console.sandbox.seed import seed
from tests.connection_support import (
    ENDLESS_REQUEST_HEAD,
    Trickle,
    close_all,
    closed_by_server,
    idle_keep_alive,
    open_descriptors,
    open_sockets,
    still_open,
    wait_until,
)
from tests.sandbox_support import APP_ID, APPS, BILLS, paid_bill, refund, signed

ANSWER_WITHIN_S = 1.0
SETUP_TIMEOUT_S = 5.0
TICK_S = 0.2


def timed_query(sandbox: SandboxServer) -> float:
    """One signed bill query on a new connection; how long its answer took."""
    started = time.monotonic()
    response = requests.get(
        sandbox.base_url + BILLS,
        params={"para": json.dumps(signed({}))},
        timeout=ANSWER_WITHIN_S,
    )
    took = time.monotonic() - started
    assert response.status_code == 200 and response.json()["result_code"] == 0
    return took


def test_200_idle_and_200_trickling_connections_do_not_lock_a_new_client_out(
    sandbox: SandboxServer,
) -> None:
    sockets_before = open_sockets()
    idle = idle_keep_alive(sandbox.port, 200, SETUP_TIMEOUT_S)
    try:
        with Trickle(sandbox.port, 200, TICK_S):
            took = [timed_query(sandbox) for _ in range(20)]
    finally:
        close_all(idle)
    assert max(took) < ANSWER_WITHIN_S, took
    # every connection closed by the clients is closed by the server too: no descriptor kept
    assert wait_until(lambda: open_sockets() <= sockets_before, SETUP_TIMEOUT_S), (
        open_sockets(),
        sockets_before,
    )


# -- timeouts ----------------------------------------------------------------------

SHORT = ConnectionPolicy(keep_alive_timeout_s=1.0, request_timeout_s=1.0)
LATE_S = 3.0  # the server checks its connections once a second: a timeout acts within 2 s


@pytest.fixture
def short_timeouts(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path / "sandbox.sqlite3", APPS, connections=SHORT) as server:
        yield server


def test_an_idle_keep_alive_connection_is_closed(short_timeouts: SandboxServer) -> None:
    [connection] = idle_keep_alive(short_timeouts.port, 1, SETUP_TIMEOUT_S)
    try:
        assert connection.sock is not None
        sock = connection.sock
        started = time.monotonic()
        assert wait_until(lambda: closed_by_server(sock), SHORT.keep_alive_timeout_s + LATE_S)
        assert time.monotonic() - started >= SHORT.keep_alive_timeout_s - 0.1
    finally:
        connection.close()
    assert wait_until(lambda: short_timeouts.open_connections == 0, LATE_S)


def test_blank_lines_do_not_keep_a_connection_open(short_timeouts: SandboxServer) -> None:
    """A blank line makes no request (RFC 9112 lets a server ignore it): not activity."""
    with socket.create_connection(("127.0.0.1", short_timeouts.port)) as sock:
        deadline = time.monotonic() + SHORT.keep_alive_timeout_s + LATE_S
        closed = False
        while not closed and time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                sock.sendall(b"\r\n\r\n")
            closed = wait_until(lambda: closed_by_server(sock), TICK_S)
        assert closed


def test_a_connection_that_reads_none_of_its_answers_is_closed(
    short_timeouts: SandboxServer,
) -> None:
    """Pipelined queries whose answers (10 MB) the client never reads: once nothing
    more can be sent for the idle timeout, the connection is closed, even with
    answers pending and a 408 (for the request cut short in its buffer) unsent."""
    assert short_timeouts.store is not None
    seed(short_timeouts.store, APP_ID, 60)
    para = quote(json.dumps(signed({"limit": 50})))  # answers of about 9 KB each
    request = f"GET {BILLS}?para={para} HTTP/1.1\r\nHost: 127.0.0.1:{short_timeouts.port}\r\n\r\n"
    pipelined = request.encode() * 60
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", short_timeouts.port))
        sock.setblocking(False)
        with contextlib.suppress(BlockingIOError):  # what the buffers take is enough
            while pipelined:
                pipelined = pipelined[sock.send(pipelined) :]
        assert wait_until(lambda: short_timeouts.open_connections == 1, LATE_S)
        assert wait_until(
            lambda: short_timeouts.open_connections == 0,
            SHORT.keep_alive_timeout_s + SHORT.request_timeout_s + LATE_S,
        )


def test_a_trickled_request_is_timed_out_as_a_whole(short_timeouts: SandboxServer) -> None:
    """A byte every tick, never a whole request: answered 408 and closed, although
    no gap between bytes comes near the timeout."""
    with socket.create_connection(("127.0.0.1", short_timeouts.port)) as sock:
        started = time.monotonic()
        received = b""
        for byte in (ENDLESS_REQUEST_HEAD + b"a" * 1000)[:200]:
            try:
                sock.sendall(bytes([byte]))
            except OSError:  # closed after the answer
                break
            readable, _, _ = select.select([sock], [], [], 0.05)
            if readable:
                received = sock.recv(65536)
                break
        took = time.monotonic() - started
        assert SHORT.request_timeout_s - 0.1 <= took < SHORT.request_timeout_s + LATE_S
        head, _, body = received.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408 ")
        assert b"Content-Type: application/json" in head
        assert json.loads(body)["error"] == "REQUEST_TIMEOUT"
        assert wait_until(lambda: closed_by_server(sock), LATE_S)


def test_a_request_sent_in_pieces_within_the_timeout_is_served(
    short_timeouts: SandboxServer,
) -> None:
    para = json.dumps(signed({}))
    request = (
        f"GET {BILLS}?para={quote(para)} HTTP/1.1\r\nHost: 127.0.0.1:{short_timeouts.port}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", short_timeouts.port), timeout=5) as sock:
        half = len(request) // 2
        sock.sendall(request[:half])
        time.sleep(SHORT.request_timeout_s / 2)  # the pause under test, not a wait for an event
        sock.sendall(request[half:])
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    assert json.loads(body)["result_code"] == 0


# -- a crowd near the limit ---------------------------------------------------------

SMALL = ConnectionPolicy(limit=20)  # crowded from 18 connections on


@pytest.fixture
def small_limit(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(tmp_path / "sandbox.sqlite3", APPS, connections=SMALL) as server:
        yield server


def test_when_crowded_the_longest_idle_connections_make_room(small_limit: SandboxServer) -> None:
    connections: list[http.client.HTTPConnection] = []
    try:
        for _ in range(30):  # one at a time: each is idle longer than the next
            connections += idle_keep_alive(small_limit.port, 1, SETUP_TIMEOUT_S)
        assert timed_query(small_limit) < ANSWER_WITHIN_S
        sockets = [connection.sock for connection in connections]
        assert all(wait_until(partial(closed_by_server, s), LATE_S) for s in sockets[:10])
        assert all(still_open(sock) for sock in sockets[-10:])
        assert small_limit.open_connections <= SMALL.limit
    finally:
        close_all(connections)


def test_trickling_connections_make_room_too(small_limit: SandboxServer) -> None:
    with Trickle(small_limit.port, 40, TICK_S) as trickle:
        took = [timed_query(small_limit) for _ in range(5)]
        assert small_limit.open_connections <= SMALL.limit
        assert wait_until(lambda: closed_by_server(trickle.sockets[0]), LATE_S)
    assert max(took) < ANSWER_WITHIN_S, took


def test_a_connection_being_served_is_never_closed_for_room(small_limit: SandboxServer) -> None:
    """A refund held by the server (a latency fault) still gets its answer while a
    crowd comes and goes."""
    bill_no = paid_bill(small_limit)
    small_limit.faults.set("refund", Fault("latency", ms=1500, count=1))
    answers: list[dict[str, Any]] = []
    held = threading.Thread(target=lambda: answers.append(refund(small_limit, bill_no, 100)))
    held.start()
    try:
        assert small_limit.faults.wait_for_hits("refund", 1, SETUP_TIMEOUT_S)
        with Trickle(small_limit.port, 40, TICK_S):
            assert timed_query(small_limit) < ANSWER_WITHIN_S
    finally:
        held.join()
    assert [answer["result_code"] for answer in answers] == [0]


LEAST = ConnectionPolicy(limit=10)  # the fewest connections a sandbox serves


SMALL_SEND_BUFFER = 4096  # bytes (Linux doubles it): answers of 9 KB overflow it


@pytest.fixture
def least_limit(tmp_path: Path) -> Iterator[SandboxServer]:
    """Serving 60 bills, on a socket whose connections buffer little of an answer (they
    take the listening socket's SO_SNDBUF, which also stops its growing)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SMALL_SEND_BUFFER)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    with SandboxServer(
        tmp_path / "sandbox.sqlite3", APPS, connections=LEAST, sock=listener
    ) as server:
        assert server.store is not None
        seed(server.store, APP_ID, 60)
        yield server


def unread_answers(port: int) -> socket.socket:
    """A connection that asks for more than the sockets' buffers hold (8 pages of 50
    bills, about 9 KB each) and reads none of it."""
    para = quote(json.dumps(signed({"limit": 50})))
    request = f"GET {BILLS}?para={para} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
    pipelined = request.encode() * 8
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    sock.connect(("127.0.0.1", port))
    sock.setblocking(False)
    with contextlib.suppress(BlockingIOError):  # what the buffers take is enough
        while pipelined:
            pipelined = pipelined[sock.send(pipelined) :]
    return sock


def test_connections_that_read_none_of_their_answers_do_not_lock_a_new_client_out(
    least_limit: SandboxServer,
) -> None:
    """Every connection the sandbox serves holding an answer its client does not read:
    new clients waited in the listen backlog until the idle timeout (30 s) closed one."""
    stalled = [unread_answers(least_limit.port) for _ in range(LEAST.limit)]
    try:
        # one caught between two of its answers (nothing being served or sent) makes room
        for _ in range(LEAST.limit):
            if wait_until(lambda: least_limit.open_connections == LEAST.limit, TICK_S):
                break
            stalled.append(unread_answers(least_limit.port))
        assert least_limit.open_connections == LEAST.limit
        started = time.monotonic()
        response = requests.get(
            least_limit.base_url + BILLS, params={"para": json.dumps(signed({}))}, timeout=LATE_S
        )
        assert response.json()["result_code"] == 0
        assert time.monotonic() - started < LATE_S
        assert least_limit.open_connections <= LEAST.limit
    finally:
        close_all(stalled)


# -- file descriptors ---------------------------------------------------------------


@contextmanager
def soft_file_limit(soft: int) -> Iterator[None]:
    """This process's soft limit of open files set to `soft` (at most the hard one) for
    a while; restored after."""
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, before[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, before)


def test_the_soft_limit_of_open_files_is_raised_to_fit_the_connections(tmp_path: Path) -> None:
    needed = CONNECTION_LIMIT + FD_HEADROOM
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard < needed:
        pytest.skip(f"the hard limit of open files ({hard}) is below {needed}")
    with soft_file_limit(256), SandboxServer(tmp_path / "db.sqlite3", APPS) as server:
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == needed
        assert server.connection_limit == CONNECTION_LIMIT


def test_a_hard_limit_too_low_lowers_the_connection_limit(tmp_path: Path) -> None:
    script = (
        "import resource, sys\n"
        "from console.sandbox import SandboxServer\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (400, 400))\n"
        "with SandboxServer(sys.argv[1], {'a': 's'}) as server:\n"
        "    print(server.connection_limit)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "db.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == 400 - FD_HEADROOM
    assert "serves at most 144 connections" in done.stderr


def test_descriptors_above_1023_are_served(tmp_path: Path) -> None:
    """select() cannot watch them; the server polls."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard < 2048:
        pytest.skip(f"the hard limit of open files ({hard}) is below 2048")
    with soft_file_limit(2048):
        filler: list[int] = []
        try:
            while not filler or filler[-1] < 1100:
                filler.append(os.open(os.devnull, os.O_RDONLY))
            with SandboxServer(tmp_path / "db.sqlite3", APPS) as server:
                assert timed_query(server) < ANSWER_WITHIN_S
        finally:
            for descriptor in filler:
                os.close(descriptor)


def test_a_failed_start_keeps_no_descriptor_or_thread(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    descriptors, threads = open_descriptors(), threading.active_count()
    for _ in range(3):
        with pytest.raises(OSError):
            SandboxServer(tmp_path / "other.sqlite3", APPS, port=sandbox.port).start()
    assert open_descriptors() == descriptors
    assert wait_until(lambda: threading.active_count() == threads, LATE_S)


@pytest.mark.parametrize(
    "changes",
    [{"limit": 9}, {"keep_alive_timeout_s": 0}, {"request_timeout_s": -1}],
    ids=repr,
)
def test_a_policy_out_of_range_is_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        ConnectionPolicy(**changes)
