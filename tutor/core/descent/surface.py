"""The loss over a grid of two parameters (or along one), the −∇ arrow, and a view that fits a path."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tutor.core.maths.calculus import float_function
from tutor.core.maths.floateval import Unsupported, evaluate_float

from .errors import DescentError
from .problem import Loss

Range = tuple[float, float]
MAX_CELLS = 250_000  # a grid finer than a terminal's braille dots is wasted work


@dataclass(frozen=True, eq=False)
class Surface:
    """z[j, i] = L at (xs[i], ys[j]), other parameters held at `fixed`; NaN where undefined.

    For a loss of one parameter, ys is empty and z has one row: the curve L(xs).
    """

    names: tuple[str, ...]
    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray
    fixed: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Arrow:
    """A short arrow along −∇L from `start`; `gradient` is ∇L there (the arrow points against it)."""

    start: tuple[float, float]
    end: tuple[float, float]
    gradient: tuple[float, float]


def loss_surface(loss: Loss, view: Sequence[Range], at: Mapping[str, float] | None = None,
                 names: Sequence[str] | None = None, size: tuple[int, int] = (61, 31)) -> Surface:
    """L on a size[0] × size[1] grid over `view` (one range per plotted parameter)."""
    names = tuple(names or loss.params[:2])
    if not names or len(names) > 2 or any(n not in loss.params for n in names):
        raise DescentError(f"plot one or two of the parameters {', '.join(loss.params)}")
    if len(view) != len(names):
        raise DescentError("give one range per plotted parameter")
    nx, ny = (size[0], 1) if len(names) == 1 else size
    if nx < 2 or ny < 1 or nx * ny > MAX_CELLS:
        raise DescentError(f"a grid of {nx}×{ny} is too small or too large")
    fixed = {p: float((at or {}).get(p, 0.0)) for p in loss.params if p not in names}
    xs = np.linspace(*view[0], nx)
    ys = np.linspace(*view[1], ny) if len(names) == 2 else np.empty(0)
    if len(names) == 2:
        gx, gy = np.meshgrid(xs, ys)
        env = {names[0]: gx.ravel(), names[1]: gy.ravel()}
    else:
        env = {names[0]: xs}
    count = nx * ny
    env.update({p: np.full(count, v) for p, v in fixed.items()})
    z = _mean_over_points(loss, env, count).reshape(ny, nx)
    for array in (xs, ys, z):
        array.setflags(write=False)
    return Surface(names, xs, ys, z, tuple(fixed.items()))


def _mean_over_points(loss: Loss, env: dict[str, np.ndarray], count: int) -> np.ndarray:
    rows = loss.rows
    total = np.zeros(count)
    for row in rows:
        full = {**env, **{c: np.full(count, v) for c, v in row.items()}}
        try:
            total += evaluate_float(loss.expr, full, count)
        except Unsupported:
            f = float_function(loss.tree)
            total += np.array([f({k: float(v[i]) for k, v in full.items()}) for i in range(count)])
    return total / len(rows)


def descent_arrow(start: Sequence[float], gradient: Sequence[float], view: Sequence[Range],
                  fraction: float = 0.12) -> Arrow | None:
    """An arrow from `start` along −∇, `fraction` of the view long; None where ∇ is 0 or not finite."""
    (x0, x1), (y0, y1) = view
    gx, gy = gradient
    if not all(math.isfinite(v) for v in (*start, gx, gy)) or (gx == 0 and gy == 0):
        return None
    # Length is measured in view units so the arrow looks the same size whatever the scales.
    span_x, span_y = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    t = fraction / math.hypot(gx / span_x, gy / span_y)
    return Arrow((start[0], start[1]), (start[0] - t * gx, start[1] - t * gy), (gx, gy))


def fit_view(points: Iterable[Sequence[float]], margin: float = 0.25, min_span: float = 1.0,
             limit: float = 1e6) -> tuple[Range, ...]:
    """Ranges that hold the points with a margin; a divergence's runaway and values beyond `limit` are left out.

    The points are a path in order. A runaway starts at the first step (after the first) that lands
    more than RUNAWAY times farther from the start than the step before did: a descent that converges,
    however slowly, never does that, and the view stays on where the descent was still going somewhere.
    """
    usable = [p for p in _before_runaway(list(points)) if all(math.isfinite(v) and abs(v) <= limit for v in p)]
    if not usable:
        raise DescentError("no finite points to fit a view around")
    out = []
    for axis in zip(*usable):
        lo, hi = min(axis), max(axis)
        pad = max((hi - lo) * margin, min_span / 2)
        out.append((lo - pad, hi + pad))
    return tuple(out)


RUNAWAY = 4.0  # a step this many times farther from the start than the last one: lr·λ > 3, not a descent


def _before_runaway(path: list[Sequence[float]]) -> list[Sequence[float]]:
    if len(path) < 3 or not all(math.isfinite(v) for v in path[0]):
        return path
    start = path[0]
    before = None
    for k, p in enumerate(path[1:], start=1):
        distance = math.dist(p, start) if all(math.isfinite(v) for v in p) else math.inf
        if k >= 2 and before and distance > RUNAWAY * before:
            return path[:k]
        before = distance
    return path
