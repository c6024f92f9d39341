"""The refund journal in the real window: refunds whose answer was lost, or that a
previous run left in flight, are shown until settled, checked by refund_no, and
sent again only by the user, with the same refund_no.

Live profiles reach the sandbox through hosts in tests/net_support.py that lose
or hold refund POSTs; the sandbox's own refund query is the truth.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from console.api.ids import new_refund_no
from console.api.models import RefundRequest
from console.api.money import Money
from console.api.validate import china_today
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, SANDBOX_ID, Profile
from console.gui.refund_notice import (
    RefundNotice,
    RefundsToCheckDialog,
    ask_to_send_again,
    moved_elsewhere_text,
    send_again_question,
)
from console.gui.session import ConsoleSession
from console.gui.stored_texts import StoredText
from console.gui.tables.formatting import about_time_text
from console.gui.tabs.refund_tab import RefundTab
from console.sandbox import SandboxServer
from console.sandbox.faults import Fault
from console.store import ConsoleStore, stamps
from console.store.database import Database
from console.store.refund_journal import (
    ABSENT,
    DONE,
    DROPPED,
    REFUSED,
    SENDING,
    UNKNOWN,
    JournalEntry,
    RefundJournal,
)
from console.store.stamps import now_ms, steady_now
from tests.clock_support import ClockPutForward, moment_ago
from tests.gui.conftest import Said
from tests.gui.console_support import (
    Agree,
    live_profile,
    refund_nos,
    save_live_profile,
    start_console,
)
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_bills import paid_bill
from tests.gui.sandbox_truth import refunds_of, sandbox_client, sandbox_of
from tests.gui.tab_drivers import (
    WAIT_MS,
    Answer,
    click_refund,
    find,
    synced_at_start,
    wait_for_outcome,
)
from tests.mirror_support import ListRewritingHost
from tests.net_support import AnswerLosingHost, ForwardingHost, HoldingProxy, answering_json


@pytest.fixture
def tab(window: MainWindow, qtbot) -> RefundTab:
    """The Refund tab a moment after the start, the history's sync at start done (it
    would otherwise run beside what a test does, on the profile the test makes active)."""
    window.tabs.setCurrentWidget(window.refund_tab)
    window.refund_tab.confirm = Answer()
    window.refund_notice.confirm = Agree()
    synced_at_start(window, qtbot)
    return window.refund_tab


def live_on(session: ConsoleSession, host_url: str, read_timeout: float = 0.5) -> Profile:
    """A live profile for the embedded sandbox's app, through `host_url`, made active."""
    return live_profile(session, "Shop", (host_url,), read_timeout)


def entry_of(session: ConsoleSession, refund_no: str) -> JournalEntry:
    entry = session.journal.get(refund_no)
    assert entry is not None
    return entry


def wait_for_state(qtbot, session: ConsoleSession, refund_no: str, state: str) -> JournalEntry:
    qtbot.waitUntil(lambda: entry_of(session, refund_no).state == state, timeout=WAIT_MS)
    return entry_of(session, refund_no)


def open_dialog(qtbot, notice: RefundNotice) -> RefundsToCheckDialog:
    assert notice.isVisible() and notice.review_button.isVisible()
    qtbot.mouseClick(notice.review_button, Qt.MouseButton.LeftButton)
    assert notice.dialog is not None and notice.dialog.isVisible()
    return notice.dialog


def agreed(notice: RefundNotice) -> list[str]:
    assert isinstance(notice.confirm, Agree)
    return notice.confirm.asked


# -- while a refund is on its way ---------------------------------------------------------


@pytest.mark.skipif(not steady_now().boot_id, reason="no boot id here: timed by the wall clock")
@pytest.mark.parametrize("moved_ms", [-2_000, 60_000], ids=["set back", "put forward"])
def test_a_refund_on_its_way_may_still_arrive_whatever_the_clock_did(
    session: ConsoleSession, monkeypatch: pytest.MonkeyPatch, moved_ms: int
) -> None:
    """A refund just sent (its console killed, or its answer lost), then the system clock
    set back 2 s or put forward a minute (a time sync) before BeeCloud was asked: its
    request looked long past, and "no such refund" was taken for "never reached
    BeeCloud" while it could still arrive. Its call is timed by the clock since boot."""
    entry = session.journal.record_sending(
        new_refund_no(), "BC0000000001", 100, "USD", session.profile.id
    )
    monkeypatch.setattr(stamps, "time", ClockPutForward(moved_ms))
    wait_ms = session.reconciler.arrives_until_ms(entry) - now_ms()
    assert 0 < wait_ms <= session.profile.call_ms


def test_a_check_answered_after_a_switch_does_not_call_a_refund_on_its_way_absent(
    qtbot, session: ConsoleSession
) -> None:
    """A refund left `sending` a moment ago (its console killed with it on its way) is
    checked, and the clerk switches to another profile before BeeCloud answers "no such
    refund": its request may still arrive, so it stays as it was. It was marked "never
    reached BeeCloud", judged by the profile in use then (another one), not its own."""
    refund_no = new_refund_no()
    session.journal.record_sending(refund_no, "BC0000000001", 100, "USD", SANDBOX_ID)
    sandbox_of(session).faults.set("refunds", Fault("latency", 300))
    reconciler = session.reconciler
    assert reconciler.check(refund_no)
    other = Profile.new_live("Shop", "other-app", ("https://api.example.com",))
    session.profiles.save(other)
    session.secrets.set(other.id, "other-secret")
    session.activate(other.id)
    qtbot.waitUntil(lambda: not reconciler.is_checking(refund_no), timeout=WAIT_MS)
    assert entry_of(session, refund_no).state == SENDING


