"""What a start loads: the heavy libraries wait until they are needed (issue 5).

Each check runs in a fresh interpreter, so that nothing imported by another
test can hide an import.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_support import python_in_a_home


def loaded_after(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of the modules are loaded after running the code in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint(','.join(m for m in {modules!r} if m in sys.modules))"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    return [name for name in done.stdout.strip().split(",") if name]


@pytest.mark.parametrize(
    "module", ["console.api.money", "console.api.models", "console.api.validate", "console.api"]
)
def test_the_api_s_light_modules_do_not_load_the_http_stack(module: str) -> None:
    assert loaded_after(f"import {module}", ("requests", "urllib3")) == []


def test_the_console_s_start_loads_neither_http_nor_the_sandbox_server_nor_the_keyring() -> None:
    """requests comes with the worker's first job, in its thread; Flask and waitress
    with the embedded sandbox (in a process of its own when forked at start), keyring
    with a live profile's secret; the tabs other than the one shown when first shown
    (the Overview's charts with that tab: pyqtgraph and numpy)."""
    heavy = (
        "requests",
        "flask",
        "waitress",
        "keyring",
        "console.gui.tabs.payment_tab",
        "console.gui.tabs.audit_tab",
        "console.gui.tabs.overview",
        "pyqtgraph",
        "numpy",
    )
    code = (
        "import console.cli, console.gui.app, console.gui.main_window, console.gui.session, "
        "console.store.secrets, console.sandbox.forked"
    )
    assert loaded_after(code, heavy) == []


def test_the_table_tabs_load_openpyxl_only_for_an_export() -> None:
    code = "import console.gui.tabs.bills_tab, console.gui.tabs.audit_tab"
    assert loaded_after(code, ("openpyxl", "console.export.files", "decimal")) == []


def test_the_table_tabs_load_a_record_s_dialog_and_an_export_s_reader_only_when_asked() -> None:
    code = "import console.gui.main_window, console.gui.tabs.bills_tab"
    lazy = (
        "console.gui.tables.record_details",
        "console.gui.tables.history_records",
        "console.gui.browser",  # a bill's payment link opened
        "console.gui.tabs.refund.confirm_refund",  # a refund confirmed or sent again
        "console.overview",  # the Overview tab's figures
    )
    assert loaded_after(code, lazy) == []


def test_the_package_still_names_every_api_type() -> None:
    from console import api

    assert api.BeeCloudClient.__name__ == "BeeCloudClient"
    assert api.parse_amount("1.50", "USD").hundredths == 150
    assert set(api.__all__) <= set(dir(api))
    with pytest.raises(AttributeError):
        api.NoSuchThing  # noqa: B018


SOURCE_READ_PROBE = """
import linecache, pathlib, sys, tempfile
{load}
folder = pathlib.Path(tempfile.mkdtemp())
(folder / "freshly_imported.py").write_text("VALUE = 1\\n")
sys.path.insert(0, str(folder))
import freshly_imported
print(any(name.endswith("freshly_imported.py") for name in linecache.cache))
"""


def source_read_on_import(load: str) -> bool:
    """Whether importing a new module, after `load` ran, read that module's source."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SOURCE_READ_PROBE.format(load=load)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def test_pyside6_s_import_hook_reads_the_source_of_every_module_imported_after_it() -> None:
    """Why the console takes it out: PySide6's `__feature__` hook reads each new
    module's whole source to see whether it mentions PySide6."""
    assert source_read_on_import("import PySide6.QtCore")


def test_the_console_s_start_imports_its_modules_without_that_hook() -> None:
    load = (
        "from console.gui.pyside_import import load_qt_core\nload_qt_core()\nimport console.gui.app"
    )
    assert not source_read_on_import(load)


def test_a_whole_start_reads_no_module_s_source(tmp_path: Path) -> None:
    """`beecloud-console --exit-when-ready` to its painted window: none of the sources
    of the console's modules was read (only a traceback would read one)."""
    probe = (
        "import linecache, sys\n"
        "from console.cli import main\n"
        "code = main(['--tab', 'bills', '--exit-when-ready'])\n"
        "read = sorted(name for name in linecache.cache if '/console/' in name)\n"
        "print('read:', ','.join(read), 'exit:', code)"
    )
    output = python_in_a_home(probe, tmp_path)
    assert output.splitlines()[-1] == "read:  exit: 0"


def test_no_console_module_asks_for_a_pyside6_feature() -> None:
    """With the hook out, `from __feature__ import snake_case` would do nothing."""
    package = Path(__file__).resolve().parent.parent / "console"
    asking = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "__feature__" in path.read_text(encoding="utf-8") and path.name != "pyside_import.py"
    ]
    assert asking == []


