"""ProgressStore: one learner's checked answers, exercise states, positions and quizzes, one transaction each."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Self

from tutor.core.learners import LearnerNameError, default_name, normalize

from . import answers, learner_rows, queries, rules
from .answers import AnswerContext
from .database import Clock, Database
from .imports import ImportMethods
from .labs import LabMethods
from .quizzes import QuizMethods
from .reviews import ReviewMethods
from .records import Answered, Attempt, ExerciseState, LessonSummary, Mode, Position, VerdictName, Work


class ProgressStore(QuizMethods, LabMethods, ImportMethods, ReviewMethods):
    """One learner's progress in the SQLite file, or in memory when the file cannot be used.

    Open it with `ProgressStore.open(path, learner=NAME)` -> (store, message or None), or get one
    from a ProgressDatabase (`db.learner(name)`); close it with close() or a `with` block (that
    closes the database). Safe to share between threads. Every write is one transaction, so a
    kill at any moment loses at most the write in progress. Reads of something never stored return
    a fresh record, not an error. A write that fails mid-session (disk full, file removed, locked
    for over 5 s) does not raise: the database carries on in memory, `held` counts what the file is
    missing and `failure` says why, and each later write (or flush()) saves it all once the file
    works again. State rules are in rules.py.
    """

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, learner: str | None = None,
             clock: Clock = time.time) -> tuple[Self, str | None]:
        """Open the database at `path` for `learner` (None: db.default_learner()); never raises for a bad file."""
        db, message = ProgressDatabase.open(path, clock=clock)
        return (db.learner(learner) if learner is not None else db.default_learner()), message

    @classmethod
    def in_memory(cls, *, learner: str | None = None, clock: Clock = time.time) -> Self:
        """A store for this session only: nothing is written to disk."""
        db = ProgressDatabase.in_memory(clock=clock)
        return db.learner(learner) if learner is not None else db.default_learner()

    def for_learner(self, name: str) -> ProgressStore:
        """Another learner's store on the same database (this one stays bound to its learner)."""
        return self.db.learner(name)

    # -- exercises ---------------------------------------------------------------------------

    def record_attempt(self, lesson_id: str, exercise_id: str, *, seed: int, answer: str,
                       verdict: VerdictName, diagnosis: str | None = None, method: str | None = None,
                       mode: Mode = "study", elapsed_ms: float = 0.0,
                       context: AnswerContext = AnswerContext(), submit: Path | None = None) -> ExerciseState:
        """Save one checked answer and the exercise state it leads to, together; return the state.

        `context` is what the answer's xAPI statement says beyond the verdict; with `submit`, the
        statement also waits in the outbox for that submit folder (see xapi.outbox).
        """
        return self.record_answer(lesson_id, exercise_id, seed=seed, answer=answer, verdict=verdict,
                                  diagnosis=diagnosis, method=method, mode=mode, elapsed_ms=elapsed_ms,
                                  context=context, submit=submit).state

    def record_answer(self, lesson_id: str, exercise_id: str, *, seed: int, answer: str,
                      verdict: VerdictName, diagnosis: str | None = None, method: str | None = None,
                      mode: Mode = "study", elapsed_ms: float = 0.0,
                      context: AnswerContext = AnswerContext(), submit: Path | None = None) -> Answered:
        """record_attempt, returning everything the answer changed: the state, the review card it
        rated (the first completion of an exercise makes its card) and the slip it counted."""
        return self._apply(lambda conn, at: self._record(
            conn, lesson_id, exercise_id, seed, answer, verdict, diagnosis, method, mode, elapsed_ms, at,
            context, submit)[0])

    def mark_hint_used(self, lesson_id: str, exercise_id: str, *, seed: int | None = None,
                       sheet_id: str | None = None) -> ExerciseState:
        """Count one more hint shown for this exercise (and for variant `seed`'s next answer)."""
        return self._update(lesson_id, exercise_id, rules.after_hint, (seed, sheet_id, "hint"))

    def mark_solution_revealed(self, lesson_id: str, exercise_id: str, seed: int, *,
                               sheet_id: str | None = None) -> ExerciseState:
        """Remember that the worked solution of variant `seed` was shown."""
        return self._update(lesson_id, exercise_id, lambda s: rules.after_reveal(s, seed), (seed, sheet_id, "solution"))

    def exercise_state(self, lesson_id: str, exercise_id: str) -> ExerciseState:
        with self._read() as conn:
            return queries.load_state(conn, self.learner_id, lesson_id, exercise_id)

    def lesson_states(self, lesson_id: str) -> dict[str, ExerciseState]:
        """Every exercise of the lesson that has a stored state, by exercise id."""
        with self._read() as conn:
            return queries.load_states(conn, self.learner_id, lesson_id)

    def lesson_summary(self, lesson_id: str, exercise_ids: Iterable[str]) -> LessonSummary:
        """Progress over the lesson's current exercises; never-tried ones count as 0 mastery."""
        ids = list(dict.fromkeys(exercise_ids))
        states = self.lesson_states(lesson_id)
        chosen = [states.get(e, ExerciseState(lesson_id, e)) for e in ids]
        return LessonSummary(
            lesson_id=lesson_id, solved=sum(s.solved for s in chosen),
            completed=sum(s.completed for s in chosen), total=len(ids),
            mastery=sum(s.mastery for s in chosen) / len(ids) if ids else 0.0)

    def recent_attempts(self, limit: int = 20, *, lesson_id: str | None = None,
                        exercise_id: str | None = None) -> tuple[Attempt, ...]:
        """The latest attempts, newest first, optionally of one lesson or exercise."""
        with self._read() as conn:
            return answers.recent_attempts(conn, self.learner_id, limit, lesson_id, exercise_id)

    # -- where the learner left off ---------------------------------------------------------

    def save_position(self, lesson_id: str, *, page: int | None = None,
                      exercise_id: str | None = None) -> Position:
        """Remember the concept page or exercise the learner is on in this lesson."""
        def work(conn, at):
            position = Position(lesson_id, page, exercise_id, at)
            queries.save_position(conn, self.learner_id, position)
            return position
        return self._apply(work)

    def last_position(self) -> Position | None:
        """The most recently saved position in any lesson (for "continue")."""
        with self._read() as conn:
            return queries.load_position(conn, self.learner_id, None)

    def position(self, lesson_id: str) -> Position | None:
        """Where the learner left off in one lesson."""
        with self._read() as conn:
            return queries.load_position(conn, self.learner_id, lesson_id)

    # -- work in progress on an exercise (descent steps done by hand) -------------------------------

    def save_work(self, lesson_id: str, exercise_id: str, seed: int, answers: Iterable[str]) -> Work:
        """Remember the answers accepted so far on variant `seed`, replacing what was kept before."""
        kept_answers = tuple(answers)

        def work(conn, at):
            kept = Work(lesson_id, exercise_id, int(seed), kept_answers, at)
            queries.save_work(conn, self.learner_id, kept)
            return kept
        return self._apply(work)

    def work(self, lesson_id: str, exercise_id: str) -> Work | None:
        """The answers kept for this exercise, if any (of whichever variant they were given on)."""
        with self._read() as conn:
            return queries.load_work(conn, self.learner_id, lesson_id, exercise_id)

    def clear_work(self, lesson_id: str, exercise_id: str) -> None:
        """Forget the work in progress (the exercise is done, or another variant was started)."""
        self._apply(lambda conn, at: queries.clear_work(conn, self.learner_id, lesson_id, exercise_id))

    # -- settings the learner chose (the theme) ------------------------------------------------------

    def setting(self, name: str) -> str | None:
        with self._read() as conn:
            return queries.load_setting(conn, name)

    def save_setting(self, name: str, value: str) -> None:
        self._apply(lambda conn, at: queries.save_setting(conn, name, value))

    def _update(self, lesson_id: str, exercise_id: str, change: Callable[[ExerciseState], ExerciseState],
                help_shown: tuple[int | None, str | None, str]) -> ExerciseState:
        def work(conn, at):
            state = change(queries.load_state(conn, self.learner_id, lesson_id, exercise_id))
            queries.save_state(conn, self.learner_id, state)
            seed, sheet_id, kind = help_shown
            answers.add_help(conn, self.learner_id, lesson_id, exercise_id, seed, sheet_id, kind, at)
            return state
        return self._apply(work)


