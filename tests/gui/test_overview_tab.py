"""The Overview tab on the embedded sandbox (120 demo bills): its totals are those of
the sandbox's own records, a new range loads and draws again, the charts follow the
currency picked, and a range without figures says so."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QLocale, QObject, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip, QWidget

from console.api.models import BillQuery, BillRecord, RefundQuery, RefundRecord
from console.api.money import format_amount
from console.api.paging import all_bills, all_refunds
from console.gui import i18n
from console.gui.api_texts import channel_words
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, Profile
from console.gui.settings import DATES_PRESET, FIRST_DAY, OVERVIEW
from console.gui.tables.date_presets import LAST_7_DAYS, TODAY, day_bounds_ms
from console.gui.tabs.overview import OverviewTab
from console.gui.tabs.overview.charts import MAX_BARS, ChannelBars, DailyChart
from console.gui.tabs.overview.tab import FIGURES_PAGE, MESSAGE_PAGE
from console.overview import ChannelShare, days_between
from tests.gui.conftest import Said
from tests.gui.sandbox_bills import insert_bill
from tests.gui.sandbox_truth import embedded_sandbox_client, sandbox_of
from tests.mirror_support import pay_by_card
from tests.net_support import closed_port_url

TIMEOUT = 15_000
TODAY_ = date.today()
EVERYTHING = (TODAY_ - timedelta(days=400), TODAY_)  # the demo bills are within a year


@pytest.fixture
def overview(window: MainWindow, qtbot) -> OverviewTab:
    """The tab, shown on a range that holds every demo bill, once the history is synced."""
    tab = window.overview_tab  # built, not yet shown: nothing summed
    with qtbot.waitSignal(tab.redrawn, timeout=TIMEOUT):
        tab.show_range(*EVERYTHING)  # from the history, empty before its first sync
    with qtbot.waitSignal(window.session.history.sync_ended, timeout=TIMEOUT):
        window.tabs.setCurrentWidget(tab)  # the first showing syncs
    assert not tab.is_loading()
    assert tab.pages.currentIndex() == FIGURES_PAGE  # drawn again with what came
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
    rows: dict[str, tuple[str, ...]] = {}
    for code in set(paid) | set(refunded):
        label = code or "No currency given"

        def amount(hundredths: int, code: str = code) -> str:
            return format_amount(hundredths, code) if code else "—"  # never added up

        rows[label] = (
            label,
            str(len(paid[code])),
            amount(sum(paid[code])),
            str(len(refunded[code])),
            amount(sum(refunded[code])),
            amount(sum(paid[code]) - sum(refunded[code])),
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


def local_day(ms: int) -> date:
    return datetime.fromtimestamp(ms / 1000).date()


def test_the_charts_show_the_busiest_currency_first(
    window: MainWindow, overview: OverviewTab
) -> None:
    bills, refunds = truth(window, *EVERYTHING)
    volume: dict[str, int] = defaultdict(int)
    currencies = [b.currency for b in bills if b.paid] + [r.currency for r in refunds]
    for currency in currencies:
        if currency:
            volume[currency] += 1
    busiest = min(volume, key=lambda code: (-volume[code], code))
    assert overview.chart_currency() == busiest
    assert overview.totals_table.cell_text(0, 0) == busiest  # the table's first row too
    chart = overview.daily_chart
    assert chart.title.text() == f"Paid and refunded per day, {busiest}"
    assert chart.amount_title() == f"Amount ({busiest})"
    days = days_between(*EVERYTHING)
    paid_per_day: dict[date, int] = defaultdict(int)
    refunded_per_day: dict[date, int] = defaultdict(int)
    for bill in bills:
        if bill.paid and bill.currency == busiest:
            paid_per_day[local_day(bill.created_time)] += bill.total_fee
    for refund in refunds:
        if refund.finished and refund.succeeded and refund.currency == busiest:
            refunded_per_day[local_day(refund.created_time)] += refund.refund_fee
    # Every day of the range is plotted, in order, zeros too, in major units.
    paid, refunded = chart.plotted()
    assert chart.point_count() == len(paid) == len(refunded) == len(days)
    assert [round(value * 100) for value in paid] == [paid_per_day[day] for day in days]
    assert [round(value * 100) for value in refunded] == [refunded_per_day[day] for day in days]
    assert 0 in [round(value * 100) for value in paid]  # a day without a payment is there
    paid_total = sum(paid_per_day.values())
    assert round(sum(paid) * 100) == paid_total
    assert round(sum(refunded) * 100) == sum(refunded_per_day.values())

    bars = overview.channel_chart
    assert bars.title.text() == f"Share of each channel in the amount paid, {busiest}"
    per_channel: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for bill in bills:
        if bill.paid and bill.currency == busiest:
            per_channel[bill.channel][0] += 1
            per_channel[bill.channel][1] += bill.total_fee
    assert len(per_channel) <= MAX_BARS  # no "other channels" bar here
    largest_first = sorted(per_channel, key=lambda channel: -per_channel[channel][1])
    assert bars.bar_labels() == [channel_words(channel) for channel in largest_first]
    values = bars.bar_values()
    assert values == sorted(values, reverse=True)
    assert [round(value * 100) for value in values] == [per_channel[c][1] for c in largest_first]
    assert round(sum(values) * 100) == paid_total
    # Beside each bar: its share, amount and number of bills.
    for channel, text in zip(largest_first, bars.figures(), strict=True):
        count, amount = per_channel[channel]
        share = f"{100 * amount / paid_total:.1f}%"
        assert text == f"{share} · {format_amount(amount, busiest)} · {count} bills"


def test_pointing_at_a_day_tells_its_paid_and_refunded_amounts(
    overview: OverviewTab, qtbot
) -> None:
    chart = overview.daily_chart
    paid, refunded = chart.plotted()
    place = max(range(len(paid)), key=lambda at: (paid[at], refunded[at]))  # the busiest day
    code = overview.chart_currency()
    assert code is not None
    view = chart.plot.getPlotItem().getViewBox()
    middle = view.viewRange()[1][1] / 2
    at = chart.plot.mapFromScene(view.mapViewToScene(QPointF(place, middle)))
    qtbot.mouseMove(chart.plot.viewport(), at)
    qtbot.waitUntil(QToolTip.isVisible, timeout=TIMEOUT)
    # A year of days is a pixel or two each: the mouse is on that day or its neighbour.
    hit = round(view.mapSceneToView(chart.plot.mapToScene(at)).x())
    assert abs(hit - place) <= 1
    day = EVERYTHING[0] + timedelta(days=hit)
    assert QToolTip.text() == (
        f"{day.isoformat()}\n"
        f"Paid: {code} {format_amount(round(paid[hit] * 100), code)}\n"
        f"Refunded: {code} {format_amount(round(refunded[hit] * 100), code)}"
    )
    QToolTip.hideText()


def test_the_currency_picker_and_the_table_choose_the_charts_currency(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:
    picker = overview.currency_picker
    last = picker.itemData(picker.count() - 1)  # the least busy currency
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        picker.setCurrentIndex(picker.count() - 1)
    assert overview.chart_currency() == last
    assert overview.daily_chart.title.text() == f"Paid and refunded per day, {last}"
    assert overview.daily_chart.amount_title() == f"Amount ({last})"
    labels = overview.channel_chart.bar_labels()
    assert labels and all("PayPal" in label for label in labels)
    values = overview.channel_chart.bar_values()
    named = values[:-1] if labels[-1] == "Other channels" else values  # the rest: last
    assert named == sorted(named, reverse=True)
    assert overview.totals_table.currentRow() == picker.count() - 1  # the table follows
    second = overview.totals_table.cell_text(1, 0)
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        overview.totals_table.cellClicked.emit(1, 0)  # a click on the second row
    assert overview.chart_currency() == second == picker.currentText()
    assert second in overview.daily_chart.amount_title()
    assert second in overview.channel_chart.title.text()
    # The choice stays when the range changes, while the new range has that currency.
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        overview.refresh_button.click()
    assert overview.chart_currency() == second


def test_the_arrow_keys_in_the_totals_choose_the_charts_currency(
    overview: OverviewTab, qtbot
) -> None:
    """Found by keys alone: Down in the totals moved the highlight to the next currency
    while the charts beside went on showing the first; only a click chose. The row the
    keys reach is the charts' currency, as the row clicked."""
    table = overview.totals_table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    assert overview.chart_currency() == table.currency_at(0)
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentRow() == 1
    assert overview.chart_currency() == table.currency_at(1)
    assert table.cell_text(1, 0) in overview.daily_chart.title.text()
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):  # the figures summed again
        overview.refresh_button.click()
    assert overview.chart_currency() == table.currency_at(1)
    assert [index.row() for index in table.selectionModel().selectedRows()] == [1]


