"""Where BeeCloud answers: the API document's hosts, how a typed host is read, and
which hosts the client refuses to send to.

Apart from the client so that the GUI can name and check them without loading the
HTTP stack.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# The API document's four equivalent hosts; the only place they are written.
DEFAULT_HOSTS: tuple[str, ...] = (
    "https://apibj.beecloud.cn",
    "https://apisz.beecloud.cn",
    "https://apiqd.beecloud.cn",
    "https://apihz.beecloud.cn",
)


def normalise_host(host: str) -> str:
    """'apibj.beecloud.cn' -> 'https://apibj.beecloud.cn'; no trailing slash."""
    host = host.strip()
    scheme, separator, rest = host.partition("://")
    if not separator:
        scheme, rest = "https", host
    return f"{scheme}://{rest.rstrip('/')}"


# Why a host is refused, by a stable key (host_problem's answer): English texts to be
# read after "not tried: " or beside the profile's hosts field. The GUI translates the
# same texts by the same keys, as it does validate.py's MESSAGES.
HOST_MESSAGES: dict[str, str] = {
    "invalid": "the address is not valid (check its spelling and its port)",
    "scheme": "the address must start with https:// (http:// only for a local sandbox)",
    "userinfo": "the address must not hold a user name or password (user:pass@)",
    "query": "the address must not hold a query (?) or a fragment (#)",
    "no_host_name": "the address has no host name",
    "plain_http": "plain http:// is allowed only for a local sandbox",
    "not_ascii": (
        "the address must be written in ASCII letters (a host in other letters can "
        "imitate another: type its xn-- form)"
    ),
}

LOCAL_NAMES = ("localhost",)


def host_problem(host: str) -> str | None:
    """What is wrong with a host as typed (normalised first), as a key of HOST_MESSAGES;
    None when the client may send to it.

    A live host is https. Plain http:// is allowed only for a loopback address
    (127.0.0.0/8, ::1, localhost): a local sandbox, which no one else can listen on. It
    is written in ASCII: a host in other letters is shown as typed and reached by its
    xn-- form, and may imitate another (a Cyrillic "е" in "beecloud").
    """
    url = normalise_host(host)
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        return "invalid"
    if not url.isascii():  # "api.bеecloud.cn" with a Cyrillic "е" reads as BeeCloud's
        return "not_ascii"
    try:
        parts = urlsplit(url)
    except ValueError:  # a broken [IPv6] literal, a host that changes under NFKC
        return "invalid"
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if "@" in parts.netloc:
        return "userinfo"
    if "?" in url or "#" in url:
        return "query"
    if not parts.hostname:
        return "no_host_name"
    try:
        _ = parts.port  # not a number, or out of 0-65535: ValueError
    except ValueError:
        return "invalid"
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        return "plain_http"
    return None


def is_loopback(hostname: str) -> bool:
    """127.0.0.0/8, ::1 or localhost (urlsplit gives the name lower-cased, no brackets)."""
    if hostname in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False
