"""A console that vanished (a crash in native code) is said to have at the next start,
in the start notice, with the crash's time and the file that says where it was: once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale

from console.crashes import crash_since_last_start
from console.gui import i18n
from console.gui.main_window import MainWindow
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.logs import CRASH_FILE
from console.store.secrets import SecretStore
from tests.cli_support import console_until_ready
from tests.file_damage import crashed_in
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.tab_drivers import WAIT_MS


def started(qtbot, tmp_path: Path, log_folder: Path) -> MainWindow:
    """A window started as the console starts it, its log folder `log_folder`."""
    settings = Settings.in_file(tmp_path / "settings.ini")
    session = ConsoleSession(
        settings, tmp_path / "data", SecretStore(MemoryKeyring()), demo_bills=0
    )
    session.activate("sandbox")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_start_notice(log_folder=log_folder, crash=crash_since_last_start(log_folder))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_start_after_a_crash_says_when_and_where_once(qtbot, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir(mode=0o700)
    assert started(qtbot, tmp_path, logs).start_notice is None
    crashed_in(logs)
    at_ms = (logs / CRASH_FILE).stat().st_mtime_ns // 1_000_000
    window = started(qtbot, tmp_path, logs)
    notice = window.start_notice
    assert notice is not None
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert notice.text() == (
        f"The console stopped unexpectedly at {i18n.minute_text(at_ms)}. Where it was is "
        f"kept in {logs / CRASH_FILE}: send that file to support if it happens again."
    )
    notice.ok_button.click()
    assert started(qtbot, tmp_path, logs).start_notice is None  # never again


def test_the_crash_is_said_in_chinese(qtbot, tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir(mode=0o700)
    crashed_in(logs)
    i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        notice = started(qtbot, tmp_path, logs).start_notice
        assert notice is not None
        assert notice.text().startswith("控制台于 ")
        assert f" {logs / CRASH_FILE}" in notice.text()
    finally:
        i18n.uninstall()


def test_a_start_no_clerk_sees_leaves_the_crash_to_be_told(qtbot, tmp_path: Path) -> None:
    """A start with `--exit-when-ready` (a check by a script, the README, a test: it
    prints "ready …" and closes, its window seen by no one) noted the crash as told,
    in its log only: the clerk's next start said nothing of it. Such starts leave it,
    however many; the next start a clerk sees tells it, once."""
    home = tmp_path / "home"
    logs = home / "state" / "beecloud-console" / "logs"
    logs.mkdir(parents=True, mode=0o700)
    crashed_in(logs)
    for _ in range(2):
        done = console_until_ready(home)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    notice = started(qtbot, tmp_path, logs).start_notice
    assert notice is not None
    assert notice.text().startswith("The console stopped unexpectedly at ")
    log = (logs / "console.log").read_text(encoding="utf-8")
    assert "the console stopped unexpectedly" not in log  # neither start looked
    assert started(qtbot, tmp_path, logs).start_notice is None
