"""Profiles…: add, edit and remove the live profiles; the built-in Sandbox is shown read-only.

A profile goes to the settings without its secret; the app secret goes to the
SecretStore (the OS keyring), one entry per profile. When no keyring works the
dialog says so and offers to keep the secret in memory for this session only.
It never writes a secret anywhere else, and never leaves one in a widget.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.api.ca_bundles import UNREADABLE, bundle_problem
from console.api.cards import card_number_in
from console.api.hosts import DEFAULT_HOSTS, normalise_host
from console.api.hosts import host_problem as api_host_problem
from console.api.validate import (
    CONTROL_CHARACTERS,
    NAME_MAX_CHARS,
    one_word,
    shown_words,
    typed_words,
    visible,
)
from console.gui.api_texts import host_text
from console.gui.dialog_room import screen_room
from console.gui.feedback import FieldError, OutcomePanel, focus_first_error
from console.gui.jobs import ErrorReport
from console.gui.plain_text import (
    PlainLabel,
    action_or_cancel,
    chose_action,
    field_label,
    plain_box,
    plain_tip,
    wrappable,
)
from console.gui.profile_changes import FIELDS, changes_text
from console.gui.profiles import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    MAX_TIMEOUT_SECONDS,
    REMOVED,
    SANDBOX_ID,
    Profile,
    ProfileSaveError,
)
from console.gui.seconds_spin import SecondsSpin
from console.gui.secret_texts import failure_text, place_text
from console.gui.seen_characters import seen_characters
from console.gui.session import ConsoleSession
from console.gui.settings import PROFILES_DIALOG_GEOMETRY
from console.gui.stored_texts import profile_label
from console.gui.tables.formatting import count_number
from console.gui.window_place import restore_on_screen
from console.store.errors import StoreError
from console.store.secrets import (
    IN_KEYRING,
    NOWHERE,
    SESSION_ONLY,
    UNANSWERED,
    SecretStoreError,
)
from console.store.stamps import steady_now

log = logging.getLogger(__name__)

_HOST_NAME = re.compile(
    r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
)

# commas and semicolons (ASCII and full-width) and the enumeration comma: a list on one line
_LIST_SEPARATORS = frozenset(",;\uff0c\uff1b\u3001")

# -- checking what the user typed (no widgets) ----------------------------------------


@dataclass(frozen=True)
class ProfileInput:
    """The form's contents, as typed."""

    name: str
    app_id: str
    hosts_text: str
    connect_timeout: float
    read_timeout: float
    ca_bundle: str
    secret: str
    is_new: bool
    master_secret: str = ""


def host_problem(host: str) -> str | None:
    """Why one host line is unusable, or None: an http(s) URL or a bare host name."""
    if any(char in _LIST_SEPARATORS for char in host):  # "a.cn, b.cn" pasted on one line
        return QCoreApplication.translate(
            "ProfilesDialog", "holds more than one address: put one a line"
        )
    if any(char.isspace() for char in host):
        return QCoreApplication.translate("ProfilesDialog", "has a space in it")
    if "://" in host:
        parts = urlsplit(host)
        if parts.scheme.lower() not in ("http", "https"):
            return QCoreApplication.translate(
                "ProfilesDialog", "must start with https:// or http://"
            )
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            return _path_problem()
        address = parts.netloc
    else:
        address = host.rstrip("/")
        if any(char in address for char in "/?#"):  # the document's address, no https://
            return _path_problem()
    if "@" in address:  # said before its port: "user:pass@" is no port
        return host_text("userinfo")
    if address.startswith("["):  # an IPv6 literal, its colons inside the brackets
        name, bracket, port = address.partition("]")
        name, port = name + bracket, port.removeprefix(":")
    else:
        name, _, port = address.rpartition(":") if ":" in address else (address, "", "")
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        return QCoreApplication.translate(
            "ProfilesDialog", "has a port that is not a number from 1 to 65535"
        )
    if not (_HOST_NAME.match(name) or _is_ipv6_literal(name)):
        return QCoreApplication.translate("ProfilesDialog", "is not a server address")
    return None


def _path_problem() -> str:
    return QCoreApplication.translate(
        "ProfilesDialog", "must be just the server's address, with no path after it"
    )


def _is_ipv6_literal(name: str) -> bool:
    """[::1], as an IPv6 address is written in a URL."""
    if not (name.startswith("[") and name.endswith("]")):
        return False
    try:
        ipaddress.IPv6Address(name[1:-1])
    except ValueError:
        return False
    return True


# A line a host's message quotes: whole up to this, a server's longest address and more.
QUOTED_LINE_MAX = 80


def _quoted_line(line: str) -> str:
    """A line as its message quotes it: whole, or its start marked cut with "…" (a
    mail's paragraph pasted there was quoted whole, 10,000 characters beside the field)."""
    return line if len(line) <= QUOTED_LINE_MAX else line[:QUOTED_LINE_MAX] + "…"


def parse_hosts(text: str) -> tuple[tuple[str, ...], str | None]:
    """The hosts, one a line, normalised to https://name; or the first problem in words.
    A line is taken without the blanks and invisible characters around it (typed_words):
    copied from a mail or a chat with a zero-width space or a byte-order mark, a line that
    looked right was refused as not starting with https://, or not an address."""
    lines = [line for line in map(typed_words, text.splitlines()) if line]
    if not lines:
        return (), QCoreApplication.translate(
            "ProfilesDialog", "Enter at least one server address, one a line."
        )
    for number, line in enumerate(lines, start=1):
        problem = host_problem(line)
        if problem is None and (refused := api_host_problem(line)) is not None:
            # what the client itself refuses: plain http:// to anything but this computer
            problem = (
                QCoreApplication.translate(
                    "ProfilesDialog",
                    "uses http://: a live profile must use https:// (plain http:// is "
                    "allowed only for a local sandbox on this computer)",
                )
                if refused == "plain_http"
                else host_text(refused)
            )
        if problem:
            return (), QCoreApplication.translate(
                "ProfilesDialog", "Line {number}, “{line}”, {problem}."
            ).format(number=number, line=_quoted_line(line), problem=problem)
    hosts = tuple(dict.fromkeys(normalise_host(line) for line in lines))
    return hosts, None


# A profile's name, as a clerk sees its characters (seen_characters): as long as a card
# holder's name may be (validate.NAME_MAX_CHARS), a line of the profile picker.
PROFILE_NAME_MAX_CHARS = NAME_MAX_CHARS


def name_key(name: str) -> str:
    """What a profile's name looks like in a list, whatever its case, its spaces and the
    characters no one sees (a zero-width space, a left-to-right mark, a soft hyphen: a
    live "Sandbox\u200b" stood in the picker as the built-in Sandbox), a Hangul filler and
    the other characters that show nothing where they are (validate.shown_words) too."""
    seen = visible(shown_words(name))
    return " ".join(seen.split()).casefold()


