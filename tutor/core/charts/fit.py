"""A ChartSpec fitted to a screen: series clipped to the view and thinned, marks kept in view, ticks chosen.

Whatever the values (a divergence at 1e300, inf, NaN, 10 000 steps), what reaches plotext is bounded
by the chart's size: at most POINTS_PER_CELL points per character cell in all, each line cut to the
view so that plotext's cell-by-cell joining stays on screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .clip import clip_polyline, inside, normalised
from .layout import placed, x_ticks, y_ticks
from .spec import ChartSpec, Mark, Range, Series
from .thin import column_extremes, ink, stride_for, strided, unique_dots, without_repeats
from .ticks import Ticks

POINTS_PER_CELL = 4  # the budget: half a braille character's 8 dots, far more than any line needs
LIMIT = 1e307  # axis limits beyond this would overflow the width of the view (hi − lo)
MARKER_DOTS = {"braille": (2, 4), "fhd": (2, 3), "hd": (2, 2)}  # dots per character; others are 1 × 1


@dataclass(frozen=True)
class Drawn:
    """A series as plotext gets it: in view units (the view is 0..1 both ways), None where a line breaks.

    plotext never sees a large number: it multiplies coordinates by the canvas size and by 1e8 on
    its way to a cell, which overflows from about 1e298 on.
    """

    series: Series
    xs: list
    ys: list


@dataclass(frozen=True)
class Fitted:
    """What render hands plotext; positions in view units, ticks placed there with their labels."""

    xlim: Range
    ylim: Range  # in axis units: exponents on a log scale
    drawn: tuple[Drawn, ...]
    marks: tuple[Mark, ...]  # in view units, all inside the view
    xticks: Ticks
    yticks: Ticks

    @property
    def points(self) -> int:
        return sum(len(d.xs) for d in self.drawn)


def fit(spec: ChartSpec, width: int, height: int, legend_rows: int = 0) -> Fitted:
    """Everything plotext is handed for `spec` drawn at width × height."""
    xlim = _range(spec.xlim)
    ylim = _range(_axis(spec.ylim, spec.yscale), log=spec.yscale == "log")
    if legend_rows:
        # The legend covers the top rows at the left; lift the top so no data hides behind it.
        canvas = max(height - 5, 3)
        rows = min(legend_rows, canvas - 2)
        ylim = (ylim[0], ylim[0] + (ylim[1] - ylim[0]) * canvas / (canvas - rows))
    budget = POINTS_PER_CELL * width * height
    prepared = [_Prepared(s, xlim, ylim, spec.yscale == "log", width, height) for s in spec.series]
    total = sum(p.cost for p in prepared)
    if total > budget:
        for p in prepared:
            p.thin(budget * p.cost // total)
    drawn = tuple(p.drawn() for p in prepared if p.cost)
    return Fitted(xlim, ylim, drawn, _marks(spec, xlim, ylim), placed(x_ticks(xlim, width, spec.integer_x), xlim),
                  placed(y_ticks(ylim, spec.yscale, height), ylim))


class _Prepared:
    """One series in view coordinates, with its cost; thinned in place when the chart is over budget."""

    def __init__(self, series: Series, xlim: Range, ylim: Range, log: bool, width: int, height: int) -> None:
        self.series, self.xlim, self.ylim = series, xlim, ylim
        fx, fy = MARKER_DOTS.get(series.marker, (1, 1))
        self.dots = (fx * width, fy * height)
        ys = np.asarray(series.ys, dtype=float)
        if log:
            with np.errstate(divide="ignore", invalid="ignore"):
                ys = np.where(ys > 0, np.log10(np.where(ys > 0, ys, 1.0)), np.nan)
        self.u, self.v = normalised(np.asarray(series.xs, dtype=float), *xlim), normalised(ys, *ylim)
        if series.kind == "line":
            keep = column_extremes(self.u, self.v, self.dots[0])
            self.u, self.v = self.u[keep], self.v[keep]
        else:
            keep = np.flatnonzero(inside(self.u, self.v))
            keep = keep[unique_dots(self.u[keep], self.v[keep], self.dots)]
            self.u, self.v = self.u[keep], self.v[keep]
        self._cut(1)

    def _cut(self, k: int) -> None:
        idx = strided(len(self.u), k)
        u, v = self.u[idx], self.v[idx]
        if self.series.kind == "line":
            u, v = without_repeats(*clip_polyline(u, v), self.dots)
            self.cost = ink(u, v, self.dots)
        else:
            self.cost = len(u)
        self.out = (u, v)

    def thin(self, allowed: int) -> None:
        """Every k-th point, k doubling until the cost fits (a line of two points always does)."""
        k = stride_for(self.cost, allowed)
        while True:
            self._cut(k)
            if self.cost <= allowed or k >= len(self.u):
                return
            k *= 2

    def drawn(self) -> Drawn:
        u, v = self.out
        return Drawn(self.series, [None if math.isnan(a) else a for a in u.tolist()],
                     [None if math.isnan(b) else b for b in v.tolist()])


def _axis(ylim: Range, scale: str) -> Range:
    if scale != "log":
        return ylim
    lo, hi = (v if math.isfinite(v) and v > 0 else None for v in ylim)
    return (math.log10(lo) if lo else -1.0), (math.log10(hi) if hi else 1.0)


def _range(limits: Range, log: bool = False) -> Range:
    """Finite limits with lo < hi whatever the spec says: one value gets room around it."""
    lo, hi = sorted(min(max(float(v), -LIMIT), LIMIT) if not math.isnan(v) else 0.0 for v in limits)
    if hi - lo > 1e-9 * max(abs(lo), abs(hi)):
        return lo, hi
    pad = 1.0 if log or lo == 0 else abs(lo) * 0.1
    return lo - pad, hi + pad


def _marks(spec: ChartSpec, xlim: Range, ylim: Range) -> tuple[Mark, ...]:
    out = []
    for m in spec.marks:
        y = m.y
        if spec.yscale == "log":
            y = math.log10(y) if math.isfinite(y) and y > 0 else math.nan
        u, v = normalised(np.array([m.x]), *xlim)[0], normalised(np.array([y]), *ylim)[0]
        if -1e-9 <= u <= 1 + 1e-9 and -1e-9 <= v <= 1 + 1e-9:  # NaN fails both
            out.append(Mark(m.text, float(u), float(v), m.color))
    return tuple(out)
