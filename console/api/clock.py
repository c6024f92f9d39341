"""How far a server's clock is from this computer's, read off its answer's Date.

BeeCloud refuses a request stamped far from its own time with code 1, the code of a
wrong app id or secret too (NOTES.md). Every HTTP answer carries the server's time
in its `Date` header (RFC 9110 6.6.1, to the second), so a refusal can say whether
this computer's clock is the likely cause. A Date that is no date, or one no server
of this API could mean (before 2020, after 2099), is no offset: a server may lie.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

LONGEST_DATE = 64  # an IMF-fixdate is 29 characters; longer is not a date
EARLIEST = datetime(2020, 1, 1, tzinfo=UTC).timestamp()
LATEST = datetime(2100, 1, 1, tzinfo=UTC).timestamp()


def server_offset_s(date: str, now: float) -> int | None:
    """The server's time minus this computer's (`now`, Unix seconds) in whole seconds:
    positive when this computer's clock is behind. None when `date` is not one."""
    if not date or len(date) > LONGEST_DATE:
        return None
    try:
        when = parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": UTC, its sender's zone unknown (RFC 5322 3.3)
        when = when.replace(tzinfo=UTC)
    server = when.timestamp()
    if not EARLIEST <= server < LATEST:
        return None
    return round(server - now)


# The longest wait a server's Retry-After is taken at: a longer one is no time a clerk
# can wait for (a lie, or a mistake), and is said as a wait of no stated time.
LONGEST_WAIT_S = 24 * 3600
LONGEST_RETRY_AFTER = 64  # as a Date: a number of seconds is shorter still


def retry_after_s(value: str, now: float, offset_s: int | None) -> int | None:
    """How many seconds a server asked to wait before it is asked again: its Retry-After
    (RFC 9110 10.2.3), whole seconds or an HTTP date, the date read on the server's own
    clock (`offset_s`, from its Date; else this computer's, `now`). None when it gives
    none, or none to believe: not a number or a date, a past or present time, more than
    LONGEST_WAIT_S."""
    value = value.strip()
    if not value or len(value) > LONGEST_RETRY_AFTER:
        return None
    if value.isascii() and value.isdigit():
        wait = int(value)
    else:
        offset = server_offset_s(value, now)  # the date, as an offset from this clock
        if offset is None:
            return None
        wait = offset - (offset_s or 0)
    return wait if 0 < wait <= LONGEST_WAIT_S else None