def test_ctrl_c_in_the_totals_copies_the_row_selected_for_a_spreadsheet(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:
    """Ctrl+C on a currency's totals, its whole row highlighted, copied the one cell that
    had the focus; it copies the row under the titles, tab-separated, as the tables of
    records do."""
    table = overview.totals_table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.setCurrentCell(1, 2)
    QGuiApplication.clipboard().setText("")
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    titles, row = QGuiApplication.clipboard().text().split("\n")
    assert titles.split("\t") == ["Currency", "Paid bills", "Paid", "Refunds", "Refunded", "Net"]
    assert row.split("\t") == [table.cell_text(1, column) for column in range(6)]
    assert window.statusBar().currentMessage() == "Copied 1 row."


def test_a_new_range_loads_and_draws_again(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:
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
) -> None:
    first, last = TODAY_ - timedelta(days=20), TODAY_ - timedelta(days=10)
    dates = overview.dates
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        dates.set_days(first, last)  # the picker is on the custom range already
    assert overview.summary.text().startswith(f"{first} to {last}")
    bills, refunds = truth(window, first, last)
    assert overview.overview.bills_seen == len(bills)
    assert shown_rows(overview) == expected_rows(bills, refunds)
    assert overview.daily_chart.point_count() == 11


def test_a_range_without_figures_says_so_plainly(overview: OverviewTab, qtbot) -> None:
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        overview.show_range(date(2010, 1, 1), date(2010, 1, 31))
    assert overview.pages.currentIndex() == MESSAGE_PAGE
    assert not overview.daily_chart.isVisible() and not overview.channel_chart.isVisible()
    assert overview.message.isVisible()
    assert overview.message.text() == "No paid bills and no refunds in 2010-01-01 to 2010-01-31."


def january_2010_after_a_first_sync_whose_list_failed(
    window: MainWindow, qtbot, lister: str
) -> OverviewTab:
    """The Overview on January 2010, shown for the first time (which syncs) while the
    sandbox answers its `lister` ("bills" or "refunds") with an error page."""
    from console.sandbox.faults import Fault

    tab = window.overview_tab
    sandbox_of(window.session).faults.set(lister, Fault("html-500"))
    with qtbot.waitSignal(tab.redrawn, timeout=TIMEOUT):
        tab.show_range(date(2010, 1, 1), date(2010, 1, 31))
    with qtbot.waitSignal(window.session.history.sync_ended, timeout=TIMEOUT):
        window.tabs.setCurrentWidget(tab)  # the first showing syncs
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=TIMEOUT)
    return tab


