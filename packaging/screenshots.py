"""Take the README's screenshots of every tab: the real console on the embedded
sandbox, in a throwaway data folder, on whatever display Qt is given (run it
through packaging/screenshots.sh, which starts Xvfb).

    python packaging/screenshots.py OUTPUT_FOLDER [--chinese]

With --chinese the console is shown in Simplified Chinese and the pictures'
names end in -zh (payment-form-zh.png...); ZH_SHOTS are the ones kept.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget

from console.gui.gc_guard import GuiThreadGarbageCollector

if TYPE_CHECKING:
    from console.gui.tables.history_tab import HistoryTab

WIDTH, HEIGHT = 1180, 760
WAIT_MS = 15_000
ZH_SHOTS = ("payment-form", "bills", "overview", "audit")  # the Chinese pictures the README shows
SUFFIX = ""  # "-zh" in Chinese
ONLY: tuple[str, ...] | None = None  # the names to save (None: all)


def loaded(tab: HistoryTab) -> bool:
    """Every row in, and no sync running (one follows each payment and refund made)."""
    return (
        not tab.session.history.syncing
        and not tab.is_loading()
        and tab.model.complete
        and tab.model.rowCount() > 0
    )


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
        caller = sys._getframe(1)
        raise SystemExit(f"timed out waiting for the console (line {caller.f_lineno})")


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, folder: Path, name: str) -> None:
    if ONLY is not None and name not in ONLY:
        return
    settle()
    path = folder / f"{name}{SUFFIX}.png"
    widget.window().grab().save(str(path))
    print(path)


def open_practice_window(home: Path):
    """The real main window on the sandbox profile, its files and settings in `home`
    (a throwaway folder; XDG_DATA_HOME must point into it), shown at WIDTH x HEIGHT."""
    from console.gui.main_window import MainWindow
    from console.gui.session import ConsoleSession
    from console.gui.settings import Settings
    from console.paths import data_dir
    from console.store.secrets import SecretStore

    data_dir().mkdir(parents=True)
    secrets = SecretStore()
    secrets.use_session_only()
    settings = Settings.in_file(home / "settings.ini")
    session = ConsoleSession(settings, data_dir(), secrets)
    session.activate("sandbox")
    window = MainWindow(session)
    window.resize(WIDTH, HEIGHT)
    window.show()
    wait_until(window.isVisible)
    return window


def main(folder: Path, chinese: bool = False, every_shot: bool = False) -> int:
    global SUFFIX, ONLY
    folder.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="beecloud-shots-"))
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    app = QApplication(sys.argv[:1])
    app.setApplicationName("BeeCloud Console")
    GuiThreadGarbageCollector(app)
    from PySide6.QtCore import QLocale

    from console.gui import i18n

    if chinese:
        i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        SUFFIX, ONLY = "-zh", None if every_shot else ZH_SHOTS
    else:  # English with ISO dates, its catalogue of plural forms installed
        i18n.uninstall()

    window = open_practice_window(home)
    shoot_tabs(window, folder)
    window.close()
    return 0


class NoBrowser(QObject):
    """The approval page is not opened in a browser while taking pictures."""

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        print(f"(would open {url.toString()})")


def shoot_tabs(window, folder: Path) -> None:
    session = window.session
    browser = NoBrowser(window)
    QDesktopServices.setUrlHandler("http", browser, "open")  # type: ignore[arg-type]  # a slot name: str

    # A card payment, paid; the form keeps nothing of the card afterwards.
    pay = window.payment_tab
    window.tabs.setCurrentWidget(pay)
    pay.set_channel("PAYPAL_CREDITCARD")
    pay.amount.amount_edit.setText("128.00")
    pay.title_edit.setText("年度会员 Annual plan")
    card = pay.card
    card.number_edit.setText("4111 1111 1111 1111")
    card.month_edit.setText("12")
    card.year_edit.setText("2030")
    card.cvv_edit.setText("123")
    card.first_name_edit.setText("Mei")
    card.last_name_edit.setText("Chen")
    save(window, folder, "payment-form")
    paid_bill = pay.bill_no_edit.text()
    pay.pay_button.click()
    wait_until(lambda: pay.submitted is None and pay.outcome.kind != "")  # answered
    save(window, folder, "payment-card")

    # A PayPal link for the payer to approve.
    pay.set_channel("PAYPAL_PAYPAL")
    pay.amount.amount_edit.setText("45.90")
    pay.title_edit.setText("白开水 x 12")
    pay.pay_button.click()
    wait_until(lambda: bool(pay.approval_url()))
    save(window, folder, "payment-paypal")

    # A partial refund of the card payment, at the confirmation step.
    refund = window.refund_tab
    window.tabs.setCurrentWidget(refund)
    refund.prefill(paid_bill)
    wait_until(lambda: refund.bill is not None and refund.refunds is not None)
    refund.amount_input.amount_edit.setText("28.00")
    refund.note_edit.setText("Returned one item")
    save(window, folder, "refund")
    refund.confirm = lambda prepared: True
    refund.refund_button.click()
    wait_until(lambda: refund.outcome.kind == "success" and not refund.outcomes.is_reading())
    save(window, folder, "refund-done")

    for name, tab in (("bills", window.bills_tab), ("refunds", window.refunds_tab)):
        window.tabs.setCurrentWidget(tab)
        wait_until(partial(loaded, tab))
        save(window, folder, name)
    # The overview of the last 30 days (the card payment and its refund among them).
    overview = window.overview_tab
    window.tabs.setCurrentWidget(overview)
    wait_until(lambda: overview.days() is not None and not overview.is_loading())
    save(window, folder, "overview")
    window.tabs.setCurrentWidget(window.audit_tab)
    save(window, folder, "audit")
    session.gateway.busy_changed.emit([])


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    code = main(
        Path(arguments[0] if arguments else "resources/screenshots"),
        chinese="--chinese" in sys.argv,
        every_shot="--every-shot" in sys.argv,  # all of them, e.g. to look them over
    )
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: nothing is left to save, and Qt objects die here
