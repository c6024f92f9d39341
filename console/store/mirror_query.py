"""Reading the history mirror (console/store/mirror.py) for the tables and the Overview.

A table shows one `Selection`: the filters shown (channel, a whole bill or refund
number, a range of creation times, a status, free text) and an order. `first_ids`
gives the first rows at once; `all_ids` every row's id in order (a million ids are
8 MB in an array: the rows themselves are read a window at a time, `records`).

Free text: each line of it is a search of its own (a column of bill numbers pasted
finds each of them); every word of a line must be in the record's number(s), title or
channel (its code, or the words the table shows for it: `Selection.channel_words`), in
any case as the index folds it and in either width (console/store/trigram_folding.py).
A word of three characters or more is looked up in the FTS5 trigram index; one of
fewer (trigrams cannot find it: a two-character Chinese word, "12") is matched with
LIKE or GLOB (a character class for the characters the index folds together, `[Üü]`),
so that it finds what the index would. For the first rows, a word that is in very many records
is found faster by walking the records in order and testing each the same way (the
first 200 matches come early) than through the index (which lists all of them
first), so the index is asked first how many it has (`PROBE`). A word that looks like
a whole bill or refund number (`NUMBER`) is not looked for by all its trigrams: its
date's are in every record, and a column of 50 pasted took most of a second at a million
bills. The records that hold its last characters (NUMBER_TAILS), a few, are found in the
index instead and each is checked for the whole word as above (it finds its bill, and a
longer number or a title that holds it); when they are more than NUMBER_CANDIDATES, it
is looked for as any word. Some 2 ms each at a million bills, a column of 50 is over
the first rows' budget: the records whose own number is one of them come first from
the numbers' indexes (`own_numbers_first`), the others after. What SQLite cannot
search for (a lone surrogate, a NUL) is left out of the text. A text of at most
SEARCH_MAX_LINES lines of SEARCH_LINE_MAX_CHARS characters is one query within SQLite's
limits (the table refuses a longer one, beside its field). No Qt here.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from console.api.channels import FAMILIES
from console.api.models import BillRecord, RefundRecord
from console.api.validate import typed_words
from console.store.mirror import BILLS, REFUNDS
from console.store.trigram_folding import fold, glob_patterns, like_pattern, narrow

if TYPE_CHECKING:
    from console.overview import Overview

# A word the trigram index has more often than this is found by walking the rows in
# order for the first rows (see the module's docstring).
PROBE = 2_000
FIRST_ROWS = 200
# The most a search takes: a column of 50 bill numbers pasted (each at most 32
# characters), or 50 lines of words. Each word is one condition of a few variables
# (a GLOB pattern for each letter its first is folded together with, in each field, and
# one for the channels it names); the costliest such search (tests/test_mirror.py) has
# 15,799 variables and ~120 levels of expression, within SQLite's default limits (32,766
# variables, 1,000 levels: some builds allow more) with room for still_selected's 500 ids;
# 100 lines of 100 characters had more variables than that. docs/decisions.md says more.
SEARCH_MAX_LINES = 50
# A whole bill number (docs: 8 to 32 of [0-9A-Za-z]; a refund number is one too), its
# tail found in the index, and the most records that may hold it (`_number_candidates`).
NUMBER = re.compile(r"[0-9A-Za-z]{8,32}")
NUMBER_TAILS = (7, 14)  # the first that few records hold (a merchant's may end alike)
NUMBER_CANDIDATES = 100
SEARCH_LINE_MAX_CHARS = 100
# How many of SQLite's steps between two looks at the clock, for a query with a budget
# (a few milliseconds' worth). Each look is Python, which waits for the interpreter lock
# while another thread (a sync) holds it: most first rows take fewer steps, and none.
BUDGET_STEPS = 100_000

BILL_FIELDS = "id, bill_no, total_fee, channel, title, paid, created_time, currency"
REFUND_FIELDS = (
    "id, bill_no, refund_no, total_fee, refund_fee, title, channel, finished, succeeded, "
    "created_time, currency"
)
# Column key -> what it sorts by, in turn. A bill's refund sorts by the amount refunded
# (its largest successful refund, kept in `refunded` by the schema's triggers; none: 0),
# then by whether one is in progress (`refunding`): as the row shows it, none (or only
# refused ones), then "in progress", then the amounts.
# Amounts sort within their currency, the currencies in alphabetical order (an unknown
# one first): hundredths of two currencies are not one unit (docs/decisions.md). The
# indexes bills_by_fee, bills_by_refunded and refunds_by_fee are on the same expressions.
_CURRENCY = "coalesce(currency, '')"
BILL_ORDER: dict[str, tuple[str, ...]] = {
    "bill_no": ("bill_no",),
    "title": ("title",),
    "channel": ("channel",),
    "total_fee": (_CURRENCY, "total_fee"),
    "currency": (_CURRENCY,),
    "paid": ("paid",),
    "created_time": ("created_time",),
    "refund": (_CURRENCY, "refunded", "refunding"),
}
REFUND_ORDER: dict[str, tuple[str, ...]] = {
    "bill_no": ("bill_no",),
    "refund_no": ("refund_no",),
    "title": ("title",),
    "channel": ("channel",),
    "total_fee": (_CURRENCY, "total_fee"),
    "refund_fee": (_CURRENCY, "refund_fee"),
    "result": ("CASE WHEN NOT finished THEN 0 WHEN succeeded THEN 2 ELSE 1 END",),
    "created_time": ("created_time",),
    "currency": (_CURRENCY,),
}
STATUS = {
    BILLS: {
        "paid": "paid",
        "unpaid": "NOT paid",
        "refunded": ("bill_no IN (SELECT bill_no FROM refunds WHERE finished AND succeeded)"),
    },
    REFUNDS: {
        "succeeded": "finished AND succeeded",
        "failed": "finished AND NOT succeeded",
        "in_progress": "NOT finished",
    },
}

# A status checked record by record (an export's chunks, still_selected): the refunded
# bills listed once per query are some 100,000 at a million bills, listed again for
# each chunk; each record's refunds are looked up by its number instead.
STATUS_OF_A_RECORD = {
    BILLS: {
        "refunded": (
            "EXISTS (SELECT 1 FROM refunds AS r WHERE r.bill_no = bills.bill_no "
            "AND r.finished AND r.succeeded)"
        ),
    },
    REFUNDS: {},
}


@dataclass(frozen=True)
class Selection:
    """What a table shows: which records, in which order."""

    kind: str  # BILLS or REFUNDS
    channel: str | None = None  # a family ("PAYPAL": every PAYPAL_*) or an exact channel
    bill_no: str | None = None  # whole and exact: then no range applies (it names one bill)
    refund_no: str | None = None
    start_ms: int | None = None  # creation time, inclusive
    end_ms: int | None = None
    status: str | None = None  # a key of STATUS[kind]
    text: str = ""  # free text: every word
    # (channel, its words as shown): a word of the free text finds a channel by either
    channel_words: tuple[tuple[str, str], ...] = ()
    order: str = "created_time"  # a key of BILL_ORDER / REFUND_ORDER
    descending: bool = True
    # The channels in the order of the words the table shows for them (the Channel
    # column's order); a code not named sorts after them, by code
    channel_order: tuple[str, ...] = ()


class Settlement(NamedTuple):
    """What became of a bill, from its mirrored refunds: the successful one if any,
    else the one in progress."""

    refund_no: str
    refund_fee: int
    created_time: int
    finished: bool
    succeeded: bool


def _words(text: str) -> list[str]:
    """The words of a search text as the search sees a title (`narrow`), each once (one
    said in two cases or widths is one search), without what SQLite cannot search for: a
    lone surrogate (half of a character, which it cannot be given: a pair becomes the
    character) and a NUL (where its patterns end); and without the invisible characters
    around each word that text copied from a page carries (a zero width space: no
    record shows it), as `typed_words` leaves them out around the whole text."""
    whole = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    searched: dict[str, str] = {}  # as the index folds it -> the word first said so
    for word in whole.replace("\x00", "").split():
        narrowed = narrow(typed_words(word))
        if narrowed:
            searched.setdefault(fold(narrowed), narrowed)
    return list(searched.values())


def _lines(text: str) -> list[list[str]]:
    """The lines of a search text, each as its words (`_words`); a line said twice is
    looked for once, and one without a word is left out."""
    lines = (tuple(_words(line)) for line in text.splitlines())
    return [list(words) for words in dict.fromkeys(line for line in lines if line)]


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class _OutOfTime(Exception):
    """The first rows' budget was spent before their query was made."""


