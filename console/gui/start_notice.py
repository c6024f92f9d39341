"""What went wrong at start and what the console did about it, in words for the
user: the console's database (console/store/opening.py), a settings file it cannot
use (console/gui/settings.py), saved live profiles that cannot be read
(console/gui/profiles.py), the log folder, and a crash since the last start
(console/crashes.py).
Shown once, in a dialog over the window; the console works meanwhile. Every problem
at once is longer than a small, scaled screen is high: its text scrolls, OK in sight
(console/gui/dialog_room.py), where a fixed-size Qt message box put OK below the
screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from console.crashes import Crash
from console.gui.counts import counts
from console.gui.dialog_room import DialogBody, open_within_screen
from console.gui.plain_text import PlainLabel, wrappable
from console.gui.profiles import ProfileDamage
from console.gui.system_texts import store_text
from console.store.errors import CORRUPT, LOCKED, READ_ONLY, WRONG_SCHEMA
from console.store.opening import IN_MEMORY, MOVED_ASIDE, READ_ONLY_COPY, StoreProblem
from console.translatable import QT_TRANSLATE_NOOP


def _tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("StartNotice", ...), in the language shown."""
    return QCoreApplication.translate("StartNotice", text)


def store_problem_text(problem: StoreProblem) -> str:
    """What is wrong with the database, what was done, and what the user can do."""
    what = {
        CORRUPT: _tr(
            QT_TRANSLATE_NOOP("StartNotice", "The console's database {path} is damaged ({detail}).")
        ),
        WRONG_SCHEMA: _tr(
            QT_TRANSLATE_NOOP(
                "StartNotice",
                "The console's database {path} is not one this console can use ({detail}).",
            )
        ),
        READ_ONLY: _tr(
            QT_TRANSLATE_NOOP(
                "StartNotice", "The console's database {path} cannot be written ({detail})."
            )
        ),
        LOCKED: _tr(
            QT_TRANSLATE_NOOP(
                "StartNotice",
                "The console's database {path} is locked by another program, perhaps another "
                "BeeCloud Console ({detail}).",
            )
        ),
    }[problem.kind]
    lines = [what.format(path=problem.path, detail=store_text(problem.found))]
    if problem.action == MOVED_ASIDE:
        lines.append(
            _tr(
                QT_TRANSLATE_NOOP(
                    "StartNotice",
                    "It was moved aside to {moved_to} (nothing was deleted) and a new database "
                    "was started.",
                )
            ).format(moved_to=problem.moved_to)
        )
    elif problem.action == READ_ONLY_COPY:
        lines.append(
            _tr(
                QT_TRANSLATE_NOOP(
                    "StartNotice",
                    "The console shows what it holds, but no payment or refund can be made until "
                    "it can be written: each must be written down before it is sent. Close the "
                    "other program, free space on the disk, or give your user write access to "
                    "the file and its folder, then start the console again.",
                )
            )
        )
    else:
        assert problem.action == IN_MEMORY
        lines.append(
            _tr(
                QT_TRANSLATE_NOOP(
                    "StartNotice",
                    "It could not be read or replaced, so the console runs without it: no "
                    "payment or refund can be made until the file and its folder can be "
                    "written. Then start the console again.",
                )
            )
        )
    if problem.refunds_kept:
        lines.append(
            _tr(
                QT_TRANSLATE_NOOP(
                    "StartNotice",
                    "Refunds whose outcome was not yet known, kept: {count}. The console checks "
                    "them as before.",
                )
            ).format(count=problem.refunds_kept)
        )
    if problem.payments_kept:
        lines.append(
            _tr(
                QT_TRANSLATE_NOOP(
                    "StartNotice",
                    "Payments whose outcome was not yet known, kept: {count}. The console "
                    "checks them as before.",
                )
            ).format(count=problem.payments_kept)
        )
    if problem.refunds_lost:
        lines.append(
            _tr(
                QT_TRANSLATE_NOOP(
                    "StartNotice",
                    "Its refund journal could not be read: refunds sent shortly before may not "
                    "be listed. Look at the Refunds tab, or ask support to read the file.",
                )
            )
        )
    if problem.payments_lost:
        lines.append(
            _tr(
                QT_TRANSLATE_NOOP(
                    "StartNotice",
                    "Its audit log could not be read: a payment sent shortly before whose "
                    "answer never came may not be checked. Look for it on the Bills tab, or ask "
                    "support to read the file.",
                )
            )
        )
    return "\n\n".join(lines)


