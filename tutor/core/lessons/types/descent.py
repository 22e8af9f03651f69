"""The `descent` type: gradient descent by hand, one step at a time, each step checked with a tolerance.

The learner types the parameters after each step (`w = 1.6, b = 0.8` or `(1.6, 0.8)`). The numbers
come from the descent engine, computed as the course's Python loop computes them. A wrong step is
compared with the typical slips, each recomputed from the step's own numbers, and the one it
matches is named: moving up the gradient, leaving out the learning rate, another rate, the
previous point's gradient, a mistaken partial derivative, a sum where the MSE takes a mean.
"""

import functools
from collections.abc import Mapping
from fractions import Fraction

from tutor.core.descent import DescentError, DescentRun, Loss, show
from tutor.core.descent.config import LabConfig
from tutor.core.maths.check import prepare
from tutor.core.maths.preview import preview
from tutor.core.maths.render import render

from ..exercises import DescentModel
from ..variants import VariantError, parse_number_text
from .base import ExerciseError, ExerciseType, Problem_
from .descent_judge import (
    DEFAULT_TOLERANCE,
    HandDescent,
    HandStep,
    describe_tolerance,
    gradient_mistakes,
    Judge,
    rational,
    named,
    Variant,
)


class DescentExercise(ExerciseType):
    kind = "descent"
    model: DescentModel

    def __init__(self, model: DescentModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        self.parameters = tuple(model.variables or model.start)
        self.columns = tuple(model.data or ())
        if set(self.parameters) != set(model.start):
            self.problems.append(Problem_(("variables",), "variables must name exactly the parameters in start"))
        both = sorted(set(self.parameters) & set(self.columns))
        if both:
            self.problems.append(Problem_(("data",), f"{both[0]} is a parameter (in start) and a data column"))
        self.expr = self.read(("loss",), model.loss, (*self.parameters, *self.columns))
        if self.expr is not None:
            used = {s.name for s in self.expr.free_symbols}
            for name in (*self.parameters, *self.columns):
                if name not in used:
                    what = "parameter" if name in self.parameters else "data column"
                    self.problems.append(Problem_(("loss",), f"the {what} {name} does not occur in the loss"))

    # -- one variant: the engine's numbers ----------------------------------------------------------
    def _variant(self, values: Mapping[str, Fraction]) -> Variant:
        model = self.model
        try:
            start = {k: float(parse_number_text(model.start[k], values)) for k in self.parameters}
            lr = float(parse_number_text(model.lr, values))
            data = {k: [float(parse_number_text(x, values)) for x in xs] for k, xs in (model.data or {}).items()}
        except VariantError as error:
            raise ExerciseError([Problem_(("start",), str(error))]) from error
        # Params reach the loss as constant data columns: numbers, never pasted into its text.
        rows = len(next(iter(data.values()))) if data else 1
        used = {s.name for s in self.expr.free_symbols}
        for name, value in values.items():
            if name in used:
                data[name] = [float(value)] * rows
        try:
            loss = Loss(model.loss, data or None, params=self.parameters)
        except DescentError as error:
            raise ExerciseError([Problem_(("loss",), str(error))]) from error
        try:
            run = DescentRun(loss, start, lr)
        except DescentError as error:
            field = "lr" if "learning rate" in str(error) else "start"
            raise ExerciseError([Problem_((field,), str(error))]) from error
        for _ in range(model.steps):
            run.step()
        trace = run.trace
        steps = tuple(
            HandStep(k, trace.steps[k - 1].params, trace.steps[k - 1].gradient, trace.steps[k].params,
                     trace.steps[k - 1].loss, trace.steps[k].loss, tuple(u.text() for u in trace.steps[k].updates))
            for k in range(1, len(trace.steps))
        )
        return Variant(loss, lr, start, data, steps, self.substitute(self.expr, values))

    def instance(self, seed: int):
        values = self.values(seed)
        v = self.shared(("variant", seed), lambda: self._variant(values))
        tolerance = self.tolerance(values) or DEFAULT_TOLERANCE
        options = self.options(mode="number", tolerance=tolerance, seed=seed,
                               labels=self.parameters if len(self.parameters) > 1 else ())
        problems = []
        for step in v.steps:
            reference = tuple(rational(x) for x in step.after)
            problems.append(prepare(reference if len(reference) > 1 else reference[0], self.parameters, options))
        # The typical wrong gradients are worked out only when a step is wrong (most are not).
        mistakes = functools.partial(gradient_mistakes, v, self.parameters, self.model.function_name)
        judge = Judge(self.parameters, v, problems, tolerance, mistakes, self.model.function_name)
        start = ", ".join(f"{k} = {show(x)}" for k, x in v.start.items())
        formula = self._formula(v, values)
        shows = f"{formula}\nstart: {start} · learning rate {show(v.lr)} · {len(v.steps)} step(s) by hand"
        expected = "; ".join(f"step {s.index}: {named(self.parameters, s.after)}" for s in v.steps)
        lab = LabConfig("exercise", formula, self.model.loss, dict(v.data) or None, dict(v.start), v.lr,
                        self.model.lab_steps, self.parameters, ahead=len(v.steps))
        descent = HandDescent(self.parameters, v.steps, tuple(v.loss.partial_formulas()),
                              describe_tolerance(tolerance), lab, judge)
        return self.base_instance(
            seed, values, title="Gradient descent by hand", shows=shows, expected=expected, shape="steps",
            variables=self.parameters, component_names=self.parameters, checker=judge.check_all, descent=descent,
            placeholders={"loss": formula, "function": formula, "lr": show(v.lr), "start": start,
                          "steps": str(len(v.steps)), "answer": expected},
        )

    def _formula(self, v: Variant, values: Mapping[str, Fraction]) -> str:
        """L(w, b) = (wx + b − y)² with x = 2, y = 4: as typed unless a param had to be put in."""
        name = self.model.function_name
        uses_params = any(s.name in values for s in self.expr.free_symbols)
        body = render(v.per_point) if uses_params else preview(v.loss.tree)
        head = f"{name}({', '.join(self.parameters)}) = {body}"
        columns = {k: xs for k, xs in v.data.items() if k in self.columns}
        if not columns:
            return head
        if len(next(iter(columns.values()))) == 1:
            return head + " with " + ", ".join(f"{k} = {show(xs[0])}" for k, xs in columns.items())
        listed = ", ".join(f"{k} = ({', '.join(show(x) for x in xs)})" for k, xs in columns.items())
        return f"{head}, averaged over the points {listed}"

    def validate_variant(self, seed: int) -> list[Problem_]:
        v = self.shared(("variant", seed), lambda: self._variant(self.values(seed)))
        for step in v.steps:
            if not step.finite:
                return [Problem_(("lr",), f"step {step.index} by hand is not a finite number (the descent "
                                          "overflows): use a smaller learning rate or start")]
        return []
