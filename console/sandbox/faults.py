"""Fault injection: make the sandbox misbehave on purpose, one endpoint at a time.

Tests and operators use it to see what the client and the console do when the
network or the server fails. It is kept apart from the business rules
(service.py): a WSGI middleware in front of the Flask app decides, per request,
whether a fault applies, and a waitress task subclass closes the connection
without an answer when the middleware asks it to.

Kinds, and whether the work (the payment, the refund, the query) is done:

- ``latency:MS``  waits MS milliseconds, then does the work and answers normally.
  The wait ends early when the server stops; the connection is then dropped and
  the work is not done.
- ``drop-before`` closes the connection without any answer; the work is NOT done.
- ``drop-after``  does the work (committed), then closes the connection without
  any answer.
- ``html-500``    answers an HTML error page with HTTP 500; the work is NOT done.
  This is the one deliberate exception to "the sandbox never answers a 5xx",
  and only when a test or an operator asks for it.
- ``bad-json``    does the work (committed), then answers HTTP 200 with a body that
  is not valid JSON (a truncated answer).
- ``empty-200``   does the work (committed), then answers HTTP 200 with an empty body.

Refusals as a server, or a proxy or gateway in front of it, gives them (never in
BeeCloud's envelope):

- ``busy-429[:S]``  answers 429 Too Many Requests (plain text), with ``Retry-After: S``
  (seconds) when S is given; the work is NOT done.
- ``down-503[:S]``  answers 503 with a maintenance HTML page, ``Retry-After: S`` when
  given; the work is NOT done.
- ``gateway-502``   answers a proxy's 502 Bad Gateway HTML page; the work is NOT done.
- ``gateway-504``   does the work (committed), then answers a proxy's 504 Gateway
  Timeout HTML page: the proxy gave up waiting for a server that went on.
- ``denied-401``    answers 401 with a JSON body of its own (``error``, ``err_detail``);
  the work is NOT done.
- ``denied-403``    answers 403 Forbidden (plain text); the work is NOT done.
- ``missing-404``   answers 404 Not Found (an HTML page): the path is unknown there;
  the work is NOT done.

For a payment or a refund, "done, then a broken answer" is the nastier case: the
money moved and the client cannot tell. A fault holds until it is cleared, or
for the next N requests of its endpoint when it has a count.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from waitress.task import WSGITask

logger = logging.getLogger(__name__)

LATENCY, DROP_BEFORE, DROP_AFTER = "latency", "drop-before", "drop-after"
HTML_500, BAD_JSON, EMPTY_200 = "html-500", "bad-json", "empty-200"
BUSY_429, DOWN_503 = "busy-429", "down-503"
GATEWAY_502, GATEWAY_504 = "gateway-502", "gateway-504"
DENIED_401, DENIED_403, MISSING_404 = "denied-401", "denied-403", "missing-404"
KINDS = (
    LATENCY,
    DROP_BEFORE,
    DROP_AFTER,
    HTML_500,
    BAD_JSON,
    EMPTY_200,
    BUSY_429,
    DOWN_503,
    GATEWAY_502,
    GATEWAY_504,
    DENIED_401,
    DENIED_403,
    MISSING_404,
)
# The kinds whose work is done before the (broken or missing) answer.
WORK_DONE = (LATENCY, DROP_AFTER, BAD_JSON, EMPTY_200, GATEWAY_504)
# The kinds that may say how long to wait (Retry-After, in seconds: Fault.ms holds them).
WAITS = (BUSY_429, DOWN_503)
MAX_RETRY_AFTER_S = 10**12  # a lie as large as a test wants, still a header
MAX_LATENCY_MS = 600_000

# Endpoint names and every path each one covers (/1/ and, where the sandbox has
# them, the official SDK's /2/ paths, counts and its /2/rest/refund included). A count
# is also an endpoint of its own (`bills-count`): a request of its path meets that
# fault when one is set, else its list's (a slow server is slow for both; a busy count
# beside lists that answer needs the count's own).
ENDPOINT_PATHS: dict[str, tuple[str, ...]] = {
    "pay": ("/1/rest/international/bill", "/2/rest/international/bill"),
    "refund": ("/1/rest/international/refund", "/2/rest/refund"),
    "bills": ("/1/rest/bills", "/2/rest/bills", "/2/rest/bills/count"),
    "refunds": ("/1/rest/refunds", "/2/rest/refunds", "/2/rest/refunds/count"),
    "bills-count": ("/2/rest/bills/count",),
    "refunds-count": ("/2/rest/refunds/count",),
}
ENDPOINTS = tuple(ENDPOINT_PATHS)


def _endpoints_by_path() -> dict[str, tuple[str, ...]]:
    """Each path's endpoints, the narrowest (the fewest paths) first."""
    by_path: dict[str, tuple[str, ...]] = {}
    for name, paths in sorted(ENDPOINT_PATHS.items(), key=lambda item: len(item[1])):
        for path in paths:
            by_path[path] = (*by_path.get(path, ()), name)
    return by_path


