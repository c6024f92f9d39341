"""The Audit tab through the real window: payments, refunds and profile changes made
in the console appear with operator, profile, action and result; the filters work;
no secret, card number or CVV is ever in the table or the database."""

from __future__ import annotations

import getpass
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import keyring.errors
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from console.api.ids import new_refund_no
from console.api.models import RefundRequest
from console.api.money import Money
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_ID, Profile
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.tables import filter_bar, selection_keeper
from console.gui.tables.date_presets import ANY_DATE, CUSTOM, LAST_30_DAYS, TODAY
from console.gui.tabs.audit_tab import AuditTab
from console.store import audit_log as audit
from console.store.audit_log import AuditLog
from console.store.database import Database
from tests.clock_support import moment_ago, pickers_today
from tests.gui.console_support import live_profile
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.records_support import logged_entry
from tests.gui.sandbox_bills import special_bill
from tests.gui.sandbox_truth import embedded_sandbox_client
from tests.gui.tab_drivers import (
    CARD_DIGITS,
    CVV,
    WAIT_MS,
    Answer,
    answer_of,
    click_refund,
    click_save,
    export,
    fill_card,
    fill_common,
    fill_new,
    find,
    pay_and_wait,
    read_csv,
    show_audit,
)
from tests.net_support import AnswerLosingHost

SECRET = "Zq9-unmistakable-secret-7Xw"
NEW_SECRET = "Kp4-another-unmistakable-2Yv"
DAY_MS = 86_400_000

Table = list[dict[str, str]]


def table(tab: AuditTab) -> Table:
    """The rows as shown, top to bottom, each by column title."""
    titles = [column.title for column in tab.model.columns]
    proxy = tab.proxy
    return [
        {title: proxy.index(row, column).data() for column, title in enumerate(titles)}
        for row in range(proxy.rowCount())
    ]


def cells(rows: Table, *titles: str) -> list[tuple[str, ...]]:
    return [tuple(row[title] for title in titles) for row in rows]


def all_text(rows: Table) -> str:
    return "\n".join("\t".join(row.values()) for row in rows)


def database_bytes(tmp_path: Path) -> bytes:
    """The console's database as it is on disk: the file, its WAL and journal."""
    return b"".join(path.read_bytes() for path in tmp_path.glob("console.sqlite3*"))


def assert_nowhere(needles: list[str], data: bytes) -> None:
    for needle in needles:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert needle.encode(encoding) not in data, needle


# -- what is audited ------------------------------------------------------------------------


def test_a_card_payment_is_audited_with_nothing_of_the_card(
    qtbot, window: MainWindow, session: ConsoleSession, tmp_path: Path
) -> None:
    window.tabs.setCurrentWidget(window.payment_tab)
    payment = window.payment_tab
    fill_card(payment)
    payment.card.cvv_edit.setText(CVV)
    payment.bill_no_edit.setText("BCAUDITCARD00001")
    pay_and_wait(qtbot, payment)
    assert payment.outcome.kind == "success"

    tab = show_audit(window)
    rows = table(tab)
    assert cells(rows, "Operator", "Profile", "Action", "Subject", "Amount", "Result") == [
        (getpass.getuser(), "Sandbox", "Payment", "BCAUDITCARD00001", "USD 12.50", "OK"),
        (getpass.getuser(), "Sandbox", "Payment", "BCAUDITCARD00001", "USD 12.50", "Requested"),
    ]
    assert rows[1]["Detail"] == "Card via PayPal, title “Order 1234”"
    assert rows[0]["Detail"] == "paid"
    assert tab.count_label.text() == "2 entries"
    text = all_text(rows)
    assert CARD_DIGITS not in text.replace(" ", "") and CVV not in text and "1111" not in text
    secret = session.credentials().secret  # the sandbox app's secret, used by the payment
    assert_nowhere([CARD_DIGITS, "4111 1111 1111 1111", CVV, secret], database_bytes(tmp_path))


