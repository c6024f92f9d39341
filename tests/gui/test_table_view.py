"""The record tables' view (console/gui/tables/table_view.py): its columns fit the
room its rows have, read without asking PySide6 for the viewport before the first
paint, and it says when it has painted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QAccessible, QAccessibleEvent, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from console.gui.tables.records_model import Column
from console.gui.tables.table_view import RecordsView

COLUMNS = (
    Column("bill_no", "Bill number", "20261205092102000252"),
    Column("title", "Title", "A title long enough to give up some room " * 4, tooltip=True),
    Column("channel", "Channel", "PAYPAL_SAVED_CREDITCARD " * 4, tooltip=True),
    Column("total_fee", "Amount", "1,234,567.89", right_aligned=True),
)


class CountedView(RecordsView):
    """Counts the Python calls of viewport(): the first one makes PySide6 create the
    Python types of every widget class, some 9 ms, before the first paint."""

    asked = 0

    def viewport(self) -> QWidget:
        self.asked += 1
        return super().viewport()


def test_the_room_is_the_viewport_s_width_and_the_columns_fit_it(qtbot) -> None:
    view = CountedView()
    model = QStandardItemModel(3, len(COLUMNS))
    view.setModel(model)
    view.set_initial_widths(COLUMNS, [column.title for column in COLUMNS])
    qtbot.addWidget(view)
    painted: list[bool] = []
    view.painted.connect(lambda: painted.append(True))
    view.resize(1000, 300)  # the room is more than FIT_WIDTH: the columns fit it
    view.show()
    qtbot.waitUntil(lambda: bool(painted))
    assert view.asked == 0, "viewport() was asked for before the first paint"

    real = QTableView.viewport(view).width()
    assert view.room() == real
    assert view.horizontalScrollBar().maximum() == 0  # titles and channels gave up room
    narrowed = view.columnWidth(1)

    view.resize(1200, 300)
    qtbot.waitUntil(lambda: view.columnWidth(1) > narrowed)
    assert view.room() == QTableView.viewport(view).width()
    assert view.horizontalScrollBar().maximum() == 0


class CountedRows(QAbstractTableModel):
    """Many rows, each asked of Python: counts how often Qt asks how many there are."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.asked = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        self.asked += 1
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        return str(index.row()) if role == Qt.ItemDataRole.DisplayRole else None


def test_every_row_selected_costs_the_header_no_walk_of_the_rows(qtbot) -> None:
    """Ctrl+A on a million bills froze the window for 14 s, and every repaint of the
    header after it (a resize) as long: Qt's header asks, for each column, whether
    every row is selected, one Python rowCount() a row. The header asks a selection
    of its own, in which no column is ever selected (it highlights none)."""
    view = RecordsView()
    model = CountedRows(20_000)
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(800, 300)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    model.asked = 0
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()  # the paint that follows
    view.resize(900, 320)
    view.horizontalHeader().viewport().repaint()
    assert model.asked < 1_000
    assert len(view.selectionModel().selectedRows()) == model.rows  # every row selected


def told_of_selections(view: QTableView, act: Callable[[], object], monkeypatch) -> list[str]:
    """What a screen reader is told of the selection while `act` runs (accessibility on,
    as while one runs): "+" or "-" and the name of the cell it names."""
    told: list[str] = []
    real = QAccessible.updateAccessibility
    kinds = {QAccessible.Event.SelectionAdd: "+", QAccessible.Event.SelectionRemove: "-"}

    def watched(event: QAccessibleEvent) -> None:
        if event.type() in kinds:
            table = QAccessible.queryAccessibleInterface(view)
            cell = table.child(event.child())
            told.append(kinds[event.type()] + cell.text(QAccessible.Text.Name))
        real(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(watched))
    # as while a screen reader runs (PySide6 6.9 stays inactive offscreen, whatever is set)
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    QAccessible.setActive(True)
    try:
        act()
    finally:
        QAccessible.setActive(False)
        monkeypatch.undo()
    return told


def test_a_screen_reader_hears_of_every_row_selected_without_a_walk_of_the_cells(
    qtbot, monkeypatch
) -> None:
    """With a screen reader running, Ctrl+A on a million bills froze the window for
    some 12 s: Qt's table listed every selected cell (one Python rowCount() each) to
    tell of the first. It is told of the first all the same."""
    view = RecordsView()
    model = CountedRows(20_000)
    view.setModel(model)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    flags = QItemSelectionModel.SelectionFlag
    only = flags.ClearAndSelect | flags.Rows
    view.selectionModel().select(model.index(2, 0), only)

    def select() -> None:
        view.selectionModel().select(model.index(5, 0), only)
        model.asked = 0
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)

    told = told_of_selections(view, select, monkeypatch)
    assert model.asked < 1_000
    assert told == ["+5", "-2", "+0"]  # the cells a screen reader is told of, by name
