"""The card id PayPal gave for a card payment, and the line to remember the card.

A remembered card is paid with later by its id alone (the Saved card channel):
it is kept under the profile the payment was made with, with a label the user
chose, offered as the card's description without its number.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.api.cards import card_number_in, cvv_in
from console.api.validate import CONTROL_CHARACTERS, shown_words
from console.gui.feedback import field_cell
from console.gui.plain_text import PlainLabel, field_label
from console.gui.session import ConsoleSession
from console.gui.system_texts import store_text
from console.store.errors import StoreError


class CardRow(QWidget):
    saved = Signal(str, str)  # the profile's id and the card id, once remembered

    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.profile_id = ""  # the profile the card was paid with
        self.app_id = ""  # and its App ID then: BeeCloud knows the card under that app only
        self.profile_name = ""  # and its name, as the band showed it
        self.card_id = ""

        self.card_id_edit = QLineEdit()
        self.card_id_edit.setReadOnly(True)
        self.card_id_edit.setMinimumWidth(300)
        self.card_id_edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.card_label_edit = QLineEdit()
        self.card_label_edit.setMinimumWidth(260)
        self.card_label_edit.setAccessibleName(self.tr("Card label"))
        self.save_card_button = QPushButton(self.tr("Save"))
        self.card_saved_label = PlainLabel()  # it quotes the label typed
        # Wrapped: a refusal ("Not saved: the label looks like a card's security code…")
        # ran on one line past the form's right edge, cut before it said what to do.
        self.card_saved_label.setWordWrap(True)
        self.card_saved_label.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred
        )
        self.save_card_line = QWidget()
        save_line = QHBoxLayout(self.save_card_line)
        save_line.setContentsMargins(0, 0, 0, 0)
        save_line.addWidget(PlainLabel(self.tr("Remember this card as")))
        save_line.addWidget(self.card_label_edit)
        save_line.addWidget(self.save_card_button)
        save_line.addStretch(1)
        card_column = QVBoxLayout(self)
        card_column.setContentsMargins(0, 0, 0, 0)
        card_column.addWidget(
            field_cell(
                field_label(self.tr("PayPal card id:"), self.card_id_edit),
                self.card_id_edit,
                self.card_saved_label,
                stretch=False,  # the message takes the room left beside the id, wrapped
            )
        )
        card_column.addWidget(self.save_card_line)

        self.card_label_edit.textChanged.connect(
            lambda text: self.save_card_button.setEnabled(bool(text.strip()))
        )
        self.save_card_button.clicked.connect(self.save_card)
        self.hide()

    def offer(self, profile_id: str, app_id: str, card_id: str, description: str) -> None:
        """Show the card id of a card just paid with (through `app_id`), and offer to
        remember the card."""
        self.profile_id, self.app_id = profile_id, app_id
        shown = self.session.profile
        if shown.id != profile_id:  # answered after a switch
            shown = self.session.profiles.find(profile_id) or shown
        self.profile_name = shown.name if shown.id == profile_id else profile_id
        self.card_id = card_id
        self.card_id_edit.setText(card_id)
        self.card_label_edit.setText(description)
        self.card_saved_label.clear()
        self.save_card_line.show()
        self.show()

    def forgotten(self, profile_id: str, card_id: str) -> None:
        """The card shown was saved, and is forgotten now: it may be saved again."""
        if (profile_id, card_id) != (self.profile_id, self.card_id):
            return
        self.card_saved_label.clear()
        self.save_card_line.show()

    def clear(self) -> None:
        self.profile_id = self.app_id = self.profile_name = ""
        self.card_id = ""
        self.hide()
        self.card_id_edit.clear()

    @Slot()
    def save_card(self) -> None:
        # as it shows (shown_words): a zero-width space or a Hangul filler copied with it
        # made a label listed as "Office Visa" another, found by no search for it
        label = shown_words(self.card_label_edit.text())
        if not label or not self.profile_id or not self.card_id:
            return
        if CONTROL_CHARACTERS.search(label):  # listed with the card's id, which it would hide
            self.card_saved_label.setText(
                self.tr(
                    "Not saved: enter a label without control characters (tab, line break, "
                    "direction marks)."
                )
            )
            return
        if card_number_in(label):
            self.card_saved_label.setText(
                self.tr(
                    "Not saved: the label looks like a card number. A label is kept on this "
                    "computer, so it never holds one."
                )
            )
            return
        if cvv_in(label):  # the code the payer read out, noted with the card: kept for good
            self.card_saved_label.setText(
                self.tr(
                    "Not saved: the label looks like a card's security code (CVV). A label is "
                    "kept on this computer, so it never holds one: leave the code out."
                )
            )
            return
        moved = self._profile_moved()
        if moved is not None:
            self.save_card_line.hide()
            self.card_saved_label.setText(moved)
            self.session.follow_settings(self.profile_id)
            return
        try:
            self.session.save_card(self.profile_id, self.profile_name, label, self.card_id)
        except StoreError as error:
            self.card_saved_label.setText(
                self.tr("The card could not be saved: {error}").format(error=store_text(error))
            )
            return
        self.save_card_line.hide()
        self.card_saved_label.setText(self.tr("Saved as “{label}”.").format(label=label))
        self.saved.emit(self.profile_id, self.card_id)

    def _profile_moved(self) -> str | None:
        """Why the card is not to be kept under its profile any more: another console on
        the data folder removed the profile (or the settings cannot be read now), or gave
        it another App ID (whose vault knows no such card), since it was paid with; None
        when it is as it was."""
        stored = self.session.profiles.find(self.profile_id)
        if stored is not None and stored.app_id == self.app_id:
            return None
        if stored is None:
            gone = self.session.profiles.gone(self.profile_id, self.profile_name)
            return self.tr("Not saved: {gone}").format(gone=gone.text)
        return self.tr(
            "Not saved: the profile “{name}” was changed in another console: it is now of "
            "app {app_id}, and BeeCloud knows this card only under app {before}."
        ).format(name=stored.name, app_id=stored.app_id, before=self.app_id)
