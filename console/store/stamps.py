"""Who and when, as the store writes them down. No Qt here."""

from __future__ import annotations

import getpass
import os
import time
from pathlib import Path
from typing import NamedTuple

UNKNOWN_OPERATOR = "unknown user"


def now_ms() -> int:
    return time.time_ns() // 1_000_000


# A clock that is never set: time since boot, asleep too where the system counts it so
# (Linux), else the monotonic clock (a computer asleep is not counted).
_STEADY_CLOCK = getattr(time, "CLOCK_BOOTTIME", None)


def _steady_ns() -> int:
    if _STEADY_CLOCK is not None:
        return time.clock_gettime_ns(_STEADY_CLOCK)
    return time.monotonic_ns()


_ANCHOR_NS = (time.time_ns(), _steady_ns())


# How often a wait for a moment (midnight, a PayPal page's expiry, a sync due) looks at
# the clock again: a timer's own clock stops while the computer sleeps, so one set for the
# moment itself comes as late as the computer slept.
LOOK_AGAIN_MS = 60_000


def look_again_in_ms(left_ms: int) -> int:
    """When a timer waiting for a moment `left_ms` away looks again: at the moment, or
    in LOOK_AGAIN_MS if that is sooner."""
    return max(0, min(left_ms, LOOK_AGAIN_MS))


def steady_now_ms() -> int:
    """This computer's time as it was when the console started, moved on by a clock no
    one sets: a span timed by it (a PayPal page's 3 hours) stays true when the system
    clock is put forward or back meanwhile (docs/decisions.md, "A PayPal page's 3 hours")."""
    return steady_now().ms


# Which boot of this computer it is (Linux); the clock since boot counts from it.
BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


def _boot_id() -> str:
    """This boot's identity, where the system gives one and the steady clock is the
    clock since boot (Linux); "" elsewhere (Windows, macOS) or when it cannot be read."""
    if _STEADY_CLOCK is None:
        return ""
    try:
        with BOOT_ID_FILE.open("rb") as file:
            return file.read(100).decode("ascii").strip()
    except (OSError, UnicodeError):
        return ""


_BOOT_ID = _boot_id()


class SteadyNow(NamedTuple):
    """Now, as a span kept across consoles and restarts is timed (docs/decisions.md,
    "A PayPal page's 3 hours"): this console's steady time, and where the system says
    which boot it is, that boot and the clock since it (which every console of the boot
    reads alike, whatever the wall clock said when each started)."""

    ms: int  # steady_now_ms()
    boot_id: str  # "" where no boot is known: only `ms` then
    since_boot_ms: int  # of use with boot_id only


def steady_now() -> SteadyNow:
    wall, steady = _ANCHOR_NS
    since_boot = _steady_ns()
    return SteadyNow((wall + since_boot - steady) // 1_000_000, _BOOT_ID, since_boot // 1_000_000)


class Moment(NamedTuple):
    """When something was written down (an audit row, a refund's move), so that a later
    reader, in this console or another, can time a span from it whatever was done to the
    wall clock meanwhile (docs/decisions.md, "A write's windows when the clock moves"):
    the wall clock then, and where the system says which boot it is, that boot and the
    clock since it."""

    wall_ms: int
    boot_id: str = ""  # "" where no boot was known: only `wall_ms` then
    since_boot_ms: int = 0  # of use in that boot only

    def age_ms(self, now: SteadyNow) -> int | None:
        """How long before `now` it was, by the clock since boot, when it is of now's
        boot; None when that cannot be told (another boot, or none known). Never
        negative (a row of this boot ahead of its clock was written by hand)."""
        if not self.boot_id or self.boot_id != now.boot_id:
            return None
        return max(0, now.since_boot_ms - self.since_boot_ms)

    def earlier(self, ms: int) -> Moment:
        """The moment `ms` before this one, on both clocks."""
        return Moment(self.wall_ms - ms, self.boot_id, self.since_boot_ms - ms)


def moment_now() -> Moment:
    now = steady_now()
    return Moment(now_ms(), now.boot_id, now.since_boot_ms)


def span_ends_ms(start: Moment, span_ms: int) -> int:
    """When a span of `span_ms` from `start` ends, on the wall clock as it reads now: of
    this boot, timed by the clock since boot (a clock put forward or back meanwhile
    neither ends it early nor makes it last longer); else by the wall clock, and 0 when
    `start` is ahead of it (set back since: what it tells is nothing; else the span would
    last as long as the clock went back)."""
    now_wall = now_ms()
    age = start.age_ms(steady_now())
    if age is not None:
        return now_wall + span_ms - age
    if start.wall_ms > now_wall:
        return 0
    return start.wall_ms + span_ms


def os_user() -> str:
    """The OS user running the console; a stand-in rather than a crash when there is none."""
    try:
        name = getpass.getuser()
    except Exception:  # no login name and no passwd entry (e.g. a bare container)
        name = ""
    if name.strip():
        # A name whose bytes are not UTF-8 comes as lone surrogates (the environment's
        # surrogateescape), which no database can hold: its bytes read as UTF-8 instead.
        return os.fsencode(name.strip()).decode("utf-8", "replace")
    getuid = getattr(os, "getuid", None)
    return f"uid {getuid()}" if getuid is not None else UNKNOWN_OPERATOR
