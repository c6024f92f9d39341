"""The Refunds tab in the real window, on the embedded sandbox's demo refunds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.api.models import RefundQuery, RefundRecord
from console.api.paging import all_refunds
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID
from console.gui.tables.date_presets import ANY_DATE, TODAY
from console.gui.tables.records_model import sample_texts
from console.gui.tabs.refunds_tab import RefundsTab
from tests.gui.sandbox_bills import insert_bill
from tests.gui.sandbox_truth import embedded_sandbox_client, sandbox_store
from tests.gui.tab_drivers import WAIT_MS, action, column, search, show_tab, type_in


@pytest.fixture
def refunds(window: MainWindow, qtbot) -> RefundsTab:
    tab = show_tab(window, window.refunds_tab, qtbot)
    assert isinstance(tab, RefundsTab)
    return tab


def test_loads_every_refund(refunds: RefundsTab) -> None:
    truth = all_refunds(embedded_sandbox_client(refunds.session))
    assert len(truth) > 2
    assert column(refunds, "refund_no") == [refund.refund_no for refund in truth]
    assert refunds.count_label.text().startswith(f"{len(truth)} refunds · as of ")
    first = refunds.record_at(0)
    assert refunds.model.index(0, refunds.model.column_of("title")).data() == first.title


def test_filters_by_refund_no_and_by_bill_no(refunds: RefundsTab, qtbot) -> None:
    wanted = refunds.record_at(1)
    assert isinstance(wanted, RefundRecord)
    type_in(qtbot, refunds.filters.refund_no, wanted.refund_no)
    qtbot.keyClick(refunds.filters.refund_no, Qt.Key.Key_Return)
    assert column(refunds, "refund_no") == [wanted.refund_no]
    assert refunds.count_label.text().startswith("1 refund · as of ")

    refunds.filters.refund_no.clear()
    type_in(qtbot, refunds.filters.bill_no, wanted.bill_no)
    search(refunds, qtbot)
    truth = all_refunds(
        embedded_sandbox_client(refunds.session), RefundQuery(bill_no=wanted.bill_no)
    )
    assert column(refunds, "refund_no") == [refund.refund_no for refund in truth]
    assert set(column(refunds, "bill_no")) == {wanted.bill_no}


def test_a_malformed_refund_no_is_shown_beside_its_field(refunds: RefundsTab, qtbot) -> None:
    type_in(qtbot, refunds.filters.refund_no, "R-1")
    qtbot.keyClick(refunds.filters.refund_no, Qt.Key.Key_Return)
    assert refunds.filters.errors["refund_no"].isVisible()
    assert not refunds.is_loading() and refunds.model.rowCount() == 0


def test_show_for_bill_clears_the_other_filters(refunds: RefundsTab, qtbot) -> None:
    wanted = refunds.record_at(0).bill_no
    filters = refunds.filters
    filters.set_channel("WX")
    filters.refund_no.setText("20250101XYZ")
    filters.dates.set_preset(TODAY)
    refunds.row_filters.set_status("failed")
    refunds.row_filters.text.setText("nothing like this")
    with qtbot.waitSignal(refunds.load_ended, timeout=WAIT_MS):
        refunds.show_for_bill(wanted)
    assert filters.bill_no.text() == wanted
    assert filters.channel_filter() is None and filters.refund_no.text() == ""
    assert filters.dates.preset_key() == ANY_DATE
    assert refunds.row_filters.status_key() is None and refunds.row_filters.text.text() == ""
    truth = all_refunds(embedded_sandbox_client(refunds.session), RefundQuery(bill_no=wanted))
    assert column(refunds, "refund_no") == [refund.refund_no for refund in truth]


def test_state_filter_and_amounts(window: MainWindow, qtbot) -> None:
    session = window.session
    insert_bill(session, "PENDINGBILL1", total_fee=500_000, currency="JPY")
    sandbox_store(session).insert_refund(
        SANDBOX_APP_ID, "20260101PENDING1", "PENDINGBILL1", 200_000, finish=False, result=False
    )
    insert_bill(session, "REFUSEDBILL1", total_fee=900, currency="USD")
    sandbox_store(session).insert_refund(
        SANDBOX_APP_ID, "20260101REFUSED1", "REFUSEDBILL1", 900, finish=True, result=False
    )
    tab = show_tab(window, window.refunds_tab, qtbot)
    status = tab.row_filters.status
    status.setCurrentIndex(status.findData("in_progress"))
    assert column(tab, "refund_no") == ["20260101PENDING1"]
    assert column(tab, "total_fee") == ["JPY 5,000"]
    assert column(tab, "refund_fee") == ["JPY 2,000"]
    assert column(tab, "result") == ["In progress"]
    status.setCurrentIndex(status.findData("succeeded"))
    assert "20260101PENDING1" not in column(tab, "refund_no")
    assert set(column(tab, "result")) == {"Succeeded"}
    status.setCurrentIndex(status.findData("failed"))
    assert "20260101REFUSED1" in column(tab, "refund_no")
    assert set(column(tab, "result")) == {"Failed"}


def test_row_menu_copies_refund_and_bill_numbers(refunds: RefundsTab) -> None:
    record = refunds.record_at(0)
    assert isinstance(record, RefundRecord)
    menu = refunds.row_menu(0)
    action(menu, "Copy refund number").trigger()
    assert QApplication.clipboard().text() == record.refund_no
    action(menu, "Copy bill number").trigger()
    assert QApplication.clipboard().text() == record.bill_no
    shown: list[object] = []
    refunds.show_details = lambda record, currency: shown.append(record)  # type: ignore[method-assign]  # a hook tests replace
    action(menu, "Details…").trigger()
    assert shown == [record]


def test_columns_are_readable_at_1024_px(window: MainWindow, refunds: RefundsTab) -> None:
    """Every column in sight; those whose whole text is a tooltip away (title, channel)
    may be narrower than their sample, and the numbers as narrow as their least one."""
    window.resize(1024, 768)
    QApplication.processEvents()
    view = refunds.view
    assert view.horizontalScrollBar().maximum() == 0
    for index, spec in enumerate(refunds.model.columns):
        width = view.columnWidth(index)
        if spec.tooltip and not spec.keeps_width:
            assert width >= 50, spec.key
            continue
        samples = sample_texts(spec.least or spec.sample)
        assert width >= max(map(view.fontMetrics().horizontalAdvance, samples)), spec.key
        assert width >= view.horizontalHeader().fontMetrics().horizontalAdvance(spec.title)
    assert refunds.minimumSizeHint().width() <= view.width()
