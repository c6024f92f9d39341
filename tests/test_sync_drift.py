"""The history mirror's sync (console/store/sync.py) against a sandbox whose records
change while a walk reads them, over real HTTP: a host in front of the sandbox makes
the change once the first page has been read, before that page is handed over, so
that every later page sees it (a record removed, paid, refunded or made meanwhile)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from console.api import BeeCloudClient
from console.api.models import now_ms
from console.api.paging import all_bills
from console.sandbox import SandboxServer
from console.sandbox.seed import seed
from console.sandbox.store import Bill, new_id
from console.store.mirror import BILLS, Mirror
from console.store.sync import SyncResult, sync
from tests.mirror_support import assert_mirrors_server, make_client, on_sandbox
from tests.net_support import FORWARD_TIMEOUT_S, ForwardingHost, relay
from tests.sandbox_support import APP_ID


class DriftingHost(ForwardingHost):
    """A host in front of the sandbox that calls `change` once, when the sandbox has
    answered the first page (skip 0) of the list `endpoint` ("bills", "refunds"), before
    that answer is passed on: the pages after it are read from the changed records."""

    def __init__(self, target: str, endpoint: str, change: Callable[[], None]) -> None:
        self.path = f"/1/rest/{endpoint}"
        self.change = change
        self.changed = False
        self._lock = threading.Lock()
        super().__init__(target, self.relay_post, self._answer)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        answer = requests.get(self.target + handler.path, timeout=FORWARD_TIMEOUT_S)
        parts = urlsplit(handler.path)
        if parts.path == self.path:
            para = json.loads(parse_qs(parts.query)["para"][0])
            with self._lock:
                if not self.changed and para.get("skip", 0) == 0:
                    self.change()
                    self.changed = True
        relay(handler, answer)


def paid_bills(sandbox: SandboxServer, prefix: str, count: int, made_ms: int) -> None:
    """`count` paid card bills made at `made_ms`, straight into the sandbox's store."""
    assert sandbox.store is not None
    bills = [
        Bill(
            APP_ID,
            f"{prefix}{n:06d}",
            "PAYPAL_CREDITCARD",
            100,
            "t",
            "USD",
            True,
            made_ms,
            new_id(),
        )
        for n in range(count)
    ]
    with sandbox.store.transaction() as tx:
        tx.insert_bills(bills)


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[BeeCloudClient]:
    made = make_client(sandbox.base_url)
    yield made
    made.close()


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    made = Mirror.open(tmp_path / "mirrors" / "profile.sqlite3", APP_ID)
    yield made
    made.close()


def drifting_sync(
    sandbox: SandboxServer,
    mirror: Mirror,
    endpoint: str,
    change: Callable[[], None],
    full: bool = False,
) -> SyncResult:
    """A sync through a DriftingHost; the change was made."""
    with DriftingHost(sandbox.base_url, endpoint, change) as host:
        drifting = make_client(host.url)
        try:
            result = sync(mirror, drifting, full=full)
        finally:
            drifting.close()
        assert host.changed
    return result


@pytest.mark.parametrize("full", [False, True], ids=["first sync", "everything again"])
def test_a_bill_removed_while_everything_is_walked_is_not_kept_for_the_one_it_hid(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, full: bool
) -> None:
    """A bill of the first page removed once that page is read moves every bill after it
    up a place: the walk skipped the one that moved onto the first page, and kept the
    removed one. The count (one fewer listed) forgot nothing, and every later sync's
    check found the counts equal (one too many, one missing): the history lacked a bill
    and held a bill the server has no more, and was said whole."""
    assert sandbox.store is not None
    seed(sandbox.store, APP_ID, 240, 2015)  # months of bills: no incremental walk reaches
    if full:
        sync(mirror, client)
    removed = all_bills(client)[20].bill_no

    def remove() -> None:
        assert on_sandbox(sandbox, "DELETE FROM bills WHERE bill_no = ?", removed) == 1

    drifting_sync(sandbox, mirror, "bills", remove, full=full)
    assert_mirrors_server(mirror, client)
    later = sync(mirror, client)
    assert later.unsure == () and later.repaired == ()
    assert_mirrors_server(mirror, client)


@pytest.mark.parametrize("first", [True, False], ids=["first sync", "incremental"])
def test_the_history_is_as_of_when_its_walk_began_not_when_it_ended(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, first: bool
) -> None:
    """A bill made while a walk runs, after its first page was read, is not listed (it
    is on the first page now): the next sync brings it. The history was said to be as
    of the sync's end, after that bill was made: a clerk looking for a bill paid a
    minute before "as of" on a long first sync did not find it. It is as of when the
    walk began: every bill made by then is in it."""
    assert sandbox.store is not None
    seed(sandbox.store, APP_ID, 240, 2015)
    if not first:  # an incremental walk of a few pages
        paid_bills(sandbox, "before", 120, now_ms())
        sync(mirror, client)
        paid_bills(sandbox, "since", 120, now_ms())

    def pay() -> None:  # made after the walk's first page was asked for
        paid_bills(sandbox, "meanwhile", 1, now_ms() + 1)

    drifting_sync(sandbox, mirror, "bills", pay)
    synced = mirror.synced(BILLS)
    assert synced is not None
    kept = {bill.bill_no for bill in mirror.bills()}
    made_by_then = {
        bill.bill_no for bill in all_bills(client) if bill.created_time <= synced.synced_ms
    }
    assert made_by_then <= kept
    sync(mirror, client)
    assert_mirrors_server(mirror, client)
