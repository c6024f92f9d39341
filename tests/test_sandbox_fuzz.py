"""Fuzzing a running sandbox over real HTTP with thousands of generated requests.

Whatever comes in, the answer has a status below 500 and a JSON body. On an API
path it is a JSON object with an integer result_code, a result_msg that is the
code's name and a non-empty err_detail for any refusal; never 14 RUNTIME_ERROR
(an unexpected exception), and nothing is logged at ERROR level. A signed
request that the shared validator refuses is answered with the validator's
code, and err_detail names every field it found wrong. Afterwards the database
holds exactly the bills and refunds that were acknowledged, as they were sent.

The cases come from random.Random(SEED), so a run is reproducible (set
BEECLOUD_FUZZ_SEED to try another seed); each test sends a fixed number of
cases on keep-alive connections and checks how many it sent. GET targets are
sent byte for byte with http.client (requests would re-quote a stray `%`).
tests/test_sandbox_robustness.py holds the hand-picked cases and a few
hypothesis properties; this file is the bulk.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import random
import sqlite3
import string
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, quote_plus

import pytest
import requests

from console.api.channels import PAY_CHANNELS, QUERY_CHANNELS
from console.api.codes import ResultCode
from console.api.money import CURRENCIES, MAX_FEE
from console.api.validate import (
    Problem,
    answer_code,
    china_today,
    validate_bill,
    validate_bill_query,
    validate_refund,
    validate_refund_query,
)
from console.sandbox import SandboxServer
from console.sandbox.app import MAX_BODY_BYTES
from console.sandbox.service import RETURN_PATH
from tests.sandbox_support import (
    APP_ID,
    BILL,
    BILLS,
    REFUND,
    REFUNDS,
    TIMEOUT_S,
    bill_body,
    paid_bill,
    pay,
    signed,
)

SEED = int(os.environ.get("BEECLOUD_FUZZ_SEED", "2015"))
POST_CASES = 3000
GET_CASES = 3000
OTHER_CASES = 500

BILL_V2 = "/2/rest/international/bill"
REFUND_V2 = "/2/rest/refund"  # the official SDK's refund()
COUNTS = ("/2/rest/bills/count", "/2/rest/refunds/count")
BILL_POSTS = (BILL, BILL_V2)
REFUND_POSTS = (REFUND, REFUND_V2)
POSTS = (*BILL_POSTS, *REFUND_POSTS)
GETS = (BILLS, REFUNDS, "/2/rest/bills", "/2/rest/refunds", *COUNTS)
REFUND_GETS = frozenset({REFUNDS, "/2/rest/refunds", "/2/rest/refunds/count"})
SIGNING = ("app_id", "timestamp", "app_sign")
KNOWN_CODES = frozenset(int(code) for code in ResultCode)
TOO_LARGE = frozenset({413, 431})  # a body (Flask) or a header (waitress) too large to read
# ...and a request that is not valid HTTP: a raw byte above 0x7f in the target, a
# control character in a header (waitress), or a Host that is not a host (Werkzeug)
NOT_HTTP = TOO_LARGE | {400}

# -- values ------------------------------------------------------------------------

EDGE_TEXT = [
    "",
    " ",
    "\t\n",
    "\x00",
    "a\x00b",
    "\x7f",
    "null",
    "NaN",
    "true",
    "0",
    "-1",
    "1e3",
    "12.50",
    "1,200.00",
    "\u2028\u2029",
    "\ufeff",
    "\u202eRTL",
    "e\u0301\u0301\u0301",
    "𝄞😀",
    "\U0010ffff",
    "\ufffe\uffff",
    "\ue000",
    "水" * 17,
    "a" * 33,
    "\\",
    '"',
    "'; DROP TABLE bills; --",
    "<script>alert(1)</script>",
    "%00%ff",
    "../../etc/passwd",
    "http://[::1/x",
    "http://a\uff03b/",
    "https://shop.example.com/paid?x=1&y=2",
    "ftp://shop.example.com/",
    "PAYPAL",
    "paypal_paypal",
    "WX_APP",
    "usd",
    "USD ",
    "JPY",
    "4111111111111111",
    "4000000000000002",
    "00000000",
    "CARD-5BT058015C739554AKE2GCEI",
    "visa",
    "１２３",
]
EDGE_INTS = [
    0,
    -1,
    1,
    9,
    10,
    50,
    51,
    99,
    100,
    101,
    12,
    13,
    999,
    9999,
    10_000,
    MAX_FEE,
    MAX_FEE + 1,
    -(2**31),
    2**53 + 1,
    2**63,
    -(2**63) - 1,
    2**64,
    10**12 - 1,
    10**12,
    10**13 - 1,
    10**13,
    10**100,
]
EDGE_FLOATS = [0.0, -0.0, 0.5, 1.5, 12.0, 100.0, 1e3, 1e308, 5e-324, float(2**31)]
ALPHANUM = string.ascii_letters + string.digits
UNICODE_RANGES = [
    (0x20, 0x7E),
    (0x00, 0x1F),
    (0xA0, 0x24F),
    (0x300, 0x36F),
    (0x4E00, 0x9FFF),
    (0xE000, 0xF8FF),
    (0xFFF0, 0xFFFF),
    (0x1F300, 0x1FAFF),
    (0x10000, 0x10FFFF),
]


def random_text(rng: random.Random, max_size: int = 40) -> str:
    """Text that is valid Unicode (no lone surrogate): it must survive json.dumps."""
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(EDGE_TEXT)
    if roll < 0.5:
        return "".join(rng.choice(ALPHANUM) for _ in range(rng.randint(0, max_size)))
    if roll < 0.55:
        return rng.choice("a水😀\x00 ") * rng.randint(1000, 20_000)
    chars = []
    for _ in range(rng.randint(0, max_size)):
        low, high = rng.choice(UNICODE_RANGES)
        chars.append(chr(rng.randint(low, high)))
    return "".join(chars)


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """Any JSON value json.dumps can write (no NaN, no 4,300-digit integer)."""
    kinds = ["null", "bool", "int", "float", "text"]
    if depth < 3:
        kinds += ["list", "object"]
    kind = rng.choice(kinds)
    if kind == "null":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        return rng.choice(EDGE_INTS) if rng.random() < 0.6 else rng.randint(-(2**40), 2**40)
    if kind == "float":
        return rng.choice(EDGE_FLOATS) if rng.random() < 0.5 else rng.uniform(-1e6, 1e6)
    if kind == "text":
        return random_text(rng)
    if kind == "list":
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {random_text(rng, 8): random_json(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def random_bytes(rng: random.Random, max_size: int = 300) -> bytes:
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, max_size)))


def near_value(rng: random.Random, value: Any) -> Any:
    """A value close to a valid one: one off, another type, trimmed, padded."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return rng.choice(
            [value - 1, value + 1, -value, value * 100, float(value), str(value), [value], True]
        )
    if isinstance(value, str):
        return rng.choice(
            [
                value[:-1],
                value + rng.choice("0aZ-_ 水"),
                value.lower(),
                value.upper(),
                " " + value,
                value + "\x00",
                value * 2,
                [value],
                value.encode().hex(),
            ]
        )
    if isinstance(value, dict):
        return rng.choice([[value], json.dumps(value), {}, None])
    return random_json(rng)


