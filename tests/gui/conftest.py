"""GUI fixtures: the real main window on the real embedded sandbox, offscreen,
with settings in a temporary file and secrets in an in-memory keyring."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QDesktopServices,
)
from PySide6.QtWidgets import QApplication

from console.api.client import BeeCloudClient
from console.gui import i18n
from console.gui.main_window import MainWindow
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.store.secrets import SecretStore
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_truth import embedded_sandbox_client

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEMO_BILLS = 120


@pytest.fixture(autouse=True, scope="session")
def english_as_at_start(qapp: QApplication) -> None:
    """The language a console without a choice shows here, as i18n.install() leaves
    it: English, with its plural forms ("1 bill", "2 bills")."""
    i18n.uninstall()


@pytest.fixture(autouse=True)
def collect_qt_garbage_on_this_thread() -> Iterator[None]:
    """After each test (and its fixtures' teardown), collect the reference cycles that
    hold Qt objects (session, worker thread, ...) here, on the GUI thread. Left to the
    automatic collector they may be freed from a sandbox server thread, which deletes
    their C++ objects there and crashes the process at random. As in the app
    (console.gui.gc_guard), automatic collection is off while a GUI test runs."""
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.enable()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.in_file(tmp_path / "settings.ini")


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def session(
    qapp: QApplication, settings: Settings, tmp_path: Path, keyring_backend: MemoryKeyring
) -> Iterator[ConsoleSession]:
    made = ConsoleSession(settings, tmp_path, SecretStore(keyring_backend), demo_bills=DEMO_BILLS)
    made.activate("sandbox")
    yield made
    made.shutdown()


@pytest.fixture
def window(qtbot, session: ConsoleSession) -> Iterator[MainWindow]:
    made = MainWindow(session)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.close()


@pytest.fixture
def truth(session: ConsoleSession) -> Iterator[BeeCloudClient]:
    """The embedded sandbox asked directly, around the console."""
    client = embedded_sandbox_client(session)
    yield client
    client.close()


class BrowserCatcher(QObject):
    """Catches QDesktopServices.openUrl for http(s) instead of starting a browser."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


@pytest.fixture
def browser() -> Iterator[BrowserCatcher]:
    catcher = BrowserCatcher()
    for scheme in ("http", "https"):
        # PySide6 wants a receiver and its slot's name as str (not a callable, not bytes)
        QDesktopServices.setUrlHandler(scheme, catcher, "open")  # type: ignore[arg-type]  # a slot name: str
    yield catcher
    for scheme in ("http", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


@dataclass(frozen=True)
class Said:
    """What the console asked a screen reader to say, unasked (an announcement)."""

    text: str
    urgent: bool  # assertive: said at once, cutting short what was being said
    by: QObject


@pytest.fixture
def announced(monkeypatch: pytest.MonkeyPatch) -> list[Said]:
    """The announcements the console makes from now on, in order. (PySide6 does not
    offer QAccessible.installUpdateHandler: the call the console makes is watched, and
    passed on to Qt.)"""
    said: list[Said] = []
    real = QAccessible.updateAccessibility

    def watched(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            urgent = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            said.append(Said(event.message(), urgent, event.object()))
        real(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(watched))
    return said
