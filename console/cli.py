"""The `beecloud-console` command.

`beecloud-console` opens the console's main window (on the embedded sandbox
at first start). `beecloud-console sandbox [options]` runs the local sandbox
server alone: it prints its base URL as the only line of standard output,
logs to standard error and serves until SIGINT or SIGTERM.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console import __version__
from console.gui import TAB_NAMES
from console.paths import data_dir, settle_home
from console.ready_deadline import (
    BACKSTOP_GRACE_S,
    DEFAULT_READY_DEADLINE_S,
    WATCHDOG_GRACE_S,
    ReadyDeadline,
)

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from console.sandbox.faults import Fault
    from console.store.secrets import SecretStore

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8732
DEFAULT_APP_ID = "sandbox-app"
DEFAULT_APP_SECRET = "sandbox-secret"  # a practice server's well-known secret
APP_SECRET_ENV = "BEECLOUD_SANDBOX_APP_SECRET"  # the secrets out of sight of ps
MASTER_SECRET_ENV = "BEECLOUD_SANDBOX_MASTER_SECRET"
DEFAULT_WINDOW_S = 300
MAX_SEED_BILLS = 1_000_000  # about 30 s and 650 MB; ten times more would take minutes and GB
logger = logging.getLogger("console.cli")


def _deadline_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a number of seconds") from None
    if not 0 < seconds < 86_400:
        raise argparse.ArgumentTypeError("more than 0 seconds, less than a day")
    return seconds


def default_db_path() -> Path:
    return data_dir() / "sandbox.sqlite3"


def _secret(text: str) -> str:
    if not text:
        raise argparse.ArgumentTypeError("a secret is not empty")
    return text


def _whole_number(text: str, lowest: int, what: str, highest: int | None = None) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a whole number, {what}") from None
    if number < lowest or (highest is not None and number > highest):
        raise argparse.ArgumentTypeError(what)
    return number


def _window_seconds(text: str) -> int:
    """0 or less would refuse every request (no timestamp is that close)."""
    return _whole_number(text, 1, "at least 1 second")


def _bill_count(text: str) -> int:
    return _whole_number(text, 0, f"0 to {MAX_SEED_BILLS} bills", highest=MAX_SEED_BILLS)


def _file_path(text: str) -> Path:
    """A file's path: not empty (Path("") is the current folder, no file)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a file's path is not empty")
    return Path(text)


def _app_id(text: str) -> str:
    """Text a client can sign with: not empty, no white space or control character."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an app id is not empty")
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise argparse.ArgumentTypeError("an app id has no white space or control character")
    return text


def _port(text: str) -> int:
    return _whole_number(text, 0, "a port is 0 to 65535", highest=65535)


def _public_url(text: str) -> str:
    from console.sandbox.public_url import checked_public_url

    try:
        return checked_public_url(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class _FaultOption(argparse.Action):
    """--fault ENDPOINT=KIND[:MS][*N], repeatable, at most once per endpoint."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from console.sandbox.faults import parse_fault

        try:
            endpoint, fault = parse_fault(str(values))
        except ValueError as error:
            raise argparse.ArgumentError(self, str(error)) from None
        faults = dict(getattr(namespace, self.dest, None) or {})
        if endpoint in faults:
            raise argparse.ArgumentError(self, f"{endpoint} is given a fault twice")
        faults[endpoint] = fault
        setattr(namespace, self.dest, faults)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose --help and --version say so when standard output cannot
    take them, and exit with 1: argparse drops what it cannot write and exits with 0."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message and file is sys.stdout:
            if not _write_out([message.removesuffix("\n")]):
                self.exit(1)
            return
        super()._print_message(message, file)


