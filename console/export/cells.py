"""What goes into a cell of an exported table, and how text is made safe.

A cell is text, an Amount, a Moment or None (empty). Amounts are major units
with the currency's own decimals, made from the integer of hundredths by
money.format_amount (never through a float); moments are the local time in ISO
8601 form with its offset. Text a spreadsheet would read as a formula gets an
apostrophe in front (the OWASP advice against CSV injection), in both formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from console.api.money import format_amount

if TYPE_CHECKING:
    from decimal import Decimal

# A text cell starting with one of these is read as a formula (or the start of one) by
# Excel, LibreOffice or Google Sheets; the full-width forms are turned into the ASCII ones
# by some of them (and by Excel's IME), so they are treated the same.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
NEUTRALISER = "'"


def neutralised(text: str) -> str:
    """The text, with an apostrophe in front when a spreadsheet would read it as a formula."""
    return NEUTRALISER + text if text.startswith(FORMULA_TRIGGERS) else text


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount of money: integer hundredths and, when known, the currency."""

    hundredths: int
    currency: str | None

    def text(self) -> str:
        """Major units, no grouping: "12.34", "-0.05", "1200" for JPY 1,200."""
        return format_amount(self.hundredths, self.currency or "", grouping=False)

    def number(self) -> Decimal:
        """The same, as an exact decimal number (what a workbook stores)."""
        from decimal import Decimal  # for a workbook only: a start needs none

        return Decimal(self.text())

    def decimals(self) -> int:
        """How many decimals the amount is written with (0 for a whole JPY amount)."""
        text = self.text()
        return len(text) - text.index(".") - 1 if "." in text else 0


@dataclass(frozen=True, slots=True)
class Moment:
    """A point in time: a 13-digit millisecond time, written in the local time zone."""

    ms: int

    def text(self) -> str:
        """ISO 8601 with the offset, to the second: 2026-11-30T14:05:09+08:00."""
        try:
            local = datetime.fromtimestamp(self.ms // 1000, tz=UTC).astimezone()
        except (OverflowError, OSError, ValueError):  # no such date: never hide the value
            return str(self.ms)
        return local.isoformat(timespec="seconds")


Cell = str | Amount | Moment | None
