"""The history mirror's file: where a profile's is, its connections, and making it whole.

A file that is damaged (SQLite says it is malformed or no database), of another
schema or of another app id is deleted and made again, empty, under another name
and linked into place once whole (`prepare_file`); anything else (locked, a full
disk, no permission) is no damage and is raised, the file kept as it is (`trouble_of`
says which). console/store/mirror.py opens the file this leaves. No Qt here.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import re
import sqlite3
from pathlib import Path

from console.damaged_files import is_damage, sqlite_code
from console.made_files import (
    alone_in,
    made_beside,
    remove_left_companions,
    remove_left_makings,
)
from console.private_files import SQLITE_COMPANIONS, check_usable
from console.store.mirror_schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    TABLES,
    create,
    schema_mark,
)

log = logging.getLogger(__name__)

FOLDER_NAME = "mirrors"
BUSY_TIMEOUT_MS = 5_000
# Why the file was not used, the mirror kept in memory for this run (Mirror.trouble):
# another program keeps it locked, the disk is full, or anything else (its words in
# Mirror.trouble_error).
LOCKED, FULL, UNUSABLE = "locked", "full", "unusable"


def mirror_path(data_dir: Path, profile_id: str) -> Path:
    """The mirror file of a profile (a profile id that is not a plain name is hashed)."""
    name = profile_id
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", name):
        name = hashlib.sha256(profile_id.encode()).hexdigest()[:32]
    return data_dir / FOLDER_NAME / f"{name}.sqlite3"


def connect(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(
        uri,
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
        isolation_level=None,
    )
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # trusted_schema stays on: the triggers that keep the FTS tables in step write to
    # virtual tables, which SQLite refuses with it off. The schema is our own (a file
    # without our application_id and version is made again, never read).
    return connection


def connect_reader(uri: str) -> sqlite3.Connection:
    """A connection that only reads. In memory (one cache shared by the connections) it
    reads uncommitted rows: there a reader otherwise locks each table it reads, and a
    sync's write meets "database table is locked" at once (no busy wait) and fails.
    A file's readers (WAL) take no such locks; the pragma changes nothing for them."""
    connection = connect(uri)
    connection.execute("PRAGMA query_only=ON")
    connection.execute("PRAGMA read_uncommitted=ON")
    return connection


def prepare_file(path: Path, app_id: str, remake: str = "") -> str:
    """Make the file a mirror of this schema and app id: as it is if it is one, else
    made again (deleted, and a new one put in its place). Returns what was done ("" if
    nothing)."""
    notice = ""
    with alone_in(path.parent):  # another console starting now uses what this one made
        remove_left_makings(path)  # what a console killed while making it left
        try:
            found: os.stat_result | None = path.stat()
        except FileNotFoundError:
            found = None
        if found is not None:
            problem = remake or (
                "it was empty" if found.st_size == 0 else _problem_of(path, app_id)
            )
            if problem is None:
                return ""
            notice = f"was made again: {problem}"
        _make_whole(path, app_id, found)
    return notice


def _make_whole(path: Path, app_id: str, found: os.stat_result | None) -> None:
    """A new mirror at `path`, made under another name and linked into place once whole:
    another console starting on the profile meanwhile never sees it half made (no
    application id yet), which it took for a foreign file and deleted. The file `found`
    there is deleted first, unless another console has put a new one in its place
    meanwhile: that one is kept and used (a link never replaces a file)."""
    with made_beside(path) as making:
        connection = connect(making.as_uri())
        try:
            mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()
            if mode is None or str(mode[0]).lower() != "wal":
                raise sqlite3.OperationalError(f"WAL mode refused ({mode})")
            create(connection, app_id)
        finally:
            connection.close()  # its WAL written into the file, and removed
        if found is not None:
            _delete_if_unchanged(path, found)
        else:  # (prepare_file holds the folder)
            remove_left_companions(path)


def delete_mirror_file(path: Path) -> None:
    """Delete a mirror's file and its companions (its profile was removed). Raises
    OSError when one cannot be."""
    for suffix in ("", *SQLITE_COMPANIONS):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def _delete_if_unchanged(path: Path, found: os.stat_result) -> None:
    """Delete the file and its companions if it is still the one found."""
    try:
        now = path.stat()
    except FileNotFoundError:
        return
    if (now.st_dev, now.st_ino) != (found.st_dev, found.st_ino):
        return
    for suffix in ("", *SQLITE_COMPANIONS):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def file_id(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode, the link itself if it is one); None
    when there is none. A file a connection holds open keeps its inode, deleted or not:
    another file put at the path never has the same."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def writable_now(path: Path) -> bool:
    """Whether the mirror file could be opened for writing now, found out at once: a file
    another program holds locked is not waited for (a quick look before `Mirror.reopen`
    opens it for good; a file not there yet is for opening to make). Never follows a
    symbolic link."""
    try:
        check_usable(path, SQLITE_COMPANIONS)
        if not path.exists():
            return True
        connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=0)
    except (OSError, sqlite3.Error):
        return False
    try:
        connection.isolation_level = None
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return True
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def trouble_of(error: BaseException) -> str:
    """Why a file that is not damaged could not be used: LOCKED, FULL or UNUSABLE."""
    primary = sqlite_code(error)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return LOCKED
    if primary == sqlite3.SQLITE_FULL or (
        isinstance(error, OSError) and error.errno == errno.ENOSPC
    ):
        return FULL
    return UNUSABLE


def _problem_of(path: Path, app_id: str) -> str | None:
    """Why the file is not a usable mirror of this app id (damaged, or not ours), or None
    when it is. An error that is no damage (`is_damage`: locked, a full disk, no
    permission...) is raised: the file is kept as it is. One that can be read but not
    written (switching it to WAL refused) is used as it is."""
    connection = connect(path.as_uri())
    try:
        header = connection.execute("PRAGMA application_id").fetchone()
        version = connection.execute("PRAGMA user_version").fetchone()
        if header is None or header[0] != APPLICATION_ID:
            return "it was not a mirror of this console"
        if version is None or version[0] != SCHEMA_VERSION:
            return f"it was of schema version {version[0] if version else '?'}"
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        missing = [table for table in TABLES if table not in tables]
        if missing:
            return f"it had no table {', '.join(missing)}"
        rows = connection.execute("SELECT value FROM meta WHERE key = 'app_id'").fetchall()
        if rows != [(app_id,)]:
            return "it mirrored another app id"
        made = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()
        if made != [(schema_mark(),)]:
            return "it was made by another build of the console"
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as error:
            if sqlite_code(error) != sqlite3.SQLITE_READONLY:
                raise
            log.warning("the mirror %s cannot be written (%s): read as it is", path, error)
    except sqlite3.Error as error:
        if is_damage(error):
            return f"it was damaged ({error})"
        raise
    finally:
        connection.close()
    return None
