"""The Refund tab's Bill panel: what is known of the bill shown (as BeeCloud last
answered it) and of its earlier refunds, and why BeeCloud would likely refuse a
refund of it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMenu,
    QSizePolicy,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.api.channels import family_of
from console.api.models import BillRecord, RefundRecord
from console.api.money import Money, format_amount, format_money
from console.gui import colours
from console.gui.api_texts import channel_words
from console.gui.feedback import WARN_COLOUR
from console.gui.plain_text import PlainLabel, field_label
from console.gui.tables.formatting import large_money_samples, local_time_text, time_samples
from console.gui.tables.records_model import REFUND_NO_SAMPLE
from console.gui.tables.row_copy import RowsCopyingTable
from console.gui.tables.table_view import ask_for_menu_of_current_row, is_menu_key, sample_width
from console.store.stamps import now_ms

DAY_MS = 86_400_000
REFUND_WINDOW_DAYS = 180  # PayPal refunds a sale up to 180 days after it (NOTES.md)
# The earlier refunds' table is as tall as its rows, within these (a bill has one refund
# at most that succeeded; a few more refused or in progress): more scroll in it
LEAST_ROWS, MOST_ROWS = 2, 8


def amount_text(hundredths: int, currency: str | None) -> str:
    """'USD 12.50', or '12.50 (currency unknown)' when the bill does not say."""
    if currency is None:
        return QCoreApplication.translate("BillPanel", "{amount} (currency unknown)").format(
            amount=format_amount(hundredths, "USD")
        )
    return format_money(Money(hundredths, currency))


class EarlierRefundsTable(RowsCopyingTable):
    """The bill's earlier refunds. Ctrl+C copies the rows selected as the Bills, Refunds
    and Audit tables do (titles first, cells tab-separated); a row's menu copies its
    refund number, or the rows."""

    def __init__(self) -> None:
        super().__init__(0, 4)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._popup_row_menu)
        # As tall as its rows, no taller: stretched over the room left, a bill with no
        # refund or one showed a white box of some 330 px at 1,280 × 720.
        # A short window scrolls the tab, not the table's rows out of sight.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.model().rowsInserted.connect(self.updateGeometry)
        self.model().rowsRemoved.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        """Its titles and LEAST_ROWS to MOST_ROWS rows."""
        rows = min(max(self.rowCount(), LEAST_ROWS), MOST_ROWS)
        height = (
            self.horizontalHeader().sizeHint().height()
            + rows * self.verticalHeader().defaultSectionSize()
            + 2 * self.frameWidth()
        )
        return QSize(super().sizeHint().width(), height)

    def event(self, event: QEvent) -> bool:
        if is_menu_key(event) and self.currentIndex().isValid():
            ask_for_menu_of_current_row(self)
            return True
        return super().event(event)

    def row_menu(self, row: int) -> QMenu:
        menu = QMenu(self)
        number = self.item(row, 0)
        refund_no = number.text() if number is not None else ""
        if refund_no:
            menu.addAction(
                QCoreApplication.translate("RecordsTab", "Copy refund number"),
                lambda: self._copy_text(refund_no),
            )
        menu.addAction(self.tr("Copy the selected rows"), self.copy_selected_rows)
        return menu

    def _copy_text(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.told.emit(QCoreApplication.translate("HistoryTab", "Copied: {text}").format(text=text))

    @Slot(QPoint)
    def _popup_row_menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        if not index.isValid():
            return
        if not self.selectionModel().isRowSelected(index.row()):
            self.selectRow(index.row())
        menu = self.row_menu(index.row())
        menu.exec(self.viewport().mapToGlobal(position))
        menu.deleteLater()


class BillPanel(QGroupBox):
    """The bill shown and its earlier refunds. Amounts are shown in the currency the
    Refund form shows (the bill's own, or the one the user picked)."""

    def __init__(self) -> None:
        super().__init__()
        self.bill: BillRecord | None = None  # as BeeCloud last answered it
        self.refunds: list[RefundRecord] | None = None  # None: not loaded
        self.currency_known = False  # the bill, or this console, knows its currency
        self.setTitle(self.tr("Bill"))
        self.amount_label = PlainLabel()
        self.channel_label = PlainLabel()
        self.title_label = PlainLabel()
        self.paid_label = PlainLabel()
        self.created_label = PlainLabel()
        self.refunded_label = PlainLabel()  # the bill's one refund, once it has one
        for label in self._detail_labels():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # on one line, 'PAYPAL_SAVED_CREDITCARD (Saved card via PayPal)' or an amount
            # 'shown in the one you picked' pushed the Refund form out of a 1,024 px window
            label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Amount:"), self.amount_label)
        form.addRow(self.tr("Channel:"), self.channel_label)
        form.addRow(self.tr("Title:"), self.title_label)
        form.addRow(self.tr("Paid:"), self.paid_label)
        form.addRow(self.tr("Created:"), self.created_label)
        form.addRow(self.tr("Refunded:"), self.refunded_label)
        self.warnings_label = PlainLabel()  # it names the bill's channel
        self.warnings_label.setWordWrap(True)
        colours.paint(self.warnings_label, f"color: {WARN_COLOUR};")
        self.history_status = PlainLabel()
        self.history_status.setWordWrap(True)
        self.history_table = EarlierRefundsTable()
        titles = [
            self.tr("Refund number"),
            self.tr("Amount"),
            self.tr("Created"),
            self.tr("Result"),
        ]
        self.history_table.setHorizontalHeaderLabels(titles)
        self.history_table.verticalHeader().hide()
        self.history_table.setTabKeyNavigation(False)  # Tab goes on; arrows move in here
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.history_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.moveSection(3, 2)  # the result before the time
        # What each column typically shows, as wide as its rows when they are wider: empty,
        # the table squeezed its titles into its left corner, and each bill shown gave
        # the columns other widths.
        self._typical_widths = [
            sample_width(self.history_table, sample, title)
            for sample, title in zip(
                (
                    (REFUND_NO_SAMPLE,),
                    large_money_samples(),
                    time_samples(),
                    (self.tr("In progress"), self.tr("Succeeded"), self.tr("Refused")),
                ),
                titles,
                strict=True,
            )
        ]
        self.fit_history_columns()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings_label)
        layout.addStretch(1)
        # The earlier refunds, which the tab puts beneath the Bill panel and the Refund
        # form, the width of both: within the Bill panel on a 1,024 px screen, the
        # table cut its last column (Created) behind a scroll bar.
        self.history = QWidget()
        history = QVBoxLayout(self.history)
        history.setContentsMargins(0, 0, 0, 0)
        history.addWidget(field_label(self.tr("Earlier refunds of this bill:"), self.history_table))
        history.addWidget(self.history_status)
        history.addWidget(self.history_table, 1)

    def _detail_labels(self) -> tuple[QLabel, ...]:
        return (
            self.amount_label,
            self.channel_label,
            self.title_label,
            self.paid_label,
            self.created_label,
            self.refunded_label,
        )

    def clear(self) -> None:
        """Nothing known: no bill, no refunds."""
        self.bill = None
        self.refunds = None
        self.currency_known = False
        for label in self._detail_labels():
            label.setText("—")
        self.warnings_label.hide()
        self.set_history_status("")
        self.clear_history_rows()
        self._enable(False)

    def _enable(self, enabled: bool) -> None:
        self.setEnabled(enabled)
        self.history.setEnabled(enabled)

    def clear_history_rows(self) -> None:
        self.history_table.setRowCount(0)
        self.fit_history_columns()  # not the width of rows gone

    def fit_history_columns(self) -> None:
        table = self.history_table
        for column, typical in enumerate(self._typical_widths):
            table.setColumnWidth(column, max(typical, table.sizeHintForColumn(column)))

    def take(self, bill: BillRecord, currency_known: bool) -> None:
        """The bill BeeCloud answered; shown by show_details and the show_* below."""
        self.bill = bill
        self.currency_known = currency_known

    def show_details(self) -> None:
        """The bill's channel, title, paid state and creation time."""
        bill = self.bill
        if bill is None:
            return
        name = channel_words(bill.channel)  # the code itself when it has no words
        named = self.tr("{channel} ({name})").format(channel=bill.channel, name=name)
        self.channel_label.setText(named if name != bill.channel else bill.channel)
        self.title_label.setText(bill.title or self.tr("(no title)"))
        self.paid_label.setText(self.tr("Yes, paid") if bill.paid else self.tr("No — not paid"))
        self.created_label.setText(local_time_text(bill.created_time))
        self._enable(True)

    def show_amount(self, currency: str | None) -> None:
        if self.bill is None:
            return
        text = amount_text(self.bill.total_fee, currency)
        if currency is not None and not self.currency_known:
            text = self.tr(
                "{amount} (the bill does not say its currency; shown in the one you picked)"
            ).format(amount=text)
        self.amount_label.setText(text)

    def disagreeing_refund(self) -> RefundRecord | None:
        """A refund listed as made from a bill of another amount than the bill shown:
        one of BeeCloud's answers lies (a refund is of its bill, never of more)."""
        bill = self.bill
        if bill is None:
            return None
        return next((r for r in self.refunds or [] if r.total_fee != bill.total_fee), None)

    def currency_of(self, record: RefundRecord, shown: str | None) -> str | None:
        """A refund's currency: its bill's (the one shown), whatever its list says; its
        own only while the bill's is not known."""
        return shown if self.currency_known else record.currency or shown

    def standing_refund(self) -> RefundRecord | None:
        """The bill's refund that counts: one that succeeded, or one still in progress
        (BeeCloud allows one successful refund per bill; a refused one does not count)."""
        for record in self.refunds or []:
            if record.succeeded or not record.finished:
                return record
        return None

    def standing_refund_text(self, currency: str | None) -> str:
        """'USD 12.50 on 2026-12-04 14:05, refund 20261204…' (and whether in progress)."""
        record = self.standing_refund()
        if record is None:
            return self.tr("No") if self.refunds is not None else "—"
        template = (
            self.tr("{amount} on {time}, refund {refund_no}")
            if record.finished
            else self.tr("{amount} asked on {time}, refund {refund_no} (in progress)")
        )
        return template.format(
            amount=amount_text(record.refund_fee, self.currency_of(record, currency)),
            time=local_time_text(record.created_time),
            refund_no=record.refund_no,
        )

    def show_unknown_refund(self, refund_no: str | None) -> None:
        """'Refunded: No' only while no refund of the bill was sent whose outcome is not
        known (`refund_no`): beside 'It may or may not have been made' it was untrue."""
        if self.bill is None or self.refunds is None or self.standing_refund() is not None:
            return  # said by show_history_rows
        if refund_no is None:
            self.refunded_label.setText(self.tr("No"))
        else:
            self.refunded_label.setText(
                self.tr("Not known: refund {refund_no} was sent, its outcome is unknown").format(
                    refund_no=refund_no
                )
            )

    def refusal_reasons(self) -> list[str]:
        """Why BeeCloud will most likely refuse a refund of the bill shown (it still decides)."""
        bill = self.bill
        if bill is None:
            return []
        reasons = []
        if family_of(bill.channel) != "PAYPAL":
            reasons.append(
                self.tr(
                    "it was paid through {channel}; only PayPal bills are refunded here."
                ).format(channel=bill.channel)
            )
        if not bill.paid:
            reasons.append(self.tr("it was not paid, so there is nothing to refund."))
        if now_ms() - bill.created_time > REFUND_WINDOW_DAYS * DAY_MS:
            reasons.append(
                self.tr(
                    "it is more than {days} days old; PayPal refunds younger sales only."
                ).format(days=REFUND_WINDOW_DAYS)
            )
        return reasons

    def show_warnings(self) -> None:
        reasons = self.refusal_reasons()
        listed = "\n• ".join(reason[0].upper() + reason[1:] for reason in reasons)
        self.warnings_label.setText(
            self.tr(
                "BeeCloud will most likely refuse a refund of this bill:\n• {reasons}\n"
                "You may still send one; BeeCloud decides."
            ).format(reasons=listed)
        )
        self.warnings_label.setVisible(bool(reasons))

    def set_history_status(self, text: str) -> None:
        self.history_status.setText(text)
        self.history_status.setVisible(bool(text))

    def show_loading(self) -> None:
        self.set_history_status(self.tr("Loading…"))

    def show_history_rows(self, bill_currency: str | None) -> None:
        """The earlier refunds, once both they and the bill are known."""
        records = self.refunds
        if records is None or self.bill is None:
            return
        self.set_history_status("" if records else self.tr("No refunds yet."))
        self.refunded_label.setText(self.standing_refund_text(bill_currency))
        self.history_table.setRowCount(len(records))
        for row, record in enumerate(records):
            if not record.finished:
                result = self.tr("In progress")
            else:
                result = self.tr("Succeeded") if record.succeeded else self.tr("Refused")
            cells = (
                record.refund_no,
                amount_text(record.refund_fee, self.currency_of(record, bill_currency)),
                local_time_text(record.created_time),
                result,
            )
            for column, text in enumerate(cells):
                self.history_table.setItem(row, column, QTableWidgetItem(text))
        self.fit_history_columns()
