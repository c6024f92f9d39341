"""The keyboard, pressed on the real window: Ctrl+F finds, F5 loads again and Ctrl+E
exports in the table tab in front; Ctrl+N opens a new payment; the buttons' tooltips
name them. Tab goes through the window as it is shown, and out of every table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QContextMenuEvent, QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QMenu,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from console.api.channels import PAYPAL_PAYPAL
from console.api.models import BillRecord, BillRequest
from console.api.money import Money
from console.gui import TAB_NAMES, i18n
from console.gui.focus import FocusKeeper, first_field
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.secret_prompt import SecretPrompt
from console.gui.tables.history_tab import HistoryTab
from console.gui.tables.record_details import RecordDetailsDialog
from console.gui.tables.table_export import DONE
from console.gui.tabs.audit_tab import AuditTab
from console.gui.tabs.payment.repeat_question import RepeatQuestion, repeat_box
from console.gui.tabs.refund.confirm_refund import (
    ConfirmRefundDialog,
    RefundConfirmation,
    ask_to_confirm,
)
from console.store import audit_log as audit
from console.store.audit_log import OK, RecentPayment
from tests.gui.console_support import window_last_on
from tests.gui.sandbox_bills import insert_bill, paid_bill
from tests.gui.tab_drivers import (
    WAIT_MS,
    fill_card,
    find,
    lost_card_payment,
    pay_and_wait,
    show_audit,
    show_tab,
    synced_at_start,
    wait_for_bill,
)

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def active(window: MainWindow, qtbot) -> MainWindow:
    """The window, active: a window's shortcuts work while it is the active one."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    return window


def table_tab(window: MainWindow, name: str, qtbot) -> HistoryTab | AuditTab:
    if name == "audit":
        return show_audit(window)
    tab = window.tab(name)
    assert isinstance(tab, HistoryTab)
    return show_tab(window, tab, qtbot)


def search_edit(tab: HistoryTab | AuditTab) -> QLineEdit:
    return tab.search_edit if isinstance(tab, AuditTab) else tab.row_filters.text


