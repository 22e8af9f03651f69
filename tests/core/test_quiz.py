"""Quiz planning, running (tries, time, answers stored as checked) and retrying the missed questions."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from tutor.core.lessons.loader import load_course
from tutor.core.progress import ProgressStore
from tutor.core.quiz import UNANSWERED, Question, QuizRun, format_clock, plan_quiz, retry_plan

PARTIALS = """\
id: partials
title: Partials
summary: One variable at a time.
exercises:
  - id: dfdx
    type: derivative
    prompt: "Find ∂f/∂x for f = {function}."
    function: x^2 + 3y
    wrt: x
  - id: scaled
    type: derivative
    prompt: "Find ∂f/∂x for f = {function}."
    function: a x^2 y
    wrt: x
    params:
      a: {randint: [2, 9]}
  - id: dfdy
    type: derivative
    prompt: "Find ∂f/∂y for f = {function}."
    function: x^2 + 3y
    wrt: y
"""

GRADIENTS = """\
id: gradients
title: Gradients
summary: All the partials at once.
exercises:
  - id: why
    type: choice
    prompt: Which way does −∇f point?
    options:
      - text: Downhill, the steepest way.
        correct: true
        explanation: The gradient points uphill.
      - text: Uphill.
        explanation: That is ∇f itself.
"""

EMPTY = """\
id: empty
title: Only pages
summary: Nothing to ask.
pages:
  - title: A page
    body: Read me.
