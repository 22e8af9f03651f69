"""Name the mistake behind a wrong expression: match it against the typical mistakes for the exercise.

Candidate mistakes are made and evaluated once per problem at its sample points (candidates.py);
matching a wrong answer is then a vectorised comparison, confirmed at 60 digits at one point
before it is named. What no candidate explains may still be certain: the whole answer or one term
off by a constant factor, the answer upside down, an antiderivative, a rounded decimal.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations
from typing import TYPE_CHECKING

import numpy as np
import sympy as sp

from .build import Built, symbol
from .candidates import candidates, floats, same
from .render import render
from .term_mistakes import spread
from .verdict import Diagnosis, format_number, in_part

if TYPE_CHECKING:
    from .problem import Problem

MIN_MATCHED = 6


def diagnose(problem: Problem, values: tuple[sp.Expr, ...], built: Built) -> Diagnosis | None:
    """The mistake a wrong expression answer matches, if any."""
    known = _known(problem, values)
    if known:
        return known
    expected = problem.expected
    if len(values) > 1:
        swapped = _swapped(problem, values)
        if swapped:
            return swapped
    for i, (answer, reference) in enumerate(zip(values, expected)):
        answer_values = floats(problem, answer)
        ref_values = floats(problem, reference)
        if same(problem, answer_values, ref_values, answer, reference):
            continue
        found = _diagnose_one(problem, i, answer, answer_values, reference, ref_values, built)
        if found and len(values) > 1:
            return Diagnosis(found.code, in_part(problem.component_names[i], found.message))
        return found
    return None


def _known(problem: Problem, values: tuple[sp.Expr, ...]) -> Diagnosis | None:
    for k in problem.options.known:
        if len(k.values) == len(values) and all(
                same(problem, floats(problem, a), floats(problem, e), a, e) for a, e in zip(values, k.values)):
            return Diagnosis(k.code, k.message)
    return None


def _diagnose_one(problem, i, answer, answer_values, reference, ref_values, built) -> Diagnosis | None:
    for c in candidates(problem, i):
        if same(problem, answer_values, c.values, answer, c.mistake.expr):
            return Diagnosis(c.mistake.code, c.mistake.message)
    integrated = _integrated(problem, i, answer, reference)
    if integrated:
        return integrated
    if built.has_decimal and _near(answer_values, ref_values, 1e-3):
        return Diagnosis(
            "rounded",
            "Close, but not exact: a decimal in your answer is rounded or slightly off. "
            "Write exact values, such as 1/3 instead of 0.333.",
        )
    factor = _constant_factor(answer_values, ref_values)
    if factor is not None:
        if problem.options.mean_of > 1 and factor == problem.options.mean_of:
            return sum_not_mean(problem.options.mean_of)
        if factor == -1:
            return Diagnosis("sign", "The sign is wrong: your answer is the negative of the right one.")
        return Diagnosis(
            "constant-factor",
            f"Off by a constant factor: your answer is {format_number(factor)} times the right one "
            "(a coefficient or power-rule factor went wrong).",
        )
    term = _term_factor(problem, i, answer_values, ref_values)
    if term:
        return term
    if _reciprocal(answer_values, ref_values):
        return Diagnosis("reciprocal", "Your answer is upside down: it is 1 divided by the right one.")
    return None


def _reciprocal(a: np.ndarray, r: np.ndarray) -> bool:
    ok = np.isfinite(a) & np.isfinite(r)
    if ok.sum() < MIN_MATCHED:
        return False
    with np.errstate(all="ignore"):
        product = a[ok] * r[ok]
    return bool(np.allclose(product, 1.0, rtol=1e-9, atol=0) and not np.allclose(a[ok], r[ok], rtol=1e-9))


def _integrated(problem: Problem, i: int, answer: sp.Expr, reference: sp.Expr) -> Diagnosis | None:
    wrt = _wrt(problem, i)
    if wrt is None:
        return None
    v = symbol(wrt)
    if problem.function is not None:
        check, target = sp.diff(answer, v), problem.function
    else:  # only the derivative is known: an antiderivative of f has f' as second derivative
        check, target = sp.diff(answer, v, 2), reference
    if answer.has(v) and same(problem, floats(problem, check), floats(problem, target), check, target):
        return Diagnosis(
            "integrated",
            f"You integrated instead of differentiating: the derivative of your answer with respect to "
            f"{wrt} gives back the function.",
        )
    return None


def _term_factor(problem: Problem, i: int, answer_values: np.ndarray, ref_values: np.ndarray) -> Diagnosis | None:
    """One term's coefficient wrong: the answer differs from the right one by a multiple of one term."""
    terms = _terms(problem, i)
    if len(terms) < 2:
        return None
    for shown, part in terms:
        factor = _ratio(answer_values - ref_values, floats(problem, part))
        if factor is not None and factor != -2 and factor + 1 != 0:  # −2: the term's sign, named before
            return Diagnosis("constant-factor", f"In the part {shown}, a coefficient is off: you have "
                                                f"{format_number(factor + 1)} times {render(part)} there.")
    return None


def _terms(problem: Problem, i: int) -> list[tuple[str, sp.Expr]]:
    """(how a term is named, its contribution to the answer) for the answer's terms."""
    wrt = _wrt(problem, i)
    if problem.function is not None and wrt is not None:
        v = symbol(wrt)
        parts = [(f"from {render(t)}", sp.diff(t, v)) for t in sp.Add.make_args(problem.function)[:6]]
        return [(s, p) for s, p in parts if p != 0]
    return [(render(t), t) for t in sp.Add.make_args(spread(problem.expected[i]))[:6]]


def sum_not_mean(n: int) -> Diagnosis:
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
    answers = [floats(problem, v) for v in values]
    refs = [floats(problem, e) for e in problem.expected]
    for perm in permutations(range(n)):
        if list(perm) == list(range(n)):
            continue
        if all(same(problem, answers[i], refs[j], values[i], problem.expected[j]) for i, j in enumerate(perm)):
            return Diagnosis(
                "swapped-components",
                f"The components are in the wrong order: the gradient lists {', '.join(problem.component_names)}, "
                "in that order.",
            )
    return None


def _constant_factor(a: np.ndarray, r: np.ndarray) -> Fraction | None:
    """a = k·r for a constant k other than 1 (and 0) at every sample point."""
    k = _ratio(a, r)
    return None if k is None or k == 1 else k


def _ratio(a: np.ndarray, r: np.ndarray) -> Fraction | None:
    ok = np.isfinite(a) & np.isfinite(r) & (np.abs(r) > 1e-9)
    if ok.sum() < MIN_MATCHED:
        return None
    with np.errstate(all="ignore"):
        ratios = a[ok] / r[ok]
    k = ratios[0]
    if not np.allclose(ratios, k, rtol=1e-9, atol=0) or abs(k) < 1e-12:
        return None
    frac = Fraction(k).limit_denominator(1000)
    return frac if abs(float(frac) - k) <= 1e-9 * abs(k) else Fraction(k)


def _near(a: np.ndarray, r: np.ndarray, rtol: float) -> bool:
    ok = np.isfinite(a) & np.isfinite(r)
    if ok.sum() < MIN_MATCHED:
        return False
    return bool(np.all(np.abs(a[ok] - r[ok]) <= rtol * np.maximum(np.abs(r[ok]), 1e-6)))
