"""Jobs: API calls fully prepared on the GUI thread, then queued to the worker.

A job carries everything it needs, the secret included, so the worker never
reads settings or the keyring. What it asks is an Action; its answer comes back
on the JobHandle that submitting it gave (console/gui/worker.py), to whoever
asked, and to nobody else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication

from console.api import reason_templates as said
from console.api.codes import ResultCode, describe
from console.api.errors import (
    ApiError,
    BadAnswerError,
    ListContradictionError,
    ListOverrunError,
    OutcomeUnknownError,
    PagingError,
    TransportError,
    ValidationError,
)
from console.api.validate import Problem
from console.gui.api_texts import (
    card_refusal_text,
    host_reason_text,
    hosts_tried_text,
    problem_line,
    read_reason,
    refusal_advice,
    result_code_text,
)
from console.gui.counts import counts
from console.gui.i18n import sentences
from console.gui.system_texts import reason_of
from console.store.audit_log import redact
from console.store.errors import (
    HISTORY_BUSY,
    HISTORY_FULL,
    HISTORY_READ_ONLY,
    HistoryFileError,
)
from console.translatable import QT_TRANSLATE_NOOP


class Action(Enum):
    """What a job asks of the client: one call, or every page of a query."""

    PAY = "pay"
    REFUND = "refund"
    FIND_BILL = "find_bill"
    FIND_REFUND = "find_refund"
    ALL_BILLS = "all_bills"
    ALL_REFUNDS = "all_refunds"
    SYNC = "sync"  # bring a profile's history mirror up to date (console/store/sync.py)

    @property
    def paged(self) -> bool:
        """Every page of a query: answered page by page, then the count."""
        return self in (Action.ALL_BILLS, Action.ALL_REFUNDS)

    @property
    def loads(self) -> bool:
        """It reads lists (the status bar's Cancel stops it)."""
        return self.paged or self is Action.SYNC

    @property
    def keeps(self) -> bool:
        """What it fetches is kept in the history: a look-up by number, or the pages of
        a query (a sync keeps its own)."""
        return self in (Action.FIND_BILL, Action.FIND_REFUND) or self.paged

    @property
    def writes(self) -> bool:
        """It may move money: audited, and (a refund) journaled."""
        return self in (Action.PAY, Action.REFUND)


PAY, REFUND = Action.PAY, Action.REFUND
FIND_BILL, FIND_REFUND = Action.FIND_BILL, Action.FIND_REFUND
ALL_BILLS, ALL_REFUNDS = Action.ALL_BILLS, Action.ALL_REFUNDS
SYNC = Action.SYNC

# A report's title by its kind (stable keys: the audit log stores the kind and shows
# the title in the language of the moment, see console/gui/stored_texts.py).
REPORT_TITLES: dict[str, str] = {
    "api": QT_TRANSLATE_NOOP("ErrorReport", "BeeCloud refused the request"),
    "outcome_unknown": QT_TRANSLATE_NOOP("ErrorReport", "Outcome unknown"),
    "transport": QT_TRANSLATE_NOOP("ErrorReport", "No server answered"),
    # a host answered, with nothing usable (an error page, a redirect): a read's only
    "server_error": QT_TRANSLATE_NOOP("ErrorReport", "The server answered with an error"),
    # the client sent nothing, by its own choice (a CA bundle gone, an address refused)
    "not_asked": QT_TRANSLATE_NOOP("ErrorReport", "No server was asked"),
    "bad_answer": QT_TRANSLATE_NOOP("ErrorReport", "The server's answer made no sense"),
    "validation": QT_TRANSLATE_NOOP("ErrorReport", "Please correct the form"),
    "secret": QT_TRANSLATE_NOOP("ErrorReport", "No app secret"),
    "keyring": QT_TRANSLATE_NOOP("ErrorReport", "The App Secret cannot be read"),
    "removed": QT_TRANSLATE_NOOP("ErrorReport", "The profile was removed"),
    "changed": QT_TRANSLATE_NOOP("ErrorReport", "The profile was changed"),
    "unreadable": QT_TRANSLATE_NOOP("ErrorReport", "The saved profiles cannot be read"),
    "sandbox": QT_TRANSLATE_NOOP("ErrorReport", "The practice sandbox is not running"),
    "store": QT_TRANSLATE_NOOP("ErrorReport", "The console's database cannot be written"),
    "history": QT_TRANSLATE_NOOP("ErrorReport", "The history could not be written"),
    "unexpected": QT_TRANSLATE_NOOP("ErrorReport", "Something went wrong"),
    # before a job was sent (on the GUI thread, once its secrets were read): never sent
    "not_sent": QT_TRANSLATE_NOOP("ErrorReport", "Something went wrong before sending"),
    "export": QT_TRANSLATE_NOOP("ErrorReport", "Export failed"),  # a table's rows to a file
    # a job that waited for its secrets when the console closed: never sent
    "closed": QT_TRANSLATE_NOOP("ErrorReport", "The console was closed first"),
}


# What a TransportError's report says, by its kind: of every host tried, what it did; a
# sentence whole, as the advice after it is.
_NO_USABLE_ANSWER = {
    "not_asked": QT_TRANSLATE_NOOP("ErrorReport", "No BeeCloud server was asked: {hosts}."),
    "server_error": QT_TRANSLATE_NOOP(
        "ErrorReport", "No BeeCloud server gave a usable answer. Tried: {hosts}."
    ),
    "transport": QT_TRANSLATE_NOOP(
        "ErrorReport", "No BeeCloud server could be reached. Tried: {hosts}."
    ),
}

# Reports of a job that could not be prepared: it was never sent.
NOT_PREPARED_KINDS = (
    "secret",
    "keyring",
    "removed",
    "changed",
    "unreadable",
    "sandbox",
    "store",
    "closed",
    "not_sent",
)

# Reports after which a payment or refund may have been made: no readable answer came,
# or something unexpected went wrong once it may have been sent.
UNKNOWN_OUTCOMES = ("outcome_unknown", "unexpected")


@dataclass(frozen=True)
class Credentials:
    """How to reach one profile's app; the secret never shows in a repr."""

    app_id: str
    secret: str = field(repr=False)
    hosts: tuple[str, ...]
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    ca_bundle: str | None = None
    shuffle_hosts: bool = True
    master_secret: str | None = field(default=None, repr=False)  # signs refunds when set


@dataclass(frozen=True)
class SyncRequest:
    """A sync of a profile's history mirror (console/store/sync.py)."""

    mirror: Any  # console.store.mirror.Mirror: not imported here, the GUI starts faster
    full: bool = False  # everything again, not only what may have changed
    currencies: Mapping[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Job:
    action: Action
    request: Any
    credentials: Credentials
    description: str  # what the status bar says while it runs
    id: int = 0
    profile_id: str = ""  # the profile it was prepared for
    # A job that keeps what it fetches (Action.keeps): the history mirror that keeps it,
    # written on the job's own threads (console.store.mirror.Mirror; None: not kept)
    keep_in: Any = None

    def secrets(self) -> tuple[str, ...]:
        """What of this job must never be shown or written, should a server echo it: the
        secrets (the Master Secret signs refunds) and the card's number and CVV."""
        secrets = (self.credentials.secret, self.credentials.master_secret or "")
        card = getattr(self.request, "card", None)
        if card is None:
            return secrets
        return (*secrets, card.card_number, card.cvv)


@dataclass(frozen=True)
class ErrorReport:
    """A failure as the user sees it: never a traceback."""

    kind: str  # a key of REPORT_TITLES
    title: str
    message: str
    code: int | None = None
    result_msg: str = ""
    english: str = ""
    chinese: str = ""
    detail: str = ""
    hosts: tuple[str, ...] = ()
    bill_no: str | None = None
    refund_no: str | None = None
    problems: tuple[Problem, ...] = ()
    # transport: (host, reason) of each host tried, the client's own words
    tried: tuple[tuple[str, str], ...] = ()
    # every host asked to wait (429, 503 with Retry-After, or still resting): the
    # seconds before any may be asked again (TransportError.busy_s); None otherwise
    wait_s: int | None = None

    def text(self) -> str:
        """Everything the user should see, one fact a line (the result code's meaning
        in both languages, as BeeCloud's document gives it, for support calls)."""
        lines = [self.message]
        if self.code is not None:
            lines.append(
                QCoreApplication.translate("ErrorReport", "Result code {code} {name}").format(
                    code=self.code, name=self.result_msg
                )
            )
            # the meaning in both languages, but not again the one the message already says
            meanings = [text for text in (self.english, self.chinese) if text != self.message]
            if meanings:
                lines.append(" / ".join(meanings))
        if self.detail:
            lines.append(
                QCoreApplication.translate("ErrorReport", "Detail: {detail}").format(
                    detail=self.detail
                )
            )
        lines += [problem_line(p) for p in self.problems]
        return "\n".join(lines)


def _tr(text: str) -> str:
    """Reports are made on the worker thread too: QCoreApplication.translate is thread-safe."""
    return QCoreApplication.translate("ErrorReport", text)


def report_title(kind: str) -> str:
    """The title of a report of this kind, in the language shown."""
    return _tr(REPORT_TITLES[kind])


def _outcome_unknown_text(error: OutcomeUnknownError) -> str:
    if error.refund_no:
        template = QCoreApplication.translate(
            "ErrorReport",
            "The outcome of the refund {refund_no} of bill {bill_no} is unknown: {host} {reason}. "
            "Check it with a query before trying again.",
        )
    else:
        template = QCoreApplication.translate(
            "ErrorReport",
            "The outcome of the payment of bill {bill_no} is unknown: {host} {reason}. "
            "Check it with a query before trying again.",
        )
    reason = host_reason_text(error.reason)
    return template.format(
        refund_no=error.refund_no, bill_no=error.bill_no, host=error.host, reason=reason
    )


# A refusal (code 1) with the server's clock this far from this computer's says so.
CLOCK_WORTH_SAYING_S = 60


def _refusal_text(error: ApiError) -> str:
    """What a refusal means, or what to do (REFUSAL_ADVICE); for a card PayPal refused, why
    in a clerk's words; for code 1 (a wrong app id or secret, or a request whose time is
    far from BeeCloud's) with the clocks apart, that this computer's is wrong."""
    if error.code == ResultCode.CHANNEL_ERROR and (card := card_refusal_text(error.detail)):
        return card  # the code, its meanings and PayPal's words follow, for support calls
    offset = error.clock_offset_s
    if error.code != ResultCode.APP_INVALID or offset is None or abs(offset) < CLOCK_WORTH_SAYING_S:
        return refusal_advice(error.code) or result_code_text(error.code)
    if offset > 0:
        clock = QCoreApplication.translate(
            "ErrorReport", "This computer's clock is {duration} behind the server's."
        )
    else:
        clock = QCoreApplication.translate(
            "ErrorReport", "This computer's clock is {duration} ahead of the server's."
        )
    advice = QCoreApplication.translate(
        "ErrorReport",
        "BeeCloud refuses a request whose time is far from its own, as it does a wrong "
        "App ID or App Secret: set this computer's date and time right, then try again.",
    )
    return sentences(clock.format(duration=counts().duration(abs(offset))), advice)


class _Refusals(NamedTuple):
    """What the hosts tried did, of what a refusal's advice and title say."""

    wait_s: int | None  # the shortest wait a host asked for (429, 503), or None
    untimed: bool  # a host asked to wait, giving no time
    denied: bool  # a host refused access (401, 403 outside BeeCloud's envelope)
    server_error: bool  # a host failed with a server error (5xx)
    only_waits: bool  # every host asked to wait or is still waited for (and one was tried)


def _read_refusals(reasons: Iterable[str]) -> _Refusals:
    waits: list[int] = []
    untimed = denied = server_error = other = False
    for reason in reasons:
        template, details = read_reason(reason) or ("", {})
        if template in (said.WAIT, said.RESTING) and details.get("seconds", "").isdigit():
            waits.append(int(details["seconds"]))
        elif template == said.WAIT_UNTIMED:
            untimed = True
        else:
            other = True
            denied |= template == said.DENIED
            server_error |= template == said.SERVER_ERROR
    only_waits = bool(waits or untimed) and not other
    # a host busy with no time named may be asked at once: no wait to say (as busy_s)
    wait_s = None if untimed else min(waits, default=None)
    return _Refusals(wait_s, untimed, denied, server_error, only_waits)


def _refused_advice(reasons: Iterable[str], write: bool) -> str:
    """What to do after hosts that asked to wait (429, 503), refused access (401, 403
    outside BeeCloud's envelope) or, for a query, failed with a server error (5xx), in
    the language shown; "" when none did."""
    found = _read_refusals(reasons)
    advice = []
    if found.wait_s is not None:
        wait = counts().wait(found.wait_s)
        advice.append(
            (
                QCoreApplication.translate(
                    "ErrorReport",
                    "The server is busy or down for maintenance and asked to wait {duration} "
                    "before it is asked again.",
                )
                if write
                else QCoreApplication.translate(
                    "ErrorReport",
                    "The server is busy or down for maintenance and asked to wait {duration}: "
                    "try again after that.",
                )
            ).format(duration=wait)
        )
    elif found.untimed:
        advice.append(
            QCoreApplication.translate(
                "ErrorReport",
                "The server is busy or down for maintenance: ask again in a few minutes.",
            )
            if write
            else QCoreApplication.translate(
                "ErrorReport",
                "The server is busy or down for maintenance: try again in a few minutes.",
            )
        )
    elif found.server_error and not write:  # a 5xx: its trouble, for a while
        advice.append(
            QCoreApplication.translate(
                "ErrorReport",
                "The server had a problem answering: try again in a few minutes. If it "
                "goes on, tell BeeCloud support when it happened and what is said here.",
            )
        )
    if found.denied:
        advice.append(
            QCoreApplication.translate(
                "ErrorReport",
                "The server refused this console access: ask whoever manages the shop's "
                "BeeCloud account or this office's network to let it in.",
            )
        )
    return sentences(*advice)


def _waited_title(reasons: Iterable[str]) -> str | None:
    """A failed query's title when every host asked to wait (429, 503) or is still
    waited for, in the language shown: what the status bar and a check's answer say in
    a few words. None when a host did anything else."""
    found = _read_refusals(reasons)
    if not found.only_waits:
        return None
    if found.wait_s is not None:
        return QCoreApplication.translate(
            "ErrorReport", "The server asked to wait {duration}"
        ).format(duration=counts().wait(found.wait_s))
    return QCoreApplication.translate("ErrorReport", "The server is busy or down for maintenance")


def without_secrets(report: ErrorReport, never: tuple[str, ...]) -> ErrorReport:
    """The report with the server's own words (result_msg, err_detail) rid of a job's
    secrets and of anything like a card number, as the audit log keeps them."""
    if not report.detail and not report.result_msg:
        return report
    return replace(
        report, result_msg=redact(report.result_msg, never), detail=redact(report.detail, never)
    )


def _history_file_text(error: HistoryFileError) -> str:
    """Why a sync could not write the history, as SQLite's code tells it (it said "Is the
    disk full?" of a file another console was writing too)."""
    if error.why == HISTORY_BUSY:
        text = QCoreApplication.translate(
            "ErrorReport",
            "The history on this computer could not be written ({reason}): another console "
            "or program is writing it. It keeps what it had, and the next sync tries again.",
        )
    elif error.why == HISTORY_FULL:
        text = QCoreApplication.translate(
            "ErrorReport",
            "The history on this computer could not be written ({reason}): the disk is "
            "full. It keeps what it had, and the next sync tries again.",
        )
    elif error.why == HISTORY_READ_ONLY:
        text = QCoreApplication.translate(
            "ErrorReport",
            "The history on this computer could not be written ({reason}): the file or its "
            "folder cannot be written. It keeps what it had.",
        )
    else:
        text = QCoreApplication.translate(
            "ErrorReport",
            "The history on this computer could not be written ({reason}): it keeps what it "
            "had, and the next sync tries again.",
        )
    return text.format(reason=reason_of(error))


def report_for(error: BaseException) -> ErrorReport:
    """Turn any exception from a job into what the user is told."""
    if isinstance(error, ApiError):
        info = describe(error.code)
        return ErrorReport(
            "api",
            report_title("api"),
            _refusal_text(error),
            code=error.code,
            result_msg=error.msg or info.name,
            english=info.english,
            chinese=info.chinese,
            detail=error.detail,
        )
    if isinstance(error, OutcomeUnknownError):
        return ErrorReport(
            "outcome_unknown",
            report_title("outcome_unknown"),
            sentences(_outcome_unknown_text(error), _refused_advice([error.reason], True)),
            detail=error.said,
            hosts=(error.host,),
            tried=((error.host, error.reason),),  # what the host did, as a transport's
            bill_no=error.bill_no,
            refund_no=error.refund_no,
        )
    if isinstance(error, TransportError):
        tried = tuple((f.host, f.reason) for f in error.failures)
        # nothing sent, by the console's own choice; or reached, with no answer of use:
        # neither is offline
        kind = "not_asked" if not error.asked else "server_error" if error.answered else "transport"
        return ErrorReport(
            kind,
            _waited_title(reason for _, reason in tried) or report_title(kind),
            sentences(
                QCoreApplication.translate("ErrorReport", _NO_USABLE_ANSWER[kind]).format(
                    hosts=hosts_tried_text(tried)
                ),
                _refused_advice((reason for _, reason in tried), False),
            ),
            detail=next((f.said for f in error.failures if f.said), ""),
            hosts=tuple(error.hosts_tried),
            tried=tried,
            wait_s=error.busy_s or None,
        )
    if isinstance(error, BadAnswerError):  # what the host did, as any host's reason
        return ErrorReport(
            "bad_answer",
            report_title("bad_answer"),
            QCoreApplication.translate("ErrorReport", "{host} {reason}.").format(
                host=error.host, reason=host_reason_text(error.reason)
            ),
            detail=error.said,
        )
    if isinstance(error, PagingError):
        template = (
            QCoreApplication.translate(
                "ErrorReport",
                "The server listed the same bills again on page {page}: it does not page its "
                "lists, so they cannot be read to the end. The history keeps what it had.",
            )
            if error.what == "bills"
            else QCoreApplication.translate(
                "ErrorReport",
                "The server listed the same refunds again on page {page}: it does not page "
                "its lists, so they cannot be read to the end. The history keeps what it had.",
            )
        )
        return ErrorReport(
            "bad_answer", report_title("bad_answer"), template.format(page=error.page)
        )
    if isinstance(error, ListContradictionError):
        template = (
            QCoreApplication.translate(
                "ErrorReport",
                "The server listed two different bills numbered {number} (the second on page "
                "{page}): its lists contradict themselves, so they were read no further. The "
                "history keeps neither.",
            )
            if error.what == "bills"
            else QCoreApplication.translate(
                "ErrorReport",
                "The server listed two different refunds numbered {number} (the second on page "
                "{page}): its lists contradict themselves, so they were read no further. The "
                "history keeps neither.",
            )
        )
        return ErrorReport(
            "bad_answer",
            report_title("bad_answer"),
            template.format(number=error.number, page=error.page),
        )
    if isinstance(error, ListOverrunError):
        said = counts().bills if error.what == "bills" else counts().refunds
        text = QCoreApplication.translate(
            "ErrorReport",
            "The server listed {listed} of a stretch in which it counts {counted}, and went "
            "on: its list and its count are too far apart to be read to the end (one of them "
            "is wrong), so the sync stopped. The history keeps what it read; if it goes on, "
            "tell BeeCloud support.",
        ).format(listed=said(error.listed), counted=said(error.counted))
        return ErrorReport("bad_answer", report_title("bad_answer"), text)
    if isinstance(error, HistoryFileError):
        title = report_title("history")
        if error.why == HISTORY_FULL:  # the status bar's few words name it
            title = QCoreApplication.translate(
                "ErrorReport", "The history could not be written: the disk is full"
            )
        return ErrorReport("history", title, _history_file_text(error))
    if isinstance(error, ValidationError):
        count = len(error.problems)
        return ErrorReport(
            "validation",
            report_title("validation"),
            counts().problems(count),
            problems=tuple(error.problems),
        )
    return ErrorReport(
        "unexpected",
        report_title("unexpected"),
        QCoreApplication.translate(
            "ErrorReport", "An unexpected {error} occurred; it was written to the log."
        ).format(error=type(error).__name__),
    )
