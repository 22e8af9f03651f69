"""Opening the database file: upgrade it, move a damaged one aside, or fall back to memory."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from . import cleanclose
from .aside import move_aside
from .migrations import LATEST_VERSION
from .schema import NewerSchemaError, SchemaError, upgrade

BUSY_SECONDS = 5.0
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600  # progress is readable by its learner only  # another tutor writing the same file holds its lock for milliseconds

# Errors that mean "this file is not a usable progress database": move it aside.
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_ERROR,
            sqlite3.SQLITE_SCHEMA, sqlite3.SQLITE_CONSTRAINT, sqlite3.SQLITE_MISMATCH}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
# Anything else (permissions, I/O, a full disk, causes we do not know) leaves the file alone.


@dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    path: Path | None  # None: in memory, nothing will be saved
    message: str | None


class _Damaged(Exception):
    pass


class _Unwritable(Exception):
    pass


def open_database(path: Path, now: float) -> Opened:
    """Open `path` ready for use; never raises for a bad file, a bad disk or a newer schema."""
    try:
        return Opened(_open_file(path, now), path, None)
    except NewerSchemaError as err:
        return in_memory(now, (
            f"{path} was written by a newer version of tutor (schema {err.found}; this version "
            f"knows up to {LATEST_VERSION}). It was left untouched: update tutor to use it. "
            "Progress in this session will not be saved."))
    except _Unwritable as err:
        return in_memory(now, f"Progress will not be saved this session: {err}.")
    except _Damaged as err:
        return _replace_damaged(path, now, str(err))
    except Exception as err:  # noqa: BLE001
        # The rule is "never crash over progress": an unforeseen failure still starts the app,
        # and the message names it so it gets reported rather than silently lost.
        return in_memory(now, f"Progress will not be saved this session: opening {path} failed ({err!r}).")


def in_memory(now: float, message: str | None = None) -> Opened:
    """A store that works for this session only (the last resort, and handy in tests)."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    upgrade(conn, now)
    return Opened(conn, None, message)


def _open_file(path: Path, now: float) -> sqlite3.Connection:
    try:
        if path.exists():
            if not path.is_file():
                raise _Unwritable(f"{path} is not a file")
            # sqlite3 reports this only as "unable to open database file"; this names the cause.
            with path.open("rb"):
                pass
        else:
            # The directory is created here, on the first write, never when the path is looked up;
            # private to the learner: lab machines are shared, and answers are personal data.
            path.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
            except FileExistsError:
                pass  # another tutor created it a moment ago: fine, it is opened below
        _make_private(path)
    except OSError as err:
        raise _Unwritable(f"{err.filename or path} cannot be used ({err.strerror or err})") from None
    clean_close = cleanclose.take(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as err:
        raise _classify(err, path) from None
    try:
        _configure(conn)
        if not clean_close:  # after a crash, a kill or another program's change: read every page
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise _Damaged("the integrity check failed: " + problems[0].splitlines()[-1])
        upgrade(conn, now)
    except BaseException as err:
        conn.close()
        if isinstance(err, sqlite3.Error):
            raise _classify(err, path) from None
        if isinstance(err, SchemaError):
            raise _Damaged(str(err)) from None
        raise
    return conn


def _make_private(path: Path) -> None:
    """Take group and other access off the database (SQLite gives its journal the same mode).

    A file made by an older tutor followed the umask (often 0644); it is ours, so it is tightened.
    A file we do not own is left as it is (chmod would fail, and it is not ours to change).
    """
    try:
        info = path.stat()
        if info.st_mode & 0o077 and info.st_uid == os.getuid():
            path.chmod(stat.S_IMODE(info.st_mode) & ~0o077)
    except OSError:
        pass  # a filesystem without modes (FAT, some network shares): nothing to tighten


def _configure(conn: sqlite3.Connection) -> None:
    # Rollback journal, not WAL. Against a kill both are atomic: a half-written transaction is
    # undone on the next open. The journal keeps the database one self-contained file between
    # writes (WAL keeps committed data in a -wal file that must travel with it, which matters
    # when a user copies the file or we move a damaged one aside), and needs no shared-memory
    # -shm file, which fails on network and read-only filesystems. Writes are one small
    # transaction per answer, so WAL's concurrency gains nothing here.
    conn.execute("PRAGMA journal_mode = DELETE").fetchall()
    # FULL: a commit returns only after the journal and the database are synced, so an answer
    # reported as saved survives even a power cut, not just a killed terminal.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _classify(err: sqlite3.Error, path: Path) -> Exception:
    code = getattr(err, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in _DAMAGED:
        return _Damaged(str(err))
    if primary in _BUSY:
        return _Unwritable(f"{path} is locked by another program ({err})")
    return _Unwritable(f"{path} cannot be opened for writing ({err})")


def _replace_damaged(path: Path, now: float, reason: str) -> Opened:
    try:
        moved = move_aside(path, now)
    except OSError as err:
        return in_memory(now, (
            f"The progress database {path} is damaged ({reason}) and could not be moved aside "
            f"({err.strerror or err}); it was left as it is. Progress in this session will not be saved."))
    try:
        conn = _open_file(path, now)
    except (_Damaged, _Unwritable, NewerSchemaError) as err:
        return in_memory(now, (
            f"The progress database was damaged ({reason}) and was moved aside to {moved}, but a "
            f"fresh one could not be started ({err}). Progress in this session will not be saved."))
    return Opened(conn, path, (
        f"The progress database was damaged ({reason}). It was moved aside to {moved} "
        f"(nothing was deleted) and a fresh database was started at {path}."))
