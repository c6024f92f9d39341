"""One tab = one list of the history: filters, a count, the table, an export.

BillsTab and RefundsTab are this tab with their own model and row menu. The rows
come from the profile's history mirror (console/gui/history.py), never straight
from the server: every filter (channel, a whole number, the dates, the status, the
free text) is a query of the mirror, applied as soon as it changes, so what the
table shows (and exports) always matches the filters on screen. Reload (F5), the
first showing of the tab, and the timer of the history ask for a sync; what it
brings flows into the table without resetting the view. The count says how many
rows the filters select and how old the history is.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QMenu, QVBoxLayout, QWidget

from console.api.cards import storable
from console.api.models import BillQuery, BillRecord, RefundQuery, RefundRecord
from console.api.validate import typed_words
from console.export.table import ExportTable
from console.gui.feedback import OutcomePanel
from console.gui.jobs import FIND_BILL, FIND_REFUND
from console.gui.plain_text import PlainLabel
from console.gui.profiles import Profile
from console.gui.session import ConsoleSession
from console.gui.settings import (
    BILL_NO,
    CHANNEL,
    HEADER,
    REFUND_NO,
    STATUS,
    TEXT,
    WIDTHS_BY_USER,
)
from console.gui.shortcuts import FIND, REFRESH, key_text
from console.gui.tables.filter_bar import QueryFilters, RowFilters
from console.gui.tables.history_model import (
    HistoryModel,
    Record,
    channel_order,
    named_channels,
    refund_summary,
)
from console.gui.tables.selection_keeper import SelectionKeeper
from console.gui.tables.table_export import TableExport, days_part, describe, searched_part
from console.gui.tables.table_view import RecordsView
from console.store import mirror_query
from console.store.approval_links import ApprovalLink
from console.store.mirror import REFUNDS
from console.store.mirror_query import Selection

if TYPE_CHECKING:
    from collections.abc import Callable

    from console.gui.gateway import JobHandle
    from console.gui.tables.record_details import RecordDetailsDialog

log = logging.getLogger(__name__)


class TabSpec(NamedTuple):
    name: str  # "bills" or "refunds": what an export's file name starts with
    settings_group: str  # where save_state() writes: a group of console/gui/settings.py
    with_refund_no: bool  # whether the filters include refund_no
    # Texts marked with QT_TRANSLATE_NOOP("RecordsTab", ...), translated when shown:
    searched: str  # what the free-text filter looks in, for its placeholder
    copy_fields: tuple[tuple[str, str], ...]  # (record field, menu text) of the Copy actions
    model_type: type[HistoryModel]
    default_sort: str = "created_time"  # newest first, like the server


IDLE, LOADING, DONE, STOPPED, FAILED, INVALID = (
    "idle",
    "loading",  # a sync is running
    "done",
    "stopped",
    "failed",
    "invalid",  # the filters shown cannot be applied: nothing is shown for them
)


def spec_text(text: str) -> str:
    """A TabSpec text in the language shown."""
    return QCoreApplication.translate("RecordsTab", text)


class HistoryTab(QWidget):
    load_started = Signal(object)  # the JobHandle of a sync this tab asked for
    load_ended = Signal(str)  # DONE, FAILED or STOPPED, once the table shows what came

    def __init__(self, session: ConsoleSession, spec: TabSpec) -> None:
        super().__init__()
        self.session = session
        self.history = session.history
        self.spec = spec
        # Every Qt object here has the tab as parent, so it dies with the tab, on the GUI
        # thread, the view first: never later from a garbage collection in another thread.
        self.view = RecordsView(self)
        self.view.paint_guard = session.gateway.holding_walks
        self.view.still_counting = lambda: not self.model.complete
        self.view.rows_to_come = lambda spans: self.model.rows_to_come(spans)
        self.view.uncounted = lambda: self.model.uncounted
        self.view.copied_columns = lambda shown: self.model.copied_columns(shown)
        self.model = model = spec.model_type(self)
        self.view.setModel(model)
        self.selection_keeper = SelectionKeeper(self.view, model)
        self.view.setAccessibleName(model.phrases()["title"])  # "Bills": not just "table"
        self.view.set_initial_widths(model.columns, model.titles)
        self.filters = QueryFilters(spec.with_refund_no)
        self.row_filters = RowFilters(
            model.status_choices(), model.phrases()["all"], spec_text(spec.searched)
        )
        self.count_label = PlainLabel()
        self.count_label.setWordWrap(True)
        self.outcome = OutcomePanel()
        self.exporter = TableExport(
            self,
            session,
            spec.name,
            self.snapshot,
            self.export_file_stem,
            self.outcome,
            self.not_ready_to_export,
        )
        self.filters.search.setToolTip(
            self.tr("Fetch what is new from the server ({key})").format(key=key_text(REFRESH))
        )
        self.row_filters.text.setToolTip(
            self.tr(
                "Rows containing every word, in the whole history: part of a number, a "
                "title, a channel ({key}). Of several lines (a column of bill numbers "
                "pasted), the rows of any line."
            ).format(key=key_text(FIND))
        )

        count_line = QHBoxLayout()
        count_line.addWidget(self.count_label, 1)
        count_line.addWidget(self.exporter.button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.row_filters)
        layout.addLayout(count_line)
        layout.addWidget(self.outcome)
        layout.addWidget(self.view, 1)
        # Tab goes down the screen (the view was made first): filters, Export…, the rows.
        QWidget.setTabOrder(self.row_filters.text, self.exporter.button)
        QWidget.setTabOrder(self.exporter.button, self.view)

        self.applied: Any = None  # the query of the filters shown (BillQuery or RefundQuery)
        self.applied_days: tuple[date, date] | None = None  # its days, None for any date
        self._state = LOADING if self.history.syncing else IDLE  # built during a sync
        self._stale = True  # show the mirror (and sync) when next shown
        self._asked = False  # this tab asked for the sync running
        self._number_asked: tuple[str, str] | None = None  # (profile, number) last asked
        self._details: RecordDetailsDialog | None = None  # open, following the history
        self._details_of: Profile | None = None  # the profile in use when it was opened

        self.filters.search_requested.connect(self.apply_filters)
        self.filters.reload_requested.connect(self.load)
        self.row_filters.status_changed.connect(self._on_row_filter)
        self.row_filters.text_changed.connect(self._on_row_filter)
        self.view.customContextMenuRequested.connect(self._popup_row_menu)
        self.view.opened.connect(self._on_row_opened)
        self.model.counted.connect(self._show_count)
        self.model.counted.connect(self._on_counted)
        self.model.count_failed.connect(self._show_count)
        self.model.rowsInserted.connect(self._show_count)
        self.model.layoutChanged.connect(self._show_count)
        self.model.modelReset.connect(self._show_count)
        session.profile_changed.connect(self._on_profile_changed)
        session.profile_updated.connect(self._on_profile_updated)
        self.history.changed.connect(self._on_history_changed)
        self.history.state_changed.connect(self._show_count)
        self.history.sync_started.connect(self._on_sync_started)
        self.history.sync_ended.connect(self._on_sync_ended)

        self._restore_state()
        self._show_count()

    # -- what is shown -------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        """Reload: show what the filters select, and fetch what the server has now (a
        sync running when it is pressed is followed by one more: History.reload)."""
        self._show_and_sync(self.history.reload)

    def _show_and_sync(self, sync: Callable[[], JobHandle]) -> None:
        """Show what the filters select, and fetch what is new from the server."""
        self.apply_filters()
        if self._state != INVALID:
            self._asked = True
            handle = sync()
            self.load_started.emit(handle)

    @Slot()
    def apply_filters(self) -> None:
        """Show the rows of the history the filters select, at once."""
        if self.history.closed:  # a typing pause that ended after the window closed
            return
        currencies = self.history.currencies()  # each bill's looked up when it is shown
        if self.model.mirror is not self.history.mirror:
            self.model.set_mirror(self.history.mirror, currencies)
        self._stale = False
        self.outcome.clear()
        query = self.filters.query()
        words = self.row_filters.words()
        if query is None or words is None:  # shown beside the fields: rows of no filter shown
            self.applied = None
            self.model.clear()
            self._set_state(INVALID)
            return
        self.applied = query
        self.applied_days = None if query.start_time is None else self.filters.dates.days()
        self.model.set_currencies(currencies)
        selection = self._selection(query, words)
        if selection == self.model.selection:
            self.model.refresh()  # the same rows: the view is kept
        else:
            self.model.select(selection)
        if self._state == INVALID:
            self._set_state(LOADING if self.history.syncing else IDLE)
        self._show_count()

    @Slot()
    def _on_counted(self) -> None:
        """Every row is in: none for a whole number, it is asked of the server (at once
        when the first rows were, or once the ids' thread has read them)."""
        if self.model.selection is not None and not self.model.rowCount():
            self._ask_for_number(self.model.selection)

    def _ask_for_number(self, selection: Selection) -> None:
        """A whole number the history does not have (made since the last sync): asked of
        the server at once, and kept in the history when found. Once per number shown."""
        if self.spec.with_refund_no:
            action, number = FIND_REFUND, selection.refund_no
        else:
            action, number = FIND_BILL, selection.bill_no
        if not number or (self.session.profile.id, number) == self._number_asked:
            return
        self._number_asked = (self.session.profile.id, number)
        self.session.submit(action, number, self.tr("Looking for {number}").format(number=number))

    def _selection(self, query: BillQuery | RefundQuery, words: str) -> Selection:
        header = self.view.horizontalHeader()
        column = header.sortIndicatorSection()
        columns = self.model.columns
        order = columns[column].key if 0 <= column < len(columns) else self.spec.default_sort
        return Selection(
            self.model.kind,
            channel=query.channel,
            bill_no=query.bill_no,
            refund_no=getattr(query, "refund_no", None),
            start_ms=query.start_time,
            end_ms=query.end_time,
            status=self.row_filters.status_key(),
            text=words,
            channel_words=named_channels(),
            channel_order=channel_order(),
            order=order,
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )

    def is_loading(self) -> bool:
        return self._state == LOADING

    def _set_state(self, state: str) -> None:
        self._state = state
        self._show_count()

    @Slot(object)
    def _on_sync_started(self, _handle: object) -> None:
        if self._state != INVALID:
            self._set_state(LOADING)

    @Slot(str)
    def _on_sync_ended(self, state: str) -> None:
        asked, self._asked = self._asked, False
        if self._state == INVALID:
            return
        if state == FAILED and self.history.failure is not None and asked:
            self.outcome.show_report(self.history.failure)
        elif state == DONE:  # a failure shown before is no longer true
            self.outcome.clear()
        self._set_state(state)
        if self.model.complete or self.model.uncounted:
            self.load_ended.emit(state)
        else:  # once every row of the selection is in, or could not be counted
            self.model.counted.connect(self._ended_once_counted)
            self.model.count_failed.connect(self._ended_once_counted)
            self._ended_state = state

    @Slot()
    def _ended_once_counted(self) -> None:
        self.model.counted.disconnect(self._ended_once_counted)
        self.model.count_failed.disconnect(self._ended_once_counted)
        self.load_ended.emit(self._ended_state)

    @Slot()
    def _on_history_changed(self) -> None:
        self._follow_details()
        mirror = self.model.mirror
        if mirror is not None and mirror is not self.history.mirror:
            # the mirror was made again (found damaged), or its file is used again after
            # a session kept in memory: the rows read from it, the view kept
            self.model.move_to(self.history.mirror)
        elif mirror is not None and self.model.selection is not None:
            self.model.refresh()
            # "Counting…" while its ids are read again, as Export… and Ctrl+C wait then
            self._show_count()

    @Slot(object)
    def _on_profile_changed(self, _profile: Profile) -> None:
        self._leave_details()
        self.outcome.clear()
        self.model.set_mirror(None, {})
        self._stale = True
        self._set_state(IDLE)
        if self.isVisible():
            self._show_and_sync(self.history.sync)

    @Slot(object)
    def _on_profile_updated(self, _profile: Profile) -> None:
        """Synced with its new settings (History.on_profile_updated); the rows, selection
        and scroll position stay."""
        self.outcome.clear()
        if self.isVisible():
            self._show_and_sync(self.history.sync)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.history.syncing and self.session.profile.id not in self.history.tried:
            self._show_and_sync(self.history.sync)  # what the history holds; sync at start
        elif self._stale:
            self.apply_filters()

    # -- the count -------------------------------------------------------------------

    def _show_count(self) -> None:
        model, state = self.model, self._state
        rows = model.rowCount()
        if state == INVALID:
            self.count_label.setText(self.tr("Correct the filters above to see the list."))
            return
        if model.selection is None:
            self.count_label.setText(self.tr("Press Reload to load."))
            return
        if model.uncounted:
            shown = self.tr("{rows} shown: the others could not be counted (Reload, F5)").format(
                rows=model.count_phrase(rows)
            )
        elif not model.complete:
            shown = self.tr("Counting… {rows} so far").format(rows=model.count_phrase(rows))
        elif rows:
            shown = model.count_phrase(rows)
        else:  # a sentence, whose full stop would stand before the "·"
            shown = self._none_text().rstrip(".。")
        self.count_label.setText(
            self.tr("{shown} · {age}").format(shown=shown, age=self.history.age_text())
        )

    def _none_text(self) -> str:
        """Nothing matched: for a number, why that may be and where else to look."""
        if not self.history.holds_records():  # no filter is to blame: nothing is held
            return self.model.phrases()["empty"]
        query = self.applied
        refund_no = getattr(query, "refund_no", None)
        number = refund_no or getattr(query, "bill_no", None)
        if not number or self.row_filters.status_key() or typed_words(self.row_filters.text.text()):
            return self.model.phrases()["none"]  # Show or Find may hide its record
        if self.model.kind == REFUNDS and not refund_no:  # a bill's refunds (Show its refunds)
            return self.tr(
                "No refund of bill {number} is in the history. A bill number must be whole "
                "and exact; to find part of one, or a title, type it in “Find in the history”."
            ).format(number=number)
        return self.tr(
            "Nothing has the number {number}. A number must be whole and exact; to find "
            "part of a number or a title, type it in “Find in the history”."
        ).format(number=number)

    # -- row filters -------------------------------------------------------------------

    @Slot(object)
    def _on_row_filter(self, _value: object) -> None:
        self.apply_filters()

    # -- what the window's shortcuts do (console/gui/shortcuts.py) ---------------------

    def focus_search(self) -> None:
        self.row_filters.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.row_filters.text.selectAll()

    def refresh(self) -> None:
        self.load()

    def export(self) -> None:
        self.exporter.start()

    def not_ready_to_export(self) -> str | None:
        """Rows still being counted are not yet the list the filters describe. Filters
        typed and waiting for their pause apply first: the file is of the filters shown."""
        self.filters.apply_pending()
        self.row_filters.apply_pending()
        if self._state == INVALID or self.applied is None:
            return self.tr("Nothing is shown for the filters shown.")
        if self.model.uncounted:
            return self.tr(
                "The list could not be counted, so it cannot be exported whole: Reload (F5), "
                "then export it."
            )
        if not self.model.complete:
            return self.tr("The list is still being counted: export it in a moment.")
        return None

    def export_file_stem(self) -> str:
        """The filters applied to the rows shown, as a file name, e.g.
        "bills_PAYPAL_2026-11-28_to_2026-12-04_paid"."""
        query = self.applied
        status = self.row_filters.status_key()
        text = typed_words(self.row_filters.text.text())
        numbers = [getattr(query, "refund_no", None), getattr(query, "bill_no", None)]
        numbered = any(numbers)
        return describe(
            self.spec.name,
            *numbers,
            None if numbered else getattr(query, "channel", None),
            None if numbered else days_part(self.applied_days),
            status,
            searched_part(text),
        )

    def snapshot(self) -> ExportTable:
        """The rows shown, as shown, for an export (read from the mirror as it writes)."""
        from console.gui.tables.history_records import history_snapshot  # an export's

        return history_snapshot(self.view, self.model, self.model.phrases()["title"])

    # -- rows: menu and details ---------------------------------------------------------

    def record_at(self, row: int) -> Record:
        """The record shown at this row of the table."""
        return self.model.record(row)

    def currency_at(self, row: int) -> str | None:
        return self.model.currency_of(self.record_at(row))

    def row_menu(self, row: int) -> QMenu:
        """The menu of one table row (its actions may be triggered without showing it)."""
        record = self.record_at(row)
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for field, text in self.spec.copy_fields:
            value = str(getattr(record, field))
            copied = self.tr("Copied: {text}").format(text=value)
            menu.addAction(spec_text(text), partial(self.copy_text, value, copied))
        self.add_row_actions(menu, record)
        menu.addSeparator()
        currency = self.model.currency_of(record)
        menu.addAction(self.tr("Details…"), lambda: self.show_details(record, currency))
        return menu

    def add_row_actions(self, menu: QMenu, record: Record) -> None:
        """Subclasses add their own actions for a record."""

    def payment_link(self, record: Record) -> ApprovalLink | None:
        """The approval address a payer can still use to pay this record (BillsTab)."""
        return None

    def copy_text(self, text: str, copied: str) -> None:
        """The text to the clipboard; `copied`, what the status bar says of it."""
        QGuiApplication.clipboard().setText(text)
        self.view.told.emit(copied)

    @Slot(QPoint)
    def _popup_row_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        menu = self.row_menu(index.row())
        self.view.add_column_actions(menu, index.column())
        menu.exec(self.view.viewport().mapToGlobal(position))
        menu.deleteLater()

    @Slot(QModelIndex)
    def _on_row_opened(self, index: QModelIndex) -> None:
        """A double click on a row, or Enter on the current one: its details."""
        if index.isValid():
            self.show_details(self.record_at(index.row()), self.currency_at(index.row()))

    def show_details(self, record: Record, currency: str | None) -> None:
        """Show one record in full, as the history holds it while shown. A hook: tests
        replace it on the instance."""
        from console.gui.tables.record_details import RecordDetailsDialog  # when asked

        dialog = RecordDetailsDialog(
            record, currency, self, self.payment_link(record), self.refunded_summary(record)
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._leave_details()  # (one is open at a time: a window-modal dialog)
        self._details, self._details_of = dialog, self.session.profile
        dialog.finished.connect(partial(self._details_closed, dialog))
        dialog.open()

    def _details_closed(self, dialog: RecordDetailsDialog, _result: int) -> None:
        if self._details is dialog:
            self._details = self._details_of = None

    def _leave_details(self) -> None:
        """The Details… open follows the history no more: the console changed profile
        (another, or the one in use given another App ID, or removed), whose history
        may hold another bill of the same number. It says it is of the profile before."""
        dialog, before = self._details, self._details_of
        self._details = self._details_of = None
        if dialog is None or before is None:
            return
        dialog.left_behind(
            self.tr(
                "Of the profile shown before (“{name}”, app {app_id}): the console has "
                "changed profile since, so this is no longer updated."
            ).format(name=before.name, app_id=before.app_id)
        )

    def _follow_details(self) -> None:
        """The record of the Details… open, as a sync or a look-up left it in the mirror
        of the profile it was opened in (of another, it follows no more)."""
        dialog, shown = self._details, self._details_of
        if dialog is None:
            return
        profile = self.session.profile
        if shown is None or (shown.id, shown.app_id) != (profile.id, profile.app_id):
            self._leave_details()
            return
        record = dialog.record
        number = record.refund_no if isinstance(record, RefundRecord) else record.bill_no
        try:
            now = mirror_query.record_of(self.history.reader(), self.model.kind, number)
            refunded = None if now is None else self._refunded_summary(now)
        except sqlite3.Error as error:
            log.warning("the history could not be read for a record shown: %s", error)
            return
        if now is not None:  # gone (the history forgotten): shown as it was
            dialog.follow(now, self.model.currency_of(now), self.payment_link(now), refunded)

    def refunded_summary(self, record: Record) -> str | None:
        """A bill's refund as its row shows it (its Refunded column's tooltip), read from
        the history now; None for a refund, or when the history cannot be read."""
        try:
            return self._refunded_summary(record)
        except sqlite3.Error as error:
            log.warning("the history could not be read for a record shown: %s", error)
            return None

    def _refunded_summary(self, record: Record) -> str | None:
        if not isinstance(record, BillRecord):
            return None
        settled = mirror_query.settlements(self.history.reader(), [record.bill_no])
        return refund_summary(settled.get(record.bill_no), self.model.currency_of(record))

    # -- saved state -----------------------------------------------------------------------

    def save_state(self) -> None:
        """The columns (widths, order, hidden, sort) and every filter, in the tab's group
        of the settings."""
        settings = self.session.settings.group(self.spec.settings_group)
        settings.put(HEADER, self.view.header_state())
        settings.put(WIDTHS_BY_USER, self.view.widths_by_user)
        settings.put(CHANNEL, self.filters.channel_filter() or "")
        settings.put(BILL_NO, storable(self.filters.bill_no.text()))
        settings.put(REFUND_NO, storable(self.filters.refund_no.text()))
        self.filters.dates.save(settings)
        settings.put(STATUS, self.row_filters.status_key() or "")
        settings.put(TEXT, storable(self.row_filters.text.text()))

    def _restore_state(self) -> None:
        blocked = self.row_filters.blockSignals(True)
        try:
            with self.filters.quiet():  # the tab shows its rows when first shown
                self._restore_saved_state()
        finally:
            self.row_filters.blockSignals(blocked)

    def _restore_saved_state(self) -> None:
        settings = self.session.settings.group(self.spec.settings_group)
        header = self.view.horizontalHeader()
        header.setSortIndicator(
            self.model.column_of(self.spec.default_sort), Qt.SortOrder.DescendingOrder
        )
        state = settings.get(HEADER)
        if not state.isEmpty():
            self.view.restore_header(state, widths_by_user=settings.get(WIDTHS_BY_USER))
        self.view.setSortingEnabled(True)  # sorts by the (restored) indicator
        self.filters.set_channel(settings.get(CHANNEL))
        self.filters.bill_no.setText(settings.get(BILL_NO))
        if self.spec.with_refund_no:
            self.filters.refund_no.setText(settings.get(REFUND_NO))
        self.filters.dates.restore(settings)
        self.row_filters.set_status(settings.get(STATUS) or None)
        self.row_filters.set_text(settings.get(TEXT))
