"""The console started on computers set to other countries' ways (LANG, LANGUAGE,
LC_NUMERIC, LC_TIME): what it writes in English or Chinese is written as its amounts
are, in Western digits, whatever the computer's numbers look like.

Qt reads the locale from the environment once, at start, so each case is a console's
own start in a process of its own (Qt needs no locale installed on the computer)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli_support import STARTUP_TIMEOUT_S, home_of_its_own

# What the console writes at start, in the language it chose: a count, a moment, a day.
_SAID = """
import json, sys
from datetime import date
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from console.gui import i18n
from console.gui.settings import Settings
ui = i18n.install(Settings.in_file(Path(sys.argv[1]) / "settings.ini"))
moment = int(__import__("datetime").datetime(2026, 3, 7, 9, 5, 4).timestamp()) * 1000
print(json.dumps({
    "language": ui.language,
    "count": i18n.number_text(300_000),
    "moment": i18n.datetime_text(moment),
    "day": i18n.day_text(date(2026, 3, 7)),
    "comma": ui.comma_marks_decimals,
}))
"""


def said_at_start(tmp_path: Path, **locale: str) -> dict[str, Any]:
    environment = {
        name: value
        for name, value in home_of_its_own(tmp_path).items()
        if not name.startswith(("LC_", "LANG"))
    }
    done = subprocess.run(
        [sys.executable, "-c", _SAID, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=STARTUP_TIMEOUT_S,
        env={**environment, **locale},
        cwd=os.getcwd(),
    )
    assert done.returncode == 0, done.stderr
    said: dict[str, Any] = json.loads(done.stdout)
    return said


@pytest.mark.parametrize(
    ("locale", "said"),
    [
        # English shown, numbers set to Egypt's: the counts and dates were written in
        # Arabic-Indic digits, "٣٠٠٬٠٠٠ bills", and the status bar's sentence came apart
        # ("History as of ٣٠٠٬٠٠٠ ١:٥٣ bills")
        (
            {"LANG": "en_US.UTF-8", "LC_NUMERIC": "ar_EG.UTF-8"},
            ("en", "300,000", "03/07/2026 09:05:04", "03/07/2026"),
        ),
        # English of Denmark: "300.000 bills" beside "JPY 10,460"
        ({"LANG": "en_DK.UTF-8"}, ("en", "300,000", "07/03/2026 09:05:04", "07/03/2026")),
        # English of South Africa: "300 000 bills"
        ({"LANG": "en_ZA.UTF-8"}, ("en", "300,000", "2026/03/07 09:05:04", "2026/03/07")),
        # English of India: "3,00,000 bills"
        ({"LANG": "en_IN.UTF-8"}, ("en", "300,000", "07/03/2026 09:05:04", "07/03/2026")),
        # Chinese asked for by LANGUAGE on a German computer: "300.000 笔账单"
        (
            {"LANG": "de_DE.UTF-8", "LANGUAGE": "zh_CN"},
            ("zh_CN", "300,000", "07.03.2026 09:05:04", "07.03.2026"),
        ),
        # days written as the computer's LC_TIME orders them, without its direction marks
        (
            {"LANG": "en_US.UTF-8", "LC_TIME": "ar_EG.UTF-8"},
            ("en", "300,000", "07/03/2026 09:05:04", "07/03/2026"),
        ),
        ({"LANG": "en_US.UTF-8"}, ("en", "300,000", "03/07/2026 09:05:04", "03/07/2026")),
        ({"LANG": "de_CH.UTF-8"}, ("en", "300,000", "2026-03-07 09:05:04", "2026-03-07")),
    ],
    ids=lambda value: "-".join(value.values()) if isinstance(value, dict) else None,
)
def test_counts_and_dates_are_written_as_amounts_are_whatever_the_computer_s_locale(
    tmp_path: Path, locale: dict[str, str], said: tuple[str, str, str, str]
) -> None:
    shown = said_at_start(tmp_path, **locale)
    assert (shown["language"], shown["count"], shown["moment"], shown["day"]) == said


@pytest.mark.parametrize(
    ("locale", "comma"),
    [
        ({"LANG": "de_DE.UTF-8"}, True),
        ({"LANG": "en_US.UTF-8", "LC_NUMERIC": "fr_FR.UTF-8"}, True),  # the numbers' own
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "zh_CN"}, True),  # Chinese shown
        ({"LANG": "en_US.UTF-8"}, False),
        ({"LANG": "zh_CN.UTF-8"}, False),
        ({"LANG": "de_CH.UTF-8"}, False),  # Switzerland: a decimal point
    ],
    ids=lambda value: "-".join(value.values()) if isinstance(value, dict) else None,
)
def test_whether_a_comma_marks_decimals_is_the_computer_s_numbers_own(
    tmp_path: Path, locale: dict[str, str], comma: bool
) -> None:
    """Where the computer's numbers have a decimal comma, a clerk's "1,500" may be meant
    as one and a half (console.api.money.parse_amount): which computers those are."""
    assert said_at_start(tmp_path, **locale)["comma"] is comma
