"""Fault injection in the sandbox: each fault does what it says, raw HTTP over loopback.

The store is the truth of whether the work was done: a refund record or a bill
exists, or not.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from console.cli import build_parser
from console.sandbox import SandboxServer
from console.sandbox.faults import ENDPOINT_PATHS, KINDS, Fault, FaultPlan, parse_fault
from console.sandbox.store import RecordFilter
from tests.cli_support import running
from tests.sandbox_support import (
    APP_ID,
    APP_SECRET,
    APPS,
    BILL,
    BILLS,
    REFUND,
    REFUNDS,
    TIMEOUT_S,
    bill_body,
    paid_bill,
    post_raw,
    query,
    refund,
    refund_no,
    signed,
)

DONE = {
    "latency": True,
    "drop-before": False,
    "drop-after": True,
    "html-500": False,
    "bad-json": True,
    "empty-200": True,
    "busy-429": False,
    "down-503": False,
    "gateway-502": False,
    "gateway-504": True,
    "denied-401": False,
    "denied-403": False,
    "missing-404": False,
}
STATUS = {"html-500": 500, **{kind: int(kind[-3:]) for kind in DONE if kind[-3:].isdigit()}}


def refund_request(bill_no: str, serial: str = "001") -> dict[str, Any]:
    return signed({"refund_no": refund_no(serial), "bill_no": bill_no, "refund_fee": 100})


def refunds_of(sandbox: SandboxServer, bill_no: str) -> int:
    assert sandbox.store is not None
    return sandbox.store.count_refunds(APP_ID, RecordFilter(bill_no=bill_no))


def bill_exists(sandbox: SandboxServer, bill_no: str) -> bool:
    assert sandbox.store is not None
    return sandbox.store.find_bill(APP_ID, bill_no) is not None


def raw_exchange(sandbox: SandboxServer, path: str, body: dict[str, Any]) -> bytes:
    """POST over a bare socket; every byte the server sent before it closed."""
    payload = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{sandbox.port}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    received = b""
    with socket.create_connection(("127.0.0.1", sandbox.port), timeout=TIMEOUT_S) as conn:
        conn.sendall(head + payload)
        while chunk := conn.recv(65536):
            received += chunk
    return received


# -- the kinds, on a refund -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["drop-before", "drop-after"])
def test_a_drop_closes_the_connection_without_a_single_byte(
    sandbox: SandboxServer, kind: str
) -> None:
    bill_no = paid_bill(sandbox)
    sandbox.faults.set("refund", Fault(kind))
    assert raw_exchange(sandbox, REFUND, refund_request(bill_no)) == b""
    assert refunds_of(sandbox, bill_no) == (1 if kind == "drop-after" else 0)


@pytest.mark.parametrize("kind", ["drop-before", "drop-after"])
def test_a_client_sees_a_dropped_connection_not_an_error_page(
    sandbox: SandboxServer, kind: str
) -> None:
    bill_no = paid_bill(sandbox)
    sandbox.faults.set("refund", Fault(kind))
    with pytest.raises(requests.ConnectionError):
        post_raw(sandbox, REFUND, json=refund_request(bill_no))
    assert refunds_of(sandbox, bill_no) == int(DONE[kind])


def test_html_500_is_an_html_error_page_and_the_refund_is_not_made(
    sandbox: SandboxServer,
) -> None:
    bill_no = paid_bill(sandbox)
    sandbox.faults.set("refund", Fault("html-500"))
    response = post_raw(sandbox, REFUND, json=refund_request(bill_no))
    assert response.status_code == 500
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.text.startswith("<!DOCTYPE html>") and "fault injection" in response.text
    assert refunds_of(sandbox, bill_no) == 0


def test_bad_json_answers_200_with_broken_json_after_the_refund_is_made(
    sandbox: SandboxServer,
) -> None:
    bill_no = paid_bill(sandbox)
    sandbox.faults.set("refund", Fault("bad-json"))
    response = post_raw(sandbox, REFUND, json=refund_request(bill_no))
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.content
    with pytest.raises(ValueError):
        json.loads(response.content)
    assert refunds_of(sandbox, bill_no) == 1


def test_empty_200_answers_nothing_after_the_refund_is_made(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox)
    sandbox.faults.set("refund", Fault("empty-200"))
    response = post_raw(sandbox, REFUND, json=refund_request(bill_no))
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["Content-Length"] == "0"
    assert refunds_of(sandbox, bill_no) == 1


def test_latency_delays_then_does_the_work_and_answers_normally(sandbox: SandboxServer) -> None:
    bill_no = paid_bill(sandbox)
    sandbox.faults.set("refund", Fault("latency", 300))
    started = time.monotonic()
    answer = refund(sandbox, bill_no, 100)
    assert time.monotonic() - started >= 0.3
    assert answer["result_code"] == 0
    assert refunds_of(sandbox, bill_no) == 1


def test_latency_holds_only_its_own_request(sandbox: SandboxServer) -> None:
    """Other endpoints, and other requests of the same endpoint, are served meanwhile."""
    first, second = paid_bill(sandbox, "paid0001"), paid_bill(sandbox, "paid0002")
    sandbox.faults.set("refund", Fault("latency", 1500, count=1))
    held: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: held.update(refund(sandbox, first, 100, "001")))
    thread.start()
    try:
        assert sandbox.faults.wait_for_hits("refund", 1, TIMEOUT_S)  # it is being held now
        started = time.monotonic()
        assert query(sandbox, BILLS)["result_code"] == 0
        assert refund(sandbox, second, 100, "002")["result_code"] == 0
        assert time.monotonic() - started < 1.0
        assert thread.is_alive() and not held
    finally:
        thread.join(TIMEOUT_S)
    assert held["result_code"] == 0
    assert refunds_of(sandbox, first) == 1 and refunds_of(sandbox, second) == 1


def test_stop_ends_a_latency_wait_at_once_and_the_work_is_not_done(tmp_path: Path) -> None:
    server = SandboxServer(tmp_path / "db.sqlite3", APPS).start()
    bill_no = paid_bill(server)
    server.faults.set("refund", Fault("latency", 60_000))
    outcome: list[BaseException] = []

    def send() -> None:
        try:
            post_raw(server, REFUND, json=refund_request(bill_no))
        except requests.RequestException as error:
            outcome.append(error)

    thread = threading.Thread(target=send)
    thread.start()
    assert server.faults.wait_for_hits("refund", 1, TIMEOUT_S)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 3.0
    thread.join(TIMEOUT_S)
    assert outcome and isinstance(outcome[0], requests.ConnectionError)
    server.start()
    try:
        assert refunds_of(server, bill_no) == 0
    finally:
        server.stop()


# -- the kinds, on a payment ------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_on_pay_does_the_work_or_not_as_documented(
    sandbox: SandboxServer, kind: str
) -> None:
    sandbox.faults.set("pay", Fault(kind, 50 if kind == "latency" else 0))
    body = signed(bill_body("PAYPAL_CREDITCARD", bill_no="fault0001"))
    try:
        response = post_raw(sandbox, BILL, json=body)
    except requests.ConnectionError:
        assert kind.startswith("drop-")
    else:
        assert not kind.startswith("drop-")
        assert response.status_code == STATUS.get(kind, 200)
        assert "Retry-After" not in response.headers
    assert bill_exists(sandbox, "fault0001") is DONE[kind]
    assert Fault(kind, 50 if kind == "latency" else 0).does_the_work is DONE[kind]


@pytest.mark.parametrize("kind", ["busy-429", "down-503"])
def test_a_busy_server_says_how_long_to_wait_when_told(sandbox: SandboxServer, kind: str) -> None:
    sandbox.faults.set("bills", Fault(kind, 90, count=1))
    answer = requests.get(sandbox.base_url + BILLS, timeout=TIMEOUT_S)
    assert (answer.status_code, answer.headers["Retry-After"]) == (int(kind[-3:]), "90")
    assert sandbox.faults.get("bills") is None


# -- which requests a fault meets ------------------------------------------------------


def test_a_fault_meets_only_its_endpoint(sandbox: SandboxServer) -> None:
    sandbox.faults.set("refund", Fault("html-500"))
    assert query(sandbox, BILLS)["result_code"] == 0
    assert query(sandbox, REFUNDS)["result_code"] == 0
    assert sandbox.faults.hits("refund") == 0


@pytest.mark.parametrize(
    ("endpoint", "method", "path"),
    [
        ("pay", "POST", "/2/rest/international/bill"),
        ("refund", "POST", "/2/rest/refund"),
        ("bills", "GET", "/2/rest/bills"),
        ("bills", "GET", "/2/rest/bills/count"),
        ("refunds", "GET", "/1/rest/refunds"),
        ("refunds", "GET", "/2/rest/refunds"),
        ("refunds", "GET", "/2/rest/refunds/count"),
    ],
)
def test_an_endpoint_covers_its_v1_and_v2_paths(
    sandbox: SandboxServer, endpoint: str, method: str, path: str
) -> None:
    assert path in ENDPOINT_PATHS[endpoint]
    sandbox.faults.set(endpoint, Fault("html-500"))
    if method == "POST":
        body = signed(bill_body(bill_no="fault0002"))
        response = requests.post(sandbox.base_url + path, json=body, timeout=TIMEOUT_S)
    else:
        para = json.dumps(signed({}))
        response = requests.get(sandbox.base_url + path, params={"para": para}, timeout=TIMEOUT_S)
    assert response.status_code == 500
    assert sandbox.faults.hits(endpoint) == 1


@pytest.mark.parametrize(("kind", "path"), [("bills", BILLS), ("refunds", REFUNDS)])
def test_a_count_endpoint_is_faulted_alone_and_before_its_lists_fault(
    sandbox: SandboxServer, kind: str, path: str
) -> None:
    """`bills-count` meets the count's path only; set, it is taken there before the
    `bills` fault, which otherwise meets the counts too."""
    count_path = f"/2/rest/{kind}/count"
    assert ENDPOINT_PATHS[f"{kind}-count"] == (count_path,)
    para = {"para": json.dumps(signed({}))}

    def status(of: str) -> int:
        return requests.get(sandbox.base_url + of, params=para, timeout=TIMEOUT_S).status_code

    sandbox.faults.set(f"{kind}-count", Fault("busy-429", 2, count=2))
    assert (status(path), status(count_path)) == (200, 429)
    sandbox.faults.set(kind, Fault("html-500"))
    assert (status(count_path), status(path), status(count_path)) == (429, 500, 500)
    assert (sandbox.faults.hits(f"{kind}-count"), sandbox.faults.hits(kind)) == (2, 2)


def test_a_count_limits_the_fault_to_the_next_n_requests(sandbox: SandboxServer) -> None:
    sandbox.faults.set("bills", Fault("html-500", count=2))
    para = {"para": json.dumps(signed({}))}
    statuses = [
        requests.get(sandbox.base_url + BILLS, params=para, timeout=TIMEOUT_S).status_code
        for _ in range(3)
    ]
    assert statuses == [500, 500, 200]
    assert sandbox.faults.get("bills") is None and not sandbox.faults


def test_clear_one_endpoint_or_all(sandbox: SandboxServer) -> None:
    sandbox.faults.set("bills", Fault("html-500"))
    sandbox.faults.set("refunds", Fault("html-500"))
    sandbox.faults.clear("bills")
    assert query(sandbox, BILLS)["result_code"] == 0
    assert sandbox.faults.get("refunds") == Fault("html-500")
    sandbox.faults.clear()
    assert query(sandbox, REFUNDS)["result_code"] == 0
    assert not sandbox.faults


def test_faults_given_at_construction(tmp_path: Path) -> None:
    plan = FaultPlan({"bills": Fault("empty-200")})
    with SandboxServer(tmp_path / "db.sqlite3", APPS, faults=plan) as server:
        assert server.faults is plan
        response = requests.get(
            server.base_url + BILLS, params={"para": json.dumps(signed({}))}, timeout=TIMEOUT_S
        )
        assert response.status_code == 200 and response.content == b""


def test_a_fault_does_not_touch_the_approval_page_or_unknown_paths(
    sandbox: SandboxServer,
) -> None:
    for endpoint in ENDPOINT_PATHS:
        sandbox.faults.set(endpoint, Fault("html-500"))
    assert requests.get(sandbox.base_url + "/paypal/approve/EC-X", timeout=TIMEOUT_S).status_code
    assert requests.get(sandbox.base_url + "/nowhere", timeout=TIMEOUT_S).status_code == 404
    assert requests.get(sandbox.base_url + BILLS + "/", timeout=TIMEOUT_S).status_code == 404
    assert all(sandbox.faults.hits(endpoint) == 0 for endpoint in ENDPOINT_PATHS)


# -- faults as values and as command-line specs ------------------------------------------


@pytest.mark.parametrize(
    ("spec", "endpoint", "fault"),
    [
        ("refund=latency:2000", "refund", Fault("latency", 2000)),
        ("pay=drop-after", "pay", Fault("drop-after")),
        ("bills=html-500*2", "bills", Fault("html-500", count=2)),
        ("refunds=latency:5*1", "refunds", Fault("latency", 5, 1)),
        ("pay=bad-json", "pay", Fault("bad-json")),
        ("pay=empty-200", "pay", Fault("empty-200")),
        ("refund=drop-before", "refund", Fault("drop-before")),
        ("bills=busy-429:30", "bills", Fault("busy-429", 30)),
        ("pay=down-503", "pay", Fault("down-503")),
        ("refund=gateway-504*1", "refund", Fault("gateway-504", count=1)),
        ("bills-count=busy-429:2*3", "bills-count", Fault("busy-429", 2, 3)),
        ("refunds-count=down-503", "refunds-count", Fault("down-503")),
    ],
)
def test_specs_are_parsed(spec: str, endpoint: str, fault: Fault) -> None:
    assert parse_fault(spec) == (endpoint, fault)
    assert f"{endpoint}={fault.spec()}" == spec


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("refund", "is not ENDPOINT=KIND"),
        ("refund=latency", "latency needs milliseconds"),
        ("refund=latency:0", "latency needs milliseconds"),
        ("refund=latency:600001", "latency needs milliseconds"),
        ("pay=drop-after:100", "takes no milliseconds"),
        ("pay=denied-403:100", "takes no milliseconds"),
        ("pay=explode", "unknown fault 'explode'"),
        ("wallet=drop-after", "unknown endpoint 'wallet'"),
        ("bills-=drop-after", "is not ENDPOINT=KIND"),
        ("pay-count=drop-after", "unknown endpoint 'pay-count'"),
        ("pay=drop-after*0", "count is at least 1"),
        ("pay=drop-after*x", "is not ENDPOINT=KIND"),
        ("PAY=drop-after", "is not ENDPOINT=KIND"),
        ("pay=latency:\u0663", "is not ENDPOINT=KIND"),  # an Arabic-Indic 3: digits are 0-9
        ("pay=drop-after*\u0969", "is not ENDPOINT=KIND"),
    ],
)
def test_a_bad_spec_says_what_is_wrong(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_fault(spec)


def test_the_command_line_takes_repeated_faults() -> None:
    args = build_parser().parse_args(
        ["sandbox", "--fault", "refund=latency:2000", "--fault", "pay=drop-after"]
    )
    assert vars(args)["fault"] == {
        "refund": Fault("latency", 2000),
        "pay": Fault("drop-after"),
    }
    assert "fault" not in vars(build_parser().parse_args(["sandbox"]))


@pytest.mark.parametrize(
    ("faults", "message"),
    [
        (["refund=latency"], "latency needs milliseconds"),
        (["refund=sideways"], "unknown fault"),
        (["pay=drop-after", "pay=html-500"], "pay is given a fault twice"),
    ],
)
def test_a_bad_fault_option_is_a_clean_usage_error(
    faults: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["sandbox"]
    for spec in faults:
        argv += ["--fault", spec]
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(argv)
    assert exit_info.value.code == 2
    error = capsys.readouterr().err
    assert "usage:" in error and f"argument --fault: {message}" in error
    assert "Traceback" not in error


def test_the_standalone_sandbox_injects_faults_from_its_command_line(tmp_path: Path) -> None:
    args = ["sandbox", "--port", "0", "--db", str(tmp_path / "db.sqlite3")]
    args += ["--app-id", APP_ID, "--app-secret", APP_SECRET]
    args += ["--fault", "bills=html-500*1", "--fault", "refunds=empty-200"]
    with running(args, tmp_path) as (process, line):
        base_url = line.strip()
        para = {"para": json.dumps(signed({}))}
        first = requests.get(base_url + BILLS, params=para, timeout=TIMEOUT_S)
        second = requests.get(base_url + BILLS, params=para, timeout=TIMEOUT_S)
        refunds = requests.get(base_url + REFUNDS, params=para, timeout=TIMEOUT_S)
        process.terminate()
        assert process.wait(TIMEOUT_S) == 0
    assert first.status_code == 500 and "text/html" in first.headers["Content-Type"]
    assert second.status_code == 200  # once only
    assert refunds.status_code == 200 and refunds.content == b""
    assert "sandbox faults injected: bills=html-500*1, refunds=empty-200" in (
        (tmp_path / "stderr.log").read_text()
    )
