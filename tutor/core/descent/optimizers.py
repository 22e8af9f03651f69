"""Momentum and Adam beside plain descent: one update rule each, stepped in float64 like a notebook.

The rules, as the course writes them (PyTorch's conventions):
  momentum  v ← β·v + g,                 θ ← θ − η·v
  Adam      m ← β₁·m + (1 − β₁)·g,       v ← β₂·v + (1 − β₂)·g²
            m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ),  θ ← θ − η·m̂/(√v̂ + ε)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .problem import Loss

METHODS = ("plain", "momentum", "adam")
LABELS = {"plain": "plain descent", "momentum": "momentum", "adam": "Adam"}


@dataclass(frozen=True)
class Settings:
    """An optimizer's constants: β for momentum; β₁, β₂, ε for Adam."""

    beta: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8


Vector = tuple[float, ...]


def momentum_velocity(v: Vector, g: Vector, s: Settings) -> Vector:
    return tuple(s.beta * vi + gi for vi, gi in zip(v, g))


def adam_moments(m: Vector, v: Vector, g: Vector, s: Settings) -> tuple[Vector, Vector]:
    m = tuple(s.beta1 * mi + (1 - s.beta1) * gi for mi, gi in zip(m, g))
    v = tuple(s.beta2 * vi + (1 - s.beta2) * gi * gi for vi, gi in zip(v, g))
    return m, v


def bias_corrected(x: Vector, beta: float, t: int) -> Vector:
    return tuple(xi / (1 - beta**t) for xi in x)


def adam_step(theta: Vector, m_hat: Vector, v_hat: Vector, lr: float, s: Settings) -> Vector:
    return tuple(p - lr * mh / (math.sqrt(vh) + s.eps) if vh >= 0 else math.nan
                 for p, mh, vh in zip(theta, m_hat, v_hat))


@dataclass(frozen=True)
class Path:
    """Where one optimizer went: the points visited and the loss at each (index 0 is the start)."""

    method: str
    points: tuple[Vector, ...]
    losses: tuple[float, ...]
    diverged: bool = False  # stopped early: a value left float64 or passed the run's limit


def run_path(loss: Loss, start: Sequence[float], lr: float, method: str, steps: int,
             settings: Settings | None = None, limit: float = 1e12) -> Path:
    """`steps` updates of one method; stops early at the first value past `limit` or not finite
    (a diverging run is kept as far as it was finite, plus the step that left, so it can be drawn)."""
    s = settings or Settings()
    theta = tuple(float(x) for x in start)
    value, g = loss.value_and_gradient(theta)
    points, losses = [theta], [value]
    m = v = tuple(0.0 for _ in theta)
    for t in range(1, steps + 1):
        if method == "plain":
            theta = tuple(p - lr * gi for p, gi in zip(theta, g))
        elif method == "momentum":
            v = momentum_velocity(v, g, s)
            theta = tuple(p - lr * vi for p, vi in zip(theta, v))
        else:
            m, v = adam_moments(m, v, g, s)
            theta = adam_step(theta, bias_corrected(m, s.beta1, t), bias_corrected(v, s.beta2, t), lr, s)
        value, g = loss.value_and_gradient(theta)
        points.append(theta)
        losses.append(value)
        if not all(math.isfinite(x) and abs(x) < limit for x in (*theta, value, *g)):
            return Path(method, tuple(points), tuple(losses), diverged=True)
    return Path(method, tuple(points), tuple(losses))


def compare_optimizers(loss: Loss, start: Sequence[float], lr: float, steps: int,
                       settings: Settings | None = None, adam_lr: float | None = None) -> tuple[Path, ...]:
    """Plain descent, momentum and Adam from one start: the lab's side-by-side chart.

    Adam moves each parameter by about its rate per step whatever the gradient's size, so it gets a
    rate of its own (`adam_lr`, by default the plain rate) to be comparable on one surface.
    """
    return tuple(run_path(loss, start, adam_lr if method == "adam" and adam_lr else lr, method, steps, settings)
                 for method in METHODS)
