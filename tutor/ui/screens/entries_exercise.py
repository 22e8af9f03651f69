"""Backprop by hand and optimizer steps: the exercise asks one blank at a time, each checked as typed.

The entry-by-entry flow is StepwiseExerciseScreen's; a blank is checked against the blanks
already right. An optimizer exercise then opens the lab (F6), where the optimizers run side by side.
"""

from __future__ import annotations

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict

from ..widgets.answer_area import AnswerArea
from .stepwise_exercise import StepwiseExerciseScreen


class EntriesExerciseScreen(StepwiseExerciseScreen):
    ALL_DONE = "Every value is done."
    NOUN = "values"
    LAB_FIRST = "Do the step by hand first; then the lab runs the optimizers."

    def entries(self, instance: Instance) -> int:
        return instance.hand.total

    def read(self, instance: Instance, k: int, text: str) -> tuple[float, ...] | None:
        return instance.hand.read(k, text)

    def check_entry(self, instance: Instance, k: int, text: str, accepted: list) -> Verdict:
        return instance.hand.check(k, text, accepted)

    def attempt_text(self, instance: Instance, k: int, text: str) -> str:
        return f"{instance.hand.blanks[k - 1].key} = {text}"

    def lab_config(self, instance: Instance):
        return instance.hand.lab

    def show_done(self) -> None:
        self.query_one(AnswerArea).entries_done(tuple(self.accepted))

    def welcome_back(self) -> str:
        return (f"Welcome back: {len(self.answers)} of {self.total} values are kept; go on with "
                f"{self.instance.hand.blanks[len(self.answers)].key}.")

    def all_right(self, lab: bool) -> str:
        return "All values right!" + (" F6 runs the optimizers in the lab." if lab else " Next exercise: ctrl+n.")

    def solution_markdown(self, instance: Instance) -> str:
        return instance.hand.solution(instance.solution)
