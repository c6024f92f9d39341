"""Hosts that asked to wait: not asked again before their time.

A server (or a proxy in front of it) that answers 429 Too Many Requests or 503 Service
Unavailable with a Retry-After says when it may be asked again. Until then the client
sends it nothing, not even a query of the history's sync: the console would only add to
what made it busy. A client and its clones (console/api/client.py) share one Rests.

Ten minutes at most (LONGEST_REST_S): a server that asks for a day, by mistake or a
lie, would otherwise keep every payment from a shop for a day after it is back; the
clerk's next try after that asks it again, and is told again if it is still busy.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

LONGEST_REST_S = 600


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
