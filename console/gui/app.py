"""Start the console: Qt application, settings, session on the last profile, main window."""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from console.crashes import crash_since_last_start
from console.gui.embedded_sandbox import fork_sandbox_early
from console.gui.settings import APPLICATION, ORGANISATION, Settings
from console.logs import configure_logging_or_stderr, record_crashes
from console.paths import data_dir, log_dir
from console.private_files import make_umask_private, private_file, private_folder

if TYPE_CHECKING:
    from console.gui.main_window import MainWindow
    from console.ready_deadline import ReadyDeadline

log = logging.getLogger(__name__)

# The freedesktop id (packaging/io.beecloud.Console.desktop): desktops match the window to it.
DESKTOP_FILE_NAME = "io.beecloud.Console"


def _report_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Never a traceback in front of the user: log it, show a short message."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from console.gui.plain_text import plain_box

    log.error("unexpected error", exc_info=(kind, error, tb))
    if QApplication.instance() is not None:
        box = plain_box(None)  # the log's folder as it is, never markup
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("App", "Something went wrong"))
        box.setText(
            QCoreApplication.translate(
                "App", "An unexpected {error} occurred. It was written to the log in {folder}."
            ).format(error=kind.__name__, folder=log_dir())
        )
        box.exec()


def _set_icon() -> None:
    """The application's icon, once the window is painted: loading its sizes (which X11
    is then given) is no part of that paint."""
    from PySide6.QtWidgets import QApplication

    from console.gui.app_icon import app_icon

    QApplication.setWindowIcon(app_icon())


def close_on_signals(window: MainWindow) -> None:
    """SIGINT (Ctrl+C in a terminal) and SIGTERM close the window as the user would:
    settings saved, calls ended, the process ends cleanly, without a question (a payment
    on its way is not waited for). A Python signal handler runs
    only when Python runs, and Qt's event loop is C++: the signal's wake-up byte on a
    socket, watched by Qt, lets Python run the handler at once."""
    from PySide6.QtCore import QSocketNotifier, QTimer

    reader, writer = socket.socketpair()
    for end in (reader, writer):
        end.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())

    def close_window(signum: int, _frame: object) -> None:
        log.info("signal %d: closing", signum)
        QTimer.singleShot(0, window.close_at_once)

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, close_window)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)  # Python has run: the handler with it

    notifier.activated.connect(drain)

    def forget() -> None:
        signal.set_wakeup_fd(-1)
        reader.close()
        writer.close()

    window.destroyed.connect(forget)


def _make_private(settings_file: Path) -> None:
    """The settings' file and folder (~/.config/BeeCloud) are the console's own: private."""
    with contextlib.suppress(OSError):
        private_folder(settings_file.parent)
        if settings_file.exists():
            private_file(settings_file)


def run(
    argv: list[str],
    exit_when_ready: bool = False,
    tab: str | None = None,
    deadline: ReadyDeadline | None = None,
) -> int:
    """Open the main window, on `tab` (a name of TAB_NAMES) or the last one used.

    With exit_when_ready, close it as soon as it is ready, saying when on standard
    output (console/gui/ready_probe.py): a smoke test of a whole start, for tests
    and benchmarks. With a deadline too, give up when it passes, and end the process
    by force soon after if it still runs (console/ready_deadline.py)."""
    make_umask_private()  # every file the console (and its sandbox) makes is 0600
    log_problem = configure_logging_or_stderr(log_dir())
    # a crash since the last start, said once (before this start's could be recorded),
    # and to a clerk only: a start that exits when ready leaves it (console/crashes.py)
    crash = None
    if log_problem is None and not exit_when_ready:
        crash = crash_since_last_start(log_dir())
    record_crashes(log_dir())  # a crash in native code: where it happened, kept
    for folder in (data_dir(), log_dir().parent):  # what is not made here, the store says
        with contextlib.suppress(OSError):
            private_folder(folder)
    # and a damaged settings file or database, left to be set aside and told by the
    # next start a clerk sees (docs/decisions.md, "A start no clerk sees")
    settings = Settings.of_user(leave_damaged=exit_when_ready)
    _make_private(Path(settings.file_name()))
    # Forked before the window's modules load (Qt's widgets, every tab's): the sandbox's
    # process loads Flask and opens its database on the other core meanwhile.
    sandbox = fork_sandbox_early(settings, data_dir(), log_dir(), keep_port=not exit_when_ready)
    if deadline is not None:
        deadline.start_watchdog(sandbox)  # a thread: only once the sandbox is forked

    from PySide6.QtWidgets import QApplication

    from console.gui import i18n
    from console.gui.gc_guard import GuiThreadGarbageCollector
    from console.gui.main_window import MainWindow
    from console.gui.session import ConsoleSession
    from console.store.secrets import SecretStore

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    sys.excepthook = _report_unexpected
    collector = GuiThreadGarbageCollector(app)
    i18n.install(settings)  # before any widget: they take their texts when built
    session = ConsoleSession(
        settings, data_dir(), SecretStore(), sandbox=sandbox, seen=not exit_when_ready
    )
    session.activate(session.profiles.last_id())
    window = MainWindow(session, tab)
    window.first_painted.connect(_set_icon)
    window.show_start_notice(log_problem=log_problem, log_folder=log_dir(), crash=crash)
    close_on_signals(window)  # Ctrl+C in the terminal, SIGTERM: closed as by the user
    probe = None
    if exit_when_ready:
        from console.gui.ready_probe import ReadyProbe
        from console.gui.tables.history_tab import HistoryTab

        current = window.tabs.currentWidget()
        give_up_ms = None if deadline is None else round(deadline.remaining_s() * 1000)
        probe = ReadyProbe(
            window, current if isinstance(current, HistoryTab) else None, give_up_ms=give_up_ms
        )
    window.show()
    try:
        code = app.exec()
    finally:
        collector.stop()
    return 1 if probe is not None and probe.timed_out else code
