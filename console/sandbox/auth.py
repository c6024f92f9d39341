"""The signing fields every API request carries, checked before anything else.

app_id, timestamp or app_sign missing (or null): 4 MISS_PARAM. An unknown
app_id, a timestamp that is not an integer or lies outside the window (past or
future), or a wrong app_sign (compared case-insensitively): 1 APP_INVALID.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from console.api.codes import ResultCode
from console.api.signing import signature_matches
from console.api.validate import is_int

SIGNING_FIELDS: tuple[str, ...] = ("app_id", "timestamp", "app_sign")


@dataclass(frozen=True)
class AuthFailure:
    code: ResultCode
    detail: str


def check_signature(
    body: Mapping[str, Any],
    apps: Mapping[str, str],
    now_ms: int,
    window_ms: int,
) -> AuthFailure | str:
    """The authenticated app_id, or why the request is refused."""
    missing = [field for field in SIGNING_FIELDS if body.get(field) is None]
    if missing:
        return AuthFailure(
            ResultCode.MISS_PARAM, "; ".join(f"{field}: {field} is required." for field in missing)
        )
    app_id, timestamp, sign = body["app_id"], body["timestamp"], body["app_sign"]
    if not isinstance(app_id, str) or app_id not in apps:
        return AuthFailure(ResultCode.APP_INVALID, "app_id: no such app.")
    if not is_int(timestamp):
        return AuthFailure(ResultCode.APP_INVALID, "timestamp: must be an integer of milliseconds.")
    if not isinstance(sign, str) or not signature_matches(app_id, timestamp, apps[app_id], sign):
        return AuthFailure(
            ResultCode.APP_INVALID, "app_sign: does not match md5(app_id + timestamp + app_secret)."
        )
    if abs(now_ms - timestamp) > window_ms:
        return AuthFailure(
            ResultCode.APP_INVALID,
            f"timestamp: more than {window_ms // 1000} s away from the server's clock.",
        )
    return app_id
