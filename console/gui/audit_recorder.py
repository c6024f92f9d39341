"""What the console writes to its audit log, in one place.

The session hands every job it submits (its handle) or refuses to an
AuditRecorder, which hears the job's answer on its handle; the profiles dialog
hands it each profile it saves or removes; no tab has audit code of its own.

- A payment (PAY) or refund (REFUND) job: a row "requested" when submitted, and
  one with its answer: "ok", "refused <code> <result_msg>", "unknown" (it may
  have been made: no answer, or an answer that could not be read) or
  "failed: …" (surely not made: refused before sending, no server reached).
  A job that could not even be prepared (no secret) is one row "failed: …".
- A query by bill_no or refund_no (FIND_BILL, FIND_REFUND) about a payment or
  refund whose outcome is not known yet ("requested", "unknown" or "in
  progress" last), or about a payment made and not paid yet (a PayPal payment
  waiting for its payer): a check row with what BeeCloud said ("ok", "not made",
  "in progress", "refused", or "unknown" again when the check got no answer; of a
  payment made and not paid yet, or a refund found in progress, none then: BeeCloud
  has it). So is one about a refund BeeCloud took (answered 0, "accepted": its record
  says whether it is made), the read the Refund tab makes at once: made, in progress or
  refused (none while not listed).
  Not a payment on its way, here or in another console on the data folder
  (console/store/in_flight.py): BeeCloud may not have its bill yet, and its own
  answer is still to come. Nor "no such bill" or "no such refund" of one whose request
  may still reach BeeCloud (on its way when its console was killed, or its answer
  lost to a server slower than the read timeout: `Profile.arrives_until_ms`): it stays
  as it was, asked about again.
- A refund taken (answered 0) or found in progress that the history lists finished
  since (the Refund tab follows it: `refund_listed`): one check row of how it ended.
- Profiles: added, changed (which fields), removed; the App Secret set or
  replaced, never its value.
- Saved cards: one remembered for the Saved card channel, or forgotten: its PayPal id
  (which charges nothing without the app's secret) and its label, never a number.
- Exports of a table's rows to a file (console/gui/tables/table_export.py), once
  written, cancelled or failed: which table, the file, how many rows; through the
  profile shown when the export began.
Each detail is a stored text (console/gui/stored_texts.py): a key and its params,
shown in the language of the moment, written with its English words. No widgets here.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from console.api.cards import without_card_numbers
from console.api.channels import PAYPAL_PAYPAL
from console.api.models import BillRecord, BillRequest, RefundRecord, RefundRequest
from console.export.table import CANCELLED, DONE
from console.gui.jobs import (
    FIND_BILL,
    FIND_REFUND,
    PAY,
    REFUND,
    REPORT_TITLES,
    ErrorReport,
    Job,
)
from console.gui.stored_texts import StoredText, english_title, problem_params
from console.store import audit_log as audit
from console.store.audit_log import AuditEntry, AuditLog
from console.store.database import stored_object
from console.store.errors import StoreError
from console.store.refund_journal import JournalEntry
from console.store.stamps import Moment, now_ms, span_ends_ms

if TYPE_CHECKING:  # only its id and name are read
    from console.export.table import ExportEnd
    from console.gui.gateway import JobHandle
    from console.gui.profiles import Profile

log = logging.getLogger(__name__)

# Failures after which a payment or refund surely did not happen; any other may have.
NOT_MADE_KINDS = (
    "validation",
    "transport",
    "not_asked",
    "secret",
    "keyring",
    "removed",
    "changed",
    "unreadable",
)

# For each query, the write it may settle and its check.
_CHECKS = {
    FIND_BILL: (audit.PAYMENT, audit.PAYMENT_CHECK),
    FIND_REFUND: (audit.REFUND, audit.REFUND_CHECK),
}

# The profile fields a change names (stored_texts.CHANGE_TEMPLATES has their words); name
# and App ID with their old and new values.
_PROFILE_FIELDS = ("name", "app_id", "hosts", "connect_timeout", "read_timeout", "ca_bundle")
_WITH_VALUES = ("name", "app_id")


class _About(NamedTuple):
    """What a row is about: through which profile, which action, what subject, how much."""

    profile_id: str
    profile_name: str
    action: str
    subject: str
    amount: int | None
    currency: str | None
    bill_no: str | None = None
    # A check: when the write was last sent, if its request may still be on its way, and
    # how long its call may last (Profile.call_ms)
    sent: Moment | None = None
    call_ms: int = 0
    # A check of a write answered and not settled by its answer: a payment made and not
    # paid yet (a PayPal payment waiting for its payer), a refund taken (answered 0)
    of_waiting: bool = False

    @property
    def arrives_until_ms(self) -> int:
        """A check: until when (epoch ms, on the clock as it reads now) the write's request
        may still reach BeeCloud (Profile.arrives_until_ms); 0 when it cannot."""
        return 0 if self.sent is None else span_ends_ms(self.sent, self.call_ms)


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


def payment_card(request: BillRequest) -> str:
    """Which card a payment is charged to, as the audit log may keep it: "visa •••• 1111"
    (never the number), a saved card's id, or "" (PayPal)."""
    if request.card is not None:
        return f"{request.card.card_type} {request.card.masked_number}"
    return request.credit_card_id or ""