def test_a_range_without_figures_of_a_history_never_whole_says_they_are_not_known(
    window: MainWindow, qtbot
) -> None:
    """A first sync whose refunds could not be listed (its bills were): a range without
    records said 'No paid bills and no refunds', of refunds never fetched."""
    tab = january_2010_after_a_first_sync_whose_list_failed(window, qtbot, "refunds")
    assert window.session.history.holds_records()  # its bills came
    assert tab.pages.currentIndex() == MESSAGE_PAGE
    assert tab.message.text() == (
        "The history on this computer is incomplete, so the figures of 2010-01-01 to "
        "2010-01-31 are not known yet."
    )


def test_a_range_of_a_history_that_never_came_counts_nothing_of_it(
    window: MainWindow, qtbot
) -> None:
    """A first sync answered with an error page: the summary above the message said
    '2010-01-01 to 2010-01-31: 0 bills and 0 refunds · The sync failed (The server
    answered with an error)', counts of a shop nothing is known of, under which the
    message said its figures were not known."""
    tab = january_2010_after_a_first_sync_whose_list_failed(window, qtbot, "bills")
    assert not window.session.history.holds_records()
    assert tab.message.text().startswith("No history on this computer yet, so the ")
    summary = tab.summary.text()
    assert "0 bills" not in summary and "0 refunds" not in summary
    assert summary == (
        "2010-01-01 to 2010-01-31 · The sync failed (The server answered with an error) "
        "— no history on this computer yet"
    )


def test_amounts_of_no_known_currency_are_counted_never_added_up(window: MainWindow, qtbot) -> None:
    """Bills and a refund whose lists give no currency (a live server's, domestic ones)
    may be of several currencies: JPY 1,200 and USD 12.50 were summed as "1,212.50",
    and a refund of the one taken from the other in a "net", charted per day. They are
    counted, their amounts not added up, and not charted."""
    day, next_day = date(2012, 3, 7), date(2012, 3, 8)
    noon = int(datetime(day.year, day.month, day.day, 12).timestamp()) * 1000
    session = window.session
    for bill_no, currency, fee, at in (
        ("BCNOCURRENCY001", None, 120_000, noon),
        ("BCNOCURRENCY002", None, 1_250, noon),
        ("BCNOCURRENCY003", "EUR", 700, noon),
        ("BCNOCURRENCY004", None, 5, noon + 86_400_000),
    ):
        insert_bill(session, bill_no, currency=currency, total_fee=fee, created_time=at)
    store = sandbox_of(session).store
    assert store is not None
    store.insert_refund(SANDBOX_APP_ID, "20120307R0001", "BCNOCURRENCY001", 500, noon)
    tab = window.overview_tab
    with qtbot.waitSignal(session.history.sync_ended, timeout=TIMEOUT):
        window.tabs.setCurrentWidget(tab)  # the first showing syncs
    with qtbot.waitSignal(tab.redrawn, timeout=TIMEOUT):
        tab.show_range(day, day)
    assert shown_rows(tab) == {
        "EUR": ("EUR", "1", "7.00", "0", "0.00", "7.00"),
        "No currency given": ("No currency given", "2", "—", "1", "—", "—"),
    }
    unknown = tab.totals_table.rowCount() - 1
    amount_cell = tab.totals_table.item(unknown, 2)
    assert amount_cell is not None and "not added up" in amount_cell.toolTip()
    picker = tab.currency_picker
    assert [picker.itemText(i) for i in range(picker.count())] == ["EUR"]
    tab.totals_table.cellClicked.emit(unknown, 0)  # a click on its row charts nothing else
    assert tab.chart_currency() == "EUR"
    assert tab.daily_chart.isVisibleTo(tab) and not tab.no_charts.isVisibleTo(tab)
    with qtbot.waitSignal(tab.redrawn, timeout=TIMEOUT):
        tab.show_range(next_day, next_day)  # no known currency at all: no charts
    assert shown_rows(tab) == {"No currency given": ("No currency given", "1", "—", "0", "—", "—")}
    assert tab.chart_currency() is None and picker.count() == 0
    assert tab.no_charts.isVisibleTo(tab)
    assert not tab.daily_chart.isVisibleTo(tab) and not tab.channel_chart.isVisibleTo(tab)
    assert not picker.isVisibleTo(tab)


