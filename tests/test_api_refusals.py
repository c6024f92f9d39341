"""What a refusal (a non-zero result code) carries from the server, over real HTTP.

- How far the server's clock is from this computer's. BeeCloud refuses a request
  whose timestamp is far from its own time with code 1, the code of a wrong app id
  or secret too. The client reads the server's `Date` header on every answer; a
  refusal carries the difference (ApiError.clock_offset_s: the server's time minus
  this computer's), so that the window can say "this computer's clock is 10 minutes
  behind" instead of guessing. A Date that is no date, or one no server could mean,
  is no offset.
- The server's words (result_msg, err_detail), shown, logged and kept in the audit
  log and the refund journal: made text that can be, as a record's title is
  (console/api/models.py shown_text): at most 200 characters, no line break,
  control character, direction override or lone surrogate.
"""

from __future__ import annotations

import json
import time
from email.utils import formatdate
from typing import TypeVar

import pytest

from console.api import (
    ApiError,
    BadAnswerError,
    BeeCloudClient,
    BillQuery,
    OutcomeUnknownError,
    TransportError,
)
from console.api.clock import server_offset_s
from console.api.ids import new_bill_no
from console.api.models import TEXT_MAX
from console.api.rests import Rests
from console.sandbox import SandboxServer
from tests.hostile_support import HostileServer, answer_with, json_reply
from tests.sandbox_support import APP_ID, APP_SECRET, card_payment

E = TypeVar("E", bound=BaseException)

REFUSED = b'{"result_code": 1, "result_msg": "APP_INVALID", "err_detail": ""}'


def refusal(*headers: str) -> bytes:
    return json_reply(REFUSED, "200 OK", "application/json", *headers)


def raised_by(reply: bytes, kind: type[E]) -> E:
    """What a bills query raises from a host that answers with `reply`."""
    with HostileServer(answer_with(reply)) as server:
        client = BeeCloudClient(APP_ID, APP_SECRET, [server.url], shuffle=False)
        try:
            with pytest.raises(kind) as raised:
                client.query_bills(BillQuery())
        finally:
            client.close()
    return raised.value


def refused(reply: bytes) -> ApiError:
    return raised_by(reply, ApiError)


# -- the server's clock ---------------------------------------------------------------


@pytest.mark.parametrize("minutes", [-90, -10, 10, 600])
def test_a_refusal_carries_how_far_the_servers_clock_is(minutes: int) -> None:
    server_time = time.time() + minutes * 60
    offset = refused(refusal(f"Date: {formatdate(server_time, usegmt=True)}")).clock_offset_s
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
    assert refused(reply).clock_offset_s is None


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


# -- how long a server asks to wait ---------------------------------------------------


def waited(*headers: str) -> str:
    """What a host that answered 429 with these headers did, as the client says it."""
    reply = json_reply(b"Too many requests", "429 Too Many Requests", "text/plain", *headers)
    return raised_by(reply, TransportError).failures[0].reason


def http_date(seconds_from_now: float) -> str:
    return formatdate(time.time() + seconds_from_now, usegmt=True)


# headers, with "{in N}" for the HTTP date N seconds from the test's own time
@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        (["Retry-After: 120"], 120),
        (["Retry-After:  7 "], 7),
        (["Retry-After: {in 300}"], 300),
        # a date read on the server's clock: its Date says it runs an hour ahead
        (["Date: {in 3600}", "Retry-After: {in 3690}"], 90),
        (["Retry-After: 86400"], 86400),
    ],
)
def test_a_wait_asked_for_is_said_in_seconds(headers: list[str], seconds: int) -> None:
    reason = waited(*(dated(header) for header in headers))
    said = int(reason.removeprefix("answered HTTP 429: ").split()[-2])
    assert reason.endswith(" s") and abs(said - seconds) <= 2


