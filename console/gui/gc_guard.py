"""Garbage collection only on the GUI thread.

Python's cyclic garbage collector runs in whichever thread happens to allocate
when a threshold is crossed: in this process that may be a sandbox server
thread. Collecting a cycle that holds Qt objects there deletes them on the
wrong thread, which can crash the process. So automatic collection is switched
off and a timer on the GUI thread collects instead, as often as the thresholds
ask for it (the pattern of PyQt's own advice on this problem). The command
switches it off earlier still, at its first step (console/cli.py): a start
collects nothing until this collector's first look.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_INTERVAL_MS)

    def check(self) -> None:
        first, second, third = gc.get_count()
        if first > self.threshold[0]:
            gc.collect(0)
            if second > self.threshold[1]:
                gc.collect(1)
                if third > self.threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
