"""The quiz half of the store: start a run, record each answer, finish, read results back."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tutor.core.review.rating import Outcome

from . import quiz
from .answers import AnswerContext
from .base import StoreBase
from .records import Mode, QuizAnswer, QuizResult, VerdictName


class QuizMethods(StoreBase):
    """Quiz runs: enough for a summary screen and for "retry the ones I missed"."""

    def start_quiz(self, lesson_ids: Iterable[str], planned: int) -> int:
        """Begin a quiz run of `planned` questions over `lesson_ids`; return its id."""
        lesson_ids = tuple(lesson_ids)
        return self._apply(lambda conn, at: quiz.start(conn, self.learner_id, lesson_ids, planned, at))

    def record_quiz_answer(self, quiz_id: int, number: int, lesson_id: str, exercise_id: str, *,
                           seed: int, answer: str, verdict: VerdictName, expected: str,
                           diagnosis: str | None = None, method: str | None = None,
                           elapsed_ms: float = 0.0, mode: Mode = "quiz",
                           context: AnswerContext = AnswerContext(), submit: Path | None = None,
                           review: Outcome | None = None) -> QuizAnswer:
        """Save question `number`'s answer AND its quiz-mode attempt, in one transaction.

        Answering the same number again (a question with several tries) replaces the answer
        and counts the try; every try is also an attempt in the exercise's history. `review`: in
        a review run, the outcome this answer settles (its card is rated in the same transaction).
        """
        def work(conn, at):
            if not quiz.exists(conn, self.learner_id, quiz_id):
                raise ValueError(f"no quiz run with id {quiz_id}")
            self._record(conn, lesson_id, exercise_id, seed, answer, verdict, diagnosis, method,
                         mode, elapsed_ms, at, context, submit, review)
            quiz.answer(conn, quiz_id, number, lesson_id, exercise_id, seed, answer, verdict,
                        expected, at)
            return quiz.answer_of(conn, quiz_id, number)
        return self._apply(work)

    def finish_quiz(self, quiz_id: int) -> QuizResult:
        """Mark the run finished (the first call's time is kept) and return its result."""
        def work(conn, at):
            if quiz.exists(conn, self.learner_id, quiz_id):
                quiz.finish(conn, quiz_id, at)
            return quiz.result(conn, self.learner_id, quiz_id)
        result = self._apply(work)
        if result is None:
            raise ValueError(f"no quiz run with id {quiz_id}")
        return result

    def quiz_result(self, quiz_id: int) -> QuizResult | None:
        with self._read() as conn:
            return quiz.result(conn, self.learner_id, quiz_id)

    def recent_quizzes(self, limit: int = 10) -> tuple[QuizResult, ...]:
        """The latest quiz runs, newest first."""
        with self._read() as conn:
            results = (quiz.result(conn, self.learner_id, i) for i in quiz.recent_ids(conn, self.learner_id, limit))
            return tuple(r for r in results if r is not None)
