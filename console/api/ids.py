"""New bill and refund numbers, made before a request is queued."""

from __future__ import annotations

import secrets
import string
from datetime import UTC, datetime

from console.api.validate import CHINA_TZ

_ALPHABET = string.digits + string.ascii_uppercase


def _random_part(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def new_bill_no(now: datetime | None = None) -> str:
    """'BC' + UTC+8 date and time + 6 random characters: 22 letters or digits."""
    moment = (now or datetime.now(UTC)).astimezone(CHINA_TZ)
    return f"BC{moment:%Y%m%d%H%M%S}{_random_part(6)}"


def new_refund_no(now: datetime | None = None) -> str:
    """Today's date in UTC+8, then a serial: time, R and 5 random characters (never all zeros)."""
    moment = (now or datetime.now(UTC)).astimezone(CHINA_TZ)
    return f"{moment:%Y%m%d}{moment:%H%M%S}R{_random_part(5)}"
