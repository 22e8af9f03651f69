"""Local derivatives for reverse mode: g·∂node/∂child for each operation, as written by hand."""

from __future__ import annotations

import math
from collections.abc import Callable

import mpmath

from tutor.core.maths.nodes import BinOp, Call, Factorial, Labeled, Neg, Node


def real_pow(a: float, b: float) -> float:
    result = a ** b
    if isinstance(result, complex):
        raise ValueError("not real")
    return result


# d func(a)/da given a and r = func(a); r saves recomputing exp, tan, tanh, sigmoid.
DERIVATIVES: dict[str, Callable[[float, float], float]] = {
    "sin": lambda a, r: math.cos(a), "cos": lambda a, r: -math.sin(a),
    "tan": lambda a, r: 1.0 + r * r, "cot": lambda a, r: -(1.0 + r * r),
    "sec": lambda a, r: r * math.tan(a), "csc": lambda a, r: -r / math.tan(a),
    "asin": lambda a, r: 1.0 / math.sqrt(1.0 - a * a), "acos": lambda a, r: -1.0 / math.sqrt(1.0 - a * a),
    "atan": lambda a, r: 1.0 / (1.0 + a * a), "acot": lambda a, r: -1.0 / (1.0 + a * a),
    "asec": lambda a, r: 1.0 / (abs(a) * math.sqrt(a * a - 1.0)),
    "acsc": lambda a, r: -1.0 / (abs(a) * math.sqrt(a * a - 1.0)),
    "sinh": lambda a, r: math.cosh(a), "cosh": lambda a, r: math.sinh(a),
    "tanh": lambda a, r: 1.0 - r * r, "coth": lambda a, r: 1.0 - r * r,
    "sech": lambda a, r: -r * math.tanh(a), "csch": lambda a, r: -r / math.tanh(a),
    "asinh": lambda a, r: 1.0 / math.sqrt(a * a + 1.0), "acosh": lambda a, r: 1.0 / math.sqrt(a * a - 1.0),
    "atanh": lambda a, r: 1.0 / (1.0 - a * a), "acoth": lambda a, r: 1.0 / (1.0 - a * a),
    "asech": lambda a, r: -1.0 / (a * math.sqrt(1.0 - a * a)),
    "acsch": lambda a, r: -1.0 / (abs(a) * math.sqrt(1.0 + a * a)),
    "exp": lambda a, r: r, "sqrt": lambda a, r: 0.5 / r, "ln": lambda a, r: 1.0 / a,
    "log": lambda a, r: 1.0 / a, "abs": lambda a, r: float((a > 0) - (a < 0)), "sign": lambda a, r: 0.0,
    "sigmoid": lambda a, r: r * (1.0 - r), "softplus": lambda a, r: 1.0 / (1.0 + math.exp(-a)),
    "gamma": lambda a, r: r * float(mpmath.digamma(a)),
    "factorial": lambda a, r: r * float(mpmath.digamma(a + 1.0)),
}


def local_terms(node: Node, g: float, args: list[float], r: float, want: list[bool]) -> list[float | None]:
    """g times ∂node/∂child for each child that depends on a parameter (None for the others).

    Only wanted terms are computed: ln(a) for the exponent of (x − 3)² would fail at x < 3.
    """
    if isinstance(node, Neg):
        return [-g]
    if isinstance(node, Labeled):
        return [g]
    if isinstance(node, Factorial):
        return [g * DERIVATIVES["factorial"](args[0], r)]
    if isinstance(node, BinOp):
        a, b = args
        if node.op == "+":
            return [g, g]
        if node.op == "-":
            return [g, -g]
        if node.op == "*":
            return [g * b if want[0] else None, g * a if want[1] else None]
        if node.op == "/":
            return [g / b if want[0] else None, -g * a / (b * b) if want[1] else None]
        # The power rule as written by hand: n·u^(n−1), so u² gives exactly 2·u.
        return [g * (b * real_pow(a, b - 1.0)) if want[0] else None, g * (r * math.log(a)) if want[1] else None]
    assert isinstance(node, Call)
    if node.func == "log" and len(args) == 2:
        a, base = args
        return [g / (a * math.log(base)) if want[0] else None,
                -g * math.log(a) / (base * math.log(base) ** 2) if want[1] else None]
    return [g * DERIVATIVES[node.func](args[0], r)]
