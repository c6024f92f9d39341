"""Qt's own model checks (pytest-qt's qtmodeltester) on the records models and their
proxy, while pages are added, filtered, sorted and cleared: every index, parent,
row count and change signal as Qt's views expect them.

Each is checked by both testers: Qt's C++ QAbstractItemModelTester (its findings
are Qt warnings "FAIL! ...", which pytest-qt turns into a failed test) and pytest-qt's
Python one (its findings are assertion errors)."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import shiboken6
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QtMsgType
from PySide6.QtWidgets import QApplication

from console.gui.tables.filter_proxy import RecordsProxy
from console.gui.tables.history_model import BillsHistoryModel, HistoryModel, RefundsHistoryModel
from console.gui.tables.records_model import RecordsModel
from console.store import mirror_query as mq
from console.store.mirror import BILLS, Mirror
from console.store.mirror_query import Selection
from tests.gui.records_support import BASE_MS, BillRows, RefundRows, bill, refund

ASCENDING, DESCENDING = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def qt_findings(qtlog) -> list[str]:
    """What Qt's C++ model tester reported (its "FAIL! ..." warnings), and any other
    warning Qt logged."""
    return [
        record.message
        for record in qtlog.records
        if record.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg)
    ]


@pytest.fixture
def owner(qapp: QApplication) -> Iterator[QObject]:
    parent = QObject()
    yield parent
    shiboken6.delete(parent)


def page(model: RecordsModel, start: int, size: int) -> list:
    if isinstance(model, BillRows):
        return [
            bill(n, 100 + n % 7 * 250, paid=n % 3 != 0, title=f"Order {n % 11}")
            for n in range(start, start + size)
        ]
    return [refund(n, 100 + n % 5 * 90, finished=n % 4 != 0) for n in range(start, start + size)]


def exercise(model: RecordsModel, proxy: RecordsProxy) -> None:
    """What a user and a load do to a table: pages in, filters, sorts, pages in while
    sorted and filtered, a new load."""
    model.append(page(model, 0, 30))
    model.append(page(model, 30, 25))
    proxy.set_text_filter("order 1")
    proxy.set_text_filter("order 10")  # narrower
    proxy.set_text_filter("")
    status = model.status_choices()[0][0]
    proxy.set_status_filter(status)
    for column in range(model.columnCount()):
        proxy.sort(column, ASCENDING)
        proxy.sort(column, DESCENDING)
    model.append(page(model, 55, 20))  # while sorted (descending) and filtered
    proxy.set_text_filter("bill0000")
    model.append(page(model, 75, 5))
    proxy.set_status_filter(None)
    proxy.sort(-1)  # the server's order
    model.clear()
    model.append(page(model, 100, 10))


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
@pytest.mark.parametrize("kind", [BillRows, RefundRows])
@pytest.mark.parametrize("checked", ["model", "proxy"])
def test_a_table_passes_qt_s_model_checks_through_loads_filters_and_sorts(
    owner: QObject,  # first: torn down after the tester lets go of the models
    qtmodeltester,
    qtlog,
    kind: type[RecordsModel],
    checked: str,
    force_py: bool,
) -> None:
    model = kind(owner)
    proxy = RecordsProxy(model, owner)
    qtmodeltester.check(model if checked == "model" else proxy, force_py=force_py)
    exercise(model, proxy)
    assert qt_findings(qtlog) == []
    assert proxy.rowCount() == model.rowCount() == 10


class LyingProxy(RecordsProxy):
    """Says it has a row more than it can show."""

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else super().rowCount() + 1


def test_the_python_tester_finds_a_broken_proxy(owner: QObject, qtmodeltester) -> None:
    model = BillRows(owner)
    model.append(page(model, 0, 5))
    with pytest.raises(AssertionError):
        qtmodeltester.check(LyingProxy(model, owner), force_py=True)


def settle(model: HistoryModel, qtbot) -> None:
    """Wait until every id of the model's selection is in (read on a thread of its own)."""
    qtbot.waitUntil(lambda: model.complete, timeout=5_000)


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
@pytest.mark.parametrize("kind", [BillsHistoryModel, RefundsHistoryModel])
def test_a_history_table_passes_qt_s_model_checks_through_syncs_filters_and_sorts(
    owner: QObject, qtmodeltester, qtlog, qtbot, kind: type[HistoryModel], force_py: bool
) -> None:
    """The history's model through what a sync and a user do: a selection shown at once
    and its other rows after; rows flowing in at the top (moved, selection kept),
    filters, sorts by every column, rows gone, another profile."""
    mirror = Mirror.in_memory("app")
    bills = kind is BillsHistoryModel

    def put(first: int, count: int) -> None:
        numbers = range(first, first + count)
        if bills:
            titles = [f"Order {n % 11}" for n in numbers]
            made = [
                bill(n, 100 + n % 7 * 250, paid=n % 3 != 0, title=t, created=n)
                for n, t in zip(numbers, titles, strict=True)
            ]
            mirror.put_bills(made, 1)
        else:
            mirror.put_refunds(
                [refund(n, 100 + n % 5 * 90, finished=n % 4 != 0) for n in numbers], 1
            )

    model = kind(owner)
    qtmodeltester.check(model, force_py=force_py)
    model.set_mirror(mirror, {})
    put(0, 260)
    model.select(Selection(model.kind))
    assert model.rowCount() == mq.FIRST_ROWS  # the first rows at once
    settle(model, qtbot)
    assert model.rowCount() == 260
    kept = QPersistentModelIndex(model.index(5, 0))
    number = model.data(model.index(5, 0))
    put(1000, 3)  # newer: at the top
    model.refresh()
    settle(model, qtbot)
    assert model.rowCount() == 263 and model.data(model.index(kept.row(), 0)) == number
    model.select(Selection(model.kind, text="order 1"))
    settle(model, qtbot)
    model.select(Selection(model.kind, status=model.statuses[0][0]))
    settle(model, qtbot)
    for column in range(model.columnCount()):
        model.sort(column, ASCENDING)
        settle(model, qtbot)
        model.sort(column, DESCENDING)
        settle(model, qtbot)
    mirror.clear()
    model.refresh()
    settle(model, qtbot)
    assert model.rowCount() == 0
    model.set_mirror(None, {})
    assert qt_findings(qtlog) == []
    mirror.close()


