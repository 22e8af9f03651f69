"""Name the mistake behind a wrong answer: match it against the typical mistakes for the exercise.

Candidate mistakes are evaluated once per problem at its sample points; matching a wrong answer is
then a vectorised comparison, confirmed at 60 digits at one point before it is named.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations
from typing import TYPE_CHECKING

import numpy as np
import sympy as sp

from .build import Built, symbol
from .floateval import evaluate_float
from .mistakes import Mistake, derivative_mistakes
from .precise import close_precise, evaluate_precise, exact_number
from .verdict import Diagnosis, format_number

if TYPE_CHECKING:
    from .options import Tolerance
    from .problem import Problem

MATCH_RTOL = 1e-7
MIN_MATCHED = 6


def _floats(problem: Problem, expr: sp.Expr) -> np.ndarray:
    problem.points.ensure(s.name for s in expr.free_symbols)
    return evaluate_float(expr, problem.points.env(), problem.points.count)


def _same(problem: Problem, a: np.ndarray, b: np.ndarray, a_expr: sp.Expr, b_expr: sp.Expr) -> bool:
    ok_a, ok_b = np.isfinite(a), np.isfinite(b)
    both = ok_a & ok_b
    if both.sum() < MIN_MATCHED or (ok_a != ok_b).sum() > 1:
        return False
    with np.errstate(all="ignore"):
        close = np.abs(a - b) <= MATCH_RTOL * np.maximum(np.abs(a), np.abs(b)) + 1e-10
    if not close[both].all():
        return False
    i = int(np.flatnonzero(both)[0])
    names = sorted({s.name for e in (a_expr, b_expr) for s in e.free_symbols})
    point = problem.points.point(i, names)
    x, y = evaluate_precise(a_expr, point), evaluate_precise(b_expr, point)
    return x is not None and y is not None and close_precise(x, y, rel=1e-20, abs_=1e-25)


def _mistakes_for(problem: Problem, index: int) -> list[Mistake]:
    cache = problem.__dict__.setdefault("_mistakes", {})
    if index not in cache:
        f = problem.function
        if f is None:
            cache[index] = []
        else:
            wrt = problem.options.wrt if problem.options.mode == "derivative" else problem.variables[index]
            wrt = wrt or problem.variables[0]
            symbols = tuple(symbol(n) for n in problem.variables)
            found = derivative_mistakes(f, symbol(wrt), symbols, problem.options.function_name)
            reference = problem.expected[index]
            ref_values = None if problem.numeric else _floats(problem, reference)
            kept = []
            for m in found:
                if problem.numeric:
                    kept.append(m)
                elif not _same(problem, _floats(problem, m.expr), ref_values, m.expr, reference):
                    kept.append(m)
            cache[index] = kept
    return cache[index]


def diagnose(problem: Problem, values: tuple[sp.Expr, ...], built: Built) -> Diagnosis | None:
    """The mistake a wrong expression answer matches, if any."""
    expected = problem.expected
    if len(values) > 1:
        swapped = _swapped(problem, values)
        if swapped:
            return swapped
    for i, (answer, reference) in enumerate(zip(values, expected)):
        answer_values = _floats(problem, answer)
        ref_values = _floats(problem, reference)
        if _same(problem, answer_values, ref_values, answer, reference):
            continue
        found = _diagnose_one(problem, i, answer, answer_values, reference, ref_values, built)
        if found and len(values) > 1:
            return Diagnosis(found.code, f"In {problem.component_names[i]}: {found.message}")
        return found
    return None


def _diagnose_one(problem, i, answer, answer_values, reference, ref_values, built) -> Diagnosis | None:
    for m in _mistakes_for(problem, i):
        if _same(problem, answer_values, _floats(problem, m.expr), answer, m.expr):
            return Diagnosis(m.code, m.message)
    wrt = _wrt(problem, i)
    if wrt is not None:
        v = symbol(wrt)
        if problem.function is not None:
            integral_check, target = sp.diff(answer, v), problem.function
        else:  # only the derivative is known: an antiderivative of f has f' as second derivative
            integral_check, target = sp.diff(answer, v, 2), reference
        if answer.has(v) and _same(problem, _floats(problem, integral_check), _floats(problem, target),
                                   integral_check, target):
            return Diagnosis(
                "integrated",
                f"You integrated instead of differentiating: the derivative of your answer with respect to "
                f"{wrt} gives back the function.",
            )
    if built.has_decimal and _near(answer_values, ref_values, 1e-3):
        return Diagnosis(
            "rounded",
            "Close, but not exact: a decimal in your answer is rounded or slightly off. "
            "Write exact values, such as 1/3 instead of 0.333.",
        )
    factor = _constant_factor(answer_values, ref_values)
    if factor is not None:
        if problem.options.mean_of > 1 and factor == problem.options.mean_of:
            return _SUM_NOT_MEAN(problem.options.mean_of)
        if factor == -1:
            return Diagnosis("sign", "The sign is wrong: your answer is the negative of the right one.")
        return Diagnosis(
            "constant-factor",
            f"Off by a constant factor: your answer is {format_number(factor)} times the right one "
            "(a coefficient or power-rule factor went wrong).",
        )
    return None


def _SUM_NOT_MEAN(n: int) -> Diagnosis:  # noqa: N802 - reads as the diagnosis it builds
    return Diagnosis(
        "sum-not-mean",
        f"You added up the {n} points' derivatives; the loss is their mean, so divide the sum by {n}.",
    )


def _wrt(problem: Problem, i: int) -> str | None:
    mode = problem.options.mode
    if mode == "derivative":
        return problem.options.wrt or problem.variables[0]
    if mode == "gradient":
        return problem.variables[i]
    return problem.options.wrt


def _swapped(problem: Problem, values: tuple[sp.Expr, ...]) -> Diagnosis | None:
    n = len(values)
    if n > 4:
        return None
    answers = [_floats(problem, v) for v in values]
    refs = [_floats(problem, e) for e in problem.expected]
    for perm in permutations(range(n)):
        if list(perm) == list(range(n)):
            continue
        if all(_same(problem, answers[i], refs[j], values[i], problem.expected[j]) for i, j in enumerate(perm)):
            return Diagnosis(
                "swapped-components",
                f"The components are in the wrong order: the gradient lists {', '.join(problem.component_names)}, "
                "in that order.",
            )
    return None


def _constant_factor(a: np.ndarray, r: np.ndarray) -> Fraction | None:
    ok = np.isfinite(a) & np.isfinite(r) & (np.abs(r) > 1e-9)
    if ok.sum() < MIN_MATCHED:
        return None
    ratios = a[ok] / r[ok]
    k = ratios[0]
    if not np.allclose(ratios, k, rtol=1e-9, atol=0) or abs(k - 1) < 1e-9 or abs(k) < 1e-12:
        return None
    frac = Fraction(k).limit_denominator(1000)
    return frac if abs(float(frac) - k) <= 1e-9 * abs(k) else Fraction(k)


def _near(a: np.ndarray, r: np.ndarray, rtol: float) -> bool:
    ok = np.isfinite(a) & np.isfinite(r)
    if ok.sum() < MIN_MATCHED:
        return False
    return bool(np.all(np.abs(a[ok] - r[ok]) <= rtol * np.maximum(np.abs(r[ok]), 1e-6)))


# -- numbers: a gradient at a point, a derivative's value ----------------------------------------------
def diagnose_numbers(problem: Problem, values: tuple[sp.Expr, ...], tolerance: Tolerance) -> Diagnosis | None:
    got = [exact_number(v) for v in values]
    expected = [exact_number(e) for e in problem.expected]
    if any(g is None for g in got) or any(e is None for e in expected):
        return None
    n = len(values)
    if 1 < n <= 4:
        for perm in permutations(range(n)):
            if list(perm) != list(range(n)) and all(tolerance.accepts(got[i], expected[j]) for i, j in enumerate(perm)):
                return Diagnosis(
                    "swapped-components",
                    f"The components are in the wrong order: they go {', '.join(problem.component_names)}.",
                )
    rows = problem.options.mean_of
    if rows > 1 and any(e != 0 for e in expected) and all(tolerance.accepts(g, rows * e) for g, e in zip(got, expected)):
        return _SUM_NOT_MEAN(rows)
    if problem.function is None or not problem.options.at:
        return None
    point = {symbol(k): sp.Rational(v.numerator, v.denominator) for k, v in problem.options.at}
    for i in range(n):
        if tolerance.accepts(got[i], expected[i]):
            continue
        for m in _mistakes_for(problem, i):
            value = exact_number(m.expr.xreplace(point))
            if value is not None and value != expected[i] and tolerance.accepts(got[i], value):
                prefix = f"In {problem.component_names[i]}: " if n > 1 else ""
                return Diagnosis(m.code, prefix + m.message)
        return None
    return None
