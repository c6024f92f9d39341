"""The active profile's history: its mirror (console/store/mirror.py) and the syncs that
keep it up to date (console/store/sync.py, run by the worker as a SYNC job).

A sync runs at start (when a table or the Overview is first shown), on Reload (F5),
every SYNC_MINUTES while the console is open, after a payment or refund made here
(`sync_soon`: the clerk finds it in the lists at once), and on demand from the
beginning ("Sync everything again"). One at a time: asking while one runs gives the
one running; after a write, another follows it (the one running may have listed the
records before the write was made). What it brings is told as it comes (`changed`: at
once for the first page, then at most every CHANGED_MS), so the tables show new rows
while the sync goes on (the first rows of an empty history as soon as they are in).
A sync stopped by a server that asked to wait longer than a sync waits (every host's
Retry-After, console/store/sync.py SHORT_REST_S) is not asked again by the timer before
that time; a sync comes then (when the timer syncs), and the status bar names the time.
A Reload meanwhile is made: its client sends nothing and says the same.
`status_text` is what the status bar says: syncing, when the history was last synced
and how many records it holds, or, when the server cannot be reached, that the data
shown is as of the last sync; `status_detail` its tooltip: why the last sync failed,
or which records it left out and why (console/gui/left_out_texts.py).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QTimer, Signal, Slot

from console.api.models import BillRecord, RefundRecord, now_ms
from console.gui.counts import counts
from console.gui.gateway import JobHandle
from console.gui.i18n import moment_text, number_text
from console.gui.jobs import SYNC, ErrorReport, SyncRequest
from console.gui.left_out_texts import left_out_text
from console.gui.profiles import Profile
from console.gui.settings import SYNC_MINUTES
from console.gui.system_texts import reason_of
from console.gui.tables.date_presets import read_the_time_zone_again, zone_look
from console.store.mirror import BILLS, REFUNDS, Mirror
from console.store.mirror_file import FULL, LOCKED, delete_mirror_file, mirror_path
from console.store.stamps import LOOK_AGAIN_MS, steady_now_ms

if TYPE_CHECKING:
    from pathlib import Path

    from console.gui.jobs import Action
    from console.gui.settings import Settings
    from console.store.local_data import LocalData
    from console.store.sync import LeftOut  # loaded with the first sync, not at start


class HistorySession(Protocol):
    """What the history needs of the console's session (console/gui/session.py): the
    profile in use, where files go, the settings, what this console made, and a way to
    send a job. The session tells it of another profile (`on_profile_changed`)."""

    @property
    def profile(self) -> Profile: ...

    data_dir: Path
    settings: Settings
    local: LocalData

    def submit(self, action: Action, request: Any, description: str) -> JobHandle: ...


log = logging.getLogger(__name__)

CHANGED_MS = 300  # while a sync runs, the tables are told of new rows at most this often
DONE, FAILED, STOPPED = "done", "failed", "stopped"


class History(QObject):
    changed = Signal()  # the mirror holds other records now
    state_changed = Signal()  # what status_text() says may have changed
    sync_started = Signal(object)  # the JobHandle of a sync just started
    sync_ended = Signal(str)  # DONE, FAILED or STOPPED
    told = Signal(str)  # a message for the status bar, for a while
    _summed_again = Signal()  # a thread made the day sums again in a new time zone

    def __init__(self, session: HistorySession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._mirrors: dict[str, Mirror] = {}
        self._closed = False  # shut down: no mirror is opened again
        self.tried: set[str] = set()  # profiles synced (or tried) since the start
        self._cut: set[str] = set()  # profiles whose sync a switch stopped: run when back
        self._sync: JobHandle | None = None
        self._sync_profile = ""
        # The active profile's file, usable again while its history was kept in memory
        # (it could not be used at opening): the sync running fills it, then it is shown
        # in place of the one in memory (`_on_finished`); None when there is none.
        self._filling: Mirror | None = None
        # The file, opened again, could not be written after all (a disk still full lets
        # it be opened and locked): the next sync is into memory, the one after tries it
        self._file_refused = False
        self._news: tuple[object, ...] | None = None  # the last progress of the sync running
        # how the last sync of each profile failed, if it did: kept while another profile
        # is in use, so that one whose server did not answer is not said synced when back
        self._failures: dict[str, ErrorReport] = {}
        self._tell = QTimer(self)
        self._tell.setSingleShot(True)
        self._tell.setInterval(CHANGED_MS)
        self._tell.timeout.connect(self._on_tell)
        self._untold = False  # the mirror changed since `changed` was last emitted
        self._again = False  # a write was made while a sync ran: sync once more after it
        self._held: str | None = None  # "N bills, M refunds", until the mirror changes
        # profiles whose last sync ended with the server counting otherwise than their
        # history holds (SyncResult.unsure): the status bar does not call it complete
        self._unsure: set[str] = set()
        # the records the last sync of each profile left out: those it names, and how
        # many in all (SyncResult.left_out, left_out_count)
        self._left_out: dict[str, tuple[tuple[LeftOut, ...], int]] = {}
        # profiles whose last sync went on without a count the server was too busy to
        # give (SyncResult.busy_counts): the kinds, their history not checked
        self._busy_counts: dict[str, tuple[str, ...]] = {}
        self._every = QTimer(self)
        self._every.timeout.connect(self._on_timer)
        # The server asked the last sync to wait (ErrorReport.wait_s): until when, on
        # the steady clock (the status bar says it on the system clock as it reads then);
        # the timer asks nothing before, and `_after_rest` syncs then.
        self._rest_until: int | None = None
        self._after_rest = QTimer(self)
        self._after_rest.setSingleShot(True)
        self._after_rest.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one comes early
        self._after_rest.timeout.connect(self._on_rest_over)
        self._synced_at_ms = steady_now_ms()  # when the last sync began (asleep too)
        # At midnight "as of 14:02" becomes yesterday's: said again, with its day. The day
        # is looked at every minute: a QTimer's clock stops while the computer sleeps, so
        # one set for midnight (or the sync timer) comes as late as the computer slept.
        self._day = today()  # the day the watch last saw
        self._zone_seen = zone_look(self._day)  # and when it began, in which time zone
        self._set_back = False  # and whether the clock was behind the history's time
        self.day_watch = QTimer(self)
        self.day_watch.setInterval(LOOK_AGAIN_MS)
        self.day_watch.timeout.connect(self._look_at_the_clock)
        self._summed_again.connect(self._on_summed_again)
        self.day_watch.start()
        self.set_sync_minutes(session.settings.get(SYNC_MINUTES), keep=False)

    def sync_minutes(self) -> int:
        """How often the history syncs while the console is open (0: only at start and on
        Reload)."""
        return self.session.settings.get(SYNC_MINUTES) if self._every.isActive() else 0

    def set_sync_minutes(self, minutes: int, keep: bool = True) -> None:
        """Sync every `minutes` from now on (0: no timer); kept in the settings."""
        minutes = max(0, minutes)
        if minutes:
            self._every.start(minutes * 60_000)
        else:
            self._every.stop()
        if keep:
            self.session.settings.put(SYNC_MINUTES, minutes)

    # -- the mirror ------------------------------------------------------------------

    @property
    def mirror(self) -> Mirror:
        """The active profile's mirror (opened on first use; never fails while the console
        is open: console/store/mirror.py makes a damaged one again, or keeps one in
        memory). Once shut down, sqlite3.ProgrammingError: a mirror is never opened again."""
        profile = self.session.profile
        mirror = self._mirrors.get(profile.id)
        if mirror is None:
            if self._closed:  # what a table's thread read arrives after the close
                raise sqlite3.ProgrammingError("the history is closed")
            path = mirror_path(self.session.data_dir, profile.id)
            mirror = self._mirrors[profile.id] = Mirror.open(path, profile.app_id)
        return mirror

    def holds_records(self) -> bool:
        """Whether the active profile's history has any record to show (False when its
        mirror cannot be read: there is nothing to show from it either)."""
        try:
            return not self.mirror.is_empty()
        except sqlite3.Error:
            return False

    def reader(self) -> sqlite3.Connection:
        """The GUI thread's connection reading the active profile's mirror."""
        return self.mirror.reader()

    def listed_refund(self, refund_no: str) -> RefundRecord | None:
        """The refund as the active profile's history holds it (what BeeCloud listed);
        None when it holds none, or cannot be read (logged)."""
        from console.store.mirror_query import record_of  # (loaded with the tables)

        try:
            record = record_of(self.reader(), REFUNDS, refund_no)
        except sqlite3.Error as error:
            log.warning("the history could not be read for refund %s: %s", refund_no, error)
            return None
        return record if isinstance(record, RefundRecord) else None

    def currencies(self) -> Mapping[str, str]:
        """The currencies this console recorded for the active profile's bills, each read
        when asked for (RecordedCurrencies)."""
        return self.session.local.recorded_currencies(self.session.profile.id)

    def keeping(self, action: Action) -> Mirror | None:
        """Where a job keeps what it fetches: a look-up by number or a query's pages
        (Action.keeps) in the active profile's mirror, by the job's own threads (a
        sync's long write is waited for there, never on the GUI's: console/gui/worker.py);
        anything else, or once closed, nowhere. Then `kept` shows it."""
        if not action.keeps or self._closed:
            return None
        try:
            return self.mirror
        except sqlite3.Error:
            return None

    @Slot(object)
    def kept(self, answer: object) -> None:
        """The answer of a job that kept what it fetched: a record found (None: the
        server has no such record), or how many records a query listed. The tables show
        them at once."""
        if isinstance(answer, BillRecord | RefundRecord) or (
            isinstance(answer, int) and answer > 0
        ):
            self._held = None
            self.changed.emit()
            self.state_changed.emit()

    # -- syncing ---------------------------------------------------------------------

    def sync(self, full: bool = False) -> JobHandle:
        """Bring the active profile's mirror up to date (everything again if `full`)."""
        if self._sync is not None and self._sync.running:
            if not full:
                return self._sync
            self._sync.cancel()
        else:  # made again by another console; damage a table's read found (a damaged
            self._made_again_elsewhere() or self._heal()  # search index): made again, empty
        mirror = self._file_again(self.mirror) or self.mirror
        handle = self.session.submit(
            SYNC,
            SyncRequest(mirror, full, self.currencies()),
            self.tr("Syncing the history"),
        )
        self._sync, self._sync_profile, self._news = handle, self.session.profile.id, None
        self._synced_at_ms = steady_now_ms()
        self.tried.add(self._sync_profile)
        handle.page.connect(self._on_news)
        handle.finished.connect(self._on_finished)
        handle.failed.connect(self._on_failed)
        handle.cancelled.connect(self._on_cancelled)
        self.sync_started.emit(handle)
        self.state_changed.emit()
        return handle

    def _file_again(self, mirror: Mirror) -> Mirror | None:
        """The active profile's file, when its history is kept in memory (the file could
        not be used at opening: locked, the disk full, read-only...) and the file can be
        used now (found out at once: a lock is not waited for). The sync about to start
        brings it up to date by its own sync, from what the file holds (what is in
        memory is not copied: the server is the truth), and then it is shown; the tables
        keep showing the history in memory meanwhile. A file that could be opened but
        not written (a disk still full) fails that sync, which is made again into memory
        (`_on_failed`)."""
        self._drop_filling()
        refused, self._file_refused = self._file_refused, False
        if refused or not mirror.trouble or self._closed:
            return None
        profile = self.session.profile
        self._filling = Mirror.reopen(
            mirror_path(self.session.data_dir, profile.id), profile.app_id
        )
        if self._filling is not None:
            log.info("the history file can be used again: synced, then shown")
        return self._filling

    def _drop_filling(self) -> None:
        """The file being filled no longer is (its sync failed or was stopped): closed,
        kept as its sync left it; the next sync tries it again."""
        filling, self._filling = self._filling, None
        if filling is not None:
            filling.close()

    def _show_filled(self) -> None:
        """The file's sync ended: the file is the active profile's history from now on,
        the one in memory closed once its last reader is done (an export of it: the same
        records, which it writes to the end; Mirror.retire). The tables read the file at
        once (`changed`), keeping their selection, sort and filters as at any sync."""
        filling, self._filling = self._filling, None
        profile_id = self._sync_profile
        if filling is None or profile_id != self.session.profile.id:
            if filling is not None:
                filling.close()
            return
        in_memory = self._mirrors.get(profile_id)
        self._mirrors[profile_id] = filling
        self._held = None
        self.changed.emit()  # the tables move to it before the one in memory is retired
        if in_memory is not None:
            in_memory.retire()
        log.info("the history file is used again: %s", filling.path)
        self.told.emit(
            self.tr("The history file can be used again: this session's history is kept in it.")
        )

    def sync_soon(self) -> None:
        """A payment or refund was made here, or the profile's settings changed: sync
        now, or once the sync running ends."""
        if self.syncing:
            self._again = True
        else:
            self.sync()

    def reload(self) -> JobHandle:
        """Reload (F5): what the server has now. A sync running began before it was asked
        for and may have read a record before it changed (a bill its payer approved
        since): one more follows it."""
        if self._sync is not None and self._sync.running:
            self._again = True
            return self._sync
        return self.sync()

    def ensure_synced(self) -> None:
        """Sync the active profile unless it was synced (or tried) since the console
        started: the sync at start, asked for by the window once painted, whatever tab is
        in front (New payment, Refund and Audit show no list), or by a list shown first."""
        if self.session.profile.id not in self.tried and not self.syncing and not self._closed:
            self.sync()

    @property
    def failure(self) -> ErrorReport | None:
        """How the active profile's last sync failed (None: it did not, or none yet)."""
        return self._failures.get(self.session.profile.id)

    @property
    def syncing(self) -> bool:
        return self._sync is not None and self._sync.running

    @Slot(object)
    def _on_news(self, news: object) -> None:
        self._news = news if isinstance(news, tuple) else None
        wrote = not (isinstance(news, tuple) and len(news) == 3 and news[1] == 0)
        if wrote:  # told at once, then at most every CHANGED_MS (the last one too)
            if self._tell.isActive():
                self._untold = True
            else:
                self._tell.start()
                self._changed_now()
        self.state_changed.emit()

    @Slot()
    def _on_tell(self) -> None:
        if self._untold:
            self._tell.start()
            self._changed_now()

    def _changed_now(self) -> None:
        self._untold = False
        self._held = None
        self.changed.emit()

    def _ended(self, state: str) -> None:
        self._held = None
        self._sync = None
        self._news = None
        self._tell.stop()
        self._untold = False
        self.changed.emit()
        self.state_changed.emit()
        self.sync_ended.emit(state)
        if self._again and state != STOPPED:  # not after a cancel, or a profile switched
            self._again = False
            self.sync()

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._failures.pop(self._sync_profile, None)
        self._rest_over()
        self._show_filled()
        if getattr(result, "unsure", ()):  # a SyncResult (console/store/sync.py)
            self._unsure.add(self._sync_profile)
        else:
            self._unsure.discard(self._sync_profile)
        named, count = getattr(result, "left_out", ()), getattr(result, "left_out_count", 0)
        self._left_out[self._sync_profile] = (tuple(named), count)
        self._busy_counts[self._sync_profile] = tuple(getattr(result, "busy_counts", ()))
        self._ended(DONE)

    @Slot(object)
    def _on_failed(self, report: ErrorReport) -> None:
        log.warning("the history's sync failed: %s (%s)", report.title, report.message)
        filling = self._filling
        self._drop_filling()  # tried again at the next sync
        if filling is not None and report.kind == "history" and not self._closed:
            # the file could not be written after all: this sync into memory, as before
            self._file_refused = True
            self._ended(STOPPED)
            self.sync()
            return
        if report.kind == "changed":  # another App ID saved by another console, shown now
            self._failures.pop(self._sync_profile, None)
            self._ended(STOPPED)
            if not self._closed:
                self.sync()  # the new app's history, into its own mirror
            return
        if self._made_again_elsewhere() or self._heal():
            self._failures.pop(self._sync_profile, None)
            self._ended(STOPPED)
            self.sync()  # into the mirror made again
            return
        self._failures[self._sync_profile] = report
        if report.wait_s:
            self._rest(report.wait_s)
        else:
            self._rest_over()
        self._ended(FAILED)

    def _rest(self, seconds: int) -> None:
        """The server asked to be left alone `seconds` from now (a rest noted before that
        ends within a second of it stands: the client rounds what is left up)."""
        until = steady_now_ms() + seconds * 1000
        if self._rest_until is not None and until <= self._rest_until + 1000:
            return
        self._rest_until = until
        self._after_rest.start(seconds * 1000)

    def _rest_over(self) -> None:
        self._rest_until = None
        self._after_rest.stop()

    def _resting(self) -> bool:
        """Whether the server asked the last sync to wait, and that time has not come."""
        return self._rest_until is not None and steady_now_ms() < self._rest_until

    @Slot()
    def _on_rest_over(self) -> None:
        """The time the server asked to wait for has come: the timer's sync, now."""
        if self._every.isActive() and not self.syncing and not self._closed:
            self._every.start()
            self.sync()

    def _made_again_elsewhere(self) -> bool:
        """The active profile's history file made again by another console on the data
        folder (it found it damaged: deleted, a new one in its place) while this one had
        it open (Mirror.replaced): its syncs went into the deleted file, read by no
        console again, the two consoles' lists drifting apart until a restart. The new
        file is opened (never made again here: the other console's syncs are in it), the
        status bar says so, and the sync that follows fills it. The one left is closed
        once its last reader is done (an export of it). Returns whether it was."""
        profile = self.session.profile
        mirror = self._mirrors.get(profile.id)
        if mirror is None or self._closed or not mirror.replaced():
            return False
        path = mirror_path(self.session.data_dir, profile.id)
        log.warning("the history file %s was made again by another console: opened anew", path)
        self._mirrors[profile.id] = Mirror.open(path, profile.app_id)
        self._held = None
        self.changed.emit()  # the tables move to it before the one left is retired
        mirror.retire()
        self.told.emit(self.tr("The history was made again by another console; syncing anew."))
        return True

    def _heal(self) -> bool:
        """The active profile's mirror found damaged: made again, empty (it is a cache;
        a sync fills it). Returns whether it was."""
        profile = self.session.profile
        mirror = self._mirrors.get(profile.id)
        if mirror is None or not mirror.damaged:
            return False
        mirror.close()
        path = mirror_path(self.session.data_dir, profile.id)
        self._mirrors[profile.id] = Mirror.open(path, profile.app_id, remake="it was damaged")
        self._held = None
        self.changed.emit()
        return True

    @Slot()
    def _on_cancelled(self) -> None:
        self._drop_filling()
        self._ended(STOPPED)

    @Slot()
    def _on_timer(self) -> None:
        if not self.syncing and not self._resting():
            self.sync()

    def switching(self) -> None:
        """A profile switch is about to stop the loads of the profile in use (the
        session's activate): its sync, if one runs, goes on once the profile is back."""
        if self.syncing:
            self._cut.add(self._sync_profile)

    @Slot(object)
    def on_profile_changed(self, profile: Profile) -> None:
        self._again = False  # the write was of the profile before: its sync comes again
        if self._sync is not None and self._sync.running and self._sync_profile != profile.id:
            self._cut.add(self._sync_profile)
            self._sync.cancel()
        mirror = self._mirrors.get(profile.id)
        if mirror is not None and mirror.app_id != profile.app_id:
            # given another App ID: its mirror is another app's, made again when next read
            self._close_mirror_of(profile.id)
        self._rest_over()  # another profile's hosts
        self._held = None
        self.state_changed.emit()
        if profile.id in self._cut and not self._closed:
            self._cut.discard(profile.id)
            self.sync()  # back on a profile whose sync the switch stopped: it goes on

    def _close_mirror_of(self, profile_id: str) -> None:
        """The profile's mirror closed (its sync stopped first), and what this run knew
        of its syncs forgotten: the next read opens it again (Mirror.open)."""
        if self._sync is not None and self._sync_profile == profile_id:
            self._sync.cancel()
        mirror = self._mirrors.pop(profile_id, None)
        if mirror is not None:
            mirror.close()
        self.tried.discard(profile_id)
        self._cut.discard(profile_id)
        self._unsure.discard(profile_id)
        self._left_out.pop(profile_id, None)
        self._busy_counts.pop(profile_id, None)
        self._failures.pop(profile_id, None)

    def forget_profile(self, profile_id: str) -> None:
        """A profile removed (not the one in use): its mirror, every bill and refund of
        its app, goes from this computer. One that cannot be deleted is logged."""
        self._close_mirror_of(profile_id)
        path = mirror_path(self.session.data_dir, profile_id)
        try:
            delete_mirror_file(path)
        except OSError as error:
            log.warning("the history of a profile removed could not be deleted: %s", error)

    @Slot(object)
    def on_profile_updated(self, _profile: Profile) -> None:
        """The profile in use was saved again (its hosts, timeouts or App Secret may be
        mended): synced with them."""
        self._failures.pop(self.session.profile.id, None)
        self.state_changed.emit()
        self.sync_soon()

    # -- what the status bar says ----------------------------------------------------------

    def as_of_ms(self) -> int | None:
        """When the mirror was last complete for both bills and refunds (None: never)."""
        mirror = self.mirror
        bills, refunds = mirror.synced(BILLS), mirror.synced(REFUNDS)
        if bills is None or refunds is None:
            return None
        return min(bills.synced_ms, refunds.synced_ms)

    @Slot()
    def _look_at_the_clock(self) -> None:
        """Once a minute: a new day says "as of" again, with its day, and so does a new
        time zone (a laptop carried from Shanghai to London on the same date went on
        saying Shanghai's "as of 22:05", a time London had not reached); a sync of the
        timer due while the computer slept (its QTimer still waiting out the minutes left
        when it went to sleep) is made now, and the timer counts from it. A new zone also
        has the per-day sums made again in it (`_days_in_this_zone`)."""
        read_the_time_zone_again()
        day, set_back = today(), self._clock_set_back()
        zone_moved = zone_look(self._day) != self._zone_seen
        if day != self._day or zone_moved or set_back != self._set_back:
            self._day, self._set_back = day, set_back
            self._zone_seen = zone_look(day)
            self.state_changed.emit()
        if zone_moved:
            self._days_in_this_zone()
        if not self._every.isActive() or self.syncing or self._resting():
            return
        if steady_now_ms() - self._synced_at_ms >= self._every.interval() + LOOK_AGAIN_MS:
            self._every.start()
            self.sync()

    @Slot()
    def _on_summed_again(self) -> None:
        if not self._closed:
            self.changed.emit()

    def _days_in_this_zone(self) -> None:
        """The per-day sums made again in the zone the computer was set to, on a thread
        of their own (about a second for a million bills); the Overview then sums its
        range again (`changed`). They stayed of the zone left until the next write to
        the history, and offline none comes."""
        mirror = self.mirror

        def run() -> None:
            try:
                made = mirror.days_in_this_zone()
            except sqlite3.Error as error:  # closed, interrupted at close, damaged, busy
                log.warning("the day sums were not made again in the new time zone: %s", error)
                return
            if made:
                with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                    self._summed_again.emit()

        threading.Thread(target=run, name="zone-sums", daemon=True).start()

    def _when(self) -> str | None:
        """When the history was last complete, as the status bar says it (None: never);
        a time still to come on this computer's clock, set back since, says so."""
        as_of = self.as_of_ms()
        if as_of is None:
            return None
        when = moment_text(as_of, today())
        if as_of > now_ms():
            return self.tr("{when} (this computer's clock was set back since)").format(when=when)
        return when

    def _clock_set_back(self) -> bool:
        """Whether the history is as of a time this computer's clock has not reached (a
        mirror not opened yet, nothing has said its time: not opened for this)."""
        if self.session.profile.id not in self._mirrors:
            return False
        try:
            as_of = self.as_of_ms()
        except sqlite3.Error:
            return False
        return as_of is not None and as_of > now_ms()

    def _held_text(self) -> str:
        """ "N bills, M refunds": counted once until the mirror changes (the status bar is
        asked for it at every page a sync brings)."""
        if self._held is None:
            mirror = self.mirror
            self._held = self.tr("{bills}, {refunds}").format(
                bills=counts().bills(mirror.count(BILLS)),
                refunds=counts().refunds(mirror.count(REFUNDS)),
            )
        return self._held

    def status_text(self) -> str:
        text = self._status_text()
        try:
            mirror = self.mirror
        except sqlite3.Error:
            return text
        if not mirror.trouble:
            return text
        # the file kept as it is, not used: what is synced now is lost at closing
        if mirror.trouble == LOCKED:
            why = self.tr("the history file is locked by another program")
        elif mirror.trouble == FULL:
            why = self.tr("the disk is full")
        else:
            why = self.tr("the history file cannot be used ({detail})").format(
                detail=reason_of(mirror.trouble_error) if mirror.trouble_error else ""
            )
        # short: it must fit the status bar of a window 1024 pixels wide
        return self.tr("{status} — {why}; this session's history is in memory only").format(
            status=text, why=why
        )

    def _status_text(self) -> str:
        try:
            held = self._held_text()
            when = self._when()
        except sqlite3.Error:  # damaged (made again at the next sync), or closed
            return self.tr("The history cannot be read just now")
        if self.syncing:
            news = self._news
            if news is not None and len(news) == 3 and isinstance(news[1], int):
                kind, done, total = news[0], news[1], news[2]
                done_text = counts().bills(done) if kind == BILLS else counts().refunds(done)
                if isinstance(total, int) and total >= done:
                    return self.tr("Syncing the history: {done} of {total}…").format(
                        done=done_text, total=number_text(total)
                    )
                return self.tr("Syncing the history: {done}…").format(done=done_text)
            return self.tr("Syncing the history…")
        if self.failure is not None:
            return self._failure_text(self.failure, when, held)
        if when is None:
            return self.tr("History: {held}, not yet synced").format(held=held)
        _, left_out = self._left_out.get(self.session.profile.id, ((), 0))
        if left_out:
            return self.tr(
                "History as of {when}: {held} — {left_out}: listed in a way that cannot be true"
            ).format(when=when, held=held, left_out=counts().left_out(left_out))
        if self.session.profile.id in self._unsure:
            return self.tr(
                "History as of {when}: {held} — the server counts otherwise: the history "
                "may be incomplete"
            ).format(when=when, held=held)
        busy = self._busy_counts.get(self.session.profile.id, ())
        if busy:
            uncounted = self._kinds_text(busy)
            return self.tr(
                "History as of {when}: {held} — the server was too busy to count the "
                "{kinds}: not checked against it"
            ).format(when=when, held=held, kinds=uncounted)
        return self.tr("History as of {when}: {held}").format(when=when, held=held)

    def _kinds_text(self, kinds: tuple[str, ...]) -> str:
        if kinds == (BILLS,):
            return self.tr("bills")
        if kinds == (REFUNDS,):
            return self.tr("refunds")
        return self.tr("bills and refunds")

    def status_detail(self) -> str:
        """The status bar's tooltip: the whole reason the last sync failed (the status
        bar's few words are its title), the hosts tried and what each did; or the records
        it left out, and why. "" when there is nothing more to say."""
        failure = self.failure
        if failure is None:
            named, count = self._left_out.get(self.session.profile.id, ((), 0))
            detail = left_out_text(named, count) if count and not self.syncing else ""
        else:
            detail = self.tr("{title}: {message}").format(
                title=failure.title, message=failure.message
            )
        if self._in_memory():
            again = self.tr(
                "The history file is tried again at each sync (Reload, F5): once it can be "
                "used, the history is synced into it and kept there."
            )
            detail = f"{detail}\n{again}" if detail else again
        return detail

    def _in_memory(self) -> bool:
        """The active profile's history is kept in memory: its file could not be used."""
        try:
            return bool(self.mirror.trouble)
        except sqlite3.Error:
            return False

    def _failure_text(self, failure: ErrorReport, when: str | None, held: str) -> str:
        """The status bar after a sync that failed: offline or why, and what is shown."""
        if self._rest_until is not None:
            wall_ms = now_ms() + self._rest_until - steady_now_ms()
            until = QLocale().toString(QDateTime.fromMSecsSinceEpoch(wall_ms).time(), "HH:mm:ss")
            rest = (
                self.tr("The server asked to wait until {time}: synced again then")
                if self._every.isActive()
                else self.tr("The server asked to wait until {time}: Reload after then")
            )
            failure = replace(failure, title=rest.format(time=until))
        if failure.kind == "transport":
            if when:
                return self.tr("Offline — showing data as of {when} ({held})").format(
                    when=when, held=held
                )
            if self.holds_records():  # a first sync that stopped half-way
                return self.tr("Offline — showing an incomplete history ({held})").format(held=held)
            return self.tr("Offline — no history on this computer yet")
        if when:
            return self.tr(
                "The sync failed ({reason}) — showing data as of {when} ({held})"
            ).format(reason=failure.title, when=when, held=held)
        if self.holds_records():
            return self.tr(
                "The sync failed ({reason}) — showing an incomplete history ({held})"
            ).format(reason=failure.title, held=held)
        return self.tr("The sync failed ({reason}) — no history on this computer yet").format(
            reason=failure.title
        )

    def age_text(self) -> str:
        """How old what the tables show is, in a few words (the status bar says more)."""
        try:
            when = self._when()
        except sqlite3.Error:
            when = None
        if self.syncing:  # what is shown meanwhile is still the history of then
            if when is not None:
                return self.tr("as of {when}, syncing…").format(when=when)
            # a first sync: what came so far, or nothing yet
            return (
                self.tr("syncing…") if self.holds_records() else self.tr("no history yet, syncing…")
            )
        if self.failure is not None:
            transport = self.failure.kind == "transport"
            if when is None:
                if self.holds_records():  # a first sync that stopped half-way
                    return (
                        self.tr("offline, history incomplete")
                        if transport
                        else self.tr("sync failed, history incomplete")
                    )
                return (
                    self.tr("offline, no history yet")
                    if transport
                    else self.tr("sync failed, no history yet")
                )
            if transport:
                return self.tr("offline, as of {when}").format(when=when)
            return self.tr("sync failed, as of {when}").format(when=when)
        if when is None:
            return self.tr("not yet synced")
        if self.session.profile.id in self._unsure:
            return self.tr("as of {when}, may be incomplete").format(when=when)
        if self._busy_counts.get(self.session.profile.id):
            return self.tr("as of {when}, not checked").format(when=when)
        return self.tr("as of {when}").format(when=when)

    def interrupt_writes(self) -> None:
        """The console closes: a sync's long write (a million rows forgotten) ends now,
        before the sync's thread is waited for."""
        for mirror in self._mirrors.values():
            mirror.interrupt_write()
        if self._filling is not None:
            self._filling.interrupt_write()

    @property
    def closed(self) -> bool:
        """Shut down (the window closed): no mirror is read or opened again."""
        return self._closed

    def shutdown(self) -> None:
        self._closed = True
        self._again = False
        self._every.stop()
        self._after_rest.stop()
        self.day_watch.stop()
        self._tell.stop()
        self._drop_filling()
        for mirror in self._mirrors.values():
            mirror.close()  # and its reader
        self._mirrors.clear()


def today() -> date:
    return date.today()