def _request_detail(job: Job) -> StoredText | None:
    request = job.request
    if isinstance(request, BillRequest):
        params = {"channel": request.channel, "title": audit.typed(request.title)}
        card = payment_card(request)
        if card:
            params["card"] = card  # to know a repeat: a masked number or a saved card's id
        return StoredText("audit.pay_request", params)
    if isinstance(request, RefundRequest):
        note = (request.optional or {}).get("note")
        if note:
            return StoredText(
                "audit.refund_request_note",
                {"bill_no": request.bill_no, "note": audit.typed(str(note))},
            )
        return StoredText("audit.refund_request", {"bill_no": request.bill_no})
    return None


def _answer_detail(job: Job, about: _About, outcome: Any) -> StoredText | None:
    request = job.request
    if isinstance(request, BillRequest):
        if request.channel == PAYPAL_PAYPAL and not getattr(outcome, "url", None):
            return StoredText(audit.NO_APPROVAL_PAGE)  # made, but no payer can approve it
        if request.channel == PAYPAL_PAYPAL:
            return StoredText("audit.approval_page")
        return StoredText("audit.paid")
    if not about.bill_no:
        return None
    # 0 is BeeCloud taking the refund; its record says when it is made (a check row)
    return StoredText(audit.REFUND_ACCEPTED, {"bill_no": about.bill_no})


def failure_of(report: ErrorReport) -> tuple[str, StoredText]:
    """(result, detail) of a payment or refund that failed."""
    if report.kind == "api" and report.code is not None:
        if report.detail:
            detail = StoredText(
                "audit.refused_detail", {"code": report.code, "detail": report.detail}
            )
        else:
            detail = StoredText("audit.refused", {"code": report.code})
        return audit.refused(report.code, report.result_msg), detail
    if report.kind in NOT_MADE_KINDS:
        if report.problems:
            problems = [problem_params(p) for p in report.problems]
            detail = StoredText("audit.problems", {"problems": problems})
        elif report.kind == "transport" and report.tried:
            detail = StoredText("audit.no_server", {"tried": [list(t) for t in report.tried]})
        elif report.kind == "not_asked" and report.tried:
            detail = StoredText("audit.not_asked", {"tried": [list(t) for t in report.tried]})
        else:
            detail = StoredText("audit.not_sent", _reason(report))
        return audit.failed(english_title(report.kind, report.title)), detail
    if report.hosts:
        return audit.UNKNOWN, StoredText("audit.no_answer_from", {"host": report.hosts[0]})
    return audit.UNKNOWN, StoredText("audit.unknown_outcome", _reason(report))


def _reason(report: ErrorReport) -> dict[str, str]:
    """A report's title as params: its kind (shown as the title in the language of the
    moment) and, for a kind without a fixed title, the title as it was shown."""
    return {"report": report.kind, "reason": report.title}


