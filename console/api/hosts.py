"""Where BeeCloud answers: the API document's hosts, and how a typed host is read.

Apart from the client so that the GUI can name them without loading the HTTP stack.
"""

from __future__ import annotations

# The API document's four equivalent hosts; the only place they are written.
DEFAULT_HOSTS: tuple[str, ...] = (
    "https://apibj.beecloud.cn",
    "https://apisz.beecloud.cn",
    "https://apiqd.beecloud.cn",
    "https://apihz.beecloud.cn",
)


def normalise_host(host: str) -> str:
    """'apibj.beecloud.cn' -> 'https://apibj.beecloud.cn'; no trailing slash."""
    host = host.strip().rstrip("/")
    return host if "://" in host else f"https://{host}"
