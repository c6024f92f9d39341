"""Print pip constraints that pin every dependency in pyproject.toml to its lower bound.

    python packaging/lowest_constraints.py > lowest.txt
    PIP_CONSTRAINT=lowest.txt pip install -e '.[test]'
    python packaging/lowest_constraints.py --check   # with that environment's Python

installs the oldest versions that pyproject.toml allows (the runtime dependencies,
every optional extra's and, through PIP_CONSTRAINT, which pip's build environment
reads too, the build system's), then checks that they are the ones installed, so
that a test run there shows whether the bounds are honest (packaging/test_lowest.sh
does all three, then runs the tests). The pins are read from pyproject.toml each
time, so they never drift from it: adding or removing a dependency there is the
only edit. A requirement's lower bound is the
version of its `>=`, `==` or `~=` clause; one without (no version, or only `<`,
`!=`) is pinned to nothing and named on standard error. A name required twice
(e.g. PySide6-Essentials by the build system and at run time) is pinned to the
higher of its lower bounds. Standard library only: it runs before anything is
installed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

# name [extras] (specifiers) ; marker — PEP 508 without URLs, which pyproject here has none of
REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r"(?P<specifiers>[^;]*?)\s*(?:;(?P<marker>.*))?$"
)
CLAUSE = re.compile(r"^\s*(?P<operator>~=|===|==|!=|<=|>=|<|>)\s*(?P<version>[^\s,]+)\s*$")
LOWER = ("==", "===", ">=", "~=")


def canonical(name: str) -> str:
    """PEP 503's normalised name: PySide6_Essentials and pyside6-essentials are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(version: str) -> tuple[int, ...]:
    """Enough of PEP 440 to compare the release numbers of lower bounds (6.6 < 6.6.1)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    if release is None:
        raise ValueError(f"not a version: {version!r}")
    numbers = [int(part) for part in release.group().split(".")]
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def lower_bound(requirement: str) -> tuple[str, str | None]:
    """(name, the lowest version it allows, or None when it names none)."""
    match = REQUIREMENT.match(requirement)
    if match is None or match.group("marker"):
        raise ValueError(f"cannot read the requirement {requirement!r}")
    name = match.group("name")
    specifiers = match.group("specifiers").strip().strip("()")
    lowest: str | None = None
    for text in filter(None, (part.strip() for part in specifiers.split(","))):
        clause = CLAUSE.match(text)
        if clause is None:
            raise ValueError(f"cannot read {text!r} in the requirement {requirement!r}")
        operator, version = clause.group("operator"), clause.group("version")
        higher = lowest is None or version_key(version) > version_key(lowest)
        if operator in LOWER and "*" not in version and higher:
            lowest = version
    return name, lowest


def requirements(pyproject: Path = PYPROJECT, build: bool = True) -> list[str]:
    """Every requirement pyproject.toml names: the build system's (unless not `build`),
    the dependencies and every optional extra's."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data["project"]
    found = list(data.get("build-system", {}).get("requires", [])) if build else []
    found += project.get("dependencies", [])
    for extra in project.get("optional-dependencies", {}).values():
        found += extra
    return found


def lowest_pins(
    pyproject: Path = PYPROJECT, build: bool = True
) -> tuple[dict[str, str], list[str]]:
    """({name: its lowest allowed version}, the names with no lower bound)."""
    pins: dict[str, tuple[str, str]] = {}  # canonical name: (name as written, version)
    unbounded: list[str] = []
    for requirement in requirements(pyproject, build):
        name, version = lower_bound(requirement)
        key = canonical(name)
        if version is None:
            unbounded.append(name)
            continue
        if key not in pins or version_key(version) > version_key(pins[key][1]):
            pins[key] = (name, version)
    unbounded = [name for name in unbounded if canonical(name) not in pins]
    return dict(pins.values()), unbounded


def constraints(pyproject: Path = PYPROJECT) -> str:
    pins, _ = lowest_pins(pyproject)
    lines = ["# pyproject.toml's lower bounds, by packaging/lowest_constraints.py: do not edit."]
    lines += [f"{name}=={version}" for name, version in pins.items()]
    return "\n".join(lines) + "\n"


def installed_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def check_installed(
    pins: dict[str, str], version_of: Callable[[str], str | None] = installed_version
) -> list[str]:
    """What is not installed at its pin, in words (nothing: all are)."""
    problems = []
    for name, pinned in pins.items():
        found = version_of(name)
        if found is None:
            problems.append(f"{name}: not installed")
        elif version_key(found) != version_key(pinned):
            problems.append(f"{name}: {found} installed, not {pinned}")
    return problems


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        # The build system's pins are for pip's build environment, not this one.
        pins, _ = lowest_pins(build=False)
        problems = check_installed(pins)
        for problem in problems:
            print(f"not at its lower bound: {problem}", file=sys.stderr)
        if not problems:
            print(f"{len(pins)} dependencies installed at their lower bounds")
        return 1 if problems else 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    _, unbounded = lowest_pins()
    for name in unbounded:
        print(f"{name}: no lower bound in pyproject.toml, left unpinned", file=sys.stderr)
    sys.stdout.write(constraints())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
