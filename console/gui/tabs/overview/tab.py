"""Overview tab: for a range of days, paid, refunded and net per currency, with counts,
a chart of paid and refunded amounts per day and bars of each channel's share.

The figures are summed from the history mirror (its sums per local day, console/
store/mirror_query.py; console/overview.py makes the Overview of them, no Qt), at
once for any range, and again whenever a sync has brought something. Refresh asks
for a sync (console/gui/history.py); the summary says how old the history is.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.gui.counts import counts
from console.gui.feedback import OutcomePanel
from console.gui.i18n import day_text
from console.gui.plain_text import PlainLabel, field_label
from console.gui.profiles import Profile
from console.gui.session import ConsoleSession
from console.gui.settings import OVERVIEW
from console.gui.shortcuts import REFRESH, key_text
from console.gui.system_texts import reason_of
from console.gui.tables.date_presets import ANY_DATE, CUSTOM, LAST_30_DAYS
from console.gui.tables.filter_bar import DateRangePicker
from console.gui.tables.formatting import count_number
from console.gui.tabs.overview.charts import ChannelBars, DailyChart, lay_out_before_paint
from console.gui.tabs.overview.totals import TotalsTable
from console.overview import UNKNOWN_CURRENCY, Overview, days_between
from console.store.mirror_query import overview_of

CUSTOM_DEBOUNCE_MS = 600  # a day typed by hand is loaded once the typing pauses
MESSAGE_PAGE, FIGURES_PAGE = 0, 1
IDLE, LOADING, DONE, STOPPED, FAILED = "idle", "loading", "done", "stopped", "failed"


class ChartsArea(QScrollArea):
    """The charts' column, which scrolls up and down in a short window, never sideways:
    as wide as the charts need at least (the splitter keeps it so), as short as a few
    lines."""

    def __init__(self, charts: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # no Tab stop of its own: Tab goes to the charts in it, each scrolled into view
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(charts)

    def minimumSizeHint(self) -> QSize:
        charts = self.widget()
        width = charts.minimumSizeHint().width() if charts is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), 100)


class OverviewTab(QWidget):
    redrawn = Signal()  # the figures (or the message saying there are none) are shown

    def __init__(self, session: ConsoleSession) -> None:
        super().__init__()
        self.session = session
        self.dates = DateRangePicker()
        # An overview is of a period: "any date" is not offered.
        self.dates.preset.removeItem(self.dates.preset.findData(ANY_DATE))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(
            self.tr("Sum the range again and fetch what is new from the server ({key})").format(
                key=key_text(REFRESH)
            )
        )
        self.summary = PlainLabel()
        self.summary.setWordWrap(True)
        self.outcome = OutcomePanel()
        self.message = PlainLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 15px;")

        self.totals_table = TotalsTable()
        self.counting_note = PlainLabel(
            self.tr(
                "Paid: the paid bills created in the range. Refunded: the successful refunds "
                "made in the range, whatever the day of their bill. Net = paid − refunded. "
                "Amounts of different currencies are never added together."
            )
        )
        self.counting_note.setWordWrap(True)
        self.not_counted = PlainLabel()
        self.not_counted.setWordWrap(True)
        self.currency_picker = QComboBox()
        self.currency_picker.setMinimumContentsLength(12)
        self.daily_chart = DailyChart()
        self.channel_chart = ChannelBars()
        self.no_charts = PlainLabel(
            self.tr(
                "No charts: the charts draw amounts, and none of these bills and refunds "
                "gives its currency."
            )
        )
        self.no_charts.setWordWrap(True)
        self.no_charts.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self._build_layout()
        self.overview = Overview()
        self._days: tuple[date, date] | None = None
        self._state = IDLE
        self._stale = True  # show (and sync) when next shown
        self._asked = False  # this tab asked for the sync running
        self.as_of_ms: int | None = None  # the history's age when the figures were summed
        # The currency the user picked for the charts, kept while it has figures; else
        # the charts show the busiest currency.
        self._wanted_currency: str | None = None
        self._custom_timer = QTimer(self)
        self._custom_timer.setSingleShot(True)
        self._custom_timer.setInterval(CUSTOM_DEBOUNCE_MS)
        self._custom_timer.timeout.connect(self.show_figures)
        self._setting_range = False  # show_range() is changing the pickers: no load yet

        self._restore_state()
        self.dates.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.dates.first_day.dateChanged.connect(self._on_day_changed)
        self.dates.last_day.dateChanged.connect(self._on_day_changed)
        self.dates.day_moved.connect(self._on_history_changed)  # the same: summed again
        self.refresh_button.clicked.connect(self.load)
        self.currency_picker.currentIndexChanged.connect(self._on_currency_picked)
        self.totals_table.cellClicked.connect(self._on_row_clicked)
        self.totals_table.currentCellChanged.connect(self._on_current_row_changed)
        session.profile_changed.connect(self._on_profile_changed)
        session.history.changed.connect(self._on_history_changed)
        session.history.sync_ended.connect(self._on_sync_ended)
        session.history.state_changed.connect(self._on_history_state)
        self._show_message(self.tr("Choose a range of days to see its figures."))

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(field_label(self.tr("Days:"), self.dates.preset))
        top.addWidget(self.dates, 1)
        top.addWidget(self.refresh_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(field_label(self.tr("Totals per currency"), self.totals_table))
        left_layout.addWidget(self.totals_table, 1)
        left_layout.addWidget(self.not_counted)
        left_layout.addWidget(self.counting_note)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        picker_line = QHBoxLayout()
        self.picker_label = field_label(self.tr("Charts in:"), self.currency_picker)
        picker_line.addWidget(self.picker_label)
        picker_line.addWidget(self.currency_picker)
        picker_line.addStretch(1)
        right_layout.addLayout(picker_line)
        right_layout.addWidget(self.no_charts)
        right_layout.addWidget(self.daily_chart, 3)
        right_layout.addWidget(self.channel_chart, 2)

        # The charts scroll in their column in a short window (a 1,366 × 768 screen at
        # 150 %: 512 px): their least heights made the window taller than the screen.
        self.charts_area = ChartsArea(right)
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.charts_area)
        # The totals keep the room their figures need (TotalsTable.show_totals); the
        # charts take what a wider window adds: at 1,920 px the totals' pane took two
        # fifths of it and left a blank strip beside its table.
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 700])
        splitter.setChildrenCollapsible(False)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.message)
        self.pages.addWidget(splitter)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.outcome)
        layout.addWidget(self.pages, 1)

    # -- the range -------------------------------------------------------------------

    def days(self) -> tuple[date, date] | None:
        """The first and last day of the range chosen (both included)."""
        return self.dates.days()

    def show_range(self, first: date, last: date) -> None:
        """Show the figures of these days (a custom range), as if picked by hand."""
        self._setting_range = True
        try:
            self.dates.set_preset(CUSTOM)
            self.dates.set_days(first, last)
        finally:
            self._setting_range = False
        self.show_figures()

    @Slot()
    def _on_preset_changed(self) -> None:
        if self._setting_range:
            return
        self._custom_timer.stop()
        if self.dates.preset_key() == CUSTOM:
            first, last = self._days or (date.today(), date.today())
            self.dates.set_days(first, last)  # custom starts from the range shown
        self.show_figures()  # (also stops the timer the days' change has started)

    @Slot()
    def _on_day_changed(self) -> None:
        """A day picked or typed: loaded once the typing pauses."""
        if not self._setting_range and self.dates.preset_key() == CUSTOM:
            self._custom_timer.start()

    # -- the figures -------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        """Refresh: show the figures the history holds now, and fetch what the server has
        now (a sync running is followed by one more: History.reload)."""
        self._show_and_sync(self.session.history.reload)

    def _show_and_sync(self, sync: Callable[[], object]) -> None:
        self.show_figures()
        if self._state == DONE:
            self._asked = True
            sync()

    def refresh(self) -> None:
        """What F5 does (console/gui/shortcuts.py): Refresh."""
        self.load()

    @Slot()
    def show_figures(self) -> None:
        """Sum the range from the history and draw it (a few milliseconds for a year)."""
        self._custom_timer.stop()
        self._stale = False
        days = self.days()
        if days is None:  # cannot happen: "any date" is not offered
            return
        first, last = days
        if last < first:
            self._state = FAILED
            self.summary.clear()
            self._show_message(self.tr("The last day is before the first day."))
            self.redrawn.emit()
            return
        self._save_state()
        self._days = (first, last)
        history = self.session.history
        try:
            overview = overview_of(history.reader(), first, last)
        except sqlite3.Error as error:
            self._state = FAILED
            self._show_message(
                self.tr("The history could not be read ({error}).").format(error=reason_of(error))
            )
            self.redrawn.emit()
            return
        self.overview = overview
        self.as_of_ms = history.as_of_ms()
        self._state = DONE
        self.redraw()

    def is_loading(self) -> bool:
        return self.session.history.syncing

    @Slot(str)
    def _on_sync_ended(self, state: str) -> None:
        asked, self._asked = self._asked, False
        failure = self.session.history.failure
        if state == FAILED and asked and failure is not None:
            self.outcome.show_report(failure)
        elif state == DONE:
            self.outcome.clear()

    @Slot()
    def _on_history_changed(self) -> None:
        if self.isVisible():
            self.show_figures()
        else:
            self._stale = True

    @Slot(object)
    def _on_profile_changed(self, _profile: Profile) -> None:
        self.outcome.clear()
        self.summary.clear()
        self._state = IDLE
        self._stale = True
        self._show_message(self.tr("Choose a range of days to see its figures."))
        if self.isVisible():
            self._show_and_sync(self.session.history.sync)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.show_figures()
        self.session.history.ensure_synced()

    # -- what is shown ------------------------------------------------------------------

    def _range_text(self) -> str:
        assert self._days is not None
        first, last = self._days
        if first == last:
            return day_text(first)
        return self.tr("{first} to {last}").format(first=day_text(first), last=day_text(last))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.pages.setCurrentIndex(MESSAGE_PAGE)

    def _history_was_whole(self) -> bool:
        """Whether the history was ever fetched whole (else a range without records in it
        may have had some)."""
        try:
            return self.session.history.as_of_ms() is not None
        except sqlite3.Error:
            return False

    def _nothing_text(self, whole: bool) -> str:
        """What an empty range says: that the shop had nothing then only when the history
        was ever fetched whole (`whole`; else nothing is known of it)."""
        history = self.session.history
        if whole:
            text = self.tr("No paid bills and no refunds in {range}.")
        elif history.holds_records():  # a first sync that stopped half-way
            text = self.tr(
                "The history on this computer is incomplete, so the figures of {range} are "
                "not known yet."
            )
        else:
            text = self.tr(
                "No history on this computer yet, so the figures of {range} are not known."
            )
        return text.format(range=self._range_text())

    def currency_label(self, code: str) -> str:
        """What the user reads for a currency code; records of no known currency have
        their own name."""
        return code if code != UNKNOWN_CURRENCY else self.tr("No currency given")

    @Slot()
    def _on_history_state(self) -> None:
        """What the status bar says changed (a sync's progress or end, midnight passed):
        the summary of the figures shown says it too."""
        if self._state == DONE:
            self._say_summary()

    def _say_summary(self) -> None:
        """The range, what it counts and how old the history is, as the status bar says it."""
        overview = self.overview
        history = self.session.history.status_text()
        if overview.bills_seen or overview.refunds_seen or self._history_was_whole():
            summary = self.tr("{range}: {bills} and {refunds} · {history}").format(
                range=self._range_text(),
                bills=counts().bills(overview.bills_seen),
                refunds=counts().refunds(overview.refunds_seen),
                history=history,
            )
        else:  # "0 bills" of a range nothing is known of: its message says so
            summary = self.tr("{range} · {history}").format(
                range=self._range_text(), history=history
            )
        self.summary.setText(summary)

    def redraw(self) -> None:
        """Show the figures of the last load: the totals, then the charts of one currency."""
        overview = self.overview
        whole = self._history_was_whole()
        self._say_summary()
        uncounted = self._show_not_counted()
        if overview.is_empty():
            message = self._nothing_text(whole)
            if uncounted:  # said beside the figures, on the page the message hides
                message += "\n" + self.not_counted.text()
            self._show_message(message)
            self.redrawn.emit()
            return
        codes = overview.currencies_by_volume()
        self.totals_table.blockSignals(True)  # its rows made afresh: no row chosen by them
        try:
            self.totals_table.show_totals(
                [(self.currency_label(code), overview.totals[code]) for code in codes]
            )
        finally:
            self.totals_table.blockSignals(False)
        # The charts draw amounts: not of records of no known currency (not added up).
        charted = [code for code in codes if code != UNKNOWN_CURRENCY]
        picker = self.currency_picker
        picker.blockSignals(True)
        picker.clear()
        for code in charted:
            picker.addItem(self.currency_label(code), code)
        wanted = self._wanted_currency
        picker.setCurrentIndex(picker.findData(wanted) if wanted in charted else 0)
        picker.blockSignals(False)
        for widget in (self.picker_label, picker, self.daily_chart, self.channel_chart):
            widget.setVisible(bool(charted))
        self.no_charts.setVisible(not charted)
        self.pages.setCurrentIndex(FIGURES_PAGE)
        self._draw_charts()
        self.redrawn.emit()

    def _show_not_counted(self) -> bool:
        """Say how many records were counted but not summed; whether there are any."""
        overview = self.overview
        uncounted = overview.unpaid_count + overview.refunds_in_progress + overview.refunds_refused
        self.not_counted.setVisible(bool(uncounted))
        self.not_counted.setText(
            self.tr(
                "Not counted — unpaid bills: {unpaid}; refunds in progress: {in_progress}; "
                "refused refunds: {refused}."
            ).format(
                unpaid=count_number(overview.unpaid_count),
                in_progress=count_number(overview.refunds_in_progress),
                refused=count_number(overview.refunds_refused),
            )
        )
        return bool(uncounted)

    def chart_currency(self) -> str | None:
        """The currency the charts show, None when none (no known currency)."""
        data = self.currency_picker.currentData()
        return None if data is None else str(data)

    def _draw_charts(self) -> None:
        code = self.chart_currency()
        if code is None or self._days is None:
            return
        totals = self.overview.totals[code]
        days = days_between(*self._days)
        paid, refunded = totals.daily(days)
        self.daily_chart.show_days(days, paid, refunded, code)
        self.channel_chart.show_shares(totals.channel_shares(), code)
        row = self.currency_picker.currentIndex()
        self.totals_table.blockSignals(True)
        self.totals_table.selectRow(row)
        self.totals_table.blockSignals(False)
        lay_out_before_paint(self.daily_chart.plot, self.channel_chart.plot)

    @Slot(int)
    def _on_currency_picked(self, _index: int) -> None:
        self._wanted_currency = self.chart_currency()
        self._draw_charts()
        self.redrawn.emit()

    @Slot(int, int, int, int)
    def _on_current_row_changed(self, row: int, column: int, _row: int, _column: int) -> None:
        """A row reached by the arrow keys (or a click): its currency in the charts, as
        the highlight says; the highlight had moved on, the charts not."""
        if row >= 0:
            self._on_row_clicked(row, column)

    @Slot(int, int)
    def _on_row_clicked(self, row: int, _column: int) -> None:
        index = self.currency_picker.findData(self.totals_table.currency_at(row))
        if index >= 0:  # the records of no known currency are not charted
            self.currency_picker.setCurrentIndex(index)

    # -- saved state ------------------------------------------------------------------------

    def _save_state(self) -> None:
        self.dates.save(self.session.settings.group(OVERVIEW))

    def _restore_state(self) -> None:
        self.dates.restore(self.session.settings.group(OVERVIEW), LAST_30_DAYS)  # never Any date
