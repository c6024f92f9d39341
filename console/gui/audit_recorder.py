"""What the console writes to its audit log, in one place.

The session hands every job it submits, refuses or hears back about to an
AuditRecorder, and the profiles dialog hands it each profile it saves or
removes; no tab has audit code of its own.

- A payment (PAY) or refund (REFUND) job: a row "requested" when submitted, and
  one with its answer: "ok", "refused <code> <result_msg>", "unknown" (it may
  have been made: no answer, or an answer that could not be read) or
  "failed: …" (surely not made: refused before sending, no server reached).
  A job that could not even be prepared (no secret) is one row "failed: …".
- A query by bill_no or refund_no (FIND_BILL, FIND_REFUND) about a payment or
  refund whose outcome is not known yet ("requested", "unknown" or "in
  progress" last): a check row with what BeeCloud said ("ok", "not made",
  "in progress", "refused", or "unknown" again when the check got no answer).
- Profiles: added, changed (which fields), removed; the App Secret set or
  replaced, never its value.
No Qt here.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from console.api.channels import PAYPAL_PAYPAL
from console.api.models import BillRecord, BillRequest, RefundRecord, RefundRequest
from console.gui import audit_log as audit
from console.gui.audit_log import AuditEntry, AuditLog
from console.gui.jobs import FIND_BILL, FIND_REFUND, PAY, REFUND, ErrorReport, Job

if TYPE_CHECKING:  # only its id and name are read: no Qt here
    from console.gui.profiles import Profile

log = logging.getLogger(__name__)

# Failures after which a payment or refund surely did not happen; any other may have.
NOT_MADE_KINDS = ("validation", "transport", "secret")

# The jobs that write, and for each query the write it may settle and its check.
_WRITES = (PAY, REFUND)
_CHECKS = {
    FIND_BILL: (audit.PAYMENT, audit.PAYMENT_CHECK),
    FIND_REFUND: (audit.REFUND, audit.REFUND_CHECK),
}

# The profile fields a change names, in words.
_PROFILE_FIELDS = (
    ("name", "name"),
    ("app_id", "App ID"),
    ("hosts", "servers"),
    ("connect_timeout", "connect timeout"),
    ("read_timeout", "answer timeout"),
    ("ca_bundle", "CA bundle"),
)


@dataclass(frozen=True)
class _About:
    """What a row is about: through which profile, which action, what subject, how much."""

    profile_id: str
    profile_name: str
    action: str
    subject: str
    amount: int | None
    currency: str | None
    bill_no: str | None = None


def _secrets_of(job: Job) -> tuple[str, ...]:
    """What of this job must never be written, should a server echo it: the secret and
    the card's number and CVV."""
    card = getattr(job.request, "card", None)
    if card is None:
        return (job.credentials.secret,)
    return (job.credentials.secret, card.card_number, card.cvv)


def _write_row(job: Job, profile: Profile) -> _About | None:
    request = job.request
    if job.action == PAY and isinstance(request, BillRequest):
        return _About(
            profile.id,
            profile.name,
            audit.PAYMENT,
            request.bill_no,
            request.amount.hundredths,
            request.amount.currency,
        )
    if job.action == REFUND and isinstance(request, RefundRequest):
        return _About(
            profile.id,
            profile.name,
            audit.REFUND,
            request.refund_no,
            request.amount.hundredths,
            request.amount.currency,
            request.bill_no,
        )
    return None


def _request_detail(job: Job) -> str:
    request = job.request
    if isinstance(request, BillRequest):
        return f"{request.channel}, title “{request.title}”"
    if isinstance(request, RefundRequest):
        note = (request.optional or {}).get("note")
        return f"bill {request.bill_no}" + (f", note “{note}”" if note else "")
    return ""


def _answer_detail(job: Job, about: _About) -> str:
    request = job.request
    if isinstance(request, BillRequest):
        if request.channel == PAYPAL_PAYPAL:
            return "approval page made: paid once the payer approves"
        return "paid"
    return f"bill {about.bill_no}" if about.bill_no else ""


def _failure(report: ErrorReport) -> tuple[str, str]:
    """(result, detail) of a payment or refund that failed."""
    if report.kind == "api" and report.code is not None:
        detail = report.english + (f": {report.detail}" if report.detail else "")
        return audit.refused(report.code, report.result_msg), detail
    if report.kind in NOT_MADE_KINDS:
        problems = "; ".join(f"{p.field}: {p.message}" for p in report.problems)
        return audit.failed(report.title), problems or report.message
    if report.hosts:
        return audit.UNKNOWN, f"no answer from {report.hosts[0]}: check before trying again"
    return audit.UNKNOWN, f"{report.title}: check before trying again"


def _check_result(action: str, record: Any) -> tuple[str, str]:
    """(result, detail) of a query that settles an unknown payment or refund."""
    if record is None:
        what = "bill" if action == audit.PAYMENT_CHECK else "refund"
        return audit.NOT_MADE, f"BeeCloud has no such {what}"
    if isinstance(record, BillRecord):
        paid = "and is paid" if record.paid else "but is not paid yet"
        return audit.OK, f"the bill exists {paid}"
    if isinstance(record, RefundRecord):
        if not record.finished:
            return audit.IN_PROGRESS, f"bill {record.bill_no}: BeeCloud has not finished it"
        if record.succeeded:
            return audit.OK, f"bill {record.bill_no}: the refund was made"
        return audit.REFUSED, f"bill {record.bill_no}: the refund was refused"
    return audit.UNKNOWN, "the answer could not be read"


