"""An expression's value at a point: exact when that is safe, or a clear error saying why there is none.

Substituting numbers into a sympy expression runs sympy's own evaluation, which is unbounded:
x^10000 at x = 10^99 is a million-digit integer and factorial(x) at x = 10^99 never ends. So the
value is first computed at 60 digits with bounded magnitudes (precise.py); only a point where that
succeeds is substituted exactly, and the exact result is held to the digit limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from .bounds import Guard, not_real
from .build import symbol
from .errors import EvaluationError, MathsError
from .limits import DEFAULT_LIMITS, Limits
from .precise import value_or_reason
from .verdict import format_number


class PointError(EvaluationError):
    """No value at this point: `reason` is "undefined" or "too large"."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def describe_point(point: Mapping[str, Fraction]) -> str:
    """`x = 0, y = −1/2` as messages write a point."""
    return ", ".join(f"{name} = {format_number(value)}" for name, value in point.items())


def value_at(expr: sp.Expr, point: Mapping[str, Fraction], what: str = "the expression",
             limits: Limits = DEFAULT_LIMITS) -> sp.Expr:
    """`expr` with `point` substituted exactly (4, 1/3, √2), or to 60 digits when the exact number
    has more digits than the limit; raises PointError with a message about `what`."""
    missing = sorted(s.name for s in expr.free_symbols if s.name not in point)
    if missing:
        raise EvaluationError(f"give a value for {', '.join(missing)}")
    where = describe_point(point)
    got, reason = value_or_reason(expr, point)
    if reason == "undefined":
        raise PointError(f"{what} is undefined at {where}", "undefined")
    if reason == "too large":
        raise PointError(f"{what} is too large to compute at {where}", "too large")
    exact = expr.xreplace({symbol(k): sp.Rational(v.numerator, v.denominator) for k, v in point.items()})
    if not_real(exact):  # sympy knows a limit the 60 digits missed: still no value here
        raise PointError(f"{what} is undefined at {where}", "undefined")
    try:
        Guard(limits).whole(exact)
    except MathsError:  # too many digits to show exactly: the 60-digit value stands in
        return sp.Float(got, 60)
    return exact
