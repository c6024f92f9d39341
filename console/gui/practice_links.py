"""A practice PayPal approval link, given on the address this console's sandbox serves.

Each console of a user runs its own practice sandbox, all on one database; the port a
link names is the port of the sandbox that made it, which may be gone (another
console's, closed since; this console's own before its port had to move:
docs/decisions.md, "One port kept for two consoles").
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from console.api.hosts import is_loopback

if TYPE_CHECKING:
    from console.gui.session import ConsoleSession
    from console.store.approval_links import ApprovalLink


def practice_link_here(session: ConsoleSession, link: ApprovalLink) -> ApprovalLink:
    """A practice approval link as this console's sandbox serves it. One made by another
    console's sandbox (a port of its own, gone when that console closed), or by this
    console's before its port had to move, names a port no sandbox may serve now; the
    sandboxes share one database, so this one serves the same page. A live profile's
    link is given as it was made, whatever its host."""
    from console.sandbox.service import APPROVAL_PATH  # its modules when first asked

    sandbox = session.sandbox
    if not session.profile.is_sandbox or sandbox is None:
        return link
    parts = urlsplit(link.url)
    if parts.scheme != "http" or not is_loopback(parts.hostname or ""):
        return link
    if not parts.path.startswith(APPROVAL_PATH):
        return link
    return link._replace(url=urlunsplit(parts._replace(netloc=urlsplit(sandbox.base_url).netloc)))
