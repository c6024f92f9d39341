"""Request signing: app_sign = md5(app_id + timestamp + app_secret)."""

from __future__ import annotations

import hashlib
import hmac
import time


def timestamp_ms(now: float | None = None) -> int:
    """Unix time in milliseconds, as every request's `timestamp` carries it."""
    return int((time.time() if now is None else now) * 1000)


def app_sign(app_id: str, timestamp: int, app_secret: str) -> str:
    """32 lowercase hex digits."""
    text = f"{app_id}{timestamp}{app_secret}"
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def signature_fields(app_id: str, app_secret: str, now: float | None = None) -> dict[str, object]:
    """The three fields that authenticate a request."""
    stamp = timestamp_ms(now)
    return {"app_id": app_id, "timestamp": stamp, "app_sign": app_sign(app_id, stamp, app_secret)}


def signature_matches(app_id: str, timestamp: int, app_secret: str, given: str) -> bool:
    """Case-insensitive, constant-time comparison of a received app_sign."""
    if not given.isascii():
        return False
    expected = app_sign(app_id, timestamp, app_secret)
    return hmac.compare_digest(expected, given.lower())