class _Where:
    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[object] = []

    def add(self, clause: str, *params: object) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.clauses) if self.clauses else ""


def _text_fields(kind: str) -> tuple[str, ...]:
    return (
        ("bill_no", "searched_title")
        if kind == BILLS
        else ("refund_no", "bill_no", "searched_title")
    )


def _channels(db: sqlite3.Connection, kind: str) -> list[str]:
    """Every channel of the kind's records, by one index look-up per channel (SELECT
    DISTINCT reads the whole index, and every word typed asks)."""
    sql = (
        f"WITH RECURSIVE found (channel) AS (SELECT min(channel) FROM {kind} UNION ALL "
        f"SELECT (SELECT min(channel) FROM {kind} WHERE channel > found.channel) FROM found "
        "WHERE found.channel IS NOT NULL) SELECT channel FROM found WHERE channel IS NOT NULL"
    )
    return [row[0] for row in db.execute(sql)]


def _where(
    db: sqlite3.Connection,
    selection: Selection,
    walk_common: bool,
    by_record: bool = False,
    deadline: float | None = None,
) -> _Where:
    """The selection's filters; `by_record` when they are checked record by record. Past
    `deadline` (time.monotonic()), no word is counted in the index (`_OutOfTime`)."""
    kind = selection.kind
    where = _Where()
    if selection.bill_no:
        where.add("bill_no = ?", selection.bill_no)
    if selection.refund_no:
        where.add("refund_no = ?", selection.refund_no)
    if not (selection.bill_no or selection.refund_no):
        if selection.channel:
            where.add(*_channel_clause(selection.channel))
        if selection.start_ms is not None:
            where.add("created_time >= ?", selection.start_ms)
        if selection.end_ms is not None:
            where.add("created_time <= ?", selection.end_ms)
    lines = _lines(selection.text)
    channels = _channels(db, kind) if lines else []  # read once for every word
    named = dict(selection.channel_words)
    names = {channel: fold(narrow(f"{channel} {named.get(channel, '')}")) for channel in channels}
    found_by: list[str] = []  # a line's condition: every word of it
    params: list[object] = []
    # Of each line, the records one of its words can be in, when a number of it says
    held_by: list[set[int] | None] = []
    pace = _Pace(deadline, sum(map(len, lines)))
    for words in lines:
        word_clauses: list[str] = []
        line_held_by: set[int] | None = None
        for word in words:
            pace.next_word()
            folded = fold(word)
            named_by = [channel for channel in channels if folded in names[channel]]
            held = None if named_by else _number_candidates(db, kind, word)
            if held is None:
                clause, *word_params = _word_clause(db, kind, word, named_by, walk_common)
            else:
                checked, *word_params = _substring_clause(kind, word)
                clause = f"(id IN ({_id_list(held)}) AND ({checked}))"
                if line_held_by is None or len(held) < len(line_held_by):
                    line_held_by = held
            word_clauses.append(clause)
            params.extend(word_params)
        found_by.append("(" + " AND ".join(word_clauses) + ")")
        held_by.append(line_held_by)
    if found_by:  # any line
        where.add("(" + " OR ".join(found_by) + ")", *params)
    few = bool(held_by) and all(held is not None for held in held_by)
    if few:  # the records to look at
        where.add(f"id IN ({_id_list(set().union(*(h for h in held_by if h is not None)))})")
    if selection.status:  # of a few records, checked by record: not each refunded bill
        # looked up in the bills' index with each of them (17 s at a million bills)
        by_status = STATUS_OF_A_RECORD[kind] if by_record or few else {}
        where.add(by_status.get(selection.status) or STATUS[kind][selection.status])
    return where


