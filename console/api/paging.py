"""Walk every page of a bill or refund query, `limit` 50 at a time.

The API's `count` is the size of one answer, not a total: the end is the
first page that holds fewer records than asked for.

Pages are independent (page n is `skip = start + n * 50`), so `PageWalk`
keeps several of them in flight at once on a few threads of its own and hands
them over strictly in order. Each thread fetches through a client of its own
(`ClientPool`: clones of one client, each with its own keep-alive
requests.Session, never used by two threads at once). The walk

- asks for the first page alone, on one thread, and goes on (on more threads)
  only when it comes back full: a filtered query that fits one page costs one
  request, as it always did;
- then keeps up to `in_flight` requests on the wire, as many as help: while
  the process has CPU to spare (it is waiting for a distant server) it keeps
  them all going; when the process is busy for most of the time (a server on
  this machine, worse in this very process, as the embedded sandbox is, where
  every thread shares one interpreter lock) more requests only queue for the
  CPU, so it keeps fewer (see `_adapt`);
- stops at the first short page; pages past it that were already in flight
  come back empty (or short, or with an error) and are discarded;
- raises a page's error when the walk reaches that page, after every page
  before it has been handed over, and asks for nothing past it;
- stops claiming pages as soon as it is cancelled (`cancel()`, or the
  `cancelled` callable it checks between pages); a request already on the
  wire finishes, bounded by the client's deadline, and its answer is dropped
  (`ClientPool.abort()` ends it at once);
- fetches at most `2 * in_flight` pages ahead of its consumer;
- starts a page only while its `go` event is set, when it has one: its owner may
  hold it for a moment (the console does while a table paints, so that the
  paint does not wait on the walk's parsing for the interpreter lock), never
  for longer than HOLD_LIMIT_S a page;
- with a key, raises PagingError at a page that holds only records handed over
  before: the server does not page (it ignores `skip`), and the walk would never
  end, nor may it end there (a sync would forget what lies past it);
- hands each record over once: pages are offsets into a list that grows at its
  top while the walk runs (newest first), so a record created meanwhile pushes
  the others down and the next page repeats one. `walk_bills` and
  `walk_refunds` also end the query's range at the moment the walk starts
  (`as_of_ms`): a record created later is not listed, and with `key` (bill_no,
  refund_no) a repeat is dropped, so a walk lists every record created before
  it began exactly once. A repeat that is not the same record (`lasting`: a
  bill's time, amount or channel, a refund's bill, time or amounts) is no
  repeat but a list that gives one number to two records: the walk raises
  ListContradictionError at that page, which it does not hand over. A walk that
  `leaves_out` (the history's sync) goes on instead: the number is left out of
  that page and of every page after it (one listing of it may already have been
  handed over, for its consumer to take back), and the contradiction is kept for
  its consumer to take (`take_left_out`). Such a walk also reads its pages with
  `list_bills` / `list_refunds`: a row that cannot be read as a record is left
  out likewise (UnreadableRecordError), where it fails the page otherwise.

`iter_pages` is the plain one-request-at-a-time walk over any fetch function.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from types import TracebackType
from typing import Any, Generic, TypedDict, TypeVar, Unpack

from console.api.client import BeeCloudClient, closed_error
from console.api.errors import ListContradictionError, PagingError, UnreadableRecordError
from console.api.models import BillQuery, BillRecord, RefundQuery, RefundRecord, now_ms, until

log = logging.getLogger(__name__)

PAGE_SIZE = 50
# The most requests a walk keeps on the wire at once. Past the first page a walk takes
# about pages / in_flight round trips when the round trip is mostly waiting, so 8 keeps
# the bulk-fetch benchmark's target (4 times one at a time, from a distant server) with
# room to spare on a busy two-core machine, where 6 came too close. More would only
# queue: the embedded sandbox answers 8 requests at once. The cost: a long walk ends
# with up to 7 requests for pages past the end, which come back empty.
IN_FLIGHT = 8
# How often a thread waiting for its consumer looks at the `cancelled` callable.
CANCEL_POLL_S = 0.1
# How long a blocking consumer that has just had pages waits before it looks again,
# not woken by each page meanwhile (the end, an error or a cancel still wake it).
NAP_S = 0.005
# Adapting the number in flight: the share of one CPU the process used (all its
# threads: time.process_time over wall time), measured over the first page and
# then over every ADAPT_EVERY_S. Above BUSY the walk is CPU-bound: one request fewer.
# Below IDLE it is waiting for the network: twice as many, up to `in_flight`.
ADAPT_EVERY_S = 0.05
BUSY = 0.85
IDLE = 0.5
# The longest a thread waits for `go` before it starts a page all the same.
HOLD_LIMIT_S = 0.25

# The mark of a number given to two records, left out: every later listing is dropped.
_CONTRADICTED = -1
# A record's mark: 16 bits of the hash of what never changes of it. Two listings of one
# number with other such data go unseen once in 65,536 (with 8 bits, once in 256: a lie
# let through as a mere repeat). Each mark is one int object shared by every record
# that has it (_MARKS), so a walk keeps a few bytes a record, as with Python's cached
# small ints.
MARK_BITS = 16
_MARKS: dict[int, int] = {}


def _rows(page: list[Any]) -> int:
    """How many rows the answer listed (Listed.rows), those that cannot be read too."""
    return int(getattr(page, "rows", len(page)))


Q = TypeVar("Q", BillQuery, RefundQuery)
R = TypeVar("R")

Lease = Callable[[], AbstractContextManager[Callable[[Any], list[R]]]]


def iter_pages(
    fetch: Callable[[Q], list[R]], query: Q, page_size: int = PAGE_SIZE
) -> Iterator[list[R]]:
    """Yield page after page, one request at a time, starting at query.skip, until a
    short page: one that listed fewer rows (those it could not read counted too)."""
    skip = query.skip
    while True:
        page = fetch(replace(query, skip=skip, limit=page_size))
        if page:
            yield page
        if _rows(page) < page_size:
            return
        skip += page_size


class ClientPool:
    """Clones of one client for the threads of page walks.

    A thread leases a clone for as long as it walks: no Session is ever used by two
    threads at once, and a cancelled walk whose last request is still on the wire
    keeps its clone until that request ends. Up to `keep` idle clones are kept,
    with their open connections, for the next walk. abort() ends at once the calls
    of every clone leased, from any thread.
    """

    def __init__(self, client: BeeCloudClient, keep: int = IN_FLIGHT) -> None:
        self._client = client
        self._keep = keep
        self._idle: list[BeeCloudClient] = []
        self._leased: set[BeeCloudClient] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._aborted = False

    @contextmanager
    def lease(self) -> Iterator[BeeCloudClient]:
        """A clone for this thread; ClientClosedError once the pool is aborted."""
        with self._lock:
            if self._aborted:
                raise closed_error(self._client.hosts)
            client = self._idle.pop() if self._idle else None
        if client is None:
            client = self._client.clone()
        with self._lock:
            aborted = self._aborted
            if not aborted:
                self._leased.add(client)
        if aborted:  # meanwhile
            client.abort()
            raise closed_error(self._client.hosts)
        try:
            yield client
        finally:
            with self._lock:
                self._leased.discard(client)
                keep = not self._closed and len(self._idle) < self._keep
                if keep:
                    self._idle.append(client)
            if not keep:
                client.close()

    @property
    def ended(self) -> bool:
        """Aborted, or its own client closed: it lends no more clones that can call."""
        return self._aborted or self._client.closed

    def close(self) -> None:
        """Close the idle clones; a leased one is closed when it comes back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for client in idle:
            client.close()

    def abort(self) -> None:
        """Thread-safe: end every leased clone's call in progress at once (see
        BeeCloudClient.abort), close the idle ones, and lend no more. The pool's own
        client is left alone (abort that one to end everything)."""
        with self._lock:
            self._closed = self._aborted = True
            clones = [*self._leased, *self._idle]
            self._idle = []
        for client in clones:
            client.abort()

    def __enter__(self) -> ClientPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class PageWalk(Generic[R]):
    """Every page of one query, several requests in flight, handed over in order.

    `lease()` gives a thread its fetch function for the walk (a context manager, so
    that the client behind it is given back). Use it as an iterator (blocking), or
    call `take_ready()` whenever `on_ready` says something happened (never blocks).
    `on_ready` is called from the walk's threads, outside any lock; so is `on_page`,
    with each page as it comes, before it is handed over (a page it cannot take fails
    the walk as the request would).
    """

    def __init__(
        self,
        lease: Lease[R],
        query: Any,
        *,
        page_size: int = PAGE_SIZE,
        in_flight: int = IN_FLIGHT,
        cancelled: Callable[[], bool] | None = None,
        on_ready: Callable[[], None] | None = None,
        on_page: Callable[[list[R]], None] | None = None,
        adaptive: bool = True,
        go: threading.Event | None = None,
        cpu_clock: Callable[[], float] = time.process_time,
        name: str = "page-walk",
        key: Callable[[R], Hashable] | None = None,
        lasting: Callable[[R], Hashable] | None = None,
        what: str = "records",
        leaves_out: bool = False,
    ) -> None:
        if page_size < 1 or in_flight < 1:
            raise ValueError("page_size and in_flight are at least 1")
        self._lease = lease
        self._query = query
        self._page_size = page_size
        self._in_flight = in_flight  # the most requests on the wire at once
        self._adaptive = adaptive
        self._cpu_clock = cpu_clock  # the CPU time of the whole process, in seconds
        self._target = 1  # requests allowed on the wire now (1 until the first page)
        self._active = 0  # requests on the wire now
        self._peak = 0  # the most that were on the wire at once
        self._mark = (0.0, 0.0)  # (wall, process CPU) when the measure began
        self._window = 2 * in_flight
        self._cancelled_outside = cancelled
        self._on_ready = on_ready
        self._on_page = on_page
        self._go = go
        self._name = name
        self._what = what  # what it lists, for its errors: "bills", "refunds"
        self._lock = threading.Lock()
        # Two conditions on one lock, so that a page coming back wakes the consumer and
        # as many threads as may send, not every thread of the walk.
        self._news = threading.Condition(self._lock)  # for the consumer
        self._room = threading.Condition(self._lock)  # for the threads: a request may go
        self._next_claim = 0  # the next page a thread will ask for
        self._next_take = 0  # the next page the consumer takes
        self._results: dict[int, list[R] | BaseException] = {}
        self._end: int | None = None  # the first short page or error: nothing past it
        self._first_known = False  # the first page is back (the others wait for it)
        self._stopped = False  # cancelled, or the consumer is done
        self._finished = False  # the consumer has had the last page (or the error)
        self._napping = False  # the consumer is napping: pages do not wake it
        self._running = 0
        self._threads: list[threading.Thread] = []
        self._key = key  # a record's identity: a repeat of one handed over is dropped
        # what never changes of a record: a repeat with another is a contradiction
        self._lasting = lasting
        # identity -> a fingerprint of what never changes (_MARKS: one object for all
        # records of a mark, a few bytes a record more than a set of identities)
        self._seen: dict[Hashable, int] = {}
        # go on past a number given to two records or a row that cannot be read, leaving
        # it out (else: raise); what was left out, each with the listing left out if any
        self._leaves_out = leaves_out
        self._left_out: list[tuple[ListContradictionError | UnreadableRecordError, R | None]] = []

    # -- the consumer's side ------------------------------------------------

    def start(self) -> PageWalk[R]:
        """Start the first thread, for the first page; more start when it is back full
        (a query that fits one page never starts more than one)."""
        with self._lock:
            if self._threads:
                raise RuntimeError("the walk has started already")
            thread = self._new_thread()
        thread.start()
        return self

    @property
    def peak_in_flight(self) -> int:
        """The most requests this walk had on the wire at once."""
        with self._lock:
            return self._peak

    @property
    def running(self) -> bool:
        """Some of its threads have not ended yet (a request may still be on the wire)."""
        with self._lock:
            return self._running > 0

    @property
    def finished(self) -> bool:
        """The last page (or the error) has been handed over."""
        with self._lock:
            return self._finished

    def is_cancelled(self) -> bool:
        with self._lock:
            if self._stopped and not self._finished:
                return True
        return self._cancelled_outside is not None and self._cancelled_outside()

    def cancel(self) -> None:
        """Stop asking for pages; a request already on the wire is left to end."""
        with self._lock:
            self._stopped = True
            self._news.notify_all()
            self._room.notify_all()

    def take_left_out(
        self,
    ) -> list[tuple[ListContradictionError | UnreadableRecordError, R | None]]:
        """What the walk left out since it was last asked (`leaves_out`): numbers given
        to two records, each with the listing it left out, and rows that cannot be read
        (None). One listing of such a number may have been handed over on an earlier
        page: its consumer takes it back."""
        with self._lock:
            taken, self._left_out = self._left_out, []
        return taken

    def take_ready(self) -> tuple[list[list[R]], bool]:
        """The pages ready in order (empty ones left out), and whether the walk is
        over. Never blocks. A page's error is raised once every page before it has
        been taken."""
        pages: list[list[R]] = []
        error: BaseException | None = None
        with self._lock:
            first = self._next_take
            while not self._finished and self._next_take in self._results:
                result = self._results[self._next_take]
                if isinstance(result, BaseException):
                    if pages:
                        break  # hand over the pages first; the error comes next time
                    error = result
                    self._finish()
                    break
                before = len(self._left_out)
                news = self._unreadable(result)  # numbers never left out before
                try:
                    fresh = self._unseen(result)
                except ListContradictionError as error:  # the page's error
                    self._results[self._next_take] = error
                    continue
                left_out = len(self._left_out) > before
                news = news or any(
                    isinstance(error, ListContradictionError)
                    for error, _ in self._left_out[before:]
                )
                if self._key is not None and result and not fresh and not news:
                    # nothing new on a page: the server does not page; the page's error
                    self._results[self._next_take] = PagingError(self._what, self._next_take + 1)
                    continue
                del self._results[self._next_take]
                self._next_take += 1
                if fresh or left_out:  # a page all left out is said (take_left_out)
                    pages.append(fresh)
                if _rows(result) < self._page_size:
                    self._finish()
            over = self._finished
            if over:
                self._room.notify_all()  # nothing more to send: the threads end
            elif self._next_take > first:
                self._room.notify(self._next_take - first)  # the window moved

        if error is not None:
            raise error
        return pages, over

    def __iter__(self) -> Iterator[list[R]]:
        """Page after page in order (blocking), until the end, an error or a cancel."""
        with self._lock:
            started = bool(self._threads)
        if not started:
            self.start()
        try:
            while True:
                if self.is_cancelled():
                    return
                pages, over = self.take_ready()
                for page in pages:
                    yield page
                    if self.is_cancelled():
                        return
                if over:
                    return
                self._wait_for_news(nap=bool(pages))
        finally:
            self.cancel()

    def close(self, timeout: float | None = None) -> bool:
        """Cancel and wait for the threads (each ends after its request on the wire);
        whether they all ended within `timeout` seconds in all."""
        self.cancel()  # from here on no thread is added
        with self._lock:
            threads = list(self._threads)
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in threads:
            if thread is threading.current_thread():
                continue
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in threads)

    def __enter__(self) -> PageWalk[R]:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _unseen(self, page: list[R]) -> list[R]:
        """Under the lock: the page without the records handed over before (or listed
        before on it). ListContradictionError when one of them is listed again with
        what never changes of it changed; a walk that leaves such numbers out notes it
        and leaves the number out of this page and every later one."""
        key = self._key
        if key is None:
            return page
        seen, lasting = self._seen, self._lasting
        fresh = []
        contradicted: set[Hashable] = set()
        for record in page:
            identity = key(record)
            mark = 0
            if lasting is not None:
                made = hash(lasting(record)) & ((1 << MARK_BITS) - 1)
                mark = _MARKS.setdefault(made, made)
            earlier = seen.get(identity)
            if earlier is None:
                seen[identity] = mark
                fresh.append(record)
            elif earlier != mark and earlier != _CONTRADICTED:
                error = ListContradictionError(self._what, self._next_take + 1, str(identity))
                if not self._leaves_out:
                    raise error
                seen[identity] = _CONTRADICTED
                contradicted.add(identity)
                self._left_out.append((error, record))
        if contradicted:
            fresh = [record for record in fresh if key(record) not in contradicted]
        if len(fresh) < len(page):
            log.info("%s: %d record(s) listed again dropped", self._name, len(page) - len(fresh))
        return fresh

    def _unreadable(self, page: list[R]) -> bool:
        """Under the lock: the rows of the page that cannot be read (Listed.unreadable),
        left out; the number of each, when it has one, is left out of the walk from now
        on, as a number given to two records is (listed again, it is no news). Whether
        one had a number not left out before."""
        news = False
        for row in getattr(page, "unreadable", ()):
            if row.number is not None and self._key is not None:
                if self._seen.get(row.number) == _CONTRADICTED:
                    continue
                self._seen[row.number] = _CONTRADICTED
                news = True
            page_no = self._next_take + 1
            error = UnreadableRecordError(
                self._what, page_no, row.index, row.number, row.created_time, row.reason
            )
            self._left_out.append((error, None))
        return news

    def _finish(self) -> None:
        """Under the lock: the consumer is done; the threads stop claiming pages."""
        self._finished = self._stopped = True
        self._results.clear()

    def _wait_for_news(self, nap: bool) -> None:
        """Wait for the next page. Right after taking some (pages are flowing), nap for
        NAP_S first, unwoken by the pages that come meanwhile: waking for every page
        of a fast walk costs more than the pages themselves."""
        with self._lock:
            if self._stopped:
                return
            if self._running == 0:  # nothing more will come: what is here is all
                if self._next_take in self._results:
                    return
                raise RuntimeError("the page walk's threads ended without the next page")
            if not nap and self._next_take in self._results:
                return
            self._napping = nap
            self._news.wait(NAP_S if nap else CANCEL_POLL_S)
            self._napping = False

    # -- the threads' side --------------------------------------------------

    def _run(self) -> None:
        try:
            with self._lease() as fetch:
                while True:
                    self._wait_for_go()
                    index = self._claim()
                    if index is None:
                        break
                    self._fetch(fetch, index)
        except BaseException as error:  # the lease failed: the walk fails in order
            index = self._claim()
            if index is not None:
                self._store(index, error)
            if not isinstance(error, Exception):
                raise
        finally:
            with self._lock:
                self._running -= 1
                self._news.notify_all()
            self._notify()

    def _wait_for_go(self) -> None:
        """Until the owner lets pages start again, if it holds them (at most HOLD_LIMIT_S)."""
        if self._go is not None:
            self._go.wait(HOLD_LIMIT_S)

    def _fetch(self, fetch: Callable[[Any], list[R]], index: int) -> None:
        skip = self._query.skip + index * self._page_size
        query = replace(self._query, skip=skip, limit=self._page_size)
        try:
            page = fetch(query)
            if self._on_page is not None:
                self._on_page(page)
        except BaseException as error:
            self._store(index, error)
            if not isinstance(error, Exception):
                raise
        else:
            self._store(index, page)

    def _claim(self) -> int | None:
        """The next page to fetch, once the window and the first page allow it;
        None when there is nothing more to ask for."""
        while True:
            if self._cancelled_outside is not None and self._cancelled_outside():
                self.cancel()
            with self._lock:
                if self._stopped or (self._end is not None and self._next_claim > self._end):
                    return None
                index = self._next_claim
                first_pending = index > 0 and not self._first_known
                if (
                    not first_pending
                    and self._active < self._target
                    and index < self._next_take + self._window
                ):
                    self._next_claim += 1
                    self._active += 1
                    self._peak = max(self._peak, self._active)
                    if index == 0:
                        self._mark = (time.perf_counter(), self._cpu_clock())
                    return index
                self._room.wait(CANCEL_POLL_S)

    def _store(self, index: int, result: list[R] | BaseException) -> None:
        with self._lock:
            self._active -= 1
            self._adapt(first=index == 0)
            if index == 0:
                self._first_known = True
            ends = isinstance(result, BaseException) or _rows(result) < self._page_size
            if self._finished or (self._end is not None and index > self._end):
                pass  # past the end, or nobody wants it any more
            else:
                self._results[index] = result
                if ends:
                    self._end = index
            if not self._napping or ends:
                self._news.notify_all()
            more: list[threading.Thread] = []
            if self._end is not None:
                self._room.notify_all()  # those past the end stop waiting
            elif self._target > self._active + 1:
                # the storing thread sends the next request itself: wake only the others
                self._room.notify(self._target - self._active - 1)
                if not self._stopped:
                    more = [self._new_thread() for _ in range(self._target - len(self._threads))]
        for thread in more:
            thread.start()
        self._notify()

    def _new_thread(self) -> threading.Thread:
        """Under the lock: one more thread for the walk (started by the caller)."""
        number = len(self._threads) + 1
        thread = threading.Thread(target=self._run, name=f"{self._name}-{number}", daemon=True)
        self._threads.append(thread)
        self._running += 1
        return thread

    def _adapt(self, first: bool) -> None:
        """Under the lock, as a page comes back: how many requests to keep on the wire.

        A request's round trip is the process's own work (client, and server when it
        runs here) plus waiting. Over the first page the share of one CPU the process
        used says how many requests it takes to keep it busy: 1 / share (a page that
        took 31 ms of which 1.5 ms of CPU: all of them; one that was all CPU: one).
        From then on, every ADAPT_EVERY_S, one fewer when it is busy, twice as many
        when it waits (which at most doubles the CPU it uses). With the interpreter
        lock, threads never make Python's own work faster: they only overlap the
        waiting.
        """
        wall, cpu = time.perf_counter(), self._cpu_clock()
        elapsed = wall - self._mark[0]
        if not first and elapsed < ADAPT_EVERY_S:
            return
        share = (cpu - self._mark[1]) / elapsed if elapsed > 0 else 1.0
        self._mark = (wall, cpu)
        if not self._adaptive:
            self._target = self._in_flight
        elif first:
            wanted = 1.0 / share if share > 0 else float(self._in_flight)
            self._target = max(1, min(self._in_flight, int(wanted)))
        elif share > BUSY:
            self._target = max(1, self._target - 1)
        elif share < IDLE:
            self._target = min(self._in_flight, 2 * self._target)

    def _notify(self) -> None:
        if self._on_ready is not None:
            try:
                self._on_ready()
            except Exception:
                log.exception("a page walk's on_ready failed")


