"""One client's HTTP: a keep-alive requests.Session that never follows a redirect,
never reads more than MAX_ANSWER_BYTES of an answer, never lets an exchange outlive
its deadline, and can be aborted from another thread.

- Redirects: the adapter is called directly (requests' Session.send would follow
  them, or read a redirect's whole body to prepare the next hop); a 3xx answer
  comes back unread, for the client to judge.
- Size: the answer is streamed and counted (its Content-Length first, when it has
  one); past the limit it is dropped with its connection (TooLarge).
- Deadline: every exchange is a deadlines.Call, cut off by the watchdog after
  connect timeout + read timeout + DEADLINE_MARGIN_S; the read timeout alone is per
  recv(), which a server trickling a byte at a time never lets expire (Cut).
- Abort: abort() cuts every exchange in progress at once and refuses the next
  (Closed), from any thread.

The connections are urllib3's own (proxies from the environment and TLS as
before), subclassed so that they attach themselves to the current call and can be
shut from another thread: each keeps a duplicate of its socket's file descriptor,
which stays valid even while the TLS handshake has detached the original socket
object (and while an answer read until the connection closes is still being read
after urllib3 closed the connection). Shutting the socket down through it wakes a
blocked recv() at once; the descriptor is ours, so it is never one reused by
another socket.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3 import PoolManager
from urllib3.connectionpool import HTTPConnectionPool
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from console.api.clock import retry_after_s, server_offset_s
from console.api.deadlines import (
    ABORTED,
    Call,
    call_deadline_s,
    current_call,
    watched,
)

# The largest answer read: a page of 50 bills is about 20 KB.
MAX_ANSWER_BYTES = 4 * 1024 * 1024
MAX_ANSWER_MB = MAX_ANSWER_BYTES // (1024 * 1024)
# An answer is read this much at a time: never more than MAX_ANSWER_BYTES + this.
READ_CHUNK_BYTES = 64 * 1024
USER_AGENT = "beecloud-console"


class Closed(Exception):
    """The transport was closed or aborted: nothing was sent."""


class NotAnswered(Exception):
    """No usable answer came. `sent`: the request may have reached the server (False
    when it surely did not: it was never connected, or was cut before sending)."""

    def __init__(self, sent: bool) -> None:
        super().__init__()
        self.sent = sent


class Cut(NotAnswered):
    """The exchange was cut off: its deadline passed (deadlines.DEADLINE) or it was
    aborted (deadlines.ABORTED)."""

    def __init__(self, why: str, sent: bool) -> None:
        super().__init__(sent)
        self.why = why


class Failed(NotAnswered):
    """requests raised `error` (a timeout, a refused or dropped connection, TLS)."""

    def __init__(self, error: requests.RequestException, sent: bool) -> None:
        super().__init__(sent)
        self.error = error


class TooLarge(NotAnswered):
    """The answer was larger than MAX_ANSWER_BYTES; it was not read."""

    def __init__(self) -> None:
        super().__init__(sent=True)


@dataclass(frozen=True, slots=True)
class HttpAnswer:
    """What a server answered. The body of a redirect is not read (b"")."""

    status: int
    content_type: str
    body: bytes
    charset: str | None = None
    clock_offset_s: int | None = None  # the server's Date minus this computer's time
    retry_after_s: int | None = None  # how long it asked to wait (clock.retry_after_s)

    @property
    def is_redirect(self) -> bool:
        return 300 <= self.status < 400

    def snippet(self, chars: int) -> str:
        """The body's first characters, as text, for a message."""
        head = self.body[: 4 * chars]
        try:
            text = head.decode(self.charset or "utf-8", errors="replace")
        except LookupError:  # a charset no codec knows
            text = head.decode("utf-8", errors="replace")
        return text[:chars]


# -- connections that can be shut from another thread ---------------------------------


