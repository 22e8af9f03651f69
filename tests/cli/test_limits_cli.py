"""Numbers past Python's 4300-digit printing limit, and past float64: refused in one line, never a traceback."""

from __future__ import annotations

import json
import textwrap

import pytest

from tutor.cli import run

BIG = ["10^5000", "x*10^5000", "10^5000/3", "1/10^5000", "x*10^3000*10^3000", "(x*10^3000)^2",
       "2^(1/3)^9999", "e^(e^(e^(e^10)))", "e^e^e^e^e", "exp(10000)", "factorial(1000)^2"]


def refused(capsys, args: list[str]) -> str:
    assert run(args) == 2, args
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("tutor: "), (args, err)
    return err


@pytest.mark.parametrize("big", BIG)
def test_big_references_are_refused_in_one_line(capsys, big):
    for args in (["check", "x", "--expected", big], ["check", "1", "--diff", big, "--wrt", "x"],
                 ["check", "1", "--expected", big, "--tolerance", "1"], ["grad", big], ["grad", big, "--at", "x=1"],
                 ["numdiff", big, "--wrt", "x", "--at", "x=1"], ["descent", "--loss", f"w^2 + {big}", "--start", "w=1"],
                 ["check", "1", "--expected", "1", "--tolerance", big], ["grad", "x^2", "--at", f"x={big}"]):
        err = refused(capsys, args)
        assert "limit" in err or "too large" in err or "is not a number" in err, err


@pytest.mark.parametrize("big", BIG)
def test_big_answers_are_invalid_with_a_message(capsys, big):
    assert run(["check", big, "--expected", "x"]) == 2
    out = capsys.readouterr().out
    assert out.startswith("invalid: ") and ("limit" in out or "too large" in out)


def test_a_json_verdict_says_why_the_reference_was_refused(capsys):
    assert run(["check", "x", "--expected", "x*10^5000", "--json"]) == 2
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["verdict"] == "invalid" and "4,000" in data["message"] and err.startswith("tutor: --expected:")


@pytest.mark.parametrize(("option", "value"), [("--lr", "1e309"), ("--lr", "10^5000"), ("--lr", "factorial(1000)"),
                                               ("--tol", "1e309"), ("--start", "w=1e309")])
def test_values_past_float64_are_refused(capsys, option, value):
    options = {"--loss": "w^2", "--start": "w=1", option: value}
    err = refused(capsys, ["descent", *(item for pair in options.items() for item in pair)])
    assert err.startswith(f"tutor: {option}:") and ("too large" in err or "limit" in err)


def test_numdiff_at_a_point_past_float64(capsys):
    err = refused(capsys, ["numdiff", "x^2", "--wrt", "x", "--at", "x=10^400"])
    assert err == "tutor: --at: x is too large for a float (the largest is about 1.8e308)\n"


def test_a_difference_below_any_precision_is_still_seen(capsys):
    # (x + 10^3000) against (x + 10^3000 + 1): 60 or 150 digits cannot see the 1; sympy's exact sum does.
    assert run(["check", "x + 10^3000", "--expected", "x + 10^3000 + 1"]) == 1
    assert capsys.readouterr().out.startswith("incorrect")


LESSON = """\
    id: big
    title: Big numbers
    summary: A reference too large to print.
    pages:
      - title: A page
        body: Nothing here.
    exercises:
      - id: huge
        type: derivative
        prompt: "Find ∂f/∂x for f = {function}."
        function: FUNCTION
        wrt: x
"""


@pytest.mark.parametrize(("function", "found"), [("x*10^5000", "the limit is 4,000"),
                                                 ("e^e^e^e^e * x", "over the limit of 10,000"),
                                                 ("10^4000 * 10^4000 * x", "the limit is 4,000")])
def test_validate_reports_a_huge_function_at_its_line(tmp_path, capsys, function, found):
    lesson = tmp_path / "big.yaml"
    lesson.write_text(textwrap.dedent(LESSON).replace("FUNCTION", function), encoding="utf-8")
    assert run(["validate", str(tmp_path), "--seeds", "1"]) == 1
    out = capsys.readouterr().out
    assert f"{lesson}:11:" in out and found in out


def test_validate_reports_a_gradient_point_where_the_function_is_undefined(tmp_path, capsys):
    lesson = tmp_path / "pole.yaml"
    text = textwrap.dedent(LESSON).replace("type: derivative", "type: gradient").replace(
        "function: FUNCTION\n    wrt: x", "function: 1/x + y\n    at: {x: 0, y: 1}")
    lesson.write_text(text, encoding="utf-8")
    assert run(["validate", str(tmp_path), "--seeds", "1"]) == 1
    out = capsys.readouterr().out
    assert f"{lesson}:8:" in out and "f is undefined at x = 0, y = 1" in out


def test_the_app_gets_a_clean_error_or_no_exercise(tmp_path):
    """What the study screen does with these lessons: a too-large function never becomes an exercise
    (its lesson error is listed), and an exercise whose point is undefined raises a MathsError with a
    message when its instance is made, instead of hanging at "preparing…" or raising anything else."""
    from tutor.core.lessons.loader import load_course
    from tutor.core.maths.errors import MathsError

    (tmp_path / "big.yaml").write_text(textwrap.dedent(LESSON).replace("FUNCTION", "x*10^5000"), encoding="utf-8")
    pole = textwrap.dedent(LESSON).replace("id: big", "id: pole").replace("id: huge", "id: at-pole")
    pole = pole.replace("type: derivative", "type: gradient")
    (tmp_path / "pole.yaml").write_text(pole.replace("function: FUNCTION\n    wrt: x",
                                                     "function: 1/x + y\n    at: {x: 0, y: 1}"), encoding="utf-8")
    course = load_course(tmp_path)
    assert any("the limit is 4,000" in e.message for e in course.errors)
    exercises = {e.model.id: e for lesson in course.lessons for e in lesson.exercises}
    assert "huge" not in exercises and "at-pole" in exercises
    with pytest.raises(MathsError, match="f is undefined at x = 0, y = 1"):
        exercises["at-pole"].instance(0)
