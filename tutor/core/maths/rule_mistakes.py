"""Typical slips with the product and quotient rules: one part differentiated, a plus for the minus,
the denominator not squared, u′/v′.

Each slip rewrites the derivative of one term of f; the other terms' derivatives are kept.
"""

from __future__ import annotations

import sympy as sp

from .chain_mistakes import factor_text, prime_text
from .render import render

MAX_TERMS = 4


def product_slips(f: sp.Expr, v: sp.Symbol, ref: sp.Expr) -> list[tuple[str, sp.Expr, str, str | None]]:
    """Products of two parts that both change with v: one part differentiated only, or both at once."""
    out = []
    for term in sp.Add.make_args(f)[:MAX_TERMS]:
        if not term.is_Mul:
            continue
        coeff, rest = term.as_independent(v, as_Add=False)
        parts = [p for p in sp.Mul.make_args(rest) if p.has(v)]
        if len(parts) != 2 or any(p.is_Pow and p.exp.is_negative for p in parts):
            continue  # a quotient is the quotient rule's business
        g, h = parts
        right = coeff * (sp.diff(g, v) * h + g * sp.diff(h, v))
        rule = (f"the product rule gives {prime_text(g)}·{factor_text(h)} + {factor_text(g)}·{prime_text(h)}"
                f"{_prime_means(f, v)}.")
        wrong_ways = (
            (coeff * sp.diff(g, v) * h, f"only {render(g)} was differentiated"),
            (coeff * g * sp.diff(h, v), f"only {render(h)} was differentiated"),
            (coeff * sp.diff(g, v) * sp.diff(h, v), "both parts were differentiated and multiplied"),
        )
        for wrong, how in wrong_ways:
            out.append(("product-rule", ref - right + wrong, f"In {render(g * h)} {how}: {rule}", None))
    return out


def quotient_slips(f: sp.Expr, v: sp.Symbol, ref: sp.Expr) -> list[tuple[str, sp.Expr, str, str | None]]:
    """Quotients u/v whose bottom changes with the variable (the top may not: x/(x² + y²) by y is still
    worked out with the quotient rule, and its denominator still squared)."""
    out = []
    for term in sp.Add.make_args(f)[:MAX_TERMS]:
        top, bottom = sp.fraction(sp.together(term) if term.is_Add else term)
        if not bottom.has(v) or top.is_Number or (not top.has(v) and isinstance(bottom, sp.exp)):
            continue  # 1/v and x·e^(−w·x) are powers, not quotients a learner works out with the rule
        du, dv = sp.diff(top, v), sp.diff(bottom, v)
        right = sp.diff(term, v)
        rule = (f"the quotient rule gives ({prime_text(top)}·{factor_text(bottom)} − {factor_text(top)}·"
                f"{prime_text(bottom)})/{factor_text(bottom)}²{_prime_means(f, v)}.")
        wrong_ways = [((du * bottom - top * dv) / bottom, "the denominator is not squared")]
        if du != 0:  # with a constant top, a plus or the parts swapped give −∂f/∂v: the plain sign names that
            wrong_ways += [
                ((du * bottom + top * dv) / bottom**2, "the numerator has a plus where the minus goes"),
                ((top * dv - du * bottom) / bottom**2, "the numerator's two parts are in the wrong order"),
            ]
        if dv != 0 and du != 0:
            wrong_ways.append((du / dv, "the derivatives of top and bottom were divided"))
        for wrong, how in wrong_ways:
            out.append(("quotient-rule", ref - right + wrong, f"In {render(term)} {how}: {rule}", None))
    return out


def _prime_means(f: sp.Expr, v: sp.Symbol) -> str:
    """With several variables a prime is ambiguous (x′ by y is 0): say which derivative it is."""
    return f", ′ meaning ∂/∂{render(v)}" if len(f.free_symbols) > 1 else ""
