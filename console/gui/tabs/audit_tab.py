"""The Audit tab: the console's audit log, newest first, filtered and searched.

The log is read from the local database (fast: no worker) when a filter
changes, and when the tab is shown after rows were appended behind it; the rows
read go into the table a slice per turn of the event loop (FILL_SLICE), and
while the tab is shown, each row the session appends is added at once if the
filters let it through. Action, profile and
dates are applied by the query; the free text narrows the rows loaded, at once.
The table is the record tables' own (model, fast proxy, view, export); its
filters and columns are kept in the settings for the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from console.api.cards import storable
from console.export.cells import Amount, Moment
from console.export.table import ExportTable
from console.gui.feedback import FieldError, OutcomePanel
from console.gui.plain_text import PlainLabel, field_label, plain_box
from console.gui.session import ConsoleSession
from console.gui.settings import (
    ACTION,
    AUDIT_TABLE,
    HEADER,
    PROFILE,
    TEXT,
    WIDTHS_BY_USER,
)
from console.gui.shortcuts import FIND, key_text
from console.gui.stored_texts import audit_detail, audit_profile, audit_result, profile_label
from console.gui.system_texts import store_text
from console.gui.tables.date_presets import day_bounds_ms
from console.gui.tables.filter_bar import DEBOUNCE_MS, DateRangePicker
from console.gui.tables.filter_proxy import RecordsProxy
from console.gui.tables.formatting import (
    amount_with_currency,
    count_number,
    large_money_samples,
    local_time_text,
    time_samples,
)
from console.gui.tables.records_model import (
    BILL_NO_SAMPLE,
    BILL_NO_WIDEST,
    CellMaker,
    Column,
    RecordsModel,
    Row,
    search_text,
)
from console.gui.tables.selection_keeper import RecordsSelectionKeeper
from console.gui.tables.table_export import (
    TableExport,
    days_part,
    describe,
    searched_part,
    table_snapshot,
)
from console.gui.tables.table_view import RecordsView
from console.store.audit_log import (
    ACTIONS,
    DEFAULT_LIMIT,
    IN_PROGRESS,
    NOT_MADE,
    OK,
    PROFILE_ADDED,
    PROFILE_CHANGED,
    PROFILE_REMOVED,
    REFUND_ACCEPTED,
    REFUSED,
    REQUESTED,
    UNKNOWN,
    AuditEntry,
    AuditQuery,
    action_label,
    refused,
)
from console.store.errors import StoreError
from console.translatable import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

ALL = ""  # the data of "All actions" / "All profiles"
# The rows read made into the table per turn of the event loop: each costs some 70 µs
# on the GUI thread (its texts, its search text), and the newest 10,000 made at once
# froze the window 0.6 to 1.5 s at each filter picked. 500 are about 40 ms.
FILL_SLICE = 500
_PROFILE_ACTIONS = (PROFILE_ADDED, PROFILE_CHANGED, PROFILE_REMOVED)


RESULT_WORDS = (REQUESTED, OK, UNKNOWN, NOT_MADE, IN_PROGRESS, REFUSED)  # as stored


def action_samples() -> tuple[str, ...]:
    return tuple(action_label(action, QCoreApplication.translate) for action in ACTIONS)


def result_samples() -> tuple[str, ...]:
    """The results' words ('Requested', 'Outcome unknown'), whole on a 1,024 px screen."""
    return tuple(audit_result(word) for word in RESULT_WORDS)


def refused_samples() -> tuple[str, ...]:
    """A refusal with BeeCloud's code and words, whole where there is room."""
    return (*result_samples(), audit_result(refused(11, "ALREADY_REFUNDING")))


