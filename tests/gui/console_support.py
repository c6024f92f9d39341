"""Helpers for tests of live profiles and of starting the console again on the data a
previous run left: a live profile on a standalone sandbox app (settings file and
keyring) or on the embedded sandbox's app, a fresh ConsoleSession + MainWindow on the
same data folder, and the refund_nos a host in between saw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import IO

from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, Profile, ProfileStore
from console.gui.session import ConsoleSession
from console.gui.settings import WINDOW_TAB, Settings
from console.store.secrets import SecretStore
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.tab_drivers import WAIT_MS
from tests.sandbox_support import APP_ID, APP_SECRET

ROOT = Path(__file__).resolve().parents[2]


def save_live_profile(
    settings_path: Path, keyring: MemoryKeyring, hosts: tuple[str, ...], read_timeout: float = 20.0
) -> Profile:
    """A live profile for the test app, saved as the last one used, its secret in the keyring."""
    profile = replace(Profile.new_live("Shop", APP_ID, hosts), read_timeout=read_timeout)
    settings = Settings.in_file(settings_path)
    store = ProfileStore(settings)
    store.save(profile)
    store.set_last(profile.id)
    settings.save_now()
    SecretStore(keyring).set(profile.id, APP_SECRET)
    return profile


def console_process(
    data_dir: Path, settings: Path, bill_no: str, *mode: str, stderr: int | IO[str] | None = None
) -> subprocess.Popen[str]:
    """The console in a process of its own (tests/gui/console_driver.py) refunding the
    bill on the settings' last (live) profile; its app secret goes on standard input."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.gui.console_driver",
            str(data_dir),
            str(settings),
            bill_no,
            *mode,
        ],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if stderr is None else stderr,
        text=True,
    )


def start_console(qtbot, settings_path: Path, data_dir: Path, keyring: MemoryKeyring) -> MainWindow:
    """The console as it starts: a new session on the last profile, then the window."""
    settings = Settings.in_file(settings_path)
    session = ConsoleSession(settings, data_dir, SecretStore(keyring), demo_bills=0)
    session.activate(session.profiles.last_id())
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def window_last_on(session: ConsoleSession, qtbot, tab: str) -> MainWindow:
    """A main window made as a start makes it, the console having been closed last on
    `tab` (its saved value, a tab's name or anything else)."""
    session.settings.put(WINDOW_TAB, tab)
    window = MainWindow(session)
    qtbot.addWidget(window)
    return window


class Agree:
    """Stands in for the user at a yes/no question, and remembers what was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, question: object) -> bool:
        self.asked.append(str(question))
        return True


def live_profile(
    session: ConsoleSession,
    name: str,
    hosts: tuple[str, ...],
    read_timeout: float = 0.5,
    connect_timeout: float = 5.0,
) -> Profile:
    """A live profile for the embedded sandbox's own app, reached through `hosts`, saved
    with its secret and made active (a short read timeout: an answer lost is soon known;
    a short connect timeout too: a request whose answer was lost is soon known absent)."""
    secret = session.credentials().secret  # the sandbox app's, read while it is active
    profile = replace(
        Profile.new_live(name, SANDBOX_APP_ID, hosts),
        read_timeout=read_timeout,
        connect_timeout=connect_timeout,
    )
    session.profiles.save(profile)
    session.secrets.set(profile.id, secret)
    session.activate(profile.id)
    return profile


def refund_nos(posts: list[bytes]) -> list[str]:
    """The refund_no of each refund POST a host saw."""
    return [json.loads(body)["refund_no"] for body in posts]


def start_with_notice(qtbot, settings: Settings, data_dir: Path) -> MainWindow:
    """A start a clerk sees, in process, on the sandbox profile of these settings and
    data folder, its start notice shown as the console shows it (notice_text)."""
    session = ConsoleSession(settings, data_dir, SecretStore(MemoryKeyring()), demo_bills=0)
    session.activate("sandbox")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_start_notice()
    window.show()
    qtbot.waitExposed(window)
    return window


def notice_text(qtbot, window: MainWindow) -> str:
    """What the start's notice says, once it shows."""
    notice = window.start_notice
    assert notice is not None, "the start said nothing"
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    return notice.text()
