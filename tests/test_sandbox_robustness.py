"""Whatever a request carries, the answer is JSON with a status below 500."""

from __future__ import annotations

import gzip
import json
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from waitress.adjustments import Adjustments

from console.api.validate import ECHO_MAX
from console.sandbox import SandboxServer
from console.sandbox.app import MAX_BODY_BYTES
from console.sandbox.framing import StrictRequestParser
from tests.sandbox_support import (
    APPS,
    BILL,
    BILLS,
    REFUND,
    REFUNDS,
    TIMEOUT_S,
    bill_body,
    get_raw,
    json_answer,
    post_raw,
    query,
    signed,
)

POSTS = [BILL, REFUND, "/2/rest/international/bill", "/2/rest/refund"]
GETS = [BILLS, REFUNDS, "/2/rest/bills", "/2/rest/refunds", "/2/rest/bills/count"]


def code_of(response: requests.Response) -> int:
    return json_answer(response)["result_code"]


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{",
        b"not json",
        b"[]",
        b'[{"app_id": "test-app"}]',
        b"null",
        b"42",
        b'"text"',
        b"\xff\xfe{}",
        b'{"title": "\xe4\xb8"}',
        b'{"total_fee": NaN}',
        b'{"a": 1, "a": 2}',
        b'{"title": "\\ud800"}',
        b"[" * 100_000 + b"]" * 100_000,
        b"1" * 5000,
    ],
    ids=lambda raw: repr(raw[:24]),
)
def test_a_body_that_is_not_a_json_object_is_5(
    sandbox: SandboxServer, path: str, raw: bytes
) -> None:
    response = post_raw(sandbox, path, data=raw, headers={"Content-Type": "application/json"})
    assert code_of(response) == 5


@pytest.mark.parametrize(
    ("raw", "detail"),
    [
        (
            b'{"refund_fee": ' + b"9" * 5001 + b"}",
            "The body is not valid JSON: a number in it has more than 1,000 digits.",
        ),
        (
            b"[" * 100_000 + b"]" * 100_000,
            "The body is not valid JSON: it is nested more deeply than any request.",
        ),
    ],
    ids=["5001 digits", "nested"],
)
def test_a_body_json_cannot_take_is_told_in_plain_words_not_python_s(
    sandbox: SandboxServer, raw: bytes, detail: str
) -> None:
    """Python's own words ("use sys.set_int_max_str_digits() to increase the limit",
    "maximum recursion depth exceeded") reached the answer's err_detail."""
    response = post_raw(sandbox, REFUND, data=raw, headers={"Content-Type": "application/json"})
    assert json_answer(response)["err_detail"] == detail


def test_a_long_number_of_a_field_is_told_by_the_field(sandbox: SandboxServer) -> None:
    body = signed({"bill_no": "b1", "refund_no": "20261206abc", "refund_fee": 10**30})
    response = post_raw(sandbox, REFUND, data=json.dumps(body).encode())
    assert "refund_fee must be at most 2147483647" in json_answer(response)["err_detail"]


@pytest.mark.parametrize("junk", ["X" * 100_000, "<\u202e" * 10_000, "\x00" * 10_000])
def test_an_unknown_channel_or_currency_is_echoed_only_as_a_short_marked_excerpt(
    sandbox: SandboxServer, junk: str
) -> None:
    """A 100 KB value gave a 100 KB answer: the echo is its first characters, then …"""
    details = [
        json_answer(post_raw(sandbox, BILL, json=signed(bill_body(currency=junk))))["err_detail"],
        query(sandbox, BILLS, channel=junk)["err_detail"],
    ]
    excerpt = repr(junk[:ECHO_MAX] + "…")
    assert details == [
        f"currency: Unknown currency {excerpt}.",
        f"channel: Unknown channel {excerpt}.",
    ]


