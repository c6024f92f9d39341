"""Live hosts are https: host_problem() says what is wrong with a typed host (for the
profile dialog, by a key the GUI translates), and the client refuses, before
sending anything, to send to such a host. Plain http:// is for a local sandbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from console.api import BeeCloudClient, BillQuery, TransportError
from console.api.hosts import DEFAULT_HOSTS, HOST_MESSAGES, host_problem
from console.api.ids import new_bill_no
from console.sandbox import SandboxServer
from tests.hostile_support import HostileServer, never_answer
from tests.sandbox_support import APP_ID, APP_SECRET, card_payment

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")
NO_PROXY_VARIABLES = ("NO_PROXY", "no_proxy", "all_proxy")


@pytest.mark.parametrize(
    "host",
    [
        *DEFAULT_HOSTS,
        "api.beecloud.cn",  # typed without a scheme: https
        "https://api.beecloud.cn/",
        "https://api.beecloud.cn:8443",
        "https://10.1.2.3",
        "https://[2001:db8::1]:443",
        "http://127.0.0.1:8732",
        "http://127.9.8.7",
        "http://localhost:8000",
        "HTTP://LocalHost",
        "http://[::1]:8080",
        "https://xn--bcloud-3ve.cn",  # a host in other letters, in the form it is reached by
    ],
)
def test_fine_hosts(host: str) -> None:
    assert host_problem(host) is None


@pytest.mark.parametrize(
    ("host", "key"),
    [
        ("http://api.beecloud.cn", "plain_http"),
        ("http://10.0.0.1:8080", "plain_http"),
        ("http://localhost.example.com", "plain_http"),
        ("http://128.0.0.1", "plain_http"),
        ("ftp://api.beecloud.cn", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("javascript://x", "scheme"),
        ("https://", "no_host_name"),
        ("", "no_host_name"),
        ("https://:443", "no_host_name"),
        ("https://user:secret@api.beecloud.cn", "userinfo"),
        ("https://user@api.beecloud.cn", "userinfo"),
        ("https://api.beecloud.cn?x=1", "query"),
        ("https://api.beecloud.cn/?", "query"),
        ("https://api.beecloud.cn#top", "query"),
        ("https://api.beecloud.cn:99999", "invalid"),
        ("https://api.beecloud.cn:port", "invalid"),
        ("https://api beecloud.cn", "invalid"),
        ("https://[::1", "invalid"),
        # a host in other letters may imitate another (a Cyrillic "е" in "beecloud"):
        # it is shown as typed and reached by its xn-- form, which names another host
        ("https://api.b\u0435ecloud.cn", "not_ascii"),
        ("\u0430pibj.beecloud.cn", "not_ascii"),
        ("https://apibj.beecloud.cn/\u0440ay", "not_ascii"),
        ("https://apibj.beecloud.cn\uff0e", "not_ascii"),  # a full-width dot
    ],
)
def test_host_problems_by_key(host: str, key: str) -> None:
    assert host_problem(host) == key
    assert key in HOST_MESSAGES


def test_every_message_is_plain_english_without_placeholders() -> None:
    assert HOST_MESSAGES["plain_http"] == "plain http:// is allowed only for a local sandbox"
    for key, text in HOST_MESSAGES.items():
        assert text and text.isascii() and "{" not in text, key


@pytest.fixture
def recording_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[HostileServer]:
    """Every request the client sent would pass through here (the environment's proxy)."""
    with HostileServer(never_answer) as proxy:
        for name in (*PROXY_VARIABLES, *NO_PROXY_VARIABLES):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("http_proxy", proxy.url)
        monkeypatch.setenv("https_proxy", proxy.url)
        yield proxy


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        (
            "http://shop.example.com",
            "not tried: plain http:// is allowed only for a local sandbox; nothing was sent",
        ),
        (
            "https://user:pw@shop.example.com",
            f"not tried: {HOST_MESSAGES['userinfo']}; nothing was sent",
        ),
    ],
)
def test_the_client_sends_nothing_to_a_host_with_a_problem(
    recording_proxy: HostileServer, host: str, reason: str
) -> None:
    client = BeeCloudClient(APP_ID, APP_SECRET, [host], connect_timeout=1, read_timeout=1)
    for call in (
        lambda: client.query_bills(BillQuery()),
        lambda: client.pay(card_payment(new_bill_no())),
    ):
        with pytest.raises(TransportError) as raised:
            call()
        assert [(f.host, f.reason) for f in raised.value.failures] == [(host, reason)]
    assert recording_proxy.connections == 0
    client.close()


def test_a_host_with_a_problem_is_skipped_for_the_good_ones(
    sandbox: SandboxServer, recording_proxy: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    client = BeeCloudClient(
        APP_ID, APP_SECRET, ["http://shop.example.com", sandbox.base_url], shuffle=False
    )
    bill_no = new_bill_no()
    client.pay(card_payment(bill_no))
    assert client.find_bill(bill_no) is not None
    assert recording_proxy.connections == 0
    client.close()
