"""What every benchmark returns (a list of Row), and small helpers they share."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Row:
    """One line of the table: a measured value, its target, and how it fared."""

    benchmark: str  # e.g. "1. Start-up"
    measurement: str  # what was measured, in words
    value: float | None  # None when nothing could be measured
    unit: str  # "ms", "MB", "req/s", ...
    target: str = ""  # e.g. "≤ 1.5× bare window"; empty: no target
    ratio: float | None = None  # when two things are compared: this one / the reference
    passed: bool | None = None  # None: nothing to pass (no target)
    note: str = ""  # how it was measured, when the measurement alone does not say

    @property
    def result(self) -> str:
        if self.passed is None:
            return ""
        return "PASS" if self.passed else "MISS"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Row:
        return cls(**data)


def missing(benchmark: str, measurement: str, why: str) -> Row:
    """A benchmark that could not run counts as a miss, with the reason."""
    return Row(benchmark, measurement, None, "", "", None, False, why)


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def ms(seconds: float) -> float:
    return seconds * 1000.0


def rss_mb() -> float:
    """This process's resident memory now, in MB (Linux /proc; else the peak so far)."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak_kb / 1024.0
    return resident_pages * PAGE_BYTES / 1_000_000.0


def child_environment(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of every GUI child: offscreen Qt, the repository importable."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(REPO), env.get("PYTHONPATH"))))
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(extra or {})
    return env


def run_rows_in_child(module: str, timeout_s: float, args: Sequence[str] = ()) -> list[Row]:
    """Run `python -m module --child ...` in a fresh process (its own QApplication and
    memory) and read the rows it prints as one JSON list on its last line of output."""
    process = subprocess.run(
        [sys.executable, "-m", module, "--child", *args],
        capture_output=True,
        text=True,
        timeout=timeout_s,
        env=child_environment(),
        cwd=REPO,
    )
    lines = process.stdout.strip().splitlines()
    if process.returncode != 0 or not lines:
        tail = (process.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{module} exited with {process.returncode}: {tail}")
    return [Row.from_json(item) for item in json.loads(lines[-1])]


def print_rows_for_parent(rows: Sequence[Row]) -> None:
    """The child's side of run_rows_in_child."""
    print(json.dumps([row.to_json() for row in rows]), flush=True)
