"""A refund as the user confirmed it: its request, and what it was sent through."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from console.api.models import RefundRequest
from console.api.money import Money, format_money


@dataclass(frozen=True)
class PreparedRefund:
    """A refund as the user confirmed it, with the profile it was sent through."""

    request: RefundRequest
    bill_total: Money
    profile_id: str
    profile_name: str

    @property
    def bill_no(self) -> str:
        return self.request.bill_no

    @property
    def refund_no(self) -> str:
        return self.request.refund_no

    @property
    def amount(self) -> Money:
        return self.request.amount

    def subject(self) -> str:
        """'Refund R of USD 12.50 for bill B'."""
        return QCoreApplication.translate(
            "PreparedRefund", "Refund {refund_no} of {amount} for bill {bill_no}"
        ).format(refund_no=self.refund_no, amount=format_money(self.amount), bill_no=self.bill_no)
