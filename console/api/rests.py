"""Hosts that asked to wait: not asked again before their time.

A server (or a proxy in front of it) that answers 429 Too Many Requests or 503 Service
Unavailable with a Retry-After says when it may be asked again. Until then the client
sends it nothing, not even a query of the history's sync: the console would only add to
what made it busy. A client and its clones (console/api/client.py) share one Rests.

Ten minutes at most (LONGEST_REST_S): a server that asks for a day, by mistake or a
lie, would otherwise keep every payment from a shop for a day after it is back; the
clerk's next try after that asks it again, and is told again if it is still busy.

A caller that may wait (the history's sync, on a thread of its own) waits a short rest
out (`patiently`): it is asked again once the host's time is up, never before, and
the wait ends at once when the caller is stopped. A longer rest is the caller's to say.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from console.api.errors import ClientClosedError, TransportError

LONGEST_REST_S = 600
PAUSE_STEP_S = 0.05  # how soon a wait (`patiently`) ends once its caller is stopped

_T = TypeVar("_T")


class Rests:
    """Until when each host asked to be left alone, on the steady clock; thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def rest(self, host: str, seconds: int) -> None:
        """The host asked to wait `seconds` from now (a later wait asked before stands;
        LONGEST_REST_S at most)."""
        with self._lock:
            until = self._clock() + min(seconds, LONGEST_REST_S)
            self._until[host] = max(until, self._until.get(host, until))

    def left_s(self, host: str) -> int | None:
        """The whole seconds the host still asked to wait (at least 1), or None."""
        with self._lock:
            until = self._until.get(host)
            if until is None:
                return None
            left = until - self._clock()
            if left <= 0:
                del self._until[host]
                return None
        return max(1, math.ceil(left))


def patiently(
    call: Callable[[], _T],
    stopped: Callable[[], bool],
    *,
    longest_s: float,
    tries: int,
    backoff_s: float,
) -> _T:
    """`call()`, asked again while every host was busy (429, 503) or still resting
    (TransportError.busy_s): after the rest it asked for, or `backoff_s` doubled at each
    try when it named none; `tries` times in all. A try the client refused before sending
    anything, its hosts resting on a rest another call asked for (a count beside a page),
    is not one of the `tries`: that rest is waited out, the waits adding up to `tries` ×
    `longest_s` at most. A rest longer than `longest_s`, the last try's failure, any
    other failure, or `stopped()` true (looked at while waiting too) raises the call's
    error at once."""
    backoff = backoff_s
    tries_left = tries
    wait_left = tries * longest_s
    while True:
        try:
            return call()
        except ClientClosedError:
            raise
        except TransportError as error:
            wait = error.busy_s
            if error.asked:
                tries_left -= 1
            if wait is None or wait > longest_s or not tries_left or stopped():
                raise
            seconds = max(wait, backoff)
            if seconds > wait_left:
                raise
            wait_left -= seconds
            pause(seconds, stopped)
            if error.asked:
                backoff *= 2
            if stopped():
                raise


def pause(seconds: float, stopped: Callable[[], bool]) -> None:
    """Wait this long, less when `stopped()` becomes true."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if stopped():
            return
        time.sleep(min(left, PAUSE_STEP_S))
