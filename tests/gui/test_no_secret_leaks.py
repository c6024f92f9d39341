"""A whole working session, then a search of everything the console wrote
(settings, databases, logs; the stored texts' params as a reader decodes them) and
everything it logged for the app secret, any app_sign, the full card number and the
CVV: none may appear."""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import console.api.signing as signing
from console.api.client import BeeCloudClient
from console.api.ids import new_refund_no
from console.api.models import RefundRequest
from console.api.money import Money
from console.gui.jobs import REFUND
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile, master_secret_key
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.logs import configure_logging
from console.sandbox import SandboxServer
from console.store.audit_log import AuditLog
from console.store.database import Database
from console.store.secrets import SecretStore
from tests.gui.memory_keyring import MemoryKeyring
from tests.hostile_support import HostileServer
from tests.net_support import http_reply

TIMEOUT = 10_000
SECRET = "Xq7-very-secret-app-key-93f1"
APP_ID = "shop-app"
CARD = "378282246310005"  # American Express: its CVV has 4 digits, searched for below
CVV = "7319"
DECLINED = "4000000000000002"
# a Visa's CVV has 3 digits: not searched for, as a log's milliseconds (",731") may be them
DECLINED_CVV = "731"


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[SandboxServer]:
    """The merchant's 'live' server, its files outside the console's folder."""
    server = SandboxServer(tmp_path / "server" / "shop.sqlite3", {APP_ID: SECRET})
    (tmp_path / "server").mkdir()
    server.start()
    yield server
    server.stop()


def pay_by_card(window: MainWindow, qtbot, number: str, expect: str, amount: str = "88.20") -> str:
    tab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    tab.set_channel("PAYPAL_CREDITCARD")
    tab.amount.amount_edit.setText(amount)
    tab.title_edit.setText(f"Leak check, {expect}")
    for edit, text in (
        (tab.card.number_edit, " ".join(number[i : i + 4] for i in range(0, len(number), 4))),
        (tab.card.month_edit, "11"),
        (tab.card.year_edit, "2032"),
        (tab.card.cvv_edit, CVV if number == CARD else DECLINED_CVV),
        (tab.card.first_name_edit, "Ada"),
        (tab.card.last_name_edit, "Lee"),
    ):
        edit.setText(text)
    bill_no = tab.bill_no_edit.text()
    tab.outcome.clear()
    tab.pay_button.click()
    qtbot.waitUntil(lambda: tab.outcome.kind not in ("", "pending"), timeout=TIMEOUT)
    assert tab.outcome.kind == expect, tab.outcome.body.text()
    assert tab.card.number_edit.text() == "" and tab.card.cvv_edit.text() == ""
    return bill_no


def refund(window: MainWindow, qtbot, bill_no: str) -> str:
    tab = window.refund_tab
    window.tabs.setCurrentWidget(tab)
    if tab.bill is None or tab.bill.bill_no != bill_no:
        tab.prefill(bill_no)
    qtbot.waitUntil(
        lambda: tab.bill is not None and tab.bill.bill_no == bill_no and tab.refunds is not None,
        timeout=TIMEOUT,
    )
    tab.note_edit.setText(f"customer asked; card {CARD[-4:]}")
    tab.confirm = lambda confirmation: True
    tab.outcome.clear()
    tab.refund_button.click()
    qtbot.waitUntil(lambda: tab.outcome.kind not in ("", "pending"), timeout=TIMEOUT)
    return tab.outcome.kind


