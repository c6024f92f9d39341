"""The console's command run for real as a subprocess, and the sandbox it starts
asked over HTTP with a signed request.

A test that starts the whole console (`--exit-when-ready`: it prints "ready …" and
exits) does it through console_until_ready, in a home of its own (home_of_its_own)."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from console.api.signing import signature_fields
from tests.sandbox_support import TIMEOUT_S

STARTUP_TIMEOUT_S = 30
READY_TIMEOUT_S = 120  # a whole start to its first page, on a loaded machine
ROOT = Path(__file__).resolve().parents[1]

# What of this process's environment a console in a home of its own does not inherit:
# the keyring it would reach (the user's own, over the session bus, or one named) and
# the proxies its calls would go through.
_NOT_INHERITED = ("PYTHON_KEYRING_BACKEND", "DBUS_SESSION_BUS_ADDRESS")


def home_of_its_own(home: Path, **folders: Path) -> dict[str, str]:
    """The environment of a console started in a home of its own, offscreen: its
    settings, data and logs under `home` (XDG_DATA_HOME=..., given as data=...), and
    neither this process's keyring nor its proxies."""
    environment = {
        **{
            name: value
            for name, value in os.environ.items()
            if name not in _NOT_INHERITED and not name.lower().endswith("_proxy")
        },
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    for name, folder in folders.items():
        environment[f"XDG_{name.upper()}_HOME"] = str(folder)
    return environment


def _run_in_a_home(
    command: list[str], home: Path, timeout: float, umask: int = -1, **folders: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=ROOT,
        env=home_of_its_own(home, **folders),
        capture_output=True,
        text=True,
        timeout=timeout,
        umask=umask,
    )


def console_until_ready(
    home: Path,
    *args: str,
    before: str = "",
    timeout: float = READY_TIMEOUT_S,
    umask: int = -1,
    **folders: Path,
) -> subprocess.CompletedProcess[str]:
    """`beecloud-console --exit-when-ready ARGS` run to its end in a home of its own
    (home_of_its_own: `folders` as there), with `umask` (or this one's), after the
    code `before` when given: what it did (returncode, stdout, stderr)."""
    command = ["--exit-when-ready", *args]
    if before:
        code = f"import sys\n{before}\nfrom console.cli import main\nsys.exit(main(sys.argv[1:]))"
        program = [sys.executable, "-c", code]
    else:
        program = [sys.executable, "-m", "console"]
    return _run_in_a_home([*program, *command], home, timeout, umask, **folders)


def python_in_a_home(code: str, home: Path) -> str:
    """Run `python -c CODE` in a home of its own (a whole start of the console, when
    the code calls its command): its standard output. It must exit with 0."""
    done = _run_in_a_home([sys.executable, "-c", code], home, STARTUP_TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextmanager
def running(
    args: list[str], tmp_path: Path, env: dict[str, str] | None = None, umask: int = -1
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Start `python -m console ARGS` (with `umask`, or this one's); yield the process
    and its one stdout line."""
    stderr = (tmp_path / "stderr.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "console", *args],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        env={**os.environ, **(env or {})},
        umask=umask,
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            ready = selector.select(STARTUP_TIMEOUT_S)
        assert ready, "the sandbox printed nothing in time"
        line = process.stdout.readline()
        assert line, f"the sandbox exited: {(tmp_path / 'stderr.log').read_text()}"
        yield process, line
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(TIMEOUT_S)
        stderr.close()


def count_bills(base_url: str, app_id: str, secret: str) -> dict[str, object]:
    para = json.dumps(signature_fields(app_id, secret))
    response = requests.get(f"{base_url}/2/rest/bills/count", params={"para": para}, timeout=10)
    assert response.status_code == 200
    return response.json()
