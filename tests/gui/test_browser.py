"""console/gui/browser.py: the browser is started with the user's environment, not the bundle's."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from console.gui import browser
from console.gui.browser import open_url, outside_environment
from tests.gui.conftest import BrowserCatcher

BUNDLE = "/opt/beecloud-console/_internal"
URL = "http://127.0.0.1:8732/approve?token=EC-1 2"


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> str:
    """Pretend to be the PyInstaller bundle (what its bootloader sets in sys)."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", BUNDLE, raising=False)
    return BUNDLE


def bundle_environment(**extra: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": "/home/finance",
        "LD_LIBRARY_PATH": f"{BUNDLE}:/usr/local/lib",
        "QT_PLUGIN_PATH": f"{BUNDLE}/PySide6/Qt/plugins",
        "QML2_IMPORT_PATH": f"{BUNDLE}/PySide6/Qt/qml",
        "_PYI_ARCHIVE_FILE": "/opt/beecloud-console/beecloud-console",
        "_PYI_PARENT_PROCESS_LEVEL": "-1",
        **extra,
    }


def test_outside_a_bundle_the_environment_is_left_as_it_is() -> None:
    assert not browser.is_frozen()
    environ = bundle_environment(LD_LIBRARY_PATH_ORIG="/usr/local/lib")
    assert outside_environment(environ) == environ


def test_in_a_bundle_the_users_library_path_is_restored(frozen: str) -> None:
    environ = bundle_environment(LD_LIBRARY_PATH_ORIG="/usr/local/lib")
    assert outside_environment(environ) == {
        "PATH": "/usr/bin:/bin",
        "HOME": "/home/finance",
        "LD_LIBRARY_PATH": "/usr/local/lib",
    }


def test_in_a_bundle_a_library_path_the_user_never_had_is_removed(frozen: str) -> None:
    environ = bundle_environment(LD_LIBRARY_PATH=BUNDLE)
    assert outside_environment(environ) == {"PATH": "/usr/bin:/bin", "HOME": "/home/finance"}


def test_in_a_bundle_a_qt_path_of_the_users_own_is_kept(frozen: str) -> None:
    environ = bundle_environment(QT_PLUGIN_PATH="/usr/lib/qt6/plugins")
    assert outside_environment(environ)["QT_PLUGIN_PATH"] == "/usr/lib/qt6/plugins"
    assert "QML2_IMPORT_PATH" not in outside_environment(environ)


def test_outside_a_bundle_qt_opens_the_address(browser: BrowserCatcher) -> None:
    assert open_url(URL)
    assert browser.opened == [QUrl(URL)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xdg-open is Linux's")
def test_in_a_bundle_xdg_open_gets_the_address_and_the_users_environment(
    frozen: str, browser: BrowserCatcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    # A stand-in xdg-open first on PATH: it writes down what it was given.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    said = tmp_path / "xdg-open.txt"
    fake = bin_dir / "xdg-open"
    fake.write_text(
        "#!/bin/sh\n"
        f'{{ echo "url=$1"; echo "ld=${{LD_LIBRARY_PATH-unset}}"; '
        f'echo "qt=${{QT_PLUGIN_PATH-unset}}"; }} > "{said}.part"\n'
        f'mv "{said}.part" "{said}"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("LD_LIBRARY_PATH", f"{frozen}:/usr/local/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/local/lib")
    monkeypatch.setenv("QT_PLUGIN_PATH", f"{frozen}/PySide6/Qt/plugins")

    assert open_url(URL)

    qtbot.waitUntil(said.exists, timeout=10_000)
    assert said.read_text().splitlines() == [
        "url=http://127.0.0.1:8732/approve?token=EC-1%202",
        "ld=/usr/local/lib",
        "qt=unset",
    ]
    assert browser.opened == []  # not through Qt, whose browser would get the bundle's paths
