"""The console is killed (SIGKILL) while a refund is in flight, then started again;
or another console is started on its data while the refund is in flight.

The sandbox runs here, behind a HoldingProxy that holds the refund POST. The
console runs as a real process (tests/gui/console_driver.py) and says `SENT
<refund_no>` once its journal holds the refund as `sending`. The test kills it
while the POST is held, lets the POST reach the sandbox (or drops it), starts
the console again in this process on the same data folder and settings, and
checks the truth: exactly one refund on the sandbox, the right state in the
console, and nothing sent again by itself. A second console started meanwhile
(two clerks, or two windows, on one data folder) neither asks about the refund
nor says it never arrived while it is on its way in the first; nor does it take up
a payment on its way in the first as one left without an answer.
"""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.api.ids import new_bill_no
from console.gui.profiles import ProfileStore
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.sandbox import SandboxServer
from console.store.refund_journal import ABSENT, DONE, SENDING
from tests.gui.console_support import (
    Agree,
    console_process,
    refund_nos,
    save_live_profile,
    start_console,
)
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_bills import paid_bill
from tests.gui.sandbox_truth import refunds_of, sandbox_client
from tests.gui.tab_drivers import WAIT_MS, find
from tests.net_support import PAY_PATH, HoldingProxy
from tests.sandbox_support import APP_SECRET

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 30  # the console's process starting and sending its refund
WAIT_S = 10

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@dataclass
class Killed:
    """What the killed run left: its data, and the refund it had in flight."""

    data_dir: Path
    settings: Path
    keyring: MemoryKeyring
    bill_no: str
    refund_no: str


def state_of(session: ConsoleSession, refund_no: str) -> str | None:
    entry = session.journal.get(refund_no)
    return entry.state if entry is not None else None


def read_lines(stream: Iterable[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line.strip())


@pytest.fixture
def proxy(sandbox: SandboxServer) -> Iterator[HoldingProxy]:
    made = HoldingProxy(sandbox.base_url)
    yield made
    made.stop()


@contextmanager
def refunding_process(
    tmp_path: Path, sandbox: SandboxServer, proxy: HoldingProxy
) -> Iterator[tuple[subprocess.Popen[str], Killed]]:
    """The console's process, once it has sent a refund that the proxy holds (killed
    when the block ends, if it still runs)."""
    client = sandbox_client(sandbox)
    bill_no = paid_bill(client, 2000)
    client.close()
    keyring = MemoryKeyring()
    data_dir, settings = tmp_path / "console", tmp_path / "settings.ini"
    data_dir.mkdir()
    save_live_profile(settings, keyring, (proxy.url,))
    with (tmp_path / "console-stderr.txt").open("w") as errors:
        process = console_process(data_dir, settings, bill_no, stderr=errors)
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(APP_SECRET + "\n")
        process.stdin.close()
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=read_lines, args=(process.stdout, lines), daemon=True).start()
        try:
            line = lines.get(timeout=START_TIMEOUT_S)
        except queue.Empty:
            pytest.fail(
                f"the console said nothing: {(tmp_path / 'console-stderr.txt').read_text()}"
            )
        assert line.startswith("SENT "), line
        refund_no = line.split()[1]
        assert proxy.held.wait(WAIT_S), "the refund never reached the proxy"
        assert refund_nos(proxy.refund_posts) == [refund_no]
        yield process, Killed(data_dir, settings, keyring, bill_no, refund_no)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=WAIT_S)


def kill_mid_refund(tmp_path: Path, sandbox: SandboxServer, proxy: HoldingProxy) -> Killed:
    """Start the console's process, let it send a refund, and SIGKILL it while the
    proxy holds the refund POST."""
    with refunding_process(tmp_path, sandbox, proxy) as (process, killed):
        process.send_signal(signal.SIGKILL)
        assert process.wait(timeout=WAIT_S) == -signal.SIGKILL
    return killed


def with_short_calls(settings: Path) -> None:
    """The killed console's profile saved again with calls of 1.4 s at most: its request
    may reach BeeCloud until then, and is asked about again after."""
    saved = Settings.in_file(settings)
    store = ProfileStore(saved)
    profile = store.find(store.last_id())
    assert profile is not None
    store.save(replace(profile, connect_timeout=0.2, read_timeout=0.2))
    saved.save_now()


