"""Slips in a wrong number: a typical mistake in one partial derivative, evaluated at the point, or a
common factor (ten times too large, half, upside down).

Two different slips that give the same number here name neither: only what is certain is said.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from .candidates import candidates, source
from .precise import exact_number
from .verdict import Diagnosis, format_number, in_part

if TYPE_CHECKING:
    from .options import Tolerance
    from .problem import Problem

# A single number off by one of these factors is named as such (any two numbers have some ratio).
COMMON_FACTORS = (Fraction(2), Fraction(1, 2), Fraction(10), Fraction(1, 10), Fraction(100), Fraction(1, 100),
                  Fraction(1000), Fraction(1, 1000))


def partial_slip(problem: Problem, wrong: list[int], got, expected, tolerance: Tolerance) -> Diagnosis | str | None:
    """The wrong components matched with the typical mistakes in their partial derivatives at the point.

    A slip is named when it alone explains the first wrong component, or when two or more explain it
    but only one of them explains every wrong component. Otherwise the slips that fit are listed.
    """
    found = [fits(problem, i, got, expected, tolerance) for i in wrong]
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
    text = in_part(names[wrong[0]], first[code]) if len(got) > 1 else first[code]
    return Diagnosis(code, text + more)


def fits(problem: Problem, i: int, got, expected, tolerance: Tolerance) -> dict[str, str]:
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


def factor_slip(problem: Problem, wrong: list[int], got, expected, tolerance: Tolerance) -> Diagnosis | str | None:
    """Every wrong number off by the same common factor (10 times, half), or upside down (within the
    exercise's tolerance, so √13/52 is seen as 1 over 4√13)."""
    if any(_zero(expected[i]) or _zero(got[i]) for i in wrong):
        return None
    where = _where(problem, wrong)
    if all(tolerance.accepts(got[i], -expected[i]) for i in wrong):  # some components only: the whole is named before
        return Diagnosis("sign", f"{where}the right size with the wrong sign.")
    ratio = next((k for k in COMMON_FACTORS
                  if all(tolerance.accepts(got[i], _times_value(k, expected[i])) for i in wrong)), None)
    upside_down = all(tolerance.accepts(got[i], _inverse(expected[i])) for i in wrong)
    if ratio is not None and upside_down:  # −0.1 for −10: both facts hold; neither is the slip for sure
        return f"{where}{_times(ratio)} the right value, and also 1 divided by it: check both."
    if ratio is not None:
        hint = " Check the decimal point." if ratio.numerator % 10 == 0 or ratio.denominator % 10 == 0 else ""
        return Diagnosis("constant-factor", f"{where}{_times(ratio)} the right value.{hint}")
    if upside_down:
        return Diagnosis("reciprocal", f"{where}upside down: 1 divided by the right value.")
    return None


def _zero(x) -> bool:
    return x == 0


def _times_value(k: Fraction, x):
    return k * x if isinstance(x, Fraction) else x * k.numerator / k.denominator


def _inverse(x):
    return 1 / x


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
