"""Refresh the Qt Linguist sources of the console's translations from the code.

    python packaging/update_translations.py

runs pyside6-lupdate over every Python file of console/gui, console/store and
console/sandbox (whose texts are marked with QT_TRANSLATE_NOOP and shown by the GUI)
and updates
resources/i18n/beecloud_console_zh_CN.ts (and beecloud_console_en.ts, the plural
forms of English counts): new texts come in unfinished (to be
translated, e.g. in pyside6-linguist), texts gone from the code are dropped
(-no-obsolete), translations of unchanged texts are kept. Line numbers are left
out of the file (-locations none) so that it only changes when texts do.
packaging/compile_translations.py then makes the .qm files the console loads.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from compile_translations import qt_tool  # beside this script (packaging/ is no package)

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "console" / "gui", ROOT / "console" / "store", ROOT / "console" / "sandbox")
TS_DIR = ROOT / "resources" / "i18n"
# Chinese: every text. English, the language of the source texts: only the plural
# forms of counts ("%n bill(s)" -> "1 bill", "2 bills"), which Qt takes from a
# translation whatever the language.
LANGUAGES = ("zh_CN", "en")


def sources() -> list[str]:
    return sorted(
        str(path.relative_to(ROOT)) for folder in SOURCES for path in folder.rglob("*.py")
    )


def lupdate(ts_file: Path, *options: str) -> None:
    """Run pyside6-lupdate over the SOURCES into ts_file (relative paths, from ROOT)."""
    command = [
        qt_tool("lupdate"),
        "-silent",
        "-locations",
        "none",
        *options,
        *sources(),
        "-ts",
        str(ts_file),
    ]
    subprocess.run(command, cwd=ROOT, check=True)


def main() -> int:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = TS_DIR / f"beecloud_console_{language}.ts"
        plural_only = ("-pluralonly",) if language == "en" else ()
        lupdate(ts_file, "-no-obsolete", *plural_only, "-target-language", language)
        print(ts_file.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
