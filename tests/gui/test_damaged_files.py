"""The console starts whatever state its files are in, says what happened and loses
nothing: a damaged database is moved aside with its unresolved refunds kept, a
read-only one is read and no payment or refund is made, a log folder it cannot
write gives a start all the same, a profile it cannot save is said so."""

from __future__ import annotations

import random
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.api.validate import china_today
from console.gui.main_window import MainWindow
from console.gui.profiles import SANDBOX_APP_ID, Profile
from console.gui.profiles_dialog import ProfilesDialog
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.gui.tabs.payment_tab import PaymentTab
from console.logs import configure_logging
from console.store import ConsoleStore, StoreError
from console.store.audit_log import AuditLog
from console.store.secrets import SecretStore
from tests.cli_support import console_until_ready
from tests.file_damage import (
    cannot_write,
    checkpointed,
    link_to_elsewhere,
    shared_folder,
    untouched,
)
from tests.gui.console_support import notice_text, start_with_notice
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_truth import sandbox_store
from tests.gui.tab_drivers import WAIT_MS, click_save, fill_common, fill_new


def unresolved_refund(data_dir: Path) -> str:
    """A refund left `sending` in the journal, as after a kill; its number."""
    number = china_today() + "120000RKEPT1"
    store = ConsoleStore.open(data_dir)
    store.journal.record_sending(number, "BC0000000001", 1250, "USD", "sandbox")
    store.close()
    return number


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.in_file(tmp_path / "settings.ini")


def test_a_damaged_database_is_moved_aside_and_said_so(
    qtbot, settings: Settings, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    number = unresolved_refund(data_dir)
    path = data_dir / "console.sqlite3"
    checkpointed(path)
    with path.open("r+b") as file:
        file.seek(100)  # the first page, past the header: sqlite_master is damaged
        file.write(b"\xff" * 3000)
    window = start_with_notice(qtbot, settings, data_dir)
    try:
        text = notice_text(qtbot, window)
        assert f"The console's database {path} is damaged" in text
        assert "It was moved aside to" in text and "nothing was deleted" in text
        moved = list(data_dir.glob("console.sqlite3.damaged-*"))
        assert next(str(p) for p in moved if not p.name.endswith(("-wal", "-shm"))) in text
        store = window.session.store
        assert store.writable and store.problem is not None
        kept = [entry.refund_no for entry in store.journal.unresolved()]
        assert kept in ([number], []), "kept whenever its page could still be read"
        if kept:
            assert "Refunds whose outcome was not yet known, kept: 1" in text
            assert window.refund_notice.isVisible()
    finally:
        window.close()


def test_a_database_none_of_which_can_be_read_says_a_payment_may_go_unchecked(
    qtbot, settings: Settings, tmp_path: Path
) -> None:
    """Junk in place of the database: neither its refund journal nor its audit log (the
    one record of a payment whose answer never came) can be read. The notice said only
    that refunds may not be listed; a payment left unanswered went unchecked unsaid."""
    import os

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "console.sqlite3").write_bytes(os.urandom(4096))
    window = start_with_notice(qtbot, settings, data_dir)
    try:
        text = notice_text(qtbot, window)
        assert "Its refund journal could not be read" in text
        assert "Its audit log could not be read" in text
        assert "Bills tab" in text
    finally:
        window.close()


@pytest.mark.parametrize(
    "damage",
    [b"\0" * 300, b"\xff\xfe\x00garbage\x00" * 40, random.Random(7).randbytes(4096)],
    ids=["zeros", "garbage", "random bytes"],
)
def test_a_settings_file_that_holds_nothing_readable_is_kept_aside_and_said_so(
    qtbot, tmp_path: Path, damage: bytes
) -> None:
    """A settings file filled with zeros (a power cut on some file systems) or garbage
    reads as no setting at all: the live profiles it held are gone. Said, not silent,
    and the file is kept beside, never written over by the next save. Random bytes
    read as a few keys of junk (a '=' among them), none of the console's: they were
    taken for settings, nothing was said, and the next save wrote the junk over."""
    path = tmp_path / "settings.ini"
    path.write_bytes(damage)
    path.chmod(0o600)
    settings = Settings.in_file(path)
    aside = settings.set_aside
    assert aside is not None and aside.read_bytes() == damage
    assert aside.parent == tmp_path and aside.name.startswith("settings.ini.damaged-")
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    window = start_with_notice(qtbot, settings, tmp_path / "data")
    try:
        text = notice_text(qtbot, window)
        assert f"The settings file {path} held nothing the console could read" in text
        assert str(aside) in text and "Profiles…" in text
    finally:
        window.close()
    assert settings.save_now() and aside.read_bytes() == damage


