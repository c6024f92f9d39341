"""A call stuck on a server that never answers holds up nothing: a job queued behind it
runs, and closing the window ends the process at once and cleanly, the refund that was
in flight left in the journal to be checked at the next start."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.api.models import BillQuery
from console.gui.jobs import ALL_BILLS, FIND_BILL, Credentials, Job
from console.gui.session import ConsoleSession
from console.sandbox import SandboxServer
from console.store.database import Database
from console.store.refund_journal import SENDING, RefundJournal
from tests.gui.console_driver import CLOSE_NOW
from tests.gui.console_support import console_process, save_live_profile
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_bills import paid_bill
from tests.gui.sandbox_truth import sandbox_client
from tests.gui.tab_drivers import WAIT_MS
from tests.net_support import HoldingProxy, ScriptedServer
from tests.sandbox_support import APP_SECRET

ROOT = Path(__file__).resolve().parents[2]
CLOSE_LIMIT_S = 8.0  # the process must end well within this after its window closes


@pytest.fixture
def silent() -> Iterator[ScriptedServer]:
    server = ScriptedServer(None)  # accepts, reads, never answers
    yield server
    server.stop()


def test_a_job_queued_behind_a_stuck_call_still_runs(
    qtbot, session: ConsoleSession, silent: ScriptedServer
) -> None:
    gateway = session.gateway
    stuck_credentials = Credentials("silent-app", "silent-secret", (silent.url,), 2.0, 30.0)
    stuck = gateway.submit(Job(FIND_BILL, "BC0000000001", stuck_credentials, "stuck"))
    qtbot.waitUntil(lambda: len(silent.requests) == 1, timeout=WAIT_MS)
    credentials = session.credentials()  # the embedded sandbox
    bills = gateway.submit(Job(ALL_BILLS, BillQuery(), credentials, "bills"))
    with qtbot.waitSignal(bills.finished, timeout=WAIT_MS):
        pass
    assert stuck.running
    started = time.monotonic()
    session.shutdown()  # aborts the stuck call: no wait for its 30 s
    assert time.monotonic() - started < CLOSE_LIMIT_S


def test_closing_with_a_refund_stuck_in_flight_ends_cleanly_and_keeps_it(
    tmp_path: Path, sandbox: SandboxServer
) -> None:
    client = sandbox_client(sandbox)
    bill_no = paid_bill(client, 2000)
    client.close()
    proxy = HoldingProxy(sandbox.base_url)  # holds the refund POST: no answer comes
    try:
        keyring = MemoryKeyring()
        data_dir, settings = tmp_path / "console", tmp_path / "settings.ini"
        data_dir.mkdir()
        profile = save_live_profile(settings, keyring, (proxy.url,), read_timeout=60.0)
        process = console_process(data_dir, settings, bill_no, "close")
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(APP_SECRET + "\n")
        process.stdin.close()
        line = process.stdout.readline()  # the refund is written down and being sent
        assert proxy.held.wait(timeout=30), "the refund's POST reached its host"
        (data_dir / CLOSE_NOW).touch()  # on its way: the window closes
        sent = time.monotonic()
        process.wait(timeout=60)
        ended = time.monotonic() - sent
        assert process.stderr is not None
        errors = process.stderr.read()
    finally:
        proxy.stop()
    assert line.startswith("SENT "), errors
    assert ended < CLOSE_LIMIT_S, "no wait for the refund's answer"
    refund_no = line.split()[1]
    assert proxy.held.is_set(), "the refund was on its way when the window closed"
    assert process.returncode == 0, errors
    assert "QThread: Destroyed" not in errors and "Traceback" not in errors
    database = Database.open(data_dir / "console.sqlite3")
    try:
        entry = RefundJournal(database).get(refund_no)
        assert entry is not None and entry.state == SENDING and entry.profile_id == profile.id
    finally:
        database.close()
