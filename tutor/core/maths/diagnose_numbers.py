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

from .candidates import candidates, source
from .descent_slips import descent_candidates
from .options import DescentOrigin
from .precise import exact_number
from .verdict import Diagnosis, format_number

if TYPE_CHECKING:
    from .options import Tolerance
    from .problem import Problem

# A single number off by one of these factors is named as such (any two numbers have some ratio).
COMMON_FACTORS = (Fraction(2), Fraction(1, 2), Fraction(10), Fraction(1, 10), Fraction(100), Fraction(1, 100),
                  Fraction(1000), Fraction(1, 1000))


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
    named = _partial(problem, wrong, got, expected, tolerance)
    if named is not None:
        return named
    return _factor(problem, wrong, got, expected, tolerance)


def _partial(problem: Problem, wrong: list[int], got, expected, tolerance: Tolerance) -> Diagnosis | str | None:
    """The wrong components matched with the typical mistakes in their partial derivatives at the point.

    A slip is named when it alone explains the first wrong component, or when two or more explain it
    but only one of them explains every wrong component. Otherwise the slips that fit are listed.
    """
    found = [_fits(problem, i, got, expected, tolerance) for i in wrong]
    first = found[0]
    if not first:
        return None
    code = None
    if len(first) == 1:
        code = next(iter(first))
    elif len(wrong) > 1:
        common = set(first).intersection(*(set(f) for f in found[1:]))
        code = common.pop() if len(common) == 1 else None
    names = problem.component_names
    prefix = f"In {names[wrong[0]]}: " if len(got) > 1 else ""
    if code is None:
        from .codes import label

        words = [label(c) for c in list(first)[:3]]
        slips = ", ".join(words[:-1]) + " or " + words[-1]
        return (f"{prefix}{format_number(got[wrong[0]])} is not right. Different slips give this number here "
                f"({slips}), so which one it was cannot be told from the number: work the formula out again.")
    others = [names[j] for j, f in zip(wrong[1:], found[1:])]
    same_slip = [n for n, f in zip(others, found[1:]) if code in f]
    more = ""
    if same_slip and len(same_slip) == len(others):
        more = f" (The same slip is in {' and '.join(same_slip)}.)"
    elif others:
        more = f" ({' and '.join(others)} {'is' if len(others) == 1 else 'are'} not right either.)"
    return Diagnosis(code, prefix + first[code] + more)


def _fits(problem: Problem, i: int, got, expected, tolerance: Tolerance) -> dict[str, str]:
    """{code: message} of the typical mistakes in component i that give the learner's number at the point."""
    src = source(problem, i)
    if src is None or not src.at:
        return {}
    common: dict[str, str] = {}
    rare: dict[str, str] = {}
    for c in candidates(problem, i):
        value = exact_number(c.mistake.expr.xreplace(src.at))
        if value is not None and not tolerance.accepts(value, expected[i]) and tolerance.accepts(got[i], value):
            (rare if c.mistake.rare else common).setdefault(c.mistake.code, c.mistake.message)
    return common or rare  # a common slip that fits is taken over a rarer one that fits by chance


def _factor(problem: Problem, wrong: list[int], got, expected, tolerance: Tolerance) -> Diagnosis | str | None:
    """Every wrong number off by the same common factor (10 times, half), or upside down."""
    ratios = set()
    for i in wrong:
        e, g = _fraction(expected[i]), _fraction(got[i])
        if e is None or g is None or e == 0 or g == 0:
            return None
        ratios.add(g / e)
    if len(ratios) != 1:
        return None
    ratio = ratios.pop()
    where = _where(problem, wrong)
    upside_down = all(_fraction(got[i]) * _fraction(expected[i]) == 1 for i in wrong)
    if ratio in COMMON_FACTORS and upside_down:  # −0.1 for −10: both facts hold; neither is the slip for sure
        return f"{where}{_times(ratio)} the right value, and also 1 divided by it: check both."
    if ratio in COMMON_FACTORS:
        hint = " Check the decimal point." if ratio.numerator % 10 == 0 or ratio.denominator % 10 == 0 else ""
        return Diagnosis("constant-factor", f"{where}{_times(ratio)} the right value.{hint}")
    if upside_down:
        return Diagnosis("reciprocal", f"{where}upside down: 1 divided by the right value.")
    return None


def _times(ratio: Fraction) -> str:
    if ratio == 2:
        return "twice"
    if ratio == Fraction(1, 2):
        return "half"
    return f"{format_number(ratio)} times"


def _where(problem: Problem, wrong: list[int]) -> str:
    if len(problem.expected) == 1:
        return "Your value is "
    if len(wrong) == 1:
        return f"Your {problem.component_names[wrong[0]]} is "
    return "Each wrong number is "


def _fraction(x) -> Fraction | None:
    if isinstance(x, Fraction):
        return x
    try:
        return Fraction(str(x)).limit_denominator(10**12) if x is not None else None
    except (ValueError, ZeroDivisionError):
        return None


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
        text = f"{subject} is {way} in size ({within})."
    return _capital(head + text) + _advice(problem, i)


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
