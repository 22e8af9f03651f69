"""The calculus exercise types: a partial derivative, a gradient, an expression.

Each proves its stated answer right for every variant: equal at 60 digits at many points, shown
symbolically where the cheap chain can, and matched against central differences of the function.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import numpy as np
import sympy as sp

from tutor.core.maths.build import symbol
from tutor.core.maths.check import prepare
from tutor.core.maths.floateval import evaluate_float
from tutor.core.maths.render import render, render_vector
from tutor.core.maths.symbolic import cheap_zero
from tutor.core.maths.verdict import format_number

from ..exercises import DerivativeModel, ExpressionModel, GradientModel
from ..variants import VariantError, parse_number_text
from .base import ExerciseError, ExerciseType, Problem_

H = 1e-5


class FunctionExercise(ExerciseType):
    """Shared by derivative and gradient: the function (averaged over data) and its variables."""

    def __init__(self, model, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        columns = tuple(model.data or ())
        self.columns = columns
        self.variables = tuple(model.variables or self.order_of_appearance(model.function, exclude=columns))
        self.per_point = self.read(("function",), model.function, (*self.variables, *columns))
        self.rows_count = len(next(iter(model.data.values()))) if model.data else 0

    def rows(self, values: Mapping[str, Fraction]) -> list[dict[str, Fraction]]:
        """The data's rows for a variant (a value may use the params, e.g. x: [a, 2a])."""
        if not self.model.data:
            return []
        try:
            columns = {k: [parse_number_text(v, values) for v in vs] for k, vs in self.model.data.items()}
        except VariantError as error:
            raise ExerciseError([Problem_(("data",), str(error))]) from error
        return [dict(zip(columns, row)) for row in zip(*columns.values())]

    def shown(self, values: Mapping[str, Fraction]) -> str:
        """The function for the screen, in the author's order; with data, the mean over the rows."""
        text = self.display(("function",), values) or ""
        if self.rows_count > 1:
            columns = ", ".join(self.columns)
            return f"mean over the {self.rows_count} data points ({columns}) of {text}"
        return text

    def function(self, values: Mapping[str, Fraction]) -> sp.Expr:
        f = self.substitute(self.per_point, values)
        rows = self.rows(values)
        if rows:
            f = sp.Add(*(self.substitute(f, row) for row in rows)) / len(rows)
        return f

    def point(self, at: Mapping[str, object], values: Mapping[str, Fraction]) -> tuple[tuple[str, Fraction], ...]:
        try:
            point = {k: parse_number_text(v, values) for k, v in at.items()}
        except VariantError as error:
            raise ExerciseError([Problem_(("at",), str(error))]) from error
        missing = [v for v in self.variables if v not in point]
        if missing:
            raise ExerciseError([Problem_(("at",), f"give a value for {', '.join(missing)}")])
        return tuple((v, point[v]) for v in self.variables)

    def central_differences(self, field: tuple, f: sp.Expr, wrt: str, derivative: sp.Expr, problem) -> list[Problem_]:
        """The derivative agrees with (f(v+h) − f(v−h)) / 2h at the sample points where both are tame."""
        env = problem.points.env()
        n = problem.points.count
        plus, minus = dict(env), dict(env)
        plus[wrt] = env[wrt] + H
        minus[wrt] = env[wrt] - H
        estimate = (evaluate_float(f, plus, n) - evaluate_float(f, minus, n)) / (2 * H)
        exact = evaluate_float(derivative, env, n)
        scale = np.maximum(1.0, np.abs(exact))
        tame = np.isfinite(estimate) & np.isfinite(exact) & (np.abs(exact) < 1e6)
        if tame.sum() < 3:
            return []
        bad = tame & (np.abs(estimate - exact) > 1e-4 * scale)
        if bad.sum() * 2 > tame.sum():
            i = int(np.flatnonzero(bad)[0])
            where = ", ".join(f"{k} = {format_number(problem.points.columns[k][i])}" for k in self.variables)
            return [Problem_(field, f"central differences disagree with the derivative at {where}: "
                                    f"{estimate[i]:.6g} against {exact[i]:.6g}")]
        return []


