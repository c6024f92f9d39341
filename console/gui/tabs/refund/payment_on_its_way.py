"""A bill looked up while its payment is on its way (from this console or another on
its data folder): BeeCloud's "no such bill" then proves nothing, as the payment may be
made a moment later. PaymentWait tells whether it is so, and says when that payment has
been answered (looked at every second, as the refund journal looks at another console's
refund), for the bill to be looked up again."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from console.store.in_flight import InFlight

LOOK_EVERY_MS = 1_000


class PaymentWait(QObject):
    answered = Signal(str)  # the bill whose payment was on its way has its answer

    def __init__(self, payments: InFlight, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._payments = payments
        self._bill_no: str | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self._look)

    def on_its_way(self, bill_no: str) -> bool:
        return self._payments.anywhere(bill_no)

    def wait_for(self, bill_no: str) -> None:
        """Say `answered` once the bill's payment is no longer on its way anywhere."""
        self._bill_no = bill_no
        self._timer.start()

    def stop(self) -> None:
        self._bill_no = None
        self._timer.stop()

    @Slot()
    def _look(self) -> None:
        bill_no = self._bill_no
        if bill_no is None or self.on_its_way(bill_no):
            return
        self.stop()
        self.answered.emit(bill_no)
