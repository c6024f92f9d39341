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
from tests.hostile_support import HostileServer, answer_with, head, never_answer
from tests.net_support import TunnellingProxy, closed_port_url
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


@pytest.mark.parametrize(
    "status",
    [
        "407 Proxy Authentication Required",
        "302 Found",
        "403 Forbidden",
        "502 Bad Gateway",
    ],
)
def test_a_proxy_that_refuses_the_tunnel_is_said_and_the_payment_is_not_sent(
    clean_environment: pytest.MonkeyPatch, status: str
) -> None:
    """A proxy that will not open the tunnel (it wants a login, sends to its portal,
    blocks the host, cannot reach it) answered the CONNECT, not the host: it is said as
    the proxy's refusal, never "dropped the connection", and nothing of the payment
    went out (not of unknown outcome)."""
    page = b"<html><title>Access denied</title></html>"
    reply = head(
        status,
        'Proxy-Authenticate: Basic realm="office"',
        "Location: http://portal.example/login",
        f"Content-Length: {len(page)}",
    )
    with HostileServer(answer_with(reply + page)) as proxy:
        clean_environment.setenv("HTTPS_PROXY", proxy.url)
        client = BeeCloudClient(APP_ID, APP_SECRET, [LIVE_HOST], connect_timeout=0.5)
        with pytest.raises(TransportError) as raised:
            client.pay(card_payment(new_bill_no()))
        code = status.split()[0]
        assert raised.value.failures[0].reason.startswith(
            f"the proxy refused to connect to it (HTTP {code}); nothing was sent"
        )
        assert proxy.requests[0].startswith(b"CONNECT ")
        client.close()


@pytest.mark.parametrize(
    "proxy",
    [
        "socks5://clerk:pa55word@127.0.0.1:1080",
        "http://clerk:pa55word@[proxy",
        "http://clerk:pa55word@proxy.office:port",
    ],
)
def test_a_proxy_the_console_cannot_use_is_said_and_nothing_is_sent(
    clean_environment: pytest.MonkeyPatch, proxy: str
) -> None:
    """A SOCKS proxy (requests needs an extra it does not have) or an address that is
    not one: said, with the proxy's address but never its password, and no host is
    asked; a sandbox on this computer still works."""
    clean_environment.setenv("ALL_PROXY", proxy)
    client = BeeCloudClient(APP_ID, APP_SECRET, [LIVE_HOST])
    with pytest.raises(TransportError) as raised:
        client.pay(card_payment(new_bill_no()))
    reason = raised.value.failures[0].reason
    assert reason.startswith("not tried: the proxy ") and "cannot be used" in reason
    assert "pa55word" not in str(raised.value) and not raised.value.asked
    client.close()


def test_a_proxy_that_is_not_there_is_said_and_a_query_tries_the_next_host(
    clean_environment: pytest.MonkeyPatch, sandbox: SandboxServer
) -> None:
    clean_environment.setenv("https_proxy", closed_port_url())
    client = BeeCloudClient(APP_ID, APP_SECRET, [LIVE_HOST, sandbox.base_url], shuffle=False)
    assert client.query_bills(BillQuery()) == []  # the sandbox: no proxy
    with pytest.raises(TransportError) as raised:
        BeeCloudClient(APP_ID, APP_SECRET, [LIVE_HOST]).pay(card_payment(new_bill_no()))
    assert raised.value.failures[0].reason == (
        "could not be reached through the proxy; nothing was sent"
    )
    client.close()
