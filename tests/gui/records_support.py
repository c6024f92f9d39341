"""Bills and refunds as the client returns them, made up for the table tests."""

from __future__ import annotations

from console.api.models import BillRecord, RefundRecord

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
