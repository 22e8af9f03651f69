"""Pilot tests of the gradient descent lab and of a `descent` exercise done by hand."""

from __future__ import annotations

import textwrap
import time

import plotext._utility as plotext_utility
import pytest
from textual.command import CommandPalette
from textual.widgets import Input, Select, Static
from textual.widgets._footer import FooterKey
from textual.worker import WorkerCancelled

from tutor.ui.app import make_app
from tutor.ui.screens.help import HelpScreen
from tutor.ui.screens.lab import LabConfig, LabScreen
from tutor.ui.widgets.chart import Chart
from tutor.ui.widgets.lab_charts import LabCharts
from tutor.ui.widgets.step_panel import StepPanel

from .conftest import press_quickly

LESSON = """\
id: by-hand
title: Descent by hand
summary: Two steps by hand, then the lab runs the rest.
exercises:
  - id: two-steps
    type: descent
    prompt: "Take {steps} steps on {loss} from {start} with lr = {lr}."
    loss: (wx + b - y)^2
    data: {x: [2], y: [4]}
    start: {w: 0, b: 0}
    lr: 0.05
    steps: 2
    lab_steps: 30
    hints: ["∂L/∂w = 2(wx + b − y)x."]
"""


@pytest.fixture
def lessons_dir(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-by-hand.yaml").write_text(textwrap.dedent(LESSON), encoding="utf-8")
    return folder


async def settle(app, pilot, times: int = 2) -> None:
    for _ in range(times):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # the app's course loader replaces its own first worker (exclusive group "load")
        await pilot.pause()


async def open_lab(app, pilot) -> LabScreen:
    await settle(app, pilot)
    await pilot.press("l")
    await settle(app, pilot)
    assert isinstance(app.screen, LabScreen)
    return app.screen


async def until(pilot, condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def panel(screen) -> str:
    return str(screen.query_one(StepPanel).render())


async def type_into(pilot, box: Input, text: str) -> None:
    # Put in whole, then Enter (the keys typed into the rate box are held by the in_rate_box tests).
    box.value = text
    box.focus()
    await pilot.press("enter")
    await pilot.pause()


async def test_open_step_and_read_the_update(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(app, pilot)
        assert lab.config.key == "mse-one" and lab.run.trace.final.index == 0
        assert "ready" in panel(lab) and "L = 16" in panel(lab)
        await pilot.press("f5")
        trace = lab.run.trace
        assert trace.final.index == 1 and trace.final.params == (1.6, 0.8)
        text = panel(lab)
        assert "w ← 0 − 0.1·(−16) = 1.6" in text and "b ← 0 − 0.1·(−8) = 0.8" in text
        assert "✓ converged at step 1" in text
        chart = lab.query_one("#chart-loss", Chart)
        assert chart.spec.title == "loss per step"
        assert len(chart.render().plain.splitlines()) == chart.content_size.height
        wide = chart.content_size
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        assert chart.content_size.width < wide.width and chart.content_size.height < wide.height
        lines = chart.render().plain.splitlines()
        assert len(lines) == chart.content_size.height  # redrawn at the new size, notes included
        assert lines[-1].startswith("step →, loss ↑")   # small: the axes are named below the plot


async def test_run_pause_change_the_rate_and_reset(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(app, pilot)
        lab.query_one("#lab-loss", Select).value = "elongated"
        await settle(app, pilot)
        assert lab.config.key == "elongated" and lab.loss.params == ("x", "y")
        # A slow rate and 200 steps (about 20 s of animation): the run is still going however slowly
        # this machine types the new rate.
        await type_into(pilot, lab.query_one("#lab-lr", Input), "0.001")
        await type_into(pilot, lab.query_one("#lab-steps", Input), "200")
        await settle(app, pilot)
        await pilot.press("f6")
        assert lab.running and lab.target == 200
        await until(pilot, lambda: lab.run.trace.final.index >= 3)
        await type_into(pilot, lab.query_one("#lab-lr", Input), "0.05")
        assert lab.run.lr == 0.05 and lab.running  # changed while it runs
        here = lab.run.trace.final.index
        await until(pilot, lambda: lab.run.trace.final.index >= here + 2)
        await pilot.press("f6")  # pause
        assert not lab.running
        paused = lab.run.trace.final.index
        assert 0 < paused < 200
        assert {s.lr for s in lab.run.trace.steps[here + 1:]} == {0.05}
        await pilot.pause(0.3)
        assert lab.run.trace.final.index == paused and "paused at step" in panel(lab)
        await pilot.press("f7")
        await settle(app, pilot)
        assert lab.run.trace.final.index == 0 and lab.run.lr == 0.05


async def test_a_run_ends_converged_or_diverged_and_says_so(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(app, pilot)
        await pilot.press("f6")
        await until(pilot, lambda: not lab.running)
        assert lab.run.outcome.kind == "converged" and lab.run.trace.final.index == 1
        lab.query_one("#lab-loss", Select).value = "bowl"
        await settle(app, pilot)
        await type_into(pilot, lab.query_one("#lab-lr", Input), "0.75")
        await pilot.press("f6")
        await until(pilot, lambda: not lab.running)
        assert lab.run.outcome.kind == "diverged"
        assert "✗ diverged at step" in panel(lab)


async def test_invalid_settings_are_explained_and_not_used(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(app, pilot)
        message = lab.query_one("#lab-message", Static)
        await type_into(pilot, lab.query_one("#lab-lr", Input), "-1")
        assert "learning rate: must be a positive number" in str(message.render())
        assert message.has_class("-error") and lab.run.lr == 0.1
        await type_into(pilot, lab.query_one("#lab-start", Input), "w=1, q=2")
        assert "unknown parameter q" in str(message.render())
        await type_into(pilot, lab.query_one("#lab-start", Input), "w=1, b=2")
        await settle(app, pilot)
        assert lab.run.trace.final.params == (1.0, 2.0) and lab.config.start == {"w": 1.0, "b": 2.0}
        await pilot.press("f5")
        assert lab.run.trace.final.index == 1 and lab.run.trace.steps[1].lr == 0.1
        await type_into(pilot, lab.query_one("#lab-steps", Input), "50")
        await settle(app, pilot)
        assert lab.config.steps == 50 and lab.run.trace.final.index == 1  # the run goes on from here
        assert lab.query_one(LabCharts).chart("rates").spec.xlim == (0.0, 50.0)


async def test_the_four_charts_and_their_toggles(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(app, pilot)
        charts = lab.query_one(LabCharts)
        await pilot.press("f5", "f9")
        assert charts.log_loss and charts.chart("loss").spec.yscale == "log"
        await pilot.press("f8")
        await settle(app, pilot)
        assert charts.active == "surface"
        assert "contours" in charts.chart("surface").spec.title
        assert lab.check_action("toggle_map", ()) and not lab.check_action("toggle_scale", ())
        await pilot.press("f9")
        await settle(app, pilot)
        assert charts.heat and "heat map" in charts.chart("surface").spec.title
        await pilot.press("f8")
        assert charts.active == "norm" and charts.chart("norm").spec.ylabel == "‖∇L‖"
        await pilot.press("f8")
        await settle(app, pilot)
        rates = charts.chart("rates").spec
        assert [s.label for s in rates.series] == ["lr 0.01 (too small) < 2/λ", "lr 0.1 (good) < 2/λ",
                                                    "lr 0.25 (diverging) > 2/λ"]
        assert any(m.text.startswith("✗") for m in rates.marks)
        app.set_focus(None)  # no box has the focus: digits pick a chart
        await pilot.press("2")
        assert charts.active == "surface"
        lab.query_one("#lab-lr", Input).focus()  # a box has it: digits are typed
        await pilot.press("1")
        assert charts.active == "surface" and lab.query_one("#lab-lr", Input).value == "1"


async def test_the_lab_on_an_exercise_starts_after_the_hand_steps(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        lab = LabScreen(LabConfig("exercise", "L(w) = (2w − 4)²", "(2w - 4)^2", None, {"w": 0.0}, 0.05, 30,
                                  ("w",), ahead=2))
        await app.push_screen(lab)
        await settle(app, pilot)
        assert lab.run.trace.final.index == 2 and lab.run.trace.final.params == pytest.approx((1.28,))
        assert lab.query_one("#lab-loss", Select).value == "exercise"
        await pilot.press("f8")
        await settle(app, pilot)
        assert lab.query_one(LabCharts).chart("surface").spec.title.startswith("L(w)")
        await pilot.press("escape")
        assert not isinstance(app.screen, LabScreen)


async def test_a_loss_undefined_at_the_start_is_reported(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        lab = LabScreen(LabConfig("exercise", "L(w) = ln(w)", "ln(w)", None, {"w": 0.0}, 0.1, 10, ("w",)))
        await app.push_screen(lab)
        await settle(app, pilot)
        assert lab.run is None
        assert "undefined at the start" in panel(lab)
        await pilot.press("f5", "f6", "f7")  # nothing to step: no error either
        assert lab.run is None and not lab.running


# -- every key, whatever has the focus ---------------------------------------------------------------------
async def in_rate_box(app, pilot, *keys: str) -> None:
    """Press keys with the focus in the learning-rate box, as a learner does right after typing a rate."""
    app.screen.query_one("#lab-lr", Input).focus()
    await pilot.pause()
    for key in keys:  # while the lab animates the app is never idle: a pilot's press would wait 1 s a key
        await press_quickly(app, pilot, key)


async def test_every_lab_key_works_with_the_focus_in_the_rate_box(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        lab = await open_lab(app, pilot)
        lab.query_one("#lab-loss", Select).value = "elongated"  # slow to converge: F6 has a run to pause
        await settle(app, pilot)
        charts, box = lab.query_one(LabCharts), lab.query_one("#lab-lr", Input)
        await in_rate_box(app, pilot, "f5")
        assert lab.run.trace.final.index == 1
        await in_rate_box(app, pilot, "f6")
        assert lab.running
        await in_rate_box(app, pilot, "f6")
        assert not lab.running and lab.run.trace.final.index > 1
        await in_rate_box(app, pilot, "f7")
        assert lab.run.trace.final.index == 0
        await in_rate_box(app, pilot, "f8")
        assert charts.active == "surface"
        await in_rate_box(app, pilot, "f9")
        assert charts.heat
        await in_rate_box(app, pilot, "f8", "f9")
        assert charts.active == "norm" and not charts.log_norm
        for key in ("question_mark", "f1"):
            await in_rate_box(app, pilot, key)
            assert isinstance(app.screen, HelpScreen), key
            await pilot.press("escape")
            assert app.screen is lab
        await in_rate_box(app, pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is lab and box.value == "0.09"  # nothing of the above was typed into the box
        # Digits are typed while the rate is edited; Enter applies it and hands the focus back to the
        # charts, where digits pick a chart again.
        box.value = ""
        await in_rate_box(app, pilot, "0", ".", "0", "5")
        assert box.value == "0.05" and charts.active == "norm"
        await pilot.press("enter")
        await pilot.pause()
        assert lab.run.lr == 0.05 and app.focused is not box
        await pilot.press("1")
        assert charts.active == "loss"
        # Escape leaves the box, not the lab; then digits pick charts; one more Escape goes back.
        await in_rate_box(app, pilot, "escape")
        assert app.screen is lab and app.focused is not box
        await pilot.press("4")
        assert charts.active == "rates"
        await pilot.press("escape")
        assert not isinstance(app.screen, LabScreen)


async def test_an_invalid_rate_keeps_the_focus_to_be_fixed(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        lab = await open_lab(app, pilot)
        box = lab.query_one("#lab-lr", Input)
        await type_into(pilot, box, "0..1")
        assert app.focused is box and lab.run.lr == 0.1


# -- the rates chart compares the learner's rate ------------------------------------------------------------
def rate_labels(lab) -> list[str]:
    spec = lab.query_one(LabCharts).chart("rates").spec
    return [s.label for s in spec.series] if spec else []


async def test_the_rates_chart_compares_the_learners_rate(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lab = await open_lab(app, pilot)
        assert rate_labels(lab) == ["lr 0.01 (too small) < 2/λ", "lr 0.1 (good) < 2/λ",
                                                    "lr 0.25 (diverging) > 2/λ"]
        await type_into(pilot, lab.query_one("#lab-lr", Input), "1.5")
        await settle(app, pilot)
        assert "lr 1.5 (yours) > 2/λ" in rate_labels(lab)
        notes = lab.query_one(LabCharts).chart("rates").spec.notes
        assert any("lr 1.5 (yours) diverged" in n for n in notes)
        # mse-one's Hessian is [[8, 4], [4, 2]]: λ_max = 10
        assert lab.query_one(LabCharts).chart("rates").spec.title.endswith("; 2/λ_max = 0.2")
        box = lab.query_one("#lab-lr", Input)
        box.value = "0.05"  # typed, no Enter: the next step takes it, and the chart compares it
        await pilot.press("f5")
        await settle(app, pilot)
        assert lab.run.trace.final.lr == 0.05 and rate_labels(lab)[1] == "lr 0.05 (yours) < 2/λ"
        await type_into(pilot, box, "0.1")
        await settle(app, pilot)
        assert rate_labels(lab) == ["lr 0.01 (too small) < 2/λ", "lr 0.1 (good) < 2/λ",
                                                    "lr 0.25 (diverging) > 2/λ"]


# -- a diverging run on every chart: bounded work, nothing cut ---------------------------------------------
class PlotextJoins:
    """Fails at once when plotext is about to join more cells than the chart has braille dots."""

    def __init__(self, monkeypatch) -> None:
        self.bound, self.worst = 0, 0
        original = plotext_utility.get_lines

        def counted(x, y, *other):
            cells = [(a, b) for a, b in zip(x, y) if isinstance(a, int) and isinstance(b, int)]
            cost = sum(max(abs(a1 - a0), abs(b1 - b0)) for (a0, b0), (a1, b1) in zip(cells, cells[1:]))
            self.worst = max(self.worst, cost)
            assert cost <= self.bound, f"plotext would join {cost} cells"
            return original(x, y, *other)

        monkeypatch.setattr(plotext_utility, "get_lines", counted)


@pytest.mark.parametrize("size, chart_size", [((80, 24), (52, 16)), ((100, 30), (68, 22))])
async def test_a_diverging_run_on_every_chart_is_drawn_within_the_screen(lessons_dir, tmp_path, monkeypatch,
                                                                      size, chart_size) -> None:
    joins = PlotextJoins(monkeypatch)
    # Several steps a frame, so the run diverges in about a second, still while the keys switch charts.
    monkeypatch.setattr("tutor.ui.screens.lab.RUN_SECONDS", 1)
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=size) as pilot:
        lab = await open_lab(app, pilot)
        charts = lab.query_one(LabCharts)
        joins.bound = 8 * chart_size[0] * chart_size[1]  # braille dots in the chart
        await type_into(pilot, lab.query_one("#lab-lr", Input), "1.5")
        await press_quickly(app, pilot, "f6")
        for key in "2341":  # switched while it diverges
            await press_quickly(app, pilot, key)
            await pilot.pause(0.05)
        await until(pilot, lambda: not lab.running)
        assert lab.run.outcome.kind == "diverged"

        async def every_chart() -> None:
            for name, heat in (("loss", False), ("surface", False), ("surface", True), ("norm", False),
                               ("rates", False), ("optimizers", False), ("curvature", False)):
                charts.show(name)
                charts.heat = heat
                await settle(app, pilot)
                chart = charts.chart(name)
                assert chart.spec is not None and tuple(chart.content_size) == chart_size, name
                lines = chart.render().plain.split("\n")
                assert len(lines) == chart_size[1] and all(len(line) <= chart_size[0] for line in lines), name
                assert not any(line.endswith("…") for line in lines[-2:]), (name, lines[-2:])  # notes in full

        await every_chart()
        for _ in range(150):  # on past the divergence until the values overflow (∞, then NaN)
            if lab.run.step() is None:
                break
        lab.publish()
        assert not lab.run.trace.final.finite
        await every_chart()
        assert joins.worst > 0  # the lines were drawn, through the check


async def test_the_footer_fits_in_80_columns(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        lab = await open_lab(app, pilot)
        lab.query_one("#lab-loss", Select).value = "elongated"
        await settle(app, pilot)

        def shown() -> list[str]:
            keys = list(lab.query(FooterKey))
            assert keys and all(k.region.right <= 80 for k in keys), [(k.key, k.region) for k in keys]
            return [k.description for k in keys]

        assert shown()[:5] == ["Step", "Run", "Reset", "Lin/log", "Back"] and "Help" in shown()
        await pilot.press("2", "f6")  # the longest: Contour/heat while running
        await pilot.pause()
        assert ["Pause", "Contour/heat", "Help"] == [d for d in shown() if d in ("Pause", "Contour/heat", "Help")]
        await pilot.press("f6")


async def test_a_chart_that_fails_to_build_says_so(lessons_dir, tmp_path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("made to fail")

    monkeypatch.setattr("tutor.ui.widgets.lab_charts.three_rates", broken)
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        lab = await open_lab(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        chart = lab.query_one(LabCharts).chart("rates")
        assert chart.spec is None and "Could not compare the rates: made to fail" in str(chart.render())
        await pilot.press("f5")
        assert app.screen is lab and lab.run.trace.final.index == 1  # the lab goes on