def test_a_refund_is_journaled_sending_before_it_reaches_the_server(
    qtbot, window, tab, truth
) -> None:
    assert tab.session.sandbox is not None
    bill_no = paid_bill(truth)
    proxy = HoldingProxy(tab.session.sandbox.base_url)
    try:
        live = live_on(tab.session, proxy.url, read_timeout=10)
        find(qtbot, tab, bill_no)
        qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(proxy.held.is_set, timeout=WAIT_MS)
        refund_no = answer_of_tab(tab)
        entry = entry_of(tab.session, refund_no)
        assert (entry.state, entry.bill_no, entry.refund_fee) == (SENDING, bill_no, 2000)
        assert (entry.currency, entry.profile_id) == ("USD", live.id)
        assert tab.session.reconciler.is_in_flight(refund_no)
        assert not window.refund_notice.isVisible()  # on its way in this run: nothing to check
        assert not tab.refund_button.isEnabled()

        proxy.release()
        wait_for_outcome(qtbot, tab)
        assert tab.outcome.kind == "success"
        assert wait_for_state(qtbot, tab.session, refund_no, DONE).detail
        assert not window.refund_notice.isVisible()
        assert refund_nos(proxy.forwarded) == [refund_no]
    finally:
        proxy.stop()


def answer_of_tab(tab: RefundTab) -> str:
    assert isinstance(tab.confirm, Answer)
    return tab.confirm.asked[-1].refund_no


# -- a lost answer -------------------------------------------------------------------------


@pytest.mark.parametrize("made", [True, False], ids=["answer-lost", "request-lost"])
def test_a_lost_answer_is_shown_until_check_now_settles_it(qtbot, window, tab, truth, made) -> None:
    assert tab.session.sandbox is not None
    notice = window.refund_notice
    bill_no = paid_bill(truth)
    host = AnswerLosingHost(tab.session.sandbox.base_url, deliver=made)
    try:
        live_on(tab.session, host.url)
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)
        refund_no = answer_of_tab(tab)
        entry = wait_for_state(qtbot, tab.session, refund_no, UNKNOWN)
        assert entry.detail == f"No valid answer came back from {host.url}."
        # the Bill panel said "Refunded: No" beside "It may or may not have been made"
        assert tab.bill_panel.refunded_label.text() == (
            f"Not known: refund {refund_no} was sent, its outcome is unknown"
        )
        assert notice.isVisible()
        assert notice.attention_label.text() == "⚠ 1 refund needs checking: 1 of unknown outcome."

        dialog = open_dialog(qtbot, notice)
        row = dialog.rows[refund_no]
        assert row.title.text() == f"Refund {refund_no} of USD 20.00 for bill {bill_no}"
        assert f"Profile: Shop · sent by {tab.session.journal.operator} on " in row.facts.text()
        assert row.state.text().startswith("Outcome unknown: it may or may not have been made.")
        assert not row.send_again_button.isVisible()

        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        assert "Asking BeeCloud about 1 refund" in dialog.status.text()
        settled = wait_for_state(qtbot, tab.session, refund_no, DONE if made else ABSENT)
        # once answered, the dialog no longer says it is asking (it did for good)
        reconciler = tab.session.reconciler
        qtbot.waitUntil(lambda: not reconciler.is_checking(refund_no), timeout=WAIT_MS)
        assert "Asking BeeCloud" not in dialog.status.text()
        assert len(host.posts) == 1  # checked, never sent again
        assert len(refunds_of(truth, bill_no)) == (1 if made else 0)
        if made:
            assert settled.detail.startswith("Found at BeeCloud: made on ")
            assert refund_no not in dialog.rows and dialog.empty_label.isVisible()
            assert f"Refund {refund_no} of USD 20.00 for bill {bill_no} was made." in (
                dialog.settled_label.text()
            )
            assert not notice.attention_row.isVisible()
            assert f"{refund_no} of USD 20.00 for bill {bill_no} was made." in (
                notice.news_label.text()
            )
            qtbot.mouseClick(notice.dismiss_button, Qt.MouseButton.LeftButton)
            assert not notice.isVisible()
            # The tab's own panel, which still asked to check, now says so too.
            assert tab.outcome.title.text() == "The refund was made"
            assert not tab.unsettled
            # and its Bill panel the refund BeeCloud has: it said "Refunded: No" and "No
            # refunds yet" beside "The refund was made"
            panel = tab.bill_panel
            qtbot.waitUntil(lambda: panel.history_table.rowCount() == 1, timeout=WAIT_MS)
            assert refund_no in panel.refunded_label.text()
        else:
            assert notice.attention_label.text() == (
                "⚠ 1 refund needs checking: 1 never reached BeeCloud."
            )
            qtbot.waitUntil(lambda: dialog.rows[refund_no].send_again_button.isVisible())
            assert (
                dialog.rows[refund_no]
                .state.text()
                .startswith("It never reached BeeCloud: nothing was refunded.")
            )
            assert tab.outcome.title.text() == (
                f"BeeCloud has no refund {refund_no}: it was not made"
            )
            find(qtbot, tab, bill_no)
            assert not tab.refund_button.isEnabled()
            assert "never reached BeeCloud" in tab.refund_hint.text()
            assert tab.bill_panel.refunded_label.text() == "No"
    finally:
        host.stop()


def test_check_now_in_the_refund_tab_updates_the_journal(qtbot, window, tab, truth) -> None:
    assert tab.session.sandbox is not None
    bill_no = paid_bill(truth)
    host = AnswerLosingHost(tab.session.sandbox.base_url, deliver=True)
    try:
        live_on(tab.session, host.url)
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)
        refund_no = answer_of_tab(tab)
        wait_for_state(qtbot, tab.session, refund_no, UNKNOWN)
        qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
        wait_for_state(qtbot, tab.session, refund_no, DONE)
        assert tab.outcome.title.text() == "The refund was made"
        assert len(host.posts) == 1
    finally:
        host.stop()


# -- sending again -------------------------------------------------------------------------


