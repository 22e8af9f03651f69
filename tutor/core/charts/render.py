"""Draw a ChartSpec as text with plotext, isolated from anyone else's use of plotext's global figure."""

from __future__ import annotations

import threading

import plotext as plt

from .fit import fit
from .layout import small
from .spec import ChartSpec

# plotext keeps one global figure (its figure class is private); every build happens under this
# lock from a cleared figure, so two charts drawn from two threads never mix.
_LOCK = threading.Lock()
MIN_WIDTH, MIN_HEIGHT = 20, 8


def render(spec: ChartSpec, width: int, height: int, color: bool = True, theme: str = "pro") -> str:
    """The chart as `height` lines of `width` cells (ANSI colours unless color=False)."""
    width, height = max(int(width), MIN_WIDTH), max(int(height), MIN_HEIGHT)
    with _LOCK:
        try:
            text = _build(spec, width, height, color, theme, legend=True)
        except (IndexError, ValueError, ZeroDivisionError):
            # plotext fails on a labelled series with no visible point; the legend is what we drop.
            text = _build(spec, width, height, color, theme, legend=False)
        finally:
            plt.clear_figure()
    text = text.removesuffix("\n")  # exactly `height` lines: a widget adds no blank line below
    return text if color else plt.uncolorize(text)


def _build(spec: ChartSpec, width: int, height: int, color: bool, theme: str, legend: bool) -> str:
    plt.clear_figure()
    plt.limit_size(False, False)  # else plotext shrinks the chart to the terminal it runs in
    plt.plotsize(width, height)
    plt.theme(theme if color else "clear")
    plt.title(spec.title)
    if not small(width, height):
        plt.xlabel(spec.xlabel)
        plt.ylabel(spec.ylabel)
    labelled = [s for s in spec.series if s.label and s.xs]
    legend = legend and spec.legend and len(labelled) > 1  # one line needs no key: the title names it
    fitted = fit(spec, width, height)
    if legend:
        shown = [d for d in fitted.drawn if d.series.label]
        legend = len(shown) > 1
        if legend:
            fitted = fit(spec, width, height, legend_rows=len(shown) + 1)
    # plotext's own ticks would print every digit of the range (4859478203596.8): ours are round and short.
    plt.xlim(0.0, 1.0)  # everything is handed over in view units (see fit.Drawn)
    plt.ylim(0.0, 1.0)
    plt.xticks(*map(list, fitted.xticks))
    plt.yticks(*map(list, fitted.yticks))
    for d in fitted.drawn:
        s = d.series
        draw = plt.plot if s.kind == "line" else plt.scatter
        draw(d.xs, d.ys, marker=s.marker, color=s.color or "default", label=s.label if legend else None)
    for m in fitted.marks:
        # Text runs left of a point in the right half, so a mark at the last step stays on the chart.
        plt.text(m.text, m.x, m.y, color=m.color or "default", alignment="right" if m.x > 0.5 else "left")
    return plt.build()
