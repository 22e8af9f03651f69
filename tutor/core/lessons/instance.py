"""One variant of one exercise, ready to show and to check: what the screens work with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tutor.core.maths.names import Vocabulary
from tutor.core.maths.verdict import Verdict

if TYPE_CHECKING:  # the catalog shown on the first paint must not import the descent engine
    from .types.descent_judge import HandDescent
    from .types.entries import HandWork

Shape = Literal["expression", "vector", "number", "numbers", "choice", "steps", "matrix", "entries"]


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Instance:
    lesson_id: str
    exercise_id: str
    kind: str                      # the exercise type: derivative, gradient, value, ...
    seed: int
    title: str                     # a short heading, e.g. "∂f/∂x"
    prompt: str                    # Markdown with LaTeX; placeholders already filled
    shows: str | None              # the function or expression the prompt is about, in unicode
    hints: tuple[str, ...]
    solution: str | None
    expected: str                  # the right answer in unicode (for solutions and quiz summaries)
    shape: Shape
    variables: tuple[str, ...]     # names an answer may use
    component_names: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    params: tuple[tuple[str, str], ...] = ()
    placeholders: tuple[str, ...] = ()  # the {names} this exercise fills in its prose
    labels: tuple[str, ...] = ()        # names an answer may put before '=' (w = 1.6, b = 0.8)
    checker: Callable[[str], Verdict] = field(default=lambda text: Verdict("invalid", None, "no checker"),
                                              repr=False, compare=False)
    descent: HandDescent | None = field(default=None, compare=False)  # shape "steps": one step at a time
    hand: HandWork | None = field(default=None, compare=False)  # shape "entries": one blank at a time

    @property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary((*self.variables, *(n for n in self.labels if n not in self.variables)))

    def check(self, answer: str) -> Verdict:
        """Never raises: any failure of a checker is reported as an invalid verdict."""
        try:
            return self.checker(answer)
        except Exception as error:  # a checker bug must not lose the learner's session
            return Verdict("invalid", None, f"This answer could not be checked ({type(error).__name__}). "
                                            "Please report the exercise.")
