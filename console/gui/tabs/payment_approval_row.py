"""The PayPal approval page's address, after a PayPal payment was created.

The page opens in the browser at once; if the payer is elsewhere the merchant
copies the address and sends it to them, or opens it again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from console.gui.browser import open_url
from console.gui.feedback import field_cell


class ApprovalRow(QWidget):
    copied = Signal()  # the address is on the clipboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url_edit = QLineEdit()
        self.url_edit.setReadOnly(True)
        self.url_edit.setMinimumWidth(420)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.open_button = QPushButton(self.tr("Open again"))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            field_cell(
                QLabel(self.tr("PayPal approval page:")),
                self.url_edit,
                self.copy_button,
                self.open_button,
                stretch=False,
            )
        )
        self.copy_button.clicked.connect(self.copy_address)
        self.open_button.clicked.connect(self.open_page)
        self.hide()

    def url(self) -> str:
        return self.url_edit.text()

    def show_url(self, url: str) -> None:
        """Show the address of a payment just created and open it in the browser."""
        self.url_edit.setText(url)
        self.show()
        self.open_page()

    def clear(self) -> None:
        self.hide()
        self.url_edit.clear()

    @Slot()
    def open_page(self) -> None:
        if self.url():
            open_url(self.url())

    @Slot()
    def copy_address(self) -> None:
        QGuiApplication.clipboard().setText(self.url())
        self.copied.emit()
