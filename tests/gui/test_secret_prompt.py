"""A live profile whose App Secret is not available asks for it at once (kept for this
session only where no keyring works), instead of an error in a tab; Profiles never
speaks of a stored secret that is not stored."""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, Profile, ProfileStore
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.secret_prompt import SecretPrompt
from console.gui.session import ConsoleSession
from console.gui.settings import LIVE_PROFILES, Settings
from console.store.secrets import Place, SecretStore
from tests.gui.conftest import Said
from tests.gui.memory_keyring import BrokenKeyring, GatedKeyring, MemoryKeyring
from tests.gui.tab_drivers import WAIT_MS, show_tab


def restarted_on_a_live_profile(
    qtbot, tmp_path: Path, keyring: KeyringBackend
) -> tuple[MainWindow, Profile, str]:
    """The console started again on a live profile (the embedded sandbox's own app,
    reached as a live host would be) whose secret the keyring does not give."""
    settings = Settings.in_file(tmp_path / "settings.ini")
    first = ConsoleSession(settings, tmp_path, SecretStore(MemoryKeyring()), demo_bills=30)
    first.activate("sandbox")
    secret = first.credentials().secret
    assert first.sandbox is not None
    profile = replace(Profile.new_live("Shop", SANDBOX_APP_ID, (first.sandbox.base_url,)))
    ProfileStore(settings).save(profile)
    ProfileStore(settings).set_last(profile.id)
    session = ConsoleSession(settings, tmp_path, SecretStore(keyring), demo_bills=0)
    session.sandbox, first.sandbox = first.sandbox, None  # the same server stays up
    first.shutdown()
    session.activate(session.profiles.last_id())
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window, profile, secret


@pytest.mark.parametrize("keyring", [MemoryKeyring, BrokenKeyring])
def test_a_live_profile_without_its_secret_asks_for_it_at_start(
    qtbot, tmp_path: Path, keyring: type
) -> None:
    window, profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring())
    try:
        qtbot.waitUntil(
            lambda: window.secret_prompt is not None and window.secret_prompt.isVisible(),
            timeout=WAIT_MS,
        )
        prompt = window.secret_prompt
        assert prompt is not None
        text = prompt.message.text()
        assert "Shop" in text and "stored App Secret" not in text.replace(
            "No App Secret is stored", ""
        )
        if keyring is BrokenKeyring:
            assert "for this session only" in text
        qtbot.keyClicks(prompt.secret_edit, secret)
        qtbot.mouseClick(prompt.use_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.secret_prompt is None, timeout=WAIT_MS)
        assert window.session.secrets.get(profile.id) == secret
        assert window.session.secrets.session_only == (keyring is BrokenKeyring)
        bills = show_tab(window, window.bills_tab, qtbot)
        assert bills.model.rowCount() > 0 and bills.outcome.kind == ""
    finally:
        window.close()


def test_the_check_at_start_waits_for_the_keyring_with_the_window_working(
    qtbot, tmp_path: Path
) -> None:
    """The keyring's daemon hangs, or waits at its own unlock prompt, when the console
    starts on a live profile: whether its App Secret is stored is asked off the GUI
    thread, and the window goes on working meanwhile (it froze for up to a minute, with
    no word why). The prompt comes once the keyring has answered."""
    keyring = GatedKeyring()
    keyring.gate.clear()
    try:
        window, _profile, _secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring)
        ticks: list[bool] = []  # a timer of the window's, each time it fired while it waits
        ticker = QTimer(window)
        ticker.setInterval(20)
        ticker.timeout.connect(lambda: ticks.append(keyring.waiting.is_set()))
        ticker.start()
        qtbot.waitUntil(lambda: ticks.count(True) >= 5, timeout=WAIT_MS)
        assert window.secret_prompt is None
    finally:
        keyring.gate.set()
    try:
        prompt = _prompt_open(qtbot, window)
        ticker.stop()
        assert "No App Secret is stored" in prompt.message.text()
    finally:
        window.close()


