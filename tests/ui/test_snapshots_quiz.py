"""Snapshots of the quiz summary at 100×30 and 80×24, from a run taken in the core (fixed questions,
answers and time), so the snapshot shows the summary itself, not a whole quiz played through the UI."""

from __future__ import annotations

import pytest

from tutor.core.quiz import Question, QuizRun
from tutor.ui.app import make_app
from tutor.ui.screens.quiz_summary import QuizSummaryScreen

from .conftest import settle
from .test_quiz import WRONG, Clock, right_answer, write_quiz_course

SIZES = [(100, 30), (80, 24)]
QUESTIONS = [Question("partials", "dfdx", 11), Question("gradients", "why", 12), Question("point", "value", 13),
             Question("gradients", "grad", 14), Question("partials", "scaled", 15)]
MISSED = {"why", "value"}


@pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
def test_quiz_summary(snap_compare, tmp_path, size) -> None:
    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        clock = Clock()
        run = QuizRun(app.study.store, app.study.course, QUESTIONS, clock=clock)
        for number in range(1, len(QUESTIONS) + 1):
            clock.now += 9.5
            instance = run.instance(number)
            text = WRONG[instance.exercise_id] if instance.exercise_id in MISSED else right_answer(instance)
            run.record(instance, text, instance.check(text))
            run.advance()
        run.finish()
        await app.push_screen(QuizSummaryScreen(app.study, run))
        await settle(app, pilot)

    app = make_app(write_quiz_course(tmp_path / "lessons"), tmp_path / "data", warm_symbolic=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
