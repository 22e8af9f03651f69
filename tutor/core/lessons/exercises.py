"""The exercise types' fields: what each `type:` of exercise may contain in a lesson file.

Light on purpose (msgspec only, no sympy), so the app lists lessons before the maths engine has
loaded. Each type's checker (how an instance is made and proved right) lives in types/, named in
REGISTRY and imported only when an exercise is first used. Adding a type is one struct here (tagged
with its `type:`), one checker there, and one line in REGISTRY.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from msgspec import Meta, field

from .models import (
    NAME_PATTERN,
    ChoiceOption,
    ExerciseBase,
    Invalid,
    Lesson,
    LooseName,
    Name,
    NumberText,
    Strict,
)

KINDS = ("partial", "gradient", "central_difference", "descent", "expression")

Columns = dict[Name, list[NumberText]]
Point = dict[Name, NumberText]


def _check_columns(data: Columns | None) -> None:
    if data:
        lengths = {len(v) for v in data.values()}
        if len(lengths) != 1 or 0 in lengths:
            raise Invalid("data columns must be non-empty and of equal length", "data")


class WithFunction(ExerciseBase, kw_only=True):
    """An exercise about a function of the variables, optionally averaged over data rows."""

    function: Annotated[str, Meta(min_length=1, description="the function, e.g. x^2 + 3y")]
    data: Annotated[Columns | None, Meta(
        description="data columns: the function is averaged over the rows (MSE over points)")] = None

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_columns(self.data)


class DerivativeModel(WithFunction, tag="derivative", kw_only=True):
    """A partial derivative, as an expression."""

    wrt: Annotated[Name, Meta(description="the variable to differentiate by")]
    answer: Annotated[str | None, Meta(description="the derivative as the author writes it (checked)")] = None


class GradientModel(WithFunction, tag="gradient", kw_only=True):
    """A gradient: as expressions, or its value at a point."""

    at: Annotated[Point | None, Meta(description="ask for the gradient's value at this point")] = None
    answer: Annotated[str | None, Meta(
        description="the gradient as the author writes it, e.g. (2x + y, x + 2y)")] = None


class ExpressionModel(ExerciseBase, tag="expression", kw_only=True):
    """Any expression, checked to be equal to the expected one (and, if asked, in a form)."""

    expected: Annotated[str, Meta(min_length=1, description="the right expression")]
    answer: Annotated[str | None, Meta(description="another way of writing it, checked to be equal")] = None
    form: Annotated[Literal["any", "simplified", "expanded", "factored"], Meta(
        description="the form a right answer must have; an equal answer in another form is "
                    "'equal, but not simplified'")] = "any"
    given: Annotated[str | None, Meta(
        description="the expression the prompt asks to simplify: typed back, it is not simplified")] = None


class Compute(Strict, kw_only=True):
    """How the tutor computes the value: exactly one of partial, gradient, central_difference, descent, expression."""

    partial: Annotated[str | None, Meta(description="a function: its partial derivative by wrt at the point at")] = None
    gradient: Annotated[str | None, Meta(description="a function: its gradient at the point at")] = None
    central_difference: Annotated[str | None, Meta(
        description="a function: (f(v+h) − f(v−h))/2h in float64")] = None
    descent: Annotated[str | None, Meta(
        description="a loss: the parameters after `steps` steps of gradient descent")] = None
    expression: Annotated[str | None, Meta(description="a constant expression, e.g. 2*(1*2 + 0 - 3)*2")] = None
    data: Annotated[Columns | None, Meta(description="descent: data columns the loss is averaged over")] = None
    start: Annotated[Point | None, Meta(description="descent: the starting parameters")] = None
    lr: Annotated[NumberText | None, Meta(description="descent: the learning rate")] = None
    steps: Annotated[Annotated[int, Meta(ge=1, le=10_000)] | None, Meta(description="descent: how many steps")] = None
    wrt: Annotated[LooseName | list[Name] | None, Meta(description="the variable (partial, central_difference) or "
                                                          "the gradient's components (default: all variables)")] = None
    at: Point | None = None
    h: NumberText = "1e-5"

    def __post_init__(self) -> None:
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise Invalid(f"give exactly one of {', '.join(KINDS)}")
        if isinstance(self.wrt, str) and not re.match(NAME_PATTERN, self.wrt):
            raise Invalid(f"wrt: '{self.wrt}' is not a name (a name is a letter, then letters, digits or _)", "wrt")
        kind = given[0]
        if kind in ("partial", "central_difference") and not isinstance(self.wrt, str):
            raise Invalid(f"{kind} needs wrt: the variable to differentiate by")
        if kind == "descent":
            if not self.start or self.lr is None or self.steps is None:
                raise Invalid("descent needs start, lr and steps")
        elif kind != "expression" and not self.at:
            raise Invalid(f"{kind} needs at: the point, e.g. {{x: 1, y: 2}}")

    @property
    def kind(self) -> str:
        return next(k for k in KINDS if getattr(self, k) is not None)


class ValueModel(ExerciseBase, tag="value", kw_only=True):
    """A number or a vector of numbers the tutor computes itself."""

    compute: Compute
    answer: Annotated[str | int | float | None, Meta(
        description="the value as the author states it (checked)")] = None
    components: Annotated[Annotated[list[Annotated[str, Meta(min_length=1, max_length=40)]],
                                    Meta(min_length=2, max_length=8)] | None, Meta(
        description="what a vector value's components are called in feedback, in order, e.g. "
                    "[forward, central] (default: a gradient's ∂f/∂v, a descent's parameters)")] = None


class ChoiceModel(ExerciseBase, tag="choice", kw_only=True):
    """Multiple choice: exactly one option is correct."""

    options: Annotated[list[ChoiceOption], Meta(min_length=2, max_length=8)]

    def __post_init__(self) -> None:
        super().__post_init__()
        right = sum(o.correct for o in self.options)
        if right != 1:
            raise Invalid(f"a choice needs exactly one option with correct: true; this one has {right}", "options")


class DescentModel(ExerciseBase, tag="descent", kw_only=True):
    """Gradient descent by hand: the learner computes the next parameters for `steps` steps."""

    loss: Annotated[str, Meta(min_length=1, description="the loss for one data point, e.g. (wx + b - y)^2")]
    data: Annotated[Columns | None, Meta(
        description="data columns: the loss is averaged over the rows (MSE over points)")] = None
    start: Annotated[Point, Meta(min_length=1, description="the parameters and their start, e.g. {w: 0, b: 0}")]
    lr: Annotated[NumberText, Meta(description="the learning rate, e.g. 0.1")]
    steps: Annotated[int, Meta(ge=1, le=5, description="how many steps the learner computes by hand")] = 2
    lab_steps: Annotated[int, Meta(ge=1, le=10_000,
                                   description="the steps the lab runs in all, the hand steps included")] = 20
    function_name: Annotated[Name, Meta(description="the loss's name in messages (∂L/∂w)")] = "L"

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_columns(self.data)
        if self.lab_steps < self.steps:
            raise Invalid("lab_steps counts the hand steps too: it must be at least steps", "lab_steps")


MATRIX_KINDS = ("hessian", "jacobian", "matrix")
MatrixAsk = Literal["matrix", "eigenvalues", "condition", "rate_bound", "determinant"]


class MatrixCompute(Strict, kw_only=True):
    """The matrix: exactly one of hessian (a function), jacobian (functions, one per row), matrix (written out)."""

    hessian: Annotated[str | None, Meta(description="a function: its matrix of second partial derivatives")] = None
    jacobian: Annotated[Annotated[list[str], Meta(min_length=1, max_length=6)] | None, Meta(
        description="functions, one per row: each row their partial derivatives")] = None
    matrix: Annotated[str | None, Meta(description="a matrix written out, e.g. [[5, 3], [3, 2]] (params allowed)")] = None
    wrt: Annotated[list[Name] | None, Meta(description="the variables, one per column (default: as they appear)")] = None
    at: Annotated[Point | None, Meta(description="the matrix's value at this point (numbers)")] = None
    data: Annotated[Columns | None, Meta(
        description="hessian: data columns the function is averaged over (MSE over points)")] = None

    def __post_init__(self) -> None:
        given = [k for k in MATRIX_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise Invalid(f"give exactly one of {', '.join(MATRIX_KINDS)}")
        _check_columns(self.data)
        if self.data and given[0] != "hessian":
            raise Invalid("data goes with hessian (a loss averaged over the points)", "data")

    @property
    def kind(self) -> str:
        return next(k for k in MATRIX_KINDS if getattr(self, k) is not None)


class MatrixModel(ExerciseBase, tag="matrix", kw_only=True):
    """A matrix (a Hessian, a Jacobian), typed as [[a, b], [c, d]]; or a number the matrix gives."""

    compute: MatrixCompute
    ask: Annotated[MatrixAsk, Meta(description="what the learner types: the matrix (default), its eigenvalues "
                                               "(largest first), condition (λ_max/λ_min), rate_bound (2/λ_max) "
                                               "or determinant")] = "matrix"
    answer: Annotated[str | int | float | None, Meta(
        description="as the author states it (checked): a matrix, or numbers within the tolerance")] = None


class BackpropModel(ExerciseBase, tag="backprop", kw_only=True):
    """Backpropagation by hand: the learner fills each local derivative and each backward value in order."""

    inputs: Annotated[Point, Meta(min_length=1, description="the graph's inputs and their values, e.g. {x: 2, w: -1}")]
    nodes: Annotated[dict[Name, Annotated[str, Meta(min_length=1)]], Meta(
        min_length=1, max_length=12,
        description="computed nodes in forward order, each an expression of inputs and earlier nodes; "
                    "the last is the output (the loss)")]
    wrt: Annotated[list[Name] | None, Meta(
        description="the inputs whose gradient is asked (default: every input)")] = None

    def __post_init__(self) -> None:
        super().__post_init__()
        both = sorted(set(self.inputs) & set(self.nodes))
        if both:
            raise Invalid(f"{both[0]} is both an input and a node", "nodes")
        for name in self.wrt or ():
            if name not in self.inputs:
                raise Invalid(f"wrt: {name} is not an input", "wrt")


class OptimizerModel(ExerciseBase, tag="optimizer", kw_only=True):
    """Momentum or Adam by hand: the gradient, the optimizer's state and the new parameters, step by step."""

    method: Annotated[Literal["momentum", "adam"], Meta(description="the update rule: momentum or adam")]
    loss: Annotated[str, Meta(min_length=1, description="the loss, e.g. (wx + b - y)^2 or x^2 + 10y^2")]
    data: Annotated[Columns | None, Meta(description="data columns the loss is averaged over (MSE)")] = None
    start: Annotated[Point, Meta(min_length=1, description="the parameters and their start, e.g. {w: 0, b: 0}")]
    lr: Annotated[NumberText, Meta(description="the learning rate η")]
    beta: Annotated[NumberText, Meta(description="momentum: β in v ← βv + g")] = 0.9
    beta1: Annotated[NumberText, Meta(description="Adam: β₁ of the first moment")] = 0.9
    beta2: Annotated[NumberText, Meta(description="Adam: β₂ of the second moment")] = 0.999
    eps: Annotated[NumberText, Meta(description="Adam: ε under the square root's sum")] = 1e-8
    steps: Annotated[int, Meta(ge=1, le=3, description="how many steps the learner computes by hand")] = 1
    lab_steps: Annotated[int, Meta(ge=1, le=10_000, description="the steps the lab runs for each optimizer")] = 60
    function_name: Annotated[Name, Meta(description="the loss's name in messages (∇L)")] = "L"

    def __post_init__(self) -> None:
        super().__post_init__()
        _check_columns(self.data)


