"""Bring a profile's history mirror (console/store/mirror.py) up to date with the server,
bills first, then refunds. No Qt here: the console runs it on a thread of its own.

What is fetched, and why (docs/decisions.md, "The history mirror: sync"):

- **Cold** (nothing synced yet for the kind, or `full=True`): every record, newest first,
  up to the moment the walk starts (`as_of`). Each page is upserted as it comes, so a
  reader of the mirror sees the rows flow in. At the end, records of the walked range
  that the walk did not list are forgotten (the server has them no more), and the kind
  is marked synced through `as_of`.
- **Incremental**: the records created from `start` to `as_of`, where `start` is
  OVERLAP_MS before the synced range's end (records stamped before it but listed only
  later: a clock ahead of the server's, a write committed late), or before now when
  that end is later (this computer's clock was set back). Records of that
  range the walk did not list are forgotten too: the walk was complete. The walk
  also lists what was made up to LISTED_AHEAD_MS after `as_of` (a server whose
  clock runs ahead stamps a bill paid just now later than this computer's now).
  For bills, the unpaid ones of the last UNPAID_WINDOW_MS made before `start` may
  still turn paid (a PayPal bill does when its payer approves it, and the payer may
  be late). Beside the walk, the server is asked how many bills of that stretch
  (from the oldest of them to `start`) are paid (`spay_result`); when it says more
  than the mirror holds, or cannot say, the stretch is walked too. A bill's payment
  is the one change a bill record knows, and it never goes back, so equal counts
  mean nothing of the stretch changed; a server that ignores the filter counts every
  bill, never equal while one is unpaid, and has the stretch walked every time, as
  does one that refuses it (its other counts are used all the same).
  Refunds not yet final that were created before `start` are asked for one by one
  (`find_refund`): their status is all that changes; REFETCH_MAX of the last
  UNFINISHED_WINDOW_MS, so that a server leaving refunds unfinished cannot make
  every sync ask for thousands: those asked for (found or not, or refused) or listed
  the longest ago first, so that the next sync asks for the others. A bill that turns
  paid more than UNPAID_WINDOW_MS after it was made, or a refund of a number the refund
  query refuses (or of a server that ignores that filter), waits for a full sync.
- **The check**: after an incremental walk, the server's count of every record up to
  `as_of - OVERLAP_MS` is compared with the mirror's. They differ when the mirror
  lost or kept something behind a sync's back (a sandbox reset, a row deleted, a
  record older than the walk that the server removed): the kind is then walked again
  from the start, as cold, and the result says so. The last OVERLAP_MS are left out of
  the check for the reason they are walked again: a record stamped there may still
  arrive, and would make the counts differ for nothing; the next sync checks them.
  That count, too, is asked beside the walk (it does not depend on it): far from
  the server, one answer's wait less. Counts that disagree again within
  REPAIR_EVERY_MS of the last time they had the kind walked whole are reported
  (`mismatch`), not repaired: a server whose counts never match its lists (a bug, a
  lie) would have every sync walk the whole history in vain.

Each walk is counted beside its pages, not before them. The count sizes the progress
(`progress(kind, done, total)`) from its answer on, and it says when the walk ended
early: a walk that listed fewer records than the server counts for its range (pages
shorter than asked, an empty answer once) forgets none of the records it did not list;
the check finds what it missed. A walk of everything that ended so is walked again at
once, once (`walk_whole`): a record removed on the server while it ran moved the others
up a page, one was skipped and the removed one kept, which no count can find. One that
lists far more (twice the count and OVERRUN_GRACE), every record of its range, is of
lists that do not end: the sync stops (ListOverrunError) before they fill the history. A
walk of everything forgets to the end of time, not only to its end (a record from the
future that a server which ignored the end listed once). A server that does not answer
counts (CountUnavailableError) is synced without: total None, no check, and a walk
forgets what it did not list. A count the server is too busy to give (429, 503) is asked
again a few times within seconds (COUNT_TRIES), then left out the same way for that sync
(SyncResult.busy_counts), never the records' sync stopped for it.

A host that asked to wait (Retry-After) is sent nothing until then (console/api/rests.py),
and that stands: the sync waits, it does not push. A rest of SHORT_REST_S at most, asked
by a count or a page, is waited out by every page and count that meets it (a count's
rest used to fail the pages beside it, and so the sync, for one second's wait); the
wait ends at once when the sync is cancelled or its client closed. A longer one stops
the sync with the client's TransportError (busy_s: how long), which the console says,
naming when, and its timer asks nothing before then (console/gui/history.py). A page
whose host was busy without naming a time is asked again after a short back-off, as a
count is, PAGE_TRIES times in all; then the sync fails as before.

A record whose listing contradicts the server's own lists is left out, and the walk
goes on (`KindSynced.left_out`): a number given to two records (ListContradictionError:
a page that lists it twice so, or a later page that lists it with another time or
amount; the record of that number kept from an earlier page is forgotten), or a
refund listed as made from a bill of another amount than its bill
(RefundBillMismatchError: the record of the page being written is left out, and the
one kept of its number forgotten), or a row that cannot be read as a record
(UnreadableRecordError: an amount of 10**30, a field missing). None of them is kept nor
shown; the others are. The kind
is then unsure. The mirror notes each number left out (Mirror.left_out_numbers); each
sync first asks for the newest REFETCH_MAX of them by number, and keeps one once the
server lists it in a way that can be true. The counts' check takes the records noted
as left out of its range as accounted for (the server counts them, the mirror
knowingly does not hold them).

A sync cancelled (`cancelled()` true, and it stays true) or failed half-way (the
client's error is raised: a page, a check's count or a refund asked for) keeps what it
upserted, but does not advance the synced range of the kind it was on: the next sync
walks that range again. A kind whose walk completed is marked synced at once. A walk
of everything (a kind's first, "Sync everything again", the check's) is the
exception: a million bills far from the server take minutes, and a clerk's short
sessions would cut it off each time before it reached the oldest. It notes with each
page how far it has got (Mirror.walk_left), and the next sync goes on from there
before anything else, then walks what was made since it began as an incremental sync
does. (The check's walk is marked as a repair when it begins, so counts that still
disagree after it wait as after any repair.) That place holds only while the server
lists newest first, as the API does; a page that says otherwise has it forgotten, and
the next such walk is whole. "Sync everything again" asked for starts from the newest
record.

Two consoles may sync one mirror file, one after the other or at once: every write is
one transaction (WAL, a busy timeout), a synced range never moves back
(Mirror.mark_synced), and a record's `seen_ms` is the time of the write that upserted it
(never before the walk began), so that one console's walk never forgets a record the
other listed while it ran.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any, TypeVar

from console.api.client import BeeCloudClient
from console.api.errors import (
    BadAnswerError,
    BeeCloudError,
    ClientClosedError,
    CountUnavailableError,
    FilterIgnoredError,
    ListContradictionError,
    ListOverrunError,
    RefundBillMismatchError,
    TransportError,
    UnreadableRecordError,
    ValidationError,
)
from console.api.models import BillQuery, BillRecord, RefundQuery, RefundRecord, now_ms
from console.api.paging import ClientPool, PageWalk, walk_bills, walk_refunds
from console.api.rests import patiently
from console.api.validate import MS_MIN
from console.store.errors import HistoryFileError
from console.store.mirror import BILLS, REFUNDS, Mirror, Synced, WalkLeft

log = logging.getLogger(__name__)

_T = TypeVar("_T")

# How far before the end of the synced range an incremental sync starts walking. A
# record is stamped with the server's clock when its request arrives; the range's end
# is the console's clock when the last walk began. A record stamped before that end
# may still be missing from the walk: the console's clock ran ahead of the server's,
# or the record's write was committed after the walk had read past it. The sandbox
# refuses a request signed more than 5 minutes off (its default window; BeeCloud
# refuses an expired timestamp without saying after how long), and a write is
# committed while its request is answered, within the sending client's deadline (26 s
# for ours by default): 15 minutes covers both three times over, for a page or two
# more a sync.
OVERLAP_MS = 15 * 60 * 1000
# How long after its creation an unpaid bill is walked again. A PayPal bill
# (PAYPAL_PAYPAL) stays unpaid until its payer approves it on PayPal's page. PayPal's
# approval token lasts 3 hours, and PayPal sends a webhook notification that was not
# taken again for up to 3 days: the longest we know after which a payment can still
# become known. An older unpaid bill is taken as abandoned (a full sync sees it paid).
UNPAID_WINDOW_MS = 72 * 60 * 60 * 1000
# Which refunds not yet final a sync asks for again, one by one: those of the last 30
# days, 50 at most, those seen the longest ago first (the newest 50 left the others
# "in progress" until a full sync). PayPal settles a refund within days; a server that
# leaves refunds unfinished (a bug, or a lie) had each asked for at every sync, 1,500 of
# them 1,500 answers' waits (five minutes at 200 ms). Older ones wait for a full sync.
UNFINISHED_WINDOW_MS = 30 * 24 * 60 * 60 * 1000
REFETCH_MAX = 50
# How long after counts that disagreed had a kind walked whole a new disagreement waits
# to be repaired. The first one is repaired at once (a record lost or kept behind the
# mirror's back); one that comes back so soon after a whole walk says that the server's
# counts do not match its lists, which a walk cannot mend: it costs every page of the
# history (50 s for 100,000 bills from far away). Four a day at most.
REPAIR_EVERY_MS = 6 * 60 * 60 * 1000
# How far past its end an incremental walk lists records. A server whose clock runs
# ahead of this computer's (by less than the window it takes a request in) stamps a
# bill paid just now after this computer's now: the sync the console asks for after a
# payment would not list it, and the clerk would not find it until a sync that many
# minutes later. As far as OVERLAP_MS, for the reason it is that long.
LISTED_AHEAD_MS = OVERLAP_MS
# How far past the server's count of its range a walk may list before it is taken for
# one that never ends: twice the count and 500 more (records committed late into the
# range are a few; a count a little off is not a list without end).
OVERRUN_GRACE = 500
# Where a walk from the first record starts, for forgetting and counting in the mirror;
# and where a walk of everything forgets to (a record stamped past its end that the
# server lists no more: a server that ignored the end listed one from the future).
FIRST_MS = -(2**62)
LAST_MS = 2**62
# A count the server is too busy to give (429, 503, or its host still asked to wait) is
# asked again, COUNT_TRIES times in all, after the wait its Retry-After names, or
# BUSY_BACKOFF_S doubled at each try when it names none (a page too, PAGE_TRIES times);
# one that asks for longer than SHORT_REST_S is not waited for. A count is never needed
# to sync the records (it sizes the progress and checks the history): the sync goes on
# without it, says so, and asks no other count of that sync, so that a busy server costs
# it a few seconds at most.
COUNT_TRIES = 3
BUSY_BACKOFF_S = 0.25
# The longest rest a host asked for that a page or a count waits out; longer stops the
# sync. A page is asked PAGE_TRIES times in all while its host is busy.
SHORT_REST_S = 2
PAGE_TRIES = 3
# How many of the records a walk leaves out (LeftOut) it names, and logs one by one; the
# others it counts. Each named one costs a kilobyte or so: a server lying about every
# record of a million would cost a gigabyte, and a million lines of log.
LEFT_OUT_NAMED = 100

Progress = Callable[[str, int, int | None], None]


def _strays(page: list[Any], start: int | None, end: int) -> bool:
    """A record of the page made outside the range [start, end] the walk asked for."""
    return any(
        record.created_time > end or (start is not None and record.created_time < start)
        for record in page
    )


def _refuse_overrun(kind: str, listed: int, counted: int) -> None:
    """Raise ListOverrunError when a walk whose records are all of its range has listed
    far more than the server counts there: its lists do not end."""
    if listed > 2 * counted + OVERRUN_GRACE:
        raise ListOverrunError(kind, listed, counted)


def _find(client: BeeCloudClient, kind: str, number: str) -> BillRecord | RefundRecord | None:
    """The record of this number, as the server lists it now (None: it lists none)."""
    return client.find_bill(number) if kind == BILLS else client.find_refund(number)


def _mismatched(
    kind: str, page: list[Any], mismatches: list[RefundBillMismatchError]
) -> list[LeftOut]:
    """The records the mirror left out writing a page, each with how it disagrees with
    its bill or refund (Mirror.put_bills): the page's, and those kept before that
    disagree with it (a refund of an earlier page or sync that, with one of this page,
    refunds more than their bill), whose creation time the page does not say."""
    if not mismatches:
        return []
    number_of = "bill_no" if kind == BILLS else "refund_no"
    times = {getattr(record, number_of): record.created_time for record in page}
    left_out = []
    for mismatch in mismatches:
        number = mismatch.bill_no if kind == BILLS else mismatch.refund_no
        left_out.append(LeftOut(kind, number, times.get(number), mismatch))
    return left_out


def _left_out_of(first: KindSynced, then: KindSynced) -> dict[str, Any]:
    """KindSynced's records left out by two walks in one (replace's keywords)."""
    named = (first.left_out + then.left_out)[:LEFT_OUT_NAMED]
    return {
        "left_out": named,
        "left_out_count": first.left_out_count + then.left_out_count,
        "left_out_unnumbered": first.left_out_unnumbered + then.left_out_unnumbered,
    }


class _LeftOuts:
    """The records a walk left out: the first LEFT_OUT_NAMED named (and logged), how
    many in all, and the creation time of each that says one (8 bytes) for the counts'
    check."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.named: list[LeftOut] = []
        self.count = 0
        self.unnumbered = 0
        self.unreadable = 0  # rows that cannot be read

    def add(self, left_out: list[LeftOut], end: int) -> int:
        """Note these; how many of them are rows that cannot be read, made up to `end`
        or when they do not say (the walk listed them, but did not hand them over)."""
        unread = 0
        for left in left_out:
            if len(self.named) < LEFT_OUT_NAMED:
                self.named.append(left)
                log.warning("%s It is not kept; the sync goes on.", left.why)
            self.count += 1
            self.unnumbered += not left.number
            if isinstance(left.why, UnreadableRecordError):
                self.unreadable += 1
                unread += left.created_time is None or left.created_time <= end
        return unread

    def told(self) -> None:
        """Log how many were left out past those named."""
        if self.count > len(self.named):
            log.warning(
                "%d more %s not kept: the server's lists contradict themselves",
                self.count - len(self.named),
                self.kind,
            )


