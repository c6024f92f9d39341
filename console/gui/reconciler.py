"""Keeps the refund journal true: moves each entry on BeeCloud's answers, and
asks BeeCloud about every unresolved refund of the active profile (when a
profile becomes active, i.e. at every start, and on demand).

Rules:
- a refund is journaled `sending` (record_sending) before it is queued;
- a start no clerk sees (`--exit-when-ready`) checks nothing by itself: what BeeCloud
  says of a refund is told to the clerk by the next start they see;
- every refund answer moves its entry, whichever widget sent it: made → done;
  refused or surely never sent → refused; anything else → unknown;
- a refund is held as on its way (console/store/in_flight.py) from before it is
  journaled until its answer has moved it on: another console on the data folder
  does not ask about it meanwhile (BeeCloud may not have it yet), and asks once
  the hold ends (its answer came, or its console stopped);
- a check asks the refund query by refund_no, never sends: found and
  succeeded → done; found and refused → refused; found but not finished →
  unknown (said so); not found → absent; but not found while the request of a
  refund left `sending` may still reach BeeCloud (its console was killed a moment
  before this one started), or of one whose answer was lost (a server slower than the
  read timeout may still make it), until its call would have ended
  (`Profile.arrives_until_ms`), proves nothing: it stays as it was, asked again then;
- only the user sends an absent refund again (send_again), with the same
  refund_no, bill and amount, journaled `sending` again first. BeeCloud takes
  a refund_no once, so even a wrong "absent" cannot refund twice: a re-send
  refused as invalid, or as a bill refunded already, is checked again rather
  than taken as refused;
- a re-send refused whose check finds it absent is not made, and is settled so
  (refused): sending it again can only be refused again. Refused as a bill
  refunded already (11), the bill's refund is another one: the bill's refunds
  are listed first, to name it (or, listing this one after all, to settle it by
  what they say). Refused as invalid (5), the request is, as it stands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from console.api.codes import ResultCode
from console.api.models import RefundQuery, RefundRecord, RefundRequest
from console.api.money import Money
from console.gui.jobs import NOT_PREPARED_KINDS, Action, ErrorReport
from console.gui.profiles import ASK_AGAIN_SLACK_MS
from console.gui.stored_texts import StoredText, load_params, profile_label
from console.gui.system_texts import store_text
from console.store.audit_log import redact_params
from console.store.in_flight import InFlight
from console.store.refund_journal import (
    SENDING,
    UNKNOWN,
    JournalEntry,
    JournalError,
    RefundJournal,
)
from console.store.stamps import now_ms

if TYPE_CHECKING:
    from console.gui.audit_recorder import AuditRecorder
    from console.gui.gateway import JobHandle
    from console.gui.profiles import Profile, ProfileStore

log = logging.getLogger(__name__)

NOT_SENT_KINDS = ("transport", "not_asked", "validation", *NOT_PREPARED_KINDS)  # surely never left
ELSEWHERE_POLL_MS = 1000  # how often a refund on its way in another console is looked at
# A re-send refused so may have met its own first sending, arrived late: the number
# used (5), or the bill's one refund there (11, from a BeeCloud that looks at the bill
# first). Checked, never taken as refused.
RESENT_MAYBE_MADE = (ResultCode.PARAM_INVALID, ResultCode.ALREADY_REFUNDING)
RESENT_REFUSED_KEYS = ("journal.resent_refused", "journal.resent_refused_detail")
# The details of a refund whose own answer was lost (`_answered`): it may still arrive.
ANSWER_LOST = ("journal.no_answer", "journal.no_answer_from")


def resent_refused_code(entry: JournalEntry) -> int | None:
    """The code a re-send of this refund was refused with, while it is being checked
    (its journal says so, also after a restart); None otherwise."""
    if entry.detail_key not in RESENT_REFUSED_KEYS:
        return None
    code = (load_params(entry.detail_params) or {}).get("code")
    return code if isinstance(code, int) else None


def bill_has_refund_detail(entry: JournalEntry, records: list[RefundRecord] | None) -> StoredText:
    """Why a refund sent again, refused with 11 and found absent, was not made: the
    bill's refund (made, else in progress), named when its refunds list one."""
    others = [
        r
        for r in records or []
        if r.bill_no == entry.bill_no
        and r.refund_no != entry.refund_no
        and (r.succeeded or not r.finished)
    ]
    if not others:
        # (the list shows none: it lags, or could not be read)
        return StoredText("journal.bill_has_a_refund")
    other = max(others, key=lambda r: (r.succeeded, r.created_time))
    params: dict[str, object] = {
        "other_no": other.refund_no,
        "refund_fee": other.refund_fee,
        "currency": entry.currency or "",  # a refund is in its bill's currency
    }
    if other.succeeded:
        return StoredText("journal.bill_has_refund_made", {**params, "time_ms": other.created_time})
    return StoredText("journal.bill_has_refund_pending", params)


