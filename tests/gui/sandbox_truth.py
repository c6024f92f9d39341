"""The embedded sandbox's truth, asked directly with a client of its own."""

from __future__ import annotations

from console.api.client import BeeCloudClient
from console.gui.session import ConsoleSession


def embedded_sandbox_client(session: ConsoleSession) -> BeeCloudClient:
    assert session.sandbox is not None
    credentials = session.credentials()
    return BeeCloudClient(
        credentials.app_id, credentials.secret, [session.sandbox.base_url], shuffle=False
    )
