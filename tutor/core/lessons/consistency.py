"""After an exercise is read: the mistakes its type accepts without a word, and one message per mistake.

`wrt: z` for a function of x and y is a derivative that is 0 everywhere, so the type builds it and
only a stated answer shows something is off ("the stated answer is wrong"). And a function that
cannot be read leaves nothing to check the answer, `wrt` or `at` against, so what those checks
say then is an echo of the first mistake, not a second one.
"""

from __future__ import annotations

from .exercises import KINDS

# The expression each type is built on, and the fields that say nothing about it.
SOURCES = {("function",), ("loss",), ("expected",), *(("compute", kind) for kind in KINDS)}
INDEPENDENT = {"domains", "tolerance", "params", "where", "hints", "prompt", "solution", "function_name"}


def quiet_mistakes(model, exercise) -> list:
    """Problems the exercise type does not report itself: a derivative by a name that is no variable."""
    from .types import Problem_

    if model.type != "derivative" or any(p.field == ("function",) for p in exercise.problems):
        return []
    name, wrt = model.function_name, model.wrt
    columns = tuple(model.data or ())
    variables = tuple(model.variables or exercise.order_of_appearance(model.function, exclude=columns))
    if wrt in variables:
        return []
    listed = ", ".join(variables) or "none"
    if wrt in columns:
        why = f"{wrt} is a data column of {name}, not a variable (the variables: {listed})"
    elif wrt in model.params:
        why = f"{wrt} is a param of this exercise, not a variable of {name} (the variables: {listed})"
    elif model.variables:
        why = f"{name} has no variable {wrt}: it is not in variables ({listed})"
    else:
        why = (f"{name} has no variable {wrt} (its variables: {listed}); differentiate by one of them, or "
               f"list {wrt} in variables if ∂{name}/∂{wrt} = 0 is the point")
    return [Problem_(("wrt",), why)]


def one_cause(problems: list) -> list:
    """`problems` without the echoes of an expression that could not be read."""
    unreadable = [p for p in problems if p.field in SOURCES and p.message.startswith("cannot read")]
    if not unreadable:
        return problems
    return [p for p in problems if p in unreadable or (p.field and p.field[0] in INDEPENDENT)]
