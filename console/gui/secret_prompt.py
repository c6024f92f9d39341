"""A live profile whose App Secret is not available asks for it.

At start, and whenever such a profile becomes active, the window asks for the
secret over itself (window-modal, never blocking the event loop) rather than
letting a tab fail with "No app secret". The secret goes to the keyring; where
no keyring works it is kept in memory for this session only, and the dialog
says so before it is typed. It never speaks of a stored secret that is not
stored. "Not now" leaves the profile active (its jobs then say how to enter the
secret); "Switch to the sandbox" does what it says.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.validate import one_word, typed_words
from console.gui import colours
from console.gui.announce import announce
from console.gui.dialog_room import screen_room
from console.gui.feedback import ERROR_COLOUR
from console.gui.i18n import sentences
from console.gui.plain_text import PlainLabel, wrappable
from console.gui.profiles import SANDBOX_ID, Profile
from console.gui.secret_texts import failure_text, place_text
from console.gui.session import ConsoleSession
from console.store.secrets import LOCKED, NO_KEYRING, NOT_ANSWERING, Place, SecretStoreError


def secret_missing(session: ConsoleSession, profile: Profile) -> str | None:
    """Why the live profile's App Secret cannot be had ("" when simply none is stored);
    None when it is there (or the profile is the sandbox)."""
    if profile.is_sandbox:
        return None
    try:
        return None if session.secrets.get(profile.secret_key) else ""
    except SecretStoreError as error:
        return failure_text(error)


class KeyringState(NamedTuple):
    """What the prompt says of the keyring: why none answered ("" when one works, or
    secrets are kept for this session only already: a key of secrets.FAILURES) and where
    secrets are kept."""

    failure: str
    place: Place

    @property
    def works(self) -> bool:
        return not self.failure

    @property
    def for_this_session_only(self) -> bool:
        """Whether the secret typed is kept in memory for this session only: not where
        the keyring is there, only locked (its unlock prompt dismissed) or not answering
        yet (at its unlock prompt): it was told as no keyring at all, and the secret
        typed, never kept there, was asked for again at every start."""
        return self.failure not in ("", LOCKED, NOT_ANSWERING)


def keyring_state(session: ConsoleSession) -> KeyringState:
    """Asked of the keyring (it may take a minute: off the GUI thread, with the check at
    start or at a change of profile, MainWindow.ask_for_missing_secret)."""
    secrets = session.secrets
    return KeyringState("" if secrets.session_only else secrets.keyring_failure(), secrets.place())


class MissingSecret(NamedTuple):
    """Why the App Secret cannot be had ("" none stored), and the keyring's state."""

    reason: str
    keyring: KeyringState


def missing_secret(session: ConsoleSession, profile: Profile) -> MissingSecret | None:
    """All the prompt says, read at once (on any thread); None when the App Secret is
    there. Read with the check, so that the prompt asks nothing more of the keyring as it
    opens: it did on the GUI thread, and the window froze, a locked keyring showing its
    unlock prompt again (or waiting behind a job's read) for up to a minute."""
    reason = secret_missing(session, profile)
    return None if reason is None else MissingSecret(reason, keyring_state(session))