def test_a_short_unknown_currency_is_echoed_whole(sandbox: SandboxServer) -> None:
    answer = json_answer(post_raw(sandbox, BILL, json=signed(bill_body(currency="XYZ"))))
    assert answer["err_detail"] == "currency: Unknown currency 'XYZ'."


@pytest.mark.parametrize(
    "changes",
    [
        {"total_fee": [1]},
        {"total_fee": {"x": 1}},
        {"total_fee": True},
        {"bill_no": 12345678},
        {"title": ["a"]},
        {"currency": 1},
        {"return_url": 7},
        {"credit_card_info": "4111111111111111", "channel": "PAYPAL_CREDITCARD"},
        {"credit_card_id": 5, "channel": "PAYPAL_SAVED_CREDITCARD"},
        {"optional": "x"},
        {"optional": [1]},
    ],
    ids=repr,
)
def test_wrong_types_are_5(sandbox: SandboxServer, changes: dict[str, Any]) -> None:
    response = post_raw(sandbox, BILL, json=signed(bill_body(**changes)))
    assert code_of(response) == 5


def test_a_channel_of_the_wrong_type_is_5(sandbox: SandboxServer) -> None:
    assert code_of(post_raw(sandbox, BILL, json=signed(bill_body(channel=["PAYPAL"])))) == 5


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "GZIP", "identity, gzip", "x"])
def test_a_body_in_a_content_encoding_is_a_json_415_and_nothing_is_done(
    sandbox: SandboxServer, path: str, encoding: str
) -> None:
    """The sandbox does not decode bodies: read as plain JSON, a compressed one would be
    nonsense, and a plain one labelled compressed is not what the client meant."""
    plain = json.dumps(signed(bill_body())).encode()
    for body in (plain, gzip.compress(plain)):
        response = post_raw(sandbox, path, data=body, headers={"Content-Encoding": encoding})
        assert response.status_code == 415
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.headers["Accept-Encoding"] == "identity"
        answer = response.json()
        assert (
            answer["error"] == "UNSUPPORTED_MEDIA_TYPE"
            and "Content-Encoding" in answer["err_detail"]
        )
    assert query(sandbox, BILLS)["bills"] == []


@pytest.mark.parametrize("encoding", ["identity", "Identity", ""])
def test_a_body_in_identity_encoding_is_read(sandbox: SandboxServer, encoding: str) -> None:
    body = json.dumps(signed(bill_body())).encode()
    headers = {"Content-Encoding": encoding}
    assert code_of(post_raw(sandbox, BILL, data=body, headers=headers)) == 0


def test_an_approval_decision_in_a_content_encoding_is_415_and_decides_nothing(
    sandbox: SandboxServer,
) -> None:
    url = json_answer(post_raw(sandbox, BILL, json=signed(bill_body())))["url"]
    form = gzip.compress(b"action=approve")
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/x-www-form-urlencoded"}
    response = requests.post(url, data=form, headers=headers, timeout=TIMEOUT_S)
    assert response.status_code == 415 and response.json()["error"] == "UNSUPPORTED_MEDIA_TYPE"
    assert query(sandbox, BILLS)["bills"][0]["spay_result"] is False
    assert 'value="approve"' in requests.get(url, timeout=TIMEOUT_S).text, "still undecided"


def test_a_5_mb_body_is_a_json_413(sandbox: SandboxServer) -> None:
    response = post_raw(sandbox, BILL, data=b"{" + b" " * (5 * 1024 * 1024) + b"}")
    assert response.status_code == 413
    assert response.json()["error"] == "REQUEST_ENTITY_TOO_LARGE"
    # and the server goes on answering
    assert code_of(post_raw(sandbox, BILL, json=signed(bill_body()))) == 0


BODY_TOO_LARGE = "The body is larger than 1,048,576 bytes (1 MiB), more than any request takes."


