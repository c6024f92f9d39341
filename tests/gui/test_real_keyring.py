"""SecretStore against a real Secret Service: gnome-keyring-daemon on a private D-Bus.

The check runs in a subprocess under `dbus-run-session`, with HOME and the XDG
folders in a temporary directory, so it never touches the user's own keyring.
It skips (never fails) when the system lacks the D-Bus or keyring programs or
the daemon cannot start; it is bounded in time.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_SECONDS = 30
DAEMON_FAILED = 97  # the shell's exit code when gnome-keyring-daemon did not start
UNAVAILABLE = 98  # the script's exit code when keyring's SecretService backend cannot run

# Starts the daemon with the login keyring unlocked by the password on stdin, then the check.
# Its output goes to a file, so that no daemon left behind can hold our pipes open.
SHELL = (
    'printf "%s" "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets'
    f' >"$DAEMON_LOG" 2>&1 || exit {DAEMON_FAILED}; exec "$CHECK_PYTHON" "$CHECK_SCRIPT"'
)

CHECK = f"""
import json, sys

import keyring.backends.SecretService

from console.store.secrets import SERVICE, SecretStore, SecretStoreError

print("daemon started", flush=True)
backend = keyring.backends.SecretService.Keyring()
try:
    backend.priority  # raises when the backend cannot run here
    backend.get_preferred_collection()  # raises when no Secret Service answers on the bus
except Exception as error:
    print(f"SecretService unavailable: {{type(error).__name__}}: {{error}}", flush=True)
    sys.exit({UNAVAILABLE})

store = SecretStore(backend)
result = {{"service": SERVICE, "location": store.place().english(), "works": store.keyring_works()}}
try:
    store.set("profile-real", "real-keyring-secret-42")
    result["got"] = store.get("profile-real")
    result["raw"] = backend.get_password(SERVICE, "profile-real")
    store.delete("profile-real")
    result["after_delete"] = store.get("profile-real")
    store.delete("profile-real")  # deleting again is quiet
    result["deleted_twice"] = True
except SecretStoreError as error:
    result["error"] = str(error)
print("RESULT " + json.dumps(result), flush=True)
"""


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else "(no message)"


def _run_isolated(tmp_path: Path) -> tuple[int | None, str, str]:
    """Run the check; (None, out, err) on timeout. The whole process group is ended."""
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700)
    script = tmp_path / "check_keyring.py"
    script.write_text(CHECK)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")
        and not key.startswith(("GNOME_KEYRING", "XDG_"))
    }
    env |= {
        "HOME": str(home),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHONPATH": str(REPO),
        "KEYRING_PASSWORD": "test-keyring-password",
        "CHECK_PYTHON": sys.executable,
        "CHECK_SCRIPT": str(script),
        "DAEMON_LOG": str(tmp_path / "daemon.log"),
    }
    process = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", SHELL],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT_SECONDS)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        code = None
        os.killpg(process.pid, signal.SIGKILL)
        try:
            out, err = process.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            out, err = "", ""
    return code, out, err


def test_secret_store_sets_gets_and_deletes_in_a_real_secret_service(tmp_path: Path) -> None:
    for program in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (Debian: dbus-x11, gnome-keyring)")

    code, out, err = _run_isolated(tmp_path)
    daemon_log = tmp_path / "daemon.log"
    daemon_said = daemon_log.read_text(errors="replace") if daemon_log.exists() else ""
    if code is None and "daemon started" not in out:
        pytest.skip(f"the keyring daemon did not start within {TIMEOUT_SECONDS} s")
    assert code is not None, f"the check did not finish in {TIMEOUT_SECONDS} s:\n{out}\n{err}"
    if code == DAEMON_FAILED:
        pytest.skip(f"gnome-keyring-daemon could not start: {_last_line(daemon_said)}")
    if code == UNAVAILABLE:
        pytest.skip(_last_line(out))
    if code != 0 and "daemon started" not in out:
        pytest.skip(f"dbus-run-session could not start a session bus: {_last_line(err)}")

    assert code == 0, f"{out}\n{err}"
    [line] = [line for line in out.splitlines() if line.startswith("RESULT ")]
    result = json.loads(line.removeprefix("RESULT "))
    assert result == {
        "service": "beecloud-console",
        "location": "Secrets are kept in the desktop's keyring (GNOME Keyring or KWallet), "
        "under “beecloud-console”.",
        "works": True,
        "got": "real-keyring-secret-42",
        "raw": "real-keyring-secret-42",
        "after_delete": None,
        "deleted_twice": True,
    }
