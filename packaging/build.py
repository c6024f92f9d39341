"""Build the console as a one-folder app: dist/beecloud-console/beecloud-console.

    python packaging/build.py [--dist DIR] [--work DIR]

Run it with the Python of an environment where the project is installed with its
test extras (they bring PyInstaller): `pip install -e '.[test]'`. It compiles the
translations first (packaging/compile_translations.py, when present), then runs
PyInstaller on packaging/beecloud-console.spec without asking and without UPX.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "beecloud-console.spec"
COMPILE_TRANSLATIONS = ROOT / "packaging" / "compile_translations.py"
NAME = "beecloud-console"


def folder_size(folder: Path) -> int:
    """Bytes in the files under folder, links not followed (the bundle links to its libraries)."""
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def build(dist: Path, work: Path, quiet: bool = False) -> Path:
    """Build the bundle into dist/beecloud-console; return its executable."""
    if COMPILE_TRANSLATIONS.exists():
        subprocess.run([sys.executable, str(COMPILE_TRANSLATIONS)], cwd=ROOT, check=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm"]
    command += ["--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    if quiet:
        command += ["--log-level", "WARN"]
    subprocess.run(command, cwd=ROOT, check=True)
    return dist / NAME / NAME


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's cache")
    args = parser.parse_args()
    started = time.monotonic()
    try:
        executable = build(args.dist, args.work)
    except subprocess.CalledProcessError as error:
        print(f"build failed: {' '.join(map(str, error.cmd))} exited {error.returncode}")
        return 1
    size_mb = folder_size(executable.parent) / 1_000_000
    print(f"built {executable} ({size_mb:.0f} MB) in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
