"""A sheet as a learner sees it: each item and exercise with its status and score, tries, time left."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Status = Literal["todo", "tried", "solved", "completed", "out of tries"]
DONE: frozenset[str] = frozenset({"solved", "completed", "out of tries"})


@dataclass(frozen=True)
class ExerciseProgress:
    """One exercise of the sheet for this learner.

    status: todo (not answered), tried (answered, not right yet, tries left), solved (right without
    the solution), completed (right after seeing the solution: done, scores 0), out of tries (test).
    """

    item: int            # the sheet item (0-based) it belongs to
    lesson_id: str
    exercise_id: str
    seed: int            # this learner's variant
    status: Status
    tries: int           # graded answers given in this sheet
    tries_left: int | None  # None: unlimited (study mode)

    @property
    def key(self) -> str:
        return f"{self.lesson_id}/{self.exercise_id}"

    @property
    def done(self) -> bool:
        return self.status in DONE

    @property
    def score(self) -> float:
        return 1.0 if self.status == "solved" else 0.0


@dataclass(frozen=True)
class ItemProgress:
    """One line of the sheet: a whole lesson or one exercise."""

    index: int
    label: str           # the lesson's title, or "lesson title: exercise id"
    exercises: tuple[ExerciseProgress, ...]

    @property
    def solved(self) -> int:
        return sum(e.status == "solved" for e in self.exercises)

    @property
    def total(self) -> int:
        return len(self.exercises)

    @property
    def score(self) -> float:
        return self.solved / self.total if self.total else 0.0

    @property
    def status(self) -> Literal["todo", "in progress", "done"]:
        if all(e.done for e in self.exercises):
            return "done"
        return "todo" if all(e.status == "todo" for e in self.exercises) else "in progress"


@dataclass(frozen=True)
class SheetProgress:
    """The whole sheet for one learner, at one moment."""

    sheet_id: str
    title: str
    mode: str
    items: tuple[ItemProgress, ...]
    started_at: float
    finished_at: float | None
    time_left: float | None    # seconds, test mode with a time limit; 0 once it is up
    due: datetime | None
    overdue: bool

    @property
    def exercises(self) -> tuple[ExerciseProgress, ...]:
        return tuple(e for item in self.items for e in item.exercises)

    @property
    def solved(self) -> int:
        return sum(item.solved for item in self.items)

    @property
    def total(self) -> int:
        return sum(item.total for item in self.items)

    @property
    def score(self) -> float:
        return self.solved / self.total if self.total else 0.0

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def all_done(self) -> bool:
        return all(e.done for e in self.exercises)

    def exercise(self, lesson_id: str, exercise_id: str) -> ExerciseProgress | None:
        return next((e for e in self.exercises if (e.lesson_id, e.exercise_id) == (lesson_id, exercise_id)), None)
