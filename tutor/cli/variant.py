"""`tutor variant`: rebuild the variant a learner got in a sheet, from (sheet id, learner, exercise)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from .common import fail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "variant", help="the variant (seed, prompt, answer) a learner got in a sheet",
        description="Rebuild one learner's variant of a sheet exercise. The seed is the first 4 bytes "
        "(big-endian) of sha256('<sheet id>\\x1f<learner>\\x1f<lesson>/<exercise>'), so the same three "
        "values always give the same numbers.")
    p.add_argument("--sheet", required=True, metavar="SHEET", help="the sheet file, or its id")
    p.add_argument("--learner", required=True, metavar="NAME", help="the learner's name as they typed it")
    p.add_argument("--exercise", required=True, metavar="LESSON/EXERCISE", help="e.g. basic-example/dfdx-scaled")
    p.add_argument("--lessons", metavar="PATH", help="where the lesson is, when the sheet is given by id "
                                                     "(default: the bundled course)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tutor.core.learners import LearnerNameError, normalize
    from tutor.core.lessons.loader import load_course
    from tutor.core.sheets import load_sheet, sheet_course, variant_seed

    if not re.match(r"^[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*$", args.exercise):
        return fail(f"--exercise: '{args.exercise}' is not lesson-id/exercise-id")
    try:
        learner = normalize(args.learner)
    except LearnerNameError as error:
        return fail(f"--learner: {error}")
    if Path(args.sheet).is_file():
        sheet, errors = load_sheet(args.sheet)
        if sheet is None:
            return fail("--sheet: " + "; ".join(str(e) for e in errors[:3]))
        sheet_id, course = sheet.id, sheet_course(sheet)
    else:
        sheet_id, course = args.sheet, load_course(args.lessons, build=False)
    lesson_id, exercise_id = args.exercise.split("/")
    seed = variant_seed(sheet_id, learner, lesson_id, exercise_id)
    lesson = course.lesson(lesson_id)
    exercise = lesson.exercise(exercise_id) if lesson is not None else None
    if exercise is None:
        return fail(f"--exercise: no exercise {args.exercise} in the course")
    instance = exercise.instance(seed)
    if args.json:
        print(json.dumps({"sheet": sheet_id, "learner": learner, "exercise": args.exercise, "seed": seed,
                          "params": dict(instance.params), "prompt": instance.prompt, "shows": instance.shows,
                          "expected": instance.expected}, ensure_ascii=False, indent=2))
        return 0
    print(f"{args.exercise} for {learner} in {sheet_id}: seed {seed}")
    if instance.params:
        print("  values: " + ", ".join(f"{k} = {v}" for k, v in instance.params))
    print(f"  prompt: {instance.prompt.strip()}")
    if instance.shows:
        print(f"  shows: {instance.shows}")
    print(f"  answer: {instance.expected}")
    return 0
