"""Every setting the console keeps, declared once here: its key, its type, its default.

The file is Qt's own for the console (on Linux ~/.config/BeeCloud/BeeCloud Console.conf)
or an INI file that a test names. Nothing else in the console calls QSettings: code
reads `settings.get(LANGUAGE)` and writes `settings.put(LANGUAGE, "zh_CN")`; a tab keeps
its table's state in a group of its own (`settings.group(BILLS_TABLE).get(HEADER)`).

A value that is missing or damaged (text where a number belongs, a hand-edited file)
reads as its default, so a setting can never stop the console.

A settings file that is a symbolic link, a folder, a device or a pipe is one the console
cannot use (console/private_files.py): Qt would read through the link (a pipe waits for
ever) and replace what it points at with a file of its own. So is one larger than
MAX_FILE_BYTES, which Qt would read whole, one the user may not read, and one whose
folder is a link to nothing or a file (it looks missing, yet cannot be saved). Such a file is
neither read nor written: the settings are the defaults, kept for this run only, and say
that they cannot be saved, as for a file that cannot be written (can_write(),
save_now()); the start says why (Settings.unusable).

The file says which version of this list wrote it. A console that renames or reshapes
a setting raises VERSION and adds the step from the version before to UPGRADES; none
is needed yet. A file from a newer console is read as far as this one understands it
and keeps its version.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from console.private_files import UnusableFile, check_usable

log = logging.getLogger(__name__)

ORGANISATION = "BeeCloud"
APPLICATION = "BeeCloud Console"

# A thousand times what the console writes (a few kilobytes: its profiles, its tables'
# states). Qt reads and parses a settings file whole: one of 200 MB of keys took a start
# 67 s and 5 GB of memory. A larger file is one the console cannot use, left as it is.
MAX_FILE_BYTES = 4 * 1024 * 1024
TOO_LARGE = "is larger than a settings file ever is"

Value = TypeVar("Value", str, int, bool, QByteArray)

_TRUE = ("true", "1", "yes")
_FALSE = ("false", "0", "no")


@dataclass(frozen=True)
class Setting(Generic[Value]):
    """One setting: where it is kept and what it is when missing or unreadable. Its
    type is its default's (str, int, bool, or QByteArray for Qt's saved states); a
    number outside `limits` (lowest, highest) is unreadable too."""

    key: str
    default: Value
    limits: tuple[int, int] | None = None

    def read(self, raw: object) -> Value:
        """What a stored value means for this setting; the default when it means nothing."""
        default = self.default
        if raw is None:
            return default
        if isinstance(default, bool):  # before int: a bool is an int
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            return True if text in _TRUE else False if text in _FALSE else default
        if isinstance(default, int):
            if isinstance(raw, bool):
                return default
            try:
                number = int(str(raw).strip())
            except ValueError:
                return default
            if self.limits is not None and not self.limits[0] <= number <= self.limits[1]:
                return default
            return number
        if isinstance(default, QByteArray):
            return raw if isinstance(raw, QByteArray) else default
        return raw if isinstance(raw, str) else default


# -- the settings -------------------------------------------------------------------------

FILE_VERSION = Setting("settings/version", 0)  # 0: a file no console has written yet

LANGUAGE = Setting("ui/language", "system")  # console/gui/i18n.py: system, en or zh_CN
WINDOW_GEOMETRY = Setting("window/geometry", QByteArray())
WINDOW_TAB = Setting("window/tab", "")  # a name of main_window.TAB_NAMES; "": the first
PROFILES_DIALOG_GEOMETRY = Setting("profiles_dialog/geometry", QByteArray())

LIVE_PROFILES = Setting("profiles/live", "[]")  # JSON, without secrets (profiles.py)
# What LIVE_PROFILES held when it could not be read as a list, set aside when a profile
# was next saved (never deleted: each such text on a line of its own).
LIVE_PROFILES_UNREADABLE = Setting("profiles/live_unreadable", "")
LAST_PROFILE = Setting("profiles/last", "")  # the profile of last time; "": the sandbox
# The embedded sandbox's port of last time, asked for again so that a practice PayPal
# approval link made before a restart of the console still works; 0: any free one.
SANDBOX_PORT = Setting("sandbox/port", 0, limits=(0, 65535))

PAYMENT_CURRENCY = Setting("payment/currency", "")  # "": the form's default currency


def return_url_setting(profile_id: str) -> Setting[str]:
    """The return address a profile's PayPal payments last used (the merchant's page the
    payer lands on after approving), kept for each profile: a test shop's page typed while
    practising on the Sandbox is not where a live profile's payers are sent. The key
    holds the id in hex, whatever characters a hand-edited profile's id has."""
    return Setting(f"payment/return_url/{profile_id.encode().hex()}", "")


