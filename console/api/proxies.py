"""Which proxy of the environment a host's calls go through, and whether it can be.

A live host's go through the proxy the environment names for it (HTTP_PROXY,
HTTPS_PROXY, ALL_PROXY, in either case; NO_PROXY honoured), by requests' own rules,
as an office that routes the web through a proxy wants: an https call is a CONNECT
tunnel, its TLS checked end to end against the host's certificate. A host on this
computer (a sandbox: 127.0.0.0/8, ::1, localhost) is reached directly, whatever the
environment says: a proxy would read its plain http in the clear (a card's number
and CVV, an app_sign) and could answer for it.

A proxy requests cannot use (a SOCKS one without PySocks, an address that is not one)
is said before anything is sent, by its address without its user name or password.
"""

from __future__ import annotations

import importlib.util
from urllib.parse import urlsplit

import requests
from urllib3.util import parse_url

from console.api.hosts import is_loopback
from console.api.models import shown_text

HTTP_SCHEMES = ("http", "https")
# requests reaches these only through urllib3.contrib.socks, which needs PySocks
SOCKS_SCHEMES = ("socks4", "socks4a", "socks5", "socks5h")


def proxies_for(host: str) -> dict[str, str]:
    """The proxies requests is to use for this host's calls ({}: none)."""
    if is_loopback(urlsplit(host).hostname or ""):
        return {}
    return requests.utils.get_environ_proxies(host)


def unusable_proxy(host: str, proxies: dict[str, str]) -> str | None:
    """The address of the proxy this host's calls would take, as it may be shown, when
    requests cannot use it; None when there is none or it can be used."""
    proxy = requests.utils.select_proxy(host, proxies)
    if not proxy:
        return None
    try:  # as requests reads it: no scheme is http://
        parts = parse_url(proxy)
        usable = (parts.scheme or "http") in usable_schemes() and bool(parts.host)
    except ValueError:  # urllib3's LocationParseError: a port that is no number...
        usable = False
    return None if usable else shown_proxy(proxy)


def usable_schemes() -> tuple[str, ...]:
    if importlib.util.find_spec("socks") is None:
        return HTTP_SCHEMES
    return HTTP_SCHEMES + SOCKS_SCHEMES


def shown_proxy(proxy: str) -> str:
    """A proxy's address without its user name and password (user:pass@)."""
    scheme, separator, rest = proxy.partition("://")
    if not separator:
        scheme, rest = "", proxy
    address = rest.rpartition("@")[2]
    return shown_text(f"{scheme}{separator}{address}")
