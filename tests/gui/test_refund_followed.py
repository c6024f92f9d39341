"""A refund BeeCloud took and answered "in progress", followed on the Refund tab: the
history (a sync, or the Refunds tab's own reads) that brings it done or refused says so
in the answer panel, as the payment waiting for its payer is said paid by a sync.
Driven through the real window against the embedded sandbox."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.api.client import BeeCloudClient
from console.gui.gateway import JobHandle
from console.gui.jobs import FIND_REFUND, Action
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile
from console.gui.session import ConsoleSession
from console.gui.tabs.refund_tab import RefundTab
from console.sandbox import service as sandbox_service
from console.sandbox.faults import Fault
from console.sandbox.store import Refund as SandboxRefund
from tests.gui.sandbox_bills import paid_bill
from tests.gui.sandbox_truth import sandbox_of, sandbox_store
from tests.gui.tab_drivers import (
    WAIT_MS,
    Answer,
    answer_of,
    click_refund,
    find,
    search,
    show_tab,
    synced_at_start,
    type_in,
)


@pytest.fixture
def tab(window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch) -> RefundTab:
    """The Refund tab, the sync at start done, and a sandbox that takes each refund
    (answers 0) and lists it unfinished, as a gateway whose PayPal has not made it yet."""

    def taken(**fields: Any) -> SandboxRefund:
        return SandboxRefund(**{**fields, "finish": False, "result": False})

    monkeypatch.setattr(sandbox_service, "Refund", taken)
    window.tabs.setCurrentWidget(window.refund_tab)
    window.refund_tab.confirm = Answer()
    synced_at_start(window, qtbot)
    return window.refund_tab


def refund_in_progress(qtbot, tab: RefundTab, truth: BeeCloudClient, hundredths: int) -> str:
    """A bill paid and refunded whole; the panel says its refund is in progress. Its
    refund_no."""
    find(qtbot, tab, paid_bill(truth, hundredths))
    # (not click_refund: "in progress", as "Sending…", is a pending panel; it waited for
    # the "accepted" between the two, which a busy machine may never see)
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "in progress" in tab.outcome.title.text(), timeout=WAIT_MS)
    refund_no = answer_of(tab).asked[-1].refund_no
    return str(refund_no)


def finish_in_sandbox(session: ConsoleSession, refund_no: str, succeeded: bool) -> None:
    """PayPal makes (or refuses) the refund, far from the console."""
    with sqlite3.connect(sandbox_store(session).path) as sandbox:
        changed = sandbox.execute(
            "UPDATE refunds SET finish = 1, result = ? WHERE refund_no = ?",
            (int(succeeded), refund_no),
        ).rowcount
    sandbox.close()
    assert changed == 1


def sync(qtbot, session: ConsoleSession) -> None:
    history = session.history
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)  # the one after the refund
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
        history.sync()


def reads_ended(session: ConsoleSession) -> list[str]:
    """The refund_no of every refund read (FIND_REFUND) whose job has ended, from now on."""
    ended: list[str] = []
    submit = session.submit

    def recording(action: Action, request: object, description: str) -> JobHandle:
        handle = submit(action, request, description)
        if action is FIND_REFUND:
            handle.ended.connect(lambda: ended.append(str(request)))
        return handle

    session.submit = recording  # type: ignore[method-assign]  # a hook tests replace
    return ended


def refund_checks(session: ConsoleSession, refund_no: str) -> list[tuple[str, str]]:
    return [
        (entry.result, entry.detail)
        for entry in reversed(session.audit.log.entries())
        if entry.action == "refund_check" and entry.subject == refund_no
    ]


def test_a_refund_in_progress_a_sync_brings_done_is_said_done(
    qtbot, tab: RefundTab, truth: BeeCloudClient
) -> None:
    """The panel said "in progress" for good, beside a Refunds tab saying Succeeded."""
    session = tab.session
    refund_no = refund_in_progress(qtbot, tab, truth, 2000)
    finish_in_sandbox(session, refund_no, succeeded=True)
    sync(qtbot, session)
    qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {refund_no} of USD 20.00 done"
    entry = session.reconciler.entry(refund_no)
    assert entry is not None and entry.state == "done"
    in_progress = ("in progress", f"bill {entry.bill_no}: BeeCloud has not finished it")
    assert refund_checks(session, refund_no) == [  # the read at once, then the sync's
        in_progress,
        ("ok", f"bill {entry.bill_no}: the refund was made"),
    ]
    sync(qtbot, session)  # said once, not at each sync
    assert len(refund_checks(session, refund_no)) == 2


def test_a_refund_in_progress_a_sync_brings_refused_is_said_refused_its_bill_free_again(
    qtbot, tab: RefundTab, truth: BeeCloudClient
) -> None:
    session = tab.session
    refund_no = refund_in_progress(qtbot, tab, truth, 2000)
    assert not tab.refund_button.isEnabled()  # in progress: it counts
    finish_in_sandbox(session, refund_no, succeeded=False)
    sync(qtbot, session)
    qtbot.waitUntil(lambda: tab.outcome.kind == "api", timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {refund_no} was refused"
    assert "nothing was refunded" in tab.outcome.body.text()
    assert "can be refunded again" in tab.outcome.body.text()
    # A refused refund does not count (NOTES.md): its bill is read again, and free.
    qtbot.waitUntil(lambda: tab.refund_hint.text() == "Amount: Enter an amount.", timeout=WAIT_MS)
    assert tab.amount_input.amount_edit.isEnabled()
    status = tab.history_table.item(0, 3)
    assert status is not None and status.text() == "Refused"
    entry = session.reconciler.entry(refund_no)
    assert entry is not None
    assert refund_checks(session, refund_no) == [  # the read at once, then the sync's
        ("in progress", f"bill {entry.bill_no}: BeeCloud has not finished it"),
        ("refused", f"bill {entry.bill_no}: the refund was refused"),
    ]


def test_a_refunds_tab_find_that_brings_it_done_says_it_done(
    qtbot, window: MainWindow, tab: RefundTab, truth: BeeCloudClient
) -> None:
    """Not only a sync: the Refunds tab's own reads keep what they find in the history."""
    session = tab.session
    refund_no = refund_in_progress(qtbot, tab, truth, 2500)
    finish_in_sandbox(session, refund_no, succeeded=True)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    refunds_tab = show_tab(window, window.refunds_tab, qtbot)
    type_in(qtbot, refunds_tab.filters.refund_no, refund_no)
    search(refunds_tab, qtbot)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {refund_no} of USD 25.00 done"


