"""Profiles…: live profiles added, edited and removed through the real dialog; secrets
kept only in the keyring (or, if the user agrees, in memory), never on disk."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import keyring.errors
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from console.api.hosts import DEFAULT_HOSTS
from console.api.models import BillQuery
from console.gui import colours, i18n
from console.gui.jobs import ALL_BILLS, Action
from console.gui.main_window import LIVE_STYLE, SANDBOX_STYLE, MainWindow
from console.gui.profiles import SANDBOX_ID, Profile, ProfileSaveError, ProfileStore
from console.gui.profiles_dialog import (
    AppIdChange,
    ProfileInput,
    ProfilesDialog,
    app_id_box,
    form_problems,
    parse_hosts,
    remove_box,
    session_only_box,
)
from console.gui.secret_texts import place_text
from console.gui.session import CannotSend, ConsoleSession
from console.gui.settings import LIVE_PROFILES, LIVE_PROFILES_UNREADABLE, Settings
from console.gui.tabs.payment_tab import PaymentTab
from console.store import audit_log as audit
from console.store.mirror_file import mirror_path
from console.store.secrets import IN_KEYRING, SERVICE, SecretStore
from tests.file_damage import cannot_write
from tests.gui.console_support import live_profile
from tests.gui.memory_keyring import BrokenKeyring, FileKeyring, MemoryKeyring, PlainFileKeyring
from tests.gui.sandbox_bills import special_bill
from tests.gui.sandbox_truth import sandbox_of
from tests.gui.tab_drivers import (
    WAIT_MS,
    Answer,
    click_refund,
    click_save,
    fill_card,
    fill_common,
    fill_new,
    find,
)
from tests.tls_support import make_self_signed

SECRET = "Zq9-unmistakable-secret-7Xw"


@pytest.fixture
def dialog(qtbot, session: ConsoleSession) -> ProfilesDialog:
    made = ProfilesDialog(session)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def live_profiles(session: ConsoleSession) -> list[Profile]:
    return session.profiles.live_profiles()


# -- the list and the Sandbox ---------------------------------------------------------


@pytest.mark.parametrize(
    "app_id", ["c5d1a2b3-4e5f-6789-abcd-ef0123456789", "c5d1a2b3e4f56789abcdef0123456789"]
)
def test_a_live_profile_is_listed_within_the_list(
    qtbot, session: ConsoleSession, app_id: str
) -> None:
    """Found on a 1,024 × 768 screen: 'Shop live — live, app c5d1…' was cut at the
    list's edge, the rest behind a horizontal scroll bar. The list wraps its lines
    (an App ID with no place to wrap ends in '…') and holds each line whole in its
    tooltip."""
    profile = Profile.new_live("Shop live", app_id)
    session.profiles.save(profile)
    made = ProfilesDialog(session)
    qtbot.addWidget(made)
    made.resize(960, 600)
    made.show()
    qtbot.waitExposed(made)
    listed = made.profile_list
    assert listed.horizontalScrollBar().maximum() == 0, "a line behind a scroll bar"
    item = listed.item(1)
    assert f"Shop live — live, app {app_id}" in item.toolTip()
    assert listed.visualItemRect(item).width() <= listed.viewport().width()


def test_the_sandbox_is_listed_read_only(dialog: ProfilesDialog) -> None:
    assert dialog.profile_list.count() == 1
    assert dialog.profile_list.item(0).text() == "Sandbox (built in, read-only)"
    assert dialog.editing is not None and dialog.editing.is_sandbox
    assert dialog.read_only_note.isVisible()
    for widget in (dialog.name_edit, dialog.app_id_edit, dialog.hosts_edit, dialog.secret_edit):
        assert not widget.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert not dialog.remove_button.isEnabled()
    assert not dialog.save()  # even if called, nothing happens
    assert live_profiles(dialog.session) == []


def test_the_dialog_says_where_secrets_are_kept(dialog: ProfilesDialog) -> None:
    text = dialog.secret_location.text()
    assert text == place_text(dialog.session.secrets.place())
    assert text.startswith("Secrets are kept in ")
    assert "system keyring" in text and "beecloud-console" in text


def test_a_new_profile_starts_with_the_documents_four_hosts(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.hosts_edit.toPlainText().splitlines() == list(DEFAULT_HOSTS)
    assert dialog.connect_timeout_spin.value() == 5.0
    assert dialog.read_timeout_spin.value() == 20.0
    assert dialog.name_edit.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.secret_edit.echoMode() == dialog.secret_edit.EchoMode.Password
    assert not dialog.read_only_note.isVisible()


# -- adding, editing, removing ----------------------------------------------------------


def test_adding_a_live_profile_saves_it_and_its_secret(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    ca_file, _key = make_self_signed(tmp_path)  # a certificate of the shop's own CA
    fill_new(qtbot, dialog, "Shop live", "app-123", SECRET)
    dialog.hosts_edit.setPlainText("api.beecloud.cn\nhttps://apibj.beecloud.cn/\n")
    dialog.connect_timeout_spin.setValue(3.0)
    dialog.read_timeout_spin.setValue(30.0)
    dialog.choose_ca_bundle = lambda: str(ca_file)
    qtbot.mouseClick(dialog.ca_browse_button, Qt.MouseButton.LeftButton)
    click_save(qtbot, dialog)

    [profile] = live_profiles(dialog.session)
    assert (profile.name, profile.app_id) == ("Shop live", "app-123")
    assert profile.hosts == ("https://api.beecloud.cn", "https://apibj.beecloud.cn")
    assert (profile.connect_timeout, profile.read_timeout) == (3.0, 30.0)
    assert profile.ca_bundle == str(ca_file)
    assert keyring_backend.entries == {(SERVICE, profile.id): SECRET}
    assert dialog.secret_edit.text() == ""  # never left in the widget
    assert dialog.outcome.kind == "success"
    assert "Saved “Shop live”" in dialog.outcome.title.text()
    assert "system keyring" in dialog.outcome.body.text()
    # the saved profile is listed and selected; the active profile is unchanged
    assert dialog.profile_list.count() == 2
    assert dialog.profile_list.currentItem().text() == "Shop live — live, app app-123"
    assert dialog.session.profile.is_sandbox


def test_editing_with_an_empty_secret_keeps_the_stored_one(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    dialog.select(profile.id)
    assert dialog.name_edit.text() == "Shop" and dialog.secret_edit.text() == ""
    assert "keep the stored" in dialog.secret_edit.placeholderText()

    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Shop (Europe)")
    click_save(qtbot, dialog)
    [edited] = live_profiles(dialog.session)
    assert edited.id == profile.id and edited.name == "Shop (Europe)"
    assert keyring_backend.entries == {(SERVICE, profile.id): SECRET}
    assert "left as it was" in dialog.outcome.body.text()

    qtbot.keyClicks(dialog.secret_edit, "a-new-secret")
    click_save(qtbot, dialog)
    [edited] = live_profiles(dialog.session)
    assert keyring_backend.entries == {(SERVICE, edited.secret_key): "a-new-secret"}


def test_editing_the_active_profile_updates_the_session(qtbot, dialog: ProfilesDialog) -> None:
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    session.activate(profile.id)
    dialog.select(profile.id)
    dialog.read_timeout_spin.setValue(45.0)
    with qtbot.waitSignal(session.profile_updated, timeout=2_000):
        click_save(qtbot, dialog)
    assert session.profile.read_timeout == 45.0

    dialog.app_id_edit.setText("app-2")  # another account: what the tabs show goes
    with qtbot.waitSignal(session.profile_changed, timeout=2_000):
        click_save(qtbot, dialog)
    assert session.profile.app_id == "app-2" and session.profile.read_timeout == 45.0


def test_removing_asks_first_and_then_deletes_profile_and_secret(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    dialog.session.activate(profile.id)
    dialog.select(profile.id)
    dialog.confirm_remove = cancel = Answer(agree=False)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [q.profile.id for q in cancel.asked] == [profile.id]
    assert live_profiles(dialog.session) == [profile]
    assert keyring_backend.entries

    dialog.confirm_remove = lambda p: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert live_profiles(dialog.session) == []
    assert keyring_backend.entries == {}
    assert dialog.session.profile.is_sandbox  # the removed profile was active
    assert dialog.session.profiles.last_id() == SANDBOX_ID
    assert dialog.profile_list.count() == 1
    assert "Removed “Shop” and its App Secret" in dialog.outcome.title.text()


def test_removing_the_profile_in_use_says_the_console_goes_back_to_the_sandbox(
    qtbot, dialog: ProfilesDialog
) -> None:
    """The question and the answer named what was deleted, not that the console would
    be on the practice sandbox after (only the band said so, behind the dialog); of a
    profile not in use, neither says it."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    fill_new(qtbot, dialog, "Other", "app-2", SECRET)
    click_save(qtbot, dialog)
    shop, other = sorted(live_profiles(session), key=lambda profile: profile.name != "Shop")
    session.activate(shop.id)
    back = "goes back to the practice Sandbox"
    assert back in dialog.remove_question(shop).informativeText()
    assert back not in dialog.remove_question(other).informativeText()
    dialog.select(other.id)
    dialog.confirm_remove = lambda question: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "Sandbox" not in dialog.outcome.body.text() and session.profile.id == shop.id
    dialog.select(shop.id)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert session.profile.is_sandbox
    assert "The console is on the practice Sandbox now." in dialog.outcome.body.text()


def test_a_profile_removed_leaves_no_history_or_cards_behind(qtbot, dialog: ProfilesDialog) -> None:
    """Its mirror (every bill and refund of its app), the cards saved for it and the
    currencies remembered for its bills stayed on the computer for good."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    session.activate(profile.id)
    path = session.history.mirror.path  # opened: its file made
    assert path is not None and path.exists()
    session.local.save_card(profile.id, "VISA •••• 1111", "CARD-1")
    session.local.remember_currency(profile.id, "BC0000000001", "USD")
    dialog.select(profile.id)
    dialog.confirm_remove = lambda p: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert live_profiles(session) == [] and session.profile.is_sandbox
    assert not path.exists() and list(path.parent.glob(path.name + "*")) == []
    assert session.local.saved_cards(profile.id) == []
    assert session.local.currencies(profile.id) == {}


UNSETTLED_REFUND = "20260101120000AAAA0001"


def saved_with_an_unsettled_refund(qtbot, dialog: ProfilesDialog) -> Profile:
    """A live profile saved through the dialog, a refund of it journaled as sending
    (its outcome unknown), the profile selected."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    dialog.session.journal.record_sending(
        UNSETTLED_REFUND, "BC20260101120000AAAA", 500, "USD", profile.id
    )
    dialog.select(profile.id)
    return profile


