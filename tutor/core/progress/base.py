"""A learner's view of the progress database, and the one way an answer is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Self, TypeVar

from tutor.core.xapi.submit import submit_file

from tutor.core.review.rating import Outcome, rate

from . import answers, cards, queries, rules, shipping, slips
from .answers import AnswerContext
from .database import Database, Write
from .records import Answered, ExerciseState, Learner

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
                submit: Path | None = None, review: Outcome | None = None) -> tuple[Answered, dict]:
        """Insert one attempt and save what it leads to, inside the caller's transaction: the exercise's
        state, the slip it counts (a wrong answer with a named mistake), and its review card when
        this answer rates one (`review`: the outcome a review run settled with this answer).

        With a submit folder, the answer's statement also waits in the outbox, written in this
        same transaction: an answer saved is an answer that will be sent.
        """
        # The rules validate verdict and mode before anything is written.
        learner = self.learner.id
        before = queries.load_state(conn, learner, lesson_id, exercise_id)
        state = rules.after_attempt(before, verdict, seed, mode, at)
        row = answers.insert(conn, self.learner, dict(
            lesson_id=lesson_id, exercise_id=exercise_id, seed=int(seed), answer=answer,
            verdict=verdict, diagnosis=diagnosis, method=method, mode=mode,
            elapsed_ms=float(elapsed_ms), at=at), context)
        queries.save_state(conn, learner, state)
        if submit is not None and row["statement"] is not None:
            self._queue(conn, submit, context.sheet, row["statement"], at)
        slip = slips.count(conn, learner, diagnosis, lesson_id, exercise_id, at) if (
            verdict == "incorrect" and diagnosis) else None
        rating = self._rating(conn, before, state, row, review)
        card = cards.schedule(conn, learner, lesson_id, exercise_id, rating, mode=mode, seed=int(seed),
                              attempt_id=row["id"], at=at) if rating is not None else None
        return Answered(state, card, rating, slip), row

    def _rating(self, conn: sqlite3.Connection, before: ExerciseState, after: ExerciseState, row: dict,
                review: Outcome | None) -> int | None:
        """The review rating this answer gives, if any: a review run's settled outcome, or the
        first completion of an exercise (which makes its card). Other answers leave cards alone."""
        if review is not None:
            return rate(review)
        if not after.completed or before.completed or row["mode"] == "review":
            return None
        if cards.load(conn, self.learner.id, after.lesson_id, after.exercise_id) is not None:
            return None
        duration = row["duration_ms"]
        return rate(Outcome(solved=after.solved, wrong_tries=before.attempts - before.correct,
                            helped=before.hints_used > 0 or bool(row["hints"]),
                            seconds=None if duration is None else duration / 1000.0))

    def _queue(self, conn: sqlite3.Connection, submit: Path, sheet, text: str, at: float) -> None:
        """Queue a statement's line (its kept text) for the submit folder's file of this learner and sheet."""
        target = submit_file(submit, self.learner.name, sheet.class_name if sheet else None,
                             sheet.sheet_id if sheet else None)
        shipping.queue(conn, str(submit), str(target), text + "\n", at)
