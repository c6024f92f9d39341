"""Chinese and English (issue 6): every user-visible text has a translation, the
shipped translation is up to date with the code, the window in Chinese shows no
English, the language setting is honoured at start, dates and counts follow the
locale.

The other GUI tests run in English: no translator is installed unless a test asks
(the `chinese` fixture below installs one and removes it afterwards).
"""

from __future__ import annotations

import html
import os
import re
import sqlite3
import string
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from console.api.ids import new_refund_no
from console.api.models import BillRecord, RefundRequest
from console.api.money import MONEY_MESSAGES, Money
from console.api.validate import MESSAGES
from console.gui import TAB_NAMES, api_texts, i18n, stored_texts
from console.gui.amount_field import AmountField
from console.gui.main_window import MainWindow
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.settings import LANGUAGE, Settings
from console.gui.stored_texts import StoredText
from console.gui.tables.formatting import local_time_text
from console.gui.tables.history_model import BillsHistoryModel, refund_summary
from console.gui.tables.record_details import RecordDetailsDialog
from console.gui.tabs.refund.confirm_refund import ConfirmRefundDialog, RefundConfirmation
from console.sandbox.faults import Fault
from console.store.mirror_query import Settlement
from console.store.secrets import SecretStore
from tests.gui.conftest import Said
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_bills import special_bill
from tests.gui.sandbox_truth import embedded_sandbox_client, sandbox_of
from tests.gui.tab_drivers import (
    WAIT_MS,
    Answer,
    answer_of,
    click_refund,
    fill_card,
    fill_common,
    find,
    pay_and_wait,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_TS = ROOT / "resources" / "i18n" / "beecloud_console_zh_CN.ts"
ENGLISH_PLURALS_TS = ROOT / "resources" / "i18n" / "beecloud_console_en.ts"
sys.path.insert(0, str(ROOT / "packaging"))
import update_translations  # noqa: E402  (packaging/ is not a package)

# -- (a) every text translated, the shipped .ts up to date --------------------------------


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> the <translation> element, for every message of a .ts file."""
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, (name, message.findtext("source"))
            found[(name, message.findtext("source") or "")] = translation
    return found


def forms(element: ET.Element) -> list[str]:
    """A translation's texts: its one text, or each plural form of a counted one."""
    plural = [form.text or "" for form in element.iter("numerusform")]
    return plural or [element.text or ""]


def placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ET.Element]:
    """What pyside6-lupdate finds in the code today, into a .ts of its own."""
    ts_file = tmp_path_factory.mktemp("lupdate") / "fresh_zh_CN.ts"
    update_translations.lupdate(ts_file)
    return messages(ts_file)


def test_lupdate_finds_the_console_s_texts(fresh_ts: dict) -> None:
    contexts = {context for context, _ in fresh_ts}
    assert len(fresh_ts) > 400
    assert {"MainWindow", "HistoryTab", "PaymentTab", "RefundTab", "ApiTexts"} <= contexts


def test_every_text_of_the_code_has_a_finished_chinese_translation(fresh_ts: dict) -> None:
    shipped = messages(SHIPPED_TS)
    untranslated = [
        key
        for key in fresh_ts
        if key not in shipped
        or shipped[key].get("type") in ("unfinished", "vanished", "obsolete")
        or not all(form.strip() for form in forms(shipped[key]))
    ]
    assert untranslated == [], (
        "texts without a Chinese translation: run `python packaging/update_translations.py`, "
        f"then translate them in {SHIPPED_TS.name}"
    )


def test_the_shipped_translation_holds_nothing_the_code_no_longer_says(fresh_ts: dict) -> None:
    shipped = messages(SHIPPED_TS)
    stale = [key for key, element in shipped.items() if key not in fresh_ts]
    kept = [
        key for key, element in shipped.items() if element.get("type") in ("vanished", "obsolete")
    ]
    assert stale == [] and kept == [], "run `python packaging/update_translations.py`"


def test_translations_keep_every_placeholder() -> None:
    for ts_file in (SHIPPED_TS, ENGLISH_PLURALS_TS):
        for (context, source), element in messages(ts_file).items():
            for form in forms(element):
                assert placeholders(form) == placeholders(source), (context, source)
                assert ("%n" in source) <= ("%n" in form), (context, source)
                assert ("%Ln" in source) <= ("%Ln" in form), (context, source)


def test_english_says_each_count_of_the_code_in_its_two_forms(fresh_ts: dict) -> None:
    """Qt takes the plural forms from a translation even in the source's language: the
    English catalogue holds the counted texts (and only those), each in two forms."""
    counted = {key for key in fresh_ts if "%n" in key[1] or "%Ln" in key[1]}
    english = messages(ENGLISH_PLURALS_TS)
    assert set(english) == counted
    for key, element in english.items():
        assert element.get("type") is None and len(forms(element)) == 2, key
        assert all(form.strip() for form in forms(element)), key


def test_the_gui_translates_the_api_s_own_messages_word_for_word() -> None:
    """But for those whose API words name a wire field: the same placeholders, and the
    field's name on screen instead."""
    templates = api_texts.PROBLEM_TEMPLATES
    assert set(templates) == set(MESSAGES)
    for key, template in templates.items():
        if key in api_texts.CLERKS_WORDS:
            assert template != MESSAGES[key] and "_" not in template, key
            fields = api_texts._FIELD.findall
            assert sorted(fields(template)) == sorted(fields(MESSAGES[key])), key
        else:
            assert template == MESSAGES[key], key
    assert api_texts.MONEY_TEMPLATES == MONEY_MESSAGES


# -- (b) the window in Chinese shows no English --------------------------------------------

# Words a Chinese window may show: brands and product names, the API's own field
# names (shown beside their meaning so that support can be told them), technical
# acronyms, the language's own name in Settings > Language, and card brands.
ALLOWED_WORDS = {
    # brands and products
    "BeeCloud", "PayPal", "Visa", "Mastercard", "Discover", "American", "Express", "Excel",
    # key names, as printed on the keys (Qt's own Chinese translation keeps them)
    "Ctrl",
    # the API's names, shown as such: App ID / App Secret / Master Secret are BeeCloud's
    # own terms
    "App", "ID", "Secret", "Master", "bill_no", "refund_no", "title", "channel", "total_fee",
    "refund_fee", "currency", "spay_result", "finish", "result", "created_time",
    "true", "false",  # the wire's own values, beside their meaning in the details
    # acronyms and formats
    "CVV", "CA", "PEM", "pem", "crt", "cer", "YYYYMMDD", "BC",
    # addresses in examples and hints
    "https", "http", "apibj", "beecloud", "cn", "beecloud-console",
    # Settings > Language names each language in itself
    "English",
    # keyring names, as the keyring library calls them (the tests' own keyring too)
    "GNOME", "Keyring", "KWallet", "macOS", "Windows", "memory", "keyring", "MemoryKeyring",
}  # fmt: skip
# Data, never translated: currency codes, channel wire names (PAYPAL_PAYPAL, WX_APP...).
DATA_WORD = re.compile(r"^[A-Z0-9_]+$")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")
TAG = re.compile(r"<[^>]*>")


def english_words(text: str) -> list[str]:
    if text.startswith(("http://", "https://")):
        return []  # an address (an example of one): not words
    text = html.unescape(TAG.sub(" ", text))  # rich text: what it shows, not its markup
    return [
        word
        for word in WORD.findall(text)
        if word not in ALLOWED_WORDS and not DATA_WORD.match(word)
    ]