def test_closing_the_mirror_while_a_thread_reads_ids_is_safe(owner: QObject, qtbot) -> None:
    """The thread that reads a selection's ids reads through a connection of its own,
    which the mirror never closes under it (that crashes the process): closing the
    mirror, as the console does when it closes, leaves the thread to end by itself."""
    for _ in range(3):
        mirror = Mirror.in_memory("app")
        mirror.put_bills([bill(n, created=n) for n in range(20_000)], 1)
        model = BillsHistoryModel(owner)
        model.set_mirror(mirror, {})
        model.select(Selection(model.kind))
        assert not model.complete  # its thread is reading
        assert mirror._reader is not None  # the GUI thread's own; the thread's is its own
        mirror.close()
    qtbot.waitUntil(  # the threads end by themselves, their answers dropped
        lambda: not any(t.name == "history-ids" for t in threading.enumerate()), timeout=5_000
    )


def test_a_new_selection_reads_its_shown_rows_once(owner: QObject, qtbot) -> None:
    """A selection's first rows are read with it: the rest of its ids, come from their
    thread, add rows below and do not read the rows shown again (a keystroke in "Find
    in the history" repainted and read the screenful twice). A refresh, whose rows may
    hold something else now, reads them again."""
    mirror = Mirror.in_memory("app")
    mirror.put_bills([bill(n, created=n) for n in range(500)], 1)
    model = BillsHistoryModel(owner)
    model.set_mirror(mirror, {})
    changed: list[int] = []
    model.dataChanged.connect(lambda first, last: changed.append(last.row() - first.row() + 1))
    model.select(Selection(model.kind))
    assert model.data(model.index(0, 0)) == "BILL00000499"  # the newest, shown and read
    settle(model, qtbot)
    assert model.rowCount() == 500 and changed == []
    mirror.put_bills([bill(499, 99_999, created=499)], 2)  # a sync changed a shown row
    model.refresh()
    settle(model, qtbot)
    assert changed == [500]  # every row it had, read again when next shown
    amount = model.data(model.index(0, model.column_of("total_fee")))
    assert amount == "999.99"
    model.set_mirror(None, {})
    mirror.close()


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_first_rows_over_their_budget_come_from_the_ids_thread(
    owner: QObject, qtmodeltester, qtlog, qtbot, monkeypatch, force_py: bool
) -> None:
    """The GUI thread gives a selection's first rows a budget (a short word in no title
    is looked for in every row: a quarter of a second at a million bills). Past it the
    table is empty and counting at once; its first rows come from the ids' thread, then
    the others, and a selection with fewer rows than a first page comes whole."""
    from console.gui.tables import history_model

    monkeypatch.setattr(history_model, "FIRST_ROWS_WITHIN_S", 0.0)
    monkeypatch.setattr(mq, "BUDGET_STEPS", 1)  # the clock looked at every step
    mirror = Mirror.in_memory("app")
    mirror.put_bills([bill(n, created=n, title=f"Order {n % 11}") for n in range(500)], 1)
    model = BillsHistoryModel(owner)
    qtmodeltester.check(model, force_py=force_py)
    model.set_mirror(mirror, {})
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))

    model.select(Selection(model.kind))
    assert model.rowCount() == 0 and not model.complete  # given up: counting
    settle(model, qtbot)
    assert inserted == [mq.FIRST_ROWS, 500 - mq.FIRST_ROWS]  # the first rows, then the rest
    assert model.data(model.index(0, 0)) == "BILL00000499"  # newest first, as ever

    inserted.clear()
    few = Selection(model.kind, text="order 10")
    found = mq.count(mirror.reader(), few)
    assert 0 < found < mq.FIRST_ROWS
    model.select(few)
    assert model.rowCount() == 0 and not model.complete
    settle(model, qtbot)
    assert inserted == [found] and model.rowCount() == found

    model.sort(model.column_of("total_fee"), ASCENDING)  # the same budget when sorted
    assert model.rowCount() == 0 and not model.complete
    settle(model, qtbot)
    assert model.rowCount() == found

    model.select(Selection(model.kind, text="teapot"))  # in no title yet
    settle(model, qtbot)
    assert model.rowCount() == 0
    mirror.put_bills([bill(n, created=n, title="Teapot") for n in range(600, 603)], 2)
    model.refresh()  # a sync brought some: the same budget for the first rows
    assert model.rowCount() == 0 and not model.complete
    settle(model, qtbot)
    assert model.rowCount() == 3
    model.set_mirror(None, {})
    assert qt_findings(qtlog) == []
    mirror.close()


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_a_pasted_column_of_numbers_shows_their_own_records_within_the_budget(
    owner: QObject, qtmodeltester, qtlog, qtbot, monkeypatch, force_py: bool
) -> None:
    """A column of 50 bill numbers pasted took some 150 ms at a million bills (each
    number's tail looked up in the text index), past the GUI thread's budget: the table
    was empty until the ids' thread read it. The records whose own number was pasted
    (found by the numbers' index) are shown at once, counting; the others that hold a
    number (in a title, a longer number) come in their place with the ids, as do the
    first rows of a column that finds more than a first page."""
    from console.gui.tables import history_model

    monkeypatch.setattr(history_model, "FIRST_ROWS_WITHIN_S", 0.0)
    monkeypatch.setattr(mq, "BUDGET_STEPS", 1)  # the clock looked at every step
    mirror = Mirror.in_memory("app")
    bills = [bill(n, created=n) for n in range(400)]
    bills[150] = bill(150, created=150, title="re BILL00000100")
    mirror.put_bills(bills, 1)
    model = BillsHistoryModel(owner)
    qtmodeltester.check(model, force_py=force_py)
    model.set_mirror(mirror, {})

    column = "\n".join(f"BILL{n:08d}" for n in (300, 100, 200))
    model.select(Selection(model.kind, text=column))
    assert not model.complete
    assert [model.id_at(row) for row in range(model.rowCount())] == [301, 201, 101]
    settle(model, qtbot)
    assert [model.id_at(row) for row in range(model.rowCount())] == [301, 201, 151, 101]

    mirror.put_bills([bill(n, created=n, title="re BILL00000007") for n in range(1000, 1300)], 2)
    gate = threading.Event()
    all_ids = mq.all_ids
    monkeypatch.setattr(mq, "all_ids", lambda db, s: gate.wait(5) and all_ids(db, s))
    many = Selection(model.kind, text="BILL00000007\nBILL00000300", descending=False)
    model.select(many)
    assert [model.id_at(row) for row in range(model.rowCount())] == [8, 301]
    first = list(mq.first_ids(mirror.reader(), many))
    qtbot.waitUntil(lambda: list(model.ids_shown()) == first, timeout=5_000)  # not 8, 301
    assert not model.complete
    gate.set()
    settle(model, qtbot)
    assert list(model.ids_shown()) == list(all_ids(mirror.reader(), many))
    model.set_mirror(None, {})
    assert qt_findings(qtlog) == []
    mirror.close()


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_syncs_told_while_the_ids_are_read_make_one_more_read_not_one_each(
    owner: QObject, qtmodeltester, qtlog, qtbot, monkeypatch, tmp_path, force_py: bool
) -> None:
    """A sync tells the tables of new rows every few hundred milliseconds; at a million
    bills every id takes longer than that to read. Each tell used to start a read of its
    own and drop the one before: the count never came while a long sync ran, and the
    reads piled up on the other core. Now a tell while a read runs waits for it: its rows
    are shown, then one more read brings what came meanwhile."""
    gate = threading.Event()
    reads: list[int] = []
    all_ids = mq.all_ids

    def held_all_ids(db, selection):
        reads.append(len(reads))
        if len(reads) == 1:
            assert gate.wait(5)  # the first read is held until the syncs below are told
        return all_ids(db, selection)

    monkeypatch.setattr(mq, "all_ids", held_all_ids)
    mirror = Mirror.open(tmp_path / "history.sqlite3", "app")  # a sync writes while it is read
    mirror.put_bills([bill(n, created=n) for n in range(300)], 1)
    model = BillsHistoryModel(owner)
    qtmodeltester.check(model, force_py=force_py)
    model.set_mirror(mirror, {})
    counted: list[int] = []
    model.counted.connect(lambda: counted.append(model.rowCount()))
    model.select(Selection(model.kind))
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=5_000)
    for tell in range(5):  # a sync brings ten bills between each tell
        numbers = range(1000 + tell * 10, 1010 + tell * 10)
        mirror.put_bills([bill(n, created=n) for n in numbers], 2 + tell)
        model.refresh()
    assert len(reads) == 1 and not model.complete  # the first read still runs, alone
    gate.set()
    settle(model, qtbot)
    assert len(reads) == 2  # the one held, then one for the five tells
    assert counted == [350] and model.rowCount() == 350
    assert model.data(model.index(0, 0)) == "BILL00001049"  # the newest, at the top
    model.set_mirror(None, {})
    assert qt_findings(qtlog) == []
    mirror.close()