def _check_result(about: _About, record: Any) -> tuple[str, StoredText]:
    """(result, detail) of a query that settles an unknown payment or refund."""
    if record is None:
        if about.of_waiting:  # BeeCloud answered it with its approval page: it was made
            return audit.UNKNOWN, StoredText(audit.MADE_NOT_LISTED)
        check = about.action
        key = "audit.no_such_bill" if check == audit.PAYMENT_CHECK else "audit.no_such_refund"
        return audit.NOT_MADE, StoredText(key)
    if isinstance(record, BillRecord):
        if not record.is_for(about.amount, about.currency):
            listed = {
                "total_fee": record.total_fee,
                "currency": record.currency or about.currency or "",
            }
            return audit.UNKNOWN, StoredText("audit.bill_mismatch", listed)
        return audit.OK, StoredText("audit.bill_paid" if record.paid else "audit.bill_unpaid")
    if isinstance(record, RefundRecord):
        if not record.is_for(about.bill_no, about.amount):
            # Listed for another bill or amount than was sent: as the refund journal says.
            mismatch = {
                "bill_no": record.bill_no,
                "refund_fee": record.refund_fee,
                "currency": record.currency or about.currency or "",
            }
            return audit.UNKNOWN, StoredText("journal.mismatch", mismatch)
        bill = {"bill_no": record.bill_no}
        if not record.finished:
            return audit.IN_PROGRESS, StoredText("audit.refund_unfinished", bill)
        if record.succeeded:
            return audit.OK, StoredText("audit.refund_made", bill)
        return audit.REFUSED, StoredText("audit.refund_refused", bill)
    return audit.UNKNOWN, StoredText("audit.unreadable")


def _waits_for_payer(last: AuditEntry) -> bool:
    """Whether a payment's last row says it was made and not paid yet: a PayPal payment
    created, waiting for its payer, or a check that found it unpaid since (or did not
    find it listed, which does not unmake it)."""
    if last.result == audit.UNKNOWN:
        return last.detail_key == audit.MADE_NOT_LISTED
    return last.result == audit.OK and last.detail_key in (
        "audit.approval_page",
        "audit.bill_unpaid",
    )


def profile_changes(before: Profile, after: Profile) -> list[list[str]]:
    """The changed fields: [field], or [field, old, new] for the name and App ID."""
    changes = []
    for field in _PROFILE_FIELDS:
        old, new = getattr(before, field), getattr(after, field)
        if old == new:
            continue
        changes.append([field, str(old), str(new)] if field in _WITH_VALUES else [field])
    return changes


