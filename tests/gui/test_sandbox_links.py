"""A practice PayPal approval link made in the sandbox still works after the console
is started again: the embedded sandbox asks for the port it had; its return page
renders."""

from __future__ import annotations

import fcntl
import socket
import textwrap
from pathlib import Path

import requests

from console.api.channels import APPROVAL_LIFETIME_MS, PAYPAL_PAYPAL
from console.api.ids import new_bill_no
from console.api.models import BillRecord, BillRequest
from console.api.money import Money
from console.gui.practice_links import practice_link_here
from console.gui.profiles import SANDBOX_ID
from console.gui.session import ConsoleSession
from console.gui.settings import SANDBOX_PORT, Settings
from console.gui.tabs.bills_tab import BillsTab
from console.gui.tabs.payment.waiting_links import WaitingLinks
from console.port_keeping import LOCK_FILE, may_keep_port
from console.store.approval_links import ApprovalLink
from console.store.secrets import SecretStore
from console.store.stamps import steady_now
from tests.cli_support import python_in_a_home
from tests.gui.console_support import live_profile
from tests.gui.memory_keyring import MemoryKeyring
from tests.gui.sandbox_truth import embedded_sandbox_client


def started(tmp_path: Path) -> ConsoleSession:
    settings = Settings.in_file(tmp_path / "settings.ini")
    session = ConsoleSession(settings, tmp_path, SecretStore(MemoryKeyring()), demo_bills=0)
    session.activate("sandbox")
    return session


def test_an_approval_link_survives_a_restart_and_its_return_page_renders(
    qapp, tmp_path: Path
) -> None:
    first = started(tmp_path)
    assert first.sandbox is not None
    address = first.sandbox.base_url
    client = embedded_sandbox_client(first)
    return_url = f"{address}/paypal/return"
    bill_no = new_bill_no()
    made = client.pay(BillRequest(PAYPAL_PAYPAL, Money(990, "USD"), bill_no, "Chair", return_url))
    client.close()
    assert made.url is not None and made.url.startswith(address)
    first.shutdown()

    again = started(tmp_path)  # the console started again
    try:
        assert again.sandbox is not None and again.sandbox.base_url == address
        page = requests.get(made.url, timeout=10)
        assert page.status_code == 200 and bill_no in page.text
        approved = requests.post(made.url, data={"action": "approve"}, timeout=10)
        assert approved.status_code == 200, "the return page, reached through the redirect"
        assert "{{" not in approved.text and "<style>" in approved.text
        truth = embedded_sandbox_client(again)
        bill = truth.find_bill(bill_no)
        assert bill is not None and bill.paid
        truth.close()
    finally:
        again.shutdown()


# Another console of the user's, started on the same files (forked, as at a real start):
# prints its sandbox's port.
SECOND_CONSOLE = textwrap.dedent(
    """
    from pathlib import Path
    from console.gui.embedded_sandbox import fork_sandbox_early
    from console.gui.settings import Settings

    folder = Path({folder!r})
    settings = Settings.in_file(folder / "settings.ini")
    sandbox = fork_sandbox_early(settings, folder, None, demo_bills=0)
    assert settings.save_now()
    print(sandbox.port)
    sandbox.stop()
    """
)


def test_a_console_started_meanwhile_leaves_the_port_kept_to_the_first(
    qapp, tmp_path: Path
) -> None:
    """A second console of the user's, started while the first's sandbox served on the
    port kept, took another port and kept that: the first console's next start moved,
    and its practice links no longer worked."""
    first = started(tmp_path)
    try:
        assert first.sandbox is not None
        kept = first.sandbox.port
        assert first.settings.save_now()
        second = python_in_a_home(SECOND_CONSOLE.format(folder=str(tmp_path)), tmp_path / "home")
        assert int(second) != kept
    finally:
        first.shutdown()
    assert Settings.in_file(tmp_path / "settings.ini").get(SANDBOX_PORT) == kept
    again = started(tmp_path)
    try:
        assert again.sandbox is not None and again.sandbox.port == kept
    finally:
        again.shutdown()


