"""Checking descent steps typed by hand: read them, compare with tolerance, name the slip if wrong."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

import numpy as np
import sympy as sp

from tutor.core.descent import Loss, show
from tutor.core.descent.config import LabConfig
from tutor.core.maths.build import symbol
from tutor.core.maths.check import Problem, Tolerance
from tutor.core.maths.errors import MathsError
from tutor.core.maths.floateval import Unsupported, evaluate_float
from tutor.core.maths.mistakes import derivative_mistakes
from tutor.core.maths.verdict import Diagnosis, Verdict

DEFAULT_TOLERANCE = Tolerance(absolute=Fraction(1, 200), relative=Fraction(1, 1000))
COMMON_SLIPS = (10.0, 0.1, 2.0, 0.5, 100.0, 0.01)  # a rate off by these is named even for one parameter


@dataclass(frozen=True)
class HandStep:
    """Step `index`: from `before` (where ∇L is `gradient`) to `after`, as a screen shows and checks it."""

    index: int
    before: tuple[float, ...]
    gradient: tuple[float, ...]
    after: tuple[float, ...]
    loss_before: float
    loss_after: float
    updates: tuple[str, ...]  # "w ← 0 − 0.1·(−16) = 1.6", one per parameter

    @property
    def finite(self) -> bool:
        values = (*self.before, *self.gradient, *self.after, self.loss_before, self.loss_after)
        return all(math.isfinite(v) for v in values)


@dataclass
class Variant:
    loss: Loss
    lr: float
    start: dict[str, float]
    data: dict[str, list[float]]
    steps: tuple[HandStep, ...]
    per_point: sp.Expr  # the loss of one point, params substituted: its typical wrong partials


def rational(x: float) -> sp.Rational:
    f = Fraction(repr(x))  # the decimal Python prints: 1.6, not the binary float's 3602879701896397/2^51
    return sp.Rational(f.numerator, f.denominator)


def named(names: Sequence[str], values: Sequence[float]) -> str:
    return ", ".join(f"{n} = {show(x)}" for n, x in zip(names, values))


def describe_tolerance(tolerance: Tolerance) -> str:
    parts = []
    if tolerance.absolute is not None:
        parts.append(f"±{show(float(tolerance.absolute))}")
    if tolerance.relative is not None:
        parts.append(f"±{show(float(tolerance.relative) * 100)}%")
    return " or ".join(parts) or "exact"


def gradient_mistakes(v: Variant, names: Sequence[str], fname: str) -> list[list[tuple[str, str, tuple[float, ...]]]]:
    """For each parameter: (code, sentence, its value at each hand step's start) of typical wrong partials."""
    symbols = tuple(symbol(n) for n in names)
    rows = len(next(iter(v.data.values()))) if v.data else 1
    out = []
    for k, name in enumerate(names):
        found = []
        for m in derivative_mistakes(v.per_point, symbols[k], symbols, fname):
            if m.code in ("not-differentiated", "sign"):
                continue  # the loss itself is no step; the sign is the step's own diagnosis
            try:
                at = tuple(_mean(m.expr, names, step.before, v.data, rows) for step in v.steps)
            except Unsupported:
                continue
            found.append((m.code, m.message, at))
        out.append(found)
    return out


def _mean(expr: sp.Expr, names: Sequence[str], point: Sequence[float], data: Mapping[str, list[float]],
          rows: int) -> float:
    env = {n: np.full(rows, x) for n, x in zip(names, point)}
    env.update({c: np.asarray(xs, dtype=float) for c, xs in data.items()})
    with np.errstate(all="ignore"):
        return float(np.mean(evaluate_float(expr, env, rows)))


class Judge:
    """Checks the learner's parameters after step k; names the slip behind a wrong step."""

    def __init__(self, names, variant: Variant, problems: list[Problem], tolerance: Tolerance,
                 mistakes, fname: str) -> None:
        self.names, self.v, self.problems = tuple(names), variant, problems
        self.tolerance, self.fname = tolerance, fname
        self._find_mistakes, self._mistakes = mistakes, None  # a callable: computed on the first wrong step

    @property
    def mistakes(self):
        if self._mistakes is None:
            self._mistakes = self._find_mistakes()
        return self._mistakes

    def read(self, text: str) -> tuple[float, ...] | None:
        """The numbers typed, in parameter order (labels put them in place); None if not numbers."""
        try:
            built, _, _ = self.problems[0].read(text)
        except MathsError:
            return None
        values, labels = list(built.values), built.labels
        if any(labels):
            if not all(labels) or sorted(labels) != sorted(self.names):
                return None
            values = [values[labels.index(n)] for n in self.names]
        if len(values) != len(self.names) or any(e.free_symbols for e in values):
            return None
        try:
            out = tuple(float(e) for e in values)
        except (TypeError, ValueError):
            return None
        return out if all(math.isfinite(x) for x in out) else None

    def close(self, got: float, want: float) -> bool:
        return math.isfinite(want) and self.tolerance.accepts(Fraction(got), Fraction(want))

    def check_step(self, k: int, text: str, previous: Sequence[float] | None = None) -> Verdict:
        """Step k (1-based). `previous`: the learner's accepted step k − 1, so a rounded answer carries forward."""
        step = self.v.steps[k - 1]
        labels = [lab.strip() for lab in re.findall(r"([^\W\d]\w*)\s*=", text)]
        if any(lab not in self.names for lab in labels):
            unknown = next(lab for lab in labels if lab not in self.names)
            return Verdict("invalid", "parse", f"Unknown name '{unknown}' before '='; the parameters are "
                                               f"{', '.join(self.names)}.")
        verdict = self.problems[k - 1].check(text)
        right = "Right: " + "; ".join(step.updates) + "."
        if verdict.status == "correct":
            return replace(verdict, message=right)
        got = self.read(text)
        if verdict.status != "incorrect" or got is None:
            return verdict
        if previous is not None and k > 1:
            _, grad = self.v.loss.value_and_gradient(tuple(previous))
            carried = tuple(p - self.v.lr * g for p, g in zip(previous, grad))
            if all(self.close(a, e) for a, e in zip(got, carried)):
                return replace(verdict, status="correct", message=f"Right, from your step {k - 1}: "
                               + ", ".join(f"{n} ← {show(e)}" for n, e in zip(self.names, carried)) + ".",
                               components=tuple("correct" for _ in got), diagnosis=None)
        if verdict.diagnosis and verdict.diagnosis.code == "swapped-components":
            return verdict
        diagnosis = self.diagnose(step, got)
        return replace(verdict, message=diagnosis.message, diagnosis=diagnosis)

    def check_all(self, text: str) -> Verdict:
        """Every hand step at once, separated by ';' or new lines (for screens that ask once)."""
        parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
        n = len(self.v.steps)
        if len(parts) != n:
            shape = "; ".join([", ".join(f"{p} = …" for p in self.names)] * n)
            return Verdict("invalid", "parse", f"Give all {n} step(s), separated by ';': {shape}")
        previous = None
        for k, part in enumerate(parts, start=1):
            verdict = self.check_step(k, part, previous)
            if verdict.status != "correct":
                return replace(verdict, message=f"Step {k}: {verdict.message}")
            previous = self.read(part)
        return Verdict("correct", "tolerance", f"All {n} step(s) are right.", interpreted=text)

    # -- naming the slip ------------------------------------------------------------------------------
    def diagnose(self, step: HandStep, got: tuple[float, ...]) -> Diagnosis:
        lr, p, g = self.v.lr, step.before, step.gradient
        wrong = [i for i, (a, e) in enumerate(zip(got, step.after)) if not self.close(a, e)]
        wrong = wrong or list(range(len(got)))  # the check's own rounding disagreed at the very edge
        at = ", ".join(self.names)
        where = f"({at}) = ({', '.join(show(x) for x in p)})" if len(p) > 1 else f"{at} = {show(p[0])}"
        prefix = "" if len(wrong) == len(self.names) else f"In {', '.join(self.names[i] for i in wrong)}: "
        d = f"∂{self.fname}/∂{self.names[wrong[0]]}"
        x = self.names[wrong[0]]
        rows = len(self.v.loss.rows)
        candidates = [
            ("wrong-sign", [pi + lr * gi for pi, gi in zip(p, g)],
             f"you moved up the gradient ({x} + lr·{d}). Descent steps against it: {x} − lr·{d}."),
            ("forgot-lr", [pi - gi for pi, gi in zip(p, g)],
             (f"you left out the learning rate: {x} − {d} takes the whole gradient. "
              f"Multiply it by lr = {show(lr)} first: {x} − {show(lr)}·{d}.")),
            ("sign-and-lr", [pi + gi for pi, gi in zip(p, g)],
             (f"you added the whole gradient: both the minus sign and the learning rate are missing. "
              f"The step is {x} − lr·{d}.")),
            ("no-step", list(p), f"that is where this step starts; move it by −lr·{d}."),
        ]
        if step.index > 1:
            old = self.v.steps[step.index - 2].gradient
            candidates.append(("stale-gradient", [pi - lr * gi for pi, gi in zip(p, old)],
                               (f"you used the gradient from the point before. Compute ∇{self.fname} again "
                                f"at the new point {where}.")))
        if rows > 1:
            # the slip is the sum, whatever the step: named as the optimizer steps and the gradients name it
            candidates.append(("sum-not-mean", [pi - lr * rows * gi for pi, gi in zip(p, g)],
                               (f"you added up the {rows} points' gradients; the mean squared error "
                                f"averages them, so divide the sum by {rows}.")))
        for code, values, message in candidates:
            if all(self.close(got[i], values[i]) for i in wrong):
                return Diagnosis(code, _sentence(prefix + message))
        i = wrong[0]
        for code, message, at_steps in self.mistakes[i]:
            if self.close(got[i], p[i] - lr * at_steps[step.index - 1]):
                others = [self.names[j] for j in wrong[1:]]
                more = f" ({' and '.join(others)} is not right either.)" if others else ""
                return Diagnosis("wrong-gradient", f"Your {d} is not right. {message}{more}")
        rate = self._rate(p, g, got)
        if rate is not None:
            return Diagnosis("wrong-rate", f"Your step used a learning rate of {show(rate)}, not {show(lr)}: "
                                           f"{x} − {show(lr)}·{d}.")
        implied = (p[i] - got[i]) / lr if lr else math.nan
        return Diagnosis("wrong-gradient", f"Your {x} implies {d} = {show(implied, 4)} (since the new {x} is "
                                           f"{x} − lr·{d}). Recompute {d} at {where}, then the step.")

    def _rate(self, p, g, got) -> float | None:
        """A learning rate other than lr that explains every component, if there is one."""
        moving = [i for i, gi in enumerate(g) if abs(gi) > 1e-12]
        if not moving or any(not self.close(got[i], p[i]) for i in range(len(g)) if i not in moving):
            return None
        rates = [(p[i] - got[i]) / g[i] for i in moving]
        rate, lr = rates[0], self.v.lr
        if rate <= 0 or any(abs(r - rate) > 0.01 * rate for r in rates) or abs(rate - lr) <= 0.01 * lr:
            return None
        if len(moving) == 1 and not any(abs(rate / lr - s) <= 0.01 * s for s in COMMON_SLIPS):
            return None  # one number alone fits any rate; name only the usual slips
        return rate


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


@dataclass(frozen=True)
class HandDescent:
    """What a descent-by-hand exercise gives the screen that asks it one step at a time."""

    names: tuple[str, ...]           # the parameters, in the order a step is typed
    steps: tuple[HandStep, ...]
    partials: tuple[str, ...]        # "∂L/∂w = 2·x·(b + w·x − y)", one per parameter
    tolerance: str                   # "±0.005 or ±0.1%", as the prompt may say it
    lab: LabConfig                   # the same run, for the lab to take over once the steps are done
    judge: Judge = field(repr=False, compare=False)

    def check_step(self, k: int, text: str, previous: Sequence[float] | None = None) -> Verdict:
        """Step k (1-based), typed as `w = 1.6, b = 0.8` or `(1.6, 0.8)`; `previous` is the
        learner's own accepted step k − 1, so a rounded step is carried forward, not punished."""
        return self.judge.check_step(k, text, previous)

    def read_step(self, text: str) -> tuple[float, ...] | None:
        """The numbers of a typed step, in parameter order; None if it is not such a step."""
        return self.judge.read(text)

    def solution(self, intro: str | None) -> str:
        """The worked solution as Markdown: the partial derivatives, then every step written out."""
        lines = [f"**Solution.** {intro or 'The partial derivatives, then each step:'}", "  \n".join(self.partials)]
        for step in self.steps:
            gradient = ", ".join(show(g) for g in step.gradient)
            lines.append(f"**Step {step.index}**, ∇L = ({gradient}):  \n" + "  \n".join(step.updates))
        return "\n\n".join(lines)
