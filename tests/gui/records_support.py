"""Bills and refunds as the client returns them, made up for the table tests, and the
in-memory table model (console/gui/tables/records_model.py, the Audit tab's) holding
them, to test its machinery; and audit entries of a long log."""

from __future__ import annotations

from typing import Any

from console.api.models import BillRecord, RefundRecord
from console.export.cells import Amount, Moment
from console.gui.tables.formatting import amount_text, amount_with_currency, local_time_text
from console.gui.tables.history_model import (
    BILL_COLUMNS,
    BILL_STATUSES,
    REFUND_COLUMNS,
    REFUND_STATUSES,
)
from console.gui.tables.records_model import (
    CellMaker,
    RecordsModel,
    Row,
    refund_result_text,
    refund_status,
)
from console.store import audit_log as audit

BASE_MS = 1_767_000_000_000  # 2025-12-29


def bill(
    serial: int,
    total_fee: int = 1000,
    *,
    title: str = "Coffee beans 1kg",
    channel: str = "PAYPAL_PAYPAL",
    paid: bool = True,
    created: int | None = None,
    currency: str | None = "USD",
) -> BillRecord:
    return BillRecord(
        bill_no=f"BILL{serial:08d}",
        total_fee=total_fee,
        channel=channel,
        title=title,
        paid=paid,
        created_time=BASE_MS - serial * 60_000 if created is None else created,
        currency=currency,
    )


def refund(
    serial: int,
    fee: int,
    *,
    finished: bool = True,
    succeeded: bool = True,
    currency: str | None = None,
) -> RefundRecord:
    return RefundRecord(
        bill_no=f"BILL{serial:08d}",
        refund_no=f"20251229{serial:06d}",
        total_fee=fee * 2,
        refund_fee=fee,
        title="Gift card",
        channel="PAYPAL_CREDITCARD",
        finished=finished,
        succeeded=succeeded,
        created_time=BASE_MS - serial,
        currency=currency,
    )


def _folded(text: str) -> str:
    folded = text.casefold()
    return text if folded == text else folded


class BillRows(RecordsModel[BillRecord]):
    """Bills in the in-memory table model (the Audit tab's), to test its machinery
    with the records the tables know best."""

    columns = BILL_COLUMNS
    statuses = BILL_STATUSES

    amount_keys = frozenset({"total_fee"})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._paid_texts = (self.tr("Paid"), self.tr("Unpaid"))

    def phrases(self) -> dict[str, str]:
        return {
            "none": self.tr("No bills match these filters."),
            "title": self.tr("Bills"),
        }

    def count_phrase(self, count: int) -> str:
        return self.tr("%Ln bill(s)", "", count)

    def make_row(self, record: BillRecord) -> Row:
        currency = self.currency_of(record)
        return Row(
            texts=(
                record.bill_no,
                record.title,
                record.channel,
                None,  # the amount, made when first shown
                currency or "",
                self._paid_texts[0] if record.paid else self._paid_texts[1],
                None,  # the time, made when first shown
            ),
            keys=(
                _folded(record.bill_no),
                _folded(record.title),
                record.channel,
                record.total_fee,
                currency or "",
                record.paid,
                record.created_time,
            ),
            search=f"{record.bill_no}\t{record.title}\t{record.channel}".casefold(),
            status="paid" if record.paid else "unpaid",
        )

    def display_text(self, record: BillRecord, column: int) -> str:
        if self.columns[column].key == "total_fee":
            return amount_text(record.total_fee, self.currency_of(record))
        return local_time_text(record.created_time)

    def cell_makers(self) -> dict[str, CellMaker]:
        paid = {True: self._paid_texts[0], False: self._paid_texts[1]}
        return {
            **super().cell_makers(),
            "total_fee": lambda record, currency: Amount(record.total_fee, currency),
            "paid": lambda record, _currency: paid[record.paid],
            "created_time": lambda record, _currency: Moment(record.created_time),
        }


class RefundRows(RecordsModel[RefundRecord]):
    """Refunds in the in-memory table model, as BillRows."""

    columns = REFUND_COLUMNS
    statuses = REFUND_STATUSES
    amount_keys = frozenset({"total_fee", "refund_fee"})

    def phrases(self) -> dict[str, str]:
        return {
            "none": self.tr("No refunds match these filters."),
            "title": self.tr("Refunds"),
        }

    def count_phrase(self, count: int) -> str:
        return self.tr("%Ln refund(s)", "", count)

    def make_row(self, record: RefundRecord) -> Row:
        return Row(
            texts=(
                record.bill_no,
                record.refund_no,
                record.title,
                record.channel,
                None,  # the amounts and the time, made when first shown
                None,
                refund_result_text(record),
                None,
            ),
            keys=(
                _folded(record.bill_no),
                _folded(record.refund_no),
                _folded(record.title),
                record.channel,
                record.total_fee,
                record.refund_fee,
                (record.finished, record.succeeded),
                record.created_time,
            ),
            search=(
                f"{record.bill_no}\t{record.refund_no}\t{record.title}\t{record.channel}"
            ).casefold(),
            status=refund_status(record),
        )

    def display_text(self, record: RefundRecord, column: int) -> str:
        key = self.columns[column].key
        if key in ("total_fee", "refund_fee"):
            return amount_with_currency(getattr(record, key), self.currency_of(record))
        return local_time_text(record.created_time)

    def cell_makers(self) -> dict[str, CellMaker]:
        return {
            **super().cell_makers(),
            "total_fee": lambda record, currency: Amount(record.total_fee, currency),
            "refund_fee": lambda record, currency: Amount(record.refund_fee, currency),
            "result": lambda record, _currency: refund_result_text(record),
            "created_time": lambda record, _currency: Moment(record.created_time),
        }


def logged_entry(
    serial: int, subject: str, profile_id: str, profile_name: str, action: str = audit.PAYMENT
) -> audit.AuditEntry:
    """An entry of a long log, ready for AuditLog.restore: the `serial`-th, a second after
    the one before, of USD 1.00, done."""
    return audit.AuditEntry(
        id=0,
        time_ms=1_700_000_000_000 + serial * 1_000,
        operator="ada",
        profile_id=profile_id,
        profile_name=profile_name,
        action=action,
        subject=subject,
        amount=100,
        currency="USD",
        result=audit.OK,
        detail="",
    )
