"""The proxies an office or a home machine sets in the environment (HTTP_PROXY,
HTTPS_PROXY, ALL_PROXY, in either case): a sandbox on this computer is never reached
through one (the proxy would read every request in the clear: the card's number and
CVV, the app_sign); a live host is, as the office wants (docs/decisions.md). Real
loopback peers: the sandbox, and scripted proxies (tests/hostile_support.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.api import BeeCloudClient, BillQuery, TransportError
from console.api.ids import new_bill_no
from console.sandbox import SandboxServer
from tests.hostile_support import HostileServer, never_answer
from tests.net_support import TunnellingProxy
from tests.sandbox_support import APP_ID, APP_SECRET, card_info, card_payment
from tests.tls_support import TlsProxy, make_self_signed

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")
# A live host: TEST-NET-1, which nothing answers directly; its calls reach the sandbox
# only through the proxy (TunnellingProxy), over TLS (TlsProxy, a certificate for it).
LIVE_ADDRESS = "192.0.2.10"
LIVE_HOST = f"https://{LIVE_ADDRESS}:8443"


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in (*PROXY_VARIABLES, "NO_PROXY"):
        for spelt in (name, name.lower()):
            monkeypatch.delenv(spelt, raising=False)
    return monkeypatch


@pytest.fixture
def live_host(sandbox: SandboxServer, tmp_path: Path) -> Iterator[tuple[TunnellingProxy, Path]]:
    """An office's proxy, and the CA bundle of the live host it tunnels to."""
    certificate, key = make_self_signed(tmp_path, LIVE_ADDRESS)
    served_as = LIVE_HOST.removeprefix("https://")
    with (
        TlsProxy(sandbox.port, certificate, key, served_as) as https,
        TunnellingProxy(https.port) as proxy,
    ):
        yield proxy, certificate


@pytest.fixture
def listening_proxy(clean_environment: pytest.MonkeyPatch) -> Iterator[HostileServer]:
    """A proxy named by every proxy variable, in both cases, that answers nothing."""
    with HostileServer(never_answer) as proxy:
        for name in PROXY_VARIABLES:
            clean_environment.setenv(name, proxy.url)
            clean_environment.setenv(name.lower(), proxy.url)
        yield proxy


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost"])
def test_a_sandbox_on_this_computer_is_never_reached_through_a_proxy(
    sandbox: SandboxServer, listening_proxy: HostileServer, address: str
) -> None:
    host = sandbox.base_url.replace("127.0.0.1", address)
    client = BeeCloudClient(APP_ID, APP_SECRET, [host], connect_timeout=0.5, read_timeout=1)
    bill_no = new_bill_no()
    client.pay(card_payment(bill_no))
    assert client.find_bill(bill_no) is not None
    assert listening_proxy.connections == 0
    client.clone().query_bills(BillQuery())
    assert listening_proxy.connections == 0
    client.close()


def test_a_live_host_is_reached_through_the_environment_s_proxy_in_a_tunnel(
    clean_environment: pytest.MonkeyPatch, live_host: tuple[TunnellingProxy, Path]
) -> None:
    proxy, certificate = live_host
    clean_environment.setenv("HTTPS_PROXY", proxy.url)
    client = BeeCloudClient(APP_ID, APP_SECRET, [LIVE_HOST], ca_bundle=str(certificate))
    bill_no = new_bill_no()
    client.pay(card_payment(bill_no))
    assert client.find_bill(bill_no) is not None
    # one keep-alive tunnel; the proxy saw the host's name, never the request
    assert len(proxy.heads) == 1
    assert proxy.heads[0].startswith(f"CONNECT {LIVE_HOST.removeprefix('https://')} ".encode())
    assert b"app_sign" not in proxy.relayed
    assert card_info()["card_number"].encode() not in proxy.relayed
    client.close()


def test_no_proxy_sends_a_live_host_s_calls_past_the_proxy(
    clean_environment: pytest.MonkeyPatch, live_host: tuple[TunnellingProxy, Path]
) -> None:
    """The client reads the proxy variables once per host, by requests' own rules."""
    proxy, certificate = live_host
    clean_environment.setenv("https_proxy", proxy.url)
    clean_environment.setenv("no_proxy", LIVE_ADDRESS)
    client = BeeCloudClient(
        APP_ID, APP_SECRET, [LIVE_HOST], ca_bundle=str(certificate), connect_timeout=0.2
    )
    with pytest.raises(TransportError):  # tried directly: TEST-NET-1 answers nothing
        client.query_bills(BillQuery())
    assert proxy.heads == []
    client.close()
