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

if "--with-client" in sys.argv or "--with-mirror" in sys.argv:
    from PySide6.QtCore import Qt  # noqa: F401


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self.report)
        return False

    def report(self) -> None:
        print(f"ready window_ns={time.monotonic_ns()}", flush=True)
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.resize(1180, 760)
    probe = FirstPaint()
    window.installEventFilter(probe)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
