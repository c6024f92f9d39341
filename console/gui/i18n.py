"""The console's language (English or Simplified Chinese) and its locale.

The language is chosen in Settings > Language and kept in the LANGUAGE setting:
"system" (the default: Chinese when the system locale is Chinese, else English),
"en" or "zh_CN". `install()` runs once at start, before any widget
is built: it loads the console's own translation (console/gui/translations/*.qm,
compiled from resources/i18n/*.ts by packaging/compile_translations.py; compiled
into the user's cache folder at first start when a source checkout has none) and
Qt's own (qtbase_zh_CN.qm, for the standard buttons and dialogs).

Dates and times are written with `ui_locale()`, the locale of the language shown:
the system's own when it speaks that language (en_GB keeps its day/month order), in
Western digits, else zh_CN for Chinese and, for English on a system in another
language, ISO 8601 dates. Counts are grouped as amounts are: 12,345.
"""

from __future__ import annotations

import logging
import re
import shutil
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QStandardPaths,
    QTranslator,
)

from console.gui.settings import LANGUAGE, Settings
from console.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from datetime import date

log = logging.getLogger(__name__)

SYSTEM, ENGLISH, CHINESE = "system", "en", "zh_CN"
LANGUAGES = (SYSTEM, ENGLISH, CHINESE)
CATALOGUE = "beecloud_console"  # beecloud_console_zh_CN.ts / .qm

PACKAGE_DIR = Path(__file__).resolve().parent
QM_DIR = PACKAGE_DIR / "translations"  # written by packaging/compile_translations.py
TS_DIR = PACKAGE_DIR.parents[1] / "resources" / "i18n"  # only in a source checkout

# Qt's own texts that its Chinese catalogue lacks (it has them without their shortcut
# letters only), marked in Qt's context so that lupdate puts them in the console's
# catalogue, which the application asks before Qt's: Qt's file dialog (Export…, a CA
# bundle's Browse…, on a desktop without a dialog of its own) said them in English.
QT_TEXTS_QT_LACKS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    # a folder's type in the dialog's list, which it lacks altogether: Qt asks for it
    # with a disambiguation, which lupdate takes from translate() alone (called here,
    # before any translator is installed, it gives the text back)
    QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms"),
    # the list's column of a file's size, which it calls 体积 (a volume)
    QT_TRANSLATE_NOOP("QFileSystemModel", "Size"),
)

ISO_DATE = "yyyy-MM-dd"
TIME_OF_DAY = "HH:mm:ss"
TIME_TO_THE_MINUTE = "HH:mm"


class UiLocale(NamedTuple):
    """How the console writes dates and numbers for the language it shows."""

    language: str  # ENGLISH or CHINESE
    locale: QLocale
    date_format: str  # a QDate format, e.g. yyyy-MM-dd or dd/MM/yyyy
    # the computer's numbers have a decimal comma: "1,500" may be meant as 1.5
    # (console.api.money.parse_amount)
    comma_marks_decimals: bool = False

    @property
    def datetime_format(self) -> str:
        return f"{self.date_format} {TIME_OF_DAY}"


ENGLISH_DEFAULT = UiLocale(
    ENGLISH, QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), ISO_DATE
)
_current = ENGLISH_DEFAULT
_installed: list[QTranslator] = []


def ui_locale() -> UiLocale:
    """The language shown and its locale (English with ISO dates until install())."""
    return _current


def stored_choice(settings: Settings) -> str:
    """What Settings > Language holds: SYSTEM, ENGLISH or CHINESE."""
    value = settings.get(LANGUAGE)
    return value if value in LANGUAGES else SYSTEM


def resolve(choice: str, system: QLocale) -> str:
    """The language shown for a choice: SYSTEM follows the system locale (zh* is Chinese)."""
    if choice in (ENGLISH, CHINESE):
        return choice
    return CHINESE if system.language() == QLocale.Language.Chinese else ENGLISH


