"""A table to export: its column titles, its rows (records) and how a record becomes cells."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from console.export.cells import Cell

REPORT_EVERY = 1_000  # rows between two progress reports (and two looks at "cancelled?")

Progress = Callable[[int], None]  # told the number of rows written so far
Cancelled = Callable[[], bool]  # asked whether to stop


class ExportCancelled(Exception):
    """The user stopped the export; nothing is left behind."""


@dataclass(frozen=True)
class ExportTable:
    """A snapshot: `records` never change, and `make_cells` reads only them (and what it
    captured when it was made), so the table can be written on any thread."""

    titles: tuple[str, ...]
    records: Sequence[Any]
    make_cells: Callable[[Any], Sequence[Cell]]
    sheet_name: str = "Export"

    def rows(
        self, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> Iterator[Sequence[Cell]]:
        """Each record's cells, in order; reports progress and raises ExportCancelled when
        asked to stop, every REPORT_EVERY rows."""
        make_cells = self.make_cells
        for done, record in enumerate(self.records):
            if done % REPORT_EVERY == 0 and done:
                if cancelled is not None and cancelled():
                    raise ExportCancelled
                if progress is not None:
                    progress(done)
            yield make_cells(record)
        if cancelled is not None and cancelled():
            raise ExportCancelled
        if progress is not None:
            progress(len(self.records))
