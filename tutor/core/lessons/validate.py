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

from .answer_rules import answer_problems, summary_rule
from .errors import LessonError
from .loader import Course, LoadedLesson, error_at, load_course
from .prose_rules import prose_rules
from .variant_rules import slip_problems


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
                    "exercises": [{"id": e.model.id, "type": e.kind} for e in lesson.exercises],
                }
                for lesson in self.course.lessons
            ],
            "errors": [e.to_json() for e in self.errors],
            "warnings": [w.to_json() for w in self.course.warnings],
        }


def validate_course(path: Path | str | None = None, seeds: int = 20) -> Report:
    started = time.perf_counter()
    course = load_course(path)
    errors = list(course.errors)
    counts: Counter = Counter()
    with_variants = 0
    for lesson in course.lessons:
        errors.extend(_prose(lesson))
        errors.extend(prose_rules(lesson))
        errors.extend(_lab_presets(lesson))
        for index, exercise in enumerate(lesson.lesson.exercises):
            checker = lesson.exercise(exercise.id)
            if checker is None or checker.model is not exercise:
                continue
            counts[checker.kind] += 1
            variants = range(seeds) if exercise.params else range(1)
            with_variants += bool(exercise.params)
            problems = checker.validate(list(variants), VariantRules)
            for problem in problems:
                errors.append(error_at(str(lesson.path), lesson.positions, ("exercises", index, *problem.field),
                                  f"exercise '{exercise.id}': {problem.message}"))
            if not problems:
                errors.extend(_placeholders(lesson, index, checker))
        errors.extend(summary_rule(lesson))
    return Report(course, errors, time.perf_counter() - started, counts, with_variants)


class VariantRules:
    """The rules validation runs on each exercise while its variants are built (their work reused)."""

    each = staticmethod(answer_problems)  # examples and named mistakes never the answer
    after = staticmethod(slip_problems)   # no variant lets a typical slip pass or hides it behind another


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
