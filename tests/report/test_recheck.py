"""Re-marking: stored answers checked again against fixed lessons; exactly the changed verdicts listed."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from tutor.cli import run
from tutor.core.lessons.loader import bundled_lessons_dir, load_course
from tutor.core.report import build_report
from tutor.core.report.course import CourseSource
from tutor.core.report.reading import read_paths
from tutor.core.report.recheck import NOW_RIGHT, NOW_WRONG, recheck

from .conftest import statement, write_jsonl

A, B = "basic-example/dfdx-basic", "basic-example/dfdy-basic"


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    """The bundled course with an author's typo: f = x² + 3xy for dfdx-basic (the prompt meant x² + 3y)."""
    folder = tmp_path_factory.mktemp("faulty") / "lessons"
    shutil.copytree(bundled_lessons_dir(), folder)
    path = folder / "03-basic-example.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: dfdx-basic")
    fixed_part = text[start:].replace("function: x^2 + 3y", "function: x^2 + 3xy", 1).replace("answer: 2x\n", "answer: 2x + 3y\n", 1)
    path.write_text(text[:start] + fixed_part, encoding="utf-8")
    return folder


def marked_by(course_dir, answers):
    """Statements whose verdicts and diagnoses come from the checker of `course_dir`."""
    course = load_course(course_dir, build=False)
    out = []
    for i, (learner, key, typed) in enumerate(answers):
        lesson, exercise = key.split("/")
        verdict = course.lesson(lesson).exercise(exercise).instance(0).check(typed)
        out.append(statement(learner, key, typed, verdict.correct, minute=i,
                             diagnosis=verdict.diagnosis.code if verdict.diagnosis else None, message=verdict.message))
    return out


ANSWERS = [("Ann", A, "2x"), ("Bob", A, "2x + 3y"), ("Cem", A, "2*x"), ("Dan", A, "x^2"),
           ("Ann", B, "3"), ("Bob", B, "0"), ("Eve", A, "2x")]


def test_the_fix_changes_exactly_the_verdicts_it_should(tmp_path, faulty) -> None:
    stored = marked_by(faulty, ANSWERS)
    assert [s["result"]["success"] for s in stored] == [False, True, False, False, True, False, False]
    write_jsonl(tmp_path / "submit" / "lab.jsonl", stored)
    found, attempts = recheck(read_paths([tmp_path / "submit"]).attempts, CourseSource(), "fixed")
    changed = {(c.attempt.learner, c.attempt.response, c.kind) for c in found.verdicts}
    assert changed == {("Ann", "2x", NOW_RIGHT), ("Cem", "2*x", NOW_RIGHT), ("Eve", "2x", NOW_RIGHT),
                       ("Bob", "2x + 3y", NOW_WRONG)}
    assert found.checked == 7 and not found.skipped
    bob = next(c for c in found.verdicts if c.attempt.learner == "Bob")
    assert bob.diagnosis and "3·y" in bob.message  # today's checker names the mistake
    assert found.checks == 6  # Eve typed what Ann typed, on the same variant: checked once
    assert [a.success for a in attempts] == [True, False, True, False, True, False, True]


def test_the_report_is_made_again_and_nothing_stored_is_rewritten(tmp_path, faulty) -> None:
    path = write_jsonl(tmp_path / "submit" / "lab.jsonl", marked_by(faulty, ANSWERS))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    as_stored = build_report([tmp_path / "submit"])
    assert as_stored.exercise(A).solved == 1  # Bob, with the wrong reference
    report = build_report([tmp_path / "submit"], recheck_with="")
    assert report.exercise(A).solved == 3 and report.learner("Bob").solved == 0
    assert len(report.recheck.verdicts) == 4
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_against_the_course_that_marked_them_nothing_changes(small_lab) -> None:
    sheet, submit = small_lab
    report = build_report([submit], sheet=sheet, recheck_with="")
    assert report.recheck.checked > 100 and report.recheck.changes == []


def test_answers_that_cannot_be_re_marked_are_counted_with_why(tmp_path) -> None:
    write_jsonl(tmp_path / "s.jsonl", [statement("Ann", "gone-lesson/ex", "2", False),
                                       statement("Ann", "basic-example/dfdx-scaled", "2x", False, seed=None)])
    found, _ = recheck(read_paths([tmp_path]).attempts, CourseSource(), "here")
    assert dict(found.skipped) == {"the exercise is not in these lessons": 1,
                                   "its variant cannot be rebuilt (no seed, or the exercise does not build)": 1}


def test_the_cli_lists_and_exports_the_changes(tmp_path, faulty, capsys) -> None:
    write_jsonl(tmp_path / "submit" / "lab.jsonl", marked_by(faulty, ANSWERS))
    changes = tmp_path / "changes.csv"
    code = run(["report", str(tmp_path / "submit"), "--recheck", str(bundled_lessons_dir()), "--changes", str(changes),
                "--format", "json"])
    assert code == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert {(c["learner"], c["change"]) for c in data["recheck"]["changes"] if c["change"] != "other diagnosis"} == {
        ("Ann", "now right"), ("Cem", "now right"), ("Eve", "now right"), ("Bob", "now wrong")}
    rows = [r for r in changes.read_text(encoding="utf-8").splitlines() if not r.startswith("other diagnosis")]
    assert rows[0].startswith("change,learner,exercise") and len(rows) == 5
    assert run(["report", str(tmp_path / "submit"), "--recheck", "--changes", "-"]) == 0
    listed = capsys.readouterr().out
    assert "4 verdicts changed" in listed and "Bob" in listed
    assert run(["report", str(tmp_path / "submit"), "--changes", "-"]) == 2  # --changes needs --recheck
    assert "--recheck" in capsys.readouterr().err


def test_a_lab_marked_by_a_faulty_lesson_gets_exactly_its_wrong_verdicts_changed(tmp_path) -> None:
    """The simulated lab's faulty course (df-dx-2-3 computed at the wrong point): every change is an
    answer the two courses judge differently, and every such answer is a change."""
    from tests.report.conftest import load_generator

    from benchmarks.lab_live import FAULTY_EXERCISE, write_faulty_course

    faulty_dir = write_faulty_course(tmp_path / "lessons-faulty")
    sheet, submit = load_generator().make_lab(tmp_path / "lab", learners=8, items=5, seed=4, judge_dir=faulty_dir)
    report = build_report([submit], sheet=sheet, recheck_with="")
    courses = [load_course(faulty_dir, build=False), load_course(build=False)]
    differ = set()
    for a in build_report([submit], sheet=sheet).attempts:
        marks = [c.lesson(a.lesson).exercise(a.exercise).instance(a.seed).check(a.response).correct for c in courses]
        if marks[0] != marks[1]:
            differ.add(a.where)
    assert differ and {c.attempt.where for c in report.recheck.verdicts} == differ
    assert {c.attempt.key for c in report.recheck.verdicts} == {FAULTY_EXERCISE}
    assert all(c.kind == NOW_RIGHT for c in report.recheck.verdicts if c.attempt.response == "4")
