"""ProgressStore: every checked answer, exercise state, position and quiz, one transaction each."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from . import queries, rules
from .quizzes import QuizMethods
from .records import Attempt, ExerciseState, LessonSummary, Mode, Position, VerdictName, Work


class ProgressStore(QuizMethods):
    """The learner's progress in one SQLite file, or in memory when the file cannot be used.

    Open it with `ProgressStore.open(path)` -> (store, message or None); close it with close()
    or a `with` block. Safe to share between threads (see StoreBase). Every write is one
    transaction, so a kill at any moment loses at most the write in progress. Reads of something
    never stored return a fresh record, not an error. A write that fails mid-session (disk full,
    file removed, locked for over 5 s) does not raise: the store carries on in memory, `held`
    counts what the file is missing and `failure` says why, and each later write (or flush())
    saves it all once the file works again. State rules are in rules.py.
    """

    # -- exercises ---------------------------------------------------------------------------

    def record_attempt(self, lesson_id: str, exercise_id: str, *, seed: int, answer: str,
                       verdict: VerdictName, diagnosis: str | None = None, method: str | None = None,
                       mode: Mode = "study", elapsed_ms: float = 0.0) -> ExerciseState:
        """Save one checked answer and the exercise state it leads to, together; return the state."""
        return self._apply(lambda conn, at: self._record(
            conn, lesson_id, exercise_id, seed, answer, verdict, diagnosis, method, mode, elapsed_ms, at))

    def mark_hint_used(self, lesson_id: str, exercise_id: str) -> ExerciseState:
        """Count one more hint shown for this exercise."""
        return self._update(lesson_id, exercise_id, rules.after_hint)

    def mark_solution_revealed(self, lesson_id: str, exercise_id: str, seed: int) -> ExerciseState:
        """Remember that the worked solution of variant `seed` was shown."""
        return self._update(lesson_id, exercise_id, lambda s: rules.after_reveal(s, seed))

    def exercise_state(self, lesson_id: str, exercise_id: str) -> ExerciseState:
        with self._read() as conn:
            return queries.load_state(conn, lesson_id, exercise_id)

    def lesson_states(self, lesson_id: str) -> dict[str, ExerciseState]:
        """Every exercise of the lesson that has a stored state, by exercise id."""
        with self._read() as conn:
            return queries.load_states(conn, lesson_id)

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
            return queries.recent_attempts(conn, limit, lesson_id, exercise_id)

    # -- where the learner left off ---------------------------------------------------------

    def save_position(self, lesson_id: str, *, page: int | None = None,
                      exercise_id: str | None = None) -> Position:
        """Remember the concept page or exercise the learner is on in this lesson."""
        def work(conn, at):
            position = Position(lesson_id, page, exercise_id, at)
            queries.save_position(conn, position)
            return position
        return self._apply(work)

    def last_position(self) -> Position | None:
        """The most recently saved position in any lesson (for "continue")."""
        with self._read() as conn:
            return queries.load_position(conn, None)

    def position(self, lesson_id: str) -> Position | None:
        """Where the learner left off in one lesson."""
        with self._read() as conn:
            return queries.load_position(conn, lesson_id)

    # -- work in progress on an exercise (descent steps done by hand) -------------------------------

    def save_work(self, lesson_id: str, exercise_id: str, seed: int, answers: Iterable[str]) -> Work:
        """Remember the answers accepted so far on variant `seed`, replacing what was kept before."""
        answers = tuple(answers)

        def work(conn, at):
            kept = Work(lesson_id, exercise_id, int(seed), answers, at)
            queries.save_work(conn, kept)
            return kept
        return self._apply(work)

    def work(self, lesson_id: str, exercise_id: str) -> Work | None:
        """The answers kept for this exercise, if any (of whichever variant they were given on)."""
        with self._read() as conn:
            return queries.load_work(conn, lesson_id, exercise_id)

    def clear_work(self, lesson_id: str, exercise_id: str) -> None:
        """Forget the work in progress (the exercise is done, or another variant was started)."""
        self._apply(lambda conn, at: queries.clear_work(conn, lesson_id, exercise_id))

    # -- settings the learner chose (the theme) ------------------------------------------------------

    def setting(self, name: str) -> str | None:
        with self._read() as conn:
            return queries.load_setting(conn, name)

    def save_setting(self, name: str, value: str) -> None:
        self._apply(lambda conn, at: queries.save_setting(conn, name, value))

    def _update(self, lesson_id: str, exercise_id: str,
                change: Callable[[ExerciseState], ExerciseState]) -> ExerciseState:
        def work(conn, at):
            state = change(queries.load_state(conn, lesson_id, exercise_id))
            queries.save_state(conn, state)
            return state
        return self._apply(work)
