"""The Overview tab on the embedded sandbox (120 demo bills): its totals are those of
the sandbox's own records, a new range loads and draws again, the charts follow the
currency picked, and a range without figures says so."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest

from console.api.models import BillQuery, BillRecord, RefundQuery, RefundRecord
from console.api.money import format_amount
from console.api.paging import all_bills, all_refunds
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile
from console.gui.tables.date_presets import LAST_7_DAYS, TODAY, day_bounds_ms
from console.gui.tabs.overview import OverviewTab
from console.gui.tabs.overview.tab import FIGURES_PAGE, MESSAGE_PAGE
from tests.gui.sandbox_truth import embedded_sandbox_client
from tests.net_support import closed_port_url

TIMEOUT = 15_000
TODAY_ = date.today()
EVERYTHING = (TODAY_ - timedelta(days=400), TODAY_)  # the demo bills are within a year


@pytest.fixture
def overview(window: MainWindow, qtbot) -> OverviewTab:  # type: ignore[no-untyped-def]
    """The tab, shown on a range that holds every demo bill."""
    tab = window.overview_tab  # built, not yet shown: nothing loaded
    with qtbot.waitSignal(tab.redrawn, timeout=TIMEOUT):
        tab.show_range(*EVERYTHING)
    window.tabs.setCurrentWidget(tab)
    assert not tab.is_loading()  # shown: no second load of the same range
    return tab


def truth(
    window: MainWindow, first: date, last: date
) -> tuple[list[BillRecord], list[RefundRecord]]:
    """The sandbox's bills and refunds of these days, asked with a client of our own."""
    start, end = day_bounds_ms(first, last)
    client = embedded_sandbox_client(window.session)
    try:
        return (
            all_bills(client, BillQuery(start_time=start, end_time=end)),
            all_refunds(client, RefundQuery(start_time=start, end_time=end)),
        )
    finally:
        client.close()


def expected_rows(
    bills: list[BillRecord], refunds: list[RefundRecord]
) -> dict[str, tuple[str, ...]]:
    """What the totals table must show per currency, computed here on its own."""
    paid: dict[str, list[int]] = defaultdict(list)
    refunded: dict[str, list[int]] = defaultdict(list)
    for bill in bills:
        if bill.paid:
            paid[bill.currency or ""].append(bill.total_fee)
    for refund in refunds:
        if refund.finished and refund.succeeded:
            refunded[refund.currency or ""].append(refund.refund_fee)
    rows = {}
    for code in set(paid) | set(refunded):
        label = code or "No currency given"
        rows[label] = (
            label,
            str(len(paid[code])),
            format_amount(sum(paid[code]), code),
            str(len(refunded[code])),
            format_amount(sum(refunded[code]), code),
            format_amount(sum(paid[code]) - sum(refunded[code]), code),
        )
    return rows


