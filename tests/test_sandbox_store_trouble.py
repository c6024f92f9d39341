"""The sandbox's database held by another program: the answer says so, nothing is done,
and the sandbox goes on once the file is let go."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.sandbox import SandboxServer
from console.sandbox import store as sandbox_store
from tests.sandbox_support import APPS, BILLS, pay, query


@pytest.fixture
def impatient_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SandboxServer]:
    """A sandbox that waits 200 ms, not 10 s, for a database another program holds."""
    monkeypatch.setattr(sandbox_store, "BUSY_TIMEOUT_MS", 200)
    with SandboxServer(tmp_path / "sandbox.sqlite3", APPS) as server:
        yield server


def test_a_database_held_by_another_program_is_said_and_nothing_is_done(
    impatient_sandbox: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    holder = sqlite3.connect(impatient_sandbox.db_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
        answer = pay(impatient_sandbox, "PAYPAL_CREDITCARD", bill_no="held0001")
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert (answer["result_code"], answer["result_msg"]) == (14, "RUNTIME_ERROR")
    assert "locked by another program" in answer["err_detail"]
    assert "nothing was done" in answer["err_detail"]
    assert not any(record.exc_info for record in caplog.records)  # no bug's traceback
    assert query(impatient_sandbox, BILLS)["count"] == 0
    assert pay(impatient_sandbox, "PAYPAL_CREDITCARD", bill_no="held0001")["result_code"] == 0


def test_a_database_replaced_while_the_sandbox_runs_is_said_and_not_written(
    tmp_path: Path,
) -> None:
    """Another file put in the place of the sandbox's database while it runs (a backup
    put back, a copy from another computer): the sandbox went on writing to the file it
    had open, gone from the folder (a practice payment "made" that no start would ever
    show), and a connection opened since read the new file with the old one's WAL. Now
    it refuses to write, says why, and leaves the new file as it was put there."""
    path = tmp_path / "sandbox.sqlite3"
    with SandboxServer(path, APPS) as server:
        assert pay(server, "PAYPAL_CREDITCARD", bill_no="before01")["result_code"] == 0
        copy = tmp_path / "copy.sqlite3"
        source = sqlite3.connect(path)
        source.execute("VACUUM INTO ?", (str(copy),))
        source.close()
        os.replace(copy, path)
        put_there = path.read_bytes()
        answer = pay(server, "PAYPAL_CREDITCARD", bill_no="after001")
        assert (answer["result_code"], answer["result_msg"]) == (14, "RUNTIME_ERROR")
        assert "replaced by another file" in answer["err_detail"]
        assert "nothing was done" in answer["err_detail"]
    assert path.read_bytes() == put_there