def answer_before_the_body(sandbox: SandboxServer, head: bytes, body: bytes) -> bytes:
    """Send the head and the start of a body that never ends; what the sandbox says
    within a second (it used to read on, up to 32 MiB per connection, kept on disk,
    before refusing what it will never read past 1 MiB)."""
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=1) as conn:
        conn.sendall(head + body)
        received = b""
        try:
            while chunk := conn.recv(65536):
                received += chunk
        except TimeoutError:
            pass
        except ConnectionResetError:  # closed with part of the body unread
            pass
    return received


@pytest.mark.parametrize(
    ("head", "body"),
    [
        (
            f"POST {BILL} HTTP/1.1\r\nHost: x\r\nContent-Length: {MAX_BODY_BYTES + 1}\r\n\r\n",
            b"",
        ),
        (
            f"POST {REFUND} HTTP/1.1\r\nHost: x\r\nContent-Length: {32 * MAX_BODY_BYTES}\r\n\r\n",
            b"{" + b" " * 65536,
        ),
        (
            f"POST {BILL} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
            b"".join(b"%x\r\n%s\r\n" % (65536, b" " * 65536) for _ in range(17)),
        ),
    ],
    ids=["announced", "announced-32-MiB", "chunked"],
)
def test_a_body_over_1_mb_is_a_json_413_without_reading_the_rest(
    sandbox: SandboxServer, head: str, body: bytes
) -> None:
    received = answer_before_the_body(sandbox, head.encode(), body)
    status_line, _, rest = received.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 413 "), received[:200]
    headers, _, answer = rest.partition(b"\r\n\r\n")
    assert b"Content-Type: application/json" in headers
    assert json.loads(answer) == {"error": "REQUEST_ENTITY_TOO_LARGE", "err_detail": BODY_TOO_LARGE}
    assert code_of(post_raw(sandbox, BILL, json=signed(bill_body()))) == 0


def test_a_request_head_over_256_kib_is_a_json_431_in_plain_words(
    sandbox: SandboxServer,
) -> None:
    """waitress's own words were 'exceeds max_header of 262144'."""
    target = f"{BILLS}?para={'a' * 300_000}"
    received = answer_before_the_body(
        sandbox, f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode(), b""
    )
    head, _, answer = received.partition(b"\r\n\r\n")
    assert head.split(b" ", 2)[1] == b"431" and b"Content-Type: application/json" in head
    assert json.loads(answer) == {
        "error": "REQUEST_HEADER_FIELDS_TOO_LARGE",
        "err_detail": "The request's line and headers are larger than 262,144 bytes (256 KiB).",
    }


def test_a_body_of_exactly_1_mb_is_read(sandbox: SandboxServer) -> None:
    body = json.dumps({**signed(bill_body()), "padding": ""}).encode()
    body = body[:-2] + b"x" * (MAX_BODY_BYTES - len(body)) + b'"}'
    assert len(body) == MAX_BODY_BYTES
    assert code_of(post_raw(sandbox, BILL, data=body)) == 0


def test_a_body_just_under_1_mb_is_read(sandbox: SandboxServer) -> None:
    body = json.dumps({**signed(bill_body()), "padding": "x" * 1_000_000}).encode()
    assert len(body) < 1024 * 1024
    assert code_of(post_raw(sandbox, BILL, data=body)) == 0


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/1/rest/bill",
        "/1/rest/bills/",
        "/1/rest/international",
        "/favicon.ico",
        # the SDK's query_bill_by_id / query_refund_by_id: defined by neither the
        # document nor NOTES.md (docs/sandbox.md)
        "/2/rest/bill/0d63fc0f-0d91-4f15-b626-fe62f41f1e1a",
        "/2/rest/refund/0d63fc0f-0d91-4f15-b626-fe62f41f1e1a",
    ],
)
def test_an_unknown_path_is_404_json(sandbox: SandboxServer, path: str) -> None:
    for response in (get_raw(sandbox, path), post_raw(sandbox, path, json={})):
        assert response.status_code == 404
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.json()["error"] == "NOT_FOUND"
        assert response.json()["err_detail"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", BILL),
        ("PUT", BILL),
        ("DELETE", REFUND),
        ("OPTIONS", REFUND),
        ("POST", BILLS),
        ("PATCH", REFUNDS),
        ("POST", "/2/rest/refunds/count"),
        ("PUT", "/paypal/approve/EC-X"),
    ],
)
def test_a_wrong_method_is_405_json(sandbox: SandboxServer, method: str, path: str) -> None:
    response = requests.request(method, sandbox.base_url + path, timeout=TIMEOUT_S)
    assert response.status_code == 405
    assert response.json()["error"] == "METHOD_NOT_ALLOWED"
    assert response.headers["Allow"]


