"""Shared fixtures. The sandbox helpers live in tests/sandbox_support.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from console.gui.pyside_import import load_qt_core
from console.sandbox import SandboxServer
from tests.sandbox_support import APPS

# As at the console's start, PySide6's import hook is taken out before the modules
# under test load (console/gui/pyside_import.py): they are tested as they run.
load_qt_core()

# A property's examples are bounded by their number, not by each one's wall time: on a
# shared two-core machine an example now and then takes longer than Hypothesis's 200 ms
# default, which failed a test that had found nothing wrong.
settings.register_profile("console", deadline=None)
settings.load_profile("console")


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    """A running sandbox on a fresh database, with the app test-app / test-secret."""
    with SandboxServer(tmp_path / "sandbox.sqlite3", APPS) as server:
        yield server
