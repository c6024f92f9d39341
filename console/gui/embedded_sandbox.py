"""The console's embedded sandbox: its app secret, its demo bills, and its early start.

Only QtCore is loaded here, so the console can fork the sandbox's process before
it loads its window's modules (console/gui/app.py): the child then loads Flask
and waitress on the other core while the parent loads Qt's widgets and builds
the window. The session starts the sandbox in a thread instead when it was not
forked (console/gui/session.py).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from console.gui.profiles import SANDBOX_APP_ID, ProfileStore
from console.gui.settings import SANDBOX_PORT, Settings
from console.port_keeping import may_keep_port

if TYPE_CHECKING:
    from console.sandbox.forked import ForkedSandbox

DEMO_BILLS = 3000


def sandbox_port(settings: Settings) -> int:
    """The port of last time (0: any free one)."""
    port = settings.get(SANDBOX_PORT)
    return port if 1024 <= port <= 65535 else 0


def new_sandbox_secret() -> str:
    """The embedded sandbox's app secret: made afresh at every start, never stored."""
    return secrets.token_hex(16)


def fork_sandbox_early(
    settings: Settings,
    data_dir: Path,
    log_dir: Path | None,
    demo_bills: int = DEMO_BILLS,
    keep_port: bool = True,
) -> ForkedSandbox | None:
    """When the console will open on the sandbox profile and may fork (Linux, no Qt
    application and no thread running yet), start the embedded sandbox in a child
    process now (console/sandbox/forked.py). None otherwise: the session then starts
    it in a thread when first needed. Its port is kept for the next start unless not
    `keep_port` (a start no clerk sees: the port kept may be held by the clerk's
    console, running meanwhile), or another console of the user's serves on the port
    kept (console/port_keeping.py)."""
    from console.sandbox.forked import ForkedSandbox, can_fork_here

    if QCoreApplication.instance() is not None:
        return None
    profiles = ProfileStore(settings)
    profile = profiles.find(profiles.last_id())  # None: an unknown one, so the sandbox
    if (profile is not None and not profile.is_sandbox) or not can_fork_here():
        return None
    apps = {SANDBOX_APP_ID: new_sandbox_secret()}
    sandbox = ForkedSandbox(
        data_dir / "sandbox.sqlite3", apps, demo_bills, log_dir, port=sandbox_port(settings)
    ).start()
    if keep_port and may_keep_port(data_dir):
        settings.put(SANDBOX_PORT, sandbox.port)
    return sandbox
