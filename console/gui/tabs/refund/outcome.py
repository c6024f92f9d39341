"""How each refund of the Refund tab ended, in the outcome panel below the Refund
button, and the refunds whose answer never came ("unsettled").

An unsettled refund may or may not have been made: its bill stays blocked until
"Check now" (a refund query by its refund_no, never a re-send), the bill's own
refund list, or the refund journal (Refunds to check, a restart check) settles it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from console.api.codes import ResultCode
from console.api.models import RefundRecord
from console.api.money import format_money
from console.api.validate import china_today
from console.gui.absent_refund import why_not_again
from console.gui.api_texts import host_reason_text, refusal_advice
from console.gui.feedback import OutcomePanel
from console.gui.gateway import JobHandle
from console.gui.i18n import sentences
from console.gui.jobs import FIND_REFUND, UNKNOWN_OUTCOMES, ErrorReport
from console.gui.plain_text import PlainLabel
from console.gui.profiles import ASK_AGAIN_SLACK_MS
from console.gui.reconciler import Reconciler
from console.gui.session import ConsoleSession
from console.gui.stored_texts import journal_detail
from console.gui.system_texts import store_text
from console.gui.tables.formatting import local_time_text
from console.gui.tabs.refund.bill_panel import amount_text
from console.gui.tabs.refund.confirm_refund import refund_phrase
from console.gui.tabs.refund.prepared import PreparedRefund
from console.store.refund_journal import (
    ABSENT,
    DONE,
    SENDING,
    UNKNOWN,
    JournalEntry,
    JournalError,
    refund_no_day,
    refund_no_day_text,
)
from console.store.stamps import now_ms
from console.translatable import QT_TRANSLATE_NOOP

TO_CHECK = QT_TRANSLATE_NOOP("RefundOutcome", "“Refunds to check” at the top of the window")


def _to_check() -> str:
    return QCoreApplication.translate("RefundOutcome", TO_CHECK)


def what_beecloud_allows(code: int | None) -> str | None:
    """For a refund BeeCloud refused: the rule it applied, in plain words."""
    rules: dict[int, str] = {
        ResultCode.CHANNEL_INVALID: QT_TRANSLATE_NOOP(
            "RefundOutcome",
            "BeeCloud refunds here only bills paid through PayPal, and through the channel "
            "they were paid with: refund this bill where it was paid.",
        ),
        ResultCode.NO_SUCH_BILL: QT_TRANSLATE_NOOP(
            "RefundOutcome", "BeeCloud has no bill with this number on this profile's app."
        ),
        ResultCode.BILL_UNSUCCESS: QT_TRANSLATE_NOOP(
            "RefundOutcome", "BeeCloud refunds only a bill that was paid."
        ),
        ResultCode.REFUND_EXCEED_TIME: QT_TRANSLATE_NOOP(
            "RefundOutcome", "PayPal refunds a sale only within 180 days of it."
        ),
        ResultCode.ALREADY_REFUNDING: QT_TRANSLATE_NOOP(
            "RefundOutcome",
            "BeeCloud allows one successful refund per bill, and this bill has one already "
            "(or one in progress): it cannot be refunded again, not even the rest of it.",
        ),
        ResultCode.REFUND_AMOUNT_TOO_LARGE: QT_TRANSLATE_NOOP(
            "RefundOutcome", "A refund can be at most the bill's own amount."
        ),
    }
    rule = rules.get(code) if code is not None else None
    return QCoreApplication.translate("RefundOutcome", rule) if rule else None


class RefundOutcome(QObject):
    """The outcome panel, its "Check now" button and hint, and the refunds of unknown
    outcome by bill. RefundForm places the widgets; RefundTab tells of each answer."""

    checked = Signal(str, object)  # refund_no, RefundRecord or None: what Check now found
    taken_read = Signal()  # the panel says what became of a refund BeeCloud took (its record read)

    def __init__(self, session: ConsoleSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._check: JobHandle | None = None  # Check now, while it asks
        # (app id, bill_no) -> its refund of unknown outcome: a bill is its app's, and
        # another profile's app may have a bill of the same number (one of the same app
        # has the same bill)
        self.unsettled: dict[tuple[str, str], PreparedRefund] = {}
        self.bill_no: str | None = None  # the bill the panel shows news of
        self._check_target: PreparedRefund | None = None
        # The refund the panel says never arrived: it may be sent again from Refunds to check.
        self._absent_shown: PreparedRefund | None = None
        # The refund BeeCloud took (answered 0) that the panel shows, its record being read.
        self._taken: PreparedRefund | None = None
        # The refund the panel says BeeCloud has not finished: followed in the history
        # (follow_history) until it lists it done or refused.
        self._in_progress: PreparedRefund | None = None
        self.panel = OutcomePanel()
        self.check_button = QPushButton(self.tr("Check now"))
        self.check_button.setToolTip(self.tr("Ask BeeCloud whether this refund number exists"))
        self.check_button.clicked.connect(self.check_now)
        self.check_button.hide()
        self.check_hint = PlainLabel()
        self.check_hint.setWordWrap(True)
        self.check_hint.hide()

    def add_to(self, layout: QVBoxLayout) -> None:
        """The panel, then the Check now button and its hint, below what the layout holds."""
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        layout.addWidget(self.panel)
        layout.addLayout(check_row)
        layout.addWidget(self.check_hint)

    @property
    def reconciler(self) -> Reconciler:
        return self.session.reconciler

    def is_waiting(self) -> bool:
        """An answer is still to come or to be checked: the panel outlives lookups. (Not
        the record of a refund taken being read: its answer came, and news of it goes
        with its bill, as any answer's does.)"""
        return self.panel.kind in ("pending", "outcome_unknown")

    def is_reading(self) -> bool:
        """The record of a refund BeeCloud took is being read, to say whether it is made."""
        return self._taken is not None

    def _about(self, bill_no: str, check: PreparedRefund | None = None) -> None:
        """The outcome panel is about to show news of this bill (and maybe a refund to check)."""
        self.bill_no = bill_no
        self._check_target = check
        self._absent_shown = None
        self._taken = None
        self._in_progress = None
        self.update_check_button()

    def clear(self) -> None:
        self.bill_no = None
        self._check_target = None
        self._absent_shown = None
        self._taken = None
        self._in_progress = None
        self.panel.clear()
        self.update_check_button()

    # -- why a bill cannot be refunded again yet -------------------------------------

    def blocked_reason(self, bill_no: str) -> str | None:
        """Why a refund of unknown outcome (here or in the journal) blocks this bill."""
        unsettled = self.unsettled_here(bill_no)
        if unsettled is not None:
            refund_no = unsettled.refund_no
            return self.tr(
                "The outcome of refund {refund_no} of this bill is unknown. "
                "Press “Check now” before refunding it again."
            ).format(refund_no=refund_no)
        entry = self.reconciler.unresolved_for_bill(self.session.profile.id, bill_no)
        return None if entry is None else self._journal_reason(entry)

    def unsettled_here(self, bill_no: str) -> PreparedRefund | None:
        """The refund of unknown outcome of this bill of the active profile's app."""
        return self.unsettled.get((self.session.profile.app_id, bill_no))

    def key(self, prepared: PreparedRefund) -> tuple[str, str]:
        """(its profile's app id, its bill_no): a bill is its app's, whichever profile."""
        profile = self.session.profiles.find(prepared.profile_id)
        return (profile.app_id if profile else prepared.profile_id, prepared.bill_no)

    def _journal_reason(self, entry: JournalEntry) -> str:
        """Why an unresolved refund in the journal blocks another refund of its bill."""
        refund_no = entry.refund_no
        in_flight = self.reconciler.is_in_flight(refund_no)
        if entry.state == ABSENT and not in_flight and (instead := why_not_again(entry)):
            return sentences(instead, self._fresh_there())  # as Refunds to check says it
        if in_flight:
            text = self.tr("Refund {refund_no} of this bill is on its way; wait for its answer.")
        elif entry.state == ABSENT:
            text = self.tr(
                "Refund {refund_no} of this bill never reached BeeCloud. Send it again or drop "
                "it under {where} before starting another refund of this bill."
            )
        elif entry.state == SENDING:
            text = self.tr(
                "Refund {refund_no} of this bill was being sent when the console stopped; its "
                "outcome is not known yet. Check it under {where} before refunding this "
                "bill again."
            )
        else:
            text = self.tr(
                "The outcome of refund {refund_no} of this bill is unknown. Check it under "
                "{where} before refunding this bill again."
            )
        return text.format(refund_no=refund_no, where=_to_check())

    # -- a refund being sent ------------------------------------------------------------

    def show_not_written(self, prepared: PreparedRefund, error: JournalError) -> None:
        """The journal could not hold the refund, so it was not sent."""
        self._about(prepared.bill_no)
        self.panel.show_report(
            ErrorReport(
                "journal",
                self.tr("Refund {refund_no} was not sent").format(refund_no=prepared.refund_no),
                self.tr(
                    "Nothing was refunded for bill {bill_no}: the console could not write "
                    "the refund down before sending it. {error}"
                ).format(bill_no=prepared.bill_no, error=store_text(error)),
            )
        )

    def day_passed(self, prepared: PreparedRefund) -> bool:
        """Whether the refund's number is of a day gone in China (confirmed after
        midnight there): BeeCloud takes a number only on its own day. If so, says so."""
        if refund_no_day(prepared.refund_no) == china_today():
            return False
        self._about(prepared.bill_no)
        self.panel.show_report(
            ErrorReport(
                "validation",
                self.tr("Refund {refund_no} was not sent: the day changed").format(
                    refund_no=prepared.refund_no
                ),
                self.tr(
                    "Nothing was refunded for bill {bill_no}. Its number is for {day} (China "
                    "time), and BeeCloud takes a refund number only on its own day. Press "
                    "Refund… again: the refund gets a new number."
                ).format(bill_no=prepared.bill_no, day=refund_no_day_text(prepared.refund_no)),
                bill_no=prepared.bill_no,
                refund_no=prepared.refund_no,
            )
        )
        return True

    def show_sending(self, prepared: PreparedRefund) -> None:
        self._about(prepared.bill_no)
        self.panel.show_pending(
            self.tr("Sending refund {refund_no}…").format(refund_no=prepared.refund_no),
            self.tr("{subject}. Wait for BeeCloud's answer.").format(subject=prepared.subject()),
        )

    def show_refunded(self, prepared: PreparedRefund) -> None:
        """BeeCloud answered 0: it took the refund. Whether it is made is its record's
        to say (`finish`, `result`: PayPal may not have made it yet, or may refuse it),
        so it is read at once, whichever bill the tab shows by then, and the panel says
        "done" only once BeeCloud lists it made."""
        self._about(prepared.bill_no)
        self._taken = prepared
        self.panel.show_success(
            self.tr("Refund {refund_no} of {amount} accepted").format(
                refund_no=prepared.refund_no, amount=format_money(prepared.amount)
            ),
            sentences(
                self._refund_line(prepared),
                self.tr("BeeCloud took it; whether it is made is being read…"),
            ),
        )
        if self.session.profile.id != prepared.profile_id:
            # Another profile in use since it was sent: a read goes through that one's app,
            # which has no such refund ("does not list it yet" of one made). Read only
            # through its own, as Refunds to check reads one (Reconciler.check).
            self._show_taken(prepared, None, read=False)
            return
        read = self.session.submit(
            FIND_REFUND,
            prepared.refund_no,
            self.tr("Reading refund {refund_no}").format(refund_no=prepared.refund_no),
        )
        read.finished.connect(lambda record: self._show_taken(prepared, record))
        read.failed.connect(lambda _report: self._show_taken(prepared, None, read=False))
        read.cancelled.connect(lambda: self._show_taken(prepared, None, read=False))

    def _refund_line(self, prepared: PreparedRefund) -> str:
        return self.tr("Bill {bill_no}: {what}. Profile: {profile}.").format(
            bill_no=prepared.bill_no,
            what=refund_phrase(prepared.amount, prepared.bill_total),
            profile=prepared.profile_name,
        )

    def _show_taken(
        self, prepared: PreparedRefund, record: RefundRecord | None, read: bool = True
    ) -> None:
        """What BeeCloud's record of a refund it took says, while the panel still shows it."""
        if self._taken is not prepared:
            return  # other news since
        self._taken = None
        title = self.panel.title.text()
        if record is not None and not record.is_for(prepared.bill_no, prepared.amount.hundredths):
            record = None  # not the refund sent: nothing is claimed of it
        if record is None:
            self.panel.show_success(
                title,
                sentences(
                    self._refund_line(prepared),
                    self.tr("BeeCloud took it but does not list it yet.")
                    if read
                    else self.tr("BeeCloud took it; whether it is made could not be read."),
                    self.tr("The Refunds tab shows it once a sync brings it."),
                ),
            )
        elif not record.finished:
            self.panel.show_pending(
                self.tr("Refund {refund_no} of {amount} is in progress").format(
                    refund_no=prepared.refund_no, amount=format_money(prepared.amount)
                ),
                sentences(
                    self._refund_line(prepared),
                    self.tr(
                        "BeeCloud took it but has not finished it; the Refunds tab shows "
                        "when it is done."
                    ),
                ),
            )
            self._in_progress = prepared
        else:  # (the read itself is the audit log's check row: AuditRecorder._check_of)
            self._show_finished(prepared, record)
        self.taken_read.emit()

    def _show_finished(self, prepared: PreparedRefund, record: RefundRecord) -> None:
        """BeeCloud lists the refund it took finished: done (with the amount sent), or
        refused."""
        if record.succeeded:
            self.panel.show_success(
                self.tr("Refund {refund_no} of {amount} done").format(
                    refund_no=prepared.refund_no, amount=format_money(prepared.amount)
                ),
                self._refund_line(prepared),
            )
            return
        self.panel.show_report(
            ErrorReport(
                "api",
                self.tr("Refund {refund_no} was refused").format(refund_no=prepared.refund_no),
                self.tr(
                    "BeeCloud took it, then refused it; nothing was refunded for bill "
                    "{bill_no}. A refused refund does not count: the bill can be refunded "
                    "again."
                ).format(bill_no=prepared.bill_no),
                bill_no=prepared.bill_no,
                refund_no=prepared.refund_no,
            )
        )

    def follow_history(self) -> str | None:
        """The history (a sync, the Refunds tab's reads: BeeCloud's own lists) brought the
        refund the panel says is in progress finished: the panel said "in progress" for
        good beside a Refunds tab saying Succeeded or Refused. Said now as its read would
        say it, the audit log told once, the journal settled (one of unknown outcome, as
        Check now settles it). Only through the profile that sent it: another profile's
        history is another app's, and settles nothing. Returns the bill_no of a refund
        taken (answered 0) so settled, for its refunds to be read again."""
        prepared = self._in_progress
        if prepared is None or self.session.profile.id != prepared.profile_id:
            return None
        if self._check is not None and self._check.running:
            return None  # Check now's answer (kept in the history first) is its to say
        record = self.session.history.listed_refund(prepared.refund_no)
        if record is None or not record.finished:
            return None
        if not record.is_for(prepared.bill_no, prepared.amount.hundredths):
            return None  # listed otherwise than sent: nothing is claimed of it
        self._in_progress = None
        self.session.audit.refund_listed(self.session.profile, prepared.refund_no, record)
        if self._unsettled_by_refund_no(prepared.refund_no) is prepared:
            self.checked.emit(prepared.refund_no, record)  # as Check now finding it so
            return None
        self._show_finished(prepared, record)
        self.taken_read.emit()
        return prepared.bill_no

    def show_failed(
        self, prepared: PreparedRefund, report: ErrorReport, signed_with_master: bool = False
    ) -> None:
        """Not made, or (no readable answer) unsettled until checked; `signed_with_master`:
        whether it was sent signed with the profile's Master Secret."""
        if report.kind in UNKNOWN_OUTCOMES:
            self.unsettled[self.key(prepared)] = prepared
            self.show_unsettled(prepared, report)
        else:
            self._about(prepared.bill_no)
            self.panel.show_report(self._not_made(prepared, report, signed_with_master))

    def _not_made(
        self, prepared: PreparedRefund, report: ErrorReport, signed_with_master: bool
    ) -> ErrorReport:
        """A refund that surely did not happen: refused by BeeCloud, or never sent."""
        nothing = QCoreApplication.translate(
            "RefundOutcome", "Nothing was refunded for bill {bill_no}."
        ).format(bill_no=prepared.bill_no)
        if report.kind == "api":
            title = QCoreApplication.translate(
                "RefundOutcome", "Refund {refund_no} was not made: BeeCloud refused it"
            ).format(refund_no=prepared.refund_no)
            message = nothing
            hint = (
                self.session.refund_signature_hint(prepared.profile_id, signed_with_master)
                if report.code == ResultCode.APP_INVALID
                else what_beecloud_allows(report.code) or refusal_advice(report.code)
            )
            if hint:
                message = sentences(nothing, hint)
        else:
            title = QCoreApplication.translate(
                "RefundOutcome", "Refund {refund_no} was not sent: {reason}"
            ).format(refund_no=prepared.refund_no, reason=report.title)
            message = sentences(nothing, report.message)
        return replace(
            report,
            title=title,
            message=message,
            bill_no=prepared.bill_no,
            refund_no=prepared.refund_no,
        )

    # -- outcome unknown, and checking it -------------------------------------------------

    def show_unsettled(self, prepared: PreparedRefund, report: ErrorReport | None = None) -> None:
        if report is not None and report.tried:  # what the host did: dropped, garbled…
            host, reason = report.tried[0]
            what_happened = self.tr("{host} {reason}").format(
                host=host, reason=host_reason_text(reason)
            )
        elif report is not None and report.hosts:
            what_happened = self.tr("no answer came back from {host}").format(host=report.hosts[0])
        elif report is not None:
            what_happened = self.tr("its answer could not be read")
        else:
            what_happened = self.tr("no answer came back")
        message = self.tr(
            "{subject} was sent through the profile “{profile}”, but {what_happened}. "
            "It may or may not have been made. "
            "Press “Check now” to ask BeeCloud; do not refund this bill again before that."
        ).format(
            subject=prepared.subject(),
            profile=prepared.profile_name,
            what_happened=what_happened,
        )
        self._about(prepared.bill_no, check=prepared)
        self.panel.show_report(
            ErrorReport(
                "outcome_unknown",
                self.tr("Outcome unknown: refund {refund_no}").format(refund_no=prepared.refund_no),
                message,
                bill_no=prepared.bill_no,
                refund_no=prepared.refund_no,
            )
        )

    def update_check_button(self) -> None:
        target = self._check_target
        self.check_button.setVisible(target is not None)
        hint = ""
        if target is not None:
            checking = self._check is not None and self._check.running
            other_profile = target.profile_id != self.session.profile.id
            self.check_button.setEnabled(not checking and not other_profile)
            if other_profile:
                hint = self.tr(
                    "Switch back to the profile “{profile}” to check this refund."
                ).format(profile=target.profile_name)
            elif checking:
                hint = self.tr("Asking BeeCloud about refund {refund_no}…").format(
                    refund_no=target.refund_no
                )
        self.check_hint.setText(hint)
        self.check_hint.setVisible(bool(hint))

    @Slot()
    def check_now(self) -> None:
        """Ask for the unsettled refund by its refund_no; never send it again."""
        target = self._check_target
        if target is None or target.profile_id != self.session.profile.id:
            return
        if self._check is not None and self._check.running:
            return
        refund_no = target.refund_no
        check = self._check = self.session.submit(
            FIND_REFUND,
            refund_no,
            self.tr("Checking refund {refund_no}").format(refund_no=refund_no),
        )
        check.finished.connect(lambda record: self._checked(refund_no, record))
        check.failed.connect(lambda report: self._check_failed(refund_no, report))
        check.cancelled.connect(self.update_check_button)
        self.update_check_button()

    def _checked(self, refund_no: str, record: RefundRecord | None) -> None:
        self.checked.emit(refund_no, record)
        self.update_check_button()

    def _check_failed(self, refund_no: str, report: ErrorReport) -> None:
        self.show_check_failed(refund_no, report)
        self.update_check_button()

    def _forget(self, prepared: PreparedRefund) -> None:
        """A refund of unknown outcome settled: its bill is free again."""
        for key, unsettled in list(self.unsettled.items()):
            if unsettled is prepared:
                del self.unsettled[key]

    def _unsettled_by_refund_no(self, refund_no: str) -> PreparedRefund | None:
        return next((p for p in self.unsettled.values() if p.refund_no == refund_no), None)

    def show_checked(self, refund_no: str, record: RefundRecord | None) -> str | None:
        """What the check found; the bill_no whose refund it settled, if it did."""
        prepared = self._unsettled_by_refund_no(refund_no)
        if prepared is None:
            return None
        if record is not None and not record.is_for(prepared.bill_no, prepared.amount.hundredths):
            self._show_listed_otherwise(prepared, record)
            return None
        if record is not None and not record.finished:
            self._about(prepared.bill_no, check=prepared)
            self.panel.show_pending(
                self.tr("Refund {refund_no} is in progress").format(refund_no=refund_no),
                self.tr(
                    "BeeCloud has it ({subject}) but has not finished it. Check again later."
                ).format(subject=prepared.subject()),
            )
            self._in_progress = prepared
            return None
        if record is None and self._not_there_yet(prepared):
            return None
        self._forget(prepared)
        self._about(prepared.bill_no)
        if record is None:
            self._show_absent(prepared)
        elif record.succeeded:
            self._show_made(prepared, record)
        else:
            self.panel.show_report(
                ErrorReport(
                    "api",
                    self.tr("Refund {refund_no} was refused").format(refund_no=refund_no),
                    self.tr("BeeCloud refused it; nothing was refunded for bill {bill_no}.").format(
                        bill_no=prepared.bill_no
                    ),
                )
            )
        return prepared.bill_no

    def _not_there_yet(self, prepared: PreparedRefund) -> bool:
        """BeeCloud does not list the refund, but its request may still reach it (its
        answer lost to a server slower than the read timeout): said so, and the reconciler
        asks again once its call would have ended (what it finds then is shown). False
        when it cannot arrive any more: then it was not made."""
        entry = self.reconciler.entry(prepared.refund_no)
        until_ms = 0 if entry is None else self.reconciler.arrives_until_ms(entry)
        if until_ms <= now_ms():
            return False
        self._about(prepared.bill_no, check=prepared)
        self.panel.show_pending(
            self.tr("BeeCloud has no refund {refund_no} yet").format(refund_no=prepared.refund_no),
            self.tr(
                "Its answer was lost, and a slow server may still make it: it is asked again "
                "at {time}. Do not refund bill {bill_no} again until you know."
            ).format(time=local_time_text(until_ms + ASK_AGAIN_SLACK_MS), bill_no=prepared.bill_no),
        )
        return True

    def _show_listed_otherwise(self, prepared: PreparedRefund, record: RefundRecord) -> None:
        """BeeCloud lists the number for another bill or amount (as the journal says):
        nothing is claimed, and the bill stays to be checked."""
        self._about(prepared.bill_no, check=prepared)
        self.panel.show_report(
            ErrorReport(
                "outcome_unknown",
                self.tr("Refund {refund_no} is listed otherwise than it was sent").format(
                    refund_no=prepared.refund_no
                ),
                self.tr(
                    "{subject} was sent; BeeCloud lists this number for bill {bill_no}, "
                    "{amount}. Ask BeeCloud's support before refunding this bill again."
                ).format(
                    subject=prepared.subject(),
                    bill_no=record.bill_no,
                    amount=amount_text(record.refund_fee, prepared.amount.currency),
                ),
                bill_no=prepared.bill_no,
                refund_no=prepared.refund_no,
            )
        )

    def show_check_failed(self, refund_no: str, report: ErrorReport) -> None:
        prepared = self._unsettled_by_refund_no(refund_no)
        if prepared is None:
            return
        self._about(prepared.bill_no, check=prepared)
        self.panel.show_report(
            replace(
                report,
                kind="outcome_unknown",
                title=self.tr(
                    "Could not check refund {refund_no}: its outcome is still unknown"
                ).format(refund_no=refund_no),
            )
        )

    def _fresh_there(self) -> str:
        return self.tr("Press “Start a fresh refund…” beside it under {where}.").format(
            where=_to_check()
        )

    def _show_absent(self, prepared: PreparedRefund) -> None:
        self._absent_shown = prepared
        # Said as Refunds to check says it: a number of a day gone goes no more.
        entry = self.reconciler.entry(prepared.refund_no)
        instead = None if entry is None else why_not_again(entry)
        if instead:
            message = sentences(instead, self._fresh_there())
        else:
            message = self.tr(
                "Nothing has been refunded for bill {bill_no}. A refund sent moments ago "
                "may still be on its way: check again in a minute before you drop it. "
                "Send it again with the same refund number (it is never refunded twice), "
                "or drop it, under {where}."
            ).format(bill_no=prepared.bill_no, where=_to_check())
        self.panel.show_report(
            ErrorReport(
                "not_made",
                self.tr("BeeCloud has no refund {refund_no}: it was not made").format(
                    refund_no=prepared.refund_no
                ),
                message,
                bill_no=prepared.bill_no,
                refund_no=prepared.refund_no,
            )
        )

    def _show_made(self, prepared: PreparedRefund, record: RefundRecord) -> None:
        amount = amount_text(record.refund_fee, prepared.amount.currency)
        self._about(prepared.bill_no)
        self.panel.show_success(
            self.tr("The refund was made"),
            self.tr("Refund {refund_no} of {amount} for bill {bill_no} was made on {time}.").format(
                refund_no=record.refund_no,
                amount=amount,
                bill_no=record.bill_no,
                time=local_time_text(record.created_time),
            ),
        )

    # -- settled elsewhere ------------------------------------------------------------------

    def settle_listed(self, records: list[RefundRecord]) -> bool:
        """A refund of unknown outcome that the bill's own refund list shows as made;
        whether one was settled so."""
        settled = False
        for record in records:
            prepared = self._unsettled_by_refund_no(record.refund_no)
            if prepared is None or prepared.profile_id != self.session.profile.id:
                continue
            as_sent = record.is_for(prepared.bill_no, prepared.amount.hundredths)
            if record.finished and record.succeeded and as_sent:
                self._forget(prepared)
                self._show_made(prepared, record)
                settled = True
        return settled

    def settle_from_journal(self) -> None:
        """A refund of unknown outcome settled elsewhere (Refunds to check, a restart check),
        or one shown as never arrived sent again from there."""
        for key, prepared in list(self.unsettled.items()):
            entry = self.reconciler.entry(prepared.refund_no)
            if entry is None or entry.state in (SENDING, UNKNOWN):
                continue
            del self.unsettled[key]
            if self._check_target is prepared:
                self._show_settled(prepared, entry)
        self._follow_absent()

    def _follow_absent(self) -> None:
        """The panel says a refund never arrived: what became of it since, under Refunds
        to check (sent again and made, refused, dropped), replaces that."""
        prepared = self._absent_shown
        entry = None if prepared is None else self.reconciler.entry(prepared.refund_no)
        if prepared is None or entry is None:
            return
        if entry.state == ABSENT:
            if self.panel.kind != "not_made":
                self._show_absent(prepared)  # absent again, after a sending again
        elif entry.state in (SENDING, UNKNOWN):
            self.panel.show_pending(
                self.tr("Refund {refund_no} was sent again").format(refund_no=prepared.refund_no),
                self.tr(
                    "{subject} was sent again with the same refund number; how it ends is "
                    "said under {where}."
                ).format(subject=prepared.subject(), where=_to_check()),
            )
        else:
            self._show_settled(prepared, entry)

    def _show_settled(self, prepared: PreparedRefund, entry: JournalEntry) -> None:
        self._about(prepared.bill_no)
        if entry.state == DONE:
            self.panel.show_success(
                self.tr("The refund was made"),
                self.tr("{subject} was made. {detail}").format(
                    subject=prepared.subject(), detail=journal_detail(entry)
                ),
            )
        elif entry.state == ABSENT:
            self._show_absent(prepared)
        else:
            self.panel.show_report(
                ErrorReport(
                    "not_made",
                    self.tr("Refund {refund_no} was not made").format(refund_no=prepared.refund_no),
                    self.tr("Nothing was refunded for bill {bill_no}. {detail}").format(
                        bill_no=prepared.bill_no, detail=journal_detail(entry)
                    ),
                )
            )
