"""Name the slip behind a wrong number or vector of numbers: a gradient at a point, a partial derivative's
value, the parameters after descent, a constant.

The numbers are matched, like expressions, with the slips that produce them: the author's typical
wrong answers, swapped components, a sum for a mean, descent slips, the typical mistakes in each
partial derivative evaluated at the point, and a few certain facts (the opposite sign, ten times
too large, upside down). When two different slips give the same number here, neither is named:
only what is certain (which component is wrong) is said.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations
from typing import TYPE_CHECKING

import sympy as sp

from .candidates import source
from .descent_slips import descent_candidates
from .number_slips import factor_slip, partial_slip
from .options import DescentOrigin
from .precise import exact_number
from .verdict import Diagnosis, format_number

if TYPE_CHECKING:
    from .options import Tolerance
    from .problem import Problem

def number_feedback(problem: Problem, values: tuple[sp.Expr, ...], tolerance: Tolerance) -> tuple[Diagnosis | None, str]:
    """(the slip named, if any; the message) for numbers that are not all right."""
    got = [exact_number(v) for v in values]
    expected = [exact_number(e) for e in problem.expected]
    if any(g is None for g in got) or any(e is None for e in expected):
        return None, "Not the expected value."
    found = _diagnose(problem, got, expected, tolerance)
    if isinstance(found, Diagnosis):
        return found, found.message
    return None, found or _plain(problem, got, expected, tolerance)


def _diagnose(problem: Problem, got, expected, tolerance: Tolerance) -> Diagnosis | str | None:
    n = len(got)
    names = problem.component_names
    accepts = tolerance.accepts

    def matches(values) -> bool:
        return (len(values) == n and any(v is not None and not accepts(v, e) for v, e in zip(values, expected))
                and all(v is not None and accepts(g, v) for g, v in zip(got, values)))

    for k in problem.options.known:
        if matches([exact_number(v) for v in k.values]):
            return Diagnosis(k.code, k.message)
    if 1 < n <= 4:
        for perm in permutations(range(n)):
            if list(perm) != list(range(n)) and matches([expected[j] for j in perm]):
                return Diagnosis("swapped-components",
                                 f"The components are in the wrong order: they go {', '.join(names)}.")
    rows = problem.options.mean_of
    if rows > 1 and matches([rows * e for e in expected]):
        return Diagnosis("sum-not-mean", f"You added up the {rows} points' derivatives; the loss is their mean, "
                                         f"so divide the sum by {rows}.")
    origin = problem.options.origin
    if isinstance(origin, DescentOrigin):
        for code, message, ends in descent_candidates(origin):
            if matches([Fraction(x) for x in ends]):
                return Diagnosis(code, message)
    if matches([-e for e in expected]):
        return Diagnosis("sign", "The sign is wrong: " + ("each number is" if n > 1 else "your value is")
                         + " the negative of the right one.")
    wrong = [i for i in range(n) if not accepts(got[i], expected[i])]
    named = partial_slip(problem, wrong, got, expected, tolerance)
    if named is not None:
        return named
    return factor_slip(problem, wrong, got, expected, tolerance)


def _plain(problem: Problem, got, expected, tolerance: Tolerance) -> str:
    """What is certain without a named slip: which number is wrong, its sign, which way it is off."""
    n = len(got)
    wrong = [i for i in range(n) if not tolerance.accepts(got[i], expected[i])]
    i = wrong[0]
    within = "an exact value is expected" if tolerance.describe() == "exact" else f"tolerance {tolerance.describe()}"
    if n > 1:
        right = [problem.component_names[j] for j in range(n) if j not in wrong]
        names = [problem.component_names[j] for j in wrong]
        head = (f"{' and '.join(names)} {'is' if len(names) == 1 else 'are'} not right"
                + (f" ({' and '.join(right)} {'is' if len(right) == 1 else 'are'})" if right else "") + ": ")
        subject = f"{problem.component_names[i]} = {format_number(got[i])}"
    else:
        head, subject = "", f"Your value, {format_number(got[i])},"
    g, e = float(got[i]), float(expected[i])
    if g * e < 0 or (g == 0) != (e == 0):
        sign = "positive" if e > 0 else "negative" if e < 0 else "0"
        text = f"{subject} has the wrong sign: the right value is {sign}."
    else:
        way = "too large" if abs(g) > abs(e) else "too small"
        text = f"{subject} is {_whole_times(g, e) or way + ' in size'} ({within})."
    # With several components the message starts with their names, which keep their case (x, w, b).
    return (head + text if head else _capital(text)) + _advice(problem, i)


def _whole_times(g: float, e: float) -> str | None:
    """"5 times the right value" or "1/5 of the right value" when the ratio is that exactly: a fact a
    learner can act on (a factor left in or out), where "too large" alone says little. Not a named slip:
    any two numbers have some ratio, so no cause is claimed (2, 10 and their inverses are named before)."""
    for ratio, shown in ((g / e, "{n} times the right value"), (e / g, "1/{n} of the right value")):
        n = round(ratio)
        if 3 <= n <= 20 and abs(ratio - n) <= 1e-9 * n:
            return shown.format(n=n)
    return None


def _advice(problem: Problem, i: int) -> str:
    origin = problem.options.origin
    if isinstance(origin, DescentOrigin):
        return " Redo each step: new value = old value − lr·slope at the old value."
    src = source(problem, i)
    if src is not None and src.at:
        name = problem.component_names[i] if len(problem.expected) > 1 else f"∂{problem.options.function_name}/∂{src.wrt}"
        return f" Work out {name} as a formula first, then put in the point."
    return ""


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text else text