def field_edges(today: str) -> dict[str, list[Any]]:
    """Values at the edge of each field's rule (NOTES.md), valid and not."""
    return {
        "channel": [*PAY_CHANNELS, "PAYPAL", "WX_APP", "paypal_paypal", "PAYPAL_", "PAYPAL_X"],
        "total_fee": [1, 99, 100, 101, 150, MAX_FEE, MAX_FEE + 1, 0, -100, 100.0, "100"],
        "refund_fee": [1, 100, 99_999, 100_000, 100_001, MAX_FEE + 1, 0, 1.0, "1"],
        "currency": [*sorted(CURRENCIES), "usd", "CNY", "US", "USDX", "JPY "],
        "bill_no": [
            "A" * 7,
            "A" * 8,
            "a1" * 16,
            "A" * 33,
            "abc-defgh",
            "１２３４５６７８",
            "fuzzpaid0000",
        ],
        "title": ["水" * 16, "水" * 16 + "a", "a" * 32, "a" * 33, "€" * 16, "𠀀" * 8],
        "return_url": [
            "http://[::1/x",
            "https://[x]/",
            "http://[::1]:8080/r",
            "http://a\uff03b/",
            "http://\u2100/x",
            "http://shop.example:99999/",
            "http://shop.example:x/",
            "http://shop.example:/",
            "http://",
            "//shop.example/x",
            "https://shop.example.com/paid#frag",
            "HTTPS://SHOP.EXAMPLE.COM/",
            "https://user:pw@shop.example.com/",
            "https://shop.example.com/" + "a" * 2030,
            "https://shop.example.com/%zz",
        ],
        "refund_no": [
            today + "00",
            today + "000",
            today + "001",
            today + "9" * 24,
            today + "9" * 25,
            "20150610001",
            today[:7] + "001",
            today + "00-1",
        ],
        "card_number": [
            "4" * 11,
            "4" * 12,
            "4" * 19,
            "4" * 20,
            "4111 1111 1111 1111",
            "4111111111111112",
        ],
        "expire_month": [0, 1, 12, 13, -1, "12", 12.0],
        "expire_year": [999, 1000, 2000, 9999, 10_000, "2099"],
        "cvv": ["12", "123", "0123", "12345", 123, "１２３"],
        "first_name": ["", " ", "\u3000", "a" * 64, "a" * 65],
        "card_type": ["visa", "VISA", "jcb", "amex ", "discover"],
        "limit": [9, 10, 50, 51, 0, -1, 10.0, "10"],
        "skip": [0, -1, 2**63, 2**70, "0", 0.0],
        "start_time": [10**12 - 1, 10**12, 10**13 - 1, 10**13, 1435890530, -1],
        "end_time": [10**12 - 1, 10**12, 10**13 - 1, 10**13, 1435890530, -1],
    }