def test_a_profile_with_refunds_of_unknown_outcome_is_not_removed(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    """They could never be checked again: the profile stays until they are settled."""
    profile = saved_with_an_unsettled_refund(qtbot, dialog)
    dialog.confirm_remove = cancel = Answer(agree=False)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert cancel.asked == []  # not even asked
    assert live_profiles(dialog.session) == [profile] and keyring_backend.entries
    assert dialog.outcome.kind == "pending"
    assert "Refunds it sent whose outcome is not known yet: 1." in dialog.outcome.body.text()

    dialog.session.journal.mark_done(UNSETTLED_REFUND)
    dialog.confirm_remove = lambda p: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert live_profiles(dialog.session) == []


def test_a_profile_with_refunds_of_unknown_outcome_keeps_its_app_id(
    qtbot, dialog: ProfilesDialog
) -> None:
    """A check asks the profile's app: under another App ID the refund would be found
    absent ('it was not made') and offered to be sent again. Other changes are saved."""
    saved_with_an_unsettled_refund(qtbot, dialog)
    dialog.app_id_edit.setText("app-2")
    click_save(qtbot, dialog)
    assert live_profiles(dialog.session)[0].app_id == "app-1"
    said = dialog.errors["app_id"].text()
    assert "1 refund" in said and "App ID" in said

    dialog.app_id_edit.setText("app-1")
    dialog.read_timeout_spin.setValue(45.0)
    click_save(qtbot, dialog)
    assert live_profiles(dialog.session)[0].read_timeout == 45.0

    dialog.session.journal.mark_done(UNSETTLED_REFUND)
    dialog.app_id_edit.setText("app-2")
    click_save(qtbot, dialog)
    assert live_profiles(dialog.session)[0].app_id == "app-2"


def audited(
    session: ConsoleSession, profile: Profile, action: str, bill_no: str, result: str
) -> None:
    """An audit row of a payment of USD 12.50 (or of its check) through `profile`."""
    session.audit.log.append(
        profile_id=profile.id,
        profile_name=profile.name,
        action=action,
        subject=bill_no,
        result=result,
        amount=1250,
        currency="USD",
    )


def test_a_profile_with_a_payment_of_unknown_outcome_keeps_its_app_id_and_is_kept(
    qtbot, dialog: ProfilesDialog
) -> None:
    """Its check asks the profile's app: under another App ID (or with no profile) the
    bill would be found absent, 'not made', and paid again."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    bill_no = "BC20261205120000LEFT0001"
    audited(dialog.session, profile, audit.PAYMENT, bill_no, audit.REQUESTED)  # sent
    audited(dialog.session, profile, audit.PAYMENT, bill_no, audit.UNKNOWN)  # its answer lost
    dialog.select(profile.id)
    dialog.app_id_edit.setText("app-2")
    click_save(qtbot, dialog)
    assert live_profiles(dialog.session)[0].app_id == "app-1"
    said = dialog.errors["app_id"].text()
    assert "1 payment" in said and "App ID" in said and bill_no in said

    dialog.confirm_remove = cancel = Answer(agree=False)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert cancel.asked == [] and live_profiles(dialog.session) == [profile]
    kept = dialog.outcome.body.text()
    assert f"Payments it sent whose outcome is not known yet: 1 ({bill_no})." in kept

    audited(dialog.session, profile, audit.PAYMENT_CHECK, bill_no, audit.OK)  # found paid
    dialog.select(profile.id)
    dialog.app_id_edit.setText("app-2")
    click_save(qtbot, dialog)
    assert live_profiles(dialog.session)[0].app_id == "app-2"


def test_a_profile_given_another_app_id_forgets_the_cards_saved_under_the_old_one(
    qtbot, dialog: ProfilesDialog
) -> None:
    """A saved card is the app's (BeeCloud finds it by the app that saved it): under
    another App ID it was still offered, and every payment with it refused."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    local = dialog.session.local
    local.save_card(profile.id, "VISA •••• 1111", "CARD-OF-APP-1")
    dialog.select(profile.id)
    dialog.read_timeout_spin.setValue(45.0)
    click_save(qtbot, dialog)
    assert [card.credit_card_id for card in local.saved_cards(profile.id)] == ["CARD-OF-APP-1"]

    dialog.app_id_edit.setText("app-2")
    dialog.confirm_app_id_change = Answer(agree=True)
    click_save(qtbot, dialog)
    assert local.saved_cards(profile.id) == []
    assert "saved card" in dialog.outcome.body.text()
    # forgotten, as one forgotten by hand is: a row each (it was the App ID's row only)
    forgotten = [
        (row.subject, row.profile_name, row.detail)
        for row in dialog.session.audit.log.entries()
        if row.action == "card_forgotten"
    ]
    assert forgotten == [("CARD-OF-APP-1", "Shop", "“VISA •••• 1111” forgotten")]


def test_another_app_id_asks_first_when_cards_or_payment_links_would_be_forgotten(
    qtbot, dialog: ProfilesDialog
) -> None:
    """A slip in the App ID field, then Enter (Save profile), forgot the profile's saved
    cards and the payment links waiting for payers at once, unasked, for good (typing
    the App ID back brought none back). The save asks first, naming what goes; Cancel
    saves nothing and keeps the form as typed."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    local = dialog.session.local
    local.save_card(profile.id, "VISA •••• 1111", "CARD-OF-APP-1")
    dialog.select(profile.id)
    dialog.app_id_edit.setFocus()
    qtbot.keyClicks(dialog.app_id_edit, "x")
    dialog.confirm_app_id_change = kept = Answer(agree=False)
    qtbot.keyClick(dialog.app_id_edit, Qt.Key.Key_Return)
    [question] = kept.asked
    assert (question.profile, question.app_id) == (profile, "app-1x")
    assert (question.cards, question.links) == (1, 0)
    assert live_profiles(dialog.session) == [profile]
    assert [card.credit_card_id for card in local.saved_cards(profile.id)] == ["CARD-OF-APP-1"]
    assert dialog.app_id_edit.text() == "app-1x" and dialog.editing == profile
    dialog.confirm_app_id_change = agreed = Answer(agree=True)
    qtbot.keyClick(dialog.app_id_edit, Qt.Key.Key_Return)
    assert len(agreed.asked) == 1 and local.saved_cards(profile.id) == []
    assert [p.app_id for p in live_profiles(dialog.session)] == ["app-1x"]


def test_the_app_id_question_names_what_is_forgotten(qapp: QApplication) -> None:
    profile = Profile.new_live("Shop", "app-1")
    box = app_id_box(None, AppIdChange(profile, "app-2", cards=2, links=1))
    assert box.text() == "Give “Shop” the App ID app-2 (now app-1)?"
    assert "Saved cards: 2" in box.informativeText()
    assert "Payment links waiting for payers: 1" in box.informativeText()
    assert box.defaultButton() is box.escapeButton()
    assert sorted(button.text() for button in box.buttons()) == ["Cancel", "Change App ID"]


def test_a_profile_given_another_app_id_forgets_the_currencies_of_the_old_apps_bills(
    qtbot, dialog: ProfilesDialog
) -> None:
    """The currency this console wrote down for a bill it made is the old app's: a bill of
    the new app with the same number (typed by a clerk, or made by the shop's own
    system) was shown, refunded and summed in the old bill's currency."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    local = dialog.session.local
    local.remember_currency(profile.id, "ORDER1001", "EUR")
    dialog.select(profile.id)
    dialog.read_timeout_spin.setValue(45.0)
    click_save(qtbot, dialog)
    assert local.currency_of(profile.id, "ORDER1001") == "EUR"

    dialog.app_id_edit.setText("app-2")
    click_save(qtbot, dialog)
    assert local.currency_of(profile.id, "ORDER1001") is None
    assert local.currencies(profile.id) == {}


def test_a_secret_the_keyring_cannot_delete_is_reported_and_deleted_at_the_next_start(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    dialog.session.secrets = SecretStore(BrokenKeyring())
    dialog.select(profile.id)
    dialog.confirm_remove = lambda p: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert live_profiles(dialog.session) == []
    assert dialog.outcome.kind == "pending"
    body = dialog.outcome.body.text()
    assert "could not be deleted from the keyring" in body and profile.id in body
    assert keyring_backend.entries == {(SERVICE, profile.id): SECRET}
    settings = Settings.in_file(Path(dialog.session.settings.file_name()))
    again = ConsoleSession(settings, tmp_path, SecretStore(keyring_backend))
    again.shutdown()
    assert keyring_backend.entries == {}, "no profile names it"


def test_a_profile_the_settings_cannot_drop_keeps_its_secrets(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, settings: Settings
) -> None:
    """Removing it from a settings file that cannot be written is 'Nothing was removed':
    its App Secret and Master Secret were deleted from the keyring first all the same."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    dialog.master_secret_edit.setText("the-master-secret")
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    stored = dict(keyring_backend.entries)
    dialog.select(profile.id)
    dialog.confirm_remove = lambda p: True
    path = Path(settings.file_name())
    with cannot_write(path.parent, path):
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.title.text() == "Nothing was removed"
    assert "so the profile was not removed" in dialog.outcome.body.text()
    assert live_profiles(dialog.session) == [profile]
    assert keyring_backend.entries == stored


# -- leaving with changes unsaved ---------------------------------------------------------

DISCARD_QUESTION = "Discard the changes to this profile?"


def leave(qtbot, dialog: ProfilesDialog, gesture: str) -> None:
    """Leave the dialog as a clerk does: Escape, its Close button, or the title bar's."""
    if gesture == "Escape":
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    elif gesture == "Close":
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    else:
        # the window manager's close, as its title bar's button asks: its window gets the
        # close event, and the dialog one from the window system (QWindow.close() is the
        # console's own)
        QApplication.sendEvent(dialog.windowHandle(), QCloseEvent())


@pytest.mark.parametrize("gesture", ["Escape", "Close", "title bar"])
def test_leaving_a_half_filled_new_profile_asks_before_its_fields_are_lost(
    qtbot, dialog: ProfilesDialog, gesture: str
) -> None:
    """A clerk who typed a long App ID and the App Secret and pressed Escape by mistake
    lost them, unasked. Leaving with changes unsaved asks first; Keep editing keeps the
    dialog and every field as typed, Discard closes it (the secret gone with the field)."""
    fill_new(qtbot, dialog, "Shop live", "c5d1a2b3-4e5f-6789-abcd-ef0123456789", SECRET)
    dialog.confirm_discard = kept = Answer(agree=False)
    leave(qtbot, dialog, gesture)
    assert kept.asked == [DISCARD_QUESTION]
    assert dialog.isVisible()
    assert dialog.app_id_edit.text() == "c5d1a2b3-4e5f-6789-abcd-ef0123456789"
    assert dialog.secret_edit.text() == SECRET
    dialog.confirm_discard = discarded = Answer(agree=True)
    leave(qtbot, dialog, gesture)
    assert discarded.asked == [DISCARD_QUESTION]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert dialog.secret_edit.text() == "" and live_profiles(dialog.session) == []


def test_leaving_an_edited_profile_asks_and_a_saved_or_untouched_one_does_not(
    qtbot, session: ConsoleSession
) -> None:
    """An edit of a saved profile is asked about like a new one; a profile only looked
    at, or just saved, closes at once."""
    profile = Profile.new_live("Shop", "app-1")
    session.profiles.save(profile)
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.confirm_discard = asked = Answer(agree=False)
    dialog.select(profile.id)
    dialog.connect_timeout_spin.setFocus()
    qtbot.keyClick(dialog.connect_timeout_spin, Qt.Key.Key_Up)  # 6 s, not 5
    leave(qtbot, dialog, "Escape")
    assert asked.asked == [DISCARD_QUESTION] and dialog.isVisible()
    qtbot.keyClick(dialog.connect_timeout_spin, Qt.Key.Key_Down)  # back as it was
    leave(qtbot, dialog, "Escape")
    assert asked.asked == [DISCARD_QUESTION]  # nothing changed: not asked again
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    dialog.show()
    qtbot.keyClicks(dialog.app_id_edit, "-2")
    click_save(qtbot, dialog)
    assert session.profiles.find(profile.id).app_id == "app-1-2"  # type: ignore[union-attr]
    leave(qtbot, dialog, "Close")
    assert asked.asked == [DISCARD_QUESTION]  # saved: nothing to lose
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_a_new_profile_left_empty_or_the_sandbox_closes_without_a_question(
    qtbot, dialog: ProfilesDialog
) -> None:
    dialog.confirm_discard = asked = Answer(agree=False)
    leave(qtbot, dialog, "Escape")  # the Sandbox, read-only
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    dialog.show()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # nothing typed
    leave(qtbot, dialog, "Close")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert asked.asked == []


def test_enter_at_the_discard_question_keeps_editing(qtbot, dialog: ProfilesDialog) -> None:
    """The question's default is Keep editing: a stray Enter loses nothing."""
    fill_new(qtbot, dialog, "Shop live", "app-123", SECRET)
    seen: list[str] = []
    waited = [0]

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            waited[0] += 1
            if waited[0] < 100:  # bounded: never left to press Enter on a later test's box
                QTimer.singleShot(10, press_enter)
            return
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    leave(qtbot, dialog, "Escape")
    assert seen[0] == DISCARD_QUESTION and sorted(seen[1:]) == ["Discard", "Keep editing"]
    assert dialog.isVisible() and dialog.secret_edit.text() == SECRET


def two_saved(qtbot, session: ConsoleSession) -> tuple[ProfilesDialog, Profile, Profile]:
    """The dialog over two saved live profiles, “Shop” shown."""
    shop, north = Profile.new_live("Shop", "app-1"), Profile.new_live("North", "app-2")
    session.profiles.save(shop)
    session.profiles.save(north)
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    click_row(qtbot, dialog, shop)
    qtbot.waitUntil(lambda: dialog.editing == shop, timeout=WAIT_MS)
    return dialog, shop, north


def row_of(dialog: ProfilesDialog, profile: Profile) -> int:
    listed = dialog.profile_list
    ids = [listed.item(row).data(Qt.ItemDataRole.UserRole) for row in range(listed.count())]
    return ids.index(profile.id)


def click_row(qtbot, dialog: ProfilesDialog, profile: Profile) -> None:
    """A click on the profile's line in the list, as a clerk's mouse makes it."""
    listed = dialog.profile_list
    place = listed.visualItemRect(listed.item(row_of(dialog, profile))).center()
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=place)


def picked(dialog: ProfilesDialog) -> tuple[str | None, list[str]]:
    """The id of the list's current line and those of the lines shown selected."""
    listed = dialog.profile_list
    current = listed.currentItem()
    return (
        None if current is None else current.data(Qt.ItemDataRole.UserRole),
        [item.data(Qt.ItemDataRole.UserRole) for item in listed.selectedItems()],
    )


def test_picking_another_profile_with_changes_unsaved_asks_first(
    qtbot, session: ConsoleSession
) -> None:
    """A clerk who typed a new name, timeout and App Secret into “Shop” and then clicked
    “North” in the list lost them, unasked. The pick asks first: Keep editing leaves the
    form as typed and the list on “Shop” (asked once), Discard shows “North”."""
    dialog, shop, north = two_saved(qtbot, session)
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Shop south")
    dialog.read_timeout_spin.setFocus()
    qtbot.keyClick(dialog.read_timeout_spin, Qt.Key.Key_Up)  # 21 s
    qtbot.keyClicks(dialog.secret_edit, SECRET)
    dialog.confirm_discard = kept = Answer(agree=False)
    click_row(qtbot, dialog, north)
    qtbot.waitUntil(lambda: kept.asked == [DISCARD_QUESTION], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: picked(dialog) == (shop.id, [shop.id]), timeout=WAIT_MS)
    assert dialog.editing == shop and dialog.name_edit.text() == "Shop south"
    assert dialog.read_timeout_spin.value() == 21.0 and dialog.secret_edit.text() == SECRET
    assert kept.asked == [DISCARD_QUESTION], "asked again when the list went back"
    dialog.confirm_discard = discarded = Answer(agree=True)
    click_row(qtbot, dialog, north)
    qtbot.waitUntil(lambda: dialog.editing == north, timeout=WAIT_MS)
    assert discarded.asked == [DISCARD_QUESTION] and picked(dialog) == (north.id, [north.id])
    assert dialog.name_edit.text() == "North" and dialog.secret_edit.text() == ""
    assert session.profiles.find(shop.id) == shop  # nothing saved of the edit


def test_picking_another_profile_by_key_with_a_new_one_half_filled_asks_first(
    qtbot, dialog: ProfilesDialog
) -> None:
    """An arrow key in the list moves to a profile as a click does: a new profile half
    typed is asked about, and kept with no line of the list picked."""
    fill_new(qtbot, dialog, "Shop live", "app-123", SECRET)
    dialog.confirm_discard = kept = Answer(agree=False)
    dialog.profile_list.setFocus()
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Home)  # the Sandbox
    qtbot.waitUntil(lambda: kept.asked == [DISCARD_QUESTION], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: picked(dialog) == (None, []), timeout=WAIT_MS)
    assert dialog.editing is None and dialog.heading.text() == "New live profile"
    assert dialog.app_id_edit.text() == "app-123" and dialog.secret_edit.text() == SECRET
    dialog.confirm_discard = discarded = Answer(agree=True)
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: dialog.read_only_note.isVisible(), timeout=WAIT_MS)  # the Sandbox
    assert discarded.asked == [DISCARD_QUESTION]
    assert picked(dialog) == (SANDBOX_ID, [SANDBOX_ID])
    assert dialog.secret_edit.text() == ""


def test_tabbing_into_the_list_with_a_new_one_half_filled_asks_nothing(
    qtbot, dialog: ProfilesDialog
) -> None:
    """Shift+Tab from Add live profile into the list, a new profile half typed, asked
    “Discard the changes…?”: the focus coming in made the first line current, taken for
    a pick (Discard, a stray Enter away, lost the form). Now only a line picked asks; the
    focus leaves the list with no line picked."""
    fill_new(qtbot, dialog, "Shop live", "app-123", SECRET)
    dialog.confirm_discard = asked = Answer(agree=False)
    dialog.add_button.setFocus()
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.focusWidget() is dialog.profile_list
    qtbot.waitUntil(lambda: not dialog._pick_pending, timeout=WAIT_MS)  # followed, if taken
    assert asked.asked == [] and picked(dialog) == (None, [])
    assert dialog.editing is None and dialog.secret_edit.text() == SECRET
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Down)  # a pick: asked
    qtbot.waitUntil(lambda: asked.asked == [DISCARD_QUESTION], timeout=WAIT_MS)
    assert dialog.editing is None and dialog.app_id_edit.text() == "app-123"


def test_add_live_profile_with_changes_unsaved_asks_first(qtbot, session: ConsoleSession) -> None:
    dialog, shop, _ = two_saved(qtbot, session)
    qtbot.keyClicks(dialog.app_id_edit, "-2")
    dialog.confirm_discard = kept = Answer(agree=False)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert kept.asked == [DISCARD_QUESTION]
    assert dialog.editing == shop and dialog.app_id_edit.text() == "app-1-2"
    assert picked(dialog) == (shop.id, [shop.id])
    dialog.confirm_discard = discarded = Answer(agree=True)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert discarded.asked == [DISCARD_QUESTION]
    assert dialog.editing is None and dialog.app_id_edit.text() == ""
    assert picked(dialog) == (None, [])


def test_a_profile_picked_that_another_console_removed_is_said_and_the_form_kept(
    qtbot, session: ConsoleSession
) -> None:
    """“North”, removed by another console while this list showed it, was highlighted when
    clicked while the form still showed “Shop” (a Save then saved “Shop”). The pick says
    why it cannot be shown, the line goes, and the list and the form stay on “Shop” as
    typed, nothing asked."""
    dialog, shop, north = two_saved(qtbot, session)
    qtbot.keyClicks(dialog.name_edit, " east")
    dialog.confirm_discard = asked = Answer(agree=True)
    session.profiles.remove(north.id)  # the other console's Remove
    click_row(qtbot, dialog, north)
    qtbot.waitUntil(lambda: dialog.outcome.isVisible(), timeout=WAIT_MS)
    assert dialog.outcome.title.text() == "That profile cannot be shown"
    assert dialog.outcome.body.text() == (
        "The profile “North” has been removed in another console."
    )
    assert dialog.profile_list.count() == 2 and picked(dialog) == (shop.id, [shop.id])
    assert dialog.editing == shop and dialog.name_edit.text() == "Shop east"
    assert asked.asked == []


def test_a_profile_saved_or_removed_is_not_asked_about_when_the_list_is_shown_again(
    qtbot, session: ConsoleSession
) -> None:
    """The list shown again after a save, or after the profile edited is removed, is no
    pick of the clerk's: nothing is asked."""
    dialog, shop, north = two_saved(qtbot, session)
    dialog.confirm_discard = asked = Answer(agree=False)
    qtbot.keyClicks(dialog.name_edit, " east")
    click_save(qtbot, dialog)
    assert dialog.name_edit.text() == "Shop east" and picked(dialog) == (shop.id, [shop.id])
    qtbot.keyClicks(dialog.name_edit, " again")  # typed, then removed all the same
    dialog.confirm_remove = Answer()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert live_profiles(session) == [north]
    assert dialog.editing is not None and dialog.editing.is_sandbox
    assert asked.asked == []


