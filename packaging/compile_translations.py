"""Compile the console's translations: resources/i18n/*.ts -> console/gui/translations/*.qm.

    python packaging/compile_translations.py

Run by the build (setup.py's build_py, so `pip install -e .` and a wheel have the
.qm files) and by the bundle's build before PyInstaller. Uses pyside6-lrelease,
which ships in PySide6-Essentials. The .qm files are not in git.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "i18n"
QM_DIR = ROOT / "console" / "gui" / "translations"


def qt_tool(name: str) -> str:
    """A Qt tool (lrelease, lupdate...) as PySide6-Essentials ships it, else pyside6-NAME."""
    try:
        import PySide6
    except ImportError:
        found = None
    else:
        folder = Path(PySide6.__file__).parent
        found = next((str(p) for p in (folder / name, folder / f"{name}.exe") if p.is_file()), None)
    found = found or shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def compile_all(ts_dir: Path = TS_DIR, qm_dir: Path = QM_DIR) -> list[Path]:
    """Every .ts of ts_dir compiled into qm_dir; the .qm files written."""
    qm_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ts_file in sorted(ts_dir.glob("*.ts")):
        qm_file = qm_dir / f"{ts_file.stem}.qm"
        command = [
            qt_tool("lrelease"),
            "-silent",
            "-nounfinished",
            str(ts_file),
            "-qm",
            str(qm_file),
        ]
        subprocess.run(command, check=True)
        written.append(qm_file)
    return written


def main() -> int:
    for path in compile_all():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
