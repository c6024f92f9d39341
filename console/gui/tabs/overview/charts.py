"""The Overview's two charts (Qt Charts): paid and refunded per day, and the share of
each channel in the amount paid. Both show one currency.

Amounts arrive as integers of hundredths; they become floats (major units) only
here, as they are handed to Qt. A redraw replaces each series' data in one call
(QLineSeries.replace, QPieSeries.append of a list): no signal per point.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCharts import (
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt, Slot
from PySide6.QtGui import QCursor, QFont, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from console.api.money import format_amount
from console.gui import colours
from console.gui.tables.formatting import amount_with_currency
from console.overview import UNKNOWN_CURRENCY, ChannelShare

MAX_SLICES = 6  # channels beyond the largest six are one "other" slice
# Days named along the date axis, at most: month-day labels, or ISO dates when the
# range crosses a new year (wider labels, fewer of them).
MAX_DAY_LABELS, MAX_DATE_LABELS = 12, 7
POINTS_UP_TO_DAYS = 62  # a dot on each day's value when there are this few days


def major_units(hundredths: int) -> float:
    """The one place an amount becomes a float: for Qt to draw it."""
    return hundredths / 100


def label_step(day_count: int, with_year: bool) -> int:
    """Every how many days the date axis names a day."""
    most = MAX_DATE_LABELS if with_year else MAX_DAY_LABELS
    return max(1, -(-day_count // most))


def day_label(day: date, with_year: bool) -> str:
    return day.isoformat() if with_year else day.strftime("%m-%d")


def _title_font(point_size_delta: int = 2) -> QFont:
    font = QFont()
    font.setPointSize(font.pointSize() + point_size_delta)
    font.setBold(True)
    return font


def _chart() -> QChart:
    chart = QChart()
    if colours.is_dark(QGuiApplication.palette()):
        chart.setTheme(QChart.ChartTheme.ChartThemeDark)  # no white box on a dark desktop
    chart.setTitleFont(_title_font())
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.setLocalizeNumbers(True)
    return chart


class DailyChart(QChartView):
    """Paid and refunded amounts per day, as two lines over a date axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = _chart()
        self.paid = QLineSeries()
        self.refunded = QLineSeries()
        for series, colour in ((self.paid, "chart_paid"), (self.refunded, "chart_refunded")):
            series.setPen(QPen(colours.qcolour(colour), 2))
            series.hovered.connect(self._show_point)
            chart.addSeries(series)
        # x is the day's place in the range (0, 1, ...): no clock change can move it.
        self.x_axis = QCategoryAxis()
        self.x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.y_axis = QValueAxis()
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.paid, self.refunded):
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self._days: list[date] = []
        self._amounts: tuple[list[int], list[int]] = ([], [])
        self._currency = ""

    def show_days(
        self,
        days: list[date],
        paid: list[int],
        refunded: list[int],
        currency: str,
    ) -> None:
        """Draw one currency's days (amounts in hundredths, one per day, in order);
        UNKNOWN_CURRENCY for the records of no known currency."""
        self._days, self._amounts, self._currency = days, (paid, refunded), currency
        if currency != UNKNOWN_CURRENCY:
            title = self.tr("Paid and refunded per day, {currency}").format(currency=currency)
            amount_title = self.tr("Amount ({currency})").format(currency=currency)
        else:
            title = self.tr("Paid and refunded per day, no currency given")
            amount_title = self.tr("Amount")
        self.chart().setTitle(title)
        self.paid.setName(self.tr("Paid"))
        self.refunded.setName(self.tr("Refunded"))
        for series, amounts in ((self.paid, paid), (self.refunded, refunded)):
            series.replace([QPointF(x, major_units(v)) for x, v in enumerate(amounts)])
            series.setPointsVisible(len(days) <= POINTS_UP_TO_DAYS)
        axis = self.x_axis
        for label in axis.categoriesLabels():
            axis.remove(label)
        with_year = days[0].year != days[-1].year
        for place in range(0, len(days), label_step(len(days), with_year)):
            axis.append(day_label(days[place], with_year), place)
        axis.setRange(-0.5, len(days) - 0.5)
        axis.setTitleText(self.tr("Day"))
        top = max(max(paid, default=0), max(refunded, default=0))
        self.y_axis.setLabelFormat("%.0f" if top >= 1_000 else "%.2f")  # decimals below 10
        self.y_axis.setRange(0.0, major_units(top) * 1.05 if top else 1.0)
        self.y_axis.applyNiceNumbers()
        self.y_axis.setTitleText(amount_title)

    @Slot(QPointF, bool)
    def _show_point(self, point: QPointF, state: bool) -> None:
        """On hover: the day and both exact amounts."""
        if not state or not self._days:
            QToolTip.hideText()
            return
        index = round(point.x())
        if not 0 <= index < len(self._days):
            return
        paid, refunded = (amounts[index] for amounts in self._amounts)
        text = self.tr("{day}\nPaid: {paid}\nRefunded: {refunded}").format(
            day=self._days[index].isoformat(),
            paid=amount_with_currency(paid, self._currency),
            refunded=amount_with_currency(refunded, self._currency),
        )
        QToolTip.showText(QCursor.pos(), text, self)

    def point_count(self) -> int:
        return self.paid.count()


