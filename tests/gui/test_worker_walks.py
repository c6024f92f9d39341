"""The worker's paged jobs on the embedded sandbox: pages fetched several at once on
the walk's own threads, forwarded in order on the job's handle, while the worker's
own thread stays free for a refund; cancelled and superseded walks stop at once."""

from __future__ import annotations

from typing import Any

import pytest

from console.api.client import BeeCloudClient
from console.api.ids import new_refund_no
from console.api.models import BillQuery, RefundRequest
from console.api.money import Money
from console.api.paging import PageWalk
from console.gui.jobs import ALL_BILLS, REFUND
from console.gui.session import ConsoleSession
from console.sandbox.faults import Fault
from tests.gui.conftest import DEMO_BILLS
from tests.gui.sandbox_bills import paid_bill
from tests.gui.sandbox_truth import sandbox_of

WAIT_MS = 10_000


def test_pages_fetched_at_once_still_arrive_in_order(
    qtbot, session: ConsoleSession, truth: BeeCloudClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # How many pages a walk asks for at once follows the share of a CPU this process
    # used over the first page (console/api/paging.py): a thread another test left
    # running made it one at a time. Here the process counts as idle, so that they go
    # together, which is what this test is about.
    made = PageWalk.__init__

    def idle_walk(self: PageWalk[Any], *args: Any, **kwargs: Any) -> None:
        made(self, *args, **{**kwargs, "cpu_clock": lambda: 0.0})

    monkeypatch.setattr(PageWalk, "__init__", idle_walk)
    sandbox = sandbox_of(session)
    sandbox.faults.set("bills", Fault("latency", ms=150))  # a distant server: several at once
    pages: list[list[str]] = []
    load = session.submit(ALL_BILLS, BillQuery(), "Loading bills")
    load.page.connect(lambda records: pages.append([r.bill_no for r in records]))
    with qtbot.waitSignal(load.finished, timeout=WAIT_MS) as finished:
        pass
    assert finished.args == [DEMO_BILLS]
    assert [len(page) for page in pages] == [50, 50, 20]
    sandbox.faults.clear()
    one_by_one = [truth.query_bills(BillQuery(skip=skip, limit=50)) for skip in (0, 50, 100)]
    assert pages == [[bill.bill_no for bill in page] for page in one_by_one]
    # the second and third pages, and the empty ones past the end, went together
    assert sandbox.faults.hits("bills") > 3


def test_a_refund_queued_during_a_load_is_not_held_up_by_it(
    qtbot, session: ConsoleSession, truth: BeeCloudClient
) -> None:
    """The load's requests are on the walk's threads: the worker's thread sends the
    refund at once, before even the load's first page is back."""
    bill_no = paid_bill(truth, 2000)
    sandbox = sandbox_of(session)
    sandbox.faults.set("bills", Fault("latency", ms=1000))
    events: list[str] = []
    load = session.submit(ALL_BILLS, BillQuery(), "Loading bills")
    load.page.connect(lambda records: events.append("page of the load"))
    assert sandbox.faults.wait_for_hits("bills", 1, timeout=WAIT_MS / 1000)  # on the wire
    refund = RefundRequest(bill_no, new_refund_no(), Money(500, "USD"))
    sent = session.submit(REFUND, refund, "Refund")
    sent.finished.connect(lambda result: events.append("refund made"))
    with qtbot.waitSignal(sent.finished, timeout=WAIT_MS) as answered:
        pass
    assert answered.args[0].refund_no == refund.refund_no
    assert events == ["refund made"], "before any page of the load"
    assert load.running
    with qtbot.waitSignal(load.cancelled, timeout=1_000):
        load.cancel()
    assert not load.running and load not in session.gateway.running()


def test_the_pages_of_a_walk_superseded_mid_flight_are_dropped(
    qtbot, session: ConsoleSession
) -> None:
    sandbox = sandbox_of(session)
    sandbox.faults.set("bills", Fault("latency", ms=300))
    seen: list[str] = []
    first = session.submit(ALL_BILLS, BillQuery(), "first")
    first.page.connect(lambda records: seen.append("first"))
    assert sandbox.faults.wait_for_hits("bills", 1, timeout=WAIT_MS / 1000)
    second = session.submit(ALL_BILLS, BillQuery(channel="PAYPAL"), "second")
    first.cancel()  # superseded by its owner
    with qtbot.waitSignal(second.finished, timeout=WAIT_MS):
        pass
    assert first.state == "cancelled"
    assert seen == [], "none of the first walk's pages went out"
