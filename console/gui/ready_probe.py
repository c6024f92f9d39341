"""`beecloud-console --exit-when-ready`: say when the console is ready, then close it.

Ready means the main window has been painted and, when it opens on a record
tab (`--tab bills`), that tab's table has been painted with its first page of
records (or its load has ended with nothing to show). One line on standard
output says when, on the monotonic clock (CLOCK_MONOTONIC, shared by every
process), so a benchmark can subtract the moment it started the process:

    ready window_ns=123456789 first_page_ns=234567890 rows=50 as_of_ms=1700000000000

(`first_page_ns=-` when the window opens on another tab; `rows`: in the table when
its first page was painted). A paint counts once
it has returned to the event loop, as in tests/benchmarks/bare_window.py.
`as_of_ms` is the age of the history the first page was painted from (its last
complete sync, console/gui/history.py; the tab's count label says "as of HH:MM"),
`-` when it had never been synced: the rows then came from the sync at start.

Not ready after `give_up_ms` (GIVE_UP_MS, or what is left of `--ready-deadline`):
the probe says why on standard error and in the log, and closes the window; the
process then exits with 1 (console/ready_deadline.py ends it by force if the
event loop is stuck).
"""

from __future__ import annotations

import logging
import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QMainWindow

from console.gui.tables.history_tab import HistoryTab

GIVE_UP_MS = 120_000

log = logging.getLogger(__name__)


class ReadyProbe(QObject):
    def __init__(
        self, window: QMainWindow, table: HistoryTab | None, give_up_ms: int | None = None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.table = table
        self.give_up_ms = GIVE_UP_MS if give_up_ms is None else max(0, give_up_ms)
        self.window_ns: int | None = None
        self.first_page_ns: int | None = None
        self.as_of_ms: int | None = None  # of the history shown on the first page
        self.rows_painted = 0  # in the table when the first page was painted
        self.timed_out = False
        self._reported = False
        window.installEventFilter(self)
        if table is not None:
            table.view.painted.connect(self._table_painted)
            table.load_ended.connect(lambda _state: QTimer.singleShot(0, self, self._check))
        deadline = self._deadline = QTimer(self)
        deadline.setSingleShot(True)
        # precise: a coarse one (Qt's for 2 s and more) may fire up to 5 % early
        deadline.setTimerType(Qt.TimerType.PreciseTimer)
        deadline.timeout.connect(self._give_up)
        deadline.start(self.give_up_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:  # the window's: the only one watched
            QTimer.singleShot(0, self, self._window_painted)
        return False

    def _window_painted(self) -> None:
        # Only the window: it may repaint (its status line) with rows already in the
        # model before the table has laid them out and painted them.
        if self.window_ns is None:
            self.window_ns = time.monotonic_ns()
        self._check()

    def _table_painted(self) -> None:
        rows = self._rows()  # what this paint showed
        QTimer.singleShot(0, self, lambda: self._table_paint_returned(rows))

    def _table_paint_returned(self, rows: int) -> None:
        if self.table is not None and self.first_page_ns is None and rows:
            now = time.monotonic_ns()
            self.first_page_ns = now  # the table's own paint, with rows
            self.as_of_ms = self.table.history.as_of_ms()
            self.rows_painted = rows
            if self.window_ns is None:  # painted within the window's own paint
                self.window_ns = now
        self._check()

    def _rows(self) -> int:
        return self.table.model.rowCount() if self.table is not None else 0

    def _check(self) -> None:
        if self._reported or self.window_ns is None:
            return
        table = self.table
        if table is not None and self.first_page_ns is None:
            if table.is_loading() or self._rows():
                return  # not painted yet
            self.first_page_ns = time.monotonic_ns()  # nothing to show: the load has ended
        first_page = "-" if table is None else str(self.first_page_ns)
        as_of = "-" if self.as_of_ms is None else str(self.as_of_ms)
        print(
            f"ready window_ns={self.window_ns} first_page_ns={first_page} "
            f"rows={self.rows_painted} as_of_ms={as_of}",
            flush=True,
        )
        self._reported = True
        QTimer.singleShot(0, self.window, self.window.close)

    def _give_up(self) -> None:
        if not self._reported:
            self.timed_out = True
            self._reported = True
            why = self.not_ready_because()
            log.error("not ready in time, giving up: %s", why)
            if sys.stderr is not None:
                print(
                    f"beecloud-console --exit-when-ready: not ready in time: {why}", file=sys.stderr
                )
                sys.stderr.flush()
            self.window.close()

    def not_ready_because(self) -> str:
        """What was still missing, in words."""
        if self.window_ns is None:
            return "the window was never painted"
        table = self.table
        if table is None:
            return "the window was painted, but it was not seen in time"
        if table.is_loading():
            return f"the first page of records never came (still loading, {self._rows()} rows)"
        return f"the table was never painted with its first page ({self._rows()} rows)"
