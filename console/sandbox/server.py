"""SandboxServer: the sandbox served by waitress in a background thread.

Connections are served by GuardedServer (console/sandbox/connections.py), a
waitress TCP server whose limits and timeouts keep idle and trickling
connections from locking other clients out.

waitress has no public "stop" (Pylons/waitress#372, #58). What it does give:
the server binds and listens as it is made; `run()` loops while the server's
socket map is not empty; and `server.trigger.pull_trigger(thunk)` runs the
thunk inside the loop thread.
So stop() first shuts the worker threads down (they finish what they are
doing), then asks the loop thread to close the listening socket and every
connection and to empty the map, which ends the loop and frees the port; it
joins the thread and only then closes the trigger's pipe.
"""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from waitress import wasyncore
from waitress.adjustments import Adjustments
from waitress.server import BaseWSGIServer
from waitress.task import ErrorTask
from waitress.utilities import Error, RequestEntityTooLarge, RequestHeaderFieldsTooLarge

from console.api.codes import ResultCode
from console.api.validate import excerpt
from console.sandbox.app import MAX_BODY_BYTES, create_app
from console.sandbox.connections import ConnectionPolicy, GuardedChannel, GuardedServer
from console.sandbox.faults import FaultInjector, FaultPlan, FaultTask
from console.sandbox.framing import BARE_LINE_END, WAITRESS_BARE_LINE_END, StrictRequestParser
from console.sandbox.origins import served_hosts
from console.sandbox.public_url import checked_public_url
from console.sandbox.service import SandboxService, answer
from console.sandbox.store import Store

logger = logging.getLogger(__name__)

# waitress refuses a body of this many bytes or more: one over MAX_BODY_BYTES is
# refused as its Content-Length arrives, or as its chunks pass the limit, never read
# (and kept, spilled to disk) to its end first.
WAITRESS_MAX_BODY_BYTES = MAX_BODY_BYTES + 1
_HEAD_BYTES = Adjustments.max_request_header_size  # waitress's default, kept
# In plain words, what waitress says of a request too large in its own ("exceeds
# max_body of 1048577", "exceeds max_header of 262144").
PLAIN_DETAILS: dict[type[Error], str] = {
    RequestEntityTooLarge: (
        f"The body is larger than {MAX_BODY_BYTES:,} bytes (1 MiB), more than any request takes."
    ),
    RequestHeaderFieldsTooLarge: (
        f"The request's line and headers are larger than {_HEAD_BYTES:,} bytes"
        f" ({_HEAD_BYTES // 1024} KiB)."
    ),
}
STOP_TIMEOUT_S = 10.0
# waitress warns "Task queue depth is N" for every request that finds its threads
# busy: under a burst, thousands of lines a second. A queued request is answered in
# its turn, and a crowd of connections is logged once (console/sandbox/connections.py).
QUEUE_LOGGER = "waitress.queue"


# What waitress quotes of a refused request, at the end of its words (a header line,
# a method): it quoted it whole, making a 200 KB answer of a 200 KB line.
_QUOTED = re.compile(r'"(.*)"\Z', re.DOTALL)


def _plain_detail(error: Error) -> str:
    words = str(error.body)
    if words.startswith(WAITRESS_BARE_LINE_END):
        return BARE_LINE_END
    if type(error) in PLAIN_DETAILS:
        return PLAIN_DETAILS[type(error)]
    quoted = _QUOTED.search(words)
    if quoted is not None:
        return f'{words[: quoted.start()]}"{excerpt(quoted.group(1))}"'
    return words


