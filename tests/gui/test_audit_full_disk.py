"""The audit log on a disk that fills while the console runs, through the real window and
real payments against the sandbox: the rows after a write was requested (its answer, a
check's) are held in memory, shown marked as not saved yet, said above the rows, written
in order once there is room, and asked about before closing."""

from __future__ import annotations

import csv
import io
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.gui.jobs import FIND_BILL
from console.gui.main_window import MainWindow
from console.gui.session import ConsoleSession
from console.gui.tabs.audit_tab import AuditTab
from console.store import audit_log as audit
from console.store.audit_log import AuditEntry
from console.store.refund_journal import DONE, SENDING
from tests.file_damage import (
    audit_rows_have_room_again,
    audit_rows_meet_a_full_disk,
    journal_moves_have_room_again,
    journal_moves_meet_a_full_disk,
)
from tests.gui.sandbox_bills import special_bill
from tests.gui.tab_drivers import (
    WAIT_MS,
    Answer,
    answer_of,
    click_refund,
    fill_card,
    find,
    pay_and_wait,
    show_audit,
)

FULL = "The console's database could not be written: the disk is full."


def disk_fills_once_requested(session: ConsoleSession) -> None:
    """The disk fills just after the next payment or refund is written down as requested."""
    filled: list[AuditEntry] = []

    def on_row(entry: AuditEntry) -> None:
        if not filled and entry.result == audit.REQUESTED:
            filled.append(entry)
            audit_rows_meet_a_full_disk(session.store.database)

    session.audit_appended.connect(on_row)


def pay_by_card(qtbot, window: MainWindow, amount: str = "12.50") -> str:
    window.tabs.setCurrentWidget(window.payment_tab)
    fill_card(window.payment_tab)
    window.payment_tab.amount.amount_edit.setText(amount)  # not a repeat of the one before
    bill_no = window.payment_tab.bill_no_edit.text()
    pay_and_wait(qtbot, window.payment_tab)
    assert window.payment_tab.outcome.kind == "success"
    return bill_no


def results(tab: AuditTab, bill_no: str) -> list[str]:
    """The Result column of the payment's rows, top to bottom."""
    column = [c.key for c in tab.model.columns].index("result")
    subject = [c.key for c in tab.model.columns].index("subject")
    proxy = tab.proxy
    return [
        proxy.index(row, column).data()
        for row in range(proxy.rowCount())
        if proxy.index(row, subject).data() == bill_no
    ]


def test_a_payments_answer_the_full_disk_refuses_is_shown_held_and_saved_later(
    qtbot, window: MainWindow, session: ConsoleSession, tmp_path: Path
) -> None:
    """Found with a disk filling after a payment was written down: its answer's row was
    lost, the Audit tab showing the payment as requested with no outcome, nothing said,
    and nothing written once there was room."""
    disk_fills_once_requested(session)
    bill_no = pay_by_card(qtbot, window)
    tab = show_audit(window)
    assert results(tab, bill_no) == ["OK (not saved yet)", "Requested"]
    assert not tab.held_notice.isHidden()
    assert tab.held_notice.title.text() == "1 audit entry not saved yet"
    assert tab.held_notice.body.text().startswith(FULL + " The entries marked “not saved yet”")
    # an export meanwhile holds the row as shown
    path = tmp_path / "audit.csv"
    tab.exporter.choose_path = lambda: path  # type: ignore[method-assign]
    with qtbot.waitSignal(tab.exporter.finished, timeout=WAIT_MS):
        qtbot.mouseClick(tab.exporter.button, Qt.MouseButton.LeftButton)
    lines = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    assert [line for line in lines if bill_no in line and "OK (not saved yet)" in line]

    audit_rows_have_room_again(session.store.database)
    second = pay_by_card(qtbot, window, "13.00")  # its request row writes the held ones first
    tab = show_audit(window)
    assert results(tab, bill_no) == ["OK", "Requested"]
    assert results(tab, second) == ["OK", "Requested"]
    assert tab.held_notice.isHidden()
    saved = session.store.database.read("SELECT action, result FROM audit_log ORDER BY id")
    assert saved == [
        (audit.PAYMENT, audit.REQUESTED),
        (audit.PAYMENT, audit.OK),
        (audit.EXPORT, audit.OK),  # the export's row, held too
        (audit.PAYMENT, audit.REQUESTED),
        (audit.PAYMENT, audit.OK),
    ]