def _add_sandbox_options(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: an option given before the subcommand is not reset by the subparser.
    unset = argparse.SUPPRESS
    parser.add_argument("--host", default=unset, help=f"address to listen on ({DEFAULT_HOST})")
    parser.add_argument(
        "--port", type=_port, default=unset, help=f"port, 0 for any free one ({DEFAULT_PORT})"
    )
    parser.add_argument(
        "--public-url",
        type=_public_url,
        default=unset,
        metavar="URL",
        help="where browsers reach the sandbox, http(s)://host[:port], which its PayPal "
        "approval links name (the address it listens on; give it with --host 0.0.0.0)",
    )
    parser.add_argument(
        "--db", type=_file_path, default=unset, help=f"SQLite file ({default_db_path()})"
    )
    parser.add_argument(
        "--app-id", type=_app_id, default=unset, help=f"the app's id ({DEFAULT_APP_ID})"
    )
    parser.add_argument(
        "--app-secret",
        type=_secret,
        default=unset,
        help=f"the app's secret (a well-known practice one; or ${APP_SECRET_ENV}, which "
        "other users cannot read with ps)",
    )
    parser.add_argument(
        "--master-secret",
        type=_secret,
        default=unset,
        metavar="SECRET",
        help="the app's Master Secret: refunds must then be signed with it, not the app "
        "secret, as BeeCloud's v2 API and official SDK do (off: refunds take the app "
        f"secret; or ${MASTER_SECRET_ENV}, which other users cannot read with ps)",
    )
    parser.add_argument(
        "--seed",
        type=_bill_count,
        default=unset,
        metavar="N",
        help=f"create N demo bills if the app has none (0; at most {MAX_SEED_BILLS})",
    )
    parser.add_argument(
        "--timestamp-window",
        type=_window_seconds,
        default=unset,
        metavar="SECONDS",
        help=f"how far a request's timestamp may be from the clock ({DEFAULT_WINDOW_S})",
    )
    parser.add_argument(
        "--fault",
        action=_FaultOption,
        default=unset,
        metavar="ENDPOINT=KIND[:MS][*N]",
        help="misbehave on purpose, for testing clients: ENDPOINT is pay, refund, bills, "
        "refunds, bills-count or refunds-count (a count's own, else its list's); KIND is "
        "latency:MS, drop-before, drop-after, html-500, bad-json, empty-200, "
        "or a refusal outside BeeCloud's envelope: busy-429[:S], down-503[:S] (S: the "
        "seconds its Retry-After asks to wait), gateway-502, gateway-504, denied-401, "
        "denied-403 or missing-404; *N for the next N requests only (e.g. "
        "refund=latency:2000). Repeatable, one fault per endpoint.",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="beecloud-console",
        description="BeeCloud Console. Without a command, opens the console window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help="open the window and close it again as soon as it is ready (with --tab bills: "
        "once the first page of bills is shown), printing when on standard output "
        "(a smoke test of the start, and what the start-up benchmark measures)",
    )
    parser.add_argument(
        "--ready-deadline",
        type=_deadline_seconds,
        metavar="SECONDS",
        help="with --exit-when-ready: give up when not ready this long after the start, "
        "saying why, and exit with 1 (the process ends at most "
        f"{WATCHDOG_GRACE_S + BACKSTOP_GRACE_S:g} s later, whatever happens; "
        f"default {DEFAULT_READY_DEADLINE_S:g})",
    )
    parser.add_argument(
        "--tab",
        choices=TAB_NAMES,
        help="open on this tab (default: the one open when the console was last closed)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    sandbox = commands.add_parser(
        "sandbox",
        help="run a local server that behaves like BeeCloud's international API",
        description="Run a local server that behaves like BeeCloud's international API. "
        "Prints its base URL as the only line of standard output; stops on Ctrl+C.",
    )
    _add_sandbox_options(sandbox)
    commands.add_parser(
        "info",
        help="say where the console keeps its files and its secrets",
        description="Print the version, the data and log folders, and the keyring that "
        "keeps the app secrets (what support asks first).",
    )
    return parser


def _write_out(lines: Sequence[str]) -> bool:
    """Print the lines on standard output. False, once said on standard error, when it
    cannot take them (a full disk, a reader gone as in `info | head -1`): what is left
    then goes nowhere, so that the interpreter's last flush fails no more."""
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except OSError as error:
        with contextlib.suppress(OSError, ValueError):  # no file descriptor to replace
            nowhere = os.open(os.devnull, os.O_WRONLY)
            os.dup2(nowhere, sys.stdout.fileno())
            os.close(nowhere)
        reason = error.strerror or type(error).__name__
        print(f"beecloud-console: cannot write to standard output: {reason}", file=sys.stderr)
        return False
    return True


def print_info() -> int:
    from console.gui.settings import user_file as settings_file
    from console.paths import log_dir
    from console.store.mirror_file import FOLDER_NAME
    from console.store.secrets import SecretStore

    store = SecretStore()
    lines = [
        f"BeeCloud Console {__version__}",
        f"data: {data_dir()}",
        f"history mirrors: {data_dir() / FOLDER_NAME} (delete a file to clear a profile's)",
        *_history_files(),
        f"logs: {log_dir()}",
        f"settings: {settings_file()}",
        f"keyring: {_keyrings_found(store)}",
        store.place().english(),
    ]
    return 0 if _write_out(lines) else 1


def _keyrings_found(store: SecretStore) -> str:
    """The modules of the keyring backends found (a chain's, in turn), each one not used
    (not a system keyring) said so."""
    from console.store.secrets import SecretStoreError

    try:
        found = store.found
    except SecretStoreError:  # the one keyring's settings name cannot be loaded
        return "none started"
    chained = getattr(found, "backends", None)  # keyring's chainer: several in turn
    used = store.backend
    return ", ".join(
        type(backend).__module__ + ("" if type(backend) is type(used) else " (not used)")
        for backend in (chained if chained else [found])
    )


def _history_files() -> list[str]:
    """Which file in the mirrors folder is each profile's history (a live profile's is
    named by a random id): the one to delete to clear it. The settings are only read:
    one that cannot be used (a link, a folder, one far too large) or read lists the
    Sandbox's alone."""
    from console.gui.profiles import SANDBOX_PROFILE, ProfileStore
    from console.gui.settings import Settings, check_file, user_file
    from console.store.mirror_file import mirror_path

    profiles = [SANDBOX_PROFILE]
    path = user_file()
    try:
        check_file(path)
        if path.is_file():
            profiles += ProfileStore(Settings.only_read(path)).live_profiles()
    except OSError:
        pass
    return [f"history of {p.name}: {mirror_path(data_dir(), p.id)}" for p in profiles]


def _options(args: argparse.Namespace) -> dict[str, Any]:
    given = vars(args)
    return {
        "host": given.get("host", DEFAULT_HOST),
        "port": given.get("port", DEFAULT_PORT),
        "public_url": given.get("public_url"),
        "db": given.get("db") or default_db_path(),
        "app_id": given.get("app_id", DEFAULT_APP_ID),
        # On the command line a secret is readable by every user of the computer (ps):
        # it may come from the environment instead. The command line wins.
        "app_secret": given.get("app_secret")
        or os.environ.get(APP_SECRET_ENV)
        or DEFAULT_APP_SECRET,
        "master_secret": given.get("master_secret") or os.environ.get(MASTER_SECRET_ENV) or None,
        "seed": given.get("seed", 0),
        "window": given.get("timestamp_window", DEFAULT_WINDOW_S),
    }


def _stop_event_on_signals() -> threading.Event:
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        logger.info("received signal %d, stopping", signum)
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    return stop


def run_sandbox(options: dict[str, Any], faults: Mapping[str, Fault] | None = None) -> int:
    from console.private_files import make_umask_private
    from console.sandbox import SandboxServer
    from console.sandbox.faults import FaultPlan
    from console.sandbox.seed import seed

    # its database (by default in the console's own data folder), the -wal and -shm
    # beside it and the folders made for it are private, as the console's files are
    make_umask_private()
    db_path = Path(options["db"]).expanduser()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file in the way, a read-only or missing place (HOME)
        reason = "a file is in the way" if isinstance(error, FileExistsError) else error.strerror
        logger.error("cannot make the folder %s for the database: %s", db_path.parent, reason)
        return 1
    stop = _stop_event_on_signals()
    master_secret = options["master_secret"]
    server = SandboxServer(
        db_path,
        {options["app_id"]: options["app_secret"]},
        host=options["host"],
        port=options["port"],
        timestamp_window_s=options["window"],
        faults=FaultPlan(faults),
        master_secrets={options["app_id"]: master_secret} if master_secret else None,
        public_url=options.get("public_url"),
    )
    try:
        server.start()
    except sqlite3.Error as error:  # a folder, a damaged file, another program's database
        logger.error("cannot open the database %s: %s", db_path, error)
        return 1
    except OSError as error:
        logger.error("cannot listen on %s:%s: %s", options["host"], options["port"], error)
        return 1
    try:
        assert server.store is not None
        try:
            created = seed(server.store, options["app_id"], options["seed"])
        except sqlite3.Error as error:  # damage past the file's first pages, a full disk
            logger.error("cannot add demo bills to the database %s: %s", db_path, error)
            return 1
        if created:
            logger.info("created %d demo bills", created)
        logger.info("database %s, app id %s", db_path, options["app_id"])
        if master_secret:
            logger.info("refunds must be signed with the master secret given")
        if not _write_out([server.base_url]):  # whoever started it would never learn it
            return 1
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


# What each of Qt's display platforms on Linux and the BSDs needs in the environment.
_DISPLAYS = {"xcb": ("DISPLAY",), "wayland": ("WAYLAND_DISPLAY",)}


def display_problem(environ: Mapping[str, str], platform: str) -> str | None:
    """Why the window cannot be shown here, or None: with no display to show it on (a
    start over SSH, from a service), Qt prints its plugin's text and aborts the process
    with a core dump. macOS and Windows always have theirs; another platform of Qt's
    (offscreen, vnc, eglfs) needs none of these."""
    if platform.startswith(("darwin", "win", "cygwin")):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if chosen and chosen not in _DISPLAYS:
        return None
    needed = _DISPLAYS.get(chosen, ("DISPLAY", "WAYLAND_DISPLAY"))
    if any(environ.get(name) for name in needed):
        return None
    unset = (
        f"neither {' nor '.join(needed)} is set" if len(needed) > 1 else f"{needed[0]} is not set"
    )
    return f"there is no display to show the window on ({unset}): start it in a desktop session"


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["sandbox-child"]:  # hidden: the console restarting its embedded sandbox
        from console.sandbox.forked import run_child

        return run_child(sys.stdin.read())
    settle_home()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.ready_deadline is not None and not args.exit_when_ready:
        parser.error("--ready-deadline is for --exit-when-ready")
    if args.command is not None:  # the command would run, the window's option dropped
        for option, given in (("--exit-when-ready", args.exit_when_ready), ("--tab", args.tab)):
            if given:
                parser.error(f"{option} is for the console window, not for '{args.command}'")
    if args.command is None and (problem := display_problem(os.environ, sys.platform)):
        print(f"beecloud-console: {problem}", file=sys.stderr)
        return 1
    if args.command is None:
        # No automatic garbage collection from here on: the GUI thread's collector takes
        # it over once the application exists (console/gui/gc_guard.py). Collections
        # while the window's modules loaded only slowed the start.
        gc.disable()
        deadline = None
        if args.exit_when_ready:
            deadline = ReadyDeadline(args.ready_deadline or DEFAULT_READY_DEADLINE_S)
            deadline.arm_backstop()
        from console.gui.pyside_import import load_qt_core

        load_qt_core()  # before the window's modules: they load without PySide6's hook
        from console.gui.app import run

        return run(
            sys.argv[:1], exit_when_ready=args.exit_when_ready, tab=args.tab, deadline=deadline
        )
    if args.command == "info":
        return print_info()
    from console.logs import configure_stderr_logging

    configure_stderr_logging(logging.INFO)
    return run_sandbox(_options(args), vars(args).get("fault"))
