"""Benchmark 1: start-up, process start to a painted window, each in a fresh process.

The reference is a bare PySide6 QMainWindow (bare_window.py). The console is
`beecloud-console --tab bills --exit-when-ready` on a throwaway data folder
that was seeded beforehand (its first-ever start creates the demo bills, which
is not the steady state: it is timed once and shown apart). Both print the
CLOCK_MONOTONIC time of their first paint (for the console: of the window, and
of the Bills table holding its first page); the time the parent took just
before starting the process is subtracted. Same environment for all
(QT_QPA_PLATFORM=offscreen), one warm-up each, then ROUNDS rounds taken in
turn, and the median of each. Python's bytecode is cached, as after any first run.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks.common import REPO, Row, child_environment, median

NAME = "1. Start-up"
ROUNDS = 7
TIMEOUT_S = 120
TARGET_RATIO = 1.5
BARE_WINDOW = REPO / "tests" / "benchmarks" / "bare_window.py"


def console_command() -> list[str]:
    """The installed `beecloud-console` beside this interpreter, else `python -m console`."""
    script = Path(sys.executable).with_name("beecloud-console")
    return [str(script)] if script.exists() else [sys.executable, "-m", "console"]


def timed_start(command: Sequence[str], env: dict[str, str]) -> dict[str, float]:
    """Start a process and read its `ready key_ns=N ...` line: milliseconds since its start."""
    started = time.monotonic_ns()
    process = subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT_S, env=env, cwd=REPO
    )
    ready = [line for line in process.stdout.splitlines() if line.startswith("ready ")]
    if process.returncode != 0 or not ready:
        tail = (process.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{command[-1]} exited with {process.returncode}: {tail}")
    times: dict[str, float] = {}
    for field in ready[-1].split()[1:]:
        key, _, value = field.partition("=")
        if key.endswith("_ns") and value.isdigit():
            times[key.removesuffix("_ns")] = (int(value) - started) / 1e6
        elif key == "rows":
            times["rows"] = float(value)
    return times


def run(rounds: int = ROUNDS) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="beecloud-startup-") as folder:
        home = Path(folder)
        env = child_environment(
            {
                "HOME": str(home),
                "XDG_DATA_HOME": str(home / "data"),
                "XDG_STATE_HOME": str(home / "state"),
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_CACHE_HOME": str(home / "cache"),
                # Bytecode cached as after any first run (even where the environment says
                # not to write it), in a folder of its own: the repository stays untouched.
                "PYTHONPYCACHEPREFIX": str(home / "pycache"),
            }
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare = [sys.executable, str(BARE_WINDOW)]
        floor = [*bare, "--with-client"]
        console = [*console_command(), "--tab", "bills", "--exit-when-ready"]

        first_ever = timed_start(console, env)  # creates the demo bills
        timed_start(bare, env)  # warm-up: file caches, font caches
        timed_start(floor, env)
        timed_start(console, env)
        samples: dict[str, list[float]] = {"bare": [], "floor": [], "window": [], "page": []}
        rows_seen = 0.0
        for _ in range(rounds):
            samples["bare"].append(timed_start(bare, env)["window"])
            samples["floor"].append(timed_start(floor, env)["window"])
            times = timed_start(console, env)
            samples["window"].append(times["window"])
            samples["page"].append(times["first_page"])
            rows_seen = times["rows"]

    bare_ms = median(samples["bare"])
    page_ms = median(samples["page"])
    window_ms = median(samples["window"])
    floor_ms = median(samples["floor"])
    page_ratio = page_ms / bare_ms
    return [
        Row(
            NAME, "bare PySide6 window shown (reference)", bare_ms, "ms", note=f"median of {rounds}"
        ),
        Row(
            NAME,
            "console: main window shown",
            window_ms,
            "ms",
            ratio=window_ms / bare_ms,
            note="sandbox profile, data already seeded",
        ),
        Row(
            NAME,
            "console: window shown with the first page of bills visible",
            page_ms,
            "ms",
            f"≤ {TARGET_RATIO}× bare",
            page_ratio,
            page_ratio <= TARGET_RATIO,
            f"{rows_seen:.0f} bills in the table when first painted; data already seeded",
        ),
        Row(
            NAME,
            "floor: bare window after importing requests and Qt's namespace",
            floor_ms,
            "ms",
            ratio=floor_ms / bare_ms,
            note="what the first page cannot do without in the console's process: the client,"
            " and Qt's enums for a table's roles and alignments (the embedded sandbox loads in"
            " its own process, on the other core)",
        ),
        Row(
            NAME,
            "console: first-ever start (creates 3,000 demo bills)",
            first_ever["first_page"],
            "ms",
            ratio=first_ever["first_page"] / bare_ms,
            note="once, not the steady state",
        ),
    ]
