"""Validator rules that keep answers where they belong: never in an example, a placeholder, an author's
typical mistake, or the lesson's summary on the home screen.

"e.g. 2x + y" beside ∂f/∂x of x² + xy + y², or "e.g. (4, 5)" beside ∇f(1, 2), hands the learner the
answer; so does a summary that prints ∂f/∂x = 2x + y before the exercise asks for it.
"""

from __future__ import annotations

import re

from tutor.core.maths.errors import MathsError

from .errors import LessonError
from .loader import LoadedLesson, error_at
from .types.base import ExerciseError, Problem_

_EXAMPLE = re.compile(r"(?:e\.g\.|for example|such as)\s*`?([^`.;:!?\n]+?)`?(?=[.;:!?\n]|$|\s+(?:or|and)\s)", re.I)


def answer_problems(exercise, instance, seed: int) -> list[Problem_]:
    """Variant `seed` (already proved right): an example or a named typical mistake that is its answer.

    Called by validation while it checks the seed, so the variant's work is not done twice."""
    model = exercise.model
    if exercise.kind in ("choice", "descent"):
        return []
    for example in _EXAMPLE.findall(instance.prompt):
        if instance.accepts(example.strip()):
            return [Problem_(("prompt",), f"the prompt's example '{example.strip()}' is the answer (variant {seed})")]
    if instance.input_example is None and instance.shape in ("expression", "number", "numbers"):
        return [Problem_(("prompt",), "every example the answer box could show is the answer")]
    known = exercise.known(exercise.values(seed)) if model.mistakes else ()
    for i, (mistake, k) in enumerate(zip(model.mistakes, known)):
        if _right(instance, k):
            return [Problem_(("mistakes", i, "answer"), f"the typical mistake '{mistake.answer}' is the right "
                                                        f"answer in variant {seed}")]
    return []


def _right(instance, known) -> bool:
    from tutor.core.maths.render import render

    text = render(known.values[0]) if len(known.values) == 1 else "(" + ", ".join(map(render, known.values)) + ")"
    return instance.accepts(text)


def _normal(text: str) -> str:
    """Maths as text, spelled one way: σ → sigmoid, − → -, no ·, no space beside an operator."""
    for a, b in (("σ", "sigmoid"), ("−", "-"), ("·", ""), ("*", ""), ("²", "^2")):
        text = text.replace(a, b)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s*([-+=(),/^])\s*", r"\1", text)


def summary_rule(lesson: LoadedLesson) -> list[LessonError]:
    """The home screen shows the summary: it must not print an exercise's answer (a short answer only
    after "=", and not inside O(…): "O(h²)" names an order, not the h² an exercise works out)."""
    summary = _normal(lesson.lesson.summary or "")
    for model in lesson.lesson.exercises:
        exercise = lesson.exercise(model.id)
        if exercise is None or exercise.kind in ("choice", "descent") or model.params:
            continue
        try:
            expected = exercise.instance(0).expected
        except (ExerciseError, MathsError):
            continue  # reported as the exercise's own error
        answer = _normal(expected)
        short = len(answer) < 3
        found = re.search(rf"(?<![A-Za-z0-9])(?<!O\(){re.escape(answer)}(?![A-Za-z0-9(^])", summary)
        if answer and found and (not short or summary[:found.start()].endswith("=")):
            return [error_at(str(lesson.path), lesson.positions, ("summary",),
                             f"the summary shows the answer of exercise '{model.id}' "
                             f"({expected}); the home screen prints it before the exercise")]
    return []
