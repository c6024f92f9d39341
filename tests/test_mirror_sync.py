"""The history mirror's sync (console/store/sync.py) against a real sandbox over
loopback HTTP: a cold sync equals the server; an incremental one picks up new bills,
bills paid later and refunds that finish; a sync cancelled, aborted or failed half-way
keeps its rows but not its range, and the next one makes the mirror equal the server;
counts notice a mirror that lost or kept something and the sync walks again; without
counts it is still right; two consoles share one file; no card data or secret is kept.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
import requests

from console.api import BeeCloudClient, ClientClosedError, Money, RefundRequest, TransportError
from console.api.errors import (
    ListOverrunError,
    PagingError,
    RefundBillMismatchError,
    UnreadableRecordError,
)
from console.api.ids import new_bill_no, new_refund_no
from console.api.models import TEXT_MAX, BillRecord, BillRequest, now_ms
from console.api.paging import all_bills
from console.sandbox import SandboxServer
from console.sandbox.faults import Fault
from console.sandbox.seed import seed
from console.store import ConsoleStore
from console.store import sync as sync_module
from console.store.errors import HISTORY_FULL, HISTORY_READ_ONLY, HistoryFileError
from console.store.mirror import BILLS, REFUNDS, Mirror
from console.store.mirror_query import overview_of
from console.store.sync import (
    OVERLAP_MS,
    REFETCH_MAX,
    REPAIR_EVERY_MS,
    UNFINISHED_WINDOW_MS,
    UNPAID_WINDOW_MS,
    KindSynced,
    SyncResult,
    sync,
)
from tests.hostile_support import json_reply
from tests.mirror_support import (
    CARD_NUMBER,
    CVV,
    DAY_MS,
    HOLDER,
    HOUR_MS,
    CountlessHost,
    FilterIgnoringHost,
    ListRewritingHost,
    assert_mirrors_server,
    card,
    decide,
    make_client,
    many_paid_bills,
    mirror_records,
    oldest_first,
    on_mirror_file,
    on_sandbox,
    pages_of,
    pay_by_card,
    pay_by_paypal,
    server_records,
)
from tests.net_support import ForwardingHost
from tests.sandbox_support import APP_ID, APP_SECRET, refund_no


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[BeeCloudClient]:
    made = make_client(sandbox.base_url)
    yield made
    made.close()


@pytest.fixture
def mirror_path(tmp_path: Path) -> Path:
    return tmp_path / "mirrors" / "profile.sqlite3"


@pytest.fixture
def mirror(mirror_path: Path) -> Iterator[Mirror]:
    made = Mirror.open(mirror_path, APP_ID)
    assert made.path == mirror_path  # a file, not in memory
    yield made
    made.close()


def seeded(sandbox: SandboxServer, count: int, rng_seed: int = 2015) -> None:
    """`count` demo bills of the last 90 days (and older), with their refunds."""
    assert sandbox.store is not None
    assert seed(sandbox.store, APP_ID, count, rng_seed) == count


def ahead(ms: int) -> Callable[[], int]:
    """The console's clock, `ms` ahead of this computer's."""
    return lambda: now_ms() + ms


def done(kind: KindSynced | None) -> KindSynced:
    assert kind is not None, "the kind was synced to the end"
    return kind


class Progress:
    """Every progress call, with how many records of the kind the mirror then held."""

    def __init__(self, mirror: Mirror, then: Callable[[str, int], None] | None = None) -> None:
        self.mirror = mirror
        self.calls: list[tuple[str, int, int | None, int]] = []
        self.then = then

    def __call__(self, kind: str, done: int, total: int | None) -> None:
        self.calls.append((kind, done, total, self.mirror.count(kind)))
        if self.then is not None:
            self.then(kind, done)


# -- cold -------------------------------------------------------------------------------


def test_a_cold_sync_fills_the_mirror_page_by_page_with_what_the_server_lists(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 230)
    refunds = len(server_records(client)[1])
    progress = Progress(mirror)
    before = now_ms()
    result = sync(mirror, client, progress=progress)
    assert not result.cancelled and result.counted and result.repaired == ()
    assert result.unsure == (), "the server counts what the mirror holds"
    bills = done(result.bills)
    assert (bills.cold, bills.start_ms, bills.fetched, bills.forgotten) == (True, None, 230, 0)
    assert done(result.refunds).fetched == refunds
    assert_mirrors_server(mirror, client)
    synced = mirror.synced(BILLS)
    assert synced is not None and synced.through_ms == bills.through_ms >= before
    assert synced.synced_ms >= synced.through_ms
    # the rows flow in: each page is in the mirror when its progress is said; the total
    # from the count's answer on (asked beside the pages), and at the end in any case
    calls = [call for call in progress.calls if call[0] == BILLS]
    assert all(done == held for _, done, _, held in calls)
    assert sorted({done for _, done, _, _ in calls}) == [0, 50, 100, 150, 200, 230]
    totals = [total for _, _, total, _ in calls]
    known = totals.index(230)  # the count's answer: said from then on
    assert totals[:known] == [None] * known and totals[known:] == [230] * (len(totals) - known)
    assert progress.calls[-1] == (REFUNDS, refunds, refunds, refunds)


class CountHoldingHost(ForwardingHost):
    """A host in front of the sandbox that answers a count only once `answer_counts`
    is set (or after COUNT_HELD_S): a count far slower than the pages."""

    COUNT_HELD_S = 10

    def __init__(self, target: str) -> None:
        self.answer_counts = threading.Event()
        super().__init__(target, self.relay_post, self._answer)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        if handler.path.split("?")[0].endswith("/count"):
            self.answer_counts.wait(self.COUNT_HELD_S)
        self.forward_get(handler)


def test_a_cold_walk_does_not_wait_for_its_count_to_ask_for_pages(
    sandbox: SandboxServer, mirror: Mirror
) -> None:
    """The count only sizes the progress: far from the server, waiting for its answer
    before the first page would show the first rows one answer's wait later."""
    seeded(sandbox, 120)
    with CountHoldingHost(sandbox.base_url) as host:
        client = make_client(host.url)
        progress = Progress(mirror, lambda kind, done: host.answer_counts.set() if done else None)
        result = sync(mirror, client, progress=progress)
        assert_mirrors_server(mirror, client)
        client.close()
    assert not result.cancelled and result.counted
    calls = [call for call in progress.calls if call[0] == BILLS]
    assert calls[:2] == [(BILLS, 0, None, 0), (BILLS, 50, None, 50)]  # before the count's answer
    assert calls[-1] == (BILLS, 120, 120, 120)


def test_a_full_sync_walks_everything_again_and_forgets_what_the_server_has_no_more(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 120)
    sync(mirror, client)
    gone = on_sandbox(sandbox, "DELETE FROM refunds WHERE bill_no IN (SELECT bill_no FROM bills)")
    assert gone > 0
    result = sync(mirror, client, full=True)
    assert done(result.bills).cold and done(result.bills).fetched == 120
    assert done(result.refunds).forgotten == gone
    assert_mirrors_server(mirror, client)


# -- incremental ------------------------------------------------------------------------


def unpaid_in_the_window(sandbox: SandboxServer) -> None:
    """240 demo bills, and two unpaid PayPal bills older than the overlap: 2 days old
    (within the unpaid window) and 4 days old (past it)."""
    seeded(sandbox, 240)
    assert sandbox.store is not None
    for days, bill_no in ((2, "unpaid2days"), (4, "unpaid4days")):
        created = now_ms() - days * DAY_MS
        sandbox.store.insert_bill(APP_ID, bill_no, "PAYPAL_PAYPAL", 100, "t", "USD", False, created)