class ChannelDonut(QWidget):
    """The share of each channel in the amount paid, in one currency: a donut, and
    beside it a legend that gives each channel's share, amount and number of bills."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setFont(_title_font())
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)  # a long title never widens the window
        chart = _chart()
        chart.legend().hide()
        self.series = QPieSeries()
        self.series.setHoleSize(0.45)
        self.series.setPieSize(0.9)
        chart.addSeries(self.series)
        self.view = QChartView(chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(140, 140)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 2)
        row.addWidget(self.legend, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)

    def show_shares(self, shares: list[ChannelShare], currency: str) -> None:
        """Draw the channels' shares (largest first) in one currency (UNKNOWN_CURRENCY
        for the records of no known currency); the smallest beyond MAX_SLICES are one
        slice."""
        self.series.clear()
        known = currency != UNKNOWN_CURRENCY
        if not shares:
            self.title.setText(
                self.tr("No paid bills in {currency} in this range").format(currency=currency)
                if known
                else self.tr("No paid bills without a currency in this range")
            )
            self.legend.clear()
            return
        self.title.setText(
            self.tr("Share of each channel in the amount paid, {currency}").format(
                currency=currency
            )
            if known
            else self.tr("Share of each channel in the amount paid, no currency given")
        )
        shown = list(shares[:MAX_SLICES])
        rest = shares[MAX_SLICES:]
        if rest:
            shown.append(
                ChannelShare(
                    self.tr("Other channels"),
                    sum(share.count for share in rest),
                    sum(share.amount for share in rest),
                )
            )
        total = sum(share.amount for share in shown) or 1
        slices, lines = [], []
        for number, share in enumerate(shown):
            colour = colours.slice_colour(number)
            piece = QPieSlice(share.channel, major_units(share.amount))
            piece.setColor(colour)
            piece.setBorderColor(colours.qcolour("slice_border"))
            slices.append(piece)
            lines.append(
                LEGEND_LINE.format(
                    colour=colour.name(),
                    channel=escape(share.channel),
                    percent=f"{100 * share.amount / total:.1f}",
                    amount=format_amount(share.amount, currency),
                    bills=f"{share.count:,}",
                )
            )
        self.series.append(slices)
        header = LEGEND_HEADER.format(
            channel=escape(self.tr("Channel")),
            share=escape(self.tr("Share")),
            amount=escape(self.tr("Amount")),
            bills=escape(self.tr("Bills")),
        )
        self.legend.setText(
            f"<table cellspacing='0' cellpadding='3'>{header}{''.join(lines)}</table>"
        )

    def slice_labels(self) -> list[str]:
        return [piece.label() for piece in self.series.slices()]


LEGEND_HEADER = (
    "<tr><th></th><th align='left'>{channel}</th><th align='right'>{share}</th>"
    "<th align='right'>{amount}</th><th align='right'>{bills}</th></tr>"
)
# One line of the donut's legend: colour, channel, share, amount, number of bills.
LEGEND_LINE = (
    "<tr><td style='color:{colour}; font-size:large'>■</td><td>{channel}</td>"
    "<td align='right'>{percent}%</td><td align='right'>{amount}</td>"
    "<td align='right'>{bills}</td></tr>"
)
