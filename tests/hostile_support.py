"""Hostile and broken HTTP peers on loopback: each connection is handed to a script
that answers however it likes (a redirect, a trickle of one byte at a time, an
endless body), over real sockets. The server counts what it accepted, received
and managed to send, so that a test can tell what the client did.

A script paces itself with `server.pause()` (an event wait, ended at once by
stop()) and gives up after GIVE_UP_S, so that a client that does not protect
itself fails its test instead of hanging it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable

from tests.net_support import StoppedOnExit, read_request

TICK_S = 0.1  # a trickle's pace: well inside the tests' read timeout
GIVE_UP_S = 5.0  # a script stops after this, whatever the client does
CHUNK = 64 * 1024
MB = 1024 * 1024

Script = Callable[["HostileServer", socket.socket], None]


class HostileServer(StoppedOnExit):
    """Accepts connections on 127.0.0.1 and runs `script(server, conn)` for each.

    Scripts usually begin with `server.take_request(conn)`, which reads one HTTP
    request and records it; a TLS script reads the ClientHello raw instead.
    """

    def __init__(self, script: Script) -> None:
        self.script = script
        self.requests: list[bytes] = []
        self.connections = 0
        self.sent = 0  # bytes the scripts managed to hand to the kernel
        self._lock = threading.Condition()
        self._stopped = threading.Event()
        self._open: list[socket.socket] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._serve, name="hostile-server", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._open.append(conn)
                self._lock.notify_all()
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        try:
            self.script(self, conn)
        except OSError:
            pass  # the client hung up: that is what most tests want
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    # -- what scripts use -------------------------------------------------------------

    def take_request(self, conn: socket.socket) -> bytes:
        return self.record(read_request(conn))

    def record(self, request: bytes) -> bytes:
        with self._lock:
            self.requests.append(request)
            self._lock.notify_all()
        return request

    def send(self, conn: socket.socket, data: bytes) -> None:
        conn.sendall(data)
        with self._lock:
            self.sent += len(data)

    def pause(self, seconds: float = TICK_S) -> bool:
        """Wait a moment; False once the server is stopping."""
        return not self._stopped.wait(seconds)

    def trickle(self, conn: socket.socket, byte: bytes = b"a") -> None:
        """One byte per TICK_S until the client hangs up, the server stops or GIVE_UP_S."""
        until = time.monotonic() + GIVE_UP_S
        while time.monotonic() < until and self.pause():
            self.send(conn, byte)

    # -- what tests use -------------------------------------------------------------

    def wait_for_requests(self, count: int, timeout: float = GIVE_UP_S) -> bool:
        with self._lock:
            return self._lock.wait_for(lambda: len(self.requests) >= count, timeout)

    def stop(self) -> None:
        self._stopped.set()
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()
        with self._lock:
            open_connections = list(self._open)
        for conn in open_connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        self._thread.join(timeout=5)


def head(status: str, *headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", *headers, "", ""]
    return "\r\n".join(lines).encode()


def json_reply(
    body: bytes, status: str = "200 OK", kind: str = "application/json", *headers: str
) -> bytes:
    """An answer, after which the server hangs up (it says so: the client does not
    send its next request on this connection)."""
    framing = [f"Content-Type: {kind}", f"Content-Length: {len(body)}", "Connection: close"]
    return head(status, *framing, *headers) + body


# -- scripts ----------------------------------------------------------------------------


def answer_with(reply: bytes) -> Script:
    """Read the request, answer `reply`, hang up."""

    def script(server: HostileServer, conn: socket.socket) -> None:
        server.take_request(conn)
        server.send(conn, reply)

    return script


def redirect_to(status: int, location: str) -> Script:
    return answer_with(head(f"{status} Elsewhere", f"Location: {location}", "Content-Length: 0"))


def never_answer(server: HostileServer, conn: socket.socket) -> None:
    """Read the request and hold the connection open until the server stops."""
    server.take_request(conn)
    server.pause(GIVE_UP_S)


def trickle_status_line(server: HostileServer, conn: socket.socket) -> None:
    server.take_request(conn)
    server.send(conn, b"HTTP/1.1 200 ")
    server.trickle(conn, b"O")  # a reason phrase that never ends


def trickle_headers(server: HostileServer, conn: socket.socket) -> None:
    server.take_request(conn)
    server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: ")
    server.trickle(conn)


def trickle_body(server: HostileServer, conn: socket.socket) -> None:
    server.take_request(conn)
    server.send(conn, head("200 OK", "Content-Type: application/json", "Content-Length: 100000"))
    server.send(conn, b'{"result_code": 0, "padding": "')
    server.trickle(conn)


def trickle_body_until_close(server: HostileServer, conn: socket.socket) -> None:
    """No length: the body runs until the connection closes (urllib3 closes its side of
    the connection as soon as the headers are in, and reads on)."""
    server.take_request(conn)
    server.send(conn, head("200 OK", "Content-Type: application/json", "Connection: close"))
    server.send(conn, b'{"result_code": 0, "padding": "')
    server.trickle(conn)


def trickle_tls_handshake(server: HostileServer, conn: socket.socket) -> None:
    """Take the ClientHello, then send a TLS record header announcing 16 KB and its
    body one byte at a time: every read gets something, the handshake never ends."""
    server.record(conn.recv(65536))
    server.send(conn, b"\x16\x03\x03\x40\x00")
    server.trickle(conn, b"\x00")


def endless_body(size: int, framing: str) -> Script:
    """An answer of `size` bytes of JSON-ish padding, made on the fly, framed as
    'length' (a true Content-Length), 'none' (no length: until the connection
    closes), 'chunked', 'invalid' (a Content-Length that is no number, so the
    body runs until the connection closes) or 'understated' (Content-Length: 100
    in front of the whole body)."""
    headers = {
        "length": [f"Content-Length: {size}"],
        "none": ["Connection: close"],
        "chunked": ["Transfer-Encoding: chunked"],
        "invalid": ["Content-Length: plenty", "Connection: close"],
        "understated": ["Content-Length: 100"],
    }[framing]

    def script(server: HostileServer, conn: socket.socket) -> None:
        server.take_request(conn)
        server.send(conn, head("200 OK", "Content-Type: application/json", *headers))
        block = b'{"result_code": 0, "x": "' + b"x" * (CHUNK - 26)
        left = size
        until = time.monotonic() + GIVE_UP_S
        while left > 0 and time.monotonic() < until:
            data = block[: min(CHUNK, left)]
            left -= len(data)
            if framing == "chunked":
                data = b"%x\r\n%s\r\n" % (len(data), data)
            server.send(conn, data)
        if framing == "chunked":
            server.send(conn, b"0\r\n\r\n")

    return script