def test_a_read_of_the_ids_that_failed_is_made_again_at_the_next_tell(
    owner: QObject, qtbot, monkeypatch
) -> None:
    """A read of every id that fails (a damaged or closing file) ends the read: the
    next sync's tell reads again, instead of waiting for a read that is over."""
    failures = [sqlite3.OperationalError("disk I/O error")]
    all_ids = mq.all_ids

    def failing_once(db, selection):
        if failures:
            raise failures.pop()
        return all_ids(db, selection)

    monkeypatch.setattr(mq, "all_ids", failing_once)
    mirror = Mirror.in_memory("app")
    mirror.put_bills([bill(n, created=n) for n in range(300)], 1)
    model = BillsHistoryModel(owner)
    model.set_mirror(mirror, {})
    model.select(Selection(model.kind))
    qtbot.waitUntil(lambda: not failures and not model._reading, timeout=5_000)
    assert not model.complete and model.rowCount() == mq.FIRST_ROWS  # still counting
    model.refresh()  # a sync told
    settle(model, qtbot)
    assert model.rowCount() == 300
    model.set_mirror(None, {})
    mirror.close()


def test_a_read_of_the_ids_that_a_new_selection_replaced_stops(
    owner: QObject, qtbot, monkeypatch
) -> None:
    """Typing in "Find in the history" or clicking one header after another at a million
    bills: each selection's ids were read to the end on their thread (4 s for a sort by
    Refunded) though a newer selection had replaced it and its ids were dropped; the
    reads piled up, and the window stopped for 0.3 s at a time. A read of a selection
    replaced stops at once."""
    monkeypatch.setattr(mq, "BUDGET_STEPS", 1)  # as if each step were a long one
    gate = threading.Event()
    ended: list[str] = []
    all_ids = mq.all_ids

    def held_all_ids(db, selection):
        if not selection.text:
            gate.wait(5)  # the first selection's read, still running when it is replaced
        try:
            ids = all_ids(db, selection)
        except sqlite3.OperationalError:
            ended.append(f"stopped {selection.text!r}")
            raise
        ended.append(f"read {selection.text!r}")
        return ids

    monkeypatch.setattr(mq, "all_ids", held_all_ids)
    mirror = Mirror.in_memory("app")
    mirror.put_bills([bill(n, created=n, title=f"Order {n % 2}") for n in range(500)], 1)
    model = BillsHistoryModel(owner)
    model.set_mirror(mirror, {})
    model.select(Selection(model.kind))
    assert not model.complete
    typed = Selection(model.kind, text="order 1")
    model.select(typed)  # a keystroke
    gate.set()
    settle(model, qtbot)
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=5_000)
    assert sorted(ended) == ["read 'order 1'", "stopped ''"]
    assert model.rowCount() == mq.count(mirror.reader(), typed) > mq.FIRST_ROWS
    model.set_mirror(None, {})
    mirror.close()


