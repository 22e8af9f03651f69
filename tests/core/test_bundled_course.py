"""The bundled course: it loads, it validates, its figures come out, and every exercise checks right and wrong."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tutor.core.lessons.loader import load_course
from tutor.core.lessons.prose import render_prose, unknown_commands
from tutor.core.lessons.validate import validate_course


@pytest.fixture(scope="module")
def course():
    return load_course()


def exercises(course):
    return [(lesson, e) for lesson in course.lessons for e in lesson.exercises]


def test_the_course_loads_without_errors(course) -> None:
    assert course.errors == [] and course.broken == []
    ids = [lesson.id for lesson in course.lessons]
    for needed in ("why-partials", "core-idea", "basic-example", "gradient-vector", "quadratic-example",
                   "mse-loss", "numerical-partials", "gradient-descent", "practice"):
        assert needed in ids
    assert ids.index("why-partials") < ids.index("core-idea") < ids.index("practice")


def test_the_course_is_big_enough_and_complete(course) -> None:
    items = exercises(course)
    assert len(items) >= 60
    assert sum(bool(e.model.params) for _, e in items) >= 20
    kinds = Counter(e.kind for _, e in items)
    assert set(kinds) >= {"derivative", "gradient", "value", "expression", "choice", "descent"}
    for lesson in course.lessons:
        assert len(lesson.exercises) >= 2, lesson.id
        assert lesson.lesson.pages, lesson.id
    for lesson, e in items:
        assert e.model.hints, f"{lesson.id}/{e.model.id} has no hints"


def test_validate_proves_the_whole_course() -> None:
    report = validate_course(seeds=5)
    assert report.ok, [str(e) for e in report.errors]


def _expected_values(course) -> set[str]:
    # Floats show exactly as Python prints them (ASCII minus); other values with the unicode minus.
    return {e.instance(0).expected.replace(" ", "").replace("−", "-") for _, e in exercises(course) if e.kind == "value"}


@pytest.mark.parametrize("figure", ["4", "3", "(4,5)", "(-4,-2)", "2.0000000000131024", "-4.000000000026205",
                                    "(1.6,0.8)"])
def test_the_notes_figures_come_out_of_the_tutor(course, figure) -> None:
    assert figure in _expected_values(course)


def test_every_page_and_prompt_renders_without_raw_latex(course) -> None:
    for lesson in course.lessons:
        texts = [page.body for page in lesson.lesson.pages]
        for e in lesson.exercises:
            instance = e.instance(0)
            texts += [instance.prompt, *instance.hints, instance.solution or ""]
        for text in texts:
            assert unknown_commands(text) == [], (lesson.id, text[:60])
            assert not re.search(r"\\[A-Za-z]+", render_prose(text)), (lesson.id, text[:60])


def _entries(instance, wrong: bool = False) -> str:
    """Every blank of a hand computation as typed in one answer (the quiz's way), the last one off by 1."""
    values = [instance.hand.value(b.key) for b in instance.hand.blanks]
    if wrong:
        values[-1] = tuple(v + 1 for v in values[-1])
    return "; ".join(f"({', '.join(repr(v) for v in vs)})" if len(vs) > 1 else repr(vs[0]) for vs in values)


def _wrong(instance) -> str:
    """An answer that must be wrong for this instance."""
    if instance.shape == "entries":
        return _entries(instance, wrong=True)
    if instance.shape == "matrix":
        return instance.expected.replace("[[", "[[1 + ", 1)
    if instance.shape == "choice":
        return next("abcdefgh"[i] for i, c in enumerate(instance.choices) if not c.correct)
    if instance.shape in ("number", "numbers", "vector"):
        parts = _components(instance.expected)
        return "(" + ", ".join(f"({p}) + 1" for p in parts) + ")" if len(parts) > 1 else f"({parts[0]}) + 1"
    return f"({instance.expected}) + 1"


def _components(text: str) -> list[str]:
    """The components of "(a, b)" split at its top-level commas (a component may hold brackets)."""
    inner = text[1:-1] if text.startswith("(") and text.endswith(")") else text
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        depth += ch in "([" and 1 or ch in ")]" and -1 or 0
        if ch == "," and depth == 0:
            parts.append(inner[start:i].strip())
            start = i + 1
    parts.append(inner[start:].strip())
    if depth != 0 or len(parts) == 1:
        return [text]
    return parts


def _right(instance) -> str:
    if instance.shape == "entries":
        return _entries(instance)
    if instance.shape == "choice":
        return instance.expected.split(")")[0]
    return instance.expected


def test_every_exercise_accepts_its_answer_and_rejects_a_wrong_one(course) -> None:
    for lesson, e in exercises(course):
        instance = e.instance(0)
        if instance.shape == "steps":
            continue  # descent by hand: checked step by step below
        right = instance.check(_right(instance))
        assert right.correct, f"{lesson.id}/{e.model.id}: {instance.expected!r} → {right.message}"
        wrong = instance.check(_wrong(instance))
        assert wrong.status == "incorrect", f"{lesson.id}/{e.model.id}: {_wrong(instance)!r} → {wrong.message}"


def test_descent_by_hand_step_by_step(course) -> None:
    for lesson, e in exercises(course):
        if e.kind != "descent":
            continue
        instance = e.instance(0)
        names = instance.component_names
        previous = None
        for step in instance.descent.steps:
            text = ", ".join(f"{n} = {v!r}" for n, v in zip(names, step.after))
            verdict = instance.descent.check_step(step.index, text, previous)
            assert verdict.correct, f"{lesson.id}/{e.model.id} step {step.index}: {verdict.message}"
            wrong = ", ".join(f"{n} = {v + 1!r}" for n, v in zip(names, step.after))
            assert instance.descent.check_step(step.index, wrong, previous).status == "incorrect"
            previous = step.after


def test_variants_differ_and_stay_checkable(course) -> None:
    randomised = [(lesson, e) for lesson, e in exercises(course) if e.model.params]
    for lesson, e in randomised[:12]:
        prompts = {e.instance(seed).prompt for seed in range(6)}
        assert len(prompts) > 1, f"{lesson.id}/{e.model.id} shows the same prompt for every seed"
        instance = e.instance(3)
        if instance.shape not in ("steps",):
            assert instance.check(_right(instance)).correct, f"{lesson.id}/{e.model.id}"


@pytest.mark.parametrize("figure", ["6.4", "−0.09", "(−19,−13,−9)", "(0.9,0.1)", "(0.75,0.5)", "(3.31,3.01)",
                                    "(3.0301,3.0001)", "0.09999999999999999"])
def test_the_ml_depth_figures_come_out_of_the_tutor(course, figure) -> None:
    shown = {e.instance(0).expected.replace(" ", "") for _, e in exercises(course)}
    assert figure in shown
