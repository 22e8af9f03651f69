"""Where "continue" leads: on from where the learner left off, never back into finished work."""

from __future__ import annotations

import pytest

from tests.ui.conftest import write_course
from tutor.core.lessons.loader import load_course
from tutor.core.progress import ProgressStore
from tutor.core.study import Study


@pytest.fixture
def study(tmp_path) -> Study:
    return Study(load_course(write_course(tmp_path / "lessons"), build=False), ProgressStore.in_memory())


def solve(study: Study, lesson: str, exercise: str) -> None:
    study.store.save_position(lesson, exercise_id=exercise)
    study.store.record_attempt(lesson, exercise, seed=0, answer="right", verdict="correct")


def test_nothing_to_continue_before_anything_is_done(study) -> None:
    assert study.continue_target() is None


def test_a_page_is_continued_where_it_was(study) -> None:
    study.store.save_position("first", page=1)
    target = study.continue_target()
    assert (target.lesson_id, target.page, target.exercise_id) == ("first", 1, None)


def test_an_unsolved_exercise_is_continued(study) -> None:
    study.store.save_position("first", exercise_id="grad")
    assert study.continue_target().exercise_id == "grad"


def test_a_solved_exercise_moves_on_to_the_next_unsolved_one(study) -> None:
    solve(study, "first", "dfdx")
    assert study.continue_target().exercise_id == "grad"
    solve(study, "first", "why")  # the last one: wraps round to the one still open
    assert study.continue_target().exercise_id == "grad"


def test_a_finished_lesson_is_never_the_target(study) -> None:
    for exercise in ("dfdx", "grad", "why"):
        solve(study, "first", exercise)
    target = study.continue_target()
    assert (target.lesson_id, target.exercise_id, target.page) == ("second", None, 0)
    study.store.save_position("first", page=0)  # reading a finished lesson's page again
    assert study.continue_target().lesson_id == "second"
    solve(study, "second", "value")
    assert study.continue_target() is None  # everything is done
