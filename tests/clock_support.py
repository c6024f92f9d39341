"""Now, as the console's steady clock tells it (console/store/stamps.py), moved on or
back for a test of what a time span decides; and the process's time zone changed."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from types import ModuleType

import pytest

from console.store.stamps import Moment, SteadyNow, moment_now, steady_now


def steady_after(ms: int, boot_id: str | None = None) -> SteadyNow:
    """Now, `ms` later on the steady clock and the clock since boot alike (earlier when
    negative); of another boot when boot_id is given."""
    now = steady_now()
    return now._replace(
        ms=now.ms + ms,
        since_boot_ms=now.since_boot_ms + ms,
        boot_id=now.boot_id if boot_id is None else boot_id,
    )


def moment_ago(ms: int) -> Moment:
    """A moment `ms` ago on the wall clock and the clock since boot alike, as a row
    written then in this boot has it."""
    return moment_now().earlier(ms)


class ClockPutForward:
    """The time module as the console's stamps read it, the system clock put forward
    (back when `ms` is negative)."""

    def __init__(self, ms: int) -> None:
        self.ahead_ns = ms * 1_000_000

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)

    def time_ns(self) -> int:
        return time.time_ns() + self.ahead_ns


class PausedClock:
    """The time module as the console's stamps read it, standing still while `paused`
    (wall clock and clock since boot alike), then going on from where it stood: what a
    console decides by a span of wall time (a payment that may still arrive for 300 ms)
    is not decided by how slowly a busy machine answered meanwhile."""

    def __init__(self) -> None:
        self._lag_ns = 0
        self._paused_at: int | None = None

    def __getattr__(self, name: str) -> object:
        return getattr(time, name)

    def _lag(self) -> int:
        held = 0 if self._paused_at is None else time.monotonic_ns() - self._paused_at
        return self._lag_ns + held

    def time_ns(self) -> int:
        return time.time_ns() - self._lag()

    def monotonic_ns(self) -> int:
        return time.monotonic_ns() - self._lag()

    def clock_gettime_ns(self, clock: int) -> int:
        return time.clock_gettime_ns(clock) - self._lag()

    @contextmanager
    def paused(self) -> Iterator[None]:
        self._paused_at = time.monotonic_ns()
        try:
            yield
        finally:
            self._lag_ns = self._lag()
            self._paused_at = None


@contextmanager
def time_zone(zone: str, told: bool = True) -> Iterator[None]:
    """The process's local time zone is `zone` (a tz database name) meanwhile. Not
    `told`: the zone is set, but the process is not told (time.tzset), as when the
    computer's zone is set while the console runs: a process reads it once, then keeps
    it until something reads it again."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = zone
    if told:
        time.tzset()
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()


def pickers_today(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, day: date
) -> dict[str, date]:
    """The date pickers of `module` (console/gui/tables/filter_bar.py) read "today" from
    the returned clock, set to `day`: put another day in it (`clock["today"]`) and the
    next look of theirs finds midnight passed."""
    clock = {"today": day}

    class Clock(date):
        @classmethod
        def today(cls) -> Clock:
            day = clock["today"]
            return cls(day.year, day.month, day.day)

    monkeypatch.setattr(module, "date", Clock)
    return clock
