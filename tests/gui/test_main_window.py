"""The main window on the embedded sandbox: environment band, tabs, worker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from console.api.models import BillQuery, now_ms
from console.gui.jobs import ALL_BILLS
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile
from console.gui.settings import WINDOW_TAB
from console.store.mirror import BILLS
from console.store.mirror_file import mirror_path
from tests.gui.conftest import Said
from tests.gui.console_support import window_last_on
from tests.gui.records_support import bill


def test_the_sandbox_band_is_shown(window: MainWindow) -> None:
    assert window.band.isVisible()
    assert "SANDBOX" in window.band.text()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "New payment",
        "Refund",
        "Bills",
        "Refunds",
        "Overview",
        "Audit",
    ]


def test_a_job_runs_in_the_worker_and_answers_on_its_handle(window: MainWindow, qtbot) -> None:
    pages: list[int] = []
    handle = window.session.submit(ALL_BILLS, BillQuery(), "Loading bills")
    handle.page.connect(lambda records: pages.append(len(records)))
    with qtbot.waitSignal(handle.finished, timeout=10_000) as finished:
        pass
    assert finished.args == [sum(pages)] and sum(pages) == 120
    assert pages == [50, 50, 20]
    assert handle.state == "finished" and not handle.running


def test_a_cancelled_job_says_so_and_answers_nothing_more(window: MainWindow, qtbot) -> None:
    answers: list[object] = []
    first = window.session.submit(ALL_BILLS, BillQuery(), "first")
    first.page.connect(answers.append)
    first.finished.connect(answers.append)
    second = window.session.submit(ALL_BILLS, BillQuery(channel="PAYPAL"), "second")
    with qtbot.waitSignal(first.cancelled, timeout=1_000):
        first.cancel()  # superseded by its owner
    with qtbot.waitSignal(second.finished, timeout=10_000):
        pass
    assert answers == [] and first.state == "cancelled"


def test_only_the_tab_it_opens_on_is_built_at_first(session, qtbot) -> None:
    """Tabs are built when first shown or asked for: a start builds one, not six."""
    from console.gui.tabs.bills_tab import BillsTab
    from console.gui.tabs.refunds_tab import RefundsTab

    window = window_last_on(session, qtbot, "bills")  # closed last on Bills
    assert [type(tab) for tab in window.built_tabs()] == [BillsTab]
    assert window.tabs.currentWidget() is window.bills_tab
    refunds = window.refunds_tab  # asked for while hidden: built, in its place, not shown
    assert isinstance(refunds, RefundsTab) and window.tabs.indexOf(refunds) == 3
    assert window.tabs.currentWidget() is window.bills_tab and len(window.built_tabs()) == 2
    window.tabs.setCurrentIndex(5)  # shown: built
    assert window.tabs.currentWidget() is window.audit_tab and len(window.built_tabs()) == 3
    assert [window.tabs.tabText(i) for i in range(6)] == [
        "New payment",
        "Refund",
        "Bills",
        "Refunds",
        "Overview",
        "Audit",
    ]


def test_a_window_opened_on_a_tab_builds_that_tab_alone(session, qtbot) -> None:
    """`--tab bills` on a console closed last on New payment (or never closed: a first
    start) built New payment first, its modules and widgets, then showed Bills."""
    from console.gui.tabs.bills_tab import BillsTab

    session.settings.put(WINDOW_TAB, "payment")
    window = MainWindow(session, tab="bills")
    qtbot.addWidget(window)
    assert [type(tab) for tab in window.built_tabs()] == [BillsTab]
    assert window.tabs.currentWidget() is window.bills_tab


def test_the_tab_open_at_close_is_opened_again_by_name(session, qtbot) -> None:
    from console.gui.tabs.audit_tab import AuditTab

    first = MainWindow(session)
    qtbot.addWidget(first)
    first.show_tab("audit")
    first.close()
    assert session.settings.get(WINDOW_TAB) == "audit"
    again = MainWindow(session)
    qtbot.addWidget(again)
    assert [type(tab) for tab in again.built_tabs()] == [AuditTab]


@pytest.mark.parametrize("saved", ["4", "nonsense", ""])
def test_a_tab_the_console_does_not_have_opens_the_first(session, qtbot, saved: str) -> None:
    window = window_last_on(session, qtbot, saved)
    assert window.tabs.currentWidget() is window.payment_tab


def test_what_is_asked_for_before_the_first_paint_starts_after_it(session, qtbot) -> None:
    """A start paints the rows the history holds before its sync begins: jobs asked for
    before the window's first paint (the sync at start) wait for it."""
    session.history.mirror.put_bills([bill(1)], now_ms())  # synced before, at least in part
    window = MainWindow(session)
    qtbot.addWidget(window)
    pages: list[int] = []
    handle = session.submit(ALL_BILLS, BillQuery(), "Loading bills")
    handle.page.connect(lambda records: pages.append(len(records)))
    qtbot.wait(300)  # not painted yet: held
    assert handle.running and session.gateway.holding and pages == []
    with qtbot.waitSignal(handle.finished, timeout=10_000):
        window.show()
    assert not session.gateway.holding and sum(pages) == 120


