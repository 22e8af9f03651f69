"""Guards the builder applies node by node: every constant real, finite, and of a size sympy can handle.

sympy evaluates constants eagerly and orders, prints and compares them through evalf: after a tower
such as e^e^e^e^e the next `str` or `expand` runs for hours, and an integer of more than 4300
digits cannot even be printed. So each constant is evaluated once, in bounded precision, as it is
built, and one that is too large, or that sympy itself made undefined or complex, is refused with
the column where it starts, before a later step absorbs it: 1/|tan(π/2)| is not 0.
"""

from __future__ import annotations

import math

import mpmath
import sympy as sp
from sympy.calculus.accumulationbounds import AccumBounds

from .errors import EvaluationError, LimitError
from .floateval import Unsupported
from .limits import Limits
from .precise import evaluator, value_or_reason

_NOT_REAL = (sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I, AccumBounds)
_NOT_REAL_TYPES = (type(sp.zoo), type(sp.nan), type(sp.oo), type(-sp.oo), AccumBounds)
UNDEFINED = "undefined (a division by zero, a value outside a function's domain, or infinite)"
_GUARD_DIGITS = 20  # enough to know a constant's size; comparisons use their own precision


def not_real(expr: sp.Basic) -> bool:
    """Whether `expr` holds something that is not a finite real number (zoo, nan, ±oo, I, AccumBounds)."""
    return expr.has(*_NOT_REAL)


def _where(column: int | None) -> str:
    return f" at column {column}" if column is not None else ""


class Guard:
    """The checks of one build; constants are evaluated with a shared memo, so nesting costs little."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.max_bits = math.ceil(limits.max_result_digits * math.log2(10))
        self.values = evaluator()

    def rational(self, value: sp.Rational, column: int | None) -> None:
        bits = max(abs(int(value.p)).bit_length(), int(value.q).bit_length())
        if bits > self.max_bits:
            digits = int(bits * math.log10(2)) + 1
            raise LimitError(
                f"the number would have about {digits:,} digits; the limit is {self.limits.max_result_digits:,}",
                limit="result-digits", column=column,
            )

    def coefficient(self, value: sp.Expr, column: int | None) -> None:
        """A product's number part: x·10^3000·10^3000 merges into one 6001-digit coefficient."""
        if value.is_Mul and value.args and value.args[0].is_Rational:
            self.rational(value.args[0], column)

    def constant(self, value: sp.Expr, column: int | None):
        """Check a constant as it is built; returns its value (mpf), or None when there is none to give.

        What sympy itself made undefined (tan(π/2) is zoo) or complex (√−1 is I) is refused here,
        before a later step absorbs it (1/|zoo| is 0). A constant sympy keeps as it is but that has
        no real value (asin 2) is left to the comparison, which calls it undefined everywhere.
        """
        if value.is_Rational:
            self.rational(value, column)
            return None
        if isinstance(value, _NOT_REAL_TYPES) or value.has(sp.I):
            if value.has(sp.I):
                raise EvaluationError(f"the expression{_where(column)} is not a real number "
                                      "(a square root or logarithm of a negative number?)")
            raise EvaluationError(f"the expression{_where(column)} is {UNDEFINED}")
        try:
            got, reason = value_or_reason(value, {}, _GUARD_DIGITS, self.values)
        except Unsupported:  # a function only sympy knows: the comparison will say what it can
            return None
        if reason == "too large":
            raise LimitError("the expression is too large to evaluate (a value in it, or the argument of a "
                             "function, is too large)", limit="result-digits", column=column)
        if got is not None and got != 0 and mpmath.mag(got) > self.max_bits:
            raise LimitError(f"the number is about 10^{int(mpmath.log10(abs(got)))}; the limit is "
                             f"10^{self.limits.max_result_digits}", limit="result-digits", column=column)
        return got

    def exponent(self, exponent: sp.Expr, column: int | None) -> None:
        """A constant exponent is bounded whatever the base: x^(e^e^e) is x to the 3.8 millionth."""
        got = self.constant(exponent, column)
        if got is None and not exponent.is_Rational:
            return  # no real value (asin 2): the comparison calls the power undefined
        size = abs(exponent) if got is None else abs(got)
        if size > self.limits.max_exponent:
            shown = short_number(exponent) if got is None else f"about {mpmath.nstr(got, 3)}"
            raise LimitError(
                f"the exponent {shown} is over the limit of {self.limits.max_exponent:,}",
                limit="exponent", column=column,
            )

    def expression(self, value: sp.Expr) -> None:
        """Every constant inside an expression built elsewhere (a sympy value, not text): each
        constant subtree is checked once, from the leaves up, so the walk is linear."""

        def walk(e: sp.Basic) -> bool:  # is e a constant?
            if not e.args:
                constant = not e.is_Symbol
            else:
                kids = [walk(a) for a in e.args]
                constant = all(kids)
                if not constant:
                    for a, k in zip(e.args, kids):
                        if k and not a.is_Atom:
                            self.constant(a, None)
                    if e.is_Pow and kids[1]:  # the builder's rule: x^(e^e^e) is refused
                        self.exponent(e.exp, None)
            if constant and e.is_Rational:
                self.rational(e, None)
            return constant

        if walk(value) and not value.is_Atom:
            self.constant(value, None)

    def whole(self, value: sp.Expr) -> None:
        """Once per built expression: no number anywhere in it over the digit limit."""
        for node in sp.preorder_traversal(value):
            if node.is_Rational:
                self.rational(node, None)


def short_number(value: sp.Expr) -> str:
    """A number for a message: 387420489 as is, a 3000-digit one as 'about 10^3000'."""
    if value.is_Rational:
        bits = abs(int(value.p)).bit_length() - int(value.q).bit_length()
        if bits < 50:
            return str(value)
        return f"about 10^{int(bits * math.log10(2))}"
    return str(value)
