"""The embedded sandbox's process is watched: killed, it is noticed at once, said in
the band and started again on the same address, and a practice payment then goes
through; one that dies again and again is left stopped, and a payment is refused
with that reason rather than sent to a dead port."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID
from console.gui.sandbox_watch import MAX_RESTARTS, RUNNING, STOPPED
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.gui.tabs.payment_tab import PaymentTab
from console.sandbox.forked import ForkedSandbox
from console.store.secrets import SecretStore
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.tab_drivers import WAIT_MS, fill_card, fill_common, pay_and_wait

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    """The console on its sandbox in a process of its own (spawned: this test process
    runs threads, so it cannot fork as the console does at its start)."""
    sandbox = ForkedSandbox(
        tmp_path / "sandbox.sqlite3", {SANDBOX_APP_ID: "watched-secret"}, 20, None
    ).start_spawned()
    settings = Settings.in_file(tmp_path / "settings.ini")
    session = ConsoleSession(
        settings, tmp_path, SecretStore(MemoryKeyring()), demo_bills=20, sandbox=sandbox
    )
    session.activate("sandbox")
    made = MainWindow(session)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.close()


def kill(window: MainWindow) -> int:
    sandbox = window.session.sandbox
    assert isinstance(sandbox, ForkedSandbox) and sandbox.pid is not None
    pid = sandbox.pid
    os.kill(pid, signal.SIGKILL)
    return pid


def paid_by_card(qtbot, window: MainWindow) -> PaymentTab:
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    tab.form.set_channel("PAYPAL_CREDITCARD")
    fill_common(tab)
    fill_card(tab)
    pay_and_wait(qtbot, tab)
    return tab


def test_a_killed_sandbox_is_noticed_said_and_started_again_on_its_address(
    qtbot, window: MainWindow
) -> None:
    session = window.session
    watch = session.sandbox_watch
    assert watch is not None and watch.state == RUNNING
    assert session.sandbox is not None
    address = session.sandbox.base_url
    with qtbot.waitSignal(session.sandbox_changed, timeout=WAIT_MS) as changed:
        old = kill(window)
    assert changed.args == ["died", "killed by SIGKILL"]
    qtbot.waitUntil(lambda: watch.state == RUNNING, timeout=WAIT_MS)
    sandbox = session.sandbox
    assert isinstance(sandbox, ForkedSandbox)
    assert sandbox.pid not in (None, old) and sandbox.base_url == address
    assert "its server stopped (killed by SIGKILL) and was started again" in window.band.text()
    tab = paid_by_card(qtbot, window)
    assert tab.outcome.kind == "success", tab.outcome.body.text()


def test_a_sandbox_that_keeps_dying_is_left_stopped_and_nothing_is_sent_to_it(
    qtbot, window: MainWindow
) -> None:
    session = window.session
    watch = session.sandbox_watch
    assert watch is not None
    for _ in range(MAX_RESTARTS + 1):
        qtbot.waitUntil(lambda: watch.state == RUNNING, timeout=WAIT_MS)
        with qtbot.waitSignal(session.sandbox_changed, timeout=WAIT_MS):
            kill(window)
    qtbot.waitUntil(lambda: watch.state == STOPPED, timeout=WAIT_MS)
    assert "nothing can be sent to it" in window.band.text()
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_common(tab)
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.outcome.kind == "sandbox", timeout=WAIT_MS)
    assert "The practice sandbox is not running" in tab.outcome.title.text()
    assert "nothing was sent" in tab.outcome.body.text()


@pytest.fixture
def in_chinese(qapp) -> Iterator[None]:
    from PySide6.QtCore import QLocale

    from console.gui import i18n

    i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    i18n.uninstall()


def test_how_the_sandbox_ended_is_said_in_chinese(qtbot, in_chinese, window: MainWindow) -> None:
    """The band of a Chinese window said how the practice server ended in English:
    "其服务器曾停止（killed by SIGKILL），已于 … 重新启动"; and, left stopped, the refusal
    of a practice payment: "练习沙盒已停止（killed by SIGKILL, 4 times within a minute）…"."""
    session = window.session
    watch = session.sandbox_watch
    assert watch is not None
    for _ in range(MAX_RESTARTS):
        qtbot.waitUntil(lambda: watch.state == RUNNING, timeout=WAIT_MS)
        with qtbot.waitSignal(session.sandbox_changed, timeout=WAIT_MS):
            kill(window)
    qtbot.waitUntil(lambda: watch.state == RUNNING, timeout=WAIT_MS)
    band = window.band.text()
    assert "（被信号 SIGKILL 终止）" in band, band
    with qtbot.waitSignal(session.sandbox_changed, timeout=WAIT_MS):
        kill(window)
    qtbot.waitUntil(lambda: watch.state == STOPPED, timeout=WAIT_MS)
    assert f"（被信号 SIGKILL 终止，1 分钟内 {MAX_RESTARTS + 1} 次）" in window.band.text()
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_common(tab)
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.outcome.kind == "sandbox", timeout=WAIT_MS)
    said = tab.outcome.body.text()
    assert f"练习沙盒已停止（被信号 SIGKILL 终止，1 分钟内 {MAX_RESTARTS + 1} 次）" in said, said


def test_why_a_sandbox_could_not_start_again_is_said_in_chinese(
    qtbot, in_chinese, window: MainWindow, tmp_path: Path
) -> None:
    """Its database made a symbolic link, the sandbox killed: each restart said why it
    could not start in English in the Chinese band, "练习沙盒已停止（以代码 1 退出：
    sandbox.sqlite3 is a symbolic link, which the console does not follow，1 分钟内 4
    次）"; the system's reason is said in the language shown."""
    from tests.file_damage import link_to_elsewhere

    session = window.session
    watch = session.sandbox_watch
    assert watch is not None
    sandbox = session.sandbox
    assert isinstance(sandbox, ForkedSandbox)
    database = sandbox.db_path
    database.unlink(missing_ok=True)
    link_to_elsewhere(database, tmp_path / "elsewhere")
    kill(window)
    qtbot.waitUntil(lambda: watch.state == STOPPED, timeout=WAIT_MS)
    said = watch.reason
    assert "以代码 1 退出" in said, said
    assert "sandbox.sqlite3 是符号链接" in said, said
    assert "symbolic" not in said, said