class WatchedConnection:
    """Mixed into urllib3's connection classes (see watched_pool_class)."""

    sock: Any  # urllib3's: the socket, None while closed

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._handle: socket.socket | None = None  # a duplicate of the socket's descriptor
        self._handle_lock = threading.Lock()

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]  # a mixin: urllib3's class follows it
        self._replace_handle(socket.fromfd(sock.fileno(), sock.family, sock.type))
        call = current_call()
        if call is not None and call.cut is not None:
            self.shut()  # cut while it was connecting
        return sock

    def request(self, *args: Any, **kwargs: Any) -> Any:
        call = current_call()
        if call is not None:
            call.sent = True  # connected (and TLS done): the request goes out from here
        return super().request(*args, **kwargs)  # type: ignore[misc]  # a mixin: urllib3's class follows it

    def shut(self) -> None:
        """Shut the socket down for both directions (any thread); never raises."""
        with self._handle_lock:
            if self._handle is not None:
                with contextlib.suppress(OSError):
                    self._handle.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        super().close()  # type: ignore[misc]  # a mixin: urllib3's class follows it
        call = current_call()
        if call is None:
            self.settle()
        else:  # an answer may still be read from it (urllib3 closes a connection that
            call.attach(self)  # will close as soon as its headers are in): settled after

    def settle(self) -> None:
        """Drop the duplicate descriptor of a connection that has been closed."""
        if self.sock is None:
            self._replace_handle(None)

    def _replace_handle(self, handle: socket.socket | None) -> None:
        with self._handle_lock:
            old, self._handle = self._handle, handle
        if old is not None:
            old.close()


class WatchedPool:
    """Mixed into urllib3's pool classes: the connection taken for a request attaches
    itself to this thread's current call."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)  # type: ignore[misc]  # a mixin: urllib3's class follows it
        call = current_call()
        if call is not None:
            call.attach(connection)
        return connection


_made: dict[type, type] = {}
_made_lock = threading.Lock()


def watched_pool_class(pool_class: type[HTTPConnectionPool]) -> type[HTTPConnectionPool]:
    """The pool class, and its connection class, with WatchedPool/WatchedConnection
    mixed in (made once per class; SOCKS pools too, should requests use them)."""
    if issubclass(pool_class, WatchedPool):
        return pool_class
    with _made_lock:
        made = _made.get(pool_class)
        if made is None:
            base = pool_class.ConnectionCls
            connection_class = type(f"Watched{base.__name__}", (WatchedConnection, base), {})
            made = type(
                f"Watched{pool_class.__name__}",
                (WatchedPool, pool_class),
                {"ConnectionCls": connection_class},
            )
            _made[pool_class] = made
    return made


def watch_pools(manager: PoolManager) -> PoolManager:
    manager.pool_classes_by_scheme = {
        scheme: watched_pool_class(pool_class)
        for scheme, pool_class in manager.pool_classes_by_scheme.items()
    }
    return manager


class WatchedAdapter(HTTPAdapter):
    """requests' adapter on watched pools, for direct connections and through proxies."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        watch_pools(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        return watch_pools(super().proxy_manager_for(proxy, **proxy_kwargs))

    def close(self) -> None:
        """Close the idle connections; safe from another thread while one is in use
        (a connection in use is closed when it comes back to its closed pool)."""
        self.poolmanager.clear()
        for manager in list(self.proxy_manager.values()):  # one step: no concurrent change
            manager.clear()


# -- the transport ----------------------------------------------------------------------


