"""What the report reads from a statement: one checked answer, or one finished sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Attempt:
    """One checked answer: who, which exercise, what was typed, the verdict and its context."""

    learner: str
    lesson: str
    exercise: str
    success: bool
    response: str
    title: str = ""
    diagnosis: str | None = None
    diagnosis_known: bool = False   # the statement said what the diagnosis was (even "none")
    try_number: int | None = None
    hints: int = 0
    solution_shown: bool = False
    seed: int | None = None
    mode: str | None = None
    message: str | None = None
    seconds: float | None = None
    timestamp: datetime | None = None
    sheet: str | None = None
    sheet_title: str | None = None
    group: str | None = None        # the class, from contextActivities.grouping
    choice_text: str | None = None
    where: str = ""                 # file:line it came from

    @property
    def key(self) -> str:
        return f"{self.lesson}/{self.exercise}"


@dataclass(frozen=True)
class Completion:
    """A learner finished a sheet (the "completed" statement)."""

    learner: str
    sheet: str
    sheet_title: str | None
    score: float | None
    timestamp: datetime | None
