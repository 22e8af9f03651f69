"""Makes a data directory where a learner studied lessons 1–5 yesterday, for trying spaced review.

Run: python benchmarks/make_review_story.py DATA_DIR [--learner Ana]
then: tutor --data-dir DATA_DIR

Every exercise of the first five lessons is answered through the core (the real checker on each
variant, the store with a clock set to yesterday): most right at the first try after some thought
(good: back in two days), a few quick ones (easy), a few failures (a wrong try before the right
one: hard; the worked solution copied: again; both back today), one exercise left unsolved, and
one slip made twice (differentiating by the wrong variable), so today the tutor shows the reviews
due and offers a drill on that slip.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tutor.core.lessons.loader import load_course
from tutor.core.progress import AnswerContext, ProgressDatabase, database_path

LESSONS = ("why-partials", "core-idea", "basic-example", "gradient-vector", "quadratic-example")
# (lesson, exercise): the wrong answers typed before the right one (the checker names the mistake).
WRONG_FIRST = {
    ("core-idea", "dfdx-product"): "{a}x^2 + {b}",        # ∂f/∂y of a x² y + b y for ∂f/∂x: wrong variable (1)
    ("basic-example", "dfdx-basic"): "3",                 # the same slip again (2): a drill is offered
    ("gradient-vector", "grad-basic"): "(-2x, -3)",       # the sign
}
COPIED = {("gradient-vector", "grad-at-point")}          # the worked solution shown, then copied
UNSOLVED = {("why-partials", "sign-of-partial")}          # one wrong answer, left for later
QUICK = {("why-partials", "what-question"), ("basic-example", "df-dx-2-3"), ("quadratic-example", "why-y")}


def right(instance) -> str:
    if instance.shape == "choice":
        return "abcdefgh"[next(i for i, c in enumerate(instance.choices) if c.correct)]
    return instance.expected


def wrong(instance, text: str) -> str:
    if "{" in text:  # the variant's own numbers
        return text.format(**dict(instance.params))
    if instance.shape == "choice":
        return "abcdefgh"[next(i for i, c in enumerate(instance.choices) if not c.correct)]
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--learner", default="Ana")
    args = parser.parse_args()
    course = load_course(None, build=False)
    clock = [time.time() - 27 * 3600]  # yesterday, at about this time of day minus three hours
    db, message = ProgressDatabase.open(database_path(args.data_dir), clock=lambda: clock[0])
    if message:
        print(message, file=sys.stderr)
    with db:
        store = db.learner(args.learner)

        def answer(instance, text: str, seconds: float) -> None:
            clock[0] += seconds
            verdict = instance.check(text)
            store.record_answer(instance.lesson_id, instance.exercise_id, seed=instance.seed, answer=text,
                                verdict=verdict.status, diagnosis=verdict.diagnosis.code if verdict.diagnosis else None,
                                method=verdict.method, elapsed_ms=verdict.ms,
                                context=AnswerContext(message=verdict.message, duration_ms=seconds * 1000))
            print(f"  {instance.lesson_id}/{instance.exercise_id}: {text!r} -> {verdict.status}"
                  + (f" ({verdict.diagnosis.code})" if verdict.diagnosis else ""))

        for lesson_id in LESSONS:
            lesson = course.lesson(lesson_id)
            store.save_position(lesson_id, page=0)
            for exercise in lesson.exercises:
                key = (lesson_id, exercise.model.id)
                instance = exercise.instance(0)
                store.save_position(lesson_id, exercise_id=exercise.model.id)
                if key in UNSOLVED:
                    answer(instance, wrong(instance, ""), 40)
                    continue
                if key in WRONG_FIRST:
                    answer(instance, wrong(instance, WRONG_FIRST[key]), 50)
                if key in COPIED:
                    store.mark_solution_revealed(lesson_id, exercise.model.id, instance.seed)
                answer(instance, right(instance), 8 if key in QUICK else 45)
                clock[0] += 30
        due = store.due_reviews(time.time())
        print(f"{args.learner} studied lessons 1–5 yesterday: {len(store.review_cards())} review cards, "
              f"{len(due)} due today; slips: " + ", ".join(f"{s.code} ×{s.count}" for s in store.slips()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
