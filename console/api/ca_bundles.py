"""Whether a CA bundle can be used: a profile's, or the one the environment names
(REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE). One that is gone, or a file holding no
certificate (an empty file, a key, a document picked by mistake), fails every https
call before anything is sent; said as such, it is the file a clerk or an office's
administrator mends, not a server that did not answer. No Qt here."""

from __future__ import annotations

import os
import ssl
import stat

MISSING = "missing"
NO_CERTIFICATE = "no_certificate"
UNREADABLE = "unreadable"  # there, but this user may not read it

# What each file was found to be, by its path, size and times of change (of its
# contents, and of its permissions): a bundle is read once, not on every call (the
# certifi bundle takes milliseconds to read). A file that could not be read is read
# again at the next call.
_found: dict[tuple[str, int, int, int], str | None] = {}


def bundle_problem(path: str) -> str | None:
    """MISSING, NO_CERTIFICATE, or None for a bundle that can be used. A folder (of
    certificates, as requests takes one from the environment) is taken as it is; a
    device or a pipe is no bundle (reading /dev/zero would never end)."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # gone, unreadable, or a path holding a NUL
        return MISSING
    if stat.S_ISDIR(status.st_mode):
        return None
    if not stat.S_ISREG(status.st_mode):
        return NO_CERTIFICATE
    key = (path, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    if key in _found:
        return _found[key]
    found = _read(path)
    if found != UNREADABLE:
        _found[key] = found
    return found


def _read(path: str) -> str | None:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        context.load_verify_locations(cafile=path)
    except ssl.SSLError:
        return NO_CERTIFICATE
    except OSError:
        return UNREADABLE
    return None if context.cert_store_stats()["x509"] else NO_CERTIFICATE  # CA or not