class JsonErrorTask(ErrorTask):
    """waitress's own answers (a request it cannot parse, headers too large, an
    unsupported Transfer-Encoding) as JSON with a status below 500, like Flask's."""

    def execute(self) -> None:
        error = self.request.error
        if error.code == 500:  # the application raised: never happens with our Flask app
            status = "200 OK"
            payload = answer(ResultCode.RUNTIME_ERROR, "The sandbox met an unexpected error.")
        else:
            code = error.code if error.code < 500 else 400  # 501: an unsupported request
            status = f"{code} {error.reason if code == error.code else 'Bad Request'}"
            name = error.reason.upper().replace(" ", "_")
            payload = {"error": name, "err_detail": _plain_detail(error)}
        body = json.dumps(payload).encode("utf-8")
        self.status = status
        self.response_headers.append(("Content-Type", "application/json"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class SandboxChannel(GuardedChannel):
    """A connection with ConnectionPolicy's timeouts (console/sandbox/connections.py),
    its requests cut out strictly (console/sandbox/framing.py)."""

    error_task_class = JsonErrorTask
    parser_class = StrictRequestParser  # console/sandbox/framing.py
    task_class = FaultTask  # can close a connection without an answer (fault injection)


def _close_sockets(server: BaseWSGIServer) -> None:
    """Run in the loop thread: close the listening socket and every connection, and
    take the trigger out of the map, which empties it and so ends the loop.

    The trigger's pipe itself stays open until the loop thread has ended: the thunk
    may run before pull_trigger() has written its wake-up byte (the loop can be
    reading thunks for an earlier wake-up), and that write must not hit a closed
    (or, worse, reused) file descriptor.
    """
    trigger = server.trigger
    for dispatcher in list(server._map.values()):
        try:
            if dispatcher is server:
                # the plain close: BaseWSGIServer.close() would close the trigger too
                wasyncore.dispatcher.close(server)
            elif dispatcher is not trigger:
                dispatcher.handle_close()  # a connection: also frees its buffers
        except OSError:
            pass
    trigger.del_channel()


def _checked_master_secrets(
    master_secrets: Mapping[str, str], apps: Mapping[str, str]
) -> dict[str, str]:
    """A copy, once each names a served app and is non-empty text (never shown)."""
    for app_id, secret in master_secrets.items():
        if app_id not in apps:
            raise ValueError(f"a master secret is given for {app_id!r}, which is not served")
        if not isinstance(secret, str) or not secret:
            raise ValueError(f"the master secret of {app_id!r} must be non-empty text")
    return dict(master_secrets)


def _one_address(host: str) -> str:
    """The first address a host name resolves to: waitress would listen on all of
    them (say ::1 and 127.0.0.1 for localhost) behind a server we could not stop."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return str(infos[0][4][0])


class SandboxServer:
    def __init__(
        self,
        db_path: str | Path,
        apps: Mapping[str, str],
        host: str = "127.0.0.1",
        port: int = 0,
        timestamp_window_s: int = 300,
        threads: int = 8,
        faults: FaultPlan | None = None,
        sock: socket.socket | None = None,
        connections: ConnectionPolicy | None = None,
        master_secrets: Mapping[str, str] | None = None,
        public_url: str | None = None,
    ) -> None:
        """`sock`, when given, is a bound and listening socket to serve on instead of
        host and port (the forked embedded sandbox: console/sandbox/forked.py).
        `connections`: how many connections are served and for how long.
        `master_secrets`: app_id -> the Master Secret that app's refunds must be
        signed with (NOTES.md); an app without one signs refunds with its App Secret.
        `public_url`: where browsers reach it, which its PayPal approval links name
        (default: `base_url`, the address it listens on); ValueError if not
        `http(s)://host[:port]`."""
        self.db_path = Path(db_path)
        self.apps = dict(apps)
        self.master_secrets = _checked_master_secrets(master_secrets or {}, self.apps)
        self._public_url = None if public_url is None else checked_public_url(public_url)
        self.host = host if sock is None else str(sock.getsockname()[0])
        self.requested_port = port
        if timestamp_window_s < 1:  # it would refuse every request, however signed
            raise ValueError(f"a timestamp window is at least 1 s, not {timestamp_window_s}")
        self.timestamp_window_s = timestamp_window_s
        self.threads = threads
        self.sock = sock
        self.connections = connections if connections is not None else ConnectionPolicy()
        # Faults to inject (console/sandbox/faults.py); tests may change it while serving.
        self.faults = faults if faults is not None else FaultPlan()
        self._stopping = threading.Event()  # ends a latency fault's wait at stop()
        self.store: Store | None = None
        self.service: SandboxService | None = None
        self._server: GuardedServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None
        self._served_hosts: frozenset[str] = frozenset()

    @property
    def port(self) -> int:
        """The port it listens (or last listened) on."""
        if self._port is None:
            raise RuntimeError("the sandbox was never started")
        return self._port

    @property
    def open_connections(self) -> int:
        """How many client connections are open now (0 when not serving)."""
        server = self._server
        return server.open_connections if server is not None else 0

    @property
    def connection_limit(self) -> int:
        """The most connections served at once: the policy's limit, or less where the
        process may not open that many files."""
        server = self._server
        return server.connection_limit if server is not None else self.connections.limit

    @property
    def base_url(self) -> str:
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self.port}"

    @property
    def public_url(self) -> str:
        """Where browsers reach it: the base of its PayPal approval links (never taken
        from a request's Host header, which a client may set to anything)."""
        return self._public_url or self.base_url

    def start(self) -> SandboxServer:
        """Serve in a daemon thread; returns once the port accepts connections."""
        if self._server is not None:
            raise RuntimeError("the sandbox is running already")
        self.store = Store(self.db_path)
        self.service = SandboxService(
            self.store, self.apps, self.timestamp_window_s, master_secrets=self.master_secrets
        )
        self._stopping = threading.Event()
        logging.getLogger(QUEUE_LOGGER).setLevel(logging.ERROR)
        address = self.host if self.sock is not None else _one_address(self.host)
        where: dict[str, Any] = (  # GuardedServer's keywords, as waitress takes them
            {"sock": self.sock}
            if self.sock is not None
            else {"host": address, "port": self.requested_port}
        )
        try:
            server = GuardedServer(
                FaultInjector(
                    create_app(self.service, lambda: self.public_url, lambda: self._served_hosts),
                    self.faults,
                    self._stopping,
                ),
                self.connections,
                **where,
                threads=self.threads,
                max_request_body_size=WAITRESS_MAX_BODY_BYTES,
                ident="beecloud-sandbox",
            )
        except BaseException:
            self.store.close()
            self.store = None
            raise
        # The server has bound the socket and called listen(): connections queue
        # from here on, and the loop below accepts them.
        server.channel_class = SandboxChannel  # read by every accept from now on
        self._server = server
        self._port = int(server.effective_port)
        self._served_hosts = served_hosts({self.host, address}, self._port, self._public_url)
        self._thread = threading.Thread(target=server.run, name="sandbox-server", daemon=True)
        self._thread.start()
        logger.info("sandbox serving on %s", self.base_url)
        if self.faults:
            logger.warning("sandbox faults injected: %s", self.faults.describe())
        return self

    def stop(self) -> None:
        """Stop serving, free the port, close the database. Safe to call twice."""
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._stopping.set()  # a request held by a latency fault is dropped at once
        server.task_dispatcher.shutdown(timeout=STOP_TIMEOUT_S)
        server.trigger.pull_trigger(lambda: _close_sockets(server))
        thread.join(STOP_TIMEOUT_S)
        if thread.is_alive():  # pragma: no cover - the loop ignored the trigger
            logger.warning("the sandbox's server thread did not stop in time")
        server.trigger.close()
        self._server = self._thread = None
        if self.store is not None:
            self.store.close()
        logger.info("sandbox stopped")

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
