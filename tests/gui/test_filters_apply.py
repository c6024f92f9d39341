"""What a table shows always matches the filters shown: a filter applies to the history
when it changes (a picker at once, a number on Enter or after a pause), rows of other
filters never stay, an export is named after the filters applied and holds only
their rows; a bill number finds its bill whatever the dates, and part of one says
where to look instead."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from console.api.models import BillRecord
from console.gui.main_window import MainWindow
from console.gui.tables import filter_bar
from console.gui.tables.date_presets import CUSTOM, LAST_7_DAYS, TODAY
from console.gui.tables.filter_bar import day_of
from console.gui.tabs.bills_tab import BillsTab
from console.store import mirror_query
from console.store.mirror import Mirror
from console.store.mirror_query import SEARCH_LINE_MAX_CHARS, SEARCH_MAX_LINES
from tests.clock_support import pickers_today, time_zone
from tests.gui.sandbox_bills import insert_bill
from tests.gui.tab_drivers import WAIT_MS, channels, column, show_tab, type_in
from tests.mirror_support import write_held_open

DAY_MS = 86_400_000


@pytest.fixture
def bills(window: MainWindow, qtbot) -> BillsTab:
    now = time.time_ns() // 1_000_000
    insert_bill(window.session, "TODAYBILL0001", created_time=now)
    insert_bill(window.session, "OLDBILL000001", created_time=now - 40 * DAY_MS, title="Chair")
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    return tab


def loaded(qtbot, tab: BillsTab) -> None:
    qtbot.waitUntil(lambda: not tab.is_loading(), timeout=WAIT_MS)


def test_a_picker_applies_at_once_and_no_row_of_other_filters_stays(qtbot, bills: BillsTab) -> None:
    assert "OLDBILL000001" in column(bills, "bill_no")
    bills.filters.dates.set_preset(TODAY)  # no Reload pressed: applied at once
    shown = column(bills, "bill_no")
    assert "TODAYBILL0001" in shown and "OLDBILL000001" not in shown
    bills.filters.channel.setCurrentIndex(bills.filters.channel.findData("PAYPAL_CREDITCARD"))
    shown_channels = channels(bills)
    assert shown_channels and set(shown_channels) == {"PAYPAL_CREDITCARD"}
    assert not bills.session.gateway.running()  # the history answered: nothing was sent


def test_an_export_is_named_after_the_filters_applied_and_holds_their_rows_only(
    qtbot, bills: BillsTab, tmp_path: Path
) -> None:
    chosen: list[str] = []

    def choose_path() -> Path:
        chosen.append(bills.export_file_stem())
        return tmp_path / "bills.csv"

    bills.exporter.choose_path = choose_path  # type: ignore[method-assign]  # a hook tests replace
    bills.filters.dates.set_preset(LAST_7_DAYS)
    bills.row_filters.set_status("paid")
    bills.export()
    qtbot.waitUntil(lambda: not bills.exporter.is_running(), timeout=WAIT_MS)
    today = date.today()
    first = (today - timedelta(days=6)).isoformat()
    assert chosen == [f"bills_{first}_to_{today.isoformat()}_paid"]
    assert "OLDBILL000001" not in (tmp_path / "bills.csv").read_text(encoding="utf-8-sig")


def test_a_bill_number_finds_its_bill_whatever_the_dates(qtbot, bills: BillsTab) -> None:
    bills.filters.dates.set_preset(TODAY)
    assert "OLDBILL000001" not in column(bills, "bill_no")
    hint = bills.filters.bill_no.toolTip()
    assert "whole bill number" in hint.lower() and "Find in the history" in hint
    type_in(qtbot, bills.filters.bill_no, "OLDBILL000001")  # applied after a pause
    qtbot.waitUntil(lambda: column(bills, "bill_no") == ["OLDBILL000001"], timeout=WAIT_MS)
    assert not bills.filters.dates.isEnabled() and not bills.filters.channel.isEnabled()
    assert bills.filters.number_note.isVisibleTo(bills)


def test_part_of_a_number_says_where_to_look_instead(qtbot, bills: BillsTab) -> None:
    type_in(qtbot, bills.filters.bill_no, "OLDBILL0")
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    assert bills.model.rowCount() == 0
    text = bills.count_label.text()
    assert "Nothing has the number OLDBILL0" in text and "Find in the history" in text
    assert "Part of a bill number" in bills.row_filters.text.placeholderText()
    bills.filters.bill_no.clear()
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    bills.filters.dates.set_preset(TODAY)
    bills.row_filters.set_text("bill0001")  # part of a number, in the history
    assert column(bills, "bill_no") == ["TODAYBILL0001"]  # with the dates shown
    bills.filters.dates.set_preset(LAST_7_DAYS)
    bills.filters.reset()
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    bills.row_filters.set_text("chair")
    assert column(bills, "bill_no") == ["OLDBILL000001"], "a title is found in the history"
    bills.row_filters.set_text("\u200bchair\ufeff ")  # pasted with invisible characters
    assert column(bills, "bill_no") == ["OLDBILL000001"]
    bills.row_filters.set_text("no title has these words")
    assert bills.model.rowCount() == 0
    assert bills.count_label.text().startswith("No bills match these filters · ")


@pytest.mark.parametrize("pasted", [" {number}", "\u200b{number}", "\ufeff{number}\r\n"])
def test_a_longest_number_pasted_with_a_blank_before_it_is_looked_for_whole(
    qtbot, window: MainWindow, bills: BillsTab, pasted: str
) -> None:
    """The number fields held 32 characters: a paste was cut to them before its blank was
    left out, and a bill number of 32 (the longest there is) pasted from a spreadsheet's
    cell or a chat was looked for without its last character, 'Nothing has the number'."""
    number = "LONGEST0" + "1" * 24  # 32 letters or digits
    insert_bill(window.session, number, title="Sofa")
    field = bills.filters.bill_no
    field.setFocus()
    QGuiApplication.clipboard().setText(pasted.format(number=number))
    field.paste()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: column(bills, "bill_no") == [number], timeout=WAIT_MS)


def test_a_bill_made_since_the_last_sync_is_found_by_its_whole_number(
    qtbot, window: MainWindow, bills: BillsTab
) -> None:
    """The history has not seen it yet: the server is asked for that one number, and what
    it answers is kept in the history."""
    insert_bill(window.session, "MADELATER0001", title="Desk")
    type_in(qtbot, bills.filters.bill_no, "MADELATER0001")
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: column(bills, "bill_no") == ["MADELATER0001"], timeout=WAIT_MS)
    assert "MADELATER0001" in {bill.bill_no for bill in window.session.history.mirror.bills()}
    bills.filters.bill_no.clear()
    type_in(qtbot, bills.filters.bill_no, "NOSUCHBILL001")
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.session.gateway.running(), timeout=WAIT_MS)
    assert bills.model.rowCount() == 0
    assert "Nothing has the number NOSUCHBILL001" in bills.count_label.text()


def test_a_number_found_while_a_sync_writes_at_length_never_holds_up_the_window(
    qtbot, window: MainWindow, bills: BillsTab, monkeypatch
) -> None:
    """A sync may write for seconds (a million rows forgotten, or another console's
    write waited for). The bill found by its number is kept in the history by the
    look-up's own thread, which waits for that write: the window's never does, and the
    bill shows once the write is done."""
    insert_bill(window.session, "MADELATER0002", title="Lamp")
    mirror = window.session.history.mirror
    kept_by: list[threading.Thread] = []
    put_bills = Mirror.put_bills

    def noting_who_keeps(self: Mirror, records: Iterable[BillRecord], *args: Any) -> Any:
        kept_by.append(threading.current_thread())
        return put_bills(self, records, *args)

    monkeypatch.setattr(Mirror, "put_bills", noting_who_keeps)
    with write_held_open(mirror, delete=False):
        type_in(qtbot, bills.filters.bill_no, "MADELATER0002")
        qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(kept_by), timeout=WAIT_MS)
        assert threading.main_thread() not in kept_by
    qtbot.waitUntil(lambda: column(bills, "bill_no") == ["MADELATER0002"], timeout=WAIT_MS)


def test_a_paragraph_pasted_into_find_is_refused_whole_and_said_not_cut_unseen(
    qtbot, bills: BillsTab
) -> None:
    """A search of a thousand words was more than SQLite can take (its expression tree
    is at most 1,000 deep). The field cut a paste to SEARCH_LINE_MAX_CHARS without a word, and
    the table showed the rows of the cut text as if of the whole. Now the field keeps
    what was pasted, says beside it that the search takes at most SEARCH_LINE_MAX_CHARS
    characters, and the table shows nothing for it (nor exports it) until it is shorter."""
    bills.filters.reset()
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    field = bills.row_filters.text
    field.setFocus()
    pasted = "chair " * 5000 + "desk"
    QGuiApplication.clipboard().setText(pasted)
    field.paste()
    assert field.text() == pasted
    error = bills.row_filters.error
    qtbot.waitUntil(lambda: error.isVisible(), timeout=WAIT_MS)
    assert str(SEARCH_LINE_MAX_CHARS) in error.text() and f"{len(pasted):,}" in error.text()
    assert field.accessibleDescription() == error.text()
    assert bills.model.rowCount() == 0
    assert bills.count_label.text() == "Correct the filters above to see the list."
    assert bills.not_ready_to_export() == "Nothing is shown for the filters shown."
    field.setText("  chair\u200b  ")  # the blanks around are not searched, nor counted
    qtbot.waitUntil(lambda: column(bills, "bill_no") == ["OLDBILL000001"], timeout=WAIT_MS)
    assert not error.isVisible()
    qtbot.waitUntil(lambda: "counting" not in bills.count_label.text(), timeout=WAIT_MS)


def test_blanks_around_a_search_are_not_what_its_limit_counts(qtbot, bills: BillsTab) -> None:
    """Spaces (a line break) around a title pasted are not searched: the field cut the
    paste to SEARCH_LINE_MAX_CHARS with them, and the end of the title was not looked for."""
    bills.filters.reset()
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    field = bills.row_filters.text
    field.setFocus()
    QGuiApplication.clipboard().setText(" " * SEARCH_LINE_MAX_CHARS + "\nchair desk\n")
    field.paste()
    bills.row_filters.apply_pending()  # its typing pause ended
    assert bills.model.selection is not None and bills.model.selection.text == "chair desk"
    assert not bills.row_filters.error.isVisible()


def test_a_column_of_bill_numbers_pasted_into_find_shows_each_of_them(
    qtbot, bills: BillsTab
) -> None:
    """A spreadsheet's column of bill numbers, one a line, was searched as one list of
    words that a row must all hold: no bill holds two numbers, so the table said no bill
    matched, as if none of them were in the history. Each line is a search of its own
    now (its words all in a row), and an export's name says any of them."""
    bills.filters.reset()
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    field = bills.row_filters.text
    field.setFocus()
    QGuiApplication.clipboard().setText("TODAYBILL0001\r\nOLDBILL000001 chair\r\n")
    field.paste()
    qtbot.waitUntil(
        lambda: sorted(column(bills, "bill_no")) == ["OLDBILL000001", "TODAYBILL0001"],
        timeout=WAIT_MS,
    )
    assert bills.export_file_stem().endswith("_matching-TODAYBILL0001-or-OLDBILL000001 chair")
    field.setText("TODAYBILL0001\nOLDBILL000001 desk")  # a line's words are all in its row
    qtbot.waitUntil(lambda: column(bills, "bill_no") == ["TODAYBILL0001"], timeout=WAIT_MS)


