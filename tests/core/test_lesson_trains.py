"""Exercises tag the mistakes they train (`trains:`): codes checked, in the schema, used by drills."""

from __future__ import annotations

import json
import textwrap

import pytest

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.schema import lesson_schema
from tutor.core.maths.codes import CODES
from tutor.core.review.drills import drill_candidates

LESSON = """\
id: tagged
title: Tagged
summary: One exercise that trains a mistake.
exercises:
  - id: a
    type: derivative
    prompt: "Find ∂f/∂x of {function}."
    function: x^2 + 3y
    wrt: x
    trains: [{codes}]
"""


def _course(tmp_path, codes: str):
    (tmp_path / "t.yaml").write_text(textwrap.dedent(LESSON).replace("{codes}", codes), encoding="utf-8")
    return load_course(tmp_path, build=False)


def test_a_known_code_is_kept(tmp_path):
    course = _course(tmp_path, "wrong-variable, kept-constant-term")
    (lesson,) = course.lessons
    assert lesson.lesson.exercises[0].trains == ["wrong-variable", "kept-constant-term"]
    assert drill_candidates(course, "wrong-variable")[0] == [("tagged", "a")]


def test_an_unknown_code_is_an_error_at_its_line_with_the_closest_code(tmp_path):
    course = _course(tmp_path, "wrong-varible")
    assert not course.lessons
    (error,) = course.broken[0].errors
    assert error.line == 10 and "'wrong-varible' is not a mistake the checker names" in error.message
    assert "did you mean 'wrong-variable'" in error.message


def test_the_schema_offers_the_codes():
    text = json.dumps(lesson_schema())
    assert all(code in text for code in CODES) and '"trains"' in text


@pytest.fixture(scope="module")
def bundled():
    return load_course(None, build=False)


@pytest.mark.parametrize("code, wanted", [
    ("wrong-variable", "freeze the other variable"),
    ("dropped-chain-factor", "compositions"),
    ("sign", "descent direction"),
])
def test_the_bundled_course_tags_exercises_for_the_commonest_slips(bundled, code, wanted):
    tagged, _ = drill_candidates(bundled, code)
    assert len(tagged) >= 3, wanted
    models = {(lesson.id, m.id): m for lesson in bundled.lessons for m in lesson.lesson.exercises}
    if code == "dropped-chain-factor":  # compositions: something raised to a power or inside a function
        functions = [models[t].function for t in tagged if models[t].type in ("derivative", "gradient")]
        assert len(functions) >= 5 and all("(" in f for f in functions)
    if code == "sign":  # which way descent goes
        assert {"minus-gradient", "descent-direction", "update-direction"} <= {e for _, e in tagged}
