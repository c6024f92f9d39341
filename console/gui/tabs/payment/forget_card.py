"""The question before a saved card is forgotten: this computer's label and card id go,
PayPal's vault keeps the card. Window-modal, Cancel the default (Enter and Escape both
cancel); a payment with the card already on its way goes on."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from console.gui.plain_text import action_or_cancel, plain_box, wrappable


def forget_box(parent: QWidget | None, label: str) -> QMessageBox:
    box = plain_box(parent)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("ForgetCard", "Forget saved card?"))
    box.setText(
        QCoreApplication.translate("ForgetCard", "Forget the saved card “{label}”?").format(
            label=wrappable(label)  # any length: wrapped within the screen
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "ForgetCard",
            "It is no longer offered here. PayPal keeps the card: to pay with it again, "
            "choose Card and type its details.",
        )
    )
    action_or_cancel(box, QCoreApplication.translate("ForgetCard", "Forget"))
    return box