def test_an_absent_refund_is_sent_again_by_the_user_with_the_same_number(
    qtbot, window, tab, truth
) -> None:
    assert tab.session.sandbox is not None
    notice = window.refund_notice
    bill_no = paid_bill(truth)
    proxy = HoldingProxy(tab.session.sandbox.base_url)
    try:
        live = live_on(tab.session, proxy.url)
        find(qtbot, tab, bill_no)
        click_refund(qtbot, tab)  # held until the read timeout: outcome unknown
        refund_no = answer_of_tab(tab)
        wait_for_state(qtbot, tab.session, refund_no, UNKNOWN)
        proxy.release(drop=True)  # and then lost on the way: it never reaches the sandbox
        assert proxy.passed.wait(10)
        proxy.hold = False

        dialog = open_dialog(qtbot, notice)
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        wait_for_state(qtbot, tab.session, refund_no, ABSENT)
        row = dialog.rows[refund_no]
        qtbot.waitUntil(row.send_again_button.isVisible, timeout=WAIT_MS)
        assert len(proxy.refund_posts) == 1  # a check never sends
        assert refunds_of(truth, bill_no) == []

        qtbot.mouseClick(row.send_again_button, Qt.MouseButton.LeftButton)
        [question] = agreed(notice)
        assert question == send_again_question(entry_of(tab.session, refund_no), live)
        assert dialog.status.text() == f"Sending refund {refund_no} again…"
        done = wait_for_state(qtbot, tab.session, refund_no, DONE)
        # once answered, the dialog no longer says it is sending it (it did for good)
        reconciler = tab.session.reconciler
        qtbot.waitUntil(lambda: not reconciler.is_in_flight(refund_no), timeout=WAIT_MS)
        assert dialog.status.text() == ""
        assert done.attempts == 2
        assert refund_nos(proxy.refund_posts) == [refund_no, refund_no]
        assert refund_nos(proxy.forwarded) == [refund_no]
        [made] = refunds_of(truth, bill_no)
        assert (made.refund_no, made.refund_fee, made.succeeded) == (refund_no, 2000, True)
        assert f"Refund {refund_no} of USD 20.00 for bill {bill_no} was made." in (
            dialog.settled_label.text()
        )
        assert not notice.attention_row.isVisible()
        find(qtbot, tab, bill_no)
        assert not tab.refund_button.isEnabled()  # settled: the bill's one refund is made
        assert "has a refund already" in tab.refund_hint.text()
    finally:
        proxy.stop()


def test_the_refund_tab_tells_of_an_absent_refund_made_since_by_sending_it_again(
    qtbot, window, tab, truth
) -> None:
    """A refund lost on its way: the Refund tab's Check now found it absent and said
    "it was not made … Nothing has been refunded", rightly; then it was sent again from
    Refunds to check and made, and the tab still said it was not made, even after Find
    showed the bill refunded."""
    # short timeouts: absent is proven once the request's call would have ended
    live_profile(tab.session, "Shop", (sandbox_of(tab.session).base_url,), connect_timeout=0.2)
    faults = sandbox_of(tab.session).faults
    faults.set("refund", Fault("drop-before", count=1))
    bill_no = paid_bill(truth)
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    refund_no = answer_of_tab(tab)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    wait_for_state(qtbot, tab.session, refund_no, ABSENT)
    qtbot.waitUntil(lambda: tab.outcome.kind == "not_made", timeout=WAIT_MS)

    dialog = open_dialog(qtbot, window.refund_notice)
    qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
    wait_for_state(qtbot, tab.session, refund_no, DONE)
    assert tab.outcome.kind == "success", tab.outcome.body.text()
    assert tab.outcome.title.text() == "The refund was made"
    assert "Nothing has been refunded" not in tab.outcome.body.text()


def test_a_servers_words_in_a_refund_to_check_are_shown_as_they_are(
    qtbot, window, tab, truth
) -> None:
    """A refund sent again and refused, the server's err_detail kept in the journal: the
    notice's news, the Refunds to check dialog and the Refund tab said it in one line
    whose markup Qt read as rich text (an err_detail "<img src=/dev/zero>" froze the
    console for good)."""
    bill_no = paid_bill(truth)
    journal = tab.session.reconciler.journal
    shown = "<img src=x>"
    detail = StoredText(
        "journal.resent_refused_detail",
        {"code": 5, "result_msg": "PARAM_INVALID", "detail": shown},
    )
    unknown = new_refund_no()
    journal.record_sending(unknown, bill_no, 500, "USD", tab.session.profile.id, None)
    journal.mark_unknown(unknown, detail)
    tab.session.reconciler.changed.emit()
    dialog = open_dialog(qtbot, window.refund_notice)
    state = dialog.rows[unknown].state
    assert shown in state.text() and state.textFormat() == Qt.TextFormat.PlainText
    tab.session.reconciler.settled.emit(journal.mark_refused(unknown, detail))
    news = window.refund_notice.news_label
    assert shown in news.text() and news.textFormat() == Qt.TextFormat.PlainText
    assert dialog.settled_label.textFormat() == Qt.TextFormat.PlainText
    assert tab.outcome.body.textFormat() == Qt.TextFormat.PlainText
    assert tab.outcome.title.textFormat() == Qt.TextFormat.PlainText


def test_a_refund_settled_while_its_question_was_open_is_said_so_in_the_language_shown(
    tab, truth
) -> None:
    """A check answered while the send-again question was open (the refund had arrived
    late: done). Nothing went out, rightly, but the reason was the journal's English
    words in a Chinese window."""
    from PySide6.QtCore import QCoreApplication, QLocale

    from console.gui import i18n
    from console.store.refund_journal import RESEND_NOT_ABSENT

    bill_no = paid_bill(truth)
    refund_no = new_refund_no()
    journal = tab.session.reconciler.journal
    journal.record_sending(refund_no, bill_no, 500, "USD", tab.session.profile.id, None)
    journal.mark_absent(refund_no)  # "Send again" offered, the question opened...
    journal.mark_done(refund_no)  # ...and a check found it made meanwhile
    i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        problem = tab.session.reconciler.send_again(refund_no)
        expected = QCoreApplication.translate("RefundJournal", RESEND_NOT_ABSENT)
    finally:
        i18n.uninstall()
    assert expected != RESEND_NOT_ABSENT
    assert problem == expected.format(refund_no=refund_no)
    assert entry_of(tab.session, refund_no).state == DONE
    assert refunds_of(truth, bill_no) == []  # nothing was sent


