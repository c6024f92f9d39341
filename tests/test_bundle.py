"""The installable app: packaging/build.py builds the PyInstaller bundle, and it runs.

The bundle is built once for this module, into a temporary folder (about 20 s on
two cores), then started as a user would: the console window offscreen with a
throwaway HOME, the sandbox server alone, and `info`, which names the keyring the
bundle found (the Secret Service on a private D-Bus, when gnome-keyring is there:
a frozen app has no entry points unless the spec collects keyring's metadata).
"""

from __future__ import annotations

import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cli_support import count_bills
from tests.desktop_support import exec_argv

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_S = 600
RUN_TIMEOUT_S = 120
SANDBOX_APP = ("sandbox-app", "sandbox-secret")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's executable, built by the one build script."""
    for program in ("objcopy", "objdump"):  # PyInstaller's tools on Linux
        if sys.platform.startswith("linux") and shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (Debian: binutils; .ci/run installs it)")
    where = tmp_path_factory.mktemp("bundle")
    log = where / "build.log"
    started = time.monotonic()
    with log.open("w") as output:
        built = subprocess.run(
            [sys.executable, "packaging/build.py", "--dist", where / "dist", "--work", where / "w"],
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=BUILD_TIMEOUT_S,
        )
    assert built.returncode == 0, log.read_text()[-5000:]
    print(f"bundle built in {time.monotonic() - started:.0f} s")
    executable = where / "dist" / "beecloud-console" / "beecloud-console"
    assert executable.is_file()
    return executable


def user_environment(home: Path, **extra: str) -> dict[str, str]:
    """A fresh user's environment: nothing of the test's own (no venv, no PYTHONPATH)."""
    for folder in ("config", "data", "state", "cache", "runtime"):
        (home / folder).mkdir(mode=0o700, parents=True, exist_ok=True)
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
        **extra,
    }


def start_until_ready(bundle: Path, home: Path, *args: str) -> None:
    """The bundle started in `home` with --exit-when-ready: ready, and no traceback."""
    ran = subprocess.run(
        [bundle, *args, "--exit-when-ready"],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        env=user_environment(home, QT_QPA_PLATFORM="offscreen"),
        cwd=home,
    )
    assert ran.returncode == 0, ran.stderr
    assert re.search(r"^ready window_ns=\d+ ", ran.stdout, re.MULTILINE), ran.stdout
    assert "Traceback" not in ran.stderr, ran.stderr


def test_the_bundle_opens_the_console_offscreen_and_exits_when_ready(
    bundle: Path, tmp_path: Path
) -> None:
    start_until_ready(bundle, tmp_path)
    # It ran on its embedded sandbox, in the user's folders.
    assert (tmp_path / "data" / "beecloud-console" / "sandbox.sqlite3").exists()
    assert (tmp_path / "state" / "beecloud-console" / "logs" / "console.log").exists()


def test_the_bundle_opens_the_overview_with_its_charts(bundle: Path, tmp_path: Path) -> None:
    """Built on pyqtgraph and numpy, which the bundle must hold with their data files
    (the plots' icons): the tab is built when the window opens on it."""
    start_until_ready(bundle, tmp_path, "--tab", "overview")
    inside = bundle.parent / "_internal"
    assert (inside / "pyqtgraph" / "icons").is_dir()
    assert not list(inside.rglob("libQt6Charts*")) and not list(inside.rglob("QtCharts*"))


@contextmanager
def sandbox_server(bundle: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    args = ["sandbox", "--port", "0", "--db", str(tmp_path / "s.sqlite3"), "--seed", "7"]
    process = subprocess.Popen(
        [bundle, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=user_environment(tmp_path),
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            assert selector.select(RUN_TIMEOUT_S), "the bundled sandbox printed nothing"
        yield process, process.stdout.readline().strip()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(RUN_TIMEOUT_S)


def test_the_bundles_sandbox_server_serves_and_stops_on_sigterm(
    bundle: Path, tmp_path: Path
) -> None:
    with sandbox_server(bundle, tmp_path) as (process, base_url):
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base_url)
        assert count_bills(base_url, *SANDBOX_APP)["count"] == 7
        process.send_signal(signal.SIGTERM)
        assert process.wait(RUN_TIMEOUT_S) == 0


def test_the_bundle_holds_the_icon_and_translations_and_leaves_out_qt_quick(bundle: Path) -> None:
    inside = bundle.parent / "_internal"
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (inside / "console" / "gui" / "icons" / f"beecloud-console-{size}.png").is_file()
    for compiled in (REPO / "console" / "gui" / "translations").glob("*.qm"):
        assert (inside / "console" / "gui" / "translations" / compiled.name).is_file()
    [metadata] = inside.glob("keyring-*.dist-info")
    assert "SecretService" in (metadata / "entry_points.txt").read_text()
    names = {path.name for path in inside.rglob("*")}
    for left_out in ("libQt6WebEngineCore.so.6", "libQt6Quick.so.6", "libQt6Qml.so.6"):
        assert left_out not in names
    assert "libQt6Widgets.so.6" in names


def test_the_bundle_names_the_keyring_it_found(bundle: Path, tmp_path: Path) -> None:
    """Without a Secret Service it says so plainly; with one, it finds it."""
    ran = subprocess.run(
        [bundle, "info"],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        env=user_environment(tmp_path),
    )
    assert ran.returncode == 0, ran.stderr
    assert "Traceback" not in ran.stderr
    assert f"data: {tmp_path / 'data' / 'beecloud-console'}" in ran.stdout.splitlines()

    for program in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (Debian: dbus-x11, gnome-keyring)")
    shell = (
        'printf "%s" test-password | gnome-keyring-daemon --unlock --components=secrets'
        ' >/dev/null 2>&1 || exit 97; exec "$BUNDLE" info'
    )
    env = user_environment(tmp_path / "keyring", BUNDLE=str(bundle))
    process = subprocess.Popen(
        ["dbus-run-session", "--", "sh", "-c", shell],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # the daemon is ended with the whole group
    )
    try:
        out, err = process.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    if process.returncode == 97:
        pytest.skip("gnome-keyring-daemon could not start")
    assert process.returncode == 0, err
    assert "keyring: keyring.backends.SecretService" in out.splitlines(), out


def test_install_sh_puts_the_app_in_the_users_menu(bundle: Path, tmp_path: Path) -> None:
    env = user_environment(tmp_path)
    installed = subprocess.run(
        ["bash", REPO / "packaging" / "install.sh", bundle.parent],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        env=env,
    )
    assert installed.returncode == 0, installed.stderr
    share = tmp_path / "data"
    [command] = exec_argv(share / "applications" / "io.beecloud.Console.desktop")
    assert command == str(tmp_path / ".local" / "bin" / "beecloud-console")
    for size in (16, 48, 256):
        assert (
            share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "io.beecloud.Console.png"
        ).is_file()
    assert (share / "metainfo" / "io.beecloud.Console.metainfo.xml").is_file()
    ran = subprocess.run(
        [command, "--version"], capture_output=True, text=True, timeout=RUN_TIMEOUT_S, env=env
    )
    assert ran.returncode == 0 and "beecloud-console" in ran.stdout, ran.stderr
