"""A day typed or pasted in another form than its field writes days: read when it can be
one day only, both readings given back when it may be either."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from console.gui.tables.typed_days import read_day

days = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


@given(days, st.sampled_from(["-", "/", ".", " / "]), st.booleans())
def test_a_day_year_first_is_that_day_in_any_form(day: date, mark: str, padded: bool) -> None:
    month, of_month = (f"{day.month:02}", f"{day.day:02}") if padded else (day.month, day.day)
    assert read_day(f"{day.year}{mark}{month}{mark}{of_month}", None) == day
    assert read_day(f"{day.year}年{day.month}月{day.day}日", None) == day


@given(days, st.sampled_from([None, True, False]))
def test_a_day_year_last_is_never_read_as_another_day(day: date, day_first: bool | None) -> None:
    """Year last, a text that may be two days gives both back, unless the field's order
    says which; one that may be one day only is that day."""
    for text, written_day_first in (
        (f"{day.day:02}/{day.month:02}/{day.year}", True),
        (f"{day.month:02}/{day.day:02}/{day.year}", False),
    ):
        read = read_day(text, day_first)
        if isinstance(read, tuple):
            assert day in read and day_first is None and day.day != day.month
        elif day.day > 12 or day.day == day.month or day_first == written_day_first:
            assert read == day
        else:
            assert read != day  # the field's own order read it otherwise: as it writes days
