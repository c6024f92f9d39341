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
from console.store.stamps import SteadyNow

HOUR = 3_600_000
NOW = 1_780_000_000_000
BOOT = SteadyNow(NOW, "boot-1", 5 * HOUR)  # a console, 5 hours after the computer's boot


def later(ms: int, now: SteadyNow = BOOT) -> SteadyNow:
    """`now`'s clocks moved on alike: the same boot, the wall clock not set."""
    return SteadyNow(now.ms + ms, now.boot_id, now.since_boot_ms + ms)


def link(bill_no: str, expires_ms: int, url: str = "") -> ApprovalLink:
    url = url or f"https://www.paypal.com/checkoutnow?token=EC-{bill_no}"
    return ApprovalLink(bill_no, url, 1250, "USD", "Order 7", expires_ms)


def test_a_link_is_kept_per_profile_until_its_page_expires(tmp_path: Path) -> None:
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BC1", NOW + HOUR), BOOT)
    links.keep("shop", link("BC2", NOW + 2 * HOUR), BOOT)
    links.keep("shop", link("BC0", NOW - 1), BOOT)  # expired a moment ago
    links.keep("other", link("BC9", NOW + 3 * HOUR), BOOT)

    assert [kept.bill_no for kept in links.waiting("shop", BOOT)] == ["BC2", "BC1"]  # newest first
    assert links.of("shop", "BC1", BOOT) == link("BC1", NOW + HOUR)
    assert links.of("shop", "BC0", BOOT) is None  # never handed out once expired
    assert links.of("other", "BC1", BOOT) is None  # another profile's bill is another bill
    assert [kept.bill_no for kept in links.waiting("shop", later(HOUR))] == ["BC2"]
    store.close()

    reopened = ConsoleStore.open(tmp_path)  # kept across a restart, the expired deleted
    assert reopened.database.read("SELECT bill_no FROM approval_link ORDER BY 1") == [
        ("BC2",),
        ("BC9",),
    ]
    assert [kept.bill_no for kept in reopened.local.links.waiting("other", BOOT)] == ["BC9"]
    mode = stat.S_IMODE((tmp_path / "console.sqlite3").stat().st_mode)
    assert mode == 0o600
    reopened.close()


def test_a_paid_bills_link_and_a_removed_profiles_links_go(tmp_path: Path) -> None:
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    for bill_no in ("BC1", "BC2", "BC3"):
        links.keep("shop", link(bill_no, NOW + HOUR), BOOT)
    links.keep("other", link("BC1", NOW + HOUR), BOOT)
    links.drop("shop", ["BC1", "BC3"])
    assert [kept.bill_no for kept in links.waiting("shop", BOOT)] == ["BC2"]
    assert links.of("other", "BC1", BOOT) is not None
    store.local.forget_profile("shop")
    assert links.waiting("shop", BOOT) == []
    assert links.forget_profile("other") == 1
    store.close()


def test_a_database_that_cannot_be_written_still_lists_what_it_holds(tmp_path: Path) -> None:
    store = ConsoleStore.open(tmp_path)
    store.local.links.keep("shop", link("BC1", NOW + HOUR), BOOT)
    store.local.links.keep("shop", link("BC0", NOW - 1), BOOT)
    store.database.writable = False  # as a read-only or locked file is opened
    assert [kept.bill_no for kept in store.local.links.waiting("shop", BOOT)] == ["BC1"]
    store.close()


