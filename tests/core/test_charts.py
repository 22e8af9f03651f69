"""Chart builders, tested on their series and ranges; one look at the drawn text."""

from __future__ import annotations

import math
import re
import threading

import numpy as np
import pytest

from tutor.core.charts import ChartSpec, Series, loss_chart, norm_chart, rates_chart, render, surface_chart
from tutor.core.charts.contour import bins, crossings, levels_for
from tutor.core.descent import PRESETS, Loss, compare_rates, descend

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def course():
    return descend("(2w+b-4)^2", {"w": 0, "b": 0}, 0.1, 10)


def test_loss_chart_is_the_loss_at_every_step(course):
    spec = loss_chart(course)
    (series,) = spec.series
    assert series.xs == tuple(range(11)) and series.ys == course.losses
    assert spec.ylim[0] == 0.0 and spec.ylim[1] >= 16.0
    assert spec.xlim == (0.0, 10.0) and spec.yscale == "linear" and spec.integer_x
    assert [m.text for m in spec.marks] == ["✓ converged (step 1)"]


def test_a_log_scale_draws_a_loss_of_zero_on_its_floor(course):
    spec = loss_chart(course, "log")
    ys = spec.series[0].ys
    assert ys[0] == 16.0 and all(y == 0.16 for y in ys[1:])
    assert spec.ylim[0] < 0.16 < 16.0 < spec.ylim[1]
    assert "bottom edge" in spec.notes[0]


def test_a_divergence_is_marked_at_its_last_point():
    trace = descend("x^2", {"x": 1}, 1.1, 50)
    spec = loss_chart(trace)
    (mark,) = spec.marks
    assert mark.text == "✗ diverged (step 7)" and (mark.x, mark.y) == (7, trace.final.loss)
    nan = loss_chart(descend("sqrt(w)", {"w": 1}, 10, 5))
    assert nan.series[0].xs == (0,) and "not finite" in nan.notes[0]


def test_norm_chart_shrinks_to_the_tolerance():
    trace = descend("x^2 + xy + y^2", {"x": 1, "y": 2}, 0.1, 200)
    spec = norm_chart(trace, "log", tolerance=1e-8)
    norms, tolerance = spec.series
    assert norms.ys == trace.norms and norms.ys[0] == math.hypot(4, 5)
    assert tolerance.ys == (1e-8, 1e-8) and tolerance.xs == spec.xlim
    assert spec.ylim[0] < 1e-8 and spec.ylim[1] > norms.ys[0]


def test_contours_lie_on_their_levels_and_the_path_is_the_trace():
    preset = PRESETS["bowl"]
    loss = preset.make_loss()
    trace = descend(loss, preset.start_point(), 0.1, 5)
    spec = surface_chart(loss, trace, view=preset.view, levels=5)
    contours = [s for s in spec.series if s.kind == "points"]
    assert len(contours) == 5 and spec.xlim == preset.view[0] and spec.ylim == preset.view[1]
    levels = [float(v) for v in spec.notes[0].removeprefix("contours at L = ").split(", ")]
    for level, series in zip(levels, contours):
        values = [loss.value((x, y)) for x, y in zip(series.xs, series.ys)]
        # Interpolated along a grid edge: close to the level, within the grid's curvature error.
        assert np.allclose(values, level, rtol=0.05, atol=0.02)
    path = spec.series_labelled("path")
    assert path.xs == trace.values("x") and path.ys == trace.values("y")
    assert [m.text for m in spec.marks][:2] == ["○", "●"]


def test_the_arrow_starts_at_the_current_point_and_points_downhill():
    preset = PRESETS["elongated"]
    loss = preset.make_loss()
    trace = descend(loss, preset.start_point(), preset.lr, 3)
    arrow = surface_chart(loss, trace, view=preset.view).series_labelled("−∇L")
    (x0, x1), (y0, y1) = arrow.xs, arrow.ys
    assert (x0, y0) == tuple(trace.final.params)
    gx, gy = trace.final.gradient
    assert (x1 - x0) * gx + (y1 - y0) * gy < 0  # against the gradient
    assert (x1 - x0) * gy == pytest.approx((y1 - y0) * gx)  # and along it
    assert loss.value((x1, y1)) < trace.final.loss or math.hypot(x1 - x0, y1 - y0) > 0


def test_heat_map_bins_cover_the_grid_above_the_floor():
    preset = PRESETS["two-minima"]
    loss = preset.make_loss()
    spec = surface_chart(loss, None, view=preset.view, mode="heat", grid=(20, 10), levels=4)
    shades = [s for s in spec.series if s.kind == "points"]
    assert [s.marker for s in shades] == ["·", "∙", "░", "▒"]
    assert sum(len(s.xs) for s in shades) < 200  # the lowest bin stays blank
    assert "blank" in spec.notes[0] and spec.title.endswith("heat map and path")


