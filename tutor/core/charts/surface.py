"""The loss surface over two parameters (contours or a heat map), the path so far, and −∇ as an arrow."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np

from tutor.core.descent.errors import DescentError
from tutor.core.descent.problem import Loss
from tutor.core.descent.surface import Range, descent_arrow, fit_view, loss_surface
from tutor.core.descent.trace import Trace, show

from .contour import bins, crossings, levels_for
from .curve import curve_chart
from .layout import canvas, small, y_ticks
from .spec import ChartSpec, Mark, Series

Mode = Literal["contour", "heat"]
LEVEL_COLORS = ("blue", "cyan", "green", "yellow", "orange", "red", "magenta", "gray")
SHADES = ("·", "∙", "░", "▒", "▓", "█")  # heat bins low to high; readable without colour too
HEADS = "→↗↑↖←↙↓↘"


def surface_chart(loss: Loss, trace: Trace | None = None, *, view: Sequence[Range] | None = None,
                  names: Sequence[str] | None = None, mode: Mode = "contour", levels: int = 6,
                  grid: tuple[int, int] | None = None) -> ChartSpec:
    """Contours (or heat-map bins) of L over `view`, with the trace's path and a −∇ arrow at its end.

    Parameters not plotted are held at the trace's current values. With one parameter the chart
    is the curve L(x) with the path's points on it. For a heat map drawn at width × height, pass
    grid=heat_grid(width, height, view) so that each cell is one character.
    """
    names = tuple(names or loss.params[:2])
    current = trace.point() if trace else {}
    path = [tuple(s.params[trace.names.index(n)] for n in names) for s in trace.steps] if trace else []
    if view is None:
        if not path:
            raise DescentError("give a view or a trace to fit the view to")
        view = fit_view(path)
        if len(names) == 1:
            view = view[:1]
    view = tuple((float(a), float(b)) for a, b in view)
    if len(names) == 1:
        return curve_chart(loss, trace, names[0], view[0], current, grid)
    cells = grid or ((61, 31) if mode == "contour" else heat_grid(80, 24, view))
    surface = loss_surface(loss, view, current, names, cells)
    if mode == "heat":
        series, notes = _heat(surface.xs, surface.ys, surface.z, levels)
    else:
        series, notes = contour_series(surface.xs, surface.ys, surface.z, levels)
    marks: list[Mark] = []
    if trace:
        series.append(Series(tuple(p[0] for p in path), tuple(p[1] for p in path), "path", "line", "braille", "white"))
        marks.append(Mark("○", *path[0], "white"))
        marks.append(Mark("●", *path[-1], "white"))
        grad = trace.final.gradient
        arrow = descent_arrow(path[-1], [grad[trace.names.index(n)] for n in names], view)
        if arrow is not None:
            series.append(Series((arrow.start[0], arrow.end[0]), (arrow.start[1], arrow.end[1]), "−∇L",
                                 "line", "braille", "red"))
            marks.append(Mark(_head(arrow.end[0] - arrow.start[0], arrow.end[1] - arrow.start[1], view),
                              *arrow.end, "red"))
        outside = [k for k, p in enumerate(path) if not _inside(p, view)]
        if outside:
            notes.append(f"the path leaves the view at step {outside[0]}")
    fixed = [f"{k} = {show(v)}" for k, v in surface.fixed]
    if fixed:
        notes.append("held at " + ", ".join(fixed))
    # No legend: ○ start, ● now and the arrow head speak for themselves, and the key would need rows
    # above the view where the surface has no values.
    return ChartSpec(f"L({', '.join(names)}): {'contours' if mode == 'contour' else 'heat map'} and path",
                     names[0], names[1], tuple(series), view[0], view[1], "linear", tuple(marks), tuple(notes),
                     legend=False)


def heat_grid(width: int, height: int, view: Sequence[Range] | None = None) -> tuple[int, int]:
    """One heat-map cell per character of the plot drawn at width × height over `view` (no gaps, no overlap).

    The plot is the chart less its frame, title and tick labels; the labels' width follows the view.
    """
    ylabels = y_ticks(view[1], "linear", height)[1] if view is not None and len(view) > 1 else ("−1.00",)
    w, h = canvas(width, height, ylabels, small(width, height))
    return max(w, 8), max(h, 4)


def contour_series(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, count: int) -> tuple[list[Series], list[str]]:
    series = []
    levels = levels_for(z, count)
    for k, level in enumerate(levels):
        cx, cy = crossings(xs, ys, z, level)
        series.append(Series(tuple(cx.tolist()), tuple(cy.tolist()), None, "points", "braille",
                             LEVEL_COLORS[k % len(LEVEL_COLORS)]))
    return series, ["contours at L = " + ", ".join(show(v, 3) for v in levels)] if levels else []


def _heat(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, count: int) -> tuple[list[Series], list[str]]:
    edges = levels_for(z, min(count, len(SHADES)))
    which = bins(z, edges)
    gx, gy = np.meshgrid(xs, ys)
    series = []
    for k in range(1, len(edges) + 1):  # bin 0 (the lowest values) stays blank: the valley floor
        hit = which == k
        series.append(Series(tuple(gx[hit].tolist()), tuple(gy[hit].tolist()), None, "points",
                             SHADES[k - 1], LEVEL_COLORS[(k - 1) % len(LEVEL_COLORS)]))
    note = "shading from L < " + show(edges[0], 3) + " (blank) to L > " + show(edges[-1], 3) if edges else ""
    return series, [note] if note else []


def _inside(point: Sequence[float], view: Sequence[Range]) -> bool:
    return all(math.isfinite(v) and lo <= v <= hi for v, (lo, hi) in zip(point, view))


def _head(dx: float, dy: float, view: Sequence[Range]) -> str:
    """The arrow glyph nearest the arrow's direction on screen (a cell is about twice as tall as wide)."""
    (x0, x1), (y0, y1) = view
    angle = math.atan2(dy / ((y1 - y0) or 1.0), 1.8 * dx / ((x1 - x0) or 1.0))
    return HEADS[round(angle / (math.pi / 4)) % 8]