def test_a_sandbox_started_while_another_console_keeps_the_port_keeps_none(
    qapp, tmp_path: Path
) -> None:
    settings = Settings.in_file(tmp_path / "settings.ini")
    settings.put(SANDBOX_PORT, 1)  # not a port to ask for: any free one, as at a first start
    assert settings.save_now()
    with (tmp_path / LOCK_FILE).open("w") as other_console:
        fcntl.flock(other_console, fcntl.LOCK_EX | fcntl.LOCK_NB)
        session = started(tmp_path)
        try:
            assert session.sandbox is not None
            assert session.settings.save_now()
            assert Settings.in_file(tmp_path / "settings.ini").get(SANDBOX_PORT) == 1
        finally:
            session.shutdown()


def test_no_port_lock_is_made_in_a_data_folder_other_users_can_write_to(tmp_path: Path) -> None:
    """The data folder a link to a place everyone may write (as /tmp), where the console
    keeps nothing (docs/decisions.md): a clerk's start made its port's lock file there."""
    public = tmp_path / "public"
    public.mkdir()
    public.chmod(0o1777)
    data = tmp_path / "data"
    data.symlink_to(public)
    assert not may_keep_port(data)
    assert list(public.iterdir()) == []


def test_a_practice_link_made_on_another_port_is_given_on_this_consoles_sandbox(
    qtbot, tmp_path: Path
) -> None:
    """Made by a second console (its sandbox on a port of its own, gone when it closed)
    or before this console's sandbox had to move, a practice link named a port no
    sandbox served: New payment and the Bills tab offered a dead address. The
    sandboxes share one database, so this console's serves the same page."""
    session = started(tmp_path)
    try:
        assert session.sandbox is not None
        address = session.sandbox.base_url
        client = embedded_sandbox_client(session)
        bill_no = new_bill_no()
        made = client.pay(
            BillRequest(PAYPAL_PAYPAL, Money(990, "USD"), bill_no, "Chair", f"{address}/x")
        )
        client.close()
        assert made.url is not None and made.url.startswith(address)
        elsewhere = made.url.replace(address, f"http://127.0.0.1:{unused_port()}")
        now = steady_now()
        session.local.links.keep(
            SANDBOX_ID,
            ApprovalLink(bill_no, elsewhere, 990, "USD", "Chair", now.ms + APPROVAL_LIFETIME_MS),
            now,
        )
        waiting = WaitingLinks(session)
        qtbot.addWidget(waiting)
        waiting.refresh()
        assert waiting.rows[bill_no].link.url == made.url
        bills = BillsTab(session)
        qtbot.addWidget(bills)
        record = BillRecord(bill_no, 990, PAYPAL_PAYPAL, "Chair", False, now.ms, "USD")
        link = bills.payment_link(record)
        assert link is not None and link.url == made.url
        page = requests.get(link.url, timeout=10)
        assert page.status_code == 200 and bill_no in page.text
    finally:
        session.shutdown()


def test_a_live_profiles_link_is_given_as_it_was_made(qtbot, tmp_path: Path) -> None:
    """Only the practice sandbox profile's links are given on this console's sandbox:
    a live profile's, even one served on this computer, is given as it was made."""
    session = started(tmp_path)
    try:
        assert session.sandbox is not None
        url = f"http://127.0.0.1:{unused_port()}/paypal/approve/abc"
        now = steady_now()
        link = ApprovalLink("BC1", url, 990, "USD", "Chair", now.ms + APPROVAL_LIFETIME_MS)
        assert practice_link_here(session, link).url.startswith(session.sandbox.base_url)
        live_profile(session, "Shop", (session.sandbox.base_url,))
        assert practice_link_here(session, link) == link
    finally:
        session.shutdown()


def unused_port() -> int:
    """A port nothing listens on (as a console's sandbox, closed since, left it)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return int(listener.getsockname()[1])
