"""The exercise types' checkers: how an instance of each type is made, checked and proved right.

Their fields are in ../exercises.py (no sympy there); a checker is imported when first needed.
"""

from __future__ import annotations

from importlib import import_module

from ..exercises import REGISTRY
from .base import ExerciseError, ExerciseType, Problem_


def checker_class(kind: str) -> type[ExerciseType]:
    module, _, name = REGISTRY[kind][1].partition(":")
    return getattr(import_module(module), name)


def exercise_type(model, lesson_id: str) -> ExerciseType:
    return checker_class(model.type)(model, lesson_id)


__all__ = ["ExerciseError", "ExerciseType", "Problem_", "checker_class", "exercise_type"]
