"""Helpers for tests that start the console again on the data a previous run left:
a standalone sandbox app, a live profile on it (settings file and keyring), and
a fresh ConsoleSession + MainWindow on the same data folder."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from console.api.client import BeeCloudClient
from console.api.ids import new_bill_no
from console.api.models import BillRequest, CardInfo, RefundQuery, RefundRecord
from console.api.money import Money
from console.gui.main_window import MainWindow
from console.gui.profiles import Profile, ProfileStore
from console.gui.secret_store import SecretStore
from console.gui.session import ConsoleSession
from console.sandbox import SandboxServer
from tests.gui.memory_keyring import MemoryKeyring
from tests.sandbox_support import APP_ID, APP_SECRET

WAIT_MS = 10_000


def sandbox_client(sandbox: SandboxServer) -> BeeCloudClient:
    """The test app's client straight to the sandbox: the truth, asked directly."""
    return BeeCloudClient(APP_ID, APP_SECRET, [sandbox.base_url], shuffle=False)


def paid_bill(client: BeeCloudClient, hundredths: int = 2000, currency: str = "USD") -> str:
    """A bill paid by card through the API, as a shop would make it."""
    bill_no = new_bill_no()
    card = CardInfo("4111111111111111", 12, datetime.now(UTC).year + 1, "123", "Lei", "Li", "visa")
    client.pay(
        BillRequest("PAYPAL_CREDITCARD", Money(hundredths, currency), bill_no, "耳机", card=card)
    )
    return bill_no


def refunds_of(client: BeeCloudClient, bill_no: str) -> list[RefundRecord]:
    return client.query_refunds(RefundQuery(bill_no=bill_no, limit=50))


def save_live_profile(
    settings_path: Path, keyring: MemoryKeyring, hosts: tuple[str, ...], read_timeout: float = 20.0
) -> Profile:
    """A live profile for the test app, saved as the last one used, its secret in the keyring."""
    profile = replace(Profile.new_live("Shop", APP_ID, hosts), read_timeout=read_timeout)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    store = ProfileStore(settings)
    store.save(profile)
    store.set_last(profile.id)
    settings.sync()
    SecretStore(keyring).set(profile.id, APP_SECRET)
    return profile


def start_console(qtbot, settings_path: Path, data_dir: Path, keyring: MemoryKeyring) -> MainWindow:  # type: ignore[no-untyped-def]
    """The console as it starts: a new session on the last profile, then the window."""
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    session = ConsoleSession(settings, data_dir, SecretStore(keyring), demo_bills=0)
    session.activate(session.profiles.last_id())
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


class Agree:
    """Stands in for the user at a yes/no question, and remembers what was asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, question: object) -> bool:
        self.asked.append(str(question))
        return True


def use_live_profile(
    session: ConsoleSession, app_id: str, secret: str, hosts: tuple[str, ...], read_timeout: float
) -> Profile:
    """A live profile of the running session, saved with its secret and made active."""
    profile = replace(Profile.new_live("Shop", app_id, hosts), read_timeout=read_timeout)
    session.profiles.save(profile)
    session.secrets.set(profile.id, secret)
    session.activate(profile.id)
    return profile
