"""Start the console: Qt application, settings, session on the last profile, main window."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from console.gui.app_icon import app_icon
from console.gui.gc_guard import GuiThreadGarbageCollector
from console.gui.main_window import MainWindow
from console.gui.secret_store import SecretStore
from console.gui.session import ConsoleSession
from console.logs import configure_logging
from console.paths import data_dir, log_dir

log = logging.getLogger(__name__)

# The freedesktop id (packaging/io.beecloud.Console.desktop): desktops match the window to it.
DESKTOP_FILE_NAME = "io.beecloud.Console"


def _report_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Never a traceback in front of the user: log it, show a short message."""
    log.error("unexpected error", exc_info=(kind, error, tb))
    if QApplication.instance() is not None:
        QMessageBox.warning(
            None,
            "Something went wrong",
            f"An unexpected {kind.__name__} occurred. It was written to the log in {log_dir()}.",
        )


def run(argv: list[str], exit_when_ready: bool = False, tab: str | None = None) -> int:
    """Open the main window, on `tab` (a name of TAB_NAMES) or the last one used.

    With exit_when_ready, close it as soon as it is ready, saying when on standard
    output (console/gui/ready_probe.py): a smoke test of a whole start, for tests
    and benchmarks."""
    for folder in (data_dir(), log_dir()):
        folder.mkdir(parents=True, exist_ok=True)
    configure_logging(log_dir())
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("BeeCloud")
    app.setApplicationName("BeeCloud Console")
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon())
    sys.excepthook = _report_unexpected
    collector = GuiThreadGarbageCollector(app)
    session = ConsoleSession(QSettings(), data_dir(), SecretStore())
    session.activate(session.profiles.last_id())
    window = MainWindow(session)
    if tab is not None:
        window.show_tab(tab)
    probe = None
    if exit_when_ready:
        from console.gui.ready_probe import ReadyProbe
        from console.gui.tables.records_tab import RecordsTab

        current = window.tabs.currentWidget()
        probe = ReadyProbe(window, current if isinstance(current, RecordsTab) else None)
    window.show()
    try:
        code = app.exec()
    finally:
        collector.stop()
    return 1 if probe is not None and probe.timed_out else code
