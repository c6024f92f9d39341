"""A start runs no automatic garbage collection while it loads Qt and the window's
modules and builds the window: the command switches the collector off before, and
the GUI thread's collector takes over once the application exists
(console/gui/gc_guard.py). Collecting meanwhile only slowed the start."""

from __future__ import annotations

from pathlib import Path

from tests.cli_support import python_in_a_home

PROBE = """
import gc, time
import console.gui.pyside_import as pyside_import
explicit = []
collect = gc.collect
load_qt_core = pyside_import.load_qt_core

def stamped_load_qt_core():
    print("loading Qt", time.monotonic_ns())
    load_qt_core()

pyside_import.load_qt_core = stamped_load_qt_core

def counted_collect(*args, **kwargs):
    explicit.append(time.monotonic_ns())
    return collect(*args, **kwargs)

gc.collect = counted_collect
seen = []
gc.callbacks.append(lambda phase, info: phase == "start" and seen.append(time.monotonic_ns()))
from console.cli import main
code = main(["--tab", "bills", "--exit-when-ready"])
print("collections", *seen)
print("explicit", *explicit)
"""


def test_no_automatic_collection_runs_from_qt_s_loading_to_the_first_page(tmp_path: Path) -> None:
    output = python_in_a_home(PROBE, tmp_path)
    ready = next(line for line in output.splitlines() if line.startswith("ready "))
    fields = dict(field.split("=") for field in ready.split()[1:])
    painted = int(fields["first_page_ns"])
    lines = output.splitlines()
    loading = int(next(line for line in lines if line.startswith("loading Qt ")).split()[2])
    collections = [int(ns) for ns in lines[-2].split()[1:]]
    explicit = [int(ns) for ns in lines[-1].split()[1:]]
    # each collection from Qt's loading to the first page's paint was asked for by the
    # GUI thread's collector: none ran by itself
    assert len([ns for ns in collections if loading < ns < painted]) == len(
        [ns for ns in explicit if loading < ns < painted]
    ), output
