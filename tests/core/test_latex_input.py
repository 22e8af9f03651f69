"""LaTeX habits in answers read as the plain forms they stand for, and the preview shows that reading."""

from __future__ import annotations

import pytest

from tutor.core.maths.build import build
from tutor.core.maths.check import CheckOptions, check
from tutor.core.maths.errors import ParseError
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.parser import parse
from tutor.core.maths.preview import preview

V = Vocabulary(("x", "y", "z"))


@pytest.mark.parametrize(("latex", "plain"), [
    (r"e^{2x}", "e^(2x)"),
    (r"\frac{1}{x}", "1/x"),
    (r"\dfrac{x + 1}{y}", "(x + 1)/y"),
    (r"\sqrt{x}", "sqrt(x)"),
    (r"x^{2}", "x^2"),
    (r"2 \cdot x", "2*x"),
    (r"3 \times y", "3y"),
    (r"\sin x", "sin(x)"),
    (r"\ln(x)", "ln(x)"),
    (r"\ln x + \exp(y)", "ln(x) + exp(y)"),
    (r"\left( x + 1 \right)^2", "(x + 1)^2"),
    (r"{x + 1}^{2}", "(x + 1)^2"),
    (r"\frac{e^{z}}{(1 + e^{z})^{2}}", "e^z/(1 + e^z)^2"),
    (r"2\,x\;y", "2 x y"),
    (r"\sin^2 x", "sin(x)^2"),
    (r"\pi x", "pi x"),
])
def test_a_latex_habit_reads_as_its_plain_form(latex: str, plain: str) -> None:
    tree = parse(latex, V).tree
    assert build(tree).scalar == build(parse(plain, V).tree).scalar
    shown = preview(tree)
    assert "\\" not in shown and "{" not in shown
    assert preview(parse(shown, V).tree) == shown  # the preview is the reading, and reads back as itself


def test_an_answer_in_latex_is_checked_like_any_other() -> None:
    options = CheckOptions(mode="derivative", wrt="z")
    assert check(r"\frac{e^{z}}{(1 + e^{z})^{2}}", "e^z/(1 + e^z)", None, options).correct


@pytest.mark.parametrize(("typed", "fragment"), [
    (r"\alpha x", "\\alpha is not one the tutor reads"),
    (r"\frac12", "{ after \\frac"),
    ("x \\", "backslash"),
    ("{x, y}", "braces group one expression"),
    ("{x + 1", "never closed"),
])
def test_latex_the_tutor_does_not_read_says_what_to_type(typed: str, fragment: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(typed, V)
    assert fragment in str(info.value)


@pytest.mark.parametrize("typed", ["σ(z)(1 - σ(z))", r"\sigma(z)\left(1 - \sigma(z)\right)", "σ(z) - σ(z)^2",
                                   "sigmoid(z)(1 - σ(z))"])
def test_sigma_as_the_notes_write_it_is_the_sigmoid(typed: str) -> None:
    # The course writes σ(z); a learner who copies it wrote the right answer.
    assert check(typed, "sigmoid(z)", ["z"], CheckOptions(mode="derivative", wrt="z")).correct


def test_sigma_without_its_argument_says_it_is_a_function() -> None:
    with pytest.raises(ParseError) as info:
        parse("σ(1 - σ)", Vocabulary(("z",)))
    assert "σ(z) (σ is the sigmoid function)" in str(info.value)
