"""Which typed answers are the same answer: decided by the maths checker's own comparison.

An answer is read with the exercise's variables (the same parser and vocabulary as the check),
and two readings are the same when the checker's numeric comparison (floats settled at 60
digits) says so, component by component; numbers are the same within the exercise's tolerance.
Choice answers are the same when they name the same option. What cannot be read that way (an
exercise no longer in the course, a descent table) falls back to the text, normalised.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

TEXT_REPLACEMENTS = str.maketrans({"−": "-", "–": "-", "·": "*", "×": "*", "⋅": "*"})
PREFILTER_RTOL = 1e-6  # floats this far apart at a point are different answers: no 60-digit check needed


def normal_text(text: str) -> str:
    """The text with spacing, unicode forms and multiplication signs made uniform."""
    folded = unicodedata.normalize("NFKC", text).translate(TEXT_REPLACEMENTS)
    return "".join(folded.split())


class TextJudge:
    """Answers are the same when their normalised text is."""

    decided_by = "text"

    def read(self, text: str) -> object:
        return normal_text(text)

    def same(self, a: object, b: object) -> bool:
        return a == b


class ChoiceJudge(TextJudge):
    """Answers are the same when they pick the same option (b, 2, b) or its words)."""

    decided_by = "choice"

    def __init__(self, choices) -> None:
        self.choices = choices

    def read(self, text: str) -> object:
        from tutor.core.lessons.types.choice import pick

        index = pick(self.choices, text)
        return ("option", index) if index is not None else normal_text(text)


@dataclass(frozen=True)
class _Read:
    values: tuple           # sympy expressions (or exact numbers for numeric exercises)
    floats: tuple           # float samples per component (expressions only), for the prefilter


class MathsJudge:
    """Readings by the exercise's Problem (tutor.core.maths), compared as the checker compares."""

    decided_by = "checker"

    def __init__(self, problem) -> None:
        self.problem = problem

    def read(self, text: str) -> object:
        from tutor.core.maths.errors import MathsError
        from tutor.core.maths.floateval import Unsupported

        problem = self.problem
        try:
            built, _, _ = problem.read(text)
        except MathsError:
            return normal_text(text)  # unreadable now (the course changed): keep it apart, by its text
        values = _ordered(built, problem)
        if len(values) != len(problem.expected):
            return normal_text(text)
        if problem.numeric:
            from tutor.core.maths.precise import exact_number

            if any(v.free_symbols for v in values):
                return normal_text(text)
            return _Read(tuple(exact_number(v) for v in values), ())
        from tutor.core.maths.floateval import evaluate_float

        points = problem.points
        try:
            points.ensure(s.name for v in values for s in v.free_symbols)
            floats = tuple(evaluate_float(v, points.env(), points.count) for v in values)
        except Unsupported:
            return normal_text(text)
        return _Read(values, floats)

    def same(self, a: object, b: object) -> bool:
        if not isinstance(a, _Read) or not isinstance(b, _Read):
            return a == b
        if self.problem.numeric:
            from tutor.core.maths.options import Tolerance

            tolerance = self.problem.options.tolerance or Tolerance()
            return all(x is not None and y is not None and tolerance.accepts(x, y) for x, y in zip(a.values, b.values))
        if a.values == b.values:
            return True  # read into the same expression (2x + 3, 3 + 2·x): nothing left to compare
        from tutor.core.maths.compare import compare

        for fa, fb in zip(a.floats, b.floats):
            if _clearly_apart(fa, fb):
                return False
        return all(compare(x, y, self.problem.points).equal is True for x, y in zip(a.values, b.values))


def _clearly_apart(a, b) -> bool:
    """Far apart at some point where both are defined, or defined at different points: not the same."""
    import numpy as np

    ok_a, ok_b = np.isfinite(a), np.isfinite(b)
    both = ok_a & ok_b
    with np.errstate(all="ignore"):
        far = np.abs(a - b) > PREFILTER_RTOL * np.maximum(np.abs(a), np.abs(b)) + 1e-9
    return bool((far & both).any()) or int((ok_a != ok_b).sum()) > 1


def _ordered(built, problem) -> tuple:
    """Vector components in the reference's order: `b = 0.8, w = 1.6` reads as (w, b)."""
    wanted = list(problem.labels)
    labels = built.labels
    if problem.is_vector and wanted and all(labels) and sorted(labels) == sorted(wanted):
        return tuple(built.values[labels.index(name)] for name in wanted)
    return tuple(built.values)


def judge_for(instance) -> TextJudge | ChoiceJudge | MathsJudge:
    """The judge for one exercise variant: by the checker when its Problem is at hand."""
    if instance is None:
        return TextJudge()
    if instance.shape == "choice":
        return ChoiceJudge(instance.choices)
    from tutor.core.maths.problem import Problem

    problem = getattr(instance.checker, "__self__", None)  # the checker is the Problem's bound check
    return MathsJudge(problem) if isinstance(problem, Problem) else TextJudge()
