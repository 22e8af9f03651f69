"""The `descent` exercise type: gradient descent by hand, checked step by step, slips named."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tutor.core.lessons.exercises import DescentModel
from tutor.core.lessons.loader import load_course
from tutor.core.lessons.schema import lesson_schema
from tutor.core.lessons.types.descent import DescentExercise
from tutor.core.lessons.validate import validate_course

LESSON = """\
id: by-hand
title: Descent by hand
summary: Two steps, then the lab.
exercises:
  - id: course
    type: descent
    prompt: "Two steps on {loss} from {start}, lr = {lr}."
    loss: (wx + b - y)^2
    data: {x: [2], y: [4]}
    start: {w: 0, b: 0}
    lr: 0.1
    steps: 2
    hints: ["∂L/∂w = 2(wx + b − y)x"]
  - id: half
    type: descent
    prompt: "Two steps with lr {lr}."
    loss: (wx + b - y)^2
    data: {x: [2], y: [4]}
    start: {w: 0, b: 0}
    lr: 0.05
    steps: 2
  - id: three-points
    type: descent
    prompt: "One step of the MSE over three points."
    loss: (wx + b - y)^2
    data: {x: [1, 2, 3], y: [2, 4, 5]}
    start: {w: 0, b: 0}
    lr: 0.1
    steps: 1
  - id: one-parameter
    type: descent
    prompt: "Two steps on {loss}."
    loss: (2w - 4)^2
    start: {w: 0}
    lr: 0.05
    steps: 2
  - id: variant
    type: descent
    prompt: "Two steps with x = {a}."
    loss: (wx + b - y)^2
    data: {x: [a], y: [4]}
    start: {w: 0, b: 0}
    lr: 1/20
    steps: 2
    params:
      a: {randint: [1, 3]}