def refused_detail(key: str, report: ErrorReport, never: tuple[str, ...]) -> StoredText:
    """'… 11 ALREADY_REFUNDING: The bill already has a refund … (detail)' (with _detail
    added to the key when BeeCloud gave a detail). The server's words lose what a
    server may echo: `never` (the job's secrets), a card number, an app_sign."""
    params: dict[str, object] = {"code": report.code, "result_msg": report.result_msg}
    if report.detail:
        params["detail"] = report.detail
        key += "_detail"
    return StoredText(key, redact_params(params, never))


class RefundsSession(Protocol):
    """What the reconciler needs of the console's session (console/gui/session.py): the
    profile in use, the profiles, a way to send a job, the audit log (a refund dropped),
    and whether a clerk sees this start (`seen`: not with --exit-when-ready)."""

    seen: bool
    audit: AuditRecorder

    @property
    def profile(self) -> Profile: ...

    @property
    def profiles(self) -> ProfileStore: ...

    def submit(self, action: Action, request: Any, description: str) -> JobHandle: ...


class Reconciler(QObject):
    changed = Signal()  # the journal, or what is being checked, changed
    settled = Signal(object)  # JournalEntry: an unresolved refund was settled by a check or re-send

    def __init__(
        self,
        session: RefundsSession,
        journal: RefundJournal,
        parent: QObject | None = None,
        in_flight: InFlight | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.journal = journal
        self.holds = in_flight if in_flight is not None else InFlight(None)
        self._in_flight: set[str] = set()  # sent by this run, no answer yet
        self._resending: set[str] = set()  # of those, the ones sent again from the journal
        self._checking: set[str] = set()
        self._listing: set[str] = set()  # absent after an 11: their bill's refunds listed
        self._elsewhere: set[str] = set()  # on their way in another console: checked after
        self._problems: dict[str, str] = {}  # refund_no -> why the last check failed
        self._elsewhere_poll = QTimer(self)
        self._elsewhere_poll.setInterval(ELSEWHERE_POLL_MS)
        self._elsewhere_poll.timeout.connect(self._look_elsewhere)

    # -- what the views show ---------------------------------------------------------

    def entry(self, refund_no: str) -> JournalEntry | None:
        return None if self.journal.closed else self.journal.get(refund_no)

    def unresolved(self, profile_id: str | None = None) -> list[JournalEntry]:
        return [] if self.journal.closed else self.journal.unresolved(profile_id)

    def needing_attention(self) -> list[JournalEntry]:
        """Unresolved refunds of every profile, but those on their way now, here or in
        another console (that console says how they end)."""
        return [e for e in self.unresolved() if not self.is_in_flight(e.refund_no)]

    def made_for_bill(self, profile_id: str, bill_no: str) -> JournalEntry | None:
        """The bill's refund made from this console, as the journal has it, through this
        profile or another of its app (one since removed too: the entry keeps its app)."""
        if self.journal.closed:
            return None
        return self.journal.made_for_bill(
            profile_id,
            bill_no,
            app_id=self._app_of(profile_id),
            of_its_app=self._of_its_app(profile_id),
        )

    def unresolved_for_bill(self, profile_id: str, bill_no: str) -> JournalEntry | None:
        """The bill's unresolved refund, sent through this profile or another of its app."""
        app_id, profiles = self._app_of(profile_id), self._of_its_app(profile_id)
        return next(
            (e for e in self.unresolved() if e.bill_no == bill_no and e.is_of(app_id, profiles)),
            None,
        )

    def _app_of(self, profile_id: str) -> str:
        """The profile's App ID ("" for one the settings no longer hold)."""
        profile = self.session.profiles.find(profile_id)
        return profile.app_id if profile is not None else ""

    def _of_its_app(self, profile_id: str) -> set[str]:
        """The profile and every other of its app: a bill is its app's, whichever profile
        reaches it (the same shop through other hosts)."""
        profile = self.session.profiles.find(profile_id)
        if profile is None:
            return {profile_id}
        return {p.id for p in self.session.profiles.all() if p.app_id == profile.app_id}

    def is_in_flight(self, refund_no: str) -> bool:
        """On its way now, from this console or from another on the data folder."""
        return refund_no in self._in_flight or self._held_elsewhere(refund_no)

    def is_checking(self, refund_no: str) -> bool:
        return refund_no in self._checking or refund_no in self._listing

    def problem(self, refund_no: str) -> str | None:
        """Why the last check of this refund failed, if it did."""
        return self._problems.get(refund_no)

    def profile_name(self, profile_id: str) -> str | None:
        profile = self.session.profiles.find(profile_id)
        return profile_label(profile.id, profile.name) if profile is not None else None

    # -- sending -------------------------------------------------------------------------

    def record_sending(
        self, request: RefundRequest, profile_id: str, as_listed: Collection[str] = ()
    ) -> JournalEntry:
        """Journal a refund as `sending`; call it before queuing. Raises JournalError;
        BillHasRefund when a refund of its bill, through a profile of its app, is
        unresolved or made (but one `as_listed`: the refund_nos of the bill's list as
        read), checked as it is written: another console may have written one since
        the caller looked (made_for_bill, unresolved_for_bill)."""
        self.holds.hold(request.refund_no)
        try:
            entry = self.journal.record_sending(
                request.refund_no,
                request.bill_no,
                request.amount.hundredths,
                request.amount.currency,
                profile_id,
                request.optional,
                app_id=self._app_of(profile_id),
                of_its_app=self._of_its_app(profile_id),
                as_listed=as_listed,
            )
        except BaseException:
            self.holds.release(request.refund_no)
            raise
        self._in_flight.add(request.refund_no)
        self.changed.emit()
        return entry

    def send_again(self, refund_no: str) -> str | None:
        """The user's choice for an absent refund: the same request, same refund_no.
        Returns why it cannot be sent (nothing is sent then), or None."""
        entry = self.entry(refund_no)
        if entry is None:
            return self.tr("Refund {refund_no} is not in the journal.").format(refund_no=refund_no)
        if entry.profile_id != self.session.profile.id:
            name = self.profile_name(entry.profile_id)
            if name is None:
                return self.tr(
                    "The profile that sent refund {refund_no} was removed; it cannot go again."
                ).format(refund_no=refund_no)
            return self.tr(
                "Switch to the profile “{name}” to send refund {refund_no} again."
            ).format(name=name, refund_no=refund_no)
        if refund_no in self._checking or refund_no in self._in_flight:
            return self.tr(
                "Refund {refund_no} is being checked or sent; wait for the answer."
            ).format(refund_no=refund_no)
        # Asked here, in the language shown (the journal's own error is in English): it
        # may have been settled, or its day passed, while the question was open.
        problem = entry.resend_problem(translate=QCoreApplication.translate)
        if problem:
            return problem
        self.holds.hold(refund_no)
        try:
            entry = self.journal.record_resending(refund_no, translate=QCoreApplication.translate)
        except JournalError as error:
            self.holds.release(refund_no)
            return store_text(error)
        self._in_flight.add(refund_no)
        self._resending.add(refund_no)
        self._problems.pop(refund_no, None)
        self.changed.emit()
        # The wire carries refund_fee in hundredths only; the currency is for display.
        amount = Money(entry.refund_fee, entry.currency or "USD")
        request = RefundRequest(entry.bill_no, refund_no, amount, optional=entry.optional)
        self.session.submit(  # its answer comes through watch(), as every refund's
            Action.REFUND,
            request,
            self.tr("Sending refund {refund_no} of bill {bill_no} again").format(
                refund_no=refund_no, bill_no=entry.bill_no
            ),
        )
        return None

    def drop(self, refund_no: str) -> bool:
        """The user's choice for an absent refund: do not send it again."""
        if self.journal.closed:
            return False
        detail = StoredText("journal.dropped", {"operator": self.journal.operator})
        entry = self._safely(lambda: self.journal.mark_dropped(refund_no, detail))
        if entry is None:
            return False
        profile = self.session.profiles.find(entry.profile_id)
        name = profile.name if profile is not None else entry.profile_id
        self.session.audit.refund_dropped(entry, name)
        self.settled.emit(entry)
        self.changed.emit()
        return True

    # -- checking ------------------------------------------------------------------------

    def check_all(self) -> int:
        """Ask about every unresolved refund of the active profile; how many checks went out."""
        return sum(self.check(e.refund_no) for e in self.unresolved(self.session.profile.id))

    def check(self, refund_no: str) -> bool:
        """Ask BeeCloud for this refund by its number (never a re-send)."""
        entry = self.entry(refund_no)
        if entry is None or not entry.unresolved:
            return False
        if entry.profile_id != self.session.profile.id:
            return False  # another app's refund: it is checked when its profile is active
        if refund_no in self._in_flight | self._checking | self._listing | self._elsewhere:
            return False
        if self._held_elsewhere(refund_no):
            self.changed.emit()  # on its way in another console: checked once it is not
            return False
        handle = self.session.submit(
            Action.FIND_REFUND,
            refund_no,
            self.tr("Checking refund {refund_no}").format(refund_no=refund_no),
        )
        self._checking.add(refund_no)
        self._problems.pop(refund_no, None)
        handle.finished.connect(lambda record: self._checked(refund_no, record))
        handle.failed.connect(lambda report: self._check_failed(refund_no, report))
        handle.cancelled.connect(lambda: self._checking.discard(refund_no))
        self.changed.emit()
        return True

    def apply_found(self, refund_no: str, record: RefundRecord | None) -> JournalEntry | None:
        """What a refund query answered about a journaled refund (from any checker)."""
        entry = self.entry(refund_no)
        if entry is None or not entry.unresolved:
            return None
        if record is None and self.is_in_flight(refund_no):
            return None  # its own answer is still to come: "not there yet" proves nothing
        if record is None and self._may_still_arrive(entry):
            self.changed.emit()
            return None
        if record is None and resent_refused_code(entry) == ResultCode.ALREADY_REFUNDING:
            self._list_bills_refunds(entry)  # the bill's refund is another: which?
            return None
        moved = self._safely(lambda: self._move_on_found(entry, record))
        self._problems.pop(refund_no, None)
        if moved is not None and not moved.unresolved:
            self.settled.emit(moved)
        self.changed.emit()
        return moved

    def arrives_until_ms(self, entry: JournalEntry) -> int:
        """Until when a refund BeeCloud does not list may still reach it (0: it cannot): one
        left `sending` (its console stopped: killed, the power gone) or whose answer was
        lost (a server slower than the read timeout may still make it), until its call
        would have ended (from its entry's last move: its sending, or the loss, later).
        Timed by the timeouts of the profile that sent it, whichever is in use now."""
        profile = self.session.profiles.find(entry.profile_id)
        if profile is None:
            return 0
        lost = entry.state == UNKNOWN and entry.detail_key in ANSWER_LOST
        if entry.state != SENDING and not lost:
            return 0
        return profile.arrives_until_ms(entry.updated)

    def _may_still_arrive(self, entry: JournalEntry) -> bool:
        """Whether a refund BeeCloud does not list may still reach it (arrives_until_ms);
        if so it is asked about again once its call would have ended."""
        wait_ms = self.arrives_until_ms(entry) - now_ms()
        if wait_ms <= 0:
            return False
        refund_no = entry.refund_no
        QTimer.singleShot(wait_ms + ASK_AGAIN_SLACK_MS, self, lambda: self.check(refund_no))
        return True

    def apply_listed(self, records: list[RefundRecord]) -> None:
        """A refund list that shows a journaled refund settles it like a query would."""
        for record in records:
            entry = self.entry(record.refund_no)
            if entry is not None and entry.unresolved and record.finished:
                self.apply_found(record.refund_no, record)

    def _move_on_found(
        self, entry: JournalEntry, record: RefundRecord | None
    ) -> JournalEntry | None:
        journal, refund_no = self.journal, entry.refund_no
        if record is None and resent_refused_code(entry) == ResultCode.PARAM_INVALID:
            # Its number is not taken: the request is refused as it is, and would be again.
            refused = load_params(entry.detail_params) or {}
            key = (
                "journal.resent_invalid_detail" if "detail" in refused else "journal.resent_invalid"
            )
            return journal.mark_refused(refund_no, StoredText(key, refused))
        if record is None:
            return journal.mark_absent(refund_no, "")  # the state says it all
        if not record.is_for(entry.bill_no, entry.refund_fee):
            mismatch = {
                "bill_no": record.bill_no,
                "refund_fee": record.refund_fee,
                "currency": record.currency or entry.currency or "",
            }
            return journal.mark_unknown(refund_no, StoredText("journal.mismatch", mismatch))
        if not record.finished:
            return journal.mark_unknown(refund_no, StoredText("journal.unfinished"))
        if record.succeeded:
            made = {"time_ms": record.created_time}
            return journal.mark_done(refund_no, StoredText("journal.found_made", made))
        return journal.mark_refused(refund_no, StoredText("journal.listed_refused"))

    def _list_bills_refunds(self, entry: JournalEntry) -> None:
        """A re-send refused with 11 and found absent: the bill's refunds are listed,
        to name the refund the bill has, then it is settled as not made."""
        refund_no = entry.refund_no
        if refund_no in self._listing:
            return
        records: list[RefundRecord] = []
        handle = self.session.submit(
            Action.ALL_REFUNDS,
            RefundQuery(bill_no=entry.bill_no),
            self.tr("Loading refunds of bill {bill_no}").format(bill_no=entry.bill_no),
        )
        self._listing.add(refund_no)
        self._problems.pop(refund_no, None)
        handle.page.connect(records.extend)
        handle.finished.connect(lambda _count: self._bills_refunds_listed(refund_no, records))
        handle.failed.connect(lambda _report: self._bills_refunds_listed(refund_no, None))
        handle.cancelled.connect(lambda: self._listing_stopped(refund_no))
        self.changed.emit()

    def _listing_stopped(self, refund_no: str) -> None:
        self._listing.discard(refund_no)
        self.changed.emit()

    def _bills_refunds_listed(self, refund_no: str, records: list[RefundRecord] | None) -> None:
        """The bill's refunds (None: they could not be listed; the refund was not made
        all the same, its number absent after the bill was said to have a refund)."""
        self._listing.discard(refund_no)
        entry = self.entry(refund_no)
        if entry is None or not entry.unresolved:
            self.changed.emit()
            return
        own = next((r for r in records or [] if r.refund_no == refund_no), None)
        if own is not None:  # listed after all: what the list says settles it
            self.apply_found(refund_no, own)
            return
        detail = bill_has_refund_detail(entry, records)
        moved = self._safely(lambda: self.journal.mark_refused(refund_no, detail))
        if moved is not None:
            self.settled.emit(moved)
        self.changed.emit()

    # -- answers ---------------------------------------------------------------------------

    def watch(self, handle: JobHandle) -> None:
        """Every refund job (the session hands each one here): its answer moves its
        journal entry, whichever widget sent it."""
        refund_no = handle.job.request.refund_no
        never = handle.job.secrets()
        handle.finished.connect(lambda _result: self._answered(refund_no, None))
        handle.failed.connect(lambda report: self._answered(refund_no, report, never))

    def _held_elsewhere(self, refund_no: str) -> bool:
        """Whether the refund is on its way in another console now; if so, it is
        looked at again until it no longer is (_look_elsewhere)."""
        if not self.holds.elsewhere(refund_no):
            return False
        if refund_no not in self._elsewhere:
            self._elsewhere.add(refund_no)
            self._elsewhere_poll.start()
        return True

    @Slot()
    def _look_elsewhere(self) -> None:
        """The other console's refunds no longer on their way (answered, or their
        console stopped): shown again, and checked when still unresolved."""
        ended = {n for n in self._elsewhere if not self.holds.elsewhere(n)}
        if not ended:
            return
        self._elsewhere -= ended
        if not self._elsewhere:
            self._elsewhere_poll.stop()
        for refund_no in sorted(ended):
            self.check(refund_no)
        self.changed.emit()

    def _checked(self, refund_no: str, record: RefundRecord | None) -> None:
        self._checking.discard(refund_no)
        if not self.journal.closed:
            self.apply_found(refund_no, record)

    def _check_failed(self, refund_no: str, report: ErrorReport) -> None:
        self._checking.discard(refund_no)
        self._problems[refund_no] = self.tr("Could not ask BeeCloud: {reason}.").format(
            reason=report.title
        )
        self.changed.emit()

    def _answered(
        self, refund_no: str, report: ErrorReport | None, never: tuple[str, ...] = ()
    ) -> None:
        """A refund's own answer (None: made); `never`: what of it must not be written."""
        if self.journal.closed:
            return
        self._in_flight.discard(refund_no)
        resent = refund_no in self._resending
        self._resending.discard(refund_no)
        journal = self.journal
        check_again = False
        mark: Callable[[str, StoredText], JournalEntry | None]
        if report is None:
            mark, detail = journal.mark_done, StoredText("journal.made")
        elif report.kind == "api" and resent and report.code in RESENT_MAYBE_MADE:
            # BeeCloud takes a refund_no once, and a bill one refund: the first sending may
            # have arrived after all.
            mark = journal.mark_unknown
            detail = refused_detail("journal.resent_refused", report, never)
            check_again = True
        elif report.kind == "api":
            detail = refused_detail("journal.refused", report, never)
            mark = journal.mark_refused
        elif report.kind in NOT_SENT_KINDS:
            # Surely never left: a re-send goes back to waiting for the user's decision.
            mark = journal.mark_absent if resent else journal.mark_refused
            key = "journal.not_sent_again" if resent else "journal.not_sent"
            detail = StoredText(key, {"report": report.kind, "reason": report.title})
        elif report.hosts:
            mark = journal.mark_unknown
            detail = StoredText("journal.no_answer_from", {"host": report.hosts[0]})
        else:
            mark, detail = journal.mark_unknown, StoredText("journal.no_answer")
        moved = self._safely(lambda: mark(refund_no, detail))
        self.holds.release(refund_no)  # moved on (or left as it is, unwritable): checkable
        if resent and moved is not None and not moved.unresolved:
            self.settled.emit(moved)
        self.changed.emit()
        if check_again:
            self.check(refund_no)

    @Slot(object)
    def on_profile_changed(self, _profile: Profile) -> None:
        """Another profile is in use, or the one in use was saved again (its secret may
        be mended): its refunds of unknown outcome are checked; not in a start no clerk
        sees, which leaves them, and what BeeCloud says of them, to the next start."""
        self.changed.emit()
        if self.session.seen:
            self.check_all()

    def _safely(self, move: Callable[[], JournalEntry | None]) -> JournalEntry | None:
        """A journal write from a slot: a failure is logged, never raised into Qt."""
        try:
            return move()
        except JournalError as error:
            if self.journal.database.writable:
                log.exception("the refund journal could not be written")
            else:  # a read-only store (said at start): the entry stays as it is
                log.warning("the refund journal is read-only: %s", error)
            return None