def _after(place: WalkLeft, page: list[Any]) -> WalkLeft | None:
    """A walk's place after its next page: the creation time of the page's
    oldest record, when the page lists newest first after the records before it (none
    created after `place.reached`). None when it does not: the server does not list
    newest first, and no place can be kept."""
    times = [record.created_time for record in page]
    if any(newer < older for newer, older in pairwise(times)):
        return None
    if times and times[0] > place.reached:
        return None
    return replace(place, reached=times[-1]) if times else place


@dataclass(frozen=True)
class LeftOut:
    """A record a sync listed but left out of the history: what its list says of it
    contradicts what the server lists elsewhere, and no answer says which is true. Not
    kept, not shown; the next sync lists it again."""

    kind: str  # BILLS or REFUNDS
    number: str  # its bill_no or refund_no ("": a row without one that can be read)
    created_time: int | None  # as the listing left out says (None: it cannot be read)
    # a number given to two records, a refund and its bill of two amounts, a row that
    # cannot be read as a record
    why: ListContradictionError | RefundBillMismatchError | UnreadableRecordError


@dataclass(frozen=True)
class KindSynced:
    """What a sync did for one kind of record (BILLS or REFUNDS)."""

    kind: str
    cold: bool  # walked from the first record (no synced range, full, or the check failed)
    start_ms: int | None  # the last walk's range: from here (None: the first record)
    through_ms: int  # ... to here; the synced range now reaches it
    fetched: int  # records the walk(s) listed and upserted
    refetched: int  # unfinished refunds from before the walk, asked for one by one
    forgotten: int  # records of a walked range the server no longer lists, removed
    # (server, mirror): the counts that disagreed after the incremental walk, which
    # made the sync walk everything again (unless `deferred`); None when they agreed or
    # were not asked.
    mismatch: tuple[int, int] | None = None
    deferred: bool = False  # the mismatch came within REPAIR_EVERY_MS of the last repair
    resumed: bool = False  # a walk of everything cut off before, gone on with where it stopped
    # records the server counts in a walked range that the walk did not list (it ended
    # early: pages shorter than asked, an empty answer), none of them forgotten
    unlisted: int = 0
    # records listed whose listing the server's lists contradict, not kept (LeftOut):
    # the first LEFT_OUT_NAMED, how many, and the creation time of each that says one
    left_out: tuple[LeftOut, ...] = ()
    # named or not: after a kind's sync, every record of the kind the mirror holds as left
    # out (Mirror.left_out_numbers), and those without a number this sync left out
    left_out_count: int = 0
    left_out_unnumbered: int = 0  # rows without a number that can be read, left out

    @property
    def unsure(self) -> bool:
        """The server counts otherwise than the mirror holds, and nothing mended it: a
        walk ended early, records were left out, or counts that disagree wait for their
        repair."""
        return (
            self.unlisted > 0
            or self.left_out_count > 0
            or (self.mismatch is not None and self.deferred)
        )


