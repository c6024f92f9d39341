"""A refund BeeCloud answered 0 is one it took, not one made (NOTES.md: its record's
`finish` and `result` say that). The Refund tab reads the record at once and says "in
progress" or "refused"; the audit log kept "Refund … OK" beside it for good, of a refund
refused after it was taken. Its answer row says it was accepted, and the read that says
what became of it is a "Refund check" row, as for a refund of unknown outcome."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from console.gui import i18n
from console.gui.main_window import MainWindow
from console.gui.session import ConsoleSession
from console.gui.stored_texts import audit_detail
from console.sandbox import service as sandbox_service
from console.sandbox.store import Refund as SandboxRefund
from console.store import audit_log as audit
from console.store.audit_log import AuditEntry, AuditQuery
from tests.gui.sandbox_bills import special_bill
from tests.gui.tab_drivers import WAIT_MS, Answer, answer_of, click_refund, find


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The console in Simplified Chinese for one test; English again afterwards."""
    i18n.apply(i18n.CHINESE, QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    i18n.uninstall()


def refunds_listed(monkeypatch, finish: bool, result: bool) -> None:
    """The sandbox takes each refund (answers 0) and lists it as given."""

    def taken(**fields: Any) -> SandboxRefund:
        return SandboxRefund(**{**fields, "finish": finish, "result": result})

    monkeypatch.setattr(sandbox_service, "Refund", taken)


def refund_and_read(qtbot, window: MainWindow, session: ConsoleSession) -> tuple[str, str]:
    """A refund of a new bill through the Refund tab, its record read: (bill, refund)."""
    tab = window.refund_tab
    window.tabs.setCurrentWidget(tab)
    tab.confirm = Answer()
    bill_no = special_bill(session)
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    qtbot.waitUntil(lambda: not tab.outcomes.is_reading(), timeout=WAIT_MS)
    [asked] = answer_of(tab).asked
    return bill_no, asked.refund_no


def rows_of(session: ConsoleSession, subject: str) -> list[AuditEntry]:
    return [
        row for row in reversed(session.audit.log.entries(AuditQuery())) if row.subject == subject
    ]


@pytest.mark.parametrize(
    ("finish", "result", "check", "said"),
    [
        (True, False, audit.REFUSED, "the refund was refused"),
        (False, False, audit.IN_PROGRESS, "BeeCloud has not finished it"),
        (True, True, audit.OK, "the refund was made"),
    ],
)
def test_a_refund_taken_is_audited_as_accepted_then_as_its_record_says(
    qtbot, window: MainWindow, session: ConsoleSession, monkeypatch, finish, result, check, said
) -> None:
    refunds_listed(monkeypatch, finish, result)
    bill_no, refund_no = refund_and_read(qtbot, window, session)
    rows = rows_of(session, refund_no)
    assert [(row.action, row.result) for row in rows] == [
        (audit.REFUND, audit.REQUESTED),
        (audit.REFUND, audit.OK),
        (audit.REFUND_CHECK, check),
    ]
    assert audit_detail(rows[1]) == f"bill {bill_no}: accepted; made once BeeCloud lists it made"
    assert audit_detail(rows[2]) == f"bill {bill_no}: {said}"


def test_a_refund_taken_is_said_accepted_in_chinese(
    chinese, qtbot, window: MainWindow, session: ConsoleSession, monkeypatch
) -> None:
    refunds_listed(monkeypatch, finish=True, result=False)
    bill_no, refund_no = refund_and_read(qtbot, window, session)
    rows = rows_of(session, refund_no)
    assert audit_detail(rows[1]) == f"账单 {bill_no}：已受理；BeeCloud 列出已完成后才算完成"