class SecretPrompt(QDialog):
    entered = Signal()  # the secret was kept (keyring or session): the profile can work

    def __init__(
        self,
        session: ConsoleSession,
        profile: Profile,
        reason: str,
        parent: QWidget | None,
        keyring: KeyringState | None = None,  # None: asked here (missing_secret says why not)
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.profile = profile
        if keyring is None:
            keyring = keyring_state(session)
        self._keyring = keyring
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        self._ask_for(profile, reason)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setPlaceholderText(self.tr("the App Secret from BeeCloud"))
        self.secret_edit.setAccessibleName(self.tr("App Secret"))
        self.error = PlainLabel()  # why the secret typed was refused, or not kept
        self.error.setWordWrap(True)
        colours.paint(self.error, f"color: {ERROR_COLOUR};")  # as Profiles…' refusals
        self.error.hide()
        buttons = QDialogButtonBox()
        self.use_button = QPushButton(self.tr("Use this secret"))
        self.use_button.setDefault(True)
        self.use_button.setEnabled(False)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.sandbox_button = buttons.addButton(
            self.tr("Switch to the sandbox"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.later_button = buttons.addButton(
            self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.use_button.clicked.connect(self.use)
        self.sandbox_button.clicked.connect(self.to_sandbox)
        self.later_button.clicked.connect(self.reject)
        self.secret_edit.textChanged.connect(
            lambda text: self.use_button.setEnabled(bool(typed_words(text)))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.secret_edit)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _ask_for(self, profile: Profile, reason: str) -> None:
        """Ask for the App Secret of `profile` (why: `reason`, "" when none is stored)."""
        self.profile = profile
        self.setWindowTitle(self.tr("The App Secret of “{name}”").format(name=profile.name))
        if reason:
            why = self.tr(
                "The App Secret of the live profile “{name}” (app {app_id}) cannot be read: "
                "{reason}"
            ).format(name=wrappable(profile.name), app_id=profile.app_id, reason=reason)
        else:
            why = self.tr(
                "No App Secret is stored for the live profile “{name}” (app {app_id})."
            ).format(name=wrappable(profile.name), app_id=profile.app_id)
        enter = self.tr("Enter it to work with this profile.")
        self.message.setText("\n\n".join((why, enter, self._where_kept())))

    def _where_kept(self) -> str:
        """Where the secret typed is kept, and what the clerk can do for the keyring."""
        failure = self._keyring.failure
        if self.session.secrets.session_only or self._keyring.for_this_session_only:
            session_only = self.tr(
                "No system keyring works on this computer, so it will be kept in memory for "
                "this session only (never in a file): you will be asked again at the next start."
            )
            if failure != NO_KEYRING:
                return session_only
            return sentences(
                session_only,
                self.tr(
                    "To keep it from one start to the next, install or start the desktop's "
                    "keyring (GNOME Keyring or KWallet), then start the console again."
                ),
            )
        if failure == LOCKED:
            return self.tr(
                "The system keyring is locked: unlock it (it asks for its password), then "
                "choose “Use this secret” to keep the App Secret there."
            )
        if failure == NOT_ANSWERING:
            return self.tr(
                "The system keyring did not answer (is it waiting for its password?): once "
                "it does, choose “Use this secret” to keep the App Secret there."
            )
        return place_text(self._keyring.place)

    def _as_saved_now(self) -> Profile | None:
        """The profile as the settings hold it now, when the secret typed is still its
        own: another console may have stored its secrets under another keyring entry
        (the secret goes there), given it another App ID, or removed it, or its settings
        cannot be read now (None; the prompt says so and the window follows the settings)."""
        shown = self.profile
        stored = self.session.profiles.find(shown.id)
        if stored is not None and stored.app_id == shown.app_id:
            return stored
        self._refuse()
        if stored is None:
            gone = self.session.profiles.gone(shown.id, wrappable(shown.name))
            said = self.tr(
                "{gone} The secret typed was not kept. The console is back on the practice sandbox."
            ).format(gone=gone.text)
        else:
            said = self.tr(
                "The profile “{name}” was changed in another console: it is now of app "
                "{app_id}, not {before}. The secret typed was not kept."
            ).format(name=wrappable(shown.name), app_id=stored.app_id, before=shown.app_id)
            reason = secret_missing(self.session, stored)
            if reason is None:
                said += " " + self.tr("Its App Secret is stored: nothing is needed here.")
            else:
                self._ask_for(stored, reason)  # the new app's, asked for here
                self.secret_edit.setEnabled(True)
        self._tell(said)
        self.session.follow_settings(shown.id)
        return None

    def _tell(self, said: str) -> None:
        """Why the secret typed was not kept, beneath its field and to a screen reader at
        once (the field emptied, the clerk's eyes or ears elsewhere)."""
        self.error.setText(said)
        self.error.show()
        self._grow_to_hold_its_texts()
        announce(self.error, said, urgent=True)

    def _grow_to_hold_its_texts(self) -> None:
        """Taller, if need be, to hold the question and the line beneath the field whole
        at its width (within the screen's room): the line shown took its room from the
        question, cut at the top and without its last paragraph."""
        needed = min(self.heightForWidth(self.width()), screen_room(self).height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _refuse(self) -> None:
        self.secret_edit.clear()
        self.secret_edit.setEnabled(False)
        self.use_button.setEnabled(False)

    @Slot()
    def use(self) -> None:
        # without the spaces and invisible characters pasted around it (as Profiles…)
        secret = typed_words(self.secret_edit.text())
        if not secret:
            return
        if not one_word(secret):  # two lines pasted, a zero-width space inside: refused
            self._tell(
                self.tr(
                    "An App Secret holds no spaces, line breaks or characters that do not "
                    "show: copy it again, alone."
                )
            )
            return
        profile = self._as_saved_now()
        if profile is None:
            return
        self.profile = profile
        secrets = self.session.secrets
        if not secrets.session_only and self._keyring.for_this_session_only:
            secrets.use_session_only()  # said in the dialog before the secret was typed
        try:
            secrets.set(profile.secret_key, secret)
        except SecretStoreError as error:
            self._tell(
                self.tr("The App Secret could not be kept: {error}").format(
                    error=failure_text(error)
                )
            )
            return
        finally:
            self.secret_edit.clear()
        self.session.audit.profile_saved(profile, profile, True, secrets.session_only)
        self.accept()
        self.entered.emit()

    @Slot()
    def to_sandbox(self) -> None:
        self.secret_edit.clear()
        self.reject()
        self.session.activate(SANDBOX_ID)

    def done(self, result: int) -> None:
        self.secret_edit.clear()
        super().done(result)
