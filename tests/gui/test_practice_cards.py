"""The practice cards on the New payment tab's card form: offered on the Sandbox profile
alone, filled in at one click, and each doing, on the real sandbox, what its line says."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QLabel

from console.api.channels import PAYPAL_CREDITCARD
from console.gui import i18n
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, SANDBOX_ID
from console.gui.session import ConsoleSession
from console.gui.tabs.payment_tab import PaymentTab
from console.sandbox.practice_cards import PRACTICE_CARDS, PracticeCard
from tests.gui.console_support import live_profile
from tests.gui.sandbox_truth import sandbox_store
from tests.gui.tab_drivers import fill_common, pay_and_wait


@pytest.fixture
def tab(window: MainWindow) -> PaymentTab:
    window.tabs.setCurrentWidget(window.payment_tab)
    window.payment_tab.set_channel(PAYPAL_CREDITCARD)
    return window.payment_tab


def line_of(tab: PaymentTab, card: PracticeCard) -> QAction:
    """The practice card's line in the Practice cards menu."""
    return next(line for line in tab.card.practice_menu.actions() if line.data() == card.number)


def digits_of(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def test_the_sandbox_s_card_form_lists_every_practice_card_and_what_it_does(
    tab: PaymentTab,
) -> None:
    assert tab.card.practice_button.isVisibleTo(tab)
    lines = [line.text() for line in tab.card.practice_menu.actions()]
    assert len(lines) == len(PRACTICE_CARDS)
    for card in PRACTICE_CARDS:
        text = line_of(tab, card).text()
        assert card.number in digits_of(text), text
        assert ("declined" if card.declined else "charged") in text, text


@pytest.mark.parametrize("card", PRACTICE_CARDS, ids=lambda card: card.number)
def test_each_practice_card_does_on_the_sandbox_what_its_line_says(
    tab: PaymentTab, session: ConsoleSession, qtbot, card: PracticeCard
) -> None:
    fill_common(tab)
    tab.card.first_name_edit.setText("Ada")
    tab.card.last_name_edit.setText("Lee")
    line = line_of(tab, card)
    line.trigger()
    form = tab.card
    assert form.digits() == card.number
    assert form.card_type() == card.card_type
    assert len(form.cvv_edit.text()) == card.cvv_digits
    assert form.month_edit.text() and len(form.year_edit.text()) == 4
    assert tab.problems() == {}, "filled in whole: nothing left to correct"
    bill_no = tab.bill_no_edit.text()

    pay_and_wait(qtbot, tab)

    bill = sandbox_store(session).find_bill(SANDBOX_APP_ID, bill_no)
    if "declined" in line.text():
        assert tab.outcome.kind == "api"
        assert tab.outcome.body.text().startswith("The card was declined")
        assert bill is None
    else:
        assert "charged" in line.text()
        assert tab.outcome.kind == "success", tab.outcome.body.text()
        assert bill is not None and bill.paid and bill.channel == PAYPAL_CREDITCARD
    assert form.number_edit.text() == "" and form.cvv_edit.text() == ""


def test_practice_cards_are_not_offered_on_a_live_profile(
    tab: PaymentTab, session: ConsoleSession, qtbot
) -> None:
    assert session.sandbox is not None
    live = live_profile(session, "Shop live", (session.sandbox.base_url,))
    assert not tab.card.practice_button.isVisibleTo(tab)
    line_of(tab, PRACTICE_CARDS[0]).trigger()  # a line chosen as the profile changed
    assert tab.card.number_edit.text() == "" and tab.card.cvv_edit.text() == ""
    session.activate(SANDBOX_ID)
    assert tab.card.practice_button.isVisibleTo(tab)
    session.activate(live.id)
    fresh = PaymentTab(session)  # a tab built on a live profile
    qtbot.addWidget(fresh)
    fresh.set_channel(PAYPAL_CREDITCARD)
    assert not fresh.card.practice_button.isVisibleTo(fresh)


@pytest.fixture(params=["en", "zh"])
def language(request, qapp) -> Iterator[str]:
    if request.param == "zh":
        i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield request.param
    if request.param == "zh":
        i18n.uninstall()


def test_a_practice_card_filled_in_fits_at_1024_by_768(
    language: str, window: MainWindow, tab: PaymentTab, qtbot
) -> None:
    window.resize(1024, 768)
    amex = next(card for card in PRACTICE_CARDS if card.card_type == "amex")
    line_of(tab, amex).trigger()  # the widest brand, and the number's check beside it
    shown: list[QLabel | QAbstractButton] = [*tab.findChildren(QLabel)]
    shown += tab.findChildren(QAbstractButton)

    def clipped() -> list[str]:
        visible = [widget for widget in shown if widget.isVisible()]
        return [w.text() for w in visible if w.width() < w.minimumSizeHint().width()]

    with contextlib.suppress(qtbot.TimeoutError):  # once laid out again after the fill
        qtbot.waitUntil(lambda: not clipped(), timeout=2_000)
    assert clipped() == []
    assert tab.card.practice_button.isVisible()
    assert tab.scroll_area.horizontalScrollBar().maximum() == 0
    if language == "zh":
        assert tab.card.practice_button.text() != "Practice cards"


def test_a_card_s_number_and_cvv_are_not_carried_to_another_profile(
    tab: PaymentTab, session: ConsoleSession, qtbot
) -> None:
    """A practice card filled in on the Sandbox stayed in the form when a live profile was
    chosen, one click on Pay from going to the live account (and a real card typed under
    a live profile went along to the Sandbox): the number and CVV are typed for one
    account. The rest of the form stays, and the note beside Pay says where it was filled."""
    fill_common(tab)
    tab.card.first_name_edit.setText("Ada")
    line_of(tab, PRACTICE_CARDS[0]).trigger()
    assert session.sandbox is not None
    live = live_profile(session, "Shop live", (session.sandbox.base_url,))
    form = tab.card
    assert form.number_edit.text() == "" and form.cvv_edit.text() == ""
    assert form.first_name_edit.text() == "Ada" and tab.title_edit.text() == "Order 1234"
    assert tab.profile_note.isVisibleTo(tab), "filled in under the Sandbox: still said"
    assert not form.errors["credit_card_info.card_number"].isVisibleTo(tab), "no nagging"
    assert not tab.pay_button.isEnabled()
    form.number_edit.setText("4111 1111 1111 1111")  # typed under the live profile
    form.cvv_edit.setText("123")
    session.activate(SANDBOX_ID)
    assert form.number_edit.text() == "" and form.cvv_edit.text() == ""
    session.saved(SANDBOX_ID)  # the profile in use saved again: the same account
    session.activate(live.id)
    form.number_edit.setText("4111 1111 1111 1111")
    session.saved(live.id)
    assert form.digits() == "4111111111111111"


def test_the_practice_cards_button_stays_where_it_is_when_a_card_is_filled_in(
    tab: PaymentTab, qtbot
) -> None:
    """It stood after the card's type and check, so it moved right under the pointer as
    they came (a second click there found the field's text)."""
    button = tab.card.practice_button
    qtbot.waitUntil(lambda: button.isVisible())
    before = button.mapTo(tab, button.rect().topLeft())
    line_of(tab, PRACTICE_CARDS[0]).trigger()
    qtbot.waitUntil(lambda: bool(tab.card.luhn_label.text()))
    cell = tab.card.number_edit.parentWidget()
    layout = cell.layout() if cell is not None else None
    assert layout is not None
    layout.activate()
    assert button.mapTo(tab, button.rect().topLeft()) == before
