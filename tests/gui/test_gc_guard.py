"""Garbage is collected on the GUI thread only (see console.gui.gc_guard)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from console.gui.gc_guard import GuiThreadGarbageCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self
        self.qt = QObject()


def test_automatic_collection_is_off_and_the_gui_thread_collects(qtbot) -> None:
    gc.enable()
    collector = GuiThreadGarbageCollector()
    try:
        assert not gc.isenabled()
        collected_in: list[str] = []
        gc.callbacks.append(
            lambda phase, info: (
                collected_in.append(threading.current_thread().name) if phase == "stop" else None
            )
        )
        worker = threading.Thread(target=lambda: [Cycle() for _ in range(5000)], name="server")
        worker.start()
        worker.join()
        assert "server" not in collected_in, "no collection ran in the other thread"
        qtbot.waitUntil(lambda: gc.get_count()[0] <= collector.threshold[0], timeout=5_000)
        assert collected_in and set(collected_in) == {threading.current_thread().name}
    finally:
        gc.callbacks.pop()
        collector.stop()
        gc.disable()  # the autouse fixture re-enables it
    assert collector.timer.isActive() is False
