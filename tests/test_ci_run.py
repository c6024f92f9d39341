""".ci/run's first step, the system packages, on a machine made of stand-ins: a
dpkg-query that names what is installed, an apt-get that notes what it is asked and
then fails (so that the run stops there: nothing of the suite runs here), a python3
and an id chosen by the test. The rest of .ci/run is the README's test command."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TIMEOUT_S = 30


def machine(where: Path, *, installed: str, python3: str, uid: int) -> Path:
    """A folder for PATH: the tools .ci/run needs, and stand-ins for the others."""
    tools = where / "bin"
    tools.mkdir()
    for name in ("bash", "dirname", "grep", "awk", "cat", "paste"):
        found = shutil.which(name)
        assert found is not None, name
        (tools / name).symlink_to(found)
    scripts = {
        # installed: the packages said to be installed, one a line ("*" for all)
        "dpkg-query": f'for p in "$@"; do :; done; grep -qx -e "$p" -e "*" {where}/installed'
        ' && echo "install ok installed"',
        "apt-get": f'echo "$*" >>{where}/apt-get.log; [ "$1" = update ]',
        "python3": python3,
        "id": f"echo {uid}",
    }
    (where / "installed").write_text(installed)
    for name, body in scripts.items():
        (tools / name).write_text(f"#!{shutil.which('bash')}\n{body}\n")
        (tools / name).chmod(0o755)
    return tools


def run_ci(tools: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tools / "bash", REPO / ".ci" / "run"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env={"PATH": str(tools), "HOME": str(tools.parent)},
    )


def test_a_python3_that_cannot_make_a_venv_gets_python3_venv(tmp_path: Path) -> None:
    """Debian's python3 makes no venv without python3-venv (no ensurepip), and the
    README's test command begins with `python3 -m venv`."""
    tools = machine(tmp_path, installed="*\n", python3="exit 1", uid=0)
    done = run_ci(tools)
    assert done.returncode != 0
    asked = (tmp_path / "apt-get.log").read_text().splitlines()
    assert asked[0] == "update -qq"
    assert "python3-venv" in asked[1].split(), asked


def test_a_bare_debian_gets_python3_too(tmp_path: Path) -> None:
    tools = machine(tmp_path, installed="*\n", python3="exit 1", uid=0)
    (tools / "python3").unlink()
    run_ci(tools)
    asked = (tmp_path / "apt-get.log").read_text().splitlines()
    assert {"python3", "python3-venv"} <= set(asked[1].split()), asked


def test_a_python3_that_makes_venvs_is_left_as_it_is(tmp_path: Path) -> None:
    """pyenv's or the python image's python3 is no Debian package: nothing is asked."""
    tools = machine(tmp_path, installed="libgl1\n", python3="exit 0", uid=0)
    run_ci(tools)
    asked = (tmp_path / "apt-get.log").read_text().splitlines()
    assert "libgl1" not in asked[1].split() and "python3-venv" not in asked[1].split()
    assert "libegl1" in asked[1].split()


def test_without_root_it_names_what_is_missing_and_how_to_install_it(tmp_path: Path) -> None:
    tools = machine(tmp_path, installed="*\n", python3="exit 1", uid=1000)
    done = run_ci(tools)
    assert done.returncode == 1
    assert not (tmp_path / "apt-get.log").exists()
    assert "apt-get install python3-venv" in done.stderr, done.stderr
