"""Syncs while bills are being made: the Bills tab lists each bill once, and the
Overview's totals are the sums of the sandbox's own database for the same range
(the first day's midnight to the end of the synced range: the moment the sync's walk
began), however the pages shift under the walk."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID
from console.gui.tables.date_presets import day_bounds_ms
from console.sandbox.faults import Fault
from console.store.mirror import BILLS
from tests.gui.sandbox_truth import embedded_sandbox_client, sandbox_of
from tests.gui.tab_drivers import column, show_tab
from tests.sandbox_support import card_payment

TIMEOUT = 30_000
FIRST_DAY = date.today() - timedelta(days=400)


class PayingLoop:
    """Another client paying by card in a loop on the embedded sandbox (real HTTP)."""

    def __init__(self, window: MainWindow) -> None:
        self.client = embedded_sandbox_client(window.session)
        self.stop = threading.Event()
        self.made = 0
        self.news = threading.Condition()
        self.failure: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            while not self.stop.is_set():
                self.client.pay(card_payment(f"loop{self.made + 1:08d}"))
                with self.news:
                    self.made += 1
                    self.news.notify_all()
        except BaseException as error:
            self.failure = error

    def finish(self) -> int:
        """Stop paying (before the window closes: pytest-qt closes it before the fixtures
        end); how many bills were made."""
        self.stop.set()
        self.thread.join(TIMEOUT / 1000)
        self.client.close()
        assert self.failure is None, self.failure
        return self.made

    def wait_for(self, count: int) -> None:
        with self.news:
            assert self.news.wait_for(lambda: self.made >= count, TIMEOUT / 1000)


@pytest.fixture
def paying(window: MainWindow) -> Iterator[PayingLoop]:
    """Bills are made all along; each page of a list takes 80 ms more to come."""
    sandbox_of(window.session).faults.set("bills", Fault("latency", 80))
    sandbox_of(window.session).faults.set("refunds", Fault("latency", 80))
    loop = PayingLoop(window)
    loop.thread.start()
    loop.wait_for(3)
    yield loop
    loop.finish()


def sandbox_sums(window: MainWindow, start: int, end: int) -> dict[str, tuple[int, int, int, int]]:
    """Per currency ('' for none): paid bills and their amount, successful refunds and
    theirs, created from start to end (inclusive), read from the sandbox's database."""
    path = sandbox_of(window.session).db_path
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        bills = db.execute(
            "SELECT COALESCE(currency, ''), COUNT(*), SUM(total_fee) FROM bills "
            "WHERE app_id = ? AND paid = 1 AND created_time BETWEEN ? AND ? GROUP BY 1",
            (SANDBOX_APP_ID, start, end),
        ).fetchall()
        refunds = db.execute(
            "SELECT COALESCE(b.currency, ''), COUNT(*), SUM(r.refund_fee) FROM refunds r "
            "JOIN bills b ON b.app_id = r.app_id AND b.bill_no = r.bill_no "
            "WHERE r.app_id = ? AND r.finish = 1 AND r.result = 1 "
            "AND r.created_time BETWEEN ? AND ? GROUP BY 1",
            (SANDBOX_APP_ID, start, end),
        ).fetchall()
    sums: dict[str, list[int]] = {}
    for currency, count, amount in bills:
        sums.setdefault(currency, [0, 0, 0, 0])[0:2] = [count, amount]
    for currency, count, amount in refunds:
        sums.setdefault(currency, [0, 0, 0, 0])[2:4] = [count, amount]
    return {currency: (a, b, c, d) for currency, (a, b, c, d) in sums.items()}


def test_the_bills_tab_lists_each_bill_once_while_bills_are_made(
    window: MainWindow, paying: PayingLoop, qtbot
) -> None:
    tab = show_tab(window, window.bills_tab, qtbot)
    listed = column(tab, "bill_no")
    assert paying.finish() > 10, "bills were made during the sync"
    assert len(listed) == len(set(listed)), "no bill listed twice"
    through = synced_through(window, BILLS)
    path = sandbox_of(window.session).db_path
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        (made_before,) = db.execute(
            "SELECT COUNT(*) FROM bills WHERE app_id = ? AND created_time <= ?",
            (SANDBOX_APP_ID, through),
        ).fetchone()
    assert len(listed) == made_before, "every bill made before the walk, none after"


def synced_through(window: MainWindow, kind: str) -> int:
    synced = window.session.history.mirror.synced(kind)
    assert synced is not None
    return synced.through_ms


def test_the_overviews_totals_are_the_sandboxs_sums_while_bills_are_made(
    window: MainWindow, paying: PayingLoop, qtbot
) -> None:
    tab = window.overview_tab
    tab.show_range(FIRST_DAY, date.today())
    with qtbot.waitSignal(window.session.history.sync_ended, timeout=TIMEOUT):
        window.tabs.setCurrentWidget(tab)  # its first showing syncs
    assert paying.finish() > 10
    start, _ = day_bounds_ms(FIRST_DAY, date.today())
    expected = sandbox_sums(window, start, synced_through(window, BILLS))
    shown = {
        currency: (totals.paid_count, totals.paid, totals.refund_count, totals.refunded)
        for currency, totals in tab.overview.totals.items()
    }
    assert shown == expected
