"""The checker never rejects a right answer, never accepts a wrong one, and says why it is wrong."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tutor.core.maths.check import CheckOptions, Tolerance, check, prepare
from tutor.core.maths.sampling import Domain


def d(wrt: str, **kw) -> CheckOptions:
    return CheckOptions(mode="derivative", wrt=wrt, **kw)


GRAD = CheckOptions(mode="gradient")


@pytest.mark.parametrize(
    ("answer", "function", "wrt"),
    [
        ("6xy", "3x^2y+2y", "x"),
        ("3x^2+2", "3x^2y+2y", "y"),
        ("2x", "x^2 + 3y", "x"),
        ("3", "x^2 + 3y", "y"),
        ("2x+y", "x^2+xy+y^2", "x"),
        ("2(wx+b-y)x", "(wx+b-y)^2", "w"),
        ("2x(wx+b-y)", "(w*x+b-y)^2", "w"),
        ("0.5*2*2*(wx+b-y)x", "(wx+b-y)^2", "w"),
        ("2wx^2 + 2bx - 2xy", "(wx+b-y)^2", "w"),
        ("2(wx+b-y)", "(wx+b-y)^2", "b"),
        ("ycos(xy)", "sin(xy)", "x"),
        ("2 sin x cos x", "sin(x)^2", "x"),
        ("sin(2x)", "sin(x)^2", "x"),
        ("sigmoid(z)(1-sigmoid(z))", "sigmoid(z)", "z"),
        ("e^(-z)/(1+e^(-z))^2", "1/(1+e^(-z))", "z"),
        ("1 - tanh(x)^2", "tanh(x)", "x"),
        ("sech(x)^2", "tanh(x)", "x"),
        ("sigmoid(x)", "softplus(x)", "x"),
        ("x e^(wx+b)", "exp(wx+b)", "w"),
        ("1/x", "ln(x)", "x"),
        ("1/x", "ln|x|", "x"),
        ("sign(x)", "|x|", "x"),
        ("x/|x|", "|x|", "x"),
        ("1/(p ln 2)", "log(p, 2)", "p"),
        ("-1/(1-p) - 1/p", "log(1 - p) - log(p)", "p"),
        ("−y/p + (1 − y)/(1 − p)", "-(y ln(p) + (1-y) ln(1-p))", "p"),
        ("1/(2√x)", "√x", "x"),
        ("0", "y^2", "x"),
    ],
)
def test_right_derivatives_are_accepted(answer: str, function: str, wrt: str) -> None:
    verdict = check(answer, function, None, d(wrt, unknown_names="split"))
    assert verdict.status == "correct", verdict.message


@pytest.mark.parametrize(
    ("answer", "function", "wrt", "code"),
    [
        ("3x^2+2", "3x^2y+2y", "x", "wrong-variable"),
        ("6xy+2y", "3x^2y+2y", "x", "kept-constant-term"),
        ("-6xy", "3x^2y+2y", "x", "sign"),
        ("6xy+2", "3x^2y+2y", "x", "not-held-constant"),
        ("2x+3", "x^2+3y", "x", "not-held-constant"),
        ("2x+3y", "x^2+xy+y^2", "x", "not-held-constant"),
        ("3x+y", "x^2+xy+y^2", "x", "not-held-constant"),
        ("3x+3y", "x^2+xy+y^2", "x", "total-derivative"),
        ("2(wx+b-y)", "(wx+b-y)^2", "w", "dropped-chain-factor"),
        ("cos(xy)", "sin(xy)", "x", "dropped-chain-factor"),
        ("e^(wx+b)", "exp(wx+b)", "w", "dropped-chain-factor"),  # not "that is f itself": the x is lost
        ("x^2+3y", "x^2+3y", "x", "not-differentiated"),
        ("x^3y+2xy", "3x^2y+2y", "x", "integrated"),
        ("12xy", "3x^2y+2y", "x", "constant-factor"),
        ("x", "x^2", "x", "power-rule"),
        ("5x", "x^2", "x", "constant-factor"),
        ("0.333333x", "x^2/6", "x", "rounded"),
        ("2.000001x", "x^2", "x", "rounded"),
    ],
)
def test_wrong_derivatives_are_named(answer: str, function: str, wrt: str, code: str) -> None:
    verdict = check(answer, function, None, d(wrt, unknown_names="split"))
    assert verdict.status == "incorrect"
    assert verdict.diagnosis is not None and verdict.diagnosis.code == code, verdict.message
    assert verdict.counterexample is not None


def test_counterexample_is_small_and_readable() -> None:
    verdict = check("3x^2+2", "3x^2y+2y", None, d("x"))
    ce = verdict.counterexample
    assert ce.point == (("x", "1"), ("y", "2"))
    assert (ce.answer, ce.expected) == ("5", "12")
    assert "At x = 1, y = 2 your answer gives 5; ∂f/∂x is 12." in verdict.message


def test_wrong_answers_without_a_named_mistake_still_get_a_counterexample() -> None:
    verdict = check("x^3", "x^2", None, d("x"))
    assert verdict.status == "incorrect" and verdict.diagnosis is None
    assert "df/dx" in verdict.message and verdict.counterexample is not None  # f of one variable: d, not ∂


def test_exactness_tells_near_misses_from_right_answers() -> None:
    assert check("2.000001x", "2x").status == "incorrect"
    assert check("0.333333333333333", "1/3").status == "incorrect"
    assert check("0.5*2*(wx-y)x", "(wx-y)x").status == "correct"
    assert check("x*(1+10^-20)", "x").status == "incorrect"


@pytest.mark.parametrize(
    ("answer", "reference"),
    [
        ("sign(x)", "x/abs(x)"),
        ("x/abs(x)", "sign(x)"),
        ("x", "x^2/x"),
        ("(x^2-1)/(x+1)", "x-1"),
        ("cos(x)^2 + sin(x)^2", "1"),
        ("(x-a)^6000", "(a-x)^6000"),
        ("asinh(x)", "ln(x + sqrt(x^2 + 1))"),
        ("(77+20*sqrt(13))^(1/6)-(77-20*sqrt(13))^(1/6)", "1"),
    ],
)
def test_equal_wherever_both_are_defined(answer: str, reference: str) -> None:
    assert check(answer, reference, None, CheckOptions(unknown_names="split")).status == "correct"


def test_undefined_answer_where_the_reference_is_defined_is_wrong() -> None:
    verdict = check("√(x^3)/√x", "x", ["x"])
    assert verdict.status == "incorrect"
    assert "undefined" in verdict.message


def test_domains_restrict_the_sample_points() -> None:
    options = d("p", domains=(("p", Domain(Fraction(0), Fraction(1))),))
    assert check("1/p + 1/(1-p)", "ln(p) - ln(1-p)", ["p"], options).status == "correct"
    problem = prepare("ln(p) - ln(1-p)", ["p"], options)
    assert all(0 < v < 1 for v in problem.points.columns["p"])


def test_gradients_component_by_component() -> None:
    assert check("(2x+y, x+2y)", "x^2+xy+y^2", None, GRAD).status == "correct"
    assert check("[2x+y, x+2y]", "x^2+xy+y^2", None, GRAD).status == "correct"
    swapped = check("(x+2y, 2x+y)", "x^2+xy+y^2", None, GRAD)
    assert swapped.diagnosis.code == "swapped-components"
    second = check("(2x+y, x+3y)", "x^2+xy+y^2", None, GRAD)
    assert second.components == ("correct", "incorrect")
    assert second.diagnosis.message.startswith("In ∂f/∂y")
    assert check("2x+y", "x^2+xy+y^2", None, GRAD).status == "invalid"
    assert check("(2x+y, x+2y, 0)", "x^2+xy+y^2", None, GRAD).status == "invalid"


def test_gradient_at_a_point_and_named_components() -> None:
    at = CheckOptions(mode="gradient", at=(("x", Fraction(1)), ("y", Fraction(2))))
    assert check("(4, 5)", "x^2+xy+y^2", None, at).status == "correct"
    assert check("(2^2, 10/2)", "x^2+xy+y^2", None, at).status == "correct"
    assert check("y = 5, x = 4", "x^2+xy+y^2", None, at).status == "correct"
    assert check("(5, 4)", "x^2+xy+y^2", None, at).diagnosis.code == "swapped-components"
    assert check("(4, 6)", "x^2+xy+y^2", None, at).diagnosis.code == "kept-constant-term"
    assert check("(4, 5x)", "x^2+xy+y^2", None, at).status == "invalid"


def test_mse_gradient_figure() -> None:
    at = CheckOptions(mode="gradient", at=(("w", Fraction(1)), ("b", Fraction(0))))
    verdict = check("(-4, -2)", "(2w + b - 3)^2", ["w", "b"], at)
    assert verdict.status == "correct"


def test_numbers_against_a_tolerance() -> None:
    tol = CheckOptions(mode="number", tolerance=Tolerance(absolute=Fraction(1, 10**6)))
    assert check("2", "2.0000000000131024", None, tol).status == "correct"
    assert check("2.01", "2", None, tol).status == "incorrect"
    assert "too large" in check("2.01", "2", None, tol).message
    rel = CheckOptions(mode="number", tolerance=Tolerance(relative=Fraction(5, 100)))
    assert check("1.05", "1", None, rel).status == "correct"  # exactly on the boundary: exact arithmetic
    assert check("0.949", "1", None, rel).status == "incorrect"
    assert check("3.14", "pi", None, CheckOptions(mode="number", tolerance=Tolerance(relative=Fraction(1, 1000)))).correct
    assert check("x", "1", None, CheckOptions(mode="number", unknown_names="split")).status == "invalid"


def test_invalid_answers_explain_and_locate() -> None:
    verdict = check("2x + ", "3x^2y+2y", None, d("x"))
    assert verdict.status == "invalid" and verdict.column == 5
    assert "ends after '+'" in verdict.message
    unknown = check("2z", "3x^2y+2y", None, d("x"))
    assert "x, y" in unknown.message
    assert check("diff(x^2, x)", "x^2", None, d("x")).status == "invalid"


def test_broken_references_are_reported_not_raised() -> None:
    assert check("1", "1/0").status == "invalid"
    assert check("1", "").status == "invalid"
    assert check("1", "(x").status == "invalid"


def test_methods_are_reported() -> None:
    assert check("6xy", "3x^2y+2y", None, d("x")).method == "symbolic"
    assert check("3x^2+2", "3x^2y+2y", None, d("x")).method == "numeric"
    assert check("2x+", "x^2", None, d("x")).method == "parse"


def test_deterministic_for_a_seed() -> None:
    a = check("x^3", "x^2", None, d("x", seed=7))
    b = check("x^3", "x^2", None, d("x", seed=7))
    assert a.message == b.message and a.counterexample == b.counterexample


def test_notes_reach_the_verdict() -> None:
    verdict = check("1/2x", "x/2", ["x"])
    assert verdict.correct and verdict.notes


def test_json_shape() -> None:
    out = check("3x^2+2", "3x^2y+2y", None, d("x")).to_json()
    assert {"verdict", "method", "message", "diagnosis", "interpreted", "ms"} <= set(out)
    assert out["verdict"] == "incorrect" and out["diagnosis"] == "wrong-variable"


def test_ml_functions_keep_their_rules_and_names() -> None:
    opts = d("x", unknown_names="split")
    dropped = check("sigmoid(3x)(1-sigmoid(3x))", "sigmoid(3x)", None, opts)
    assert dropped.diagnosis.code == "dropped-chain-factor"
    assert check("3sigmoid(3x)(1-sigmoid(3x))", "sigmoid(3x)", None, opts).method == "symbolic"
    assert check("e^(-x)/(1+e^(-x))^2", "sigmoid(x)", None, opts).correct
    assert check("sigmoid(x)", "softplus(x)", None, opts).correct
    assert check("-sigmoid(x)(1-sigmoid(x))", "sigmoid(x)", None, opts).diagnosis.code == "sign"


def test_product_rule_mistakes_are_named() -> None:
    opts = d("x", unknown_names="split")
    for wrong in ("we^(wx)", "wxe^(wx)", "e^(wx)"):
        assert check(wrong, "x e^(wx)", None, opts).diagnosis.code == "product-rule", wrong


def test_differences_below_sixty_digits_are_still_caught() -> None:
    verdict = check("x + e^(-200)", "x", ["x"])
    assert verdict.status == "incorrect"
    assert verdict.counterexample.answer.startswith("1 + 1.38e-87")


def test_a_dropped_term_is_named() -> None:
    verdict = check("3x^2", "3x^2y + 2y", None, d("y"))
    assert verdict.diagnosis.code == "dropped-term"
    assert "2·y" in verdict.message


def test_a_sum_where_the_loss_takes_a_mean_is_named() -> None:
    mse = "((w + b - 2)^2 + (2w + b - 4)^2 + (3w + b - 5)^2)/3"
    options = d("w", mean_of=3)
    verdict = check("2((w+b-2) + 2(2w+b-4) + 3(3w+b-5))", mse, ["w", "b"], options)
    assert verdict.diagnosis.code == "sum-not-mean"