# How a walk's owner has each page's request made: given the request, it makes it (and
# may make it again: the history's sync waits out a short rest a busy host asked for,
# console/api/rests.py patiently).
Patience = Callable[[Callable[[], Any]], Any]


def _leased(pool: ClientPool, method: str, patient: Patience | None = None) -> Lease[Any]:
    @contextmanager
    def lease() -> Iterator[Callable[[Any], list[Any]]]:
        with pool.lease() as client:
            fetch = getattr(client, method)
            if patient is None:
                yield fetch
            else:
                yield lambda query: patient(lambda: fetch(query))

    return lease


class WalkOptions(TypedDict, total=False):
    """How a walk runs (PageWalk's keywords): the same for bills and refunds."""

    in_flight: int
    cancelled: Callable[[], bool] | None
    on_ready: Callable[[], None] | None
    on_page: Callable[[list[Any]], None] | None
    adaptive: bool
    go: threading.Event | None


def _bill_no(record: BillRecord) -> str:
    return record.bill_no


def _refund_no(record: RefundRecord) -> str:
    return record.refund_no


def walk_bills(
    pool: ClientPool,
    query: BillQuery | None = None,
    as_of_ms: int | None = None,
    leaves_out: bool = False,
    patient: Patience | None = None,
    **options: Unpack[WalkOptions],
) -> PageWalk[BillRecord]:
    """A started walk over every bill of a query created up to `as_of_ms` (now when
    None), each bill once; one that `leaves_out` goes on past a bill that cannot be
    read or is listed as two (PageWalk); `patient` makes each page's request."""
    lease = _leased(pool, "list_bills" if leaves_out else "query_bills", patient)
    pinned = until(query or BillQuery(), now_ms() if as_of_ms is None else as_of_ms)
    return PageWalk(
        lease,
        pinned,
        name="bills-walk",
        key=_bill_no,
        lasting=BillRecord.lasting,
        what="bills",
        leaves_out=leaves_out,
        **options,
    ).start()


