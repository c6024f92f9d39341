"""The console's layers: the client (console/api), the sandbox (console/sandbox), the
export (console/export) and the store (console/store) know nothing of Qt; nothing
outside console/gui imports it but the entry point that starts the window."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONSOLE = ROOT / "console"
QT_FREE = ("api", "sandbox", "export", "store")
ENTRY_POINT = CONSOLE / "cli.py"  # `beecloud-console` starts the window from here


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])


def imported_modules(path: Path, package: str | None = None) -> set[str]:
    """Every module a file imports, at its top or in a function, absolutely."""
    package = package if package is not None else package_of(path)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("layer", QT_FREE)
def test_a_qt_free_layer_names_no_qt_and_no_gui(layer: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name
            for name in imported_modules(path)
            if name.startswith(("PySide6", "shiboken6", "console.gui"))
        )
        for path in sorted((CONSOLE / layer).rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}


@pytest.mark.parametrize("layer", QT_FREE)
def test_a_qt_free_layer_loads_no_qt(layer: str) -> None:
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in sorted((CONSOLE / layer).rglob("*.py"))
    ]
    code = (
        f"import sys\nfor name in {modules!r}:\n    __import__(name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'console.gui'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


def test_nothing_outside_the_gui_imports_it_but_the_entry_point() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_modules(path) if name.startswith("console.gui")
        )
        for path in sorted(CONSOLE.rglob("*.py"))
        if CONSOLE / "gui" not in path.parents and path != ENTRY_POINT
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_check_sees_relative_and_late_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    text = "from ..gui import session\ndef later():\n    from PySide6.QtCore import QTimer\n"
    probe.write_text(text, encoding="utf-8")
    found = imported_modules(probe, package="console.store")
    assert {"console.gui", "console.gui.session", "PySide6.QtCore"} <= found
