"""The filters above a record table.

QueryFilters are sent to the server in the BillQuery / RefundQuery (channel,
bill_no, refund_no, creation dates). They apply as soon as they change: a
picker at once, a number on Enter or after a pause in the typing, so the table
never shows rows of filters no longer on screen. A bill or refund number names
one record, whatever its date or channel: while one is given, the channel and
the dates are not used (and are shown so). RowFilters narrow the rows already
loaded (a status such as paid/unpaid, and free text: part of a number, a
title), instantly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.channels import SUB_CHANNELS, family_of
from console.api.models import BillQuery, RefundQuery
from console.api.validate import (
    Problem,
    typed_number,
    typed_words,
    validate_bill_query,
    validate_refund_query,
)
from console.gui.api_texts import channel_name, family_name, problem_text
from console.gui.feedback import FieldError
from console.gui.i18n import ui_locale
from console.gui.plain_text import PlainLabel, field_label
from console.gui.settings import DATES_PRESET, FIRST_DAY, LAST_DAY, Settings
from console.gui.tables.date_presets import (
    ANY_DATE,
    CUSTOM,
    EARLIEST_DAY,
    LATEST_DAY,
    PRESETS,
    day_bounds_ms,
    preset_days,
    read_the_time_zone_again,
    zone_look,
)
from console.gui.tables.day_edit import DayEdit
from console.gui.tables.formatting import count_number
from console.store.mirror_query import SEARCH_LINE_MAX_CHARS, SEARCH_MAX_LINES
from console.store.stamps import LOOK_AGAIN_MS

# The families in the order finance staff meet them: PayPal first.
FAMILY_ORDER: tuple[str, ...] = ("PAYPAL", "WX", "ALI", "UN", "JD", "YEE", "KUAIQIAN")
DEBOUNCE_MS = 200
NUMBER_PAUSE_MS = 700  # a number typed is applied after this pause (or on Enter)
ALL = ""  # the data of "All channels" / "All" statuses in the pickers


def channel_choices() -> list[tuple[str, str]]:
    """(label, channel filter) for the picker: All, then each family followed by its channels."""
    choices = [(QCoreApplication.translate("QueryFilters", "All channels"), ALL)]
    every = QCoreApplication.translate("QueryFilters", "{family} — every {name} channel")
    for family in FAMILY_ORDER:
        choices.append((every.format(family=family, name=family_name(family)), family))
        for channel in SUB_CHANNELS:
            if family_of(channel) == family:
                name = channel_name(channel)
                choices.append((f"    {channel}" + (f" — {name}" if name else ""), channel))
    return choices


def _select_data(combo: QComboBox, data: str) -> bool:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0


def day_of(qdate: QDate) -> date:
    """A QDate as a date (QDate.toPython() is declared to return any object)."""
    return date(qdate.year(), qdate.month(), qdate.day())


def qdate_of(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateRangePicker(QWidget):
    """A preset (Any date, Today, Last 7 days, ...) or two days picked by hand."""

    changed = Signal()  # the range chosen changed (days typed: once the typing pauses)
    # the range's milliseconds are others now: a preset's day changed (midnight), or any
    # range's days begin at other times (the computer's time zone changed)
    day_moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = QComboBox()
        for key, label in PRESETS:
            self.preset.addItem(QCoreApplication.translate("DatePresets", label), key)
        today = QDate.currentDate()
        self.first_day = DayEdit(today)
        self.last_day = DayEdit(today)
        # what a day field did not take ("05/01/2026": 5 January or 1 May?), said until
        # a day is taken
        self.typed_problem = FieldError()
        for edit in (self.first_day, self.last_day):
            # no day past them has a time the API takes (the day after 9999-12-31, none)
            edit.setDateRange(qdate_of(EARLIEST_DAY), qdate_of(LATEST_DAY))
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(ui_locale().date_format)
        self.first_label = field_label(self.tr("from"), self.first_day)
        self.last_label = field_label(self.tr("to"), self.last_day)
        row = QHBoxLayout()
        for widget in (self.preset, self.first_label, self.first_day):
            row.addWidget(widget)
        for widget in (self.last_label, self.last_day):
            row.addWidget(widget)
        row.addStretch(1)
        # under the fields, the width of the bar: beside them it wrapped into a column
        # five lines high, pushing the filters above and below apart
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.typed_problem)
        self._days_pause = QTimer(self)
        self._days_pause.setSingleShot(True)
        self._days_pause.setInterval(NUMBER_PAUSE_MS)
        self._days_pause.timeout.connect(self.changed)
        self.preset.currentIndexChanged.connect(self._show_custom)
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        for edit in (self.first_day, self.last_day):
            edit.dateChanged.connect(self._on_day_changed)
            edit.refused.connect(self.typed_problem.set_message)
            edit.dateChanged.connect(lambda _: self.typed_problem.set_message(None))
        self._show_custom()
        self._today = date.today()  # the day the watch last saw
        self._zone_seen = zone_look(self._today)  # and when it began, in which time zone
        self.day_watch = QTimer(self)
        self.day_watch.setInterval(LOOK_AGAIN_MS)
        self.day_watch.timeout.connect(self._look_at_the_day)
        self.day_watch.start()

    def _look_at_the_day(self) -> None:
        """A new day moves a preset's days; a new time zone moves the times any range's
        days begin and end at: a laptop carried from Shanghai to London kept showing
        Shanghai's day under "Today" (the evening before in London among today's bills)
        for as long as the date was the same."""
        read_the_time_zone_again()
        today = date.today()
        zone_moved = zone_look(self._today) != self._zone_seen
        if today == self._today and not zone_moved:
            return
        day_moved = today != self._today
        self._today, self._zone_seen = today, zone_look(today)
        key = self.preset_key()
        if key != ANY_DATE and (zone_moved or (day_moved and key != CUSTOM)):
            self.day_moved.emit()

    def _on_preset_changed(self) -> None:
        self._days_pause.stop()
        self.changed.emit()

    def _on_day_changed(self) -> None:
        if self.preset_key() == CUSTOM:
            self._days_pause.start()

    def apply_pending(self) -> None:
        """Days typed whose pause has not ended yet: said changed now; and a preset's
        days moved on since the watch last looked (midnight passed this minute)."""
        self._look_at_the_day()
        if self._days_pause.isActive():
            self._days_pause.stop()
            self.changed.emit()

    def _show_custom(self) -> None:
        custom = self.preset_key() == CUSTOM
        for widget in (self.first_label, self.first_day, self.last_label, self.last_day):
            widget.setVisible(custom)
        # what a day field did not take is moot once another preset is chosen: it stood
        # beside "Last 7 days", of fields hidden, and came back with them
        self.typed_problem.set_message(None)

    def preset_key(self) -> str:
        return str(self.preset.currentData())

    def set_preset(self, key: str) -> bool:
        """Pick the preset of this key; False (and nothing changed) when none has it."""
        return _select_data(self.preset, key)

    def days(self, today: date | None = None) -> tuple[date, date] | None:
        """The first and last day wanted (both included), or None for any date."""
        key = self.preset_key()
        if key == CUSTOM:
            return day_of(self.first_day.date()), day_of(self.last_day.date())
        return preset_days(key, today or date.today())

    def set_days(self, first: date, last: date) -> None:
        self.first_day.setDate(qdate_of(first))
        self.last_day.setDate(qdate_of(last))

    def save(self, settings: Settings) -> None:
        """Keep the preset and the days in a tab's group of the settings."""
        settings.put(DATES_PRESET, self.preset_key())
        settings.put(FIRST_DAY, day_of(self.first_day.date()).isoformat())
        settings.put(LAST_DAY, day_of(self.last_day.date()).isoformat())

    def restore(self, settings: Settings, default_preset: str = ANY_DATE) -> None:
        """What save() kept; the default preset (and today) for what is missing or unknown."""
        if not self.set_preset(settings.get(DATES_PRESET) or default_preset):
            self.set_preset(default_preset)  # one this picker does not offer
        try:
            first = date.fromisoformat(settings.get(FIRST_DAY))
            last = date.fromisoformat(settings.get(LAST_DAY))
        except ValueError:
            first = last = date.today()
        self.set_days(first, last)


