"""Bills put on a sandbox for a test: paid by card through the API, as a shop would
make them, or written straight into the embedded sandbox's store (for bills the API
cannot make: unpaid, old, without a currency...)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from console.api.client import BeeCloudClient
from console.api.ids import new_bill_no
from console.api.models import BillRequest, CardInfo
from console.api.money import Money
from console.gui.profiles import SANDBOX_APP_ID
from console.gui.session import ConsoleSession
from tests.gui.sandbox_truth import sandbox_of


def paid_bill(
    client: BeeCloudClient, hundredths: int = 2000, currency: str = "USD", title: str = "耳机"
) -> str:
    """A bill paid by card through the API, as a shop would make it."""
    bill_no = new_bill_no()
    card = CardInfo("4111111111111111", 12, datetime.now(UTC).year + 1, "123", "Lei", "Li", "visa")
    client.pay(
        BillRequest("PAYPAL_CREDITCARD", Money(hundredths, currency), bill_no, title, card=card)
    )
    return bill_no


def insert_bill(session: ConsoleSession, bill_no: str, **fields: Any) -> None:
    """A paid card bill of USD 12.34 (unless `fields` say otherwise) in the store."""
    store = sandbox_of(session).store
    assert store is not None
    values: dict[str, Any] = {
        "channel": "PAYPAL_CREDITCARD",
        "total_fee": 1234,
        "title": "Test bill",
        "currency": "USD",
        "paid": True,
    }
    values.update(fields)
    store.insert_bill(SANDBOX_APP_ID, bill_no, **values)


def special_bill(session: ConsoleSession, **changes: object) -> str:
    """A bill put straight into the sandbox's store (unpaid, old, no currency...)."""
    bill_no = new_bill_no()
    insert_bill(session, bill_no, **{"total_fee": 2000, "title": "Wireless mouse", **changes})
    return bill_no
