"""A start no clerk sees (`--exit-when-ready`: a script, the README's check, a packaging
smoke test) leaves what the clerk's next start has to tell them: a damaged settings
file or console database is neither moved aside nor replaced by it, so the next start
a clerk sees finds it, deals with it and says so (docs/decisions.md, "A start no clerk
sees")."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from console.gui.main_window import MainWindow
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.store.secrets import SecretStore
from tests.cli_support import console_until_ready
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.tab_drivers import WAIT_MS


def seen_start(qtbot, home: Path) -> MainWindow:
    """A start a clerk sees, in process, on the files of the console run in `home`."""
    settings = Settings.in_file(home / "config" / "BeeCloud" / "BeeCloud Console.conf")
    data_dir = home / "data" / "beecloud-console"
    session = ConsoleSession(settings, data_dir, SecretStore(MemoryKeyring()), demo_bills=0)
    session.activate("sandbox")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_start_notice()
    window.show()
    qtbot.waitExposed(window)
    return window


def notice_text(qtbot, window: MainWindow) -> str:
    notice = window.start_notice
    assert notice is not None, "the start said nothing"
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    return notice.text()


def unseen_start(home: Path) -> None:
    done = console_until_ready(home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "damage",
    [b"\0" * 4096, random.Random(11).randbytes(4096)],  # a power cut; junk
    ids=["zeros", "random bytes"],
)
def test_an_unseen_start_leaves_a_damaged_settings_file_for_the_clerk(
    qtbot, tmp_path: Path, damage: bytes
) -> None:
    """Moved aside by the unseen start and said in its log only: the clerk's next start
    had fresh settings, their live profiles gone, and no word of it."""
    home = tmp_path / "home"
    path = home / "config" / "BeeCloud" / "BeeCloud Console.conf"
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_bytes(damage)
    path.chmod(0o600)
    unseen_start(home)
    assert path.read_bytes() == damage
    assert list(path.parent.glob("*.damaged-*")) == []
    window = seen_start(qtbot, home)
    try:
        text = notice_text(qtbot, window)
        assert f"The settings file {path} held nothing the console could read" in text
        (aside,) = path.parent.glob("*.damaged-*")
        assert str(aside) in text and aside.read_bytes() == damage
    finally:
        window.close()


def test_an_unseen_start_leaves_a_damaged_database_for_the_clerk(qtbot, tmp_path: Path) -> None:
    """Replaced by the unseen start, the damaged one moved aside: the clerk's next start
    found a new database and said nothing of the one before (nor of what it held)."""
    home = tmp_path / "home"
    data_dir = home / "data" / "beecloud-console"
    data_dir.mkdir(parents=True, mode=0o700)
    path = data_dir / "console.sqlite3"
    damage = os.urandom(4096)
    path.write_bytes(damage)
    path.chmod(0o600)
    unseen_start(home)
    assert path.read_bytes() == damage
    assert list(data_dir.glob("console.sqlite3.*")) == []
    window = seen_start(qtbot, home)
    try:
        text = notice_text(qtbot, window)
        assert f"The console's database {path} is damaged" in text
        assert "It was moved aside to" in text
        assert "Its audit log could not be read" in text
        assert window.session.store.writable
    finally:
        window.close()
