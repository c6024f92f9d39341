"""What a host did, in words: the reasons HostFailure and OutcomeUnknownError give
(after the host's address, e.g. "https://apibj.beecloud.cn did not answer in time").

English, as the client's other messages; never a URL (a GET's URL carries app_sign).
"""

from __future__ import annotations

import ssl

import requests

from console.api.deadlines import ABORTED
from console.api.transport import (
    MAX_ANSWER_MB,
    Cut,
    Failed,
    HttpAnswer,
    NotAnswered,
    never_connected,
)

# What a host did, as HostFailure.reason and OutcomeUnknownError.reason say it (after
# the host's address).
REDIRECTED = "answered with a redirect, HTTP {status}, which was not followed"
TOO_LARGE = f"answered with more than {MAX_ANSWER_MB} MB, which was not read"
LATE = "did not finish answering in time (within {seconds:g} s)"
LATE_UNSENT = "did not complete the connection in time; nothing was sent"
ABORTED_SENT = "had not answered when the call was aborted (the client was closed)"
ABORTED_UNSENT = "the call was aborted (the client was closed) before anything was sent"
CLOSED = "not tried: the client was closed; nothing was sent"
REFUSED = "not tried: {problem}; nothing was sent"


def tls_problem(error: BaseException) -> str:
    """Why TLS failed, in words, without the URL (a GET's URL carries app_sign)."""
    seen: list[BaseException] = []
    pending: list[object] = [error]
    while pending and len(seen) < 12:
        item = pending.pop()
        if not isinstance(item, BaseException) or item in seen:
            continue
        seen.append(item)
        if isinstance(item, ssl.SSLCertVerificationError):
            detail = item.verify_message or "certificate verify failed"
            return (
                f"refused: its TLS certificate was not trusted ({detail}); nothing was sent. "
                "If this host uses a private CA, name its CA bundle in the profile"
            )
        pending += [*item.args, getattr(item, "reason", None), item.__cause__, item.__context__]
    ssl_errors = [item for item in seen if isinstance(item, ssl.SSLError)]
    detail = next((str(e.reason) for e in ssl_errors if e.reason), "no TLS detail")
    return f"TLS handshake failed ({detail}); nothing was sent"


def request_failure_reason(error: requests.RequestException, sent: bool) -> str:
    if isinstance(error, requests.exceptions.SSLError):
        return tls_problem(error)
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return "did not accept the connection in time"
    if isinstance(error, requests.exceptions.ReadTimeout):
        # not sent: the TLS handshake (or a proxy's tunnel) timed out
        return "did not answer in time" if sent else LATE_UNSENT
    if isinstance(error, requests.exceptions.ConnectionError):
        return (
            "refused or dropped the connection"
            if never_connected(error)
            else "dropped the connection before answering"
        )
    return f"request failed ({type(error).__name__})"


def host_reason(failure: NotAnswered, deadline_s: float) -> str:
    """What the host did when no usable answer came, in words."""
    if isinstance(failure, Cut):
        if failure.why == ABORTED:
            return ABORTED_SENT if failure.sent else ABORTED_UNSENT
        return LATE.format(seconds=deadline_s) if failure.sent else LATE_UNSENT
    if isinstance(failure, Failed):
        return request_failure_reason(failure.error, failure.sent)
    return TOO_LARGE


def unusable(answer: HttpAnswer) -> str | None:
    """Why an answer cannot be an API answer at all (its host failed), or None."""
    if answer.is_redirect:
        return REDIRECTED.format(status=answer.status)
    if answer.status >= 500:
        return f"answered HTTP {answer.status}"
    return None