def test_a_column_of_twenty_sandbox_numbers_pasted_is_searched_not_refused(
    qtbot, bills: BillsTab
) -> None:
    """A search took 100 characters in all, so a column of more than four 20-digit
    bill numbers pasted from a spreadsheet was refused as too long. Each line may now
    have SEARCH_LINE_MAX_CHARS characters, up to SEARCH_MAX_LINES lines."""
    bills.filters.reset()
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    field = bills.row_filters.text
    field.setFocus()
    others = [f"{20261206094122000000 + n}" for n in range(18)]
    QGuiApplication.clipboard().setText("\r\n".join(["TODAYBILL0001", *others, "OLDBILL000001"]))
    field.paste()
    qtbot.waitUntil(
        lambda: sorted(column(bills, "bill_no")) == ["OLDBILL000001", "TODAYBILL0001"],
        timeout=WAIT_MS,
    )
    assert not bills.row_filters.error.isVisible()


@pytest.mark.parametrize(
    ("pasted", "said"),
    [
        (
            "\n".join(f"BILL{n:04}" for n in range(SEARCH_MAX_LINES + 1)),
            f"at most {SEARCH_MAX_LINES} lines; this one has {SEARCH_MAX_LINES + 1}.",
        ),
        (
            "\n".join(["chair", "", "x" * (SEARCH_LINE_MAX_CHARS + 1), "desk"]),
            f"at most {SEARCH_LINE_MAX_CHARS} characters a line; line 3 has "
            f"{SEARCH_LINE_MAX_CHARS + 1}.",
        ),
    ],
    ids=["too many lines", "a line too long"],
)
def test_a_search_of_too_many_lines_or_a_line_too_long_says_which(
    qtbot, bills: BillsTab, pasted: str, said: str
) -> None:
    """Past a search's lines, or past a line's characters, the field says which of the
    two, and the table shows nothing for it (nor exports it) until it is shortened."""
    bills.filters.reset()
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    field = bills.row_filters.text
    field.setFocus()
    QGuiApplication.clipboard().setText(pasted)
    field.paste()
    error = bills.row_filters.error
    qtbot.waitUntil(lambda: error.isVisible(), timeout=WAIT_MS)
    assert said in error.text()
    assert bills.model.rowCount() == 0
    assert bills.not_ready_to_export() == "Nothing is shown for the filters shown."


