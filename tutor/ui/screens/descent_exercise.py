"""Gradient descent by hand: the exercise asks one step at a time; then the lab runs the rest.

The entry-by-entry flow is StepwiseExerciseScreen's; a step is read and checked against the one
before it, and a learner who quits halfway comes back to the step they were on, not to step 1.
"""

from __future__ import annotations

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict

from ..widgets.answer_area import AnswerArea
from .stepwise_exercise import StepwiseExerciseScreen


class DescentExerciseScreen(StepwiseExerciseScreen):
    ALL_DONE = "Every step is done: F6 opens the lab."
    NOUN = "steps"
    LAB_FIRST = "Do the steps by hand first; then the lab runs the rest."

    def entries(self, instance: Instance) -> int:
        return len(instance.descent.steps)

    def read(self, instance: Instance, k: int, text: str) -> tuple[float, ...] | None:
        return instance.descent.read_step(text)

    def check_entry(self, instance: Instance, k: int, text: str, accepted: list) -> Verdict:
        return instance.descent.check_step(k, text, accepted[-1] if accepted else None)

    def attempt_text(self, instance: Instance, k: int, text: str) -> str:
        return f"step {k}: {text}"

    def lab_config(self, instance: Instance):
        return instance.descent.lab

    def show_done(self) -> None:
        self.query_one(AnswerArea).steps_done(len(self.answers))

    def welcome_back(self) -> str:
        kept = "step 1 is" if len(self.answers) == 1 else f"steps 1–{len(self.answers)} are"
        return f"Welcome back: {kept} kept; go on with step {len(self.answers) + 1}."

    def all_right(self, lab: bool) -> str:
        return "All steps right! F6 runs the rest in the lab."

    def solution_markdown(self, instance: Instance) -> str:
        return instance.descent.solution(instance.solution)
