"""What a damaged console database still holds of writes that may have been made, read
before it is moved aside (console/store/opening.py): the refund journal's unresolved
refunds, and the audit log's payment rows (the only record of a payment whose answer
never came, which the console checks at start). The file is only read: first with its
WAL (where the latest writes may be), then, if that fails, the main file alone
(immutable); a page that cannot be read costs only the rows on it. No Qt here.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TypeVar

from console.store.audit_log import PAYMENT, PAYMENT_CHECK, AuditEntry
from console.store.refund_journal import UNRESOLVED, JournalEntry
from console.store.schema import COLUMNS

log = logging.getLogger(__name__)

Found = TypeVar("Found")

# The most rows a salvage asks for one by one past a damaged page (a journal holds one
# row per refund: far fewer; a damaged last rowid could say far more).
_MOST_ROWS_ASKED = 1_000_000


def unresolved_refunds(path: Path) -> tuple[list[JournalEntry], bool]:
    """The unresolved refunds that can still be read from a damaged file (each row that
    can be read, the others passed over), and whether its journal could be read at all."""
    return _salvage(
        path,
        "refund_journal",
        {"refund_no", "bill_no", "refund_fee", "profile_id", "state"},
        "state",
        UNRESOLVED,
        _journal_entry,
    )


def payment_rows(path: Path) -> tuple[list[AuditEntry], bool]:
    """The audit log's rows of payments and their checks that can still be read from a
    damaged file, in the order they were written, and whether its audit log could be
    read at all."""
    return _salvage(
        path,
        "audit_log",
        {"time_ms", "profile_id", "action", "subject", "result"},
        "action",
        (PAYMENT, PAYMENT_CHECK),
        _audit_entry,
    )


def _salvage(
    path: Path,
    table: str,
    needed: set[str],
    column: str,
    values: Collection[str],
    made: Callable[[dict[str, object]], Found | None],
) -> tuple[list[Found], bool]:
    """The rows of `table` whose `column` is one of `values`, each made by `made` (None:
    too broken to keep), and whether the table read whole."""
    if not path.exists():
        return [], True
    best: tuple[list[Found], bool] = ([], False)
    for options in ("mode=ro", "mode=ro&immutable=1"):
        rows, whole = _read(f"{path.as_uri()}?{options}", table, needed, column, values)
        found = [item for item in map(made, rows) if item is not None]
        if whole:
            return found, True
        if len(found) > len(best[0]):
            best = (found, bool(found))
    return best


def _read(
    uri: str, table: str, needed: set[str], column: str, values: Collection[str]
) -> tuple[list[dict[str, object]], bool]:
    """The rows (by the version-1 column names, NULL for a column the file lacks) and
    whether they read whole. A page that cannot be read stops one pass over the rows: the
    rows after it are then asked for one by one (`_rows_after`), so that only that page's
    rows are lost."""
    found: list[tuple[object, ...]] = []
    wanted = COLUMNS[table]
    try:
        source = sqlite3.connect(uri, uri=True, timeout=1.0)
    except sqlite3.Error:
        return [], False
    try:
        present = {row[1] for row in source.execute(f"PRAGMA table_info({table})")}
        if not needed <= present:
            return [], False
        columns = ", ".join(name if name in present else "NULL" for name in wanted)
        marks = ", ".join("?" for _ in values)
        select = f"SELECT rowid, {columns} FROM {table} WHERE {column} IN ({marks})"
        last = 0  # the rowid of the last row read
        whole = False
        try:
            for row in source.execute(f"{select} ORDER BY rowid", tuple(values)):
                last = row[0]
                found.append(row[1:])
            whole = True
        except sqlite3.Error as error:  # a damaged page: the rows after it, one by one
            log.warning("the damaged %s could be read only in part: %s", table, error)
            found += _rows_after(source, table, select, tuple(values), last)
    except sqlite3.Error as error:
        log.warning("the damaged %s could not be read: %s", table, error)
        whole = False
    finally:
        source.close()
    return [dict(zip(wanted, row, strict=True)) for row in found], whole


def _rows_after(
    source: sqlite3.Connection, table: str, select: str, values: tuple[str, ...], after: int
) -> list[tuple[object, ...]]:
    """The rows of `select` past the rowid `after`, each asked for by its rowid: a row on
    a page that cannot be read is passed over, not the rows after it."""
    try:
        (highest,) = source.execute(f"SELECT max(rowid) FROM {table}").fetchone()
    except sqlite3.Error:
        return []
    rows: list[tuple[object, ...]] = []
    for rowid in range(after + 1, min(int(highest or 0), after + _MOST_ROWS_ASKED) + 1):
        try:
            row = source.execute(f"{select} AND rowid = ?", (*values, rowid)).fetchone()
        except sqlite3.Error:
            continue
        if row is not None:
            rows.append(row[1:])
    return rows


def _journal_entry(values: dict[str, object]) -> JournalEntry | None:
    """A journal row read from a damaged file, with defaults for what it lacks; None
    for a row too broken to check (no refund number, bill or amount)."""
    refund_no, bill_no, fee = values["refund_no"], values["bill_no"], values["refund_fee"]
    if not isinstance(refund_no, str) or not isinstance(bill_no, str):
        return None
    if type(fee) is not int or fee <= 0:
        return None
    created = _integer(values["created_ms"], time.time_ns() // 1_000_000)
    return JournalEntry(
        refund_no=refund_no,
        bill_no=bill_no,
        refund_fee=fee,
        currency=_text_or_none(values["currency"]),
        optional_json=_text_or_none(values["optional_json"]),
        profile_id=str(values["profile_id"]),
        operator=str(values["operator"] or ""),
        created_ms=created,
        updated_ms=_integer(values["updated_ms"], created),
        state=str(values["state"]),
        detail=str(values["detail"] or ""),
        attempts=_integer(values["attempts"], 1),
        detail_key=str(values["detail_key"] or ""),
        detail_params=str(values["detail_params"] or ""),
        updated_boot=str(values["updated_boot"] or ""),
        updated_since_boot_ms=_integer(values["updated_since_boot_ms"], 0),
        app_id=str(values["app_id"] or ""),
    )


def _audit_entry(values: dict[str, object]) -> AuditEntry | None:
    """A payment's audit row read from a damaged file, with defaults for what it lacks;
    None for a row too broken to tell which payment it is, when, or how it ended."""
    time_ms, profile_id, subject = values["time_ms"], values["profile_id"], values["subject"]
    if type(time_ms) is not int or not isinstance(profile_id, str):
        return None
    if not isinstance(subject, str) or not isinstance(values["result"], str):
        return None
    amount = values["amount"]
    return AuditEntry(
        id=0,
        time_ms=time_ms,
        operator=str(values["operator"] or ""),
        profile_id=profile_id,
        profile_name=str(values["profile_name"] or ""),
        action=str(values["action"]),
        subject=subject,
        amount=amount if type(amount) is int else None,
        currency=_text_or_none(values["currency"]),
        result=values["result"],
        detail=str(values["detail"] or ""),
        detail_key=str(values["detail_key"] or ""),
        detail_params=str(values["detail_params"] or ""),
        boot_id=str(values["boot_id"] or ""),
        since_boot_ms=_integer(values["since_boot_ms"], 0),
    )


def _integer(value: object, default: int) -> int:
    return value if type(value) is int else default


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
