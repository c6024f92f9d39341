"""A property of the history mirror's sync (console/store/sync.py), against a real
sandbox over loopback HTTP: whatever the interleaving of payments (by card: paid at
once; by PayPal: unpaid until approved), approvals, cancelled approvals, refunds
(finished at once, or in progress until PayPal finishes them), and syncs (cold or
incremental, the console's clock a little behind or ahead, some killed half-way:
cancelled, their client aborted, or a page failed), and syncs through a server that
lies about some records (left out of the history), one last sync leaves the mirror
equal to what the server lists over every range it says is synced.

Few and small examples (a fresh sandbox each), so that it runs in seconds.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from console.api import BeeCloudClient, BeeCloudError, Money, RefundRequest
from console.api.ids import new_refund_no
from console.api.models import now_ms
from console.sandbox import SandboxServer
from console.sandbox.faults import Fault
from console.sandbox.seed import seed
from console.store.mirror import BILLS, REFUNDS, Mirror
from console.store.sync import OVERLAP_MS, sync
from tests.mirror_support import (
    CountlessHost,
    ListRewritingHost,
    assert_refunded_kept,
    decide,
    make_client,
    mirror_records,
    on_sandbox,
    pay_by_card,
    pay_by_paypal,
    server_records,
)
from tests.sandbox_support import APP_ID, APPS

MINUTE_MS = 60_000
# The console's clock against this computer's: behind or ahead, within the overlap.
SKEWS = [-10 * MINUTE_MS, 0, 10 * MINUTE_MS]
KILLS = ["cancelled", "aborted", "failed"]

card = st.just(("card",))
paypal = st.just(("paypal",))
approve = st.tuples(st.just("approve"), st.integers(0, 9), st.sampled_from(["approve", "cancel"]))
refund = st.tuples(st.just("refund"), st.integers(0, 9), st.booleans())  # in progress?
finish = st.tuples(st.just("finish"), st.booleans())  # PayPal finishes them: succeeded?
LIES = ["amount", "unreadable", "twice"]
lie = st.tuples(st.just("lie"), st.sampled_from(LIES), st.booleans())  # full?
syncs = st.tuples(st.just("sync"), st.sampled_from(SKEWS), st.booleans())  # full?
killed = st.tuples(
    st.just("killed"),
    st.sampled_from(SKEWS),
    st.booleans(),
    st.sampled_from(KILLS),
    st.integers(0, 2),
)
steps = st.lists(
    st.one_of(card, paypal, approve, refund, finish, syncs, killed, lie), min_size=1, max_size=16
)


@dataclass
class World:
    sandbox: SandboxServer
    host: str  # the sandbox, or a host in front of it that does not count
    mirror: Mirror
    client: BeeCloudClient
    bills: list[str] = field(default_factory=list)  # made by the steps, paid or not
    paid: list[str] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)  # PayPal bills not decided yet

    def run(self, step: tuple[Any, ...]) -> None:
        match step:
            case ("card",):
                bill_no = pay_by_card(self.client)
                self.bills.append(bill_no)
                self.paid.append(bill_no)
            case ("paypal",):
                bill_no, url = pay_by_paypal(self.client)
                self.bills.append(bill_no)
                self.urls[bill_no] = url
            case ("approve", int(index), str(action)) if self.urls:
                bill_no = sorted(self.urls)[index % len(self.urls)]
                decide(self.urls.pop(bill_no), action)
                if action == "approve":
                    self.paid.append(bill_no)
            case ("refund", int(index), bool(in_progress)) if self.paid:
                self.refund(self.paid.pop(index % len(self.paid)), in_progress)
            case ("finish", bool(succeeded)):
                sql = "UPDATE refunds SET finish = 1, result = ? WHERE finish = 0"
                on_sandbox(self.sandbox, sql, succeeded)
            case ("sync", int(skew), bool(full)):
                sync(self.mirror, self.client, full=full, clock=clock(skew))
            case ("killed", int(skew), bool(full), str(how), int(after)):
                self.killed(skew, full, how, after)
            case ("lie", str(how), bool(full)):
                with ListRewritingHost(self.sandbox.base_url, lying(how)) as host:
                    liar = make_client(host.url)
                    try:
                        result = sync(self.mirror, liar, full=full)
                    finally:
                        liar.close()
                event(f"lying sync: {len(result.left_out)} left out")

    def refund(self, bill_no: str, in_progress: bool) -> None:
        if in_progress:  # as a refund PayPal has not finished yet
            assert self.sandbox.store is not None
            self.sandbox.store.insert_refund(
                APP_ID, new_refund_no(), bill_no, 1, finish=False, result=False
            )
        else:
            self.client.refund(RefundRequest(bill_no, new_refund_no(), Money(1, "USD")))

    def killed(self, skew: int, full: bool, how: str, after: int) -> None:
        """A sync killed at its progress call number `after` (or it ends first)."""
        calls = 0
        stop = False

        def progress(kind: str, done: int, total: int | None) -> None:
            nonlocal calls, stop
            calls += 1
            if calls <= after:
                return
            if how == "cancelled":
                stop = True
            elif how == "aborted":
                self.client.abort()
            else:
                self.sandbox.faults.set(
                    "bills" if kind == BILLS else "refunds", Fault("drop-before")
                )

        try:
            result = sync(
                self.mirror,
                self.client,
                full=full,
                clock=clock(skew),
                cancelled=lambda: stop,
                progress=progress,
            )
            event(f"killed sync: {'cancelled' if result.cancelled else 'ended first'}")
        except BeeCloudError as error:  # the console reports it; the next sync walks again
            event(f"killed sync: raised {type(error).__name__}")
        self.sandbox.faults.clear()
        if self.client.closed:
            self.client = make_client(self.host)


def lying(how: str) -> Callable[[dict[str, Any]], None]:
    """A server's lie about some records of its lists (ListRewritingHost)."""

    def rewrite(answer: dict[str, Any]) -> None:
        bills, refunds = answer.get("bills"), answer.get("refunds")
        if how == "amount" and refunds:  # a refund of a bill of five times its amount
            refunds[0]["total_fee"] *= 5
        elif how == "unreadable" and bills:  # a bill of an amount that cannot be
            bills[0]["total_fee"] = 10**30
        elif how == "twice" and refunds and len(refunds) > 1:  # one number, two refunds
            refunds.insert(0, {**refunds[1], "refund_no": refunds[0]["refund_no"]})

    return rewrite