"""


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("lessons")
    for name, text in (("01.yaml", PARTIALS), ("02.yaml", GRADIENTS), ("03.yaml", EMPTY)):
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_course(folder)


@pytest.fixture
def store():
    with ProgressStore.in_memory() as store:
        yield store


def run_of(store, course, questions, **kwargs) -> QuizRun:
    return QuizRun(store, course, questions, **kwargs)


# -- planning -----------------------------------------------------------------------------------

def test_plan_spreads_across_lessons(course) -> None:
    for seed in range(20):
        plan = plan_quiz(course, ["partials", "gradients"], 2, seed)
        assert sorted(q.lesson_id for q in plan) == ["gradients", "partials"]


def test_plan_never_repeats_an_exercise_while_others_are_left(course) -> None:
    plan = plan_quiz(course, ["partials", "gradients"], 4, rng_seed=3)
    assert len(plan) == 4
    assert len({(q.lesson_id, q.exercise_id) for q in plan}) == 4


def test_plan_repeats_only_when_asked_for_more_than_there_are(course) -> None:
    plan = plan_quiz(course, ["partials", "gradients"], 10, rng_seed=5)
    assert len(plan) == 10 and len(set(plan)) == 10        # a repeat is at least a new variant
    counts = Counter((q.lesson_id, q.exercise_id) for q in plan)
    assert len(counts) == 4 and max(counts.values()) - min(counts.values()) <= 1
    pairs = [(q.lesson_id, q.exercise_id) for q in plan]
    assert len(set(pairs[:4])) == 4 and len(set(pairs[4:8])) == 4   # every one before any repeat
    for seed in range(30):
        again = [q.exercise_id for q in plan_quiz(course, ["partials", "gradients"], 9, seed)]
        assert all(a != b for a, b in zip(again, again[1:]))         # never the same twice in a row


def test_plan_is_deterministic_for_a_seed_and_varies_with_it(course) -> None:
    ids = ["partials", "gradients"]
    assert plan_quiz(course, ids, 4, 11) == plan_quiz(course, ids, 4, 11)
    assert len({tuple(plan_quiz(course, ids, 4, s)) for s in range(5)}) > 1


def test_plan_skips_unknown_and_empty_lessons(course) -> None:
    assert plan_quiz(course, ["empty", "nowhere"], 5, 1) == []
    assert plan_quiz(course, ["partials"], 0, 1) == []
    assert {q.lesson_id for q in plan_quiz(course, ["partials", "empty", "nowhere"], 3, 1)} == {"partials"}


def test_every_planned_question_can_be_shown(course, store) -> None:
    plan = plan_quiz(course, ["partials", "gradients"], 6, rng_seed=2)
    run = run_of(store, course, plan)
    for number, question in enumerate(plan, 1):
        instance = run.instance(number)
        assert (instance.exercise_id, instance.seed) == (question.exercise_id, question.seed)
        assert instance.expected


# -- running ------------------------------------------------------------------------------------

QUESTIONS = [Question("partials", "dfdx", 7), Question("gradients", "why", 8), Question("partials", "dfdy", 9)]


def test_a_run_records_each_answer_with_the_right_one(course, store) -> None:
    clock = Clock()
    run = run_of(store, course, QUESTIONS, clock=clock)
    first = run.instance(1)
    answer = run.record(first, "2x", first.check("2x"))
    assert answer.status == "correct" and answer.tries == 1 and run.done()
    assert run.advance() == QUESTIONS[1]
    choice = run.instance(2)
    answer = run.record(choice, "b", choice.check("b"))
    assert answer.status == "incorrect" and answer.shown == "b) Uphill." and run.done()
    with pytest.raises(ValueError, match="no tries left"):
        run.record(choice, "a", choice.check("a"))
    clock.now += 75
    assert run.advance() == QUESTIONS[2]
    result = run.finish()
    assert (result.score, result.total, run.elapsed) == (1, 3, 75)
    clock.now += 30
    assert run.elapsed == 75 and run.finish() is result      # the clock stopped; finishing twice is fine
    stored = store.quiz_result(run.quiz_id)
    assert [(a.number, a.answer, a.verdict, a.expected) for a in stored.answers] == [
        (1, "2x", "correct", "2·x"), (2, "b", "incorrect", "a) Downhill, the steepest way.")]
    assert stored.lesson_ids == ("partials", "gradients") and stored.finished_at is not None


def test_unreadable_answers_cost_no_try_and_are_not_stored(course, store) -> None:
    run = run_of(store, course, QUESTIONS)
    first = run.instance(1)
    assert run.record(first, "2x +", first.check("2x +")) is None
    assert run.tries_left() == 1 and not run.done()
    assert store.quiz_result(run.quiz_id).answers == ()


def test_several_tries_keep_the_last_answer(course, store) -> None:
    run = run_of(store, course, QUESTIONS, tries=3)
    first = run.instance(1)
    run.record(first, "2x + 3", first.check("2x + 3"))
    assert run.tries_left() == 2 and not run.done()
    answer = run.record(first, "2x", first.check("2x"))
    assert (answer.status, answer.tries) == ("correct", 2) and run.done()
    stored = store.quiz_result(run.quiz_id).answers
    assert [(a.answer, a.tries) for a in stored] == [("2x", 2)]


def test_answers_must_be_for_the_current_question(course, store) -> None:
    run = run_of(store, course, QUESTIONS)
    second = run.instance(2)
    with pytest.raises(ValueError, match="current question"):
        run.record(second, "a", second.check("a"))
    run.finish()
    with pytest.raises(ValueError, match="finished"):
        run.record(run.instance(1), "2x", run.instance(1).check("2x"))


def test_a_run_needs_questions_and_tries(course, store) -> None:
    with pytest.raises(ValueError):
        run_of(store, course, [])
    with pytest.raises(ValueError):
        run_of(store, course, QUESTIONS, tries=0)


def test_outcomes_list_every_question_unanswered_included(course, store) -> None:
    run = run_of(store, course, QUESTIONS)
    first = run.instance(1)
    run.record(first, "2x + 3y", first.check("2x + 3y"))
    run.finish()                                              # left after the first question
    rows = [(o.number, o.lesson_title, o.answer, o.expected, o.correct) for o in run.outcomes]
    assert rows == [(1, "Partials", "2x + 3y", "2·x", False),
                    (2, "Gradients", UNANSWERED, "a) Downhill, the steepest way.", False),
                    (3, "Partials", UNANSWERED, "3", False)]
    assert run.result.score == 0 and run.result.total == 3


# -- retrying -----------------------------------------------------------------------------------

def test_retry_plan_keeps_the_missed_exercises_and_their_seeds(course, store) -> None:
    run = run_of(store, course, QUESTIONS)
    first = run.instance(1)
    run.record(first, "2x", first.check("2x"))
    run.advance()
    choice = run.instance(2)
    run.record(choice, "b", choice.check("b"))
    result = run.finish()
    same = [(q.lesson_id, q.exercise_id, q.seed) for q in (QUESTIONS[1], QUESTIONS[2])]
    assert [(q.lesson_id, q.exercise_id, q.seed) for q in retry_plan(result)] == same[:1]  # the store alone
    assert [(q.lesson_id, q.exercise_id, q.seed) for q in run.retry_plan()] == same  # with the plan: unanswered too
    assert all(q.order for q in run.retry_plan())  # a choice question's options come in a new order


def test_a_retry_is_practice_with_the_options_shuffled(course, store) -> None:
    run = run_of(store, course, QUESTIONS[1:2])
    choice = run.instance(1)
    run.record(choice, "b", choice.check("b"))  # wrong
    run.finish()
    retry = run.retry()
    again = retry.instance(1)
    assert sorted(c.text for c in again.choices) == sorted(c.text for c in choice.choices)
    assert [c.text for c in again.choices] != [c.text for c in choice.choices]
    right = "abcdefgh"[next(i for i, c in enumerate(again.choices) if c.correct)]
    assert again.expected.startswith(f"{right})") and again.check(right).status == "correct"
    retry.record(again, right, again.check(right))
    state = store.exercise_state(QUESTIONS[1].lesson_id, QUESTIONS[1].exercise_id)
    assert state.completed and not state.solved  # the summary had shown the answer


def test_retry_plan_of_a_perfect_run_is_empty(course, store) -> None:
    run = run_of(store, course, QUESTIONS[:1])
    first = run.instance(1)
    run.record(first, "2x", first.check("2x"))
    run.finish()
    assert run.retry_plan() == []


def test_format_clock() -> None:
    assert [format_clock(s) for s in (0, 9.9, 61, 3599, 3600, -1)] == [
        "00:00", "00:09", "01:01", "59:59", "60:00", "00:00"]
