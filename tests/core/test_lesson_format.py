"""The lesson format: loading, precise errors, variants and every exercise type through the public API."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.variants import VariantError, condition_holds, draw_params, fill
from tutor.core.lessons.models import ParamSpec

GOOD = """\
id: basics
title: Basic partials
summary: The core idea.
pages:
  - title: Core idea
    body: |
      $\\frac{\\partial f}{\\partial x}$ treats $y$ as a constant.
exercises:
  - id: dfdx
    type: derivative
    prompt: "Find ∂f/∂x for f(x, y) = {function}."
    function: x^2 + 3y
    wrt: x
    answer: 2x
    hints: ["Treat y as a constant."]
  - id: dfdx-variant
    type: derivative
    prompt: "Find ∂f/∂x for f = {function} (a = {a})."
    function: a x^2 y + b y
    wrt: x
    answer: 2 a x y
    params:
      a: {randint: [2, 9]}
      b: {randint: [2, 9]}
    where: ["a != b"]
    hints: ["y is a constant factor."]
  - id: grad-at
    type: gradient
    prompt: "∇f at (1, 2) for f = {function}"
    function: x^2 + xy + y^2
    at: {x: 1, y: 2}
    answer: (4, 5)
    hints: ["h"]
  - id: grad
    type: gradient
    prompt: "∇f for f = {function}"
    function: x^2 + xy + y^2
    answer: (2x + y, x + 2y)
    hints: ["h"]
  - id: mse
    type: value
    prompt: "grad_mse(1, 0, 2, 3)"
    compute: {gradient: (wx + b - y)^2, wrt: [w, b], at: {w: 1, b: 0, x: 2, y: 3}}
    answer: (-4, -2)
    hints: ["h"]
  - id: central
    type: value
    prompt: "numerical_partial(f, 1, 2, 'x')"
    compute: {central_difference: x^2 - y^2, wrt: x, at: {x: 1, y: 2}}
    answer: "2.0000000000131024"
    tolerance: 1e-6
    hints: ["h"]
  - id: many-points
    type: derivative
    prompt: "∂L/∂w for the MSE over three points"
    function: (wx + b - y)^2
    data: {x: [1, 2, 3], y: [2, 4, 5]}
    wrt: w
    function_name: L
    answer: (2/3)((w + b - 2) + 2(2w + b - 4) + 3(3w + b - 5))
    hints: ["h"]
  - id: expr
    type: expression
    prompt: "Simplify 2(x + 1) - 2"
    expected: 2x
    hints: ["h"]
  - id: why
    type: choice
    prompt: Why does the gradient vanish at a minimum?
    options:
      - text: The function is flat there in every direction.
        correct: true
        explanation: Every partial is 0 at an interior minimum.
      - text: The learning rate is zero.
        explanation: The learning rate is not part of the gradient.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def course(tmp_path):
    write(tmp_path, "01-good.yaml", GOOD)
    return load_course(tmp_path)


def test_a_good_lesson_loads_with_every_type(course) -> None:
    assert course.errors == [] and course.broken == []
    lesson = course.lessons[0]
    assert [e.kind for e in lesson.exercises] == [
        "derivative", "derivative", "gradient", "gradient", "value", "value", "derivative", "expression", "choice"]
    for exercise in lesson.exercises:
        assert exercise.validate([0, 1, 2]) == [], exercise.model.id


