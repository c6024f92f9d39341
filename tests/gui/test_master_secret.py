"""A live profile whose account signs refunds with its Master Secret (a sandbox started
with one): without it a refund is refused with code 1 while lists load, and the
console says the account may need the Master Secret; with it the refund is made."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from console.api.client import BeeCloudClient
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile, master_secret_key
from console.gui.session import ConsoleSession
from console.gui.tabs.refund_tab import RefundTab
from console.sandbox import SandboxServer
from console.store.secrets import SecretStore
from tests.gui.sandbox_truth import refunds_of
from tests.gui.tab_drivers import Answer, click_refund, find
from tests.sandbox_support import APP_ID, APP_SECRET, APPS, paid_bill

MASTER = "the-accounts-master-secret"


@pytest.fixture
def strict_sandbox(tmp_path: Path) -> Iterator[SandboxServer]:
    with SandboxServer(
        tmp_path / "strict.sqlite3", APPS, master_secrets={APP_ID: MASTER}
    ) as server:
        yield server


@pytest.fixture
def tab(window: MainWindow, strict_sandbox: SandboxServer) -> RefundTab:
    session: ConsoleSession = window.session
    profile = replace(Profile.new_live("Shop", APP_ID, (strict_sandbox.base_url,)))
    session.profiles.save(profile)
    session.secrets.set(profile.id, APP_SECRET)
    session.activate(profile.id)
    window.refund_tab.confirm = Answer()
    window.tabs.setCurrentWidget(window.refund_tab)
    return window.refund_tab


def test_a_refund_refused_for_its_signature_points_to_the_master_secret(
    qtbot, tab: RefundTab, strict_sandbox: SandboxServer
) -> None:
    bill_no = paid_bill(strict_sandbox, "strict0001")
    find(qtbot, tab, bill_no)  # a query: answered, so the App Secret is right
    click_refund(qtbot, tab)
    assert tab.outcome.kind == "api"
    body = tab.outcome.body.text()
    assert "Result code 1" in body
    assert "may sign refunds with its Master Secret" in body and "Profiles…" in body

    session = tab.session
    session.secrets.set(master_secret_key(session.profile.id), MASTER)
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    assert tab.outcome.kind == "success", tab.outcome.body.text()
    truth = BeeCloudClient(APP_ID, APP_SECRET, [strict_sandbox.base_url], shuffle=False)
    try:
        assert len(refunds_of(truth, bill_no)) == 1
    finally:
        truth.close()


def test_a_wrong_master_secret_is_named_as_the_suspect(
    qtbot, tab: RefundTab, strict_sandbox: SandboxServer
) -> None:
    session = tab.session
    session.secrets.set(master_secret_key(session.profile.id), "not-the-master")
    bill_no = paid_bill(strict_sandbox, "strict0002")
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    assert "the Master Secret stored for refunds may be wrong" in tab.outcome.body.text()


class NotesGuiThreadReads(SecretStore):
    """A secret store that notes the reads the GUI thread asks of the keyring."""

    on_gui_thread: list[str]

    def get(self, profile_id: str) -> str | None:
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread.append(profile_id)
        return super().get(profile_id)


@pytest.mark.parametrize("with_master", [False, True])
def test_the_signature_hint_is_found_without_the_keyring_on_the_gui_thread(
    qtbot, tab: RefundTab, strict_sandbox: SandboxServer, with_master: bool
) -> None:
    """Whether a Master Secret is stored was read from the keyring on the GUI thread as
    the refusal was shown: a locked keyring's unlock prompt froze the window for up to a
    minute. The refund refused was signed as its job's secrets were read: that says it."""
    session = tab.session
    if with_master:
        session.secrets.set(master_secret_key(session.profile.id), "not-the-master")
    noting = NotesGuiThreadReads(session.secrets._backend)
    noting.on_gui_thread = []
    session.secrets = noting
    bill_no = paid_bill(strict_sandbox, f"strict000{3 + with_master}")
    find(qtbot, tab, bill_no)
    click_refund(qtbot, tab)
    said = tab.outcome.body.text()
    assert noting.on_gui_thread == []
    if with_master:
        assert "the Master Secret stored for refunds may be wrong" in said, said
    else:
        assert "may sign refunds with its Master Secret" in said, said
