"""A day typed or pasted in another form than its field writes days, read when it can be
one day only ("2026/01/05", "2026-1-5", "2026年1月5日", "20260105", "13/01/2026"); no Qt.

Year first, a day is one day in every form in use. Year last, "05/01/2026" is 5 January
to some and 1 May to others: it is read only where one reading is a day ("13/01/2026"),
or where the field writes days in that order itself (day first, or month first);
otherwise both readings are given back, for the clerk to be asked, never guessed."""

from __future__ import annotations

import re
from datetime import date

from console.api.validate import ascii_alnum, typed_words

# An input method's full-width separators, as the ASCII ones
_FULL_WIDTH_MARKS = str.maketrans("／－．", "/-.")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YEAR_LAST = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 30 February, month 13
        return None


def read_day(text: str, day_first: bool | None) -> date | tuple[date, date] | None:
    """The day `text` names; both days, earlier first, when it may be either; None when
    it is no day. `day_first`: the order of the field's own days, year last (True: day
    before month; False: month before day; None: the year comes first there)."""
    typed = ascii_alnum(typed_words(text)).translate(_FULL_WIDTH_MARKS)
    if match := _YEAR_FIRST.fullmatch(typed) or _COMPACT.fullmatch(typed):
        year, month, day = map(int, match.groups())
        return _day(year, month, day)
    match = _YEAR_LAST.fullmatch(typed)
    if match is None:
        return None
    first, second, year = map(int, match.groups())
    day_month, month_day = _day(year, second, first), _day(year, first, second)
    own = {True: day_month, False: month_day, None: None}[day_first]  # the field's order
    if own:
        return own
    readings = sorted({reading for reading in (day_month, month_day) if reading})
    if len(readings) == 2:
        return readings[0], readings[1]
    return readings[0] if readings else None


def day_first_of(display_format: str) -> bool | None:
    """The order of a field's days by its format (yyyy-MM-dd: None, dd/MM/yyyy: True)."""
    if display_format.find("y") < min(display_format.find("M"), display_format.find("d")):
        return None
    return display_format.find("d") < display_format.find("M")