class NotesTheGuiThreadsCalls(SecretStore):
    """A secret store that notes what the GUI thread asks of the keyring."""

    def __init__(self, backend: KeyringBackend) -> None:
        super().__init__(backend)
        self.on_gui_thread: list[str] = []

    def _note(self, asked: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread.append(asked)

    def get(self, profile_id: str) -> str | None:
        self._note("get")
        return super().get(profile_id)

    def keyring_works(self) -> bool:
        self._note("keyring_works")
        return super().keyring_works()

    def keyring_failure(self) -> str:
        self._note("keyring_failure")
        return super().keyring_failure()

    def place(self) -> Place:
        self._note("place")
        return super().place()


def test_the_prompt_opens_without_asking_the_keyring_on_the_gui_thread(
    qtbot, tmp_path: Path
) -> None:
    """A locked keyring (its unlock prompt dismissed) at start: the check off the GUI
    thread says so, and the prompt, as it opened, asked the keyring again on the GUI
    thread whether it works and where it keeps secrets (which shows its unlock prompt
    again, or waits behind a job's read): the window froze for up to a minute. What the
    prompt says is read with the check, and the prompt opens once all of it answered."""
    keyring = GatedKeyring()
    keyring.locked = True
    window, _profile, _secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring)
    try:
        secrets = window.session.secrets = NotesTheGuiThreadsCalls(keyring)  # before the check
        prompt = _prompt_open(qtbot, window)
        assert "locked" in prompt.message.text()
        assert secrets.on_gui_thread == []
    finally:
        window.close()


def test_the_prompt_waits_for_a_question_the_window_asks_meanwhile(qtbot, tmp_path: Path) -> None:
    """The keyring answers while the clerk is at a question of the window's (the one
    before closing, a refund's confirmation…): the prompt opened over it, the question
    hidden behind a dialog about something else. It comes once the question is answered."""
    from console.gui.plain_text import plain_box

    keyring = GatedKeyring()
    keyring.gate.clear()
    try:
        window, _profile, _secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring)
        qtbot.waitUntil(keyring.waiting.is_set, timeout=WAIT_MS)
        question = plain_box(window)
        question.setText("Close the console?")
        question.open()
        qtbot.waitUntil(question.isVisible, timeout=WAIT_MS)
    finally:
        keyring.gate.set()
    try:
        reads = window.session.keyring_reads
        qtbot.waitUntil(lambda: reads.pending() == 0, timeout=WAIT_MS)  # the check's in
        assert window.secret_prompt is None and question.isVisible()
        question.done(0)
        prompt = _prompt_open(qtbot, window)
        assert prompt.isVisible()
    finally:
        window.close()


def test_the_prompt_waits_for_profiles_to_close(qtbot, tmp_path: Path) -> None:
    """The profile in use, still without its App Secret, saved in Profiles…: the prompt
    opened at once, over (or under) the dialog the clerk was still working in."""
    window, profile, _secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        qtbot.waitUntil(
            lambda: window.secret_prompt is not None and window.secret_prompt.isVisible(),
            timeout=WAIT_MS,
        )
        assert window.secret_prompt is not None
        window.secret_prompt.reject()  # later
        qtbot.waitUntil(lambda: window.secret_prompt is None, timeout=WAIT_MS)
        asked_meanwhile: list[bool] = []

        def in_profiles() -> None:
            dialog = QApplication.activeModalWidget()
            assert isinstance(dialog, ProfilesDialog)
            dialog.select(profile.id)
            dialog.read_timeout_spin.setValue(45.0)
            assert dialog.save()
            QApplication.processEvents()
            asked_meanwhile.append(window.secret_prompt is not None)
            dialog.reject()

        QTimer.singleShot(0, in_profiles)
        window.open_profiles()
        assert asked_meanwhile == [False]
        qtbot.waitUntil(
            lambda: window.secret_prompt is not None and window.secret_prompt.isVisible(),
            timeout=WAIT_MS,
        )
    finally:
        window.close()


def test_the_prompt_waits_for_the_start_notice_it_would_lie_under(qtbot, tmp_path: Path) -> None:
    """Both opened at start, centred on the window: the notice covered the prompt."""
    window, _profile, _secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        settings = window.session.settings
        unreadable = [*json.loads(settings.get(LIVE_PROFILES)), {"id": "hand-edited"}]
        settings.put(LIVE_PROFILES, json.dumps(unreadable))  # a start notice to show
        window.show_start_notice()
        notice = window.start_notice
        assert notice is not None
        qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
        # the prompt's turn (a timer of 0 ms, from before the notice's) came and went
        assert window.secret_prompt is None or not window.secret_prompt.isVisible()
        notice.accept()
        qtbot.waitUntil(
            lambda: window.secret_prompt is not None and window.secret_prompt.isVisible(),
            timeout=WAIT_MS,
        )
    finally:
        window.close()


