"""The history mirror's schema (version 1): its tables, the FTS5 indexes and per-day sums
kept by triggers, the upserts a sync writes with, and the marks that say a file is one
of ours (console/store/mirror.py opens it; console/store/mirror_file.py makes it).
No Qt here.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time

# Our own mark in the file's header: a file without it is not a mirror of ours.
APPLICATION_ID = 0x42434D31  # "BCM1"
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE bills (
    id INTEGER PRIMARY KEY,
    bill_no TEXT NOT NULL UNIQUE,
    channel TEXT NOT NULL,
    total_fee INTEGER NOT NULL,
    title TEXT NOT NULL,
    narrow_title TEXT,  -- the title with full-width ASCII as ASCII (NULL: the same)
    searched_title TEXT GENERATED ALWAYS AS (coalesce(narrow_title, title)) VIRTUAL,
    paid INTEGER NOT NULL,
    created_time INTEGER NOT NULL,
    currency TEXT,
    seen_ms INTEGER NOT NULL,
    refunded INTEGER NOT NULL DEFAULT 0,  -- the most of its successful refunds (triggers)
    refunding INTEGER NOT NULL DEFAULT 0  -- 1: a refund of it is in progress (triggers)
);
CREATE INDEX bills_by_time ON bills (created_time);
CREATE INDEX bills_by_fee ON bills (coalesce(currency, ''), total_fee);
CREATE INDEX bills_by_refunded ON bills (coalesce(currency, ''), refunded, refunding);
CREATE INDEX bills_by_channel ON bills (channel, created_time);
CREATE VIRTUAL TABLE bills_text USING fts5 (
    bill_no, searched_title, content='bills', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER bills_text_insert AFTER INSERT ON bills BEGIN
    INSERT INTO bills_text (rowid, bill_no, searched_title)
        VALUES (new.id, new.bill_no, new.searched_title);
END;
CREATE TRIGGER bills_text_update AFTER UPDATE OF title ON bills
WHEN old.title IS NOT new.title BEGIN
    INSERT INTO bills_text (bills_text, rowid, bill_no, searched_title)
        VALUES ('delete', old.id, old.bill_no, old.searched_title);
    INSERT INTO bills_text (rowid, bill_no, searched_title)
        VALUES (new.id, new.bill_no, new.searched_title);
END;
CREATE TRIGGER bills_text_delete AFTER DELETE ON bills BEGIN
    INSERT INTO bills_text (bills_text, rowid, bill_no, searched_title)
        VALUES ('delete', old.id, old.bill_no, old.searched_title);
END;
CREATE TABLE refunds (
    id INTEGER PRIMARY KEY,
    refund_no TEXT NOT NULL UNIQUE,
    bill_no TEXT NOT NULL,
    channel TEXT NOT NULL,
    total_fee INTEGER NOT NULL,
    refund_fee INTEGER NOT NULL,
    title TEXT NOT NULL,
    narrow_title TEXT,
    searched_title TEXT GENERATED ALWAYS AS (coalesce(narrow_title, title)) VIRTUAL,
    finished INTEGER NOT NULL,
    succeeded INTEGER NOT NULL,
    created_time INTEGER NOT NULL,
    currency TEXT,
    seen_ms INTEGER NOT NULL,
    asked_ms INTEGER NOT NULL DEFAULT 0  -- when a sync last asked for it by number (sync.py)
);
CREATE INDEX refunds_by_time ON refunds (created_time);
CREATE INDEX refunds_by_bill ON refunds (bill_no);
CREATE INDEX refunds_by_fee ON refunds (coalesce(currency, ''), refund_fee);
CREATE INDEX refunds_by_channel ON refunds (channel, created_time);
CREATE VIRTUAL TABLE refunds_text USING fts5 (
    refund_no, bill_no, searched_title, content='refunds', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER refunds_text_insert AFTER INSERT ON refunds BEGIN
    INSERT INTO refunds_text (rowid, refund_no, bill_no, searched_title)
        VALUES (new.id, new.refund_no, new.bill_no, new.searched_title);
END;
CREATE TRIGGER refunds_text_update AFTER UPDATE OF title ON refunds
WHEN old.title IS NOT new.title BEGIN
    INSERT INTO refunds_text (refunds_text, rowid, refund_no, bill_no, searched_title)
        VALUES ('delete', old.id, old.refund_no, old.bill_no, old.searched_title);
    INSERT INTO refunds_text (rowid, refund_no, bill_no, searched_title)
        VALUES (new.id, new.refund_no, new.bill_no, new.searched_title);
END;
CREATE TRIGGER refunds_text_delete AFTER DELETE ON refunds BEGIN
    INSERT INTO refunds_text (refunds_text, rowid, refund_no, bill_no, searched_title)
        VALUES ('delete', old.id, old.refund_no, old.bill_no, old.searched_title);
END;
-- A refund is in its bill's currency (UPSERT_REFUND): one listed before its bill, or
-- before the bill was listed in another currency, is put in it when the bill comes.
CREATE TRIGGER bills_currency_insert AFTER INSERT ON bills
WHEN new.currency IS NOT NULL BEGIN
    UPDATE refunds SET currency = new.currency
    WHERE bill_no = new.bill_no AND currency IS NOT new.currency;
END;
CREATE TRIGGER bills_currency_update AFTER UPDATE OF currency ON bills
WHEN new.currency IS NOT NULL AND old.currency IS NOT new.currency BEGIN
    UPDATE refunds SET currency = new.currency
    WHERE bill_no = new.bill_no AND currency IS NOT new.currency;
END;
-- A bill's `refunded`: the largest of its successful refunds (0: none), and `refunding`:
-- whether one of its refunds is in progress, what the Bills table sorts its Refunded
-- column by (none, then in progress, then the amounts), from an index (a sum over the
-- refunds for each of a million bills took seconds). Kept by these triggers, in the
-- transaction that writes the refund, or the bill when its refunds were written first.
CREATE TRIGGER bills_refunded_insert AFTER INSERT ON bills
WHEN EXISTS (SELECT 1 FROM refunds WHERE bill_no = new.bill_no
    AND (NOT finished OR succeeded))
BEGIN
    UPDATE bills SET refunded = (SELECT coalesce(max(refund_fee), 0) FROM refunds
            WHERE bill_no = new.bill_no AND finished AND succeeded),
        refunding = EXISTS (SELECT 1 FROM refunds WHERE bill_no = new.bill_no AND NOT finished)
    WHERE id = new.id;
END;
CREATE TRIGGER refunds_refunded_insert AFTER INSERT ON refunds
WHEN new.finished AND new.succeeded BEGIN
    UPDATE bills SET refunded = max(refunded, new.refund_fee) WHERE bill_no = new.bill_no;
END;
CREATE TRIGGER refunds_refunding_insert AFTER INSERT ON refunds
WHEN NOT new.finished BEGIN
    UPDATE bills SET refunding = 1 WHERE bill_no = new.bill_no;
END;
CREATE TRIGGER refunds_refunded_update AFTER UPDATE ON refunds
WHEN old.bill_no IS NOT new.bill_no OR old.refund_fee IS NOT new.refund_fee
    OR old.finished IS NOT new.finished OR old.succeeded IS NOT new.succeeded BEGIN
    UPDATE bills SET refunded = (SELECT coalesce(max(r.refund_fee), 0) FROM refunds AS r
            WHERE r.bill_no = bills.bill_no AND r.finished AND r.succeeded),
        refunding = EXISTS (SELECT 1 FROM refunds AS r
            WHERE r.bill_no = bills.bill_no AND NOT r.finished)
    WHERE bill_no IN (old.bill_no, new.bill_no);
END;
CREATE TRIGGER refunds_refunded_delete AFTER DELETE ON refunds
WHEN NOT old.finished OR old.succeeded BEGIN
    UPDATE bills SET refunded = (SELECT coalesce(max(r.refund_fee), 0) FROM refunds AS r
            WHERE r.bill_no = bills.bill_no AND r.finished AND r.succeeded),
        refunding = EXISTS (SELECT 1 FROM refunds AS r
            WHERE r.bill_no = bills.bill_no AND NOT r.finished)
    WHERE bill_no = old.bill_no;
END;
-- The Overview's sums per local day, kept by triggers, so that a year of a million
-- bills is summed from a few thousand rows. A day is the local day of the zone in
-- meta 'zone'; the sums are made again when the computer's time zone is another.
CREATE TABLE bill_days (
    paid INTEGER NOT NULL, day TEXT NOT NULL, currency TEXT NOT NULL, channel TEXT NOT NULL,
    n INTEGER NOT NULL, fee INTEGER NOT NULL,
    PRIMARY KEY (paid, day, currency, channel)
) WITHOUT ROWID;
CREATE TRIGGER bill_days_insert AFTER INSERT ON bills BEGIN
    INSERT INTO bill_days VALUES (new.paid, date(new.created_time / 1000, 'unixepoch',
        'localtime'), coalesce(new.currency, ''), new.channel, 1, new.total_fee)
    ON CONFLICT DO UPDATE SET n = n + 1, fee = fee + excluded.fee;
END;
CREATE TRIGGER bill_days_update AFTER UPDATE ON bills
WHEN old.paid IS NOT new.paid OR old.created_time IS NOT new.created_time
    OR old.currency IS NOT new.currency OR old.channel IS NOT new.channel
    OR old.total_fee IS NOT new.total_fee BEGIN
    UPDATE bill_days SET n = n - 1, fee = fee - old.total_fee
    WHERE paid = old.paid AND day = date(old.created_time / 1000, 'unixepoch', 'localtime')
        AND currency = coalesce(old.currency, '') AND channel = old.channel;
    INSERT INTO bill_days VALUES (new.paid, date(new.created_time / 1000, 'unixepoch',
        'localtime'), coalesce(new.currency, ''), new.channel, 1, new.total_fee)
    ON CONFLICT DO UPDATE SET n = n + 1, fee = fee + excluded.fee;
END;
CREATE TRIGGER bill_days_delete AFTER DELETE ON bills BEGIN
    UPDATE bill_days SET n = n - 1, fee = fee - old.total_fee
    WHERE paid = old.paid AND day = date(old.created_time / 1000, 'unixepoch', 'localtime')
        AND currency = coalesce(old.currency, '') AND channel = old.channel;
END;
CREATE TABLE refund_days (
    state TEXT NOT NULL,  -- 'succeeded', 'failed' or 'in_progress'
    day TEXT NOT NULL, currency TEXT NOT NULL,
    n INTEGER NOT NULL, fee INTEGER NOT NULL,
    PRIMARY KEY (state, day, currency)
) WITHOUT ROWID;
CREATE TRIGGER refund_days_insert AFTER INSERT ON refunds BEGIN
    INSERT INTO refund_days VALUES (CASE WHEN NOT new.finished THEN 'in_progress'
        WHEN new.succeeded THEN 'succeeded' ELSE 'failed' END,
        date(new.created_time / 1000, 'unixepoch', 'localtime'),
        coalesce(new.currency, ''), 1, new.refund_fee)
    ON CONFLICT DO UPDATE SET n = n + 1, fee = fee + excluded.fee;
END;
CREATE TRIGGER refund_days_update AFTER UPDATE ON refunds
WHEN old.finished IS NOT new.finished OR old.succeeded IS NOT new.succeeded
    OR old.created_time IS NOT new.created_time OR old.currency IS NOT new.currency
    OR old.refund_fee IS NOT new.refund_fee BEGIN
    UPDATE refund_days SET n = n - 1, fee = fee - old.refund_fee
    WHERE state = (CASE WHEN NOT old.finished THEN 'in_progress'
            WHEN old.succeeded THEN 'succeeded' ELSE 'failed' END)
        AND day = date(old.created_time / 1000, 'unixepoch', 'localtime')
        AND currency = coalesce(old.currency, '');
    INSERT INTO refund_days VALUES (CASE WHEN NOT new.finished THEN 'in_progress'
        WHEN new.succeeded THEN 'succeeded' ELSE 'failed' END,
        date(new.created_time / 1000, 'unixepoch', 'localtime'),
        coalesce(new.currency, ''), 1, new.refund_fee)
    ON CONFLICT DO UPDATE SET n = n + 1, fee = fee + excluded.fee;
END;
CREATE TRIGGER refund_days_delete AFTER DELETE ON refunds BEGIN
    UPDATE refund_days SET n = n - 1, fee = fee - old.refund_fee
    WHERE state = (CASE WHEN NOT old.finished THEN 'in_progress'
            WHEN old.succeeded THEN 'succeeded' ELSE 'failed' END)
        AND day = date(old.created_time / 1000, 'unixepoch', 'localtime')
        AND currency = coalesce(old.currency, '');
END;
CREATE TABLE synced (
    kind TEXT PRIMARY KEY,   -- 'bills' or 'refunds'
    through_ms INTEGER NOT NULL,  -- every record created up to here was fetched
    synced_ms INTEGER NOT NULL    -- when that sync's walk began
);
CREATE TABLE walks (  -- a walk of everything cut off (WalkLeft)
    kind TEXT PRIMARY KEY,   -- 'bills' or 'refunds'
    began INTEGER NOT NULL,
    as_of INTEGER NOT NULL,
    reached INTEGER NOT NULL
);
CREATE TABLE left_out (  -- records listed in a way that cannot be true, not kept (sync.py)
    kind TEXT NOT NULL,      -- 'bills' or 'refunds'
    number TEXT NOT NULL,    -- its bill_no or refund_no
    created_time INTEGER,    -- as the listing left out says (NULL: it cannot be read)
    PRIMARY KEY (kind, number)
) WITHOUT ROWID;
"""

