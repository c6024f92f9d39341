"""What a host did, in words: the reasons HostFailure and OutcomeUnknownError give
(after the host's address, e.g. "https://apibj.beecloud.cn did not answer in time").

English, as the client's other messages; never a URL (a GET's URL carries app_sign).
Each is one of console/api/reason_templates.py's filled in, which the GUI says in the
language shown (console/gui/api_texts.py).
"""

from __future__ import annotations

import html
import json
import re
import ssl

import requests

from console.api.deadlines import ABORTED
from console.api.models import shown_text
from console.api.reason_templates import (
    ABORTED_SENT,
    ABORTED_UNSENT,
    DROPPED,
    FAILED,
    LATE,
    LATE_UNSENT,
    NOT_ACCEPTED,
    NOT_ANSWERED,
    PROXY_FAILED,
    PROXY_REFUSED,
    REDIRECTED,
    REFUSED_OR_DROPPED,
    SERVER_ERROR,
    TLS_FAILED,
    TOO_LARGE,
    UNTRUSTED,
    WAIT,
    WAIT_UNTIMED,
)
from console.api.transport import (
    MAX_ANSWER_MB,
    Cut,
    Failed,
    HttpAnswer,
    NotAnswered,
    never_connected,
)


def _causes(error: BaseException) -> list[BaseException]:
    """The error and what it wraps (its args, reason, cause and context), a few deep."""
    seen: list[BaseException] = []
    pending: list[object] = [error]
    while pending and len(seen) < 12:
        item = pending.pop()
        if not isinstance(item, BaseException) or item in seen:
            continue
        seen.append(item)
        pending += [*item.args, getattr(item, "reason", None), item.__cause__, item.__context__]
    return seen


def tls_problem(error: BaseException) -> str:
    """Why TLS failed, in words, without the URL (a GET's URL carries app_sign)."""
    causes = _causes(error)
    for item in causes:
        if isinstance(item, ssl.SSLCertVerificationError):
            return UNTRUSTED.format(detail=item.verify_message or "certificate verify failed")
    ssl_errors = [item for item in causes if isinstance(item, ssl.SSLError)]
    detail = next((str(e.reason) for e in ssl_errors if e.reason), "no TLS detail")
    return TLS_FAILED.format(detail=detail)


def untrusted(failure: NotAnswered) -> bool:
    """Whether the host's TLS certificate was not trusted: the client would not ask it
    (it sent nothing), by its own choice."""
    return isinstance(failure, Failed) and any(
        isinstance(item, ssl.SSLCertVerificationError) for item in _causes(failure.error)
    )


# http.client's words when a proxy answers a CONNECT with anything but 200
_TUNNEL_REFUSED = re.compile(r"Tunnel connection failed: (\d{3})\b")


def proxy_problem(error: requests.exceptions.ProxyError) -> str:
    """What the proxy did, which gave no tunnel to the host (so nothing was sent)."""
    for item in _causes(error):
        refused = _TUNNEL_REFUSED.search(str(item)) if isinstance(item, OSError) else None
        if refused:
            return PROXY_REFUSED.format(status=refused.group(1))
    return PROXY_FAILED


def request_failure_reason(error: requests.RequestException, sent: bool) -> str:
    if isinstance(error, requests.exceptions.ProxyError):
        return proxy_problem(error)
    if isinstance(error, requests.exceptions.SSLError):
        return tls_problem(error)
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return NOT_ACCEPTED
    if isinstance(error, requests.exceptions.ReadTimeout):
        # not sent: the TLS handshake (or a proxy's tunnel) timed out
        return NOT_ANSWERED if sent else LATE_UNSENT
    if isinstance(error, requests.exceptions.ConnectionError):
        return REFUSED_OR_DROPPED if never_connected(error) else DROPPED
    return FAILED.format(error=type(error).__name__)


def host_reason(failure: NotAnswered, deadline_s: float) -> str:
    """What the host did when no usable answer came, in words."""
    if isinstance(failure, Cut):
        if failure.why == ABORTED:
            return ABORTED_SENT if failure.sent else ABORTED_UNSENT
        return LATE.format(seconds=deadline_s) if failure.sent else LATE_UNSENT
    if isinstance(failure, Failed):
        return request_failure_reason(failure.error, failure.sent)
    return TOO_LARGE.format(megabytes=MAX_ANSWER_MB)


ASKS_TO_WAIT = (429, 503)  # Too Many Requests, Service Unavailable
DENIES = (401, 403)  # Unauthorized, Forbidden: outside BeeCloud's envelope, a refusal


def unusable(answer: HttpAnswer) -> str | None:
    """Why an answer cannot be an API answer at all (its host failed), or None."""
    if answer.is_redirect:
        return REDIRECTED.format(status=answer.status)
    if answer.status in ASKS_TO_WAIT:
        if answer.retry_after_s is None:
            return WAIT_UNTIMED.format(status=answer.status)
        return WAIT.format(status=answer.status, seconds=answer.retry_after_s)
    if answer.status >= 500:
        return SERVER_ERROR.format(status=answer.status)
    return None


# Where an answer outside BeeCloud's envelope gives its words: a JSON object's first of
# these keys that holds text (the sandbox's own refusals and most gateways' say
# err_detail, message or error), an HTML page's title, a text's first line.
WORD_KEYS = ("err_detail", "message", "error_description", "detail", "error", "msg")
WORDS_READ_BYTES = 16 * 1024  # a page's title is near its top
_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def said(answer: HttpAnswer) -> str:
    """What a host said, in its own words, when it refused outside BeeCloud's envelope
    (an HTTP status of 400 or more; "" for any other answer):
    text that can be shown (models.shown_text: at most 200 characters, no line break,
    control character or direction mark), never markup; "" when it said nothing to
    read. The secrets a server may echo (an app_sign, a card number) are taken out by
    whoever shows or keeps them (console/store/audit_log.py redact)."""
    text = answer.snippet(WORDS_READ_BYTES // 4).strip()
    if answer.status < 400 or not text:
        return ""
    words = ""
    try:
        decoded = json.loads(answer.body)  # at most MAX_ANSWER_BYTES
    except (ValueError, RecursionError):
        decoded = None
    if isinstance(decoded, dict):
        words = next(
            (v for key in WORD_KEYS if isinstance(v := decoded.get(key), str) and v.strip()),
            "",
        )
    elif decoded is None and (text.startswith("<") or "html" in answer.content_type.lower()):
        title = _TITLE.search(text)
        words = html.unescape(_TAG.sub("", title.group(1))) if title else ""
    elif decoded is None:
        words = text.splitlines()[0]
    return shown_text(" ".join(words.split()))
