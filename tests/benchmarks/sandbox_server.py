"""Benchmark 5: the sandbox server's throughput and latency under 8 concurrent clients.

The server is `beecloud-console sandbox` (a SandboxServer: waitress, 8 threads,
SQLite in WAL mode) in a process of its own on loopback, on a fresh database
seeded with 3,000 demo bills. The clients are 8 threads of this process, each
with its own keep-alive requests.Session, sending signed requests as the
client does (the signing and the JSON are made per request, cheaply; the
answers are checked, not parsed into records):

- GET /1/rest/bills with limit 50 (the first page, newest first);
- POST /1/rest/international/bill: a card payment (PAYPAL_CREDITCARD with the
  sandbox's good test card), each with a bill_no of its own.

Each runs WARM_UP_S, then DURATION_S counted: requests per second over all
clients, and the latency percentiles of the requests counted. Every answer
must be HTTP 200 with result_code 0: anything else counts as an error, and
the errors row misses its target.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from console.api.signing import signature_fields
from tests.benchmarks.common import REPO, Row, child_environment, ms
from tests.sandbox_support import card_info

NAME = "5. Sandbox server"
APP_ID, APP_SECRET = "bench-app", "bench-secret"
SEEDED = 3_000
CLIENTS = 8
WARM_UP_S = 0.5
DURATION_S = 3.0
START_TIMEOUT_S = 30
REQUEST_TIMEOUT_S = 10
BILLS_PATH = "/1/rest/bills"
PAY_PATH = "/1/rest/international/bill"


def start_sandbox(folder: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "console",
            "sandbox",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--db",
            str(folder / "sandbox.sqlite3"),
            "--app-id",
            APP_ID,
            "--app-secret",
            APP_SECRET,
            "--seed",
            str(SEEDED),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=child_environment(),
        cwd=REPO,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()  # the base URL, once it serves
    if not line.startswith("http://"):
        process.kill()
        raise RuntimeError("the sandbox did not start")
    return process, line


def bills_request(session: requests.Session, base_url: str, serial: int) -> requests.Response:
    para = {**signature_fields(APP_ID, APP_SECRET), "limit": 50}
    return session.get(
        base_url + BILLS_PATH,
        params={"para": json.dumps(para, separators=(",", ":"))},
        timeout=REQUEST_TIMEOUT_S,
    )


def pay_request(session: requests.Session, base_url: str, serial: int) -> requests.Response:
    body = {
        **signature_fields(APP_ID, APP_SECRET),
        "channel": "PAYPAL_CREDITCARD",
        "total_fee": 1234,
        "currency": "USD",
        "bill_no": f"BENCH{serial:012d}",
        "title": "Benchmark payment",
        "credit_card_info": card_info(),
    }
    return session.post(base_url + PAY_PATH, json=body, timeout=REQUEST_TIMEOUT_S)


def answered(response: requests.Response) -> bool:
    if response.status_code != 200:
        return False
    answer: Any = response.json()
    return isinstance(answer, dict) and answer.get("result_code") == 0


def hammer(
    base_url: str, send: Callable[[requests.Session, str, int], requests.Response], first: int
) -> tuple[float, list[float], int]:
    """CLIENTS threads sending for WARM_UP_S + DURATION_S; (seconds counted, latencies of
    the requests counted, errors). Serials are unique across threads and runs."""
    latencies: list[list[float]] = [[] for _ in range(CLIENTS)]
    errors = [0] * CLIENTS
    start = threading.Barrier(CLIENTS + 1)
    counted_from = [0.0]
    stop_at = [0.0]

    def client(number: int) -> None:
        serial = first + number * 1_000_000
        with requests.Session() as session:
            start.wait()
            while (now := time.perf_counter()) < stop_at[0]:
                serial += 1
                try:
                    ok = answered(send(session, base_url, serial))
                except requests.RequestException:
                    ok = False
                done = time.perf_counter()
                if now >= counted_from[0]:
                    latencies[number].append(done - now)
                    errors[number] += not ok

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    counted_from[0] = time.perf_counter() + WARM_UP_S
    stop_at[0] = counted_from[0] + DURATION_S
    start.wait()
    for thread in threads:
        thread.join()
    return DURATION_S, [latency for own in latencies for latency in own], sum(errors)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run() -> list[Row]:
    rows: list[Row] = []
    all_errors = 0
    with tempfile.TemporaryDirectory(prefix="beecloud-server-") as folder:
        process, base_url = start_sandbox(Path(folder))
        try:
            for what, send, first in (
                ("GET a page of 50 bills", bills_request, 0),
                ("POST a card payment", pay_request, 10**9),
            ):
                seconds, latencies, errors = hammer(base_url, send, first)
                all_errors += errors
                rate = len(latencies) / seconds
                rows.append(
                    Row(
                        NAME,
                        f"{what}: requests per second, {CLIENTS} clients",
                        rate,
                        "req/s",
                        note=f"{len(latencies):,} requests in {seconds:.0f} s; "
                        f"p50 {ms(percentile(latencies, 0.5)):.1f} ms",
                    )
                )
                rows.append(
                    Row(NAME, f"{what}: p99 latency", ms(percentile(latencies, 0.99)), "ms")
                )
        finally:
            process.terminate()
            process.wait(START_TIMEOUT_S)
    rows.append(
        Row(
            NAME,
            "answers that were not HTTP 200 with result_code 0",
            all_errors,
            "",
            "0",
            passed=all_errors == 0,
        )
    )
    return rows
