"""Planning a quiz: which exercises, in which order, with which variants; and the retry of the missed ones."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from ..lessons.loader import Course
from ..progress import QuizResult
from .records import SEED_RANGE, Question


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
    A choice question's options come in a new order, so the retry asks for the reason, not the
    letter; and the run is practice (see progress rules): it completes, it does not solve.
    The store keeps only answered questions; pass the run's `planned` questions so those left
    unanswered (skipped, or the quiz left early) are retried too.
    """
    answers = {a.number: a for a in result.answers}
    last = max([len(planned), *answers])
    missed = []
    for number in range(1, last + 1):
        answer = answers.get(number)
        if answer is not None and not answer.correct:
            missed.append(Question(answer.lesson_id, answer.exercise_id, answer.seed, order=number))
        elif answer is None and number <= len(planned):
            q = planned[number - 1]
            missed.append(Question(q.lesson_id, q.exercise_id, q.seed, order=number))
    return missed


def format_clock(seconds: float) -> str:
    """Elapsed time as mm:ss (minutes keep counting past 59)."""
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"