@dataclass(frozen=True)
class SyncResult:
    bills: KindSynced | None  # None: not completed (cancelled, or not reached)
    refunds: KindSynced | None
    cancelled: bool
    counted: bool  # the server answered counts (else: no totals and no check)
    # the kinds whose count the server was too busy to give (429, 503), asked again
    # COUNT_TRIES times at most: synced without it, their history not checked
    busy_counts: tuple[str, ...] = ()

    @property
    def repaired(self) -> tuple[str, ...]:
        """The kinds walked again in full because the counts disagreed."""
        return tuple(
            k.kind for k in (self.bills, self.refunds) if k and k.mismatch and not k.deferred
        )

    @property
    def unsure(self) -> tuple[str, ...]:
        """The kinds the server counts otherwise than the mirror holds (KindSynced.unsure)."""
        return tuple(k.kind for k in (self.bills, self.refunds) if k and k.unsure)

    @property
    def left_out(self) -> tuple[LeftOut, ...]:
        """The records listed but not kept that are named, bills then refunds
        (KindSynced.left_out)."""
        return tuple(left for k in (self.bills, self.refunds) if k for left in k.left_out)

    @property
    def left_out_count(self) -> int:
        """How many records were listed but not kept, named or not."""
        return sum(k.left_out_count for k in (self.bills, self.refunds) if k)