def form_problems(form: ProfileInput, names_taken: Collection[str] = ()) -> dict[str, str]:
    """A plain message per field that is not right; empty when all is well.
    `names_taken`: the name_key of every other profile's name, as the picker shows it."""
    problems: dict[str, str] = {}
    name = shown_words(form.name)  # as kept: a name of a Hangul filler only was a blank line
    if not name:
        problems["name"] = QCoreApplication.translate(
            "ProfilesDialog", "Enter a name for this profile."
        )
    elif CONTROL_CHARACTERS.search(form.name.strip()):  # a pasted line end is not kept
        problems["name"] = QCoreApplication.translate(
            "ProfilesDialog",
            "Enter a name without control characters (tab, line break, direction marks).",
        )
    elif (count := seen_characters(name)) > PROFILE_NAME_MAX_CHARS:
        # a mail pasted whole was saved: it filled the picker, the band, the audit log's
        # Profile column and the export files' names
        problems["name"] = QCoreApplication.translate(
            "ProfilesDialog", "A name holds at most {limit} characters; this one has {count}."
        ).format(limit=PROFILE_NAME_MAX_CHARS, count=count_number(count))
    elif card_number_in(name):
        problems["name"] = QCoreApplication.translate(
            "ProfilesDialog",
            "This looks like a card number: a profile's name is kept on this computer, so it "
            "never holds one.",
        )
    elif name_key(name) in names_taken:
        problems["name"] = QCoreApplication.translate(
            "ProfilesDialog", "Another profile is already called “{name}”."
        ).format(name=form.name.strip())
    if not form.app_id.strip():
        problems["app_id"] = QCoreApplication.translate(
            "ProfilesDialog", "Enter the App ID BeeCloud gave you."
        )
    elif CONTROL_CHARACTERS.search(form.app_id.strip()):
        problems["app_id"] = QCoreApplication.translate(
            "ProfilesDialog",
            "Enter an App ID without control characters (tab, line break, direction marks).",
        )
    elif not one_word(form.app_id.strip()):
        problems["app_id"] = QCoreApplication.translate(
            "ProfilesDialog",
            "An App ID holds no spaces and no characters that do not show (a zero-width "
            "space, say): type it again.",
        )
    _, hosts_problem = parse_hosts(form.hosts_text)
    if hosts_problem:
        problems["hosts"] = hosts_problem
    for field, value in (
        ("connect_timeout", form.connect_timeout),
        ("read_timeout", form.read_timeout),
    ):
        if not value > 0:
            problems[field] = QCoreApplication.translate(
                "ProfilesDialog", "Must be more than 0 seconds."
            )
    ca_bundle = form.ca_bundle.strip()
    bundle = Path(ca_bundle).expanduser()
    if ca_bundle and not bundle.is_file():
        problems["ca_bundle"] = QCoreApplication.translate(
            "ProfilesDialog", "There is no file at this path."
        )
    elif ca_bundle and (problem := bundle_problem(str(bundle))):
        problems["ca_bundle"] = (
            QCoreApplication.translate(
                "ProfilesDialog", "This file cannot be read: ask whoever set it up to share it."
            )
            if problem == UNREADABLE
            else QCoreApplication.translate(
                "ProfilesDialog",
                "This file holds no certificate: a CA bundle is a PEM file of certificates.",
            )
        )
    if form.is_new and not form.secret:
        problems["secret"] = QCoreApplication.translate(
            "ProfilesDialog", "Enter the App Secret BeeCloud gave you."
        )
    elif not one_word(form.secret):
        problems["secret"] = QCoreApplication.translate(
            "ProfilesDialog",
            "An App Secret holds no spaces, line breaks or characters that do not show: "
            "copy it again, alone.",
        )
    if not one_word(form.master_secret):
        problems["master_secret"] = QCoreApplication.translate(
            "ProfilesDialog",
            "A Master Secret holds no spaces, line breaks or characters that do not show: "
            "copy it again, alone.",
        )
    return problems


# -- the dialogs a user answers ------------------------------------------------------


@dataclass(frozen=True)
class RemoveQuestion:
    """Remove…? as it is asked: the profile, and where its App Secret is (a Place kind,
    read from the keyring once for the question and for what is said after)."""

    profile: Profile
    secret_kept: str
    in_use: bool = False  # the console's profile now: it goes back to the Sandbox


def _question_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A question of the dialog's: its icon, title and text; its answers are the caller's."""
    box = plain_box(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    return box


def remove_box(
    parent: QWidget | None, profile: Profile, secret_kept: str, in_use: bool = False
) -> QMessageBox:
    """Remove…? saying what is deleted, its App Secret as it is kept (a Place kind of
    console.store.secrets: in the keyring, for this session only, nowhere, not known),
    and, of the profile in use, that the console goes back to the Sandbox."""
    box = _question_box(
        parent,
        QCoreApplication.translate("ProfilesDialog", "Remove profile"),
        QCoreApplication.translate(
            "ProfilesDialog", "Remove the profile “{name}” (app {app_id})?"
        ).format(name=profile.name, app_id=profile.app_id),
    )
    said = _what_removing_deletes(secret_kept)
    if in_use:
        said += "\n\n" + QCoreApplication.translate(
            "ProfilesDialog",
            "The console is on this profile now: it goes back to the practice Sandbox.",
        )
    box.setInformativeText(said)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(
        QCoreApplication.translate("ProfilesDialog", "Remove")
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box


def _what_removing_deletes(secret_kept: str) -> str:
    if secret_kept == IN_KEYRING:
        return QCoreApplication.translate(
            "ProfilesDialog",
            "Its settings, its App Secret stored in the keyring, its history, its saved "
            "cards and its payment links waiting for payers are deleted from this computer. "
            "Bills and refunds at BeeCloud are not affected, and the audit log keeps its rows.",
        )
    if secret_kept == SESSION_ONLY:
        return QCoreApplication.translate(
            "ProfilesDialog",
            "Its settings, its App Secret kept for this session only, its history, its saved "
            "cards and its payment links waiting for payers are deleted from this computer. "
            "Bills and refunds at BeeCloud are not affected, and the audit log keeps its rows.",
        )
    if secret_kept == NOWHERE:
        return QCoreApplication.translate(
            "ProfilesDialog",
            "Its settings, its history, its saved cards and its payment links waiting for "
            "payers are deleted from this computer (it has no App Secret stored). Bills and "
            "refunds at BeeCloud are not affected, and the audit log keeps its rows.",
        )
    return QCoreApplication.translate(
        "ProfilesDialog",
        "Its settings, its history, its saved cards and its payment links waiting for "
        "payers are deleted from this computer, and its App Secret from the keyring if it "
        "holds one (the keyring cannot be read now). Bills and refunds at BeeCloud are not "
        "affected, and the audit log keeps its rows.",
    )


@dataclass(frozen=True)
class AppIdChange:
    """Give the profile another App ID? as it is asked: what this computer keeps for its
    app now and forgets then (BeeCloud knows a saved card, and a link's bill, only under
    the app that made it)."""

    profile: Profile
    app_id: str
    cards: int
    links: int


def app_id_box(parent: QWidget | None, change: AppIdChange) -> QMessageBox:
    """Another App ID for a saved profile, naming the saved cards and the payment links
    waiting for payers it forgets; Cancel is the default and Escape's."""
    box = _question_box(
        parent,
        QCoreApplication.translate("ProfilesDialog", "Another App ID"),
        QCoreApplication.translate(
            "ProfilesDialog", "Give “{name}” the App ID {app_id} (now {before})?"
        ).format(name=change.profile.name, app_id=change.app_id, before=change.profile.app_id),
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "ProfilesDialog",
            "It becomes another BeeCloud account. What this computer keeps for app "
            "{before} is forgotten for good, as BeeCloud knows it only under that app:\n"
            "Saved cards: {cards}\nPayment links waiting for payers: {links}\n"
            "Its history starts afresh. Bills and refunds at BeeCloud are not affected.",
        ).format(before=change.profile.app_id, cards=change.cards, links=change.links)
    )
    action_or_cancel(box, QCoreApplication.translate("ProfilesDialog", "Change App ID"))
    return box


