"""Deadlines for HTTP exchanges: one watchdog thread cuts off any exchange that runs
past its deadline, however slowly its server trickles.

A `Call` is one exchange (one request and its answer) under watch. The connections it
uses attach themselves to it (console/api/transport.py) and can be shut from another
thread: shutting a socket down wakes a thread blocked in recv() on it at once, which
a socket timeout (per recv) cannot do against a server that sends a byte now and
then. The same cut serves abort(): a client shuts its calls in progress from
whichever thread asks.

The watchdog is one daemon thread for the whole process, started with the first
call. Watching a call costs a heap push under a lock; calls that end in time are
dropped from the heap as later ones come, and the thread is woken only for a
deadline earlier than the one it sleeps until (with equal timeouts: never), so
that it does not cost a thread switch per request.
"""

from __future__ import annotations

import heapq
import itertools
import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

# An exchange is cut off this long after connect timeout + read timeout have passed.
DEADLINE_MARGIN_S = 1.0

DEADLINE = "deadline"  # why a call was cut: its deadline passed
ABORTED = "aborted"  # ... or its client was aborted


def call_deadline_s(connect_timeout: float, read_timeout: float) -> float:
    """How long an exchange may last at most: it is cut off then. A request sent
    longer ago than this has reached its server, or never will from this client."""
    return connect_timeout + read_timeout + DEADLINE_MARGIN_S


class Shuttable(Protocol):
    """A connection as a call sees it."""

    def shut(self) -> None:
        """Shut the connection's socket down (from any thread); never raises."""

    def settle(self) -> None:
        """After the call: let go of what it keeps to be shut, if it was closed."""


class Call:
    """One HTTP exchange: its deadline, the connections it used, whether its request
    began to be sent, and why it was cut off, if it was."""

    __slots__ = ("_connections", "_lock", "cut", "deadline", "done", "sent")

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline  # time.monotonic()
        self.sent = False  # the request began to go out (before: nothing was sent)
        self.cut: str | None = None  # DEADLINE or ABORTED
        self.done = False
        self._connections: list[Shuttable] = []
        self._lock = threading.Lock()

    def attach(self, connection: Shuttable) -> None:
        """A connection this call uses; shut at once if the call was cut already."""
        with self._lock:
            if self.cut is None:
                self._connections.append(connection)
                return
        connection.shut()

    def cut_off(self, why: str) -> None:
        """Shut every connection of the call, unless it has ended (any thread)."""
        with self._lock:
            if self.done or self.cut is not None:
                return
            self.cut = why
            connections = list(self._connections)
        for connection in connections:
            connection.shut()

    @property
    def connections(self) -> list[Shuttable]:
        with self._lock:
            return list(self._connections)

    def finish(self) -> str | None:
        """The call has ended: it can no longer be cut. Why it was cut, if it was."""
        with self._lock:
            self.done = True
            return self.cut


class Watchdog:
    """Cuts off every watched call whose deadline has passed."""

    def __init__(self) -> None:
        self._wake = threading.Condition(threading.Lock())
        self._heap: list[tuple[float, int, Call]] = []
        self._order = itertools.count()  # ties: calls are never compared
        self._thread: threading.Thread | None = None
        self._sleeps_until = math.inf  # when the thread wakes up next by itself

    def watch(self, call: Call) -> None:
        with self._wake:
            heap = self._heap
            while heap and heap[0][2].done:  # the calls that ended in time
                heapq.heappop(heap)
            entry = (call.deadline, next(self._order), call)
            heapq.heappush(heap, entry)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="http-deadlines", daemon=True
                )
                self._thread.start()
            elif call.deadline < self._sleeps_until:  # rare: calls of equal timeouts
                self._wake.notify()  # come in the order of their deadlines

    def _run(self) -> None:
        while True:
            expired: list[Call] = []
            with self._wake:
                now = time.monotonic()
                heap = self._heap
                while heap and (heap[0][2].done or heap[0][0] <= now):
                    call = heapq.heappop(heap)[2]
                    if not call.done:
                        expired.append(call)
                if not expired:
                    self._sleeps_until = heap[0][0] if heap else math.inf
                    self._wake.wait(self._sleeps_until - now if heap else None)
                    self._sleeps_until = -math.inf  # awake: it looks at the heap anyway
                    continue
            for call in expired:  # outside the lock: shutting sockets takes a moment
                call.cut_off(DEADLINE)


_watchdog = Watchdog()
_current = threading.local()


def _new_watchdog_after_fork() -> None:
    """A forked child has none of its parent's threads: it starts a watchdog of its own."""
    global _watchdog
    _watchdog = Watchdog()


os.register_at_fork(after_in_child=_new_watchdog_after_fork)


@contextmanager
def watched(call: Call) -> Iterator[Call]:
    """Watch the call's deadline, and make it this thread's current call, to which the
    connections used meanwhile attach themselves (see current_call)."""
    _watchdog.watch(call)
    _current.call = call
    try:
        yield call
    finally:
        _current.call = None


def current_call() -> Call | None:
    """The call this thread is making, if any."""
    return getattr(_current, "call", None)
