"""Real TCP peers on loopback for transport tests: a scripted HTTP server that
answers with fixed bytes (or never), a closed port, a connection-counting proxy,
and HTTP hosts in front of a sandbox that lose or hold the answers of POSTs.
No stand-in for the HTTP library here: the client talks to these over real sockets."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

import requests

REFUND_PATH = "/1/rest/international/refund"
PAY_PATH = "/1/rest/international/bill"
FORWARD_TIMEOUT_S = 10
HOLD_LIMIT_S = 30  # a held request is let go after this, whatever the test does
SHUTDOWN_POLL_S = 0.05  # how soon stop() ends the serving loop


def closed_port_url() -> str:
    """An address where nothing listens: the connection is refused."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _close_listener(sock: socket.socket) -> None:
    """Close a listening socket so that a thread blocked in accept() wakes up."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class HostRenamer:
    """Renames the host a client's requests name, as a reverse proxy in front of a
    sandbox does (nginx's default): `Host: 127.0.0.1:<own port>` (or the name it is
    reached by) becomes the target's,
    which the sandbox answers (it refuses a Host not its own). A header line split
    between two reads is held back until whole."""

    def __init__(self, own_port: int, target_port: int, own_name: str | None = None) -> None:
        own = own_name or f"127.0.0.1:{own_port}"  # own_name: a name it is reached by
        self.own = f"Host: {own}\r\n".encode()
        self.target = f"Host: 127.0.0.1:{target_port}\r\n".encode()
        self.held = b""

    def feed(self, data: bytes) -> bytes:
        """What may be passed on now."""
        data = (self.held + data).replace(self.own, self.target)
        self.held = b""
        for size in range(min(len(self.own) - 1, len(data)), 0, -1):
            if self.own.startswith(data[-size:]):
                self.held = data[-size:]
                return data[:-size]
        return data

    def flush(self) -> bytes:
        """What was held back, at the end of the stream."""
        held, self.held = self.held, b""
        return held


def http_reply(status: str, content_type: str, body: bytes) -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


class StoppedOnExit:
    """`with` support for the test peers here: leaving the block stops them."""

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class ScriptedServer(StoppedOnExit):
    """Answers every request with `reply`; with reply None it reads and never answers."""

    def __init__(self, reply: bytes | None) -> None:
        self.reply = reply
        self.requests: list[bytes] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._open: list[socket.socket] = []
        self._stopped = threading.Event()
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            self._open.append(conn)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            request = read_request(conn)
            if request:
                self.requests.append(request)
            if self.reply is not None:
                conn.sendall(self.reply)
                conn.close()
        except OSError:
            pass

    def stop(self) -> None:
        self._stopped.set()
        _close_listener(self._sock)
        for conn in self._open:
            conn.close()
        self._thread.join(timeout=5)


class TcpRelay(StoppedOnExit):
    """A listener on 127.0.0.1 that hands each connection to `_accepted` (on its accept
    thread) and relays bytes between two sockets (`_relay`); stop() closes the listener
    and every socket it was given (`_open`)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._open: list[socket.socket] = []
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            self._open.append(client)
            self._accepted(client)

    def _accepted(self, client: socket.socket) -> None:
        raise NotImplementedError

    @staticmethod
    def _relay(
        source: socket.socket,
        sink: socket.socket,
        change: Callable[[bytes], bytes] = lambda chunk: chunk,
        last: Callable[[], bytes] = lambda: b"",
    ) -> None:
        """source's bytes to sink, each chunk as `change` makes it, then `last()`'s; both
        ends shut down once either is done."""
        try:
            while chunk := source.recv(65536):
                sink.sendall(change(chunk))
            sink.sendall(last())
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        _close_listener(self._sock)
        for end in self._open:
            end.close()
        self._thread.join(timeout=5)


class CountingProxy(TcpRelay):
    """Forwards TCP to a target port and counts the connections clients opened; the
    requests it passes on name the target's host (HostRenamer)."""

    def __init__(self, target_port: int) -> None:
        self.connections = 0
        super().__init__(target_port)

    def _accepted(self, client: socket.socket) -> None:
        self.connections += 1
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        self._open.append(upstream)
        renamer = HostRenamer(self._sock.getsockname()[1], self.target_port)
        for args in ((client, upstream, renamer.feed, renamer.flush), (upstream, client)):
            threading.Thread(target=self._relay, args=args, daemon=True).start()