@pytest.mark.parametrize("damage", ["link", "folder"])
def test_a_settings_file_the_console_cannot_use_is_said_at_start(
    qtbot, tmp_path: Path, damage: str
) -> None:
    """The settings file a symbolic link (a dotfile manager's, such as GNU Stow's) or a
    folder: the console runs on default settings it never saves, so the clerk's live
    profiles are not listed and their choices are not kept. The start said nothing of
    it: the profiles were simply gone."""
    path = tmp_path / "config" / "settings.ini"
    if damage == "link":
        target = link_to_elsewhere(path, tmp_path / "elsewhere")
        why = "settings.ini is a symbolic link, which the console does not follow"
    else:
        path.mkdir(parents=True)
        why = "settings.ini is not a regular file"
    settings = Settings.in_file(path)
    window = start_with_notice(qtbot, settings, tmp_path / "data")
    try:
        text = notice_text(qtbot, window)
        assert f"The settings file {path} cannot be used ({why})" in text, text
        assert "only the Sandbox profile is listed" in text
        assert "nothing chosen now is kept" in text
    finally:
        window.close()
    if damage == "link":
        untouched(path, target)
    else:
        assert path.is_dir() and not any(path.iterdir())


def test_a_settings_file_set_aside_is_private_though_it_was_open_to_all(tmp_path: Path) -> None:
    """A settings file of zeros left readable by all (0666: copied back from a backup
    under umask 000, say) was moved aside as it was, and stayed so: the console
    narrows its settings file at each start, never the one it set aside."""
    path = tmp_path / "settings.ini"
    path.write_bytes(b"\0" * 300)
    path.chmod(0o666)
    aside = Settings.in_file(path).set_aside
    assert aside is not None and aside.read_bytes() == b"\0" * 300
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600