def visible_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user can read on this widget and its children."""
    for child in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(child).__name__} {child.objectName()}"
        if child.isWindow():
            yield where + " title", child.windowTitle()
        yield where + " tooltip", child.toolTip()
        if isinstance(child, (QLabel, QAbstractButton)):
            yield where, child.text()
        elif isinstance(child, QLineEdit):
            yield where + " placeholder", child.placeholderText()
        elif isinstance(child, QGroupBox):
            yield where, child.title()
        elif isinstance(child, QComboBox):
            yield where + " placeholder", child.placeholderText()
            for index in range(child.count()):
                yield where + " item", child.itemText(index)
        elif isinstance(child, QTabWidget):
            for index in range(child.count()):
                yield where + " tab", child.tabText(index)
        elif isinstance(child, QTableView) and child.model() is not None:
            model = child.model()
            for column in range(child.horizontalHeader().count()):
                yield where + " header", str(model.headerData(column, _HORIZONTAL) or "")
        elif isinstance(child, QMenu):
            for action in child.actions():
                yield where + " action", action.text()
                yield where + " action tooltip", action.toolTip()


from PySide6.QtCore import Qt  # noqa: E402

_HORIZONTAL = Qt.Orientation.Horizontal


def english_left(widget: QWidget) -> list[tuple[str, str, list[str]]]:
    # The profile picker lists profile names (data), the table cells hold data.
    return [
        (where, text, words)
        for where, text in visible_texts(widget)
        if (words := english_words(text))
    ]


@pytest.fixture
def chinese(qapp) -> Iterator[i18n.UiLocale]:
    """The console in Simplified Chinese for one test; English again afterwards."""
    shown = i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield shown
    i18n.uninstall()


@pytest.fixture
def zh_window(chinese, window: MainWindow) -> MainWindow:
    """The main window built in Chinese (`chinese` is set up before `window`)."""
    return window


def test_the_whole_window_in_chinese_shows_no_english(qtbot, zh_window: MainWindow) -> None:
    for name in TAB_NAMES:
        zh_window.show_tab(name)
    bills = zh_window.bills_tab
    qtbot.waitUntil(lambda: bills.model.rowCount() > 0 and not bills.is_loading(), timeout=20_000)
    # every choice of the payment form, so that each of its rows has been shown
    payment = zh_window.payment_tab
    for button in payment.channel_buttons.values():
        button.setChecked(True)
    menus = [zh_window.menuBar(), *zh_window.menuBar().findChildren(QMenu)]
    menu_texts = [action.text() for menu in menus for action in menu.actions()]
    assert "设置(&S)" in menu_texts and "语言(&L)" in menu_texts
    assert english_left(zh_window) == []
    # what Pay waits for: filled in, or correct (a field may hold something wrong)
    assert payment.pay_hint.text().startswith("付款前，请填写或更正：")
    assert [zh_window.tabs.tabText(i) for i in range(zh_window.tabs.count())] == [
        "新建收款",
        "退款",
        "账单",
        "退款记录",
        "概览",
        "审计",
    ]


def test_a_base_class_s_texts_are_translated_in_its_subclasses(
    qtbot, zh_window: MainWindow
) -> None:
    """self.tr() in HistoryTab (lupdate's context) running in a BillsTab: PySide6 6.11
    looks the text up in the class that defines the method, so it is found."""
    zh_window.show_tab("bills")
    bills = zh_window.bills_tab
    qtbot.waitUntil(lambda: not bills.is_loading() and bills.model.rowCount() > 0, timeout=20_000)
    menu = bills.row_menu(0)
    texts = [action.text() for action in menu.actions() if action.text()]
    assert "详情…" in texts and "为此账单退款…" in texts  # HistoryTab's and BillsTab's
    assert "笔账单 · 截至 " in bills.count_label.text()  # HistoryTab's and History's
    menu.deleteLater()


def test_the_dialogs_in_chinese_show_no_english(qtbot, zh_window: MainWindow) -> None:

    bill = BillRecord(
        bill_no="BC20260101120000ABCDEF",
        title="咖啡",
        channel="PAYPAL_PAYPAL",
        total_fee=1250,
        paid=True,
        created_time=1_767_240_000_000,
        currency="USD",
    )
    dialogs: list[QWidget] = [
        RecordDetailsDialog(
            bill,
            "USD",
            zh_window,
            refunded=refund_summary(
                Settlement("20260101R1A2B3", 1250, 1_767_240_000_000, True, True), "USD"
            ),
        ),
        ProfilesDialog(zh_window.session, zh_window),
        ConfirmRefundDialog(
            RefundConfirmation(
                bill.bill_no,
                "20260101R1A2B3",
                Money(1250, "USD"),
                Money(1250, "USD"),
                bill.title,
                bill.channel,
                "沙盒",
                is_live=False,
            ),
            zh_window,
        ),
    ]
    zh_window.refund_notice.open_dialog()
    assert zh_window.refund_notice.dialog is not None
    dialogs.append(zh_window.refund_notice.dialog)
    for dialog in dialogs:
        dialog.show()
        assert english_left(dialog) == [], type(dialog).__name__
        dialog.close()
    details = dialogs[0]
    assert isinstance(details, RecordDetailsDialog)
    assert details.values["已退款"].text().startswith("退款 20260101R1A2B3，金额 USD 12.50，")
    profiles = dialogs[1]
    assert isinstance(profiles, ProfilesDialog)
    profiles.start_new()  # the form of a new live profile, every field enabled
    assert english_left(profiles) == []


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen]
)
def test_the_file_dialog_in_chinese_shows_no_english(
    qtbot, chinese, tmp_path: Path, mode: QFileDialog.AcceptMode
) -> None:
    """Found exporting in Chinese on a desktop with no file dialog of its own: Qt's
    said 'Look in:' and 'Files of type:' in English beside 文件名称 and 保存 (Qt's
    Chinese catalogue has those two without their shortcut letters only). So did
    Profiles… > Browse… for a CA bundle."""
    dialog = QFileDialog(None, "导出", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton)]
    assert [text for text in texts if english_words(text)] == []
    # a folder's type in the list: it said "Folder" (Qt's catalogue lacks it)
    (tmp_path / "exports").mkdir()
    view = dialog.findChild(QTreeView)
    assert view is not None
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 1)
    kind = model.index(0, 2, view.rootIndex()).data()
    assert kind and not english_words(kind), kind
    # a file's size is its 大小 (Qt's own catalogue says 体积, a volume)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "大小"
    dialog.close()


def test_a_problem_from_the_api_layer_is_shown_in_chinese(chinese) -> None:
    from console.api.money import MoneyError, parse_amount
    from console.api.validate import validate_refund_query

    problems = validate_refund_query({"refund_no": "x"})
    assert [api_texts.problem_text(p) for p in problems] == [
        "退款单号由日期（YYYYMMDD）加 3 到 24 位字母或数字组成。"
    ]
    with pytest.raises(MoneyError) as raised:
        parse_amount("1.5", "JPY")
    assert api_texts.money_error_text(raised.value) == "JPY 只能使用整数金额，不能有小数。"
    assert api_texts.result_code_text(11) == "该订单已有处理中或已完成的退款"


def test_the_system_s_reasons_are_said_in_chinese(chinese) -> None:
    """An export to a folder without permission said "权限不足" nowhere: "Permission
    denied", the system's English, stood in the Chinese sentence."""
    import errno

    from console.gui.system_texts import REASONS, system_reason

    denied = PermissionError(errno.EACCES, "Permission denied")
    assert system_reason(denied) == "您没有在该位置读写的权限"
    assert system_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    for code in REASONS:
        assert english_words(system_reason(OSError(code, "English words"))) == []
    # one not listed keeps the system's words
    assert system_reason(OSError(errno.ECONNRESET, "Connection reset")) == "Connection reset"


@pytest.mark.parametrize(
    "code", ["ELOOP", "ENXIO", "ENODEV", "ESTALE", "EINVAL", "EXDEV", "ENOTEMPTY", "ETIMEDOUT"]
)
def test_what_the_system_says_of_a_file_or_folder_is_said_in_chinese(chinese, code: str) -> None:
    """A data folder whose link leads round in a circle: "Too many levels of symbolic
    links", the system's English, stood in the Chinese start notice; so did the other
    reasons a file or folder can be refused for."""
    import errno

    from console.gui.system_texts import system_reason

    number = getattr(errno, code)
    assert english_words(system_reason(OSError(number, os.strerror(number)))) == []


def test_a_problem_of_a_request_is_said_with_a_chinese_colon(chinese) -> None:
    """ "refund_no: 退款单号由日期……组成。": the field and its problem were joined with an
    English colon outside translate(), in the report and in the audit log's detail."""
    from console.api.errors import ValidationError
    from console.api.validate import validate_refund_query
    from console.gui.audit_recorder import failure_of
    from console.gui.jobs import report_for

    report = report_for(ValidationError(validate_refund_query({"refund_no": "x"})))
    chinese_words = "refund_no：退款单号由日期（YYYYMMDD）加 3 到 24 位字母或数字组成。"
    assert report.text().splitlines()[1:] == [chinese_words]
    _result, detail = failure_of(report)
    assert detail.shown() == chinese_words
    english = "refund_no: A refund number is a date (YYYYMMDD) then 3 to 24 letters or digits."
    assert detail.english == english


def test_what_a_host_did_is_said_in_chinese(chinese) -> None:
    """ "The outcome of the payment is unknown: HOST dropped the connection before
    answering": in a Chinese window the host's part was the client's English. Each
    thing a host can do is said in Chinese, its details (a status, seconds, why an
    address is refused) kept; anything else (OpenSSL's own words) as it came."""
    from console.api import reason_templates as reasons
    from console.api.hosts import HOST_MESSAGES

    details = {"error": "SSLZeroReturnError", "detail": "certificate has expired"}
    details["path"] = "/etc/ssl/shop-ca.pem"
    details["variable"] = "REQUESTS_CA_BUNDLE"
    details["proxy"] = "http://proxy.office:3128"
    said = {
        template: template.format(
            status=302, seconds=26.0, megabytes=4, problem=HOST_MESSAGES["plain_http"], **details
        )
        for template in reasons.TEMPLATES
    }
    for template, reason in said.items():
        text = api_texts.host_reason_text(reason)
        for detail in details.values():  # given as they came
            text = text.replace(detail, "")
        assert english_words(text) == [], (template, text)
    assert "302" in api_texts.host_reason_text(said[reasons.REDIRECTED])
    assert "26" in api_texts.host_reason_text(said[reasons.LATE])
    assert "/etc/ssl/shop-ca.pem" in api_texts.host_reason_text(said[reasons.NO_CA_BUNDLE])
    assert "certificate has expired" in api_texts.host_reason_text(said[reasons.TLS_FAILED])
    assert api_texts.host_reason_text("did something new") == "did something new"
    assert reasons.NOT_BEECLOUD in reasons.TEMPLATES


@pytest.mark.parametrize("fault", ["drop-after", "bad-json"])
def test_an_unknown_outcome_is_said_in_chinese(qtbot, zh_window: MainWindow, fault: str) -> None:
    sandbox = sandbox_of(zh_window.session)
    sandbox.faults.set("pay", Fault(fault))
    tab = zh_window.payment_tab
    fill_card(tab)
    pay_and_wait(qtbot, tab)
    assert tab.outcome.kind == "outcome_unknown"
    text = tab.outcome.body.text()
    assert text.count(sandbox.base_url) == 1
    assert english_words(text.replace(sandbox.base_url, "")) == [], text


def test_an_audit_row_of_no_server_says_what_each_host_did_in_the_language_shown(
    chinese,
) -> None:
    """The audit log keeps what each host did as the client's words, and shows it in
    the language shown when it is read."""
    from console.api.errors import HostFailure, TransportError
    from console.api.reason_templates import DROPPED, LATE
    from console.gui.audit_recorder import failure_of
    from console.gui.jobs import report_for

    failures = [
        HostFailure("https://a.example.com", DROPPED),
        HostFailure("https://b.example.com", LATE.format(seconds=26.0)),
    ]
    _result, detail = failure_of(report_for(TransportError(failures)))
    assert detail.english == (
        "No BeeCloud server could be reached. Tried: https://a.example.com (dropped the "
        "connection before answering); https://b.example.com (did not finish answering "
        "in time (within 26 s))"
    )
    shown = detail.shown()
    for host in ("https://a.example.com", "https://b.example.com"):
        assert shown.count(host) == 1
        shown = shown.replace(host, "")
    assert english_words(shown) == [], detail.shown()


def test_a_sync_that_failed_is_told_at_the_status_bar_in_chinese(
    qtbot, zh_window: MainWindow, session: ConsoleSession
) -> None:
    """The tooltip joined the title and the reason with an English colon ("服务器无响应:
    无法连接…"), outside translate()."""
    from console.gui.profiles import Profile
    from tests.net_support import closed_port_url

    zh_window.show_tab("bills")
    host = closed_port_url()
    profile = Profile.new_live("商店", "app-1", (host,))
    session.profiles.save(profile)
    session.secrets.set(profile.id, "not-a-real-secret")
    with qtbot.waitSignal(session.history.sync_ended, timeout=10_000):
        session.activate(profile.id)
    label = zh_window.history_label
    qtbot.waitUntil(lambda: "离线" in label.text(), timeout=10_000)
    reason = f"无法连接任何 BeeCloud 服务器。已尝试：{host}（拒绝或断开了连接）。"
    assert label.toolTip() == f"服务器无响应：{reason}"


def test_the_gui_says_what_a_host_did_with_the_client_s_own_words() -> None:
    from console.api import reason_templates as reasons

    assert set(api_texts.REASON_TEMPLATES) == set(reasons.TEMPLATES)
    assert all(key == value for key, value in api_texts.REASON_TEMPLATES.items())


# -- (c) the language setting is honoured at start ------------------------------------------

ZH_CN = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
ZH_TW = QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)
EN_GB = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
DE_DE = QLocale(QLocale.Language.German, QLocale.Country.Germany)


