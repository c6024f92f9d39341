"""The words of what a host did (console/api/reasons.py), as templates: each reason a
HostFailure or an OutcomeUnknownError gives is one of TEMPLATES filled in. Apart from
the reasons' logic, which needs the HTTP stack: the GUI loads these at start, to say
them in the language shown (console/gui/api_texts.py)."""

from __future__ import annotations

# What a host did, as HostFailure.reason and OutcomeUnknownError.reason say it (after
# the host's address).
REDIRECTED = "answered with a redirect, HTTP {status}, which was not followed"
TOO_LARGE = "answered with more than {megabytes} MB, which was not read"
LATE = "did not finish answering in time (within {seconds:g} s)"
LATE_UNSENT = "did not complete the connection in time; nothing was sent"
ABORTED_SENT = "had not answered when the call was aborted (the client was closed)"
ABORTED_UNSENT = "the call was aborted (the client was closed) before anything was sent"
CLOSED = "not tried: the client was closed; nothing was sent"
REFUSED = "not tried: {problem}; nothing was sent"  # a problem of console/api/hosts.py
NO_CA_BUNDLE = "not tried: the CA bundle {path} does not exist; nothing was sent"
# REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE names it, and the profile none
NO_ENVIRONMENT_CA_BUNDLE = (
    "not tried: the CA bundle {path} named by {variable} does not exist; nothing was sent"
)
# a file that is there, but holds no certificate (console/api/ca_bundles.py)
NO_CERTIFICATE_IN_CA_BUNDLE = (
    "not tried: the CA bundle {path} holds no certificate; nothing was sent"
)
NO_CERTIFICATE_IN_ENVIRONMENT_CA_BUNDLE = (
    "not tried: the CA bundle {path} named by {variable} holds no certificate; nothing was sent"
)
# a file that is there, but this user may not read
UNREADABLE_CA_BUNDLE = "not tried: the CA bundle {path} cannot be read; nothing was sent"
UNREADABLE_ENVIRONMENT_CA_BUNDLE = (
    "not tried: the CA bundle {path} named by {variable} cannot be read; nothing was sent"
)
# the proxy set in the environment (console/api/proxies.py)
PROXY_UNUSABLE = (
    "not tried: the proxy {proxy} set on this computer cannot be used (only an http:// "
    "or https:// address can); nothing was sent"
)
PROXY_REFUSED = (
    "the proxy refused to connect to it (HTTP {status}); nothing was sent. "
    "Ask whoever manages this office's network"
)
PROXY_FAILED = "could not be reached through the proxy; nothing was sent"
UNTRUSTED = (
    "refused: its TLS certificate was not trusted ({detail}); nothing was sent. "
    "If this host uses a private CA, name its CA bundle in the profile"
)
TLS_FAILED = "TLS handshake failed ({detail}); nothing was sent"
NOT_ACCEPTED = "did not accept the connection in time"
NOT_ANSWERED = "did not answer in time"
REFUSED_OR_DROPPED = "refused or dropped the connection"
DROPPED = "dropped the connection before answering"
FAILED = "request failed ({error})"
SERVER_ERROR = "answered with an error, HTTP {status}"
NOT_JSON = "answered HTTP {status} with an HTML page instead of JSON"  # BadAnswerError's
NOT_BEECLOUD = "answered HTTP {status} with something that is not a BeeCloud answer"
# 429 Too Many Requests, 503 Service Unavailable: busy, or down for maintenance
WAIT = "answered HTTP {status}: it cannot take requests now and asks to wait {seconds} s"
WAIT_UNTIMED = "answered HTTP {status}: it cannot take requests now"
RESTING = "not tried: it asked to wait {seconds} s more; nothing was sent"
# 401, 403 outside BeeCloud's envelope: a gateway, a firewall or the server's own
DENIED = "answered HTTP {status}: it refused access"
TEMPLATES = (
    REDIRECTED,
    TOO_LARGE,
    LATE,
    LATE_UNSENT,
    ABORTED_SENT,
    ABORTED_UNSENT,
    CLOSED,
    REFUSED,
    NO_CA_BUNDLE,
    NO_ENVIRONMENT_CA_BUNDLE,
    NO_CERTIFICATE_IN_CA_BUNDLE,
    NO_CERTIFICATE_IN_ENVIRONMENT_CA_BUNDLE,
    UNREADABLE_CA_BUNDLE,
    UNREADABLE_ENVIRONMENT_CA_BUNDLE,
    PROXY_UNUSABLE,
    PROXY_REFUSED,
    PROXY_FAILED,
    UNTRUSTED,
    TLS_FAILED,
    NOT_ACCEPTED,
    NOT_ANSWERED,
    REFUSED_OR_DROPPED,
    DROPPED,
    FAILED,
    SERVER_ERROR,
    NOT_JSON,
    NOT_BEECLOUD,
    WAIT,
    WAIT_UNTIMED,
    RESTING,
    DENIED,
)
