"""A random clerk, many times: random sequences of what finance staff do in the real
window (card and PayPal payments, some approved; refunds in whole or part, Refund pressed
twice; syncs; the Bills and Refunds filters; another profile and back; now and then a
fault of the sandbox on the next payment or refund, and Check now), each step followed
by the console's promises checked against the embedded sandbox's own records: nothing
paid or refunded twice or without a click, every refund one the clerk confirmed, the
tables after a sync exactly the sandbox's records their filters on screen select, an
audit row for every payment and refund asked for whose result is not untrue, no
traceback logged and no dialog left open.

CLERK_EXAMPLES and CLERK_STEPS (10 and 12 by default) make a longer search, by hand."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from console.api.channels import PAYPAL_CREDITCARD, PAYPAL_PAYPAL
from console.gui.audit_recorder import NOT_MADE_KINDS
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.gui.tables.date_presets import day_bounds_ms
from console.gui.tables.history_tab import HistoryTab
from console.sandbox.faults import Fault
from console.sandbox.store import RecordFilter, Store
from console.store import audit_log as audit
from console.store.secrets import SecretStore
from tests.gui.console_support import live_profile
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_truth import sandbox_of, sandbox_store
from tests.gui.tab_drivers import WAIT_MS, Answer, next_year

FAULTS = (
    None,
    None,
    None,
    "latency",
    "drop-before",
    "drop-after",
    "html-500",
    "busy-429",
    "gateway-504",
    "bad-json",
)
# What an outcome panel of these kinds says: the payment or refund was not made.
SAID_NOT_MADE = ("not_made", "api", "validation", *NOT_MADE_KINDS)
CHANNELS = ("", "PAYPAL", PAYPAL_CREDITCARD, PAYPAL_PAYPAL, "WX", "ALI_WEB")
PRESETS = ("any", "today", "last7", "last30", "month", "custom")
BILL_STATUSES = ("", "paid", "unpaid", "refunded")
REFUND_STATUSES = ("", "succeeded", "failed", "in_progress")
TEXTS = ("", "Clerk", "clerk 3", "CREDIT", "nothing-like-it", "00")

fault = st.sampled_from(FAULTS)
# What the clerk does while a payment or refund is on its way (held 600 ms by the sandbox).
meanwhile = st.sampled_from((None, None, "switch", "sync", "bills", "asked"))
step = st.one_of(
    st.tuples(st.just("card"), fault, meanwhile),
    st.tuples(st.just("paypal"), st.booleans(), fault, meanwhile),
    st.tuples(
        st.just("refund"), st.integers(0, 10_000), st.booleans(), st.booleans(), fault, meanwhile
    ),
    st.tuples(st.just("check")),
    st.tuples(st.just("sync"), st.sampled_from(("bills", "refunds")), fault),
    st.tuples(
        st.just("bills"),
        st.sampled_from(CHANNELS),
        st.sampled_from(BILL_STATUSES),
        st.sampled_from(PRESETS),
        st.sampled_from(TEXTS),
        st.integers(-1, 10_000),
    ),
    st.tuples(
        st.just("refunds"),
        st.sampled_from(CHANNELS),
        st.sampled_from(REFUND_STATUSES),
        st.sampled_from(PRESETS),
        st.sampled_from(TEXTS),
        st.integers(-1, 10_000),
    ),
    st.tuples(st.just("switch")),
)


@dataclass
class Clerk:
    qtbot: Any  # pytest-qt's QtBot
    window: MainWindow
    session: ConsoleSession
    sandbox_id: str
    live_id: str
    seed_bills: set[str]
    seed_refunds: set[str]
    answer: Answer = field(default_factory=Answer)
    clicked_bills: set[str] = field(default_factory=set)
    payments: int = 0
    last_refund: str | None = None
    last_bill: str | None = None

    @property
    def store(self) -> Store:
        return sandbox_store(self.session)

    def settle(self) -> None:
        """Until no call is in flight and no sync runs."""
        gateway, history = self.session.gateway, self.session.history
        self.qtbot.waitUntil(lambda: not gateway.running() and not history.syncing, timeout=WAIT_MS)

    def set_fault(self, endpoint: str, kind: str | None, meanwhile: str | None = None) -> None:
        faults = sandbox_of(self.session).faults
        faults.clear()
        if kind is None and meanwhile is not None:
            kind = "latency"
        if kind is not None:
            ms = (600 if meanwhile else 300) if kind == "latency" else 0
            faults.set(endpoint, Fault(kind, ms, count=1))

    def switch_while_asked(self, question: object) -> bool:
        """Agrees, after picking the other profile while the question is open."""
        self.answer(question)
        picker = self.window.profile_picker
        other = self.live_id if self.session.profile.id == self.sandbox_id else self.sandbox_id
        picker.setCurrentIndex(picker.findData(other))
        return True

    def meanwhile(self, what: str | None) -> None:
        """Something else done while a payment or refund is on its way."""
        if what == "switch":
            picker = self.window.profile_picker
            other = self.live_id if self.session.profile.id == self.sandbox_id else self.sandbox_id
            picker.setCurrentIndex(picker.findData(other))
        elif what == "sync":
            self.window.activateWindow()
            self.qtbot.waitUntil(self.window.isActiveWindow, timeout=WAIT_MS)
            self.window.tabs.setCurrentWidget(self.window.bills_tab)
            self.qtbot.keyClick(self.window, Qt.Key.Key_F5)
        elif what == "bills":
            self.window.tabs.setCurrentWidget(self.window.bills_tab)
            self.window.bills_tab.row_filters.set_status("paid")

    # -- New payment -----------------------------------------------------------------

    def pay(
        self, channel: str, kind: str | None, meanwhile: str | None, approve: bool = False
    ) -> None:
        window = self.window
        tab = window.payment_tab
        window.tabs.setCurrentWidget(tab)
        self.payments += 1
        tab.set_channel(channel)
        tab.amount.set_currency("USD")
        tab.amount.amount_edit.setText(f"{self.payments}.{self.payments % 100:02d}")
        tab.title_edit.setText(f"Clerk {self.payments}")
        if channel == PAYPAL_CREDITCARD:
            card = tab.card
            card.number_edit.setText("4111 1111 1111 1111")
            card.month_edit.setText("12")
            card.year_edit.setText(next_year())
            card.cvv_edit.setText("123")
            card.first_name_edit.setText("Ada")
            card.last_name_edit.setText("Lee")
        if not tab.pay_button.isEnabled():
            return
        bill_no = tab.bill_no_edit.text()
        self.set_fault("pay", kind, meanwhile)
        self.qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
        if tab.repeat_box is not None:  # like one a moment ago: not this time
            tab.repeat_box.reject()
            self.qtbot.waitUntil(lambda: tab.repeat_box is None, timeout=WAIT_MS)
            return
        if tab.submitted is None and tab.outcome.kind == "":
            return  # not sent (a bill number of unknown outcome)
        self.clicked_bills.add(bill_no)
        self.meanwhile(meanwhile)
        self.qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
        self.window.tabs.setCurrentWidget(tab)
        self.set_fault("pay", None)
        self.last_bill = bill_no
        self.payment_outcome_is_true(bill_no)
        url = tab.approval_url_edit.text()
        if approve and channel == PAYPAL_PAYPAL and url:
            answer = requests.post(
                url, data={"action": "approve"}, allow_redirects=False, timeout=10
            )
            assert answer.status_code == 303

    # -- Refund ----------------------------------------------------------------------

    def refund(
        self, pick: int, partial: bool, twice: bool, kind: str | None, meanwhile: str | None
    ) -> None:
        bills = self.store.list_bills(SANDBOX_APP_ID, RecordFilter(), 0, 1000)
        if not bills:
            return
        bill = sorted(bills, key=lambda b: b.bill_no)[pick % len(bills)]
        window, qtbot = self.window, self.qtbot
        tab = window.refund_tab
        window.tabs.setCurrentWidget(tab)
        tab.confirm = self.answer
        tab.bill_no_edit.setText(bill.bill_no)
        qtbot.mouseClick(tab.find_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: (
                tab.bill is not None
                and tab.bill.bill_no == bill.bill_no
                and tab.refunds is not None
            ),
            timeout=WAIT_MS,
        )
        self.settle()
        if not tab.refund_button.isEnabled():
            return
        if partial:
            tab.amount_input.amount_edit.setText("1")
        asked = len(self.answer.asked)
        if meanwhile == "asked":  # another profile picked while the question is open
            tab.confirm = self.switch_while_asked
        self.set_fault("refund", kind, None if meanwhile == "asked" else meanwhile)
        qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
        tab.confirm = self.answer
        if meanwhile == "asked":
            if len(self.answer.asked) > asked:
                refund_no = self.answer.asked[-1].refund_no
                self.settle()
                held = RecordFilter(refund_no=refund_no)
                assert self.store.count_refunds(SANDBOX_APP_ID, held) == 0, "sent"
                assert "Nothing was sent" in tab.lookup_status.text()
            return
        if twice:
            qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
        assert len(self.answer.asked) <= asked + 1, "one click, one question"
        if len(self.answer.asked) > asked and meanwhile is not None:
            self.meanwhile(meanwhile)
            self.settle()
            self.window.tabs.setCurrentWidget(tab)
            self.last_refund = self.answer.asked[-1].refund_no
        elif len(self.answer.asked) > asked:
            qtbot.waitUntil(lambda: tab.outcome.kind not in ("", "pending"), timeout=WAIT_MS)
            self.last_refund = self.answer.asked[-1].refund_no
        self.set_fault("refund", None)
        self.settle()
        self.refund_outcome_is_true()

    def refund_outcome_is_true(self) -> None:
        """What the Refund tab says of the refund last asked for, against the sandbox."""
        tab = self.window.refund_tab
        if self.last_refund is None or self.window.tabs.currentWidget() is not tab:
            return
        held = self.store.count_refunds(SANDBOX_APP_ID, RecordFilter(refund_no=self.last_refund))
        said = f"{tab.outcome.kind}: {tab.outcome.title.text()} {tab.outcome.body.text()}"
        if tab.outcome.kind == "success":
            assert held == 1, said
        elif tab.outcome.kind in SAID_NOT_MADE:
            assert held == 0, said

    def payment_outcome_is_true(self, bill_no: str) -> None:
        tab = self.window.payment_tab
        held = self.store.find_bill(SANDBOX_APP_ID, bill_no) is not None
        said = f"{tab.outcome.kind}: {tab.outcome.title.text()} {tab.outcome.body.text()}"
        if tab.outcome.kind == "success":
            assert held, said
        elif tab.outcome.kind in SAID_NOT_MADE:
            assert not held, said

    def check(self) -> None:
        """Check now wherever it is offered, and Check whether paid of the last PayPal
        payment: what they say is what the sandbox holds."""
        payment = self.window.payment_tab
        button = payment.paid_check_button
        if button.isVisibleTo(payment) and button.isEnabled() and self.last_bill is not None:
            self.window.tabs.setCurrentWidget(payment)
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            self.settle()
            bill = self.store.find_bill(SANDBOX_APP_ID, self.last_bill)
            said = payment.paid_check_result.text()
            if said.startswith("Paid:"):
                assert bill is not None and bill.paid, said
        for tab in (self.window.payment_tab, self.window.refund_tab):
            button = tab.check_button
            if button.isVisibleTo(tab) and button.isEnabled():
                self.window.tabs.setCurrentWidget(tab)
                self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                self.settle()
                if tab is self.window.refund_tab:
                    self.refund_outcome_is_true()
                elif self.last_bill is not None:
                    self.payment_outcome_is_true(self.last_bill)

    # -- Bills, Refunds --------------------------------------------------------------

    def filter(
        self, tab: HistoryTab, channel: str, status: str, preset: str, text: str, number: int
    ) -> None:
        """The filters set; `number` picks a record whose whole number is typed (-1: none)."""
        self.window.tabs.setCurrentWidget(tab)
        self.settle()
        tab.filters.set_channel(channel)
        if preset == "custom":
            today = date.today()
            tab.filters.dates.set_days(today - timedelta(days=number % 9), today)
        tab.filters.dates.set_preset(preset)
        typed = ""
        if number >= 0:
            if tab.spec.with_refund_no:
                views = self.store.list_refunds(SANDBOX_APP_ID, RecordFilter(), 0, 1000)
                typed = sorted(v.refund.refund_no for v in views)[number % len(views)]
            else:
                bills = self.store.list_bills(SANDBOX_APP_ID, RecordFilter(), 0, 1000)
                typed = sorted(b.bill_no for b in bills)[number % len(bills)]
        (tab.filters.refund_no if tab.spec.with_refund_no else tab.filters.bill_no).setText(typed)
        tab.filters.bill_no.setText("" if tab.spec.with_refund_no else typed)
        tab.row_filters.set_status(status or None)
        tab.row_filters.set_text(text)
        self.sync(tab)

    def sync(
        self, tab: HistoryTab | None = None, endpoint: str = "bills", kind: str | None = None
    ) -> None:
        """F5 on the table in front (Bills if none is); with a fault on one of the lists
        first, then again without."""
        window = self.window
        if tab is None:
            shown = window.tabs.currentWidget()
            tab = shown if isinstance(shown, HistoryTab) else window.bills_tab
        window.tabs.setCurrentWidget(tab)
        self.settle()
        faults = sandbox_of(self.session).faults
        faults.clear()
        if kind is not None:
            faults.set(endpoint, Fault(kind, 300 if kind == "latency" else 0, count=1))
            self.press_f5(tab)
            faults.clear()
        assert self.press_f5(tab) == "done", self.session.history.failure

    def press_f5(self, tab: HistoryTab) -> str:
        """How the sync F5 asked for ended; once done, the table is the sandbox's records
        its filters select."""
        window = self.window
        window.activateWindow()  # a window's shortcuts work while it is the active one
        self.qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
        with self.qtbot.waitSignal(tab.load_ended, timeout=WAIT_MS) as ended:
            self.qtbot.keyClick(window, Qt.Key.Key_F5)
        self.settle()
        if ended.args == ["done"]:
            self.qtbot.waitUntil(lambda: tab.model.complete, timeout=WAIT_MS)
            assert shown_rows(tab) == truth_rows(self, tab), filters_of(tab)
        return str(ended.args[0])

    def switch(self) -> None:
        picker = self.window.profile_picker
        other = self.live_id if self.session.profile.id == self.sandbox_id else self.sandbox_id
        self.settle()
        picker.setCurrentIndex(picker.findData(other))
        assert self.session.profile.id == other

    # -- the promises ----------------------------------------------------------------

    def check_promises(self) -> None:
        store = self.store
        bills = store.list_bills(SANDBOX_APP_ID, RecordFilter(), 0, 10_000)
        made = [b for b in bills if b.bill_no not in self.seed_bills]
        assert {b.bill_no for b in made} <= self.clicked_bills, "a payment without a click"
        titles = [b.title for b in made]
        assert len(titles) == len(set(titles)), f"a payment made twice: {titles}"
        views = store.list_refunds(SANDBOX_APP_ID, RecordFilter(), 0, 10_000)
        refunds = [v.refund for v in views if v.refund.refund_no not in self.seed_refunds]
        confirmed = {question.refund_no for question in self.answer.asked}
        assert {r.refund_no for r in refunds} <= confirmed, "a refund not confirmed"
        made_nos = {b.bill_no for b in made}
        refund_nos = {r.refund_no for r in refunds}
        rows = self.session.audit.log.entries()
        asked = {r.subject for r in rows if r.action == audit.PAYMENT}
        assert made_nos <= asked, "a payment without its audit row"
        assert {r.refund_no for r in refunds} <= {
            r.subject for r in rows if r.action == audit.REFUND
        }, "a refund without its audit row"
        last: dict[tuple[str, str], str] = {}
        for row in sorted(rows, key=lambda r: r.id):
            if row.action in (audit.PAYMENT, audit.PAYMENT_CHECK):
                last[(audit.PAYMENT, row.subject)] = row.result
            if row.action in (audit.REFUND, audit.REFUND_CHECK):
                last[(audit.REFUND, row.subject)] = row.result
        assert self.clicked_bills <= asked, "a payment asked for without its audit row"
        for (action, subject), result in last.items():
            held = made_nos if action == audit.PAYMENT else refund_nos
            if result == audit.OK:
                assert subject in held, f"{action} {subject} said ok, not made"
            elif result == audit.NOT_MADE or result.startswith(("refused", "failed")):
                assert subject not in held, f"{action} {subject} said {result}, made"
        for refund in refunds:
            [question] = [q for q in self.answer.asked if q.refund_no == refund.refund_no]
            assert question.bill_no == refund.bill_no
            assert question.amount.hundredths == refund.refund_fee, "not the amount confirmed"
        boxes = [
            shown
            for shown in QApplication.topLevelWidgets()
            if isinstance(shown, QDialog) and shown.isVisible()
        ]
        assert not boxes, boxes


def filters_of(tab: HistoryTab) -> str:
    return (
        f"{tab.filters.bill_no.text()} {tab.filters.refund_no.text()} "
        f"{tab.filters.channel_filter()} {tab.filters.dates.days()} "
        f"{tab.row_filters.status_key()} {tab.row_filters.text.text()!r}"
    )


def shown_rows(tab: HistoryTab) -> set[str]:
    records = tab.model.records_at(range(tab.model.rowCount()))
    key = "refund_no" if tab.spec.with_refund_no else "bill_no"
    return {getattr(record, key) for record in records}


def truth_rows(clerk: Clerk, tab: HistoryTab) -> set[str]:
    store = clerk.store
    channel = tab.filters.channel_filter()
    days = tab.filters.dates.days()
    start = end = None
    if days is not None:
        start, end = day_bounds_ms(*days)
    number = tab.filters.refund_no.text() if tab.spec.with_refund_no else ""
    bill_no = tab.filters.bill_no.text()
    if number or bill_no:
        channel, start, end = None, None, None
    status = tab.row_filters.status_key()
    words = [word.casefold() for word in tab.row_filters.text.text().split()]

    def selected(channel_of: str, created: int, texts: tuple[str, ...]) -> bool:
        if channel and not (channel_of == channel or channel_of.startswith(channel + "_")):
            return False
        if start is not None and not start <= created <= end:  # type: ignore[operator]
            return False
        return all(any(word in text.casefold() for text in (*texts, channel_of)) for word in words)

    views = store.list_refunds(SANDBOX_APP_ID, RecordFilter(), 0, 10_000)
    if tab.spec.with_refund_no:
        wanted_status = {
            None: lambda r: True,
            "succeeded": lambda r: r.finish and r.result,
            "failed": lambda r: r.finish and not r.result,
            "in_progress": lambda r: not r.finish,
        }[status]
        return {
            v.refund.refund_no
            for v in views
            if wanted_status(v.refund)
            and (not number or v.refund.refund_no == number)
            and (not bill_no or v.bill.bill_no == bill_no)
            and selected(
                v.bill.channel,
                v.refund.created_time,
                (v.refund.refund_no, v.bill.bill_no, v.bill.title),
            )
        }
    refunded = {v.bill.bill_no for v in views if v.refund.finish and v.refund.result}
    bill_status = {
        None: lambda b: True,
        "paid": lambda b: b.paid,
        "unpaid": lambda b: not b.paid,
        "refunded": lambda b: b.bill_no in refunded,
    }[status]
    bills = store.list_bills(SANDBOX_APP_ID, RecordFilter(), 0, 10_000)
    return {
        b.bill_no
        for b in bills
        if bill_status(b)
        and (not bill_no or b.bill_no == bill_no)
        and selected(b.channel, b.created_time, (b.bill_no, b.title))
    }


@contextmanager
def console(qtbot) -> Iterator[Clerk]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        session = ConsoleSession(
            Settings.in_file(path / "settings.ini"),
            path,
            SecretStore(MemoryKeyring()),
            demo_bills=40,
        )
        session.activate("sandbox")
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        try:
            sandbox_id = session.profile.id
            live = live_profile(
                session,
                "Shop",
                (sandbox_of(session).base_url,),
                read_timeout=1.0,
                connect_timeout=0.2,
            )
            session.activate(sandbox_id)
            store = sandbox_store(session)
            seed_bills = {
                b.bill_no for b in store.list_bills(SANDBOX_APP_ID, RecordFilter(), 0, 10_000)
            }
            seed_refunds = {
                v.refund.refund_no
                for v in store.list_refunds(SANDBOX_APP_ID, RecordFilter(), 0, 10_000)
            }
            yield Clerk(qtbot, window, session, sandbox_id, live.id, seed_bills, seed_refunds)
        finally:
            sandbox_of(session).faults.clear()
            window.close()
            session.shutdown()


@settings(
    max_examples=int(os.environ.get("CLERK_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(step, min_size=1, max_size=int(os.environ.get("CLERK_STEPS", "12"))))
def test_a_random_clerk_breaks_no_promise(qtbot, caplog, browser, steps) -> None:
    """(`browser` catches the PayPal approval pages the console opens.)"""
    run_steps(qtbot, caplog, steps)


def run_steps(qtbot, caplog, steps) -> None:
    caplog.clear()
    with caplog.at_level(logging.WARNING), console(qtbot) as clerk:
        for taken in steps:
            kind, *args = taken
            if kind == "card":
                clerk.pay(PAYPAL_CREDITCARD, *args)
            elif kind == "paypal":
                clerk.pay(PAYPAL_PAYPAL, args[1], args[2], approve=args[0])
            elif kind == "refund":
                clerk.refund(*args)
            elif kind == "check":
                clerk.check()
            elif kind == "sync":
                clerk.sync(None, *args)
            elif kind == "bills":
                clerk.filter(clerk.window.bills_tab, *args)
            elif kind == "refunds":
                clerk.filter(clerk.window.refunds_tab, *args)
            elif kind == "switch":
                clerk.switch()
            clerk.settle()
            clerk.check_promises()
        tracebacks = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
        assert not tracebacks, [r.getMessage() for r in tracebacks]
