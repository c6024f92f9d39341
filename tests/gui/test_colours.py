"""console/gui/colours.py: the console's own colours read well on a light and a dark palette,
and follow the palette when it changes (as when the desktop switches its colour scheme)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from console.gui import colours
from console.gui.colours import DARK, LIGHT, Colours
from console.gui.feedback import FieldError, OutcomePanel
from console.gui.main_window import LIVE_STYLE, SANDBOX_STYLE, MainWindow
from console.gui.profiles import Profile
from console.gui.refund_notice import ATTENTION_STYLE, NEWS_STYLE
from tests.gui.palettes import dark_palette

GUI = Path(colours.__file__).parent
WCAG_AA_TEXT = 4.5  # the least contrast for body text (WCAG 2, level AA)


@pytest.fixture
def light(qapp: QApplication) -> Iterator[QPalette]:
    """Qt's own light palette (what the console gets where the platform gives none)."""
    before = qapp.palette()
    qapp.setPalette(qapp.style().standardPalette())
    yield qapp.palette()
    qapp.setPalette(before)


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setPalette(before)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * linear(q.red()) + 0.7152 * linear(q.green()) + 0.0722 * linear(q.blue())


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_is_computed_as_wcag_says() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#123456", "#123456") == 1


def text_pairs(chosen: Colours, palette: QPalette) -> list[tuple[str, str, str]]:
    """(what, text, ground) for every text the console colours itself."""
    grounds = {"window": palette.window().color().name(), "base": palette.base().color().name()}
    pairs = [
        (f"{tone} on {where}", getattr(chosen, tone), ground)
        for tone in ("error", "ok", "warn", "muted")
        for where, ground in grounds.items()
    ]
    for ground in ("sandbox_band", "live_band", "attention", "news"):
        pairs.append((ground, getattr(chosen, f"{ground}_text"), getattr(chosen, ground)))
    return pairs


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_has_enough_contrast_with_its_ground(
    scheme: str, request: pytest.FixtureRequest
) -> None:
    palette: QPalette = request.getfixturevalue(scheme)
    chosen = colours.current()
    assert chosen is (DARK if scheme == "dark" else LIGHT)
    for what, text, ground in text_pairs(chosen, palette):
        assert contrast(text, ground) >= WCAG_AA_TEXT, f"{scheme}: {what} {text} on {ground}"


def test_the_palettes_own_text_reads_on_the_notices_grounds(dark: QPalette) -> None:
    """Buttons and links in the notice keep the palette's colours: not lost on its ground."""
    for ground in (DARK.attention, DARK.news):
        assert contrast(dark.buttonText().color().name(), ground) >= WCAG_AA_TEXT


def test_both_variants_name_every_colour() -> None:
    for variant in (LIGHT, DARK):
        for name in Colours._fields:
            assert QColor(getattr(variant, name)).isValid(), name


def test_widgets_are_painted_again_when_the_palette_turns_dark(
    qapp: QApplication, qtbot, light: QPalette
) -> None:
    error = FieldError()
    outcome = OutcomePanel()
    qtbot.addWidget(error)
    qtbot.addWidget(outcome)
    outcome.show_success("Paid")
    assert LIGHT.error in error.styleSheet()
    assert LIGHT.ok in outcome.title.styleSheet()

    qapp.setPalette(dark_palette())

    assert DARK.error in error.styleSheet() and LIGHT.error not in error.styleSheet()
    assert DARK.ok in outcome.title.styleSheet()

    qapp.setPalette(qapp.style().standardPalette())

    assert LIGHT.error in error.styleSheet()
    assert LIGHT.ok in outcome.title.styleSheet()


def test_the_band_and_the_refund_notice_follow_the_palette(
    window: MainWindow, qapp: QApplication, dark: QPalette
) -> None:
    assert window.band.styleSheet() == colours.render(SANDBOX_STYLE)
    assert DARK.sandbox_band in window.band.styleSheet()
    window.band.show_profile(Profile(id="live", name="Shop", app_id="app-1"))
    assert DARK.live_band in window.band.styleSheet()
    assert colours.render(LIVE_STYLE) == window.band.styleSheet()
    notice = window.refund_notice
    assert notice.styleSheet() in (colours.render(ATTENTION_STYLE), colours.render(NEWS_STYLE))
    assert DARK.news in colours.render(NEWS_STYLE)
    assert DARK.attention_text in colours.render(ATTENTION_STYLE)


