"""Counted words said outside a widget, in Qt's plural forms ("%n problem(s)": 1
problem, 2 problems; one form in Chinese).

Qt picks a plural form from the translation of a text marked with its count.
pyside6-lupdate finds such texts only in self.tr(text, "", n) calls, so those said
by plain functions (an error report, the refund notice's line) live here, as
methods of one QObject (context "Counts"); a widget says its own with self.tr.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


class Counts(QObject):
    def bills(self, count: int) -> str:
        return self.tr("%Ln bill(s)", "", count)

    def refunds(self, count: int) -> str:
        return self.tr("%Ln refund(s)", "", count)

    def problems(self, count: int) -> str:
        return self.tr("The request has %n problem(s).", "", count)

    def refunds_to_check(self, count: int) -> str:
        return self.tr("%Ln refund(s) need(s) checking", "", count)

    def of_unknown_outcome(self, count: int) -> str:
        return self.tr("%Ln of unknown outcome", "", count)

    def never_reached_beecloud(self, count: int) -> str:
        return self.tr("%Ln never reached BeeCloud", "", count)

    def more(self, count: int) -> str:
        """After a list cut short: how many it did not name."""
        return self.tr("… and %Ln more", "", count)

    def left_out(self, count: int) -> str:
        return self.tr("%Ln record(s) left out", "", count)

    def seconds(self, count: int) -> str:
        return self.tr("%Ln second(s)", "", count)

    def wait(self, seconds: int) -> str:
        """How long a server asked to wait: in seconds below a minute and a half."""
        return self.seconds(seconds) if seconds < 90 else self.duration(seconds)

    def minutes(self, count: int) -> str:
        return self.tr("%Ln minute(s)", "", count)

    def hours(self, count: int) -> str:
        return self.tr("%Ln hour(s)", "", count)

    def days(self, count: int) -> str:
        return self.tr("%Ln day(s)", "", count)

    def years(self, count: int) -> str:
        return self.tr("%Ln year(s)", "", count)

    def unreadable_profiles(self, count: int) -> str:
        """A sentence with a {path} to fill: the settings file's."""
        return self.tr(
            "%n live profile(s) saved in {path} cannot be read (the file was damaged or "
            "edited by hand) and are not listed. They are kept in the file as they were; "
            "their App Secrets stay in the keyring.",
            "",
            count,
        )

    def duration(self, seconds: int) -> str:
        """A length of time in the largest unit that keeps it a sensible number."""
        if seconds < 90 * 60:
            return self.minutes(round(seconds / 60))
        if seconds < 48 * 3600:
            return self.hours(round(seconds / 3600))
        if seconds < 730 * 86_400:
            return self.days(round(seconds / 86_400))
        return self.years(round(seconds / (365.25 * 86_400)))


_counts: Counts | None = None


def counts() -> Counts:
    """The one Counts, made when first needed."""
    global _counts
    if _counts is None:
        _counts = Counts()
    return _counts
