"""Draw a ChartSpec as text with plotext, isolated from anyone else's use of plotext's global figure."""

from __future__ import annotations

import math
import threading

import plotext as plt

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
    small = width < 60 or height < 16
    plt.title(spec.title)
    if not small:  # in a pane of an 80×24 screen, axis labels cost rows the data needs
        plt.xlabel(spec.xlabel)
        plt.ylabel(spec.ylabel)
    labelled = [s for s in spec.series if s.label and s.xs]
    legend = legend and spec.legend and len(labelled) > 1  # one line needs no key: the title names it
    plt.xlim(*spec.xlim)
    if spec.integer_x:
        ticks = _integer_ticks(*spec.xlim, 4 if small else 6)
        plt.xticks(ticks, [str(t) for t in ticks])
    lo, hi = _axis(spec.ylim, spec.yscale)
    if legend:
        # The legend covers the top rows at the left; lift the top so no data hides behind it.
        canvas = max(height - 5, 3)
        rows = min(len(labelled) + 1, canvas - 2)
        hi = lo + (hi - lo) * canvas / (canvas - rows)
    plt.ylim(lo, hi)
    if spec.yscale == "log":
        _log_ticks(lo, hi, height)
    for s in spec.series:
        if s.xs:
            draw = plt.plot if s.kind == "line" else plt.scatter
            draw(list(s.xs), list(s.ys), marker=s.marker, color=s.color or "default",
                 label=s.label if legend else None)
    middle = (spec.xlim[0] + spec.xlim[1]) / 2
    for m in spec.marks:
        # Text runs left of a point in the right half, so a mark at the last step stays on the chart.
        plt.text(m.text, m.x, m.y, color=m.color or "default", alignment="right" if m.x > middle else "left")
    return plt.build()


def _axis(ylim: tuple[float, float], scale: str) -> tuple[float, float]:
    """plotext takes log-scale limits as exponents."""
    if scale != "log":
        return ylim
    plt.yscale("log")
    return math.log10(ylim[0]), math.log10(ylim[1])


def _log_ticks(lo: float, hi: float, height: int) -> None:
    """Ticks at whole decades, read as 1e-8, 0.01, 1, 100; thinned to fit the height."""
    decades = list(range(math.ceil(lo), math.floor(hi) + 1))
    room = max(2, (height - 6) // 2)
    decades = decades[::max(1, math.ceil(len(decades) / room))]
    if decades:
        plt.yticks([10.0 ** d for d in decades], [_decade(d) for d in decades])


def _decade(d: int) -> str:
    return {0: "1", 1: "10", 2: "100", -1: "0.1", -2: "0.01"}.get(d, f"1e{d}")


def _integer_ticks(lo: float, hi: float, count: int) -> list[int]:
    """Whole-number ticks 1, 2 or 5 × 10^k apart, about `count` of them."""
    span = max(hi - lo, 1.0)
    raw = span / max(count - 1, 1)
    base = 10 ** math.floor(math.log10(raw))
    step = next(m * base for m in (1, 2, 5, 10) if m * base >= raw)
    step = max(int(step), 1)
    first = math.ceil(lo / step) * step
    return list(range(int(first), int(hi) + 1, step))
