"""What the status bar's tooltip says of the records a sync left out of the history
(console/store/sync.py, LeftOut): which record, and how the server's lists contradict
themselves about it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from console.api.errors import ListContradictionError, UnreadableRecordError
from console.gui.counts import counts
from console.gui.tables.formatting import amount_with_currency
from console.store.mirror import BILLS

if TYPE_CHECKING:  # the sync (and the client) load with the first sync, not at start
    from console.store.sync import LeftOut

# The most records named one by one; the others are counted ("… and 3 more").
NAMED_MAX = 5


def left_out_text(named: tuple[LeftOut, ...], count: int) -> str:
    """A few lines: that `count` records were left out and will be asked for again,
    then the first of those `named` (NAMED_MAX at most), each with why, then how many
    more."""
    lines = [
        QCoreApplication.translate(
            "LeftOut",
            "Left out of the history, since the server lists them in a way that cannot be "
            "true (each sync lists them again, and keeps each once the server lists it in a "
            "way that can be):",
        )
    ]
    lines += [f"• {_why(left)}" for left in named[:NAMED_MAX]]
    if count > len(named[:NAMED_MAX]):
        lines.append(counts().more(count - len(named[:NAMED_MAX])))
    return "\n".join(lines)


def _why(left: LeftOut) -> str:
    why = left.why
    if isinstance(why, ListContradictionError):
        if left.kind == BILLS:
            text = QCoreApplication.translate(
                "LeftOut", "Bill {number}: listed as two different bills."
            )
        else:
            text = QCoreApplication.translate(
                "LeftOut", "Refund {number}: listed as two different refunds."
            )
        return text.format(number=left.number)
    if isinstance(why, UnreadableRecordError):
        return _unreadable(left.kind, why)
    stated = amount_with_currency(why.stated, why.currency)
    total = amount_with_currency(why.total, why.currency)
    if left.kind == BILLS:
        text = QCoreApplication.translate(
            "LeftOut",
            "Bill {bill_no}: listed as one of {total}, but its refund {refund_no} as made "
            "from a bill of {stated}.",
        )
    else:
        text = QCoreApplication.translate(
            "LeftOut",
            "Refund {refund_no}: listed as made from a bill of {stated}, but bill {bill_no} "
            "as one of {total}.",
        )
    return text.format(refund_no=why.refund_no, bill_no=why.bill_no, stated=stated, total=total)


def _unreadable(kind: str, why: UnreadableRecordError) -> str:
    if why.number:
        if kind == BILLS:
            text = QCoreApplication.translate(
                "LeftOut", "Bill {number}: listed in a form that cannot be read."
            )
        else:
            text = QCoreApplication.translate(
                "LeftOut", "Refund {number}: listed in a form that cannot be read."
            )
        return text.format(number=why.number)
    if kind == BILLS:
        text = QCoreApplication.translate(
            "LeftOut",
            "A bill on page {page}: listed in a form that cannot be read, without a number.",
        )
    else:
        text = QCoreApplication.translate(
            "LeftOut",
            "A refund on page {page}: listed in a form that cannot be read, without a number.",
        )
    return text.format(page=why.page)
