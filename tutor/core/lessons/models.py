"""The lesson format as typed models: what a YAML lesson file may contain, and nothing else.

Expressions stay text here; each exercise type's checker parses them with the safe parser. Unknown
keys are errors (with the closest known key suggested by the loader).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64,
                          description="lowercase letters, digits, - and _; unique in its scope")]
NumberText = Annotated[str | int | float, Field(description="a number, or an expression such as 1/2 or a param")]
Name = Annotated[str, Field(pattern=r"^[^\W\d]\w*$", max_length=32)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Page(Strict):
    """One concept page: a short Markdown body ($…$ and $$…$$ hold LaTeX) and an optional code block."""

    title: str = Field(min_length=1, max_length=80)
    body: str = Field(min_length=1)
    code: str | None = Field(None, description="a small Python snippet shown highlighted under the body")
    output: str | None = Field(None, description="what the code prints, shown under it")


class ParamSpec(Strict):
    """A randomised value for a variant: exactly one of randint, choice, uniform."""

    randint: tuple[int, int] | None = Field(None, description="a whole number from a to b inclusive")
    choice: list[NumberText] | None = Field(None, min_length=1, description="one of these values")
    uniform: tuple[float, float] | None = Field(None, description="a decimal between a and b")
    digits: int = Field(1, ge=0, le=6, description="decimal places for uniform")
    nonzero: bool = Field(False, description="redraw zero")

    @model_validator(mode="after")
    def _one_kind(self) -> ParamSpec:
        given = [k for k in ("randint", "choice", "uniform") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a param needs exactly one of randint, choice or uniform")
        for pair in (self.randint, self.uniform):
            if pair is not None and pair[0] > pair[1]:
                raise ValueError(f"the range {list(pair)} is empty: the first number must not exceed the second")
        return self


class ToleranceSpec(Strict):
    absolute: NumberText | None = None
    relative: NumberText | None = None

    @model_validator(mode="after")
    def _something(self) -> ToleranceSpec:
        if self.absolute is None and self.relative is None:
            raise ValueError("give absolute, relative or both")
        return self


def _tolerance(value: object) -> object:
    # `tolerance: 1e-6` is shorthand for an absolute tolerance.
    return {"absolute": value} if isinstance(value, (int, float, str)) else value


class ExerciseBase(Strict):
    """Fields every exercise type shares."""

    id: Id
    prompt: str = Field(min_length=1, description="Markdown; {function}, {answer} and {param} placeholders are filled")
    hints: list[str] = Field(default_factory=list, description="shown in order, one per request")
    solution: str | None = Field(None, description="the worked solution (Markdown); showing it counts as not solved")
    params: dict[Name, ParamSpec] = Field(default_factory=dict, description="randomised values for variants")
    where: list[str] = Field(default_factory=list, description="conditions a variant must meet, e.g. a != b")
    variables: list[Name] | None = Field(None, description="the variables, in order (default: as they appear)")
    domains: dict[Name, str] = Field(default_factory=dict, description='where a variable lives: "(0, 1)", "positive"')
    tolerance: Annotated[ToleranceSpec | None, Field(None, description="for numbers")] = None
    function_name: Name = Field("f", description="the function's name in messages (∂f/∂x, ∂L/∂w)")

    _normalise_tolerance = field_validator("tolerance", mode="before")(classmethod(lambda cls, v: _tolerance(v)))


class ChoiceOption(Strict):
    text: str = Field(min_length=1)
    correct: bool = False
    explanation: str = Field(min_length=1, description="why this option is right or wrong")


class Lesson(Strict):
    """One lesson file."""

    id: Id
    title: str = Field(min_length=1, max_length=80)
    summary: str = Field(min_length=1, max_length=300)
    requires: list[Id] = Field(default_factory=list, description="lessons to study first (advice, not a lock)")
    pages: list[Page] = Field(default_factory=list)
    exercises: list = Field(default_factory=list)  # typed by the exercise registry (types/__init__.py)
