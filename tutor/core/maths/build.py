"""From the syntax tree to sympy objects, built node by node (no eval, no sympify, no parse_expr).

Constant arithmetic is sized before sympy is asked to do it, so `9^9^9^9` or `factorial(10^7)`
are refused in microseconds instead of running for hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.calculus.accumulationbounds import AccumBounds

from .bounds import UNDEFINED, Guard, short_number as _short
from .differentiate import diff
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

_UNDEFINED = (sp.S.ComplexInfinity, sp.S.NaN, sp.S.Infinity, sp.S.NegativeInfinity, AccumBounds)
_UNDEFINED_TYPES = tuple(type(u) for u in _UNDEFINED[:4]) + (AccumBounds,)

_FUNCTIONS = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "cot": sp.cot, "sec": sp.sec, "csc": sp.csc,
    "asin": sp.asin, "acos": sp.acos, "atan": sp.atan, "acot": sp.acot, "asec": sp.asec, "acsc": sp.acsc,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "coth": sp.coth, "sech": sp.sech, "csch": sp.csch,
    "asinh": sp.asinh, "acosh": sp.acosh, "atanh": sp.atanh, "acoth": sp.acoth, "asech": sp.asech,
    "acsch": sp.acsch, "exp": sp.exp, "sqrt": sp.sqrt, "abs": sp.Abs, "sign": sp.sign,
    "log": sp.log, "ln": sp.log, "gamma": sp.gamma,
}


# What sympy's automatic evaluation brings in when it treats a real expression as possibly complex:
# |e^(tanh(ln x))| becomes e^(sinh(ln|x|)·cosh(ln|x|)/(cos(arg x)² + …)). Neither evaluator nor
# the parser knows these, and the learner never typed them.
_COMPLEX_PARTS = (sp.re, sp.im, sp.arg, sp.atan2, sp.conjugate)


def apply_function(name: str, arg: sp.Expr) -> sp.Expr:
    """A one-argument function as the builder applies it: sympy's evaluation, unless that rewrites
    the value through complex parts (re, im, arg), in which case the function stays as typed."""
    value = _FUNCTIONS[name](arg)
    if value.has(*_COMPLEX_PARTS) and not arg.has(*_COMPLEX_PARTS):
        value = _FUNCTIONS[name](arg, evaluate=False)
    return value


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
    builder = _Builder(limits)
    for item in items:
        label = None
        if isinstance(item, Labeled):
            label, item = item.label, item.expr
        value = builder.build(item)
        if value.has(*_UNDEFINED):
            raise EvaluationError("the expression is undefined (it divides by zero or is infinite)")
        if value.has(sp.I):
            raise EvaluationError("the expression is not a real number (a square root of a negative number?)")
        builder.guard.whole(value)
        values.append(value)
        labels.append(label)
    return Built(tuple(values), isinstance(tree, Vector), tuple(labels), has_decimal)


class _Builder:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.guard = Guard(limits)

    def build(self, node: Node) -> sp.Expr:
        return self._build(node)[0]

    def _build(self, node: Node) -> tuple[sp.Expr, bool]:
        """(value, whether it is a constant). Every constant is checked where it is made, so the
        column points at it; recursion depth is bounded by the parser's depth limit."""
        if isinstance(node, Num):
            return sp.Rational(node.value.numerator, node.value.denominator), True
        if isinstance(node, Var):
            return symbol(node.name), False
        if isinstance(node, Const):
            return (sp.pi if node.name == "pi" else sp.E), True
        if isinstance(node, Neg):
            value, constant = self._build(node.operand)
            return -value, constant
        column = node.start + 1
        if isinstance(node, BinOp):
            (left, lc), (right, rc) = self._build(node.left), self._build(node.right)
            constant = lc and rc
            if node.op == "+":
                value = left + right
            elif node.op == "-":
                value = left - right
            elif node.op == "*":
                value = left * right
            elif node.op == "/":
                if right.is_zero:
                    raise EvaluationError(f"division by zero at column {column}")
                value = left / right
            else:
                value = self.power(left, right, node.start, rc)
            return self.settled(value, constant, column), constant
        if isinstance(node, Factorial):
            operand, constant = self._build(node.operand)
            return self.settled(self.factorial(operand, node.start), constant, column), constant
        if isinstance(node, Call):
            built = [self._build(a) for a in node.args]
            constant = all(c for _, c in built)
            return self.settled(self.call(node, [v for v, _ in built]), constant, column), constant
        if isinstance(node, (Vector, Labeled)):
            raise EvaluationError("a vector can only be the whole answer")
        raise TypeError(f"not a syntax node: {node!r}")

    def settled(self, value: sp.Expr, constant: bool, column: int) -> sp.Expr:
        if constant:
            self.guard.constant(value, column)
        elif isinstance(value, _UNDEFINED_TYPES):
            raise EvaluationError(f"the expression at column {column} is {UNDEFINED}")
        else:
            self.guard.coefficient(value, column)
        return value

    def power(self, base: sp.Expr, exponent: sp.Expr, start: int, constant_exponent: bool) -> sp.Expr:
        if constant_exponent:
            self.guard.exponent(exponent, start + 1)
        if exponent.is_Rational:
            # The number part of the base is raised exactly: 9^9^9, and (10^3000·x)^2 as well.
            number = base if base.is_Rational else base.args[0] if base.is_Mul and base.args[0].is_Rational else None
            if number is not None and number != 0:
                size = max(abs(number.p), abs(number.q), 2)
                digits = float(abs(exponent)) * math.log10(size)
                if digits > self.limits.max_result_digits:
                    raise LimitError(
                        f"the power would have about {digits:,.0f} digits; the limit is {self.limits.max_result_digits:,}",
                        limit="result-digits",
                        column=start + 1,
                    )
            if base.is_zero and exponent < 0:
                raise EvaluationError(f"division by zero: 0 to a negative power at column {start + 1}")
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

    def call(self, node: Call, args: list[sp.Expr]) -> sp.Expr:
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
        return apply_function(func, args[0])

    def derivative(self, node: Call, args: list[sp.Expr]) -> sp.Expr:
        if not isinstance(args[1], sp.Symbol):
            raise EvaluationError(f"diff needs a variable as its second argument (column {node.start + 1})")
        order = args[2] if len(args) == 3 else sp.Integer(1)
        if not (order.is_Integer and 1 <= order <= self.limits.max_derivative_order):
            raise EvaluationError(
                f"the order of diff must be a whole number from 1 to {self.limits.max_derivative_order}"
            )
        return diff(args[0], args[1], int(order))
