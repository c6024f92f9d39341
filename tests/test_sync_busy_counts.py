"""The history's sync (console/store/sync.py) against a sandbox whose counts are busy
(429, 503) or lie while its lists answer: the records are synced all the same, a busy
count is asked again a bounded number of times within a bounded wait, and what could
not be counted is said, never a count that was not given. Real HTTP over loopback."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.api import BeeCloudClient
from console.sandbox import SandboxServer
from console.sandbox.faults import Fault
from console.sandbox.seed import seed
from console.store.mirror import BILLS, REFUNDS, Mirror
from console.store.sync import COUNT_BACKOFF_S, COUNT_TRIES, sync
from tests.mirror_support import assert_mirrors_server, make_client, pay_by_card
from tests.sandbox_support import APP_ID


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[BeeCloudClient]:
    assert sandbox.store is not None
    seed(sandbox.store, APP_ID, 60)
    made = make_client(sandbox.base_url)
    yield made
    made.close()


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[Mirror]:
    made = Mirror.open(tmp_path / "profile.sqlite3", APP_ID)
    yield made
    made.close()


@pytest.mark.parametrize("kind", ["busy-429", "down-503"])
@pytest.mark.parametrize("endpoint", ["bills-count", "refunds-count"])
def test_counts_always_busy_leave_the_records_synced_and_say_what_was_not_counted(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, kind: str, endpoint: str
) -> None:
    sync(mirror, client)
    pay_by_card(client)
    sandbox.faults.set(endpoint, Fault(kind))
    started = time.monotonic()
    result = sync(mirror, client)
    took = time.monotonic() - started
    sandbox.faults.clear()
    assert result.bills is not None and result.refunds is not None and not result.cancelled
    assert_mirrors_server(mirror, client)
    busy = BILLS if endpoint == "bills-count" else REFUNDS
    assert busy in result.busy_counts, "said, not taken for a count that agreed"
    # the check's, the paid stretch's and the walk's counts, asked at once
    assert sandbox.faults.hits(endpoint) <= 3 * COUNT_TRIES, "asked again a few times only"
    assert took < 2 * COUNT_TRIES * COUNT_BACKOFF_S + 2


@pytest.mark.parametrize("endpoint", ["bills-count", "refunds-count"])
def test_a_count_busy_once_is_asked_again_and_used(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, endpoint: str
) -> None:
    sync(mirror, client)
    sandbox.faults.set(endpoint, Fault("busy-429", count=1))
    result = sync(mirror, client)
    assert sandbox.faults.hits(endpoint) == 1
    assert result.busy_counts == () and result.counted
    assert result.bills is not None and result.refunds is not None
    assert_mirrors_server(mirror, client)


def test_a_first_sync_whose_counts_are_busy_has_every_record(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    sandbox.faults.set("bills-count", Fault("down-503"))
    sandbox.faults.set("refunds-count", Fault("busy-429"))
    result = sync(mirror, client)
    sandbox.faults.clear()
    assert result.busy_counts == (BILLS, REFUNDS)
    assert_mirrors_server(mirror, client)
