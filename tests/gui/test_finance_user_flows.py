"""What a finance user does from a fresh install, end to end through the real
window and the real embedded sandbox: take a card and a PayPal payment, find
them, refund one fully and one partly, and fail to refund twice. Plus the
window's own duties: status bar, clean close, remembered geometry, and never a
traceback in front of the user."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMessageBox

from console.api.models import BillQuery
from console.gui import app as gui_app
from console.gui.jobs import ALL_BILLS, report_for
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile
from console.gui.session import ConsoleSession
from console.gui.settings import WINDOW_GEOMETRY, Settings
from console.store.secrets import SecretStore
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_truth import embedded_sandbox_client
from tests.gui.tab_drivers import Answer, action, column, row_of
from tests.net_support import ScriptedServer

TIMEOUT = 10_000


def pay_by_card(window: MainWindow, qtbot, amount: str) -> str:
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_channel("PAYPAL_CREDITCARD")
    tab.amount.amount_edit.setText(amount)
    tab.title_edit.setText("年度会员 Annual plan")
    for edit, text in (
        (tab.card.number_edit, "4111 1111 1111 1111"),
        (tab.card.month_edit, "12"),
        (tab.card.year_edit, "2031"),
        (tab.card.cvv_edit, "123"),
        (tab.card.first_name_edit, "Mei"),
        (tab.card.last_name_edit, "Chen"),
    ):
        edit.setText(text)
    bill_no = tab.bill_no_edit.text()
    tab.pay_button.click()
    qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=TIMEOUT)
    return bill_no


def pay_by_paypal(window: MainWindow, qtbot, browser, amount: str) -> str:
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_channel("PAYPAL_PAYPAL")
    tab.amount.amount_edit.setText(amount)
    tab.title_edit.setText("白开水 x 12")
    bill_no = tab.bill_no_edit.text()
    tab.pay_button.click()
    qtbot.waitUntil(lambda: len(browser.opened) == 1, timeout=TIMEOUT)
    url = browser.opened[0].toString()
    answer = requests.post(url, data={"action": "approve"}, allow_redirects=False, timeout=10)
    assert answer.status_code == 303 and "result=approved" in answer.headers["Location"]
    return bill_no


def find_in_bills(window: MainWindow, qtbot, bill_no: str) -> int:
    bills = window.bills_tab
    window.tabs.setCurrentWidget(bills)
    qtbot.waitUntil(lambda: not bills.is_loading(), timeout=TIMEOUT)
    bills.filters.bill_no.setText(bill_no)
    bills.filters.search.click()
    # (a sync after a payment or refund may end meanwhile: its reload is not the search's)
    qtbot.waitUntil(
        lambda: not bills.is_loading() and column(bills, "bill_no") == [bill_no], timeout=TIMEOUT
    )
    return row_of(bills, bill_no)


def refund_from_bills(window: MainWindow, qtbot, bill_no: str, amount: str | None) -> str:
    """Bills tab, row menu, Refund this bill…, confirm; the outcome panel's kind."""
    row = find_in_bills(window, qtbot, bill_no)
    refund = window.refund_tab
    action(window.bills_tab.row_menu(row), "Refund this bill…").trigger()
    assert window.tabs.currentWidget() is refund
    qtbot.waitUntil(
        lambda: refund.bill is not None and refund.bill.bill_no == bill_no, timeout=TIMEOUT
    )
    qtbot.waitUntil(lambda: refund.refunds is not None, timeout=TIMEOUT)
    if amount is not None:
        refund.amount_input.amount_edit.setText(amount)
    refund.confirm = confirmed = Answer()
    refund.refund_button.click()
    qtbot.waitUntil(lambda: refund.outcome.kind not in ("", "pending"), timeout=TIMEOUT)
    assert len(confirmed.asked) == 1
    return refund.outcome.kind


