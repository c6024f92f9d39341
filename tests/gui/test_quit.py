"""Quitting: File → Quit and Ctrl+Q close the window as the user would; Ctrl+C in the
terminal (SIGINT) and SIGTERM close a running console cleanly, its settings saved."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from console.gui.main_window import MainWindow
from console.gui.shortcuts import QUIT
from console.gui.tables.filter_bar import NUMBER_PAUSE_MS
from console.sandbox.faults import Fault
from tests.cli_support import home_of_its_own
from tests.gui.sandbox_truth import sandbox_of
from tests.gui.tab_drivers import fill_card, type_in

ROOT = Path(__file__).resolve().parents[2]
CLOSE_LIMIT_S = 10.0

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def test_file_quit_and_ctrl_q_close_the_window(qtbot, window: MainWindow) -> None:
    menus = {action.text(): action for action in window.menuBar().actions()}
    assert "&File" in menus
    quit_action = window.quit_action
    assert quit_action.shortcut().toString() == QUIT
    file_menu = menus["&File"].menu()
    assert isinstance(file_menu, QMenu) and quit_action in file_menu.actions()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
    assert window.session._closed


def test_a_filter_typed_just_before_closing_is_not_applied_to_the_closed_history(
    qtbot, window: MainWindow
) -> None:
    """The typing pauses of the free text and of a number end after the window closed:
    they raised 'the history is closed' in the event loop."""
    bills = window.bills_tab
    window.tabs.setCurrentWidget(bills)
    qtbot.waitUntil(lambda: bills.model.selection is not None, timeout=5_000)
    bills.row_filters.text.setText("coffee")
    type_in(qtbot, bills.filters.bill_no, "BCNOTAPPLIED0001")  # its pause: 700 ms
    window.close()
    qtbot.wait(NUMBER_PAUSE_MS + 100)  # an exception in the event loop fails the test
    assert window.session._closed


def test_closing_while_a_payment_is_on_its_way_asks_first(qtbot, window: MainWindow) -> None:
    """Ctrl+Q while a card payment was on its way closed the console at once: the
    payment's answer was lost, and nothing said so then. (Closed anyway, it is asked
    about at the next start: test_repeat_payment.py.)"""
    sandbox_of(window.session).faults.set("pay", Fault("latency", 3000))
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_card(tab)
    bill_no = tab.bill_no_edit.text()
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)

    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = window.close_question
    assert box is not None and box.isVisible() and window.isVisible()
    assert bill_no in box.text() and "USD 12.50" in box.text(), box.text()
    assert "asked of BeeCloud when the console next starts" in box.text()
    assert box.defaultButton() is box.escapeButton()  # Enter and Escape wait
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.close_question is None, timeout=5_000)
    assert window.isVisible() and not window.session._closed

    window.close()
    box = window.close_question
    assert box is not None
    close_anyway = next(b for b in box.buttons() if b is not box.defaultButton())
    qtbot.mouseClick(close_anyway, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
    assert window.session._closed


def test_the_question_before_closing_goes_once_the_payment_is_answered(
    qtbot, window: MainWindow
) -> None:
    sandbox_of(window.session).faults.set("pay", Fault("latency", 400))
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_card(tab)
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    window.close()
    assert window.close_question is not None
    qtbot.waitUntil(lambda: window.close_question is None, timeout=5_000)
    assert window.isVisible() and tab.outcome.kind == "success"  # the answer is in sight
    window.close()
    assert not window.isVisible() and window.session._closed


STARTER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from console.gui import app

    qt = QApplication(sys.argv[:1])
    QTimer.singleShot(300, lambda: print("up", flush=True))  # the event loop runs
    sys.exit(app.run(sys.argv[:1]))
    """
)


def closed_by_signal(tmp_path: Path, starter: str, number: int) -> str:
    """A console started by `starter` in a home of its own, sent the signal once it
    printed "up": it has ended within CLOSE_LIMIT_S, with status 0. What it wrote to
    stderr."""
    process = subprocess.Popen(
        [sys.executable, "-c", starter],
        cwd=ROOT,
        env=home_of_its_own(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "up"
        sent = time.monotonic()
        process.send_signal(number)
        process.wait(timeout=30)
        assert time.monotonic() - sent < CLOSE_LIMIT_S
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    errors = process.stderr.read() if process.stderr else ""
    assert process.returncode == 0, errors
    return errors


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_closes_the_console_cleanly(tmp_path: Path, number: int) -> None:
    errors = closed_by_signal(tmp_path, STARTER, number)
    assert "Traceback" not in errors and "QThread: Destroyed" not in errors
    settings = next((tmp_path / "config").rglob("*.conf")).read_text()
    assert "geometry" in settings, "closed as the user would: the window's state was saved"


STARTER_WITH_A_BOX = STARTER.replace(
    'QTimer.singleShot(300, lambda: print("up", flush=True))  # the event loop runs',
    textwrap.dedent(
        """
        def fail():
            raise RuntimeError("an unexpected error, said in a box")

        def box_shown():
            box = QApplication.activeModalWidget()
            if box is not None and box.isVisible():
                print("up", flush=True)
            else:
                QTimer.singleShot(50, box_shown)

        QTimer.singleShot(300, fail)
        QTimer.singleShot(350, box_shown)
        """
    ),
)


def test_a_signal_closes_the_console_while_an_unexpected_error_is_shown(tmp_path: Path) -> None:
    """SIGTERM while "Something went wrong" was open closed the window and stopped the
    sandbox, but the box (a window of its own) kept the process running until someone
    pressed OK: a logout or shutdown waited for it, then killed it."""
    errors = closed_by_signal(tmp_path, STARTER_WITH_A_BOX, signal.SIGTERM)
    assert "Traceback" not in errors, errors
