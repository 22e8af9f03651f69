"""The record of a descent: every step's parameters, loss, gradient and update, and how it ended."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

OutcomeKind = Literal["converged", "diverged", "max-steps", "running"]


def show(value: float, digits: int = 6) -> str:
    """A float as a learner reads it: 1.6, −16, 0.1, 2.5e−09, ∞ (at most `digits` significant)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


@dataclass(frozen=True)
class Update:
    """One parameter's move: `after = before − lr·gradient`, the numbers a learner writes out."""

    name: str
    before: float
    lr: float
    gradient: float
    after: float

    def text(self, digits: int = 6) -> str:
        """`w ← 0 − 0.1·(−16) = 1.6`"""
        g = show(self.gradient, digits)
        if g.startswith("−"):
            g = f"({g})"
        return f"{self.name} ← {show(self.before, digits)} − {show(self.lr, digits)}·{g} = {show(self.after, digits)}"


@dataclass(frozen=True)
class Step:
    """The state after `index` updates: where we are, the loss there and the gradient there."""

    index: int
    params: tuple[float, ...]
    loss: float
    gradient: tuple[float, ...]
    norm: float
    lr: float | None = None          # the rate of the update that led here (None at the start)
    updates: tuple[Update, ...] = ()  # how each parameter got here from the step before

    @property
    def finite(self) -> bool:
        return all(math.isfinite(v) for v in (*self.params, self.loss, *self.gradient, self.norm))


@dataclass(frozen=True)
class Outcome:
    """converged (gradient norm under the tolerance), diverged, max-steps, or running (not decided yet)."""

    kind: OutcomeKind
    step: int
    reason: str = ""
    undefined: bool = False  # diverged because the loss or its gradient has no value there (√ of w < 0)

    def message(self) -> str:
        where = {"converged": "converged at step", "diverged": "diverged at step",
                 "max-steps": "stopped after step", "running": "running, at step"}[self.kind]
        return f"{where} {self.step}" + (f": {self.reason}" if self.reason else "")


@dataclass(frozen=True)
class Trace:
    """Every step from the start (step 0), the parameter names, and the outcome."""

    names: tuple[str, ...]
    steps: tuple[Step, ...]
    outcome: Outcome

    @property
    def final(self) -> Step:
        return self.steps[-1]

    @property
    def lr(self) -> float | None:
        """The first learning rate used (the one a run was started with)."""
        return next((s.lr for s in self.steps if s.lr is not None), None)

    def point(self, index: int = -1) -> dict[str, float]:
        return dict(zip(self.names, self.steps[index].params))

    def values(self, name: str) -> tuple[float, ...]:
        """One parameter's value at every step."""
        k = self.names.index(name)
        return tuple(s.params[k] for s in self.steps)

    @property
    def losses(self) -> tuple[float, ...]:
        return tuple(s.loss for s in self.steps)

    @property
    def norms(self) -> tuple[float, ...]:
        return tuple(s.norm for s in self.steps)

    def to_json(self) -> dict:
        """{"steps": [...], "final": {...}, "loss": …, "outcome": …}; NaN and ±∞ become null."""
        steps = []
        for s in self.steps:
            item = {"step": s.index, "params": _named(self.names, s.params), "loss": _num(s.loss),
                    "gradient": _named(self.names, s.gradient), "norm": _num(s.norm)}
            if s.lr is not None:
                item["lr"] = s.lr
            steps.append(item)
        return {"steps": steps, "final": _named(self.names, self.final.params),
                "loss": _num(self.final.loss), "outcome": self.outcome.kind,
                "outcome_step": self.outcome.step, "message": self.outcome.message(),
                "undefined": self.outcome.undefined}


def _num(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _named(names: tuple[str, ...], values: tuple[float, ...]) -> dict[str, float | None]:
    return {n: _num(v) for n, v in zip(names, values)}