def test_a_finance_users_day(window: MainWindow, qtbot, browser) -> None:
    card_bill = pay_by_card(window, qtbot, "128.00")
    paypal_bill = pay_by_paypal(window, qtbot, browser, "45.90")
    client = embedded_sandbox_client(window.session)
    paid = [client.find_bill(bill_no) for bill_no in (card_bill, paypal_bill)]
    assert all(bill is not None and bill.paid for bill in paid)

    bills = window.bills_tab
    find_in_bills(window, qtbot, paypal_bill)
    assert column(bills, "paid") == ["Paid"] and column(bills, "total_fee") == ["45.90"]

    assert refund_from_bills(window, qtbot, card_bill, None) == "success"
    assert refund_from_bills(window, qtbot, paypal_bill, "10.00") == "success"
    # The bill has its one refund: the console offers no second one, and says why.
    refund = window.refund_tab
    # (The button is also off while the bill's earlier refunds load: wait for the reason.)
    qtbot.waitUntil(
        lambda: "BeeCloud allows one refund per bill" in refund.refund_hint.text(), timeout=TIMEOUT
    )
    assert not refund.refund_button.isEnabled()
    assert "USD 10.00" in refund.bill_panel.refunded_label.text()

    truth = {r.bill_no: r.refund_fee for r in sandbox_refunds(window)}
    assert truth[card_bill] == 12800 and truth[paypal_bill] == 1000

    refunds_tab = window.refunds_tab
    with qtbot.waitSignal(refunds_tab.load_ended, timeout=TIMEOUT):
        window.show_refunds_of(paypal_bill)
    assert column(refunds_tab, "refund_fee") == ["USD 10.00"]


def sandbox_refunds(window: MainWindow) -> list:
    from console.api.paging import all_refunds

    return all_refunds(embedded_sandbox_client(window.session))


def test_the_status_bar_shows_what_is_in_flight_and_close_ends_the_worker(
    window: MainWindow, qtbot
) -> None:
    session = window.session
    with ScriptedServer(None) as silent:
        live = Profile.new_live("Slow shop", "app-1", (silent.url,))
        live = Profile(live.id, live.name, live.app_id, live.hosts, 1.0, 0.5)
        session.profiles.save(live)
        session.secrets.set(live.id, "s3cret")
        session.activate(live.id)
        session.submit(ALL_BILLS, BillQuery(), "Loading bills")
        assert "Loading bills" in window.busy_label.text()
        assert window.cancel_button.isVisibleTo(window)
        # (the history's sync at start may be asking it too)
        qtbot.waitUntil(lambda: len(silent.requests) >= 1, timeout=TIMEOUT)
        thread = session.gateway._thread
        window.close()  # while the query is on the wire
        assert thread.isFinished()


def test_window_geometry_and_tab_are_remembered(
    qapp, settings: Settings, tmp_path: Path, qtbot, monkeypatch
) -> None:
    """The saved geometry is compared as Qt wrote it and as the next window is given
    it (the offscreen screen is small: the window is made to fit it)."""
    restored: list[bytes] = []
    original = MainWindow.restoreGeometry

    def restore_and_note(self: MainWindow, geometry: QByteArray) -> bool:
        restored.append(bytes(geometry.data()))
        return original(self, geometry)

    monkeypatch.setattr(MainWindow, "restoreGeometry", restore_and_note)

    def open_window() -> MainWindow:
        session = ConsoleSession(settings, tmp_path, SecretStore(MemoryKeyring()), demo_bills=10)
        session.activate(session.profiles.last_id())
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        return window

    first = open_window()
    room = first.screen().availableGeometry()  # one larger is not restored (window_place)
    first.resize(room.width() - 60, room.height() - 80)
    first.tabs.setCurrentIndex(1)
    saved = first.saveGeometry().data()
    first.close()
    assert settings.get(WINDOW_GEOMETRY).data() == saved
    second = open_window()
    assert restored == [saved]
    assert second.tabs.currentIndex() == 1
    second.close()


def test_an_unexpected_error_is_logged_and_shown_briefly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    try:
        raise KeyError("app_secret=very-secret")
    except KeyError as error:
        with caplog.at_level(logging.ERROR):
            gui_app._report_unexpected(type(error), error, error.__traceback__)
    assert shown and "KeyError" in shown[0] and "very-secret" not in shown[0]
    assert "Traceback" not in shown[0]
    assert caplog.records and caplog.records[0].exc_info is not None
    report = report_for(RuntimeError("card 4111111111111111"))
    assert report.kind == "unexpected" and "4111" not in report.text()
