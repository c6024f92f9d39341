"""The one background worker that owns the API client, and the GUI-side gateway to it.

The GUI thread prepares a Job (secret read, numbers made) and submits it to the
ApiGateway. The ApiWorker, living in its own QThread, signs, sends and parses,
and answers with signals. A paged query is fetched one page per turn of the
worker's event loop, so a refund queued meanwhile is not stuck behind it, and a
cancelled or superseded query stops at the next page.
"""

from __future__ import annotations

import itertools
import logging
import threading
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from console.api.client import BeeCloudClient
from console.api.paging import PAGE_SIZE
from console.gui.jobs import (
    ALL_BILLS,
    PAGED_ACTIONS,
    Credentials,
    ErrorReport,
    Job,
    report_for,
)

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 30_000


class ApiWorker(QObject):
    """Runs jobs in its own thread; one client per set of credentials."""

    page = Signal(object, object)  # Job, list of records of one page
    finished = Signal(object, object)  # Job, result (for a paged job: the record count)
    failed = Signal(object, object)  # Job, ErrorReport

    def __init__(self) -> None:
        super().__init__()
        self._clients: dict[Credentials, BeeCloudClient] = {}
        self._cancelled: set[int] = set()
        self._lock = threading.Lock()

    def cancel(self, job_id: int) -> None:
        """Thread-safe: the job stops at its next page, and its answer is dropped."""
        with self._lock:
            self._cancelled.add(job_id)

    def is_cancelled(self, job_id: int) -> bool:
        with self._lock:
            return job_id in self._cancelled

    def _client(self, credentials: Credentials) -> BeeCloudClient:
        client = self._clients.get(credentials)
        if client is None:
            client = BeeCloudClient(
                credentials.app_id,
                credentials.secret,
                credentials.hosts,
                connect_timeout=credentials.connect_timeout,
                read_timeout=credentials.read_timeout,
                ca_bundle=credentials.ca_bundle,
                shuffle=credentials.shuffle_hosts,
            )
            self._clients[credentials] = client
        return client

    @Slot(object)
    def run(self, job: Job) -> None:
        if self.is_cancelled(job.id):
            return
        if job.action in PAGED_ACTIONS:
            self._next_page(job, replace(job.request, limit=PAGE_SIZE), 0)
            return
        try:
            result = getattr(self._client(job.credentials), job.action)(job.request)
        except Exception as error:  # every failure becomes a report, never a traceback
            self._fail(job, error)
        else:
            self.finished.emit(job, result)

    def _next_page(self, job: Job, query: Any, loaded: int) -> None:
        if self.is_cancelled(job.id):
            return
        client = self._client(job.credentials)
        fetch = client.query_bills if job.action == ALL_BILLS else client.query_refunds
        try:
            records = fetch(query)
        except Exception as error:
            self._fail(job, error)
            return
        loaded += len(records)
        if records:
            self.page.emit(job, records)
        if len(records) < query.limit:
            self.finished.emit(job, loaded)
            return
        following = replace(query, skip=query.skip + query.limit)
        QTimer.singleShot(0, self, lambda: self._next_page(job, following, loaded))

    def _fail(self, job: Job, error: Exception) -> None:
        report = report_for(error)
        if report.kind == "unexpected":
            log.exception("job %s (%s) failed unexpectedly", job.id, job.action)
        else:
            log.warning("job %s (%s) failed: %s", job.id, job.action, report.title)
        self.failed.emit(job, report)

    @Slot()
    def close_clients(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()


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
        """Stop the worker thread cleanly: pending queries are cancelled, a call
        already on the wire is allowed to finish (bounded by its timeouts)."""
        for job_id in list(self._in_flight):
            job = self._in_flight[job_id]
            if job.action in PAGED_ACTIONS or job.action.startswith("find"):
                self._worker.cancel(job_id)
        self._thread.quit()
        if not self._thread.wait(SHUTDOWN_WAIT_MS):
            log.error("the API worker did not stop in time")
        self._worker.close_clients()
