"""Benchmark 1: start-up, process start to a painted window, each in a fresh process.

The reference is a bare PySide6 QMainWindow (bare_window.py). The console is
`beecloud-console --tab bills --exit-when-ready` on the sandbox profile, in a
throwaway home whose sandbox was seeded beforehand (its first-ever start creates
the demo bills, which is not the steady state: it is timed once and shown apart).
Its first page of bills is timed in the two cases a start meets:

- the history holds what a previous sync fetched (every demo bill, synced by
  `fill_mirror` in a process of its own before the rounds): the rows painted are
  the mirror's, labelled with their age (the ready line's `as_of_ms`; the tab's
  count label says "as of HH:MM"), and the sync at start runs after that paint;
- the history is empty (its file deleted before each start): the rows painted are
  those the sync at start fetched from the sandbox.

Each start prints the CLOCK_MONOTONIC time of its first paint (the console: of the
window, and of the Bills table holding rows: console/gui/ready_probe.py); the time
the parent took just before starting the process is subtracted. Same environment
for all (QT_QPA_PLATFORM=offscreen), one warm-up each, then ROUNDS rounds taken in
turn, and the median of each. Python's bytecode is cached, as after any first run.
The two floors are bare windows that also import what each first page cannot do
without in the console's process (bare_window.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from tests.benchmarks.common import REPO, Row, child_environment, median

NAME = "1. Start-up"
ROUNDS = 7
WARM_UP = True  # a start of each kind before the rounds (file and font caches)
TIMEOUT_S = 120
MIRRORED_TARGET = 1.6  # the history's first page, against the bare window
FRESH_TARGET = 2.5  # the server's first page, with an empty history
BARE_WINDOW = REPO / "tests" / "benchmarks" / "bare_window.py"
MODULE = "tests.benchmarks.startup"
SYNC_TIMEOUT_S = 300


def console_command() -> list[str]:
    """The installed `beecloud-console` beside this interpreter, else `python -m console`."""
    script = Path(sys.executable).with_name("beecloud-console")
    return [str(script)] if script.exists() else [sys.executable, "-m", "console"]


def timed_start(command: Sequence[str], env: dict[str, str]) -> dict[str, float]:
    """Start a process and read its `ready key_ns=N ...` line: milliseconds since its start
    for each `_ns` field, `rows`, and `as_of_ms` (-1 when it says `-`)."""
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
        elif key in ("rows", "as_of_ms"):
            times[key] = float(value) if value.isdigit() else -1.0
    return times


def home_environment(home: Path) -> dict[str, str]:
    env = child_environment(
        {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            # Bytecode cached as after any first run (even where the environment says
            # not to write it), in a folder of its own: the repository stays untouched.
            "PYTHONPYCACHEPREFIX": str(home.parent / "pycache"),
        }
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def data_folder(home: Path) -> Path:
    return home / "data" / "beecloud-console"


def mirror_files(home: Path) -> list[Path]:
    """The sandbox profile's history mirror and its WAL files."""
    from console.gui.profiles import SANDBOX_ID
    from console.store.mirror_file import mirror_path

    path = mirror_path(data_folder(home), SANDBOX_ID)
    return [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]


def fill_mirror(data: Path) -> int:
    """Sync the sandbox profile's mirror in `data` completely from the sandbox's database
    there, served here for the purpose (the console's sandbox secret is made afresh at
    each start). Returns how many bills it holds."""
    from console.api.client import BeeCloudClient
    from console.gui.profiles import SANDBOX_APP_ID, SANDBOX_ID
    from console.sandbox import SandboxServer
    from console.store.mirror import BILLS, Mirror
    from console.store.mirror_file import mirror_path
    from console.store.sync import sync

    secret = "startup-benchmark"
    with SandboxServer(data / "sandbox.sqlite3", {SANDBOX_APP_ID: secret}) as server:
        client = BeeCloudClient(SANDBOX_APP_ID, secret, [server.base_url], shuffle=False)
        mirror = Mirror.open(mirror_path(data, SANDBOX_ID), SANDBOX_APP_ID)
        try:
            result = sync(mirror, client)
            if result.cancelled or result.bills is None:
                raise RuntimeError("the mirror's sync did not complete")
            return mirror.count(BILLS)
        finally:
            mirror.close()
            client.close()


