"""Counterexamples a learner can check: inside f's domain, with visible differences, and f's numerical slope."""

from __future__ import annotations

from fractions import Fraction

from tutor.core.maths.check import CheckOptions, check, prepare


def d(wrt: str, **kw) -> CheckOptions:
    return CheckOptions(mode="derivative", wrt=wrt, **kw)


def test_not_where_tanh_is_flat() -> None:
    verdict = check("6 tanh(6x+3)^2", "tanh(6x+3)", None, d("x"))
    ce = verdict.counterexample
    assert ce.point == (("x", "−1"),)  # at x = 1 the right value is 3.7·10⁻⁷: nothing to see
    assert abs(float(ce.expected.replace("−", "-"))) > 1e-3


def test_inside_the_functions_own_domain() -> None:
    function = "-(y ln(p) + (1 - y) ln(1 - p))"
    verdict = check("y/p + (1-y)/(1-p)", function, ["p", "y"], d("p"))
    p = Fraction(dict(verdict.counterexample.point)["p"])
    assert 0 < p < 1
    assert all(0 < v < 1 for v in prepare(function, ["p", "y"], d("p")).points.columns["p"])
    # A right answer stays right: outside (0, 1) f does not exist, whatever the formula gives there.
    assert check("-y/p + (1-y)/(1-p)", function, ["p", "y"], d("p")).correct


def test_a_wrong_derivative_shows_the_numerical_slope() -> None:
    verdict = check("3x^2+2", "3x^2y+2y", None, d("x"))
    assert "Numerically, f changes at 12.000 per unit of x there; your formula gives 5." in verdict.message
    assert verdict.to_json()["slope"] == {"wrt": "x", "at": {"x": "1", "y": "2"}, "value": "12.000", "answer": "5"}
    assert check("2x", "x^2", None, CheckOptions()).slope is None  # no function: no slope to show
