"""The refund journal (console/store) without Qt: states, what it keeps, and that it keeps it."""

from __future__ import annotations

import getpass
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from console.api.validate import china_today
from console.store.database import Database
from console.store.in_flight import PAYMENTS, PROFILES, InFlight
from console.store.local_data import LocalData
from console.store.refund_journal import (
    ABSENT,
    DONE,
    DROPPED,
    REFUSED,
    SENDING,
    UNKNOWN,
    BillHasRefund,
    JournalEntry,
    JournalError,
    RefundJournal,
)

PROFILE, OTHER = "shop", "other-shop"
ROOT = Path(__file__).resolve().parents[1]


def refund_no(serial: str = "120000RAAAAA") -> str:
    return china_today() + serial


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[RefundJournal]:
    made = RefundJournal(Database.open(tmp_path / "console.sqlite3"), operator="alice")
    yield made
    made.database.close()


def record(journal: RefundJournal, number: str, bill_no: str = "BC0000000001", **changes: Any):
    fields: dict[str, Any] = {
        "bill_no": bill_no,
        "refund_fee": 1250,
        "currency": "USD",
        "profile_id": PROFILE,
    }
    fields.update(changes)
    return journal.record_sending(number, **fields)


def entry_of(journal: RefundJournal, number: str) -> JournalEntry:
    entry = journal.get(number)
    assert entry is not None, number
    return entry


def test_a_refund_is_written_down_as_sending_with_who_and_when(journal: RefundJournal) -> None:
    before = datetime.now(UTC).timestamp() * 1000
    entry = record(journal, refund_no(), optional={"note": "退货"})
    assert entry.state == SENDING and entry.unresolved
    assert (entry.bill_no, entry.refund_fee, entry.currency) == ("BC0000000001", 1250, "USD")
    assert entry.profile_id == PROFILE and entry.operator == "alice"
    assert entry.created_ms == entry.updated_ms >= before - 1
    assert entry.optional == {"note": "退货"} and entry.attempts == 1
    assert journal.get(entry.refund_no) == entry


def test_the_operator_is_the_os_user_or_a_stand_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = RefundJournal(Database.open(tmp_path / "console.sqlite3"))
    try:
        assert made.operator == getpass.getuser()
        assert record(made, refund_no()).operator == getpass.getuser()
    finally:
        made.database.close()

    def no_user() -> str:
        raise OSError("no user name")

    monkeypatch.setattr(getpass, "getuser", no_user)
    nameless = RefundJournal(Database.open(tmp_path / "console.sqlite3"))
    try:
        assert nameless.operator == (
            f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown user"
        )
    finally:
        nameless.database.close()


@pytest.mark.parametrize(
    ("mark", "state"),
    [
        ("mark_done", DONE),
        ("mark_refused", REFUSED),
        ("mark_unknown", UNKNOWN),
        ("mark_absent", ABSENT),
    ],
)
def test_an_answer_moves_the_entry(journal: RefundJournal, mark: str, state: str) -> None:
    number = refund_no()
    record(journal, number)
    moved = getattr(journal, mark)(number, "11 ALREADY_REFUNDING: the bill has a refund")
    assert moved.state == state and journal.get(number) == moved
    assert moved.detail == "11 ALREADY_REFUNDING: the bill has a refund"
    assert moved.updated_ms >= moved.created_ms


def test_a_settled_refund_never_goes_back(journal: RefundJournal) -> None:
    done, refused = refund_no("1"), refund_no("2")
    record(journal, done)
    record(journal, refused, bill_no="BC0000000002")
    journal.mark_done(done)
    journal.mark_refused(refused)
    for number in (done, refused):
        assert journal.mark_unknown(number) is None
        assert journal.mark_absent(number) is None
    assert entry_of(journal, done).state == DONE
    assert entry_of(journal, refused).state == REFUSED
    assert journal.mark_done("20990101NOSUCH") is None


def test_a_refund_number_is_written_once(journal: RefundJournal) -> None:
    number = refund_no()
    record(journal, number)
    with pytest.raises(JournalError, match="in the journal already"):
        record(journal, number, bill_no="BC0000000002")