@pytest.mark.parametrize("name", ["bills", "refunds", "audit"])
def test_ctrl_f_puts_the_cursor_in_the_free_text_filter_its_text_selected(
    active: MainWindow, qtbot, name: str
) -> None:
    tab = table_tab(active, name, qtbot)
    edit = search_edit(tab)
    edit.setText("coffee")
    tab.view.setFocus()
    qtbot.keyClick(active, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is edit
    assert edit.selectedText() == "coffee"
    assert "Ctrl+F" in edit.toolTip()


@pytest.mark.parametrize("name", ["bills", "refunds"])
def test_f5_loads_the_table_again_like_search(active: MainWindow, qtbot, name: str) -> None:
    tab = table_tab(active, name, qtbot)
    assert isinstance(tab, HistoryTab)
    insert_bill(active.session, "BCSHORTCUTF50001")
    with qtbot.waitSignal(tab.load_ended, timeout=WAIT_MS):
        qtbot.keyClick(active, Qt.Key.Key_F5)
    if name == "bills":
        bill_nos = [tab.record_at(row).bill_no for row in range(tab.model.rowCount())]
        assert "BCSHORTCUTF50001" in bill_nos
    assert "F5" in tab.filters.search.toolTip()


def test_f5_reads_the_audit_log_again(active: MainWindow, qtbot) -> None:
    tab = show_audit(active)
    assert tab.model.rowCount() == 0
    # Written behind the tab's back (not through the session, which would tell it).
    active.session.audit.log.append(
        profile_id="sandbox",
        profile_name="Sandbox",
        action=audit.PROFILE_ADDED,
        subject="Shop",
        result=audit.OK,
    )
    assert tab.model.rowCount() == 0
    qtbot.keyClick(active, Qt.Key.Key_F5)
    assert tab.model.rowCount() == 1


@pytest.mark.parametrize("name", ["bills", "refunds", "audit"])
def test_ctrl_e_exports_the_table_in_front(
    active: MainWindow, qtbot, tmp_path: Path, name: str
) -> None:
    tab = table_tab(active, name, qtbot)
    path = tmp_path / "exports" / f"{name}.csv"
    path.parent.mkdir()
    tab.exporter.choose_path = lambda: path  # type: ignore[method-assign]  # a hook tests replace
    search_edit(tab).setFocus()  # also while typing in the filter
    shown = tab.model.rowCount()  # (the Audit tab's export is then a row of its own)
    with qtbot.waitSignal(tab.exporter.finished, timeout=WAIT_MS) as outcome:
        qtbot.keyClick(active, Qt.Key.Key_E, CTRL)
    assert outcome.args == [DONE]
    assert len(path.read_text(encoding="utf-8-sig").splitlines()) == shown + 1
    assert "Ctrl+E" in tab.exporter.button.toolTip()


def test_the_table_shortcuts_do_nothing_on_a_tab_without_a_table(active: MainWindow, qtbot) -> None:
    synced_at_start(active, qtbot)  # F5 would start the next sync
    active.tabs.setCurrentWidget(active.refund_tab)
    for key, modifier in ((Qt.Key.Key_F, CTRL), (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(active, key, modifier)
    assert active.current_table() is None
    assert not active.session.gateway.running()


def test_ctrl_n_brings_up_a_new_payment_with_the_cursor_in_its_amount(
    active: MainWindow, qtbot
) -> None:
    table_tab(active, "bills", qtbot)
    qtbot.keyClick(active, Qt.Key.Key_N, CTRL)
    assert active.tabs.currentWidget() is active.payment_tab
    assert QApplication.focusWidget() is active.payment_tab.amount.amount_edit
    assert "Ctrl+N" in active.tabs.tabToolTip(active.tabs.indexOf(active.payment_tab))


class LinuxLineEdit(QObject):
    """What a QLineEdit does on Linux (Qt's X11 key bindings, not the offscreen
    platform's): it claims Ctrl+E as "end of line" when asked before a shortcut."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        overriding = event.type() == QEvent.Type.ShortcutOverride
        if overriding and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_E:
            event.accept()
        return False


@pytest.mark.parametrize("name", ["bills", "audit"])
def test_ctrl_e_exports_from_the_filter_on_linux_too(
    active: MainWindow, qtbot, tmp_path: Path, name: str
) -> None:
    """Found on Linux (Xvfb, xcb): Ctrl+F, a word, Ctrl+E exported nothing: the filter
    field took Ctrl+E as "end of line", the window never saw it."""
    tab = table_tab(active, name, qtbot)
    path = tmp_path / f"{name}.csv"
    tab.exporter.choose_path = lambda: path  # type: ignore[method-assign]  # a hook tests replace
    edit = search_edit(tab)
    linux = LinuxLineEdit(edit)
    edit.installEventFilter(linux)  # claims Ctrl+E before the console's filter sees it
    edit.setFocus()
    with qtbot.waitSignal(tab.exporter.finished, timeout=WAIT_MS) as outcome:
        qtbot.keyClick(edit, Qt.Key.Key_E, CTRL)
    assert outcome.args == [DONE]


# -- moving about with the keyboard alone --------------------------------------------------


def focus_after_tab(qtbot, widget: QWidget) -> QWidget | None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


@pytest.mark.parametrize("name", ["bills", "refunds"])
def test_tab_leaves_a_table_of_rows(active: MainWindow, qtbot, name: str) -> None:
    """Found by keys alone: Tab in the Bills table went from cell to cell of its 120
    rows and never left it (QTableView's tab key navigation); the filters, Export… and
    the rest of the window could not be reached again but with the mouse."""
    tab = table_tab(active, name, qtbot)
    assert tab.model.rowCount() > 1
    assert focus_after_tab(qtbot, tab.view) is not tab.view


def test_no_table_takes_tab_for_its_cells(active: MainWindow, qtbot) -> None:
    """Every table of the console lets Tab go on to the next field (arrows move in it)."""
    for name in TAB_NAMES:
        active.show_tab(name)
    views = active.findChildren(QAbstractItemView)
    assert {type(view).__name__ for view in views} >= {
        "RecordsView",
        "TotalsTable",
        "EarlierRefundsTable",
    }
    assert [type(view).__name__ for view in views if view.tabKeyNavigation()] == []


def tab_stops(qtbot, start: QWidget, end: QWidget, most: int = 30) -> list[QWidget]:
    """The widgets Tab goes through from `start` until `end`."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    stops: list[QWidget] = []
    while len(stops) < most and (widget := QApplication.focusWidget()) is not end:
        assert widget is not None
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    return stops


@pytest.mark.parametrize("name", ["bills", "refunds", "audit"])
def test_tab_goes_down_a_table_tab_as_it_is_shown(active: MainWindow, qtbot, name: str) -> None:
    """Found by keys alone: from the tab's title, Tab went to the table first, then
    Export…, then up to the filters, the order the widgets were made in. It goes down
    the screen: the filters, Find, Export…, then the table."""
    tab = table_tab(active, name, qtbot)
    stops = tab_stops(qtbot, active.tabs.tabBar(), tab.view)
    find, export = search_edit(tab), tab.exporter.button
    assert find in stops and stops[-2:] == [find, export]
    assert focus_after_tab(qtbot, export) is tab.view


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_any_button_of_the_window_presses_it_as_space_does(
    active: MainWindow, qtbot, key: Qt.Key
) -> None:
    """In a window (not a dialog) a Qt button takes only Space: a clerk who Tabbed to
    Search, Find or New number and pressed Enter had nothing happen and nothing said."""
    bills = table_tab(active, "bills", qtbot)
    assert isinstance(bills, HistoryTab)
    refund_tab = active.refund_tab
    active.tabs.setCurrentWidget(refund_tab)
    refund_tab.bill_no_edit.setText("12345678")
    payment_tab = active.payment_tab
    for tab, button in (
        (bills, bills.filters.search),
        (refund_tab, refund_tab.find_button),
        (payment_tab, payment_tab.form.new_bill_no_button),
    ):
        active.tabs.setCurrentWidget(tab)
        button.setFocus()
        with qtbot.waitSignal(button.clicked, timeout=WAIT_MS):
            qtbot.keyClick(button, key)


def test_pay_pressed_by_keys_leaves_the_cursor_in_the_amount(active: MainWindow, qtbot) -> None:
    """Found by keys alone: Space on Pay sent the payment and, Pay being off until the
    answer, Qt handed the focus on past the end of the form to the Profile picker at the
    top of the window, where the next amount typed or an arrow key picks another
    profile. The cursor goes to the amount, for the next payment."""
    qtbot.keyClick(active, Qt.Key.Key_N, CTRL)
    tab = active.payment_tab
    qtbot.keyClicks(tab.amount.amount_edit, "12.50")
    tab.title_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(tab.title_edit, "Order 1")
    assert focus_after_tab(qtbot, tab.return_url_edit) is tab.pay_button
    qtbot.keyClick(tab.pay_button, Qt.Key.Key_Space)
    assert tab.submitted is not None
    assert QApplication.focusWidget() is tab.amount.amount_edit
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    assert QApplication.focusWidget() is tab.amount.amount_edit


def test_a_card_payment_pressed_by_keys_leaves_the_cursor_in_the_amount(
    active: MainWindow, qtbot
) -> None:
    """Found at the screen: a card payment's number and CVV are emptied as it is sent,
    which turned Pay off with the focus on it before the focus was handed to the amount;
    Qt handed it on, to the Profile picker (an arrow key there picks another profile),
    or with PayPal links waiting for their payers to a Copy link far down the list, the
    form scrolled away from the amount on a screen of 768 px."""
    qtbot.keyClick(active, Qt.Key.Key_N, CTRL)
    tab = active.payment_tab
    fill_card(tab)
    tab.pay_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(tab.pay_button, Qt.Key.Key_Space)
    assert tab.submitted is not None
    assert QApplication.focusWidget() is tab.amount.amount_edit
    qtbot.waitUntil(lambda: tab.submitted is None, timeout=WAIT_MS)
    assert tab.outcome.kind == "success"
    assert QApplication.focusWidget() is tab.amount.amount_edit


def answered_by_keys(qtbot, *keys: Qt.Key) -> Callable[[RefundConfirmation], bool]:
    """The refund's real confirmation, answered by these keys pressed where its focus is."""

    def confirm(confirmation: RefundConfirmation) -> bool:
        def press() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ConfirmRefundDialog)
            for key in keys:
                qtbot.keyClick(dialog.focusWidget(), key)

        QTimer.singleShot(0, press)
        return ask_to_confirm(confirmation)

    return confirm


@pytest.mark.parametrize(
    ("keys", "sent"),
    [((Qt.Key.Key_Escape,), False), ((Qt.Key.Key_Tab, Qt.Key.Key_Space), True)],
)
def test_after_the_refunds_confirmation_the_focus_stays_in_the_refund_tab(
    active: MainWindow, qtbot, truth, keys: tuple[Qt.Key, ...], sent: bool
) -> None:
    """Found by keys alone: Space on Refund… turned the button off while the
    confirmation was open, and Qt handed the focus to the Profile picker at the top of
    the window, where it was when the window came back (Escape or the refund made). Now
    a refund declined leaves it on Refund…, one sent on the bill number, for the next."""
    active.show_tab("refund")
    tab = active.refund_tab
    bill_no = paid_bill(truth)
    find(qtbot, tab, bill_no)
    tab.confirm = answered_by_keys(qtbot, *keys)
    tab.refund_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(tab.refund_button, Qt.Key.Key_Space)
    assert (tab.outcome.kind != "") is sent
    assert active.focusWidget() is (tab.bill_no_edit if sent else tab.refund_button)
    if sent:
        qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)
        assert active.focusWidget() is tab.bill_no_edit


def test_check_now_pressed_by_keys_keeps_the_focus_in_new_payment(
    active: MainWindow, qtbot
) -> None:
    """Found by keys alone: Space on Check now (a payment of unknown outcome) turned the
    button off while BeeCloud was asked, and Qt handed the focus to the Profile picker
    at the top of the window. A widget that turns off with the focus on it leaves it in
    the tab in front, on the field before it."""
    active.show_tab("payment")
    tab = active.payment_tab
    lost_card_payment(qtbot, tab, active.session, "drop-before")
    tab.check_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(tab.check_button, Qt.Key.Key_Space)
    assert not tab.check_button.isEnabled()
    focus = QApplication.focusWidget()
    assert focus is not None and tab.isAncestorOf(focus) and focus.isEnabled()
    qtbot.waitUntil(lambda: "Asking" not in tab.check_result.text(), timeout=WAIT_MS)
    assert QApplication.focusWidget() is focus


def press_menu_key(widget: QWidget) -> None:
    """The Menu key as Qt delivers it on Linux (xcb; the offscreen platform makes none):
    a keyboard context menu event to the focus widget, at the middle of its cursor
    rectangle (QWidgetWindow::handleContextMenuEvent)."""
    spot = widget.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, spot, widget.mapToGlobal(spot))
    QApplication.sendEvent(widget, event)


def choose_in_menu(text: str) -> None:
    """Once the menu opened next is up: its action of this text, chosen by keys."""

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu came up"
        for _ in menu.actions():
            if (active := menu.activeAction()) is not None and active.text() == text:
                QTest.keyClick(menu, Qt.Key.Key_Return)
                return
            QTest.keyClick(menu, Qt.Key.Key_Down)
        menu.close()
        raise AssertionError(f"no {text} in {[a.text() for a in menu.actions()]}")

    QTimer.singleShot(0, choose)


@pytest.mark.parametrize("press", ["menu key", "shift+f10"])
@pytest.mark.parametrize("name", ["bills", "refunds"])
def test_the_menu_key_and_shift_f10_open_the_menu_of_the_current_row(
    active: MainWindow, qtbot, name: str, press: str
) -> None:
    """Found by keys alone: the Menu key opened the menu of the row under the current
    one (its place was read as if under the header, a row lower), so Copy bill number
    copied, and Refund… found, another bill; Shift+F10, the menu key of keyboards without
    one, did nothing. Both open the current row's menu."""
    tab = table_tab(active, name, qtbot)
    assert isinstance(tab, HistoryTab)
    tab.view.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(5):
        qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    row = tab.view.currentIndex().row()
    assert row > 0
    QGuiApplication.clipboard().clear()
    choose_in_menu("Copy bill number")
    if press == "menu key":
        press_menu_key(tab.view)
    else:
        qtbot.keyPress(tab.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyRelease(tab.view, Qt.Key.Key_F10)  # Shift let go (else held for the next test)
    assert QGuiApplication.clipboard().text() == tab.record_at(row).bill_no


def test_refund_this_bill_by_keys_puts_the_cursor_in_the_refunds_amount(
    active: MainWindow, qtbot, truth
) -> None:
    """Found by keys alone: Refund this bill… chosen in a row's menu brought the Refund
    tab up with the focus on its scroll area (the Bills table that had it was hidden),
    a place that shows nothing and takes no typing. The cursor waits in the bill number
    while the bill is looked up, then goes to the amount to refund, the whole bill's."""
    bill_no = paid_bill(truth, 2000)
    bills = table_tab(active, "bills", qtbot)
    assert isinstance(bills, HistoryTab)
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        qtbot.keyClick(active, Qt.Key.Key_F5)
    row = next(r for r in range(bills.model.rowCount()) if bills.record_at(r).bill_no == bill_no)
    bills.view.setFocus(Qt.FocusReason.TabFocusReason)
    bills.view.setCurrentIndex(bills.model.index(row, 0))
    choose_in_menu("Refund this bill…")
    press_menu_key(bills.view)
    tab = active.refund_tab
    assert active.tabs.currentWidget() is tab
    assert active.focusWidget() is tab.bill_no_edit
    wait_for_bill(qtbot, tab, bill_no)
    assert active.focusWidget() is tab.amount_input.amount_edit
    assert tab.amount_input.amount_edit.selectedText() == "20.00"


def test_f5_refreshes_the_overview(active: MainWindow, qtbot) -> None:
    """Found by keys alone: F5 loads the table in front again, but on the Overview, whose
    figures come from the same history, it did nothing; its Refresh is F5 too."""
    active.show_tab("overview")
    overview = active.overview_tab
    qtbot.waitUntil(lambda: not overview.is_loading(), timeout=WAIT_MS)
    with qtbot.waitSignal(overview.redrawn, timeout=WAIT_MS):
        qtbot.keyClick(active, Qt.Key.Key_F5)
    assert overview.is_loading()  # and the history is synced
    assert "F5" in overview.refresh_button.toolTip()


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says a widget is (its accessible name, or its label's)."""
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


@pytest.mark.parametrize("name", ["bills", "refunds", "audit"])
def test_every_filter_of_a_table_tab_has_a_name_and_tab_follows_them_as_shown(
    active: MainWindow, qtbot, name: str
) -> None:
    """Found by keys alone, with a screen reader's ears: the number filters, the dates
    and Find in the history were fields without a name (their labels stood beside them
    unattached), and Tab took the bill number before the channel left of it."""
    tab = table_tab(active, name, qtbot)
    fields = [
        widget
        for kind in (QLineEdit, QComboBox, QDateEdit)
        for widget in tab.findChildren(kind)
        if widget.isVisibleTo(tab) and not isinstance(widget.parentWidget(), QAbstractSpinBox)
    ]
    assert len(fields) >= 4
    assert [type(f).__name__ for f in fields if not accessible_name(f)] == []
    if isinstance(tab, HistoryTab):
        filters = tab.filters
        assert accessible_name(filters.bill_no) == "Bill number:"
        stops = tab_stops(qtbot, active.tabs.tabBar(), tab.view)
        assert stops.index(filters.channel) < stops.index(filters.bill_no)
        assert stops.index(filters.bill_no) < stops.index(filters.search)
        assert stops.index(filters.search) < stops.index(filters.dates.preset)


def test_save_card_pressed_by_keys_keeps_the_focus_in_new_payment(
    active: MainWindow, qtbot
) -> None:
    """Found by keys alone: Space on Save card hid the row it is on (the card is kept,
    and said so), and Qt handed the focus to the Profile picker at the top of the
    window. A widget hidden with the focus on it leaves it in the tab, as one turned off."""
    active.show_tab("payment")
    tab = active.payment_tab
    fill_card(tab)
    pay_and_wait(qtbot, tab)
    qtbot.keyClicks(tab.card_label_edit, "Ada's Visa")
    tab.save_card_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(tab.save_card_button, Qt.Key.Key_Space)
    assert tab.card_saved_label.isVisible() and not tab.save_card_button.isVisible()
    focus = QApplication.focusWidget()
    assert focus is not None and tab.isAncestorOf(focus) and focus.isVisible()


@pytest.mark.parametrize("name", ["payment", "refund", "bills", "overview", "audit"])
def test_at_start_the_focus_is_in_the_tab_shown(session, qtbot, name: str) -> None:
    """Found by keys alone: every start put the focus on the Profile picker, the first
    widget of the window, where the clerk's first arrow key or typed letter picked
    another profile (a live one). It starts on the first field of the tab shown (New
    payment: the amount, as Ctrl+N), put there once the window is painted."""
    window = window_last_on(session, qtbot, name)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)

    def in_the_tab() -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and window.tabs.currentWidget().isAncestorOf(focus)

    qtbot.waitUntil(in_the_tab, timeout=WAIT_MS)
    focus = QApplication.focusWidget()
    assert focus is not None and window.tabs.currentWidget().isAncestorOf(focus), focus
    assert not isinstance(focus, QScrollArea) and focus.isEnabled() and focus.isVisible()
    if name == "payment":
        assert focus is window.payment_tab.amount.amount_edit
    window.close()


@pytest.mark.parametrize("name", ["bills", "audit"])
def test_a_table_is_sorted_by_keys_from_the_menu_of_its_current_cell(
    active: MainWindow, qtbot, name: str
) -> None:
    """Found by keys alone: a table was sorted only by a click on its header, which
    takes no focus; the keyboard could not sort it. The menu of the current cell
    (Menu key, Shift+F10) sorts by the cell's column."""
    tab = table_tab(active, name, qtbot)
    if isinstance(tab, AuditTab):
        for subject in ("Shop", "Cafe", "Bakery"):
            active.session.audit.log.append(
                profile_id="sandbox",
                profile_name="Sandbox",
                action=audit.PROFILE_ADDED,
                subject=subject,
                result=audit.OK,
            )
        qtbot.keyClick(active, Qt.Key.Key_F5)
    key = "total_fee" if isinstance(tab, HistoryTab) else "subject"
    column = [c.key for c in tab.model.columns].index(key)
    title = tab.model.titles[column]
    tab.view.setFocus(Qt.FocusReason.TabFocusReason)
    tab.view.setCurrentIndex(tab.view.model().index(0, column))
    choose_in_menu(f"Sort by {title}, ascending")
    qtbot.keyPress(tab.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyRelease(tab.view, Qt.Key.Key_F10)  # Shift let go (else held for the next test)
    header = tab.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        column,
        Qt.SortOrder.AscendingOrder,
    )
    model = tab.view.model()
    shown = [model.index(row, column).data() for row in range(min(model.rowCount(), 30))]
    assert len(shown) >= 3
    if key == "subject":
        assert shown == sorted(shown)


def test_the_focus_keeper_of_tabs_deleted_says_nothing(qapp) -> None:
    """Found in the suite: a window's tabs deleted with the focus in one (a window of
    the test before, collected) called the focus's keeper, which raised 'Internal C++
    object (QTabWidget) already deleted' in the event loop."""
    tabs = QTabWidget()
    keeper = FocusKeeper(tabs)
    page = QWidget()
    field = QLineEdit(page)
    tabs.addTab(page, "page")
    shiboken6.delete(tabs)
    assert not shiboken6.isValid(field)
    keeper._on_focus_changed(None, None)  # as the focus's widget goes with them


def test_the_profile_picker_is_never_switched_by_a_stray_key_or_the_wheel(
    qtbot, window: MainWindow
) -> None:
    """An arrow key or a letter on the Profile picker (the focus fell there often) or the
    mouse wheel scrolling past it switched profile at once, to a live one perhaps. They
    open its list instead; a profile is picked from it."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    session = window.session
    live = Profile.new_live("Shop", "app-1")
    session.profiles.save(live)
    window._fill_profile_picker()
    picker = window.profile_picker
    picker.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_End, Qt.Key.Key_S):
        qtbot.keyClick(picker, key)
        assert session.profile.is_sandbox, key
        picker.hidePopup()
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(picker.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(picker, wheel)
    assert session.profile.is_sandbox and picker.currentData() == "sandbox"
    qtbot.keyClick(picker, Qt.Key.Key_Down)  # the list is open: Down, then Enter picks
    assert picker.view().isVisible()
    qtbot.keyClick(picker.view(), Qt.Key.Key_Down)
    qtbot.keyClick(picker.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.profile.id == live.id, timeout=WAIT_MS)


SHIFT = Qt.KeyboardModifier.ShiftModifier


def focus_in(window: MainWindow, where: str) -> QWidget:
    """A place the focus may be when the clerk wants another tab."""
    if where == "profile picker":
        return window.profile_picker
    if where == "overview's first day":
        window.show_tab("overview")
        dates = window.overview_tab.dates
        dates.preset.setCurrentIndex(dates.preset.count() - 1)  # days picked by hand
        return dates.first_day
    window.show_tab("bills")
    return window.bills_tab.view if where == "bills table" else window.bills_tab.filters.bill_no


@pytest.mark.parametrize(
    "where", ["bills table", "bill number filter", "overview's first day", "profile picker"]
)
@pytest.mark.parametrize(
    ("key", "modifiers", "step"),
    [
        (Qt.Key.Key_Tab, CTRL, 1),
        (Qt.Key.Key_Backtab, CTRL | SHIFT, -1),
        (Qt.Key.Key_PageDown, CTRL, 1),
        (Qt.Key.Key_PageUp, CTRL, -1),
    ],
)
def test_ctrl_tab_and_ctrl_page_down_switch_tabs_wherever_the_focus_is(
    active: MainWindow, qtbot, where: str, key: Qt.Key, modifiers, step: int
) -> None:
    """Found by keys alone: Ctrl+PageDown and Ctrl+PageUp switched no tab anywhere (the
    tab widget knows only Ctrl+Tab), and Ctrl+Tab and Ctrl+Shift+Tab did nothing from a
    day being typed (the day's field took them to move between its parts) or from the
    Profile picker. All four switch tabs wherever the focus is, round the ends."""
    widget = focus_in(active, where)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    before = active.tabs.currentIndex()
    qtbot.keyPress(widget, key, modifiers)
    qtbot.keyRelease(widget, key)  # the modifiers let go (else held for the next test)
    assert active.tabs.currentIndex() == (before + step) % active.tabs.count()
    focus = QApplication.focusWidget()
    assert focus is not None and active.tabs.currentWidget().isAncestorOf(focus), focus


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
@pytest.mark.parametrize("name", ["bills", "refunds"])
def test_enter_on_a_row_opens_its_details_as_a_double_click_does(
    active: MainWindow, qtbot, name: str, key: Qt.Key
) -> None:
    """Found by keys alone: Enter (or Return) on a row of Bills or Refunds did nothing;
    a double click opens the record's details, and Enter is how a clerk opens a row."""
    tab = table_tab(active, name, qtbot)
    assert isinstance(tab, HistoryTab)
    shown: list[object] = []
    tab.show_details = lambda record, currency: shown.append(record)  # type: ignore[method-assign]  # a hook tests replace
    tab.view.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(3):
        qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    row = tab.view.currentIndex().row()
    assert row > 0
    qtbot.keyClick(tab.view, key)
    assert shown == [tab.record_at(row)]


def choose_in_submenu(submenu: str, text: str) -> None:
    """Once the menu opened next is up: its submenu of this title opened by keys (Right),
    and its action of this text chosen (Return)."""

    def walk_to(menu: QMenu, wanted: str) -> None:
        for _ in menu.actions():
            if (active := menu.activeAction()) is not None and active.text() == wanted:
                return
            QTest.keyClick(menu, Qt.Key.Key_Down)
        raise AssertionError(f"no {wanted} in {[a.text() for a in menu.actions()]}")

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu came up"
        try:
            walk_to(menu, submenu)
            QTest.keyClick(menu, Qt.Key.Key_Right)
            inner = QApplication.activePopupWidget()
            assert isinstance(inner, QMenu) and inner is not menu, "no submenu came up"
            walk_to(inner, text)
            QTest.keyClick(inner, Qt.Key.Key_Return)
        finally:
            menu.close()

    QTimer.singleShot(0, choose)


@pytest.mark.parametrize("name", ["bills", "audit"])
def test_a_column_is_hidden_and_shown_again_by_keys_from_a_cells_menu(
    active: MainWindow, qtbot, name: str
) -> None:
    """Found by keys alone: a column was hidden or shown again only from the header's
    menu, which a right click on the header opens (the header takes no focus). The menu
    of the current cell (Menu key, Shift+F10) has the same choices, under Columns."""
    tab = table_tab(active, name, qtbot)
    if isinstance(tab, AuditTab):
        active.session.audit.log.append(
            profile_id="sandbox",
            profile_name="Sandbox",
            action=audit.PROFILE_ADDED,
            subject="Shop",
            result=audit.OK,
        )
        qtbot.keyClick(active, Qt.Key.Key_F5)
    column = len(tab.model.columns) - 1
    title = tab.model.titles[column]
    tab.view.setFocus(Qt.FocusReason.TabFocusReason)
    tab.view.setCurrentIndex(tab.view.model().index(0, 0))
    for hidden in (True, False):
        choose_in_submenu("Columns", title)
        qtbot.keyPress(tab.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyRelease(tab.view, Qt.Key.Key_F10)  # Shift let go (else held for the next test)
        assert tab.view.isColumnHidden(column) is hidden


# -- what a screen reader says ---------------------------------------------------------------


@pytest.fixture(params=["English", "Chinese"])
def language(request, qapp) -> Iterator[str]:
    """The console in each language, set up before the window (English again after)."""
    if request.param == "Chinese":
        i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield request.param
    i18n.uninstall()


def is_named(widget: QWidget) -> bool:
    """Whether a screen reader can say what the widget is: its accessible name, or that
    of a label attached to it beside it (a label beside it says nothing by itself). A
    list picker that is not named says the choice it shows ("All channels"), not what it
    chooses: it is named by its name or by its label (Linux's readers ask for it)."""
    face = QAccessible.queryAccessibleInterface(widget)
    if face is None:
        return False
    if isinstance(widget, QComboBox) and not widget.isEditable():
        return bool(widget.accessibleName()) or bool(face.relations(QAccessible.RelationFlag.Label))
    return bool(face.text(QAccessible.Text.Name).strip())


def unnamed(window: QWidget) -> list[str]:
    """The widgets of a window that Tab may reach, shown now or later (a row of the form
    shown for another channel, the PayPal link once paid), that a screen reader cannot
    name: their class, object, and parents."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.window() is not window or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue  # a popup's list (a window of its own), or no Tab stop
        if isinstance(widget.parentWidget(), QAbstractSpinBox) or widget.focusProxy():
            continue  # a spin box's own line edit, the tab widget: the other is the stop
        if widget.isWindow() or widget.isHidden() or is_named(widget):
            continue  # (hidden itself: a field its tab never shows, Bills' refund number)
        parents = []
        parent = widget.parentWidget()
        while parent is not None and parent is not window:
            parents.append(type(parent).__name__)
            parent = parent.parentWidget()
        found.append(f"{type(widget).__name__} in {' < '.join(parents[:4])}")
    return found


def test_every_widget_tab_reaches_in_the_window_has_a_name(
    language: str, window: MainWindow, qtbot
) -> None:
    """Found with a screen reader's ears: the PayPal approval link and the saved card's
    id in New payment, the Bills, Refunds and Audit tables, and the Overview's charts
    and totals were Tab stops a screen reader called "edit", "table" or nothing at all.
    Every widget Tab reaches, in each tab and in both languages, has a name."""
    for name in TAB_NAMES:
        window.show_tab(name)
    qtbot.waitUntil(lambda: not window.bills_tab.is_loading(), timeout=WAIT_MS)
    assert unnamed(window) == []


def test_every_widget_tab_reaches_in_the_dialogs_has_a_name(
    language: str, window: MainWindow, qtbot
) -> None:
    """Found with a screen reader's ears: every field of Profiles… (its label names the
    row, not the field in it) and the App Secret of the secret prompt were an unnamed
    "edit" or "password text". Every dialog's widgets have a name, in both languages."""
    session = window.session
    live = Profile.new_live("Shop", "app-1")
    session.profiles.save(live)
    bill = BillRecord(
        bill_no="BC20260101120000ABCDEF",
        title="Coffee",
        channel="PAYPAL_PAYPAL",
        total_fee=1250,
        paid=True,
        created_time=1_767_240_000_000,
        currency="USD",
    )
    profiles = ProfilesDialog(session, window)
    window.refund_notice.open_dialog()
    notice = window.refund_notice.dialog
    assert notice is not None
    request = BillRequest(PAYPAL_PAYPAL, Money(1250, "USD"), "BC0000000002", "Order 1234")
    earlier = RecentPayment("BC0000000001", 0, 1250, "USD", PAYPAL_PAYPAL, "Order 1234", "", OK)
    dialogs: list[QWidget] = [
        profiles,
        SecretPrompt(session, live, "", window),
        notice,
        RecordDetailsDialog(bill, "USD", window),
        ConfirmRefundDialog(
            RefundConfirmation(
                bill.bill_no,
                "20260101R1A2B3",
                Money(1250, "USD"),
                Money(1250, "USD"),
                bill.title,
                bill.channel,
                "Sandbox",
                is_live=False,
            ),
            window,
        ),
        repeat_box(window, RepeatQuestion(request, earlier, "Sandbox", is_live=False)),
    ]
    found = {}
    for dialog in dialogs:
        dialog.show()
        found[type(dialog).__name__] = unnamed(dialog)
        dialog.close()
    profiles.start_new()  # a new live profile's form, every field on
    found["a new profile"] = unnamed(profiles)
    assert {dialog: widgets for dialog, widgets in found.items() if widgets} == {}


def test_ctrl_tab_to_a_tab_not_yet_visited_puts_the_cursor_in_its_first_field(
    active: MainWindow, qtbot
) -> None:
    """Found by keys alone at 1,024 × 768: Ctrl+Tab from the amount of New payment to
    Refund, then a bill number typed, and nothing was typed anywhere: the focus was on
    the Refund tab's scroll area, which shows none (Qt hands it to the first widget after
    the old one in the Tab chain), and Ctrl+Tab on to Refunds put it in the refund number
    filter, the second row, not the first field. A tab not visited yet takes the focus
    in its first field, as at a start; one visited gets it back where it was left."""
    active.show_tab("payment")
    amount = active.payment_tab.amount.amount_edit
    amount.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(amount.hasFocus, timeout=WAIT_MS)
    for name, first in (
        ("refund", lambda: active.refund_tab.bill_no_edit),
        ("bills", lambda: first_field(active.bills_tab)),
        ("refunds", lambda: first_field(active.refunds_tab)),
    ):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
        assert active.tabs.currentWidget() is active.tab(name)
        assert QApplication.focusWidget() is first(), (name, QApplication.focusWidget())
    filters = active.refunds_tab.filters.bill_no
    filters.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(filters, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert QApplication.focusWidget() is filters  # where it was left


def test_the_refund_number_filter_is_reached_where_it_is_shown(active: MainWindow, qtbot) -> None:
    """Found by keys alone at 1,024 × 768: Ctrl+Tab to the Refunds tab put the cursor in
    its Refund number filter, on the second row, and Tab went from it up to the channel;
    from Created it skipped to Show. The order asked for was never set: the days' picker,
    a plain widget that takes no focus itself, was one of the pair, and Qt ignores such a
    pair. Tab goes channel, bill number, Reload, Created, refund number, then the row
    filters; the tab's first field is its channel, as in Bills."""
    tab = table_tab(active, "refunds", qtbot)
    assert isinstance(tab, HistoryTab)
    filters = tab.filters
    assert first_field(tab) is filters.channel
    stops = tab_stops(qtbot, active.tabs.tabBar(), tab.view)
    shown = [filters.channel, filters.bill_no, filters.search, filters.dates.preset]
    assert [stop for stop in stops if stop in (*shown, filters.refund_no)] == [
        *shown,
        filters.refund_no,
    ]
    assert focus_after_tab(qtbot, filters.refund_no) is tab.row_filters.status


def confirm_refund_of(window: MainWindow, note: str) -> ConfirmRefundDialog:
    confirmation = RefundConfirmation(
        "BC20260101120000ABCDEF",
        "20260101R1A2B3",
        Money(50, "USD"),
        Money(1250, "USD"),
        "Coffee",
        PAYPAL_PAYPAL,
        "Sandbox",
        is_live=False,
        note=note,
    )
    return ConfirmRefundDialog(confirmation, window)


def test_the_refund_confirmation_has_no_tab_stop_that_shows_nothing(
    window: MainWindow, qtbot
) -> None:
    """Found by keys alone: Shift+Tab from Cancel in the refund's confirmation put the
    focus on the scroll area around its text, which showed nothing (neither button
    framed) and took Enter for nothing; a clerk then did not know where the focus was.
    The text fits: Tab goes between the two buttons only. A text too tall for the screen
    (scroll bar shown) keeps its Tab stop, where the arrows scroll it, and shows a frame."""
    dialog = confirm_refund_of(window, "item returned")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    assert dialog.body.verticalScrollBar().maximum() == 0  # it fits
    dialog.cancel_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.refund_button
    qtbot.keyClick(dialog.refund_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.cancel_button
    dialog.resize(dialog.width(), 90)  # a screen too short for the text
    qtbot.waitUntil(lambda: dialog.body.verticalScrollBar().maximum() > 0, timeout=WAIT_MS)
    qtbot.keyClick(dialog.cancel_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.body
