"""Pilot tests of study that remembers: home shows due reviews and usual slips, a review session runs
to a summary that says when each card comes back, and a slip made twice offers a drill."""

from __future__ import annotations

import time

from textual.widgets import DataTable, Input, Static

from tutor.core.progress import AnswerContext, ProgressDatabase, database_path
from tutor.ui.app import make_app
from tutor.ui.screens.confirm import ConfirmScreen
from tutor.ui.screens.exercise import ExerciseScreen
from tutor.ui.screens.home import LESSONS_TOOLTIP, HomeScreen
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.quiz_summary import QuizSummaryScreen

from .conftest import settle

DAY = 86400.0
RIGHT = {"dfdx": "2x", "grad": "(2x + y, x + 2y)", "why": "a", "value": "4"}


def studied_days_ago(data_dir, days: float) -> None:
    """Ana solved dfdx and the choice `why` `days` ago, and twice took ∂f/∂y for ∂f/∂x."""
    when = time.time() - days * DAY
    db, _ = ProgressDatabase.open(database_path(data_dir), clock=lambda: when)
    with db:
        ana = db.learner("Ana")
        for exercise in ("dfdx", "why"):
            ana.save_position("first", exercise_id=exercise)
            ana.record_attempt("first", exercise, seed=0, answer=RIGHT[exercise], verdict="correct",
                               context=AnswerContext(duration_ms=60_000))
        for _ in range(2):
            ana.record_attempt("first", "dfdx", seed=1, answer="3", verdict="incorrect", diagnosis="wrong-variable")


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_home_shows_reviews_due_first_and_the_usual_slips(lessons_dir, data_dir) -> None:
    studied_days_ago(data_dir, 3)
    app = make_app(lessons_dir, data_dir, warm_symbolic=False, learner="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Review: 2 due" in text(app, "#review")
        assert text(app, "#continue").startswith("Continue (c): the reviews, then First steps, exercise 2")
        slips = text(app, "#slips")
        assert "1  differentiating by the wrong variable ×2" in slips
        assert app.screen.query_one("#lessons").tooltip == LESSONS_TOOLTIP and "★ mastered" in LESSONS_TOOLTIP


async def test_nothing_due_says_so_and_continue_goes_on_with_the_lesson(lessons_dir, data_dir) -> None:
    studied_days_ago(data_dir, 0)
    app = make_app(lessons_dir, data_dir, warm_symbolic=False, learner="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one("#review").display
        assert text(app, "#continue") == "Continue (c): First steps, exercise 2 of 3"
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("No reviews due. The next comes back" in n.message for n in app._notifications)


async def test_a_review_session_to_its_summary_says_when_each_comes_back(lessons_dir, data_dir) -> None:
    studied_days_ago(data_dir, 3)
    app = make_app(lessons_dir, data_dir, warm_symbolic=False, learner="Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")  # the rule: reviews first
        await settle(app, pilot, 3)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.run.mode == "review"
        assert not screen.query_one("#quiz-timer").display  # no timer
        assert [q.exercise_id for q in screen.run.questions] == ["dfdx", "why"]
        assert screen.run.questions[0].seed != 0  # a fresh variant
        box = screen.query_one("#whole", Input)
        box.value = "2x"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("ctrl+n")
        await settle(app, pilot, 3)
        await pilot.press("ctrl+n")  # the choice is skipped: not remembered
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and "not remembered" in str(app.screen.query_one("#question").render())
        await pilot.press("y")
        await settle(app, pilot, 3)
        summary = app.screen
        assert isinstance(summary, QuizSummaryScreen)
        assert "Review done: 1 of 2 recalled" in text(app, "#quiz-score")
        table = summary.query_one(DataTable)
        back = [str(table.get_row_at(i)[4]) for i in range(2)]
        # Recalled at once: days away; skipped: within a day or two.
        assert back[0].startswith("in ") and back[1].startswith(("tomorrow", "in 2 days")), back
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and not app.screen.query_one("#review").display
    db, _ = ProgressDatabase.open(database_path(data_dir))
    with db:
        cards = {c.exercise_id: c for c in db.existing("Ana").review_cards()}
        assert (cards["dfdx"].reps, cards["why"].last_rating) == (2, 1)
        assert cards["dfdx"].due > cards["why"].due > time.time()


async def test_the_second_same_slip_offers_a_drill_that_f7_starts(lessons_dir, data_dir) -> None:
    app = make_app(lessons_dir, data_dir, warm_symbolic=False, learner="Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_exercise("first", "dfdx")
        await settle(app, pilot, 3)
        screen = app.screen
        assert isinstance(screen, ExerciseScreen) and not screen.check_action("drill", ())
        for count in (1, 2):
            screen.query_one("#whole", Input).value = "3"  # ∂f/∂y, not ∂f/∂x
            await pilot.press("enter")
            await settle(app, pilot)
            offered = [n for n in app._notifications if "F7: a short drill" in n.message]
            assert bool(offered) == (count == 2)
        assert screen.check_action("drill", ()) and "f7" in {b.binding.key for b in app.active_bindings.values()
                                                              if b.binding.show}
        await pilot.press("f7")
        await settle(app, pilot, 3)
        drill = app.screen
        assert isinstance(drill, QuizScreen) and drill.run.mode == "drill" and drill.run.slip == "wrong-variable"
        assert "Drill: differentiating by the wrong variable" in drill.sub_title


async def test_a_key_on_home_drills_a_usual_slip(lessons_dir, data_dir) -> None:
    studied_days_ago(data_dir, 3)
    app = make_app(lessons_dir, data_dir, warm_symbolic=False, learner="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")  # only one slip so far
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and any("Only one slip so far: press 1." in n.message for n in app._notifications)
        await pilot.press("1")
        await settle(app, pilot, 3)
        assert isinstance(app.screen, QuizScreen) and app.screen.run.slip == "wrong-variable"
        assert {q.exercise_id for q in app.screen.run.questions} <= {"dfdx", "grad"}  # derivatives of x and y
