"""Demo data: realistic, valid, fast, and never multiplied by a restart."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.api.channels import PAY_CHANNELS, SUB_CHANNELS
from console.api.money import CURRENCIES, WHOLE_UNIT_CURRENCIES
from console.api.validate import BILL_NO, REFUND_NO, china_today, title_bytes
from console.sandbox import SandboxServer
from console.sandbox import seed as seed_module
from console.sandbox.seed import seed
from console.sandbox.store import Bill, RecordFilter, RefundView, Store
from tests.file_damage import killed_before_nth_move, overwrite
from tests.sandbox_support import APP_ID, APPS, BILLS, query, refund

DAY_MS = 86_400_000
COMPANIONS = ("-wal", "-shm", "-journal")
NOW = int(time.time() * 1000)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store(tmp_path_factory.mktemp("seed") / "db.sqlite3")
    assert seed(store, APP_ID, 1000, rng_seed=7, now=NOW) == 1000
    yield store
    store.close()


def all_bills(store: Store) -> list[Bill]:
    return store.list_bills(APP_ID, RecordFilter(), 0, 10**6)


def all_refunds(store: Store) -> list[RefundView]:
    return store.list_refunds(APP_ID, RecordFilter(), 0, 10**6)


def test_bills_are_valid_and_varied(seeded: Store) -> None:
    bills = all_bills(seeded)
    assert len(bills) == 1000
    assert len({bill.bill_no for bill in bills}) == 1000
    for bill in bills:
        assert BILL_NO.fullmatch(bill.bill_no)
        assert title_bytes(bill.title) <= 32
        assert bill.channel in SUB_CHANNELS
        assert type(bill.total_fee) is int and bill.total_fee > 0
        if bill.channel in PAY_CHANNELS:
            assert bill.currency in CURRENCIES
            if bill.currency in WHOLE_UNIT_CURRENCIES:
                assert bill.total_fee % 100 == 0
        else:
            assert bill.currency is None
    channels = Counter(bill.channel for bill in bills)
    paypal = sum(channels[channel] for channel in PAY_CHANNELS)
    assert 0.6 < paypal / len(bills) < 0.95, "mostly PayPal"
    assert len(channels) > 8, "some domestic channels too"
    currencies = {bill.currency for bill in bills if bill.currency}
    assert len(currencies) > 12 and currencies & WHOLE_UNIT_CURRENCIES
    titles = {bill.title for bill in bills}
    assert any(title.isascii() for title in titles)
    assert any(not title.isascii() for title in titles)
    paid = [bill.paid for bill in bills]
    assert any(paid) and not all(paid)


def test_bills_are_recent_but_for_a_few_paid_paypal_ones_over_180_days(seeded: Store) -> None:
    bills = all_bills(seeded)
    old = [bill for bill in bills if NOW - bill.created_time > 180 * DAY_MS]
    assert 1 <= len(old) <= 20
    assert all(bill.paid and bill.channel in PAY_CHANNELS for bill in old)
    recent = [bill for bill in bills if bill not in old]
    assert all(0 < NOW - bill.created_time <= 90 * DAY_MS for bill in recent)


def test_refunds_are_valid_some_partial(seeded: Store) -> None:
    views = all_refunds(seeded)
    bills = all_bills(seeded)
    assert 0.05 < len(views) / sum(bill.paid for bill in bills) < 0.3
    assert len({view.refund.refund_no for view in views}) == len(views)
    assert len({view.bill.bill_no for view in views}) == len(views), "one refund per bill"
    partial = 0
    for view in views:
        refund, bill = view.refund, view.bill
        match = REFUND_NO.fullmatch(refund.refund_no)
        assert match and set(match.group("serial")) != {"0"}
        moment = datetime.fromtimestamp(refund.created_time / 1000, UTC)
        assert match.group("date") == china_today(moment), "the refund's own day in UTC+8"
        assert bill.paid and refund.finish and refund.result
        assert bill.created_time <= refund.created_time <= NOW
        assert 0 < refund.refund_fee <= bill.total_fee
        if bill.currency in WHOLE_UNIT_CURRENCIES:
            assert refund.refund_fee % 100 == 0
        partial += refund.refund_fee < bill.total_fee
    assert 0 < partial < len(views)


def test_refunds_are_spread_in_time_not_piled_up_just_before_seeding(seeded: Store) -> None:
    """A refund drawn later than a minute before seeding is dated between its bill and
    then: the demo's last minutes hold no more refunds than other minutes do."""
    times = [view.refund.created_time for view in all_refunds(seeded)]
    assert all(time <= NOW - 60_000 for time in times)
    per_minute = Counter(time // 60_000 for time in times)
    assert max(per_minute.values()) <= 3, per_minute.most_common(3)
    recent = [view for view in all_refunds(seeded) if NOW - view.bill.created_time < DAY_MS]
    assert all(view.bill.created_time <= view.refund.created_time for view in recent)


def test_seeding_an_app_with_bills_does_nothing(seeded: Store) -> None:
    assert seed(seeded, APP_ID, 500, rng_seed=8) == 0
    assert seeded.count_bills(APP_ID, RecordFilter()) == 1000


def test_seeding_an_app_with_bills_makes_no_bill_at_all(
    seeded: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every start of the console asks; the answer must not cost 3,000 bills made in vain."""

    def refuse(*args: object) -> list[Bill]:
        raise AssertionError("bills were made for an app that has some")

    monkeypatch.setattr(seed_module, "demo_bills", refuse)
    assert seed(seeded, APP_ID, 3000) == 0


def test_seeding_is_per_app(seeded: Store) -> None:
    assert seed(seeded, "second-app", 20) == 20
    assert seeded.count_bills("second-app", RecordFilter()) == 20
    assert seeded.count_bills(APP_ID, RecordFilter()) == 1000


def test_seeding_5000_bills_is_fast(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    try:
        started = time.perf_counter()
        assert seed(store, APP_ID, 5000) == 5000
        assert time.perf_counter() - started < 2.0
    finally:
        store.close()


def test_a_seeded_old_bill_shows_code_10(sandbox: SandboxServer) -> None:
    assert sandbox.store is not None
    seed(sandbox.store, APP_ID, 300)
    old_end = NOW - 181 * DAY_MS
    answer = query(sandbox, BILLS, channel="PAYPAL", end_time=old_end)
    assert answer["count"] >= 1
    result = refund(sandbox, answer["bills"][0]["bill_no"], 100)
    assert (result["result_code"], result["result_msg"]) == (10, "REFUND_EXCEED_TIME")


def test_zero_bills_is_allowed(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    try:
        assert seed(store, APP_ID, 0) == 0
        assert seed(store, APP_ID, 2) == 2
    finally:
        store.close()


def damaged_practice_file_with_a_wal(folder: Path) -> Path:
    """A practice database as a killed sandbox leaves it, its latest bills only in the
    WAL, then found damaged (its header overwritten)."""
    import shutil

    first = folder / "first"
    first.mkdir()
    store = Store(first / "s.sqlite3")
    seed(store, APP_ID, 20, now=NOW)
    store._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.insert_bill(APP_ID, "WALONLY0001", "PAYPAL_PAYPAL", 100, "in the WAL", currency="USD")
    damaged = folder / "damaged"
    damaged.mkdir()
    for name in ("s.sqlite3", "s.sqlite3-wal"):
        shutil.copyfile(first / name, damaged / name)
    store.close()
    data = bytearray((damaged / "s.sqlite3").read_bytes())
    data[:100] = b"\xde\xad" * 50
    (damaged / "s.sqlite3").write_bytes(bytes(data))
    return damaged / "s.sqlite3"


def seeded_in_a_child_killed_at(path: Path, nth: int) -> bool:
    """seeded_file killed before its `nth` rename, link or replace of a file."""
    return killed_before_nth_move(lambda: seed_module.seeded_file(path, {APP_ID: "secret"}, 5), nth)


def test_a_damaged_practice_file_moved_aside_at_a_kill_never_meets_its_wal_again(
    tmp_path: Path,
) -> None:
    """The file was renamed aside, then its -wal: killed between the two, the next start
    made a new file beside the damaged file's WAL, which SQLite applied to it, and the
    file aside was left without its latest pages. At each step, the next start finds the
    damaged file whole with its WAL (and moves it aside) or the new one, seeded."""
    import shutil

    source = damaged_practice_file_with_a_wal(tmp_path)
    damaged, damaged_wal = source.read_bytes(), Path(f"{source}-wal").read_bytes()
    nth = 1
    while True:
        folder = tmp_path / f"killed-{nth}"
        shutil.copytree(source.parent, folder)
        path = folder / "s.sqlite3"
        if not seeded_in_a_child_killed_at(path, nth):
            break
        seed_module.seeded_file(path, {APP_ID: "secret"}, 5)
        [moved] = [p for p in folder.glob("s.sqlite3.damaged-*") if not p.name.endswith(COMPANIONS)]
        assert moved.read_bytes() == damaged, nth
        assert Path(f"{moved}-wal").read_bytes() == damaged_wal, nth
        store = Store(path)
        try:
            assert len(store.list_bills(APP_ID, RecordFilter(), 0, 100)) == 5, nth
        finally:
            store.close()
        assert not [p.name for p in folder.iterdir() if ".new-" in p.name], nth
        nth += 1
    assert nth > 2, "moving the file aside renames files"


_SANDBOX_STILL_RUNNING = """
import sys
from console.sandbox.seed import seeded_file
from console.sandbox.store import Store, StoreReplaced
path = sys.argv[1]
seeded_file(__import__("pathlib").Path(path), {"app": "secret"}, 20)
store = Store(path)
for n in range(50):
    store.insert_bill("app", f"RUNNING{n:04d}", "PAYPAL_PAYPAL", 100, "in its WAL", currency="USD")
print("READY", flush=True)
sys.stdin.readline()  # the other start is done
try:  # its file is gone from the folder: written, it would vanish
    store.insert_bill("app", "RUNNING9999", "PAYPAL_PAYPAL", 100, "in its WAL", currency="USD")
except StoreReplaced:
    print("REFUSED", flush=True)
store.close()
"""


def test_a_practice_file_deleted_alone_while_a_sandbox_runs_on_it_is_seeded_anew(
    tmp_path: Path,
) -> None:
    """sandbox.sqlite3 alone deleted (a clean-up of *.sqlite3) while a console's sandbox
    runs on it, its -wal and -shm left at their names: a second console's sandbox made a
    new file beside them and met the running one's shared memory, which described
    another WAL: 'disk I/O error', and the second console had no practice sandbox."""
    path = tmp_path / "sandbox.sqlite3"
    running = subprocess.Popen(
        [sys.executable, "-c", _SANDBOX_STILL_RUNNING, str(path)],
        cwd=Path(__file__).parent.parent,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert running.stdout is not None and running.stdin is not None
        assert running.stdout.readline() == "READY\n"
        assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
        path.unlink()
        seed_module.seeded_file(path, {APP_ID: "secret"}, 5)
        running.stdin.write("\n")
        running.stdin.close()
        assert running.stdout.readline() == "REFUSED\n"  # its file replaced: nothing written
        assert running.wait(timeout=30) == 0
    finally:
        running.kill()
        running.wait()
    store = Store(path)
    try:
        assert store._connection().execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert len(store.list_bills(APP_ID, RecordFilter(), 0, 100)) == 5
        assert store.list_bills("app", RecordFilter(), 0, 100) == []
    finally:
        store.close()


def test_a_practice_file_damaged_past_its_first_page_is_moved_aside_and_seeded_anew(
    tmp_path: Path,
) -> None:
    """A page of the bills table damaged (a bad sector, a copy cut short): the start
    only counted the bills, which the index answers, and served the file, so that every
    list of bills and every payment answered 'unexpected error (DatabaseError)', at
    every start, until the clerk found the file and removed it."""
    path = tmp_path / "sandbox.sqlite3"
    seed_module.seeded_file(path, {APP_ID: "secret"}, 30)
    overwrite(path, 4096, b"\xff" * 4096)  # the second page
    seed_module.seeded_file(path, {APP_ID: "secret"}, 5)
    moved = [
        p for p in tmp_path.glob("sandbox.sqlite3.damaged-*") if not p.name.endswith(COMPANIONS)
    ]
    assert len(moved) == 1
    with SandboxServer(path, APPS) as sandbox:
        answer = query(sandbox, BILLS, limit=50)
        assert answer["result_code"] == 0, answer
        assert len(answer["bills"]) == 5


def test_a_database_of_another_schema_in_the_practice_files_place_is_moved_aside(
    tmp_path: Path,
) -> None:
    """Another program's SQLite file (or one of an older build) named sandbox.sqlite3,
    with a bills table of its own: the sandbox never started ('no such column:
    app_id'), every restart said so, and the practice data could not be had until the
    clerk found the file. It is moved aside, kept as it was, and a new one seeded."""
    import sqlite3

    path = tmp_path / "sandbox.sqlite3"
    foreign = sqlite3.connect(path)
    foreign.execute("CREATE TABLE bills (number TEXT, amount REAL)")
    foreign.execute("INSERT INTO bills VALUES ('A-1', 12.5)")
    foreign.commit()
    foreign.close()
    before = path.read_bytes()
    seed_module.seeded_file(path, {APP_ID: "secret"}, 5)
    [moved] = [
        p for p in tmp_path.glob("sandbox.sqlite3.damaged-*") if not p.name.endswith(COMPANIONS)
    ]
    assert moved.read_bytes() == before
    with SandboxServer(path, APPS) as sandbox:
        answer = query(sandbox, BILLS, limit=50)
        assert answer["result_code"] == 0, answer
        assert len(answer["bills"]) == 5
