"""The audit log: every write action of the console (and every export of a table's rows
to a file), appended to its local database.

One row per event, in the table `audit_log` of the console's database
(console/store/database.py): when, which OS user, through which profile,
what (a fixed vocabulary of actions), about what (a bill_no, refund_no,
profile name or file name), how much, and how it ended. Rows are only ever appended: the
class offers no update or delete, and triggers in the database refuse both.

Never written: an app secret, a signature, a card number or a CVV. Nothing
writes them on purpose; in case a server echoes one in its err_detail, callers
pass the secrets of the moment in `never` and they are cut out of every text,
and any free-standing run of 12 to 19 digits (a card number, however it came
in) is masked in the result and detail. No Qt here.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import astuple, dataclass, replace
from typing import Any, NamedTuple

from console.api.cards import without_named_cvv
from console.api.money import CURRENCIES, MAX_FEE
from console.store.database import Database, stored_object
from console.store.errors import StoreError
from console.store.in_flight import PAYMENTS, InFlight
from console.store.stamps import Moment, moment_now, os_user
from console.translatable import QT_TRANSLATE_NOOP, Translate, untranslated

log = logging.getLogger(__name__)


# -- the vocabulary -----------------------------------------------------------------

PAYMENT, PAYMENT_CHECK = "payment", "payment_check"
REFUND, REFUND_CHECK = "refund", "refund_check"
# A refund that never reached BeeCloud, which a clerk chose not to send again
REFUND_DROPPED = "refund_dropped"
PROFILE_ADDED, PROFILE_CHANGED, PROFILE_REMOVED = (
    "profile_added",
    "profile_changed",
    "profile_removed",
)
SECRET_CHANGED = "secret_changed"
EXPORT = "export"  # rows of a table written to a file
# A card remembered for the Saved card channel, or forgotten (its PayPal id, its label)
CARD_SAVED, CARD_FORGOTTEN = "card_saved", "card_forgotten"

# Every action, with what the user reads, in the order of the view's filter. The
# log stores the keys; the labels are translated when shown (context "AuditLog").
ACTIONS: dict[str, str] = {
    PAYMENT: QT_TRANSLATE_NOOP("AuditLog", "Payment"),
    PAYMENT_CHECK: QT_TRANSLATE_NOOP("AuditLog", "Payment check"),
    REFUND: QT_TRANSLATE_NOOP("AuditLog", "Refund"),
    REFUND_CHECK: QT_TRANSLATE_NOOP("AuditLog", "Refund check"),
    REFUND_DROPPED: QT_TRANSLATE_NOOP("AuditLog", "Refund dropped"),
    PROFILE_ADDED: QT_TRANSLATE_NOOP("AuditLog", "Profile added"),
    PROFILE_CHANGED: QT_TRANSLATE_NOOP("AuditLog", "Profile changed"),
    PROFILE_REMOVED: QT_TRANSLATE_NOOP("AuditLog", "Profile removed"),
    SECRET_CHANGED: QT_TRANSLATE_NOOP("AuditLog", "Secret changed"),  # App or Master Secret
    EXPORT: QT_TRANSLATE_NOOP("AuditLog", "Export"),
    CARD_SAVED: QT_TRANSLATE_NOOP("AuditLog", "Card saved"),
    CARD_FORGOTTEN: QT_TRANSLATE_NOOP("AuditLog", "Card forgotten"),
}

# Results: these words, or "refused <code> <result_msg>", or "failed: <why>".
REQUESTED, OK, UNKNOWN = "requested", "ok", "unknown"
NOT_MADE, IN_PROGRESS, REFUSED = "not made", "in progress", "refused"
# The last result of a payment or refund whose outcome is not known yet.
AWAITING = (REQUESTED, UNKNOWN, IN_PROGRESS)
# The results after which it may have been made.
MAY_BE_MADE = (OK, *AWAITING)
# The detail of a check that did not find a bill BeeCloud answered as made (a PayPal
# payment's, with its approval page): unknown, yet not a payment left without an answer.
MADE_NOT_LISTED = "audit.made_not_listed"
# a PayPal payment answered OK without its approval page's address: no payer can approve it
NO_APPROVAL_PAGE = "audit.no_approval_page"
# a refund answered 0: BeeCloud took it; whether it is made is its record's to say (a check)
REFUND_ACCEPTED = "audit.refund_accepted"
# How far back a payment left without an answer is taken up at start (left_unanswered).
UNANSWERED_WINDOW_MS = 7 * 24 * 60 * 60 * 1000

_RESULT_LABELS = {
    REQUESTED: QT_TRANSLATE_NOOP("AuditLog", "Requested"),
    OK: QT_TRANSLATE_NOOP("AuditLog", "OK"),
    UNKNOWN: QT_TRANSLATE_NOOP("AuditLog", "Outcome unknown"),
    NOT_MADE: QT_TRANSLATE_NOOP("AuditLog", "Not made"),
    IN_PROGRESS: QT_TRANSLATE_NOOP("AuditLog", "In progress"),
    REFUSED: QT_TRANSLATE_NOOP("AuditLog", "Refused"),
}


FAILED = QT_TRANSLATE_NOOP("AuditLog", "Failed: {reason}")


def refused(code: int, result_msg: str) -> str:
    return f"refused {code} {result_msg}".strip()


def failed(reason: str) -> str:
    return f"failed: {reason}"


def result_label(result: str, translate: Translate = untranslated) -> str:
    """What the view shows for a stored result: 'Outcome unknown', 'Refused 11 …'.
    (This module knows nothing of Qt: the view passes QCoreApplication.translate.)"""

    def _tr(text: str) -> str:
        return translate("AuditLog", text)

    if result in _RESULT_LABELS:
        return _tr(_RESULT_LABELS[result])
    for stored, shown in (
        ("refused ", QT_TRANSLATE_NOOP("AuditLog", "Refused {code_and_message}")),
        ("failed: ", FAILED),
    ):
        if result.startswith(stored):
            rest = result[len(stored) :]
            return _tr(shown).format(code_and_message=rest, reason=rest)
    return result[:1].upper() + result[1:]


def action_label(action: str, translate: Translate = untranslated) -> str:
    return translate("AuditLog", ACTIONS[action]) if action in ACTIONS else action


# -- nothing secret --------------------------------------------------------------------

MASK = "•••"
MIN_SECRET_CHARS = 4  # shorter ones (a CVV) are cut out of free text only, as whole numbers
MAX_TEXT_CHARS = 300  # a short detail, not a server's whole answer
# A card number standing alone: 12-19 digits, maybe grouped by spaces or dashes, with no
# letter or digit either side (so bill and refund numbers, which mix both, stay whole).
_CARD_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){11,18}(?![0-9A-Za-z])")
# An app_sign standing alone: md5, 32 hex digits (a server may echo the one it was sent).
_SIGNATURE = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{32}(?![0-9A-Za-z])")


# What an operator typed (a payment's title, a refund's note) is kept without any run of
# 12 or more digits, however grouped and whatever stands beside it (a card number typed
# there by mistake, one the input's own check did not take for one).
_TYPED_NUMBER = re.compile(r"\d(?:[ .\-]{0,2}\d){11,}")


def _standing_alone(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9A-Za-z]){re.escape(word)}(?![0-9A-Za-z])")


def redact(text: str, never: Iterable[str] = (), free_text: bool = True) -> str:
    """The text without any of the `never` strings, shortened to MAX_TEXT_CHARS.

    Free text (a result, a detail: words that may come from a server) also loses
    anything like a card number or an app_sign, and short `never` strings such as a
    CVV when they stand alone. Names and numbers (subject, profile) lose only the long ones: a
    3-digit needle would cut pieces out of a bill number.
    """
    for secret in never:
        if len(secret) >= MIN_SECRET_CHARS:
            text = text.replace(secret, MASK)
        elif secret and free_text:
            text = _standing_alone(secret).sub(MASK, text)
    if free_text:
        text = _SIGNATURE.sub(MASK, _CARD_NUMBER.sub(MASK, text))
    if len(text) > MAX_TEXT_CHARS:
        text = text[: MAX_TEXT_CHARS - 1] + "…"
    return text


def typed(text: str) -> str:
    """What the log keeps of a text an operator typed (a payment's title, a refund's
    note): redacted as free text, and without any run of 12 or more digits, however
    grouped or glued to letters ("card4111111111111111", "4111.1111.1111.1111"): a card
    number typed there by mistake; nor the digits of a card's security code named as one
    ("cvv 8264": cards.cvv_in). A payment's title is compared as kept (a repeat)."""
    return redact(_TYPED_NUMBER.sub(MASK, without_named_cvv(text, MASK)))