_selections = st.builds(
    Selection,
    st.just(BILLS),
    channel=st.sampled_from([None, "PAYPAL", "PAYPAL_PAYPAL", "WX"]),
    start_ms=st.sampled_from([None, BASE_MS - 300 * 60_000]),
    status=st.sampled_from([None, "paid", "unpaid"]),
    text=st.sampled_from(["", "order", "order 1", "BILL0000001", "zz"]),
    order=st.sampled_from(["created_time", "total_fee", "title"]),
    descending=st.booleans(),
)
_steps = st.lists(
    st.one_of(
        st.tuples(st.just("select"), _selections),
        st.tuples(st.just("sync"), st.integers(1, 260)),
        st.tuples(st.just("wait"), st.none()),
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=_steps)
def test_after_any_filters_changed_in_quick_succession_the_rows_are_the_last_filters(
    owner: QObject, qtbot, steps: list[tuple[str, Any]]
) -> None:
    """Filters changed one after another while the rows of the one before are still
    being read, and syncs telling of new rows meanwhile: once counted, the table shows
    exactly the rows of the last filters, in their order."""
    mirror = Mirror.in_memory("app")
    made = itertools.count()

    def sync(count: int) -> None:
        numbers = [next(made) for _ in range(count)]
        mirror.put_bills(
            [bill(n, 100 + n % 7 * 250, paid=n % 3 != 0, title=f"Order {n % 11}") for n in numbers],
            1,
        )

    model = BillsHistoryModel(owner)
    model.set_mirror(mirror, {})
    sync(250)
    model.select(Selection(BILLS))
    for action, value in steps:
        if action == "select":
            model.select(value)
        elif action == "sync":
            sync(value)
            model.refresh()
        else:
            QApplication.processEvents()
    settle(model, qtbot)
    assert model.selection is not None
    with mirror.reading() as db:
        assert model.ids_shown() == mq.all_ids(db, model.selection)
    shiboken6.delete(model)
    mirror.close()