def test_nothing_secret_is_written_or_logged(
    qapp, qtbot, tmp_path: Path, shop: SandboxServer, monkeypatch, caplog
) -> None:
    signs: set[str] = set()
    real_sign = signing.app_sign

    def recording_sign(app_id: str, timestamp: int, secret: str) -> str:
        sign = real_sign(app_id, timestamp, secret)
        signs.add(sign)
        return sign

    monkeypatch.setattr(signing, "app_sign", recording_sign)
    folder = tmp_path / "console"
    (folder / "logs").mkdir(parents=True)
    log_file = configure_logging(folder / "logs", logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    settings = Settings.in_file(folder / "settings.ini")
    session = ConsoleSession(settings, folder, SecretStore(MemoryKeyring()), demo_bills=20)
    session.activate("sandbox")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    try:
        dialog = ProfilesDialog(session, window)
        dialog.start_new()
        dialog.name_edit.setText("Shop")
        dialog.app_id_edit.setText(APP_ID)
        dialog.hosts_edit.setPlainText(shop.base_url)
        dialog.secret_edit.setText(SECRET)
        assert dialog.save()
        dialog.close()
        profile = next(p for p in session.profiles.live_profiles() if p.name == "Shop")
        session.activate(profile.id)

        paid = pay_by_card(window, qtbot, CARD, "success")
        pay_by_card(window, qtbot, DECLINED, "api")  # a forced error: card refused (7)
        assert refund(window, qtbot, paid) == "success"
        other = pay_by_card(window, qtbot, CARD, "success", amount="12.00")  # not a repeat
        tab = window.refund_tab
        tab.prefill(other)
        qtbot.waitUntil(lambda: tab.refunds is not None, timeout=TIMEOUT)
        elsewhere = BeeCloudClient(APP_ID, SECRET, [shop.base_url], shuffle=False)
        elsewhere.refund(RefundRequest(other, new_refund_no(), Money(100, "USD")))
        elsewhere.close()
        assert refund(window, qtbot, other) == "api"  # refused: 11 ALREADY_REFUNDING
        window.tabs.setCurrentWidget(window.bills_tab)
        history = session.history  # the Shop's: synced after each payment and refund

        def mirrored() -> bool:
            bills = {bill.bill_no for bill in history.mirror.bills()}
            return not history.syncing and {paid, other} <= bills

        qtbot.waitUntil(mirrored, timeout=TIMEOUT)  # the history holds the card payments
        window.tabs.setCurrentWidget(window.audit_tab)
    finally:
        window.close()
        logging.getLogger().removeHandler(
            next(
                h
                for h in logging.getLogger().handlers
                if getattr(h, "baseFilename", "") == str(log_file)
            )
        )

    assert signs, "requests were signed"
    texts = {"captured log records": caplog.text}
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert {"settings.ini", "console.sqlite3", "console.log"} <= {path.name for path in files}
    assert any(path.parent.name == "mirrors" for path in files), "the history mirror is searched"
    for path in files:
        texts[str(path.relative_to(tmp_path))] = path.read_bytes().decode("latin-1")
    # the stored texts' params (console/gui/stored_texts.py) as a reader decodes them
    audit = AuditLog(Database.open(folder / "console.sqlite3"))
    try:
        params = [json.loads(e.detail_params) for e in audit.entries() if e.detail_params]
    finally:
        audit.database.close()
    assert any("detail" in p for p in params), "a refused refund's err_detail is a param"
    assert any("title" in p for p in params) and any("note" in p for p in params)
    texts["audit params"] = json.dumps(params, ensure_ascii=False)
    needles = [SECRET, CARD, " ".join(CARD[i : i + 4] for i in range(0, 16, 4)), *signs]
    needles += [sign.upper() for sign in signs]
    for where, text in texts.items():
        for needle in needles:
            assert needle not in text, f"{needle[:6]}… found in {where}"
        # standing alone: random ids of letters and digits may hold these four digits
        standing = rf"(?<![0-9A-Za-z]){CVV}(?![0-9A-Za-z])"
        assert not re.search(standing, text), f"the CVV is in {where}"
        assert '"cvv"' not in text and "card_number" not in text, where


MASTER = "Mk2-very-secret-master-key-51c"


def echo_everything(server: HostileServer, conn: socket.socket) -> None:
    """A server that refuses a refund and quotes in its err_detail what it was sent:
    the signature, and the secrets it knows."""
    body = json.loads(server.take_request(conn).partition(b"\r\n\r\n")[2])
    detail = f"app_sign {body['app_sign']} is not md5 of {SECRET} or {MASTER}"
    answer = {"result_code": 11, "result_msg": "ALREADY_REFUNDING", "err_detail": detail}
    server.send(conn, http_reply("200 OK", "application/json", json.dumps(answer).encode()))


def test_a_refusal_that_quotes_secrets_leaves_none_in_the_journal_or_the_log(
    qtbot, session: ConsoleSession, tmp_path: Path
) -> None:
    with HostileServer(echo_everything) as server:
        profile = Profile.new_live("Shop", APP_ID, (server.url,))
        session.profiles.save(profile)
        session.secrets.set(profile.id, SECRET)
        session.secrets.set(master_secret_key(profile.id), MASTER)
        session.activate(profile.id)
        request = RefundRequest("BC20260101120000AAAA", new_refund_no(), Money(500, "USD"))
        session.reconciler.record_sending(request, profile.id)  # as the Refund tab does
        handle = session.submit(REFUND, request, "Refunding")
        with qtbot.waitSignal(handle.failed, timeout=TIMEOUT) as failed:
            pass
        [sent] = server.requests
    [report] = failed.args
    sign = json.loads(sent.partition(b"\r\n\r\n")[2])["app_sign"]
    for needle in (SECRET, MASTER, sign):  # not shown either (jobs.without_secrets)
        assert needle not in report.detail
    entry = session.journal.get(request.refund_no)
    assert entry is not None and entry.state == "refused"
    session.shutdown()
    data = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    for needle in (SECRET, MASTER, sign, sign.upper()):
        assert needle.encode() not in data, needle[:6]
