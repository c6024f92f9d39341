"""The application icon: the PNGs in console/gui/icons/, beside this module.

They are package data, so the same path serves a source checkout, an installed
wheel and the PyInstaller bundle (which puts them at console/gui/icons/ too).
The SVG there is their source: packaging/render_icons.py renders the PNGs.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

ICON_DIR = Path(__file__).resolve().parent / "icons"
ICON_NAME = "beecloud-console"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def icon_file(size: int) -> Path:
    return ICON_DIR / f"{ICON_NAME}-{size}.png"


def app_icon() -> QIcon:
    """The icon in every size there is (an empty icon if the files are missing)."""
    icon = QIcon()
    for size in SIZES:
        if icon_file(size).exists():
            icon.addFile(str(icon_file(size)), QSize(size, size))
    return icon
