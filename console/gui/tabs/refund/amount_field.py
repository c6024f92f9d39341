"""The Refund tab's amount field: the shared AmountField, plus a bill that does not
say its currency."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from console.api.money import Money, format_amount
from console.gui.amount_field import AmountField


class RefundAmountField(AmountField):
    """The shared AmountField, plus one state: the bill does not say its currency
    (then the user picks one, for display and for the whole-units rule)."""

    UNKNOWN = QT_TRANSLATE_NOOP("RefundAmountField", "Currency unknown — pick")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.currency_picker.insertItem(
            0, QCoreApplication.translate("RefundAmountField", self.UNKNOWN), None
        )

    def currency_code(self) -> str | None:
        return self.currency_picker.currentData()

    def set_currency(self, currency: str | None) -> None:
        if currency is None:
            self.currency_picker.setCurrentIndex(0)
        else:
            super().set_currency(currency)

    def set_hundredths(self, hundredths: int) -> None:
        """Show an amount in the chosen currency (two decimals while it is unknown)."""
        self.amount_edit.setText(format_amount(hundredths, self.currency_code() or "USD"))

    def money(self) -> Money | None:
        return super().money() if self.currency_code() else None

    def error(self) -> str | None:
        if self.currency_code() is None:
            return self.tr("The bill does not say its currency: pick it beside the amount.")
        return super().error()
