"""The last question before a refund: which bill, how much of it, in which
currency, through which profile, and that it cannot be undone. Cancel is the
default button, so a stray Enter never returns money."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.money import Money, format_money


def refund_phrase(amount: Money, bill_total: Money) -> str:
    """'full refund of USD 20.00' or 'partial refund of USD 12.50 out of USD 20.00'."""
    if amount.hundredths < bill_total.hundredths:
        return f"partial refund of {format_money(amount)} out of {format_money(bill_total)}"
    return f"full refund of {format_money(amount)}"


@dataclass(frozen=True)
class RefundConfirmation:
    """Everything the user is asked to agree to before a refund is sent."""

    bill_no: str
    refund_no: str
    amount: Money
    bill_total: Money
    title: str
    channel: str
    profile_name: str
    is_live: bool
    currency_guessed: bool = False  # the bill did not say; the user picked the currency
    warnings: tuple[str, ...] = ()

    @property
    def is_partial(self) -> bool:
        return self.amount.hundredths < self.bill_total.hundredths

    def amount_phrase(self) -> str:
        return refund_phrase(self.amount, self.bill_total)

    def text(self) -> str:
        """The dialog's message, one fact a line."""
        lines = [
            f"Refund bill {self.bill_no}: {self.amount_phrase()}.",
            "",
            f"Title: {self.title or '(none)'}",
            f"Channel: {self.channel}",
            f"Refund number: {self.refund_no}",
        ]
        if self.is_live:
            lines.append(f"Profile: {self.profile_name} — LIVE, real money goes back to the payer.")
        else:
            lines.append(f"Profile: {self.profile_name} — practice data, no real money moves.")
        if self.currency_guessed:
            lines.append(
                f"The bill does not say its currency; you chose {self.amount.currency} for "
                f"display. BeeCloud refunds {self.amount.hundredths} hundredths of the bill's "
                "own currency."
            )
        lines += self.warnings
        lines += ["", "A refund cannot be undone."]
        return "\n".join(lines)


class ConfirmRefundDialog(QDialog):
    def __init__(self, confirmation: RefundConfirmation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Confirm refund")
        self.message = QLabel(confirmation.text())
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(460)
        buttons = QDialogButtonBox()
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.refund_button = QPushButton(f"Refund {format_money(confirmation.amount)}")
        buttons.addButton(self.refund_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.refund_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.cancel_button.setFocus()


def ask_to_confirm(confirmation: RefundConfirmation, parent: QWidget | None = None) -> bool:
    """Show the dialog modally over the active window; True only when the user chose to refund."""
    dialog = ConfirmRefundDialog(confirmation, parent or QApplication.activeWindow())
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
