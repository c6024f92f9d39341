"""Run the speed benchmarks and print one table: `python -m tests.benchmarks.run`.

Every benchmark module has `run() -> list[Row]` (tests/benchmarks/common.py).
The table has one line per measurement: the value, its target, the ratio where
two things are compared, and PASS or MISS. The exit status is 1 when any
target is missed (a benchmark that fails or is missing counts as a miss).

    python -m tests.benchmarks.run                      # all of them
    python -m tests.benchmarks.run startup table        # a subset, by name
    python -m tests.benchmarks.run --markdown speed.md  # also write the table as Markdown
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks.common import Row, missing

# (module name under tests.benchmarks, the benchmark's title), in the order.
BENCHMARKS: tuple[tuple[str, str], ...] = (
    ("startup", "1. Start-up"),
    ("bulk_fetch", "2. Bulk fetch"),
    ("table", "3. Table, 100,000 bills"),
    ("responsiveness", "4. Responsiveness"),
    ("sandbox_server", "5. Sandbox server"),
    ("overview", "6. Overview, 100,000 bills"),
    ("sync", "7. History sync"),
    ("history", "8. History, 1,000,000 bills"),
)
HEADERS = ("benchmark", "measurement", "value", "unit", "target", "ratio", "result")


def run_one(module_name: str, title: str) -> list[Row]:
    """A benchmark's rows; a missing module or a failure is one MISS row saying so."""
    qualified = f"tests.benchmarks.{module_name}"
    if importlib.util.find_spec(qualified) is None:
        return [missing(title, "not available", f"{qualified} does not exist yet")]
    try:
        module = importlib.import_module(qualified)
        rows: list[Row] = module.run()
    except Exception as error:  # a broken benchmark is reported, and the others still run
        return [missing(title, "failed", f"{type(error).__name__}: {error}")]
    return rows


def format_value(value: float | None) -> str:
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def cells(row: Row) -> tuple[str, ...]:
    ratio = "" if row.ratio is None else f"{row.ratio:.2f}×"
    return (
        row.benchmark,
        row.measurement,
        format_value(row.value),
        row.unit,
        row.target,
        ratio,
        row.result,
    )


def text_table(rows: Sequence[Row]) -> str:
    table = [HEADERS, *(cells(row) for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    right = {2, 5}  # numbers
    lines = []
    for number, line in enumerate(table):
        lines.append(
            "  ".join(
                cell.rjust(width) if i in right else cell.ljust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    notes = [f"  {row.benchmark} / {row.measurement}: {row.note}" for row in rows if row.note]
    return "\n".join([*lines, "", "Notes:", *notes]) if notes else "\n".join(lines)


def markdown_table(rows: Sequence[Row]) -> str:
    header = "| " + " | ".join(HEADERS) + " |"
    rule = "| " + " | ".join("---:" if i in (2, 5) else "---" for i in range(len(HEADERS))) + " |"
    body = []
    for row in rows:
        line = list(cells(row))
        if row.note:
            line[1] = f"{line[1]} — {row.note}"
        body.append("| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |")
    return "\n".join([header, rule, *body])


def machine() -> str:
    cpus = os.cpu_count() or 0
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}"
    )


def python_pace_ms() -> float:
    """Milliseconds for a million additions in a pure-Python loop (median of 5): how
    fast this machine runs Python just then. Targets in ms depend on it; on a shared
    machine it can change by half from one minute to the next."""
    times = []
    for _ in range(5):
        started = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number
        times.append(time.perf_counter() - started)
    return sorted(times)[2] * 1000


def main(argv: Sequence[str] | None = None) -> int:
    names = [name for name, _title in BENCHMARKS]
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.run", description="Run the speed benchmarks."
    )
    parser.add_argument(
        "only", nargs="*", metavar="NAME", help=f"run only these, of: {', '.join(names)}"
    )
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="write the table as Markdown")
    args = parser.parse_args(argv)
    unknown = [name for name in args.only if name not in names]
    if unknown:
        parser.error(f"no benchmark named {', '.join(unknown)}; they are: {', '.join(names)}")
    if args.markdown is not None:  # said now, not after minutes of benchmarks
        try:
            args.markdown.open("a", encoding="utf-8").close()
        except OSError as error:
            parser.error(f"cannot write {args.markdown}: {error.strerror or error}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    chosen = [(name, title) for name, title in BENCHMARKS if not args.only or name in args.only]
    rows: list[Row] = []
    pace_before = python_pace_ms()
    started = time.monotonic()
    for name, title in chosen:
        print(f"running {name}…", file=sys.stderr, flush=True)
        rows.extend(run_one(name, title))
    elapsed = time.monotonic() - started
    pace_after = python_pace_ms()
    pace = f"a million additions in Python: {pace_before:.0f} ms before, {pace_after:.0f} ms after"
    footer = f"{machine()}; {elapsed:.0f} s in all; {pace}."

    print(text_table(rows))
    print(f"\n{footer}")
    if args.markdown is not None:
        args.markdown.write_text(markdown_table(rows) + f"\n\n{footer}\n", encoding="utf-8")
    return 1 if any(row.passed is False for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