def sync(
    mirror: Mirror,
    client: BeeCloudClient,
    *,
    full: bool = False,
    cancelled: Callable[[], bool] | None = None,
    progress: Progress | None = None,
    clock: Callable[[], int] = now_ms,
    currencies: Mapping[str, str] | None = None,
    pool: ClientPool | None = None,
) -> SyncResult:
    """Bring `mirror` up to date with the server of `client`: bills, then refunds.

    Every request goes through clones of `client` (`pool`, or a pool of its own,
    closed at the end): abort `client` (or the pool) to end the sync at once, which
    then raises ClientClosedError. `currencies` (bill_no -> currency) are those of the
    bills this console made, which the server's list may leave out (or, lying, give
    otherwise): they are the mirror's, filled in what the sync writes and, of those
    recorded since the last sync, in the bills kept before. Raises the
    client's errors (BeeCloudError); the mirror's as HistoryFileError."""
    run = _Sync(mirror, pool or ClientPool(client), cancelled, progress, clock)
    if currencies is not None:  # what it writes is filled as it is written
        mirror.recorded_currencies = currencies
    try:
        bills = run.kind(BILLS, full)
        if currencies is not None:  # those recorded since the last sync, of bills kept
            mirror.fill_currencies(currencies)  # before (and not written again by it)
        refunds = run.kind(REFUNDS, full) if bills is not None else None
    except sqlite3.Error as error:
        raise HistoryFileError.of(error) from error
    finally:
        if pool is None:
            run.pool.close()
    busy = tuple(kind for kind in (BILLS, REFUNDS) if kind in run.busy_counts)
    return SyncResult(bills, refunds, refunds is None, run.counted, busy)


