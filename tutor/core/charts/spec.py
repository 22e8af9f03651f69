"""What a chart shows, as plain data: series, marks, ranges and scale, free of any drawing library."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Scale = Literal["linear", "log"]
Range = tuple[float, float]
MAX_EXPONENT = 307  # 10 ** 308.3 overflows a float


@dataclass(frozen=True)
class Series:
    """Points joined by a line, or scattered; `marker` is a plotext marker name or one character."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    label: str | None = None
    kind: Literal["line", "points"] = "line"
    marker: str = "braille"
    color: str | None = None

    def __post_init__(self) -> None:
        if len(self.xs) != len(self.ys):
            raise ValueError("a series needs as many x values as y values")


@dataclass(frozen=True)
class Mark:
    """A short text placed at a point of the chart: ✗ diverged, ● the current point, an arrow head."""

    text: str
    x: float
    y: float
    color: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    """A whole chart; `notes` are said beside it (points a log scale cannot show, levels drawn)."""

    title: str
    xlabel: str
    ylabel: str
    series: tuple[Series, ...]
    xlim: Range
    ylim: Range
    yscale: Scale = "linear"
    marks: tuple[Mark, ...] = ()
    notes: tuple[str, ...] = ()
    integer_x: bool = False  # steps: ticks at whole numbers
    legend: bool = True  # a key of the labelled series (labels still name series when it is off)

    def series_labelled(self, label: str) -> Series:
        for s in self.series:
            if s.label == label:
                return s
        raise KeyError(label)


def padded(values: Iterable[float], scale: Scale = "linear", pad: float = 0.05,
           include_zero: bool = False) -> Range:
    """A range holding every finite value with a little room; never empty, positive on a log scale."""
    finite = [v for v in values if math.isfinite(v) and (scale == "linear" or v > 0)]
    if include_zero and scale == "linear":
        finite.append(0.0)
    if not finite:
        return (0.0, 1.0) if scale == "linear" else (0.1, 10.0)
    lo, hi = min(finite), max(finite)
    if scale == "log":
        # Pad by a factor: a log axis treats 1e-8..1e-7 like 1..10.
        lo, hi = math.log10(lo), math.log10(hi)
        span = max(hi - lo, 1.0)
        return 10 ** max(lo - pad * span, -MAX_EXPONENT), 10 ** min(hi + pad * span, MAX_EXPONENT)
    span = hi - lo or max(abs(hi), 1.0)
    if not math.isfinite(span):  # from −1e308 to 1e308: no room is left to pad with
        return lo, hi
    bottom = 0.0 if include_zero and lo == 0 else lo - pad * span  # a loss axis starts at 0 exactly
    top = hi + pad * span
    return (bottom if math.isfinite(bottom) else lo), (top if math.isfinite(top) else hi)
