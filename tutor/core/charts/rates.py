"""One start, several learning rates: their losses overlaid, each divergence marked where it happens."""

from __future__ import annotations

import math
from collections.abc import Sequence

from tutor.core.descent import Loss, compare_rates, descend
from tutor.core.descent.trace import Trace, show

from .spec import ChartSpec, Mark, Scale, Series, padded
from .steps import log_floor, on_scale

COLORS = ("yellow", "green", "red", "cyan", "magenta", "blue")
SEARCH = 10  # halvings or doublings tried when looking for a rate that does (or does not) diverge


def three_rates(loss: Loss, start: dict, lr: float, steps: int,
                preset: Sequence[float] | None = None) -> tuple[tuple[Trace, ...], tuple[str, ...]]:
    """The runs the rates chart compares, always with the learner's rate `lr` among them.

    A preset's (too small, good, diverging) when `lr` is one of them; else three around `lr`: a tenth
    of it and the first doubling that diverges, or — when `lr` itself diverges — the first halving
    that does not and a tenth of that.
    """
    if preset is not None and lr in preset:
        traces = compare_rates(loss, start, preset, steps)
        labels = ["too small", "good", "diverging" if traces[-1].outcome.kind == "diverged" else "large"]
        if lr != preset[1]:
            labels[list(preset).index(lr)] += ", yours"
        return traces, tuple(labels)
    if _diverges(loss, start, lr, steps):
        calm = next((lr / 2 ** k for k in range(1, SEARCH + 1) if not _diverges(loss, start, lr / 2 ** k, steps)),
                    lr / 2 ** SEARCH)
        rates, labels = (calm / 10, calm, lr), ("smaller", "calm", "yours")
    else:
        big = next((lr * 2 ** k for k in range(1, SEARCH + 1) if _diverges(loss, start, lr * 2 ** k, steps)),
                   None)
        rates, labels = (lr / 10, lr, big or lr * 2 ** SEARCH), ("smaller", "yours", "diverging" if big else "larger")
    return compare_rates(loss, start, rates, steps), labels


def _diverges(loss: Loss, start: dict, lr: float, steps: int) -> bool:
    return descend(loss, start, lr, steps).outcome.kind == "diverged"


def rates_chart(traces: Sequence[Trace], labels: Sequence[str] | None = None, scale: Scale = "log",
                headroom: float | None = None, bound: float | None = None) -> ChartSpec:
    """Loss per step for each trace; the y range follows the runs that did not diverge.

    `bound`: the rate bound 2/λ_max of the loss's Hessian at the start; each rate is marked above or
    below it (> 2/λ or < 2/λ) and a note says what the bound means.

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
    series, marks, everything, notes, floored = [], [], [], [], []
    floor = log_floor([v for t in traces for v in t.losses])  # one floor for all, below every line
    for k, trace in enumerate(traces):
        plain = f"lr {show(trace.lr or 0.0)}" + (f" ({labels[k]})" if labels and k < len(labels) else "")
        name = plain + ((" > 2/λ" if trace.lr > bound else " < 2/λ") if bound is not None and trace.lr else "")
        xs, ys = _capped([s.index for s in trace.steps], trace.losses, cap)
        xs, ys, used = on_scale(xs, ys, scale, floor)
        if used is not None:
            floored.append(f"{plain}: losses ≤ 0 drawn at {show(floor, 3)}")
        color = COLORS[k % len(COLORS)]
        series.append(Series(xs, ys, name, "line", "braille", color))
        everything.extend(ys)
        if trace.outcome.kind == "diverged" and xs:
            marks.append(Mark(f"✗ step {trace.outcome.step}", xs[-1], ys[-1], color))
            notes.append(f"{plain} diverged at step {trace.outcome.step}")
    last = max(t.final.index for t in traces)
    ylim = padded(everything, scale, include_zero=scale == "linear" and min(everything, default=0) >= 0)
    title = "the same start, three learning rates" if len(traces) == 3 else "learning rates compared"
    if bound is not None:  # in the title: the notes' lines go to a divergence first
        title += f"; 2/λ_max = {show(bound, 3)}"
    return ChartSpec(title,
                     "step", "loss", tuple(series), (0.0, float(max(last, 1))), ylim, scale, tuple(marks),
                     (*notes, *floored), integer_x=True)  # a divergence is the note worth the first line


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