@pytest.mark.slow
def test_killed_while_the_refund_is_in_flight_then_it_arrives(
    qtbot, tmp_path, sandbox, proxy
) -> None:
    killed = kill_mid_refund(tmp_path, sandbox, proxy)
    proxy.release()  # the held refund reaches the sandbox after all: it is made there
    assert proxy.passed.wait(WAIT_S)
    window = start_console(qtbot, killed.settings, killed.data_dir, killed.keyring)
    try:
        session = window.session
        entry = session.journal.get(killed.refund_no)
        assert entry is not None and entry.bill_no == killed.bill_no
        qtbot.waitUntil(
            lambda: state_of(session, killed.refund_no) == DONE,
            timeout=WAIT_MS,
        )
        assert f"Refund {killed.refund_no} of USD 20.00 for bill {killed.bill_no} was made." in (
            window.refund_notice.news_label.text()
        )
        assert not window.refund_notice.attention_row.isVisible()
        client = sandbox_client(sandbox)
        [made] = refunds_of(client, killed.bill_no)
        client.close()
        assert (made.refund_no, made.refund_fee, made.succeeded) == (killed.refund_no, 2000, True)
        assert refund_nos(proxy.refund_posts) == [killed.refund_no]  # nothing sent again
        assert refund_nos(proxy.forwarded) == [killed.refund_no]
    finally:
        window.close()


@pytest.mark.slow
def test_killed_while_the_refund_is_in_flight_and_it_is_lost(
    qtbot, tmp_path, sandbox, proxy
) -> None:
    killed = kill_mid_refund(tmp_path, sandbox, proxy)
    proxy.release(drop=True)  # the held refund is lost on the way: it never reaches the sandbox
    assert proxy.passed.wait(WAIT_S)
    proxy.hold = False
    with_short_calls(killed.settings)  # found absent once it cannot arrive any more
    window = start_console(qtbot, killed.settings, killed.data_dir, killed.keyring)
    try:
        session, notice = window.session, window.refund_notice
        qtbot.waitUntil(
            lambda: state_of(session, killed.refund_no) == ABSENT,
            timeout=WAIT_MS,
        )
        assert notice.attention_label.text() == (
            "⚠ 1 refund needs checking: 1 never reached BeeCloud."
        )
        assert refund_nos(proxy.refund_posts) == [killed.refund_no]  # not sent again by itself

        notice.confirm = Agree()
        qtbot.mouseClick(notice.review_button, Qt.MouseButton.LeftButton)
        assert notice.dialog is not None
        row = notice.dialog.rows[killed.refund_no]
        qtbot.waitUntil(row.send_again_button.isVisible, timeout=WAIT_MS)
        qtbot.mouseClick(row.send_again_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: state_of(session, killed.refund_no) == DONE,
            timeout=WAIT_MS,
        )
        client = sandbox_client(sandbox)
        [made] = refunds_of(client, killed.bill_no)
        client.close()
        assert (made.refund_no, made.refund_fee) == (killed.refund_no, 2000)
        assert refund_nos(proxy.refund_posts) == [killed.refund_no, killed.refund_no]
        assert refund_nos(proxy.forwarded) == [killed.refund_no]
        assert not notice.attention_row.isVisible()
    finally:
        window.close()


@pytest.mark.slow
def test_killed_while_the_refund_is_in_flight_and_it_arrives_after_the_start(
    qtbot, tmp_path, sandbox, proxy
) -> None:
    """Started again at once, the console asked about the refund before its request
    (sent before the kill) reached BeeCloud: it said 'It never reached BeeCloud: nothing
    was refunded' (and offered to drop it) of a refund made a moment later."""
    killed = kill_mid_refund(tmp_path, sandbox, proxy)
    with_short_calls(killed.settings)
    window = start_console(qtbot, killed.settings, killed.data_dir, killed.keyring)
    try:
        session, refund_no = window.session, killed.refund_no
        reconciler = session.reconciler
        qtbot.waitUntil(lambda: not reconciler.is_checking(refund_no), timeout=WAIT_MS)
        assert state_of(session, refund_no) == SENDING  # not 'never reached BeeCloud'
        assert [e.refund_no for e in reconciler.needing_attention()] == [refund_no]
        audit = session.audit.log
        last = audit.latest(session.profile.id, refund_no, ("refund", "refund_check"))
        assert last is not None and last.result == "requested"  # not audited 'not made'

        proxy.release()  # it reaches BeeCloud after all: made there
        assert proxy.passed.wait(WAIT_S)
        qtbot.waitUntil(lambda: state_of(session, refund_no) == DONE, timeout=WAIT_MS)
        assert refund_nos(proxy.refund_posts) == [refund_no]  # nothing sent again
        last = audit.latest(session.profile.id, refund_no, ("refund", "refund_check"))
        assert last is not None and last.result == "ok"
    finally:
        window.close()