def test_a_file_another_program_holds_locked_is_not_waited_for_to_tidy(tmp_path: Path) -> None:
    """The links of paid or expired bills go at a sync or a row's menu, on the window's
    thread: a file locked by another program (a backup, another console's long write)
    kept the window frozen for the whole busy timeout (5 s) at each. Tidying is given
    up at once, and the links the payer can still use are listed all the same."""
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BC1", NOW + HOUR), BOOT)
    links.keep("shop", link("BC0", NOW - 1), BOOT)
    other = sqlite3.connect(tmp_path / "console.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(StoreError):
            links.drop("shop", ["BC1"])
        assert [kept.bill_no for kept in links.waiting("shop", BOOT)] == ["BC1"]
        assert time.monotonic() - started < 1.0
    finally:
        other.execute("ROLLBACK")
        other.close()
    links.drop("shop", ["BC1"])  # the lock let go: as before
    assert links.waiting("shop", BOOT) == []
    store.close()


def test_a_console_of_the_same_boot_times_links_by_the_clock_since_boot(tmp_path: Path) -> None:
    """A console started after the wall clock was put right hours forward read its own
    clock at its start and deleted every link, of every profile, that the console that
    made them still timed: their payers could still approve them. Every console of a
    boot reads the clock since boot alike; a link's expiry is shown on the reader's clock."""
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BC1", NOW + 3 * HOUR), BOOT)
    links.keep("other", link("BC9", NOW + 3 * HOUR), BOOT)
    put_forward = SteadyNow(NOW + 5 * HOUR, BOOT.boot_id, BOOT.since_boot_ms + HOUR)
    assert links.waiting("shop", put_forward) == [link("BC1", put_forward.ms + 2 * HOUR)]
    assert links.of("other", "BC9", put_forward) == link("BC9", put_forward.ms + 2 * HOUR)

    set_back = SteadyNow(NOW - HOUR, BOOT.boot_id, BOOT.since_boot_ms + 3 * HOUR)
    assert links.waiting("shop", set_back) == []  # its 3 hours are over, whatever the wall says
    assert store.database.read("SELECT bill_no FROM approval_link") == []
    store.close()


def test_a_link_of_another_boot_is_judged_by_the_wall_clock_and_deleted_only_when_sure(
    tmp_path: Path,
) -> None:
    """After a restart of the computer the wall clock is all that tells a link's age: a
    link it says expired is not offered, but it is deleted only once this boot is older
    than a page's life too, as the clock may have been put forward meanwhile."""
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BC1", NOW + 3 * HOUR), BOOT)
    rebooted_ahead = SteadyNow(NOW + 4 * HOUR, "boot-2", HOUR)
    assert links.waiting("shop", rebooted_ahead) == []
    assert links.of("shop", "BC1", rebooted_ahead) is None
    put_right = SteadyNow(NOW + HOUR, "boot-2", HOUR + 1)
    assert links.waiting("shop", put_right) == [link("BC1", NOW + 3 * HOUR)]  # kept: back
    set_back_long_up = SteadyNow(NOW + 2 * HOUR, "boot-2", 3 * HOUR)
    assert links.waiting("shop", set_back_long_up) == [link("BC1", NOW + 3 * HOUR)]
    both_say_so = SteadyNow(NOW + 4 * HOUR, "boot-2", 3 * HOUR)
    assert links.waiting("shop", both_say_so) == []
    assert store.database.read("SELECT bill_no FROM approval_link") == []
    store.close()


def test_without_a_known_boot_links_are_timed_by_the_steady_clock(tmp_path: Path) -> None:
    """Windows and macOS tell no boot: a link is kept and judged by the steady clock of
    the console that reads it (the wall time read at its start, moved on since)."""
    no_boot = SteadyNow(NOW, "", 42)
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BC1", NOW + 3 * HOUR), no_boot)
    assert links.waiting("shop", SteadyNow(NOW + 2 * HOUR, "", 7)) == [link("BC1", NOW + 3 * HOUR)]
    assert links.waiting("shop", SteadyNow(NOW + 3 * HOUR, "", 7)) == []
    assert store.database.read("SELECT bill_no FROM approval_link") == []
    store.close()


def test_a_link_a_hand_or_another_program_left_unusable_is_passed_over_not_deleted(
    tmp_path: Path,
) -> None:
    """A row no console writes (an unknown currency, a negative or text amount, an address
    that is no web address or hides its host, an expiry that is not a number): the New
    payment tab could not even be built, the console did not start."""
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BCGOOD", NOW + HOUR), BOOT)
    unusable = [
        ("BCCURRENCY", "https://p.example/a", 1250, "ZZZ", "T", NOW + HOUR),
        ("BCNEGATIVE", "https://p.example/a", -5, "USD", "T", NOW + HOUR),
        ("BCHUGE", "https://p.example/a", 2**62, "USD", "T", NOW + HOUR),
        ("BCTEXTFEE", "https://p.example/a", "12.50", "USD", "T", NOW + HOUR),
        ("BCSCRIPT", "javascript:alert(1)", 1250, "USD", "T", NOW + HOUR),
        ("BCHIDDEN", "https://paypal.com@evil.example/a", 1250, "USD", "T", NOW + HOUR),
        ("BCBYTES", "https://p.example/a", 1250, "USD", b"\xff\x00", NOW + HOUR),
        ("BCWHEN", "https://p.example/a", 1250, "USD", "T", "tomorrow"),
    ]
    db = sqlite3.connect(tmp_path / "console.sqlite3")
    with db:
        db.executemany(
            "INSERT INTO approval_link VALUES ('shop', ?, ?, ?, ?, ?, ?, 'boot-1', ?)",
            [(*row, 6 * HOUR) for row in unusable],
        )
    db.close()
    assert [kept.bill_no for kept in links.waiting("shop", BOOT)] == ["BCGOOD"]
    for row in unusable:
        assert links.of("shop", row[0], BOOT) is None, row
    assert len(store.database.read("SELECT * FROM approval_link")) == 1 + len(unusable)
    store.close()


def test_no_link_is_said_to_last_longer_than_a_paypal_page(tmp_path: Path) -> None:
    """A row whose expiry is years ahead (kept while the clock was years ahead, then put
    right and the computer restarted; or a hand edit) was offered for years."""
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BCYEARS", NOW + 10 * 365 * 24 * HOUR), BOOT)
    other_boot = SteadyNow(NOW, "boot-2", 5 * HOUR)
    [kept] = links.waiting("shop", other_boot)
    assert kept.expires_ms <= NOW + 3 * HOUR
    assert links.of("shop", "BCYEARS", other_boot) == kept
    store.close()


def test_a_link_said_to_last_years_is_offered_no_longer_than_a_paypal_page(
    tmp_path: Path,
) -> None:
    """Its expiry was capped only as it was shown, the row keeping its years: each look
    offered it again, said to expire 3 hours from then, for years (a payer sent a page
    long dead). Seen so, it now expires a page's life from then."""
    store = ConsoleStore.open(tmp_path)
    links = store.local.links
    links.keep("shop", link("BCYEARS", NOW + 10 * 365 * 24 * HOUR), BOOT)
    other_boot = SteadyNow(NOW, "boot-2", 5 * HOUR)
    assert [kept.bill_no for kept in links.waiting("shop", other_boot)] == ["BCYEARS"]
    a_page_later = SteadyNow(NOW + 3 * HOUR, "boot-2", 8 * HOUR)
    assert links.waiting("shop", a_page_later) == []
    assert links.of("shop", "BCYEARS", a_page_later) is None
    restarted = SteadyNow(NOW + 4 * HOUR, "boot-3", 5 * HOUR)
    assert links.waiting("shop", restarted) == []
    store.close()
