"""A practice PayPal approval link made in the sandbox still works after the console
is started again: the embedded sandbox asks for the port it had; its return page
renders."""

from __future__ import annotations

from pathlib import Path

import requests

from console.api.channels import PAYPAL_PAYPAL
from console.api.ids import new_bill_no
from console.api.models import BillRequest
from console.api.money import Money
from console.gui.session import ConsoleSession
from console.gui.settings import Settings
from console.store.secrets import SecretStore
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
