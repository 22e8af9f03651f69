"""Fast float64 evaluation of a sympy expression at many points at once (numpy, no lambdify).

Real-valued semantics throughout: a square root or logarithm of a negative number, or a power of a
negative base to a non-integer exponent, is NaN ("undefined here"), as is anything infinite. The
compiled closure tree is cached per expression, so checking many answers to one exercise is cheap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import lru_cache

import numpy as np
import sympy as sp

from .mlfunctions import sigmoid, softplus

Env = Mapping[str, np.ndarray]
Fn = Callable[[Env], np.ndarray]


class Unsupported(Exception):
    """The expression holds something the numeric evaluator does not know."""


def _recip(f: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    return lambda x: 1.0 / f(x)


def _of_recip(f: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    return lambda x: f(1.0 / x)


def _gamma(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x, dtype=float)
    for i, v in enumerate(np.ravel(x)):
        try:
            out.flat[i] = math.gamma(v)
        except (ValueError, OverflowError):
            out.flat[i] = math.nan
    return out


def _acot(x: np.ndarray) -> np.ndarray:
    # sympy's real acot: atan(1/x), with acot(0) = pi/2.
    return np.where(x == 0, math.pi / 2, np.arctan(1.0 / np.where(x == 0, 1.0, x)))


_UNARY: dict[type, Callable[[np.ndarray], np.ndarray]] = {
    sp.sin: np.sin, sp.cos: np.cos, sp.tan: np.tan,
    sp.cot: _recip(np.tan), sp.sec: _recip(np.cos), sp.csc: _recip(np.sin),
    sp.asin: np.arcsin, sp.acos: np.arccos, sp.atan: np.arctan, sp.acot: _acot,
    sp.asec: _of_recip(np.arccos), sp.acsc: _of_recip(np.arcsin),
    sp.sinh: np.sinh, sp.cosh: np.cosh, sp.tanh: np.tanh,
    sp.coth: _recip(np.tanh), sp.sech: _recip(np.cosh), sp.csch: _recip(np.sinh),
    sp.asinh: np.arcsinh, sp.acosh: np.arccosh, sp.atanh: np.arctanh,
    sp.acoth: _of_recip(np.arctanh), sp.asech: _of_recip(np.arccosh), sp.acsch: _of_recip(np.arcsinh),
    sp.exp: np.exp, sp.log: np.log, sp.Abs: np.abs, sp.sign: np.sign,
    sp.gamma: _gamma, sp.factorial: lambda x: _gamma(x + 1.0),
    sigmoid: lambda x: 1.0 / (1.0 + np.exp(-x)), softplus: lambda x: np.logaddexp(0.0, x),
}


def _const(value: float) -> Fn:
    return lambda env: value


def _number(expr: sp.Expr) -> float:
    try:
        return float(expr)
    except (OverflowError, TypeError, ValueError):
        return math.nan


@lru_cache(maxsize=2048)
def compile_float(expr: sp.Expr) -> Fn:
    """A function of {name: array} that evaluates `expr` elementwise in float64."""
    return _compile(expr)


def _compile(expr: sp.Expr) -> Fn:
    if expr.is_Symbol:
        name = expr.name
        return lambda env: env[name]
    if expr.is_Number or expr.is_NumberSymbol:
        return _const(_number(expr))
    if expr.is_Add:
        parts = [_compile(a) for a in expr.args]

        def add(env: Env) -> np.ndarray:
            total = parts[0](env)
            for p in parts[1:]:
                total = total + p(env)
            return total

        return add
    if expr.is_Mul:
        parts = [_compile(a) for a in expr.args]

        def mul(env: Env) -> np.ndarray:
            total = parts[0](env)
            for p in parts[1:]:
                total = total * p(env)
            return total

        return mul
    if expr.is_Pow:
        return _compile_pow(expr)
    if isinstance(expr, sp.binomial):
        n, k = (_compile(a) for a in expr.args)
        return lambda env: _binomial(n(env), k(env))
    if isinstance(expr, sp.polygamma):  # appears in derivatives of gamma and factorial
        n, x = (_compile(a) for a in expr.args)
        return lambda env: _polygamma(n(env), x(env))
    func = _UNARY.get(type(expr)) or _UNARY.get(expr.func)
    if func is not None and len(expr.args) == 1:
        arg = _compile(expr.args[0])
        return lambda env: func(arg(env))
    raise Unsupported(f"cannot evaluate {type(expr).__name__} numerically")


def _compile_pow(expr: sp.Pow) -> Fn:
    base = _compile(expr.base)
    exp = expr.exp
    if exp == sp.Rational(1, 2):
        return lambda env: np.sqrt(base(env))
    if exp == sp.Rational(-1, 2):
        return lambda env: 1.0 / np.sqrt(base(env))
    if exp.is_Integer:
        n = float(exp)
        return lambda env: np.power(base(env), n)
    if expr.base == sp.E:
        power = _compile(exp)
        return lambda env: np.exp(power(env))
    power = _compile(exp)
    return lambda env: np.power(base(env), power(env))


def _polygamma(n: np.ndarray, x: np.ndarray) -> np.ndarray:
    import mpmath

    def one(a: float, b: float) -> float:
        try:
            return float(mpmath.polygamma(int(a), b))
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            return math.nan

    return np.vectorize(one, otypes=[float])(n, x)


def _binomial(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    return _gamma(n + 1.0) / (_gamma(k + 1.0) * _gamma(n - k + 1.0))


def evaluate_float(expr: sp.Expr, env: Env, size: int) -> np.ndarray:
    """`expr` at every point of `env` (arrays of length `size`); NaN where undefined or infinite."""
    fn = compile_float(expr)
    with np.errstate(all="ignore"):
        out = np.asarray(fn(env), dtype=float)
        if out.shape != (size,):
            out = np.broadcast_to(out, (size,)).astype(float)
        out = np.where(np.isfinite(out), out, np.nan)
    return out