def test_two_consoles_refunding_one_bill_at_once_write_only_the_first(tmp_path: Path) -> None:
    """Two consoles on one data folder (two connections to one file) refund one bill
    within milliseconds: each checked the journal (no refund of the bill on its way or
    made) before either wrote its own down, and both were written, then sent. The
    check and the write are one step now: the second is refused, naming the first."""
    path = tmp_path / "console.sqlite3"
    ours = RefundJournal(Database.open(path), operator="alice")
    theirs = RefundJournal(Database.open(path), operator="bob")
    bill = "BC0000000001"
    try:
        for journal in (ours, theirs):  # each console's check, before either writes
            assert [e for e in journal.unresolved() if e.bill_no == bill] == []
            assert journal.made_for_bill(PROFILE, bill) is None
        first = record(theirs, refund_no("1"), bill)
        with pytest.raises(BillHasRefund, match=r"has refund .* in the journal already") as said:
            record(ours, refund_no("2"), bill)
        assert said.value.entry == first
        assert [e.refund_no for e in ours.entries()] == [first.refund_no]
    finally:
        ours.database.close()
        theirs.database.close()


def test_consoles_refunding_one_bill_at_the_same_moment_write_one_refund(
    tmp_path: Path,
) -> None:
    """Many consoles (a connection each) write a refund of one bill at the same moment:
    whatever the order, one is written and every other is refused."""
    path = tmp_path / "console.sqlite3"
    consoles = [RefundJournal(Database.open(path)) for _ in range(6)]
    start = threading.Barrier(len(consoles))
    refused: list[BillHasRefund] = []

    def refund(serial: int) -> None:
        start.wait()
        try:
            record(consoles[serial], refund_no(f"{serial:03d}"))
        except BillHasRefund as error:
            refused.append(error)

    threads = [threading.Thread(target=refund, args=(n,)) for n in range(len(consoles))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        [written] = consoles[0].entries()
        assert len(refused) == len(consoles) - 1
        assert {error.entry.refund_no for error in refused} == {written.refund_no}
    finally:
        for journal in consoles:
            journal.database.close()


@pytest.mark.parametrize(
    ("state", "blocks"),
    [
        (SENDING, True),
        (UNKNOWN, True),
        (ABSENT, True),
        (DONE, True),
        (REFUSED, False),  # surely not made: the bill may be refunded
        (DROPPED, False),  # it never arrived, and was let go
    ],
)
def test_a_refund_of_the_bill_in_the_journal_refuses_another_through_any_profile_of_its_app(
    journal: RefundJournal, state: str, blocks: bool
) -> None:
    """What the Refund tab counts as blocking a bill (unresolved, or made from here) the
    journal refuses to write another refund of it over: through the same profile, or
    another of its app (a bill is its app's); never another app's bill of that number,
    nor another bill; nor a refund made whose list, as the caller read it, shows it
    (taken, then refused: the bill may be refunded again, NOTES.md)."""
    bill, same_app = "BC0000000001", (PROFILE, OTHER)
    number = refund_no("1")
    record(journal, number, bill)
    moves = {
        UNKNOWN: [journal.mark_unknown],
        ABSENT: [journal.mark_absent],
        DONE: [journal.mark_done],
        REFUSED: [journal.mark_refused],
        DROPPED: [journal.mark_absent, journal.mark_dropped],
    }
    for move in moves.get(state, []):
        move(number)
    assert entry_of(journal, number).state == state
    if blocks:
        for profile in same_app:
            with pytest.raises(BillHasRefund):
                record(journal, refund_no("2"), bill, profile_id=profile, of_its_app=same_app)
    record(journal, refund_no("3"), "BC0000000002", of_its_app=same_app)  # another bill
    record(journal, refund_no("4"), bill, profile_id="another-app")  # another app's bill
    if state == DONE:  # listed as the caller read the bill's refunds: as listed
        record(journal, refund_no("5"), bill, of_its_app=same_app, as_listed=(number,))
    elif not blocks:
        record(journal, refund_no("5"), bill, profile_id=OTHER, of_its_app=same_app)
    assert journal.get(refund_no("2")) is None


def test_a_refund_of_the_bill_blocks_it_by_its_app_through_a_profile_since_removed(
    journal: RefundJournal,
) -> None:
    """A refund made through a profile the settings no longer hold (removed: it had no
    refund left to check) blocked its bill no more: the app's profiles were found in
    the settings. The entry keeps the App ID it was sent under, and blocks its app's
    bill whichever profile reaches it; a profile given another App ID since is of that
    app now, its old refunds not."""
    bill, number = "BC0000000001", refund_no("1")
    record(journal, number, bill, app_id="app")
    journal.mark_done(number)
    with pytest.raises(BillHasRefund):  # the profile that sent it is gone from the settings
        record(journal, refund_no("2"), bill, profile_id=OTHER, app_id="app")
    made = journal.made_for_bill(OTHER, bill, app_id="app")
    assert made is not None and made.refund_no == number
    # the profile that sent it, given another App ID: another app's bill of that number
    record(journal, refund_no("3"), bill, app_id="another-app", of_its_app=(PROFILE,))
    assert journal.made_for_bill(PROFILE, bill, app_id="another-app") is None


def test_the_newest_refund_made_of_a_bill_is_the_one_its_list_must_show(
    journal: RefundJournal,
) -> None:
    """As the Refund tab reads the journal (made_for_bill): a bill refunded here once,
    that refund listed refused later, then refunded again, is blocked by the newest only
    (were an older one to count, the tab would offer Refund… and nothing would happen)."""
    bill = "BC0000000001"
    older, newer = refund_no("1"), refund_no("2")
    record(journal, older, bill)
    journal.mark_done(older)
    record(journal, newer, bill, as_listed=(older,))
    journal.mark_done(newer)
    with pytest.raises(BillHasRefund) as said:
        record(journal, refund_no("3"), bill, as_listed=(older,))
    assert said.value.entry.refund_no == newer
    record(journal, refund_no("3"), bill, as_listed=(newer,))


def test_amounts_are_positive_integers_of_hundredths(journal: RefundJournal) -> None:
    with pytest.raises(ValueError):
        record(journal, refund_no("1"), refund_fee=12.5)
    with pytest.raises(ValueError):
        record(journal, refund_no("2"), refund_fee=0)
    assert journal.entries() == []


def test_unresolved_lists_sending_unknown_and_absent_of_one_profile(journal: RefundJournal) -> None:
    numbers = [refund_no(f"{n:03d}") for n in range(1, 8)]
    for number in numbers[:6]:
        record(journal, number, bill_no=f"BC00000000{number[-2:]}")
    record(journal, numbers[6], profile_id=OTHER)
    journal.mark_unknown(numbers[1])
    journal.mark_absent(numbers[2])
    journal.mark_done(numbers[3])
    journal.mark_refused(numbers[4])
    journal.mark_absent(numbers[5])
    journal.mark_dropped(numbers[5])
    assert [e.refund_no for e in journal.unresolved(PROFILE)] == numbers[:3]
    assert [e.state for e in journal.unresolved(PROFILE)] == [SENDING, UNKNOWN, ABSENT]
    assert [e.refund_no for e in journal.unresolved(OTHER)] == [numbers[6]]
    assert len(journal.unresolved()) == 4
    assert len(journal.entries()) == 7
    assert entry_of(journal, numbers[5]).state == DROPPED


def test_only_an_absent_refund_can_be_dropped(journal: RefundJournal) -> None:
    number = refund_no()
    record(journal, number)
    assert journal.mark_dropped(number) is None
    journal.mark_unknown(number)
    assert journal.mark_dropped(number) is None
    journal.mark_absent(number)
    dropped = journal.mark_dropped(number)
    assert dropped is not None and dropped.state == DROPPED


def test_what_is_written_survives_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "console.sqlite3"
    first = RefundJournal(Database.open(path), operator="alice")
    sending, unknown = refund_no("1"), refund_no("2")
    record(first, sending)
    record(first, unknown, bill_no="BC0000000002")
    first.mark_unknown(unknown, "No answer came back from https://apibj.beecloud.cn.")
    # Committed at once: another connection sees it while the first is still open
    # (a killed process never closes its connection).
    with sqlite3.connect(path) as other:
        states = dict(other.execute("SELECT refund_no, state FROM refund_journal"))
    other.close()
    assert states == {sending: SENDING, unknown: UNKNOWN}
    first.database.close()
    again = RefundJournal(Database.open(path), operator="bob")
    try:
        assert [(e.refund_no, e.state, e.operator) for e in again.unresolved(PROFILE)] == [
            (sending, SENDING, "alice"),
            (unknown, UNKNOWN, "alice"),
        ]
        assert entry_of(again, unknown).detail.startswith("No answer came back")
    finally:
        again.database.close()


def test_it_shares_the_consoles_file_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "console.sqlite3"
    database = Database.open(path)
    local, journal = LocalData(database), RefundJournal(database)
    try:
        local.remember_currency(PROFILE, "BC0000000001", "JPY")
        record(journal, refund_no())
        assert local.currencies(PROFILE) == {"BC0000000001": "JPY"}
        assert len(journal.entries()) == 1
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        db.close()
    finally:
        database.close()


def test_an_absent_refund_goes_out_again_with_the_same_number(journal: RefundJournal) -> None:
    number = refund_no()
    record(journal, number)
    with pytest.raises(JournalError, match="only once BeeCloud has shown"):
        journal.record_resending(number)
    journal.mark_absent(number)
    again = journal.record_resending(number)
    assert (again.refund_no, again.state, again.attempts) == (number, SENDING, 2)
    assert (again.bill_no, again.refund_fee) == ("BC0000000001", 1250)
    with pytest.raises(JournalError, match="not in the journal"):
        journal.record_resending(refund_no("999"))


def test_a_refund_number_of_an_earlier_day_cannot_be_sent_again(journal: RefundJournal) -> None:
    yesterday = china_today(datetime.now(UTC) - timedelta(days=1))
    number = yesterday + "235959RAAAAA"
    record(journal, number)
    journal.mark_absent(number)
    entry = journal.get(number)
    assert entry is not None
    problem = entry.resend_problem()
    assert problem is not None
    shown = f"{yesterday[:4]}-{yesterday[4:6]}-{yesterday[6:]}"
    assert f"its number is for {shown} (China time)" in problem
    assert "Nothing was refunded. Start a fresh refund of bill BC0000000001 instead." in problem
    with pytest.raises(JournalError, match="can no longer be sent"):
        journal.record_resending(number)
    assert entry_of(journal, number).state == ABSENT
    # The same refund, on its own day, could go.
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert entry.resend_problem(tomorrow) is not None
    assert entry.resend_problem(datetime.now(UTC) - timedelta(days=1)) is None


def test_details_are_kept_short(journal: RefundJournal) -> None:
    number = refund_no()
    record(journal, number)
    moved = journal.mark_refused(number, "5 PARAM_INVALID:\n" + "x" * 1000)
    assert moved is not None and len(moved.detail) == 300 and "\n" not in moved.detail


def test_a_closed_journal_says_so(tmp_path: Path) -> None:
    made = RefundJournal(Database.open(tmp_path / "console.sqlite3"))
    made.database.close()
    made.database.close()  # twice is fine
    assert made.closed
    with pytest.raises(JournalError, match="closed"):
        record(made, refund_no())


def test_the_journal_knows_nothing_of_qt() -> None:
    code = (
        "import sys, console.store.refund_journal; "
        "sys.exit(any(name.startswith('PySide6') for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=30).returncode == 0


@pytest.mark.parametrize("stored", ["{", "[1]", "[" * 100_000])
def test_a_refund_whose_optional_cannot_be_read_is_not_sent_again(
    journal: RefundJournal, stored: str
) -> None:
    """A hand-edited or damaged journal: what was sent with the refund cannot be read, so
    it cannot be sent again as it was (reading it raised, ValueError or RecursionError)."""
    number = refund_no()
    record(journal, number)
    journal.mark_absent(number)
    entry = replace(entry_of(journal, number), optional_json=stored)
    assert entry.optional is None
    problem = entry.resend_problem()
    assert problem is not None and "cannot be read" in problem and number in problem


def test_a_currency_no_console_writes_is_read_as_none(journal: RefundJournal) -> None:
    """A hand-edited or damaged journal: a currency the console does not know ("ZZZ")
    was read as it is, and every amount shown of the entry (Refunds to check, the Refund
    tab's "refunded on this computer", a sending again) raised ValueError in Money."""
    number = refund_no()
    record(journal, number)
    with journal.database.writing() as db:
        db.execute("UPDATE refund_journal SET currency = 'ZZZ' WHERE refund_no = ?", (number,))
    assert entry_of(journal, number).currency is None
    assert journal.unresolved(PROFILE)[0].currency is None


# -- refunds on their way, as another console on the data folder sees them ---------------

HOLDER = """
import sys
from pathlib import Path
from console.store.in_flight import InFlight
InFlight(Path(sys.argv[1])).hold(sys.argv[2])
print("HELD", flush=True)
sys.stdin.read()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_a_refund_on_its_way_is_seen_by_another_console_until_released(tmp_path: Path) -> None:
    folder = tmp_path / "sending"
    here, there = InFlight(folder), InFlight(folder)
    number = refund_no()
    assert not there.elsewhere(number)
    here.hold(number)
    assert there.elsewhere(number) and not here.elsewhere(number)  # here: its own
    assert here.anywhere(number) and there.anywhere(number)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "refunds").stat().st_mode & 0o777 == 0o700
    assert (folder / "refunds" / number).stat().st_mode & 0o777 == 0o600
    assert not InFlight(folder, PAYMENTS).elsewhere(number)  # a bill of that number: not
    here.release(number)
    assert not there.elsewhere(number)
    assert list((folder / "refunds").iterdir()) == []
    here.hold(number)
    here.close()  # the store closed: nothing is held any more
    assert not there.elsewhere(number)


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_a_refund_on_its_way_in_a_killed_console_is_no_longer_held(tmp_path: Path) -> None:
    folder, number = tmp_path / "sending", refund_no()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), number],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
        assert InFlight(folder).elsewhere(number)
        holder.kill()
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=10)
    assert (folder / "refunds" / number).exists()  # left behind: it tells nothing once free
    assert not InFlight(folder).elsewhere(number)


def test_no_hold_is_made_in_a_data_folder_other_users_can_write_to(tmp_path: Path) -> None:
    """The data folder a link to a place everyone may write (as /tmp): the console keeps
    nothing there (docs/decisions.md), yet a hold made its "sending" folder in it, where
    others could take it away (a refund on its way no longer seen by another console)."""
    public = tmp_path / "public"
    public.mkdir()
    public.chmod(0o1777)
    data = tmp_path / "data"
    data.symlink_to(public)
    InFlight(data / "sending", PROFILES).hold(refund_no())
    assert list(public.iterdir()) == []


def test_a_hold_that_cannot_be_taken_never_stops_a_refund(tmp_path: Path) -> None:
    blocked = tmp_path / "sending"
    blocked.write_text("not a folder")
    here = InFlight(blocked)
    here.hold(refund_no())  # said in the log; the other console checks it as before
    assert not InFlight(blocked).elsewhere(refund_no())
    here.release(refund_no())
    elsewhere = InFlight(tmp_path / "elsewhere")
    elsewhere.hold("../escaped")  # not a refund number: names no file
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "elsewhere").exists()
    assert not InFlight(None).elsewhere(refund_no())  # a store in memory shares nothing


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_the_holds_a_killed_console_left_are_removed_at_the_next_start_never_a_live_ones(
    tmp_path: Path,
) -> None:
    """Each refund and payment a killed console had on its way left its file in
    `sending/` for good. The next start removes those no process holds."""
    from console.store import ConsoleStore

    folder, left, live = tmp_path / "sending", refund_no(), refund_no()[:-1] + "9"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), left],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "HELD"
    finally:
        holder.kill()
        holder.wait(timeout=10)
    other_console = InFlight(folder)
    other_console.hold(live)
    try:
        store = ConsoleStore.open(tmp_path)
        store.close()
        assert not (folder / "refunds" / left).exists(), "a killed console's: removed"
        assert InFlight(folder).elsewhere(live), "a live console's: still held"
    finally:
        other_console.close()


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_a_profiles_hold_is_on_the_disk_before_its_secrets_are_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A profile's hold is the one record of keyring entries to delete after a kill
    (a refund's or a payment's is a lock, gone with its process): its name and the
    folders' made for it are flushed to the disk, or a power cut could take it and
    leave the secrets in the keyring for good."""
    from console.store import in_flight

    synced: list[Path] = []
    monkeypatch.setattr(in_flight, "sync_folder", synced.append)
    folder = tmp_path / "sending"
    InFlight(folder, in_flight.PROFILES).hold("abc123")
    assert (folder / "profiles" / "abc123").exists()
    assert synced == [folder / "profiles", folder, tmp_path]
    synced.clear()
    InFlight(folder).hold(refund_no())
    assert synced == [], "a lock alone: nothing to keep"
