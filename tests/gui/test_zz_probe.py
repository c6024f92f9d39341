from __future__ import annotations

from PySide6.QtCore import Qt

from console.gui.main_window import MainWindow
from console.sandbox.faults import Fault
from tests.gui.sandbox_truth import sandbox_of
from tests.gui.tab_drivers import fill_card


def test_probe_close_in_flight(window: MainWindow, session, qtbot) -> None:
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    sandbox_of(session).faults.set("pay", Fault("latency", 1500))
    fill_card(tab)
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    window.close()
    print("VISIBLE", window.isVisible())
    rows = session.audit.log.entries() if hasattr(session.audit.log, "entries") else None
    print("ROWS", rows)
    raise AssertionError()
