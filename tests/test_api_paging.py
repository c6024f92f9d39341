"""The concurrent page walk (console/api/paging.py) against a real sandbox over
loopback: pages in order, the end at the first short page, cancellation, a page's
error in its place, several requests really in flight, clients never shared."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from console.api import ApiError, BeeCloudClient, BillQuery, BillRecord, ResultCode, paging
from console.api.errors import PagingError
from console.api.models import Listed, now_ms, until
from console.api.paging import (
    ClientPool,
    PageWalk,
    all_bills,
    iter_pages,
    walk_bills,
)
from console.sandbox import SandboxServer
from console.sandbox.faults import Fault
from console.sandbox.seed import seed
from tests import mirror_support
from tests.mirror_support import FilterIgnoringHost
from tests.sandbox_support import APP_ID, APP_SECRET, card_payment

WAIT_S = 10.0
Wrap = Callable[[BeeCloudClient, BillQuery], list[BillRecord]]


def make_client(sandbox: SandboxServer, secret: str = APP_SECRET) -> BeeCloudClient:
    return BeeCloudClient(APP_ID, secret, [sandbox.base_url], shuffle=False, read_timeout=10.0)


def with_bills(sandbox: SandboxServer, count: int) -> list[str]:
    """`count` demo bills on the sandbox; their bill_nos newest first, as pages list them."""
    assert sandbox.store is not None
    seed(sandbox.store, APP_ID, count)
    client = make_client(sandbox)
    try:
        return [
            bill.bill_no for page in iter_pages(client.query_bills, BillQuery()) for bill in page
        ]
    finally:
        client.close()


@pytest.fixture
def client(sandbox: SandboxServer) -> Iterator[BeeCloudClient]:
    made = make_client(sandbox)
    yield made
    made.close()


@pytest.fixture
def pool(client: BeeCloudClient) -> Iterator[ClientPool]:
    with ClientPool(client) as made:
        yield made


class Recorder:
    """Fetches through the pool's clients (real HTTP), noting every query's skip; `wrap`
    may hold or fail a page."""

    def __init__(self, pool: ClientPool, wrap: Wrap | None = None) -> None:
        self.pool = pool
        self.wrap = wrap
        self.skips: list[int] = []
        self.lock = threading.Lock()

    @contextmanager
    def lease(self) -> Iterator[Callable[[BillQuery], list[BillRecord]]]:
        with self.pool.lease() as leased:

            def fetch(query: BillQuery) -> list[BillRecord]:
                with self.lock:
                    self.skips.append(query.skip)
                if self.wrap is not None:
                    return self.wrap(leased, query)
                return leased.query_bills(query)

            yield fetch

    def walk(self, query: BillQuery | None = None, **options: Any) -> PageWalk[BillRecord]:
        options.setdefault("in_flight", 4)
        options.setdefault("adaptive", False)  # always several in flight, even on loopback
        return PageWalk(self.lease, query or BillQuery(), **options).start()


def bill_nos(pages: list[list[BillRecord]]) -> list[str]:
    return [bill.bill_no for page in pages for bill in page]


# -- order and the end ------------------------------------------------------------


def test_pages_come_in_order_even_when_a_later_one_is_back_first(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    truth = with_bills(sandbox, 230)
    third_back = threading.Event()

    def hold_the_second_page(leased: BeeCloudClient, query: BillQuery) -> list[BillRecord]:
        if query.skip == 50:  # back only after the third page is
            assert third_back.wait(WAIT_S)
        page = leased.query_bills(query)
        if query.skip == 100:
            third_back.set()
        return page

    recorder = Recorder(pool, hold_the_second_page)
    with recorder.walk() as walk:
        pages = list(walk)
    assert [len(page) for page in pages] == [50, 50, 50, 50, 30]
    assert bill_nos(pages) == truth, "newest first, none lost, none twice"
    assert sorted(recorder.skips)[:5] == [0, 50, 100, 150, 200]
    assert all(skip % 50 == 0 for skip in recorder.skips)


@pytest.mark.parametrize(("count", "sizes"), [(105, [50, 50, 5]), (100, [50, 50]), (50, [50])])
def test_the_walk_ends_at_the_first_short_page(
    sandbox: SandboxServer, pool: ClientPool, count: int, sizes: list[int]
) -> None:
    """An exact multiple of 50 ends on an empty page, which is not handed over; pages
    asked for past the end come back empty and are dropped."""
    truth = with_bills(sandbox, count)
    recorder = Recorder(pool)
    with recorder.walk() as walk:
        pages = list(walk)
    assert [len(page) for page in pages] == sizes
    assert bill_nos(pages) == truth
    end = (count // 50) * 50
    assert end in recorder.skips  # the short (or empty) page was asked for
    assert max(recorder.skips) < end + 2 * 4 * 50  # and at most a window past it


def test_a_query_that_fits_one_page_costs_one_request(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    truth = with_bills(sandbox, 30)
    recorder = Recorder(pool)
    with recorder.walk(in_flight=6) as walk:
        pages = list(walk)
    assert bill_nos(pages) == truth
    assert recorder.skips == [0], "the first page goes alone; it was short, so nothing else"


def test_no_bills_is_no_page(sandbox: SandboxServer, pool: ClientPool) -> None:
    with Recorder(pool).walk() as walk:
        assert list(walk) == []
    assert walk.finished


def test_the_walk_starts_at_the_querys_skip_and_keeps_its_filters(
    sandbox: SandboxServer, client: BeeCloudClient
) -> None:
    truth = with_bills(sandbox, 180)
    skipped = all_bills(client, BillQuery(skip=20), in_flight=3, adaptive=False)
    assert [bill.bill_no for bill in skipped] == truth[20:]
    paypal = all_bills(client, BillQuery(channel="PAYPAL"), in_flight=3, adaptive=False)
    one_by_one = iter_pages(client.query_bills, BillQuery(channel="PAYPAL"))
    assert paypal == [bill for page in one_by_one for bill in page]
    assert 50 < len(paypal) < len(truth)
    assert all(bill.channel.startswith("PAYPAL") for bill in paypal)


# -- errors -----------------------------------------------------------------------


def refuse_page(skip: int, sandbox: SandboxServer) -> Wrap:
    """A wrap that asks for the page at `skip` with a wrong secret: the sandbox's own
    APP_INVALID answer, over real HTTP."""

    def fetch(leased: BeeCloudClient, query: BillQuery) -> list[BillRecord]:
        if query.skip != skip:
            return leased.query_bills(query)
        wrong = make_client(sandbox, secret="not-the-secret")
        try:
            return wrong.query_bills(query)
        finally:
            wrong.close()

    return fetch


def test_an_error_is_raised_in_its_place_after_the_pages_before_it(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    truth = with_bills(sandbox, 2000)
    recorder = Recorder(pool, refuse_page(100, sandbox))
    got: list[list[BillRecord]] = []
    with recorder.walk() as walk, pytest.raises(ApiError) as raised:
        for page in walk:
            got.append(page)
    assert raised.value.code == ResultCode.APP_INVALID
    assert bill_nos(got) == truth[:100], "the two pages before it, and nothing after it"
    # nothing past the window (2 * in_flight pages ahead of the consumer, who waits at
    # the error's page) was asked for: no more once the error was known
    assert max(recorder.skips) < 100 + 2 * 4 * 50


def test_take_ready_hands_over_the_pages_before_an_error_then_the_error(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    with_bills(sandbox, 400)
    ready = threading.Semaphore(0)
    walk = Recorder(pool, refuse_page(50, sandbox)).walk(on_ready=ready.release)
    taken: list[list[BillRecord]] = []
    try:
        while True:
            assert ready.acquire(timeout=WAIT_S)
            try:
                pages, over = walk.take_ready()
            except ApiError:
                break
            taken += pages
            assert not over
    finally:
        assert walk.close(WAIT_S)
    assert [len(page) for page in taken] == [50]
    assert walk.finished


def test_each_page_is_given_to_on_page_on_the_walks_thread_before_it_is_handed_over(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    """How a caller keeps what a walk lists (the console's history) without holding up
    the thread that takes the pages."""
    truth = with_bills(sandbox, 120)
    seen: list[str] = []
    threads: set[str] = set()

    def on_page(page: list[BillRecord]) -> None:
        threads.add(threading.current_thread().name)
        seen.extend(bill.bill_no for bill in page)

    with Recorder(pool).walk(on_page=on_page) as walk:
        for page in walk:
            assert {bill.bill_no for bill in page} <= set(seen), "given before handed over"
    assert sorted(seen) == sorted(truth)
    assert threading.current_thread().name not in threads


def test_a_page_on_page_cannot_take_fails_the_walk_in_its_place(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    truth = with_bills(sandbox, 120)

    def refuse_the_second(page: list[BillRecord]) -> None:
        if page and page[0].bill_no == truth[50]:
            raise OSError("disk full")

    got: list[list[BillRecord]] = []
    with Recorder(pool).walk(on_page=refuse_the_second) as walk, pytest.raises(OSError):
        for page in walk:
            got.append(page)
    assert bill_nos(got) == truth[:50]


def test_an_error_past_the_end_is_ignored(sandbox: SandboxServer, pool: ClientPool) -> None:
    truth = with_bills(sandbox, 120)
    with Recorder(pool, refuse_page(150, sandbox)).walk() as walk:
        assert bill_nos(list(walk)) == truth


# -- cancellation -----------------------------------------------------------------


def test_a_cancelled_walk_asks_for_no_more_pages(sandbox: SandboxServer, pool: ClientPool) -> None:
    with_bills(sandbox, 5000)  # 100 pages
    stop = threading.Event()
    recorder = Recorder(pool)
    got = []
    with recorder.walk(cancelled=stop.is_set) as walk:
        for page in walk:
            got.append(page)
            if len(got) == 2:
                stop.set()
        assert walk.close(WAIT_S), "every thread ended"
    assert len(got) == 2, "no page after the cancel"
    # asked for: what the threads may fetch ahead of the consumer (2 * in_flight) when
    # it stopped, and nothing after
    assert len(recorder.skips) <= 2 + 2 * 2 * 4


def test_cancel_from_another_thread_stops_a_waiting_consumer(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    with_bills(sandbox, 200)
    first_sent = threading.Event()
    release = threading.Event()

    def hold_the_first_page(leased: BeeCloudClient, query: BillQuery) -> list[BillRecord]:
        first_sent.set()
        assert release.wait(WAIT_S)
        return leased.query_bills(query)

    walk = Recorder(pool, hold_the_first_page).walk()

    def cancel_once_sent() -> None:
        if first_sent.wait(WAIT_S):
            walk.cancel()

    threading.Thread(target=cancel_once_sent).start()
    try:
        assert list(walk) == []  # the consumer was waiting for page 0, and is let go
    finally:
        release.set()
        assert walk.close(WAIT_S)


# -- really concurrent --------------------------------------------------------------


def test_with_a_distant_server_several_requests_are_in_flight_at_once(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    """Seen from the server: while every answer takes LATENCY_MS, the first page goes
    alone, then four requests arrive before the second page is back. One at a time,
    the fifth would arrive only after four more round trips."""
    latency_ms = 500
    with_bills(sandbox, 1000)
    sandbox.faults.set("bills", Fault("latency", ms=latency_ms))
    walk = walk_bills(pool, in_flight=4)  # adaptive: the process is idle, so all four
    try:
        assert sandbox.faults.wait_for_hits("bills", 1 + 4, timeout=3 * latency_ms / 1000)
        pages, over = walk.take_ready()
        assert sum(map(len, pages)) <= 50 and not over, "the second page is not back yet"
        assert walk.peak_in_flight == 4, "never more than four on the wire"
    finally:
        walk.cancel()
        sandbox.faults.clear()
        assert walk.close(WAIT_S)


def pages_of(count: int, hold: threading.Barrier | None = None) -> Callable[[], Any]:
    """A lease of `count` full pages made on the spot (no network at all); the pages
    after the first wait on `hold` until as many are in flight as it has parties."""

    def fetch(query: BillQuery) -> list[int]:
        if hold is not None and 0 < query.skip <= hold.parties * 50:
            hold.wait()
        return [0] * 50 if query.skip < count * 50 else []

    @contextmanager
    def lease() -> Iterator[Callable[[BillQuery], list[int]]]:
        yield fetch

    return lease


def test_a_number_listed_again_with_other_lasting_data_is_found_however_it_hashes() -> None:
    """A walk keeps a small fingerprint of what never changes of each record: with 8
    bits, one lie in 256 (a number listed again with another amount) matched the first
    listing's and passed as a mere repeat, the lie kept as the truth."""
    first = ("B1", "first")
    other = next(
        ("B1", f"lie-{n}")
        for n in range(100_000)
        if hash(first) & 0xFF == hash(("B1", f"lie-{n}")) & 0xFF
        and hash(first) != hash(("B1", f"lie-{n}"))
    )
    pages = [[first, ("B2", "x")], [other, ("B3", "y")], []]

    def fetch(query: BillQuery) -> list[tuple[str, str]]:
        return pages[min(query.skip // 2, 2)]

    @contextmanager
    def lease() -> Iterator[Callable[[BillQuery], list[tuple[str, str]]]]:
        yield fetch

    walk = PageWalk(
        lease,
        BillQuery(),
        page_size=2,
        in_flight=1,
        adaptive=False,
        key=lambda record: record[0],
        lasting=lambda record: record,
        leaves_out=True,
    )
    with walk:
        listed = [record[0] for page in walk for record in page]
    assert [str(error.number) for error, _ in walk.take_left_out()] == ["B1"]
    assert listed == ["B1", "B2", "B3"]  # the second listing of B1 is not handed over


def test_when_the_process_is_busy_it_keeps_one_in_flight() -> None:
    """Pages whose whole time is the process's own CPU (a server in this very process
    shares its interpreter lock) gain nothing from more threads. The CPU clock is the
    walk's own measure, given here: every moment was CPU time."""
    busy = PageWalk(pages_of(30), BillQuery(), in_flight=6, cpu_clock=time.perf_counter)
    with busy:
        assert sum(map(len, busy)) == 30 * 50
    assert busy.peak_in_flight == 1


def test_when_the_process_waits_it_keeps_them_all_in_flight() -> None:
    """Given a CPU clock that never moves (the process only waited), the five pages
    after the first are all on the wire at once: they are held until they are."""
    hold = threading.Barrier(6, timeout=WAIT_S)
    idle = PageWalk(pages_of(30, hold), BillQuery(), in_flight=6, cpu_clock=lambda: 0.0)
    with idle:
        assert sum(map(len, idle)) == 30 * 50
    assert idle.peak_in_flight == 6


def test_the_last_pages_come_even_when_every_thread_has_ended_meanwhile() -> None:
    walk = PageWalk(pages_of(4), BillQuery(), in_flight=2, adaptive=False, name="brief-walk")
    got = []
    for page in walk:
        got.append(page)
        if len(got) == 1:  # the consumer is slow: the walk's threads all end meanwhile
            for thread in threading.enumerate():
                if thread.name.startswith("brief-walk"):
                    thread.join(WAIT_S)
    assert len(got) == 4 and walk.finished


# -- clients ------------------------------------------------------------------------


def test_a_clone_is_the_same_app_on_its_own_session(client: BeeCloudClient) -> None:
    client.hosts = ["http://127.0.0.1:1", *client.hosts]
    clone = client.clone()
    try:
        assert clone.app_id == client.app_id and clone.hosts == client.hosts  # not reshuffled
        assert clone.timeout == client.timeout and clone.verify == client.verify
        assert clone.session is not client.session
        assert "secret" not in repr(clone)
    finally:
        clone.close()


def test_the_pool_never_lends_a_client_twice_and_keeps_idle_ones(client: BeeCloudClient) -> None:
    with ClientPool(client, keep=2) as pool:
        with pool.lease() as first, pool.lease() as second, pool.lease() as third:
            assert len({id(first), id(second), id(third)}) == 3
            assert client not in (first, second, third)
        with pool.lease() as again:
            assert again in (first, second, third), "an idle clone is reused"


def test_every_walk_thread_fetches_on_a_client_of_its_own(
    sandbox: SandboxServer, pool: ClientPool
) -> None:
    with_bills(sandbox, 600)
    users: dict[int, set[int]] = {}
    lock = threading.Lock()

    def note(leased: BeeCloudClient, query: BillQuery) -> list[BillRecord]:
        with lock:
            users.setdefault(id(leased), set()).add(threading.get_ident())
        return leased.query_bills(query)

    with Recorder(pool, note).walk() as walk:
        assert len(bill_nos(list(walk))) == 600
    assert len(users) > 1 and all(len(threads) == 1 for threads in users.values())


# -- held by its owner ------------------------------------------------------------------


class Gate(threading.Event):
    """A `go` event that notes each wait on it."""

    def __init__(self) -> None:
        super().__init__()
        self.waits = 0
        self.waited = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        self.waits += 1
        self.waited.set()
        return super().wait(timeout)


def test_no_page_starts_while_the_owner_holds_the_walk(
    sandbox: SandboxServer, pool: ClientPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "HOLD_LIMIT_S", 30.0)  # held for as long as the test holds
    truth = with_bills(sandbox, 120)
    recorder = Recorder(pool)
    gate = Gate()  # cleared: held
    walk = recorder.walk(go=gate)
    try:
        assert gate.waited.wait(5)
        assert recorder.skips == []  # the first page waits
        gate.set()
        assert bill_nos(list(walk)) == truth
    finally:
        walk.close()
    assert gate.waits >= 3  # before each page


def test_a_hold_never_lasts_longer_than_its_limit(
    sandbox: SandboxServer, pool: ClientPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "HOLD_LIMIT_S", 0.01)
    truth = with_bills(sandbox, 120)
    with Recorder(pool).walk(go=threading.Event()) as walk:  # never let go
        assert bill_nos(list(walk)) == truth


# -- a list that grows while it is walked ------------------------------------------


class PayingLoop:
    """Another client paying by card in a loop, on a thread of its own (real HTTP)."""

    def __init__(self, sandbox: SandboxServer) -> None:
        self.client = make_client(sandbox)
        self.stop = threading.Event()
        self.made = 0
        self.news = threading.Condition()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.is_set():
            self.client.pay(card_payment(f"loop{self.made + 1:08d}"))
            with self.news:
                self.made += 1
                self.news.notify_all()

    def wait_for_more(self, more: int) -> None:
        with self.news:
            wanted = self.made + more
            assert self.news.wait_for(lambda: self.made >= wanted, WAIT_S)

    def __enter__(self) -> PayingLoop:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join(WAIT_S)
        self.client.close()


def two_more_bills_before_each_page(loop: PayingLoop) -> Wrap:
    def fetch(leased: BeeCloudClient, query: BillQuery) -> list[BillRecord]:
        loop.wait_for_more(2)
        return leased.query_bills(query)

    return fetch


def test_a_walk_while_bills_are_made_lists_each_bill_made_before_it_once(
    sandbox: SandboxServer, client: BeeCloudClient
) -> None:
    """Pages are offsets into a list that grows at its top: without the range ending at
    the walk's start and the repeats dropped, a bill made meanwhile pushes the others
    down and the next page lists one of them again."""
    with_bills(sandbox, 600)
    with PayingLoop(sandbox) as loop:
        loop.wait_for_more(3)
        with ClientPool(client, 2) as pool:
            recorder = Recorder(pool, two_more_bills_before_each_page(loop))
            started = now_ms()
            walk = PageWalk(
                recorder.lease,
                until(BillQuery(), started),
                key=lambda bill: bill.bill_no,
                in_flight=2,
                adaptive=False,
            ).start()
            with walk:
                listed = [bill.bill_no for page in walk for bill in page]
        made_during = loop.made
    # two more before each page; two pages in flight may wait for the same two
    assert len(recorder.skips) >= 12 and made_during >= len(recorder.skips)
    assert len(listed) == len(set(listed)), "no bill listed twice"
    # the truth, asked once nothing changes any more: every bill made up to the start
    made_before = all_bills(client, BillQuery(end_time=started), in_flight=1)
    assert set(listed) == {bill.bill_no for bill in made_before}
    everything = all_bills(client, BillQuery(), in_flight=1)
    assert len(everything) > len(made_before), "bills were made during the walk"


def test_without_the_fixed_end_and_the_key_the_same_walk_lists_bills_twice(
    sandbox: SandboxServer, client: BeeCloudClient
) -> None:
    """The failure the walk guards against, shown on the same server: a plain walk over
    a list that grows at its top repeats records."""
    with_bills(sandbox, 300)
    with PayingLoop(sandbox) as loop:
        loop.wait_for_more(3)
        with (
            ClientPool(client, 2) as pool,
            Recorder(pool, two_more_bills_before_each_page(loop)).walk(in_flight=1) as walk,
        ):
            listed = [bill.bill_no for page in walk for bill in page]
    assert len(listed) > len(set(listed))


def test_walk_bills_ends_its_range_when_it_starts(
    sandbox: SandboxServer, client: BeeCloudClient
) -> None:
    with_bills(sandbox, 5)
    with ClientPool(client) as pool:
        as_of = now_ms()
        client.pay(card_payment("after0001"))
        with walk_bills(pool, BillQuery(), as_of_ms=as_of) as walk:
            listed = [bill.bill_no for page in walk for bill in page]
        assert len(listed) == 5 and "after0001" not in listed
        with walk_bills(pool, BillQuery()) as walk:  # now: the new bill too
            assert "after0001" in [bill.bill_no for page in walk for bill in page]


def test_until_keeps_an_earlier_end_and_a_later_start() -> None:
    query = BillQuery(start_time=1_700_000_000_000, end_time=1_700_000_100_000)
    assert until(query, 1_800_000_000_000) == query
    assert until(query, 1_700_000_050_000).end_time == 1_700_000_050_000
    assert until(BillQuery(), 1_700_000_050_000).end_time == 1_700_000_050_000
    ahead = BillQuery(start_time=1_900_000_000_000)
    assert until(ahead, 1_800_000_000_000).end_time == 1_900_000_000_000


def test_a_server_that_does_not_page_is_an_error_not_an_endless_walk(
    sandbox: SandboxServer,
) -> None:
    """A server that ignores `skip` answers every page with the first one: the walk
    stops at the first full page holding nothing new, with an error (were it taken
    as the end, a sync would forget every record past it)."""
    with_bills(sandbox, 120)
    with FilterIgnoringHost(sandbox.base_url, "skip") as host:
        client = mirror_support.make_client(host.url)
        with pytest.raises(PagingError, match="page 2 ") as raised:
            all_bills(client)
        assert raised.value.page == 2 and raised.value.what == "bills"
        client.close()


def test_the_plain_walk_goes_past_a_full_page_with_a_row_it_could_not_read() -> None:
    """A page that listed 50 rows is full, even when one of them could not be read: the
    rows after it are on the next page, not the end of the list."""
    listed = {0: 50, 50: 50, 100: 7}

    def fetch(query: BillQuery) -> Listed[int]:
        page: Listed[int] = Listed(rows=listed.get(query.skip, 0))
        page.extend(range(query.skip, query.skip + page.rows - (query.skip == 0)))
        return page

    pages = list(iter_pages(fetch, BillQuery()))
    assert [len(page) for page in pages] == [49, 50, 7]
