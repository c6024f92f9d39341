"""The console database's schema, its version, and how a file is brought to it.

A file is ours when its `application_id` says so; `user_version` is its schema
version. Version 1 is the first release's schema: every table as below. A
later version adds an upgrade step to UPGRADES (the step from version n to
n + 1 under key n), run in one transaction. A file of another program, of a
newer console, or whose tables differ from what its version promises is
refused as WRONG_SCHEMA (console/store/opening.py moves it aside). No Qt here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from console.store.errors import WRONG_SCHEMA, DatabaseProblem
from console.translatable import QT_TRANSLATE_NOOP

APPLICATION_ID = 0x42454543  # "BEEC"
SCHEMA_VERSION = 1

REFUND_STATES = ("sending", "done", "refused", "unknown", "absent", "dropped")

TABLES = f"""
CREATE TABLE profile_app (
    profile_id TEXT PRIMARY KEY,
    app_id TEXT NOT NULL
);
CREATE TABLE profile_removed (
    profile_id TEXT PRIMARY KEY
);
CREATE TABLE bill_currency (
    profile_id TEXT NOT NULL,
    bill_no TEXT NOT NULL,
    currency TEXT NOT NULL,
    PRIMARY KEY (profile_id, bill_no)
);
CREATE TABLE saved_card (
    profile_id TEXT NOT NULL,
    label TEXT NOT NULL,
    credit_card_id TEXT NOT NULL,
    PRIMARY KEY (profile_id, credit_card_id)
);
CREATE TABLE approval_link (
    profile_id TEXT NOT NULL,
    bill_no TEXT NOT NULL,
    url TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    title TEXT NOT NULL,
    expires_ms INTEGER NOT NULL,
    made_boot TEXT NOT NULL,
    expires_since_boot_ms INTEGER NOT NULL,
    PRIMARY KEY (profile_id, bill_no)
);
CREATE TABLE refund_journal (
    refund_no TEXT PRIMARY KEY,
    bill_no TEXT NOT NULL,
    refund_fee INTEGER NOT NULL CHECK (refund_fee > 0),
    currency TEXT,
    optional_json TEXT,
    profile_id TEXT NOT NULL,
    operator TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ({", ".join(repr(s) for s in REFUND_STATES)})),
    detail TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 1,
    detail_key TEXT NOT NULL DEFAULT '',
    detail_params TEXT NOT NULL DEFAULT '',
    updated_boot TEXT NOT NULL DEFAULT '',
    updated_since_boot_ms INTEGER NOT NULL DEFAULT 0,
    app_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX refund_journal_state ON refund_journal (state, profile_id);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time_ms INTEGER NOT NULL,
    operator TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    profile_name TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    amount INTEGER,
    currency TEXT,
    result TEXT NOT NULL,
    detail TEXT NOT NULL,
    detail_key TEXT NOT NULL DEFAULT '',
    detail_params TEXT NOT NULL DEFAULT '',
    boot_id TEXT NOT NULL DEFAULT '',
    since_boot_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX audit_log_subject ON audit_log (profile_id, subject);
CREATE INDEX audit_log_time ON audit_log (time_ms);
CREATE INDEX audit_log_action_time ON audit_log (action, time_ms);
CREATE INDEX audit_log_profile_time ON audit_log (profile_id, time_ms);
CREATE INDEX audit_log_boot ON audit_log (boot_id, since_boot_ms);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""