def test_a_range_of_unpaid_bills_only_says_what_was_not_counted(window: MainWindow, qtbot) -> None:
    """Nothing paid and nothing refunded, but a bill left unpaid: the message says so too.
    The line "Not counted — unpaid bills: 1…" was on the figures' page, hidden behind the
    message, which said "No paid bills and no refunds" under a summary of "1 bill"."""
    day = date(2011, 1, 5)
    noon = int(datetime(day.year, day.month, day.day, 12).timestamp()) * 1000
    insert_bill(window.session, "BCUNPAID20110105", paid=False, created_time=noon)
    tab = window.overview_tab
    with qtbot.waitSignal(window.session.history.sync_ended, timeout=TIMEOUT):
        window.tabs.setCurrentWidget(tab)  # the first showing syncs
    with qtbot.waitSignal(tab.redrawn, timeout=TIMEOUT):
        tab.show_range(day, day)
    assert tab.pages.currentIndex() == MESSAGE_PAGE
    assert tab.summary.text().startswith("2011-01-05: 1 bill and 0 refunds")
    not_counted = "Not counted — unpaid bills: 1; refunds in progress: 0; refused refunds: 0."
    assert tab.message.text() == f"No paid bills and no refunds in 2011-01-05.\n{not_counted}"
    with qtbot.waitSignal(tab.redrawn, timeout=TIMEOUT):
        tab.show_range(day, day + timedelta(days=1))  # from the message page
    assert tab.message.text().endswith(
        "Not counted — unpaid bills: 1; refunds in progress: 0; refused refunds: 0."
    )
    with qtbot.waitSignal(tab.redrawn, timeout=TIMEOUT):
        tab.show_range(date(2010, 1, 1), date(2010, 1, 31))  # nothing at all
    assert tab.message.text() == "No paid bills and no refunds in 2010-01-01 to 2010-01-31."


def test_a_last_day_before_the_first_is_refused(overview: OverviewTab) -> None:
    overview.show_range(TODAY_, TODAY_ - timedelta(days=3))
    assert not overview.is_loading()
    assert overview.pages.currentIndex() == MESSAGE_PAGE
    assert overview.message.text() == "The last day is before the first day."


def test_the_range_is_remembered(window: MainWindow, overview: OverviewTab) -> None:
    settings = window.session.settings.group(OVERVIEW)
    assert settings.get(DATES_PRESET) == "custom"
    assert settings.get(FIRST_DAY) == EVERYTHING[0].isoformat()
    again = OverviewTab(window.session)
    try:
        assert again.days() == EVERYTHING
    finally:
        again.deleteLater()


