"""How the tables write amounts, times and counts.

Times and counts follow the UI locale (console.gui.i18n); amounts keep the money
module's exact formatting of integer hundredths (never a float).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QTime

from console.api.money import CURRENCIES, format_amount, largest
from console.gui.i18n import date_text, datetime_text, minute_text, number_text
from console.store.stamps import now_ms, steady_now_ms


def local_time_text(ms: int) -> str:
    """A 13-digit millisecond time in the user's local time zone, as the locale writes it."""
    return datetime_text(ms)


def about_time_text(ms: int) -> str:
    """A time said to be "about" then, to the minute: seconds would be false precision."""
    return minute_text(ms)


def steady_about_time_text(steady_ms: int) -> str:
    """A moment on the console's steady clock (stamps.steady_now_ms: a PayPal page's
    expiry), to the minute, on the system clock as it reads now: a clock put right since
    the console started moves it as it moves the taskbar's."""
    return about_time_text(now_ms() + steady_ms - steady_now_ms())


def local_day_text(ms: int) -> str:
    """The local day of a 13-digit millisecond time, as the locale writes a date."""
    return date_text(ms)


def amount_text(hundredths: int, currency: str | None) -> str:
    """Major units with the currency's decimals; 2 decimals when the currency is unknown."""
    return format_amount(hundredths, currency or "")


def amount_with_currency(hundredths: int, currency: str | None) -> str:
    """'USD 12.34', as every panel writes an amount (money.format_money), or just
    '12.34' when the currency is unknown."""
    text = amount_text(hundredths, currency)
    return f"{currency} {text}" if currency else text


def count_number(count: int) -> str:
    """A count grouped as amounts are (12,345), for a translated text's {count}."""
    return number_text(count)


# The widest texts of typical data a column is sized for (Column.sample), as the
# language and locale in use write them; an amount's the largest there can be, never cut.
_SAMPLE_TIME = QDateTime(QDate(2025, 12, 31), QTime(23, 59, 59))


def sample_ms() -> int:
    """A time of the local day, its date and time written with two-digit parts."""
    return _SAMPLE_TIME.toMSecsSinceEpoch()


def time_samples() -> tuple[str, ...]:
    return (local_time_text(sample_ms()),)


def large_money_samples() -> tuple[str, ...]:
    """The largest amount the wire takes in each currency: an amount column fits them
    whole (one of 21,474,836.47 was cut, as was a smaller one of a wide currency code)."""
    return tuple(
        amount_with_currency(largest(currency).hundredths, currency) for currency in CURRENCIES
    )
