"""Whether the payer has paid: a PayPal payment created and waiting for its payer.

The bill is paid once the payer approves it on PayPal's page, far from the console;
nothing tells the console when. "Check whether paid" asks BeeCloud's bill query about
the bill, on the clerk's word, and says what it lists: paid, not paid yet (and until
about when the payer can still approve it), or not paid with its approval page
expired. Nothing is said paid before a query lists it paid. There is no poll: each
check is a query to the account, made when the clerk asks (docs/decisions.md); a sync
of the history that brings the bill paid is such a query, and said so too.

PayPal's approval pages expire 3 hours after the payment is made (the sandbox's too:
docs/sandbox.md). The bill was made before its answer came here, so its page has
expired for sure 3 hours after that answer (timed by a clock no one sets:
stamps.steady_now_ms, so a system clock put forward says no page expired early); until
then, a check that finds it unpaid says it may still be approved. A bill found paid,
expired or not as it was sent has its address no longer kept (waiting_links.py): it is
not to be sent to a payer any more.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from console.api.channels import APPROVAL_LIFETIME_MS
from console.api.models import BillRecord
from console.api.money import Money, format_money
from console.gui import colours
from console.gui.announce import announce
from console.gui.feedback import ERROR_COLOUR, OK_COLOUR, WARN_COLOUR, field_cell
from console.gui.gateway import JobHandle
from console.gui.jobs import FIND_BILL, ErrorReport
from console.gui.plain_text import PlainLabel
from console.gui.session import ConsoleSession
from console.gui.tables.formatting import local_time_text, steady_about_time_text
from console.gui.tabs.refund.mirrored import mirrored_bill
from console.store.errors import StoreError
from console.store.stamps import now_ms, steady_now_ms

log = logging.getLogger(__name__)


class PayerCheck(QObject):
    """The row under the approval page's address: a button and what it found."""

    found_paid = Signal(str)  # bill_no: BeeCloud lists it paid, for the amount sent
    found_expired = Signal(str)  # bill_no: not paid, and its approval page has expired
    # bill_no: BeeCloud does not list it, or lists it for another amount: its link is not
    # to be sent to a payer
    found_unlike = Signal(str)

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.bill_no = ""  # the payment waiting for its payer ("" none)
        self.profile_id = ""  # the profile it was made through
        self.money: Money | None = None
        self.answered_ms = 0  # when its answer came here (its bill was made before)
        self._asking: JobHandle | None = None

        self.button = QPushButton(self.tr("Check whether paid"))
        self.button.setToolTip(
            self.tr("Ask BeeCloud whether the payer has paid this bill; nothing is sent again")
        )
        self.result = PlainLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.row = field_cell(self.button, self.result, stretch=False)
        self.row.hide()
        self.button.clicked.connect(self.check)
        session.history.changed.connect(self._follow_history)

    def wait_for(self, bill_no: str, money: Money, answered_ms: int) -> None:
        """A PayPal payment of the profile in use (its answer came at answered_ms) waits
        for its payer."""
        self.bill_no, self.money, self.answered_ms = bill_no, money, answered_ms
        self.profile_id = self.session.profile.id
        self._asking = None
        self.result.clear()
        self.button.setEnabled(True)
        self.row.show()

    def clear(self) -> None:
        self.bill_no, self.money, self._asking = "", None, None
        self.result.clear()
        self.row.hide()

    def asking(self) -> bool:
        """Whether a check is on its way."""
        return self._asking is not None

    def expires_ms(self) -> int:
        """Until when, at the latest, the payer can approve the bill."""
        return self.answered_ms + APPROVAL_LIFETIME_MS

    def _say(self, text: str, colour: str) -> None:
        self.result.setText(text)
        colours.paint(self.result, f"color: {colour};" if colour else "")
        announce(self.result, text, urgent=colour == ERROR_COLOUR)

    @Slot()
    def check(self) -> None:
        if not self.bill_no or self._asking is not None:
            return
        bill_no = self.bill_no
        self._say(self.tr("Asking BeeCloud about bill {bill_no}…").format(bill_no=bill_no), "")
        self.button.setEnabled(False)
        asking = self._asking = self.session.submit(
            FIND_BILL, bill_no, self.tr("Checking bill {bill_no}").format(bill_no=bill_no)
        )
        asking.finished.connect(lambda record: self._answered(asking, record))
        asking.failed.connect(lambda report: self._failed(asking, report))

    def _answered(self, asking: JobHandle, record: BillRecord | None) -> None:
        if asking is not self._asking or self.money is None:
            return  # another payment is shown now
        self._asking = None
        self.button.setEnabled(True)
        bill_no, sent = self.bill_no, self.money
        checked = local_time_text(now_ms())
        if record is None:
            text = self.tr(
                "BeeCloud does not list bill {bill_no}, though it answered that the payment "
                "was created. Do not send its link or pay again: ask BeeCloud's support "
                "about this bill."
            )
            self._say(text.format(bill_no=bill_no), ERROR_COLOUR)
            self._forget_link(bill_no)
            self.found_unlike.emit(bill_no)
        elif not record.is_for(sent.hundredths, sent.currency):
            listed = format_money(Money(record.total_fee, record.currency or sent.currency))
            text = self.tr(
                "BeeCloud lists bill {bill_no} for {amount} where {sent} was sent. Do not "
                "send its link to a payer: ask BeeCloud's support about this bill."
            )
            self._say(
                text.format(bill_no=bill_no, amount=listed, sent=format_money(sent)),
                ERROR_COLOUR,
            )
            self._forget_link(bill_no)
            self.found_unlike.emit(bill_no)
        elif record.paid:
            self._found_paid(
                self.tr("Paid: BeeCloud lists bill {bill_no} as paid ({amount}), at {time}."), sent
            )
        elif steady_now_ms() > self.expires_ms():
            text = self.tr(
                "Not paid, at {time}: the payer did not approve bill {bill_no}, and its "
                "approval page has expired (PayPal's last 3 hours), so it can no longer be "
                "paid. To be paid, make a new payment with a new bill number."
            )
            self._say(text.format(bill_no=bill_no, time=checked), WARN_COLOUR)
            self.button.setEnabled(False)
            self._forget_link(bill_no)
            self.found_expired.emit(bill_no)
        else:
            text = self.tr(
                "Not paid yet, at {time}: the payer has not approved bill {bill_no}. Unless "
                "they cancelled it, they can approve it on its page until about {until}; "
                "check again once the payer says they have paid."
            )
            until = steady_about_time_text(self.expires_ms())
            self._say(text.format(bill_no=bill_no, time=checked, until=until), WARN_COLOUR)

    @Slot()
    def _follow_history(self) -> None:
        """A sync, or another tab's look-up (the Refund tab's Find), brought the bill
        waiting for its payer paid, as it was sent: said as a check's finding is, with no
        query of its own (the history holds what BeeCloud listed). The panel said
        "waiting for the payer", its link offered to be sent, beside a Bills tab saying
        Paid, and three hours later that its page expired."""
        bill_no, sent = self.bill_no, self.money
        if not bill_no or sent is None or self._asking is not None:
            return
        if not self.button.isEnabled() or self.session.profile.id != self.profile_id:
            return  # settled already, or the history is another profile's now
        record = mirrored_bill(self.session.history, bill_no)
        if record is None or not record.paid or not record.is_for(sent.hundredths, sent.currency):
            return  # a bill listed otherwise is Check whether paid's to say
        # a sync, or a look-up elsewhere (the Refund tab's Find), kept it: said of both
        text = self.tr(
            "Paid: BeeCloud's answers kept in the history list bill {bill_no} as paid "
            "({amount}), at {time}."
        )
        self._found_paid(text, sent)

    def _found_paid(self, text: str, sent: Money) -> None:
        """The bill waiting is paid, for `sent` (`text` says who found it, with the bill,
        the amount and the time): said, nothing more waited for, its link not kept."""
        bill_no = self.bill_no
        checked = local_time_text(now_ms())
        self._say(text.format(bill_no=bill_no, amount=format_money(sent), time=checked), OK_COLOUR)
        self.button.setEnabled(False)  # nothing more to wait for
        self._forget_link(bill_no)
        self.found_paid.emit(bill_no)

    def _forget_link(self, bill_no: str) -> None:
        """The bill's address is not to be sent any more: no longer kept."""
        try:
            self.session.local.links.drop(self.profile_id, [bill_no])
        except StoreError as error:
            log.warning("an approval address no longer of use could not be deleted: %s", error)

    def _failed(self, asking: JobHandle, report: ErrorReport) -> None:
        if asking is not self._asking:
            return
        self._asking = None
        self.button.setEnabled(True)
        text = self.tr(
            "The check got no usable answer ({reason}). Whether the payer has paid is not known: "
            "try again."
        )
        self._say(text.format(reason=report.title), ERROR_COLOUR)
