"""The PayPal approval page's address, after a PayPal payment was created.

The page opens in the browser at once; if the payer is elsewhere the merchant
copies the address and sends it to them, or opens it again. Only a web address
(http or https with a host) is ever handed to the system: the server chose the
address, and another scheme (file:, smb:, a custom handler) would open
something else than a web page, and one with a user name or password before its host
(`https://www.paypal.com@evil.example.com/`) reads as one site and opens another.
What the row shows, copies and opens is the address as the browser is given it (its
host in ASCII, an invisible or direction-turning character %-escaped), whole and from
its start. What the row says is what happened: handed to the browser (OPENED: the
system started its opener, which may still find no browser, so the page is never said
to be open), not opened (no browser could be started), not a web address, or one that
hides its host.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from console.gui import colours
from console.gui.announce import announce
from console.gui.browser import open_url
from console.gui.feedback import ERROR_COLOUR, WARN_COLOUR, field_cell
from console.gui.plain_text import PlainLabel, field_label

# What became of the last try to open the page (SHOWN: shown, not opened: it was not
# the answer of the profile in use when it came).
OPENED, NOT_OPENED, NOT_WEB, SHOWN = "opened", "not_opened", "not_web", "shown"
HIDES_HOST = "hides_host"  # a user name or password before the host: not opened
MAX_FIELD_LENGTH = 32_767  # a QLineEdit's own


def is_web_address(url: str) -> bool:
    """An absolute http(s) address with a host: the only kind handed to the browser."""
    address = QUrl(url, QUrl.ParsingMode.StrictMode)
    return address.isValid() and address.scheme() in ("http", "https") and bool(address.host())


def hides_host(url: str) -> bool:
    """Whether a user name or password comes before the address's host."""
    return bool(QUrl(url, QUrl.ParsingMode.StrictMode).userInfo())


def as_opened(url: str) -> str:
    """A web address as the browser is handed it; any other text as it is."""
    if not is_web_address(url):
        return url
    return QUrl(url, QUrl.ParsingMode.StrictMode).toString(
        QUrl.ComponentFormattingOption.FullyEncoded
    )


class ApprovalRow(QWidget):
    copied = Signal()  # the address is on the clipboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url_edit = QLineEdit()
        self.url_edit.setReadOnly(True)
        self.url_edit.setMinimumWidth(420)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.open_button = QPushButton(self.tr("Open again"))
        self.warning = PlainLabel()  # why the page is not open in a browser, when it is not
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.opened: str | None = None  # OPENED, NOT_OPENED or NOT_WEB
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            field_cell(
                field_label(self.tr("PayPal approval page:"), self.url_edit),
                self.url_edit,
                self.copy_button,
                self.open_button,
                stretch=False,
            )
        )
        column.addWidget(self.warning)
        self.copy_button.clicked.connect(self.copy_address)
        self.open_button.clicked.connect(self._open_pressed)
        self.hide()

    def url(self) -> str:
        return self.url_edit.text()

    def show_url(self, url: str, open_page: bool = True) -> str:
        """Show the address of a payment just created and, if open_page, open it in the
        browser if it is a web address; what became of it (OPENED, NOT_OPENED, NOT_WEB,
        HIDES_HOST, SHOWN)."""
        shown = as_opened(url)
        self.url_edit.setMaxLength(max(len(shown), MAX_FIELD_LENGTH))  # never cut
        self.url_edit.setText(shown)
        self.url_edit.setCursorPosition(0)  # the scheme and the host in sight
        self.show()
        if open_page or not is_web_address(shown) or hides_host(shown):
            self.open_page()
            if self.opened == NOT_OPENED:
                self.warning.hide()  # the outcome panel says it (PaymentOutcome._approval_text)
        else:
            self.opened = SHOWN
            self.open_button.setEnabled(True)
            self.warning.hide()
        self._name_open_button()
        assert self.opened is not None
        return self.opened

    def _name_open_button(self) -> None:
        """ "Open again" once the page was opened, "Open" until then."""
        opened = self.opened == OPENED
        self.open_button.setText(self.tr("Open again") if opened else self.tr("Open"))

    def clear(self) -> None:
        self.hide()
        self.url_edit.clear()
        self.warning.clear()
        self.warning.hide()
        self.opened = None

    @Slot()
    def open_page(self) -> None:
        url = self.url()
        if not url:
            return
        if not is_web_address(url):
            self.opened = NOT_WEB
            self.open_button.setEnabled(False)
            self._warn(
                self.tr(
                    "This address is not a web page (http or https), so it was not opened. "
                    "Do not open it or send it to a payer: ask BeeCloud's support about it."
                ),
                ERROR_COLOUR,
            )
            return
        if hides_host(url):
            self.opened = HIDES_HOST
            self.open_button.setEnabled(False)
            self._warn(
                self.tr(
                    "This address has a user name or password before its host (before "
                    "“@”), which a PayPal page never has: it can read as one site and open "
                    "another, so it was not opened. Do not open it or send it to a payer: "
                    "ask BeeCloud's support about it."
                ),
                ERROR_COLOUR,
            )
            return
        self.open_button.setEnabled(True)
        if open_url(url):
            self.opened = OPENED
            self.warning.hide()
            self._name_open_button()
        else:
            self.opened = NOT_OPENED
            self._warn(
                self.tr(
                    "No browser could be started to open the page. Copy its address and "
                    "open it in a browser, or send it to the payer."
                ),
                WARN_COLOUR,
            )

    @Slot()
    def _open_pressed(self) -> None:
        """Open pressed: why the page did not open, if it did not, is said to a screen
        reader where it was pressed (at a payment, the outcome panel above says it)."""
        self.open_page()
        if self.warning.isVisible():
            urgent = self.opened in (NOT_WEB, HIDES_HOST)
            announce(self.warning, self.warning.text(), urgent)

    def _warn(self, text: str, colour: str) -> None:
        self.warning.setText(text)
        colours.paint(self.warning, f"color: {colour};")
        self.warning.show()

    @Slot()
    def copy_address(self) -> None:
        QGuiApplication.clipboard().setText(self.url())
        self.copied.emit()