def walk_refunds(
    pool: ClientPool,
    query: RefundQuery | None = None,
    as_of_ms: int | None = None,
    leaves_out: bool = False,
    patient: Patience | None = None,
    **options: Unpack[WalkOptions],
) -> PageWalk[RefundRecord]:
    """A started walk over every refund of a query created up to `as_of_ms` (now when
    None), each refund once; as walk_bills."""
    lease = _leased(pool, "list_refunds" if leaves_out else "query_refunds", patient)
    pinned = until(query or RefundQuery(), now_ms() if as_of_ms is None else as_of_ms)
    return PageWalk(
        lease,
        pinned,
        name="refunds-walk",
        key=_refund_no,
        lasting=RefundRecord.lasting,
        what="refunds",
        leaves_out=leaves_out,
        **options,
    ).start()


def _everything(
    client: BeeCloudClient,
    walk: Callable[..., PageWalk[R]],
    query: Any,
    in_flight: int,
    cancelled: Callable[[], bool] | None,
    adaptive: bool,
) -> list[R]:
    with (
        ClientPool(client, in_flight) as pool,
        walk(pool, query, in_flight=in_flight, cancelled=cancelled, adaptive=adaptive) as pages,
    ):
        return [record for page in pages for record in page]


def all_bills(
    client: BeeCloudClient,
    query: BillQuery | None = None,
    *,
    in_flight: int = IN_FLIGHT,
    cancelled: Callable[[], bool] | None = None,
    adaptive: bool = True,
) -> list[BillRecord]:
    """Every bill of the query, newest first (clones of `client` do the fetching).
    A cancelled walk returns the records it had so far."""
    return _everything(client, walk_bills, query, in_flight, cancelled, adaptive)


def all_refunds(
    client: BeeCloudClient,
    query: RefundQuery | None = None,
    *,
    in_flight: int = IN_FLIGHT,
    cancelled: Callable[[], bool] | None = None,
    adaptive: bool = True,
) -> list[RefundRecord]:
    """Every refund of the query, newest first; as all_bills."""
    return _everything(client, walk_refunds, query, in_flight, cancelled, adaptive)