class Transport:
    """Sends one exchange at a time per thread (its Session is not shared between
    threads: see BeeCloudClient.clone); abort() and close() may come from any thread."""

    def __init__(self, connect_timeout: float, read_timeout: float, verify: str | bool) -> None:
        self.timeout = (connect_timeout, read_timeout)
        self.deadline_s = call_deadline_s(connect_timeout, read_timeout)
        self.verify = verify
        self.session = requests.Session()
        self.session.trust_env = False  # the client reads the environment once, itself
        self.session.headers["User-Agent"] = USER_AGENT
        adapter = WatchedAdapter()
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self._lock = threading.Lock()
        self._calls: set[Call] = set()
        self.closed = False

    def send(
        self,
        method: str,
        url: str,
        proxies: dict[str, str],
        *,
        params: dict[str, str] | None = None,
        body: Any = None,
    ) -> HttpAnswer:
        """One exchange: the answer, or Closed, Cut, Failed or TooLarge."""
        call = self._begin()
        failure: Exception | None = None
        try:
            with watched(call):
                answer = self._exchange(method, url, proxies, params, body)
        except Exception as error:
            failure = error
        finally:
            cut = call.finish()
            self._end(call)
        if cut is not None:  # whatever came back was cut short, or came too late
            raise Cut(cut, call.sent) from failure
        if isinstance(failure, requests.RequestException):
            raise Failed(failure, call.sent and not never_connected(failure)) from failure
        if failure is not None:
            raise failure
        return answer

    def _exchange(
        self,
        method: str,
        url: str,
        proxies: dict[str, str],
        params: dict[str, str] | None,
        body: Any,
    ) -> HttpAnswer:
        request = self.session.prepare_request(
            requests.Request(method, url, params=params, json=body)
        )
        response = self.session.get_adapter(url).send(
            request, stream=True, timeout=self.timeout, verify=self.verify, proxies=proxies
        )
        try:
            status = response.status_code
            content_type = response.headers.get("Content-Type", "")
            charset = requests.utils.get_encoding_from_headers(response.headers)
            now = time.time()
            offset = server_offset_s(response.headers.get("Date", ""), now)
            wait = retry_after_s(response.headers.get("Retry-After", ""), now, offset)
            if 300 <= status < 400:  # neither read nor followed
                return HttpAnswer(status, content_type, b"", charset, offset, wait)
            body = _read_bounded(response)
            return HttpAnswer(status, content_type, body, charset, offset, wait)
        finally:
            response.close()  # after a whole answer its connection is back in the pool already

    def _begin(self) -> Call:
        call = Call(time.monotonic() + self.deadline_s)
        with self._lock:
            if self.closed:
                raise Closed()
            self._calls.add(call)
        return call

    def _end(self, call: Call) -> None:
        with self._lock:
            self._calls.discard(call)
            closed = self.closed
        for connection in call.connections:
            connection.settle()
        if closed:  # aborted meanwhile: drop what this call may have opened since
            self.session.close()

    def abort(self) -> None:
        """Cut every exchange in progress at once and refuse the next ones (any thread)."""
        with self._lock:
            self.closed = True
            calls = list(self._calls)
        for call in calls:
            call.cut_off(ABORTED)
        self.session.close()

    def close(self) -> None:
        """Refuse the next exchanges and close the idle connections; an exchange in
        progress ends as it would have."""
        with self._lock:
            self.closed = True
        self.session.close()


def never_connected(error: requests.RequestException) -> bool:
    """Whether the request surely never reached the server (safe to send elsewhere)."""
    if isinstance(error, requests.exceptions.ConnectTimeout | requests.exceptions.SSLError):
        return True
    reason = error.args[0] if error.args else None
    if isinstance(reason, MaxRetryError):
        reason = reason.reason
    return isinstance(reason, NewConnectionError | ConnectTimeoutError)


def _read_bounded(response: requests.Response) -> bytes:
    """The whole body, or TooLarge as soon as it is known to exceed MAX_ANSWER_BYTES."""
    declared = getattr(response.raw, "length_remaining", None)  # None: unknown, or chunked
    if declared is not None and declared > MAX_ANSWER_BYTES:
        raise TooLarge()
    body = bytearray()
    for chunk in response.iter_content(READ_CHUNK_BYTES):
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise TooLarge()
    return bytes(body)
