"""Charts of one value per step: the loss, and the gradient norm shrinking towards zero."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from tutor.core.descent.trace import Trace, show

from .spec import ChartSpec, Mark, Scale, Series, padded


def on_scale(xs: Sequence[float], ys: Sequence[float], scale: Scale,
             floor: float | None = None) -> tuple[tuple, tuple, float | None]:
    """Finite points, with values ≤ 0 raised to a floor on a log scale; returns (xs, ys, floor or None).

    A loss of exactly 0 (the course's first step) has no place on a log axis; drawing it on the
    bottom edge keeps the line's fall visible instead of hiding the point.
    """
    points = [(x, y) for x, y in zip(xs, ys) if math.isfinite(y)]
    px, py = tuple(p[0] for p in points), tuple(p[1] for p in points)
    positive = [y for y in py if y > 0]
    if scale == "linear" or len(positive) == len(py):
        return px, py, None
    floor = floor or log_floor(py)
    return px, tuple(y if y > 0 else floor for y in py), floor


def log_floor(values: Sequence[float]) -> float:
    """Where values ≤ 0 go on a log axis: two decades under the smallest positive value."""
    positive = [v for v in values if v > 0 and math.isfinite(v)]
    return min(positive) / 100 if positive else 1e-12


def _outcome_marks(trace: Trace, xs: tuple, ys: tuple) -> tuple[Mark, ...]:
    if not xs or trace.outcome.kind not in ("diverged", "converged"):
        return ()
    # At the step the verdict is about (F5 may have gone on from there), else at the last point drawn.
    k = trace.outcome.step
    x, y = (k, ys[xs.index(k)]) if k in xs else (xs[-1], ys[-1])
    if trace.outcome.kind == "diverged":
        return (Mark(f"✗ diverged (step {k})", x, y, "red"),)
    return (Mark(f"✓ converged (step {k})", x, y, "green"),)


def _step_chart(trace: Trace, values: Sequence[float], title: str, ylabel: str, label: str,
                scale: Scale, color: str) -> ChartSpec:
    steps = [s.index for s in trace.steps]
    xs, ys, floor = on_scale(steps, values, scale)
    notes = []
    if floor is not None:
        notes.append(f"values ≤ 0 are drawn on the bottom edge ({show(floor, 3)})")
    missing = [k for k, v in zip(steps, values) if not math.isfinite(v)]
    if missing:
        where = f"step {missing[0]}" if len(missing) == 1 else f"{len(missing)} steps from {missing[0]}"
        notes.append(f"{where} not finite (∞ or NaN): not drawn")
    series = (Series(xs, ys, label, "line", "braille", color),)
    xlim = (0.0, float(max(steps[-1], 1)))
    ylim = padded(ys, scale, include_zero=scale == "linear" and all(y >= 0 for y in ys))
    return ChartSpec(title, "step", ylabel, series, xlim, ylim, scale, _outcome_marks(trace, xs, ys), tuple(notes),
                     integer_x=True)


def loss_chart(trace: Trace, scale: Scale = "linear") -> ChartSpec:
    """The loss at every step, on a linear or log scale, with the outcome marked."""
    return _step_chart(trace, trace.losses, "loss per step", "loss", "loss", scale, "cyan")


def norm_chart(trace: Trace, scale: Scale = "linear", tolerance: float | None = None) -> ChartSpec:
    """The gradient norm ‖∇L‖ at every step: it shrinks to zero as the descent reaches a minimum."""
    spec = _step_chart(trace, trace.norms, "gradient norm per step", "‖∇L‖", "‖∇L‖", scale, "yellow")
    if tolerance is None or scale != "log":
        return spec
    line = Series(spec.xlim, (tolerance, tolerance), "tolerance", "line", "braille", "gray")
    ylim = (min(spec.ylim[0], tolerance / 3), spec.ylim[1])
    return replace(spec, series=(*spec.series, line), ylim=ylim)
