"""A sandbox's truth, asked directly with a client of its own, around the console:
the embedded sandbox of a session, or a standalone one."""

from __future__ import annotations

import sqlite3

from console.api.client import BeeCloudClient
from console.api.models import RefundQuery, RefundRecord
from console.gui.profiles import SANDBOX_APP_ID
from console.gui.session import ConsoleSession
from console.sandbox import SandboxServer
from console.sandbox.store import RecordFilter, Store
from tests.sandbox_support import APP_ID, APP_SECRET


def embedded_sandbox_client(session: ConsoleSession) -> BeeCloudClient:
    assert session.sandbox is not None
    credentials = session.credentials()
    return BeeCloudClient(
        credentials.app_id, credentials.secret, [session.sandbox.base_url], shuffle=False
    )


def sandbox_client(sandbox: SandboxServer) -> BeeCloudClient:
    """The test app's client straight to a standalone sandbox: the truth, asked directly."""
    return BeeCloudClient(APP_ID, APP_SECRET, [sandbox.base_url], shuffle=False)


def sandbox_of(session: ConsoleSession) -> SandboxServer:
    """The session's embedded sandbox in a thread of its own, with its store (for its
    faults and records)."""
    sandbox = session.sandbox
    assert isinstance(sandbox, SandboxServer) and sandbox.store is not None
    return sandbox


def sandbox_store(session: ConsoleSession) -> Store:
    """The store of the session's embedded sandbox (in a thread of this process)."""
    store = sandbox_of(session).store
    assert store is not None
    return store


def remove_vault_card(session: ConsoleSession, card_id: str) -> None:
    """Take a card out of the embedded sandbox's vault, as PayPal's vault may lose one."""
    _change_vault(session, "DELETE FROM cards WHERE id = ?", card_id)


def expire_vault_card(session: ConsoleSession, card_id: str) -> None:
    """Make a card in the embedded sandbox's vault one that expired in December 2020."""
    _change_vault(
        session, "UPDATE cards SET expire_year = 2020, expire_month = 12 WHERE id = ?", card_id
    )


def _change_vault(session: ConsoleSession, sql: str, card_id: str) -> None:
    with sqlite3.connect(sandbox_store(session).path) as vault:
        assert vault.execute(sql, (card_id,)).rowcount == 1
    vault.close()


def count_sandbox_bills(session: ConsoleSession) -> int:
    """How many bills the embedded sandbox's store holds."""
    store = sandbox_of(session).store
    assert store is not None
    return store.count_bills(SANDBOX_APP_ID, RecordFilter())


def refunds_of(client: BeeCloudClient, bill_no: str) -> list[RefundRecord]:
    return client.query_refunds(RefundQuery(bill_no=bill_no, limit=50))
