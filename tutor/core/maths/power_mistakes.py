"""The power rule off by one: the exponent not brought down, or not lowered; e^u taken for a power of u.

Like the chain slips, each rewrites how one node of f is differentiated and keeps the rest.
"""

from __future__ import annotations

import sympy as sp

from .chain_mistakes import factor_text, outer_derivative
from .render import render


def power_slips(f: sp.Expr, v: sp.Symbol, ref: sp.Expr) -> list[tuple[str, sp.Expr, str, str | None]]:
    """The power rule off by one: the exponent not brought down, or not lowered; e^u taken for a power."""
    out = []
    squares = []
    for node in sp.preorder_traversal(f):
        power = node.is_Pow and node.base.has(v) and node.exp.is_Integer and node.exp >= 2
        exponential = isinstance(node, sp.exp) and node.args[0].has(v)
        if not (power or exponential) or len(out) >= 12:
            continue
        dn = sp.diff(node, v)
        outer = outer_derivative(f, node)
        if power:
            base, n = node.base, node.exp
            out.append(("power-rule", ref + outer * (dn / n - dn),
                        f"The power rule brings the exponent down: the derivative of {render(node)} has the "
                        f"factor {n}, as in {render(n * base ** (n - 1))}.", None))
            out.append(("power-rule", ref + outer * (dn * base - dn),
                        f"The power rule lowers the exponent by one: the derivative of {render(node)} has "
                        f"{render(base ** (n - 1))}, not {render(node)}.", None, True))
            if n == 2:
                squares.append((node, outer, dn))
        else:
            u = node.args[0]
            du = sp.diff(u, v)
            text = (f"e^u is not a power of u: the derivative of {render(node)} is {render(node)} itself, "
                    f"times the inside's derivative {factor_text(du)}.")
            out.append(("power-rule", ref + outer * (dn * u / sp.E - dn), text, None, True))
            if du != 0 and du != 1:
                out.append(("power-rule", ref + outer * (dn * u / (sp.E * du) - dn), text, None, True))
    if len(squares) > 1 and not any(a.has(b) for a, _, _ in squares for b, _, _ in squares if a is not b):
        out = [(*o[:4], True) if o[2].startswith("The power rule brings") else o for o in out]
        total = sum((outer * dn for _, outer, dn in squares), sp.Integer(0))
        out.append(("power-rule", ref - total / 2,
                    "The power rule brings the exponent down: each square's derivative has the factor 2.", None))
    return out
