"""The progress file: one guarded connection, opening, closing, one transaction per call, held writes."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self, TypeVar

from . import cleanclose, learner_rows, queries
from .opening import Opened, in_memory, open_database
from .records import Learner, ProgressError

Clock = Callable[[], float]
T = TypeVar("T")
Write = Callable[[sqlite3.Connection, float], T]  # one write's work, given the time it happened


class Database:
    """The progress file: one connection shared by every thread and every learner, behind a lock.

    One connection with check_same_thread=False rather than one per thread: SQLite lets one
    writer in at a time anyway, so a second connection of our own would only wait on the first
    for the file lock; the in-memory fallback is private to its connection; and close() closes
    exactly one thing, whichever thread opened it (no connection left behind in a dead worker).
    A learner's progress is read and written through a ProgressStore bound to that learner
    (ProgressDatabase.learner(name), store.py); the database itself lists learners, holds the
    machine-wide things (outbox, pushes) and runs every transaction.
    """

    def __init__(self, opened: Opened, clock: Clock = time.time) -> None:
        """Wraps an opened connection; use `open` or `in_memory` instead."""
        self.conn = opened.conn
        self.path = opened.path  # None when progress is only kept in memory
        self.clock = clock
        self.lock = threading.RLock()
        self.closed = False
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
        """A database for this session only: nothing is written to disk."""
        return cls(in_memory(clock()), clock)

    @property
    def persistent(self) -> bool:
        return self.path is not None

    @property
    def held(self) -> int:
        """Writes made in memory that the file has not caught up with yet (0 when all is saved)."""
        return len(self._held)

    def flush(self) -> bool:
        """Try to write the held writes to the file now; True when nothing is held any more."""
        with self.lock:
            return self._replay()

    def close(self) -> None:
        """Close the connection (after a last try to save held writes); calling it again does nothing."""
        with self.lock:
            if not self.closed:
                saved = self._replay()
                self.closed = True
                self.conn.close()
                if self._memory is not None:
                    self._memory.close()
                if saved and self.path is not None:
                    cleanclose.leave(self.path)  # the next opening may skip the full check

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- learners -------------------------------------------------------------------------------------
    def learners(self) -> tuple[Learner, ...]:
        """Everyone with progress here, by name (case-insensitive order)."""
        with self.reading() as conn:
            return learner_rows.all_learners(conn)

    # -- settings of this machine's tutor (the theme): one for all its learners -----------------------
    def setting(self, name: str) -> str | None:
        with self.reading() as conn:
            return queries.load_setting(conn, name)

    def save_setting(self, name: str, value: str) -> None:
        self.write(lambda conn, at: queries.save_setting(conn, name, value))

    # -- transactions ---------------------------------------------------------------------------------
    def write(self, work: Write[T]) -> T:
        """Run one write transaction; if the file fails, run it in memory and hold it for later.

        `work` gets the time of the write (taken under the lock, so times follow the order of
        writes) and must write nothing else that changes between runs: a replay gets the same time.
        Errors that are not the database's (a rule refusing a bad verdict) are raised as usual and
        nothing is held.
        """
        with self.lock:
            if self.closed:
                raise ProgressError("the progress store is closed")
            at = self.clock()
            if self._memory is None:
                try:
                    return self._run(self.conn, lambda conn: work(conn, at))
                except ProgressError as err:
                    self._hold(err)
            result = self._run(self._memory, lambda conn: work(conn, at))
            self._held.append((work, at))
            self._replay()
            return result

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several SELECTs see one consistent database (the memory copy
        while writes are held, since it has them and the file does not)."""
        with self.lock:
            if self.closed:
                raise ProgressError("the progress store is closed")
            with self._transaction("BEGIN", self._memory or self.conn) as conn:
                yield conn

    def _hold(self, err: ProgressError) -> None:
        """Carry on in memory from a copy of the database as it was before the failed write."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            self.conn.backup(memory)  # a read of the file: it works on a full disk
        except sqlite3.Error:
            # The file cannot even be read: start empty rather than stop; the notice says so.
            memory.close()
            memory = in_memory(self.clock()).conn
        self._memory = memory
        self.failure = str(err)

    def _replay(self) -> bool:
        if self._memory is None:
            return True
        try:
            def replay(conn: sqlite3.Connection) -> None:
                for work, at in self._held:
                    work(conn, at)
            self._run(self.conn, replay)
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
    def _transaction(self, begin: str, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        with self.lock:
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
