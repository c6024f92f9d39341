"""Refunds tab: every refund of the active profile's app, filtered and sorted."""

from __future__ import annotations

from console.gui.session import ConsoleSession
from console.gui.settings import REFUNDS_TABLE
from console.gui.tables.history_model import RefundsHistoryModel
from console.gui.tables.history_tab import HistoryTab, TabSpec
from console.translatable import QT_TRANSLATE_NOOP

REFUNDS = TabSpec(
    name="refunds",
    settings_group=REFUNDS_TABLE,
    with_refund_no=True,
    searched=QT_TRANSLATE_NOOP(
        "RecordsTab", "Part of a bill or refund number, a title or a channel"
    ),
    copy_fields=(
        ("refund_no", QT_TRANSLATE_NOOP("RecordsTab", "Copy refund number")),
        ("bill_no", QT_TRANSLATE_NOOP("RecordsTab", "Copy bill number")),
    ),
    model_type=RefundsHistoryModel,
)


class RefundsTab(HistoryTab):
    def __init__(self, session: ConsoleSession) -> None:
        super().__init__(session, REFUNDS)

    def show_for_bill(self, bill_no: str) -> None:
        """Filter the refunds by this bill_no, every other filter cleared, and load them."""
        self.filters.reset()
        with self.filters.quiet():
            self.filters.bill_no.setText(bill_no)
        self.row_filters.clear()
        self.load()
