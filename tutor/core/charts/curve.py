"""A loss of one parameter: the curve L(x) with the path's points on it and the −∇ arrow."""

from __future__ import annotations

import math

from tutor.core.descent.problem import Loss
from tutor.core.descent.surface import Range, loss_surface
from tutor.core.descent.trace import Trace

from .spec import ChartSpec, Mark, Series


def curve_chart(loss: Loss, trace: Trace | None, name: str, view: Range, current: dict,
                grid: tuple[int, int] | None = None) -> ChartSpec:
    """L along one parameter, the path's points on the curve, and −∇ as a short horizontal arrow."""
    surface = loss_surface(loss, [view], current, [name], ((grid or (161, 1))[0], 1))
    curve = Series(tuple(surface.xs.tolist()), tuple(surface.z[0].tolist()), f"L({name})", "line", "braille", "cyan")
    series, marks = [curve], []
    finite = [v for v in surface.z[0] if math.isfinite(v)]
    if trace:
        xs, ys = trace.values(name), trace.losses
        series.append(Series(xs, ys, "path", "points", "dot", "white"))
        marks.append(Mark("●", xs[-1], ys[-1], "white"))
        g = trace.final.gradient[trace.names.index(name)]
        if math.isfinite(g) and g != 0:
            end = xs[-1] - math.copysign(0.12 * (view[1] - view[0]), g)
            series.append(Series((xs[-1], end), (ys[-1], ys[-1]), "−∇L", "line", "braille", "red"))
            marks.append(Mark("←" if end < xs[-1] else "→", end, ys[-1], "red"))
    lo, hi = (min(finite), max(finite)) if finite else (0.0, 1.0)
    ylim = (lo - 0.05 * ((hi - lo) or 1.0), hi + 0.05 * ((hi - lo) or 1.0))
    return ChartSpec(f"L({name}) and the path", name, "L", tuple(series), view, ylim, "linear", tuple(marks), ())
