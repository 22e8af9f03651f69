"""The typical slips the checker names, one family at a time, including the cases the course review found."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tutor.core.maths.check import CheckOptions, check
from tutor.core.maths.sampling import Domain


def d(wrt: str, **kw) -> CheckOptions:
    return CheckOptions(mode="derivative", wrt=wrt, unknown_names="split", **kw)


def code(answer: str, function: str, wrt: str, variables=None, **kw) -> str | None:
    verdict = check(answer, function, variables, d(wrt, **kw))
    assert verdict.status == "incorrect", verdict.message
    return verdict.diagnosis.code if verdict.diagnosis else None


@pytest.mark.parametrize(("answer", "function", "wrt", "expected"), [
    # outer rule applied, the chain factor missing: not "that is f itself"
    ("e^(wx+b)", "e^(wx+b)", "w", "dropped-chain-factor"),
    ("x e^(wx)", "x e^(wx)", "w", "dropped-chain-factor"),
    ("e^(6w+5)", "e^(6w+5)", "w", "dropped-chain-factor"),
    # the quotient rule
    ("(e^z(1+e^z) + e^z e^z)/(1+e^z)^2", "e^z/(1+e^z)", "z", "quotient-rule"),
    ("(7 - x^2)/(x^2 + 7)", "x/(x^2+7)", "x", "quotient-rule"),
    ("1/(2x)", "x/(x^2+7)", "x", "quotient-rule"),
    # the outer derivative forgotten: σ(u)·u′ for σ′(u)·u′
    ("2 sigmoid(2w + b)", "sigmoid(2w + b)", "w", "outer-derivative"),
    ("6 tanh(6x + 3)", "tanh(6x + 3)", "x", "outer-derivative"),
    # the power rule off by one
    ("x", "x^2 + 3y", "x", "power-rule"),
    ("2x^2", "x^2 + 3y", "x", "power-rule"),
    # one term, not the whole answer
    ("2x + 3", "x^2 - 3x", "x", "sign"),
    ("2x + 10", "x^2 + 5x", "x", "constant-factor"),
    ("2x + 3y + 5", "x^2 + 3y + 5", "x", "kept-constant-term"),
    ("3y", "x^2 + 3y", "y", "not-differentiated"),
])
def test_a_family_of_slips(answer: str, function: str, wrt: str, expected: str) -> None:
    assert code(answer, function, wrt) == expected


def test_one_terms_lost_inner_minus_one_is_a_dropped_chain_factor() -> None:
    domains = (("p", Domain(Fraction(0), Fraction(1))), ("y", Domain(Fraction(0), Fraction(1))))
    verdict = check("-y/p - (1-y)/(1-p)", "-(y ln(p) + (1 - y) ln(1 - p))", ["p", "y"], d("p", domains=domains))
    assert verdict.diagnosis.code == "dropped-chain-factor"
    assert "1 − p" in verdict.diagnosis.message and "−1" in verdict.diagnosis.message


def test_a_derivative_that_stops_halfway_is_named() -> None:
    function = "-(y ln(sigmoid(z)) + (1 - y) ln(1 - sigmoid(z)))"
    verdict = check("-y/sigmoid(z) + (1-y)/(1-sigmoid(z))", function, ["z", "y"],
                    d("z", domains=(("y", Domain(Fraction(0), Fraction(1))),)))
    assert verdict.diagnosis.code == "stopped-early"
    assert "sigmoid(z)" in verdict.diagnosis.message


def test_a_sign_slip_beside_data_is_a_sign_not_a_derivative_by_the_data() -> None:
    # ∂L/∂y of (wx + b − y)² is −∂L/∂b: the learner slipped a sign, y is data
    verdict = check("-2(wx+b-y)", "(wx+b-y)^2", ["w", "b", "x", "y"], d("b"))
    assert verdict.diagnosis.code == "sign"


def test_product_rule_messages_bracket_a_sum_and_a_function() -> None:
    verdict = check("e^(-x y)", "(x + y) e^(-x y)", None, d("x"))
    assert "(x + y)′·e^(−x·y) + (x + y)·(e^(−x·y))′" in verdict.message


def test_numbers_that_two_slips_give_name_neither_but_say_which_could() -> None:
    # w = x: 45 for ∂f/∂x of w·x²·y is both ∂f/∂w and "forgot the power rule's 2"
    at = CheckOptions(mode="gradient", at=(("w", Fraction(3)), ("x", Fraction(3)), ("y", Fraction(5))))
    verdict = check("(45, 45, 27)", "w x^2 y", ["w", "x", "y"], at)
    assert verdict.status == "incorrect" and verdict.diagnosis is None
    assert "∂f/∂x" in verdict.message and "differentiating by the wrong variable" in verdict.message
    assert "power rule" in verdict.message
    apart = CheckOptions(mode="gradient", at=(("w", Fraction(2)), ("x", Fraction(3)), ("y", Fraction(5))))
    assert check("(45, 30, 18)", "w x^2 y", ["w", "x", "y"], apart).diagnosis.code == "power-rule"


def test_a_wrong_number_is_never_just_too_large_when_its_sign_is_wrong() -> None:
    at = CheckOptions(mode="gradient", at=(("x", Fraction(1)), ("y", Fraction(2))))
    verdict = check("(4, -7)", "x^2+xy+y^2", None, at)
    assert "∂f/∂y" in verdict.message and "wrong sign" in verdict.message
    assert "too large" not in verdict.message and "too small" not in verdict.message
    assert "∂f/∂x is" in verdict.message or "(∂f/∂x is)" in verdict.message


def test_common_factors_and_upside_down_numbers() -> None:
    number = CheckOptions(mode="number")
    assert check("0.6", "0.06", None, number).diagnosis.code == "constant-factor"
    assert "decimal point" in check("0.6", "0.06", None, number).message
    assert check("1/4", "4", None, number).diagnosis.code == "reciprocal"
    assert check("-4", "4", None, number).diagnosis.code == "sign"
    assert check("7", "4", None, number).diagnosis is None


def test_an_expression_upside_down_is_named() -> None:
    verdict = check("1/n", "n", ["n"], CheckOptions(domains=(("n", Domain(Fraction(0), None)),)))
    assert verdict.diagnosis.code == "reciprocal"


def test_one_component_with_the_wrong_sign_is_named_with_its_name() -> None:
    at = CheckOptions(mode="gradient", at=(("x", Fraction(1)), ("y", Fraction(2))))
    verdict = check("(4, -5)", "x^2+xy+y^2", None, at)
    assert verdict.diagnosis.code == "sign" and verdict.message.startswith("In ∂f/∂y")
    number = CheckOptions(mode="number", labels=("w", "b"))
    assert "right size with the wrong sign" in check("(-3, 2)", "(3, 2)", None, number).message
