"""An amount typed in major units with its currency picked beside it.

The widget only parses (console.api.money.parse_amount); it shows no message
itself: the form that holds it puts `error()` in a FieldError under it, so a
form can decide when a message is worth showing (e.g. once the user typed).

The payment form and the refund form use it alike. A refund's may also say that
the currency is unknown (a bill that does not say its own): then the user picks
one, for display and for the whole-units rule, and there is no amount until then.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from console.api.money import (
    CURRENCIES,
    Money,
    MoneyError,
    decimals,
    format_amount,
    parse_amount,
)
from console.gui.api_texts import currency_name, money_error_text
from console.gui.i18n import ui_locale
from console.translatable import QT_TRANSLATE_NOOP

DEFAULT_CURRENCY = "USD"
_EXAMPLE_HUNDREDTHS = 120_050  # shown as "e.g. 1,200.50" (or "e.g. 1,200" for JPY)


def currency_label(code: str) -> str:
    """'USD — United States dollar'."""
    return f"{code} — {currency_name(code)}"


class AmountField(QWidget):
    """A QLineEdit for the amount and a QComboBox of the 24 currencies (and, when the
    currency may be unknown, a first choice that says so).

    `changed` is emitted when either the text or the currency changes.
    """

    changed = Signal()
    UNKNOWN = QT_TRANSLATE_NOOP("AmountField", "Currency unknown — pick")

    def __init__(
        self,
        currency: str = DEFAULT_CURRENCY,
        parent: QWidget | None = None,
        *,
        may_be_unknown: bool = False,
    ) -> None:
        super().__init__(parent)
        self.amount_edit = QLineEdit()
        self.amount_edit.setMinimumWidth(180)
        self.amount_edit.setAccessibleName(self.tr("Amount"))
        self.currency_picker = QComboBox()
        self.currency_picker.setAccessibleName(self.tr("Currency"))
        if may_be_unknown:
            self.currency_picker.addItem(QCoreApplication.translate("AmountField", self.UNKNOWN))
        for code in sorted(CURRENCIES):
            self.currency_picker.addItem(currency_label(code), code)
        self.currency_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount_edit, 1)
        layout.addWidget(self.currency_picker)
        self.set_currency(currency if currency in CURRENCIES else DEFAULT_CURRENCY)
        self._show_example()
        self.amount_edit.textChanged.connect(self.changed)
        self.currency_picker.currentIndexChanged.connect(self._on_currency_changed)

    # -- reading ----------------------------------------------------------------

    def currency_code(self) -> str | None:
        """The currency picked; None while it is unknown."""
        code = self.currency_picker.currentData()
        return str(code) if code else None

    def currency(self) -> str:
        """The currency picked; while it is unknown, the default (only ever used to
        show an amount with two decimals)."""
        return self.currency_code() or DEFAULT_CURRENCY

    def _parsed(self) -> Money | MoneyError | None:
        if self.currency_code() is None:
            return None
        try:
            return parse_amount(
                self.amount_edit.text(),
                self.currency(),
                comma_marks_decimals=ui_locale().comma_marks_decimals,
            )
        except MoneyError as error:
            return error

    def money(self) -> Money | None:
        """The amount, or None while what is typed is not an amount."""
        parsed = self._parsed()
        return parsed if isinstance(parsed, Money) else None

    def error(self) -> str | None:
        """Why the typed text is not an amount (a message for the user), or None."""
        parsed = self._parsed()
        if parsed is None:
            return self.tr("The bill does not say its currency: pick it beside the amount.")
        return money_error_text(parsed) if isinstance(parsed, MoneyError) else None

    # -- writing ----------------------------------------------------------------

    def set_money(self, money: Money) -> None:
        self.set_currency(money.currency)
        self.amount_edit.setText(format_amount(money.hundredths, money.currency))

    def set_hundredths(self, hundredths: int) -> None:
        """Show an amount in the picked currency (two decimals while it is unknown)."""
        self.amount_edit.setText(format_amount(hundredths, self.currency()))

    def set_currency(self, currency: str | None) -> None:
        """Pick a currency; None: the unknown one (a field that may have it)."""
        index = self.currency_picker.findData(currency) if currency else 0
        if index < 0 or self.currency_picker.itemData(index) != currency:
            raise ValueError(f"not a currency of this field: {currency!r}")
        self.currency_picker.setCurrentIndex(index)

    def set_currency_locked(self, locked: bool) -> None:
        """Locked: the currency is given (e.g. a refund is in its bill's currency)."""
        self.currency_picker.setEnabled(not locked)

    def is_currency_locked(self) -> bool:
        return not self.currency_picker.isEnabled()

    def clear(self) -> None:
        self.amount_edit.clear()

    # -- internals --------------------------------------------------------------

    @Slot(int)
    def _on_currency_changed(self, _index: int) -> None:
        self._show_example()
        self.changed.emit()

    def _show_example(self) -> None:
        currency = self.currency()
        hundredths = _EXAMPLE_HUNDREDTHS if decimals(currency) else _EXAMPLE_HUNDREDTHS // 100 * 100
        self.amount_edit.setPlaceholderText(
            self.tr("e.g. {amount}").format(amount=format_amount(hundredths, currency))
        )