def test_not_now_and_the_sandbox_are_the_other_ways_out(qtbot, tmp_path: Path) -> None:
    window, _profile, _secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        qtbot.waitUntil(lambda: window.secret_prompt is not None, timeout=WAIT_MS)
        assert window.secret_prompt is not None
        qtbot.mouseClick(window.secret_prompt.sandbox_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.session.profile.is_sandbox, timeout=WAIT_MS)
        assert window.secret_prompt is None
    finally:
        window.close()


def _prompt_open(qtbot, window: MainWindow) -> SecretPrompt:
    qtbot.waitUntil(lambda: window.secret_prompt is not None, timeout=WAIT_MS)
    assert window.secret_prompt is not None
    return window.secret_prompt


def _use(qtbot, prompt: SecretPrompt, secret: str) -> None:
    qtbot.keyClicks(prompt.secret_edit, secret)
    qtbot.mouseClick(prompt.use_button, Qt.MouseButton.LeftButton)


def test_a_secret_entered_after_another_console_saved_the_profile_goes_where_it_is_read(
    qtbot, tmp_path: Path
) -> None:
    """Another console saved the profile meanwhile (a Master Secret: its secrets under a
    new keyring entry): the App Secret typed went to the entry the profile no longer
    names, kept for good, and the profile still had none."""
    keyring = MemoryKeyring()
    window, profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring)
    try:
        prompt = _prompt_open(qtbot, window)
        session = window.session
        there = profile.under_new_keyring_entry()
        session.secrets.set(there.master_secret_key, "its-master-secret")
        session.profiles.save(there)  # as the other console's Profiles… leaves it
        _use(qtbot, prompt, secret)
        qtbot.waitUntil(lambda: window.secret_prompt is None, timeout=WAIT_MS)
        assert session.secrets.get(there.secret_key) == secret
        assert session.credentials().secret == secret
        assert session.secrets.get(profile.secret_key) is None, "an entry no profile names"
    finally:
        window.close()


@pytest.mark.parametrize("stored_there", [False, True])
def test_a_secret_entered_for_an_app_another_console_replaced_is_not_kept(
    qtbot, tmp_path: Path, stored_there: bool
) -> None:
    """The prompt named app A; another console gave the profile app B meanwhile: the
    secret typed (A's) is not stored as B's, the prompt says why and asks for B's (if
    the other console did not store it), the band shows B."""
    window, profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        prompt = _prompt_open(qtbot, window)
        session = window.session
        there = replace(profile, app_id="app-after").under_new_keyring_entry()
        if stored_there:
            session.secrets.set(there.secret_key, "the-secret-of-app-after")
        session.profiles.save(there)
        _use(qtbot, prompt, secret)
        said = prompt.error.text()
        assert "changed in another console" in said and "app-after" in said, said
        assert session.secrets.get(profile.secret_key) is None
        qtbot.waitUntil(lambda: "app-after" in window.band.text(), timeout=WAIT_MS)
        if stored_there:
            assert session.secrets.get(there.secret_key) == "the-secret-of-app-after"
            assert "nothing is needed here" in said and not prompt.secret_edit.isEnabled()
        else:
            assert session.secrets.get(there.secret_key) is None
            assert "app-after" in prompt.message.text(), "it asks for the new app's secret"
            _use(qtbot, prompt, "the-secret-of-app-after")
            qtbot.waitUntil(lambda: window.secret_prompt is None, timeout=WAIT_MS)
            assert session.credentials().secret == "the-secret-of-app-after"
    finally:
        window.close()


def test_a_secret_entered_for_a_profile_another_console_removed_is_not_kept(
    qtbot, tmp_path: Path
) -> None:
    window, profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        prompt = _prompt_open(qtbot, window)
        session = window.session
        session.profiles.remove(profile.id)
        _use(qtbot, prompt, secret)
        assert "removed in another console" in prompt.error.text()
        assert session.secrets.get(profile.secret_key) is None
        qtbot.waitUntil(lambda: session.profile.is_sandbox, timeout=WAIT_MS)
        assert "SANDBOX" in window.band.text()
        assert not prompt.use_button.isEnabled()
    finally:
        window.close()


