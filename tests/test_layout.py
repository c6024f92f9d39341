"""How the test suite is laid out: a helper shared by test files lives in a support
module (tests/*_support.py, tests/gui/tab_drivers.py, ...), never in a test file
that others import. Importing a test module from another hides where a helper lives
and ties the importer to that module's own imports and module-level set-up."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_test_modules(path: Path) -> list[str]:
    """The test_* modules (or test_* names) a file imports, anywhere in it (top level
    or inside a function), absolutely (tests.gui.test_x) or relatively (.test_x)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[-1].startswith("test_")]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[-1].startswith("test_"):
                found.append("." * node.level + module)
            else:  # from tests.gui import test_x, from . import test_x
                prefix = f"{module}." if module else ""
                found += [prefix + a.name for a in node.names if a.name.startswith("test_")]
    return found


def test_no_test_file_imports_another_test_file() -> None:
    offenders = {
        str(path.relative_to(TESTS)): imported
        for path in sorted(TESTS.rglob("test_*.py"))
        if (imported := imported_test_modules(path))
    }
    assert offenders == {}, "move the shared helpers into a support module"


def test_the_check_sees_every_form_of_import(tmp_path: Path) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "from tests.gui.test_refund_tab import find\n"
        "import tests.test_cli\n"
        "from .test_api_faults import card_payment\n"
        "from . import test_bundle\n"
        "from tests.gui import tab_drivers, test_i18n\n"
        "from tests.gui.tab_drivers import show_tab\n"
        "def later():\n"
        "    from tests.gui.test_payment_tab import fill_card\n",
        encoding="utf-8",
    )
    assert imported_test_modules(probe) == [
        "tests.gui.test_refund_tab",
        "tests.test_cli",
        ".test_api_faults",
        "test_bundle",
        "tests.gui.test_i18n",
        "tests.gui.test_payment_tab",
    ]
