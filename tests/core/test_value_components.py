"""A vector value's components named by its author: feedback says "central", not "component 2"."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.validate import validate_course

LESSON = """\
id: named
title: Named
summary: Differences.
pages:
  - title: A page
    body: Some words.
exercises:
  - id: two
    type: value
    prompt: "Forward and central differences of x³ at 1 with h = 0.1: type (forward, central)."
    compute: {{expression: "((1.1^3 - 1)/0.1, (1.1^3 - 0.9^3)/0.2)"}}
    {components}
  - id: point
    type: value
    prompt: "Where is the gradient of (x − 2)² + (y − 3)² zero? Type (x, y)."
    compute: {{expression: "(2, 3)"}}
    components: [x, y]
"""


def course(tmp_path: Path, components: str = "components: [forward, central]") -> Path:
    (tmp_path / "named.yaml").write_text(textwrap.dedent(LESSON.format(components=components)), encoding="utf-8")
    return tmp_path


def check(tmp_path: Path, exercise: str, answer: str, components: str = "components: [forward, central]") -> str:
    lesson = load_course(course(tmp_path, components)).lessons[0]
    verdict = lesson.exercise(exercise).instance(0).checker(answer)
    assert verdict.status == "incorrect"
    return verdict.message


def test_feedback_names_the_components_as_the_author_does(tmp_path: Path) -> None:
    assert check(tmp_path, "two", "(3.01, 3.31)").startswith("The components are in the wrong order: they go "
                                                             "forward, central.")
    assert check(tmp_path, "two", "(3.31, 3.02)").startswith("central is not right (forward is): central = 3.02")
    unnamed = check(tmp_path, "two", "(3.31, 3.02)", components="")
    assert "component 2" in unnamed


def test_a_name_keeps_its_case_at_the_start_of_the_message(tmp_path: Path) -> None:
    # x and X are different names: "X and y are not right" would name a variable the learner never saw
    assert check(tmp_path, "point", "(0, 0)").startswith("x and y are not right: x = 0 has the wrong sign")


def test_validate_wants_one_name_per_component(tmp_path: Path) -> None:
    errors = validate_course(course(tmp_path, "components: [forward, central, backward]"), seeds=1).errors
    assert any("3 names for a value of 2 component(s)" in e.message and e.line for e in errors), errors
