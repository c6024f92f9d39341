"""The console's settings: declared once, typed, versioned, and never in the way."""

from __future__ import annotations

import errno
import gc
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QSettings

from console.gui import settings as declared
from console.gui.profiles import Profile, ProfileStore
from console.gui.settings import (
    FILE_VERSION,
    HEADER,
    LANGUAGE,
    SANDBOX_PORT,
    SYNC_MINUTES,
    VERSION,
    WIDTHS_BY_USER,
    WINDOW_TAB,
    Setting,
    Settings,
)
from tests.file_damage import (
    cannot_read,
    cannot_write,
    folder_in_place_of,
    folder_left_alone,
    link_to_elsewhere,
    pipe_in_place_of,
    shared_folder,
    untouched,
)

ROOT = Path(__file__).resolve().parents[2]
ALL_SETTINGS = [value for value in vars(declared).values() if isinstance(value, Setting)]

junk = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.integers(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
    st.binary(max_size=10).map(QByteArray),
)


@pytest.mark.parametrize("setting", ALL_SETTINGS, ids=lambda s: s.key)
@given(raw=junk)
def test_whatever_a_file_holds_a_setting_reads_as_its_own_type(
    setting: Setting, raw: object
) -> None:
    assert type(setting.read(raw)) is type(setting.default)


@pytest.mark.parametrize(
    ("setting", "raw", "meant"),
    [
        (WIDTHS_BY_USER, "true", True),
        (WIDTHS_BY_USER, "false", False),
        (WIDTHS_BY_USER, "False", False),  # str(False), as a careless writer would store it
        (WIDTHS_BY_USER, "perhaps", False),
        (SANDBOX_PORT, "8123", 8123),
        (SANDBOX_PORT, "eighty", 0),
        (SANDBOX_PORT, True, 0),
        (SANDBOX_PORT, "70000", 0),  # no port: any free one, not an error at start
        (SANDBOX_PORT, "-1", 0),
        (SYNC_MINUTES, "15", 15),
        (SYNC_MINUTES, "0", 0),
        # A timer of more than 2**31 - 1 ms (35,792 minutes) raised OverflowError at
        # every start; a day is the most.
        (SYNC_MINUTES, "40000", 5),
        (SYNC_MINUTES, "1441", 5),
        (SYNC_MINUTES, "-5", 5),
        (WINDOW_TAB, ["bills", "refunds"], ""),  # an unquoted comma in an edited file
        (HEADER, "not a saved state", QByteArray()),
    ],
)
def test_a_stored_value_means_what_it_says_or_the_default(
    setting: Setting,
    raw: object,
    meant: object,
) -> None:
    assert setting.read(raw) == meant


def test_each_setting_is_declared_once() -> None:
    keys = [setting.key for setting in ALL_SETTINGS]
    assert len(keys) == len(set(keys))