@pytest.mark.parametrize(
    ("stored", "system", "shown"),
    [
        (None, ZH_CN, i18n.CHINESE),  # nothing chosen yet: the system's
        (None, ZH_TW, i18n.CHINESE),  # zh*
        (None, EN_GB, i18n.ENGLISH),
        (None, DE_DE, i18n.ENGLISH),  # neither: English
        ("system", ZH_CN, i18n.CHINESE),
        ("en", ZH_CN, i18n.ENGLISH),  # chosen beats the system
        ("zh_CN", EN_GB, i18n.CHINESE),
        ("klingon", DE_DE, i18n.ENGLISH),  # nonsense in the settings file: the system's
    ],
)
def test_the_language_chosen_or_the_system_s_is_shown_at_start(
    qapp, tmp_path: Path, stored: str | None, system: QLocale, shown: str
) -> None:
    settings = Settings.in_file(tmp_path / "s.ini")
    if stored is not None:
        settings.put(LANGUAGE, stored)
    try:
        assert i18n.install(settings, system).language == shown
        bills = QCoreApplication.translate("MainWindow", "Bills")
        assert bills == ("账单" if shown == i18n.CHINESE else "Bills")
    finally:
        i18n.uninstall()
    assert QCoreApplication.translate("MainWindow", "Bills") == "Bills"


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (i18n.ENGLISH, "'1,500' could mean 1.5 on this computer"),
        (i18n.CHINESE, "在这台电脑上可能是 1.5"),
    ],
)
def test_an_amount_that_a_decimal_comma_reads_otherwise_is_not_taken(
    qtbot, language: str, said: str
) -> None:
    """A clerk on a computer set to Germany's numbers typed "1,500" for one and a half:
    the payment form took USD 1,500.00. Where the computer's numbers have a decimal
    comma, one group of thousands without a point is said both ways and not taken; on
    a computer with a decimal point, it is one thousand five hundred."""
    try:
        i18n.apply(language, DE_DE)
        field = AmountField()
        qtbot.addWidget(field)
        field.amount_edit.setText("1,500")
        assert field.money() is None
        assert said in (field.error() or "")
        field.amount_edit.setText("1,500.00")
        assert field.money() == Money(150_000, "USD")
    finally:
        i18n.uninstall()
    field.amount_edit.setText("1,500")
    assert field.money() == Money(150_000, "USD")