def test_hosts_all_busy_can_be_asked_again_after_the_shortest_rest(qapp) -> None:
    """Every host busy, each naming its rest: the client asks the first whose rest is
    over, and one answering is enough, so the next try can succeed after the shortest.
    TransportError.busy_s (the status bar's "asked to wait until 14:07:10") was the
    longest while the failure's words said the shortest."""
    from console.gui.jobs import report_for

    def busy(seconds: int) -> bytes:
        return json_reply(
            b"Too many requests", "429 Too Many Requests", "text/plain", f"Retry-After: {seconds}"
        )

    with (
        HostileServer(answer_with(busy(5))) as short,
        HostileServer(answer_with(busy(120))) as long,
    ):
        client = BeeCloudClient(APP_ID, APP_SECRET, [long.url, short.url], shuffle=False)
        try:
            with pytest.raises(TransportError) as raised:
                client.query_bills(BillQuery())
        finally:
            client.close()
    assert raised.value.busy_s is not None and 3 <= raised.value.busy_s <= 5
    report = report_for(raised.value)
    assert report.wait_s == raised.value.busy_s
    assert report.title.startswith(f"The server asked to wait {report.wait_s} second")


def dated(header: str) -> str:
    name, _, value = header.partition(": ")
    if value.startswith("{in "):
        value = http_date(int(value[4:-1]))
    return f"{name}: {value}"


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Retry-After: -30",  # a time past
        "Retry-After: 0",
        "Retry-After: 86401",  # more than a day: no time a clerk can wait for
        "Retry-After: 99999999999999999999999999999",
        "Retry-After: {in -600}",
        "Retry-After: {in 34560000}",
        "Retry-After: soon",
        "Retry-After: \u0663\u0660",  # digits of another script are no seconds
        "Retry-After: " + "9" * 5000,
    ],
)
def test_a_wait_of_no_time_to_believe_is_a_wait_of_no_stated_time(header: str | None) -> None:
    assert waited(*([dated(header)] if header else [])) == (
        "answered HTTP 429: it cannot take requests now"
    )


# -- the server's words ---------------------------------------------------------------


def refused_with(msg: object, detail: object) -> ApiError:
    body = json.dumps({"result_code": 5, "result_msg": msg, "err_detail": detail}).encode()
    return refused(json_reply(body))


def test_a_megabyte_of_words_is_cut() -> None:
    said = refused_with("M" * 1_000_000, "D" * 1_000_000)
    assert len(said.msg) == TEXT_MAX and said.msg.endswith("…")
    assert len(said.detail) == TEXT_MAX and said.detail.endswith("…")
    assert len(str(said)) < 1000


@pytest.mark.parametrize(
    "words",
    [
        "bad\n2026-12-05 10:00:00 ERROR console: forged line",
        "evil\u202etxt.exe",
        "lone \ud800 surrogate",
        "bell\x07 and escape\x1b[31m",
    ],
)
def test_words_that_cannot_be_shown_as_they_are_are_made_text(words: str) -> None:
    said = refused_with(words, words)
    for text in (said.msg, said.detail, str(said)):
        assert "\n" not in text and "\u202e" not in text and "\x1b" not in text
        assert text.encode("utf-8")  # no lone surrogate
    assert said.msg.startswith(words[:3])


def test_words_of_another_type_are_said_as_text() -> None:
    said = refused_with({"nested": ["x"] * 10}, 12345)
    assert said.detail == "12345"
    assert said.msg.startswith("{")


def test_words_sent_as_null_are_no_words() -> None:
    """NOTES.md: a field sent as null counts as missing. A refusal whose result_msg and
    err_detail are null said nothing: not the word "None" (which the window showed as
    BeeCloud's detail, and in place of the code's name)."""
    said = refused_with(None, None)
    assert (said.msg, said.detail) == ("", "")
    assert "None" not in str(said)


# -- a refusal's words outside BeeCloud's envelope ------------------------------------


def words_of(reply: bytes) -> tuple[str, str]:
    """What a host answering `reply` said, as a query's and as a payment's error carry
    it (the payment's outcome unknown all the same)."""
    said = []
    with HostileServer(answer_with(reply)) as server:
        client = BeeCloudClient(APP_ID, APP_SECRET, [server.url], shuffle=False)
        try:
            with pytest.raises((BadAnswerError, TransportError)) as read:
                client.query_bills(BillQuery())
            error = read.value
            if isinstance(error, TransportError):
                said.append(error.failures[0].said)
            else:
                assert isinstance(error, BadAnswerError)
                said.append(error.said)
            with pytest.raises(OutcomeUnknownError) as wrote:
                client.pay(card_payment(new_bill_no()))
            said.append(wrote.value.said)
        finally:
            client.close()
    return said[0], said[1]