def test_a_refund_and_a_refused_refund_are_audited(qtbot, window: MainWindow) -> None:
    refund_tab = window.refund_tab
    window.tabs.setCurrentWidget(refund_tab)
    refund_tab.confirm = Answer()
    bill_no = special_bill(window.session)
    find(qtbot, refund_tab, bill_no)
    refund_tab.note_edit.setText("item returned damaged")
    click_refund(qtbot, refund_tab)
    assert refund_tab.outcome.kind == "success"
    qtbot.waitUntil(lambda: refund_tab.history_table.rowCount() == 1, timeout=WAIT_MS)
    other = special_bill(window.session)  # refunded elsewhere after the console found it
    find(qtbot, refund_tab, other)
    elsewhere = embedded_sandbox_client(window.session)
    elsewhere.refund(RefundRequest(other, new_refund_no(), Money(100, "USD")))
    elsewhere.close()
    refund_tab.amount_input.amount_edit.setText("5.00")
    click_refund(qtbot, refund_tab)
    assert refund_tab.outcome.kind == "api"
    made, refused = (asked.refund_no for asked in answer_of(refund_tab).asked)

    rows = table(show_audit(window))
    assert cells(rows, "Operator", "Profile", "Action", "Subject", "Amount", "Result") == [
        (
            getpass.getuser(),
            "Sandbox",
            "Refund",
            refused,
            "USD 5.00",
            "Refused 11 ALREADY_REFUNDING",
        ),
        (getpass.getuser(), "Sandbox", "Refund", refused, "USD 5.00", "Requested"),
        # 0 is BeeCloud taking it ("OK" said made, of one refused later too); the Refund
        # tab's read of its record says it was made
        (getpass.getuser(), "Sandbox", "Refund check", made, "USD 20.00", "OK"),
        (getpass.getuser(), "Sandbox", "Refund", made, "USD 20.00", "Accepted"),
        (getpass.getuser(), "Sandbox", "Refund", made, "USD 20.00", "Requested"),
    ]
    assert rows[4]["Detail"] == f"bill {bill_no}, note “item returned damaged”"
    assert rows[3]["Detail"] == f"bill {bill_no}: accepted; made once BeeCloud lists it made"
    assert rows[2]["Detail"] == f"bill {bill_no}: the refund was made"
    assert rows[0]["Detail"] == (
        "The bill already has a refund in progress or done: "
        f"bill_no: bill {other} was refunded already."
    )


