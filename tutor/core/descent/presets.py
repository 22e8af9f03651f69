"""The losses the lab offers, each with a start, a good rate, a view, and three rates to compare."""

from __future__ import annotations

from dataclasses import dataclass

from .problem import Loss

Range = tuple[float, float]


@dataclass(frozen=True)
class Preset:
    """A ready-made descent: `rates` are (too small, good, diverging) from the same start."""

    key: str
    title: str
    loss: str
    data: str | None
    start: tuple[tuple[str, float], ...]
    lr: float
    steps: int
    rates: tuple[float, float, float]
    view: tuple[Range, Range]  # ranges of the first two parameters for the surface chart
    note: str = ""
    optimizers: bool = False   # opens on plain descent, momentum and Adam side by side

    def make_loss(self) -> Loss:
        return Loss(self.loss, self.data)

    def start_point(self) -> dict[str, float]:
        return dict(self.start)


FEATURES = "x1={x1};x2={x2};y=-2.5,-0.5,0.5,2.5"  # four points, the features' columns filled in

PRESETS: dict[str, Preset] = {p.key: p for p in (
    Preset("mse-one", "MSE of one point (the course)", "(wx+b-y)^2", "x=2;y=4",
           (("w", 0.0), ("b", 0.0)), 0.1, 10, (0.01, 0.1, 0.25), ((-1.0, 3.0), (-1.0, 2.0)),
           "x = 2, y = 4: the first step lands on the line of minima 2w + b = 4."),
    Preset("mse-many", "MSE of three points", "(wx+b-y)^2", "x=1,2,3;y=2,4,5",
           (("w", 0.0), ("b", 0.0)), 0.15, 100, (0.01, 0.15, 0.2), ((-0.5, 3.0), (-1.5, 2.5)),
           "The least-squares line is w = 1.5, b = 2/3."),
    Preset("bowl", "x² + xy + y² (a tilted oval bowl)", "x^2 + xy + y^2", None,
           (("x", 1.0), ("y", 2.0)), 0.1, 60, (0.01, 0.3, 0.75), ((-2.5, 2.5), (-2.5, 2.5)),
           "∇f(1, 2) = (4, 5); one minimum, at (0, 0); the contours are ellipses at 45°."),
    Preset("elongated", "x² + 10y² (an elongated bowl)", "x^2 + 10y^2", None,
           (("x", 4.0), ("y", 1.0)), 0.09, 60, (0.01, 0.09, 0.11), ((-5.0, 5.0), (-2.0, 2.0)),
           "Steep in y, shallow in x: a rate good for one is slow or unstable for the other."),
    Preset("two-minima", "(x² − 1)² + y² (two minima)", "(x^2-1)^2 + y^2", None,
           (("x", 0.3), ("y", 1.5)), 0.05, 80, (0.005, 0.05, 0.6), ((-2.0, 2.0), (-2.0, 2.0)),
           "Minima at (−1, 0) and (1, 0): the start decides which one the descent finds."),
    Preset("practice-6", "Practice 6: MSE of (1, 3), (2, 5) (a narrow valley)", "(wx+b-y)^2", "x=1,2;y=3,5",
           (("w", 0.0), ("b", 0.0)), 0.1, 200, (0.01, 0.28, 0.3), ((-1.0, 4.0), (-1.0, 4.0)),
           "Hessian [[5, 3], [3, 2]]: λ = 6.85 and 0.146, so 2/λ_max = 0.292 and the valley floor crawls."),
    Preset("optimizers", "Momentum and Adam in a ravine (x² + 10y²)", "x^2 + 10y^2", None,
           (("x", 4.0), ("y", 1.0)), 0.02, 150, (0.005, 0.02, 0.11), ((-5.0, 5.0), (-2.0, 2.0)),
           "Plain descent crawls along x; momentum builds speed there; Adam moves every coordinate alike.",
           optimizers=True),
    # Two centred, uncorrelated features, raw and scaled to spread 1: the same data and the same
    # best fit (y = 0.5·x1 + 2·x2 raw, 1.5·x1 + x2 scaled), an elongated bowl against a round one.
    Preset("features-raw", "Two features, raw scales (elongated)", "(w1 x1 + w2 x2 - y)^2",
           FEATURES.format(x1="-3,-3,3,3", x2="-0.5,0.5,-0.5,0.5"),
           (("w1", 0.0), ("w2", 0.0)), 0.1, 150, (0.01, 0.1, 0.12), ((-0.5, 1.5), (-0.5, 2.5)),
           "x1 spreads ±3, x2 ±0.5: L = 9(w1 − 0.5)² + 0.25(w2 − 2)², steep in w1, flat in w2."),
    Preset("features-scaled", "Two features, scaled (round)", "(w1 x1 + w2 x2 - y)^2",
           FEATURES.format(x1="-1,-1,1,1", x2="-1,1,-1,1"),
           (("w1", 0.0), ("w2", 0.0)), 0.4, 30, (0.02, 0.4, 1.05), ((-0.5, 2.5), (-1.0, 2.0)),
           "Each feature divided by its spread (3 and 0.5): L = (w1 − 1.5)² + (w2 − 1)², a round bowl."),
)}


def preset(key: str) -> Preset:
    try:
        return PRESETS[key]
    except KeyError:
        raise KeyError(f"no preset {key!r}; the presets are {', '.join(PRESETS)}") from None
