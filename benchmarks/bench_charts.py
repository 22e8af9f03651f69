"""Chart redraw times and memory: build the spec from a trace and draw it with plotext, as the lab does per frame.

Run: python benchmarks/bench_charts.py [--runs 200]
Budget (DESIGN.md): a redraw ≤ 30 ms, diverging runs included, memory bounded by the screen. Prints
median and p95 per chart and size in milliseconds, the peak memory of one redraw (tracemalloc), and
the process's peak RSS at the end. The diverging cases step "MSE of one point" at rate 1.5 on past
its divergence until the values overflow (w ≈ 1e153, the loss ∞): before the charts were fitted to
the screen, plotext was handed ~28 million points for the surface and ran out of memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

from tutor.core.charts import heat_grid, loss_chart, norm_chart, rates_chart, render, surface_chart, three_rates
from tutor.core.charts.curvature import curvature_chart
from tutor.core.charts.optimizers import optimizers_chart
from tutor.core.descent import PRESETS, DescentRun, Loss, compare_rates, descend
from tutor.core.descent.curvature import curvature_at
from tutor.core.descent.optimizers import compare_optimizers

SIZES = ((100, 30), (80, 24))


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm: imports, sympy's compiled evaluator, plotext's first figure
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def peak_bytes(fn: Callable[[], object]) -> int:
    """The most memory one call holds at once, as tracemalloc sees it."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def runaway(loss, start: dict, lr: float, steps: int = 600):
    """A run stepped on past its divergence, as F5 does in the lab, until the values are no longer numbers."""
    run = DescentRun(loss, start, lr)
    for _ in range(steps):
        if run.step() is None:
            break
    return run.trace


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs

    preset = PRESETS["elongated"]
    loss = preset.make_loss()
    trace = descend(loss, preset.start_point(), preset.lr, 99)  # 100 points
    many = PRESETS["mse-many"]
    many_loss = many.make_loss()
    many_trace = descend(many_loss, many.start_point(), many.lr, 99)
    rates = compare_rates(loss, preset.start_point(), preset.rates, 99)
    one = PRESETS["mse-one"]
    one_loss = one.make_loss()
    wild = runaway(one_loss, one.start_point(), 1.5)
    x2 = Loss("x^2")
    wild_curve = runaway(x2, {"x": 1.0}, 1.5)
    wild_rates = three_rates(one_loss, one.start_point(), 1.5, 100, one.rates)
    ravine = PRESETS["optimizers"]
    ravine_loss = ravine.make_loss()
    paths = compare_optimizers(ravine_loss, (4.0, 1.0), ravine.lr, 2000)  # 2001 points each, thinned to 600
    wild_paths = compare_optimizers(one_loss, (0.0, 0.0), 1.5, 2000, adam_lr=50.0)
    practice = PRESETS["practice-6"]
    practice_loss = practice.make_loss()
    crawl = descend(practice_loss, practice.start_point(), practice.lr, 199)
    # Each case builds its spec for a chart of (width, height): the heat map fits its grid to it.
    cases: dict[str, Callable[[int, int], object]] = {
        "loss, 100 points, linear": lambda w, h: loss_chart(trace),
        "loss, 100 points, log": lambda w, h: loss_chart(trace, "log"),
        "gradient norm, log": lambda w, h: norm_chart(trace, "log", 1e-8),
        "surface, contours (x² + 10y²)": lambda w, h: surface_chart(loss, trace, view=preset.view),
        "surface, heat map (x² + 10y²)": lambda w, h: surface_chart(loss, trace, view=preset.view, mode="heat",
                                                                    grid=heat_grid(w, h, preset.view)),
        "surface, contours (MSE, 3 points)": lambda w, h: surface_chart(many_loss, many_trace, view=many.view),
        "three rates, log": lambda w, h: rates_chart(rates, ("too small", "good", "diverging")),
        "diverging: loss, linear": lambda w, h: loss_chart(wild),
        "diverging: loss, log": lambda w, h: loss_chart(wild, "log"),
        "diverging: gradient norm, log": lambda w, h: norm_chart(wild, "log", 1e-8),
        "diverging: surface, contours": lambda w, h: surface_chart(one_loss, wild, view=one.view),
        "diverging: surface, heat map": lambda w, h: surface_chart(one_loss, wild, view=one.view, mode="heat",
                                                                   grid=heat_grid(w, h, one.view)),
        "diverging: curve L(x)": lambda w, h: surface_chart(x2, wild_curve, view=[(-3.0, 3.0)]),
        "diverging: three rates (yours 1.5)": lambda w, h: rates_chart(*wild_rates),
        "optimizers, 3 × 2000 steps": lambda w, h: optimizers_chart(ravine_loss, paths, ravine.view),
        "curvature, practice 6": lambda w, h: curvature_chart(
            practice_loss, crawl, curvature_at(practice_loss, crawl.final.params), practice.view, practice.lr),
        "three rates, 2/λ_max marked": lambda w, h: rates_chart(rates, ("too small", "good", "diverging"), bound=0.1),
        "diverging: optimizers": lambda w, h: optimizers_chart(one_loss, wild_paths, one.view),
        "diverging: curvature": lambda w, h: curvature_chart(
            one_loss, wild, curvature_at(one_loss, wild.final.params), one.view, 1.5),
    }
    print(f"{runs} redraws each (spec built from the trace, then drawn); milliseconds, peak of one redraw in KB")
    print(f"{'chart':36} {'size':>7} {'median':>8} {'p95':>8}   {'draw only':>9} {'peak KB':>8}")
    for name, build in cases.items():
        for width, height in SIZES:
            spec = build(width, height)
            median, p95 = timed(lambda: render(build(width, height), width, height), runs)
            draw, _ = timed(lambda: render(spec, width, height), runs)
            peak = peak_bytes(lambda: render(build(width, height), width, height)) / 1000
            print(f"{name:36} {width:>3}×{height:<3} {median:8.2f} {p95:8.2f}   {draw:9.2f} {peak:8.0f}")
    step_median, step_p95 = timed(lambda: descend(many_loss, many.start_point(), many.lr, 100), max(runs // 10, 5))
    print(f"\n100 descent steps, MSE over 3 points: median {step_median:.2f} ms, p95 {step_p95:.2f} ms")
    print(f"peak RSS of this process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
