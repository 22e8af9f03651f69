"""Pilot tests of the quiz: setup, a whole quiz to its summary, tries, the timer, leaving, retrying."""

from __future__ import annotations

import textwrap
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, RadioButton, SelectionList, Static

from tutor.core.lessons.instance import Instance
from tutor.ui.app import make_app
from tutor.ui.screens.confirm import ConfirmScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.quiz import QuizScreen
from tutor.ui.screens.quiz_setup import QuizSetupScreen
from tutor.ui.screens.quiz_summary import QuizSummaryScreen
from tutor.ui.widgets.feedback import Feedback

from .conftest import BROKEN, settle

PARTIALS = """\
id: partials
title: Partials
summary: One variable at a time.
exercises:
  - id: dfdx
    type: derivative
    prompt: "Find ∂f/∂x for f(x, y) = {function}."
    function: x^2 + 3y
    wrt: x
    hints: ["Never shown in a quiz."]
  - id: scaled
    type: derivative
    prompt: "Find ∂f/∂x for f(x, y) = {function}."
    function: a x^2 y
    wrt: x
    params:
      a: {randint: [2, 9]}
"""

GRADIENTS = """\
id: gradients
title: Gradients
summary: All the partials at once.
exercises:
  - id: grad
    type: gradient
    prompt: "Type the gradient of f(x, y) = {function} as (∂f/∂x, ∂f/∂y)."
    function: x^2 + xy + y^2
  - id: why
    type: choice
    prompt: Which way does −∇f point?
    options:
      - text: Downhill, the steepest way.
        correct: true
        explanation: The gradient points uphill; its negative downhill.
      - text: Uphill.
        explanation: That is the gradient itself.
      - text: Along a level curve.
        explanation: Along a level curve nothing changes.
"""

POINT = """\
id: point
title: At a point
summary: Numbers from formulas.
exercises:
  - id: value
    type: value
    prompt: "What is ∂f/∂x of x² + 3y at (2, 3)?"
    compute: {partial: x^2 + 3y, wrt: x, at: {x: 2, y: 3}}
"""

RIGHT = {"dfdx": "2x", "grad": "(2x + y, x + 2y)", "why": "a", "value": "4"}
WRONG = {"dfdx": "2x + 3y", "scaled": "x y", "grad": "(x + 2y, 2x + y)", "why": "b", "value": "7"}


def write_quiz_course(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("01-partials.yaml", PARTIALS), ("02-gradients.yaml", GRADIENTS),
                       ("03-point.yaml", POINT), ("04-broken.yaml", BROKEN)):
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def right_answer(instance: Instance) -> str:
    if instance.exercise_id == "scaled":
        return f"2*{dict(instance.params)['a']}*x*y"
    return RIGHT[instance.exercise_id]


