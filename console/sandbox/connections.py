"""Connections that cannot lock other clients out of the sandbox.

Left to its defaults, waitress serves at most 100 connections and closes one only
after 120 s without a byte (each byte of a request resets that clock), so 100
idle keep-alive connections, or as many requests sent a byte at a time, keep
every other client waiting. Here instead, in the server's loop thread:

- many more connections are served (CONNECTION_LIMIT), on poll() rather than
  select() (which cannot watch a descriptor above 1023), and the process's soft
  limit of open files is raised towards its hard one to fit them;
- a keep-alive connection idle for KEEP_ALIVE_TIMEOUT_S is closed. Idle means no
  request being received or served and nothing sent since the last answer:
  bytes that make no request (blank lines) do not count. So is one whose client
  has read nothing of its answer for as long;
- a request not complete within REQUEST_TIMEOUT_S of its first byte is answered
  408 (JSON) and its connection closed, however steadily its bytes trickle in;
- above CROWDED_SHARE of the limit, each new connection closes the longest-idle
  one (a partial request counts as idle since its first byte), so a new client
  is served. A connection whose request is being served, or whose answer is not
  yet sent, is never closed for room.
"""

from __future__ import annotations

import heapq
import json
import logging
import select
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]  # a module where it exists

logger = logging.getLogger(__name__)

CONNECTION_LIMIT = 1000  # ten times waitress's default; each takes one file descriptor
KEEP_ALIVE_TIMEOUT_S = 30.0  # a browser or a client's pool reuses a connection well within it
REQUEST_TIMEOUT_S = 10.0  # a whole request (at most 1 MiB) over loopback or a LAN
CROWDED_SHARE = 0.9  # above this share of the limit, the longest-idle connections make room
MIN_CONNECTION_LIMIT = 10
# Descriptors the process needs besides connections: the listener and waitress's
# trigger pipe, SQLite's files per worker thread, logs, spilled request bodies.
FD_HEADROOM = 256
SELECT_CONNECTION_LIMIT = 500  # where poll() is missing (Windows), select() watches 512
SERVER_DISPATCHERS = 2  # the listening socket and the trigger pipe share waitress's map
MAINTENANCE_INTERVAL_S = 1  # waitress takes whole seconds
# When crowded, an answer none of whose bytes its client took for this long no longer
# holds its connection: the client is not reading (a client's own read takes no time).
STALLED_ANSWER_S = 1.0


@dataclass(frozen=True)
class ConnectionPolicy:
    """How many connections the sandbox serves and how long it keeps them."""

    limit: int = CONNECTION_LIMIT
    keep_alive_timeout_s: float = KEEP_ALIVE_TIMEOUT_S
    request_timeout_s: float = REQUEST_TIMEOUT_S

    def __post_init__(self) -> None:
        if self.limit < MIN_CONNECTION_LIMIT:
            raise ValueError(f"the connection limit is at least {MIN_CONNECTION_LIMIT}")
        if self.keep_alive_timeout_s <= 0 or self.request_timeout_s <= 0:
            raise ValueError("timeouts are positive")


def connection_limit_that_fits(wanted: int) -> int:
    """`wanted`, after raising the soft limit of open files towards the hard one so
    that it fits; less (with a warning) when the hard limit or select() is too low."""
    limit = wanted if hasattr(select, "poll") else min(wanted, SELECT_CONNECTION_LIMIT)
    if resource is None:  # pragma: no cover - Windows
        return limit
    needed = limit + FD_HEADROOM
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return limit
    target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    except (ValueError, OSError) as error:  # pragma: no cover - e.g. macOS's OPEN_MAX
        logger.warning("cannot raise the limit of open files to %d: %s", target, error)
    if soft >= needed:
        return limit
    fitted = max(MIN_CONNECTION_LIMIT, soft - FD_HEADROOM)
    logger.warning(
        "the limit of open files is %d: the sandbox serves at most %d connections", soft, fitted
    )
    return fitted


