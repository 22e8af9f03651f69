"""Points where a function or its derivative has no value: one line on stderr and exit 2, never a traceback."""

from __future__ import annotations

import json

import pytest

from tutor.cli import run


def one_line_error(capsys) -> tuple[str, str]:
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("tutor: "), err
    return out, err.strip()


@pytest.mark.parametrize(("function", "at", "message"), [
    ("1/x", "x=0", "f is undefined at x = 0"),
    ("sqrt(x)", "x=0", "∂f/∂x is undefined at x = 0"),
    ("ln(x)", "x=0", "f is undefined at x = 0"),
    ("ln(x)", "x=-1", "f is undefined at x = −1"),
    ("sqrt(x)", "x=-1", "f is undefined at x = −1"),
    ("sin(x)/x", "x=0", "f is undefined at x = 0"),
    ("x^(1/3)", "x=0", "∂f/∂x is undefined at x = 0"),
    ("asin(x)", "x=1", "∂f/∂x is undefined at x = 1"),
    ("ln(ln(ln(ln(x))))", "x=1", "f is undefined at x = 1"),
    ("x y + 1/(x - y)", "x=2,y=2", "f is undefined at x = 2, y = 2"),
    ("x^10000", "x=10^99", "f is too large to compute at x = 1e+99"),
    ("factorial(x)", "x=10^99", "f is too large to compute at x = 1e+99"),
])
def test_grad_at_an_undefined_point(capsys, function, at, message):
    assert run(["grad", function, "--at", at]) == 2
    out, err = one_line_error(capsys)
    assert err == f"tutor: {message}"
    assert out.startswith("f = ") and "∇f" not in out  # the partials are still shown
    assert run(["grad", function, "--at", at, "--json"]) == 2
    out, err = one_line_error(capsys)
    data = json.loads(out)
    assert data["error"] == message and data["gradient"] is None and data["partials"]


def test_grad_where_everything_is_defined_still_answers(capsys):
    assert run(["grad", "x^3000", "--at", "x=10^99"]) == 0
    assert "∇f(1e+99) = (3.0e+296904)" in capsys.readouterr().out


@pytest.mark.parametrize(("function", "at", "message"), [
    ("1/x", "x=0", "f is undefined at x = 0"),
    ("sqrt(x)", "x=0", "∂f/∂x is undefined at x = 0"),
    ("ln(x)", "x=0", "f is undefined at x = 0"),
    ("abs(x)^(1/2)", "x=0", "∂f/∂x is undefined at x = 0"),
])
def test_numdiff_at_an_undefined_point(capsys, function, at, message):
    assert run(["numdiff", function, "--wrt", "x", "--at", at]) == 2
    out, err = one_line_error(capsys)
    assert out == "" and err == f"tutor: {message}"
    assert run(["numdiff", function, "--wrt", "x", "--at", at, "--json"]) == 2
    out, _ = one_line_error(capsys)
    assert json.loads(out) == {"estimate": None, "exact": None, "abs_error": None, "error": message}


def test_numdiff_when_f_is_undefined_a_step_away(capsys):
    # √x is defined at 10⁻⁶ but not at 10⁻⁶ − 10⁻⁵: the central difference has no value.
    assert run(["numdiff", "sqrt(x)", "--wrt", "x", "--at", "x=0.000001"]) == 2
    _, err = one_line_error(capsys)
    assert "x = 0.000001 ± h" in err and "smaller --h" in err


def test_descent_reaching_an_undefined_point(capsys):
    args = ["descent", "--loss", "sqrt(w)", "--start", "w=1", "--lr", "10", "--steps", "3"]
    assert run(args) == 2
    out, err = one_line_error(capsys)
    assert "diverged at step 1: the loss is undefined at w = −4" in out  # the table is kept
    assert err == "tutor: the loss is undefined at w = −4 (step 1): try a smaller --lr or another --start"
    assert run([*args, "--json"]) == 2
    out, _ = one_line_error(capsys)
    data = json.loads(out)
    assert data["undefined"] is True and data["error"].startswith("the loss is undefined at w = −4")


@pytest.mark.parametrize(("loss", "start", "message"), [
    ("1/w", "w=0", "--start: the loss is undefined at the start point w = 0"),
    ("sqrt(w)", "w=0", "--start: the gradient is undefined at the start point w = 0 (∂L/∂w has no value there)"),
    ("ln(w)", "w=-2", "--start: the loss is undefined at the start point w = −2"),
])
def test_descent_starting_at_an_undefined_point(capsys, loss, start, message):
    for extra in ([], ["--json"]):
        assert run(["descent", "--loss", loss, "--start", start, *extra]) == 2
        out, err = one_line_error(capsys)
        assert out == "" and err == f"tutor: {message}"


def test_check_against_a_reference_with_variables_in_number_mode(capsys):
    # A tolerance asks for numbers; the reference x has no single value.
    assert run(["check", "1", "--expected", "x", "--tolerance", "0.1"]) == 2
    _, err = one_line_error(capsys)
    assert err == "tutor: --expected: a number is expected, but the expected answer contains x"