class DerivativeExercise(FunctionExercise):
    kind = "derivative"

    def __init__(self, model: DerivativeModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        if model.wrt not in self.variables:
            self.variables = (*self.variables, model.wrt)
        self.answer = self.read(("answer",), model.answer, self.variables) if model.answer else None

    def _problem(self, seed: int):
        return self.shared(("problem", seed), lambda: self._prepare(seed))

    def _prepare(self, seed: int):
        values = self.values(seed)
        f = self.function(values)
        options = self.options(mode="derivative", wrt=self.model.wrt, seed=seed, mean_of=self.rows_count)
        return values, f, prepare(f, self.variables, options)

    def instance(self, seed: int):
        values, f, problem = self._problem(seed)
        name = f"∂{self.model.function_name}/∂{self.model.wrt}"
        shown = self.shown(values)
        return self.base_instance(
            seed, values, title=name, shows=f"{self.model.function_name} = {shown}",
            expected=render(problem.expected[0]), shape="expression", variables=self.variables,
            component_names=(name,), checker=problem.check,
            placeholders={"function": self.display(("function",), values) or render(f), "wrt": self.model.wrt,
                          "answer": render(problem.expected[0])},
        )

    def validate_variant(self, seed: int) -> list[Problem_]:
        values, f, problem = self._problem(seed)
        expected = problem.expected[0]
        out = self.valid_points(("function",), expected, problem)
        if self.answer is not None:
            stated = self.substitute(self.answer, values)
            out += self.prove_equal(("answer",), stated, expected, problem, problem.component_names[0])
        return out or self.central_differences(("function",), f, self.model.wrt, expected, problem)


class GradientExercise(FunctionExercise):
    kind = "gradient"

    def __init__(self, model: GradientModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        self.answer = self.read(("answer",), model.answer, self.variables, vector=True) if model.answer else None
        if self.answer is not None and len(self.answer) != len(self.variables):
            self.problems.append(Problem_(("answer",), f"the gradient has {len(self.variables)} components "
                                                       f"({', '.join(self.variables)}), the answer {len(self.answer)}"))

    def _problem(self, seed: int):
        return self.shared(("problem", seed), lambda: self._prepare(seed))

    def _prepare(self, seed: int):
        values = self.values(seed)
        f = self.function(values)
        at = self.point(self.model.at, values) if self.model.at else ()
        options = self.options(mode="gradient", seed=seed, at=at, tolerance=self.tolerance(values),
                               mean_of=self.rows_count)
        return values, f, at, prepare(f, self.variables, options)

    def instance(self, seed: int):
        values, f, at, problem = self._problem(seed)
        fname = self.model.function_name
        where = ", ".join(format_number(v) for _, v in at)
        title = f"∇{fname}({where})" if at else f"∇{fname}"
        return self.base_instance(
            seed, values, title=title, shows=f"{fname} = {self.shown(values)}",
            expected=render_vector(problem.expected), shape="numbers" if at else "vector",
            variables=() if at else self.variables, component_names=problem.component_names,
            labels=self.variables if at else (),
            checker=problem.check,
            placeholders={"function": self.display(("function",), values) or render(f),
                          "answer": render_vector(problem.expected),
                          "at": f"({where})"},
        )

    def validate_variant(self, seed: int) -> list[Problem_]:
        values, f, at, problem = self._problem(seed)
        gradient = tuple(sp.diff(f, symbol(v)) for v in self.variables)
        symbolic = prepare(f, self.variables, self.options(mode="gradient", seed=seed))
        out = []
        for i, (v, partial) in enumerate(zip(self.variables, gradient)):
            out += self.valid_points(("function",), partial, symbolic)
            out += self.central_differences(("function",), f, v, partial, symbolic)
        if self.answer is not None:
            stated = self.substitute(self.answer, values)
            for i, (s, e) in enumerate(zip(stated, problem.expected)):
                if at:
                    if s.free_symbols or not _same_number(s, e):
                        out.append(Problem_(("answer",), f"component {i + 1} of the stated answer is "
                                                         f"{render(s)}; the gradient there is {render(e)}"))
                else:
                    out += self.prove_equal(("answer",), s, e, symbolic, problem.component_names[i])
        return out


def _same_number(a: sp.Expr, b: sp.Expr) -> bool:
    return a == b or cheap_zero(a - b)


class ExpressionExercise(ExerciseType):
    kind = "expression"

    def __init__(self, model: ExpressionModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        self.variables = tuple(model.variables or self.order_of_appearance(model.expected))
        self.expected = self.read(("expected",), model.expected, self.variables)
        self.answer = self.read(("answer",), model.answer, self.variables) if model.answer else None

    def _problem(self, seed: int):
        return self.shared(("problem", seed), lambda: self._prepare(seed))

    def _prepare(self, seed: int):
        values = self.values(seed)
        expected = self.substitute(self.expected, values)
        return values, prepare(expected, self.variables, self.options(seed=seed)), expected

    def instance(self, seed: int):
        values, problem, expected = self._problem(seed)
        return self.base_instance(
            seed, values, title="Expression", shows=None, expected=render(expected), shape="expression",
            variables=self.variables, component_names=("the expected expression",), checker=problem.check,
            placeholders={"answer": render(expected)},
        )

    def validate_variant(self, seed: int) -> list[Problem_]:
        values, problem, expected = self._problem(seed)
        out = self.valid_points(("expected",), expected, problem) if self.variables else []
        if self.answer is not None:
            out += self.prove_equal(("answer",), self.substitute(self.answer, values),
                                                expected, problem, "the expected expression")
        return out

