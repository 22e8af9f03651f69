"""A horizontal bar chart drawn with plotext at the widget's size: the class's misconceptions."""

from __future__ import annotations

import threading

import plotext as plt
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

# plotext keeps one global figure; every build starts from a cleared figure under this lock, so a
# chart drawn by another part of the app (from a worker, say) never mixes with this one.
_LOCK = threading.Lock()
MIN_WIDTH, MIN_HEIGHT = 30, 6
MAX_LABEL = 20  # characters of a bar's label; the table beside the chart has the whole code


class BarChart(Widget):
    """Bars from the top down, largest first; `bars` is a tuple of (label, value)."""

    DEFAULT_CSS = """
    BarChart { width: 1fr; height: 1fr; min-height: 6; }
    """

    bars: reactive[tuple[tuple[str, float], ...]] = reactive((), always_update=True)

    def __init__(self, title: str = "", empty: str = "Nothing to draw.", **kwargs) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.empty = empty
        self._cached: tuple[tuple, tuple[int, int], Text] | None = None

    def render(self) -> Text:
        width, height = self.content_size
        if not self.bars:
            return Text(self.empty, style="dim")
        if self._cached and self._cached[0] is self.bars and self._cached[1] == (width, height):
            return self._cached[2]
        text = Text.from_ansi(draw(self.bars, width, height, self.title), no_wrap=True, end="")
        self._cached = (self.bars, (width, height), text)
        return text


def draw(bars: tuple[tuple[str, float], ...], width: int, height: int, title: str = "", color: bool = True) -> str:
    """The chart as text, `height` lines of `width` cells."""
    width, height = max(width, MIN_WIDTH), max(height, MIN_HEIGHT)
    shown = bars[: max(1, height - 3)]  # one row each at least, under the title and above the axis
    labels = [label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…" for label, _ in shown]
    values = [value for _, value in shown]
    with _LOCK:
        try:
            plt.clear_figure()
            plt.limit_size(False, False)  # else plotext shrinks the chart to the terminal it runs in
            plt.plotsize(width, height)
            plt.theme("pro" if color else "clear")
            if title:
                plt.title(title)
            # plotext lists horizontal bars from the bottom up: reversed, the largest is on top.
            plt.bar(labels[::-1], values[::-1], orientation="horizontal", width=0.6)
            ticks = _whole_ticks(max(values), 4 if width < 60 else 6)
            plt.xticks(ticks, [str(t) for t in ticks])  # counts: no 1.2 on the axis
            out = plt.build()
        finally:
            plt.clear_figure()
    out = out.removesuffix("\n")
    return out if color else plt.uncolorize(out)


def _whole_ticks(top: float, most: int) -> list[int]:
    step = max(1, -(-int(top) // most))
    return list(range(0, int(top) + step, step))