def _channel_clause(wanted: str) -> tuple[str, ...]:
    """The records of a channel picked, as BeeCloud's own filter takes it (NOTES.md,
    `channel_matches`): a family, its own code and every FAMILY_* code, in that case
    (GLOB: LIKE, which folds case, took "paypal_wallet" for PayPal's); a sub-channel,
    that code alone (not "PAYPAL_CREDITCARD_3DS", a code the console does not know,
    among the cards via PayPal). Both are kept off the channel index ("+"), as the
    LIKE kept them: the rows are walked in the order shown (by time, amount…) and
    tested, where the index's range of a million PayPal bills was sorted for the first
    200 rows."""
    if wanted not in FAMILIES:
        return ("+channel = ?", wanted)
    return ("(+channel = ? OR +channel GLOB ?)", wanted, wanted + "_*")


class _Pace:
    """The words of a search looked up by a deadline (time.monotonic(), or None: no
    deadline): given up (`_OutOfTime`) once it has passed, or once the words done, at
    their pace, say those left would pass it (a column of 50 bill numbers pasted, some
    2 ms each at a million bills, is given up after the first, not 40 ms later)."""

    def __init__(self, deadline: float | None, words: int) -> None:
        self.deadline, self.left, self.done = deadline, words, 0
        self.started = time.monotonic() if deadline is not None else 0.0

    def next_word(self) -> None:
        if self.deadline is None:
            return
        now = time.monotonic()
        each = (now - self.started) / self.done if self.done else 0.0
        if now + each * self.left > self.deadline:
            raise _OutOfTime
        self.done, self.left = self.done + 1, self.left - 1


