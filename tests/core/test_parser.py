"""The parser reads what people type, says how it read it, and says exactly where it could not."""

from __future__ import annotations

import pytest

from tutor.core.maths.errors import LimitError, ParseError, UnknownNameError
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.parser import parse
from tutor.core.maths.preview import preview

XY = Vocabulary(("x", "y"))


def read(text: str, vocab: Vocabulary = XY) -> str:
    return preview(parse(text, vocab).tree)


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("2x", "2·x"),
        ("6xy", "6·x·y"),
        ("ycos(xy)", "y·cos(x·y)"),
        ("x^2", "x²"),
        ("x**2", "x²"),
        ("x²", "x²"),
        ("x³y", "x³·y"),
        ("2·x", "2·x"),
        ("2×x", "2·x"),
        ("2*x", "2·x"),
        ("−x", "−x"),
        ("x − y", "x − y"),
        ("√(x)", "√x"),
        ("√x", "√x"),
        ("sqrt(x+1)", "√(x + 1)"),
        ("π", "π"),
        ("pi x", "π·x"),
        ("e^x", "e^x"),
        ("exp(x)", "exp(x)"),
        ("ln(x)", "ln(x)"),
        ("log(x)", "ln(x)"),
        ("log(x, 2)", "log(x, 2)"),
        ("sin x", "sin(x)"),
        ("2 sin x cos x", "2·sin(x)·cos(x)"),
        ("sin^2(x)", "sin(x)²"),
        ("sin²x", "sin(x)²"),
        ("sin x^2", "sin(x²)"),
        ("sin 2x", "sin(2·x)"),
        ("sin(x)^2", "sin(x)²"),
        ("abs(x)", "|x|"),
        ("|x|", "|x|"),
        ("|x|y", "|x|·y"),
        ("sech(x)", "sech(x)"),
        ("arcsin(x)", "asin(x)"),
        ("sign(x)", "sign(x)"),
        ("sgn(x)", "sign(x)"),
        ("0.5x", "0.5·x"),
        (".5x", "0.5·x"),
        ("x y", "x·y"),
        ("x(x+1)", "x·(x + 1)"),
        ("2(x+1)(x-1)", "2·(x + 1)·(x − 1)"),
        ("-x^2", "−x²"),
        ("x^-2", "x⁻²"),
        ("x⁻¹", "x⁻¹"),
        ("2^3^2", "2^3²"),
        ("1/2x", "(1/2)·x"),
        ("1/(2x)", "1/(2·x)"),
        ("e^2x", "e²·x"),
        ("e^(2x)", "e^(2·x)"),
        ("√2x", "√(2·x)"),
        ("xsinx", "x·sin(x)"),
        ("3x^2y+2y", "3·x²·y + 2·y"),
        ("sigmoid(x)", "sigmoid(x)"),
        ("(2x, 3)", "(2·x, 3)"),
        ("[2x, 3]", "(2·x, 3)"),
        ("⟨2x, 3⟩", "(2·x, 3)"),
        ("2x, 3", "(2·x, 3)"),
        ("x = 1.6, y = 0.8", "(x = 1.6, y = 0.8)"),
        ("1.41e-2", "1.41e-2"),
        ("2e^x", "2·e^x"),
    ],
)
def test_reads_what_people_type(typed: str, read_as: str) -> None:
    assert read(typed) == read_as


@pytest.mark.parametrize("typed", ["6xy", "sin x cos x", "1/2x", "e^2x", "√2x", "(2x, 3)", "x⁻¹", "|x|y", "sin²x"])
def test_the_reading_parses_back_to_the_same_reading(typed: str) -> None:
    once = read(typed)
    assert read(once) == once


def test_e_is_a_variable_when_the_exercise_says_so() -> None:
    assert read("e^x", Vocabulary(("e", "x"))) == "e^x"
    tree = parse("e^x", Vocabulary(("e", "x"))).tree
    assert type(tree.left).__name__ == "Var"
    assert type(parse("e^x", XY).tree.left).__name__ == "Const"


def test_inferred_single_letters_and_greek_names() -> None:
    free = Vocabulary(unknown="split")
    assert read("x^2 + xy + y^2", free) == "x² + x·y + y²"
    assert read("theta^2 + 2wx", free) == "theta² + 2·w·x"
    assert read("x1 + x_1", free) == "x1 + x_1"
    whole = Vocabulary(unknown="whole")
    assert read("xy + X", whole) == "xy + X"


@pytest.mark.parametrize(
    ("typed", "column", "fragment"),
    [
        ("2x + ", 5, "ends after '+'"),
        ("(x+1", 5, "never closed"),
        ("x+1)", 4, "no matching opening"),
        ("", 1, "empty"),
        ("x^", 3, "exponent"),
        ("2 * * x", 5, "expected"),
        ("sin", 4, "argument for sin"),
        ("log()", 5, "needs an argument"),
        ("|x", 3, "never closed"),
        ("x # y", 3, "unexpected character '#'"),
        ("∂f/∂x", 1, "∂"),
        ("\\alpha + 1", 1, "LaTeX"),
        ("\\frac{1}", 9, "{ after"),
        ("{x, y}", 1, "braces"),
        ("1 = 2", 3, "'='"),
        ("sin^-1(x)", 5, "ambiguous"),
        ("((x), (y))", None, None),
    ],
)
def test_syntax_errors_name_the_column(typed: str, column: int | None, fragment: str | None) -> None:
    if column is None:
        parse(typed, XY)  # a vector of two groups is fine
        return
    with pytest.raises(ParseError) as info:
        parse(typed, XY)
    assert info.value.column == column
    assert fragment in info.value.message


def test_unknown_names_list_what_the_exercise_knows() -> None:
    with pytest.raises(UnknownNameError) as info:
        parse("2z", XY)
    assert "x, y" in str(info.value)
    with pytest.raises(UnknownNameError) as info:
        parse("X", XY)
    assert info.value.suggestion == "x"
    with pytest.raises(UnknownNameError) as info:
        parse("sinn(x)", XY)
    assert info.value.suggestion == "sin"


def test_a_vector_cannot_hide_inside_an_expression() -> None:
    with pytest.raises(ParseError, match="vector"):
        parse("1 + (x, y)", XY)


def test_diff_is_refused_in_answers_and_allowed_for_authors() -> None:
    with pytest.raises(ParseError, match="derivative"):
        parse("diff(x^2, x)", XY)
    parse("diff(x^2, x)", Vocabulary(("x",), allow_diff=True))


def test_notes_explain_ambiguous_readings() -> None:
    assert any("(1/2)·x" in n for n in parse("1/2x", XY).notes)
    assert any("e^(2x)" in n for n in parse("e^2x", XY).notes)
    assert parse("x^2y", XY).notes == ()


@pytest.mark.parametrize(
    ("typed", "limit"),
    [
        ("x" * 2001, "length"),
        ("(" * 150 + "x" + ")" * 150, "depth"),
        ("-" * 150 + "x", "depth"),
        ("x" + "^x" * 150, "depth"),
        ("1" * 101, "literal-digits"),
        ("1e500", "decimal-exponent"),
        ("+".join(["x"] * 600), "nodes"),
    ],
    ids=["length", "brackets", "signs", "powers", "digits", "sci-exponent", "nodes"],
)
def test_limits_refuse_early_and_say_which(typed: str, limit: str) -> None:
    with pytest.raises(LimitError) as info:
        parse(typed, XY)
    assert info.value.limit == limit
