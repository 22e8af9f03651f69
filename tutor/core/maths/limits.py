"""Safety limits: every input is bounded before any maths runs, so nothing can hang or exhaust memory."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_length: int = 2000          # characters of input
    max_depth: int = 100            # nesting of brackets, powers and signs
    max_nodes: int = 1000           # size of the expression tree
    max_literal_digits: int = 100   # digits in one typed number
    max_decimal_exponent: int = 400  # |n| in scientific notation such as 1e33
    max_exponent: int = 10_000      # |n| in x^n when n is a number
    # Digits of an exact number computed while reading (9^9^9 is refused), and the size (10^n) of
    # any constant: under Python's 4300-digit limit on printing integers, so every number can be shown.
    max_result_digits: int = 4000
    max_factorial: int = 1000       # n in n! when n is a number
    max_derivative_order: int = 10  # n in diff(f, x, n)


DEFAULT_LIMITS = Limits()
