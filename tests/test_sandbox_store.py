"""Storage: one SQLite file in WAL mode that survives restarts; integers only."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from console.sandbox import SandboxServer
from console.sandbox.store import Card, RecordFilter, Store
from tests.sandbox_support import (
    APP_ID,
    APPS,
    BILLS,
    REFUNDS,
    paid_bill,
    pay,
    query,
    refund,
)


def test_data_survives_a_restart_on_the_same_file(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.sqlite3"
    with SandboxServer(db, APPS) as first:
        bill_no = paid_bill(first, "keep0001")
        assert refund(first, bill_no, 100)["result_code"] == 0
        card_id = pay(first, "PAYPAL_CREDITCARD", bill_no="keep0002")["credit_card_id"]
        before = query(first, BILLS), query(first, REFUNDS)
    with SandboxServer(db, APPS) as second:
        assert (query(second, BILLS), query(second, REFUNDS)) == before
        # the rules still see the old data
        assert pay(second, "PAYPAL_CREDITCARD", bill_no="keep0001")["result_code"] == 17
        assert refund(second, bill_no, 100, serial="002")["result_code"] == 11
        saved = pay(second, "PAYPAL_SAVED_CREDITCARD", bill_no="keep0003", credit_card_id=card_id)
        assert saved["result_code"] == 0


def test_the_file_is_in_wal_mode(sandbox: SandboxServer) -> None:
    db = sqlite3.connect(sandbox.db_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_amounts_and_times_are_stored_as_integers(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox, total_fee=1999)
    assert refund(sandbox, bill_no, 999)["result_code"] == 0
    db = sqlite3.connect(sandbox.db_path)
    try:
        types = db.execute(
            "SELECT typeof(b.total_fee), typeof(b.created_time), typeof(r.refund_fee), "
            "typeof(r.created_time) FROM bills b JOIN refunds r USING (app_id, bill_no)"
        ).fetchone()
        assert types == ("integer",) * 4
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO bills (id, app_id, bill_no, channel, total_fee, title, "
                "created_time) VALUES ('x', 'a', 'floatbill', 'WX_APP', 1.5, 't', 1)"
            )
    finally:
        db.close()


def test_bill_no_and_refund_no_are_unique_per_app_in_the_schema(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    try:
        store.insert_bill(APP_ID, "same0001", "PAYPAL_PAYPAL", 100, "t", "USD", paid=True)
        store.insert_bill("other-app", "same0001", "PAYPAL_PAYPAL", 100, "t", "USD", paid=True)
        with pytest.raises(sqlite3.IntegrityError):
            store.insert_bill(APP_ID, "same0001", "PAYPAL_PAYPAL", 100, "t", "USD")
        store.insert_refund(APP_ID, "20240101001", "same0001", 10)
        store.insert_refund("other-app", "20240101001", "same0001", 10)
        with pytest.raises(sqlite3.IntegrityError):
            store.insert_refund(APP_ID, "20240101001", "same0001", 10)
        assert store.count_bills(APP_ID, RecordFilter()) == 1
        assert store.count_refunds(APP_ID, RecordFilter()) == 1
    finally:
        store.close()


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    try:
        with pytest.raises(RuntimeError), store.transaction() as tx:
            tx.insert_card(Card("CARD-A", APP_ID, "visa", "1111", 1, 2099, "A", "B", 0))
            raise RuntimeError("refused")
        with store.transaction() as tx:
            assert tx.find_card(APP_ID, "CARD-A") is None
    finally:
        store.close()


def test_the_store_is_safe_under_many_threads(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for index in range(25):
                store.insert_bill(APP_ID, f"t{worker:02d}n{index:05d}", "WX_APP", 100, "t")
                store.list_bills(APP_ID, RecordFilter(channel="WX"), 0, 10)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert store.count_bills(APP_ID, RecordFilter()) == 200
    finally:
        store.close()


def test_a_closed_store_refuses_new_connections(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    store.close()
    failures: list[BaseException] = []

    def use() -> None:
        try:
            store.count_bills(APP_ID, RecordFilter())
        except RuntimeError as error:
            failures.append(error)

    thread = threading.Thread(target=use)
    thread.start()
    thread.join()
    assert len(failures) == 1


def test_the_return_page_finds_a_bill_by_its_number_through_an_index(
    sandbox: SandboxServer,
) -> None:
    """The return page looks a bill up by bill_no alone (its link names no app): in a
    large practice file that read every bill at each page view."""
    db = sqlite3.connect(sandbox.db_path)
    try:
        plan = " ".join(
            str(row[-1])
            for row in db.execute(
                "EXPLAIN QUERY PLAN SELECT DISTINCT approval_result FROM bills"
                " WHERE bill_no = ? AND approval_token IS NOT NULL",
                ("ABC12345",),
            )
        )
    finally:
        db.close()
    assert "USING INDEX" in plan and "SCAN bills" not in plan, plan
