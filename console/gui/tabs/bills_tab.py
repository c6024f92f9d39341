"""Bills tab: every bill of the active profile's app, filtered, sorted, with a row menu.

An unpaid PayPal bill whose approval address this console keeps (it made the bill, and
its page has not expired: console/gui/tabs/payment/waiting_links.py) offers the address
to copy or open, in its menu and its Details…, and says until about when the payer can
approve it; a paid one's address is no longer kept.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMenu

from console.api.channels import PAYPAL_PAYPAL, family_of
from console.api.models import BillRecord
from console.gui.practice_links import practice_link_here
from console.gui.session import ConsoleSession
from console.gui.settings import BILLS_TABLE
from console.gui.tables.formatting import steady_about_time_text
from console.gui.tables.history_model import BillsHistoryModel, Record
from console.gui.tables.history_tab import HistoryTab, TabSpec
from console.store.approval_links import ApprovalLink
from console.store.errors import StoreError
from console.store.stamps import steady_now
from console.translatable import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

BILLS = TabSpec(
    name="bills",
    settings_group=BILLS_TABLE,
    with_refund_no=False,
    searched=QT_TRANSLATE_NOOP("RecordsTab", "Part of a bill number, a title or a channel"),
    copy_fields=(("bill_no", QT_TRANSLATE_NOOP("RecordsTab", "Copy bill number")),),
    model_type=BillsHistoryModel,
)


def refund_refusal(bill: BillRecord) -> str | None:
    """Why this console cannot refund the bill, or None when it can try."""
    if family_of(bill.channel) != "PAYPAL":
        return QCoreApplication.translate("BillsTab", "This console refunds PayPal bills only.")
    if not bill.paid:
        return QCoreApplication.translate("BillsTab", "Only a paid bill can be refunded.")
    return None


class BillsTab(HistoryTab):
    refund_requested = Signal(str)  # bill_no
    refunds_requested = Signal(str)  # bill_no

    def __init__(self, session: ConsoleSession) -> None:
        super().__init__(session, BILLS)

    def add_row_actions(self, menu: QMenu, record: Record) -> None:
        assert isinstance(record, BillRecord)
        bill_no = record.bill_no
        refund = menu.addAction(
            self.tr("Refund this bill…"), lambda: self.refund_requested.emit(bill_no)
        )
        refusal = refund_refusal(record)
        settled = self.model.settlement_of(bill_no)
        if refusal is None and settled is not None and settled.succeeded:
            refusal = self.tr(
                "This bill was refunded ({number}); BeeCloud allows one refund per bill."
            ).format(number=settled.refund_no)
        if refusal is not None:
            refund.setEnabled(False)
            refund.setToolTip(refusal)
        menu.addAction(self.tr("Show its refunds"), lambda: self.refunds_requested.emit(bill_no))
        link = self.payment_link(record)
        if link is not None:
            menu.addSeparator()
            copied = self.tr("Copied the payment link of bill {bill_no}.").format(bill_no=bill_no)
            menu.addAction(self.tr("Copy payment link"), lambda: self.copy_text(link.url, copied))
            menu.addAction(
                self.tr("Open payment link in the browser"), lambda: self.open_link(link.url)
            )
            until = menu.addAction(
                self.tr("The payer can approve it until about {time}").format(
                    time=steady_about_time_text(link.expires_ms)
                )
            )
            until.setEnabled(False)  # said, not done

    def payment_link(self, record: object) -> ApprovalLink | None:
        """The approval address of an unpaid PayPal bill this console made, while its
        payer can still use it. A paid bill's is never offered (and goes from the
        database at the sync that found it paid: waiting_links.py); nothing is written
        here, as a menu opens."""
        if not isinstance(record, BillRecord) or record.channel != PAYPAL_PAYPAL:
            return None
        if record.paid:
            return None
        try:
            link = self.session.local.links.of(
                self.session.profile.id, record.bill_no, steady_now()
            )
        except StoreError as error:
            log.warning("the approval address of a bill could not be read: %s", error)
            return None
        return None if link is None else practice_link_here(self.session, link)

    def open_link(self, url: str) -> None:
        from console.gui.browser import open_url  # its Qt classes when first asked

        if not open_url(url):
            self.outcome.show_failure(
                self.tr("No browser could be started"),
                self.tr(
                    "Copy the payment link (the bill's menu) and open it in a browser, or "
                    "send it to the payer."
                ),
            )
