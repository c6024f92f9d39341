"""Now, as the console's steady clock tells it (console/store/stamps.py), moved on or
back for a test of what a time span decides."""

from __future__ import annotations

from dataclasses import replace

from console.store.stamps import SteadyNow, steady_now


def steady_after(ms: int, boot_id: str | None = None) -> SteadyNow:
    """Now, `ms` later on the steady clock and the clock since boot alike (earlier when
    negative); of another boot when boot_id is given."""
    now = steady_now()
    return replace(
        now,
        ms=now.ms + ms,
        since_boot_ms=now.since_boot_ms + ms,
        boot_id=now.boot_id if boot_id is None else boot_id,
    )
