"""The table view both record tabs use, set up to stay fast on long lists.

Rows have one fixed height (QTableView's equivalent of setUniformRowHeights),
columns get their first widths from sample texts, never by measuring every
row, and the header can be moved, resized, sorted and (right-click) have
columns hidden, its state saved; a cell's menu (Menu key, Shift+F10) sorts and hides
columns too, and Enter opens a row as a double click does.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QKeyCombination,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QContextMenuEvent,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableView,
    QToolTip,
    QWidget,
)

from console.gui.plain_text import plain_tip
from console.gui.tables.formatting import count_number
from console.gui.tables.header_state import sealed, unsealed
from console.gui.tables.records_model import Column, Sample, sample_texts

# What a cell needs beside its text: Qt's 3 px either side and the grid line (measured:
# a text 7 px narrower than its column is whole, 6 px narrower elided), and 1 px spare.
CELL_MARGIN = 8
HEADER_PADDING = 12  # what a column's title needs beside it: margins and the sort arrow
# The table's width in a window 1,024 px wide (the smallest the console is made for):
# the first widths fit in it, so that no column starts out of sight.
FIT_WIDTH = 930
MIN_ELASTIC_WIDTH = 60  # a column that shows its whole text as a tooltip shrinks to this
# what the free text (a title) gives up last, before a name is cut: amounts never are
MIN_FREE_WIDTH = 40


HEADER_SELECTION = "header-selection"  # the header's selection of its own (setSelectionModel)


def row_spans(selection: QItemSelection) -> list[tuple[int, int]]:
    """The rows of a selection as (first, last) spans, in order, overlaps merged: a
    selection of a million rows is a few ranges, never a list of its rows or cells."""
    spans: list[tuple[int, int]] = []
    parts = (selection.at(at) for at in range(selection.size()))
    for top, bottom in sorted((part.top(), part.bottom()) for part in parts if part.isValid()):
        if spans and top <= spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], max(spans[-1][1], bottom))
        else:
            spans.append((top, bottom))
    return spans


def give_room(widths: list[int], excess: int, sections: list[int], floors: list[int]) -> int:
    """Narrow these columns by `excess` in all, the widest first down to the next widest,
    then together, none below its floor; what is left to take."""
    while excess > 0:
        giving = [section for section in sections if widths[section] > floors[section]]
        if not giving:
            break
        widest = max(widths[section] for section in giving)
        widest_ones = [section for section in giving if widths[section] == widest]
        next_widest = max((widths[s] for s in giving if widths[s] < widest), default=0)
        step = min(widest - next_widest, -(-excess // len(widest_ones)))
        for section in widest_ones:
            taken = min(step, excess, widths[section] - floors[section])
            widths[section] -= taken
            excess -= taken
    return excess


def sample_width(table: QTableView, sample: Sample, title: str = "") -> int:
    """The width of a column of this table that shows the sample's texts and its title
    whole."""
    cells = table.fontMetrics()
    header = table.horizontalHeader().fontMetrics()
    texts = sample_texts(sample)
    widest = max((cells.horizontalAdvance(text) for text in texts), default=0)
    return max(widest + CELL_MARGIN, header.horizontalAdvance(title) + HEADER_PADDING)


def rows_in(spans: list[tuple[int, int]]) -> int:
    return sum(last - first + 1 for first, last in spans)


def copied_spans(view: QAbstractItemView) -> list[tuple[int, int]]:
    """The rows a Copy takes: the ones selected, else the current one."""
    selection = view.selectionModel()
    spans = row_spans(selection.selection()) if selection else []
    current = view.currentIndex()
    if not spans and current.isValid():
        spans = [(current.row(), current.row())]
    return spans


def shown_columns(view: QTableView) -> list[int]:
    """The model's columns as shown: in their order on screen, hidden ones left out."""
    header = view.horizontalHeader()
    logical = (header.logicalIndex(visual) for visual in range(header.count()))
    return [column for column in logical if not header.isSectionHidden(column)]


def is_menu_key(event: QEvent) -> bool:
    """Whether the event asks for a menu by the keyboard (the Menu key, Shift+F10)."""
    return (
        event.type() == QEvent.Type.ContextMenu
        and isinstance(event, QContextMenuEvent)
        and event.reason() == QContextMenuEvent.Reason.Keyboard
    )


def ask_for_menu_of_current_row(view: QAbstractItemView) -> None:
    """The current row's menu, asked for by keys as a right click on it asks for it
    (customContextMenuRequested, at a place in the viewport). Qt asks at a place in the
    view, under the header: the Menu key opened the menu of the row below."""
    index = view.currentIndex()
    if index.isValid():
        view.scrollTo(index)
        view.customContextMenuRequested.emit(view.visualRect(index).center())