def answering_json(answer: Mapping[str, Any]) -> Callable[[BaseHTTPRequestHandler, bytes], None]:
    """A POST handler (ForwardingHost's on_post) that answers every request with this
    JSON, HTTP 200: a refusal of BeeCloud's, say, that the sandbox would not give."""
    body = json.dumps(answer).encode()

    def answer_with_it(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer_with_it


class ForwardingHost(StoppedOnExit):
    """An HTTP host that passes GETs on to `target` (or gives each to `on_get`, a
    handler) and gives each POST to `on_post` (a handler, the body): the base of the
    hosts that stand in front of a sandbox."""

    def __init__(
        self,
        target: str,
        on_post: Callable[[BaseHTTPRequestHandler, bytes], None],
        on_get: Callable[[BaseHTTPRequestHandler], None] | None = None,
    ) -> None:
        self.target = target
        get = on_get or self.forward_get

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                get(self)

            def do_POST(self) -> None:
                on_post(self, self.rfile.read(int(self.headers["Content-Length"])))

            def log_message(self, *args: object) -> None:
                pass

        self._server, self.url = serve_locally(Handler)

    def forward_get(self, handler: BaseHTTPRequestHandler, path: str | None = None) -> None:
        """Relay the GET (to `path`, else the one asked for) and its answer."""
        target = self.target + (handler.path if path is None else path)
        relay(handler, requests.get(target, timeout=FORWARD_TIMEOUT_S))

    def forward_post(self, handler: BaseHTTPRequestHandler, body: bytes) -> requests.Response:
        headers = {"Content-Type": "application/json"}
        return requests.post(
            self.target + handler.path, data=body, headers=headers, timeout=FORWARD_TIMEOUT_S
        )

    def relay_post(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        relay(handler, self.forward_post(handler, body))

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def serve_locally(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
    """An HTTP server on a free loopback port, serving on a thread of its own: it and its
    URL (stop it with shutdown() and server_close())."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(SHUTDOWN_POLL_S,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def relay(handler: BaseHTTPRequestHandler, answer: requests.Response) -> None:
    """Send an upstream answer back to the client, if it is still there."""
    try:
        handler.send_response(answer.status_code)
        handler.send_header("Content-Type", answer.headers.get("Content-Type", "text/plain"))
        handler.send_header("Content-Length", str(len(answer.content)))
        handler.end_headers()
        handler.wfile.write(answer.content)
    except OSError:
        handler.close_connection = True  # the client went away (e.g. it was killed)


class AnswerLosingHost(ForwardingHost):
    """A live host in front of the sandbox that loses the answers of POSTs.

    Queries (GET) pass through to the sandbox. A POST is read, kept, passed on to
    the sandbox when `deliver` (the refund is then made) and never answered:
    exactly "the request may have reached the server, the answer never came".
    """

    def __init__(self, target: str, deliver: bool) -> None:
        self.posts: list[bytes] = []
        self.deliver = deliver
        self._release = threading.Event()
        super().__init__(target, self._lose_answer)

    def _lose_answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        self.posts.append(body)
        if self.deliver:
            self.forward_post(handler, body)
        self._release.wait(HOLD_LIMIT_S)
        handler.close_connection = True

    def stop(self) -> None:
        self._release.set()
        super().stop()


class TunnellingProxy(TcpRelay):
    """An office's forward proxy: answers each CONNECT with 200 and then relays the
    connection's bytes both ways to a fixed port on 127.0.0.1, whatever host it named.
    Keeps every request head it was sent (`heads`) and every byte it relayed from the
    client after that (`relayed`: a tunnel's TLS, never readable)."""

    def __init__(self, target_port: int) -> None:
        self.heads: list[bytes] = []
        self.relayed = b""
        super().__init__(target_port)

    def _accepted(self, client: socket.socket) -> None:
        threading.Thread(target=self._tunnel, args=(client,), daemon=True).start()

    def _tunnel(self, client: socket.socket) -> None:
        try:
            head = read_request(client)
            self.heads.append(head)
            if not head.startswith(b"CONNECT "):
                client.sendall(http_reply("405 Method Not Allowed", "text/plain", b"CONNECT"))
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self._open.append(upstream)
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            threading.Thread(target=self._relay, args=(upstream, client), daemon=True).start()
            self._relay(client, upstream, self._kept)
        except OSError:
            pass

    def _kept(self, chunk: bytes) -> bytes:
        self.relayed += chunk
        return chunk


class HoldingProxy(ForwardingHost):
    """A slow path in front of the sandbox: it can hold a refund POST (or a payment's:
    `path`) in flight.

    Everything passes through to the sandbox and back, except a refund POST while
    `hold` is set: it is read and kept (`held` is set) until release(). Then it is
    passed on to the sandbox (the refund is made; the answer goes back if the client
    is still there), or, with `drop` set, the connection is closed and nothing
    reaches the sandbox. `passed` is set once the held POST is done with.
    """

    def __init__(self, target: str, hold: bool = True, path: str = REFUND_PATH) -> None:
        """`path`: the POST to hold (a payment's: PAY_PATH)."""
        self.hold = hold
        self.path = path
        self.drop = False
        self.refund_posts: list[bytes] = []  # every refund POST that reached the proxy
        self.forwarded: list[bytes] = []  # the refund POSTs passed on to the sandbox
        self.held = threading.Event()
        self.passed = threading.Event()
        self._release = threading.Event()
        super().__init__(target, self._pass_or_hold)

    def release(self, drop: bool = False) -> None:
        self.drop = drop
        self._release.set()

    def _pass_or_hold(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        is_refund = handler.path == self.path
        holding = is_refund and self.hold
        if is_refund:
            self.refund_posts.append(body)
        if holding:
            self.held.set()
            self._release.wait(HOLD_LIMIT_S)
            if self.drop:
                handler.close_connection = True
                self.passed.set()
                return
        answer = self.forward_post(handler, body)
        if is_refund:
            self.forwarded.append(body)
        if holding:
            self.passed.set()
        relay(handler, answer)

    def stop(self) -> None:
        self._release.set()
        super().stop()
