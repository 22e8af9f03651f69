"""Working on a sheet through Study.record: variants, test-mode rules, progress, handing in, statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.core.lessons.loader import load_course
from tutor.core.maths.verdict import Verdict
from tutor.core.progress import ProgressDatabase
from tutor.core.sheets import load_sheet, resolve, variant_seed
from tutor.core.sheets.resolve import course_index
from tutor.core.sheets.session import SheetSession
from tutor.core.study import Study

COURSE = load_course(build=False)
SHEET = """\
id: lab-1
title: Lab one
class: ML 2B
mode: {mode}
{extra}items:
  - exercise: basic-example/dfdx-basic
  - exercise: basic-example/dfdx-scaled
  - exercise: basic-example/why-dfdy-constant
"""


class Clock:
    def __init__(self, now: float = 1_780_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def open_sheet(tmp_path: Path, mode: str = "test", extra: str = "tries: 2\ntime_limit: 10\n", learner: str = "Ana",
               clock: Clock | None = None, submit: Path | None = None):
    path = tmp_path / "lab.yaml"
    path.write_text(SHEET.format(mode=mode, extra=extra), encoding="utf-8")
    sheet, errors = load_sheet(path)
    assert not errors
    exercises, errors = resolve(sheet, course_index(COURSE))
    assert not errors
    clock = clock or Clock()
    db, _ = ProgressDatabase.open(tmp_path / "progress.sqlite3", clock=clock)
    store = db.learner(learner)
    session = SheetSession(sheet, exercises, store, lesson_titles={"basic-example": "Basic"}, clock=clock,
                           submit=submit)
    return Study(COURSE, store, sheet=session), clock


def answer(study: Study, exercise_id: str, text: str):
    seed = study.study_seed("basic-example", exercise_id)
    instance = study.instance("basic-example", exercise_id, seed)
    return instance, study.record(instance, text, instance.check(text))


def test_each_learner_gets_their_own_variant_of_each_exercise(tmp_path):
    study, _ = open_sheet(tmp_path)
    assert study.study_seed("basic-example", "dfdx-scaled") == variant_seed("lab-1", "Ana", "basic-example", "dfdx-scaled")
    bo = Study(COURSE, study.store.for_learner("Bo"))
    assert study.study_seed("basic-example", "dfdx-scaled") != variant_seed("lab-1", "Bo", "basic-example", "dfdx-scaled")
    assert bo.study_seed("basic-example", "dfdx-scaled") == 0  # outside the sheet: the usual variants


def test_test_mode_counts_tries_refuses_help_and_hands_in_when_done(tmp_path):
    study, _ = open_sheet(tmp_path)
    progress = study.sheet.progress()
    assert [e.status for e in progress.exercises] == ["todo"] * 3 and progress.time_left == 600
    instance, wrong = answer(study, "dfdx-basic", "3")
    assert wrong.accepted and not wrong.solved
    assert wrong.exercise("basic-example", "dfdx-basic").tries_left == 1
    assert study.hint(instance) is False and study.reveal(instance) is False  # no help in a test
    _, right = answer(study, "dfdx-basic", "2x")
    assert right.solved and right.exercise("basic-example", "dfdx-basic").status == "solved"
    _, late = answer(study, "dfdx-basic", "2x")
    assert late.accepted  # solved already: more answers still count as tries until out of them
    _, first = answer(study, "why-dfdy-constant", "a")
    _, second = answer(study, "why-dfdy-constant", "c")
    assert second.exercise("basic-example", "why-dfdy-constant").status == "out of tries"
    _, refused = answer(study, "why-dfdy-constant", "b")
    assert not refused.accepted and "No tries left" in refused.refusal
    assert len(study.store.recent_attempts(20, exercise_id="why-dfdy-constant")) == 2  # the refused one is not stored
    scaled = study.instance("basic-example", "dfdx-scaled", study.study_seed("basic-example", "dfdx-scaled"))
    done = study.record(scaled, "wrong", Verdict("incorrect", "numeric", "No."))
    assert not done.handed_in
    done = study.record(scaled, "wrong", Verdict("incorrect", "numeric", "No."))
    assert done.handed_in and done.sheet.finished and done.sheet.solved == 1 and done.sheet.total == 3
    _, after = answer(study, "dfdx-basic", "2x")
    assert not after.accepted and "handed in" in after.refusal


def test_the_time_limit_counts_from_the_first_opening_and_hands_in_at_the_limit(tmp_path):
    clock = Clock()
    study, _ = open_sheet(tmp_path, clock=clock)
    clock.now += 300
    answer(study, "dfdx-basic", "2x")
    assert study.sheet.progress().time_left == 300
    reopened, _ = open_sheet(tmp_path, clock=clock)  # restarting the tutor gives no extra time
    assert reopened.sheet.progress().time_left == 300
    clock.now += 301
    progress = reopened.sheet.progress()
    assert progress.finished and progress.finished_at == 1_780_000_000.0 + 600 and progress.time_left is None
    _, refused = answer(reopened, "dfdx-scaled", "x")
    assert not refused.accepted
    (completed,) = [s for s in reopened.store.statements() if s["verb"]["id"].endswith("completed")]
    assert completed["result"]["score"] == {"scaled": round(1 / 3, 4), "raw": 1, "min": 0, "max": 3}
    assert completed["result"]["duration"] == "PT10M0S"


def test_study_mode_allows_help_and_a_copied_answer_completes_without_scoring(tmp_path):
    study, _ = open_sheet(tmp_path, mode="study", extra="")
    instance, _ = answer(study, "dfdx-basic", "3")
    assert study.hint(instance) and study.reveal(instance)
    _, right = answer(study, "dfdx-basic", "2x")
    progress = right.sheet
    assert progress.exercise("basic-example", "dfdx-basic").status == "completed" and progress.solved == 0
    assert progress.exercise("basic-example", "dfdx-basic").tries_left is None
    statement = list(study.store.statements())[-1]
    extensions = statement["result"]["extensions"]
    assert extensions["urn:tutor:ext:hints"] == 1 and extensions["urn:tutor:ext:solution-shown"] is True
    assert extensions["urn:tutor:ext:try"] == 2 and extensions["urn:tutor:ext:mode"] == "study"
    assert study.hand_in() is None and study.sheet.progress().finished


def test_an_answers_statement_says_everything_recorded_when_it_was_checked(tmp_path):
    study, _ = open_sheet(tmp_path)
    answer(study, "dfdx-basic", "3x^2")
    _, right = answer(study, "why-dfdy-constant", "b")
    wrong_one, choice = list(study.store.statements())
    assert wrong_one["object"]["id"] == "urn:tutor:exercise:basic-example/dfdx-basic"
    assert wrong_one["result"]["response"] == "3x^2" and wrong_one["result"]["success"] is False
    assert wrong_one["result"]["extensions"]["urn:tutor:ext:message"]
    assert wrong_one["result"]["extensions"]["urn:tutor:ext:mode"] == "test"
    assert wrong_one["result"]["extensions"]["urn:tutor:ext:seed"] == variant_seed("lab-1", "Ana", "basic-example",
                                                                                   "dfdx-basic")
    assert wrong_one["context"]["contextActivities"]["parent"][0]["id"] == "urn:tutor:sheet:lab-1"
    assert wrong_one["object"]["definition"]["name"]["en-US"].endswith("(dfdx-basic)")
    assert wrong_one["result"]["duration"].startswith("PT")
    assert choice["result"]["response"] == "b" and choice["object"]["definition"]["interactionType"] == "choice"
    assert choice["result"]["extensions"]["urn:tutor:ext:choice-text"]


def test_another_variant_of_a_sheet_exercise_is_practice_outside_the_sheet(tmp_path):
    study, _ = open_sheet(tmp_path)
    seed = study.study_seed("basic-example", "dfdx-scaled") + 1
    instance = study.instance("basic-example", "dfdx-scaled", seed)
    recorded = study.record(instance, "x", instance.check("x"))
    assert recorded.sheet is None and study.sheet.progress().exercise("basic-example", "dfdx-scaled").tries == 0
    (statement,) = study.store.statements()
    assert "contextActivities" not in statement["context"]


def test_a_sheet_of_another_learner_cannot_be_used(tmp_path):
    study, _ = open_sheet(tmp_path)
    with pytest.raises(ValueError, match="another learner"):
        Study(COURSE, study.store.for_learner("Bo"), sheet=study.sheet)
