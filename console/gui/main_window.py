"""The main window: which environment is active, the tabs, and what is in flight."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, Qt, QTime, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.gui import TAB_NAMES, TAB_TITLES, colours, i18n
from console.gui.announce import announce
from console.gui.focus import FocusKeeper, first_field
from console.gui.jobs import PAY
from console.gui.plain_text import PlainLabel, field_label, plain_box, wrappable
from console.gui.profile_picker import ProfilePicker
from console.gui.profiles import Profile
from console.gui.refund_notice import RefundNotice
from console.gui.session import ConsoleSession
from console.gui.settings import LANGUAGE, WINDOW_GEOMETRY, WINDOW_TAB
from console.gui.shortcuts import (
    EXPORT,
    FIND,
    NEW_PAYMENT,
    NEXT_TAB,
    PREVIOUS_TAB,
    QUIT,
    REFRESH,
    Reloads,
    TableKeysFirst,
    TableTab,
    key_sequence,
    key_text,
)
from console.gui.stored_texts import profile_label
from console.gui.window_place import restore_on_screen
from console.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from console.crashes import Crash
    from console.gui.gateway import JobHandle
    from console.gui.secret_prompt import SecretPrompt
    from console.gui.start_notice import StartNotice
    from console.gui.tabs.audit_tab import AuditTab
    from console.gui.tabs.bills_tab import BillsTab
    from console.gui.tabs.overview import OverviewTab
    from console.gui.tabs.payment_tab import PaymentTab
    from console.gui.tabs.refund_tab import RefundTab
    from console.gui.tabs.refunds_tab import RefundsTab

# Settings > Language: (stored choice, menu text); the languages' own names are
# not translated, so that each can be found whatever language is shown.
LANGUAGE_CHOICES: tuple[tuple[str, str], ...] = (
    (i18n.SYSTEM, QT_TRANSLATE_NOOP("MainWindow", "System")),
    (i18n.ENGLISH, "English"),
    (i18n.CHINESE, "简体中文"),
)


def tab_title(name: str) -> str:
    """The title of a tab (a name of TAB_NAMES) in the language shown."""
    return QCoreApplication.translate("MainWindow", TAB_TITLES[name])


log = logging.getLogger(__name__)

# Jobs asked for before the window's first paint (the history's sync at start) start
# after it (console/gui/gateway.py), or after this long if the window is not painted.
FIRST_PAINT_WAIT_MS = 1_000

# Style templates (console/gui/colours.py): amber for the sandbox, blue for a live profile.
SANDBOX_STYLE = (
    "background: $sandbox_band; color: $sandbox_band_text; font-weight: bold; padding: 4px;"
)
LIVE_STYLE = "background: $live_band; color: $live_band_text; font-weight: bold; padding: 4px;"


class EnvironmentBand(PlainLabel):
    """Always visible: SANDBOX in amber, or the live profile's name in blue; and what
    became of the practice sandbox's process when it stopped."""

    sandbox_note = ""  # e.g. "its server stopped (killed by SIGKILL) and was restarted"

    def show_profile(self, profile: Profile) -> None:
        if profile.is_sandbox:
            text = self.tr("SANDBOX — practice data, no real money moves")
            if self.sandbox_note:
                text = f"{text} · {self.sandbox_note}"
            self.setText(text)
            colours.paint(self, SANDBOX_STYLE)
        else:
            self.setText(
                wrappable(
                    self.tr("LIVE — {name} (app {app_id}): real payments").format(
                        name=profile.name, app_id=profile.app_id
                    )
                )
            )
            colours.paint(self, LIVE_STYLE)
        self.setProperty("sandbox", profile.is_sandbox)


# How long the status bar names the profiles that left a payment without an answer (as
# long as an answer told there: it hides the history's state meanwhile).
LEFT_ELSEWHERE_SHOWN_MS = 120_000
SYNC_CHOICES = (0, 1, 5, 15, 60)  # minutes between syncs of the history offered


