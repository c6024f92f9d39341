"""The one background worker that owns the API client, and the GUI-side gateway to it.

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

import itertools
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from console.gui.jobs import (
    ALL_BILLS,
    PAGED_ACTIONS,
    PAY,
    REFUND,
    Credentials,
    ErrorReport,
    Job,
    report_for,
)

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


class ApiWorker(QObject):
    """Runs jobs in its own thread; one client per set of credentials, and for paged
    jobs a pool of clones of it (one per walk thread)."""

    page = Signal(object, object)  # Job, list of records of one page
    finished = Signal(object, object)  # Job, result (for a paged job: the record count)
    failed = Signal(object, object)  # Job, ErrorReport
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
        if job.action in PAGED_ACTIONS:
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
                result = getattr(client, job.action)(job.request)
        except Exception as error:  # every failure becomes a report, never a traceback
            self._fail(job, error)
        else:
            with self._lock:
                if not self._closed:
                    self.finished.emit(job, result)
        finally:
            with self._lock:
                self._calls.pop(job.id, None)

    def _start_walk(self, job: Job) -> None:
        """Start fetching every page of the job's query on the walk's own threads.

        Their news comes back through _walk_news, queued to this thread, which is
        only handled once this method has returned: the walk is registered first.
        """
        from console.api.paging import walk_bills, walk_refunds

        job_id = job.id
        walker = walk_bills if job.action == ALL_BILLS else walk_refunds
        try:
            walk: PageWalk[Any] = walker(
                self._pool(job.credentials),
                job.request,
                cancelled=lambda: self.is_cancelled(job_id),
                on_ready=lambda: self._walk_ready(job_id),
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
            self._fail(walking.job, error)
            return
        for records in pages:
            walking.loaded += len(records)
            self.page.emit(walking.job, records)
        if over:
            self._end_walk(job_id)
            self.finished.emit(walking.job, walking.loaded)

    def _end_walk(self, job_id: int) -> None:
        with self._lock:
            walking = self._walks.pop(job_id, None)
        if walking is not None:
            walking.walk.cancel()  # requests past the end still on the wire are dropped

    def _fail(self, job: Job, error: Exception) -> None:
        report = report_for(error)
        if report.kind == "unexpected":
            log.error("job %s (%s) failed unexpectedly", job.id, job.action, exc_info=error)
        else:
            log.warning("job %s (%s) failed: %s", job.id, job.action, report.title)
        with self._lock:
            if not self._closed:
                self.failed.emit(job, report)

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


class ApiGateway(QObject):
    """The GUI thread's side: submit jobs, drop superseded answers, report what is in flight."""

    page = Signal(object, object)  # Job, records
    finished = Signal(object, object)  # Job, result
    failed = Signal(object, object)  # Job, ErrorReport
    busy_changed = Signal(object)  # list of descriptions of jobs in flight
    _queue = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._in_flight: dict[int, Job] = {}
        self._thread = QThread()
        self._thread.setObjectName("api-worker")
        self._worker = ApiWorker()
        self._worker.moveToThread(self._thread)
        self._queue.connect(self._worker.run)
        self._worker.page.connect(self._on_page)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()

    @contextmanager
    def holding_walks(self) -> Iterator[None]:
        """While the window paints a table: page walks start no new page (for at most
        paging.HOLD_LIMIT_S). A paint asks Python for every cell it draws, each time
        waiting for the interpreter lock, which a walk parsing pages holds most of the
        time: this halves the longest paint while many bills load (benchmark 4)."""
        self._worker.walks_may_go.clear()
        try:
            yield
        finally:
            self._worker.walks_may_go.set()

    def submit(self, job: Job) -> Job:
        """Queue a job; an older job of the same topic is cancelled and its answer dropped."""
        job = replace(job, id=next(self._ids))
        previous = self._latest.get(job.topic)
        if previous is not None:
            self._forget(previous)
        self._latest[job.topic] = job.id
        self._in_flight[job.id] = job
        self._emit_busy()
        self._queue.emit(job)
        return job

    def cancel(self, topic: str) -> None:
        job_id = self._latest.pop(topic, None)
        if job_id is not None:
            self._forget(job_id)
            self._emit_busy()

    def is_busy(self, topic: str) -> bool:
        return topic in self._latest

    def _forget(self, job_id: int) -> None:
        self._worker.cancel(job_id)
        self._in_flight.pop(job_id, None)

    def _current(self, job: Job) -> bool:
        return self._latest.get(job.topic) == job.id

    def _done(self, job: Job) -> None:
        self._latest.pop(job.topic, None)
        self._in_flight.pop(job.id, None)
        self._emit_busy()

    def _emit_busy(self) -> None:
        self.busy_changed.emit([job.description for job in self._in_flight.values()])

    @Slot(object, object)
    def _on_page(self, job: Job, records: list[Any]) -> None:
        if self._current(job):
            self.page.emit(job, records)

    @Slot(object, object)
    def _on_finished(self, job: Job, result: Any) -> None:
        if self._current(job):
            self._done(job)
            self.finished.emit(job, result)

    @Slot(object, object)
    def _on_failed(self, job: Job, report: ErrorReport) -> None:
        if self._current(job):
            self._done(job)
            self.failed.emit(job, report)

    def shutdown(self) -> None:
        """Stop the worker thread cleanly and at once: every call in progress is aborted
        (a payment or refund among them is then "outcome unknown": a refund is in the
        journal as `sending` and checked at the next start), no answer is sent on."""
        for job in self._in_flight.values():
            if job.action in (PAY, REFUND):
                log.warning("closing with %s in progress (job %s): aborted", job.action, job.id)
        self._worker.abort_all()
        self._in_flight.clear()
        self._latest.clear()
        self._thread.quit()
        if not self._thread.wait(SHUTDOWN_WAIT_MS):
            log.error("the API worker did not stop in time")
        self._worker.close_clients()