TABLES = ("meta", "bills", "refunds", "bill_days", "refund_days", "synced", "walks", "left_out")

UPSERT_BILL = """
INSERT INTO bills (bill_no, channel, total_fee, title, narrow_title, paid, created_time, currency,
    seen_ms)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (bill_no) DO UPDATE SET
    channel = excluded.channel, total_fee = excluded.total_fee, title = excluded.title,
    narrow_title = excluded.narrow_title,
    paid = excluded.paid, created_time = excluded.created_time,
    currency = coalesce(excluded.currency, bills.currency),
    seen_ms = max(bills.seen_ms, excluded.seen_ms)
"""
UPSERT_REFUND = """
INSERT INTO refunds (refund_no, bill_no, channel, total_fee, refund_fee, title, narrow_title,
    finished, succeeded, created_time, currency, seen_ms)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
    coalesce((SELECT currency FROM bills WHERE bill_no = ?), ?), ?)
ON CONFLICT (refund_no) DO UPDATE SET
    bill_no = excluded.bill_no, channel = excluded.channel, total_fee = excluded.total_fee,
    refund_fee = excluded.refund_fee, title = excluded.title,
    narrow_title = excluded.narrow_title, finished = excluded.finished,
    succeeded = excluded.succeeded, created_time = excluded.created_time,
    currency = coalesce(excluded.currency, refunds.currency),
    seen_ms = max(refunds.seen_ms, excluded.seen_ms)
"""


