"""Stored texts (console/gui/stored_texts.py) in the databases: a file written by a
console from before keys still opens and shows its text; params lose secrets as the
text does. (Rendering in both languages: tests/gui/test_i18n.py.)"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import QLocale

from console.gui import i18n, stored_texts
from console.gui.audit_log import MASK, AuditLog
from console.gui.refund_journal import REFUSED, RefundJournal
from console.gui.stored_texts import StoredText

ZH_CN = QLocale(QLocale.Language.Chinese, QLocale.Country.China)

# The tables as the first version of the console made them (no detail_key/detail_params).
OLD_AUDIT = """
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL, operator TEXT NOT NULL,
    profile_id TEXT NOT NULL, profile_name TEXT NOT NULL, action TEXT NOT NULL,
    subject TEXT NOT NULL, amount INTEGER, currency TEXT, result TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
INSERT INTO audit_log (time_ms, operator, profile_id, profile_name, action, subject, amount,
    currency, result, detail)
VALUES (1767240000000, 'ada', 'sandbox', 'Sandbox', 'refund', '20260101R001', 500, 'USD',
    'ok', 'bill BC20260101120000ABCDEF');
"""
OLD_JOURNAL = """
CREATE TABLE refund_journal (
    refund_no TEXT PRIMARY KEY, bill_no TEXT NOT NULL,
    refund_fee INTEGER NOT NULL CHECK (refund_fee > 0), currency TEXT, optional_json TEXT,
    profile_id TEXT NOT NULL, operator TEXT NOT NULL, created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL, state TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 1
);
INSERT INTO refund_journal VALUES ('20260101R001', 'BC20260101120000ABCDEF', 500, 'USD', NULL,
    'sandbox', 'ada', 1767240000000, 1767240000000, 'refused',
    'BeeCloud lists it as refused.', 1);
"""


def old_database(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.executescript(OLD_AUDIT + OLD_JOURNAL)
    db.close()
    return path


def test_an_old_database_opens_and_its_rows_show_their_text(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = old_database(tmp_path / "console.sqlite3")
    log, journal = AuditLog(path), RefundJournal(path)
    try:
        [old_row] = log.entries()
        [old_entry] = journal.entries()
        assert (old_row.detail, old_row.detail_key, old_row.detail_params) == (
            "bill BC20260101120000ABCDEF",
            "",
            "",
        )
        assert (old_entry.detail, old_entry.detail_key) == ("BeeCloud lists it as refused.", "")
        # new rows are written with their key beside the old ones, in the same file
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
        new_row = log.entries()[0]
        try:
            i18n.apply(i18n.CHINESE, ZH_CN)
            # the old rows: their text as stored (nothing to translate it from)
            assert stored_texts.audit_detail(old_row) == "bill BC20260101120000ABCDEF"
            assert stored_texts.journal_detail(old_entry) == "BeeCloud lists it as refused."
            assert stored_texts.audit_profile(old_row) == "沙盒环境"
            # the new: in the language shown
            assert stored_texts.audit_detail(new_row) == "账单 BC20260101120000ABCDEF"
            assert stored_texts.journal_detail(moved) == "BeeCloud 的记录显示该退款被拒绝。"
        finally:
            i18n.uninstall()
        assert stored_texts.audit_detail(new_row) == "bill BC20260101120000ABCDEF"
        assert moved.detail == "BeeCloud lists it as refused."  # its English kept too
    finally:
        log.close()
        journal.close()
    # opened again (migrated already): the same rows, nothing added twice
    log = AuditLog(path)
    try:
        assert [row.detail_key for row in log.entries()] == ["audit.refund_request", ""]
    finally:
        log.close()


def test_the_params_lose_secrets_as_the_text_does(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "console.sqlite3")
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
        log.close()
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
