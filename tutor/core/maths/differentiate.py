"""Partial derivatives sized before sympy computes them, so no derivative can run for minutes.

One derivative of a product of n factors has n terms of n factors each, and each further order
multiplies again: the 10th derivative of a 30-factor product, or the 5th of x^x^x^x^x, would take
sympy minutes and millions of nodes. The size of the result is estimated from the expression's
shape first (a linear walk), and a derivative that would be too large is refused with a message.
"""

from __future__ import annotations

from functools import lru_cache

import sympy as sp

from .errors import LimitError

MAX_DERIVATIVE_NODES = 10_000  # about 0.1 s of sympy work; a course function's derivative has < 100


def derivative_size(expr: sp.Expr, v: sp.Symbol) -> int:
    """An estimate (from above, within a small factor) of the nodes of ∂expr/∂v; one linear walk."""
    memo: dict = {}

    def walk(e: sp.Basic) -> tuple[int, int, bool]:  # (nodes of e, nodes of ∂e/∂v, depends on v)
        known = memo.get(e)
        if known is not None:
            return known
        if not e.args:
            out = (1, 1, e == v)
        else:
            kids = [walk(a) for a in e.args]
            size = 1 + sum(k[0] for k in kids)
            if not any(k[2] for k in kids):
                out = (size, 1, False)
            elif e.is_Add:
                out = (size, 1 + sum(k[1] for k in kids if k[2]), True)
            elif e.is_Mul:  # one term per factor that depends on v: the others times its derivative
                out = (size, 1 + sum(size - k[0] + k[1] + 1 for k in kids if k[2]), True)
            elif e.is_Pow:  # b^e·(e′·ln b + e·b′/b)
                out = (size, 2 * size + kids[0][0] + kids[0][1] + kids[1][1] + 6, True)
            else:  # f′(u)·u′: a function's derivative is about twice its size (tan′ = 1 + tan²)
                out = (size, 2 * size + sum(k[1] for k in kids) + 4, True)
        memo[e] = out
        return out

    return walk(expr)[1]


@lru_cache(maxsize=1024)
def diff(expr: sp.Expr, v: sp.Symbol, order: int = 1, cap: int = MAX_DERIVATIVE_NODES) -> sp.Expr:
    """∂^order expr/∂v^order; raises LimitError when a step would exceed `cap` nodes.

    Cached: checking and validating ask for the same derivative several times (the reference, the
    typical mistakes, the proof), and sympy expressions are immutable.
    """
    for _ in range(order):
        size = derivative_size(expr, v)
        if size > cap:
            raise LimitError(
                f"the derivative would be too large to work with (about {size:,} nodes; the limit is {cap:,})",
                limit="derivative-size",
            )
        expr = sp.diff(expr, v)
    return expr