def shown_rows(tab: OverviewTab) -> dict[str, tuple[str, ...]]:
    table = tab.totals_table
    rows = [
        tuple(table.cell_text(row, column) for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]
    return {row[0]: row for row in rows}


def test_the_totals_are_those_of_the_sandboxs_records(
    window: MainWindow, overview: OverviewTab
) -> None:
    bills, refunds = truth(window, *EVERYTHING)
    assert len(bills) == 120 and refunds  # every demo bill is in the range
    assert overview.pages.currentIndex() == FIGURES_PAGE
    assert shown_rows(overview) == expected_rows(bills, refunds)
    assert "120 bills" in overview.summary.text()
    assert f"{len(refunds)} refunds" in overview.summary.text()
    unpaid = sum(not bill.paid for bill in bills)
    assert overview.not_counted.isVisibleTo(overview)
    assert f"unpaid bills: {unpaid};" in overview.not_counted.text()


def test_the_charts_show_the_busiest_currency_first(
    window: MainWindow, overview: OverviewTab
) -> None:
    bills, refunds = truth(window, *EVERYTHING)
    volume: dict[str, int] = defaultdict(int)
    for record in [*(b for b in bills if b.paid), *refunds]:
        if record.currency:
            volume[record.currency] += 1
    busiest = min(volume, key=lambda code: (-volume[code], code))
    assert overview.chart_currency() == busiest
    assert overview.totals_table.cell_text(0, 0) == busiest  # the table's first row too
    chart = overview.daily_chart
    assert busiest in chart.chart().title() and busiest in chart.y_axis.titleText()
    days = (EVERYTHING[1] - EVERYTHING[0]).days + 1
    assert chart.paid.count() == chart.refunded.count() == days  # every day, zeros too
    paid = sum(b.total_fee for b in bills if b.paid and b.currency == busiest)
    refunded = sum(r.refund_fee for r in refunds if r.currency == busiest)
    assert round(sum(p.y() for p in chart.paid.points()) * 100) == paid
    assert round(sum(p.y() for p in chart.refunded.points()) * 100) == refunded
    donut = overview.channel_chart
    channels = {b.channel for b in bills if b.paid and b.currency == busiest}
    assert set(donut.slice_labels()) == channels
    assert round(sum(piece.value() for piece in donut.series.slices()) * 100) == paid
    assert busiest in donut.title.text()


def test_the_currency_picker_and_the_table_choose_the_charts_currency(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:  # type: ignore[no-untyped-def]
    picker = overview.currency_picker
    other = picker.itemData(picker.count() - 1)  # the last: no currency given (domestic)
    assert other == "" and picker.itemText(picker.count() - 1) == "No currency given"
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        picker.setCurrentIndex(picker.count() - 1)
    assert overview.chart_currency() == ""
    assert "no currency given" in overview.daily_chart.chart().title()
    assert all(label.split("_")[0] != "PAYPAL" for label in overview.channel_chart.slice_labels())
    assert overview.totals_table.currentRow() == picker.count() - 1  # the table follows
    second = overview.totals_table.cell_text(1, 0)
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        overview.totals_table.cellClicked.emit(1, 0)  # a click on the second row
    assert overview.chart_currency() == second == picker.currentText()
    assert second in overview.daily_chart.y_axis.titleText()
    # The choice stays when the range changes, while the new range has that currency.
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        overview.refresh_button.click()
    assert overview.chart_currency() == second


def test_a_new_range_loads_and_draws_again(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:  # type: ignore[no-untyped-def]
    picker = overview.dates.preset
    for preset, first in ((LAST_7_DAYS, TODAY_ - timedelta(days=6)), (TODAY, TODAY_)):
        with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
            picker.setCurrentIndex(picker.findData(preset))
        bills, refunds = truth(window, first, TODAY_)
        assert overview.overview.bills_seen == len(bills)
        assert overview.overview.refunds_seen == len(refunds)
        assert overview.summary.text().startswith(
            first.isoformat() if first == TODAY_ else f"{first.isoformat()} to {TODAY_}"
        )
        if overview.pages.currentIndex() == FIGURES_PAGE:
            assert shown_rows(overview) == expected_rows(bills, refunds)
            assert overview.daily_chart.point_count() == (TODAY_ - first).days + 1


def test_days_picked_by_hand_load_once_the_typing_pauses(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:  # type: ignore[no-untyped-def]
    first, last = TODAY_ - timedelta(days=20), TODAY_ - timedelta(days=10)
    dates = overview.dates
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        dates.first_day.setDate(first)  # the picker is on the custom range already
        dates.last_day.setDate(last)
    assert overview.summary.text().startswith(f"{first} to {last}")
    bills, refunds = truth(window, first, last)
    assert overview.overview.bills_seen == len(bills)
    assert shown_rows(overview) == expected_rows(bills, refunds)
    assert overview.daily_chart.point_count() == 11


def test_a_range_without_figures_says_so_plainly(overview: OverviewTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        overview.show_range(date(2010, 1, 1), date(2010, 1, 31))
    assert overview.pages.currentIndex() == MESSAGE_PAGE
    assert not overview.daily_chart.isVisible() and not overview.channel_chart.isVisible()
    assert overview.message.isVisible()
    assert overview.message.text() == "No paid bills and no refunds in 2010-01-01 to 2010-01-31."


def test_a_last_day_before_the_first_is_refused(overview: OverviewTab) -> None:
    overview.show_range(TODAY_, TODAY_ - timedelta(days=3))
    assert not overview.is_loading()
    assert overview.pages.currentIndex() == MESSAGE_PAGE
    assert overview.message.text() == "The last day is before the first day."


def test_the_range_is_remembered(window: MainWindow, overview: OverviewTab) -> None:
    settings = window.session.settings
    assert settings.value("overview_tab/preset") == "custom"
    assert settings.value("overview_tab/first_day") == EVERYTHING[0].isoformat()
    again = OverviewTab(window.session)
    try:
        assert again.days() == EVERYTHING
    finally:
        again.deleteLater()


def test_the_status_bars_cancel_stops_a_load(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:  # type: ignore[no-untyped-def]
    overview.refresh_button.click()
    assert overview.is_loading() and window.cancel_button.isVisibleTo(window)
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not overview.is_loading(), timeout=TIMEOUT)
    assert "Loading stopped" in overview.message.text()
    assert overview.pages.currentIndex() == MESSAGE_PAGE


def test_another_profile_is_loaded_at_once_and_a_failure_is_said(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    profile = Profile.new_live("Shop", "app-1", (closed_port_url(),))
    session.profiles.save(profile)
    session.secrets.set(profile.id, "not-a-real-secret")
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        session.activate(profile.id)
    assert overview.outcome.isVisible() and overview.outcome.kind == "transport"
    assert overview.pages.currentIndex() == MESSAGE_PAGE
    assert overview.message.text() == "The figures could not be loaded."
    assert not overview.is_loading()
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):  # back: the sandbox's figures
        session.activate("sandbox")
    assert overview.pages.currentIndex() == FIGURES_PAGE and not overview.outcome.isVisible()
