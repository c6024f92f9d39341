"""The GUI thread's side of the worker: jobs go in, and each answer comes back on
the handle of the job it answers, to whoever asked, and to nobody else.

`ApiGateway.submit(job)` queues a job and returns its JobHandle, whose signals
say how it went: `page` (a page of records, paged jobs), then exactly one of
`finished` (the result), `failed` (an ErrorReport) or `cancelled` (its owner
cancelled it, superseded it with a newer one, the status bar's Cancel stopped
it, or the console closed). `ended` follows whichever came. A handle whose job
could not even be prepared (no secret, the store cannot be written) fails on
the next turn of the event loop, so its owner hears of it the same way.

A job of a live profile is `pending` while its secrets are read from the keyring, off
the GUI thread (console/gui/keyring_reads.py): its handle runs (the status bar lists it,
and says it waits for the system keyring once that takes KEYRING_SLOW_MS), and the job
goes to the worker when `send` gives it its credentials, or fails (`refuse`) when they
cannot be read; one cancelled meanwhile is never sent.

The worker (console/gui/worker.py) runs in its own thread and answers by job id;
the gateway hands each answer to its handle, and drops answers of jobs that
are no longer running.

While the window has not yet been painted for the first time the gateway holds the
jobs submitted (`hold`, `release`: console/gui/main_window.py): their handles run,
but the worker starts them only after that paint. The first job imports the HTTP
stack and a sync writes to the mirror, on other threads but under the same
interpreter lock as the window being built and painted: started at once, the sync
asked for at start delayed the first paint of the rows the mirror already holds.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from console.gui.jobs import ErrorReport, Job
from console.gui.worker import SHUTDOWN_WAIT_MS, ApiWorker

log = logging.getLogger(__name__)

RUNNING, FINISHED, FAILED, CANCELLED = "running", "finished", "failed", "cancelled"
# A job whose credentials the keyring has not given after this long is said to wait for it.
KEYRING_SLOW_MS = 1_000


class JobHandle(QObject):
    """One job, from its submission to its end: its answer comes on these signals."""

    page = Signal(object)  # list of records (paged jobs), in order
    finished = Signal(object)  # the result (a paged job: how many records came)
    failed = Signal(object)  # ErrorReport
    cancelled = Signal()  # cancelled, superseded or closed: nothing more comes
    ended = Signal()  # after any of the three above

    def __init__(self, job: Job, gateway: ApiGateway | None) -> None:
        # No Qt parent: the gateway holds it while it runs, its owner as long as it needs
        # it; it goes when neither does (thousands of jobs never pile up as children).
        super().__init__()
        self.job = job
        self.state = RUNNING
        self.report: ErrorReport | None = None  # when it failed
        self._gateway = gateway

    def __repr__(self) -> str:
        return f"JobHandle({self.job.id}, {self.job.action.value}, {self.state})"

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    def cancel(self) -> None:
        """Ask for no more: what is on the wire is dropped (a payment or refund already
        sent is not called back: its outcome is checked as for any lost answer)."""
        if self.running and self._gateway is not None:
            self._gateway.cancel(self)

    # -- the gateway's side --------------------------------------------------------

    def _page(self, records: list[Any]) -> None:
        if self.running:
            self.page.emit(records)

    def _end(self, state: str, outcome: Any = None) -> None:
        if not self.running:
            return
        self.state = state
        if state == FINISHED:
            self.finished.emit(outcome)
        elif state == FAILED:
            self.report = outcome
            self.failed.emit(outcome)
        else:
            self.cancelled.emit()
        self.ended.emit()


def refused(job: Job, report: ErrorReport, parent: QObject | None = None) -> JobHandle:
    """The handle of a job that could not be prepared: it fails at the next turn of the
    event loop (its owner connects to it first)."""
    handle = JobHandle(job, None)
    handle.setParent(parent)  # alive until it has said so
    handle.ended.connect(handle.deleteLater)
    QTimer.singleShot(0, handle, lambda: handle._end(FAILED, report))
    return handle


class ApiGateway(QObject):
    """Submit jobs to the worker's thread; answers go to each job's handle."""

    busy_changed = Signal(object)  # descriptions of the jobs in flight
    _queue = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._handles: dict[int, JobHandle] = {}  # running jobs, by id
        self._thread = QThread()
        self._thread.setObjectName("api-worker")
        self._worker = ApiWorker()
        self._worker.moveToThread(self._thread)
        self._queue.connect(self._worker.run)
        self._worker.page.connect(self._on_page)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()
        self._held: list[Job] | None = None  # jobs waiting for release(), when holding
        # jobs whose credentials are being read (the keyring), by id: whether it takes
        # long (KEYRING_SLOW_MS passed), said in the status bar then
        self._pending: dict[int, bool] = {}

    def hold(self) -> None:
        """Keep the jobs submitted from now on here, in order, until `release()`."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Hand the jobs held to the worker (those not cancelled meanwhile), in order."""
        held, self._held = self._held, None
        for job in held or ():
            if job.id in self._handles:
                self._queue.emit(job)

    @property
    def holding(self) -> bool:
        return self._held is not None

    @contextmanager
    def holding_walks(self) -> Iterator[None]:
        """While the window paints a table: page walks start no new page (for at most
        paging.HOLD_LIMIT_S). A paint asks Python for every cell it draws, each time
        waiting for the interpreter lock, which a walk parsing pages holds most of the
        time: this shortens the longest paint while many bills load (benchmark 4)."""
        self._worker.walks_may_go.clear()
        try:
            yield
        finally:
            self._worker.walks_may_go.set()

    def submit(self, job: Job) -> JobHandle:
        """Queue a job; its answer comes on the handle returned."""
        handle = self._handle(job)
        self.send(handle, job)
        return handle

    def pending(self, job: Job) -> JobHandle:
        """A job whose credentials are still being read: its handle, running (listed
        as busy, and cancellable); the job is queued by `send`, or fails by `refuse`."""
        handle = self._handle(job)
        job_id = handle.job.id
        self._pending[job_id] = False
        QTimer.singleShot(KEYRING_SLOW_MS, self, lambda: self._slow(job_id))
        self._emit_busy()
        return handle

    def _slow(self, job_id: int) -> None:
        """Still pending when its timer fires (Qt's may fire 5 % early: the timer, not
        the clock, says it is slow): the status bar says it waits for the keyring."""
        if job_id in self._pending:
            self._pending[job_id] = True
            self._emit_busy()

    def send(self, handle: JobHandle, job: Job) -> None:
        """Queue the handle's job as given now (its credentials read), unless it was
        cancelled meanwhile: then nothing is sent."""
        job = replace(job, id=handle.job.id)
        self._pending.pop(job.id, None)
        if job.id not in self._handles:
            return
        handle.job = job
        self._emit_busy()
        if self._held is not None:
            self._held.append(job)
        else:
            self._queue.emit(job)

    def refuse(self, handle: JobHandle, report: ErrorReport) -> None:
        """The pending job cannot be sent (its credentials could not be read)."""
        self._pending.pop(handle.job.id, None)
        if self._handles.pop(handle.job.id, None) is not None:
            self._emit_busy()
            handle._end(FAILED, report)

    def _handle(self, job: Job) -> JobHandle:
        job = replace(job, id=next(self._ids))
        handle = JobHandle(job, self)
        self._handles[job.id] = handle
        return handle

    def cancel(self, handle: JobHandle) -> None:
        """Nothing more of this job: the worker drops it, its handle says `cancelled`."""
        self._pending.pop(handle.job.id, None)
        if self._handles.pop(handle.job.id, None) is None:
            return
        self._worker.cancel(handle.job.id)
        handle._end(CANCELLED)
        self._emit_busy()

    def cancel_loads(self) -> None:
        """Stop every load of a list (the status bar's Cancel)."""
        for handle in [h for h in self._handles.values() if h.job.action.loads]:
            self.cancel(handle)

    def loads_running(self) -> bool:
        return any(handle.job.action.loads for handle in self._handles.values())

    def waits_for_secrets(self, handle: JobHandle) -> bool:
        """Whether the job is pending (its credentials being read): neither queued by
        `send` nor ended, so not sent yet."""
        return handle.job.id in self._pending

    def running(self) -> list[JobHandle]:
        return list(self._handles.values())

    def _emit_busy(self) -> None:
        self.busy_changed.emit(
            [
                self.tr("{job}: waiting for the system keyring").format(job=handle.job.description)
                if self._pending.get(job_id, False)
                else handle.job.description
                for job_id, handle in self._handles.items()
            ]
        )

    @Slot(int, object)
    def _on_page(self, job_id: int, records: list[Any]) -> None:
        handle = self._handles.get(job_id)
        if handle is not None:
            handle._page(records)

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: Any) -> None:
        handle = self._handles.pop(job_id, None)
        if handle is not None:
            self._emit_busy()
            handle._end(FINISHED, result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, report: ErrorReport) -> None:
        handle = self._handles.pop(job_id, None)
        if handle is not None:
            self._emit_busy()
            handle._end(FAILED, report)

    def shutdown(self) -> None:
        """Stop the worker thread cleanly and at once: every call in progress is aborted
        (a payment or refund among them is then "outcome unknown": a refund is in the
        journal as `sending` and checked at the next start), every handle is cancelled."""
        for handle in self._handles.values():
            if handle.job.action.writes:
                log.warning(
                    "closing with %s in progress (job %s): aborted",
                    handle.job.action.value,
                    handle.job.id,
                )
        self._worker.abort_all()
        self._held = None
        self._pending.clear()
        handles, self._handles = list(self._handles.values()), {}
        for handle in handles:
            handle._end(CANCELLED)
        self._thread.quit()
        if not self._thread.wait(SHUTDOWN_WAIT_MS):
            log.error("the API worker did not stop in time")
        self._worker.close_clients()
