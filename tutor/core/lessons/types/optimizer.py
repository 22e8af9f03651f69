"""The `optimizer` type: momentum or Adam by hand, a blank at a time (the gradient, the velocity or the
moments and their bias correction, the new parameters), then the lab runs them beside plain descent.

Each blank is checked against the rule applied to the learner's own earlier values, so a rounded
moment is carried forward. A wrong blank is compared with the slips of that rule: the momentum added
with the wrong sign, the old velocity or the learning rate left out, β₁ and β₂ (or β and 1 − β)
mixed up, the gradient not squared, no bias correction, the square root forgotten.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

from tutor.core.descent import DescentError, Loss, show
from tutor.core.descent.config import LabConfig
from tutor.core.descent.optimizers import Settings
from tutor.core.maths.check import Tolerance

from ..exercises import OptimizerModel
from ..variants import VariantError, parse_number_text
from .base import ExerciseError, ExerciseType, Problem_
from .entries import Blank, EntriesJudge, Env, HandWork, describe
from .adam_steps import adam_blanks
from .optimizer_steps import gradient_blank, momentum_blanks, subscript

# Relative first: Adam's second moment is often 0.0016 or smaller, where ±0.005 would pass anything.
DEFAULT_TOLERANCE = Tolerance(absolute=Fraction(1, 10**6), relative=Fraction(1, 200))


class OptimizerExercise(ExerciseType):
    kind = "optimizer"
    model: OptimizerModel

    def __init__(self, model: OptimizerModel, lesson_id: str) -> None:
        super().__init__(model, lesson_id)
        self.parameters = tuple(model.variables or model.start)
        self.columns = tuple(model.data or ())
        self.expr = self.read(("loss",), model.loss, (*self.parameters, *self.columns))

    # -- one variant ---------------------------------------------------------------------------------------
    def _number(self, key: str, text, values) -> float:
        try:
            return float(parse_number_text(text, values))
        except VariantError as error:
            raise ExerciseError([Problem_((key,), str(error))]) from error

    def setup(self, values: Mapping[str, Fraction]):
        m = self.model
        start = tuple(self._number("start", m.start[k], values) for k in self.parameters)
        data = {k: [self._number("data", x, values) for x in xs] for k, xs in (m.data or {}).items()}
        rows = len(next(iter(data.values()))) if data else 1
        for name, value in values.items():  # params reach the loss as constant columns, never as text
            if any(s.name == name for s in self.expr.free_symbols):
                data[name] = [float(value)] * rows
        try:
            loss = Loss(m.loss, data or None, params=self.parameters)
        except DescentError as error:
            raise ExerciseError([Problem_(("loss",), str(error))]) from error
        settings = Settings(*(self._number(k, getattr(m, k), values) for k in ("beta", "beta1", "beta2", "eps")))
        lr = self._number("lr", m.lr, values)
        return loss, start, lr, settings, data

    def blanks(self, loss: Loss, start, lr: float, s: Settings, data) -> list[Blank]:
        per_point = self.substitute(self.expr, {}) if self.expr is not None else None
        out: list[Blank] = []
        zero = tuple(0.0 for _ in self.parameters)

        def theta(env: Env, t: int):
            return start if t == 0 else env[f"θ{subscript(t)}"]

        for t in range(1, self.model.steps + 1):
            step = f"step {t}"
            g_key = f"g{subscript(t)}"
            out.append(gradient_blank(self.parameters, self.model.function_name, loss, per_point, data, g_key,
                                      t, step, theta))
            if self.model.method == "momentum":
                out += momentum_blanks(self.parameters, t, step, lr, s, theta, zero)
            else:
                out += adam_blanks(self.parameters, t, step, lr, s, theta, zero)
        return out

    # -- the instance --------------------------------------------------------------------------------------
    def rules(self, lr: float, s: Settings) -> str:
        if self.model.method == "momentum":
            return (f"momentum, β = {show(s.beta)}, η = {show(lr)}:  v ← β·v + g,  θ ← θ − η·v  (v starts at 0)")
        return (f"Adam, β₁ = {show(s.beta1)}, β₂ = {show(s.beta2)}, ε = {show(s.eps)}, η = {show(lr)}:\n"
                "  m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²  (both start at 0)\n"
                "  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ),  θ ← θ − η·m̂/(√v̂ + ε)")

    def instance(self, seed: int):
        values = self.values(seed)
        loss, start, lr, s, data = self.setup(values)
        blanks = self.blanks(loss, start, lr, s, data)
        tolerance = self.tolerance(values) or DEFAULT_TOLERANCE
        judge = EntriesJudge(blanks, tolerance)
        fname = self.model.function_name
        formula = f"{fname}({', '.join(self.parameters)}) = {self.display(('loss',), values)}"
        columns = {k: xs for k, xs in data.items() if k in self.columns}
        if columns and len(next(iter(columns.values()))) == 1:
            formula += " with " + ", ".join(f"{k} = {show(xs[0])}" for k, xs in columns.items())
        elif columns:
            formula += ", averaged over " + ", ".join(f"{k} = ({', '.join(show(x) for x in xs)})"
                                                      for k, xs in columns.items())
        begin = ", ".join(f"{n} = {show(x)}" for n, x in zip(self.parameters, start))
        header = f"{formula}\nstart: θ₀ = ({', '.join(self.parameters)}) = ({', '.join(show(x) for x in start)})\n" \
                 f"{self.rules(lr, s)}"
        lab = LabConfig("exercise", formula, self.model.loss, dict(columns) or None,
                        dict(zip(self.parameters, start)), lr, self.model.lab_steps, self.parameters,
                        optimizers=(s.beta, s.beta1, s.beta2, s.eps))
        hand = HandWork(tuple(blanks), header, describe(tolerance), judge, lab)
        return self.base_instance(
            seed, values, title=f"{'Momentum' if self.model.method == 'momentum' else 'Adam'} by hand",
            shows=header, expected=hand.expected(), shape="entries", variables=(), checker=judge.check_all,
            hand=hand, component_names=self.parameters,
            placeholders={"loss": formula, "function": formula, "lr": show(lr), "start": begin,
                          "steps": str(self.model.steps), "beta": show(s.beta), "beta1": show(s.beta1),
                          "beta2": show(s.beta2), "answer": hand.expected(), "tolerance": describe(tolerance)},
        )

    def validate_variant(self, seed: int) -> list[Problem_]:
        values = self.values(seed)
        loss, start, lr, s, data = self.setup(values)
        if not lr > 0:
            return [Problem_(("lr",), "the learning rate must be positive")]
        if not (0 <= s.beta < 1 and 0 <= s.beta1 < 1 and 0 <= s.beta2 < 1 and s.eps > 0):
            return [Problem_(("beta",), "each β must be at least 0 and below 1, and ε positive")]
        judge = EntriesJudge(self.blanks(loss, start, lr, s, data), DEFAULT_TOLERANCE)
        for key, value in judge.exact.items():
            if not all(math.isfinite(x) for x in value):
                return [Problem_(("lr",), f"{key} is not a finite number: use a smaller rate or another start")]
        return []
