"""The Python package: what a source distribution holds, and what its build installs.

`python -m build` (and `pip install` of an sdist) builds the wheel from the sdist, not
from the checkout: the sdist must hold what setup.py's build hook compiles the
translations from, or the wheel has none and the console is English only."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # an sdist built, then the translations compiled: 4 s

REPO = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis",
    "translations", "screenshots", "tests",
)  # fmt: skip


def run(args: list[str], cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S
    )
    assert done.returncode == 0, done.stderr[-3000:]


def test_a_wheel_built_from_the_sdist_of_a_clean_checkout_has_the_translations(
    tmp_path: Path,
) -> None:
    """A clean checkout has no .qm (they are not in git): setup.py compiles them when
    it builds, from resources/i18n with packaging/compile_translations.py, which the
    sdist left out."""
    checkout = tmp_path / "checkout"
    shutil.copytree(REPO, checkout, ignore=NOT_SOURCE, symlinks=True)
    build_sdist = f"from setuptools import build_meta; build_meta.build_sdist({str(tmp_path)!r})"
    run(["-c", build_sdist], checkout)
    [sdist] = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    [source] = (tmp_path / "unpacked").iterdir()
    run(["setup.py", "-q", "build_py", "-d", "out"], source)  # what building its wheel runs
    built = source / "out" / "console" / "gui"
    assert sorted(path.name for path in (built / "translations").glob("*.qm")) == [
        "beecloud_console_en.qm",
        "beecloud_console_zh_CN.qm",
    ]
    assert (built / "icons" / "beecloud-console.svg").is_file()
