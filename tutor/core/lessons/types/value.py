"""The `value` type: a number or a vector of numbers the tutor computes itself, checked with a tolerance.

The figures of the course come from here: ∂f/∂x at a point, the gradient at a point, a central
difference in float64 (2.0000000000131024), a constant expression. A stated answer must equal the
computed value exactly, digit for digit where the value is a float.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import sympy as sp

from tutor.core.maths.build import symbol
from tutor.core.maths.calculus import central_difference, float_function
from tutor.core.maths.check import Tolerance, prepare
from tutor.core.maths.errors import MathsError
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.parser import parse
from tutor.core.maths.render import render
from tutor.core.maths.verdict import format_number

from ..exercises import ValueModel
from ..variants import VariantError, parse_number_text
from .base import ExerciseError, ExerciseType, Problem_
from .value_origin import ValueOrigin, mean_of

FLOAT_TOLERANCE = Tolerance(absolute=Fraction(1, 10**12), relative=Fraction(1, 10**9))


class ValueExercise(ValueOrigin, ExerciseType):
    kind = "value"

    def __init__(self, model: ValueModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        spec = model.compute
        self.text = getattr(spec, spec.kind)
        columns = tuple(spec.data or ()) if spec.kind == "descent" else ()
        self.variables = tuple(model.variables or self.order_of_appearance(self.text, exclude=columns))
        wrt = spec.wrt if isinstance(spec.wrt, list) else [spec.wrt] if spec.wrt else []
        for name in wrt:
            if name not in self.variables:
                self.problems.append(Problem_(("compute", "wrt"), f"'{name}' is not a variable of {self.text}"))
        self.expr = self.read(("compute", spec.kind), self.text, (*self.variables, *columns),
                              vector=spec.kind == "expression")  # a constant may be a vector: (p, q)
        self.tree = None
        if spec.kind == "central_difference":
            try:
                self.tree = parse(self.text, Vocabulary((*self.variables, *self.params))).tree
            except MathsError:
                pass  # already recorded by read()

    def computed(self, values: Mapping[str, Fraction]) -> tuple[tuple[object, ...], bool, tuple[str, ...]]:
        """(the value's components, whether they are floats, their labels)."""
        spec = self.model.compute
        if spec.kind == "expression":
            value = self.substitute(self.expr, values)
            return (tuple(value) if isinstance(value, tuple) else (value,)), False, ()
        if spec.kind == "descent":
            return self._descent(values)
        try:
            point = {k: parse_number_text(v, values) for k, v in spec.at.items()}
        except VariantError as error:
            raise ExerciseError([Problem_(("compute", "at"), str(error))]) from error
        missing = [v for v in self.variables if v not in point]
        if missing:
            raise ExerciseError([Problem_(("compute", "at"), f"give a value for {', '.join(missing)}")])
        subs = {symbol(k): sp.Rational(v.numerator, v.denominator) for k, v in point.items()}
        f = self.substitute(self.expr, values)
        if spec.kind == "partial":
            return (sp.diff(f, symbol(spec.wrt)).xreplace(subs),), False, ()
        if spec.kind == "gradient":
            components = tuple(spec.wrt) if isinstance(spec.wrt, list) else self.variables
            return tuple(sp.diff(f, symbol(v)).xreplace(subs) for v in components), False, components
        h = float(parse_number_text(spec.h, values))
        env = {k: float(v) for k, v in {**values, **point}.items()}
        estimate = central_difference(float_function(self.tree), env, spec.wrt, h)
        return (estimate,), True, ()

    def _descent(self, values: Mapping[str, Fraction]):
        """The parameters after gradient descent, computed as the course's Python loop computes them."""
        from tutor.core.descent import DescentError, descend

        spec = self.model.compute
        try:
            start = {k: float(parse_number_text(v, values)) for k, v in spec.start.items()}
            lr = float(parse_number_text(spec.lr, values))
            data = ({k: [float(parse_number_text(x, values)) for x in xs] for k, xs in spec.data.items()}
                    if spec.data else {})
            # Params reach the loss as constant data columns: numbers, never pasted into its text.
            rows = len(next(iter(data.values()))) if data else 1
            used = self.expr.free_symbols if self.expr is not None else set()
            for name, value in values.items():
                if any(s.name == name for s in used):
                    data[name] = [float(value)] * rows
            trace = descend(self.text, start, lr, spec.steps, data=data or None)
        except (VariantError, DescentError) as error:
            raise ExerciseError([Problem_(("compute",), str(error))]) from error
        return tuple(float(v) for v in trace.final.params), True, tuple(trace.names)

    def instance(self, seed: int):
        values = self.values(seed)
        numbers, floats, labels = self.shared(("computed", seed), lambda: self.computed(values))
        reference = tuple(_as_sympy(n) for n in numbers)
        tolerance = self.tolerance(values) or (FLOAT_TOLERANCE if floats else None)
        names = (tuple(f"∂{self.model.function_name}/∂{v}" for v in labels)
                 if self.model.compute.kind == "gradient" else labels)
        if self.model.components and len(self.model.components) == len(numbers):
            names = tuple(self.model.components)  # the author's names: "forward", not "component 1"
        origin = self.origin(values, labels)
        options = self.options(values, mode="number", tolerance=tolerance, seed=seed, labels=labels, names=names,
                               origin=origin, mean_of=mean_of(origin))
        problem = prepare(reference if len(reference) > 1 else reference[0], self.variables or None, options)
        shown = ", ".join(_show(n) for n in numbers)
        expected = f"({shown})" if len(numbers) > 1 else shown
        spec = self.model.compute
        # A constant expression is the answer itself: showing it would give the answer away.
        function = None if spec.kind == "expression" else self.display(("compute", spec.kind), values)
        shown = f"{self.model.function_name} = {function}" if function else None
        at = ", ".join(f"{k} = {v}" for k, v in (spec.at or {}).items())
        return self.base_instance(
            seed, values, title="A value", shows=shown, expected=expected,
            shape="numbers" if len(numbers) > 1 else "number",
            variables=(), component_names=problem.component_names, checker=problem.check, labels=labels,
            placeholders={"answer": expected, "function": function or "", "at": f"({at})" if at else ""},
        )

    def validate_variant(self, seed: int) -> list[Problem_]:
        values = self.values(seed)
        numbers, floats, _ = self.shared(("computed", seed), lambda: self.computed(values))
        out = []
        for n in numbers:
            if isinstance(n, float) and n != n:
                out.append(Problem_(("compute",), "the value is undefined (NaN) at this point"))
            elif not isinstance(n, float) and (n.free_symbols or n.has(sp.zoo, sp.nan)):
                out.append(Problem_(("compute",), f"the value {render(n)} is not a number"))
        named = self.model.components
        if named and len(named) != len(numbers):
            out.append(Problem_(("components",), f"{len(named)} names for a value of {len(numbers)} component(s)"))
        if out or self.model.answer is None:
            return out
        return self._check_stated(values, numbers)

    def _check_stated(self, values, numbers) -> list[Problem_]:
        text = str(self.model.answer)
        parts = [p for p in text.strip("()[]⟨⟩ ").split(",") if p.strip()]
        if len(parts) != len(numbers):
            return [Problem_(("answer",), f"the value has {len(numbers)} component(s); the answer has {len(parts)}")]
        for part, n in zip(parts, numbers):
            part = part.split("=")[-1].strip()
            try:
                stated = parse_number_text(part, values)
            except VariantError as error:
                return [Problem_(("answer",), str(error))]
            exact = Fraction(repr(n)) if isinstance(n, float) else _fraction(n)
            if exact is None or stated != exact:
                return [Problem_(("answer",), f"the stated answer {part} is not the computed value {_show(n)}")]
        return []


def _as_sympy(n) -> sp.Expr:
    if isinstance(n, float):
        f = Fraction(n)
        return sp.Rational(f.numerator, f.denominator)
    return n


def _fraction(n: sp.Expr) -> Fraction | None:
    return Fraction(int(n.p), int(n.q)) if n.is_Rational else None


def _show(n) -> str:
    return repr(n) if isinstance(n, float) else (format_number(_fraction(n)) if n.is_Rational else render(n))
