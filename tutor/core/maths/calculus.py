"""Calculus helpers for lessons, the CLI and the UI: partials, gradients, central differences.

Central differences evaluate the function in float64 exactly as written, in the order written,
the way a notebook's Python function does: so `x^2 - y^2` at (1, 2) with h = 1e-5 prints
2.0000000000131024, the same digits the course notes show.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .errors import EvaluationError, MathsError, ParseError
from .limits import DEFAULT_LIMITS, Limits
from .names import Vocabulary
from .nodes import BinOp, Call, Const, Factorial, Labeled, Neg, Node, Num, Var, Vector
from .parser import parse

DEFAULT_H = 1e-5


def _recip(f: Callable[[float], float]) -> Callable[[float], float]:
    return lambda x: 1.0 / f(x)


FLOAT_FUNCS: dict[str, Callable[..., float]] = {
    "sin": math.sin, "cos": math.cos, "tan": math.tan,
    "cot": _recip(math.tan), "sec": _recip(math.cos), "csc": _recip(math.sin),
    "asin": math.asin, "acos": math.acos, "atan": math.atan,
    "acot": lambda x: math.pi / 2 if x == 0 else math.atan(1.0 / x),
    "asec": lambda x: math.acos(1.0 / x), "acsc": lambda x: math.asin(1.0 / x),
    "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh,
    "coth": _recip(math.tanh), "sech": _recip(math.cosh), "csch": _recip(math.sinh),
    "asinh": math.asinh, "acosh": math.acosh, "atanh": math.atanh,
    "acoth": lambda x: math.atanh(1.0 / x), "asech": lambda x: math.acosh(1.0 / x),
    "acsch": lambda x: math.asinh(1.0 / x),
    "exp": math.exp, "sqrt": math.sqrt, "abs": abs, "sign": lambda x: float((x > 0) - (x < 0)),
    "ln": math.log, "gamma": math.gamma, "factorial": lambda x: math.gamma(x + 1.0),
    "sigmoid": lambda x: 1.0 / (1.0 + math.exp(-x)), "softplus": lambda x: math.log(1.0 + math.exp(x)),
    "binomial": lambda n, k: math.gamma(n + 1.0) / (math.gamma(k + 1.0) * math.gamma(n - k + 1.0)),
}


def float_function(tree: Node) -> Callable[[Mapping[str, float]], float]:
    """A Python-float function of the tree, evaluated in the order written (NaN where undefined)."""

    def value(node: Node, env: Mapping[str, float]) -> float:
        if isinstance(node, Num):
            return float(node.value)
        if isinstance(node, Var):
            return env[node.name]
        if isinstance(node, Const):
            return math.pi if node.name == "pi" else math.e
        if isinstance(node, Neg):
            return -value(node.operand, env)
        if isinstance(node, BinOp):
            a, b = value(node.left, env), value(node.right, env)
            if node.op == "+":
                return a + b
            if node.op == "-":
                return a - b
            if node.op == "*":
                return a * b
            if node.op == "/":
                return a / b
            result = a ** b
            if isinstance(result, complex):
                raise ValueError("not real")
            return result
        if isinstance(node, Factorial):
            return math.gamma(value(node.operand, env) + 1.0)
        if isinstance(node, Call):
            args = [value(a, env) for a in node.args]
            if node.func == "log":
                return math.log(args[0]) if len(args) == 1 else math.log(args[0]) / math.log(args[1])
            if node.func == "diff":
                raise EvaluationError("diff(...) cannot be evaluated as a number")
            return FLOAT_FUNCS[node.func](*args)
        if isinstance(node, Labeled):
            return value(node.expr, env)
        raise EvaluationError("a vector is not a single number")

    def call(env: Mapping[str, float]) -> float:
        try:
            return float(value(tree, env))
        except (ValueError, ZeroDivisionError, OverflowError, TypeError):
            return math.nan

    return call


def central_difference(f: Callable[[Mapping[str, float]], float], point: Mapping[str, float], wrt: str,
                       h: float = DEFAULT_H) -> float:
    """(f(v + h) − f(v − h)) / 2h in float64, as the course's numerical_partial computes it."""
    plus, minus = dict(point), dict(point)
    plus[wrt] = point[wrt] + h
    minus[wrt] = point[wrt] - h
    return (f(plus) - f(minus)) / (2 * h)


@dataclass(frozen=True)
class PartialCheck:
    """One variable of a gradient check: the exact partial beside its central-difference estimate."""

    variable: str
    exact: object            # sympy value of the partial at the point
    estimate: float
    abs_error: float
    rel_error: float

    @property
    def ok(self) -> bool:
        return self.rel_error < 1e-6 or self.abs_error < 1e-8


