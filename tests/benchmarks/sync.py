"""Benchmark 7: the history's sync against a distant server (in a fresh process of its own).

The sandbox, seeded with BILLS demo bills (and their refunds, as the demo seed makes
them), runs as `beecloud-console sandbox` in a process of its own, adding LATENCY_MS to
every answer on `bills` and `refunds` (console/sandbox/faults.py: the lists and their
counts, /2/rest/bills/count and /2/rest/refunds/count, alike), as a server far away
would. The sync is console/store/sync.py on a mirror file of its own, through the
console's client, as the console's worker runs it:

- cold: an empty mirror synced whole (bills, then refunds). Its limit is what the
  pages alone cost when IN_FLIGHT of them are always on the wire: pages × LATENCY_MS ÷
  IN_FLIGHT (pages of 50, bills and refunds). The first page of each walk (asked
  alone) and the pages past the end come on top; each walk's count is asked beside
  its pages.
- incremental: NEW_BILLS bills made on the server since (written to its database as
  payments would be), then a sync of that mirror; the time of the whole sync, the
  server's counts and the check included. How much it walked again, and why, is in
  the note (docs/decisions.md, "The history mirror: sync").

Run alone: `python -m tests.benchmarks.sync`.
"""

from __future__ import annotations

import logging
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.common import (
    REPO,
    Row,
    child_environment,
    print_rows_for_parent,
    run_rows_in_child,
)

NAME = "7. History sync"
MODULE = "tests.benchmarks.sync"
BILLS = 100_000
NEW_BILLS = 100
LATENCY_MS = 200
PAGE = 50
COLD_TARGET = 1.3  # × the limit
INCREMENTAL_TARGET_MS = 1_500.0
APP_ID, APP_SECRET = "bench-app", "bench-secret"
START_TIMEOUT_S = 300  # seeding 100,000 bills included
CHILD_TIMEOUT_S = 900
HOUR_MS = 3_600_000


def run() -> list[Row]:
    return run_rows_in_child(MODULE, CHILD_TIMEOUT_S)


def start_sandbox(database: Path) -> tuple[subprocess.Popen[str], str]:
    """`beecloud-console sandbox`, seeded, slowed down on both lists: its process, its URL."""
    latency = f"latency:{LATENCY_MS}"
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "console", "sandbox", "--port", "0"),
            *("--db", str(database), "--app-id", APP_ID, "--app-secret", APP_SECRET),
            *("--seed", str(BILLS), "--fault", f"bills={latency}", "--fault", f"refunds={latency}"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # a warning per request slowed down
        text=True,
        env=child_environment(),
        cwd=REPO,
    )
    assert process.stdout is not None
    started = time.monotonic()
    line = process.stdout.readline().strip()  # the base URL, once seeded and serving
    if not line.startswith("http://") or time.monotonic() - started > START_TIMEOUT_S:
        process.kill()
        raise RuntimeError("the sandbox did not start")
    return process, line


def add_new_bills(database: Path, count: int) -> None:
    """Bills made just now, in the sandbox's database (as if paid by card meanwhile)."""
    from console.api.models import now_ms
    from console.sandbox.store import Bill, Store, new_id

    now = now_ms()
    bills = [
        Bill(
            APP_ID,
            f"NEW{now}{n:04d}",
            "PAYPAL_CREDITCARD",
            1_000 + n,
            "新订单",
            "USD",
            True,
            now,
            new_id(),
        )
        for n in range(count)
    ]
    store = Store(database)
    try:
        with store.transaction() as tx:
            tx.insert_bills(bills)
    finally:
        store.close()


