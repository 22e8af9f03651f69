"""Pilot tests of descent by hand: a step at a time, slips named, kept across a restart, then the lab."""

from __future__ import annotations

import textwrap

import pytest

from tutor.ui.app import make_app
from tutor.ui.screens.descent_exercise import DescentExerciseScreen
from tutor.ui.screens.lab import LabScreen
from tutor.ui.widgets.answer_box import AnswerBox
from tutor.ui.widgets.feedback import Feedback
from tutor.ui.widgets.hand_steps import HandSteps
from tutor.ui.widgets.step_panel import StepPanel

from .conftest import answer, settle

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


async def open_it(app, pilot) -> DescentExerciseScreen:
    await settle(app, pilot)
    app.open_exercise("by-hand", "two-steps")
    await settle(app, pilot, 3)
    assert isinstance(app.screen, DescentExerciseScreen)
    return app.screen


def steps_text(screen) -> str:
    return str(screen.query_one(HandSteps).render())


async def test_a_descent_exercise_wrong_then_right_then_the_lab(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_it(app, pilot)
        assert "Step 1 of 2 from w = 0, b = 0" in steps_text(screen)
        await pilot.press("f6")
        assert isinstance(app.screen, DescentExerciseScreen)  # no lab before the steps are done
        await answer(app, pilot, "(16, 8)")
        feedback = str(screen.query_one(Feedback).render())
        assert "forgot-lr" in feedback and "left out the learning rate" in feedback
        await answer(app, pilot, "w = -0.8, b = -0.4")
        assert "wrong-sign" in str(screen.query_one(Feedback).render())
        await answer(app, pilot, "w = 0.8, b = 0.4")
        assert screen.answers == ["w = 0.8, b = 0.4"]
        assert "Step 2 of 2 from w = 0.8, b = 0.4" in steps_text(screen)
        await answer(app, pilot, "(1.6, 0.8)")
        assert "stale-gradient" in str(screen.query_one(Feedback).render())
        await answer(app, pilot, "(1.2, 0.6)")
        assert screen.done and not screen.query_one(AnswerBox).display
        state = app.study.state("by-hand", "two-steps")
        assert state.solved and state.attempts == 4
        assert app.study.store.work("by-hand", "two-steps") is None  # done: nothing half-done is kept
        await pilot.press("f6")
        await settle(app, pilot)
        lab = app.screen
        assert isinstance(lab, LabScreen)
        assert lab.run.trace.final.index == 2 and lab.run.trace.final.params == pytest.approx((1.2, 0.6))
        assert "w ← 0.8 − 0.05·(−8) = 1.2" in str(lab.query_one(StepPanel).render())


async def test_a_step_done_before_quitting_is_kept(lessons_dir, tmp_path) -> None:
    data = tmp_path / "data"
    app = make_app(lessons_dir, data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_it(app, pilot)
        await answer(app, pilot, "w = 0.8, b = 0.4")
        assert "Step 2 of 2" in steps_text(app.screen)
    again = make_app(lessons_dir, data, warm_symbolic=False)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        await pilot.press("c")  # continue, as a learner would
        await settle(again, pilot, 3)
        screen = again.screen
        assert isinstance(screen, DescentExerciseScreen)
        assert screen.answers == ["w = 0.8, b = 0.4"]
        assert "✓ step 1: w = 0.8, b = 0.4" in steps_text(screen) and "Step 2 of 2" in steps_text(screen)
        await answer(again, pilot, "(1.2, 0.6)")
        assert screen.done and again.study.state("by-hand", "two-steps").solved


async def test_the_solution_shows_every_step_and_opens_the_lab(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_it(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        assert screen.revealed
        body = screen.query_one("#exercise-body")
        solution = screen.query_one("#solution")
        assert body.scroll_y > 0 and solution.region.y < body.region.bottom  # scrolled into view at 80×24
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, LabScreen)
        assert not app.study.state("by-hand", "two-steps").solved