def _id_list(ids: Iterable[int]) -> str:
    return ", ".join(str(int(record_id)) for record_id in sorted(ids))


def _number_candidates(db: sqlite3.Connection, kind: str, word: str) -> set[int] | None:
    """For a word that looks like a whole number (NUMBER), the ids of every record that
    can hold it: those that hold its last characters (the index's phrase of a tail of
    NUMBER_TAILS; a record holding the word holds its tail), at most NUMBER_CANDIDATES.
    None for any other word, or when more records hold each tail."""
    if not NUMBER.fullmatch(word):
        return None
    for length in NUMBER_TAILS:
        found = db.execute(
            f"SELECT rowid FROM {kind}_text WHERE {kind}_text MATCH ? "
            f"LIMIT {NUMBER_CANDIDATES + 1}",
            (_phrase(word[-length:]),),
        ).fetchall()
        if len(found) <= NUMBER_CANDIDATES:
            return {int(row[0]) for row in found}
        if length >= len(word):
            break
    return None


def _word_clause(
    db: sqlite3.Connection, kind: str, word: str, channels: list[str], walk_common: bool
) -> tuple[str, ...]:
    """A condition for one word of the free text (in a record's text, or the name of one
    of `channels`), and its parameters: the channels are one (a server may list many)."""
    by_channel = " OR channel IN (SELECT value FROM json_each(?))" if channels else ""
    named = (json.dumps(channels, ensure_ascii=False),) if channels else ()
    use_index = len(word) >= 3
    if use_index and walk_common:
        found = db.execute(
            f"SELECT count(*) FROM (SELECT rowid FROM {kind}_text WHERE {kind}_text MATCH ? "
            f"LIMIT {PROBE + 1})",
            (_phrase(word),),
        ).fetchone()[0]
        use_index = found <= PROBE
    if use_index:
        clause = f"(id IN (SELECT rowid FROM {kind}_text WHERE {kind}_text MATCH ?){by_channel})"
        return (clause, _phrase(word), *named)
    checked, *params = _substring_clause(kind, word)
    return (f"({checked}{by_channel})", *params, *named)