def test_instances_check_right_and_wrong_answers(course) -> None:
    lesson = course.lessons[0]
    dfdx = lesson.exercise("dfdx").instance(0)
    assert dfdx.check("2x").correct
    assert dfdx.check("2x + 3y").diagnosis.code == "kept-constant-term"
    assert dfdx.check("2x +").status == "invalid"
    grad = lesson.exercise("grad-at").instance(0)
    assert grad.shape == "numbers" and grad.check("(4, 5)").correct
    assert grad.check("(5, 4)").diagnosis.code == "swapped-components"
    assert lesson.exercise("grad").instance(0).check("(2x + y, x + 2y)").correct
    mse = lesson.exercise("mse").instance(0)
    assert mse.expected == "(−4, −2)" and mse.check("w = -4, b = -2").correct
    central = lesson.exercise("central").instance(0)
    assert central.expected == "2.0000000000131024"
    assert central.check("2.0000000000131024").correct and central.check("2").correct
    assert not central.check("2.01").correct
    many = lesson.exercise("many-points").instance(0)
    assert many.check("(2/3)(14w + 6b - 25)").correct
    assert many.component_names == ("∂L/∂w",)
    assert lesson.exercise("expr").instance(0).check("2x").correct
    choice = lesson.exercise("why").instance(0)
    assert choice.check("a").correct and choice.check("1").correct
    assert not choice.check("b").correct and choice.check("z").status == "invalid"


def test_variants_are_seeded_and_filled_into_the_prompt(course) -> None:
    exercise = course.lessons[0].exercise("dfdx-variant")
    first, again, other = exercise.instance(4), exercise.instance(4), exercise.instance(5)
    assert first.prompt == again.prompt and first.expected == again.expected
    prompts = {exercise.instance(seed).prompt for seed in range(20)}
    assert len(prompts) > 5
    assert "{a}" not in first.prompt and "{function}" not in first.prompt
    assert first.check(first.expected).correct


def test_params_are_exact_and_conditions_hold() -> None:
    spec = {"a": ParamSpec(randint=(1, 3)), "b": ParamSpec(randint=(1, 3))}
    for seed in range(30):
        values = draw_params(spec, ["a != b"], seed)
        assert values["a"] != values["b"]
    assert draw_params({"c": ParamSpec(uniform=(0.1, 0.9), digits=1)}, [], 1)["c"].denominator in (1, 2, 5, 10)
    with pytest.raises(VariantError):
        draw_params({"a": ParamSpec(randint=(1, 1))}, ["a > 5"], 0)
    assert condition_holds("a*b >= 6", {"a": 2, "b": 3})
    assert fill("e^{x} and {a}", {"a": "3"}) == "e^{x} and 3"


BROKEN = """\
id: broken
title: Broken
summary: Has errors.
exercises:
  - id: a
    type: derivatve
    prompt: x
  - id: b
    type: derivative
    prompt: p
    function: x^2
    wrtt: x
"""


def test_broken_files_report_every_error_with_line_and_column(tmp_path) -> None:
    write(tmp_path, "01-good.yaml", GOOD)
    write(tmp_path, "02-broken.yaml", BROKEN)
    course = load_course(tmp_path)
    assert [lesson.id for lesson in course.lessons] == ["basics"]
    assert [b.path.name for b in course.broken] == ["02-broken.yaml"]
    messages = [(e.line, e.column, e.message) for e in course.errors]
    assert any((line, col) == (6, 5) and m.startswith("unknown exercise type 'derivatve'; did you mean "
                                                       "'derivative'? (known: derivative, gradient, value")
               for line, col, m in messages)
    assert any(m == "unknown key 'wrtt'; did you mean 'wrt'?" and line == 12 for line, _, m in messages)
    # One mistake, one message: the misspelt key is not also reported as a missing 'wrt'.
    assert not any("missing required key 'wrt'" in m for _, _, m in messages)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("id: x\ntitle: [unclosed\n", 2, "this [ is not closed"),
        ("- just\n- a list\n", 1, "mapping"),
        ("id: x\nid: y\ntitle: t\nsummary: s\n", 2, "appears twice"),
        ("id: Bad Id\ntitle: t\nsummary: s\n", 1, "lowercase"),
        ("id: x\ntitle: t\nsummary: s\nexercises:\n  - id: c\n    type: choice\n    prompt: p\n    options:\n"
         "      - {text: a, explanation: e}\n      - {text: b, explanation: e}\n", 8, "exactly one option"),
    ],
)
def test_schema_errors_are_located(tmp_path, text, line, fragment) -> None:
    write(tmp_path, "01.yaml", text)
    course = load_course(tmp_path)
    assert course.broken
    assert any(e.line == line and fragment in e.message for e in course.errors), course.errors


