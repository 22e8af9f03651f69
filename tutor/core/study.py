"""A learner's course: lessons joined with their progress, as the screens show them.

Pure core: the app asks this for rows, variants and where to continue, and tells it each checked
answer; the progress store underneath writes every answer as it is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from .progress import ExerciseState, Position, ProgressStore

if TYPE_CHECKING:  # the catalog view must not import the full loader (validation) on the first paint
    from .lessons.catalog import CatalogEntry
    from .lessons.instance import Instance
    from .lessons.loader import Course, LoadedLesson
    from .maths.verdict import Verdict

PREREQUISITE_MET = 0.5  # a prerequisite counts as studied once half its exercises are solved


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

    @property
    def fraction(self) -> float:
        return self.solved / self.total if self.total else 0.0


@dataclass(frozen=True)
class _Listing:
    """What the home screen needs of a lesson, from the full course or the quick catalog."""

    id: str
    title: str
    summary: str
    requires: tuple[str, ...]
    exercise_ids: tuple[str, ...]
    broken: str | None = None
    broken_exercises: int = 0


class Study:
    """The course (once loaded; before that, the quick catalog) and the learner's progress."""

    def __init__(self, course: Course | None, store: ProgressStore,
                 catalog: list[CatalogEntry] | None = None) -> None:
        self.course = course
        self.store = store
        self.catalog = catalog or []

    @property
    def ready(self) -> bool:
        """Lessons can be opened (the full course is loaded, not just listed)."""
        return self.course is not None

    # -- lessons ----------------------------------------------------------------------------------
    def exercise_ids(self, lesson: LoadedLesson) -> list[str]:
        if lesson._exercises is not None:
            return [e.model.id for e in lesson.exercises]
        return [m.id for i, m in enumerate(lesson.lesson.exercises)
                if i not in lesson.duplicates and m.id not in lesson.broken_exercises]

    def _listings(self) -> list[_Listing]:
        if self.course is None:
            return [_Listing(e.id, e.title, e.summary, e.requires, e.exercise_ids,
                             None if e.readable else "this file cannot be read as YAML")
                    for e in self.catalog]
        out = [_Listing(lesson.id, lesson.title, lesson.lesson.summary, tuple(lesson.lesson.requires),
                        tuple(self.exercise_ids(lesson)), None, len(lesson.broken_exercises))
               for lesson in self.course.lessons]
        for broken in self.course.broken:
            first = broken.errors[0] if broken.errors else None
            out.append(_Listing(f"broken:{broken.path.name}", broken.title, "", (), (),
                                str(first) if first else "cannot be read"))
        return out

    def rows(self) -> list[LessonRow]:
        listings = self._listings()
        summaries = {item.id: self.store.lesson_summary(item.id, item.exercise_ids)
                     for item in listings if not item.broken}
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
                                  missing, None, item.broken_exercises))
        return rows

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

    def continue_target(self) -> Position | None:
        """Where the learner left off, if that lesson (and exercise) still exists."""
        position = self.store.last_position()
        if position is None:
            return None
        listing = next((item for item in self._listings() if item.id == position.lesson_id and not item.broken), None)
        if listing is None:
            return None
        if position.exercise_id and position.exercise_id not in listing.exercise_ids:
            return Position(position.lesson_id, 0, None, position.updated_at)
        return position

    # -- exercises --------------------------------------------------------------------------------
    def state(self, lesson_id: str, exercise_id: str) -> ExerciseState:
        return self.store.exercise_state(lesson_id, exercise_id)

    def study_seed(self, lesson_id: str, exercise_id: str) -> int:
        """A new variant each time the learner has solved the exercise, the same one until then."""
        return self.state(lesson_id, exercise_id).correct

    def instance(self, lesson_id: str, exercise_id: str, seed: int) -> Instance:
        lesson = self.course.lesson(lesson_id)
        if lesson is None:
            raise KeyError(lesson_id)
        exercise = lesson.exercise(exercise_id)
        if exercise is None:
            raise KeyError(exercise_id)
        return exercise.instance(seed)

    def record(self, instance: Instance, answer: str, verdict: Verdict, mode: str = "study") -> ExerciseState:
        return self.store.record_attempt(
            instance.lesson_id, instance.exercise_id, seed=instance.seed, answer=answer,
            verdict=verdict.status, diagnosis=verdict.diagnosis.code if verdict.diagnosis else None,
            method=verdict.method, mode=mode, elapsed_ms=verdict.ms,
        )