@pytest.mark.parametrize(
    ("status", "kind", "body", "words"),
    [
        # the sandbox's own refusals (415, 421, 413): its err_detail
        (
            "415 Unsupported Media Type",
            "application/json",
            b'{"error": "Unsupported Media Type", "err_detail": "An API write is taken '
            b'only as JSON."}',
            "An API write is taken only as JSON.",
        ),
        ("401 Unauthorized", "application/json", b'{"message": "Invalid key"}', "Invalid key"),
        ("403 Forbidden", "application/json", b'{"error": "forbidden"}', "forbidden"),
        (
            "503 Service Unavailable",
            "text/html",
            b"<html><head><title>Closed &amp; <b>back</b> at 14:00</title></head></html>",
            "Closed & back at 14:00",
        ),
        ("502 Bad Gateway", "text/html", b"<html><body>no title</body></html>", ""),
        ("429 Too Many Requests", "text/plain", b"Slow down\nsecond line", "Slow down"),
        ("404 Not Found", "application/json", b'["a list says nothing"]', ""),
        ("400 Bad Request", "text/plain", b"", ""),
    ],
)
def test_a_refusal_outside_the_envelope_carries_the_servers_words(
    status: str, kind: str, body: bytes, words: str
) -> None:
    assert words_of(json_reply(body, status, kind)) == (words, words)


@pytest.mark.parametrize(
    "detail",
    [
        "D" * 1_000_000,
        "line\nforged 2026-12-06 ERROR console: paid",
        "evil\u202etxt.exe and \u200fmarks\u2067",
        "<img src=/dev/zero><b>bold</b>",
        "bell\x07 and escape\x1b[31m",
    ],
)
def test_a_refusals_words_are_cut_and_made_text(detail: str) -> None:
    body = json.dumps({"error": "x", "err_detail": detail}).encode()
    for said in words_of(json_reply(body, "403 Forbidden")):
        assert len(said) <= TEXT_MAX and said.startswith(detail[:3])
        assert not any(c in said for c in "\n\x07\x1b\u202e\u200f\u2067")
        if detail.startswith("<img"):
            assert said == detail  # shown as the text it is, by a plain label


def test_a_refusals_words_lose_what_they_echo_of_the_request() -> None:
    """A gateway that quotes the request quotes its app_sign and the card's number: the
    words shown and kept (console/gui/jobs.py without_secrets, as every report) have
    neither."""
    sign = "0123456789abcdef0123456789abcdef"
    echo = json.dumps({"err_detail": f"denied: app_sign={sign} number 4111111111111111"})
    with HostileServer(answer_with(json_reply(echo.encode(), "403 Forbidden"))) as server:
        client = BeeCloudClient(APP_ID, APP_SECRET, [server.url], shuffle=False)
        with pytest.raises(OutcomeUnknownError) as raised:
            client.pay(card_payment(new_bill_no()))
        client.close()
    assert sign in raised.value.said  # the client's error carries the words as they came
    assert sign not in str(raised.value)  # but never says them itself
    from console.gui.jobs import report_for, without_secrets

    report = without_secrets(report_for(raised.value), ())
    assert report.detail.startswith("denied: app_sign=")
    assert sign not in report.text() and "4111111111111111" not in report.text()


def test_a_host_is_left_alone_for_ten_minutes_at_most() -> None:
    """A server that asks for a day (or lies) is not left alone for a day: the clerk's
    next try after ten minutes asks it again."""
    now = [1000.0]
    rests = Rests(lambda: now[0])
    rests.rest("https://a.example", 86_400)
    rests.rest("https://b.example", 30)
    assert (rests.left_s("https://a.example"), rests.left_s("https://b.example")) == (600, 30)
    now[0] += 30
    assert rests.left_s("https://b.example") is None
    now[0] += 570
    assert rests.left_s("https://a.example") is None
