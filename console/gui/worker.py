"""The one background worker that owns the API clients (its GUI-side gateway and the
jobs' handles: console/gui/gateway.py).

The GUI thread prepares a Job (secret read, numbers made) and submits it to the
ApiGateway. The ApiWorker, living in its own QThread, starts each job and
answers with signals; it never waits on the network itself. A single call
(payment, refund, a look-up) runs on a thread of its own, on a client of its
own leased from the profile's pool; a paged query is a PageWalk
(console/api/paging.py), whose own threads fetch and parse several pages at
once and tell the worker when something is ready, the worker forwarding the
finished pages in order. So a call stuck on a slow server never holds up
another: a refund queued meanwhile runs at once, and a cancelled or superseded
query stops asking for pages at once (what is already on the wire is dropped).

Every call is bounded in time by the client (connect + read timeout + a
margin, console/api/transport.py). Closing does not wait for them: `shutdown`
aborts every call in progress (its connection is shut at once) and the worker's
thread ends. A refund aborted so was written to the refund journal as `sending`
before it was sent: it is checked at the next start.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from console.api.errors import ListContradictionError
from console.gui.jobs import Action, Credentials, Job, report_for, without_secrets

if TYPE_CHECKING:
    from console.api.client import BeeCloudClient
    from console.api.paging import ClientPool, PageWalk

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 30_000
# How long closing waits for the calls it aborted to end (their sockets are shut at
# once; only a name lookup cannot be cut short, and the process does not wait for it).
ABORTED_CALLS_WAIT_S = 2.0


@dataclass
class _Walk:
    """A paged job being fetched: its walk, and how many records went out so far."""

    job: Job
    walk: PageWalk[Any]
    loaded: int = 0


def call(
    client: BeeCloudClient,
    job: Job,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[..., None] = lambda *_news: None,
) -> Any:
    """The one client call a job of a single answer asks for (a sync: many, reported
    with `progress` as they go)."""
    request = job.request
    if job.action is Action.SYNC:
        from console.store.sync import sync

        return sync(
            request.mirror,
            client,
            full=request.full,
            cancelled=cancelled,
            progress=progress,
            currencies=request.currencies,
        )
    if job.action is Action.PAY:
        return client.pay(request)
    if job.action is Action.REFUND:
        return client.refund(request)
    if job.action is Action.FIND_BILL:
        record: Any = client.find_bill(request)
    elif job.action is Action.FIND_REFUND:
        record = client.find_refund(request)
    else:
        raise ValueError(f"{job.action} is not a single call")
    if record is not None:
        _keep(job, [record])
    return record


def _keep(job: Job, records: list[Any]) -> None:
    """Records a job fetched, kept in its history mirror (if it has one) on the job's own
    thread (a look-up's, a walk's): a long write of a sync is waited for there, never on
    the GUI's thread or the worker's. Records that cannot be kept are still the answer
    (those the history leaves out, which disagree with it on a bill's amount, too)."""
    if records and job.keep_in is not None:
        try:
            left_out = job.keep_in.keep(records)
        except sqlite3.Error as error:
            log.warning("records fetched could not be kept in the history: %s", error)
            return
        for mismatch in left_out:
            log.warning("a record fetched was not kept in the history: %s", mismatch)


def _unkeep(job: Job, error: Exception) -> None:
    """A walk's list that gave one number to two records (ListContradictionError): the
    record of that number its pages kept (`_keep`, before the walk compared them) is
    taken out of the history again; neither is true for sure."""
    if job.keep_in is None or not isinstance(error, ListContradictionError):
        return
    try:
        job.keep_in.forget(error.what, error.number)
    except sqlite3.Error as failed:
        log.warning("%s could not be taken out of the history: %s", error.number, failed)


class ApiWorker(QObject):
    """Runs jobs in its own thread; one client per set of credentials, and for paged
    jobs a pool of clones of it (one per walk thread)."""

    # By job id (the gateway hands each to the job's handle):
    page = Signal(int, object)  # list of records of one page
    finished = Signal(int, object)  # result (for a paged job: the record count)
    failed = Signal(int, object)  # ErrorReport
    # Emitted by a walk's own threads: that job's walk has news. Queued to this
    # worker's thread, which forwards the pages.
    _walk_news = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._clients: dict[Credentials, BeeCloudClient] = {}
        self._pools: dict[Credentials, ClientPool] = {}
        self._cancelled: set[int] = set()
        self._walks: dict[int, _Walk] = {}  # by job id; guarded by _lock (cancel reads it)
        self._started: list[PageWalk[Any]] = []  # walks whose threads may still run
        self._calls: dict[int, threading.Thread] = {}  # single calls in progress, by job id
        self._closed = False  # shut down: no job starts, no answer is sent any more
        self._lock = threading.Lock()
        # Set: walks may start pages. Cleared by the GUI while a table paints (see
        # ApiGateway.holding_walks); thread-safe.
        self.walks_may_go = threading.Event()
        self.walks_may_go.set()
        self._walk_news.connect(self._forward_pages)

    def cancel(self, job_id: int) -> None:
        """Thread-safe: the job asks for no more pages, and its answer is dropped."""
        with self._lock:
            self._cancelled.add(job_id)
            walking = self._walks.pop(job_id, None)
        if walking is not None:  # outside the lock: the walk has a lock of its own
            walking.walk.cancel()

    def is_cancelled(self, job_id: int) -> bool:
        with self._lock:
            return job_id in self._cancelled

    def _client(self, credentials: Credentials) -> BeeCloudClient:
        """Under the lock."""
        client = self._clients.get(credentials)
        if client is None:
            # Imported here, in the worker's thread: the HTTP stack (requests) is not
            # loaded before the first job, so it never delays the window's first paint.
            from console.api.client import BeeCloudClient

            client = BeeCloudClient(
                credentials.app_id,
                credentials.secret,
                credentials.hosts,
                connect_timeout=credentials.connect_timeout,
                read_timeout=credentials.read_timeout,
                ca_bundle=credentials.ca_bundle,
                shuffle=credentials.shuffle_hosts,
                master_secret=credentials.master_secret,
            )
            self._clients[credentials] = client
        return client

    def _pool(self, credentials: Credentials) -> ClientPool:
        from console.api.paging import ClientPool

        with self._lock:
            pool = self._pools.get(credentials)
            if pool is None:
                pool = self._pools[credentials] = ClientPool(self._client(credentials))
            return pool

    @Slot(object)
    def run(self, job: Job) -> None:
        if self.is_cancelled(job.id) or self._closed:
            return
        if job.action.paged:
            self._start_walk(job)
            return
        try:
            pool = self._pool(job.credentials)
        except Exception as error:  # every failure becomes a report, never a traceback
            self._fail(job, error)
            return
        thread = threading.Thread(
            target=self._call, args=(job, pool), name=f"api-call-{job.id}", daemon=True
        )
        with self._lock:
            if self._closed:
                return
            self._calls[job.id] = thread
        thread.start()

    def _call(self, job: Job, pool: ClientPool) -> None:
        """On the call's own thread: one call on a client of its own, then its answer."""
        try:
            with pool.lease() as client:
                result = call(
                    client,
                    job,
                    cancelled=lambda: self.is_cancelled(job.id) or self._closed,
                    progress=lambda *news: self._progress(job.id, news),
                )
        except Exception as error:  # every failure becomes a report, never a traceback
            self._fail(job, error)
        else:
            with self._lock:
                if not self._closed:
                    self.finished.emit(job.id, result)
        finally:
            with self._lock:
                self._calls.pop(job.id, None)

    def _progress(self, job_id: int, news: Any) -> None:
        """From a call's thread: how far a sync is, to its handle (as a page)."""
        with self._lock:
            if not self._closed and job_id not in self._cancelled:
                self.page.emit(job_id, news)

    def _start_walk(self, job: Job) -> None:
        """Start fetching every page of the job's query on the walk's own threads.

        Their news comes back through _walk_news, queued to this thread, which is
        only handled once this method has returned: the walk is registered first.
        """
        from console.api.paging import walk_bills, walk_refunds

        job_id = job.id
        walker = walk_bills if job.action is Action.ALL_BILLS else walk_refunds
        try:
            walk: PageWalk[Any] = walker(
                self._pool(job.credentials),
                job.request,
                cancelled=lambda: self.is_cancelled(job_id),
                on_ready=lambda: self._walk_ready(job_id),
                on_page=lambda records: _keep(job, records),
                go=self.walks_may_go,
            )
        except Exception as error:
            self._fail(job, error)
            return
        self._started = [started for started in self._started if started.running]
        self._started.append(walk)
        with self._lock:
            cancelled = job_id in self._cancelled  # cancel() may have come meanwhile
            if not cancelled:
                self._walks[job_id] = _Walk(job, walk)
        if cancelled:
            walk.cancel()

    def _walk_ready(self, job_id: int) -> None:
        """From a walk's thread: its news, unless the worker is closed (and may be gone)."""
        with self._lock:
            if not self._closed:
                self._walk_news.emit(job_id)

    @Slot(int)
    def _forward_pages(self, job_id: int) -> None:
        """Send on the pages of the job's walk that are ready, in order; then its end."""
        with self._lock:
            walking = self._walks.get(job_id)
        if walking is None or self.is_cancelled(job_id):
            return  # over, cancelled or superseded: whatever comes is dropped
        try:
            pages, over = walking.walk.take_ready()
        except Exception as error:
            self._end_walk(job_id)
            _unkeep(walking.job, error)
            self._fail(walking.job, error)
            return
        for records in pages:
            walking.loaded += len(records)
            self.page.emit(walking.job.id, records)
        if over:
            self._end_walk(job_id)
            self.finished.emit(walking.job.id, walking.loaded)

    def _end_walk(self, job_id: int) -> None:
        with self._lock:
            walking = self._walks.pop(job_id, None)
        if walking is not None:
            walking.walk.cancel()  # requests past the end still on the wire are dropped

    def _fail(self, job: Job, error: Exception) -> None:
        if self._closed:  # aborted by closing: its end is no failure of its own
            log.info("job %s (%s) ended by closing: %s", job.id, job.action.value, error)
            return
        report = without_secrets(report_for(error), job.secrets())
        if report.kind == "unexpected":
            log.error("job %s (%s) failed unexpectedly", job.id, job.action.value, exc_info=error)
        else:
            log.warning("job %s (%s) failed: %s", job.id, job.action.value, report.title)
        with self._lock:
            if not self._closed:
                self.failed.emit(job.id, report)

    def abort_all(self) -> None:
        """Thread-safe, at close: no job starts and no answer goes out any more, and every
        call in progress ends at once (its connection shut); walks stop."""
        with self._lock:
            self._closed = True
            self._walks.clear()
            pools, clients = list(self._pools.values()), list(self._clients.values())
        for pool in pools:
            pool.abort()
        for client in clients:
            client.abort()

    @Slot()
    def close_clients(self, timeout_s: float = SHUTDOWN_WAIT_MS / 1000) -> None:
        """Abort whatever is in progress, wait (bounded) for the calls' and walks' threads,
        then close every client. Called once the worker's thread has stopped."""
        self.abort_all()
        deadline = time.monotonic() + timeout_s
        with self._lock:
            calls = list(self._calls.values())
        for thread in calls:
            thread.join(max(0.0, min(ABORTED_CALLS_WAIT_S, deadline - time.monotonic())))
            if thread.is_alive():
                log.error("a call did not end when aborted: %s", thread.name)
        for walk in self._started:
            if not walk.close(max(0.0, min(ABORTED_CALLS_WAIT_S, deadline - time.monotonic()))):
                log.error("a page walk's threads did not stop in time")
        self._started.clear()
        with self._lock:
            pools, self._pools = self._pools, {}
            clients, self._clients = self._clients, {}
        for pool in pools.values():
            pool.close()
        for client in clients.values():
            client.close()