@pytest.mark.parametrize("path", GETS)
def test_a_get_without_para_is_4(sandbox: SandboxServer, path: str) -> None:
    assert code_of(get_raw(sandbox, path)) == 4
    assert code_of(get_raw(sandbox, path, params={"other": "1"})) == 4


@pytest.mark.parametrize(
    "query_string",
    [
        "para=",
        "para=nope",
        "para=%5B%5D",
        "para=%7B",
        "para=%FF%FE",
        "para=%7B%22a%22%3A1%2C%22a%22%3A2%7D",
        "para=%7B%7D&para=%7B%7D",
    ],
)
def test_a_para_that_is_not_one_json_object_is_5(sandbox: SandboxServer, query_string: str) -> None:
    response = requests.get(f"{sandbox.base_url}{BILLS}?{query_string}", timeout=TIMEOUT_S)
    assert code_of(response) == 5


def test_an_unexpected_exception_is_logged_and_answered_14(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    assert sandbox.store is not None
    monkeypatch.setattr(sandbox.store, "list_bills", broken)
    response = get_raw(sandbox, BILLS, params={"para": json.dumps(signed({}))})
    answer = json_answer(response)
    assert (answer["result_code"], answer["result_msg"]) == (14, "RUNTIME_ERROR")
    assert "Traceback" not in response.text and "disk on fire" not in response.text
    assert any("disk on fire" in str(record.exc_info) for record in caplog.records)


def test_unicode_in_answers_survives(sandbox: SandboxServer) -> None:
    assert code_of(post_raw(sandbox, BILL, json=signed(bill_body(title="咖啡 ☕")))) == 0
    [bill] = query(sandbox, BILLS)["bills"]
    assert bill["title"] == "咖啡 ☕"


# -- properties ------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = [
    "channel",
    "total_fee",
    "currency",
    "bill_no",
    "title",
    "return_url",
    "credit_card_info",
    "credit_card_id",
    "refund_no",
    "refund_fee",
    "optional",
    "skip",
    "limit",
    "start_time",
    "end_time",
]
field_values = (
    st.sampled_from(["PAYPAL_PAYPAL", "PAYPAL_CREDITCARD", "USD", "JPY", 100]) | json_values
)
request_bodies = st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=6), field_values, max_size=8
)


@pytest.fixture(scope="module")
def shared_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    path: Path = tmp_path_factory.mktemp("robust") / "sandbox.sqlite3"
    with SandboxServer(path, APPS) as server:
        yield server


PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(raw=st.binary(max_size=200) | json_values.map(lambda value: json.dumps(value).encode()))
def test_any_bytes_get_a_json_answer(shared_sandbox: SandboxServer, raw: bytes) -> None:
    for path in POSTS:
        response = post_raw(shared_sandbox, path, data=raw)
        assert response.status_code < 500
        assert isinstance(response.json(), dict)


@PROPERTY_SETTINGS
@given(body=request_bodies)
def test_any_signed_object_gets_an_api_answer(
    shared_sandbox: SandboxServer, body: dict[str, Any]
) -> None:
    for path in POSTS:
        answer = json_answer(post_raw(shared_sandbox, path, json=signed(body)))
        assert answer["result_code"] != 14, answer
    for path in GETS:
        answer = json_answer(
            get_raw(shared_sandbox, path, params={"para": json.dumps(signed(body))})
        )
        assert answer["result_code"] != 14, answer


