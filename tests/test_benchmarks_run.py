"""The speed benchmarks still run (issue 5): each one, shrunk, in a process of its own.

They are not part of the test run at full size (a minute, and figures that depend
on the machine), so nothing else would notice when a change of the console breaks
one. Here each measures a small load and must give a figure for every line; the
targets are not checked (a small load on a busy machine says nothing about them).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120

# benchmark module -> its constants, shrunk
SMALL = {
    "table": {"BILLS": 2_000, "TYPING_ROUNDS": 1},
    "overview": {"BILLS": 2_000},
    "responsiveness": {"BILLS": 500, "LOADS": 1},
    "bulk_fetch": {"BILLS": 300},
    "sandbox_server": {"SEEDED": 100, "DURATION_S": 0.3, "WARM_UP_S": 0.1},
    "startup": {"ROUNDS": 1, "WARM_UP": False},
    "sync": {"BILLS": 500, "LATENCY_MS": 20},
    "history": {"BILLS": 3_000, "BATCH": 1_000, "REPEATS": 1},
}

RUN_SMALL = textwrap.dedent(
    """
    import importlib, sys
    module = importlib.import_module("tests.benchmarks." + sys.argv[1])
    for name, value in eval(sys.argv[2]).items():
        setattr(module, name, value)
    rows = module.run(module.ROUNDS) if sys.argv[1] == "startup" else (
        module.measure() if hasattr(module, "measure") else module.run())
    for row in rows:
        print(row.value is not None, row.measurement)
    """
)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_the_benchmark_runs_and_measures_every_line(name: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", RUN_SMALL, name, repr(SMALL[name])],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=REPO,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines, "no figures"
    assert [line for line in lines if not line.startswith("True ")] == []


def test_a_markdown_file_that_cannot_be_written_is_said_before_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It was written at the end: minutes of benchmarks, then a traceback."""
    from tests.benchmarks import run

    monkeypatch.setattr(run, "BENCHMARKS", (("no_such_module", "0. None"),))
    markdown = tmp_path / "no folder" / "speed.md"
    with pytest.raises(SystemExit) as exit_info:
        run.main(["--markdown", str(markdown)])
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert f"cannot write {markdown}: No such file or directory" in error
    assert "running" not in error
