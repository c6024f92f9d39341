"""Overview tab: for a range of days, paid, refunded and net per currency, with counts,
a chart of paid and refunded amounts per day and bars of each channel's share.

The bills and the refunds of the range come through the worker as the Bills and
Refunds tabs' do (two paged jobs of their own topics); each page is summed as it
arrives (console/overview.py, no Qt), and the table and charts are drawn once,
when both loads are over. Changing the range loads and draws again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.models import BillQuery, RefundQuery, now_ms, until
from console.api.validate import validate_bill_query
from console.gui.counts import counts
from console.gui.feedback import OutcomePanel
from console.gui.gateway import JobHandle
from console.gui.jobs import ALL_BILLS, ALL_REFUNDS, ErrorReport
from console.gui.profiles import Profile
from console.gui.session import ConsoleSession
from console.gui.settings import OVERVIEW
from console.gui.tables.date_presets import ANY_DATE, CUSTOM, LAST_30_DAYS, day_bounds_ms
from console.gui.tables.filter_bar import DateRangePicker
from console.gui.tables.formatting import count_number
from console.gui.tabs.overview.charts import ChannelBars, DailyChart
from console.gui.tabs.overview.totals import TotalsTable
from console.overview import UNKNOWN_CURRENCY, Overview, days_between

CUSTOM_DEBOUNCE_MS = 600  # a day typed by hand is loaded once the typing pauses
MESSAGE_PAGE, FIGURES_PAGE = 0, 1
FIRST_DAY = QDate(2001, 9, 10)  # the first whole day of 13-digit millisecond times
IDLE, LOADING, DONE, STOPPED, FAILED = "idle", "loading", "done", "stopped", "failed"


class OverviewTab(QWidget):
    redrawn = Signal()  # the figures (or the message saying there are none) are shown

    def __init__(self, session: ConsoleSession) -> None:
        super().__init__()
        self.session = session
        self.dates = DateRangePicker()
        # An overview is of a period: "any date" is not offered.
        self.dates.preset.removeItem(self.dates.preset.findData(ANY_DATE))
        for edit in (self.dates.first_day, self.dates.last_day):
            edit.setMinimumDate(FIRST_DAY)  # the API takes 13-digit millisecond times
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.outcome = OutcomePanel()
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 15px;")

        self.totals_table = TotalsTable()
        self.counting_note = QLabel(
            self.tr(
                "Paid: the paid bills created in the range. Refunded: the successful refunds "
                "made in the range, whatever the day of their bill. Net = paid − refunded. "
                "Amounts of different currencies are never added together."
            )
        )
        self.counting_note.setWordWrap(True)
        self.not_counted = QLabel()
        self.not_counted.setWordWrap(True)
        self.currency_picker = QComboBox()
        self.currency_picker.setMinimumContentsLength(12)
        self.daily_chart = DailyChart()
        self.channel_chart = ChannelBars()

        self._build_layout()
        self.overview = Overview()
        self._days: tuple[date, date] | None = None
        self._loads: list[JobHandle] = []  # the loads still running (bills, refunds)
        self._state = IDLE
        self._stale = True  # load when next shown
        self.as_of_ms: int | None = None  # when the figures loaded last began
        # The currency the user picked for the charts, kept while it has figures; else
        # the charts show the busiest currency.
        self._wanted_currency: str | None = None
        self._custom_timer = QTimer(self)
        self._custom_timer.setSingleShot(True)
        self._custom_timer.setInterval(CUSTOM_DEBOUNCE_MS)
        self._custom_timer.timeout.connect(self.load)
        self._setting_range = False  # show_range() is changing the pickers: no load yet

        self._restore_state()
        self.dates.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.dates.first_day.dateChanged.connect(self._on_day_changed)
        self.dates.last_day.dateChanged.connect(self._on_day_changed)
        self.refresh_button.clicked.connect(self.load)
        self.currency_picker.currentIndexChanged.connect(self._on_currency_picked)
        self.totals_table.cellClicked.connect(self._on_row_clicked)
        session.profile_changed.connect(self._on_profile_changed)
        self._show_message(self.tr("Choose a range of days to see its figures."))

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Days:")))
        top.addWidget(self.dates, 1)
        top.addWidget(self.refresh_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Totals per currency")))
        left_layout.addWidget(self.totals_table, 1)
        left_layout.addWidget(self.not_counted)
        left_layout.addWidget(self.counting_note)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        picker_line = QHBoxLayout()
        picker_line.addWidget(QLabel(self.tr("Charts in:")))
        picker_line.addWidget(self.currency_picker)
        picker_line.addStretch(1)
        right_layout.addLayout(picker_line)
        right_layout.addWidget(self.daily_chart, 3)
        right_layout.addWidget(self.channel_chart, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
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
        self.load()

    @Slot()
    def _on_preset_changed(self) -> None:
        if self._setting_range:
            return
        self._custom_timer.stop()
        if self.dates.preset_key() == CUSTOM:
            first, last = self._days or (date.today(), date.today())
            self.dates.set_days(first, last)  # custom starts from the range shown
        self.load()  # (also stops the timer the days' change has started)

    @Slot()
    def _on_day_changed(self) -> None:
        """A day picked or typed: loaded once the typing pauses."""
        if not self._setting_range and self.dates.preset_key() == CUSTOM:
            self._custom_timer.start()

    # -- loading ---------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        """Ask the server for the bills and the refunds of the range; sum them as they come."""
        self._custom_timer.stop()
        self._stale = False
        self.outcome.clear()
        self._cancel_loads()
        days = self.days()
        if days is None:  # cannot happen: "any date" is not offered
            return
        first, last = days
        if last < first:
            self._state = FAILED
            self.summary.clear()
            self._show_message(self.tr("The last day is before the first day."))
            return
        start_time, end_time = day_bounds_ms(first, last)
        # Summed as the records are at this moment: one made during the load is left out
        # (it would push the others down the pages), none is counted twice.
        self.as_of_ms = now_ms()
        bills_query = until(BillQuery(start_time=start_time, end_time=end_time), self.as_of_ms)
        problems = validate_bill_query(bills_query.to_wire())
        if problems:
            self._state = FAILED
            self._show_message("\n".join(problem.message for problem in problems))
            return
        self._save_state()
        self._days = (first, last)
        self.overview = Overview(self.session.local.currencies(self.session.profile.id))
        self._state = LOADING
        self.summary.setText(self._range_text())
        self._show_loading()
        for action, query, description, add in (
            (
                ALL_BILLS,
                bills_query,
                self.tr("Loading the overview's bills"),
                self.overview.add_bills,
            ),
            (
                ALL_REFUNDS,
                until(RefundQuery(start_time=start_time, end_time=end_time), self.as_of_ms),
                self.tr("Loading the overview's refunds"),
                self.overview.add_refunds,
            ),
        ):
            load = self.session.submit(action, query, description)
            self._loads.append(load)
            load.page.connect(lambda records, add=add: self._on_page(add, records))
            load.finished.connect(self._on_finished)
            load.failed.connect(self._on_failed)
            load.cancelled.connect(self._on_cancelled)

    def is_loading(self) -> bool:
        return self._state == LOADING

    def _cancel_loads(self) -> None:
        """Superseded (a new range, another profile): nothing more of them is shown."""
        loads, self._loads = self._loads, []
        for load in loads:
            load.cancelled.disconnect(self._on_cancelled)
            load.cancel()

    def _on_page(self, add: Callable[[list[Any]], None], records: list[Any]) -> None:
        add(records)
        self._show_loading()

    @Slot(object)
    def _on_finished(self, _count: object) -> None:
        load = self.sender()
        if load in self._loads:
            self._loads.remove(load)
        if not self._loads and self._state == LOADING:
            self._state = DONE
            self.redraw()

    @Slot(object)
    def _on_failed(self, report: ErrorReport) -> None:
        self._cancel_loads()
        self._state = FAILED
        self.outcome.show_report(report)
        self._show_message(self.tr("The figures could not be loaded."))
        self.redrawn.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        """Stopped by the status bar's Cancel (or the console closing)."""
        self._cancel_loads()
        self._state = STOPPED
        self._show_message(self.tr("Loading stopped. Press Refresh to load the figures again."))

    @Slot(object)
    def _on_profile_changed(self, _profile: Profile) -> None:
        self._cancel_loads()
        self.outcome.clear()
        self.summary.clear()
        self._state = IDLE
        self._stale = True
        self._show_message(self.tr("Choose a range of days to see its figures."))
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    # -- what is shown ------------------------------------------------------------------

    def _range_text(self) -> str:
        assert self._days is not None
        first, last = self._days
        if first == last:
            return first.isoformat()
        return self.tr("{first} to {last}").format(first=first.isoformat(), last=last.isoformat())

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.pages.setCurrentIndex(MESSAGE_PAGE)

    def _show_loading(self) -> None:
        overview = self.overview
        self.message.setText(
            self.tr("Loading… {bills} and {refunds} so far.").format(
                bills=counts().bills(overview.bills_seen),
                refunds=counts().refunds(overview.refunds_seen),
            )
        )
        self.pages.setCurrentIndex(MESSAGE_PAGE)

    def currency_label(self, code: str) -> str:
        """What the user reads for a currency code; records of no known currency have
        their own name."""
        return code if code != UNKNOWN_CURRENCY else self.tr("No currency given")

    def redraw(self) -> None:
        """Show the figures of the last load: the totals, then the charts of one currency."""
        overview = self.overview
        self.summary.setText(
            self.tr("{range}: {bills} and {refunds} loaded.").format(
                range=self._range_text(),
                bills=counts().bills(overview.bills_seen),
                refunds=counts().refunds(overview.refunds_seen),
            )
        )
        self._show_not_counted()
        if overview.is_empty():
            self._show_message(
                self.tr("No paid bills and no refunds in {range}.").format(range=self._range_text())
            )
            self.redrawn.emit()
            return
        codes = overview.currencies_by_volume()
        self.totals_table.show_totals(
            [(self.currency_label(code), overview.totals[code]) for code in codes]
        )
        picker = self.currency_picker
        picker.blockSignals(True)
        picker.clear()
        for code in codes:
            picker.addItem(self.currency_label(code), code)
        wanted = self._wanted_currency
        picker.setCurrentIndex(picker.findData(wanted) if wanted in codes else 0)
        picker.blockSignals(False)
        self.pages.setCurrentIndex(FIGURES_PAGE)
        self._draw_charts()
        self.redrawn.emit()

    def _show_not_counted(self) -> None:
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

    def chart_currency(self) -> str | None:
        """The currency the charts show (UNKNOWN_CURRENCY included), None when none."""
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

    @Slot(int)
    def _on_currency_picked(self, _index: int) -> None:
        self._wanted_currency = self.chart_currency()
        self._draw_charts()
        self.redrawn.emit()

    @Slot(int, int)
    def _on_row_clicked(self, row: int, _column: int) -> None:
        self.currency_picker.setCurrentIndex(
            self.currency_picker.findData(self.totals_table.currency_at(row))
        )

    # -- saved state ------------------------------------------------------------------------

    def _save_state(self) -> None:
        self.dates.save(self.session.settings.group(OVERVIEW))

    def _restore_state(self) -> None:
        self.dates.restore(self.session.settings.group(OVERVIEW), LAST_30_DAYS)  # never Any date
