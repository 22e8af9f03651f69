"""`tutor validate`: prove a course right — schema, expressions, stated answers, every variant, links.

Exercises with params are validated over `seeds` variants each; those without, once (their variants
are all the same). The report lists each lesson's exercises and every error with file:line:column.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LessonError
from .loader import Course, LoadedLesson, error_at, load_course
from .proofs import ProofCache
from .prose_rules import prose_rules


@dataclass
class Report:
    course: Course
    errors: list[LessonError]
    seconds: float
    counts: Counter = field(default_factory=Counter)
    with_variants: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def exercises(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict:
        return {
            "lessons": [
                {
                    "id": lesson.id,
                    "title": lesson.title,
                    "path": str(lesson.path),
                    "exercises": [{"id": m.id, "type": m.type} for m in exercise_models(lesson)],
                }
                for lesson in self.course.lessons
            ],
            "errors": [e.to_json() for e in self.errors],
            "warnings": [w.to_json() for w in self.course.warnings],
        }


def validate_course(path: Path | str | None = None, seeds: int = 20, workers: int = 1,
                    cache: ProofCache | None = None) -> Report:
    """Validate every lesson; `workers` > 1 proves the exercises in that many forked processes
    (the command line uses the machine's cores; the result is the same, in the same order).
    `cache`: lessons proved valid before, unchanged, are not built or proved again (proofs.py)."""
    started = time.perf_counter()
    course = load_course(path, build=False)
    errors = list(course.errors)
    counts: Counter = Counter()
    with_variants = 0
    jobs: list[tuple[int, int]] = []
    keys = [cache.key(lesson.path, seeds) if cache is not None else None for lesson in course.lessons]
    fresh = [key not in cache if cache is not None else True for key in keys]
    for li, lesson in enumerate(course.lessons):
        if not fresh[li]:  # proved before, unchanged: its exercises were all usable then
            for index, exercise in enumerate(lesson.lesson.exercises):
                if index not in lesson.duplicates:
                    counts[exercise.type] += 1
                    with_variants += bool(exercise.params)
            continue
        built = lesson.build()
        course.errors.extend(built)
        errors.extend(built)
        for index, exercise in enumerate(lesson.lesson.exercises):
            checker = lesson.exercise(exercise.id)
            if checker is None or checker.model is not exercise:
                continue
            counts[checker.kind] += 1
            with_variants += bool(exercise.params)
            jobs.append((li, index))
    found = _in_workers(course, jobs, seeds, workers) if workers > 1 and len(jobs) > 1 else None
    if found is None:
        found = [_exercise_errors(course, job, seeds) for job in jobs]
    by_lesson: dict[int, list[LessonError]] = {}
    for (li, _), problems in zip(jobs, found):
        by_lesson.setdefault(li, []).extend(problems)
    for li, lesson in enumerate(course.lessons):
        if not fresh[li]:
            continue  # its prose and lab presets were checked too, by the same code (the key says so)
        from .answer_rules import summary_rule  # the maths engine: only when a lesson is proved

        mine = [*_prose(lesson), *prose_rules(lesson), *_lab_presets(lesson), *by_lesson.get(li, []),
                *summary_rule(lesson)]
        errors.extend(mine)
        clean = not mine and not lesson.problems and not lesson.broken_exercises
        if cache is not None and clean:
            cache.add(keys[li])
    if cache is not None:
        cache.save()
    return Report(course, errors, time.perf_counter() - started, counts, with_variants)


def exercise_models(lesson: LoadedLesson) -> list:
    """The lesson's usable exercises' models, without building them when they have not been built."""
    if lesson.built:
        return [e.model for e in lesson.exercises]
    return [m for i, m in enumerate(lesson.lesson.exercises)
            if i not in lesson.duplicates and m.id not in lesson.broken_exercises]


def _exercise_errors(course: Course, job: tuple[int, int], seeds: int) -> list[LessonError]:
    """One exercise proved over its variants (one when it has no params), and its placeholders."""
    lesson = course.lessons[job[0]]
    index = job[1]
    exercise = lesson.lesson.exercises[index]
    checker = lesson.exercise(exercise.id)
    problems = checker.validate(list(range(seeds) if exercise.params else range(1)), VariantRules)
    errors = [error_at(str(lesson.path), lesson.positions, ("exercises", index, *problem.field),
                       f"exercise '{exercise.id}': {problem.message}") for problem in problems]
    return errors or _placeholders(lesson, index, checker)


class VariantRules:
    """The rules validation runs on each exercise while its variants are built (their work reused).

    Their modules import the maths engine (sympy, ~0.5 s), so they are imported on first use: a
    course whose lessons were all proved before (the proof cache) is validated without it.
    """

    @staticmethod
    def each(*args, **kwargs):  # examples and named mistakes never the answer
        from .answer_rules import answer_problems

        return answer_problems(*args, **kwargs)

    @staticmethod
    def after(*args, **kwargs):  # no variant lets a typical slip pass or hides it behind another
        from .variant_rules import slip_problems

        return slip_problems(*args, **kwargs)


# -- proving in forked workers (the command line) ----------------------------------------------------------------
_SHARED: tuple[Course, int] | None = None  # what a forked worker inherits: the course, already read


def _work(part: list[tuple[int, int]]) -> list[list[LessonError]]:
    course, seeds = _SHARED
    return [_exercise_errors(course, job, seeds) for job in part]


def _in_workers(course: Course, jobs: list[tuple[int, int]], seeds: int, workers: int):
    """The jobs split over `workers` forked processes, which inherit the course (no re-import of
    sympy, no re-reading); None where fork is not available, so the caller proves them here."""
    import multiprocessing

    global _SHARED
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    parts = [jobs[k::workers] for k in range(workers)]  # interleaved: the slow lessons are spread out
    _SHARED = (course, seeds)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            done = pool.map(_work, parts)
    finally:
        _SHARED = None
    out: dict[tuple[int, int], list[LessonError]] = {}
    for part, results in zip(parts, done):
        out.update(zip(part, results))
    return [out[job] for job in jobs]


_MATH_OR_CODE = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|`[^`]*`", re.S)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


def _placeholders(lesson: LoadedLesson, index: int, checker) -> list[LessonError]:
    """A {name} left in the prose after filling is a placeholder this exercise does not have."""
    instance = checker.first_instance or checker.instance(0)
    fields = [("prompt", instance.prompt), *((("hints", j), h) for j, h in enumerate(instance.hints))]
    if instance.solution:
        fields.append(("solution", instance.solution))
    errors = []
    for field, text in fields:
        left = _PLACEHOLDER.findall(_MATH_OR_CODE.sub("", text))
        if left:
            where = ("exercises", index, *(field if isinstance(field, tuple) else (field,)))
            errors.append(error_at(str(lesson.path), lesson.positions, where,
                              f"exercise '{checker.model.id}': unknown placeholder {{{left[0]}}}; this "
                              f"exercise fills {', '.join('{' + n + '}' for n in instance.placeholders) or 'none'}"))
    return errors


def _lab_presets(lesson: LoadedLesson) -> list[LessonError]:
    from tutor.core.descent.presets import PRESETS

    return [error_at(str(lesson.path), lesson.positions, ("pages", i, "lab"),
                f"no lab preset '{page.lab}'; the presets are {', '.join(PRESETS)}")
            for i, page in enumerate(lesson.lesson.pages) if page.lab and page.lab not in PRESETS]


def _prose(lesson: LoadedLesson) -> list[LessonError]:
    """LaTeX commands the terminal renderer does not know would show raw: report them."""
    from .prose import unknown_commands

    texts: list[tuple[tuple, str]] = []
    for i, page in enumerate(lesson.lesson.pages):
        texts.append((("pages", i, "body"), page.body))
    for i, ex in enumerate(lesson.lesson.exercises):
        texts.append((("exercises", i, "prompt"), ex.prompt))
        texts += [(("exercises", i, "hints", j), h) for j, h in enumerate(ex.hints)]
        if ex.solution:
            texts.append((("exercises", i, "solution"), ex.solution))
        for j, option in enumerate(getattr(ex, "options", []) or []):
            texts.append((("exercises", i, "options", j), option.text + "\n" + option.explanation))
    errors = []
    for where, text in texts:
        unknown = unknown_commands(text)
        if unknown:
            errors.append(error_at(str(lesson.path), lesson.positions, where,
                              f"LaTeX the terminal cannot show: {', '.join(sorted(set(unknown)))}"))
    return errors