def log_problem_text(folder: Path, error: OSError) -> str:
    """The log folder, or the log file in it when that is what could not be opened (a
    link, another user's, one the user may not write): the clerk then looks at the
    right one, not at a folder whose permissions are fine."""
    from console.gui.system_texts import system_reason

    reason = system_reason(error)
    refused = Path(error.filename) if isinstance(error.filename, str) else None
    if refused is not None and refused.parent == folder:
        return _tr(
            QT_TRANSLATE_NOOP(
                "StartNotice",
                "The log file {path} cannot be written ({reason}). The console logs to its "
                "standard error instead; nothing else is affected.",
            )
        ).format(path=refused, reason=reason)
    return _tr(
        QT_TRANSLATE_NOOP(
            "StartNotice",
            "The log folder {folder} cannot be written ({reason}). The console logs to its "
            "standard error instead; nothing else is affected.",
        )
    ).format(folder=folder, reason=reason)


def crash_text(crash: Crash) -> str:
    from console.gui.i18n import minute_text

    return _tr(
        QT_TRANSLATE_NOOP(
            "StartNotice",
            "The console stopped unexpectedly at {when}. Where it was is kept in {path}: "
            "send that file to support if it happens again.",
        )
    ).format(when=minute_text(crash.at_ms), path=crash.path)


def profile_damage_text(damage: ProfileDamage, settings_file: str) -> str:
    if damage.whole:
        return _tr(
            QT_TRANSLATE_NOOP(
                "StartNotice",
                "The live profiles saved in {path} cannot be read (the file was damaged or "
                "edited by hand), so only the Sandbox profile is listed. Nothing was deleted: "
                "when a profile is next saved, their text is kept in the same file under "
                "“profiles/live_unreadable”. Their App Secrets stay in the keyring.",
            )
        ).format(path=settings_file)
    return counts().unreadable_profiles(damage.entries).format(path=settings_file)


def settings_aside_text(settings_file: str, aside: Path) -> str:
    return _tr(
        QT_TRANSLATE_NOOP(
            "StartNotice",
            "The settings file {path} held nothing the console could read (it was damaged), "
            "so the console starts with new settings: only the Sandbox profile is listed. "
            "The file was kept as {aside}. Add your live profiles again in Profiles…, with "
            "their App IDs and App Secrets.",
        )
    ).format(path=settings_file, aside=aside)


def settings_unusable_text(settings_file: str, why: OSError) -> str:
    from console.gui.system_texts import system_reason

    return _tr(
        QT_TRANSLATE_NOOP(
            "StartNotice",
            "The settings file {path} cannot be used ({reason}), so the console starts with "
            "its default settings: only the Sandbox profile is listed, and nothing chosen "
            "now is kept. Nothing in it was changed. Make it a file your user can read and "
            "write, then start the console again: your live profiles are listed again.",
        )
    ).format(path=settings_file, reason=system_reason(why))


class StartNotice(QDialog):
    """The notice: a warning's icon, the text (selectable, to be copied for support)
    scrolling when the screen is short, and OK."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            _tr(QT_TRANSLATE_NOOP("StartNotice", "The console started with a problem"))
        )
        self._text = text
        self.message = PlainLabel(wrappable(text))  # a long path wraps within the width
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(420)
        icon = QLabel()
        style = self.style()
        size = style.pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        content = QWidget()
        text_layout = QVBoxLayout(content)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.message)
        self.body = DialogBody(content, self.windowTitle())
        beside = QHBoxLayout()
        beside.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        beside.addWidget(self.body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(beside)
        layout.addWidget(buttons)
        self.ok_button.setFocus()
        open_within_screen(self, self.body)

    def text(self) -> str:
        """What the notice says."""
        return self._text


def start_notice(
    parent: QWidget,
    store_problem: StoreProblem | None,
    log_problem: OSError | None,
    log_folder: Path,
    profile_damage: ProfileDamage | None = None,
    settings_file: str = "",
    settings_aside: Path | None = None,
    crash: Crash | None = None,
    settings_unusable: OSError | None = None,
) -> StartNotice | None:
    """The dialog to show, or None when all is well."""
    parts = []
    if crash is not None:
        parts.append(crash_text(crash))
    if store_problem is not None:
        parts.append(store_problem_text(store_problem))
    if settings_aside is not None:
        parts.append(settings_aside_text(settings_file, settings_aside))
    if settings_unusable is not None:
        parts.append(settings_unusable_text(settings_file, settings_unusable))
    if profile_damage:
        parts.append(profile_damage_text(profile_damage, settings_file))
    if log_problem is not None:
        parts.append(log_problem_text(log_folder, log_problem))
    if not parts:
        return None
    return StartNotice("\n\n".join(parts), parent)