def bills_either_side_of_midnight(
    bills: BillsTab, monkeypatch: pytest.MonkeyPatch
) -> dict[str, date]:
    """A bill at noon yesterday (BCDAYBEFORE00001) and one at noon today (BCDAYAFTER000001),
    and the picker's clock set to yesterday: the clock's "today" is the day it reads."""
    today = date.today()
    yesterday = today - timedelta(days=1)

    def noon(day: date) -> int:
        return int(datetime(day.year, day.month, day.day, 12).timestamp()) * 1000

    made = {"BCDAYBEFORE00001": noon(yesterday), "BCDAYAFTER000001": noon(today)}
    bills.history.mirror.put_bills(
        [BillRecord(no, 100, "PAYPAL_PAYPAL", "Lamp", True, ms, "USD") for no, ms in made.items()],
        1,
    )
    clock = pickers_today(monkeypatch, filter_bar, yesterday)
    return clock


def test_a_preset_of_days_moves_on_with_the_day_in_a_window_left_open(
    qtbot, bills: BillsTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Today' shown past midnight is the new day: its bills, not yesterday's."""
    today = date.today()
    clock = bills_either_side_of_midnight(bills, monkeypatch)
    watch = bills.filters.dates.day_watch
    assert watch.isActive() and watch.interval() <= 60_000
    watch.timeout.emit()  # the evening before
    bills.row_filters.set_text("BCDAY")
    bills.filters.dates.set_preset(TODAY)
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert column(bills, "bill_no") == ["BCDAYBEFORE00001"]
    clock["today"] = today  # midnight passes; the clerk did nothing
    watch.timeout.emit()
    qtbot.waitUntil(lambda: column(bills, "bill_no") == ["BCDAYAFTER000001"], timeout=WAIT_MS)
    assert bills.applied_days == (today, today)


def test_a_preset_of_days_follows_the_computer_to_another_time_zone(
    qtbot, bills: BillsTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop carried from Shanghai to London on the same date: 'Today' went on showing
    Shanghai's day, a bill of the evening before in London among today's (and the export
    of 'Today' holding it), as long as the date did not change."""
    day = date.today()

    def at(hour: int, zone: str) -> int:
        with time_zone(zone):
            return int(datetime(day.year, day.month, day.day, hour).timestamp()) * 1000

    made = {  # 02:00 in Shanghai is 18:00 the day before in London; 12:00 London, 20:00
        "BCZONEEARLY00001": at(2, "Asia/Shanghai"),
        "BCZONELATE000001": at(12, "Europe/London"),
    }
    bills.history.mirror.put_bills(
        [BillRecord(no, 100, "PAYPAL_PAYPAL", "Lamp", True, ms, "USD") for no, ms in made.items()],
        1,
    )
    pickers_today(monkeypatch, filter_bar, day)  # the same date in both zones
    with time_zone("Asia/Shanghai"):
        bills.filters.dates.day_watch.timeout.emit()
        bills.row_filters.set_text("BCZONE")
        bills.filters.dates.set_preset(TODAY)
        qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
        assert sorted(column(bills, "bill_no")) == ["BCZONEEARLY00001", "BCZONELATE000001"]
        # the clerk did nothing; nor did anything tell the console of the zone it is in now
        with time_zone("Europe/London", told=False):
            bills.filters.dates.day_watch.timeout.emit()
            qtbot.waitUntil(
                lambda: column(bills, "bill_no") == ["BCZONELATE000001"], timeout=WAIT_MS
            )


def test_an_export_just_past_midnight_holds_the_day_the_preset_names(
    qtbot, bills: BillsTab, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """'Today' exported in the minute after midnight, before the day's watch had looked:
    the file held yesterday's bills (and was named after yesterday) while the picker said
    Today. An export looks at the day first: it holds today's."""
    today = date.today()
    clock = bills_either_side_of_midnight(bills, monkeypatch)
    bills.filters.dates.day_watch.timeout.emit()  # the evening before
    bills.row_filters.set_text("BCDAY")
    bills.filters.dates.set_preset(TODAY)
    qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
    assert column(bills, "bill_no") == ["BCDAYBEFORE00001"]
    clock["today"] = today  # midnight passes; the watch has not looked yet
    path = tmp_path / "today.csv"
    bills.exporter.choose_path = lambda: path  # type: ignore[method-assign]  # a hook tests replace
    qtbot.waitUntil(lambda: bills.not_ready_to_export() is None, timeout=WAIT_MS)
    with qtbot.waitSignal(bills.exporter.finished, timeout=WAIT_MS):
        bills.export()
    written = path.read_text(encoding="utf-8-sig")
    assert "BCDAYAFTER000001" in written and "BCDAYBEFORE00001" not in written
    assert column(bills, "bill_no") == ["BCDAYAFTER000001"]
    assert bills.export_file_stem().startswith(f"bills_{today.isoformat()}")


def test_days_picked_by_hand_reach_as_far_as_the_servers_times_and_no_further(
    qtbot, bills: BillsTab
) -> None:
    """The picker offered every day to 9999-12-31: its last day raised OverflowError in
    the event loop (no day after it), and a day past 2286-11-20 (the last 13-digit
    millisecond time) said 'end_time must be a 13-digit millisecond time'. Days of
    13-digit times in every time zone are offered, and a later one typed is the last."""
    dates = bills.filters.dates
    dates.set_preset(CUSTOM)
    dates.set_days(date.today(), date(9999, 12, 31))
    dates.apply_pending()
    loaded(qtbot, bills)
    assert day_of(dates.last_day.date()) == date(2286, 11, 19)
    shown = column(bills, "bill_no")
    assert "TODAYBILL0001" in shown and "OLDBILL000001" not in shown
    assert bills.filters.errors["dates"].text() == ""
    dates.set_days(date(1999, 12, 31), date(2286, 11, 19))
    dates.apply_pending()
    loaded(qtbot, bills)
    assert day_of(dates.first_day.date()) == date(2001, 9, 10)
    assert {"TODAYBILL0001", "OLDBILL000001"} <= set(column(bills, "bill_no"))


def test_a_whole_number_with_nothing_shown_says_what_is_true_of_it(
    qtbot, window: MainWindow, bills: BillsTab
) -> None:
    """Found with Bills > right-click > Show its refunds on a bill without a refund: the
    Refunds tab said "Nothing has the number 20261206063738000657. A number must be
    whole and exact…", of the bill just picked from the list, as if its number were
    wrong; and a bill's whole number with Show: Unpaid only said so of a paid bill."""
    window.show_refunds_of("TODAYBILL0001")
    refunds = window.refunds_tab
    loaded(qtbot, refunds)  # type: ignore[arg-type]
    assert refunds.model.rowCount() == 0
    text = refunds.count_label.text()
    assert text.startswith("No refund of bill TODAYBILL0001 is in the history. "), text
    assert "Nothing has the number" not in text
    window.show_tab("bills")
    type_in(qtbot, bills.filters.bill_no, "TODAYBILL0001")
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: column(bills, "bill_no") == ["TODAYBILL0001"], timeout=WAIT_MS)
    bills.row_filters.set_status("unpaid")  # it was paid
    assert bills.model.rowCount() == 0
    assert bills.count_label.text().startswith("No bills match these filters · ")


def test_a_bill_made_since_the_last_sync_is_found_when_its_first_rows_are_counted_late(
    qtbot, window: MainWindow, bills: BillsTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The GUI thread's budget for the first rows passed (a busy machine): the ids' thread
    read them, and found none. The number was asked of the server only when the first
    rows came at once, and the table said "Nothing has the number" of a bill the server
    has: it is asked once they are counted, too."""
    monkeypatch.setattr(mirror_query, "first_ids_within", lambda *_args: None)
    insert_bill(window.session, "MADELATER0002", title="Lamp")
    type_in(qtbot, bills.filters.bill_no, "MADELATER0002")
    qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: column(bills, "bill_no") == ["MADELATER0002"], timeout=WAIT_MS)
    assert "MADELATER0002" in {bill.bill_no for bill in window.session.history.mirror.bills()}


def test_days_picked_follow_the_computer_to_a_zone_of_the_same_offset_today(
    qtbot, bills: BillsTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A laptop carried from Moscow to Istanbul: both are UTC+3 today, but in July 2013
    Moscow was UTC+4 and Istanbul UTC+3. The watch told zones apart by today's midnight
    alone, so the days of 2013 picked went on being Moscow's: a bill of 23:30 on
    1 July in Istanbul, shown with that time, was left out of 1 July."""
    day = date.today()
    late = 1_372_710_600_000  # 2013-07-01 20:30 UTC: 00:30 on 2 July in Moscow
    bills.history.mirror.put_bills(
        [BillRecord("BCZONEJULY000001", 100, "PAYPAL_PAYPAL", "Lamp", True, late, "USD")], 1
    )
    pickers_today(monkeypatch, filter_bar, day)
    with time_zone("Europe/Moscow"):
        bills.filters.dates.day_watch.timeout.emit()
        bills.row_filters.set_text("BCZONE")
        bills.filters.dates.set_preset(CUSTOM)
        bills.filters.dates.set_days(date(2013, 7, 1), date(2013, 7, 1))
        bills.filters.apply_pending()
        qtbot.waitUntil(lambda: bills.model.complete, timeout=WAIT_MS)
        assert column(bills, "bill_no") == []
        with time_zone("Europe/Istanbul", told=False):
            bills.filters.dates.day_watch.timeout.emit()
            qtbot.waitUntil(
                lambda: column(bills, "bill_no") == ["BCZONEJULY000001"], timeout=WAIT_MS
            )


def test_a_day_the_clocks_skipped_is_said_so_not_end_time_before_start_time(
    qtbot, bills: BillsTab
) -> None:
    """Samoa skipped 30 December 2011 (from the 29th at midnight to the 31st): picked as
    the first and last day, the range's end came before its start and the clerk read
    "The end date is before the start date." of one day picked twice."""
    with time_zone("Pacific/Apia"):
        bills.filters.dates.set_preset(CUSTOM)
        bills.filters.dates.set_days(date(2011, 12, 30), date(2011, 12, 30))
        bills.filters.apply_pending()
        said = bills.filters.errors["dates"].text()
        assert (
            said
            == "No day of this range came in this computer's time zone (its clocks skipped it)."
        )
        assert column(bills, "bill_no") == []
        bills.filters.dates.set_days(date(2011, 12, 29), date(2011, 12, 31))
        bills.filters.apply_pending()
        assert bills.filters.errors["dates"].text() == ""
