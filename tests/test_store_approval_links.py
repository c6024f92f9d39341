"""The PayPal approval addresses the console keeps (console/store/approval_links.py):
per profile and bill, only while a payer can still use them, in the private database."""

from __future__ import annotations

import sqlite3
import stat
import time
from pathlib import Path

import pytest

from console.store import ConsoleStore
from console.store.approval_links import ApprovalLink
from console.store.errors import StoreError

NOW = 1_780_000_000_000
HOUR = 3_600_000


def link(bill_no: str, expires_ms: int, url: str = "") -> ApprovalLink:
    url = url or f"https://www.paypal.com/checkoutnow?token=EC-{bill_no}"
    return ApprovalLink(bill_no, url, 1250, "USD", "Order 7", expires_ms)


def test_a_link_is_kept_per_profile_until_its_page_expires(tmp_path: Path) -> None:
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BC1", NOW + HOUR))
    links.keep("shop", link("BC2", NOW + 2 * HOUR))
    links.keep("shop", link("BC0", NOW - 1))  # expired a moment ago
    links.keep("other", link("BC9", NOW + 3 * HOUR))

    assert [kept.bill_no for kept in links.waiting("shop", NOW)] == ["BC2", "BC1"]  # newest first
    assert links.of("shop", "BC1", NOW) == link("BC1", NOW + HOUR)
    assert links.of("shop", "BC0", NOW) is None  # never handed out once expired
    assert links.of("other", "BC1", NOW) is None  # another profile's bill is another bill
    assert [kept.bill_no for kept in links.waiting("shop", NOW + HOUR)] == ["BC2"]
    store.close()

    reopened = ConsoleStore.open(tmp_path)  # kept across a restart, the expired deleted
    assert reopened.database.read("SELECT bill_no FROM approval_link ORDER BY 1") == [
        ("BC2",),
        ("BC9",),
    ]
    assert [kept.bill_no for kept in reopened.local.links.waiting("other", NOW)] == ["BC9"]
    mode = stat.S_IMODE((tmp_path / "console.sqlite3").stat().st_mode)
    assert mode == 0o600
    reopened.close()


def test_a_paid_bills_link_and_a_removed_profiles_links_go(tmp_path: Path) -> None:
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    for bill_no in ("BC1", "BC2", "BC3"):
        links.keep("shop", link(bill_no, NOW + HOUR))
    links.keep("other", link("BC1", NOW + HOUR))
    links.drop("shop", ["BC1", "BC3"])
    assert [kept.bill_no for kept in links.waiting("shop", NOW)] == ["BC2"]
    assert links.of("other", "BC1", NOW) is not None
    store.local.forget_profile("shop")
    assert links.waiting("shop", NOW) == []
    assert links.forget_profile("other") == 1
    store.close()


def test_a_database_that_cannot_be_written_still_lists_what_it_holds(tmp_path: Path) -> None:
    store = ConsoleStore.open(tmp_path)
    store.local.links.keep("shop", link("BC1", NOW + HOUR))
    store.local.links.keep("shop", link("BC0", NOW - 1))
    store.database.writable = False  # as a read-only or locked file is opened
    assert [kept.bill_no for kept in store.local.links.waiting("shop", NOW)] == ["BC1"]
    store.close()


def test_a_file_another_program_holds_locked_is_not_waited_for_to_tidy(tmp_path: Path) -> None:
    """The links of paid or expired bills go at a sync or a row's menu, on the window's
    thread: a file locked by another program (a backup, another console's long write)
    kept the window frozen for the whole busy timeout (5 s) at each. Tidying is given
    up at once, and the links the payer can still use are listed all the same."""
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BC1", NOW + HOUR))
    links.keep("shop", link("BC0", NOW - 1))
    other = sqlite3.connect(tmp_path / "console.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(StoreError):
            links.drop("shop", ["BC1"])
        assert [kept.bill_no for kept in links.waiting("shop", NOW)] == ["BC1"]
        assert time.monotonic() - started < 1.0
    finally:
        other.execute("ROLLBACK")
        other.close()
    links.drop("shop", ["BC1"])  # the lock let go: as before
    assert links.waiting("shop", NOW) == []
    store.close()
