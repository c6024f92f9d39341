"""Build hook: compile the translations (resources/i18n/*.ts) into
console/gui/translations/*.qm before the package is built, so that `pip install .`
and `pip install -e .` (PEP 660: setuptools runs build_py there too) both ship them.
Everything else about the package is in pyproject.toml."""

from __future__ import annotations

import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        script = ROOT / "packaging" / "compile_translations.py"
        if script.is_file():  # absent from an sdist made without packaging/
            runpy.run_path(str(script))["compile_all"]()
        super().run()


setup(cmdclass={"build_py": BuildPyWithTranslations})
