"""Numeric comparison of two expressions: a float screen at every point, settled at 60 digits.

A float disagreement is only called a counterexample after the 60-digit evaluation confirms it,
so rounding never rejects a right answer; a float agreement is re-checked at 60 digits at a few
points, so a nearly-right answer (2.000001x for 2x, 0.333333333333333 for 1/3) is never accepted.
Points where the reference is undefined are skipped; where only the answer is undefined it is a
mismatch, unless the hole is a single removable point (x/|x| against sign(x) at 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from .floateval import evaluate_float
from .precise import close_precise, evaluate_precise
from .sampling import PointSet

FLOAT_RTOL = 1e-9
FLOAT_ATOL = 1e-12
MIN_VALID = 6          # fewer compared points than this: the numeric test cannot decide
CONFIRM_POINTS = 4     # agreeing points re-checked at 60 digits
MAX_PRECISE = 16       # bound on 60-digit evaluations per comparison
CLEAR_REL = 0.05       # a counterexample's two values differ by at least 5% ...
CLEAR_SIZE = 1e-3      # ... and neither is tiny (6·10⁻⁸ against 3.7·10⁻⁷ shows nothing) or huge


@dataclass(frozen=True)
class Counterexample:
    point: dict[str, Fraction]
    answer: object | None    # mpmath value, or None where the answer is undefined
    expected: object


@dataclass(frozen=True)
class Comparison:
    equal: bool | None       # None: too few points where both could be compared
    valid: int
    counterexample: Counterexample | None = None


def _names(*exprs: sp.Expr) -> list[str]:
    return sorted({s.name for e in exprs for s in e.free_symbols})


def compare(answer: sp.Expr, reference: sp.Expr, points: PointSet, within: sp.Expr | None = None) -> Comparison:
    """Equal at every sample point where the reference (and `within`, the function a derivative is
    of) is defined. A counterexample is chosen where a learner can see the difference: inside f's
    domain, with small whole numbers first, and values clearly apart (not where tanh or σ is flat)."""
    names = _names(answer, reference, *((within,) if within is not None else ()))
    if not names:  # two constants: one 60-digit evaluation decides
        verdict = _settle(answer, reference, {})
        if verdict is None:
            return Comparison(None, 0)
        if verdict is True:
            return Comparison(True, 1)
        return Comparison(False, 0, verdict)
    points.ensure(names)
    env = points.env()
    a = evaluate_float(answer, env, points.count)
    r = evaluate_float(reference, env, points.count)
    ref_ok, ans_ok = ~np.isnan(r), ~np.isnan(a)
    inside = np.ones(points.count, dtype=bool)
    if within is not None:  # ∂f/∂x only exists where f does (p = 2 is outside ln(1 − p)'s domain)
        found = np.isfinite(evaluate_float(within, env, points.count))
        if found.sum() >= MIN_VALID:
            inside = found
    ref_ok &= inside
    both = ref_ok & ans_ok
    with np.errstate(all="ignore"):
        close = np.abs(a - r) <= FLOAT_RTOL * np.maximum(np.abs(a), np.abs(r)) + FLOAT_ATOL
        size = np.maximum(np.abs(a), np.abs(r))
        readable = ((np.abs(a) >= CLEAR_SIZE) | (a == 0)) & ((np.abs(r) >= CLEAR_SIZE) | (r == 0)) & (size <= 1e6)
        clear = both & readable & (np.abs(a - r) >= CLEAR_REL * size)
    wrong = np.flatnonzero((both & ~close) | (ref_ok & ~ans_ok))
    # Shown first: where the two are clearly apart, then any other; simple points before random ones.
    suspects = [int(i) for i in sorted(wrong, key=lambda i: (not clear[i] and ans_ok[i], i))]
    agree = [int(i) for i in np.flatnonzero(both & close)]
    # Floats overflow where 60 digits do not ((x-a)^6000): those points are retried precisely.
    retry = [int(i) for i in np.flatnonzero(np.isnan(r) & inside)]

    budget = MAX_PRECISE
    valid = len(agree)
    for i in suspects + retry[: max(0, MIN_VALID - valid)]:
        if budget <= 0:
            break
        budget -= 1
        point = points.point(i, names)
        verdict = _settle(answer, reference, point)
        if verdict is None:
            continue
        if verdict is True:
            valid += 1
            continue
        return Comparison(False, valid, verdict)

    # Agreement in floats: confirm a few points at 60 digits (spread over the simple and random ones).
    if agree:
        picks = sorted({agree[k * (len(agree) - 1) // max(1, CONFIRM_POINTS - 1)] for k in range(CONFIRM_POINTS)})
        for i in picks:
            verdict = _settle(answer, reference, points.point(i, names))
            if isinstance(verdict, Counterexample):
                return Comparison(False, valid, verdict)
        tiny = _tiny_difference(answer, reference, points.point(picks[0], names))
        if tiny is not None:
            return Comparison(False, valid, tiny)
    return Comparison(True if valid >= MIN_VALID else None, valid)


def _tiny_difference(answer: sp.Expr, reference: sp.Expr, point: dict[str, Fraction]) -> Counterexample | None:
    """A difference below 60-digit rounding (x + e^(−200) against x) shows up, unchanged, at 150 digits.

    Rounding noise shrinks as precision grows; a real difference does not. A difference smaller
    than about 10^−120 of the values still escapes: no finite precision catches every constant.
    """
    import mpmath

    expected = evaluate_precise(reference, point, digits=150)
    got = evaluate_precise(answer, point, digits=150)
    if expected is None or got is None:
        return None
    with mpmath.workdps(150):
        diff = abs(got - expected)
        if diff > mpmath.mpf(10) ** -120 * max(1, abs(expected)):
            return Counterexample(point, got, expected)
    return None


def _settle(answer: sp.Expr, reference: sp.Expr, point: dict[str, Fraction]) -> bool | Counterexample | None:
    """At one point, at 60 digits: True (agree), a Counterexample, or None (reference undefined)."""
    expected = evaluate_precise(reference, point)
    if expected is None:
        return None
    got = evaluate_precise(answer, point)
    if got is None:
        if point and _agree_nearby(answer, reference, point):  # a removable hole: x/|x| at 0
            return None
        return Counterexample(point, None, expected)
    if close_precise(got, expected):
        return True
    if point and _agree_nearby(answer, reference, point):
        return None  # they differ only at this isolated point (a limit convention, sign(0)...)
    return Counterexample(point, got, expected)


def _agree_nearby(answer: sp.Expr, reference: sp.Expr, point: dict[str, Fraction]) -> bool:
    """Do the two agree just beside this point, on both sides? Then a difference here is isolated."""
    for direction in (1, -1):
        nearby = {n: v + direction * Fraction(1, 10**9) * (1 + abs(v)) for n, v in point.items()}
        got, expected = evaluate_precise(answer, nearby), evaluate_precise(reference, nearby)
        if got is None or expected is None or not close_precise(got, expected):
            return False
    return True


def compare_constants(answer: sp.Expr, reference: sp.Expr) -> Comparison:
    """Two expressions without variables: exact when both are rational, else 60 digits."""
    if answer.is_Rational and reference.is_Rational:
        equal = answer == reference
        return Comparison(equal, 1, None if equal else Counterexample({}, answer, reference))
    return compare(answer, reference, PointSet())
