"""The last question before a refund: which bill, how much of it, in which
currency, with which note, through which profile, and that it cannot be undone. Cancel is the
default button, so a stray Enter never returns money."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.money import Money, format_money
from console.gui.announce import announce
from console.gui.api_texts import channel_with_code
from console.gui.dialog_room import (
    DialogBody,
    console_window,
    first_size,
    open_within_screen,
    screen_room,
)
from console.gui.plain_text import PlainLabel, wrappable


def refund_phrase(amount: Money, bill_total: Money) -> str:
    """'full refund of USD 20.00' or 'partial refund of USD 12.50 out of USD 20.00'."""
    if amount.hundredths < bill_total.hundredths:
        return QCoreApplication.translate(
            "ConfirmRefund", "partial refund of {amount} out of {total}"
        ).format(amount=format_money(amount), total=format_money(bill_total))
    return QCoreApplication.translate("ConfirmRefund", "full refund of {amount}").format(
        amount=format_money(amount)
    )


def profile_stakes(name: str, is_live: bool) -> str:
    """The line of a refund's confirmation that says whether real money moves."""
    if is_live:
        text = QCoreApplication.translate(
            "ConfirmRefund", "Profile: {name} — LIVE, real money goes back to the payer."
        )
    else:
        text = QCoreApplication.translate(
            "ConfirmRefund", "Profile: {name} — practice data, no real money moves."
        )
    return text.format(name=name)


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
    note: str = ""  # sent with the refund (its `optional`), as typed

    @property
    def is_partial(self) -> bool:
        return self.amount.hundredths < self.bill_total.hundredths

    def amount_phrase(self) -> str:
        return refund_phrase(self.amount, self.bill_total)

    def text(self) -> str:
        """The dialog's message, one fact a line."""
        lines = [
            QCoreApplication.translate("ConfirmRefund", "Refund bill {bill_no}: {what}.").format(
                bill_no=self.bill_no, what=self.amount_phrase()
            ),
            "",
            QCoreApplication.translate("ConfirmRefund", "Title: {title}").format(
                title=self.title or QCoreApplication.translate("ConfirmRefund", "(none)")
            ),
            QCoreApplication.translate("ConfirmRefund", "Channel: {channel}").format(
                channel=channel_with_code(self.channel)
            ),
            QCoreApplication.translate("ConfirmRefund", "Refund number: {refund_no}").format(
                refund_no=self.refund_no
            ),
        ]
        if self.note:
            lines.append(
                QCoreApplication.translate("ConfirmRefund", "Note: {note}").format(note=self.note)
            )
        lines.append(profile_stakes(self.profile_name, self.is_live))
        if self.is_partial:
            rest = Money(self.bill_total.hundredths - self.amount.hundredths, self.amount.currency)
            lines.append(
                QCoreApplication.translate(
                    "ConfirmRefund",
                    "The rest, {rest}, can never be refunded later: BeeCloud allows one refund "
                    "per bill.",
                ).format(rest=format_money(rest))
            )
        if self.currency_guessed:
            lines.append(
                QCoreApplication.translate(
                    "ConfirmRefund",
                    "The bill does not say its currency; you chose {currency} for display. "
                    "BeeCloud refunds {hundredths} hundredths of the bill's own currency.",
                ).format(currency=self.amount.currency, hundredths=self.amount.hundredths)
            )
        lines += self.warnings
        lines += ["", QCoreApplication.translate("ConfirmRefund", "A refund cannot be undone.")]
        return "\n".join(lines)


class ConfirmRefundDialog(QDialog):
    def __init__(self, confirmation: RefundConfirmation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirm refund"))
        self.message = PlainLabel(wrappable(confirmation.text()))  # a long note whole
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(460)
        buttons = QDialogButtonBox()
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.refund_button = QPushButton(
            self.tr("Refund {amount}").format(amount=format_money(confirmation.amount))
        )
        buttons.addButton(self.refund_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.refund_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Said when Enter is pressed on Refund (see keyPressEvent)
        self.enter_hint = PlainLabel(
            self.tr(
                "Enter does not refund: press Space or click “{button}” to refund, or Cancel."
            ).format(button=self.refund_button.text())
        )
        self.enter_hint.setWordWrap(True)
        self.enter_hint.hide()
        content = QWidget()
        text = QVBoxLayout(content)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.message)
        self.body = DialogBody(content, self.windowTitle())  # scrolls on a short screen
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(self.enter_hint)
        layout.addWidget(buttons)
        self.cancel_button.setFocus()
        open_within_screen(self, self.body)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on Refund, the focus framed on it, pressed Cancel (the default) without a
        word: the clerk believed the bill refunded. Enter never moves money, so it does
        nothing there, and the dialog says how a refund is confirmed."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.focusWidget() is self.refund_button:
            if self.enter_hint.isHidden():
                self.enter_hint.show()
                # grown by the hint's room (within the screen's): it was taken from the
                # question, cut to a scroll
                room = first_size(self, self.body, screen_room(self))
                self.resize(room.expandedTo(self.size()).boundedTo(screen_room(self)))
            announce(self.enter_hint, self.enter_hint.text())
            event.accept()
            return
        super().keyPressEvent(event)


def ask_to_confirm(confirmation: RefundConfirmation, parent: QWidget | None = None) -> bool:
    """Show the dialog modally over the console's window; True only when the user chose to
    refund."""
    dialog = ConfirmRefundDialog(confirmation, parent or console_window())
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
