"""Date-range presets of the record filters, in the user's local time.

A range is a pair of days, both included; the query takes it as 13-digit
millisecond bounds from the first day's local midnight to the last
millisecond of the last day.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

from console.store.mirror_schema import zone_mark
from console.translatable import QT_TRANSLATE_NOOP

ANY_DATE, TODAY, LAST_7_DAYS, LAST_30_DAYS, THIS_MONTH, CUSTOM = (
    "any",
    "today",
    "last7",
    "last30",
    "month",
    "custom",
)

# (key, what the user reads, translated in the context "DatePresets" when shown),
# in the order of the picker.
PRESETS: tuple[tuple[str, str], ...] = (
    (ANY_DATE, QT_TRANSLATE_NOOP("DatePresets", "Any date")),
    (TODAY, QT_TRANSLATE_NOOP("DatePresets", "Today")),
    (LAST_7_DAYS, QT_TRANSLATE_NOOP("DatePresets", "Last 7 days")),
    (LAST_30_DAYS, QT_TRANSLATE_NOOP("DatePresets", "Last 30 days")),
    (THIS_MONTH, QT_TRANSLATE_NOOP("DatePresets", "This month")),
    (CUSTOM, QT_TRANSLATE_NOOP("DatePresets", "Custom")),
)


# The days whose every millisecond is a 13-digit millisecond time (what the API takes,
# 2001-09-09 01:46:40 to 2286-11-20 17:46:39 UTC) in every time zone, UTC-12 to UTC+14:
# the days a range can be picked from.
EARLIEST_DAY = date(2001, 9, 10)
LATEST_DAY = date(2286, 11, 19)


def preset_days(preset: str, today: date) -> tuple[date, date] | None:
    """The first and last day of a preset (both included); None for any date or custom."""
    if preset == TODAY:
        return today, today
    if preset == LAST_7_DAYS:
        return today - timedelta(days=6), today
    if preset == LAST_30_DAYS:
        return today - timedelta(days=29), today
    if preset == THIS_MONTH:
        return today.replace(day=1), today
    return None


def read_the_time_zone_again() -> None:
    """The computer's time zone read again (TZ, or /etc/localtime). A process reads it
    once, and Python's clock and SQLite's `localtime` kept the zone the console started
    in after the computer was set to another (a laptop carried from Shanghai to London),
    until something of Qt's happened to read it again. Asked by the minute's looks at
    the clock (the range picker's, the history's), before they compare days. Windows
    has no `time.tzset`."""
    tzset = getattr(time, "tzset", None)
    if tzset is not None:
        tzset()


def local_midnight_ms(day: date) -> int:
    """The first millisecond of a day in local time."""
    return int(datetime(day.year, day.month, day.day).timestamp()) * 1000


def day_bounds_ms(first: date, last: date) -> tuple[int, int]:
    """start_time and end_time covering both days whole (inclusive bounds)."""
    return local_midnight_ms(first), local_midnight_ms(last + timedelta(days=1)) - 1


def zone_look(day: date) -> tuple[int, str]:
    """The computer's time zone as the minute's looks at the clock tell one from another:
    when `day` began in it, and its offsets over the years (zone_mark, which the
    history's per-day sums are kept by). When today began alone took Moscow for
    Istanbul (both UTC+3 now, Moscow UTC+4 until 2014) or London in winter for
    Reykjavik: carried from one to the other, the days picked and the days summed
    stayed of the zone left."""
    return local_midnight_ms(day), zone_mark()