class AuditModel(RecordsModel[AuditEntry]):
    columns = (
        Column("time_ms", QT_TRANSLATE_NOOP("RecordsModel", "Time"), time_samples),
        Column("operator", QT_TRANSLATE_NOOP("RecordsModel", "Operator"), "finance.user"),
        Column(
            "profile_name",
            QT_TRANSLATE_NOOP("RecordsModel", "Profile"),
            "Shop – live",
            tooltip=True,
        ),
        Column(
            "action",
            QT_TRANSLATE_NOOP("RecordsModel", "Action"),
            action_samples,
            tooltip=True,
            least=action_samples,  # every action's word whole
        ),
        Column(
            "subject",
            QT_TRANSLATE_NOOP("RecordsModel", "Subject"),
            BILL_NO_SAMPLE,  # a bill or refund number whole, a profile's name perhaps not
            tooltip=True,
            keeps_width=True,
            roomy=BILL_NO_WIDEST,
        ),
        Column(
            "amount",
            QT_TRANSLATE_NOOP("RecordsModel", "Amount"),
            large_money_samples,
            right_aligned=True,
        ),
        Column(
            "result",
            QT_TRANSLATE_NOOP("RecordsModel", "Result"),
            refused_samples,
            tooltip=True,
            least=result_samples,  # a result's word whole; a refusal's code may be cut
        ),
        Column(
            "detail",
            QT_TRANSLATE_NOOP("RecordsModel", "Detail"),
            "bill BC20251231235959XHQB7K",
            tooltip=True,
            least="Saved card via PayPal",  # the longest a payment's detail starts with
            free_text=True,
        ),
    )

    def phrases(self) -> dict[str, str]:
        return {
            "none": self.tr("No entries match these filters."),
            "title": self.tr("Audit"),
        }

    def count_phrase(self, count: int) -> str:
        return self.tr("%Ln entry(s)", "", count)

    amount_keys = frozenset({"amount"})

    @staticmethod
    def currency_in(record: Any, _currencies: Mapping[str, str]) -> str | None:
        return record.currency

    def cell_makers(self) -> dict[str, CellMaker]:
        return {
            **super().cell_makers(),
            "time_ms": lambda entry, _currency: Moment(entry.time_ms),
            "action": lambda entry, _currency: action_label(
                entry.action, QCoreApplication.translate
            ),
            "amount": lambda entry, currency: (
                None if entry.amount is None else Amount(entry.amount, currency)
            ),
            "result": lambda entry, _currency: self.result_text(entry),
            "detail": lambda entry, _currency: audit_detail(entry),
            "profile_name": lambda entry, _currency: audit_profile(entry),
        }

    def result_text(self, entry: AuditEntry) -> str:
        """Its result; of a row held in memory (a full disk), marked as not saved yet. A
        refund BeeCloud answered 0 is "Accepted": it took it, and a check row says how it
        ended (it read "OK" beside a check saying it was refused)."""
        if entry.result == OK and entry.detail_key == REFUND_ACCEPTED:
            shown = self.tr("Accepted")
        else:
            shown = audit_result(entry.result)
        return shown if entry.saved else self.tr("{result} (not saved yet)").format(result=shown)

    def make_row(self, record: AuditEntry) -> Row:
        texts = (
            local_time_text(record.time_ms),
            record.operator,
            audit_profile(record),
            action_label(record.action, QCoreApplication.translate),
            record.subject,
            "" if record.amount is None else amount_with_currency(record.amount, record.currency),
            self.result_text(record),
            audit_detail(record),
        )
        return Row(
            texts=texts,
            keys=(
                # newest first is by time, then by the order written (as the log reads)
                (record.time_ms, *record.written_order),
                record.operator.casefold(),
                texts[2].casefold(),
                texts[3],
                record.subject.casefold(),
                # within its currency (docs/decisions.md); none first
                ("", -1) if record.amount is None else (record.currency or "", record.amount),
                texts[6],
                texts[7].casefold(),
            ),
            search=search_text("\t".join((*texts[1:], record.action))),
            status=record.action,
        )