def measure() -> list[Row]:
    from console.api.client import BeeCloudClient
    from console.api.models import now_ms
    from console.api.paging import IN_FLIGHT
    from console.store.mirror import BILLS as BILL_KIND
    from console.store.mirror import REFUNDS, Mirror
    from console.store.sync import OVERLAP_MS, UNPAID_WINDOW_MS, sync

    logging.getLogger("console.store.sync").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="beecloud-sync-") as folder:
        database = Path(folder) / "sandbox.sqlite3"
        sandbox, base_url = start_sandbox(database)
        client = BeeCloudClient(APP_ID, APP_SECRET, [base_url], shuffle=False)
        mirror = Mirror.open(Path(folder) / "mirror.sqlite3", APP_ID)
        try:
            bills_done: list[float] = []

            def progress(kind: str, done: int, total: int | None) -> None:
                if kind == REFUNDS and not bills_done:
                    bills_done.append(time.perf_counter())

            started = time.perf_counter()
            cold = sync(mirror, client, progress=progress)
            cold_s = time.perf_counter() - started
            assert cold.bills is not None and cold.refunds is not None
            bills, refunds = mirror.count(BILL_KIND), mirror.count(REFUNDS)
            if bills != BILLS or cold.bills.fetched != BILLS:
                raise RuntimeError(f"the cold sync mirrored {bills:,} bills of {BILLS:,}")
            bills_s = bills_done[0] - started

            add_new_bills(database, NEW_BILLS)
            before = time.perf_counter()
            incremental = sync(mirror, client)
            incremental_s = time.perf_counter() - before
            synced_at = now_ms()
            unpaid = mirror.count(BILL_KIND, synced_at - UNPAID_WINDOW_MS, None, paid=False)
            assert incremental.bills is not None and incremental.refunds is not None
            if mirror.count(BILL_KIND) != BILLS + NEW_BILLS:
                raise RuntimeError("the incremental sync did not bring the new bills")
        finally:
            mirror.close()
            client.close()
            sandbox.terminate()
            sandbox.wait(30)

    bill_pages, refund_pages = math.ceil(bills / PAGE), math.ceil(refunds / PAGE)
    limit_s = (bill_pages + refund_pages) * LATENCY_MS / 1000 / IN_FLIGHT
    bills_limit_s = bill_pages * LATENCY_MS / 1000 / IN_FLIGHT
    ratio = cold_s / limit_s
    walked = incremental.bills
    walked_from = walked.start_ms if walked.start_ms is not None else 0
    hours_back = (synced_at - walked_from) / HOUR_MS
    serial = "its first page alone (one answer's wait; its count asked beside it)"
    # What an incremental sync cannot take less than here: for each kind its walk's
    # answers one after another (the first page alone, then the others IN_FLIGHT at a
    # time, up to the first short page; the counts are asked beside the walk).
    overlap_start = cold.bills.through_ms - OVERLAP_MS
    if walked.start_ms == overlap_start:
        stretch = (
            f"from 15 min before the last sync's end: the server counted as many bills paid "
            f"as the mirror from the oldest of the {unpaid:,} unpaid ones of the last 72 h "
            "to there, so that stretch was not walked again"
        )
    else:
        stretch = (
            f"from the oldest of the {unpaid:,} unpaid bills of the last 72 h: the server "
            "counted more bills paid there than the mirror"
        )
    rounds = sum(
        1 + math.ceil((kind.fetched // PAGE) / IN_FLIGHT) for kind in (walked, incremental.refunds)
    )
    return [
        Row(
            NAME,
            f"cold sync of {BILLS:,} bills and {refunds:,} refunds, +{LATENCY_MS} ms per answer",
            cold_s * 1000,
            "ms",
            f"≤ {COLD_TARGET}× limit",
            ratio,
            ratio <= COLD_TARGET,
            f"limit {limit_s * 1000:,.0f} ms: {bill_pages:,} + {refund_pages:,} pages of {PAGE} "
            f"× {LATENCY_MS} ms ÷ {IN_FLIGHT} in flight; on top: for each kind {serial}; "
            "the sandbox in its own process; the ratio is to the limit",
        ),
        Row(
            NAME,
            f"of which the bills ({BILLS:,})",
            bills_s * 1000,
            "ms",
            ratio=bills_s / bills_limit_s,
            note=f"limit {bills_limit_s * 1000:,.0f} ms ({bill_pages:,} pages); the ratio is to it",
        ),
        Row(
            NAME,
            f"incremental sync, +{LATENCY_MS} ms per answer: {NEW_BILLS} new bills into a "
            f"mirror of {BILLS:,}",
            incremental_s * 1000,
            "ms",
            f"≤ {INCREMENTAL_TARGET_MS:,.0f} ms",
            passed=incremental_s * 1000 <= INCREMENTAL_TARGET_MS,
            note=f"walked again: {walked.fetched:,} bills, created in the last {hours_back:.1f} "
            f"h ({stretch}), and {incremental.refunds.fetched:,} refunds; for each kind its "
            "first page alone, "
            "then the others (the counts asked beside them), bills then refunds: "
            f"{rounds} answers' waits at the least, {rounds * LATENCY_MS:,} ms",
        ),
    ]


def main(argv: list[str]) -> int:
    if "--child" in argv:
        print_rows_for_parent(measure())
        return 0
    from tests.benchmarks.run import text_table

    rows = run()
    print(text_table(rows))
    return 1 if any(row.passed is False for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