def parse_function(text: str, variables: Sequence[str] | None = None, limits: Limits = DEFAULT_LIMITS):
    """Parse a function typed by an author or on the command line: (tree, variables in order)."""
    vocab = Vocabulary(tuple(variables), unknown="error") if variables else Vocabulary(unknown="split")
    tree = parse(text, vocab, limits).tree
    if isinstance(tree, Vector):
        raise ParseError("expected a single function, not a vector")
    if variables:
        return tree, tuple(variables)
    seen: dict[str, int] = {}
    from .nodes import walk

    for node in walk(tree):
        if isinstance(node, Var):
            seen.setdefault(node.name, node.start)
    return tree, tuple(sorted(seen, key=seen.__getitem__))


def partial_at(f: object, v: str, point: Mapping[str, Fraction], name: str = "f"):
    """∂f/∂v at `point`, exact where that is safe; raises PointError ("∂f/∂x is undefined at x = 0").

    A derivative exists only where the function does, so f itself is checked first (ln x at −1).
    """
    from .build import symbol
    from .differentiate import diff
    from .pointvalue import value_at

    value_at(f, point, name)
    return value_at(diff(f, symbol(v)), point, f"∂{name}/∂{v}")


def gradient_check(tree: Node, point: Mapping[str, Fraction], variables: Sequence[str],
                   h: float = DEFAULT_H) -> list[PartialCheck]:
    """Compare every symbolic partial at `point` with its central difference.

    Raises PointError where a partial has no value; an estimate that is NaN (f undefined at v ± h)
    has infinite errors.
    """
    from .build import build
    from .precise import evaluate_precise

    f_expr = build(tree).scalar
    f_float = float_function(tree)
    env = {k: float_value(v, k) for k, v in point.items()}
    out = []
    for v in variables:
        exact = partial_at(f_expr, v, point)
        precise = evaluate_precise(exact, {})
        estimate = central_difference(f_float, env, v, h)
        if precise is None or math.isnan(estimate):
            out.append(PartialCheck(v, exact, estimate, math.inf, math.inf))
            continue
        err = abs(estimate - float(precise)) if abs(precise) < 1e300 else math.inf
        out.append(PartialCheck(v, exact, estimate, err, err / max(abs(float(precise)), 1e-300)))
    return out


def float_value(value: Fraction, name: str) -> float:
    """A point's value as a float64; raises EvaluationError past float64's range (about 1.8e308)."""
    try:
        return float(value)
    except OverflowError:
        raise EvaluationError(f"{name} is too large for a float (the largest is about 1.8e308)") from None


def parse_point(text: str) -> dict[str, Fraction]:
    """`x=1,y=2` or `w=0, b=-1/2` as exact values; raises MathsError with a message.

    Each name must be a variable name, and given once: `w=0,w=1` is a mistake, not an update.
    """
    from .names import variable_name_problem

    point: dict[str, Fraction] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, eq, value = part.partition("=")
        name = name.strip()
        if not eq:
            raise ParseError(f"expected name=value, got '{printable(part)}'")
        problem = variable_name_problem(name)
        if problem:
            raise ParseError(problem)
        if name in point:
            raise ParseError(f"{name} is given twice")
        point[name] = parse_number(value)
    if not point:
        raise ParseError("expected values such as x=1,y=2")
    return point


def printable(text: str, limit: int = 40) -> str:
    """Text for a message: surrogates escaped (they cannot be printed) and cut at `limit` characters."""
    shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return shown if len(shown) <= limit else shown[:limit] + "…"


def parse_number(text: str) -> Fraction:
    """A constant typed as text (2, -1/2, 0.1, 1e-5); an irrational one (pi/4) to 30 digits."""
    import mpmath

    from .build import build
    from .errors import UnknownNameError
    from .precise import evaluate_precise

    shown = printable(text.strip())
    try:
        tree = parse(text.strip(), Vocabulary(), DEFAULT_LIMITS).tree
    except UnknownNameError:
        raise ParseError(f"'{shown}' is not a number") from None
    except ParseError as error:
        raise ParseError(f"'{shown}' is not a number: {error.message}") from error
    if isinstance(tree, Vector):
        raise ParseError(f"'{shown}' is not a number (one number is expected)")
    value = build(tree).scalar
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    approx = evaluate_precise(value, {})
    if approx is None:
        raise MathsError(f"'{shown}' is not a real number")
    return Fraction(mpmath.nstr(approx, 30, min_fixed=-50, max_fixed=50))
