"""The address browsers reach the sandbox at, which its PayPal approval links name.

A link is never built from a request's Host header: a client could make it point at
any host, or at none. The sandbox names the address it listens on, or the public
URL it was given (say, when it listens on 0.0.0.0 for other computers)."""

from __future__ import annotations

from urllib.parse import urlsplit


def checked_public_url(text: str) -> str:
    """`http(s)://host[:port]`, without a trailing slash; ValueError says what is wrong."""
    try:
        parts = urlsplit(text)
        port = parts.port  # a port that is not a number from 0 to 65535 raises ValueError
    except ValueError:
        raise ValueError("not a valid address") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("an http:// or https:// address with a host name")
    if any(ch.isspace() or ch in "\\\x7f" or ord(ch) < 0x20 for ch in text):
        raise ValueError("no white space, backslash or control character")
    if parts.username is not None or parts.password is not None:
        raise ValueError("no user name or password (user:pass@)")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "?" in text or "#" in text:
        raise ValueError("only the scheme, host and port: no path, query or fragment")
    if port == 0:
        raise ValueError("a port is 1 to 65535")
    return text.rstrip("/")