def test_rows_held_are_saved_by_a_quiet_retry_once_there_is_room(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    disk_fills_once_requested(session)
    bill_no = pay_by_card(qtbot, window)
    tab = show_audit(window)
    session._audit_retry.setInterval(20)  # not 15 s
    audit_rows_have_room_again(session.store.database)
    qtbot.waitUntil(lambda: tab.held_notice.isHidden(), timeout=WAIT_MS)
    assert results(tab, bill_no) == ["OK", "Requested"]
    assert session.store.audit_log.held == ()


def test_closing_with_rows_held_asks_first_and_logs_them(
    qtbot, window: MainWindow, session: ConsoleSession, caplog: pytest.LogCaptureFixture
) -> None:
    disk_fills_once_requested(session)
    bill_no = pay_by_card(qtbot, window)
    window.close()
    box = window.close_question
    assert box is not None and window.isVisible()
    assert box.text().startswith("1 audit entry could not be saved yet (see the Audit tab).")
    close = next(b for b in box.buttons() if b.text() == "Close anyway")
    with caplog.at_level(logging.ERROR):
        close.click()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    lost = [r.getMessage() for r in caplog.records if "audit row lost" in r.getMessage()]
    assert len(lost) == 1 and bill_no in lost[0] and "result='ok'" in lost[0]


def test_the_question_about_rows_held_stays_while_a_look_up_comes_and_goes(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """The question before closing went, unanswered, as soon as any call began or ended
    (a sync, a look-up): it was meant to go once a payment it named was answered."""
    disk_fills_once_requested(session)
    bill_no = pay_by_card(qtbot, window)
    window.close()
    box = window.close_question
    assert box is not None
    look_up = session.submit(FIND_BILL, bill_no, "a look-up")
    with qtbot.waitSignal(look_up.ended, timeout=WAIT_MS):
        pass
    assert window.close_question is box and box.isVisible() and window.isVisible()


def test_a_refund_whose_outcome_the_full_disk_refuses_stays_to_be_checked(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """The refund journal on the same path: its "sending" line written, its outcome line
    refused by the full disk. It stays unresolved, is said to need checking, and Check
    now settles it once there is room."""
    refund_tab = window.refund_tab
    window.tabs.setCurrentWidget(refund_tab)
    refund_tab.confirm = Answer()
    bill_no = special_bill(session)
    find(qtbot, refund_tab, bill_no)
    filled: list[AuditEntry] = []

    def on_row(entry: AuditEntry) -> None:
        if not filled and entry.result == audit.REQUESTED:
            filled.append(entry)
            journal_moves_meet_a_full_disk(session.store.database)

    session.audit_appended.connect(on_row)
    click_refund(qtbot, refund_tab)
    assert refund_tab.outcome.kind == "success"
    refund_no = answer_of(refund_tab).asked[0].refund_no
    entry = session.journal.get(refund_no)
    assert entry is not None and entry.state == SENDING
    notice = window.refund_notice
    qtbot.waitUntil(notice.attention_row.isVisible, timeout=WAIT_MS)
    journal_moves_have_room_again(session.store.database)
    qtbot.mouseClick(notice.review_button, Qt.MouseButton.LeftButton)
    assert notice.dialog is not None
    assert refund_no in notice.dialog.rows
    check = notice.dialog.check_button
    qtbot.waitUntil(check.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: getattr(session.journal.get(refund_no), "state", None) == DONE, timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: not notice.attention_row.isVisible(), timeout=WAIT_MS)
