"""Pilot tests of the new kinds: a matrix typed in the box, backprop by hand and Adam by hand a blank at
a time (slips named, kept across a restart), the optimizer exercise's lab."""

from __future__ import annotations

import textwrap

import pytest
from textual.widgets import Input

from tutor.ui.app import make_app
from tutor.ui.screens.entries_exercise import EntriesExerciseScreen
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.widgets.answer_box import AnswerBox
from tutor.ui.widgets.feedback import Feedback
from tutor.ui.widgets.hand_entries import HandEntries

from .conftest import settle

LESSON = """\
id: kinds
title: New kinds
summary: A matrix, backprop by hand, Adam by hand.
exercises:
  - id: hessian
    type: matrix
    prompt: "The Hessian of {function}."
    function_name: L
    compute: {hessian: (wx + b - y)^2, data: {x: [1, 2], y: [3, 5]}, wrt: [w, b]}
  - id: two-paths
    type: backprop
    prompt: "Backpropagate through the graph."
    inputs: {x: 3}
    nodes:
      a: 2x
      b: x^2
      L: a b
  - id: adam
    type: optimizer
    method: adam
    prompt: "One Adam step on {loss} from {start}."
    loss: (wx + b - y)^2
    data: {x: [2], y: [4]}
    start: {w: 0, b: 0}
    lr: 0.1
    lab_steps: 30
"""


@pytest.fixture
def lessons_dir(tmp_path):
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "01-kinds.yaml").write_text(textwrap.dedent(LESSON), encoding="utf-8")
    return folder


async def open_it(app, pilot, exercise: str):
    await settle(app, pilot)
    app.open_exercise("kinds", exercise)
    await settle(app, pilot, 3)
    return app.screen


async def answer(app, pilot, text: str) -> None:
    box = app.screen.query_one("#whole", Input)
    box.value = ""
    box.focus()
    await pilot.press(*text, "enter")
    await settle(app, pilot)


def feedback(screen) -> str:
    return str(screen.query_one(Feedback).render())


def entries(screen) -> str:
    return str(screen.query_one(HandEntries).render())


async def test_a_matrix_is_read_as_typed_and_its_slip_named(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_it(app, pilot, "hessian")
        assert type(screen) is ExerciseScreen and screen.instance.shape == "matrix"
        box = screen.query_one("#whole", Input)
        box.focus()
        await pilot.press(*"[[5,3],[3,2")
        await settle(app, pilot)
        assert "never closed" in str(screen.query_one("#reading").render())
        box.value = ""
        await answer(app, pilot, "5, 3; 3, -2")
        assert "sign" in feedback(screen) and "∂²L/∂b² (row 2, column 2)" in feedback(screen)
        await answer(app, pilot, "[[5,3],[3,2]]")
        assert screen.solved and app.study.state("kinds", "hessian").solved


async def test_backprop_a_blank_at_a_time_with_the_missed_path_named(lessons_dir, tmp_path) -> None:
    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_it(app, pilot, "two-paths")
        assert isinstance(screen, EntriesExerciseScreen)
        assert "[L = a·b] = 54" in str(screen.query_one("#shows").render())
        assert "1 of 5: ∂L/∂b = ?" in entries(screen)
        await pilot.press("f6")
        assert app.screen is screen  # backprop has no lab
        await answer(app, pilot, "2b")
        assert "put the forward values in" in feedback(screen)
        for text in ("6", "9", "2", "6"):
            await answer(app, pilot, text)
        assert screen.answers == ["6", "9", "2", "6"] and "∂b/∂x = 2·x = 6" in entries(screen)
        await answer(app, pilot, "18")
        assert "missed-path" in feedback(screen) and "only the path through a" in feedback(screen)
        await answer(app, pilot, "54")
        assert screen.done and not screen.query_one(AnswerBox).display
        state = app.study.state("kinds", "two-paths")
        assert state.solved and state.attempts == 2


async def test_adam_values_kept_across_a_restart(lessons_dir, tmp_path) -> None:
    data = tmp_path / "data"
    app = make_app(lessons_dir, data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_it(app, pilot, "adam")
        assert "m̂ = m/(1 − β₁ᵗ)" in str(screen.query_one("#shows").render())
        await answer(app, pilot, "w = -16, b = -8")
        await answer(app, pilot, "(-16, -8)")
        assert "wrong-beta" in feedback(screen) and "1 − β₁ = 0.1" in feedback(screen)
        await answer(app, pilot, "(-1.6, -0.8)")
        assert len(screen.answers) == 2
    again = make_app(lessons_dir, data, warm_symbolic=False)
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await open_it(again, pilot, "adam")
        assert screen.answers == ["w = -16, b = -8", "(-1.6, -0.8)"]
        assert "3 of 6: v₁" in entries(screen)
        await answer(again, pilot, "(0.256, 0.064)")
        await answer(again, pilot, "(-1.6, -0.8)")
        assert "bias-correction" in feedback(screen)
        for text in ("(-16, -8)", "(256, 64)", "(0.1, 0.1)"):
            await answer(again, pilot, text)
        assert screen.done and again.study.state("kinds", "adam").solved
        assert again.study.store.work("kinds", "adam") is None
