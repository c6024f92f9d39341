"""Profiles…: what Enter does in each place of the dialog, under a clerk's keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.gui.profiles import Profile
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from tests.gui.tab_drivers import WAIT_MS, Answer, fill_new

SECRET = "Zq9-unmistakable-secret-7Xw"
ENTER_KEYS = [Qt.Key.Key_Return, Qt.Key.Key_Enter]


def shown_on(qtbot, session: ConsoleSession, profile: Profile) -> ProfilesDialog:
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    dialog.select(profile.id)
    return dialog


@pytest.mark.parametrize("key", ENTER_KEYS)
def test_enter_in_the_list_saves_nothing_of_the_form_half_edited(
    qtbot, session: ConsoleSession, key: Qt.Key
) -> None:
    """Enter on a line of the list (to open it, as in most lists) pressed Save profile:
    the hosts half edited were saved. It takes the cursor to the form, nothing saved."""
    shop = Profile.new_live("Shop", "app-1")
    session.profiles.save(shop)
    dialog = shown_on(qtbot, session, shop)
    dialog.hosts_edit.setPlainText("https://apibj.beecloud.cn\nhttps://apihz.beec")
    dialog.profile_list.setFocus()
    qtbot.keyClick(dialog.profile_list, key)
    assert session.profiles.find(shop.id) == shop
    assert not dialog.outcome.isVisible()
    assert QApplication.focusWidget() is dialog.name_edit
    assert dialog.hosts_edit.toPlainText().endswith("apihz.beec")


@pytest.mark.parametrize("key", ENTER_KEYS)
def test_enter_in_the_list_adds_no_new_profile_half_typed(
    qtbot, session: ConsoleSession, key: Qt.Key
) -> None:
    shop = Profile.new_live("Shop", "app-1")
    session.profiles.save(shop)
    dialog = shown_on(qtbot, session, shop)
    fill_new(qtbot, dialog, "North", "app-2", SECRET)
    dialog.confirm_discard = Answer(agree=False)
    dialog.profile_list.setFocus()
    qtbot.keyClick(dialog.profile_list, key)
    assert session.profiles.live_profiles() == [shop]
    assert dialog.editing is None and dialog.secret_edit.text() == SECRET


def test_enter_right_after_an_arrow_in_the_list_saves_nothing(
    qtbot, session: ConsoleSession
) -> None:
    """Down then Enter at once, the pick of “North” not yet followed: Enter saved the form
    of “Shop” as half edited, “North” highlighted. Nothing is saved; “North” is shown."""
    shop, north = Profile.new_live("Shop", "app-1"), Profile.new_live("North", "app-2")
    session.profiles.save(shop)
    session.profiles.save(north)
    dialog = shown_on(qtbot, session, shop)
    dialog.app_id_edit.setText("app-1-typo")
    dialog.confirm_discard = Answer(agree=True)
    dialog.profile_list.setFocus()
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.profile_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.editing == north, timeout=WAIT_MS)
    assert session.profiles.live_profiles() == [shop, north]
    assert dialog.app_id_edit.text() == "app-2"