def test_declining_the_question_sends_nothing(qtbot, window, tab, truth) -> None:
    assert tab.session.sandbox is not None
    refund_no = china_today() + "101010RDECLN"
    bill_no = paid_bill(truth)
    proxy = HoldingProxy(tab.session.sandbox.base_url, hold=False)
    try:
        live = live_on(tab.session, proxy.url)
        tab.session.journal.record_sending(refund_no, bill_no, 2000, "USD", live.id)
        tab.session.journal.mark_absent(refund_no)
        tab.session.reconciler.changed.emit()
        window.refund_notice.confirm = lambda question: False
        dialog = open_dialog(qtbot, window.refund_notice)
        qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
        assert entry_of(tab.session, refund_no).state == ABSENT
        assert proxy.refund_posts == []
    finally:
        proxy.stop()


def test_a_resend_refused_as_a_used_number_is_checked_not_taken_as_refused(
    qtbot, window, tab, truth
) -> None:
    """The first sending arrived after the check said absent: the re-send is refused (the
    number was used), and a check, not the refusal, settles it. One refund, not two."""
    assert tab.session.sandbox is not None
    refund_no = china_today() + "202020RLATE1"
    bill_no = paid_bill(truth)
    proxy = HoldingProxy(tab.session.sandbox.base_url, hold=False)
    try:
        live = live_on(tab.session, proxy.url)
        tab.session.journal.record_sending(refund_no, bill_no, 2000, "USD", live.id)
        tab.session.journal.mark_absent(refund_no)
        truth.refund(RefundRequest(bill_no, refund_no, Money(2000, "USD")))  # arrives late
        dialog = open_dialog_after_change(qtbot, window)
        qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
        done = wait_for_state(qtbot, tab.session, refund_no, DONE)
        assert done.detail.startswith("Found at BeeCloud")
        assert refund_nos(proxy.refund_posts) == [refund_no]
        assert len(refunds_of(truth, bill_no)) == 1
    finally:
        proxy.stop()


def test_a_resend_refused_as_already_refunding_is_checked_not_taken_as_refused(
    qtbot, window, tab, truth
) -> None:
    """The first sending arrived after the check said absent, and a BeeCloud that looks
    at the bill before the number refuses the re-send with 11 (the bill has a refund:
    this one). The journal took that as refused, "Nothing was refunded", while BeeCloud
    had refunded it; a check settles it, as a re-send refused as a used number."""
    assert tab.session.sandbox is not None
    refund_no = china_today() + "202020RLATE2"
    bill_no = paid_bill(truth)

    already_refunding = answering_json(
        {"result_code": 11, "result_msg": "ALREADY_REFUNDING", "err_detail": "refunded"}
    )

    with ForwardingHost(tab.session.sandbox.base_url, already_refunding) as host:
        live = live_on(tab.session, host.url)
        tab.session.journal.record_sending(refund_no, bill_no, 2000, "USD", live.id)
        tab.session.journal.mark_absent(refund_no)
        truth.refund(RefundRequest(bill_no, refund_no, Money(2000, "USD")))  # arrives late
        dialog = open_dialog_after_change(qtbot, window)
        qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not entry_of(tab.session, refund_no).unresolved, timeout=WAIT_MS)
        done = entry_of(tab.session, refund_no)
        assert (done.state, done.attempts) == (DONE, 2)
        assert done.detail.startswith("Found at BeeCloud")
        assert len(refunds_of(truth, bill_no)) == 1


@pytest.mark.parametrize("made", [True, False], ids=["other-made", "other-in-progress"])
def test_a_resend_refused_as_already_refunding_and_absent_is_settled_not_made(
    qtbot, window, tab, truth, made: bool
) -> None:
    """Sent again, refused with 11, and the check finds the number absent: the bill's
    refund is another one (made elsewhere meanwhile). The journal offered to send it
    again, to be refused with 11 again, for ever; it is settled as not made, naming the
    bill's refund, and nothing more is offered or sent."""
    refund_no = china_today() + "202020RLOOP1"
    other_no = china_today() + "202020ROTHER"
    bill_no = paid_bill(truth)
    session = tab.session
    session.journal.record_sending(refund_no, bill_no, 2000, "USD", SANDBOX_ID)
    session.journal.mark_absent(refund_no)
    if made:  # another refund, made
        truth.refund(RefundRequest(bill_no, other_no, Money(500, "USD")))
    else:  # another refund, in progress at BeeCloud
        store = sandbox_of(session).store
        assert store is not None
        store.insert_refund(SANDBOX_APP_ID, other_no, bill_no, 500, finish=False, result=False)
    dialog = open_dialog_after_change(qtbot, window)
    qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not entry_of(session, refund_no).unresolved, timeout=WAIT_MS)
    settled = entry_of(session, refund_no)
    assert (settled.state, settled.attempts) == (REFUSED, 2)
    status = "made on " if made else "not finished yet"
    assert f"bill already has refund {other_no} of USD 5.00, {status}" in settled.detail
    assert "sent again, it would be refused again" in settled.detail
    assert refund_no not in dialog.rows and not window.refund_notice.attention_row.isVisible()
    news = window.refund_notice.news_label.text()
    assert f"Refund {refund_no} of USD 20.00 for bill {bill_no} was not made." in news
    assert other_no in news
    assert [r.refund_no for r in refunds_of(truth, bill_no)] == [other_no]


def test_a_resend_refused_as_already_refunding_is_not_made_whatever_the_list_shows(
    qtbot, window, tab, truth
) -> None:
    """As above, through a host whose refund lists show nothing (a list that lags): the
    11 and the absent number settle it all the same, the bill's refund unnamed."""
    assert tab.session.sandbox is not None
    refund_no = china_today() + "202020RLOOP2"
    bill_no = paid_bill(truth)

    def nothing_listed(answer: dict) -> None:
        if isinstance(answer.get("refunds"), list):
            answer["refunds"], answer["count"] = [], 0

    with ListRewritingHost(tab.session.sandbox.base_url, nothing_listed) as host:
        live = live_on(tab.session, host.url)
        tab.session.journal.record_sending(refund_no, bill_no, 2000, "USD", live.id)
        tab.session.journal.mark_absent(refund_no)
        truth.refund(RefundRequest(bill_no, china_today() + "202020RTHERE", Money(500, "USD")))
        dialog = open_dialog_after_change(qtbot, window)
        qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not entry_of(tab.session, refund_no).unresolved, timeout=WAIT_MS)
    settled = entry_of(tab.session, refund_no)
    assert settled.state == REFUSED
    assert "the bill already has a refund, made or in progress" in settled.detail


