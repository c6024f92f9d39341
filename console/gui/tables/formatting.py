"""How the tables write amounts and times; no Qt here."""

from __future__ import annotations

import time

from console.api.money import format_amount

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # Qt's "yyyy-MM-dd HH:mm:ss"


def local_time_text(ms: int) -> str:
    """A 13-digit millisecond time in the user's local time zone."""
    return time.strftime(TIME_FORMAT, time.localtime(ms // 1000))


def amount_text(hundredths: int, currency: str | None) -> str:
    """Major units with the currency's decimals; 2 decimals when the currency is unknown."""
    return format_amount(hundredths, currency or "")


def amount_with_currency(hundredths: int, currency: str | None) -> str:
    """'12.34 USD', or just '12.34' when the currency is unknown."""
    text = amount_text(hundredths, currency)
    return f"{text} {currency}" if currency else text


def count_text(count: int, singular: str, plural: str) -> str:
    return f"{count:,} {singular if count == 1 else plural}"
