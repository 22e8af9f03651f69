"""The Hessian-aware view: the surface with its eigen-directions drawn through the current point,
the path so far, and what a step at the learner's rate does along each direction."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tutor.core.descent.curvature import Curvature
from tutor.core.descent.problem import Loss
from tutor.core.descent.surface import Range, loss_surface
from tutor.core.descent.trace import Trace, show

from .optimizers import thin_path
from .spec import ChartSpec, Mark, Series
from .surface import contour_series

REACH = 0.4  # each eigen-direction is drawn this fraction of the view's size either side of the point


def bound_note(curvature: Curvature | None, lr: float) -> str | None:
    """'2/λ_max = 0.292 > lr 0.1: converges; κ = 47' (on a quadratic), or None without a bound."""
    bound = curvature.bound if curvature is not None else None
    if bound is None:
        return None
    side = f"< lr {show(lr, 3)}: diverges" if lr > bound else f"> lr {show(lr, 3)}: converges"
    condition = curvature.condition
    return f"2/λ_max = {show(bound, 3)} {side}" + (f"; κ = {show(condition, 3)}" if condition else "")


def curvature_chart(loss: Loss, trace: Trace, curvature: Curvature | None, view: Sequence[Range],
                    lr: float, levels: int = 5) -> ChartSpec:
    """Contours, the path, and the two eigen-directions of the Hessian at the current point."""
    names = loss.params[:2]
    (x0, x1), (y0, y1) = view
    surface = loss_surface(loss, view, trace.point(), names)
    series, _ = contour_series(surface.xs, surface.ys, surface.z, levels)
    path = thin_path([s.params[:2] for s in trace.steps])
    series.append(Series(tuple(p[0] for p in path), tuple(p[1] for p in path), "path", "line", "braille", "white"))
    marks = [Mark("○", *path[0], "white")]
    here = trace.final.params[:2]
    if curvature is not None and all(math.isfinite(v) for v in here):
        width, height = x1 - x0, y1 - y0
        for k, (value, color, what, marker) in enumerate(zip(curvature.values, ("red", "green"), ("steep", "shallow"),
                                                             ("•", "∘"))):
            # As long on screen whatever the axes' scales: the direction is normalised in view units.
            a, b = curvature.vectors[0, k] / width, curvature.vectors[1, k] / height
            norm = math.hypot(a, b) or 1.0
            dx, dy = a / norm * REACH * width, b / norm * REACH * height
            factor = abs(1 - lr * value)
            series.append(Series((here[0] - dx, here[0] + dx), (here[1] - dy, here[1] + dy),
                                 f"λ = {show(value, 3)} ({what}): ×{show(factor, 3)} a step", "line", marker, color))
    # One note, the one this view is for (the contour levels are left unsaid: the legend holds the λ).
    note = bound_note(curvature, lr)
    notes = [note] if note else ["no minimum's curvature here (a λ ≤ 0, or no value)"]
    marks.append(Mark("●", *here, "white") if all(math.isfinite(v) for v in here) else Mark("✗", x1, y1, "red"))
    return ChartSpec("curvature: the Hessian's eigen-directions", names[0], names[1] if len(names) > 1 else "",
                     tuple(series), (float(x0), float(x1)), (float(y0), float(y1)), "linear", tuple(marks),
                     tuple(notes))
