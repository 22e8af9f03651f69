"""L and ∇L for a loss reverse mode cannot differentiate: sympy's partials, else central differences."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from tutor.core.maths.calculus import central_difference, float_function
from tutor.core.maths.floateval import Unsupported, evaluate_float

if TYPE_CHECKING:
    from .problem import Loss


def fallback_value(loss: Loss, env: Mapping[str, float]) -> float:
    """The mean over the points of the loss, each evaluated in the order written."""
    f = float_function(loss.tree)
    values = [f({**row, **env}) for row in loss.rows]
    return values[0] if len(values) == 1 else sum(values) / len(values)


def fallback_gradient(loss: Loss, env: Mapping[str, float]) -> tuple[float, ...]:
    """sympy's partials in float64, averaged over the points; a central difference where float64
    cannot evaluate a partial (the polygamma in d/dx binomial), as the course's gradient check does."""
    n = len(loss.rows)
    arrays = {name: np.full(n, value) for name, value in env.items()}
    if loss.data:
        arrays.update({c: np.asarray(v) for c, v in zip(loss.data.columns, loss.data.values)})
    out = []
    for name, d in zip(loss.params, loss.partials):
        try:
            out.append(float(np.mean(evaluate_float(d, arrays, n))))
        except Unsupported:
            out.append(central_difference(lambda e: fallback_value(loss, e), env, name))
    return tuple(out)