@PROPERTY_SETTINGS
@given(text=st.text(max_size=60))
def test_any_para_text_gets_an_api_answer(shared_sandbox: SandboxServer, text: str) -> None:
    response = get_raw(shared_sandbox, BILLS, params={"para": text})
    assert json_answer(response)["result_code"] in (1, 4, 5)


# -- requests waitress itself refuses ------------------------------------------


def raw_exchange(sandbox: SandboxServer, request: bytes) -> tuple[int, bytes, bytes]:
    """Send raw bytes; the status code, head and body of the answer (read to EOF)."""
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=TIMEOUT_S) as conn:
        conn.sendall(request)
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), head, body


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (b"GET /1/rest/bills HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n", 400),
        (
            b"POST /1/rest/international/bill HTTP/1.1\r\nHost: x\r\n"
            b"Transfer-Encoding: gzip\r\n\r\n",
            400,
        ),
        (
            b"POST /1/rest/international/bill HTTP/1.1\r\nHost: x\r\n"
            b"Transfer-Encoding: chunked\r\n\r\nzz\r\n",
            400,
        ),
    ],
    ids=["bad-content-length", "unsupported-transfer-encoding", "bad-chunk"],
)
def test_requests_waitress_refuses_get_json_too(
    sandbox: SandboxServer, request_bytes: bytes, status: int
) -> None:
    code, head, body = raw_exchange(sandbox, request_bytes)
    assert code == status
    assert b"Content-Type: application/json" in head
    assert json.loads(body)["error"]
    # and the server goes on answering
    assert code_of(post_raw(sandbox, BILL, json=signed(bill_body()))) == 0


PROMPT_S = 2.0  # far below the request timeout (10 s), which answered these 408


def exchange_until_closed(sandbox: SandboxServer, request: bytes) -> bytes:
    """Send raw bytes; every byte answered until the server closed the connection,
    which must be within PROMPT_S (socket.timeout otherwise)."""
    received = b""
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=PROMPT_S) as conn:
        conn.sendall(request)
        while chunk := conn.recv(65536):
            received += chunk
    return received


@pytest.mark.parametrize(
    "head",
    [
        "GET /1/rest/bills HTTP/1.1\nHost: {host}\n\n",
        "GET /1/rest/bills HTTP/1.1\r\nHost: {host}\n\r\n",
        "GET /1/rest/bills HTTP/1.1\nHost: {host}\r\n\r\n",
        "GET /1/rest/bills HTTP/1.1\r\nHost: {host}\rX-A: b\r\n",
    ],
    ids=["lf-only", "lf-after-header", "lf-after-request-line", "bare-cr"],
)
def test_a_line_ended_by_a_bare_lf_or_cr_is_400_at_once(sandbox: SandboxServer, head: str) -> None:
    """It waited for a CRLF CRLF that never came, answered 408 after 10 s."""
    host = f"127.0.0.1:{sandbox.port}"
    received = exchange_until_closed(sandbox, head.format(host=host).encode())
    status, _, body = received.partition(b"\r\n\r\n")
    assert status.split(b" ", 2)[1] == b"400", received
    detail = json.loads(body)["err_detail"]
    assert "CRLF" in detail
    assert code_of(post_raw(sandbox, BILL, json=signed(bill_body()))) == 0, "still serving"