def test_with_an_empty_history_the_sync_at_start_is_not_held(session, qtbot) -> None:
    """With nothing in the history to paint, the first rows a clerk sees are the server's:
    the sync at start goes to the worker at once, while the window is built and painted."""
    window = window_last_on(session, qtbot, "bills")
    assert session.gateway.holding  # nothing asked for yet
    window.show()  # the Bills tab shown: the sync at start asked for; no paint yet
    assert session.history.syncing and not session.gateway.holding


def test_with_a_history_to_paint_the_sync_at_start_waits_for_the_paint(session, qtbot) -> None:
    session.history.mirror.put_bills([bill(1)], now_ms())
    window = window_last_on(session, qtbot, "bills")
    window.show()
    assert session.history.syncing and session.gateway.holding
    with qtbot.waitSignal(session.history.sync_ended, timeout=10_000):
        pass  # painted, then synced


def test_a_start_on_a_tab_without_the_history_does_not_open_it(session, qtbot) -> None:
    """The New payment tab shows no history: a start on it reads none."""
    window = window_last_on(session, qtbot, "payment")
    window.show()
    assert not mirror_path(session.data_dir, session.profile.id).exists()


@pytest.mark.parametrize("tab", ["payment", "refund", "audit"])
def test_a_start_on_a_tab_without_a_list_syncs_the_history_once_painted(
    session, qtbot, tab: str
) -> None:
    """The sync at start does not wait for a list to be shown: a start on New payment (a
    first start's tab), Refund or Audit syncs once the window is painted, and the status
    bar says when the history was synced."""
    window = window_last_on(session, qtbot, tab)
    with qtbot.waitSignal(session.history.sync_ended, timeout=10_000) as ended:
        window.show()
    assert ended.args == ["done"]
    assert session.history.mirror.count(BILLS) == 120
    qtbot.waitUntil(lambda: window.history_label.text().startswith("History as of"), timeout=5_000)
    assert window.history_label.text().endswith(": 120 bills, 17 refunds")


def test_the_status_bar_says_what_the_history_holds_on_any_tab(session, qtbot) -> None:
    """A start on New payment shows no list, and does not read the history before its
    first paint; the status bar says what the history holds once the window is up (here
    before its sync at start, which is kept from starting)."""
    session.history.mirror.put_bills([bill(1), bill(2)], now_ms())
    session.history.tried.add(session.profile.id)
    window = window_last_on(session, qtbot, "payment")
    window.show()
    qtbot.waitUntil(lambda: window.history_label.text() != "", timeout=5_000)
    assert window.history_label.text() == "History: 2 bills, 0 refunds, not yet synced"