REGISTRY: dict[str, tuple[type[ExerciseBase], str]] = {
    "derivative": (DerivativeModel, "tutor.core.lessons.types.calculus:DerivativeExercise"),
    "gradient": (GradientModel, "tutor.core.lessons.types.calculus:GradientExercise"),
    "value": (ValueModel, "tutor.core.lessons.types.value:ValueExercise"),
    "expression": (ExpressionModel, "tutor.core.lessons.types.calculus:ExpressionExercise"),
    "choice": (ChoiceModel, "tutor.core.lessons.types.choice:ChoiceExercise"),
    "descent": (DescentModel, "tutor.core.lessons.types.descent:DescentExercise"),
    "matrix": (MatrixModel, "tutor.core.lessons.types.matrix:MatrixExercise"),
    "backprop": (BackpropModel, "tutor.core.lessons.types.backprop:BackpropExercise"),
    "optimizer": (OptimizerModel, "tutor.core.lessons.types.optimizer:OptimizerExercise"),
}

# A tagged union: msgspec picks the struct by the `type:` key (each struct's tag).
Exercise = Union[tuple(model for model, _ in REGISTRY.values())]  # noqa: UP007


class LessonFile(Lesson, kw_only=True):
    """A lesson file as the loader validates it."""

    exercises: list[Exercise] = field(default_factory=list)  # type: ignore[valid-type]
