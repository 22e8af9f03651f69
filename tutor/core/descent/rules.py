"""When a descent has converged or diverged: the tests applied after every step."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import DescentError
from .trace import Outcome, Step, show


@dataclass(frozen=True)
class StopRules:
    """Converged: gradient norm under `tolerance`. Diverged: a value is NaN or infinite, or the
    loss rose `patience` steps in a row and is now more than `growth`×|L₀| above L₀, the loss
    where watching began (the start, or the step where the learning rate last changed).

    A diverged run always stops. A converged one goes on only if `stop_at_convergence` is False:
    the notebook's loop keeps stepping (and staying put) after the first step reaches the minimum.
    """

    tolerance: float = 1e-8
    growth: float = 10.0
    patience: int = 5
    stop_at_convergence: bool = False

    def __post_init__(self) -> None:
        if not (self.tolerance >= 0 and math.isfinite(self.tolerance)):
            raise DescentError("the tolerance must be a finite number ≥ 0")
        if not self.growth > 1:
            raise DescentError("the growth factor must be more than 1")
        if self.patience < 1:
            raise DescentError("patience must be at least one step")


def judge(steps: Sequence[Step], since: int, rules: StopRules) -> Outcome | None:
    """The outcome decided by the last step, watching from step `since`; None while undecided."""
    last = steps[-1]
    if not last.finite:
        if math.isnan(last.loss) or any(math.isnan(v) for v in last.params):
            reason = "the loss is not a number (NaN)"
        elif not math.isfinite(last.loss) or not all(math.isfinite(v) for v in last.params):
            reason = "the values overflow float64 (the loss is infinite)"
        else:
            reason = "the gradient overflows float64"
        return Outcome("diverged", last.index, reason)
    if last.norm < rules.tolerance:
        return Outcome("converged", last.index,
                       f"the gradient norm {show(last.norm, 3)} is under the tolerance {show(rules.tolerance, 3)}")
    window = [s.loss for s in steps[max(since, len(steps) - rules.patience - 1):]]
    if len(window) == rules.patience + 1 and all(b > a for a, b in zip(window, window[1:])):
        # Measured from where watching began, not from the lowest loss: a rate that merely bounces
        # around a minimum is unstable but bounded, and must not be called divergent.
        origin = steps[since].loss
        if last.loss - origin > rules.growth * max(abs(origin), 1e-12):
            return Outcome("diverged", last.index,
                           f"the loss rose {rules.patience} steps in a row to {show(last.loss, 3)}, "
                           f"more than {show(rules.growth, 3)}× above where it started ({show(origin, 3)})")
    return None