_ENDPOINTS_OF_PATH = _endpoints_by_path()

HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>\n"
    b"<body><h1>Internal Server Error</h1>\n"
    b"<p>The sandbox was asked to fail this request (fault injection).</p></body></html>\n"
)
MAINTENANCE_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Down for maintenance</title></head>\n"
    b"<body><h1>Down for maintenance</h1>\n"
    b"<p>We are making things better. Please come back later.</p></body></html>\n"
)
BAD_GATEWAY_PAGE = (
    b"<html><head><title>502 Bad Gateway</title></head>\n"
    b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n"
)
GATEWAY_TIMEOUT_PAGE = (
    b"<html><head><title>504 Gateway Time-out</title></head>\n"
    b"<body><center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center>"
    b"</body></html>\n"
)
NOT_FOUND_PAGE = (
    b"<html><head><title>404 Not Found</title></head>\n"
    b"<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p>"
    b"</body></html>\n"
)
UNAUTHORIZED_JSON = (
    b'{"error": "Unauthorized", "err_detail": "This client is not allowed to use the API."}'
)
# kind: (status line, content type, body); the waits add their Retry-After
REFUSALS: dict[str, tuple[str, str, bytes]] = {
    BUSY_429: ("429 Too Many Requests", "text/plain", b"Too many requests: slow down.\n"),
    DOWN_503: ("503 Service Unavailable", "text/html", MAINTENANCE_PAGE),
    GATEWAY_502: ("502 Bad Gateway", "text/html", BAD_GATEWAY_PAGE),
    GATEWAY_504: ("504 Gateway Time-out", "text/html", GATEWAY_TIMEOUT_PAGE),
    DENIED_401: ("401 Unauthorized", "application/json", UNAUTHORIZED_JSON),
    DENIED_403: ("403 Forbidden", "text/plain", b"Forbidden\n"),
    MISSING_404: ("404 Not Found", "text/html", NOT_FOUND_PAGE),
}
BROKEN_JSON = b'{"result_code": 0, "result_msg": "OK", "err_detail": "", "id": "'

_SPEC = re.compile(
    r"(?P<endpoint>[a-z]+(?:-[a-z]+)*)=(?P<kind>[a-z0-9-]+)(?::(?P<ms>[0-9]+))?(?:\*(?P<n>[0-9]+))?"
)


@dataclass(frozen=True)
class Fault:
    """One kind of failure; `ms`: latency's milliseconds, or the seconds a busy-429 or
    down-503 says to wait (Retry-After; 0: it says none); `count` None means until
    cleared."""

    kind: str
    ms: int = 0
    count: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; one of {', '.join(KINDS)}")
        if self.kind == LATENCY and not 0 < self.ms <= MAX_LATENCY_MS:
            raise ValueError(f"latency needs milliseconds, 1 to {MAX_LATENCY_MS}")
        if self.kind in WAITS and not 0 <= self.ms <= MAX_RETRY_AFTER_S:
            raise ValueError(f"{self.kind} takes seconds to wait, 0 to {MAX_RETRY_AFTER_S}")
        if self.kind not in (LATENCY, *WAITS) and self.ms:
            raise ValueError(f"{self.kind} takes no milliseconds")
        if self.count is not None and self.count < 1:
            raise ValueError("a fault's count is at least 1")

    @property
    def does_the_work(self) -> bool:
        return self.kind in WORK_DONE

    def spec(self) -> str:
        """As the command line writes it: 'latency:2000', 'drop-after*3'."""
        text = f"{self.kind}:{self.ms}" if self.ms else self.kind
        return text if self.count is None else f"{text}*{self.count}"


def parse_fault(spec: str) -> tuple[str, Fault]:
    """'refund=latency:2000', 'pay=drop-after', 'bills=html-500*2' -> (endpoint, Fault).

    Raises ValueError with a message fit for a usage error.
    """
    match = _SPEC.fullmatch(spec.strip())
    if match is None:
        raise ValueError(f"{spec!r} is not ENDPOINT=KIND[:MS][*N], e.g. refund=latency:2000")
    endpoint = match["endpoint"]
    if endpoint not in ENDPOINT_PATHS:
        raise ValueError(f"unknown endpoint {endpoint!r}; one of {', '.join(ENDPOINTS)}")
    count = int(match["n"]) if match["n"] is not None else None
    return endpoint, Fault(match["kind"], int(match["ms"] or 0), count)


def endpoints_of(path: str) -> tuple[str, ...]:
    """The endpoints whose fault a request of this path meets, the first one set."""
    return _ENDPOINTS_OF_PATH.get(path, ())


