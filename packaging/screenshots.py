"""Take the README's screenshots of every tab: the real console on the embedded
sandbox, in a throwaway data folder, on whatever display Qt is given (run it
through packaging/screenshots.sh, which starts Xvfb).

    python packaging/screenshots.py OUTPUT_FOLDER
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

WIDTH, HEIGHT = 1180, 760
WAIT_MS = 15_000


def wait_until(condition: Callable[[], bool], timeout_ms: int = WAIT_MS) -> None:
    """Run the event loop until condition() holds (or give up after timeout_ms)."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    deadline = QTimer()
    deadline.setSingleShot(True)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    deadline.timeout.connect(loop.quit)
    timer.start()
    deadline.start(timeout_ms)
    if not condition():
        loop.exec()
    timer.stop()
    if not condition():
        raise SystemExit("timed out waiting for the console")


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, folder: Path, name: str) -> None:
    settle()
    path = folder / f"{name}.png"
    widget.window().grab().save(str(path))
    print(path)


def main(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="beecloud-shots-"))
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    app = QApplication(sys.argv[:1])
    app.setApplicationName("BeeCloud Console")

    from console.gui.main_window import MainWindow
    from console.gui.secret_store import SecretStore
    from console.gui.session import ConsoleSession
    from console.paths import data_dir

    data_dir().mkdir(parents=True)
    secrets = SecretStore()
    secrets.use_session_only()
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    session = ConsoleSession(settings, data_dir(), secrets)
    session.activate("sandbox")
    window = MainWindow(session)
    window.resize(WIDTH, HEIGHT)
    window.show()
    wait_until(window.isVisible)

    shoot_tabs(window, folder)
    window.close()
    return 0


def shoot_tabs(window, folder: Path) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.payment_tab)
    save(window, folder, "payment")
    for name, tab in (
        ("refund", window.refund_tab),
        ("bills", window.bills_tab),
        ("refunds", window.refunds_tab),
    ):
        window.tabs.setCurrentWidget(tab)
        save(window, folder, name)


if __name__ == "__main__":
    code = main(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots"))
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: nothing is left to save, and Qt objects die here
