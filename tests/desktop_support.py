"""A desktop file read as the desktop reads it."""

from __future__ import annotations

from pathlib import Path


def exec_argv(entry: Path) -> list[str]:
    """The Exec key of a desktop file read as the Desktop Entry Specification says: a
    string value (\\s \\n \\t \\r \\\\ escapes), then arguments split at spaces, an
    argument in double quotes whole, where \\" \\` \\$ \\\\ stand for the character."""
    [line] = [line for line in entry.read_text("utf-8").splitlines() if line.startswith("Exec=")]
    value, text = line.removeprefix("Exec="), ""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    index = 0
    while index < len(value):
        if value[index] == "\\":
            text += escapes[value[index + 1]]
            index += 2
        else:
            text += value[index]
            index += 1
    argv: list[str] = []
    word, quoted, index, started = "", False, 0, False
    while index < len(text):
        char = text[index]
        if quoted and char == "\\":
            assert text[index + 1] in '"`$\\', f"{text[index + 1]!r} is not escaped: {line}"
            word, index = word + text[index + 1], index + 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started:
                argv.append(word)
            word, started = "", False
        else:
            assert quoted or char not in "\"'\\><~|&;$*?#()`\t", f"{char!r} not quoted: {line}"
            word, started = word + char, True
        index += 1
    assert not quoted, line
    if started:
        argv.append(word)
    return [arg.replace("%%", "%") for arg in argv]
