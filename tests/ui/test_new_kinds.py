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

from .conftest import answer, settle

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


async def test_the_footer_keys_work_on_the_blank_by_blank_screen(lessons_dir, tmp_path) -> None:
    from .test_keys import footer_keys_work

    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for exercise in ("two-paths", "adam", "hessian"):
            screen = await open_it(app, pilot, exercise)
            assert await footer_keys_work(app, pilot, screen) == [], exercise
            app.pop_screen()
            await settle(app, pilot)


async def test_after_adam_by_hand_the_lab_races_the_three_optimizers(lessons_dir, tmp_path) -> None:
    from tutor.ui.screens.lab import LabScreen
    from tutor.ui.widgets.lab_charts import LabCharts

    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_it(app, pilot, "adam")
        assert screen.query_one("#lab-button").display
        await pilot.press("f6")
        assert app.screen is screen  # the lab waits for the step by hand
        await pilot.press("f3")  # the worked solution also opens it
        await settle(app, pilot)
        assert screen.revealed
        assert "θ₁ = (0, 0) − 0.1·(−16, −8)/(√(256, 64) + ε) = (0.1, 0.1)" in screen.solution_markdown(screen.instance)
        await pilot.press("f6")
        await settle(app, pilot, 4)
        lab = app.screen
        assert isinstance(lab, LabScreen) and lab.config.optimizers == (0.9, 0.9, 0.999, 1e-8)
        charts = lab.query_one(LabCharts)
        assert charts.active == "optimizers"
        assert lab.query_one("#lab-loss").value == "exercise"  # the exercise's own loss, not a preset's
        await pilot.press("f5")
        await settle(app, pilot, 3)
        assert lab.run.outcome.kind == "converged"  # plain descent lands on the minimum at step 1…
        spec = charts.chart("optimizers").spec
        assert spec is not None and spec.title.endswith("step 30")  # …so the race is shown whole
        labels = [s.label for s in spec.series if s.label]
        assert [label.split(":")[0] for label in labels] == ["plain descent", "momentum", "Adam"]
        assert {s.color for s in spec.series if s.label} == {"white", "yellow", "magenta"}
        await pilot.press("6")
        await settle(app, pilot, 3)
        curvature = charts.chart("curvature").spec
        assert curvature is not None and any(s.label and s.label.startswith("λ = 10 (steep)") for s in curvature.series)
        assert any("2/λ_max = 0.2" in note for note in curvature.notes)


async def test_a_quiz_asks_a_matrix_and_a_whole_backprop_in_one_answer(lessons_dir, tmp_path) -> None:
    from tutor.ui.screens.quiz import QuizScreen

    from .test_quiz import give, start

    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        quiz = await start(app, pilot, count=3, lessons=("kinds",))
        assert isinstance(quiz, QuizScreen)
        seen = set()
        for _ in range(3):
            instance = quiz.instance
            seen.add(instance.exercise_id)
            if instance.shape == "matrix":
                await give(app, pilot, "[[5, 3], [3, 2]]")
            else:
                values = [instance.hand.value(b.key) for b in instance.hand.blanks]
                await give(app, pilot, "; ".join(
                    f"({', '.join(repr(v) for v in vs)})" if len(vs) > 1 else repr(vs[0]) for vs in values))
            assert "correct" in feedback(quiz).lower() or "right" in feedback(quiz).lower(), feedback(quiz)
            await pilot.press("ctrl+n")
            await settle(app, pilot, 3)
        assert seen == {"hessian", "two-paths", "adam"}


async def test_the_optimizers_preset_races_step_by_step(lessons_dir, tmp_path) -> None:
    from tutor.core.descent.config import LabConfig
    from tutor.ui.widgets.lab_charts import LabCharts

    app = make_app(lessons_dir, tmp_path / "data", warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_lab(LabConfig.preset("optimizers"))
        await settle(app, pilot, 4)
        charts = app.screen.query_one(LabCharts)
        assert charts.active == "optimizers"
        await pilot.press("f5", "f5", "f5")
        await settle(app, pilot, 3)
        spec = charts.chart("optimizers").spec
        assert spec.title.endswith("step 3")
        plain, momentum, adam = (s for s in spec.series if s.label)
        assert len(plain.xs) == len(momentum.xs) == len(adam.xs) == 4  # the start and three steps each
        await pilot.press("4")
        await settle(app, pilot, 3)
        assert charts.chart("rates").spec.title.endswith("2/λ_max = 0.1")  # λ_max = 20 for x² + 10y²