class FaultPlan:
    """Which fault each endpoint has now; thread-safe (tests set it while serving)."""

    def __init__(self, faults: Mapping[str, Fault] | None = None) -> None:
        self._lock = threading.Condition()
        self._faults: dict[str, tuple[Fault, int | None]] = {}
        self._hits: dict[str, int] = dict.fromkeys(ENDPOINTS, 0)
        for endpoint, fault in (faults or {}).items():
            self.set(endpoint, fault)

    def set(self, endpoint: str, fault: Fault) -> None:
        """Replace the endpoint's fault (its count starts afresh)."""
        if endpoint not in ENDPOINT_PATHS:
            raise ValueError(f"unknown endpoint {endpoint!r}; one of {', '.join(ENDPOINTS)}")
        with self._lock:
            self._faults[endpoint] = (fault, fault.count)

    def clear(self, endpoint: str | None = None) -> None:
        """Clear one endpoint's fault, or every fault."""
        with self._lock:
            if endpoint is None:
                self._faults.clear()
            else:
                self._faults.pop(endpoint, None)

    def get(self, endpoint: str) -> Fault | None:
        with self._lock:
            entry = self._faults.get(endpoint)
        return entry[0] if entry else None

    def take(self, *endpoints: str) -> Fault | None:
        """The fault for one request of the first of these endpoints that has one,
        using up one of its count."""
        with self._lock:
            endpoint = next((name for name in endpoints if name in self._faults), None)
            if endpoint is None:
                return None
            entry = self._faults[endpoint]
            fault, left = entry
            if left is not None:
                if left <= 1:
                    del self._faults[endpoint]
                else:
                    self._faults[endpoint] = (fault, left - 1)
            self._hits[endpoint] += 1
            self._lock.notify_all()
            return fault

    def hits(self, endpoint: str) -> int:
        """How many requests of the endpoint met a fault so far."""
        with self._lock:
            return self._hits[endpoint]

    def wait_for_hits(self, endpoint: str, hits: int, timeout: float) -> bool:
        """Wait until that many requests of the endpoint have met a fault."""
        with self._lock:
            return self._lock.wait_for(lambda: self._hits[endpoint] >= hits, timeout)

    def describe(self) -> str:
        with self._lock:
            items = sorted(self._faults.items())
        return ", ".join(f"{endpoint}={fault.spec()}" for endpoint, (fault, _) in items)

    def __bool__(self) -> bool:
        with self._lock:
            return bool(self._faults)


class DropConnection(Exception):
    """Raised by the middleware: close the connection without writing an answer."""


StartResponse = Callable[..., Any]


def _consume(app: Callable[..., Iterable[bytes]], environ: dict[str, Any]) -> None:
    """Run the application to the end (the work is done and committed); drop its answer."""

    def ignore(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        return None

    result = app(environ, ignore)
    try:
        for _chunk in result:
            pass
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()


class FaultInjector:
    """WSGI middleware: applies the plan's fault, if any, to each API request."""

    def __init__(
        self, app: Callable[..., Iterable[bytes]], plan: FaultPlan, stopping: threading.Event
    ) -> None:
        self.app = app
        self.plan = plan
        self.stopping = stopping

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        fault = self.plan.take(*endpoints_of(path))
        if fault is None:
            return self.app(environ, start_response)
        method = environ.get("REQUEST_METHOD", "")
        logger.warning("fault injected: %s on %s %s", fault.spec(), method, path)
        if fault.kind == LATENCY:
            if self.stopping.wait(fault.ms / 1000):
                raise DropConnection("the server is stopping")
            return self.app(environ, start_response)
        if fault.kind == DROP_BEFORE:
            raise DropConnection(fault.kind)
        if fault.kind == HTML_500:
            return _answer(start_response, "500 Internal Server Error", "text/html", HTML_PAGE)
        if fault.kind in REFUSALS and not fault.does_the_work:
            return _refuse(start_response, fault)
        _consume(self.app, environ)
        if fault.kind in REFUSALS:
            return _refuse(start_response, fault)
        if fault.kind == DROP_AFTER:
            raise DropConnection(fault.kind)
        body = BROKEN_JSON if fault.kind == BAD_JSON else b""
        return _answer(start_response, "200 OK", "application/json", body)


def _refuse(start_response: StartResponse, fault: Fault) -> list[bytes]:
    status, content_type, body = REFUSALS[fault.kind]
    wait = [("Retry-After", str(fault.ms))] if fault.kind in WAITS and fault.ms else []
    return _answer(start_response, status, content_type, body, wait)


def _answer(
    start_response: StartResponse,
    status: str,
    content_type: str,
    body: bytes,
    extra: list[tuple[str, str]] | None = None,
) -> list[bytes]:
    headers = [
        ("Content-Type", f"{content_type}; charset=utf-8"),
        ("Content-Length", str(len(body))),
        *(extra or []),
    ]
    start_response(status, headers)
    return [body]


class FaultTask(WSGITask):
    """A waitress task that, on DropConnection, writes nothing and closes the
    connection: the client sees it closed with no HTTP answer at all.

    waitress has no public way to abort a connection. Its channel closes the
    socket once a task that set `close_on_finish` is done and nothing is left
    to send; so this task skips `finish()` (which would write a header) and
    sets that flag.
    """

    dropped = False

    def execute(self) -> None:
        try:
            super().execute()
        except DropConnection:
            self.dropped = True
            self.close_on_finish = True

    def finish(self) -> None:
        if not self.dropped:
            super().finish()
