"""Planning a drill: a few short items aimed at one of the learner's slips (a diagnosis code).

Items are the course's exercises tagged with the code, then the generated mapping's
(review/drills.py). Lessons the learner has opened come first: a drill is practice, not a new topic.
"""

from __future__ import annotations

import random

from ..lessons.loader import Course
from ..progress import ProgressStore
from ..review.drills import drill_candidates
from .records import SEED_RANGE, Question
from .review import fresh_seed

DRILL_ITEMS = 3   # short: a drill is offered in the middle of study
DRILL_TRIES = 2


def plan_drill(store: ProgressStore, course: Course, code: str, rng_seed: int,
               count: int = DRILL_ITEMS) -> list[Question]:
    """Up to `count` items for a drill on `code`, tagged ones first, each a variant not answered before.
    Builds exercises (their params): call it off the UI thread. Empty when nothing in the course fits."""
    rng = random.Random(f"drill:{code}:{rng_seed}")
    tagged, generated = drill_candidates(course, code)
    opened = {lesson.id for lesson in course.lessons if store.lesson_states(lesson.id)}
    picked: list[tuple[str, str]] = []
    for pool in (tagged, generated):
        # Within each pool, exercises of lessons already opened first, in random order.
        ranked = sorted(pool, key=lambda item: (item[0] not in opened, rng.random()))
        picked.extend(item for item in ranked if item not in picked)
    questions = []
    for lesson_id, exercise_id in picked[:count]:
        exercise = course.lesson(lesson_id).exercise(exercise_id)
        if exercise is None:
            continue
        seed = fresh_seed(exercise, store.seeds_answered(lesson_id, exercise_id), rng)
        questions.append(Question(lesson_id, exercise_id, seed, order=rng.randrange(1, SEED_RANGE)))
    return questions
