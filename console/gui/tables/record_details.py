"""Every field of one bill or refund, as the server sent it, in a read-only dialog; for
an unpaid PayPal bill this console made, its approval address while a payer can still
use it, to copy or open. The dialog follows the history while it is open (`follow`, at
each sync): a bill found paid meanwhile says so and offers its address no more."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
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
from console.gui.api_texts import channel_with_code
from console.gui.browser import open_url
from console.gui.dialog_room import DialogBody, open_within_screen
from console.gui.plain_text import PlainLabel, wrappable
from console.gui.tables.formatting import (
    amount_with_currency,
    local_time_text,
    steady_about_time_text,
)
from console.gui.tables.records_model import Record, refund_result_text
from console.store.approval_links import ApprovalLink
from console.store.stamps import look_again_in_ms, steady_now_ms


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


def refunded_label() -> str:
    """A bill's refund, as its row in the Bills table names it (its Refunded column)."""
    return QCoreApplication.translate("RecordsModel", "Refunded")


def detail_rows(
    record: Record, currency: str | None, refunded: str | None = None
) -> list[tuple[str, str]]:
    """(label naming the wire field, value) for every field of the record; for a bill,
    then what became of it as its row shows (`refunded`: from the refunds in the
    history, the Refunded column's words), when given."""
    if isinstance(record, BillRecord):
        refund_row = [] if refunded is None else [(refunded_label(), refunded)]
        return [
            (QCoreApplication.translate("RecordDetails", "Bill number (bill_no)"), record.bill_no),
            (QCoreApplication.translate("RecordDetails", "Title (title)"), record.title),
            (
                QCoreApplication.translate("RecordDetails", "Channel (channel)"),
                channel_with_code(record.channel),
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
            *refund_row,
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
            channel_with_code(record.channel),
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


def link_rows(link: ApprovalLink) -> list[tuple[str, str]]:
    """The approval address a payer can still use, and until when."""
    return [
        (QCoreApplication.translate("RecordDetails", "Payment link"), link.url),
        (
            QCoreApplication.translate("RecordDetails", "Payer can approve it"),
            QCoreApplication.translate("RecordDetails", "Until about {time} local time").format(
                time=steady_about_time_text(link.expires_ms)
            ),
        ),
    ]


def details_text(
    record: Record,
    currency: str | None,
    link: ApprovalLink | None = None,
    refunded: str | None = None,
) -> str:
    line = QCoreApplication.translate("RecordDetails", "{label}: {value}")
    rows = detail_rows(record, currency, refunded) + (link_rows(link) if link else [])
    return "\n".join(line.format(label=label, value=value) for label, value in rows)


class RecordDetailsDialog(QDialog):
    """Read-only; every value can be selected and copied, or all at once with Copy all.
    `refunded`: a bill's refund as its row shows it (detail_rows)."""

    def __init__(
        self,
        record: Record,
        currency: str | None,
        parent: QWidget | None = None,
        link: ApprovalLink | None = None,
        refunded: str | None = None,
    ):
        super().__init__(parent)
        self.record, self.currency = record, currency
        self.link = link
        self.refunded = refunded
        if isinstance(record, BillRecord):
            self.setWindowTitle(self.tr("Bill {bill_no}").format(bill_no=record.bill_no))
        else:
            self.setWindowTitle(self.tr("Refund {refund_no}").format(refund_no=record.refund_no))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}
        rows = detail_rows(record, currency, refunded) + (link_rows(link) if link else [])
        for label, value in rows:
            shown = PlainLabel(value)
            shown.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            if link is not None and value == link.url:
                # An address with no place to break a line at (a long token) made the
                # dialog scroll sideways: it wraps at marks shown only, so nothing is
                # selected here (Copy payment link copies the address as it is).
                shown.setText(wrappable(value))
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            shown.setWordWrap(True)
            form.addRow(self.tr("{label}:").format(label=label), shown)
            self.values[label] = shown
        self._text = details_text(record, currency, link, refunded)
        self._link_over = False  # paid or expired: the link is not offered any more
        self.expiry_watch = QTimer(self)
        self.expiry_watch.setSingleShot(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy all"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_link_button = QPushButton(self.tr("Copy payment link"))
        self.open_link_button = QPushButton(self.tr("Open payment link"))
        if link is not None:
            for button in (self.copy_link_button, self.open_link_button):
                buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            self.copy_link_button.clicked.connect(self.copy_link)
            self.open_link_button.clicked.connect(self.open_link)
            # past its page's expiry, no payer can use it: not offered any more
            self.expiry_watch.timeout.connect(self._look_at_expiry)
            self._look_at_expiry()
        self.copy_button.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        self.link_note = PlainLabel()  # the link not opened: why
        self.link_note.setWordWrap(True)
        self.link_note.hide()
        self.stale_note = PlainLabel()  # of the profile shown before: no longer followed
        self.stale_note.setWordWrap(True)
        self.stale_note.hide()
        content = QWidget()
        fields = QVBoxLayout(content)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.stale_note)
        fields.addLayout(form)
        fields.addWidget(self.link_note)
        fields.addStretch(1)
        self.body = DialogBody(content, self.windowTitle())  # scrolls on a short screen
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        open_within_screen(self, self.body)

    def follow(
        self,
        record: Record,
        currency: str | None,
        link: ApprovalLink | None,
        refunded: str | None = None,
    ) -> None:
        """The record as the history holds it now, with its link if a payer can still use
        it, and a bill's refund as its row shows it now. A link once offered and now gone
        (the bill paid) is not offered again."""
        self.record, self.currency = record, currency
        self.refunded = refunded
        for label, value in detail_rows(record, currency, self.refunded):
            if label in self.values:
                self.values[label].setText(value)
        if self.link is None or self._link_over:
            self._text = details_text(record, currency, refunded=self.refunded)
            return
        if link is None and isinstance(record, BillRecord) and record.paid:
            self._link_over_for(self.tr("No longer: the bill is paid."))
            return
        self._text = details_text(record, currency, self.link, self.refunded)

    def left_behind(self, said: str) -> None:
        """The console changed profile (another, or this one given another App ID) while
        shown: what it shows stays as it was, `said` says so, and its link is offered no
        more (the link of a profile no longer in use)."""
        self.stale_note.setText(said)
        self.stale_note.show()
        if self.link is not None and not self._link_over:
            self._link_over_for(
                self.tr("No longer offered here: the console has changed profile since.")
            )

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self._text)

    def copy_link(self) -> None:
        if self.link is not None and self.copy_link_button.isEnabled():
            QGuiApplication.clipboard().setText(self.link.url)

    def open_link(self) -> None:
        if self.link is None or not self.open_link_button.isEnabled():
            return
        if not open_url(self.link.url):
            self.link_note.setText(
                self.tr("No browser could be started: copy the link and open it in a browser.")
            )
            self.link_note.show()

    def _look_at_expiry(self) -> None:
        """At the link's expiry, or in a minute if sooner: a QTimer's clock stops while
        the computer sleeps, so one set for the expiry came as late as it slept."""
        if self.link is None:
            return
        left = self.link.expires_ms - steady_now_ms()
        if left > 0:
            self.expiry_watch.start(look_again_in_ms(left))
        else:
            self._link_expired()

    def _link_expired(self) -> None:
        if not self._link_over:
            self._link_over_for(
                self.tr("No longer: its approval page has expired. Make a new payment to be paid.")
            )

    def _link_over_for(self, said: str) -> None:
        """The link offered no more (paid, or its page expired), saying why; left out of
        Copy all."""
        self._link_over = True
        self.expiry_watch.stop()
        self._text = details_text(self.record, self.currency, refunded=self.refunded)
        self.copy_link_button.setEnabled(False)
        self.open_link_button.setEnabled(False)
        label = QCoreApplication.translate("RecordDetails", "Payer can approve it")
        self.values[label].setText(said)
