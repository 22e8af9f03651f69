"""Chart builders, tested on their series and ranges; one look at the drawn text."""

from __future__ import annotations

import math
import re
import threading
import tracemalloc
from collections.abc import Callable

import numpy as np
import plotext as plt
import plotext._utility as plotext_utility
import pytest

from tutor.cli import run
from tutor.core.charts import ChartSpec, Series, heat_grid, loss_chart, norm_chart, rates_chart, render, surface_chart
from tutor.core.charts.clip import clip_polyline
from tutor.core.charts.contour import bins, crossings, levels_for
from tutor.core.charts.curvature import curvature_chart
from tutor.core.charts.optimizers import optimizers_chart
from tutor.core.charts.fit import fit
from tutor.core.charts.ticks import decade_ticks, linear_ticks
from tutor.core.descent import PRESETS, DescentRun, Loss, compare_rates, descend
from tutor.core.descent.curvature import curvature_at
from tutor.core.descent.optimizers import compare_optimizers
from tutor.core.descent.trace import Outcome, Step, Trace

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


# -- whatever the values, the work is bounded by the screen ----------------------------------------------
# The lab's chart pane less its line of notes, on an 80×24 and a 100×30 screen (tests/ui/test_lab.py
# checks these are the sizes the lab draws at), and `tutor descent --plot` on the same terminals.
SCREENS = {"80x24": ((52, 15), (80, 22)), "100x30": ((68, 21), (100, 24))}
PEAK_BYTES = 4_000_000  # a few MB: the points of one screen, not of the values' range


def runaway(loss, start: dict, lr: float, steps: int = 600) -> Trace:
    """A descent stepped on past its divergence, until the values stop being numbers (inf, then NaN)."""
    run = DescentRun(loss, start, lr)
    for _ in range(steps):
        if run.step() is None:
            break
    return run.trace


def broken() -> Trace:
    """A hand-made trace with ±∞ and NaN in every field a chart reads."""
    inf, nan = math.inf, math.nan
    rows = [((0.0, 0.0), 16.0, (-16.0, -8.0)), ((1.6, 0.8), inf, (inf, -inf)), ((nan, 1.0), nan, (nan, nan)),
            ((2.0, -inf), 3.0, (1.0, 2.0)), ((1e300, -1e300), 1e308, (1e308, -1e308)), ((0.5, 0.5), 0.5, (0.1, 0.1))]
    steps = tuple(Step(k, p, loss, g, math.hypot(*g) if all(map(math.isfinite, g)) else nan, 0.1 if k else None)
                  for k, (p, loss, g) in enumerate(rows))
    return Trace(("w", "b"), steps, Outcome("diverged", 4, "made up"))


@pytest.fixture(scope="module")
def wild():
    preset = PRESETS["mse-one"]
    loss = preset.make_loss()
    one = Loss("x^2")
    return {"loss": loss, "view": preset.view, "trace": runaway(loss, preset.start_point(), 1.5),
            "one": one, "one trace": runaway(one, {"x": 1.0}, 1.5),
            "rates": compare_rates(loss, preset.start_point(), (0.1, 1.5, 3.0), 500),
            # Plain descent and momentum run away; Adam's steps stay about its rate (50) long: 2000 of them.
            "paths": compare_optimizers(loss, (0.0, 0.0), 1.5, 2000, adam_lr=50.0)}


def every_chart(w: dict, trace: Trace, width: int, height: int) -> dict[str, Callable[[], ChartSpec]]:
    loss, view = w["loss"], w["view"]
    return {
        "loss": lambda: loss_chart(trace), "loss, log": lambda: loss_chart(trace, "log"),
        "norm": lambda: norm_chart(trace), "norm, log": lambda: norm_chart(trace, "log", 1e-8),
        "contours": lambda: surface_chart(loss, trace, view=view),
        "heat map": lambda: surface_chart(loss, trace, view=view, mode="heat", grid=heat_grid(width, height, view)),
        "surface, view fitted": lambda: surface_chart(loss, trace),
        "curve": lambda: surface_chart(w["one"], w["one trace"], view=[(-3.0, 3.0)]),
        "rates": lambda: rates_chart(w["rates"], ("calm", "yours", "wild")),
        "rates, linear": lambda: rates_chart(w["rates"], scale="linear"),
        "rates, bound": lambda: rates_chart(w["rates"], ("calm", "yours", "wild"), bound=0.2),
        "optimizers": lambda: optimizers_chart(loss, w["paths"], view),
        "optimizers, step 3": lambda: optimizers_chart(loss, w["paths"], view, upto=3),
        "curvature": lambda: curvature_chart(loss, trace, curvature_at(loss, trace.final.params), view, 1.5),
        "curvature, at the start": lambda: curvature_chart(loss, trace, curvature_at(loss, (0.0, 0.0)), view, 1.5),
    }


