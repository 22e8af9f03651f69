"""A sheet's items against a course: which exercises it holds, in order, and which names are unknown."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tutor.core.lessons.errors import LessonError
from tutor.core.lessons.files import bundled_lessons_dir

from .load import Sheet

Index = Mapping[str, Sequence[str]]  # lesson id -> its exercise ids, in order


@dataclass(frozen=True)
class SheetExercise:
    """One exercise of a sheet, and the item (0-based) that put it there."""

    item: int
    lesson_id: str
    exercise_id: str

    @property
    def key(self) -> str:
        return f"{self.lesson_id}/{self.exercise_id}"


def resolve(sheet: Sheet, index: Index) -> tuple[tuple[SheetExercise, ...], list[LessonError]]:
    """The sheet's exercises in order, or the errors: unknown lessons or exercises, repeats."""
    out: list[SheetExercise] = []
    errors: list[LessonError] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(sheet.file.items):
        if item.lesson is not None:
            if item.lesson not in index:
                errors.append(sheet.error(("items", i, "lesson"), _unknown_lesson(item.lesson, index)))
                continue
            found = [SheetExercise(i, item.lesson, e) for e in index[item.lesson]]
            if not found:
                errors.append(sheet.error(("items", i, "lesson"), f"the lesson '{item.lesson}' has no exercises"))
        else:
            lesson_id, exercise_id = item.exercise.split("/", 1)  # type: ignore[union-attr]
            if lesson_id not in index:
                errors.append(sheet.error(("items", i, "exercise"), _unknown_lesson(lesson_id, index)))
                continue
            if exercise_id not in index[lesson_id]:
                close = difflib.get_close_matches(exercise_id, list(index[lesson_id]), n=1, cutoff=0.6)
                errors.append(sheet.error(("items", i, "exercise"), (
                    f"the lesson '{lesson_id}' has no exercise '{exercise_id}'"
                    + (f"; did you mean '{close[0]}'?" if close else "")
                    + f" (its exercises: {', '.join(index[lesson_id])})")))
                continue
            found = [SheetExercise(i, lesson_id, exercise_id)]
        for entry in found:
            if entry.key in seen:
                where = ("items", i, "lesson" if item.lesson is not None else "exercise")
                errors.append(sheet.error(where, f"{entry.key} is already in the sheet (item {seen[entry.key] + 1})"))
            else:
                seen[entry.key] = i
                out.append(entry)
    return tuple(out), errors


def _unknown_lesson(lesson_id: str, index: Index) -> str:
    close = difflib.get_close_matches(lesson_id, list(index), n=1, cutoff=0.6)
    return (f"no lesson '{lesson_id}' in the course" + (f"; did you mean '{close[0]}'?" if close else "")
            + " (add its file or folder under lessons: to use your own)")


def sheet_roots(sheet: Sheet) -> list[Path]:
    """Where the sheet's lessons come from: the bundled course, then the sheet's own `lessons:`."""
    return [bundled_lessons_dir(), *sheet.lesson_paths]


def missing_roots(sheet: Sheet) -> list[LessonError]:
    return [sheet.error(("lessons", i), f"no such file or folder: {path}")
            for i, path in enumerate(sheet.lesson_paths) if not path.exists()]


def catalog_index(sheet: Sheet) -> dict[str, tuple[str, ...]]:
    """Lesson ids and exercise ids from a quick read of every root (no validation: milliseconds)."""
    from tutor.core.lessons.catalog import read_catalog

    index: dict[str, tuple[str, ...]] = {}
    for root in sheet_roots(sheet):
        for entry in read_catalog(root, memo=True):
            if entry.readable:
                index.setdefault(entry.id, entry.exercise_ids)
    return index


def sheet_catalog(sheet: Sheet):
    """The quick catalog of the sheet's course (for the first screen), every root in order."""
    from tutor.core.lessons.catalog import read_catalog

    return [entry for root in sheet_roots(sheet) for entry in read_catalog(root, memo=True)]


def sheet_course(sheet: Sheet, build: bool = False):
    """The sheet's course: the bundled lessons and the sheet's own, as one Course.

    A lesson id used by two roots is an error at the later one (the first is kept), so a teacher's
    copy of a bundled lesson must get its own id.
    """
    from tutor.core.lessons.loader import Course, error_at, load_course

    parts = [load_course(root, build=False) for root in sheet_roots(sheet) if root.exists()]
    lessons, broken, errors = [], [], [*missing_roots(sheet)]
    seen: dict[str, Path] = {}
    for part in parts:
        errors.extend(part.errors)
        broken.extend(part.broken)
        for lesson in part.lessons:
            if lesson.id in seen:
                errors.append(error_at(str(lesson.path), lesson.positions, ("id",),
                                       f"the lesson id '{lesson.id}' is also used by {seen[lesson.id]}"))
                continue
            seen[lesson.id] = lesson.path
            lessons.append(lesson)
    course = Course(sheet.path.parent, lessons, broken, errors)
    if build:
        course.build()
    return course


def course_index(course) -> dict[str, tuple[str, ...]]:
    """Lesson ids and their usable exercise ids, from a loaded course."""
    # broken_exercises holds the file's problems, and once built, the maths' problems too.
    return {lesson.id: tuple(m.id for i, m in enumerate(lesson.lesson.exercises)
                             if i not in lesson.duplicates and m.id not in lesson.broken_exercises)
            for lesson in course.lessons}
