"""`tutor validate`'s rules for what the course says around its answers: variants that keep typical slips
apart, the function's name, examples and summaries that never give an answer away, forms asked for."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.validate import validate_course

HEAD = """\
id: rules
title: Rules
summary: {summary}
pages:
  - title: A page
    body: Some words.
exercises:
"""


def lesson(tmp_path: Path, exercises: str, summary: str = "Partial derivatives.") -> Path:
    (tmp_path / "rules.yaml").write_text(HEAD.format(summary=summary) + textwrap.indent(textwrap.dedent(exercises), "  "),
                                         encoding="utf-8")
    return tmp_path


def messages(path: Path) -> list[str]:
    return [e.message for e in validate_course(path, seeds=20).errors]


def test_a_variant_where_two_typical_slips_give_one_number_is_flagged(tmp_path: Path) -> None:
    found = messages(lesson(tmp_path, """\
        - id: product-at
          type: gradient
          prompt: "∇f at ({p}, {q}, {r}) for f(w, x, y) = {function}"
          function: w x^2 y
          variables: [w, x, y]
          at: {w: p, x: q, y: r}
          params:
            p: {randint: [2, 4]}
            q: {randint: [2, 3]}
            r: {randint: [2, 5]}
          hints: ["h"]
        """))
    assert any("variant" in m and "differentiating by the wrong variable and the power rule off by one give the same "
               "number" in m for m in found), found
    apart = messages(lesson(tmp_path, """\
        - id: product-at
          type: gradient
          prompt: "∇f at ({p}, {q}, {r}) for f(w, x, y) = {function}"
          function: w x^2 y
          variables: [w, x, y]
          at: {w: p, x: q, y: r}
          params:
            p: {randint: [2, 4]}
            q: {randint: [2, 3]}
            r: {randint: [2, 5]}
          where: ["p != q", "q != r", "p != r"]
          hints: ["h"]
        """))
    assert apart == []


def test_a_label_that_makes_a_slip_right_is_flagged(tmp_path: Path) -> None:
    found = messages(lesson(tmp_path, """\
        - id: bce
          type: derivative
          function_name: L
          prompt: "Find dL/dp for L(p) = {function}."
          function: -(c ln(p) + (1 - c) ln(1 - p))
          wrt: p
          domains: {p: "(0, 1)"}
          params:
            c: {choice: [0, 1, "0.9"]}
          hints: ["h"]
        """))
    assert any("dropping the chain rule's inner factor gives the right answer" in m for m in found), found


def test_the_prompts_function_name_and_d_for_one_variable(tmp_path: Path) -> None:
    found = messages(lesson(tmp_path, """\
        - id: named
          type: value
          prompt: "What is ∂L/∂w at w = 1?"
          compute: {partial: "w^2 + 3b", wrt: w, at: {w: 1, b: 0}}
          hints: ["h"]
        - id: one
          type: derivative
          prompt: "Find ∂f/∂w for f(w) = {function}."
          function: e^(3w)
          wrt: w
          hints: ["h"]
        """))
    assert any("'named'" in m and "set function_name: L" in m for m in found), found
    assert any("'one'" in m and "ask for df/dw, not ∂f/∂w" in m for m in found), found


def test_examples_mistakes_and_summaries_never_give_the_answer(tmp_path: Path) -> None:
    found = messages(lesson(tmp_path, """\
        - id: cross
          type: derivative
          prompt: "Find ∂f/∂x for f(x, y) = {function}, e.g. 2x + y."
          function: x^2 + xy + y^2
          wrt: x
          hints: ["h"]
        - id: slope
          type: value
          prompt: "The output is {s}. Its slope?"
          compute: {expression: "s(1 - s)"}
          params:
            s: {choice: ["0.5"]}
          mistakes:
            - {answer: s^2, code: sign, message: "That is σ·σ."}
          hints: ["h"]
        """, summary="The partial ∂f/∂x = 2x + y and more."))
    assert any("the prompt's example '2x + y' is the answer" in m for m in found), found
    assert any("the typical mistake 's^2' is the right answer" in m for m in found), found
    assert any("the summary shows the answer of exercise 'cross'" in m for m in found), found


def test_the_answer_box_example_is_never_the_answer(tmp_path: Path) -> None:
    course = load_course(lesson(tmp_path, """\
        - id: cross
          type: derivative
          prompt: "Find ∂f/∂x for f(x, y) = {function}."
          function: x^2 + xy + y^2
          wrt: x
          hints: ["h"]
        - id: at
          type: gradient
          prompt: "∇f at (1, 2) for f = {function}"
          function: x^2 + xy + y^2
          at: {x: 1, y: 2}
          hints: ["h"]
        """))
    lesson_ = course.lessons[0]
    for exercise_id, answer in (("cross", "2x + y"), ("at", "(4, 5)")):
        instance = lesson_.exercise(exercise_id).instance(0)
        assert answer not in instance.input_hint and "e.g." in instance.input_hint
        assert not instance.check(instance.input_example).correct


def test_a_simplify_exercise_wants_the_simplified_form(tmp_path: Path) -> None:
    course = load_course(lesson(tmp_path, """\
        - id: simplify
          type: expression
          prompt: "Simplify (-y/p + (1 - y)/(1 - p)) p (1 - p)."
          expected: p - y
          form: simplified
          given: (-y/p + (1 - y)/(1 - p)) p (1 - p)
          domains: {p: "(0, 1)", y: "(0, 1)"}
          hints: ["h"]
        - id: expand
          type: expression
          prompt: "Expand (x + 1)^2."
          expected: x^2 + 2x + 1
          form: expanded
          hints: ["h"]
        - id: factor
          type: expression
          prompt: "Factor x^2 - 1."
          expected: (x - 1)(x + 1)
          form: factored
          hints: ["h"]
        """))
    get = course.lessons[0].exercise
    simplify = get("simplify").instance(0)
    pasted = simplify.check("(-y/p + (1 - y)/(1 - p)) p (1 - p)")
    assert pasted.status == "incorrect" and pasted.diagnosis.code == "not-simplified"
    assert "Equal, but not simplified" in pasted.message
    assert simplify.check("-y(1 - p) + (1 - y)p").diagnosis.code == "not-simplified"
    assert simplify.check("p - y").correct and simplify.check("-(y - p)").correct
    expand = get("expand").instance(0)
    assert expand.check("(x + 1)^2").diagnosis.code == "not-expanded"
    assert expand.check("1 + 2x + x^2").correct
    factor = get("factor").instance(0)
    assert factor.check("x^2 - 1").diagnosis.code == "not-factored"
    assert factor.check("(x + 1)(x - 1)").correct


def test_a_bowl_called_round_is_round() -> None:
    """x² + xy + y² was called "a round bowl": its Hessian's eigenvalues are 1 and 3, tilted ellipses."""
    import sympy as sp

    from tutor.core.descent.presets import PRESETS

    for preset in PRESETS.values():
        if preset.data or "bowl" not in preset.title:
            continue
        loss = preset.make_loss()
        names = [sp.Symbol(n, real=True) for n in loss.params]
        expr = loss.expr.xreplace({s: sp.Symbol(s.name, real=True) for s in loss.expr.free_symbols})
        eigen = sorted(sp.hessian(expr, names).subs(dict(zip(names, (0,) * len(names)))).eigenvals())
        round_ = len(eigen) == 1
        assert round_ == ("round" in preset.title), (preset.title, eigen)