def test_no_colour_is_written_anywhere_else_in_the_gui() -> None:
    """One place for the console's colours: no #rrggbb, QColor or named colour elsewhere."""
    literal = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|QColor\(|color:\s*[a-z]+\s*;")
    offenders = [
        f"{path.relative_to(GUI)}:{number}: {line.strip()}"
        for path in sorted(GUI.rglob("*.py"))
        if path.name != "colours.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert offenders == []


WCAG_AA_GRAPHICS = 3.0  # the least contrast for the parts of a chart (WCAG 2.1, 1.4.11)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_charts_lines_and_bars_stand_out_from_their_ground(
    scheme: str, request: pytest.FixtureRequest
) -> None:
    palette: QPalette = request.getfixturevalue(scheme)
    chosen = colours.current()
    for name in ("chart_paid", "chart_refunded", "chart_bar"):
        for ground in (palette.base().color().name(), palette.window().color().name()):
            colour = getattr(chosen, name)
            assert contrast(colour, ground) >= WCAG_AA_GRAPHICS, f"{scheme}: {name} on {ground}"


def test_the_overview_charts_follow_the_palette(qapp: QApplication, qtbot, light: QPalette) -> None:
    from datetime import date

    from console.gui.tabs.overview.charts import ChannelBars, DailyChart
    from console.overview import ChannelShare, days_between

    daily, bars = DailyChart(), ChannelBars()
    qtbot.addWidget(daily)
    qtbot.addWidget(bars)
    daily.show_days(days_between(date(2026, 3, 1), date(2026, 3, 2)), [100, 0], [0, 50], "USD")
    bars.show_shares([ChannelShare("PAYPAL_PAYPAL", 2, 300)], "USD")

    def shown() -> tuple[str, ...]:
        return (
            daily.plot.backgroundBrush().color().name(),
            bars.plot.backgroundBrush().color().name(),
            daily.paid.opts["pen"].color().name(),
            daily.refunded.opts["pen"].color().name(),
            bars.bars.opts["brushes"][0].name(),  # the QColor given
            daily.amount_axis.textPen().color().name(),
        )

    base, text = light.base().color().name(), light.text().color().name()
    assert shown() == (base, base, LIGHT.chart_paid, LIGHT.chart_refunded, LIGHT.chart_bar, text)
    for chart in (daily, bars):
        chart.show()
        qtbot.waitExposed(chart)
    qapp.setPalette(dark_palette())
    dark = qapp.palette()
    base, text = dark.base().color().name(), dark.text().color().name()
    turned = (base, base, DARK.chart_paid, DARK.chart_refunded, DARK.chart_bar, text)
    qtbot.waitUntil(lambda: shown() == turned)  # the palette's change is an event
    assert DARK.chart_paid in daily.legend.text()


def test_a_negative_net_in_the_totals_follows_the_palette(
    qapp: QApplication, qtbot, light: QPalette
) -> None:
    """A net below zero is written in the error colour: the dark one once the palette
    turns dark (the light red stayed, 2.2:1 on the dark table), and back again."""
    from PySide6.QtCore import Qt

    from console.gui.tabs.overview.totals import TotalsTable
    from console.overview import CurrencyTotals

    table = TotalsTable()
    qtbot.addWidget(table)
    below = CurrencyTotals("USD", paid=100, paid_count=1, refunded=500, refund_count=1)
    above = CurrencyTotals("EUR", paid=900, paid_count=1)
    table.show_totals([("USD", below), ("EUR", above)])

    def net_colour(row: int) -> str | None:
        item = table.item(row, 5)
        assert item is not None
        brush = item.data(Qt.ItemDataRole.ForegroundRole)
        return None if brush is None else brush.color().name()

    assert (net_colour(0), net_colour(1)) == (LIGHT.error, None)
    qapp.setPalette(dark_palette())
    qtbot.waitUntil(lambda: net_colour(0) == DARK.error)
    assert net_colour(1) is None
    qapp.setPalette(qapp.style().standardPalette())
    qtbot.waitUntil(lambda: net_colour(0) == LIGHT.error)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_other_channels_bar_stands_out_from_its_ground(
    scheme: str, request: pytest.FixtureRequest, qtbot
) -> None:
    """The "other channels" bar is paler than a channel's, yet its edge is drawn in the
    bars' full colour: its fill alone was 1.8:1 on the light ground and 2.4:1 on the
    dark one, under the 3:1 a chart's parts need."""
    from console.gui.tabs.overview.charts import MAX_BARS, ChannelBars
    from console.overview import ChannelShare

    palette: QPalette = request.getfixturevalue(scheme)
    bars = ChannelBars()
    qtbot.addWidget(bars)
    shares = [ChannelShare(f"CHANNEL_{n}", 1, 1000 - n) for n in range(MAX_BARS + 2)]
    bars.show_shares(shares, "USD")
    ground = palette.base().color().name()
    edges = [QColor(pen) for pen in bars.bars.opts["pens"]]
    assert len(edges) == MAX_BARS + 1
    for edge in edges:
        assert edge.alpha() == 255
        assert contrast(edge.name(), ground) >= WCAG_AA_GRAPHICS, f"{scheme}: {edge.name()}"
    other = QColor(bars.bars.opts["brushes"][-1])
    assert other.alpha() < 255  # still paler: not a channel


def drawn_contrast(label: QLabel) -> float:
    """The highest contrast between the label's ground and a pixel of its text, as drawn."""
    image = label.grab().toImage()
    ground = image.pixelColor(0, 0).name()
    pixels = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    return max(contrast(pixel, ground) for pixel in pixels)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_payment_forms_hints_are_legible(
    scheme: str, request: pytest.FixtureRequest, window: MainWindow, qtbot
) -> None:
    """What is still to fill in before Pay, and where the CVV is, are texts to read: they
    were drawn in the palette's disabled text, 1.6:1 on Qt's light window."""
    request.getfixturevalue(scheme)
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_channel("PAYPAL_CREDITCARD")
    qtbot.waitUntil(lambda: tab.pay_hint.isVisible())
    (cvv_hint,) = [
        label for label in tab.findChildren(QLabel) if label.text().startswith("3 or 4 digits")
    ]
    # (the palette reaches the window's widgets as an event)
    qtbot.waitUntil(lambda: tab.pay_hint.palette().window() == QApplication.palette().window())
    for label in (tab.pay_hint, cvv_hint):
        assert drawn_contrast(label) >= WCAG_AA_TEXT, f"{scheme}: {label.text()}"
