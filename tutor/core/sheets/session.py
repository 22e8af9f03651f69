"""One learner working through one sheet: variants, what may still be answered, progress, handing in."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from tutor.core.progress import ProgressStore, SheetRun
from tutor.core.xapi.statements import SheetContext

from .load import Sheet
from .progress import ExerciseProgress, ItemProgress, SheetProgress
from .resolve import SheetExercise
from .seeds import variant_seed


class SheetSession:
    """A sheet opened by the learner of `store`: every answer to it goes through Study.record.

    Opening starts the learner's run once (a test's time limit counts from the first opening, so
    restarting the tutor gives no extra time). The run finishes when every exercise is done, when
    the time is up, or when the learner hands it in (finish); then one "completed" statement is made.
    """

    def __init__(self, sheet: Sheet, exercises: Sequence[SheetExercise], store: ProgressStore, *,
                 lesson_titles: Mapping[str, str] | None = None, submit: Path | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.sheet = sheet
        self.exercises = tuple(exercises)
        self.store = store
        self.titles = dict(lesson_titles or {})
        self.submit = submit
        self.clock = clock
        self.run: SheetRun = store.start_sheet(self.context, sheet.mode)
        self._seeds = {(e.lesson_id, e.exercise_id): variant_seed(sheet.id, store.learner.name, e.lesson_id,
                                                                    e.exercise_id) for e in self.exercises}

    @property
    def context(self) -> SheetContext:
        return SheetContext(self.sheet.id, self.sheet.title, self.sheet.class_name)

    @property
    def mode(self) -> str:
        """The attempts' mode: test, or study."""
        return "test" if self.sheet.test else "study"

    @property
    def help_allowed(self) -> bool:
        """Hints and worked solutions: in study sheets only."""
        return not self.sheet.test

    def seed(self, lesson_id: str, exercise_id: str) -> int | None:
        """This learner's variant of the exercise, or None when the sheet does not have it."""
        return self._seeds.get((lesson_id, exercise_id))

    def covers(self, lesson_id: str, exercise_id: str, seed: int) -> bool:
        """An answer to this variant counts for the sheet (another variant is practice outside it)."""
        return self._seeds.get((lesson_id, exercise_id)) == seed

    def time_left(self) -> float | None:
        limit = self.sheet.time_limit_s
        if limit is None:
            return None
        return max(0.0, self.run.started_at + limit - self.clock())

    def refusal(self, lesson_id: str, exercise_id: str) -> str | None:
        """Why an answer to this exercise cannot count now, or None when it can."""
        progress = self.progress()
        if progress.finished:
            return "This sheet is handed in: answers no longer count."
        exercise = progress.exercise(lesson_id, exercise_id)
        if exercise is not None and exercise.status == "out of tries":
            return f"No tries left on this exercise (the sheet allows {self.sheet.tries})."
        return None

    def progress(self) -> SheetProgress:
        """Where the learner stands; a test whose time is up is handed in first (at the limit)."""
        if not self.run.finished and self.time_left() == 0.0:
            self.finish(at=self.run.started_at + (self.sheet.time_limit_s or 0.0))
        tallies = self.store.sheet_tallies(self.sheet.id)
        items = []
        for index, item in enumerate(self.sheet.file.items):
            mine = [self._exercise_progress(e, tallies.get((e.lesson_id, e.exercise_id)))
                    for e in self.exercises if e.item == index]
            items.append(ItemProgress(index, self._label(item), tuple(mine)))
        due = self.sheet.due
        time_left = self.time_left() if not self.run.finished else None
        return SheetProgress(self.sheet.id, self.sheet.title, self.sheet.mode, tuple(items), self.run.started_at,
                             self.run.finished_at, time_left, due,
                             overdue=due is not None and datetime.fromtimestamp(self.clock()) > due)

    def after_answer(self) -> SheetProgress:
        """The progress after an answer; hands the sheet in when every exercise is done."""
        progress = self.progress()
        if not progress.finished and progress.all_done:
            self.finish()
            progress = self.progress()
        return progress

    def finish(self, at: float | None = None) -> SheetRun:
        """Hand the sheet in (once): the "completed" statement records the score (and "passed" or
        "failed" follows it when the sheet has a mastery score)."""
        if not self.run.finished:
            tallies = self.store.sheet_tallies(self.sheet.id)
            solved = sum(1 for e in self.exercises if (t := tallies.get((e.lesson_id, e.exercise_id))) and t.solved)
            self.run = self.store.finish_sheet(self.sheet.id, solved, len(self.exercises), finished_at=at,
                                               submit=self.submit, mastery=self.sheet.file.mastery)
        return self.run

    def _exercise_progress(self, entry: SheetExercise, tally) -> ExerciseProgress:
        limit = self.sheet.tries
        tries = tally.tries if tally else 0
        if tally is None:
            status = "todo"
        elif tally.solved:
            status = "solved"
        elif tally.correct:
            status = "completed"
        elif limit is not None and tries >= limit:
            status = "out of tries"
        else:
            status = "tried"
        left = None if limit is None else max(0, limit - tries) if status in ("todo", "tried") else 0
        return ExerciseProgress(entry.item, entry.lesson_id, entry.exercise_id,
                                self._seeds[(entry.lesson_id, entry.exercise_id)], status, tries, left)

    def _label(self, item) -> str:
        if item.lesson is not None:
            return self.titles.get(item.lesson, item.lesson)
        lesson_id, exercise_id = item.exercise.split("/", 1)
        return f"{self.titles.get(lesson_id, lesson_id)}: {exercise_id}"