FIELD_EDGES = field_edges(china_today())


def mutated_value(rng: random.Random, value: Any, key: str = "") -> Any:
    roll = rng.random()
    if key in FIELD_EDGES and rng.random() < 0.4:
        return rng.choice(FIELD_EDGES[key])
    if roll < 0.35:
        return near_value(rng, value)
    if roll < 0.5:
        return rng.choice(EDGE_TEXT)
    if roll < 0.6:
        return rng.choice(EDGE_INTS)
    if roll < 0.65:
        return rng.choice(EDGE_FLOATS)
    if roll < 0.75:
        return None
    return random_json(rng)


# -- answers ------------------------------------------------------------------------


@dataclass
class Tally:
    """Counts what was sent and answered; collects every broken answer."""

    sent: int = 0
    codes: Counter[Any] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    refusals_checked: int = 0  # refusals compared with the shared validator's verdict

    def fail(self, label: str, why: str) -> None:
        self.failures.append(f"{label[:300]}: {why}")

    def check(
        self,
        label: str,
        status: int,
        content_type: str,
        body: bytes,
        api: bool,
        refusals: frozenset[int] = TOO_LARGE,
    ) -> dict[str, Any] | None:
        """The API answer (when `api`), after checking the shape every answer has.

        On an API path the status is 200, or one of `refusals`: a request refused
        before it reaches the API (too large, or not valid HTTP) has the JSON shape
        {"error": NAME, "err_detail": text} of every non-API answer.
        """
        self.sent += 1
        self.statuses[status] += 1
        if status >= 500:
            self.fail(label, f"HTTP {status}: {body[:200]!r}")
            return None
        if not content_type.startswith("application/json"):
            self.fail(label, f"HTTP {status} with Content-Type {content_type!r}: {body[:200]!r}")
            return None
        try:
            answer = json.loads(body)
        except ValueError:
            self.fail(label, f"HTTP {status}, not JSON: {body[:200]!r}")
            return None
        if not isinstance(answer, dict):
            self.fail(label, f"HTTP {status}, JSON but not an object: {body[:200]!r}")
            return None
        if not api or status != 200:
            if api and status not in refusals:
                self.fail(label, f"an API path answered HTTP {status}: {answer}")
            elif not isinstance(answer.get("error"), str) or "err_detail" not in answer:
                self.fail(label, f"HTTP {status} without error and err_detail: {answer}")
            self.codes[f"HTTP {status}"] += 1
            return None
        code = answer.get("result_code")
        if type(code) is not int or code not in KNOWN_CODES:
            self.fail(label, f"result_code is not a known integer: {answer}")
            return None
        self.codes[code] += 1
        detail = answer.get("err_detail")
        if answer.get("result_msg") != ResultCode(code).name or not isinstance(detail, str):
            self.fail(label, f"result_msg or err_detail is wrong: {answer}")
        elif code == ResultCode.RUNTIME_ERROR:
            self.fail(label, f"14 RUNTIME_ERROR, an unexpected exception: {answer}")
        elif code != 0 and not detail.strip():
            self.fail(label, f"a refusal without err_detail: {answer}")
        return answer

    def check_response(
        self,
        label: str,
        response: requests.Response,
        api: bool,
        refusals: frozenset[int] = TOO_LARGE,
    ) -> Any:
        content_type = response.headers.get("Content-Type", "")
        status, content = response.status_code, response.content
        return self.check(label, status, content_type, content, api, refusals)

    def report(self, name: str, expected: int) -> None:
        print(f"\n{name}: {self.sent} cases (seed {SEED}); statuses {dict(self.statuses)}")
        print(f"{name}: answers {dict(self.codes)}; {self.refusals_checked} refusals checked")
        assert self.sent == expected
        assert not self.failures, f"{len(self.failures)} broken answers:\n" + "\n".join(
            self.failures[:20]
        )


