"""Runs of several exercises besides a quiz: a review session of due cards, a drill on one slip."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from ..lessons.loader import Course
from ..progress import ProgressStore
from .drill import DRILL_TRIES, plan_drill
from .review import REVIEW_SESSION, REVIEW_TRIES, plan_review
from .run import QuizRun


def review_run(store: ProgressStore, course: Course, due: Sequence[tuple[str, str]], rng_seed: int, *,
               limit: int = REVIEW_SESSION, clock: Callable[[], float] = time.monotonic) -> QuizRun | None:
    """A review session of the `due` cards (most overdue first), or None when none can be shown.
    Writes the run and builds variants: call it off the UI thread."""
    questions = plan_review(store, course, due, rng_seed, limit)
    if not questions:
        return None
    return QuizRun(store, course, questions, tries=REVIEW_TRIES, clock=clock, mode="review")


def drill_run(store: ProgressStore, course: Course, code: str, rng_seed: int, *,
              clock: Callable[[], float] = time.monotonic) -> QuizRun | None:
    """A drill on the slip `code`, or None when the course has nothing that trains it."""
    questions = plan_drill(store, course, code, rng_seed)
    if not questions:
        return None
    return QuizRun(store, course, questions, tries=DRILL_TRIES, clock=clock, mode="drill", slip=code)