def test_a_resend_refused_as_invalid_and_absent_is_settled_not_made(
    qtbot, window, tab, truth
) -> None:
    """Sent again and refused with 5 (BeeCloud's clock past midnight China time before
    this computer's: the number's day is gone there), and the check finds the number
    absent: the journal offered to send it again, to be refused with 5 again, checked,
    and so on. It is settled as not made."""
    assert tab.session.sandbox is not None
    refund_no = china_today() + "202020RLOOP5"
    bill_no = paid_bill(truth)

    invalid = answering_json(
        {"result_code": 5, "result_msg": "PARAM_INVALID", "err_detail": "refund_no: day"}
    )

    with ForwardingHost(tab.session.sandbox.base_url, invalid) as host:
        live = live_on(tab.session, host.url)
        tab.session.journal.record_sending(refund_no, bill_no, 2000, "USD", live.id)
        tab.session.journal.mark_absent(refund_no)
        dialog = open_dialog_after_change(qtbot, window)
        qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not entry_of(tab.session, refund_no).unresolved, timeout=WAIT_MS)
    settled = entry_of(tab.session, refund_no)
    assert (settled.state, settled.attempts) == (REFUSED, 2)
    assert "5 PARAM_INVALID" in settled.detail and "refund_no: day" in settled.detail
    assert "sent again, it would be refused again" in settled.detail
    assert refunds_of(truth, bill_no) == []


def open_dialog_after_change(qtbot, window: MainWindow) -> RefundsToCheckDialog:
    """After entries were written straight into the journal."""
    window.session.reconciler.changed.emit()
    return open_dialog(qtbot, window.refund_notice)


def test_an_absent_refund_of_an_earlier_day_offers_a_fresh_refund(
    qtbot, window, tab, truth
) -> None:
    yesterday = china_today(datetime.now(UTC) - timedelta(days=1))
    refund_no = yesterday + "235959ROLD01"
    bill_no = paid_bill(truth)
    session = tab.session
    session.journal.record_sending(refund_no, bill_no, 2000, "USD", SANDBOX_ID)
    session.journal.mark_absent(refund_no)
    dialog = open_dialog_after_change(qtbot, window)
    row = dialog.rows[refund_no]
    assert not row.send_again_button.isVisible() and row.fresh_button.isVisible()
    shown = f"{yesterday[:4]}-{yesterday[4:6]}-{yesterday[6:]}"
    assert f"can no longer be sent: its number is for {shown} (China time)" in row.state.text()
    assert f"Start a fresh refund of bill {bill_no} instead." in row.state.text()
    problem = session.reconciler.send_again(refund_no)  # even asked directly, it will not go
    assert problem is not None and "can no longer be sent" in problem
    assert entry_of(session, refund_no).state == ABSENT

    window.tabs.setCurrentWidget(window.bills_tab)
    qtbot.mouseClick(row.fresh_button, Qt.MouseButton.LeftButton)
    assert entry_of(session, refund_no).state == DROPPED
    assert not dialog.isVisible() and not window.refund_notice.attention_row.isVisible()
    assert window.tabs.currentWidget() is tab and tab.bill_no_edit.text() == bill_no
    qtbot.waitUntil(lambda: tab.bill is not None and tab.refunds is not None, timeout=WAIT_MS)
    assert tab.refund_button.isEnabled()
    click_refund(qtbot, tab)
    assert tab.outcome.kind == "success"
    assert [r.refund_no for r in refunds_of(truth, bill_no)] == [answer_of_tab(tab)]


def test_a_refund_that_could_not_be_prepared_is_journaled_not_sent(qtbot, tab, truth) -> None:
    assert tab.session.sandbox is not None
    bill_no = paid_bill(truth)
    live = live_on(tab.session, tab.session.sandbox.base_url)
    find(qtbot, tab, bill_no)
    tab.session.secrets.delete(live.id)
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    refund_no = answer_of_tab(tab)
    qtbot.waitUntil(lambda: entry_of(tab.session, refund_no).state == REFUSED, timeout=WAIT_MS)
    entry = entry_of(tab.session, refund_no)
    assert (entry.state, entry.detail) == (
        REFUSED,
        "Not sent: No app secret. Nothing was refunded.",
    )
    assert tab.refund_button.isEnabled()


# -- the next start ---------------------------------------------------------------------------


