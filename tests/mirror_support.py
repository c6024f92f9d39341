"""Helpers for the history mirror's sync tests (console/store/sync.py): payments and
approvals over real HTTP, what the server holds, what a bill keeps as refunded,
changes made behind the server's or the mirror's back, hosts in front of the sandbox
that do not count or ignore a filter, and a sync's long write held open."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from console.api import BeeCloudClient, BillRecord, BillRequest, CardInfo, Money, RefundRecord
from console.api.ids import new_bill_no
from console.api.models import now_ms
from console.api.paging import all_bills, all_refunds
from console.sandbox import SandboxServer
from console.sandbox.store import Bill, Refund, new_id
from console.store.mirror import Mirror
from tests.net_support import ForwardingHost
from tests.sandbox_support import APP_ID, APP_SECRET, refund_no

RETURN_URL = "https://shop.example.com/paid"
CARD_NUMBER = "5555555555554444"
CVV = "8642"  # no run of a bill_no's or refund_no's date digits can spell it
HOLDER = "Zebedee"
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS


def make_client(*hosts: str) -> BeeCloudClient:
    return BeeCloudClient(APP_ID, APP_SECRET, hosts, shuffle=False, read_timeout=10.0)


def card() -> CardInfo:
    return CardInfo(CARD_NUMBER, 12, 2099, CVV, HOLDER, "Lee", "mastercard")


def pay_by_card(client: BeeCloudClient, hundredths: int = 1234, currency: str = "USD") -> str:
    """A card payment: paid at once. Its bill_no."""
    request = BillRequest(
        "PAYPAL_CREDITCARD", Money(hundredths, currency), new_bill_no(), "Card", card=card()
    )
    client.pay(request)
    return request.bill_no


def pay_by_paypal(client: BeeCloudClient, hundredths: int = 2500) -> tuple[str, str]:
    """A PayPal payment: unpaid until approved. Its bill_no and approval URL."""
    request = BillRequest(
        "PAYPAL_PAYPAL", Money(hundredths, "EUR"), new_bill_no(), "PayPal", return_url=RETURN_URL
    )
    result = client.pay(request)
    assert result.url is not None
    return request.bill_no, result.url


def many_paid_bills(sandbox: SandboxServer, count: int, refunded: bool = False) -> None:
    """`count` paid card bills made now (each refunded in full when `refunded`), in one
    transaction on the sandbox's store."""
    assert sandbox.store is not None
    now = now_ms()
    bills = [
        Bill(APP_ID, f"many{n:06d}", "PAYPAL_CREDITCARD", 100, "t", "USD", True, now, new_id())
        for n in range(count)
    ]
    refunds = [
        Refund(APP_ID, refund_no(f"M{n:06d}"), bill.bill_no, 100, True, True, now, new_id())
        for n, bill in enumerate(bills)
        if refunded
    ]
    with sandbox.store.transaction() as tx:
        tx.insert_bills(bills)
        tx.insert_refunds(refunds)


def decide(url: str, action: str = "approve") -> None:
    """The payer's decision on the sandbox's approval page."""
    answer = requests.post(url, data={"action": action}, allow_redirects=False, timeout=10)
    assert answer.status_code == 303, answer.text


def by_number(
    bills: list[BillRecord], refunds: list[RefundRecord]
) -> tuple[dict[str, BillRecord], dict[str, RefundRecord]]:
    return {b.bill_no: b for b in bills}, {r.refund_no: r for r in refunds}


def server_records(
    client: BeeCloudClient,
) -> tuple[dict[str, BillRecord], dict[str, RefundRecord]]:
    """Every record the server lists now, by number."""
    return by_number(all_bills(client), all_refunds(client))


def mirror_records(mirror: Mirror) -> tuple[dict[str, BillRecord], dict[str, RefundRecord]]:
    return by_number(mirror.bills(), mirror.refunds())


def refunded_of(mirror: Mirror) -> dict[str, int]:
    """Each bill's largest successful refund (none: 0), from the refunds themselves."""
    refunded = {kept.bill_no: 0 for kept in mirror.bills()}
    for kept in mirror.refunds():
        if kept.finished and kept.succeeded and kept.bill_no in refunded:
            refunded[kept.bill_no] = max(refunded[kept.bill_no], kept.refund_fee)
    return refunded


def refunding_of(mirror: Mirror) -> dict[str, bool]:
    """Whether a refund of each bill is in progress, from the refunds themselves."""
    refunding = {kept.bill_no: False for kept in mirror.bills()}
    for kept in mirror.refunds():
        if not kept.finished and kept.bill_no in refunding:
            refunding[kept.bill_no] = True
    return refunding


