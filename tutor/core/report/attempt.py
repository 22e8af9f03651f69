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
    params: tuple[tuple[str, str], ...] = ()  # the variant's parameters as shown (from the statement or rebuilt)
    registration: str | None = None           # the learner's run of the sheet (cmi5)

    @property
    def key(self) -> str:
        return f"{self.lesson}/{self.exercise}"

    @property
    def params_text(self) -> str:
        """a = 3, b = −2 (empty for an exercise without parameters)."""
        return ", ".join(f"{name} = {value}" for name, value in self.params)


@dataclass(frozen=True)
class Completion:
    """A learner finished a sheet (the "completed" statement), or was judged on it ("passed", "failed")."""

    learner: str
    sheet: str
    sheet_title: str | None
    score: float | None
    timestamp: datetime | None
    verb: str = "completed"        # completed, passed or failed
