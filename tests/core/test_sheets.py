"""Lab sheets: the format, located errors, items resolved against the course, per-learner variants."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.catalog import read_catalog
from tutor.core.sheets import is_sheet, load_sheet, resolve, variant_seed
from tutor.core.sheets.resolve import catalog_index, sheet_course
from tutor.core.sheets.validate import validate_sheet

EXAMPLE = Path(__file__).parents[2] / "lessons" / "sheets" / "example-lab.yaml"
GOOD = """\
id: lab-1
title: Lab one
class: ML 2B
mode: test
tries: 2
time_limit: 30
due: 2026-12-05
items:
  - lesson: basic-example
  - exercise: gradient-vector/grad-at-point
"""


def write(tmp_path: Path, text: str, name: str = "sheet.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_documented_example_is_a_valid_sheet():
    assert is_sheet(EXAMPLE)
    report = validate_sheet(EXAMPLE, seeds=3)
    assert report.ok, [str(e) for e in report.errors]
    assert report.sheet.test and report.sheet.tries == 3 and report.sheet.time_limit_s == 45 * 60
    assert report.sheet.class_name == "ML 2B" and report.sheet.submit_dir == EXAMPLE.parent / "submit"
    assert len(report.exercises) == 10


def test_a_good_sheet_loads_with_its_defaults(tmp_path):
    sheet, errors = load_sheet(write(tmp_path, GOOD))
    assert errors == []
    assert (sheet.id, sheet.mode, sheet.tries, sheet.submit_dir) == ("lab-1", "test", 2, None)
    assert sheet.due.isoformat() == "2026-12-05T23:59:59"  # a date alone: the end of that day
    study, _ = load_sheet(write(tmp_path, GOOD.replace("mode: test\ntries: 2\ntime_limit: 30\n", ""), "s2.yaml"))
    assert study.mode == "study" and study.tries is None and study.time_limit_s is None


@pytest.mark.parametrize("change, where, message", [
    (("mode: test", "mode: exam"), (4, 1), "mode: 'exam' is not a mode; use study or test"),
    (("due: 2026-12-05", "due: next friday"), (7, 1), "due: 'next friday' is not a date"),
    (("due: 2026-12-05", "due: 2026-13-45"), (7, 1), "due: '2026-13-45' is not a date"),
    (("tries: 2", "tries: 0"), (5, 1), "tries: must be at least 1, got 0"),
    (("class: ML 2B\n", ""), (1, 1), "missing required key 'class'"),
    (("  - lesson: basic-example", "  - lessn: basic-example"), (9, 5), "unknown key 'lessn'; did you mean 'lesson'?"),
    (("  - exercise: gradient-vector/grad-at-point", "  - exercise: grad-at-point"), (10, 5),
     "is not lesson-id/exercise-id"),
    (("id: lab-1", "id: Lab One"), (1, 1), "an id uses lowercase letters"),
])
def test_bad_sheets_get_file_line_column_errors(tmp_path, change, where, message):
    path = write(tmp_path, GOOD.replace(*change))
    sheet, errors = load_sheet(path)
    assert sheet is None
    located = [(e.line, e.column) for e in errors if message in e.message]
    assert located == [where], [str(e) for e in errors]
    assert str(errors[0]).startswith(f"{path}:")


def test_a_study_sheet_has_no_tries_or_time_limit(tmp_path):
    _, errors = load_sheet(write(tmp_path, GOOD.replace("mode: test", "mode: study")))
    assert [(e.line, e.message) for e in errors] == [(5, "tries is for test mode (mode: test); a study sheet has neither")]


def test_a_yaml_syntax_error_is_located(tmp_path):
    path = write(tmp_path, GOOD.replace("items:", "items: [oops"))
    assert is_sheet(path)  # still a sheet: its author wants this error, not a lesson's
    _, errors = load_sheet(path)
    assert errors[0].line is not None and errors[0].message.startswith("this [ is not closed")


def test_unknown_lessons_and_exercises_are_named_with_a_suggestion(tmp_path):
    path = write(tmp_path, GOOD.replace("lesson: basic-example", "lesson: basic-exampel")
                 .replace("gradient-vector/grad-at-point", "gradient-vector/grad-at-pont"))
    sheet, errors = load_sheet(path)
    assert errors == []
    exercises, errors = resolve(sheet, catalog_index(sheet))
    assert exercises == ()
    assert [(e.line, e.column) for e in errors] == [(9, 5), (10, 5)]
    assert "no lesson 'basic-exampel' in the course; did you mean 'basic-example'?" in errors[0].message
    assert "no exercise 'grad-at-pont'; did you mean 'grad-at-point'?" in errors[1].message


def test_an_exercise_twice_is_an_error(tmp_path):
    path = write(tmp_path, GOOD + "  - exercise: basic-example/dfdx-basic\n")
    sheet, _ = load_sheet(path)
    _, errors = resolve(sheet, catalog_index(sheet))
    assert [(e.line, e.message) for e in errors] == [(11, "basic-example/dfdx-basic is already in the sheet (item 1)")]


def test_items_come_from_the_bundled_course_and_the_sheets_own_lessons(tmp_path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "extra.yaml").write_text(textwrap.dedent("""\
        id: my-extra
        title: My extra lesson
        summary: One more derivative.
        exercises:
          - id: cube
            type: derivative
            prompt: "Find ∂f/∂x of {function}."
            function: x^3 y
            wrt: x
        """), encoding="utf-8")
    path = write(tmp_path, GOOD + "  - exercise: my-extra/cube\nlessons: [mine]\n")
    report = validate_sheet(path, seeds=2)
    assert report.ok, [str(e) for e in report.errors]
    assert report.exercises[-1].key == "my-extra/cube"
    assert [e.key for e in report.exercises[:7]] == [f"basic-example/{e}" for e in read_catalog()[2].exercise_ids]
    missing, _ = load_sheet(write(tmp_path, GOOD + "lessons: [nowhere]\n", "s3.yaml"))
    assert "no such file or folder" in str(sheet_course(missing).errors[0])


def test_a_broken_exercise_in_the_sheets_lessons_is_reported_at_its_item(tmp_path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "broken.yaml").write_text(
        "id: mine\ntitle: Mine\nsummary: s\nexercises:\n  - id: bad\n    type: derivative\n"
        "    prompt: p\n    function: x^^2\n    wrt: x\n", encoding="utf-8")
    path = write(tmp_path, GOOD + "  - exercise: mine/bad\nlessons: [mine]\n")
    report = validate_sheet(path, seeds=1)
    assert any(e.line == 11 and "mine/bad cannot be used" in e.message for e in report.errors), report.errors


def test_a_sheet_beside_lessons_is_not_loaded_as_a_broken_lesson(tmp_path):
    (tmp_path / "01-a.yaml").write_text(EXAMPLE.parents[1].joinpath("01-why-partials.yaml").read_text(), "utf-8")
    write(tmp_path, GOOD, "lab.yaml")
    course = load_course(tmp_path, build=False)
    assert [lesson.id for lesson in course.lessons] == ["why-partials"] and course.broken == [] == course.errors
    assert [entry.id for entry in read_catalog(tmp_path)] == ["why-partials"]


def test_variant_seeds_follow_the_documented_formula():
    text = "lab-1\x1fAna María\x1flesson/ex"
    expected = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")
    assert variant_seed("lab-1", "Ana María", "lesson", "ex") == expected
    assert variant_seed("lab-1", "  Ana   María ", "lesson", "ex") == expected  # the name as stored
    seeds = {variant_seed("lab-1", f"student {i}", "lesson", "ex") for i in range(30)}
    assert len(seeds) == 30  # neighbours differ
    assert variant_seed("lab-2", "Ana María", "lesson", "ex") != expected


def test_neighbours_get_different_numbers_and_the_same_ones_again():
    course = load_course()
    exercise = course.lesson("basic-example").exercise("dfdx-scaled")
    prompts = {exercise.instance(variant_seed("lab-1", f"student {i}", "basic-example", "dfdx-scaled")).prompt
               for i in range(10)}
    assert len(prompts) > 3
    seed = variant_seed("lab-1", "Ana", "basic-example", "dfdx-scaled")
    assert exercise.instance(seed).prompt == exercise.instance(seed).prompt


def test_a_sheet_path_is_read_as_safely_as_a_lesson(tmp_path) -> None:
    import os

    from tutor.core.sheets.load import is_sheet

    fifo = tmp_path / "lab.yaml"
    os.mkfifo(fifo)
    assert is_sheet(fifo) is False                              # returns at once: no writer is waited for
    sheet, errors = load_sheet(fifo)
    assert sheet is None and "named pipe" in str(errors[0])
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)) + "items: *i\n", encoding="utf-8")
    sheet, errors = load_sheet(bomb)
    assert sheet is None and errors and errors[0].line is not None  # refused at a place, not expanded
    controlled = tmp_path / "ctl.yaml"
    controlled.write_text('id: lab\ntitle: "Lab \\e]0;owned\\a"\nclass: A\nitems:\n  - lesson: basic-example\n',
                          encoding="utf-8")
    sheet, errors = load_sheet(controlled)
    assert sheet is None and any("U+001B" in str(e) for e in errors)
