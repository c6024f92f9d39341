"""The history (console/gui/history.py) in the real window: one mirror per profile,
a damaged mirror made again from the server, closing in the middle of a sync, and
what the status bar says."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import re
import sqlite3
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, QTime
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from console.api import Money, RefundRequest
from console.api.errors import (
    ListContradictionError,
    ListOverrunError,
    PagingError,
    RefundBillMismatchError,
    RefundsExceedBillError,
    UnreadableRecordError,
)
from console.api.ids import new_refund_no
from console.api.models import BillRecord
from console.gui.gateway import JobHandle
from console.gui.history import DONE
from console.gui.jobs import FIND_BILL, FIND_REFUND, REFUND, Action, Job, report_for
from console.gui.left_out_texts import left_out_text
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, Profile
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.tables.history_tab import HistoryTab
from console.sandbox.faults import Fault
from console.store import mirror_file
from console.store import mirror_query as mq
from console.store.mirror import BILLS, Mirror
from console.store.stamps import steady_now_ms
from console.store.sync import LeftOut
from tests.clock_support import time_zone
from tests.connection_support import open_sockets
from tests.file_damage import locked_by_another_program
from tests.gui.conftest import DEMO_BILLS
from tests.gui.console_support import live_profile
from tests.gui.sandbox_bills import insert_bill
from tests.gui.sandbox_truth import embedded_sandbox_client, sandbox_of
from tests.gui.tab_drivers import (
    WAIT_MS,
    click_save,
    column,
    fill_card,
    pay_and_wait,
    show_tab,
)
from tests.mirror_support import ListRewritingHost, pages_of
from tests.net_support import CountingProxy, closed_port_url


def test_each_profile_has_a_mirror_of_its_own(window: MainWindow, qtbot) -> None:
    session = window.session
    bills = show_tab(window, window.bills_tab, qtbot)
    sandbox_mirror = session.history.mirror
    assert sandbox_mirror.count(BILLS) == DEMO_BILLS
    assert sandbox_mirror.path is not None and sandbox_mirror.path.parent.name == "mirrors"
    profile = Profile.new_live("Shop", "app-1", (closed_port_url(),))
    session.profiles.save(profile)
    session.secrets.set(profile.id, "not-a-real-secret")
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        session.activate(profile.id)
    shop_mirror = session.history.mirror
    assert shop_mirror is not sandbox_mirror and shop_mirror.path != sandbox_mirror.path
    assert shop_mirror.count(BILLS) == 0 and bills.model.rowCount() == 0
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        session.activate("sandbox")
    assert bills.model.rowCount() == DEMO_BILLS


def test_a_profile_given_another_app_id_shows_none_of_the_old_apps_history(
    window: MainWindow, qtbot
) -> None:
    """Another App ID is another account: its history starts afresh (the old app's bills
    neither listed nor summed as the new one's), and the sync of the old one stops."""
    session = window.session
    bills = show_tab(window, window.bills_tab, qtbot)
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        profile = live_profile(session, "Shop", (sandbox_of(session).base_url,))
    assert bills.model.rowCount() == DEMO_BILLS
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    dialog.select(profile.id)
    dialog.app_id_edit.setText("another-app")
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        click_save(qtbot, dialog)
    assert session.profile.app_id == "another-app"
    assert session.history.mirror.app_id == "another-app"
    assert session.history.mirror.count(BILLS) == 0 and bills.model.rowCount() == 0


def test_a_sync_after_another_console_gave_the_profile_another_app_id_syncs_the_new_app(
    window: MainWindow, qtbot
) -> None:
    """Another console gave the profile in use another App ID (and its secret): the
    next sync here was refused (it would have filled the old app's history with the new
    one's bills) and the Bills tab went on saying "The profile was changed … try again"
    until a Reload. The sync after the band shows the new app is made at once."""
    session = window.session
    bills = show_tab(window, window.bills_tab, qtbot)
    secret = session.credentials().secret  # the sandbox app's
    profile = Profile.new_live("Shop", "old-app", (sandbox_of(session).base_url,))
    session.profiles.save(profile)
    session.secrets.set(profile.id, "the-old-apps-secret")
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        session.activate(profile.id)  # refused by the sandbox: another app
    there = replace(profile, app_id=SANDBOX_APP_ID).under_new_keyring_entry()
    session.secrets.set(there.secret_key, secret)
    session.profiles.save(there)  # as the other console's Profiles… leaves it
    ended: list[str] = []
    session.history.sync_ended.connect(ended.append)
    session.history.sync()
    qtbot.waitUntil(lambda: DONE in ended, timeout=WAIT_MS)
    assert session.profile.app_id == SANDBOX_APP_ID
    assert session.history.failure is None
    qtbot.waitUntil(lambda: bills.model.rowCount() == DEMO_BILLS, timeout=WAIT_MS)


def test_a_sync_that_failed_by_itself_tells_its_whole_reason_at_the_status_bar(
    window: MainWindow, qtbot
) -> None:
    """A sync the clerk did not ask for (at start, every few minutes) said only "The sync
    failed (No server answered)": the hosts tried and why are the status bar's tooltip."""
    session = window.session
    show_tab(window, window.bills_tab, qtbot)
    host = closed_port_url()
    profile = Profile.new_live("Shop", "app-1", (host,))
    session.profiles.save(profile)
    session.secrets.set(profile.id, "not-a-real-secret")
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        session.activate(profile.id)
    label = window.history_label
    qtbot.waitUntil(lambda: "Offline" in label.text(), timeout=WAIT_MS)
    assert host in label.toolTip() and host not in label.text()
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        session.activate("sandbox")
    qtbot.waitUntil(lambda: "Offline" not in label.text(), timeout=WAIT_MS)
    assert label.toolTip() == ""


def test_a_mirror_found_damaged_is_made_again_from_the_server(
    window: MainWindow, qtbot, caplog
) -> None:
    session = window.session
    bills = show_tab(window, window.bills_tab, qtbot)
    shown = column(bills, "bill_no")
    history = session.history
    mirror = history.mirror
    path = mirror.path
    assert path is not None
    mirror._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    mirror.close()  # as when the console closes; the file is damaged before the next start
    history._mirrors.clear()
    size = path.stat().st_size
    with path.open("r+b") as file:  # its second half overwritten
        file.seek(size // 2)
        file.write(b"\xa5" * (size - size // 2))
    caplog.set_level(logging.WARNING)
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS) as ended:
        bills.refresh()
    if ended.args == ["stopped"]:  # the sync that found the damage; the next one fills it
        qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bills.model.rowCount() == DEMO_BILLS, timeout=WAIT_MS)
    assert column(bills, "bill_no") == shown
    assert "made again: it was damaged" in caplog.text  # at opening, or at its first use
    assert not bills.outcome.isVisible()


def test_a_history_another_console_made_again_is_synced_into_the_new_file(
    window: MainWindow, qtbot
) -> None:
    """Two consoles on one profile: the other found the history damaged and made it
    again (deleted, with its -wal and -shm, a new one in its place). This one went on
    syncing into the deleted file until it was restarted: the file both share stayed
    empty, this one's lists and the other's drifted apart. Its next sync opens the new
    file, says so, and fills it."""
    session = window.session
    bills = show_tab(window, window.bills_tab, qtbot)
    assert bills.model.rowCount() == DEMO_BILLS
    path = session.history.mirror.path
    assert path is not None
    other_console = Mirror.open(path, SANDBOX_APP_ID, remake="it was damaged")
    try:
        assert other_console.count(BILLS) == 0
        told = qtbot.waitSignal(session.history.told, timeout=WAIT_MS)
        with told, qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
            bills.refresh()
        assert told.args == ["The history was made again by another console; syncing anew."]
        assert other_console.count(BILLS) == DEMO_BILLS
        qtbot.waitUntil(lambda: bills.model.rowCount() == DEMO_BILLS, timeout=WAIT_MS)
    finally:
        other_console.close()


def test_a_mirror_another_program_holds_locked_is_kept_and_said_so(
    window: MainWindow, qtbot, caplog, monkeypatch
) -> None:
    """Another program holds the mirror's file locked (locking_mode=EXCLUSIVE) when the
    console opens it: SQLite says "database is locked". The file is kept as it is, the
    history of this session is kept in memory and synced there, and the status bar says
    why. It was "made again: it was damaged (database is locked)", the synced history
    deleted from under the other program."""
    session = window.session
    history = session.history
    bills = show_tab(window, window.bills_tab, qtbot)
    mirror = history.mirror
    path = mirror.path
    assert path is not None
    mirror.close()
    history._mirrors.clear()
    monkeypatch.setattr(mirror_file, "BUSY_TIMEOUT_MS", 50)
    caplog.set_level(logging.WARNING)
    with locked_by_another_program(path):
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
            bills.refresh()
        assert ended.args == ["done"]
        assert history.mirror.path is None
        qtbot.waitUntil(lambda: bills.model.rowCount() == DEMO_BILLS, timeout=WAIT_MS)
        label = window.history_label.text()
        assert label.startswith("History as of"), label
        assert label.endswith(
            "— the history file is locked by another program; this session's history is in "
            "memory only"
        ), label
        assert "made again" not in caplog.text
    kept = sqlite3.connect(path)
    try:
        assert kept.execute("SELECT count(*) FROM bills").fetchone() == (DEMO_BILLS,)
    finally:
        kept.close()


def test_a_mirror_locked_at_start_is_used_again_once_released_keeping_the_view(
    window: MainWindow, qtbot, caplog, monkeypatch
) -> None:
    """The history file was locked by another program when the console opened it (this
    session's history in memory). Once the program lets it go, the next sync (Reload,
    or the timer's) brings the file up to date by its own sync and then shows it: the
    rows, the selected bill and the filter stay, the status bar no longer says "in
    memory only" and says the file is used again, and a bill synced meanwhile is in the
    file. The console kept the in-memory history until it was started again, and what
    its syncs brought was lost at closing."""
    session = window.session
    history = session.history
    bills = show_tab(window, window.bills_tab, qtbot)
    mirror = history.mirror
    path = mirror.path
    assert path is not None
    mirror.close()
    history._mirrors.clear()
    monkeypatch.setattr(mirror_file, "BUSY_TIMEOUT_MS", 50)
    with locked_by_another_program(path):
        insert_bill(session, "BCMEANTIME0001")
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
            bills.refresh()
        assert history.mirror.path is None
        qtbot.waitUntil(lambda: bills.model.rowCount() == DEMO_BILLS + 1, timeout=WAIT_MS)
        assert "memory only" in window.history_label.text()
        assert "tried again at each sync" in window.history_label.toolTip()
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
            bills.refresh()  # still locked: it stays in memory, the window never waits
        assert history.mirror.path is None
    bills.view.selectRow(4)
    selected = bills.record_at(4).bill_no
    shown = column(bills, "bill_no")
    in_memory = history.mirror
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
        bills.refresh()
    assert ended.args == [DONE]
    assert history.mirror.path == path and history.mirror is not in_memory
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert column(bills, "bill_no") == shown
    rows = bills.view.selectionModel().selectedRows()
    assert [bills.record_at(index.row()).bill_no for index in rows] == [selected]
    label = window.history_label.text()
    assert label.startswith("History as of") and "memory" not in label, label
    assert "tried again" not in window.history_label.toolTip()
    assert "The history file can be used again" in window.statusBar().currentMessage()
    kept = sqlite3.connect(path)
    try:
        assert kept.execute("SELECT count(*) FROM bills").fetchone() == (DEMO_BILLS + 1,)
    finally:
        kept.close()


def test_rows_copied_while_the_history_file_comes_back_wait_for_their_ids(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """The clerk selected 400 bills of the history kept in memory (its file locked at
    start) and presses Ctrl+C just as a sync shows the file in its place, its ids still
    being read: the copy waits for them, as one of rows still being counted does. The
    rows not read before the switch (past the first 300) were copied empty, and
    "Copied 400 rows." said."""
    session = window.session
    history = session.history
    for n in range(500 - DEMO_BILLS):
        insert_bill(session, f"BCCOPY{n:010d}", created_time=1_790_000_000_000 + n)
    bills = show_tab(window, window.bills_tab, qtbot)
    path = history.mirror.path
    assert path is not None
    history.mirror.close()
    history._mirrors.clear()
    monkeypatch.setattr(mirror_file, "BUSY_TIMEOUT_MS", 50)
    with locked_by_another_program(path):
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
            bills.refresh()
        assert history.mirror.path is None
    qtbot.waitUntil(
        lambda: bills.model.complete and bills.model.rowCount() == 500,
        timeout=WAIT_MS,
    )
    model = bills.model
    whole = QItemSelection(model.index(0, 0), model.index(399, model.columnCount() - 1))
    bills.view.selectionModel().select(whole, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    model._forget_records()  # the clerk saw only the first rows: the others are not read
    go, all_ids = threading.Event(), mq.all_ids

    def held(*args: object, **kwargs: object) -> object:  # the file's ids, read slowly
        go.wait(WAIT_MS / 1000)
        return all_ids(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mq, "all_ids", held)
    try:
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
            history.sync()
        assert history.mirror.path == path and not model.complete
        QGuiApplication.clipboard().clear()
        with qtbot.waitSignal(bills.view.told, timeout=WAIT_MS) as told:
            bills.view.copy_selected_rows()
        assert told.args == ["The list is still being counted: copy the rows selected in a moment."]
        assert QGuiApplication.clipboard().text() == ""
    finally:
        go.set()
    qtbot.waitUntil(lambda: model.complete, timeout=WAIT_MS)


def test_closing_in_the_middle_of_a_sync_ends_cleanly(window: MainWindow, qtbot, caplog) -> None:
    session = window.session
    sandbox_of(session).faults.set("bills", Fault("latency", 300))
    caplog.set_level(logging.INFO)
    window.tabs.setCurrentWidget(window.bills_tab)
    assert session.history.syncing
    window.close()
    session.shutdown()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


def test_closing_while_a_sync_writes_at_length_ends_the_write_at_once(
    window: MainWindow, qtbot, caplog, monkeypatch
) -> None:
    """A sync that forgets a million rows writes for seconds in one transaction. Closing
    meanwhile interrupts that write (rolled back: the next sync does it again) before
    waiting for the sync's thread: nothing is left running, no error, no damage."""
    writing = threading.Event()
    endless = (
        "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000000)"
        " SELECT count(*) FROM n"
    )

    def forget_at_length(mirror: Mirror, *args: object) -> int:
        with mirror.writing() as db:
            db.set_progress_handler(lambda: writing.set(), 10_000)
            db.execute(endless).fetchone()
        return 0

    monkeypatch.setattr(Mirror, "forget_unseen", forget_at_length)
    session = window.session
    mirror = session.history.mirror
    caplog.set_level(logging.INFO)
    window.tabs.setCurrentWidget(window.bills_tab)  # the sync at start
    qtbot.waitUntil(writing.is_set, timeout=WAIT_MS)
    stuck = threading.Timer(8.0, mirror._writer.interrupt)  # a failing test ends
    stuck.start()
    try:
        window.close()
        session.shutdown()
    finally:
        stuck.cancel()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert not mirror.damaged
    assert not [t.name for t in threading.enumerate() if t.name.startswith("api-call")]


def test_the_status_bar_says_how_old_the_history_is(window: MainWindow, qtbot) -> None:
    label = window.history_label
    show_tab(window, window.bills_tab, qtbot)
    assert re.fullmatch(
        rf"History as of \d\d:\d\d: {DEMO_BILLS} bills, \d+ refunds", label.text()
    ), label.text()
    with qtbot.waitSignal(window.session.history.sync_started, timeout=WAIT_MS):
        window.bills_tab.refresh()
    assert label.text().startswith("Syncing the history")
    qtbot.waitUntil(lambda: label.text().startswith("History as of"), timeout=WAIT_MS)


def test_the_status_bar_says_the_day_of_the_last_sync_once_midnight_has_passed(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """ "History as of 14:02" stayed in the status bar past midnight when no sync came
    (the sync every few minutes is a setting, 0 for none) and read as today's. Once
    midnight has passed the status bar is said again, now with the day; also when the
    computer slept through it: the day is looked at every minute, where a timer set for
    midnight (its clock stops while the computer sleeps) fired as late as it slept."""
    from datetime import timedelta

    from console.gui import history as history_module

    label = window.history_label
    show_tab(window, window.bills_tab, qtbot)
    assert re.fullmatch(r"History as of \d\d:\d\d: .*", label.text()), label.text()
    watch = window.session.history.day_watch
    assert watch.isActive() and not watch.isSingleShot() and watch.interval() <= 60_000
    watch.timeout.emit()  # the same day: nothing said again
    assert re.fullmatch(r"History as of \d\d:\d\d: .*", label.text()), label.text()
    monkeypatch.setattr(history_module, "today", lambda: date.today() + timedelta(days=1))
    watch.timeout.emit()
    assert re.fullmatch(r"History as of \d{1,2} [A-Z][a-z]{2} \d\d:\d\d: .*", label.text())


def test_the_status_bar_says_the_history_s_time_again_in_another_time_zone(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """A laptop carried from London to Shanghai (or back) on the same date, no sync since
    (the server out of reach, or no timer): the status bar went on saying the time of
    the zone left ("as of 22:05" in London is 06:05 the next day in Shanghai; back in
    London, Shanghai's "as of 06:05" a time London's clock had not reached). The minute's
    look at the clock says it again in the zone of now."""

    from console.gui import history as history_module
    from console.gui.i18n import moment_text

    label = window.history_label
    show_tab(window, window.bills_tab, qtbot)
    history = window.session.history
    as_of = history.as_of_ms()
    assert as_of is not None
    day = date.today()
    monkeypatch.setattr(history_module, "today", lambda: day)  # the same date in both

    def said_as_of() -> str:
        return label.text().removeprefix("History as of ").rsplit(": ", 1)[0]

    with time_zone("Europe/London"):
        history.day_watch.timeout.emit()  # the minute's look at the clock
        london = said_as_of()
        assert london == moment_text(as_of, day)
        with time_zone("Asia/Shanghai"):
            history.day_watch.timeout.emit()
            assert said_as_of() == moment_text(as_of, day) != london


def test_a_time_zone_set_while_the_console_runs_moves_the_days_summed(
    window: MainWindow, qtbot
) -> None:
    """The computer's zone set to another while the console runs (a laptop carried from
    London to Shanghai), nothing written to the history since (offline, no sync): the
    minute's look at the clock reads the zone again, and the per-day sums the Overview
    reads are made again in it. They stayed of the zone left until the next write, a
    bill of 23:30 in London summed on its London day while Bills showed it under the
    next day's date."""
    # 2020-03-01 23:30 UTC, 2020-03-02 07:30 in Shanghai
    days = date(2020, 3, 1), date(2020, 3, 2)
    carried_offline(window, qtbot, ("UTC", "Asia/Shanghai"), 1_583_105_400_000, days)


def carried_offline(
    window: MainWindow, qtbot, zones: tuple[str, str], paid_ms: int, days: tuple[date, date]
) -> None:
    """A bill paid at `paid_ms` summed on days[0] in zones[0]; the computer's zone set
    to zones[1] while the console runs, nothing written to the history (no sync: a
    write redoes the sums in the zone of the moment, and a test passed without the
    minute's look), it is summed on days[1] once the minute's look comes."""
    history = window.session.history
    mirror = history.mirror
    first, last = min(days), max(days)

    def paid_days() -> list[date]:
        return [day for day, *_ in mq.day_sums(mirror.reader(), first, last).paid_days]

    history.set_sync_minutes(0, keep=False)  # the start's sync ended, no other
    qtbot.waitUntil(lambda: history.as_of_ms() is not None and not history.syncing, timeout=WAIT_MS)

    def summing() -> bool:  # the day sums made again in a zone seen, on a thread
        return any(thread.name == "zone-sums" for thread in threading.enumerate())

    with time_zone(zones[0]):
        history.day_watch.timeout.emit()  # the zone seen
        qtbot.waitUntil(lambda: not summing(), timeout=WAIT_MS)
        bill = BillRecord(
            f"BCZONE{paid_ms:010d}", 100, "PAYPAL_PAYPAL", "Lamp", True, paid_ms, "USD"
        )
        mirror.put_bills([bill], 1)
        assert paid_days() == [days[0]]
        with time_zone(zones[1], told=False):
            history.day_watch.timeout.emit()
            qtbot.waitUntil(lambda: paid_days() == [days[1]], timeout=WAIT_MS)


def test_the_status_bar_never_says_a_time_to_come_after_the_clock_was_set_back(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """This computer's clock set back two hours after a sync: the status bar said
    "History as of 23:14" at 21:00, a time still to come, until the next sync. The
    minute's look at the clock says so now, and the time the history is of stays."""
    from console.gui import history as history_module

    label = window.history_label
    show_tab(window, window.bills_tab, qtbot)
    as_of = label.text()
    assert re.fullmatch(r"History as of \d\d:\d\d: .*", as_of), as_of
    now_ms = history_module.now_ms
    monkeypatch.setattr(history_module, "now_ms", lambda: now_ms() - 2 * 3_600_000)
    window.session.history.day_watch.timeout.emit()  # the minute's look at the clock
    when = as_of.removeprefix("History as of ").split(":", 2)
    assert label.text() == (
        f"History as of {when[0]}:{when[1]} (this computer's clock was set back since):{when[2]}"
    )
    monkeypatch.setattr(history_module, "now_ms", now_ms)  # put right
    window.session.history.day_watch.timeout.emit()
    assert label.text() == as_of


def test_a_sync_of_the_timer_due_while_the_computer_slept_comes_once_it_wakes(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """The console left open over a weekend, the computer asleep: the sync every 5
    minutes (a timer whose clock stops while the computer sleeps) came as late as the
    minutes left before it slept, and every 60 minutes up to an hour after the clerk was
    back. Once the clock that counts the sleep says a sync is due, it comes within a
    minute, once; not while the timer's sync is not yet due."""
    from console.gui import history as history_module

    history = window.session.history
    show_tab(window, window.bills_tab, qtbot)
    assert history.sync_minutes() == 5
    watch = history.day_watch
    with qtbot.assertNotEmitted(history.sync_started):
        watch.timeout.emit()  # awake: the timer's sync is not due
    woke = steady_now_ms() + 60 * 3600 * 1000  # Friday evening to Monday morning
    monkeypatch.setattr(history_module, "steady_now_ms", lambda: woke)
    with qtbot.waitSignal(history.sync_started, timeout=WAIT_MS):
        watch.timeout.emit()
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)
    with qtbot.assertNotEmitted(history.sync_started):
        watch.timeout.emit()  # synced since: not again
    assert history._every.remainingTime() > 4 * 60_000  # the timer counts from that sync
    history.set_sync_minutes(0)
    woke += 60 * 3600 * 1000
    with qtbot.assertNotEmitted(history.sync_started):
        watch.timeout.emit()  # no sync by the timer: none on waking either


def test_a_week_of_timer_syncs_leaves_nothing_behind(window: MainWindow, qtbot) -> None:
    """A console left open all week syncs some two thousand times (every 5 minutes); sixty
    in a row stand for them here: each sync, with new bills to bring or none, lets go of
    its thread, its connections, its job and the Qt objects it made, and the Python
    objects alive do not pile up."""
    history = window.session.history
    bills = show_tab(window, window.bills_tab, qtbot)

    def syncs(count: int, first: int) -> None:
        for number in range(first, first + count):
            if number % 10 == 0:  # now and then a bill made since the last sync
                insert_bill(window.session, f"WEEKLONG{number:05d}")
            with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
                history._on_timer()  # what the timer does every few minutes
            assert ended.args == [DONE]

    store = sandbox_of(window.session).store
    assert store is not None
    sandbox_file = str(store.path)

    def console_files() -> int:
        """The files this process holds open but the sandbox's (each of its server's
        threads opens it at its first request)."""
        count = 0
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):  # the listing's own descriptor is gone
                count += not os.readlink(f"/proc/self/fd/{fd}").startswith(sandbox_file)
        return count

    def held() -> tuple[int, ...]:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # gone
        gc.collect()
        return (
            console_files(),
            open_sockets(),
            sum(isinstance(item, JobHandle) for item in gc.get_objects()),
            len(window.findChildren(QObject)),
            len(window.session.findChildren(QObject)),
            len(QApplication.allWidgets()),
        )

    syncs(10, 0)  # the caches of a first few syncs filled
    qtbot.waitUntil(lambda: not window.session.gateway.running(), timeout=WAIT_MS)
    threads, before, objects = threading.active_count(), held(), len(gc.get_objects())
    syncs(50, 10)
    qtbot.waitUntil(lambda: threading.active_count() <= threads, timeout=WAIT_MS)

    def let_go() -> bool:  # (a connection the sandbox's server is closing may be open still)
        return all(now <= then for now, then in zip(held(), before, strict=True))

    qtbot.waitUntil(let_go, timeout=WAIT_MS)
    assert len(gc.get_objects()) - objects < 2_000  # a few hundred come and go
    assert f"{DEMO_BILLS + 6} bills" in window.history_label.text()
    # the table counts the last sync's rows on its ids' thread (one read after another)
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert bills.model.rowCount() == DEMO_BILLS + 6


def test_a_history_that_cannot_be_read_is_said_so_in_the_status_bar(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """A count that fails (a damaged page of the file, found by it) is said in the status
    bar, in words: no dialog of an unexpected error. The next sync makes the file again."""
    label = window.history_label
    show_tab(window, window.bills_tab, qtbot)

    def damaged(*args: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(Mirror, "synced", damaged)
    window.session.history.state_changed.emit()  # as a sync's page would
    assert label.text() == "The history cannot be read just now"


def test_a_sync_that_cannot_write_the_history_says_why(
    window: MainWindow, qtbot, caplog, monkeypatch
) -> None:
    """A full disk, or a file another console keeps busy longer than SQLite waits:
    the sync stops and the status bar says the history could not be written, and
    SQLite's own words are in the log. It was "Something went wrong", an unexpected
    error with its traceback in the log."""
    label = window.history_label
    show_tab(window, window.bills_tab, qtbot)

    def full_disk(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Mirror, "put_bills", full_disk)
    caplog.set_level(logging.INFO)
    with qtbot.waitSignal(window.session.history.sync_ended, timeout=WAIT_MS) as ended:
        window.session.history.sync(full=True)
    assert ended.args == ["failed"]
    assert label.text().startswith("The sync failed (The history could not be written)")
    assert "database or disk is full" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault("busy-429", 120), "The server asked to wait until "),
        (Fault("down-503"), "The server is busy or down for maintenance"),
    ],
)
def test_a_sync_a_busy_server_refused_says_it_asked_to_wait(
    window: MainWindow, qtbot, fault: Fault, reason: str
) -> None:
    """A server busy or down for maintenance (429, 503) is said so in the status bar,
    with the wait it asked for: not "No server was asked" (the sync that comes while it
    is left alone) nor "The server answered with an error"."""
    label = window.history_label
    show_tab(window, window.bills_tab, qtbot)
    sandbox_of(window.session).faults.set("bills", fault)
    for _sync in range(2):  # the second one, while the server is left alone
        with qtbot.waitSignal(window.session.history.sync_ended, timeout=WAIT_MS) as ended:
            window.session.history.sync()
        assert ended.args == ["failed"]
        assert label.text().startswith(f"The sync failed ({reason}"), label.text()


def test_a_sync_that_another_console_keeps_waiting_says_so_not_that_the_disk_is_full(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """Another console on the same profile writes its history at length (a repair of a
    million bills takes seconds), longer than SQLite waits: the sync stops, and what the
    clerk reads names that, not a full disk ("Is the disk full?" was said of every
    history that could not be written)."""
    session = window.session
    history = session.history
    bills = show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)
    path = history.mirror.path
    assert path is not None
    history.mirror.close()
    history._mirrors.clear()
    monkeypatch.setattr(mirror_file, "BUSY_TIMEOUT_MS", 50)
    other_console = sqlite3.connect(path, isolation_level=None)
    try:
        other_console.execute("BEGIN IMMEDIATE")  # its write, not committed yet
        other_console.execute("DELETE FROM bills WHERE rowid IN (SELECT rowid FROM bills LIMIT 1)")
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
            bills.load()  # Reload
        assert ended.args == ["failed"]
        assert history.mirror.path == path, "the file is kept, not replaced by one in memory"
        said = bills.outcome.body.text()
        assert "database is locked" in said
        assert "disk is full" not in said and "Is the disk full" not in said, said
        assert "another console or program is writing it" in said, said
    finally:
        other_console.execute("ROLLBACK")
        other_console.close()


def test_a_first_sync_that_stops_half_way_says_the_history_is_incomplete(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """The first sync of a history fails after its first page (a full disk): the table
    shows that page, and says the history is incomplete, not that there is none."""
    bills = show_tab(window, window.bills_tab, qtbot)
    history = window.session.history
    history.mirror.clear()  # as before a first sync
    put_bills = Mirror.put_bills
    pages: list[int] = []

    def full_after_one_page(mirror: Mirror, records: object, *args: object) -> None:
        if pages:
            raise sqlite3.OperationalError("database or disk is full")
        pages.append(1)
        put_bills(mirror, records, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Mirror, "put_bills", full_after_one_page)
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
        history.sync()
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert 0 < bills.model.rowCount() < DEMO_BILLS
    assert bills.count_label.text().endswith(" · sync failed, history incomplete")
    assert window.history_label.text() == (
        "The sync failed (The history could not be written) — showing an incomplete history "
        f"({bills.model.rowCount()} bills, 0 refunds)"
    )


def test_a_sync_on_a_full_disk_says_so_in_the_status_bar(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """Found with a full home folder: the status bar said only "The sync failed (The
    history could not be written)"; that the disk is full was in its tooltip alone. The
    few words the status bar has name the full disk."""
    bills = show_tab(window, window.bills_tab, qtbot)
    history = window.session.history
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)

    def full_disk(mirror: Mirror, records: object, *args: object) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL  # as SQLite's own carries it
        raise error

    monkeypatch.setattr(Mirror, "put_bills", full_disk)
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
        history.sync(full=True)
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    said = window.history_label.text()
    assert said.startswith(
        "The sync failed (The history could not be written: the disk is full) — showing data as of "
    ), said


def test_a_first_sync_cut_off_half_way_says_offline_with_an_incomplete_history(
    window: MainWindow, qtbot
) -> None:
    """The server goes away during the first sync of a history, after the bills and
    before the refunds: offline, and the history shown is incomplete."""
    bills = show_tab(window, window.bills_tab, qtbot)
    history = window.session.history
    history.mirror.clear()  # as before a first sync
    sandbox_of(window.session).faults.set("refunds", Fault("drop-before"))
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
        history.sync()
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert bills.model.rowCount() == DEMO_BILLS
    assert bills.count_label.text().endswith(" · offline, history incomplete")
    assert window.history_label.text() == (
        f"Offline — showing an incomplete history ({DEMO_BILLS} bills, 0 refunds)"
    )


def test_the_history_opens_no_mirror_once_closed(window: MainWindow, qtbot) -> None:
    """Closing the console closes the mirrors; the ids a table's thread read meanwhile
    arrive afterwards and ask how old the history is. That opened the mirror again (a
    tenth of a second for a million bills), never to be closed."""
    history = window.session.history
    show_tab(window, window.bills_tab, qtbot)
    window.close()
    window.session.shutdown()
    history.age_text()
    history.status_text()
    assert history._mirrors == {}
    assert not history.day_watch.isActive()  # no day or sync looked at once closed


def test_a_payment_and_a_refund_made_here_show_in_the_lists_without_a_reload(
    window: MainWindow, qtbot
) -> None:
    """Made here, they are synced into the history at once: the clerk who has just taken a
    payment finds it at the top of the Bills, and its refund at the top of the Refunds,
    without pressing F5 or waiting for the next sync."""
    session = window.session
    bills = show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    payment = window.payment_tab
    window.tabs.setCurrentWidget(payment)
    fill_card(payment)
    bill_no = payment.bill_no_edit.text()
    pay_and_wait(qtbot, payment)
    assert payment.outcome.kind == "success"
    qtbot.waitUntil(lambda: bills.model.rowCount() == DEMO_BILLS + 1, timeout=WAIT_MS)
    assert bills.model.record(0).bill_no == bill_no
    client = embedded_sandbox_client(session)
    refund_no = new_refund_no()
    handle = session.submit(REFUND, RefundRequest(bill_no, refund_no, Money(1250, "USD")), "Refund")
    qtbot.waitSignal(handle.finished, timeout=WAIT_MS).wait()
    refunds = window.refunds_tab
    window.tabs.setCurrentWidget(refunds)

    def newest_is_the_refund() -> bool:
        newest = refunds.model.record(0) if refunds.model.rowCount() else None
        return getattr(newest, "refund_no", None) == refund_no

    qtbot.waitUntil(newest_is_the_refund, timeout=WAIT_MS)
    assert client.find_refund(refund_no) is not None


def test_a_payment_made_while_a_sync_runs_is_synced_after_it(window: MainWindow, qtbot) -> None:
    """The sync running may have listed the bills before the payment was made: another
    one follows it."""
    session = window.session
    bills = show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    sandbox_of(session).faults.set("bills", Fault("latency", 300))
    session.history.sync()
    assert session.history.syncing
    payment = window.payment_tab
    window.tabs.setCurrentWidget(payment)
    fill_card(payment)
    bill_no = payment.bill_no_edit.text()
    pay_and_wait(qtbot, payment)
    sandbox_of(session).faults.clear()
    qtbot.waitUntil(
        lambda: bills.model.rowCount() == DEMO_BILLS + 1 and not session.history.syncing,
        timeout=WAIT_MS,
    )
    assert bills.model.record(0).bill_no == bill_no


def test_a_server_that_does_not_page_is_told_in_words(qapp) -> None:
    report = report_for(PagingError("bills", 2))
    assert report.kind == "bad_answer"
    assert report.message == (
        "The server listed the same bills again on page 2: it does not page its lists, "
        "so they cannot be read to the end. The history keeps what it had."
    )


def test_a_server_whose_lists_do_not_end_is_told_in_words(qapp) -> None:
    """Only what was seen: its list and its count far apart. Whether the list would not
    end or the count is wrong (a server counting 3 of 700 bills) is not known: it said
    "its lists do not end" of both."""
    report = report_for(ListOverrunError("refunds", 5000, 60))
    assert report.kind == "bad_answer"
    assert report.message == (
        "The server listed 5,000 refunds of a stretch in which it counts 60 refunds, and "
        "went on: its list and its count are too far apart to be read to the end (one of "
        "them is wrong), so the sync stopped. The history keeps what it read; if it goes "
        "on, tell BeeCloud support."
    )


def test_a_server_whose_lists_give_one_number_to_two_records_is_told_in_words(qapp) -> None:
    report = report_for(ListContradictionError("refunds", 3, "20260101R001"))
    assert report.kind == "bad_answer"
    assert report.message == (
        "The server listed two different refunds numbered 20260101R001 (the second on "
        "page 3): its lists contradict themselves, so they were read no further. The "
        "history keeps neither."
    )


def test_records_left_out_are_named_a_few_at_a_time(qapp) -> None:
    """The tooltip names a refund and a bill left out, each with why, and counts those
    past the first five: a server that lies on every page must not make it screens long."""
    refund = LeftOut(
        "refunds",
        "20260101R001",
        1,
        RefundBillMismatchError("20260101R001", "BC01", 5000, 1000, "USD"),
    )
    bill = LeftOut(
        "bills", "BC02", 1, RefundBillMismatchError("20260101R002", "BC02", 1000, 100, "EUR")
    )
    twice = [
        LeftOut("refunds", f"20260101R1{n:02d}", 1, ListContradictionError("refunds", 2, "x"))
        for n in range(5)
    ]
    lines = left_out_text((refund, bill, *twice), 7).split("\n")
    assert lines[1:4] == [
        "• Refund 20260101R001: listed as made from a bill of USD 50.00, but bill BC01 as one "
        "of USD 10.00.",
        "• Bill BC02: listed as one of EUR 1.00, but its refund 20260101R002 as made from a "
        "bill of EUR 10.00.",
        "• Refund 20260101R100: listed as two different refunds.",
    ]
    assert lines[6:] == ["… and 2 more"]


def test_refunds_that_together_refund_more_than_their_bill_are_named_with_the_sums(
    qapp,
) -> None:
    why = RefundsExceedBillError("20260101R003", "BC04", 1600, 1000, "USD")
    left_out = (LeftOut("refunds", "20260101R003", None, why),)
    assert left_out_text(left_out, 1).split("\n")[1:] == [
        "• Refund 20260101R003: one of the successful refunds of bill BC04, which together "
        "refund USD 16.00 of USD 10.00.",
    ]


def test_a_record_that_cannot_be_read_is_named_by_its_number_or_its_page(qapp) -> None:
    with_number = UnreadableRecordError("bills", 2, 0, "BC03", None, "ValueError()")
    without = UnreadableRecordError("refunds", 3, 7, None, None, "KeyError('refund_no')")
    left_out = (LeftOut("bills", "BC03", None, with_number), LeftOut("refunds", "", None, without))
    assert left_out_text(left_out, 2).split("\n")[1:] == [
        "• Bill BC03: listed in a form that cannot be read.",
        "• A refund on page 3: listed in a form that cannot be read, without a number.",
    ]


def test_a_record_found_is_the_answer_even_when_the_history_cannot_keep_it(
    qtbot, session: ConsoleSession, caplog
) -> None:
    """The history's mirror closed (the console closing) or its file unwritable while a
    look-up ran: the bill found is still its answer; that it was not kept is logged."""
    insert_bill(session, "FOUNDNOTKEPT1")
    mirror = Mirror.in_memory(session.profile.app_id)
    mirror.close()
    credentials = session.credentials()
    handle = session.gateway.submit(
        Job(FIND_BILL, "FOUNDNOTKEPT1", credentials, "Looking", keep_in=mirror)
    )
    with qtbot.waitSignal(handle.finished, timeout=WAIT_MS) as found:
        pass
    assert isinstance(found.args[0], BillRecord) and found.args[0].bill_no == "FOUNDNOTKEPT1"
    assert "records fetched could not be kept in the history" in caplog.text


@pytest.mark.parametrize("action", [FIND_BILL, FIND_REFUND])
def test_a_record_looked_up_anywhere_is_kept_in_the_history_and_shown(
    window: MainWindow, qtbot, action: Action
) -> None:
    """A payment's check, the Refund tab's look-up of a bill, a refund's check: what
    BeeCloud says of that record is kept in the history at once, so that the Bills
    and Refunds tabs never show an older state of it (a bill unpaid that the check
    just found paid) until the next sync."""
    session = window.session
    show_tab(window, window.bills_tab, qtbot)
    bill_no, refund_no = "LOOKEDUP00001", new_refund_no()
    insert_bill(session, bill_no)
    store = sandbox_of(session).store
    assert store is not None
    store.insert_refund(session.profile.app_id, refund_no, bill_no, 1234)
    number = bill_no if action is FIND_BILL else refund_no
    with qtbot.waitSignal(session.history.changed, timeout=WAIT_MS):
        session.submit(action, number, "Checking")
    mirror = session.history.mirror
    tab: HistoryTab
    if action is FIND_BILL:
        assert bill_no in {bill.bill_no for bill in mirror.bills()}
        assert refund_no not in {refund.refund_no for refund in mirror.refunds()}
        tab, key = window.bills_tab, "bill_no"
    else:
        assert refund_no in {refund.refund_no for refund in mirror.refunds()}
        tab, key = window.refunds_tab, "refund_no"
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: number in column(tab, key), timeout=WAIT_MS)


def test_a_bills_refunds_listed_by_the_refund_tab_are_kept_in_the_history_and_shown(
    window: MainWindow, qtbot
) -> None:
    """The Refund tab lists a bill's earlier refunds from the server: what it lists is
    kept in the history too, so the Refunds tab shows them without waiting for a sync."""
    session = window.session
    show_tab(window, window.refunds_tab, qtbot)
    qtbot.waitUntil(lambda: not session.gateway.running(), timeout=WAIT_MS)
    bill_no, refund_no = "LISTEDREFUND01", new_refund_no()
    insert_bill(session, bill_no)
    store = sandbox_of(session).store
    assert store is not None
    store.insert_refund(session.profile.app_id, refund_no, bill_no, 1234)
    window.refund_bill(bill_no)
    qtbot.waitUntil(lambda: window.refund_tab.history_table.rowCount() == 1, timeout=WAIT_MS)
    mirror = session.history.mirror
    qtbot.waitUntil(
        lambda: refund_no in {refund.refund_no for refund in mirror.refunds()}, timeout=WAIT_MS
    )
    window.tabs.setCurrentWidget(window.refunds_tab)
    qtbot.waitUntil(lambda: refund_no in column(window.refunds_tab, "refund_no"), timeout=WAIT_MS)


def test_a_history_the_server_counts_otherwise_is_said_to_be_so(window: MainWindow, qtbot) -> None:
    """A server whose pages are shorter than asked: the sync ends with the history
    holding fewer bills than the server counts. The status bar does not claim a history
    complete as of the sync: it says the server counts otherwise."""
    session = window.session
    target = sandbox_of(session).base_url
    with ListRewritingHost(target, pages_of(20)) as host:
        live_profile(session, "Short pages", (host.url,), read_timeout=5)
        history = session.history
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
            history.sync()
        assert ended.args == ["done"]
        assert window.history_label.text().endswith(
            " — the server counts otherwise: the history may be incomplete"
        )
        assert window.history_label.text().startswith("History as of ")
        window.tabs.setCurrentWidget(window.bills_tab)
        label = window.bills_tab.count_label
        qtbot.waitUntil(lambda: label.text().endswith(", may be incomplete"), timeout=WAIT_MS)


def test_a_refund_the_servers_lists_contradict_is_left_out_and_named(
    window: MainWindow, qtbot
) -> None:
    """A refund listed as made from a bill of five times its bill's amount: the sync
    failed at its page at every try, and the Refunds tab held no refund at all. The
    sync ends, every other refund is shown, and the status bar says one record was left
    out; its tooltip names it and says why."""
    session = window.session
    refunds_tab = show_tab(window, window.refunds_tab, qtbot)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    honest = refunds_tab.model.rowCount()
    lied: list[str] = []

    def more_than_its_bill(answer: dict[str, object]) -> None:
        listed = answer.get("refunds")
        if isinstance(listed, list) and listed:
            if not lied:
                lied.append(listed[0]["refund_no"])
            for record in listed:
                if record["refund_no"] == lied[0]:
                    record["total_fee"] = record["refund_fee"] = record["total_fee"] * 5

    with ListRewritingHost(sandbox_of(session).base_url, more_than_its_bill) as host:
        live_profile(session, "Lying", (host.url,), read_timeout=5)
        history = session.history
        with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
            history.sync()
        assert ended.args == ["done"]
        assert window.history_label.text().startswith("History as of ")
        assert window.history_label.text().endswith(
            " — 1 record left out: listed in a way that cannot be true"
        )
        assert f"Refund {lied[0]}: listed as made from a bill of " in (
            window.history_label.toolTip()
        )
        qtbot.waitUntil(lambda: refunds_tab.model.rowCount() == honest - 1, timeout=WAIT_MS)
        assert lied[0] not in column(refunds_tab, "refund_no")


def test_a_table_shows_the_mirror_made_again_after_damage_found_by_a_sync(
    window: MainWindow, qtbot
) -> None:
    """Damage found by a sync's write makes the mirror again (History._heal) and a sync
    fills it: the tables read the new mirror, not the closed one."""
    session = window.session
    bills = show_tab(window, window.bills_tab, qtbot)
    shown = column(bills, "bill_no")
    history = session.history
    old = history.mirror
    old.damaged = True  # as a sync's write that met SQLITE_CORRUPT marks it
    assert history._heal()
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
        history.sync()
    qtbot.waitUntil(lambda: bills.model.mirror is history.mirror, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert column(bills, "bill_no") == shown


def test_a_sync_stopped_by_a_profile_switch_runs_again_when_the_profile_is_back(
    window: MainWindow, qtbot
) -> None:
    """The clerk switches profile on New payment while the history syncs, and back: the
    sync the switch stopped was never made again (the tables hidden, the profile counted
    as synced), the history stale with nothing to say so."""
    session = window.session
    show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    window.tabs.setCurrentWidget(window.payment_tab)
    insert_bill(session, "LATEBILL0001")
    sandbox_of(session).faults.set("bills", Fault("latency", 300))
    session.history.sync()  # as the timer does
    sandbox = session.profile
    other = Profile.new_live("Shop", "app-1", (closed_port_url(),))
    session.profiles.save(other)
    session.secrets.set(other.id, "not-a-real-secret")
    session.activate(other.id)
    sandbox_of(session).faults.clear()
    session.activate(sandbox.id)
    qtbot.waitUntil(lambda: session.history.mirror.count(BILLS) == DEMO_BILLS + 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    assert window.history_label.text().startswith("History as of ")


def test_a_sync_a_server_answered_with_an_error_page_is_not_said_offline(
    window: MainWindow, qtbot
) -> None:
    """A host that answered HTTP 502 with an HTML page (a proxy's "Bad Gateway") was
    said 'Offline' at the status bar, and 'No server answered': a server did answer."""
    session = window.session
    show_tab(window, window.bills_tab, qtbot)
    sandbox_of(session).faults.set("bills", Fault("html-500"))
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        window.bills_tab.refresh()
    label = window.history_label
    qtbot.waitUntil(lambda: "sync failed" in label.text().lower(), timeout=WAIT_MS)
    assert "Offline" not in label.text()
    assert "The server answered with an error" in label.text()
    assert "answered with an error, HTTP 500" in label.toolTip()
    assert "No server answered" not in label.toolTip()


def test_a_sync_whose_counts_the_server_was_too_busy_to_give_says_so_and_keeps_the_rows(
    window: MainWindow, qtbot
) -> None:
    """A count answered 429 stopped the whole sync ('The sync failed'), though the lists
    answered: the records are synced, and the status bar says what was not counted."""
    session = window.session
    show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    insert_bill(session, "busycount0001")
    sandbox_of(session).faults.set("bills-count", Fault("busy-429"))
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS) as ended:
        window.bills_tab.refresh()
    sandbox_of(session).faults.clear()
    assert ended.args == [DONE]
    assert session.history.mirror.count(BILLS) == DEMO_BILLS + 1
    label = window.history_label
    assert "too busy to count the bills" in label.text(), label.text()
    assert "failed" not in label.text()
    assert "not checked" in window.bills_tab.count_label.text()
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        window.bills_tab.refresh()
    assert "busy" not in label.text() and "not checked" not in window.bills_tab.count_label.text()


def test_a_profile_whose_server_is_down_is_said_offline_each_time_it_is_back(
    window: MainWindow, qtbot
) -> None:
    """Two profiles, one whose server went down after its history was synced: switched
    to it it said 'Offline — showing data as of …'; to the other and back to it, it said
    'History as of …', as if it had just been synced, though its server still did not
    answer (the failure was forgotten at each switch, and no sync came to find it again)."""
    session = window.session
    show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    sandbox = session.profile
    assert session.sandbox is not None
    proxy = CountingProxy(int(session.sandbox.base_url.rsplit(":", 1)[1]))
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS) as ended:
        shop = live_profile(session, "Shop", (proxy.url,))
    assert ended.args == [DONE]
    label = window.history_label
    assert label.text().startswith("History as of "), label.text()
    proxy.stop()  # its server is down from now on
    with qtbot.waitSignal(session.history.sync_ended, timeout=WAIT_MS):
        window.bills_tab.refresh()
    assert label.text().startswith("Offline — showing data as of "), label.text()
    age = window.bills_tab.count_label
    assert "offline, as of" in age.text(), age.text()
    window.tabs.setCurrentWidget(window.payment_tab)  # the clerk goes on taking payments
    session.activate(sandbox.id)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    assert label.text().startswith("History as of "), label.text()
    session.activate(shop.id)
    assert not label.text().startswith("History as of "), label.text()
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=WAIT_MS)
    assert label.text().startswith("Offline — showing data as of "), label.text()
    assert "offline, as of" in age.text(), age.text()


def test_a_sync_a_long_rest_stopped_names_when_and_nothing_is_asked_before(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """A server that asked to wait two minutes stopped the sync, and the status bar said
    'asked to wait 2 minutes' however long ago that was, while the timer's syncs came as
    usual. Now it names the time the history is synced again; the timer asks nothing
    before then, a sync comes then; a Reload meanwhile sends nothing and says the same."""
    from console.gui import history as history_module

    session = window.session
    history = session.history
    show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)
    faults = sandbox_of(session).faults
    faults.set("bills", Fault("busy-429", 120))
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
        window.bills_tab.refresh()
    assert ended.args == ["failed"]
    label = window.history_label
    said = re.search(r"asked to wait until (\d\d:\d\d:\d\d): synced again then", label.text())
    assert said is not None, label.text()
    assert 110_000 < history._after_rest.remainingTime() <= 120_000
    hits = faults.hits("bills")
    with qtbot.assertNotEmitted(history.sync_started):
        history._every.timeout.emit()  # the timer's sync: not before then
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
        window.bills_tab.refresh()  # the clerk's Reload: nothing is sent
    assert faults.hits("bills") == hits
    assert f"asked to wait until {said.group(1)}" in label.text(), label.text()
    faults.clear()
    later = steady_now_ms() + 121_000
    monkeypatch.setattr(history_module, "steady_now_ms", lambda: later)
    with qtbot.waitSignal(history.sync_started, timeout=WAIT_MS):
        history._after_rest.timeout.emit()


def test_a_rest_longer_than_the_client_keeps_is_not_waited_for_by_the_history(
    window: MainWindow, qtbot
) -> None:
    """A server that asked to wait an hour (Retry-After: 3600) is left alone ten minutes
    by the client (console/api/rests.py LONGEST_REST_S: a lie must not lock a shop out
    for longer), yet the history noted the hour: the status bar named a time an hour
    ahead and the timer asked nothing until then. It now waits as the client does."""
    from console.api.rests import LONGEST_REST_S

    session = window.session
    history = session.history
    show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)
    sandbox_of(session).faults.set("bills", Fault("busy-429", 3600))
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
        window.bills_tab.refresh()
    assert ended.args == ["failed"]
    assert 0 < history._after_rest.remainingTime() <= LONGEST_REST_S * 1000
    said = re.search(r"asked to wait until (\d\d:\d\d:\d\d)", window.history_label.text())
    assert said is not None, window.history_label.text()
    hours, minutes, seconds = map(int, said.group(1).split(":"))
    now = QTime.currentTime().msecsSinceStartOfDay() // 1000
    ahead = (hours * 3600 + minutes * 60 + seconds - now) % 86400
    assert ahead <= LONGEST_REST_S + 1, said.group(1)


def test_a_history_kept_in_memory_on_a_full_disk_is_still_synced_while_it_is_full(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """The history file could not be used at start (a full disk): this session's
    history is kept in memory. A full disk still lets the file be opened and locked for
    writing (nothing is written to find that out), so each sync took it for usable again,
    synced into it, met the full disk and failed: the status bar said the sync failed and
    a bill made meanwhile never came into the tables, for as long as the disk was full.
    Such a sync now goes on into the history in memory; the file is tried again later."""
    session = window.session
    history = session.history
    bills = show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)
    assert history.mirror.path is not None
    history.mirror.close()
    in_memory = Mirror.in_memory(session.profile.app_id)
    in_memory.trouble = mirror_file.FULL
    history._mirrors[session.profile.id] = in_memory
    reopen = Mirror.reopen

    def still_full(path: Path, app_id: str) -> Mirror | None:
        mirror = reopen(path, app_id)
        if mirror is not None:  # a bill needs 64 KiB more, and it grows by no page
            mirror._writer.executescript(
                "CREATE TABLE IF NOT EXISTS filler (bytes BLOB); CREATE TRIGGER IF NOT "
                "EXISTS full_disk BEFORE INSERT ON bills BEGIN INSERT INTO filler VALUES "
                "(zeroblob(65536)); END"
            )
            pages = mirror._writer.execute("PRAGMA page_count").fetchone()[0]
            mirror._writer.execute(f"PRAGMA max_page_count={pages}")
        return mirror

    monkeypatch.setattr(Mirror, "reopen", staticmethod(still_full))
    insert_bill(session, "BCDISKFULL0001")
    ends: list[str] = []
    history.sync_ended.connect(ends.append)
    bills.refresh()
    qtbot.waitUntil(lambda: DONE in ends or "failed" in ends, timeout=WAIT_MS)
    assert ends == ["stopped", DONE], window.history_label.text()
    assert history.mirror is in_memory
    assert "failed" not in window.history_label.text(), window.history_label.text()
    qtbot.waitUntil(lambda: "BCDISKFULL0001" in column(bills, "bill_no"), timeout=WAIT_MS)


def test_the_catch_up_after_a_sleep_asks_nothing_during_a_rest_the_server_asked_for(
    window: MainWindow, qtbot, monkeypatch
) -> None:
    """The once-a-minute look at the clock makes a timed sync missed while the computer
    slept: not while the server's rest lasts (it would only be refused, and say so
    again), but once it is over."""
    from console.gui import history as history_module

    session = window.session
    history = session.history
    history.set_sync_minutes(5, keep=False)
    show_tab(window, window.bills_tab, qtbot)
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)
    sandbox_of(session).faults.set("bills", Fault("busy-429", 120))
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS) as ended:
        window.bills_tab.refresh()
    assert ended.args == ["failed"]
    sandbox_of(session).faults.clear()
    history._synced_at_ms -= 3_600_000  # an hour asleep: a timed sync is due
    with qtbot.assertNotEmitted(history.sync_started):
        history.day_watch.timeout.emit()
    later = steady_now_ms() + 121_000
    monkeypatch.setattr(history_module, "steady_now_ms", lambda: later)
    with qtbot.waitSignal(history.sync_started, timeout=WAIT_MS):
        history.day_watch.timeout.emit()


def test_a_time_zone_of_the_same_offset_today_still_moves_the_days_summed(
    window: MainWindow, qtbot
) -> None:
    """Moscow and Istanbul are both UTC+3 today; in July 2013 Moscow was UTC+4. The
    minute's look told zones apart by today's midnight alone: carried from one to the
    other, offline, the Overview went on summing 2013's bills on Moscow's days while
    Bills showed them on Istanbul's."""
    # 2013-07-01 20:30 UTC: 00:30 on 2 July in Moscow
    days = date(2013, 7, 2), date(2013, 7, 1)
    carried_offline(window, qtbot, ("Europe/Moscow", "Europe/Istanbul"), 1_372_710_600_000, days)
