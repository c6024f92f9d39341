"""The console's tabs and the Profiles… dialog driven as a user drives them (clicks,
typing, waiting for the answer), for the tests of more than one tab."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu, QToolTip, QWidget

from console.api.channels import PAYPAL_CREDITCARD
from console.gui.main_window import MainWindow
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.tables.history_tab import HistoryTab
from console.gui.tables.table_export import TableExport
from console.gui.tabs.audit_tab import AuditTab
from console.gui.tabs.bills_tab import BillsTab
from console.gui.tabs.payment_tab import PaymentTab
from console.gui.tabs.refund_tab import RefundTab
from console.sandbox.faults import Fault
from tests.gui.sandbox_truth import sandbox_of

WAIT_MS = 10_000


def outcome_text(tab: RefundTab | PaymentTab | BillsTab) -> str:
    """What a tab's outcome panel says: its title, then its text."""
    return f"{tab.outcome.title.text()}\n{tab.outcome.body.text()}"


def tooltip_read(widget: QWidget, at: QPoint) -> str:
    """What the tooltip shown by pointing at `at` of the widget reads: its text as drawn
    (markup rendered, if Qt took it for markup), "" when none is shown."""
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, at, widget.mapToGlobal(at))
    QApplication.sendEvent(widget, event)
    if not QToolTip.isVisible():
        return ""
    label = next(
        shown
        for shown in QApplication.topLevelWidgets()
        if isinstance(shown, QLabel) and shown.objectName() == "qtooltip_label"
    )
    text = label.text()
    QToolTip.hideText()
    if label.textFormat() == Qt.TextFormat.PlainText or (
        label.textFormat() == Qt.TextFormat.AutoText and not QtGui.Qt.mightBeRichText(text)
    ):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


# -- the records tabs (Bills, Refunds) ----------------------------------------------------


def synced_at_start(window: MainWindow, qtbot) -> None:
    """Wait until the history's sync at start (asked for once the window is painted, or
    by a list shown first) is done: a test's own sync is then not folded into it, nor
    does it run beside what the test does."""
    session, history = window.session, window.session.history
    qtbot.waitUntil(
        lambda: session.profile.id in history.tried and not history.syncing, timeout=WAIT_MS
    )


def show_tab(window: MainWindow, tab: HistoryTab, qtbot) -> HistoryTab:
    """Show a tab for the first time: it shows what the history holds once synced at
    start (asked for by the window's first paint, or by the tab if shown before it), all
    of it in the table."""
    window.tabs.setCurrentWidget(tab)
    synced_at_start(window, qtbot)
    model = tab.model
    qtbot.waitUntil(
        lambda: (
            not tab.is_loading()
            and model.selection is not None
            and (model.complete or model.uncounted)
        ),
        timeout=WAIT_MS,
    )
    return tab


def search(tab: HistoryTab, qtbot) -> None:
    with qtbot.waitSignal(tab.load_ended, timeout=WAIT_MS):
        qtbot.mouseClick(tab.filters.search, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=WAIT_MS)


def type_in(qtbot, edit: QLineEdit, text: str) -> None:
    """Put the cursor in the field, then type: a field is typed in once it has the
    focus (a filter that takes it turns the channel and dates off, and Qt hands the focus
    they may have had to the next field, selecting its text to be typed over)."""
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.keyClicks(edit, text)


def column(tab: HistoryTab, key: str) -> list[str]:
    """The texts of one column, in the table's order."""
    index = tab.model.column_of(key)
    return [tab.model.index(row, index).data() for row in range(tab.model.rowCount())]


def channels(tab: HistoryTab) -> list[str]:
    """The codes of the channels of the rows shown (the table shows their words)."""
    return [record.channel for record in tab.model.records_at(range(tab.model.rowCount()))]


def row_of(tab: HistoryTab, bill_no: str) -> int:
    return column(tab, "bill_no").index(bill_no)


def action(menu: QMenu, text: str) -> QAction:
    return next(item for item in menu.actions() if item.text() == text)


# -- New payment --------------------------------------------------------------------------

GOOD_CARD = "4111 1111 1111 1111"
CARD_DIGITS = "4111111111111111"
CVV = "739"  # a CVV to look for where none may be
DECLINED_CARD = "4000 0000 0000 0002"  # the sandbox declines it (docs/sandbox.md)


def next_year() -> str:
    return str(datetime.now(UTC).year + 1)


def fill_common(tab: PaymentTab, amount: str = "12.50", title: str = "Order 1234") -> None:
    tab.amount.set_currency("USD")
    tab.amount.amount_edit.setText(amount)
    tab.title_edit.setText(title)


