"""A learner's view of the progress database, and the one way an answer is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Self, TypeVar

from tutor.core.xapi.submit import submit_file

from . import answers, queries, rules, shipping
from .answers import AnswerContext
from .database import Database, Write
from .records import ExerciseState, Learner

T = TypeVar("T")


class StoreBase:
    """One learner's view of the progress Database: every read and write is of that learner only.

    The learner is fixed when the store is made (`db.learner(name)`), so a screen holding a store
    cannot write to another learner's progress by mistake; switching learner is a new store.
    Closing any store of a database closes the database.
    """

    def __init__(self, db: Database, learner: Learner) -> None:
        self.db = db
        self.learner = learner

    @property
    def learner_id(self) -> int:
        return self.learner.id

    @property
    def path(self) -> Path | None:
        """The database file, or None when progress is only kept in memory."""
        return self.db.path

    @property
    def persistent(self) -> bool:
        return self.db.persistent

    @property
    def held(self) -> int:
        return self.db.held

    @property
    def failure(self) -> str | None:
        return self.db.failure

    @property
    def _conn(self) -> sqlite3.Connection:
        return self.db.conn

    def flush(self) -> bool:
        return self.db.flush()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _apply(self, work: Write[T]) -> T:
        return self.db.write(work)

    def _read(self):
        return self.db.reading()

    def _record(self, conn: sqlite3.Connection, lesson_id: str, exercise_id: str, seed: int,
                answer: str, verdict: str, diagnosis: str | None, method: str | None, mode: str,
                elapsed_ms: float, at: float, context: AnswerContext = AnswerContext(),
                submit: Path | None = None) -> tuple[ExerciseState, dict]:
        """Insert one attempt and save the state it leads to, inside the caller's transaction.

        With a submit folder, the answer's statement also waits in the outbox, written in this
        same transaction: an answer saved is an answer that will be sent.
        """
        # The rules validate verdict and mode before anything is written.
        learner = self.learner.id
        state = rules.after_attempt(queries.load_state(conn, learner, lesson_id, exercise_id), verdict, seed, mode, at)
        row = answers.insert(conn, self.learner, dict(
            lesson_id=lesson_id, exercise_id=exercise_id, seed=int(seed), answer=answer,
            verdict=verdict, diagnosis=diagnosis, method=method, mode=mode,
            elapsed_ms=float(elapsed_ms), at=at), context)
        queries.save_state(conn, learner, state)
        if submit is not None and row["statement"] is not None:
            self._queue(conn, submit, context.sheet, row["statement"], at)
        return state, row

    def _queue(self, conn: sqlite3.Connection, submit: Path, sheet, text: str, at: float) -> None:
        """Queue a statement's line (its kept text) for the submit folder's file of this learner and sheet."""
        target = submit_file(submit, self.learner.name, sheet.class_name if sheet else None,
                             sheet.sheet_id if sheet else None)
        shipping.queue(conn, str(submit), str(target), text + "\n", at)