def _substring_clause(kind: str, word: str) -> tuple[str, ...]:
    """A condition that a record's number(s) or title hold the word, folded as the index
    folds it (LIKE or GLOB: console/store/trigram_folding.py), and its parameters."""
    fields = _text_fields(kind)
    like = like_pattern(word)
    if like is not None:
        likes = " OR ".join(f"{field} LIKE ? ESCAPE '\\'" for field in fields)
        return (likes, *([like] * len(fields)))
    patterns = glob_patterns(word)
    globs = " OR ".join(f"{field} GLOB ?" for field in fields for _ in patterns)
    return (globs, *(patterns * len(fields)))


def _order(selection: Selection) -> str:
    orders = BILL_ORDER if selection.kind == BILLS else REFUND_ORDER
    columns = orders.get(selection.order, ("created_time",))
    if selection.order == "channel":
        columns = (*_channel_rank(selection.channel_order), *CHANNEL_WALK)
    direction = "DESC" if selection.descending else "ASC"
    return " ORDER BY " + ", ".join(f"{column} {direction}" for column in (*columns, "id"))


# The Channel column's order: a channel's place in Selection.channel_order (a code not
# named after them all), then within the channel as its index walks it (CHANNEL_WALK).
CHANNEL_WALK = ("channel", "created_time")


def _channel_rank(ranked: Sequence[str]) -> tuple[str, ...]:
    if not ranked:
        return ()
    whens = " ".join(f"WHEN {_literal(code)} THEN {rank}" for rank, code in enumerate(ranked))
    return (f"CASE channel {whens} ELSE {len(ranked)} END",)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _channel_walks(selection: Selection) -> list[tuple[str, list[str]]]:
    """The Channel column's order as walks of the channel index, in turn: each channel
    named, then each range of codes between them (the codes not named): (a condition, its
    parameters). A few dozen walks, however many channels the records have."""
    named = list(dict.fromkeys(selection.channel_order))
    walks = [("channel = ?", [code]) for code in named]
    bounds = sorted(named)
    for low, high in zip([None, *bounds], [*bounds, None], strict=True):
        sides = [("channel > ?", low), ("channel < ?", high)]
        walks.append((" AND ".join(s for s, b in sides if b) or "1", [b for _, b in sides if b]))
    return walks[::-1] if selection.descending else walks


def _by_channel_walks(selection: Selection, where: _Where, first_rows: bool) -> bool:
    """Whether the Channel column's order is read by walking the channel index a channel
    at a time (a few milliseconds for the first rows of a million) rather than sorted in
    one statement: not with a search, whose records each walk would look up in the text
    index again (seconds), but for the first rows of one found without that index."""
    if selection.order != "channel":
        return False
    return not selection.text.strip() or (first_rows and " MATCH ?" not in where.sql())


def _ids_by_channel(
    db: sqlite3.Connection, selection: Selection, where: _Where, limit: int | None
) -> array[int]:
    direction = "DESC" if selection.descending else "ASC"
    order = ", ".join(f"{column} {direction}" for column in (*CHANNEL_WALK, "id"))
    found = array("q")
    for condition, params in _channel_walks(selection):
        clauses = " AND ".join((*where.clauses, condition))
        sql = f"SELECT id FROM {selection.kind} WHERE {clauses} ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit) - len(found)}"
        found.extend(row[0] for row in db.execute(sql, [*where.params, *params]))
        if limit is not None and len(found) >= limit:
            break
    return found


