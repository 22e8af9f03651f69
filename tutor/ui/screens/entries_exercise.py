"""Backprop by hand and optimizer steps: the exercise asks one blank at a time, each checked as typed.

An ExerciseScreen in everything else (hints, solution, moving on). A wrong blank is recorded as an
attempt; the exercise counts as solved once every blank is right. Each right blank is kept in the
store as it is given, so a learner who quits halfway comes back to the blank they were on. An
optimizer exercise then opens the lab (F6), where the optimizers run side by side.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Button

from tutor.core.lessons.instance import Instance
from tutor.core.maths.verdict import Verdict
from tutor.core.recording import Recorded

from ..widgets.answer_area import AnswerArea
from .exercise import ExerciseScreen

Restored = list[tuple[str, tuple[float, ...]]]  # blanks already right: as typed, as read


class EntriesExerciseScreen(ExerciseScreen):
    BINDINGS = [Binding("f6", "lab", "Lab")]
    ONE_STEP = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.answers: list[str] = []
        self.accepted: list[tuple[float, ...]] = []

    @property
    def total(self) -> int:
        return self.instance.hand.total if self.instance is not None else 0

    @property
    def done(self) -> bool:
        return self.instance is not None and len(self.answers) == self.total

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(".buttons").mount(
            Button("Lab F6", id="lab-button", disabled=True, action="screen.lab"), before="#next")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lab":  # only an optimizer exercise has a run to watch
            return self.instance is None or self.instance.hand.lab is not None
        return super().check_action(action, parameters)

    # -- the blanks kept from an earlier visit ---------------------------------------------------------
    def restore(self, instance: Instance) -> Restored:
        """Blanks kept for this variant, checked again (a lesson fixed since may reject one)."""
        kept: Restored = []
        hand = instance.hand
        for k, text in enumerate(self.study.work(instance), start=1):
            if k > hand.total:
                break
            values = hand.read(k, text)
            if values is None or hand.check(k, text, [v for _, v in kept]).status != "correct":
                break
            kept.append((text, values))
        return kept

    def shown(self, restored: Restored) -> None:
        self.answers = [text for text, _ in restored]
        self.accepted = [values for _, values in restored]
        self.query_one(AnswerArea).entries_done(tuple(self.accepted))
        self.query_one("#lab-button", Button).display = self.instance.hand.lab is not None
        self.refresh_bindings()
        if restored and not self.done:
            self.notify(f"Welcome back: {len(self.answers)} of {self.total} values are kept; go on with "
                        f"{self.instance.hand.blanks[len(self.answers)].key}.", timeout=6)

    # -- one blank at a time ------------------------------------------------------------------------------
    def judge(self, instance: Instance, text: str) -> tuple[Verdict, Recorded | None]:
        k = len(self.answers) + 1  # answers are checked one after another, so this is settled
        hand = instance.hand
        if k > hand.total:
            return Verdict("invalid", None, "Every value is done."), None
        verdict = hand.check(k, text, self.accepted)
        key = hand.blanks[k - 1].key
        state = None
        if verdict.status == "incorrect":
            state = self.study.record(instance, f"{key} = {text}", verdict)
        elif verdict.status == "correct" and k == hand.total:
            whole = Verdict("correct", "tolerance", f"All {k} values right.", ms=verdict.ms)
            state = self.study.record(instance, "; ".join([*self.answers, text]), whole)
            self.study.save_work(instance, ())
        elif verdict.status == "correct":
            self.study.save_work(instance, (*self.answers, text))
        return verdict, state

    def show_verdict(self, text: str, verdict: Verdict, state: Recorded | None) -> None:
        if verdict.status == "correct" and not self.done:
            self.answers.append(text)
            self.accepted.append(self.instance.hand.read(len(self.answers), text))
            self.query_one(AnswerArea).entries_done(tuple(self.accepted))
        super().show_verdict(text, verdict, state)

    def right(self) -> None:
        if self.done:  # a blank in between needs no notice: the feedback says it was right
            self.query_one("#check", Button).disabled = True
            lab = self.instance.hand.lab is not None
            if lab:
                self._offer_lab()
            self.notify("All values right!" + (" F6 runs the optimizers in the lab." if lab else
                                               " Next exercise: ctrl+n."), timeout=5)

    def _offer_lab(self) -> None:
        button = self.query_one("#lab-button", Button)
        button.disabled, button.variant = False, "success"

    # -- help, the lab -----------------------------------------------------------------------------------
    def solution_markdown(self, instance: Instance) -> str:
        return instance.hand.solution(instance.solution)

    async def action_solution(self) -> None:
        await super().action_solution()
        if self.instance is not None and self.instance.hand.lab is not None:
            self._offer_lab()

    def action_lab(self) -> None:
        if self.instance is None or self.instance.hand.lab is None:
            return
        if not (self.done or self.revealed):
            self.notify("Do the step by hand first; then the lab runs the optimizers.")
            return
        self.tutor.action_lab(self.instance.hand.lab)
