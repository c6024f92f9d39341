"""The README's Layout table names every module and package of the console, and
nothing that is not there: a reader finds each concern where the table says."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSOLE = ROOT / "console"


def layout_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Layout")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else None]


def rows() -> dict[str, str]:
    """The table's rows: the path column (as written) -> the row's text."""
    found = {}
    for line in layout_section().splitlines():
        if line.startswith("| `"):
            path, _, rest = line[2:].partition(" | ")
            found[path] = rest
    return found


def named_in(text: str) -> set[str]:
    return set(re.findall(r"`([\w./-]+)`", text))


def test_every_module_of_the_console_is_named_in_its_folder_s_row() -> None:
    table = rows()
    missing = []
    for path in sorted(CONSOLE.rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        relative = path.relative_to(ROOT)
        folder = f"`{relative.parent.as_posix()}/`"
        in_own_row = any(f"`{relative.as_posix()}`" in key for key in table)
        # a module of a subpackage may be named in its parent's row (tabs/payment/...)
        rows_of = [text for key, text in table.items() if key.startswith(folder)]
        parent = f"`{relative.parent.parent.as_posix()}/`"
        rows_of += [text for key, text in table.items() if key.startswith(parent)]
        if not in_own_row and not any(path.stem in named_in(text) for text in rows_of):
            missing.append(relative.as_posix())
    assert missing == []


def test_every_path_the_table_names_exists() -> None:
    for key in rows():
        for path in re.findall(r"`([^`]+)`", key):
            assert (ROOT / path).exists(), path