def first_ids(
    db: sqlite3.Connection,
    selection: Selection,
    limit: int = FIRST_ROWS,
    deadline: float | None = None,
) -> array[int]:
    """The ids of the first `limit` rows of the selection, in order (`_OutOfTime` when
    `deadline` passes before their query is made)."""
    where = _where(db, selection, walk_common=True, deadline=deadline)
    if _by_channel_walks(selection, where, first_rows=True):
        return _ids_by_channel(db, selection, where, limit)
    sql = f"SELECT id FROM {selection.kind}{where.sql()}{_order(selection)} LIMIT {int(limit)}"
    return array("q", (row[0] for row in db.execute(sql, where.params)))


def first_ids_within(
    db: sqlite3.Connection, selection: Selection, within_s: float
) -> array[int] | None:
    """`first_ids`, or None when finding them takes longer than `within_s`: a word in
    few or no records, too short for the trigram index, is looked for in every row (a
    quarter of a second at a million bills). The GUI thread asks with a budget, and
    leaves the first rows to the ids' thread when it runs out. Counting each word of a
    search in the index is a query the progress handler does not stop (its work is the
    index's, not SQLite's steps), some 7 ms for a 20-digit number at a million bills: the
    clock is looked at before each."""
    deadline = time.monotonic() + within_s
    db.set_progress_handler(lambda: time.monotonic() > deadline, BUDGET_STEPS)
    try:
        return first_ids(db, selection, deadline=deadline)
    except _OutOfTime:
        return None
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode == sqlite3.SQLITE_INTERRUPT:
            return None
        raise
    finally:
        db.set_progress_handler(None, 0)


def own_numbers_first(
    db: sqlite3.Connection, selection: Selection, limit: int = FIRST_ROWS
) -> array[int] | None:
    """Of a search whose every line is a whole number (NUMBER: a column of them pasted),
    the first `limit` of the records whose own number is one of them (a bill's; a
    refund's, or its bill's), found by the numbers' indexes in a millisecond where the
    text index takes a few for each (`_number_candidates`): rows of the selection, in
    its order, but perhaps not all its first rows (a longer number or a title may hold
    one too: `first_ids` finds them). None for any other search."""
    lines = _lines(selection.text)
    if not lines or any(len(words) != 1 or not NUMBER.fullmatch(words[0]) for words in lines):
        return None
    numbers = [words[0] for words in lines]
    kind = selection.kind
    marks = ", ".join("?" * len(numbers))
    fields = [field for field in _text_fields(kind) if field != "searched_title"]
    held = " UNION ".join(f"SELECT id FROM {kind} WHERE {field} IN ({marks})" for field in fields)
    where = _where(db, replace(selection, text=""), walk_common=False, by_record=True)
    # The few records held first, each looked up by its key (as in still_selected)
    sql = (
        f"WITH held (wanted) AS ({held}) SELECT {kind}.id FROM held CROSS JOIN {kind} "
        f"ON {kind}.id = held.wanted{where.sql()}{_order(selection)} LIMIT {int(limit)}"
    )
    return array("q", (row[0] for row in db.execute(sql, [*numbers * len(fields), *where.params])))


def all_ids(db: sqlite3.Connection, selection: Selection) -> array[int]:
    """The ids of every row of the selection, in order."""
    where = _where(db, selection, walk_common=False)
    if _by_channel_walks(selection, where, first_rows=False):
        return _ids_by_channel(db, selection, where, None)
    sql = f"SELECT id FROM {selection.kind}{where.sql()}{_order(selection)}"
    return array("q", (row[0] for row in db.execute(sql, where.params)))


def count(db: sqlite3.Connection, selection: Selection) -> int:
    where = _where(db, selection, walk_common=False)
    value = db.execute(f"SELECT count(*) FROM {selection.kind}{where.sql()}", where.params)
    return int(value.fetchone()[0])


def total(db: sqlite3.Connection, kind: str) -> int:
    """How many records of the kind the mirror holds."""
    if kind not in (BILLS, REFUNDS):
        raise ValueError(kind)
    return int(db.execute(f"SELECT count(*) FROM {kind}").fetchone()[0])