def test_another_profiles_history_does_not_settle_it(
    qtbot, tab: RefundTab, truth: BeeCloudClient
) -> None:
    """A profile of the same app (its history lists the same refunds) is in use when the
    sync brings the refund done: nothing is said of it through that profile; back on its
    own, the next sync says it done."""
    session = tab.session
    own = session.profile
    refund_no = refund_in_progress(qtbot, tab, truth, 2000)
    assert session.sandbox is not None
    twin = Profile.new_live("Twin", own.app_id, (session.sandbox.base_url,))
    session.profiles.save(twin)
    session.secrets.set(twin.id, session.credentials().secret)
    session.activate(twin.id)
    finish_in_sandbox(session, refund_no, succeeded=True)
    sync(qtbot, session)
    assert session.profile.id == twin.id
    listed = session.history.listed_refund(refund_no)
    assert listed is not None and listed.succeeded  # the twin's history has it done
    assert tab.outcome.title.text().endswith("is in progress")
    assert [result for result, _ in refund_checks(session, refund_no)] == ["in progress"]
    session.activate(own.id)
    sync(qtbot, session)
    qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {refund_no} of USD 20.00 done"
    assert [result for result, _ in refund_checks(session, refund_no)] == ["in progress", "ok"]


def test_a_refund_of_unknown_outcome_checked_in_progress_is_settled_by_a_sync(
    qtbot, tab: RefundTab, truth: BeeCloudClient
) -> None:
    """Its answer garbled, Check now found it in progress: the journal kept it unsettled
    (Refunds to check, the bill blocked) after a sync brought it done."""
    session = tab.session
    sandbox_of(session).faults.set("refund", Fault("bad-json", count=1))
    find(qtbot, tab, paid_bill(truth, 2000))
    click_refund(qtbot, tab)
    refund_no = answer_of(tab).asked[-1].refund_no
    assert tab.outcome.kind == "outcome_unknown"
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: tab.outcome.title.text() == f"Refund {refund_no} is in progress", timeout=WAIT_MS
    )
    finish_in_sandbox(session, refund_no, succeeded=True)
    sync(qtbot, session)
    qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)
    assert tab.outcome.title.text() == "The refund was made"
    entry = session.reconciler.entry(refund_no)
    assert entry is not None and entry.state == "done"
    assert not tab.unsettled
    assert [result for result, _detail in refund_checks(session, refund_no)] == [
        "in progress",
        "ok",
    ]