def test_no_label_reads_a_name_or_a_title_as_markup(window: MainWindow, qtbot) -> None:
    """Qt reads a label's text as rich text when it looks like markup: a profile named
    (or a bill titled) `<img src=/dev/zero>` froze the console for good, Qt reading the
    "image" without end. Every label and message box shows such text as it is."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMessageBox

    from console.gui.profiles_dialog import ProfilesDialog
    from tests.gui.console_support import live_profile

    session = window.session
    assert session.sandbox is not None
    marked = "<b>Shop</b>"
    profile = live_profile(session, marked, (session.sandbox.base_url,))
    window.show()
    dialog = ProfilesDialog(session, window)
    qtbot.addWidget(dialog)
    dialog.select(profile.id)
    boxes = [dialog.remove_question(profile)]
    labels = [*window.findChildren(QLabel), *dialog.findChildren(QLabel)]
    showing = [label for label in labels if marked in label.text()]
    assert len(showing) >= 2, "the band and the dialog's heading name the profile"
    for label in showing:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    for box in boxes:
        assert marked in box.text() and box.textFormat() == Qt.TextFormat.PlainText
    assert isinstance(boxes[0], QMessageBox)


def test_a_payment_left_unanswered_is_checked_whatever_tab_the_console_opens_on(
    session, qtbot, announced: list[Said]
) -> None:
    """The New payment tab took it up only once it was opened: a clerk who started on
    Bills or Refund was told nothing."""
    from console.store.audit_log import PAYMENT, REQUESTED, AuditLog
    from tests.clock_support import moment_ago

    older, bill_no = "BC20261205115900LEFT0000", "BC20261205120000LEFT0001"
    a_minute_ago = moment_ago(60_000)  # their requests cannot reach BeeCloud any more
    writer = AuditLog(session.audit.log.database, clock=lambda: a_minute_ago)
    for left in (older, bill_no):
        writer.append(
            profile_id=session.profile.id,
            profile_name=session.profile.name,
            action=PAYMENT,
            subject=left,
            result=REQUESTED,
            amount=1250,
            currency="USD",
            detail_params={"channel": "PAYPAL_CREDITCARD", "title": "Order 1", "card": ""},
        )
    window = window_last_on(session, qtbot, "bills")
    window.show()
    qtbot.waitUntil(lambda: "payment" in window._built, timeout=10_000)
    payments = window.payment_tab
    qtbot.waitUntil(lambda: payments.results.unknown is not None, timeout=10_000)
    assert window.tabs.currentWidget() is window.bills_tab  # not taken from the clerk
    unknown = payments.results.unknown
    assert unknown is not None and unknown.bill_no == bill_no
    qtbot.waitUntil(lambda: "does not exist" in payments.check_result.text(), timeout=10_000)
    told = window.statusBar().currentMessage()
    assert f"Bill {bill_no} and 1 other payment had no answer" in told and "New payment" in told
    # said to a screen reader; the New payment tab, out of sight, says nothing
    assert [said.text for said in announced] == [told]
    qtbot.waitUntil(lambda: "does not exist" in payments.results.others_result.text())
    assert older in payments.results.others_result.text()
    window.tabs.setCurrentWidget(payments)  # what it pointed to is in front: it goes
    assert bill_no not in window.statusBar().currentMessage()


def leave_a_payment_unanswered(session, profile: Profile) -> None:
    """A card payment requested through the profile a minute ago, no answer written."""
    from console.store.audit_log import PAYMENT, REQUESTED, AuditLog
    from tests.clock_support import moment_ago

    a_minute_ago = moment_ago(60_000)
    AuditLog(session.audit.log.database, clock=lambda: a_minute_ago).append(
        profile_id=profile.id,
        profile_name=profile.name,
        action=PAYMENT,
        subject="BC20261205120000LEFT0002",
        result=REQUESTED,
        amount=1250,
        currency="USD",
        detail_params={"channel": "PAYPAL_CREDITCARD", "title": "Order 1", "card": ""},
    )


@pytest.mark.parametrize("tab", ["payment", "bills"])
def test_a_payment_another_profile_left_unanswered_is_named_at_start(
    session, qtbot, announced: list[Said], tab: str
) -> None:
    """A payment left without an answer through a profile not in use at the next start
    was asked about only once that profile was chosen: nothing said so, and a week
    unchosen it was never asked about. The status bar names the profile at start."""
    from tests.gui.console_support import live_profile

    shop = live_profile(session, "Shop", (session.sandbox.base_url,))
    live_profile(session, "Shop 2", (session.sandbox.base_url,))  # left nothing
    session.activate("sandbox")
    leave_a_payment_unanswered(session, shop)
    window = window_last_on(session, qtbot, tab)
    window.show()
    want = "1 payment through “Shop” had no answer when the console last closed"
    qtbot.waitUntil(lambda: want in window.statusBar().currentMessage(), timeout=10_000)
    told = window.statusBar().currentMessage()
    assert "choose that profile" in told and "Shop 2" not in told
    assert told in [said.text for said in announced]
    assert session.profile.id == "sandbox"  # nothing chosen for the clerk


def test_why_the_profile_in_use_left_stays_in_the_status_bar(
    session, qtbot, announced: list[Said]
) -> None:
    """The profile in use removed in another console: the status bar said why the console
    was back on the sandbox, and at once put in its place another profile's payment left
    unanswered, said at start already: it was said again at every switch of profile."""
    from tests.gui.console_support import live_profile

    shop = live_profile(session, "Shop", (session.sandbox.base_url,))
    outlet = live_profile(session, "Outlet", (session.sandbox.base_url,))
    leave_a_payment_unanswered(session, shop)
    window = window_last_on(session, qtbot, "bills")
    window.show()
    left = "1 payment through “Shop” had no answer when the console last closed"
    qtbot.waitUntil(lambda: left in window.statusBar().currentMessage(), timeout=10_000)
    session.profiles.remove(outlet.id)  # another console's Remove
    session.follow_settings(outlet.id)
    why = (
        "The profile “Outlet” has been removed in another console. "
        "The console is back on the practice sandbox."
    )
    assert window.statusBar().currentMessage() == why
    after_the_switch: list[bool] = []
    QTimer.singleShot(0, lambda: after_the_switch.append(True))  # after what it queued
    qtbot.waitUntil(lambda: bool(after_the_switch))
    assert window.statusBar().currentMessage() == why
    assert [said.text for said in announced].count(window.statusBar().currentMessage()) == 1


def test_an_answer_that_comes_while_another_tab_is_in_front_is_told_in_the_status_bar(
    window: MainWindow, qtbot, truth
) -> None:
    """Pay (or Refund), then a look at Bills while the answer was on its way: the answer
    came to a tab out of sight, and nothing said it had come, nor how it ended."""
    from console.sandbox.faults import Fault
    from tests.gui.sandbox_bills import paid_bill
    from tests.gui.sandbox_truth import sandbox_of
    from tests.gui.tab_drivers import WAIT_MS, Answer, fill_card, find

    faults = sandbox_of(window.session).faults
    payments = window.payment_tab
    window.tabs.setCurrentWidget(payments)
    fill_card(payments)
    bill_no = payments.bill_no_edit.text()
    faults.set("pay", Fault("latency", 300, count=1))
    payments.pay_button.click()
    window.tabs.setCurrentWidget(window.bills_tab)
    qtbot.waitUntil(lambda: payments.submitted is None, timeout=WAIT_MS)
    told = window.statusBar().currentMessage()
    assert told.startswith("New payment: ") and bill_no in told and "Paid" in told, told

    refunds = window.refund_tab
    refunds.confirm = Answer()
    window.tabs.setCurrentWidget(refunds)
    find(qtbot, refunds, paid_bill(truth))
    faults.set("refund", Fault("latency", 300, count=1))
    refunds.refund_button.click()
    window.tabs.setCurrentWidget(window.bills_tab)
    qtbot.waitUntil(lambda: refunds.outcome.kind not in ("", "pending"), timeout=WAIT_MS)
    # taken by BeeCloud, then read made: the status bar says it as the panel does (it
    # stayed at "accepted" beside a panel saying "done")
    qtbot.waitUntil(lambda: not refunds.outcomes.is_reading(), timeout=WAIT_MS)
    told = window.statusBar().currentMessage()
    assert told.startswith("Refund: ") and refunds.outcome.title.text() in told, told
    assert told.endswith(" done"), told

    window.tabs.setCurrentWidget(payments)  # in front when it comes: the tab says it
    window.statusBar().clearMessage()
    fill_card(payments)
    payments.pay_button.click()
    qtbot.waitUntil(lambda: payments.submitted is None, timeout=WAIT_MS)
    assert not window.statusBar().currentMessage().startswith("New payment: ")
