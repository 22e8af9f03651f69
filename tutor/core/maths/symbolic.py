"""Symbolic proof that a difference is zero: a cheap in-process chain, sized before it runs.

Expanding `(x+y+1)^100` or cancelling huge rational functions can take minutes, so each step first
estimates how big its work is and declines when it is too big. Anything dearer runs in the worker
process (worker.py), which can be stopped.
"""

from __future__ import annotations

import math

import sympy as sp

from .mlfunctions import ML_FUNCTIONS

MAX_EXPANDED_TERMS = 400
MAX_CANCEL_OPS = 150
MAX_CANCEL_DEGREE = 24


def expansion_size(expr: sp.Expr, cap: int = 10**6) -> int:
    """An upper estimate of the number of terms `expand(expr)` produces (saturating at `cap`)."""
    if expr.is_Atom:
        return 1
    if expr.is_Add:
        return min(cap, sum(expansion_size(a, cap) for a in expr.args))
    if expr.is_Mul:
        total = 1
        for a in expr.args:
            total = min(cap, total * expansion_size(a, cap))
        return total
    if expr.is_Pow and expr.exp.is_Integer:
        n = abs(int(expr.exp))
        k = expansion_size(expr.base, cap)
        if k == 1:
            return 1
        if n > 200:
            return cap
        return min(cap, math.comb(n + k - 1, k - 1))
    return min(cap, 1 + sum(expansion_size(a, cap) for a in expr.args))


def _max_degree(expr: sp.Expr) -> int:
    degree = 0
    for p in expr.atoms(sp.Pow):
        if p.exp.is_Integer:
            degree = max(degree, abs(int(p.exp)))
        elif p.exp.is_Rational:
            degree = max(degree, abs(int(p.exp.p)))
    return degree


def cheap_zero(diff: sp.Expr) -> bool:
    """True when cheap rewriting shows `diff` is identically zero (False means 'not shown')."""
    if diff == 0:
        return True
    if diff.has(*ML_FUNCTIONS):  # σ(z)(1 − σ(z)) against e^(−z)/(1 + e^(−z))²: compare in exponentials
        diff = diff.rewrite(sp.exp)
    if expansion_size(diff) <= MAX_EXPANDED_TERMS:
        expanded = sp.expand(diff)
        if expanded == 0:
            return True
        diff = expanded
    if sp.count_ops(diff) <= MAX_CANCEL_OPS and _max_degree(diff) <= MAX_CANCEL_DEGREE:
        rational = diff.is_rational_function() or _rational_in_exponentials(diff)
        if rational and sp.cancel(sp.together(diff)) == 0:
            return True
    return False


def _rational_in_exponentials(expr: sp.Expr) -> bool:
    """A rational function of variables and exp(…) terms (what the sigmoid becomes): cancel can decide."""
    exps = expr.atoms(sp.exp)
    if not exps:
        return False
    stand_ins = {e: sp.Dummy() for e in exps}
    return expr.xreplace(stand_ins).is_rational_function()


def expensive_zero(diff: sp.Expr) -> bool:
    """The dear chain, run only in the worker process: simplify, then rewrite through exp, denest."""
    steps = (
        sp.simplify,
        lambda d: sp.simplify(d.rewrite(sp.exp)),  # also turns sigmoid and softplus into exponentials
        lambda d: sp.radsimp(sp.sqrtdenest(d)),
    )
    for step in steps:
        try:
            if step(diff) == 0:
                return True
        except Exception:  # a sympy step that fails proves nothing; try the next one
            continue
    return False
