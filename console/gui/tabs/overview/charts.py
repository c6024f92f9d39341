"""The Overview's two charts (pyqtgraph): paid and refunded per day, and the share of
each channel in the amount paid. Both show one currency.

Amounts arrive as integers of hundredths; they become floats (major units) only
here, as they are handed to the plot (major_units). The texts a user reads (the
titles, the legend, the axes' titles, the channels' figures) are Qt's own
translated texts; the exact amounts are formatted from the hundredths.

pyqtgraph (and numpy with it) is imported with this module, and this module with
the Overview tab: only when the tab is first built (tests/test_startup_imports.py).
The charts take their colours from the palette (ground, text) and from
console/gui/colours.py (the lines and the bars), and take them again when the
palette changes.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from html import escape

import pyqtgraph
from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt, Slot
from PySide6.QtGui import QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from console.api.money import decimals, format_amount
from console.gui import colours
from console.gui.announce import announce
from console.gui.api_texts import channel_words
from console.gui.i18n import day_text, month_day_text
from console.gui.plain_text import PlainLabel
from console.gui.tables.formatting import amount_with_currency
from console.gui.tabs.overview.chart_view import FIRST, LAST, ON, ChartView
from console.overview import ChannelShare

MAX_BARS = 6  # channels beyond the largest six are one "other channels" bar, the last
OTHER_ALPHA = 110  # the "other channels" bar is the bars' colour, paler: not a channel
# Days named along the date axis, at most: month-day labels, or ISO dates when the
# range crosses a new year (wider labels, fewer of them).
MAX_DAY_LABELS, MAX_DATE_LABELS = 12, 7
POINTS_UP_TO_DAYS = 62  # a dot on each day's value when there are this few days
BAR_THICKNESS = 0.62  # of a row
ROW_LINES = 2.0  # a bar's row, in lines of text
# A bar's row when its figures are under its name, in lines of text: those two and a gap
ROW_LINES_UNDER = 2.6
# The least of the chart's width the bars have with the figures beside them (right),
# or else the figures go under the names (left)
LEAST_BARS_SHARE = 1 / 3
AXIS_ROOM = 12  # pixels beside an axis's longest text (tick, offset)
WHOLE_UNITS_FROM = 1_000  # an amount axis reaching this far names whole units only
BELOW_ZERO = 0.03  # of the amount axis's height, under its zero
DAY_LABEL_OVERHANG = 40  # pixels a day's label may reach past the end of the date axis
DAY_LABEL_GAP = 12  # pixels at least between two days' labels
DAY_FIGURES_GAP = 12  # pixels between a day picked by the keys and the label of its figures


def lay_out_before_paint(*plots: pyqtgraph.PlotWidget) -> None:
    """Lay out the plots just given new figures, and apply their new ranges, now: the
    layouts from each plot up to the window, bottom up (a plot's new height changes the
    room of those around it), then the plot's own (its axes), then its views' ranges.
    Left to the event loop, these came in turns after the plots' first paint, each
    painting them again (a year's daily chart: some 50 ms a paint at a million bills)."""
    for plot in plots:
        widget: QWidget | None = plot
        while widget is not None:
            layout = widget.layout()
            if layout is not None:
                layout.activate()
            widget = widget.parentWidget()
    for plot in plots:
        plot.getPlotItem().layout.activate()
        plot.scene().prepareForPaint()


def major_units(hundredths: int) -> float:
    """The one place an amount becomes a float: for the plot to draw it."""
    return hundredths / 100


def label_step(day_count: int, with_year: bool, room: float, label_width: int) -> int:
    """Every how many days the date axis, `room` pixels wide, names a day: each label
    clear of the next, however narrow the window (seven ISO dates ran together in the
    440 px a 1,024 px screen leaves it)."""
    most = MAX_DATE_LABELS if with_year else MAX_DAY_LABELS
    most = max(1, min(most, int(room // (label_width + DAY_LABEL_GAP))))
    return max(1, -(-day_count // most))


def share_text(part: int, total: int) -> str:
    """A part's share of a total in tenths of a percent ("12.5%"), never rounded to all
    or nothing when it is neither: ">99.9%", "<0.1%" (a channel of 13 bills said 0.0%
    beside one said 100.0%)."""
    tenths = (2000 * part + total) // (2 * total)  # rounded half up, in whole numbers
    if 0 < part and tenths == 0:
        return "<0.1%"
    if part < total and tenths == 1000:
        return ">99.9%"
    return f"{tenths // 10}.{tenths % 10}%"


def day_label(day: date, with_year: bool) -> str:
    """A day named on the date axis, as the range above the chart writes it (it was ISO,
    2026-01-04 under a Chinese console's 2026/01/04); the year only when the range spans
    more than one."""
    return day_text(day) if with_year else month_day_text(day)


def _title_label() -> QLabel:
    title = PlainLabel()
    font = title.font()
    font.setPointSize(font.pointSize() + 2)
    font.setBold(True)
    title.setFont(font)
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    title.setWordWrap(True)  # a long title never widens the window
    return title


def _paint_plot(plot: pyqtgraph.PlotWidget, palette: QPalette) -> None:
    """The palette's ground and text for a plot's ground and its axes. (The chart's
    palette: when it changes, the chart hears of it before the plot inside it.)"""
    plot.setBackground(palette.color(QPalette.ColorRole.Base))
    text = palette.color(QPalette.ColorRole.Text)
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getPlotItem().getAxis(name)
        axis.setPen(text)
        axis.setTextPen(text)


class AmountAxis(pyqtgraph.AxisItem):
    """Amounts in major units written as the console writes amounts (12,345.50): whole
    units on an axis that reaches WHOLE_UNITS_FROM (or of a currency without decimals),
    else two decimals on every tick."""

    places = 2

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [f"{value * scale:,.{self.places}f}" for value in values]

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        """No ticks closer than the smallest amount written (a cent, or a whole unit):
        a day of a few cents had several lines named alike ("0.01", "0.01")."""
        smallest = 10.0**-self.places
        levels = super().tickSpacing(minVal, maxVal, size)
        kept = [(spacing, offset) for spacing, offset in levels if spacing >= smallest * 0.999]
        return kept or [(smallest, 0.0)]


class DailyChart(QWidget):
    """Paid and refunded amounts per day, as two lines over the days of the range;
    pointing at a day tells both exact amounts, and so does picking it with the keys
    (Left, Right, Home, End), to a screen reader too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _title_label()
        self.legend = QLabel()
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.amount_axis = AmountAxis("left")
        self.plot = ChartView(self)
        item = self.plot.getPlotItem()
        item.setAxisItems({"left": self.amount_axis})
        item.showGrid(x=False, y=True, alpha=0.25)
        # The first and last days' labels may reach past the plot's ends.
        item.getAxis("bottom").setStyle(hideOverlappingLabels=DAY_LABEL_OVERHANG)
        # A day is a day and an amount is written in full: pyqtgraph's own scale made a
        # one-day range read "Day (x0.001)", and a day of cents "Amount (USD) (x0.001)".
        for name in ("left", "bottom"):
            item.getAxis(name).enableAutoSIPrefix(False)
        # x is the day's place in the range (0, 1, ...): no clock change can move it.
        self.paid = item.plot(antialias=True)
        self.refunded = item.plot(antialias=True)
        self.plot.scene().sigMouseMoved.connect(self._show_day)
        self.plot.stepped.connect(self._step)
        self.plot.focus_left.connect(self._forget_day)
        item.getViewBox().sigResized.connect(self._place_day_label)
        item.getViewBox().sigResized.connect(self._name_days)
        self.plot.setMinimumHeight(200)
        # The day picked by the keys: a line through it, its figures in a label beside.
        self.day_marker = pyqtgraph.InfiniteLine(angle=90, movable=False)
        self.day_marker.hide()
        item.addItem(self.day_marker, ignoreBounds=True)
        self.day_label = PlainLabel("", self.plot)
        self.day_label.setFrameShape(QFrame.Shape.Box)
        self.day_label.setMargin(4)
        self.day_label.setAutoFillBackground(True)
        self.day_label.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.day_label.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.day_label.hide()
        self._picked: int | None = None
        # A Tab stop: a screen reader says its title and figures (show_days).
        self.plot.setAccessibleName(self.tr("Paid and refunded per day"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)
        self._days: list[date] = []
        self._amounts: tuple[list[int], list[int]] = ([], [])
        self._currency = ""
        self._paint()

    def show_days(
        self,
        days: list[date],
        paid: list[int],
        refunded: list[int],
        currency: str,
    ) -> None:
        """Draw one currency's days (amounts in hundredths, one per day, in order). A
        known currency: the amounts of records of none are never added up."""
        self._forget_day()
        self._days, self._amounts, self._currency = days, (paid, refunded), currency
        title = self.tr("Paid and refunded per day, {currency}").format(currency=currency)
        amount_title = self.tr("Amount ({currency})").format(currency=currency)
        self.title.setText(title)
        self.plot.setAccessibleName(title)
        self.plot.setAccessibleDescription(self.spoken_summary())
        self._show_legend()
        places = list(range(len(days)))
        dots = len(days) <= POINTS_UP_TO_DAYS
        for line, amounts in ((self.paid, paid), (self.refunded, refunded)):
            # The symbol with the data, at once: a dot is made for each day a line holds
            # while it has one (years given after a month made a dot a day, then hid them).
            values = [major_units(amount) for amount in amounts]
            line.setData(places, values, symbol="o" if dots else None)
        item = self.plot.getPlotItem()
        self._name_days()
        item.setLabel("bottom", self.tr("Day"))
        item.setLabel("left", amount_title)
        top = max(max(paid, default=0), max(refunded, default=0))
        high = major_units(top) * 1.05 if top else 1.0
        item.setXRange(-0.5, len(days) - 0.5, padding=0)
        # A little below zero: a day at zero is drawn above the axis, and 0 is named.
        item.setYRange(-BELOW_ZERO * high, high, padding=0)
        # Room for the widest amount from the first paint on (not after it, with a jump).
        whole = high >= WHOLE_UNITS_FROM or decimals(currency) == 0  # JPY: no decimals
        self.amount_axis.places = 0 if whole else 2
        widest = self.amount_axis.tickStrings([high], 1.0, 1.0)[0]
        self.amount_axis.setStyle(
            autoExpandTextSpace=False,
            tickTextWidth=QFontMetrics(self.plot.font()).horizontalAdvance(widest) + AXIS_ROOM,
        )
        self._paint()

    def spoken_summary(self) -> str:
        """What a screen reader says of the chart (a Tab stop): the range's paid and
        refunded amounts, and the day most was paid."""
        paid, refunded = self._amounts
        days = self._days
        text = self.tr("{first} to {last}: paid {paid}, refunded {refunded}.").format(
            first=day_text(days[0]),
            last=day_text(days[-1]),
            paid=amount_with_currency(sum(paid), self._currency),
            refunded=amount_with_currency(sum(refunded), self._currency),
        )
        best = max(range(len(days)), key=lambda place: paid[place])
        if paid[best]:
            text = self.tr("{summary} Most paid on {day}: {amount}.").format(
                summary=text,
                day=day_text(days[best]),
                amount=amount_with_currency(paid[best], self._currency),
            )
        return text

    def amount_title(self) -> str:
        return str(self.amount_axis.labelText)

    def _show_legend(self) -> None:
        paid, refunded = colours.qcolour("chart_paid"), colours.qcolour("chart_refunded")
        self.legend.setText(
            LEGEND.format(colour=paid.name(), text=escape(self.tr("Paid")))
            + "&nbsp;&nbsp;&nbsp;"
            + LEGEND.format(colour=refunded.name(), text=escape(self.tr("Refunded")))
        )

    def _paint(self) -> None:
        """The palette's ground and text, and the console's colours for the lines."""
        _paint_plot(self.plot, self.palette())
        for line, name in ((self.paid, "chart_paid"), (self.refunded, "chart_refunded")):
            colour = colours.qcolour(name)
            line.setPen(pyqtgraph.mkPen(colour, width=2))
            line.setSymbolPen(colour)
            line.setSymbolBrush(colour)
            line.setSymbolSize(5)
        marker = self.palette().color(QPalette.ColorRole.Text)
        self.day_marker.setPen(pyqtgraph.mkPen(marker, width=1, style=Qt.PenStyle.DashLine))
        if self._days:
            self._show_legend()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # e.g. the desktop turned dark
            self._paint()

    def day_text(self, place: int) -> str:
        """What pointing at the day at this place of the range tells ("" off the range)."""
        if not 0 <= place < len(self._days):
            return ""
        return self.tr("{day}\nPaid: {paid}\nRefunded: {refunded}").format(
            **self._day_figures(place)
        )

    def spoken_day(self, place: int) -> str:
        """What a screen reader says of the day at this place, picked by the keys."""
        return self.tr("{day}: paid {paid}, refunded {refunded}.").format(
            **self._day_figures(place)
        )

    def _day_figures(self, place: int) -> dict[str, str]:
        """The day at this place, and its paid and refunded amounts, as written."""
        paid, refunded = (amounts[place] for amounts in self._amounts)
        return {
            "day": day_text(self._days[place]),
            "paid": amount_with_currency(paid, self._currency),
            "refunded": amount_with_currency(refunded, self._currency),
        }

    def day_shown(self) -> int | None:
        """The place of the day picked by the keys, if one is."""
        return self._picked

    @Slot(str)
    def _step(self, step: str) -> None:
        """A key picks a day: the first or last, or the one before or after the one
        picked (from none picked: Right the first, Left the last). At an end it stays."""
        if not self._days:
            return
        last = len(self._days) - 1
        picked = self._picked
        if step == FIRST or (picked is None and step == ON):
            place = 0
        elif step == LAST or picked is None:
            place = last
        else:
            place = min(last, picked + 1) if step == ON else max(0, picked - 1)
        if place != picked:
            self._pick(place)

    def _pick(self, place: int) -> None:
        self._picked = place
        spoken = self.spoken_day(place)
        self.plot.setAccessibleDescription(spoken)
        self.day_marker.setValue(place)
        self.day_marker.show()
        self.day_label.setText(self.day_text(place))
        self.day_label.adjustSize()
        self._place_day_label()
        self.day_label.show()
        # At once, as a list says the row the arrow moved to (not after the last day's).
        announce(self.plot, spoken, urgent=True)

    @Slot()
    def _name_days(self) -> None:
        """The days named along the date axis, as many as its width has room for."""
        days = self._days
        if not days:
            return
        with_year = days[0].year != days[-1].year
        texts = (day_label(days[0], with_year), day_label(days[-1], with_year))
        width = max(map(QFontMetrics(self.plot.font()).horizontalAdvance, texts))
        room = self.plot.getPlotItem().getViewBox().width()
        step = label_step(len(days), with_year, room, width)
        labels = [(place, day_label(days[place], with_year)) for place in range(0, len(days), step)]
        self.plot.getPlotItem().getAxis("bottom").setTicks([labels, []])

    @Slot()
    def _place_day_label(self) -> None:
        """The picked day's label beside it, where it is now (the plot resized too)."""
        if self._picked is not None:
            self.day_label.move(self._day_label_place(self._picked))

    def _day_label_place(self, place: int) -> QPoint:
        """Where the day's label goes: beside the day's highest point, on the side with
        room (right, else left), inside the plot."""
        highest = max(amounts[place] for amounts in self._amounts)
        view = self.plot.getPlotItem().getViewBox()
        point = self.plot.mapFromScene(view.mapViewToScene(QPointF(place, major_units(highest))))
        size, room = self.day_label.size(), self.plot.viewport().rect()
        x = point.x() + DAY_FIGURES_GAP
        if x + size.width() > room.right():
            x = point.x() - DAY_FIGURES_GAP - size.width()
        y = point.y() - size.height() // 2
        x = max(room.left(), min(x, room.right() + 1 - size.width()))
        y = max(room.top(), min(y, room.bottom() + 1 - size.height()))
        return QPoint(x, y)

    @Slot()
    def _forget_day(self) -> None:
        """No day picked (the chart left, or new figures): the range's figures again."""
        if self._picked is None:
            return
        self._picked = None
        self.day_marker.hide()
        self.day_label.hide()
        self.plot.setAccessibleDescription(self.spoken_summary())

    @Slot(object)
    def _show_day(self, scene_position: QPointF) -> None:
        """The mouse over the plot: the day under it and both exact amounts."""
        view = self.plot.getPlotItem().getViewBox()
        text = ""
        if view.sceneBoundingRect().contains(scene_position):
            text = self.day_text(round(view.mapSceneToView(scene_position).x()))
        if not text:
            QToolTip.hideText()
            return
        at = self.plot.mapFromScene(scene_position)
        QToolTip.showText(self.plot.mapToGlobal(at), text, self.plot, self.plot.rect())

    def point_count(self) -> int:
        return len(self.plotted()[0])

    def plotted(self) -> tuple[list[float], list[float]]:
        """The values drawn, paid and refunded, one per day in major units."""
        paid, refunded = (line.getData()[1] for line in (self.paid, self.refunded))
        if paid is None or refunded is None:  # nothing drawn yet
            return [], []
        return [float(value) for value in paid], [float(value) for value in refunded]


# One entry of a legend: a square of the colour, and what it stands for.
LEGEND = "<span style='color:{colour}; font-size:large'>■</span>&nbsp;{text}"


class ChannelBars(QWidget):
    """The share of each channel in the amount paid, in one currency: one bar per
    channel, the largest first; beside each bar its share, amount and number of
    paid bills."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _title_label()
        self.plot = ChartView(self)
        item = self.plot.getPlotItem()
        item.invertY(True)  # the first (largest) at the top
        item.hideAxis("bottom")
        item.showAxis("right")
        for name in ("left", "right"):
            item.getAxis(name).setStyle(tickLength=0, autoExpandTextSpace=False)
        # A Tab stop: a screen reader says its title and figures (show_shares).
        self.plot.setAccessibleName(self.tr("Share of each channel in the amount paid"))
        self.bars = pyqtgraph.BarGraphItem(x0=[], y=[], width=[], height=BAR_THICKNESS)
        item.addItem(self.bars)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        # As tall as its bars need, no taller: the room left goes to the daily chart.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._shares: list[ChannelShare] = []
        self._figures: list[str] = []
        self._other = False  # the last bar is "other channels"
        self._under: bool | None = None  # the figures under the names (None: not placed)
        self._paint()

    def show_shares(self, shares: list[ChannelShare], currency: str) -> None:
        """Draw the channels' shares (largest first) in one known currency; those beyond
        MAX_BARS are one bar."""
        if not shares:
            self.title.setText(
                self.tr("No paid bills in {currency} in this range").format(currency=currency)
            )
            self._shares, self._figures, self._other = [], [], False
            self.bars.setOpts(x0=[], y=[], width=[])
            self._colour_bars()
            self.plot.hide()
            self.plot.setAccessibleDescription("")
            return
        self.title.setText(
            self.tr("Share of each channel in the amount paid, {currency}").format(
                currency=currency
            )
        )
        shown = [
            replace(share, channel=channel_words(share.channel)) for share in shares[:MAX_BARS]
        ]
        rest = shares[MAX_BARS:]
        if rest:
            shown.append(
                ChannelShare(
                    self.tr("Other channels"),
                    sum(share.count for share in rest),
                    sum(share.amount for share in rest),
                )
            )
        self._shares, self._other = shown, bool(rest)
        total = sum(share.amount for share in shown) or 1
        self._figures = [
            self.tr("{share} · {amount} · %Ln bill(s)", "", share.count).format(
                share=share_text(share.amount, total),
                amount=format_amount(share.amount, currency),
            )
            for share in shown
        ]
        self.plot.setAccessibleName(self.title.text())
        self.plot.setAccessibleDescription(
            self.tr("; ").join(
                self.tr("{channel}: {figures}").format(channel=share.channel, figures=text)
                for share, text in zip(shown, self._figures, strict=True)
            )
        )
        widths = [major_units(share.amount) for share in shown]
        self.bars.setOpts(x0=[0.0] * len(shown), y=list(range(len(shown))), width=widths)
        self._colour_bars()
        item = self.plot.getPlotItem()
        item.setXRange(0.0, max(widths) or 1.0, padding=0.02)
        item.setYRange(-0.5, len(shown) - 0.5, padding=0)
        self._under = None
        self._place_figures()
        self.plot.show()

    def _place_figures(self) -> None:
        """Each channel's figures beside its bar, on the right, where the bars keep
        LEAST_BARS_SHARE of the width; else under its name, on the left (at 910 px, a
        1,366 × 768 screen at 150 %, the names and figures beside left the bars some
        85 px of 400)."""
        if not self._shares:
            return
        metrics = QFontMetrics(self.plot.font())
        names = [metrics.horizontalAdvance(share.channel) for share in self._shares]
        figures = [metrics.horizontalAdvance(text) for text in self._figures]
        item = self.plot.getPlotItem()
        left, right = item.getAxis("left"), item.getAxis("right")
        margin_left, _top, margin_right, _bottom = item.layout.getContentsMargins()
        axes = 2 * (AXIS_ROOM + left.style["tickTextOffset"][0])  # each beside its text
        beside = self.width() - margin_left - margin_right - axes - max(names) - max(figures)
        under = beside < self.width() * LEAST_BARS_SHARE
        if under == self._under:
            return
        self._under = under
        rows = range(len(self._shares))
        if under:
            texts = [
                f"{share.channel}\n{text}"
                for share, text in zip(self._shares, self._figures, strict=True)
            ]
            left.setTicks([list(zip(rows, texts, strict=True)), []])
            left.setStyle(tickTextWidth=max(*names, *figures) + AXIS_ROOM)
            item.hideAxis("right")
        else:
            channels = [share.channel for share in self._shares]
            left.setTicks([list(zip(rows, channels, strict=True)), []])
            left.setStyle(tickTextWidth=max(names) + AXIS_ROOM)
            right.setTicks([list(zip(rows, self._figures, strict=True)), []])
            right.setStyle(tickTextWidth=max(figures) + AXIS_ROOM)
            item.showAxis("right")
        line = metrics.height()
        row_lines = ROW_LINES_UNDER if under else ROW_LINES
        self.plot.setFixedHeight(math.ceil(len(self._shares) * row_lines * line) + line)

    def sizeHint(self) -> QSize:
        """As tall as the title at the width it has, wrapped or not, and the bars: the
        height of a title on one line cut the last bar and its figures off when the
        title wrapped in a narrow column (its policy holds it to this height)."""
        hint = super().sizeHint()
        if self.width() > 0 and self.hasHeightForWidth():
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_figures()  # (a resize while hidden comes at the show, its old size as new)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the title's height at this width

    def _paint(self) -> None:
        _paint_plot(self.plot, self.palette())
        self._colour_bars()

    def _colour_bars(self) -> None:
        """The bars' colour; paler inside for the "other channels" bar, the last, if
        any, whose edge keeps the full colour (its pale fill alone stood out from the
        ground 1.8:1, under the 3:1 a chart's parts need)."""
        colour = colours.qcolour("chart_bar")
        if not self._shares:  # (pyqtgraph takes no empty list of pens)
            self.bars.setOpts(brush=colour, pen=colour, brushes=None, pens=None)
            return
        edges = [colour] * len(self._shares)
        fills = list(edges)
        if self._other:
            fills[-1] = colours.qcolour("chart_bar")
            fills[-1].setAlpha(OTHER_ALPHA)
        self.bars.setOpts(brushes=fills, pens=edges)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # e.g. the desktop turned dark
            self._paint()

    def bar_labels(self) -> list[str]:
        """The channels, as the bars show them from the top."""
        return [share.channel for share in self._shares]

    def bar_values(self) -> list[float]:
        """The bars' lengths, from the top: the amounts paid in major units."""
        widths = self.bars.opts["width"]
        return [float(width) for width in widths] if self._shares else []

    def figures(self) -> list[str]:
        """The text beside each bar, from the top (share, amount, bills)."""
        return list(self._figures)