def test_expression_errors_break_only_their_exercise(tmp_path) -> None:
    write(tmp_path, "01.yaml", """\
        id: x
        title: t
        summary: s
        exercises:
          - id: fine
            type: derivative
            prompt: p
            function: x^2
            wrt: x
          - id: typo
            type: derivative
            prompt: p
            function: x^2 +
            wrt: x
        """)
    course = load_course(tmp_path)
    lesson = course.lessons[0]
    assert [e.model.id for e in lesson.exercises] == ["fine"]
    assert any(e.line == 13 and "ends after '+'" in e.message for e in course.errors)


def test_prerequisites_must_exist_and_not_circle(tmp_path) -> None:
    write(tmp_path, "01.yaml", "id: a\ntitle: A\nsummary: s\nrequires: [b]\n")
    write(tmp_path, "02.yaml", "id: b\ntitle: B\nsummary: s\nrequires: [a, nowhere]\n")
    messages = [e.message for e in load_course(tmp_path).errors]
    assert any("nowhere" in m for m in messages)
    assert any("circle" in m for m in messages)


def test_stated_wrong_answers_are_caught(tmp_path) -> None:
    write(tmp_path, "01.yaml", """\
        id: x
        title: t
        summary: s
        exercises:
          - id: wrong
            type: derivative
            prompt: p
            function: x^2 y
            wrt: x
            answer: 2x
          - id: wrong-value
            type: value
            prompt: p
            compute: {central_difference: x^2 - y^2, wrt: x, at: {x: 1, y: 2}}
            answer: "2.000000000013102"
        """)
    lesson = load_course(tmp_path).lessons[0]
    problems = {e.model.id: e.validate([0]) for e in lesson.exercises}
    assert "stated answer is wrong" in problems["wrong"][0].message
    assert "not the computed value" in problems["wrong-value"][0].message


def test_functions_show_in_the_authors_order_with_params_filled(course) -> None:
    exercise = course.lessons[0].exercise("dfdx-variant")
    instance = exercise.instance(4)
    a, b = dict(instance.params)["a"], dict(instance.params)["b"]
    assert instance.shows == f"f = {a}·x²·y + {b}·y"
    many = course.lessons[0].exercise("many-points").instance(0)
    assert many.shows == "L = mean over the 3 data points (x, y) of (w·x + b − y)²"


def test_unknown_placeholders_are_reported(tmp_path) -> None:
    from tutor.core.lessons.validate import validate_course

    write(tmp_path, "01.yaml", """\
        id: x
        title: t
        summary: s
        exercises:
          - id: v
            type: value
            prompt: "Value of {function} at {at}, and {nosuch}; LaTeX braces stay: $x^{2}$"
            compute: {partial: x^2 + 3y, wrt: x, at: {x: 2, y: 3}}
            hints: ["{function}"]
        """)
    report = validate_course(tmp_path, seeds=1)
    assert [e.message for e in report.errors] == [
        "exercise 'v': unknown placeholder {nosuch}; this exercise fills {answer}, {function}, {at}"]
    instance = report.course.lessons[0].exercise("v").instance(0)
    assert instance.prompt.startswith("Value of x² + 3·y at (x = 2, y = 3)")


def test_decimal_values_display_as_decimals(tmp_path) -> None:
    write(tmp_path, "01.yaml", """\
        id: x
        title: t
        summary: s
        exercises:
          - id: v
            type: value
            prompt: p
            compute: {expression: "-1/100"}
        """)
    instance = load_course(tmp_path).lessons[0].exercise("v").instance(0)
    assert instance.expected == "−0.01"
    assert instance.check("-0.01").correct


def test_named_components_read_in_the_preview(course) -> None:
    from tutor.core.maths.parser import parse

    mse = course.lessons[0].exercise("mse").instance(0)
    parse("w = -4, b = -2", mse.vocabulary)  # the live reading accepts the labels it will check
    assert mse.shows == "f = (w·x + b − y)²"
