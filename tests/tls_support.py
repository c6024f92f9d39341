"""HTTPS on loopback for tests: a self-signed certificate for 127.0.0.1 and a small
TLS-terminating TCP proxy in front of a plain-HTTP server (the sandbox).

The certificate is made with the `cryptography` package (a test extra in
pyproject.toml; keyring's SecretStorage already brings it on Linux), so no
`openssl` binary is needed and no test is skipped for want of one.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import select
import socket
import ssl
import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.net_support import HostRenamer, StoppedOnExit

MAX_CONNECTIONS = 16  # more at once are closed at once: the proxy stays bounded
IO_TIMEOUT_S = 10.0
JOIN_TIMEOUT_S = 5.0


def make_self_signed(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A self-signed certificate for `host` (an IP address) and its key, as PEM files.

    It is its own CA (basicConstraints CA:TRUE, with key identifiers), so that the
    certificate file itself can be given as a CA bundle.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), False)
        .sign(key, hashes.SHA256())
    )
    cert_path = folder / "loopback-cert.pem"
    key_path = folder / "loopback-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class TlsProxy(StoppedOnExit):
    """HTTPS on 127.0.0.1 in front of a plain TCP port on 127.0.0.1; the requests it
    passes on name the target's host (HostRenamer).

    One thread accepts; one thread per connection does the handshake and then
    relays both ways with select() (an SSL socket is never used from two threads).
    Counts the handshakes that failed (a client that refused the certificate) and
    the connections relayed to the target (requests that could have been sent).
    """

    def __init__(
        self, target_port: int, cert: Path, key: Path, served_as: str | None = None
    ) -> None:
        self.target_port = target_port
        self.served_as = served_as  # the host:port clients name, when not 127.0.0.1
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self.failed_handshakes = 0
        self.relayed = 0
        self._lock = threading.Condition()
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._stopped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self._acceptor = threading.Thread(target=self._accept, name="tls-proxy", daemon=True)
        self._acceptor.start()

    def _track(self, sock: socket.socket, add: bool) -> None:
        with self._lock:
            if add:
                self._sockets.add(sock)
            else:
                self._sockets.discard(sock)

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            if not self._slots.acquire(blocking=False):
                _close(conn)
                continue
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(IO_TIMEOUT_S)
        self._track(conn, True)
        client: socket.socket = conn
        upstream: socket.socket | None = None
        try:
            try:
                tls = self._context.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError):
                with self._lock:
                    self.failed_handshakes += 1
                    self._lock.notify_all()
                return
            self._track(conn, False)  # wrap_socket took its file descriptor over
            self._track(tls, True)
            client = tls
            upstream = socket.create_connection(("127.0.0.1", self.target_port), IO_TIMEOUT_S)
            self._track(upstream, True)
            with self._lock:
                self.relayed += 1
                self._lock.notify_all()
            self._relay(tls, upstream)
        except (OSError, ValueError):  # ValueError: stop() closed a socket under select()
            pass
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    self._track(sock, False)
                    _close(sock)
            self._slots.release()

    def _relay(self, tls: ssl.SSLSocket, upstream: socket.socket) -> None:
        renamer = HostRenamer(self.port, self.target_port, self.served_as)
        while not self._stopped.is_set():
            if tls.pending():
                readable: list[socket.socket] = [tls]
            else:
                readable, _, _ = select.select([tls, upstream], [], [], IO_TIMEOUT_S)
                if not readable:
                    return  # idle too long
            for source in readable:
                sink = upstream if source is tls else tls
                data = source.recv(65536)
                if not data:
                    if source is tls:
                        upstream.sendall(renamer.flush())
                    return
                sink.sendall(renamer.feed(data) if source is tls else data)

    def wait_for_failed_handshakes(self, count: int, timeout: float = IO_TIMEOUT_S) -> bool:
        """Wait until that many clients have refused the certificate (or failed TLS)."""
        with self._lock:
            return self._lock.wait_for(lambda: self.failed_handshakes >= count, timeout)

    def stop(self) -> None:
        self._stopped.set()
        _close(self._listener)
        with self._lock:
            open_sockets = list(self._sockets)
        for sock in open_sockets:
            _close(sock)
        self._acceptor.join(JOIN_TIMEOUT_S)
        for thread in self._threads:
            thread.join(JOIN_TIMEOUT_S)
