"""Load a folder (or one file) of lessons: every problem located, no broken file stopping the rest."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from .conform import conform
from .errors import LessonError
from .exercises import LessonFile
from .files import (  # noqa: F401 - MAX_FILE_BYTES: sheets read theirs under the same cap
    MAX_FILE_BYTES,
    LessonFileError,
    bundled_lessons_dir,
    find_lessons,
    looks_like_sheet,
    read_lesson_text,
)
from .prerequisites import circles, describe
from .safetext import clean
from .titles import broken_title, readable_name, top_level_value
from .yamlpos import Positions, YamlProblem, load_with_positions

_BUILD_LOCK = threading.RLock()


@dataclass
class LoadedLesson:
    """A lesson whose file is valid. Its exercises' expressions are read on first use (sympy loads then)."""

    lesson: LessonFile
    path: Path
    positions: Positions
    broken_exercises: dict[str, list[LessonError]] = field(default_factory=dict)
    duplicates: set[int] = field(default_factory=set)  # indices of exercises whose id was already used
    problems: list[LessonError] = field(default_factory=list)  # wrong but shown anyway (control characters)
    _exercises: list | None = None

    @property
    def id(self) -> str:
        return self.lesson.id

    @property
    def title(self) -> str:
        return self.lesson.title

    @property
    def built(self) -> bool:
        """Whether the exercises' maths has been read (build() has run)."""
        return self._exercises is not None

    @property
    def exercises(self) -> list:
        """The usable exercises (ExerciseType objects); builds them on first access."""
        if self._exercises is None:
            self.build()
        return self._exercises  # type: ignore[return-value]

    def build(self) -> list[LessonError]:
        """Read every exercise's expressions; returns the problems found (also kept in broken_exercises).

        The app builds the whole course in the background while a screen may need one lesson now:
        the lock makes the second caller wait for the first build instead of making another.
        """
        with _BUILD_LOCK:
            return self._build()

    def _build(self) -> list[LessonError]:
        if self._exercises is not None:
            return []
        from .consistency import one_cause, quiet_mistakes
        from .types import exercise_type

        built, found = [], []
        shown = str(self.path)
        for index, model in enumerate(self.lesson.exercises):
            if index in self.duplicates:
                continue
            exercise = exercise_type(model, self.lesson.id)
            problems = one_cause([*exercise.problems, *quiet_mistakes(model, exercise)])
            if problems:
                errors = [error_at(shown, self.positions, ("exercises", index, *p.field), p.message)
                          for p in problems]
                self.broken_exercises[model.id] = errors
                found.extend(errors)
            else:
                built.append(exercise)
        self._exercises = built
        return found

    def exercise(self, exercise_id: str):
        return next((e for e in self.exercises if e.model.id == exercise_id), None)


@dataclass
class BrokenLesson:
    path: Path
    title: str                 # the title if it could be read, else the file name made readable
    errors: list[LessonError]
    id: str | None = None      # the id, if it could be read


@dataclass
class Course:
    root: Path
    lessons: list[LoadedLesson]
    broken: list[BrokenLesson]
    errors: list[LessonError]  # every problem found while loading, broken files included
    warnings: list[LessonError] = field(default_factory=list)  # files left out: links outside, not regular

    @property
    def empty_reason(self) -> str | None:
        """Why there is nothing to list (a path that is no folder, a folder without lessons), if so."""
        if self.lessons or self.broken or not self.errors:
            return None
        return str(self.errors[0])

    def lesson(self, lesson_id: str) -> LoadedLesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def build(self) -> list[LessonError]:
        """Read every exercise's maths (imports sympy); new problems are added to `errors`."""
        found = []
        for lesson in self.lessons:
            found.extend(lesson.build())
        self.errors.extend(found)
        return found