BILL_DAYS = """
INSERT INTO bill_days SELECT paid, date(created_time / 1000, 'unixepoch', 'localtime'),
    coalesce(currency, ''), channel, count(*), sum(total_fee) FROM bills GROUP BY 1, 2, 3, 4
"""
REFUND_DAYS = """
INSERT INTO refund_days SELECT CASE WHEN NOT finished THEN 'in_progress'
    WHEN succeeded THEN 'succeeded' ELSE 'failed' END,
    date(created_time / 1000, 'unixepoch', 'localtime'), coalesce(currency, ''),
    count(*), sum(refund_fee) FROM refunds GROUP BY 1, 2, 3
"""
# The days that tell one time zone from another: every day from 2015 to 2035, noon UTC
# (the first and the last, in seconds).
ZONE_YEARS = (1_420_113_600, 2_082_715_200)
_DAY_S = 86_400
_WEEK = 7


def zone_changes() -> list[tuple[int, int]]:
    """The computer's time zone as SQLite's 'localtime' sees it (both read the C
    library's): the days of ZONE_YEARS (counted from the first) whose UTC offset
    differs from the day before's, the first day among them, each with its offset.
    Read one day a week, and a day at a time between two weeks that differ: an offset
    holds for weeks, not days (reading all 7,670 days took 3 ms of each start)."""
    first, last = ZONE_YEARS
    days = (last - first) // _DAY_S

    def offset(day: int) -> int:
        return time.localtime(first + day * _DAY_S).tm_gmtoff

    changes = [(0, offset(0))]
    day, before = changes[0]
    while day < days:
        ahead = min(day + _WEEK, days)
        if offset(ahead) == before:
            day = ahead
            continue
        same, other = day, ahead  # the first day of another offset is in same+1..other
        while other - same > 1:
            middle = (same + other) // 2
            if offset(middle) == before:
                same = middle
            else:
                other = middle
        day, before = other, offset(other)
        changes.append((day, before))
    return changes