def test_refresh_during_a_sync_is_followed_by_one_more(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:
    """Refresh (F5) asks for what the server has now: a sync running when it is pressed
    may have read a bill before it changed, and one more follows it (one only)."""
    history = window.session.history
    started: list[object] = []
    history.sync_started.connect(started.append)
    running = history.sync()  # the timer's, say
    overview.refresh_button.click()
    assert started == [running]
    qtbot.waitUntil(lambda: len(started) == 2 and not history.syncing, timeout=TIMEOUT)
    assert started[1] is not running and not overview.is_loading()


def test_the_status_bars_cancel_stops_a_sync_and_the_figures_stay(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:
    shown = shown_rows(overview)
    overview.refresh_button.click()
    assert overview.is_loading() and window.cancel_button.isVisibleTo(window)
    with qtbot.waitSignal(window.session.history.sync_ended, timeout=TIMEOUT) as ended:
        window.cancel_button.click()
    assert ended.args == ["stopped"] and not overview.is_loading()
    assert overview.pages.currentIndex() == FIGURES_PAGE and shown_rows(overview) == shown
    assert "History as of" in overview.summary.text()


def test_the_summary_says_the_day_of_the_last_sync_once_midnight_has_passed(
    window: MainWindow, overview: OverviewTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A range picked by hand, the console left open past midnight with no sync: the
    status bar said 'History as of 5 Dec 14:02' while the Overview's summary still said
    'History as of 14:02', as if of today (it was written only when the figures were
    summed again). It follows what the status bar says."""
    from console.gui import history as history_module

    assert re.search(r"History as of \d\d:\d\d: ", overview.summary.text())
    tomorrow = date.today() + timedelta(days=1)
    monkeypatch.setattr(history_module, "today", lambda: tomorrow)
    window.session.history.day_watch.timeout.emit()
    assert window.history_label.text() in overview.summary.text(), overview.summary.text()
    assert re.search(r"History as of \d{1,2} [A-Z][a-z]{2} \d\d:\d\d: ", overview.summary.text())


def test_another_profile_is_loaded_at_once_and_a_failure_is_said(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:
    session = window.session
    profile = Profile.new_live("Shop", "app-1", (closed_port_url(),))
    session.profiles.save(profile)
    session.secrets.set(profile.id, "not-a-real-secret")
    with qtbot.waitSignal(session.history.sync_ended, timeout=TIMEOUT):
        session.activate(profile.id)
    assert overview.outcome.isVisible() and overview.outcome.kind == "transport"
    assert overview.pages.currentIndex() == MESSAGE_PAGE  # its history is empty
    # never "No paid bills and no refunds in …" of a shop whose history never came
    assert overview.message.text().startswith("No history on this computer yet, so the ")
    assert "No paid bills" not in overview.message.text()
    assert "Offline — no history on this computer yet" in overview.summary.text()
    assert not overview.is_loading()
    with qtbot.waitSignal(session.history.sync_ended, timeout=TIMEOUT):  # back: the sandbox
        session.activate("sandbox")
    assert overview.pages.currentIndex() == FIGURES_PAGE and not overview.outcome.isVisible()


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The console in Simplified Chinese for one test; English again afterwards."""
    i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    i18n.uninstall()


def test_the_charts_texts_are_chinese_in_a_chinese_console(chinese, qtbot) -> None:
    daily, bars = DailyChart(), ChannelBars()
    qtbot.addWidget(daily)
    qtbot.addWidget(bars)
    days = days_between(date(2026, 3, 1), date(2026, 3, 3))
    daily.show_days(days, [1250, 0, 300], [0, 100, 0], "USD")
    assert daily.title.text() == "每日支付与退款金额（USD）"
    assert daily.amount_title() == "金额（USD）"
    assert daily.plot.getPlotItem().getAxis("bottom").labelText == "日期"
    assert "已支付" in daily.legend.text() and "已退款" in daily.legend.text()
    # its days written as the Overview's range above it and the tables write them (they
    # were ISO: 2026-03-01 under "2026/03/01 至 2026/03/03")
    assert daily.day_text(0) == "2026/03/01\n已支付：USD 12.50\n已退款：USD 0.00"
    assert daily.spoken_day(0) == "2026/03/01：已支付 USD 12.50，已退款 USD 0.00。"  # keys' day
    shares = [ChannelShare(f"CHANNEL_{n}", n + 1, 10_000 - n) for n in range(MAX_BARS + 2)]
    bars.show_shares(shares, "USD")
    assert bars.title.text() == "各渠道占支付金额的比例（USD）"
    assert bars.bar_labels() == [*(share.channel for share in shares[:MAX_BARS]), "其他渠道"]
    assert bars.figures()[0] == "12.5% · 100.00 · 1 笔账单"
    assert bars.figures()[-1] == "25.0% · 199.87 · 15 笔账单"  # the two smallest, together
    assert daily.plot.accessibleName() == daily.title.text()
    assert daily.plot.accessibleDescription() == (
        "2026/03/01 至 2026/03/03：已支付 USD 15.50，已退款 USD 1.00。"
        "支付金额最多的一天是 2026/03/01：USD 12.50。"
    )
    assert bars.plot.accessibleDescription().startswith(
        "CHANNEL_0：12.5% · 100.00 · 1 笔账单；CHANNEL_1："
    )
    bars.show_shares([], "JPY")
    assert bars.title.text() == "此期间没有以 JPY 支付的账单" and bars.plot.isHidden()


def axis_day_names(daily: DailyChart) -> dict[int, str]:
    """The days the date axis names, by their place (as many as its width has room for)."""
    ticks = daily.plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    return dict(ticks)


def test_the_days_under_the_chart_are_written_as_the_range_above_it_writes_them(
    chinese, qtbot
) -> None:
    """Found on a Chinese console: the date axis said 2025-12-31 and 2026-01-04 under
    "2025/12/31 至 2026/01/04" (ISO, whatever the console's way of writing a date); and
    an English console of a British computer read 12-31 for 31/12."""
    daily = DailyChart()
    qtbot.addWidget(daily)

    def names(first: date, last: date) -> dict[int, str]:
        days = days_between(first, last)
        daily.show_days(days, [0] * len(days), [0] * len(days), "USD")
        return axis_day_names(daily)

    assert names(date(2025, 12, 31), date(2026, 1, 1))[0] == "2025/12/31"
    assert names(date(2026, 3, 1), date(2026, 3, 2))[0] == "03/01"  # within a year: no year
    i18n.apply(i18n.ENGLISH, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    assert names(date(2026, 3, 1), date(2026, 3, 2))[0] == "01/03"
    assert names(date(2025, 12, 31), date(2026, 1, 1))[0] == "31/12/2025"


def test_the_chinese_summary_counts_bills_and_refunds_as_the_status_bar_does(
    chinese, window: MainWindow, overview: OverviewTab
) -> None:
    """Found on a Chinese console: '2026-12-06：10 笔账单和3 笔退款', a space before the
    first count's measure word and none before the second's; the status bar lists the
    two as '3,005 笔账单，410 笔退款'."""
    bills, refunds = truth(window, *EVERYTHING)
    summary = overview.summary.text()
    assert f"：{len(bills)} 笔账单，{len(refunds)} 笔退款 · " in summary, summary


def test_the_charts_keep_their_place_as_the_range_changes(
    window: MainWindow, overview: OverviewTab, qtbot
) -> None:
    """A clerk flipping between ranges sees the charts stay put: the totals' room grows
    to fit wider figures, and does not shrink back with narrower ones (each move
    also painted the charts again, twice)."""
    before_today = (TODAY_ - timedelta(days=400), TODAY_ - timedelta(days=1))
    with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
        overview.show_range(*before_today)
    client = embedded_sandbox_client(window.session)
    try:
        pay_by_card(client, 2**31 - 1, "USD")  # today: 21,474,836.47, the widest figure
    finally:
        client.close()
    with qtbot.waitSignal(window.session.history.sync_ended, timeout=TIMEOUT):
        window.session.history.sync()
    window.resize(1024, 700)
    overview.splitter.setSizes([1, 10_000])  # the totals at their narrowest

    def chart_width_after(first: date, last: date) -> int:
        with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
            overview.show_range(first, last)
        assert overview.pages.currentIndex() == FIGURES_PAGE
        for _ in range(5):  # the layout's requests, posted from the table up, all handled
            QApplication.processEvents()
        return overview.daily_chart.width()

    narrow = chart_width_after(*before_today)
    wide = chart_width_after(TODAY_, TODAY_)
    assert wide < narrow  # the totals took the room their figures need
    assert chart_width_after(*before_today) == wide  # and kept it
    assert chart_width_after(TODAY_, TODAY_) == wide
    table = overview.totals_table
    assert table.width() >= table.horizontalHeader().length()  # no figure hidden


def test_a_new_range_paints_the_daily_chart_once(overview: OverviewTab, qtbot) -> None:
    """The charts are laid out and given their ranges before they paint: pyqtgraph did
    that in the next turns of the event loop, each painting the charts again (a year's
    daily chart takes some 50 ms a paint at a million bills)."""
    paints: dict[str, int] = {}

    class PaintCounter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                paints[watched.objectName()] = paints.get(watched.objectName(), 0) + 1
            return False

    counter = PaintCounter()
    for chart in (overview.daily_chart, overview.channel_chart):
        viewport = chart.plot.viewport()
        viewport.setObjectName(type(chart).__name__)
        viewport.installEventFilter(counter)
    for first in (TODAY_ - timedelta(days=6), EVERYTHING[0], TODAY_ - timedelta(days=29)):
        paints.clear()
        with qtbot.waitSignal(overview.redrawn, timeout=TIMEOUT):
            overview.show_range(first, TODAY_)
        qtbot.waitUntil(lambda: len(paints) == 2, timeout=TIMEOUT)
        for _ in range(5):  # whatever else the change had posted, handled
            QApplication.processEvents()
        # the daily chart, which takes the time, once; the bars' plot may paint again
        # what their texts' layout changed as it painted
        assert paints["DailyChart"] == 1 and paints["ChannelBars"] <= 2, (first, paints)


def test_a_long_range_after_a_short_one_makes_no_dot_per_day(qtbot) -> None:
    """A range of years after one of a month froze the window for a third of a second
    and kept 33 MB (2001 to 2286, every day a date can be): each day's dot was made,
    for the month's dots were still asked for as the years' amounts were given, and
    then hidden. Dots are made for a range that shows them only, whatever came before."""
    daily = DailyChart()
    qtbot.addWidget(daily)
    dots_made: list[int] = []
    for line in (daily.paid, daily.refunded):
        make_dots = line.scatter.setData

        def counted(*args: object, make_dots: Any = make_dots, **kwargs: Any) -> None:
            dots_made.append(len(kwargs["x"]))
            make_dots(*args, **kwargs)

        line.scatter.setData = counted
    month = days_between(date(2026, 3, 1), date(2026, 3, 30))
    years = days_between(date(2016, 1, 1), date(2025, 12, 31))
    for days in (month, years, month):
        daily.show_days(days, [100] * len(days), [0] * len(days), "USD")
    assert dots_made and max(dots_made) == len(month)
    assert daily.paid.opts["symbol"] == "o"


def test_a_screen_reader_says_each_charts_title_and_figures(qtbot) -> None:
    """Found with a screen reader's ears: Tab stopped on each chart, which said nothing
    (no name, no description): the figures were for the eyes only. A chart is named by
    its title and describes its figures."""
    daily, bars = DailyChart(), ChannelBars()
    qtbot.addWidget(daily)
    qtbot.addWidget(bars)
    days = days_between(date(2026, 3, 1), date(2026, 3, 3))
    daily.show_days(days, [1250, 0, 3000], [0, 100, 0], "USD")
    assert daily.plot.accessibleName() == "Paid and refunded per day, USD"
    assert daily.plot.accessibleDescription() == (
        "2026-03-01 to 2026-03-03: paid USD 42.50, refunded USD 1.00. "
        "Most paid on 2026-03-03: USD 30.00."
    )
    daily.show_days(days, [0, 0, 0], [0, 100, 0], "JPY")
    assert daily.plot.accessibleDescription() == (
        "2026-03-01 to 2026-03-03: paid JPY 0, refunded JPY 1."
    )
    bars.show_shares(
        [ChannelShare("PAYPAL_PAYPAL", 2, 3000), ChannelShare("BC_CARD", 1, 1000)], "USD"
    )
    assert bars.plot.accessibleName() == "Share of each channel in the amount paid, USD"
    assert bars.plot.accessibleDescription() == (
        "PayPal account: 75.0% · 30.00 · 2 bills; BC_CARD: 25.0% · 10.00 · 1 bill"
    )


def test_a_share_neither_all_nor_nothing_is_never_written_100_or_0_percent(qtbot) -> None:
    """Found over a week of 2,000 card bills: the bars said 'PAYPAL_CREDITCARD 100.0%'
    beside 'PAYPAL_PAYPAL 0.0% · 2,464.06 · 13 bills': a channel of 13 paid bills said to
    hold nothing, and one said to hold everything beside it."""
    bars = ChannelBars()
    qtbot.addWidget(bars)
    bars.show_shares(
        [
            ChannelShare("PAYPAL_CREDITCARD", 297, 674_726_062),
            ChannelShare("PAYPAL_PAYPAL", 13, 246_406),
            ChannelShare("PAYPAL_SAVED_CREDITCARD", 16, 81_541),
        ],
        "USD",
    )
    assert bars.figures() == [
        ">99.9% · 6,747,260.62 · 297 bills",
        "<0.1% · 2,464.06 · 13 bills",
        "<0.1% · 815.41 · 16 bills",
    ]
    bars.show_shares(
        [ChannelShare("PAYPAL_PAYPAL", 3, 2_000), ChannelShare("BC_CARD", 1, 1_000)], "USD"
    )
    assert bars.figures() == ["66.7% · 20.00 · 3 bills", "33.3% · 10.00 · 1 bill"]
    bars.show_shares([ChannelShare("PAYPAL_PAYPAL", 2, 3000)], "USD")
    assert bars.figures() == ["100.0% · 30.00 · 2 bills"]  # all of it is all


def shown_charts(qtbot) -> tuple[QWidget, DailyChart, ChannelBars]:
    """The two charts in a window of their own, shown and active, with figures of three
    days, and a field before them, with the focus (the window is kept by the caller:
    qtbot does not keep it)."""
    window = QWidget()
    qtbot.addWidget(window)
    field = QLineEdit(window)
    daily, bars = DailyChart(window), ChannelBars(window)
    daily.setGeometry(0, 30, 600, 300)
    bars.setGeometry(0, 330, 600, 200)
    window.resize(600, 530)
    days = days_between(date(2026, 3, 1), date(2026, 3, 3))
    daily.show_days(days, [1250, 0, 3000], [0, 100, 0], "USD")
    bars.show_shares([ChannelShare("PAYPAL_PAYPAL", 2, 3000)], "USD")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    return window, daily, bars


def border_of(image: QImage) -> list[int]:
    """The colours of the pixels of the image's outer three pixels."""
    width, height = image.width(), image.height()
    return [
        image.pixel(x, y)
        for x in range(width)
        for y in range(height)
        if min(x, y, width - 1 - x, height - 1 - y) < 3
    ]


def test_a_chart_that_tab_reaches_shows_it_has_the_focus(qtbot) -> None:
    """Found by Tab: on a chart, the focus showed nowhere, as if Tab had gone astray.
    A chart with the keyboard's focus draws the style's focus frame round it."""
    window, daily, bars = shown_charts(qtbot)
    for chart in (daily, bars):
        plot = chart.plot
        before = plot.grab().toImage()
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        assert plot.hasFocus()
        framed = plot.grab().toImage()
        assert border_of(framed) != border_of(before), type(chart).__name__
    plot.clearFocus()
    assert border_of(plot.grab().toImage()) == border_of(before)


def test_the_arrow_keys_step_through_the_days_of_the_daily_chart(
    qtbot, announced: list[Said]
) -> None:
    """On the daily chart, Left and Right (Home, End) pick a day: a screen reader says
    its figures, which are the chart's description while it is picked, and a label on
    the chart shows them by the day, as pointing at it does. Leaving the chart leaves
    its figures for the range's."""
    window, daily, _bars = shown_charts(qtbot)
    plot = daily.plot
    summary = plot.accessibleDescription()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert plot.hasFocus()

    def picked() -> str:
        said = announced[-1]
        assert said.by is plot and said.urgent  # as a list says the row moved to
        assert said.text == plot.accessibleDescription()
        assert daily.day_label.isVisible()
        place = daily.day_shown()
        assert place is not None and daily.day_label.text() == daily.day_text(place)
        assert plot.rect().contains(daily.day_label.geometry())
        return said.text

    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert picked() == "2026-03-01: paid USD 12.50, refunded USD 0.00."
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    assert picked() == "2026-03-02: paid USD 0.00, refunded USD 1.00."
    qtbot.keyClick(plot, Qt.Key.Key_End)
    assert picked() == "2026-03-03: paid USD 30.00, refunded USD 0.00."
    # the window made narrower: the label follows its day, in sight (it stayed where
    # it was, out of the plot)
    daily.resize(300, daily.height())
    qtbot.waitUntil(lambda: plot.rect().contains(daily.day_label.geometry()))
    said = len(announced)
    qtbot.keyClick(plot, Qt.Key.Key_Right)  # the last day: it stays, and is not said again
    assert daily.day_shown() == 2 and len(announced) == said
    qtbot.keyClick(plot, Qt.Key.Key_Home)
    assert picked().startswith("2026-03-01:")
    qtbot.keyClick(plot, Qt.Key.Key_Left)
    assert daily.day_shown() == 0

    plot.clearFocus()
    assert not daily.day_label.isVisible() and plot.accessibleDescription() == summary
    plot.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(plot, Qt.Key.Key_Left)  # from none picked: the last day
    assert daily.day_shown() == 2
    daily.show_days(days_between(date(2026, 3, 1), date(2026, 3, 2)), [5, 6], [0, 0], "USD")
    assert daily.day_shown() is None and not daily.day_label.isVisible()


@pytest.mark.parametrize("amount", [1, 14_906, 350_000_000, 2**31 - 1])
@pytest.mark.parametrize("day_count", [1, 2, 366])
def test_the_axes_titles_carry_no_scale_of_their_own(qtbot, day_count: int, amount: int) -> None:
    """A day is a day and an amount is written in full: pyqtgraph's automatic SI scale
    made a one-day range's axis read "Day (x0.001)"."""
    daily = DailyChart()
    qtbot.addWidget(daily)
    daily.resize(600, 400)
    daily.show()
    days = days_between(TODAY_ - timedelta(days=day_count - 1), TODAY_)
    daily.show_days(days, [amount] * day_count, [amount // 3] * day_count, "USD")
    qtbot.waitExposed(daily)
    item = daily.plot.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.updateAutoSIPrefix()
        assert "(x" not in axis.labelString(), (name, axis.labelString())


@pytest.mark.parametrize(("amounts", "currency"), [([1], "USD"), ([3, 1, 0, 2, 5], "USD")])
def test_no_two_amount_lines_are_named_alike(qtbot, amounts: list[int], currency: str) -> None:
    """Lines are never closer than the smallest amount written: a day of a cent had
    lines named "0.01", "0.01", "0.01", "0.00"..."""
    daily = DailyChart()
    qtbot.addWidget(daily)
    days = days_between(TODAY_ - timedelta(days=len(amounts) - 1), TODAY_)
    daily.show_days(days, amounts, [0] * len(amounts), currency)
    axis = daily.amount_axis
    low, high = axis.range
    levels = axis.tickValues(low, high, 300)
    assert levels
    for spacing, values in levels:
        texts = axis.tickStrings(values, 1.0, spacing)
        assert len(set(texts)) == len(texts), texts


def test_on_a_wide_screen_the_charts_take_the_room_to_spare(
    window: MainWindow, overview: OverviewTab
) -> None:
    """Found at 1,920 × 1,080: the totals' column took two fifths of every pixel the
    window grew by, so the table of six narrow columns sat in the left of a pane some
    280 px wider than it, beside a blank strip, while the charts were squeezed. The
    totals keep the room their figures need; the charts take the rest."""
    window.resize(1024, 768)
    for _ in range(5):  # the layout's requests, posted from the table up, all handled
        QApplication.processEvents()
    totals = overview.splitter.widget(0)
    assert totals is not None
    narrow = totals.width()
    window.resize(1900, 1000)
    for _ in range(5):
        QApplication.processEvents()
    assert totals.width() == narrow, "the totals' pane grew beside a table that did not"
    assert overview.charts_area.width() > 1900 // 2
