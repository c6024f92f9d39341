"""The history mirror's sync (console/store/sync.py) against a sandbox that lies in ways
its own rules forbid, over loopback HTTP: what the mirror keeps, what the Overview
sums, and whether the sync says so."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from console.api import BeeCloudClient
from console.api.errors import RefundsExceedBillError
from console.api.models import now_ms
from console.sandbox import SandboxServer
from console.sandbox.store import Bill, Refund, new_id
from console.store.mirror import REFUNDS, Mirror
from console.store.mirror_query import overview_of
from console.store.sync import sync
from tests.mirror_support import assert_mirrors_server, make_client, mirror_records, on_sandbox
from tests.sandbox_support import APP_ID, refund_no


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


def refunded_twice(
    sandbox: SandboxServer, first: int, second: int, between: Callable[[], object] = lambda: None
) -> tuple[str, str, str]:
    """A paid bill of USD 10.00 that the sandbox's store holds two successful refunds
    of (against its own rule of one), of `first` and `second` hundredths, `between`
    called after the first is made: its bill_no and the two refund_nos."""
    assert sandbox.store is not None
    made = now_ms() - 60_000
    bill = Bill(APP_ID, "BCTWICE0001", "PAYPAL_CREDITCARD", 1000, "t", "USD", True, made, new_id())
    refunds = [
        Refund(APP_ID, refund_no("TWICE1"), bill.bill_no, first, True, True, made + 1, new_id()),
        Refund(APP_ID, refund_no("TWICE2"), bill.bill_no, second, True, True, made + 2, new_id()),
    ]
    with sandbox.store.transaction() as tx:
        tx.insert_bills([bill])
        tx.insert_refunds(refunds[:1])
    between()
    with sandbox.store.transaction() as tx:
        tx.insert_refunds(refunds[1:])
    return bill.bill_no, refunds[0].refund_no, refunds[1].refund_no


@pytest.mark.parametrize("kept_before", [False, True], ids=["one-sync", "across-syncs"])
def test_refunds_that_together_refund_more_than_their_bill_are_left_out_and_said(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, kept_before: bool
) -> None:
    """A bill of USD 10.00 listed with two successful refunds of USD 8.00 each: the
    history kept both, the Overview said USD 16.00 refunded of USD 10.00 paid (a net of
    USD -6.00 from one bill), and the sync called the history complete. No answer says
    which of the two lies: both are left out and named, the history is unsure, the
    Overview counts neither; once the server lists one only, it is kept. So too when
    the first was kept by an earlier sync."""

    def sync_now() -> None:
        if kept_before:
            assert not sync(mirror, client).left_out

    bill_no, first, second = refunded_twice(sandbox, 800, 800, sync_now)
    result = sync(mirror, client)
    assert sorted(left.number for left in result.left_out) == sorted([first, second])
    for left in result.left_out:
        assert isinstance(left.why, RefundsExceedBillError)
        assert (left.why.bill_no, left.why.refunded, left.why.total) == (bill_no, 1600, 1000)
    assert result.unsure == (REFUNDS,)
    assert not {first, second} & set(mirror_records(mirror)[1])
    today = date.today()
    usd = overview_of(mirror.reader(), today, today).totals["USD"]
    assert (usd.paid, usd.refunded) == (1000, 0)
    # asked for again by their numbers, one by one, they are still left out
    result = sync(mirror, client)
    assert sorted(left.number for left in result.left_out) == sorted([first, second])
    assert not {first, second} & set(mirror_records(mirror)[1])
    # the truth: one refund only
    assert on_sandbox(sandbox, "DELETE FROM refunds WHERE refund_no = ?", second) == 1
    result = sync(mirror, client)
    assert not result.left_out and not result.unsure
    assert_mirrors_server(mirror, client)
    usd = overview_of(mirror.reader(), today, today).totals["USD"]
    assert (usd.paid, usd.refunded) == (1000, 800)


def test_partial_refunds_within_their_bill_are_kept(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """Several successful partial refunds that together refund no more than their bill
    (a server may list them against the rule of one, as PayPal allows them) are kept."""
    refunded_twice(sandbox, 600, 400)
    result = sync(mirror, client)
    assert not result.left_out and not result.unsure
    assert_mirrors_server(mirror, client)
    today = date.today()
    usd = overview_of(mirror.reader(), today, today).totals["USD"]
    assert (usd.paid, usd.refunded) == (1000, 1000)
