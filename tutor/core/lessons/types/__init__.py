"""The exercise types. Adding one is a model and a checker here, nothing else.

Each entry maps the YAML `type:` to (the pydantic model of its fields, the class that makes and
validates its instances). The lesson file model's `exercises` list is the union of these models.
"""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from ..models import Lesson
from .base import ExerciseError, ExerciseType, Problem_
from .calculus import (DerivativeExercise, DerivativeModel, ExpressionExercise, ExpressionModel,
                       GradientExercise, GradientModel)
from .choice import ChoiceExercise, ChoiceModel
from .value import ValueExercise, ValueModel

REGISTRY: dict[str, tuple[type, type[ExerciseType]]] = {
    "derivative": (DerivativeModel, DerivativeExercise),
    "gradient": (GradientModel, GradientExercise),
    "value": (ValueModel, ValueExercise),
    "expression": (ExpressionModel, ExpressionExercise),
    "choice": (ChoiceModel, ChoiceExercise),
}

Exercise = Annotated[Union[tuple(model for model, _ in REGISTRY.values())], Field(discriminator="type")]  # noqa: UP007


class LessonFile(Lesson):
    """A lesson file as the loader validates it."""

    exercises: list[Exercise] = Field(default_factory=list)  # type: ignore[valid-type]


def exercise_type(model, lesson_id: str) -> ExerciseType:
    return REGISTRY[model.type][1](model, lesson_id)


__all__ = ["REGISTRY", "LessonFile", "ExerciseError", "ExerciseType", "Problem_", "exercise_type"]
