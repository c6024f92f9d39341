"""2. Bulk fetch: 10,000 bills through the console's client against the official SDK.

A SandboxServer on loopback, seeded with 10,000 demo bills, in the measuring
process itself (as the console's embedded sandbox is: it shares the client's
interpreter lock, the hardest case for a client that keeps several requests in
flight). Each side walks every bill, `limit` 50 at a time, until a short page:

- the official `beecloud` 3.6.0 SDK: BCQuery.query_bills with skip/limit, one
  request at a time (the SDK opens a new connection for each), as
  tests/test_sdk_interop.py points it at the sandbox;
- the console: a fresh BeeCloudClient, every page parsed into BillRecords by the
  concurrent page walk (console/api/paging.py: keep-alive clients, the first page
  alone, then up to IN_FLIGHT requests at once as long as they help).

First with the sandbox adding 30 ms to every answer on `bills`, as a distant
server would, then with nothing added. Both must fetch exactly the same 10,000
bill_nos in the same order. Targets: at least 4× faster than the SDK at 30 ms,
and no slower (at least 1×) with nothing added.

Run alone: `python -m tests.benchmarks.bulk_fetch` (it measures in a child
process of its own, away from whatever else the parent has running).
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.benchmarks.common import Row, median, ms, print_rows_for_parent, run_rows_in_child

NAME = "2. Bulk fetch"
MODULE = "tests.benchmarks.bulk_fetch"  # its name also when run with -m
BILLS = 10_000
PAGE = 50
APP_ID = "bench-app"
APP_SECRET = "bench-secret"
TIMEOUT_S = 20
# (added latency in ms, repetitions, the speed-up over the SDK to reach)
CASES: tuple[tuple[int, int, float], ...] = ((30, 3, 4.0), (0, 7, 1.0))
CHILD_TIMEOUT_S = 300


def run() -> list[Row]:
    return run_rows_in_child(MODULE, CHILD_TIMEOUT_S)


# -- the two sides -------------------------------------------------------------------


@contextmanager
def sdk_pointed_at(base_url: str) -> Iterator[Callable[[], list[str]]]:
    """The SDK's own bulk walk, on the sandbox; it reads its host from a module global."""
    import beecloud.utils
    from beecloud.entity import BCApp, BCQueryReqParams
    from beecloud.query import BCQuery

    saved = beecloud.utils.BEECLOUD_API_HOST
    beecloud.utils.BEECLOUD_API_HOST = base_url
    app = BCApp()
    app.app_id, app.app_secret, app.timeout = APP_ID, APP_SECRET, TIMEOUT_S
    query = BCQuery()
    query.register_app(app)

    def walk() -> list[str]:
        bill_nos: list[str] = []
        skip = 0
        while True:
            params = BCQueryReqParams()
            params.skip, params.limit = skip, PAGE
            answer = query.query_bills(params)
            if answer.result_code != 0:
                raise RuntimeError(f"the SDK's page at {skip}: {answer.err_detail}")
            bill_nos += [bill.bill_no for bill in answer.bills]
            if len(answer.bills) < PAGE:
                return bill_nos
            skip += PAGE

    try:
        yield walk
    finally:
        beecloud.utils.BEECLOUD_API_HOST = saved


def console_walk(base_url: str, peaks: list[int]) -> Callable[[], list[str]]:
    """The console's walk, as paging.all_bills does it, on a client made afresh."""
    from console.api.client import BeeCloudClient
    from console.api.models import BillRecord
    from console.api.paging import ClientPool, walk_bills

    def walk() -> list[str]:
        client = BeeCloudClient(APP_ID, APP_SECRET, [base_url], shuffle=False)
        try:
            with ClientPool(client) as pool, walk_bills(pool) as pages:
                records = [record for page in pages for record in page]
            peaks.append(pages.peak_in_flight)
        finally:
            client.close()
        assert all(isinstance(record, BillRecord) for record in records)
        return [record.bill_no for record in records]

    return walk


def timed(walk: Callable[[], list[str]]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    bill_nos = walk()
    return time.perf_counter() - started, bill_nos


# -- measuring (in the child) ----------------------------------------------------------


def measure() -> list[Row]:
    from console.api.paging import IN_FLIGHT
    from console.sandbox import SandboxServer
    from console.sandbox.faults import Fault
    from console.sandbox.seed import seed

    # one warning per request that meets the latency fault
    logging.getLogger("console.sandbox.faults").setLevel(logging.ERROR)
    rows: list[Row] = []
    with (
        tempfile.TemporaryDirectory() as folder,
        SandboxServer(Path(folder) / "bench.sqlite3", {APP_ID: APP_SECRET}) as server,
        sdk_pointed_at(server.base_url) as sdk_walk,
    ):
        assert server.store is not None
        if seed(server.store, APP_ID, BILLS) != BILLS:
            raise RuntimeError("the sandbox was not seeded")
        expected: list[str] | None = None
        for latency_ms, repeats, target in CASES:
            if latency_ms:
                server.faults.set("bills", Fault("latency", ms=latency_ms))
            else:
                server.faults.clear()
            peaks: list[int] = []
            walk = console_walk(server.base_url, peaks)
            sdk_s: list[float] = []
            console_s: list[float] = []
            for _ in range(repeats):  # in turn, so that drift hits both alike
                sdk_time, sdk_nos = timed(sdk_walk)
                console_time, console_nos = timed(walk)
                expected = expected or sdk_nos
                if not (sdk_nos == console_nos == expected and len(set(expected)) == BILLS):
                    raise RuntimeError("the SDK and the console did not fetch the same bills")
                sdk_s.append(sdk_time)
                console_s.append(console_time)
            sdk_ms, console_ms = ms(median(sdk_s)), ms(median(console_s))
            speed_up = sdk_ms / console_ms
            added = f"+{latency_ms} ms per answer" if latency_ms else "nothing added"
            rounds = f"median of {repeats}"
            rows += [
                Row(
                    NAME,
                    f"official SDK 3.6.0, {BILLS:,} bills, {added} (reference)",
                    sdk_ms,
                    "ms",
                    note=f"{rounds}; one request at a time, a new connection for each",
                ),
                Row(
                    NAME,
                    f"console client, {BILLS:,} bills, {added}",
                    console_ms,
                    "ms",
                    ratio=console_ms / sdk_ms,
                    note=(
                        f"{rounds}; parsed into BillRecords; keep-alive; in flight at once: "
                        f"up to {IN_FLIGHT}, {max(peaks)} at most in fact"
                    ),
                ),
                Row(
                    NAME,
                    f"speed-up over the SDK, {added}",
                    speed_up,
                    "×",
                    f"≥ {target:g}×",
                    passed=speed_up >= target,
                    note=f"both fetched the same {BILLS:,} bill_nos in the same order",
                ),
            ]
    return rows


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