def run(rounds: int = ROUNDS) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="beecloud-startup-") as folder:
        mirrored, fresh = Path(folder) / "mirrored", Path(folder) / "fresh"
        env = home_environment(mirrored)
        bare = [sys.executable, str(BARE_WINDOW)]
        floor_mirrored = [*bare, "--with-mirror"]
        floor_fresh = [*bare, "--with-client"]
        floor_page = [*bare, "--first-page", str(mirror_files(mirrored)[0])]
        console = [*console_command(), "--tab", "bills", "--exit-when-ready"]

        first_ever = timed_start(console, env)  # creates the demo bills
        # the same seeded sandbox and settings, in a home whose history is emptied each time
        shutil.copytree(mirrored, fresh)
        fresh_env = home_environment(fresh)
        filled = subprocess.run(
            [sys.executable, "-m", MODULE, "--fill-mirror", str(data_folder(mirrored))],
            capture_output=True,
            text=True,
            timeout=SYNC_TIMEOUT_S,
            env=env,
            cwd=REPO,
        )
        if filled.returncode != 0:
            tail = (filled.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"filling the mirror failed: {tail}")
        mirrored_bills = int(filled.stdout.split()[-1])

        def empty_history() -> None:
            for path in mirror_files(fresh):
                path.unlink(missing_ok=True)

        if WARM_UP:
            timed_start(bare, env)
            timed_start(floor_mirrored, env)
            timed_start(floor_fresh, env)
            timed_start(floor_page, env)
            timed_start(console, env)
            empty_history()
            timed_start(console, fresh_env)
        samples: dict[str, list[float]] = {
            key: []
            for key in ("bare", "floor_mirrored", "floor_page", "floor_fresh", "window", "page")
        }
        samples.update(fresh_window=[], fresh_page=[])
        rows_seen = fresh_rows = 0.0
        as_of = -1.0
        for _ in range(rounds):
            samples["bare"].append(timed_start(bare, env)["window"])
            samples["floor_mirrored"].append(timed_start(floor_mirrored, env)["window"])
            samples["floor_fresh"].append(timed_start(floor_fresh, env)["window"])
            samples["floor_page"].append(timed_start(floor_page, env)["window"])
            times = timed_start(console, env)
            samples["window"].append(times["window"])
            samples["page"].append(times["first_page"])
            rows_seen, as_of = times["rows"], times["as_of_ms"]
            if as_of < 0:
                raise RuntimeError("the first page was not painted from the history synced")
            empty_history()
            times = timed_start(console, fresh_env)
            if times["as_of_ms"] >= 0:
                raise RuntimeError("an empty history painted rows of a sync before")
            samples["fresh_window"].append(times["window"])
            samples["fresh_page"].append(times["first_page"])
            fresh_rows = times["rows"]

    taken = {key: median(values) for key, values in samples.items()}
    bare_ms = taken["bare"]
    page_ratio = taken["page"] / bare_ms
    fresh_ratio = taken["fresh_page"] / bare_ms
    as_of_text = datetime.fromtimestamp(as_of / 1000).strftime("%H:%M")
    return [
        Row(
            NAME, "bare PySide6 window shown (reference)", bare_ms, "ms", note=f"median of {rounds}"
        ),
        Row(
            NAME,
            "console, history synced before: main window shown",
            taken["window"],
            "ms",
            ratio=taken["window"] / bare_ms,
            note="sandbox profile, data already seeded",
        ),
        Row(
            NAME,
            "console, history synced before: window shown with its first page of bills visible",
            taken["page"],
            "ms",
            f"≤ {MIRRORED_TARGET}× bare",
            page_ratio,
            page_ratio <= MIRRORED_TARGET,
            f"{rows_seen:.0f} bills in the table when first painted, read from the history "
            f"({mirrored_bills:,} bills, synced before the rounds: the count label says “… · "
            f"as of {as_of_text}, syncing…”); the sync at start begins after that paint",
        ),
        Row(
            NAME,
            "floor of that: bare window after importing sqlite3 and Qt's namespace",
            taken["floor_mirrored"],
            "ms",
            ratio=taken["floor_mirrored"] / bare_ms,
            note="what a first page read from the history cannot do without: the database, and "
            "Qt's enums for a table's roles and alignments",
        ),
        Row(
            NAME,
            "the toolkit's floor of that page: its widgets and rows, no console module",
            taken["floor_page"],
            "ms",
            ratio=taken["floor_page"] / bare_ms,
            note="a bare window with as many widgets of each kind as the console's first paint "
            "shows (six tabs, the Bills tab's filters, a status bar, two menus) and the "
            "history's newest 200 bills in a table model in Python (sqlite3, 8 columns, the "
            "display role): what Python and PySide6 take for that page; the rest of the "
            "console's time is its own start",
        ),
        Row(
            NAME,
            "console, empty history: first page of bills from the server visible",
            taken["fresh_page"],
            "ms",
            f"≤ {FRESH_TARGET}× bare",
            fresh_ratio,
            fresh_ratio <= FRESH_TARGET,
            f"{fresh_rows:.0f} bills in the table when first painted, fetched by the sync at "
            f"start from the embedded sandbox; its window, empty, painted at "
            f"{taken['fresh_window']:.0f} ms; the history's file deleted before each start",
        ),
        Row(
            NAME,
            "floor of that: bare window after importing requests and Qt's namespace",
            taken["floor_fresh"],
            "ms",
            ratio=taken["floor_fresh"] / bare_ms,
            note="what a first page from the server cannot do without in the console's "
            "process: the client, and Qt's enums (the embedded sandbox loads in its own "
            "process, on the other core)",
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


if __name__ == "__main__":
    if sys.argv[1:2] == ["--fill-mirror"]:
        print(fill_mirror(Path(sys.argv[2])))
    else:
        from tests.benchmarks.run import text_table

        print(text_table(run()))
