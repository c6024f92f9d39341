"""Open a web address in the user's browser, from a source install and from the app bundle.

A PyInstaller bundle on Linux runs with LD_LIBRARY_PATH pointing at its own
libraries (and Qt's plugin paths at its own plugins). A browser started with that
environment loads the bundle's libraries instead of the system's and fails: so,
in a frozen app on Linux, xdg-open is started with the environment the user had
(LD_LIBRARY_PATH restored from LD_LIBRARY_PATH_ORIG, PyInstaller's copy of the
original, or removed). Anywhere else Qt's QDesktopServices opens the address.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Mapping

from PySide6.QtCore import QProcess, QProcessEnvironment, QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)

# Set by PyInstaller's bootloader (the first) and its Qt run-time hook (the others).
LIBRARY_PATH = "LD_LIBRARY_PATH"
LIBRARY_PATH_ORIGINAL = "LD_LIBRARY_PATH_ORIG"
BUNDLE_PATHS = ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH")
BOOTLOADER_PREFIX = "_PYI_"  # the bootloader's own notes, which would confuse another bundle


def is_frozen() -> bool:
    """Whether this is the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def outside_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment for a program of the system started from here.

    Outside a bundle: environ as it is. In a bundle: LD_LIBRARY_PATH as it was
    before the bundle started (gone if it was not set), and no Qt path that
    points into the bundle, nor any of the bootloader's own variables."""
    environment = dict(environ)
    if not is_frozen():
        return environment
    original = environment.pop(LIBRARY_PATH_ORIGINAL, None)
    if original:
        environment[LIBRARY_PATH] = original
    else:
        environment.pop(LIBRARY_PATH, None)
    bundle = getattr(sys, "_MEIPASS", "")
    for name in BUNDLE_PATHS:
        if bundle and bundle in environment.get(name, ""):
            del environment[name]
    for name in [name for name in environment if name.startswith(BOOTLOADER_PREFIX)]:
        del environment[name]
    return environment


def open_url(url: str | QUrl) -> bool:
    """Open url in the system's browser; False if nothing could be started."""
    address = QUrl(url)
    if is_frozen() and sys.platform.startswith("linux"):
        return _xdg_open(address)
    return QDesktopServices.openUrl(address)


def _xdg_open(address: QUrl) -> bool:
    environment = outside_environment(os.environ)
    program = shutil.which("xdg-open", path=environment.get("PATH"))
    if program is None:
        log.warning("cannot open a web address: xdg-open is not installed")
        return False
    process = QProcess()
    process.setProgram(program)
    process.setArguments([address.toString(QUrl.ComponentFormattingOption.FullyEncoded)])
    qt_environment = QProcessEnvironment()
    for name, value in environment.items():
        qt_environment.insert(name, value)
    process.setProcessEnvironment(qt_environment)
    result = process.startDetached()  # a bool (the stubs say a (bool, pid) pair)
    started = bool(result[0] if isinstance(result, tuple) else result)
    if not started:
        log.warning("cannot open a web address: xdg-open did not start")
    return started
