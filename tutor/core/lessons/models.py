"""The lesson format as typed structs: what a YAML lesson file may contain, and nothing else.

Expressions stay text here; each exercise type's checker parses them with the safe parser. Unknown
keys are errors (with the closest known key suggested by the loader). The structs hold the rules;
conform.py applies them to a file and collects every problem, since msgspec stops at the first.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Annotated

from msgspec import Meta, Struct
from msgspec.structs import force_setattr

from tutor.core.maths.codes import CODES

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
NAME_PATTERN = r"^[^\W\d]\w*$"
Id = Annotated[str, Meta(pattern=ID_PATTERN, max_length=64,
                         description="lowercase letters, digits, - and _; unique in its scope")]
NumberText = Annotated[str | int | float, Meta(description="a number, or an expression such as 1/2 or a param")]
Name = Annotated[str, Meta(pattern=NAME_PATTERN, max_length=32, description="a letter, then letters, digits or _")]
# A Name for unions that also hold a list or a mapping: msgspec 0.22 corrupts memory (a segfault later)
# once it converts to a union of a pattern-constrained str and a container type, so the pattern is
# only in the JSON Schema here and the struct's __post_init__ checks it (see Compute.wrt).
LooseName = Annotated[str, Meta(max_length=32, extra_json_schema={"pattern": NAME_PATTERN},
                                description="a letter, then letters, digits or _")]
Text = Annotated[str, Meta(min_length=1)]


class Invalid(ValueError):
    """A broken cross-field rule; `key` names the field the loader points at (None: the whole mapping)."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


# kw_only on every struct: msgspec applies it per class, and subclasses add required fields after
# inherited defaults. frozen as before: a loaded lesson is shared by the screens and never edited.
class Strict(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """A mapping of the lesson format: unknown keys are errors."""


class Page(Strict, kw_only=True):
    """One concept page: a short Markdown body ($…$ and $$…$$ hold LaTeX) and an optional code block."""

    title: Annotated[str, Meta(min_length=1, max_length=80)]
    body: Text
    code: Annotated[str | None, Meta(description="a small Python snippet shown highlighted under the body")] = None
    output: Annotated[str | None, Meta(description="what the code prints, shown under it")] = None
    lab: Annotated[str | None, Meta(description="a lab preset this page opens with F6: mse-one, mse-many, bowl, "
                                               "elongated, two-minima, features-raw or features-scaled")] = None


class ParamSpec(Strict, kw_only=True):
    """A randomised value for a variant: exactly one of randint, choice, uniform."""

    randint: Annotated[tuple[int, int] | None, Meta(description="a whole number from a to b inclusive")] = None
    choice: Annotated[Annotated[list[NumberText], Meta(min_length=1)] | None,
                      Meta(description="one of these values")] = None
    uniform: Annotated[tuple[float, float] | None, Meta(description="a decimal between a and b")] = None
    digits: Annotated[int, Meta(ge=0, le=6, description="decimal places for uniform")] = 1
    nonzero: Annotated[bool, Meta(description="redraw zero")] = False

    def __post_init__(self) -> None:
        given = [k for k in ("randint", "choice", "uniform") if getattr(self, k) is not None]
        if len(given) != 1:
            raise Invalid("a param needs exactly one of randint, choice or uniform")
        for pair in (self.randint, self.uniform):
            if pair is not None and pair[0] > pair[1]:
                raise Invalid(f"the range {list(pair)} is empty: the first number must not exceed the second")


class ToleranceSpec(Strict, kw_only=True):
    """How far a number may be from the right one: absolute, relative (0.01 is 1%) or both."""

    absolute: NumberText | None = None
    relative: NumberText | None = None

    def __post_init__(self) -> None:
        if self.absolute is None and self.relative is None:
            raise Invalid("give absolute, relative or both")


class ExerciseBase(Strict, tag_field="type", kw_only=True):
    """Fields every exercise type shares; each type is a subclass tagged with its `type:`."""

    id: Id
    prompt: Annotated[str, Meta(min_length=1,
                                description="Markdown; {function}, {answer} and {param} placeholders are filled")]
    hints: Annotated[list[str], Meta(description="shown in order, one per request")] = []
    solution: Annotated[str | None, Meta(
        description="the worked solution (Markdown); showing it counts as not solved")] = None
    params: Annotated[dict[Name, ParamSpec], Meta(description="randomised values for variants")] = {}
    where: Annotated[list[str], Meta(description="conditions a variant must meet, e.g. a != b")] = []
    variables: Annotated[list[Name] | None, Meta(
        description="the variables, in order (default: as they appear)")] = None
    domains: Annotated[dict[Name, str], Meta(description='where a variable lives: "(0, 1)", "positive"')] = {}
    # `tolerance: 1e-6` is shorthand for an absolute tolerance; __post_init__ makes it a ToleranceSpec.
    tolerance: Annotated[ToleranceSpec | NumberText | None, Meta(
        description="for numbers: {absolute, relative}, or one number for an absolute tolerance")] = None
    function_name: Annotated[Name, Meta(description="the function's name in messages (∂f/∂x, ∂L/∂w)")] = "f"
    # The mistakes this exercise trains: a learner who keeps making one is drilled on exercises tagged with it.
    trains: Annotated[list[Annotated[str, Meta(extra_json_schema={"enum": sorted(CODES)})]], Meta(
        description="diagnosis codes of the mistakes this exercise trains, e.g. [wrong-variable]")] = []

    def __post_init__(self) -> None:
        if self.tolerance is not None and not isinstance(self.tolerance, ToleranceSpec):
            force_setattr(self, "tolerance", ToleranceSpec(absolute=self.tolerance))
        unknown = [code for code in self.trains if code not in CODES]
        if unknown:
            close = get_close_matches(unknown[0], sorted(CODES), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; the codes are: {', '.join(sorted(CODES))}"
            raise Invalid(f"trains: '{unknown[0]}' is not a mistake the checker names{hint}", "trains")

    @property
    def type(self) -> str:
        """The `type:` of the exercise (the struct's tag), e.g. 'derivative'."""
        return self.__struct_config__.tag  # type: ignore[return-value]


class ChoiceOption(Strict, kw_only=True):
    """One option of a choice exercise."""

    text: Text
    correct: bool = False
    explanation: Annotated[str, Meta(min_length=1, description="why this option is right or wrong")]


class Lesson(Strict, kw_only=True):
    """One lesson file."""

    id: Id
    title: Annotated[str, Meta(min_length=1, max_length=80)]
    summary: Annotated[str, Meta(min_length=1, max_length=300)]
    requires: Annotated[list[Id], Meta(description="lessons to study first (advice, not a lock)")] = []
    track: Annotated[Annotated[str, Meta(min_length=1, max_length=40)] | None, Meta(description=(
        "the part of the course this lesson starts, e.g. ML depth; the lessons after it (in file order) "
        "stay in it until another track starts"))] = None
    pages: list[Page] = []
    exercises: list = []  # typed by the exercise registry (exercises.py)
