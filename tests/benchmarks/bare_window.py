"""The reference of the start-up benchmark: a bare PySide6 main window.

Run as a script (`python tests/benchmarks/bare_window.py`), it shows an empty
QMainWindow at the console's size and, once its first paint has returned to the
event loop, prints `ready window_ns=N` (CLOCK_MONOTONIC, as the console's
--exit-when-ready does) and quits. With --with-client it also imports what the
console's first page of bills cannot do without in its own process: requests,
for the client (the embedded sandbox's Flask and waitress load in a process of
their own, on the other core: console/sandbox/forked.py), and Qt's namespace of
enums, for a table's roles and alignments (importing `Qt` makes PySide6 create
its 93 enum types). The floor of that measurement.
"""

from __future__ import annotations

import sys
import time

if "--with-client" in sys.argv:
    import requests  # noqa: F401

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

if "--with-client" in sys.argv:
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
