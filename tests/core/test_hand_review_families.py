"""Families of slips an outside review typed by hand and found unnamed or misnamed, one test each."""

from __future__ import annotations

from tutor.core.maths.check import CheckOptions, check
from tutor.core.maths.verdict import in_part


def verdict(answer: str, function: str, wrt: str, variables=None):
    v = check(answer, function, variables, CheckOptions(mode="derivative", wrt=wrt, unknown_names="split"))
    assert v.status == "incorrect", v.message
    return v


def test_a_sign_flipped_inside_a_bracket_is_named() -> None:
    v = verdict("sigmoid(z)(1 + sigmoid(z))", "sigmoid(z)", "z")
    assert v.diagnosis.code == "sign"
    assert "the bracket is 1 − sigmoid(z); yours has +sigmoid(z) where −sigmoid(z) goes" in v.message
    inside = verdict("2(wx + b + y)x", "(wx + b - y)^2", "w", ["w", "b", "x", "y"])
    assert inside.diagnosis.code == "sign" and "+y where −y goes" in inside.message


def test_a_sign_flipped_in_a_distributed_result_is_named() -> None:
    # sympy writes 6(1 − tanh²u) as 6 − 6·tanh²u: the flipped term is in the result's own sum
    v = verdict("6(1 + tanh(6x-4)^2)", "tanh(6x-4)", "x")
    assert v.diagnosis.code == "sign" and "−6·tanh(6·x − 4)² has the wrong sign" in v.message


def test_a_whole_negation_is_the_plain_sign_not_a_chain_rules_lost_minus() -> None:
    # σ(z) − y negated: the lost minus of the only chain is one way among several (L's own minus, y − σ)
    v = verdict("y - sigmoid(z)", "-(y ln(sigmoid(z)) + (1-y) ln(1-sigmoid(z)))", "z", ["z", "y"])
    assert v.diagnosis.code == "sign"
    assert v.message.startswith("The sign is wrong: your answer is the negative of the right one.")
    softmax = verdict("-e^b/(e^a + e^b + e^c)", "-ln(e^a/(e^a + e^b + e^c))", "b", ["a", "b", "c"])
    assert softmax.message.startswith("The sign is wrong: your answer is the negative")


def test_the_quotient_rule_with_a_constant_top_is_named() -> None:
    v = verdict("-2xy/(x^2 + y^2)", "x/(x^2 + y^2)", "y", ["x", "y"])
    assert v.diagnosis.code == "quotient-rule" and "the denominator is not squared" in v.message


def test_an_exponential_is_no_quotient() -> None:
    # x·e^(−wx) is read by sympy as x/e^(wx): no "denominator not squared" for it (−x² would get one)
    v = verdict("-x^2", "x e^(-w x)", "w", ["w", "x"])
    assert v.diagnosis is None or v.diagnosis.code != "quotient-rule"


def test_a_components_message_goes_on_after_the_colon() -> None:
    assert in_part("∂f/∂y", "The sign is wrong.") == "In ∂f/∂y: the sign is wrong."
    assert in_part("∂f/∂y", "L changes at 3.") == "In ∂f/∂y: L changes at 3."
    v = check("(2x, 3y)", "x^2 + 3y", ["x", "y"], CheckOptions(mode="gradient", unknown_names="split"))
    assert v.message.startswith("In ∂f/∂y: you left 3·y as it is")


def test_a_number_a_whole_factor_off_says_so_rather_than_too_large() -> None:
    v = check("28", "7/5", None, CheckOptions(mode="number"))
    assert v.status == "incorrect" and "20 times the right value" in v.message and "too large" not in v.message
    small = check("7/75", "7/5", None, CheckOptions(mode="number"))
    assert "1/15 of the right value" in small.message
    odd = check("3.1", "7/5", None, CheckOptions(mode="number"))
    assert "too large in size" in odd.message and odd.diagnosis is None


def test_a_rules_prime_says_which_derivative_it_is_when_there_are_several_variables() -> None:
    # "x′" by y is 0, not 1: with several variables the rule's primes are named ∂/∂y
    many = verdict("-2xy/(x^2 + y^2)", "x/(x^2 + y^2)", "y", ["x", "y"])
    assert "(x′·(x² + y²) − x·(x² + y²)′)/(x² + y²)², ′ meaning ∂/∂y." in many.message
    one = verdict("2x*e^x", "x^2*e^x", "x")
    assert "(x²)′·e^x + x²·(e^x)′." in one.message and "meaning" not in one.message
