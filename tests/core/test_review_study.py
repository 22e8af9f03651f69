"""Study that remembers: the one "what next" rule, a drill offered after the same slip twice,
a review session on fresh numbers that reschedules each card."""

from __future__ import annotations

import pytest

from tests.ui.conftest import write_course
from tutor.core.lessons.loader import load_course
from tutor.core.progress import ProgressStore
from tutor.core.quiz import drill_run, review_run
from tutor.core.review import AGAIN, GOOD, HARD
from tutor.core.study import Study

T0 = 1_780_000_000.0
DAY = 86400.0


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def study(tmp_path, clock) -> Study:
    return Study(load_course(write_course(tmp_path / "lessons"), build=False),
                 ProgressStore.in_memory(learner="Ana", clock=clock))


@pytest.fixture(scope="module")
def bundled():
    return load_course(None, build=False)


def solve(study: Study, lesson: str, exercise: str) -> None:
    study.store.save_position(lesson, exercise_id=exercise)
    study.store.record_attempt(lesson, exercise, seed=0, answer="right", verdict="correct")


def test_the_rule_due_reviews_then_the_lesson_then_the_next_lesson_with_prerequisites_met(study, clock):
    solve(study, "first", "dfdx")
    step = study.next_step()
    assert (step.kind, step.position.exercise_id) == ("exercise", "grad")  # this lesson's unfinished exercise
    clock.t += 2 * DAY  # dfdx's card (good: 2 days) is due
    step = study.next_step()
    assert (step.kind, step.due, step.position) == ("review", 1, None)
    assert study.due_cards() == [("first", "dfdx")]
    study.store.review_missed("first", "dfdx")  # reviewed (forgotten): back tomorrow
    for exercise in ("grad", "why"):
        solve(study, "first", exercise)
    step = study.next_step()  # the lesson is finished: never the target; the next one's prerequisites are met
    assert (step.kind, step.position.lesson_id, step.position.exercise_id) == ("lesson", "second", None)


def test_the_next_lesson_is_one_whose_prerequisites_are_met(tmp_path, clock):
    folder = write_course(tmp_path / "lessons")
    (folder / "00-zero.yaml").write_text(
        "id: zero\ntitle: Zero\nsummary: Comes first, needs the second.\nrequires: [second]\n"
        "exercises:\n  - {id: z, type: value, prompt: 'One?', compute: {expression: '1'}, answer: 1}\n",
        encoding="utf-8")
    study = Study(load_course(folder, build=False), ProgressStore.in_memory(clock=clock))
    solve(study, "first", "dfdx")
    for exercise in ("grad", "why"):
        solve(study, "first", exercise)
    # In course order "zero" comes round before "second" is done, but it needs "second" first.
    assert study.continue_target().lesson_id == "second"


def test_a_drill_is_offered_after_the_second_same_slip(bundled, clock):
    study = Study(bundled, ProgressStore.in_memory(learner="Ana", clock=clock))
    first = study.instance("basic-example", "dfdx-basic", 0)      # f = x² + 3y, ∂f/∂x
    wrong = first.check("3")                                        # that is ∂f/∂y
    assert wrong.diagnosis.code == "wrong-variable"
    once = study.record(first, "3", wrong)
    assert once.slip.count == 1 and once.drill is None
    other = study.instance("basic-example", "dfdy-basic", 0)
    twice = study.record(other, "2x", other.check("2x"))
    assert twice.slip.code == "wrong-variable" and twice.drill == twice.slip  # offered now
    thrice = study.record(first, "3", first.check("3"))
    assert thrice.slip.count == 3 and thrice.drill is None                   # once, not on every slip
    assert [(s.code, s.count) for s in study.slips()] == [("wrong-variable", 3)]
    run = drill_run(study.store, bundled, "wrong-variable", rng_seed=1, clock=clock)
    assert run.mode == "drill" and len(run.questions) == 3
    for number, q in enumerate(run.questions, 1):
        instance = run.instance(number)
        assert len(instance.variables) >= 2, q  # "freeze the other variable": a function of two or more
        run.record(instance, instance.expected, instance.check(instance.expected))
        run.advance()
    run.finish()
    assert study.store.slip("wrong-variable").since_drill == 0
    # The slip must come back twice more before it is offered again.
    assert study.record(first, "3", first.check("3")).drill is None
    assert study.record(first, "3", first.check("3")).drill is not None


def test_a_review_session_asks_fresh_numbers_and_reschedules_each_card(bundled, clock):
    store = ProgressStore.in_memory(learner="Ana", clock=clock)
    study = Study(bundled, store)
    cards = [("basic-example", "dfdx-scaled"), ("quadratic-example", "grad-cross-symbolic"),
             ("core-idea", "dfdx-product")]
    for lesson, exercise in cards:
        instance = study.instance(lesson, exercise, 0)
        study.shown(instance)
        assert study.record(instance, instance.expected, instance.check(instance.expected)).rating in (GOOD, 4)
    assert study.due_cards() == []
    clock.t += 9 * DAY
    due = study.due_cards()
    assert sorted(due) == sorted(cards)
    run = review_run(store, bundled, due, rng_seed=3, clock=clock)
    assert run.mode == "review" and not run.timed and run.tries == 2
    seen = {(lesson, exercise): bundled.lesson(lesson).exercise(exercise).values(0) for lesson, exercise in cards}
    ratings = {}
    for number, q in enumerate(run.questions, 1):
        assert q.seed != 0
        exercise = bundled.lesson(q.lesson_id).exercise(q.exercise_id)
        assert exercise.values(q.seed) != seen[(q.lesson_id, q.exercise_id)]  # different numbers
        instance = run.instance(number)
        run.showing(number)
        if number == 1:    # right at once, after a minute's work: good
            clock.t += 60
            run.record(instance, instance.expected, instance.check(instance.expected))
        elif number == 2:  # wrong, then right: hard
            wrong = "(0, 0)" if instance.shape == "vector" else "0"
            assert run.record(instance, wrong, instance.check(wrong)).status == "incorrect"
            run.record(instance, instance.expected, instance.check(instance.expected))
        ratings[(q.lesson_id, q.exercise_id)] = (GOOD, HARD, AGAIN)[number - 1]
        run.advance()      # the third is skipped: again
    run.finish()
    after = run.cards
    for key, rating in ratings.items():
        assert after[key].last_rating == rating and after[key].reps == 2
    # When each comes back: the forgotten one first, the one recalled at once last.
    by_due = sorted(after, key=lambda k: after[k].due)
    assert [ratings[k] for k in by_due] == [AGAIN, HARD, GOOD]
    assert all(card.due > clock.t for card in after.values()) and study.due_cards() == []
    # The review answers are kept as attempts in mode "review", each in its statement.
    modes = {a.mode for a in store.recent_attempts(10)}
    assert "review" in modes