def still_selected(db: sqlite3.Connection, selection: Selection, ids: Sequence[int]) -> set[int]:
    """Which of these ids the selection selects now (a sync may have changed a record
    since they were read: a bill paid, a refund finished)."""
    found: set[int] = set()
    kind = selection.kind
    where = _where(db, selection, walk_common=True, by_record=True)
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        # The ids first, each looked up by its key (CROSS JOIN keeps that order): given
        # `id IN (...)` among the filters, SQLite read a whole index for some of them
        # (every PAYPAL bill's place, for a word that names the channel) at each chunk.
        marks = ", ".join(["(?)"] * len(chunk))
        sql = (
            f"WITH chunk (wanted) AS (VALUES {marks}) SELECT {kind}.id FROM chunk "
            f"CROSS JOIN {kind} ON {kind}.id = chunk.wanted{where.sql()}"
        )
        found.update(row[0] for row in db.execute(sql, [*chunk, *where.params]))
    return found


def records(
    db: sqlite3.Connection, kind: str, ids: Sequence[int]
) -> dict[int, BillRecord | RefundRecord]:
    """The records of these ids, by id (those still in the mirror)."""
    found: dict[int, BillRecord | RefundRecord] = {}
    fields, table = (BILL_FIELDS, "bills") if kind == BILLS else (REFUND_FIELDS, "refunds")
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        for row in db.execute(f"SELECT {fields} FROM {table} WHERE id IN ({marks})", chunk):
            found[row[0]] = _record(kind, row)
    return found


def ids_of(db: sqlite3.Connection, kind: str, numbers: Iterable[str]) -> dict[str, int]:
    """The ids of the bills (BILLS: by bill_no) or refunds (by refund_no) of these numbers
    that the mirror holds, by number."""
    table, key = ("bills", "bill_no") if kind == BILLS else ("refunds", "refund_no")
    wanted = list(numbers)
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT {key}, id FROM {table} WHERE {key} IN ({marks})"
        found.update((number, int(record_id)) for number, record_id in db.execute(sql, chunk))
    return found


def record_of(db: sqlite3.Connection, kind: str, number: str) -> BillRecord | RefundRecord | None:
    """The bill (BILLS: by bill_no) or refund (by refund_no) the mirror holds now."""
    if kind == BILLS:
        sql = f"SELECT {BILL_FIELDS} FROM bills WHERE bill_no = ?"
    else:
        sql = f"SELECT {REFUND_FIELDS} FROM refunds WHERE refund_no = ?"
    row = db.execute(sql, (number,)).fetchone()
    return None if row is None else _record(kind, row)


def _record(kind: str, row: Sequence[Any]) -> BillRecord | RefundRecord:
    """A record of a row of BILL_FIELDS or REFUND_FIELDS."""
    if kind == BILLS:
        return BillRecord(row[1], row[2], row[3], row[4], bool(row[5]), row[6], row[7])
    return RefundRecord(
        row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]), bool(row[8]), row[9], row[10]
    )


def settlements(db: sqlite3.Connection, bill_nos: Iterable[str]) -> dict[str, Settlement]:
    """What became of these bills: the successful refund of each that has one (of
    several, which a server may list against the rule of one, the largest, the one the
    Refunded column sorts by: `refunded`), else the one in progress (a refused refund
    settles nothing)."""
    numbers = list(dict.fromkeys(bill_nos))
    found: dict[str, Settlement] = {}
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(
            "SELECT bill_no, refund_no, refund_fee, created_time, finished, succeeded "
            f"FROM refunds WHERE bill_no IN ({marks}) AND (NOT finished OR succeeded) "
            "ORDER BY finished, CASE WHEN finished THEN refund_fee END, created_time",
            chunk,
        )
        for bill_no, refund_no, fee, created, finished, succeeded in rows:
            settlement = Settlement(refund_no, fee, created, bool(finished), bool(succeeded))
            if bill_no not in found or settlement.succeeded:
                found[bill_no] = settlement
    return found