# The columns of each table of version 1, as a check of a file that claims to be it.
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "profile_app": ("profile_id", "app_id"),
    "profile_removed": ("profile_id",),
    "bill_currency": ("profile_id", "bill_no", "currency"),
    "saved_card": ("profile_id", "label", "credit_card_id"),
    "approval_link": (
        "profile_id",
        "bill_no",
        "url",
        "amount",
        "currency",
        "title",
        "expires_ms",
        "made_boot",
        "expires_since_boot_ms",
    ),
    "refund_journal": (
        "refund_no",
        "bill_no",
        "refund_fee",
        "currency",
        "optional_json",
        "profile_id",
        "operator",
        "created_ms",
        "updated_ms",
        "state",
        "detail",
        "attempts",
        "detail_key",
        "detail_params",
        "updated_boot",
        "updated_since_boot_ms",
        "app_id",
    ),
    "audit_log": (
        "id",
        "time_ms",
        "operator",
        "profile_id",
        "profile_name",
        "action",
        "subject",
        "amount",
        "currency",
        "result",
        "detail",
        "detail_key",
        "detail_params",
        "boot_id",
        "since_boot_ms",
    ),
}

# The step from version n to n + 1, by n: none yet (version 1 is the first release's).
UPGRADES: Mapping[int, str] = {}


def prepare(connection: sqlite3.Connection) -> None:
    """Make an empty file version SCHEMA_VERSION, or upgrade an older one of ours;
    raise DatabaseProblem(WRONG_SCHEMA) for a file that is not what it should be."""
    refuse_foreign(connection)  # (a file of this version has its tables checked there)
    version = _pragma(connection, "user_version")
    if not _tables(connection) and version == 0:
        connection.executescript(
            f"BEGIN IMMEDIATE;\n{TABLES}\nPRAGMA application_id={APPLICATION_ID};\n"
            f"PRAGMA user_version={SCHEMA_VERSION};\nCOMMIT;"
        )
    elif version < SCHEMA_VERSION:
        steps = "\n".join(UPGRADES[step] for step in range(version, SCHEMA_VERSION))
        connection.executescript(
            f"BEGIN IMMEDIATE;\n{steps}\nPRAGMA user_version={SCHEMA_VERSION};\nCOMMIT;"
        )
        check(connection)


def refuse_foreign(connection: sqlite3.Connection) -> None:
    """What `prepare` refuses that can be told without writing (a connection that may
    only read): DatabaseProblem(WRONG_SCHEMA) for a file not of this console's, or of a
    newer one, or of this version without its tables."""
    application_id = _pragma(connection, "application_id")
    version = _pragma(connection, "user_version")
    if not _tables(connection) and version == 0:
        return  # a new file, to be made
    if application_id != APPLICATION_ID:
        raise DatabaseProblem(
            WRONG_SCHEMA,
            QT_TRANSLATE_NOOP(
                "StoreText",
                "not a BeeCloud Console database (application id {application_id}, schema "
                "version {version})",
            ),
            application_id=f"{application_id:#x}",
            version=version,
        )
    if version > SCHEMA_VERSION:
        raise DatabaseProblem(
            WRONG_SCHEMA,
            QT_TRANSLATE_NOOP(
                "StoreText",
                "made by a newer console (schema version {version}; this one knows {known})",
            ),
            version=version,
            known=SCHEMA_VERSION,
        )
    if version == SCHEMA_VERSION:
        check(connection)


def check(connection: sqlite3.Connection) -> None:
    """Every table of the schema, with exactly its columns; else WRONG_SCHEMA, naming the
    tables missing and those with other columns."""
    present = _tables(connection)
    missing = [table for table in COLUMNS if table not in present]
    changed = [
        table
        for table, columns in COLUMNS.items()
        if table in present
        and tuple(row[1] for row in connection.execute(f"PRAGMA table_info({table})")) != columns
    ]
    if missing or changed:
        raise DatabaseProblem(
            WRONG_SCHEMA,
            QT_TRANSLATE_NOOP(
                "StoreText", "tables missing: {missing}; tables with other columns: {changed}"
            ),
            missing=", ".join(missing) or "-",
            changed=", ".join(changed) or "-",
        )


def _pragma(connection: sqlite3.Connection, name: str) -> int:
    row = connection.execute(f"PRAGMA {name}").fetchone()
    return int(row[0]) if row else 0


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {str(row[0]) for row in rows}
