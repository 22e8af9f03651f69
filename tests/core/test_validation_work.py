"""Validation does each variant's work once: values drawn and problems prepared once per seed, the
first variant reused for the placeholder check, plain numbers read without the expression engine."""

from __future__ import annotations

import textwrap
from fractions import Fraction

import pytest

from tutor.core.lessons import variants
from tutor.core.lessons.loader import load_course
from tutor.core.lessons.types.base import ExerciseType
from tutor.core.lessons.validate import validate_course
from tutor.core.lessons.variants import VariantError, parse_number_text

LESSON = """\
id: work
title: Work
summary: Each variant once.
pages:
  - title: P
    body: B
exercises:
  - id: d
    type: derivative
    prompt: "Find ∂f/∂x of {function}."
    function: a x^2 y
    wrt: x
    params:
      a: {randint: [2, 9]}
    hints: [h]
  - id: g
    type: gradient
    prompt: "∇f at ({p}, 1)?"
    function: x^2 + a y
    at: {x: p, y: 1}
    params:
      a: {randint: [2, 9]}
      p: {randint: [1, 5]}
    where: ["a != p"]
    hints: [h]
  - id: v
    type: value
    prompt: "∂f/∂x at {p}?"
    compute: {partial: a x^3, wrt: x, at: {x: p}}
    params:
      a: {randint: [2, 9]}
      p: {randint: [1, 5]}
    hints: [h]
  - id: s
    type: descent
    prompt: "Steps on {loss}."
    loss: (w x - y)^2
    data: {x: [a], y: [4]}
    start: {w: 0}
    lr: 0.05
    params:
      a: {randint: [1, 3]}
    hints: [h]
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "work.yaml").write_text(LESSON, encoding="utf-8")
    return tmp_path


def test_each_seed_is_drawn_and_prepared_once(folder, monkeypatch) -> None:
    draws: list[tuple[str, int]] = []
    original = ExerciseType._draw

    def counting(self, seed):
        draws.append((self.model.id, seed))
        return original(self, seed)

    monkeypatch.setattr(ExerciseType, "_draw", counting)
    prepared: list[tuple[str, int]] = []
    for kind in ("DerivativeExercise", "GradientExercise"):
        from tutor.core.lessons.types import calculus

        cls = getattr(calculus, kind)
        before = cls._prepare

        def spy(self, seed, before=before):
            prepared.append((self.model.id, seed))
            return before(self, seed)

        monkeypatch.setattr(cls, "_prepare", spy)
    report = validate_course(folder, seeds=4)
    assert report.ok, [str(e) for e in report.errors]
    # instance() and validate_variant() share one draw and one prepared problem per seed, and the
    # placeholder check reuses the first variant instead of building seed 0 again.
    for exercise in ("d", "g", "v", "s"):
        assert sorted(s for e, s in draws if e == exercise) == [0, 1, 2, 3], exercise
    for exercise in ("d", "g"):
        assert sorted(s for e, s in prepared if e == exercise) == [0, 1, 2, 3], exercise


def test_outside_validation_nothing_is_kept(folder) -> None:
    exercise = load_course(folder).lessons[0].exercise("g")
    first, second = exercise.instance(1), exercise.instance(1)
    assert first.expected == second.expected and first is not second
    assert exercise._seed_work is None
    exercise.validate([0, 1])
    assert exercise._seed_work is None and exercise.first_instance.seed == 0


def test_plain_numbers_and_param_names_read_exactly() -> None:
    assert parse_number_text("-2.5") == Fraction(-5, 2)
    assert parse_number_text(" 0.1 ") == Fraction(1, 10)
    assert parse_number_text("p", {"p": Fraction(3, 4)}) == Fraction(3, 4)
    assert parse_number_text("2p", {"p": Fraction(3, 4)}) == Fraction(3, 2)  # not plain: the parser reads it
    assert parse_number_text("1/3") == Fraction(1, 3)
    assert variants.condition_holds("p != 3", {"p": Fraction(2)})
    with pytest.raises(VariantError):
        parse_number_text("q", {"p": Fraction(1)})
    # Long numerals still go through the parser and its limits.
    with pytest.raises(VariantError):
        parse_number_text("9" * 5000)


def test_the_lesson_text_still_fills_every_placeholder(tmp_path) -> None:
    (tmp_path / "x.yaml").write_text(textwrap.dedent("""\
        id: x
        title: X
        summary: S
        pages: [{title: P, body: B}]
        exercises:
          - id: v
            type: value
            prompt: "What is {p} + 1? {nope}"
            compute: {expression: "p + 1"}
            params: {p: {randint: [1, 5]}}
            hints: [h]
        """), encoding="utf-8")
    report = validate_course(tmp_path, seeds=3)
    assert any("unknown placeholder {nope}" in str(e) for e in report.errors)


def test_a_derivative_is_worked_out_once(monkeypatch) -> None:
    import sympy as sp

    from tutor.core.maths import differentiate
    from tutor.core.maths.build import symbol
    from tutor.core.maths.errors import LimitError

    calls = []
    real = sp.diff
    monkeypatch.setattr(differentiate.sp, "diff", lambda *a: calls.append(a) or real(*a))
    differentiate.diff.cache_clear()
    x, y = symbol("x"), symbol("y")
    f = x**3 * y + sp.sin(x * y)
    first = differentiate.diff(f, x)
    assert differentiate.diff(f, x) is first and len(calls) == 1
    assert differentiate.diff(f, y) == x**3 + x * sp.cos(x * y) and len(calls) == 2
    # A refusal is not remembered as an answer: it is refused again.
    tower = x
    for _ in range(40):
        tower = tower * sp.sin(tower + x)
    for _ in range(2):
        with pytest.raises(LimitError):
            differentiate.diff(tower, x, order=3, cap=50)