class DaySums(NamedTuple):
    """The Overview's figures of a range of local days, summed by SQLite from the per-day
    sums (amounts in hundredths; the currency "" when unknown), as the Overview shows
    them: the paid bills per day and currency and per currency and channel, the
    successful refunds per day and currency, and how many bills are unpaid and how many
    refunds were refused or are in progress."""

    paid_days: list[tuple[date, str, int, int]]  # day, currency, count, amount
    paid_channels: list[tuple[str, str, int, int]]  # currency, channel, count, amount
    refunded_days: list[tuple[date, str, int, int]]  # day, currency, count, amount
    unpaid: int
    refunds_refused: int
    refunds_in_progress: int


def day_sums(db: sqlite3.Connection, first: date, last: date) -> DaySums:
    """The sums of the local days first..last (both included). SQLite sums them per day
    and per channel: handing Python a row per day, currency and channel (as many as
    days × currencies × channels) took longer than summing them."""
    span = (first.isoformat(), last.isoformat())
    days: dict[str, date] = {}

    def day_of(text: str) -> date:
        day = days.get(text)
        if day is None:
            day = days[text] = date.fromisoformat(text)
        return day

    def count(sql: str) -> int:
        return int(db.execute(sql, span).fetchone()[0])

    in_span = "day BETWEEN ? AND ?"
    paid_days = [
        (day_of(day), currency, n, fee)
        for day, currency, n, fee in db.execute(
            f"SELECT day, currency, sum(n), sum(fee) FROM bill_days WHERE paid = 1 AND "
            f"{in_span} GROUP BY day, currency HAVING sum(n) > 0",
            span,
        )
    ]
    paid_channels = db.execute(
        f"SELECT currency, channel, sum(n), sum(fee) FROM bill_days WHERE paid = 1 AND "
        f"{in_span} GROUP BY currency, channel HAVING sum(n) > 0",
        span,
    ).fetchall()
    refunded_days = [
        (day_of(day), currency, n, fee)
        for day, currency, n, fee in db.execute(
            f"SELECT day, currency, n, fee FROM refund_days WHERE state = 'succeeded' AND "
            f"{in_span} AND n > 0",
            span,
        )
    ]
    return DaySums(
        paid_days,
        paid_channels,
        refunded_days,
        unpaid=count(f"SELECT coalesce(sum(n), 0) FROM bill_days WHERE paid = 0 AND {in_span}"),
        refunds_refused=count(
            f"SELECT coalesce(sum(n), 0) FROM refund_days WHERE state = 'failed' AND {in_span}"
        ),
        refunds_in_progress=count(
            "SELECT coalesce(sum(n), 0) FROM refund_days WHERE state = 'in_progress' AND " + in_span
        ),
    )


def overview_of(db: sqlite3.Connection, first: date, last: date) -> Overview:
    """The Overview (console/overview.py) of the local days first..last, from the sums."""
    from console.overview import Overview  # with the Overview tab: a start needs none

    sums = day_sums(db, first, last)
    overview = Overview()
    overview.add_day_sums(
        sums.paid_days,
        sums.paid_channels,
        sums.refunded_days,
        sums.unpaid,
        sums.refunds_refused,
        sums.refunds_in_progress,
    )
    return overview


def paid_among(db: sqlite3.Connection, bill_nos: Iterable[str]) -> set[str]:
    """Of these bills, those the mirror lists paid."""
    numbers = list(dict.fromkeys(bill_nos))
    found: set[str] = set()
    for start in range(0, len(numbers), 500):
        chunk = numbers[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = db.execute(f"SELECT bill_no FROM bills WHERE bill_no IN ({marks}) AND paid", chunk)
        found.update(str(bill_no) for (bill_no,) in rows)
    return found
