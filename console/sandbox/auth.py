"""The signing fields every API request carries, checked before anything else.

app_id, timestamp or app_sign missing (or null): 4 MISS_PARAM. An unknown
app_id, a timestamp that is not an integer or lies outside the window (past or
future), or a wrong app_sign (compared case-insensitively): 1 APP_INVALID.

app_sign is md5(app_id + timestamp + app_secret), except for a refund on an app
that has a Master Secret (NOTES.md: BeeCloud's v2 API and the official SDK sign
refunds with it): then md5(app_id + timestamp + master_secret), and the App
Secret is refused with a detail that says so. No detail names a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from console.api.codes import ResultCode
from console.api.signing import signature_matches
from console.api.validate import is_int

SIGNING_FIELDS: tuple[str, ...] = ("app_id", "timestamp", "app_sign")
APP_SECRET_MISMATCH = "app_sign: does not match md5(app_id + timestamp + app_secret)."
_ON_MASTER = "refunds on this app are signed with the Master Secret"
APP_SECRET_ON_REFUND = (
    f"app_sign: {_ON_MASTER}, md5(app_id + timestamp + master_secret), not the App Secret."
)
MASTER_SECRET_MISMATCH = (
    f"app_sign: does not match md5(app_id + timestamp + master_secret): {_ON_MASTER}."
)


@dataclass(frozen=True)
class AuthFailure:
    code: ResultCode
    detail: str


def check_signature(
    body: Mapping[str, Any],
    apps: Mapping[str, str],
    now_ms: int,
    window_ms: int,
    master_secrets: Mapping[str, str] | None = None,
) -> AuthFailure | str:
    """The authenticated app_id, or why the request is refused. `master_secrets`
    (app_id -> Master Secret) is given for a refund only."""
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
    master_secret = (master_secrets or {}).get(app_id)
    if master_secret is None:
        if not _signed_with(apps[app_id], app_id, timestamp, sign):
            return AuthFailure(ResultCode.APP_INVALID, APP_SECRET_MISMATCH)
    elif not _signed_with(master_secret, app_id, timestamp, sign):
        if _signed_with(apps[app_id], app_id, timestamp, sign):
            return AuthFailure(ResultCode.APP_INVALID, APP_SECRET_ON_REFUND)
        return AuthFailure(ResultCode.APP_INVALID, MASTER_SECRET_MISMATCH)
    if abs(now_ms - timestamp) > window_ms:
        return AuthFailure(
            ResultCode.APP_INVALID,
            f"timestamp: more than {window_ms // 1000} s away from the server's clock.",
        )
    return app_id


def _signed_with(secret: str, app_id: str, timestamp: int, sign: object) -> bool:
    return isinstance(sign, str) and signature_matches(app_id, timestamp, secret, sign)
