"""packaging/install.sh, run on a stand-in for the bundle (a folder whose
`beecloud-console` is a script saying its version): what it installs for a user,
where, who may change it, and what --uninstall takes away again. The real bundle is
installed by tests/test_bundle.py."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.desktop_support import exec_argv

REPO = Path(__file__).resolve().parents[1]
INSTALL = REPO / "packaging" / "install.sh"
DESKTOP = "io.beecloud.Console.desktop"
TIMEOUT_S = 30


def fake_bundle(where: Path) -> Path:
    bundle = where / "dist" / "beecloud-console"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK")
    program = bundle / "beecloud-console"
    program.write_text('#!/bin/sh\necho "beecloud-console 0.1.0 $*"\n')
    program.chmod(0o755)
    return bundle


def user_environment(home: Path) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8"}


def install(home: Path, *args: str | Path, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", INSTALL, *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=user_environment(home),
        umask=umask,
    )


@pytest.mark.parametrize("home_name", ["home", "Ann Lee", "Ann & Lee's $HOME (100%)"])
def test_the_menu_entry_runs_the_installed_command_wherever_home_is(
    tmp_path: Path, home_name: str
) -> None:
    home = tmp_path / home_name
    home.mkdir()
    done = install(home, fake_bundle(tmp_path))
    assert done.returncode == 0, done.stderr
    argv = exec_argv(home / ".local" / "share" / "applications" / DESKTOP)
    assert argv == [str(home / ".local" / "bin" / "beecloud-console")]
    ran = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT_S)
    assert ran.stdout == "beecloud-console 0.1.0 \n"


def test_installing_again_from_the_installed_folder_keeps_the_app(tmp_path: Path) -> None:
    """It replaced the installed folder by deleting it first: given that very folder
    (or a link to it), it deleted the app it was to copy, and left a dead command."""
    home = tmp_path / "home"
    home.mkdir()
    assert install(home, fake_bundle(tmp_path)).returncode == 0
    installed = home / ".local" / "lib" / "beecloud-console"
    again = install(home, installed)
    assert again.returncode == 0, again.stderr
    command = home / ".local" / "bin" / "beecloud-console"
    ran = subprocess.run([command], capture_output=True, text=True, timeout=TIMEOUT_S)
    assert ran.stdout == "beecloud-console 0.1.0 \n"
    assert (installed / "_internal" / "base_library.zip").is_file()


def test_nothing_it_installs_can_be_changed_by_other_users_whatever_the_umask(
    tmp_path: Path,
) -> None:
    """The program, the folders it makes and the menu entry are the user's alone to
    change (others may read and run them): with umask 000 (and a bundle built under it)
    another user could have replaced the command the menu runs."""
    home = tmp_path / "home"
    home.mkdir()
    bundle = fake_bundle(tmp_path)
    for path in [bundle, *bundle.rglob("*")]:
        path.chmod(0o777 if path.is_dir() or path.name == "beecloud-console" else 0o666)
    done = install(home, bundle, umask=0)
    assert done.returncode == 0, done.stderr
    for path in [home, *home.rglob("*")]:
        if path.is_symlink():
            continue
        mode = stat.S_IMODE(path.lstat().st_mode)
        assert mode & 0o022 == 0, f"{path}: {mode:o}"


def installed_files(home: Path) -> set[Path]:
    """The files under home, but the caches the desktop's tools keep (they stay, updated)."""
    caches = {"mimeinfo.cache", "icon-theme.cache"}
    return {
        path.relative_to(home)
        for path in home.rglob("*")
        if (path.is_file() or path.is_symlink()) and path.name not in caches
    }


def test_uninstall_takes_away_what_it_installed_and_nothing_of_the_users(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share" / "beecloud-console"
    data.mkdir(parents=True)
    (data / "console.sqlite3").write_bytes(b"the user's journal")
    before = installed_files(home)
    assert install(home, fake_bundle(tmp_path)).returncode == 0
    assert len(installed_files(home)) > len(before) + 10
    done = install(home, "--uninstall")
    assert done.returncode == 0, done.stderr
    assert installed_files(home) == before
    assert str(data) in done.stdout, "it says where the user's data stays"
    assert not (home / ".local" / "lib" / "beecloud-console").exists()


def test_uninstall_leaves_a_beecloud_console_command_it_did_not_install(tmp_path: Path) -> None:
    """`pip install --user` puts its own command in ~/.local/bin."""
    home = tmp_path / "home"
    command = home / ".local" / "bin" / "beecloud-console"
    command.parent.mkdir(parents=True)
    command.write_text("#!/bin/sh\n")
    done = install(home, "--uninstall")
    assert done.returncode == 0, done.stderr
    assert command.read_text() == "#!/bin/sh\n"


def test_a_folder_that_holds_no_app_is_said_and_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = install(home, tmp_path / "nowhere")
    assert done.returncode == 1
    assert "No app at" in done.stderr
    assert list(home.iterdir()) == []


def test_it_refuses_to_replace_or_remove_the_app_while_it_runs(tmp_path: Path) -> None:
    """The running console reads its modules from its executable, by name, as it needs
    them: replaced under it by an update (or removed), its next tab or dialog failed with
    "An unexpected error occurred" (zlib.error). Closed, it installs as before."""
    home = tmp_path / "home"
    home.mkdir()
    bundle = fake_bundle(tmp_path)
    shutil.copy(shutil.which("sleep") or "/bin/sleep", bundle / "beecloud-console")
    assert install(home, bundle).returncode == 0
    command = home / ".local" / "bin" / "beecloud-console"
    installed = (home / ".local" / "lib" / "beecloud-console" / "beecloud-console").read_bytes()
    console = subprocess.Popen([command, "60"])
    try:
        for args in ((bundle,), ("--uninstall",)):
            refused = install(home, *args)
            assert refused.returncode == 1, refused.stdout
            assert f"BeeCloud Console is running (process {console.pid})" in refused.stderr
            assert command.resolve().read_bytes() == installed
    finally:
        console.kill()
        console.wait(TIMEOUT_S)
    assert install(home, bundle).returncode == 0
    assert install(home, "--uninstall").returncode == 0
    assert not command.exists()
