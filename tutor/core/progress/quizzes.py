"""The quiz half of the store: start a run, record each answer, finish, read results back."""

from __future__ import annotations

from collections.abc import Iterable

from . import quiz
from .base import StoreBase
from .records import QuizAnswer, QuizResult, VerdictName


class QuizMethods(StoreBase):
    """Quiz runs: enough for a summary screen and for "retry the ones I missed"."""

    def start_quiz(self, lesson_ids: Iterable[str], planned: int) -> int:
        """Begin a quiz run of `planned` questions over `lesson_ids`; return its id."""
        with self._write() as conn:
            return quiz.start(conn, tuple(lesson_ids), planned, self._clock())

    def record_quiz_answer(self, quiz_id: int, number: int, lesson_id: str, exercise_id: str, *,
                           seed: int, answer: str, verdict: VerdictName, expected: str,
                           diagnosis: str | None = None, method: str | None = None,
                           elapsed_ms: float = 0.0) -> QuizAnswer:
        """Save question `number`'s answer AND its quiz-mode attempt, in one transaction.

        Answering the same number again (a question with several tries) replaces the answer
        and counts the try; every try is also an attempt in the exercise's history.
        """
        with self._write() as conn:
            if not quiz.exists(conn, quiz_id):
                raise ValueError(f"no quiz run with id {quiz_id}")
            self._record(conn, lesson_id, exercise_id, seed, answer, verdict, diagnosis, method,
                         "quiz", elapsed_ms)
            quiz.answer(conn, quiz_id, number, lesson_id, exercise_id, seed, answer, verdict,
                        expected, self._clock())
            return quiz.answer_of(conn, quiz_id, number)

    def finish_quiz(self, quiz_id: int) -> QuizResult:
        """Mark the run finished (the first call's time is kept) and return its result."""
        with self._write() as conn:
            quiz.finish(conn, quiz_id, self._clock())
            result = quiz.result(conn, quiz_id)
        if result is None:
            raise ValueError(f"no quiz run with id {quiz_id}")
        return result

    def quiz_result(self, quiz_id: int) -> QuizResult | None:
        with self._read() as conn:
            return quiz.result(conn, quiz_id)

    def recent_quizzes(self, limit: int = 10) -> tuple[QuizResult, ...]:
        """The latest quiz runs, newest first."""
        with self._read() as conn:
            results = (quiz.result(conn, i) for i in quiz.recent_ids(conn, limit))
            return tuple(r for r in results if r is not None)
