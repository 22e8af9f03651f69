"""A learner's course: lessons joined with their progress, as the screens show them.

Pure core: the app asks this for rows, variants and where to continue, and tells it each checked
answer; the progress store underneath writes every answer as it is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lessons.instance import Instance
from .lessons.loader import Course, LoadedLesson
from .maths.verdict import Verdict
from .progress import ExerciseState, Position, ProgressStore

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


class Study:
    def __init__(self, course: Course, store: ProgressStore) -> None:
        self.course = course
        self.store = store

    # -- lessons ----------------------------------------------------------------------------------
    def exercise_ids(self, lesson: LoadedLesson) -> list[str]:
        if lesson._exercises is not None:
            return [e.model.id for e in lesson.exercises]
        return [m.id for i, m in enumerate(lesson.lesson.exercises)
                if i not in lesson.duplicates and m.id not in lesson.broken_exercises]

    def rows(self) -> list[LessonRow]:
        summaries = {}
        for lesson in self.course.lessons:
            summaries[lesson.id] = self.store.lesson_summary(lesson.id, self.exercise_ids(lesson))
        rows = []
        for lesson in self.course.lessons:
            s = summaries[lesson.id]
            missing = tuple(
                self.course.lesson(r).title for r in lesson.lesson.requires
                if r in summaries and summaries[r].fraction_solved < PREREQUISITE_MET
            )
            rows.append(LessonRow(lesson.id, lesson.title, lesson.lesson.summary, s.solved, s.total, s.mastery,
                                  missing, None, len(lesson.broken_exercises)))
        for broken in self.course.broken:
            first = broken.errors[0] if broken.errors else None
            rows.append(LessonRow(f"broken:{broken.path.name}", broken.title, "", 0, 0, 0.0, (),
                                  str(first) if first else "cannot be read"))
        return rows

    def continue_target(self) -> Position | None:
        """Where the learner left off, if that lesson (and exercise) still exists."""
        position = self.store.last_position()
        if position is None:
            return None
        lesson = self.course.lesson(position.lesson_id)
        if lesson is None:
            return None
        if position.exercise_id and position.exercise_id not in self.exercise_ids(lesson):
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
