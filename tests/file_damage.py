"""Damaged, read-only and locked files, made for real: bytes overwritten on disk, a
file this process cannot write (as root too, where permissions do not stop it: the
effective user is dropped to nobody for the block), a lock held by another connection."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

NOBODY = 65534


def overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(data)


def checkpointed(path: Path, wal: bool = False) -> None:
    """Everything of the WAL in the main file, and the WAL gone: the file in rollback
    mode, or (`wal`) still in WAL mode, as the console's own file is after a clean
    close."""
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if not wal:
            db.execute("PRAGMA journal_mode=DELETE")
    finally:
        db.close()


@contextlib.contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's (which only root may enter), readable by everyone and
    writable only by this process's real user: where `cannot_write` can take effect."""
    folder = Path(tempfile.mkdtemp(prefix="beecloud-readonly-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def cannot_write(*paths: Path) -> Iterator[None]:
    """Inside the block this process cannot write the paths (files or folders). As
    root (whom permissions do not stop) the effective user is nobody meanwhile: what
    is opened in the block stays as it was opened."""
    modes = {path: stat.S_IMODE(path.stat().st_mode) for path in paths}
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    root = os.geteuid() == 0
    try:
        if root:
            os.setegid(NOBODY)
            os.seteuid(NOBODY)
        yield
    finally:
        if root:
            os.seteuid(0)
            os.setegid(0)
        for path, mode in modes.items():
            path.chmod(mode)
