"""The PayPal approval page: opened only when it is a web address, and the console
says only what happened (opened, no browser, not a web address)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from console.gui.main_window import MainWindow
from console.gui.profiles import Profile
from console.gui.session import ConsoleSession
from console.gui.tabs.payment.approval_row import is_web_address
from console.gui.tabs.payment_tab import PaymentTab
from console.store.stamps import steady_now
from tests.gui.conftest import BrowserCatcher, Said
from tests.gui.tab_drivers import WAIT_MS, fill_common, pay_and_wait
from tests.net_support import ScriptedServer, http_reply


@pytest.fixture
def tab(window: MainWindow) -> PaymentTab:
    window.tabs.setCurrentWidget(window.payment_tab)
    return window.payment_tab


OTHER_SCHEMES = ("file", "smb", "javascript", "ms-settings", "beecloud")


@pytest.fixture
def other_schemes() -> Iterator[BrowserCatcher]:
    """Catches what the console would hand to the system for other schemes."""
    catcher = BrowserCatcher()
    for scheme in OTHER_SCHEMES:
        QDesktopServices.setUrlHandler(scheme, catcher, "open")  # type: ignore[arg-type]  # a slot name: str
    yield catcher
    for scheme in OTHER_SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


def lying_host(session: ConsoleSession, url: str) -> ScriptedServer:
    """A live profile whose host creates every PayPal payment with this `url`."""
    answer = {"result_code": 0, "result_msg": "OK", "err_detail": "", "id": "b1", "url": url}
    server = ScriptedServer(http_reply("200 OK", "application/json", json.dumps(answer).encode()))
    profile = Profile.new_live("Lying", "lying-app", (server.url,))
    session.profiles.save(replace(profile, read_timeout=2.0))
    session.secrets.set(profile.id, "lying-secret")
    session.activate(profile.id)
    return server


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "smb://evil.example.com/share",
        "javascript:alert(1)",
        "ms-settings:privacy",
        "beecloud://pay?x=1",
        "https:///no-host",
    ],
)
def test_an_approval_address_that_is_not_a_web_page_is_never_opened(
    tab: PaymentTab,
    session: ConsoleSession,
    browser: BrowserCatcher,
    other_schemes: BrowserCatcher,
    qtbot,
    url: str,
) -> None:
    server = lying_host(session, url)
    try:
        fill_common(tab)
        tab.return_url_edit.setText("https://shop.example.com/paypal/done")
        pay_and_wait(qtbot, tab)
    finally:
        server.stop()
    assert browser.opened == [] and other_schemes.opened == []
    row = tab.approval_row
    assert row.url() == url, "shown as text, to read"
    assert row.warning.isVisible()
    assert "not a web page" in row.warning.text() and "was not opened" in row.warning.text()
    assert not row.open_button.isEnabled()
    assert "has opened" not in tab.outcome.body.text()
    assert "not a web page and was not opened" in tab.outcome.body.text()
    assert session.local.links.waiting(session.profile.id, steady_now()) == []  # never offered
    qtbot.mouseClick(row.open_button, Qt.MouseButton.LeftButton)
    row.open_page()  # even called directly
    assert browser.opened == [] and other_schemes.opened == []


def pay_on_lying_host(tab: PaymentTab, session: ConsoleSession, qtbot, url: str) -> None:
    server = lying_host(session, url)
    try:
        fill_common(tab)
        tab.return_url_edit.setText("https://shop.example.com/paypal/done")
        pay_and_wait(qtbot, tab)
    finally:
        server.stop()


def encoded(urls: list[QUrl]) -> list[str]:
    """The addresses as a browser is handed them."""
    return [url.toString(QUrl.ComponentFormattingOption.FullyEncoded) for url in urls]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.paypal.com@evil.example.com/checkoutnow?token=EC-1",
        "https://www.paypal.com:checkoutnow@evil.example.com/",
        "https://payer:secret@www.paypal.com/checkoutnow?token=EC-1",
    ],
)
def test_an_approval_address_with_a_user_before_its_host_is_never_opened(
    tab: PaymentTab, session: ConsoleSession, browser: BrowserCatcher, qtbot, url: str
) -> None:
    """`https://www.paypal.com@evil.example.com/` reads as PayPal's and opens
    evil.example.com: no PayPal page has a user name or password in its address."""
    pay_on_lying_host(tab, session, qtbot, url)
    assert browser.opened == []
    row = tab.approval_row
    assert row.url() == url
    assert row.warning.isVisible() and "was not opened" in row.warning.text()
    assert "user name or password" in row.warning.text()
    assert session.local.links.waiting(session.profile.id, steady_now()) == []  # never offered
    assert not row.open_button.isEnabled()
    assert "has opened" not in tab.outcome.body.text()
    assert "was not opened" in tab.outcome.body.text()
    row.open_page()  # even called directly
    assert browser.opened == []


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        # a Cyrillic "а" in "paypal": the browser goes to the host's ASCII form
        (
            "https://www.p\u0430ypal.com/checkoutnow?token=EC-1",
            "https://www.xn--pypal-4ve.com/checkoutnow?token=EC-1",
        ),
        # a zero-width space in the host: the browser drops it
        ("https://www.paypal.com\u200b/checkoutnow", "https://www.paypal.com/checkoutnow"),
        # invisible and direction-turning characters in the path or the query
        (
            "https://www.paypal.com/checkout\u202enow?token=EC\u200b-1",
            "https://www.paypal.com/checkout%E2%80%AEnow?token=EC%E2%80%8B-1",
        ),
    ],
)
def test_an_approval_address_is_shown_as_the_browser_is_given_it(
    tab: PaymentTab, session: ConsoleSession, browser: BrowserCatcher, qtbot, url: str, shown: str
) -> None:
    """What the clerk reads, copies and sends is what the browser opens: a look-alike
    host read as www.paypal.com, and an invisible character made two addresses look
    alike."""
    pay_on_lying_host(tab, session, qtbot, url)
    row = tab.approval_row
    assert row.url() == shown and row.url_edit.text() == shown
    kept = session.local.links.waiting(session.profile.id, steady_now())
    assert [link.url for link in kept] == [shown]  # as it is sent again later
    assert encoded(browser.opened) == [shown]
    row.copy_address()
    assert QGuiApplication.clipboard().text() == shown


def test_a_long_approval_address_is_shown_whole_from_its_start(
    tab: PaymentTab, session: ConsoleSession, browser: BrowserCatcher, qtbot
) -> None:
    """A field keeps 32,767 characters: a longer address was cut, and the part that was
    left opened and copied; and a field shows the end of a text set in it, so that the
    host was out of sight and a path ending in "www.paypal.com/..." was what showed."""
    url = "https://evil.example.com/" + "a" * 100_000 + "/www.paypal.com/checkoutnow"
    pay_on_lying_host(tab, session, qtbot, url)
    row = tab.approval_row
    assert row.url() == url and encoded(browser.opened) == [url]
    assert row.url_edit.cursorPosition() == 0, "the host in sight"
    row.copy_address()
    assert QGuiApplication.clipboard().text() == url


def test_without_a_browser_the_console_says_so_and_offers_the_address(
    tab: PaymentTab, session: ConsoleSession, qtbot
) -> None:
    """No handler for https here (no `browser` fixture): QDesktopServices.openUrl fails."""
    fill_common(tab)
    pay_and_wait(qtbot, tab)
    row = tab.approval_row
    assert row.url().startswith("http://127.0.0.1:")
    assert "has opened" not in tab.outcome.body.text()
    assert "No browser could be started" in tab.outcome.body.text()
    assert not row.warning.isVisible(), "said once, in the panel above"
    assert row.copy_button.isEnabled() and row.open_button.isEnabled()
    assert row.open_button.text() == "Open", "never opened: not 'Open again'"
    qtbot.mouseClick(row.open_button, Qt.MouseButton.LeftButton)  # "Open" fails too
    assert row.warning.isVisible() and "No browser could be started" in row.warning.text()
    assert row.open_button.text() == "Open"


def test_open_pressed_by_keys_without_a_browser_is_said_to_a_screen_reader(
    tab: PaymentTab, qtbot, announced: list[Said]
) -> None:
    """Found with a screen reader's ears: Space on Open, no browser to be started, and
    "No browser could be started…" appeared beneath the address, said by nothing; the
    clerk heard only the key. What became of it is said where Open was pressed."""
    fill_common(tab)
    pay_and_wait(qtbot, tab)
    row = tab.approval_row
    row.open_button.setFocus(Qt.FocusReason.TabFocusReason)
    announced.clear()
    qtbot.keyClick(row.open_button, Qt.Key.Key_Space)
    assert row.warning.isVisible()
    assert [(said.text, said.by) for said in announced] == [(row.warning.text(), row.warning)]
    assert row.warning.text().startswith("No browser could be started")


def test_open_again_with_a_browser_clears_the_warning(
    tab: PaymentTab, session: ConsoleSession, qtbot
) -> None:
    fill_common(tab)
    pay_and_wait(qtbot, tab)
    tab.approval_row.open_page()  # no browser again: told beneath now
    assert tab.approval_row.warning.isVisible()
    catcher = BrowserCatcher()
    QDesktopServices.setUrlHandler("http", catcher, "open")  # type: ignore[arg-type]  # a slot name: str
    try:
        qtbot.mouseClick(tab.approval_row.open_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("http")
    assert catcher.opened == [QUrl(tab.approval_row.url())]
    qtbot.waitUntil(lambda: not tab.approval_row.warning.isVisible(), timeout=WAIT_MS)
    assert tab.approval_row.open_button.text() == "Open again"


def test_a_page_handed_to_the_browser_is_not_said_to_have_opened(
    tab: PaymentTab, browser: BrowserCatcher, qtbot
) -> None:
    """The system says only that it started its opener: on Linux xdg-open, which may then
    find no browser ('no method available', exit 3) while Qt has answered True. The panel
    said 'The PayPal approval page has opened in your browser' all the same."""
    fill_common(tab)
    pay_and_wait(qtbot, tab)
    assert browser.opened == [QUrl(tab.approval_row.url())]
    body = tab.outcome.body.text()
    assert "has opened" not in body and "handed to your browser" in body
    assert "did not open" in body and "copy its address" in body


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://www.paypal.com/checkoutnow?token=EC-1", True),
        ("http://127.0.0.1:8732/paypal/approve/abc", True),
        ("HTTPS://WWW.PAYPAL.COM/x", True),
        ("file:///etc/passwd", False),
        ("//www.paypal.com/x", False),
        ("www.paypal.com", False),
        ("https://", False),
        ("data:text/html,<script>1</script>", False),
        ("", False),
    ],
)
def test_what_counts_as_a_web_address(url: str, web: bool) -> None:
    assert is_web_address(url) is web
