"""The reference of the start-up benchmark: a bare PySide6 main window.

Run as a script (`python tests/benchmarks/bare_window.py`), it shows an empty
QMainWindow at the console's size and, once its first paint has returned to the
event loop, prints `ready window_ns=N` (CLOCK_MONOTONIC, as the console's
--exit-when-ready does) and quits. Two floors of the console's first page, each
importing what that page cannot do without in the console's process, and Qt's
namespace of enums, for a table's roles and alignments (importing `Qt` makes
PySide6 create its enum types):

- `--with-mirror`: sqlite3, for a first page read from the history mirror;
- `--with-client`: requests, for a first page fetched from the server (the
  embedded sandbox's Flask and waitress load in a process of their own, on the
  other core: console/sandbox/forked.py).

And the toolkit's floor of the console's first page, `--first-page MIRROR`: no
module of the console, but the widgets its window shows at its first paint (a
band, the profile row, six tabs, the Bills tab's filters and count, a table, a
status bar and two menus: as many of each kind as the console's window shows)
and the newest 200 bills of the history mirror file MIRROR, read with sqlite3
into a table model in Python that answers the display role of 8 columns, as the
console's table has. What any Python program painting that page pays for
Python, PySide6 and the widgets; the console's own start comes on top.
"""

from __future__ import annotations

import sys
import time

if "--with-client" in sys.argv:
    import requests  # noqa: F401
if "--with-mirror" in sys.argv:
    import sqlite3  # noqa: F401

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

if {"--with-client", "--with-mirror", "--first-page"} & set(sys.argv):
    from PySide6.QtCore import Qt  # noqa: F401

FIRST_PAGE_ROWS = 200
COLUMNS = 8


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self.report)
        return False

    def report(self) -> None:
        print(f"ready window_ns={time.monotonic_ns()}", flush=True)
        QApplication.quit()


def first_page_window(mirror: str) -> QMainWindow:
    """A window with the widgets of the console's first paint and the mirror's
    newest bills in a table (see the module's docstring)."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import (
        QComboBox,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QPushButton,
        QTableView,
        QTabWidget,
        QVBoxLayout,
        QWidget,
    )

    Index = QModelIndex | QPersistentModelIndex

    class FirstPage(QAbstractTableModel):
        def __init__(self, rows: list[tuple[str, ...]]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
            return len(self.rows)

        def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
            return COLUMNS

        def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

    database = sqlite3.connect(f"file:{mirror}?mode=ro", uri=True)
    rows = [
        tuple(str(value) for value in row)
        for row in database.execute(
            "SELECT created_time, bill_no, title, channel, total_fee, currency, paid, seen_ms "
            "FROM bills ORDER BY created_time DESC LIMIT ?",
            (FIRST_PAGE_ROWS,),
        )
    ]
    database.close()
    window = QMainWindow()
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.addWidget(QLabel("SANDBOX — practice data, no real money moves"))
    profile = QHBoxLayout()
    profile.addWidget(QLabel("Profile:"))
    profile.addWidget(QComboBox())
    profile.addWidget(QPushButton("Profiles…"))
    profile.addStretch(1)
    layout.addLayout(profile)
    bills = QWidget()
    tab = QVBoxLayout(bills)
    filters = QHBoxLayout()
    for text in ("Channel:", "Dates:", "Status:", "Search:", "From:", "To:"):
        filters.addWidget(QLabel(text))
    for _ in range(3):
        filters.addWidget(QComboBox())
    for _ in range(2):
        filters.addWidget(QLineEdit())
    for text in ("Reload", "Export…", "Refund…"):
        filters.addWidget(QPushButton(text))
    tab.addLayout(filters)
    tab.addWidget(QLabel(f"{len(rows)} bills"))
    table = QTableView()
    table.setModel(FirstPage(rows))
    tab.addWidget(table, 1)
    tabs = QTabWidget()
    for title in ("New payment", "Refund"):
        tabs.addTab(QWidget(), title)
    tabs.addTab(bills, "Bills")
    for title in ("Refunds", "Overview", "Audit"):
        tabs.addTab(QWidget(), title)
    tabs.setCurrentWidget(bills)
    layout.addWidget(tabs, 1)
    window.setCentralWidget(central)
    window.statusBar().addWidget(QLabel("History: 3,000 bills"), 1)
    window.statusBar().addPermanentWidget(QLabel(""))
    window.menuBar().addMenu("&File").addAction("&Quit")
    window.menuBar().addMenu("&Settings").addAction("&Language")
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    if "--first-page" in sys.argv:
        window = first_page_window(sys.argv[sys.argv.index("--first-page") + 1])
    else:
        window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.resize(1180, 760)
    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
