"""What the status bar's tooltip says of the records a sync left out of the history
(console/store/sync.py, LeftOut): which record, and how the server's lists contradict
themselves about it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from console.api.errors import ListContradictionError, RefundsExceedBillError, UnreadableRecordError
from console.gui.counts import counts
from console.gui.tables.formatting import amount_with_currency
from console.store.mirror import BILLS, REFUNDS
from console.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the sync (and the client) load with the first sync, not at start
    from console.store.sync import LeftOut

# The most records named one by one; the others are counted ("… and 3 more").
NAMED_MAX = 5

# Why a record was left out, by its kind (BILLS, REFUNDS).
TWO_RECORDS = {
    BILLS: QT_TRANSLATE_NOOP("LeftOut", "Bill {number}: listed as two different bills."),
    REFUNDS: QT_TRANSLATE_NOOP("LeftOut", "Refund {number}: listed as two different refunds."),
}
UNREADABLE = {
    BILLS: QT_TRANSLATE_NOOP("LeftOut", "Bill {number}: listed in a form that cannot be read."),
    REFUNDS: QT_TRANSLATE_NOOP("LeftOut", "Refund {number}: listed in a form that cannot be read."),
}
UNREADABLE_UNNUMBERED = {
    BILLS: QT_TRANSLATE_NOOP(
        "LeftOut", "A bill on page {page}: listed in a form that cannot be read, without a number."
    ),
    REFUNDS: QT_TRANSLATE_NOOP(
        "LeftOut",
        "A refund on page {page}: listed in a form that cannot be read, without a number.",
    ),
}
AMOUNTS_DISAGREE = {
    BILLS: QT_TRANSLATE_NOOP(
        "LeftOut",
        "Bill {bill_no}: listed as one of {total}, but its refund {refund_no} as made from a "
        "bill of {stated}.",
    ),
    REFUNDS: QT_TRANSLATE_NOOP(
        "LeftOut",
        "Refund {refund_no}: listed as made from a bill of {stated}, but bill {bill_no} as "
        "one of {total}.",
    ),
}

REFUNDS_EXCEED_BILL = QT_TRANSLATE_NOOP(
    "LeftOut",
    "Refund {refund_no}: one of the successful refunds of bill {bill_no}, which together "
    "refund {refunded} of {total}.",
)


def left_out_text(named: tuple[LeftOut, ...], count: int) -> str:
    """A few lines: that `count` records were left out and will be asked for again,
    then the first of those `named` (NAMED_MAX at most), each with why, then how many
    more."""
    shown = named[:NAMED_MAX]
    lines = [
        QCoreApplication.translate(
            "LeftOut",
            "Left out of the history, since the server lists them in a way that cannot be "
            "true (each sync lists them again, and keeps each once the server lists it in a "
            "way that can be):",
        )
    ]
    lines += [f"• {_why(left)}" for left in shown]
    if count > len(shown):
        lines.append(counts().more(count - len(shown)))
    return "\n".join(lines)


def _why(left: LeftOut) -> str:
    why, kind = left.why, left.kind
    if isinstance(why, ListContradictionError):
        return _tr(TWO_RECORDS[kind]).format(number=left.number)
    if isinstance(why, UnreadableRecordError):
        if why.number:
            return _tr(UNREADABLE[kind]).format(number=why.number)
        return _tr(UNREADABLE_UNNUMBERED[kind]).format(page=why.page)
    if isinstance(why, RefundsExceedBillError):
        return _tr(REFUNDS_EXCEED_BILL).format(
            refund_no=why.refund_no,
            bill_no=why.bill_no,
            refunded=amount_with_currency(why.refunded, why.currency),
            total=amount_with_currency(why.total, why.currency),
        )
    return _tr(AMOUNTS_DISAGREE[kind]).format(
        refund_no=why.refund_no,
        bill_no=why.bill_no,
        stated=amount_with_currency(why.stated, why.currency),
        total=amount_with_currency(why.total, why.currency),
    )


def _tr(text: str) -> str:
    return QCoreApplication.translate("LeftOut", text)
