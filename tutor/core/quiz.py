"""Quizzes: plan the questions, run them (tries, time, answers written as checked), retry the missed.

Pure core: the quiz screens drive a QuizRun and show what it returns. Building an exercise's
variant may import sympy, so call `QuizRun.instance` and `QuizRun.finish` off the UI thread.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .lessons.instance import Instance
from .lessons.loader import Course
from .maths.verdict import Status, Verdict
from .progress import ProgressStore, QuizResult

SEED_RANGE = 1_000_000  # variant seeds a quiz draws from; study mode uses the small ones first
UNANSWERED = "—"


@dataclass(frozen=True)
class Question:
    """One exercise of one lesson, in one variant."""

    lesson_id: str
    exercise_id: str
    seed: int


@dataclass(frozen=True)
class Answer:
    """The latest graded answer to a question of a run."""

    text: str       # as typed (a choice is its letter)
    shown: str      # as the summary shows it ("b) Towards the steepest decrease.")
    status: Status
    tries: int      # graded tries used so far


@dataclass(frozen=True)
class Outcome:
    """One row of the summary: a question with the answer given and the right one."""

    number: int
    question: Question
    lesson_title: str
    title: str                     # the instance's heading (∂f/∂x), or the exercise id
    answer: str                    # as shown, or UNANSWERED
    expected: str
    correct: bool
    tries: int
    instance: Instance | None      # None when the variant could not be built


def plan_quiz(course: Course, lesson_ids: Iterable[str], count: int, rng_seed: int) -> list[Question]:
    """`count` questions from the lessons, dealt in turn from each so every lesson is asked.

    No exercise comes twice until every exercise of the chosen lessons has come once (and then
    never twice in a row); each question gets its own random variant. Unknown lessons and
    lessons without exercises are skipped; the plan is empty when nothing is left. Builds the
    lessons' exercises (sympy), so call it off the UI thread.
    """
    rng = random.Random(f"quiz:{rng_seed}")
    pools = []
    for lesson_id in dict.fromkeys(lesson_ids):
        lesson = course.lesson(lesson_id)
        ids = [e.model.id for e in lesson.exercises] if lesson is not None else []
        if ids:
            pools.append((lesson_id, ids))
    if count < 1 or not pools:
        return []
    rng.shuffle(pools)  # which lessons get the extra questions when count does not divide evenly
    picked: list[tuple[str, str]] = []
    while len(picked) < count:
        # One round asks each exercise once, dealt a lesson at a time; only a new round repeats.
        queues = [(lesson_id, rng.sample(ids, len(ids))) for lesson_id, ids in pools]
        round_: list[tuple[str, str]] = []
        while len(picked) + len(round_) < count and any(q for _, q in queues):
            for lesson_id, queue in queues:
                if queue and len(picked) + len(round_) < count:
                    round_.append((lesson_id, queue.pop()))
        rng.shuffle(round_)
        _extend_apart(picked, round_)
    questions: list[Question] = []
    for lesson_id, exercise_id in picked:
        question = Question(lesson_id, exercise_id, rng.randrange(SEED_RANGE))
        while question in questions:  # a repeated exercise is at least a new variant
            question = Question(lesson_id, exercise_id, rng.randrange(SEED_RANGE))
        questions.append(question)
    return questions


def _extend_apart(picked: list, round_: list) -> None:
    """Append a round (distinct items) so that no item follows itself, where that can be helped."""
    if picked and round_ and round_[0] == picked[-1]:
        if len(round_) > 1:
            round_[0], round_[-1] = round_[-1], round_[0]
        else:
            item = round_.pop()
            spots = [i for i in range(len(picked)) if picked[i] != item and (i == 0 or picked[i - 1] != item)]
            picked.insert(spots[-1] if spots else len(picked), item)  # as late as it can go
    picked.extend(round_)


def retry_plan(result: QuizResult, planned: Sequence[Question] = ()) -> list[Question]:
    """The questions missed in `result`, in order: same exercises AND the same variant seeds.

    Same seeds on purpose: the summary showed the right answer to exactly these variants, so a
    retry lets the learner fix the very questions they got wrong rather than meet new numbers.
    The store keeps only answered questions; pass the run's `planned` questions so those left
    unanswered (skipped, or the quiz left early) are retried too.
    """
    answers = {a.number: a for a in result.answers}
    last = max([len(planned), *answers])
    missed = []
    for number in range(1, last + 1):
        answer = answers.get(number)
        if answer is not None and not answer.correct:
            missed.append(Question(answer.lesson_id, answer.exercise_id, answer.seed))
        elif answer is None and number <= len(planned):
            missed.append(planned[number - 1])
    return missed


def format_clock(seconds: float) -> str:
    """Elapsed time as mm:ss (minutes keep counting past 59)."""
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


class QuizRun:
    """One quiz being taken: the current question, tries, answers, time; each answer stored as checked.

    An answer that cannot be read (verdict "invalid") costs no try and is not stored: a slip of
    syntax is not a wrong answer. Thread-safe: a worker records while the UI reads.
    """

    def __init__(self, store: ProgressStore, course: Course, questions: Sequence[Question], *,
                 tries: int = 1, lesson_ids: Iterable[str] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
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
                self._instances[number] = exercise.instance(q.seed)
            return self._instances[number]

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
            self.store.record_quiz_answer(
                self.quiz_id, self.number, q.lesson_id, q.exercise_id, seed=q.seed, answer=text,
                verdict=verdict.status, expected=instance.expected,
                diagnosis=verdict.diagnosis.code if verdict.diagnosis else None,
                method=verdict.method, elapsed_ms=verdict.ms)
            before = self.answers.get(self.number)
            answer = Answer(text, shown, verdict.status, (before.tries if before else 0) + 1)
            self.answers[self.number] = answer
            return answer

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
                self.result = self.store.finish_quiz(self.quiz_id)
                self.outcomes = tuple(self._outcome(n) for n in range(1, len(self.questions) + 1))
            return self.result

    def retry_plan(self) -> list[Question]:
        if self.result is None:
            raise ValueError("finish the quiz first")
        return retry_plan(self.result, self.questions)

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
            title=instance.title if instance else q.exercise_id,
            answer=(mine.shown if mine else stored.answer) if stored else UNANSWERED,
            expected=stored.expected if stored else (instance.expected if instance else UNANSWERED),
            correct=bool(stored and stored.correct), tries=stored.tries if stored else 0,
            instance=instance)
