"""HTTPS: an untrusted certificate is refused with a clear message before anything is
sent; a profile's own CA bundle makes it trusted. Real TLS over loopback
(tests/tls_support.py) in front of the real sandbox."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.api import BeeCloudClient, BillQuery, Money, RefundRequest, TransportError
from console.api.ids import new_bill_no, new_refund_no
from console.sandbox import SandboxServer
from tests.sandbox_support import APP_ID, APP_SECRET, card_payment
from tests.tls_support import TlsProxy, make_self_signed

CONSOLE = Path(__file__).resolve().parent.parent / "console"


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "tls"
    folder.mkdir()
    return make_self_signed(folder)


@pytest.fixture
def https(sandbox: SandboxServer, certificate: tuple[Path, Path]) -> Iterator[TlsProxy]:
    with TlsProxy(sandbox.port, *certificate) as proxy:
        yield proxy


def make_client(host: str, ca_bundle: Path | None = None) -> BeeCloudClient:
    return BeeCloudClient(
        APP_ID,
        APP_SECRET,
        [host],
        shuffle=False,
        connect_timeout=2.0,
        read_timeout=5.0,
        ca_bundle=str(ca_bundle) if ca_bundle else None,
    )


def test_an_untrusted_certificate_is_refused_before_anything_is_sent(https: TlsProxy) -> None:
    client = make_client(https.url)
    with pytest.raises(TransportError) as raised:
        client.query_bills(BillQuery())
    message = str(raised.value)
    assert raised.value.hosts_tried == [https.url]
    assert f"{https.url} (refused: its TLS certificate was not trusted (self-signed" in message
    assert "nothing was sent" in message and "CA bundle" in message
    assert "app_sign" not in message and "para=" not in message  # no URL, no signature
    assert https.wait_for_failed_handshakes(1) and https.relayed == 0
    client.close()


def test_a_payment_to_an_untrusted_host_is_not_sent_and_not_outcome_unknown(
    sandbox: SandboxServer, https: TlsProxy
) -> None:
    client = make_client(https.url)
    bill_no = new_bill_no()
    with pytest.raises(TransportError, match="TLS certificate was not trusted"):
        client.pay(card_payment(bill_no))
    assert https.wait_for_failed_handshakes(1) and https.relayed == 0
    assert sandbox.store is not None and sandbox.store.find_bill(APP_ID, bill_no) is None
    client.close()


def test_the_profiles_ca_bundle_makes_the_host_trusted(
    https: TlsProxy, certificate: tuple[Path, Path]
) -> None:
    client = make_client(https.url, ca_bundle=certificate[0])
    bill_no = new_bill_no()
    client.pay(card_payment(bill_no))
    refund_no = new_refund_no()
    client.refund(RefundRequest(bill_no, refund_no, Money(100, "USD")))
    found = client.find_refund(refund_no)
    assert found is not None and found.bill_no == bill_no
    assert https.relayed >= 1 and https.failed_handshakes == 0
    client.close()


def test_the_ca_bundle_wins_over_the_environments_bundle(
    https: TlsProxy, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a Session's `verify`;
    the client passes its bundle with every request, so the profile's bundle holds."""
    other_cert, _ = make_self_signed(tmp_path)  # a bundle that does not trust our host
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(other_cert))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(other_cert))
    client = make_client(https.url, ca_bundle=certificate[0])
    assert client.query_bills(BillQuery()) == []
    client.close()


def test_a_bundle_of_another_authority_does_not_trust_the_host(
    https: TlsProxy, tmp_path: Path
) -> None:
    other_cert, _ = make_self_signed(tmp_path)
    client = make_client(https.url, ca_bundle=other_cert)
    with pytest.raises(TransportError, match="TLS certificate was not trusted") as raised:
        client.query_bills(BillQuery())
    assert not raised.value.asked  # the console would not ask it: never "could not be reached"
    assert https.wait_for_failed_handshakes(1) and https.relayed == 0
    client.close()


