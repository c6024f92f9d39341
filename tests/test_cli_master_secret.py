"""`beecloud-console sandbox --master-secret SECRET`, run for real as a subprocess:
refunds then take the Master Secret, and the secret is never printed or logged."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest
import requests

from console.api.signing import signature_fields
from console.cli import _options, build_parser
from tests.cli_support import running
from tests.sandbox_support import APP_ID, APP_SECRET, TIMEOUT_S, bill_body, refund_no

MASTER_SECRET = "cli-master-secret"


def post(base_url: str, path: str, body: dict[str, Any], secret: str) -> dict[str, Any]:
    signed = {**body, **signature_fields(APP_ID, secret)}
    response = requests.post(base_url + path, json=signed, timeout=TIMEOUT_S)
    assert response.status_code == 200
    return response.json()


def test_with_master_secret_refunds_take_it_and_it_is_never_shown(tmp_path: Path) -> None:
    args = ["sandbox", "--port", "0", "--db", str(tmp_path / "db.sqlite3"), "--app-id", APP_ID]
    args += ["--app-secret", APP_SECRET, "--master-secret", MASTER_SECRET]
    with running(args, tmp_path) as (process, line):
        base_url = line.strip()
        card = bill_body("PAYPAL_CREDITCARD", bill_no="cli00001")
        assert post(base_url, "/1/rest/international/bill", card, APP_SECRET)["result_code"] == 0
        for path, serial in (("/1/rest/international/refund", "001"), ("/2/rest/refund", "002")):
            body = {"refund_no": refund_no(serial), "bill_no": "cli00001", "refund_fee": 100}
            refused = post(base_url, path, body, APP_SECRET)
            assert refused["result_code"] == 1
            assert "Master Secret" in refused["err_detail"]
        body = {"refund_no": refund_no("003"), "bill_no": "cli00001", "refund_fee": 100}
        assert post(base_url, "/2/rest/refund", body, MASTER_SECRET)["result_code"] == 0
        process.send_signal(signal.SIGINT)
        assert process.wait(TIMEOUT_S) == 0
        assert process.stdout is not None
        assert MASTER_SECRET not in line + process.stdout.read()
    log = (tmp_path / "stderr.log").read_text()
    assert "master secret" in log.lower(), "the log says refunds need it, without its value"
    assert MASTER_SECRET not in log and APP_SECRET not in log


def test_master_secret_is_off_by_default_and_never_empty(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _options(build_parser().parse_args(["sandbox"]))["master_secret"] is None
    given = build_parser().parse_args(["sandbox", "--master-secret", "s3"])
    assert _options(given)["master_secret"] == "s3"
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["sandbox", "--master-secret", ""])
    assert exit_info.value.code == 2
    assert "master" in capsys.readouterr().err


def test_the_secrets_can_come_from_the_environment_out_of_sight_of_ps(tmp_path: Path) -> None:
    """A command line is readable by every user of the computer (`ps`): the app secret and
    the Master Secret may come from BEECLOUD_SANDBOX_APP_SECRET and
    BEECLOUD_SANDBOX_MASTER_SECRET instead. A secret given on the command line wins."""
    app_secret, master_secret = "env-app-secret", "env-master-secret"
    args = ["sandbox", "--port", "0", "--db", str(tmp_path / "db.sqlite3"), "--app-id", APP_ID]
    env = {
        "BEECLOUD_SANDBOX_APP_SECRET": app_secret,
        "BEECLOUD_SANDBOX_MASTER_SECRET": master_secret,
    }
    with running(args, tmp_path, env) as (process, line):
        base_url = line.strip()
        card = bill_body("PAYPAL_CREDITCARD", bill_no="cli00002")
        assert post(base_url, "/1/rest/international/bill", card, app_secret)["result_code"] == 0
        body = {"refund_no": refund_no("004"), "bill_no": "cli00002", "refund_fee": 100}
        assert post(base_url, "/2/rest/refund", body, app_secret)["result_code"] == 1
        assert post(base_url, "/2/rest/refund", body, master_secret)["result_code"] == 0
        process.send_signal(signal.SIGINT)
        assert process.wait(TIMEOUT_S) == 0
    log = (tmp_path / "stderr.log").read_text()
    assert app_secret not in log and master_secret not in log


def test_a_secret_on_the_command_line_wins_and_an_empty_one_in_the_environment_is_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BEECLOUD_SANDBOX_APP_SECRET", "from-env")
    monkeypatch.setenv("BEECLOUD_SANDBOX_MASTER_SECRET", "")
    options = _options(build_parser().parse_args(["sandbox"]))
    assert options["app_secret"] == "from-env" and options["master_secret"] is None
    given = build_parser().parse_args(["sandbox", "--app-secret", "from-cli"])
    assert _options(given)["app_secret"] == "from-cli"
