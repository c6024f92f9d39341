"""A record's channel as a clerk reads it: the Bills and Refunds tables, Details…, an
export, "Find in the history" and the Overview show a channel's name in the language
shown ("Card via PayPal", 信用卡支付（PayPal）), its code (PAYPAL_CREDITCARD) a tooltip
away and in an export's Channel code column; a channel the console does not know is
shown as its code."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QToolTip

from console.api.money import Money
from console.gui import i18n
from console.gui.main_window import MainWindow
from console.gui.tables.table_export import DONE
from console.gui.tabs.bills_tab import BillsTab
from console.gui.tabs.overview.charts import ChannelBars
from console.gui.tabs.refund.confirm_refund import RefundConfirmation
from console.overview import ChannelShare
from tests.gui.sandbox_bills import insert_bill
from tests.gui.tab_drivers import WAIT_MS, column, export, find, read_csv, row_of, show_tab

CARD, WECHAT, STRANGE = "BCWORDSCARD00001", "BCWORDSWX0000001", "BCWORDSODD000001"
CARD_CODE = "PAYPAL_CREDITCARD"


def put_bills(window: MainWindow) -> None:
    session = window.session
    insert_bill(session, CARD, channel="PAYPAL_CREDITCARD", title="Words one")
    insert_bill(session, WECHAT, channel="WX_APP", title="Words two", currency=None)
    insert_bill(session, STRANGE, channel="MYSTERY_PAY", title="Words three", currency=None)


@pytest.fixture
def bills(window: MainWindow, qtbot) -> BillsTab:
    put_bills(window)
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    return tab


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    i18n.uninstall()


@pytest.fixture
def zh_bills(chinese, window: MainWindow, qtbot) -> BillsTab:
    put_bills(window)
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    return tab


def channel_cell(tab: BillsTab, bill_no: str, role: Qt.ItemDataRole) -> str:
    index = tab.model.index(row_of(tab, bill_no), tab.model.column_of("channel"))
    return str(index.data(role))


def shown_bill_nos(tab: BillsTab) -> set[str]:
    return set(column(tab, "bill_no"))


def test_the_bills_table_names_each_channel_its_code_in_the_tooltip(bills: BillsTab) -> None:
    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    assert channel_cell(bills, CARD, display) == "Card via PayPal"
    assert channel_cell(bills, CARD, tip) == "PAYPAL_CREDITCARD — Card via PayPal"
    assert channel_cell(bills, WECHAT, display) == "WeChat Pay (app)"
    assert channel_cell(bills, STRANGE, display) == "MYSTERY_PAY"  # not known: its code
    assert channel_cell(bills, STRANGE, tip) == "MYSTERY_PAY"


def test_the_bills_table_names_each_channel_in_chinese(zh_bills: BillsTab) -> None:
    display, tip = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
    assert channel_cell(zh_bills, CARD, display) == "信用卡支付（PayPal）"
    assert channel_cell(zh_bills, CARD, tip) == "PAYPAL_CREDITCARD — 信用卡支付（PayPal）"
    assert channel_cell(zh_bills, WECHAT, display) == "微信支付（App）"
    assert channel_cell(zh_bills, STRANGE, display) == "MYSTERY_PAY"


def find_words(tab: BillsTab, text: str, qtbot) -> set[str]:
    tab.row_filters.set_text(text)

    def shown() -> bool:
        selection = tab.model.selection
        return selection is not None and selection.text == text and tab.model.complete

    qtbot.waitUntil(shown, timeout=WAIT_MS)
    return shown_bill_nos(tab)


def test_find_in_the_history_finds_a_channel_by_the_words_shown(bills: BillsTab, qtbot) -> None:
    found = find_words(bills, "wechat", qtbot)
    assert WECHAT in found and CARD not in found
    found = find_words(bills, "card via", qtbot)
    assert CARD in found and WECHAT not in found
    found = find_words(bills, "WX_APP", qtbot)  # the code as well
    assert WECHAT in found and CARD not in found
    found = find_words(bills, "mystery", qtbot)
    assert found == {STRANGE}


def test_find_in_the_history_finds_a_channel_by_its_chinese_words(
    zh_bills: BillsTab, qtbot
) -> None:
    found = find_words(zh_bills, "微信", qtbot)
    assert WECHAT in found and CARD not in found
    found = find_words(zh_bills, "信用卡", qtbot)
    assert CARD in found and WECHAT not in found


def test_an_export_carries_the_channel_s_words_and_its_code(
    bills: BillsTab, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "bills.csv"
    assert export(bills, path, qtbot) == DONE
    rows = read_csv(path)
    header = rows[0]
    at = header.index("Channel")
    assert header[at + 1] == "Channel code"
    by_bill = {row[header.index("Bill number")]: row for row in rows[1:]}
    assert by_bill[CARD][at : at + 2] == ["Card via PayPal", "PAYPAL_CREDITCARD"]
    assert by_bill[WECHAT][at : at + 2] == ["WeChat Pay (app)", "WX_APP"]
    assert by_bill[STRANGE][at : at + 2] == ["MYSTERY_PAY", "MYSTERY_PAY"]


def click_channel_header(tab: BillsTab, qtbot) -> list[str]:
    """The Channel header clicked: each channel's words as the column shows them, in
    turn (each channel's rows together)."""
    header = tab.view.horizontalHeader()
    at = tab.model.column_of("channel")
    middle = header.sectionViewportPosition(at) + header.sectionSize(at) // 2
    point = QPoint(middle, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: tab.model.complete, timeout=WAIT_MS)
    shown = column(tab, "channel")
    words = list(dict.fromkeys(shown))
    assert [word for word, _ in groupby(shown)] == words  # each channel's rows together
    return words


def test_a_click_on_the_channel_header_sorts_by_the_words_shown(
    bills: BillsTab, qtbot, tmp_path: Path
) -> None:
    """Sorted by Channel, the column followed the codes, not the words: "Card via PayPal"
    (PAYPAL_CREDITCARD) after MYSTERY_PAY and "Alipay (app)" (ALI_APP) before "99Bill"
    (KUAIQIAN_), so the column did not look sorted. Now the words are in alphabetical
    order, a channel the console does not know (its code shown) after them; a second
    click the exact reverse; an export in the table's order."""
    words = click_channel_header(bills, qtbot)
    if words[0] == "MYSTERY_PAY":  # the first click sorted it descending
        words = click_channel_header(bills, qtbot)
    known = [word for word in words if word != "MYSTERY_PAY"]
    assert {"Card via PayPal", "WeChat Pay (app)"} <= set(known)
    assert words == [*sorted(known, key=str.casefold), "MYSTERY_PAY"]
    shown = column(bills, "bill_no")
    assert click_channel_header(bills, qtbot) == words[::-1]
    assert column(bills, "bill_no") == shown[::-1]

    path = tmp_path / "by-channel.csv"
    assert export(bills, path, qtbot) == DONE
    rows = read_csv(path)
    at = rows[0].index("Bill number")
    assert [row[at] for row in rows[1:]] == shown[::-1]


def test_a_click_on_the_channel_header_sorts_chinese_words_by_pinyin(
    chinese, window: MainWindow, qtbot
) -> None:
    """In Chinese the column followed the codes as well (支付宝 ALI_ first, 微信 WX_ last);
    now its words are in pinyin order, as a Chinese clerk reads a sorted list: 京东 jing,
    微信 wei, 信用卡 xin, 银联 yin, 支付宝 zhi; a code the console does not know after."""
    put_bills(window)
    for number, channel in (("BCWORDSJD0000001", "JD_WEB"), ("BCWORDSUN0000001", "UN_APP")):
        insert_bill(window.session, number, channel=channel, currency=None)
    insert_bill(window.session, "BCWORDSALI000001", channel="ALI_QRCODE", currency=None)
    tab = show_tab(window, window.bills_tab, qtbot)
    assert isinstance(tab, BillsTab)
    words = click_channel_header(tab, qtbot)
    if words[0] == "MYSTERY_PAY":
        words = click_channel_header(tab, qtbot)
    mine = [
        "京东支付（网页）",
        "微信支付（App）",
        "信用卡支付（PayPal）",
        "银联（App）",
        "支付宝（扫码）",
    ]
    assert [word for word in words if word in mine] == mine
    assert words[-1] == "MYSTERY_PAY"


def overview_bars(qtbot) -> ChannelBars:
    bars = ChannelBars()
    qtbot.addWidget(bars)
    shares = [
        ChannelShare("PAYPAL_PAYPAL", 3, 9_000),
        ChannelShare("ALI_QRCODE", 2, 5_000),
        ChannelShare("MYSTERY_PAY", 1, 1_000),
    ]
    bars.show_shares(shares, "USD")
    return bars


def test_the_overview_names_each_channel_s_bar(qtbot) -> None:
    bars = overview_bars(qtbot)
    assert bars.bar_labels() == ["PayPal account", "Alipay (QR)", "MYSTERY_PAY"]
    assert bars.plot.accessibleDescription().startswith("PayPal account: ")


def test_the_overview_names_each_channel_s_bar_in_chinese(chinese, qtbot) -> None:
    bars = overview_bars(qtbot)
    assert bars.bar_labels() == ["PayPal 账户支付", "支付宝（扫码）", "MYSTERY_PAY"]


def confirmation(channel: str) -> RefundConfirmation:
    return RefundConfirmation(
        bill_no=CARD,
        refund_no="20261130120001RABCDE",
        amount=Money(1000, "USD"),
        bill_total=Money(1234, "USD"),
        title="Words one",
        channel=channel,
        profile_name="Shop",
        is_live=True,
    )


def test_a_refund_s_confirmation_names_the_channel_in_words(qapp) -> None:
    """The question before a refund said 'Channel: PAYPAL_CREDITCARD' alone, the code the
    tables no longer show, in Chinese too."""
    assert "Channel: PAYPAL_CREDITCARD — Card via PayPal\n" in confirmation(CARD_CODE).text()
    assert "Channel: MYSTERY_PAY\n" in confirmation("MYSTERY_PAY").text()


def test_a_refund_s_confirmation_names_the_channel_in_chinese(chinese) -> None:
    assert "PAYPAL_CREDITCARD — 信用卡支付（PayPal）" in confirmation(CARD_CODE).text()


def test_the_refund_tab_names_a_family_s_channel_in_words(window: MainWindow, qtbot) -> None:
    """A bill listed with a family as its channel (WX) is 'WeChat Pay' in the tables; the
    Refund tab showed it as 'WX' alone, naming only PayPal's sub-channels."""
    insert_bill(window.session, WECHAT, channel="WX", title="Words two")
    window.tabs.setCurrentWidget(window.refund_tab)
    tab = window.refund_tab
    find(qtbot, tab, WECHAT)
    assert tab.channel_label.text() == "WX (WeChat Pay)"


def shown_tip(view: QAbstractItemView, at: QPoint) -> QLabel:
    """The tooltip label shown by pointing at `at` of the view's viewport."""
    QToolTip.hideText()
    viewport = view.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at)))
    assert QToolTip.isVisible()
    return next(
        shown
        for shown in QApplication.topLevelWidgets()
        if isinstance(shown, QLabel) and shown.objectName() == "qtooltip_label"
    )


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_channel_s_tooltip_is_one_line(window: MainWindow, qtbot, language: str) -> None:
    """Qt sizes a tooltip of markup as a block about as wide as it is high: the
    channel's tooltip came in three lines ('WX_JSAPI —', 'WeChat Pay (in', 'WeChat)'),
    and in Chinese cut a word in two ('ALI_QRCODE — 支', '付宝（扫码）')."""
    if language == "zh":
        i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        insert_bill(window.session, WECHAT, channel="ALI_QRCODE", title="Words two")
        tab = show_tab(window, window.bills_tab, qtbot)
        assert isinstance(tab, BillsTab)
        index = tab.model.index(row_of(tab, WECHAT), tab.model.column_of("channel"))
        view = tab.view
        view.scrollTo(index)
        label = shown_tip(view, view.visualRect(index).center())
        QToolTip.hideText()
        assert label.sizeHint().height() < 2 * label.fontMetrics().lineSpacing(), label.text()
    finally:
        if language == "zh":
            i18n.uninstall()
