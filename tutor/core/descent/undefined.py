"""Why a descent stopped on a value that is not a number: no value there, or float64 overflow.

Float64 cannot tell the two apart (√ of a negative w and ∞ − ∞ are both NaN), so the point is
evaluated again at 60 digits with bounded magnitudes: undefined there means the loss or its
gradient has no value at that point (a learning rate that jumped out of the domain); a value
that merely does not fit a float is a divergence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from tutor.core.maths.pointvalue import describe_point
from tutor.core.maths.precise import value_or_reason

if TYPE_CHECKING:
    from .problem import Loss


def where(loss: Loss, params: Sequence[float]) -> str:
    """`w = −4, b = 0.5` for a point of the loss's parameters."""
    return describe_point({n: Fraction(p) for n, p in zip(loss.params, params)})


def undefined_at(loss: Loss, params: Sequence[float], loss_value: float,
                 gradient: Sequence[float]) -> str | None:
    """What has no value at `params` ("the loss", "∂L/∂w"), or None (finite, or only too large)."""
    if not all(math.isfinite(p) for p in params):
        return None
    point = {n: Fraction(p) for n, p in zip(loss.params, params)}
    wanted = [("the loss", loss.expr)] if not math.isfinite(loss_value) else []
    wanted += [(f"∂L/∂{n}", d) for n, d, g in zip(loss.params, loss.partials, gradient) if not math.isfinite(g)]
    for what, expr in wanted:
        for row in loss.rows:
            env = {**point, **{k: Fraction(v) for k, v in row.items()}}
            if value_or_reason(expr, env)[1] == "undefined":
                return what
    return None
