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


def test_a_read_with_no_thread_to_run_on_keeps_its_place_and_holds_back_none(
    qtbot, monkeypatch
) -> None:
    """The process at its limit of threads: the read that could not start is handed on,
    in its place, as what went wrong; the reads after it were held back for good behind
    an outcome that would never come (every job of a live profile waiting, and the check
    for its App Secret never back)."""
    reads = KeyringReads()
    handed: list[object] = []
    start = threading.Thread.start

    def no_thread(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    reads.ask(lambda: "never read", handed.append)
    monkeypatch.setattr(threading.Thread, "start", start)
    reads.ask(lambda: "after", handed.append)
    assert handed == []  # never handed on before `ask` returned: its caller is not ready
    qtbot.waitUntil(lambda: len(handed) == 2, timeout=5_000)
    assert isinstance(handed[0], RuntimeError) and handed[1] == "after"


def test_a_read_made_again_keeps_its_place_before_the_reads_asked_after_it(qtbot) -> None:
    from console.gui.keyring_reads import ReadAgain

    reads = KeyringReads()
    handed: list[str] = []

    def first(outcome: str) -> ReadAgain | None:
        if outcome == "stale":
            return ReadAgain(lambda: "fresh", first)
        handed.append(outcome)
        return None

    gate = threading.Event()

    def stale() -> str:
        gate.wait(10)
        return "stale"

    reads.ask(stale, first)
    reads.ask(lambda: "second", handed.append)
    gate.set()
    qtbot.waitUntil(lambda: len(handed) == 2, timeout=5_000)
    assert handed == ["fresh", "second"] and reads.pending() == 0


def test_a_then_that_fails_holds_back_none_after_it_and_is_logged_without_its_words(
    qtbot, caplog
) -> None:
    """An exception in one outcome's `then` left every later outcome waiting for good
    (a live profile's later jobs never went). The others are handed on; what went wrong
    is logged, without the exception's words (they may quote a secret), and said."""
    import logging

    reads = KeyringReads()
    handed: list[str] = []
    said: list[str] = []
    reads.went_wrong.connect(said.append)

    secret = "-".join(("the", "app", "secret", "1234"))  # in no line of the code

    def fails(outcome: str) -> None:
        raise ValueError(secret)

    caplog.set_level(logging.INFO)
    reads.ask(lambda: "first", fails)
    reads.ask(lambda: "second", handed.append)
    qtbot.waitUntil(lambda: handed == ["second"], timeout=5_000)
    reads.ask(lambda: "third", handed.append)
    qtbot.waitUntil(lambda: handed == ["second", "third"], timeout=5_000)
    assert said == ["ValueError"] and reads.pending() == 0
    assert "ValueError" in caplog.text and secret not in caplog.text
