"""Crowds of raw connections for the sandbox's connection tests: keep-alive
connections left idle after one answer, and connections that send a request one
byte at a time and never finish it. Every socket here is a real loopback one."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import threading
import time
from collections.abc import Callable

# A request that never ends: its header grows one byte at a time.
ENDLESS_REQUEST_HEAD = b"GET /1/rest/bills HTTP/1.1\r\nHost: sandbox\r\nX-Padding: "
POLL_S = 0.02


def open_descriptors() -> int:
    """How many file descriptors this process holds (Linux)."""
    return len(os.listdir("/proc/self/fd"))


def open_sockets() -> int:
    """How many of them are sockets (not SQLite's files, which each worker thread opens
    on its first request)."""
    count = 0
    for name in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the listing's own descriptor is gone
            count += os.readlink(f"/proc/self/fd/{name}").startswith("socket:")
    return count


def wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    """Poll until the condition holds; whether it did within the time."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(POLL_S)
    return condition()


def idle_keep_alive(port: int, count: int, timeout_s: float) -> list[http.client.HTTPConnection]:
    """`count` connections that each had one request answered and stay open (HTTP/1.1
    keep-alive). The requests are all sent first, then the answers read."""
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s)]
    connections += [
        http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s) for _ in range(count - 1)
    ]
    try:
        for connection in connections:
            connection.request("GET", "/1/rest/bills")  # no para: answered 4 at once
        for connection in connections:
            response = connection.getresponse()
            response.read()
            assert response.status == 200 and not response.will_close
    except BaseException:
        close_all(connections)
        raise
    return connections


def close_all(connections: list[http.client.HTTPConnection] | list[socket.socket]) -> None:
    for connection in connections:
        with contextlib.suppress(OSError):
            connection.close()


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server has closed the connection (reads end of file or a reset);
    anything it sent first (say an error answer) is read and dropped."""
    sock.setblocking(False)
    try:
        while sock.recv(65536):
            pass
        return True
    except BlockingIOError:
        return False
    except ConnectionError:
        return True


def still_open(sock: socket.socket) -> bool:
    return not closed_by_server(sock)


class Trickle:
    """Sockets that each send a never-ending request one byte per tick, on a thread
    of their own, until stopped. A socket the server closes is dropped from the round."""

    def __init__(self, port: int, count: int, tick_s: float) -> None:
        self.sockets: list[socket.socket] = []
        try:
            for _ in range(count):
                self.sockets.append(socket.create_connection(("127.0.0.1", port)))
        except BaseException:
            close_all(self.sockets)
            raise
        self.tick_s = tick_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="trickle", daemon=True)

    def _run(self) -> None:
        live = list(self.sockets)
        sent = 0
        while live and not self._stop.is_set():
            byte = ENDLESS_REQUEST_HEAD[sent : sent + 1] or b"a"
            for sock in list(live):
                try:
                    sock.send(byte)
                except OSError:
                    live.remove(sock)
            sent += 1
            self._stop.wait(self.tick_s)

    def __enter__(self) -> Trickle:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()
        close_all(self.sockets)
