"""The app's desktop integration: icon, .desktop file and AppStream metainfo agree and
are valid (with the freedesktop validators too, where they are installed)."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from console import __version__
from console.gui.app import DESKTOP_FILE_NAME
from console.gui.app_icon import SIZES, app_icon, icon_file

REPO = Path(__file__).resolve().parents[1]
DESKTOP = REPO / "packaging" / f"{DESKTOP_FILE_NAME}.desktop"
METAINFO = REPO / "packaging" / f"{DESKTOP_FILE_NAME}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_icon_has_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert set(icon.availableSizes()) == {QSize(size, size) for size in SIZES}
    for size in SIZES:
        image = icon.pixmap(size, size).toImage()
        assert image.width() == size
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # not blank in the middle
        assert icon_file(size).is_file()


def test_the_desktop_file_names_the_console_in_english_and_chinese() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "BeeCloud Console"
    assert entry["Name[zh_CN]"] == "BeeCloud 控制台"
    assert entry["Comment"] and entry["Comment[zh_CN]"]
    assert entry["Exec"] == "beecloud-console"
    assert entry["Icon"] == DESKTOP_FILE_NAME
    assert entry["Categories"] == "Office;Finance;"
    assert entry["Terminal"] == "false"


def test_the_metainfo_describes_this_release_and_its_screenshots() -> None:
    root = ElementTree.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP_FILE_NAME
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("content_rating") is not None
    versions = [release.get("version") for release in root.iter("release")]
    assert __version__ in versions
    images = [image.text or "" for image in root.iter("image")]
    assert images
    for image in images:
        assert (REPO / "resources" / "screenshots" / Path(image).name).is_file(), image


@pytest.mark.parametrize(
    ("program", "arguments", "path"),
    [
        ("desktop-file-validate", [], DESKTOP),
        ("appstreamcli", ["validate", "--no-net"], METAINFO),
    ],
)
def test_the_freedesktop_validators_accept_them(
    program: str, arguments: list[str], path: Path
) -> None:
    if shutil.which(program) is None:
        if os.environ.get("CI"):  # .ci/run installs them (desktop-file-utils, appstream)
            pytest.fail(f"{program} is not installed, and CI is to run it")
        pytest.skip(f"{program} is not installed")
    checked = subprocess.run([program, *arguments, path], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
