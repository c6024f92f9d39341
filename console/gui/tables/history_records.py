"""An export of a history table: the rows shown, read from the mirror as they are written.

The snapshot fixes which rows and in which order (the ids shown, 8 bytes a row); the
records themselves are read on the export's thread, a chunk at a time, through a
connection of its own, so that an export of a million bills never holds them all. They
are read from the mirror the ids are of, to the end: one kept in memory whose file is
shown in its place meanwhile (console/gui/history.py) is closed once the export is done
with it (the snapshot's claim, released with it).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterator, Sequence
from typing import Any, overload

from console.export.table import ExportTable
from console.gui.tables.history_model import HistoryModel
from console.gui.tables.table_view import RecordsView
from console.store import mirror_query as mq
from console.store.mirror import BILLS, Mirror

CHUNK = 1_000


class HistoryRecords(Sequence[Any]):
    """The records of these ids, in order, read when iterated (records gone from the
    mirror meanwhile, or that the selection no longer selects, are left out)."""

    def __init__(self, mirror: Mirror, selection: mq.Selection, ids: array[int]) -> None:
        self.mirror, self.selection, self.ids = mirror, selection, ids
        self.kind = selection.kind
        self._settled: dict[str, mq.Settlement] = {}

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return list(self)[index]
        with self.mirror.reading() as db:
            return mq.records(db, self.kind, [self.ids[index]])[self.ids[index]]

    def __iter__(self) -> Iterator[Any]:
        with self.mirror.reading() as db:
            for start in range(0, len(self.ids), CHUNK):
                chunk = self.ids[start : start + CHUNK]
                selected = mq.still_selected(db, self.selection, chunk)
                found = mq.records(db, self.kind, [i for i in chunk if i in selected])
                if self.kind == BILLS:
                    numbers = [record.bill_no for record in found.values()]
                    self._settled = mq.settlements(db, numbers)
                for record_id in chunk:
                    record = found.get(record_id)
                    if record is not None:
                        yield record

    def settlement_of(self, bill_no: str) -> mq.Settlement | None:
        """What became of a bill of the chunk being written."""
        return self._settled.get(bill_no)


def history_snapshot(view: RecordsView, model: HistoryModel, name: str) -> ExportTable:
    """What the table shows, as it shows it, fixed now (on the GUI thread)."""
    mirror, selection = model.mirror, model.selection
    assert mirror is not None and selection is not None
    try:
        release = mirror.claim().release  # kept open for the export, if retired meanwhile
    except sqlite3.Error:  # closed already: the export says its rows could not be read
        release = _nothing
    records = HistoryRecords(mirror, selection, model.ids_shown())
    titles, make_cells = model.exporter(view.shown_columns(), records.settlement_of)
    return ExportTable(tuple(titles), records, make_cells, sheet_name=name, release=release)


def _nothing() -> None:
    pass