class PlotextWork:
    """Counts the points handed to plotext and the points its line joining makes from them.

    The joining is checked before plotext does it, so an unbounded chart fails here at once instead
    of filling the memory (plotext joins two points cell by cell over the whole range between them).
    """

    def __init__(self, monkeypatch, bound: int) -> None:
        self.bound, self.handed, self.joined = bound, 0, 0
        for name in ("plot", "scatter"):
            monkeypatch.setattr(plt, name, self._handing(getattr(plt, name)))
        monkeypatch.setattr(plotext_utility, "get_lines", self._joining(plotext_utility.get_lines))

    def _handing(self, original):
        def counted(xs, ys, *args, **kwargs):
            self.handed += len(xs)
            assert self.handed <= self.bound, f"{self.handed} points handed to plotext"
            return original(xs, ys, *args, **kwargs)
        return counted

    def _joining(self, original):
        def counted(x, y, *other):
            cells = [(a, b) for a, b in zip(x, y) if isinstance(a, int) and isinstance(b, int)]
            cost = sum(max(abs(a1 - a0), abs(b1 - b0)) for (a0, b0), (a1, b1) in zip(cells, cells[1:]))
            assert self.joined + cost <= self.bound, f"plotext would join {cost} cells"
            out = original(x, y, *other)
            self.joined += len(out[0])
            return out
        return counted


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("which", ["diverging", "inf and NaN"])
def test_every_chart_is_bounded_by_the_screen(wild, monkeypatch, screen, which):
    trace = wild["trace"] if which == "diverging" else broken()
    assert which != "diverging" or (trace.outcome.kind == "diverged" and not trace.final.finite)
    lab, terminal = SCREENS[screen]
    cases = [(lab, name, build) for name, build in every_chart(wild, trace, *lab).items()]
    cases.append((terminal, "descent --plot", lambda: loss_chart(trace)))
    for (width, height), name, build in cases:
        dots = 8 * width * height  # braille dots in the whole chart: more than plotext ever needs
        work = PlotextWork(monkeypatch, dots)
        tracemalloc.start()
        try:
            text = render(build(), width, height, color=False)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        monkeypatch.undo()
        assert 0 < work.handed <= dots and work.joined <= dots, name
        assert peak < PEAK_BYTES, f"{name}: {peak} bytes"
        lines = text.split("\n")
        assert len(lines) == height and all(len(line) == width for line in lines), name


def test_a_line_to_a_far_point_is_cut_where_it_leaves_the_view():
    spec = ChartSpec("t", "x", "y", (Series((0.0, 1e300), (0.0, 5e299), "far"),), (-1.0, 1.0), (-1.0, 1.0))
    (drawn,) = fit(spec, 60, 20).drawn
    # In view units (the view is 0..1 both ways): from the centre to the right edge, half way up to the top.
    assert drawn.xs == [0.5, 1.0] and drawn.ys == pytest.approx([0.5, 0.75])
    u, v = clip_polyline(np.array([-1.0, 2.0, 0.5, np.nan, 0.25]), np.array([0.5, 0.5, 0.75, 0.0, 0.25]))
    # across the view; back in from the right edge; a break; a lone point kept as a dot
    pieces = [[float(a), float(b)] for a, b in zip(u, v)]
    assert pieces[:2] == [[0.0, 0.5], [1.0, 0.5]] and pieces[3:5] == [[1.0, pytest.approx(2 / 3)], [0.5, 0.75]]
    assert np.isnan(u[2]) and np.isnan(u[5]) and pieces[6] == [0.25, 0.25] and len(u) == 7
    far, _ = clip_polyline(np.array([1e13, -1e13]), np.array([0.5, 0.5]))
    assert far.size == 0  # both ends beyond the precision a crossing needs: not drawn rather than wrong


def test_a_long_loss_keeps_its_spikes_in_few_points():
    ys = [1.0] * 10_000
    ys[5_000] = 50.0
    spec = loss_chart(Trace(("x",), tuple(Step(k, (0.0,), y, (0.0,), 0.0) for k, y in enumerate(ys)),
                            Outcome("max-steps", 9_999)))
    (drawn,) = fit(spec, 68, 21).drawn
    assert len(drawn.xs) <= 4 * 2 * 68 and max(drawn.ys) > 0.9  # in view units: the spike reaches the top


# -- axis labels a learner can read ---------------------------------------------------------------------------
def tick_labels(text: str) -> tuple[list[str], list[str]]:
    """The y labels (left of ┤) and x labels (the line under └) of a chart drawn without colour."""
    lines = text.split("\n")
    ys = [line.split("┤")[0].strip() for line in lines if "┤" in line]
    under = next(k for k, line in enumerate(lines) if "└" in line) + 1
    return ys, lines[under].split()


