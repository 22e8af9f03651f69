"""What the lab is set up to show: a preset's loss or an exercise's, and the surface's ranges."""

from __future__ import annotations

from dataclasses import dataclass

from .presets import PRESETS
from .problem import Loss
from .run import descend
from .surface import fit_view


@dataclass(frozen=True)
class LabConfig:
    """What the lab shows: a preset's loss, or an exercise's (its `ahead` hand steps taken at once)."""

    key: str
    title: str
    loss: str
    data: object            # a data set as text ("x=2;y=4"), columns {x: [...]}, or None
    start: dict
    lr: float
    steps: int
    params: tuple[str, ...] | None = None
    rates: tuple[float, float, float] | None = None
    view: tuple | None = None
    ahead: int = 0
    optimizers: tuple[float, float, float, float] | None = None  # (β, β₁, β₂, ε): plain, momentum, Adam side by side

    @classmethod
    def preset(cls, key: str) -> LabConfig:
        p = PRESETS[key]
        return cls(key, p.title, p.loss, p.data, p.start_point(), p.lr, p.steps, None, p.rates, p.view,
                   optimizers=(0.9, 0.9, 0.999, 1e-8) if p.optimizers else None)


def view_for(loss: Loss, config: LabConfig, start: dict) -> tuple:
    """The surface's ranges: the preset's view stretched to hold the start, else fitted to a trial run."""
    names = loss.params[:2]
    here = tuple(start[n] for n in names)
    if config.view is not None:
        view = tuple(config.view[: len(names)])
        if all(lo <= v <= hi for v, (lo, hi) in zip(here, view)):
            return view
        corners = [tuple(lo for lo, _ in view), tuple(hi for _, hi in view), here]
        return fit_view(corners, margin=0.1)
    trial = descend(loss, start, config.lr, max(1, min(config.steps, 200)))
    return fit_view([tuple(s.params[:2]) for s in trial.steps], limit=1e3)
