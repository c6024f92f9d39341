"""The export writers (console/export): CSV with a BOM and Excel .xlsx, read back with
the csv module and openpyxl; amounts exact, times local ISO, formulas neutralised,
nothing left behind by a cancelled or failed export. No Qt."""

from __future__ import annotations

import csv
import errno
import gc
import io
import os
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover (Windows)
    fcntl = None  # type: ignore[assignment]

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from console import private_files
from console.api.money import CURRENCIES, MAX_FEE, WHOLE_UNIT_CURRENCIES
from console.export import files as export_files
from console.export import table as export_table_module
from console.export.cells import FORMULA_TRIGGERS, Amount, Cell, Moment, neutralised
from console.export.csv_writer import write_csv
from console.export.files import export_table
from console.export.table import CHECK_EVERY, ExportCancelled, ExportTable
from console.export.xlsx_writer import sheet_title, write_xlsx
from tests.file_damage import cannot_write, own_folder, shared_folder

TITLES = ("Bill number", "标题", "Amount", "Currency", "Created")


def table_of(rows: Sequence[Sequence[Cell]], titles: Sequence[str] = TITLES) -> ExportTable:
    """A table whose records are already their cells."""
    return ExportTable(tuple(titles), list(rows), list, sheet_name="Bills")


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def write_csv_bytes(table: ExportTable) -> bytes:
    out = io.BytesIO()
    write_csv(out, table)
    return out.getvalue()


def xlsx_sheet(table: ExportTable) -> Any:
    out = io.BytesIO()
    write_xlsx(out, table)
    out.seek(0)
    return openpyxl.load_workbook(out).active


def xlsx_values(table: ExportTable) -> list[list[Any]]:
    return [list(row) for row in xlsx_sheet(table).iter_rows(values_only=True)]