def test_why_a_secret_entered_was_not_kept_is_said_to_a_screen_reader(
    qtbot, tmp_path: Path, announced: list[Said]
) -> None:
    """Found with a screen reader's ears: the secret typed and Enter pressed, the
    profile removed in another console meanwhile: the field emptied and turned off, and
    why ("… The secret typed was not kept") appeared beneath it, said by nothing (the
    status bar of the window behind says the profile is gone, not what became of the
    secret). It is said at once, as it appears."""
    window, profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        prompt = _prompt_open(qtbot, window)
        window.session.profiles.remove(profile.id)
        qtbot.keyClicks(prompt.secret_edit, secret)
        announced.clear()
        qtbot.keyClick(prompt.secret_edit, Qt.Key.Key_Return)
        assert "The secret typed was not kept" in prompt.error.text()
        mine = [(said.text, said.urgent) for said in announced if said.by is prompt.error]
        assert mine == [(prompt.error.text(), True)]
    finally:
        window.close()


def test_a_secret_entered_while_the_saved_profiles_cannot_be_read_is_not_kept(
    qtbot, tmp_path: Path
) -> None:
    """The prompt said the profile had been removed in another console: the settings'
    profiles had been damaged while it was open, and no one removed it."""
    window, profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        prompt = _prompt_open(qtbot, window)
        session = window.session
        there = Settings.in_file(session.settings.file_name())
        there.put(LIVE_PROFILES, "{a hand edit")
        assert there.save_now()
        _use(qtbot, prompt, secret)
        said = prompt.error.text().replace("\u200b", "")
        assert said.startswith("The profile “Shop” cannot be read now"), said
        assert "removed" not in said and "The secret typed was not kept" in said, said
        assert session.secrets.get(profile.secret_key) is None
        qtbot.waitUntil(lambda: session.profile.is_sandbox, timeout=WAIT_MS)
    finally:
        window.close()


def test_profiles_speaks_only_of_a_secret_that_is_stored(qtbot, session: ConsoleSession) -> None:
    stored = Profile.new_live("Stored", "app-1")
    missing = Profile.new_live("Missing", "app-2")
    for profile in (stored, missing):
        session.profiles.save(profile)
    session.secrets.set(stored.id, "a-long-app-secret")
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    dialog.select(stored.id)
    assert dialog.secret_edit.placeholderText() == "Leave empty to keep the stored App Secret"
    dialog.select(missing.id)
    assert "stored App Secret" not in dialog.secret_edit.placeholderText()
    assert dialog.secret_edit.placeholderText().startswith("No App Secret is stored")
    assert "keep the stored Master Secret" not in dialog.master_secret_edit.placeholderText()


def test_a_long_name_keeps_the_prompt_within_the_screen(qtbot, session: ConsoleSession) -> None:
    """A name with no space to wrap at made the prompt as wide as the name."""
    from console.gui.secret_prompt import SecretPrompt

    profile = Profile.new_live("ShopOfTheNorthWest" * 12, "app-1")
    prompt = SecretPrompt(session, profile, "", None)
    qtbot.addWidget(prompt)
    prompt.show()
    assert prompt.minimumSizeHint().width() <= 1000
    assert profile.name in prompt.message.text().replace("\u200b", "")


def test_a_secret_pasted_with_what_does_not_show_is_kept_without_it_or_refused(
    qtbot, tmp_path: Path
) -> None:
    """A secret copied from a mail or a chat may bring a zero-width space or a byte-order
    mark around it, or come as two lines: kept as pasted, every call was refused as badly
    signed, with nothing to see in a password field. What does not show around it goes;
    a space, a line break or an invisible character inside refuses it, beside the field,
    with nothing kept (as Profiles… does)."""
    window, profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        prompt = _prompt_open(qtbot, window)
        for pasted in (f"{secret[:4]}\u200b{secret[4:]}", f"{secret[:4]}\n{secret[4:]}"):
            prompt.secret_edit.setText(pasted)
            qtbot.mouseClick(prompt.use_button, Qt.MouseButton.LeftButton)
            assert window.secret_prompt is prompt and prompt.isVisible()
            assert "copy it again, alone" in prompt.error.text()
            assert not prompt.error.isHidden()
            assert window.session.secrets.get(profile.id) is None
        prompt.secret_edit.setText(f"\ufeff {secret}\u200b\n")
        qtbot.mouseClick(prompt.use_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.secret_prompt is None, timeout=WAIT_MS)
        assert window.session.secrets.get(profile.id) == secret
    finally:
        window.close()