class QueryFilters(QWidget):
    """The filters the server applies; `query()` builds the query or shows what is wrong.
    `search_requested` says that they changed (or Reload was pressed): load again."""

    search_requested = Signal()  # the filters changed: show what they select
    reload_requested = Signal()  # Reload: fetch what is new from the server, then show

    def __init__(self, with_refund_no: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_refund_no = with_refund_no
        self.channel = QComboBox()
        for label, data in channel_choices():
            self.channel.addItem(label, data)
        self.channel.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.channel.setMinimumContentsLength(30)
        self._number_pause = QTimer(self)
        self._number_pause.setSingleShot(True)
        self._number_pause.setInterval(NUMBER_PAUSE_MS)
        self._number_pause.timeout.connect(self.search_requested)
        self.bill_no = self._number_edit(
            self.tr("Whole bill number"),
            self.tr(
                "The whole bill number (8 to 32 letters or digits) finds that bill, whatever "
                "its date or channel. For part of a number or a title, use “Find in the "
                "history” below."
            ),
        )
        self.refund_no = self._number_edit(
            self.tr("Whole refund number"),
            self.tr(
                "The whole refund number (YYYYMMDD…) finds that refund, whatever its date or "
                "channel. For part of a number or a title, use “Find in the history” below."
            ),
        )
        self.refund_no.setVisible(with_refund_no)
        self.dates = DateRangePicker()
        self.search = QPushButton(self.tr("Reload"))
        self.search.clicked.connect(self.reload_requested)
        self.number_note = PlainLabel(
            self.tr("A number names one record: the channel and dates are not used.")
        )
        self.number_note.setWordWrap(True)
        self.number_note.hide()
        self.channel.currentIndexChanged.connect(self._apply_now)
        self.dates.changed.connect(self._apply_now)
        self.dates.day_moved.connect(self._apply_now)
        self.errors = {
            "channel": FieldError(self),
            "bill_no": FieldError(self),
            "refund_no": FieldError(self),
            "dates": FieldError(self),
        }

        # Two rows, so that the Refunds tab's filters fit a window 1,024 px wide:
        # channel, bill number, Reload; then the dates and (Refunds) the refund number.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(field_label(self.tr("Channel:"), self.channel), 0, 0)
        grid.addWidget(self.channel, 0, 1)
        grid.addWidget(self.errors["channel"], 1, 1)
        grid.addWidget(field_label(self.tr("Bill number:"), self.bill_no), 0, 2)
        grid.addWidget(self.bill_no, 0, 3)
        grid.addWidget(self.errors["bill_no"], 1, 3)
        grid.addWidget(self.search, 0, 4)
        grid.addWidget(field_label(self.tr("Created:"), self.dates.preset), 2, 0)
        grid.addWidget(self.dates, 2, 1)
        grid.addWidget(self.errors["dates"], 3, 1)
        if with_refund_no:
            grid.addWidget(field_label(self.tr("Refund number:"), self.refund_no), 2, 2)
            grid.addWidget(self.refund_no, 2, 3)
            grid.addWidget(self.errors["refund_no"], 3, 3)
        grid.addWidget(self.number_note, 4, 1, 1, 4)
        grid.setColumnStretch(5, 1)
        # Tab goes as the filters are shown, row by row (the number fields were made first).
        # The days are named by their fields: Qt ignores a pair with the picker itself, a
        # widget that takes no focus, and the refund number stayed first, before the channel.
        order = (
            self.channel,
            self.bill_no,
            self.search,
            self.dates.preset,
            self.dates.first_day,
            self.dates.last_day,
            self.refund_no,
        )
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        for key, field in (
            ("channel", self.channel),
            ("bill_no", self.bill_no),
            ("refund_no", self.refund_no),
            ("dates", self.dates.first_day),
        ):
            self.errors[key].describe(field)

    def _number_edit(self, placeholder: str, tooltip: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setToolTip(tooltip)
        # No maxLength: Qt cuts a paste to it before its blanks are left out (a number of 32
        # with a space or a zero-width space before it was looked for without its end);
        # the query's check says a number too long.
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("W" * 8 + "0" * 16) + 16)
        edit.setClearButtonEnabled(True)
        edit.returnPressed.connect(self._apply_now)
        edit.textEdited.connect(self._number_typed)
        edit.textChanged.connect(self._show_number_rule)
        return edit

    def _apply_now(self) -> None:
        self._number_pause.stop()
        self.search_requested.emit()

    def _number_typed(self, _text: str) -> None:
        self._number_pause.start()  # applied once the typing pauses (or on Enter)

    def apply_pending(self) -> None:
        """A number or days typed whose pause has not ended yet: applied now."""
        self.dates.apply_pending()  # its search_requested stops the number's pause too
        if self._number_pause.isActive():
            self._apply_now()

    def _show_number_rule(self, _text: str = "") -> None:
        """While a number is given, the channel and the dates are shown not to apply."""
        numbered = self._number() is not None
        self.channel.setEnabled(not numbered)
        self.dates.setEnabled(not numbered)
        self.number_note.setVisible(numbered)

    def _number(self) -> str | None:
        """The bill or refund number given, if any."""
        return (
            typed_number(self.bill_no.text())
            or (typed_number(self.refund_no.text()) if self.with_refund_no else "")
            or None
        )

    # -- the query --------------------------------------------------------------

    def channel_filter(self) -> str | None:
        return str(self.channel.currentData()) or None

    def query(self) -> BillQuery | RefundQuery | None:
        """The query of these filters; None, with each problem shown beside its field."""
        for error in self.errors.values():
            error.set_message(None)
        start_time = end_time = None
        numbered = self._number() is not None  # one record: whatever its date or channel
        days = None if numbered else self.dates.days()
        if days is not None:
            if days[1] < days[0]:
                self.errors["dates"].set_message(self.tr("The last day is before the first day."))
                return None
            start_time, end_time = day_bounds_ms(*days)
            if end_time < start_time:  # days the clocks skipped: Samoa's 30 December 2011
                self.errors["dates"].set_message(
                    self.tr(
                        "No day of this range came in this computer's time zone "
                        "(its clocks skipped it)."
                    )
                )
                return None
        channel = None if numbered else self.channel_filter()
        bill_no = typed_number(self.bill_no.text()) or None
        if self.with_refund_no:
            refund_no = typed_number(self.refund_no.text()) or None
            query: BillQuery | RefundQuery = RefundQuery(
                channel=channel,
                bill_no=bill_no,
                refund_no=refund_no,
                start_time=start_time,
                end_time=end_time,
            )
            problems = validate_refund_query(query.to_wire())
        else:
            query = BillQuery(
                channel=channel, bill_no=bill_no, start_time=start_time, end_time=end_time
            )
            problems = validate_bill_query(query.to_wire())
        if problems:
            self._show_problems(problems)
            return None
        return query

    def _show_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            where = "dates" if problem.field in ("start_time", "end_time") else problem.field
            self.errors.get(where, self.errors["dates"]).set_message(problem_text(problem))

    # -- state ---------------------------------------------------------------------

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Set filters without asking for a load per change (the caller loads once)."""
        blocked = self.signalsBlocked()
        self.blockSignals(True)
        try:
            yield
        finally:
            self._number_pause.stop()
            self.blockSignals(blocked)
            self._show_number_rule()

    def reset(self) -> None:
        """Every filter back to "all" (no load is asked for: the caller loads)."""
        with self.quiet():
            self.channel.setCurrentIndex(0)
            self.bill_no.clear()
            self.refund_no.clear()
            self.dates.set_preset(ANY_DATE)
            for error in self.errors.values():
                error.set_message(None)

    def set_channel(self, channel: str) -> bool:
        return _select_data(self.channel, channel)


def _too_long(lines: list[str]) -> str | None:
    """Why a search of these lines is more than a search takes, or None."""
    searched = [typed_words(line) for line in lines]
    count = sum(1 for line in searched if line)
    if count > SEARCH_MAX_LINES:
        return QCoreApplication.translate(
            "RowFilters",
            "A search takes at most {limit} lines; this one has {count}. Shorten it to see "
            "the list.",
        ).format(limit=SEARCH_MAX_LINES, count=count_number(count))
    for number, line in enumerate(searched, 1):
        if len(line) <= SEARCH_LINE_MAX_CHARS:
            continue
        if count == 1:
            return QCoreApplication.translate(
                "RowFilters",
                "A search takes at most {limit} characters; this one has {count}. Shorten "
                "it to see the list.",
            ).format(limit=SEARCH_LINE_MAX_CHARS, count=count_number(len(line)))
        return QCoreApplication.translate(
            "RowFilters",
            "A search takes at most {limit} characters a line; line {number} has {count}. "
            "Shorten it to see the list.",
        ).format(
            limit=SEARCH_LINE_MAX_CHARS, number=count_number(number), count=count_number(len(line))
        )
    return None


class RowFilters(QWidget):
    """Status and free text over the history; the text is applied 200 ms after typing.
    `words()` is the text to search for, or None (said beside the field) when it is
    longer than a search takes."""

    status_changed = Signal(object)  # status key or None
    text_changed = Signal(str)  # debounced

    def __init__(
        self,
        statuses: list[tuple[str, str]],
        all_label: str,
        searched: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.status = QComboBox()
        self.status.addItem(all_label, ALL)
        for key, label in statuses:
            self.status.addItem(label, key)
        self.text = QLineEdit()
        self.text.setPlaceholderText(searched)
        self.text.setClearButtonEnabled(True)
        self.error = FieldError(self)
        self.error.describe(self.text)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("W" * 28))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_text)
        self.text.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self._apply_status)

        grid = QGridLayout(self)  # the search's message under it
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.addWidget(field_label(self.tr("Show:"), self.status), 0, 0)
        grid.addWidget(self.status, 0, 1)
        grid.setColumnMinimumWidth(2, 16)
        grid.addWidget(field_label(self.tr("Find in the history:"), self.text), 0, 3)
        grid.addWidget(self.text, 0, 4)
        grid.addWidget(self.error, 1, 4)
        grid.setColumnStretch(4, 1)

    def status_key(self) -> str | None:
        return str(self.status.currentData()) or None

    def words(self) -> str | None:
        """The words to search for, without the blanks around them; None, said beside the
        field, when they are more than a search takes (nothing of them is searched): more
        than SEARCH_MAX_LINES lines with words, or a line of more than
        SEARCH_LINE_MAX_CHARS characters (its blanks around not counted). Said beside the
        field, never a maxLength: that cut a paste without a word, and the table showed
        the rows of the cut text."""
        words = typed_words(self.text.text())
        problem = _too_long(words.splitlines())
        self.error.set_message(problem)
        return None if problem else words

    def set_status(self, key: str | None) -> bool:
        return _select_data(self.status, key or ALL)

    def set_text(self, text: str) -> None:
        """Set the free text and apply it at once, without waiting for a typing pause."""
        self.text.setText(text)
        self._debounce.stop()
        self._apply_text()

    def apply_pending(self) -> None:
        """Text typed whose pause has not ended yet: applied now."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._apply_text()

    def _apply_status(self) -> None:
        self.status_changed.emit(self.status_key())

    def _apply_text(self) -> None:
        self.text_changed.emit(self.text.text())

    def clear(self) -> None:
        """Show every row of the other filters again, at once."""
        self.set_status(None)
        self.text.clear()
        self._debounce.stop()
        self._apply_text()