FIRST_PAINT_TYPES_PROBE = """
import PySide6
from console.cli import main
from console.gui.pyside_import import load_qt_core

load_qt_core()  # as a start does, before the window's modules
from console.gui.main_window import MainWindow

paint = MainWindow.paintEvent
made = []

def painted(self, event):
    paint(self, event)
    if not made:
        for name in ("QtCore", "QtGui", "QtWidgets"):
            made.extend(vars(getattr(PySide6, name)))

MainWindow.paintEvent = painted
code = main(["--tab", "bills", "--exit-when-ready"])
print("made:", " ".join(sorted(set(made))), "exit:", code)
"""


def test_the_first_paint_makes_no_python_type_of_a_qt_class_it_does_not_use(
    tmp_path: Path,
) -> None:
    """PySide6 makes a class's Python type, and each of its enums, the first time the
    class is touched: a name imported, or a widget of it met (the focus chain, a
    findChildren). Until the window's first paint, a start touches none of these: the
    dialogs, the browser, screen-reader announcements and Qt's own widgets that only
    a walk of every widget meets (issue 14)."""
    output = python_in_a_home(FIRST_PAINT_TYPES_PROBE, tmp_path).splitlines()[-1]
    made = set(output.split(" exit: ")[0].split()[1:])
    assert output.endswith(" exit: 0")
    assert "QMainWindow" in made  # the probe sees what the start made
    not_yet = {
        "QWizard",  # met by walking Qt's own widgets (the focus chain, findChildren)
        "QMdiArea",
        "QGraphicsView",
        "QMessageBox",  # a question or a notice: not at a start that goes well
        "QFileDialog",  # Export…
        "QProcess",  # the browser
        "QDesktopServices",
        "QAccessible",  # announcements, once there is something to announce
    }
    assert sorted(made & not_yet) == []


def test_the_window_has_the_application_s_icon_once_painted(tmp_path: Path) -> None:
    """Set after the first paint (loading its seven sizes is no part of that paint), in
    time for a start that closes as soon as it is ready."""
    probe = (
        "from PySide6.QtWidgets import QApplication\n"
        "from console.cli import main\n"
        "code = main(['--tab', 'bills', '--exit-when-ready'])\n"
        "sizes = QApplication.windowIcon().availableSizes()\n"
        "print('sizes:', ' '.join(str(size.width()) for size in sizes), 'exit:', code)"
    )
    output = python_in_a_home(probe, tmp_path).splitlines()[-1]
    assert output == "sizes: 16 32 48 64 128 256 512 exit: 0"


FIRST_PAINT_DATACLASSES_PROBE = """
import sys
from console.cli import main
from console.gui.pyside_import import load_qt_core

load_qt_core()
from console.gui.main_window import MainWindow

paint = MainWindow.paintEvent
made = []

def painted(self, event):
    paint(self, event)
    if not made:
        for name, module in list(sys.modules.items()):
            if name.startswith("console"):
                made.extend(
                    f"{name}.{value.__name__}"
                    for value in vars(module).values()
                    if isinstance(value, type)
                    and value.__module__ == name
                    and "__dataclass_fields__" in vars(value)
                )

MainWindow.paintEvent = painted
code = main(["--tab", "bills", "--exit-when-ready"])
print("made:", " ".join(sorted(set(made))), "exit:", code)
"""


def test_a_start_defines_few_dataclasses_before_its_first_paint(tmp_path: Path) -> None:
    """Python 3.11 compiles each method of a dataclass as the class is defined (about
    0.6 ms a class): the small records of a start's path are named tuples (about 0.2
    ms), and the dataclasses left there are those that need to be (docs/decisions.md)."""
    output = python_in_a_home(FIRST_PAINT_DATACLASSES_PROBE, tmp_path).splitlines()[-1]
    made = output.split(" exit: ")[0].split()[1:]
    assert output.endswith(" exit: 0")
    assert "console.api.models.BillRecord" in made  # the probe sees what the start made
    assert len(made) <= 26, made
