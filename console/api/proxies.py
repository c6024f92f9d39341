"""Which proxy of the environment a host's calls go through.

A live host's go through the proxy the environment names for it (HTTP_PROXY,
HTTPS_PROXY, ALL_PROXY, in either case; NO_PROXY honoured), by requests' own rules,
as an office that routes the web through a proxy wants: an https call is a CONNECT
tunnel, its TLS checked end to end against the host's certificate. A host on this
computer (a sandbox: 127.0.0.0/8, ::1, localhost) is reached directly, whatever the
environment says: a proxy would read its plain http in the clear (a card's number
and CVV, an app_sign) and could answer for it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import requests

from console.api.hosts import is_loopback


def proxies_for(host: str) -> dict[str, str]:
    """The proxies requests is to use for this host's calls ({}: none)."""
    if is_loopback(urlsplit(host).hostname or ""):
        return {}
    return requests.utils.get_environ_proxies(host)