def test_settings_language_menu_keeps_the_choice_for_the_next_start(
    window: MainWindow, announced: list[Said]
) -> None:
    actions = window.language_actions
    assert actions[i18n.SYSTEM].isChecked()  # nothing chosen yet
    actions[i18n.CHINESE].trigger()
    assert window.session.settings.get(LANGUAGE) == i18n.CHINESE
    assert "next time" in window.statusBar().currentMessage()
    # a screen reader says it: the menu closed, the focus is back where it was
    assert announced == [Said(window.statusBar().currentMessage(), False, window.statusBar())]
    assert i18n.resolve(i18n.stored_choice(window.session.settings), EN_GB) == i18n.CHINESE
    actions[i18n.ENGLISH].trigger()
    assert window.session.settings.get(LANGUAGE) == i18n.ENGLISH


def test_a_language_that_cannot_be_kept_is_said_so(
    qtbot, tmp_path: Path, keyring_backend: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    """The settings file cannot be written (a file where its folder should be, a full
    disk): the status bar said the language would change at the next start, which it
    would not. It says the choice could not be kept, where, and when it is tried again;
    closing says in the log that nothing of the session was kept."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the settings folder should be")
    settings = Settings.in_file(blocker / "settings.ini")
    session = ConsoleSession(settings, tmp_path / "data", SecretStore(keyring_backend), 0)
    session.activate("sandbox")
    window = MainWindow(session)
    qtbot.addWidget(window)
    try:
        window.language_actions[i18n.CHINESE].trigger()
        message = window.statusBar().currentMessage()
        assert "next time" not in message
        assert message.startswith("The language could not be kept for the next start")
        assert str(blocker / "settings.ini") in message
    finally:
        window.close()
    assert f"the settings file {blocker / 'settings.ini'} cannot be written" in caplog.text


def test_a_checkout_s_newer_ts_is_compiled_into_the_cache_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback when the build's .qm is missing or older than the .ts."""
    monkeypatch.setattr(i18n, "QM_DIR", tmp_path / "built")  # nothing built
    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache")
    path = i18n.catalogue_path(i18n.CHINESE)
    assert path == tmp_path / "cache" / "beecloud_console_zh_CN.qm" and path.stat().st_size > 0


def test_an_install_without_its_translation_says_so_in_the_log(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A package built without its .qm files showed the console in English to a clerk
    who chose Chinese, and nothing anywhere said why."""
    monkeypatch.setattr(i18n, "QM_DIR", tmp_path / "built")  # nothing built
    monkeypatch.setattr(i18n, "TS_DIR", tmp_path / "sources")  # no checkout either
    try:
        i18n.apply(i18n.CHINESE, ZH_CN)
        assert "no translation of the console for zh_CN" in caplog.text
    finally:
        i18n.uninstall()


# -- (d) dates and counts follow the locale ----------------------------------------------------

MOMENT_MS = int(datetime(2026, 3, 7, 9, 5, 4).timestamp()) * 1000  # local time


@pytest.mark.parametrize(
    ("language", "system", "time_text", "count_text"),
    [
        (i18n.CHINESE, ZH_CN, "2026/03/07 09:05:04", "12,345 笔账单"),
        (i18n.CHINESE, DE_DE, "2026/03/07 09:05:04", "12,345 笔账单"),  # zh_CN's ways
        (i18n.ENGLISH, EN_GB, "07/03/2026 09:05:04", "12,345 bills"),  # day first
        (
            i18n.ENGLISH,
            QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
            "03/07/2026 09:05:04",
            "12,345 bills",
        ),
        (i18n.ENGLISH, DE_DE, "2026-03-07 09:05:04", "12,345 bills"),  # ISO: no guess
    ],
)
def test_dates_and_counts_follow_the_locale(
    qapp, language: str, system: QLocale, time_text: str, count_text: str
) -> None:
    try:
        i18n.apply(language, system)
        assert local_time_text(MOMENT_MS) == time_text
        assert i18n.day_text(date(2026, 3, 7)) == time_text[:10]  # the Overview's days
        assert BillsHistoryModel().count_phrase(12_345) == count_text
        assert BillsHistoryModel().count_phrase(1) == (
            "1 笔账单" if language == i18n.CHINESE else "1 bill"
        )
    finally:
        i18n.uninstall()
    assert local_time_text(MOMENT_MS) == "2026-03-07 09:05:04"  # the tests' English again


@pytest.mark.parametrize(
    ("language", "system", "today", "earlier", "last_year"),
    [
        (i18n.ENGLISH, DE_DE, "09:05", "6 Mar 09:05", "7 Mar 2025 09:05"),
        (i18n.ENGLISH, EN_GB, "09:05", "6 Mar 09:05", "7 Mar 2025 09:05"),
        (i18n.CHINESE, ZH_CN, "09:05", "3月6日 09:05", "2025年3月7日 09:05"),
    ],
)
def test_as_of_reads_naturally_in_each_language(
    qapp, language: str, system: QLocale, today: str, earlier: str, last_year: str
) -> None:
    """The status bar and the tables' counts said "as of 2026-03-06 09:05" (截至
    2026-03-06 09:05) whatever the language, where the tables say 2026/03/06."""
    day = date(2026, 3, 7)
    try:
        i18n.apply(language, system)
        assert i18n.moment_text(MOMENT_MS, day) == today
        assert i18n.moment_text(MOMENT_MS - 24 * 3600_000, day) == earlier
        a_year_ago = int(datetime(2025, 3, 7, 9, 5).timestamp()) * 1000
        assert i18n.moment_text(a_year_ago, day) == last_year
    finally:
        i18n.uninstall()


def test_the_status_bar_says_the_day_of_the_last_sync_in_chinese(
    qtbot, zh_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import timedelta

    from console.gui import history as history_module

    bills = zh_window.bills_tab
    zh_window.tabs.setCurrentWidget(bills)
    label = zh_window.history_label
    qtbot.waitUntil(lambda: label.text().startswith("截至 "), timeout=5_000)
    tomorrow = date.today() + timedelta(days=1)
    monkeypatch.setattr(history_module, "today", lambda: tomorrow)
    zh_window.session.history.day_watch.timeout.emit()
    said = f"截至 {date.today().month}月{date.today().day}日 "
    assert label.text().startswith(said), label.text()
    assert re.search(f"{said}\\d\\d:\\d\\d", bills.count_label.text()), bills.count_label.text()


# -- (e) what the console stored, shown in Chinese -------------------------------------------


def english_in(text: str, data: Iterable[str]) -> list[str]:
    """The English words of a shown text once its data (a server's err_detail, the
    operator's login name) is taken out: data is shown as it is."""
    for item in sorted(data, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    return english_words(text)


def table_cells(view: QTableView) -> Iterator[tuple[str, str]]:
    """(where, text) of every cell of a table as shown: its display text and tooltip."""
    model = view.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield f"row {row} column {column} {role.name}", str(index.data(role) or "")


def stored_data(session: ConsoleSession) -> set[str]:
    """What the audit log and the refund journal hold as data: the operator, and every
    server's err_detail (BeeCloud's own words, kept as they came)."""
    data = {session.audit.log.operator, session.journal.operator}
    for entry in session.audit.log.entries():
        data.add(str((stored_texts.load_params(entry.detail_params) or {}).get("detail", "")))
    for journal_entry in session.journal.entries():
        data.add(
            str((stored_texts.load_params(journal_entry.detail_params) or {}).get("detail", ""))
        )
    return data


def test_what_the_console_stored_is_shown_in_chinese(
    qtbot, zh_window: MainWindow, session: ConsoleSession
) -> None:
    # a card payment
    payment = zh_window.payment_tab
    zh_window.tabs.setCurrentWidget(payment)
    fill_card(payment)
    payment.title_edit.setText("无线鼠标")
    pay_and_wait(qtbot, payment)
    assert payment.outcome.kind == "success"
    # a refund on the sandbox profile, then one refused (the bill is refunded already)
    refund_tab = zh_window.refund_tab
    zh_window.tabs.setCurrentWidget(refund_tab)
    refund_tab.confirm = Answer()
    bill_no = special_bill(session, title="无线鼠标")
    find(qtbot, refund_tab, bill_no)
    refund_tab.note_edit.setText("商品损坏")
    click_refund(qtbot, refund_tab)
    assert refund_tab.outcome.kind == "success"
    outcome = english_left(refund_tab.outcome)
    assert outcome == [], outcome
    assert "配置：沙盒环境" in refund_tab.outcome.body.text()
    qtbot.waitUntil(lambda: refund_tab.history_table.rowCount() == 1, timeout=10_000)
    other = special_bill(session, title="键盘")
    find(qtbot, refund_tab, other)
    # (the sync after the refund above has ended: none brings the refund made elsewhere,
    # which has Refund… off while the bill's refunds are read again, before it is pressed)
    qtbot.waitUntil(lambda: not session.history.syncing, timeout=10_000)
    truth = embedded_sandbox_client(session)  # refunded elsewhere after the lookup
    truth.refund(RefundRequest(other, new_refund_no(), Money(100, "USD")))
    truth.close()
    click_refund(qtbot, refund_tab)
    assert refund_tab.outcome.kind == "api"
    # a profile added
    dialog = ProfilesDialog(session, zh_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_new()
    dialog.name_edit.setText("商店")
    dialog.app_id_edit.setText("SHOP_APP")
    dialog.secret_edit.setText("Zq9-unmistakable-secret-7Xw")
    assert dialog.save()
    dialog.close()

    audit = zh_window.audit_tab
    zh_window.show_tab("audit")
    audit.reload()
    # 2 payment, 4 refund, the check of the refund taken (its record read), 1 profile rows
    assert audit.model.rowCount() == 8
    data = stored_data(session)
    left = [
        (where, text, words)
        for where, text in table_cells(audit.view)
        if (words := english_in(text, data))
    ]
    assert left == []
    shown = [audit.model.index(row, 7).data() for row in range(audit.model.rowCount())]
    assert "应用 SHOP_APP；App Secret 保存在系统密钥环中" in shown
    assert f"账单 {bill_no}，备注“商品损坏”" in shown
    assert f"账单 {bill_no}：已受理；BeeCloud 列出已完成后才算完成" in shown
    assert f"账单 {bill_no}：退款已完成" in shown
    profiles = {audit.model.index(row, 2).data() for row in range(audit.model.rowCount())}
    assert profiles == {"沙盒环境", "商店"}


def test_a_refund_not_sent_for_a_locked_keyring_is_said_in_chinese(
    qtbot,
    zh_window: MainWindow,
    session: ConsoleSession,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its title named the keyring only as "没有 App Secret", and its sentences were
    joined with an English space: "账单 … 没有退款。 系统密钥环已锁定；请解锁后重试。"."""
    import keyring.errors

    from tests.gui.console_support import live_profile

    refund_tab = zh_window.refund_tab
    zh_window.tabs.setCurrentWidget(refund_tab)
    refund_tab.confirm = Answer()
    bill_no = special_bill(session)
    assert session.sandbox is not None
    live_profile(session, "商店", (session.sandbox.base_url,))
    find(qtbot, refund_tab, bill_no)

    def locked(_service: str, _username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(keyring_backend, "get_password", locked)
    click_refund(qtbot, refund_tab)
    refund_no = answer_of(refund_tab).asked[0].refund_no
    assert refund_tab.outcome.title.text() == f"退款 {refund_no} 未发送：无法读取 App Secret"
    body = f"账单 {bill_no} 没有退款。系统密钥环已锁定；请解锁后重试。"
    assert refund_tab.outcome.body.text() == body


def test_a_bills_channel_is_named_with_chinese_punctuation(
    qtbot, zh_window: MainWindow, session: ConsoleSession
) -> None:
    """ "PAYPAL_CREDITCARD (信用卡支付（PayPal）)": a Chinese name in English brackets."""
    refund_tab = zh_window.refund_tab
    zh_window.tabs.setCurrentWidget(refund_tab)
    find(qtbot, refund_tab, special_bill(session))
    shown = refund_tab.channel_label.text()
    assert re.fullmatch(r"[A-Z_]+：[^()]+", shown), shown


# A detail the reconciler writes, for each state an entry can be in.
JOURNAL_DETAILS: dict[str, list[StoredText | None]] = {
    "done": [
        StoredText("journal.made"),
        StoredText("journal.found_made", {"time_ms": 1_767_240_000_000}),
    ],
    "refused": [
        StoredText("journal.listed_refused"),
        StoredText(
            "journal.refused_detail",
            {"code": 11, "result_msg": "ALREADY_REFUNDING", "detail": "bill_no: refunded already"},
        ),
        StoredText("journal.not_sent", {"report": "transport", "reason": "No server answered"}),
    ],
    "unknown": [
        StoredText("journal.unfinished"),
        StoredText("journal.mismatch", {"bill_no": "BC1", "refund_fee": 500}),
        StoredText("journal.no_answer_from", {"host": "https://apibj.beecloud.cn"}),
        StoredText("journal.no_answer"),
        StoredText("journal.resent_refused", {"code": 4, "result_msg": "PARAM_INVALID"}),
    ],
    "absent": [
        StoredText("journal.not_sent_again", {"report": "validation", "reason": "x"}),
        StoredText("journal.refused", {"code": 7, "result_msg": "CHANNEL_ERROR"}),  # the key only
    ],
    "dropped": [StoredText("journal.dropped", {"operator": "操作员"})],
    "sending": [None],
}


def test_the_refund_notice_shows_the_journal_in_chinese(
    qtbot, zh_window: MainWindow, session: ConsoleSession
) -> None:
    from console.api.validate import china_today
    from console.gui.refund_notice import settled_text, state_words
    from console.store import refund_journal as journal_states

    journal, reconciler = session.journal, session.reconciler
    moves = {
        "done": journal.mark_done,
        "refused": journal.mark_refused,
        "unknown": journal.mark_unknown,
        "absent": journal.mark_absent,
    }
    serial = 0
    settled = []
    for state, details in JOURNAL_DETAILS.items():
        for detail in details:
            serial += 1
            refund_no = f"{china_today()}R{serial:03d}"
            journal.record_sending(refund_no, f"BC2026010112000{serial:03d}", 500, "USD", "sandbox")
            if state == "dropped":
                assert detail is not None
                journal.mark_absent(refund_no)
                entry = journal.mark_dropped(refund_no, detail)
            elif detail is not None:
                entry = moves[state](refund_no, detail)
            else:
                entry = journal.get(refund_no)
            assert entry is not None and entry.state == state
            if not entry.unresolved:
                settled.append(entry)
                reconciler.settled.emit(entry)
    reconciler.changed.emit()
    notice = zh_window.refund_notice
    notice.open_dialog()
    assert notice.dialog is not None
    data = stored_data(session)
    texts = [(where, text) for where, text in visible_texts(notice)]
    texts += [(where, text) for where, text in visible_texts(notice.dialog)]
    texts += [(e.refund_no, settled_text(e)) for e in settled]
    texts += [
        (e.refund_no, state_words(e, reconciler, session.profile)) for e in journal.unresolved()
    ]
    left = [(where, text, words) for where, text in texts if (words := english_in(text, data))]
    assert left == []
    states = {e.state for e in journal.entries()}
    assert states == set(journal_states.STATES)
    # "Not made" is 未成功: 未完成 is "Not finished" (a refund BeeCloud is still doing)
    assert "未成功。未发送：服务器无响应。没有退款。" in notice.news_label.text()
    assert notice.dismiss_button.text() == "知道了"  # it hides the news: not "成功"
    shown_states = " ".join(row.state.text() for row in notice.dialog.rows.values())
    assert "BeeCloud 已收到，但尚未处理完毕；请稍后再查询。" in shown_states
    notice.dialog.close()


# -- (f) stored texts: keys in both languages, old rows -------------------------------------

SAMPLE_PARAMS: dict[str, object] = {
    "channel": "PAYPAL_CREDITCARD",
    "title": "咖啡",
    "bill_no": "BC20260101120000ABCDEF",
    "note": "商品损坏",
    "code": 11,
    "result_msg": "ALREADY_REFUNDING",
    "detail": "ERR_DETAIL",
    "hosts": "https://apibj.beecloud.cn",
    "host": "https://apibj.beecloud.cn",
    "name": "商店",
    "report": "transport",
    "reason": "No server answered",
    "app_id": "SHOP_APP",
    "changes": [["name", "旧", "新"], ["hosts"], ["ca_bundle"]],
    "time_ms": 1_767_240_000_000,
    "refund_fee": 500,
    "other_no": "20260101120000RB",
    "total_fee": 1250,
    "currency": "USD",
    "operator": "操作员",
    "label": "办公室卡",
    "table": "bills",
    "path": "/home/会计/bills.csv",
    "rows": 1234,
    "why": "the disk is full",
    "problems": [
        {
            "field": "bill_no",
            "code": 4,
            "message": "bill_no must be 8 to 32 letters or digits.",
            "key": "bill_no_shape",
            "params": [],
        }
    ],
}


@pytest.mark.parametrize("key", sorted(stored_texts.TEMPLATES))
def test_every_stored_text_renders_in_english_and_in_chinese(qapp, key: str) -> None:
    text = StoredText(key, SAMPLE_PARAMS)
    english = text.english
    assert english and "{" not in english
    assert stored_texts.render(key, SAMPLE_PARAMS) == english  # no translator: English
    try:
        i18n.apply(i18n.CHINESE, ZH_CN)
        chinese = text.shown()
    finally:
        i18n.uninstall()
    assert chinese and "{" not in chinese
    if not set(stored_texts.TEMPLATES[key]) <= set("{}_: abcdefghijklmnopqrstuvwxyz"):
        assert chinese != english  # all but "{meaning}" and "{problems}" have words
    assert english_in(chinese, ["ERR_DETAIL", "home", "bills", "csv"]) == [], chinese  # a path


def test_stored_texts_turn_their_params_into_words_in_the_language_shown(qapp) -> None:
    changed = StoredText("audit.profile_changed", {"changes": [["name", "a", "b"], ["hosts"]]})
    refused = StoredText("audit.refused_detail", {"code": 11, "detail": "as sent"})
    failed = StoredText("journal.not_sent", {"report": "transport", "reason": "没有服务器"})
    exported = StoredText("audit.exported", {"table": "refunds", "path": "/x/r.csv", "rows": 1234})
    unwritten = StoredText(
        "audit.export_failed", {"table": "audit", "path": "/x/a.csv", "why": "the disk is full"}
    )
    assert changed.english == "changed: name “a” → “b”; servers"
    assert refused.english == "The bill already has a refund in progress or done: as sent"
    assert failed.english == "Not sent: No server answered. Nothing was refunded."
    assert exported.english == "Refunds to /x/r.csv; rows: 1,234"
    assert unwritten.english == "Audit to /x/a.csv: the disk is full; no file was written"
    assert stored_texts.audit_result("failed: No server answered") == "Failed: No server answered"
    assert stored_texts.profile_label("sandbox", "Sandbox") == "Sandbox"
    try:
        i18n.apply(i18n.CHINESE, ZH_CN)
        assert changed.shown() == "已修改：名称“a”→“b”；服务器"
        assert refused.shown() == "该订单已有处理中或已完成的退款：as sent"
        assert failed.shown() == "未发送：服务器无响应。没有退款。"
        assert exported.shown() == "退款记录导出到 /x/r.csv；行数：1,234"
        assert unwritten.shown() == "审计导出到 /x/a.csv：磁盘已满；未写入任何文件"
        assert stored_texts.audit_result("failed: No server answered") == "失败：服务器无响应"
        assert stored_texts.audit_result("failed: disk full") == "失败：disk full"
        # an export's failure: the system's reason, stored in English
        assert stored_texts.audit_result("failed: the disk is full") == "失败：磁盘已满"
        assert stored_texts.profile_label("sandbox", "Sandbox") == "沙盒环境"
        assert stored_texts.profile_label("abc", "Sandbox") == "Sandbox"  # a live one's name
        # a key this console does not know (a newer one wrote it), or params that do not
        # fit: the stored text
        assert stored_texts.shown("audit.from_the_future", "{}", "as stored") == "as stored"
        assert stored_texts.shown("journal.mismatch", "{}", "as stored") == "as stored"
        assert stored_texts.shown("journal.made", "not json", "as stored") == "as stored"
    finally:
        i18n.uninstall()


def test_the_hosts_tried_are_listed_with_chinese_brackets_in_chinese(chinese) -> None:
    """A reason in half-width brackets between Chinese words reads wrong."""
    tried = [("https://a.cn", "refused or dropped the connection"), ("https://b.cn", "x")]
    said = api_texts.hosts_tried_text(tried)
    assert said == "https://a.cn（拒绝或断开了连接）；https://b.cn（x）"
    english = "https://a.cn (refused or dropped the connection); https://b.cn (x)"
    assert api_texts.hosts_tried_text(tried, english=True) == english


def test_what_a_host_answered_reads_plainly_in_chinese(chinese) -> None:
    """ "https://a.cn（以重定向（HTTP 302）应答，未跟随）": brackets within the host's
    brackets, and "未跟随" (a word-for-word "not followed") that no clerk says."""
    from console.api import reason_templates as reasons

    for template in (reasons.REDIRECTED, reasons.TOO_LARGE, reasons.NOT_JSON):
        reason = template.format(status=302, megabytes=4)
        said = api_texts.hosts_tried_text([("https://a.cn", reason)])
        assert said.count("（") == 1 and said.endswith("）"), said
        assert "跟随" not in said and "应答超过" not in said, said


# -- a value set apart from the Chinese around it ------------------------------------------

HAN = "\u3400-\u9fff"
# placeholders whose value is Chinese words in Chinese (a tab's name, "5 分钟前", a summary
# or why a profile is gone ending in "。", "服务器 https://… 没有返回应答"): they may touch
# a Chinese character
CHINESE_VALUES = {"where", "ago", "summary", "table_title", "what_happened", "gone", "kinds"}


def test_no_chinese_text_glues_a_value_to_a_chinese_character() -> None:
    """'…发送，但https://a.cn 未在时限内…', 'PayPal全部渠道': a server, a number, a name
    that may be Latin, run into the Chinese word before or after it."""
    glued = []
    for (context, _source), element in messages(SHIPPED_TS).items():
        for form in forms(element):
            for found in re.finditer(rf"[{HAN}]\{{(\w+)[^}}]*\}}|\{{(\w+)[^}}]*\}}[{HAN}]", form):
                if (found.group(1) or found.group(2)) not in CHINESE_VALUES:
                    glued.append((context, found.group(), form))
    assert glued == []


def test_no_chinese_text_sets_a_value_in_chinese_words_apart_with_spaces() -> None:
    """'服务器太忙，未能给出 账单和退款 的计数': a space is for a value that may be Latin;
    one in Chinese words reads as Chinese does, without."""
    spaced = []
    for (context, _source), element in messages(SHIPPED_TS).items():
        for form in forms(element):
            for found in re.finditer(rf"[{HAN}] \{{(\w+)\}}|\{{(\w+)\}} [{HAN}]", form):
                if (found.group(1) or found.group(2)) in CHINESE_VALUES:
                    spaced.append((context, found.group(), form))
    assert spaced == []


def test_a_refund_of_unknown_outcome_sets_its_server_apart_in_chinese(
    qtbot, zh_window: MainWindow, session: ConsoleSession
) -> None:
    """'…已通过配置“商店”发送，但http://127.0.0.1:… 没有返回应答': the address ran on
    from the Chinese word before it."""
    from tests.gui.console_support import live_profile

    refund_tab = zh_window.refund_tab
    zh_window.tabs.setCurrentWidget(refund_tab)
    refund_tab.confirm = Answer()
    bill_no = special_bill(session)
    sandbox = sandbox_of(session)
    live_profile(session, "商店", (sandbox.base_url,), read_timeout=0.3, connect_timeout=0.2)
    find(qtbot, refund_tab, bill_no)
    sandbox.faults.set("refund", Fault("drop-after", count=1))
    click_refund(qtbot, refund_tab)
    assert refund_tab.outcome.kind == "outcome_unknown"
    said = refund_tab.outcome.body.text()
    assert f"服务器 {sandbox.base_url} " in said, said


def test_a_double_click_takes_a_number_without_the_chinese_around_it(qtbot, chinese) -> None:
    """Qt ends a word only at a space or ASCII punctuation: a double-click on a bill
    number took '…BC123：USD' or '退款单号：2026…。' with it, to be trimmed by hand
    before pasting it into a search."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QFontMetrics

    from console.gui.plain_text import PlainLabel

    text = "已找到账单 BC20261205120000LEFT0001：USD 12.50，已支付。退款单号：R2026A0001。"
    label = PlainLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    metrics = QFontMetrics(label.font())

    def double_click(word: str, within: int) -> str:
        x = label.contentsRect().left() + metrics.horizontalAdvance(text[: text.index(word)])
        at = QPoint(x + metrics.horizontalAdvance(word[:within]) + 2, label.height() // 2)
        qtbot.mouseDClick(label, Qt.MouseButton.LeftButton, pos=at)
        return label.selectedText()

    assert double_click("BC2026", 3) == "BC20261205120000LEFT0001"
    assert double_click("USD", 1) == "USD"
    assert double_click("R2026", 2) == "R2026A0001"
    assert double_click("已支付", 1) == "已支付"


def test_a_payment_the_full_disk_keeps_from_being_written_down_is_refused_in_chinese(
    qtbot, zh_window: MainWindow
) -> None:
    """Found with a full home folder in Chinese: the console's database said why it could
    not be written in English ("The console's database could not be written (database
    or disk is full).") in the middle of the Chinese refusal. It is said in Chinese."""
    from console.gui.tabs.payment_tab import PaymentTab
    from tests.file_damage import audit_rows_meet_a_full_disk

    audit_rows_meet_a_full_disk(zh_window.session.store.database)
    tab: PaymentTab = zh_window.payment_tab
    zh_window.tabs.setCurrentWidget(tab)
    fill_common(tab)
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.outcome.kind == "store", timeout=WAIT_MS)
    body = tab.outcome.body.text()
    assert english_words(body) == [], body
    assert "磁盘已满" in body, body


# -- SQLite's own words, said in the language shown ------------------------------------------


def sqlite_errors(folder: Path) -> dict[str, sqlite3.Error]:
    """Real errors of SQLite, as a full disk, another program's write, a file that
    cannot be written and a damaged one raise them (their words are SQLite's English)."""
    path = folder / "errors.sqlite3"
    made = sqlite3.connect(path, isolation_level=None)
    made.execute("CREATE TABLE t (b BLOB)")
    errors: dict[str, sqlite3.Error] = {}
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        made.execute("BEGIN IMMEDIATE")
        try:
            other.execute("INSERT INTO t VALUES (1)")
        except sqlite3.Error as error:
            errors["busy"] = error
        made.execute("ROLLBACK")
        try:
            reader.execute("INSERT INTO t VALUES (1)")
        except sqlite3.Error as error:
            errors["read_only"] = error
        pages = made.execute("PRAGMA page_count").fetchone()[0]
        made.execute(f"PRAGMA max_page_count={pages}")
        try:
            made.execute("INSERT INTO t VALUES (zeroblob(65536))")
        except sqlite3.Error as error:
            errors["full"] = error
    finally:
        for connection in (made, other, reader):
            connection.close()
    damaged = folder / "damaged.sqlite3"
    damaged.write_bytes(b"not a database " * 300)
    reading = sqlite3.connect(damaged)
    try:
        reading.execute("SELECT * FROM sqlite_master")
    except sqlite3.Error as error:
        errors["damaged"] = error
    finally:
        reading.close()
    assert set(errors) == {"busy", "read_only", "full", "damaged"}, errors
    return errors


def test_a_history_that_could_not_be_written_is_said_in_chinese(chinese, tmp_path: Path) -> None:
    """A sync that could not write the history (another console writing it, a full disk,
    a file that cannot be written) said SQLite's English in the Chinese sentence: "本机的
    历史记录无法写入（database is locked）：另一个控制台或程序正在写入它。"."""
    from console.gui.jobs import report_for
    from console.store.errors import HistoryFileError

    for why, error in sqlite_errors(tmp_path).items():
        report = report_for(HistoryFileError.of(error))
        assert english_words(report.message) == [], (why, report.message)
        assert report.message.startswith("本机的历史记录无法写入"), report.message


def test_a_history_file_the_console_cannot_use_is_said_in_chinese(
    qtbot, zh_window: MainWindow, tmp_path: Path
) -> None:
    """The profile's history file a symbolic link (or one SQLite cannot open): kept as it
    is, this session's history in memory, and the status bar says why, in English:
    "…历史记录文件无法使用（mirrors/sandbox.sqlite3 is a symbolic link, which the console
    does not follow）…"."""
    from tests.file_damage import link_to_elsewhere

    history = zh_window.session.history
    zh_window.show_tab("bills")
    qtbot.waitUntil(lambda: not history.syncing, timeout=WAIT_MS)
    path = history.mirror.path
    assert path is not None
    history.mirror.close()
    history._mirrors.clear()
    path.unlink()
    link_to_elsewhere(path, tmp_path / "elsewhere")
    with qtbot.waitSignal(history.sync_ended, timeout=WAIT_MS):
        history.sync()
    assert history.mirror.path is None
    said = zh_window.history_label.text()
    assert "本次会话的历史记录仅保存在内存中" in said, said
    assert english_words(said.replace(path.name, "")) == [], said  # the file's name is data


def test_an_overview_the_history_could_not_give_is_said_in_chinese(
    qtbot, zh_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history could not be read for the Overview (a damaged file, found before the
    next sync makes it again): "无法读取历史记录（file is not a database）。"."""
    from console.gui.tabs.overview import tab as overview_tab

    damaged = sqlite_errors(tmp_path)["damaged"]

    def unreadable(*_args: object) -> None:
        raise damaged

    monkeypatch.setattr(overview_tab, "overview_of", unreadable)
    zh_window.show_tab("overview")
    overview = zh_window.overview_tab
    overview.show_figures()
    said = overview.message.text()
    assert said.startswith("无法读取历史记录"), said
    assert english_words(said) == [], said


def test_the_console_s_database_says_sqlite_s_words_in_chinese(chinese, tmp_path: Path) -> None:
    """A write of the console's database refused by another program's write or a file
    made read-only: "无法写入控制台的数据库（database is locked）。"."""
    from console.gui.system_texts import store_text
    from console.store.database import _write_failed

    errors = sqlite_errors(tmp_path)
    for why in ("busy", "read_only", "damaged"):
        said = store_text(_write_failed(errors[why]))
        assert english_words(said) == [], (why, said)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all, but a clerk's note" * 100, "schema"],
    ids=["empty", "garbage", "another-programs-database"],
)
def test_why_the_consoles_database_could_not_be_used_is_said_in_chinese(
    chinese, tmp_path: Path, content: bytes | str
) -> None:
    """Found with a damaged file in Chinese: the start notice said what was found in
    English, '控制台的数据库 … 已损坏（it is empty, 0 bytes）。', or SQLite's '(file is
    not a database)', or a schema's difference."""
    import sqlite3

    from console.gui.start_notice import store_problem_text
    from console.store.opening import open_console_database

    path = tmp_path / "data" / "console.sqlite3"
    path.parent.mkdir(mode=0o700)
    if content == "schema":
        other = sqlite3.connect(path)
        other.execute("CREATE TABLE notes (text)")
        other.commit()
        other.close()
    else:
        assert isinstance(content, bytes)
        path.write_bytes(content)
    opened = open_console_database(path)
    try:
        assert opened.problem is not None
        said = store_problem_text(opened.problem)
        data = re.sub(r"/[^\s（）]*|0x[0-9a-f]+", "", said)  # paths and ids aside
        assert english_words(data) == [], said
    finally:
        opened.database.close()


@pytest.mark.parametrize("trouble", ["made_again", "damaged"])
def test_an_export_whose_rows_the_history_could_not_give_is_said_in_chinese(
    qtbot, zh_window: MainWindow, tmp_path: Path, trouble: str
) -> None:
    """Export pressed, then the history made again by a sync that found it damaged (or
    found damaged as the rows are read): the Chinese failure said the store's or SQLite's
    English, "无法从历史记录读取要导出的行（the mirror is closed）。" or "（file is not a
    database）"."""
    from console.export.table import ExportTable
    from tests.gui.tab_drivers import show_tab

    bills = show_tab(zh_window, zh_window.bills_tab, qtbot)
    exporter = bills.exporter
    take_snapshot = exporter.take_snapshot
    damaged = sqlite_errors(tmp_path)["damaged"]

    def snapshot_then_trouble() -> ExportTable:
        table = take_snapshot()
        if trouble == "made_again":
            bills.history.mirror.damaged = True
            assert bills.history._heal()
            return table

        def unreadable(_record: object) -> list[str]:
            raise damaged

        return ExportTable(table.titles, table.records, unreadable, sheet_name=table.sheet_name)

    exporter.take_snapshot = snapshot_then_trouble
    exporter.choose_path = lambda: tmp_path / "bills.csv"  # type: ignore[method-assign]
    with qtbot.waitSignal(exporter.finished, timeout=WAIT_MS):
        qtbot.mouseClick(exporter.button, Qt.MouseButton.LeftButton)
    said = bills.outcome.body.text()
    assert said.startswith("无法从本机的历史记录中读取要导出的行"), said
    assert english_words(said) == [], said


def mnemonics_of(menu: QMenu | QMenuBar) -> list[str]:
    """The access letter of each of the menu's items whose texts are the console's own
    (not those of a group of choices: the languages' names, the sync's intervals); ""
    for one without."""
    letters = []
    for action in menu.actions():
        if action.isSeparator() or action.actionGroup() is not None:
            continue
        found = re.search(r"&([^&])", action.text().replace("&&", ""))
        letters.append(found.group(1).lower() if found else "")
    return letters


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_menu_item_of_the_consoles_own_has_an_access_letter_of_its_own(
    request, language: str
) -> None:
    """File → Sync the whole history again had none, in either language: reached from
    the keyboard only with the arrow keys."""
    window = request.getfixturevalue("zh_window" if language == "zh" else "window")
    bar = window.menuBar()
    menus = [bar, *bar.findChildren(QMenu)]  # its menus and theirs
    for menu in menus:
        letters = mnemonics_of(menu)
        assert "" not in letters and len(set(letters)) == len(letters), (menu.title(), letters)


def test_a_day_without_its_year_keeps_every_locale_s_order_of_day_and_month() -> None:
    """The daily chart's axis within one year: the year and what joins it go, the rest of
    the locale's way stays, for every date format Qt knows."""
    known = QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    )
    for locale in known:
        shape = i18n.padded_date_format(locale)
        short = i18n.without_year(shape)
        assert "y" not in short, shape
        day_first = short.index("dd") < short.index("MM")
        assert day_first == (shape.index("dd") < shape.index("MM")), shape
        assert short.strip() == short and short[0] in "dM", shape
