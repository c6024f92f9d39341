"""The Overview's table of totals: one row per currency (paid bills, paid, refunds,
refunded, net), amounts in major units with the currency's own decimals; the records
of no known currency are counted, their amounts never added up."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from console.api.money import format_amount
from console.gui import colours
from console.gui.tables.formatting import count_number
from console.gui.tables.row_copy import RowsCopyingTable
from console.overview import UNKNOWN_CURRENCY, CurrencyTotals

# An amount cell of the records of no known currency: they may be of several currencies,
# whose amounts cannot be added up (USD 12.50 and JPY 1,200 are not 1,212.50 of anything).
NOT_SUMMED = "—"
NEGATIVE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # a net cell below zero (in the error colour)


class TotalsTable(RowsCopyingTable):
    """One row per currency: paid bills, paid, refunds, refunded, net (Ctrl+C copies it)."""

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, self.COLUMNS, parent)
        self.setTabKeyNavigation(False)  # Tab goes on to the next field; arrows move in here
        self.setHorizontalHeaderLabels(
            [
                self.tr("Currency"),
                self.tr("Paid bills"),
                self.tr("Paid"),
                self.tr("Refunds"),
                self.tr("Refunded"),
                self.tr("Net"),
            ]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def show_totals(self, rows: list[tuple[str, CurrencyTotals]]) -> None:
        """(what the user reads as the currency, its totals), in the order given. The
        columns fit their contents once, when filled (the header fitted them again after
        every cell it was given, which made filling many currencies slow)."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        try:
            self._fill(rows)
        finally:
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Wide enough for every column: nothing is hidden behind a scroll bar. The room
        # grows to fit wider figures and is kept for narrower ones: a clerk flipping
        # between ranges sees the charts beside stay put (and not painted three times).
        needed = (
            self.horizontalHeader().length()
            + 2 * self.frameWidth()
            + self.verticalScrollBar().sizeHint().width()
        )
        self.setMinimumWidth(max(self.minimumWidth(), needed))

    def _fill(self, rows: list[tuple[str, CurrencyTotals]]) -> None:
        self.setRowCount(len(rows))
        for row, (label, totals) in enumerate(rows):
            code = totals.currency
            known = code != UNKNOWN_CURRENCY
            cells = (
                label,
                count_number(totals.paid_count),
                format_amount(totals.paid, code) if known else NOT_SUMMED,
                count_number(totals.refund_count),
                format_amount(totals.refunded, code) if known else NOT_SUMMED,
                format_amount(totals.net, code) if known else NOT_SUMMED,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, code)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(row, column, item)
            if known and totals.net < 0:
                self._item(row, 5).setData(NEGATIVE_ROLE, True)
            if not known:
                self._item(row, 0).setToolTip(
                    self.tr(
                        "The server's lists give no currency for these bills and refunds "
                        "(domestic channels, or bills this console did not make): they are "
                        "counted apart."
                    )
                )
                for column in (2, 4, 5):
                    self._item(row, column).setToolTip(
                        self.tr(
                            "Their currencies are not known and may differ, so their "
                            "amounts are not added up."
                        )
                    )
        self._colour_negatives()

    def _colour_negatives(self) -> None:
        """A net below zero in the error colour of the palette now."""
        brush = QBrush(colours.qcolour("error"))
        for row in range(self.rowCount()):
            item = self._item(row, 5)
            if item.data(NEGATIVE_ROLE):
                item.setForeground(brush)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # e.g. the desktop turned dark
            self._colour_negatives()

    def currency_at(self, row: int) -> str:
        return str(self._item(row, 0).data(Qt.ItemDataRole.UserRole))

    def cell_text(self, row: int, column: int) -> str:
        return self._item(row, column).text()

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        """A cell of the table (every one is filled when the table is)."""
        item = self.item(row, column)
        assert item is not None, (row, column)
        return item
