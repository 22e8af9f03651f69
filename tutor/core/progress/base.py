"""The store's plumbing: one guarded connection, opening, closing, and one transaction per call."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from . import queries, rules
from .opening import Opened, in_memory, open_database
from .records import ExerciseState, ProgressError

Clock = Callable[[], float]


class StoreBase:
    """One connection shared by every thread, behind a lock.

    One connection with check_same_thread=False rather than one per thread: SQLite lets one
    writer in at a time anyway, so a second connection of our own would only wait on the first
    for the file lock; the in-memory fallback is private to its connection; and close() closes
    exactly one thing, whichever thread opened it (no connection left behind in a dead worker).
    """

    def __init__(self, opened: Opened, clock: Clock = time.time) -> None:
        """Wraps an opened connection; use `open` or `in_memory` instead."""
        self._conn = opened.conn
        self._path = opened.path
        self._clock = clock
        self._lock = threading.RLock()
        self._closed = False

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, clock: Clock = time.time) -> tuple[Self, str | None]:
        """Open (creating or upgrading) the database at `path`; never raises for a bad file.

        The message is for the learner when something had to be repaired: a damaged file moved
        aside, or a fallback to memory because the file is unusable or from a newer tutor.
        """
        # Absolute, so a message about moving the file names a path the learner can find.
        opened = open_database(Path(path).expanduser().absolute(), clock())
        return cls(opened, clock), opened.message

    @classmethod
    def in_memory(cls, *, clock: Clock = time.time) -> Self:
        """A store for this session only: nothing is written to disk."""
        return cls(in_memory(clock()), clock)

    @property
    def path(self) -> Path | None:
        """The database file, or None when progress is only kept in memory."""
        return self._path

    @property
    def persistent(self) -> bool:
        return self._path is not None

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _record(self, conn: sqlite3.Connection, lesson_id: str, exercise_id: str, seed: int,
                answer: str, verdict: str, diagnosis: str | None, method: str | None, mode: str,
                elapsed_ms: float) -> ExerciseState:
        """Insert one attempt and save the state it leads to, inside the caller's transaction."""
        at = self._clock()
        # The rules validate verdict and mode before anything is written.
        state = rules.after_attempt(queries.load_state(conn, lesson_id, exercise_id), verdict, seed, mode, at)
        queries.insert_attempt(conn, dict(
            lesson_id=lesson_id, exercise_id=exercise_id, seed=int(seed), answer=answer,
            verdict=verdict, diagnosis=diagnosis, method=method, mode=mode,
            elapsed_ms=float(elapsed_ms), at=at))
        queries.save_state(conn, state)
        return state

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so two apps on one file queue instead of
        # failing halfway with "database is locked" when a read would upgrade to a write.
        with self._transaction("BEGIN IMMEDIATE") as conn:
            yield conn

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # A read transaction: several SELECTs see one consistent database.
        with self._transaction("BEGIN") as conn:
            yield conn

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise ProgressError("the progress store is closed")
            conn = self._conn
            try:
                conn.execute(begin)
                yield conn
                conn.execute("COMMIT")
            except BaseException as err:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # the connection is already broken; the original error says why
                if isinstance(err, sqlite3.Error):
                    raise ProgressError(f"the progress database failed: {err}") from err
                raise