def padded_date_format(locale: QLocale) -> str:
    """The locale's short date format with a four-digit year and two-digit day and month
    (so that a column of dates lines up): M/d/yy -> MM/dd/yyyy, yyyy/M/d -> yyyy/MM/dd;
    without direction marks (Egypt's d\u200f/M\u200f/yyyy), which reorder an English
    or Chinese line around the date."""
    text = locale.dateFormat(QLocale.FormatType.ShortFormat)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = re.sub(r"(?<!y)y{1,2}(?!y)", "yyyy", text)
    text = re.sub(r"(?<!M)M(?!M)", "MM", text)
    return re.sub(r"(?<!d)d(?!d)", "dd", text)


def locale_for(language: str, system: QLocale) -> UiLocale:
    """The system's locale when it speaks `language`, with the system's order of a date
    (LC_TIME's); else zh_CN, or ISO dates in English.

    The system's own numbers are not taken: QLocale.system() of a computer whose
    LC_NUMERIC is another country's (en_US with Egypt's numbers, Chinese on a German
    computer) wrote counts and dates in its digits and grouping, "٣٬٠٠٠" or "3.000
    bills", where amounts say 1,234.56; the locale of the language and country named is
    Qt's own, in Western digits. Only whether they mark decimals with a comma is kept:
    an amount a clerk types there may be meant that way (comma_marks_decimals)."""
    wanted = QLocale.Language.Chinese if language == CHINESE else QLocale.Language.English
    comma = system.decimalPoint() == ","
    if system.language() == wanted:
        named = QLocale(system.language(), system.script(), system.territory())
        return UiLocale(language, named, padded_date_format(system), comma)
    if language == CHINESE:
        china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        return UiLocale(CHINESE, china, padded_date_format(china), comma)
    return ENGLISH_DEFAULT._replace(comma_marks_decimals=comma)


# -- translations ------------------------------------------------------------------------


def _cache_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(location or Path.home() / ".cache" / "beecloud-console") / "translations"


def _compile(ts: Path, qm: Path) -> bool:
    """pyside6-lrelease ts -> qm; False (logged) when it cannot."""
    import subprocess  # here: only a source checkout with an edited .ts needs it

    import PySide6

    folder = Path(PySide6.__file__).parent
    bundled = (p for p in (folder / "lrelease", folder / "lrelease.exe") if p.is_file())
    lrelease = next((str(p) for p in bundled), None) or shutil.which("pyside6-lrelease")
    if lrelease is None:
        log.warning("pyside6-lrelease not found: cannot compile %s", ts)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [lrelease, "-silent", str(ts), "-qm", str(qm)], capture_output=True, check=False
    )
    if done.returncode != 0:
        log.warning("pyside6-lrelease failed on %s: %s", ts, done.stderr.decode(errors="replace"))
    return done.returncode == 0 and qm.is_file()


def catalogue_path(language: str) -> Path | None:
    """The compiled translation of the console for `language`.

    The one the build put beside this module, unless a source checkout's .ts is newer
    (a developer edited it): then one compiled from it into the user's cache folder."""
    name = f"{CATALOGUE}_{language}"
    built = QM_DIR / f"{name}.qm"
    ts = TS_DIR / f"{name}.ts"
    if not ts.is_file():
        return built if built.is_file() else None
    if built.is_file() and built.stat().st_mtime >= ts.stat().st_mtime:
        return built
    cached = _cache_dir() / f"{name}.qm"
    if cached.is_file() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    if _compile(ts, cached):
        return cached
    return built if built.is_file() else None


def _load(translator: QTranslator, path: Path | str, name: str = "") -> bool:
    loaded = translator.load(name, str(path)) if name else translator.load(str(path))
    if not loaded:
        log.warning("could not load the translation %s %s", path, name)
    return loaded


def _remove_translators() -> None:
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()


def _install_catalogue(language: str) -> None:
    """The console's own translation of `language` (English's holds only its plural
    forms: "%n bill(s)" says 1 bill, 2 bills)."""
    app = QCoreApplication.instance()
    if app is None:
        return
    path = catalogue_path(language)
    if path is None:  # an install without its translations: said, not only seen
        log.warning("no translation of the console for %s: it speaks English", language)
        return
    mine = QTranslator(app)
    if _load(mine, path):
        app.installTranslator(mine)
        _installed.append(mine)


def uninstall() -> None:
    """Back to English with ISO dates, the default (for tests)."""
    global _current
    _remove_translators()
    _install_catalogue(ENGLISH)
    _current = ENGLISH_DEFAULT
    QLocale.setDefault(ENGLISH_DEFAULT.locale)


