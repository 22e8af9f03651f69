"""Validator rules on an exercise's wording: the function's name and the kind of derivative it asks for.

A prompt that asks for ∂L/∂w while the exercise's messages say ∂f/∂w (no `function_name: L`) shows
two names for one thing; ∂ for a function of one variable is a partial of nothing.
"""

from __future__ import annotations

import re

from .errors import LessonError
from .loader import LoadedLesson, error_at

# ∂L/∂w, \frac{\partial L}{\partial w}, \partial L / \partial w, dL/dp, \frac{dL}{dp}
_NAMED = (re.compile(r"∂\s*([A-Za-z])\s*/\s*∂"), re.compile(r"\\partial\s*([A-Za-z])\s*\}?\s*\{?\s*/?\s*\\partial"),
          re.compile(r"\\frac\{d([A-Za-z])\}\{d[a-z]\}"), re.compile(r"(?<![A-Za-z])d([A-Za-z])/d[a-z](?![A-Za-z])"))
_PARTIAL = re.compile(r"∂|\\partial")
KINDS = ("derivative", "gradient", "value")


def prose_rules(lesson: LoadedLesson) -> list[LessonError]:
    errors = []
    for index, model in enumerate(lesson.lesson.exercises):
        if model.type not in KINDS or getattr(getattr(model, "compute", None), "kind", "") == "expression":
            continue  # a constant's messages name no function
        where = ("exercises", index, "prompt")
        names = {m for pattern in _NAMED for m in pattern.findall(model.prompt)}
        # f_x (a partial, differentiated again) is named from f: ∂f/∂x in its prompt is no mismatch
        if names and model.function_name not in names and model.function_name[0] not in names:
            named = sorted(names)[0]
            errors.append(error_at(str(lesson.path), lesson.positions, where,
                                   f"exercise '{model.id}': the prompt names the function {named} (as in ∂{named}/∂…) "
                                   f"but its messages say {model.function_name}: set function_name: {named}"))
        exercise = lesson.exercise(model.id)
        variables = getattr(exercise, "variables", ()) if exercise is not None else ()
        if model.type == "derivative" and len(variables) == 1 and _PARTIAL.search(model.prompt):
            v = variables[0]
            errors.append(error_at(str(lesson.path), lesson.positions, where,
                                   f"exercise '{model.id}': {model.function_name} has one variable, {v}: ask for "
                                   f"d{model.function_name}/d{v}, not ∂{model.function_name}/∂{v}"))
    return errors
