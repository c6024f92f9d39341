"""Jobs: API calls fully prepared on the GUI thread, then queued to the worker.

A job carries everything it needs, the secret included, so the worker never
reads settings or the keyring. Its `topic` names the view it serves: a newer
job on the same topic supersedes an older one, whose answer is then dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from console.api.codes import describe
from console.api.errors import (
    ApiError,
    BadAnswerError,
    OutcomeUnknownError,
    TransportError,
    ValidationError,
)
from console.api.validate import Problem

# What a job asks of the client: one call, or every page of a query.
PAY, REFUND, FIND_BILL, FIND_REFUND = "pay", "refund", "find_bill", "find_refund"
ALL_BILLS, ALL_REFUNDS = "all_bills", "all_refunds"
PAGED_ACTIONS = (ALL_BILLS, ALL_REFUNDS)


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


@dataclass(frozen=True)
class Job:
    topic: str
    action: str
    request: Any
    credentials: Credentials
    description: str
    id: int = 0


@dataclass(frozen=True)
class ErrorReport:
    """A failure as the user sees it: never a traceback."""

    kind: str  # api | transport | bad_answer | outcome_unknown | validation | unexpected
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

    def text(self) -> str:
        """Everything the user should see, one fact a line."""
        lines = [self.message]
        if self.code is not None:
            lines.append(f"Result code {self.code} {self.result_msg}")
            lines.append(f"{self.english} / {self.chinese}")
        if self.detail:
            lines.append(f"Detail: {self.detail}")
        lines += [f"{p.field}: {p.message}" for p in self.problems]
        return "\n".join(lines)


def report_for(error: BaseException) -> ErrorReport:
    """Turn any exception from a job into what the user is told."""
    if isinstance(error, ApiError):
        info = describe(error.code)
        return ErrorReport(
            "api",
            "BeeCloud refused the request",
            f"{info.english} ({info.chinese})",
            code=error.code,
            result_msg=error.msg or info.name,
            english=info.english,
            chinese=info.chinese,
            detail=error.detail,
        )
    if isinstance(error, OutcomeUnknownError):
        return ErrorReport(
            "outcome_unknown",
            "Outcome unknown",
            str(error),
            hosts=(error.host,),
            bill_no=error.bill_no,
            refund_no=error.refund_no,
        )
    if isinstance(error, TransportError):
        return ErrorReport(
            "transport", "No server answered", str(error), hosts=tuple(error.hosts_tried)
        )
    if isinstance(error, BadAnswerError):
        return ErrorReport("bad_answer", "The server's answer made no sense", str(error))
    if isinstance(error, ValidationError):
        return ErrorReport(
            "validation", "Please correct the form", str(error), problems=tuple(error.problems)
        )
    return ErrorReport(
        "unexpected",
        "Something went wrong",
        f"An unexpected {type(error).__name__} occurred; it was written to the log.",
    )
