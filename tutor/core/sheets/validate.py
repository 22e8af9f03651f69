"""`tutor validate SHEET`: the sheet's own checks, every item found, every exercise built for learners' seeds."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from tutor.core.lessons.errors import LessonError

from .load import Sheet, load_sheet
from .resolve import SheetExercise, resolve, sheet_course
from .seeds import variant_seed


@dataclass
class SheetReport:
    path: Path
    sheet: Sheet | None
    exercises: tuple[SheetExercise, ...]
    errors: list[LessonError]
    seconds: float
    seeds: int = 0
    lessons: dict[str, str] = field(default_factory=dict)  # lesson id -> title, of the lessons used

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        sheet = self.sheet
        return {
            "sheet": None if sheet is None else {
                "id": sheet.id, "title": sheet.title, "class": sheet.class_name, "mode": sheet.mode,
                "tries": sheet.tries, "time_limit_minutes": sheet.file.time_limit, "due": sheet.file.due,
                "submit": None if sheet.submit_dir is None else str(sheet.submit_dir), "path": str(self.path)},
            "exercises": [{"item": e.item + 1, "lesson": e.lesson_id, "exercise": e.exercise_id}
                          for e in self.exercises],
            "errors": [e.to_json() for e in self.errors],
        }


def validate_sheet(path: Path | str, seeds: int = 20) -> SheetReport:
    """Everything wrong with the sheet, located; its exercises are built for `seeds` learners' variants."""
    started = time.perf_counter()
    path = Path(path)
    sheet, errors = load_sheet(path)
    if sheet is None:
        return SheetReport(path, None, (), errors, time.perf_counter() - started)
    course = sheet_course(sheet, build=True)
    errors = list(course.errors)
    # Resolved against every exercise the files declare, so a broken one is named as broken, not unknown.
    declared = {lesson.id: tuple(m.id for m in lesson.lesson.exercises) for lesson in course.lessons}
    exercises, problems = resolve(sheet, declared)
    errors.extend(problems)
    for entry in exercises:
        lesson = course.lesson(entry.lesson_id)
        where = ("items", entry.item)
        if entry.exercise_id in lesson.broken_exercises:
            first = lesson.broken_exercises[entry.exercise_id][0]
            errors.append(sheet.error(where, f"{entry.key} cannot be used: {first}"))
            continue
        exercise = lesson.exercise(entry.exercise_id)
        sample = [variant_seed(sheet.id, f"learner {k}", entry.lesson_id, entry.exercise_id) for k in range(seeds)]
        for problem in exercise.validate(sample if exercise.model.params else sample[:1]):
            errors.append(sheet.error(where, f"{entry.key}: {problem.message}"))
    titles = {e.lesson_id: course.lesson(e.lesson_id).title for e in exercises}
    return SheetReport(path, sheet, exercises, errors, time.perf_counter() - started, seeds, titles)
