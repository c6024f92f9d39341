"""SandboxServer: starts on a free port, stops cleanly, frees the port."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path

import pytest
import requests

from console.sandbox import SandboxServer
from tests.sandbox_support import APPS, BILLS, TIMEOUT_S, paid_bill, query, signed


def test_base_url_names_the_port_it_listens_on(sandbox: SandboxServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", sandbox.base_url)
    assert sandbox.port > 0
    assert query(sandbox, BILLS)["result_code"] == 0


def test_stop_frees_the_port_and_a_new_server_can_take_it(tmp_path: Path) -> None:
    first = SandboxServer(tmp_path / "db.sqlite3", APPS).start()
    port, url = first.port, first.base_url
    paid_bill(first)
    first.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(url + BILLS, timeout=TIMEOUT_S)
    with SandboxServer(tmp_path / "db.sqlite3", APPS, port=port) as second:
        assert second.port == port
        assert query(second, BILLS)["count"] == 1


def test_stop_closes_open_keep_alive_connections(tmp_path: Path) -> None:
    server = SandboxServer(tmp_path / "db.sqlite3", APPS).start()
    session = requests.Session()
    response = session.get(server.base_url + BILLS, params={"para": "{}"}, timeout=TIMEOUT_S)
    assert response.status_code == 200  # the connection stays open in the session's pool
    server.stop()
    with pytest.raises(requests.ConnectionError):
        session.get(server.base_url + BILLS, params={"para": "{}"}, timeout=TIMEOUT_S)
    session.close()


def test_stop_is_idempotent_and_start_twice_is_refused(tmp_path: Path) -> None:
    server = SandboxServer(tmp_path / "db.sqlite3", APPS)
    with pytest.raises(RuntimeError):
        _ = server.base_url  # never started: no port yet
    server.stop()  # never started: nothing to do
    server.start()
    with pytest.raises(RuntimeError):
        server.start()
    url = server.base_url
    server.stop()
    server.stop()
    assert server.base_url == url, "the last address stays readable"


@pytest.mark.parametrize("window", [0, -1])
def test_a_timestamp_window_below_a_second_is_refused(tmp_path: Path, window: int) -> None:
    """It would refuse every request, however well signed (the command line refuses it
    too)."""
    with pytest.raises(ValueError, match="timestamp window"):
        SandboxServer(tmp_path / "s.sqlite3", APPS, timestamp_window_s=window)


def test_a_busy_port_is_an_error_at_start(sandbox: SandboxServer, tmp_path: Path) -> None:
    other = SandboxServer(tmp_path / "other.sqlite3", APPS, port=sandbox.port)
    with pytest.raises(OSError):
        other.start()
    assert other.store is None


def test_many_clients_at_once(sandbox: SandboxServer) -> None:
    answers: list[int] = []

    def ask() -> None:
        for _ in range(5):
            para = json.dumps(signed({}))
            response = requests.get(
                sandbox.base_url + BILLS, params={"para": para}, timeout=TIMEOUT_S
            )
            answers.append(response.json()["result_code"])

    threads = [threading.Thread(target=ask) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [0] * 60


def test_a_host_name_is_served_on_one_address(tmp_path: Path) -> None:
    with SandboxServer(tmp_path / "db.sqlite3", APPS, host="localhost") as server:
        assert server.base_url == f"http://localhost:{server.port}"
        assert query(server, BILLS)["result_code"] == 0
