"""The quiz's small records: a question, an answer as given, and a question's outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..maths.verdict import Status

if TYPE_CHECKING:
    from ..lessons.instance import Instance

SEED_RANGE = 1_000_000  # variant seeds a quiz draws from; study mode uses the small ones first
UNANSWERED = "—"


@dataclass(frozen=True)
class Question:
    """One exercise of one lesson, in one variant."""

    lesson_id: str
    exercise_id: str
    seed: int
    order: int = 0  # 0: a choice question's options as written; else the seed of a shuffled order


@dataclass(frozen=True)
class Answer:
    """The latest graded answer to a question of a run."""

    text: str       # as typed (a choice is its letter)
    shown: str      # as the summary shows it ("b) Towards the steepest decrease.")
    status: Status
    tries: int      # graded tries used so far


@dataclass(frozen=True)
class Outcome:
    """One row of the summary: a question with the answer given and the right one."""

    number: int
    question: Question
    lesson_title: str
    title: str                     # the instance's heading (∂f/∂x), or the exercise id
    answer: str                    # as shown, or UNANSWERED
    expected: str
    correct: bool
    tries: int
    instance: Instance | None      # None when the variant could not be built
