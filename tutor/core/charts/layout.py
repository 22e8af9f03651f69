"""Where plotext puts things: the ticks on each axis, and the canvas left for the plot itself."""

from __future__ import annotations

from .spec import Range
from .ticks import Ticks, decade_ticks, integer_ticks, linear_ticks

SMALL_WIDTH, SMALL_HEIGHT = 60, 16


def small(width: int, height: int) -> bool:
    """A chart this small leaves out its axis labels: they would cost rows the data needs."""
    return width < SMALL_WIDTH or height < SMALL_HEIGHT


def x_ticks(xlim: Range, width: int, integer: bool = False) -> Ticks:
    """As many round ticks as fit with room between their labels (at most 7)."""
    make = integer_ticks if integer else linear_ticks
    for count in range(7, 1, -1):
        ticks = make(*xlim, count)
        widest = max((len(t) for t in ticks[1]), default=0)
        if len(ticks[0]) * (widest + 3) <= width - 8:
            return ticks
    return make(*xlim, 2)


def y_ticks(ylim: Range, scale: str, height: int) -> Ticks:
    """The y axis's ticks; `ylim` in axis units (exponents on a log scale)."""
    room = max(2, (height - 6) // 2)
    if scale == "log":
        return decade_ticks(*ylim, room)
    return linear_ticks(*ylim, min(room, 6))


def placed(ticks: Ticks, lim: Range) -> Ticks:
    """Tick positions in view units (0..1), where fit hands plotext everything."""
    values, names = ticks
    return tuple((v - lim[0]) / (lim[1] - lim[0]) for v in values), names


def canvas(width: int, height: int, ylabels: tuple[str, ...], small: bool) -> tuple[int, int]:
    """The characters plotext plots in: less the y tick labels and the frame, the title, x ticks and labels."""
    return width - max((len(t) for t in ylabels), default=0) - 2, height - (4 if small else 5)
