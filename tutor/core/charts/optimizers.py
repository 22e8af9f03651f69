"""Plain descent, momentum and Adam on one surface: three paths in three colours, with a legend."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tutor.core.descent.optimizers import LABELS, Path
from tutor.core.descent.problem import Loss
from tutor.core.descent.surface import Range, loss_surface
from tutor.core.descent.trace import show

from .spec import ChartSpec, Mark, Series
from .surface import contour_series

COLORS = {"plain": "white", "momentum": "yellow", "adam": "magenta"}
MAX_PATH = 600  # points of one path handed to the chart: a terminal has fewer columns than that


def thin_path(points: Sequence[tuple[float, ...]], limit: int = MAX_PATH) -> list[tuple[float, ...]]:
    """Every k-th point and the last: a 10 000-step run draws as fast as a 600-step one."""
    if len(points) <= limit:
        return list(points)
    kept = list(points[:: math.ceil(len(points) / limit)])
    if kept[-1] is not points[-1]:
        kept.append(points[-1])
    return kept


def optimizers_chart(loss: Loss, paths: Sequence[Path], view: Sequence[Range], upto: int | None = None,
                     levels: int = 5) -> ChartSpec:
    """Contours of L over `view` and each optimizer's path up to step `upto` (all of it by default)."""
    names = loss.params[:2]
    (x0, x1), (y0, y1) = view
    surface = loss_surface(loss, view, dict(zip(loss.params, paths[0].points[0])) if paths else None, names)
    series, _ = contour_series(surface.xs, surface.ys, surface.z, levels)
    marks: list[Mark] = []
    diverged: list[str] = []
    for path in paths:
        points = path.points[: (upto + 1) if upto is not None else None]
        drawn = thin_path(points)
        color = COLORS.get(path.method, "cyan")
        here = points[-1]
        value = path.losses[len(points) - 1]
        label = f"{LABELS.get(path.method, path.method)}: L = {show(value, 3)}"
        series.append(Series(tuple(p[0] for p in drawn), tuple(p[1] for p in drawn), label, "line", "braille", color))
        if all(math.isfinite(v) for v in here[:2]) and x0 <= here[0] <= x1 and y0 <= here[1] <= y1:
            marks.append(Mark("●", here[0], here[1], color))
        if path.diverged and len(path.points) <= len(points):
            diverged.append(f"{LABELS.get(path.method, path.method)} at step {len(path.points) - 1}")
    # One note, the one worth the line under the chart (the legend already gives each path's loss).
    notes = [f"diverged: {', '.join(diverged)}"] if diverged else []
    if paths:
        start = paths[0].points[0]
        marks.insert(0, Mark("○", start[0], start[1], "white"))
    step = upto if upto is not None else max((len(p.points) - 1 for p in paths), default=0)
    return ChartSpec(f"plain descent, momentum and Adam: step {step}", names[0], names[1] if len(names) > 1 else "",
                     tuple(series), (float(x0), float(x1)), (float(y0), float(y1)), "linear", tuple(marks),
                     tuple(notes))