def dump_params(params: Mapping[str, Any]) -> str:
    """A stored text's params as a JSON object ("" for none)."""
    return json.dumps(dict(params), ensure_ascii=False, sort_keys=True) if params else ""


# -- the rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    id: int
    time_ms: int
    operator: str
    profile_id: str
    profile_name: str
    action: str
    subject: str  # bill_no, refund_no, profile name or an export's file name
    amount: int | None  # hundredths
    currency: str | None
    result: str
    detail: str  # in English
    detail_key: str = ""  # console/gui/stored_texts.py renders it in the language shown
    detail_params: str = ""  # its params, a JSON object (secrets cut out as from the text)
    # when it was written, as a span from it is timed (stamps.Moment): the boot, "" for none
    boot_id: str = ""
    since_boot_ms: int = 0  # the clock since that boot

    @property
    def moment(self) -> Moment:
        return Moment(self.time_ms, self.boot_id, self.since_boot_ms)

    @property
    def saved(self) -> bool:
        """Whether it is in the database: a row held in memory (AuditLog.held), that could
        not be written yet, has a negative id."""
        return self.id > 0

    @property
    def written_order(self) -> tuple[int, int]:
        """Its place in the order of writing: the rows held come after every saved one
        (each write writes them first), in the order they were held."""
        return (0, self.id) if self.saved else (1, -self.id)


