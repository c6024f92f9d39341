"""Bills tab: every bill of the active profile's app, filtered, sorted, with a row menu."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMenu

from console.api.channels import family_of
from console.api.models import BillRecord
from console.gui.session import ConsoleSession
from console.gui.settings import BILLS_TABLE
from console.gui.tables.history_model import BillsHistoryModel, Record
from console.gui.tables.history_tab import HistoryTab, TabSpec
from console.translatable import QT_TRANSLATE_NOOP

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
