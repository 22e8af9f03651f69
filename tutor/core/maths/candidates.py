"""The typical mistakes of one exercise, made once per prepared problem and evaluated at its sample points.

Two candidates that are the same function are one mistake (the earlier, more specific one names
it); a candidate equal to the right answer is no mistake. Made lazily: only a wrong answer pays.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import sympy as sp

from .build import symbol
from .floateval import Unsupported, evaluate_float
from .mistakes import Mistake, derivative_mistakes, expression_mistakes
from .options import Origin
from .precise import close_precise, evaluate_precise

if TYPE_CHECKING:
    from .problem import Problem

MATCH_RTOL = 1e-7
MIN_MATCHED = 6


@dataclass(frozen=True)
class Candidate:
    mistake: Mistake
    values: np.ndarray  # at the problem's sample points


@dataclass(frozen=True)
class Source:
    """What a component is the derivative of: the function, the variable, the others, and a point."""

    function: sp.Expr
    wrt: str
    variables: tuple[str, ...]
    at: dict[sp.Symbol, sp.Rational]


def floats(problem: Problem, expr: sp.Expr) -> np.ndarray:
    problem.points.ensure(s.name for s in expr.free_symbols)
    return evaluate_float(expr, problem.points.env(), problem.points.count)


def same(problem: Problem, a: np.ndarray, b: np.ndarray, a_expr: sp.Expr, b_expr: sp.Expr) -> bool:
    """Equal at every sample point where both are defined (at least 6), confirmed at 60 digits once."""
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


def source(problem: Problem, i: int) -> Source | None:
    """The function component i is a derivative of, when the problem knows it."""
    options = problem.options
    if problem.function is not None and options.mode in ("derivative", "gradient"):
        wrt = (options.wrt or problem.variables[0]) if options.mode == "derivative" else problem.variables[i]
        return Source(problem.function, wrt, problem.variables, _point(options.at))
    origin = options.origin
    if isinstance(origin, Origin) and i < len(origin.wrt):
        return Source(origin.function, origin.wrt[i], origin.variables, _point(origin.at))
    return None


def _point(at) -> dict[sp.Symbol, sp.Rational]:
    return {symbol(k): sp.Rational(Fraction(v).numerator, Fraction(v).denominator) for k, v in at}


def candidates(problem: Problem, i: int) -> list[Candidate]:
    """Component i's typical mistakes, most specific first, each a different function from the others."""
    cache = problem.__dict__.setdefault("_candidates", {})
    if i not in cache:
        cache[i] = _make(problem, i)
    return cache[i]


def _make(problem: Problem, i: int) -> list[Candidate]:
    src = source(problem, i)
    if src is not None:
        v = symbol(src.wrt)
        found = derivative_mistakes(src.function, v, tuple(symbol(n) for n in src.variables),
                                    problem.options.function_name)
        reference, function = sp.diff(src.function, v), src.function
    elif problem.options.mode == "expression" and not problem.numeric:
        found, reference, function = expression_mistakes(problem.expected[i]), problem.expected[i], None
    else:
        return []
    try:
        ref_values = floats(problem, reference)
    except Unsupported:
        return []
    kept: list[Candidate] = []
    for m in found:
        try:
            values = floats(problem, m.expr)
        except Unsupported:
            continue
        if same(problem, values, ref_values, m.expr, reference):
            continue
        if m.yields == "negation" and same(problem, values, -ref_values, m.expr, -reference):
            continue
        if m.yields == "multiple" and _multiple(values, ref_values):
            continue
        if m.yields == "function" and function is not None and same(problem, values, floats(problem, function),
                                                                      m.expr, function):
            continue
        if any(same(problem, values, k.values, m.expr, k.mistake.expr) for k in kept):
            continue
        kept.append(Candidate(m, values))
    return kept


def _multiple(a: np.ndarray, r: np.ndarray) -> bool:
    ok = np.isfinite(a) & np.isfinite(r) & (np.abs(r) > 1e-9)
    if ok.sum() < MIN_MATCHED:
        return False
    with np.errstate(all="ignore"):
        ratios = a[ok] / r[ok]
    return bool(np.allclose(ratios, ratios[0], rtol=1e-9, atol=0))
