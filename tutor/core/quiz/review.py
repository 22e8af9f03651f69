"""Planning a review session: the cards due, most overdue first, each on fresh numbers.

A review asks for recall, not for the answer remembered: each card gets a variant whose numbers
differ from every variant the learner answered right (a choice question gets its options in a
new order). An exercise written without params has one version only; it comes back as it is.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from ..lessons.loader import Course
from ..progress import ProgressStore
from .records import SEED_RANGE, Question

REVIEW_SESSION = 10  # cards per session: a sitting of a quarter of an hour; the rest wait for the next
REVIEW_TRIES = 2     # a review question's tries: right at the second is "hard", not "again"
FRESH_DRAWS = 12     # seeds tried for numbers not seen before


def course_exercises(course: Course) -> set[tuple[str, str]]:
    """(lesson, exercise) of every usable exercise, read from the files without building them."""
    out = set()
    for lesson in course.lessons:
        out.update((lesson.id, m.id) for i, m in enumerate(lesson.lesson.exercises)
                   if i not in lesson.duplicates and m.id not in lesson.broken_exercises)
    return out


def due_in_course(due: Iterable[tuple[str, str, float]], course_ids: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The due cards the course can still show (a card of an exercise since removed waits, unseen)."""
    return [(lesson, exercise) for lesson, exercise, _ in due if (lesson, exercise) in course_ids]


def plan_review(store: ProgressStore, course: Course, due: Sequence[tuple[str, str]], rng_seed: int,
                limit: int = REVIEW_SESSION) -> list[Question]:
    """Up to `limit` of the `due` cards (in that order), each as a fresh variant. Builds exercises
    (their params), so call it off the UI thread."""
    rng = random.Random(f"review:{rng_seed}")
    questions = []
    for lesson_id, exercise_id in due[:limit]:
        lesson = course.lesson(lesson_id)
        exercise = lesson.exercise(exercise_id) if lesson is not None else None
        if exercise is None:
            continue
        seed = fresh_seed(exercise, store.seeds_answered(lesson_id, exercise_id), rng)
        questions.append(Question(lesson_id, exercise_id, seed, order=rng.randrange(1, SEED_RANGE)))
    return questions


def fresh_seed(exercise, seen: set[int], rng: random.Random) -> int:
    """A seed not in `seen` whose param values differ from those of every seen seed, where one exists."""
    candidates = [s for s in (rng.randrange(SEED_RANGE) for _ in range(FRESH_DRAWS)) if s not in seen]
    if not candidates:  # a million seeds, twelve draws: only a test's rigged generator gets here
        candidates = [max(seen, default=0) + 1]
    if not exercise.model.params:
        return candidates[0]
    try:
        known = [exercise.values(s) for s in sorted(seen)]
        return next((s for s in candidates if exercise.values(s) not in known), candidates[0])
    except Exception:  # a variant that cannot be drawn is reported when the question is shown
        return candidates[0]