def expect_validator(
    tally: Tally, label: str, answer: Mapping[str, Any] | None, problems: list[Problem]
) -> None:
    """A signed request: the validator's verdict is the answer's (when it refuses)."""
    if answer is None:
        return
    code = answer["result_code"]
    if problems:
        wanted = answer_code(problems)
        named = [p.field for p in problems if p.field not in answer["err_detail"]]
        if code != wanted or named:
            tally.fail(label, f"expected {int(wanted)} naming {problems}, got {answer}")
        tally.refusals_checked += 1
    elif code in (ResultCode.APP_INVALID, ResultCode.MISS_PARAM):
        tally.fail(label, f"a valid signed request was refused: {answer}")


class RawClient(http.client.HTTPConnection):
    """http.client sends the target as given; latin-1 lets raw bytes 0x80-0xff through."""

    def _encode_request(self, request: str) -> bytes:
        return request.encode("latin-1")


def raw_get(conn: RawClient, target: str) -> tuple[int, str, bytes]:
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    except (http.client.HTTPException, OSError):
        conn.close()  # the next request opens a fresh connection
        raise


# -- fixtures -------------------------------------------------------------------------


@dataclass
class World:
    """What the fuzzer may name: real bills, a saved card, and what was acknowledged."""

    sandbox: SandboxServer
    paid: list[str]
    card_id: str
    bills: dict[str, tuple[str, int, str, str]] = field(default_factory=dict)
    refunds: dict[str, tuple[str, int]] = field(default_factory=dict)


@pytest.fixture
def world(sandbox: SandboxServer) -> World:
    paid = [paid_bill(sandbox, f"fuzzpaid{n:04d}", total_fee=100_000) for n in range(30)]
    answer = pay(sandbox, "PAYPAL_CREDITCARD", bill_no="fuzzcard0001")
    assert answer["result_code"] == 0
    world = World(sandbox, paid, answer["credit_card_id"])
    for bill_no in [*paid, "fuzzcard0001"]:
        world.bills[bill_no] = (
            "PAYPAL_CREDITCARD",
            100_000 if bill_no in paid else 1234,
            "USD",
            "白开水",
        )
    return world


@pytest.fixture
def no_error_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.WARNING)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, [f"{r.name}: {r.getMessage()}" for r in errors[:5]]


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as made:
        yield made


# -- POST bodies ----------------------------------------------------------------------


def fresh_bill_no(rng: random.Random) -> str:
    return "fz" + "".join(rng.choice(ALPHANUM) for _ in range(rng.randint(6, 30)))


def fresh_refund_no(rng: random.Random) -> str:
    return china_today() + "Z" + "".join(rng.choice(ALPHANUM) for _ in range(rng.randint(2, 23)))


def valid_post(rng: random.Random, world: World) -> tuple[str, dict[str, Any]]:
    """A valid unsigned body and the path it goes to."""
    kind = rng.choice(["PAYPAL_PAYPAL", "PAYPAL_CREDITCARD", "PAYPAL_SAVED_CREDITCARD", "refund"])
    if kind == "refund":
        body: dict[str, Any] = {
            "refund_no": fresh_refund_no(rng),
            "bill_no": rng.choice(world.paid),
            "refund_fee": rng.randint(1, 100_000),
        }
        if rng.random() < 0.3:
            body["channel"] = rng.choice(["PAYPAL", "PAYPAL_CREDITCARD"])
        return rng.choice(REFUND_POSTS), body
    currency = rng.choice(sorted(CURRENCIES))
    extra: dict[str, Any] = {
        "bill_no": fresh_bill_no(rng),
        "currency": currency,
        "total_fee": rng.randint(1, 10**6) * 100,
    }
    if kind == "PAYPAL_SAVED_CREDITCARD":
        extra["credit_card_id"] = world.card_id
    if rng.random() < 0.2:
        extra["optional"] = {random_text(rng, 8): random_json(rng)}
    return rng.choice(BILL_POSTS), bill_body(kind, **extra)


