"""The numbers a matrix exercise may ask of its matrix: the eigenvalues (largest first), the condition
number λ_max/λ_min, the rate bound 2/λ_max, the determinant; and how a stated one is proved.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from tutor.core.maths.check import Tolerance
from tutor.core.maths.matrix_check import Matrix
from tutor.core.maths.verdict import format_number

from ..variants import VariantError, parse_number_text
from .base import Problem_

# Eigenvalues and what follows from them are irrational as a rule: two decimals pass (6.85, 0.146).
NUMBER_TOLERANCE = Tolerance(absolute=Fraction(1, 200), relative=Fraction(1, 1000))
ASKED = {"eigenvalues": "the eigenvalues, largest first", "condition": "the condition number λ_max/λ_min",
         "rate_bound": "the largest stable learning rate 2/λ_max", "determinant": "the determinant"}


def eigenvalues(m: Matrix) -> tuple[sp.Expr, ...]:
    """A symmetric numeric matrix's eigenvalues, largest first: exact for 2×2, else 30 digits."""
    if len(m) == 2:
        (a, b), (_, d) = m
        root = sp.sqrt((a - d) ** 2 + 4 * b * b)
        return sp.expand((a + d + root) / 2), sp.expand((a + d - root) / 2)
    values = np.linalg.eigvalsh(np.array([[float(e) for e in row] for row in m]))
    return tuple(sp.Rational(Fraction(repr(float(v)))) for v in sorted(values, reverse=True))


def is_symmetric(m: Matrix) -> bool:
    return len(m) == len(m[0]) and all(sp.expand(m[i][j] - m[j][i]) == 0
                                       for i in range(len(m)) for j in range(i))


def asked_numbers(m: Matrix, ask: str) -> tuple[sp.Expr, ...]:
    """What `ask` asks of the matrix, when it is a number (or the eigenvalues)."""
    if ask == "determinant":
        return (sp.expand(sp.Matrix(m).det()),)
    lambdas = eigenvalues(m)
    if ask == "eigenvalues":
        return lambdas
    if ask == "condition":
        return (lambdas[0] / lambdas[-1],)
    return (2 / lambdas[0],)


def stated_numbers_problems(answer, numbers, tolerance: Tolerance, values) -> list[Problem_]:
    """The stated answer's numbers, each within the tolerance of the computed one."""
    parts = [p for p in str(answer).strip("()[] ").split(",") if p.strip()]
    if len(parts) != len(numbers):
        return [Problem_(("answer",), f"{len(numbers)} number(s) are asked; the answer has {len(parts)}")]
    for part, n in zip(parts, numbers):
        try:
            stated = parse_number_text(part.split("=")[-1].strip(), values)
        except VariantError as error:
            return [Problem_(("answer",), str(error))]
        if not tolerance.accepts(stated, Fraction(repr(float(n)))):
            return [Problem_(("answer",), f"the stated answer {part.strip()} is not within "
                                          f"{tolerance.describe()} of the computed {decimal(n)}")]
    return []


def decimal(n: sp.Expr) -> str:
    """6.8541, 0.1459, 5: exact when it is a whole number or a short fraction, else four decimals."""
    if n.is_Rational and (n.q == 1 or len(str(n.q)) <= 2):
        return format_number(Fraction(int(n.p), int(n.q)))
    return f"{float(n):.4g}" if abs(float(n)) < 1 else f"{float(n):.5g}"