def assert_refunded_kept(mirror: Mirror) -> None:
    """What each bill keeps as refunded and as refunding (its Refunded column sorts by
    them) is what its refunds in the mirror say."""
    rows = mirror.reader().execute("SELECT bill_no, refunded, refunding FROM bills").fetchall()
    assert {number: refunded for number, refunded, _ in rows} == refunded_of(mirror)
    assert {number: bool(refunding) for number, _, refunding in rows} == refunding_of(mirror)


def assert_mirrors_server(mirror: Mirror, client: BeeCloudClient) -> None:
    """The mirror holds exactly what the server lists (order aside: records of one
    millisecond may be listed in any order)."""
    assert mirror_records(mirror) == server_records(client)


def on_sandbox(sandbox: SandboxServer, sql: str, *params: object) -> int:
    """Change the sandbox's data behind its back (a reset, PayPal finishing a refund):
    how many rows it changed."""
    return _change(sandbox.db_path, sql, params)


def on_mirror_file(path: Path, sql: str, *params: object) -> int:
    """Change a mirror file behind its back (another program, a bug): rows changed."""
    return _change(path, sql, params)


def _change(path: Path, sql: str, params: tuple[object, ...]) -> int:
    db = sqlite3.connect(path, timeout=10)
    try:
        with db:  # committed
            return db.execute(sql, params).rowcount
    finally:
        db.close()


class CountlessHost(ForwardingHost):
    """A host in front of the sandbox that does not count: every request passes on to
    the sandbox, but a count (/2/rest/bills/count, /2/rest/refunds/count) is answered
    `reply` (raw HTTP saying Connection: close; by default a 404 as a server without
    the path gives)."""

    NOT_FOUND = (
        b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 22\r\n"
        b"Connection: close\r\n\r\n<h1>404 Not Found</h1>"
    )

    def __init__(self, target: str, reply: bytes = NOT_FOUND) -> None:
        self.counts_asked = 0
        self.reply = reply
        super().__init__(target, self.relay_post, self._answer)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        if not handler.path.split("?")[0].endswith("/count"):
            self.forward_get(handler)
            return
        self.counts_asked += 1
        handler.close_connection = True
        handler.wfile.write(self.reply)


class FilterIgnoringHost(ForwardingHost):
    """A host in front of the sandbox that does not know the query filter `field`, as
    a server may not: it passes every query on to the sandbox without that field
    (the signature does not cover the filters), and counts how often it was sent."""

    def __init__(self, target: str, field: str) -> None:
        self.ignored = 0
        self.field = field
        super().__init__(target, self.relay_post, self._without_field)

    def _without_field(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        para = json.loads(parse_qs(parts.query)["para"][0])
        if para.pop(self.field, None) is not None:
            self.ignored += 1
        self.forward_get(handler, f"{parts.path}?{urlencode({'para': json.dumps(para)})}")


class ListRewritingHost(ForwardingHost):
    """A host in front of the sandbox that lies in its answers to GETs: each JSON
    answer is passed to `rewrite`, which changes it in place, before it is sent on."""

    def __init__(self, target: str, rewrite: Callable[[dict[str, Any]], None]) -> None:
        self.rewrite = rewrite
        super().__init__(target, self.relay_post, self._answer)

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        answer = requests.get(self.target + handler.path, timeout=10).json()
        self.rewrite(answer)
        body = json.dumps(answer).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


def oldest_first(answer: dict[str, Any]) -> None:
    """A list's page in the wrong order: its records oldest first (ListRewritingHost)."""
    for key in ("bills", "refunds"):
        if isinstance(answer.get(key), list):
            answer[key].reverse()


def pages_of(size: int) -> Callable[[dict[str, Any]], None]:
    """A server whose pages hold at most `size` records, whatever the limit asked."""

    def cut(answer: dict[str, Any]) -> None:
        for key in ("bills", "refunds"):
            if isinstance(answer.get(key), list):
                del answer[key][size:]

    return cut


@contextmanager
def write_held_open(mirror: Mirror, delete: bool = True) -> Iterator[threading.Event]:
    """A sync's long write on a thread of its own: every bill deleted (unless not to),
    not committed until the block ends (or the event it gives is set)."""
    writing, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with mirror.writing() as db:
            if delete:
                db.execute("DELETE FROM bills")
            writing.set()
            release.wait(10)

    writer = threading.Thread(target=long_write)
    writer.start()
    assert writing.wait(10)
    try:
        yield release
    finally:
        release.set()
        writer.join(10)