@pytest.mark.parametrize("keyring", [MemoryKeyring, BrokenKeyring])
def test_why_a_secret_was_refused_leaves_the_question_whole(
    qtbot, tmp_path: Path, keyring: type
) -> None:
    """Seen under Xvfb at 1024 x 768: a secret with a space inside refused, the line
    saying why took its room from the question above the field, whose first line was
    cut at the top and whose last paragraph (kept for this session only) was gone. The
    prompt grows to hold both."""
    window, _profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring())
    try:
        prompt = _prompt_open(qtbot, window)
        qtbot.waitUntil(prompt.isVisible, timeout=WAIT_MS)
        _use(qtbot, prompt, f"{secret[:4]} {secret[4:]}")
        assert "copy it again, alone" in prompt.error.text()

        def cut() -> list[str]:
            labels = (prompt.message, prompt.error)
            return [
                label.text()[:30]
                for label in labels
                if label.height() < label.heightForWidth(label.width())
            ]

        with contextlib.suppress(qtbot.TimeoutError):  # once laid out again
            qtbot.waitUntil(lambda: not cut(), timeout=1_000)
        assert cut() == []
    finally:
        window.close()


def test_why_a_secret_was_refused_is_coloured_as_profiles_refusals(qtbot, tmp_path: Path) -> None:
    """Seen under Xvfb: Profiles… says in red why a secret with a space inside is
    refused; the prompt said it in the colour of its question, easily taken for more of
    it."""
    from console.gui.feedback import FieldError

    window, _profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, MemoryKeyring())
    try:
        prompt = _prompt_open(qtbot, window)
        _use(qtbot, prompt, f"{secret[:4]} {secret[4:]}")
        assert "copy it again, alone" in prompt.error.text()
        in_profiles = FieldError()
        assert prompt.error.styleSheet() == in_profiles.styleSheet() != ""
    finally:
        window.close()


def test_a_locked_keyring_is_not_told_as_none_and_keeps_the_secret_once_unlocked(
    qtbot, tmp_path: Path
) -> None:
    """A keyring whose unlock prompt the clerk dismissed is there, locked: the prompt
    said no system keyring works, and kept the secret typed in memory for this session
    only (asked again at every start, the keyring never tried again). It says the
    keyring is locked and to unlock it; unlocked, the secret typed goes there."""
    keyring = GatedKeyring()
    keyring.locked = True
    window, profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring)
    try:
        prompt = _prompt_open(qtbot, window)
        text = prompt.message.text()
        assert "No system keyring works" not in text and "session only" not in text, text
        assert "unlock it" in text, text
        keyring.locked = False  # the clerk unlocked it
        _use(qtbot, prompt, secret)
        qtbot.waitUntil(lambda: window.secret_prompt is None, timeout=WAIT_MS)
        assert not window.session.secrets.session_only
        assert keyring.get_password("beecloud-console", profile.secret_key) == secret
    finally:
        window.close()


def test_a_keyring_still_locked_when_the_secret_is_used_says_so_and_keeps_nothing(
    qtbot, tmp_path: Path
) -> None:
    keyring = GatedKeyring()
    keyring.locked = True
    window, _profile, secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring)
    try:
        prompt = _prompt_open(qtbot, window)
        _use(qtbot, prompt, secret)
        assert prompt.isVisible() and "locked" in prompt.error.text(), prompt.error.text()
        assert not window.session.secrets.session_only
    finally:
        window.close()


def test_no_keyring_installed_says_what_to_do_to_keep_the_secret(qtbot, tmp_path: Path) -> None:
    window, _profile, _secret = restarted_on_a_live_profile(qtbot, tmp_path, BrokenKeyring())
    try:
        text = _prompt_open(qtbot, window).message.text()
        assert "for this session only" in text
        assert "GNOME Keyring or KWallet" in text, text
    finally:
        window.close()


def test_a_check_with_no_thread_to_run_on_opens_the_prompt_without_the_keyring(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check at start could not get a thread (the process at its limit): the prompt
    then asked the keyring on the GUI thread whether it works and where it keeps
    secrets, the window frozen for up to a minute at a locked keyring's unlock prompt."""
    keyring = GatedKeyring()
    keyring.locked = True
    start = threading.Thread.start

    def no_keyring_read_thread(self: threading.Thread) -> None:
        if self.name == "keyring-read":
            raise RuntimeError("can't start new thread")
        start(self)

    window, _profile, _secret = restarted_on_a_live_profile(qtbot, tmp_path, keyring)
    try:
        secrets = window.session.secrets = NotesTheGuiThreadsCalls(keyring)  # before the check
        monkeypatch.setattr(threading.Thread, "start", no_keyring_read_thread)
        prompt = _prompt_open(qtbot, window)
        monkeypatch.setattr(threading.Thread, "start", start)
        assert secrets.on_gui_thread == []
        assert "could not start reading the system keyring" in prompt.message.text()
    finally:
        window.close()
