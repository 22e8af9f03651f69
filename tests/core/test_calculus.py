"""Central differences print the course's digits; gradient checks agree with the symbolic partials."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tutor.core.maths.calculus import central_difference, float_function, gradient_check, parse_function, parse_number, parse_point
from tutor.core.maths.errors import MathsError


def numerical_partial(f, x, y, var="x", h=1e-5):
    """The notebook's own function, verbatim."""
    if var == "x":
        return (f(x + h, y) - f(x - h, y)) / (2 * h)
    return (f(x, y + h) - f(x, y - h)) / (2 * h)


def test_course_figures_bit_for_bit() -> None:
    tree, variables = parse_function("x^2 - y^2")
    f = float_function(tree)
    assert variables == ("x", "y")
    assert repr(central_difference(f, {"x": 1, "y": 2}, "x")) == "2.0000000000131024"
    assert repr(central_difference(f, {"x": 1, "y": 2}, "y")) == "-4.000000000026205"
    notebook = numerical_partial(lambda x, y: x**2 - y**2, 1, 2, "x")
    assert central_difference(f, {"x": 1, "y": 2}, "x") == notebook


def test_gradient_check_of_practice_four() -> None:
    tree, variables = parse_function("3x^2y + 2y")
    results = gradient_check(tree, {"x": Fraction(1), "y": Fraction(2)}, variables)
    assert [str(r.exact) for r in results] == ["12", "5"]
    assert all(r.ok for r in results)


def test_float_function_is_undefined_not_an_error() -> None:
    f = float_function(parse_function("sqrt(x) + ln(y)")[0])
    assert f({"x": -1.0, "y": 1.0}) != f({"x": -1.0, "y": 1.0})  # NaN


def test_points_and_numbers() -> None:
    assert parse_point("x=1, y=-1/2, z=0.25") == {"x": 1, "y": Fraction(-1, 2), "z": Fraction(1, 4)}
    assert parse_number("1e-5") == Fraction(1, 100000)
    for bad in ("x=", "1,2", "x=y"):
        with pytest.raises(MathsError):
            parse_point(bad)
