"""Stored texts (console/gui/stored_texts.py) in the database: rows keep a key and its
params and show in the language of the moment; params lose secrets as the text does.
(Rendering in both languages: tests/gui/test_i18n.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from console.gui import i18n, stored_texts
from console.gui.stored_texts import StoredText
from console.store.audit_log import MASK, AuditLog
from console.store.database import Database
from console.store.refund_journal import REFUSED, RefundJournal

ZH_CN = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def test_rows_are_written_with_their_key_and_shown_in_the_language_of_the_moment(
    qapp, tmp_path: Path
) -> None:
    database = Database.open(tmp_path / "console.sqlite3")
    log, journal = AuditLog(database), RefundJournal(database)
    try:
        made = StoredText("audit.refund_request", {"bill_no": "BC20260101120000ABCDEF"})
        log.append(
            profile_id="sandbox",
            profile_name="Sandbox",
            action="refund",
            subject="20260101R002",
            result="ok",
            detail=made.english,
            detail_key=made.key,
            detail_params=made.params,
        )
        journal.record_sending("20260101R002", "BC20260101120000ABCDEF", 100, "USD", "sandbox")
        moved = journal.mark_refused("20260101R002", StoredText("journal.listed_refused"))
        assert moved is not None and moved.state == REFUSED
        row = log.entries()[0]
        try:
            i18n.apply(i18n.CHINESE, ZH_CN)
            assert stored_texts.audit_detail(row) == "账单 BC20260101120000ABCDEF"
            assert stored_texts.journal_detail(moved) == "BeeCloud 的记录显示该退款被拒绝。"
            assert stored_texts.audit_profile(row) == "沙盒环境"
        finally:
            i18n.uninstall()
        assert stored_texts.audit_detail(row) == "bill BC20260101120000ABCDEF"
        assert moved.detail == "BeeCloud lists it as refused."  # its English kept too
        # a plain detail (no key) is shown as it was written
        journal.record_sending("20260101R003", "BC20260101120000ABCDEF", 100, "USD", "sandbox")
        unknown = journal.mark_unknown("20260101R003", "No answer came back.")
        assert (
            unknown is not None and stored_texts.journal_detail(unknown) == "No answer came back."
        )
    finally:
        database.close()


def test_a_payment_request_names_its_channel_as_a_clerk_does_in_the_language_shown(
    qapp,
) -> None:
    """The Audit tab said "PAYPAL_CREDITCARD, title …" where the Bills table says "Card via
    PayPal": the channel's words, as everywhere else; a channel of no known words, its code."""
    made = StoredText("audit.pay_request", {"channel": "PAYPAL_CREDITCARD", "title": "Chair"})
    assert made.english == "Card via PayPal, title “Chair”"
    assert made.shown() == "Card via PayPal, title “Chair”"
    unknown = StoredText("audit.pay_request", {"channel": "NEWPAY_APP", "title": "Chair"})
    assert unknown.shown() == "NEWPAY_APP, title “Chair”"
    try:
        i18n.apply(i18n.CHINESE, ZH_CN)
        assert made.shown().startswith("信用卡支付（PayPal）")
        assert "PAYPAL_CREDITCARD" not in made.shown()
        assert made.english == "Card via PayPal, title “Chair”"  # what is stored: English
    finally:
        i18n.uninstall()


def test_the_params_lose_secrets_as_the_text_does(tmp_path: Path) -> None:
    log = AuditLog(Database.open(tmp_path / "console.sqlite3"))
    secret, card, cvv = "Xq7-very-secret-app-key", "4539148803436467", "731"
    try:
        entry = log.append(
            profile_id="shop",
            profile_name="Shop",
            action="payment",
            subject="BC20260101120000ABCDEF",
            result="refused 7 CHANNEL_ERROR",
            detail=f"echo {secret} {card} {cvv}",
            detail_key="audit.refused_detail",
            detail_params={
                "code": 7,
                "detail": f"echo {secret} card {card} cvv {cvv}",
                "nested": [{"card": "4539 1488 0343 6467"}],
            },
            never=(secret, card, cvv),
        )
        assert entry is not None
        stored = log.entries()[0]
    finally:
        log.database.close()
    params = json.loads(stored.detail_params)
    assert params == {
        "code": 7,
        "detail": f"echo {MASK} card {MASK} cvv {MASK}",
        "nested": [{"card": MASK}],
    }
    assert entry.detail_params == stored.detail_params
    data = b"".join(path.read_bytes() for path in tmp_path.glob("console.sqlite3*"))
    for needle in (secret, card, "4539 1488 0343 6467"):
        assert needle.encode() not in data


@pytest.mark.parametrize("stored", ["[" * 100_000, '{"a": ' * 100_000, "{", "[1, 2]"])
def test_params_that_cannot_be_read_are_none_and_the_words_are_shown(stored: str) -> None:
    """A hand-edited database: JSON nested past Python's reader raised RecursionError
    where any other unreadable params are None (the English words are shown)."""
    assert stored_texts.load_params(stored) is None