def test_of_two_refunds_in_progress_the_panel_follows_the_one_it_shows(
    qtbot, tab: RefundTab, truth: BeeCloudClient
) -> None:
    """Bill A's refund in progress, then bill B's: A found done says nothing over B's."""
    session = tab.session
    first = refund_in_progress(qtbot, tab, truth, 2000)
    second = refund_in_progress(qtbot, tab, truth, 3000)
    finish_in_sandbox(session, first, succeeded=True)
    sync(qtbot, session)
    assert tab.outcome.title.text() == f"Refund {second} of USD 30.00 is in progress"
    finish_in_sandbox(session, second, succeeded=True)
    sync(qtbot, session)
    qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {second} of USD 30.00 done"


def test_its_bill_found_again_says_it_done(qtbot, tab: RefundTab, truth: BeeCloudClient) -> None:
    """Find pressed again on the Refund tab lists the bill's refunds, done now."""
    session = tab.session
    refund_no = refund_in_progress(qtbot, tab, truth, 2000)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    finish_in_sandbox(session, refund_no, succeeded=True)
    assert tab.bill is not None
    find(qtbot, tab, tab.bill.bill_no)
    qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)
    assert tab.outcome.title.text() == f"Refund {refund_no} of USD 20.00 done"


def test_check_now_that_finds_it_done_is_audited_once(
    qtbot, tab: RefundTab, truth: BeeCloudClient
) -> None:
    """Check now's own answer is kept in the history too: said and audited once."""
    session = tab.session
    sandbox_of(session).faults.set("refund", Fault("bad-json", count=1))
    find(qtbot, tab, paid_bill(truth, 2000))
    click_refund(qtbot, tab)
    refund_no = answer_of(tab).asked[-1].refund_no
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: tab.outcome.title.text() == f"Refund {refund_no} is in progress", timeout=WAIT_MS
    )
    qtbot.waitUntil(tab.check_button.isEnabled, timeout=WAIT_MS)
    finish_in_sandbox(session, refund_no, succeeded=True)
    ended = reads_ended(session)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ended == [refund_no], timeout=WAIT_MS)  # every slot of it run
    assert tab.outcome.kind == "success"
    assert [result for result, _detail in refund_checks(session, refund_no)] == [
        "in progress",
        "ok",
    ]


def test_a_refund_in_progress_no_longer_shown_is_audited_done_once_a_sync_lists_it(
    qtbot, tab: RefundTab, truth: BeeCloudClient
) -> None:
    """Bill A's refund in progress, then bill B's (the panel moved on): a sync that
    brings A's done left its audit rows at "in progress" for good, a refund the log
    never said was made."""
    session = tab.session
    first = refund_in_progress(qtbot, tab, truth, 2000)
    second = refund_in_progress(qtbot, tab, truth, 3000)
    finish_in_sandbox(session, first, succeeded=True)
    sync(qtbot, session)
    assert [result for result, _ in refund_checks(session, first)] == ["in progress", "ok"]
    assert [result for result, _ in refund_checks(session, second)] == ["in progress"]
    sync(qtbot, session)  # said once, not at each sync
    assert [result for result, _ in refund_checks(session, first)] == ["in progress", "ok"]
    finish_in_sandbox(session, second, succeeded=False)
    sync(qtbot, session)
    assert [result for result, _ in refund_checks(session, second)] == [
        "in progress",
        "refused",
    ]


def test_a_refund_in_progress_whose_check_got_no_answer_is_still_followed(
    qtbot, tab: RefundTab, truth: BeeCloudClient
) -> None:
    """A check of a refund in progress that got no answer wrote it "unknown": its last
    row no longer "in progress", a sync that then listed it done wrote nothing, and the
    audit log's last word on a refund made was that nobody knew whether it was."""
    session = tab.session
    refund_no = refund_in_progress(qtbot, tab, truth, 2000)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    sandbox_of(session).faults.set("refunds", Fault("bad-json"))
    check = session.submit(FIND_REFUND, refund_no, "Check")
    qtbot.waitUntil(lambda: not check.running, timeout=WAIT_MS)
    sandbox_of(session).faults.clear()
    assert check.report is not None  # no answer
    assert [result for result, _ in refund_checks(session, refund_no)] == ["in progress"]
    finish_in_sandbox(session, refund_no, succeeded=True)
    sync(qtbot, session)
    assert [result for result, _ in refund_checks(session, refund_no)] == ["in progress", "ok"]
