"""The main window on the embedded sandbox: environment band, tabs, worker."""

from __future__ import annotations

from console.api.models import BillQuery
from console.gui.jobs import ALL_BILLS
from console.gui.main_window import MainWindow


def test_the_sandbox_band_is_shown(window: MainWindow) -> None:
    assert window.band.isVisible()
    assert "SANDBOX" in window.band.text()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "New payment",
        "Refund",
        "Bills",
        "Refunds",
        "Audit",
    ]


def test_a_job_runs_in_the_worker_and_answers_with_signals(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    gateway = window.session.gateway
    pages: list[int] = []
    gateway.page.connect(lambda job, records: pages.append(len(records)))
    with qtbot.waitSignal(gateway.finished, timeout=10_000) as finished:
        window.session.submit("bills", ALL_BILLS, BillQuery(), "Loading bills")
    job, total = finished.args
    assert job.topic == "bills" and total == sum(pages) == 120
    assert pages == [50, 50, 20]


def test_a_superseded_query_is_dropped(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    gateway = window.session.gateway
    seen: list[int] = []
    gateway.finished.connect(lambda job, result: seen.append(job.id))
    first = window.session.submit("bills", ALL_BILLS, BillQuery(), "first")
    with qtbot.waitSignal(gateway.finished, timeout=10_000):
        second = window.session.submit("bills", ALL_BILLS, BillQuery(channel="PAYPAL"), "second")
    assert first is not None and second is not None
    assert seen == [second.id]