@pytest.mark.slow
def test_a_second_console_leaves_the_refund_on_its_way_in_the_first_to_it(
    qtbot, tmp_path, sandbox, proxy
) -> None:
    with refunding_process(tmp_path, sandbox, proxy) as (first, sent):
        second = start_console(qtbot, sent.settings, sent.data_dir, sent.keyring)
        try:
            session, refund_no = second.session, sent.refund_no
            reconciler = session.reconciler
            qtbot.waitUntil(lambda: not reconciler.is_checking(refund_no), timeout=WAIT_MS)
            # BeeCloud has not got it yet: not asked about, not "never reached BeeCloud"
            assert state_of(session, refund_no) == SENDING
            assert not reconciler.check(refund_no)
            assert reconciler.needing_attention() == []
            assert not second.refund_notice.attention_row.isVisible()
            tab = second.refund_tab
            find(qtbot, tab, sent.bill_no)
            assert not tab.refund_button.isEnabled()
            assert tab.refund_hint.text() == (
                f"Refund {refund_no} of this bill is on its way; wait for its answer."
            )

            proxy.release()  # the first console's answer comes: it is made
            assert proxy.passed.wait(WAIT_S)
            qtbot.waitUntil(lambda: state_of(session, refund_no) == DONE, timeout=WAIT_MS)
            qtbot.waitUntil(
                lambda: "cannot be refunded again" in tab.refund_hint.text(), timeout=WAIT_MS
            )
            assert not tab.refund_button.isEnabled()
            assert not second.refund_notice.attention_row.isVisible()
            assert first.poll() is None
        finally:
            second.close()
    client = sandbox_client(sandbox)
    [made] = refunds_of(client, sent.bill_no)
    client.close()
    assert (made.refund_no, made.refund_fee) == (refund_no, 2000)
    assert refund_nos(proxy.refund_posts) == [refund_no]


@pytest.mark.slow
def test_a_second_console_checks_the_refund_once_the_first_is_killed(
    qtbot, tmp_path, sandbox, proxy
) -> None:
    with refunding_process(tmp_path, sandbox, proxy) as (first, sent):
        with_short_calls(sent.settings)  # found absent once it cannot arrive any more
        second = start_console(qtbot, sent.settings, sent.data_dir, sent.keyring)
        try:
            session, notice = second.session, second.refund_notice
            qtbot.waitUntil(
                lambda: not session.reconciler.is_checking(sent.refund_no), timeout=WAIT_MS
            )
            assert state_of(session, sent.refund_no) == SENDING
            first.send_signal(signal.SIGKILL)
            assert first.wait(timeout=WAIT_S) == -signal.SIGKILL
            proxy.release(drop=True)  # and its refund is lost on the way
            assert proxy.passed.wait(WAIT_S)
            qtbot.waitUntil(lambda: state_of(session, sent.refund_no) == ABSENT, timeout=WAIT_MS)
            qtbot.waitUntil(notice.attention_row.isVisible, timeout=WAIT_MS)
            assert notice.attention_label.text() == (
                "⚠ 1 refund needs checking: 1 never reached BeeCloud."
            )
        finally:
            second.close()


@contextmanager
def paying_process(
    tmp_path: Path, proxy: HoldingProxy, keyring: MemoryKeyring
) -> Iterator[tuple[subprocess.Popen[str], Path, Path, str]]:
    """The console's process, once it has sent a card payment that the proxy holds
    (killed when the block ends, if it still runs): it, its data folder and settings,
    and the bill's number."""
    data_dir, settings = tmp_path / "console", tmp_path / "settings.ini"
    data_dir.mkdir()
    save_live_profile(settings, keyring, (proxy.url,))
    bill_no = new_bill_no()
    with (tmp_path / "first-stderr.txt").open("w") as errors:
        first = console_process(data_dir, settings, bill_no, "pay", stderr=errors)
    try:
        assert first.stdin is not None and first.stdout is not None
        first.stdin.write(APP_SECRET + "\n")
        first.stdin.close()
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=read_lines, args=(first.stdout, lines), daemon=True).start()
        assert lines.get(timeout=START_TIMEOUT_S) == f"SENT {bill_no}"
        assert proxy.held.wait(WAIT_S), "the payment never reached the proxy"
        yield first, data_dir, settings, bill_no
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=WAIT_S)


