"""What Study.record returns to a screen, and how a checked answer's statement context is put together."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .progress import AnswerContext, ExerciseState, ReviewCard, Slip

if TYPE_CHECKING:
    from .lessons.instance import Instance
    from .maths.verdict import Verdict
    from .sheets.progress import ExerciseProgress, SheetProgress
    from .xapi.statements import SheetContext


@dataclass(frozen=True)
class Recorded:
    """One checked answer, as stored (or refused), for the screen to show.

    `warning`: the submit folder cannot be reached (given once per outage; the answer is safe
    here). `refusal`: why the answer did not count (sheet handed in, time up, no tries left);
    nothing was stored then. `sheet`: the sheet's progress after it, when it was for the sheet;
    `handed_in`: this answer finished the sheet (its "completed" statement is made). `card`: the
    review card this answer made (the exercise's first completion), with `rating`. `slip`: the
    named mistake it counted; `drill`: that slip, when this answer makes it worth a drill.
    """

    state: ExerciseState | None
    accepted: bool = True
    refusal: str | None = None
    warning: str | None = None
    sheet: SheetProgress | None = None
    handed_in: bool = False
    card: ReviewCard | None = None
    rating: int | None = None
    slip: Slip | None = None
    drill: Slip | None = None

    @property
    def solved(self) -> bool:
        """The exercise counts as solved now (what screens used to read from the state)."""
        return bool(self.state and self.state.solved)

    def exercise(self, lesson_id: str, exercise_id: str) -> ExerciseProgress | None:
        """This exercise in the sheet (status, tries left), when the answer was for a sheet."""
        return self.sheet.exercise(lesson_id, exercise_id) if self.sheet else None


def answer_context(instance: Instance, verdict: Verdict, lesson_title: str | None, duration_ms: float | None,
                   sheet: SheetContext | None) -> AnswerContext:
    """The statement's context: the activity's name, the feedback shown, a choice's letter and text."""
    response = choice_text = None
    if instance.shape == "choice" and verdict.interpreted and ") " in verdict.interpreted:
        # "b) Because y is held fixed": the response is the letter, the option's words go beside it.
        response, choice_text = verdict.interpreted.split(") ", 1)
    # Two exercises of a lesson can share a heading (∂f/∂x): the id tells them apart in a report.
    name = f"{lesson_title or instance.lesson_id}: {instance.title} ({instance.exercise_id})"
    return AnswerContext(exercise_name=name, message=verdict.message, duration_ms=duration_ms,
                         response=response, choice_text=choice_text, sheet=sheet, params=instance.params)