class _Sync:
    def __init__(
        self,
        mirror: Mirror,
        pool: ClientPool,
        cancelled: Callable[[], bool] | None,
        progress: Progress | None,
        clock: Callable[[], int],
    ) -> None:
        self.mirror = mirror
        self.pool = pool
        self.cancelled = cancelled or (lambda: False)
        self.progress = progress or (lambda kind, done, total: None)
        self.clock = clock
        self.counted = True  # until the server says otherwise
        # the kinds whose count the server was too busy to give; once one was, no other
        # count is asked of this sync
        self.busy_counts: set[str] = set()
        self._lock = threading.Lock()

    def kind(self, kind: str, full: bool) -> KindSynced | None:
        """Sync one kind; None when cancelled (the synced range is left as it was)."""
        synced = self.mirror.synced(kind)
        # A walk of everything cut off (a first one, "everything again", the check's)
        # is gone on with before anything else; "everything again" asked for now starts
        # from the newest record.
        left = None if full else self.mirror.walk_left(kind)
        retried = self.retry_left_out(kind)
        if retried is None:
            return None
        if synced is not None and not full and left is None:
            done = self.incremental(kind, synced.through_ms)
        else:
            done = self.walk_whole(kind, go_on_from=left)
            if done is not None and done.resumed:
                self.mirror.mark_synced(kind, done.through_ms, done.through_ms)
                done = self.since_resumed(kind, done)
        if done is not None and not self._held_back(synced, done):
            self.mirror.mark_synced(kind, done.through_ms, done.through_ms)
        return self._with_left_out(done, retried) if done is not None else None

    def _with_left_out(self, done: KindSynced, retried: list[LeftOut]) -> KindSynced:
        """The kind's sync with every record it left out: those asked for again and still
        left out, those its walks left out (named once each, LEFT_OUT_NAMED at most),
        counted with every other the mirror holds as left out."""
        named = {left.number: left for left in retried}
        unnumbered = []
        for left in done.left_out:
            if left.number:
                named.setdefault(left.number, left)
            else:
                unnumbered.append(left)
        count = self.mirror.count_left_out(done.kind) + done.left_out_unnumbered
        every = (*named.values(), *unnumbered)[:LEFT_OUT_NAMED]
        return replace(done, left_out=every, left_out_count=count)

    def retry_left_out(self, kind: str) -> list[LeftOut] | None:
        """Ask for the records of the kind left out before (Mirror.left_out_numbers) by
        their numbers, the newest REFETCH_MAX: each is kept once the server lists it in
        a way that can be true, and no longer left out when it lists none. Those still
        left out, or None when cancelled."""
        numbers = self.mirror.left_out_numbers(kind, REFETCH_MAX)
        still: list[LeftOut] = []
        if not numbers:
            return still
        with self.pool.lease() as client:
            for number in numbers:
                if self.cancelled():
                    return None
                try:
                    found = _find(client, kind, number)
                except FilterIgnoredError as error:  # none can: their walks bring them
                    log.warning("%s cannot be asked for by their numbers: %s", kind, error)
                    break
                except ValidationError:  # a number the query refuses as a filter
                    continue
                except BadAnswerError as error:  # it cannot be read, or is listed twice
                    unread = UnreadableRecordError(kind, 1, 0, number, None, error.reason)
                    still.append(LeftOut(kind, number, None, unread))
                    continue
                if found is None:
                    self.mirror.drop_left_out(kind, number)
                    continue
                if isinstance(found, BillRecord):
                    mismatches = self.mirror.put_bills([found], self.clock())
                else:
                    mismatches = self.mirror.put_refunds([found], self.clock())
                still += _mismatched(kind, [found], mismatches)
        return still

    def _held_back(self, synced: Synced | None, done: KindSynced) -> bool:
        """Whether the synced range stays where it was: an incremental walk that listed
        fewer records than the server counts did not fetch its range whole, and the next
        sync walks it again from where this one began (the counts' check, which would
        walk everything, may be waiting for REPAIR_EVERY_MS). For REPAIR_EVERY_MS at
        most: a server whose counts never match its lists is then left to that check,
        not walked over an ever longer range."""
        return (
            synced is not None
            and not done.cold
            and done.unlisted > 0
            and self.clock() - synced.through_ms < REPAIR_EVERY_MS
        )

    def since_resumed(self, kind: str, resumed: KindSynced) -> KindSynced | None:
        """After a walk of everything gone on with, what was made since it began (maybe
        days ago: its range ends then), as by an incremental sync. None when
        cancelled."""
        since = self.incremental(kind, resumed.through_ms)
        if since is None:
            return None
        return replace(
            since,
            cold=True,
            start_ms=None,
            fetched=resumed.fetched + since.fetched,
            forgotten=resumed.forgotten + since.forgotten,
            resumed=True,
            unlisted=resumed.unlisted + since.unlisted,
            **_left_out_of(resumed, since),
        )

    def incremental(self, kind: str, through_ms: int) -> KindSynced | None:
        as_of = self.clock()
        # A synced range that ends after now (this computer's clock was set back, or
        # another console's runs ahead) is walked from now less the overlap: what was
        # made since may be stamped anywhere before its end, and the counts' check
        # below finds what is older than that.
        start = min(through_ms, as_of) - OVERLAP_MS
        end = as_of - OVERLAP_MS
        stretch = self.unpaid_stretch(kind, as_of, start)
        # The counts are asked beside the walk (they do not depend on it): far from the
        # server, their answers' waits are not added to the walk's.
        with ThreadPoolExecutor(2, thread_name_prefix=f"sync-count-{kind}") as beside:
            checked = beside.submit(self.count, kind, None, end)
            paid = beside.submit(self.count, kind, *stretch, True) if stretch else None
            walked = self.walk(kind, start if start >= MS_MIN else None, as_of, LISTED_AHEAD_MS)
        if walked is None:
            return None
        if stretch is not None and paid is not None:
            # the count's error, if it failed, is raised here
            walked = self.walk_stretch_if_paid(kind, walked, stretch, paid.result())
            if walked is None:
                return None
        refetched = self.refetch_refunds(walked.start_ms) if kind == REFUNDS else 0
        if refetched is None:
            return None
        return self.check(
            kind, replace(walked, cold=False, refetched=refetched), end, checked.result()
        )

    def unpaid_stretch(self, kind: str, as_of: int, start: int) -> tuple[int, int] | None:
        """For bills, from the oldest unpaid one of the last UNPAID_WINDOW_MS to just
        before `start`, when it was made before it: the stretch whose bills may have
        turned paid since they were walked."""
        if kind != BILLS:
            return None
        unpaid = self.mirror.oldest_unpaid_since(as_of - UNPAID_WINDOW_MS)
        return (unpaid, start - 1) if unpaid is not None and unpaid < start else None

    def walk_stretch_if_paid(
        self, kind: str, walked: KindSynced, stretch: tuple[int, int], server_paid: int | None
    ) -> KindSynced | None:
        """Walk the unpaid stretch too when the server counts more bills of it paid than
        the mirror does, or cannot say; `walked` then starts there. None when cancelled."""
        if server_paid is not None and server_paid == self.mirror.count(kind, *stretch, paid=True):
            return walked
        earlier = self.walk(kind, stretch[0], stretch[1])
        if earlier is None:
            return None
        return replace(
            walked,
            start_ms=stretch[0],
            fetched=walked.fetched + earlier.fetched,
            forgotten=walked.forgotten + earlier.forgotten,
            unlisted=walked.unlisted + earlier.unlisted,
            **_left_out_of(walked, earlier),
        )

    def check(
        self, kind: str, walked: KindSynced, end: int, server: int | None
    ) -> KindSynced | None:
        """Compare the server's count of the kind up to `end` with the mirror's: when they
        differ, walk everything again (at most once every REPAIR_EVERY_MS). The records
        the walk left out are the server's, not the mirror's: they are counted with the
        mirror's. None when cancelled."""
        local = self.mirror.count(kind, None, end)
        local += self.mirror.count_left_out(kind, end)
        if server is None or server == local:
            return walked
        now = self.clock()
        repaired = self.mirror.repaired_ms(kind)
        if repaired is not None and 0 <= now - repaired < REPAIR_EVERY_MS:
            log.warning(
                "the mirror holds %d %s up to %d, the server counts %d, again since they "
                "were all walked: not walking them all again before %d",
                local,
                kind,
                end,
                server,
                repaired + REPAIR_EVERY_MS,
            )
            return replace(walked, mismatch=(server, local), deferred=True)
        log.warning(
            "the mirror holds %d %s up to %d, the server %d: walking them all again",
            local,
            kind,
            end,
            server,
        )
        # Marked when it begins: cut off (minutes far away), the next sync goes on with
        # it, and counts that still disagree then wait as after any repair.
        self.mirror.mark_repaired(kind, now)
        again = self.walk_whole(kind)
        if again is None:
            return None
        return replace(again, mismatch=(server, local))

    def walk_whole(self, kind: str, go_on_from: WalkLeft | None = None) -> KindSynced | None:
        """A walk of everything (gone on with from `go_on_from` when given), walked again
        at once, once, when it listed fewer records than the server counts: a record
        removed (or moved) on the server while the walk ran shifts those after it up a
        page, and the walk skips one, the removed one still kept. Counts cannot find
        that (one missing, one too many), so the next syncs' check would never mend it.
        A second walk short too is of a server that lists fewer than it counts: said
        (KindSynced.unlisted), left to the check. None when cancelled."""
        walked = self.walk(kind, None, keep_place=True, go_on_from=go_on_from)
        if walked is None or walked.unlisted == 0:
            return walked
        log.warning(
            "the walk of every %s listed %d fewer than the server counts: walking them again",
            kind,
            walked.unlisted,
        )
        again = self.walk(kind, None, keep_place=True)
        if again is None:
            return None
        return replace(
            again,
            fetched=walked.fetched + again.fetched,
            forgotten=walked.forgotten + again.forgotten,
            **_left_out_of(walked, again),
        )

    def walk(
        self,
        kind: str,
        start: int | None,
        as_of: int | None = None,
        ahead_ms: int = 0,
        keep_place: bool = False,
        go_on_from: WalkLeft | None = None,
    ) -> KindSynced | None:
        """Upsert every record created from `start` (None: the first) to `as_of` (now),
        page by page, then forget those of the range it did not list (a walk of
        everything: to the end of time). Counted beside the pages, for the progress's
        total, and because a walk that listed fewer records than the server counts
        ended early (pages shorter than asked, an empty answer): it forgets nothing.
        None when cancelled.

        A walk of everything (`start` None) that `keep_place` notes with each page how
        far it has got (WalkLeft); `go_on_from` such a place, it goes on from there: its
        range and its start are that walk's, its pages those it had not reached, its
        progress counts what that walk listed.

        `ahead_ms`: the pages also list what was made up to this long after `as_of`
        (LISTED_AHEAD_MS), upserted as the rest; the range walked whole, counted and
        forgotten in, still ends at `as_of`."""
        if go_on_from is None:
            began = self.clock()
            as_of = began if as_of is None else as_of
            end, before = as_of, 0
        else:
            ahead_ms = 0
            began, as_of, end = go_on_from.began, go_on_from.as_of, go_on_from.reached
            before = self.mirror.count(kind, end + 1, as_of)
        place = WalkLeft(began, as_of, end) if keep_place else None
        listed_to = end + ahead_ms
        # The count is asked beside the pages, not before them, so that far from the
        # server the first rows come one answer's wait sooner. The total is said from its
        # answer on; a count that failed leaves the walk without.
        with ThreadPoolExecutor(1, thread_name_prefix=f"sync-total-{kind}") as beside:
            counting = beside.submit(self._total, kind, start, end)

            def total() -> int | None:
                answer = counting.result() if counting.done() else None
                return None if answer is None else before + answer

            told = total()
            self.progress(kind, before, told)
            done = within = 0  # listed, and of the range [start, end]
            stray = False  # a record outside the range: the server ignores it
            left_out = _LeftOuts(kind)
            with self._pages(kind, start, listed_to) as pages:
                for page in pages:
                    # rows that cannot be read, left out, count as listed (an endless
                    # list of them is an endless list)
                    within += left_out.add(self._taken_back(kind, pages), end)
                    stray = stray or _strays(page, start, listed_to)
                    if not stray and told is not None:
                        listed = done + left_out.unreadable + len(page)
                        _refuse_overrun(kind, listed, told - before)
                    # the time of this write, never before the walk began (forget_unseen)
                    seen = max(began, self.clock())
                    if place is not None:
                        place = _after(place, page)
                        if place is None:  # not newest first: the place kept is wrong
                            self.mirror.forget_walk(kind)
                    if kind == BILLS:
                        mismatches = self.mirror.put_bills(page, seen, place)
                    else:
                        mismatches = self.mirror.put_refunds(page, seen, place)
                    left_out.add(_mismatched(kind, page, mismatches), end)
                    done += len(page)
                    within += sum(record.created_time <= end for record in page)
                    told = total()
                    self.progress(kind, before + done, told)
                within += left_out.add(self._taken_back(kind, pages), end)  # the last page's
                left_out.told()
                if not pages.finished or self.cancelled():
                    return None
        counted = counting.result()
        if told is None and counted is not None:  # answered after the last page
            self.progress(kind, before + done, before + counted)
        unlisted = max(0, counted - within) if counted is not None else 0
        if unlisted:
            log.warning(
                "the server listed %d %s of the %d it counts from %s to %d: forgetting none",
                within,
                kind,
                counted,
                start,
                end,
            )
            forgotten = 0
        elif start is None:
            forgotten = self.mirror.forget_unseen(kind, FIRST_MS, LAST_MS, began)
        else:
            forgotten = self.mirror.forget_unseen(kind, start, as_of, began)
        if keep_place:
            self.mirror.forget_walk(kind)
        resumed = go_on_from is not None
        return KindSynced(
            kind,
            True,
            start,
            as_of,
            done,
            0,
            forgotten,
            resumed=resumed,
            unlisted=unlisted,
            left_out=tuple(left_out.named),
            left_out_count=left_out.count,
            left_out_unnumbered=left_out.unnumbered,
        )

    def _taken_back(self, kind: str, pages: PageWalk[Any]) -> list[LeftOut]:
        """What the walk left out since it was last asked (PageWalk.take_left_out): a
        number given to two records, a row that cannot be read. The record of each
        number kept before (an earlier page's, an earlier sync's) is forgotten."""
        left_out = []
        for error, record in pages.take_left_out():
            number = error.number or ""
            created = record.created_time if record is not None else None
            if isinstance(error, UnreadableRecordError):
                created = error.created_time
            if number:
                self.mirror.leave_out(kind, number, created)
            left_out.append(LeftOut(kind, number, created, error))
        return left_out

    def _total(self, kind: str, start: int | None, as_of: int) -> int | None:
        """The count of a walk's range, for its progress only: None when it failed (the
        walk's own pages say whether the server can be reached; closing the client, to
        end the sync, is raised)."""
        try:
            return self.count(kind, start, as_of)
        except ClientClosedError:
            raise
        except BeeCloudError as error:
            log.info("walking the %s without a total: %s", kind, error)
            return None

    def _pages(self, kind: str, start: int | None, as_of: int) -> PageWalk[Any]:
        if kind == BILLS:
            return walk_bills(
                self.pool,
                BillQuery(start_time=start),
                as_of,
                cancelled=self.cancelled,
                leaves_out=True,
                patient=self._patient_page,
            )
        query = RefundQuery(start_time=start)
        return walk_refunds(
            self.pool,
            query,
            as_of,
            cancelled=self.cancelled,
            leaves_out=True,
            patient=self._patient_page,
        )

    def _patient_page(self, fetch: Callable[[], Any]) -> Any:
        """A page's request, asked again after a short rest its host asked for."""
        return self._patiently(fetch, PAGE_TRIES)

    def _patiently(self, call: Callable[[], _T], tries: int) -> _T:
        """The call, asked again after a short rest (console/api/rests.py patiently);
        ClientClosedError when its client was closed meanwhile."""
        try:
            return patiently(
                call, self._stopped, longest_s=SHORT_REST_S, tries=tries, backoff_s=BUSY_BACKOFF_S
            )
        except TransportError as error:
            if self.pool.ended and not isinstance(error, ClientClosedError):
                raise ClientClosedError(error.failures) from error
            raise

    def _stopped(self) -> bool:
        """Cancelled, or its client closed: a wait for a host's rest ends."""
        return self.cancelled() or self.pool.ended

    def refetch_refunds(self, start: int | None) -> int | None:
        """Ask again for the refunds not yet final created before `start` (the walk
        listed the others): REFETCH_MAX of the last UNFINISHED_WINDOW_MS, those seen or
        asked for the longest ago first (Mirror.unfinished_refunds); each asked for, found
        or not, takes its turn (Mirror.asked_for), even when the sync then fails.
        How many were answered, or None when cancelled."""
        if start is None:
            return 0
        now = self.clock()
        since = now - UNFINISHED_WINDOW_MS
        asked: list[str] = []  # found or not, refused too: their turn taken (Mirror.asked_for)
        answered = 0
        try:
            with self.pool.lease() as client:
                for refund_no in self.mirror.unfinished_refunds(since, start, REFETCH_MAX, now):
                    if self.cancelled():
                        return None
                    try:
                        found = client.find_refund(refund_no)
                    except ValidationError:  # a number the refund query refuses as a filter
                        log.warning("refund %s cannot be asked for by its number", refund_no)
                        asked.append(refund_no)
                        continue
                    except FilterIgnoredError as error:  # none can: a full sync brings them
                        log.warning("refunds cannot be asked for by their numbers: %s", error)
                        asked.append(refund_no)
                        break
                    asked.append(refund_no)
                    answered += 1
                    if found is not None:  # one gone is the check's to find
                        for mismatch in self.mirror.put_refunds([found], self.clock()):
                            log.warning("%s It is not kept.", mismatch)
        finally:
            self.mirror.asked_for(asked, self.clock())
        return answered

    def count(self, kind: str, start: int | None, end: int, paid: bool | None = None) -> int | None:
        """The server's count of the kind created from `start` to `end` (with `paid`:
        of the bills paid, or unpaid), or None when it does not count."""
        if not self.counted or end < MS_MIN or (start is not None and start > end):
            return None
        if self.busy_counts:
            with self._lock:
                self.busy_counts.add(kind)
            return None
        try:
            return self._count_when_not_busy(kind, start, end, paid)
        except CountUnavailableError as error:
            if paid is not None:  # a server that counts, but not by payment: walked
                log.info("no count of the bills paid: %s", error)
                return None
            log.info("syncing without counts: %s", error)
            self.counted = False
            return None

    def _count_when_not_busy(
        self, kind: str, start: int | None, end: int, paid: bool | None
    ) -> int | None:
        """The count, asked again while the server is busy (COUNT_TRIES times at most,
        waiting the rest it asks up to SHORT_REST_S); None when it stayed busy, asked
        for longer, or the sync was cancelled."""

        def ask() -> int:
            with self.pool.lease() as client:
                if kind == BILLS:
                    query = BillQuery(start_time=start, end_time=end, spay_result=paid)
                    return client.count_bills(query)
                return client.count_refunds(RefundQuery(start_time=start, end_time=end))

        try:
            return self._patiently(ask, COUNT_TRIES)
        except ClientClosedError:
            raise
        except TransportError as error:
            if error.busy_s is None:  # not busy: failed as any call does
                raise
            log.warning("syncing the %s without a count: %s", kind, error)
            with self._lock:
                self.busy_counts.add(kind)
            return None
