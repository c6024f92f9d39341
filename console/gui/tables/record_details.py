"""Every field of one bill or refund, as the server sent it, in a read-only dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.channels import CHANNEL_NAMES
from console.api.models import BillRecord, RefundRecord
from console.gui.tables.formatting import amount_with_currency, local_time_text
from console.gui.tables.records_model import Record, refund_status

_REFUND_STATES = {
    "succeeded": "Succeeded",
    "failed": "Failed",
    "in_progress": "In progress",
}


def _channel(channel: str) -> str:
    name = CHANNEL_NAMES.get(channel, ("",))[0]
    return f"{channel} — {name}" if name else channel


def _money(hundredths: int, currency: str | None) -> str:
    return f"{amount_with_currency(hundredths, currency)}   ({hundredths} in hundredths)"


def _currency(sent: str | None, known: str | None) -> str:
    if sent:
        return sent
    if known:
        return f"{known} (remembered by this console; the server did not send one)"
    return "Not known (the server did not send one; amounts shown with 2 decimals)"


def _time(ms: int) -> str:
    return f"{local_time_text(ms)} local time   ({ms})"


def _yes_no(value: bool, yes: str, no: str) -> str:
    return f"{yes} (true)" if value else f"{no} (false)"


def detail_rows(record: Record, currency: str | None) -> list[tuple[str, str]]:
    """(label naming the wire field, value) for every field of the record."""
    if isinstance(record, BillRecord):
        return [
            ("Bill number (bill_no)", record.bill_no),
            ("Title (title)", record.title),
            ("Channel (channel)", _channel(record.channel)),
            ("Amount (total_fee)", _money(record.total_fee, currency)),
            ("Currency (currency)", _currency(record.currency, currency)),
            ("Paid (spay_result)", _yes_no(record.paid, "Paid", "Not paid")),
            ("Created (created_time)", _time(record.created_time)),
        ]
    assert isinstance(record, RefundRecord)
    return [
        ("Bill number (bill_no)", record.bill_no),
        ("Refund number (refund_no)", record.refund_no),
        ("Title (title)", record.title),
        ("Channel (channel)", _channel(record.channel)),
        ("Bill amount (total_fee)", _money(record.total_fee, currency)),
        ("Refund amount (refund_fee)", _money(record.refund_fee, currency)),
        ("Currency (currency)", _currency(record.currency, currency)),
        ("Finished (finish)", _yes_no(record.finished, "Finished", "Not finished")),
        ("Succeeded (result)", _yes_no(record.succeeded, "Succeeded", "Not succeeded")),
        ("State", _REFUND_STATES[refund_status(record)]),
        ("Created (created_time)", _time(record.created_time)),
    ]


def details_text(record: Record, currency: str | None) -> str:
    return "\n".join(f"{label}: {value}" for label, value in detail_rows(record, currency))


class RecordDetailsDialog(QDialog):
    """Read-only; every value can be selected and copied, or all at once with Copy all."""

    def __init__(self, record: Record, currency: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.record = record
        if isinstance(record, BillRecord):
            self.setWindowTitle(f"Bill {record.bill_no}")
        else:
            self.setWindowTitle(f"Refund {record.refund_no}")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for label, value in detail_rows(record, currency):
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            shown.setWordWrap(True)
            form.addRow(f"{label}:", shown)
            self.values[label] = shown
        self._text = details_text(record, currency)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Copy all")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self._text)