@pytest.mark.parametrize("version", ["1.1", "1.0"])
def test_a_request_with_both_content_length_and_chunked_is_answered_then_closed(
    sandbox: SandboxServer, version: str
) -> None:
    """RFC 9112 6.1: such a request (a smuggling attempt, or a broken client) leaves
    the connection closed after its answer: what follows it cannot be told apart.
    HTTP/1.1 reads the body as chunked; HTTP/1.0 (kept alive) by its Content-Length."""
    body = json.dumps(signed(bill_body())).encode()
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    length = 5 if version == "1.1" else len(body)
    head = (
        f"POST {BILL} HTTP/{version}\r\nHost: 127.0.0.1:{sandbox.port}\r\n"
        f"Connection: keep-alive\r\nContent-Type: application/json\r\n"
        f"Content-Length: {length}\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    received = exchange_until_closed(sandbox, head + (chunked if version == "1.1" else body))
    status, _, answer = received.partition(b"\r\n\r\n")
    assert status.startswith(f"HTTP/{version} 200 ".encode()), status
    assert b"Connection: close" in status
    assert json.loads(answer)["result_code"] == 0  # the body was read, whole


def parse_in_pieces(request: bytes, cuts: list[int]) -> StrictRequestParser:
    """The sandbox's parser fed the request cut at these places, until it is complete."""
    parser = StrictRequestParser(Adjustments())
    ends = sorted({cut % (len(request) + 1) for cut in cuts} | {len(request)})
    start = 0
    for end in ends:
        piece = request[start:end]
        start = end
        while piece and not parser.completed:
            piece = piece[parser.received(piece) :]
    return parser


VALID_HEAD = b"\r\nGET /1/rest/bills?para=x HTTP/1.1\r\nHost: h\r\nX-A: b\r\n\r\n"


@settings(max_examples=200, deadline=None)
@given(cuts=st.lists(st.integers(min_value=0), max_size=len(VALID_HEAD)))
def test_a_head_cut_anywhere_between_its_crlfs_is_read(cuts: list[int]) -> None:
    """A CR whose LF comes in the next read is no bare CR."""
    parser = parse_in_pieces(VALID_HEAD, cuts)
    assert parser.completed and parser.error is None
    assert parser.headers["X_A"] == "b"


def bare_in_head(request: bytes) -> bool:
    """What the sandbox reads of a head: blank lines before it skipped, up to its
    CRLF CRLF; whether a CR or LF in it is not part of a CRLF."""
    head = request.lstrip()
    end = head.find(b"\r\n\r\n")
    if end < 0:  # the inserted byte broke the CRLF CRLF: a bare one is left
        return True
    return re.search(rb"\r(?!\n)|(?<!\r)\n", head[:end]) is not None


@settings(max_examples=300, deadline=None)
@given(
    at=st.integers(min_value=0, max_value=len(VALID_HEAD)),
    bare=st.sampled_from([b"\n", b"\r", b"\n\n", b"\r\r"]),
    cuts=st.lists(st.integers(min_value=0), max_size=12),
)
def test_a_bare_line_end_in_a_head_is_refused_however_it_comes(
    at: int, bare: bytes, cuts: list[int]
) -> None:
    """In pieces the sandbox refuses it as it comes; whole, waitress does."""
    request = VALID_HEAD[:at] + bare + VALID_HEAD[at:]
    parser = parse_in_pieces(request, cuts)
    assert parser.completed
    assert (parser.error is not None) == bare_in_head(request), request


@pytest.mark.parametrize(
    ("request_bytes", "words"),
    [
        (
            b"GET /1/rest/bills HTTP/1.1\r\n " + b"x" * 200_000 + b"\r\nHost: {host}\r\n\r\n",
            "header",
        ),
        (b"g" * 200_000 + b" /1/rest/bills HTTP/1.1\r\nHost: {host}\r\n\r\n", "method"),
    ],
    ids=["continuation-line-first", "lowercase-method"],
)
def test_what_waitress_quotes_of_a_refused_request_is_a_short_excerpt(
    sandbox: SandboxServer, request_bytes: bytes, words: str
) -> None:
    """waitress quoted the line or method whole: a 200 KB answer."""
    host = f"127.0.0.1:{sandbox.port}".encode()
    code, _, body = raw_exchange(sandbox, request_bytes.replace(b"{host}", host))
    assert code == 400 and len(body) < 300, body[:300]
    detail = json.loads(body)["err_detail"]
    assert words in detail and detail.endswith('…"')
