"""The class report's model: learners, exercises, answer groups and misconceptions, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .responses import AnswerGroup
from .attempt import Attempt


@dataclass(frozen=True)
class LearnerRow:
    name: str
    group: str | None              # the class
    solved: int
    attempted: int
    items: int                     # the sheet's items (or every exercise met)
    answers: int
    wrong: int
    seconds: float
    hints: int
    solutions: int                 # exercises whose worked solution was shown
    last: datetime | None
    help_reasons: tuple[str, ...]  # why the learner may need help; empty when all is well
    verdict: str | None = None     # the sheet's "passed" or "failed" (cmi5), when the sheet has a mastery score

    @property
    def score(self) -> float:
        return self.solved / self.items if self.items else 0.0

    @property
    def needs_help(self) -> bool:
        return bool(self.help_reasons)


@dataclass(frozen=True)
class ExerciseRow:
    key: str                       # lesson/exercise
    title: str
    attempted: int                 # learners who answered it
    solved: int
    answers: int
    wrong: int
    median_tries: float | None     # per learner: tries until solved, or all tries when not solved
    median_seconds: float | None   # per learner: time on the exercise
    in_sheet: bool = True
    success_index: float | None = None    # WeBWorK's: mean score² / mean attempts (see stats.py)
    discrimination: float | None = None   # point-biserial with the rest of the sheet (see stats.py)
    discounted: str | None = None         # the teacher's note when it is left out of the scores

    @property
    def success_rate(self) -> float | None:
        return self.solved / self.attempted if self.attempted else None


@dataclass(frozen=True)
class Misconception:
    code: str
    count: int                                 # wrong answers with this diagnosis
    learners: tuple[str, ...]
    exercises: tuple[tuple[str, int], ...]     # (lesson/exercise, count), most first
    message: str | None                        # one sentence the checker gave for it


@dataclass(frozen=True)
class Cell:
    """One learner on one exercise: the row a spreadsheet wants."""

    learner: str
    exercise: str
    tries: int
    tries_to_solve: int            # tries up to the first right one (all tries when not solved)
    wrong: int
    solved: bool
    solution_shown: bool
    hints: int
    seconds: float
    first: datetime | None
    last: datetime | None
    last_response: str
    diagnoses: tuple[str, ...]


@dataclass
class Report:
    title: str
    learners: list[LearnerRow]
    exercises: list[ExerciseRow]               # hardest first
    groups: dict[str, list[AnswerGroup]]       # lesson/exercise -> wrong-answer groups, largest first
    misconceptions: list[Misconception]        # most frequent first
    cells: list[Cell]                          # learner × exercise, every pair
    attempts: list[Attempt]                    # every answer read, by time
    warnings: list[str] = field(default_factory=list)
    sheet: str | None = None
    files: int = 0
    seconds_to_build: float = 0.0
    completions: list = field(default_factory=list)            # finished sheets (Completion), by time
    variants: dict[str, list] = field(default_factory=dict)    # lesson/exercise -> VariantRow, per variant
    show_variants: bool = False                                # the formats show `variants` (asked for)
    recheck: object | None = None                              # a Recheck, when the answers were re-marked

    def learner(self, name: str) -> LearnerRow | None:
        return next((row for row in self.learners if row.name == name), None)

    def exercise(self, key: str) -> ExerciseRow | None:
        return next((row for row in self.exercises if row.key == key), None)

    def attempts_of(self, name: str) -> list[Attempt]:
        return [a for a in self.attempts if a.learner == name]

    @property
    def needing_help(self) -> list[LearnerRow]:
        return [row for row in self.learners if row.needs_help]
