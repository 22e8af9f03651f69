"""The bundled course (or another) as the report needs it: exercises, their variants and instances.

An answer is judged against the variant the learner saw: rebuilt from the lesson id, the exercise
id and the seed in the statement. Exercises without params have one variant whatever the seed, so
their instance is built once; a randomised exercise gets one instance per variant actually met.
"""

from __future__ import annotations

from pathlib import Path


class CourseSource:
    """Looks exercises up in a lessons folder (and a sheet's extra lessons); what is missing is None."""

    def __init__(self, lessons: Path | str | None = None, extra: tuple[Path, ...] = ()) -> None:
        self.lessons = lessons
        self.extra = tuple(extra)
        self._courses: list | None = None
        self._instances: dict[tuple, object] = {}
        self._exercises: dict[tuple[str, str], object] = {}
        self._variants: dict[tuple, object] = {}

    @property
    def courses(self) -> list:
        if self._courses is None:
            from tutor.core.lessons.loader import load_course

            self._courses = [load_course(self.lessons, build=False)]
            self._courses += [load_course(path, build=False) for path in self.extra]
        return self._courses

    def lesson(self, lesson_id: str):
        return next((found for c in self.courses if (found := c.lesson(lesson_id)) is not None), None)

    def model(self, lesson_id: str, exercise_id: str):
        """The exercise as its lesson file states it (no maths read: cheap)."""
        lesson = self.lesson(lesson_id)
        if lesson is None:
            return None
        return next((m for m in lesson.lesson.exercises if m.id == exercise_id), None)

    def exercise(self, lesson_id: str, exercise_id: str):
        """The usable exercise, or None; only this exercise's maths is read (not its whole lesson's)."""
        key = (lesson_id, exercise_id)
        if key not in self._exercises:
            model = self.model(lesson_id, exercise_id)
            exercise = None
            if model is not None:
                from tutor.core.lessons.types import exercise_type

                exercise = exercise_type(model, lesson_id)
                if exercise.problems:  # broken in the lesson file: the report groups its answers by text
                    exercise = None
            self._exercises[key] = exercise
        return self._exercises[key]

    def lesson_exercises(self, lesson_id: str) -> list[str]:
        lesson = self.lesson(lesson_id)
        return [m.id for m in lesson.lesson.exercises] if lesson is not None else []

    def variant(self, lesson_id: str, exercise_id: str, seed: int | None) -> tuple[tuple, str | None, tuple] | None:
        """(a key equal for equal variants, the params as text, the params as (name, shown value)
        pairs) or None when it cannot be known."""
        key = (lesson_id, exercise_id, seed)
        if key not in self._variants:  # a learner's wrong answers to one exercise share its seed
            self._variants[key] = self._variant(lesson_id, exercise_id, seed)
        return self._variants[key]

    def _variant(self, lesson_id: str, exercise_id: str, seed: int | None):
        model = self.model(lesson_id, exercise_id)
        if model is None:
            return None
        if not model.params:
            return (), None, ()
        if seed is None:
            return None
        from tutor.core.lessons.variants import VariantError, draw_params

        try:  # the same draw as the exercise's own (ExerciseType.values), without reading its maths
            values = draw_params(model.params, model.where, seed, f"{lesson_id}/{exercise_id}")
        except VariantError:
            return None
        from tutor.core.maths.verdict import format_number

        pairs = tuple((k, format_number(v)) for k, v in values.items())  # as the exercise shows them
        return tuple(sorted(values.items())), ", ".join(f"{k} = {v}" for k, v in pairs), pairs

    def params(self, lesson_id: str, exercise_id: str, seed: int | None) -> tuple[tuple[str, str], ...]:
        """The variant's parameters as the learner saw them, rebuilt from the seed (empty when unknown)."""
        variant = self.variant(lesson_id, exercise_id, seed)
        return variant[2] if variant is not None else ()

    def instance(self, lesson_id: str, exercise_id: str, seed: int | None):
        """The instance of this variant (built once per variant), or None."""
        variant = self.variant(lesson_id, exercise_id, seed)
        if variant is None:
            return None
        key = (lesson_id, exercise_id, variant[0])
        if key not in self._instances:
            exercise = self.exercise(lesson_id, exercise_id)
            try:
                self._instances[key] = exercise.instance(seed or 0) if exercise is not None else None
            except Exception:  # noqa: BLE001 - same: the report groups this exercise by text instead
                self._instances[key] = None
        return self._instances[key]
