"""The store's plumbing: one guarded connection, opening, closing, and one transaction per call."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self, TypeVar

from . import queries, rules
from .opening import Opened, in_memory, open_database
from .records import ExerciseState, ProgressError

Clock = Callable[[], float]
T = TypeVar("T")
Write = Callable[[sqlite3.Connection, float], T]  # one write's work, given the time it happened


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
        # When a write to the file fails mid-session (disk full, file gone, locked too long), the
        # store carries on in a copy of the database in memory and keeps every write it made
        # there; each later write first replays them on the file, in order, in one transaction.
        # Replaying the same work on the same starting state gives the same rows and ids, so the
        # file catches up exactly. Nothing the learner did is lost while the process lives.
        self._memory: sqlite3.Connection | None = None
        self._held: list[tuple[Write, float]] = []
        self.failure: str | None = None  # why writes are held, while they are

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

    @property
    def held(self) -> int:
        """Writes made in memory that the file has not caught up with yet (0 when all is saved)."""
        return len(self._held)

    def flush(self) -> bool:
        """Try to write the held writes to the file now; True when nothing is held any more."""
        with self._lock:
            return self._replay()

    def close(self) -> None:
        """Close the connection (after a last try to save held writes); calling it again does nothing."""
        with self._lock:
            if not self._closed:
                self._replay()
                self._closed = True
                self._conn.close()
                if self._memory is not None:
                    self._memory.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _record(self, conn: sqlite3.Connection, lesson_id: str, exercise_id: str, seed: int,
                answer: str, verdict: str, diagnosis: str | None, method: str | None, mode: str,
                elapsed_ms: float, at: float) -> ExerciseState:
        """Insert one attempt and save the state it leads to, inside the caller's transaction."""
        # The rules validate verdict and mode before anything is written.
        state = rules.after_attempt(queries.load_state(conn, lesson_id, exercise_id), verdict, seed, mode, at)
        queries.insert_attempt(conn, dict(
            lesson_id=lesson_id, exercise_id=exercise_id, seed=int(seed), answer=answer,
            verdict=verdict, diagnosis=diagnosis, method=method, mode=mode,
            elapsed_ms=float(elapsed_ms), at=at))
        queries.save_state(conn, state)
        return state

    def _apply(self, work: Write[T]) -> T:
        """Run one write transaction; if the file fails, run it in memory and hold it for later.

        `work` gets the time of the write (taken under the lock, so times follow the order of
        writes) and must write nothing else that changes between runs: a replay gets the same time.
        Errors that are not the database's (a rule refusing a bad verdict) are raised as usual and
        nothing is held.
        """
        with self._lock:
            if self._closed:
                raise ProgressError("the progress store is closed")
            at = self._clock()
            if self._memory is None:
                try:
                    return self._run(self._conn, lambda conn: work(conn, at))
                except ProgressError as err:
                    self._hold(err)
            result = self._run(self._memory, lambda conn: work(conn, at))
            self._held.append((work, at))
            self._replay()
            return result

    def _hold(self, err: ProgressError) -> None:
        """Carry on in memory from a copy of the database as it was before the failed write."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            self._conn.backup(memory)  # a read of the file: it works on a full disk
        except sqlite3.Error:
            # The file cannot even be read: start empty rather than stop; the notice says so.
            memory.close()
            memory = in_memory(self._clock()).conn
        self._memory = memory
        self.failure = str(err)

    def _replay(self) -> bool:
        if self._memory is None:
            return True
        try:
            def replay(conn: sqlite3.Connection) -> None:
                for work, at in self._held:
                    work(conn, at)
            self._run(self._conn, replay)
        except ProgressError as err:
            self.failure = str(err)
            return False
        # The file has caught up: it is the one true copy again.
        self._memory.close()
        self._memory, self._held, self.failure = None, [], None
        return True

    def _run(self, conn: sqlite3.Connection, work: Write[T]) -> T:
        # IMMEDIATE takes the write lock up front, so two apps on one file queue instead of
        # failing halfway with "database is locked" when a read would upgrade to a write.
        with self._transaction("BEGIN IMMEDIATE", conn) as conn:
            return work(conn)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        # A read transaction: several SELECTs see one consistent database (the memory copy
        # while writes are held, since it has them and the file does not).
        with self._lock:
            if self._closed:
                raise ProgressError("the progress store is closed")
            with self._transaction("BEGIN", self._memory or self._conn) as conn:
                yield conn

    @contextmanager
    def _transaction(self, begin: str, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        with self._lock:
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