DEFAULT_LIMIT = 10_000  # the newest rows a view loads at once


@dataclass(frozen=True)
class AuditQuery:
    """Which rows to read; every filter combines with AND. Times are inclusive ms bounds."""

    action: str | None = None
    profile_id: str | None = None
    start_ms: int | None = None
    end_ms: int | None = None
    # only the rows written after this one (ids grow): its newest `limit` by the order
    # written, shown newest first
    after_id: int | None = None
    limit: int = DEFAULT_LIMIT

    @property
    def filters_nothing(self) -> bool:
        """Every action, every profile, any date: all the log holds (up to the limit)."""
        return (self.action, self.profile_id, self.start_ms, self.end_ms) == (None,) * 4

    def matches(self, entry: AuditEntry) -> bool:
        """Whether a row just appended belongs to what this query shows."""
        return (
            (self.action is None or entry.action == self.action)
            and (self.profile_id is None or entry.profile_id == self.profile_id)
            and (self.start_ms is None or entry.time_ms >= self.start_ms)
            and (self.end_ms is None or entry.time_ms <= self.end_ms)
        )


_COLUMNS = (
    "id, time_ms, operator, profile_id, profile_name, action, subject, amount, currency, "
    "result, detail, detail_key, detail_params, boot_id, since_boot_ms"
)

