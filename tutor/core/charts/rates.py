"""One start, several learning rates: their losses overlaid, each divergence marked where it happens."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tutor.core.descent.trace import Trace, show

from .spec import ChartSpec, Mark, Scale, Series, padded
from .steps import log_floor, on_scale

COLORS = ("yellow", "green", "red", "cyan", "magenta", "blue")


def rates_chart(traces: Sequence[Trace], labels: Sequence[str] | None = None, scale: Scale = "log",
                headroom: float | None = None) -> ChartSpec:
    """Loss per step for each trace; the y range follows the runs that did not diverge.

    A diverging loss would flatten every other line, so the axis stops `headroom` times above the
    highest well-behaved loss (100× on a log scale, 1.5× on a linear one) and a diverging line is
    cut where it leaves the chart, with ✗ at that point.
    """
    if not traces:
        raise ValueError("give at least one trace")
    headroom = headroom or (100.0 if scale == "log" else 1.5)
    calm = [t for t in traces if t.outcome.kind != "diverged"] or list(traces)
    top = max((v for t in calm for v in t.losses if math.isfinite(v)), default=1.0)
    cap = top * headroom if top > 0 else headroom
    series, marks, everything, notes = [], [], [], []
    floor = log_floor([v for t in traces for v in t.losses])  # one floor for all, below every line
    for k, trace in enumerate(traces):
        name = f"lr {show(trace.lr or 0.0)}" + (f" ({labels[k]})" if labels and k < len(labels) else "")
        xs, ys = _capped([s.index for s in trace.steps], trace.losses, cap)
        xs, ys, used = on_scale(xs, ys, scale, floor)
        if used is not None:
            notes.append(f"{name}: losses of 0 or less are drawn at {show(floor, 3)}")
        color = COLORS[k % len(COLORS)]
        series.append(Series(xs, ys, name, "line", "braille", color))
        everything.extend(ys)
        if trace.outcome.kind == "diverged" and xs:
            marks.append(Mark(f"✗ step {trace.outcome.step}", xs[-1], ys[-1], color))
            notes.append(f"{name} diverged at step {trace.outcome.step}: {trace.outcome.reason}")
    last = max(t.final.index for t in traces)
    ylim = padded(everything, scale, include_zero=scale == "linear" and min(everything, default=0) >= 0)
    return ChartSpec("the same start, three learning rates" if len(traces) == 3 else "learning rates compared",
                     "step", "loss", tuple(series), (0.0, float(max(last, 1))), ylim, scale, tuple(marks),
                     tuple(notes), integer_x=True)


def _capped(xs: Sequence[int], ys: Sequence[float], cap: float) -> tuple[list[float], list[float]]:
    """The points up to the first above `cap` (or not finite); that one is drawn at the cap."""
    out_x, out_y = [], []
    for x, y in zip(xs, ys):
        if not math.isfinite(y) or y > cap:
            out_x.append(float(x))
            out_y.append(cap)
            break
        out_x.append(float(x))
        out_y.append(y)
    return out_x, out_y