def test_refunds_left_sending_are_reconciled_at_the_next_start(
    qtbot, tmp_path: Path, sandbox: SandboxServer, monkeypatch
) -> None:
    """A previous run was killed with two refunds in flight, a minute ago: one reached
    BeeCloud, one did not. The next start asks about both, and sends neither."""
    client = sandbox_client(sandbox)
    arrived_bill, lost_bill = paid_bill(client, 2000), paid_bill(client, 3000, "EUR")
    arrived, lost = china_today() + "080000RARRIV", china_today() + "080001RLOST1"
    client.refund(RefundRequest(arrived_bill, arrived, Money(2000, "USD")))
    proxy = HoldingProxy(sandbox.base_url, hold=False)
    keyring = MemoryKeyring()
    data_dir = tmp_path / "console"
    data_dir.mkdir()
    profile = save_live_profile(tmp_path / "settings.ini", keyring, (proxy.url,))
    previous = RefundJournal(Database.open(data_dir / "console.sqlite3"), operator="alice")
    with monkeypatch.context() as then:  # their requests cannot reach BeeCloud any more
        a_minute_ago = moment_ago(60_000)
        then.setattr("console.store.refund_journal.moment_now", lambda: a_minute_ago)
        previous.record_sending(arrived, arrived_bill, 2000, "USD", profile.id)
        previous.record_sending(lost, lost_bill, 3000, "EUR", profile.id)
    previous.database.close()
    window = None
    try:
        window = start_console(qtbot, tmp_path / "settings.ini", data_dir, keyring)
        session, notice = window.session, window.refund_notice
        assert session.profile.id == profile.id
        assert wait_for_state(qtbot, session, arrived, DONE).operator == "alice"
        wait_for_state(qtbot, session, lost, ABSENT)
        assert notice.attention_label.text() == (
            "⚠ 1 refund needs checking: 1 never reached BeeCloud."
        )
        assert f"Refund {arrived} of USD 20.00 for bill {arrived_bill} was made." in (
            notice.news_label.text()
        )
        tab = window.refund_tab
        find(qtbot, tab, lost_bill)
        assert not tab.refund_button.isEnabled()
        assert f"Refund {lost} of this bill never reached BeeCloud" in tab.refund_hint.text()

        # Nothing is ever sent again by itself: not at start, not on a check, not on a switch.
        dialog = open_dialog(qtbot, notice)
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not session.reconciler.is_checking(lost), timeout=WAIT_MS)
        session.activate(SANDBOX_ID)
        assert "Switch to the profile “Shop” to send it again or drop it." in (
            dialog.rows[lost].state.text()
        )
        assert notice.isVisible()  # other profiles' refunds stay visible too
        session.activate(profile.id)
        qtbot.waitUntil(lambda: not session.reconciler.is_checking(lost), timeout=WAIT_MS)
        assert entry_of(session, lost).state == ABSENT
        assert proxy.refund_posts == []
        assert [len(refunds_of(client, b)) for b in (arrived_bill, lost_bill)] == [1, 0]

        # Dropping it frees the bill for a fresh refund.
        qtbot.waitUntil(dialog.rows[lost].drop_button.isVisible, timeout=WAIT_MS)
        qtbot.mouseClick(dialog.rows[lost].drop_button, Qt.MouseButton.LeftButton)
        assert entry_of(session, lost).state == DROPPED
        assert not notice.attention_row.isVisible()
        find(qtbot, tab, lost_bill)  # the profile switches cleared it
        assert tab.refund_button.isEnabled()
        assert proxy.refund_posts == []
    finally:
        if window is not None:
            window.close()
        proxy.stop()
        client.close()


def test_an_unknown_refund_in_progress_at_beecloud_stays_unknown(
    qtbot, tmp_path: Path, sandbox: SandboxServer
) -> None:
    client = sandbox_client(sandbox)
    bill_no = paid_bill(client)
    refund_no = china_today() + "090000RSLOW1"
    assert sandbox.store is not None
    sandbox.store.insert_refund("test-app", refund_no, bill_no, 2000, finish=False, result=False)
    keyring = MemoryKeyring()
    data_dir = tmp_path / "console"
    data_dir.mkdir()
    profile = save_live_profile(tmp_path / "settings.ini", keyring, (sandbox.base_url,))
    previous = RefundJournal(Database.open(data_dir / "console.sqlite3"))
    previous.record_sending(refund_no, bill_no, 2000, "USD", profile.id)
    previous.database.close()
    window = start_console(qtbot, tmp_path / "settings.ini", data_dir, keyring)
    try:
        entry = wait_for_state(qtbot, window.session, refund_no, UNKNOWN)
        assert entry.detail == "BeeCloud has it but has not finished it yet; check again later."
        assert window.refund_notice.isVisible()
    finally:
        window.close()
        client.close()


def test_a_refund_the_journal_cannot_write_down_is_not_sent(qtbot, tab, truth) -> None:
    bill_no = paid_bill(truth)
    find(qtbot, tab, bill_no)
    with sqlite3.connect(tab.session.store.database.path) as db:  # as a full disk would
        db.execute(
            "CREATE TRIGGER full_disk BEFORE INSERT ON refund_journal "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    db.close()
    busy: list[list[str]] = []
    tab.session.gateway.busy_changed.connect(busy.append)
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    refund_no = answer_of_tab(tab)
    assert tab.outcome.title.text() == f"Refund {refund_no} was not sent"
    assert "could not write the refund down before sending it" in tab.outcome.body.text()
    assert "database or disk is full" in tab.outcome.body.text()
    assert busy == [] and tab.session.journal.get(refund_no) is None  # nothing was queued
    assert refunds_of(truth, bill_no) == []
    assert tab.refund_button.isEnabled() and not tab.in_flight


def test_the_send_again_question_names_bill_amount_number_and_that_it_is_final() -> None:
    entry = JournalEntry(
        "20261130101011RBBBBB", "BC20261130120000AB12CD", 120000, "JPY", None, "p1", "alice",
        0, 0, ABSENT,
    )  # fmt: skip
    live = Profile.new_live("Shop (live)", "app")
    text = send_again_question(entry, live)
    assert text.startswith("Send refund 20261130101011RBBBBB again?")
    assert "Bill BC20261130120000AB12CD: JPY 1,200." in text
    assert "Profile: Shop (live) — LIVE, real money goes back to the payer." in text
    assert "BeeCloud takes a number only once" in text
    assert text.endswith("A refund cannot be undone.")
    sandbox = replace(live, is_sandbox=True, name="Sandbox")
    assert "practice data, no real money moves" in send_again_question(entry, sandbox)


def test_the_send_again_question_defaults_to_cancel(qtbot) -> None:
    """A stray Enter never sends a refund again."""
    pressed: list[bool] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, press_enter)
            return
        pressed.append(True)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    def give_up() -> None:  # bounded: never leave the test waiting on a dialog
        box = QApplication.activeModalWidget()
        if box is not None:
            box.close()

    QTimer.singleShot(0, press_enter)
    QTimer.singleShot(5_000, give_up)
    assert ask_to_send_again("Send refund 20261130101011RBBBBB again?") is False
    assert pressed == [True]


def test_enter_on_send_again_does_not_send_the_refund_again(qtbot) -> None:
    """Found by keys alone: Tab to Send again, then Enter (a clerk's way of leaving a
    question) sent the refund again; in the refund's own confirmation and the question
    before a payment like the last, Enter on the button that sends takes the default,
    Cancel. Only Space on Send again, or a click, sends."""
    pressed: list[str] = []

    def press_enter_on_send_again() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press_enter_on_send_again)
            return
        send = next(b for b in box.buttons() if b.text() == "Send again")
        send.setFocus()
        pressed.append(send.text())
        qtbot.keyClick(send, Qt.Key.Key_Return)

    def give_up() -> None:  # bounded: never leave the test waiting on a dialog
        box = QApplication.activeModalWidget()
        if box is not None:
            box.close()

    # The windows of the tests before are deleted first: the question is asked over the
    # active window, and one deleted while it is open would take the question with it.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QTimer.singleShot(0, press_enter_on_send_again)
    QTimer.singleShot(5_000, give_up)
    assert ask_to_send_again("Send refund 20261130101011RBBBBB again?") is False
    assert pressed == ["Send again"]