def load_course(path: Path | str | None = None, build: bool = True) -> Course:
    """Load every lesson file; with build=False the exercises' maths is read later (course.build())."""
    root = Path(path) if path is not None else bundled_lessons_dir()
    listing = find_lessons(root)
    if listing.problem is not None:
        return Course(root, [], [], [LessonError(str(root), None, None, listing.problem)])
    warnings = [LessonError(str(file), None, None, why) for file, why in listing.skipped]
    lessons, broken, errors = [], [], []
    for file in listing.files:
        result = load_lesson(file)
        if result is None:  # a lab sheet kept beside the lessons
            continue
        if isinstance(result, BrokenLesson):
            broken.append(result)
            errors.extend(result.errors)
        else:
            lessons.append(result)
            errors.extend(result.problems)
            for problems in result.broken_exercises.values():
                errors.extend(problems)
    if not lessons and not broken:
        errors.append(LessonError(str(root), None, None, "no lessons here: a lesson is a file ending in .yaml or "
                                                         ".yml (see the authoring guide, lessons/README.md)"))
    errors.extend(_cross_checks(lessons, broken))
    course = Course(root, lessons, broken, errors, warnings)
    if build:
        course.build()
    return course


def load_lesson(path: Path) -> LoadedLesson | BrokenLesson | None:
    """The lesson in `path`; None when the file is a lab sheet, not a lesson."""
    shown = str(path)
    try:
        text = read_lesson_text(path)
    except LessonFileError as error:
        return BrokenLesson(path, readable_name(path), [LessonError(shown, None, None, str(error))])
    try:
        data, positions = load_with_positions(text)
    except YamlProblem as problem:
        error = LessonError(shown, problem.line, problem.column, problem.message)
        return BrokenLesson(path, broken_title(path, text), [error], top_level_value(text, "id"))
    if looks_like_sheet(data):
        return None
    errors = [LessonError(shown, line, col, message) for line, col, message in positions.problems]
    errors += [LessonError(shown, line, col, f"the key '{key}' appears twice in this mapping; YAML keeps only the "
                                             "last one: remove or rename one of them")
               for key, line, col in positions.duplicates]
    lesson_id = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    if not isinstance(data, dict):
        errors.append(LessonError(shown, 1, 1, "a lesson file is a mapping with id, title, summary, pages, exercises"))
        return BrokenLesson(path, broken_title(path, text, data), errors, lesson_id)
    lesson, problems = conform(data, LessonFile)
    # In the order of the file, so a teacher can work down it (missing keys sit at their mapping).
    found = [error_at(shown, positions, p.path, p.message) for p in problems]
    errors = sorted(errors + found, key=lambda e: (e.line or 0, e.column or 0))
    if lesson is None or len(errors) > len(positions.problems):
        return BrokenLesson(path, broken_title(path, text, data), errors, lesson_id)
    # Only cleaned control characters are wrong: the lesson is shown (cleaned) and validate fails.
    loaded = LoadedLesson(lesson, path, positions, problems=errors)
    seen: set[str] = set()
    for index, model in enumerate(lesson.exercises):
        if model.id in seen:
            loaded.duplicates.add(index)
            loaded.broken_exercises.setdefault(model.id, []).append(error_at(
                shown, positions, ("exercises", index, "id"), f"the exercise id '{model.id}' is used twice in this lesson"))
        seen.add(model.id)
    return loaded


def error_at(path: str, positions: Positions, loc: tuple, message: str) -> LessonError:
    place = positions.find(loc)
    return LessonError(path, place[0] if place else None, place[1] if place else None, message)


def _cross_checks(lessons: list[LoadedLesson], broken: list[BrokenLesson]) -> list[LessonError]:
    errors = []
    by_id: dict[str, LoadedLesson] = {}
    for lesson in lessons:
        if lesson.id in by_id:
            errors.append(error_at(str(lesson.path), lesson.positions, ("id",),
                              f"the lesson id '{lesson.id}' is also used by {clean(by_id[lesson.id].path.name)}"))
        by_id.setdefault(lesson.id, lesson)
    # A lesson that requires a broken file's id is not wrong: the broken file is (and says so).
    reported = {b.id for b in broken if b.id}
    for lesson in lessons:
        for i, needed in enumerate(lesson.lesson.requires):
            if needed not in by_id and needed not in reported:
                errors.append(error_at(str(lesson.path), lesson.positions, ("requires", i),
                                  f"requires '{needed}', which no lesson has as its id"))
    for lesson_id, index, circle in circles({i: lesson.lesson.requires for i, lesson in by_id.items()}):
        lesson = by_id[lesson_id]
        errors.append(error_at(str(lesson.path), lesson.positions, ("requires", index),
                          f"prerequisites go round in a circle: {describe(circle)}"))
    return errors
