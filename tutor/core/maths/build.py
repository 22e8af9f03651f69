"""From the syntax tree to sympy objects, built node by node (no eval, no sympify, no parse_expr).

Constant arithmetic is sized before sympy is asked to do it, so `9^9^9^9` or `factorial(10^7)`
are refused in microseconds instead of running for hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from .errors import EvaluationError, LimitError
from .limits import DEFAULT_LIMITS, Limits
from .mlfunctions import sigmoid, softplus
from .nodes import (
    BinOp,
    Call,
    Const,
    Factorial,
    Labeled,
    Neg,
    Node,
    Num,
    Var,
    Vector,
    walk,
)

_UNDEFINED = (sp.S.ComplexInfinity, sp.S.NaN, sp.S.Infinity, sp.S.NegativeInfinity)

_FUNCTIONS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "cot": sp.cot, "sec": sp.sec, "csc": sp.csc,
    "asin": sp.asin, "acos": sp.acos, "atan": sp.atan, "acot": sp.acot, "asec": sp.asec, "acsc": sp.acsc,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "coth": sp.coth, "sech": sp.sech, "csch": sp.csch,
    "asinh": sp.asinh, "acosh": sp.acosh, "atanh": sp.atanh, "acoth": sp.acoth, "asech": sp.asech,
    "acsch": sp.acsch, "exp": sp.exp, "sqrt": sp.sqrt, "abs": sp.Abs, "sign": sp.sign,
    "log": sp.log, "ln": sp.log, "gamma": sp.gamma,
}


@lru_cache(maxsize=None)
def symbol(name: str) -> sp.Symbol:
    """Every variable is real: answers are checked as real functions of real variables."""
    return sp.Symbol(name, real=True)


@dataclass(frozen=True)
class Built:
    """A parsed answer as sympy: one expression, or a vector of them (with optional labels)."""

    values: tuple[sp.Expr, ...]
    is_vector: bool
    labels: tuple[str | None, ...]
    has_decimal: bool = False

    @property
    def scalar(self) -> sp.Expr:
        return self.values[0]


def build(tree: Node, limits: Limits = DEFAULT_LIMITS) -> Built:
    """Build sympy expressions for `tree`; raises EvaluationError or LimitError with a clear message."""
    has_decimal = any(isinstance(n, Num) and n.decimal for n in walk(tree))
    items = tree.items if isinstance(tree, Vector) else (tree,)
    values: list[sp.Expr] = []
    labels: list[str | None] = []
    for item in items:
        label = None
        if isinstance(item, Labeled):
            label, item = item.label, item.expr
        value = _Builder(limits).build(item)
        if value.has(*_UNDEFINED):
            raise EvaluationError("the expression is undefined (it divides by zero or is infinite)")
        if value.has(sp.I):
            raise EvaluationError("the expression is not a real number (a square root of a negative number?)")
        values.append(value)
        labels.append(label)
    return Built(tuple(values), isinstance(tree, Vector), tuple(labels), has_decimal)


def _short(value: sp.Expr) -> str:
    """A number for a message: 387420489 as is, a 3000-digit one as 'about 10^3000'."""
    text = str(value)
    if len(text) <= 15:
        return text
    try:
        return f"about 10^{int(math.log10(abs(float(value))))}"
    except (OverflowError, ValueError):
        digits = len(str(abs(int(value)))) if value.is_Integer else len(text)
        return f"about 10^{digits - 1}"


class _Builder:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def build(self, node: Node) -> sp.Expr:
        # Recursion depth is bounded by the parser's depth limit.
        if isinstance(node, Num):
            return sp.Rational(node.value.numerator, node.value.denominator)
        if isinstance(node, Var):
            return symbol(node.name)
        if isinstance(node, Const):
            return sp.pi if node.name == "pi" else sp.E
        if isinstance(node, Neg):
            return -self.build(node.operand)
        if isinstance(node, BinOp):
            left, right = self.build(node.left), self.build(node.right)
            if node.op == "+":
                return left + right
            if node.op == "-":
                return left - right
            if node.op == "*":
                return left * right
            if node.op == "/":
                if right.is_zero:
                    raise EvaluationError(f"division by zero at column {node.start + 1}")
                return left / right
            return self.power(left, right, node.start)
        if isinstance(node, Factorial):
            return self.factorial(self.build(node.operand), node.start)
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, (Vector, Labeled)):
            raise EvaluationError("a vector can only be the whole answer")
        raise TypeError(f"not a syntax node: {node!r}")

    def power(self, base: sp.Expr, exponent: sp.Expr, start: int) -> sp.Expr:
        if exponent.is_Rational:
            if abs(exponent) > self.limits.max_exponent:
                raise LimitError(
                    f"the exponent {_short(exponent)} is over the limit of {self.limits.max_exponent}",
                    limit="exponent",
                    column=start + 1,
                )
            if base.is_Rational and base != 0:
                size = max(abs(base.p), abs(base.q), 2)
                digits = float(abs(exponent)) * math.log10(size)
                if digits > self.limits.max_result_digits:
                    raise LimitError(
                        f"the power at column {start + 1} would have about {digits:.3g} digits; "
                        f"the limit is {self.limits.max_result_digits}",
                        limit="result-digits",
                        column=start + 1,
                    )
            if base.is_zero and exponent < 0:
                raise EvaluationError(f"division by zero: 0 to a negative power at column {start + 1}")
        elif exponent.is_number and base.is_Rational and abs(base) != 1 and base != 0:
            # A constant exponent that is not rational (pi, sqrt 2) stays symbolic, but bound its size.
            try:
                magnitude = abs(float(exponent.evalf(15)))
            except (TypeError, ValueError, OverflowError):
                magnitude = math.inf
            if magnitude > self.limits.max_exponent:
                raise LimitError(
                    f"the exponent at column {start + 1} is over the limit of {self.limits.max_exponent}",
                    limit="exponent",
                    column=start + 1,
                )
        return sp.Pow(base, exponent)

    def factorial(self, value: sp.Expr, start: int) -> sp.Expr:
        self.bound_integer_argument(value, "factorial", start)
        if value.is_Integer and value < 0:
            raise EvaluationError(f"the factorial of a negative integer is undefined (column {start + 1})")
        return sp.factorial(value)

    def bound_integer_argument(self, value: sp.Expr, what: str, start: int) -> None:
        if value.is_Rational and abs(value) > self.limits.max_factorial:
            raise LimitError(
                f"{what} of {_short(value)} is over the limit of {self.limits.max_factorial}",
                limit="factorial",
                column=start + 1,
            )

    def call(self, node: Call) -> sp.Expr:
        args = [self.build(a) for a in node.args]
        func = node.func
        if func == "factorial":
            return self.factorial(args[0], node.start)
        if func == "gamma":
            self.bound_integer_argument(args[0], "gamma", node.start)
        if func == "binomial":
            for a in args:
                self.bound_integer_argument(a, "binomial", node.start)
            return sp.binomial(*args)
        if func == "sigmoid":
            return sigmoid(args[0])
        if func == "softplus":
            return softplus(args[0])
        if func == "diff":
            return self.derivative(node, args)
        if func in ("log", "ln") and len(args) == 2:
            if args[1] == 1 or args[1].is_zero:
                raise EvaluationError(f"a logarithm to base {args[1]} is undefined (column {node.start + 1})")
            return sp.log(args[0]) / sp.log(args[1])
        if func in ("log", "ln") and args[0].is_zero:
            raise EvaluationError(f"the logarithm of 0 is undefined (column {node.start + 1})")
        return _FUNCTIONS[func](args[0])

    def derivative(self, node: Call, args: list[sp.Expr]) -> sp.Expr:
        if not isinstance(args[1], sp.Symbol):
            raise EvaluationError(f"diff needs a variable as its second argument (column {node.start + 1})")
        order = args[2] if len(args) == 3 else sp.Integer(1)
        if not (order.is_Integer and 1 <= order <= self.limits.max_derivative_order):
            raise EvaluationError(
                f"the order of diff must be a whole number from 1 to {self.limits.max_derivative_order}"
            )
        return sp.diff(args[0], args[1], int(order))
