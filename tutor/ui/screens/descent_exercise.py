"""Gradient descent by hand: the exercise asks one step at a time; then the lab runs the rest.

An ExerciseScreen in everything else (hints, solution, moving between exercises). A wrong step is
recorded as an attempt; the exercise counts as solved once every hand step is right. Each right
step is kept in the store as it is given, so a learner who quits halfway comes back to the step
they were on, not to step 1.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict
from tutor.core.recording import Recorded

from ..widgets.answer_area import AnswerArea
from .exercise import ExerciseScreen

Restored = list[tuple[str, tuple[float, ...]]]  # steps already right: as typed, as read


class DescentExerciseScreen(ExerciseScreen):
    BINDINGS = [Binding("f6", "lab", "Lab")]
    ONE_STEP = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.answers: list[str] = []
        self.accepted: list[tuple[float, ...]] = []

    @property
    def total(self) -> int:
        return len(self.instance.descent.steps) if self.instance is not None else 0

    @property
    def done(self) -> bool:
        return self.instance is not None and len(self.answers) == self.total

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(".buttons").mount(
            Button("Lab F6", id="lab-button", disabled=True, action="screen.lab"), before="#next")

    # -- the steps kept from an earlier visit -------------------------------------------------------
    def restore(self, instance: Instance) -> Restored:
        """Steps kept for this variant, checked again (a lesson fixed since may reject one)."""
        kept: Restored = []
        for k, text in enumerate(self.study.work(instance), start=1):
            previous = kept[-1][1] if kept else None
            values = instance.descent.read_step(text)
            if values is None or instance.descent.check_step(k, text, previous).status != "correct":
                break
            kept.append((text, values))
        return kept

    def shown(self, restored: Restored) -> None:
        self.answers = [text for text, _ in restored]
        self.accepted = [values for _, values in restored]
        self.query_one(AnswerArea).steps_done(len(self.answers))
        if restored and not self.done:
            self.notify(f"Welcome back: steps 1–{len(self.answers)} are kept; go on with step "
                        f"{len(self.answers) + 1}.", timeout=6)

    # -- one step at a time ---------------------------------------------------------------------------
    def judge(self, instance: Instance, text: str) -> tuple[Verdict, Recorded | None]:
        k = len(self.answers) + 1  # answers are checked one after another, so this is settled
        if k > self.total:
            return Verdict("invalid", None, "Every step is done: F6 opens the lab."), None
        previous = self.accepted[-1] if self.accepted else None
        verdict = instance.descent.check_step(k, text, previous)
        state = None
        if verdict.status == "incorrect":
            state = self.study.record(instance, f"step {k}: {text}", verdict)
        elif verdict.status == "correct" and k == self.total:
            whole = Verdict("correct", "tolerance", f"All {k} steps right.", ms=verdict.ms)
            state = self.study.record(instance, "; ".join([*self.answers, text]), whole)
            self.study.save_work(instance, ())
        elif verdict.status == "correct":
            self.study.save_work(instance, (*self.answers, text))
        return verdict, state

    def show_verdict(self, text: str, verdict: Verdict, state: Recorded | None) -> None:
        if verdict.status == "correct" and not self.done:
            self.answers.append(text)
            self.accepted.append(self.instance.descent.read_step(text))
            self.query_one(AnswerArea).steps_done(len(self.answers))
        super().show_verdict(text, verdict, state)

    def right(self) -> None:
        if self.done:  # a step in between needs no notice: the feedback says it was right
            self.query_one("#check", Button).disabled = True
            self._offer_lab()
            self.notify("All steps right! F6 runs the rest in the lab.", timeout=5)

    def _offer_lab(self) -> None:
        button = self.query_one("#lab-button", Button)
        button.disabled, button.variant = False, "success"

    # -- help, the lab -----------------------------------------------------------------------------------
    def solution_markdown(self, instance: Instance) -> str:
        return instance.descent.solution(instance.solution)

    async def action_solution(self) -> None:
        await super().action_solution()
        if self.instance is not None:
            self._offer_lab()

    def action_lab(self) -> None:
        if self.instance is None:
            return
        if not (self.done or self.revealed):
            self.notify("Do the steps by hand first; then the lab runs the rest.")
            return
        self.tutor.action_lab(self.instance.descent.lab)
