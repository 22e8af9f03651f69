"""The curvature of a loss where the descent is: its Hessian (from the gradient, numerically), the
eigen-directions, the condition number and the largest stable rate 2/λ_max of a quadratic.

For a quadratic bowl a descent step multiplies the distance to the minimum along eigen-direction i
by (1 − η·λᵢ): it shrinks only while η < 2/λ_max, and the shallow direction (λ_min) crawls at
1 − η·λ_min. That is the lab's Hessian-aware view; the exact figures come from the `matrix` type.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .problem import Loss


@dataclass(frozen=True)
class Curvature:
    """The Hessian at `point`, its eigenvalues (largest first) and unit eigenvectors (columns)."""

    point: tuple[float, ...]
    hessian: np.ndarray
    values: tuple[float, ...]
    vectors: np.ndarray

    @property
    def bound(self) -> float | None:
        """2/λ_max, the largest learning rate under which descent on this quadratic converges."""
        top = self.values[0]
        return 2.0 / top if top > 0 and math.isfinite(top) else None

    @property
    def condition(self) -> float | None:
        """λ_max/λ_min for a positive definite Hessian (None otherwise: no minimum there)."""
        low = self.values[-1]
        return self.values[0] / low if low > 0 else None

    def factors(self, lr: float) -> tuple[float, ...]:
        """|1 − η·λᵢ|: how much one step shrinks (< 1) or grows (> 1) each eigen-direction."""
        return tuple(abs(1 - lr * v) for v in self.values)


def curvature_at(loss: Loss, point: Sequence[float]) -> Curvature | None:
    """The Hessian by central differences of the exact gradient (exact for a quadratic, up to rounding);
    None where the gradient has no value or the Hessian is not finite."""
    p = np.array(point, dtype=float)
    n = len(p)
    h = 1e-4 * np.maximum(1.0, np.abs(p))
    rows = []
    for j in range(n):
        step = np.zeros(n)
        step[j] = h[j]
        _, up = loss.value_and_gradient(tuple(p + step))
        _, down = loss.value_and_gradient(tuple(p - step))
        rows.append((np.array(up) - np.array(down)) / (2 * h[j]))
    hessian = np.array(rows)
    if not np.all(np.isfinite(hessian)):
        return None
    hessian = (hessian + hessian.T) / 2  # the rounding of the two differences differs a little
    values, vectors = np.linalg.eigh(hessian)
    order = np.argsort(values)[::-1]
    return Curvature(tuple(float(x) for x in p), hessian, tuple(float(v) for v in values[order]), vectors[:, order])