def test_each_refunds_buttons_say_which_refund_they_act_on(qtbot, window: MainWindow) -> None:
    """Found with a screen reader's ears: two refunds that never reached BeeCloud gave
    Tab two "Send again (same refund number)…" and two "Don't send it", alike: nothing
    said which refund each would send again. Each button describes its refund."""
    session = window.session
    for serial in (1, 2):
        refund_no = f"{china_today()}R{serial:03d}"
        session.journal.record_sending(
            refund_no, f"BC2026010112000{serial}", 500, "USD", SANDBOX_ID
        )
        session.journal.mark_absent(refund_no)
    dialog = open_dialog_after_change(qtbot, window)
    assert len(dialog.rows) == 2
    for refund_no, row in dialog.rows.items():
        assert row.send_again_button.isVisible()
        for button in (row.send_again_button, row.drop_button, row.fresh_button):
            assert button.accessibleDescription() == row.title.text()
            assert refund_no in button.accessibleDescription()


def test_the_send_again_question_stays_when_the_window_in_front_of_the_console_closes(
    qtbot, window: MainWindow
) -> None:
    """Asked while a window of the console's own was in front (an export's progress, the
    console usable beside it), the question was made that window's child: it vanished,
    unanswered, when that window closed. It belongs to the console's window."""
    in_front = QProgressDialog("Exporting…", "Cancel", 0, 10, window)
    in_front.setWindowModality(Qt.WindowModality.NonModal)  # as an export's progress
    in_front.show()
    in_front.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is in_front, timeout=WAIT_MS)
    still_open: list[bool] = []

    def close_the_window_in_front_then_look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, close_the_window_in_front_then_look)
            return
        in_front.close()
        shiboken6.delete(in_front)  # as the export's progress is, once it ends
        still_open.append(shiboken6.isValid(box) and box.isVisible())
        if shiboken6.isValid(box):
            box.reject()

    QTimer.singleShot(0, close_the_window_in_front_then_look)
    assert ask_to_send_again("Send refund 20261130101011RBBBBB again?") is False
    assert still_open == [True]


