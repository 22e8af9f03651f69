"""The `choice` type: a conceptual question with exactly one right option and a reason for each."""

from __future__ import annotations

import random
import string
from dataclasses import replace

from tutor.core.maths.verdict import Verdict

from ..instance import Choice, Instance
from .base import ExerciseType, Problem_


class ChoiceExercise(ExerciseType):
    kind = "choice"

    def instance(self, seed: int):
        choices = tuple(Choice(o.text, o.correct, o.explanation) for o in self.model.options)
        right = next(i for i, c in enumerate(choices) if c.correct)
        return self.base_instance(
            seed, {}, title="Choose one", shows=None, expected=f"{string.ascii_lowercase[right]}) {choices[right].text}",
            shape="choice", variables=(), choices=choices, checker=lambda text: judge(choices, text),
        )

    def validate_variant(self, seed: int) -> list[Problem_]:
        texts = [o.text.strip().lower() for o in self.model.options]
        if len(set(texts)) != len(texts):
            return [Problem_(("options",), "two options have the same text")]
        return []


def pick(choices: tuple[Choice, ...], text: str) -> int | None:
    """Which option the text names: 2, b, b), or the option's own words."""
    text = text.strip().rstrip(")").strip().lower()
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return int(text) - 1
    if len(text) == 1 and text in string.ascii_lowercase[: len(choices)]:
        return string.ascii_lowercase.index(text)
    for i, c in enumerate(choices):
        if c.text.strip().lower() == text:
            return i
    return None


def judge(choices: tuple[Choice, ...], text: str) -> Verdict:
    index = pick(choices, text)
    letters = string.ascii_lowercase[: len(choices)]
    if index is None:
        return Verdict("invalid", "parse", f"Choose one option: {letters[0]}–{letters[-1]} (or 1–{len(choices)}).")
    chosen = choices[index]
    shown = f"{letters[index]}) {chosen.text}"
    if chosen.correct:
        return Verdict("correct", "choice", f"Correct. {chosen.explanation}", interpreted=shown)
    return Verdict("incorrect", "choice", f"Not this one. {chosen.explanation}", interpreted=shown)


def shuffled(instance: Instance, order_seed: int) -> Instance:
    """The same question with its options in another order (a retry must not be answered by letter).

    Seeded, so the same question shows the same order each time it is built.
    """
    order = list(range(len(instance.choices)))
    random.Random(f"options:{order_seed}").shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]  # a shuffle that changes nothing would defeat the purpose
    choices = tuple(instance.choices[i] for i in order)
    right = next(i for i, c in enumerate(choices) if c.correct)
    return replace(instance, choices=choices, checker=lambda text: judge(choices, text),
                   expected=f"{string.ascii_lowercase[right]}) {choices[right].text}")
