"""Charts as data and text: plotext figures built from descent traces, drawable by any front end."""

from __future__ import annotations

from .rates import rates_chart, three_rates
from .render import render
from .spec import ChartSpec, Mark, Series, padded
from .steps import loss_chart, norm_chart
from .surface import heat_grid, surface_chart

__all__ = ["ChartSpec", "Mark", "Series", "heat_grid", "loss_chart", "norm_chart", "padded", "rates_chart", "render",
           "surface_chart", "three_rates"]
