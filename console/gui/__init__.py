"""The Qt console. This package's own name space holds no Qt, so that the command
line can name the tabs without loading Qt."""

from console.translatable import QT_TRANSLATE_NOOP

# The main window's tabs, in their order, as `beecloud-console --tab NAME` names them.
TAB_NAMES: tuple[str, ...] = ("payment", "refund", "bills", "refunds", "overview", "audit")

# Their titles, marked for translation here, translated when shown (context "MainWindow":
# main_window.tab_title, an export's audit row).
TAB_TITLES: dict[str, str] = {
    "payment": QT_TRANSLATE_NOOP("MainWindow", "New payment"),
    "refund": QT_TRANSLATE_NOOP("MainWindow", "Refund"),
    "bills": QT_TRANSLATE_NOOP("MainWindow", "Bills"),
    "refunds": QT_TRANSLATE_NOOP("MainWindow", "Refunds"),
    "overview": QT_TRANSLATE_NOOP("MainWindow", "Overview"),
    "audit": QT_TRANSLATE_NOOP("MainWindow", "Audit"),
}
