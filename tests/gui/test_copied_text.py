"""Text copied out of the console's labels (a start notice, a refund's confirmation, an
outcome) is the text shown, as plain text: nothing the label adds to lay it out."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QMessageBox, QWidget

from console.api.money import Money
from console.gui.plain_text import WRAP_MARK
from console.gui.tabs.refund.confirm_refund import ConfirmRefundDialog, RefundConfirmation


def copy_by_keys(label: QLabel, qtbot) -> None:
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)


def copy_by_menu(label: QLabel, qtbot) -> None:
    """Right click on the label, then its menu's Copy."""
    at = QPoint(2, 2)
    QApplication.sendEvent(
        label, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, label.mapToGlobal(at))
    )
    menu = label.findChildren(QMenu)[-1]
    [copy] = [action for action in menu.actions() if action.objectName() == "edit-copy"]
    copy.trigger()
    menu.close()


def copied_whole(label: QLabel, qtbot, copy) -> str:
    """The label's text selected whole and copied; what the clipboard then holds, which
    is plain text alone."""
    QGuiApplication.clipboard().setText("before")
    label.setFocus()
    label.setSelection(0, len(label.text()))
    copy(label, qtbot)
    assert QGuiApplication.clipboard().mimeData().formats() == ["text/plain"]
    return QGuiApplication.clipboard().text()


@pytest.mark.parametrize("copy", [copy_by_keys, copy_by_menu], ids=["keys", "menu"])
def test_a_long_reference_copied_from_the_confirmation_is_the_reference(
    qtbot, copy, tmp_path: Path
) -> None:
    """A return's reference of 60 characters without a space, pasted as the refund's note,
    is wrapped in the confirmation at marks of no width: copied from there (to check it
    against the returns system), it held a zero-width space every 40 characters, and an
    HTML copy of the label's document that a spreadsheet or a mail takes first."""
    parent = QWidget()
    qtbot.addWidget(parent)
    note = "RMA" + "7" * 57
    asked = RefundConfirmation(
        "BC1", "R1", Money(400, "USD"), Money(1000, "USD"), "Order 1", "PAYPAL_CREDITCARD",
        "Sandbox", False, note=note,
    )  # fmt: skip
    dialog = ConfirmRefundDialog(asked, parent)
    dialog.show()
    qtbot.waitExposed(dialog)
    copied = copied_whole(dialog.message, qtbot, copy)
    assert copied == asked.text()
    assert f"Note: {note}\n" in copied
    dialog.close()


def test_a_path_copied_from_a_start_notice_is_the_path(qtbot, tmp_path: Path) -> None:
    """A start notice's text is selectable "to be copied for support": a path of more than
    40 characters without a space or a dash (a long user name's home) came with a
    zero-width space in it, a path no file manager or terminal finds."""
    from console.gui.start_notice import start_notice
    from console.store.errors import CORRUPT, FOUND, DatabaseProblem
    from console.store.opening import MOVED_ASIDE, StoreProblem

    parent = QWidget()
    qtbot.addWidget(parent)
    deep = tmp_path / "margaret.thompson.accounts" / "BeeCloudConsoleData" / "console.sqlite3"
    malformed = sqlite3.DatabaseError("database disk image is malformed")
    problem = StoreProblem(
        DatabaseProblem(CORRUPT, FOUND, error=malformed), deep, MOVED_ASIDE,
        deep.with_suffix(".damaged"),
    )  # fmt: skip
    notice = start_notice(parent, problem, None, tmp_path / "logs", None, "settings.conf", None)
    assert notice is not None
    qtbot.addWidget(notice)
    notice.show()
    qtbot.waitExposed(notice)
    copied = copied_whole(notice.message, qtbot, copy_by_keys)
    assert copied == notice.text()
    assert str(deep) in copied and str(deep.with_suffix(".damaged")) in copied


@pytest.mark.parametrize("copy", [copy_by_keys, copy_by_menu], ids=["keys", "menu"])
def test_a_long_card_label_copied_from_a_message_box_is_the_label(qtbot, copy) -> None:
    """A message box's own labels (Qt's, not PlainLabels) wrap a saved card's label of
    60 characters without a space at marks of no width: copied from "Forget the saved
    card …?", it held a zero-width space every 40 characters and an HTML copy beside
    the text; its informative text came with the HTML too. Both copy plain text."""
    from console.gui.tabs.payment.forget_card import forget_box

    parent = QWidget()
    qtbot.addWidget(parent)
    label = "VisaOfTheHamburgWarehouse" + "0123456789" * 3
    box = forget_box(parent, label)
    box.show()
    qtbot.waitExposed(box)
    text = box.findChild(QLabel, "qt_msgbox_label")
    assert text is not None and WRAP_MARK in text.text()  # wrapped within the screen
    assert copied_whole(text, qtbot, copy) == f"Forget the saved card “{label}”?"
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert informative is not None
    assert copied_whole(informative, qtbot, copy) == box.informativeText()
    qtbot.keyClick(text, Qt.Key.Key_Escape)  # the box still takes its keys: Cancel
    assert not box.isVisible() and box.result() == QMessageBox.StandardButton.Cancel
