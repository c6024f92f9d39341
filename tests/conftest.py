"""Shared fixtures. The sandbox helpers live in tests/sandbox_support.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.gui.pyside_import import load_qt_core
from console.sandbox import SandboxServer
from tests.sandbox_support import APPS

# As at the console's start, PySide6's import hook is taken out before the modules
# under test load (console/gui/pyside_import.py): they are tested as they run.
load_qt_core()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    """A running sandbox on a fresh database, with the app test-app / test-secret."""
    with SandboxServer(tmp_path / "sandbox.sqlite3", APPS) as server:
        yield server
