"""`tutor validate`: prove a folder of lessons right, or list every problem with file:line:column."""

from __future__ import annotations

import argparse
import json

from .common import count

MAX_SEEDS = 1000  # variants per randomised exercise; the bundled course takes ~0.1 s per seed


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check lesson files",
        description="Validate lessons: the schema, every expression, every stated answer (symbolically and "
        "by central differences), every variant over --seeds seeds, ids, prerequisites and choices. "
        "Exit status 0 when everything is valid, 1 when not.",
    )
    p.add_argument("path", nargs="?", metavar="PATH",
                   help="a folder or file of lessons, or a lab sheet (default: the bundled course)")
    p.add_argument("--seeds", default="20", metavar="N", help="variants to build per randomised exercise "
                   f"(default 20, at most {MAX_SEEDS})")
    p.add_argument("--json", action="store_true", help="print the lessons and errors as JSON")
    p.add_argument("--no-cache", action="store_true",
                   help="prove every lesson again, even one proved valid before and unchanged since (the "
                        "cache of proved lessons is then neither read nor written)")
    p.set_defaults(func=run)


def _cores() -> int:
    """Processes to prove the exercises in: the cores this process may use, at most 4."""
    import os

    try:
        return max(1, min(4, len(os.sched_getaffinity(0))))
    except AttributeError:  # not on Linux
        return max(1, min(4, os.cpu_count() or 1))


def run(args: argparse.Namespace) -> int:
    from tutor.core.lessons.safetext import clean, json_safe
    from tutor.core.lessons.proofs import ProofCache
    from tutor.core.lessons.validate import exercise_models, validate_course
    from tutor.core.sheets import is_sheet

    args.seeds = count(args.seeds, "--seeds", 1, MAX_SEEDS)
    if args.path and is_sheet(args.path):  # a lab sheet: its own checks (sheet_check.py)
        from .sheet_check import validate

        return validate(args)
    cache = None if args.no_cache else ProofCache()
    report = validate_course(args.path, seeds=args.seeds, workers=_cores(), cache=cache)
    if args.json:
        print(json_safe(json.dumps(report.to_json(), ensure_ascii=False, indent=2)))
        return 0 if report.ok else 1
    # Everything printed passes through clean(): titles are clean already, but file names are not.
    lines = [f"  {lesson.id}: {lesson.title} ({len(exercise_models(lesson))} exercises)"
             for lesson in report.course.lessons]
    lines += [f"  BROKEN {broken.path.name}: {broken.title}" for broken in report.course.broken]
    lines += [f"warning: {warning}" for warning in report.course.warnings]
    lines += [str(error) for error in report.errors]
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(report.counts.items()))
    status = "valid" if report.ok else f"{len(report.errors)} error(s)"
    lines.append(f"{len(report.course.lessons)} lessons, {report.exercises} exercises ({kinds}), "
                 f"{report.with_variants} with variants; {status}; {report.seconds:.2f} s")
    for line in lines:
        print(clean(line))
    return 0 if report.ok else 1
