"""A table to export: its column titles, its rows (records) and how a record becomes cells."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from console.export.cells import Cell

CHECK_EVERY = 1_000  # rows between two looks at "cancelled?" (and at the clock)
# At most one progress report per this time: each report is a signal queued to the GUI
# thread, and a flood of them (one per millisecond) starves its timers and repaints of
# the interpreter lock.
REPORT_EVERY_S = 0.05
# A pause at every look: a thread that never blocks keeps the interpreter lock from the
# GUI thread for hundreds of milliseconds (seen with 100,000 rows), even with sleep(0).
YIELD_S = 0.0005

Progress = Callable[[int], None]  # told the number of rows written so far
Cancelled = Callable[[], bool]  # asked whether to stop


DONE, CANCELLED, FAILED = "done", "cancelled", "failed"  # how an export ended


class ExportEnd(NamedTuple):
    """How an export ended, for the audit log: which table (a tab's name), to which file,
    DONE (`rows` written), CANCELLED or FAILED (`why`, the system's reason in English)."""

    table: str
    path: Path
    outcome: str
    rows: int = 0
    why: str = ""


class ExportCancelled(Exception):
    """The user stopped the export; nothing is left behind."""


@dataclass(frozen=True)
class ExportTable:
    """A snapshot: `records` never change, and `make_cells` reads only them (and what it
    captured when it was made), so the table can be written on any thread. `release` is
    called once it is no longer needed (written, cancelled, failed or never begun): what
    its records are read from is let go."""

    titles: tuple[str, ...]
    records: Sequence[Any]
    make_cells: Callable[[Any], Sequence[Cell]]
    sheet_name: str = "Export"
    release: Callable[[], None] = lambda: None

    def rows(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> Iterator[Sequence[Cell]]:
        """Each record's cells, in order; reports progress and raises ExportCancelled when
        asked to stop (looked at every CHECK_EVERY rows). The last report is the number of
        rows made (records gone from a history meanwhile are not)."""
        make_cells = self.make_cells
        reported = time.monotonic()
        done = 0
        for record in self.records:
            if done % CHECK_EVERY == 0 and done:
                time.sleep(YIELD_S)  # the GUI thread gets the interpreter lock if it waits
                if cancelled is not None and cancelled():
                    raise ExportCancelled
                if progress is not None and time.monotonic() - reported >= REPORT_EVERY_S:
                    progress(done)
                    reported = time.monotonic()
            yield make_cells(record)
            done += 1
        if cancelled is not None and cancelled():
            raise ExportCancelled
        if progress is not None:
            progress(done)
