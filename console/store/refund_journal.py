"""The refund journal: every refund is written down before it is sent, and
stays in the journal until the console knows how it ended. No Qt here.

It lives in the console's database (console/store/database.py: WAL,
synchronous=FULL), and every change is committed at once: a crash or a kill
of the console loses nothing already written.

States:
- sending: written just before the refund was queued; no answer yet;
- done: BeeCloud made it (its answer, or a query that found it succeeded);
- refused: surely not made (BeeCloud refused it, or it was never sent);
- unknown: it may have reached BeeCloud but no answer came;
- absent: a query proved it never arrived; it waits for the user to send it
  again (with the same refund_no) or to drop it;
- dropped: it never arrived and the user chose not to send it again.
sending, unknown and absent are "unresolved": the console keeps showing them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from console.api.money import is_currency
from console.api.validate import china_today
from console.store.database import Database, stored_object
from console.store.errors import SaidError, StoreError
from console.store.schema import REFUND_STATES
from console.store.stamps import Moment, moment_now, os_user
from console.translatable import QT_TRANSLATE_NOOP, Translate, untranslated

RESEND_NOT_ABSENT = QT_TRANSLATE_NOOP(
    "RefundJournal",
    "Refund {refund_no} can be sent again only once BeeCloud has shown that it never arrived.",
)
RESEND_UNREADABLE = QT_TRANSLATE_NOOP(
    "RefundJournal",
    "Refund {refund_no} cannot be sent again: what was sent with it cannot be read from "
    "this computer's records, so it could not go out as it was. Nothing was refunded. "
    "Start a fresh refund of bill {bill_no} instead.",
)
RESEND_TOO_LATE = QT_TRANSLATE_NOOP(
    "RefundJournal",
    "Refund {refund_no} can no longer be sent: its number is for {day} (China time), and "
    "BeeCloud takes a refund number only on the day it names. Nothing was refunded. Start a "
    "fresh refund of bill {bill_no} instead.",
)

SENDING, DONE, REFUSED, UNKNOWN, ABSENT, DROPPED = (
    "sending",
    "done",
    "refused",
    "unknown",
    "absent",
    "dropped",
)
STATES = (SENDING, DONE, REFUSED, UNKNOWN, ABSENT, DROPPED)
assert STATES == REFUND_STATES  # the schema's CHECK lists them too
UNRESOLVED = (SENDING, UNKNOWN, ABSENT)
DETAIL_MAX_CHARS = 300

_COLUMNS = (
    "refund_no, bill_no, refund_fee, currency, optional_json, profile_id, operator, "
    "created_ms, updated_ms, state, detail, attempts, detail_key, detail_params, "
    "updated_boot, updated_since_boot_ms, app_id"
)


class KeyedDetail(Protocol):
    """A detail as a stored text (console/gui/stored_texts.StoredText): its English
    words, key and params (JSON)."""

    def parts(self) -> tuple[str, str, str]: ...


Detail = str | KeyedDetail  # plain words (shown as they are) or a stored text


class JournalError(SaidError):
    """The journal could not do what was asked; the message is for the user."""


class BillHasRefund(JournalError):
    """A refund not written: its bill has one in the journal already (`entry`), on its way,
    of unknown outcome, never arrived, or made. Nothing of it was written."""

    def __init__(self, entry: JournalEntry) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "StoreText", "Bill {bill_no} has refund {refund_no} in the journal already."
            ),
            bill_no=entry.bill_no,
            refund_no=entry.refund_no,
        )
        self.entry = entry


def refund_no_day(refund_no: str) -> str:
    """The date a refund_no names (YYYYMMDD, China time): its first 8 digits."""
    return refund_no[:8]


def refund_no_day_text(refund_no: str) -> str:
    """That date as a clerk reads it, 2026-12-06 (as it came, if it is not one)."""
    day = refund_no_day(refund_no)
    return f"{day[:4]}-{day[4:6]}-{day[6:]}" if day.isdigit() else day


def short(text: str) -> str:
    """A detail text kept short enough for the journal and a dialog line."""
    text = " ".join(text.split())
    return text if len(text) <= DETAIL_MAX_CHARS else text[: DETAIL_MAX_CHARS - 1] + "…"


@dataclass(frozen=True)
class JournalEntry:
    refund_no: str
    bill_no: str
    refund_fee: int  # hundredths
    currency: str | None
    optional_json: str | None  # the request's `optional` object, sent again as it was
    profile_id: str
    operator: str
    created_ms: int
    updated_ms: int
    state: str
    detail: str = ""  # in English
    attempts: int = 1
    detail_key: str = ""  # console/gui/stored_texts.py renders it in the language shown
    detail_params: str = ""  # its params, a JSON object
    # its last move (updated_ms) as a span from it is timed (stamps.Moment): the boot then,
    # "" for none, and the clock since that boot
    updated_boot: str = ""
    updated_since_boot_ms: int = 0
    # the App ID of the profile it was sent through, as it was then: a bill is its app's,
    # and the profile may be removed, or given another App ID, since ("": not known)
    app_id: str = ""

    def is_of(self, app_id: str, profiles: Collection[str]) -> bool:
        """Whether it is a refund of the app `app_id` (reached through `profiles`, the
        profiles of it the settings hold now): by the App ID it was sent under, or, that
        not known, by its profile."""
        return self.app_id == app_id if self.app_id else self.profile_id in profiles

    @property
    def updated(self) -> Moment:
        """When it last moved (its sending, an answer lost), as a span from it is timed."""
        return Moment(self.updated_ms, self.updated_boot, self.updated_since_boot_ms)

    @property
    def unresolved(self) -> bool:
        return self.state in UNRESOLVED

    @property
    def optional(self) -> dict[str, Any] | None:
        """The request's `optional` object as it was sent; None when there was none, or
        when it cannot be read (a damaged or hand-edited file: see resend_problem)."""
        return stored_object(self.optional_json)

    def resend_problem(
        self, now: datetime | None = None, translate: Translate = untranslated
    ) -> str | None:
        """Why this refund cannot be sent again, in plain words; None when it can.
        (The journal knows nothing of Qt: the GUI passes QCoreApplication.translate.)"""
        if self.state != ABSENT:
            return translate("RefundJournal", RESEND_NOT_ABSENT).format(refund_no=self.refund_no)
        return self.cannot_go_again(now, translate)

    def cannot_go_again(
        self, now: datetime | None = None, translate: Translate = untranslated
    ) -> str | None:
        """Why this refund, were BeeCloud to show it never arrived, could not be sent again
        with its number (its day gone in China, what was sent unreadable); None when it
        could. Asked of a refund being found absent, before the journal says so."""
        if self.optional_json and self.optional is None:
            return translate("RefundJournal", RESEND_UNREADABLE).format(
                refund_no=self.refund_no, bill_no=self.bill_no
            )
        if refund_no_day(self.refund_no) != china_today(now):
            return translate("RefundJournal", RESEND_TOO_LATE).format(
                refund_no=self.refund_no,
                day=refund_no_day_text(self.refund_no),
                bill_no=self.bill_no,
            )
        return None


def _entry(row: tuple[Any, ...]) -> JournalEntry:
    """A row of _COLUMNS, in the order of JournalEntry's fields. A currency the console
    does not write (a damaged or hand-edited file: "ZZZ") is read as none: each amount
    shown of the entry raised ValueError in Money."""
    entry = JournalEntry(*row)
    if entry.currency is not None and not is_currency(entry.currency):
        return replace(entry, currency=None)
    return entry


class RefundJournal:
    """Thread-safe (the database's lock); every write is one committed transaction."""

    def __init__(self, database: Database, operator: str | None = None) -> None:
        self.database = database
        self.operator = operator or os_user()  # the OS user, as the audit log has it

    @property
    def closed(self) -> bool:
        return self.database.closed

    # -- writing ------------------------------------------------------------------

    def record_sending(
        self,
        refund_no: str,
        bill_no: str,
        refund_fee: int,
        currency: str | None,
        profile_id: str,
        optional: Mapping[str, Any] | None = None,
        *,
        app_id: str = "",
        of_its_app: Collection[str] = (),
        as_listed: Collection[str] = (),
    ) -> JournalEntry:
        """Write a new refund down, state `sending`, before it is queued; BillHasRefund
        (nothing written) when its bill has a refund here already, through `profile_id`
        or another profile of its app (`of_its_app`: a bill is its app's; and any entry
        written under its `app_id`, which the entry keeps, through a profile since
        removed or given another App ID): `sending`,
        `unknown`, `absent` or `done`, but a `done` its bill's list shows (`as_listed`,
        the refund_nos the caller read: taken, then refused by BeeCloud, the bill may be
        refunded again, NOTES.md). What the Refund tab checks first, checked again in the
        one transaction that writes: two consoles on the data folder each checked, saw
        none, and both wrote and sent a refund of the bill."""
        if type(refund_fee) is not int or refund_fee <= 0:
            raise ValueError("refund_fee is a positive integer of hundredths")
        profiles = (profile_id, *of_its_app)
        moment = moment_now()
        row = (
            refund_no,
            bill_no,
            refund_fee,
            currency,
            None if optional is None else json.dumps(optional, ensure_ascii=False, sort_keys=True),
            profile_id,
            self.operator,
            moment.wall_ms,
            moment.wall_ms,
            SENDING,
            "",
            1,
            "",
            "",
            moment.boot_id,
            moment.since_boot_ms,
            app_id,
        )
        try:
            with self.database.writing() as db:  # BEGIN IMMEDIATE: no other writer meanwhile
                standing = _bill_refund(db, bill_no, app_id, profiles, as_listed)
                if standing is None:
                    db.execute(f"INSERT INTO refund_journal ({_COLUMNS}) VALUES ({_marks()})", row)
        except sqlite3.IntegrityError as error:
            if self.get(refund_no) is not None:
                raise JournalError(
                    QT_TRANSLATE_NOOP("StoreText", "Refund {refund_no} is in the journal already."),
                    refund_no=refund_no,
                ) from error
            raise _unwritten(error) from error
        except (StoreError, sqlite3.Error) as error:
            raise _unwritten(error) from error
        if standing is not None:
            raise BillHasRefund(standing)
        return _entry(row)

    def record_resending(
        self, refund_no: str, now: datetime | None = None, translate: Translate = untranslated
    ) -> JournalEntry:
        """An `absent` refund goes out again with the same number: `sending` again first
        (why it cannot, said by `translate`, when it became another's meanwhile)."""
        entry = self.get(refund_no)
        if entry is None:
            raise JournalError(
                QT_TRANSLATE_NOOP("StoreText", "Refund {refund_no} is not in the journal."),
                refund_no=refund_no,
            )
        problem = entry.resend_problem(now, translate)
        if problem:
            raise JournalError("{problem}", problem=problem)  # in the language shown
        moved = self._move(refund_no, SENDING, "", (ABSENT,), count_attempt=True)
        if moved is None:
            raise JournalError(
                QT_TRANSLATE_NOOP(
                    "StoreText", "Refund {refund_no} changed meanwhile; look at it again."
                ),
                refund_no=refund_no,
            )
        return moved

    def mark_done(self, refund_no: str, detail: Detail = "") -> JournalEntry | None:
        return self._move(refund_no, DONE, detail)

    def mark_refused(self, refund_no: str, detail: Detail = "") -> JournalEntry | None:
        return self._move(refund_no, REFUSED, detail)

    def mark_unknown(self, refund_no: str, detail: Detail = "") -> JournalEntry | None:
        return self._move(refund_no, UNKNOWN, detail)

    def mark_absent(self, refund_no: str, detail: Detail = "") -> JournalEntry | None:
        return self._move(refund_no, ABSENT, detail)

    def mark_dropped(self, refund_no: str, detail: Detail = "") -> JournalEntry | None:
        """The user chose not to send again a refund that never arrived."""
        return self._move(refund_no, DROPPED, detail, (ABSENT,))

    def _move(
        self,
        refund_no: str,
        state: str,
        detail: Detail,
        from_states: tuple[str, ...] = UNRESOLVED,
        count_attempt: bool = False,
    ) -> JournalEntry | None:
        """Move an entry on from one of `from_states`; None when it was not in one
        (a settled refund never goes back to unresolved)."""
        marks = ", ".join("?" for _ in from_states)
        text, key, params = (detail, "", "") if isinstance(detail, str) else detail.parts()
        moment = moment_now()
        try:
            with self.database.writing() as db:
                cursor = db.execute(
                    "UPDATE refund_journal SET state = ?, detail = ?, detail_key = ?, "
                    "detail_params = ?, updated_ms = ?, updated_boot = ?, "
                    "updated_since_boot_ms = ?, attempts = attempts + ? "
                    f"WHERE refund_no = ? AND state IN ({marks})",
                    (
                        state,
                        short(text),
                        key,
                        params,
                        moment.wall_ms,
                        moment.boot_id,
                        moment.since_boot_ms,
                        int(count_attempt),
                        refund_no,
                        *from_states,
                    ),
                )
                if cursor.rowcount == 0:
                    return None
                row = db.execute(
                    f"SELECT {_COLUMNS} FROM refund_journal WHERE refund_no = ?", (refund_no,)
                ).fetchone()
        except (StoreError, sqlite3.Error) as error:
            raise _unwritten(error) from error
        return _entry(row)

    # -- reading ------------------------------------------------------------------

    def get(self, refund_no: str) -> JournalEntry | None:
        rows = self._select("WHERE refund_no = ?", (refund_no,))
        return rows[0] if rows else None

    def unresolved(self, profile_id: str | None = None) -> list[JournalEntry]:
        """sending, unknown and absent entries (of one profile, or of all), oldest first."""
        marks = ", ".join("?" for _ in UNRESOLVED)
        where = f"WHERE state IN ({marks})"
        params: tuple[object, ...] = UNRESOLVED
        if profile_id is not None:
            where += " AND profile_id = ?"
            params = (*params, profile_id)
        return self._select(where + " ORDER BY created_ms, refund_no", params)

    def made_for_bill(
        self, profile_id: str, bill_no: str, *, app_id: str = "", of_its_app: Collection[str] = ()
    ) -> JournalEntry | None:
        """The refund of this bill made from here (`done`), the newest, or None: through
        `profile_id` or another profile of its app (`of_its_app`), or under its `app_id`
        (`JournalEntry.is_of`)."""
        profiles = {profile_id, *of_its_app}
        rows = self._select(
            "WHERE state = ? AND bill_no = ? ORDER BY updated_ms DESC, refund_no DESC",
            (DONE, bill_no),
        )
        return next((e for e in rows if e.is_of(app_id, profiles)), None)

    def entries(self) -> list[JournalEntry]:
        """Every entry, newest first."""
        return self._select("ORDER BY created_ms DESC, refund_no DESC", ())

    def _select(self, clause: str, params: tuple[object, ...]) -> list[JournalEntry]:
        rows = self.database.read(f"SELECT {_COLUMNS} FROM refund_journal {clause}", params)
        return [_entry(row) for row in rows]

    def restore(self, entries: list[JournalEntry]) -> int:
        """Put back entries read from a damaged file (console/store/opening.py), each
        as it was; those already here are left alone. How many were put back."""
        put_back = 0
        with self.database.writing() as db:
            for entry in entries:
                cursor = db.execute(
                    f"INSERT OR IGNORE INTO refund_journal ({_COLUMNS}) VALUES ({_marks()})",
                    _row(entry),
                )
                put_back += cursor.rowcount
        return put_back


def _bill_refund(
    db: sqlite3.Connection,
    bill_no: str,
    app_id: str,
    profiles: Collection[str],
    as_listed: Collection[str],
) -> JournalEntry | None:
    """The bill's refund that stops another (record_sending) or None: one of its app
    (`JournalEntry.is_of`) unresolved, else the newest made, unless its bill's list
    shows it (`as_listed`: as listed, as the Refund tab has it, made_for_bill); read in
    the writing transaction."""
    states = (*UNRESOLVED, DONE)
    state_marks = ", ".join("?" for _ in states)
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM refund_journal WHERE bill_no = ? "
        f"AND state IN ({state_marks}) ORDER BY updated_ms DESC, refund_no DESC",
        (bill_no, *states),
    ).fetchall()
    entries = [e for e in map(_entry, rows) if e.is_of(app_id, profiles)]
    unresolved = next((e for e in entries if e.state != DONE), None)
    if unresolved is not None:
        return unresolved
    made = next((e for e in entries if e.state == DONE), None)
    return None if made is None or made.refund_no in as_listed else made


def _unwritten(error: BaseException) -> JournalError:
    if isinstance(error, StoreError):
        return JournalError(
            QT_TRANSLATE_NOOP("StoreText", "The refund journal could not be written: {error}"),
            error=error,
        )
    return JournalError(
        QT_TRANSLATE_NOOP("StoreText", "The refund journal could not be written ({error})."),
        error=error,
    )


def _row(entry: JournalEntry) -> tuple[object, ...]:
    return (
        entry.refund_no,
        entry.bill_no,
        entry.refund_fee,
        entry.currency,
        entry.optional_json,
        entry.profile_id,
        entry.operator,
        entry.created_ms,
        entry.updated_ms,
        entry.state,
        entry.detail,
        entry.attempts,
        entry.detail_key,
        entry.detail_params,
        entry.updated_boot,
        entry.updated_since_boot_ms,
        entry.app_id,
    )


def _marks() -> str:
    return ", ".join("?" for _ in _COLUMNS.split(","))
