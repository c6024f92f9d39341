"""One tab = one record list: server filters, row filters, a count, the table.

BillsTab and RefundsTab are this tab with their own model, query type, job
topic and row menu. A list is loaded when the tab is first shown, when the
active profile changes (at once if the tab is visible, else when it is next
shown) and on Search. The count says how far the load is, page by page; the
pages go into the table in batches: the first at once, then whatever arrived
meanwhile at most every BATCH_MS, so a fast load is a few model changes and
repaints rather than one per page. A batch puts at most APPEND_CHUNK rows in
per turn of the event loop (the rest on the next turns), so the window answers
in between even when many pages arrived at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from console.api.models import now_ms, until
from console.export.table import ExportTable
from console.gui.feedback import OutcomePanel
from console.gui.gateway import JobHandle
from console.gui.jobs import Action, ErrorReport
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
from console.gui.tables.filter_proxy import RecordsProxy
from console.gui.tables.formatting import count_number
from console.gui.tables.record_details import RecordDetailsDialog
from console.gui.tables.records_model import Record, RecordsModel
from console.gui.tables.table_export import TableExport, days_part, describe, table_snapshot
from console.gui.tables.table_view import RecordsView


@dataclass(frozen=True)
class TabSpec:
    name: str  # "bills" or "refunds": what an export's file name starts with
    action: Action  # ALL_BILLS / ALL_REFUNDS
    settings_group: str  # where save_state() writes: a group of console/gui/settings.py
    with_refund_no: bool  # whether the server filters include refund_no
    # Texts marked with QT_TRANSLATE_NOOP("RecordsTab", ...), translated when shown:
    searched: str  # what the free-text filter looks in, for its placeholder
    copy_fields: tuple[tuple[str, str], ...]  # (record field, menu text) of the Copy actions
    model_type: type[RecordsModel]
    default_sort: str = "created_time"  # newest first, like the server


IDLE, LOADING, DONE, STOPPED, FAILED, INVALID = (
    "idle",
    "loading",
    "done",
    "stopped",
    "failed",
    "invalid",  # the filters shown cannot be sent: nothing is shown for them
)
BATCH_MS = 100  # while loading, at most one change of the table per this time
# Rows put into the table per turn of the event loop: about 10 ms of work on a slow machine
# (BillsModel.make_row), so that a backlog of pages never holds the window for long.
APPEND_CHUNK = 200


def spec_text(text: str) -> str:
    """A TabSpec text in the language shown."""
    return QCoreApplication.translate("RecordsTab", text)


class RecordsTab(QWidget):
    load_started = Signal(object)  # the JobHandle of a load just started
    load_ended = Signal(str)  # DONE, FAILED or STOPPED, once what arrived is in the table

    def __init__(self, session: ConsoleSession, spec: TabSpec) -> None:
        super().__init__()
        self.session = session
        self.spec = spec
        # Every Qt object here has the tab as parent, so it dies with the tab, on the GUI
        # thread, the view first: never later from a garbage collection in another thread.
        self.view = RecordsView(self)
        self.view.paint_guard = session.gateway.holding_walks
        self.model = model = spec.model_type(self)
        self.proxy = RecordsProxy(model, self)
        self.view.setModel(self.proxy)
        self.view.set_initial_widths(model.columns, model.titles)
        self.filters = QueryFilters(spec.with_refund_no)
        self.row_filters = RowFilters(
            model.status_choices(), model.phrases()["all"], spec_text(spec.searched)
        )
        self.count_label = QLabel()
        self.outcome = OutcomePanel()
        self.exporter = TableExport(
            self,
            session.settings,
            self.snapshot,
            self.export_file_stem,
            self.outcome,
            self.not_ready_to_export,
        )
        self.filters.search.setToolTip(
            self.tr("Load again from the server, with the filters above ({key})").format(
                key=key_text(REFRESH)
            )
        )
        self.row_filters.text.setToolTip(
            self.tr("Narrow the loaded rows to those containing every word ({key})").format(
                key=key_text(FIND)
            )
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

        self._load: JobHandle | None = None  # the load running, if one is
        self.as_of_ms: int | None = None  # when the list loaded last began
        self.applied: Any = None  # the query of the rows shown (BillQuery or RefundQuery)
        self.applied_days: tuple[date, date] | None = None  # its days, None for any date
        self._state = IDLE
        self._stale = True  # load when next shown
        self._pending: list[Record] = []  # arrived, not yet in the table
        self._ended: str | None = None  # how the load ended, shown once all pending are in
        self._batch_timer = QTimer(self)
        self._batch_timer.setSingleShot(True)
        self._batch_timer.setInterval(BATCH_MS)
        self._batch_timer.timeout.connect(self._add_pending)
        self._chunk_timer = QTimer(self)  # the rest of a batch, on the next turn
        self._chunk_timer.setSingleShot(True)
        self._chunk_timer.setInterval(0)
        self._chunk_timer.timeout.connect(self._add_pending)

        self.filters.search_requested.connect(self.load)
        self.row_filters.status_changed.connect(self._on_status_filter)
        self.row_filters.text_changed.connect(self._on_text_filter)
        self.view.customContextMenuRequested.connect(self._popup_row_menu)
        self.view.doubleClicked.connect(self._on_double_click)
        session.profile_changed.connect(self._on_profile_changed)

        self._restore_state()
        self._show_count()

    # -- loading -------------------------------------------------------------------

    @Slot()
    def load(self) -> None:
        """Ask the server for every record matching the filters, page after page."""
        query = self.filters.query()
        if query is None:  # shown beside the fields: rows of other filters are not shown
            self._forget_rows()
            self._set_state(INVALID)
            return
        self.applied = query
        self.applied_days = None if query.start_time is None else self.filters.dates.days()
        # The list as it is now: a record made during the load is not listed (it would
        # push the others down the pages), and none is listed twice (console/api/paging.py).
        self.as_of_ms = now_ms()
        query = until(query, self.as_of_ms)
        self._stale = False
        self.outcome.clear()
        profile_id = self.session.profile.id
        self._drop_pending()
        self.model.clear(self.session.local.currencies(profile_id))
        self._set_state(LOADING)
        self._cancel_load()  # superseded: its answers no longer come
        load = self._load = self.session.submit(
            self.spec.action, query, self.model.phrases()["loading"]
        )
        load.page.connect(self._on_page)
        load.finished.connect(self._on_finished)
        load.failed.connect(self._on_failed)
        load.cancelled.connect(self._on_cancelled)
        self.load_started.emit(load)

    def _cancel_load(self) -> None:
        load, self._load = self._load, None
        if load is not None:
            load.cancelled.disconnect(self._on_cancelled)  # superseded, not stopped
            load.cancel()

    def _forget_rows(self) -> None:
        self._cancel_load()
        self.outcome.clear()
        self._drop_pending()
        self.model.clear()
        self.applied = None

    def is_loading(self) -> bool:
        return self._state == LOADING

    def _set_state(self, state: str) -> None:
        self._state = state
        self._show_count()

    @Slot(object)
    def _on_page(self, records: list[Any]) -> None:
        self._pending.extend(records)
        if self._batch_timer.isActive() or self._chunk_timer.isActive():
            self._show_count()  # goes in with the batch
        else:
            self._add_pending()  # the first page of a while: at once

    def _add_pending(self) -> None:
        """Put records that arrived into the table, as one change of at most APPEND_CHUNK
        rows; more waiting go in on the next turn, and new ones wait BATCH_MS to come as
        a batch. Once the load has ended and every record is in, say how it ended."""
        if self._pending:
            records = self._pending[:APPEND_CHUNK]
            del self._pending[:APPEND_CHUNK]
            self.model.append(records)
            if self._pending:
                self._chunk_timer.start()
            else:
                self._batch_timer.start()  # the next ones wait a little, to come as a batch
        if not self._pending and self._ended is not None:
            self._batch_timer.stop()
            ended, self._ended = self._ended, None
            self._set_state(ended)
            self.load_ended.emit(ended)
        else:
            self._show_count()

    def _end_load(self, state: str) -> None:
        """The load ended (DONE, FAILED or STOPPED): shown once what arrived is in."""
        self._ended = state
        self._add_pending()

    def _drop_pending(self) -> None:
        self._pending = []
        self._ended = None
        self._batch_timer.stop()
        self._chunk_timer.stop()

    @Slot(object)
    def _on_finished(self, _count: object) -> None:
        self._load = None
        self._end_load(DONE)

    @Slot(object)
    def _on_failed(self, report: ErrorReport) -> None:
        self._load = None
        self.outcome.show_report(report)
        self._end_load(FAILED)

    @Slot()
    def _on_cancelled(self) -> None:
        """Stopped by the status bar's Cancel (or the console closing): what arrived
        before is shown."""
        self._load = None
        self._end_load(STOPPED)

    @Slot(object)
    def _on_profile_changed(self, _profile: Profile) -> None:
        self._cancel_load()
        self.outcome.clear()
        self._drop_pending()
        self.model.clear()
        self._stale = True
        self._set_state(IDLE)
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    # -- the count -------------------------------------------------------------------

    def _show_count(self) -> None:
        model, state = self.model, self._state
        rows = model.rowCount()
        phrases = model.phrases()
        loaded = model.count_phrase(rows + len(self._pending))
        if state == LOADING:
            text = self.tr("Loading… {loaded}").format(loaded=loaded)
        elif state == DONE:
            text = loaded if rows else self._none_text()
        elif state == STOPPED:
            text = self.tr("Loading stopped after {loaded}. Press Reload to load again.").format(
                loaded=loaded
            )
        elif state == FAILED:
            text = (
                self.tr("Loading failed after {loaded}.").format(loaded=loaded)
                if rows
                else phrases["none_loaded"]
            )
        elif state == INVALID:
            text = self.tr("Correct the filters above to load the list.")
        else:
            text = self.tr("Press Reload to load.")
        shown = self.proxy.rowCount()
        if shown != rows:
            text = self.tr("{text} — {shown} shown by the filters above").format(
                text=text, shown=count_number(shown)
            )
        self.count_label.setText(text)

    def _none_text(self) -> str:
        """Nothing matched: for a number, why that may be and where else to look."""
        query = self.applied
        number = getattr(query, "refund_no", None) or getattr(query, "bill_no", None)
        if not number:
            return self.model.phrases()["none"]
        return self.tr(
            "Nothing has the number {number}. A number must be whole and exact; to find "
            "part of a number or a title, type it in “Find in the loaded rows”."
        ).format(number=number)

    # -- row filters -------------------------------------------------------------------

    @Slot(object)
    def _on_status_filter(self, status: str | None) -> None:
        self.proxy.set_status_filter(status)
        self._show_count()

    @Slot(str)
    def _on_text_filter(self, text: str) -> None:
        self.proxy.set_text_filter(text)
        self._show_count()

    # -- what the window's shortcuts do (console/gui/shortcuts.py) ---------------------

    def focus_search(self) -> None:
        self.row_filters.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.row_filters.text.selectAll()

    def refresh(self) -> None:
        self.load()

    def export(self) -> None:
        self.exporter.start()

    def not_ready_to_export(self) -> str | None:
        """Rows still loading are not the list the filters describe: no export yet."""
        if self._state == LOADING:
            return self.tr("The list is still loading: export it once it has loaded.")
        if self._state == INVALID or self.applied is None:
            return self.tr("Nothing is loaded for the filters shown.")
        return None

    def export_file_stem(self) -> str:
        """The filters applied to the rows shown, as a file name, e.g.
        "bills_PAYPAL_2026-11-28_to_2026-12-04_paid"."""
        query = self.applied
        status = self.row_filters.status_key()
        text = self.row_filters.text.text().strip()
        numbers = [getattr(query, "refund_no", None), getattr(query, "bill_no", None)]
        numbered = any(numbers)
        return describe(
            self.spec.name,
            *numbers,
            None if numbered else getattr(query, "channel", None),
            None if numbered else days_part(self.applied_days),
            status,
            f"matching-{text}" if text else None,
        )

    def snapshot(self) -> ExportTable:
        """The rows shown, as shown, for an export."""
        return table_snapshot(self.view, self.proxy, self.model, self.model.phrases()["title"])

    # -- rows: menu and details ---------------------------------------------------------

    def record_at(self, row: int) -> Record:
        """The record shown at this row of the table."""
        return self.model.record(self.proxy.source_row(row))

    def currency_at(self, row: int) -> str | None:
        return self.model.currency_of(self.record_at(row))

    def row_menu(self, row: int) -> QMenu:
        """The menu of one table row (its actions may be triggered without showing it)."""
        record = self.record_at(row)
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for field, text in self.spec.copy_fields:
            value = str(getattr(record, field))
            menu.addAction(spec_text(text), partial(self.copy_text, value))
        self.add_row_actions(menu, record)
        menu.addSeparator()
        currency = self.model.currency_of(record)
        menu.addAction(self.tr("Details…"), lambda: self.show_details(record, currency))
        return menu

    def add_row_actions(self, menu: QMenu, record: Record) -> None:
        """Subclasses add their own actions for a record."""

    def copy_text(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    @Slot(QPoint)
    def _popup_row_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        menu = self.row_menu(index.row())
        menu.exec(self.view.viewport().mapToGlobal(position))
        menu.deleteLater()

    @Slot(QModelIndex)
    def _on_double_click(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_details(self.record_at(index.row()), self.currency_at(index.row()))

    def show_details(self, record: Record, currency: str | None) -> None:
        """Show one record in full. A hook: tests replace it on the instance."""
        dialog = RecordDetailsDialog(record, currency, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # -- saved state -----------------------------------------------------------------------

    def save_state(self) -> None:
        """The columns (widths, order, hidden, sort) and every filter, in the tab's group
        of the settings."""
        settings = self.session.settings.group(self.spec.settings_group)
        settings.put(HEADER, self.view.horizontalHeader().saveState())
        settings.put(WIDTHS_BY_USER, self.view.widths_by_user)
        settings.put(CHANNEL, self.filters.channel_filter() or "")
        settings.put(BILL_NO, self.filters.bill_no.text())
        settings.put(REFUND_NO, self.filters.refund_no.text())
        self.filters.dates.save(settings)
        settings.put(STATUS, self.row_filters.status_key() or "")
        settings.put(TEXT, self.row_filters.text.text())

    def _restore_state(self) -> None:
        with self.filters.quiet():  # the tab loads when first shown
            self._restore_saved_state()

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
