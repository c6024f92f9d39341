"""A refusal says how far the server's clock is from this computer's.

BeeCloud refuses a request whose timestamp is far from its own time with code 1,
the code of a wrong app id or secret too. The client reads the server's `Date`
header on every answer; a refusal carries the difference (ApiError.clock_offset_s:
the server's time minus this computer's), so that the window can say "this
computer's clock is 10 minutes behind" instead of guessing. A Date that is no date,
or one no server could mean, is no offset. Real HTTP over loopback throughout.
"""

from __future__ import annotations

import time
from email.utils import formatdate

import pytest

from console.api import ApiError, BeeCloudClient, BillQuery
from console.api.clock import server_offset_s
from console.sandbox import SandboxServer
from tests.hostile_support import HostileServer, answer_with, head
from tests.sandbox_support import APP_ID, APP_SECRET

REFUSED = b'{"result_code": 1, "result_msg": "APP_INVALID", "err_detail": ""}'


def refusal(*headers: str) -> bytes:
    return (
        head(
            "200 OK",
            "Content-Type: application/json",
            f"Content-Length: {len(REFUSED)}",
            "Connection: close",
            *headers,
        )
        + REFUSED
    )


def refused_offset(reply: bytes) -> int | None:
    with HostileServer(answer_with(reply)) as server:
        client = BeeCloudClient(APP_ID, APP_SECRET, [server.url], shuffle=False)
        try:
            with pytest.raises(ApiError) as raised:
                client.query_bills(BillQuery())
        finally:
            client.close()
    assert raised.value.code == 1
    return raised.value.clock_offset_s


@pytest.mark.parametrize("minutes", [-90, -10, 10, 600])
def test_a_refusal_carries_how_far_the_servers_clock_is(minutes: int) -> None:
    server_time = time.time() + minutes * 60
    offset = refused_offset(refusal(f"Date: {formatdate(server_time, usegmt=True)}"))
    assert offset is not None
    assert abs(offset - minutes * 60) <= 2  # the header's whole seconds, and the exchange


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Date: tomorrow",
        "Date: ",
        "Date: Mon, 32 Jan 2026 10:00:00 GMT",
        "Date: Fri, 31 Dec 99999 23:59:59 GMT",
        "Date: Thu, 01 Jan 1970 00:00:00 GMT",  # no server of this API runs in 1970
        "Date: " + "Mon, 01 Jan 2026 10:00:00 GMT" * 200,
    ],
)
def test_a_date_that_is_none_or_no_date_is_no_offset(header: str | None) -> None:
    reply = refusal() if header is None else refusal(header)
    assert refused_offset(reply) is None


def test_the_sandbox_sends_its_date(sandbox: SandboxServer) -> None:
    """The sandbox and this computer share a clock: a refusal (a wrong secret) says no
    difference worth a word."""
    client = BeeCloudClient(APP_ID, "not-the-secret", [sandbox.base_url], shuffle=False)
    try:
        with pytest.raises(ApiError) as raised:
            client.query_bills(BillQuery())
    finally:
        client.close()
    assert raised.value.clock_offset_s is not None
    assert abs(raised.value.clock_offset_s) <= 2


def test_offsets_from_dates() -> None:
    now = 1_790_000_000.0
    assert server_offset_s(formatdate(now + 600, usegmt=True), now) == 600
    assert server_offset_s(formatdate(now - 3600, usegmt=True), now) == -3600
    assert server_offset_s("Sat, 05 Dec 2026 19:48:45 +0800", 1_796_471_325.0) == 0
    for lie in ("", "yesterday", "Sat, 05 Dec 2026 25:00:00 GMT", "1796471325", "\x00" * 30):
        assert server_offset_s(lie, now) is None