@pytest.mark.parametrize("gesture", ["Ctrl+Space", "Ctrl+click"])
def test_the_profile_shown_keeps_its_line_highlighted(
    qtbot, session: ConsoleSession, gesture: str
) -> None:
    """Ctrl+Space in the list (or a Ctrl+click on the line shown) took the highlight off
    the line of the profile the form shows: the form then showed a profile no line
    stood for. The line shown stays highlighted."""
    dialog, shop, _ = two_saved(qtbot, session)
    listed = dialog.profile_list
    if gesture == "Ctrl+Space":
        listed.setFocus()
        qtbot.keyClick(listed, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    else:
        place = listed.visualItemRect(listed.item(row_of(dialog, shop))).center()
        qtbot.mouseClick(
            listed.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            pos=place,
        )
    assert picked(dialog) == (shop.id, [shop.id])
    assert dialog.editing == shop


# -- validation -------------------------------------------------------------------------


def test_each_problem_is_shown_beside_its_field_and_nothing_is_saved(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    dialog.hosts_edit.setPlainText("https://apibj.beecloud.cn\nftp://files.example.com")
    dialog.connect_timeout_spin.setValue(0.0)
    dialog.ca_bundle_edit.setText(str(tmp_path / "missing.pem"))
    click_save(qtbot, dialog)

    shown = {field: error.text() for field, error in dialog.errors.items() if error.isVisible()}
    assert shown == {
        "name": "Enter a name for this profile.",
        "app_id": "Enter the App ID BeeCloud gave you.",
        "hosts": "Line 2, “ftp://files.example.com”, must start with https:// or http://.",
        "connect_timeout": "Must be more than 0 seconds.",
        "ca_bundle": "There is no file at this path.",
        "secret": "Enter the App Secret BeeCloud gave you.",
    }
    assert live_profiles(dialog.session) == [] and keyring_backend.entries == {}

    qtbot.keyClicks(dialog.name_edit, "Shop")
    qtbot.keyClicks(dialog.app_id_edit, "app-1")
    qtbot.keyClicks(dialog.secret_edit, SECRET)
    dialog.hosts_edit.setPlainText("apibj.beecloud.cn")
    dialog.connect_timeout_spin.setValue(5.0)
    dialog.ca_bundle_edit.clear()
    click_save(qtbot, dialog)
    assert not any(error.isVisible() for error in dialog.errors.values())
    assert len(live_profiles(dialog.session)) == 1


def test_a_ca_bundle_holding_no_certificate_is_refused_beside_its_field(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    """A file picked by mistake (a document, a key, an empty file) was saved as the
    profile's CA bundle: every call then failed as if the server had not answered."""
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.name_edit, "Shop")
    qtbot.keyClicks(dialog.app_id_edit, "app-1")
    qtbot.keyClicks(dialog.secret_edit, SECRET)
    dialog.hosts_edit.setPlainText("apibj.beecloud.cn")
    wrong = tmp_path / "notes.txt"
    wrong.write_text("Ask IT for the office CA.\n", encoding="utf-8")
    dialog.ca_bundle_edit.setText(str(wrong))
    click_save(qtbot, dialog)
    shown = {field: error.text() for field, error in dialog.errors.items() if error.isVisible()}
    assert shown == {
        "ca_bundle": "This file holds no certificate: a CA bundle is a PEM file of certificates."
    }
    assert live_profiles(dialog.session) == [] and keyring_backend.entries == {}


@pytest.mark.parametrize(
    ("text", "hosts", "problem"),
    [
        ("apibj.beecloud.cn", ("https://apibj.beecloud.cn",), None),
        ("http://127.0.0.1:8732\n\n", ("http://127.0.0.1:8732",), None),
        ("HTTPS://API.beecloud.cn/", ("HTTPS://API.beecloud.cn",), None),
        ("a.cn\na.cn", ("https://a.cn",), None),
        ("", (), "Enter at least one server address, one a line."),
        ("api beecloud.cn", (), "Line 1, “api beecloud.cn”, has a space in it."),
        ("https://a.cn/1/rest", (), "Line 1, “https://a.cn/1/rest”, must be just the server's"),
        ("a.cn:99999", (), "Line 1, “a.cn:99999”, has a port that is not a number"),
        ("https://", (), "Line 1, “https://”, is not a server address."),
        ("-bad-.cn", (), "Line 1, “-bad-.cn”, is not a server address."),
        ("http://localhost:8732", ("http://localhost:8732",), None),
        ("http://[::1]:8732", ("http://[::1]:8732",), None),
        ("http://127.9.0.1", ("http://127.9.0.1",), None),
        (
            "https://a.cn\nhttp://apibj.beecloud.cn",
            (),
            "Line 2, “http://apibj.beecloud.cn”, uses http://: a live profile must use https://",
        ),
        ("http://192.168.1.5:8732", (), "Line 1, “http://192.168.1.5:8732”, uses http://"),
        ("http://localhost.evil.com", (), "Line 1, “http://localhost.evil.com”, uses http://"),
        ("https://[::1]", ("https://[::1]",), None),
        (
            "https://user:pass@a.cn",
            (),
            "Line 1, “https://user:pass@a.cn”, the address must not hold a user name or "
            "password (user:pass@).",
        ),
        ("pay@a.cn", (), "Line 1, “pay@a.cn”, the address must not hold a user name"),
        # a newcomer's paste of the document's address, without https://: its path was
        # "not a server address", and with a port "a port that is not a number"
        ("a.cn/1/rest", (), "Line 1, “a.cn/1/rest”, must be just the server's address, with"),
        ("a.cn:443/1/rest", (), "Line 1, “a.cn:443/1/rest”, must be just the server's address"),
        ("a.cn?x=1", (), "Line 1, “a.cn?x=1”, must be just the server's address, with no"),
        # several hosts on one line: "has a space in it", or "not a server address"
        ("a.cn, b.cn", (), "Line 1, “a.cn, b.cn”, holds more than one address: put one a line"),
        ("a.cn，b.cn", (), "Line 1, “a.cn，b.cn”, holds more than one address: put one a line"),
        ("a.cn;b.cn", (), "Line 1, “a.cn;b.cn”, holds more than one address: put one a line"),
    ],
)
def test_hosts_are_urls_or_host_names(
    text: str, hosts: tuple[str, ...], problem: str | None
) -> None:
    parsed, message = parse_hosts(text)
    assert parsed == hosts
    if problem is None:
        assert message is None
    else:
        assert message is not None and message.startswith(problem)


def test_a_live_host_over_plain_http_is_refused_beside_the_field(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.name_edit, "Shop")
    qtbot.keyClicks(dialog.app_id_edit, "app-1")
    qtbot.keyClicks(dialog.secret_edit, SECRET)
    dialog.hosts_edit.setPlainText("http://apibj.beecloud.cn")
    click_save(qtbot, dialog)
    error = dialog.errors["hosts"]
    assert error.isVisible() and "a live profile must use https://" in error.text()
    assert live_profiles(dialog.session) == [] and keyring_backend.entries == {}


def test_spaces_around_a_secret_are_not_part_of_it(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    """As pasted from an e-mail: kept with them, every request would be refused as
    badly signed. A secret of spaces alone is no secret (as in the secret prompt)."""
    fill_new(qtbot, dialog, "Shop", "app-1", "   ")
    click_save(qtbot, dialog)
    assert dialog.errors["secret"].text() == "Enter the App Secret BeeCloud gave you."
    assert live_profiles(dialog.session) == [] and keyring_backend.entries == {}

    dialog.secret_edit.setText(f"  {SECRET}\t")
    dialog.master_secret_edit.setText(" the-master-secret ")
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    assert keyring_backend.entries == {
        (SERVICE, profile.id): SECRET,
        (SERVICE, f"{profile.id}/master-secret"): "the-master-secret",
    }

    dialog.select(profile.id)
    dialog.secret_edit.setText("  ")
    dialog.master_secret_edit.setText("  ")
    click_save(qtbot, dialog)
    assert keyring_backend.entries[(SERVICE, profile.id)] == SECRET, "left as it was"
    assert keyring_backend.entries[(SERVICE, f"{profile.id}/master-secret")] == (
        "the-master-secret"
    )
    assert "left as it was" in dialog.outcome.body.text()


def test_invisible_characters_pasted_around_a_secret_are_not_part_of_it(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    """A secret copied from a chat or a web page with a zero-width space or a word joiner
    after it (unseen in a password field) was stored with it: every request refused as
    badly signed, and nothing on screen to show why. They go, as around an App ID."""
    fill_new(qtbot, dialog, "Shop", "app-1", "")
    dialog.secret_edit.setText(f"\u2060{SECRET}\u200b\n")
    dialog.master_secret_edit.setText("the-master-secret\ufeff")
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    assert keyring_backend.entries == {
        (SERVICE, profile.id): SECRET,
        (SERVICE, f"{profile.id}/master-secret"): "the-master-secret",
    }


@pytest.mark.parametrize("field", ["secret", "master_secret"])
@pytest.mark.parametrize(
    "pasted",
    [f"{SECRET}\nthe-master-secret", f"{SECRET[:5]} {SECRET[5:]}", f"Zq9\u200b{SECRET}"],
    ids=["two lines", "a space", "a zero-width space"],
)
def test_a_secret_pasted_with_a_line_break_space_or_invisible_character_inside_is_refused(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, field: str, pasted: str
) -> None:
    """Two lines pasted into a password field (App Secret and Master Secret copied
    together), or a secret with a space or a zero-width space inside, were stored as
    they were: no BeeCloud secret holds one, and every call would be refused as badly
    signed, the clerk unable to see why. Refused beside the field; nothing stored."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    edit = dialog.secret_edit if field == "secret" else dialog.master_secret_edit
    edit.setText(pasted)
    click_save(qtbot, dialog)
    assert live_profiles(dialog.session) == [] and keyring_backend.entries == {}
    error = dialog.errors[field]
    assert error.isVisible() and "no spaces" in error.text()
    assert QApplication.focusWidget() is edit


@pytest.mark.parametrize(
    "name",
    [
        *("shop", "  SHOP ", "Sandbox", "sandbox", "Shop\u202e", "Sh\top"),
        # invisible: a zero-width space, a left-to-right mark, a word joiner, a soft hyphen
        *("Sandbox\u200b", "Shop\u200e", "\u2060Shop", "Sho\u00adp"),
    ],
)
def test_a_name_is_one_no_other_profile_shows_and_has_no_control_character(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, name: str
) -> None:
    """The profile picker shows names only: two alike (a live profile called Sandbox
    beside the built-in one) would let a payment be taken on the wrong account; a
    direction override turns the live band's words around."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    fill_new(qtbot, dialog, "x", "app-2", "other-secret")
    dialog.name_edit.setText(name)
    click_save(qtbot, dialog)
    assert dialog.errors["name"].isVisible()
    assert dialog.errors["name"].text() in (
        f"Another profile is already called “{name.strip()}”.",
        "Enter a name without control characters (tab, line break, direction marks).",
    )
    assert len(live_profiles(dialog.session)) == 1 and len(keyring_backend.entries) == 1

    [profile] = live_profiles(dialog.session)
    dialog.select(profile.id)  # its own name is not another's
    dialog.name_edit.setText("SHOP")
    click_save(qtbot, dialog)
    assert [p.name for p in live_profiles(dialog.session)] == ["SHOP"]


def test_a_name_and_app_id_pasted_with_a_line_end_are_taken(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    """Copied from a spreadsheet's cell or a mail's line, they came with a line end: the
    form said "without control characters (tab, line break…)" of what it showed as
    'Shop' and 'app-1', and saved nothing, though the line end is never kept."""
    fill_new(qtbot, dialog, "x", "x", SECRET)
    for edit, pasted in ((dialog.name_edit, "Shop\r\n"), (dialog.app_id_edit, "app-1\n")):
        edit.setText("")
        QGuiApplication.clipboard().setText(pasted)
        edit.setFocus()
        edit.paste()
    click_save(qtbot, dialog)
    assert not dialog.errors["name"].isVisible() and not dialog.errors["app_id"].isVisible()
    [profile] = live_profiles(dialog.session)
    assert (profile.name, profile.app_id) == ("Shop", "app-1")


def test_an_app_id_has_no_control_character() -> None:
    form = ProfileInput("Shop", "app-1\u202e", "a.cn", 5.0, 20.0, "", "x", is_new=True)
    assert form_problems(form) == {
        "app_id": "Enter an App ID without control characters (tab, line break, direction marks)."
    }


def test_an_app_id_pasted_with_invisible_characters_around_it_is_taken_without_them(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    """Copied from a mail or a chat with a zero-width space or a byte-order mark around
    it, it looked right and was saved with them: every request then named an app
    BeeCloud does not have."""
    fill_new(qtbot, dialog, "Shop", "x", SECRET)
    dialog.app_id_edit.setText("")
    QGuiApplication.clipboard().setText("\ufeff\u200bapp-1\u200b ")
    dialog.app_id_edit.setFocus()
    dialog.app_id_edit.paste()
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    assert profile.app_id == "app-1"


def test_hosts_pasted_with_invisible_characters_around_them_are_taken_without_them(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    """The server addresses copied from a mail or a chat with a zero-width space or a
    byte-order mark around a line looked right and were refused: "“https://apibj.
    beecloud.cn”, must start with https:// or http://" of a line that does, or "is not a
    server address" of one that is (an App ID's and a return address's are left out)."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    dialog.hosts_edit.clear()
    QGuiApplication.clipboard().setText(
        "\ufeff\u200bhttps://apibj.beecloud.cn\u200b\n\u2060apisz.beecloud.cn\ufeff\n"
    )
    dialog.hosts_edit.setFocus()
    qtbot.keyClick(dialog.hosts_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    assert profile.hosts == ("https://apibj.beecloud.cn", "https://apisz.beecloud.cn")


def test_a_ca_bundle_path_pasted_with_invisible_characters_around_it_is_taken(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, tmp_path: Path
) -> None:
    """A path copied from a chat or a mail with a zero-width space or a byte-order mark
    around it looked right and was refused: "There is no file at this path"."""
    ca_file, _key = make_self_signed(tmp_path)
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    QGuiApplication.clipboard().setText(f"\u200b{ca_file}\ufeff\n")
    dialog.ca_bundle_edit.setFocus()
    qtbot.keyClick(dialog.ca_bundle_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    click_save(qtbot, dialog)
    assert not dialog.errors["ca_bundle"].isVisible(), dialog.errors["ca_bundle"].text()
    [profile] = live_profiles(dialog.session)
    assert profile.ca_bundle == str(ca_file)


def test_a_long_line_pasted_among_the_hosts_is_quoted_by_its_start() -> None:
    """A mail's paragraph pasted as a host was quoted whole in the message beside the
    field: 10,000 characters of red under it, all read by a screen reader."""
    line = "Dear merchant, your API servers are listed below. " * 200
    hosts, message = parse_hosts(f"https://apibj.beecloud.cn\n{line}")
    assert hosts == () and message is not None
    assert message.startswith(f"Line 2, “{line[:80]}…”, ")
    assert len(message) < 200


@pytest.mark.parametrize("app_id", ["app\u200b-1", "app\u00ad-1", "app 1", "app\u3000-1"])
def test_an_app_id_with_a_space_or_an_invisible_character_inside_is_refused(app_id: str) -> None:
    form = ProfileInput("Shop", app_id, "a.cn", 5.0, 20.0, "", "x", is_new=True)
    assert form_problems(form) == {
        "app_id": "An App ID holds no spaces and no characters that do not show (a "
        "zero-width space, say): type it again."
    }


def test_a_profiles_name_holds_no_card_number() -> None:
    """A profile's name is kept in the settings file, where no card number may be."""
    form = ProfileInput("Visa 4111111111111111", "app-1", "a.cn", 5.0, 20.0, "", "x", True)
    assert form_problems(form) == {
        "name": "This looks like a card number: a profile's name is kept on this computer, "
        "so it never holds one."
    }


def test_an_edited_profile_needs_no_secret_but_a_new_one_does() -> None:
    form = ProfileInput("Shop", "app-1", "a.cn", 5.0, 20.0, "", "", is_new=False)
    assert form_problems(form) == {}
    new = ProfileInput("Shop", "app-1", "a.cn", 5.0, 20.0, "", "", is_new=True)
    assert form_problems(new) == {"secret": "Enter the App Secret BeeCloud gave you."}
    slow = ProfileInput(" ", "app-1", "a.cn", 5.0, 0.0, "", "x", is_new=True)
    assert form_problems(slow) == {
        "name": "Enter a name for this profile.",
        "read_timeout": "Must be more than 0 seconds.",
    }


# -- profiles as a damaged or hand-edited settings file holds them -----------------------


@pytest.mark.parametrize(
    "stored", ["nan", float("nan"), "inf", "1e400", -1, 0, "0", 601, 1e9, "five", [5]]
)
def test_a_timeout_no_call_could_keep_reads_as_the_default(settings: Settings, stored) -> None:
    """Every call is bounded in time: an endless timeout would never cut one off, and
    one of 0 or less or not a number made every call fail as 'An unexpected
    ValueError'. The dialog's limits (above 0, 600 seconds at most) hold for the file."""
    item = {"id": "p1", "name": "Shop", "app_id": "app-1", "hosts": list(DEFAULT_HOSTS)}
    settings.put(LIVE_PROFILES, json.dumps([{**item, "connect_timeout": stored}]))
    [profile] = ProfileStore(settings).live_profiles()
    assert profile.connect_timeout == 5.0
    settings.put(LIVE_PROFILES, json.dumps([{**item, "read_timeout": stored}]))
    [profile] = ProfileStore(settings).live_profiles()
    assert profile.read_timeout == 20.0
    settings.put(
        LIVE_PROFILES, json.dumps([{**item, "read_timeout": "600", "connect_timeout": 0.5}])
    )
    [profile] = ProfileStore(settings).live_profiles()
    assert (profile.connect_timeout, profile.read_timeout) == (0.5, 600.0)


SHOP = {"id": "p1", "name": "Shop", "app_id": "app-1", "hosts": ["https://relay.shop.example"]}


@pytest.mark.parametrize(
    "hosts",
    [None, "https://relay.shop.example", [], [5], ["relay shop"], ["http://relay.example"]],
)
def test_a_profile_whose_hosts_cannot_be_read_is_not_used_with_other_hosts(
    settings: Settings, hosts: object
) -> None:
    """Its hosts were silently replaced by BeeCloud's four: a profile that must go
    through the merchant's relay sent its calls elsewhere."""
    item = {**SHOP, "hosts": hosts}
    if hosts is None:
        del item["hosts"]
    settings.put(LIVE_PROFILES, json.dumps([item]))
    store = ProfileStore(settings)
    assert store.live_profiles() == []
    assert store.damage().entries == 1


def test_a_profile_that_cannot_be_read_is_kept_as_it_was_when_another_is_saved(
    settings: Settings,
) -> None:
    damaged = {**SHOP, "hosts": "https://relay.shop.example", "note": "hand-edited"}
    settings.put(LIVE_PROFILES, json.dumps([damaged]))
    store = ProfileStore(settings)
    new = Profile.new_live("Outlet", "app-2")
    store.save(new)
    assert store.live_profiles() == [new]
    assert damaged in json.loads(settings.get(LIVE_PROFILES))
    store.remove(new.id)
    assert json.loads(settings.get(LIVE_PROFILES)) == [damaged]
    assert store.damage().entries == 1


@pytest.mark.parametrize("text", ["[{'id': 'p1', 'name': 'Shop'}", '{"id": "p1"}', "null"])
def test_profiles_whose_text_cannot_be_read_are_set_aside_not_overwritten(
    settings: Settings, text: str
) -> None:
    """Saving a new profile wrote over every profile of a damaged list."""
    settings.put(LIVE_PROFILES, text)
    store = ProfileStore(settings)
    assert store.live_profiles() == []
    assert store.damage().whole
    new = Profile.new_live("Outlet", "app-2")
    store.save(new)
    assert store.live_profiles() == [new]
    assert settings.get(LIVE_PROFILES_UNREADABLE) == text
    assert not store.damage().whole
    reread = Settings.in_file(Path(settings.file_name()))
    assert reread.get(LIVE_PROFILES_UNREADABLE) == text


@pytest.mark.parametrize(
    ("stored", "words"),
    [
        (
            json.dumps([{**SHOP, "hosts": 5}, {"id": "x"}]),
            ("2 live profiles saved in", "kept in the file as they were"),
        ),
        ("[{", ("The live profiles saved in", "“profiles/live_unreadable”")),
    ],
)
def test_the_start_says_which_profiles_could_not_be_read(
    qtbot, session: ConsoleSession, stored: str, words: tuple[str, str]
) -> None:
    session.settings.put(LIVE_PROFILES, stored)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_start_notice()
    notice = window.start_notice
    assert notice is not None
    assert session.settings.file_name() in notice.text()
    assert all(word in notice.text() for word in words), notice.text()


@pytest.mark.parametrize("stored", ["[" * 100_000, '[{"a": ' * 100_000, "[{", "\x00", "null"])
def test_a_profile_list_that_cannot_be_read_is_no_profile(settings: Settings, stored) -> None:
    """Nested deeper than Python's JSON reader goes, the list stopped every start of the
    console with a RecursionError (before its window): now, as any text that is not a
    list, it holds no profile."""
    settings.put(LIVE_PROFILES, stored)
    assert ProfileStore(settings).live_profiles() == []
    assert ProfileStore(settings).damage().whole


def test_a_profile_another_console_saved_is_kept_when_this_one_saves(tmp_path: Path) -> None:
    """Two consoles on one settings file: a profile saved in one was written over by the
    next save in the other, which wrote its own list as read at its start (the profile
    was gone, its App Secret left in the keyring for nothing); a profile removed there
    came back with it."""
    path = tmp_path / "settings.ini"
    here = ProfileStore(Settings.in_file(path))
    shop, outlet = Profile.new_live("Shop", "app-1"), Profile.new_live("Outlet", "app-2")
    here.save(shop)
    here.save(outlet)
    there_path = tmp_path / "there" / "settings.ini"
    there_path.parent.mkdir()
    there_path.write_bytes(path.read_bytes())
    there = ProfileStore(Settings.in_file(there_path))
    cafe = Profile.new_live("Café", "app-3")
    there.save(cafe)
    there.remove(outlet.id)
    there_path.replace(path)  # the other console's save, as Qt writes it: a new file
    here.save(Profile.new_live("商店 🛒", "app-4"))
    names = [profile.name for profile in here.live_profiles()]
    assert names == ["Shop", "Café", "商店 🛒"]
    assert "app-3" in path.read_text(encoding="utf-8")


def test_a_profile_in_use_another_console_removed_sends_nothing_and_says_so(
    session: ConsoleSession, settings: Settings, tmp_path: Path
) -> None:
    """It said "No app secret is stored for the profile “Shop”. Enter it in Profiles…
    first.", where the profile was no longer listed."""
    profile = Profile.new_live("Shop", "app-1")
    session.profiles.save(profile)
    session.secrets.set(profile.id, SECRET)
    session.activate(profile.id)
    settings.save_now()
    there_path = tmp_path / "there" / "settings.ini"
    there_path.parent.mkdir()
    there_path.write_bytes((tmp_path / "settings.ini").read_bytes())
    ProfileStore(Settings.in_file(there_path)).remove(profile.id)
    session.secrets.delete(profile.id)  # as the other console's Remove does
    there_path.replace(tmp_path / "settings.ini")
    with pytest.raises(CannotSend, match="removed"):
        session.credentials()


def _changed_elsewhere(session: ConsoleSession, profile: Profile, **changes: object) -> Profile:
    """The profile in use saved by another console on the same data folder: its new
    secrets under a new keyring entry, the settings naming it (as its Profiles… does)."""
    there = replace(profile, **changes).under_new_keyring_entry()  # type: ignore[arg-type]
    secret = session.secrets.get(profile.secret_key)
    assert secret
    session.secrets.set(there.secret_key, "the-secret-after" if "app_id" in changes else secret)
    session.profiles.save(there)  # what this console's Profile object does not know
    session.secrets.delete(profile.secret_key)
    return there


def _pay(qtbot, window: MainWindow) -> PaymentTab:
    payment = window.payment_tab
    fill_common(payment)
    payment.return_url_edit.setText("https://shop.example.com/paypal/done")
    payment.pay()
    qtbot.waitUntil(lambda: payment.submitted is None, timeout=WAIT_MS)
    return payment


def test_a_payment_after_another_console_gave_the_profile_another_app_is_not_sent(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """Another console gave the profile in use another App ID and App Secret: the next
    payment here was signed with the old App ID (the one the band showed) and the new
    secret, and BeeCloud refused it (code 1). It is not sent, the panel says why, and
    the band shows the profile as saved now."""
    assert session.sandbox is not None
    profile = live_profile(session, "Shop", (session.sandbox.base_url,))
    _changed_elsewhere(session, profile, app_id="app-after")
    payment = _pay(qtbot, window)
    assert payment.outcome.title.text() == "The profile was changed"
    said = payment.outcome.body.text()
    assert "changed in another console" in said and "nothing was sent" in said, said
    assert "app-after" in said, said
    qtbot.waitUntil(lambda: "app-after" in window.band.text(), timeout=WAIT_MS)
    assert session.profile.app_id == "app-after"
    assert not [e for e in session.store.audit_log.entries() if e.result == audit.REQUESTED]


def card_paid_with_on_a_live_profile(
    qtbot, window: MainWindow, session: ConsoleSession
) -> tuple[PaymentTab, Profile]:
    """A card payment made on a live profile "Shop" (on the embedded sandbox), its card
    offered to be saved."""
    assert session.sandbox is not None
    profile = live_profile(session, "Shop", (session.sandbox.base_url,))
    payment = window.payment_tab
    fill_card(payment)
    fill_common(payment)
    payment.pay()
    qtbot.waitUntil(lambda: payment.submitted is None, timeout=WAIT_MS)
    return payment, profile


def save_card_as_office_visa(qtbot, payment: PaymentTab) -> str:
    """Save pressed with the card named "Office Visa": what the line beside it says."""
    payment.card_label_edit.setText("Office Visa")
    qtbot.mouseClick(payment.save_card_button, Qt.MouseButton.LeftButton)
    return payment.card_row.card_saved_label.text()


def test_a_card_paid_with_before_another_console_gave_the_profile_another_app_is_not_saved(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """A card paid with here, then the profile given another App ID by another console:
    Save kept the card under the profile, now of the other app, which knows no such card,
    and the Saved card picker offered it for good (the switch to the new app had already
    forgotten the old app's cards). It is not saved, and the line says why."""
    payment, profile = card_paid_with_on_a_live_profile(qtbot, window, session)
    assert payment.card_row.isVisible() and payment.save_card_button.isEnabled()
    _changed_elsewhere(session, profile, app_id="app-after")
    session.local.belong_to_app(profile.id, "app-after")  # as its Profiles… does there
    said = save_card_as_office_visa(qtbot, payment)
    assert session.local.saved_cards(profile.id) == []
    assert said.startswith("Not saved:") and "app-after" in said, said
    qtbot.waitUntil(lambda: "app-after" in window.band.text(), timeout=WAIT_MS)


def test_a_card_paid_with_before_another_console_removed_the_profile_is_not_saved(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """The same, the profile removed there: the card was kept for no profile, for good."""
    payment, profile = card_paid_with_on_a_live_profile(qtbot, window, session)
    session.profiles.remove(profile.id)  # as another console's Remove does
    said = save_card_as_office_visa(qtbot, payment)
    assert session.local.saved_cards(profile.id) == []
    assert said.startswith("Not saved:") and "removed in another console" in said, said
    assert session.profile.is_sandbox


def test_a_paypal_link_answered_after_another_console_gave_the_profile_another_app_is_not_kept(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """A PayPal payment on its way when another console gave the profile another App ID:
    its link was kept under the profile, now of the other app, and Waiting for payers
    offered it there, where a check asks the new app about a bill it never made."""
    from console.sandbox.faults import Fault
    from console.store.stamps import steady_now

    assert session.sandbox is not None
    profile = live_profile(session, "Shop", (session.sandbox.base_url,), read_timeout=5.0)
    sandbox_of(session).faults.set("pay", Fault("latency", 300, count=1))
    payment = window.payment_tab
    fill_common(payment)
    payment.return_url_edit.setText("https://shop.example.com/paypal/done")
    payment.pay()
    [handle] = [h for h in session.gateway.running() if h.job.action is Action.PAY]
    # on its way: its secrets read (off the GUI thread) and sent, its answer held back
    qtbot.waitUntil(lambda: not session.gateway.waits_for_secrets(handle), timeout=WAIT_MS)
    assert handle.running
    _changed_elsewhere(session, profile, app_id="app-after")
    session.local.belong_to_app(profile.id, "app-after")  # as its Profiles… does there
    qtbot.waitUntil(lambda: payment.submitted is None, timeout=WAIT_MS)
    assert "approval page" in payment.outcome.body.text(), payment.outcome.body.text()
    assert session.local.links.waiting(profile.id, steady_now()) == []


def test_a_payment_after_another_console_mended_the_profiles_hosts_goes_to_them(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """The same app, given a host that answers (and another entry for its secret) by
    another console: the payment went to the hosts this console read at the switch."""
    assert session.sandbox is not None
    profile = live_profile(session, "Shop", ("http://127.0.0.1:9",), connect_timeout=0.5)
    _changed_elsewhere(session, profile, hosts=(session.sandbox.base_url,))
    payment = _pay(qtbot, window)
    assert payment.outcome.kind == "success", payment.outcome.body.text()
    assert session.profile.hosts == (session.sandbox.base_url,)


def test_a_refund_after_another_console_gave_the_profile_another_app_is_not_sent(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """The bill found under the app before: its refund is not signed for the new one, and
    is not left as one whose outcome is unknown (nothing went)."""
    assert session.sandbox is not None
    profile = live_profile(session, "Shop", (session.sandbox.base_url,))
    refund_tab = window.refund_tab
    window.tabs.setCurrentWidget(refund_tab)
    refund_tab.confirm = Answer()
    find(qtbot, refund_tab, special_bill(session))
    _changed_elsewhere(session, profile, app_id="app-after")
    click_refund(qtbot, refund_tab)
    assert refund_tab.outcome.title.text().endswith("was not sent: The profile was changed")
    assert session.reconciler.unresolved(profile.id) == []
    qtbot.waitUntil(lambda: "app-after" in window.band.text(), timeout=WAIT_MS)


def test_a_payment_for_a_profile_another_console_removed_goes_back_to_the_sandbox(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """Nothing is sent, the panel says so, and the window is on the sandbox: the band
    said LIVE — Shop for a profile no longer there, and every sync failed."""
    profile = live_profile(session, "Shop", ("http://127.0.0.1:9",))
    session.local.removing(profile.id)  # as another console's Remove leaves the files
    session.profiles.remove(profile.id)
    session.secrets.delete(profile.secret_key)
    payment = _pay(qtbot, window)
    assert payment.outcome.title.text() == "The profile was removed"
    assert "practice sandbox" in payment.outcome.body.text()
    qtbot.waitUntil(lambda: session.profile.is_sandbox, timeout=WAIT_MS)
    assert "SANDBOX" in window.band.text()
    assert not mirror_path(session.data_dir, profile.id).exists()


def test_a_profile_the_settings_lost_while_in_use_is_left_but_not_forgotten(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """No Profiles… removed it (the settings file replaced or deleted by hand): nothing is
    sent through it, but its history and saved cards stay for the file put back."""
    profile = live_profile(session, "Shop", ("http://127.0.0.1:9",))
    session.local.save_card(profile.id, "Office Visa", "CARD-1")
    session.profiles.remove(profile.id)  # as a settings file without it leaves it
    payment = _pay(qtbot, window)
    assert payment.outcome.title.text() == "The profile was removed"
    qtbot.waitUntil(lambda: session.profile.is_sandbox, timeout=WAIT_MS)
    assert mirror_path(session.data_dir, profile.id).exists()
    assert [card.label for card in session.local.saved_cards(profile.id)] == ["Office Visa"]


def test_a_profile_another_console_changed_while_shown_here_is_not_saved_over(
    qtbot, dialog: ProfilesDialog
) -> None:
    """Shown here, then given a new App Secret by another console (its secrets under a
    new keyring entry, the old one deleted): a change of its name here saved it naming
    the old entry, so that it had no App Secret any more, the other's kept for good with
    nothing naming it. The save is refused, the profile shown again as saved now."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    there = profile.under_new_keyring_entry()
    session.secrets.set(there.secret_key, "the-secret-after")
    session.profiles.save(replace(there, read_timeout=30.0))  # the other console's save
    session.secrets.delete(profile.secret_key)
    dialog.name_edit.setText("Shop north")
    click_save(qtbot, dialog)
    [now] = live_profiles(session)
    assert now == replace(there, read_timeout=30.0), "as the other console saved it"
    assert "changed in another console" in dialog.outcome.body.text()
    # the name typed here is kept, the timeout changed there taken into the form
    assert dialog.name_edit.text() == "Shop north" and dialog.read_timeout_spin.value() == 30.0
    click_save(qtbot, dialog)  # saved again over the version shown now: its secrets kept
    assert live_profiles(session)[0].secret_key == there.secret_key


def _typed_over_a_change_there(qtbot, dialog: ProfilesDialog) -> Profile:
    """“Shop” shown here; another console renames it “Shop west”, gives it an answer
    timeout of 30 s and new secrets; here its name, servers, connect timeout and both
    secrets are typed, and Save pressed. What the other console saved."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    there = replace(profile.under_new_keyring_entry(), name="Shop west", read_timeout=30.0)
    session.secrets.set(there.secret_key, "the-secret-after")
    session.secrets.set(there.master_secret_key, "the-master-after")
    session.profiles.save(there)  # the other console's save
    session.secrets.delete(profile.secret_key)
    dialog.name_edit.setText("Shop north")
    dialog.hosts_edit.setPlainText("https://api.shop.example")
    dialog.connect_timeout_spin.setValue(7.0)
    qtbot.keyClicks(dialog.secret_edit, "typed-app-secret")
    qtbot.keyClicks(dialog.master_secret_edit, "typed-master-secret")
    click_save(qtbot, dialog)
    assert live_profiles(session) == [there], "nothing saved over it unseen"
    return there


def test_a_save_refused_over_another_consoles_change_keeps_what_was_typed(
    qtbot, dialog: ProfilesDialog
) -> None:
    """The refusal showed the other console's version and threw away what the clerk
    had typed, its secrets too. Now the form keeps it all (a field untouched here
    takes the other console's value), the refusal names what changed there (a secret
    only as changed), and a second Save saves the form over it."""
    session = dialog.session
    _typed_over_a_change_there(qtbot, dialog)
    said = dialog.outcome.body.text()
    assert dialog.outcome.title.text() == "Nothing was saved"
    assert "changed in another console" in said, said
    assert "“Shop west”" in said and "30.0 seconds" in said, said
    assert "Secret" in said and "the-secret-after" not in said, said
    assert "typed-app-secret" not in said and "the-master-after" not in said, said
    assert dialog.name_edit.text() == "Shop north"
    assert dialog.hosts_edit.toPlainText() == "https://api.shop.example"
    assert dialog.connect_timeout_spin.value() == 7.0
    assert dialog.read_timeout_spin.value() == 30.0, "untouched here: taken from there"
    assert dialog.secret_edit.text() == "typed-app-secret"
    assert dialog.master_secret_edit.text() == "typed-master-secret"
    assert dialog.has_unsaved_changes()
    click_save(qtbot, dialog)  # deliberately, over the version now named
    [now] = live_profiles(session)
    assert (now.name, now.hosts, now.connect_timeout, now.read_timeout) == (
        "Shop north",
        ("https://api.shop.example",),
        7.0,
        30.0,
    )
    assert session.secrets.get(now.secret_key) == "typed-app-secret"
    assert session.secrets.get(now.master_secret_key) == "typed-master-secret"
    assert dialog.outcome.title.text() == "Saved “Shop north”."
    assert dialog.secret_edit.text() == "" and dialog.master_secret_edit.text() == ""


def test_a_save_refused_over_another_consoles_change_can_take_theirs(
    qtbot, dialog: ProfilesDialog
) -> None:
    dialog.resize(940, 600)  # as on a screen of 1024×768: the form scrolls
    there = _typed_over_a_change_there(qtbot, dialog)
    assert dialog.take_theirs_button.isVisible()
    # scrolled into sight: it ends the form, taller than the dialog once it is laid out
    form, fields = dialog.form_area, dialog.form_area.widget()
    assert fields is not None
    qtbot.waitUntil(lambda: fields.height() > form.viewport().height())
    assert not dialog.take_theirs_button.visibleRegion().isEmpty()
    assert not dialog.outcome.title.visibleRegion().isEmpty()
    qtbot.mouseClick(dialog.take_theirs_button, Qt.MouseButton.LeftButton)
    assert dialog.name_edit.text() == "Shop west"
    assert dialog.hosts_edit.toPlainText() == "\n".join(there.hosts)
    assert (dialog.connect_timeout_spin.value(), dialog.read_timeout_spin.value()) == (5.0, 30.0)
    assert dialog.secret_edit.text() == "" and dialog.master_secret_edit.text() == ""
    assert not dialog.has_unsaved_changes() and not dialog.take_theirs_button.isVisible()
    assert live_profiles(dialog.session) == [there]


def test_forget_the_master_secret_ticked_here_does_not_forget_one_set_there(
    qtbot, dialog: ProfilesDialog
) -> None:
    """Forget the stored Master Secret ticked for the one shown here, then the save
    refused because another console stored new secrets, a Master Secret among them: a
    second Save forgot theirs, unseen, while the refusal said a save keeps the new ones."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    qtbot.keyClicks(dialog.master_secret_edit, "the-master-before")
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    there = profile.under_new_keyring_entry()
    session.secrets.set(there.secret_key, "the-secret-after")
    session.secrets.set(there.master_secret_key, "the-master-after")
    session.profiles.save(there)  # the other console's save
    session.secrets.delete(profile.secret_key)
    session.secrets.delete(profile.master_secret_key)
    dialog.forget_master_secret.setChecked(True)
    dialog.name_edit.setText("Shop north")
    click_save(qtbot, dialog)
    said = dialog.outcome.body.text()
    assert "a save here keeps the new ones" in said, said
    click_save(qtbot, dialog)
    [now] = live_profiles(session)
    assert now.name == "Shop north"
    assert session.secrets.get(now.master_secret_key) == "the-master-after"


def test_a_profile_another_console_changed_while_shown_here_is_not_removed_as_it_was(
    qtbot, dialog: ProfilesDialog
) -> None:
    """Removed here after another console gave it new secrets: the entry of its secrets
    before was deleted, the one the other console stored kept for good, unnamed."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    there = profile.under_new_keyring_entry()
    session.secrets.set(there.secret_key, "the-secret-after")
    session.profiles.save(there)
    session.secrets.delete(profile.secret_key)
    dialog.confirm_remove = Answer()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert live_profiles(session) == [there]
    assert "changed in another console" in dialog.outcome.body.text()
    dialog.confirm_remove = Answer()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)  # as shown now
    assert live_profiles(session) == []
    assert session.secrets.get(there.secret_key) is None


def test_remove_refused_over_another_consoles_change_keeps_what_was_typed(
    qtbot, dialog: ProfilesDialog
) -> None:
    """Remove… pressed after another console renamed the profile shown: the refusal
    showed their version and threw away the name and App Secret typed here. Now the form
    keeps what was typed (a field untouched here takes theirs), the refusal names what
    changed there, and Remove… again removes the profile as saved there, asked first."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    there = replace(profile, name="Shop west", read_timeout=30.0)
    session.profiles.save(there)  # the other console's save
    dialog.app_id_edit.setText("app-2")
    qtbot.keyClicks(dialog.secret_edit, "typed-app-secret")
    dialog.confirm_remove = asked = Answer()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert live_profiles(session) == [there] and asked.asked == []
    said = dialog.outcome.body.text()
    assert dialog.outcome.title.text() == "Nothing was removed"
    assert "changed in another console" in said and "“Shop west”" in said, said
    assert "typed-app-secret" not in said, said
    assert dialog.app_id_edit.text() == "app-2" and dialog.secret_edit.text() == "typed-app-secret"
    assert dialog.name_edit.text() == "Shop west" and dialog.read_timeout_spin.value() == 30.0
    assert dialog.has_unsaved_changes()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [question.profile for question in asked.asked] == [there]
    assert live_profiles(session) == []


def removed_elsewhere_while_shown(qtbot, dialog: ProfilesDialog) -> Profile:
    """A live profile saved and shown in the dialog, then removed by another console,
    its secret with it: the profile as it was."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    session.profiles.remove(profile.id)  # the other console's Remove
    session.secrets.delete(profile.secret_key)
    return profile


def test_a_profile_another_console_removed_while_shown_here_is_not_saved_again(
    qtbot, dialog: ProfilesDialog
) -> None:
    session = dialog.session
    removed_elsewhere_while_shown(qtbot, dialog)
    dialog.name_edit.setText("Shop north")
    click_save(qtbot, dialog)
    assert live_profiles(session) == []
    assert "removed in another console" in dialog.outcome.body.text()


def test_a_save_refused_because_another_console_removed_the_profile_keeps_what_was_typed(
    qtbot, dialog: ProfilesDialog
) -> None:
    """The refusal showed the Sandbox (or the profile in use) instead, the clerk's name,
    servers and App Secret thrown away. Now the form keeps them, as a new profile: a
    second Save adds it again, deliberately, under an id of its own."""
    session = dialog.session
    profile = removed_elsewhere_while_shown(qtbot, dialog)
    dialog.name_edit.setText("Shop north")
    dialog.hosts_edit.setPlainText("https://api.shop.example")
    qtbot.keyClicks(dialog.secret_edit, "typed-app-secret")
    click_save(qtbot, dialog)
    assert live_profiles(session) == []
    said = dialog.outcome.body.text()
    assert "removed in another console" in said and "new profile" in said, said
    assert dialog.name_edit.text() == "Shop north"
    assert dialog.hosts_edit.toPlainText() == "https://api.shop.example"
    assert dialog.secret_edit.text() == "typed-app-secret"
    assert dialog.has_unsaved_changes()
    click_save(qtbot, dialog)
    [again] = live_profiles(session)
    assert (again.name, again.app_id, again.hosts) == (
        "Shop north",
        "app-1",
        ("https://api.shop.example",),
    )
    assert again.id != profile.id
    assert session.secrets.get(again.secret_key) == "typed-app-secret"


# -- when no keyring works ------------------------------------------------------------------


def test_a_keyring_that_is_not_the_system_s_is_named_and_never_given_a_secret(
    qtbot, session: ConsoleSession, tmp_path: Path
) -> None:
    """keyring picks keyrings.alt's PlaintextKeyring where no Secret Service answers: the
    dialog said "Secrets are kept in the system keyring (file PlaintextKeyring)" and the
    App Secret went into a file, in base64."""
    kept = tmp_path / "keyring_pass.cfg"
    session.secrets = SecretStore(PlainFileKeyring(kept))
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.secret_location.text() == (
        "Secrets cannot be stored: the keyring found, tests.gui.memory_keyring.PlainFileKeyring, "
        "is not a system keyring (it may keep them in a file)."
    )
    dialog.offer_session_only = agree = Answer()
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    assert agree.asked == ["No system keyring is available on this computer."]
    [profile] = live_profiles(session)
    assert session.secrets.get(profile.id) == SECRET
    assert "for this session only" in dialog.secret_location.text()
    assert not kept.exists()


def test_no_keyring_offer_accepted_keeps_the_secret_for_this_session_only(
    qtbot, dialog: ProfilesDialog
) -> None:
    session = dialog.session
    session.secrets = SecretStore(BrokenKeyring())
    dialog.offer_session_only = agree = Answer()
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)

    assert agree.asked == ["No system keyring is available on this computer."]
    [profile] = live_profiles(session)
    assert session.secrets.session_only
    assert session.secrets.get(profile.id) == SECRET
    assert "for this session only" in dialog.secret_location.text()
    assert "for this session only" in dialog.outcome.body.text()
    # nothing is called stored that is held in memory
    dialog.select(profile.id)
    assert dialog.secret_edit.placeholderText() == (
        "Leave empty to keep the App Secret held for this session only"
    )
    dialog.start_new()
    assert dialog.secret_edit.placeholderText() == (
        "the App Secret from BeeCloud (kept for this session only)"
    )
    # the next secret goes to memory too, without asking again
    fill_new(qtbot, dialog, "Shop 2", "app-2", "second")
    click_save(qtbot, dialog)
    assert len(agree.asked) == 1 and len(live_profiles(session)) == 2
    dialog.select(profile.id)
    session.secrets.delete(profile.id)
    dialog.select(live_profiles(session)[1].id)
    dialog.select(profile.id)
    assert dialog.secret_edit.placeholderText() == (
        "No App Secret is held: one entered is kept for this session only"
    )


def test_no_keyring_offer_declined_saves_nothing(qtbot, dialog: ProfilesDialog) -> None:
    session = dialog.session
    session.secrets = SecretStore(BrokenKeyring())
    dialog.offer_session_only = lambda reason: False
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)

    assert live_profiles(session) == []
    assert not session.secrets.session_only
    assert dialog.outcome.kind == "keyring"
    assert dialog.outcome.title.text() == "Nothing was saved"
    body = dialog.outcome.body.text()
    assert "No system keyring is available on this computer." in body
    assert "never writes secrets to a file" in body


def saved_then_keyring_broken(qtbot, dialog: ProfilesDialog) -> Profile:
    """A live profile saved earlier with its App Secret and Master Secret in the keyring,
    shown after a start on which no keyring works."""
    fill_new(qtbot, dialog, "Shop", "app-1", "the-old-secret")
    dialog.master_secret_edit.setText("the-master-secret")
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    dialog.session.secrets = SecretStore(BrokenKeyring())
    dialog.start_new()
    dialog.select(profile.id)
    return profile


def test_a_saved_profiles_new_secret_is_offered_the_session_when_no_keyring_works(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    """Its App Secret typed after a start with no keyring was 'Nothing was saved': its
    Master Secret, to be copied, could not be read. It is kept for the session as a new
    profile's is, and the clerk is told the Master Secret stored before is not."""
    before = saved_then_keyring_broken(qtbot, dialog)
    stored = dict(keyring_backend.entries)
    dialog.offer_session_only = agree = Answer()
    qtbot.keyClicks(dialog.secret_edit, "the-new-secret")
    click_save(qtbot, dialog)

    assert agree.asked == ["No system keyring is available on this computer."]
    assert dialog.outcome.title.text() == "Saved “Shop”."
    [profile] = live_profiles(dialog.session)
    assert (profile.id, profile.app_id) == (before.id, "app-1")
    session = dialog.session
    session.activate(profile.id)
    credentials = session.credentials()
    assert (credentials.secret, credentials.master_secret) == ("the-new-secret", None)
    body = dialog.outcome.body.text()
    assert "for this session only" in body
    assert (
        "The Master Secret stored before, if any, could not be read: No system keyring "
        "is available on this computer. It is not kept with this profile: enter it again "
        "if BeeCloud refuses refunds." in body
    )
    assert keyring_backend.entries == stored, "nothing claimed stored, nothing deleted"


@pytest.mark.parametrize("session_only", [False, True])
def test_a_saved_profiles_master_secret_alone_needs_its_app_secret_when_none_can_be_read(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, session_only: bool
) -> None:
    """Its App Secret stored before cannot be read to go with a new Master Secret: it
    is asked for beside its field, and nothing is saved (the profile would have named an
    entry without it, the old one deleted at the next start)."""
    before = saved_then_keyring_broken(qtbot, dialog)
    if session_only:
        dialog.session.secrets.use_session_only()
    dialog.offer_session_only = agree = Answer()
    dialog.master_secret_edit.setText("another-master-secret")
    click_save(qtbot, dialog)

    assert agree.asked == []
    assert live_profiles(dialog.session) == [before]
    assert dialog.errors["secret"].text() == (
        "The App Secret stored before cannot be read: No system keyring is available on "
        "this computer. Enter it again to save this profile's secrets."
    )
    assert dialog.secret_edit.hasFocus()


class NoMasterSecretKeyring(MemoryKeyring):
    """Stores App Secrets but refuses a Master Secret (a keyring locked between two
    calls, an entry it cannot take)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        if username.endswith("/master-secret"):
            raise keyring.errors.PasswordSetError("refused")
        super().set_password(service, username, password)


def saved_with_secret(qtbot, dialog: ProfilesDialog, secret: str) -> Profile:
    fill_new(qtbot, dialog, "Shop", "app-1", secret)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    dialog.select(profile.id)
    return profile


@pytest.mark.parametrize("new", [True, False])
def test_a_secret_that_cannot_be_kept_leaves_the_others_as_they_were(
    qtbot, dialog: ProfilesDialog, new: bool
) -> None:
    """'Nothing was saved' is true: the App Secret stored before the Master Secret was
    refused is put back (an edited profile's) or taken out (a new one's, which would
    belong to nothing)."""
    backend = NoMasterSecretKeyring()
    dialog.session.secrets = SecretStore(backend)
    if new:
        fill_new(qtbot, dialog, "Shop", "app-1", "the-new-secret")
    else:
        saved_with_secret(qtbot, dialog, "the-old-secret")
        dialog.secret_edit.setText("the-new-secret")
    before = dict(backend.entries)
    dialog.master_secret_edit.setText("the-master-secret")
    dialog.offer_session_only = lambda reason: False
    click_save(qtbot, dialog)
    assert dialog.outcome.title.text() == "Nothing was saved"
    assert backend.entries == before
    assert len(live_profiles(dialog.session)) == (0 if new else 1)


def test_secrets_kept_for_the_session_are_all_of_them(qtbot, dialog: ProfilesDialog) -> None:
    """The App Secret stored in the keyring just before the user chose memory would be
    unseen for the session (memory is then where secrets are read)."""
    dialog.session.secrets = SecretStore(NoMasterSecretKeyring())
    fill_new(qtbot, dialog, "Shop", "app-1", "the-app-secret")
    dialog.master_secret_edit.setText("the-master-secret")
    dialog.offer_session_only = lambda reason: True
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    dialog.session.activate(profile.id)
    credentials = dialog.session.credentials()
    assert (credentials.secret, credentials.master_secret) == (
        "the-app-secret",
        "the-master-secret",
    )


def test_a_profile_that_cannot_be_saved_keeps_its_stored_secret(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, monkeypatch
) -> None:
    """The settings file could not be written (a full disk) after the new App Secret
    was stored: the old one is put back, as 'Nothing was saved' says."""
    profile = saved_with_secret(qtbot, dialog, "the-old-secret")

    def cannot_save(profile: Profile) -> None:
        raise ProfileSaveError("The console's settings file could not be written.")

    monkeypatch.setattr(dialog.session.profiles, "save", cannot_save)
    dialog.secret_edit.setText("the-new-secret")
    dialog.master_secret_edit.setText("the-master-secret")
    click_save(qtbot, dialog)
    assert dialog.outcome.title.text() == "Nothing was saved"
    assert keyring_backend.entries == {(SERVICE, profile.id): "the-old-secret"}


def test_a_save_the_settings_file_refused_keeps_the_secrets_typed(
    qtbot, dialog: ProfilesDialog, monkeypatch
) -> None:
    """The settings file could not be written (a full disk) after the new secrets were
    stored: they were taken out of the keyring, as they should, and out of their fields
    too, so that the clerk had to find and type them again. Now they stay in their
    fields (never shown), and a Save once the file can be written saves them."""
    session = dialog.session
    profile = saved_with_secret(qtbot, dialog, "the-old-secret")
    save = session.profiles.save

    def cannot_save(profile: Profile) -> None:
        raise ProfileSaveError("The console's settings file could not be written.")

    monkeypatch.setattr(session.profiles, "save", cannot_save)
    qtbot.keyClicks(dialog.secret_edit, "the-new-secret")
    qtbot.keyClicks(dialog.master_secret_edit, "the-master-secret")
    click_save(qtbot, dialog)
    assert dialog.outcome.title.text() == "Nothing was saved"
    assert dialog.secret_edit.text() == "the-new-secret"
    assert dialog.master_secret_edit.text() == "the-master-secret"
    monkeypatch.setattr(session.profiles, "save", save)  # room on the disk again
    click_save(qtbot, dialog)
    [now] = live_profiles(session)
    assert now.id == profile.id and dialog.outcome.title.text() == "Saved “Shop”."
    assert session.secrets.get(now.secret_key) == "the-new-secret"
    assert session.secrets.get(now.master_secret_key) == "the-master-secret"
    assert dialog.secret_edit.text() == "" and dialog.master_secret_edit.text() == ""


class ReadOnlyKeyring(MemoryKeyring):
    """Holds what it held, refuses a new secret; deletes only when `deletes`."""

    def __init__(self, deletes: bool) -> None:
        super().__init__()
        self.deletes = deletes

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("refused")

    def delete_password(self, service: str, username: str) -> None:
        if not self.deletes:
            raise keyring.errors.KeyringLocked("locked")
        super().delete_password(service, username)


@pytest.mark.parametrize("deletes", [True, False])
def test_a_new_secret_kept_in_memory_does_not_leave_the_old_one_to_the_next_start(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, deletes: bool
) -> None:
    """The keyring refused the new App Secret; kept in memory, it was used this session
    and the keyring kept the old one: the next start read it and signed with it without
    a word. The old one is taken out; where the keyring will not, the clerk is told, and
    the next start asks for the secret all the same."""
    before = saved_with_secret(qtbot, dialog, "the-old-secret")
    backend = ReadOnlyKeyring(deletes)
    backend.entries = dict(keyring_backend.entries)
    dialog.session.secrets = SecretStore(backend)
    dialog.offer_session_only = lambda reason: True
    dialog.secret_edit.setText("the-new-secret")
    click_save(qtbot, dialog)
    assert dialog.outcome.title.text() == "Saved “Shop”."
    [profile] = live_profiles(dialog.session)
    assert dialog.session.secrets.get(profile.secret_key) == "the-new-secret"
    assert SecretStore(backend).get(profile.secret_key) is None, "asked for at the next start"
    body = dialog.outcome.body.text()
    if deletes:
        assert backend.entries == {} and "would not give up" not in body
    else:
        assert backend.entries == {(SERVICE, before.id): "the-old-secret"}
        assert "tries again to delete them at its next start" in body


def test_the_session_only_question_says_what_it_means(qapp: QApplication) -> None:
    box = session_only_box(None, "The system keyring is locked; unlock it and try again.")
    assert "The system keyring is locked" in box.text()
    assert "never writes secrets to a file" in box.informativeText()
    assert "for this session only" in box.informativeText()
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Keep for this session only"
    assert box.button(QMessageBox.StandardButton.No).text() == "Don't save"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)


def test_the_remove_question_names_the_profile(qapp: QApplication) -> None:
    """It said only its settings and App Secret were deleted: its history, its saved
    cards and its PayPal links waiting for payers (kept nowhere else) go too."""
    box = remove_box(None, Profile.new_live("Shop live", "app-123"), IN_KEYRING)
    assert box.text() == "Remove the profile “Shop live” (app app-123)?"
    said = box.informativeText()
    assert "App Secret" in said
    for gone in ("history", "saved cards", "payment links waiting for payers"):
        assert gone in said, said
    assert "audit log keeps" in said
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Remove"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)


@pytest.mark.parametrize("kept", ["keyring", "session", "none", "unreadable"])
def test_the_remove_question_says_where_the_app_secret_is(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, kept: str
) -> None:
    """It said 'its stored App Secret' is deleted of a secret kept for this session only
    (never stored) and of a profile with none at all."""
    session = dialog.session
    if kept in ("session", "unreadable"):
        session.secrets = SecretStore(BrokenKeyring())
        dialog.offer_session_only = lambda reason: True
    profile = saved_with_secret(qtbot, dialog, SECRET)
    if kept == "none":
        session.secrets.delete(profile.secret_key)
    if kept == "unreadable":
        session.secrets = SecretStore(BrokenKeyring())
    said = dialog.remove_question(profile).informativeText()
    assert "history, its saved cards" in said
    assert ("stored in the keyring" in said) == (kept == "keyring"), said
    assert ("kept for this session only" in said) == (kept == "session"), said
    assert ("no App Secret" in said) == (kept == "none"), said
    assert ("cannot be read" in said) == (kept == "unreadable"), said
    assert "stored App Secret" not in said
    if kept != "unreadable":
        dialog.confirm_remove = lambda p: True
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        title = dialog.outcome.title.text()
        assert title == (
            "Removed “Shop”." if kept == "none" else "Removed “Shop” and its App Secret."
        )


# -- the secret never reaches the disk or the log ---------------------------------------------


def test_the_secret_is_never_written_to_settings_data_or_logs(
    qtbot,
    dialog: ProfilesDialog,
    settings: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(dialog.session)
    dialog.session.activate(profile.id)
    dialog.close()
    settings.save_now()

    files = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert tmp_path / "settings.ini" in files and tmp_path / "console.sqlite3" in files
    needles = [SECRET.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    for path in files:
        data = path.read_bytes()
        assert not any(needle in data for needle in needles), path
    assert SECRET not in caplog.text
    assert dialog.secret_edit.text() == ""


# -- the main window around it -----------------------------------------------------------------


def test_the_window_picks_up_a_new_profile_and_shows_the_live_band(
    qtbot, window: MainWindow
) -> None:
    opened: list[QWidget | None] = []

    def answer_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        opened.append(dialog)
        try:
            if isinstance(dialog, ProfilesDialog):
                fill_new(qtbot, dialog, "Shop live", "app-123", SECRET)
                click_save(qtbot, dialog)
        finally:  # whatever happened, never leave the test blocked in exec()
            if isinstance(dialog, QDialog):
                dialog.accept()

    QTimer.singleShot(0, answer_the_dialog)
    qtbot.mouseClick(window.profiles_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and isinstance(opened[0], ProfilesDialog)

    picker = window.profile_picker
    assert [picker.itemText(i) for i in range(picker.count())] == ["Sandbox", "Shop live"]
    assert window.band.text().startswith("SANDBOX")
    assert window.band.styleSheet() == colours.render(SANDBOX_STYLE)

    picker.setCurrentIndex(1)
    assert window.session.profile.name == "Shop live"
    assert window.band.text() == "LIVE — Shop live (app app-123): real payments"
    assert window.band.styleSheet() == colours.render(LIVE_STYLE)
    assert picker.currentText() == "Shop live"

    picker.setCurrentIndex(0)
    assert window.band.text().startswith("SANDBOX")
    assert window.band.styleSheet() == colours.render(SANDBOX_STYLE)


def test_profiles_opened_after_another_console_removed_the_profile_in_use_goes_to_the_sandbox(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """The picker showed Sandbox after Profiles… (the profile was no longer listed) while
    the band still said LIVE — Shop and the console sent through it."""
    profile = live_profile(session, "Shop", ("http://127.0.0.1:9",))
    session.profiles.remove(profile.id)  # the other console's Remove
    shown: list[str] = []

    def close_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        shown.append(window.band.text())
        if isinstance(dialog, QDialog):
            dialog.reject()

    QTimer.singleShot(0, close_the_dialog)
    qtbot.mouseClick(window.profiles_button, Qt.MouseButton.LeftButton)
    assert session.profile.is_sandbox
    assert shown[0].startswith("SANDBOX") and window.band.text().startswith("SANDBOX")
    assert window.profile_picker.currentText() == "Sandbox"
    # and why: the band turned amber with no word of it
    assert window.statusBar().currentMessage() == (
        "The profile “Shop” has been removed in another console. "
        "The console is back on the practice sandbox."
    )


@pytest.mark.parametrize("how", ["removed", "unreadable"])
def test_a_profile_picked_that_another_console_removed_or_that_cannot_be_read_is_said(
    qtbot, window: MainWindow, session: ConsoleSession, how: str
) -> None:
    """The picker was filled before: picking the profile switched to the sandbox without
    a word, the band turning amber as if the sandbox had been picked."""
    shop = live_profile(session, "Shop", ("http://127.0.0.1:9",))
    outlet = live_profile(session, "Outlet", ("http://127.0.0.1:9",))
    session.activate(outlet.id)
    window._fill_profile_picker()
    if how == "removed":
        session.profiles.remove(shop.id)  # another console's Remove
    else:
        items = json.loads(session.settings.get(LIVE_PROFILES))  # Shop's damaged by hand
        damaged = [{**item, "hosts": 7} if item["id"] == shop.id else item for item in items]
        session.settings.put(LIVE_PROFILES, json.dumps(damaged))
    picker = window.profile_picker
    picker.setCurrentIndex(picker.findData(shop.id))
    said = window.statusBar().currentMessage()
    assert session.profile.id == outlet.id  # the one in use stays, as the band says
    assert window.band.text().startswith("LIVE — Outlet")
    assert picker.currentData() == outlet.id
    if how == "removed":
        assert said.startswith("The profile “Shop” has been removed in another console.")
    else:
        assert said.startswith("The profile “Shop” cannot be read now")
    assert said.endswith("The console stays on the profile “Outlet”.")


def test_a_profile_picked_is_read_from_the_settings_once(
    qtbot, window: MainWindow, session: ConsoleSession, monkeypatch
) -> None:
    """A pick read the settings file twice to find the profile picked (the picker to see
    it was still there, then the switch to it), and once more to list the profiles: the
    switch is made to the profile the picker found, and only the list reads them again."""
    shop = live_profile(session, "Shop", ("http://127.0.0.1:9",))
    session.activate(SANDBOX_ID)
    reads: list[str] = []
    reload = Settings.reload

    def counted(self: Settings) -> None:
        reads.append(self.file_name())
        reload(self)

    monkeypatch.setattr(Settings, "reload", counted)
    picker = window.profile_picker
    picker.setCurrentIndex(picker.findData(shop.id))
    assert session.profile.id == shop.id and picker.currentData() == shop.id
    assert len(reads) == 2  # the profile picked, then the picker's list


def test_a_sync_of_the_timer_s_finding_the_profile_in_use_removed_says_why_it_left(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """No tab asked for that sync, so no tab showed its report: the band turned amber
    and the status bar said nothing."""
    profile = live_profile(session, "Shop", (sandbox_of(session).base_url,))
    session.profiles.remove(profile.id)  # the other console's Remove
    session.history.sync()  # the timer's
    qtbot.waitUntil(lambda: session.profile.is_sandbox, timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == (
        "The profile “Shop” has been removed in another console. "
        "The console is back on the practice sandbox."
    )


def test_a_live_profile_without_a_secret_refuses_to_send(qtbot, window: MainWindow) -> None:
    session = window.session
    profile = Profile.new_live("No secret yet", "app-9", ("https://127.0.0.1:9",))
    session.profiles.save(profile)
    session.activate(profile.id)
    handle = session.submit(ALL_BILLS, BillQuery(), "Loading bills")  # its secret asked for
    with qtbot.waitSignal(handle.failed, timeout=2_000) as refused:
        pass
    # nothing was sent: neither it nor the sync the profile's activation asked for (its
    # secret read off the GUI thread too, it may fail a moment later)
    qtbot.waitUntil(lambda: not session.gateway.running(), timeout=WAIT_MS)
    [report] = refused.args
    assert report.kind == "secret"
    assert report.message == (
        "No app secret is stored for the profile “No secret yet”. Enter it in Profiles… first."
    )


def test_the_last_profile_is_resumed_by_a_new_session(
    session: ConsoleSession, settings: Settings, tmp_path: Path
) -> None:
    profile = Profile.new_live("Shop", "app-1")
    session.profiles.save(profile)
    session.activate(profile.id)

    (tmp_path / "again").mkdir()
    again = ConsoleSession(
        Settings.in_file(settings.file_name()),
        tmp_path / "again",
        SecretStore(MemoryKeyring()),
    )
    try:
        assert again.profiles.last_id() == profile.id
        assert again.activate(again.profiles.last_id()) == profile
        assert again.sandbox is None  # a live profile does not start the sandbox
    finally:
        again.shutdown()


def closed_as_soon_as_shown() -> None:
    """The modal dialog about to be shown is closed (Escape) once it is."""

    def close() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QDialog):
            shown.reject()
        else:
            QTimer.singleShot(1, close)

    QTimer.singleShot(0, close)


def test_profiles_opened_and_closed_all_week_leave_nothing_behind(
    window: MainWindow, qtbot
) -> None:
    """Each Profiles… closed was kept whole, some hundred objects of Qt as children of
    the window, until the console closed: a console left open all week grew by one at
    every look at the profiles. It goes once closed."""
    closed_as_soon_as_shown()
    window.open_profiles()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the loop does
    before = len(window.findChildren(QObject))
    for _ in range(10):
        closed_as_soon_as_shown()
        window.open_profiles()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(ProfilesDialog) == []
    assert len(window.findChildren(QObject)) == before


def test_the_dialog_remembers_its_size(qtbot, session: ConsoleSession) -> None:
    first = ProfilesDialog(session)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 530)
    first.accept()
    second = ProfilesDialog(session)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (720, 530)


@pytest.mark.parametrize(
    "name",
    [  # the longest a name may be (64 characters), with spaces, without, and wide
        ("Shop of the north-west region, second floor " * 2)[:64],
        ("ShopOfTheNorthWest" * 4)[:64],
        "商" * 64,
    ],
)
def test_a_long_name_keeps_the_dialog_within_the_screen(
    qtbot, dialog: ProfilesDialog, name: str
) -> None:
    """Its heading ('Live profile “…”') and the outcome ('Saved “…”.') were one line
    each: the dialog grew wider than any screen, Save and Close out of sight. (Names
    of 176 and 216 characters were tried here before a name had a limit.)"""
    fill_new(qtbot, dialog, "x", "app-1", SECRET)
    dialog.name_edit.setText(name)  # as pasted: QTest types no Chinese
    click_save(qtbot, dialog)
    assert dialog.outcome.kind == "success"
    QApplication.processEvents()
    assert dialog.minimumSizeHint().width() <= 1000
    assert dialog.width() <= 1000


def test_a_refused_save_puts_the_cursor_in_the_first_field_to_correct(
    qtbot, dialog: ProfilesDialog, session: ConsoleSession
) -> None:
    """Found by keys alone: Enter (Save profile, the default) on a form with a field
    wrong said why under the field, but left the cursor where it was, the clerk to look
    for the field and go back to it by Tab; and a screen reader said nothing of it. The
    cursor goes to the first field to correct, whose description is the message."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is dialog.name_edit
    qtbot.keyClicks(dialog.name_edit, "Shop")  # no App ID
    dialog.secret_edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(dialog.secret_edit, "not-a-real-secret")
    qtbot.keyClick(dialog.secret_edit, Qt.Key.Key_Return)
    assert live_profiles(session) == []
    message = dialog.errors["app_id"].text()
    assert message and dialog.errors["app_id"].isVisible()
    assert QApplication.focusWidget() is dialog.app_id_edit
    assert dialog.app_id_edit.accessibleDescription() == message
    qtbot.keyClicks(dialog.app_id_edit, "app-1")
    qtbot.keyClick(dialog.app_id_edit, Qt.Key.Key_Return)
    assert [profile.name for profile in live_profiles(session)] == ["Shop"]
    assert dialog.app_id_edit.accessibleDescription() == ""


KILLED_WHILE_SAVING = """
import os, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.store.secrets import SecretStore
from tests.gui.memory_keyring import FileKeyring

folder = Path(sys.argv[1])
app = QApplication([])
session = ConsoleSession(
    Settings.in_file(folder / "settings.ini"), folder, SecretStore(FileKeyring(sys.argv[2]))
)
dialog = ProfilesDialog(session)
dialog.start_new()
dialog.name_edit.setText(sys.argv[3])
dialog.app_id_edit.setText("c5d1a2b3-4e5f-6789-abcd-ef0123456789")
dialog.secret_edit.setText("the-secret-of-a-profile-never-saved")
dialog.master_secret_edit.setText("its-master-secret")
session.profiles.save = lambda profile: os._exit(9)  # killed before the settings' write
dialog.save()
os._exit(0)
"""


def test_a_secret_stored_for_a_profile_a_kill_kept_from_the_settings_goes_at_the_next_start(
    qapp, tmp_path: Path
) -> None:
    """A new profile's App Secret (and Master Secret) is stored first, then the profile:
    killed between the two, the keyring kept an entry of a profile that does not exist,
    for good, seen by no one. The next start deletes the entries of a profile whose save
    was cut short and that the settings do not hold; those of the others stay."""
    import os
    import subprocess
    import sys

    keyring_file = str(tmp_path / "keyring.json")
    kept = FileKeyring(keyring_file)
    kept.set_password(SERVICE, "a-profile-saved", "its-secret")
    kept.set_password("another-app", "whatever", "not ours")
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_SAVING, str(tmp_path), keyring_file, "Shop"],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 9, done.stderr
    orphans = [
        user
        for (service, user) in FileKeyring(keyring_file).entries_now()
        if service == SERVICE and user != "a-profile-saved"
    ]
    assert len(orphans) == 2, "the secret and the Master Secret of a profile never saved"
    session = ConsoleSession(
        Settings.in_file(tmp_path / "settings.ini"),
        tmp_path,
        SecretStore(FileKeyring(keyring_file)),
    )
    try:
        assert FileKeyring(keyring_file).entries_now() == {
            (SERVICE, "a-profile-saved"): "its-secret",
            ("another-app", "whatever"): "not ours",
        }
    finally:
        session.shutdown()


def test_a_profile_being_saved_in_a_live_console_keeps_its_secrets_from_another_start(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, monkeypatch, tmp_path: Path
) -> None:
    """A console started while another stores a new profile's secrets leaves them: the
    profile is held as being saved from before its secrets are stored until it is."""
    from console.store.in_flight import PROFILES, InFlight

    held_meanwhile: list[bool] = []
    real_set = keyring_backend.set_password

    def set_password(service: str, username: str, password: str) -> None:
        held_meanwhile.append(InFlight(tmp_path / "sending", PROFILES).elsewhere(username))
        real_set(service, username, password)

    monkeypatch.setattr(keyring_backend, "set_password", set_password)
    fill_new(qtbot, dialog, "Shop", "c5d1a2b3-4e5f-6789-abcd-ef0123456789", SECRET)
    click_save(qtbot, dialog)
    assert held_meanwhile == [True]
    [profile] = live_profiles(dialog.session)
    assert not InFlight(tmp_path / "sending", PROFILES).elsewhere(profile.id), "saved: let go"
    assert keyring_backend.entries == {(SERVICE, profile.id): SECRET}


KILLED_WHILE_CHANGING = """
import os, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.store.secrets import SecretStore
from tests.gui.memory_keyring import FileKeyring

folder, keyring_file, profile_id, when = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
app = QApplication([])
session = ConsoleSession(
    Settings.in_file(folder / "settings.ini"), folder, SecretStore(FileKeyring(keyring_file))
)
store = session.profiles
real_save, real_remove = store.save, store.remove


def killed(real):
    def call(*args):
        if when == "after":
            real(*args)
        os._exit(9)
    return call


store.save, store.remove = killed(real_save), killed(real_remove)
dialog = ProfilesDialog(session)
dialog.select(profile_id)
if sys.argv[5] == "remove":
    dialog.confirm_remove = lambda profile: True
    dialog.remove_selected()
else:
    dialog.confirm_app_id_change = lambda change: True
    dialog.app_id_edit.setText("app-after")
    dialog.secret_edit.setText("the-secret-after")
    dialog.save()
os._exit(0)
"""


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("change", ["edit", "remove"])
def test_a_profile_changed_by_a_console_killed_meanwhile_keeps_its_own_secrets(
    qapp, tmp_path: Path, when: str, change: str
) -> None:
    """Killed before or after the settings' write of a profile's new App ID and App
    Secret (or of its removal), the next start finds the profile as it was, with its own
    secrets and saved cards, or as it was made, with its new secrets and none of the old
    app's cards; never one App ID with the other's secret or cards, and no entry in the
    keyring that no profile names. A profile removed leaves nothing behind: neither its
    saved cards nor its history."""
    import os
    import subprocess
    import sys

    keyring_file = str(tmp_path / "keyring.json")
    keyring = FileKeyring(keyring_file)
    settings = Settings.in_file(tmp_path / "settings.ini")
    before = Profile.new_live("Shop", "app-before")
    ProfileStore(settings).save(before)
    settings.save_now()
    store = SecretStore(keyring)
    store.set(before.id, "the-secret-before")
    store.set(f"{before.id}/master-secret", "the-master-secret")
    earlier = ConsoleSession(Settings.in_file(tmp_path / "settings.ini"), tmp_path, store)
    earlier.activate(before.id)
    earlier.local.save_card(before.id, "Office Visa", "CARD-OF-APP-BEFORE")
    assert earlier.history.mirror is not None  # its history, in a file of its own
    earlier.shutdown()
    history = mirror_path(tmp_path, before.id)
    assert history.exists()
    arguments = [str(tmp_path), keyring_file, before.id, when, change]
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_CHANGING, *arguments],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 9, done.stderr
    session = ConsoleSession(Settings.in_file(tmp_path / "settings.ini"), tmp_path, store)
    try:
        profiles = session.profiles.live_profiles()
        if change == "remove" and when == "after":
            assert profiles == []
            assert FileKeyring(keyring_file).entries_now() == {}
            assert session.local.saved_cards(before.id) == []
            assert not history.exists(), "the bills of an account no longer used"
            return
        [profile] = profiles
        session.activate(profile.id)
        credentials = session.credentials()
        made = {"before": ("app-before", "the-secret-before")}
        made["after"] = ("app-after", "the-secret-after") if change == "edit" else made["before"]
        assert (credentials.app_id, credentials.secret) == made[when]
        assert credentials.master_secret == "the-master-secret"
        cards = [card.credit_card_id for card in session.local.saved_cards(profile.id)]
        # BeeCloud knows a saved card only under the app that saved it
        assert cards == ([] if credentials.app_id == "app-after" else ["CARD-OF-APP-BEFORE"])
        assert len(FileKeyring(keyring_file).entries_now()) == 2, "its secrets, no other"
    finally:
        session.shutdown()


def shop_used_once(path: Path) -> Profile:
    """A live profile saved in the settings at `path`, used by a console on that folder:
    its history made and a card saved."""
    profile = Profile.new_live("Shop", "app-1")
    ProfileStore(Settings.in_file(path)).save(profile)
    earlier = ConsoleSession(Settings.in_file(path), path.parent, SecretStore(MemoryKeyring()))
    earlier.activate(profile.id)
    earlier.local.save_card(profile.id, "Office Visa", "CARD-1")
    assert earlier.history.mirror is not None
    earlier.shutdown()
    return profile


def test_what_is_kept_of_a_profile_stays_while_the_settings_cannot_be_used(
    qapp, tmp_path: Path
) -> None:
    """A start forgets what is kept of profiles removed that the settings no longer
    hold; settings it cannot use (a link in the file's place: read as none, never
    written) hold none, and every profile's history and saved cards would go with them."""
    path = tmp_path / "settings.ini"
    profile = shop_used_once(path)
    path.symlink_to(path.rename(tmp_path / "elsewhere.ini"))
    again = ConsoleSession(Settings.in_file(path), tmp_path, SecretStore(MemoryKeyring()))
    try:
        assert again.profiles.live_profiles() == []
        assert [card.label for card in again.local.saved_cards(profile.id)] == ["Office Visa"]
        assert mirror_path(tmp_path, profile.id).exists()
    finally:
        again.shutdown()


@pytest.mark.parametrize("lost", ["zeroed", "deleted"])
def test_a_profile_the_settings_lost_keeps_its_history_and_cards_for_the_file_put_back(
    qapp, tmp_path: Path, lost: str
) -> None:
    """Only a profile removed in Profiles… is forgotten. Settings damaged (set aside at
    the first start, empty at the second) or deleted by hand held no profile, and the
    next start deleted every profile's history, saved cards and bill currencies, kept
    nowhere else: the settings put back found none of them."""
    path = tmp_path / "settings.ini"
    profile = shop_used_once(path)
    backup = path.read_bytes()
    if lost == "zeroed":
        path.write_bytes(b"\0" * len(backup))
    else:
        path.unlink()
    for _start in range(2):
        again = ConsoleSession(Settings.in_file(path), tmp_path, SecretStore(MemoryKeyring()))
        assert again.profiles.live_profiles() == []
        again.shutdown()
    path.write_bytes(backup)  # put back
    back = ConsoleSession(Settings.in_file(path), tmp_path, SecretStore(MemoryKeyring()))
    try:
        assert [p.id for p in back.profiles.live_profiles()] == [profile.id]
        assert [card.label for card in back.local.saved_cards(profile.id)] == ["Office Visa"]
        assert mirror_path(tmp_path, profile.id).exists()
    finally:
        back.shutdown()


def _damaged_elsewhere(session: ConsoleSession, profile: Profile, whole: bool) -> None:
    """The settings' saved live profiles damaged while this console runs (a hand edit,
    another program): the whole list no longer one, or the profile's own entry."""
    there = Settings.in_file(session.settings.file_name())
    if whole:
        there.put(LIVE_PROFILES, '[{"id": "' + profile.id + '", "name": "Sh')
    else:
        [entry] = json.loads(there.get(LIVE_PROFILES))
        entry["hosts"] = "not a list"
        there.put(LIVE_PROFILES, json.dumps([entry]))
    assert there.save_now()


@pytest.mark.parametrize("whole", [True, False], ids=["list", "entry"])
def test_a_payment_while_the_saved_profiles_cannot_be_read_says_so_not_removed(
    qtbot, window: MainWindow, session: ConsoleSession, whole: bool
) -> None:
    """The settings' live profiles damaged while the console ran: a payment said "The
    profile “Shop” has been removed in another console", which no one did. It says the
    saved profiles cannot be read now, where the file is, that nothing was sent, and
    nothing kept of the profile is lost (the damaged text stays in the file)."""
    profile = live_profile(session, "Shop", ("http://127.0.0.1:9",))
    session.local.save_card(profile.id, "Office Visa", "CARD-1")
    _damaged_elsewhere(session, profile, whole)
    damaged = Settings.in_file(session.settings.file_name()).get(LIVE_PROFILES)
    payment = _pay(qtbot, window)
    title, said = payment.outcome.title.text(), payment.outcome.body.text()
    assert title == "The saved profiles cannot be read", title
    assert "removed" not in said and "cannot be read" in said, said
    assert session.settings.file_name() in said and "Nothing was sent" in said, said
    qtbot.waitUntil(lambda: session.profile.is_sandbox, timeout=WAIT_MS)
    assert mirror_path(session.data_dir, profile.id).exists()
    assert [card.label for card in session.local.saved_cards(profile.id)] == ["Office Visa"]
    assert Settings.in_file(session.settings.file_name()).get(LIVE_PROFILES) == damaged


def test_profiles_opened_while_the_saved_profiles_cannot_be_read_says_so_and_forgets_nothing(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    """Opening Profiles… said the profile had been removed in another console; and one a
    removal had been begun for (its mark written, the settings' write still to come)
    was forgotten though the file, once mended, still holds it."""
    profile = live_profile(session, "Shop", ("http://127.0.0.1:9",))
    session.local.save_card(profile.id, "Office Visa", "CARD-1")
    session.local.removing(profile.id)
    _damaged_elsewhere(session, profile, whole=False)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    qtbot.mouseClick(window.profiles_button, Qt.MouseButton.LeftButton)
    assert session.profile.is_sandbox
    said = window.statusBar().currentMessage()
    assert said.startswith("The profile “Shop” cannot be read now"), said
    assert session.settings.file_name() in said and "removed" not in said, said
    assert mirror_path(session.data_dir, profile.id).exists()
    assert [card.label for card in session.local.saved_cards(profile.id)] == ["Office Visa"]


def test_a_card_paid_with_before_the_saved_profiles_became_unreadable_is_not_saved(
    qtbot, window: MainWindow, session: ConsoleSession
) -> None:
    payment, profile = card_paid_with_on_a_live_profile(qtbot, window, session)
    _damaged_elsewhere(session, profile, whole=True)
    said = save_card_as_office_visa(qtbot, payment)
    assert session.local.saved_cards(profile.id) == []
    assert said.startswith("Not saved: The profile “Shop” cannot be read now"), said
    assert "removed" not in said


def test_a_profile_whose_saved_entry_cannot_be_read_now_is_not_saved_over(
    qtbot, dialog: ProfilesDialog
) -> None:
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    _damaged_elsewhere(session, profile, whole=False)
    damaged = Settings.in_file(session.settings.file_name()).get(LIVE_PROFILES)
    dialog.name_edit.setText("Shop north")
    click_save(qtbot, dialog)
    said = dialog.outcome.body.text()
    assert "cannot be read now" in said and "removed" not in said, said
    assert Settings.in_file(session.settings.file_name()).get(LIVE_PROFILES) == damaged


@pytest.mark.parametrize("whole", [True, False], ids=["list", "entry"])
def test_a_save_refused_because_the_saved_entry_cannot_be_read_keeps_what_was_typed(
    qtbot, dialog: ProfilesDialog, whole: bool
) -> None:
    """Save (or Remove…) pressed once the settings' entry of the profile shown had been
    damaged: the refusal said so, and showed the Sandbox instead, the name and App Secret
    typed thrown away. Now the form keeps them, and a Save once the file is mended saves
    them."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    whole_before = Settings.in_file(session.settings.file_name()).get(LIVE_PROFILES)
    _damaged_elsewhere(session, profile, whole)
    dialog.name_edit.setText("Shop north")
    qtbot.keyClicks(dialog.secret_edit, "typed-app-secret")
    click_save(qtbot, dialog)
    said = dialog.outcome.body.text()
    assert "cannot be read now" in said and "typed-app-secret" not in said, said
    assert dialog.name_edit.text() == "Shop north"
    assert dialog.app_id_edit.text() == "app-1"
    assert dialog.secret_edit.text() == "typed-app-secret"
    assert dialog.has_unsaved_changes()
    dialog.confirm_remove = asked = Answer()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)  # refused as well
    assert asked.asked == [] and "cannot be read now" in dialog.outcome.body.text()
    assert dialog.outcome.title.text() == "Nothing was removed"
    assert dialog.name_edit.text() == "Shop north"
    assert dialog.secret_edit.text() == "typed-app-secret"
    mended = Settings.in_file(session.settings.file_name())
    mended.put(LIVE_PROFILES, whole_before)
    assert mended.save_now()
    click_save(qtbot, dialog)
    [now] = live_profiles(session)
    assert now.id == profile.id and now.name == "Shop north"
    assert session.secrets.get(now.secret_key) == "typed-app-secret"


def test_a_profile_gone_beside_another_that_cannot_be_read_is_said_removed(
    settings: Settings,
) -> None:
    """Only what may be the profile's makes it 'cannot be read': an entry that names
    another id does not."""
    profiles = ProfileStore(settings)
    shop, outlet = Profile.new_live("Shop", "app-1"), Profile.new_live("Outlet", "app-2")
    profiles.save(shop)
    settings.put(LIVE_PROFILES, json.dumps([{"id": outlet.id, "hosts": []}]))
    assert profiles.damage().entries == 1
    assert profiles.gone(shop.id, "Shop").kind == "removed"
    assert profiles.gone(outlet.id, "Outlet").kind == "unreadable"
    settings.put(LIVE_PROFILES, json.dumps([{"name": "no id"}]))
    assert profiles.gone(shop.id, "Shop").kind == "unreadable"


class _Killed(Exception):
    """The console removing a profile stops here (killed, the power cut)."""


@pytest.mark.parametrize("killed", ["after the settings' write", "before it"])
def test_a_removal_a_start_meanwhile_saw_unfinished_is_finished_by_the_next_start(
    qtbot, dialog: ProfilesDialog, monkeypatch, tmp_path: Path, killed: str
) -> None:
    """A console started while Profiles… of another removed a profile (its mark written,
    the settings' write still to come) took the removal for one the settings never took
    and cleared its mark: the removing console killed before it forgot the profile, its
    history, saved cards and currencies stayed on the disk for good. A removal in a live
    console is left to it; one whose console is gone is finished by the next start, or,
    the settings still holding the profile, undone (and the profile then lost from the
    settings by hand keeps all, for the file put back)."""
    session = dialog.session
    path = tmp_path / "settings.ini"
    profile = shop_used_once(path)
    dialog._fill_list(profile.id)
    assert dialog.editing == profile
    remove = session.profiles.remove

    def start_meanwhile_then_killed(profile_id: str) -> None:
        meanwhile = ConsoleSession(Settings.in_file(path), tmp_path, SecretStore(MemoryKeyring()))
        meanwhile.shutdown()
        assert [card.label for card in session.local.saved_cards(profile_id)] == ["Office Visa"]
        if killed == "before it":
            raise _Killed
        remove(profile_id)
        raise _Killed

    monkeypatch.setattr(session.profiles, "remove", start_meanwhile_then_killed)
    dialog.confirm_remove = Answer()
    with pytest.raises(_Killed):
        dialog.remove_selected()
    session.shutdown()  # as a kill lets go of its holds
    if killed == "before it":  # a removal never made: the settings then lose it by hand
        next_start = ConsoleSession(Settings.in_file(path), tmp_path, SecretStore(MemoryKeyring()))
        assert [p.id for p in next_start.profiles.live_profiles()] == [profile.id]
        next_start.shutdown()
        ProfileStore(Settings.in_file(path)).remove(profile.id)
    again = ConsoleSession(Settings.in_file(path), tmp_path, SecretStore(MemoryKeyring()))
    try:
        cards = [card.label for card in again.local.saved_cards(profile.id)]
        if killed == "before it":
            assert cards == ["Office Visa"] and mirror_path(tmp_path, profile.id).exists()
        else:
            assert cards == [] and not mirror_path(tmp_path, profile.id).exists()
    finally:
        again.shutdown()


def test_a_removal_the_settings_refused_forgets_nothing_after_a_start_meanwhile(
    qtbot, dialog: ProfilesDialog, monkeypatch, tmp_path: Path
) -> None:
    session = dialog.session
    path = tmp_path / "settings.ini"
    profile = shop_used_once(path)
    dialog._fill_list(profile.id)
    assert dialog.editing == profile

    def start_meanwhile_then_refused(profile_id: str) -> None:
        meanwhile = ConsoleSession(Settings.in_file(path), tmp_path, SecretStore(MemoryKeyring()))
        meanwhile.shutdown()
        raise ProfileSaveError("The settings file could not be written.")

    monkeypatch.setattr(session.profiles, "remove", start_meanwhile_then_refused)
    dialog.confirm_remove = Answer()
    dialog.remove_selected()
    assert "could not be written" in dialog.outcome.body.text()
    ProfileStore(Settings.in_file(path)).remove(profile.id)  # lost from the settings by hand
    again = ConsoleSession(Settings.in_file(path), tmp_path, SecretStore(MemoryKeyring()))
    try:
        assert [card.label for card in again.local.saved_cards(profile.id)] == ["Office Visa"]
        assert mirror_path(tmp_path, profile.id).exists()
    finally:
        again.shutdown()


def test_remove_reads_the_keyring_once_for_its_question(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, monkeypatch
) -> None:
    """Remove…? read the profile's keyring entry twice for one question (once to say
    what became of its App Secret, once more for the question's words): a keyring that
    asks for its password at each read asked twice."""
    profile = saved_with_secret(qtbot, dialog, SECRET)
    reads: list[str] = []
    read = keyring_backend.get_password

    def counted(service: str, username: str) -> str | None:
        reads.append(username)
        return read(service, username)

    monkeypatch.setattr(keyring_backend, "get_password", counted)
    asked: list[str] = []

    def cancel() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, cancel)
            return
        asked.append(box.informativeText())
        box.reject()

    QTimer.singleShot(0, cancel)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "stored in the keyring" in asked[0]
    assert reads == [profile.secret_key]
    assert live_profiles(dialog.session) == [profile]


@pytest.mark.parametrize(
    "system",
    [
        QLocale(QLocale.Language.English, QLocale.Country.Denmark),  # 1.234,5
        QLocale(QLocale.Language.German, QLocale.Country.Germany),  # shown in en_US
        QLocale(QLocale.Language.English, QLocale.Country.SouthAfrica),  # 1 234,5
    ],
    ids=lambda system: system.name(),
)
@pytest.mark.parametrize("typed", ["2.5", "2,5"])
def test_a_timeout_typed_with_a_decimal_comma_or_point_is_read_as_typed(
    qtbot, session: ConsoleSession, system: QLocale, typed: str
) -> None:
    """The timeouts are read with the locale's numbers: on Denmark's English "2.5"
    became 25 seconds ('.' groups thousands there), and a German clerk's "2,5" became
    25 seconds on the English shown (',' groups them), ten times the time typed."""
    i18n.apply(i18n.ENGLISH, system)
    try:
        made = ProfilesDialog(session)
        qtbot.addWidget(made)
        made.show()
        qtbot.waitExposed(made)
        qtbot.mouseClick(made.add_button, Qt.MouseButton.LeftButton)
        spin = made.connect_timeout_spin
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, typed)
        spin.interpretText()
        assert spin.value() == 2.5 and spin.text() == "2.5 seconds", spin.text()
    finally:
        i18n.uninstall()


def test_a_removal_the_settings_file_cannot_take_is_said_as_a_removal(
    qtbot, dialog: ProfilesDialog, monkeypatch
) -> None:
    """A full disk refused the removal, and the dialog said "Nothing was saved … so the
    profile was not saved": of a profile the clerk had asked to remove."""
    session = dialog.session
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    [profile] = live_profiles(session)
    dialog.select(profile.id)
    monkeypatch.setattr(session.settings, "save_now", lambda: False)  # a full disk
    dialog.confirm_remove = lambda p: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.title.text() == "Nothing was removed"
    body = dialog.outcome.body.text()
    assert "could not be written, so the profile was not removed" in body, body
    assert live_profiles(session) == [profile]


@pytest.mark.parametrize(
    ("pasted", "taken"),
    [
        ("３０", 30.0),
        ("２．５", 2.5),
        ("２，５", 2.5),
        ("2。5", 2.5),  # the ideographic full stop, a Chinese input method's "."
        ("\u200b30\ufeff", 30.0),
        ("\u300030", 30.0),
    ],
    ids=ascii,
)
def test_a_timeout_typed_in_full_width_or_pasted_with_invisible_characters_is_taken(
    qtbot, dialog: ProfilesDialog, pasted: str, taken: float
) -> None:
    """A Chinese input method in full-width mode types "３０"; a chat copies "30" with a
    zero-width space: the field took none of it, without a word (each key, the paste,
    did nothing), as the card's fields once did."""
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    spin = dialog.read_timeout_spin
    spin.setFocus()
    spin.selectAll()
    QGuiApplication.clipboard().setText(pasted)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    spin.interpretText()
    assert spin.value() == taken, spin.text()
    spin.selectAll()
    for key in "４５":  # as an input method types, one at a time
        typed = QInputMethodEvent()
        typed.setCommitString(key)
        QApplication.sendEvent(spin.lineEdit(), typed)
    spin.interpretText()
    assert spin.value() == 45.0, spin.text()


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("S" * 10_000, True),  # a whole mail pasted in
        ("S" * 65, True),
        ("S" * 64, False),
        ("商" * 64, False),  # counted as seen, not as bytes
        ("👨\u200d👩\u200d👧" * 64, False),  # one family each, as a clerk sees it
        ("e\u0301" * 64, False),  # an accent typed after its letter
    ],
    ids=lambda value: value if isinstance(value, bool) else f"{len(value)} code points",
)
def test_a_name_longer_than_a_picker_line_is_refused_beside_the_field(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, name: str, refused: bool
) -> None:
    """A 10,000-character name was saved: it then filled the profile picker, the live
    band, the audit log's Profile column and the export files' names. A name is at most
    64 characters as the clerk sees them, as a card holder's name is."""
    fill_new(qtbot, dialog, "x", "app-1", SECRET)
    dialog.name_edit.setText(name)
    click_save(qtbot, dialog)
    if refused:
        assert dialog.errors["name"].isVisible()
        assert dialog.errors["name"].text() == (
            f"A name holds at most 64 characters; this one has {len(name):,}."
        )
        assert live_profiles(dialog.session) == [] and keyring_backend.entries == {}
    else:
        assert [p.name for p in live_profiles(dialog.session)] == [name]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\u3164", "Enter a name for this profile."),  # a Hangul filler: a blank line
        ("\u200b\u034f", "Enter a name for this profile."),
        ("Sandbox\u3164", "Another profile is already called “Sandbox\u3164”."),
        ("\ufe0fShop\uffa0", "Another profile is already called “\ufe0fShop\uffa0”."),
        ("Sh\u034fop", "Another profile is already called “Sh\u034fop”."),
    ],
    ids=ascii,
)
def test_a_name_that_shows_nothing_or_another_s_with_a_filler_is_refused(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring, name: str, message: str
) -> None:
    """A Hangul filler or a combining grapheme joiner shows nothing: a name of one was
    saved, a blank line in the picker, and a live "Sandbox" with one after it stood in
    the picker as the built-in Sandbox, practice and real money alike to the eye."""
    fill_new(qtbot, dialog, "Shop", "app-1", SECRET)
    click_save(qtbot, dialog)
    fill_new(qtbot, dialog, "x", "app-2", "other-secret")
    dialog.name_edit.setText(name)
    click_save(qtbot, dialog)
    assert dialog.errors["name"].isVisible() and dialog.errors["name"].text() == message
    assert [p.name for p in live_profiles(dialog.session)] == ["Shop"]


def test_a_name_is_kept_as_it_shows(
    qtbot, dialog: ProfilesDialog, keyring_backend: MemoryKeyring
) -> None:
    """Pasted from a chat with a zero-width space or a Hangul filler in it, "Shop north"
    was kept with them: in the audit log's Profile column and the files' names unseen."""
    fill_new(qtbot, dialog, "x", "app-1", SECRET)
    dialog.name_edit.setText("\u200bShop\u3164 no\u00adrth\ufeff")
    click_save(qtbot, dialog)
    assert [p.name for p in live_profiles(dialog.session)] == ["Shop north"]


@pytest.mark.parametrize("pasted", ["5 seconds", "5s", "5 sec", "5 秒", "5.0 Seconds"], ids=ascii)
def test_a_timeout_pasted_with_its_unit_is_taken(
    qtbot, dialog: ProfilesDialog, pasted: str
) -> None:
    """ "5 seconds" copied from a note was refused without a word: the field kept its
    old value, as if pasted."""
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    spin = dialog.read_timeout_spin
    spin.setFocus()
    spin.selectAll()
    QGuiApplication.clipboard().setText(pasted)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    spin.interpretText()
    assert spin.value() == 5.0, spin.text()
    assert not dialog.errors["read_timeout"].isVisible()


@pytest.mark.parametrize("pasted", ["2.55", "1,000", "five", "-3", "700"], ids=ascii)
def test_a_timeout_the_field_cannot_take_is_said_beside_it(
    qtbot, dialog: ProfilesDialog, pasted: str
) -> None:
    """ "2.55" (two decimals), "1,000" (a thousand, or one with three decimals?) or
    "five" were ignored without a word: the field kept its old value, the clerk
    believing the timeout changed. It says why beside the field, and the value kept."""
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    spin = dialog.read_timeout_spin
    before = spin.value()
    spin.setFocus()
    spin.selectAll()
    QGuiApplication.clipboard().setText(pasted)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    spin.interpretText()
    assert spin.value() == before
    error = dialog.errors["read_timeout"]
    assert error.isVisible()
    assert error.text() == (
        f"“{pasted}” was not taken: type the seconds as a number from 0 to 600 with one "
        f"decimal at most, such as 2.5. The timeout is still {before:.1f} seconds."
    )
    spin.selectAll()
    qtbot.keyClicks(spin, "7")
    assert spin.value() == 7.0 and not error.isVisible(), "said until a value is taken"


def test_a_timeout_typed_with_a_second_decimal_says_why_the_key_did_nothing(
    qtbot, dialog: ProfilesDialog
) -> None:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    spin = dialog.connect_timeout_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "2.55")
    assert spin.value() == 2.5
    assert dialog.errors["connect_timeout"].text().startswith("“2.55” was not taken")


@pytest.mark.parametrize("typed", ["5 seconds", "5 secs", "5 s", "5sec"], ids=ascii)
def test_a_timeout_typed_with_its_unit_key_by_key_says_nothing_against_it(
    qtbot, dialog: ProfilesDialog, typed: str
) -> None:
    """ "5 seconds" typed key by key is taken as pasted: its unit's first letters ("5 se",
    "5 sec") were each refused on the way, and "“5 secondsd” was not taken" stayed beside
    a field that showed the 5 seconds typed."""
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    spin = dialog.read_timeout_spin
    spin.setFocus()
    spin.selectAll()
    for key in typed:  # one key at a time, as a keyboard types them
        spin.lineEdit().insert(key)
    spin.interpretText()
    assert spin.value() == 5.0, spin.text()
    assert not dialog.errors["read_timeout"].isVisible(), dialog.errors["read_timeout"].text()
