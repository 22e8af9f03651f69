"""Running gradient descent: a steppable run for the lab, and `descend` for everything else."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .errors import DescentError
from .problem import Loss, Point
from .rules import StopRules, judge
from .trace import Outcome, Step, Trace, Update, show
from .undefined import undefined_at, where

MAX_STEPS = 100_000  # a CLI run or a lab animation; more is a mistake, not a lesson
# Steps × data points: every point of every step is evaluated in Python floats (about 20 µs each
# here), so a million is some 20 seconds; 10 000 points × 100 000 steps would take hours.
MAX_WORK = 1_000_000


def check_lr(lr: float) -> float:
    lr = float(lr)
    if not (math.isfinite(lr) and lr > 0):
        raise DescentError(f"the learning rate must be a positive number, not {lr!r}")
    return lr


class DescentRun:
    """Gradient descent one step at a time: `w -= lr*dw` for every parameter, as the notebook does.

    The learning rate may change between steps; changing it starts watching for convergence and
    divergence afresh from the current step, since the old verdict was about the old rate.
    """

    def __init__(self, loss: Loss, start: Point, lr: float, rules: StopRules | None = None) -> None:
        self.loss = loss
        self.rules = rules or StopRules()
        self._lr = check_lr(lr)
        self._start = loss.point(start)
        self.reset()

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = check_lr(value)
        if self.current.finite:
            self._since = len(self._steps) - 1
            self._outcome = judge(self._steps, self._since, self.rules)

    @property
    def current(self) -> Step:
        return self._steps[-1]

    @property
    def outcome(self) -> Outcome | None:
        """The verdict so far (None while neither converged nor diverged)."""
        return self._outcome

    @property
    def halted(self) -> bool:
        """True once a value is NaN or infinite: there is nothing left to step from."""
        return not self.current.finite

    @property
    def finished(self) -> bool:
        """Whether `run` would stop here: diverged, or converged with stop_at_convergence."""
        if self._outcome is None:
            return self.halted
        return self._outcome.kind == "diverged" or self.rules.stop_at_convergence

    @property
    def trace(self) -> Trace:
        outcome = self._outcome or Outcome("running", self.current.index)
        return Trace(self.loss.params, tuple(self._steps), outcome)

    def reset(self, start: Point | None = None, lr: float | None = None) -> None:
        """Back to step 0, optionally from a new start or with a new learning rate."""
        if start is not None:
            self._start = self.loss.point(start)
        if lr is not None:
            self._lr = check_lr(lr)
        loss, grad = self.loss.value_and_gradient(self._start)
        first = Step(0, self._start, loss, grad, _norm(grad))
        if not first.finite:
            here = where(self.loss, self._start)
            what = undefined_at(self.loss, self._start, loss, grad)
            if what == "the loss" or math.isnan(loss):
                raise DescentError(f"the loss is undefined at the start point {here}")
            if not math.isfinite(loss):
                raise DescentError(f"the loss overflows at the start point {here}")
            if what is not None:
                raise DescentError(f"the gradient is undefined at the start point {here} ({what} has no value there)")
            raise DescentError(f"the gradient overflows at the start point {here}")
        self._steps: list[Step] = [first]
        self._since = 0
        self._outcome = judge(self._steps, 0, self.rules)

    def step(self) -> Step | None:
        """Take one step (even after convergence); None once halted by NaN or overflow."""
        if self.halted:
            return None
        here, lr = self.current, self._lr
        # Exactly the notebook's `w -= lr*dw`: the product first, then the subtraction.
        after = tuple(p - lr * g for p, g in zip(here.params, here.gradient))
        loss, grad = self.loss.value_and_gradient(after)
        updates = tuple(Update(n, p, lr, g, a) for n, p, g, a in zip(self.loss.params, here.params,
                                                                     here.gradient, after))
        step = Step(here.index + 1, after, loss, grad, _norm(grad), lr, updates)
        self._steps.append(step)
        if self._outcome is None or not step.finite:
            self._outcome = judge(self._steps, self._since, self.rules) or self._outcome
            if not step.finite:
                what = undefined_at(self.loss, after, loss, grad)
                if what is not None:
                    self._outcome = Outcome("diverged", step.index, f"{what} is undefined at "
                                            f"{where(self.loss, after)}", undefined=True)
        return step

    def run(self, steps: int) -> Trace:
        """Up to `steps` more steps; stops early on divergence (and on convergence if the rules say so)."""
        for _ in range(max(0, steps)):
            if self.finished:
                break
            self.step()
        return self.trace


def _norm(gradient: Sequence[float]) -> float:
    return math.hypot(*gradient)


def descend(loss: Loss | str, start: Point, lr: float, steps: int, *,
            data: Mapping[str, Sequence[float]] | str | None = None, rules: StopRules | None = None) -> Trace:
    """The trace of up to `steps` steps of gradient descent; the outcome says how it ended."""
    if not isinstance(loss, Loss):
        loss = Loss(loss, data)
    elif data is not None:
        raise DescentError("give the data set to Loss(...), not to descend, when passing a Loss")
    if not 1 <= steps <= MAX_STEPS:
        raise DescentError(f"the number of steps must be from 1 to {MAX_STEPS:,}, not {steps:,}")
    points = len(loss.rows)
    if steps * points > MAX_WORK:
        raise DescentError(f"the number of steps times the data points must be at most {MAX_WORK:,}: "
                           f"{steps:,} steps × {points:,} points is {steps * points:,}; take fewer steps or points")
    run = DescentRun(loss, start, lr, rules)
    trace = run.run(steps)
    if trace.outcome.kind == "running":
        reason = f"the gradient norm is still {show(trace.final.norm, 3)}"
        trace = Trace(trace.names, trace.steps, Outcome("max-steps", trace.final.index, reason))
    return trace


def compare_rates(loss: Loss, start: Point, rates: Sequence[float], steps: int,
                  rules: StopRules | None = None) -> tuple[Trace, ...]:
    """One trace per learning rate from the same start: the "too small, good, diverging" chart."""
    return tuple(descend(loss, start, lr, steps, rules=rules) for lr in rates)