def two_absent_refunds_to_check(qtbot, window: MainWindow) -> tuple[RefundsToCheckDialog, str, str]:
    """Refunds to check, in front, listing two refunds BeeCloud does not have (their
    numbers, in the list's order)."""
    first, second = (f"{china_today()}R{serial:03d}" for serial in (1, 2))
    for serial, refund_no in enumerate((first, second)):
        window.session.journal.record_sending(
            refund_no, f"BC2026010112000{serial}", 500, "USD", SANDBOX_ID
        )
        window.session.journal.mark_absent(refund_no)
    dialog = open_dialog_after_change(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    return dialog, first, second


def test_a_refund_dropped_in_refunds_to_check_is_audited_once(qtbot, window: MainWindow) -> None:
    """Found: "Don't send it" on a refund that never reached BeeCloud left no audit row:
    a clerk's decision that a refund owed is not made, kept only in the journal."""
    session = window.session
    dialog, kept, dropped = two_absent_refunds_to_check(qtbot, window)
    before = len(session.audit.log.entries())
    qtbot.mouseClick(dialog.rows[dropped].drop_button, Qt.MouseButton.LeftButton)
    rows = session.audit.log.entries()
    assert len(rows) == before + 1
    row = rows[0]
    assert (row.action, row.subject, row.result) == ("refund_dropped", dropped, "not made")
    assert (row.amount, row.currency) == (500, "USD")
    assert row.detail == (
        "bill BC20260101120001: it never reached BeeCloud and will not be sent again"
    )
    qtbot.waitUntil(lambda: not session.reconciler.is_checking(kept), timeout=WAIT_MS)


def test_what_the_refunds_to_check_buttons_did_is_said_to_a_screen_reader(
    qtbot, window: MainWindow, announced: list[Said]
) -> None:
    """Found with a screen reader's ears: in Refunds to check, Space on "Don't send it"
    or on Check now wrote what was done on the line above the buttons ("Refund … will
    not be sent again.", "Asking BeeCloud about 1 refund…"), said by nothing. It is
    said as it is written."""
    session = window.session
    dialog, kept, dropped = two_absent_refunds_to_check(qtbot, window)
    announced.clear()
    button = dialog.rows[dropped].drop_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert dialog.status.text() == f"Refund {dropped} will not be sent again."
    assert [(said.text, said.by) for said in announced] == [(dialog.status.text(), dialog.status)]
    announced.clear()
    dialog.check_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(dialog.check_button, Qt.Key.Key_Space)
    assert dialog.status.text().startswith("Asking BeeCloud about 1 refund")
    assert [(said.text, said.by) for said in announced] == [(dialog.status.text(), dialog.status)]
    qtbot.waitUntil(lambda: not session.reconciler.is_checking(kept), timeout=WAIT_MS)


def test_tab_goes_down_refunds_to_check_and_a_refund_dropped_leaves_the_focus_in_it(
    qtbot, window: MainWindow
) -> None:
    """Found by keys alone: in Refunds to check, Tab went from the list to Check now and
    Close, and only then up to each refund's buttons above them (added after the dialog
    was made); and Space on "Don't send it" took the refund's row away with the focus
    in it, leaving the dialog with no focus at all (nothing to see, nothing said). Tab
    goes down the dialog as it is shown, and the focus of a refund dropped goes on down
    it: to the next refund's buttons, or, none left, to what became of them."""
    dialog, first, second = two_absent_refunds_to_check(qtbot, window)
    rows = [dialog.rows[first], dialog.rows[second]]
    expected = [
        *(button for row in rows for button in (row.send_again_button, row.drop_button)),
        dialog.check_button,
        dialog.close_button,
    ]
    rows[0].send_again_button.setFocus(Qt.FocusReason.TabFocusReason)
    stops = []
    for _ in expected:
        stops.append(QApplication.focusWidget())
        qtbot.keyClick(stops[-1], Qt.Key.Key_Tab)
    assert stops == expected
    for row, then in ((rows[0], rows[1].send_again_button), (rows[1], dialog.settled_area)):
        row.drop_button.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(row.drop_button, Qt.Key.Key_Space)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the row goes
        assert QApplication.focusWidget() is then


# -- a refund another console on the data folder dropped or sent again meanwhile ----------


def absent_refund_shown(qtbot, window: MainWindow, day: str) -> tuple[RefundsToCheckDialog, str]:
    """Refunds to check, in front, listing one refund BeeCloud does not have, numbered
    for `day` (today's is offered Send again; an earlier day's, a fresh refund)."""
    refund_no = f"{day}101010RELSE1"
    window.session.journal.record_sending(refund_no, "BC20260101120009", 500, "USD", SANDBOX_ID)
    window.session.journal.mark_absent(refund_no)
    return open_dialog_after_change(qtbot, window), refund_no


def dropped_in_the_other_console(window: MainWindow, refund_no: str) -> JournalEntry:
    other_console = ConsoleStore.open(window.session.data_dir)  # its own connection
    try:
        detail = StoredText("journal.dropped", {"operator": "ann"})
        dropped = other_console.journal.mark_dropped(refund_no, detail)
    finally:
        other_console.close()
    assert dropped is not None
    return dropped


def test_a_fresh_refund_of_one_dropped_in_another_console_meanwhile_says_so(
    qtbot, window: MainWindow, truth
) -> None:
    """Found with two consoles on one data folder: "Start a fresh refund" of a refund
    the other console had dropped meanwhile did nothing and said nothing (the dialog
    stayed, its row still offering the button). The clerk is told it was dropped there,
    and when; nothing is opened or sent in its name."""
    yesterday = china_today(datetime.now(UTC) - timedelta(days=1))
    dialog, refund_no = absent_refund_shown(qtbot, window, yesterday)
    window.tabs.setCurrentWidget(window.bills_tab)
    dropped = dropped_in_the_other_console(window, refund_no)
    qtbot.mouseClick(dialog.rows[refund_no].fresh_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and window.tabs.currentWidget() is window.bills_tab
    assert dialog.status.text() == (
        f"Refund {refund_no} was dropped in another console at "
        f"{about_time_text(dropped.updated_ms)}: Never reached BeeCloud; ann chose not to "
        "send it again. Nothing was done here."
    )
    assert refund_no not in dialog.rows
    assert refunds_of(truth, "BC20260101120009") == []


@pytest.mark.parametrize("button", ["send_again_button", "drop_button"])
def test_a_refund_sent_again_in_another_console_meanwhile_is_not_sent_or_dropped_here(
    qtbot, window: MainWindow, truth, button: str
) -> None:
    """Found with two consoles on one data folder: the other sent the refund again while
    this one's Refunds to check still offered it. "Send again" asked whether to send
    it, saying BeeCloud showed it never arrived, then refused with "can be sent again
    only once BeeCloud has shown that it never arrived"; "Don't send it" did nothing
    and said nothing. Neither asks; each says it was sent again there."""
    window.refund_notice.confirm = Agree()
    dialog, refund_no = absent_refund_shown(qtbot, window, china_today())
    other_console = ConsoleStore.open(window.session.data_dir)
    try:
        other_console.refunds_on_their_way.hold(refund_no)
        other_console.journal.record_resending(refund_no)
        qtbot.mouseClick(getattr(dialog.rows[refund_no], button), Qt.MouseButton.LeftButton)
        assert agreed(window.refund_notice) == []
        assert dialog.status.text() == (
            f"Refund {refund_no} was sent again in another console meanwhile; its answer is "
            "awaited there. Nothing was done here."
        )
        now = entry_of(window.session, refund_no)
        assert (now.state, now.attempts) == (SENDING, 2)
        assert not dialog.rows[refund_no].send_again_button.isVisible()
    finally:
        other_console.close()
    assert refunds_of(truth, "BC20260101120009") == []


def test_send_again_of_a_refund_dropped_in_another_console_meanwhile_says_so(
    qtbot, window: MainWindow
) -> None:
    window.refund_notice.confirm = Agree()
    dialog, refund_no = absent_refund_shown(qtbot, window, china_today())
    dropped = dropped_in_the_other_console(window, refund_no)
    qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
    assert agreed(window.refund_notice) == []
    assert dialog.status.text().startswith(
        f"Refund {refund_no} was dropped in another console at "
        f"{about_time_text(dropped.updated_ms)}"
    )
    assert entry_of(window.session, refund_no).state == DROPPED


def test_a_refund_dropped_in_another_console_while_the_question_was_open_is_not_sent(
    qtbot, window: MainWindow
) -> None:
    dialog, refund_no = absent_refund_shown(qtbot, window, china_today())

    def meanwhile_dropped_there(question: str) -> bool:
        dropped_in_the_other_console(window, refund_no)
        return True

    window.refund_notice.confirm = meanwhile_dropped_there
    qtbot.mouseClick(dialog.rows[refund_no].send_again_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith(f"Refund {refund_no} was dropped in another console")
    assert entry_of(window.session, refund_no).state == DROPPED
    assert not window.session.reconciler.is_in_flight(refund_no)


def test_what_another_console_did_is_said_in_the_language_shown(window: MainWindow) -> None:
    from PySide6.QtCore import QLocale

    from console.gui import i18n

    refund_no = f"{china_today()}101010RELSE2"
    journal = window.session.journal
    journal.record_sending(refund_no, "BC20260101120009", 500, "USD", SANDBOX_ID)
    shown = journal.mark_absent(refund_no)
    assert shown is not None
    dropped = dropped_in_the_other_console(window, refund_no)
    i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        text = moved_elsewhere_text(shown, dropped)
    finally:
        i18n.uninstall()
    assert text is not None and text.startswith(f"退款 {refund_no} 已于 ")
    assert "在另一个控制台中放弃" in text and text.endswith("此处未做任何操作。")
