"""High-precision evaluation (mpmath, 60 digits) at one point: the arbiter when floats are not enough.

Used to confirm a float mismatch before calling an answer wrong, to compare answers whose floats
overflow (`(x-a)^6000`), and to separate answers that agree to 15 digits but not exactly
(0.333333333333333 is not 1/3). Same real-valued semantics as the float evaluator: a non-real
intermediate value means "undefined here". Magnitudes are bounded so nothing runs away.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import mpmath
import sympy as sp
from sympy.calculus.accumulationbounds import AccumBounds

from .floateval import Unsupported
from .mlfunctions import sigmoid, softplus

DIGITS = 60
_MAX_BITS = 1_000_000  # results beyond 2^(10^6) count as overflow
_MAX_ARG_BITS = 2_000  # trig and exp arguments beyond 2^2000 cannot be reduced meaningfully


class Undefined(Exception):
    """Not a real number at this point (or too large to represent)."""


class TooLarge(Undefined):
    """A value or an argument too large to represent or to reduce: the expression is not undefined
    there, but no bounded computation can say what it is."""


# What sympy itself produces for undefined or non-real constants (tan(pi/2) is zoo, sin(oo) an
# AccumBounds, sqrt(-1) holds I).
NOT_REAL_TYPES = (type(sp.zoo), type(sp.nan), type(sp.oo), type(-sp.oo), AccumBounds, type(sp.I))


def _check(v):
    if isinstance(v, mpmath.mpc):
        if v.imag != 0:
            raise Undefined
        v = v.real
    if not mpmath.isfinite(v):
        raise Undefined
    if v != 0 and abs(mpmath.mag(v)) > _MAX_BITS:
        raise TooLarge
    return v


def _small_arg(x):
    if x != 0 and mpmath.mag(x) > _MAX_ARG_BITS:
        raise TooLarge
    return x


def _domain(lo=None, hi=None, lo_open=False, hi_open=False, nonzero=False):
    def check(x):
        if lo is not None and (x < lo or (lo_open and x == lo)):
            raise Undefined
        if hi is not None and (x > hi or (hi_open and x == hi)):
            raise Undefined
        if nonzero and x == 0:
            raise Undefined
        return x

    return check


def _recip(x):
    if x == 0:
        raise Undefined
    return 1 / x


_FUNCS = {
    sp.sin: lambda x: mpmath.sin(_small_arg(x)),
    sp.cos: lambda x: mpmath.cos(_small_arg(x)),
    sp.tan: lambda x: mpmath.tan(_small_arg(x)),
    sp.cot: lambda x: _recip(mpmath.tan(_small_arg(x))),
    sp.sec: lambda x: _recip(mpmath.cos(_small_arg(x))),
    sp.csc: lambda x: _recip(mpmath.sin(_small_arg(x))),
    sp.asin: lambda x: mpmath.asin(_domain(-1, 1)(x)),
    sp.acos: lambda x: mpmath.acos(_domain(-1, 1)(x)),
    sp.atan: mpmath.atan,
    sp.acot: lambda x: mpmath.pi / 2 if x == 0 else mpmath.atan(1 / x),
    sp.asec: lambda x: mpmath.acos(_domain(-1, 1)(_recip(x))),
    sp.acsc: lambda x: mpmath.asin(_domain(-1, 1)(_recip(x))),
    sp.sinh: lambda x: mpmath.sinh(_small_arg(x)),
    sp.cosh: lambda x: mpmath.cosh(_small_arg(x)),
    sp.tanh: lambda x: mpmath.tanh(_small_arg(x)),
    sp.coth: lambda x: _recip(mpmath.tanh(_small_arg(x))),
    sp.sech: lambda x: _recip(mpmath.cosh(_small_arg(x))),
    sp.csch: lambda x: _recip(mpmath.sinh(_small_arg(x))),
    sp.asinh: mpmath.asinh,
    sp.acosh: lambda x: mpmath.acosh(_domain(lo=1)(x)),
    sp.atanh: lambda x: mpmath.atanh(_domain(-1, 1, True, True)(x)),
    sp.acoth: lambda x: mpmath.atanh(_domain(-1, 1, True, True)(_recip(x))),
    sp.asech: lambda x: mpmath.acosh(_domain(lo=1)(_recip(x))),
    sp.acsch: lambda x: mpmath.asinh(_recip(x)),
    sp.exp: lambda x: mpmath.exp(_small_arg(x)),
    sp.log: lambda x: mpmath.log(_domain(lo=0, lo_open=True)(x)),
    sp.Abs: abs,
    sp.sign: mpmath.sign,
    sp.gamma: lambda x: mpmath.gamma(_small_arg(x)),
    sp.factorial: lambda x: mpmath.factorial(_small_arg(x)),
    sigmoid: lambda x: 1 / (1 + mpmath.exp(-_small_arg(x))),
    softplus: lambda x: mpmath.log(1 + mpmath.exp(_small_arg(x))),
}


def _power(base, exponent):
    if base == 0:
        if exponent > 0:
            return mpmath.mpf(0)
        if exponent == 0:
            return mpmath.mpf(1)
        raise Undefined
    if base < 0 and not mpmath.isint(exponent):
        raise Undefined
    if abs(exponent) * abs(mpmath.log(abs(base), 2)) > _MAX_BITS:
        raise TooLarge
    return mpmath.power(base, exponent)


class _Evaluator:
    def __init__(self, point: Mapping[str, Fraction]) -> None:
        self.point = point
        self.memo: dict[sp.Expr, object] = {}

    def value(self, expr: sp.Expr):
        cached = self.memo.get(expr)
        if cached is None:
            cached = _check(self.compute(expr))
            self.memo[expr] = cached
        return cached

    def compute(self, expr: sp.Expr):
        if isinstance(expr, NOT_REAL_TYPES):
            raise Undefined
        if expr.is_Symbol:
            v = self.point[expr.name]
            return mpmath.mpf(v.numerator) / v.denominator
        if expr.is_Integer:
            return mpmath.mpf(int(expr))
        if expr.is_Rational:
            return mpmath.mpf(int(expr.p)) / int(expr.q)
        if expr is sp.pi:
            return +mpmath.pi
        if expr is sp.E:
            return +mpmath.e
        if expr.is_NumberSymbol:  # EulerGamma (from the derivative of gamma), Catalan, ...
            return mpmath.mpf(expr.evalf(DIGITS + 10)._mpf_)
        if expr.is_Add:
            return mpmath.fsum(self.value(a) for a in expr.args)
        if expr.is_Mul:
            total = mpmath.mpf(1)
            for a in expr.args:
                total = _check(total * self.value(a))
            return total
        if expr.is_Pow:
            return _power(self.value(expr.base), self.value(expr.exp))
        if isinstance(expr, sp.binomial):
            n, k = (self.value(a) for a in expr.args)
            return mpmath.binomial(_small_arg(n), _small_arg(k))
        if isinstance(expr, sp.polygamma):
            n, x = (self.value(a) for a in expr.args)
            return mpmath.polygamma(n, _small_arg(x))
        func = _FUNCS.get(type(expr))
        if func is not None and len(expr.args) == 1:
            return func(self.value(expr.args[0]))
        if expr.is_Float:
            return mpmath.mpf(expr)
        raise Unsupported(f"cannot evaluate {type(expr).__name__} numerically")


def exact_number(expr: sp.Expr):
    """A constant as a Fraction when it is rational, else as a 60-digit mpf (None if undefined)."""
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    return evaluate_precise(expr, {})


def evaluate_precise(expr: sp.Expr, point: Mapping[str, Fraction], digits: int = DIGITS):
    """The value of `expr` at `point` as an mpmath number, or None where it is undefined."""
    return value_or_reason(expr, point, digits)[0]


def value_or_reason(expr: sp.Expr, point: Mapping[str, Fraction], digits: int = DIGITS,
                    evaluator: _Evaluator | None = None):
    """(value, None), or (None, "undefined") where it is not a real number, or (None, "too large")
    where it (or a step on the way) is beyond what can be represented."""
    with mpmath.workdps(digits):
        try:
            return (evaluator or _Evaluator(point)).value(expr), None
        except (TooLarge, OverflowError):
            return None, "too large"
        except (Undefined, ZeroDivisionError, ValueError):
            return None, "undefined"


def evaluator(point: Mapping[str, Fraction] | None = None) -> _Evaluator:
    """An evaluator whose memo is shared between calls (the builder checks every constant node)."""
    return _Evaluator(point or {})


def close_precise(a, b, rel: float = 1e-30, abs_: float = 1e-40) -> bool:
    """Equal up to rounding at 60 digits (an identity survives; 0.333333333333333 vs 1/3 does not)."""
    with mpmath.workdps(DIGITS):
        diff = abs(a - b)
        return bool(diff <= abs_ or diff <= rel * max(abs(a), abs(b)))