@pytest.mark.parametrize("screen", SCREENS)
def test_axis_labels_are_short_on_a_diverging_run(wild, screen):
    (width, height), terminal = SCREENS[screen]
    for name, build in every_chart(wild, wild["trace"], width, height).items():
        ys, xs = tick_labels(render(build(), width, height, color=False))
        assert len(ys) >= 2 and len(xs) >= 2, name
        for label in ys + xs:
            assert len(label) <= 6 and float(label.replace("−", "-")) is not None, (name, label)
    stopped = descend(wild["loss"], PRESETS["mse-one"].start_point(), 1.5, 10)  # stops at the divergence
    ys, _ = tick_labels(render(loss_chart(stopped), *terminal, color=False))
    assert "4e12" in ys and "0" in ys  # where plotext wrote 4859478203596.8


def test_descent_plot_labels_a_divergence_shortly(capsys):
    assert run(["descent", "--loss", "(2w+b-4)^2", "--start", "w=0,b=0", "--lr", "1.5", "--steps", "10",
                "--plot"]) == 0
    out = capsys.readouterr().out
    ys, _ = tick_labels(out[out.index("loss per step"):])
    assert ys and all(len(label) <= 5 for label in ys) and "4e12" in ys


def test_tick_labels_read_like_the_rest_of_the_app():
    assert linear_ticks(0, 4.86e12, 5)[1] == ("0", "1e12", "2e12", "3e12", "4e12")
    assert linear_ticks(-1, 2, 6)[1] == ("−1", "−0.5", "0", "0.5", "1", "1.5", "2")
    assert linear_ticks(1, 1.00005, 4)[1] == ("1", "1.00002", "1.00004")
    assert linear_ticks(100, 1000, 5)[1] == ("200", "400", "600", "800", "1000")
    assert decade_ticks(-8.2, 12.5, 5)[1] == ("1e−8", "1e−3", "100", "1e7", "1e12")
    assert decade_ticks(0.3, 0.7, 4)[1] == ("2", "3", "4", "5")  # under a decade: round values, placed at their logs


def test_a_fitted_view_leaves_out_a_runaway(wild):
    trace = descend(wild["loss"], PRESETS["mse-one"].start_point(), 1.5, 10)  # w: 0, 24, −312, 4392, …
    w0, w1 = surface_chart(wild["loss"], trace).xlim
    assert w0 < 0 < 24 < w1 < 312
    slow = descend("x^2 + y^2", {"x": 5.0, "y": 5.0}, 0.001, 2000)  # creeping on: never a runaway
    assert surface_chart(Loss("x^2 + y^2"), slow).xlim[0] < slow.final.params[0] < 5.0


def test_a_divergence_stepped_past_is_marked_where_it_happened(wild):
    trace = runaway(wild["loss"], PRESETS["mse-one"].start_point(), 1.5, 45)  # F5 on from the divergence
    assert trace.outcome.step == 5 and trace.final.index == 45
    (mark,) = loss_chart(trace).marks
    assert mark.text == "✗ diverged (step 5)" and (mark.x, mark.y) == (5, trace.steps[5].loss)


def test_the_optimizers_chart_names_each_path_and_each_divergence(wild):
    spec = optimizers_chart(wild["loss"], wild["paths"], wild["view"])
    labels = [s.label for s in spec.series if s.label]
    assert [label.split(":")[0] for label in labels] == ["plain descent", "momentum", "Adam"]
    assert [s.color for s in spec.series if s.label] == ["white", "yellow", "magenta"]
    assert spec.notes == ("diverged: plain descent at step 5, momentum at step 5",)
    early = optimizers_chart(wild["loss"], wild["paths"], wild["view"], upto=2)
    assert early.title.endswith("step 2") and early.notes == ()  # not diverged yet at step 2


def test_the_curvature_chart_draws_both_eigen_directions_and_the_bound():
    loss = Loss("(wx+b-y)^2", "x=1,2;y=3,5")
    trace = descend(loss, {"w": 0.0, "b": 0.0}, 0.1, 5)
    spec = curvature_chart(loss, trace, curvature_at(loss, trace.final.params), ((-1.0, 4.0), (-1.0, 4.0)), 0.1)
    steep, shallow = (s for s in spec.series if s.label and s.label.startswith("λ"))
    assert steep.label == "λ = 6.85 (steep): ×0.315 a step" and shallow.label == "λ = 0.146 (shallow): ×0.985 a step"
    # Each is a segment through the current point along its eigenvector: steep ⟂ shallow.
    (x0, x1), (y0, y1) = steep.xs, steep.ys
    (u0, u1), (v0, v1) = shallow.xs, shallow.ys
    assert (x1 - x0) * (u1 - u0) + (y1 - y0) * (v1 - v0) == pytest.approx(0, abs=1e-9)
    assert spec.notes == ("2/λ_max = 0.292 > lr 0.1: converges; κ = 47",)