# How often the history mirror syncs while the console is open, in minutes (0: only at
# start and on Reload; a day at most); console/gui/history.py.
SYNC_MINUTES = Setting("history/sync_minutes", 5, limits=(0, 24 * 60))
EXPORT_FOLDER = Setting("export/folder", "")  # of the last export; "": the home folder
EXPORT_FORMAT = Setting("export/format", ".csv")  # ".csv" or ".xlsx", as last chosen

# The groups that keep a tab's state, and what each may hold.
BILLS_TABLE = "bills_tab"
REFUNDS_TABLE = "refunds_tab"
AUDIT_TABLE = "audit_tab"
OVERVIEW = "overview_tab"

HEADER = Setting("header", QByteArray())  # the columns' widths, order, hiding and sort
WIDTHS_BY_USER = Setting("widths_by_user", False)  # the user sized the columns
CHANNEL = Setting("channel", "")  # "": every channel
BILL_NO = Setting("bill_no", "")
REFUND_NO = Setting("refund_no", "")
STATUS = Setting("status", "")  # "": every status
TEXT = Setting("text", "")  # the search box
ACTION = Setting("action", "")  # the audit log's action picker; "": every action
PROFILE = Setting("profile", "")  # the audit log's profile picker; "": every profile
DATES_PRESET = Setting("preset", "")  # a date range picker's preset; "": its default
FIRST_DAY = Setting("first_day", "")  # ISO dates of a custom range
LAST_DAY = Setting("last_day", "")

# The groups every setting above is kept under (a tab's, for those kept in one): a file
# holding a key of none of them holds nothing of the console's (_holds_nothing_readable).
_GROUPS = frozenset(
    {
        value.key.split("/", 1)[0]
        for value in list(globals().values())
        if isinstance(value, Setting) and "/" in value.key
    }
    | {BILLS_TABLE, REFUNDS_TABLE, AUDIT_TABLE, OVERVIEW}  # the tabs', their keys within
)

VERSION = 1
# The step from version n to n + 1, for each n below VERSION.
UPGRADES: dict[int, Callable[[Settings], None]] = {}


