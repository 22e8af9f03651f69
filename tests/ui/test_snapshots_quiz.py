"""Snapshots of the quiz summary at 100×30 and 80×24: fixed questions, answers and time."""

from __future__ import annotations

import pytest

from tutor.ui.app import make_app
from tutor.ui.screens.quiz_setup import QuizSetupScreen
from tutor.ui.screens.quiz_summary import QuizSummaryScreen

from .test_quiz import WRONG, Clock, give, right_answer, settle, write_quiz_course

SIZES = [(100, 30), (80, 24)]
MISSED = {"why", "value"}


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_quiz_summary(snap_compare, tmp_path, size) -> None:
    clock = Clock()

    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        app.push_screen(QuizSetupScreen(rng_seed=3, clock=clock))
        await settle(app, pilot)
        await pilot.press("f5")                       # ten questions from five exercises: each twice
        await settle(app, pilot, 3)
        screen = app.screen
        for _ in range(10):
            clock.now += 9.5
            instance = screen.instance
            missed = instance.exercise_id in MISSED
            await give(app, pilot, WRONG[instance.exercise_id] if missed else right_answer(instance))
            await pilot.press("enter")
            await settle(app, pilot)
        assert isinstance(app.screen, QuizSummaryScreen)
        app.clear_notifications()
        await pilot.pause()

    app = make_app(write_quiz_course(tmp_path / "lessons"), tmp_path / "data", warm_symbolic=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
