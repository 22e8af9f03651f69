"""A learner's course: lessons joined with their progress, as the screens show them.

Pure core: the app asks this for rows, variants and where to continue, and tells it each checked
answer; the progress store underneath writes every answer as it is checked.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .answering import Answering
from .next_step import PREREQUISITE_MET, WhatNext
from .progress import ExerciseState, Learner, Position, ProgressStore

if TYPE_CHECKING:  # the catalog view must not import the full loader (validation) on the first paint
    from .lessons.catalog import CatalogEntry
    from .lessons.course_map import CourseMap
    from .lessons.instance import Instance
    from .lessons.loader import Course, LoadedLesson
    from .results.outbox import Outbox
    from .sheets.session import SheetSession



@dataclass(frozen=True)
class LessonRow:
    id: str
    title: str
    summary: str
    solved: int
    total: int
    mastery: float
    missing: tuple[str, ...] = ()    # titles of prerequisites not studied yet (a note, never a lock)
    broken: str | None = None        # why the file cannot be used
    broken_exercises: int = 0        # exercises left out because of errors
    holding: int = 0                 # exercises whose spaced reviews are holding (ReviewCard.holding)

    @property
    def fraction(self) -> float:
        return self.solved / self.total if self.total else 0.0

    @property
    def mastered(self) -> bool:
        """Every exercise solved, and every one's reviews holding (see the help's "Mastery")."""
        return bool(self.total) and self.solved == self.total and self.holding == self.total


@dataclass(frozen=True)
class Listing:
    """What the home screen needs of a lesson, from the full course or the quick catalog."""

    id: str
    title: str
    summary: str
    requires: tuple[str, ...]
    exercise_ids: tuple[str, ...]
    broken: str | None = None
    broken_exercises: int = 0
    track: str | None = None  # the track this lesson starts (lessons/course_map.py)


class Study(Answering, WhatNext):
    """The course (once loaded; before that, the quick catalog) and one learner's progress.

    Answers are recorded through Answering.record (answering.py): one call per checked answer;
    what to do next (due reviews, continue, slips) is WhatNext's (next_step.py).
    """

    def __init__(self, course: Course | None, store: ProgressStore,
                 catalog: list[CatalogEntry] | None = None, *, sheet: SheetSession | None = None,
                 submit: Path | None = None, outbox: Outbox | None = None) -> None:
        """`store` is one learner's; `sheet` the lab sheet being worked on (same learner); `submit`
        the submit folder every checked answer is also written to (default: the sheet's)."""
        self.course = course
        self.store = store
        self.catalog = catalog or []
        self.sheet: SheetSession | None = None
        self.submit = submit
        self.outbox = outbox
        if sheet is not None or submit is not None:
            self.open_sheet(sheet, submit)
        self._saving_failed = False  # a notice was given that answers are only held in memory
        self._shown: dict[tuple[str, str, int], float] = {}  # when each variant was put on screen
        self._lock = threading.Lock()

    def open_sheet(self, sheet: SheetSession | None, submit: Path | None = None) -> None:
        """Work on a lab sheet from now on (the screens open it once the course is read); `submit`:
        the submit folder every checked answer also goes to (default: the sheet's)."""
        if sheet is not None and sheet.store.learner.id != self.store.learner.id:
            raise ValueError("the sheet was opened by another learner")
        self.sheet = sheet
        if submit is None and sheet is not None:
            submit = sheet.submit
        self.submit = submit
        if submit is not None and self.outbox is None:
            from .results.outbox import Outbox

            self.outbox = Outbox(self.store.db)

    @property
    def learner(self) -> Learner:
        """Who is studying: every read and write here is theirs."""
        return self.store.learner

    @property
    def ready(self) -> bool:
        """Lessons can be opened (the full course is loaded, not just listed)."""
        return self.course is not None

    def load(self, course: Course) -> None:
        """The full course has been read: lessons can be opened from now on."""
        self.course = course

    def save_notice(self) -> tuple[str, bool] | None:
        """(message, is a problem) once when saving to disk starts failing and once when it works
        again; None otherwise. The answers themselves are never lost meanwhile (see the store)."""
        held = self.store.held
        if held and not self._saving_failed:
            self._saving_failed = True
            return (f"Your answers cannot be saved to disk right now ({self.store.failure}). They are "
                    "kept and will be saved as soon as the disk allows: keep the tutor open.", True)
        if not held and self._saving_failed:
            self._saving_failed = False
            return ("Everything you did is saved to disk again.", False)
        return None

    # -- lessons ----------------------------------------------------------------------------------
    def exercise_ids(self, lesson: LoadedLesson) -> list[str]:
        if lesson._exercises is not None:
            return [e.model.id for e in lesson.exercises]
        return [m.id for i, m in enumerate(lesson.lesson.exercises)
                if i not in lesson.duplicates and m.id not in lesson.broken_exercises]

    def _listings(self) -> list[Listing]:
        if self.course is None:
            return [Listing(e.id, e.title, e.summary, e.requires, e.exercise_ids,
                             None if e.readable else "this file cannot be read as YAML", track=e.track)
                    for e in self.catalog]
        out = [Listing(lesson.id, lesson.title, lesson.lesson.summary, tuple(lesson.lesson.requires),
                        tuple(self.exercise_ids(lesson)), None, len(lesson.broken_exercises), lesson.lesson.track)
               for lesson in self.course.lessons]
        for broken in self.course.broken:
            first = broken.errors[0] if broken.errors else None
            out.append(Listing(f"broken:{broken.path.name}", broken.title, "", (), (),
                                str(first) if first else "cannot be read"))
        return out

    def rows(self) -> list[LessonRow]:
        listings = self._listings()
        summaries = {item.id: self.store.lesson_summary(item.id, item.exercise_ids)
                     for item in listings if not item.broken}
        holding = self.store.holding()
        titles = {item.id: item.title for item in listings}
        rows = []
        for item in listings:
            if item.broken:
                rows.append(LessonRow(item.id, item.title, "", 0, 0, 0.0, (), item.broken))
                continue
            s = summaries[item.id]
            missing = tuple(titles[r] for r in item.requires
                            if r in summaries and summaries[r].fraction_solved < PREREQUISITE_MET)
            rows.append(LessonRow(item.id, item.title, item.summary, s.solved, s.total, s.mastery,
                                  missing, None, item.broken_exercises,
                                  sum((item.id, e) in holding for e in item.exercise_ids)))
        return rows

    def course_map(self) -> CourseMap:
        """The course's tracks and prerequisite trees (lessons/course_map.py), numbered as rows() are."""
        from .lessons.course_map import MapLesson, course_map

        return course_map([MapLesson(item.id, item.title, item.requires, item.track, number)
                           for number, item in enumerate(self._listings(), 1) if not item.broken])

    def title(self, lesson_id: str) -> str | None:
        return next((item.title for item in self._listings() if item.id == lesson_id), None)

    def describe(self, position: Position) -> str:
        """'Lesson title, exercise 2 of 7' or 'Lesson title, page 3'."""
        listing = next((item for item in self._listings() if item.id == position.lesson_id), None)
        if listing is None:
            return position.lesson_id
        if position.exercise_id and position.exercise_id in listing.exercise_ids:
            number = listing.exercise_ids.index(position.exercise_id) + 1
            return f"{listing.title}, exercise {number} of {len(listing.exercise_ids)}"
        return f"{listing.title}, page {(position.page or 0) + 1}"

    # -- exercises --------------------------------------------------------------------------------
    def state(self, lesson_id: str, exercise_id: str) -> ExerciseState:
        return self.store.exercise_state(lesson_id, exercise_id)

    def exercise_kind(self, lesson_id: str, exercise_id: str) -> str | None:
        """The exercise's type (derivative, choice, descent, …) from its file, without building it."""
        lesson = self.course.lesson(lesson_id) if self.course is not None else None
        model = next((m for m in lesson.lesson.exercises if m.id == exercise_id), None) if lesson else None
        return getattr(model, "type", None)

    def exercise_ids_of(self, lesson_id: str) -> list[str]:
        lesson = self.course.lesson(lesson_id) if self.course is not None else None
        return self.exercise_ids(lesson) if lesson is not None else []

    def work(self, instance: Instance) -> tuple[str, ...]:
        """Answers already accepted on this very variant (descent steps done by hand), oldest first."""
        kept = self.store.work(instance.lesson_id, instance.exercise_id)
        return kept.answers if kept is not None and kept.seed == instance.seed else ()

    def save_work(self, instance: Instance, answers: tuple[str, ...]) -> None:
        if answers:
            self.store.save_work(instance.lesson_id, instance.exercise_id, instance.seed, answers)
        else:
            self.store.clear_work(instance.lesson_id, instance.exercise_id)

    def study_seed(self, lesson_id: str, exercise_id: str) -> int:
        """In a sheet, the learner's own variant; else a new one each time the exercise is solved."""
        if self.sheet is not None and (seed := self.sheet.seed(lesson_id, exercise_id)) is not None:
            return seed
        return self.state(lesson_id, exercise_id).correct

    def instance(self, lesson_id: str, exercise_id: str, seed: int) -> Instance:
        lesson = self.course.lesson(lesson_id)
        if lesson is None:
            raise KeyError(lesson_id)
        exercise = lesson.exercise(exercise_id)
        if exercise is None:
            # Left out when its maths was read (a reference too large to evaluate): say why, not its id.
            problems = lesson.broken_exercises.get(exercise_id)
            if problems:
                raise ValueError(f"its lesson file has an error: {problems[0]}")
            raise KeyError(exercise_id)
        instance = exercise.instance(seed)
        self.shown(instance)
        return instance
