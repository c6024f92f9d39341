"""Keeping other web pages out: who may address the sandbox, and who may decide.

A page open in the clerk's browser can send requests to the sandbox on loopback
(it knows the well-known app secret). It cannot read their answers, nor send
JSON without asking first (a CORS preflight, which the sandbox never grants), so:
- an API write is taken only as JSON (`Content-Type: application/json`), never as
  a "simple" request (text/plain, a form, none) that a page sends without asking;
- a request is answered only when its Host names the sandbox: a page whose own
  name is made to point at 127.0.0.1 (DNS rebinding) reads its answers otherwise;
- an approval decision is taken only from the sandbox's own page: a browser says
  where a form comes from (Sec-Fetch-Site, Origin, Referer), as Go's
  net/http.CrossOriginProtection reads them; a request saying none of them is
  not a browser's, and is taken.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol
from urllib.parse import urlsplit


class Headers(Protocol):
    """A request's headers, read by name (Werkzeug's, a dict)."""

    def get(self, name: str) -> str | None: ...


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# a browser's own words for a request made from the page's own origin, or typed
SAME_ORIGIN_FETCHES = ("same-origin", "none")


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _with_port(name: str, port: int, scheme: str = "http") -> set[str]:
    """`name:port`, and `name` alone where the port is the scheme's own (browsers
    leave it out)."""
    hosts = {f"{_bracketed(name)}:{port}".lower()}
    if port == _DEFAULT_PORTS.get(scheme):
        hosts.add(_bracketed(name).lower())
    return hosts


def served_hosts(names: Iterable[str], port: int, public_url: str | None) -> frozenset[str]:
    """The Host headers the sandbox answers: each name it listens by (as given and as
    resolved) and every loopback name, with its port; and the host of its public URL."""
    hosts: set[str] = set()
    for name in {*names, *LOOPBACK_NAMES}:
        hosts |= _with_port(name, port)
    if public_url is not None:
        parts = urlsplit(public_url)
        if parts.hostname:
            scheme = parts.scheme.lower()
            hosts |= _with_port(parts.hostname, parts.port or _DEFAULT_PORTS[scheme], scheme)
    return frozenset(hosts)


def host_is_served(host: str | None, hosts: frozenset[str]) -> bool:
    return host is not None and host.strip().lower() in hosts


def _origin_is_served(url: str, hosts: frozenset[str]) -> bool:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return False
    return f"{_bracketed(parts.hostname)}:{port or _DEFAULT_PORTS[scheme]}".lower() in hosts


def from_another_site(headers: Headers, hosts: frozenset[str]) -> bool:
    """Whether a browser says the request comes from a page that is not the sandbox's."""
    fetch_site = headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.strip().lower() not in SAME_ORIGIN_FETCHES
    origin = headers.get("Origin")
    if origin is not None:  # "null": an opaque origin (a sandboxed frame, a data: page)
        return not _origin_is_served(origin, hosts)
    referer = headers.get("Referer")
    if referer is not None:
        return not _origin_is_served(referer, hosts)
    return False