def _action_chosen(box: QMessageBox) -> bool:
    """The question of `action_or_cancel` asked, and whether its action was chosen."""
    try:
        box.exec()
        return chose_action(box)
    finally:
        box.deleteLater()


def session_only_box(parent: QWidget | None, reason: str) -> QMessageBox:
    box = plain_box(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(
        QCoreApplication.translate("ProfilesDialog", "The App Secret cannot be stored")
    )
    box.setText(
        QCoreApplication.translate(
            "ProfilesDialog", "The App Secret could not be stored safely. {reason}"
        ).format(reason=reason)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "ProfilesDialog",
            "The console never writes secrets to a file. It can keep App Secrets in memory "
            "for this session only: you will need to enter them again after the console "
            "closes.\n\nKeep the App Secret for this session only?",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(
        QCoreApplication.translate("ProfilesDialog", "Keep for this session only")
    )
    box.button(QMessageBox.StandardButton.No).setText(
        QCoreApplication.translate("ProfilesDialog", "Don't save")
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box


def discard_box(parent: QWidget | None, question: str) -> QMessageBox:
    """Leave with changes unsaved? Keep editing is the default and Escape's: a stray
    Enter or Escape loses nothing."""
    box = _question_box(
        parent, QCoreApplication.translate("ProfilesDialog", "Unsaved changes"), question
    )
    action_or_cancel(box, QCoreApplication.translate("ProfilesDialog", "Discard"))
    box.button(QMessageBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("ProfilesDialog", "Keep editing")
    )
    return box


# -- the dialog ------------------------------------------------------------------------


_NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # a line's profile name, said if it is gone
# what the clerk asked of the profile edited, refused when it is no longer as shown
_SAVING, _REMOVING = "save", "remove"


def _list_label(profile: Profile) -> str:
    if profile.is_sandbox:
        return QCoreApplication.translate("ProfilesDialog", "Sandbox (built in, read-only)")
    return QCoreApplication.translate("ProfilesDialog", "{name} — live, app {app_id}").format(
        name=profile.name, app_id=profile.app_id
    )


class ProfilesDialog(QDialog):
    def __init__(self, session: ConsoleSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Profiles"))
        self.editing: Profile | None = None  # None: a new profile is being added
        # Replaceable hooks so tests can answer the modal questions.
        self.confirm_remove: Callable[[RemoveQuestion], bool] = self._ask_remove
        self.offer_session_only: Callable[[str], bool] = self._ask_session_only
        self.choose_ca_bundle: Callable[[], str] = self._pick_ca_bundle
        self.confirm_discard: Callable[[str], bool] = self._ask_discard
        self.confirm_app_id_change: Callable[[AppIdChange], bool] = self._ask_app_id_change
        self._as_shown: tuple[object, ...] = ()  # the form as shown, without its secrets
        self._pick_pending = False  # a line picked in the list, not yet followed

        self.profile_list = QListWidget()
        self.profile_list.setMinimumWidth(260)
        # A line wraps (an App ID with no place to wrap ends in '…'), never behind a
        # scroll bar; the whole line is its item's tooltip.
        self.profile_list.setWordWrap(True)
        self.profile_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.profile_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.profile_list.currentItemChanged.connect(self._on_selected)
        self.profile_list.itemSelectionChanged.connect(self._keep_line_highlighted)
        self.add_button = QPushButton(self.tr("Add live profile"))
        self.add_button.clicked.connect(self.start_new)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove_selected)
        left = QVBoxLayout()
        left.addWidget(field_label(self.tr("Profiles:"), self.profile_list))
        left.addWidget(self.profile_list, 1)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.add_button)
        list_buttons.addWidget(self.remove_button)
        left.addLayout(list_buttons)

        self.heading = PlainLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)
        self.read_only_note = PlainLabel(
            self.tr(
                "The built-in Sandbox runs on this computer with practice data and cannot be "
                "changed. Add a live profile to work with a real BeeCloud app."
            )
        )
        self.read_only_note.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Shop – live"))
        self.app_id_edit = QLineEdit()
        self.app_id_edit.setPlaceholderText(self.tr("the App ID from BeeCloud"))
        self.hosts_edit = QPlainTextEdit()
        self.hosts_edit.setTabChangesFocus(True)
        self.hosts_edit.setMinimumHeight(90)
        self.hosts_edit.setMaximumHeight(120)
        self.connect_timeout_spin = self._timeout_spin()
        self.read_timeout_spin = self._timeout_spin()
        self.ca_bundle_edit = QLineEdit()
        self.ca_bundle_edit.setPlaceholderText(
            self.tr("optional: a PEM file of trusted authorities")
        )
        self.ca_browse_button = QPushButton(self.tr("Browse…"))
        self.ca_browse_button.clicked.connect(self._browse_ca_bundle)
        self.secret_edit = QLineEdit()
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_location = PlainLabel()
        self.secret_location.setWordWrap(True)
        self.master_secret_edit = QLineEdit()
        self.master_secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_master_secret = QCheckBox(self.tr("Forget the stored Master Secret"))
        self.errors = {
            field: FieldError()
            for field in (
                "name",
                "app_id",
                "hosts",
                "connect_timeout",
                "read_timeout",
                "ca_bundle",
                "secret",
                "master_secret",
            )
        }

        for field, widget in (
            ("name", self.name_edit),
            ("app_id", self.app_id_edit),
            ("hosts", self.hosts_edit),
            ("connect_timeout", self.connect_timeout_spin),
            ("read_timeout", self.read_timeout_spin),
            ("ca_bundle", self.ca_bundle_edit),
            ("secret", self.secret_edit),
            ("master_secret", self.master_secret_edit),
        ):
            self.errors[field].describe(widget)
        for field, spin in (
            ("connect_timeout", self.connect_timeout_spin),
            ("read_timeout", self.read_timeout_spin),
        ):
            self._say_refused_timeouts(spin, self.errors[field])

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(
            field_label(self.tr("Name:"), self.name_edit), self._with_error(self.name_edit, "name")
        )
        form.addRow(
            field_label(self.tr("App ID:"), self.app_id_edit),
            self._with_error(self.app_id_edit, "app_id"),
        )
        form.addRow(
            field_label(self.tr("Servers:"), self.hosts_edit),
            self._with_error(
                self.hosts_edit,
                "hosts",
                self.tr(
                    "One a line, e.g. https://apibj.beecloud.cn; one is picked at random and the "
                    "others are tried when it cannot be reached."
                ),
            ),
        )
        form.addRow(
            field_label(self.tr("Connect timeout:"), self.connect_timeout_spin),
            self._with_error(self.connect_timeout_spin, "connect_timeout"),
        )
        form.addRow(
            field_label(self.tr("Answer timeout:"), self.read_timeout_spin),
            self._with_error(self.read_timeout_spin, "read_timeout"),
        )
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle_edit, 1)
        ca_row.addWidget(self.ca_browse_button)
        ca_widget = QWidget()
        ca_widget.setLayout(ca_row)
        ca_row.setContentsMargins(0, 0, 0, 0)
        form.addRow(
            field_label(self.tr("CA bundle:"), self.ca_bundle_edit),
            self._with_error(
                ca_widget,
                "ca_bundle",
                self.tr(
                    "Server certificates are always checked. Leave empty to trust the usual "
                    "authorities, or pick the file of authorities this app's servers use."
                ),
            ),
        )
        secret_column = self._with_error(self.secret_edit, "secret", below=self.secret_location)
        form.addRow(field_label(self.tr("App Secret:"), self.secret_edit), secret_column)
        master_column = self._with_error(
            self.master_secret_edit,
            "master_secret",
            self.tr(
                "Optional. Some BeeCloud accounts sign refunds with the account's Master "
                "Secret instead of the App Secret; enter it only if BeeCloud refuses refunds "
                "(code 1) while lists work. Kept like the App Secret."
            ),
            below=self.forget_master_secret,
        )
        form.addRow(field_label(self.tr("Master Secret:"), self.master_secret_edit), master_column)

        self.outcome = OutcomePanel()
        self.outcome.title.setWordWrap(True)  # it may name a profile: within the dialog
        # after a save refused over another console's change: the form as saved there
        self.take_theirs_button = QPushButton(self.tr("Take theirs"))
        self.take_theirs_button.setAutoDefault(False)
        self.take_theirs_button.clicked.connect(self._take_theirs)
        self.take_theirs_button.hide()
        theirs_row = QHBoxLayout()
        theirs_row.addWidget(self.take_theirs_button)
        theirs_row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save profile"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self._close_asked)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(self.heading)
        fields_layout.addWidget(self.read_only_note)
        fields_layout.addLayout(form)
        fields_layout.addWidget(self.outcome)
        fields_layout.addLayout(theirs_row)
        fields_layout.addStretch(1)
        # On a short screen (768 px at 150 %) the form scrolls, Save and Close in sight
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take Tab
        self.form_area.setWidget(fields)
        right = QVBoxLayout()
        right.addWidget(self.form_area, 1)
        right.addLayout(bottom)

        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        self.fields: tuple[QWidget, ...] = (
            self.name_edit,
            self.app_id_edit,
            self.hosts_edit,
            self.connect_timeout_spin,
            self.read_timeout_spin,
            self.ca_bundle_edit,
            self.ca_browse_button,
            self.secret_edit,
            self.master_secret_edit,
            self.forget_master_secret,
        )
        self._show_location()
        self._fill_list(self.session.profile.id)
        self._restore_geometry()

    # -- building ------------------------------------------------------------------

    @staticmethod
    def _timeout_spin() -> SecondsSpin:
        spin = SecondsSpin()
        spin.setRange(0.0, MAX_TIMEOUT_SECONDS)
        spin.setDecimals(1)
        spin.setSingleStep(1.0)
        spin.setSuffix(QCoreApplication.translate("ProfilesDialog", " seconds"))
        spin.setMinimumWidth(140)
        return spin

    @staticmethod
    def _say_refused_timeouts(spin: SecondsSpin, error: FieldError) -> None:
        """What the field did not take ("2.55", "1,000", "five") is said beside it until
        a value is taken: a key or a paste that did nothing let the clerk believe the
        timeout changed, and save the old one."""
        spin.refused.connect(
            lambda typed: error.set_message(
                QCoreApplication.translate(
                    "ProfilesDialog",
                    "“{typed}” was not taken: type the seconds as a number from 0 to {limit} "
                    "with one decimal at most, such as 2.5. The timeout is still {value} "
                    "seconds.",
                ).format(
                    typed=_quoted_line(typed),
                    limit=f"{MAX_TIMEOUT_SECONDS:.0f}",
                    value=f"{spin.value():.1f}",
                )
            )
        )
        spin.valueChanged.connect(lambda _: error.set_message(None))

    def _with_error(
        self, widget: QWidget, field: str, hint: str = "", below: QWidget | None = None
    ) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            hint_label = PlainLabel(hint)
            hint_label.setWordWrap(True)
            column.addWidget(hint_label)
        column.addWidget(self.errors[field])
        if below is not None:
            column.addWidget(below)
        return box

    def _fill_list(self, select_id: str | None, show: bool = True) -> None:
        """The list as the settings hold the profiles now; one of them shown (`show`),
        or the form left as it is."""
        self.profile_list.blockSignals(True)
        self.profile_list.clear()
        for profile in self.session.profiles.all():
            item = QListWidgetItem(_list_label(profile))
            item.setToolTip(plain_tip(item.text()))
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            item.setData(_NAME_ROLE, profile.name)
            self.profile_list.addItem(item)
        self.profile_list.blockSignals(False)
        if show:
            self.select(select_id or SANDBOX_ID)

    def _show_location(self) -> None:
        self.secret_location.setText(place_text(self.session.secrets.place()))

    # -- what is shown ---------------------------------------------------------------

    def select(self, profile_id: str) -> None:
        """Show one profile in the form (the Sandbox if the id is unknown), whatever the
        form holds: the clerk's own picks in the list ask first (_on_selected)."""
        row = self._row_of(profile_id)
        self._pick_row(0 if row is None else row)
        profile = self.session.profiles.find(self._picked_id() or SANDBOX_ID)
        if profile is not None:
            self._show_profile(profile)

    def _row_of(self, profile_id: str) -> int | None:
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(Qt.ItemDataRole.UserRole) == profile_id:
                return row
        return None

    def _picked_id(self) -> str | None:
        current = self.profile_list.currentItem()
        return None if current is None else str(current.data(Qt.ItemDataRole.UserRole))

    def _pick_row(self, row: int) -> None:
        """The list's line picked (-1: none), the form left as it is."""
        self.profile_list.blockSignals(True)
        if row < 0:
            self.profile_list.clearSelection()
            # none current as the view itself sets it: else the focus coming into the list
            # (Tab) makes its first line current, taken for the clerk's pick
            self.profile_list.setCurrentIndex(QModelIndex())
        else:
            self.profile_list.setCurrentRow(row)
        self.profile_list.blockSignals(False)

    @Slot()
    def _keep_line_highlighted(self) -> None:
        """The line of the profile shown stays highlighted: Ctrl+Space or a Ctrl+click
        on it took the highlight off, the form showing a profile no line stood for."""
        current = self.profile_list.currentItem()
        if current is not None and not current.isSelected():
            current.setSelected(True)

    @Slot(object, object)
    def _on_selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        """A line the clerk picked (a click, a key): followed once the click or key is
        done with (put back in the middle of it, the line clicked stayed highlighted)."""
        if current is not None and not self._pick_pending:
            self._pick_pending = True
            QTimer.singleShot(0, self, self._follow_pick)

    @Slot()
    def _follow_pick(self) -> None:
        """The profile picked shown, once changes unsaved are agreed to be lost; else the
        list goes back to the one edited (or to none, a new one), the form as typed."""
        self._pick_pending = False
        editing = None if self.editing is None else self.editing.id
        picked = self._picked_id()
        if picked is None or picked == editing:
            return
        profile = self.session.profiles.find(picked)
        if profile is None:
            self._drop_gone(picked)
        elif self._may_leave():
            self._show_profile(profile)
            return
        row = None if editing is None else self._row_of(editing)
        self._pick_row(-1 if row is None else row)

    def _drop_gone(self, profile_id: str) -> None:
        """A line picked whose profile another console removed, or the settings no longer
        read: said, and its line taken out of the list (the form as it is)."""
        row = self._row_of(profile_id)
        if row is None:
            return
        self.profile_list.blockSignals(True)
        item = self.profile_list.takeItem(row)
        self.profile_list.blockSignals(False)
        name = wrappable(str(item.data(_NAME_ROLE)))
        gone = self.session.profiles.gone(profile_id, name)
        self.outcome.show_report(
            ErrorReport("settings", self.tr("That profile cannot be shown"), gone.text)
        )

    def _show_profile(self, profile: Profile) -> None:
        self.editing = profile
        self._clear_messages()
        self.name_edit.setText(profile_label(profile.id, profile.name))
        self.app_id_edit.setText(profile.app_id)
        self.connect_timeout_spin.setValue(profile.connect_timeout)
        self.read_timeout_spin.setValue(profile.read_timeout)
        self.ca_bundle_edit.setText(profile.ca_bundle or "")
        self.secret_edit.clear()
        self.master_secret_edit.clear()
        self.forget_master_secret.setChecked(False)
        self.forget_master_secret.hide()
        if profile.is_sandbox:
            self.heading.setText(self.tr("Sandbox (built in)"))
            self.hosts_edit.setPlainText(self.tr("The sandbox server on this computer"))
            self.secret_edit.setPlaceholderText(self.tr("The sandbox needs no App Secret"))
            self.master_secret_edit.setPlaceholderText(self.tr("The sandbox needs none"))
        else:
            self.heading.setText(
                self.tr("Live profile “{name}”").format(name=wrappable(profile.name))
            )
            self.hosts_edit.setPlainText("\n".join(profile.hosts))
            self._show_stored_secrets(profile)
        self._set_read_only(profile.is_sandbox)
        self.remove_button.setEnabled(not profile.is_sandbox)
        self._as_shown = self._form_without_secrets()

    def _stored(self, key: str) -> bool | None:
        """Whether the keyring holds this entry; None when it cannot say."""
        try:
            return bool(self.session.secrets.get(key))
        except SecretStoreError:
            return None

    def _show_stored_secrets(self, profile: Profile) -> None:
        """Placeholders that speak only of a secret that is stored."""
        secrets = self.session.secrets
        stored = self._stored(profile.secret_key)
        if secrets.held_in_memory(profile.secret_key):
            hint = self.tr("Leave empty to keep the App Secret held for this session only")
        elif stored:
            hint = self.tr("Leave empty to keep the stored App Secret")
        elif secrets.session_only:
            hint = self.tr("No App Secret is held: one entered is kept for this session only")
        elif stored is None:
            hint = self.tr("The keyring cannot be read: enter the App Secret to store it")
        else:
            hint = self.tr("No App Secret is stored: enter the one from BeeCloud")
        self.secret_edit.setPlaceholderText(hint)
        master_key = profile.master_secret_key
        if self._stored(master_key):
            self.master_secret_edit.setPlaceholderText(
                self.tr("Leave empty to keep the Master Secret held for this session only")
                if secrets.held_in_memory(master_key)
                else self.tr("Leave empty to keep the stored Master Secret")
            )
            self.forget_master_secret.show()
        else:
            self.master_secret_edit.setPlaceholderText(self.tr("optional; none is stored"))

    @Slot()
    def start_new(self) -> None:
        """An empty form for a new live profile, with the document's servers, once
        changes unsaved are agreed to be lost."""
        if not self._may_leave():
            return
        self._pick_row(-1)
        self.editing = None
        self._clear_messages()
        self.heading.setText(self.tr("New live profile"))
        self.name_edit.clear()
        self.app_id_edit.clear()
        self.hosts_edit.setPlainText("\n".join(DEFAULT_HOSTS))
        self.connect_timeout_spin.setValue(DEFAULT_CONNECT_TIMEOUT)
        self.read_timeout_spin.setValue(DEFAULT_READ_TIMEOUT)
        self.ca_bundle_edit.clear()
        self.secret_edit.clear()
        self.master_secret_edit.clear()
        self._new_profile_hints()
        self._set_read_only(False)
        self.remove_button.setEnabled(False)
        self._as_shown = self._form_without_secrets()
        self.name_edit.setFocus()

    def _new_profile_hints(self) -> None:
        """The secrets' placeholders of a new profile, with no Master Secret to forget."""
        self.secret_edit.setPlaceholderText(
            self.tr("the App Secret from BeeCloud (kept for this session only)")
            if self.session.secrets.session_only
            else self.tr("the App Secret from BeeCloud")
        )
        self.master_secret_edit.setPlaceholderText(self.tr("optional"))
        self.forget_master_secret.setChecked(False)
        self.forget_master_secret.hide()

    def _set_read_only(self, read_only: bool) -> None:
        for widget in self.fields:
            widget.setEnabled(not read_only)
        self.read_only_note.setVisible(read_only)
        self.save_button.setEnabled(not read_only)

    def _form_without_secrets(self) -> tuple[object, ...]:
        """What the form shows but its secrets, which are kept in their fields only."""
        return (
            self.name_edit.text(),
            self.app_id_edit.text(),
            self.hosts_edit.toPlainText(),
            self.connect_timeout_spin.value(),
            self.read_timeout_spin.value(),
            self.ca_bundle_edit.text(),
            self.forget_master_secret.isChecked(),
        )

    def has_unsaved_changes(self) -> bool:
        """Whether the form holds anything typed since it was shown or saved."""
        if not self.save_button.isEnabled():  # the Sandbox: nothing can be typed
            return False
        typed_secret = bool(self.secret_edit.text() or self.master_secret_edit.text())
        return typed_secret or self._form_without_secrets() != self._as_shown

    def _may_leave(self) -> bool:
        """Nothing unsaved, or the user agreed to discard it."""
        return not self.has_unsaved_changes() or self.confirm_discard(
            self.tr("Discard the changes to this profile?")
        )

    @Slot()
    def _close_asked(self) -> None:
        if self._may_leave():
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes, once any changes unsaved are agreed to be lost. Enter on the
        list opens the line's profile: the cursor goes to its form (never Save profile,
        the dialog's default, which saved the form as it stood)."""
        if event.matches(QKeySequence.StandardKey.Cancel) and not self._may_leave():
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.profile_list.hasFocus():
            event.accept()
            if self.name_edit.isEnabled():  # not the Sandbox's, read-only
                self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """The title bar's close asks as Escape does (the console's own closing does not)."""
        if event.spontaneous() and not self._may_leave():
            event.ignore()
            return
        super().closeEvent(event)

    def _clear_messages(self) -> None:
        for error in self.errors.values():
            error.set_message(None)
        self.outcome.clear()
        self.take_theirs_button.hide()

    # -- saving and removing -----------------------------------------------------------

    def form_input(self) -> ProfileInput:
        return ProfileInput(
            name=self.name_edit.text(),
            # without the spaces and invisible characters pasted around it
            app_id=typed_words(self.app_id_edit.text()),
            hosts_text=self.hosts_edit.toPlainText(),
            connect_timeout=self.connect_timeout_spin.value(),
            read_timeout=self.read_timeout_spin.value(),
            # without the spaces and invisible characters pasted around it: a path that
            # looked right was "no file at this path"
            ca_bundle=typed_words(self.ca_bundle_edit.text()),
            # spaces and invisible characters around a pasted secret are not part of it
            secret=typed_words(self.secret_edit.text()),
            is_new=self.editing is None,
            master_secret=typed_words(self.master_secret_edit.text()),
        )

    @Slot()
    def save(self) -> bool:
        """Check the form, store the secret, then the profile. True when saved."""
        if self.editing is not None and self.editing.is_sandbox:
            return False
        form = self.form_input()
        problems = form_problems(form, self._names_taken())
        held = None if "app_id" in problems else self._app_id_held(form)
        if held:
            problems["app_id"] = held
        self.outcome.clear()
        self.take_theirs_button.hide()
        for field, error in self.errors.items():
            error.set_message(problems.get(field))
        if problems:
            focus_first_error(self.errors.values())  # in the form's order
            return False
        if not self._still_as_shown(_SAVING):
            return False
        if not self._app_id_change_agreed(form):
            return False
        profile = self._profile_from(form)
        try:
            self.session.profiles.check_writable()
        except ProfileSaveError as error:
            self._show_not_saved(str(error))
            return False
        master = form.master_secret
        forgot_master = not master and self.forget_master_secret.isChecked()
        editing = self.editing
        if editing is not None and (form.secret or master or forgot_master):
            # its new secrets under a new entry: the old ones stay whole until the
            # settings name the new one, in one write with its App ID
            profile = profile.under_new_keyring_entry()
        old_key = None if editing is None else editing.secret_key
        new_entry = profile.secret_key != old_key
        # what no profile names is deleted by a start after a kill meanwhile
        # (ConsoleSession): the new secrets until the settings name them, the old ones
        # until they are deleted
        being_saved = self.session.store.profiles_being_saved
        if new_entry:
            being_saved.hold(profile.secret_key)
            if old_key is not None:
                being_saved.hold(old_key)
        old_deleted = True
        master_unread = ""
        try:
            if new_entry:
                copied = self._entries(profile, form.secret, master, forgot_master)
                if copied is None:
                    return False
                entries, master_unread = copied
                if not self._store_secrets(entries):
                    return False
            try:
                self.session.profiles.save(profile)
            except ProfileSaveError as error:
                if new_entry:
                    self._delete_quietly(profile)  # they would belong to nothing
                self._show_not_saved(str(error))  # the secrets typed kept in their fields
                return False
            self.secret_edit.clear()
            self.master_secret_edit.clear()
            if new_entry and editing is not None:
                old_deleted = self._delete_quietly(editing)
        finally:
            being_saved.release(profile.secret_key)
            if old_key is not None and old_key != profile.secret_key:
                if old_deleted:
                    being_saved.release(old_key)
                else:  # the next start deletes them
                    being_saved.leave(old_key)
        self.session.audit.profile_saved(
            self.editing,
            profile,
            bool(form.secret),
            self.session.secrets.session_only,
            master_secret="set" if master else "forgotten" if forgot_master else None,
        )
        cards = self._forget_cards_of_old_app(profile)
        self.session.saved(profile.id)  # the one in use: the window shows it at once
        self._fill_list(profile.id)
        said = (
            place_text(self.session.secrets.place())
            if form.secret
            else self.tr("Its App Secret was left as it was.")
        )
        if master_unread:
            said += " " + self.tr(
                "The Master Secret stored before, if any, could not be read: {reason} It is "
                "not kept with this profile: enter it again if BeeCloud refuses refunds."
            ).format(reason=master_unread)
        if not old_deleted:
            said += " " + self.tr(
                "The keyring would not give up the secrets this profile had before (no "
                "longer used): the console tries again to delete them at its next start."
            )
        if cards:
            said += " " + self.tr(
                "%n saved card(s) of the App ID before were forgotten: BeeCloud knows a "
                "saved card only under the app that saved it.",
                "",
                cards,
            )
        self.outcome.show_success(
            self.tr("Saved “{name}”.").format(name=wrappable(profile.name)), said
        )
        return True

    def _still_as_shown(self, asked: str = "") -> bool:
        """Whether the profile edited is as the settings hold it now. Another console on
        the same data folder may have saved it since it was shown (a save here would
        undo that, and name the keyring entry of its secrets before, deleted there; a
        removal would delete that entry and leave the new one) or removed it (a save
        here would make it again, without its secrets): neither is done, the list and
        the form are shown again as saved now, and the window follows. `asked` (a save
        or a removal the clerk asked for): a profile changed there keeps what was typed
        here in the form, the changes there named, and a save or removal again goes
        over the version now named; one the settings cannot read now keeps the form as
        typed."""
        editing = self.editing
        if editing is None:
            return True
        profiles = self.session.profiles
        stored = profiles.find(editing.id)
        if stored == editing:
            return True
        name = wrappable(editing.name)
        gone = profiles.gone(editing.id, name) if stored is None else None
        self.session.follow_settings(editing.id)
        if stored is not None and asked:
            self._refused_over(editing, stored, asked)
            return False
        if gone is not None and gone.kind == REMOVED and asked == _SAVING:
            self._kept_as_new(gone.text)
            return False
        if gone is not None and gone.kind != REMOVED and asked:  # unread now, maybe held
            self._show_not_saved(
                self.tr(
                    "{gone} Nothing was changed here, and what you typed is kept in the "
                    "form: try again once the file can be read."
                ).format(gone=gone.text),
                asked,
            )
            return False
        self._fill_list(editing.id if stored is not None else self.session.profile.id)
        if gone is not None:
            said = self.tr("{gone} Nothing was changed here.").format(gone=gone.text)
        else:
            said = self.tr(
                "“{name}” was changed in another console since it was shown here: it is "
                "shown again as saved there. Nothing was changed here: do it again if still "
                "needed."
            ).format(name=name)
        self._show_not_saved(said, asked)
        return False

    def _refused_over(self, shown: Profile, theirs: Profile, asked: str) -> None:
        """A save or removal (`asked`) refused because another console saved the profile
        since it was shown:
        the form keeps each field typed here and shows theirs in each other one, the
        secrets typed stay in their fields (stored nowhere), and what changed there is
        named (secrets only as replaced). The profile edited is now theirs: a save
        or removal again goes over it, deliberately; Take theirs shows it as saved there."""
        typed = self._form_without_secrets()
        before = self._as_shown
        after = _shown_of(theirs)
        setters: tuple[Callable[..., None], ...] = (
            self.name_edit.setText,
            self.app_id_edit.setText,
            self.hosts_edit.setPlainText,
            self.connect_timeout_spin.setValue,
            self.read_timeout_spin.setValue,
            self.ca_bundle_edit.setText,
        )
        kept = set()
        shown_fields = len(FIELDS)  # the form's fields, its forget box after them
        for field, setter, now, was, there in zip(
            FIELDS,
            setters,
            typed[:shown_fields],
            before[:shown_fields],
            after[:shown_fields],
            strict=True,
        ):
            if now == was:
                setter(there)
            elif now != there:
                kept.add(field)
        if self.secret_edit.text() or self.master_secret_edit.text():
            kept.add("secrets")
        # Forget… meant the Master Secret shown here: not new ones stored there since
        forget = bool(typed[-1]) and theirs.secret_key == shown.secret_key
        self.forget_master_secret.setChecked(False)
        self.forget_master_secret.hide()
        self._show_stored_secrets(theirs)  # what leaving them empty keeps now
        self.forget_master_secret.setChecked(forget and self.forget_master_secret.isVisible())
        self.editing = theirs
        self._as_shown = after
        self.heading.setText(self.tr("Live profile “{name}”").format(name=wrappable(theirs.name)))
        self._fill_list(theirs.id, show=False)  # its line as named now, picked
        row = self._row_of(theirs.id)
        self._pick_row(-1 if row is None else row)
        said = (
            self.tr(
                "“{name}” was changed in another console since it was shown here. Changed "
                "there:\n{changes}\nWhat you typed is kept, secrets too: Save profile now "
                "saves the form over theirs; Take theirs shows the profile as saved there."
            )
            if asked == _SAVING
            else self.tr(
                "“{name}” was changed in another console since it was shown here, so it was "
                "not removed. Changed there:\n{changes}\nWhat you typed is kept, secrets "
                "too: Remove… now removes the profile as saved there (you are asked first); "
                "Take theirs shows it as saved there."
            )
        ).format(name=wrappable(shown.name), changes=changes_text(shown, theirs, kept))
        self._show_not_saved(said, asked)
        self.take_theirs_button.show()
        QTimer.singleShot(0, self, self._refusal_in_sight)  # once the form is laid out

    def _kept_as_new(self, gone: str) -> None:
        """A save refused because another console removed the profile: the form keeps
        what was typed (secrets in their fields), now a new profile's, which a save
        again adds, under an id of its own, deliberately."""
        self.editing = None
        self._fill_list(None, show=False)
        self._pick_row(-1)
        self.heading.setText(self.tr("New live profile"))
        self._new_profile_hints()
        self.remove_button.setEnabled(False)
        self._as_shown = _NEW_FORM
        self._show_not_saved(
            self.tr(
                "{gone} What you typed is kept: Save profile adds it as a new profile "
                "(enter its App Secret if it is not typed)."
            ).format(gone=gone)
        )
        QTimer.singleShot(0, self, self._refusal_in_sight)

    @Slot()
    def _refusal_in_sight(self) -> None:
        """The form scrolled to the refusal (and Take theirs), below a short form's fold."""
        if self.take_theirs_button.isVisible():
            self.form_area.ensureWidgetVisible(self.take_theirs_button)
        if self.outcome.isVisible():
            self.form_area.ensureWidgetVisible(self.outcome.title)

    @Slot()
    def _take_theirs(self) -> None:
        """The profile edited shown as the settings hold it now, what was typed dropped."""
        editing = self.editing
        stored = None if editing is None else self.session.profiles.find(editing.id)
        if stored is None:
            self._still_as_shown()  # said gone, the list and form as saved now
            return
        self._fill_list(stored.id)

    def _forget_cards_of_old_app(self, profile: Profile) -> int:
        """A profile given another App ID: the cards saved under the old one go (another
        app would refuse them), and its payment links (a check would ask another app
        about their bills). How many cards went."""
        try:
            return self.session.belong_to_app(profile)
        except StoreError:
            log.exception("the saved cards of the App ID before could not be forgotten")
            return 0

    def _app_id_held(self, form: ProfileInput) -> str | None:
        """Why the edited profile's App ID may not change now: its refunds of unknown
        outcome are checked by asking its app, which under another App ID would not
        know them (found absent, they would be offered to be sent again)."""
        editing = self.editing
        if editing is None or form.app_id.strip() == editing.app_id:
            return None
        refunds, payments = self._unsettled(editing.id)
        held = []
        if refunds:
            held.append(
                self.tr(
                    "%n refund(s) of this profile await(s) a check by its app: check them "
                    "first (the yellow bar under the band), then change its App ID.",
                    "",
                    refunds,
                )
            )
        if payments:
            held.append(
                self.tr(
                    "%n payment(s) of this profile await(s) a check by its app ({bills}): "
                    "check them first (Check now on New payment, or Find the bill on "
                    "Refund), then change its App ID.",
                    "",
                    len(payments),
                ).format(bills=_listed(payments))
            )
        return " ".join(held) or None

    def _app_id_change_agreed(self, form: ProfileInput) -> bool:
        """The edited profile keeps its App ID, keeps nothing another one forgets, or the
        clerk agreed to forget it (a slip in the field, then Enter, lost it all)."""
        editing, app_id = self.editing, form.app_id.strip()
        if editing is None or app_id == editing.app_id:
            return True
        local = self.session.local
        try:
            cards = len(local.saved_cards(editing.id))
            links = len(local.links.waiting(editing.id, steady_now()))
        except StoreError:
            log.exception("what is kept for the profile's app could not be read")
            return True  # nor then forgotten (belong_to_app fails alike)
        if not (cards or links):
            return True
        change = AppIdChange(editing, app_id, cards, links)
        if self.confirm_app_id_change(change):
            return True
        self.app_id_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def _unsettled(self, profile_id: str) -> tuple[int, list[str]]:
        """How many refunds of a profile are of unknown outcome, and the bill numbers of
        its payments that are (as the audit log has them): only its app can say what
        became of them."""
        refunds = len(self.session.reconciler.unresolved(profile_id))
        try:
            payments = self.session.audit.log.unsettled_payments(profile_id)
        except StoreError:
            log.exception("the audit log could not be read")
            payments = []
        return refunds, [payment.bill_no for payment in payments]

    def _names_taken(self) -> set[str]:
        """The other profiles' names, as stored and as shown (the Sandbox's translated)."""
        editing = self.editing.id if self.editing is not None else None
        others = [p for p in self.session.profiles.all() if p.id != editing]
        return {name_key(name) for p in others for name in (p.name, profile_label(p.id, p.name))}

    def _show_not_saved(self, reason: str, asked: str = _SAVING) -> None:
        """Why a save (or a removal: `asked`) did not happen, nothing changed."""
        title = (
            self.tr("Nothing was removed") if asked == _REMOVING else self.tr("Nothing was saved")
        )
        self.outcome.show_report(ErrorReport("settings", title, reason))

    def _profile_from(self, form: ProfileInput) -> Profile:
        hosts, _ = parse_hosts(form.hosts_text)
        name = shown_words(form.name)  # as it shows: no zero-width space kept unseen
        base = self.editing or Profile.new_live(name, form.app_id.strip())
        return replace(
            base,
            name=name,
            app_id=form.app_id.strip(),
            hosts=hosts,
            connect_timeout=form.connect_timeout,
            read_timeout=form.read_timeout,
            ca_bundle=str(Path(form.ca_bundle.strip()).expanduser())
            if form.ca_bundle.strip()
            else None,
        )

    def _entries(
        self, profile: Profile, secret: str, master: str, forgot_master: bool
    ) -> tuple[dict[str, str], str] | None:
        """What the profile's new keyring entry is to hold: the secrets typed, and those
        left as they were copied from the entry before; and why its Master Secret could
        not be read to be copied ("" when it could: a keyring that cannot be read does
        not stop a new App Secret, kept for the session if need be, as a new profile's).
        None when its App Secret, not typed, cannot be read (said beside its field): the
        profile would name an entry without one."""
        entries = {}
        if secret:
            entries[profile.secret_key] = secret
        if master:
            entries[profile.master_secret_key] = master
        editing = self.editing
        if editing is None:
            return entries, ""
        secrets = self.session.secrets
        if not secret:
            try:
                kept = secrets.read(editing.secret_key)
            except SecretStoreError as error:
                self.errors["secret"].set_message(
                    self.tr(
                        "The App Secret stored before cannot be read: {reason} Enter it "
                        "again to save this profile's secrets."
                    ).format(reason=failure_text(error))
                )
                focus_first_error(self.errors.values())
                return None
            if kept:
                entries[profile.secret_key] = kept
        if master or forgot_master:
            return entries, ""
        try:
            kept = secrets.read(editing.master_secret_key)
        except SecretStoreError as error:
            return entries, failure_text(error)
        if kept:
            entries[profile.master_secret_key] = kept
        return entries, ""

    def _store_secrets(self, entries: dict[str, str]) -> bool:
        """Store each entry's secret, all of them or none: into the keyring, or if none
        works, into memory when the user agrees (every one then). False when none was
        stored (the outcome says why)."""
        secrets = self.session.secrets
        for key, secret in entries.items():
            try:
                secrets.set(key, secret)
            except SecretStoreError as error:
                for stored in entries:
                    if stored == key:
                        break
                    self._delete_entry_quietly(stored)
                reason = failure_text(error)
                if secrets.session_only:
                    self.outcome.show_report(
                        ErrorReport("keyring", self.tr("Nothing was saved"), reason)
                    )
                    return False
                if not self.offer_session_only(reason):
                    self.outcome.show_report(
                        ErrorReport(
                            "keyring",
                            self.tr("Nothing was saved"),
                            self.tr(
                                "The App Secret could not be stored. {reason} "
                                "The console never writes secrets to a file."
                            ).format(reason=reason),
                        )
                    )
                    return False
                secrets.use_session_only()
                self._show_location()
                return self._store_secrets(entries)  # every one in memory, where read now
        return True

    def _delete_quietly(self, profile: Profile) -> bool:
        """The profile's secrets deleted (those of a save that did not happen, or those
        a saved profile no longer names); False when the keyring would not."""
        deleted = self._delete_entry_quietly(profile.secret_key)
        return self._delete_entry_quietly(profile.master_secret_key) and deleted

    def _delete_entry_quietly(self, key: str) -> bool:
        try:
            self.session.secrets.delete(key)
        except SecretStoreError:
            log.warning("a keyring entry no profile names could not be deleted")
            return False
        return True

    @Slot()
    def remove_selected(self) -> None:
        profile = self.editing
        if profile is None or profile.is_sandbox or not self._still_as_shown(_REMOVING):
            return
        refunds, payments = self._unsettled(profile.id)
        if refunds or payments:
            # Once the profile is gone nothing can ask BeeCloud about them any more.
            kept = []
            if refunds:
                kept.append(
                    self.tr(
                        "Refunds it sent whose outcome is not known yet: {count}. Check them "
                        "first (the yellow bar under the band): once the profile is removed, "
                        "they can no longer be checked."
                    ).format(count=refunds)
                )
            if payments:
                kept.append(
                    self.tr(
                        "Payments it sent whose outcome is not known yet: {count} ({bills}). "
                        "Check them first (Check now on New payment, or Find the bill on "
                        "Refund): once the profile is removed, they can no longer be checked."
                    ).format(count=len(payments), bills=_listed(payments))
                )
            self.outcome.show_pending(
                self.tr("“{name}” is kept").format(name=wrappable(profile.name)),
                "\n".join(kept),
            )
            return
        secret_kept = self._secret_kept(profile)
        in_use = self.session.profile.id == profile.id
        if not self.confirm_remove(RemoveQuestion(profile, secret_kept, in_use)):
            return
        # its secrets, once the settings no longer name them, are deleted by a start
        # after a kill meanwhile (ConsoleSession)
        being_removed = self.session.store.profiles_being_saved
        being_removed.hold(profile.secret_key)
        # and what is kept of it, by a start after a kill (a profile the settings lose
        # otherwise keeps it: ConsoleSession._forget_profiles_removed)
        with contextlib.suppress(StoreError):
            self.session.begin_removal(profile.id)
        try:  # first: a profile the settings keep keeps its secrets
            self.session.profiles.remove(profile.id)
        except ProfileSaveError as error:
            being_removed.release(profile.secret_key)
            self.session.end_removal(profile.id, removed=False)
            self._show_not_saved(str(error), _REMOVING)
            return
        leftover = ""
        try:
            self.session.secrets.delete(profile.secret_key)
            self.session.secrets.delete(profile.master_secret_key)
        except SecretStoreError as error:
            leftover = self.tr(
                "Its App Secret could not be deleted from the keyring: {error} "
                "You can delete the entry “{entry}” of “beecloud-console” "
                "with your keyring manager."
            ).format(error=failure_text(error), entry=profile.secret_key)
            being_removed.leave(profile.secret_key)  # the next start tries again
        else:
            being_removed.release(profile.secret_key)
        self.session.audit.profile_removed(profile, secret_deleted=not leftover)
        if self.session.profile.id == profile.id:
            self.session.activate(SANDBOX_ID)
        self.session.end_removal(profile.id, removed=True)
        self._fill_list(self.session.profile.id)
        now = self.tr("The console is on the practice Sandbox now.") if in_use else ""
        if secret_kept == NOWHERE:
            self.outcome.show_success(
                self.tr("Removed “{name}”.").format(name=wrappable(profile.name)), now
            )
        elif leftover:
            self.outcome.show_pending(
                self.tr("Removed “{name}”.").format(name=wrappable(profile.name)),
                " ".join(filter(None, (leftover, now))),
            )
        else:
            self.outcome.show_success(
                self.tr("Removed “{name}” and its App Secret.").format(
                    name=wrappable(profile.name)
                ),
                now,
            )

    # -- hooks' defaults -----------------------------------------------------------------

    def _ask_remove(self, question: RemoveQuestion) -> bool:
        box = remove_box(self, question.profile, question.secret_kept, question.in_use)
        return box.exec() == QMessageBox.StandardButton.Yes

    def remove_question(self, profile: Profile) -> QMessageBox:
        in_use = profile.id == self.session.profile.id
        return remove_box(self, profile, self._secret_kept(profile), in_use)

    def _secret_kept(self, profile: Profile) -> str:
        """Where its App Secret is: a Place kind (UNANSWERED: the keyring cannot say)."""
        if self.session.secrets.held_in_memory(profile.secret_key):
            return SESSION_ONLY
        stored = self._stored(profile.secret_key)
        if stored is None:
            return UNANSWERED
        return IN_KEYRING if stored else NOWHERE

    def _ask_discard(self, question: str) -> bool:
        return _action_chosen(discard_box(self, question))

    def _ask_app_id_change(self, change: AppIdChange) -> bool:
        return _action_chosen(app_id_box(self, change))

    def _ask_session_only(self, reason: str) -> bool:
        return session_only_box(self, reason).exec() == QMessageBox.StandardButton.Yes

    def _pick_ca_bundle(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a CA bundle"),
            "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        return path

    @Slot()
    def _browse_ca_bundle(self) -> None:
        path = self.choose_ca_bundle()
        if path:
            self.ca_bundle_edit.setText(path)

    # -- geometry ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        if not restore_on_screen(self, self.session.settings.get(PROFILES_DIALOG_GEOMETRY)):
            room = screen_room(self)  # its frame within the screen too
            self.resize(min(940, room.width()), min(600, room.height()))

    def done(self, result: int) -> None:
        self.secret_edit.clear()
        self.master_secret_edit.clear()
        self.session.settings.put(PROFILES_DIALOG_GEOMETRY, self.saveGeometry())
        self.session.settings.save_now()
        super().done(result)


# what a new profile's form shows (start_new) but its secrets, as _form_without_secrets reads it
_NEW_FORM: tuple[object, ...] = (
    "",
    "",
    "\n".join(DEFAULT_HOSTS),
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    "",
    False,
)


def _shown_of(profile: Profile) -> tuple[object, ...]:
    """What the form shows of a live profile but its secrets, as _form_without_secrets
    reads it once _show_profile showed it (a timeout to the spin's one decimal)."""
    return (
        profile_label(profile.id, profile.name),
        profile.app_id,
        "\n".join(profile.hosts),
        round(profile.connect_timeout, 1),
        round(profile.read_timeout, 1),
        profile.ca_bundle or "",
        False,
    )


def _listed(bill_nos: list[str], shown: int = 3) -> str:
    """The first bill numbers, newest first, then "…" when there are more."""
    return ", ".join(bill_nos[:shown]) + (", …" if len(bill_nos) > shown else "")
