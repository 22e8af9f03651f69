"""Load a folder (or one file) of lessons: every problem located, no broken file stopping the rest."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from .conform import conform
from .errors import LessonError
from .exercises import LessonFile
from .files import bundled_lessons_dir, lesson_files, looks_like_sheet
from .yamlpos import Positions, YamlProblem, load_with_positions

MAX_FILE_BYTES = 1_000_000
_BUILD_LOCK = threading.RLock()


@dataclass
class LoadedLesson:
    """A lesson whose file is valid. Its exercises' expressions are read on first use (sympy loads then)."""

    lesson: LessonFile
    path: Path
    positions: Positions
    broken_exercises: dict[str, list[LessonError]] = field(default_factory=dict)
    duplicates: set[int] = field(default_factory=set)  # indices of exercises whose id was already used
    _exercises: list | None = None

    @property
    def id(self) -> str:
        return self.lesson.id

    @property
    def title(self) -> str:
        return self.lesson.title

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
        from .types import exercise_type

        built, found = [], []
        shown = str(self.path)
        for index, model in enumerate(self.lesson.exercises):
            if index in self.duplicates:
                continue
            exercise = exercise_type(model, self.lesson.id)
            if exercise.problems:
                errors = [error_at(shown, self.positions, ("exercises", index, *p.field), p.message)
                          for p in exercise.problems]
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
    title: str                 # the title if it could be read, else the file name
    errors: list[LessonError]


@dataclass
class Course:
    root: Path
    lessons: list[LoadedLesson]
    broken: list[BrokenLesson]
    errors: list[LessonError]  # every problem found while loading, broken files included

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
    if not root.exists():
        error = LessonError(str(root), None, None, "no such file or folder")
        return Course(root, [], [], [error])
    lessons, broken, errors = [], [], []
    for file in lesson_files(root):
        result = load_lesson(file)
        if result is None:  # a lab sheet kept beside the lessons
            continue
        if isinstance(result, BrokenLesson):
            broken.append(result)
            errors.extend(result.errors)
        else:
            lessons.append(result)
            for problems in result.broken_exercises.values():
                errors.extend(problems)
    errors.extend(_cross_checks(lessons))
    course = Course(root, lessons, broken, errors)
    if build:
        course.build()
    return course


def load_lesson(path: Path) -> LoadedLesson | BrokenLesson | None:
    """The lesson in `path`; None when the file is a lab sheet, not a lesson."""
    shown = str(path)
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            return BrokenLesson(path, path.stem, [LessonError(shown, None, None, "the file is over 1 MB")])
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return BrokenLesson(path, path.stem, [LessonError(shown, None, None, f"cannot read the file: {error}")])
    try:
        data, positions = load_with_positions(text)
    except YamlProblem as problem:
        return BrokenLesson(path, path.stem, [LessonError(shown, problem.line, problem.column, problem.message)])
    if looks_like_sheet(data):
        return None
    errors = [LessonError(shown, line, col, f"the key '{key}' appears twice")
              for key, line, col in positions.duplicates]
    if not isinstance(data, dict):
        errors.append(LessonError(shown, 1, 1, "a lesson file is a mapping with id, title, summary, pages, exercises"))
        return BrokenLesson(path, path.stem, errors)
    lesson, problems = conform(data, LessonFile)
    # In the order of the file, so a teacher can work down it (missing keys sit at their mapping).
    found = [error_at(shown, positions, p.path, p.message) for p in problems]
    errors += sorted(found, key=lambda e: (e.line or 0, e.column or 0))
    title = data.get("title") if isinstance(data.get("title"), str) else path.stem
    if errors:
        return BrokenLesson(path, title, errors)
    loaded = LoadedLesson(lesson, path, positions)
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


def _cross_checks(lessons: list[LoadedLesson]) -> list[LessonError]:
    errors = []
    by_id: dict[str, LoadedLesson] = {}
    for lesson in lessons:
        if lesson.id in by_id:
            errors.append(error_at(str(lesson.path), lesson.positions, ("id",),
                              f"the lesson id '{lesson.id}' is also used by {by_id[lesson.id].path.name}"))
        by_id.setdefault(lesson.id, lesson)
    for lesson in lessons:
        for i, needed in enumerate(lesson.lesson.requires):
            if needed not in by_id:
                errors.append(error_at(str(lesson.path), lesson.positions, ("requires", i),
                                  f"requires '{needed}', which no lesson has as its id"))
    errors.extend(_cycles(by_id))
    return errors


def _cycles(by_id: dict[str, LoadedLesson]) -> list[LessonError]:
    state: dict[str, int] = {}  # 1 visiting, 2 done
    errors = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for needed in by_id[node].lesson.requires:
            if needed not in by_id:
                continue
            if state.get(needed) == 1:
                cycle = trail[trail.index(needed):] + [needed] if needed in trail else [node, needed]
                lesson = by_id[node]
                errors.append(error_at(str(lesson.path), lesson.positions, ("requires",),
                                  f"prerequisites go round in a circle: {' → '.join(cycle)}"))
            elif state.get(needed) is None:
                visit(needed, trail + [needed])
        state[node] = 2

    for lesson_id in by_id:
        if state.get(lesson_id) is None:
            visit(lesson_id, [lesson_id])
    return errors
