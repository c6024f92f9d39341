"""The history (console/gui/history.py) in the real window: one mirror per profile,
a damaged mirror made again from the server, closing in the middle of a sync, and
what the status bar says."""

from __future__ import annotations

import logging
import re

from console.gui.main_window import MainWindow
from console.gui.profiles import Profile
from console.sandbox.faults import Fault
from console.store.mirror import BILLS
from tests.gui.conftest import DEMO_BILLS
from tests.gui.sandbox_truth import sandbox_of
from tests.gui.tab_drivers import WAIT_MS, column, show_tab
from tests.net_support import closed_port_url


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


def test_closing_in_the_middle_of_a_sync_ends_cleanly(window: MainWindow, qtbot, caplog) -> None:
    session = window.session
    sandbox_of(session).faults.set("bills", Fault("latency", 300))
    caplog.set_level(logging.INFO)
    window.tabs.setCurrentWidget(window.bills_tab)
    assert session.history.syncing
    window.close()
    session.shutdown()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text


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