def test_a_settings_file_of_the_console_is_not_taken_for_damaged(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    Settings.in_file(path).save_now()  # a new one, written
    assert Settings.in_file(path).set_aside is None
    path.write_bytes(b"")  # empty: nothing was in it to lose
    assert Settings.in_file(path).set_aside is None
    assert list(tmp_path.iterdir()) == [path]


def test_a_first_start_without_settings_logs_nothing_about_damage(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Found in the log of every first start: 'the settings file … holds nothing
    readable ([Errno 2] No such file or directory…)', a warning of damage where there
    was only no file yet."""
    path = tmp_path / "settings.ini"
    with caplog.at_level("DEBUG", logger="console.gui.settings"):
        assert Settings.in_file(path).set_aside is None
    assert [r.getMessage() for r in caplog.records if r.levelname != "DEBUG"] == []


def test_a_read_only_database_is_read_and_nothing_that_moves_money_is_made(
    qtbot, settings: Settings
) -> None:
    with shared_folder() as data_dir:
        number = unresolved_refund(data_dir)
        path = data_dir / "console.sqlite3"
        checkpointed(path)
        with cannot_write(path, data_dir):
            session = ConsoleSession(
                settings, data_dir, SecretStore(MemoryKeyring()), demo_bills=20
            )
        session.activate("sandbox")
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show_start_notice()
        window.show()
        try:
            text = notice_text(qtbot, window)
            assert "cannot be written" in text
            assert "no payment or refund can be made" in text
            assert [e.refund_no for e in session.journal.unresolved()] == [number]
            tab: PaymentTab = window.payment_tab
            window.tabs.setCurrentWidget(tab)
            fill_common(tab)
            qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: tab.outcome.kind == "store", timeout=WAIT_MS)
            assert "cannot be written" in tab.outcome.title.text()
            assert "Nothing was sent" in tab.outcome.body.text()
            assert session.sandbox is not None
        finally:
            window.close()


def pay_refused_by_the_store(qtbot, window: MainWindow) -> tuple[PaymentTab, str]:
    """A payment filled in and Pay pressed, refused because it cannot be written down
    first: the tab, and the payment's bill number."""
    tab: PaymentTab = window.payment_tab
    window.tabs.setCurrentWidget(tab)
    fill_common(tab)
    bill_no = tab.form.bill_no_edit.text()
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.outcome.kind == "store", timeout=WAIT_MS)
    return tab, bill_no


def test_a_payment_that_cannot_be_written_down_first_is_not_sent(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    """The disk fills while the console runs: a payment's audit row ("requested") is
    written before it is sent, as a refund's journal entry is. It could not be, yet the
    payment went out with nothing on record, and the repeat-payment question, which
    reads the audit log, could not see it. Now it is not sent, and the tab says why."""

    def full_disk(*args: object, **kwargs: object) -> None:
        raise StoreError("The console's database could not be written (database or disk is full).")

    session = window.session
    monkeypatch.setattr(AuditLog, "append", full_disk)
    tab, bill_no = pay_refused_by_the_store(qtbot, window)
    assert "cannot be written" in tab.outcome.title.text()
    body = tab.outcome.body.text()
    assert "database or disk is full" in body and "Nothing was sent" in body
    assert sandbox_store(session).find_bill(SANDBOX_APP_ID, bill_no) is None


def test_a_payment_whose_database_was_replaced_meanwhile_is_not_sent_and_says_why(
    qtbot, window: MainWindow
) -> None:
    """The console's database was moved aside while the console ran (another console
    found it damaged) and a new one put in its place: the payment is not sent, and the
    tab says to start the console again, not to make room on the disk."""
    session = window.session
    path = session.data_dir / "console.sqlite3"
    path.rename(session.data_dir / "console.sqlite3.damaged-elsewhere")
    ConsoleStore.open(session.data_dir).close()  # the other console's new file
    tab, bill_no = pay_refused_by_the_store(qtbot, window)
    body = tab.outcome.body.text()
    assert "Nothing was sent" in body and "replaced" in body
    assert "start it again" in body and "disk" not in body
    assert sandbox_store(session).find_bill(SANDBOX_APP_ID, bill_no) is None


def test_a_profile_that_cannot_be_saved_is_said_so_and_the_dialog_stays(
    qtbot, tmp_path: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the settings folder should be")
    settings = Settings.in_file(blocker / "settings.ini")
    keyring = MemoryKeyring()
    session = ConsoleSession(settings, tmp_path / "data", SecretStore(keyring), demo_bills=0)
    session.activate("sandbox")
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        fill_new(qtbot, dialog, "Shop", "app-1", "a-long-app-secret")
        click_save(qtbot, dialog)
        assert dialog.isVisible(), "the dialog stays open"
        assert dialog.outcome.title.text() == "Nothing was saved"
        assert "cannot be written, so the profile was not saved" in dialog.outcome.body.text()
        assert str(blocker / "settings.ini") in dialog.outcome.body.text()
        assert session.profiles.live_profiles() == []
        assert keyring.entries == {}, "no secret left behind for a profile never saved"
    finally:
        dialog.close()
        session.shutdown()


def test_a_log_folder_that_cannot_be_written_gives_a_start_all_the_same(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the state folder should be")
    done = console_until_ready(tmp_path, state=blocker)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready ")
    assert "Traceback" not in done.stderr
    assert "cannot be written" in done.stderr and "logging to standard error" in done.stderr


def test_every_file_the_console_writes_is_private_whatever_the_umask(tmp_path: Path) -> None:
    """With umask 022, then with 000 over the console's files and folders of the first
    start opened to all (0666, 0777): each is private again."""
    own = ("data/beecloud-console", "state/beecloud-console", "config/BeeCloud")
    for umask in (0o022, 0o000):
        for path in tmp_path.rglob("*"):
            if any(path.is_relative_to(tmp_path / folder) for folder in own):
                path.chmod(0o777 if path.is_dir() else 0o666)
        done = console_until_ready(tmp_path, "--tab", "bills", umask=umask)
        assert done.returncode == 0, done.stderr
    written = [path for path in tmp_path.rglob("*") if path.name != tmp_path.name]
    names = {path.name for path in written}
    assert {"console.sqlite3", "sandbox.sqlite3", "console.log", "sandbox.log"} <= names
    assert "console-crash.log" in names  # where a crash in native code would be told
    assert any(name.endswith(".conf") for name in names)
    for path in written:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {mode:o}"


def test_files_that_are_symlinks_are_neither_followed_nor_changed(tmp_path: Path) -> None:
    """Each of the console's files a symbolic link (a stand-in for a link to /dev/null,
    which the console run as root would otherwise have made 0600 or replaced): the
    console starts all the same, and nothing is written or chmodded through a link."""
    home = tmp_path / "home"
    elsewhere = tmp_path / "elsewhere"
    data = home / "data" / "beecloud-console"
    logs = home / "state" / "beecloud-console" / "logs"
    links = [
        home / "config" / "BeeCloud" / "BeeCloud Console.conf",
        data / "console.sqlite3",
        data / "sandbox.sqlite3",  # the embedded sandbox's
        data / "mirrors" / "sandbox.sqlite3",
        logs / "console.log",
        logs / "sandbox.log",
        logs / "console-crash.log",
    ]
    targets = [link_to_elsewhere(link, elsewhere) for link in links]
    done = console_until_ready(home, "--tab", "bills")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready ") and "Traceback" not in done.stderr
    assert "console.log is a symbolic link, which the console does not follow" in done.stderr
    for link, target in zip(links, targets, strict=True):
        untouched(link, target)


@pytest.mark.parametrize("damage", ["link", "folder", "not a database"])
def test_a_sandbox_started_in_the_window_leaves_its_damaged_file_and_says_why_not(
    qtbot, settings: Settings, tmp_path: Path, damage: str
) -> None:
    """The embedded sandbox started by the session (as when the console opened on a
    live profile, then the Sandbox was chosen), its database a link, a folder or not a
    database: the link was written through (or moved aside), and a folder stopped the
    choice of the Sandbox with "Something went wrong". Now the link and the folder are
    left as they are, the practice payment is refused saying why; a damaged file is
    moved aside, as the sandbox's own process does, and a new one is started."""
    data_dir = tmp_path / "data"
    path = data_dir / "sandbox.sqlite3"
    if damage == "link":
        target = link_to_elsewhere(path, tmp_path / "elsewhere")
    elif damage == "folder":
        path.mkdir(parents=True)
    else:
        data_dir.mkdir()
        path.write_bytes(b"not a database " * 300)
    window = start_with_notice(qtbot, settings, data_dir)
    try:
        tab: PaymentTab = window.payment_tab
        window.tabs.setCurrentWidget(tab)
        fill_common(tab)
        if damage != "not a database":  # no sandbox, so no address of its own
            tab.return_url_edit.setText("https://shop.example.com/paypal/done")
        qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
        if damage == "not a database":
            assert len(list(data_dir.glob("sandbox.sqlite3.damaged-*"))) == 1
            qtbot.waitUntil(lambda: tab.outcome.kind == "success", timeout=WAIT_MS)
            return
        qtbot.waitUntil(lambda: tab.outcome.kind == "sandbox", timeout=WAIT_MS)
        assert tab.outcome.title.text() == "The practice sandbox is not running"
        body = tab.outcome.body.text()
        assert "The practice sandbox could not be started" in body
        assert "nothing was sent" in body
        assert ("symbolic link" if damage == "link" else "not a regular file") in body
    finally:
        window.close()
    if damage == "link":
        untouched(path, target)
    else:
        assert path.is_dir()


def test_a_live_profile_keeps_only_a_master_secret_in_the_keyring(
    qtbot, settings: Settings, tmp_path: Path
) -> None:
    keyring = MemoryKeyring()
    session = ConsoleSession(settings, tmp_path / "data", SecretStore(keyring), demo_bills=0)
    session.activate("sandbox")
    dialog = ProfilesDialog(session)
    qtbot.addWidget(dialog)
    try:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        fill_new(qtbot, dialog, "Shop", "app-1", "a-long-app-secret")
        qtbot.keyClicks(dialog.master_secret_edit, "the-master-secret")
        click_save(qtbot, dialog)
        [profile] = session.profiles.live_profiles()
        assert isinstance(profile, Profile)
        assert keyring.entries == {
            ("beecloud-console", profile.id): "a-long-app-secret",
            ("beecloud-console", f"{profile.id}/master-secret"): "the-master-secret",
        }
        assert dialog.master_secret_edit.text() == ""
        assert "the-master-secret" not in Path(settings.file_name()).read_text()
        dialog.select(profile.id)
        assert dialog.forget_master_secret.isVisibleTo(dialog)
        assert "keep the stored Master Secret" in dialog.master_secret_edit.placeholderText()
        dialog.forget_master_secret.setChecked(True)
        click_save(qtbot, dialog)
        [profile] = session.profiles.live_profiles()
        assert keyring.entries == {("beecloud-console", profile.secret_key): "a-long-app-secret"}
    finally:
        dialog.close()
        session.shutdown()


def test_a_database_of_a_newer_console_keeps_the_payment_it_left_unanswered(
    qtbot, settings: Settings, tmp_path: Path
) -> None:
    """The audit log is the one record of a payment whose answer never came; a file moved
    aside (here a newer console's) took it along, and the payment was never checked."""
    import sqlite3

    from console.store.audit_log import PAYMENT, REQUESTED
    from tests.clock_support import moment_ago

    data_dir = tmp_path / "data"
    bill_no = "BC20261205120000NEWER001"
    store = ConsoleStore.open(data_dir)
    a_minute_ago = moment_ago(60_000)  # its request cannot reach BeeCloud any more
    AuditLog(store.database, clock=lambda: a_minute_ago).append(
        profile_id="sandbox",
        profile_name="Sandbox",
        action=PAYMENT,
        subject=bill_no,
        result=REQUESTED,
        amount=1250,
        currency="USD",
        detail_params={"channel": "PAYPAL_CREDITCARD", "title": "Order 1", "card": ""},
    )
    store.close()
    path = data_dir / "console.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=2")
    db.close()
    window = start_with_notice(qtbot, settings, data_dir)
    try:
        text = notice_text(qtbot, window)
        assert "made by a newer console" in text and "It was moved aside to" in text
        assert "Payments whose outcome was not yet known, kept: 1" in text
        qtbot.waitUntil(lambda: "payment" in window._built, timeout=WAIT_MS)
        payments = window.payment_tab
        qtbot.waitUntil(lambda: payments.results.unknown is not None, timeout=WAIT_MS)
        unknown = payments.results.unknown
        assert unknown is not None and unknown.bill_no == bill_no
    finally:
        window.close()


def test_folders_linked_to_a_place_other_users_can_write_are_not_used(tmp_path: Path) -> None:
    """The data and log folders linked into a folder everyone may write (as /tmp), where
    another user left a log of their own: the console wrote its log into that file and
    made its databases where that user could replace them. Now it starts all the same,
    says why it keeps nothing there, and neither opens nor makes a file there."""
    home = tmp_path / "home"
    public = tmp_path / "public"
    public.mkdir()
    public.chmod(0o1777)
    planted = public / "console.log"
    planted.write_text("another user's\n")
    planted.chmod(0o666)
    for folder in (home / "data" / "beecloud-console", home / "state" / "beecloud-console"):
        folder.parent.mkdir(parents=True)
    (home / "data" / "beecloud-console").symlink_to(public)
    (home / "state" / "beecloud-console").mkdir()
    (home / "state" / "beecloud-console" / "logs").symlink_to(public)
    done = console_until_ready(home, "--tab", "bills")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready ") and "Traceback" not in done.stderr
    assert "is a folder other users can write to" in done.stderr
    assert planted.read_text() == "another user's\n"
    assert stat.S_IMODE(planted.stat().st_mode) == 0o666
    assert sorted(path.name for path in public.iterdir()) == ["console.log"]


def test_a_log_file_that_cannot_be_used_is_named_not_its_folder(
    qtbot, settings: Settings, tmp_path: Path
) -> None:
    """The log file a link (the folder a good one): the notice said the log folder
    cannot be written, and the clerk looked at the folder's permissions in vain."""
    logs = tmp_path / "logs"
    link_to_elsewhere(logs / "console.log", tmp_path / "elsewhere")
    with pytest.raises(OSError) as refused:
        configure_logging(logs)
    session = ConsoleSession(
        settings, tmp_path / "data", SecretStore(MemoryKeyring()), demo_bills=0
    )
    session.activate("sandbox")
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_start_notice(log_problem=refused.value, log_folder=logs)
    window.show()
    try:
        said = notice_text(qtbot, window)
        assert f"The log file {logs / 'console.log'} cannot be written" in said
        assert "The log folder" not in said
    finally:
        window.close()
        session.shutdown()
