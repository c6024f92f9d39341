"""The lower bounds of pyproject.toml are honest: packaging/lowest_constraints.py pins
each one, read from pyproject.toml itself (nothing to keep in step by hand), and
packaging/test_lowest.sh runs the tests on exactly those versions (CI does, after the
README's test command). What was found to fail is held here, so that no bound slips
back below it."""

from __future__ import annotations

import runpy
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
SCRIPT = ROOT / "packaging" / "lowest_constraints.py"
LOWEST = runpy.run_path(str(SCRIPT))

# Versions that pyproject.toml once allowed and the project does not work with.
KNOWN_BROKEN = {
    # 6.6.0 refuses QTimer.singleShot(int, receiver, callable) ("called with wrong argument
    # types"): every records tab fails. 6.6.x's shiboken, built against NumPy 1, prints a
    # traceback under NumPy 2 at import. The type stubs of 6.6.1 to 6.9.0 fail mypy (6.9.0:
    # QMessageBox.warning's parent not optional). 6.9.1 passes every test.
    "pyside6-essentials": "6.9.0",
    # `ruff check` finds UP038 (isinstance with a tuple) up to 0.14, and `ruff format
    # --check` would remove blank lines that the project's files keep (0.15's style).
    "ruff": "0.14.14",
    # Its numpy hook misses numpy._core._exceptions (imported from C only by numpy 2.3 on,
    # which pyqtgraph brings): the bundle's Overview fails to import numpy. 6.14.1 has it.
    "pyinstaller": "6.14.0",
    # From 2.6.2, a chunked deflate answer with bytes after the end of its stream made the
    # call decode them again and again, for good: past its deadline, the worker held
    # (tests/test_api_answer_size.py, measured with each release). 2.8.0 ends the call.
    "urllib3": "2.7.0",
}


def pyproject() -> dict[str, Any]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))


def every_requirement() -> list[Requirement]:
    data = pyproject()
    found = [*data["build-system"]["requires"], *data["project"]["dependencies"]]
    for extra in data["project"]["optional-dependencies"].values():
        found += extra
    return [Requirement(text) for text in found]


def lowest_allowed(requirement: Requirement) -> Version | None:
    """The lowest version a requirement allows, as packaging reads it."""
    bounds = [
        Version(spec.version)
        for spec in requirement.specifier
        if spec.operator in ("==", "===", ">=", "~=")
    ]
    return max(bounds, default=None)


def test_every_requirement_has_a_lower_bound_and_the_constraints_pin_it() -> None:
    pins, unbounded = LOWEST["lowest_pins"]()
    assert unbounded == [], "a dependency with no lower bound cannot be tried at its lowest"
    expected: dict[str, Version] = {}
    for requirement in every_requirement():
        lowest = lowest_allowed(requirement)
        assert lowest is not None, f"{requirement} has no lower bound"
        name = canonicalize_name(requirement.name)
        expected[name] = max(lowest, expected.get(name, lowest))
    assert {canonicalize_name(name): Version(version) for name, version in pins.items()} == (
        expected
    )


def test_the_constraints_file_is_what_pip_reads() -> None:
    made = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=60, check=True
    )
    lines = [line for line in made.stdout.splitlines() if not line.startswith("#")]
    assert lines, made.stdout
    for line in lines:
        pinned = Requirement(line)
        assert len(pinned.specifier) == 1
        assert next(iter(pinned.specifier)).operator == "=="
    assert made.stderr == ""


def test_no_lower_bound_allows_a_version_known_to_fail() -> None:
    pins, _ = LOWEST["lowest_pins"]()
    lowest = {canonicalize_name(name): Version(version) for name, version in pins.items()}
    for name, broken in KNOWN_BROKEN.items():
        bound = lowest[canonicalize_name(name)]
        assert bound > Version(broken), f"{name} allows {broken}, which fails"


def test_qt_is_pinned_alike_for_the_build_and_at_run_time() -> None:
    """The build compiles the translations with PySide6-Essentials' lrelease, the one the
    console runs on: one pin for both."""
    data = pyproject()
    build = [Requirement(text) for text in data["build-system"]["requires"]]
    run = [Requirement(text) for text in data["project"]["dependencies"]]
    specifiers = {
        str(requirement.specifier)
        for requirement in build + run
        if canonicalize_name(requirement.name) == "pyside6-essentials"
    }
    assert len(specifiers) == 1, specifiers
    assert Requirement("x" + specifiers.pop()).specifier.contains("6.11.9")


def write_pyproject(folder: Path, text: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_pins_follow_pyproject_whatever_it_names(tmp_path: Path) -> None:
    """A dependency added or removed in pyproject.toml is pinned or not, with no other
    edit; the higher of two lower bounds wins; a dependency with none is named."""
    path = write_pyproject(
        tmp_path,
        """
[build-system]
requires = ["setuptools>=68", "Qt-Thing>=6.6,<7"]
[project]
name = "x"
dependencies = ["Qt_Thing >= 6.6.1, < 7", "plain", "capped<3", "exact==1.2.3", "compat~=2.4"]
[project.optional-dependencies]
test = ["pytest>=8", "extras[fast]>=0.5 ; python_version >= '3.11'"]
""",
    )
    with pytest.raises(ValueError, match="cannot read"):  # markers: not used here, refused
        LOWEST["lowest_pins"](path)
    path = write_pyproject(tmp_path, path.read_text().replace(" ; python_version >= '3.11'", ""))
    pins, unbounded = LOWEST["lowest_pins"](path)
    assert pins == {
        "setuptools": "68",
        "Qt_Thing": "6.6.1",
        "exact": "1.2.3",
        "compat": "2.4",
        "pytest": "8",
        "extras": "0.5",
    }
    assert unbounded == ["plain", "capped"]
    text = LOWEST["constraints"](path)
    assert "Qt_Thing==6.6.1\n" in text and "plain" not in text


def test_the_check_names_what_is_not_installed_at_its_lower_bound() -> None:
    installed = {"PySide6-Essentials": "6.6.1", "requests": "2.32.0", "keyring": "24.0.0"}
    problems = LOWEST["check_installed"](
        {"PySide6-Essentials": "6.6.1", "requests": "2.31", "keyring": "24", "flask": "3.0"},
        installed.get,
    )
    assert problems == ["requests: 2.32.0 installed, not 2.31", "flask: not installed"]


def test_the_check_passes_here_only_where_the_lower_bounds_are_installed() -> None:
    """Here: the environment the tests run in. Where packaging/test_lowest.sh runs them,
    every dependency is at its lower bound; in the usual one, some are newer."""
    pins, _ = LOWEST["lowest_pins"](build=False)
    checked = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=60
    )
    problems = LOWEST["check_installed"](pins)
    assert checked.returncode == (1 if problems else 0), checked.stderr
    assert checked.stderr.count("not at its lower bound") == len(problems)
