"""One variant of one exercise, ready to show and to check: what the screens work with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
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

    @cached_property
    def input_example(self) -> str | None:
        """An example of how to type an answer, in this exercise's own names, that is not its answer."""
        for example in self._examples():
            if not self.accepts(example):
                return example
        return None

    def accepts(self, answer: str) -> bool:
        """Whether `answer` is right, without the diagnosis of a wrong one (cheap where the checker
        offers that: a prepared maths problem does)."""
        quick = getattr(getattr(self.checker, "__self__", None), "accepts", None)
        return quick(answer) if callable(quick) else self.check(answer).correct

    @property
    def input_hint(self) -> str:
        """What the empty answer box says (its example is never the answer: a check proves it)."""
        if self.shape == "vector":
            return "(" + ", ".join(self.component_names[:3]) + (", …" if len(self.component_names) > 3 else "") + ")"
        example = self.input_example
        lead = {"expression": "your answer", "number": "a number", "numbers": "numbers"}.get(self.shape, "your answer")
        return f"{lead}, e.g. {example}" if example else lead

    def _examples(self) -> list[str]:
        if self.shape == "expression":
            names = list(self.variables) or ["x"]
            a, b = names[0], names[1] if len(names) > 1 else names[0]
            return [f"2{a} + {b}" if a != b else f"2{a} + 1", f"3{a} − {b}" if a != b else f"3{a} − 1", f"{a}^2"]
        if self.shape == "number":
            return ["4", "−1/2", "7"]
        if self.shape == "numbers":
            n = len(self.component_names) or 2
            return ["(" + ", ".join(str(4 + k) for k in range(n)) + ")",
                    "(" + ", ".join(f"−{1 + k}" for k in range(n)) + ")"]
        return []

    def check(self, answer: str) -> Verdict:
        """Never raises: any failure of a checker is reported as an invalid verdict."""
        try:
            return self.checker(answer)
        except Exception as error:  # a checker bug must not lose the learner's session
            return Verdict("invalid", None, f"This answer could not be checked ({type(error).__name__}). "
                                            "Please report the exercise.")