def test_a_ca_bundle_that_is_gone_is_said_plainly_and_nothing_is_sent(
    https: TlsProxy, tmp_path: Path
) -> None:
    missing = tmp_path / "gone.pem"
    client = make_client(https.url, ca_bundle=missing)
    for call in (
        lambda: client.query_bills(BillQuery()),
        lambda: client.pay(card_payment(new_bill_no())),
    ):
        with pytest.raises(TransportError) as raised:
            call()
        assert f"the CA bundle {missing} does not exist" in str(raised.value)
        assert https.url in str(raised.value)
        # no server was asked: never "could not be reached"
        assert not raised.value.asked
        assert str(raised.value).startswith("No BeeCloud server was asked:")
    assert https.relayed == 0 and https.failed_handshakes == 0
    client.close()


@pytest.mark.parametrize(
    "content", [b"", b"not a certificate\n", b"\x00" * 64], ids=["empty", "text", "zeros"]
)
def test_a_ca_bundle_holding_no_certificate_is_said_plainly_and_nothing_is_sent(
    https: TlsProxy, tmp_path: Path, content: bytes
) -> None:
    """A profile's bundle that holds no certificate (an empty file, a key, a document
    picked by mistake) failed each host as "TLS handshake failed" and counted it as
    asked ("No server answered": offline); nothing was sent, and the file is why."""
    wrong = tmp_path / "office-ca.pem"
    wrong.write_bytes(content)
    client = make_client(https.url, ca_bundle=wrong)
    for call in (
        lambda: client.query_bills(BillQuery()),
        lambda: client.pay(card_payment(new_bill_no())),
    ):
        with pytest.raises(TransportError) as raised:
            call()
        assert f"the CA bundle {wrong} holds no certificate" in str(raised.value)
        assert not raised.value.asked
    assert https.relayed == 0
    client.close()


def test_an_environment_bundle_holding_no_certificate_is_said_plainly(
    https: TlsProxy, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    wrong = tmp_path / "office-ca.pem"
    wrong.write_text("-----BEGIN NOTHING-----\n", encoding="ascii")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(wrong))
    client = make_client(https.url)
    with pytest.raises(TransportError) as raised:
        client.query_bills(BillQuery())
    text = str(raised.value)
    assert f"the CA bundle {wrong} named by REQUESTS_CA_BUNDLE holds no certificate" in text
    assert not raised.value.asked and https.relayed == 0
    client.close()


def test_certificate_verification_is_never_switched_off_in_the_code() -> None:
    switched_off = re.compile(r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False")
    offenders = [
        f"{path.relative_to(CONSOLE.parent)}:{number}"
        for path in sorted(CONSOLE.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if switched_off.search(line)
    ]
    assert offenders == []
    assert any(CONSOLE.rglob("*.py"))  # the scan looked at something


def test_without_a_profile_bundle_the_environments_bundle_applies(
    https: TlsProxy, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client reads REQUESTS_CA_BUNDLE itself, once (requests no longer reads the
    environment on every call): a profile without a bundle still trusts what it names."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificate[0]))
    client = make_client(https.url)
    assert client.query_bills(BillQuery()) == []
    client.close()


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_an_environment_bundle_that_is_gone_is_said_plainly_and_nothing_is_sent(
    sandbox: SandboxServer,
    https: TlsProxy,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    variable: str,
) -> None:
    """A bundle named in the environment that is not there (a machine set up for
    another office) fails each https host plainly, never with an OSError out of the
    client; a sandbox on this computer, plain http, does not need it."""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    missing = tmp_path / "office-ca.pem"
    monkeypatch.setenv(variable, str(missing))
    client = make_client(https.url)
    for call in (
        lambda: client.query_bills(BillQuery()),
        lambda: client.pay(card_payment(new_bill_no())),
    ):
        with pytest.raises(TransportError) as raised:
            call()
        assert f"the CA bundle {missing} named by {variable} does not exist" in str(raised.value)
        assert raised.value.hosts_tried == [https.url] and not raised.value.asked
    assert https.relayed == 0 and https.failed_handshakes == 0
    client.close()
    local = make_client(sandbox.base_url)
    assert local.query_bills(BillQuery()) == []
    local.close()