def test_values_come_back_from_the_file_with_their_types(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    first = Settings.in_file(path)
    first.put(SANDBOX_PORT, 8123)
    table = first.group(declared.BILLS_TABLE)
    table.put(WIDTHS_BY_USER, True)
    table.put(HEADER, QByteArray(b"\x00\x01state"))
    assert first.save_now()

    again = Settings.in_file(path)
    assert again.get(SANDBOX_PORT) == 8123
    assert again.group(declared.BILLS_TABLE).get(WIDTHS_BY_USER) is True
    assert again.group(declared.BILLS_TABLE).get(HEADER) == QByteArray(b"\x00\x01state")
    assert again.get(WIDTHS_BY_USER) is False  # outside the group: not set
    assert "[bills_tab]\nheader=@ByteArray" in path.read_text()  # a plain INI file


def test_a_new_file_is_of_the_current_version(tmp_path: Path) -> None:
    settings = Settings.in_file(tmp_path / "settings.ini")
    assert settings.get(FILE_VERSION) == VERSION == 1


def test_every_version_below_the_current_one_has_its_upgrade_step() -> None:
    assert set(declared.UPGRADES) == set(range(1, VERSION))


def test_an_older_file_is_upgraded_step_by_step(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text("[settings]\nversion=1\n[window]\ntab=2\n")
    steps_run: list[int] = []

    def to_2(settings: Settings) -> None:  # as a later console might rename a value
        steps_run.append(1)
        settings.put(WINDOW_TAB, {"2": "bills"}.get(settings.get(WINDOW_TAB), ""))

    def to_3(settings: Settings) -> None:
        steps_run.append(2)

    settings = Settings.in_file(path)  # version 1, as this console's: nothing to do
    assert settings.get(WINDOW_TAB) == "2" and steps_run == []
    settings.upgrade(3, {1: to_2, 2: to_3})  # as a console of version 3 would
    assert steps_run == [1, 2]
    assert settings.get(WINDOW_TAB) == "bills"
    assert settings.get(FILE_VERSION) == 3


def test_a_file_of_a_newer_console_is_read_and_keeps_its_version(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_text(f"[settings]\nversion={VERSION + 5}\n[window]\ntab=audit\n")
    settings = Settings.in_file(path)
    assert settings.get(WINDOW_TAB) == "audit"
    assert settings.get(FILE_VERSION) == VERSION + 5


def cannot_be_saved(path: Path) -> None:
    """The settings of a file the console cannot use: the defaults, kept for this run,
    and saying that they cannot be saved; nothing is written, even when they are gone."""
    settings = Settings.in_file(path)
    assert settings.get(WINDOW_TAB) == "" and settings.get(FILE_VERSION) == VERSION
    settings.put(WINDOW_TAB, "audit")
    assert settings.get(WINDOW_TAB) == "audit"
    assert not settings.can_write() and not settings.save_now()
    assert settings.file_name() == str(path)
    del settings
    gc.collect()  # Qt's settings write what is left when they are deleted


@pytest.mark.parametrize(
    "damaged",
    [
        b"\x00\x01\xff\xfe a line no INI holds\n[ui]\nlanguage=zh_CN\n",  # found when written
        b"[ui]\nlanguage=zh_CN\n\x00\x01\xff\xfe a line no INI holds\n",  # found when read
    ],
)
def test_a_file_with_a_damaged_line_is_written_and_said_to_be(
    tmp_path: Path, damaged: bytes
) -> None:
    """Qt reports such a file as a format error, and writes it over all the same: a
    profile saved there was said not to be (and its new secret taken out of the
    keyring), though the file held it."""
    path = tmp_path / "settings.ini"
    path.write_bytes(damaged)
    settings = Settings.in_file(path)
    assert settings.get(LANGUAGE) == "zh_CN"
    settings.put(SYNC_MINUTES, 15)
    assert settings.save_now()
    again = Settings.in_file(path)
    assert (again.get(SYNC_MINUTES), again.get(LANGUAGE)) == (15, "zh_CN")
    settings.put(SYNC_MINUTES, 60)
    with cannot_write(tmp_path, path):
        assert not settings.save_now(), "a write that fails is still said to"
    assert settings.save_now()
    assert Settings.in_file(path).get(SYNC_MINUTES) == 60


def test_a_file_deleted_while_the_console_runs_is_written_whole_again(qapp, tmp_path: Path) -> None:
    """Qt's next save read the deleted file as empty and wrote only what was put since:
    every live profile (their App Secrets left in the keyring), the language and the
    tables' states were gone at the next start."""
    path = tmp_path / "settings.ini"
    settings = Settings.in_file(path)
    ProfileStore(settings).save(Profile.new_live("Shop", "app-1"))
    settings.put(LANGUAGE, "zh_CN")
    assert settings.save_now()
    path.unlink()
    settings.put(SYNC_MINUTES, 15)
    qapp.processEvents()  # Qt saves by itself after a change
    assert settings.save_now()
    text = path.read_text(encoding="utf-8")
    assert "app-1" in text and "zh_CN" in text and "sync_minutes=15" in text


def test_a_symlink_where_the_settings_should_be_is_never_followed(tmp_path: Path) -> None:
    link = tmp_path / "settings.ini"
    target = link_to_elsewhere(link, tmp_path / "elsewhere")
    cannot_be_saved(link)
    untouched(link, target)


def test_a_folder_or_a_pipe_where_the_settings_should_be_is_left_as_it_is(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "folder" / "settings.ini"
    folder_in_place_of(folder)
    cannot_be_saved(folder)
    folder_left_alone(folder)
    pipe = tmp_path / "pipe" / "settings.ini"
    with pipe_in_place_of(pipe):  # read, it would wait for a writer for ever
        cannot_be_saved(pipe)


@pytest.mark.parametrize("in_its_place", ["a link to nothing", "a file"])
def test_a_settings_folder_that_is_no_folder_is_said_at_start(
    tmp_path: Path, in_its_place: str
) -> None:
    """The settings' folder a symbolic link to nothing (a disk not mounted, a folder
    deleted) or a file: the file looked missing, so the start said nothing and the
    clerk's choices were refused only at their first save. Said at start, as for any
    settings file the console cannot use."""
    folder = tmp_path / "BeeCloud"
    if in_its_place == "a file":
        folder.write_text("not a folder")
    else:
        folder.symlink_to(tmp_path / "gone")
    settings = Settings.in_file(folder / "settings.ini")
    assert settings.unusable is not None and settings.unusable.filename == str(folder)
    cannot_be_saved(folder / "settings.ini")
    assert not (tmp_path / "gone").exists()


def test_a_settings_file_far_larger_than_settings_ever_are_is_not_read(tmp_path: Path) -> None:
    """A settings file of 200 MB of keys took the console 67 s and 5 GB of memory to
    start (Qt reads and parses it whole): one larger than MAX_FILE_BYTES, a thousand
    times what the console writes, is not read but used as a file it cannot use, left
    as it is, and the start says why."""
    path = tmp_path / "settings.ini"
    keys = "".join(f"k{n}=v{n}\n" for n in range(declared.MAX_FILE_BYTES // 8))
    path.write_text(f"[profiles]\nlast=sandbox\n[bills_tab]\n{keys}", encoding="ascii")
    size = path.stat().st_size
    assert size > declared.MAX_FILE_BYTES
    settings = Settings.in_file(path)
    assert settings.unusable is not None and settings.set_aside is None
    assert "is larger than a settings file ever is" in str(settings.unusable)
    cannot_be_saved(path)
    assert path.stat().st_size == size


def test_a_settings_file_the_user_cannot_read_is_left_and_said_not_taken_for_damaged() -> None:
    """Another user's settings file (root's, left by a start under sudo) that the user
    cannot read: Qt read no setting in it, so it was taken for damaged and moved aside
    (the start said it was damaged) or, in a folder the user cannot write, left with
    nothing said at all: the live profiles and the language gone unsaid. It is a file
    the console cannot use, left where it is, and the start says why."""
    with shared_folder() as folder:
        folder.chmod(0o777)  # the user may move a file in it
        path = folder / "settings.ini"
        path.write_text("[ui]\nlanguage=zh_CN\n[settings]\nversion=1\n", encoding="ascii")
        with cannot_read(path):
            settings = Settings.in_file(path)
            assert settings.set_aside is None
            assert settings.unusable is not None and settings.unusable.errno == errno.EACCES
            cannot_be_saved(path)
        assert list(folder.iterdir()) == [path]
        assert "zh_CN" in path.read_text(encoding="ascii")


def test_the_users_settings_file_is_checked_where_qt_keeps_it() -> None:
    assert (
        str(declared.user_file())
        == QSettings(declared.ORGANISATION, declared.APPLICATION).fileName()
    )


def test_nothing_but_the_settings_module_uses_qsettings() -> None:
    allowed = ROOT / "console" / "gui" / "settings.py"
    users = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "console").rglob("*.py")
        if path != allowed and re.search(r"\bQSettings\b", path.read_text())
    ]
    assert users == []
