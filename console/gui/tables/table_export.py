"""The Export… button of a table (Bills, Refunds, Audit).

It takes a snapshot of exactly what the table shows on the GUI thread when
Export is pressed (the rows the filters let through, in the shown order, the
shown columns: records never change, so the snapshot is a list of them), asks
where to write (CSV or Excel, by the name's extension), and writes it on a
thread of its own (ExportThread; the API worker is never used for it) through
console.export. A progress dialog can cancel; a cancelled or failed export
leaves no file. How it ended is said in the tab's outcome panel, and written to
the audit log (once written, cancelled or failed: data leaving the console). The
folder and format of the last export are remembered in the settings.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QPushButton, QWidget

from console.api.cards import card_number_in
from console.export.table import (
    CANCELLED,
    DONE,
    FAILED,
    ExportCancelled,
    ExportEnd,
    ExportTable,
)
from console.gui.feedback import OutcomePanel
from console.gui.jobs import ErrorReport, report_title
from console.gui.plain_text import PlainLabel, plain_box
from console.gui.settings import EXPORT_FOLDER, EXPORT_FORMAT
from console.gui.shortcuts import EXPORT, key_text
from console.gui.system_texts import reason_of, store_text, system_reason
from console.gui.tables.filter_proxy import RecordsProxy
from console.gui.tables.formatting import count_number
from console.gui.tables.records_model import RecordsModel
from console.gui.tables.table_view import RecordsView
from console.store.errors import StoreError
from console.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

    from console.gui.profiles import Profile
    from console.gui.session import ConsoleSession

log = logging.getLogger(__name__)

CSV, XLSX = ".csv", ".xlsx"
PROGRESS_AFTER_MS = 400  # a quick export shows no progress dialog at all
# The rows an Excel sheet holds (1,048,576), the titles' row left out: past them Excel
# opens the file only to repair it, leaving the rows out.
XLSX_ROWS = 1_048_575
# Why an export failed, in the audit log, when the rows (not the file) could not be read.
UNREADABLE = QT_TRANSLATE_NOOP("SystemText", "the rows could not be read from the history")


def table_snapshot(
    view: RecordsView, proxy: RecordsProxy, model: RecordsModel, name: str
) -> ExportTable:
    """What the table shows, as it shows it, fixed now (on the GUI thread)."""
    titles, make_cells = model.exporter(view.shown_columns())
    records = model.records_at(proxy.shown_source_rows())
    return ExportTable(titles, records, make_cells, sheet_name=name)


class ExportThread(QThread):
    """Writes one snapshot to one file; `outcome` and `error` say how it ended."""

    progressed = Signal(int)  # rows written so far

    def __init__(self, path: Path, table: ExportTable) -> None:
        super().__init__()
        self.path = path
        self.table = table
        self.outcome = FAILED
        self.error = ""  # the system's reason, for a failure
        self.error_english = ""  # the same in English, for the audit log
        # why the rows could not be read (the history's), in the language shown
        self.unreadable = ""
        self.written = 0  # rows written so far

    def _progress(self, rows: int) -> None:
        self.written = rows
        self.progressed.emit(rows)

    def run(self) -> None:
        from console.export.files import export_table  # openpyxl is loaded for an export only

        try:
            export_table(self.path, self.table, self._progress, self.isInterruptionRequested)
        except ExportCancelled:
            self.outcome = CANCELLED
        except OSError as error:
            self.error = system_reason(error)
            self.error_english = system_reason(error, english=True)
        except sqlite3.Error as error:  # the history, damaged or made again meanwhile
            log.warning("export to %s: the history could not be read: %s", self.path, error)
            self.unreadable = reason_of(error)
            self.error_english = UNREADABLE
        except Exception as error:  # a bug: logged in full, told in one line
            log.exception("export to %s failed", self.path)
            self.error = self.error_english = f"{type(error).__name__}: {error}"
        else:
            self.outcome = DONE


def safe_file_name(stem: str) -> str:
    """A file name's stem with only characters every file system takes (letters of any
    script, digits, - _ . +), at most 120 bytes of them in UTF-8 (a file name may have
    255, and the export's temporary file beside it adds to it)."""
    kept = "".join(char if char.isalnum() or char in "-_.+" else "-" for char in stem)
    while "--" in kept:
        kept = kept.replace("--", "-")
    cut = kept.strip("-.").encode("utf-8")[:120].decode("utf-8", "ignore")
    return cut.rstrip("-.") or "export"


def days_part(days: tuple[date, date] | None) -> str:
    """A range of days as a file name says it: "2026-11-28_to_2026-12-04", "2026-12-04"
    or "all-dates"."""
    if days is None:
        return "all-dates"
    first, last = days
    return first.isoformat() if first == last else f"{first.isoformat()}_to_{last.isoformat()}"


def searched_part(text: str) -> str | None:
    """The words searched for, as a part of a file name ("matching-chair", each line of
    several "matching-chair-or-desk"); one that may hold a card number is never written
    to a file, its name included."""
    if not text:
        return None
    if card_number_in(text):
        return "matching-a-card-number"
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "matching-" + "-or-".join(line for line in lines if line)


def describe(*parts: str | None) -> str:
    """A file name's stem from the filters applied (empty parts left out)."""
    return "_".join(part for part in parts if part)


class TableExport(QObject):
    """The export of one table: its button, its file dialog, its thread and progress."""

    finished = Signal(str)  # DONE, CANCELLED or FAILED, once the outcome is shown

    def __init__(
        self,
        owner: QWidget,
        session: ConsoleSession,
        table: str,
        take_snapshot: Callable[[], ExportTable],
        file_stem: Callable[[], str],
        outcome: OutcomePanel,
        not_ready: Callable[[], str | None] = lambda: None,
    ) -> None:
        """table: the tab's name (TAB_NAMES), for the audit log; file_stem: the default file
        name without its suffix, describing what the table shows; not_ready: why the table
        cannot be exported now (e.g. still loading)."""
        super().__init__(owner)
        self.owner = owner
        self.session = session
        self.settings = session.settings
        self.table = table
        # whose rows the running export writes: shown when Export was pressed
        self.profile: Profile | None = None
        self.take_snapshot = take_snapshot
        self.file_stem = file_stem
        self.not_ready = not_ready
        self.outcome = outcome
        self.export_thread: ExportThread | None = None
        self.progress: QProgressDialog | None = None
        self.button = QPushButton(self.tr("Export…"), owner)
        self.button.setToolTip(
            self.tr("Write the rows shown, as shown, to a CSV or Excel file ({key})").format(
                key=key_text(EXPORT)
            )
        )
        self.button.clicked.connect(self.start)

    def is_running(self) -> bool:
        return self.export_thread is not None

    # -- where to -------------------------------------------------------------------

    def choose_path(self) -> Path | None:
        """Ask where to write; None when the user gives up. A hook: tests replace it on the
        instance, so that no modal dialog waits for them."""
        from PySide6.QtWidgets import QFileDialog  # its Qt classes when first asked

        csv_filter = self.tr("CSV, UTF-8 (*.csv)")
        xlsx_filter = self.tr("Excel workbook (*.xlsx)")
        suffix = XLSX if self.settings.get(EXPORT_FORMAT) == XLSX else CSV
        folder = Path(self.settings.get(EXPORT_FOLDER) or Path.home())
        suggested = folder / f"{safe_file_name(self.file_stem())}{suffix}"
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self.owner,
            self.tr("Export the rows shown"),
            str(suggested),
            ";;".join((csv_filter, xlsx_filter)),
            xlsx_filter if suffix == XLSX else csv_filter,
        )
        if not chosen:
            return None
        path = with_suffix(Path(chosen), XLSX if chosen_filter == xlsx_filter else CSV)
        if path != Path(chosen) and path.exists() and not self._may_replace(path):
            return None  # the dialog asked about the name typed, not about this one
        return path

    def _may_replace(self, path: Path) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = plain_box(self.owner)  # the name as typed, never markup
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Export the rows shown"))
        box.setText(self.tr("{path} already exists. Replace it?").format(path=path))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        replace = box.exec() == QMessageBox.StandardButton.Yes
        box.deleteLater()  # a child of the tab: else kept until the window closes
        return replace

    def _remember(self, path: Path) -> None:
        self.settings.put(EXPORT_FOLDER, str(path.parent))
        self.settings.put(EXPORT_FORMAT, path.suffix.lower())

    # -- writing ----------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Export what the table shows now, to a file the user picks."""
        if self.is_running():
            return
        reason = self.not_ready()
        if reason is not None:
            self.outcome.show_pending(self.tr("Not exported"), reason)
            return
        # Fixed before the file dialog, whose event loop runs while the clerk picks a
        # name: a filter's typing pause may end (its rows still being read) or a sync
        # tells of rows meanwhile.
        table, profile = self.take_snapshot(), self.session.profile  # the rows' profile
        path = self.choose_path()
        if path is None:
            table.release()
            return
        self._remember(path)
        self.outcome.clear()
        if path.suffix.lower() == XLSX and len(table.records) > XLSX_ROWS:
            table.release()
            self._refuse(
                self.tr(
                    "An Excel sheet holds at most {limit} rows; the table shows {rows}. "
                    "Nothing was written: export them to a CSV file, or filter the table "
                    "to fewer rows."
                ).format(limit=count_number(XLSX_ROWS), rows=count_number(len(table.records)))
            )
            return
        self._run(path, table, profile)

    def _refuse(self, text: str) -> None:
        self._show_failed(text)
        self.finished.emit(FAILED)

    def _show_failed(self, text: str) -> None:
        self.outcome.show_report(ErrorReport("export", report_title("export"), text))

    def _run(self, path: Path, table: ExportTable, profile: Profile) -> None:
        from PySide6.QtWidgets import QProgressDialog, QStyle

        rows = len(table.records)
        self.profile = profile
        self.export_thread = thread = ExportThread(path, table)
        self.progress = progress = QProgressDialog(
            "", self.tr("Cancel"), 0, max(rows, 1), self.owner
        )
        # the name as typed, never markup; placed as the dialog's own label is
        label = PlainLabel(
            self.tr("Exporting %Ln row(s) to {name}…", "", rows).format(name=path.name)
        )
        hint = QStyle.StyleHint.SH_ProgressDialog_TextLabelAlignment
        label.setAlignment(Qt.AlignmentFlag(progress.style().styleHint(hint, None, progress)))
        progress.setLabel(label)
        progress.setWindowTitle(self.tr("Export"))
        progress.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)
        progress.setValue(0)
        progress.canceled.connect(thread.requestInterruption)
        thread.progressed.connect(progress.setValue)
        thread.finished.connect(self._on_finished)
        self.button.setEnabled(False)
        thread.start()

    def stop(self) -> None:
        """Cancel a running export and wait for its thread (the window is closing); how it
        ended (cancelled, or written just before) goes into the audit log now: its end is
        not taken up after the window closed."""
        thread, self.export_thread = self.export_thread, None
        if thread is None:
            return
        thread.requestInterruption()
        thread.wait()
        thread.table.release()
        self._audit(thread)

    @Slot()
    def _on_finished(self) -> None:
        thread, self.export_thread = self.export_thread, None
        progress, self.progress = self.progress, None
        if thread is None:
            return
        thread.wait()  # finished is sent just before the thread ends
        thread.table.release()  # the history it was read from, if no longer shown, closed
        if progress is not None:
            progress.close()
            progress.deleteLater()
        self.button.setEnabled(True)
        self._tell(thread, self._audit(thread))
        self.finished.emit(thread.outcome)  # the thread (ours alone, no parent) goes with it

    def _tell(self, thread: ExportThread, unrecorded: StoreError | None) -> None:
        """What became of the export; and, when its audit row could not be written (a
        full disk), that it is not in the audit log."""
        path = thread.path
        missing = ""
        if unrecorded is not None:
            missing = "\n" + self.tr(
                "This export's audit entry is not saved yet: {error} It is kept, and saved as "
                "soon as the database can be written again."
            ).format(error=store_text(unrecorded))
        if thread.outcome == DONE:
            written = self.tr("%Ln row(s) written to {path}", "", thread.written)
            self.outcome.show_success(
                self.tr("Exported to {name}").format(name=path.name),
                written.format(path=path) + missing,
            )
        elif thread.outcome == CANCELLED:
            self.outcome.show_pending(
                self.tr("Export cancelled"), self.tr("No file was written.") + missing
            )
        else:
            if thread.unreadable:
                text = self.tr(
                    "The rows to export could not be read from the history ({reason}). "
                    "Nothing was written."
                ).format(reason=thread.unreadable)
            else:
                text = self.tr("Could not write {path}: {reason}. Nothing was written.").format(
                    path=path, reason=thread.error
                )
            self._show_failed(text + missing)

    def _audit(self, thread: ExportThread) -> StoreError | None:
        """The export's row in the audit log; why it could not be written, if not."""
        profile, self.profile = self.profile, None
        if profile is None:
            return None
        end = ExportEnd(
            self.table, thread.path, thread.outcome, thread.written, thread.error_english
        )
        return self.session.audit.export_ended(profile, end)


def with_suffix(path: Path, default: str) -> Path:
    """The path as chosen when it ends in .csv or .xlsx, else with the default added."""
    return path if path.suffix.lower() in (CSV, XLSX) else path.with_name(path.name + default)