@pytest.mark.slow
def test_a_second_console_leaves_the_payment_on_its_way_in_the_first_to_it(
    qtbot, tmp_path, sandbox
) -> None:
    """It took it up as left without an answer when the console last closed, asked
    BeeCloud, and said 'the payment was not made and no money moved. You may pay
    again' while it was on its way, and made a moment later."""
    proxy = HoldingProxy(sandbox.base_url, path=PAY_PATH)
    keyring = MemoryKeyring()
    try:
        with paying_process(tmp_path, proxy, keyring) as (first, data_dir, settings, bill_no):
            second = start_console(qtbot, settings, data_dir, keyring)
            try:
                payments = second.payment_tab
                second.tabs.setCurrentWidget(payments)
                profile_id = second.session.profile.id
                qtbot.waitUntil(lambda: profile_id in payments._looked_at, timeout=WAIT_MS)
                assert payments.results.unknown is None  # not taken up, not asked about
                assert bill_no not in payments.check_result.text()
                refund_tab = second.refund_tab  # the clerk looks it up: not a check of it
                refund_tab.prefill(bill_no)
                qtbot.waitUntil(
                    lambda: "is on its way from this computer" in refund_tab.lookup_status.text(),
                    timeout=WAIT_MS,
                )
                assert "No bill with number" not in refund_tab.lookup_status.text()
                proxy.release()
                assert proxy.passed.wait(WAIT_S)
                # looked up again once the first console has its answer: found, paid
                qtbot.waitUntil(
                    lambda: (
                        refund_tab.bill_panel.bill is not None
                        and refund_tab.bill_panel.bill.bill_no == bill_no
                    ),
                    timeout=WAIT_MS,
                )
                audit = second.session.audit.log
                qtbot.waitUntil(lambda: audit.unsettled_payments(profile_id) == [], timeout=WAIT_MS)
                said = [(e.action, e.result) for e in audit.entries() if e.subject == bill_no]
                assert said == [("payment", "ok"), ("payment", "requested")]  # not 'absent'
                assert first.poll() is None
            finally:
                second.close()
    finally:
        proxy.stop()


@pytest.mark.slow
def test_killed_while_the_payment_is_in_flight_then_it_arrives(qtbot, tmp_path, sandbox) -> None:
    """Its request left before the console was killed, and reaches BeeCloud a moment
    after the console started again: BeeCloud's 'no such bill' before then was taken
    for 'the payment was not made and no money moved. You may pay again' (and audited
    as not made), and paying again (a new bill number) charged the payer twice."""
    proxy = HoldingProxy(sandbox.base_url, path=PAY_PATH)
    keyring = MemoryKeyring()
    try:
        with paying_process(tmp_path, proxy, keyring) as (first, data_dir, settings, bill_no):
            first.send_signal(signal.SIGKILL)
            assert first.wait(timeout=WAIT_S) == -signal.SIGKILL
        with_short_calls(settings)
        window = start_console(qtbot, settings, data_dir, keyring)
        try:
            payments = window.payment_tab
            window.tabs.setCurrentWidget(payments)
            results, said = payments.results, payments.check_result
            qtbot.waitUntil(lambda: "BeeCloud has" in said.text() or "exist" in said.text())
            assert said.text().startswith(f"BeeCloud has no bill {bill_no} yet"), said.text()
            assert "may still reach BeeCloud" in said.text()
            assert not results.found_absent
            audit, profile_id = window.session.audit.log, window.session.profile.id
            assert [p.bill_no for p in audit.unsettled_payments(profile_id)] == [bill_no]

            proxy.release()  # it reaches BeeCloud after all: paid there
            assert proxy.passed.wait(WAIT_S)
            qtbot.waitUntil(lambda: "exists and is paid" in said.text(), timeout=WAIT_MS)
            assert audit.unsettled_payments(profile_id) == []
        finally:
            window.close()
    finally:
        proxy.stop()