def test_an_incremental_sync_walks_the_overlap_and_new_records_only_while_no_bill_turned_paid(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    unpaid_in_the_window(sandbox)
    first = sync(mirror, client)
    through = {
        kind: done(k).through_ms for kind, k in ((BILLS, first.bills), (REFUNDS, first.refunds))
    }
    unpaid = mirror.oldest_unpaid_since(now_ms() - UNPAID_WINDOW_MS)
    assert unpaid is not None and unpaid <= mirror_records(mirror)[0]["unpaid2days"].created_time
    result = sync(mirror, client)
    bills, refunds = done(result.bills), done(result.refunds)
    assert not bills.cold and not refunds.cold and result.repaired == ()
    assert bills.start_ms == through[BILLS] - OVERLAP_MS
    assert refunds.start_ms == through[REFUNDS] - OVERLAP_MS
    server_bills, server_refunds = server_records(client)
    assert bills.fetched == sum(b.created_time >= bills.start_ms for b in server_bills.values())
    assert refunds.fetched == sum(
        r.created_time >= refunds.start_ms for r in server_refunds.values()
    )
    assert_mirrors_server(mirror, client)


@pytest.mark.parametrize("bill_no", ["unpaid2days", "oldest unpaid of the window"])
def test_a_bill_of_the_unpaid_window_that_turned_paid_makes_the_sync_walk_the_window(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, bill_no: str
) -> None:
    """The server's count of paid bills from the oldest unpaid one of the window to the
    overlap, asked beside the walk, differs from the mirror's: that stretch is walked."""
    unpaid_in_the_window(sandbox)
    sync(mirror, client)
    unpaid = mirror.oldest_unpaid_since(now_ms() - UNPAID_WINDOW_MS)
    assert unpaid is not None
    if bill_no != "unpaid2days":
        [bill_no] = [b.bill_no for b in mirror.bills() if b.created_time == unpaid]
    assert on_sandbox(sandbox, "UPDATE bills SET paid = 1 WHERE bill_no = ?", bill_no) == 1
    result = sync(mirror, client)
    bills = done(result.bills)
    assert bills.start_ms == unpaid and result.repaired == ()
    assert mirror_records(mirror)[0][bill_no].paid
    assert_mirrors_server(mirror, client)
    again = done(sync(mirror, client).bills).start_ms
    assert again is not None and again > unpaid, "not again: nothing changed"


def test_a_server_that_ignores_the_paid_filter_has_the_window_walked_every_time(
    sandbox: SandboxServer, mirror: Mirror
) -> None:
    """Its count of paid bills is the count of all bills, which differs from the
    mirror's count of paid ones while one is unpaid: the sync walks the window, as
    it must when it cannot know."""
    unpaid_in_the_window(sandbox)
    with FilterIgnoringHost(sandbox.base_url, "spay_result") as host:
        client = make_client(host.url)
        sync(mirror, client)
        unpaid = mirror.oldest_unpaid_since(now_ms() - UNPAID_WINDOW_MS)
        result = sync(mirror, client)
        assert done(result.bills).start_ms == unpaid and host.ignored == 1
        assert on_sandbox(sandbox, "UPDATE bills SET paid = 1 WHERE bill_no = 'unpaid2days'")
        sync(mirror, client)
        assert_mirrors_server(mirror, client)
        client.close()


def test_an_incremental_sync_picks_up_new_bills_and_paypal_bills_approved_since(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """The console's clock an hour ahead: the PayPal bill is older than the overlap,
    and is walked again only because it was unpaid."""
    approved, approve_url = pay_by_paypal(client)
    cancelled, cancel_url = pay_by_paypal(client)
    sync(mirror, client, clock=ahead(HOUR_MS))
    assert not mirror_records(mirror)[0][approved].paid
    decide(approve_url, "approve")
    decide(cancel_url, "cancel")
    card_bill = pay_by_card(client)
    refund = RefundRequest(card_bill, new_refund_no(), Money(234, "USD"))
    client.refund(refund)
    result = sync(mirror, client, clock=ahead(HOUR_MS + 60_000))
    bills = done(result.bills)
    assert bills.start_ms == server_records(client)[0][approved].created_time
    assert_mirrors_server(mirror, client)
    mirrored, refunds = mirror_records(mirror)
    assert mirrored[approved].paid and not mirrored[cancelled].paid and mirrored[card_bill].paid
    assert refunds[refund.refund_no].refund_fee == 234


def test_a_clock_moved_back_after_a_sync_misses_nothing_made_since(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """The computer's clock was an hour ahead at the last sync, then set right (and the
    server, this computer's sandbox, stamps by it): the synced range ends in the future.
    A bill made since was stamped before that end less the overlap, and the sync walked
    from there to now (nothing): it said the history was up to date without the bill."""
    seeded(sandbox, 30)
    sync(mirror, client, clock=ahead(HOUR_MS))
    card_bill = pay_by_card(client)
    result = sync(mirror, client)
    assert card_bill in mirror_records(mirror)[0]
    assert not result.unsure
    assert_mirrors_server(mirror, client)


def test_after_the_clock_was_set_back_the_history_is_as_of_its_last_sync_not_a_time_to_come(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """The status bar says "History as of {synced_ms}": after a sync an hour ahead, then
    one with the clock set right, it said the hour to come, and kept saying it at every
    sync until the clock got there."""
    sync(mirror, client, clock=ahead(HOUR_MS))
    before = now_ms()
    sync(mirror, client)
    for kind in (BILLS, REFUNDS):
        synced = mirror.synced(kind)
        assert synced is not None and before <= synced.synced_ms <= now_ms()


def test_a_bill_made_on_a_server_whose_clock_runs_ahead_comes_with_the_next_sync(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """This computer's clock 4 minutes behind the server's (within the window the server
    takes a request in): a bill paid just now is stamped 4 minutes after this
    computer's now. The sync the console asks for after a payment walked up to its now
    and did not list it; the clerk did not find the bill for minutes."""
    assert sandbox.service is not None
    sandbox.service.clock_ms = lambda: now_ms() + 4 * 60_000
    sync(mirror, client)
    card_bill = pay_by_card(client)
    refund = RefundRequest(card_bill, new_refund_no(), Money(234, "USD"))
    client.refund(refund)
    result = sync(mirror, client)
    bills, refunds = mirror_records(mirror)
    assert card_bill in bills and refund.refund_no in refunds
    assert not result.unsure
    listed_bills, listed_refunds = server_records(client)  # up to this computer's now
    assert set(bills) == {*listed_bills, card_bill}
    assert set(refunds) == {*listed_refunds, refund.refund_no}


def test_a_bill_paid_after_the_unpaid_window_waits_for_a_full_sync(
    client: BeeCloudClient, mirror: Mirror
) -> None:
    bill_no, url = pay_by_paypal(client)
    sync(mirror, client, clock=ahead(HOUR_MS))
    decide(url)
    late = ahead(UNPAID_WINDOW_MS + HOUR_MS)
    sync(mirror, client, clock=late)
    assert not mirror_records(mirror)[0][bill_no].paid, "taken as abandoned"
    sync(mirror, client, clock=late, full=True)
    assert mirror_records(mirror)[0][bill_no].paid
    assert_mirrors_server(mirror, client)


@pytest.mark.parametrize("succeeded", [True, False])
def test_a_refund_not_yet_final_is_asked_for_again_until_it_is(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, succeeded: bool
) -> None:
    """Older than the overlap (the console's clock hours ahead), so only the refund
    asked for by its number can say that it finished."""
    assert sandbox.store is not None
    bill_no = pay_by_card(client)
    number = refund_no("900")
    sandbox.store.insert_refund(APP_ID, number, bill_no, 100, finish=False, result=False)
    sync(mirror, client, clock=ahead(HOUR_MS))
    assert not mirror_records(mirror)[1][number].finished
    assert done(sync(mirror, client, clock=ahead(2 * HOUR_MS)).refunds).refetched == 1
    assert not mirror_records(mirror)[1][number].finished, "still in progress"
    assert on_sandbox(sandbox, "UPDATE refunds SET finish = 1, result = ?", succeeded) == 1
    result = sync(mirror, client, clock=ahead(3 * HOUR_MS))
    assert done(result.refunds).refetched == 1 and done(result.refunds).fetched == 0
    refund = mirror_records(mirror)[1][number]
    assert refund.finished and refund.succeeded == succeeded
    assert_mirrors_server(mirror, client)
    assert done(sync(mirror, client, clock=ahead(4 * HOUR_MS)).refunds).refetched == 0


def test_refunds_that_never_finish_cost_a_sync_a_bounded_number_of_questions(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A server that leaves refunds unfinished had each asked for, one by one, at every
    sync (1,500 of them: 1,500 answers' waits, minutes far away). REFETCH_MAX of the last
    UNFINISHED_WINDOW_MS are (all seen at once: the newest); the others wait for a full
    sync."""
    assert sandbox.store is not None
    bill_no = pay_by_card(client)
    now = now_ms()
    recent = [refund_no(f"{900 + n}") for n in range(REFETCH_MAX + 10)]
    for n, number in enumerate(recent):
        created = now - 2 * OVERLAP_MS - n * 1000
        sandbox.store.insert_refund(APP_ID, number, bill_no, 1, created, finish=False)
    old = refund_no("800")
    created = now - UNFINISHED_WINDOW_MS - DAY_MS
    sandbox.store.insert_refund(APP_ID, old, bill_no, 1, created, finish=False)
    sync(mirror, client)
    on_sandbox(sandbox, "UPDATE refunds SET finish = 1")
    result = sync(mirror, client)
    assert done(result.refunds).refetched == REFETCH_MAX
    unfinished = {r.refund_no for r in mirror.refunds() if not r.finished}
    assert unfinished == {*recent[REFETCH_MAX:], old}, "the newest were asked for"
    sync(mirror, client, full=True)
    assert_mirrors_server(mirror, client)


def refunds_in_progress(
    sandbox: SandboxServer, client: BeeCloudClient, first: int
) -> tuple[list[str], list[str]]:
    """REFETCH_MAX + 10 refunds in progress of USD 1.50 (their numbers from `first`),
    each of a bill of its own, made before the last OVERLAP_MS a second apart, the
    newest first: their numbers and their bills'."""
    assert sandbox.store is not None
    now = now_ms()
    numbers = [refund_no(f"{first + n}") for n in range(REFETCH_MAX + 10)]
    bills = [pay_by_card(client, 200) for _ in numbers]
    for n, (number, bill_no) in enumerate(zip(numbers, bills, strict=True)):
        created = now - 2 * OVERLAP_MS - n * 1000
        sandbox.store.insert_refund(APP_ID, number, bill_no, 150, created, finish=False)
    return numbers, bills


def test_refunds_not_yet_final_beyond_the_newest_are_asked_for_at_the_next_syncs(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """More refunds in progress than a sync asks for (a busy merchant's, or the newest
    left unfinished for ever): the newest REFETCH_MAX were asked for at every sync, so
    one older that finished stayed "in progress" in the Bills row, and out of the
    Overview's refunded, until a full sync. Each sync asks for those asked the longest
    ago first, so the next one asks for it."""
    numbers, bills = refunds_in_progress(sandbox, client, 700)
    sync(mirror, client, clock=ahead(HOUR_MS))
    finishing = numbers[REFETCH_MAX + 5]
    on_sandbox(sandbox, "UPDATE refunds SET finish = 1, result = 1 WHERE refund_no = ?", finishing)
    assert done(sync(mirror, client, clock=ahead(2 * HOUR_MS)).refunds).refetched == REFETCH_MAX
    assert done(sync(mirror, client, clock=ahead(3 * HOUR_MS)).refunds).refetched == REFETCH_MAX
    assert mirror_records(mirror)[1][finishing].finished
    refunded = mirror.reader().execute("SELECT bill_no, refunded FROM bills WHERE refunded")
    assert refunded.fetchall() == [(bills[REFETCH_MAX + 5], 150)]


def test_refunds_not_yet_final_take_their_turns_after_the_clock_is_set_back(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A computer's clock ten hours fast, then set right: every refund in progress was
    seen (and asked for) "ten hours from now", so the turns went by those times alone
    and the same newest REFETCH_MAX were asked for at every sync; an older one that
    finished stayed "in progress" until the clock caught up. A time from the future says
    nothing of which was asked for longest ago: it counts as long ago."""
    numbers, _ = refunds_in_progress(sandbox, client, 750)
    sync(mirror, client, clock=ahead(10 * HOUR_MS))
    finishing = numbers[REFETCH_MAX + 5]
    on_sandbox(sandbox, "UPDATE refunds SET finish = 1, result = 1 WHERE refund_no = ?", finishing)
    for hours in (1, 2, 3):  # set right (an hour ahead: after the walk's overlap)
        assert done(sync(mirror, client, clock=ahead(hours * HOUR_MS)).refunds).refetched == (
            REFETCH_MAX
        )
    assert mirror_records(mirror)[1][finishing].finished


def test_refunds_the_server_no_longer_finds_do_not_keep_the_others_from_their_turn(
    sandbox: SandboxServer, mirror: Mirror
) -> None:
    """Refunds in progress that the server lists no more (lost, and no count to say so)
    were never seen again, so they kept the oldest `seen_ms` and took every place of
    every sync: with REFETCH_MAX or more of them, the others in progress were never
    asked for, and one that finished stayed "in progress" until a full sync. A refund
    asked for takes its turn, found or not: the others come next."""
    assert sandbox.store is not None
    with CountlessHost(sandbox.base_url) as host:
        client = make_client(host.url)
        now = now_ms()
        gone = [refund_no(f"{500 + n}") for n in range(60)]
        kept = [refund_no(f"{600 + n}") for n in range(10)]
        bills = [pay_by_card(client, 200) for _ in kept]
        bill_no = pay_by_card(client, 200)
        for n, number in enumerate(gone):  # the newest: asked for first among equals
            created = now - 2 * OVERLAP_MS - n * 1000
            sandbox.store.insert_refund(APP_ID, number, bill_no, 1, created, finish=False)
        for n, (number, bill) in enumerate(zip(kept, bills, strict=True)):
            created = now - 3 * OVERLAP_MS - n * 1000
            sandbox.store.insert_refund(APP_ID, number, bill, 150, created, finish=False)
        sync(mirror, client, clock=ahead(HOUR_MS))
        assert not any(mirror_records(mirror)[1][number].finished for number in kept)
        on_sandbox(sandbox, "DELETE FROM refunds WHERE finish = 0 AND refund_fee = 1")
        finishing = kept[-1]
        on_sandbox(
            sandbox, "UPDATE refunds SET finish = 1, result = 1 WHERE refund_no = ?", finishing
        )
        for hours in (2, 3):
            result = sync(mirror, client, clock=ahead(hours * HOUR_MS))
            assert not result.counted
            assert done(result.refunds).refetched <= REFETCH_MAX, "a sync's cost is bounded"
        client.close()
    assert mirror_records(mirror)[1][finishing].finished, "its turn came"
    refunded = mirror.reader().execute("SELECT bill_no, refunded FROM bills WHERE refunded")
    assert refunded.fetchall() == [(bills[-1], 150)]
    assert all(number in mirror_records(mirror)[1] for number in gone), "seen_ms not faked"


class NoSuchRecordHost(CountlessHost):
    """A host in front of the sandbox that does not count, and answers a query by a
    number it lists no record of with 8 NO_SUCH_BILL or 13 NO_SUCH_REFUND, as a server
    may, instead of an empty list."""

    def forward_get(self, handler: BaseHTTPRequestHandler, path: str | None = None) -> None:
        answer = requests.get(self.target + handler.path, timeout=10).json()
        asked = unquote_plus(handler.path)
        if "refund_no" in asked and answer.get("refunds") == []:
            answer = {"result_code": 13, "result_msg": "NO_SUCH_REFUND", "err_detail": "none"}
        elif "bill_no" in asked and answer.get("bills") == []:
            answer = {"result_code": 8, "result_msg": "NO_SUCH_BILL", "err_detail": "none"}
        handler.wfile.write(json_reply(json.dumps(answer).encode()))


def test_a_refund_the_server_says_it_has_no_more_does_not_fail_every_sync(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A refund in progress that the server no longer has, asked for by its number, was
    answered 13 NO_SUCH_REFUND: the sync failed, and every later one at the same refund,
    the others in progress never asked for. It is a refund not found, as an empty list
    says."""
    assert sandbox.store is not None
    gone, finishing = refund_no("901"), refund_no("902")
    bills = [pay_by_card(client, 200) for _ in range(2)]
    for number, bill_no in zip((gone, finishing), bills, strict=True):
        sandbox.store.insert_refund(APP_ID, number, bill_no, 150, finish=False)
    sync(mirror, client, clock=ahead(HOUR_MS))
    on_sandbox(sandbox, "DELETE FROM refunds WHERE refund_no = ?", gone)
    on_sandbox(sandbox, "UPDATE refunds SET finish = 1, result = 1 WHERE refund_no = ?", finishing)
    with NoSuchRecordHost(sandbox.base_url) as host:
        answering = make_client(host.url)
        result = sync(mirror, answering, clock=ahead(2 * HOUR_MS))
        answering.close()
    assert done(result.refunds).refetched == 2
    assert mirror_records(mirror)[1][finishing].finished
    assert not mirror_records(mirror)[1][gone].finished, "not seen: a count's to find"


@pytest.mark.parametrize("kind", [BILLS, REFUNDS])
def test_a_record_left_out_that_the_server_says_it_has_no_more_is_no_longer_left_out(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, kind: str
) -> None:
    """A record a walk left out (it could not be read) is asked for by its number at the
    next syncs. When the server no longer had it and said so with 8 NO_SUCH_BILL or 13
    NO_SUCH_REFUND instead of an empty list, that sync failed, and every later one at
    the same record. It is a record not found, as an empty list says: no longer left
    out, and the sync goes on."""
    seeded(sandbox, 60)
    sync(mirror, client)
    server_bills, server_refunds = server_records(client)
    refunded = {refund.bill_no for refund in server_refunds.values()}
    if kind == BILLS:
        bills = [bill for bill in server_bills.values() if bill.bill_no not in refunded]
        number = min(bills, key=lambda bill: bill.created_time).bill_no
        field, table = "bill_no", "bills"
    else:
        number = min(server_refunds.values(), key=lambda refund: refund.created_time).refund_no
        field, table = "refund_no", "refunds"

    def unreadable(answer: dict[str, Any]) -> None:
        for record in answer.get(kind) or []:
            if record[field] == number:
                record["total_fee"] = 10**30

    mirror.mark_repaired(kind, now_ms())  # the counts' check waits
    with ListRewritingHost(sandbox.base_url, unreadable) as host:
        liar = make_client(host.url)
        walked = sync(mirror, liar, full=True)
        liar.close()
    assert left_out_numbers(getattr(walked, kind)) == {number}
    on_sandbox(sandbox, f"DELETE FROM {table} WHERE {field} = ?", number)
    with NoSuchRecordHost(sandbox.base_url) as saying_none:
        answering = make_client(saying_none.url)
        result = sync(mirror, answering, clock=ahead(HOUR_MS))
        answering.close()
    assert not result.left_out_count
    assert mirror.left_out_numbers(kind, REFETCH_MAX) == []


def test_the_currencies_the_console_recorded_fill_those_the_list_left_out(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    assert sandbox.store is not None
    sandbox.store.insert_bill(APP_ID, "nocurrency01", "PAYPAL_CREDITCARD", 500, "t", None, True)
    sandbox.store.insert_bill(APP_ID, "nocurrency02", "PAYPAL_CREDITCARD", 500, "t", None, True)
    sync(mirror, client, currencies={"nocurrency01": "JPY", "nosuchbill": "USD"})
    bills = mirror_records(mirror)[0]
    assert (bills["nocurrency01"].currency, bills["nocurrency02"].currency) == ("JPY", None)


def in_euros(answer: dict[str, Any]) -> None:
    """A lie in a list: every record in EUR (ListRewritingHost)."""
    for key in ("bills", "refunds"):
        for record in answer.get(key) or []:
            record["currency"] = "EUR"


def test_a_currency_listed_otherwise_than_the_console_recorded_is_the_consoles(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A bill this console made in USD, and refunded, listed in EUR: the history kept EUR
    (the console's own currency filled only one the list left out), the tables showed
    it and the Overview summed it so; and as BeeCloud's lists carry no currency, no
    honest sync after it ever mended it."""
    bill_no = pay_by_card(client, 1234, "USD")
    made = refund_no("EUR1")
    client.refund(RefundRequest(bill_no, made, Money(234, "USD")))
    with ListRewritingHost(sandbox.base_url, in_euros) as host:
        lying = make_client(host.url)
        sync(mirror, lying, currencies={bill_no: "USD"})
        lying.close()
    bills, refunds = mirror_records(mirror)
    assert (bills[bill_no].currency, refunds[made].currency) == ("USD", "USD")


def test_a_refund_is_kept_in_its_bills_currency_whatever_its_list_says(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A bill listed in USD and its refund listed in EUR (a lie: a refund is of its
    bill): the Overview summed the refund in EUR, a net of EUR -5.00 beside the whole
    payment as the USD net, and the Refunds table showed it in EUR."""
    bill_no = pay_by_card(client, 1000, "USD")
    made = refund_no("EUR2")
    client.refund(RefundRequest(bill_no, made, Money(500, "USD")))

    def refunds_in_euros(answer: dict[str, Any]) -> None:
        for record in answer.get("refunds") or []:
            record["currency"] = "EUR"

    with ListRewritingHost(sandbox.base_url, refunds_in_euros) as host:
        lying = make_client(host.url)
        sync(mirror, lying)
        lying.close()
    assert mirror_records(mirror)[1][made].currency == "USD"
    today = date.today()
    overview = overview_of(mirror.reader(), today, today)
    assert list(overview.totals) == ["USD"]
    assert overview.totals["USD"].net == 500


def test_the_refunds_of_a_bill_whose_currency_the_console_recorded_are_in_it_too(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A server whose lists carry no currency (BeeCloud's): the refunds of a bill this
    console made are summed in the bill's currency, as the Refunds table shows them, not
    apart as of an unknown one (the Overview's net was the whole payment, and the
    refund a negative sum of no currency)."""
    assert sandbox.store is not None
    sandbox.store.insert_bill(APP_ID, "nocurrency01", "PAYPAL_CREDITCARD", 500, "t", None, True)
    sandbox.store.insert_refund(APP_ID, refund_no("NOCUR1"), "nocurrency01", 200)
    sync(mirror, client, currencies={"nocurrency01": "JPY"})
    refunds = mirror_records(mirror)[1]
    assert refunds[refund_no("NOCUR1")].currency == "JPY"
    today = date.today()
    overview = overview_of(mirror.reader(), today, today)
    assert list(overview.totals) == ["JPY"]
    assert (overview.totals["JPY"].paid, overview.totals["JPY"].refunded) == (500, 200)


# -- cancelled, aborted, failed ---------------------------------------------------------


def test_a_sync_cancelled_after_its_first_page_keeps_the_rows_but_not_the_range(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 230)
    stop = threading.Event()
    progress = Progress(mirror, lambda kind, count: stop.set() if count else None)
    result = sync(mirror, client, cancelled=stop.is_set, progress=progress)
    assert result == SyncResult(None, None, cancelled=True, counted=True)
    assert 50 <= mirror.count(BILLS) < 230
    assert mirror.synced(BILLS) is None and mirror.synced(REFUNDS) is None
    assert mirror.count(REFUNDS) == 0, "refunds are not begun after a cancel"
    again = sync(mirror, client)
    assert done(again.bills).cold and not again.cancelled
    assert_mirrors_server(mirror, client)


def cut_off_sync(mirror: Mirror, client: BeeCloudClient, after: int, full: bool = False) -> int:
    """A sync (a first one, or of everything again) cut off once `after` bills are in
    (the console closed): how many the mirror then holds."""
    stop = threading.Event()

    def cut_off(kind: str, count: int) -> None:
        if kind == BILLS and count >= after:
            stop.set()

    assert sync(
        mirror, client, full=full, cancelled=stop.is_set, progress=Progress(mirror, cut_off)
    ).cancelled
    return mirror.count(BILLS)


def cut_off_first_sync(mirror: Mirror, client: BeeCloudClient, after: int) -> int:
    kept = cut_off_sync(mirror, client, after)
    assert mirror.synced(BILLS) is None
    return kept


def test_a_first_sync_cut_off_half_way_goes_on_where_it_stopped(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A history of a million bills far from the server takes minutes to fetch the
    first time. Started again from the newest bill at every start, a first sync that a
    clerk's short sessions cut off would never reach the oldest. The next sync goes on
    from the oldest bill the walk cut off had listed, then fetches what was made since
    it began."""
    seeded(sandbox, 2000)  # 40 pages
    kept = cut_off_first_sync(mirror, client, after=1000)
    assert 1000 <= kept < 2000
    left = mirror.walk_left(BILLS)
    assert left is not None and left.reached == min(b.created_time for b in mirror.bills())
    many_paid_bills(sandbox, 30)  # made since
    progress = Progress(mirror)
    bills = done(sync(mirror, client, progress=progress).bills)
    assert bills.cold and bills.resumed and bills.start_ms is None  # from the first
    told = [(done, total) for kind, done, total, _ in progress.calls if kind == BILLS]
    # the progress counts what the walk cut off had listed (those of its oldest
    # millisecond are listed again)
    assert kept - 50 < told[0][0] <= kept
    assert (2000, 2000) in told, "... of every bill of its range"
    assert mirror.walk_left(BILLS) is None
    rest = 2000 - kept
    assert rest <= bills.fetched <= rest + 30 + 50, "the rest and what came since, no more"
    assert mirror.count(BILLS) == 2030
    assert_mirrors_server(mirror, client)


def test_a_walk_whose_pages_are_out_of_order_is_not_gone_on_with(
    sandbox: SandboxServer, mirror: Mirror
) -> None:
    """Going on from the oldest bill listed holds only for a server that lists newest
    first: one whose pages say otherwise has its next sync walk everything again."""
    seeded(sandbox, 400)
    with ListRewritingHost(sandbox.base_url, oldest_first) as host:
        lying = make_client(host.url)
        kept = cut_off_first_sync(mirror, lying, after=100)
        lying.close()
    assert kept < 400 and mirror.walk_left(BILLS) is None
    client = make_client(sandbox.base_url)
    assert done(sync(mirror, client).bills).fetched >= 400
    assert_mirrors_server(mirror, client)
    client.close()


def test_sync_everything_again_cut_off_is_gone_on_with_by_the_next_sync(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """The clerk asked for the whole history again and closed the console before it
    was walked: the next sync goes on with that walk, not only with what is new."""
    seeded(sandbox, 2000)
    sync(mirror, client)
    cut_off_sync(mirror, client, after=1000, full=True)
    assert mirror.walk_left(BILLS) is not None
    bills = done(sync(mirror, client).bills)
    assert bills.resumed and bills.cold
    assert bills.fetched <= 1000 + 50 + 100, "the rest of the walk, then what is new"
    assert mirror.walk_left(BILLS) is None
    assert_mirrors_server(mirror, client)


def test_sync_everything_again_starts_from_the_newest_even_after_a_cut_off_walk(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 400)
    cut_off_first_sync(mirror, client, after=100)
    assert done(sync(mirror, client, full=True).bills).fetched >= 400
    assert_mirrors_server(mirror, client)


def test_an_incremental_sync_cancelled_half_way_leaves_the_synced_range_where_it_was(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    assert sandbox.store is not None
    sync(mirror, client)
    bills_before, refunds_before = mirror.synced(BILLS), mirror.synced(REFUNDS)
    many_paid_bills(sandbox, 120)
    stop = threading.Event()
    progress = Progress(mirror, lambda kind, count: stop.set() if count else None)
    assert sync(mirror, client, cancelled=stop.is_set, progress=progress).cancelled
    assert 50 <= mirror.count(BILLS) < 120
    assert (mirror.synced(BILLS), mirror.synced(REFUNDS)) == (bills_before, refunds_before)
    result = sync(mirror, client)
    assert not done(result.bills).cold and done(result.bills).fetched == 120
    assert_mirrors_server(mirror, client)


def test_cancelled_between_bills_and_refunds_the_bills_are_synced(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 60)
    stop = threading.Event()
    progress = Progress(mirror, lambda kind, count: stop.set() if kind == REFUNDS else None)
    result = sync(mirror, client, cancelled=stop.is_set, progress=progress)
    assert result.cancelled and done(result.bills).fetched == 60 and result.refunds is None
    assert mirror.synced(BILLS) is not None and mirror.synced(REFUNDS) is None


def test_a_sync_whose_client_is_aborted_half_way_raises_and_the_next_one_repairs(
    sandbox: SandboxServer, mirror: Mirror
) -> None:
    seeded(sandbox, 2000)  # 40 pages: more than the walk fetches ahead of the page it is on
    doomed = make_client(sandbox.base_url)
    progress = Progress(mirror, lambda kind, count: doomed.abort() if count else None)
    with pytest.raises(ClientClosedError):
        sync(mirror, doomed, progress=progress)
    assert 50 <= mirror.count(BILLS) < 2000
    assert mirror.synced(BILLS) is None
    fresh = make_client(sandbox.base_url)
    assert done(sync(mirror, fresh).bills).cold
    assert_mirrors_server(mirror, fresh)
    fresh.close()


@pytest.mark.parametrize("endpoint", ["bills", "refunds"])
def test_a_failed_page_raises_the_clients_error_and_leaves_the_range(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, endpoint: str
) -> None:
    sync(mirror, client)
    through = mirror.synced(endpoint)
    # 40 pages: more than the walk fetches ahead of the page it is on
    many_paid_bills(sandbox, 2000, refunded=endpoint == "refunds")

    def fail(kind: str, count: int) -> None:
        if kind == endpoint and count:
            sandbox.faults.set(endpoint, Fault("html-500"))

    with pytest.raises(TransportError) as raised:
        sync(mirror, client, progress=Progress(mirror, fail))
    assert "answered with an error, HTTP 500" in str(raised.value)
    assert mirror.synced(endpoint) == through
    sandbox.faults.clear()
    sync(mirror, client)
    assert_mirrors_server(mirror, client)


# -- the counts' check ------------------------------------------------------------------


def test_a_row_deleted_behind_the_mirrors_back_is_noticed_by_count_and_restored(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, mirror_path: Path
) -> None:
    seeded(sandbox, 240)
    sync(mirror, client)
    oldest = mirror.bills()[-1].bill_no  # months old: no incremental walk reaches it
    assert on_mirror_file(mirror_path, "DELETE FROM bills WHERE bill_no = ?", oldest) == 1
    result = sync(mirror, client)
    assert result.repaired == (BILLS,)
    bills = done(result.bills)
    assert bills.mismatch == (240, 239) and bills.cold and bills.fetched == 240
    assert done(result.refunds).mismatch is None
    assert_mirrors_server(mirror, client)
    assert sync(mirror, client).repaired == ()


def test_a_sync_whose_walk_ended_early_is_walked_again_from_where_it_began(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, mirror_path: Path
) -> None:
    """An incremental walk that listed fewer records than the server counts (pages cut
    short), soon after a repair (so the counts' check waits): its range was marked
    synced all the same, and the records it did not reach, older than the overlap by
    the next sync, were missing until the next repair, hours later."""
    seeded(sandbox, 120)
    sync(mirror, client)
    oldest = mirror.bills()[-1].bill_no
    assert on_mirror_file(mirror_path, "DELETE FROM bills WHERE bill_no = ?", oldest) == 1
    assert sync(mirror, client).repaired == (BILLS,)  # a repair: the next mismatch waits
    many_paid_bills(sandbox, 30)
    with ListRewritingHost(sandbox.base_url, pages_of(20)) as host:
        short = make_client(host.url)
        cut = sync(mirror, short, clock=ahead(HOUR_MS))
        short.close()
    assert done(cut.bills).unlisted == 10 and BILLS in cut.unsure
    again = sync(mirror, client, clock=ahead(2 * HOUR_MS))
    assert BILLS not in again.unsure
    assert_mirrors_server(mirror, client)


def test_a_walk_of_everything_again_cut_off_half_way_goes_on_where_it_stopped(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, mirror_path: Path
) -> None:
    """The counts disagree and the history is walked again whole: minutes for a
    million bills far away. Cut off (the console closed), the next sync goes on with it
    from where it stopped rather than start again from the newest bill."""
    seeded(sandbox, 2000)
    sync(mirror, client)
    oldest = mirror.bills()[-1].bill_no
    assert on_mirror_file(mirror_path, "DELETE FROM bills WHERE bill_no = ?", oldest) == 1
    stop = threading.Event()

    def cut_off(kind: str, done: int) -> None:
        if kind == BILLS and progress.calls[-1][2] is not None and done >= 1000:
            stop.set()  # the walk of everything (counted), half-way

    progress = Progress(mirror, cut_off)
    assert sync(mirror, client, cancelled=stop.is_set, progress=progress).cancelled
    assert mirror.walk_left(BILLS) is not None and mirror.repaired_ms(BILLS) is not None
    bills = done(sync(mirror, client).bills)
    assert bills.resumed and bills.mismatch is None  # gone on with, then the counts agree
    assert bills.fetched <= 1000 + 50, "the rest of the walk, not all of it again"
    assert mirror.walk_left(BILLS) is None
    assert_mirrors_server(mirror, client)
    assert sync(mirror, client).repaired == ()


def test_a_reset_sandbox_is_noticed_by_count_and_what_it_no_longer_has_is_forgotten(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 240)
    sync(mirror, client)
    old_bills, old_refunds = mirror.count(BILLS), mirror.count(REFUNDS)
    on_sandbox(sandbox, "DELETE FROM refunds")
    on_sandbox(sandbox, "DELETE FROM bills")
    seeded(sandbox, 100, rng_seed=7)  # other demo bills, of other numbers
    result = sync(mirror, client)
    assert set(result.repaired) == {BILLS, REFUNDS}
    assert done(result.bills).forgotten + done(result.bills).fetched >= old_bills
    assert done(result.refunds).mismatch is not None
    assert mirror.count(BILLS) == 100 < old_bills and mirror.count(REFUNDS) < old_refunds
    assert_mirrors_server(mirror, client)


def test_an_old_record_the_server_removed_is_forgotten(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 240)
    sync(mirror, client)
    oldest = mirror.refunds()[-1]
    on_sandbox(sandbox, "DELETE FROM refunds WHERE refund_no = ?", oldest.refund_no)
    result = sync(mirror, client)
    assert result.repaired == (REFUNDS,) and done(result.refunds).forgotten == 1
    assert_mirrors_server(mirror, client)


def test_a_count_that_fails_leaves_a_cold_walk_without_a_total_not_undone(
    sandbox: SandboxServer, mirror: Mirror
) -> None:
    """A cold walk's count only sizes its progress: when it fails (the server broke on
    it), the walk goes on and ends without a total, and the sync with it."""
    seeded(sandbox, 120)
    broken = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    with CountlessHost(sandbox.base_url, broken) as host:
        client = make_client(host.url)
        progress = Progress(mirror)
        result = sync(mirror, client, progress=progress)
        assert host.counts_asked >= 2  # the bills' and the refunds'
        assert_mirrors_server(mirror, client)
        client.close()
    assert not result.cancelled and done(result.bills).fetched == 120
    assert {total for _, _, total, _ in progress.calls} == {None}
    assert mirror.synced(BILLS) is not None and mirror.synced(REFUNDS) is not None


# -- without counts ---------------------------------------------------------------------


NO_COUNT_REPLIES = {
    "404": CountlessHost.NOT_FOUND,
    "no count": json_reply(b'{"result_code":0}'),
    # more than any record could number (and than Qt can write out): a lie
    "impossible count": json_reply(b'{"result_code":0,"count":%d}' % 10**30),
}


@pytest.mark.parametrize("reply", NO_COUNT_REPLIES, ids=list(NO_COUNT_REPLIES))
def test_a_server_that_does_not_count_is_synced_all_the_same(
    sandbox: SandboxServer, mirror: Mirror, mirror_path: Path, reply: str
) -> None:
    seeded(sandbox, 120)
    with CountlessHost(sandbox.base_url, NO_COUNT_REPLIES[reply]) as host:
        client = make_client(host.url)
        progress = Progress(mirror)
        result = sync(mirror, client, progress=progress)
        assert not result.counted and host.counts_asked == 1, "asked once, then not again"
        assert {total for _, _, total, _ in progress.calls} == {None}
        assert_mirrors_server(mirror, client)
        bill_no, url = pay_by_paypal(client)
        pay_by_card(client)
        decide(url)
        result = sync(mirror, client)
        assert not result.counted and not done(result.bills).cold
        assert_mirrors_server(mirror, client)
        assert mirror_records(mirror)[0][bill_no].paid
        # what only a count can notice waits for a full sync
        oldest = mirror.bills()[-1].bill_no
        on_mirror_file(mirror_path, "DELETE FROM bills WHERE bill_no = ?", oldest)
        assert sync(mirror, client).repaired == ()
        assert oldest not in mirror_records(mirror)[0]
        sync(mirror, client, full=True)
        assert_mirrors_server(mirror, client)
        client.close()


class PaidCountRefusingHost(ForwardingHost):
    """A host in front of the sandbox that counts, but refuses a count filtered by
    `spay_result` (result code 5), as a server that does not know the filter may."""

    REFUSAL = b'{"result_code": 5, "result_msg": "PARAM_INVALID", "err_detail": "spay_result"}'

    def __init__(self, target: str) -> None:
        self.refused = 0
        super().__init__(target, self.relay_post, self._answer)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        if "/count" in handler.path and "spay_result" in unquote_plus(handler.path):
            self.refused += 1
            handler.send_response(200)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(self.REFUSAL)))
            handler.end_headers()
            handler.wfile.write(self.REFUSAL)
            return
        self.forward_get(handler)


def test_a_server_that_refuses_the_paid_count_has_the_unpaid_stretch_walked_and_still_counts(
    sandbox: SandboxServer, mirror: Mirror
) -> None:
    unpaid_in_the_window(sandbox)
    with PaidCountRefusingHost(sandbox.base_url) as host:
        client = make_client(host.url)
        sync(mirror, client)
        unpaid = mirror.oldest_unpaid_since(now_ms() - UNPAID_WINDOW_MS)
        result = sync(mirror, client)
        assert host.refused == 1 and result.counted, "the other counts are still used"
        assert done(result.bills).start_ms == unpaid
        on_sandbox(sandbox, "UPDATE bills SET paid = 1 WHERE bill_no = 'unpaid2days'")
        assert sync(mirror, client).counted
        assert_mirrors_server(mirror, client)
        client.close()


def test_counts_that_never_match_the_lists_have_everything_walked_again_once_not_every_sync(
    sandbox: SandboxServer, mirror: Mirror
) -> None:
    """A server whose counts disagree with its lists (a bug, or a lie) would have every
    sync walk the whole history again, in vain: the first disagreement is repaired at
    once, the next ones within REPAIR_EVERY_MS are reported and wait."""
    seeded(sandbox, 120)
    body = b'{"result_code": 0, "result_msg": "OK", "err_detail": "", "count": 9999}'
    lying = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
        + body
    )
    with CountlessHost(sandbox.base_url, lying) as host:
        client = make_client(host.url)
        sync(mirror, client)
        first = sync(mirror, client)
        assert first.repaired == (BILLS, REFUNDS)
        assert done(first.bills).cold and (done(first.bills).mismatch or ())[:1] == (9999,)
        again = sync(mirror, client)
        assert again.repaired == () and not done(again.bills).cold
        assert (done(again.bills).mismatch or ())[:1] == (9999,), "reported all the same"
        assert again.unsure == (BILLS, REFUNDS)
        assert_mirrors_server(mirror, client)
        later = sync(mirror, client, clock=ahead(REPAIR_EVERY_MS + HOUR_MS))
        assert later.repaired == (BILLS, REFUNDS)
        client.close()


def test_a_server_that_stops_paging_fails_the_sync_and_nothing_is_forgotten(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 120)
    sync(mirror, client)
    before = mirror_records(mirror)
    synced = mirror.synced(BILLS)
    with FilterIgnoringHost(sandbox.base_url, "skip") as host:
        lost = make_client(host.url)
        with pytest.raises(PagingError):
            sync(mirror, lost, full=True)
        lost.close()
    assert mirror_records(mirror) == before and mirror.synced(BILLS) == synced
    assert_mirrors_server(mirror, client)


def test_a_server_that_stops_paging_and_lists_a_record_that_cannot_be_read_is_no_endless_walk(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A server that ignores skip and lists a bill that cannot be read on its first
    page: each page after it repeats the first, which the walk took for a record left
    out again, never for a list that does not page. It walked on without end. A record
    left out again is no news."""
    seeded(sandbox, 120)
    sync(mirror, client)
    with (
        ListRewritingHost(sandbox.base_url, inflated) as liar,
        FilterIgnoringHost(liar.url, "skip") as host,
    ):
        lost = make_client(host.url)
        with pytest.raises(PagingError):
            sync(mirror, lost, full=True)
        lost.close()


def refund_of_two_bills(answer: dict[str, Any]) -> None:
    """A lie in a refund list: its first refund's number is listed again, first, for
    another bill's refund, of another amount (ListRewritingHost). (Another refund of the
    same bill, made the same moment, would be the first listed again, not a lie.)"""
    refunds = answer.get("refunds")
    if not isinstance(refunds, list) or not refunds:
        return
    first = refunds[0]
    other = next(
        (
            r
            for r in refunds[1:]
            if (r["bill_no"], r["refund_fee"]) != (first["bill_no"], first["refund_fee"])
        ),
        None,
    )
    if other is not None:
        refunds.insert(0, {**other, "refund_no": first["refund_no"]})


def bill_listed_twice(bills: list[BillRecord]) -> Callable[[dict[str, Any]], None]:
    """A lie across pages: the first page ends with the second page's first bill, of
    another amount; the second page lists it as it is (ListRewritingHost)."""
    moved = bills[50]

    def lie(answer: dict[str, Any]) -> None:
        listed = answer.get("bills")
        if isinstance(listed, list) and listed and listed[0]["bill_no"] == bills[0].bill_no:
            listed[-1] = {**listed[50 - 1], "bill_no": moved.bill_no, "total_fee": 777}

    return lie


def holds_only_the_truth(mirror: Mirror, client: BeeCloudClient) -> None:
    """Every record the mirror holds is one the server lists, as it lists it."""
    server_bills, server_refunds = server_records(client)
    bills, refunds = mirror_records(mirror)
    assert all(server_bills.get(number) == bill for number, bill in bills.items())
    assert all(server_refunds.get(number) == refund for number, refund in refunds.items())


def left_out_numbers(kind: KindSynced | None) -> set[str]:
    """The numbers of the records a sync of the kind left out (KindSynced.left_out)."""
    return {left.number for left in done(kind).left_out}


@pytest.mark.parametrize("across_pages", [False, True])
def test_a_number_given_to_two_records_is_left_out_and_the_sync_goes_on(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, across_pages: bool
) -> None:
    """A refund number listed for two bills in one page, or a bill listed on two pages
    with two amounts: the walk kept the first it read as the truth and dropped the
    other, and an honest sync after it, which walks only the last minutes again, left
    the lie in the history for good. Then the sync stopped there, so that a lie on the
    first page left the history without any record of that kind at every sync. The
    number is left out (neither record kept) and named, the rest of the list is kept,
    the history is not called complete, and the next honest sync takes it."""
    seeded(sandbox, 120)
    sync(mirror, client)
    lie = bill_listed_twice(all_bills(client)) if across_pages else refund_of_two_bills
    kind = BILLS if across_pages else REFUNDS
    server_bills, server_refunds = server_records(client)
    with ListRewritingHost(sandbox.base_url, lie) as host:
        lying = make_client(host.url)
        result = sync(mirror, lying, full=True)
        lying.close()
    left = left_out_numbers(result.bills if across_pages else result.refunds)
    assert left and kind in result.unsure
    bills, refunds = mirror_records(mirror)
    held = bills if across_pages else refunds
    assert not left & set(held)
    holds_only_the_truth(mirror, client)
    if not across_pages:  # every refund the lie did not touch is still there
        assert set(refunds) == set(server_refunds) - left
    else:  # all but the bill listed twice (the one its first listing pushed out of the
        # list is kept as the last sync had it: a walk that listed fewer forgets none)
        assert set(bills) == set(server_bills) - left
    result = sync(mirror, client)
    assert not result.unsure and not result.left_out
    assert_mirrors_server(mirror, client)


def test_a_refund_listed_for_another_amount_than_its_bill_is_left_out_and_the_sync_goes_on(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A refund listed as made from a bill of USD 50.00, all of it refunded, where its
    bill is listed as USD 10.00: the history kept it, the Bills row said "50.00" refunded
    of 10.00, and the Overview's net of that day was USD -40.00. Then the whole page was
    refused and the sync stopped there: a lie on the first page left the history with no
    refund at all, at every sync for ever. The refund is left out and named, every other
    refund is kept, and once the server tells the truth the refund is kept too."""
    seeded(sandbox, 120)
    bill_no = pay_by_card(client, 1000, "USD")
    made = refund_no("LIE1")
    client.refund(RefundRequest(bill_no, made, Money(500, "USD")))
    _, server_refunds = server_records(client)

    def more_than_paid(answer: dict[str, Any]) -> None:
        for record in answer.get("refunds") or []:
            if record["refund_no"] == made:
                record["total_fee"] = record["refund_fee"] = 5000

    with ListRewritingHost(sandbox.base_url, more_than_paid) as host:
        lying = make_client(host.url)
        # the first sync, then one 20 minutes later, whose check counts the refund
        for later in (0, 20 * 60_000):
            result = sync(mirror, lying, currencies={bill_no: "USD"}, clock=ahead(later))
            # the refund left out is no count that disagrees: nothing is walked whole
            refunds_synced = done(result.refunds)
            assert (refunds_synced.cold, refunds_synced.mismatch) == (not later, None)
            assert [(left.kind, left.number, type(left.why)) for left in result.left_out] == [
                (REFUNDS, made, RefundBillMismatchError)
            ]
            why = result.left_out[0].why
            assert isinstance(why, RefundBillMismatchError)
            assert (why.refund_no, why.bill_no, why.stated, why.total, why.currency) == (
                made,
                bill_no,
                5000,
                1000,
                "USD",
            )
            assert result.unsure == (REFUNDS,)
            refunds = mirror_records(mirror)[1]
            assert set(refunds) == set(server_refunds) - {made}
        lying.close()
    today = date.today()
    before = overview_of(mirror.reader(), today, today).totals["USD"]
    result = sync(mirror, client)  # the truth again: it is kept
    assert not result.left_out and not result.unsure
    assert mirror_records(mirror)[1][made].refund_fee == 500
    after = overview_of(mirror.reader(), today, today).totals["USD"]
    assert after.refunded == before.refunded + 500
    assert_mirrors_server(mirror, client)


def test_a_server_that_lies_about_every_record_costs_a_sync_little_memory_and_log(
    sandbox: SandboxServer,
    client: BeeCloudClient,
    mirror: Mirror,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Every refund listed as made from a bill of five times its amount: each was kept in
    the result (an exception and its words, a kilobyte: a gigabyte for a million
    refunds) and logged on a line of its own. The first LEFT_OUT_NAMED are named, the
    others counted; the log names as many, and then says how many more."""
    seeded(sandbox, 120)
    monkeypatch.setattr(sync_module, "LEFT_OUT_NAMED", 2)
    _, server_refunds = server_records(client)
    assert len(server_refunds) > 3

    def more_than_paid(answer: dict[str, Any]) -> None:
        for record in answer.get("refunds") or []:
            record["total_fee"] = record["refund_fee"] = record["total_fee"] * 5

    with ListRewritingHost(sandbox.base_url, more_than_paid) as host:
        lying = make_client(host.url)
        with caplog.at_level("INFO", logger="console.store.sync"):
            result = sync(mirror, lying)
        lying.close()
    refunds = done(result.refunds)
    assert len(refunds.left_out) == 2 and refunds.left_out_count == len(server_refunds)
    assert result.left_out_count == len(server_refunds) and mirror.count(REFUNDS) == 0
    told = [r.getMessage() for r in caplog.records if "not kept" in r.getMessage()]
    assert len(told) == 3 and told[-1].startswith(f"{len(server_refunds) - 2} more refunds")


@pytest.mark.parametrize("lie", ["another amount", "unreadable"])
def test_an_old_record_left_out_is_asked_for_by_its_number_and_kept_once_true(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, lie: str
) -> None:
    """A refund of months ago left out by a walk of everything: an incremental sync
    does not list it again, and the counts' check that would have it walked again waits
    6 hours after a repair. It stayed out of the history, the status bar calling the
    history complete or not as the counts went, until a repair hours later. The next
    sync asks for it by its number, and keeps it once the server tells the truth; while
    the server still lies, the history is not called complete."""
    seeded(sandbox, 120)
    sync(mirror, client)
    _, server_refunds = server_records(client)
    oldest = min(server_refunds.values(), key=lambda refund: refund.created_time)

    def lying(answer: dict[str, Any]) -> None:
        for record in answer.get("refunds") or []:
            if record["refund_no"] == oldest.refund_no:
                if lie == "unreadable":
                    record["total_fee"] = 10**30
                else:
                    record["total_fee"] *= 5

    mirror.mark_repaired(REFUNDS, now_ms())  # the counts' check waits
    with ListRewritingHost(sandbox.base_url, lying) as host:
        liar = make_client(host.url)
        assert left_out_numbers(sync(mirror, liar, full=True).refunds) == {oldest.refund_no}
        result = sync(mirror, liar)  # asked for again: still a lie
        liar.close()
    assert result.unsure == (REFUNDS,) and result.left_out_count == 1
    assert oldest.refund_no not in mirror_records(mirror)[1]
    result = sync(mirror, client)
    assert not result.unsure and not result.left_out_count
    assert_mirrors_server(mirror, client)


def test_a_bill_listed_for_another_amount_than_its_refunds_is_left_out_too(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """The same lie the other way: the refund kept first, then its bill listed at
    another amount. The bill is left out (neither amount is shown as its own), the other
    bills are kept, and the next honest sync takes it again."""
    seeded(sandbox, 120)
    bill_no = pay_by_card(client, 1000, "USD")
    client.refund(RefundRequest(bill_no, refund_no("LIE2"), Money(1000, "USD")))
    sync(mirror, client)

    def cheaper(answer: dict[str, Any]) -> None:
        for record in answer.get("bills") or []:
            if record["bill_no"] == bill_no:
                record["total_fee"] = 100

    with ListRewritingHost(sandbox.base_url, cheaper) as host:
        lying = make_client(host.url)
        result = sync(mirror, lying, full=True)
        lying.close()
    assert [(left.kind, left.number) for left in result.left_out] == [(BILLS, bill_no)]
    assert BILLS in result.unsure
    bills, _ = mirror_records(mirror)
    assert bill_no not in bills and len(bills) == len(server_records(client)[0]) - 1
    sync(mirror, client)
    assert_mirrors_server(mirror, client)


def inflated(answer: dict[str, Any]) -> None:
    """A lie in a bill list: the first bill of each page is worth 10**30 hundredths."""
    if answer.get("bills"):
        answer["bills"][0]["total_fee"] = 10**30


@pytest.mark.parametrize(
    ("pragma", "why"),
    [("max_page_count", HISTORY_FULL), ("query_only", HISTORY_READ_ONLY)],
)
def test_a_history_that_cannot_be_written_fails_the_sync_saying_why(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, pragma: str, why: str
) -> None:
    """SQLite's code says why the mirror refused a write (a disk full: no page more; a
    file that cannot be written), for the words the clerk reads (console/gui/jobs.py):
    each was asked "Is the disk full?"."""
    seeded(sandbox, 120)
    pages = mirror._writer.execute("PRAGMA page_count").fetchone()[0]
    mirror._writer.execute(f"PRAGMA {pragma}={pages if pragma == 'max_page_count' else 1}")
    with pytest.raises(HistoryFileError) as failed:
        sync(mirror, client)
    assert failed.value.why == why
    assert mirror.count(BILLS) == 0 and not mirror.damaged


def test_a_record_listed_with_an_impossible_amount_is_left_out_and_the_sync_goes_on(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """The first bill of each page worth 10**30 hundredths. It reached the mirror once,
    which could not hold it (OverflowError: an unexpected error) and whose sums per day
    overflowed with two bills of 2**62; then its whole page was refused and the sync
    stopped there: a first page with one such bill left the history without any bill,
    at every sync. Each such bill is left out (not kept, an earlier listing of it
    forgotten) and named; the rest of each page is kept; the next honest sync takes
    them."""
    seeded(sandbox, 120)
    sync(mirror, client)
    server_bills, _ = server_records(client)
    with ListRewritingHost(sandbox.base_url, inflated) as host:
        lying = make_client(host.url)
        result = sync(mirror, lying, full=True)
        lying.close()
    left = left_out_numbers(result.bills)
    assert len(left) == 3 and BILLS in result.unsure  # the first of each of 3 pages
    assert all(isinstance(left.why, UnreadableRecordError) for left in result.left_out)
    bills, _ = mirror_records(mirror)
    assert set(bills) == set(server_bills) - left
    holds_only_the_truth(mirror, client)
    result = sync(mirror, client)
    assert not result.left_out_count
    assert_mirrors_server(mirror, client)


def without_number(answer: dict[str, Any]) -> None:
    """A lie in a refund list: its first refund's number is not one BeeCloud makes."""
    if answer.get("refunds"):
        answer["refunds"][0]["refund_no"] = "\x1b[2J" + "9" * 100_000


def test_a_record_listed_without_a_number_is_left_out_and_said_by_its_page(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    seeded(sandbox, 120)
    _, server_refunds = server_records(client)
    with ListRewritingHost(sandbox.base_url, without_number) as host:
        lying = make_client(host.url)
        result = sync(mirror, lying)
        lying.close()
    [left] = result.left_out
    assert isinstance(left.why, UnreadableRecordError)
    assert (left.kind, left.number, left.why.page, left.why.number) == (REFUNDS, "", 1, None)
    assert len(mirror_records(mirror)[1]) == len(server_refunds) - 1


def strange_titles(answer: dict[str, Any]) -> None:
    """A lie in a bill list: titles no database file can hold (a lone surrogate), with
    control characters, and a hundred thousand characters long (ListRewritingHost)."""
    titles = ("half \ud800 a pair", "nul\x00 and bell\x07", "椅" * 100_000)
    for bill, title in zip(answer.get("bills") or [], titles, strict=False):
        bill["title"] = title


def test_titles_the_history_cannot_hold_as_they_came_are_kept_in_words_it_can(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A lone surrogate stopped every sync at its page (UnicodeEncodeError, an error
    no caller expects), and a megabyte of title was kept whole each time."""
    seeded(sandbox, 120)
    with ListRewritingHost(sandbox.base_url, strange_titles) as host:
        lying = make_client(host.url)
        result = sync(mirror, lying)
        lying.close()
    assert done(result.bills).fetched == 120
    titles = {bill.title for bill in mirror.bills()}
    assert {"half \ufffd a pair", "nul\ufffd and bell\ufffd", "椅" * (TEXT_MAX - 1) + "…"} <= titles
    assert mirror.count(BILLS) == 120


@pytest.mark.parametrize("size", [20, 0])
def test_a_walk_that_lists_fewer_records_than_the_server_counts_forgets_nothing(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, size: int
) -> None:
    """Pages shorter than asked (a server with a smaller page limit), or an empty answer
    once: the walk ends early, and took the records it did not reach for records the
    server no longer has. Their count says otherwise: nothing is forgotten."""
    seeded(sandbox, 120)
    sync(mirror, client)
    before = mirror_records(mirror)
    with ListRewritingHost(sandbox.base_url, pages_of(size)) as host:
        short = make_client(host.url)
        result = sync(mirror, short, full=True)
        again = sync(mirror, short)
        short.close()
    assert done(result.bills).forgotten == 0 and done(result.refunds).forgotten == 0
    assert done(again.bills).forgotten == 0
    assert BILLS in result.unsure, "and it is said"
    assert again.unsure == (), "the history holds all the server counts: nothing to say"
    assert mirror_records(mirror) == before
    assert_mirrors_server(mirror, client)


def test_a_server_that_cannot_find_a_refund_by_number_leaves_it_to_a_full_sync(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A server that ignores the refund_no filter lists its newest refunds for any
    number: a refund not yet final cannot be asked for again (BadAnswerError failed
    every sync). The sync goes on without it, and a full sync brings its end."""
    seeded(sandbox, 60)
    assert sandbox.store is not None
    bill_no = pay_by_card(client)
    number = refund_no("900")
    sandbox.store.insert_refund(APP_ID, number, bill_no, 100, finish=False, result=False)
    sync(mirror, client, clock=ahead(HOUR_MS))
    on_sandbox(sandbox, "UPDATE refunds SET finish = 1, result = 1 WHERE refund_no = ?", number)
    with FilterIgnoringHost(sandbox.base_url, "refund_no") as host:
        ignoring = make_client(host.url)
        result = sync(mirror, ignoring, clock=ahead(2 * HOUR_MS))
        ignoring.close()
    assert host.ignored == 1 and done(result.refunds).refetched == 0
    assert not mirror_records(mirror)[1][number].finished, "not known yet"
    sync(mirror, client, full=True)
    assert mirror_records(mirror)[1][number].finished
    assert_mirrors_server(mirror, client)


def from_the_future(answer: dict[str, Any]) -> None:
    """A lie in a bill list: its first bill made in the year 2200 (on every page: the
    same bill each time)."""
    if answer.get("bills"):
        answer["bills"][0] = {
            **answer["bills"][0],
            "bill_no": "FUTURE0001",
            "created_time": 7 * 10**12,
            "total_fee": 100,
            "channel": "PAYPAL_PAYPAL",
        }


def test_a_record_from_the_future_that_the_server_lists_no_more_is_forgotten(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """A server that ignores the walk's end listed a bill of the year 2200; once it
    lists it no more, a walk of everything forgets it (it forgot only up to its end)."""
    seeded(sandbox, 60)
    with ListRewritingHost(sandbox.base_url, from_the_future) as host:
        lying = make_client(host.url)
        sync(mirror, lying)
        lying.close()
    assert "FUTURE0001" in {bill.bill_no for bill in mirror.bills()}
    sync(mirror, client, full=True)
    assert_mirrors_server(mirror, client)


def endless(made: Iterator[int], unreadable: bool = False) -> Callable[[dict[str, Any]], None]:
    """A server whose bill lists never end: every page, past the last too, is full of
    bills it never listed before (or, `unreadable`, of rows without a number that can
    be read), all made an hour ago (ListRewritingHost)."""

    def fill(answer: dict[str, Any]) -> None:
        if "bills" in answer:
            created = now_ms() - HOUR_MS
            answer["bills"] = [
                {
                    "bill_no": f"ENDLESS{next(made):012d}" + ("?" if unreadable else ""),
                    "total_fee": 100,
                    "channel": "PAYPAL_PAYPAL",
                    "title": "again",
                    "spay_result": False,
                    "created_time": created,
                }
                for _ in range(50)
            ]

    return fill


@pytest.mark.parametrize("unreadable", [False, True])
def test_a_list_that_never_ends_stops_the_sync_long_before_the_disk_is_full(
    sandbox: SandboxServer, mirror: Mirror, unreadable: bool
) -> None:
    """Pages of new records, on and on, while the server counts 60 in the range: the
    walk went on until cancelled (90,800 bills in 8 s, the history and the memory of
    the bills seen growing all the while). Far more than the count, all of the range
    asked for, is a server whose lists do not end: the sync stops and says so. Rows
    that cannot be read, left out, are listed too: pages of them went on for ever."""
    seeded(sandbox, 60)
    made = itertools.count()
    with ListRewritingHost(sandbox.base_url, endless(made, unreadable)) as host:
        lying = make_client(host.url)
        with pytest.raises(ListOverrunError) as raised:
            sync(mirror, lying)
        lying.close()
    assert (raised.value.what, raised.value.counted) == ("bills", 60)
    assert raised.value.listed > 120
    assert next(made) < 2_000, "stopped soon after the count was passed"
    assert mirror.synced(BILLS) is None


def test_a_server_that_ignores_the_walks_range_is_not_taken_for_an_endless_one(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror
) -> None:
    """Its incremental walks list every record, far more than the count of their range:
    records outside the range show why, and the walk is read to its end."""
    seeded(sandbox, 1500)
    sync(mirror, client)
    with FilterIgnoringHost(sandbox.base_url, "start_time") as host:
        ignoring = make_client(host.url)
        result = sync(mirror, ignoring)
        ignoring.close()
    assert done(result.bills).fetched >= 1500
    assert_mirrors_server(mirror, client)


# -- two consoles on one profile --------------------------------------------------------


def test_two_consoles_syncing_one_mirror_file_in_turn_and_at_once_agree(
    sandbox: SandboxServer, mirror: Mirror, mirror_path: Path
) -> None:
    seeded(sandbox, 300)
    other = Mirror.open(mirror_path, APP_ID)
    first, second = make_client(sandbox.base_url), make_client(sandbox.base_url)
    try:
        sync(mirror, first)
        pay_by_card(second)
        assert not done(sync(other, second).bills).cold, "the first console's range is shared"
        assert_mirrors_server(other, second)
        # interleaved: the second console syncs while the first is between two pages
        pay_by_card(first)
        nested: list[SyncResult] = []

        def meanwhile(kind: str, count: int) -> None:
            if count and not nested:
                pay_by_card(second)
                nested.append(sync(other, second, full=True))

        sync(mirror, first, full=True, progress=Progress(mirror, meanwhile))
        assert nested and not nested[0].cancelled
        assert_mirrors_server(mirror, first)
        # at once, on two threads, several times
        errors: list[BaseException] = []
        start = threading.Barrier(2)

        def console(m: Mirror, c: BeeCloudClient) -> None:
            try:
                start.wait(10)
                for full in (True, False, True, False):
                    pay_by_card(c)
                    sync(m, c, full=full)
            except BaseException as error:
                errors.append(error)

        threads = [
            threading.Thread(target=console, args=pair)
            for pair in ((mirror, first), (other, second))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        sync(other, second)
        assert_mirrors_server(mirror, first)
        assert mirror_records(mirror) == mirror_records(other)
    finally:
        first.close()
        second.close()
        other.close()


# -- nothing secret in the file ---------------------------------------------------------


def test_the_mirror_file_holds_no_card_data_and_no_secret(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, mirror_path: Path
) -> None:
    card_bill = BillRequest(
        "PAYPAL_CREDITCARD", Money(1234, "USD"), new_bill_no(), "C", card=card()
    )
    vaulted = client.pay(card_bill).credit_card_id
    assert vaulted is not None
    saved = BillRequest(
        "PAYPAL_SAVED_CREDITCARD", Money(999, "GBP"), new_bill_no(), "S", credit_card_id=vaulted
    )
    client.pay(saved)
    bills = [card_bill.bill_no, saved.bill_no, pay_by_card(client)]
    client.refund(RefundRequest(bills[0], new_refund_no(), Money(100, "USD")))
    sync(mirror, client)
    files = sorted(mirror_path.parent.glob(mirror_path.name + "*"))
    assert mirror_path.with_name(mirror_path.name + "-wal") in files
    data = b"".join(path.read_bytes() for path in files)
    assert bills[0].encode() in data, "the records are there (the search can find things)"
    for secret in (CARD_NUMBER, CARD_NUMBER[-8:], CVV, HOLDER, APP_SECRET, "app_sign", "cvv"):
        assert secret.encode() not in data, secret
    assert re.search(rb"[0-9a-f]{32}", data) is None, "something like an app_sign"


def test_a_sync_fills_the_currencies_of_what_it_wrote_and_of_those_recorded_since(
    sandbox: SandboxServer, client: BeeCloudClient, mirror: Mirror, tmp_path: Path
) -> None:
    """Each sync read every currency this console recorded and wrote each into the
    history, twice (bills and refunds, before and after the refunds): a console that took
    a million payments spent 12 s at each. It touches the rows it wrote, and the bills of
    the currencies recorded since the last sync, only."""
    assert sandbox.store is not None
    store = ConsoleStore.open(tmp_path / "console")
    recorded = store.local.recorded_currencies("shop")
    for n in range(300):  # bills of another day, or app, long in the history or in none
        store.local.remember_currency("shop", f"elsewhere{n:04d}", "EUR")
    old = now_ms() - 20 * DAY_MS
    sandbox.store.insert_bill(
        APP_ID, "recordedlater", "PAYPAL_CREDITCARD", 700, "t", None, True, old
    )
    made = pay_by_card(client, 1234, "USD")
    store.local.remember_currency("shop", made, "USD")
    sync(mirror, client, currencies=recorded)
    assert mirror_records(mirror)[0][made].currency == "USD"
    store.local.remember_currency("shop", "recordedlater", "GBP")  # once in the history
    statements: list[str] = []
    mirror._writer.set_trace_callback(statements.append)
    try:
        sync(mirror, client, currencies=recorded)
    finally:
        mirror._writer.set_trace_callback(None)
    bills = mirror_records(mirror)[0]
    assert (bills["recordedlater"].currency, bills[made].currency) == ("GBP", "USD")
    written = sum(
        1 for s in statements if s.strip().startswith(("INSERT INTO bills", "INSERT INTO refunds"))
    )
    filled = sum(1 for s in statements if "SET currency" in s)
    assert filled <= 2 * (written + 1), (filled, written)
    store.close()