_INSERT = (
    "INSERT INTO audit_log (time_ms, operator, profile_id, profile_name, action, subject, "
    "amount, currency, result, detail, detail_key, detail_params, boot_id, since_boot_ms) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def redact_params(value: Any, never: tuple[str, ...]) -> Any:
    """Every text inside a stored text's params (a JSON value), redacted as free text."""
    if isinstance(value, str):
        return redact(value, never)
    if isinstance(value, Mapping):
        return {str(key): redact_params(item, never) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact_params(item, never) for item in value]
    return value


def awaits_refund_end(last: AuditEntry) -> bool:
    """Whether a refund's last row says BeeCloud has it and has not finished it: its 0
    ("accepted": its record not read since), or a check that found it in progress. How
    it ends is for a later row to say (a check's, or one once a sync lists it finished)."""
    if last.action not in (REFUND, REFUND_CHECK):
        return False
    accepted = last.result == OK and last.detail_key == REFUND_ACCEPTED
    return accepted or last.result == IN_PROGRESS


class RecentPayment(NamedTuple):
    """A payment through a profile, as the audit log has it: what was asked and how it
    ended last (`result`: a stored result, as AuditEntry.result)."""

    bill_no: str
    time_ms: int  # when it was requested
    amount: int | None
    currency: str | None
    channel: str
    title: str
    card: str  # "visa •••• 1111" or a saved card's id; "" for PayPal
    result: str
    detail_key: str = ""  # the detail_key of the row that says `result`
    sent_boot: str = ""  # its request row's boot and clock since it (AuditEntry.moment)
    sent_since_boot_ms: int = 0
    # Whether its own answer came, ok (a PayPal payment's: its approval page). A check
    # that found the bill unpaid says something else of one whose answer never came: its
    # card was not charged, or no payer has its approval page, so none can ever pay it.
    answered: bool = True

    @property
    def sent(self) -> Moment:
        """When it was requested, as a span from it is timed."""
        return Moment(self.time_ms, self.sent_boot, self.sent_since_boot_ms)


def _since(row: AuditEntry, since: Moment) -> bool:
    """Whether the row was written since the moment: by the clock since boot when of its
    boot, else by the wall clock (as recent_payments' query says it)."""
    if since.boot_id and row.boot_id == since.boot_id:
        return row.since_boot_ms >= since.since_boot_ms
    return row.time_ms >= since.wall_ms


def _amount_readable(amount: object, currency: object) -> bool:
    """Whether a payment's amount is one the console sends: whole hundredths, more than
    zero, within what the wire takes, in a currency it knows."""
    return type(amount) is int and 0 < amount <= MAX_FEE and currency in CURRENCIES


class AuditLog:
    """Append and read the audit rows; thread-safe (the database's lock)."""

    def __init__(
        self,
        database: Database,
        operator: str | None = None,
        clock: Callable[[], Moment] = moment_now,
        on_their_way: InFlight | None = None,
    ) -> None:
        """`on_their_way`: the payments on their way in the consoles on the data folder."""
        self.database = database
        self.operator = operator or os_user()
        self._clock = clock
        self.on_their_way = on_their_way or InFlight(None, PAYMENTS)
        # Rows written after the fact (an answer, a check) that the database would not take
        # (a full disk), in order: written before any newer row, at the next write.
        self._held: list[AuditEntry] = []
        self._held_ids = itertools.count(-1, -1)
        self._holding = threading.Lock()
        self.held_because: StoreError | None = None  # why the last of them was not written

    def append(
        self,
        *,
        profile_id: str,
        profile_name: str,
        action: str,
        subject: str,
        result: str,
        amount: int | None = None,
        currency: str | None = None,
        detail: str = "",
        detail_key: str = "",
        detail_params: Mapping[str, Any] | None = None,
        never: Iterable[str] = (),
        hold: bool = False,
    ) -> AuditEntry | None:
        """Write one row (None once closed; StoreError when it cannot be written), after
        the rows held, which go first. `hold`: a row that cannot be written is held
        instead, in memory, until a write succeeds (returned with a negative id).
        `never`: secrets to cut out of every text.
        detail_key and detail_params: the detail as a stored text (console/gui/stored_texts),
        detail its English words."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        if amount is not None and type(amount) is not int:
            raise TypeError("an audit amount is an integer of hundredths")
        never = tuple(never)

        def plain(text: str) -> str:  # names and numbers: only the secrets are cut out
            return redact(text, never, free_text=False)

        if self.database.closed:
            log.warning("audit row %s (%s) after close: not written", action, result)
            return None
        written = self._clock()
        entry = AuditEntry(
            id=0,
            time_ms=written.wall_ms,
            operator=plain(self.operator),
            profile_id=plain(profile_id),
            profile_name=plain(profile_name),
            action=action,
            subject=plain(subject),
            amount=amount,
            currency=currency,
            result=redact(result, never),
            detail=redact(detail, never),
            detail_key=detail_key,
            detail_params=dump_params(redact_params(detail_params or {}, never)),
            boot_id=written.boot_id,
            since_boot_ms=written.since_boot_ms,
        )
        with self._holding:
            try:
                return self._write_in_order([entry])[-1]
            except StoreError as error:
                if not hold:
                    raise
                held = replace(entry, id=next(self._held_ids))
                self._held.append(held)
                self.held_because = error
                log.warning("audit row %s (%s) held, not written: %s", action, result, error)
                return held

    @property
    def held(self) -> tuple[AuditEntry, ...]:
        """The rows that could not be written yet, in order (negative ids)."""
        with self._holding:
            return tuple(self._held)

    def write_held(self) -> bool:
        """Write the rows held, in order, with their own times; whether none is held now."""
        with self._holding:
            if self._held and not self.database.closed:
                try:
                    self._write_in_order([])
                except StoreError as error:
                    self.held_because = error
            return not self._held

    def _write_in_order(self, entries: list[AuditEntry]) -> list[AuditEntry]:
        """The rows held, then these, in one transaction (under self._holding); the rows
        held are let go once written."""
        rows = [*self._held, *entries]
        with self.database.writing() as db:
            ids = [db.execute(_INSERT, astuple(row)[1:]).lastrowid for row in rows]
        self._held.clear()
        self.held_because = None
        return [replace(row, id=row_id or 0) for row, row_id in zip(rows, ids, strict=True)]

    def restore(self, entries: list[AuditEntry]) -> None:
        """Put back rows read from a damaged file (console/store/opening.py), in their
        order, each as it was but for its id."""
        with self.database.writing() as db:
            db.executemany(_INSERT, [astuple(row)[1:] for row in entries])

    def entries(self, query: AuditQuery | None = None) -> list[AuditEntry]:
        """The rows matching the query, newest first (by time, then by order of writing),
        at most query.limit of them; the rows held too (AuditEntry.saved), but for a
        query of the rows written after one."""
        query = query or AuditQuery()
        conditions: list[str] = []
        values: list[object] = []
        for condition, value in (
            ("action = ?", query.action),
            ("profile_id = ?", query.profile_id),
            ("time_ms >= ?", query.start_ms),
            ("time_ms <= ?", query.end_ms),
            ("id > ?", query.after_id),
        ):
            if value is not None:
                conditions.append(condition)
                values.append(value)
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        if query.after_id is not None:
            # The rows written since one (the Audit tab's, at each row written while it is
            # shown), a few: found by their ids, then put newest first. By time, the query
            # went through every row of the log (70 to 100 ms at a million, for each row
            # written); NOT INDEXED keeps SQLite on the ids (an index of a filter's column
            # holds all of that action's or profile's rows).
            sql = f"SELECT {_COLUMNS} FROM audit_log NOT INDEXED{where} ORDER BY id DESC LIMIT ?"
            found = self._read(sql, (*values, query.limit))
            found.sort(key=lambda row: (row.time_ms, row.id), reverse=True)
            return found
        sql = f"SELECT {_COLUMNS} FROM audit_log{where} ORDER BY time_ms DESC, id DESC LIMIT ?"
        found = self._read(sql, (*values, query.limit))
        held = [row for row in self.held if query.matches(row)]
        if not held:
            return found
        found.extend(held)
        found.sort(key=lambda row: (row.time_ms, row.written_order), reverse=True)
        return found[: query.limit]

    def newest_id(self) -> int:
        """The id of the row written last (0 for none): the rows written after it are
        those a reader of the log now has not seen (AuditQuery.after_id)."""
        rows = self.database.read("SELECT MAX(id) FROM audit_log")
        return int(rows[0][0] or 0) if rows else 0

    def latest(self, profile_id: str, subject: str, actions: Iterable[str]) -> AuditEntry | None:
        """The newest row of these actions about this subject, through this profile."""
        actions = tuple(actions)
        marks = ", ".join("?" * len(actions))
        found = self._read(
            f"SELECT {_COLUMNS} FROM audit_log WHERE profile_id = ? AND subject = ? "
            f"AND action IN ({marks}) ORDER BY id DESC LIMIT 1",
            (profile_id, subject, *actions),
        )
        found += self._held_of(profile_id, actions, subject)
        return found[-1] if found else None

    def request_row(self, profile_id: str, subject: str, action: str) -> AuditEntry | None:
        """The row that wrote this payment or refund down as requested, before it was sent
        (the newest: a refund sent again has one per sending)."""
        found = self._read(
            f"SELECT {_COLUMNS} FROM audit_log WHERE profile_id = ? AND subject = ? "
            "AND action = ? AND result = ? ORDER BY id DESC LIMIT 1",
            (profile_id, subject, action, REQUESTED),
        )
        found += [
            row for row in self._held_of(profile_id, (action,), subject) if row.result == REQUESTED
        ]
        return found[-1] if found else None

    def refunds_unfinished(self, profile_id: str) -> list[str]:
        """The refund_nos of the profile's refunds of the last UNANSWERED_WINDOW_MS whose
        last row says BeeCloud took them (answered 0, "accepted") or has not finished
        them ("in progress"): how they ended is for a later row to say, once BeeCloud
        lists them finished (AuditRecorder.follow_refunds), oldest first."""
        since = self._clock().wall_ms - UNANSWERED_WINDOW_MS
        rows = self._read(
            f"SELECT {_COLUMNS} FROM audit_log WHERE profile_id = ? AND time_ms >= ? "
            "AND action IN (?, ?) ORDER BY id",
            (profile_id, since, REFUND, REFUND_CHECK),
        )
        last = {
            row.subject: row for row in rows + self._held_of(profile_id, (REFUND, REFUND_CHECK))
        }
        return [refund_no for refund_no, row in last.items() if awaits_refund_end(row)]

    def left_unanswered(self, profile_id: str) -> list[RecentPayment]:
        """The payments of the profile, of the last UNANSWERED_WINDOW_MS, whose outcome
        the log does not know (newest first): no answer came (the console closed first),
        or one that said nothing, and no check settled them since. Not one on its way,
        in this console (sent before the tab looked for those left) or in another on the
        data folder: its answer is still to come there, and BeeCloud, asked now, may not
        have it yet."""
        on_its_way = self.on_their_way.anywhere
        return [p for p in self.unsettled_payments(profile_id) if not on_its_way(p.bill_no)]

    def unsettled_payments(self, profile_id: str) -> list[RecentPayment]:
        """The profile's payments of the last UNANSWERED_WINDOW_MS whose outcome the log
        does not know (newest first): on their way, or no answer came, and no check (a
        look-up of the bill) settled them since. One answered as made is not among them,
        whatever a check found since. One whose amount no console writes (a hand edit,
        a currency a newer console knows) is passed over, as the Audit tab shows it."""
        since = self._clock().earlier(UNANSWERED_WINDOW_MS)
        unsettled = [
            payment
            for payment in self.recent_payments(profile_id, since)
            if payment.result in (REQUESTED, UNKNOWN) and payment.detail_key != MADE_NOT_LISTED
        ]
        readable = [p for p in unsettled if _amount_readable(p.amount, p.currency)]
        if len(readable) < len(unsettled):
            log.warning(
                "%d payments of unknown outcome hold no amount this console can read: not checked",
                len(unsettled) - len(readable),
            )
        return readable

    def recent_payments(self, profile_id: str, since: Moment) -> list[RecentPayment]:
        """The payments requested through a profile since a moment, newest first, each
        with what it asked for (its request row) and its last result, its answer's or
        a later check's (found paid: ok; found absent: not made). A later attempt of
        the same number does not unmake what an earlier one may have made: BeeCloud
        refuses a number it has (17), which says nothing of the first attempt.
        A row of since's boot is timed by the clock since boot; another, by the wall
        clock (docs/decisions.md, "A write's windows when the clock moves")."""
        # Those of the while by the wall clock, and those of since's boot by its clock (the
        # wall clock may have been set back meanwhile), each through an index: as one
        # query (a CASE of the two) it read every payment the profile ever made, 0.3 s at
        # a million rows, before each payment. _since keeps exactly those of the while.
        sql = f"SELECT {_COLUMNS} FROM audit_log WHERE profile_id = ? AND action IN (?, ?) AND "
        kinds = (profile_id, PAYMENT, PAYMENT_CHECK)
        by_wall = self._read(sql + "time_ms >= ?", (*kinds, since.wall_ms))
        of_while = {row.id: row for row in by_wall}
        if since.boot_id:
            of_boot = sql + "boot_id = ? AND since_boot_ms >= ?"
            of_while.update(
                (row.id, row)
                for row in self._read(of_boot, (*kinds, since.boot_id, since.since_boot_ms))
            )
        rows = [of_while[row_id] for row_id in sorted(of_while) if _since(of_while[row_id], since)]
        rows += [
            row for row in self._held_of(profile_id, (PAYMENT, PAYMENT_CHECK)) if _since(row, since)
        ]
        requests: dict[str, AuditEntry] = {}
        # the last attempt's result, or the last check's (with its detail_key)
        last: dict[str, tuple[str, str]] = {}
        earlier: dict[str, tuple[str, str]] = {}  # what an earlier attempt may have made
        answered: set[str] = set()  # the bills whose payment's own answer came, ok
        for row in rows:
            bill_no = row.subject
            if row.action == PAYMENT and row.result == OK:
                answered.add(bill_no)
            if row.action == PAYMENT_CHECK:  # the bill as BeeCloud lists it: all it says
                earlier.pop(bill_no, None)
            elif row.result == REQUESTED and bill_no not in requests:
                requests[bill_no] = row
            elif row.result == REQUESTED and last[bill_no][0] in MAY_BE_MADE:
                earlier.setdefault(bill_no, last[bill_no])  # another attempt of the number
            last[bill_no] = (row.result, row.detail_key)
        last.update(earlier)
        found = []
        for bill_no, request in requests.items():
            params = stored_object(request.detail_params) or {}
            found.append(
                RecentPayment(
                    bill_no,
                    request.time_ms,
                    request.amount,
                    request.currency,
                    str(params.get("channel", "")),
                    str(params.get("title", "")),
                    str(params.get("card", "")),
                    *last[bill_no],
                    request.boot_id,
                    request.since_boot_ms,
                    bill_no in answered,
                )
            )
        # newest first; of the same millisecond, the one written last (found is in the
        # order of writing, and a sort keeps the order of equals)
        found.reverse()
        found.sort(key=lambda payment: payment.time_ms, reverse=True)
        return found

    def profiles(self) -> list[tuple[str, str]]:
        """(profile_id, the name it had in its newest row) of every profile in the log,
        newest as the Audit tab lists them (by time, then by the order written). Read at
        each filter the tab applies: each profile is found from the one before in the
        index (profile_id, time_ms), never by reading every row of the log (GROUP BY
        did, 0.25 s at a million rows)."""
        rows = self.database.read(
            "WITH RECURSIVE ids(profile_id) AS ("
            " SELECT MIN(profile_id) FROM audit_log"
            " UNION ALL SELECT (SELECT MIN(profile_id) FROM audit_log AS next"
            " WHERE next.profile_id > ids.profile_id) FROM ids"
            " WHERE ids.profile_id IS NOT NULL) "
            "SELECT profile_id, (SELECT profile_name FROM audit_log AS row"
            " WHERE row.profile_id = ids.profile_id ORDER BY time_ms DESC, id DESC LIMIT 1)"
            " AS name FROM ids WHERE profile_id IS NOT NULL ORDER BY name"
        )
        return [(str(profile_id), str(name)) for profile_id, name in rows]

    def _held_of(
        self, profile_id: str, actions: tuple[str, ...], subject: str | None = None
    ) -> list[AuditEntry]:
        """The rows held of these actions (about this subject), in order: newer than
        every row written, since a write writes them first, so a look-up's last word."""
        return [
            row
            for row in self.held
            if row.profile_id == profile_id
            and row.action in actions
            and (subject is None or row.subject == subject)
        ]

    def _read(self, sql: str, values: tuple[object, ...]) -> list[AuditEntry]:
        return [AuditEntry(*row) for row in self.database.read(sql, values)]
