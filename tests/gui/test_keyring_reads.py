"""KeyringReads hands each read's outcome on in the order the reads were asked for, so
that jobs waiting for their secrets are sent in the order the clerk asked for them,
whichever read the keyring answered first."""

from __future__ import annotations

import threading

from console.gui.keyring_reads import KeyringReads


def test_an_outcome_waits_for_the_reads_asked_before_it(qtbot) -> None:
    reads = KeyringReads()
    gate = threading.Event()
    second_read = threading.Event()
    handed: list[str] = []

    def slow() -> str:
        gate.wait(10)
        return "first"

    def quick() -> str:
        second_read.set()
        return "second"

    reads.ask(slow, handed.append)
    reads.ask(quick, handed.append)
    assert second_read.wait(10)
    qtbot.wait(100)  # the second's outcome reached the GUI thread: not handed on yet
    assert handed == []
    gate.set()
    qtbot.waitUntil(lambda: len(handed) == 2, timeout=5_000)
    assert handed == ["first", "second"]


def test_a_failed_read_keeps_its_place_and_a_closed_one_hands_on_nothing(qtbot) -> None:
    reads = KeyringReads()
    handed: list[object] = []

    def fails() -> str:
        raise RuntimeError("locked")

    reads.ask(fails, handed.append)
    reads.ask(lambda: "after", handed.append)
    qtbot.waitUntil(lambda: len(handed) == 2, timeout=5_000)
    assert isinstance(handed[0], RuntimeError) and handed[1] == "after"
    gate = threading.Event()
    reads.ask(lambda: gate.wait(10), handed.append)
    reads.close()
    gate.set()
    qtbot.wait(100)
    assert len(handed) == 2