"""


def write(folder: Path, text: str, name: str = "01-by-hand.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def course(tmp_path):
    return load_course(write(tmp_path / "lessons", LESSON))


def instance(course, exercise_id: str, seed: int = 0):
    return course.lesson("by-hand").exercise(exercise_id).instance(seed)


def code(verdict) -> str | None:
    return verdict.diagnosis.code if verdict.diagnosis else None


def test_the_type_is_registered_validated_and_in_the_schema(tmp_path) -> None:
    report = validate_course(write(tmp_path / "lessons", LESSON), seeds=5)
    assert report.ok, [str(e) for e in report.errors]
    assert report.counts["descent"] == 5
    schema = str(lesson_schema())
    assert "DescentModel" in schema and "lab_steps" in schema


def test_the_course_figure_by_hand(course) -> None:
    inst = instance(course, "course")
    assert inst.shape == "steps" and inst.component_names == ("w", "b")
    steps = inst.descent.steps
    assert [s.after for s in steps] == [(1.6, 0.8), (1.6, 0.8)]
    assert steps[0].gradient == (-16.0, -8.0) and steps[0].loss_before == 16.0 and steps[0].loss_after == 0.0
    assert steps[0].updates == ("w ← 0 − 0.1·(−16) = 1.6", "b ← 0 − 0.1·(−8) = 0.8")
    assert "L(w, b) = (w·x + b − y)² with x = 2, y = 4" in inst.prompt
    lab = inst.descent.lab
    assert (lab.loss, lab.data, lab.params, lab.start, lab.lr, lab.steps, lab.ahead, lab.title) == (
        "(wx + b - y)^2", {"x": [2.0], "y": [4.0]}, ("w", "b"), {"w": 0.0, "b": 0.0}, 0.1, 20, 2,
        "L(w, b) = (w·x + b − y)² with x = 2, y = 4")
    assert inst.descent.partials[0] == "∂L/∂w = 2·x·(b + w·x − y)"
    assert "**Step 2**" in inst.descent.solution(None) and "∂L/∂b" in inst.descent.solution(None)


@pytest.mark.parametrize("text", ["w = 0.8, b = 0.4", "(0.8, 0.4)", "0.8, 0.4", "b = 0.4, w = 0.8",
                                  "w = 0 - 0.05*(-16), b = 0.4", "(0.80, 0.401)"])
def test_right_steps_in_every_form(course, text) -> None:
    verdict = instance(course, "half").descent.check_step(1, text)
    assert verdict.status == "correct", verdict.message
    assert "w ← 0 − 0.05·(−16) = 0.8" in verdict.message


@pytest.mark.parametrize(("text", "diagnosis", "words"), [
    ("w = -0.8, b = -0.4", "wrong-sign", "up the gradient"),
    ("(16, 8)", "forgot-lr", "left out the learning rate"),
    ("(-16, -8)", "sign-and-lr", "minus sign and the learning rate"),
    ("(0, 0)", "no-step", "where this step starts"),
    ("(0.08, 0.04)", "wrong-rate", "learning rate of 0.005, not 0.05"),
    ("(0.4, 0.4)", "wrong-gradient", "dropped a chain-rule factor"),
    ("(0.4, 0.8)", "swapped-components", "wrong order"),
    ("(0.7, 0.4)", "wrong-gradient", "implies ∂L/∂w = −14"),
    ("w = 0.8, b = -0.4", "wrong-sign", "In b: you moved up the gradient"),
])
def test_wrong_steps_are_named(course, text, diagnosis, words) -> None:
    verdict = instance(course, "half").descent.check_step(1, text)
    assert verdict.status == "incorrect"
    assert code(verdict) == diagnosis, verdict.message
    assert words in verdict.message


def test_the_second_step_from_the_first(course) -> None:
    check = instance(course, "half").descent.check_step
    assert check(2, "(1.2, 0.6)").status == "correct"
    stale = check(2, "(1.6, 0.8)")  # −lr·∇L of the start again, from (0.8, 0.4)
    assert code(stale) == "stale-gradient" and "(w, b) = (0.8, 0.4)" in stale.message
    assert code(check(2, "(8.8, 4.4)")) == "forgot-lr"


def test_a_rounded_step_carries_forward(course) -> None:
    descent = instance(course, "three-points").descent
    # ∇L at (0, 0) over three points is (−2·(2 + 8 + 15)/3, −2·11/3) = (−16.67, −7.33)
    assert [round(g, 4) for g in descent.steps[0].gradient] == [-16.6667, -7.3333]
    assert descent.check_step(1, "(1.667, 0.733)").status == "correct"
    summed = descent.check_step(1, "(5, 2.2)")
    assert code(summed) == "sum-not-mean" and "averages" in summed.message


def test_one_parameter(course) -> None:
    inst = instance(course, "one-parameter")
    check = inst.descent.check_step
    assert inst.descent.steps[0].after == (0.8,)
    assert check(1, "0.8").status == "correct" and check(1, "w = 0.8").status == "correct"
    assert code(check(1, "-0.8")) == "wrong-sign"
    assert code(check(1, "16")) == "forgot-lr"
    assert check(1, "b = 0.8").status == "invalid"


def test_answers_that_are_not_numbers_are_invalid(course) -> None:
    check = instance(course, "half").descent.check_step
    assert check(1, "q = 1, b = 2").status == "invalid"
    assert check(1, "(1, 2, 3)").status == "invalid"
    assert check(1, "w = b, b = 0.4").status == "invalid"
    assert check(1, "(0.8").status == "invalid"


def test_all_steps_at_once_for_screens_that_ask_once(course) -> None:
    inst = instance(course, "half")
    assert inst.check("(0.8, 0.4); (1.2, 0.6)").status == "correct"
    wrong = inst.check("(0.8, 0.4)\n(1.6, 0.8)")
    assert wrong.status == "incorrect" and wrong.message.startswith("Step 2:")
    assert inst.check("(0.8, 0.4)").status == "invalid"
    assert inst.expected == "step 1: w = 0.8, b = 0.4; step 2: w = 1.2, b = 0.6"


def test_variants_differ_and_put_params_into_the_data(course) -> None:
    afters = {instance(course, "variant", seed).descent.steps[0].after for seed in range(12)}
    assert len(afters) > 1
    for seed in range(6):
        inst = instance(course, "variant", seed)
        a = dict(inst.params)["a"]
        assert f"x = {a}" in inst.prompt
        assert inst.descent.steps[0].after[0] == pytest.approx(0.05 * 2 * 4 * int(a))


@pytest.mark.parametrize(("body", "fragment"), [
    ("loss: ln(w)\n    start: {w: 0}\n    lr: 0.1", "undefined at the start"),
    ("loss: w^8\n    start: {w: 100}\n    lr: 10\n    steps: 3", "not a finite number"),
    ("loss: w^2\n    start: {w: 1, b: 0}\n    lr: 0.1", "parameter b does not occur in the loss"),
    ("loss: w^2 + q\n    start: {w: 1}\n    lr: 0.1", "cannot read"),
    ("loss: w^2\n    start: {w: 1}\n    lr: 0", "learning rate"),
    ("loss: (wx - y)^2\n    data: {x: [1, 2], y: [1]}\n    start: {w: 1}\n    lr: 0.1", "equal length"),
    ("loss: w^2\n    start: {w: 1}\n    lr: 0.1\n    steps: 3\n    lab_steps: 2", "at least steps"),
])
def test_validate_reports_broken_descents(tmp_path, body, fragment) -> None:
    text = f"id: broken\ntitle: t\nsummary: s\nexercises:\n  - id: e\n    type: descent\n    prompt: p\n    {body}\n"
    report = validate_course(write(tmp_path / "lessons", text), seeds=2)
    assert not report.ok
    assert any(fragment in str(e) for e in report.errors), [str(e) for e in report.errors]


def test_model_defaults() -> None:
    model = DescentModel(id="e", prompt="p", loss="w^2", start={"w": 1}, lr=0.1)  # the type is the struct's tag
    assert model.type == "descent"
    assert (model.steps, model.lab_steps, model.function_name) == (2, 20, "L")
    exercise = DescentExercise(model, "l")
    assert not exercise.problems
    assert exercise.instance(0).descent.tolerance == "±0.005 or ±0.1%"
