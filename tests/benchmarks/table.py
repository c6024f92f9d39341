"""Benchmark 3: the Bills table at 100,000 bills, through the console's own tab.

The Bills tab reads its rows from the profile's history mirror (console/gui/tables/
history_model.py), so this is benchmark 8 at a tenth of its size, with the targets
set for 100,000 bills: a mirror of BILLS bills of the last year and their refunds,
made and written as benchmark 8 makes and writes its own (tests/benchmarks/
history.py), once per run in a temporary folder; then, each in a fresh process of its
own, a console session on that folder (no sync: the mirror has no server behind it)
and the real Bills tab in a shown window of the console's size, offscreen. Each
figure is from the action, as the tab applies it, to the end of the table's first
paint of the new rows; the rows of the selection are then counted on a thread of
their own, and the next action waits for that.

- open: the tab built and shown on the mirror, until every id is in;
- free-text filter: "Find in the history", typing TYPED and deleting it again, one
  keystroke at a time, TYPING_ROUNDS times: the slowest keystroke of each time, and
  their median (a word of one or two characters is looked for row by row, with
  LIKE or GLOB, one of three or more in the trigram index);
- sort by amount: a click on the Amount header, ascending and descending, each from
  the newest-first order;
- change of date filter: a preset picked, from one range to another;
- memory: resident memory of a process showing the tab, every id in, scrolled to the
  end and back, above the same process showing an empty window before.
"""

from __future__ import annotations

import argparse
import time
from functools import partial
from pathlib import Path

from tests.benchmarks import history
from tests.benchmarks.common import Row, median, ms, print_rows_for_parent

NAME = "3. Table, 100,000 bills"
MODULE = "tests.benchmarks.table"
BILLS = 100_000
BATCH = 50_000
TIMEOUT_S = 300
FILTER_TARGET_MS = 30.0
SORT_TARGET_MS = 300.0
MEMORY_TARGET_MB = history.MEMORY_TARGET_MB  # the same: 150 MB
TYPING_ROUNDS = 3
TYPED = "coffee"  # a title word of the records ("Coffee beans 1kg")


def run() -> list[Row]:
    sizes = ["--bills", str(BILLS), "--rounds", str(TYPING_ROUNDS)]
    return history.on_a_mirror(MODULE, TIMEOUT_S, sizes)


def measure_tab(folder: Path) -> list[Row]:
    from PySide6.QtCore import Qt

    from console.gui.tables.date_presets import ANY_DATE, LAST_7_DAYS, LAST_30_DAYS, THIS_MONTH

    console = history.Console(folder)
    started = time.perf_counter()
    tab = console.bills_tab()
    opened_ms = ms(time.perf_counter() - started)
    if tab.model.rowCount() != BILLS:
        raise RuntimeError(f"the Bills tab shows {tab.model.rowCount():,} bills, not {BILLS:,}")
    paint = history.FirstPaint(tab)

    keystrokes = [TYPED[: n + 1] for n in range(len(TYPED))]
    keystrokes += [TYPED[:n] for n in range(len(TYPED) - 1, -1, -1)]
    slowest: list[float] = []
    every_key: list[float] = []
    found = 0
    for _ in range(TYPING_ROUNDS):
        times = []
        for text in keystrokes:
            times.append(paint.after(console, partial(tab.row_filters.set_text, text))[0])
            if text == TYPED:
                found = tab.model.rowCount()
        slowest.append(max(times))
        every_key += times
    if tab.model.rowCount() != BILLS or not 0 < found < BILLS:
        raise RuntimeError("typing and deleting the word did not find it, then every bill")

    amount = tab.model.column_of("total_fee")
    created = tab.model.column_of("created_time")
    sorts = []
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder) * 2:
        sorts.append(paint.after(console, partial(tab.view.sortByColumn, amount, order))[0])
        records = [tab.model.record(row) for row in range(50)]
        fees = [(record.currency or "", record.total_fee) for record in records]  # within it
        if fees != sorted(fees, reverse=order == Qt.SortOrder.DescendingOrder):
            raise RuntimeError("the table was not sorted by amount")
        paint.after(console, partial(tab.view.sortByColumn, created, Qt.SortOrder.DescendingOrder))

    changes = [
        paint.after(console, partial(tab.filters.dates.set_preset, preset))
        for preset in (LAST_7_DAYS, LAST_30_DAYS, THIS_MONTH, ANY_DATE) * 2
    ]
    console.close()

    slowest_key = median(slowest)
    sort_first = median(sorts)
    dates_first = median(first for first, _all in changes)
    return [
        Row(
            NAME,
            "the Bills tab opened on the history: every row in",
            opened_ms,
            "ms",
            note=f"{BILLS:,} bills, newest first: built, shown, the first rows read, then "
            "every id counted on a thread of its own",
        ),
        Row(
            NAME,
            "one keystroke of free-text filter (slowest): first rows shown",
            slowest_key,
            "ms",
            f"≤ {FILTER_TARGET_MS:.0f} ms",
            passed=slowest_key <= FILTER_TARGET_MS,
            note=f"typing “{TYPED}” ({found:,} bills) and deleting it in “Find in the "
            f"history”, {len(keystrokes)} keystrokes, {TYPING_ROUNDS} times: the median of "
            f"each time's slowest, to the table's first paint; slowest of all "
            f"{max(every_key):.1f} ms, median keystroke {median(every_key):.1f} ms",
        ),
        Row(
            NAME,
            "sort by amount: first rows shown",
            sort_first,
            "ms",
            f"≤ {SORT_TARGET_MS:.0f} ms",
            passed=sort_first <= SORT_TARGET_MS,
            note=f"a click on the Amount header, newest first before; median of {len(sorts)}, "
            f"ascending and descending; slowest {max(sorts):.0f} ms",
        ),
        Row(
            NAME,
            "change of date filter: first rows of the new range shown",
            dates_first,
            "ms",
            f"≤ {FILTER_TARGET_MS:.0f} ms",
            passed=dates_first <= FILTER_TARGET_MS,
            note=f"a preset picked (last 7 days, last 30 days, this month, any date, twice): "
            f"median of {len(changes)}, slowest {max(first for first, _ in changes):.0f} ms; "
            f"every row of the range in after "
            f"{median(every for _first, every in changes):.0f} ms (median)",
        ),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--build", type=Path, help="build the mirror in this folder")
    parser.add_argument("--tabs", type=Path, help="time the Bills tab on the folder's mirror")
    parser.add_argument("--memory", type=Path, help="measure memory on the folder's mirror")
    parser.add_argument("--bills", type=int, default=BILLS)
    parser.add_argument("--rounds", type=int, default=TYPING_ROUNDS)
    arguments = parser.parse_args()
    BILLS, TYPING_ROUNDS = arguments.bills, arguments.rounds
    if arguments.build is not None:
        print_rows_for_parent(history.build(arguments.build, BILLS, BATCH, NAME))
    elif arguments.tabs is not None:
        print_rows_for_parent(measure_tab(arguments.tabs))
    elif arguments.memory is not None:
        print_rows_for_parent(history.memory(arguments.memory, BILLS, NAME))
    else:
        from tests.benchmarks.run import text_table

        print(text_table(run()))