def user_file() -> Path:
    """Where Qt keeps the settings of the user who runs the console (QSettings of the
    organisation and application, on Linux), found without reading it."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(folder) / ORGANISATION / f"{APPLICATION}.conf"


class Unsaved:
    """In place of Qt's settings for a file the console cannot use: what is put is kept
    for this run only; the file is neither read nor written. (QSettings' method names.)
    `why`: what makes the file one the console cannot use, for the start to say."""

    def __init__(self, file_name: str, why: OSError | None = None) -> None:
        self._file_name = file_name
        self._values: dict[str, object] = {}
        self.why = why

    def value(self, key: str) -> object:
        return self._values.get(key)

    def setValue(self, key: str, value: object) -> None:
        self._values[key] = value

    def sync(self) -> None:
        pass

    def status(self) -> QSettings.Status:
        return QSettings.Status.AccessError

    def isWritable(self) -> bool:
        return False

    def fileName(self) -> str:
        return self._file_name


def check_file(path: Path) -> None:
    """Raises OSError (UnusableFile) when the settings file at `path` is one the console
    cannot use: a symbolic link or not a regular file (check_usable), larger than
    MAX_FILE_BYTES, or one the user may not read (PermissionError: another user's, as
    a start under sudo leaves it), which Qt reads as holding no setting, so that it was
    taken for damaged and moved aside, or, where it could not be moved, the clerk's
    profiles and language were gone unsaid. A file that is missing is usable, unless
    its folder is no folder (_check_folder)."""
    _check_folder(path)
    check_usable(path)
    try:
        size = os.lstat(path).st_size
    except (FileNotFoundError, NotADirectoryError):
        return
    if size > MAX_FILE_BYTES:
        raise UnusableFile(path, TOO_LARGE)
    effective = os.access in os.supports_effective_ids  # (not on Windows)
    if not os.access(path, os.R_OK, effective_ids=effective):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))


def _check_folder(path: Path) -> None:
    """Raises OSError (naming the folder) when the nearest folder of `path` that is there
    is a symbolic link to nothing (a disk not mounted, a folder deleted) or a file: the
    settings file then looked missing, nothing was said at start, and the clerk's
    choices were refused only at their first save."""
    for folder in path.parents:
        if not os.path.lexists(folder):
            continue
        status = os.stat(folder)  # a link to nothing: FileNotFoundError, naming the folder
        if not stat.S_ISDIR(status.st_mode):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
        return


def _unusable(path: Path) -> Unsaved | None:
    """An Unsaved store when the file at `path` is one the console cannot use."""
    try:
        check_file(path)
    except OSError as error:
        log.warning("the settings file %s cannot be used (%s): not saved", path, error)
        return Unsaved(str(path), why=error)
    return None


def _holds_nothing_readable(path: Path, store: QSettings) -> bool:
    """Whether the file holds bytes but not one of the console's settings (zeros after a
    power cut, garbage; random bytes, which Qt reads as a few keys of junk): the live
    profiles it held are gone, and the next save would write over what is left of
    them."""
    if any(key.split("/", 1)[0] in _GROUPS for key in store.allKeys()):
        return False
    try:
        return path.stat().st_size > 0  # an empty one: nothing in it to lose
    except FileNotFoundError:  # no file yet (a first start), or gone meanwhile
        return False
    except OSError as error:  # a folder that cannot be read
        log.warning("the settings file %s holds nothing readable (%s)", path, error)
        return False


def _set_aside(path: Path) -> Path | None:
    """A file that holds nothing readable (`_holds_nothing_readable`) moved beside itself
    (console/damaged_files.py), for the console to start on new settings; where it
    went, or None."""
    from console.damaged_files import move_aside

    try:
        aside = move_aside(path)
    except FileNotFoundError:  # no file yet (a first start), or gone meanwhile
        return None
    except OSError as error:  # a folder that cannot be written
        log.warning("the settings file %s holds nothing readable (%s)", path, error)
        return None
    log.warning("the settings file %s held nothing readable: moved to %s", path, aside)
    return aside


class Settings:
    """The console's settings file, read and written through the Settings declared above.
    A group (group()) is a view of the same file under a prefix."""

    def __init__(
        self,
        store: QSettings | Unsaved,
        prefix: str = "",
        reopen: Callable[[], QSettings] | None = None,
    ) -> None:
        """`reopen` makes another QSettings of the same file (save_now())."""
        self._store = store
        self._prefix = prefix
        self._reopen = reopen
        # Where a file that held nothing readable was moved at start (_opened), to say so.
        self.set_aside: Path | None = None

    @property
    def unusable(self) -> OSError | None:
        """Why the file is one the console cannot use (a link, a folder, a folder it may
        not enter), or None: the settings are then the defaults, never saved, and the
        clerk's live profiles not listed. The start says so (console/gui/start_notice.py)."""
        store = self._store
        return store.why if isinstance(store, Unsaved) else None

    @classmethod
    def of_user(cls, leave_damaged: bool = False) -> Settings:
        """The settings file of the user who runs the console, upgraded to VERSION.
        `leave_damaged`: a start no clerk sees (`--exit-when-ready`) leaves a file that
        holds nothing readable where it is, for the next start to set aside and say
        so, and runs on settings of its own, never saved."""
        return cls._opened(user_file(), lambda: QSettings(ORGANISATION, APPLICATION), leave_damaged)

    @classmethod
    def in_file(cls, path: Path | str) -> Settings:
        """An INI file of settings (tests, benchmarks), upgraded to VERSION."""
        return cls._opened(Path(path), lambda: QSettings(str(path), QSettings.Format.IniFormat))

    @classmethod
    def only_read(cls, path: Path) -> Settings:
        """An INI file of settings as it is, only to be read (`info`): not upgraded,
        nothing set aside."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    @classmethod
    def _opened(
        cls, path: Path, open_file: Callable[[], QSettings], leave_damaged: bool = False
    ) -> Settings:
        """Qt's settings of the file (`open_file`), or Unsaved ones when the console
        cannot use it (or, `leave_damaged`, when it holds nothing readable); upgraded to
        VERSION."""
        unsaved = _unusable(path)
        if unsaved is not None:
            return cls.upgraded(unsaved)
        store = open_file()
        aside = None
        if _holds_nothing_readable(path, store):
            if leave_damaged:
                log.warning(
                    "the settings file %s holds nothing readable: left for the next start", path
                )
                return cls.upgraded(Unsaved(str(path)))
            aside = _set_aside(path)
        if aside is not None:
            del store  # never saved: it read nothing, and its file is gone
            store = open_file()
        settings = cls.upgraded(store, reopen=open_file)
        settings.set_aside = aside
        return settings

    @classmethod
    def upgraded(
        cls,
        store: QSettings | Unsaved,
        version: int = VERSION,
        steps: dict[int, Callable[[Settings], None]] | None = None,
        reopen: Callable[[], QSettings] | None = None,
    ) -> Settings:
        settings = cls(store, reopen=reopen)
        settings.upgrade(version, UPGRADES if steps is None else steps)
        return settings

    def upgrade(self, version: int, steps: dict[int, Callable[[Settings], None]]) -> None:
        """Run the steps from the file's version up to `version`, then say so in the file.
        A file without a version is new: there was no release before version 1."""
        found = self.get(FILE_VERSION)
        if found < 1:
            found = version
        if found > version:
            log.info("settings written by a newer console (version %d); kept as they are", found)
            return
        while found < version:
            steps[found](self)
            found += 1
        if self.get(FILE_VERSION) != version:
            self.put(FILE_VERSION, version)

    def get(self, setting: Setting[Value]) -> Value:
        return setting.read(self._store.value(self._prefix + setting.key))

    def put(self, setting: Setting[Value], value: Value) -> None:
        self._keep_all_if_gone()
        self._store.setValue(self._prefix + setting.key, value)

    def _keep_all_if_gone(self) -> None:
        """The file deleted while the console runs: Qt's next save reads it as empty and
        writes only what was put since, so that every profile and choice it held would be
        lost. What this console still holds of it is put again, to be written whole."""
        store = self._store
        if isinstance(store, Unsaved) or os.path.lexists(store.fileName()):
            return
        for key in store.allKeys():
            store.setValue(key, store.value(key))

    def group(self, name: str) -> Settings:
        """The settings under `name` (a table's state: BILLS_TABLE and the like)."""
        return Settings(self._store, f"{self._prefix}{name}/", self._reopen)

    def save_now(self) -> bool:
        """Write what was put to the file now; False when it could not be written."""
        self._keep_all_if_gone()
        self._store.sync()
        status = self._store.status()
        if status != QSettings.Status.NoError and self._reopen is not None:
            # A QSettings keeps its first error for good: the file held a line no INI
            # file holds (binary garbage, a hand edit: Qt wrote it over without that line
            # all the same), or a write failed (a full disk: every save after it, room
            # again, said it failed). Another of the same file shares what is still to be
            # written, and says whether it can be.
            again = self._reopen()
            again.sync()
            status = again.status()
        return status == QSettings.Status.NoError

    def reload(self) -> None:
        """Read again what another console wrote to the file since (and write what was
        put here): before a setting kept for both is read to be changed (the profiles).
        A file that is gone or cannot be read is not: Qt would forget what it held."""
        effective = os.access in os.supports_effective_ids  # (not on Windows)
        if os.access(self._store.fileName(), os.R_OK, effective_ids=effective):
            self._store.sync()

    def can_write(self) -> bool:
        return self._store.isWritable()

    def file_name(self) -> str:
        return self._store.fileName()
