"""The hand-written review cases (hand_review.yaml) put through the checker a learner's answer meets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tutor.core.lessons.loader import load_course

CASES = Path(__file__).with_name("hand_review.yaml")


@dataclass(frozen=True)
class Case:
    exercise: str
    seed: int
    at: int | str | None   # a descent step, a blank's key, or None
    answer: str
    want: tuple[str, ...]  # ("correct",) or the diagnosis codes that name the slip

    @property
    def id(self) -> str:
        where = "" if self.at is None else f"@{self.at}"
        return f"{self.exercise}#{self.seed}{where}:{self.answer}"


def cases() -> list[Case]:
    rows = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return [Case(ex, seed, at, str(answer), tuple(want.split("|"))) for ex, seed, at, answer, want in rows]


@lru_cache(maxsize=1)
def _exercises() -> dict[str, object]:
    return {f"{lesson.id}/{e.model.id}": e for lesson in load_course().lessons for e in lesson.exercises}


def verdict(case: Case):
    """The verdict the learner sees for this answer, by the path the screens use."""
    instance = _exercises()[case.exercise].instance(case.seed)
    if isinstance(case.at, int):  # a descent step, after the right steps before it
        previous = instance.descent.steps[case.at - 2].after if case.at > 1 else None
        return instance.descent.check_step(case.at, case.answer, previous)
    if isinstance(case.at, str):  # a blank, after the right blanks before it
        keys = [b.key for b in instance.hand.judge.blanks]
        k = keys.index(case.at) + 1
        return instance.hand.check(k, case.answer, [instance.hand.value(key) for key in keys[:k - 1]])
    return instance.check(case.answer)