def _json_answer(status: str, error: str, detail: str) -> bytes:
    body = json.dumps({"error": error, "err_detail": detail}).encode("utf-8")
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class GuardedChannel(HTTPChannel):
    """A connection that knows since when it is idle and how old its partial request is.

    Times are time.monotonic(). waitress's own `last_activity` also moves on every
    byte received, which is exactly what a trickle exploits; it is not used here.
    """

    request: Any  # waitress's request being received (None between requests)
    request_started: float | None = None  # first byte of the request being received
    answered_at = 0.0  # when it was opened, last finished serving, or last sent bytes
    in_service = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.answered_at = time.monotonic()
        super().__init__(*args, **kwargs)

    def received(self, data: bytes) -> bool:
        partial = self.request
        result = super().received(data)
        if self.request is None:
            self.request_started = None
        elif self.request is not partial:  # a new request has begun
            self.request_started = time.monotonic()
        return bool(result)

    def service(self) -> None:
        """In a worker thread: serve one request. `in_service` covers the moment after
        waitress has taken the request off `requests` and before `answered_at` moves."""
        self.in_service = True
        try:
            super().service()
        finally:
            now = time.monotonic()
            self.answered_at = now
            if self.request_started is not None:
                # a request begun behind the one just served could not be read until now
                self.request_started = now
            self.in_service = False

    def readable(self) -> bool:
        """Once closed (say by maintenance, which runs while poll()'s list of
        descriptors is being made), not watched: its number may be reused."""
        return self.socket is not None and bool(super().readable())

    def writable(self) -> bool:
        return self.socket is not None and bool(super().writable())

    def _flush_some(self, do_close: bool = True) -> bool:
        sent = bool(super()._flush_some(do_close=do_close))
        if sent:
            self.answered_at = time.monotonic()
        return sent

    # -- in the loop thread ----------------------------------------------------------

    @property
    def serving(self) -> bool:
        """A request of it is queued or being served."""
        return bool(self.requests) or self.in_service

    @property
    def closing(self) -> bool:
        return self.will_close or self.close_when_flushed

    def idle_since(self) -> float:
        """A partial request is idle since its first byte: trickling is not activity."""
        started = self.request_started
        return started if self.request is not None and started is not None else self.answered_at

    def may_make_room(self, now: float) -> bool:
        """Whether it may be closed for a new client: nothing being served, and nothing
        being sent, or an answer its client has taken nothing of for STALLED_ANSWER_S."""
        if self.serving:
            return False
        if self.total_outbufs_len:
            return now - self.answered_at >= STALLED_ANSWER_S
        return not self.closing

    def time_out_request(self, timeout_s: float) -> None:
        """Answer the partial request 408 and close the connection once that is sent."""
        with self.requests_lock:
            if self.requests or self.request is None:
                return
            self.request.close()
            self.request = None
            self.request_started = None
        detail = f"The request was not complete within {timeout_s:g} s of its first byte."
        answer = _json_answer("408 Request Timeout", "REQUEST_TIMEOUT", detail)
        with self.outbuf_lock:
            self.outbufs[-1].append(answer)
            self.current_outbuf_count += len(answer)
            self.total_outbufs_len += len(answer)
        self.close_when_flushed = True


class GuardedServer(TcpWSGIServer):
    """waitress's TCP server with ConnectionPolicy's limits, on one address or socket."""

    channel_class: type[GuardedChannel] = GuardedChannel

    def __init__(
        self,
        application: Callable[..., Any],
        policy: ConnectionPolicy,
        sock: socket.socket | None = None,
        **adjustments: Any,
    ) -> None:
        self.policy = policy
        self.connection_limit = connection_limit_that_fits(policy.limit)
        self.crowded_at = int(self.connection_limit * CROWDED_SHARE)
        self.crowded = False
        adj = Adjustments(
            connection_limit=self.connection_limit + SERVER_DISPATCHERS,
            cleanup_interval=MAINTENANCE_INTERVAL_S,
            asyncore_use_poll=True,
            **adjustments,
        )
        try:
            if sock is None:
                super().__init__(application, map={}, adj=adj, sockinfo=adj.listen[0])
            else:
                sockinfo = (sock.family, sock.type, sock.proto, sock.getsockname())
                super().__init__(
                    application, map={}, _sock=sock, adj=adj, bind_socket=False, sockinfo=sockinfo
                )
        except BaseException:
            self._release(own_socket=sock is None)
            raise

    def _release(self, own_socket: bool) -> None:
        """After a failed start (say the port is busy): the threads, pipe and socket
        waitress had already made."""
        dispatcher = getattr(self, "task_dispatcher", None)
        if dispatcher is not None:
            dispatcher.shutdown()
        trigger = getattr(self, "trigger", None)
        if trigger is not None:
            trigger.close()
        if own_socket and getattr(self, "socket", None) is not None:
            self.socket.close()

    @property
    def open_connections(self) -> int:
        return len(self.active_channels)

    def handle_accept(self) -> None:
        """Accept, then make room. Not the other way round: a connection closed first
        would free its descriptor number for the new one, which could then be handed
        the closed one's events still pending in this round of poll()."""
        open_before = len(self.active_channels)
        super().handle_accept()
        if len(self.active_channels) > open_before:
            newest = next(reversed(self.active_channels.values()))
            self._make_room(keep=newest)

    def _make_room(self, keep: HTTPChannel | None = None) -> None:
        """Above the crowded mark, close the longest-idle connections that may go."""
        excess = len(self.active_channels) - self.crowded_at
        if excess <= 0:
            return
        if not self.crowded:
            self.crowded = True
            logger.warning(
                "%d connections open: closing the longest-idle ones for new clients",
                len(self.active_channels),
            )
        candidates = [
            channel
            for channel in self.active_channels.values()
            if isinstance(channel, GuardedChannel) and channel is not keep
        ]
        now = time.monotonic()
        candidates = [channel for channel in candidates if channel.may_make_room(now)]
        for channel in heapq.nsmallest(excess, candidates, key=GuardedChannel.idle_since):
            channel.handle_close()

    def maintenance(self, now: float) -> None:
        """Every MAINTENANCE_INTERVAL_S: time out slow requests, close idle connections."""
        clock = time.monotonic()
        policy = self.policy
        for channel in list(self.active_channels.values()):
            if not isinstance(channel, GuardedChannel) or channel.serving:
                continue
            if channel.request is not None and not channel.closing:
                if clock - channel.idle_since() > policy.request_timeout_s:
                    channel.time_out_request(policy.request_timeout_s)
            elif clock - channel.answered_at > policy.keep_alive_timeout_s:
                # Idle, or nothing of its answer (say a 408) could be sent for as long.
                # Closed now: `will_close` would wait for the socket to take more bytes.
                channel.handle_close()
        if len(self.active_channels) >= self.connection_limit:
            # Nothing is accepted, so no new client makes room: answers not taken do.
            self._make_room()
        if self.crowded and len(self.active_channels) < self.crowded_at:
            self.crowded = False
            logger.info("%d connections open: no longer crowded", len(self.active_channels))