def profile_changes(before: Profile, after: Profile) -> list[str]:
    """The changed fields in words; name and App ID with their old and new values."""
    changes = []
    for field, words in _PROFILE_FIELDS:
        old, new = getattr(before, field), getattr(after, field)
        if old == new:
            continue
        if field in ("name", "app_id"):
            changes.append(f"{words} “{old}” → “{new}”")
        else:
            changes.append(words)
    return changes


class AuditRecorder:
    def __init__(self, log: AuditLog, notify: Callable[[AuditEntry], None] | None = None) -> None:
        self.log = log
        self.notify = notify  # told of every row appended (the session's Qt signal)
        self._awaited: dict[int, _About] = {}  # job id -> the row its answer completes

    def close(self) -> None:
        self._awaited.clear()
        self.log.close()

    # -- jobs ------------------------------------------------------------------------

    def submitted(self, job: Job, profile: Profile) -> None:
        """A job was queued: a payment or refund is "requested"; a check awaits its answer."""
        about = _write_row(job, profile) or self._check_of(job, profile)
        if about is None:
            return
        self._awaited[job.id] = about
        if job.action in _WRITES:
            self._append(about, audit.REQUESTED, _request_detail(job), _secrets_of(job))

    def not_sent(self, job: Job, profile: Profile, report: ErrorReport) -> None:
        """A payment or refund that could not be prepared (e.g. no secret): nothing was sent."""
        about = _write_row(job, profile)
        if about is not None:
            detail = f"nothing was sent: {report.message}"
            self._append(about, audit.failed(report.title), detail, _secrets_of(job))

    def answered(self, job: Job, outcome: Any) -> None:
        """The gateway's finished (a result) or failed (an ErrorReport) for any job."""
        about = self._awaited.pop(job.id, None)
        if about is None:
            return
        if job.action in _WRITES:
            if isinstance(outcome, ErrorReport):
                result, detail = _failure(outcome)
            else:
                result, detail = audit.OK, _answer_detail(job, about)
        elif isinstance(outcome, ErrorReport):
            result, detail = audit.UNKNOWN, f"the check got no answer: {outcome.title}"
        else:
            result, detail = _check_result(about.action, outcome)
        self._append(about, result, detail, _secrets_of(job))

    def _check_of(self, job: Job, profile: Profile) -> _About | None:
        """A query about a payment or refund whose outcome is still unknown: a check."""
        if job.action not in _CHECKS or not isinstance(job.request, str):
            return None
        write, check = _CHECKS[job.action]
        try:
            last = self.log.latest(profile.id, job.request, (write, check))
        except sqlite3.Error:
            log.exception("the audit log could not be read")
            return None
        if last is None or last.result not in audit.AWAITING:
            return None
        return _About(profile.id, profile.name, check, job.request, last.amount, last.currency)

    # -- profiles ----------------------------------------------------------------------

    def profile_saved(
        self,
        before: Profile | None,
        after: Profile,
        secret_changed: bool,
        session_only: bool = False,
    ) -> None:
        """The profiles dialog saved a profile (before is None for a new one)."""
        kept = "for this session only" if session_only else "in the system keyring"
        if before is None:
            detail = f"app {after.app_id}" + (f"; App Secret kept {kept}" if secret_changed else "")
            self._profile_row(after, audit.PROFILE_ADDED, detail)
            return
        changes = profile_changes(before, after)
        if changes:
            self._profile_row(after, audit.PROFILE_CHANGED, "changed: " + "; ".join(changes))
        if secret_changed:
            self._profile_row(after, audit.SECRET_CHANGED, f"new App Secret kept {kept}")

    def profile_removed(self, profile: Profile, secret_deleted: bool) -> None:
        detail = (
            "its App Secret was deleted"
            if secret_deleted
            else "its App Secret could not be deleted from the keyring"
        )
        self._profile_row(profile, audit.PROFILE_REMOVED, detail)

    def _profile_row(self, profile: Profile, action: str, detail: str) -> None:
        self._append(
            _About(profile.id, profile.name, action, profile.name, None, None), audit.OK, detail
        )

    # -- writing -------------------------------------------------------------------------

    def _append(self, row: _About, result: str, detail: str, never: tuple[str, ...] = ()) -> None:
        try:
            entry = self.log.append(
                profile_id=row.profile_id,
                profile_name=row.profile_name,
                action=row.action,
                subject=row.subject,
                amount=row.amount,
                currency=row.currency,
                result=result,
                detail=detail,
                never=never,
            )
        except sqlite3.Error:  # a full disk must not stop a refund's answer being shown
            log.exception("an audit row (%s, %s) could not be written", row.action, result)
            return
        if entry is not None and self.notify is not None:
            self.notify(entry)