class AuditTab(QWidget):
    def __init__(self, session: ConsoleSession) -> None:
        super().__init__()
        self.session = session
        self.view = RecordsView(self)
        self.model = AuditModel(self)
        self.proxy = RecordsProxy(self.model, self)
        self.view.setModel(self.proxy)
        self.selection_keeper = RecordsSelectionKeeper(self.view, self.proxy)
        self.view.setAccessibleName(self.model.phrases()["title"])  # not just "table"
        self.view.set_initial_widths(self.model.columns, self.model.titles)

        self.action_picker = QComboBox()
        self.action_picker.addItem(self.tr("All actions"), ALL)
        for action in ACTIONS:
            self.action_picker.addItem(action_label(action, QCoreApplication.translate), action)
        self.profile_picker = QComboBox()
        self.profile_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.profile_picker.setMinimumContentsLength(24)
        self.dates = DateRangePicker()
        self.dates_error = FieldError()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Operator, profile, number, result or detail"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.search_edit.fontMetrics().horizontalAdvance("W" * 24))
        self.search_edit.setToolTip(
            self.tr("Narrow the entries shown to those containing every word ({key})").format(
                key=key_text(FIND)
            )
        )
        self.count_label = PlainLabel()
        self.outcome = OutcomePanel()
        self.held_notice = OutcomePanel()  # audit rows that could not be saved yet
        self.exporter = TableExport(
            self,
            session,
            "audit",
            self.snapshot,
            self.export_file_stem,
            self.outcome,
            self.not_ready_to_export,
        )

        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("Action:"), self.action_picker),
            (self.tr("Profile:"), self.profile_picker),
        ):
            filters.addWidget(field_label(text, widget))
            filters.addWidget(widget)
            filters.addSpacing(12)
        filters.addWidget(field_label(self.tr("When:"), self.dates.preset))
        filters.addWidget(self.dates)
        filters.addStretch(1)
        self.dates_error.describe(self.dates.first_day)
        search = QHBoxLayout()
        search.addWidget(field_label(self.tr("Find in the entries shown:"), self.search_edit))
        search.addWidget(self.search_edit, 1)
        count_line = QHBoxLayout()
        count_line.addWidget(self.count_label, 1)
        count_line.addWidget(self.exporter.button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.dates_error)
        layout.addLayout(search)
        layout.addLayout(count_line)
        layout.addWidget(self.held_notice)
        layout.addWidget(self.outcome)
        layout.addWidget(self.view, 1)
        # Tab goes down the screen (the view was made first): filters, Export…, the rows.
        QWidget.setTabOrder(self.search_edit, self.exporter.button)
        QWidget.setTabOrder(self.exporter.button, self.view)

        self._query: AuditQuery | None = None  # None: the dates are not a range
        self._truncated = False
        self._unreadable = False  # the log could not be read (damaged meanwhile)
        self._last_id = 0  # the newest row written when the log was read
        self._stale = True  # rows were appended while hidden: read again when shown
        self._to_fill: list[AuditEntry] = []  # rows read, not yet in the table
        self._filler = QTimer(self)  # puts them in, a slice per turn of the event loop
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._fill_slice)
        self.view.still_counting = lambda: bool(self._to_fill)  # no copy of a part
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self._fill_profiles()
        self._restore_state()  # before the filters are connected: one read when shown
        self.search_edit.textChanged.connect(self._debounce.start)
        self.action_picker.currentIndexChanged.connect(self.reload)
        self.profile_picker.currentIndexChanged.connect(self.reload)
        self.dates.preset.currentIndexChanged.connect(self.reload)
        self.dates.first_day.dateChanged.connect(self.reload)
        self.dates.last_day.dateChanged.connect(self.reload)
        self.dates.day_moved.connect(self.reload)
        session.audit_appended.connect(self._on_appended)
        session.audit_held.connect(self._on_held)
        self._held = 0
        self._on_held(len(session.audit.log.held))
        self.view.customContextMenuRequested.connect(self._popup_cell_menu)
        self.view.opened.connect(self._on_row_opened)
        self.entry_box: QMessageBox | None = None  # the entry shown whole, while open

    # -- filters -------------------------------------------------------------------

    def _fill_profiles(self) -> None:
        """Every profile in the log (removed ones too) and every current one."""
        current = {
            profile.id: profile_label(profile.id, profile.name)
            for profile in self.session.profiles.all()
        }
        try:
            logged = dict(self.session.audit.log.profiles())
        except StoreError as error:  # said by reload, which reads the rows too
            log.warning("the audit log's profiles could not be read: %s", error)
            logged = {}
        removed = self.tr("{name} (removed)")
        choices = sorted(
            (
                (current.get(profile_id) or removed.format(name=name), profile_id)
                for profile_id, name in {**logged, **current}.items()
            ),
            key=lambda choice: choice[0].casefold(),
        )
        picker = self.profile_picker
        keep = picker.currentData() or ALL
        picker.blockSignals(True)
        picker.clear()
        picker.addItem(self.tr("All profiles"), ALL)
        for label, profile_id in choices:
            picker.addItem(label, profile_id)
        picker.setCurrentIndex(max(picker.findData(keep), 0))
        picker.blockSignals(False)

    def set_action(self, action: str | None) -> None:
        self.action_picker.setCurrentIndex(max(self.action_picker.findData(action or ALL), 0))

    def set_profile(self, profile_id: str | None) -> None:
        self.profile_picker.setCurrentIndex(max(self.profile_picker.findData(profile_id or ALL), 0))

    def export_file_stem(self) -> str:
        """What the entries shown are, as a file name: "audit_refund_2026-12-01_to_…", and
        "…_newest-10000" when they are the newest of more."""
        text = self.search_edit.text().strip()
        return describe(
            "audit",
            self.action_picker.currentData() or None,
            self.profile_picker.currentText() if self.profile_picker.currentData() else None,
            days_part(self.dates.days()),
            searched_part(text),
            f"newest-{self.model.rowCount()}" if self._truncated else None,  # not every entry
        )

    def query(self, today: date | None = None) -> AuditQuery | None:
        """The filters as a query; None (and a message) when the days are the wrong way round."""
        start_ms = end_ms = None
        days = self.dates.days(today)
        if days is not None:
            if days[1] < days[0]:
                self.dates_error.set_message(self.tr("The last day is before the first day."))
                return None
            start_ms, end_ms = day_bounds_ms(*days)
        self.dates_error.set_message(None)
        return AuditQuery(
            action=self.action_picker.currentData() or None,
            profile_id=self.profile_picker.currentData() or None,
            start_ms=start_ms,
            end_ms=end_ms,
            limit=DEFAULT_LIMIT + 1,  # one more, to know when there are more than we show
        )

    # -- loading -------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """Read the log again with the filters (the free text stays applied)."""
        self._fill_profiles()
        self._stale = False
        self._query = self.query()
        self._unreadable = False
        newest = 0
        try:
            # The log's newest row before it is read: a row written later is looked for
            # after it, not after the newest the filters let through, perhaps none, which
            # had every row of the log read again at each row written.
            newest = self.session.audit.log.newest_id()
            entries = self.session.audit.log.entries(self._query) if self._query else []
        except StoreError as error:
            log.warning("the audit log could not be read: %s", error)
            self._unreadable, entries = True, []
        self._truncated = len(entries) > DEFAULT_LIMIT
        self.model.clear()
        self._to_fill = entries[:DEFAULT_LIMIT]
        # every row read, in or still to come: a row appended comes after them
        self._last_id = max((newest, *(entry.id for entry in self._to_fill)))
        self._fill_slice()

    @Slot()
    def _fill_slice(self) -> None:
        """The next FILL_SLICE rows read into the table; the rest at the next turn."""
        now, self._to_fill = self._to_fill[:FILL_SLICE], self._to_fill[FILL_SLICE:]
        self.model.append(now)
        if self._to_fill:
            self._filler.start()
        else:
            self._filler.stop()
        self._show_count()

    def _add(self, entries: list[AuditEntry]) -> None:
        self.model.append(entries)
        self._last_id = max((entry.id for entry in entries), default=self._last_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    @Slot(object)
    def _on_appended(self, entry: AuditEntry) -> None:
        if not self.isVisible():
            self._stale = True
            return
        if entry.action in _PROFILE_ACTIONS:
            self._fill_profiles()
        if self._query is None or not self._query.matches(entry):
            return
        if not entry.saved:  # held in memory: not among the rows read from the file
            self._add([entry])
            self._show_count()
            return
        # With it, the rows another console on the data folder wrote since the log was
        # read (else a gap in the middle of what is shown, and exported)
        try:
            since = self.session.audit.log.entries(replace(self._query, after_id=self._last_id))
        except StoreError as error:
            log.warning("the audit log's newest rows could not be read: %s", error)
            since = [entry]
        self._add([row for row in since if row.id > self._last_id])
        self._show_count()

    @Slot(int)
    def _on_held(self, count: int) -> None:
        """How many audit rows are held, not saved yet: said above the rows; when some
        were saved, the rows are read again (the held ones, shown marked, are saved now)."""
        written, self._held = count < self._held, count
        if written:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True
        if not count:
            self.held_notice.clear()
            return
        why = self.session.audit.log.held_because
        self.held_notice.show_failure(
            self.tr("%n audit entry(s) not saved yet", "", count),
            self.tr(
                "{why} The entries marked “not saved yet” are kept in memory and saved, "
                "with their own times, as soon as the database can be written again. If the "
                "console closes first, they are lost (they go to the console's log file "
                "only)."
            ).format(why=store_text(why) if why is not None else ""),
        )

    @Slot()
    def _apply_search(self) -> None:
        self.proxy.set_text_filter(self.search_edit.text())
        self._show_count()

    def not_ready_to_export(self) -> str | None:
        """Days the wrong way round show nothing: no export of them. Text typed whose
        pause has not ended yet is applied first: the file is of the search shown; and a
        preset's days moved on since the watch last looked (midnight passed this minute)."""
        self.dates.apply_pending()
        if self._debounce.isActive():
            self.search_now(self.search_edit.text())
        if self._unreadable:
            return self.unreadable_text()
        if self._to_fill:  # the rows in are not yet the list the filters describe
            return self.tr("The list is still being read: export it in a moment.")
        return self.tr("Pick a first day before the last day.") if self._query is None else None

    def unreadable_text(self) -> str:
        return self.tr(
            "The audit log could not be read: the console's database may have been damaged "
            "meanwhile. Press F5 to read it again; if it still fails, close the console and "
            "start it again, which checks the file and says what it finds."
        )

    def search_now(self, text: str) -> None:
        """Set the free text and apply it without waiting for the typing pause."""
        self.search_edit.setText(text)
        self._debounce.stop()
        self._apply_search()

    # -- what the window's shortcuts do (console/gui/shortcuts.py) ---------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh(self) -> None:
        self.reload()

    def export(self) -> None:
        self.exporter.start()

    @Slot(QPoint)
    def _popup_cell_menu(self, position: QPoint) -> None:
        """A cell's menu (right click, Menu key, Shift+F10): the entry whole, sort by its
        column, show or hide columns."""
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Details…"), lambda: self.show_entry(index.row()))
        self.view.add_column_actions(menu, index.column())
        menu.exec(self.view.viewport().mapToGlobal(position))
        menu.deleteLater()

    @Slot(QModelIndex)
    def _on_row_opened(self, index: QModelIndex) -> None:
        """Enter on a row, or a double click: the entry whole."""
        if index.isValid():
            self.show_entry(index.row())

    def entry_text(self, row: int) -> str:
        """Every column of a row of the table, whole, a line each (hidden ones too): a
        cell cut short shows its whole text only as a tooltip, which keys never bring up."""
        shown = self.view.model()
        line = self.tr("{column}: {value}")
        return "\n".join(
            line.format(column=title, value=shown.index(row, column).data() or "")
            for column, title in enumerate(self.model.titles)
        )

    def show_entry(self, row: int) -> None:
        """One entry in a read-only box, its text selectable (by keys too)."""
        box = self.entry_box = plain_box(self)
        box.setWindowTitle(self.tr("Audit entry"))
        box.setText(self.entry_text(row))
        box.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_entry_box)
        box.open()

    @Slot()
    def _forget_entry_box(self) -> None:
        self.entry_box = None

    def snapshot(self) -> ExportTable:
        """The entries shown, as shown, for an export."""
        return table_snapshot(self.view, self.proxy, self.model, self.model.phrases()["title"])

    def _show_count(self) -> None:
        rows = self.model.rowCount()
        if self._unreadable:
            text = self.unreadable_text()
        elif self._query is None:
            text = self.tr("Pick a first day before the last day.")
        elif rows == 0 and self._query.filters_nothing:
            text = self.tr(
                "Nothing was audited yet: every payment, refund and change of a profile made "
                "in this console will be listed here."
            )
        elif rows == 0:
            text = self.model.phrases()["none"]
        else:
            text = self.model.count_phrase(rows)
        if self._truncated:
            text = self.tr(
                "{text} (the newest {limit}: narrow the dates to see older ones)"
            ).format(text=text, limit=count_number(rows + len(self._to_fill)))  # and since
        shown = self.proxy.rowCount()
        if shown != rows:
            text = self.tr("{text} — {shown} shown by the search").format(
                text=text, shown=count_number(shown)
            )
        if self._to_fill:
            text = self.tr("{text} (the list is still being read)").format(text=text)
        self.count_label.setText(text)

    # -- saved state ----------------------------------------------------------------------

    def save_state(self) -> None:
        """The columns (widths, order, hidden, sort) and every filter, in session.settings."""
        settings = self.session.settings.group(AUDIT_TABLE)
        settings.put(HEADER, self.view.header_state())
        settings.put(WIDTHS_BY_USER, self.view.widths_by_user)
        settings.put(ACTION, self.action_picker.currentData() or ALL)
        settings.put(PROFILE, self.profile_picker.currentData() or ALL)
        self.dates.save(settings)
        settings.put(TEXT, storable(self.search_edit.text()))

    def _restore_state(self) -> None:
        settings = self.session.settings.group(AUDIT_TABLE)
        header = self.view.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # newest first
        state = settings.get(HEADER)
        if not state.isEmpty():
            self.view.restore_header(state, widths_by_user=settings.get(WIDTHS_BY_USER))
        self.view.setSortingEnabled(True)  # sorts by the (restored) indicator
        self.set_action(settings.get(ACTION) or None)
        self.set_profile(settings.get(PROFILE) or None)
        self.dates.restore(settings)
        self.search_now(settings.get(TEXT))
