"""Gradient descent: traces of every step, divergence and convergence, for the CLI, lessons and lab."""

from __future__ import annotations

from .data import Dataset, dataset, parse_data
from .errors import DescentError
from .presets import PRESETS, Preset, preset
from .problem import Loss
from .rules import StopRules
from .run import MAX_STEPS, MAX_WORK, DescentRun, compare_rates, descend
from .surface import Arrow, Surface, descent_arrow, fit_view, loss_surface
from .trace import Outcome, Step, Trace, Update, show

__all__ = [
    "MAX_STEPS", "MAX_WORK", "PRESETS", "Arrow", "Dataset", "DescentError", "DescentRun", "Loss", "Outcome",
    "Preset", "Step", "StopRules", "Surface", "Trace", "Update", "compare_rates", "dataset", "descend",
    "descent_arrow", "fit_view", "loss_surface", "parse_data", "preset", "show",
]
