"""Demo data: realistic bills and refunds of the last 90 days for one app.

Mostly PayPal bills in many currencies (whole units for HUF/JPY/TWD), some
domestic ones (no currency), Chinese and English titles, paid and unpaid, a
share of the paid ones refunded (some partially), and a few paid PayPal bills
older than 180 days so that 10 REFUND_EXCEED_TIME can be seen. Seeding an app
that already has bills does nothing, so restarts never multiply the data.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from console.api.channels import PAY_CHANNELS, PAYPAL_PAYPAL, SUB_CHANNELS
from console.api.money import CURRENCIES, WHOLE_UNIT_CURRENCIES
from console.api.validate import china_today
from console.damaged_files import is_damage, put_in_place, replace_damaged, replacement_of
from console.made_files import alone_in, remove_left_companions, remove_left_makings
from console.private_files import private_file, private_folder
from console.sandbox.store import (
    Bill,
    RecordFilter,
    Refund,
    Store,
    foreign_schema,
    new_id,
    now_ms,
)

logger = logging.getLogger(__name__)

DAY_MS = 86_400_000
RECENT_DAYS = 90
DOMESTIC_CHANNELS: tuple[str, ...] = tuple(c for c in SUB_CHANNELS if c not in PAY_CHANNELS)
# Weighted: the currencies a PayPal merchant sees most come first and more often.
COMMON_CURRENCIES: tuple[str, ...] = ("USD", "USD", "USD", "EUR", "EUR", "GBP", "JPY", "HKD")
PAYPAL_SHARE = 0.8
UNPAID_SHARE = 0.3  # of PAYPAL_PAYPAL bills: the payer never approved, or cancelled
REFUNDED_SHARE = 0.15  # of paid bills
PARTIAL_SHARE = 0.4  # of refunds

# Every title fits in 32 GB18030 bytes (a Chinese character counts 2).
TITLES: tuple[str, ...] = (
    "白开水",
    "年度会员订阅",
    "蓝牙耳机（黑色）",
    "机械键盘 青轴",
    "手冲咖啡豆 500g",
    "儿童绘本套装",
    "瑜伽垫 加厚",
    "云存储 1TB 一年",
    "跨境电商运费补差",
    "雨伞（自动开合）",
    "Annual subscription",
    "Wireless mouse",
    "Hotel booking, 2 nights",
    "Coffee beans 1kg",
    "Concert ticket",
    "Online course: Python",
    "Phone case",
    "Gift card",
    "Shipping fee",
    "Premium plan upgrade",
)


def _amount(rng: random.Random, currency: str | None) -> int:
    """A plausible total_fee in hundredths."""
    if currency in WHOLE_UNIT_CURRENCIES:
        return rng.randint(1, 3000) * 100 * (10 if currency != "TWD" else 1)
    return rng.choice((rng.randint(100, 9_999), rng.randint(1_000, 99_999), rng.randint(1, 99)))


def _refund_fee(rng: random.Random, bill: Bill) -> int:
    if rng.random() >= PARTIAL_SHARE or bill.total_fee < 2:
        return bill.total_fee
    if bill.currency in WHOLE_UNIT_CURRENCIES:
        return rng.randint(1, max(1, bill.total_fee // 100 - 1)) * 100
    return rng.randint(1, bill.total_fee - 1)


def _bill_no(moment_ms: int, serial: int) -> str:
    stamp = datetime.fromtimestamp(moment_ms // 1000, UTC).strftime("%Y%m%d%H%M%S")
    return f"{stamp}{serial:06d}"


def _make_bill(rng: random.Random, app_id: str, serial: int, created: int, old: bool) -> Bill:
    paypal = old or rng.random() < PAYPAL_SHARE
    if paypal:
        channel = rng.choice(PAY_CHANNELS)
        currency: str | None = rng.choice(
            COMMON_CURRENCIES if rng.random() < 0.6 else tuple(CURRENCIES)
        )
        paid = old or channel != PAYPAL_PAYPAL or rng.random() >= UNPAID_SHARE
    else:
        channel = rng.choice(DOMESTIC_CHANNELS)
        currency = None
        paid = rng.random() >= 0.1
    approval = None
    if channel == PAYPAL_PAYPAL:
        approval = "approved" if paid else rng.choice((None, "cancelled"))
    return Bill(
        app_id=app_id,
        bill_no=_bill_no(created, serial),
        channel=channel,
        total_fee=_amount(rng, currency),
        title=rng.choice(TITLES),
        currency=currency,
        paid=paid,
        created_time=created,
        id=new_id(),
        approval_result=approval,
    )


def _make_refund(rng: random.Random, bill: Bill, serial: int, now: int) -> Refund:
    """A refund 10 minutes to 10 days after its bill, but no later than a minute before
    `now`: one drawn later is folded back into the time between the bill and then, so
    that the last minutes before seeding do not pile up every late draw."""
    after = rng.randint(600_000, 10 * DAY_MS)
    latest = now - 60_000 - bill.created_time
    created = bill.created_time + (after if after <= latest else after % max(latest, 1))
    day = china_today(datetime.fromtimestamp(created // 1000, UTC))
    return Refund(
        app_id=bill.app_id,
        refund_no=f"{day}{serial:06d}",
        bill_no=bill.bill_no,
        refund_fee=_refund_fee(rng, bill),
        finish=True,
        result=True,
        created_time=created,
        id=new_id(),
    )


def demo_bills(rng: random.Random, app_id: str, count: int, now: int) -> list[Bill]:
    """`count` demo bills of the app, oldest first (also the benchmarks' realistic bills)."""
    old_count = min(count // 10, max(3, count // 200))
    bills: list[Bill] = []
    for serial in range(1, count + 1):
        old = serial <= old_count
        if old:
            created = now - rng.randint(181 * DAY_MS, 365 * DAY_MS)
        else:
            created = now - rng.randint(60_000, RECENT_DAYS * DAY_MS)
        bills.append(_make_bill(rng, app_id, serial, created, old))
    bills.sort(key=lambda bill: bill.created_time)  # insertion order follows time
    return bills


def seed(
    store: Store, app_id: str, count: int, rng_seed: int = 2015, now: int | None = None
) -> int:
    """Create `count` demo bills (and their refunds) for an app that has none.

    Returns the number of bills created (0 when the app had bills already).
    """
    if count <= 0 or store.count_bills(app_id, RecordFilter()):
        return 0  # checked before making any bill: every start of the console asks
    rng = random.Random(rng_seed)
    now = now_ms() if now is None else now
    bills = demo_bills(rng, app_id, count, now)
    refunds = [
        _make_refund(rng, bill, serial, now)
        for serial, bill in enumerate(bills, start=1)
        if bill.paid and now - bill.created_time <= 180 * DAY_MS and rng.random() < REFUNDED_SHARE
    ]
    refunds.sort(key=lambda refund: refund.created_time)
    with store.transaction() as tx:
        if tx.count_app_bills(app_id):
            return 0
        tx.insert_bills(bills)
        tx.insert_refunds(refunds)
    return len(bills)


def seeded_file(db_path: Path, apps: Mapping[str, str], demo_bills: int) -> None:
    """The embedded sandbox's database made ready before it serves: the demo bills made
    where an app has none; a damaged database (one SQLite cannot open, or a page its
    quick_check finds malformed) or another's (tables not the sandbox's) replaced by a
    new one, moved aside
    (console/damaged_files.py: it holds practice data only, but is not ours to destroy;
    a kill at any step leaves its WAL beside it, never beside the new file); one
    deleted alone, its -wal and -shm left by a sandbox killed or still running on it,
    made anew without them (the running one's shared memory met it: 'disk I/O error').
    The file is the console's own, private (narrowed when an earlier start left it
    wider); a
    symbolic link, a folder, a device or a pipe in its place (or its -wal's, -shm's,
    -journal's) is neither followed, moved aside nor written: UnusableFile, an OSError,
    as for a file that cannot be made (the sandbox does not start), and TimeoutError
    when another process kept the folder held (`alone_in`) too long."""
    # a folder other users can write to (a link to /tmp): nothing made or opened there
    private_folder(db_path.parent)
    with alone_in(db_path.parent):  # another sandbox starting now opens what this one made
        remove_left_makings(db_path)
        remove_left_companions(db_path)  # a running sandbox's: its shared memory is not ours
        for last_try in (False, True):
            if os.path.lexists(replacement_of(db_path)):
                moved = put_in_place(db_path, replacement_of(db_path))
                logger.warning(
                    "the sandbox's database %s was being replaced: finished, moved aside to %s",
                    db_path,
                    moved,
                )
            private_file(db_path)
            try:
                refuse_damaged_or_foreign(db_path)
                store = Store(db_path)
                try:
                    for app_id in apps:
                        created = seed(store, app_id, demo_bills)
                        logger.info("sandbox: %d demo bills created for %s", created, app_id)
                finally:
                    store.close()
                return
            except sqlite3.DatabaseError as error:
                if last_try or not is_damage(error):
                    raise
                moved = replace_damaged(db_path, _new_practice_file)
                logger.warning(
                    "the sandbox's database %s is damaged (%s): moved aside to %s, a new one made",
                    db_path,
                    error,
                    moved,
                )


def refuse_damaged_or_foreign(path: Path) -> None:
    """SQLite's quick_check of every page (a few ms on practice data) and the tables
    compared with the sandbox's, through a connection that may only read: one that may
    write would write the WAL into a damaged file at its close, before it is moved
    aside. A damaged page, or a file not the sandbox's (another program's, an older
    build's), raises sqlite3.DatabaseError; a file that cannot be read so (busy,
    locked) is left to the store's own connection, which says why."""
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return
    try:
        findings = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
        if findings == ["ok"]:
            foreign = foreign_schema(connection)
            findings = [foreign] if foreign is not None else findings
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise
        return
    finally:
        connection.close()
    if findings != ["ok"]:
        raise sqlite3.DatabaseError("; ".join(findings[:3]))


def _new_practice_file(path: Path) -> None:
    Store(path).close()
