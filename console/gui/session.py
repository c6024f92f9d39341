"""The console's session: the active profile, its secret, the embedded sandbox,
the local store and the gateway to the worker. Tabs talk to the API only
through `ConsoleSession.submit`, which prepares the whole job on the GUI thread (a live
profile's secrets are read off it, console/gui/keyring_reads.py: the keyring may take
seconds) and gives back its handle (console/gui/gateway.py); a write job's handle is
watched by the audit log and, a refund's, by the refund journal, here, in one
place."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from console import port_keeping
from console.gui.audit_recorder import AuditRecorder
from console.gui.embedded_sandbox import (
    DEMO_BILLS,
    new_sandbox_secret,
    sandbox_port,
)
from console.gui.gateway import ApiGateway, JobHandle, refused
from console.gui.history import DONE, History
from console.gui.jobs import Action, Credentials, ErrorReport, Job, report_title
from console.gui.keyring_reads import KeyringReads, NoThread, ReadAgain
from console.gui.profiles import (
    REMOVED,
    SANDBOX_APP_ID,
    SANDBOX_PROFILE,
    Profile,
    ProfileGone,
    ProfileStore,
    master_secret_key,
)
from console.gui.reconciler import Reconciler
from console.gui.secret_texts import failure_text, no_thread_text
from console.gui.settings import SANDBOX_PORT, Settings
from console.gui.system_texts import store_text
from console.store import ConsoleStore, StoreError
from console.store.errors import StoreReplacedError
from console.store.secrets import REFUSED, SecretStore, SecretStoreError

if TYPE_CHECKING:  # imported when first started: Flask and waitress take a while to load
    from console.gui.sandbox_watch import SandboxWatch
    from console.sandbox import SandboxServer
    from console.sandbox.forked import ForkedSandbox

    EmbeddedSandbox = SandboxServer | ForkedSandbox

log = logging.getLogger(__name__)

AUDIT_RETRY_MS = 15_000  # how often audit rows held (a full disk) are tried again


class CannotSend(Exception):
    """A job cannot be prepared (no secret, a keyring that fails, a profile removed, a
    stopped sandbox): the message is for the user, the kind its report's (jobs.py)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class ConsoleSession(QObject):
    # Profile: another one in use, or the one in use given another App ID (another
    # account): what the tabs show of the one before goes
    profile_changed = Signal(object)
    # Profile: the one in use saved again with the same App ID (its name, hosts,
    # timeouts, secrets): used from the next call on; what the tabs show stays
    profile_updated = Signal(object)
    # str: why the profile in use was left for the sandbox (removed by another console,
    # or no longer readable in the settings: ProfileStore.gone), whoever found it
    profile_left = Signal(str)
    # The embedded sandbox's process: "died" (how it ended), "restarted" (how the one
    # before ended) or "stopped" (why it is left stopped): console/gui/sandbox_watch.py
    sandbox_changed = Signal(str, str)
    audit_appended = Signal(object)  # AuditEntry, just written to the audit log (or held)
    # int: how many audit rows are held, not written yet (a full disk): AuditLog.held
    audit_held = Signal(int)

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        secret_store: SecretStore,
        demo_bills: int = DEMO_BILLS,
        parent: QObject | None = None,
        sandbox: EmbeddedSandbox | None = None,
        seen: bool = True,
    ) -> None:
        """`sandbox`: the embedded sandbox when already started (fork_sandbox_early);
        otherwise it is started in a thread here on first use. Not `seen` (a start no
        clerk sees, --exit-when-ready): a damaged database (ConsoleStore.open), and the
        payments and refunds left without an answer, are left to the next start, which
        deals with them and says so, and the sandbox's port is not kept
        (docs/decisions.md, "A start no clerk sees")."""
        super().__init__(parent)
        self.seen = seen
        self.settings = settings
        self.data_dir = data_dir
        self.secrets = secret_store
        self.demo_bills = demo_bills
        self.profiles = ProfileStore(settings)
        # The console's database, whatever state its file is in (console/store/opening.py):
        # `store.problem` says what was wrong and what was done, shown at start.
        self.store = ConsoleStore.open(data_dir, leave_damaged=not seen)
        self.local = self.store.local
        self.store.profiles_being_saved.take_left(self._secrets_of_a_save_cut_short)
        self.gateway = ApiGateway(self)
        self.keyring_reads = KeyringReads(self)  # a job's secrets, read off the GUI thread
        self._reading: dict[int, tuple[JobHandle, Profile]] = {}  # its jobs meanwhile, by id
        # Every payment, refund and profile change is audited here (audit_recorder.py).
        self.audit = AuditRecorder(
            self.store.audit_log, self.audit_appended.emit, self._audit_rows_held
        )
        # While audit rows are held, their write is tried again now and then, quietly.
        self._audit_retry = QTimer(self)
        self._audit_retry.setInterval(AUDIT_RETRY_MS)
        self._audit_retry.timeout.connect(self.audit.write_held)
        self._queries_answered: set[str] = set()  # profiles whose queries BeeCloud answered
        # Every refund is journaled before it is sent and checked until settled.
        self.journal = self.store.journal
        self.reconciler = Reconciler(
            self, self.journal, parent=self, in_flight=self.store.refunds_on_their_way
        )
        self.profile_changed.connect(self.reconciler.on_profile_changed)
        self.profile_updated.connect(self.reconciler.on_profile_changed)
        self.sandbox: EmbeddedSandbox | None = sandbox
        self.sandbox_watch: SandboxWatch | None = None
        self._watch(sandbox)
        self._sandbox_secret = (
            sandbox.apps[SANDBOX_APP_ID] if sandbox is not None else new_sandbox_secret()
        )
        self._profile: Profile = SANDBOX_PROFILE
        self._closed = False
        # The active profile's history mirror and its syncs (console/gui/history.py).
        self.history = History(self, parent=self)
        self.profile_changed.connect(self.history.on_profile_changed)
        self.profile_updated.connect(self.history.on_profile_updated)
        self.history.sync_ended.connect(self._follow_refunds)
        self._forget_profiles_removed()

    @Slot(str)
    def _follow_refunds(self, ended: str) -> None:
        """A sync done: the audit log says how each refund it last said was taken or in
        progress ended, if the history now lists it finished (the active profile's: a
        sync is of the profile in use, stopped when it changes)."""
        if ended != DONE or self._closed:
            return
        self.audit.follow_refunds(self.profile, self.history.listed_refund)

    def _secrets_of_a_save_cut_short(self, secret_key: str) -> bool:
        """A keyring entry held while a profile was saved or removed (Profiles…), the
        console stopped (killed, the power cut) before it was let go: the new secrets of
        a save the settings never took, or the old ones of a profile saved with new ones
        or removed. Deleted unless a profile the settings hold names them. False (asked
        again at the next start) when the settings cannot say (damaged, set aside,
        read-only) or the keyring will not delete them."""
        profiles = self.profiles
        if profiles.names_entry(secret_key):
            return True
        if profiles.damage() or self.settings.set_aside or not self.settings.can_write():
            return False
        try:
            self.secrets.delete(secret_key)
            self.secrets.delete(master_secret_key(secret_key))
        except SecretStoreError as error:
            log.warning("secrets no profile names stay in the keyring: %s", error)
            return False
        log.warning("deleted from the keyring secrets no profile names")
        return True

    @property
    def profile(self) -> Profile:
        return self._profile

    def activate(self, profile_id: str) -> Profile:
        """Switch to a profile (the sandbox starts on first use); unknown ids fall back to it."""
        return self.switch_to(self.profiles.find(profile_id) or SANDBOX_PROFILE)

    def switch_to(self, profile: Profile) -> Profile:
        """Switch to this profile, as just read from the settings (not read again)."""
        if profile.is_sandbox:
            with contextlib.suppress(CannotSend):  # said of what is sent to it
                self._ensure_sandbox()
        else:  # given another App ID by a console killed before it forgot its old cards
            self._belongs_to_its_app(profile)
        self.history.switching()  # a sync stopped now is made again when the profile is back
        self.gateway.cancel_loads()  # of the profile before: its lists are not this one's
        self._profile = profile
        self.profiles.set_last(profile.id)
        self.profile_changed.emit(profile)
        return profile

    def begin_removal(self, profile_id: str) -> None:
        """Profiles… is about to drop the profile from the settings: marked removed (a
        start after a kill forgets what is kept of it), and held as being removed here
        until end_removal (a console started meanwhile leaves the mark be). Raises
        StoreError when the mark cannot be written (the hold is let go)."""
        being_removed = self.store.profiles_being_removed
        being_removed.hold(profile_id)
        try:
            self.local.removing(profile_id)
        except StoreError:
            being_removed.release(profile_id)
            raise

    def end_removal(self, profile_id: str, removed: bool) -> None:
        """The removal begun is over: made (what is kept of the profile forgotten), or
        not (the settings' write failed: the mark goes, the profile is kept whole)."""
        if removed:
            self.forget(profile_id)
        else:
            with contextlib.suppress(StoreError):
                self.local.not_removed(profile_id)
        self.store.profiles_being_removed.release(profile_id)

    def _forget_profiles_removed(self) -> None:
        """What is kept of profiles Profiles… removed and the settings no longer hold (a
        console killed after dropping one, before it forgot its history and saved cards)
        is forgotten; a removal the settings never took (killed before) is no more one.
        Only those: settings damaged, deleted or replaced lose profiles no one removed,
        whose history and cards stay for the file put back. Nothing when the settings
        cannot say (damaged, set aside, a file that cannot be used or written), nor of a
        removal a live console is making (begin_removal): it finishes it, or undoes it."""
        profiles = self.profiles
        if profiles.damage() or self.settings.set_aside or not self.settings.can_write():
            return
        held = {profile.id for profile in profiles.all()}
        being_removed = self.store.profiles_being_removed
        try:
            removed = {
                profile_id
                for profile_id in self.local.removed_profiles()
                if not being_removed.elsewhere(profile_id)
            }
            for profile_id in removed & held:
                self.local.not_removed(profile_id)
        except StoreError:
            return
        for profile_id in removed - held:
            log.warning("forgetting what was kept of a profile removed")
            self.forget(profile_id)

    def _removed_here(self, profile_id: str) -> bool:
        """Whether Profiles… (in a console on this computer) removed the profile, rather
        than the settings losing it."""
        try:
            return profile_id in self.local.removed_profiles()
        except StoreError:
            return False

    def _belongs_to_its_app(self, profile: Profile) -> None:
        try:
            self.belong_to_app(profile)
        except StoreError:
            log.exception("what is kept for the profile could not be matched to its app")

    def belong_to_app(self, profile: Profile) -> int:
        """What is kept for the profile made its app's (LocalData.belong_to_app): the
        cards saved under an App ID before are forgotten, each said in the audit log as
        one forgotten by hand is (the App ID's change was the only row). How many.
        StoreError when it cannot be done."""
        forgotten = self.local.belong_to_app(profile.id, profile.app_id)
        for card in forgotten:
            self.audit.card_forgotten(profile.id, profile.name, card.credit_card_id, card.label)
        return len(forgotten)

    def saved(self, profile_id: str) -> None:
        """A profile was saved (Profiles…, its App Secret entered). The one in use is read
        again: `profile_updated`, or `profile_changed` when its App ID changed."""
        profile = self.profiles.find(profile_id)
        if profile is None or profile_id != self._profile.id:
            return
        if profile.app_id != self._profile.app_id:
            self.activate(profile_id)
            return
        self._profile = profile
        self.profile_updated.emit(profile)

    def save_card(self, profile_id: str, profile_name: str, label: str, card_id: str) -> None:
        """Remember a card paid with under its profile, and say so in the audit log (a
        card any clerk may then charge with a click). StoreError when it cannot be kept."""
        self.local.save_card(profile_id, label, card_id)
        self.audit.card_saved(profile_id, profile_name, card_id, label)

    def forget_card(self, profile_id: str, card_id: str) -> None:
        """Forget a saved card, and say so in the audit log (under the label it had).
        StoreError when it cannot be forgotten."""
        labels = {c.credit_card_id: c.label for c in self.local.saved_cards(profile_id)}
        self.local.forget_card(profile_id, card_id)
        if card_id in labels:  # not forgotten already (by another console meanwhile)
            profile = self.profiles.find(profile_id)
            name = profile.name if profile is not None else profile_id
            self.audit.card_forgotten(profile_id, name, card_id, labels[card_id])

    def forget(self, profile_id: str) -> None:
        """A profile removed (another is in use by now): what this computer kept of it
        goes, its history, its saved cards and the currencies of its bills. Its audit
        rows stay (an audit log is never changed); its secrets are Profiles…'s."""
        self.history.forget_profile(profile_id)
        try:
            self.local.forget_profile(profile_id)
        except StoreError:
            log.exception("the saved cards of a profile removed could not be forgotten")

    def _watch(self, sandbox: EmbeddedSandbox | None) -> None:
        """A sandbox in a process of its own is watched: restarted when it dies."""
        from console.sandbox.forked import ForkedSandbox

        if not isinstance(sandbox, ForkedSandbox):
            return
        from console.gui.sandbox_watch import SandboxWatch

        watch = self.sandbox_watch = SandboxWatch(sandbox, self)
        watch.died.connect(lambda reason: self.sandbox_changed.emit("died", reason))
        watch.restarted.connect(lambda reason: self.sandbox_changed.emit("restarted", reason))
        watch.gave_up.connect(lambda reason: self.sandbox_changed.emit("stopped", reason))

    def sandbox_stopped(self) -> str | None:
        """Why the embedded sandbox is left stopped (it died again and again, or could
        not be started again); None while it runs."""
        from console.gui.sandbox_watch import STOPPED

        watch = self.sandbox_watch
        return watch.reason if watch is not None and watch.state == STOPPED else None

    def _ensure_sandbox(self) -> EmbeddedSandbox:
        """The embedded sandbox, started here (in a thread) when it was not at start.
        Raises CannotSend when it cannot be: its database cannot be used (a link, a
        folder in its place; a folder that cannot be written), tried again next time."""
        if self.sandbox is None:
            from console.sandbox import SandboxServer
            from console.sandbox.seed import seeded_file

            database = self.data_dir / "sandbox.sqlite3"
            apps = {SANDBOX_APP_ID: self._sandbox_secret}
            try:  # private, never through a link; a damaged one moved aside
                seeded_file(database, apps, self.demo_bills)
            except (OSError, sqlite3.Error) as error:
                from console.gui.system_texts import reason_of

                log.error("the embedded sandbox could not start: %s", error)
                raise CannotSend(
                    self.tr(
                        "The practice sandbox could not be started ({reason}), so nothing was sent."
                    ).format(reason=reason_of(error)),
                    "sandbox",
                ) from error
            try:  # the port of last time, so that practice approval links still work
                server = SandboxServer(database, apps, port=sandbox_port(self.settings))
                server.start()
            except OSError:
                server = SandboxServer(database, apps)
                server.start()
            # an unseen start keeps none: the one kept may be the clerk's, held; nor one
            # while another console's sandbox serves on it (console/port_keeping.py)
            if self.seen and port_keeping.may_keep_port(self.data_dir):
                self.settings.put(SANDBOX_PORT, server.port)
            log.info("embedded sandbox at %s", server.base_url)
            self.sandbox = server
        return self.sandbox

    def credentials(self) -> Credentials:
        """Read here, on the calling thread (the keyring may take seconds: a job's are
        read off the GUI thread, `submit`). Raises CannotSend."""
        found = self._credentials_to_read()
        return found if isinstance(found, Credentials) else self._read_credentials(found)

    def _credentials_to_read(self) -> Credentials | Profile:
        """The sandbox's credentials; or the live profile in use as the settings hold it
        now, whose secrets are to be read from the keyring (`_read_credentials`, on any
        thread). Raises CannotSend."""
        profile = self._profile
        if profile.is_sandbox:
            stopped = self.sandbox_stopped()
            if stopped is not None:
                raise CannotSend(
                    self.tr(
                        "The practice sandbox has stopped ({reason}) and could not be kept "
                        "running, so nothing was sent. Close the console and start it again."
                    ).format(reason=stopped),
                    "sandbox",
                )
            server = self._ensure_sandbox()
            return Credentials(
                profile.app_id,
                self._sandbox_secret,
                (server.base_url,),
                profile.connect_timeout,
                profile.read_timeout,
                shuffle_hosts=False,
            )
        return self._as_saved_now(profile)

    def _read_credentials(self, profile: Profile) -> Credentials:
        """The live profile's credentials, its secrets read from the keyring (on any
        thread: SecretStore makes one call at a time, bounded). Raises CannotSend."""
        secrets = self.secrets
        try:
            secret = secrets.get(profile.secret_key)
            master_secret = secrets.get(profile.master_secret_key) or None
        except SecretStoreError as error:
            raise CannotSend(failure_text(error), "keyring") from error
        if not secret:
            raise CannotSend(
                self.tr(
                    "No app secret is stored for the profile “{name}”. Enter it in Profiles… first."
                ).format(name=profile.name),
                "secret",
            )
        return Credentials(
            profile.app_id,
            secret,
            profile.hosts,
            profile.connect_timeout,
            profile.read_timeout,
            profile.ca_bundle,
            master_secret=master_secret,
        )

    def _as_saved_now(self, shown: Profile) -> Profile:
        """The live profile in use as the settings hold it now: another console on the
        same data folder may have changed or removed it since this one read it. Its new
        hosts, timeouts and secrets are used; another App ID (another account than the
        band shows) or a profile removed sends nothing (CannotSend), and the window then
        follows the settings (the profile as saved, or the sandbox), once the job's
        report is on its way."""
        return self._saved_or_not_sent(
            shown,
            lambda gone: self.tr(
                "{gone} Nothing was sent. The console is back on the practice sandbox."
            ).format(gone=gone.text),
            lambda stored: self.tr(
                "The profile “{name}” was changed in another console: it is now of app "
                "{app_id}, not {before}. So nothing was sent. Check the band above, then "
                "try again."
            ).format(name=shown.name, app_id=stored.app_id, before=shown.app_id),
        )

    def _saved_or_not_sent(
        self,
        shown: Profile,
        removed: Callable[[ProfileGone], str],
        changed: Callable[[Profile], str],
    ) -> Profile:
        """The profile as the settings hold it now; CannotSend, in the words `removed`
        or `changed` give, when it is gone or of another App ID. The window follows the
        settings when they differ from `shown`."""
        stored = self.profiles.find(shown.id)
        if stored != shown:
            QTimer.singleShot(0, self, lambda: self.follow_settings(shown.id))
        if stored is None:
            gone = self.profiles.gone(shown.id, shown.name)
            raise CannotSend(removed(gone), gone.kind)
        if stored.app_id != shown.app_id:
            raise CannotSend(changed(stored), "changed")
        return stored

    def follow_settings(self, profile_id: str) -> ProfileGone | None:
        """The profile in use found changed or removed by another console: the window
        shows it as saved now (`saved`), or, gone, the sandbox, what this console kept
        open of it let go; what is kept of it on this computer is forgotten only when
        Profiles… removed it (never when the settings cannot be read now, or lost it).
        Why it is gone, when it is; nothing when another is in use by now."""
        if self._closed or self._profile.id != profile_id:
            return None
        stored = self.profiles.find(profile_id)
        if stored == self._profile:
            return None
        if stored is not None:
            self.saved(profile_id)
            return None
        gone = self.profiles.gone(profile_id, self._profile.name)
        self.activate(SANDBOX_PROFILE.id)
        self.profile_left.emit(gone.text)
        if gone.kind == REMOVED and self._removed_here(profile_id):
            self.forget(profile_id)
        return gone

    def submit(self, action: Action, request: Any, description: str) -> JobHandle:
        """Prepare and queue a job; its answer comes on the handle returned. A job that
        cannot be prepared (no secret; a write the store cannot record first) is not
        sent: its handle fails at once with the reason. What a look-up or a query
        fetches is kept in the active profile's history (History.keeping)."""
        handle = self._prepared(action, request, description)
        if action is Action.REFUND:
            self.reconciler.watch(handle)  # sent or not, its journal entry moves on
        return handle

    def _prepared(self, action: Action, request: Any, description: str) -> JobHandle:
        profile = self._profile
        unsent = Job(action, request, Credentials("", "", ()), description, 0, profile.id)
        if action.writes and not self.store.writable:
            # it could not be written down first (audit log, refund journal)
            return refused(unsent, self.store_refusal(), self)
        try:
            found = self._credentials_to_read()
        except CannotSend as error:
            return self._not_sent(unsent, profile, error)
        # where it keeps what it fetches: the history of the profile it is prepared for
        unsent = replace(unsent, keep_in=self.history.keeping(action))
        if isinstance(found, Credentials):
            job = replace(unsent, credentials=found)
            failed = self._written_down(job, profile)
            if failed is not None:
                return refused(unsent, failed, self)
            return self._watched(self.gateway.submit(job), profile)
        # a live profile's secrets: read off the GUI thread (the keyring may take seconds
        # or, its daemon hung, a minute), then the job is sent from here
        handle = self.gateway.pending(unsent)
        self._read_secrets(handle, profile, found)
        return handle

    def _read_secrets(self, handle: JobHandle, profile: Profile, saved: Profile) -> None:
        """A pending job's secrets read from the keyring entry of `saved` (its profile as
        the settings held it), off the GUI thread; `_read` goes on from there."""
        self.keyring_reads.ask(*self._secrets_read(handle, profile, saved))

    def _secrets_read(self, handle: JobHandle, profile: Profile, saved: Profile) -> ReadAgain:
        """The read of a pending job's secrets from the keyring entry of `saved`, and
        what is done with them (`_read`)."""
        self._reading[handle.job.id] = (handle, profile)
        return ReadAgain(
            lambda: self._read_credentials(saved),
            lambda read: self._read(handle, profile, saved, read),
        )

    def _read(
        self, handle: JobHandle, profile: Profile, saved: Profile, read: object
    ) -> ReadAgain | None:
        """`_send_read`, and a job it failed for before sending (something unexpected)
        ends not sent, said so: it went on waiting for good, shown "Sending…", its button
        off. The error goes on to KeyringReads, which logs it and says it (went_wrong)."""
        try:
            return self._send_read(handle, profile, saved, read)
        except Exception as error:
            if self.gateway.waits_for_secrets(handle):  # never queued, nor ended
                text = self.tr(
                    "An unexpected {error} occurred once the system keyring answered, "
                    "so this was not sent; it was written to the log."
                ).format(error=type(error).__name__)
                self._refuse_unsent(handle, profile, CannotSend(text, "not_sent"))
            raise

    def _send_read(
        self, handle: JobHandle, profile: Profile, saved: Profile, read: object
    ) -> ReadAgain | None:
        """A pending job's credentials read, or why they could not be: it is sent now,
        unless cancelled meanwhile (then nothing is sent), or it fails, not sent. Its
        secrets saved anew meanwhile (Profiles…, here or in another console: under a
        keyring entry of their own, the old one then deleted) are read again from there
        (what was read may be the secret replaced, or nothing), in its place: before the
        jobs asked for after it."""
        self._reading.pop(handle.job.id, None)
        if not handle.running:
            return None
        now = self.profiles.find(saved.id)
        if now is not None and now.app_id == saved.app_id and now.secret_key != saved.secret_key:
            return self._secrets_read(handle, profile, now)
        if not isinstance(read, Credentials):
            if isinstance(read, CannotSend):
                error = read
            elif isinstance(read, NoThread):  # not the keyring's refusal: never asked
                error = CannotSend(no_thread_text(), "keyring")
            else:
                error = CannotSend(failure_text(SecretStoreError(REFUSED)), "keyring")
            self._refuse_unsent(handle, profile, error)
            return None
        try:
            self._still_as_clicked(profile)
        except CannotSend as error:
            self._refuse_unsent(handle, profile, error)
            return None
        job = replace(handle.job, credentials=read)
        failed = self._written_down(job, profile)
        if failed is not None:
            self.gateway.refuse(handle, failed)
            return None
        self.gateway.send(handle, job)
        self._watched(handle, profile)
        return None

    def _still_as_clicked(self, clicked: Profile) -> None:
        """A job that waited for its secrets, its profile as the settings hold it now:
        removed meanwhile, or given another App ID (Profiles…, here or in another console),
        it is no more the account shown when the job was asked for (and Profiles… let it
        change only because nothing of it was written down yet): CannotSend. The window
        follows the settings, as at `_as_saved_now`."""

        def removed(gone: ProfileGone) -> str:
            if gone.kind == REMOVED:
                return self.tr(
                    "The profile “{name}” was removed while this waited for the system "
                    "keyring, so nothing was sent."
                ).format(name=clicked.name)
            return self.tr("{gone} Nothing was sent.").format(gone=gone.text)

        self._saved_or_not_sent(
            clicked,
            removed,
            lambda stored: self.tr(
                "The profile “{name}” was given the App ID {app_id} (it was {before}) "
                "while this waited for the system keyring, so nothing was sent. Check "
                "the band above, then try again."
            ).format(name=clicked.name, app_id=stored.app_id, before=clicked.app_id),
        )

    def _refuse_unsent(self, handle: JobHandle, profile: Profile, error: CannotSend) -> None:
        """A job that waited for its secrets fails, not sent: said in the audit log (and,
        a refund's, in its journal entry, by its handle's failure)."""
        report = ErrorReport(error.kind, report_title(error.kind), str(error))
        self.audit.not_sent(handle.job, profile, report)
        self.gateway.refuse(handle, report)

    def _refuse_still_reading(self) -> None:
        """At close: the jobs still waiting for their secrets are never sent; a payment's
        or a refund's is said so (a query's is cancelled, as every other one is)."""
        reading, self._reading = self._reading, {}
        text = self.tr("The console was closed before the system keyring answered: not sent.")
        for handle, profile in reading.values():
            if handle.running and handle.job.action.writes:
                self._refuse_unsent(handle, profile, CannotSend(text, "closed"))

    def _not_sent(self, unsent: Job, profile: Profile, error: CannotSend) -> JobHandle:
        report = ErrorReport(error.kind, report_title(error.kind), str(error))
        self.audit.not_sent(unsent, profile, report)
        return refused(unsent, report, self)

    def _written_down(self, job: Job, profile: Profile) -> ErrorReport | None:
        """A payment or refund about to be sent, written down first (and a payment held
        as on its way: other consoles leave it be until its answer is written); why it
        cannot be sent when it could not be."""
        if not job.action.writes:
            return None
        paying = self.store.payments_on_their_way if job.action is Action.PAY else None
        if paying is not None:
            paying.hold(job.request.bill_no)
        try:
            self.audit.requested(job, profile)
        except StoreError as error:
            if paying is not None:
                paying.release(job.request.bill_no)
            return self.store_write_failed(error)
        return None

    def _watched(self, handle: JobHandle, profile: Profile) -> JobHandle:
        """The job just queued, its answer followed: in the audit log, the history."""
        job = handle.job
        self.audit.watch(handle, profile)
        if job.action is Action.PAY:  # after the audit has its answer (its slots come first)
            paying, bill_no = self.store.payments_on_their_way, job.request.bill_no
            handle.ended.connect(lambda: paying.release(bill_no))
        if job.keep_in is not None:
            handle.finished.connect(self.history.kept)
        if not job.action.writes:
            handle.finished.connect(lambda _result: self._queries_answered.add(profile.id))
        else:
            # made here: in the lists at once (a refund of unknown outcome is the
            # reconciler's to settle, and syncs with the next sync)
            handle.finished.connect(lambda _result: self._synced_after_write(profile.id))
        return handle

    def _synced_after_write(self, profile_id: str) -> None:
        if profile_id == self._profile.id and not self._closed:
            self.history.sync_soon()

    def refund_signature_hint(self, profile_id: str, signed_with_master: bool) -> str | None:
        """For a refund BeeCloud refused with code 1 (APP_INVALID): when queries of the
        same profile were answered (so its App ID and App Secret are right), the account
        may sign refunds with its Master Secret, as BeeCloud's later API does. Whether
        the refund was signed with one is its job's to say (`signed_with_master`): read
        from the keyring here, on the GUI thread, a locked keyring's unlock prompt froze
        the window for up to a minute as the refusal was shown."""
        profile = self.profiles.find(profile_id)
        if profile is None or profile.is_sandbox or profile_id not in self._queries_answered:
            return None
        if signed_with_master:
            return self.tr(
                "Lists of this profile load, so its App Secret is right, but BeeCloud refused "
                "the refund's signature: the Master Secret stored for refunds may be wrong. "
                "Check it in Profiles…."
            )
        return self.tr(
            "Lists of this profile load, so its App Secret is right, but BeeCloud refused "
            "the refund's signature: this account may sign refunds with its Master Secret. "
            "Enter it in Profiles… (Master Secret), then refund again."
        )

    def store_refusal(self) -> ErrorReport:
        """Why no payment or refund can be made while the store cannot be written."""
        return ErrorReport(
            "store",
            report_title("store"),
            self.tr(
                "The console's database ({path}) cannot be written, so nothing that moves "
                "money can be made: it could not be written down first. Nothing was sent. "
                "Mend the file as the notice at start says, then start the console again."
            ).format(path=self.store.problem.path if self.store.problem else "?"),
        )

    def store_write_failed(self, error: StoreError) -> ErrorReport:
        """Why a payment or refund was not sent: it could not be written down first (the
        disk filled while the console ran, or the database was replaced meanwhile)."""
        if isinstance(error, StoreReplacedError):
            return ErrorReport(
                "store",
                report_title("store"),
                self.tr(
                    "Nothing was sent. The console's database ({path}) was replaced by "
                    "another file while the console ran (another console may have found it "
                    "damaged), so nothing can be written down before it is sent. Close the "
                    "console and start it again."
                ).format(path=self.store.database.path),
            )
        return ErrorReport(
            "store",
            report_title("store"),
            self.tr(
                "Nothing was sent. {reason} A payment or refund is written down before "
                "it is sent. Make room on the disk, then try again."
            ).format(reason=store_text(error)),
        )

    @property
    def closed(self) -> bool:
        """Whether the session was shut down: nothing is asked of BeeCloud any more."""
        return self._closed

    def _audit_rows_held(self, count: int) -> None:
        if count:
            self._audit_retry.start()
        else:
            self._audit_retry.stop()
        self.audit_held.emit(count)

    def shutdown(self) -> None:
        """Idempotent: the window's close and a test's teardown may both call it."""
        if self._closed:
            return
        self._closed = True
        self.keyring_reads.close()  # a job still waiting for its secrets is never sent:
        self._refuse_still_reading()  # it fails, said in the audit log and the journal
        self._audit_retry.stop()
        self.audit.write_held()  # a last try; what is still held goes to the console's log
        for entry in self.store.audit_log.held:
            log.error("an audit row lost (the database could not be written): %s", entry)
        self.history.interrupt_writes()
        self.gateway.shutdown()
        self.history.shutdown()
        if self.sandbox_watch is not None:
            self.sandbox_watch.stop_watching()
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None
            port_keeping.let_go(self.data_dir)
        self.store.close()