class RecordsView(QTableView):
    painted = Signal()  # after each paint of its rows (console/gui/ready_probe.py)
    told = Signal(str)  # what a Copy did, or why not: the window's status bar says it
    opened = Signal(QModelIndex)  # a row opened: a double click, or Enter on the current row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setTabKeyNavigation(False)  # Tab goes on to the next field; arrows move in here
        self.doubleClicked.connect(self.opened)

        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.hide()

        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicatorClearable(True)  # a third click gives the server's order back
        header.setResizeContentsPrecision(50)  # a double-click on a border measures 50 rows
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._popup_column_menu)
        header.sectionResized.connect(self._on_section_resized)
        self._natural: list[int] = []
        self._roomy: list[int] = []  # what a column takes first of the room to spare
        self._free: list[bool] = []  # the free text's columns (Column.free_text)
        self._elastic: list[bool] = []  # the names' columns that give up room (tooltip)
        self._least: list[int] = []  # the least width of each column (Column.least)
        self._auto_widths = False  # the widths follow the table's width (see resizeEvent)
        self._fitting = False
        # What the table's paint runs within (the record tabs: their gateway's
        # holding_walks, so that pages being fetched do not slow the paint down).
        self.paint_guard: Callable[[], AbstractContextManager[None]] | None = None
        # Whether rows are still being counted below the last one in (the record tabs:
        # their model's): a copy of rows up to it is refused until they are in.
        self.still_counting: Callable[[], bool] = lambda: False
        # Whether any of these rows (first, last) is still to come with those being
        # counted (the record tabs: shown in another history a moment ago, not yet read
        # from this one; or forgotten or changed by a sync, not yet moved): a copy of
        # them is refused until they are in.
        self.rows_to_come: Callable[[list[tuple[int, int]]], bool] = lambda _spans: False
        # Whether those rows could not be counted (the read failed): the copy is refused
        # until a Reload counts them.
        self.uncounted: Callable[[], bool] = lambda: False
        # The columns a copy of rows takes, of those shown (the record tabs: their
        # model's, the Currency column added back beside an amount).
        self.copied_columns: Callable[[list[int]], list[int]] = lambda shown: shown

    def setSelectionModel(self, selection_model: QItemSelectionModel) -> None:
        """The rows' selection, and one of its own for the header, where no column is ever
        selected. Qt's header asks at each paint whether each column is selected, which
        asks whether every row is, one Python rowCount() a row: once Ctrl+A had selected
        a million bills, each paint of the header (a resize, a column sized) froze the
        window for 14 s. The header highlights no column (setHighlightSections), so what
        it asks changes nothing it shows."""
        super().setSelectionModel(selection_model)
        header = self.horizontalHeader()
        made_before = header.findChild(QItemSelectionModel, HEADER_SELECTION)
        own = QItemSelectionModel(selection_model.model(), header)
        own.setObjectName(HEADER_SELECTION)
        header.setSelectionModel(own)
        if made_before is not None:
            made_before.deleteLater()

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        """A screen reader is told of the first cell selected and the first deselected, as
        QTableView tells it, without listing every selected cell to find the first (a
        Python rowCount() a cell: Ctrl+A on a million bills froze the window for some
        12 s while a screen reader ran)."""
        if not (selected.isEmpty() and deselected.isEmpty()):  # (as when a model is set)
            self._tell_selection(selected, deselected)
        QAbstractItemView.selectionChanged(self, selected, deselected)

    def _tell_selection(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        from PySide6.QtGui import QAccessible, QAccessibleEvent  # not needed to paint

        if QAccessible.isActive():
            for part, kind in (
                (selected, QAccessible.Event.SelectionAdd),
                (deselected, QAccessible.Event.SelectionRemove),
            ):
                if not part.isEmpty():
                    told = QAccessibleEvent(self, kind)
                    told.setChild(self._accessible_child(part.at(0).topLeft()))
                    QAccessible.updateAccessibility(told)

    def _accessible_child(self, index: QModelIndex | QPersistentModelIndex) -> int:
        """The number of a cell among the table's accessible children, as QTableView
        counts them: the header row first, and a header cell at the start of each row."""
        columns = self.model().columnCount() + 1
        return (index.row() + 1) * columns + index.column() + 1

    def event(self, event: QEvent) -> bool:
        if is_menu_key(event):
            ask_for_menu_of_current_row(self)  # the Menu key
            return True
        return super().event(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """A cell's tooltip (its whole text: a title, a server's words) shown as it is,
        never read as markup."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            tip = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
            if isinstance(tip, str) and tip:
                QToolTip.showText(
                    event.globalPos(), plain_tip(tip), self.viewport(), self.visualRect(index)
                )
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selected_rows()
            return
        if event.keyCombination() == QKeyCombination(Qt.Modifier.SHIFT, Qt.Key.Key_F10):
            ask_for_menu_of_current_row(self)  # the menu key of keyboards without one
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.currentIndex().isValid()
        ):
            self.opened.emit(self.currentIndex())  # Enter opens the row, as a double click
            return
        super().keyPressEvent(event)

    def copy_selected_rows(self) -> None:
        """The rows selected (else the current one) to the clipboard as the table shows
        them (console/gui/tables/row_copy.py); `told` says what was copied, or why not
        (too many rows, or rows up to the last one in while more are counted: part of
        what the clerk selected may still be to come; or rows a sync forgot or changed,
        shown in their places until the rows counted again move them)."""
        from console.gui.tables import row_copy

        spans = copied_spans(self)
        count = rows_in(spans)
        if count == 0:
            return
        if count > row_copy.COPY_LIMIT:  # first: rows_to_come reads the rows it is given
            self.told.emit(
                self.tr(
                    "{count} rows are selected: Copy takes at most {limit}. Use Export… for "
                    "more, or narrow the filters."
                ).format(count=count_number(count), limit=count_number(row_copy.COPY_LIMIT))
            )
            return
        last = spans[-1][1] == self.model().rowCount() - 1
        if self.still_counting() and (last or self.rows_to_come(spans)):
            self.told.emit(
                self.tr(
                    "The list could not be counted, so the rows selected may not all be in: "
                    "Reload (F5), then copy them."
                )
                if self.uncounted()
                else self.tr("The list is still being counted: copy the rows selected in a moment.")
            )
            return
        text = row_copy.rows_text(self.model(), spans, self.copied_columns(self.shown_columns()))
        QGuiApplication.clipboard().setText(text)
        self.told.emit(self.tr("Copied %n rows.", "", count))

    def add_column_actions(self, menu: QMenu, column: int) -> None:
        """Sort by this column, up or down, and show or hide columns: a cell's menu does
        by keys what a click and a right click on the header do (the header takes no
        focus)."""
        menu.addSeparator()
        if self.isSortingEnabled():
            title = str(self.model().headerData(column, Qt.Orientation.Horizontal))
            for text, order in (
                (self.tr("Sort by {column}, ascending"), Qt.SortOrder.AscendingOrder),
                (self.tr("Sort by {column}, descending"), Qt.SortOrder.DescendingOrder),
            ):
                menu.addAction(
                    text.format(column=title),
                    partial(self.horizontalHeader().setSortIndicator, column, order),
                )
        menu.addMenu(self.column_menu(menu))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.paint_guard is None:
            super().paintEvent(event)
        else:
            with self.paint_guard():
                super().paintEvent(event)
        self.painted.emit()

    def room(self) -> int:
        """The width the rows have: the viewport's, which QTableView gives its header too
        (updateGeometries). Read from the header: the first `viewport()` asked for from
        Python costs PySide6 some 9 ms, once, before the first paint (the viewport is of
        a class of Qt's own, unknown to PySide6, whose wrapper is found by making the
        Python types of every widget class)."""
        return self.horizontalHeader().width()

    def set_initial_widths(
        self, columns: tuple[Column, ...], titles: list[str], fit: int = FIT_WIDTH
    ) -> None:
        """Widths that show each column's samples (as the language and locale in use
        write them) and its translated title whole. A column with a roomy sample (the
        console's numbers of the widest letters) takes what it needs of the room to
        spare first; the free text (a title, a detail) takes the rest; when the samples
        add up to more than the room (`fit` at first, then the table's own width until
        the user sizes a column or a saved layout is restored), columns give up the
        difference in turn, each group the widest first down to the next widest, then
        together: the free text down to its least sample,
        the names whose whole text is a tooltip away (channels) down to their usual ones,
        the free text down to MIN_ELASTIC_WIDTH, the numbers with a `least` sample down
        to it, the free text down to MIN_FREE_WIDTH, the names down to MIN_ELASTIC_WIDTH,
        and last the numbers with a `least` sample (a tooltip has them whole) down to it
        too; so that every date and amount is in sight. An amount gives up nothing:
        its samples are the largest there can be."""
        self._natural = [
            sample_width(self, column.sample, title)
            for column, title in zip(columns, titles, strict=True)
        ]
        self._least = [
            min(sample_width(self, column.least), natural)
            if column.least
            else MIN_ELASTIC_WIDTH
            if column.free_text
            else natural
            for column, natural in zip(columns, self._natural, strict=True)
        ]
        self._roomy = [
            max(sample_width(self, column.roomy), natural) if column.roomy else natural
            for column, natural in zip(columns, self._natural, strict=True)
        ]
        self._free = [column.free_text for column in columns]
        self._elastic = [
            column.tooltip and not column.keeps_width and not column.free_text for column in columns
        ]
        self._auto_widths = True
        self._fit_widths(fit)

    @property
    def widths_by_user(self) -> bool:
        """Whether the user sized a column (then its widths are kept as they are)."""
        return not self._auto_widths

    def header_state(self) -> QByteArray:
        """The columns as the user left them, to be kept (sealed: header_state.py)."""
        return sealed(self.horizontalHeader().saveState())

    def restore_header(self, kept: QByteArray, widths_by_user: bool) -> bool:
        """The columns as the user left them (order, hidden, sort), from what header_state
        gave; their widths too when the user had sized them, else fitted afresh to the
        table's room. A state not whole as kept is not used."""
        state = unsealed(kept)
        restored = state is not None and self.horizontalHeader().restoreState(state)
        if restored and widths_by_user:
            self._auto_widths = False
        elif self._natural:
            self._auto_widths = True
            self._refit()
        return restored

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_widths:
            self._refit()

    def _refit(self) -> None:
        """The widths fitted to the table's own room, however narrow (a window of 900 px:
        a desktop at 150 %), so that no date or amount starts out of sight."""
        self._fit_widths(self.room() - 2)

    def _fit_widths(self, fit: int) -> None:
        """The widths for a room of `fit`, the hidden columns left out (their room goes
        to the free text: fitted with them, it went to the last column, stretched)."""
        widths = list(self._natural)
        shown = [not self.isColumnHidden(section) for section in range(len(widths))]
        excess = sum(width for width, seen in zip(widths, shown, strict=True) if seen) - fit
        free = [section for section, is_free in enumerate(self._free) if is_free and shown[section]]
        for section, roomy in enumerate(self._roomy):  # a number of the widest letters
            if excess < 0 and shown[section] and roomy > widths[section]:
                taken = min(-excess, roomy - widths[section])
                widths[section] += taken
                excess += taken
        if excess < 0 and free:  # the room to spare goes to the free text
            share, rest = divmod(-excess, len(free))
            for place, section in enumerate(free):
                widths[section] += share + (place < rest)
        named = [s for s, elastic in enumerate(self._elastic) if elastic and shown[s]]
        numbers = [
            section
            for section, least in enumerate(self._least)
            if least < self._natural[section]
            and not self._free[section]
            and not self._elastic[section]
            and shown[section]
        ]
        least = [max(width, MIN_ELASTIC_WIDTH) for width in self._least]
        lowest = [MIN_ELASTIC_WIDTH] * len(widths)
        last = [MIN_FREE_WIDTH] * len(widths)
        for sections, floors in (
            (free, least),
            (named, least),
            (free, lowest),
            (numbers, self._least),
            (free, last),
            (named, lowest),
            (numbers, lowest),
        ):
            excess = give_room(widths, excess, sections, floors)
        self._fitting = True
        try:
            for section, width in enumerate(widths):
                if self.columnWidth(section) != width:
                    self.setColumnWidth(section, width)
        finally:
            self._fitting = False

    @Slot(int, int, int)
    def _on_section_resized(self, section: int, _old: int, _new: int) -> None:
        """A column the user sized (not the last, which stretches with the table)."""
        header = self.horizontalHeader()
        if not self._fitting and header.visualIndex(section) != header.count() - 1:
            self._auto_widths = False

    def shown_columns(self) -> list[int]:
        return shown_columns(self)

    def column_menu(self, parent: QWidget | None = None) -> QMenu:
        """A check box per column to show or hide it; the last one shown cannot be hidden.
        Titled Columns, for a submenu of a cell's menu (`parent`, which it goes with)."""
        menu = QMenu(self.tr("Columns"), parent or self)
        header = self.horizontalHeader()
        model = self.model()
        shown = self.shown_columns()
        for column in range(header.count()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(shown != [column])
            action.toggled.connect(partial(self._show_column, column))
        return menu

    def _show_column(self, column: int, shown: bool) -> None:
        """Show or hide a column (not a width the user gave: Qt says it was resized)."""
        self._fitting = True
        try:
            self.setColumnHidden(column, not shown)
        finally:
            self._fitting = False
        if self._auto_widths and self._natural:
            self._refit()

    @Slot(QPoint)
    def _popup_column_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()
