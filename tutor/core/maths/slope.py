"""A function's slope along one variable at a point, found numerically: evidence a learner can check.

A central difference (f(x + h) − f(x − h))/2h evaluated at 60 digits with h = 10⁻²⁰, so neither the
truncation (about h²) nor the rounding (about 10⁻⁶⁰/h) shows in the three decimals printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from .precise import evaluate_precise

H = Fraction(1, 10**20)


def precise_slope(f: sp.Expr, point: Mapping[str, Fraction], wrt: str) -> str | None:
    """The slope as shown to a learner (12.000, −0.250, 1.5e+7), or None where f is not defined around."""
    if wrt not in point:
        return None
    names = {s.name for s in f.free_symbols}
    if not names <= set(point):
        return None
    up = evaluate_precise(f, {**point, wrt: point[wrt] + H})
    down = evaluate_precise(f, {**point, wrt: point[wrt] - H})
    if up is None or down is None:
        return None
    import mpmath

    with mpmath.workdps(60):
        slope = (up - down) / (2 * mpmath.mpf(H.numerator) / H.denominator)
        if abs(slope) >= 1e6 or (slope != 0 and abs(slope) < 1e-3):
            text = mpmath.nstr(slope, 4, min_fixed=1, max_fixed=0)
        else:
            text = f"{float(slope):.3f}"
    return "−" + text[1:] if text.startswith("-") else text
