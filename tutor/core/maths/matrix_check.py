"""Checking a matrix answer entry by entry, and naming the slip: transposed, rows or columns swapped,
the sign of an entry, or the one entry that is wrong (and where).

Entries are compared as the checker compares anything: numbers exactly or with the exercise's
tolerance, expressions at many points settled at 60 digits (compare.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from fractions import Fraction

import sympy as sp

from .compare import compare
from .errors import MathsError, ParseError
from .limits import DEFAULT_LIMITS, Limits
from .matrix import build_matrix, parse_matrix, shape_text
from .names import Vocabulary
from .options import Tolerance
from .precise import exact_number
from .render import render
from .sampling import PointSet
from .verdict import Diagnosis, Verdict, format_number, sentence

Matrix = tuple[tuple[sp.Expr, ...], ...]


def transpose(m: Matrix) -> Matrix:
    return tuple(zip(*m))


def matrix_text(m: Matrix) -> str:
    """[[5, 3], [3, 2]]: how the tutor shows a matrix in one line (an answer can be typed so)."""
    return "[" + ", ".join("[" + ", ".join(render(e) for e in row) + "]" for row in m) + "]"


def _where(i: int, j: int) -> str:
    return f"row {i + 1}, column {j + 1}"


@dataclass
class MatrixProblem:
    """A reference matrix prepared once; `check` reads and judges one typed answer."""

    expected: Matrix
    variables: tuple[str, ...] = ()
    tolerance: Tolerance | None = None
    entry_names: tuple[tuple[str, ...], ...] | None = None  # "∂²f/∂x∂y" per entry, for messages
    points: PointSet = field(default_factory=PointSet)
    limits: Limits = DEFAULT_LIMITS

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.expected), len(self.expected[0])

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(self.variables, unknown="error")

    @property
    def numeric(self) -> bool:
        return not any(e.free_symbols for row in self.expected for e in row)

    def name(self, i: int, j: int) -> str:
        if self.entry_names:
            return f"{self.entry_names[i][j]} ({_where(i, j)})"
        return f"the entry in {_where(i, j)}"

    # -- entries ------------------------------------------------------------------------------------------
    def same(self, got: sp.Expr, want: sp.Expr) -> bool:
        if not got.free_symbols and not want.free_symbols:
            a, b = exact_number(got), exact_number(want)
            if a is None or b is None:
                return False
            return (self.tolerance or Tolerance()).accepts(a, b)
        return compare(got, want, self.points).equal is True

    def _matches(self, got: Matrix, want: Matrix) -> bool:
        return all(self.same(a, e) for ra, re in zip(got, want) for a, e in zip(ra, re))

    # -- checking ------------------------------------------------------------------------------------------
    def check(self, text: str) -> Verdict:
        started = time.perf_counter()
        verdict = self._check(text)
        return replace(verdict, ms=(time.perf_counter() - started) * 1000)

    def _check(self, text: str) -> Verdict:
        try:
            tree = parse_matrix(text, self.vocabulary, self.limits)
            got = build_matrix(tree, self.limits)
        except ParseError as error:
            return Verdict("invalid", "parse", sentence(error.message), column=error.column)
        except MathsError as error:
            return Verdict("invalid", "parse", sentence(str(error)))
        base = Verdict("invalid", "parse", "", interpreted=tree.preview(), notes=tree.notes)
        if self.numeric:
            stray = sorted({s.name for row in got for e in row for s in e.free_symbols})
            if stray:
                return replace(base, message=f"Type numbers: your matrix still contains {', '.join(stray)}.")
        method = "numeric" if not self.numeric or self.tolerance is None else "tolerance"
        rows, cols = self.shape
        if tree.shape != self.shape:
            if tree.shape == (cols, rows) and self._matches(got, transpose(self.expected)):
                return replace(base, status="incorrect", method=method, message=self._transposed(),
                             diagnosis=Diagnosis("transposed", self._transposed()))
            return replace(base, message=f"Expected a {shape_text(self.shape)} matrix ({rows} row"
                                       f"{'s' if rows > 1 else ''} of {cols}); yours is {shape_text(tree.shape)}.")
        right = [[self.same(a, e) for a, e in zip(ra, re)] for ra, re in zip(got, self.expected)]
        statuses = tuple("correct" if ok else "incorrect" for row in right for ok in row)
        if all(all(row) for row in right):
            return replace(base, status="correct", method=method, message="Correct: every entry is right.",
                         components=statuses)
        message, diagnosis = self.diagnose(got, right)
        return replace(base, status="incorrect", method=method, message=message, diagnosis=diagnosis,
                       components=statuses)

    # -- naming the slip -----------------------------------------------------------------------------------
    def _transposed(self) -> str:
        return ("You wrote the matrix transposed: its rows are the right matrix's columns. Row i, column j "
                "holds the entry for the i-th function (or variable) and the j-th variable.")

    def diagnose(self, got: Matrix, right: list[list[bool]]) -> tuple[str, Diagnosis | None]:
        """What to say about a wrong matrix of the right shape, and the slip it matches (if one does)."""
        found = self._slip(got, right)
        if found is not None:
            return found.message, found
        want = self.expected
        wrong = [(i, j) for i, row in enumerate(right) for j, ok in enumerate(row) if not ok]
        listed = ", ".join(f"({i + 1}, {j + 1})" for i, j in wrong)
        first = self._differs(got[wrong[0][0]][wrong[0][1]], want[wrong[0][0]][wrong[0][1]])
        return f"{len(wrong)} entries are wrong, at (row, column) {listed}. The first: {first}.", None

    def _slip(self, got: Matrix, right: list[list[bool]]) -> Diagnosis | None:
        want = self.expected
        wrong = [(i, j) for i, row in enumerate(right) for j, ok in enumerate(row) if not ok]
        rows, cols = self.shape
        if rows == cols and self._matches(got, transpose(want)):
            return Diagnosis("transposed", self._transposed())
        bad_rows = sorted({i for i, _ in wrong})
        bad_cols = sorted({j for _, j in wrong})
        if len(bad_rows) == 2:
            a, b = bad_rows
            if all(self.same(x, y) for x, y in zip(got[a], want[b])) and all(
                    self.same(x, y) for x, y in zip(got[b], want[a])):
                return Diagnosis("swapped-rows", f"Rows {a + 1} and {b + 1} are swapped: each is right, in the "
                                                 "other's place. Each row belongs to one function (or one variable).")
        if len(bad_cols) == 2:
            a, b = bad_cols
            if all(self.same(got[i][a], want[i][b]) and self.same(got[i][b], want[i][a]) for i in range(rows)):
                return Diagnosis("swapped-columns", f"Columns {a + 1} and {b + 1} are swapped: each is right, "
                                                    "in the other's place. Keep the variables in their order.")
        if all(not want[i][j].is_zero and self.same(got[i][j], -want[i][j]) for i, j in wrong):
            where = "; ".join(self.name(i, j) for i, j in wrong)
            return Diagnosis("sign", sentence(f"The sign is wrong in {where}: the size is right"))
        if len(wrong) == 1:
            i, j = wrong[0]
            return Diagnosis("wrong-entry", sentence(f"Only {self.name(i, j)} is wrong: "
                                                     f"{self._differs(got[i][j], want[i][j])}. The rest is right"))
        return None

    def _differs(self, got: sp.Expr, want: sp.Expr) -> str:
        """'you have 4; it is 6', or for expressions a point where they differ."""
        if not got.free_symbols and not want.free_symbols:
            return f"yours is {format_number(exact_number(got))}"
        result = compare(got, want, self.points)
        ce = result.counterexample
        if ce is None:
            return "it is not the right expression"
        where = ", ".join(f"{k} = {format_number(v)}" for k, v in ce.point.items())
        return f"at {where} yours gives {format_number(ce.answer)}, not {format_number(ce.expected)}"


def numbers_of(m: Matrix) -> list[list[Fraction | None]]:
    """The entries as exact numbers (None where one is not a number): eigenvalues and the like."""
    return [[exact_number(e) if not e.free_symbols else None for e in row] for row in m]
