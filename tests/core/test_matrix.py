"""Matrices: read as people type them, checked entry by entry, the slip named; the `matrix` exercise type."""

from __future__ import annotations

import textwrap

import pytest
import sympy as sp

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.validate import validate_course
from tutor.core.maths.build import symbol
from tutor.core.maths.errors import ParseError
from tutor.core.maths.matrix import build_matrix, parse_matrix
from tutor.core.maths.matrix_check import MatrixProblem
from tutor.core.maths.names import Vocabulary
from tutor.core.maths.parser import parse

X, Y = symbol("x"), symbol("y")
XY = Vocabulary(("x", "y"))


@pytest.mark.parametrize("text", ["[[2, 1], [1, 2]]", "[[2,1],[1,2]]", "2, 1; 1, 2", "[2, 1]\n[1, 2]",
                                  "((2, 1), (1, 2))", "[2, 1]; [1, 2]"])
def test_the_ways_to_type_a_matrix_all_read_the_same(text):
    assert build_matrix(parse_matrix(text, XY)) == ((2, 1), (1, 2))


def test_entries_are_expressions_read_by_the_parser():
    tree = parse_matrix("[[2x, y], [x^2, 3]]", XY)
    assert build_matrix(tree) == ((2 * X, Y), (X**2, 3))
    assert tree.preview() == "[[2·x, y], [x², 3]]"


def test_a_column_and_a_row_keep_their_shape():
    assert parse_matrix("[[1], [2]]", XY).shape == (2, 1)
    assert parse_matrix("[1, 2]", XY).shape == (1, 2)
    assert parse_matrix("[(x + 1)·2, 3]", XY).shape == (1, 2)  # a bracket inside a row is not a row


@pytest.mark.parametrize("text, words, column", [
    ("[[1, 2], [3]]", "row 2 has 1 entry but row 1 has 2", 10),
    ("[[1, 2], [3, 4]", "never closed", 16),
    ("[[1, 2], [3, 4+]]", "row 2: expected a number", 16),
    ("[[1, 2], [3, z]]", "row 2: unknown name 'z'", 14),
    ("", "empty", 1),
])
def test_what_is_not_a_matrix_is_refused_with_its_column(text, words, column):
    with pytest.raises(ParseError) as caught:
        parse_matrix(text, XY)
    assert words in caught.value.message and caught.value.column == column


def test_the_expression_grammar_still_refuses_a_vector_inside_a_vector():
    with pytest.raises(ParseError, match="a vector can only be the whole answer"):
        parse("[[1, 2], [3, 4]]", XY)


H = MatrixProblem(((sp.Integer(5), sp.Integer(3)), (sp.Integer(3), sp.Integer(2))),
                  entry_names=(("∂²L/∂w²", "∂²L/∂w∂b"), ("∂²L/∂b∂w", "∂²L/∂b²")))
J = MatrixProblem(((2 * X * Y, X**2), (sp.Integer(1), 3 * Y**2), (Y, X)), ("x", "y"))


@pytest.mark.parametrize("problem, answer, code, words", [
    (H, "[[5, 3], [3, -2]]", "sign", "sign is wrong in ∂²L/∂b² (row 2, column 2)"),
    (H, "[[5, 3], [4, 2]]", "wrong-entry", "Only ∂²L/∂b∂w (row 2, column 1) is wrong: yours is 4"),
    (H, "[[3, 2], [5, 3]]", "swapped-rows", "Rows 1 and 2 are swapped"),
    (J, "[[2xy, 1, y], [x^2, 3y^2, x]]", "transposed", "transposed"),
    (J, "[[x^2, 2xy], [3y^2, 1], [x, y]]", "swapped-columns", "Columns 1 and 2 are swapped"),
    (J, "[[2xy, x^2], [1, 3y^2], [y, -x]]", "sign", "row 3, column 2"),
    (J, "[[2xy, x^2], [1, 3y], [y, x]]", "wrong-entry", "row 2, column 2"),
])
def test_a_wrong_matrix_names_its_slip(problem, answer, code, words):
    verdict = problem.check(answer)
    assert verdict.status == "incorrect" and verdict.diagnosis.code == code
    assert words in verdict.message