def apply(language: str, system: QLocale | None = None) -> UiLocale:
    """Show the console in `language` (ENGLISH or CHINESE) from now on: translators and
    locale. Widgets built before keep their texts; call it before building any."""
    global _current
    _remove_translators()
    system = system if system is not None else QLocale.system()
    app = QCoreApplication.instance()
    if language == CHINESE and app is not None:
        qt_own = QTranslator(app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if _load(qt_own, qt_folder, "qtbase_zh_CN.qm"):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
    _install_catalogue(language)
    _current = locale_for(language, system)
    QLocale.setDefault(_current.locale)
    return _current


def install(settings: Settings, system: QLocale | None = None) -> UiLocale:
    """At start: the language of Settings > Language (or of the system)."""
    system = system if system is not None else QLocale.system()
    return apply(resolve(stored_choice(settings), system), system)


# -- writing dates and numbers ------------------------------------------------------------


def datetime_text(ms: int) -> str:
    """A 13-digit millisecond time in the local time zone, as the UI locale writes it."""
    ui = _current
    return ui.locale.toString(QDateTime.fromMSecsSinceEpoch(ms), ui.datetime_format)


def minute_text(ms: int) -> str:
    """A 13-digit millisecond time to the minute (its seconds left out, never rounded
    up), as the UI locale writes it: for a time said to be "about" then."""
    ui = _current
    when = QDateTime.fromMSecsSinceEpoch(ms)
    return ui.locale.toString(when, f"{ui.date_format} {TIME_TO_THE_MINUTE}")


def moment_text(ms: int, today: date) -> str:
    """When the history was synced, as "as of …" says it: the time alone on `today`,
    else the day and time as each language says a day ("5 Dec 14:03", "12月5日 14:03"),
    with the year when it is not this year's."""
    when = QDateTime.fromMSecsSinceEpoch(ms)
    day = when.date()
    if (day.year(), day.month(), day.day()) == (today.year, today.month, today.day):
        return _current.locale.toString(when, TIME_TO_THE_MINUTE)
    chinese = _current.language == CHINESE
    if day.year() == today.year:
        pattern = "M月d日 HH:mm" if chinese else "d MMM HH:mm"
    else:
        pattern = "yyyy年M月d日 HH:mm" if chinese else "d MMM yyyy HH:mm"
    return _current.locale.toString(when, pattern)


def date_text(ms: int) -> str:
    """The local day of a 13-digit millisecond time, as the UI locale writes a date."""
    ui = _current
    return ui.locale.toString(QDateTime.fromMSecsSinceEpoch(ms).date(), ui.date_format)


def day_text(day: date) -> str:
    """A calendar day, as the UI locale writes a date (the date pickers' way)."""
    ui = _current
    return ui.locale.toString(QDate(day.year, day.month, day.day), ui.date_format)


def month_day_text(day: date) -> str:
    """A calendar day without its year, as the UI locale writes the rest of a date
    (03/01 in China, 01/03 in Britain): the daily chart's axis within one year."""
    ui = _current
    return ui.locale.toString(QDate(day.year, day.month, day.day), without_year(ui.date_format))


def without_year(date_format: str) -> str:
    """A QDate format with its year, and the separator that joins it, taken out:
    yyyy/MM/dd -> MM/dd, dd.MM.yyyy -> dd.MM, yyyy年MM月dd日 -> MM月dd日."""
    return re.sub(r"^y+[^dMy]*|[^dMy]*y+", "", date_format)


def number_text(count: int) -> str:
    """A whole number grouped as amounts are (money.format_amount): 12,345, whatever the
    locale's grouping (Denmark's English wrote "3.000 bills" beside "JPY 10,460")."""
    return f"{count:,}"


# What ends a sentence in Chinese (full-width): no space is set after it.
_FULL_WIDTH_ENDS = tuple("。！？；：…）」』”")


def sentences(*parts: str) -> str:
    """Sentences one after another, as each language sets them: a space between two, but
    none after a full-width stop ("没有退款。系统密钥环已锁定…"). Empty parts are left out."""
    text = ""
    for part in filter(None, parts):
        if text and not text.endswith(_FULL_WIDTH_ENDS):
            text += " "
        text += part
    return text