class AuditRecorder:
    def __init__(
        self,
        log: AuditLog,
        notify: Callable[[AuditEntry], None] | None = None,
        on_held: Callable[[int], None] | None = None,
    ) -> None:
        self.log = log
        # (profile id, subject) of each check asked and not answered yet, how many
        self._checking: Counter[tuple[str, str]] = Counter()
        self.notify = notify  # told of every row appended (the session's Qt signal)
        # told how many rows are held (AuditLog.held) each time it changes
        self.on_held = on_held

    # -- jobs ------------------------------------------------------------------------

    def requested(self, job: Job, profile: Profile) -> None:
        """A payment or refund about to be queued, written down first ("requested").
        StoreError when it cannot be (a full disk): it is then not sent, as a refund
        whose journal entry cannot be written is not."""
        about = _write_row(job, profile)
        if about is not None:
            self._write(about, audit.REQUESTED, _request_detail(job), job.secrets())

    def watch(self, handle: JobHandle, profile: Profile) -> None:
        """A job was queued (a payment or refund was written down as requested before):
        its answer, or a check's, is written when it comes on the job's handle (a job
        cancelled at close gets none: its outcome is checked at the next start)."""
        job = handle.job
        about = _write_row(job, profile) or self._check_of(job, profile)
        if about is None:
            return
        handle.finished.connect(lambda result: self.answered(job, about, result))
        handle.failed.connect(lambda report: self.answered(job, about, report))
        if about.action in (audit.PAYMENT_CHECK, audit.REFUND_CHECK):
            # its answer says how it ended: a sync meanwhile does not (refund_listed)
            key = (profile.id, about.subject)
            self._checking[key] += 1
            handle.ended.connect(lambda: self._check_ended(key))

    def _check_ended(self, key: tuple[str, str]) -> None:
        self._checking[key] -= 1
        if self._checking[key] <= 0:
            del self._checking[key]

    def not_sent(self, job: Job, profile: Profile, report: ErrorReport) -> None:
        """A payment or refund that could not be prepared (e.g. no secret): nothing was sent."""
        about = _write_row(job, profile)
        if about is not None:
            if report.kind == "secret":
                detail = StoredText("audit.not_sent_no_secret", {"name": profile.name})
            else:
                detail = StoredText("audit.not_sent", _reason(report))
            result = audit.failed(english_title(report.kind, report.title))
            self._append(about, result, detail, job.secrets())

    def answered(self, job: Job, about: _About, outcome: Any) -> None:
        """A watched job's result, or its ErrorReport."""
        detail: StoredText | None
        if job.action.writes:
            if isinstance(outcome, ErrorReport):
                result, detail = failure_of(outcome)
            else:
                result, detail = audit.OK, _answer_detail(job, about, outcome)
        elif isinstance(outcome, ErrorReport) and about.of_waiting:
            # its answer came (a PayPal payment's, with its link; a refund's 0, or a
            # check finding it in progress: BeeCloud has it): an
            # unanswered check leaves it as it was, never a write of unknown outcome
            log.info("a check of %s got no answer", about.subject)
            return
        elif isinstance(outcome, ErrorReport):
            result, detail = audit.UNKNOWN, StoredText("audit.check_no_answer", _reason(outcome))
        elif outcome is None and about.of_waiting and about.action == audit.REFUND_CHECK:
            # taken (or found in progress), and not listed (BeeCloud's list lags): it
            # stays as it was, "accepted" or "in progress"
            log.info("refund %s was taken and is not listed yet", about.subject)
            return
        elif outcome is None and now_ms() < about.arrives_until_ms:
            log.info("%s is not there yet, but may still reach BeeCloud", about.subject)
            return
        else:
            result, detail = _check_result(about, outcome)
        self._append(about, result, detail, job.secrets())

    def follow_refunds(
        self, profile: Profile, listed: Callable[[str], RefundRecord | None]
    ) -> None:
        """Each refund of the profile last audited as taken or in progress that BeeCloud
        lists finished now (`listed`: its record in the history just synced): how it
        ended, once (refund_listed). The Refund tab says so of the one its panel shows;
        one it showed no more kept "in progress" as its last row for good."""
        try:
            unfinished = self.log.refunds_unfinished(profile.id)
        except StoreError:
            log.exception("the audit log could not be read")
            return
        for refund_no in unfinished:
            record = listed(refund_no)
            if record is not None and record.finished:
                self.refund_listed(profile, refund_no, record)

    def refund_listed(self, profile: Profile, refund_no: str, record: RefundRecord) -> None:
        """A refund BeeCloud lists finished (a sync or a list of refunds brought its
        record), last audited as taken (answered 0) or found in progress: how it ended,
        as a check's row says it. Once: that row is its last row then."""
        try:
            last = self.log.latest(profile.id, refund_no, (audit.REFUND, audit.REFUND_CHECK))
        except StoreError:
            log.exception("the audit log could not be read")
            return
        if last is None or not record.finished or self._checking[(profile.id, refund_no)] > 0:
            return  # (a check asked of it says it, when its answer comes)
        if not audit.awaits_refund_end(last):
            return  # said already, or another row's to say (a check of one unknown)
        bill_no = self._refund_bill(profile, refund_no)
        about = _About(
            profile.id,
            profile.name,
            audit.REFUND_CHECK,
            refund_no,
            last.amount,
            last.currency,
            bill_no,
        )
        result, detail = _check_result(about, record)
        self._append(about, result, detail)

    def _check_of(self, job: Job, profile: Profile) -> _About | None:
        """A query about a payment or refund whose outcome is still unknown: a check."""
        if job.action not in _CHECKS or not isinstance(job.request, str):
            return None
        write, check = _CHECKS[job.action]
        if write == audit.PAYMENT and self.log.on_their_way.anywhere(job.request):
            return None
        try:
            last = self.log.latest(profile.id, job.request, (write, check))
        except StoreError:
            log.exception("the audit log could not be read")
            return None
        waiting = last is not None and (_waits_for_payer(last) or audit.awaits_refund_end(last))
        if last is None or not (last.result in audit.AWAITING or waiting):
            return None
        bill_no = self._refund_bill(profile, job.request) if write == audit.REFUND else None
        # No answer came (the console stopped first), or its answer was lost (a server
        # slower than the read timeout may still make it), a check since getting none
        # either: it may still arrive, until its call would have ended (from its sending).
        on_its_way = last.result in (audit.REQUESTED, audit.UNKNOWN)
        sent = self._sent(profile, job.request, write, last) if on_its_way else None
        return _About(
            profile.id,
            profile.name,
            check,
            job.request,
            last.amount,
            last.currency,
            bill_no,
            sent,
            profile.call_ms,
            waiting,
        )

    def _sent(self, profile: Profile, subject: str, write: str, last: AuditEntry) -> Moment:
        """When a payment or refund was last sent (a refund may be sent again): its newest
        request row's moment (else the last row's, which came later)."""
        try:
            request = self.log.request_row(profile.id, subject, write)
        except StoreError:
            log.exception("the request row could not be read")
            return last.moment
        return request.moment if request is not None else last.moment

    def _refund_bill(self, profile: Profile, refund_no: str) -> str | None:
        """The bill a refund was sent for, as its request row has it."""
        try:
            request = self.log.request_row(profile.id, refund_no, audit.REFUND)
        except StoreError:
            log.exception("the refund's request row could not be read")
            return None
        params = stored_object(request.detail_params) if request else None
        bill_no = (params or {}).get("bill_no")
        return bill_no if isinstance(bill_no, str) else None

    # -- profiles ----------------------------------------------------------------------

    def profile_saved(
        self,
        before: Profile | None,
        after: Profile,
        secret_changed: bool,
        session_only: bool = False,
        master_secret: str | None = None,
    ) -> None:
        """The profiles dialog saved a profile (before is None for a new one);
        master_secret: "set", "forgotten" or None (left as it was)."""
        if before is None:
            added = "audit.profile_added"
            if secret_changed:
                added += "_session" if session_only else "_keyring"
            self._profile_row(
                after, audit.PROFILE_ADDED, StoredText(added, {"app_id": after.app_id})
            )
            self._master_secret_row(after, master_secret)
            return
        changes = profile_changes(before, after)
        if changes:
            detail = StoredText("audit.profile_changed", {"changes": changes})
            self._profile_row(after, audit.PROFILE_CHANGED, detail)
        if secret_changed:
            kept = "audit.secret_session" if session_only else "audit.secret_keyring"
            self._profile_row(after, audit.SECRET_CHANGED, StoredText(kept))
        self._master_secret_row(after, master_secret)

    def _master_secret_row(self, profile: Profile, change: str | None) -> None:
        if change is not None:
            detail = StoredText(f"audit.master_secret_{change}")
            self._profile_row(profile, audit.SECRET_CHANGED, detail)

    def profile_removed(self, profile: Profile, secret_deleted: bool) -> None:
        key = "audit.secret_deleted" if secret_deleted else "audit.secret_not_deleted"
        self._profile_row(profile, audit.PROFILE_REMOVED, StoredText(key))

    def _profile_row(self, profile: Profile, action: str, detail: StoredText) -> None:
        self._append(
            _About(profile.id, profile.name, action, profile.name, None, None), audit.OK, detail
        )

    def refund_dropped(self, entry: JournalEntry, profile_name: str) -> None:
        """A refund that never reached BeeCloud, which a clerk chose not to send again
        (Refunds to check): a refund owed that will not be made, kept by the journal only
        before. Under the profile it was made for."""
        about = _About(
            entry.profile_id,
            profile_name,
            audit.REFUND_DROPPED,
            entry.refund_no,
            entry.refund_fee,
            entry.currency,
            entry.bill_no,
        )
        detail = StoredText("audit.refund_dropped", {"bill_no": entry.bill_no})
        self._append(about, audit.NOT_MADE, detail)

    # -- saved cards -------------------------------------------------------------------

    def card_saved(self, profile_id: str, profile_name: str, card_id: str, label: str) -> None:
        """A card was remembered under a profile, as `label`, for the Saved card channel:
        a write any clerk can then charge with a click, so who did it is kept."""
        self._card_row(profile_id, profile_name, audit.CARD_SAVED, card_id, label)

    def card_forgotten(self, profile_id: str, profile_name: str, card_id: str, label: str) -> None:
        """A saved card was forgotten (no longer offered; PayPal keeps it)."""
        self._card_row(profile_id, profile_name, audit.CARD_FORGOTTEN, card_id, label)

    def _card_row(
        self, profile_id: str, profile_name: str, action: str, card_id: str, label: str
    ) -> None:
        # the label is typed by a clerk: kept as a payment's title is (audit_log.typed)
        key = "audit.card_saved" if action == audit.CARD_SAVED else "audit.card_forgotten"
        detail = StoredText(key, {"label": audit.typed(label)})
        self._append(
            _About(profile_id, profile_name, action, card_id, None, None), audit.OK, detail
        )

    # -- exports -------------------------------------------------------------------------

    def export_ended(self, profile: Profile, end: ExportEnd) -> StoreError | None:
        """An export of a table's rows (a TAB_NAMES name) ended: written, cancelled or
        failed (refused before anything was written: no row). Returns why its row could
        not be written (a full disk), for the export's message to say so."""
        # a card number in the file's name, however written, is masked (as free text is)
        path = without_card_numbers(str(end.path), audit.MASK)
        params: dict[str, Any] = {"table": end.table, "path": path}
        if end.outcome == DONE:
            result, detail = audit.OK, StoredText("audit.exported", {**params, "rows": end.rows})
        elif end.outcome == CANCELLED:
            result, detail = audit.NOT_MADE, StoredText("audit.export_cancelled", params)
        else:
            # the system's reason (in English, translated when shown), not "Export failed"
            result = audit.failed(end.why or REPORT_TITLES["export"])
            detail = StoredText("audit.export_failed", {**params, "why": end.why})
        # the file's name, free text (the dialog suggests one holding what was searched
        # for): a card number in it is masked, as in the detail's path
        name = audit.redact(without_card_numbers(end.path.name, audit.MASK))
        about = _About(profile.id, profile.name, audit.EXPORT, name, None, None)
        return self._append(about, result, detail)

    # -- writing -------------------------------------------------------------------------

    def write_held(self) -> None:
        """Write the rows held, if the database takes them now (a quiet retry)."""
        held = len(self.log.held)
        if held:
            self.log.write_held()
            self._held_changed(held)

    def _append(
        self,
        row: _About,
        result: str,
        detail: StoredText | None,
        never: tuple[str, ...] = (),
    ) -> StoreError | None:
        """A row after the fact (an answer, a check): a full disk must not stop a
        refund's answer being shown, nor lose the row: it is held (AuditLog.held) and
        written before the next row that can be; why it is not written yet is returned."""
        entry = self._write(row, result, detail, never, hold=True)
        if entry is not None and not entry.saved:
            return self.log.held_because
        return None

    def _write(
        self,
        row: _About,
        result: str,
        detail: StoredText | None,
        never: tuple[str, ...],
        hold: bool = False,
    ) -> AuditEntry | None:
        held = len(self.log.held)
        try:
            entry = self.log.append(
                profile_id=row.profile_id,
                profile_name=row.profile_name,
                action=row.action,
                subject=row.subject,
                amount=row.amount,
                currency=row.currency,
                result=result,
                detail=detail.english if detail is not None else "",
                detail_key=detail.key if detail is not None else "",
                detail_params=detail.params if detail is not None else None,
                never=never,
                hold=hold,
            )
        finally:
            self._held_changed(held)
        if entry is not None and self.notify is not None:
            self.notify(entry)
        return entry

    def _held_changed(self, before: int) -> None:
        now = len(self.log.held)
        if now != before and self.on_held is not None:
            self.on_held(now)
