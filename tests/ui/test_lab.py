"""Pilot tests of the gradient descent lab and of a `descent` exercise done by hand."""

from __future__ import annotations

import textwrap
import time

import pytest
from textual.widgets import Input, Select, Static
from textual.worker import WorkerCancelled

from tutor.ui.app import make_app
from tutor.ui.screens.lab import LabConfig, LabScreen
from tutor.ui.widgets.chart import Chart
from tutor.ui.widgets.lab_charts import LabCharts
from tutor.ui.widgets.step_panel import StepPanel

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


async def settle(app, pilot, times: int = 3) -> None:
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
    box.value = ""
    box.focus()
    await pilot.press(*text, "enter")
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
        await pilot.press("f6")
        assert lab.running and lab.target == 60
        await until(pilot, lambda: lab.run.trace.final.index >= 3)
        await type_into(pilot, lab.query_one("#lab-lr", Input), "0.05")
        assert lab.run.lr == 0.05 and lab.running  # changed while it runs
        here = lab.run.trace.final.index
        await until(pilot, lambda: lab.run.trace.final.index >= here + 2)
        await pilot.press("f6")  # pause
        assert not lab.running
        paused = lab.run.trace.final.index
        assert 0 < paused < 60
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
        assert [s.label for s in rates.series] == ["lr 0.01 (too small)", "lr 0.1 (good)", "lr 0.25 (diverging)"]
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