def mutate_body(rng: random.Random, body: dict[str, Any]) -> dict[str, Any]:
    """One field (sometimes two, sometimes a card's field) changed, dropped or added."""
    changed = json.loads(json.dumps(body))
    for _ in range(1 if rng.random() < 0.85 else 2):
        target = changed
        card = changed.get("credit_card_info")
        if isinstance(card, dict) and rng.random() < 0.4:
            target = card
        roll = rng.random()
        if roll < 0.12 and target:
            del target[rng.choice(sorted(target))]
        elif roll < 0.2:
            target[random_text(rng, 12)] = random_json(rng)
        elif roll < 0.27:
            target["channel"] = rng.choice([*PAY_CHANNELS, *QUERY_CHANNELS])
        elif roll < 0.35:
            key = rng.choice(sorted(FIELD_EDGES))
            target[key] = rng.choice(FIELD_EDGES[key])
        elif target:
            key = rng.choice(sorted(target))
            target[key] = mutated_value(rng, target[key], key)
    return changed


def break_signature(rng: random.Random, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A signed body with its signing fields tampered; whether the signature still holds."""
    changed = dict(body)
    roll = rng.randrange(8)
    if roll == 2:
        changed["app_sign"] = changed["app_sign"].upper()  # still valid: case-insensitive
        return changed, True
    if roll == 0:
        del changed[rng.choice(SIGNING)]
    elif roll == 1:
        changed[rng.choice(SIGNING)] = None
    elif roll == 3:
        changed["timestamp"] = rng.choice([str(changed["timestamp"]), float(changed["timestamp"])])
    elif roll == 4:
        changed["timestamp"] += rng.choice([-1, 1]) * rng.choice([301_000, 10**9, 10**20])
    elif roll == 5:
        changed["app_id"] = mutated_value(rng, changed["app_id"])
    elif roll == 6:
        changed["app_sign"] = rng.choice(["", "0" * 32, "é" * 32, changed["app_sign"][:-1]])
    else:
        changed[rng.choice(SIGNING)] = random_json(rng)
    # a mutation may leave the field as it was ("test-app".lower()): then it still holds
    same = all(
        type(changed.get(key)) is type(body[key]) and changed.get(key) == body[key]
        for key in SIGNING
    )
    return changed, same


def junk_body(rng: random.Random, world: World) -> bytes:
    """Bytes that are not a readable JSON object, or one at the edges of the decoder."""
    valid = json.dumps(signed(valid_post(rng, world)[1])).encode()
    choices: list[Callable[[], bytes]] = [
        lambda: random_bytes(rng),
        lambda: json.dumps(random_json(rng)).encode(),
        lambda: valid[: rng.randint(0, len(valid) - 1)],
        lambda: valid + rng.choice([b"x", b"{}", b",", b"\x00"]),
        lambda: b"\xef\xbb\xbf" + valid,
        lambda: valid.decode().encode(rng.choice(["utf-16", "utf-32", "utf-16-be"])),
        lambda: valid.replace(b'"title"', b'"title": 1, "title"', 1),
        lambda: valid.replace(b'"total_fee": ', b'"total_fee": NaN, "x": ', 1),
        lambda: valid.replace(b"}", b', "x": Infinity}', 1),
        lambda: valid.replace(b"}", b', "x": "\\ud800"}', 1),
        lambda: valid.replace(b"}", b', "x": "\\udc80\\ud800"}', 1),
        lambda: valid.replace(b"}", b', "x": 1' + b"0" * 5000 + b"}", 1),
        lambda: valid.replace(b"}", b', "x": "\xff\xfe"}', 1),
        lambda: valid.replace(b"}", b', "x": "\xc0\x80"}', 1),
        lambda: valid.replace(b"}", b', /* comment */ "x": 1}', 1),
        lambda: b"[" * (n := rng.randint(100, 200_000)) + b"]" * n,
        lambda: b'{"a":' * (n := rng.randint(100, 100_000)) + b"1" + b"}" * n,
        lambda: valid.replace(b"}", b', "x": "' + b"a" * rng.randint(10**4, 9 * 10**5) + b'"}', 1),
        lambda: b" " * rng.randint(0, 1000),
    ]
    return rng.choice(choices)()


JSON = "application/json"
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-16",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "application/octet-stream",
    "",
    "\x7f/\x7f",
    "application/json; charset=" + "x" * 200,
]


def refusals_for(headers: Mapping[str, str]) -> frozenset[int]:
    """A Host header we made up is not the sandbox's (421), or not valid HTTP; a write
    not labelled JSON is refused (415), a control character in its label is not HTTP."""
    content_type = headers.get("Content-Type", "")
    refusals = TOO_LARGE
    if "Host" in headers:
        refusals |= NOT_HTTP | {421}
    if not content_type.isprintable():
        refusals |= NOT_HTTP
    if content_type.split(";")[0].strip().lower() != "application/json":
        refusals |= {415}
    return refusals


def test_thousands_of_post_bodies_get_json_answers(
    world: World, session: requests.Session, no_error_logs: None
) -> None:
    rng = random.Random(SEED)
    tally = Tally()
    sandbox = world.sandbox
    started = time.monotonic()
    for case in range(POST_CASES):
        roll = rng.random()
        headers = {"Content-Type": rng.choice(CONTENT_TYPES) if rng.random() < 0.3 else JSON}
        if roll < 0.2:
            path = rng.choice(POSTS)
            raw = junk_body(rng, world)
            label = f"#{case} POST {path} junk {raw[:120]!r}"
            response = session.post(
                sandbox.base_url + path, data=raw, headers=headers, timeout=TIMEOUT_S
            )
            answer = tally.check_response(label, response, True, refusals_for(headers))
            if answer is not None and answer["result_code"] == 0:
                # some junk is valid after all (an extra field, a long string): keep count
                try:
                    remember(world, path, json.loads(raw.decode("utf-8")))
                except ValueError:
                    tally.fail(label, f"acknowledged a body that is not JSON: {answer}")
            continue
        path, body = valid_post(rng, world)
        if roll < 0.75:
            body = mutate_body(rng, body)
        if rng.random() < 0.05:
            path = rng.choice(POSTS)  # a bill to the refund endpoint, or the other way
        sent = signed(body)
        signature_holds = True
        if rng.random() < 0.1:
            sent, signature_holds = break_signature(rng, sent)
        if rng.random() < 0.03:
            headers["Host"] = rng.choice(["", "évil", "a b", "[::1", "x:y:z", "-", "a" * 300])
        raw = json.dumps(sent, ensure_ascii=rng.random() < 0.5).encode()
        label = f"#{case} POST {path} {raw[:200]!r}"
        response = session.post(
            sandbox.base_url + path, data=raw, headers=headers, timeout=TIMEOUT_S
        )
        answer = tally.check_response(label, response, api=True, refusals=refusals_for(headers))
        if answer is None:
            continue
        if not signature_holds:
            if answer["result_code"] not in (ResultCode.APP_INVALID, ResultCode.MISS_PARAM):
                tally.fail(label, f"a broken signature was not refused with 1 or 4: {answer}")
            continue
        now = datetime.now(UTC)
        refunding = path in REFUND_POSTS
        problems = validate_refund(body, now) if refunding else validate_bill(body, now)
        expect_validator(tally, label, answer, problems)
        if answer["result_code"] == 0:
            remember(world, path, body)
    print(f"POST fuzz took {time.monotonic() - started:.1f} s")
    tally.report("POST fuzz", POST_CASES)
    assert tally.codes[0] > 300, "too few valid cases: the generator no longer reaches the store"
    assert tally.refusals_checked > 700, "too few near-valid cases"
    assert_store_holds_exactly(world)


def remember(world: World, path: str, body: Mapping[str, Any]) -> None:
    if path in REFUND_POSTS:
        assert body["refund_no"] not in world.refunds
        world.refunds[body["refund_no"]] = (body["bill_no"], body["refund_fee"])
    else:
        assert body["bill_no"] not in world.bills
        values = (body["channel"], body["total_fee"], body["currency"], body["title"])
        world.bills[body["bill_no"]] = values


def assert_store_holds_exactly(world: World) -> None:
    """Every acknowledged bill and refund, as sent; nothing that was refused."""
    with sqlite3.connect(world.sandbox.db_path) as db:
        bills = db.execute(
            "SELECT bill_no, channel, total_fee, currency, title FROM bills WHERE app_id = ?",
            (APP_ID,),
        ).fetchall()
        refunds = db.execute(
            "SELECT refund_no, bill_no, refund_fee FROM refunds WHERE app_id = ?", (APP_ID,)
        ).fetchall()
    db.close()
    assert {row[0]: tuple(row[1:]) for row in bills} == world.bills
    assert len(bills) == len(world.bills)
    assert {row[0]: tuple(row[1:]) for row in refunds} == world.refunds
    assert len(refunds) == len(world.refunds)
    assert len({row[1] for row in refunds}) == len(refunds), "a bill was refunded twice"


def test_a_return_url_urlsplit_cannot_read_is_5_not_14(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    """Regression (found by this fuzzer): the validator raised ValueError, answered 14."""
    for bill_no, url in [("urlbad01", "http://[::1/x"), ("urlbad02", "http://a\uff03b/")]:
        body = signed(bill_body(bill_no=bill_no, return_url=url))
        answer = session.post(sandbox.base_url + BILL, json=body, timeout=TIMEOUT_S).json()
        assert (answer["result_code"], answer["err_detail"]) == (
            5,
            "return_url: return_url is not a valid address.",
        )


# -- GET para --------------------------------------------------------------------------


def valid_query(rng: random.Random, world: World, refunds: bool) -> dict[str, Any]:
    now = int(time.time() * 1000)
    candidates: dict[str, Any] = {
        "channel": rng.choice(QUERY_CHANNELS),
        "bill_no": rng.choice(world.paid),
        "start_time": now - rng.randint(0, 10**9),
        "end_time": now + rng.randint(0, 10**6),
        "skip": rng.choice([0, 1, 5, 10**6, 2**70]),
        "limit": rng.randint(10, 50),
    }
    if refunds:
        candidates["refund_no"] = rng.choice(sorted(world.refunds) or ["20150610001"])
    return {key: value for key, value in candidates.items() if rng.random() < 0.3}


def percent_junk(rng: random.Random) -> str:
    """Percent-encoded random bytes, with stray `%`, `+`, `&` and `;` between."""
    parts = []
    for _ in range(rng.randint(0, 60)):
        roll = rng.random()
        if roll < 0.6:
            parts.append(f"%{rng.getrandbits(8):02X}")
        elif roll < 0.7:
            parts.append(rng.choice(["%", "%Z", "%%", "+", "&", ";", "=", "%u00e9"]))
        else:
            parts.append(rng.choice(ALPHANUM))
    return "".join(parts)


def encode_para(rng: random.Random, text: str) -> str:
    return (quote_plus if rng.random() < 0.5 else quote)(text, safe="")


def junk_query_string(rng: random.Random, world: World, path: str) -> str:
    refunds = path in REFUND_GETS
    para = json.dumps(signed(valid_query(rng, world, refunds)))
    choices: list[Callable[[], str]] = [
        lambda: "para=" + encode_para(rng, random_text(rng, 60)),
        lambda: "para=" + percent_junk(rng),
        lambda: percent_junk(rng),
        lambda: "para=" + encode_para(rng, json.dumps(random_json(rng))),
        lambda: "para=" + encode_para(rng, json.dumps([signed({})])),
        lambda: "para=" + encode_para(rng, para[: rng.randint(0, len(para))]),
        lambda: "para=" + encode_para(rng, para) + "&para=" + encode_para(rng, para),
        lambda: (
            rng.choice(["PARA", "para[]", "para%20", "p%61ra", "%70ara"])
            + "="
            + encode_para(rng, para)
        ),
        lambda: "x=1&para=" + encode_para(rng, para) + "&" + percent_junk(rng),
        lambda: "para=" + encode_para(rng, para).replace("%2C", ",", rng.randint(0, 3)),
        lambda: "para=" + para.replace(" ", ""),  # not encoded at all
        lambda: "para=" + encode_para(rng, "[" * (n := rng.randint(10, 20_000)) + "]" * n),
        lambda: "para=" + "".join(f"%{b:02x}" for b in random_bytes(rng, 100)),
        lambda: "para=" + "".join(chr(b) for b in random_bytes(rng, 40) if b > 0x20 and b != 0x7F),
        lambda: "",
        lambda: "para",
        lambda: "para=",
        lambda: "para=%7B%7D" + "&" * rng.randint(1, 1000),
    ]
    return rng.choice(choices)()


def test_thousands_of_para_values_get_json_answers(world: World, no_error_logs: None) -> None:
    # some refunds for the refund_no filters to find
    for index, bill_no in enumerate(world.paid[:5]):
        refund_no = f"{china_today()}FZ{index:03d}"
        body = {"refund_no": refund_no, "bill_no": bill_no, "refund_fee": 500}
        assert (
            requests.post(
                world.sandbox.base_url + REFUND, json=signed(body), timeout=TIMEOUT_S
            ).json()["result_code"]
            == 0
        )
        world.refunds[refund_no] = (bill_no, 500)
    rng = random.Random(SEED + 1)
    tally = Tally()
    conn = RawClient("127.0.0.1", world.sandbox.port, timeout=TIMEOUT_S)
    started = time.monotonic()
    try:
        for case in range(GET_CASES):
            path = rng.choice(GETS)
            refunds = path in REFUND_GETS
            signature_holds = True
            para: dict[str, Any] | None = None
            if rng.random() < 0.3:
                query_string = junk_query_string(rng, world, path)
            else:
                para = valid_query(rng, world, refunds)
                if rng.random() < 0.75:
                    para = mutate_body(rng, para)
                sent = signed(para)
                if rng.random() < 0.1:
                    sent, signature_holds = break_signature(rng, sent)
                text = json.dumps(sent, ensure_ascii=rng.random() < 0.5)
                query_string = "para=" + encode_para(rng, text)
            target = f"{path}?{query_string}" if query_string or rng.random() < 0.5 else path
            label = f"#{case} GET {target[:300]}"
            status, content_type, raw = raw_get(conn, target)
            refusals = NOT_HTTP if not target.isascii() else TOO_LARGE
            answer = tally.check(label, status, content_type, raw, api=True, refusals=refusals)
            if answer is None or para is None:
                continue
            if not signature_holds:
                if answer["result_code"] not in (ResultCode.APP_INVALID, ResultCode.MISS_PARAM):
                    tally.fail(label, f"a broken signature was not refused with 1 or 4: {answer}")
                continue
            if path in COUNTS:
                para = {k: v for k, v in para.items() if k not in ("skip", "limit")}
            problems = (validate_refund_query if refunds else validate_bill_query)(para)
            expect_validator(tally, label, answer, problems)
            check_records(tally, label, path, answer)
    finally:
        conn.close()
    print(f"GET fuzz took {time.monotonic() - started:.1f} s")
    tally.report("GET fuzz", GET_CASES)
    assert tally.codes[0] > 300, "too few valid queries: the generator no longer reaches the store"
    assert tally.refusals_checked > 300, "too few near-valid queries"


def check_records(tally: Tally, label: str, path: str, answer: Mapping[str, Any]) -> None:
    """A successful query: count is an integer, and each record's amounts are too."""
    if answer["result_code"] != 0:
        return
    count = answer.get("count")
    if type(count) is not int or count < 0:
        tally.fail(label, f"count is not a whole number: {answer}")
        return
    if path in COUNTS:
        return
    records = answer.get("refunds" if path in REFUND_GETS else "bills")
    if not isinstance(records, list) or len(records) != count:
        tally.fail(label, f"count does not match the records: {answer}")
        return
    for record in records:
        fees = [
            record.get("total_fee"),
            *([record.get("refund_fee")] if "refund_no" in record else []),
        ]
        if not all(type(fee) is int and fee > 0 for fee in fees):
            tally.fail(label, f"an amount that is not a positive integer: {record}")


# -- other paths and methods ----------------------------------------------------------

METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO"]


def random_path(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice([*POSTS, *GETS]) + rng.choice(["/", "x", "/x", "%00", "//", "/.."])
    if roll < 0.5:
        return "/paypal/approve/" + rng.choice(
            [
                "",
                "EC-" + "".join(rng.choices(ALPHANUM, k=17)),
                quote(random_text(rng)[:40], safe=""),
            ]
        )
    if roll < 0.6:
        return RETURN_PATH + rng.choice(["/", "x", "/x"])
    segments = [quote(random_text(rng, 12)[:40], safe="") or "x" for _ in range(rng.randint(0, 4))]
    return "/" + "/".join(segments)


def test_random_paths_and_methods_get_json_answers(
    world: World, session: requests.Session, no_error_logs: None
) -> None:
    rng = random.Random(SEED + 2)
    tally = Tally()
    for case in range(OTHER_CASES):
        roll = rng.random()
        if roll < 0.4:
            method, path = rng.choice(METHODS), rng.choice([*POSTS, *GETS])
        else:
            method, path = rng.choice(METHODS), random_path(rng)
        data = random_bytes(rng, 100) if rng.random() < 0.5 else None
        response = session.request(
            method,
            world.sandbox.base_url + path,
            data=data,
            headers={"Content-Type": JSON},
            timeout=TIMEOUT_S,
            allow_redirects=False,
        )
        routed = (method == "POST" and path in POSTS) or (method == "GET" and path in GETS)
        label = f"#{case} {method} {path}"
        tally.check_response(label, response, api=routed)
        if not routed and response.status_code not in (404, 405):
            tally.fail(label, f"expected 404 or 405, got {response.status_code}")
    tally.report("paths and methods", OTHER_CASES)


def test_an_oversized_body_is_413_on_every_post_path(
    sandbox: SandboxServer, session: requests.Session
) -> None:
    tally = Tally()
    for path in POSTS:
        raw = b'{"x": "' + b"a" * MAX_BODY_BYTES + b'"}'
        response = session.post(sandbox.base_url + path, data=raw, timeout=TIMEOUT_S)
        assert response.status_code == 413
        tally.check_response(f"POST {path} of {len(raw)} bytes", response, api=True)
    tally.report("oversized", len(POSTS))