def clock(skew: int) -> Callable[[], int]:
    return lambda: now_ms() + skew


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seeded=st.sampled_from([0, 30, 130]),
    program=steps,
    last_skew=st.sampled_from([0, 10 * MINUTE_MS]),
    counts=st.booleans(),
)
def test_after_any_interleaving_a_last_sync_makes_the_mirror_equal_the_server(
    seeded: int, program: list[tuple[Any, ...]], last_skew: int, counts: bool
) -> None:
    """With counts, and without (where no check makes up for a range wrongly said
    synced)."""
    with (
        tempfile.TemporaryDirectory() as folder,
        SandboxServer(Path(folder) / "s.sqlite3", APPS) as sandbox,
        CountlessHost(sandbox.base_url) as countless,
    ):
        assert sandbox.store is not None
        seed(sandbox.store, APP_ID, seeded, rng_seed=len(program))
        mirror = Mirror.open(Path(folder) / "mirror.sqlite3", APP_ID)
        host = sandbox.base_url if counts else countless.url
        world = World(sandbox, host, mirror, make_client(host))
        try:
            for step in program:
                world.run(step)
            assert sync(mirror, world.client, clock=clock(last_skew)).counted == counts
            server = server_records(world.client)
            through = {}
            for kind in (BILLS, REFUNDS):
                synced = mirror.synced(kind)
                assert synced is not None
                through[kind] = synced.through_ms
                # every record made by the steps is inside the synced range
                assert synced.through_ms >= now_ms() - OVERLAP_MS
            bills, refunds = mirror_records(mirror)
            assert {k: v for k, v in bills.items() if v.created_time <= through[BILLS]} == {
                k: v for k, v in server[0].items() if v.created_time <= through[BILLS]
            }
            assert {k: v for k, v in refunds.items() if v.created_time <= through[REFUNDS]} == {
                k: v for k, v in server[1].items() if v.created_time <= through[REFUNDS]
            }
            # and, the server having removed nothing, nothing outside those ranges either
            assert (bills, refunds) == server
            assert_refunded_kept(mirror)
            assert set(bills) >= set(world.bills)
        finally:
            world.client.close()
            mirror.close()