def test_one_parameter_gives_the_curve_with_the_path_on_it():
    trace = descend("x^2", {"x": 1}, 0.3, 4)
    spec = surface_chart(Loss("x^2"), trace, view=[(-2, 2)])
    curve, path, arrow = spec.series
    assert curve.label == "L(x)" and curve.ys[0] == 4.0 and min(curve.ys) == 0.0
    assert path.xs == trace.values("x") and path.ys == trace.losses
    assert arrow.xs[1] < arrow.xs[0]  # −∇ points left of a positive x


def test_surface_view_fits_the_path_when_none_is_given(course):
    spec = surface_chart(Loss("(2w+b-4)^2"), course)
    assert spec.xlim[0] < 0 < 1.6 < spec.xlim[1] and spec.ylim[0] < 0 < 0.8 < spec.ylim[1]


def test_rates_chart_overlays_three_rates_and_marks_the_divergence():
    preset = PRESETS["mse-one"]
    traces = compare_rates(preset.make_loss(), preset.start_point(), preset.rates, 30)
    spec = rates_chart(traces, ("too small", "good", "diverging"))
    assert [s.label for s in spec.series] == ["lr 0.01 (too small)", "lr 0.1 (good)", "lr 0.25 (diverging)"]
    small, good, wild = spec.series
    assert small.ys == traces[0].losses and len(small.xs) == 31
    assert wild.ys == traces[2].losses  # under the cap of 100 × 16 on a log scale
    assert good.ys[1] == good.ys[-1] > 0  # the good rate's 0 is drawn on the log floor
    (mark,) = spec.marks
    assert mark.text == "✗ step 5" and (mark.x, mark.y) == (5, wild.ys[-1])
    assert any("diverged at step 5" in n for n in spec.notes)
    assert spec.ylim[1] >= max(wild.ys) and spec.yscale == "log"
    linear = rates_chart(traces, scale="linear")
    cut = linear.series[2]
    # 1.5 × the highest calm loss (16): the line stops where it leaves the chart, ✗ on the edge.
    assert cut.xs == (0.0, 1.0) and cut.ys == (16.0, 24.0)
    assert (linear.marks[0].x, linear.marks[0].y) == (1.0, 24.0)


def test_contour_helpers():
    xs, ys = np.linspace(-1, 1, 5), np.linspace(-1, 1, 5)
    gx, gy = np.meshgrid(xs, ys)
    z = gx ** 2 + gy ** 2
    cx, cy = crossings(xs, ys, z, 0.25)
    assert np.allclose(np.hypot(cx, cy)[np.abs(cy) < 1e-12], 0.5 * 0.5 / 0.5 * 1.0, atol=0.2)
    assert levels_for(np.array([[np.nan]]), 3) == ()
    assert bins(np.array([0.0, 1.5, 3.0, np.nan]), (1.0, 2.0)).tolist() == [0, 1, 2, -1]


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (40, 12)])
def test_a_rendered_chart_has_the_requested_size(course, size):
    width, height = size
    preset = PRESETS["mse-many"]
    loss = preset.make_loss()
    trace = descend(loss, preset.start_point(), preset.lr, 20)
    for spec in (loss_chart(course), loss_chart(trace, "log"), surface_chart(loss, trace, view=preset.view),
                 rates_chart(compare_rates(loss, preset.start_point(), preset.rates, 20))):
        text = render(spec, width, height, color=False)
        lines = text.split("\n")
        assert len(lines) == height and not ANSI.search(text)
        assert all(len(line) == width for line in lines)
        assert ANSI.search(render(spec, width, height, color=True))


def test_a_labelled_series_with_nothing_visible_does_not_break_the_drawing():
    spec = ChartSpec("t", "x", "y", (Series((0.0, 1.0), (0.0, 1.0), "a"), Series((5.0,), (50.0,), "off")),
                     (0.0, 1.0), (0.0, 1.0))
    assert len(render(spec, 60, 15, color=False).split("\n")) == 15


def test_two_threads_never_mix_their_charts(course):
    wild = descend("x^2", {"x": 1}, 1.1, 50)
    alone = {k: render(loss_chart(t), 70, 20, color=False) for k, t in (("a", course), ("b", wild))}
    seen: dict[str, set[str]] = {"a": set(), "b": set()}

    def draw(key, trace):
        for _ in range(15):
            seen[key].add(render(loss_chart(trace), 70, 20, color=False))

    threads = [threading.Thread(target=draw, args=a) for a in (("a", course), ("b", wild))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"a": {alone["a"]}, "b": {alone["b"]}}