def fill_card(tab: PaymentTab, number: str = GOOD_CARD) -> None:
    tab.set_channel(PAYPAL_CREDITCARD)
    fill_common(tab)
    card = tab.card
    card.number_edit.setText(number)
    card.month_edit.setText("12")
    card.year_edit.setText(next_year())
    card.cvv_edit.setText("123")
    card.first_name_edit.setText("Ada")
    card.last_name_edit.setText("Lee")


def pay_and_wait(qtbot, tab: PaymentTab) -> None:
    assert tab.pay_button.isEnabled(), tab.problems()
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)


def two_paypal_payments(qtbot, tab: PaymentTab) -> tuple[str, str]:
    """Two PayPal payments, both waiting for their payers: the first's bill number and
    approval address."""
    fill_common(tab)
    first = tab.bill_no_edit.text()
    pay_and_wait(qtbot, tab)
    first_url = tab.approval_url_edit.text()
    fill_common(tab, title="Another order")
    pay_and_wait(qtbot, tab)
    return first, first_url


def lost_card_payment(qtbot, tab: PaymentTab, session: ConsoleSession, fault: str) -> str:
    """A card payment whose answer is lost (`fault` on pay, once): its bill number."""
    sandbox_of(session).faults.set("pay", Fault(fault, count=1))
    fill_card(tab)
    bill_no = tab.bill_no_edit.text()
    pay_and_wait(qtbot, tab)
    return bill_no


# -- Refund -------------------------------------------------------------------------------


class Answer:
    """Stands in for the user at a question (the refund's confirmation, Remove…?, keep
    in memory?), and remembers what was asked."""

    def __init__(self, agree: bool = True) -> None:
        self.agree = agree
        self.asked: list[Any] = []

    def __call__(self, question: Any) -> bool:
        self.asked.append(question)
        return self.agree


def answer_of(tab: RefundTab) -> Answer:
    assert isinstance(tab.confirm, Answer)
    return tab.confirm


def find(qtbot, tab: RefundTab, bill_no: str) -> None:
    """Type the number, press Enter, wait for the bill and its refunds."""
    tab.bill_no_edit.clear()
    qtbot.keyClicks(tab.bill_no_edit, bill_no)
    qtbot.keyClick(tab.bill_no_edit, Qt.Key.Key_Return)
    wait_for_bill(qtbot, tab, bill_no)


def wait_for_bill(qtbot, tab: RefundTab, bill_no: str) -> None:
    qtbot.waitUntil(
        lambda: tab.bill is not None and tab.bill.bill_no == bill_no and tab.refunds is not None,
        timeout=WAIT_MS,
    )


def click_refund(qtbot, tab: RefundTab) -> None:
    """Press Refund and wait until the outcome panel shows how it ended."""
    qtbot.mouseClick(tab.refund_button, Qt.MouseButton.LeftButton)
    wait_for_outcome(qtbot, tab)


def wait_for_outcome(qtbot, tab: RefundTab) -> None:
    """Until the panel says how the refund ended, or that BeeCloud has it in progress (a
    pending panel, as "Sending…" is: the "accepted" shown between the two may come and
    go unseen on a busy machine)."""

    def ended() -> bool:
        kind, title = tab.outcome.kind, tab.outcome.title.text()
        return kind not in ("", "pending") or title.endswith("is in progress")

    qtbot.waitUntil(ended, timeout=WAIT_MS)


# -- Profiles… ----------------------------------------------------------------------------


def fill_new(qtbot, dialog: ProfilesDialog, name: str, app_id: str, secret: str) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.name_edit, name)
    qtbot.keyClicks(dialog.app_id_edit, app_id)
    qtbot.keyClicks(dialog.secret_edit, secret)


def click_save(qtbot, dialog: ProfilesDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


# -- Audit --------------------------------------------------------------------------------


def show_audit(window: MainWindow) -> AuditTab:
    window.tabs.setCurrentWidget(window.audit_tab)
    return window.audit_tab


# -- exports -------------------------------------------------------------------------------


def export(tab: Any, path: Path, qtbot, click: Callable[[], None] | None = None) -> str:
    """Export the tab's table to `path` (the file dialog answered by the test) and wait
    for the outcome."""
    exporter: TableExport = tab.exporter
    exporter.choose_path = lambda: path  # type: ignore[method-assign]  # a hook tests replace
    with qtbot.waitSignal(exporter.finished, timeout=WAIT_MS) as outcome:
        if click is None:
            qtbot.mouseClick(exporter.button, Qt.MouseButton.LeftButton)
        else:
            click()
    return str(outcome.args[0])


def read_csv(path: Path) -> list[list[str]]:
    """An exported CSV file's rows, its byte-order mark checked (Excel reads UTF-8)."""
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
