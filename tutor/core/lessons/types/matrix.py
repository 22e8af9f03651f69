"""The `matrix` type: a Hessian, a Jacobian or a matrix written out, typed as [[a, b], [c, d]]; or a number
the matrix gives (its eigenvalues, condition number, the rate bound 2/λ_max for descent on a quadratic).

The matrix is computed by the tutor (second partials, partials of each function) and checked entry
by entry (maths/matrix_check.py names a transposed matrix, swapped rows or columns, a sign, the one
wrong entry). A stated matrix must equal the computed one entry for entry; a stated eigenvalue,
condition number or bound must lie within the exercise's tolerance of the computed value.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from tutor.core.maths.build import symbol
from tutor.core.maths.check import prepare
from tutor.core.maths.differentiate import diff
from tutor.core.maths.errors import MathsError
from tutor.core.maths.matrix import build_matrix, parse_matrix
from tutor.core.maths.matrix_check import Matrix, MatrixProblem, matrix_text
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.render import render
from tutor.core.maths.sampling import PointSet
from tutor.core.maths.verdict import format_number

from ..exercises import MatrixModel
from ..variants import VariantError, parse_number_text
from .base import ExerciseError, ExerciseType, Problem_
from .matrix_numbers import ASKED, NUMBER_TOLERANCE, asked_numbers, decimal, eigenvalues, is_symmetric, \
    stated_numbers_problems

class MatrixExercise(ExerciseType):
    kind = "matrix"
    model: MatrixModel

    def __init__(self, model: MatrixModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        spec = model.compute
        self.columns = tuple(spec.data or ())
        texts = {"hessian": [spec.hessian], "jacobian": spec.jacobian, "matrix": []}[spec.kind] or []
        found: dict[str, None] = {}
        for text in texts:
            found.update(dict.fromkeys(self.order_of_appearance(text, exclude=self.columns)))
        self.variables = tuple(spec.wrt or model.variables or found)
        known = (*self.variables, *self.columns)
        self.functions = [self.read(("compute", spec.kind, i) if spec.kind == "jacobian" else ("compute", spec.kind),
                                    text, known) for i, text in enumerate(texts)]
        self.written = None
        if spec.kind == "matrix":
            self.written = self._read_matrix(("compute", "matrix"), spec.matrix)
        self._symbolic: dict[tuple, Matrix] = {}
        self.stated = None
        if model.answer is not None and model.ask == "matrix":
            self.stated = self._read_matrix(("answer",), str(model.answer))

    def _read_matrix(self, field: tuple, text: str):
        try:
            return build_matrix(parse_matrix(text, Vocabulary((*self.variables, *self.params), unknown="error")))
        except MathsError as error:
            self.problems.append(Problem_(field, f"cannot read the matrix '{text}': {error}"))
            return None

    # -- one variant -----------------------------------------------------------------------------------------
    def _rows(self, values: Mapping[str, Fraction]) -> list[dict[str, Fraction]]:
        data = self.model.compute.data
        if not data:
            return []
        try:
            columns = {k: [parse_number_text(v, values) for v in vs] for k, vs in data.items()}
        except VariantError as error:
            raise ExerciseError([Problem_(("compute", "data"), str(error))]) from error
        return [dict(zip(columns, row)) for row in zip(*columns.values())]

    def matrix(self, values: Mapping[str, Fraction]) -> Matrix:
        """The matrix of this variant, exact; at the point `at` when there is one."""
        spec = self.model.compute
        symbols = [symbol(v) for v in self.variables]
        if spec.kind == "matrix":
            m = tuple(tuple(self.substitute(e, values) for e in row) for row in self.written)
        else:
            rows = self._rows(values)
            key = tuple(tuple(sorted(row.items())) for row in rows)
            if key not in self._symbolic:  # the params stay symbols: one derivation serves every variant
                functions = list(self.functions)
                if rows:
                    functions = [sp.Add(*(self.substitute(f, row) for row in rows)) / len(rows) for f in functions]
                if spec.kind == "hessian":
                    gradient = [diff(functions[0], s) for s in symbols]
                    self._symbolic[key] = tuple(tuple(sp.expand(diff(g, s)) for s in symbols) for g in gradient)
                else:
                    self._symbolic[key] = tuple(tuple(sp.expand(diff(f, s)) for s in symbols) for f in functions)
            m = tuple(tuple(sp.expand(self.substitute(e, values)) for e in row) for row in self._symbolic[key])
        if spec.at:
            try:
                point = {symbol(k): sp.Rational(*_ratio(parse_number_text(v, values))) for k, v in spec.at.items()}
            except VariantError as error:
                raise ExerciseError([Problem_(("compute", "at"), str(error))]) from error
            m = tuple(tuple(sp.expand(e.xreplace(point)) for e in row) for row in m)
        return m

    def entry_names(self) -> tuple[tuple[str, ...], ...] | None:
        spec, f = self.model.compute, self.model.function_name
        if spec.kind == "hessian":
            return tuple(tuple(f"∂²{f}/∂{a}²" if a == b else f"∂²{f}/∂{a}∂{b}" for b in self.variables)
                         for a in self.variables)
        if spec.kind == "jacobian":
            return tuple(tuple(f"∂{f}{i + 1}/∂{v}" for v in self.variables) for i in range(len(self.functions)))
        return None

    def numbers(self, m: Matrix) -> tuple[sp.Expr, ...]:
        return asked_numbers(m, self.model.ask)

    def instance(self, seed: int):
        values = self.values(seed)
        m = self.matrix(values)
        spec, ask = self.model.compute, self.model.ask
        shown_matrix = matrix_text(m)
        at = ", ".join(f"{k} = {format_number(parse_number_text(v, values))}" for k, v in (spec.at or {}).items())
        what = self._shows(values)
        fields = dict(placeholders={"function": self._function_text(values), "at": f"({at})" if at else "",
                                    "matrix": shown_matrix})
        if ask == "matrix":
            numeric = not any(e.free_symbols for row in m for e in row)
            problem = MatrixProblem(m, () if numeric else self.variables, self.tolerance(values),
                                    self.entry_names(), self._points(seed))
            fields["placeholders"]["answer"] = shown_matrix
            title = {"hessian": "The Hessian", "jacobian": "The Jacobian", "matrix": "A matrix"}[spec.kind]
            return self.base_instance(seed, values, title=title, shows=what, expected=shown_matrix, shape="matrix",
                                      variables=problem.variables, checker=problem.check, **fields)
        numbers = self.numbers(m)
        tolerance = self.tolerance(values) or NUMBER_TOLERANCE
        names = ("λ_max", "λ_min") if ask == "eigenvalues" and len(numbers) == 2 else (
            tuple(f"λ{i + 1}" for i in range(len(numbers))) if ask == "eigenvalues" else ())
        options = self.options(mode="number", tolerance=tolerance, seed=seed, names=names)
        problem = prepare(numbers if len(numbers) > 1 else numbers[0], None, options)
        expected = ", ".join(decimal(n) for n in numbers)
        expected = f"({expected})" if len(numbers) > 1 else expected
        fields["placeholders"]["answer"] = expected
        shows = f"{what}\nthe matrix: {shown_matrix}" if what else f"the matrix: {shown_matrix}"
        return self.base_instance(seed, values, title=ASKED[ask].capitalize(), shows=shows, expected=expected,
                                  shape="numbers" if len(numbers) > 1 else "number", variables=(),
                                  component_names=problem.component_names, checker=problem.check, **fields)

    def _points(self, seed: int) -> PointSet:
        return PointSet(seed=seed, domains=dict(self.domains))

    def _function_text(self, values: Mapping[str, Fraction]) -> str:
        """The function as the author wrote it; with params in it, as sympy writes it (no `+ −4·x`)."""
        spec = self.model.compute
        if spec.kind != "hessian":
            return ""
        if values and self.functions[0] is not None and any(s.name in values for s in self.functions[0].free_symbols):
            return render(self.substitute(self.functions[0], values))
        return self.display(("compute", "hessian"), values) or ""

    def _shows(self, values: Mapping[str, Fraction]) -> str | None:
        spec, f = self.model.compute, self.model.function_name
        if spec.kind == "hessian":
            text = self._function_text(values)
            rows = self._rows(values)
            mean = f", averaged over {len(rows)} points" if len(rows) > 1 else ""
            return f"{f}({', '.join(self.variables)}) = {text}{mean}"
        if spec.kind == "jacobian":
            return "\n".join(f"{f}{i + 1} = {self.display(('compute', 'jacobian', i), values)}"
                             for i in range(len(self.functions)))
        return None

    # -- validation ----------------------------------------------------------------------------------------------
    def validate_variant(self, seed: int) -> list[Problem_]:
        values = self.values(seed)
        m = self.matrix(values)
        ask = self.model.ask
        if any(e.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for row in m for e in row):
            return [Problem_(("compute",), "the matrix is undefined here (it divides by zero?)")]
        if ask != "matrix":
            if any(e.free_symbols for row in m for e in row):
                return [Problem_(("compute",), f"{ASKED[ask]} needs numbers: give `at` (the matrix still has "
                                               "variables)")]
            if ask != "determinant" and not is_symmetric(m):
                return [Problem_(("compute",), "eigenvalues are asked of a symmetric matrix (a Hessian) here")]
            numbers = self.numbers(m)
            if ask == "condition" and not numbers[0] > 0 or ask == "rate_bound" and not eigenvalues(m)[0] > 0:
                return [Problem_(("ask",), f"{ASKED[ask]} needs positive eigenvalues; this matrix has "
                                           f"{', '.join(decimal(x) for x in eigenvalues(m))}")]
            return self._stated_numbers(values, numbers)
        if self.stated is None:
            return []
        stated = tuple(tuple(self.substitute(e, values) for e in row) for row in self.stated)
        problem = MatrixProblem(m, self.variables, points=self._points(seed))
        if (len(stated), len(stated[0])) != problem.shape:
            return [Problem_(("answer",), f"the stated matrix is {len(stated)}×{len(stated[0])}; the computed one "
                                          f"is {problem.shape[0]}×{problem.shape[1]}: {matrix_text(m)}")]
        for i, row in enumerate(stated):
            for j, e in enumerate(row):
                if not problem.same(e, m[i][j]):
                    return [Problem_(("answer",), f"the stated answer is wrong in row {i + 1}, column {j + 1}: "
                                                  f"{render(e)}; the matrix is {matrix_text(m)}")]
        return []

    def _stated_numbers(self, values, numbers) -> list[Problem_]:
        if self.model.answer is None:
            return []
        return stated_numbers_problems(self.model.answer, numbers, self.tolerance(values) or NUMBER_TOLERANCE, values)


def _ratio(value: Fraction) -> tuple[int, int]:
    return value.numerator, value.denominator
