"""A full disk, for real: the files' size is capped (RLIMIT_FSIZE, in a process of its
own: the cap is the whole process's) at what they hold, so that SQLite's next write
fails as on a full disk, at a statement or at COMMIT. The console's database and the
history mirror then refuse the write in their own words, keep what they had, and
write again once there is room."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

CAP = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap fails (EFBIG) instead


def disk_full(folder):
    # a write goes to a WAL first: no WAL may grow (a file made whole has an empty one)
    wals = [p.stat().st_size for p in folder.rglob("*-wal")]
    cap = max(wals) if wals else max(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    resource.setrlimit(resource.RLIMIT_FSIZE, (cap, resource.RLIM_INFINITY))


def room_again():
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")


def run(script: str, folder: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CAP + textwrap.dedent(script), str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_consoles_database_refuses_a_write_on_a_full_disk_in_its_own_words(
    tmp_path: Path,
) -> None:
    """Found by paying with a full disk: SQLite rolled the transaction back itself when
    COMMIT failed, and the ROLLBACK after it raised "cannot rollback": the payment tab
    showed an unexpected error's dialog."""
    lines = run(
        """
        import sys
        from pathlib import Path
        from console.store import ConsoleStore, StoreError
        folder = Path(sys.argv[1])
        store = ConsoleStore.open(folder)
        disk_full(folder)
        try:
            store.local.remember_currency("profile", "BC0000000001", "USD")
            print("written on a full disk")
        except StoreError as error:
            print("refused:", error)
        print("kept:", dict(store.local.currencies("profile")))
        room_again()
        store.local.remember_currency("profile", "BC0000000002", "EUR")
        print("then:", dict(store.local.currencies("profile")))
        """,
        tmp_path,
    )
    assert lines[0].startswith("refused: The console's database could not be written (")
    assert lines[1:] == ["kept: {}", "then: {'BC0000000002': 'EUR'}"]


def test_the_mirror_refuses_a_write_on_a_full_disk_and_is_not_called_damaged(
    tmp_path: Path,
) -> None:
    lines = run(
        """
        import sqlite3, sys
        from pathlib import Path
        from console.api.models import BillRecord
        from console.store.mirror import BILLS, Mirror
        folder = Path(sys.argv[1])
        mirror = Mirror.open(folder / "history.sqlite3", "app")

        def bills(prefix, count):
            return [
                BillRecord(f"{prefix}{n:08d}", 100, "PAYPAL_PAYPAL", "Chair " * 5, True, n, None)
                for n in range(count)
            ]

        mirror.put_bills(bills("BC", 5), 1)
        disk_full(folder)
        for _ in range(2):  # and again: nothing was left half-done by the first
            try:
                mirror.put_bills(bills("BD", 300), 2)
                print("written on a full disk")
            except sqlite3.OperationalError:
                print("refused")
        print("kept:", mirror.count(BILLS), "damaged:", mirror.damaged)
        room_again()
        mirror.put_bills(bills("BD", 300), 2)
        print("then:", mirror.count(BILLS))
        """,
        tmp_path,
    )
    assert lines == ["refused", "refused", "kept: 5 damaged: False", "then: 305"]


def test_a_console_started_on_a_full_disk_reads_its_database_and_moves_nothing_aside(
    tmp_path: Path,
) -> None:
    """Its WAL cannot be made: SQLite says the disk is full, or an I/O error. That was
    taken for damage: the database was moved aside, and the next start (with room
    again) had an empty refund journal, its unresolved refunds no longer checked. It is
    a database that cannot be written: read, shown, kept where it is."""
    lines = run(
        """
        import sys
        from pathlib import Path
        from console.store import ConsoleStore
        folder = Path(sys.argv[1])
        store = ConsoleStore.open(folder)
        store.journal.record_sending("20261205R001", "BC0000000001", 100, "USD", "profile")
        store.close()
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))  # no room
        store = ConsoleStore.open(folder)
        problem = store.problem
        print("problem:", problem.kind, problem.action, "writable:", store.writable)
        print("unresolved:", [e.refund_no for e in store.journal.unresolved()])
        store.close()
        room_again()
        store = ConsoleStore.open(folder)
        print("then:", store.problem, [e.refund_no for e in store.journal.unresolved()])
        print("files:", sorted(p.name for p in folder.iterdir() if "damaged" in p.name))
        """,
        tmp_path,
    )
    assert lines == [
        "problem: read_only read_only_copy writable: False",
        "unresolved: ['20261205R001']",
        "then: None ['20261205R001']",
        "files: []",
    ]


def test_a_log_record_the_full_disk_refuses_goes_to_standard_error_in_its_one_line(
    tmp_path: Path,
) -> None:
    """Found with a full home folder: every record logged meanwhile (a sync that failed,
    an audit row that could not be written) was lost, and standard error had Python's
    "--- Logging error ---" and a traceback for each instead. The record goes to standard
    error as the file would have had it; once there is room, the file says how many it
    missed, and takes the records again."""
    lines = run(
        """
        import io, logging, sys
        from pathlib import Path
        from console.logs import configure_logging
        folder = Path(sys.argv[1])
        path = configure_logging(folder / "logs")
        log = logging.getLogger("console.test")
        log.warning("before")
        disk_full(folder)
        sys.stderr = said = io.StringIO()
        log.warning("while full: %s", "a sync failed")
        log.warning("while full: %s", "an audit row could not be written")
        room_again()
        log.warning("after")
        sys.stderr = sys.__stderr__
        print("said:", said.getvalue().splitlines())
        print("file:", [line.split(": ", 1)[1] for line in path.read_text().splitlines()])
        """,
        tmp_path,
    )
    said, file = lines
    assert "Traceback" not in said and "Logging error" not in said, said
    assert said.count("WARNING console.test: while full: ") == 2, said
    assert "a sync failed" in said and "an audit row could not be written" in said
    assert file == (
        "file: ['before', '2 records could not be written to this file"
        " (File too large): they went to standard error', 'after']"
    )


def test_the_settings_say_they_are_saved_once_there_is_room_again(tmp_path: Path) -> None:
    """Found by freeing space after a full disk: Qt's settings keep the error of a write
    that failed for good, so every save after it said it had failed though the file was
    written: the language "could not be kept", a new profile "was not saved" (and the
    profile put back in memory, the file holding the new one), and at closing the window
    and filters "are not kept"."""
    lines = run(
        """
        import sys
        from pathlib import Path
        from console.gui.settings import LANGUAGE, Settings
        path = Path(sys.argv[1]) / "settings.ini"
        settings = Settings.in_file(path)
        settings.put(LANGUAGE, "en")
        print("room:", settings.save_now())
        disk_full(path.parent)
        settings.put(LANGUAGE, "zh_CN")
        print("full:", settings.save_now())
        room_again()
        settings.put(LANGUAGE, "system")
        print("room again:", settings.save_now())
        print("file:", Settings.in_file(path).get(LANGUAGE))
        """,
        tmp_path,
    )
    assert lines == ["room: True", "full: False", "room again: True", "file: system"]