class Clock:
    """A clock the test moves by hand, so the time shown is known."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def quiz_lessons(tmp_path) -> Path:
    return write_quiz_course(tmp_path / "quiz-lessons")


@pytest.fixture
def quiz_data(tmp_path) -> Path:
    return tmp_path / "quiz-data"



async def open_setup(app, pilot, rng_seed: int | None = 1, clock=None) -> QuizSetupScreen:
    await settle(app, pilot)
    if rng_seed is None:
        await pilot.press("z")                 # the home key, as a learner would
    else:
        app.push_screen(QuizSetupScreen(app.study, rng_seed=rng_seed, clock=clock))
    await settle(app, pilot)
    assert isinstance(app.screen, QuizSetupScreen)
    return app.screen


async def start(app, pilot, count: int = 5, lessons: tuple[str, ...] | None = None, **kwargs) -> QuizScreen:
    setup = await open_setup(app, pilot, **kwargs)
    if lessons is not None:
        choice = setup.query_one(SelectionList)
        choice.deselect_all()
        for lesson in lessons:
            choice.select(lesson)
    setup.query_one("#quiz-count", Input).value = str(count)
    await pilot.press("f5")
    await settle(app, pilot, 3)
    assert isinstance(app.screen, QuizScreen) and app.screen.instance is not None
    return app.screen


async def give(app, pilot, text: str, typed: bool = False) -> None:
    """Answer the question on screen: a letter for a choice, else text in the box and Enter."""
    screen = app.screen
    if screen.instance.shape == "choice":
        await pilot.press(text)
    else:
        box = screen.query_one("#whole", Input)
        box.focus()
        if typed:
            box.value = ""
            await pilot.press(*text)
        else:
            box.value = text
        await pilot.press("enter")
    await settle(app, pilot)


def feedback(app) -> str:
    return str(app.screen.query_one(Feedback).render())


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_setup_offers_good_lessons_all_selected(quiz_lessons, quiz_data) -> None:
    app = make_app(quiz_lessons, quiz_data, warm_symbolic=False)
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await open_setup(app, pilot, rng_seed=None)
        choice = setup.query_one(SelectionList)
        assert choice.selected == ["partials", "gradients", "point"]       # the broken one is not offered
        assert setup.query_one("#quiz-count", Input).value == "10"
        note = text_of(app, "#quiz-note")
        assert "10 questions from 5 exercises in 3 lesson(s), 1 try each" in note and "more than once" in note
        assert "Not offered (the file has errors): Broken lesson" in note
        await pilot.press("f2")                                             # all -> none
        assert choice.selected == [] and setup.query_one("#start", Button).disabled
        await pilot.press("f2")
        assert len(choice.selected) == 3
        setup.query_one("#quiz-count", Input).value = "0"
        await pilot.pause()
        assert "from 1 to 50" in text_of(app, "#quiz-note") and setup.query_one("#start", Button).disabled
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_whole_quiz_to_its_summary(quiz_lessons, quiz_data) -> None:
    app = make_app(quiz_lessons, quiz_data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, count=5, rng_seed=None)
        run = screen.run
        wrong = {"why", "value"}                 # a choice missed, a number missed; the rest right
        given = {}
        for number in range(1, 6):
            instance = screen.instance
            assert text_of(app, "#quiz-title").startswith(f"Question {number} of 5 · ")  # 100 columns
            labels = [str(b.label) for b in screen.query(Button)]
            assert not any("Hint" in label or "Solution" in label for label in labels)
            text = WRONG[instance.exercise_id] if instance.exercise_id in wrong else right_answer(instance)
            await give(app, pilot, text, typed=instance.exercise_id == "grad")
            given[instance.exercise_id] = text
            assert ("Correct" in feedback(app)) == (instance.exercise_id not in wrong)
            assert run.done() and screen.query_one("#next", Button).has_focus
            await pilot.press("enter")         # on to the next question, or the summary
            await settle(app, pilot)
        summary = app.screen
        assert isinstance(summary, QuizSummaryScreen)
        assert "Quiz done: 3 of 5 right (60%)" in text_of(app, "#quiz-score")
        table = summary.query_one(DataTable)
        rows = {o.question.exercise_id: table.get_row_at(i) for i, o in enumerate(run.outcomes)}
        assert set(rows) == {"dfdx", "scaled", "grad", "why", "value"}
        # Where the exercise is in its lesson and what it asks, never its id.
        assert [str(c) for c in rows["grad"][1:]] == ["Gradients", "1. ∇f", "(2x + y, x + 2y)",
                                                      "(2·x + y, x + 2·y)", "✓"]
        assert [str(c) for c in rows["why"][3:]] == ["b) Uphill.", "a) Downhill, the steepest way.", "✗"]
        assert [str(c) for c in rows["value"][3:]] == ["7", "4", "✗"]
        assert [str(c) for c in rows["dfdx"][3:]] == ["2x", "2·x", "✓"]
        stored = app.study.store.quiz_result(run.quiz_id)
        assert (stored.score, stored.total, stored.finished_at is not None) == (3, 5, True)
        assert {a.exercise_id: a.answer for a in stored.answers} == given
        assert summary.query_one("#retry", Button).disabled is False


async def test_choice_feedback_keeps_the_other_explanations_for_the_summary(quiz_lessons, quiz_data) -> None:
    app = make_app(quiz_lessons, quiz_data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, count=2, lessons=("gradients",), rng_seed=4)
        if screen.instance.exercise_id != "why":                 # the lesson's other question first
            await give(app, pilot, right_answer(screen.instance))
            await pilot.press("enter")
            await settle(app, pilot)
        assert screen.instance.exercise_id == "why"
        await give(app, pilot, "c")
        shown = feedback(app)
        assert "Not right" in shown and "nothing changes" in shown
        assert "uphill; its negative" not in shown and "the gradient itself" not in shown
        await pilot.press("enter")
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        while app.screen.run.outcomes[table.cursor_row].question.exercise_id != "why":
            await pilot.press("down")                               # the details follow the cursor
        await settle(app, pilot)
        detail = str(app.screen.query_one("#quiz-detail-text").source)
        assert "uphill; its negative" in detail and "the gradient itself" in detail


async def test_a_second_try_when_tries_allow(quiz_lessons, quiz_data) -> None:
    app = make_app(quiz_lessons, quiz_data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        setup = await open_setup(app, pilot)
        setup.query_one(SelectionList).deselect("gradients").deselect("point")
        await pilot.click(RadioButton, offset=(1, 0))     # the first radio button: "1"; then "2" by keys
        await pilot.press("right", "enter")
        assert setup.choices()[2] == 2
        setup.query_one("#quiz-count", Input).value = "2"
        await pilot.click("#start")
        await settle(app, pilot, 3)
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.run.tries == 2
        first = screen.instance
        await give(app, pilot, WRONG[first.exercise_id])
        assert "Not right" in feedback(app) and "1 try left" in text_of(app, "#quiz-status")
        assert not screen.run.done() and not screen.query_one("#check", Button).disabled
        await give(app, pilot, "2x +")                       # unreadable: costs no try
        assert "Cannot read" in feedback(app) and screen.run.tries_left() == 1
        await give(app, pilot, right_answer(first))
        assert "Correct" in feedback(app) and screen.run.done()
        await pilot.press("ctrl+n")
        await settle(app, pilot)
        second = screen.instance
        await give(app, pilot, WRONG[second.exercise_id])
        await give(app, pilot, WRONG[second.exercise_id])
        assert screen.run.done() and "see the summary" in text_of(app, "#quiz-status")
        await pilot.press("enter")
        await settle(app, pilot)
        result = app.study.store.quiz_result(screen.run.quiz_id)
        assert [(a.verdict, a.tries) for a in result.answers] == [("correct", 2), ("incorrect", 2)]


async def test_the_timer_shows_and_counts(quiz_lessons, quiz_data) -> None:
    clock = Clock()
    app = make_app(quiz_lessons, quiz_data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, count=2, clock=clock)
        assert text_of(app, "#quiz-timer") == "⏱ 00:00"
        clock.now += 65
        for _ in range(30):                                     # the interval redraws it, within a second
            await pilot.pause(0.1)
            if text_of(app, "#quiz-timer") != "⏱ 00:00":
                break
        assert text_of(app, "#quiz-timer") == "⏱ 01:05"
        await give(app, pilot, right_answer(screen.instance))
        await pilot.press("enter")
        await settle(app, pilot)
        clock.now += 60
        await give(app, pilot, right_answer(screen.instance))
        await pilot.press("enter")
        await settle(app, pilot)
        assert "time 02:05" in text_of(app, "#quiz-score")


async def test_leaving_counts_the_unanswered_as_missed_and_retry_asks_exactly_those(quiz_lessons, quiz_data) -> None:
    app = make_app(quiz_lessons, quiz_data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, count=4, rng_seed=9)
        run = screen.run
        await give(app, pilot, right_answer(screen.instance))      # 1: right
        await pilot.press("enter")
        await settle(app, pilot)
        await give(app, pilot, WRONG[screen.instance.exercise_id])  # 2: wrong
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("ctrl+n")                                 # 3: skipped, after a confirm
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert run.number == 4
        await pilot.press("escape")                                 # 4: left unanswered
        assert isinstance(app.screen, ConfirmScreen)
        assert "2 unanswered questions count as missed" in str(app.screen.query_one("#question").render())
        await pilot.press("n")                                      # not yet...
        assert app.screen is screen
        await pilot.press("escape", "y")
        await settle(app, pilot)
        summary = app.screen
        assert isinstance(summary, QuizSummaryScreen)
        assert "1 of 4 right (25%)" in text_of(app, "#quiz-score")
        table = summary.query_one(DataTable)
        assert [str(table.get_row_at(i)[3]) for i in (2, 3)] == ["—", "—"]
        missed = run.questions[1:]
        await pilot.click("#retry")                                 # the mouse works too
        await settle(app, pilot, 3)
        retry = app.screen
        assert isinstance(retry, QuizScreen) and retry is not screen
        assert [(q.lesson_id, q.exercise_id, q.seed) for q in retry.run.questions] == [
            (q.lesson_id, q.exercise_id, q.seed) for q in missed]   # same exercises, same variants
        assert retry.run.mode == "practice"                         # the summary showed the answers
        assert "Question 1 of 3" in text_of(app, "#quiz-title")
        assert retry.instance.seed == missed[0].seed


async def test_nothing_to_retry_after_a_perfect_quiz(quiz_lessons, quiz_data) -> None:
    app = make_app(quiz_lessons, quiz_data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, count=1, rng_seed=2)
        await give(app, pilot, right_answer(screen.instance))
        await pilot.press("enter")
        await settle(app, pilot)
        summary = app.screen
        assert isinstance(summary, QuizSummaryScreen)
        assert summary.query_one("#retry", Button).disabled
        await pilot.press("r")
        assert app.screen is summary
        await pilot.press("h")
        await settle(app, pilot)
        assert isinstance(app.screen, HomeScreen)
        state = app.study.state(screen.instance.lesson_id, screen.instance.exercise_id)
        assert state.solved                                         # a quiz answer is progress too


async def test_a_slow_check_shows_it_is_working_and_never_blocks(quiz_lessons, quiz_data) -> None:
    app = make_app(quiz_lessons, quiz_data, warm_symbolic=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start(app, pilot, count=2, rng_seed=5)
        release = threading.Event()
        real = screen.instance

        def slow(text: str):
            release.wait(5)
            return real.check(text)

        screen.instance = replace(real, checker=slow)
        box = screen.query_one("#whole", Input)
        box.value = right_answer(real)
        await pilot.press("enter")
        for _ in range(30):
            await pilot.pause(0.1)
            if "Checking…" in feedback(app):
                break
        assert "Checking…" in feedback(app)                    # a slow check says it is working
        await pilot.press("enter")                              # a second Enter waits its turn...
        await pilot.press("x")                                  # the UI still takes keys
        assert screen.checking and box.value.endswith("x")
        release.set()
        await settle(app, pilot)
        assert "Correct" in feedback(app) and not screen.checking
        # ...and is not counted: the first answer settled the question.
        assert "not counted" in text_of(app, "#quiz-status")
        assert [a.tries for a in app.study.store.quiz_result(screen.run.quiz_id).answers] == [1]
