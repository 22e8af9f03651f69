"""The exercise types' fields: what each `type:` of exercise may contain in a lesson file.

Light on purpose (pydantic only, no sympy), so the app lists lessons before the maths engine has
loaded. Each type's checker (how an instance is made and proved right) lives in types/, named in
REGISTRY and imported only when an exercise is first used. Adding a type is one model here, one
checker there, and one line in REGISTRY.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field, field_validator, model_validator

from .models import ChoiceOption, ExerciseBase, Lesson, Name, NumberText, Strict

KINDS = ("partial", "gradient", "central_difference", "descent", "expression")


class WithFunction(ExerciseBase):
    function: str = Field(min_length=1, description="the function, e.g. x^2 + 3y")
    data: dict[Name, list[NumberText]] | None = Field(
        None, description="data columns: the function is averaged over the rows (MSE over points)")

    @model_validator(mode="after")
    def _columns_align(self):
        if self.data:
            lengths = {len(v) for v in self.data.values()}
            if len(lengths) != 1 or 0 in lengths:
                raise ValueError("data columns must be non-empty and of equal length")
        return self


class DerivativeModel(WithFunction):
    type: Literal["derivative"]
    wrt: Name = Field(description="the variable to differentiate by")
    answer: str | None = Field(None, description="the derivative as the author writes it (checked)")


class GradientModel(WithFunction):
    type: Literal["gradient"]
    at: dict[Name, NumberText] | None = Field(None, description="ask for the gradient's value at this point")
    answer: str | None = Field(None, description="the gradient as the author writes it, e.g. (2x + y, x + 2y)")


class ExpressionModel(ExerciseBase):
    type: Literal["expression"]
    expected: str = Field(min_length=1, description="the right expression")
    answer: str | None = Field(None, description="another way of writing it, checked to be equal")


class Compute(Strict):
    """How the tutor computes the value: exactly one of partial, gradient, central_difference, expression."""

    partial: str | None = Field(None, description="a function: its partial derivative by wrt at the point at")
    gradient: str | None = Field(None, description="a function: its gradient at the point at")
    central_difference: str | None = Field(None, description="a function: (f(v+h) − f(v−h))/2h in float64")
    descent: str | None = Field(None, description="a loss: the parameters after `steps` steps of gradient descent")
    expression: str | None = Field(None, description="a constant expression, e.g. 2*(1*2 + 0 - 3)*2")
    data: dict[Name, list[NumberText]] | None = Field(None, description="descent: data columns the loss is averaged over")
    start: dict[Name, NumberText] | None = Field(None, description="descent: the starting parameters")
    lr: NumberText | None = Field(None, description="descent: the learning rate")
    steps: int | None = Field(None, ge=1, le=10_000, description="descent: how many steps")
    wrt: Name | list[Name] | None = Field(None, description="the variable (partial, central_difference) or "
                                                  "the gradient's components (default: all variables)")
    at: dict[Name, NumberText] | None = None
    h: NumberText = "1e-5"

    @model_validator(mode="after")
    def _one(self) -> Compute:
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of {', '.join(KINDS)}")
        kind = given[0]
        if kind in ("partial", "central_difference") and not isinstance(self.wrt, str):
            raise ValueError(f"{kind} needs wrt: the variable to differentiate by")
        if kind == "descent":
            if not self.start or self.lr is None or self.steps is None:
                raise ValueError("descent needs start, lr and steps")
        elif kind != "expression" and not self.at:
            raise ValueError(f"{kind} needs at: the point, e.g. {{x: 1, y: 2}}")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in KINDS if getattr(self, k) is not None)


class ValueModel(ExerciseBase):
    type: Literal["value"]
    compute: Compute
    answer: str | int | float | None = Field(None, description="the value as the author states it (checked)")


class ChoiceModel(ExerciseBase):
    type: Literal["choice"]
    options: list[ChoiceOption] = Field(min_length=2, max_length=8)

    @field_validator("options")
    @classmethod
    def _exactly_one(cls, options: list[ChoiceOption]) -> list[ChoiceOption]:
        right = sum(o.correct for o in options)
        if right != 1:
            raise ValueError(f"a choice needs exactly one option with correct: true; this one has {right}")
        return options


class DescentModel(ExerciseBase):
    """Gradient descent by hand: the learner computes the next parameters for `steps` steps."""

    type: Literal["descent"]
    loss: str = Field(min_length=1, description="the loss for one data point, e.g. (wx + b - y)^2")
    data: dict[Name, list[NumberText]] | None = Field(
        None, description="data columns: the loss is averaged over the rows (MSE over points)")
    start: dict[Name, NumberText] = Field(min_length=1, description="the parameters and their start, e.g. {w: 0, b: 0}")
    lr: NumberText = Field(description="the learning rate, e.g. 0.1")
    steps: int = Field(2, ge=1, le=5, description="how many steps the learner computes by hand")
    lab_steps: int = Field(20, ge=1, le=10_000, description="the steps the lab runs in all, the hand steps included")
    function_name: Name = Field("L", description="the loss's name in messages (∂L/∂w)")

    @model_validator(mode="after")
    def _consistent(self):
        if self.data:
            lengths = {len(v) for v in self.data.values()}
            if len(lengths) != 1 or 0 in lengths:
                raise ValueError("data columns must be non-empty and of equal length")
        if self.lab_steps < self.steps:
            raise ValueError("lab_steps counts the hand steps too: it must be at least steps")
        return self


REGISTRY: dict[str, tuple[type, str]] = {
    "derivative": (DerivativeModel, "tutor.core.lessons.types.calculus:DerivativeExercise"),
    "gradient": (GradientModel, "tutor.core.lessons.types.calculus:GradientExercise"),
    "value": (ValueModel, "tutor.core.lessons.types.value:ValueExercise"),
    "expression": (ExpressionModel, "tutor.core.lessons.types.calculus:ExpressionExercise"),
    "choice": (ChoiceModel, "tutor.core.lessons.types.choice:ChoiceExercise"),
    "descent": (DescentModel, "tutor.core.lessons.types.descent:DescentExercise"),
}

Exercise = Annotated[Union[tuple(model for model, _ in REGISTRY.values())], Field(discriminator="type")]  # noqa: UP007


class LessonFile(Lesson):
    """A lesson file as the loader validates it."""

    exercises: list[Exercise] = Field(default_factory=list)  # type: ignore[valid-type]
