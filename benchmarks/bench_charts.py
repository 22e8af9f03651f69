"""Chart redraw times: build the spec from a trace and draw it with plotext, as the lab does per frame.

Run: python benchmarks/bench_charts.py [--runs 200]
Budget (DESIGN.md): a redraw ≤ 30 ms. Prints median and p95 per chart and size, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from tutor.core.charts import heat_grid, loss_chart, norm_chart, rates_chart, render, surface_chart
from tutor.core.descent import PRESETS, compare_rates, descend

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
    # Each case builds its spec for a chart of (width, height): the heat map fits its grid to it.
    cases: dict[str, Callable[[int, int], object]] = {
        "loss, 100 points, linear": lambda w, h: loss_chart(trace),
        "loss, 100 points, log": lambda w, h: loss_chart(trace, "log"),
        "gradient norm, log": lambda w, h: norm_chart(trace, "log", 1e-8),
        "surface, contours (x² + 10y²)": lambda w, h: surface_chart(loss, trace, view=preset.view),
        "surface, heat map (x² + 10y²)": lambda w, h: surface_chart(loss, trace, view=preset.view, mode="heat",
                                                                    grid=heat_grid(w, h)),
        "surface, contours (MSE, 3 points)": lambda w, h: surface_chart(many_loss, many_trace, view=many.view),
        "three rates, log": lambda w, h: rates_chart(rates, ("too small", "good", "diverging")),
    }
    print(f"{runs} redraws each (spec built from the trace, then drawn); milliseconds")
    print(f"{'chart':36} {'size':>7} {'median':>8} {'p95':>8}   {'draw only':>9}")
    for name, build in cases.items():
        for width, height in SIZES:
            spec = build(width, height)
            median, p95 = timed(lambda: render(build(width, height), width, height), runs)
            draw, _ = timed(lambda: render(spec, width, height), runs)
            print(f"{name:36} {width:>3}×{height:<3} {median:8.2f} {p95:8.2f}   {draw:9.2f}")
    step_median, step_p95 = timed(lambda: descend(many_loss, many.start_point(), many.lr, 100), max(runs // 10, 5))
    print(f"\n100 descent steps, MSE over 3 points: median {step_median:.2f} ms, p95 {step_p95:.2f} ms")


if __name__ == "__main__":
    main()
