"""What a table shows always matches the filters shown: a server filter applies when
it changes (a picker at once, a number on Enter or after a pause), rows of other
filters never stay, an export waits for the load and is named after the filters
applied; a bill number finds its bill whatever the dates, and part of one says
where to look instead."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.gui.main_window import MainWindow
from console.gui.tables.date_presets import LAST_7_DAYS, TODAY
from console.gui.tabs.bills_tab import BillsTab
from tests.gui.sandbox_bills import insert_bill
from tests.gui.tab_drivers import WAIT_MS, column, show_tab

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
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        bills.filters.dates.set_preset(TODAY)  # no Search pressed
    loaded(qtbot, bills)
    shown = column(bills, "bill_no")
    assert "TODAYBILL0001" in shown and "OLDBILL000001" not in shown
    index = bills.filters.channel.findData("WX")
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        bills.filters.channel.setCurrentIndex(index)
    loaded(qtbot, bills)
    assert all(channel.startswith("WX") for channel in column(bills, "channel"))


def test_an_export_waits_for_the_load_and_is_named_after_the_filters_applied(
    qtbot, bills: BillsTab, tmp_path: Path
) -> None:
    chosen: list[str] = []

    def choose_path() -> Path:
        chosen.append(bills.export_file_stem())
        return tmp_path / "bills.csv"

    bills.exporter.choose_path = choose_path  # type: ignore[method-assign]  # a hook tests replace
    bills.filters.dates.set_preset(LAST_7_DAYS)
    assert bills.is_loading()
    bills.export()  # at once: refused, nothing written
    assert chosen == [] and "still loading" in bills.outcome.body.text()
    loaded(qtbot, bills)
    bills.row_filters.set_status("paid")
    bills.export()
    qtbot.waitUntil(lambda: not bills.exporter.is_running(), timeout=WAIT_MS)
    today = date.today()
    first = (today - timedelta(days=6)).isoformat()
    assert chosen == [f"bills_{first}_to_{today.isoformat()}_paid"]
    assert "OLDBILL000001" not in (tmp_path / "bills.csv").read_text(encoding="utf-8-sig")


def test_a_bill_number_finds_its_bill_whatever_the_dates(qtbot, bills: BillsTab) -> None:
    bills.filters.dates.set_preset(TODAY)
    loaded(qtbot, bills)
    assert "OLDBILL000001" not in column(bills, "bill_no")
    hint = bills.filters.bill_no.toolTip()
    assert "whole bill number" in hint.lower() and "Find in the loaded rows" in hint
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        qtbot.keyClicks(bills.filters.bill_no, "OLDBILL000001")  # applied after a pause
    loaded(qtbot, bills)
    assert column(bills, "bill_no") == ["OLDBILL000001"]
    assert not bills.filters.dates.isEnabled() and not bills.filters.channel.isEnabled()
    assert bills.filters.number_note.isVisibleTo(bills)


def test_part_of_a_number_says_where_to_look_instead(qtbot, bills: BillsTab) -> None:
    qtbot.keyClicks(bills.filters.bill_no, "OLDBILL0")
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    loaded(qtbot, bills)
    assert bills.model.rowCount() == 0
    text = bills.count_label.text()
    assert "Nothing has the number OLDBILL0" in text and "Find in the loaded rows" in text
    assert "Part of a bill number" in bills.row_filters.text.placeholderText()
    bills.filters.bill_no.clear()
    with qtbot.waitSignal(bills.load_ended, timeout=WAIT_MS):
        qtbot.keyClick(bills.filters.bill_no, Qt.Key.Key_Return)
    loaded(qtbot, bills)
    bills.row_filters.set_text("Chair")
    assert column(bills, "bill_no") == ["OLDBILL000001"], "a title is found in the loaded rows"