def test_an_unknown_refund_and_the_check_that_settles_it_are_audited(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    assert session.sandbox is not None
    refund_tab = window.refund_tab
    window.tabs.setCurrentWidget(refund_tab)
    refund_tab.confirm = Answer()
    bill_no = special_bill(session)
    host = AnswerLosingHost(session.sandbox.base_url, deliver=True)
    try:
        live_profile(session, "Shop", (host.url,))
        find(qtbot, refund_tab, bill_no)
        click_refund(qtbot, refund_tab)
        assert refund_tab.outcome.kind == "outcome_unknown"
        refund_no = answer_of(refund_tab).asked[0].refund_no
        tab = show_audit(window)  # shown while the check answers: its row comes in at once
        qtbot.mouseClick(refund_tab.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: table(tab)[0]["Action"] == "Refund check", timeout=WAIT_MS)
    finally:
        host.stop()
    rows = [row for row in table(tab) if row["Subject"] == refund_no]
    assert cells(rows, "Profile", "Action", "Amount", "Result") == [
        ("Shop", "Refund check", "USD 20.00", "OK"),
        ("Shop", "Refund", "USD 20.00", "Outcome unknown"),
        ("Shop", "Refund", "USD 20.00", "Requested"),
    ]
    assert rows[1]["Detail"] == f"no valid answer from {host.url}: check before trying again"
    assert rows[0]["Detail"] == f"bill {bill_no}: the refund was made"


def test_a_payment_that_could_not_be_sent_is_audited(
    window: MainWindow, session: ConsoleSession, qtbot
) -> None:
    profile = Profile.new_live("No secret", "app-without-secret", ("http://127.0.0.1:9",))
    session.profiles.save(profile)
    session.activate(profile.id)
    payment = window.payment_tab
    fill_common(payment)
    payment.return_url_edit.setText("https://shop.example.com/paypal/done")
    payment.pay()
    qtbot.waitUntil(lambda: payment.outcome.kind == "secret", timeout=WAIT_MS)
    [row] = table(show_audit(window))
    assert cells([row], "Profile", "Action", "Amount", "Result") == [
        ("No secret", "Payment", "USD 12.50", "Failed: No app secret")
    ]
    assert row["Detail"].startswith("nothing was sent: No app secret is stored")


def _pay_through_live_profile(qtbot, window: MainWindow) -> dict[str, str]:
    """A payment that is not sent: its one audit row, once the panel says why."""
    payment = window.payment_tab
    fill_common(payment)
    payment.return_url_edit.setText("https://shop.example.com/paypal/done")
    payment.pay()
    qtbot.waitUntil(lambda: payment.submitted is None, timeout=WAIT_MS)
    [row] = table(show_audit(window))
    return row


def test_a_payment_not_sent_for_a_locked_keyring_is_audited_as_such(
    window: MainWindow,
    session: ConsoleSession,
    keyring_backend: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,
) -> None:
    """It was audited as "failed: No app secret" and "nothing was sent: No app secret is
    stored for the profile “Shop”. Enter it in Profiles… first.", while one was stored:
    the keyring was locked (the panel said so)."""
    live_profile(session, "Shop", ("http://127.0.0.1:9",))

    def locked(_service: str, _username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    monkeypatch.setattr(keyring_backend, "get_password", locked)
    row = _pay_through_live_profile(qtbot, window)
    assert row["Result"] == "Failed: The App Secret cannot be read"
    assert row["Detail"] == "nothing was sent: The App Secret cannot be read"
    assert window.payment_tab.outcome.title.text() == "The App Secret cannot be read"
    assert "The system keyring is locked" in window.payment_tab.outcome.body.text()


def test_a_payment_not_sent_for_a_profile_removed_meanwhile_is_audited_as_such(
    window: MainWindow, session: ConsoleSession, qtbot
) -> None:
    """Removed in another console: audited as not made ("nothing was sent: The profile
    was removed") under the name it had, though it is no longer listed."""
    profile = live_profile(session, "Shop", ("http://127.0.0.1:9",))
    session.profiles.remove(profile.id)  # as another console's save leaves the file
    row = _pay_through_live_profile(qtbot, window)
    assert (row["Profile"], row["Result"]) == ("Shop", "Failed: The profile was removed")
    assert row["Detail"] == "nothing was sent: The profile was removed"
    assert window.payment_tab.outcome.title.text() == "The profile was removed"


def test_profiles_added_changed_and_removed_are_audited_never_their_secret(
    qtbot, window: MainWindow, session: ConsoleSession, tmp_path: Path
) -> None:
    dialog = ProfilesDialog(session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_new(qtbot, dialog, "Shop live", "shop-app", SECRET)
    click_save(qtbot, dialog)
    [profile] = session.profiles.live_profiles()
    dialog.select(profile.id)
    dialog.name_edit.setText("Shop EU")
    dialog.secret_edit.setText(NEW_SECRET)
    click_save(qtbot, dialog)
    dialog.confirm_remove = lambda _profile: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert session.profiles.live_profiles() == []
    dialog.accept()

    tab = show_audit(window)
    rows = table(tab)
    assert cells(rows, "Operator", "Profile", "Action", "Subject", "Amount", "Result") == [
        (getpass.getuser(), "Shop EU", "Profile removed", "Shop EU", "", "OK"),
        (getpass.getuser(), "Shop EU", "Secret changed", "Shop EU", "", "OK"),
        (getpass.getuser(), "Shop EU", "Profile changed", "Shop EU", "", "OK"),
        (getpass.getuser(), "Shop live", "Profile added", "Shop live", "", "OK"),
    ]
    assert [row["Detail"] for row in rows] == [
        "its App Secret was deleted",
        "new App Secret kept in the system keyring",
        "changed: name “Shop live” → “Shop EU”",
        "app shop-app; App Secret kept in the system keyring",
    ]
    # the removed profile can still be picked, under the name it had last
    picker = tab.profile_picker
    labels = [picker.itemText(i) for i in range(picker.count())]
    assert labels == ["All profiles", "Sandbox", "Shop EU (removed)"]
    tab.set_profile(profile.id)
    assert len(table(tab)) == 4
    text = all_text(rows)
    assert SECRET not in text and NEW_SECRET not in text
    assert_nowhere([SECRET, NEW_SECRET], database_bytes(tmp_path))


# -- the view ----------------------------------------------------------------------------------


def old_row(session: ConsoleSession, days_ago: int, subject: str) -> None:
    """A row written days ago, as an earlier run of the console would have."""
    earlier = AuditLog(session.store.database, clock=lambda: moment_ago(days_ago * DAY_MS))
    earlier.append(
        profile_id=SANDBOX_ID,
        profile_name="Sandbox",
        action=audit.REFUND,
        subject=subject,
        amount=70000,  # JPY 700
        currency="JPY",
        result=audit.OK,
    )


def test_the_filters_narrow_the_rows(qtbot, window: MainWindow, session: ConsoleSession) -> None:
    window.tabs.setCurrentWidget(window.payment_tab)
    fill_card(window.payment_tab)
    window.payment_tab.bill_no_edit.setText("BCAUDITFILTER001")
    pay_and_wait(qtbot, window.payment_tab)
    shop = Profile.new_live("Shop live", "shop-app")
    session.profiles.save(shop)
    session.audit.profile_saved(None, shop, secret_changed=False)
    old_row(session, 40, "20250101R0LD01")
    tab = show_audit(window)
    assert cells(table(tab), "Action", "Subject") == [
        ("Profile added", "Shop live"),
        ("Payment", "BCAUDITFILTER001"),
        ("Payment", "BCAUDITFILTER001"),
        ("Refund", "20250101R0LD01"),
    ]

    tab.set_action(audit.PAYMENT)
    assert cells(table(tab), "Result") == [("OK",), ("Requested",)]
    tab.set_action(audit.REFUND)
    assert cells(table(tab), "Subject", "Amount") == [("20250101R0LD01", "JPY 700")]
    tab.set_action(None)

    tab.set_profile(shop.id)
    assert cells(table(tab), "Action") == [("Profile added",)]
    tab.set_profile(SANDBOX_ID)
    assert len(table(tab)) == 3
    tab.set_profile(None)

    tab.dates.set_preset(LAST_30_DAYS)
    assert len(table(tab)) == 3  # the 40-day-old refund is left out
    tab.dates.set_preset(CUSTOM)
    long_ago = date.today() - timedelta(days=40)
    tab.dates.set_days(long_ago, long_ago)
    assert cells(table(tab), "Subject") == [("20250101R0LD01",)]
    tab.dates.set_days(long_ago, long_ago - timedelta(days=1))
    assert table(tab) == [] and tab.dates_error.text() == "The last day is before the first day."
    tab.dates.set_preset(TODAY)
    assert len(table(tab)) == 3 and not tab.dates_error.isVisible()
    tab.dates.set_preset(ANY_DATE)

    qtbot.keyClicks(tab.search_edit, "order 1234")  # the title, in the request's detail
    qtbot.waitUntil(lambda: len(table(tab)) == 1, timeout=WAIT_MS)
    assert cells(table(tab), "Result") == [("Requested",)]
    assert tab.count_label.text() == "4 entries — 1 shown by the search"
    tab.search_now("requested")
    assert len(table(tab)) == 1
    tab.search_now(getpass.getuser())
    assert len(table(tab)) == 4
    tab.search_now("0101r0ld")
    typed_in_ascii = table(tab)
    assert len(typed_in_ascii) == 1
    tab.search_now("０１０１ｒ０ｌｄ")  # an input method's full-width mode
    assert table(tab) == typed_in_ascii
    # pasted from a chat or a mail with invisible characters around its words: they were
    # looked for too, and nothing was found
    tab.search_now("\u200b0101r0ld\ufeff")
    assert table(tab) == typed_in_ascii
    tab.search_now("\u2060order\u200b 1234\u200b")
    assert cells(table(tab), "Result") == [("Requested",)]
    tab.search_now("no such words")
    assert table(tab) == []


def test_an_export_just_past_midnight_holds_the_entries_of_the_day_today_names(
    qtbot, window: MainWindow, session: ConsoleSession, monkeypatch, tmp_path: Path
) -> None:
    """'Today' exported in the minute after midnight, before the day's watch had looked:
    the file held yesterday's entries while the picker said Today (and the file's name,
    today's date). An export looks at the day first, as the Bills tab's does."""
    today = date.today()
    old_row(session, 1, "20250101RYESTER")
    old_row(session, 0, "20250101RTODAY1")
    clock = pickers_today(monkeypatch, filter_bar, today - timedelta(days=1))
    tab = show_audit(window)
    tab.dates.day_watch.timeout.emit()  # the evening before
    tab.dates.set_preset(TODAY)
    assert cells(table(tab), "Subject") == [("20250101RYESTER",)]
    clock["today"] = today  # midnight passes; the watch has not looked yet
    path = tmp_path / "audit.csv"
    assert export(tab, path, qtbot) == "done"
    subjects = [row[4] for row in read_csv(path)[1:]]
    assert subjects == ["20250101RTODAY1"], read_csv(path)
    shown = cells(table(tab), "Subject")  # and the export's own entry, of today
    assert ("20250101RTODAY1",) in shown and ("20250101RYESTER",) not in shown
    assert path.name == "audit.csv" and tab.export_file_stem() == f"audit_{today.isoformat()}"


def test_rows_come_in_while_the_tab_is_shown_if_the_filters_let_them(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    tab = show_audit(window)
    assert table(tab) == []
    assert tab.count_label.text().startswith("Nothing was audited yet: every payment")
    tab.set_action(audit.REFUND)
    assert tab.count_label.text() == "No entries match these filters."
    refund_tab = window.refund_tab  # used without showing it: the Audit tab stays in front
    refund_tab.confirm = Answer()
    bill_no = special_bill(session)
    refund_tab.prefill(bill_no)
    qtbot.waitUntil(lambda: refund_tab.refund_button.isEnabled(), timeout=WAIT_MS)
    refund_tab.refund()
    assert cells(table(tab), "Action", "Result") == [("Refund", "Requested")]
    qtbot.waitUntil(lambda: len(table(tab)) == 2, timeout=WAIT_MS)
    assert cells(table(tab), "Result") == [("Accepted",), ("Requested",)]  # newest first

    session.audit.profile_saved(None, Profile.new_live("Shop", "shop-app"), False)
    assert len(table(tab)) == 2  # not a refund: filtered out
    labels = [tab.profile_picker.itemText(i) for i in range(tab.profile_picker.count())]
    assert "Shop (removed)" in labels  # in the log, though not saved as a profile
    tab.set_action(None)
    assert table(tab)[0]["Action"] == "Profile added"


def test_the_newest_rows_of_more_say_how_many_as_rows_come_in(
    window: MainWindow, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row added while the tab showed the newest of more: the count said "4 entries
    (the newest 3: …)" and the export's name "…_newest-3" of a file of 4."""
    monkeypatch.setattr("console.gui.tabs.audit_tab.DEFAULT_LIMIT", 3)
    for days_ago in range(4, 0, -1):
        old_row(session, days_ago, f"20250101R0LD0{days_ago}")
    tab = show_audit(window)
    assert tab.count_label.text() == (
        "3 entries (the newest 3: narrow the dates to see older ones)"
    )
    assert tab.export_file_stem() == "audit_all-dates_newest-3"
    session.audit.profile_saved(None, Profile.new_live("Shop", "shop-app"), False)
    assert len(table(tab)) == 4
    assert tab.count_label.text() == (
        "4 entries (the newest 4: narrow the dates to see older ones)"
    )
    assert tab.export_file_stem() == "audit_all-dates_newest-4"


def test_a_row_added_while_shown_comes_with_those_another_console_wrote_before_it(
    window: MainWindow, session: ConsoleSession, tmp_path: Path
) -> None:
    """Two consoles on one data folder: the rows the other wrote since the tab was read
    were left out when one of this console's came in, a gap in the middle of the log
    shown (and exported) with nothing to tell it."""
    tab = show_audit(window)
    other = Database.open(tmp_path / "console.sqlite3")  # the other console's
    try:
        AuditLog(other, operator="bob").append(
            profile_id=SANDBOX_ID,
            profile_name="Sandbox",
            action=audit.REFUND,
            subject="20250101RBOB001",
            result=audit.REQUESTED,
        )
    finally:
        other.close()
    session.audit.profile_saved(None, Profile.new_live("Shop", "shop-app"), False)
    assert cells(table(tab), "Operator", "Subject") == [
        (getpass.getuser(), "Shop"),
        ("bob", "20250101RBOB001"),
    ]
    assert tab.count_label.text() == "2 entries"


def test_the_tab_reads_the_log_again_when_shown(
    window: MainWindow, session: ConsoleSession
) -> None:
    tab = show_audit(window)
    window.tabs.setCurrentWidget(window.bills_tab)
    session.audit.profile_saved(None, Profile.new_live("Shop", "shop-app"), False)
    assert table(tab) == []  # hidden: not touched
    show_audit(window)
    assert cells(table(tab), "Action") == [("Profile added",)]


def test_a_log_damaged_while_the_console_runs_is_said_so_and_the_tab_stays(
    qtbot, window: MainWindow, session: ConsoleSession, tmp_path: Path
) -> None:
    """Pages of the file overwritten by another program: reading the log raised out of
    the tab's showing (a box "An unexpected StoreError occurred", at every F5), with
    nothing said beside the table and the rows of before still there to be exported."""
    for number in range(300):
        session.audit.log.append(
            profile_id=SANDBOX_ID,
            profile_name="Sandbox",
            action=audit.PAYMENT,
            subject=f"BCDAMAGED{number:06d}",
            result=audit.REQUESTED,
            detail="x" * 200,
        )
    tab = show_audit(window)
    assert tab.count_label.text() == "300 entries"
    path = tmp_path / "console.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)  # another program
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as file:
        file.seek(path.stat().st_size // 2)
        file.write(b"\xff" * 16_384)
    version = other.execute("PRAGMA user_version").fetchone()[0]
    other.execute(f"PRAGMA user_version={version}")  # a write: the console reads anew
    other.close()

    tab.refresh()  # F5
    said = tab.count_label.text()
    assert said.startswith("The audit log could not be read"), said
    assert table(tab) == []
    tab.export()
    assert tab.outcome.title.text() == "Not exported"
    assert tab.outcome.body.text() == said
    fresh = AuditTab(session)  # a tab made and shown afresh: nothing raises either
    qtbot.addWidget(fresh)
    fresh.show()
    assert fresh.count_label.text() == said


@pytest.mark.parametrize("column", ["Time", "Amount"])
def test_sorting_by_a_column_and_back_to_newest_first(
    window: MainWindow, session: ConsoleSession, column: str
) -> None:
    for days_ago, subject in ((3, "20250101R0LD03"), (1, "20250101R0LD01")):
        old_row(session, days_ago, subject)
    session.audit.profile_saved(None, Profile.new_live("Shop", "shop-app"), False)
    tab = show_audit(window)
    newest_first = [row["Subject"] for row in table(tab)]
    assert newest_first == ["Shop", "20250101R0LD01", "20250101R0LD03"]
    index = [c.title for c in tab.model.columns].index(column)
    tab.view.sortByColumn(index, Qt.SortOrder.AscendingOrder)
    assert table(tab)[0]["Subject"] == (
        "20250101R0LD03" if column == "Time" else "Shop"  # no amount sorts first
    )
    tab.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [row["Subject"] for row in table(tab)] == newest_first


def test_amounts_sort_within_their_currency(window: MainWindow, session: ConsoleSession) -> None:
    """USD 2.00 sorted above JPY 100 by its 200 hundredths against 100: each currency's
    amounts are together, in alphabetical order of the currencies, as Bills and Refunds
    sort them (docs/decisions.md)."""
    log = session.store.audit_log
    for subject, amount, currency in (
        ("usd", 200, "USD"),
        ("jpy", 10000, "JPY"),
        ("usd2", 50, "USD"),
    ):
        log.append(
            profile_id=SANDBOX_ID,
            profile_name="Sandbox",
            action=audit.REFUND,
            subject=f"20250101{subject}",
            amount=amount,
            currency=currency,
            result=audit.OK,
        )
    tab = show_audit(window)
    amount = [c.title for c in tab.model.columns].index("Amount")
    tab.view.sortByColumn(amount, Qt.SortOrder.AscendingOrder)
    assert [row["Amount"] for row in table(tab)] == ["JPY 100", "USD 0.50", "USD 2.00"]


def test_ctrl_c_copies_the_entries_selected_in_their_order_on_screen(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """The Audit tab's rows are sorted and filtered by a proxy: what is copied is what
    the table shows, row by row as it shows them."""
    for days_ago, subject in ((3, "20250101R0LD03"), (1, "20250101R0LD01")):
        old_row(session, days_ago, subject)
    tab = show_audit(window)
    tab.view.setFocus()
    tab.view.selectAll()
    qtbot.keyClick(tab.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    titles = lines[0].split("\t")
    subjects = [line.split("\t")[titles.index("Subject")] for line in lines[1:]]
    assert subjects == [row["Subject"] for row in table(tab)]
    assert subjects == ["20250101R0LD01", "20250101R0LD03"]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_an_entry_shows_it_whole(
    qtbot, window: MainWindow, session: ConsoleSession, key: Qt.Key
) -> None:
    """Found by keys alone: a long result or detail is cut short in its cell, its whole
    text a tooltip that only the mouse brings up; Enter on the row did nothing. Enter
    (or a double click, or the cell's Details…) shows every column of the entry whole."""
    detail = "bill BC20251231235959XHQB7K; " + "; ".join(["a host refused the connection"] * 6)
    session.audit.log.append(
        profile_id=SANDBOX_ID,
        profile_name="Sandbox",
        action=audit.PROFILE_ADDED,
        subject="Shop",
        result=audit.OK,
        detail=detail,
    )
    tab = show_audit(window)
    tab.view.setFocus(Qt.FocusReason.TabFocusReason)
    tab.view.setCurrentIndex(tab.view.model().index(0, 0))
    qtbot.keyClick(tab.view, key)
    box = tab.entry_box
    assert box is not None and box.isVisible()
    assert f"Detail: {detail}" in box.text().splitlines()
    assert "Subject: Shop" in box.text().splitlines()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible()


def test_a_large_selection_is_kept_through_sorts_and_filters_without_an_index_per_cell(
    qtbot, window: MainWindow, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every entry but one selected of 10,000 (Ctrl+A, then Ctrl+Space), then a sort or
    a word searched: Qt's selection kept an index per selected cell through the rows'
    move, 80,000 of them, and the window froze 2 s at each. A selection of more than
    LARGE_SELECTION rows is kept as the entries selected, selected again where they are
    shown after."""
    monkeypatch.setattr(selection_keeper, "LARGE_SELECTION", 10)
    for n in range(40):
        session.audit.log.append(
            profile_id="shop",
            profile_name="Shop",
            action=audit.PAYMENT,
            subject=f"BCSEL{n:04d}{'even' if n % 2 == 0 else 'odd'}",
            result="ok",
            amount=1000 - n,
            currency="USD",
        )
    tab = show_audit(window)
    view = tab.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    view.selectionModel().setCurrentIndex(
        tab.proxy.index(7, 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    qtbot.keyClick(view, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    selected = selected_subjects(tab)
    assert len(selected) == tab.proxy.rowCount() - 1
    held: list[int] = []
    tab.proxy.layoutAboutToBeChanged.connect(
        lambda *_args: held.append(len(tab.proxy.persistentIndexList()))
    )
    amount = [c.title for c in tab.model.columns].index("Amount")
    view.sortByColumn(amount, Qt.SortOrder.AscendingOrder)
    assert selected_subjects(tab) == selected
    tab.search_now("even")
    assert selected_subjects(tab) == {s for s in selected if s.endswith("even")}
    tab.search_now("")
    assert selected_subjects(tab) == {s for s in selected if s.endswith("even")}
    assert held and max(held) < 20, held


def selected_subjects(tab: AuditTab) -> set[str]:
    subject = [c.title for c in tab.model.columns].index("Subject")
    rows = tab.view.selectionModel().selectedRows(subject)
    return {index.data() for index in rows}


def test_the_newest_entries_of_a_long_log_come_in_a_slice_per_turn_of_the_event_loop(
    qtbot, window: MainWindow, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A log of a busy year (100,000 entries and more): opening the tab, a filter picked
    or F5 made all of the newest 10,000 rows on the GUI thread at once, and the window
    froze 0.6 to 1.5 s each time. The rows come in a slice per turn of the event loop;
    meanwhile the count says the list is still being read, and neither an export nor a
    copy takes the part that is in."""
    monkeypatch.setattr("console.gui.tabs.audit_tab.FILL_SLICE", 4, raising=False)
    for number in range(10):
        session.audit.log.append(
            profile_id=SANDBOX_ID,
            profile_name="Sandbox",
            action=audit.PAYMENT if number % 2 else audit.REFUND,
            subject=f"BCSLICE{number:04d}",
            result=audit.OK,
        )
    tab = show_audit(window)
    assert tab.model.rowCount() == 4
    assert "still being read" in tab.count_label.text()
    assert tab.not_ready_to_export() == "The list is still being read: export it in a moment."
    assert tab.view.still_counting()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 10, timeout=WAIT_MS)
    assert tab.count_label.text() == "10 entries"
    assert [row["Subject"] for row in table(tab)] == [f"BCSLICE{n:04d}" for n in range(9, -1, -1)]
    assert tab.not_ready_to_export() is None and not tab.view.still_counting()

    tab.set_action(audit.REFUND)  # a filter picked while the rows of another come in
    tab.set_action(audit.PAYMENT)
    qtbot.waitUntil(lambda: not tab.view.still_counting(), timeout=WAIT_MS)
    assert cells(table(tab), "Action") == [("Payment",)] * 5
    assert tab.count_label.text() == "5 entries"


def test_a_row_written_while_the_filters_show_nothing_is_read_alone(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """The filters of a log of many entries show none ("Today" early in the morning, an
    action not taken yet): a row then written was looked for among every row of the log
    (those after the newest shown, and none was), 0.1 s at a million entries for each
    row written. The rows since the log was read are those after its newest then."""
    database = session.store.database
    AuditLog(database).restore(
        [logged_entry(n, f"BCBEFORE{n:06d}", SANDBOX_ID, "Sandbox") for n in range(3_000)]
    )
    tab = show_audit(window)
    tab.set_action(audit.REFUND)
    assert table(tab) == []
    refund = session.audit.log.append(
        profile_id=SANDBOX_ID,
        profile_name="Sandbox",
        action=audit.REFUND,
        subject="20250101RNEW001",
        result=audit.REQUESTED,
    )
    steps = [0]

    def count_steps() -> int:
        steps[0] += 1
        return 0

    database._db.set_progress_handler(count_steps, 100)
    try:
        session.audit_appended.emit(refund)
    finally:
        database._db.set_progress_handler(None, 0)
    assert cells(table(tab), "Subject") == [("20250101RNEW001",)]
    assert steps[0] < 10  # in hundreds of SQLite's steps: every row of the log, 240