def test_a_right_matrix_passes_and_a_wrong_one_says_which_entries():
    assert H.check("[[5,3],[3,2]]").status == "correct"
    assert J.check("[[2yx, x²], [1, 3y^2], [y, x]]").status == "correct"
    verdict = H.check("[[1, 2], [3, 4]]")
    assert verdict.status == "incorrect" and verdict.diagnosis is None
    assert "3 entries are wrong, at (row, column) (1, 1), (1, 2), (2, 2)" in verdict.message


def test_a_wrong_expression_entry_gets_a_point_where_it_differs():
    verdict = J.check("[[2xy, x^2], [1, 3y], [y, x]]")
    assert "yours gives" in verdict.message and "not" in verdict.message


def test_shape_and_stray_variables_are_refused_not_marked_wrong():
    assert H.check("[[5, 3, 1], [3, 2, 1]]").status == "invalid"
    assert "2×2" in H.check("[[5, 3]]").message
    assert H.check("[[5, 3], [3, x]]").status == "invalid"


LESSON = """
id: mtest
title: Matrices
summary: A test lesson.
exercises:
  - id: hessian
    type: matrix
    prompt: "The Hessian of {function}."
    function_name: L
    compute: {hessian: (wx + b - y)^2, data: {x: [1, 2], y: [3, 5]}, wrt: [w, b]}
    answer: "[[5, 3], [3, 2]]"
  - id: eigen
    type: matrix
    ask: eigenvalues
    prompt: "The eigenvalues of {matrix}."
    compute: {hessian: (wx + b - y)^2, data: {x: [1, 2], y: [3, 5]}, wrt: [w, b]}
    answer: "6.85, 0.146"
  - id: bound
    type: matrix
    ask: rate_bound
    prompt: "The largest stable rate for {matrix}."
    compute: {matrix: "[[5, 3], [3, 2]]"}
    answer: STATED
  - id: jacobian
    type: matrix
    prompt: "The Jacobian at {at}."
    compute: {jacobian: [x^2 y, x + a y^3], at: {x: 1, y: 2}}
    params: {a: {randint: [1, 4]}}
"""


def _lesson(tmp_path, stated="0.292"):
    (tmp_path / "01-m.yaml").write_text(textwrap.dedent(LESSON).replace("STATED", stated))
    return tmp_path


def test_the_practice_loss_hessian_and_its_eigenvalues(tmp_path):
    lesson = load_course(_lesson(tmp_path)).lessons[0]
    hessian = lesson.exercise("hessian").instance(0)
    assert hessian.shape == "matrix" and hessian.expected == "[[5, 3], [3, 2]]"
    eigen = lesson.exercise("eigen").instance(0)
    assert eigen.expected == "(6.8541, 0.1459)"
    assert eigen.check("6.85, 0.146").correct and eigen.check("(6.854, 0.1459)").correct
    assert eigen.check("0.146, 6.85").diagnosis.code == "swapped-components"
    bound = lesson.exercise("bound").instance(0)
    assert bound.expected == "0.2918" and bound.check("0.29").correct and not bound.check("0.4").correct


def test_validate_proves_the_stated_matrices_and_numbers(tmp_path):
    assert validate_course(_lesson(tmp_path)).ok
    report = validate_course(_lesson(tmp_path, stated="0.3"))
    (error,) = report.errors
    assert "the stated answer 0.3 is not within ±0.005 or ±0.1% of the computed 0.2918" in error.message
    assert error.line == 23


def test_a_stated_matrix_with_a_wrong_entry_is_an_error_at_its_line(tmp_path):
    path = _lesson(tmp_path)
    text = (path / "01-m.yaml").read_text().replace('"[[5, 3], [3, 2]]"\n  - id: eigen', '"[[5, 3], [2, 2]]"\n  - id: eigen')
    (path / "01-m.yaml").write_text(text)
    (error,) = validate_course(path).errors
    assert "wrong in row 2, column 1" in error.message and error.line == 11


def test_a_randomised_jacobian_is_checked_for_each_variant(tmp_path):
    checker = load_course(_lesson(tmp_path)).lessons[0].exercise("jacobian")
    for seed in range(4):
        instance = checker.instance(seed)
        a = int(dict(instance.params)["a"])
        assert instance.check(f"[[4, 1], [1, {12 * a}]]").correct
        assert instance.check(f"[[4, 1], [1, {12 * a}]]".replace("[[4, 1], [1,", "[[4, 1], [2,")).status == "incorrect"