def zone_mark() -> str:
    """The computer's time zone, as zone_changes() reads it, hashed."""
    changes = ",".join(f"{day}:{offset}" for day, offset in zone_changes())
    return hashlib.sha256(changes.encode()).hexdigest()[:16]


# How far back and ahead of now zone_glance() looks, in steps of 4 weeks (in seconds).
_GLANCE_STEPS = range(-26, 14)
_GLANCE_STEP_S = 28 * _DAY_S


def zone_glance() -> tuple[tuple[int, str], ...]:
    """The computer's time zone at a glance: its UTC offset and name now and every 4
    weeks from two years ago to a year ahead, some 40 looks (30 µs, where zone_mark()
    takes 1.5 ms). Asked before every write to a mirror (the zone can change while the
    console runs: a laptop carried to another one); only when it differs is the mark
    read again."""
    now = int(time.time())
    looks = (time.localtime(now + step * _GLANCE_STEP_S) for step in _GLANCE_STEPS)
    return tuple((look.tm_gmtoff, look.tm_zone) for look in looks)


def schema_mark() -> str:
    """The schema's text, hashed: kept in a file's meta as 'schema', it tells a mirror
    made by another build of the console (other tables, triggers or indexes under the
    same version: there has been no release) from one of this build's."""
    return hashlib.sha256(SCHEMA.encode()).hexdigest()[:16]


def create(connection: sqlite3.Connection, app_id: str) -> None:
    """The schema, the app id and the file's marks, in one transaction."""
    quoted = app_id.replace("'", "''")
    connection.executescript(
        "BEGIN IMMEDIATE;"
        + SCHEMA
        + f"INSERT INTO meta (key, value) VALUES ('app_id', '{quoted}');"
        + f"INSERT INTO meta (key, value) VALUES ('schema', '{schema_mark()}');"
        + f"PRAGMA application_id={APPLICATION_ID};"
        + f"PRAGMA user_version={SCHEMA_VERSION};"
        + "COMMIT;"
    )