class MainWindow(QMainWindow):
    # The window's first paint, and what it left to the event loop (the first page of its
    # table tab, painted in the same pass, is stamped so: console/gui/ready_probe.py),
    # are done: what a start leaves until then goes on (console/gui/app.py)
    first_painted = Signal()

    def __init__(self, session: ConsoleSession, tab: str | None = None) -> None:
        """Opened on `tab` (a name of TAB_NAMES), else on the tab last closed on."""
        super().__init__()
        self.session = session
        # What the tab shown at start asks for waits for the window's first paint: the
        # rows the history already holds are painted before a sync takes the interpreter
        # (an empty history has none: its sync is not held, _on_sync_started).
        self._painted = False
        self._guard_when_painted: list[QWidget] = []  # table tabs built before it
        session.gateway.hold()
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, session.gateway, session.gateway.release)
        self.setWindowTitle(self.tr("BeeCloud Console"))
        self.band = EnvironmentBand()
        self.band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.band.setWordWrap(True)  # a long name, or the sandbox's fate: within the screen
        self.refund_notice = RefundNotice(session)  # refunds to check, until settled

        self.profile_picker = ProfilePicker()
        self.profiles_button = QPushButton(self.tr("Profiles…"))
        self.profiles_button.clicked.connect(self.open_profiles)
        top = QHBoxLayout()
        top.addWidget(field_label(self.tr("Profile:"), self.profile_picker))
        self.profile_picker.setMinimumWidth(320)
        top.addWidget(self.profile_picker)
        top.addWidget(self.profiles_button)
        top.addStretch(1)

        # Each tab is built the first time it is shown or asked for (tab()); until then
        # an empty stand-in holds its place. A start builds only the tab it opens on.
        self.tabs = QTabWidget()
        self._built: dict[str, QWidget] = {}
        self.table_keys_first = TableKeysFirst(self)  # a table tab's filters, when built
        self.focus_keeper = FocusKeeper(self.tabs)  # in the tab in front, whatever turns off
        for name in TAB_NAMES:
            self.tabs.addTab(QWidget(), tab_title(name))
        self.refund_notice.fresh_refund_requested.connect(self.refund_bill)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.band)
        layout.addWidget(self.refund_notice)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.busy_label = PlainLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.history_label = PlainLabel()  # how old the history is, how much it holds
        self.statusBar().addWidget(self.history_label, 1)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.cancel_button)
        session.gateway.busy_changed.connect(self.show_busy)
        session.history.state_changed.connect(self.show_history_state)
        session.history.sync_started.connect(self._on_sync_started)
        session.history.told.connect(self._on_history_told)
        session.profile_changed.connect(self.on_profile_changed)
        session.profile_updated.connect(self.on_profile_updated)
        session.profile_left.connect(self._on_profile_left)
        session.sandbox_changed.connect(self.on_sandbox_changed)
        session.keyring_reads.went_wrong.connect(self._on_keyring_answer_failed)

        self._build_menus()
        self._fill_profile_picker()
        self.profile_picker.currentIndexChanged.connect(self.on_profile_picked)
        self.band.show_profile(session.profile)
        self._restore(tab)
        self._left_payment_told = ""  # the status bar's line about it, until New payment shows
        self._profiles_open = False  # Profiles… is open (modal)
        self._secret_asked_meanwhile = False  # ... and a missing App Secret waits for it
        self.tabs.currentChanged.connect(self._build_current_tab)
        self._build_current_tab()
        self._add_shortcuts()
        self.start_notice: StartNotice | None = None
        self._start_notice_done = False
        self.secret_prompt: SecretPrompt | None = None
        self._secret_read_for: Profile | None = None  # whose App Secret is being looked for
        # The question before closing while a payment is on its way, while it is open.
        self.close_question: QMessageBox | None = None
        self._asked_about_payments = False  # the question named payments on their way
        self._close_held = 0  # how many audit rows held it named
        self._close_at_once = False
        session.gateway.busy_changed.connect(self._forget_close_question_once_paid)
        QTimer.singleShot(0, self.ask_for_missing_secret)  # a live profile with no secret

    # -- menus ----------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = file_menu.addAction(self.tr("&Quit"))
        self.quit_action.setShortcut(key_sequence(QUIT))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)  # closing saves and shuts down cleanly
        self.full_sync_action = QAction(self.tr("Sync the &whole history again"), self)
        self.full_sync_action.setToolTip(
            self.tr("Fetch every bill and refund of this profile again, not only what is new")
        )
        self.full_sync_action.triggered.connect(lambda: self.session.history.sync(full=True))
        file_menu.insertAction(self.quit_action, self.full_sync_action)
        file_menu.insertSeparator(self.quit_action)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        self.language_menu = settings_menu.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        chosen = i18n.stored_choice(self.session.settings)
        for choice, text in LANGUAGE_CHOICES:
            label = self.tr(text) if choice == i18n.SYSTEM else text
            action = self.language_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(choice == chosen)
            action.setData(choice)
            self.language_group.addAction(action)
            self.language_actions[choice] = action
        self.language_group.triggered.connect(self._on_language_chosen)
        self.sync_menu = settings_menu.addMenu(self.tr("&Sync the history"))
        self.sync_group = QActionGroup(self)
        every = self.session.history.sync_minutes()
        for minutes in SYNC_CHOICES:
            label = (
                self.tr("Only at start, on Reload and after a payment or refund")
                if minutes == 0
                else self.tr("Every %n minute(s)", "", minutes)
            )
            action = self.sync_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(minutes == every)
            action.setData(minutes)
            self.sync_group.addAction(action)
        self.sync_group.triggered.connect(
            lambda action: self.session.history.set_sync_minutes(int(action.data()))
        )

    @Slot(QAction)
    def _on_language_chosen(self, action: QAction) -> None:
        self.set_language(str(action.data()))

    def set_language(self, choice: str) -> None:
        """Keep the language chosen in Settings > Language; it is used from the next start."""
        settings = self.session.settings
        if choice == i18n.stored_choice(settings):
            return
        settings.put(LANGUAGE, choice)
        if settings.save_now():
            message = self.tr("The language changes the next time the console starts.")
        else:
            message = self.tr(
                "The language could not be kept for the next start: the settings file "
                "{path} cannot be written. It is tried again when the console closes."
            ).format(path=settings.file_name())
        self._tell(message, 20_000)

    # -- tabs, built when first needed ---------------------------------------------

    @property
    def payment_tab(self) -> PaymentTab:
        return cast("PaymentTab", self.tab("payment"))

    @property
    def refund_tab(self) -> RefundTab:
        return cast("RefundTab", self.tab("refund"))

    @property
    def bills_tab(self) -> BillsTab:
        return cast("BillsTab", self.tab("bills"))

    @property
    def refunds_tab(self) -> RefundsTab:
        return cast("RefundsTab", self.tab("refunds"))

    @property
    def overview_tab(self) -> OverviewTab:
        return cast("OverviewTab", self.tab("overview"))

    @property
    def audit_tab(self) -> AuditTab:
        return cast("AuditTab", self.tab("audit"))

    def tab(self, name: str) -> QWidget:
        """The tab of this name (see TAB_NAMES), built the first time it is asked for."""
        built = self._built.get(name)
        if built is None:
            built = self._built[name] = self._make_tab(name)
            self._put_in_place(TAB_NAMES.index(name), built, tab_title(name))
            if isinstance(built, TableTab):
                if self._painted:
                    self.table_keys_first.guard(built)
                else:  # its widgets walked once the window is up
                    self._guard_when_painted.append(built)
                built.view.told.connect(lambda said: self._tell(said, 10_000))
        return built

    def built_tabs(self) -> list[QWidget]:
        return list(self._built.values())

    def _make_tab(self, name: str) -> QWidget:
        # Imported here: a start loads only the modules of the tab it opens on.
        session = self.session
        if name == "payment":
            from console.gui.tabs.payment_tab import PaymentTab

            payments = PaymentTab(session)
            payments.left_payment.connect(self._on_left_payment)
            payments.answered.connect(lambda said: self._tell_answer(payments, said))
            return payments
        if name == "refund":
            from console.gui.tabs.refund_tab import RefundTab

            refunds = RefundTab(session)
            refunds.answered.connect(lambda said: self._tell_answer(refunds, said))
            refunds.history_table.told.connect(lambda said: self._tell(said, 10_000))
            return refunds
        if name == "bills":
            from console.gui.tabs.bills_tab import BillsTab

            bills = BillsTab(session)
            bills.refund_requested.connect(self.refund_bill)
            bills.refunds_requested.connect(self.show_refunds_of)
            return bills
        if name == "refunds":
            from console.gui.tabs.refunds_tab import RefundsTab

            return RefundsTab(session)
        if name == "overview":
            from console.gui.tabs.overview import OverviewTab

            overview = OverviewTab(session)
            overview.totals_table.told.connect(lambda said: self._tell(said, 10_000))
            return overview
        from console.gui.tabs.audit_tab import AuditTab

        return AuditTab(session)

    def _put_in_place(self, index: int, tab: QWidget, title: str) -> None:
        """Swap the stand-in at `index` for the tab, showing nothing else meanwhile: the
        tab goes in before the stand-in, becomes current if the stand-in was, and only
        then the stand-in (never current by then) is removed."""
        tabs = self.tabs
        stand_in = tabs.widget(index)
        assert stand_in is not None  # every index below count() holds a widget
        was_current = tabs.currentIndex() == index
        tabs.blockSignals(True)  # the index does not change for anyone watching
        try:
            tabs.insertTab(index, tab, title)
            if was_current:
                tabs.setCurrentIndex(index)
            tabs.removeTab(index + 1)
        finally:
            tabs.blockSignals(False)
        stand_in.deleteLater()

    @Slot()
    def _build_current_tab(self) -> None:
        self.tab(TAB_NAMES[self.tabs.currentIndex()])
        told = self._left_payment_told
        if told and self.tabs.currentWidget() is self._built.get("payment"):
            if self.statusBar().currentMessage() == told:
                self.statusBar().clearMessage()  # what it pointed to is in front now
            self._left_payment_told = ""

    # -- profiles ---------------------------------------------------------------

    def _fill_profile_picker(self) -> None:
        self.profile_picker.blockSignals(True)
        self.profile_picker.clear()
        for profile in self.session.profiles.all():
            self.profile_picker.addItem(profile_label(profile.id, profile.name), profile.id)
        index = self.profile_picker.findData(self.session.profile.id)
        self.profile_picker.setCurrentIndex(max(index, 0))
        self.profile_picker.blockSignals(False)

    @Slot(int)
    def on_profile_picked(self, index: int) -> None:
        session, picker = self.session, self.profile_picker
        profile_id = picker.itemData(index)
        if not profile_id or profile_id == session.profile.id:
            return
        picked = session.profiles.find(profile_id)
        if picked is not None:
            session.switch_to(picked)  # as found: the settings are not read again
            return
        # removed by another console, or no longer readable, since the picker was filled:
        # not a switch to the sandbox without a word; the one in use stays, if it can
        gone = session.profiles.gone(profile_id, picker.itemText(index))
        if session.follow_settings(session.profile.id) is not None:
            return  # gone too: said, back on the sandbox (_on_profile_left)
        self._fill_profile_picker()
        stays = self.tr("The console stays on the profile “{name}”.").format(
            name=profile_label(session.profile.id, session.profile.name)
        )
        self._tell(i18n.sentences(gone.text, stays), 120_000)

    @Slot(str)
    def _on_profile_left(self, why: str) -> None:
        """The profile in use left for the sandbox (found removed, or no longer readable,
        by whatever looked: a sync of the timer's too): the band turns amber, and why."""
        back = self.tr("The console is back on the practice sandbox.")
        self._tell(i18n.sentences(why, back), 120_000)

    @Slot(object)
    def on_profile_changed(self, profile: Profile) -> None:
        self.on_profile_updated(profile)
        if self._painted:
            QTimer.singleShot(0, self, self.take_up_left_payment)

    @Slot(object)
    def on_profile_updated(self, profile: Profile) -> None:
        self.band.show_profile(profile)
        self._fill_profile_picker()
        QTimer.singleShot(0, self.ask_for_missing_secret)  # its secret may be missing

    @Slot()
    def ask_for_missing_secret(self) -> None:
        """A live profile whose App Secret is not available asks for it (secret_prompt.py).
        Whether it is is read off the GUI thread: the keyring may take up to a minute (at
        its own unlock prompt, or hung), and the window works meanwhile."""
        profile = self.session.profile
        if profile.is_sandbox:
            return  # its secret is the console's own (and the dialog's module not loaded)
        if not self._may_prompt_now() or self._secret_read_for is profile:
            return
        from console.gui.secret_prompt import missing_secret

        session = self.session
        self._secret_read_for = profile
        session.keyring_reads.ask(
            lambda: missing_secret(session, profile),
            lambda missing: self._on_secret_read(profile, missing),
        )

    def _on_secret_read(self, profile: Profile, missing: object) -> None:
        """Why the App Secret of `profile` cannot be had and what the prompt says of the
        keyring (MissingSecret), None when it can: the prompt asks for it, while the
        profile is still the one in use as it was read (another, or this one saved anew,
        was read again)."""
        from console.gui.secret_prompt import KeyringState, MissingSecret, SecretPrompt

        if self._secret_read_for is profile:
            self._secret_read_for = None
        if missing is None or self.session.profile != profile or not self._may_prompt_now():
            return
        if not isinstance(missing, MissingSecret):  # not read: no thread to read it on
            from console.gui.secret_texts import no_thread_text
            from console.store.secrets import UNANSWERED, Place

            reason = no_thread_text()
            # nothing asked of the keyring here either: on the GUI thread, a locked
            # keyring's unlock prompt froze the window for up to a minute
            keyring = KeyringState("", Place(UNANSWERED))
        else:
            reason, keyring = missing
        prompt = self.secret_prompt = SecretPrompt(self.session, profile, reason, self, keyring)
        prompt.entered.connect(lambda: self.session.saved(profile.id))  # synced with it
        prompt.finished.connect(self._forget_secret_prompt)
        prompt.open()

    def _may_prompt_now(self) -> bool:
        """Whether the secret prompt may open now: not over Profiles… (it asks once the
        clerk is done there), nor under the start notice (once it is read), nor over a
        question the clerk is at (the one before closing, a refund's confirmation…: once
        it is answered; the keyring may answer a minute after the check began), nor
        twice."""
        from PySide6.QtWidgets import QDialog

        if self._profiles_open:
            self._secret_asked_meanwhile = True
            return False
        notice = self.start_notice
        if notice is not None and not self._start_notice_done:
            # Both are centred on the window: the prompt comes once the notice is read.
            notice.finished.connect(
                self.ask_for_missing_secret, Qt.ConnectionType.SingleShotConnection
            )
            return False
        asking = QApplication.activeModalWidget()
        if isinstance(asking, QDialog) and asking is not self.secret_prompt:
            asking.finished.connect(
                self.ask_for_missing_secret, Qt.ConnectionType.SingleShotConnection
            )
            return False
        return self.secret_prompt is None or not self.secret_prompt.isVisible()

    @Slot()
    def _forget_secret_prompt(self) -> None:
        if self.secret_prompt is not None:
            self.secret_prompt.deleteLater()
            self.secret_prompt = None

    @Slot(str)
    def _on_keyring_answer_failed(self, error: str) -> None:
        """What was to be done with an answer of the keyring failed (logged): said, not
        left to a job shown waiting for the keyring long after it answered."""
        self._tell(
            self.tr(
                "An unexpected {error} occurred with an answer of the system keyring; it "
                "was written to the log. What waited for it may not have been done: see "
                "the Audit tab."
            ).format(error=error),
            120_000,
        )

    @Slot(str, str)
    def on_sandbox_changed(self, what: str, reason: str) -> None:
        """The practice sandbox's process died, was restarted, or is left stopped."""
        moment = QTime.currentTime().toString("HH:mm:ss")
        if what == "died":
            note = self.tr("its server stopped ({reason}) at {time}; starting it again…")
        elif what == "restarted":
            note = self.tr("its server stopped ({reason}) and was started again at {time}")
        else:
            note = self.tr(
                "its server stopped ({reason}) at {time}: nothing can be sent to it; "
                "start the console again"
            )
        self.band.sandbox_note = note.format(reason=reason, time=moment)
        self.band.show_profile(self.session.profile)

    @Slot()
    def open_profiles(self) -> None:
        from console.gui.profiles_dialog import ProfilesDialog

        session = self.session
        # changed or removed by another console since: shown as saved now
        session.follow_settings(session.profile.id)  # said if gone (_on_profile_left)
        self._profiles_open = True
        dialog = ProfilesDialog(session, self)
        try:
            dialog.exec()
        finally:
            self._profiles_open = False
            dialog.deleteLater()  # a child of the window: else kept until it closes
        session.follow_settings(session.profile.id)
        self._fill_profile_picker()
        if self._secret_asked_meanwhile:  # the profile in use saved, still without it
            self._secret_asked_meanwhile = False
            self.ask_for_missing_secret()

    # -- cross-tab actions --------------------------------------------------------

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front by its name in TAB_NAMES."""
        self.tabs.setCurrentIndex(TAB_NAMES.index(name))

    @Slot(str)
    def refund_bill(self, bill_no: str) -> None:
        self.refund_tab.prefill(bill_no)
        self.tabs.setCurrentWidget(self.refund_tab)
        # not left to Qt, which put it on the tab's scroll area (the row's menu was hidden)
        self.refund_tab.bill_no_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot(str)
    def show_refunds_of(self, bill_no: str) -> None:
        self.refunds_tab.show_for_bill(bill_no)
        self.tabs.setCurrentWidget(self.refunds_tab)

    # -- keyboard shortcuts (console/gui/shortcuts.py) -------------------------------

    def _add_shortcuts(self) -> None:
        """Ctrl+F, F5 and Ctrl+E act on the table tab in front (its filters let them
        through); Ctrl+N opens a new payment; Ctrl+Tab and Ctrl+PageDown (Ctrl+Shift+Tab,
        Ctrl+PageUp) bring the next (previous) tab to the front wherever the focus is: the
        tab widget knew only Ctrl+Tab, which a day's field and the Profile picker took."""
        for key, slot in (
            (FIND, self.find_in_table),
            (REFRESH, self.refresh_table),
            (EXPORT, self.export_table),
            (NEW_PAYMENT, self.new_payment),
        ):
            action = QAction(self)
            action.setShortcut(key_sequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        for keys, step in ((NEXT_TAB, 1), (PREVIOUS_TAB, -1)):
            action = QAction(self)
            action.setShortcuts([key_sequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, step=step: self.step_tab(step))
            self.addAction(action)
        self.tabs.currentChanged.connect(self._show_new_payment_tip)  # a tab built loses it
        self._show_new_payment_tip()

    @Slot()
    def _focus_tab_shown(self) -> None:
        """At start, once the window is painted (and a tab switched to by keys from
        outside the tabs), the focus in the tab shown: on the first widget of the window,
        the Profile picker, the first arrow key or letter typed picked another profile."""
        if self.tabs.currentWidget() is self._built.get("payment"):
            self.payment_tab.amount.amount_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        elif (first := first_field(self.tabs.currentWidget())) is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _guard_tables_built(self) -> None:
        for tab in self._guard_when_painted:
            self.table_keys_first.guard(tab)
        self._guard_when_painted.clear()

    def step_tab(self, step: int) -> None:
        """The next tab (step 1) or the one before (-1) in front, round the ends; the
        focus where it was left in it, or in its first field for a tab not visited yet
        (Qt moves it there only from the tab left, to the widget after the old one in
        the Tab chain: the Refund tab's scroll area, which shows none, so a bill number
        typed went nowhere; the Refunds tab's second row of filters)."""
        index = (self.tabs.currentIndex() + step) % self.tabs.count()
        page = self.tabs.widget(index)
        left_at = page.focusWidget() if page is not None else None
        self.tabs.setCurrentIndex(index)
        focus = self.focusWidget()
        if left_at is None or focus is None or not self.tabs.currentWidget().isAncestorOf(focus):
            self._focus_tab_shown()

    @Slot()
    def _show_new_payment_tip(self) -> None:
        self.tabs.setTabToolTip(
            TAB_NAMES.index("payment"),
            self.tr("A new payment ({key})").format(key=key_text(NEW_PAYMENT)),
        )

    def current_table(self) -> TableTab | None:
        tab = self.tabs.currentWidget()
        return tab if isinstance(tab, TableTab) else None

    @Slot()
    def find_in_table(self) -> None:
        if (table := self.current_table()) is not None:
            table.focus_search()

    @Slot()
    def refresh_table(self) -> None:
        if isinstance(tab := self.tabs.currentWidget(), Reloads):
            tab.refresh()  # a table, or the Overview

    @Slot()
    def export_table(self) -> None:
        if (table := self.current_table()) is not None:
            table.export()

    @Slot()
    def new_payment(self) -> None:
        """The New payment tab in front, the cursor in its amount (the first field to type)."""
        self.show_tab("payment")
        self.payment_tab.amount.amount_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.payment_tab.amount.amount_edit.selectAll()

    # -- status bar ---------------------------------------------------------------

    @Slot(object)
    def show_busy(self, descriptions: list[str]) -> None:
        self.busy_label.setText(" · ".join(descriptions))
        self.cancel_button.setVisible(self.session.gateway.loads_running())

    @Slot()
    def show_history_state(self) -> None:
        self.history_label.setText(self.session.history.status_text())
        self.history_label.setToolTip(self.session.history.status_detail())

    @Slot(str)
    def _on_history_told(self, message: str) -> None:
        self._tell(message, 60_000)

    @Slot()
    def cancel_loading(self) -> None:
        self.session.gateway.cancel_loads()

    # -- what went wrong at start ------------------------------------------------------

    def show_start_notice(
        self,
        log_problem: OSError | None = None,
        log_folder: Path | None = None,
        crash: Crash | None = None,
    ) -> None:
        """Say, once the window is up, what was wrong at start and what was done: the
        console's database (session.store.problem), a settings file that held nothing
        readable or cannot be used at all, saved profiles that cannot be read, the log
        folder; and a crash since the last start (console/crashes.py)."""
        profile_damage = self.session.profiles.damage()
        settings_aside = self.session.settings.set_aside
        settings_unusable = self.session.settings.unusable
        if (
            self.session.store.problem is None
            and log_problem is None
            and crash is None
            and not profile_damage
            and settings_aside is None
            and settings_unusable is None
        ):
            return  # all is well (and the notice's module not loaded)
        from console.gui.start_notice import start_notice
        from console.paths import log_dir

        self.start_notice = start_notice(
            self,
            self.session.store.problem,
            log_problem,
            log_folder or log_dir(),
            profile_damage,
            self.session.settings.file_name(),
            settings_aside,
            crash,
            settings_unusable,
        )
        if self.start_notice is not None:
            self.start_notice.finished.connect(self._on_start_notice_done)
            QTimer.singleShot(0, self.start_notice.open)

    @Slot()
    def _on_start_notice_done(self) -> None:
        self._start_notice_done = True

    # -- the first paint ------------------------------------------------------------

    @Slot(object)
    def _on_sync_started(self, _handle: object) -> None:
        """The sync at start, asked for before the first paint, waits for it so that the
        rows the history holds are painted first. A history that holds none has nothing
        to paint first: the first rows shown are those the sync fetches, so it starts
        now, while the window is built and painted."""
        gateway = self.session.gateway
        if not self._painted and gateway.holding and not self.session.history.holds_records():
            gateway.release()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            # The tabs paint within the same pass: once it has returned to the event
            # loop, the jobs held (console/gui/gateway.py) go to the worker, and the
            # status bar says what the history holds (a tab without a list, shown at
            # start, has not read it).
            # Then what walks the tab's widgets (Qt's own among them: PySide6 makes a
            # Python type for each kind met), which nothing needs before the paint.
            self._painted = True
            QTimer.singleShot(0, self, self._focus_tab_shown)
            QTimer.singleShot(0, self, self._guard_tables_built)
            QTimer.singleShot(0, self.session.gateway, self.session.gateway.release)
            QTimer.singleShot(0, self, self.show_history_state)
            # the sync at start, whatever tab is in front (a list shown asked for it)
            QTimer.singleShot(0, self, self.session.history.ensure_synced)
            QTimer.singleShot(0, self, self.take_up_left_payment)
            QTimer.singleShot(0, self, self._name_profiles_left_unanswered)
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self.first_painted.emit))

    # -- a payment left without an answer ---------------------------------------------

    @Slot()
    def take_up_left_payment(self) -> None:
        """The payments the active profile left without an answer when the console last
        closed are checked now, whatever tab is in front: New payment, built for them if
        it is not yet, takes them up (PaymentTab.take_up, .left_payment). Not in a start
        no clerk sees: they are left for the next one, to be shown."""
        if "payment" in self._built or not self.session.seen:
            return  # it looks for itself, for each profile made active
        from console.store.errors import StoreError

        try:
            left = self.session.audit.log.left_unanswered(self.session.profile.id)
        except StoreError as error:
            log.warning("payments left without an answer could not be read: %s", error)
            return
        if left:
            self.payment_tab.take_up(left)

    def _name_profiles_left_unanswered(self) -> None:
        """At start, the status bar names the other profiles that left a payment without
        an answer: a payment is asked about through its own profile, once it is in use (a
        profile left unchosen for UNANSWERED_WINDOW_MS had its payment never asked about).
        Not at each switch of profile: what the status bar says of the switch stays."""
        from console.store.errors import StoreError

        active, audit_log = self.session.profile.id, self.session.audit.log
        try:
            left = {
                f"“{profile_label(profile.id, profile.name)}”": len(
                    audit_log.left_unanswered(profile.id)
                )
                for profile in self.session.profiles.all()
                if profile.id != active
            }
        except StoreError as error:
            log.warning("payments left without an answer could not be read: %s", error)
            return
        names = [name for name, count in left.items() if count]
        if not names:
            return
        count = sum(left.values())
        told = (
            self.tr(
                "%n payment(s) through {name} had no answer when the console last closed: "
                "choose that profile to have BeeCloud asked about them.",
                "",
                count,
            ).format(name=names[0])
            if len(names) == 1
            else self.tr(
                "%n payment(s) through {names} had no answer when the console last closed: "
                "choose each of those profiles to have BeeCloud asked about them.",
                "",
                count,
            ).format(names=", ".join(names))
        )
        self._tell(told, LEFT_ELSEWHERE_SHOWN_MS)

    def _tell_answer(self, tab: QWidget, said: str) -> None:
        """A payment's or refund's answer came to its tab while another was in front:
        the status bar says how it ended, and where to look."""
        if self.tabs.currentWidget() is tab or not said:
            return
        name = next(name for name, built in self._built.items() if built is tab)
        self._tell(self.tr("{tab}: {said}").format(tab=tab_title(name), said=said), 120_000)

    @Slot(str)
    def _on_left_payment(self, bill_no: str) -> None:
        if self.tabs.currentWidget() is not self._built.get("payment"):
            others = self.payment_tab.results.others_asked
            told = (
                self.tr(
                    "Bill {bill_no} and %n other payment(s) had no answer when the console "
                    "last closed: BeeCloud is asked about them on New payment.",
                    "",
                    others,
                )
                if others
                else self.tr(
                    "Bill {bill_no} had no answer when the console last closed: BeeCloud is "
                    "asked about it on New payment."
                )
            )
            self._left_payment_told = told.format(bill_no=bill_no)
            self._tell(self._left_payment_told, 120_000)

    def _tell(self, message: str, timeout_ms: int) -> None:
        """A message in the status bar for a while, said to a screen reader too."""
        self.statusBar().showMessage(message, timeout_ms)
        announce(self.statusBar(), message)

    # -- persistence ----------------------------------------------------------------

    def _restore(self, tab: str | None) -> None:
        if not restore_on_screen(self, self.session.settings.get(WINDOW_GEOMETRY)):
            # at most the screen's room: the console fits 1,024 × 768
            room = self.screen().availableGeometry()
            self.resize(min(1180, room.width()), min(760, room.height()))
        # before any tab is built: only the one shown is
        shown = tab if tab is not None else self.session.settings.get(WINDOW_TAB)
        self.show_tab(shown if shown in TAB_NAMES else TAB_NAMES[0])

    def close_at_once(self) -> None:
        """Close without a question, a payment on its way or not (a signal; the operator
        said so). A window of its own left open (a box saying what went wrong) is closed
        too, as any question open (its answer: No), first: it would keep the process
        running, the console gone, until someone came."""
        self._close_at_once = True
        for other in QApplication.topLevelWidgets():
            if other is not self and other.isVisible():
                other.close()
        self.close()

    def _payments_on_their_way(self) -> list[JobHandle]:
        return [h for h in self.session.gateway.running() if h.job.action is PAY]

    def _audit_rows_held(self) -> int:
        """How many audit rows are still held (a full disk), after one more try."""
        self.session.audit.write_held()
        return len(self.session.audit.log.held)

    def _asked_before_closing(self) -> bool:
        """A payment on its way loses its answer if the console closes (a refund does not:
        it is journaled and checked at the next start), and audit rows held in memory (a
        full disk) are lost from the Audit tab: asked first, Wait the default."""
        paying = self._payments_on_their_way()
        held = self._audit_rows_held()
        if not paying and not held:
            return False
        if self.close_question is not None:
            self.close_question.raise_()
            return True
        from PySide6.QtWidgets import QMessageBox

        box = self.close_question = plain_box(self)
        self._asked_about_payments = bool(paying)
        self._close_held = held
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setIcon(QMessageBox.Icon.Warning)
        self._say_close_question(box)
        close = box.addButton(self.tr("Close anyway"), QMessageBox.ButtonRole.DestructiveRole)
        wait = box.addButton(self.tr("Wait"), QMessageBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        box.setDefaultButton(wait)
        box.setEscapeButton(wait)
        box.finished.connect(lambda _result: self._close_answered(box, close))
        box.open()
        return True

    def _say_close_question(self, box: QMessageBox) -> None:
        """The question's words, as the payments stand now: one still waiting for the
        system keyring is not sent yet, and a close leaves it so; one sent loses its
        answer."""
        gateway = self.session.gateway
        paying = self._payments_on_their_way()
        sent: list[str] = []
        unsent: list[str] = []
        for handle in paying:
            (unsent if gateway.waits_for_secrets(handle) else sent).append(handle.job.description)
        texts = []
        held = self._close_held
        if held:
            box.setWindowTitle(self.tr("Audit entries not saved"))
            texts.append(
                self.tr(
                    "%n audit entry(s) could not be saved yet (see the Audit tab). If the "
                    "console closes now, they are lost from the audit log: only the "
                    "console's log file keeps them.",
                    "",
                    held,
                )
            )
        if paying:
            box.setWindowTitle(self.tr("A payment is on its way"))
        if unsent:
            texts.append(
                self.tr(
                    "{payments}: waiting for the system keyring, not sent yet. If the console "
                    "closes now, it is not sent (the Audit tab will say so).\n\nWait for it?"
                ).format(payments="\n".join(unsent))
            )
        if sent:
            texts.append(
                self.tr(
                    "{payments}: on its way, no answer yet. If the console closes now, the "
                    "answer is lost: whether the payer was charged is asked of BeeCloud when "
                    "the console next starts (New payment).\n\nWait for the answer?"
                ).format(payments="\n".join(sent))
            )
        box.setText("\n\n".join(texts))

    def _close_answered(self, box: QMessageBox, close: QAbstractButton) -> None:
        self.close_question = None
        box.deleteLater()
        if box.clickedButton() is close:
            self.close_at_once()

    @Slot(object)
    def _forget_close_question_once_paid(self, _descriptions: list[str]) -> None:
        """The payments it named were answered while the question was open: the window
        stays, the answer in sight. One about audit rows held alone stays: a call begun
        or ended meanwhile (a sync, a look-up) is no answer to it."""
        question = self.close_question
        if question is None or not self._asked_about_payments:
            return
        if not self._payments_on_their_way():
            question.reject()
        else:  # one sent since, its secrets read: its answer is what a close loses now
            self._say_close_question(question)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a button that has the focus presses it, as Space does: a Qt button
        outside a dialog takes only Space, and ignores Enter, which comes here."""
        button = QApplication.focusWidget()
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(button, QPushButton)
            and button.window() is self
            and button.isEnabled()
        ):
            event.accept()
            button.click()
            return
        super().keyPressEvent(event)

    def _save_state(self) -> None:
        """The window's place and tab, and each tab's filters and columns, for the next
        start."""
        self.session.settings.put(WINDOW_GEOMETRY, self.saveGeometry())
        self.session.settings.put(WINDOW_TAB, TAB_NAMES[self.tabs.currentIndex()])
        for tab in self.built_tabs():
            save_state = getattr(tab, "save_state", None)
            if save_state is not None:
                save_state()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_at_once and self._asked_before_closing():
            event.ignore()
            return
        for tab in self.built_tabs():
            exporter = getattr(tab, "exporter", None)
            if exporter is not None:
                exporter.stop()  # a running export is cancelled: it leaves no file
        if self.session.seen:  # not the tab, place, filters and columns of a start no
            self._save_state()  # clerk sees: they would go over the clerk's own
        if not self.session.settings.save_now():
            log.warning(
                "the settings file %s cannot be written: this session's choices, filters "
                "and window are not kept",
                self.session.settings.file_name(),
            )
        self.session.shutdown()
        super().closeEvent(event)
