"""A quiz being taken: the current question, tries, the clock, and every answer written as it is given."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence

from ..lessons.instance import Instance
from ..lessons.loader import Course
from ..maths.verdict import Verdict
from ..progress import ProgressStore, QuizResult, ReviewCard
from ..progress.records import Mode
from ..review.rating import Outcome as Settled
from .plan import retry_plan
from .records import UNANSWERED, Answer, Outcome, Question


class QuizRun:
    """One quiz being taken: the current question, tries, answers, time; each answer stored as checked.

    An answer that cannot be read (verdict "invalid") costs no try and is not stored: a slip of
    syntax is not a wrong answer. Thread-safe: a worker records while the UI reads.

    Modes: "quiz"; "practice" (a retry of missed questions); "review", due review cards on fresh
    variants, untimed: the answer that settles a question (right, or the last try) rates its card
    in the same transaction, and finishing rates the questions left unanswered "again";
    "drill", items aimed at the slip `slip`: finishing counts the slip as drilled.
    """

    def __init__(self, store: ProgressStore, course: Course, questions: Sequence[Question], *,
                 tries: int = 1, lesson_ids: Iterable[str] | None = None,
                 clock: Callable[[], float] = time.monotonic, mode: Mode = "quiz",
                 slip: str | None = None) -> None:
        if not questions:
            raise ValueError("a quiz needs at least one question")
        if tries < 1:
            raise ValueError("a question allows at least one try")
        self.store, self.course = store, course
        self.questions = tuple(questions)
        self.tries = tries
        ids = lesson_ids if lesson_ids is not None else (q.lesson_id for q in self.questions)
        self.lesson_ids = tuple(dict.fromkeys(ids))
        self.clock = clock
        self.mode = mode  # "practice" for a retry of missed questions (their answers were shown)
        self.slip = slip  # a drill's diagnosis code
        self._shown_at: dict[int, float] = {}   # when each question was put on screen (clock)
        self.settled: set[int] = set()          # review questions whose card is rated
        self.cards: dict[tuple[str, str], ReviewCard] = {}  # after finishing a review: each card now
        self.quiz_id = store.start_quiz(self.lesson_ids, len(self.questions))
        self._started = clock()
        self._stopped: float | None = None
        self.index = 0                                  # the current question, 0-based
        self.answers: dict[int, Answer] = {}            # by question number (1-based)
        self._instances: dict[int, Instance] = {}
        self._lock = threading.RLock()
        self.result: QuizResult | None = None
        self.outcomes: tuple[Outcome, ...] = ()

    # -- where the learner is ------------------------------------------------------------------
    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def current(self) -> Question:
        return self.questions[self.index]

    @property
    def finished(self) -> bool:
        return self.result is not None

    @property
    def elapsed(self) -> float:
        """Seconds since the run started; frozen once it is finished."""
        return (self._stopped if self._stopped is not None else self.clock()) - self._started

    def tries_left(self, number: int | None = None) -> int:
        answer = self.answers.get(number or self.number)
        return self.tries - (answer.tries if answer else 0)

    def done(self, number: int | None = None) -> bool:
        """Answered right, or out of tries."""
        answer = self.answers.get(number or self.number)
        return answer is not None and (answer.status == "correct" or answer.tries >= self.tries)

    def instance(self, number: int) -> Instance:
        """Question `number`'s variant, built once (raises if the exercise cannot make it)."""
        with self._lock:
            if number not in self._instances:
                q = self.questions[number - 1]
                lesson = self.course.lesson(q.lesson_id)
                exercise = lesson.exercise(q.exercise_id) if lesson is not None else None
                if exercise is None:
                    raise KeyError(f"{q.lesson_id}/{q.exercise_id} is not in the course")
                instance = exercise.instance(q.seed)
                if q.order and instance.shape == "choice":
                    from ..lessons.types.choice import shuffled

                    instance = shuffled(instance, q.order)
                self._instances[number] = instance
            return self._instances[number]

    def showing(self, number: int) -> None:
        """Question `number` is on screen now: a review's first try is timed from here (fast is easy)."""
        with self._lock:
            self._shown_at.setdefault(number, self.clock())

    @property
    def timed(self) -> bool:
        """A quiz shows its clock; a review or a drill is untimed."""
        return self.mode in ("quiz", "practice")

    # -- answering -------------------------------------------------------------------------------
    def record(self, instance: Instance, text: str, verdict: Verdict) -> Answer | None:
        """Count and store an answer to the current question; None when it could not be read."""
        with self._lock:
            q = self.current
            if self.finished:
                raise ValueError("the quiz is finished")
            if (instance.lesson_id, instance.exercise_id, instance.seed) != (q.lesson_id, q.exercise_id, q.seed):
                raise ValueError("that is not the current question")
            if self.done():
                raise ValueError("this question has no tries left")
            if verdict.status == "invalid":
                return None
            shown = verdict.interpreted if instance.shape == "choice" and verdict.interpreted else text.strip()
            before = self.answers.get(self.number)
            tries = (before.tries if before else 0) + 1
            settles = self._settles(verdict.status, tries)
            self.store.record_quiz_answer(
                self.quiz_id, self.number, q.lesson_id, q.exercise_id, seed=q.seed, answer=text,
                verdict=verdict.status, expected=instance.expected,
                diagnosis=verdict.diagnosis.code if verdict.diagnosis else None,
                method=verdict.method, elapsed_ms=verdict.ms, mode=self.mode, review=settles)
            if settles is not None:
                self.settled.add(self.number)
            answer = Answer(text, shown, verdict.status, tries)
            self.answers[self.number] = answer
            return answer

    def _settles(self, status: str, tries: int) -> Settled | None:
        """In a review, the outcome this answer settles (right, or the last try wrong); else None."""
        if self.mode != "review" or (status != "correct" and tries < self.tries):
            return None
        shown = self._shown_at.get(self.number)
        seconds = self.clock() - shown if shown is not None and tries == 1 else None
        return Settled(solved=status == "correct", wrong_tries=tries - 1, seconds=seconds)

    def advance(self) -> Question | None:
        """On to the next question (done or not: a skipped one counts as missed); None after the last."""
        with self._lock:
            if self.index + 1 >= len(self.questions):
                return None
            self.index += 1
            return self.current

    def finish(self) -> QuizResult:
        """Stop the clock, mark the run finished in the store, and build the summary's rows."""
        with self._lock:
            if self.result is None:
                self._stopped = self.clock()
                if self.mode == "review":
                    # Not answered (skipped, left): not recalled. Each card is rated once per review.
                    for number, q in enumerate(self.questions, 1):
                        if number not in self.settled:
                            self.store.review_missed(q.lesson_id, q.exercise_id, q.seed)
                            self.settled.add(number)
                    self.cards = {(q.lesson_id, q.exercise_id): card for q in self.questions
                                  if (card := self.store.review_card(q.lesson_id, q.exercise_id)) is not None}
                elif self.mode == "drill" and self.slip is not None and self.answers:  # left untouched: not drilled
                    self.store.mark_drilled(self.slip)
                self.result = self.store.finish_quiz(self.quiz_id)
                self.outcomes = tuple(self._outcome(n) for n in range(1, len(self.questions) + 1))
            return self.result

    def retry_plan(self) -> list[Question]:
        if self.result is None:
            raise ValueError("finish the quiz first")
        return retry_plan(self.result, self.questions)

    def retry(self, clock: Callable[[], float] | None = None) -> QuizRun:
        """A practice run of the missed questions (raises ValueError when nothing was missed)."""
        questions = self.retry_plan()
        if not questions:
            raise ValueError("nothing was missed")
        return QuizRun(self.store, self.course, questions, tries=self.tries, clock=clock or self.clock,
                       mode="practice")

    def _title(self, q: Question, instance: Instance | None) -> str:
        """'3. ∂f/∂x': where it is in its lesson and what it asks, never an internal id."""
        lesson = self.course.lesson(q.lesson_id)
        ids = [m.id for m in lesson.lesson.exercises] if lesson is not None else []
        where = f"{ids.index(q.exercise_id) + 1}." if q.exercise_id in ids else "?"
        return f"{where} {instance.title}" if instance is not None else f"{where} (cannot be shown)"

    def _outcome(self, number: int) -> Outcome:
        q = self.questions[number - 1]
        stored = next((a for a in self.result.answers if a.number == number), None)
        try:
            instance = self.instance(number)
        except Exception:  # a variant that cannot be built still gets its row
            instance = None
        lesson = self.course.lesson(q.lesson_id)
        mine = self.answers.get(number)
        return Outcome(
            number=number, question=q, lesson_title=lesson.title if lesson else q.lesson_id,
            title=self._title(q, instance),
            answer=(mine.shown if mine else stored.answer) if stored else UNANSWERED,
            expected=stored.expected if stored else (instance.expected if instance else UNANSWERED),
            correct=bool(stored and stored.correct), tries=stored.tries if stored else 0,
            instance=instance)