class ProgressDatabase(Database):
    """The progress file, and the way to a learner's store: `db.learner(name)`.

    Open it with `ProgressDatabase.open(path)` -> (db, message or None). Every store got from it
    shares its one connection; closing the database (or any of its stores) closes them all.
    """

    def learner(self, name: str) -> ProgressStore:
        """The store of the learner called `name` (normalised), created on first use.

        Raises LearnerNameError for a name that cannot be a learner's (empty, control characters).
        """
        wanted = normalize(name)
        found = self.existing(wanted)  # a read: a known learner (nearly always) costs no write at start
        if found is not None:
            return found
        return ProgressStore(self, self.write(lambda conn, at: learner_rows.get_or_create(conn, wanted, at)))

    def existing(self, name: str) -> ProgressStore | None:
        """The store of an existing learner called `name`, or None (nobody is created)."""
        try:
            wanted = normalize(name)
        except LearnerNameError:
            return None
        found = next((learner for learner in self.learners() if learner.name == wanted), None)
        return None if found is None else ProgressStore(self, found)

    def default_learner(self) -> ProgressStore:
        """Whoever studies when nobody is named: the only learner, else the one active last, else a
        new learner named after the login (see choose_learner for when the app asks instead)."""
        known = self.learners()
        if not known:
            return self.learner(default_name())
        latest = max(known, key=lambda learner: (learner.last_active or learner.created_at, learner.id))
        return self.learner(latest.name)