@pytest.fixture
def shanghai_time() -> Iterator[None]:
    """The process's local time zone is Asia/Shanghai (UTC+8, no summer time)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


ROW = ("BC2026113014050901", "跨境电商运费", Amount(1234, "USD"), "USD", Moment(1_796_018_709_000))


# -- CSV ---------------------------------------------------------------------------------


def test_csv_starts_with_a_bom_and_keeps_chinese(shanghai_time: None) -> None:
    data = write_csv_bytes(table_of([ROW]))
    assert data.startswith(b"\xef\xbb\xbf")
    assert "跨境电商运费".encode() in data
    assert data.count(b"\r\n") == 2  # one line per row, CRLF as Excel writes them
    assert csv_rows(data) == [
        list(TITLES),
        ["BC2026113014050901", "跨境电商运费", "12.34", "USD", "2026-11-30T14:05:09+08:00"],
    ]


def test_csv_quotes_commas_quotes_and_line_breaks() -> None:
    text = 'He said "hi", then\nleft'
    assert csv_rows(write_csv_bytes(table_of([[text, None]], ("A", "B")))) == [
        ["A", "B"],
        [text, ""],
    ]


# -- neutralising formulas ------------------------------------------------------------------


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(trigger: str) -> None:
    text = f'{trigger}HYPERLINK("http://evil.example","click")'
    assert neutralised(text) == "'" + text
    assert csv_rows(write_csv_bytes(table_of([[text]], ("A",))))[1] == ["'" + text]
    in_workbook = "'" + text.replace("\r", "\n")  # XML reads a CR as a line feed
    assert xlsx_values(table_of([[text]], ("A",)))[1] == [in_workbook]


def test_ordinary_text_and_an_apostrophe_already_there_are_kept() -> None:
    for text in ("Order 1234", "跨境电商", "'=already", "a=b", " =1+1", ""):
        assert neutralised(text) == text


def test_negative_amounts_stay_numbers_and_titles_are_neutralised_too() -> None:
    table = table_of([[Amount(-1234, "USD"), "-12.34"]], ("=Amount", "Note"))
    assert csv_rows(write_csv_bytes(table)) == [["'=Amount", "Note"], ["-12.34", "'-12.34"]]
    sheet = xlsx_sheet(table)
    assert sheet["A1"].value == "'=Amount"
    assert sheet["A2"].value == -12.34 and sheet["A2"].data_type == "n"
    assert sheet["B2"].value == "'-12.34" and sheet["B2"].data_type == "s"


def test_xlsx_text_never_becomes_an_error_value_or_holds_a_character_xml_cannot() -> None:
    sheet = xlsx_sheet(table_of([["#N/A", "bell\x07 and null\x00"]], ("A", "B")))
    assert sheet["A2"].value == "#N/A" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == "bell\ufffd and null\ufffd"


texts = st.text(
    alphabet=st.one_of(st.sampled_from(FORMULA_TRIGGERS), st.characters(codec="utf-8")),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(texts, min_size=2, max_size=2), min_size=1, max_size=4), texts)
@example(rows=[["", "'"]], title="A")  # an apostrophe of its own is text, kept as it is
def test_no_exported_text_cell_starts_with_a_formula_trigger(
    rows: list[list[str]], title: str
) -> None:
    table = table_of(rows, (title, "B"))
    read_back = csv_rows(write_csv_bytes(table))
    in_workbook = xlsx_values(table)
    for cells in (*read_back, *in_workbook):
        for cell in cells:
            assert not (cell or "").startswith(FORMULA_TRIGGERS), cells
    for text, cell in zip(rows[0], read_back[1], strict=True):
        # the text itself is kept, whole: behind an apostrophe only when it needed one
        assert cell == ("'" + text if text.startswith(FORMULA_TRIGGERS) else text)


# -- amounts ---------------------------------------------------------------------------------


def exact(hundredths: int, currency: str) -> Decimal:
    value = Decimal(hundredths) / 100
    return value.quantize(Decimal(1) if currency in WHOLE_UNIT_CURRENCIES else Decimal("0.01"))


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(sorted(CURRENCIES)),
    st.integers(min_value=-MAX_FEE, max_value=MAX_FEE),
)
def test_amounts_are_exact_in_major_units_for_every_currency(currency: str, units: int) -> None:
    hundredths = units - units % 100 if currency in WHOLE_UNIT_CURRENCIES else units
    amount = Amount(hundredths, currency)
    assert amount.number() == exact(hundredths, currency)
    assert Decimal(amount.text()) == exact(hundredths, currency)
    assert amount.decimals() == (0 if currency in WHOLE_UNIT_CURRENCIES else 2)


@pytest.mark.parametrize("currency", sorted(CURRENCIES))
def test_every_currency_round_trips_through_both_formats(currency: str) -> None:
    whole = currency in WHOLE_UNIT_CURRENCIES
    amounts = [MAX_FEE - MAX_FEE % 100, 120000, 100, 0, -500] if whole else [MAX_FEE, 1, 1234, -5]
    table = table_of([[Amount(h, currency), currency] for h in amounts], ("Amount", "Currency"))
    for row, hundredths in zip(csv_rows(write_csv_bytes(table))[1:], amounts, strict=True):
        assert row == [str(exact(hundredths, currency)), currency]
    sheet = xlsx_sheet(table)
    number_format = "#,##0" if whole else "#,##0.00"
    for cell, hundredths in zip(sheet["A"][1:], amounts, strict=True):
        assert cell.data_type == "n"
        assert cell.number_format == number_format
        # The value is stored as its decimal text; openpyxl reads it back as int or float,
        # whose shortest repr is that text again (10 significant digits at most).
        assert Decimal(repr(cell.value)) == exact(hundredths, currency)


def test_the_workbook_stores_the_decimal_text_itself() -> None:
    out = io.BytesIO()
    write_xlsx(out, table_of([[Amount(MAX_FEE, "USD")], [Amount(120000, "JPY")]], ("A",)))
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>21474836.47</v>" in xml and "<v>1200</v>" in xml


def test_an_unknown_currency_shows_two_decimals_and_a_whole_unit_one_keeps_odd_cents() -> None:
    assert Amount(1234, None).text() == "12.34"
    assert Amount(1234, "JPY").text() == "12.34"  # not a valid JPY amount: never hide money


# -- times -------------------------------------------------------------------------------------


def test_times_are_local_iso_with_their_offset(shanghai_time: None) -> None:
    assert Moment(1_796_018_709_000).text() == "2026-11-30T14:05:09+08:00"
    assert Moment(1_796_018_709_999).text() == "2026-11-30T14:05:09+08:00"  # to the second
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    assert Moment(1_796_018_709_000).text() == "2026-11-30T01:05:09-05:00"
    assert Moment(1_783_000_000_000).text() == "2026-07-02T09:46:40-04:00"  # summer time


def test_a_time_out_of_range_is_written_as_its_number() -> None:
    assert Moment(10**22).text() == str(10**22)


# -- the workbook --------------------------------------------------------------------------------


def test_xlsx_reads_back_with_openpyxl(shanghai_time: None) -> None:
    sheet = xlsx_sheet(table_of([ROW, ("BC2", "", Amount(120000, "JPY"), "JPY", None)]))
    assert sheet.title == "Bills"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        list(TITLES),
        ["BC2026113014050901", "跨境电商运费", 12.34, "USD", "2026-11-30T14:05:09+08:00"],
        ["BC2", None, 1200, "JPY", None],
    ]
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"


def test_sheet_names_are_made_valid() -> None:
    assert sheet_title("Bills") == "Bills"
    assert sheet_title("a/b:c*d?e[f]g\\h") == "a b c d e f g h"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("") == "Sheet1"


# -- files: whole or not at all ------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".XLSX"])
def test_export_writes_the_format_of_the_extension(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_table_module, "REPORT_EVERY_S", 0)  # report at every look
    path = tmp_path / f"bills{suffix}"
    reported: list[int] = []
    rows = [[f"BC{n}", "t", Amount(n, "USD"), "USD", None] for n in range(2 * CHECK_EVERY + 5)]
    export_table(path, table_of(rows), reported.append, lambda: False)
    assert reported == [CHECK_EVERY, 2 * CHECK_EVERY, len(rows)]
    assert list(tmp_path.iterdir()) == [path]
    if suffix == ".csv":
        assert len(csv_rows(path.read_bytes())) == len(rows) + 1
    else:
        sheet = openpyxl.load_workbook(path).active
        assert sheet is not None and sheet.max_row == len(rows) + 1


def test_an_export_said_done_survives_a_power_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's data is flushed to the disk, then its name: the folder is synced after
    the rename, or a power cut soon after "Exported" could leave no file at all."""
    synced: list[str] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        mode = os.fstat(fd).st_mode
        synced.append("folder" if stat.S_ISDIR(mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    path = tmp_path / "bills.csv"
    export_table(path, table_of([["BC1", "t", Amount(1, "USD"), "USD", None]]))
    assert synced == ["file", "folder"]


def test_progress_is_reported_at_most_once_per_interval_and_always_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each report is a signal queued to the GUI thread: a flood would starve it."""
    monkeypatch.setattr(export_table_module, "REPORT_EVERY_S", 3600)
    reported: list[int] = []
    rows = [[f"BC{n}"] for n in range(5 * CHECK_EVERY)]
    export_table(tmp_path / "a.csv", table_of(rows, ("A",)), reported.append, lambda: False)
    assert reported == [len(rows)]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_cancelled_export_leaves_no_file_and_keeps_an_older_one(
    tmp_path: Path, suffix: str
) -> None:
    older = tmp_path / f"bills{suffix}"
    older.write_bytes(b"the older file")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2

    rows = [[f"BC{n}"] for n in range(5 * CHECK_EVERY)]
    with pytest.raises(ExportCancelled):
        export_table(older, table_of(rows, ("A",)), None, cancelled)
    assert list(tmp_path.iterdir()) == [older]
    assert older.read_bytes() == b"the older file"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cancel_after_the_last_row_still_leaves_no_file(tmp_path: Path, suffix: str) -> None:
    """Cancel pressed once every row is made, while the file is finished: a workbook of a
    million bills is zipped for some 6 s after its last row, its progress full and Cancel
    offered. The export went on, the file was written and "Exported" said, though the
    clerk had cancelled it. Cancel is asked once more before the file takes its name."""
    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    reported: list[int] = []

    def cancelled() -> bool:  # pressed once the last row is reported
        return bool(reported) and reported[-1] == len(rows)

    path = tmp_path / f"bills{suffix}"
    with pytest.raises(ExportCancelled):
        export_table(path, table_of(rows, ("A",)), reported.append, cancelled)
    assert reported[-1] == len(rows)
    assert list(tmp_path.iterdir()) == []


def test_cancel_while_a_workbook_is_zipped_stops_the_zipping() -> None:
    """Cancel pressed (or the window closed) once every row is made, while the workbook
    is zipped: the zip had no look at "cancelled?" and went on to its end, some 2 s per
    250,000 rows, the window frozen meanwhile when it was closing (it waits for the
    export). The zipping stops at its next write; what it leaves is half a file, and
    nothing of it is touched again (its zip, collected, writes no more)."""
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    rows = [[f"BC{n:012d}", f"标题 {n}"] for n in range(20 * CHECK_EVERY)]
    whole = io.BytesIO()
    write_xlsx(whole, table_of(rows, ("A", "B")))
    reported: list[int] = []

    def cancelled() -> bool:  # pressed once the last row is reported
        return bool(reported) and reported[-1] == len(rows)

    out = io.BytesIO()
    with pytest.raises(ExportCancelled):
        write_xlsx(out, table_of(rows, ("A", "B")), reported.append, cancelled)
    written = len(out.getvalue())
    out.close()  # as the export's file is, before its zip is collected
    gc.collect()
    assert written < len(whole.getvalue()) / 10
    assert [name for name in ALL_TEMP_FILES if os.path.exists(name)] == []


def test_a_cancelled_workbook_leaves_no_temporary_file_of_openpyxl(tmp_path: Path) -> None:
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    with pytest.raises(ExportCancelled):
        export_table(tmp_path / "a.xlsx", table_of(rows, ("A",)), None, lambda: True)
    export_table(tmp_path / "b.xlsx", table_of(rows, ("A",)))
    assert [name for name in ALL_TEMP_FILES if os.path.exists(name)] == []


def test_a_folder_that_is_not_there_is_an_os_error_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        export_table(tmp_path / "missing" / "bills.csv", table_of([ROW]))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "stem", ["n" * 251, "账" * 83 + "n", "n" + "账" * 83], ids=["ascii", "chinese", "shifted"]
)
def test_a_name_as_long_as_a_file_system_takes_is_exported(tmp_path: Path, stem: str) -> None:
    """A name of up to 255 bytes is a file's name: its temporary file beside it, named
    after it, must fit as well."""
    path = tmp_path / f"{stem}.csv"
    assert 250 <= len(path.name.encode()) <= 255
    export_table(path, table_of([ROW]))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and [*tmp_path.iterdir()] == [path]


def test_a_read_only_folder_is_an_os_error() -> None:
    with shared_folder() as folder, cannot_write(folder):
        with pytest.raises(PermissionError):
            export_table(folder / "bills.xlsx", table_of([ROW]))
        assert list(folder.iterdir()) == []


@pytest.fixture
def umask_000() -> Iterator[None]:
    """The process's umask 000 (a hostile one: everything made readable and writable by
    all), the umask it had before set back afterwards."""
    before = os.umask(0o000)
    try:
        yield
    finally:
        os.umask(before)


def modes_in(folder: Path) -> dict[str, int]:
    return {entry.name: stat.S_IMODE(entry.lstat().st_mode) for entry in folder.iterdir()}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("console_umask", [True, False], ids=["console", "library"])
def test_an_export_is_private_whatever_the_umask(
    tmp_path: Path, umask_000: None, suffix: str, console_umask: bool
) -> None:
    """An export names a merchant's payers and amounts: 0600 whatever the user's umask,
    in the console (its umask made 077 at start) or not (export_table does not count on
    the process's umask)."""
    if console_umask:
        private_files.make_umask_private()  # (the fixture sets the umask back)
    export_table(tmp_path / f"bills{suffix}", table_of([ROW]))
    assert modes_in(tmp_path) == {f"bills{suffix}": 0o600}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_export_on_its_way_is_private_from_its_first_byte(
    tmp_path: Path, umask_000: None, suffix: str
) -> None:
    """The part being written (hidden beside the file, left there by a killed export) is
    0600 as soon as it is there, not only once renamed."""
    seen: list[dict[str, int]] = []
    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    export_table(
        tmp_path / f"bills{suffix}",
        table_of(rows, ("A",)),
        lambda done: seen.append(modes_in(tmp_path)),
    )
    parts = {name: mode for modes in seen for name, mode in modes.items() if name.endswith(".part")}
    assert parts and set(parts.values()) == {0o600}, parts


@pytest.mark.parametrize("mode", [0o666, 0o644, 0o400])
def test_an_export_over_an_existing_file_makes_it_private(
    tmp_path: Path, umask_000: None, mode: int
) -> None:
    """The clerk picks a file that is there (0666, 0644, or read-only to its owner): it is
    replaced by the export, which is 0600 like any other."""
    path = tmp_path / "bills.csv"
    path.write_text("older")
    path.chmod(mode)
    export_table(path, table_of([ROW]))
    assert modes_in(tmp_path) == {"bills.csv": 0o600}
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_cancelled_or_failed_export_leaves_nothing_under_umask_000(
    tmp_path: Path, umask_000: None
) -> None:
    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    with pytest.raises(ExportCancelled):
        export_table(tmp_path / "a.csv", table_of(rows, ("A",)), None, lambda: True)

    def fail(done: int) -> None:
        raise OSError("the disk is full")

    with pytest.raises(OSError, match="full"):
        export_table(tmp_path / "b.xlsx", table_of(rows, ("A",)), fail)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.txt"):
        export_table(tmp_path / "bills.txt", table_of([ROW]))
    assert list(tmp_path.iterdir()) == []


# An export that never ends, in a process of its own: it says how many rows it has written.
ENDLESS_EXPORT = """
import sys
from pathlib import Path
from console.export.files import export_table
from console.export.table import ExportTable
table = ExportTable(("n",), range(10**9), lambda n: (str(n),))
export_table(Path(sys.argv[1]), table, lambda done: print(done, flush=True))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")
def test_an_export_whose_new_part_another_export_took_away_writes_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another console's export of the same name, starting at that moment, took this
    export's part away as one left by a killed export (made, not yet locked): this one
    wrote to a file no longer there, and failed with 'the folder or file does not
    exist'. A part is written only once locked and still in place; else another is made."""
    path = tmp_path / "bills.csv"
    real = export_files.temporary_path
    made: list[Path] = []

    def taken_away_once(target: Path) -> Path:
        part = real(target)
        made.append(part)
        if len(made) == 1:  # the other console's clean-up, between the making and the lock
            real_open = private_files.open_private

            def open_then_taken(opened: Path, flags: int) -> int:
                descriptor = real_open(opened, flags)
                if opened == part:
                    monkeypatch.setattr(export_files, "open_private", real_open)
                    export_files._take_away_left_parts(target)
                return descriptor

            monkeypatch.setattr(export_files, "open_private", open_then_taken)
        return part

    monkeypatch.setattr(export_files, "temporary_path", taken_away_once)
    export_table(path, table_of([ROW]))
    assert len(made) == 2 and sorted(tmp_path.iterdir()) == [path]
    assert csv_rows(path.read_bytes())[1][0] == ROW[0]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")
def test_what_an_export_killed_half_way_wrote_goes_at_the_next_export_of_that_name(
    tmp_path: Path,
) -> None:
    """The console killed (or the power gone) mid-export left the rows written so far in a
    hidden '.bills.csv.<hex>.part' beside the file, for good: up to hundreds of MB of the
    shop's bills out of sight in the user's folder, one more at each attempt. The next
    export of that name takes it away; the part of an export writing now is left to it."""
    path = tmp_path / "bills.csv"
    child = subprocess.Popen(
        [sys.executable, "-c", ENDLESS_EXPORT, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline()  # rows written
    finally:
        child.kill()
        child.wait(timeout=10)
    [left] = tmp_path.glob(".bills.csv.*.part")
    assert left.stat().st_size > 0 and not path.exists()
    writing = tmp_path / ".bills.csv.0123abcd.part"  # another export's, on its way now
    with writing.open("xb") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        export_table(path, table_of([ROW]))
        assert sorted(tmp_path.iterdir()) == [writing, path]
    assert csv_rows(path.read_bytes())[1][0] == ROW[0]


@pytest.mark.parametrize("there_before", [False, True], ids=["new", "replacing"])
def test_a_file_put_at_the_name_while_exporting_is_never_replaced_unasked(
    tmp_path: Path, there_before: bool
) -> None:
    """Two exports to one name (two tabs, or two consoles sharing a folder): the later
    one to finish replaced the file the other had just written and said "Exported", though
    no one had been asked about that file (when its name was picked, none was there, or
    another). The file the export began with is the one it replaces, or none: a file put
    there meanwhile is kept, and the export fails, leaving nothing."""
    path = tmp_path / "bills.csv"
    if there_before:
        path.write_text("the file the clerk agreed to replace")
    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    finished: list[int] = []

    def another_export_finishes(done: int) -> None:  # at this one's first report of rows
        if not finished:
            finished.append(done)
            other = tmp_path / "other.csv"
            other.write_text("the other export")
            os.replace(other, path)

    with pytest.raises(FileExistsError):
        export_table(path, table_of(rows, ("A",)), another_export_finishes, lambda: False)
    assert sorted(tmp_path.iterdir()) == [path]
    assert path.read_text() == "the other export"


class FillingDisk(io.BytesIO):
    """A file on a disk that is full once `room` bytes are written to it."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: Any) -> int:
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


@pytest.mark.parametrize("cancellable", [True, False], ids=["console", "library"])
def test_a_workbook_the_disk_fills_up_under_leaves_no_error_behind(
    monkeypatch: pytest.MonkeyPatch, cancellable: bool
) -> None:
    """The disk filled while the workbook was zipped: the export failed, rightly, but the
    zip it abandoned, once collected, went on to finish itself in the file closed by then
    ("Exception ignored in ZipFile.__del__: ValueError: seek of closed file" on the
    console's stderr, and an error in a test). An abandoned zip touches its file no more."""
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    rows = [[f"BC{n:012d}", f"标题 {n}"] for n in range(5 * CHECK_EVERY)]
    out = FillingDisk(room=4096)
    with pytest.raises(OSError) as raised:
        write_xlsx(out, table_of(rows, ("A", "B")), None, (lambda: False) if cancellable else None)
    out.close()  # as the export's file is, while the failure goes up, before the zip goes
    assert raised.value.errno == errno.ENOSPC
    del raised  # (its traceback holds the zip)
    gc.collect()
    assert unraisable == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_name_longer_than_the_disk_takes_is_refused_before_any_row_is_written(
    tmp_path: Path, suffix: str
) -> None:
    """A name of more than 255 bytes (86 Chinese characters are 258) was found too long
    only at the rename, after every row was written: a million bills to .xlsx took a
    minute and more to end in "the name is too long". Nothing is written for it."""
    path = tmp_path / f"{'账' * 86}{suffix}"
    reported: list[int] = []
    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    with pytest.raises(OSError) as raised:
        export_table(path, table_of(rows, ("A",)), reported.append, lambda: False)
    assert raised.value.errno == errno.ENAMETOOLONG
    assert reported == [] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_part_its_folder_no_longer_lets_go_keeps_none_of_the_rows(suffix: str) -> None:
    """The folder made read-only while the export ran (by another program, an admin, a
    network share gone read-only): the part could be neither renamed nor removed, and
    stayed hidden in the folder holding every row written, while the console said
    "Nothing was written". What cannot be removed is emptied: none of the shop's bills
    stays out of sight (the next export of that name removes the empty part)."""
    import encodings.utf_8_sig  # noqa: F401  (the CSV's codec, loaded before the block)

    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    with shared_folder() as folder, own_folder(folder):
        made_read_only: list[int] = []

        def read_only_meanwhile(done: int) -> None:
            if not made_read_only:
                made_read_only.append(done)
                folder.chmod(0o555)

        with pytest.raises(PermissionError):
            export_table(folder / f"bills{suffix}", table_of(rows, ("A",)), read_only_meanwhile)
        folder.chmod(0o755)
        assert [(part.suffix, part.stat().st_size) for part in folder.iterdir()] == [(".part", 0)]


def test_a_workbook_is_exported_when_the_temporary_folder_is_unusable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl streamed a workbook's rows to a file of its own in $TMPDIR: with that
    folder full, read-only or gone, the export failed as "Could not write <the chosen
    file>: No space left on device", and the clerk freed room on the wrong disk. The rows
    wait on the chosen folder's disk, the only one an export writes."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-temporary-folder"))
    folder = tmp_path / "chosen"
    folder.mkdir()
    path = folder / "bills.xlsx"
    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    export_table(path, table_of(rows, ("A",)))
    assert [*folder.iterdir()] == [path]
    sheet = openpyxl.load_workbook(path, read_only=True).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(values_only=True)][-1] == f"BC{len(rows) - 1}"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")
def test_a_workbook_killed_half_way_leaves_none_of_its_rows_behind(tmp_path: Path) -> None:
    """A console killed mid-export (or the power gone) left the rows of a workbook written
    so far in $TMPDIR/openpyxl.*, openpyxl's own file, for good: the shop's payers and
    amounts, out of the console's sight. They wait in a file of no name beside the export
    (nothing of it stays), and the export's own part goes at the next export of that name."""
    temporary_folder = tmp_path / "tmp"
    temporary_folder.mkdir()
    folder = tmp_path / "chosen"
    folder.mkdir()
    path = folder / "bills.xlsx"
    child = subprocess.Popen(
        [sys.executable, "-c", ENDLESS_EXPORT, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary_folder)},
    )
    try:
        assert child.stdout is not None and child.stdout.readline()  # rows written
    finally:
        child.kill()
        child.wait(timeout=10)
    assert [*temporary_folder.iterdir()] == []
    export_table(path, table_of([ROW]))
    assert [*folder.iterdir()] == [path]


def test_a_workbooks_rows_wait_in_a_file_of_no_name_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a workbook is written, its folder holds its one part and nothing else (the
    rows' scratch file has no name); where a name cannot be taken from an open file
    (Windows), the scratch is a part of its own, held, and removed at the end."""
    path = tmp_path / "bills.xlsx"
    rows = [[f"BC{n}"] for n in range(3 * CHECK_EVERY)]
    seen: list[list[str]] = []

    def look(done: int) -> None:
        seen.append(sorted(entry.name for entry in tmp_path.iterdir()))

    monkeypatch.setattr(export_table_module, "REPORT_EVERY_S", 0)
    export_table(path, table_of(rows, ("A",)), look)
    assert seen and all(len(names) == 1 and names[0].endswith(".part") for names in seen)

    real_unlink = Path.unlink
    refused: list[Path] = []

    def kept_while_open(self: Path, missing_ok: bool = False) -> None:
        if not refused:  # the scratch's, just made
            refused.append(self)
            raise PermissionError(errno.EACCES, "in use", str(self))
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", kept_while_open)
    export_table(tmp_path / "refunds.xlsx", table_of(rows, ("A",)))
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["bills.xlsx", "refunds.xlsx"]
