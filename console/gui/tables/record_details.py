"""Every field of one bill or refund, as the server sent it, in a read-only dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
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

from console.api.models import BillRecord, RefundRecord
from console.gui.api_texts import channel_name
from console.gui.plain_text import PlainLabel
from console.gui.tables.formatting import amount_with_currency, local_time_text
from console.gui.tables.records_model import Record, refund_result_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordDetails", text)


def _channel(channel: str) -> str:
    name = channel_name(channel)
    return f"{channel} — {name}" if name else channel


def _money(hundredths: int, currency: str | None) -> str:
    return QCoreApplication.translate(
        "RecordDetails", "{amount}   ({hundredths} in hundredths)"
    ).format(amount=amount_with_currency(hundredths, currency), hundredths=hundredths)


def _currency(sent: str | None, known: str | None) -> str:
    if sent:
        return sent
    if known:
        return QCoreApplication.translate(
            "RecordDetails", "{currency} (remembered by this console; the server did not send one)"
        ).format(currency=known)
    return QCoreApplication.translate(
        "RecordDetails", "Not known (the server did not send one; amounts shown with 2 decimals)"
    )


def _time(ms: int) -> str:
    return QCoreApplication.translate("RecordDetails", "{time} local time   ({ms})").format(
        time=local_time_text(ms), ms=ms
    )


def _yes_no(value: bool, yes: str, no: str) -> str:
    """'Paid (true)': the words in the language shown, the wire value as sent."""
    return f"{yes} (true)" if value else f"{no} (false)"


def detail_rows(record: Record, currency: str | None) -> list[tuple[str, str]]:
    """(label naming the wire field, value) for every field of the record."""
    if isinstance(record, BillRecord):
        return [
            (QCoreApplication.translate("RecordDetails", "Bill number (bill_no)"), record.bill_no),
            (QCoreApplication.translate("RecordDetails", "Title (title)"), record.title),
            (
                QCoreApplication.translate("RecordDetails", "Channel (channel)"),
                _channel(record.channel),
            ),
            (
                QCoreApplication.translate("RecordDetails", "Amount (total_fee)"),
                _money(record.total_fee, currency),
            ),
            (
                QCoreApplication.translate("RecordDetails", "Currency (currency)"),
                _currency(record.currency, currency),
            ),
            (
                QCoreApplication.translate("RecordDetails", "Paid (spay_result)"),
                _yes_no(
                    record.paid,
                    QCoreApplication.translate("RecordDetails", "Paid"),
                    QCoreApplication.translate("RecordDetails", "Not paid"),
                ),
            ),
            (
                QCoreApplication.translate("RecordDetails", "Created (created_time)"),
                _time(record.created_time),
            ),
        ]
    assert isinstance(record, RefundRecord)
    return [
        (QCoreApplication.translate("RecordDetails", "Bill number (bill_no)"), record.bill_no),
        (
            QCoreApplication.translate("RecordDetails", "Refund number (refund_no)"),
            record.refund_no,
        ),
        (QCoreApplication.translate("RecordDetails", "Title (title)"), record.title),
        (
            QCoreApplication.translate("RecordDetails", "Channel (channel)"),
            _channel(record.channel),
        ),
        (
            QCoreApplication.translate("RecordDetails", "Bill amount (total_fee)"),
            _money(record.total_fee, currency),
        ),
        (
            QCoreApplication.translate("RecordDetails", "Refund amount (refund_fee)"),
            _money(record.refund_fee, currency),
        ),
        (
            QCoreApplication.translate("RecordDetails", "Currency (currency)"),
            _currency(record.currency, currency),
        ),
        (
            QCoreApplication.translate("RecordDetails", "Finished (finish)"),
            _yes_no(
                record.finished,
                QCoreApplication.translate("RecordDetails", "Finished"),
                QCoreApplication.translate("RecordDetails", "Not finished"),
            ),
        ),
        (
            QCoreApplication.translate("RecordDetails", "Succeeded (result)"),
            _yes_no(
                record.succeeded,
                QCoreApplication.translate("RecordDetails", "Succeeded"),
                QCoreApplication.translate("RecordDetails", "Not succeeded"),
            ),
        ),
        (
            QCoreApplication.translate("RecordDetails", "State"),
            refund_result_text(record),
        ),
        (
            QCoreApplication.translate("RecordDetails", "Created (created_time)"),
            _time(record.created_time),
        ),
    ]


def details_text(record: Record, currency: str | None) -> str:
    line = QCoreApplication.translate("RecordDetails", "{label}: {value}")
    return "\n".join(
        line.format(label=label, value=value) for label, value in detail_rows(record, currency)
    )


class RecordDetailsDialog(QDialog):
    """Read-only; every value can be selected and copied, or all at once with Copy all."""

    def __init__(self, record: Record, currency: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.record = record
        if isinstance(record, BillRecord):
            self.setWindowTitle(self.tr("Bill {bill_no}").format(bill_no=record.bill_no))
        else:
            self.setWindowTitle(self.tr("Refund {refund_no}").format(refund_no=record.refund_no))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        for label, value in detail_rows(record, currency):
            shown = PlainLabel(value)
            shown.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            shown.setWordWrap(True)
            form.addRow(self.tr("{label}:").format(label=label), shown)
            self.values[label] = shown
        self._text = details_text(record, currency)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy all"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self._text)
