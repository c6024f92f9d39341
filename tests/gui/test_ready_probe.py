"""`--exit-when-ready` (console/gui/ready_probe.py) stamps the first page when the table
itself has painted rows, not when the window around it repaints."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtGui import QPaintEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow

from console.gui.ready_probe import ReadyProbe
from console.gui.tables.table_view import RecordsView


class History:
    def as_of_ms(self) -> int | None:
        return 1_700_000_000_000


class Table(QObject):
    """What the probe reads of a HistoryTab: its view, its rows, whether it loads, when a
    load ends, and how old its history is."""

    load_ended = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.model = QStandardItemModel(0, 2)
        self.view = RecordsView()  # it says when it has painted
        self.view.setModel(self.model)
        self.history = History()

    def is_loading(self) -> bool:
        return True


def test_the_first_page_is_the_tables_paint_not_the_windows(qtbot) -> None:
    window = QMainWindow()
    table = Table()
    window.setCentralWidget(table.view)
    qtbot.addWidget(window)
    probe = ReadyProbe(window, cast(Any, table))
    window.show()
    qtbot.waitUntil(lambda: probe.window_ns is not None)
    assert probe.first_page_ns is None  # painted empty

    table.view.setUpdatesEnabled(False)  # the rows are in, the table not yet painted
    table.model.appendRow([QStandardItem("bill-1"), QStandardItem("1.00")])
    QApplication.sendEvent(window, QPaintEvent(QRect(0, 0, 10, 10)))  # the window repaints
    QApplication.processEvents()
    assert probe.first_page_ns is None

    table.view.setUpdatesEnabled(True)
    table.view.viewport().update()
    qtbot.waitUntil(lambda: probe.first_page_ns is not None)
    assert probe.first_page_ns is not None and probe.window_ns is not None
    assert probe.first_page_ns >= probe.window_ns
    assert probe.as_of_ms == 1_700_000_000_000  # the age of the rows painted
